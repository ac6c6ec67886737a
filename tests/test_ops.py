"""The ops against numpy, on the seed and on random shapes and values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handtf import Chain, HandtfError, Tensor, group_ops, replay
from handtf.kinds import kind_of
from handtf.kinds.kind import Result
from tests.strategies import matrices


def compute(kind: str, *inputs: Tensor, out: str, **params: object) -> Result:
    """One step's values and cell ops, worked out by its registered kind."""
    return kind_of(kind).compute(inputs, out, params)


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
        compute("matmul", x, w, out="Z")


def test_linear_checks_bias_and_ones() -> None:
    w = Tensor.of("W", "weight", [[1, 0], [0, 1]])
    x = Tensor.of("X", "input", [[1, 2], [3, 4]])
    ones = Tensor.of("1s", "ones", [[1, 1]])
    with pytest.raises(HandtfError, match="bias b must be a column of 2 values"):
        compute("linear", w, Tensor.of("b", "bias", [[1, 2]]), x, ones, out="H")
    with pytest.raises(HandtfError, match="must be a row of 2 ones"):
        compute("linear", w, Tensor.of("b", "bias", [[1], [2]]), x, Tensor.of("1s", "ones", [[1, 2]]), out="H")


def test_relu_zeroes_only_negatives() -> None:
    values, ops = compute("relu", Tensor.of("H", "hidden", [[-2, 0, 3]]), out="R")
    assert values.tolist() == [[0, 0, 3]]
    assert [op.arithmetic for op in ops] == ["max(0, -2) = 0", "max(0, 0) = 0", "max(0, 3) = 3"]


def test_decimals_show_with_two_places() -> None:
    _, ops = compute("matmul", Tensor.of("X", "input", [[0.5, 1.25]]), Tensor.of("A", "attention", [[2], [1]]), out="Z")
    assert ops[0].arithmetic == "0.50·2 + 1.25·1 = 2.25"


@st.composite
def attention_cases(draw: st.DrawFn) -> dict[str, np.ndarray]:
    """Random small shapes and integers for Q, K and V projections of X."""
    dims, positions, dk = (draw(st.integers(1, 5)) for _ in range(3))
    small = st.integers(-2, 2)
    return {
        "X": np.array(
            draw(st.lists(st.lists(small, min_size=positions, max_size=positions), min_size=dims, max_size=dims))
        ),
        "Wq": np.array(draw(st.lists(st.lists(small, min_size=dims, max_size=dims), min_size=dk, max_size=dk))),
        "Wk": np.array(draw(st.lists(st.lists(small, min_size=dims, max_size=dims), min_size=dk, max_size=dk))),
    }


@settings(max_examples=60, deadline=None)
@given(attention_cases())
def test_replaying_random_self_attention_equals_numpy(v: dict[str, np.ndarray]) -> None:
    chain = Chain("random attention")
    x = chain.given("X", "input", v["X"])
    q = chain.matmul("q", "[1] Q", chain.given("Wq", "weight", v["Wq"]), x, "Q")
    k = chain.matmul("k", "[2] K", chain.given("Wk", "weight", v["Wk"]), x, "K")
    kt = chain.transpose("kt", "[3] Kᵀ", k, "Kᵀ")
    s = chain.matmul("s", "[4] S", kt, q, "S")
    dk = v["Wq"].shape[0]
    try:
        scaled = chain.scale("sc", "[5] scale", s, 1 / np.sqrt(dk), f"1/√{dk}", "T")
        a = chain.softmax(("e", "sum", "div"), ("[6]", "[7]", "[8]"), scaled, ("E", "Σ", "A"))
    except HandtfError as exc:
        assert "too large for any number to hold" in str(exc)
        return
    chain.add("res", "[9] residual", a, chain.given("I", "input", np.eye(a.shape[0])), "B")
    trace = chain.trace()

    scores = (v["Wk"] @ v["X"]).T @ (v["Wq"] @ v["X"]) / np.sqrt(dk)
    expected = np.exp(scores) / np.exp(scores).sum(axis=0)
    rebuilt = replay(trace)
    np.testing.assert_allclose(rebuilt["A"], expected, rtol=1e-9)
    np.testing.assert_allclose(rebuilt["A"].sum(axis=0), 1.0, rtol=1e-9)
    np.testing.assert_allclose(rebuilt["B"], expected + np.eye(expected.shape[0]), rtol=1e-9)
    np.testing.assert_allclose(rebuilt["Kᵀ"], (v["Wk"] @ v["X"]).T)


def test_the_new_ops_write_their_arithmetic_by_hand() -> None:
    t = Tensor.of("T", "hidden", [[0, 1], [2, -1]])
    assert compute("transpose", t, out="U")[0].tolist() == [[0, 2], [1, -1]]
    assert compute("scale", t, out="S", factor=0.5, factor_text="1/√4")[1][1].label == "T[1,2] × 1/√4 = S[1,2]"
    assert compute("exp", t, out="E")[1][2].arithmetic == "exp(2) = 7.39"
    assert compute("colsum", t, out="Σ")[1][0].arithmetic == "0 + 2 = 2"
    e = Tensor.of("E", "hidden", [[1, 3], [3, 1]])
    sums = Tensor.of("Σ", "hidden", compute("colsum", e, out="Σ")[0])
    assert compute("divide", e, sums, out="A")[1][0].arithmetic == "1 / 4 = 0.25"
    assert compute("add", t, t, out="B")[1][3].arithmetic == "(-1) + (-1) = -2"
    assert compute("exp", Tensor.of("S", "hidden", [[46.19]]), out="E")[1][0].arithmetic == "exp(46.19) ≈ 1.1e20"
    assert compute("exp", Tensor.of("S", "hidden", [[-97.12]]), out="E")[1][0].arithmetic == "exp(-97.12) ≈ 0"
    with pytest.raises(HandtfError, match="too large for any number to hold"):
        compute("exp", Tensor.of("S", "hidden", [[800]]), out="E")
    with pytest.raises(HandtfError, match="a column cannot be divided by 0"):
        compute("divide", t, Tensor.of("Z", "hidden", [[0, 1]]), out="A")
    with pytest.raises(HandtfError, match="they need the same shape"):
        compute("add", t, Tensor.of("W", "hidden", [[1]]), out="B")
