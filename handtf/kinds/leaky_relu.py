"""``leaky_relu``: ``out = max(α·x, x)`` cell by cell; a negative is multiplied by
``alpha`` (0.1 by default) instead of becoming 0, in a beat of its own.
"""

from __future__ import annotations

__all__ = ["LEAKY_RELU", "LeakyRelu", "alpha_param"]

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each, operand
from handtf.text import say
from handtf.trace import Cell, CellOp, Note, Number, Tensor, cell_name
from handtf.written import format_number

# The term is (alpha, x): x is read, alpha is a constant.
LEAKY_RELU = CellRule("leaky_relu", lambda terms: max(terms[0][0] * terms[0][1], terms[0][1]), reads=(1,))


def alpha_param(value: Any) -> Any:
    """A number from 0 up to 1: leaky ReLU's slope left of 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
        given = shown(value) if isinstance(value, str) else shown(repr(value), quote=False)
        raise HandtfError(f"alpha is {given}; it must be a number from 0 up to (not including) 1, e.g. alpha = 0.1")
    return value


class LeakyRelu(Kind):
    name = "leaky_relu"
    op = "leaky_relu"
    order = 130
    params = (Param("alpha", 0.1, alpha_param, example=0.2),)
    rules = (LEAKY_RELU,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        alpha = params["alpha"]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            worked = f"max({alpha:g}·{operand(v)}, {format_number(v)})"
            return (Cell(x.name, i, j),), ((alpha, v),), f"LeakyReLU({cell_name(x.name, i, j)})", worked

        return each(out, x.shape, LEAKY_RELU, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        x = inputs[0]
        return np.where(x > 0, x, float(params["alpha"]) * x)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        x = inputs[0].name
        return f"{out} = max({params['alpha']:g}·{x}, {x})"

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        count = sum(1 for op in ops if op.terms[0][1] < 0)
        key = "note.leaky_relu.one" if count == 1 else "note.leaky_relu.many"
        return (Note(say(lang, key, count=count, alpha=f"{params['alpha']:g}")),)

    def before(self, op: CellOp) -> Number | None:
        x = op.terms[0][1]
        return x if x != op.value else None


register(LeakyRelu())
