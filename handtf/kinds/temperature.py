"""``temperature``: ``out = x / T`` cell by cell, the logits divided by the
temperature before a softmax, as the "Temperature" sheet writes ``Z / T``: above 1 it
flattens the probabilities, below 1 it sharpens them.
"""

from __future__ import annotations

__all__ = ["TEMPERATURE", "Temperature"]

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each, operand
from handtf.text import add_words
from handtf.trace import Cell, Number, Tensor, cell_name

# The term is (x, T): x is read, the temperature is a constant.
TEMPERATURE = CellRule("temperature", lambda terms: terms[0][0] / terms[0][1])

add_words({"kind.temperature": "Divide by the temperature"}, {"kind.temperature": "온도로 나누기"})


def _temperature(value: Any) -> Any:
    """A number from 0.01 to 100: the temperature."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0.01 <= value <= 100
    ):
        given = (
            "missing" if value is None else shown(value) if isinstance(value, str) else shown(repr(value), quote=False)
        )
        raise HandtfError(f"T must be a temperature from 0.01 to 100, e.g. T = 2; it is {given}")
    return value


class Temperature(Kind):
    """``x / T`` of each cell.

    >>> z = Tensor.of("Z", "input", [[3], [-1]])
    >>> [op.arithmetic for op in Temperature().compute((z,), "Z/T", {"T": 2})[1]]
    ['3 / 2 = 1.50', '(-1) / 2 = -0.50']
    """

    name = "temperature"
    op = "temperature"
    order = 52
    params = (Param("T", None, _temperature, example=2),)
    rules = (TEMPERATURE,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        t = params["T"]

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            return (
                (Cell(x.name, i, j),),
                ((v, t),),
                f"{cell_name(x.name, i, j)} / T",
                f"{operand(v)} / {t:g}",
            )

        return each(out, x.shape, TEMPERATURE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        result: npt.NDArray[np.float64] = inputs[0] / float(params["T"])
        return result

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {inputs[0].name} / T, T = {params['T']:g}"


register(Temperature())
