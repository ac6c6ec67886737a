"""``positional_encoding``: the sinusoidal positional encoding of the embeddings ``x``
(a row per feature, a column per position), worked cell by cell; an ``add`` step
then adds it to ``x``.

Position ``t`` (counted from 0, as the sheets' ``t``) in feature row ``i`` (from 0)
gets ``sin(t/base^(2k/d))`` in an even row and ``cos(t/base^(2k/d))`` in an odd one,
with ``k = ⌊i/2⌋`` and ``d`` the number of rows: ``sin(1/10000^(0/4)) = sin(1) = 0.84``.
``base`` is 10000 as in "Attention Is All You Need"; small exercises may take less.
"""

from __future__ import annotations

__all__ = ["COS", "SIN", "PositionalEncoding"]

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown_number
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, number_param
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Note, Tensor, cell_name
from handtf.written import format_number, result_text

# The term is (t, divisor), both constants: the position and base^(2k/d).
SIN = CellRule("sin", lambda terms: math.sin(terms[0][0] / terms[0][1]), reads=(), sides=("col",))
COS = CellRule("cos", lambda terms: math.cos(terms[0][0] / terms[0][1]), reads=(), sides=("col",))
BASE = 10000

add_words(
    {
        "kind.positional_encoding": "Positional encoding",
        "step.positional-encoding": "Positional encoding",
        "step.add-positions": "Add the positions: {x} + {pe}",
        "formula.positional_encoding": "{out}[i,t] = sin(t/{base}^(2k/d)) in even rows, cos in odd rows (k = ⌊i/2⌋)",
        "note.positional_encoding": "Each position t gets its own wave of numbers; added to {x}, they tell the "
        "positions apart",
    },
    {
        "kind.positional_encoding": "위치 인코딩",
        "step.positional-encoding": "위치 인코딩",
        "step.add-positions": "위치 더하기: {x} + {pe}",
        "formula.positional_encoding": "{out}[i,t] = 짝수 행은 sin(t/{base}^(2k/d)), 홀수 행은 cos (k = ⌊i/2⌋)",
        "note.positional_encoding": "위치 t마다 고유한 물결 모양의 수를 얻습니다: {x}에 더하면 위치가 구별됩니다",
    },
)

_number = number_param("base", "base = 10000", limit=1e9)


def _base(value: Any) -> Any:
    number = _number(value)
    if number <= 1:
        raise HandtfError(f"base is {shown_number(number)}; the waves need a base above 1, such as 10000")
    return number


class PositionalEncoding(Kind):
    name = "positional_encoding"
    op = "positional_encoding"
    order = 161
    params = (Param("base", BASE, _base, example=100),)
    rules = (SIN, COS)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        rows, cols = x.shape
        base = params.get("base", BASE)
        result = np.zeros(x.shape)
        ops: list[CellOp] = []
        for i in range(rows):
            rule, function = (SIN, "sin") if i % 2 == 0 else (COS, "cos")
            exponent = 2 * (i // 2)
            divisor = float(base) ** (exponent / rows)
            for t in range(cols):
                op = CellOp(rule.name, Cell(out, i, t), (), ((t, divisor),), 0, "", "")
                value = rule.computed(op)
                result[i, t] = value
                label = f"{function}({t}/{format_number(base)}^({exponent}/{rows})) = {cell_name(out, i, t)}"
                arithmetic = f"{function}({format_number(t / divisor, 4)}) {result_text(value)}"
                ops.append(CellOp(rule.name, Cell(out, i, t), (), ((t, divisor),), value, label, arithmetic))
        return result, tuple(ops)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        rows, cols = inputs[0].shape
        i, t = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
        angle = t / float(params.get("base", BASE)) ** (2 * (i // 2) / rows)
        return np.asarray(np.where(i % 2 == 0, np.sin(angle), np.cos(angle)), dtype=np.float64)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.positional_encoding", out=out, base=format_number(params.get("base", BASE)))

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        return (Note(say(lang, "note.positional_encoding", x=inputs[0].name)),)


register(PositionalEncoding())
