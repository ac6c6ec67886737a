"""Spec files: your own exercises, exported and loaded back, and bad ones refused clearly."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from handtf import HandtfError, Trace, transformer
from handtf.exercises import EXERCISES
from handtf.spec import export_spec, load_spec, spec_from_text, trace_from_spec

BAD = Path(__file__).parent / "bad_specs"
EXPECTED: dict[str, str] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


def same_exercise(a: Trace, b: Trace) -> bool:
    """Equal but for the order the matrices were introduced in."""
    order = sorted(a.tensors, key=lambda t: t.name), sorted(b.tensors, key=lambda t: t.name)
    return order[0] == order[1] and (a.title, a.steps, a.takeaways) == (b.title, b.steps, b.takeaways)


@pytest.mark.parametrize("fmt", ["toml", "json"])
@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_an_exported_exercise_loads_back_as_the_same_trace(name: str, fmt: str) -> None:
    trace = EXERCISES[name].build()
    assert same_exercise(spec_from_text(export_spec(trace, fmt), fmt), trace)


@pytest.mark.parametrize("fmt", ["toml", "json"])
@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_export_load_export_is_identical(name: str, fmt: str) -> None:
    text = export_spec(EXERCISES[name].build(), fmt)
    assert export_spec(spec_from_text(text, fmt), fmt) == text


def test_a_scale_keeps_its_factor_text_whole() -> None:
    spec = '[matrices.S]\nvalues = [[2, 4]]\n[[steps]]\nop = "scale"\ninputs = ["S"]\noutput = "T"\n'
    trace = spec_from_text(spec + 'factor = 0.5\nfactor_text = "1 × 1/2"\n', "toml")
    assert trace.steps[0].formula == "T = S × 1 × 1/2"
    assert 'factor_text = "1 × 1/2"' in export_spec(trace)


# Steps of one input that chain onto the last output, in their spec form.
_ONE_INPUT_STEPS = st.sampled_from(
    [
        {"op": "relu"},
        {"op": "transpose"},
        {"op": "scale", "factor": 0.5, "factor_text": "1 × 1/2"},
        {"op": "scale", "factor": -2},
        {"op": "softmax"},
        {"op": "softmax", "names": ["Ex", "Sx"], "note": "by column"},
        {"op": "sums"},
        {"op": "exp", "title": "[9] e to the x", "role": "output"},
        {"op": "relu", "note": "negatives go", "id": "cut"},
        {"op": "sigmoid"},
        {"op": "tanh", "title": "[3] squash"},
        {"op": "leaky_relu", "alpha": 0.25},
        {"op": "leaky_relu"},
    ]
)


@st.composite
def random_specs(draw: st.DrawFn) -> dict[str, object]:
    rows, cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    values = draw(st.lists(st.lists(st.integers(-3, 3), min_size=cols, max_size=cols), min_size=rows, max_size=rows))
    steps: list[dict[str, object]] = [{"op": "show", "output": "X", "title": "[1] X"}]
    last, used = "X", {"X"}
    for k, step in enumerate(draw(st.lists(_ONE_INPUT_STEPS, min_size=1, max_size=4))):
        if "names" in step or step["op"] == "softmax":
            names = step.get("names", ["E", "Σ"])
            if any(n in used for n in names):  # type: ignore[union-attr]
                continue
            used.update(names)  # type: ignore[arg-type]
        out = f"M{k}"
        steps.append({**step, "inputs": [last], "output": out})
        last = out
        used.add(out)
    takeaways = draw(st.lists(st.sampled_from(["rows become columns", "exp grows fast"]), max_size=2))
    return {"title": "random", "takeaways": takeaways, "matrices": {"X": {"values": values}}, "steps": steps}


@settings(max_examples=60, deadline=None)
@given(random_specs(), st.sampled_from(["toml", "json"]))
def test_random_specs_export_load_export_identically(spec: dict[str, object], fmt: str) -> None:
    try:
        trace = trace_from_spec(spec)
    except HandtfError:  # exp of a large number, a column that sums to 0
        assume(False)
        return
    text = export_spec(trace, fmt)
    again = spec_from_text(text, fmt)
    assert same_exercise(again, trace)
    assert export_spec(again, fmt) == text


def test_a_softmax_exports_as_one_softmax_step() -> None:
    spec = '[matrices.S]\nvalues = [[0, 1]]\n[[steps]]\nop = "softmax"\ninputs = ["S"]\noutput = "A"\n'
    exported = export_spec(spec_from_text(spec + 'names = ["e", "s"]\nnote = "by column"\n', "toml"))
    assert exported.count("[[steps]]") == 1 and 'op = "softmax"' in exported
    assert 'names = ["e", "s"]' in exported and 'note = "by column"' in exported


def test_softmax_in_a_spec_is_exp_column_sums_and_division() -> None:
    spec = """
