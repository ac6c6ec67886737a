"""``update``: ``W' = W − η·∂W``, one step of gradient descent, each weight moved
against its gradient by the learning rate η (``lr``).
"""

from __future__ import annotations

__all__ = ["UPDATE", "Update"]

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each, operand, same_shapes
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# Two terms, (w, 1) and (g, −η): w and g are read; the value is w − η·g.
UPDATE = CellRule("update", lambda terms: sum(a * b for a, b in terms), reads=(0,))

add_words(
    {"kind.update": "Update the weights", "formula.update": "{out} = {w} − {lr}·{g}"},
    {"kind.update": "가중치 갱신", "formula.update": "{out} = {w} − {lr}·{g}"},
)


def _lr(value: Any) -> Any:
    """The learning rate η: a number above 0, at most 1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 < value <= 1:
        given = shown(value) if isinstance(value, str) else shown(repr(value), quote=False)
        raise HandtfError(f"lr must be a learning rate above 0 and at most 1, e.g. lr = 0.1; it is {given}")
    return value


class Update(Kind):
    """``W − η·∂W`` of each cell, the inputs given as ``[W, ∂W]``.

    >>> w, g = Tensor.of("W", "weight", [[1, -1]]), Tensor.of("∂W", "hidden", [[0.5, -2]])
    >>> [op.arithmetic for op in Update().compute((w, g), "W'", {"lr": 0.1})[1]]
    ['1 − 0.1·0.50 = 0.95', '(-1) − 0.1·(-2) = -0.80']
    """

    name = "update"
    op = "update"
    order = 162
    inputs = ("weights", "gradient")
    params = (Param("lr", 0.1, _lr, example=0.5),)
    rules = (UPDATE,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        w, g = inputs
        same_shapes(w, g, "update")
        lr = params["lr"]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            x, d = w.at(i, j), g.at(i, j)
            label = f"{cell_name(w.name, i, j)} − η·{cell_name(g.name, i, j)}"
            return (
                (Cell(w.name, i, j), Cell(g.name, i, j)),
                ((x, 1), (d, -lr)),
                label,
                f"{operand(x)} − {lr:g}·{operand(d)}",
            )

        return each(out, w.shape, UPDATE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        result: npt.NDArray[np.float64] = inputs[0] - float(params["lr"]) * inputs[1]
        return result

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.update", out=out, w=inputs[0].name, g=inputs[1].name, lr=f"{params['lr']:g}")

    def place(self, stairs: Stairs, step: Step) -> None:
        """In the rows of the gradient, right of all that is there: the weights
        written out again, and the new weights beside them, ``W → W'``.
        """
        from handtf.layout import Box

        w, g = step.inputs
        stairs.placed_or_new(w)
        stairs.placed_or_new(g)
        rows, cols = stairs.shape[w]
        copy = Box(stairs.end_of_rows(g, rows), stairs.layout.boxes[g].row, rows, cols)
        stairs.layout.copies[(step.id, w)] = copy
        out = stairs.place(step.output, copy.right + stairs.gap, copy.row)
        stairs.layout.arrows[step.output] = [(out.col - 1, r, "→") for r in range(out.row, out.bottom)]


register(Update())
