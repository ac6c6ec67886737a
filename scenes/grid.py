"""The one reusable matrix mobject: a block of paper cells with numbers written in.

No LaTeX: words are shaped by Pango (:class:`~manim.Text`), cells are squares.
"""

from __future__ import annotations

__all__ = ["CellValue", "MatrixGrid", "cell_point", "decorations", "merged", "merged_by_color", "text"]

import hashlib
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from manim import LEFT, ORIGIN, RIGHT, UP, Rectangle, Square, Text, VGroup, VMobject

from handtf.cache import cache_root
from handtf.layout import Box, labels_shown, tag_of
from handtf.scenes.style import FONT, STYLE, Style
from handtf.trace import Number, Tensor
from handtf.written import format_number

_SHAPING_SIZE = 48  # font size words are shaped at; they are scaled from there


@lru_cache(maxsize=1)
def _digit_height() -> float:
    return float(Text("0", font=FONT, font_size=_SHAPING_SIZE).height)


def merged(parts: Sequence[VMobject]) -> VMobject:
    """Several outlines as one plain vector shape, styled like the first.

    Cairo's cost goes by the number of mobjects drawn, not their outlines, and a plain
    shape lacks the SVG data Text keeps on each glyph, so copying it is far cheaper.
    """
    shape = VMobject()
    shape.points = np.concatenate([p.points for p in parts]) if parts else np.zeros((0, 3))
    if parts:
        shape.match_style(parts[0])
    return shape


def _cache_dir() -> Path:
    """Where shaped words are kept."""
    return cache_root() / f"words-v1-{FONT.replace(' ', '_')}"


def _outline(word: str, bold: bool) -> np.ndarray:
    """The points of a word's outline at the shaping size, left edge at x=0.

    A "|" is shaped in front of the word and dropped; its foot is put at y=0, so words
    line up on one baseline whatever their letters. Shaping and parsing a word costs
    tens of milliseconds, so outlines are kept on disk and a re-render with other
    numbers only shapes the words it has not seen.
    """
    folder = _cache_dir()
    key = hashlib.sha1(f"{word}\0{bold}".encode()).hexdigest()
    path = folder / f"{key}.npy"
    if path.exists():
        try:
            outline: np.ndarray = np.load(path, allow_pickle=False)
            return outline
        except (OSError, ValueError):
            pass  # a damaged entry is shaped again below
    shaped = Text("|" + word, font=FONT, font_size=_SHAPING_SIZE, weight="BOLD" if bold else "NORMAL")
    bar, *glyphs = shaped.submobjects
    shape = merged(glyphs)
    shape.shift(np.array([-shape.get_left()[0], -bar.get_bottom()[1], 0.0]))
    points = np.asarray(shape.points)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        with os.fdopen(fd, "wb") as f:
            np.save(f, points, allow_pickle=False)
        os.replace(tmp, path)  # atomic: renders side by side never read half a file
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)  # no cache then; shaping still works
    return points


@lru_cache(maxsize=8192)
def _word(word: str, color: str, bold: bool) -> VMobject:
    """A word as one plain shape, filled like Text fills its glyphs."""
    shape = VMobject(fill_color=color, fill_opacity=1.0, stroke_width=0)
    shape.points = _outline(word, bold).copy()
    return shape


_SPACE = 0.6  # the gap between words, in digit heights
ROOM = 0.84  # of a cell's width, for its number: a gap each side
CONDENSED = 0.58  # how narrow a long number in a cell may be drawn before it is drawn smaller


def text(content: str, height: float, color: str = STYLE.ink, bold: bool = False) -> VGroup:
    """Text whose digits are ``height`` tall, laid out word by word.

    Each distinct word is shaped by Pango once and copied after that, so captions
    that differ in one number cost one new word, not a new line of text.
    """
    scale = height / _digit_height()
    line = VGroup()
    x = 0.0
    for word in content.split():
        shape = _word(word, color, bold).copy().scale(scale, about_point=ORIGIN)
        line.add(shape.shift(RIGHT * x))
        x += shape.width + _SPACE * height
    return line


def _within(label: VGroup, width: float) -> VGroup:
    """A column label narrowed to its column ("laughter" over a cell of numbers)."""
    if label.width > width:
        label.stretch_to_fit_width(width)
    return label


def merged_by_color(texts: Sequence[VMobject]) -> list[VMobject]:
    """Many texts drawn once per colour: the given numbers of a matrix never move alone."""
    by_color: dict[str, list[VMobject]] = {}
    for t in texts:
        for word in t.family_members_with_points():
            assert isinstance(word, VMobject)
            by_color.setdefault(word.get_fill_color().to_hex(), []).append(word)
    return [merged(words) for words in by_color.values()]


class CellValue(VGroup):
    """A number written in a cell; it remembers which cell and what it shows."""

    def __init__(self, tensor: str, row: int, col: int, shown: str, *parts: VMobject) -> None:
        super().__init__(*parts)
        self.tensor, self.row, self.col, self.shown = tensor, row, col, shown


def cell_point(col: float, row: float, style: Style) -> np.ndarray:
    """The centre of page cell (``col``, ``row``) in Manim coordinates; rows grow downward."""
    return np.array([(col + 0.5) * style.cell, -(row + 0.5) * style.cell, 0.0])


