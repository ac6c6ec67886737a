"""A fade drawn from pictures: what fades in, and what fades out, each drawn once at
full strength on a clear layer, then laid over the still page at the fade's strength
for each frame, instead of drawing every faded mobject again for each frame.

A fade changes only opacity, in step for all it fades: manim's FadeIn and FadeOut
take each mobject's opacity from none to its own (or back) by the same fraction. So
one leaf's opacity against its own full opacity is that fraction for the frame, and
laying the layer over the page at it shows the same fade. Where faded shapes overlap,
the layer fades them as one picture, not one over another (a number over its cell
does not show the cell through it half way), which is what a fade on paper looks like.
"""

from __future__ import annotations

__all__ = ["Fade"]

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cairo
import numpy as np
from manim import MovingCamera

from handtf.scenes.camera import snapshot


@dataclass
class _Layer:
    """Mobjects drawn at full strength on a clear picture, and how to read their strength."""

    pixels: np.ndarray  # kept alive: the surface draws from it
    surface: cairo.ImageSurface
    box: tuple[int, int, int, int]  # left, top, width, height of what it holds, in pixels
    probe: Any  # a leaf whose opacity tells how far the fade has gone
    stroke: bool  # whether its stroke tells, not its fill
    full: float  # that opacity at full strength
    leaves: set[int]  # ids of every leaf it holds

    @classmethod
    def of(cls, camera: MovingCamera, mobjects: Sequence[Any]) -> _Layer | None:
        leaves = [leaf for m in mobjects for leaf in m.family_members_with_points()]
        probes = [(leaf, False, float(leaf.get_fill_opacity())) for leaf in leaves if leaf.get_fill_opacity() > 0]
        probes += [(leaf, True, float(leaf.get_stroke_opacity())) for leaf in leaves if leaf.get_stroke_opacity() > 0]
        if not probes:
            return None  # nothing shows: nothing to lay
        pixels = snapshot(mobjects, (camera.pixel_width, camera.pixel_height), camera.frame.points)
        rows, cols = np.nonzero(pixels[:, :, 3])
        if len(rows) == 0:
            box = (0, 0, 0, 0)
        else:
            box = (int(cols.min()), int(rows.min()), int(cols.max() - cols.min() + 1), int(rows.max() - rows.min() + 1))
        height, width = pixels.shape[:2]
        surface = cairo.ImageSurface.create_for_data(pixels.data, cairo.FORMAT_ARGB32, width, height)
        probe, stroke, full = probes[0]
        return cls(pixels, surface, box, probe, stroke, full, {id(leaf) for leaf in leaves})

    def lay_over(self, target: cairo.Context[cairo.ImageSurface]) -> None:
        now = self.probe.get_stroke_opacity() if self.stroke else self.probe.get_fill_opacity()
        strength = min(1.0, max(0.0, float(now) / self.full))
        if strength == 0.0 or self.box[2] == 0:
            return
        target.save()
        target.rectangle(*self.box)
        target.clip()
        target.set_source_surface(self.surface, 0, 0)
        target.paint_with_alpha(strength)
        target.restore()


@dataclass
class Fade:
    """The layers of one play: what fades out, then what fades in."""

    layers: list[_Layer]

    @classmethod
    def of(cls, camera: MovingCamera, going: Sequence[Any], coming: Sequence[Any]) -> Fade | None:
        """The fade's layers, drawn now, while every mobject shows at full strength
        (before the play begins); ``None`` if there is nothing to lay.
        """
        layers = [layer for layer in (_Layer.of(camera, going), _Layer.of(camera, coming)) if layer is not None]
        return cls(layers) if layers else None

    def holds(self, leaves: Sequence[Any]) -> bool:
        """Whether the layers hold every one of these leaves (all that moves in the play)."""
        held = set().union(*(layer.leaves for layer in self.layers))
        return all(id(leaf) in held for leaf in leaves)

    def draw(self, pixels: np.ndarray) -> None:
        """Lay each layer, at its strength now, over the picture in ``pixels``."""
        height, width = pixels.shape[:2]
        target = cairo.Context(cairo.ImageSurface.create_for_data(pixels.data, cairo.FORMAT_ARGB32, width, height))
        for layer in self.layers:
            layer.lay_over(target)
