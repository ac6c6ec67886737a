"""Matrix multiplication by hand, as the workbook "W2 Matrix-Multiplication" sets it:
in each exercise B above and A to its left, row i of A meeting column j of B at
cell (i, j) of A·B; the matrices grow every five exercises.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "matrix_multiplication"]

from collections.abc import Sequence

from handtf.chain import Chain
from handtf.exercises.drill import BLANK, Operand, blanked, level, numbered, product, sheet_maker, small
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "matmul.title": "Matrix multiplication by hand",
        "takeaway.matmul": "Each cell of A·B is the dot product of a row of A and a column of B",
    },
    {
        "matmul.title": "손으로 푸는 행렬 곱셈",
        "takeaway.matmul": "A·B의 각 칸은 A의 한 행과 B의 한 열의 내적입니다",
    },
)

# Five exercises, growing: (A, B), and for the last two, as the workbook's, a "?" in A
# or B and the product given.  Numbers of handtf's own.
MATMUL_EXERCISES: tuple[tuple[Operand, ...], ...] = (
    ([[3]], [[2, -1]]),
    ([[1], [2]], [[3, 1]]),
    ([[1, 2]], [[2, 0], [1, 3]]),
    ([[2, 0], [1, BLANK]], [[1, 2], [3, 1]], [[2, 4], [-2, 1]]),
    ([[1, 0, 2], [0, 1, -1]], [[2, 1], [BLANK, 0], [0, 3]], [[2, 7], [1, -3]]),
)


def matrix_multiplication(exercises: Sequence[Sequence[Operand]] = MATMUL_EXERCISES, lang: str = "en") -> Trace:
    """A sheet of products ``A·B``; an exercise ``(A, B, A·B)`` with one entry of A or
    B ``"?"`` asks for it.

    >>> trace = matrix_multiplication()
    >>> trace.tensor("A·B₃").values, trace.tensor("A₄").values[1][1]
    (((4, 6),), -1)
    """
    chain = Chain(say(lang, "matmul.title"), lang)
    for k, (a, b, *result) in enumerate(exercises, start=1):
        names = (numbered("A", k), numbered("B", k), numbered("A·B", k))
        product(chain, k, names, ("hidden", "input"), a, b, *result)
    return chain.trace(takeaways=(say(lang, "takeaway.matmul"),))


def _draw(rng: Rng, k: int) -> tuple[Operand, ...]:
    grow = level(k)
    rows, inner, cols = 1 + (grow + k % 2) // 2, 1 + grow // 2 + k % 3 // 2, 1 + (grow + 1) // 2
    rows, inner, cols = (min(n, 4) for n in (rows, inner, cols))
    a, b = small(rng, rows, inner), small(rng, inner, cols)
    return blanked(rng, a, b) if k % 5 in (4, 0) else (a, b)  # the last two of every five: find the blank


EXERCISES = (
    Exercise(
        "matrix-multiplication",
        "Matrix multiplication, as the workbook W2: row i of A meets column j of B at A·B[i,j]; larger every five",
        matrix_multiplication,
        lambda rng, lang: sheet_maker(matrix_multiplication, _draw)(rng, lang, 5),
        group="basics",
        sheet=sheet_maker(matrix_multiplication, _draw),
    ),
)
