"""``scale_shift``: layer norm's last part, each row scaled by its γ and shifted by its
β, ``out[i, j] = γ[i] · x[i, j] + β[i]``. The sheets write γ as a diagonal beside
the normalized matrix and β as its bias column; here γ and β are the two columns.
"""

from __future__ import annotations

__all__ = ["SCALE_SHIFT", "ScaleShift"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The terms are (γ, x) and (β, 1): γ, x and β are read.
SCALE_SHIFT = CellRule(
    "scale-shift", lambda t: t[0][0] * t[0][1] + t[1][0] * t[1][1], reads=(0, 1), sides=("row", "col"), last_reads=(0,)
)

add_words(
    {
        "kind.scale_shift": "Scale & shift",
        "formula.scale-shift": "{out} = {gamma} · {x} + {beta}, row by row",
    },
    {
        "kind.scale_shift": "스케일 & 시프트",
        "formula.scale-shift": "{out} = {gamma} · {x} + {beta}, 행별로",
    },
)


class ScaleShift(Kind):
    name = "scale_shift"
    op = "scale_shift"
    order = 113
    inputs = ("x", "gamma", "beta")
    rules = (SCALE_SHIFT,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        x, gamma, beta = inputs
        for column in (gamma, beta):
            if column.shape != (x.shape[0], 1):
                raise HandtfError(
                    f"{column.name} must be a column of {x.shape[0]} values, one per row of {x.name}; "
                    f"got {column.shape[0]}x{column.shape[1]}"
                )

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            g, v, b = gamma.at(i, 0), x.at(i, j), beta.at(i, 0)
            reads = (Cell(gamma.name, i, 0), Cell(x.name, i, j), Cell(beta.name, i, 0))
            label = f"{cell_name(gamma.name, i, 0)} · {cell_name(x.name, i, j)} + {cell_name(beta.name, i, 0)}"
            return reads, ((g, v), (b, 1)), label, f"{operand(g)}·{operand(v)} + {operand(b)}"

        return each(out, x.shape, SCALE_SHIFT, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        x, gamma, beta = inputs
        return np.asarray(gamma * x + beta, dtype=np.float64)

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, cols), (rows, 1), (rows, 1)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        x, gamma, beta = (t.name for t in inputs)
        return say(lang, "formula.scale-shift", out=out, x=x, gamma=gamma, beta=beta)

    def place(self, stairs: Stairs, step: Step) -> None:
        """The output under x, column under column, with γ and β to its left, row beside
        row, as the weights and the bias column of a product.
        """
        from handtf.layout import Box

        x, gamma, beta = step.inputs
        src = stairs.placed_or_new(x)
        rows, cols = stairs.shape[step.output]
        left = src.col - 2 * (1 + stairs.gap)
        row = stairs.free_row(left - 1, src.col + cols, src.bottom + stairs.gap)
        out = stairs.place(step.output, src.col, row)
        for name, col in ((beta, out.col - 1 - stairs.gap), (gamma, out.col - 2 * (1 + stairs.gap))):
            wanted = Box(col, out.row, rows, 1)
            if stairs.layout.boxes.setdefault(name, wanted) != wanted:
                stairs.layout.copies[(step.id, name)] = wanted  # placed elsewhere: written out again here
        stairs.layout.arrows[step.output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)]


register(ScaleShift())
