"""The reference point: step [2] written as a plain Manim scene, with Manim's defaults.

One 1 s animation per output cell (15 cells) plus a 1 s reveal and a 1 s hold: 17 s
of video. Numbers come from the handtf trace; everything else is everyday Manim.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, FadeIn, Scene, Square, SurroundingRectangle, Text, VGroup, Write

from handtf import transformer


def grid(values: tuple[tuple[int | float, ...], ...], size: float = 0.5) -> VGroup:
    cells = VGroup()
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            square = Square(size).move_to(np.array([j * size, -i * size, 0.0]))
            cells.add(VGroup(square, Text(str(v), font_size=20).move_to(square)))
    return cells


class PlainAttentionWeighting(Scene):
    def construct(self) -> None:
        trace = transformer()
        step = trace.steps[1]
        x, a = (trace.tensor(n) for n in step.inputs)
        gx, ga = grid(x.values), grid(a.values)
        gz = grid(tuple(tuple(0 for _ in row) for row in trace.tensor(step.output).values))
        ga.move_to(UP * 1.5)
        gz.next_to(ga, DOWN, buff=0.5)
        gx.next_to(gz, LEFT, buff=0.5)
        for cell in gz:
            cell[1].set_opacity(0)
        self.play(FadeIn(VGroup(gx, ga, gz)), run_time=1)
        cols = a.shape[1]
        for op in step.ops:
            i, j = op.out.row, op.out.col
            row = SurroundingRectangle(VGroup(*gx[i * x.shape[1] : (i + 1) * x.shape[1]]), color="#2F9E44")
            col = SurroundingRectangle(VGroup(*[ga[k * cols + j] for k in range(a.shape[0])]), color="#1C7ED6")
            value = Text(str(op.value), font_size=20).move_to(gz[i * cols + j])
            self.play(FadeIn(row), FadeIn(col), Write(value), run_time=1)
            self.remove(row, col)
        self.wait(1)
