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
        """Beside the first input; but when the second is far from it (the
        Autoencoder sheet's X, up at the top, under its Y), the second is written out
        again under the first, and the difference under that: ``a``, ``b``, ``a − b``
        down one column.
        """
        from handtf.layout import Box

        a, b = (stairs.placed_or_new(n) for n in step.inputs)
        near = a.row == b.row or abs(a.bottom - b.row) <= stairs.gap + 1 or abs(b.bottom - a.row) <= stairs.gap + 1
        if near or a.cols != b.cols:
            stairs.beside(step)
            return
        copy = Box(a.col, stairs.free_row(a.col, a.right, a.bottom + stairs.gap), b.rows, b.cols)
        stairs.layout.copies[(step.id, step.inputs[1])] = copy
        out = stairs.place(step.output, a.col, stairs.free_row(a.col, a.right, copy.bottom + stairs.gap))
        stairs.layout.arrows[step.output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)]


register(Subtract())
