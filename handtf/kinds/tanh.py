"""``tanh``: ``out = tanh(x)`` cell by cell, a value between −1 and 1."""

from __future__ import annotations

__all__ = ["TANH", "Tanh"]

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each
from handtf.trace import Cell, Number, Tensor, cell_name, format_number

# The term is (x, 0): x is read.
TANH = CellRule("tanh", lambda terms: math.tanh(terms[0][0]))


class Tanh(Kind):
    name = "tanh"
    op = "tanh"
    order = 120
    rules = (TANH,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            return (Cell(x.name, i, j),), ((v, 0),), f"tanh({cell_name(x.name, i, j)})", f"tanh({format_number(v)})"

        return each(out, x.shape, TANH, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.tanh(inputs[0])

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = tanh({inputs[0].name})"


register(Tanh())
