"""``sample``: the Temperature sheet's last column, "Sampled": the word whose range of
the cumulative probability (see :mod:`handtf.kinds.cumulative`) holds the random
number r, ``left ≤ r < right``. A word is drawn as often as its probability, so a
higher temperature, which flattens the probabilities, gives other words a chance.

The inputs are the ranges (a row per word, labelled with it; left, right) and r, one
cell from 0 up to 1. The output is one cell, labelled with the word drawn, holding
its probability, ``right − left``.
"""

from __future__ import annotations

__all__ = ["DRAW", "Sample", "drawn"]

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, operand
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Note, Step, Tensor, cell_name
from handtf.written import as_number, format_number

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The terms are (left, right) of the range drawn, and (r, 0): the value is the word's
# probability, right − left.
DRAW = CellRule("draw", lambda terms: terms[0][1] - terms[0][0], reads=(0, 1), last_reads=(0,))

add_words(
    {
        "kind.sample": "Sample",
        "formula.sample": "{out} = the word of {ranges} whose range holds {r}",
        "note.sample": "r = {r} falls in \u201c{word}\u201d's range: it is drawn",
    },
    {
        "kind.sample": "샘플링",
        "formula.sample": "{out} = {r}이 들어가는 {ranges}의 구간의 단어",
        "note.sample": "r = {r}은 \u201c{word}\u201d의 구간에 들어갑니다: 이 단어가 뽑힙니다",
    },
)


def _checked(ranges: Tensor, r: Tensor) -> float:
    if ranges.shape[1] != 2:
        raise HandtfError(
            f"sample takes the ranges of the cumulative probability (left, right), two columns; {ranges.name} has "
            f'{ranges.shape[1]}; make them with op = "cumulative"'
        )
    if r.shape != (1, 1):
        raise HandtfError(f"sample's random number is one cell; {r.name} is {r.shape[0]}x{r.shape[1]}")
    value = float(r.at(0, 0))
    if not (math.isfinite(value) and 0 <= value < 1):
        raise HandtfError(f"{r.name} is {format_number(r.at(0, 0))}; a random number to sample with is from 0 up to 1")
    return value


def drawn(ranges: Tensor, r: float) -> int:
    """The row whose range holds ``r``; past the last right (its sum rounded under 1),
    the last row.
    """
    for i in range(ranges.shape[0]):
        if ranges.at(i, 0) <= r < ranges.at(i, 1):
            return i
    return ranges.shape[0] - 1


class Sample(Kind):
    """The word whose range holds r.

    >>> ranges = Tensor.of("C", "hidden", [[0, 0.5], [0.5, 0.8], [0.8, 1]], row_labels=["b", "c", "a"])
    >>> r = Tensor.of("r", "input", [[0.6]])
    >>> values, ops = Sample().compute((ranges, r), "S", {})
    >>> values.tolist(), ops[0].arithmetic
    ([[0.3...]], '0.50 ≤ 0.60 < 0.80 → “c”: 0.80 − 0.50 = 0.30')
    """

    name = "sample"
    op = "sample"
    order = 164
    inputs = ("ranges", "r")
    rules = (DRAW,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        ranges, r = inputs
        value = _checked(ranges, r)
        i = drawn(ranges, value)
        left, right = ranges.at(i, 0), ranges.at(i, 1)
        terms = ((left, right), (r.at(0, 0), 0))
        p = as_number(DRAW.value(terms))
        words = ranges.row_labels
        word = words[i] if words else cell_name(ranges.name, i, 0)
        reads = (Cell(ranges.name, i, 0), Cell(ranges.name, i, 1), Cell(r.name, 0, 0))
        label = (
            f"{cell_name(ranges.name, i, 0)} ≤ {cell_name(r.name, 0, 0)} < {cell_name(ranges.name, i, 1)} "
            f"\u2192 {cell_name(out, 0, 0)}"
        )
        worked = (
            f"{format_number(left)} ≤ {format_number(r.at(0, 0))} < {format_number(right)} \u2192 \u201c{word}\u201d: "
            f"{format_number(right)} − {operand(left)} = {format_number(p)}"
        )
        return np.array([[float(p)]]), (CellOp(DRAW.name, Cell(out, 0, 0), reads, terms, p, label, worked),)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        ranges, r = inputs
        i = min(int(np.searchsorted(ranges[:, 1], r[0, 0], side="right")), len(ranges) - 1)
        return np.array([[ranges[i, 1] - ranges[i, 0]]])

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, 2), (1, 1)

    def example_inputs(self, arrays: Sequence[npt.NDArray[np.float64]]) -> list[npt.NDArray[np.float64]]:
        weights = np.sort(np.abs(np.asarray(arrays[0][:, 0], dtype=np.float64)) + 1)[::-1]
        right = np.cumsum(weights / weights.sum())
        return [np.stack([np.concatenate([[0.0], right[:-1]]), right], axis=1), np.array([[0.5]])]

    def output_labels(self, inputs: tuple[Tensor, ...], params: Params) -> tuple[list[str] | None, list[str] | None]:
        ranges, r = inputs
        i = drawn(ranges, _checked(ranges, r))
        return [ranges.row_labels[i] if ranges.row_labels else cell_name(ranges.name, i, 0)], None

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        ranges, r = inputs
        return say(lang, "formula.sample", out=out, ranges=ranges.name, r=r.name)

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        ranges, r = inputs
        word = result.row_labels[0] if result.row_labels else ""
        return (Note(say(lang, "note.sample", r=format_number(r.at(0, 0)), word=word)),)

    def place(self, stairs: Stairs, step: Step) -> None:
        """The random number under the ranges, and the word drawn under it."""
        ranges, r = step.inputs
        stairs.beneath(step.id, ranges, r, step.output)


register(Sample())
