"""Fresh exercises: by-hand-friendly numbers, the same for the same seed."""

from __future__ import annotations

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
    for t in trace.tensors:
        values = [v for row in t.values for v in row]
        assert all(abs(v) <= limit for v in values), t.name  # two digits at most (three, in the full stack)
        if t.name in given_names:
            assert all(isinstance(v, int) for v in values), t.name  # small integers
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
