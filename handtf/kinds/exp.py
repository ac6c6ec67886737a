"""``exp``: ``out = e^x`` cell by cell (a softmax's first part)."""

from __future__ import annotations

__all__ = ["EXP", "Exp"]

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellFunction, CellRule, Params
from handtf.trace import Number, Tensor, format_number

# The term is (x, 0): x is read.
EXP = CellRule("exp", lambda terms: math.exp(terms[0][0]))
LARGEST = 700  # exp(710) is beyond what a float holds; the sheets go up to exp(46)


class Exp(CellFunction):
    name = "exp"
    op = "exp"
    order = 60
    function = "exp"
    rules = (EXP,)

    def check(self, x: Number, tensor: Tensor) -> None:
        if x > LARGEST:
            raise HandtfError(
                f"exp({format_number(x)}) in {tensor.name} is too large for any number to hold; scale it down first"
            )

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.exp(inputs[0])


register(Exp())
