"""``row_sums``: the sum of each row, in a column right of the matrix: the softmax over
a vocabulary laid along the columns adds each position's exps across its row.
"""

from __future__ import annotations

__all__ = ["RowSums"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.column_sums import SUM
from handtf.kinds.kind import Kind, Params, Result, each, operand
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Role, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain

add_words(
    {
        "kind.row_sums": "Row sums",
        "formula.row-sums": "{out} = row sums of {x}",
        "note.rows-add-to-1": "Each row of {out} adds up to 1",
    },
    {
        "kind.row_sums": "행의 합",
        "formula.row-sums": "{out} = {x}의 행의 합",
        "note.rows-add-to-1": "{out}의 각 행의 합은 1입니다",
    },
)


class RowSums(Kind):
    name = "row_sums"
    op = "row_sums"
    order = 81
    rules = (SUM,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        cols = x.shape[1]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            values = [x.at(i, k) for k in range(cols)]
            reads = tuple(Cell(x.name, i, k) for k in range(cols))
            label = f"{cell_name(x.name, i, 0)} + … + {cell_name(x.name, i, cols - 1)}"
            return reads, tuple((v, 1) for v in values), label, " + ".join(operand(v) for v in values)

        return each(out, (x.shape[0], 1), SUM, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        sums: npt.NDArray[np.float64] = inputs[0].sum(axis=1, keepdims=True)
        return sums

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.row-sums", out=out, x=inputs[0].name)

    def build(
        self, chain: Chain, step_id: str, title: str, inputs: tuple[Tensor, ...], out: str, role: Role, params: Params
    ) -> Tensor:
        return super().build(chain, step_id, title, inputs, out, "hidden", params)  # sums are never the result


register(RowSums())
