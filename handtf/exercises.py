"""Named walkthroughs and their default numbers."""

from __future__ import annotations

__all__ = ["EXERCISES", "Exercise", "exercise", "self_attention", "transformer", "transformer_qk"]

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.trace import Note, Tensor, Trace, ordinal

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
    n = first
    wqs = chain.given("Wq", "weight", wq)
    wks = chain.given("Wk", "weight", wk)
    q = chain.matmul("queries", f"[{n}] Queries", wqs, x, "Q")
    k = chain.matmul("keys", f"[{n + 1}] Keys", wks, x, "K")
    kt = chain.transpose("keys-transposed", f"[{n + 2}] Keys, transposed", k, "Kᵀ")
    scores = chain.matmul("scores", f"[{n + 3}] Scores", kt, q, "S")
    dk = k.shape[0]
    root = math.sqrt(dk)
    factor_text = f"1/√{dk}"
    scaled = chain.scale("scale", f"[{n + 4}] Scale by {factor_text}", scores, 1 / root, factor_text, "S'")
    return chain.softmax(
        ("exp", "column-sums", "divide"),
        (f"[{n + 5}] exp", f"[{n + 6}] Column sums", f"[{n + 7}] Divide: softmax by column"),
        scaled,
        ("E", "Σ", "A"),
        role="attention",
    )


def self_attention(
    x: npt.ArrayLike = QK_X, wq: npt.ArrayLike = QK_WQ, wk: npt.ArrayLike = QK_WK, wv: npt.ArrayLike = QK_WV
) -> Trace:
    """Self-attention by hand: Q, K and V from X, the attention matrix
    A = softmax(Kᵀ·Q / √dk) by column, then Z = V·A.

    >>> trace = self_attention()
    >>> [s.title for s in trace.steps][-1]
    '[10] Attention weighting'
    >>> trace.steps[5].ops[0].arithmetic
    'exp(0.50) = 1.65'
    """
    chain = Chain("Self-attention by hand")
    xs = chain.given("X", "input", x, row_labels=_positions_labels(x))
    a = _attention_weights(chain, xs, wq, wk, 1)
    wvs = chain.given("Wv", "weight", wv)
    v = chain.matmul("values", "[9] Values", wvs, xs, "V")
    chain.matmul("attention-weighting", "[10] Attention weighting", v, a, "Z", role="output")
    return chain.trace(
        takeaways=(
            "A compares every query with every key",
            "Each column of A adds up to 1: a weighted average of V",
        )
    )


def transformer_qk(
    x: npt.ArrayLike = SEED_X,
    wq: npt.ArrayLike = SEED_WQ,
    wk: npt.ArrayLike = SEED_WK,
    w1: npt.ArrayLike = SEED_W1,
    b1: npt.ArrayLike = SEED_B1,
    w2: npt.ArrayLike = SEED_W2,
    b2: npt.ArrayLike = SEED_B2,
) -> Trace:
    """The article's transformer block with the QK module that makes A in front."""
    chain = Chain("Transformer by hand, with QK")
    xs = chain.given("X", "input", x, row_labels=_positions_labels(x))
    a = _attention_weights(chain, xs, wq, wk, 1)
    z = chain.matmul("attention-weighting", "[9] Attention weighting", xs, a, "Z")
    h = chain.linear(
        "ffn-1", "[10] FFN: first layer", chain.given("W1", "weight", w1), chain.given("b1", "bias", b1), z, "H"
    )
    r = chain.relu("relu", "[11] ReLU", h, "R")
    w2s, b2s = chain.given("W2", "weight", w2), chain.given("b2", "bias", b2)
    chain.linear("ffn-2", "[12] FFN: second layer", w2s, b2s, r, "Y", role="output")
    return chain.trace(
        takeaways=(
            "QK decides how positions mix: A = softmax(Kᵀ·Q / √dk)",
            "Attention combines across positions; the FFN across dimensions",
        )
    )


def _positions_labels(x: npt.ArrayLike) -> list[str] | None:
    array = np.asarray(x)
    return [f"P{ordinal(i)}" for i in range(array.shape[0])] if array.ndim == 2 else None


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
        raise HandtfError(f"unknown exercise {name!r}; choose one of: {known} (see `handtf list`)") from None
