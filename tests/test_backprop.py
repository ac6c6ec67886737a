"""The backpropagation exercise: every gradient against numpy's, each layer's gradients
in its own row of the page, and fresh sheets a class can work by hand."""

from __future__ import annotations

import numpy as np
import pytest

from handtf.exercises.backprop import BP_LR, backprop, teachable
from handtf.generate import generate
from handtf.layout import staircase
from handtf.trace import Trace


def check_teachable(trace: Trace) -> None:
    assert all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row)
    for n in (1, 2):
        assert (trace.tensor(f"Z{n}").array() < 0).any(), f"the mask M{n} has no 0 to stop a gradient"
        assert not (trace.tensor(f"A{n}").array() == 0).all(axis=1).any(), f"ReLU of Z{n} zeroes a whole row"
    assert np.abs(trace.tensor("Z3").array()).max() <= 3
    y = trace.tensor("Y").array()
    assert (y.sum(axis=0) == 1).all() and set(np.unique(y)) <= {0, 1}


def test_every_gradient_is_numpys() -> None:
    trace = backprop()
    t = {x.name: x.array() for x in trace.tensors}
    a = [t["X"]]
    zs = []
    for n in (1, 2, 3):
        zs.append(t[f"W{n}"] @ a[-1] + t[f"b{n}"])
        a.append(np.maximum(zs[-1], 0))
    p = np.exp(zs[2]) / np.exp(zs[2]).sum(axis=0)
    np.testing.assert_allclose(t["P"], p)
    g = p - t["Y"]
    for n in (3, 2, 1):
        np.testing.assert_allclose(t[f"G{n}"], g, err_msg=f"G{n}")
        np.testing.assert_allclose(t[f"∂W{n}"], g @ a[n - 1].T, err_msg=f"∂W{n}")
        np.testing.assert_allclose(t[f"∂b{n}"], g.sum(axis=1, keepdims=True), err_msg=f"∂b{n}")
        np.testing.assert_allclose(t[f"W{n}'"], t[f"W{n}"] - BP_LR * g @ a[n - 1].T)
        np.testing.assert_allclose(t[f"b{n}'"], t[f"b{n}"] - BP_LR * g.sum(axis=1, keepdims=True))
        if n > 1:
            g = (t[f"W{n}"].T @ g) * (zs[n - 2] > 0)  # passed down, then ReLU's mask
    check_teachable(trace)


def test_each_layers_gradients_sit_in_its_own_row_right_of_its_forward_values() -> None:
    boxes = staircase(backprop()).boxes
    for n, rows_of in ((3, "Z3"), (2, "Z2"), (1, "Z1")):
        band = boxes[rows_of]
        for name in (f"G{n}", f"∂W{n}", f"∂b{n}", f"W{n}'", f"b{n}'"):
            assert boxes[name].row == band.row, name
            assert boxes[name].col > boxes["A1" if n == 1 else f"A{n}" if n < 3 else "P"].right, name
    assert boxes["D2"].row == boxes["A2"].row and boxes["D1"].row == boxes["A1"].row  # passed back up the page
    assert boxes["M2"].row == boxes["Z2"].row and boxes["M1"].row == boxes["Z1"].row


def test_teachable_wants_a_one_hot_target() -> None:
    assert teachable(backprop())
    assert not teachable(backprop(y=[[1, 1], [0, 0], [0, 1]]))


@pytest.mark.parametrize("seed", range(30))
def test_every_new_backprop_is_a_sheet_a_class_can_work(seed: int) -> None:
    check_teachable(generate("backprop", seed))
