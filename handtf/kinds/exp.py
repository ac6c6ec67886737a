"""``exp``: ``out = e^x`` cell by cell (a softmax's first part)."""

from __future__ import annotations

__all__ = ["EXP", "Exp"]

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each
from handtf.trace import Cell, Number, Tensor, cell_name, format_number

# The term is (x, 0): x is read.
EXP = CellRule("exp", lambda terms: math.exp(terms[0][0]))
LARGEST = 20  # exp(20) has nine digits: the most a cell shows


class Exp(Kind):
    name = "exp"
    op = "exp"
    order = 60
    rules = (EXP,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            if v > LARGEST:
                raise HandtfError(
                    f"exp({format_number(v)}) in {x.name} is too large to write by hand; scale it down first"
                )
            return (Cell(x.name, i, j),), ((v, 0),), f"exp({cell_name(x.name, i, j)})", f"exp({format_number(v)})"

        return each(out, x.shape, EXP, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.exp(inputs[0])

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = exp({inputs[0].name})"


register(Exp())
