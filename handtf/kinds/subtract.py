"""``subtract``: ``out = a − b``, the element-wise difference, cell by cell."""

from __future__ import annotations

__all__ = ["SUBTRACT", "Subtract"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellByCell, CellRule, Params

# The term is (a, b), both read.
SUBTRACT = CellRule("subtract", lambda terms: terms[0][0] - terms[0][1], reads=(0, 1))


class Subtract(CellByCell):
    name = "subtract"
    op = "subtract"
    order = 150
    symbol = "−"
    verb = "subtract"
    rules = (SUBTRACT,)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] - inputs[1]


register(Subtract())
