"""The RNN exercise: the sheet's structure, time running left to right, and fresh
sheets a class can work by hand."""

from __future__ import annotations

import numpy as np
import pytest

from handtf.errors import HandtfError
from handtf.exercises.rnn import RNN_X, rnn, teachable
from handtf.generate import generate
from handtf.layout import staircase
from handtf.trace import Trace


def check_teachable(trace: Trace) -> None:
    """The rules, stated here on their own rather than through ``teachable``."""
    assert all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row)
    for t in range(1, 5):
        f = trace.tensor(f"F{t}").array()
        assert trace.tensor(f"X{t}").array().any(), f"X{t} is all 0"
        assert np.abs(f).max() <= 3, f"tanh of F{t} is stuck at ±1"
        assert f.any(), f"F{t} is all 0"
    h = np.round(trace.tensor("H").array(), 2)
    assert np.unique(h, axis=1).shape[1] == 4, "two hidden states alike"
    o = trace.tensor("O").array()
    assert np.abs(o).max() <= 3 and len(np.unique(np.round(o, 2))) > 1


def test_each_time_step_stacks_its_input_on_the_last_hidden_state_and_takes_tanh() -> None:
    trace = rnn()
    assert [s.kind for s in trace.steps[1:4]] == ["stack", "linear", "tanh"]
    x, w, b = trace.tensor("X2").array(), trace.tensor("W").array(), trace.tensor("bh").array()
    h1 = trace.tensor("H1").array()
    np.testing.assert_allclose(trace.tensor("XH2").array(), np.vstack([x, h1]))
    np.testing.assert_allclose(trace.tensor("H2").array(), np.tanh(w @ np.vstack([x, h1]) + b), rtol=1e-12)
    np.testing.assert_allclose(w, np.hstack([trace.tensor("Wx").array(), trace.tensor("Wh").array()]))
    y = trace.tensor("Y").array()
    assert y.shape == (1, 4)  # one output per time step
    check_teachable(trace)
    assert rnn(lang="ko").steps[2].title == "[3] 시점 1: F1 = Wx·X1 + Wh·H0 + bh"


def test_time_runs_left_to_right_and_each_fₜ_joins_the_row_of_the_weights() -> None:
    layout = staircase(rnn())
    xs = [layout.boxes[f"X{t}"] for t in range(1, 5)]
    assert [b.row for b in xs] == [0] * 4 and [b.col for b in xs] == sorted(b.col for b in xs)
    fs = [layout.boxes[f"F{t}"] for t in range(1, 5)]
    assert len({b.row for b in fs}) == 1  # one row, beside the one [Wx | Wh | bh]
    for t in range(2, 5):  # the last hidden state is written again under the next input
        copy = layout.copies[(f"input-{t}", f"H{t - 1}")]
        assert (copy.col, copy.row) == (xs[t - 1].col, xs[t - 1].bottom)
        assert layout.boxes[f"XH{t}"].col == fs[t - 1].col


def test_teachable_refuses_a_saturated_tanh() -> None:
    assert teachable(rnn())
    assert not teachable(rnn(x=(3 * np.asarray(RNN_X)).tolist()))


def test_an_x_without_time_steps_is_refused() -> None:
    with pytest.raises(HandtfError, match="one column per time step"):
        rnn(x=[1, 2, 3, 4])


@pytest.mark.parametrize("seed", range(30))
def test_every_new_rnn_is_a_sheet_a_class_can_work(seed: int) -> None:
    check_teachable(generate("rnn", seed))
