"""Grouping ops by detail: a cell, a row or a whole step at a time."""

from __future__ import annotations

import pytest

from handtf import HandtfError, group_ops, transformer


def test_cell_detail_is_one_op_per_group_with_its_arithmetic() -> None:
    step = transformer().steps[1]
    groups = group_ops(step, "cell")
    assert len(groups) == 15
    assert (groups[0].label, groups[0].arithmetic) == ("P1 · A1 = Z[1,1]", "5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11")


def test_row_detail_groups_each_output_row() -> None:
    step = transformer().steps[2]
    groups = group_ops(step, "row")
    assert [len(g.ops) for g in groups] == [5, 5, 5, 5]
    assert groups[3].arithmetic == "row 4 of H:  -8  1  -1  -3  -1"
    assert {op.out.row for op in groups[3].ops} == {3}


def test_step_detail_is_one_group_with_the_formula() -> None:
    step = transformer().steps[4]
    (group,) = group_ops(step, "step")
    assert group.label == "Y = W2 · R + b2" and len(group.ops) == 15
    assert group_ops(transformer().steps[0], "step") == ()


def test_unknown_detail_is_an_error() -> None:
    with pytest.raises(HandtfError, match="unknown detail 'pixel'"):
        group_ops(transformer().steps[1], "pixel")  # type: ignore[arg-type]
