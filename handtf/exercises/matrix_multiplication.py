"""Matrix multiplication by hand, as the workbook "W2 Matrix-Multiplication" sets it:
in each exercise B above and A to its left, row i of A meeting column j of B at
cell (i, j) of A·B; the matrices grow every five exercises.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "matrix_multiplication"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.exercises.drill import level, numbered, sheet_maker, small
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

# Five exercises, growing: (A, B), numbers of handtf's own.
MATMUL_EXERCISES = (
    ([[3]], [[2, -1]]),
    ([[1], [2]], [[3, 1]]),
    ([[1, 2]], [[2, 0], [1, 3]]),
    ([[2, 0], [1, -1]], [[1, 2], [3, 1]]),
    ([[1, 0, 2], [0, 1, -1]], [[2, 1], [1, 0], [0, 3]]),
)


def matrix_multiplication(
    exercises: Sequence[tuple[npt.ArrayLike, npt.ArrayLike]] = MATMUL_EXERCISES, lang: str = "en"
) -> Trace:
    """A sheet of products ``A·B``.

    >>> trace = matrix_multiplication()
    >>> trace.tensor("A·B₄").values
    ((2, 4), (-2, 1))
    """
    chain = Chain(say(lang, "matmul.title"), lang)
    for k, (a, b) in enumerate(exercises, start=1):
        left, right = chain.given(numbered("A", k), "weight", a), chain.given(numbered("B", k), "input", b)
        title = f"[{k}] {say(lang, 'step.drill', k=k)}"
        chain.matmul(f"exercise-{k}", title, left, right, numbered("A·B", k), "output")
    return chain.trace(takeaways=(say(lang, "takeaway.matmul"),))


def _draw(rng: Rng, k: int) -> tuple[npt.NDArray[np.int64], ...]:
    grow = level(k)
    rows, inner, cols = 1 + (grow + k % 2) // 2, 1 + grow // 2 + k % 3 // 2, 1 + (grow + 1) // 2
    rows, inner, cols = (min(n, 4) for n in (rows, inner, cols))
    return small(rng, rows, inner), small(rng, inner, cols)


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
