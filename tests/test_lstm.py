"""The LSTM exercise: the sheet's structure, each gate's row beside its weights, and
fresh sheets a class can work by hand."""

from __future__ import annotations

import numpy as np
import pytest

from handtf.errors import HandtfError
from handtf.exercises.lstm import LSTM_X, lstm, teachable
from handtf.generate import generate
from handtf.layout import staircase
from handtf.trace import Trace


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def check_teachable(trace: Trace) -> None:
    """The rules, stated here on their own rather than through ``teachable``."""
    assert all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row)
    hidden = set()
    for t in range(1, 5):
        assert trace.tensor(f"X{t}").array().any(), f"X{t} is all 0"
        for g in "FGIO":
            z = trace.tensor(f"Z{g}{t}").array()
            assert np.abs(z).max() <= 3, f"the {g} gate of time {t} saturates"
            assert z.any(), f"the {g} gate of time {t} is all 0"
        hidden.add(tuple(np.round(trace.tensor(f"H{t}").array()[:, 0], 2)))
    assert len(hidden) == 4, "two hidden states alike"


def test_each_time_step_works_the_four_gates_then_the_memory_then_the_hidden_state() -> None:
    trace = lstm()
    kinds = [s.kind for s in trace.steps[:12]]
    assert kinds == ["stack", *["linear", "sigmoid", "linear", "tanh", "linear", "sigmoid", "linear", "sigmoid"]] + [
        "cell_update",
        "tanh",
        "multiply",
    ]
    c, h = np.zeros((2, 1)), np.zeros((2, 1))
    for t in range(1, 5):
        xh = np.vstack([trace.tensor(f"X{t}").array(), h])
        gate = {g: trace.tensor(f"W{g.lower()}").array() @ xh + trace.tensor(f"b{g.lower()}").array() for g in "FGIO"}
        c = sigmoid(gate["F"]) * c + sigmoid(gate["I"]) * np.tanh(gate["G"])
        h = sigmoid(gate["O"]) * np.tanh(c)
        np.testing.assert_allclose(trace.tensor(f"C{t}").array(), c, rtol=1e-12)
        np.testing.assert_allclose(trace.tensor(f"H{t}").array(), h, rtol=1e-12)
    check_teachable(trace)
    assert lstm(lang="ko").steps[9].title == "[10] 시점 1: 기억 갱신 C1 = F1 ⊙ C0 + I1 ⊙ G1"


def test_the_four_gates_read_one_row_of_1s() -> None:
    trace = lstm()
    gates = [s for s in trace.steps if s.kind == "linear" and s.output.endswith("1")]
    assert len(gates) == 4 and {s.inputs[-1] for s in gates} == {"1s(XH1)"}
    assert sum(1 for t in trace.tensors if t.name == "1s(XH1)") == 1


def test_each_gate_of_every_time_step_joins_the_row_of_its_weights() -> None:
    layout = staircase(lstm())
    for g in "FGIO":
        weights = layout.boxes[f"W{g.lower()}"]
        assert {layout.boxes[f"Z{g}{t}"].row for t in range(1, 5)} == {weights.row}
        assert not any(key[1] == f"W{g.lower()}" for key in layout.copies)  # the weights are written once
    xs = [layout.boxes[f"XH{t}"] for t in range(1, 5)]
    assert [b.row for b in xs] == [0] * 4 and [b.col for b in xs] == sorted(b.col for b in xs)
    for t in range(1, 5):  # each input column holds its own time step's weighted sums
        assert {layout.boxes[f"Z{g}{t}"].col for g in "FGIO"} == {xs[t - 1].col}


def test_teachable_refuses_a_saturated_gate() -> None:
    assert teachable(lstm())
    assert not teachable(lstm(x=(4 * np.asarray(LSTM_X)).tolist()))


def test_an_x_without_time_steps_is_refused() -> None:
    with pytest.raises(HandtfError, match="one column per time step"):
        lstm(x=[1, 2, 3])


@pytest.mark.parametrize("seed", range(30))
def test_every_new_lstm_is_a_sheet_a_class_can_work(seed: int) -> None:
    check_teachable(generate("lstm", seed))
