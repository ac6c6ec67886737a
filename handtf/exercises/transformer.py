"""The article's exercise, "Deep Dive into Transformers by Hand": attention weighting,
FFN, ReLU, FFN; and the same block with the QK module that makes A in front of it.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "block", "teachable", "transformer", "transformer_qk"]

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import attention_weights, positions_labels, title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, apart, fits, has_relu_zero, keeps_rows, scores_small, weights
from handtf.text import say
from handtf.trace import Tensor, Trace

# "Deep Dive into Transformers by Hand": X is 3 features x 5 positions.
SEED_X = [[5, 6, 0, 7, 0], [0, 2, 4, 0, 3], [1, 0, 1, 1, 0]]
SEED_A = [[1, 0, 0, 0, 1], [1, 1, 0, 0, 0], [0, 1, 1, 0, 0], [0, 0, 1, 1, 0], [0, 0, 0, 1, 1]]
SEED_W1 = [[1, -1, 0], [1, 1, 0], [0, 1, 1], [-1, 1, 1]]
SEED_B1 = [[1], [0], [1], [0]]
SEED_W2 = [[1, 0, 0, -1], [0, 1, 1, 0], [0, 0, 1, -1]]
SEED_B2 = [[0], [0], [1]]
# The QK module in front of the seed block: weights that read the small features of
# the seed's X (its second and third rows), so the scores stay within ±6.
SEED_WQ = [[0, 1, -1], [0, 1, 0], [0, -1, -1], [0, 0, -1]]
SEED_WK = [[0, 0, 1], [0, -1, -1], [0, -1, 1], [0, 0, -1]]


def transformer(
    x: npt.ArrayLike = SEED_X,
    a: npt.ArrayLike = SEED_A,
    w1: npt.ArrayLike = SEED_W1,
    b1: npt.ArrayLike = SEED_B1,
    w2: npt.ArrayLike = SEED_W2,
    b2: npt.ArrayLike = SEED_B2,
    lang: str = "en",
) -> Trace:
    """The article's transformer block: attention weighting, FFN, ReLU, FFN.

    Examples
    --------
    >>> trace = transformer()
    >>> trace.steps[1].ops[0].label
    'P1 · A1 = Z[1,1]'
    >>> trace.steps[1].ops[0].arithmetic
    '5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11'
    >>> transformer(lang="ko").steps[2].title
    '[3] FFN: 첫 번째 레이어'
    """
    chain = Chain(say(lang, "transformer.title"), lang)
    xs = chain.given("X", "input", x, row_labels=positions_labels(x))
    att = chain.given("A", "attention", a)
    chain.show("attention-weights", title(lang, 1, "attention-weights"), att, say(lang, "note.qk-skipped"))
    block(chain, xs, att, w1, b1, w2, b2, 2)
    return chain.trace(takeaways=(say(lang, "takeaway.attention"), say(lang, "takeaway.ffn")))


def block(
    chain: Chain,
    xs: Tensor,
    att: Tensor,
    w1: npt.ArrayLike,
    b1: npt.ArrayLike,
    w2: npt.ArrayLike,
    b2: npt.ArrayLike,
    first: int,
    explain: bool = True,
) -> None:
    """Attention weighting, FFN, ReLU, FFN: the article's steps [2] to [5], numbered
    from ``first``; ``explain`` adds the insight of which positions each Z combines.
    """
    lang = chain.lang
    z = chain.matmul(
        "attention-weighting", title(lang, first, "attention-weighting"), xs, att, "Z", explain_columns=explain
    )
    w1s, b1s = chain.given("W1", "weight", w1), chain.given("b1", "bias", b1)
    h = chain.linear("ffn-1", title(lang, first + 1, "ffn-1"), w1s, b1s, z, "H")
    r = chain.relu("relu", title(lang, first + 2, "relu"), h, "R")
    w2s, b2s = chain.given("W2", "weight", w2), chain.given("b2", "bias", b2)
    chain.linear("ffn-2", title(lang, first + 3, "ffn-2"), w2s, b2s, r, "Y", role="output")


def transformer_qk(
    x: npt.ArrayLike = SEED_X,
    wq: npt.ArrayLike = SEED_WQ,
    wk: npt.ArrayLike = SEED_WK,
    w1: npt.ArrayLike = SEED_W1,
    b1: npt.ArrayLike = SEED_B1,
    w2: npt.ArrayLike = SEED_W2,
    b2: npt.ArrayLike = SEED_B2,
    lang: str = "en",
) -> Trace:
    """The article's transformer block with the QK module that makes A in front."""
    chain = Chain(say(lang, "transformer-qk.title"), lang)
    xs = chain.given("X", "input", x, row_labels=positions_labels(x))
    a = attention_weights(chain, xs, wq, wk, 1)
    block(chain, xs, a, w1, b1, w2, b2, 9, explain=False)  # A's weights are no longer 0s and 1s
    return chain.trace(takeaways=(say(lang, "takeaway.qk"), say(lang, "takeaway.both")))


