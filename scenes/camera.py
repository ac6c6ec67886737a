"""The camera every handtf scene draws with: manim's moving camera, which skips the
parts of the page that lie outside its frame.

A long exercise's page holds thousands of glyphs, and a view shows a few hundred of
them. Manim's Cairo camera builds a path for every one, in view or not, so each
picture costs as much as the whole page. This camera leaves out, before drawing,
every leaf whose points lie wholly outside the frame (with a margin for its stroke),
so a picture costs what it shows. What it draws is the same, pixel for pixel:
cairo would clip those paths away anyway.
"""

from __future__ import annotations

__all__ = ["FramedCamera", "snapshot"]

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from manim import Mobject, MovingCamera
from manim.utils.color import ManimColor

# Half the widest stroke drawn, in scene units (manim draws a stroke of width w as
# w / 100 units wide): a leaf this close to the frame may still put ink in it.
_STROKE_MARGIN = 0.25


class FramedCamera(MovingCamera):
    """A moving camera that draws only the leaves which can reach its frame."""

    def get_mobjects_to_display(
        self,
        mobjects: Iterable[Mobject],
        include_submobjects: bool = True,
        excluded_mobjects: list[Mobject] | None = None,
    ) -> list[Mobject]:
        leaves = super().get_mobjects_to_display(mobjects, include_submobjects, excluded_mobjects)
        center = self.frame.get_center()
        half = np.array([self.frame.width / 2, self.frame.height / 2]) + _STROKE_MARGIN
        low, high = center[:2] - half, center[:2] + half
        return [m for m in leaves if _reaches(m, low, high)]


def _reaches(mobject: Any, low: np.ndarray, high: np.ndarray) -> bool:
    """Whether a leaf's points (its bounding box) overlap the box from ``low`` to ``high``."""
    points = mobject.points
    if len(points) == 0:
        return True  # nothing to bound: let manim decide, as it would
    xy = points[:, :2]
    return bool(np.all(xy.max(axis=0) >= low) and np.all(xy.min(axis=0) <= high))


def snapshot(
    mobjects: Sequence[Mobject],
    size: tuple[int, int],
    frame: np.ndarray,
    background: ManimColor | None = None,
    opacity: float = 0.0,
) -> np.ndarray:
    """``mobjects`` drawn on a picture of ``size`` pixels that shows ``frame`` (a camera
    frame's points), on ``background`` at ``opacity`` (clear by default).

    A camera holds itself in reference cycles that only the garbage collector frees, so
    the camera lets go of the picture before it is returned: holding the picture, not
    the camera, keeps it alive, and dropping it frees it at once.
    """
    colour: dict[str, Any] = {} if background is None else {"background_color": background}
    camera = FramedCamera(pixel_width=size[0], pixel_height=size[1], background_opacity=opacity, **colour)
    camera.frame.points = frame.copy()
    camera.capture_mobjects(mobjects)
    pixels: np.ndarray = camera.pixel_array
    del camera.pixel_array
    camera.background = None
    camera.pixel_array_to_cairo_context.clear()
    return pixels
