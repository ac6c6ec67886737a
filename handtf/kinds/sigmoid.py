"""``sigmoid``: ``out = σ(x) = 1/(1+e^(−x))`` cell by cell, a value between 0 and 1."""

from __future__ import annotations

__all__ = ["SIGMOID", "Sigmoid"]

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each
from handtf.trace import Cell, Number, Tensor, cell_name, format_number

# The term is (x, 0): x is read.
SIGMOID = CellRule("sigmoid", lambda terms: 1 / (1 + math.exp(-terms[0][0])))


def _exponent(x: Number) -> str:
    """−x as the worked arithmetic writes it: ``e^(-2)`` for σ(2), ``e^(3)`` for σ(−3)."""
    return format_number(-x) if x != 0 else "0"


class Sigmoid(Kind):
    name = "sigmoid"
    op = "sigmoid"
    order = 110
    rules = (SIGMOID,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            worked = f"σ({format_number(v)}) = 1/(1+e^({_exponent(v)}))"
            return (Cell(x.name, i, j),), ((v, 0),), f"σ({cell_name(x.name, i, j)})", worked

        return each(out, x.shape, SIGMOID, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        result: npt.NDArray[np.float64] = 1 / (1 + np.exp(-inputs[0]))
        return result

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = σ({inputs[0].name})"


register(Sigmoid())
