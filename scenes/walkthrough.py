"""The scene that plays a trace step after step, in a short loop; a table picks how each step is played.

Run the manim way on the default exercise::

    manim -ql scenes/walkthrough.py Transformer

A scene never computes a number: every value, label and line of arithmetic it shows
comes from the trace.
"""

from __future__ import annotations

__all__ = ["Timing", "Transformer", "Walkthrough"]

import textwrap
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MovingCameraScene,
    Rectangle,
    RoundedRectangle,
    Transform,
    VGroup,
    VMobject,
)
from manim.utils.color import ManimColor

from handtf.detail import Detail, OpGroup, group_ops
from handtf.exercises import transformer
from handtf.kinds import cell_rule, kind_of
from handtf.layout import Box, Layout, staircase
from handtf.steps import clip_stems, step_stem
from handtf.trace import Cell, CellOp, Note, Step, Trace, decimals
from scenes.grid import MatrixGrid, cell_point, merged, merged_by_color, text
from scenes.style import STYLE, Style

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Timing:
    """Seconds each beat of the walkthrough takes."""

    camera: float = 0.8
    reveal: float = 0.6
    mark: float = 0.35
    write: float = 0.4
    zero: float = 0.35
    note: float = 0.45
    hold: float = 1.0
    read: float = 1.0  # extra, after each group of a step's first output row
    takeaway: float = 2.5


@dataclass(frozen=True)
class _View:
    """Where the camera looks during a step."""

    center: np.ndarray
    width: float
    height: float

    def top_left(self) -> np.ndarray:
        return self.center + np.array([-self.width / 2, self.height / 2, 0.0])

    def bottom(self) -> np.ndarray:
        return self.center + np.array([0.0, -self.height / 2, 0.0])


_TOP_BAND = 0.13  # of the frame height, for the step title
_BOTTOM_BAND = 0.17  # for the label and the worked arithmetic
_NOTE_COLS = 6  # cells of room right of a step whose notes point at cells
_TAKEAWAY_COLS = 16  # cells of room right of the whole page for the takeaways


