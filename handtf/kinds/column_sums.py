"""``sums``: one row, the sum of each column of ``x`` (a softmax's denominators)."""

from __future__ import annotations

__all__ = ["ColumnSums", "SUM"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand
from handtf.text import say
from handtf.trace import Cell, Number, Role, Step, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain
    from handtf.layout import Stairs

# The terms are (x1, 1), (x2, 1), …: each x is read, and the value is their sum.
SUM = CellRule("sum", lambda terms: sum(x for x, _ in terms))


class ColumnSums(Kind):
    name = "colsum"
    op = "sums"
    order = 80
    rules = (SUM,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        rows = x.shape[0]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            values = [x.at(k, j) for k in range(rows)]
            reads = tuple(Cell(x.name, k, j) for k in range(rows))
            label = f"{cell_name(x.name, 0, j)} + … + {cell_name(x.name, rows - 1, j)}"
            return reads, tuple((v, 1) for v in values), label, " + ".join(operand(v) for v in values)

        return each(out, (1, x.shape[1]), SUM, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        sums: npt.NDArray[np.float64] = inputs[0].sum(axis=0, keepdims=True)
        return sums

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.column-sums", out=out, x=inputs[0].name)

    def build(
        self, chain: Chain, step_id: str, title: str, inputs: tuple[Tensor, ...], out: str, role: Role, params: Params
    ) -> Tensor:
        return super().build(chain, step_id, title, inputs, out, "hidden", params)  # sums are never the result

    def place(self, stairs: Stairs, step: Step) -> None:
        # The sums sit in a row under the matrix they add up, column under column.
        stairs.under(step)


register(ColumnSums())
