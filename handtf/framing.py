"""Where the camera looks: a view that shows what a step needs between the title band
and the caption band, and every other matrix on the page wholly or not at all.

A view fitted to a step's matrices is usually wider than they are, and the room left
over shows the matrices beside them. Cut by the frame, those show as slivers: a
column of W1 at the left edge, a thin line under the title band. :func:`frame` slides
the view within its room, then widens it, until each matrix on the page is wholly in
the window between the bands or clear of it, or, if that would make the numbers small,
leaves the ones it cuts out of the picture. Everything is in page cells, ``y`` down.
"""

from __future__ import annotations

__all__ = ["BOTTOM_BAND", "CLEAR", "GROW", "TOP_BAND", "View", "cut", "fit", "footprint", "frame", "window"]

import math
from collections.abc import Iterable
from dataclasses import dataclass

from handtf.layout import Box

TOP_BAND = 0.13  # of a view's height, for the step's title
BOTTOM_BAND = 0.17  # for the caption: the label and the worked arithmetic
CLEAR = 0.25  # cells between the window's edge and a matrix left out of it
STEP = 0.25  # cells: how finely a view slides

Rect = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class View:
    """The rectangle the camera shows, in page cells: centre, width and height."""

    x: float
    y: float
    width: float
    height: float

    def contains(self, box: Box) -> bool:
        """Whether every cell of ``box`` is inside the view."""
        left, top = self.x - self.width / 2, self.y - self.height / 2
        eps = 1e-9
        return (
            box.col >= left - eps
            and box.right <= left + self.width + eps
            and box.row >= top - eps
            and box.bottom <= top + self.height + eps
        )


def window(view: View) -> Rect:
    """The part of a view between the title band and the caption band."""
    top = view.y - view.height / 2
    return (
        view.x - view.width / 2,
        top + TOP_BAND * view.height,
        view.x + view.width / 2,
        top + (1 - BOTTOM_BAND) * view.height,
    )


def footprint(box: Box) -> Rect:
    """A matrix's cells with its labels: its name and row labels left of it, its
    column labels above.
    """
    return (box.col - 1, box.row - 1, box.right, box.bottom)


def cut(view: View, boxes: Iterable[Box]) -> list[Box]:
    """The matrices among ``boxes`` that the view's window shows only a part of, or
    comes within :data:`CLEAR` of without showing whole.
    """
    left, top, right, bottom = window(view)
    eps = 1e-9
    cuts = []
    for box in boxes:
        b_left, b_top, b_right, b_bottom = footprint(box)
        inside = b_left >= left - eps and b_right <= right + eps and b_top >= top - eps and b_bottom <= bottom + eps
        clear = (
            b_right <= left - CLEAR + eps
            or b_left >= right + CLEAR - eps
            or b_bottom <= top - CLEAR + eps
            or b_top >= bottom + CLEAR - eps
        )
        if not inside and not clear:
            cuts.append(box)
    return cuts


def fit(box: Box, aspect: float) -> View:
    """The view that shows ``box`` between the bands, centred."""
    height = max(box.rows / (1 - TOP_BAND - BOTTOM_BAND), box.cols * 1.04 / aspect)
    shift = (BOTTOM_BAND - TOP_BAND) / 2 * height
    return View(box.col + box.cols / 2, box.row + box.rows / 2 + shift, height * aspect, height)


GROW = 1.3  # how much a view may widen to take in a matrix it would cut


def frame(needed: Box, aspect: float, on_page: Iterable[Box]) -> tuple[View, list[Box]]:
    """A view that shows ``needed`` whole, and the matrices ``on_page`` it leaves out
    because it would cut them (the scenes do not draw those while it lasts).

    The centred view if it cuts none; else the nearest one slid within its room that
    cuts fewest; else, if taking in what it cuts widens it by at most :data:`GROW`, the
    wider view; else the slid one, leaving out what it cuts.
    """
    boxes = list(on_page)
    centred = fit(needed, aspect)
    best = _slid(centred, needed, boxes)
    cuts = cut(best, boxes)
    wider = needed
    for _ in range(8):
        if not cuts:
            return best, []
        for box in cuts:
            left, top, right, bottom = footprint(box)
            wider = wider.union(Box(int(left), int(top), int(bottom - top), int(right - left)))
        grown = fit(wider, aspect)
        if grown.height > centred.height * GROW + 1e-9:
            break
        view = _slid(grown, wider, boxes)
        if not cut(view, boxes):
            return view, []
        cuts = cut(view, boxes)
    return best, cut(best, boxes)


def _slid(centred: View, needed: Box, boxes: list[Box]) -> View:
    """The view of ``centred``'s size that shows ``needed`` in its window and cuts the
    fewest boxes, the nearest to ``centred`` of those.
    """
    left, top, right, bottom = window(centred)
    room_x = (right - left) - needed.cols  # how far the window may slide, with needed in it
    room_y = (bottom - top) - needed.rows
    shifts = [(dx, dy) for dx in _shifts(needed.col - left, room_x) for dy in _shifts(needed.row - top, room_y)]
    best, fewest = centred, len(cut(centred, boxes))
    for dx, dy in sorted(shifts, key=lambda d: math.hypot(*d)):
        if fewest == 0:
            break
        view = View(centred.x + dx, centred.y + dy, centred.width, centred.height)
        count = len(cut(view, boxes))
        if count < fewest:
            best, fewest = view, count
    return best


def _shifts(slack_before: float, room: float) -> list[float]:
    """Shifts of a window that keep a box in it: the box starts ``slack_before`` in
    from the window's edge, and the window has ``room`` to spare in all.
    """
    low, high = slack_before - room, slack_before  # the window's edge may move by these
    count = int((high - low) / STEP)
    return [low + k * STEP for k in range(count + 1)] + [high]
