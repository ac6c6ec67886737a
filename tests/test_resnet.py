"""The ResNet exercise: X + f(X) worked with an identity beside W2, as the sheet does,
and fresh sheets a class can work by hand."""

from __future__ import annotations

import numpy as np
import pytest

from handtf.exercises.resnet import resnet, teachable
from handtf.generate import generate
from handtf.layout import staircase
from handtf.trace import Trace


def check_teachable(trace: Trace) -> None:
    assert all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row)
    for z, a in (("Z1", "A1"), ("Z2", "A2")):
        assert (trace.tensor(z).array() < 0).any(), f"ReLU of {z} zeroes nothing"
        assert not (trace.tensor(a).array() == 0).all(axis=1).any(), f"ReLU of {z} zeroes a whole row"
    assert not np.array_equal(trace.tensor("Z2").array(), trace.tensor("X").array()), "f(X) adds nothing"
    logits = trace.tensor("Z3").array()
    assert np.abs(logits).max() <= 3 and logits[0, 0] != logits[0, 1]


def test_the_block_adds_its_input_through_the_identity() -> None:
    trace = resnet()
    x, a1 = trace.tensor("X").array(), trace.tensor("A1").array()
    w2, b2 = trace.tensor("W2").array(), trace.tensor("b2").array()
    np.testing.assert_array_equal(trace.tensor("Z2").array(), x + w2 @ a1 + b2)
    np.testing.assert_array_equal(trace.tensor("W").array()[:, :4], np.eye(4))
    check_teachable(trace)
    layer = next(s for s in trace.steps if s.output == "Z2")
    assert layer.ops[0].terms[:4] == ((1, x[0, 0]), (0, x[1, 0]), (0, x[2, 0]), (0, x[3, 0]))  # the skip: 1·x


def test_the_skip_path_is_drawn_as_x_written_again_over_a1() -> None:
    layout = staircase(resnet())
    x_copy, a1_copy = layout.copies[("skip", "X")], layout.copies[("skip", "A1")]
    assert a1_copy.row == x_copy.bottom and a1_copy.col == x_copy.col and a1_copy.tag_left
    assert layout.boxes["XA"].row == x_copy.row


def test_teachable_refuses_a_block_that_changes_nothing() -> None:
    assert teachable(resnet())
    assert not teachable(resnet(w2=np.zeros((4, 3)).tolist(), b2=[[0]] * 4))


@pytest.mark.parametrize("seed", range(30))
def test_every_new_resnet_is_a_sheet_a_class_can_work(seed: int) -> None:
    check_teachable(generate("resnet", seed))
