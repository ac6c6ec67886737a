"""The overview: the whole worked sheet, the exercise's title above it, and the
takeaways, in words sized to the sheet's cells, so that the sheet stays the point.

Two arrangements: :func:`beside` puts the takeaways right of the sheet, in the
frame's proportions (the video's last shot, the final PNG); :func:`below` puts them
under it and fits the view to the whole, for a blog figure that a column of 700
pixels can show with its labels readable. Both say where each line of the takeaways
starts, wrapped here: the scenes draw the lines, they do not decide them.
"""

from __future__ import annotations

__all__ = ["LINE", "TAKEAWAY_COLS", "TEXT", "TITLE", "TITLE_ROWS", "Overview", "below", "beside"]

import math
import textwrap
from dataclasses import dataclass

from handtf.framing import View
from handtf.layout import Box

TITLE_ROWS = 2  # rows above the sheet for the exercise's title
TITLE = 0.9  # the title's digit height, in cells
TEXT = 0.5  # a takeaway's digit height, in cells
LINE = 0.9  # cells from one line's baseline to the next
GAP = 0.6  # more between two takeaways
CHAR = 0.42  # about how wide a bold character is, in cells, at TEXT
TAKEAWAY_COLS = 14  # the column of takeaways right of the sheet, with a cell of margin


@dataclass(frozen=True)
class Overview:
    """Where the camera looks, and the takeaways' lines with the page cell (col, row)
    where each one's baseline starts; the title's baseline starts at ``title_at``.
    """

    view: View
    title_at: tuple[float, float]
    lines: tuple[tuple[str, float, float], ...]


def _wrapped(takeaways: tuple[str, ...], cols: float, left: float, top: float) -> tuple[tuple[str, float, float], ...]:
    width = max(8, int(cols / CHAR))
    lines = []
    y = top + TEXT
    for takeaway in takeaways:
        for line in textwrap.wrap(takeaway, width) or [""]:
            lines.append((line, left, y))
            y += LINE
        y += GAP
    return tuple(lines)


def _fit(box: tuple[float, float, float, float], aspect: float | None) -> View:
    """The view of ``box`` (left, top, right, bottom) with half a cell of margin; at
    ``aspect``, centred on it, or at its own proportions.
    """
    left, top, right, bottom = box[0] - 0.5, box[1] - 0.5, box[2] + 0.5, box[3] + 0.5
    width, height = right - left, bottom - top
    if aspect is not None:
        width, height = max(width, height * aspect), max(height, width / aspect)
    return View((left + right) / 2, (top + bottom) / 2, width, height)


def beside(page: Box, takeaways: tuple[str, ...], aspect: float) -> Overview:
    """The sheet, its title above and the takeaways right of it, at ``aspect``."""
    left = page.right + 1
    lines = _wrapped(takeaways, TAKEAWAY_COLS - 1, left, page.row + 1)
    bottom = max(page.bottom, math.ceil(lines[-1][2] + 1) if lines else page.bottom)
    view = _fit((page.col, page.row - TITLE_ROWS, page.right + TAKEAWAY_COLS, bottom), aspect)
    return Overview(view, (page.col + 0.5, page.row - TITLE_ROWS + TITLE + 0.3), lines)


def below(page: Box, takeaways: tuple[str, ...]) -> Overview:
    """The sheet, its title above and the takeaways under it, fitted to the whole."""
    lines = _wrapped(takeaways, page.cols - 1, page.col + 0.5, page.bottom + 0.5)
    bottom = lines[-1][2] + 0.6 if lines else page.bottom
    view = _fit((page.col, page.row - TITLE_ROWS, page.right, bottom), None)
    return Overview(view, (page.col + 0.5, page.row - TITLE_ROWS + TITLE + 0.3), lines)
