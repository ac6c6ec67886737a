"""Manim's Cairo renderer, made cheaper for long scenes that add to a still page: it
hands each frame to the :class:`~scenes.encode.StreamingWriter` as it is drawn, keeps
the still part of the page between plays, and draws a camera move from pictures of
the page.
"""

from __future__ import annotations

__all__ = ["StreamingRenderer"]

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from manim import Mobject, MovingCamera, Scene
from manim.renderer.cairo_renderer import CairoRenderer
from manim.utils.family import extract_mobject_family_members

from handtf.scenes.encode import StreamingWriter
from handtf.scenes.fade import Fade
from handtf.scenes.pan import Pan


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


class StreamingRenderer(CairoRenderer):
    """Manim's Cairo renderer, made cheaper for long scenes that add to a still page.

    - Each drawn frame goes to a :class:`StreamingWriter` as it is: the writer
      converts it before the camera draws the next, so the 8 MB copy manim makes of
      each 1080p frame is not needed.
    - Manim draws the still mobjects of every play from scratch, into the background
      its frames start from: the whole page, twice per cell op. Here the picture of
      the mobjects a play shares, in order, with the one before is kept, and only
      what follows them is drawn on it. A play after a camera move starts over.
    - A camera move is drawn from pictures of the page (see :meth:`panning`).
    """

    _still: _StillLayer | None = None
    _pan: Pan | None = None
    _fade: Fade | None = None

    @contextmanager
    def fading(self, going: Sequence[Any], coming: Sequence[Any]) -> Iterator[None]:
        """Within this, a play that fades ``going`` out and ``coming`` in, and moves
        nothing else, is drawn from pictures of them laid over the still page (see
        :mod:`scenes.fade`). Call it before the play, while all of them show whole.
        """
        self._fade = Fade.of(self.moving_camera, going, coming)
        try:
            yield
        finally:
            self._fade = None

    @contextmanager
    def panning(self, scene: Any, moving: Any, center: np.ndarray, width: float) -> Iterator[None]:
        """Within this, a camera move to ``center`` and ``width`` is drawn from pictures
        of the page (see :mod:`scenes.pan`), scaled and shifted for each frame, instead
        of drawing every mobject again for each. The pictures hold every mobject but
        ``moving`` (a top-level mobject that fades out as the camera goes); while
        ``moving`` still shows, it and the mobjects after it are drawn over the
        picture, as usual, and after that the picture alone makes the frame. The first
        frame, where the camera has not moved yet, is drawn as usual too, and the play
        after the move starts over from the mobjects.
        """
        camera = self.moving_camera
        if moving not in scene.mobjects:
            yield
            return
        index = scene.mobjects.index(moving)
        self._pan = Pan(
            camera.frame.points.copy(),
            np.array(center, dtype=float),
            float(width),
            [m for m in scene.mobjects if m is not moving],
            scene.mobjects[index:],
            moving.family_members_with_points(),
        )
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
        fade = self._fade
        moving = extract_mobject_family_members(mobjects, only_those_with_points=True) if fade and mobjects else None
        if fade is not None and moving is not None and fade.holds(moving):
            camera = self.moving_camera
            if self.static_image is not None:
                camera.set_frame_to_background(self.static_image)
            else:
                camera.reset()
            fade.draw(camera.pixel_array)
            return
        pan = self._pan
        if pan is None or np.array_equal(self.moving_camera.frame.points, pan.start):
            super().update_frame(scene, mobjects, include_submobjects, ignore_skipping, **kwargs)
            return
        pan.draw(self.moving_camera)

    def save_static_frame_data(self, scene: Any, static_mobjects: Any) -> np.ndarray | None:
        self.static_image = None
        if self.skip_animations:
            self._still = None  # what skipped plays moved is not in the kept picture
            return None
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
        if self.skip_animations:
            return  # a play skipped on the way to a part: its frame would not be kept
        if not isinstance(self.file_writer, StreamingWriter):
            super().render(scene, time, moving_mobjects)
            return
        self.update_frame(scene, moving_mobjects)
        self.add_frame(self.camera.pixel_array)
