"""The MLP exercise: the sheet's structure, and fresh sheets a class can work by hand."""

from __future__ import annotations

import numpy as np
import pytest

from handtf.exercises.mlp import MLP_W1, mlp, teachable
from handtf.generate import generate
from handtf.trace import Trace


def check_teachable(trace: Trace) -> None:
    """The rules, stated here on their own rather than through ``teachable``."""
    x = trace.tensor("X").array()
    assert x.shape == (4, 2)  # a batch of two inputs side by side
    assert not (x == 0).all(axis=1).any()  # no feature 0 in both inputs
    for n in (1, 2, 3):
        z, a = trace.tensor(f"Z{n}").array(), trace.tensor(f"A{n}").array()
        assert (z < 0).any(), f"ReLU {n} zeroes nothing"
        assert not (a == 0).all(axis=1).any(), f"a dead neuron in A{n}"
        assert len(np.unique(a, axis=0)) == len(a), f"two rows of A{n} alike"
        assert not np.array_equal(a[:, 0], a[:, 1]), f"the batch's two columns of A{n} alike"
    logits = trace.tensor("Z4").array()
    assert np.abs(logits).max() <= 3 and logits[0, 0] != logits[0, 1]
    assert all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row)


def test_the_mlp_has_the_sheets_layers_and_its_defaults_are_teachable() -> None:
    trace = mlp()
    assert [t.shape for t in (trace.tensor(n) for n in ("W1", "W2", "W3", "W4"))] == [(3, 4), (4, 3), (3, 4), (1, 3)]
    assert [s.output for s in trace.steps] == ["Z1", "A1", "Z2", "A2", "Z3", "A3", "Z4", "Y"]
    assert trace.tensor("X").col_labels == ("x1", "x2")
    y = trace.tensor("Y").array()
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-trace.tensor("Z4").array())), rtol=1e-12)
    check_teachable(trace)
    assert mlp(lang="ko").steps[0].title == "[1] 은닉층 1: W1·X + b1"


def test_teachable_refuses_a_dead_neuron() -> None:
    dead = [row[:] for row in MLP_W1]
    dead[1] = [-1, -1, -1, -1]  # X is not negative, so this neuron's row is all 0 after ReLU
    assert not teachable(mlp(w1=dead))


@pytest.mark.parametrize("seed", range(40))
def test_every_new_mlp_is_a_sheet_a_class_can_work(seed: int) -> None:
    check_teachable(generate("mlp", seed))
