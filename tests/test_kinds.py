"""The contract every registered op kind keeps, checked for each kind in the registry."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from handtf import Chain, HandtfError, Trace, group_ops, replay
from handtf.kinds import Kind, kind_of, kinds, spec_forms
from handtf.layout import Box, staircase
from handtf.spec import export_spec, spec_from_text
from handtf.storyboard import storyboard
from tests.strategies import matrices

COMPUTING = [k for k in kinds() if k.computes]


def example_params(kind: Kind) -> dict[str, Any]:
    """The kind's parameters at their example values, checked and completed."""
    return kind.read_params({p.name: p.example for p in kind.params if p.example is not None}, ())


def worked(kind: Kind, arrays: list[np.ndarray]) -> Trace:
    """A trace of one step of ``kind`` over the given arrays."""
    chain = Chain(f"one {kind.op}")
    inputs = [chain.given(f"M{k + 1}", "input", a) for k, a in enumerate(arrays)]
    chain.apply(kind.name, kind.op, f"[1] {kind.op}", inputs, "OUT", **example_params(kind))
    return chain.trace()


@st.composite
def cases(draw: st.DrawFn, kind: Kind) -> tuple[list[np.ndarray], bool]:
    rows, inner, cols = (draw(st.integers(1, 4)) for _ in range(3))
    floats = draw(st.booleans())
    arrays = [draw(matrices(r, c, floats)) for r, c in kind.input_shapes(rows, inner, cols)]
    return kind.example_inputs(arrays), floats