[matrices.S]
values = [[0, 1], [1, 0]]
[[steps]]
op = "softmax"
inputs = ["S"]
output = "A"
title = "[1] Softmax"
"""
    trace = spec_from_text(spec, "toml")
    assert [(s.kind, s.output) for s in trace.steps] == [("exp", "E"), ("colsum", "Σ"), ("divide", "A")]
    assert trace.steps[2].ops[0].arithmetic == "1 / 3.72 = 0.27"
    assert [sum(col) for col in zip(*trace.tensor("A").values, strict=True)] == pytest.approx([1, 1])


def test_the_toml_export_writes_a_matrix_a_row_per_line() -> None:
    assert "values = [\n    [5, 6, 0, 7, 0],\n    [0, 2, 4, 0, 3],\n    [1, 0, 1, 1, 0],\n]" in export_spec(
        transformer()
    )


def test_changed_numbers_flow_through_the_whole_chain(tmp_path: Path) -> None:
    spec = tmp_path / "mine.toml"
    spec.write_text(export_spec(transformer()).replace("[5, 6, 0, 7, 0]", "[5, 6, 2, 7, 0]"), encoding="utf-8")
    mine = load_spec(spec)
    x = [[5, 6, 2, 7, 0], [0, 2, 4, 0, 3], [1, 0, 1, 1, 0]]
    assert same_exercise(mine, transformer(x=x))


def test_a_small_spec_of_your_own(tmp_path: Path) -> None:
    spec = tmp_path / "ffn.toml"
    spec.write_text(
        """
title = "A 4-3-4 FFN"
[matrices.X]
values = [[1, 2, 0, -1], [0, 1, 1, 2], [2, 0, 1, 1]]
[matrices.W1]
role = "weight"
values = [[1, 0, -1], [0, 1, 1], [1, 1, 0], [-1, 0, 1]]
[matrices.b1]
role = "bias"
values = [[0], [1], [-1], [0]]
[[steps]]
op = "linear"
inputs = ["W1", "b1", "X"]
output = "H"
note = "Four features per position"
[[steps]]
op = "relu"
inputs = ["H"]
output = "R"
role = "output"
""",
        encoding="utf-8",
    )
    trace = load_spec(spec)
    assert [s.title for s in trace.steps] == ["[1] Linear", "[2] Relu"]
    assert trace.tensor("R").role == "output"
    assert trace.tensor("H").shape == (4, 4)  # W1 (4x3) · X (3x4)
    assert "Four features per position" in [n.text for n in trace.steps[0].notes]


def test_the_corpus_has_at_least_thirty_bad_specs() -> None:
    files = sorted(p.name for p in BAD.iterdir() if p.is_file() and p.name != "expected.json")
    assert files == sorted(EXPECTED) and len(files) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_spec_gets_one_line_naming_what_is_wrong(name: str) -> None:
    with pytest.raises(HandtfError) as caught:
        load_spec(BAD / name)
    message = str(caught.value)
    assert EXPECTED[name] in message and "\n" not in message


@pytest.mark.parametrize("name", ["ragged-rows.toml", "not-utf8.toml", "undefined-input.toml", "nan.json"])
def test_the_cli_refuses_a_bad_spec_with_exit_2_and_writes_nothing(tmp_path: Path, name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from handtf.cli import main; main()", "render", "--spec", str(BAD / name)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("handtf: error: ") and EXPECTED[name] in lines[0]
    assert list(tmp_path.iterdir()) == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=30,
)
keys = st.sampled_from(["title", "matrices", "steps", "values", "role", "op", "inputs", "output", "X", "R"])
spec_like = st.recursive(
    st.integers(-3, 3) | st.sampled_from(["X", "R", "relu", "matmul", "input", "weight"]) | st.floats(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["toml", "json"]))
def test_random_bytes_never_raise_anything_but_a_clear_error(data: bytes, fmt: str) -> None:
    try:
        spec_from_text(data.decode("utf-8", errors="replace"), fmt)
    except HandtfError as exc:
        assert str(exc) and "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.sampled_from([".toml", ".json"]))
def test_random_files_never_raise_anything_but_a_clear_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"spec{suffix}"
        path.write_bytes(data)
        try:
            load_spec(path)
        except HandtfError as exc:
            assert str(exc) and "\n" not in str(exc)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, spec_like))
def test_random_json_values_never_raise_anything_but_a_clear_error(data: object) -> None:
    try:
        trace_from_spec(data)
    except HandtfError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_the_readme_example_spec_loads() -> None:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S)
    assert example is not None
    trace = spec_from_text(example.group(1), "toml", "README")
    assert [s.title for s in trace.steps] == ["[1] FFN", "[2] ReLU"]


def test_softmax_parts_are_titled_in_the_spec_language() -> None:
    spec = '[matrices.S]\nvalues = [[0, 1], [1, 0]]\n[[steps]]\nop = "softmax"\ninputs = ["S"]\noutput = "A"\n'
    titles = [s.title for s in spec_from_text('lang = "ko"\ntitle = "t"\n' + spec, "toml").steps]
    assert titles == ["[1] 소프트맥스: exp", "[1] 소프트맥스: 열의 합", "[1] 소프트맥스: 나누기"]
    english = [s.title for s in spec_from_text(spec, "toml").steps]
    assert english == ["[1] Softmax: exp", "[1] Softmax: column sums", "[1] Softmax: divide"]
