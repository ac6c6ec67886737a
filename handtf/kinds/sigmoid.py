"""``sigmoid``: ``out = σ(x) = 1/(1+e^(−x))`` cell by cell, a value between 0 and 1."""

from __future__ import annotations

__all__ = ["SIGMOID", "Sigmoid"]

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellFunction, CellRule, Params
from handtf.trace import Number
from handtf.written import format_number


def _sigmoid(terms: tuple[tuple[Number, Number], ...]) -> float:
    """σ(x), worked so that e never overflows: for x < 0, e^x / (1 + e^x)."""
    x = terms[0][0]
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


# The term is (x, 0): x is read.
SIGMOID = CellRule("sigmoid", _sigmoid)


class Sigmoid(CellFunction):
    name = "sigmoid"
    op = "sigmoid"
    order = 110
    function = "σ"
    rules = (SIGMOID,)

    def worked(self, x: Number) -> str:
        """``σ(2) = 1/(1+e^(-2))``; for σ(−3), ``e^(3)``."""
        exponent = format_number(-x) if x != 0 else "0"
        return f"σ({format_number(x)}) = 1/(1+e^({exponent}))"

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        result: npt.NDArray[np.float64] = 1 / (1 + np.exp(-inputs[0]))
        return result


register(Sigmoid())
