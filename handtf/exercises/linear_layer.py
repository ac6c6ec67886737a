"""Linear layers by hand, as the workbook "W3 Linear-Layer" sets them: in each exercise
the weights W and the bias b beside them, the input x above with a row of 1s under it,
and ``y = W·x + b``; the layers grow every five exercises.  As the workbook's last two
tabs (exercises 16-25), the fourth and fifth of every five tabs ask for a missing
entry: one weight or bias is blank and y is given, so ``[W | b]·[x; 1] = y`` is solved
for it.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "linear_layer"]

from collections.abc import Sequence

import numpy as np

from handtf.chain import Chain
from handtf.exercises.drill import BLANK, Operand, blanked, level, numbered, product, sheet_maker, small
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, weights
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "linear.title": "Linear layer by hand",
        "takeaway.linear": "The bias pairs with the row of 1s: y = W·x + b is one product, [W | b]·[x; 1]",
    },
    {
        "linear.title": "손으로 푸는 선형 층",
        "takeaway.linear": "편향은 1의 행과 짝을 이룹니다: y = W·x + b는 곱셈 하나, [W | b]·[x; 1]입니다",
    },
)

# Five exercises, growing: (W, b, x), numbers of handtf's own.
LINEAR_EXERCISES = (
    ([[2]], [[1]], [[3]]),
    ([[1], [-1]], [[0], [2]], [[2]]),
    ([[1, 2]], [[-1]], [[3], [1]]),
    ([[2, 0], [1, -1]], [[1], [0]], [[1], [2]]),
    ([[1, 0, 2], [0, 1, -1]], [[1], [-2]], [[2], [1], [3]]),
)


def linear_layer(exercises: Sequence[Sequence[Operand]] = LINEAR_EXERCISES, lang: str = "en") -> Trace:
    """A sheet of linear layers ``y = W·x + b``; an exercise ``([W | b], [x; 1], y)``,
    with one entry of ``[W | b]`` ``"?"``, asks for it.

    >>> trace = linear_layer()
    >>> trace.tensor("y₅").values
    ((9,), (-4,))
    >>> trace = linear_layer([([[2, "?"]], [[3], [1]], [[7]])])
    >>> trace.tensor("W|b₁").values, trace.steps[0].ops[-1].arithmetic
    (((2, 1),), '(7 − 2·3) / 1 = 1')
    """
    chain = Chain(say(lang, "linear.title"), lang)
    for k, exercise in enumerate(exercises, start=1):
        if any(v == BLANK for row in exercise[0] for v in row):  # [W | b] with its blank, [x; 1], y
            names = (numbered("W|b", k), numbered("x", k), numbered("y", k))
            product(chain, k, names, ("weight", "input"), *exercise)
            continue
        w, b, x = exercise
        ws, bs, xs = (
            chain.given(numbered("W", k), "weight", w),
            chain.given(numbered("b", k), "bias", b),
            chain.given(numbered("x", k), "input", x),
        )
        chain.linear(f"exercise-{k}", f"[{k}] {say(lang, 'step.drill', k=k)}", ws, bs, xs, numbered("y", k), "output")
    return chain.trace(takeaways=(say(lang, "takeaway.linear"),))


def _draw(rng: Rng, k: int) -> tuple[Operand, ...]:
    grow = level(k)
    rows, inputs = min(1 + (grow + k % 2) // 2, 4), min(1 + grow // 2 + k % 3 // 2, 4)
    w, b, x = weights(rng, rows, inputs), rng.integers(-2, 3, size=(rows, 1)), small(rng, inputs, 1)
    if grow % 5 < 3:
        return w, b, x
    # The workbook's last two tabs: a blank in [W | b], and y given.
    return blanked(rng, np.hstack([w, b]), np.vstack([x, np.ones((1, 1), dtype=np.int64)]), right_too=False)


EXERCISES = (
    Exercise(
        "linear-layer",
        "Linear layers, as the workbook W3: y = W·x + b, the bias beside W and a 1 under x; larger every five",
        linear_layer,
        lambda rng, lang: sheet_maker(linear_layer, _draw)(rng, lang, 5),
        group="basics",
        sheet=sheet_maker(linear_layer, _draw),
    ),
)
