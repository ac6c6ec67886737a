"""Stills drawn straight from the trace, with no animation: blog figures and worksheets.

Both scenes lay the sheet out at once and take pictures of it, so a still costs about
as much as one frame of the walkthrough, not the length of the video.
"""

from __future__ import annotations

__all__ = ["A4_LANDSCAPE_PT", "Figures", "OverviewFigure", "Worksheet", "pdf_pages"]

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import cairo
import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, VGroup, VMobject
from manim.utils.color import ManimColor
from PIL import Image

from handtf.beats import Shot
from handtf.pages import SIDE_COLS, Page, pages
from handtf.scenes.bands import Frame, fit_width, note_lines, overview_words, remark
from handtf.scenes.grid import cell_point, text
from handtf.scenes.sheet import writes_of
from handtf.scenes.walkthrough import Walkthrough
from handtf.steps import OVERVIEW_STEM
from handtf.text import say
from handtf.trace import Trace

Keep = Callable[[str, Image.Image], None]

A4_LANDSCAPE_PT = (841.89, 595.28)  # 297 mm x 210 mm in PostScript points


class _Still(Walkthrough):
    """A walkthrough scene that is looked at, never played."""

    def snapshot(self) -> Image.Image:
        """The frame the camera sees now, as a picture."""
        self.renderer.update_frame(self, ignore_skipping=True)  # type: ignore[call-arg]  # Cairo's takes it
        return self.page_camera.get_image()


class Figures(_Still):
    """One picture per step, showing that step finished (the overview is
    :class:`OverviewFigure`'s).

    Each picture goes to ``keep(stem, image)``, with stems such as
    ``02-attention-weighting``.
    """

    def __init__(self, trace: Trace, keep: Keep, **kwargs: object) -> None:
        self.keep = keep
        super().__init__(trace, **kwargs)  # type: ignore[arg-type]

    def construct(self) -> None:
        self.start_page()
        *steps, last = self.board.shots
        for shot in steps:
            self.leave_out_at_once(shot)
            self.lay_out_shot(shot)
            self.look_at(self.frame_of(shot))
            extras = self.shot_bands(shot)
            if shot.notes:
                extras.add(note_lines(self.style, shot.notes, shot.notes_at))
            if shot.remarks:
                extras.add(remark(self.view, self.style, self.transparent, "  ·  ".join(shot.remarks)))
            self.add(extras)
            self.keep(shot.stem, self.snapshot())
            self.remove(extras)


class OverviewFigure(Figures):
    """The overview as a blog figure: the whole sheet with the takeaways under it, in
    the proportions of the storyboard's ``figure`` (the camera is made to match them).
    """

    def construct(self) -> None:
        self.start_page()
        self.lay_out_finished()
        last = self.board.shots[-1]
        self.remove(self.bands)
        figure = self.board.figure
        assert figure is not None
        self.look_at(self.frame_of_view(figure.view))
        self.add(overview_words(self.style, figure.view, last.title, figure.title_at, figure.lines))
        self.keep(OVERVIEW_STEM, self.snapshot())


