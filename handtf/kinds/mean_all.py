"""``mean_all``: one cell, the mean of every cell of ``x``, as the Autoencoder sheet
takes the mean of the squared errors for its loss (MSE).
"""

from __future__ import annotations

__all__ = ["MeanAll"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import Kind, Params, Result, each, operand
from handtf.kinds.mean import MEAN
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

add_words(
    {"kind.mean_all": "Mean of all", "formula.mean_all": "{out} = mean of every value of {x}"},
    {"kind.mean_all": "전체 평균", "formula.mean_all": "{out} = {x}의 모든 값의 평균"},
)


class MeanAll(Kind):
    """The mean of every cell.

    >>> x = Tensor.of("E²", "hidden", [[4, 0], [1, 1]])
    >>> MeanAll().compute((x,), "MSE", {})[1][0].arithmetic
    '(4 + 0 + 1 + 1) / 4 = 1.50'
    """

    name = "mean_all"
    op = "mean_all"
    order = 111
    rules = (MEAN,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        rows, cols = x.shape
        cells = [(i, j) for i in range(rows) for j in range(cols)]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            values = [x.at(r, c) for r, c in cells]
            reads = tuple(Cell(x.name, r, c) for r, c in cells)
            label = f"mean({cell_name(x.name, 0, 0)} … {cell_name(x.name, rows - 1, cols - 1)})"
            return (
                reads,
                tuple((v, 1) for v in values),
                label,
                f"({' + '.join(operand(v) for v in values)}) / {len(values)}",
            )

        return each(out, (1, 1), MEAN, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.asarray([[inputs[0].mean()]])

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.mean_all", out=out, x=inputs[0].name)

    def place(self, stairs: Stairs, step: Step) -> None:
        stairs.under(step)  # a cell under the matrix it averages


register(MeanAll())
