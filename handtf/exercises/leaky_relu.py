"""ReLU and leaky ReLU by hand, side by side, as the "ReLU vs. LeakyReLU" workbook
lays them out: one column x, ReLU(x) beside it, where each negative becomes 0; then x
written again and leaky ReLU(x) beside it, where each negative is multiplied by α
instead.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "leaky_relu", "teachable"]

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.exercises.attention import title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "leaky.title": "ReLU vs. leaky ReLU by hand",
        "step.leaky-relu-mask": "ReLU: the mask, 1 where x > 0, else 0",
        "step.leaky-relu": "ReLU(x) = mask ⊙ x",
        "step.leaky-leaky-mask": "Leaky ReLU: the mask, 1 where x > 0, else α = {alpha}",
        "step.leaky-leaky": "LeakyReLU(x) = mask ⊙ x",
        "takeaway.leaky-zero": "ReLU turns negatives into 0",
        "takeaway.leaky-keep": "Leaky keeps α of negatives",
    },
    {
        "leaky.title": "손으로 푸는 ReLU와 Leaky ReLU",
        "step.leaky-relu-mask": "ReLU: 마스크, x > 0이면 1, 아니면 0",
        "step.leaky-relu": "ReLU(x) = 마스크 ⊙ x",
        "step.leaky-leaky-mask": "Leaky ReLU: 마스크, x > 0이면 1, 아니면 α = {alpha}",
        "step.leaky-leaky": "LeakyReLU(x) = 마스크 ⊙ x",
        "takeaway.leaky-zero": "ReLU는 모든 음수를 0으로 바꿉니다",
        "takeaway.leaky-keep": "Leaky ReLU는 음수의 α만큼을 남깁니다",
    },
)

LEAKY_X = [[4], [1], [-2], [3], [0], [-1], [2], [-3], [5], [-4]]  # the sheet's shape: a column; numbers of handtf's own


def leaky_relu(x: npt.ArrayLike = LEAKY_X, alpha: float = 0.1, lang: str = "en") -> Trace:
    """ReLU of the column ``x``, then leaky ReLU with ``alpha``, side by side, each as
    the sheet works it: a mask of slopes, then the mask times x.

    >>> trace = leaky_relu()
    >>> [op.arithmetic for op in trace.steps[2].ops][2]
    "LeakyReLU'(-2) = 0.10"
    >>> [op.arithmetic for op in trace.steps[3].ops][2]
    '0.10 ⊙ (-2) = -0.20'
    """
    chain = Chain(say(lang, "leaky.title"), lang)
    x_ = chain.given("x", "input", x)
    number = 1
    for key, slope, names in (("relu", 0, ("M", "R")), ("leaky", alpha, ("Mα", "L"))):
        words = {"alpha": f"{slope:g}"}
        mask_title = title(lang, number, f"leaky-{key}-mask", **words)
        mask = chain.apply("relu_derivative", f"{key}-mask", mask_title, (x_,), names[0], alpha=slope)
        step = title(lang, number + 1, f"leaky-{key}", **words)
        chain.apply("multiply", key, step, (mask, x_), names[1], "output")
        number += 2
    return chain.trace(takeaways=(say(lang, "takeaway.leaky-zero"), say(lang, "takeaway.leaky-keep")))


def teachable(trace: Trace) -> bool:
    """Rules of a sheet a class can work: eight to ten numbers from -5 to 5, no two
    the same, and at least two negatives and two positives.
    """
    x = trace.tensor("x").array()[:, 0]
    return bool(
        8 <= len(x) <= 10
        and np.abs(x).max() <= 5
        and len(set(x)) == len(x)
        and (x < 0).sum() >= 2
        and (x > 0).sum() >= 2
    )


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.choice(np.arange(-5, 6), size=(int(rng.integers(8, 11)), 1), replace=False)
    trace = leaky_relu(x, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "leaky-relu",
        "ReLU and leaky ReLU side by side, as the LeakyReLU sheet: negatives become 0, or α times themselves",
        leaky_relu,
        _new,
        group="basics",
    ),
)