class Worksheet(_Still):
    """The exercise as a sheet to fill in: the staircase with the given numbers, and
    every cell the reader computes left empty; with ``answers``, those cells hold
    the results in a second colour (the answer key).
    """

    def __init__(self, trace: Trace, answers: bool = False, page: int = 0, **kwargs: object) -> None:
        self.answers = answers
        self.page_number = page
        self.copied: list[VMobject] = []  # the answer key's values in copies of worked-out matrices
        super().__init__(trace, **kwargs)  # type: ignore[arg-type]

    @property
    def pages(self) -> tuple[Page, ...]:
        """The printed pages, as many as keep every cell at least 8 mm wide."""
        return pages(self.board)

    def construct(self) -> None:
        self.start_page()
        page = self.pages[self.page_number]
        shots = [self.board.shots[i] for i in page.shots]
        for shot in shots:
            self.add(*self.new_matrices(shot, worked_copies=False))
            for write in writes_of(shot):
                grid = self.grid(write.cell.tensor)
                if write.given:  # a number the exercise gives, printed as the given ones are
                    self.add(grid.value_text(write.cell.row, write.cell.col, write.value, given=True))
                elif self.answers:
                    self.add(grid.value_text(write.cell.row, write.cell.col, write.value, color=self.style.answer))
            if self.answers:
                for name in shot.copies:  # a worked-out matrix written out again: its values too
                    if name not in self.board.given:
                        values = self.copy_answers(name)
                        self.copied += values
                        self.add(*values)
        self.look_at(Frame.of(page.view, self.style))
        self.add(self.header(), self.instructions(shots, page))

    def copy_answers(self, name: str) -> list[VMobject]:
        """The values of a copy of ``name``, in the answer key's colour."""
        grid, tensor = self.copy_grids[name], self.trace.tensor(name)
        rows, cols = tensor.shape
        return [
            grid.value_text(i, j, tensor.at(i, j), color=self.style.answer) for i in range(rows) for j in range(cols)
        ]

    def header(self) -> VGroup:
        s = self.style.cell
        kind = say(self.trace.lang, "sheet.answers" if self.answers else "sheet.worksheet")
        count = len(self.pages)
        of = f" ({say(self.trace.lang, 'sheet.page', page=self.page_number + 1, pages=count)})" if count > 1 else ""
        title = text(f"{self.trace.title}: {kind}{of}", s * 0.55, self.style.ink, bold=True)
        corner = self.view.top_left() + np.array([s, -s, 0.0])
        if self.answers:
            fit_width(title, self.view.width - 2 * s)
            return VGroup(title.move_to(corner, aligned_edge=UP + LEFT))
        name = text(say(self.trace.lang, "sheet.name"), s * 0.45, self.style.faint)
        name.move_to(self.view.top_left() + np.array([self.view.width - s, -s, 0.0]), aligned_edge=UP + RIGHT)
        fit_width(title, self.view.width - 3 * s - name.width)  # clear of the name line
        return VGroup(title.move_to(corner, aligned_edge=UP + LEFT), name)

    def instructions(self, shots: list[Shot], page: Page) -> VGroup:
        """The page's steps in order, each with its formula, and how to fill the sheet in."""
        s = self.style.cell
        h = s * 0.5
        lang = self.trace.lang
        lines = VGroup(text(say(lang, "sheet.fill-in"), h, self.style.ink))
        for shot in shots:
            if writes_of(shot):
                title, formula = text(shot.title, h, self.style.ink, bold=True), text(shot.formula, h, self.style.faint)
                lines.add(VGroup(title, formula.shift(RIGHT * (title.width + h))))  # on one baseline
            elif shot.shows:
                lines.add(text(f"{shot.title} {say(lang, 'sheet.given')}", h, self.style.faint, bold=True))
            else:  # an overview between parts
                lines.add(text(shot.title, h, self.style.ink, bold=True))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=h * 1.1)
        if page.side:  # right of the staircase
            fit_width(lines, (SIDE_COLS - 1) * s)
            anchor = cell_point(page.box.right, page.box.row, self.style) + np.array([0.0, s / 2, 0.0])
        else:  # under the page's matrices
            fit_width(lines, self.view.width - 2 * s)
            anchor = cell_point(page.box.col, page.box.bottom, self.style) + np.array([0.0, s / 2, 0.0])
        return lines.move_to(anchor, aligned_edge=UP + LEFT)


@contextmanager
def pdf_pages(path: Path, size_pt: tuple[float, float] = A4_LANDSCAPE_PT) -> Iterator[Callable[[_Still], None]]:
    """A vector PDF at ``path`` with pages of ``size_pt``: the callable given draws what
    a scene's camera sees as the next page, so each scene can go once it is drawn.

    The same outlines Cairo rasterises for a PNG are written as PDF paths, so the
    pages print sharp at any size.
    """
    width, height = size_pt
    surface = cairo.PDFSurface(str(path), width, height)
    try:
        ctx = cairo.Context(surface)

        def add(scene: _Still) -> None:
            _draw_page(scene, ctx, width, height)
            ctx.show_page()

        yield add
    finally:
        surface.finish()


def _draw_page(scene: _Still, ctx: cairo.Context[Any], width: float, height: float) -> None:
    camera = scene.page_camera
    fw, fh, centre = camera.frame_width, camera.frame_height, camera.frame_center
    ctx.identity_matrix()
    r, g, b = ManimColor(scene.style.paper).to_rgb()
    ctx.set_source_rgb(r, g, b)
    ctx.paint()
    x, y = width / 2 - centre[0] * width / fw, height / 2 + centre[1] * height / fh
    ctx.set_matrix(cairo.Matrix(width / fw, 0, 0, -height / fh, x, y))
    page = _RgbContext(ctx)
    for mobject in camera.get_mobjects_to_display(scene.mobjects):
        if isinstance(mobject, VMobject) and mobject.has_points():
            camera.display_vectorized(mobject, cast("cairo.Context[Any]", page))


class _RgbContext:
    """A Cairo context that takes colours in the blue-green-red order manim sends.

    manim's camera reverses each colour because its pixel buffer stores BGRA; a PDF
    page wants them the right way round. (Gradients are not used on the sheets.)
    """

    def __init__(self, ctx: cairo.Context[Any]) -> None:
        self._ctx = ctx

    def set_source_rgba(self, blue: float, green: float, red: float, alpha: float) -> None:
        self._ctx.set_source_rgba(red, green, blue, alpha)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)
