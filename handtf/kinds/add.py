"""``add``: ``out = a + b`` cell by cell (a residual connection)."""

from __future__ import annotations

__all__ = ["ADD", "Add"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellByCell, CellRule, Params

# The term is (a, b), both read.
ADD = CellRule("add", lambda terms: terms[0][0] + terms[0][1], reads=(0, 1))


class Add(CellByCell):
    name = "add"
    op = "add"
    order = 100
    symbol = "+"
    verb = "add"
    rules = (ADD,)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] + inputs[1]


register(Add())
