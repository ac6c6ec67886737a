"""The pages of a printed worksheet: the storyboard's steps in order, as many on each
A4 page as fit with every cell at least :data:`CELL_MM` wide, so a long exercise (the
whole transformer) runs to several readable pages instead of one of tiny cells.

Each page draws the matrices its steps show first, and lists its steps beside them;
a step's inputs from an earlier page are on that page. Everything is in page cells.
"""

from __future__ import annotations

__all__ = ["A4_LANDSCAPE_MM", "CELL_MM", "HEADER_ROWS", "SIDE_COLS", "Page", "page_images", "pages", "sheet_view"]

from dataclasses import dataclass
from pathlib import Path

from handtf.beats import Shot, Storyboard
from handtf.framing import View
from handtf.layout import Box, Layout

A4_LANDSCAPE_MM = (297.0, 210.0)
CELL_MM = 8.0  # the smallest cell that reads, and takes a handwritten number, in print
HEADER_ROWS = 3  # rows above the matrices for the title and the name line
LABEL_COLS = 2  # cells left of a matrix for its name and its row labels (the words of a vocabulary)
SIDE_COLS = 15  # cells right of a one-page sheet's staircase for its list of steps


@dataclass(frozen=True)
class Page:
    """One printed page: the step shots it holds (by index), the box around what they
    draw, where it looks, and where its list of steps goes: right of the matrices
    (``side``, a sheet of one page) or under them.
    """

    shots: tuple[int, ...]
    box: Box
    view: View
    side: bool = True


LINE_ROWS = 1.05  # rows of a page that one line of its list of steps takes, under the matrices


def sheet_view(box: Box, aspect: float, header_rows: int, side_cols: int, footer_rows: float = 0) -> View:
    """The view of a page: ``box``, ``header_rows`` above it for the title and the name
    line, and ``side_cols`` right of it (or ``footer_rows`` under it) for the list of
    steps, at the page's proportions.
    """
    width = float(box.cols + side_cols + 1)
    height = float(box.rows + header_rows + 1 + footer_rows)
    width, height = max(width, height * aspect), max(height, width / aspect)
    left, top = box.col - 0.5, box.row - header_rows
    return View(left + width / 2, top + height / 2, width, height)


def own_boxes(layout: Layout, shot: Shot) -> list[Box]:
    """The boxes a shot draws first: the matrices it shows, and the copies it writes."""
    boxes = [layout.boxes[name] for name in shot.shows]
    return boxes + [layout.copies[(shot.step_id, name)] for name in shot.copies]


def pages(
    board: Storyboard,
    header_rows: int = HEADER_ROWS,
    side_cols: int = SIDE_COLS,
    size_mm: tuple[float, float] = A4_LANDSCAPE_MM,
) -> tuple[Page, ...]:
    """One page, the list of steps beside the staircase, if it fits with cells of at
    least :data:`CELL_MM`; else the steps in order, a page at a time, as many as fit,
    each page's list of steps under its matrices. A step too big for a page gets one
    of its own, at whatever size fits.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> [len(p.shots) for p in pages(storyboard(transformer()))]
    [5]
    """
    width_mm, height_mm = size_mm
    aspect, most = width_mm / height_mm, (width_mm / CELL_MM, height_mm / CELL_MM)
    steps = [shot for shot in board.shots if shot.kind == "step"]
    whole = board.layout.page()
    if whole.cols + side_cols + 1 <= most[0] + 1e-9 and whole.rows + header_rows + 1 <= most[1] + 1e-9:
        return (Page(tuple(s.index for s in steps), whole, sheet_view(whole, aspect, header_rows, side_cols)),)
    done: list[Page] = []
    held: list[Shot] = []
    box: Box | None = None
    for shot in steps:
        grown = _around(box, own_boxes(board.layout, shot))
        footer = LINE_ROWS * (len(held) + 2) + 1  # the lines so far, this step's and the fill-in line
        fits = grown is not None and grown.cols + 1 <= most[0] and grown.rows + header_rows + 1 + footer <= most[1]
        if held and box is not None and not fits:
            done.append(_page(held, box, most, header_rows))
            held, grown = [], _around(None, own_boxes(board.layout, shot))
        held.append(shot)
        box = grown
    if held:
        done.append(_page(held, box or whole, most, header_rows))
    return tuple(done)


def _around(box: Box | None, boxes: list[Box]) -> Box | None:
    """The box around ``box`` and ``boxes``, with room left of them for the matrices'
    names and row labels, and a cell of margin on the other sides.
    """
    for b in boxes:
        b = Box(b.col - LABEL_COLS, b.row - 1, b.rows + 2, b.cols + LABEL_COLS + 1)
        box = b if box is None else box.union(b)
    return box


def _page(held: list[Shot], box: Box, most: tuple[float, float], header_rows: int) -> Page:
    """A page of several: the whole paper at :data:`CELL_MM` a cell, so every page of a
    sheet has cells of one size; a step too big for it is shrunk to fit.
    """
    footer = LINE_ROWS * (len(held) + 1) + 1
    view = sheet_view(box, most[0] / most[1], header_rows, 0, footer)
    if view.width < most[0]:
        left, top = box.col - 0.5, box.row - header_rows
        view = View(left + most[0] / 2, top + most[1] / 2, most[0], most[1])
    return Page(tuple(s.index for s in held), box, view, side=False)


def page_images(png: Path, count: int) -> list[Path]:
    """The PNG of each page: ``png`` for the first, ``NAME-2.png`` and on for the rest.

    >>> [p.name for p in page_images(Path("ws.png"), 3)]
    ['ws.png', 'ws-2.png', 'ws-3.png']
    """
    return [png] + [png.with_name(f"{png.stem}-{k}{png.suffix}") for k in range(2, count + 1)]
