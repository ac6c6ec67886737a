"""``deviation``: one row, the standard deviation of each column of ``x`` about its
``mean`` (layer norm's second part). As the sheets' STDEV, it divides by n − 1;
``sample = false`` divides by n, as most layer norms do.
"""

from __future__ import annotations

__all__ = ["SAMPLE_STD", "STD", "Deviation", "sample_param"]

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, each, operand
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The terms are (x1, μ), (x2, μ), …: both read; the value is the root of the squared
# differences' mean, over n − 1 (SAMPLE_STD) or n (STD).
SAMPLE_STD = CellRule(
    "sample-std", lambda t: math.sqrt(sum((a - b) ** 2 for a, b in t) / max(len(t) - 1, 1)), reads=(0, 1)
)
STD = CellRule("std", lambda t: math.sqrt(sum((a - b) ** 2 for a, b in t) / len(t)), reads=(0, 1))

add_words(
    {
        "kind.deviation": "Standard deviation",
        "formula.deviation": "{out} = standard deviation of each column of {x}",
    },
    {
        "kind.deviation": "표준편차",
        "formula.deviation": "{out} = {x}의 열별 표준편차",
    },
)


def sample_param(value: Any) -> bool:
    if not isinstance(value, bool):
        given = shown(value) if isinstance(value, str) else type(value).__name__
        raise HandtfError(f"sample must be true (divide by n − 1, as the sheets) or false (by n), not {given}")
    return value


class Deviation(Kind):
    name = "deviation"
    op = "deviation"
    order = 111
    inputs = ("x", "mean")
    params = (Param("sample", True, sample_param, example=True),)
    rules = (SAMPLE_STD, STD)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        x, mean = inputs
        if mean.shape != (1, x.shape[1]):
            raise HandtfError(f"{mean.name} must be one row of {x.shape[1]} means, one per column of {x.name}")
        rows = x.shape[0]
        rule = SAMPLE_STD if params["sample"] else STD
        over = rows - 1 if params["sample"] and rows > 1 else rows

        def make(j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            mu = mean.at(0, j)
            terms = tuple((x.at(k, j), mu) for k in range(rows))
            reads = tuple(c for k in range(rows) for c in (Cell(x.name, k, j), Cell(mean.name, 0, j)))
            label = f"σ({cell_name(x.name, 0, j)} … {cell_name(x.name, rows - 1, j)})"
            squares = " + ".join(f"{operand(a - b)}²" for a, b in terms)
            return reads, terms, label, f"√(({squares}) / {over})"

        return each(out, (1, x.shape[1]), rule, lambda i, j: make(j))

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        x, mean = inputs
        over = x.shape[0] - 1 if params["sample"] and x.shape[0] > 1 else x.shape[0]
        std: npt.NDArray[np.float64] = np.sqrt(((x - mean) ** 2).sum(axis=0, keepdims=True) / over)
        return std

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, cols), (1, cols)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.deviation", out=out, x=inputs[0].name)

    def place(self, stairs: Stairs, step: Step) -> None:
        stairs.placed_or_new(step.inputs[1])  # the means, under x as a rule
        stairs.under(step)


register(Deviation())
