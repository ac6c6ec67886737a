"""The storyboard: what a viewer sees, beat by beat, checked for every exercise and detail."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from handtf import Trace
from handtf.errors import HandtfError
from handtf.exercises import EXERCISES
from handtf.framing import CLEAR, window
from handtf.kinds import kind_of
from handtf.layout import Box
from handtf.pace import QUICKEST, pace
from handtf.spec import load_spec
from handtf.storyboard import BEATS, NOTE_COLS, SCHEMA_VERSION, Caption, Storyboard, Timing, storyboard
from handtf.trace import Cell
from handtf.written import format_number

TRACES = {name: e.build() for name, e in EXERCISES.items()}
TRACES["five-kinds"] = load_spec(Path(__file__).parent / "specs" / "five-kinds.toml")
TRACES["four-positions"] = load_spec(Path(__file__).parent / "specs" / "four-positions.toml")
CASES = [(name, detail) for name in sorted(TRACES) for detail in ("cell", "row", "step")]


def board_of(name: str, detail: str) -> tuple[Trace, Storyboard]:
    trace = TRACES[name]
    return trace, storyboard(trace, detail)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "detail"), CASES)
def test_every_op_is_written_exactly_once_into_its_cell(name: str, detail: str) -> None:
    trace, board = board_of(name, detail)
    writes = [w for shot in board.shots for b in shot.beats if b.kind in ("write", "give") for w in b.writes]
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
            if beat.kind not in ("write", "give"):
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


def captions_on_screen(board: Storyboard) -> list[tuple[Caption, float, bool, frozenset[Cell]]]:
    """Each caption as the beats show it: the caption, the seconds it stays up, whether
    it is on a step's first output row, and the out cells the marks are on meanwhile.
    """
    shown: list[tuple[Caption, float, bool, frozenset[Cell]]] = []
    for shot in board.shots:
        marks: frozenset[Cell] = frozenset()
        first_row = next((b.writes[0].cell.row for b in shot.beats if b.kind == "write"), 0)
        caption: Caption | None = None
        for beat in shot.beats:
            if beat.kind == "mark":
                marks = frozenset(lit.cell for lit in beat.lit if lit.mark == "out")
                caption = None  # the last caption goes as the marks leave
            if beat.kind == "write":
                assert beat.caption is not None
                first = beat.writes[0].cell.row == first_row
                caption = beat.caption
                shown.append((caption, 0.0, first, marks))
            if beat.kind in ("write", "settle", "wait") and shown and caption is shown[-1][0]:
                c, seconds, first, on = shown[-1]
                shown[-1] = (c, seconds + beat.seconds, first, on)
            if beat.kind in ("unmark", "move"):
                caption = None
    return shown


def named(cell: Cell) -> str:
    return f"{cell.tensor}[{cell.row + 1},{cell.col + 1}]"


@pytest.mark.parametrize(("name", "detail"), CASES)
def test_the_caption_names_the_cells_the_marks_are_on(name: str, detail: str) -> None:
    trace, board = board_of(name, detail)
    outputs = {step.output: step for step in trace.steps if step.ops}  # not an overview of it
    for caption, _, _, marks in captions_on_screen(board):
        assert marks, caption
        if detail == "step":  # the step's formula, while the marks are on all its cells
            (tensor,) = {c.tensor for c in marks}
            assert caption.label == outputs[tensor].formula
            step = outputs[tensor]
            assert marks == {
                op.out for op in step.ops if not kind_of(step).given_op(op)
            }  # the given ones are not worked
        else:  # cell: the one cell; row: the first and the last of the row
            cells = sorted(marks, key=lambda c: (c.row, c.col))
            assert named(cells[0]) in caption.label and named(cells[-1]) in caption.label, (caption, cells)


@pytest.mark.parametrize("pace_name", ["slow", "normal", "fast", "2.5"])
@pytest.mark.parametrize(("name", "detail"), CASES)
def test_every_caption_stays_up_as_long_as_its_numbers_take_to_read(name: str, detail: str, pace_name: str) -> None:
    board = storyboard(TRACES[name], detail, pace(pace_name))  # type: ignore[arg-type]
    timing = pace(pace_name).scaled(board.share)  # a long exercise at row or step plays faster
    assert board.share == 1 or (pace_name == "normal" and detail != "cell" and board.share >= QUICKEST)
    shown = captions_on_screen(board)
    assert len(shown) == sum(1 for s in board.shots for b in s.beats if b.kind == "write")
    for caption, seconds, first, _ in shown:
        wanted = timing.reading(caption.arithmetic, first)
        assert seconds >= wanted - 1e-9 and seconds <= max(wanted, timing.write + timing.zero) + 1e-9, caption


@pytest.mark.parametrize("pace_name", ["normal", "fast"])
def test_a_longer_sum_stays_up_longer_and_the_first_row_longer_still_the_same_way_in_every_step(
    pace_name: str,
) -> None:
    timing = pace(pace_name)
    shown = captions_on_screen(storyboard(TRACES["transformer"], "cell", timing))
    by_count: dict[tuple[int, bool], set[float]] = {}
    for caption, seconds, first, _ in shown:
        numbers = len(re.findall(r"\d+(?:\.\d+)?", caption.arithmetic))
        by_count.setdefault((numbers, first), set()).add(round(seconds, 9))
    for (numbers, first), seconds in by_count.items():
        if pace_name == "normal":  # every caption gets its reading time, by one rule in every step
            assert len(seconds) == 1, (numbers, first, seconds)
        if first and (numbers, False) in by_count:
            assert min(seconds) > max(by_count[(numbers, False)])  # the first row longer
    assert {n for n, _ in by_count} >= {3, 9, 11}  # ReLU, four terms and a bias, five terms
    for first in (True, False):  # a five-term product stays up longer than a ReLU (at fast,
        if pace_name == "normal":  # a ReLU that settles may take longer to animate)
            assert min(by_count[(11, first)]) > max(by_count[(3, first)])
    assert pace("normal").reading("5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11", False) >= 1.8  # readable, not 0.6 s


def test_a_pace_is_a_name_or_seconds_and_anything_else_says_what_to_give() -> None:
    assert pace("slow").name == "slow" and pace(" Fast ").name == "fast"
    assert pace(3).per_caption == 3.0 and pace("3").name == "3"
    for bad in ["quick", "0", "-1", "nan", "inf", "100", ""]:
        with pytest.raises(HandtfError, match="--pace normal"):
            pace(bad)
    assert storyboard(TRACES["transformer"], "cell", pace("slow")).to_dict()["pace"] == "slow"


def test_the_seed_walkthrough_lasts_what_its_beats_add_up_to() -> None:
    trace, board = board_of("transformer", "cell")
    t = Timing()
    first_rows = [op for s in trace.steps for op in s.ops if op.out.row == s.ops[0].out.row]
    relu_beats = sum(1 for op in trace.steps[3].ops if op.terms[0][1] < 0)
    steps = len(trace.steps)
    reading = sum(t.reading(op.arithmetic, op in first_rows) for s in trace.steps for op in s.ops)
    expected = (
        steps * t.camera  # to each step but the first, and to the takeaways
        + (steps + 1) * t.reveal
        + trace.op_count * t.mark
        + reading  # the caption shows as the value is written, and stays up to be read
        + 4 * t.mark  # the marks leave each computed step
        + t.hold  # the given A
        + 6 * t.note  # the insight: five lines one by one, then they fade
        + t.hold
        + 4 * (2 * t.note + t.hold)  # a note in the caption band: QK skipped, the layers' sizes, ReLU's zeros
        + t.takeaway
    )
    assert relu_beats > 0 and t.reading("max(0, -3) = 0", False) > t.write + t.zero  # settle is in the reading
    assert board.seconds == pytest.approx(expected)
    assert 150 < board.seconds < 190  # about 2 s per five-term cell: readable, and not drawn out


@pytest.mark.parametrize("detail", ["cell", "row", "step"])
def test_a_deck_ends_a_slide_after_each_cell_or_row_of_a_step_but_the_last_and_a_video_never(detail: str) -> None:
    trace = TRACES["transformer"]
    deck = storyboard(trace, detail, slides=True)  # type: ignore[arg-type]
    ends = sum(b.slide_ends for shot in deck.shots for b in shot.beats)
    per = {"cell": lambda s: len(s.ops), "row": lambda s: len({op.out.row for op in s.ops}), "step": lambda s: 1}
    assert ends == sum(per[detail](s) - 1 for s in trace.steps if s.ops)
    video = storyboard(trace, detail)  # type: ignore[arg-type]
    assert not any(b.slide_ends for shot in video.shots for b in shot.beats)
    assert not any(b.kind in ("clear", "ask") for shot in video.shots for b in shot.beats)


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


@pytest.mark.parametrize(("name", "detail"), CASES)
def test_every_matrix_on_the_page_is_wholly_in_view_or_clear_of_it(name: str, detail: str) -> None:
    """No sliver of a matrix at a view's edge, nor a line of one under a band."""
    trace, board = board_of(name, detail)
    on_page: dict[str | tuple[str, str], Box] = {}
    for shot in board.shots:
        if shot.kind == "step":
            on_page.update({n: board.layout.boxes[n] for n in shot.shows})
            on_page.update({(shot.step_id, n): board.layout.copies[(shot.step_id, n)] for n in shot.copies})
            step = trace.steps[shot.index]
            # A step's own are never left out, unless the step reads a copy written out for it.
            assert not ({*step.inputs, step.output} - set(shot.copies)) & set(shot.left_out)
        else:
            assert shot.left_out == shot.left_out_copies == ()  # the whole page, at the end
        drawn = [b for key, b in on_page.items() if key not in {*shot.left_out, *shot.left_out_copies}]
        left, top, right, bottom = window(shot.view)
        if shot.kind == "takeaways":  # no bands: the whole view
            v = shot.view
            left, top, right, bottom = v.x - v.width / 2, v.y - v.height / 2, v.x + v.width / 2, v.y + v.height / 2
        for box in drawn:
            b_left, b_top, b_right, b_bottom = box.col - 1, box.row - 1, box.right, box.bottom  # with its labels
            inside = b_left >= left - 1e-9 and b_right <= right + 1e-9 and b_top >= top - 1e-9
            inside = inside and b_bottom <= bottom + 1e-9
            outside = max(left - b_right, b_left - right, top - b_bottom, b_top - bottom) >= CLEAR - 1e-9
            assert inside or outside, (shot.stem, box, shot.view)


