"""``scale``: ``out = x × factor`` cell by cell, e.g. the 1/√dk of attention scores.

``factor_text`` names the factor in labels and the formula (``1/√4``); by default it
is the factor written out.
"""

from __future__ import annotations

__all__ = ["SCALE", "Scale"]

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.fields import text
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each, number_param, operand
from handtf.trace import Cell, Number, Tensor, cell_name
from handtf.written import format_number

# The term is (x, factor): x is read, the factor is a constant.
SCALE = CellRule("scale", lambda terms: terms[0][0] * terms[0][1])


def _factor_text(value: Any) -> str:
    return text(value, "factor_text", "factor_text")


class Scale(Kind):
    name = "scale"
    op = "scale"
    order = 50
    params = (
        Param("factor", None, number_param("factor", "factor = 0.5"), example=0.5),
        Param("factor_text", None, _factor_text, example="1 × 1/2"),
    )
    rules = (SCALE,)

    def read_params(self, step: Mapping[str, Any], taken: Collection[str]) -> dict[str, Any]:
        factor = self.params[0].check(step.get("factor"))
        return {"factor": factor, "factor_text": _factor_text(step.get("factor_text", format_number(factor)))}

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        factor, name = params["factor"], params["factor_text"]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            label = f"{cell_name(x.name, i, j)} × {name}"
            return (Cell(x.name, i, j),), ((v, factor),), label, f"{operand(v)} × {operand(factor)}"

        return each(out, x.shape, SCALE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] * float(params["factor"])

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {inputs[0].name} × {params['factor_text']}"

    def export_params(self, step: Any) -> dict[str, Any]:
        return {"factor": step.params["factor"], "factor_text": step.params["factor_text"]}


register(Scale())
