"""``weight_gradient``: ``∂W = G · Aᵀ``, a layer's weights' gradient: the gradient ``G``
at its output times the input ``A`` it read, each cell summed over the batch, as the
Backpropagation sheet works ∂W as the outer product of the two.
"""

from __future__ import annotations

__all__ = ["OUTER", "WeightGradient"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Tensor

# Each term is (g, a), both read: g's row lights, and a's row too (a row of the input).
OUTER = CellRule("outer", lambda terms: sum(g * a for g, a in terms), reads=(0, 1), sides=("row", "row"))

add_words(
    {"kind.weight_gradient": "Gradient of the weights", "formula.weight_gradient": "{out} = {g} · {a}ᵀ"},
    {"kind.weight_gradient": "가중치의 기울기", "formula.weight_gradient": "{out} = {g} · {a}ᵀ"},
)


class WeightGradient(Kind):
    """``G · Aᵀ``: row ``i`` of G meets row ``j`` of A at ∂W[i, j].

    >>> g = Tensor.of("G", "hidden", [[0.5, -1]])
    >>> a = Tensor.of("A", "hidden", [[2, 1], [0, 3]])
    >>> [(op.label, op.arithmetic) for op in WeightGradient().compute((g, a), "∂W", {})[1]][1]
    ('G[1,:] · A[2,:] = ∂W[1,2]', '0.50·0 + (-1)·3 = -3')
    """

    name = "weight_gradient"
    op = "weight_gradient"
    order = 160
    inputs = ("gradient", "input")
    rules = (OUTER,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        g, a = inputs
        if g.shape[1] != a.shape[1]:
            raise HandtfError(
                f"cannot take {g.name} ({g.shape[0]}x{g.shape[1]}) times {a.name}ᵀ ({a.shape[0]}x{a.shape[1]}): "
                "the gradient and the input need one column per example of the batch, as many each"
            )
        batch = g.shape[1]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            terms = tuple((g.at(i, n), a.at(j, n)) for n in range(batch))
            reads = tuple(c for n in range(batch) for c in (Cell(g.name, i, n), Cell(a.name, j, n)))
            label = f"{g.name}[{i + 1},:] · {a.name}[{j + 1},:]"
            return reads, terms, label, " + ".join(f"{operand(x)}·{operand(y)}" for x, y in terms)

        return each(out, (g.shape[0], a.shape[0]), OUTER, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        result: npt.NDArray[np.float64] = inputs[0] @ inputs[1].T
        return result

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, inner), (cols, inner)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.weight_gradient", out=out, g=inputs[0].name, a=inputs[1].name)


register(WeightGradient())
