"""``cumulative``: the Temperature sheet's ranges to sample from. The words, sorted by
probability, highest first ("Sort by Prob"), each get a range of the cumulative
probability ("Cum. Probability"): from the sum of the probabilities before it (left)
to that plus its own (right). Each end is worked as a sum of the probabilities, so a
row is worked from the probabilities alone, as a whole step at once can be. The ranges
tile 0 to 1, and a random number r in [0, 1) falls in one word's range (see
:mod:`handtf.kinds.sample`).

The input is a column of probabilities, a row per word; ``words`` names them (by
default, the column's own row labels). The output has a row per word in sorted order,
labelled with it, and the two columns left, right.
"""

from __future__ import annotations

__all__ = ["START", "Cumulative", "check_probabilities", "sorted_rows", "word_of"]

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.fields import labels
from handtf.kinds import register
from handtf.kinds.column_sums import SUM
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, operand
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Step, Tensor, cell_name
from handtf.written import as_number, format_number, result_text

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The first range starts at 0: nothing comes before it, and nothing is read.
START = CellRule("start", lambda terms: 0, reads=())

add_words(
    {
        "kind.cumulative": "Cumulative probability",
        "formula.cumulative": "{out} = the ranges of {p}, sorted: left = the sum before, right = left + p",
    },
    {
        "kind.cumulative": "누적 확률",
        "formula.cumulative": "{out} = 정렬한 {p}의 구간: 왼쪽 = 앞의 합, 오른쪽 = 왼쪽 + p",
    },
)


def check_probabilities(p: Tensor, what: str) -> None:
    """``p`` is a column of probabilities: from 0 to 1, summing to 1 as numbers typed
    to two decimals do (each off by up to 0.005).
    """
    if p.shape[1] != 1:
        raise HandtfError(f"{what} takes a column of probabilities, a row per word; {p.name} has {p.shape[1]} columns")
    column = np.asarray(p.values, dtype=np.float64)[:, 0]
    if column.min() < -1e-9 or column.max() > 1 + 1e-9 or abs(column.sum() - 1) > 0.005 * len(column) + 1e-9:
        raise HandtfError(
            f"{p.name} ({', '.join(format_number(v) for v in column[:6])}{', …' if len(column) > 6 else ''}) is not "
            f'probabilities summing to 1; give {what} the softmax of the logits (op = "softmax")'
        )


def _words(value: Any) -> list[str]:
    words = labels(value, "words")
    assert words is not None
    for i, word in enumerate(words):
        if not word or word in words[:i]:
            what = "is empty" if not word else f"is also words[{words.index(word) + 1}]"
            raise HandtfError(f"words[{i + 1}] {shown(word)} {what}; give each row's word once, so a draw names one")
    return words


def word_of(p: Tensor, words: Sequence[str], k: int) -> str:
    """Row ``k``'s word: from ``words``, else the row's label, else its cell's name."""
    if words:
        return words[k]
    return p.row_labels[k] if p.row_labels else cell_name(p.name, k, 0)


def sorted_rows(p: Tensor) -> list[int]:
    """The rows of ``p`` from the highest probability down (ties keep their order)."""
    column = [p.at(i, 0) for i in range(p.shape[0])]
    return sorted(range(len(column)), key=lambda i: -column[i])


class Cumulative(Kind):
    """The ranges of the cumulative probability, the words sorted highest first.

    >>> p = Tensor.of("Y", "output", [[0.2], [0.5], [0.3]], row_labels=["a", "b", "c"])
    >>> values, ops = Cumulative().compute((p,), "C", {})
    >>> values.tolist(), [op.arithmetic for op in ops][:4]
    ([[0.0, 0.5], [0.5, 0.8], [0.8, 1.0]], ['0', '0.50', '0.50', '0.50 + 0.30 = 0.80'])
    """

    name = "cumulative"
    op = "cumulative"
    order = 163
    inputs = ("p",)
    params = (Param("words", (), _words, example=["a", "b", "c", "d"]),)
    rules = (START, SUM)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (p,) = inputs
        check_probabilities(p, "cumulative")
        words = params.get("words", ())
        if words and len(words) != p.shape[0]:
            raise HandtfError(f"words has {len(words)} words but {p.name} has {p.shape[0]} rows; give one word per row")
        order = sorted_rows(p)
        values = np.zeros((p.shape[0], 2))
        ops: list[CellOp] = []
        for i in range(len(order)):
            for col, summed in ((0, order[:i]), (1, order[: i + 1])):
                cell = Cell(out, i, col)
                if not summed:  # the first range starts at 0: nothing comes before it
                    ops.append(CellOp(START.name, cell, (), ((0, 0),), 0, f"{cell_name(out, i, col)} = 0", "0"))
                    continue
                terms = tuple((p.at(k, 0), 1) for k in summed)
                total = as_number(SUM.value(terms))
                values[i, col] = total
                reads = tuple(Cell(p.name, k, 0) for k in summed)
                names = [cell_name(p.name, k, 0) for k in summed]
                label = f"{' + '.join(names) if len(names) < 4 else f'{names[0]} + … + {names[-1]}'}"
                worked = " + ".join(operand(t[0]) for t in terms)
                ops.append(
                    CellOp(SUM.name, cell, reads, terms, total, f"{label} = {cell_name(out, i, col)}",
                           f"{worked} {result_text(total)}" if len(terms) > 1 else format_number(total))
                )  # fmt: skip
        return values, tuple(ops)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        column = inputs[0][:, 0]
        ordered = column[np.argsort(-column, kind="stable")]
        right = np.cumsum(ordered)
        return np.stack([np.concatenate([[0.0], right[:-1]]), right], axis=1)

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return ((4, 1),)  # a row for each of the example's four words

    def example_inputs(self, arrays: Sequence[npt.NDArray[np.float64]]) -> list[npt.NDArray[np.float64]]:
        weights = np.abs(np.asarray(arrays[0], dtype=np.float64)) + 1
        return [weights / weights.sum()]  # a column of probabilities

    def output_labels(self, inputs: tuple[Tensor, ...], params: Params) -> tuple[list[str] | None, list[str] | None]:
        (p,) = inputs
        return [word_of(p, params.get("words", ()), k) for k in sorted_rows(p)], ["left", "right"]

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.cumulative", out=out, p=inputs[0].name)

    def place(self, stairs: Stairs, step: Step) -> None:
        stairs.under(step)  # under the probabilities, as the sheet writes them down the page


register(Cumulative())
