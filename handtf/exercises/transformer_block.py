"""A whole transformer block by hand: multi-head attention, add & norm, the FFN with
ReLU, add & norm, as the encoder of the Transformer-Full-Stack workbook.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "transformer_block"]

from collections.abc import Sequence

import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import positions_labels, title
from handtf.exercises.exercise import Exercise
from handtf.exercises.multi_head_attention import MHA_HEADS, MHA_WO, MHA_X, heads
from handtf.exercises.numbers import Rng, has_relu_zero, scores_small, weights
from handtf.kinds.layer_norm import PARTS, LayerNorm
from handtf.kinds.normalize import EPSILON
from handtf.text import add_words, say
from handtf.trace import Role, Tensor, Trace

add_words(
    {
        "transformer-block.title": "A transformer block by hand",
        "step.residual": "Add: the residual {x} + {y}",
        "step.layer-norm": "Layer norm: {part}",
        "part.mean": "mean",
        "part.deviation": "standard deviation",
        "part.normalize": "normalize",
        "part.scale-shift": "scale & shift",
        "takeaway.add-norm": "Add & norm keeps each position's own features and rescales them",
    },
    {
        "transformer-block.title": "손으로 푸는 트랜스포머 블록",
        "step.residual": "더하기: 잔차 {x} + {y}",
        "step.layer-norm": "레이어 정규화: {part}",
        "part.mean": "평균",
        "part.deviation": "표준편차",
        "part.normalize": "정규화",
        "part.scale-shift": "스케일 & 시프트",
        "takeaway.add-norm": "Add & norm은 각 위치의 특성을 그대로 더한 뒤 다시 맞춥니다",
    },
)

# The block's own numbers after the heads' (multi_head_attention's): γ and β of each
# layer norm, and an FFN 4 → 6 → 4.
BLOCK_GAMMA = ([[1], [2], [1], [2]], [[2], [1], [1], [1]])
BLOCK_BETA = ([[0], [1], [0], [-1]], [[1], [0], [0], [1]])
BLOCK_W1 = [[1, 0, 0, 1], [0, 1, -1, 0], [1, 1, 0, 0], [0, 0, 1, -1], [-1, 0, 1, 0], [0, 1, 0, 1]]
BLOCK_B1 = [[0], [1], [0], [0], [1], [-1]]
BLOCK_W2 = [[1, 0, 0, 1, 0, 0], [0, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 0], [1, 0, 0, 0, 0, 1]]
BLOCK_B2 = [[0], [0], [1], [0]]


def add_norm(
    chain: Chain, x: Tensor, y: Tensor, gamma: npt.ArrayLike, beta: npt.ArrayLike, first: int, k: int, out: str
) -> Tensor:
    """Add & norm, numbered from ``first``: the residual x + y, then layer norm in its
    four steps; ``k`` numbers the matrices (R1, μ1, σ1, N1, γ1, β1).
    """
    lang = chain.lang
    r = chain.add(f"residual-{k}", title(lang, first, "residual", x=x.name, y=y.name), x, y, f"R{k}")
    g, b = chain.given(f"γ{k}", "weight", gamma), chain.given(f"β{k}", "bias", beta)
    ids = tuple(f"layer-norm-{k}-{part}" for part in PARTS)
    titles = tuple(
        title(lang, first + 1 + n, "layer-norm", part=say(lang, f"part.{part}")) for n, part in enumerate(PARTS)
    )
    names = (f"μ{k}", f"σ{k}", f"N{k}", out)
    role: Role = "output" if out == "Y" else "hidden"
    return LayerNorm().steps(chain, ids, titles, (r, g, b), names, role, {"eps": EPSILON, "sample": True})


def transformer_block(
    x: npt.ArrayLike = MHA_X,
    wqkv: Sequence[Sequence[npt.ArrayLike]] = MHA_HEADS,
    wo: npt.ArrayLike = MHA_WO,
    gammas: Sequence[npt.ArrayLike] = BLOCK_GAMMA,
    betas: Sequence[npt.ArrayLike] = BLOCK_BETA,
    w1: npt.ArrayLike = BLOCK_W1,
    b1: npt.ArrayLike = BLOCK_B1,
    w2: npt.ArrayLike = BLOCK_W2,
    b2: npt.ArrayLike = BLOCK_B2,
    lang: str = "en",
) -> Trace:
    """Multi-head attention, add & norm, FFN with ReLU, add & norm.

    >>> trace = transformer_block()
    >>> [s.title for s in trace.steps][32:34]
    ['[33] Add: the residual X + O', '[34] Layer norm: mean']
    >>> trace.tensor("Y").shape
    (4, 4)
    """
    chain = Chain(say(lang, "transformer-block.title"), lang)
    xs = chain.given("X", "input", x, row_labels=positions_labels(x))
    zs, n = heads(chain, xs, wqkv, 1)
    stacked = chain.apply("stack", "stack", title(lang, n, "stack"), zs, "H")
    wos = chain.given("Wo", "weight", wo)
    o = chain.matmul("output-projection", title(lang, n + 1, "output-projection"), wos, stacked, "O")
    n += 2
    y1 = add_norm(chain, xs, o, gammas[0], betas[0], n, 1, "Y1")
    n += 5
    w1s, b1s = chain.given("W1", "weight", w1), chain.given("b1", "bias", b1)
    u = chain.linear("ffn-1", title(lang, n, "ffn-1"), w1s, b1s, y1, "U")
    f = chain.relu("relu", title(lang, n + 1, "relu"), u, "F")
    w2s, b2s = chain.given("W2", "weight", w2), chain.given("b2", "bias", b2)
    g = chain.linear("ffn-2", title(lang, n + 2, "ffn-2"), w2s, b2s, f, "G")
    add_norm(chain, y1, g, gammas[1], betas[1], n + 3, 2, "Y")
    return chain.trace(takeaways=(say(lang, "takeaway.both"), say(lang, "takeaway.add-norm")))


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 3, size=(4, 4))
    wqkv = [tuple(weights(rng, 2, 4) for _ in range(3)) for _ in range(3)]
    gammas = [rng.integers(1, 3, size=(4, 1)) for _ in range(2)]
    betas = [rng.integers(-1, 2, size=(4, 1)) for _ in range(2)]
    try:
        trace = transformer_block(
            x,
            wqkv,
            weights(rng, 4, 6),
            gammas,
            betas,
            weights(rng, 6, 4),
            rng.integers(-1, 2, size=(6, 1)),
            weights(rng, 4, 6),
            rng.integers(-1, 2, size=(4, 1)),
            lang=lang,
        )
    except HandtfError:
        return None
    friendly = scores_small(trace, ("S'1", "S'2", "S'3")) and has_relu_zero(trace, "F")
    return trace if friendly and all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row) else None


EXERCISES = (
    Exercise(
        "transformer-block",
        "Multi-head attention (3 heads), add & norm, the FFN with ReLU, add & norm",
        transformer_block,
        _new,
    ),
)