class MatrixGrid(VGroup):
    """A tensor drawn as cells on the page, coloured by role.

    Given tensors show their numbers; computed ones start empty and are filled in
    with :meth:`value_text` by the scene as their ops play.

    Examples
    --------
    .. code-block:: python

        from handtf import transformer
        from handtf.layout import Box
        grid = MatrixGrid(transformer().tensor("A"), Box(0, 0, 5, 5), filled=True)
    """

    def __init__(self, tensor: Tensor, box: Box, filled: bool, style: Style = STYLE) -> None:
        super().__init__()
        self.tensor = tensor
        self.box = box
        self.style = style
        self._squeezes: dict[bool, float] = {}
        rows, cols = tensor.shape
        s = style.cell
        self.cells = merged(
            [
                Square(
                    s,
                    stroke_color=style.faint,
                    stroke_width=1.2,
                    fill_color=style.role_fill[tensor.role],
                    fill_opacity=1,
                ).move_to(self.center_of(i, j))
                for i in range(rows)
                for j in range(cols)
            ]
        )
        self.outline = Rectangle(
            width=cols * s, height=rows * s, stroke_color=style.role_stroke[tensor.role], stroke_width=3
        )
        self.outline.move_to(self.cells)
        given = [self.value_text(i, j, tensor.at(i, j), given=True) for i in range(rows) for j in range(cols)]
        self.numbers = VGroup(*(merged_by_color(given) if filled else []))
        self.add(self.cells, self.outline, self.numbers)

    def center_of(self, row: int, col: int) -> np.ndarray:
        return cell_point(self.box.col + col, self.box.row + row, self.style)

    def value_text(self, row: int, col: int, value: Number, given: bool = False, color: str | None = None) -> CellValue:
        """A number sized for a cell and placed in it: dark when given, orange when
        computed, blue when negative; or all in ``color`` when one is given.
        """
        style = self.style
        if color is None:
            color = style.negative if value < 0 else (style.ink if given else style.computed)
        shown = format_number(value)
        label = CellValue(
            self.tensor.name, row, col, shown, *text(shown, style.cell * style.digit_height, color, not given)
        )
        room = style.cell * ROOM
        squeeze = self.squeeze(not given)
        if squeeze < 1:  # every number of the matrix as narrow as its widest needs
            label.stretch(squeeze, 0)
        if label.width > room:  # then smaller, if that is not enough
            label.scale_to_fit_width(room)
        return label.move_to(self.center_of(row, col))

    def squeeze(self, bold: bool) -> float:
        """How narrow the matrix's numbers are drawn, all alike: as much as the widest
        needs to fit its cell, but no narrower than :data:`CONDENSED` (so 10.50 beside
        7.66 is as tall, and a row of 1.65 2.72 keeps its gaps).
        """
        if bold not in self._squeezes:
            h = self.style.cell * self.style.digit_height
            rows, cols = self.tensor.shape
            shown = {format_number(self.tensor.at(i, j)) for i in range(rows) for j in range(cols)}
            widest = max(text(t, h, bold=bold).width for t in shown)
            self._squeezes[bold] = max(CONDENSED, min(1.0, self.style.cell * ROOM / widest))
        return self._squeezes[bold]

    def name_tag(self) -> VGroup:
        """The matrix's name, in the free cell diagonally above its top-left corner, or
        left of its first row where the layout puts it there.
        """
        tag = text(tag_of(self.tensor), self.style.cell * self.style.label_height * 1.3, self.style.ink, bold=True)
        corner = cell_point(self.box.col - 1, self.box.row - (0 if self.box.tag_left else 1), self.style)
        return tag.move_to(corner)

    def column_labels(self) -> VGroup:
        """The column labels (X1..X5) above the matrix."""
        h = self.style.cell * self.style.label_height
        return VGroup(
            *[
                _within(text(label, h, self.style.faint), self.style.cell * 0.92).move_to(
                    self.center_of(0, j) + UP * self.style.cell
                )
                for j, label in enumerate(self.tensor.col_labels)
            ]
        )

    def row_labels(self) -> VGroup:
        """The row labels (P1..P3) left of the matrix."""
        h = self.style.cell * self.style.label_height
        return VGroup(
            *[
                text(label, h, self.style.faint).move_to(self.center_of(i, 0) + LEFT * self.style.cell)
                for i, label in enumerate(self.tensor.row_labels)
            ]
        )

    def bias_tag(self) -> VGroup:
        """The "b" over a bias column, as on the sheets (see :func:`~handtf.layout.tag_of`)."""
        size = self.style.cell * self.style.label_height * 1.3
        tag = _within(
            text(tag_of(self.tensor), size, self.style.role_stroke["bias"], bold=True), self.style.cell * 0.96
        )
        return tag.move_to(self.center_of(0, 0) + UP * self.style.cell)

    def marks(self, cells: list[tuple[int, int]], color: str) -> Rectangle:
        """A highlight box around the bounding box of some of this matrix's cells."""
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        s = self.style.cell
        width = (max(cols) - min(cols) + 1) * s
        height = (max(rows) - min(rows) + 1) * s
        box = Rectangle(width=width, height=height, stroke_color=color, stroke_width=5)
        box.set_fill(color, opacity=0.16)
        top_left = self.center_of(min(rows), min(cols)) + (UP + LEFT) * (s / 2)
        return box.move_to(top_left + np.array([width / 2, -height / 2, 0.0]))


def decorations(grid: MatrixGrid, arrows: list[tuple[int, int, str]], style: Style) -> VGroup:
    """Labels around a matrix: its name, "b" over a bias, X1.. and P1.. on inputs; and
    the arrows (col, row, glyph) that lead into it.
    """
    role = grid.tensor.role
    parts = VGroup()
    if role == "bias":
        parts.add(grid.bias_tag())
    elif role != "ones":
        parts.add(grid.name_tag())
    rows, cols = labels_shown(grid.tensor)
    if cols:
        parts.add(grid.column_labels())
    if rows:
        parts.add(grid.row_labels())
    glyphs = [
        text(glyph, style.cell * 0.4, style.faint).move_to(cell_point(col, row, style)) for col, row, glyph in arrows
    ]
    return parts.add(*merged_by_color(glyphs))