class Walkthrough(MovingCameraScene):
    """Play a :class:`~handtf.trace.Trace` on a paper page, in the by-hand style.

    Parameters
    ----------
    trace
        What to play; the article's transformer block when omitted.
    detail
        ``"cell"`` animates one output cell at a time, ``"row"`` a row at a time,
        ``"step"`` a whole matrix at a time.
    on_progress
        Called with the number of ops each time some are written.
    finished
        Show the finished sheet at once, with no animation (for stills).
    style
        The look: :data:`~scenes.style.STYLE` (paper) or another of
        :data:`~scenes.style.THEMES`.
    transparent
        Leave the page out (no paper, no grid lines), for video with an alpha channel.
    part
        Draw only these steps (index ``len(steps)`` is the takeaways), for renders
        split over processes; the steps before are worked through without frames.

    Each step starts a section of its own, named like its file
    (``02-attention-weighting``), so manim can save one clip per step and
    manim-slides can make one slide per step.
    """

    def __init__(
        self,
        trace: Trace | None = None,
        detail: Detail = "cell",
        on_progress: Progress | None = None,
        timing: Timing = Timing(),
        finished: bool = False,
        style: Style = STYLE,
        transparent: bool = False,
        part: range | None = None,
        **kwargs: object,
    ) -> None:
        self.trace = trace if trace is not None else transformer()
        self.detail = detail
        self.on_progress = on_progress
        self.timing = timing
        self.finished = finished
        self.style = style
        self.transparent = transparent
        self.part = part
        self.layout: Layout = staircase(self.trace, style.gap)
        self.grids: dict[str, MatrixGrid] = {}
        self.copy_grids: dict[str, MatrixGrid] = {}
        self.written: dict[Cell, VGroup] = {}
        self.bands = VGroup()
        self.zeroed: list[tuple[VGroup, VGroup]] = []
        self.playing: Step | None = None  # the step being played
        super().__init__(**kwargs)

    # -- the loop ----------------------------------------------------------------
    def render(self, *args: object, **kwargs: object) -> object:
        """Render with the trace's number of decimals for every number drawn."""
        with decimals(self.trace.decimals):
            return super().render(*args, **kwargs)

    def construct(self) -> None:
        self.start_page()
        if self.finished:
            self.lay_out_finished()
            return
        play_beat = {"hold": self.play_given, "products": self.play_products, "across": self.play_across}
        part = self.part or range(len(self.trace.steps) + 1)
        for index, step in enumerate(self.trace.steps):
            if index >= part.stop:
                return
            # Steps before this part are laid out at once, with no animation played, so
            # the part starts from exactly the page a serial render would be on.
            self.next_section(step_stem(index, step), skip_animations=index < part.start)
            if index < part.start:
                self.lay_out_played(step)
                continue
            self.playing = step
            self.begin_step(step)
            play_beat[kind_of(step).beat](step)
            self.play_notes(step)
        if len(self.trace.steps) in part:
            self.next_section(clip_stems(self.trace)[-1])
            self.play_takeaways()

    # -- the page ------------------------------------------------------------------
    def start_page(self) -> None:
        """The paper under everything, unless the video is to be transparent."""
        if not self.transparent:
            self.camera.background_color = ManimColor(self.style.paper)
            self.add(self.paper())

    def paper(self) -> VMobject:
        """Faint grid-paper lines under the whole staircase."""
        page = self.layout.page()
        margin = 40
        left, right = page.col - margin, page.right + margin
        top, bottom = page.row - margin, page.bottom + margin
        s = self.style.cell
        lines = [_line(col * s, -top * s, col * s, -bottom * s) for col in range(left, right + 1)]
        lines += [_line(left * s, -row * s, right * s, -row * s) for row in range(top, bottom + 1)]
        return merged(lines).set_stroke(self.style.grid_line, width=1)

    def view_of(self, step: Step) -> _View:
        """The camera frame that shows a step, its title band and its caption band."""
        names = [*step.inputs, step.output]
        box = self.layout.region(names, step.id)
        if any(note.cells for note in step.notes):
            box = Box(box.col, box.row, box.rows, box.cols + _NOTE_COLS)
        return self.fit(box)

    def fit(self, box: Box) -> _View:
        s = self.style.cell
        aspect = self.camera.frame_width / self.camera.frame_height
        height = max(box.rows * s / (1 - _TOP_BAND - _BOTTOM_BAND), box.cols * s * 1.04 / aspect)
        top_left = cell_point(box.col, box.row, self.style) + np.array([-s / 2, s / 2, 0.0])
        middle = top_left + np.array([box.cols * s / 2, -box.rows * s / 2, 0.0])
        shift = (_BOTTOM_BAND - _TOP_BAND) / 2 * height
        return _View(middle + DOWN * shift, height * aspect, height)

    def grid(self, name: str) -> MatrixGrid:
        """The grid of a tensor, made on first use; during a step that reads a copy of
        it (see :attr:`~scenes.layout.Layout.copies`), the copy.
        """
        if name in self.copy_grids:
            return self.copy_grids[name]
        if name not in self.grids:
            tensor = self.trace.tensor(name)
            filled = name not in self.trace.produced()
            self.grids[name] = MatrixGrid(tensor, self.layout.boxes[name], filled, self.style)
        return self.grids[name]

    def decorations(self, name: str) -> VGroup:
        """Labels around a matrix: its name, "b" over a bias, X1.. and P1.. on inputs."""
        grid = self.grid(name)
        role = grid.tensor.role
        parts = VGroup()
        if role == "bias":
            parts.add(grid.bias_tag())
        elif role != "ones":
            parts.add(grid.name_tag())
        if role == "input":
            parts.add(grid.column_labels(), grid.row_labels())
        if role == "attention":
            parts.add(grid.column_labels())
        arrows = [
            text(glyph, self.style.cell * 0.4, self.style.faint).move_to(cell_point(col, row, self.style))
            for col, row, glyph in self.layout.arrows.get(name, [])
        ]
        return parts.add(*merged_by_color(arrows))

    # -- steps ---------------------------------------------------------------------
    def begin_step(self, step: Step) -> None:
        """Move the camera to the step, then lay out its new matrices and its title."""
        view = self.view_of(step)
        frame = self.camera.frame
        moves = [FadeOut(self.bands)] if self.bands else []
        if not self.grids:
            frame.move_to(view.center).set(width=view.width)
        else:
            moves.append(frame.animate.move_to(view.center).set(width=view.width))
        if moves:
            with self.panning(view):
                self.play(*moves, run_time=self.timing.camera)
        self.remove(self.bands)
        self.view = view
        self.bands = VGroup(self.title_band(step))
        self.play(FadeIn(self.new_matrices(step)), FadeIn(self.bands), run_time=self.timing.reveal)

    def panning(self, view: _View) -> AbstractContextManager[None]:
        """Around a play that moves the camera to ``view`` and fades the bands out: a
        renderer that can draws it from one picture of the page (see
        :meth:`scenes.encode.StreamingRenderer.panning`).
        """
        panning = getattr(self.renderer, "panning", None)
        if panning is None:
            return nullcontext()
        return panning(self, self.bands, view.center, view.width)  # type: ignore[no-any-return]

    def new_matrices(self, step: Step) -> VGroup:
        """The matrices a step shows for the first time, with their labels, and the
        copies it reads matrices from, written out again where the step needs them.
        """
        copies = [n for n in step.inputs if (step.id, n) in self.layout.copies]
        self.copy_grids = {
            n: MatrixGrid(self.trace.tensor(n), self.layout.copies[(step.id, n)], True, self.style) for n in copies
        }
        new = [n for n in (*step.inputs, step.output) if n not in self.grids and n not in self.copy_grids]
        shown = VGroup(*[VGroup(self.grid(n), self.decorations(n)) for n in [*new, *copies]])
        if not kind_of(step).computes and self.trace.tensor(step.output).role == "attention":
            shown.add(self.qk_box(self.grid(step.output)))
        return shown

    def play_given(self, step: Step) -> None:
        self.wait(self.timing.hold)

    def play_products(self, step: Step) -> None:
        """Matmul, linear, sums, division, addition: light the cells combined, show the
        arithmetic, and the result flies from it into its cell.
        """
        self.play_groups(step, self.write_products)

    def play_across(self, step: Step) -> None:
        """One cell in, one cell out (ReLU, transpose, scale, exp): each value moves
        across from its cell; ReLU turns a negative into 0 on the way.
        """
        self.play_groups(step, self.write_across)

    def play_groups(self, step: Step, write: Callable[[OpGroup, VGroup], list[Animation]]) -> None:
        """Two plays per group: the marks move to the row and column, then the values
        are written. The caption changes between the two, as the marks arrive (at once:
        fading it would copy every glyph). Only what moves is drawn each frame: the
        caption is still in both plays, so manim draws it into their background once.
        The marks stay last in the scene, so they are drawn in the same order whether
        they move or not.
        """
        marks: VGroup | None = None
        caption: VGroup | None = None
        groups = group_ops(step, self.detail, self.trace.lang)
        for number, group in enumerate(groups, 1):
            new_marks = self.marks(group.ops)
            if marks is None:
                marks = new_marks
                self.play(FadeIn(marks), run_time=self.timing.mark)
            else:
                self.bring_to_front(marks)
                self.play(Transform(marks, new_marks), run_time=self.timing.mark)
            if caption is not None:
                self.remove(caption)
            caption = self.caption(group.label, group.arithmetic)
            self.add(caption)
            self.play(*write(group, caption))
            self.after_write()
            if group.ops[0].out.row == step.ops[0].out.row:
                self.wait(self.timing.read)  # the first row slowly, to read its arithmetic
            if self.on_progress is not None and not self.renderer.skip_animations:
                self.on_progress(len(group.ops))
            self.group_done(step, last=number == len(groups))
        if marks is not None and caption is not None:
            self.play(FadeOut(marks), FadeOut(caption), run_time=self.timing.mark)

    def group_done(self, step: Step, last: bool) -> None:
        """Called after each group of a step's ops is written (slides break here)."""

    def after_write(self) -> None:
        """Turn the negatives ReLU just brought across into 0s, in a beat of their own."""
        if self.zeroed:
            self.play(*[Transform(shown, value) for shown, value in self.zeroed], run_time=self.timing.zero)
            for shown, value in self.zeroed:
                self.remove(shown)
                self.add(value)
            self.zeroed = []

    # Values arrive with FadeIn from where they come from: FadeIn introduces its mobject
    # only when it starts, so a value never shows in its cell before its turn.
    def write_products(self, group: OpGroup, caption: VGroup) -> list[Animation]:
        values = [self.value_in_place(op) for op in group.ops]
        if len(values) == 1:
            source = caption[-1]
            scale = source.height / values[0].height
            return [FadeIn(values[0], target_position=source, scale=scale, run_time=self.timing.write)]
        return [LaggedStart(*[FadeIn(v, scale=1.6) for v in values], lag_ratio=0.15, run_time=self.timing.write)]

    def write_across(self, group: OpGroup, caption: VGroup) -> list[Animation]:
        arriving = []
        assert self.playing is not None
        kind = kind_of(self.playing)
        for op in group.ops:
            (source,) = op.reads
            grid = self.grid(op.out.tensor)
            before = kind.before(op)
            value = self.value_in_place(op)
            if before is not None:
                shown = grid.value_text(op.out.row, op.out.col, before).set_color(self.style.zeroed)
                self.zeroed.append((shown, value))
                value = shown
            given = source not in self.written  # the step's input is given, as on a sheet of some steps
            start = self.grid(source.tensor).center_of(source.row, source.col) if given else self.written[source]
            arriving.append(FadeIn(value, target_position=start))
        return [AnimationGroup(*arriving, run_time=self.timing.write)]

    def value_in_place(self, op: CellOp) -> VGroup:
        value = self.grid(op.out.tensor).value_text(op.out.row, op.out.col, op.value)
        self.written[op.out] = value
        return value

    def marks(self, ops: tuple[CellOp, ...]) -> VGroup:
        """Boxes around the row and the column being combined, and the cells written."""
        cells: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for op in ops:
            rule = cell_rule(op)
            for k, cell in enumerate(op.reads):
                side = self.style.row_mark if rule.side(k) == "row" else self.style.col_mark
                cells.setdefault((cell.tensor, side), []).append((cell.row, cell.col))
            cells.setdefault((op.out.tensor, self.style.out_mark), []).append((op.out.row, op.out.col))
        return VGroup(*[self.grid(name).marks(where, color) for (name, color), where in cells.items()])

    # -- text bands ------------------------------------------------------------------
    def band(self, height: float, top: float) -> Rectangle:
        view = self.view
        rect = Rectangle(width=view.width * 1.02, height=height, stroke_width=0)
        rect.set_fill(self.style.paper, opacity=0 if self.transparent else 1)
        return rect.move_to(np.array([view.center[0], top - height / 2, 0.0]))

    def title_band(self, step: Step) -> VGroup:
        view = self.view
        h = view.height * self.style.title_height
        row = VGroup(text(step.title, h, self.style.ink, bold=True))
        if step.formula != step.output:  # a given matrix's formula is just its name
            row.add(text(step.formula, h, self.style.faint).shift(RIGHT * (row.width + h)))  # on one baseline
        _fit_width(row, view.width * 0.94)
        row.move_to(view.top_left() + np.array([h * 0.6, -view.height * _TOP_BAND / 2, 0.0]), aligned_edge=LEFT)
        return VGroup(self.band(view.height * _TOP_BAND, view.top_left()[1]), row)

    def caption(self, label: str, arithmetic: str) -> VGroup:
        """Two centred lines at the bottom: the op's label, then its arithmetic; the
        last part is the result alone, so it can fly into its cell.
        """
        view = self.view
        h = view.height * self.style.caption_height
        head, sep, result = arithmetic.rpartition(" = ")
        line2 = VGroup(text(head + sep, h, self.style.ink), text(result, h, self.style.computed, bold=True))
        if not sep:
            line2 = VGroup(text(arithmetic, h, self.style.faint))
        line2.arrange(RIGHT, buff=h * 0.6)
        lines = VGroup(text(label, h * 0.9, self.style.faint), line2).arrange(DOWN, buff=h * 0.35)
        _fit_width(lines, view.width * 0.94)
        band_h = view.height * _BOTTOM_BAND
        lines.move_to(view.bottom() + UP * band_h / 2)
        background = self.band(band_h, view.bottom()[1] + band_h)
        return VGroup(background, lines[0], *line2)

    def remark(self, content: str) -> VGroup:
        view = self.view
        h = view.height * self.style.caption_height
        line = text(content, h, self.style.ink)
        _fit_width(line, view.width * 0.94)
        band_h = view.height * _BOTTOM_BAND
        line.move_to(view.bottom() + UP * band_h / 2)
        return VGroup(self.band(band_h, view.bottom()[1] + band_h), line)

    # -- notes and takeaways ---------------------------------------------------------
    def play_notes(self, step: Step) -> None:
        """Notes that point at cells are listed beside the step, lighting their cells
        one by one (the attention insight); other notes show in the caption band.
        """
        pointing = [n for n in step.notes if n.cells]
        plain = [n for n in step.notes if not n.cells]
        if pointing:
            self.play_pointing_notes(step, pointing)
        for note in plain:
            remark = self.remark(note.text)
            self.play(FadeIn(remark), run_time=self.timing.note)
            self.wait(self.timing.hold)
            self.play(FadeOut(remark), run_time=self.timing.note)

    def note_lines(self, step: Step, notes: list[Note]) -> VGroup:
        """Notes that point at cells, one per line, in the room right of the step."""
        region = self.layout.region([*step.inputs, step.output])
        h = self.style.cell * 0.42
        lines = VGroup(*[text(n.text, h, self.style.ink) for n in notes]).arrange(DOWN, aligned_edge=LEFT, buff=h * 0.7)
        _fit_width(lines, (_NOTE_COLS - 1) * self.style.cell)
        anchor = cell_point(region.right, region.row + 1, self.style) + np.array(
            [-self.style.cell / 2, self.style.cell / 2, 0.0]
        )
        return lines.move_to(anchor, aligned_edge=UP + LEFT)

    def play_pointing_notes(self, step: Step, notes: list[Note]) -> None:
        lines = self.note_lines(step, notes)
        lit = None
        for note, line in zip(notes, lines, strict=True):
            marks = VGroup(*[self.grid(c.tensor).marks([(c.row, c.col)], self.style.note_mark) for c in note.cells])
            if lit is None:
                self.play(FadeIn(line), Create(marks), run_time=self.timing.note)
            else:
                self.play(FadeIn(line), Transform(lit, marks), run_time=self.timing.note)
            lit = lit or marks
        self.wait(self.timing.hold)
        self.play(FadeOut(lines), *([FadeOut(lit)] if lit else []), run_time=self.timing.note)

    def overview(self) -> tuple[_View, VGroup]:
        """The view of the whole staircase, and the title and takeaways beside it."""
        s = self.style.cell
        page = self.layout.page()
        aspect = self.camera.frame_width / self.camera.frame_height
        height = (page.rows + 4) * s  # the page, three rows above it for the title, one below
        width = max(height * aspect, (page.cols + _TAKEAWAY_COLS) * s)
        height = width / aspect
        left = cell_point(page.col, page.row, self.style)[0] - s / 2
        top = cell_point(page.col, page.row, self.style)[1] + s / 2 + 3 * s
        view = _View(np.array([left + width / 2, top - height / 2, 0.0]), width, height)
        h = view.height * self.style.caption_height
        room = width - page.cols * s - 2 * s
        notes = VGroup()
        if not self.trace.takeaways:
            notes.add(VMobject())  # keeps the layout below simple when there is nothing to say
        for takeaway in self.trace.takeaways:
            wrapped = VGroup(*[text(line, h, self.style.ink, bold=True) for line in textwrap.wrap(takeaway, 24)])
            notes.add(wrapped.arrange(DOWN, aligned_edge=LEFT, buff=h * 0.5))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=h * 1.6)
        _fit_width(notes, room)
        page_right = cell_point(page.right, page.row, self.style)[0] - s / 2
        notes.move_to(np.array([page_right + s + room / 2, view.center[1], 0.0]))
        title = text(self.trace.title, view.height * self.style.title_height, self.style.ink, bold=True)
        title.move_to(view.top_left() + np.array([s, -s, 0.0]), aligned_edge=UP + LEFT)
        return view, VGroup(notes, title)

    def play_takeaways(self) -> None:
        """Zoom out to the whole staircase, with the things to remember beside it."""
        self.view, bands = self.overview()
        with self.panning(self.view):
            self.play(
                FadeOut(self.bands),
                self.camera.frame.animate.move_to(self.view.center).set(width=self.view.width),
                run_time=self.timing.camera,
            )
        self.remove(self.bands)
        self.bands = bands
        self.play(FadeIn(self.bands), run_time=self.timing.reveal)
        self.wait(self.timing.takeaway)

    def lay_out_step(self, step: Step) -> None:
        """A step's new matrices and its written values, at once, with no animation."""
        self.add(*self.new_matrices(step))
        for op in step.ops:
            self.add(self.value_in_place(op))

    def lay_out_played(self, step: Step) -> None:
        """The page as playing ``step`` leaves it, made at once: the camera on the step,
        its title, its matrices and values, in the order playing adds them (a render
        in parts starts from this; a test compares it with a serial render, frame for
        frame).
        """
        view = self.view_of(step)
        self.camera.frame.move_to(view.center).set(width=view.width)
        self.view = view
        self.remove(self.bands)
        self.bands = VGroup(self.title_band(step))
        self.add(self.new_matrices(step), self.bands)
        for op in step.ops:
            self.add(self.value_in_place(op))

    def lay_out_finished(self) -> None:
        """The finished sheet at once, with no animation: what the walkthrough ends on."""
        for step in self.trace.steps:
            self.lay_out_step(step)
        view, self.bands = self.overview()
        self.look_at(view)
        self.add(self.bands)

    def look_at(self, view: _View) -> None:
        """Put the camera on a view at once."""
        self.view = view
        self.camera.frame.move_to(view.center).set(width=view.width)

    def qk_box(self, grid: MatrixGrid) -> VGroup:
        """The small "QK" box left of the attention matrix, as on the sheets."""
        s = self.style.cell
        rows = grid.tensor.shape[0]
        box = RoundedRectangle(corner_radius=s * 0.15, width=s * 0.9, height=rows * s * 0.8)
        box.set_stroke(self.style.role_stroke["weight"], width=2).set_fill(self.style.role_fill["weight"], opacity=1)
        centre = (
            cell_point(grid.box.col - 2, grid.box.row, self.style)
            + cell_point(grid.box.col - 2, grid.box.row + rows - 1, self.style)
        ) / 2
        box.move_to(centre)
        label = text("QK", s * 0.3, self.style.ink, bold=True).move_to(box)
        arrows = VGroup(
            *[
                text("→", s * 0.4, self.style.faint).move_to(cell_point(grid.box.col - 1, grid.box.row + r, self.style))
                for r in range(rows)
            ]
        )
        return VGroup(box, label, arrows)


def _line(x0: float, y0: float, x1: float, y1: float) -> Line:
    return Line(np.array([x0, y0, 0.0]), np.array([x1, y1, 0.0]))


def _fit_width(mobject: VGroup, width: float) -> None:
    if mobject.width > width:
        mobject.scale_to_fit_width(width)


class Transformer(Walkthrough):
    """The article's transformer block with its default numbers, cell by cell."""
