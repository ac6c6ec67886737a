"""How the words around the sheet are drawn: the title band, the caption band, notes
and the takeaways. What they say, and where the camera looks, comes from the
storyboard (:mod:`handtf.storyboard`); this module only draws it.
"""

from __future__ import annotations

__all__ = [
    "Frame",
    "caption",
    "fit_width",
    "note_lines",
    "overview_words",
    "paper",
    "qk_box",
    "remark",
    "paper_of",
    "title_band",
]

from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, Rectangle, RoundedRectangle, VGroup, VMobject

from handtf.layout import Box, Layout
from handtf.overview import TEXT, TITLE
from handtf.scenes.grid import cell_point, merged, text
from handtf.scenes.style import Style
from handtf.storyboard import BOTTOM_BAND, NOTE_COLS, TOP_BAND, View
from handtf.written import split_result


@dataclass(frozen=True)
class Frame:
    """A storyboard view in Manim coordinates: where the camera looks."""

    center: np.ndarray
    width: float
    height: float

    @classmethod
    def of(cls, view: View, style: Style) -> Frame:
        s = style.cell
        return cls(np.array([view.x * s, -view.y * s, 0.0]), view.width * s, view.height * s)

    def top_left(self) -> np.ndarray:
        corner: np.ndarray = self.center + np.array([-self.width / 2, self.height / 2, 0.0])
        return corner

    def bottom(self) -> np.ndarray:
        middle: np.ndarray = self.center + np.array([0.0, -self.height / 2, 0.0])
        return middle


def fit_width(mobject: VMobject, width: float) -> None:
    if mobject.width > width:
        mobject.scale_to_fit_width(width)


def _band(frame: Frame, style: Style, transparent: bool, height: float, top: float) -> Rectangle:
    rect = Rectangle(width=frame.width * 1.02, height=height, stroke_width=0)
    rect.set_fill(style.paper, opacity=0 if transparent else 1)
    return rect.move_to(np.array([frame.center[0], top - height / 2, 0.0]))


def paper_of(band: VGroup) -> VMobject:
    """The paper of a title band, caption or remark: each is its paper, then its words."""
    paper: VMobject = band[0]
    return paper


def title_band(frame: Frame, style: Style, transparent: bool, title: str, formula: str) -> VGroup:
    """The step's title, and its formula on the same baseline, on a band of paper."""
    h = frame.height * style.title_height
    row = VGroup(text(title, h, style.ink, bold=True))
    if formula:
        row.add(text(formula, h, style.faint).shift(RIGHT * (row.width + h)))  # on one baseline
    fit_width(row, frame.width * 0.94)
    row.move_to(frame.top_left() + np.array([h * 0.6, -frame.height * TOP_BAND / 2, 0.0]), aligned_edge=LEFT)
    return VGroup(_band(frame, style, transparent, frame.height * TOP_BAND, frame.top_left()[1]), row)


def caption(frame: Frame, style: Style, transparent: bool, label: str, arithmetic: str) -> VGroup:
    """Two centred lines at the bottom: the op's arithmetic, then its label under it.
    The arithmetic's last part is the result alone, so it can fly into its cell; the
    label is below, so it never flies over the label.
    """
    h = frame.height * style.caption_height
    head, sep, result = split_result(arithmetic)
    line2 = VGroup(text(head + sep, h, style.ink), text(result, h, style.computed, bold=True))
    if not sep:
        line2 = VGroup(text(arithmetic, h, style.faint))
    line2.arrange(RIGHT, buff=h * 0.6)
    lines = VGroup(line2, text(label, h * 0.9, style.faint)).arrange(DOWN, buff=h * 0.35)
    fit_width(lines, frame.width * 0.94)
    band_h = frame.height * BOTTOM_BAND
    lines.move_to(frame.bottom() + UP * band_h / 2)
    background = _band(frame, style, transparent, band_h, frame.bottom()[1] + band_h)
    return VGroup(background, lines[1], *line2)


def remark(frame: Frame, style: Style, transparent: bool, content: str) -> VGroup:
    """A note in the caption band."""
    h = frame.height * style.caption_height
    line = text(content, h, style.ink)
    fit_width(line, frame.width * 0.94)
    band_h = frame.height * BOTTOM_BAND
    line.move_to(frame.bottom() + UP * band_h / 2)
    return VGroup(_band(frame, style, transparent, band_h, frame.bottom()[1] + band_h), line)


def note_lines(style: Style, notes: tuple[str, ...], at: tuple[int, int]) -> VGroup:
    """Notes that point at cells, one per line, from the top-left of cell ``at``."""
    h = style.cell * 0.42
    lines = VGroup(*[text(n, h, style.ink) for n in notes]).arrange(DOWN, aligned_edge=LEFT, buff=h * 0.7)
    fit_width(lines, (NOTE_COLS - 1) * style.cell)
    anchor = cell_point(*at, style) + np.array([-style.cell / 2, style.cell / 2, 0.0])
    return lines.move_to(anchor, aligned_edge=UP + LEFT)


def overview_words(
    style: Style, view: View, title: str, title_at: tuple[float, float], lines: tuple[tuple[str, float, float], ...]
) -> VGroup:
    """The exercise's title and the takeaways' lines, each from the page cell where the
    storyboard puts its baseline, in sizes of the sheet's cells (see handtf.overview);
    a title too long for the view is drawn smaller.
    """
    s = style.cell
    heading = text(title, s * TITLE, style.ink, bold=True)
    room = (view.x + view.width / 2 - title_at[0] - 0.5) * s
    if heading.width > room:
        heading.scale(room / heading.width, about_point=np.zeros(3))  # about its baseline's start
    heading.shift(np.array([title_at[0] * s, -title_at[1] * s, 0.0]))
    words = VGroup(heading)
    for line, col, row in lines:
        words.add(text(line, s * TEXT, style.ink, bold=True).shift(np.array([col * s, -row * s, 0.0])))
    return words


def qk_box(style: Style, box: Box) -> VGroup:
    """The small "QK" box left of the attention matrix in ``box``, as on the sheets."""
    s = style.cell
    rows = box.rows
    outline = RoundedRectangle(corner_radius=s * 0.15, width=s * 0.9, height=rows * s * 0.8)
    outline.set_stroke(style.role_stroke["weight"], width=2).set_fill(style.role_fill["weight"], opacity=1)
    centre = (cell_point(box.col - 2, box.row, style) + cell_point(box.col - 2, box.row + rows - 1, style)) / 2
    outline.move_to(centre)
    label = text("QK", s * 0.3, style.ink, bold=True).move_to(outline)
    arrows = VGroup(
        *[text("→", s * 0.4, style.faint).move_to(cell_point(box.col - 1, box.row + r, style)) for r in range(rows)]
    )
    return VGroup(outline, label, arrows)


def paper(layout: Layout, style: Style) -> VMobject:
    """Faint grid-paper lines under the whole staircase."""
    page = layout.page()
    margin = 40
    left, right = page.col - margin, page.right + margin
    top, bottom = page.row - margin, page.bottom + margin
    s = style.cell
    lines = [_line(col * s, -top * s, col * s, -bottom * s) for col in range(left, right + 1)]
    lines += [_line(left * s, -row * s, right * s, -row * s) for row in range(top, bottom + 1)]
    return merged(lines).set_stroke(style.grid_line, width=1)


def _line(x0: float, y0: float, x1: float, y1: float) -> Line:
    return Line(np.array([x0, y0, 0.0]), np.array([x1, y1, 0.0]))
