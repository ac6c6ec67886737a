"""The scene that plays a trace's storyboard, beat by beat, on a paper page.

Run the manim way on the default exercise::

    manim -ql scenes/walkthrough.py Transformer

What to show comes from the storyboard (:mod:`handtf.storyboard`): each beat names
the cells it lights, its caption, the values it writes and where they come from, and
how long it lasts. The scene decides only how to draw each kind of beat; it never
computes a number.
"""

from __future__ import annotations

__all__ = ["Timing", "Transformer", "Walkthrough"]

from collections.abc import Callable
from typing import Any, cast

from manim import (
    Animation,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    Transform,
    VGroup,
)

from handtf.detail import Detail
from handtf.exercises import transformer
from handtf.layout import Layout, staircase
from handtf.scenes.bands import (
    caption,
    note_lines,
    paper_of,
    remark,
)
from handtf.scenes.grid import MatrixGrid
from handtf.scenes.sheet import Sheet
from handtf.scenes.style import STYLE, Style
from handtf.segments import segments
from handtf.storyboard import Beat, Shot, Storyboard, Timing, Write, storyboard
from handtf.trace import Cell, Trace
from handtf.written import decimals

Progress = Callable[[int], None]


class Walkthrough(Sheet):
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
        Draw only these segments (see :func:`handtf.segments.segments`: each shot,
        the takeaways last, cut at beats), for renders split over processes; what
        comes before is laid out or played without frames.

    reveal
        In a deck, stop before each value (see :func:`handtf.storyboard.storyboard`).

    Each segment starts a section of its own, named like its file
    (``02-attention-weighting``, ``02-attention-weighting-part2``), so manim saves
    one clip per segment.
    """

    deck = False  # a slide deck's scene plays the storyboard made for slides

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
        reveal: bool = False,
        **kwargs: Any,
    ) -> None:
        self.trace = trace if trace is not None else transformer()
        self.detail = detail
        self.on_progress = on_progress
        self.timing = timing
        self.finished = finished
        self.style = style
        self.transparent = transparent
        self.part = part
        self.reveal = reveal
        self.layout: Layout = staircase(self.trace, style.gap)
        self.grids: dict[str, MatrixGrid] = {}
        self.copy_grids: dict[str, MatrixGrid] = {}
        # Each matrix on the page with its labels, and each copy; and those left out now.
        self.pieces: dict[str, VGroup] = {}
        self.copy_pieces: dict[tuple[str, str], VGroup] = {}
        self.left_out: set[str | tuple[str, str]] = set()
        self.written: dict[Cell, VGroup] = {}
        self.bands = VGroup()
        self.zeroed: list[tuple[VGroup, VGroup]] = []
        self.marks: VGroup | None = None
        self.shown_caption: VGroup | None = None
        self.shown_remark: VGroup | None = None
        # The notes pointing at cells: their lines, how many show, and the marks on their cells.
        self.pointing: tuple[VGroup, int, VGroup | None] | None = None
        super().__init__(**kwargs)

    @property
    def board(self) -> Storyboard:
        """The storyboard this scene plays, for its camera's proportions."""
        if not hasattr(self, "_board"):
            aspect = self.page_camera.frame_width / self.page_camera.frame_height
            self._board = storyboard(
                self.trace, self.detail, self.timing, aspect, self.layout, slides=self.deck, reveal=self.reveal
            )
        return self._board

    # -- the loop ----------------------------------------------------------------
    def render(self, preview: bool = False) -> bool:
        """Render with the trace's number of decimals for every number drawn."""
        with decimals(self.trace.decimals):
            return super().render(preview)

    def construct(self) -> None:
        self.start_page()
        if self.finished:
            self.lay_out_finished()
            return
        shots = self.board.shots
        cut = segments(self.board)
        part = self.part or range(len(cut))
        entered = cut[part.start].shot if part.start < len(cut) else len(shots)  # the shot the part starts in
        for segment in cut[: part.stop]:
            # The part starts from exactly the page a serial render would be on: shots
            # before it are laid out at once, and the beats of its first shot that come
            # before it are played with no frame drawn.
            shot = shots[segment.shot]
            skipped = segment.index < part.start
            if segment.beats.start == 0 or not self.deck:  # in a deck a section is a slide: one a step
                self.next_section(segment.name, skip_animations=skipped)
            self.skipping = skipped
            if skipped and segment.shot < entered:
                if segment.beats.start == 0:
                    self.lay_out_played(shot)
                continue
            for beat in shot.beats[segment.beats.start : segment.beats.stop]:
                getattr(self, f"play_{beat.kind}")(shot, beat)
                if beat.ops and self.on_progress is not None and not self.renderer.skip_animations:
                    self.on_progress(beat.ops)
                if beat.slide_ends:
                    self.slide_ends()

    def slide_ends(self) -> None:
        """Called where the storyboard ends a slide (slides break here)."""

    # -- the beats -------------------------------------------------------------------
    def play_move(self, shot: Shot, beat: Beat) -> None:
        frame = self.frame_of(shot)
        self.set_aside(frame)
        # The old title fades in the first quarter of the move, before it travels far.
        moves: list[Animation | Any] = [FadeOut(self.bands, rate_func=_early)] if self.bands else []
        moves.append(self.page_camera.frame.animate.move_to(frame.center).set(width=frame.width))
        with self.panning(frame):
            self.play(*moves, run_time=beat.seconds)
        self.remove(self.bands)
        self.view = frame
        self.bands = self.shot_bands(shot)

    def play_reveal(self, shot: Shot, beat: Beat) -> None:
        if not self.grids:  # the first shot: the camera starts there
            self.look_at(self.frame_of(shot))
            self.remove(self.bands)
            self.bands = self.shot_bands(shot)
        away, back = self.left_out_now(shot)  # not to cut them; back, shown whole
        # What comes back goes under the title band: the scene adds in this order.
        coming = [*back, *([] if shot.kind == "takeaways" else self.new_matrices(shot)), self.bands]
        with self.fading(away, coming):
            self.play(*[FadeOut(p) for p in away], *[FadeIn(p) for p in coming], run_time=beat.seconds)

    def play_wait(self, shot: Shot, beat: Beat) -> None:
        self.wait(beat.seconds, frozen_frame=True)  # one frame that lasts: storyboard.frames() counts so

    def play_mark(self, shot: Shot, beat: Beat) -> None:
        """The marks go to the row and column combined, and the cells written. They
        stay last in the scene, so they are drawn in the same order whether they move
        or not. The last caption goes as they leave, so the caption on screen always
        names the cells the marks are on.
        """
        if self.shown_caption is not None:
            self.remove(self.shown_caption)
            self.shown_caption = None
        marks = self.marks_of(beat)
        if self.marks is None:
            self.marks = marks
            with self.fading([], [marks]):
                self.play(FadeIn(marks), run_time=beat.seconds)
        else:
            self.bring_to_front(self.marks)
            self.play(Transform(self.marks, marks), run_time=beat.seconds)

    def play_write(self, shot: Shot, beat: Beat) -> None:
        """The caption shows as the marks arrive (at once: fading it would copy every
        glyph), then the values arrive. The caption is still during the play, so manim
        draws it into the play's background once.
        """
        self.show_caption(beat)
        assert self.shown_caption is not None
        self.play(*self.arrivals(beat, self.shown_caption))

    def show_caption(self, beat: Beat) -> None:
        """The beat's caption, at once, in place of any shown."""
        if self.shown_caption is not None:
            self.remove(self.shown_caption)
        assert beat.caption is not None
        self.shown_caption = caption(
            self.view, self.style, self.transparent, beat.caption.label, beat.caption.arithmetic
        )
        self.add(self.shown_caption)

    def play_ask(self, shot: Shot, beat: Beat) -> None:
        """The caption with a "?" for the value, held: the class says it first."""
        self.show_caption(beat)
        self.wait(beat.seconds, frozen_frame=True)  # one frame that lasts: storyboard.frames() counts so

    def play_clear(self, shot: Shot, beat: Beat) -> None:
        """The last shot's words go at once (no frame is drawn): its title, notes and
        remark. Their bands' paper stays, to fade as the camera moves, so what lay
        under a band does not show for a frame.
        """
        bands = [cast(VGroup, band) for band in self.bands]
        if self.shown_remark is not None:
            bands.append(self.shown_remark)
            self.shown_remark = None
        self.remove(self.bands, *bands)
        self.bands = VGroup(*[paper_of(band) for band in bands])
        self.add(self.bands)
        if self.pointing is not None:
            lines, _, lit = self.pointing
            self.remove(*lines, *([lit] if lit else []))  # each line was added on its own
            self.pointing = None

    # Values arrive with FadeIn from where they come from: FadeIn introduces its mobject
    # only when it starts, so a value never shows in its cell before its turn.
    def arrivals(self, beat: Beat, shown_caption: VGroup) -> list[Animation]:
        writes, seconds = beat.writes, beat.seconds
        if all(isinstance(w.source, Cell) for w in writes):
            return [AnimationGroup(*[self.across(w) for w in writes], run_time=seconds)]
        values = [self.value_in_place(w) for w in writes]
        if len(values) == 1 and writes[0].source == "caption":
            source = shown_caption[-1]
            scale = source.height / values[0].height
            return [FadeIn(values[0], target_position=source, scale=scale, run_time=seconds)]
        return [LaggedStart(*[FadeIn(v, scale=1.6) for v in values], lag_ratio=0.15, run_time=seconds)]

    def across(self, write: Write) -> Animation:
        """A value moving over from the one cell it comes from; a value shown first
        (ReLU's negative) arrives instead, to settle into the value later.
        """
        assert isinstance(write.source, Cell)
        source = write.source
        value = self.value_in_place(write)
        if write.before is not None:
            grid = self.grid(write.cell.tensor)
            shown = grid.value_text(write.cell.row, write.cell.col, write.before).set_color(self.style.zeroed)
            self.zeroed.append((shown, value))
            value = shown
        given = source not in self.written  # the step's input is given, as on a sheet of some steps
        start = self.grid(source.tensor).center_of(source.row, source.col) if given else self.written[source]
        return FadeIn(value, target_position=start)

    def play_give(self, shot: Shot, beat: Beat) -> None:
        """The numbers the exercise gives appear in their cells, with no caption."""
        values = [self.value_in_place(w) for w in beat.writes]
        with self.fading([], values):
            self.play(*[FadeIn(v) for v in values], run_time=beat.seconds)

    def play_settle(self, shot: Shot, beat: Beat) -> None:
        """The values shown first take their own value, in a beat of their own."""
        self.play(*[Transform(shown, value) for shown, value in self.zeroed], run_time=beat.seconds)
        for shown, value in self.zeroed:
            self.remove(shown)
            self.add(value)
        self.zeroed = []

    def play_unmark(self, shot: Shot, beat: Beat) -> None:
        assert self.marks is not None and self.shown_caption is not None
        with self.fading([self.marks, self.shown_caption], []):
            self.play(FadeOut(self.marks), FadeOut(self.shown_caption), run_time=beat.seconds)
        self.marks, self.shown_caption = None, None

    def play_point(self, shot: Shot, beat: Beat) -> None:
        """A note's line fades in beside the step, and the marks go to its cells."""
        if self.pointing is None:
            self.pointing = (note_lines(self.style, shot.notes, shot.notes_at), 0, None)
        lines, count, lit = self.pointing
        marks = self.marks_of(beat)
        if lit is None:
            self.play(FadeIn(lines[count]), Create(marks), run_time=beat.seconds)
            lit = marks
        else:
            self.play(FadeIn(lines[count]), Transform(lit, marks), run_time=beat.seconds)
        self.pointing = (lines, count + 1, lit)

    def play_unpoint(self, shot: Shot, beat: Beat) -> None:
        assert self.pointing is not None
        lines, _, lit = self.pointing
        going = [lines, *([lit] if lit else [])]
        with self.fading(going, []):
            self.play(*[FadeOut(m) for m in going], run_time=beat.seconds)
        self.pointing = None

    def play_remark(self, shot: Shot, beat: Beat) -> None:
        self.shown_remark = remark(self.view, self.style, self.transparent, beat.text)
        with self.fading([], [self.shown_remark]):
            self.play(FadeIn(self.shown_remark), run_time=beat.seconds)

    def play_unremark(self, shot: Shot, beat: Beat) -> None:
        assert self.shown_remark is not None
        with self.fading([self.shown_remark], []):
            self.play(FadeOut(self.shown_remark), run_time=beat.seconds)
        self.shown_remark = None

    def marks_of(self, beat: Beat) -> VGroup:
        """Boxes around the cells a beat lights, one per matrix and kind of mark."""
        colors = {
            "row": self.style.row_mark,
            "col": self.style.col_mark,
            "out": self.style.out_mark,
            "note": self.style.note_mark,
        }
        if beat.kind == "point":  # a box per cell a note names
            return VGroup(
                *[self.grid(lit.cell.tensor).marks([(lit.cell.row, lit.cell.col)], colors["note"]) for lit in beat.lit]
            )
        cells: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for lit in beat.lit:
            cells.setdefault((lit.cell.tensor, colors[lit.mark]), []).append((lit.cell.row, lit.cell.col))
        return VGroup(*[self.grid(name).marks(where, color) for (name, color), where in cells.items()])


def _early(t: float) -> float:
    """A fade done in the first quarter of its play."""
    return min(1.0, 4.0 * t)


class Transformer(Walkthrough):
    """The article's transformer block with its default numbers, cell by cell."""
