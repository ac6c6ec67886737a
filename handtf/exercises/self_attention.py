"""Self-attention by hand, as the "Self-Attention" workbook lays it out: Q, K and V
from X, A = softmax(Kᵀ·Q/√dk) by column, then Z = V·A.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "masked_attention", "self_attention"]

import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import attention_weights, positions_labels, title
from handtf.exercises.exercise import Exercise, Maker
from handtf.exercises.numbers import Rng, apart, fits, scores_small, weights
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "masked-attention.title": "Masked self-attention by hand",
        "takeaway.causal": "With the mask, each position attends only to itself and the positions before it",
    },
    {
        "masked-attention.title": "손으로 푸는 마스크드 셀프 어텐션",
        "takeaway.causal": "마스크가 있으면 각 위치는 자신과 앞의 위치에만 어텐션합니다",
    },
)

# X is 3 features x 4 positions; dk = 4, so the scores are scaled by 1/√4 = 0.5 and
# stay small enough for exp by hand.
QK_X = [[1, 0, 1, 0], [0, 1, 1, 0], [1, 1, 0, 1]]
QK_WQ = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
QK_WK = [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]
QK_WV = [[1, 0, 1], [0, 1, 0], [1, 1, 0]]


def self_attention(
    x: npt.ArrayLike = QK_X,
    wq: npt.ArrayLike = QK_WQ,
    wk: npt.ArrayLike = QK_WK,
    wv: npt.ArrayLike = QK_WV,
    lang: str = "en",
    causal: bool = False,
) -> Trace:
    """Self-attention by hand: Q, K and V from X, the attention matrix
    A = softmax(Kᵀ·Q / √dk) by column, then Z = V·A.

    >>> trace = self_attention()
    >>> [s.title for s in trace.steps][-1]
    '[10] Attention weighting'
    >>> trace.steps[5].ops[0].arithmetic
    'exp(0.50) = 1.65'
    """
    chain = Chain(say(lang, "masked-attention.title" if causal else "self-attention.title"), lang)
    xs = chain.given("X", "input", x, row_labels=positions_labels(x))
    a = attention_weights(chain, xs, wq, wk, 1, causal=causal)
    n = 10 if causal else 9
    wvs = chain.given("Wv", "weight", wv)
    v = chain.matmul("values", title(lang, n, "values"), wvs, xs, "V")
    chain.matmul("attention-weighting", title(lang, n + 1, "attention-weighting"), v, a, "Z", role="output")
    first = "takeaway.causal" if causal else "takeaway.compare"
    return chain.trace(takeaways=(say(lang, first), say(lang, "takeaway.average")))


def masked_attention(
    x: npt.ArrayLike = QK_X,
    wq: npt.ArrayLike = QK_WQ,
    wk: npt.ArrayLike = QK_WK,
    wv: npt.ArrayLike = QK_WV,
    lang: str = "en",
) -> Trace:
    """Self-attention with the causal mask after the scaling: each position attends to
    itself and the positions before it only.

    >>> trace = masked_attention()
    >>> from handtf.written import format_number
    >>> trace.steps[5].title, format_number(trace.tensor("A").values[1][0])
    ('[6] Causal mask', '≈0')
    """
    return self_attention(x, wq, wk, wv, lang, causal=True)


def _maker(causal: bool) -> Maker:
    def new(rng: Rng, lang: str) -> Trace | None:
        x = rng.integers(0, 3, size=(3, 4))
        try:
            trace = self_attention(
                x, weights(rng, 4, 3), weights(rng, 4, 3), weights(rng, 3, 3), lang=lang, causal=causal
            )
        except HandtfError:  # a column summed to 0
            return None
        return trace if fits(trace) and scores_small(trace) and apart(trace, "Z") else None

    return new


EXERCISES = (
    Exercise(
        "self-attention",
        "Q, K, V from X; A = softmax(Kᵀ·Q/√dk) by column, with exp and division cell by cell; Z = V·A",
        self_attention,
        _maker(causal=False),
    ),
    Exercise(
        "masked-attention",
        "Self-attention with the causal mask: scores of later positions get -99, so exp gives ≈0",
        masked_attention,
        _maker(causal=True),
    ),
)
