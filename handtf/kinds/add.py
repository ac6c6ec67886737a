"""``add``: ``out = a + b`` cell by cell (a residual connection)."""

from __future__ import annotations

__all__ = ["ADD", "Add"]

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
ADD = CellRule("add", lambda terms: terms[0][0] + terms[0][1], reads=(0, 1))


class Add(CellByCell):
    name = "add"
    op = "add"
    order = 100
    symbol = "+"
    verb = "add"
    rules = (ADD,)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] + inputs[1]

    def place(self, stairs: Stairs, step: Step) -> None:
        """Beside the first input; but when the first is far back on the page (a
        residual's skip), it is written out again right of the second, and the sum goes
        right of that: ``b  a  a + b`` in one row.
        """
        from handtf.layout import Box

        a, b = (stairs.placed_or_new(n) for n in step.inputs)
        if a.row == b.row or abs(a.bottom - b.row) <= stairs.gap + 1:
            stairs.beside(step)
            return
        rows, cols = stairs.shape[step.output]
        col = stairs.free_col(b.row, b.bottom, b.right + stairs.gap, 2 * cols + stairs.gap + 1)
        copy = Box(col, b.row, rows, cols)
        stairs.layout.copies[(step.id, step.inputs[0])] = copy
        out = stairs.place(step.output, copy.right + stairs.gap + 1, b.row)
        stairs.layout.arrows[step.output] = [(out.col - 1, r, "→") for r in range(out.row, out.bottom)]


register(Add())
