"""Multi-head attention by hand, as the "3 heads" sheet of the Multihead-Attention
workbook lays it out: per head, Q, K and V from X, Kᵀ·Q/√dk, the softmax by column
and Z = V·A; then the heads stacked, and the output projection Wo.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "multi_head_attention"]

from collections.abc import Sequence

import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import Names, attention, positions_labels, title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, apart, fits, scores_small, weights
from handtf.text import add_words, say
from handtf.trace import Tensor, Trace

add_words(
    {
        "multi-head-attention.title": "Multi-head attention by hand",
        "step.output-projection": "Output projection Wo",
        "takeaway.heads": "Each head compares positions in its own way, with its own Wq and Wk",
        "takeaway.projection": "Wo mixes the stacked heads back into the features of each position",
    },
    {
        "multi-head-attention.title": "손으로 푸는 멀티헤드 어텐션",
        "step.output-projection": "출력 투영 Wo",
        "takeaway.heads": "각 헤드는 자신의 Wq와 Wk로 위치를 저마다 다르게 비교합니다",
        "takeaway.projection": "Wo는 쌓은 헤드들을 다시 각 위치의 특성으로 섞습니다",
    },
)

# X is 4 features x 4 positions; each head has dk = dv = 2, so its scores are scaled
# by 1/√2, and the three heads stack into 6 rows that Wo projects back to 4.
MHA_X = [[1, 0, 2, 1], [0, 1, 1, 0], [1, 1, 0, 2], [0, 2, 1, 1]]
MHA_HEADS = (
    # (Wq, Wk, Wv) of each head
    ([[1, 0, 0, 0], [0, 0, 1, 0]], [[0, 1, 0, 0], [1, 0, 0, 0]], [[1, 0, 0, 0], [0, 1, 0, 0]]),
    ([[0, 1, 0, 0], [0, 0, 0, 1]], [[0, 0, 1, 0], [0, 1, 0, 0]], [[0, 0, 1, 0], [0, 0, 0, 1]]),
    ([[0, 0, 0, 1], [1, 0, 0, 0]], [[1, 0, 0, 0], [0, 0, 0, 1]], [[1, 1, 0, 0], [0, 0, 1, 1]]),
)
MHA_WO = [
    [1, 0, 0, 0, 1, 0],
    [0, 1, 0, 1, 0, 0],
    [0, 0, 1, 0, 0, 1],
    [1, 0, 0, 1, 0, -1],
]


def heads(
    chain: Chain, xs: Tensor, wqkv: Sequence[Sequence[npt.ArrayLike]], first: int, causal: bool = False
) -> tuple[list[Tensor], int]:
    """Every head's attention, numbered from ``first``: its A from the QK module, its
    V = Wv·X and its Z = V·A. Returns the Zs and the next step's number.
    """
    n, zs = first, []
    for h, wqkv_h in enumerate(wqkv, 1):
        wq, wk, wv = wqkv_h
        z, n = attention(chain, xs, (wq, wk, wv), n, Names(suffix=str(h), prefix=f"head-{h}-", head=h), causal)
        zs.append(z)
    return zs, n


def multi_head_attention(
    x: npt.ArrayLike = MHA_X,
    wqkv: Sequence[Sequence[npt.ArrayLike]] = MHA_HEADS,
    wo: npt.ArrayLike = MHA_WO,
    lang: str = "en",
) -> Trace:
    """Multi-head attention: each head's Z = V·softmax(Kᵀ·Q/√dk), the heads stacked,
    then the output projection Wo.

    >>> trace = multi_head_attention()
    >>> [s.title for s in trace.steps][-2:]
    ['[31] Stack the heads', '[32] Output projection Wo']
    >>> trace.tensor("H").shape, trace.tensor("O").shape
    ((6, 4), (4, 4))
    """
    chain = Chain(say(lang, "multi-head-attention.title"), lang)
    xs = chain.given("X", "input", x, row_labels=positions_labels(x))
    zs, n = heads(chain, xs, wqkv, 1)
    stacked = chain.apply("stack", "stack", title(lang, n, "stack"), zs, "H")
    chain.matmul(
        "output-projection",
        title(lang, n + 1, "output-projection"),
        chain.given("Wo", "weight", wo),
        stacked,
        "O",
        role="output",
    )
    return chain.trace(takeaways=(say(lang, "takeaway.heads"), say(lang, "takeaway.projection")))


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 3, size=(4, 4))
    wqkv = [tuple(weights(rng, 2, 4) for _ in range(3)) for _ in range(3)]
    try:
        trace = multi_head_attention(x, wqkv, weights(rng, 4, 6), lang=lang)
    except HandtfError:
        return None
    return trace if fits(trace) and scores_small(trace, ("S'1", "S'2", "S'3")) and apart(trace, "O") else None


EXERCISES = (
    Exercise(
        "multi-head-attention",
        "3 heads, as the '3 heads' sheet: each head's Q, K, V, softmax(Kᵀ·Q/√dk) and Z = V·A; "
        "the heads stacked; the output projection Wo",
        multi_head_attention,
        _new,
    ),
)
