"""The ops against numpy, on the seed and on random shapes and values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handtf import Chain, HandtfError, Tensor, group_ops, replay
from handtf.ops import linear, matmul, relu
from tests.strategies import matrices


@st.composite
def ffn_chains(draw: st.DrawFn) -> tuple[dict[str, np.ndarray], bool]:
    """Random shapes and values for X·A, then linear, relu and linear."""
    dims, positions, hidden, out = (draw(st.integers(1, 6)) for _ in range(4))
    floats = draw(st.booleans())
    values = {
        "X": draw(matrices(dims, positions, floats)),
        "A": draw(matrices(positions, positions, floats)),
        "W1": draw(matrices(hidden, dims, floats)),
        "b1": draw(matrices(hidden, 1, floats)),
        "W2": draw(matrices(out, hidden, floats)),
        "b2": draw(matrices(out, 1, floats)),
    }
    return values, floats


@settings(max_examples=60, deadline=None)
@given(ffn_chains())
def test_replaying_a_random_trace_equals_numpy(case: tuple[dict[str, np.ndarray], bool]) -> None:
    v, _ = case
    chain = Chain("random")
    x, a = chain.given("X", "input", v["X"]), chain.given("A", "attention", v["A"])
    chain.show("a", "[1] A", a)
    z = chain.matmul("z", "[2] Z", x, a, "Z")
    h = chain.linear("h", "[3] H", chain.given("W1", "weight", v["W1"]), chain.given("b1", "bias", v["b1"]), z, "H")
    r = chain.relu("r", "[4] R", h, "R")
    chain.linear("y", "[5] Y", chain.given("W2", "weight", v["W2"]), chain.given("b2", "bias", v["b2"]), r, "Y")
    trace = chain.trace()

    expected_z = v["X"] @ v["A"]
    expected_h = v["W1"] @ expected_z + v["b1"]
    expected_r = np.maximum(expected_h, 0)
    expected_y = v["W2"] @ expected_r + v["b2"]
    rebuilt = replay(trace)
    for name, expected in {"Z": expected_z, "H": expected_h, "R": expected_r, "Y": expected_y}.items():
        np.testing.assert_allclose(rebuilt[name], expected, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(trace.tensor(name).array(), expected, rtol=1e-9, atol=1e-9)
    # Every output cell is written exactly once, and groups at every detail cover all ops.
    for step in trace.steps:
        cells = [op.out for op in step.ops]
        assert len(cells) == len(set(cells))
        for detail in ("cell", "row", "step"):
            assert [op for g in group_ops(step, detail) for op in g.ops] == list(step.ops)  # type: ignore[arg-type]


def test_matmul_needs_shapes_that_chain() -> None:
    x = Tensor.of("X", "input", [[1, 2, 3]])
    w = Tensor.of("W", "weight", [[1, 2]])
    with pytest.raises(HandtfError, match="cannot multiply X \\(1x3\\) by W \\(1x2\\)"):
        matmul(x, w, "Z")


def test_linear_checks_bias_and_ones() -> None:
    w = Tensor.of("W", "weight", [[1, 0], [0, 1]])
    x = Tensor.of("X", "input", [[1, 2], [3, 4]])
    ones = Tensor.of("1s", "ones", [[1, 1]])
    with pytest.raises(HandtfError, match="bias b must be a column of 2 values"):
        linear(w, Tensor.of("b", "bias", [[1, 2]]), x, ones, "H")
    with pytest.raises(HandtfError, match="must be a row of 2 ones"):
        linear(w, Tensor.of("b", "bias", [[1], [2]]), x, Tensor.of("1s", "ones", [[1, 2]]), "H")


def test_relu_zeroes_only_negatives() -> None:
    values, ops = relu(Tensor.of("H", "hidden", [[-2, 0, 3]]), "R")
    assert values.tolist() == [[0, 0, 3]]
    assert [op.arithmetic for op in ops] == ["max(0, -2) = 0", "max(0, 0) = 0", "max(0, 3) = 3"]


def test_decimals_show_with_two_places() -> None:
    _, ops = matmul(Tensor.of("X", "input", [[0.5, 1.25]]), Tensor.of("A", "attention", [[2], [1]]), "Z")
    assert ops[0].arithmetic == "0.50·2 + 1.25·1 = 2.25"
