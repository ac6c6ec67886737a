"""Fresh exercises: by-hand-friendly numbers, the same for the same seed."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from handtf import HandtfError, Trace
from handtf.cli import cli
from handtf.generate import GENERATORS, generate
from handtf.spec import export_spec, spec_from_text

# The whole transformer's column sums of exps (over the vocabulary, too) take three digits.
DIGITS = {"transformer-full-stack": 999, "temperature": 999}  # e^(3/0.5), as the sheet has e^ in the hundreds


def check_by_hand_friendly(trace: Trace, limit: float = 99) -> None:
    given_names = {t.name for t in trace.tensors} - trace.produced()
    # A random number to sample with is from 0 up to 1, as the Temperature sheet's r.
    randoms = {s.inputs[1] for s in trace.steps if s.kind == "sample"}
    for t in trace.tensors:
        values = [v for row in t.values for v in row]
        assert all(abs(v) <= limit for v in values), t.name  # two digits at most (three, in the full stack)
        if t.name in randoms:
            assert all(0 <= v < 1 for v in values), t.name
        elif t.name in given_names:
            assert all(isinstance(v, int) for v in values), t.name  # small integers
            if t.role != "output":  # a result given (a drill's, to find a missing entry) is as big as results are
                assert all(abs(v) <= 7 for v in values), t.name
        if t.role == "weight" and not t.name.startswith("γ"):
            assert set(values) <= {-1, 0, 1}, t.name
        if t.name.startswith("γ"):  # a layer norm's scale: 1 or 2
            assert set(values) <= {1, 2}, t.name
    relu = [op for s in trace.steps for op in s.ops if op.kind == "relu"]
    if relu:
        assert any(op.terms[0][1] < 0 for op in relu)  # ReLU has something to zero
    if "S'" in given_names | trace.produced():
        assert all(abs(v) <= 3 for row in trace.tensor("S'").values for v in row)  # exp stays small


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(GENERATORS)), st.integers(0, 2**32 - 1))
def test_every_seed_gives_a_by_hand_friendly_exercise(name: str, seed: int) -> None:
    check_by_hand_friendly(generate(name, seed), DIGITS.get(name, 99))


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_the_same_seed_gives_the_same_exercise_and_others_differ(name: str) -> None:
    assert export_spec(generate(name, 7)) == export_spec(generate(name, 7))
    assert len({export_spec(generate(name, seed)) for seed in range(5)}) == 5


def test_new_prints_a_spec_that_loads_back() -> None:
    result = CliRunner().invoke(cli, ["new", "transformer", "--seed", "7"])
    assert result.exit_code == 0
    trace = spec_from_text(result.output, "toml")
    assert trace.title == "Transformer by hand (7)"
    check_by_hand_friendly(trace)


def test_an_unknown_shape_is_a_clear_error() -> None:
    with pytest.raises(
        HandtfError,
        match=f"cannot make a new 'nope'; handtf makes new {', '.join(sorted(GENERATORS))}$",
    ):
        generate("nope", 1)


def check_block_is_teachable(trace: Trace) -> None:
    """The rules of the article's block, stated here on their own: ReLU zeroes some
    cells but no whole row, and no two rows or two columns of Y are alike."""
    h, r, y = (trace.tensor(n).array() for n in ("H", "R", "Y"))
    assert (h < 0).any(), "ReLU has nothing to zero"
    assert not (r == 0).all(axis=1).any(), "ReLU zeroes a whole row"
    y = np.round(y, 2)
    assert len({tuple(row) for row in y}) == len(y), "two rows of Y alike"
    assert len({tuple(col) for col in y.T}) == y.shape[1], "two columns of Y alike"


@pytest.mark.parametrize("seed", range(40))
def test_every_new_transformer_uses_every_position_twice_and_a_live_relu(seed: int) -> None:
    trace = generate("transformer", seed)
    a = trace.tensor("A").array()
    assert (a.sum(axis=0) == 2).all(), "a column of A without two 1s"
    assert a.any(axis=1).all(), "a position no Z uses"
    check_block_is_teachable(trace)


@pytest.mark.parametrize("seed", range(10))
def test_every_new_transformer_qk_has_a_live_relu_and_distinct_outputs(seed: int) -> None:
    check_block_is_teachable(generate("transformer-qk", seed))


@pytest.mark.parametrize(("name", "output"), [("self-attention", "Z"), ("multi-head-attention", "O")])
@pytest.mark.parametrize("seed", range(10))
def test_every_new_attention_gives_each_position_its_own_output(name: str, output: str, seed: int) -> None:
    z = np.round(generate(name, seed).tensor(output).array(), 2)
    assert len({tuple(col) for col in z.T}) == z.shape[1], "two positions come out alike"
    assert len({tuple(row) for row in z}) == len(z), "two features come out alike"
