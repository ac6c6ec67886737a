"""Dot products by hand, as the workbook "W1 Dot-Product" sets them: in each exercise a
column a above and a row b to its left meet in one cell, a·b; the vectors grow by one
every five exercises.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "dot_product"]

from collections.abc import Sequence

import numpy as np

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.drill import BLANK, Operand, blanked, level, numbered, product, sheet_maker, small
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "dot.title": "Dot product by hand",
        "takeaway.dot": "A dot product multiplies the two vectors number by number and adds it all up",
    },
    {
        "dot.title": "손으로 푸는 내적",
        "takeaway.dot": "내적은 두 벡터를 수마다 곱해서 모두 더합니다",
    },
)

# Five exercises, a vector of length 1 to 5 each: (a, b), and for the last two, as the
# workbook's, a "?" in a or b and the result a·b given.  Numbers of handtf's own.
DOT_EXERCISES: tuple[tuple[Operand, ...], ...] = (
    ([[3]], [[2]]),
    ([[2], [1]], [[1, 4]]),
    ([[1], [0], [2]], [[3, 1, -1]]),
    ([[2], [-1], [1], [3]], [[1, BLANK, 0, 1]], [[3]]),
    ([[1], [2], [BLANK], [-1], [1]], [[2, 1, 3, 1, -2]], [[1]]),
)


def dot_product(exercises: Sequence[Sequence[Operand]] = DOT_EXERCISES, lang: str = "en") -> Trace:
    """A sheet of dot products: each ``(a, b)`` a column and a row of one length, or
    ``(a, b, a·b)`` with one entry of a or b ``"?"``, to find.

    >>> trace = dot_product()
    >>> [op.arithmetic for s in trace.steps for op in s.ops][2]
    '3·1 + 1·0 + (-1)·2 = 1'
    >>> trace.steps[3].ops[-1].arithmetic
    '(3 − (1·2 + 0·1 + 1·3)) / (-1) = 2'
    """
    chain = Chain(say(lang, "dot.title"), lang)
    for k, (a, b, *result) in enumerate(exercises, start=1):
        if np.ndim(a) != 2 or np.shape(a)[1] != 1 or np.ndim(b) != 2 or np.shape(b)[0] != 1:
            raise HandtfError(f"exercise {k}: a must be a column and b a row, e.g. a = [[1], [2]], b = [[3, 4]]")
        names = (numbered("b", k), numbered("a", k), numbered("a·b", k))
        product(chain, k, names, ("input", "input"), b, a, *result)
    return chain.trace(takeaways=(say(lang, "takeaway.dot"),))


def _draw(rng: Rng, k: int) -> tuple[Operand, ...]:
    n = min(1 + level(k), 6)
    a, b = small(rng, n, 1), small(rng, 1, n)
    if k % 5 in (4, 0):  # the last two of every five: find the blank
        row, column, y = blanked(rng, b, a)
        return column, row, y
    return a, b


EXERCISES = (
    Exercise(
        "dot-product",
        "Dot products, as the workbook W1: a column a and a row b meet in a·b; longer every five exercises",
        dot_product,
        lambda rng, lang: sheet_maker(dot_product, _draw)(rng, lang, 5),
        group="basics",
        sheet=sheet_maker(dot_product, _draw),
    ),
)
