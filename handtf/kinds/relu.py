"""``relu``: ``out = max(0, x)`` cell by cell; each negative visibly turns into 0."""

from __future__ import annotations

__all__ = ["RELU", "Relu", "zeroed"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each
from handtf.text import say
from handtf.trace import Cell, CellOp, Note, Number, Tensor, cell_name
from handtf.written import format_number

# The term is (0, x): x is read, and the value is the larger of the two.
RELU = CellRule("relu", lambda terms: max(terms[0]), reads=(1,))


def zeroed(ops: Sequence[CellOp]) -> int:
    """How many of ReLU's ops turn a negative into 0."""
    return sum(1 for op in ops if op.terms[0][1] < 0)


class Relu(Kind):
    name = "relu"
    op = "relu"
    order = 30
    rules = (RELU,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            return (Cell(x.name, i, j),), ((0, v),), f"ReLU({cell_name(x.name, i, j)})", f"max(0, {format_number(v)})"

        return each(out, x.shape, RELU, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.maximum(inputs[0], 0)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = ReLU({inputs[0].name})"

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        count = zeroed(ops)
        return (Note(say(lang, "note.relu.one" if count == 1 else "note.relu.many", count=count)),)

    def before(self, op: CellOp) -> Number | None:
        x = op.terms[0][1]
        return x if x != op.value else None


register(Relu())
