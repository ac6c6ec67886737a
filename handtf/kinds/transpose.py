"""``transpose``: ``out = xᵀ``, cell ``(i, j)`` is ``x``'s cell ``(j, i)``."""

from __future__ import annotations

__all__ = ["COPY", "Transpose"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each
from handtf.text import say
from handtf.trace import Cell, Number, Step, Tensor, cell_name
from handtf.written import format_number

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The term is (x, 1): x is read and copied.
COPY = CellRule("copy", lambda terms: terms[0][0])


class Transpose(Kind):
    name = "transpose"
    op = "transpose"
    order = 40
    rules = (COPY,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(j, i)
            return (Cell(x.name, j, i),), ((v, 1),), cell_name(x.name, j, i), format_number(v)

        return each(out, (x.shape[1], x.shape[0]), COPY, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0].T

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return ((cols, rows),)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.transpose", out=out, x=inputs[0].name)

    def place(self, stairs: Stairs, step: Step) -> None:
        # A transpose a product reads as its left operand (Kᵀ in Kᵀ·Q) is placed by
        # that product, left of the result, rather than beside its source.
        if step.output in stairs.left_operands:
            stairs.placed_or_new(step.inputs[0])
        else:
            stairs.beside(step)


register(Transpose())
