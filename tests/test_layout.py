"""The staircase layout (pure Python, no Manim)."""

from __future__ import annotations

from itertools import combinations

import pytest

from handtf import transformer
from handtf.exercises import EXERCISES
from handtf.layout import Box, staircase


def overlaps(a: Box, b: Box) -> bool:
    return a.col < b.right and b.col < a.right and a.row < b.bottom and b.row < a.bottom


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_no_two_matrices_overlap_and_arrows_sit_in_free_cells(name: str) -> None:
    layout = staircase(EXERCISES[name].build())
    boxes = [*layout.boxes.items(), *((f"copy of {n}", b) for (_, n), b in layout.copies.items())]
    for (na, a), (nb, b) in combinations(boxes, 2):
        assert not overlaps(a, b), (na, nb)
    for arrows in layout.arrows.values():
        for col, row, _ in arrows:
            assert not any(overlaps(Box(col, row, 1, 1), box) for _, box in boxes)


def test_rows_of_weights_and_columns_of_inputs_meet_at_the_output() -> None:
    trace = transformer()
    boxes = staircase(trace).boxes
    for step in trace.steps:
        if step.kind in ("matmul", "linear"):
            left, right = step.inputs[0], step.inputs[-2 if step.kind == "linear" else 1]
            out = boxes[step.output]
            assert boxes[left].row == out.row and boxes[left].right < out.col  # weights to the left, same rows
            assert boxes[right].col == out.col and boxes[right].bottom < out.row  # input above, same columns
        if step.kind == "linear":
            weights, bias, x, ones = step.inputs
            assert boxes[bias].col == boxes[weights].right  # "b" right beside the weights
            assert (boxes[ones].col, boxes[ones].row) == (boxes[x].col, boxes[x].bottom)  # 1s under the input


def test_the_walkthrough_flows_down_and_right() -> None:
    trace = transformer()
    boxes = staircase(trace).boxes
    outputs = [boxes[s.output] for s in trace.steps if s.ops]
    assert all(b.row >= a.row and b.col >= a.col for a, b in zip(outputs, outputs[1:], strict=False))
    assert outputs[-1].row > outputs[0].row and outputs[-1].col > outputs[0].col


def test_a_left_operand_placed_elsewhere_is_copied_beside_its_product() -> None:
    layout = staircase(EXERCISES["self-attention"].build())
    v, z = layout.copies[("attention-weighting", "V")], layout.boxes["Z"]
    assert (v.row, v.right) == (z.row, z.col - 1)  # V written out again left of Z, row beside row
    kt, s = layout.boxes["Kᵀ"], layout.boxes["S"]
    assert (kt.row, kt.right) == (s.row, s.col - 1)  # Kᵀ placed by the scores, not beside K
    # X, far above V once Q and K sit under it, is written out again right above V.
    x, v_made = layout.copies[("values", "X")], layout.boxes["V"]
    assert (x.col, x.bottom + 1) == (v_made.col, v_made.row)
