"""Named walkthroughs and their default numbers."""

from __future__ import annotations

__all__ = ["EXERCISES", "Exercise", "exercise", "self_attention", "transformer", "transformer_qk"]

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError, shown
from handtf.text import say
from handtf.trace import Tensor, Trace, ordinal

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
    xs = chain.given("X", "input", x, row_labels=_positions_labels(x))
    att = chain.given("A", "attention", a)
    chain.show("attention-weights", _title(lang, 1, "attention-weights"), att, say(lang, "note.qk-skipped"))
    _block(chain, xs, att, w1, b1, w2, b2, 2)
    return chain.trace(takeaways=(say(lang, "takeaway.attention"), say(lang, "takeaway.ffn")))


def _block(
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
        "attention-weighting", _title(lang, first, "attention-weighting"), xs, att, "Z", explain_columns=explain
    )
    w1s, b1s = chain.given("W1", "weight", w1), chain.given("b1", "bias", b1)
    h = chain.linear("ffn-1", _title(lang, first + 1, "ffn-1"), w1s, b1s, z, "H")
    r = chain.relu("relu", _title(lang, first + 2, "relu"), h, "R")
    w2s, b2s = chain.given("W2", "weight", w2), chain.given("b2", "bias", b2)
    chain.linear("ffn-2", _title(lang, first + 3, "ffn-2"), w2s, b2s, r, "Y", role="output")


def _title(lang: str, number: int, key: str, **values: object) -> str:
    return f"[{number}] {say(lang, f'step.{key}', **values)}"


# Self-attention: X is 3 features x 4 positions; dk = 4, so the scores are scaled by
# 1/√4 = 0.5 and stay small enough for exp by hand.
QK_X = [[1, 0, 1, 0], [0, 1, 1, 0], [1, 1, 0, 1]]
QK_WQ = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
QK_WK = [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]
QK_WV = [[1, 0, 1], [0, 1, 0], [1, 1, 0]]
# The QK module in front of the seed block: weights that read the small features of
# the seed's X (its second and third rows), so the scores stay within ±6.
SEED_WQ = [[0, 1, -1], [0, 1, 0], [0, -1, -1], [0, 0, -1]]
SEED_WK = [[0, 0, 1], [0, -1, -1], [0, -1, 1], [0, 0, -1]]


def _attention_weights(chain: Chain, x: Tensor, wq: npt.ArrayLike, wk: npt.ArrayLike, first: int) -> Tensor:
    """The QK module, step by step from number ``first``: Q and K, Kᵀ, the scores
    Kᵀ·Q, scaled by 1/√dk, then softmax by column (exp, column sums, division) into A.
    """
    n, lang = first, chain.lang
    wqs = chain.given("Wq", "weight", wq)
    wks = chain.given("Wk", "weight", wk)
    q = chain.matmul("queries", _title(lang, n, "queries"), wqs, x, "Q")
    k = chain.matmul("keys", _title(lang, n + 1, "keys"), wks, x, "K")
    kt = chain.transpose("keys-transposed", _title(lang, n + 2, "keys-transposed"), k, "Kᵀ")
    scores = chain.matmul("scores", _title(lang, n + 3, "scores"), kt, q, "S")
    dk = k.shape[0]
    factor = f"1/√{dk}"
    scaled = chain.scale("scale", _title(lang, n + 4, "scale", factor=factor), scores, 1 / math.sqrt(dk), factor, "S'")
    titles = (_title(lang, n + 5, "exp"), _title(lang, n + 6, "column-sums"), _title(lang, n + 7, "divide"))
    return chain.softmax(("exp", "column-sums", "divide"), titles, scaled, ("E", "Σ", "A"), role="attention")


def self_attention(
    x: npt.ArrayLike = QK_X,
    wq: npt.ArrayLike = QK_WQ,
    wk: npt.ArrayLike = QK_WK,
    wv: npt.ArrayLike = QK_WV,
    lang: str = "en",
) -> Trace:
    """Self-attention by hand: Q, K and V from X, the attention matrix
    A = softmax(Kᵀ·Q / √dk) by column, then Z = V·A.

    >>> trace = self_attention()
    >>> [s.title for s in trace.steps][-1]
    '[10] Attention weighting'
    >>> trace.steps[5].ops[0].arithmetic
    'exp(0.50) = 1.65'
    """
    chain = Chain(say(lang, "self-attention.title"), lang)
    xs = chain.given("X", "input", x, row_labels=_positions_labels(x))
    a = _attention_weights(chain, xs, wq, wk, 1)
    wvs = chain.given("Wv", "weight", wv)
    v = chain.matmul("values", _title(lang, 9, "values"), wvs, xs, "V")
    chain.matmul("attention-weighting", _title(lang, 10, "attention-weighting"), v, a, "Z", role="output")
    return chain.trace(takeaways=(say(lang, "takeaway.compare"), say(lang, "takeaway.average")))


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
    xs = chain.given("X", "input", x, row_labels=_positions_labels(x))
    a = _attention_weights(chain, xs, wq, wk, 1)
    _block(chain, xs, a, w1, b1, w2, b2, 9, explain=False)  # A's weights are no longer 0s and 1s
    return chain.trace(takeaways=(say(lang, "takeaway.qk"), say(lang, "takeaway.both")))


def _positions_labels(x: npt.ArrayLike) -> list[str] | None:
    array = np.asarray(x)
    return [f"P{ordinal(i)}" for i in range(array.shape[0])] if array.ndim == 2 else None


@dataclass(frozen=True)
class Exercise:
    """A named walkthrough the command line can render."""

    name: str
    summary: str
    build: Callable[..., Trace]  # takes lang="en" or another of handtf.text.LANGS


EXERCISES: dict[str, Exercise] = {
    e.name: e
    for e in (
        Exercise(
            "transformer",
            "Deep Dive into Transformers by Hand: attention weighting, FFN 3→4, ReLU, FFN 4→3",
            transformer,
        ),
        Exercise(
            "self-attention",
            "Q, K, V from X; A = softmax(Kᵀ·Q/√dk) by column, with exp and division cell by cell; Z = V·A",
            self_attention,
        ),
        Exercise(
            "transformer-qk",
            "The transformer block with the QK module that makes A in front of it",
            transformer_qk,
        ),
    )
}


def exercise(name: str) -> Exercise:
    """Look up an exercise by name."""
    try:
        return EXERCISES[name]
    except KeyError:
        known = ", ".join(sorted(EXERCISES))
        raise HandtfError(f"unknown exercise {shown(name)}; choose one of: {known} (see `handtf list`)") from None
