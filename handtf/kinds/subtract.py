"""``subtract``: ``out = a − b``, the element-wise difference, cell by cell."""

from __future__ import annotations

__all__ = ["SUBTRACT", "Subtract"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellByCell, CellRule, Params
from handtf.trace import Step

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The term is (a, b), both read.
SUBTRACT = CellRule("subtract", lambda terms: terms[0][0] - terms[0][1], reads=(0, 1))


class Subtract(CellByCell):
    name = "subtract"
    op = "subtract"
    order = 150
    symbol = "−"
    verb = "subtract"
    rules = (SUBTRACT,)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] - inputs[1]

    def place(self, stairs: Stairs, step: Step) -> None:
        """Beside the first input; a second new to the page goes right of the first,
        and the difference right of it (the target Y beside the probabilities P, then
        P − Y); a second far from the first (the Autoencoder sheet's X, up at the top,
        under its Y) is written out again under the first, and the difference under
        that: ``a``, ``b``, ``a − b`` down one column.
        """
        from handtf.layout import Box

        a = stairs.placed_or_new(step.inputs[0])
        if step.inputs[1] not in stairs.layout.boxes:
            rows, cols = stairs.shape[step.inputs[1]]
            b = stairs.place(step.inputs[1], stairs.free_col(a.row, a.row + rows, a.right + stairs.gap, cols), a.row)
            out = stairs.place(step.output, stairs.free_col(a.row, a.bottom, b.right + stairs.gap, a.cols), a.row)
            stairs.layout.arrows[step.output] = [(out.col - 1, r, "→") for r in range(out.row, out.bottom)]
            return
        b = stairs.placed_or_new(step.inputs[1])
        near = a.row == b.row or abs(a.bottom - b.row) <= stairs.gap + 1 or abs(b.bottom - a.row) <= stairs.gap + 1
        if near or a.cols != b.cols:
            stairs.beside(step)
            return
        copy = Box(a.col, stairs.free_row(a.col, a.right, a.bottom + stairs.gap), b.rows, b.cols)
        stairs.layout.copies[(step.id, step.inputs[1])] = copy
        out = stairs.place(step.output, a.col, stairs.free_row(a.col, a.right, copy.bottom + stairs.gap))
        stairs.layout.arrows[step.output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)]


register(Subtract())
