"""``relu_derivative``: each cell's slope of ReLU, 1 where ``x > 0`` and 0 elsewhere, as
a mask of 1s and 0s; with ``alpha``, leaky ReLU's, 1 or α. The "ReLU vs. LeakyReLU"
sheet writes this mask beside x and multiplies the two; backpropagation multiplies a
gradient by it.
"""

from __future__ import annotations

__all__ = ["RELU_DERIVATIVE", "ReluDerivative"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each
from handtf.kinds.leaky_relu import alpha_param
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Tensor, cell_name
from handtf.written import format_number

# The term is (x, alpha): x is read, alpha is a constant; 1 where x > 0, else alpha.
RELU_DERIVATIVE = CellRule("relu_derivative", lambda terms: 1 if terms[0][0] > 0 else terms[0][1])

add_words(
    {
        "kind.relu_derivative": "ReLU's slope, a mask",
        "formula.relu_derivative": "{out} = 1 where {x} > 0, else {alpha}",
    },
    {
        "kind.relu_derivative": "ReLU의 기울기, 마스크",
        "formula.relu_derivative": "{out} = {x} > 0이면 1, 아니면 {alpha}",
    },
)


class ReluDerivative(Kind):
    """ReLU's slope at each cell, 1 or 0 (1 or α for leaky ReLU).

    >>> x = Tensor.of("x", "input", [[3], [-2], [0]])
    >>> [op.arithmetic for op in ReluDerivative().compute((x,), "M", {"alpha": 0})[1]]
    ["ReLU'(3) = 1", "ReLU'(-2) = 0", "ReLU'(0) = 0"]
    >>> ReluDerivative().compute((x,), "M", {"alpha": 0.1})[1][1].arithmetic
    "LeakyReLU'(-2) = 0.10"
    """

    name = "relu_derivative"
    op = "relu_derivative"
    order = 126
    params = (Param("alpha", 0, alpha_param, example=0.1),)
    rules = (RELU_DERIVATIVE,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        alpha = params.get("alpha", 0)
        function = "LeakyReLU'" if alpha else "ReLU'"

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            return (
                (Cell(x.name, i, j),),
                ((v, alpha),),
                f"{function}({cell_name(x.name, i, j)})",
                f"{function}({format_number(v)})",
            )

        return each(out, x.shape, RELU_DERIVATIVE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.where(inputs[0] > 0, 1.0, float(params.get("alpha", 0)))

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.relu_derivative", out=out, x=inputs[0].name, alpha=f"{params.get('alpha', 0):g}")


register(ReluDerivative())