@pytest.mark.parametrize("kind", COMPUTING, ids=lambda k: k.name)
def test_replay_equals_numpy_on_random_inputs(kind: Kind) -> None:
    @settings(max_examples=40, deadline=None)
    @given(cases(kind))
    def check(case: tuple[list[np.ndarray], bool]) -> None:
        arrays, _ = case
        try:
            trace = worked(kind, arrays)
        except HandtfError:  # outside what a cell shows (exp(9)), or a 0 to divide by
            assume(False)
            return
        expected = kind.reference([a.astype(float) for a in arrays], example_params(kind))
        np.testing.assert_allclose(replay(trace)["OUT"], expected, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(trace.tensor("OUT").array(), expected, rtol=1e-9, atol=1e-9)

    check()


def example(kind: Kind) -> Trace:
    shapes = kind.input_shapes(2, 3, 3)
    cycle = np.array([2, -1, 3, 1, -2, 4])  # no 0s, so any kind can divide by them
    values = [np.resize(cycle, (r, c)) for r, c in shapes]
    return worked(kind, kind.example_inputs(values))


@pytest.mark.parametrize("kind", COMPUTING, ids=lambda k: k.name)
def test_the_spec_round_trip_holds(kind: Kind) -> None:
    trace = example(kind)
    text = export_spec(trace)
    again = spec_from_text(text, "toml")
    assert again == trace
    assert export_spec(again) == text


@pytest.mark.parametrize("kind", COMPUTING, ids=lambda k: k.name)
def test_the_layout_has_no_overlap(kind: Kind) -> None:
    layout = staircase(example(kind))
    boxes = [*layout.boxes.values(), *layout.copies.values()]

    def overlaps(a: Box, b: Box) -> bool:
        return a.col < b.right and b.col < a.right and a.row < b.bottom and b.row < a.bottom

    assert not any(overlaps(a, b) for a, b in combinations(boxes, 2))
    assert "OUT" in layout.boxes


@pytest.mark.parametrize("kind", COMPUTING, ids=lambda k: k.name)
@pytest.mark.parametrize("detail", ["cell", "row", "step"])
def test_the_storyboard_writes_every_op_once_at_every_detail(kind: Kind, detail: str) -> None:
    trace = example(kind)
    (step,) = trace.steps
    assert step.ops
    assert [op for g in group_ops(step, detail) for op in g.ops] == list(step.ops)  # type: ignore[arg-type]
    board = storyboard(trace, detail)  # type: ignore[arg-type]
    writes = [w for shot in board.shots for b in shot.beats if b.kind in ("write", "give") for w in b.writes]
    assert [(w.cell, w.value) for w in writes] == [(op.out, op.value) for op in step.ops]
    assert sum(b.ops for shot in board.shots for b in shot.beats) == len(step.ops)


def test_a_composite_is_a_sequence_of_registered_kinds() -> None:
    from handtf.kinds import Composite

    composites = [f for f in spec_forms() if isinstance(f, Composite)]
    assert composites
    for form in composites:
        assert all(kind_of(name).name == name for name, _ in form.parts)


def test_sigmoid_of_large_numbers_does_not_overflow() -> None:
    from handtf import Tensor

    _, ops = kind_of("sigmoid").compute((Tensor.of("H", "hidden", [[-1000, 1000]]),), "S", {})
    assert [op.value for op in ops] == [0, 1]
    assert ops[0].arithmetic == "σ(-1000) = 1/(1+e^(1000)) = 0"


@pytest.mark.parametrize("kind", COMPUTING, ids=lambda k: k.name)
def test_each_op_is_worked_out_again_by_a_rule_of_its_kind(kind: Kind) -> None:
    (step,) = example(kind).steps
    assert {op.kind for op in step.ops} <= {rule.name for rule in kind.rules}
    assert all(op.computed() == op.value for op in step.ops)


def test_every_spec_op_has_words_in_every_language() -> None:
    from handtf.text import LANGS, say

    for form in spec_forms():
        for lang in LANGS:
            assert say(lang, f"kind.{form.op}")


def test_a_trace_with_an_unknown_kind_fails_as_it_loads() -> None:
    data = example(kind_of("relu")).to_dict()
    data["steps"][0]["kind"] = "conv"
    with pytest.raises(HandtfError, match=r"unknown step kind 'conv'; handtf knows: given, matmul, linear, relu"):
        Trace.from_dict(data)
    data["steps"][0]["kind"] = "relu"
    data["steps"][0]["ops"][0]["kind"] = "conv"
    with pytest.raises(
        HandtfError, match=r"unknown cell op kind 'conv'; handtf knows: add, back, cell_update, concat, copy, cos"
    ):
        Trace.from_dict(data)


@pytest.mark.render
@pytest.mark.parametrize("kind", COMPUTING, ids=lambda k: k.name)
def test_a_still_renders_at_tiny_size(kind: Kind, tmp_path: Any) -> None:
    pytest.importorskip("manim")
    from PIL import Image

    from handtf.scenes.render import render_figures
    from handtf.storyboard import storyboard

    paths = render_figures(example(kind), tmp_path, width=160)
    assert sorted(p.name for p in paths) == ["00-overview.png", f"01-{kind.op.replace('_', '-')}.png"]
    figure = storyboard(example(kind)).figure
    assert figure is not None
    for path in paths:
        with Image.open(path) as image:
            if path.name == "00-overview.png":  # the sheet's own proportions
                assert image.width == 160
                assert abs(image.height - 160 * figure.view.height / figure.view.width) <= 1
            else:
                assert image.size == (160, 90)
            assert len(np.unique(np.asarray(image.convert("L")))) > 2  # something is drawn


def test_the_five_kinds_chain_in_a_spec_as_numpy_works_them() -> None:
    from pathlib import Path

    from handtf.spec import load_spec

    trace = load_spec(Path(__file__).parent / "specs" / "five-kinds.toml")
    h, g = trace.tensor("H").array(), trace.tensor("G").array()
    p = 1 / (1 + np.exp(-h)) * np.tanh(g)
    expected = p - np.where(h > 0, h, 0.1 * h)
    np.testing.assert_allclose(replay(trace)["D"], expected, rtol=1e-9)
    ops = {op.label: op.arithmetic for step in trace.steps for op in step.ops}
    assert ops["σ(H[1,1]) = S[1,1]"] == "σ(2) = 1/(1+e^(-2)) = 0.88"
    assert ops["tanh(G[1,1]) = T[1,1]"] == "tanh(1) = 0.76"
    assert ops["LeakyReLU(H[2,2]) = L[2,2]"] == "max(0.1·(-3), -3) = -0.30"
    assert ops["S[1,1] ⊙ T[1,1] = P[1,1]"] == "0.88 ⊙ 0.76 = 0.67"
    assert ops["P[1,1] − L[1,1] = D[1,1]"] == "0.67 − 2 = -1.33"
    layout = staircase(trace)
    assert layout.boxes["L"].col == layout.boxes["H"].col  # under H: the row right of it is taken
