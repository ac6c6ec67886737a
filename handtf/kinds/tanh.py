"""``tanh``: ``out = tanh(x)`` cell by cell, a value between −1 and 1."""

from __future__ import annotations

__all__ = ["TANH", "Tanh"]

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellFunction, CellRule, Params

# The term is (x, 0): x is read.
TANH = CellRule("tanh", lambda terms: math.tanh(terms[0][0]))


class Tanh(CellFunction):
    name = "tanh"
    op = "tanh"
    order = 120
    function = "tanh"
    rules = (TANH,)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.tanh(inputs[0])


register(Tanh())
