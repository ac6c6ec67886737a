"""The storyboard: what a viewer sees, beat by beat, checked for every exercise and detail."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from handtf import Trace
from handtf.exercises import EXERCISES
from handtf.layout import Box
from handtf.spec import load_spec
from handtf.storyboard import BEATS, NOTE_COLS, SCHEMA_VERSION, Storyboard, Timing, storyboard
from handtf.trace import Cell, format_number

TRACES = {name: e.build() for name, e in EXERCISES.items()}
TRACES["five-kinds"] = load_spec(Path(__file__).parent / "specs" / "five-kinds.toml")
CASES = [(name, detail) for name in sorted(TRACES) for detail in ("cell", "row", "step")]


def board_of(name: str, detail: str) -> tuple[Trace, Storyboard]:
    trace = TRACES[name]
    return trace, storyboard(trace, detail)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "detail"), CASES)
def test_every_op_is_written_exactly_once_into_its_cell(name: str, detail: str) -> None:
    trace, board = board_of(name, detail)
    writes = [w for shot in board.shots for b in shot.beats if b.kind == "write" for w in b.writes]
    ops = [op for step in trace.steps for op in step.ops]
    assert [w.cell for w in writes] == [op.out for op in ops]
    assert all(
        w.value == op.value and w.text == format_number(op.value, trace.decimals)
        for w, op in zip(writes, ops, strict=True)
    )
    assert sum(b.ops for shot in board.shots for b in shot.beats) == len(ops)


@pytest.mark.parametrize(("name", "detail"), CASES)
def test_no_value_shows_before_its_beat(name: str, detail: str) -> None:
    trace, board = board_of(name, detail)
    given = {t.name for t in trace.tensors} - trace.produced()
    reads = {op.out: op.reads for step in trace.steps for op in step.ops}
    written: set[Cell] = set()
    for shot in board.shots:
        for beat in shot.beats:
            if beat.kind != "write":
                continue
            for write in beat.writes:
                assert write.cell not in written
                for cell in reads[write.cell]:  # every cell it is worked from is on the page already
                    assert cell.tensor in given or cell in written, (write.cell, cell)
            written.update(w.cell for w in beat.writes)
        if shot.kind == "step":  # a shot's values are all written by its end
            step = trace.steps[shot.index]
            assert {op.out for op in step.ops} <= written


@pytest.mark.parametrize(("name", "detail"), CASES)
def test_every_view_contains_what_is_lit_in_it(name: str, detail: str) -> None:
    trace, board = board_of(name, detail)
    layout = board.layout
    for shot in board.shots:
        for beat in shot.beats:
            for lit in beat.lit:
                where = layout.box_of(lit.cell.tensor, shot.step_id)
                cell = Box(where.col + lit.cell.col, where.row + lit.cell.row, 1, 1)
                assert shot.view.contains(cell), (shot.stem, lit)
            for write in beat.writes:
                where = layout.box_of(write.cell.tensor, shot.step_id)
                assert shot.view.contains(Box(where.col + write.cell.col, where.row + write.cell.row, 1, 1))
        if shot.notes:  # the notes beside the step: lines 0.42 of a cell high, 0.3 apart
            at_col, at_row = shot.notes_at
            rows = math.ceil(len(shot.notes) * 0.72)
            assert shot.view.contains(Box(at_col, at_row, rows, NOTE_COLS - 1)), shot.stem
    page = layout.page()
    assert board.shots[-1].kind == "takeaways" and board.shots[-1].view.contains(page)


def test_a_given_attention_matrix_shows_its_qk_box_in_view() -> None:
    from handtf.spec import spec_from_text

    wide = "[" + ", ".join(["[" + ", ".join(["1"] * 12) + "]"] * 2) + "]"
    spec = f'[matrices.A]\nrole = "attention"\nvalues = {wide}\n[[steps]]\nop = "show"\noutput = "A"\n'
    board = storyboard(spec_from_text(spec, "toml"))
    (shot, _) = board.shots
    a = board.layout.boxes["A"]
    assert shot.qk_module == "A" and shot.view.contains(Box(a.col - 2, a.row, a.rows, 2))


@pytest.mark.parametrize(("name", "detail"), CASES)
def test_each_write_beat_lights_the_cells_its_caption_names(name: str, detail: str) -> None:
    _, board = board_of(name, detail)
    for shot in board.shots:
        beats = shot.beats
        for k, beat in enumerate(beats):
            if beat.kind == "write":
                mark = beats[k - 1]
                assert mark.kind == "mark"
                assert {w.cell for w in beat.writes} == {lit.cell for lit in mark.lit if lit.mark == "out"}
                assert beat.caption is not None and beat.caption.label and beat.caption.arithmetic


def test_the_first_output_row_is_held_to_be_read_and_the_rest_is_not() -> None:
    trace, board = board_of("transformer", "cell")
    timing = Timing()
    shot = board.shots[1]  # [2] attention weighting: 3 rows of 5
    waits = [b for b in shot.beats if b.kind == "wait" and b.seconds == timing.read and b.ops]  # ending a group
    first_row = [op for op in trace.steps[1].ops if op.out.row == 0]
    assert len(waits) == len(first_row) == 5


def test_the_seed_walkthrough_lasts_what_its_beats_add_up_to() -> None:
    trace, board = board_of("transformer", "cell")
    t = Timing()
    ops = trace.op_count
    first_rows = sum(1 for s in trace.steps for op in s.ops if op.out.row == s.ops[0].out.row)
    relu_beats = sum(1 for op in trace.steps[3].ops if op.terms[0][1] < 0)
    steps = len(trace.steps)
    expected = (
        steps * t.camera  # to each step but the first, and to the takeaways
        + (steps + 1) * t.reveal
        + ops * (t.mark + t.write)
        + first_rows * t.read
        + relu_beats * t.zero
        + 4 * t.mark  # the marks leave each computed step
        + t.hold  # the given A
        + 6 * t.note  # the insight: five lines one by one, then they fade
        + t.hold
        + 4 * (2 * t.note + t.hold)  # a note in the caption band: QK skipped, the layers' sizes, ReLU's zeros
        + t.takeaway
    )
    assert board.seconds == pytest.approx(expected)


@pytest.mark.parametrize("detail", ["cell", "row"])
def test_row_detail_ends_a_slide_after_each_row_but_the_last(detail: str) -> None:
    trace, board = board_of("transformer", detail)
    ends = sum(b.slide_ends for shot in board.shots for b in shot.beats)
    rows = sum(len({op.out.row for op in s.ops}) - 1 for s in trace.steps if s.ops)
    assert ends == (rows if detail == "row" else 0)


def test_the_storyboard_has_a_json_form_for_a_web_page() -> None:
    _, board = board_of("self-attention", "cell")
    data = json.loads(board.to_json())
    assert data["schema"] == SCHEMA_VERSION
    assert [s["stem"] for s in data["shots"]][-1] == "11-takeaways"
    beats = [b for s in data["shots"] for b in s["beats"]]
    assert {b["kind"] for b in beats} <= set(BEATS)
    write = next(b for b in beats if b["kind"] == "write")
    assert write["writes"][0]["cell"] == ["Q", 0, 0] and write["caption"]["label"] == "Wq[1] · X1 = Q[1,1]"
    assert set(data["boxes"]) == {t.name for t in TRACES["self-attention"].tensors}
