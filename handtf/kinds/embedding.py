"""``embedding``: the embedding lookup ``out = E · Xᵀ``, with ``X`` one-hot, worked as
picking columns: a token's row of ``X`` has its one 1 in the column of its word, so
its embedding is the table's column of that word, copied across cell by cell.

The table ``E`` has a column per word of the vocabulary, as the full-stack sheet's;
``X`` has a row per token and a column per word, and is written under the table,
word under word, so each token's 1 sits right under the column it picks. The sheet
writes the one-hot the other way round (a row per word); laid along the width, a
vocabulary of 24 words still reads at 854x480, where 24 rows would not.
"""

from __future__ import annotations

__all__ = ["PICK", "Embedding", "word_of"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Note, Number, Step, Tensor, cell_name, ordinal

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The term is (e, 1): the table's cell e, times the one-hot's 1 under it; both read.
PICK = CellRule("pick", lambda terms: terms[0][0] * terms[0][1], reads=(0, 1), sides=("col", "row"))

add_words(
    {
        "kind.embedding": "Embedding lookup",
        "step.embedding": "Embedding: pick each token's column",
        "formula.embedding": "{out} = {table} · {x}ᵀ: a column of the table per token",
        "note.embedding": "{x} is one-hot: each token's 1 picks the column of {table} above it",
    },
    {
        "kind.embedding": "임베딩 조회",
        "step.embedding": "임베딩: 토큰마다 열 고르기",
        "formula.embedding": "{out} = {table} · {x}ᵀ: 토큰마다 표의 열 하나",
        "note.embedding": "{x}는 원-핫입니다: 토큰마다 1이 그 위의 {table} 열을 고릅니다",
    },
)


def word_of(x: Tensor, j: int) -> int:
    """The column of token ``j``'s one 1 in the one-hot ``x``."""
    return list(x.values[j]).index(1)


def _check_one_hot(table: Tensor, x: Tensor) -> None:
    if table.shape[1] != x.shape[1]:
        raise HandtfError(
            f"{table.name} has {table.shape[1]} columns but {x.name} has {x.shape[1]}; the table and the one-hot "
            "need a column per word of the vocabulary, and the one-hot a row per token"
        )
    for j, row in enumerate(x.values):
        if sorted(row) != [0] * (len(row) - 1) + [1]:
            raise HandtfError(
                f"row {ordinal(j)} of {x.name} is not one-hot; give each token's row one 1, in its word's column, "
                "and 0s elsewhere"
            )


class Embedding(Kind):
    name = "embedding"
    op = "embedding"
    order = 160
    inputs = ("table", "one-hot")
    rules = (PICK,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        table, x = inputs
        _check_one_hot(table, x)

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            k = word_of(x, j)
            v = table.at(i, k)
            label = f"{cell_name(table.name, i, k)} · {cell_name(x.name, j, k)}"
            return (Cell(table.name, i, k), Cell(x.name, j, k)), ((v, 1),), label, f"{operand(v)} · 1"

        return each(out, (table.shape[0], x.shape[0]), PICK, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.asarray(inputs[0] @ inputs[1].T, dtype=np.float64)

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return ((rows, inner), (cols, inner))

    def example_inputs(self, arrays: Sequence[npt.NDArray[np.float64]]) -> list[npt.NDArray[np.float64]]:
        """The table as given, and a one-hot of the other's shape: each row's 1 in the
        column of its largest value.
        """
        table, other = arrays
        one_hot = np.zeros(other.shape, dtype=int)
        one_hot[np.arange(other.shape[0]), np.argmax(other, axis=1)] = 1
        return [table, one_hot]

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.embedding", out=out, table=inputs[0].name, x=inputs[1].name)

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        return (Note(say(lang, "note.embedding", x=inputs[1].name, table=inputs[0].name)),)

    def place(self, stairs: Stairs, step: Step) -> None:
        table, x = step.inputs
        stairs.picking(table, x, step.output)


register(Embedding())
