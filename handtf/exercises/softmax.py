"""The softmax by hand, as the "Softmax" workbook lays it out: a column of numbers x,
each one's e^x, their sum Σ, and each e^x divided by Σ; then the same with 3 in place
of e, "to simplify calculation", as the sheet's second half does.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "softmax", "teachable"]

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, fits
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "softmax.title": "Softmax by hand",
        "step.softmax-e": "[{number}] Softmax with e",
        "step.softmax-3": "[{number}] Softmax with 3 in place of e",
        "note.softmax-3": "3 instead of e: the same order, numbers easy to work by hand",
        "takeaway.softmax-sum": "Softmax: shares that add to 1",
        "takeaway.softmax-base": "3 for e: same order, easier",
    },
    {
        "softmax.title": "손으로 푸는 소프트맥스",
        "step.softmax-e": "[{number}] e로 소프트맥스",
        "step.softmax-3": "[{number}] e 대신 3으로 소프트맥스",
        "note.softmax-3": "e 대신 3: 순서는 같고, 손으로 계산하기 쉬운 수",
        "takeaway.softmax-sum": "소프트맥스: 합이 1인 몫",
        "takeaway.softmax-base": "e 대신 3: 순서는 같고 더 쉽게",
    },
)

SOFTMAX_X = [[2], [0], [1], [-1], [3], [-2], [-3]]  # a column, as the sheet's; numbers of handtf's own


def softmax(x: npt.ArrayLike = SOFTMAX_X, y: npt.ArrayLike | None = None, lang: str = "en") -> Trace:
    """Softmax of the column ``x`` with e, then of ``y`` (the same numbers if not
    given, to compare) with 3, each in a block of its own as the sheet has them.

    >>> trace = softmax()
    >>> [s.title for s in trace.steps][::3]
    ['[1] Softmax with e: exp', '[2] Softmax with 3 in place of e: 3^x']
    >>> [op.arithmetic for op in trace.steps[3].ops][:2]
    ['3^2 = 9', '3^0 = 1']
    """
    chain = Chain(say(lang, "softmax.title"), lang)
    parts = (("x", x, 1, "e", ("E", "Σ", "P")), ("y", x if y is None else y, 2, 3, ("E3", "Σ3", "P3")))
    for name, values, number, base, names in parts:
        column = chain.given(name, "input", values)
        key = f"softmax-{base}"
        whole = say(lang, f"step.{key}", number=number)
        words = ("softmax.exp" if base == "e" else "softmax.power", "softmax.sums", "softmax.divide")
        titles = tuple(say(lang, w, title=whole, base=base) for w in words)
        ids = tuple(f"{key}-{part}" for part in ("exp", "sums", "divide"))
        note = say(lang, "note.softmax-3") if base != "e" else None
        chain.softmax(ids, titles, column, names, "output", note, base)  # type: ignore[arg-type]
    return chain.trace(takeaways=(say(lang, "takeaway.softmax-sum"), say(lang, "takeaway.softmax-base")))


def teachable(trace: Trace) -> bool:
    """Rules of a sheet a class can work: every value within two digits (the sum of
    the 3^x too); four to seven numbers from -3 to 3 in each column, no two the same
    (so no two probabilities are), and not all of one sign.
    """
    if not fits(trace):
        return False
    for name in ("x", "y"):
        x = trace.tensor(name).array()[:, 0]
        if not (4 <= len(x) <= 7 and np.abs(x).max() <= 3 and len(set(x)) == len(x)):
            return False
        if not ((x > 0).any() and (x <= 0).any()):
            return False
    return True


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.choice(np.arange(-3, 4), size=(int(rng.integers(6, 8)), 1), replace=False)
    trace = softmax(x, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "softmax",
        "Softmax, as the Softmax sheet: a column's e^x, their sum and each share; then with 3 in place of e",
        softmax,
        _new,
        group="basics",
    ),
)
