"""``multiply``: ``out = a ⊙ b``, the element-wise product, cell by cell."""

from __future__ import annotations

__all__ = ["MULTIPLY", "Multiply"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellByCell, CellRule, Params

# The term is (a, b), both read.
MULTIPLY = CellRule("multiply", lambda terms: terms[0][0] * terms[0][1], reads=(0, 1))


class Multiply(CellByCell):
    name = "multiply"
    op = "multiply"
    order = 140
    symbol = "⊙"
    verb = "multiply"
    rules = (MULTIPLY,)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] * inputs[1]


register(Multiply())
