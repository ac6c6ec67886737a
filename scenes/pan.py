"""A camera move drawn from pictures of the page, scaled and shifted for each frame,
instead of drawing every mobject again for each frame.

The camera goes in a straight line: its frame's centre and width move together from
where they start to where they end. So the frames between two points of the line lie
in the box around those two frames, and one picture of that box serves them all. A
picture is drawn at the density of the narrower of its two frames, so a frame is never
enlarged from it, and is shrunk by less than half: where the width changes more than
that (a zoom out to the overview), or the box would be larger than
:data:`PICTURE_PIXELS`, the move takes a new picture further along. Only one picture
is kept at a time.
"""

from __future__ import annotations

__all__ = ["PICTURE_PIXELS", "Pan"]

from dataclasses import dataclass, field
from typing import Any

import cairo
import numpy as np
from manim import MovingCamera

from handtf.scenes.camera import snapshot

PICTURE_PIXELS = 12_000_000  # the largest picture of the page a move keeps (48 MB)
_SHRINK = 2.0  # the most a frame is shrunk from its picture: past half, lines shimmer


@dataclass
class _Picture:
    """A box of the page, drawn at ``density`` pixels per unit."""

    pixels: np.ndarray  # kept alive: the surface draws from it
    surface: cairo.ImageSurface
    left: float
    top: float
    right: float
    bottom: float
    density: float

    def serves(self, center: np.ndarray, width: float, height: float, pixel_width: int) -> bool:
        """Whether this picture holds the whole frame, sharp enough and not too fine."""
        needed = pixel_width / width
        return (
            needed <= self.density * (1 + 1e-9) <= needed * _SHRINK
            and self.left <= center[0] - width / 2
            and center[0] + width / 2 <= self.right
            and self.bottom <= center[1] - height / 2
            and center[1] + height / 2 <= self.top
        )


@dataclass
class Pan:
    """A camera move under way: where it goes, what the pictures hold, and the picture
    that served the last frame.
    """

    start: np.ndarray  # the camera frame's points as the move begins
    end_center: np.ndarray
    end_width: float
    page: list[Any]  # what the pictures hold: every mobject but the one that fades
    above: list[Any]  # drawn over a picture as usual while ``fading`` shows: it, and what follows
    fading: list[Any]  # what fades out as the camera moves: its leaves
    picture: _Picture | None = field(default=None)

    def draw(self, camera: MovingCamera) -> None:
        """The camera's frame, from a picture that serves it (drawn first if none does)."""
        center, width = camera.frame.get_center(), camera.frame.width
        aspect = camera.pixel_width / camera.pixel_height
        if self.picture is None or not self.picture.serves(center, width, width / aspect, camera.pixel_width):
            self.picture = None  # let go of the old one before drawing the next
            self.picture = self._picture(camera, center, width)
        picture = self.picture
        pixels = camera.pixel_array
        scale = camera.pixel_width / width  # pixels per unit in this frame
        target = cairo.Context(
            cairo.ImageSurface.create_for_data(pixels.data, cairo.FORMAT_ARGB32, pixels.shape[1], pixels.shape[0])
        )
        target.translate(
            (picture.left - center[0]) * scale + camera.pixel_width / 2,
            (center[1] - picture.top) * scale + camera.pixel_height / 2,
        )
        target.scale(scale / picture.density, scale / picture.density)
        target.set_source_surface(picture.surface, 0, 0)
        target.get_source().set_filter(cairo.FILTER_BILINEAR)
        target.set_operator(cairo.OPERATOR_SOURCE)
        target.paint()
        if any(m.get_fill_opacity() > 0 or m.get_stroke_opacity() > 0 for m in self.fading):
            camera.capture_mobjects(self.above)

    def _picture(self, camera: MovingCamera, center: np.ndarray, width: float) -> _Picture:
        """A picture from this frame as far along the move as one picture can go."""
        aspect = camera.pixel_width / camera.pixel_height

        def box(s: float) -> tuple[float, float, float, float, float, int]:
            """The box from this frame to the one ``s`` of the way to the end, its
            density, and its size in pixels.
            """
            c = center + s * (self.end_center - center)
            w = width + s * (self.end_width - width)
            density = camera.pixel_width / min(width, w)
            pad = 2 / density
            left = min(center[0] - width / 2, c[0] - w / 2) - pad
            right = max(center[0] + width / 2, c[0] + w / 2) + pad
            top = max(center[1] + width / aspect / 2, c[1] + w / aspect / 2) + pad
            bottom = min(center[1] - width / aspect / 2, c[1] - w / aspect / 2) - pad
            pixels = int(np.ceil((right - left) * density)) * int(np.ceil((top - bottom) * density))
            return left, right, top, bottom, density, pixels

        def fits(s: float) -> bool:
            w = width + s * (self.end_width - width)
            return max(w, width) <= _SHRINK * min(w, width) and box(s)[5] <= PICTURE_PIXELS

        reach = 1.0
        if not fits(reach):
            low, high = 0.0, 1.0  # the box grows along the move: the farthest that fits
            for _ in range(20):
                middle = (low + high) / 2
                low, high = (middle, high) if fits(middle) else (low, middle)
            reach = low
        left, right, top, bottom, density, _ = box(reach)
        size = (int(np.ceil((right - left) * density)), int(np.ceil((top - bottom) * density)))
        frame = camera.frame.copy().stretch_to_fit_width(size[0] / density).stretch_to_fit_height(size[1] / density)
        frame.move_to(np.array([left + size[0] / density / 2, top - size[1] / density / 2, 0.0]))
        pixels = snapshot(self.page, size, frame.points, camera.background_color, camera.background_opacity)
        surface = cairo.ImageSurface.create_for_data(pixels.data, cairo.FORMAT_ARGB32, size[0], size[1])
        bottom = top - size[1] / density
        right = left + size[0] / density
        return _Picture(pixels, surface, left, top, right, bottom, density)
