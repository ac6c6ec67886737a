"""A whole transformer block by hand: multi-head attention, add & norm, the FFN with
ReLU, add & norm, as the encoder of the Transformer-Full-Stack workbook.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "add_norm", "ffn", "pause", "transformer_block"]

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
        "step.layer-norm": "Layer norm: {which}",
        "part.mean": "mean",
        "part.deviation": "standard deviation",
        "part.normalize": "normalize",
        "part.scale-shift": "scale & shift",
        "takeaway.add-norm": "Add & norm keeps each position's own features and rescales them",
        "overview.add-norm": "Next: add & norm",
        "overview.add-norm.note": "O is the heads' attention, projected back to 4 features; X is added back to it",
        "overview.ffn": "Next: the FFN",
        "overview.ffn.note": "Y1 is each position's features, added to and normalized; the FFN works each one",
    },
    {
        "transformer-block.title": "손으로 푸는 트랜스포머 블록",
        "step.residual": "더하기: 잔차 {x} + {y}",
        "step.layer-norm": "레이어 정규화: {which}",
        "part.mean": "평균",
        "part.deviation": "표준편차",
        "part.normalize": "정규화",
        "part.scale-shift": "스케일 & 시프트",
        "takeaway.add-norm": "Add & norm은 각 위치의 특성을 그대로 더한 뒤 다시 맞춥니다",
        "overview.add-norm": "다음: Add & norm",
        "overview.add-norm.note": "O는 헤드들의 어텐션을 다시 4개 특성으로 투영한 것입니다: 여기에 X를 다시 더합니다",
        "overview.ffn": "다음: FFN",
        "overview.ffn.note": "Y1은 더하고 정규화한 위치별 특성입니다: FFN이 위치마다 계산합니다",
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
    chain: Chain,
    x: Tensor,
    y: Tensor,
    gamma: npt.ArrayLike,
    beta: npt.ArrayLike,
    first: int,
    k: int,
    out: str,
    part: str | None = None,
) -> Tensor:
    """Add & norm, numbered from ``first``: the residual x + y, then layer norm in its
    four steps; ``k`` numbers the matrices (R1, μ1, σ1, N1, γ1, β1).
    """
    lang = chain.lang
    r = chain.add(f"residual-{k}", title(lang, first, "residual", part, x=x.name, y=y.name), x, y, f"R{k}")
    g, b = chain.given(f"γ{k}", "weight", gamma), chain.given(f"β{k}", "bias", beta)
    ids = tuple(f"layer-norm-{k}-{part}" for part in PARTS)
    titles = tuple(
        title(lang, first + 1 + n, "layer-norm", part, which=say(lang, f"part.{p}")) for n, p in enumerate(PARTS)
    )
    names = (f"μ{k}", f"σ{k}", f"N{k}", out)
    role: Role = "output" if out == "Y" else "hidden"
    return LayerNorm().steps(chain, ids, titles, (r, g, b), names, role, {"eps": EPSILON, "sample": True})


def ffn(
    chain: Chain,
    x: Tensor,
    layers: Sequence[npt.ArrayLike],
    first: int,
    k: str = "",
    weights_from: int = 1,
    part: str | None = None,
) -> Tensor:
    """The FFN from number ``first``: U = W1·x + b1, F = ReLU(U), G = W2·F + b2, its
    matrices named with ``k`` (U2) and its weights numbered from ``weights_from`` (W3).
    """
    lang, w = chain.lang, weights_from
    w1, b1, w2, b2 = layers
    w1s, b1s = chain.given(f"W{w}", "weight", w1), chain.given(f"b{w}", "bias", b1)
    u = chain.linear(f"ffn-1{k}", title(lang, first, "ffn-1", part), w1s, b1s, x, f"U{k}")
    f = chain.relu(f"relu{k}", title(lang, first + 1, "relu", part), u, f"F{k}")
    w2s, b2s = chain.given(f"W{w + 1}", "weight", w2), chain.given(f"b{w + 1}", "bias", b2)
    return chain.linear(f"ffn-2{k}", title(lang, first + 2, "ffn-2", part), w2s, b2s, f, f"G{k}")


def pause(chain: Chain, part: str, done: Tensor) -> None:
    """An overview before ``part``: the whole sheet so far, and what the part before made."""
    lang = chain.lang
    note = say(lang, f"overview.{part}.note")
    chain.apply("overview", f"overview-{part}", say(lang, f"overview.{part}"), (), done.name, note=note)


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
    >>> [s.title for s in trace.steps][32:35]
    ['Next: add & norm', '[33] Add: the residual X + O', '[34] Layer norm: mean']
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
    pause(chain, "add-norm", o)
    y1 = add_norm(chain, xs, o, gammas[0], betas[0], n, 1, "Y1")
    n += 5
    pause(chain, "ffn", y1)
    g = ffn(chain, y1, (w1, b1, w2, b2), n)
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
