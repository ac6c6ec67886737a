"""``divide``: ``out = x / sums``, each cell divided by the sum of its column (``sums``
one row, ``x[i, j] / sums[0, j]``) or of its row (``sums`` one column, ``x[i, j] / sums[i, 0]``).
"""

from __future__ import annotations

__all__ = ["DIVIDE", "Divide"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, kept_labels, operand
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
        by_row = sums.shape == (x.shape[0], 1) and sums.shape != (1, x.shape[1])
        if sums.shape != (1, x.shape[1]) and not by_row:
            raise HandtfError(
                f"{sums.name} must be one row of {x.shape[1]} sums, one per column of {x.name}, "
                f"or one column of {x.shape[0]}, one per row"
            )
        if any(v == 0 for row in sums.values for v in row):
            raise HandtfError(f"{sums.name} has a 0; a {'row' if by_row else 'column'} cannot be divided by 0")

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            at = (i, 0) if by_row else (0, j)
            a, b = x.at(i, j), sums.at(*at)
            label = f"{cell_name(x.name, i, j)} / {cell_name(sums.name, *at)}"
            return (Cell(x.name, i, j), Cell(sums.name, *at)), ((a, b),), label, f"{operand(a)} / {operand(b)}"

        return each(out, x.shape, DIVIDE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] / inputs[1]

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, cols), (1, cols)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {inputs[0].name} / {inputs[1].name}"

    def output_labels(self, inputs: tuple[Tensor, ...], params: Params) -> tuple[list[str] | None, list[str] | None]:
        return kept_labels(inputs[0])

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        by_row = inputs[1].shape[1] == 1 and inputs[1].shape != (1, inputs[0].shape[1])
        return (Note(say(lang, "note.rows-add-to-1" if by_row else "note.columns-add-to-1", out=result.name)),)


register(Divide())
