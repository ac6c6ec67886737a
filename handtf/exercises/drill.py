"""What the drills share, the workbooks W1 to W3: a sheet of numbered exercises, each one
product of small integers, side by side, their sizes growing every five exercises as
the workbooks' tabs do ("Exercise 1-5", "Exercise 6-10", …); and a maker of fresh
sheets of any count for ``handtf new NAME --count N``.
"""

from __future__ import annotations

__all__ = ["BLANK", "DRILL_MOST", "Operand", "blanked", "level", "numbered", "product", "sheet_maker", "small"]

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.exercise import SheetMaker
from handtf.exercises.numbers import Rng, fits
from handtf.kinds.missing_entry import BLANK
from handtf.text import add_words, say
from handtf.trace import Role, Trace
from handtf.written import as_number

add_words(
    {"step.drill": "Exercise {k}", "step.drill-missing": "Exercise {k}: find the blank"},
    {"step.drill": "연습 {k}", "step.drill-missing": "연습 {k}: 빈칸 구하기"},
)

# An operand as a drill gives it: a matrix of numbers (rows of them, or an array),
# with a "?" for a missing entry.
Operand = Any

DRILL_MOST = 50  # exercises on one sheet at most


def level(k: int) -> int:
    """How big exercise ``k`` (from 1) is: 0 for the first five, 1 for the next five,
    and on, as the workbooks grow their exercises tab by tab.

    >>> [level(k) for k in (1, 5, 6, 25)]
    [0, 0, 1, 4]
    """
    return (k - 1) // 5


def numbered(name: str, k: int) -> str:
    """A matrix of exercise ``k``, its number written small: ``a₇``, ``a·b₁₂``.

    >>> numbered("a·b", 12)
    'a·b₁₂'
    """
    return name + str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def small(rng: Rng, rows: int, cols: int) -> npt.NDArray[np.int64]:
    """Whole numbers from -3 to 5, none of the rows or columns all 0."""
    while True:
        m = rng.integers(-3, 6, size=(rows, cols))
        if m.any(axis=1).all() and m.any(axis=0).all():
            return m


Draw = Callable[[Rng, int], tuple[Operand, ...]]


def sheet_maker(build: Callable[..., Trace], draw: Draw) -> SheetMaker:
    """A maker of sheets of ``count`` exercises: each drawn by ``draw(rng, k)`` and
    kept when every value of the sheet fits in two digits.
    """

    def make(rng: Rng, lang: str, count: int) -> Trace | None:
        if not 1 <= count <= DRILL_MOST:
            raise HandtfError(f"--count {count}: a sheet holds 1 to {DRILL_MOST} exercises")
        exercises: Sequence[tuple[Operand, ...]] = [draw(rng, k) for k in range(1, count + 1)]
        trace = build(exercises, lang=lang)
        return trace if fits(trace) else None

    return make


def product(
    chain: Chain,
    k: int,
    names: tuple[str, str, str],
    roles: tuple[Role, Role],
    left: Operand,
    right: Operand,
    result: npt.ArrayLike | None = None,
) -> None:
    """Exercise ``k``: ``left · right`` worked out; or, given ``result``, the missing
    entry (a ``"?"`` in ``left`` or ``right``) found from it.
    """
    lang = chain.lang
    if result is None:
        a, b = chain.given(names[0], roles[0], left), chain.given(names[1], roles[1], right)
        chain.matmul(f"exercise-{k}", f"[{k}] {say(lang, 'step.drill', k=k)}", a, b, names[2], "output")
        return
    blank_left = any(v == BLANK for row in np.asarray(left, dtype=object) for v in row)
    blank, known = (0, 1) if blank_left else (1, 0)  # which operand has the blank, which is given whole
    operands = (left, right)
    other = chain.given(names[known], roles[known], operands[known])
    y = chain.given(names[2], "output", result)
    values = [
        [v if v == BLANK else as_number(v) for v in row] for row in np.asarray(operands[blank], dtype=object).tolist()
    ]
    title = f"[{k}] {say(lang, 'step.drill-missing', k=k)}"
    params = {"values": values, "side": "left" if blank_left else "right"}
    chain.apply("missing_entry", f"exercise-{k}", title, (other, y), names[blank], "hidden", **params)


def blanked(
    rng: Rng, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64], *, right_too: bool = True
) -> tuple[list[list[Any]], list[list[Any]], npt.NDArray[np.int64]]:
    """The two operands, one entry of one left blank (an entry whose partner across the
    product is not 0, so the result finds it), and the result, given.  With
    ``right_too=False`` the blank is in the left operand.
    """
    y = left @ right
    sides = [("left", i, k) for i in range(left.shape[0]) for k in range(left.shape[1]) if right[k].any()]
    if right_too:
        sides += [("right", k, j) for k in range(right.shape[0]) for j in range(right.shape[1]) if left[:, k].any()]
    side, r, c = sides[int(rng.integers(len(sides)))]
    values: list[list[Any]] = (left if side == "left" else right).tolist()
    values[r][c] = BLANK
    return (values, right.tolist(), y) if side == "left" else (left.tolist(), values, y)
