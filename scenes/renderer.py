"""Manim's Cairo renderer, made cheaper for long scenes that add to a still page: it
hands each frame to the :class:`~scenes.encode.StreamingWriter` as it is drawn, keeps
the still part of the page between plays, and draws a camera move from one picture
of the page.
"""

from __future__ import annotations

__all__ = ["StreamingRenderer"]

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import cairo
import numpy as np
from manim import Mobject, MovingCamera, Scene
from manim.renderer.cairo_renderer import CairoRenderer

from handtf.scenes.camera import FramedCamera
from handtf.scenes.encode import StreamingWriter


@dataclass
class _StillLayer:
    """What the last play's still background was drawn from, and the picture part way."""

    view: bytes  # the camera frame's points and the pixel size it was drawn at
    mobjects: list[Any]  # the still mobjects, in the order they were drawn
    done: int  # how many of them ``image`` holds
    image: np.ndarray


def _shared(a: list[Any], b: list[Any]) -> int:
    """How many mobjects the two lists start with in common."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x is not y:
            break
        n += 1
    return n


@dataclass
class _Pan:
    """The page under a camera move, drawn once, big enough for every frame of it."""

    pixels: np.ndarray  # kept alive: the surface below draws from it
    surface: cairo.ImageSurface
    left: float  # where its top left corner is on the page
    top: float
    density: float  # its pixels per unit
    start: np.ndarray  # the camera frame's points as the move begins
    above: list[Any]  # drawn over it as usual while ``fading`` shows: it, and what follows
    fading: list[Any]  # what fades out as the camera moves, in it: its leaves


_PAN_PIXELS = 12_000_000  # the largest page picture a camera move is drawn from (48 MB)


class StreamingRenderer(CairoRenderer):
    """Manim's Cairo renderer, made cheaper for long scenes that add to a still page.

    - Each drawn frame goes to a :class:`StreamingWriter` as it is: the writer
      converts it before the camera draws the next, so the 8 MB copy manim makes of
      each 1080p frame is not needed.
    - Manim draws the still mobjects of every play from scratch, into the background
      its frames start from: the whole page, twice per cell op. Here the picture of
      the mobjects a play shares, in order, with the one before is kept, and only
      what follows them is drawn on it. A play after a camera move starts over.
    - A camera move is drawn from one picture of the page (see :meth:`panning`).
    """

    _still: _StillLayer | None = None
    _pan: _Pan | None = None

    @contextmanager
    def panning(self, scene: Any, moving: Any, center: np.ndarray, width: float) -> Iterator[None]:
        """Within this, a camera move to ``center`` and ``width`` is drawn from one picture
        of the page, scaled and shifted for each frame, instead of drawing every mobject
        again for each. The picture holds every mobject but ``moving`` (a top-level
        mobject that fades out as the camera goes); while ``moving`` still shows, it
        and the mobjects after it are drawn over the picture, as usual, and after that
        the picture alone makes the frame. The first frame, where the camera has not
        moved yet, is drawn as usual too, and the play after the move starts over from
        the mobjects.
        """
        camera = self.moving_camera
        if self.skip_animations or moving not in scene.mobjects:
            yield
            return
        start_center, start_width = camera.frame.get_center(), camera.frame.width
        aspect = camera.pixel_width / camera.pixel_height
        density = camera.pixel_width / min(start_width, width)
        left = min(start_center[0] - start_width / 2, center[0] - width / 2) - 2 / density
        right = max(start_center[0] + start_width / 2, center[0] + width / 2) + 2 / density
        top = max(start_center[1] + start_width / aspect / 2, center[1] + width / aspect / 2) + 2 / density
        bottom = min(start_center[1] - start_width / aspect / 2, center[1] - width / aspect / 2) - 2 / density
        size = (int(np.ceil((right - left) * density)), int(np.ceil((top - bottom) * density)))
        if size[0] * size[1] > _PAN_PIXELS:
            yield  # too big to be worth it: drawn frame by frame
            return
        index = scene.mobjects.index(moving)
        page = FramedCamera(
            pixel_width=size[0],
            pixel_height=size[1],
            background_color=camera.background_color,
            background_opacity=camera.background_opacity,
        )
        page.frame.stretch_to_fit_width(size[0] / density).stretch_to_fit_height(size[1] / density)
        page.frame.move_to(np.array([left + size[0] / density / 2, top - size[1] / density / 2, 0.0]))
        page.capture_mobjects([m for m in scene.mobjects if m is not moving])
        pixels = page.pixel_array
        # The camera holds itself in cycles that only the garbage collector frees: let
        # go of its picture now, so a run of moves keeps one page picture, not several.
        del page.pixel_array
        page.background = None
        page.pixel_array_to_cairo_context.clear()
        surface = cairo.ImageSurface.create_for_data(pixels.data, cairo.FORMAT_ARGB32, size[0], size[1])
        fading = moving.family_members_with_points()
        start = camera.frame.points.copy()
        self._pan = _Pan(pixels, surface, left, top, density, start, scene.mobjects[index:], fading)
        try:
            yield
        finally:
            self._pan = None

    @property
    def moving_camera(self) -> MovingCamera:
        """The camera, which a walkthrough makes a moving one."""
        return cast(MovingCamera, self.camera)

    def update_frame(
        self,
        scene: Scene,
        mobjects: Iterable[Mobject] | None = None,
        include_submobjects: bool = True,
        ignore_skipping: bool = True,
        **kwargs: Any,
    ) -> None:
        pan = self._pan
        if pan is None or np.array_equal(self.moving_camera.frame.points, pan.start):
            super().update_frame(scene, mobjects, include_submobjects, ignore_skipping, **kwargs)
            return
        camera = self.moving_camera
        pixels = camera.pixel_array
        scale = camera.pixel_width / camera.frame_width  # pixels per unit in this frame
        center = camera.frame.get_center()
        target = cairo.Context(
            cairo.ImageSurface.create_for_data(pixels.data, cairo.FORMAT_ARGB32, pixels.shape[1], pixels.shape[0])
        )
        target.translate(
            (pan.left - center[0]) * scale + camera.pixel_width / 2,
            (center[1] - pan.top) * scale + camera.pixel_height / 2,
        )
        target.scale(scale / pan.density, scale / pan.density)
        target.set_source_surface(pan.surface, 0, 0)
        target.get_source().set_filter(cairo.FILTER_BILINEAR)
        target.set_operator(cairo.OPERATOR_SOURCE)
        target.paint()
        if any(m.get_fill_opacity() > 0 or m.get_stroke_opacity() > 0 for m in pan.fading):
            camera.capture_mobjects(pan.above)

    def save_static_frame_data(self, scene: Any, static_mobjects: Any) -> np.ndarray | None:
        self.static_image = None
        if not static_mobjects:
            return None
        mobjects = list(static_mobjects)
        camera = self.moving_camera
        view = camera.frame.points.tobytes() + repr(camera.pixel_array.shape).encode()
        kept = self._still if self._still is not None and self._still.view == view else None
        shared = _shared(kept.mobjects, mobjects) if kept is not None else 0
        if kept is not None and shared >= kept.done:
            camera.set_frame_to_background(kept.image)
            start = kept.done
        else:
            camera.reset()
            start = 0
        camera.capture_mobjects(mobjects[start:shared], include_submobjects=False)
        image = kept.image if kept is not None and start == shared else camera.pixel_array.copy()
        self._still = _StillLayer(view, mobjects, shared, image)
        camera.capture_mobjects(mobjects[shared:], include_submobjects=False)
        self.static_image = self.get_frame()
        return self.static_image

    def render(self, scene: Any, time: float, moving_mobjects: Any = None) -> None:
        if not isinstance(self.file_writer, StreamingWriter):
            super().render(scene, time, moving_mobjects)
            return
        self.update_frame(scene, moving_mobjects)
        self.add_frame(self.camera.pixel_array)
