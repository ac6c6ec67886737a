"""The storyboard: what a viewer sees, beat by beat, worked out from a trace and its
layout, with no renderer involved.

A :class:`Storyboard` is a :class:`Shot` per step, then one for the takeaways. A shot
says where the camera looks (its :class:`View`), which matrices show for the first
time, and its beats in order. A :class:`Beat` says which cells are lit, the caption,
which cells receive which values and from where, the notes, and how long it lasts.
The Manim scenes and the web player draw beats; they decide how to draw, never what
to show. Everything is in page cells: ``x`` grows to the right and ``y`` down, from
the top-left corner of cell (0, 0).
"""

from __future__ import annotations

__all__ = [
    "BEATS",
    "BOTTOM_BAND",
    "NOTE_COLS",
    "SCHEMA_VERSION",
    "TOP_BAND",
    "Beat",
    "Caption",
    "Lit",
    "Shot",
    "Storyboard",
    "Timing",
    "View",
    "Write",
    "labels_shown",
    "storyboard",
]

from dataclasses import replace

from handtf.beats import (
    BEATS,
    SCHEMA_VERSION,
    Beat,
    Caption,
    Lit,
    Shot,
    Storyboard,
    Write,
)
from handtf.detail import Detail, OpGroup, group_ops
from handtf.framing import BOTTOM_BAND, TOP_BAND, View, fit, frame
from handtf.kinds import Kind, kind_of
from handtf.layout import Box, Layout, labels_shown, staircase
from handtf.origins import lit_of
from handtf.overview import below, beside
from handtf.pace import Timing, within
from handtf.steps import clip_stems
from handtf.trace import CellOp, Step, Trace
from handtf.written import format_number

NOTE_COLS = 6  # cells of room right of a step whose notes point at cells


def storyboard(
    trace: Trace,
    detail: Detail = "cell",
    timing: Timing = Timing(),
    aspect: float = 16 / 9,
    layout: Layout | None = None,
    gap: int = 1,
    slides: bool = False,
    reveal: bool = False,
) -> Storyboard:
    """The beats a viewer sees of ``trace`` at ``detail``, for a frame of ``aspect``.

    ``slides``: for a deck, where each click plays what one slide holds and its last
    frame stays up. A slide ends after each op group (a cell, or a row), and each step
    ends on its fullest state: its notes stay up until the next slide clears them at
    once. ``reveal`` (a deck too) stops before each value, with a "?" in the caption.
    """
    layout = layout if layout is not None else staircase(trace, gap)
    shots = _shots(trace, detail, timing, aspect, layout, slides or reveal, reveal)
    share = 1.0
    if detail != "cell" and not (slides or reveal):  # a long video at row or step plays faster
        share = within(timing, sum(b.seconds for shot in shots for b in shot.beats))
        if share < 1:
            shots = _shots(trace, detail, timing.scaled(share), aspect, layout, False, False)
    given = tuple(t.name for t in trace.tensors if t.name not in trace.produced())
    return Storyboard(
        trace.title,
        trace.takeaways,
        detail,
        aspect,
        trace.lang,
        trace.decimals,
        shots,
        given,
        layout,
        timing.name,
        slides or reveal,
        reveal,
        below(layout.page(), trace.takeaways),
        share,
    )


def _shots(
    trace: Trace, detail: Detail, timing: Timing, aspect: float, layout: Layout, slides: bool, reveal: bool
) -> tuple[Shot, ...]:
    board = _Board(trace, detail, timing, aspect, layout, slides, reveal)
    return (*(board.shot(index, step) for index, step in enumerate(trace.steps)), board.takeaways())


SOURCES = 1.6  # how much a view may grow to take in the matrices its copies come from


