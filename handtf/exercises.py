"""Named walkthroughs and their default numbers."""

from __future__ import annotations

__all__ = ["EXERCISES", "Exercise", "exercise", "transformer"]

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.trace import Note, Trace, ordinal

# "Deep Dive into Transformers by Hand": X is 3 features x 5 positions.
SEED_X = [[5, 6, 0, 7, 0], [0, 2, 4, 0, 3], [1, 0, 1, 1, 0]]
SEED_A = [[1, 0, 0, 0, 1], [1, 1, 0, 0, 0], [0, 1, 1, 0, 0], [0, 0, 1, 1, 0], [0, 0, 0, 1, 1]]
SEED_W1 = [[1, -1, 0], [1, 1, 0], [0, 1, 1], [-1, 1, 1]]
SEED_B1 = [[1], [0], [1], [0]]
SEED_W2 = [[1, 0, 0, -1], [0, 1, 1, 0], [0, 0, 1, -1]]
SEED_B2 = [[0], [0], [1]]


def transformer(
    x: npt.ArrayLike = SEED_X,
    a: npt.ArrayLike = SEED_A,
    w1: npt.ArrayLike = SEED_W1,
    b1: npt.ArrayLike = SEED_B1,
    w2: npt.ArrayLike = SEED_W2,
    b2: npt.ArrayLike = SEED_B2,
) -> Trace:
    """The article's transformer block: attention weighting, FFN, ReLU, FFN.

    Examples
    --------
    >>> trace = transformer()
    >>> trace.steps[1].ops[0].label
    'P1 · A1 = Z[1,1]'
    >>> trace.steps[1].ops[0].arithmetic
    '5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11'
    """
    chain = Chain("Transformer by hand")
    x_array = np.asarray(x)
    rows = x_array.shape[0] if x_array.ndim == 2 else 0
    xs = chain.given("X", "input", x_array, row_labels=[f"P{ordinal(i)}" for i in range(rows)] if rows else None)
    att = chain.given("A", "attention", a)
    chain.show(
        "attention-weights",
        "[1] Attention weight matrix A",
        att,
        (Note("A comes from the query-key (QK) module; its details are skipped here"),),
    )
    z = chain.matmul("attention-weighting", "[2] Attention weighting", xs, att, "Z", explain_columns=True)
    w1s = chain.given("W1", "weight", w1)
    b1s = chain.given("b1", "bias", b1)
    h = chain.linear("ffn-1", "[3] FFN: first layer", w1s, b1s, z, "H")
    r = chain.relu("relu", "[4] ReLU", h, "R")
    w2s = chain.given("W2", "weight", w2)
    b2s = chain.given("b2", "bias", b2)
    chain.linear("ffn-2", "[5] FFN: second layer", w2s, b2s, r, "Y", role="output")
    return chain.trace(
        takeaways=(
            "Attention combines across positions (horizontally)",
            "The FFN combines across dimensions (vertically)",
        )
    )


@dataclass(frozen=True)
class Exercise:
    """A named walkthrough the command line can render."""

    name: str
    summary: str
    build: Callable[[], Trace]


EXERCISES: dict[str, Exercise] = {
    e.name: e
    for e in (
        Exercise(
            "transformer",
            "Deep Dive into Transformers by Hand: attention weighting, FFN 3→4, ReLU, FFN 4→3",
            transformer,
        ),
    )
}


def exercise(name: str) -> Exercise:
    """Look up an exercise by name."""
    try:
        return EXERCISES[name]
    except KeyError:
        known = ", ".join(sorted(EXERCISES))
        raise HandtfError(f"unknown exercise {name!r}; choose one of: {known} (see `handtf list`)") from None