def _attention_pattern(rng: Rng, n: int) -> npt.NDArray[np.int64]:
    """0s and 1s, two 1s per column as in the article's A, so each Z mixes two
    positions; and at least one 1 per row, so no position goes unused.
    """
    while True:
        a = np.zeros((n, n), dtype=np.int64)
        for j in range(n):
            a[rng.choice(n, size=2, replace=False), j] = 1
        if a.any(axis=1).all():
            return a


def teachable(trace: Trace) -> bool:
    """The rules of a sheet a class can work: every value within two digits; each
    column of A (where it is 0s and 1s) has two 1s, and no position is unused (a row
    of 0s); ReLU zeroes some cells but no whole row; no two rows of the output alike,
    nor two columns.
    """
    a = trace.tensor("A").array()
    if np.isin(a, (0, 1)).all() and not ((a.sum(axis=0) == 2).all() and a.any(axis=1).all()):
        return False
    return fits(trace) and has_relu_zero(trace) and keeps_rows(trace) and apart(trace, "Y")


Ffn = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]


def _ffn(rng: Rng, z: npt.NDArray[np.float64] | npt.NDArray[np.int64]) -> Ffn | None:
    """W1, b1, W2 and b2 drawn until the FFN over ``z`` keeps the rules of
    :func:`teachable` (ReLU zeroes some cells, no whole row; the output's rows and
    columns apart), so a sheet is found one part at a time, not all at once.
    """
    for _ in range(300):
        w1, b1 = weights(rng, 4, 3), rng.integers(-1, 2, size=(4, 1))
        h = w1 @ z + b1
        r = np.maximum(h, 0)
        zeroed = int((h < 0).sum())
        if not 1 <= zeroed <= h.size // 2 or (r == 0).all(axis=1).any():
            continue
        w2, b2 = weights(rng, 3, 4), rng.integers(-1, 2, size=(3, 1))
        y = np.round(w2 @ r + b2, 2)
        if len(np.unique(y, axis=0)) == len(y) and len(np.unique(y, axis=1).T) == y.shape[1]:
            return w1, b1, w2, b2
    return None


def _new_transformer(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 8, size=(3, 5))
    x[rng.random((3, 5)) < 0.3] = 0  # some zeros, as on the article's sheet
    a = _attention_pattern(rng, 5)
    ffn = _ffn(rng, x @ a)
    if ffn is None:
        return None
    trace = transformer(x, a, *ffn, lang=lang)
    return trace if teachable(trace) else None


def _new_transformer_qk(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 4, size=(3, 5))
    wq, wk = weights(rng, 4, 3), weights(rng, 4, 3)
    try:  # the attention first, with the seed's FFN, then an FFN that suits its Z
        z = transformer_qk(x, wq, wk, lang=lang).tensor("Z").array()
        ffn = _ffn(rng, z)
        if ffn is None:
            return None
        trace = transformer_qk(x, wq, wk, *ffn, lang=lang)
    except HandtfError:
        return None
    return trace if scores_small(trace) and teachable(trace) else None


EXERCISES = (
    Exercise(
        "transformer",
        "Deep Dive into Transformers by Hand: attention weighting, FFN 3→4, ReLU, FFN 4→3",
        transformer,
        _new_transformer,
    ),
    Exercise(
        "transformer-qk",
        "The transformer block with the QK module that makes A in front of it",
        transformer_qk,
        _new_transformer_qk,
    ),
)
