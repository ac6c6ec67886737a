"""``divide``: ``out = x / sums`` by column, cell ``(i, j)`` is ``x[i, j] / sums[0, j]``."""

from __future__ import annotations

__all__ = ["DIVIDE", "Divide"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand
from handtf.text import say
from handtf.trace import Cell, CellOp, Note, Number, Tensor, cell_name

# The term is (x, sum), both read.
DIVIDE = CellRule("divide", lambda terms: terms[0][0] / terms[0][1], reads=(0, 1))


class Divide(Kind):
    name = "divide"
    op = "divide"
    order = 90
    inputs = ("x", "sums")
    rules = (DIVIDE,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        x, sums = inputs
        if sums.shape != (1, x.shape[1]):
            raise HandtfError(f"{sums.name} must be one row of {x.shape[1]} sums, one per column of {x.name}")
        if any(v == 0 for v in sums.values[0]):
            raise HandtfError(f"{sums.name} has a 0; a column cannot be divided by 0")

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            a, b = x.at(i, j), sums.at(0, j)
            label = f"{cell_name(x.name, i, j)} / {cell_name(sums.name, 0, j)}"
            return (Cell(x.name, i, j), Cell(sums.name, 0, j)), ((a, b),), label, f"{operand(a)} / {operand(b)}"

        return each(out, x.shape, DIVIDE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] / inputs[1]

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, cols), (1, cols)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {inputs[0].name} / {inputs[1].name}"

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        return (Note(say(lang, "note.columns-add-to-1", out=result.name)),)


register(Divide())
