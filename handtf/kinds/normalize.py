"""``normalize``: each cell minus its column's mean, over its column's standard
deviation plus ε: ``(x − μ) / (σ + ε)``, as the sheets' NORMALIZE (ε = 0.001).
"""

from __future__ import annotations

__all__ = ["NORMALIZE", "Normalize"]

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each, number_param, operand
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Note, Number, Tensor, cell_name

# The terms are (x, μ) and (σ, ε): x, μ and σ are read, ε is a constant.
NORMALIZE = CellRule("normalize", lambda t: (t[0][0] - t[0][1]) / (t[1][0] + t[1][1]), reads=(0, 1), last_reads=(0,))
EPSILON = 0.001  # the sheets' NORMALIZE adds it to σ

add_words(
    {
        "kind.normalize": "Normalize",
        "formula.normalize": "{out} = ({x} − {mean}) / ({std} + ε)",
        "note.normalize": "Each position now has mean 0 and spread 1 (ε = {eps} keeps σ off 0)",
    },
    {
        "kind.normalize": "정규화",
        "formula.normalize": "{out} = ({x} − {mean}) / ({std} + ε)",
        "note.normalize": "이제 각 위치의 평균은 0, 퍼짐은 1입니다 (ε = {eps}로 σ가 0이 되지 않게 합니다)",
    },
)


def eps_param(value: Any) -> Any:
    """ε: a small number, 0 or more, that keeps the divisor σ + ε off 0."""
    value = number_param("eps", "eps = 0.001")(value)
    if value < 0:
        raise HandtfError(f"eps is {value:g}; ε is added to σ to keep it off 0, so give 0 or a small positive number")
    return value


class Normalize(Kind):
    name = "normalize"
    op = "normalize"
    order = 112
    inputs = ("x", "mean", "std")
    params = (Param("eps", EPSILON, eps_param, example=EPSILON),)
    rules = (NORMALIZE,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        x, mean, std = inputs
        for row in (mean, std):
            if row.shape != (1, x.shape[1]):
                raise HandtfError(f"{row.name} must be one row of {x.shape[1]} values, one per column of {x.name}")
        eps = params["eps"]
        if any(s + eps == 0 for s in std.values[0]):
            raise HandtfError(f"{std.name} + ε is 0 in a column; give eps a value that keeps it off 0")

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v, mu, s = x.at(i, j), mean.at(0, j), std.at(0, j)
            reads = (Cell(x.name, i, j), Cell(mean.name, 0, j), Cell(std.name, 0, j))
            label = f"({cell_name(x.name, i, j)} − {cell_name(mean.name, 0, j)}) / ({cell_name(std.name, 0, j)} + ε)"
            worked = f"({operand(v)} − {operand(mu)}) / ({operand(s)} + {eps:g})"  # ε in full: 0.001
            return reads, ((v, mu), (s, eps)), label, worked

        return each(out, x.shape, NORMALIZE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        x, mean, std = inputs
        return np.asarray((x - mean) / (std + float(params["eps"])), dtype=np.float64)

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, cols), (1, cols), (1, cols)

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        return (Note(say(lang, "note.normalize", eps=f"{params['eps']:g}")),)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        x, mean, std = (t.name for t in inputs)
        return say(lang, "formula.normalize", out=out, x=x, mean=mean, std=std)


register(Normalize())