class _Board:
    def __init__(
        self, trace: Trace, detail: Detail, timing: Timing, aspect: float, layout: Layout, slides: bool, reveal: bool
    ) -> None:
        self.trace, self.detail, self.timing, self.aspect, self.layout = trace, detail, timing, aspect, layout
        self.slides, self.reveal = slides, reveal
        self.stems = clip_stems(trace)
        self.shown: set[str] = set()  # the matrices on the page so far
        self.stepped: set[str] = set()  # the steps shown so far, whose copies are on the page
        self.qk_modules: set[str] = set()  # given attention matrices drawn with a "QK" box

    def view_of(self, step: Step, qk_module: bool) -> tuple[View, tuple[str, ...], tuple[tuple[str, str], ...]]:
        """The view of a step: its matrices and notes between the bands; and the other
        matrices and copies on the page so far that it leaves out, not to cut them.
        """
        box = self._with_sources(step, self.layout.region([*step.inputs, step.output], step.id))
        if kind_of(step).whole_page:  # an overview: all the sheet so far
            for name in self.shown:
                box = box.union(self._drawn(name))
        if any(note.cells for note in step.notes):
            box = Box(box.col, box.row, box.rows, box.cols + NOTE_COLS)
        if qk_module:  # the "QK" box left of the matrix, two cells wide, wholly in view
            out = self.layout.boxes[step.output]
            box = box.union(Box(out.col - 3, out.row, out.rows, 3))
        units = _side_by_side({n: self._drawn(n) for n in self.shown})
        copies = {b: key for key, b in self.layout.copies.items() if key[0] in self.stepped}
        view, cuts = frame(box, self.aspect, [*units, *copies])
        left_out = tuple(sorted(n for b in cuts if b in units for n in units[b]))
        return view, left_out, tuple(sorted(copies[b] for b in cuts if b in copies))

    def _with_sources(self, step: Step, box: Box) -> Box:
        """The step's region, and the matrices its copies are written from when they are
        near enough to take in (the RNN's last hidden state, written again under the next
        input): the viewer sees where the copied values come from.
        """
        if not kind_of(step).shows_sources:
            return box
        wider = box
        for name in step.inputs:
            if (step.id, name) in self.layout.copies:
                wider = wider.union(self.layout.boxes[name])
        return wider if fit(wider, self.aspect).height <= fit(box, self.aspect).height * SOURCES + 1e-9 else box

    def _drawn(self, name: str) -> Box:
        """Where a matrix is drawn: its box, and left of it the "QK" box if it has one."""
        box = self.layout.boxes[name]
        return Box(box.col - 3, box.row, box.rows, box.cols + 3) if name in self.qk_modules else box

    def shot(self, index: int, step: Step) -> Shot:
        timing, kind = self.timing, kind_of(step)
        copies = tuple(n for n in step.inputs if (step.id, n) in self.layout.copies)
        shows = tuple(dict.fromkeys(n for n in (*step.inputs, step.output) if n not in self.shown and n not in copies))
        self.shown.update(shows)
        self.stepped.add(step.id)
        beats = self.leaving(index)
        beats.append(Beat("reveal", timing.reveal))
        given = tuple(op for op in step.ops if kind.given_op(op))
        if given:  # the known entries, in place as the matrix appears
            places = self.trace.decimals
            writes = tuple(Write(op.out, op.value, format_number(op.value, places), None, given=True) for op in given)
            beats.append(Beat("give", timing.zero, writes=writes, ops=len(given)))
        if kind.beat == "hold":
            beats.append(Beat("wait", timing.hold))
        else:
            beats += self.groups(replace(step, ops=tuple(op for op in step.ops if op not in given)))
        pointing = [n for n in step.notes if n.cells]
        plain = [n.text for n in step.notes if not n.cells]
        for k, note in enumerate(pointing):
            lit = tuple(Lit(c, "note") for c in note.cells)
            beats.append(Beat("point", timing.note, lit=lit, text=note.text))
            if k == len(pointing) - 1:
                beats.append(Beat("wait", timing.hold))
                if not self.slides:  # a slide ends with its notes up
                    beats.append(Beat("unpoint", timing.note))
        for k, text in enumerate(plain):
            beats += [Beat("remark", timing.note, text=text), Beat("wait", timing.hold)]
            if not self.slides or k < len(plain) - 1:
                beats.append(Beat("unremark", timing.note))
        region = self.layout.region([*step.inputs, step.output], step.id)  # beside the copies it reads
        attention = kind.beat == "hold" and not kind.whole_page and self.trace.tensor(step.output).role == "attention"
        if attention:
            self.qk_modules.add(step.output)
        view, left_out, left_out_copies = self.view_of(step, attention)
        return Shot(
            index,
            "step",
            step.id,
            self.stems[index],
            view,
            step.title,
            step.formula if step.formula != step.output else "",  # a given matrix's formula is its name
            shows,
            copies,
            tuple(beats),
            (region.right, region.row + 1),
            tuple(n.text for n in pointing),
            tuple(plain),
            step.output if attention else "",
            left_out,
            left_out_copies,
        )

    def groups(self, step: Step) -> list[Beat]:
        """Per group of ops: the marks move (the last caption goes), the caption shows
        as the values are written (and settle), and it stays up as long as the pace
        gives it to be read; the marks go at the end.
        """
        timing, kind = self.timing, kind_of(step)
        groups = group_ops(step, self.detail, self.trace.lang)
        beats: list[Beat] = []
        for number, group in enumerate(groups, 1):
            beats.append(Beat("mark", timing.mark, lit=self.lit(group)))
            if self.reveal:  # the class says the value first; the next click shows it
                beats.append(Beat("ask", timing.write, caption=Caption(group.label, group.asked), slide_ends=True))
            writes = tuple(self.write(group, op, kind) for op in group.ops)
            beats.append(Beat("write", timing.write, caption=Caption(group.label, group.arithmetic), writes=writes))
            shown = timing.write
            if any(w.before is not None for w in writes):
                beats.append(Beat("settle", timing.zero, writes=tuple(w for w in writes if w.before is not None)))
                shown += timing.zero
            first_row = group.ops[0].out.row == step.ops[0].out.row
            rest = timing.reading(group.arithmetic, first_row) - shown
            if rest > 1e-9 and not self.slides:  # a slide's last frame stays up until the click
                beats.append(Beat("wait", rest))  # the caption stays up to be read
            last = beats[-1]
            ends = self.slides and number < len(groups)  # a slide per cell, or per row
            beats[-1] = Beat(
                last.kind, last.seconds, last.lit, last.caption, last.writes, last.text, len(group.ops), ends
            )
        if groups:
            beats.append(Beat("unmark", timing.mark))
        return beats

    def lit(self, group: OpGroup) -> tuple[Lit, ...]:
        return tuple(dict.fromkeys(lit for op in group.ops for lit in lit_of(op)))  # each cell once

    def write(self, group: OpGroup, op: CellOp, kind: Kind) -> Write:
        """How an op's value arrives: a product's flies from the caption (or, several
        at once, appears in place); a value of one cell moves over from that cell.
        """
        text = format_number(op.value, self.trace.decimals)
        if kind.beat == "products":
            return Write(op.out, op.value, text, "caption" if len(group.ops) == 1 else None)
        before = kind.before(op)
        source = op.reads[0]  # the cell it comes from (an embedding's, not the one-hot's 1)
        if before is None:
            return Write(op.out, op.value, text, source)
        return Write(op.out, op.value, text, source, before, format_number(before, self.trace.decimals))

    def leaving(self, index: int) -> list[Beat]:
        """How a shot after the first starts: the camera moves, the last shot's bands
        fading as it goes; in a deck, they go at once first, so that the slide's first
        frame carries nothing of the one before.
        """
        if index == 0:
            return []
        return [*([Beat("clear", 0.0)] if self.slides else []), Beat("move", self.timing.camera)]

    def takeaways(self) -> Shot:
        """The whole sheet, its title and the takeaways beside it."""
        overview = beside(self.layout.page(), self.trace.takeaways, self.aspect)
        beats = (
            *self.leaving(len(self.trace.steps)),
            Beat("reveal", self.timing.reveal),
            Beat("wait", self.timing.takeaway),
        )
        index, title = len(self.trace.steps), self.trace.title
        return Shot(
            index,
            "takeaways",
            "",
            self.stems[-1],
            overview.view,
            title,
            "",
            (),
            (),
            beats,
            title_at=overview.title_at,
            lines=overview.lines,
        )


def _side_by_side(boxes: dict[str, Box]) -> dict[Box, tuple[str, ...]]:
    """The matrices drawn edge to edge (a weight and its bias column, an input and the
    row of 1s under it) as one unit, by the box around them: a view shows both or
    neither, never a bias column alone.
    """
    units: list[tuple[Box, tuple[str, ...]]] = [(b, (n,)) for n, b in boxes.items()]
    joined = True
    while joined:
        joined = False
        for i, (a, names_a) in enumerate(units):
            for j, (b, names_b) in enumerate(units[i + 1 :], i + 1):
                across = a.row == b.row and a.rows == b.rows and (a.right == b.col or b.right == a.col)
                down = a.col == b.col and a.cols == b.cols and (a.bottom == b.row or b.bottom == a.row)
                touching = across or down
                if touching:
                    units[i] = (a.union(b), names_a + names_b)
                    del units[j]
                    joined = True
                    break
            if joined:
                break
    return dict(units)
