"""``subtract``: ``out = a − b``, the element-wise difference, cell by cell."""

from __future__ import annotations

__all__ = ["SUBTRACT", "Subtract"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand, same_shapes
from handtf.trace import Cell, Number, Tensor, cell_name

# The term is (a, b), both read.
SUBTRACT = CellRule("subtract", lambda terms: terms[0][0] - terms[0][1], reads=(0, 1))


class Subtract(Kind):
    name = "subtract"
    op = "subtract"
    order = 150
    inputs = ("a", "b")
    rules = (SUBTRACT,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        a, b = inputs
        same_shapes(a, b, "subtract")

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            x, y = a.at(i, j), b.at(i, j)
            label = f"{cell_name(a.name, i, j)} − {cell_name(b.name, i, j)}"
            return (Cell(a.name, i, j), Cell(b.name, i, j)), ((x, y),), label, f"{operand(x)} − {operand(y)}"

        return each(out, a.shape, SUBTRACT, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] - inputs[1]

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {inputs[0].name} − {inputs[1].name}"


register(Subtract())
