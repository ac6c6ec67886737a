"""``mask``: the causal mask. Scores of a key that comes after its query get a large
negative added, so exp gives ≈0 and no position attends to a later one.

The sheets put keys in rows and queries in columns (Kᵀ·Q, softmax by column), so the
masked cells are those below the diagonal: row ``i`` (key) after column ``j`` (query).
Every other cell is written over unchanged (``+ 0``).
"""

from __future__ import annotations

__all__ = ["MASK", "Mask"]

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown_number
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each, number_param, operand
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Note, Number, Tensor, cell_name

# The term is (x, added): x is read, what is added (0, or the mask's value) is a constant.
MASK = CellRule("mask", lambda terms: terms[0][0] + terms[0][1])
VALUE = -99  # as the full-stack sheet's "Casual Mask": large enough that exp gives ≈0

add_words(
    {
        "kind.mask": "Causal mask",
        "step.mask": "Causal mask",
        "formula.mask": "{out} = {x} + mask ({value} after the diagonal)",
        "note.mask": "A key after its query gets {value}, so exp gives ≈0: no position sees a later one",
    },
    {
        "kind.mask": "인과 마스크",
        "step.mask": "인과 마스크",
        "formula.mask": "{out} = {x} + 마스크 (대각선 아래 {value})",
        "note.mask": "쿼리보다 뒤의 키에는 {value}을 더해 exp가 ≈0이 됩니다: 어떤 위치도 뒤의 위치를 보지 않습니다",
    },
)

_number = number_param("value", "value = -99")


def _value(value: Any) -> Number:
    number: Number = _number(value)
    if number > -20:
        raise HandtfError(
            f"value is {shown_number(number)}; a mask adds a large negative, such as -99, so exp gives ≈0"
        )
    return number


def masked(i: int, j: int) -> bool:
    """Whether key ``i`` comes after query ``j``."""
    return i > j


class Mask(Kind):
    name = "mask"
    op = "mask"
    order = 55
    params = (Param("value", VALUE, _value),)
    rules = (MASK,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        if x.shape[0] != x.shape[1]:
            raise HandtfError(
                f"{x.name} is {x.shape[0]}x{x.shape[1]}; a causal mask needs square scores, one row per key "
                "and one column per query"
            )
        value = params["value"]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v, added = x.at(i, j), value if masked(i, j) else 0
            label = f"{cell_name(x.name, i, j)} + {operand(added)}"
            return (Cell(x.name, i, j),), ((v, added),), label, f"{operand(v)} + {operand(added)}"

        return each(out, x.shape, MASK, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        x = inputs[0]
        return np.asarray(x + np.tril(np.full(x.shape, float(params["value"])), -1), dtype=np.float64)

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return ((cols, cols),)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.mask", out=out, x=inputs[0].name, value=params["value"])

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        return (Note(say(lang, "note.mask", value=params["value"])),)


register(Mask())
