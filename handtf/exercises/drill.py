"""What the drills share, the workbooks W1 to W3: a sheet of numbered exercises, each one
product of small integers, side by side, their sizes growing every five exercises as
the workbooks' tabs do ("Exercise 1-5", "Exercise 6-10", …); and a maker of fresh
sheets of any count for ``handtf new NAME --count N``.
"""

from __future__ import annotations

__all__ = ["DRILL_MOST", "level", "numbered", "sheet_maker", "small"]

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.exercises.exercise import SheetMaker
from handtf.exercises.numbers import Rng, fits
from handtf.trace import Trace

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


Draw = Callable[[Rng, int], tuple[npt.NDArray[np.int64], ...]]


def sheet_maker(build: Callable[..., Trace], draw: Draw) -> SheetMaker:
    """A maker of sheets of ``count`` exercises: each drawn by ``draw(rng, k)`` and
    kept when every value of the sheet fits in two digits.
    """

    def make(rng: Rng, lang: str, count: int) -> Trace | None:
        if not 1 <= count <= DRILL_MOST:
            raise HandtfError(f"--count {count}: a sheet holds 1 to {DRILL_MOST} exercises")
        exercises: Sequence[tuple[npt.NDArray[np.int64], ...]] = [draw(rng, k) for k in range(1, count + 1)]
        trace = build(exercises, lang=lang)
        return trace if fits(trace) else None

    return make
