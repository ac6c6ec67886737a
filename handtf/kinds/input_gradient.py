"""``input_gradient``: ``D = Wᵀ · G``, the gradient a layer passes down to its input:
column ``j`` of its weights W against the gradient ``G`` at its output. It is written
in the rows of the input W multiplied in the forward pass, so the backward pass climbs
back up the page, layer by layer.
"""

from __future__ import annotations

__all__ = ["BACK", "InputGradient"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# Each term is (w, g), both read: w's column lights, and g's column.
BACK = CellRule("back", lambda terms: sum(w * g for w, g in terms), reads=(0, 1), sides=("col", "col"))

add_words(
    {"kind.input_gradient": "Gradient passed down", "formula.input_gradient": "{out} = {w}ᵀ · {g}"},
    {"kind.input_gradient": "아래로 전해지는 기울기", "formula.input_gradient": "{out} = {w}ᵀ · {g}"},
)


class InputGradient(Kind):
    """``Wᵀ · G``: column ``j`` of W meets column ``n`` of G at D[j, n].

    >>> w = Tensor.of("W", "weight", [[1, -1], [0, 2]])
    >>> g = Tensor.of("G", "hidden", [[0.5], [1]])
    >>> [(op.label, op.arithmetic) for op in InputGradient().compute((w, g), "D", {})[1]][1]
    ('W[:,2] · G[:,1] = D[2,1]', '(-1)·0.50 + 2·1 = 1.50')
    """

    name = "input_gradient"
    op = "input_gradient"
    order = 161
    inputs = ("weights", "gradient")
    rules = (BACK,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        w, g = inputs
        if w.shape[0] != g.shape[0]:
            raise HandtfError(
                f"cannot take {w.name}ᵀ ({w.shape[1]}x{w.shape[0]}) times {g.name} ({g.shape[0]}x{g.shape[1]}): "
                f"the gradient needs a row for each row of {w.name}, the layer's outputs"
            )
        outputs = w.shape[0]

        def make(j: int, n: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            terms = tuple((w.at(i, j), g.at(i, n)) for i in range(outputs))
            reads = tuple(c for i in range(outputs) for c in (Cell(w.name, i, j), Cell(g.name, i, n)))
            label = f"{w.name}[:,{j + 1}] · {g.name}[:,{n + 1}]"
            return reads, terms, label, " + ".join(f"{operand(x)}·{operand(y)}" for x, y in terms)

        return each(out, (w.shape[1], g.shape[1]), BACK, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        result: npt.NDArray[np.float64] = inputs[0].T @ inputs[1]
        return result

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (inner, rows), (inner, cols)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.input_gradient", out=out, w=inputs[0].name, g=inputs[1].name)

    def place(self, stairs: Stairs, step: Step) -> None:
        """In the rows of the input the weights multiplied going forward (D2 beside
        A2, for W3·A2), right of all that is there; else in the gradient's rows.
        """
        w, g = step.inputs
        stairs.placed_or_new(w)
        stairs.placed_or_new(g)
        forward = stairs.multiplied.get(w)
        stairs.row_end(forward if forward in stairs.layout.boxes else g, step.output)


register(InputGradient())
