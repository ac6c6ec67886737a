"""Matrices taken off the page while the camera is far from them, and put back when
it comes near.

Manim's Cairo scene walks every mobject it holds, and every one's family, several
times a play: to tell what moves from what stands still, to add what a play brings in,
to find what to draw. A long exercise's page holds thousands, and a step's view shows
a few hundred, so that bookkeeping, not drawing, comes to cost the most. Before each
camera move, the matrices that lie wholly outside the box the move passes through (its
first and last frames, and all between) are taken out of the scene, with the values
written in them, and those that come into it are put back.

What a frame shows stays the same, pixel for pixel: what is taken out is out of view
until it is put back, and it is put back where it was in the order the scene draws
in. Every mobject the scene adds is numbered as it comes (:meth:`Offstage.number`);
the scene adds at the end, so its list stays in that order, and a unit put back is
merged in by its numbers.
"""

from __future__ import annotations

__all__ = ["Offstage", "Unit"]

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import numpy as np
from manim import Mobject

# Beyond the box a move passes through, what may still reach its frames: half the
# widest stroke drawn (as the camera reckons it), and a few pixels a picture of the
# page blends in as it is shrunk for a frame.
_STROKE = 0.25
_BLEND_PIXELS = 4

Unit = list[Mobject]  # a matrix with its labels and the values written in it, or a copy


@dataclass
class Offstage:
    """The units taken off the page, by key, and where each lies."""

    away: dict[Any, Unit] = field(default_factory=dict)
    boxes: dict[Any, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)  # by id: when each was last added
    _next: Iterator[int] = field(default_factory=count)

    def number(self, mobjects: Iterable[Mobject]) -> None:
        """Number mobjects the scene is adding (at the end of its list) in that order."""
        for m in mobjects:
            self.numbers[id(m)] = next(self._next)

    def __contains__(self, key: object) -> bool:
        return key in self.away

    def forget(self, key: Any) -> None:
        """Leave a unit off the page for good (its matrix is left out of the view now)."""
        self.away.pop(key, None)

    def update(
        self,
        mobjects: list[Mobject],
        units: Iterable[tuple[Any, Unit]],
        corners: Iterable[np.ndarray],
        pixel_width: int,
        remove: Callable[..., Any],
    ) -> list[Mobject]:
        """Before a move through the frames whose corner points are ``corners`` (each a
        camera frame's points), take out of the scene (with ``remove``) every unit on
        the page outside their box, and return the scene's list with those that come
        into it put back in their places. ``mobjects`` is the scene's list, and
        ``units`` the units it holds now.
        """
        points = np.vstack([np.asarray(c)[:, :2] for c in corners])
        low, high = points.min(axis=0), points.max(axis=0)
        margin = _STROKE + _BLEND_PIXELS * float(high[0] - low[0]) / pixel_width
        low, high = low - margin, high + margin
        on_page = {id(m) for m in mobjects}
        going: list[Mobject] = []
        for key, unit in units:
            if all(id(m) in on_page for m in unit) and not self._reaches(key, unit, low, high):
                self.away[key] = unit
                going.extend(unit)
        if going:
            remove(*going)
            mobjects = [m for m in mobjects if id(m) not in {id(g) for g in going}]
        coming = [key for key, unit in self.away.items() if self._reaches(key, unit, low, high)]
        return self._merged(mobjects, [m for key in coming for m in self.away.pop(key)])

    def _merged(self, mobjects: list[Mobject], back: list[Mobject]) -> list[Mobject]:
        """``back`` merged into the scene's list by the numbers they were added with. A
        mobject the scene holds unnumbered (a part of a group it split) stands where its
        group stood: after the numbered one before it.
        """
        if not back:
            return mobjects
        back = sorted(back, key=lambda m: self.numbers[id(m)])
        merged: list[Mobject] = []
        last = -1
        for m in mobjects:
            last = self.numbers.get(id(m), last)
            while back and self.numbers[id(back[0])] < last:
                merged.append(back.pop(0))
            merged.append(m)
        return merged + back

    def _reaches(self, key: Any, unit: Unit, low: np.ndarray, high: np.ndarray) -> bool:
        box = self.boxes.get(key)
        if box is None or key not in self.away:  # a unit on the page may have grown since
            found = [points[:, :2] for points in (m.get_all_points() for m in unit) if len(points)]
            if not found:
                return True  # nothing to bound: keep it where it is
            points = np.vstack(found)
            box = (points.min(axis=0), points.max(axis=0))
            self.boxes[key] = box
        return bool(np.all(box[1] >= low) and np.all(box[0] <= high))