@pytest.mark.parametrize("name", sorted(TRACES))
def test_the_overview_gives_the_sheet_most_of_the_figure_and_spaces_its_lines_evenly(name: str) -> None:
    from handtf.overview import GAP, LINE, TEXT, TITLE_ROWS

    _, board = board_of(name, "cell")
    page, figure = board.layout.page(), board.figure
    assert figure is not None
    share = page.rows * page.cols / (figure.view.width * figure.view.height)
    assert share > 0.6, share  # the title above and the takeaways below take the rest
    assert figure.view.width == pytest.approx(page.cols + 1)  # the sheet's own width, half a cell each side
    for shot_lines in (figure.lines, board.shots[-1].lines):
        steps = {round(b[2] - a[2], 9) for a, b in zip(shot_lines, shot_lines[1:], strict=False)}
        assert steps <= {LINE, round(LINE + GAP, 9)}  # baseline to baseline, whatever the letters
        assert all(page.row - TITLE_ROWS <= row for _, _, row in shot_lines)
    last = board.shots[-1]
    assert last.view.width / last.view.height == pytest.approx(16 / 9)
    assert all(col > page.right for _, col, _ in last.lines)  # beside the sheet, not over it
    assert TEXT < 1


def test_a_700_pixel_column_shows_the_seeds_overview_labels_readable() -> None:
    from handtf.scenes.style import STYLE

    _, board = board_of("transformer", "cell")
    assert board.figure is not None
    cell = 700 / board.figure.view.width
    assert cell * STYLE.label_height >= 9  # pixels of a label's digit height
