"""The trace: seed numbers, labels, JSON, replay."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from handtf import HandtfError, Tensor, Trace, replay, transformer
from handtf.trace import CellOp, cell_name, ordinal
from handtf.written import format_number

SEED = {
    "Z": [[11, 6, 7, 7, 5], [2, 6, 4, 3, 3], [1, 1, 2, 1, 1]],
    "H": [[10, 1, 4, 5, 3], [13, 12, 11, 10, 8], [4, 8, 7, 5, 5], [-8, 1, -1, -3, -1]],
    "R": [[10, 1, 4, 5, 3], [13, 12, 11, 10, 8], [4, 8, 7, 5, 5], [0, 1, 0, 0, 0]],
    "Y": [[10, 0, 4, 5, 3], [17, 20, 18, 15, 13], [5, 8, 8, 6, 6]],
}


@pytest.fixture(scope="module")
def trace() -> Trace:
    return transformer()


@pytest.mark.parametrize("name", sorted(SEED))
def test_seed_numbers_are_reproduced(trace: Trace, name: str) -> None:
    assert trace.tensor(name).values == tuple(tuple(row) for row in SEED[name])
    assert replay(trace)[name].tolist() == SEED[name]


def test_steps_follow_the_article(trace: Trace) -> None:
    assert [s.title for s in trace.steps] == [
        "[1] Attention weight matrix A",
        "[2] Attention weighting",
        "[3] FFN: first layer",
        "[4] ReLU",
        "[5] FFN: second layer",
    ]
    assert [s.kind for s in trace.steps] == ["given", "matmul", "linear", "relu", "linear"]
    assert [len(s.ops) for s in trace.steps] == [0, 15, 20, 20, 15]


def test_attention_ops_carry_the_articles_labels(trace: Trace) -> None:
    ops = {str(op.out): op for op in trace.steps[1].ops}
    assert ops["Z[1,1]"].label == "P1 · A1 = Z[1,1]"
    assert ops["Z[1,1]"].arithmetic == "5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11"
    # The article's worked values: row 1, then Z[2,4] and Z[3,5].
    assert [ops[f"Z[1,{j}]"].value for j in range(1, 6)] == [11, 6, 7, 7, 5]
    assert ops["Z[2,4]"].label == "P2 · A4 = Z[2,4]" and ops["Z[2,4]"].value == 3
    assert ops["Z[3,5]"].label == "P3 · A5 = Z[3,5]" and ops["Z[3,5]"].value == 1


def test_ffn_and_relu_ops_show_bias_and_negatives(trace: Trace) -> None:
    first = trace.steps[2].ops[0]
    assert first.label == "W1[1] · Z1 + b1[1] = H[1,1]"
    assert first.arithmetic == "1·11 + (-1)·2 + 0·1 + 1·1 = 10"
    relu = next(op for op in trace.steps[3].ops if str(op.out) == "R[4,1]")
    assert relu.label == "ReLU(H[4,1]) = R[4,1]"
    assert relu.arithmetic == "max(0, -8) = 0"


def test_attention_insight_notes_point_at_the_ones_of_a(trace: Trace) -> None:
    notes = trace.steps[1].notes
    assert [n.text for n in notes] == ["Z1 = X1 + X2", "Z2 = X2 + X3", "Z3 = X3 + X4", "Z4 = X4 + X5", "Z5 = X5 + X1"]
    a = trace.tensor("A")
    for note in notes:
        assert note.cells and all(c.tensor == "A" and a.at(c.row, c.col) == 1 for c in note.cells)


def test_json_round_trips_equal(trace: Trace) -> None:
    text = trace.to_json()
    assert json.loads(text)["schema"] == 1
    assert Trace.from_json(text) == trace


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"schema": 99}', "unsupported trace schema 99"),
        ('{"schema": 1, "title": "t"}', "malformed"),
    ],
)
def test_bad_json_gets_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(HandtfError, match=message):
        Trace.from_json(text)


def test_replay_rejects_an_op_whose_value_disagrees(trace: Trace) -> None:
    data = trace.to_dict()
    data["steps"][1]["ops"][0]["value"] = 12
    with pytest.raises(HandtfError, match="recorded value 12"):
        replay(Trace.from_dict(data))


def test_replay_rejects_terms_that_are_not_the_cells_read(trace: Trace) -> None:
    data = trace.to_dict()
    op = data["steps"][1]["ops"][0]
    op["terms"][0] = [6, 1]  # X[1,1] is 5, not 6
    op["value"] = 12
    with pytest.raises(HandtfError, match="disagree with the cells it reads"):
        replay(Trace.from_dict(data))


def test_one_based_indices_come_from_one_place() -> None:
    assert ordinal(0) == 1
    assert cell_name("Z", 0, 4) == "Z[1,5]"


def test_numbers_format_as_integers_when_exact() -> None:
    assert format_number(11.0) == "11"
    assert format_number(-0.5) == "-0.50"
    assert format_number(1 / 3, places=3) == "0.333"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([[1, 2], [3]], "rows of different lengths"),
        ([[]], "empty"),
        ([1, 2], "2-D"),
        ([[1, float("nan")]], "finite"),
        ([["a"]], "expected a number"),
    ],
)
def test_bad_tensors_get_clear_errors(values: object, message: str) -> None:
    with pytest.raises(HandtfError, match=message):
        Tensor.of("M", "input", values)  # type: ignore[arg-type]


COMPUTED = [
    ("dot", ((2, 3), (4, -1)), 2),
    ("relu", ((0, -3),), 0),
    ("relu", ((0, 5),), 5),
    ("copy", ((7, 1),), 7),
    ("scale", ((4, 0.5),), 2),
    ("exp", ((1, 0),), math.e),
    ("power", ((2, 3),), 9),
    ("power", ((-1, 3),), 1 / 3),
    ("sum", ((1, 1), (2.5, 1), (-4, 1)), -0.5),
    ("divide", ((3, 4),), 0.75),
    ("add", ((3, -5),), -2),
]


@pytest.mark.parametrize(("kind", "terms", "value"), COMPUTED)
def test_cell_op_computes_from_terms_alone(kind: str, terms: tuple[tuple[float, float], ...], value: float) -> None:
    op = CellOp(kind, transformer().steps[1].ops[0].out, (), terms, 0, "", "")  # type: ignore[arg-type]
    assert op.computed() == pytest.approx(value)


def test_every_cell_rule_of_the_first_kinds_is_computed_above() -> None:
    from handtf.kinds import kinds

    first = {"given", "matmul", "linear", "relu", "transpose", "scale", "exp", "colsum", "divide", "add"}
    rules = {rule.name for kind in kinds() if kind.name in first for rule in kind.rules}
    assert {kind for kind, _, _ in COMPUTED} == rules


def test_importing_handtf_does_not_import_manim() -> None:
    code = "import sys, handtf, handtf.cli; handtf.transformer(); sys.exit('manim' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_decimals_are_set_per_run_and_recorded_in_the_trace() -> None:
    from handtf.exercises import self_attention
    from handtf.written import decimals

    with decimals(1):
        trace = self_attention()
    assert trace.decimals == 1 and trace.steps[5].ops[0].arithmetic == "exp(0.5) = 1.6"
    assert Trace.from_json(trace.to_json()) == trace
    assert self_attention().steps[5].ops[0].arithmetic == "exp(0.50) = 1.65"  # back to 2 outside the block
    assert transformer().steps[1].ops[0].arithmetic == "5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11"  # whole numbers stay whole


def test_a_note_given_to_a_step_is_shown_with_it() -> None:
    step = transformer().steps[0]
    assert [n.text for n in step.notes] == ["A comes from the query-key (QK) module; its details are skipped here"]
    assert step.params == {"note": step.notes[0].text}
