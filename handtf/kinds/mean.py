"""``mean``: one row, the mean of each column of ``x`` (layer norm's first part: each
position's features averaged).
"""

from __future__ import annotations

__all__ = ["MEAN", "Mean"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The terms are (x1, 1), (x2, 1), …: each x is read, and the value is their mean.
MEAN = CellRule("mean", lambda terms: sum(x for x, _ in terms) / len(terms))

add_words(
    {"kind.mean": "Mean", "formula.mean": "{out} = mean of each column of {x}"},
    {"kind.mean": "평균", "formula.mean": "{out} = {x}의 열별 평균"},
)


class Mean(Kind):
    name = "mean"
    op = "mean"
    order = 110
    rules = (MEAN,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        rows = x.shape[0]

        def make(j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            values = [x.at(k, j) for k in range(rows)]
            reads = tuple(Cell(x.name, k, j) for k in range(rows))
            label = f"mean({cell_name(x.name, 0, j)} … {cell_name(x.name, rows - 1, j)})"
            return reads, tuple((v, 1) for v in values), label, f"({' + '.join(operand(v) for v in values)}) / {rows}"

        return each(out, (1, x.shape[1]), MEAN, lambda i, j: make(j))

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        means: npt.NDArray[np.float64] = inputs[0].mean(axis=0, keepdims=True)
        return means

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.mean", out=out, x=inputs[0].name)

    def place(self, stairs: Stairs, step: Step) -> None:
        stairs.under(step)  # a row under the matrix it averages, column under column


register(Mean())
