"""The article's exercise, "Deep Dive into Transformers by Hand": attention weighting,
FFN, ReLU, FFN; and the same block with the QK module that makes A in front of it.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "block", "transformer", "transformer_qk"]

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import attention_weights, positions_labels, title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, fits, has_relu_zero, scores_small, weights
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
    """0s and 1s, one or two 1s per column, so each Z mixes one or two positions."""
    a = np.zeros((n, n), dtype=np.int64)
    for j in range(n):
        a[rng.choice(n, size=rng.integers(1, 3), replace=False), j] = 1
    return a


def _new_transformer(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 8, size=(3, 5))
    x[rng.random((3, 5)) < 0.3] = 0  # some zeros, as on the article's sheet
    trace = transformer(
        x,
        _attention_pattern(rng, 5),
        weights(rng, 4, 3),
        rng.integers(-1, 2, size=(4, 1)),
        weights(rng, 3, 4),
        rng.integers(-1, 2, size=(3, 1)),
        lang=lang,
    )
    return trace if fits(trace) and has_relu_zero(trace) else None


def _new_transformer_qk(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 4, size=(3, 5))
    try:
        trace = transformer_qk(
            x,
            weights(rng, 4, 3),
            weights(rng, 4, 3),
            weights(rng, 4, 3),
            rng.integers(-1, 2, size=(4, 1)),
            weights(rng, 3, 4),
            rng.integers(-1, 2, size=(3, 1)),
            lang=lang,
        )
    except HandtfError:
        return None
    return trace if fits(trace) and scores_small(trace) and has_relu_zero(trace) else None


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
