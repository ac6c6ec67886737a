"""``next_token``: picking the next token from the probabilities ``p`` over the
vocabulary (a row per position, a column per word, the vocabulary laid along the
width of the frame): in each row, the highest probability, and the word of its column.

The output is a column of those probabilities, each row labelled with its word;
``vocabulary`` names the columns of ``p``, one word each.
"""

from __future__ import annotations

__all__ = ["LARGEST", "NextToken"]

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.fields import labels
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Note, Number, Tensor, cell_name
from handtf.written import format_number, result_text

# The terms are (p, 0), one per word: each p is read, and the value is the largest.
LARGEST = CellRule("largest", lambda terms: max(t[0] for t in terms))

add_words(
    {
        "kind.next_token": "Next token",
        "step.next-token": "The next token: the highest probability",
        "formula.next_token": "{out} = the highest of each row of {p}",
        "note.next_token.last": "The next token is \u201c{word}\u201d ({p}), the highest at the last position",
    },
    {
        "kind.next_token": "다음 토큰",
        "step.next-token": "다음 토큰: 가장 높은 확률",
        "formula.next_token": "{out} = {p}의 행마다 가장 높은 값",
        "note.next_token.last": "다음 토큰은 \u201c{word}\u201d({p})입니다: 마지막 위치에서 가장 높습니다",
    },
)


def _vocabulary(value: Any) -> list[str]:
    if value is None:
        raise HandtfError('vocabulary is missing; give one word per column of the probabilities, e.g. ["the", "cat"]')
    words = labels(value, "vocabulary")
    assert words is not None
    for i, word in enumerate(words):
        if not word:
            raise HandtfError(f"vocabulary[{i + 1}] is empty; the next token is shown as its word, so give every word")
        if word in words[:i]:
            raise HandtfError(
                f"vocabulary[{i + 1}] {shown(word)} is also vocabulary[{words.index(word) + 1}]; "
                "give each word once, so the next token names one"
            )
    return words


def _check_probabilities(p: Tensor) -> None:
    """Each row of ``p`` is probabilities: from 0 to 1, summing to 1 as numbers typed
    to two decimals do (each off by up to 0.005).
    """
    slack = 0.005 * p.shape[1] + 1e-9
    for i, row in enumerate(np.asarray(p.values, dtype=np.float64)):
        if row.min() < -1e-9 or row.max() > 1 + 1e-9 or abs(row.sum() - 1) > slack:
            raise HandtfError(
                f"{p.name}'s row {i + 1} ({', '.join(format_number(v) for v in row[:6])}"
                f"{', …' if len(row) > 6 else ''}) is not probabilities summing to 1; the next token is "
                f'picked from probabilities, so give it the softmax of the logits (op = "softmax_rows")'
            )


def highest(p: Tensor, i: int) -> int:
    """The column of row ``i``'s highest probability (the first, if tied)."""
    row = list(p.values[i])
    return row.index(max(row))


class NextToken(Kind):
    name = "next_token"
    op = "next_token"
    order = 162
    inputs = ("p",)
    params = (Param("vocabulary", None, _vocabulary, example=["a", "b", "c", "d"]),)
    rules = (LARGEST,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (p,) = inputs
        words = params["vocabulary"]
        if len(words) != p.shape[1]:
            raise HandtfError(
                f"vocabulary has {len(words)} words but {p.name} has {p.shape[1]} columns; give one word per column"
            )
        _check_probabilities(p)
        values = np.zeros((p.shape[0], 1))
        ops = []
        for i in range(p.shape[0]):
            reads = tuple(Cell(p.name, i, k) for k in range(p.shape[1]))
            terms: tuple[tuple[Number, Number], ...] = tuple((p.at(i, k), 0) for k in range(p.shape[1]))
            value = LARGEST.value(terms)
            values[i, 0] = value
            label = (
                f"max({cell_name(p.name, i, 0)}, …, {cell_name(p.name, i, p.shape[1] - 1)}) = {cell_name(out, i, 0)}"
            )
            shown_terms = ", ".join(format_number(t[0]) for t in terms)
            arithmetic = f"max({shown_terms}) {result_text(value)} \u2192 \u201c{words[highest(p, i)]}\u201d"
            ops.append(CellOp(LARGEST.name, Cell(out, i, 0), reads, terms, value, label, arithmetic))
        return values, tuple(ops)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.asarray(np.max(inputs[0], axis=1, keepdims=True), dtype=np.float64)

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return ((rows, 4),)

    def example_inputs(self, arrays: Sequence[npt.NDArray[np.float64]]) -> list[npt.NDArray[np.float64]]:
        weights = np.abs(np.asarray(arrays[0], dtype=np.float64)) + 1
        return [weights / weights.sum(axis=1, keepdims=True)]  # each row probabilities

    def output_labels(self, inputs: tuple[Tensor, ...], params: Params) -> tuple[list[str] | None, list[str] | None]:
        (p,) = inputs
        return [params["vocabulary"][highest(p, i)] for i in range(p.shape[0])], None

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.next_token", out=out, p=inputs[0].name)

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        (p,) = inputs
        last = p.shape[0] - 1
        k = highest(p, last)
        word, value = params["vocabulary"][k], format_number(p.at(last, k))
        return (Note(say(lang, "note.next_token.last", word=word, p=value)),)


register(NextToken())
