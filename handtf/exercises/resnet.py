"""The residual network by hand, as the "ResNet" workbook's "small" sheet lays it
out: a batch of two inputs; hidden layer 1, ``A1 = ReLU(W1·X + b1)``; hidden layer 2,
``A2 = ReLU(X + f(X))`` with ``f(X) = W2·A1 + b2``, worked as the sheet does, with an
identity matrix beside W2, ``[I | W2]·[X; A1] + b2``, so the skip path is the
identity's 1s picking X's values; then ``Y = σ(W3·A2 + b3)``.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "resnet", "teachable"]

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.exercises.attention import title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, draw_layers, fits, live_relu
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "resnet.title": "Residual network by hand",
        "step.resnet-layer-1": "Hidden layer 1: Z1 = W1·X + b1",
        "step.resnet-relu-1": "Hidden layer 1: A1 = ReLU(Z1)",
        "step.resnet-skip": "The skip path: X on top of A1",
        "step.resnet-identity": "The identity beside W2",
        "step.resnet-layer-2": "Hidden layer 2: X + f(X) = I·X + W2·A1 + b2",
        "step.resnet-relu-2": "Hidden layer 2: A2 = ReLU(X + f(X))",
        "step.resnet-output": "Output layer: W3·A2 + b3",
        "step.resnet-sigmoid": "Output layer: Y = σ(Z3)",
        "note.resnet-skip": "The identity's 1s copy X into the sum: the block adds its input to what it learns",
        "takeaway.resnet-skip": "The skip path adds X to f(X): the block only has to learn what to change",
        "takeaway.resnet-identity": "By hand, the skip is an identity matrix beside the weights",
    },
    {
        "resnet.title": "손으로 푸는 잔차 신경망",
        "step.resnet-layer-1": "은닉층 1: Z1 = W1·X + b1",
        "step.resnet-relu-1": "은닉층 1: A1 = ReLU(Z1)",
        "step.resnet-skip": "건너뛰는 길: A1 위에 X",
        "step.resnet-identity": "W2 옆에 단위 행렬",
        "step.resnet-layer-2": "은닉층 2: X + f(X) = I·X + W2·A1 + b2",
        "step.resnet-relu-2": "은닉층 2: A2 = ReLU(X + f(X))",
        "step.resnet-output": "출력층: W3·A2 + b3",
        "step.resnet-sigmoid": "출력층: Y = σ(Z3)",
        "note.resnet-skip": "단위 행렬의 1이 X를 합에 복사합니다: 블록은 입력에 배운 것을 더합니다",
        "takeaway.resnet-skip": "건너뛰는 길은 f(X)에 X를 더합니다: 블록은 바꿀 것만 배우면 됩니다",
        "takeaway.resnet-identity": "손으로는, 건너뛰는 길이 가중치 옆의 단위 행렬입니다",
    },
)

# The "small" sheet's shape: 4 features x a batch of 2; Linear(4,3) and ReLU; X plus
# Linear(3,4), and ReLU; Linear(4,1) and a sigmoid.  Numbers of handtf's own.
RESNET_X = [[1, 2], [0, 1], [2, 0], [1, 1]]
RESNET_W1 = [[1, 0, -1, 1], [0, 1, 1, 0], [-1, 1, 0, 1]]
RESNET_B1 = [[-1], [-1], [1]]
RESNET_W2 = [[0, 1, -1], [1, 0, 0], [-1, 0, 1], [0, -1, 0]]
RESNET_B2 = [[0], [-1], [1], [0]]
RESNET_W3 = [[1, -1, 0, -1]]
RESNET_B3 = [[1]]


def resnet(
    x: npt.ArrayLike = RESNET_X,
    w1: npt.ArrayLike = RESNET_W1,
    b1: npt.ArrayLike = RESNET_B1,
    w2: npt.ArrayLike = RESNET_W2,
    b2: npt.ArrayLike = RESNET_B2,
    w3: npt.ArrayLike = RESNET_W3,
    b3: npt.ArrayLike = RESNET_B3,
    lang: str = "en",
) -> Trace:
    """The ResNet block by hand.

    >>> trace = resnet()
    >>> x, a1 = trace.tensor("X").array(), trace.tensor("A1").array()
    >>> f = np.asarray(RESNET_W2) @ a1 + np.asarray(RESNET_B2)
    >>> bool((trace.tensor("Z2").array() == x + f).all())
    True
    """
    chain = Chain(say(lang, "resnet.title"), lang)
    batch = [f"x{j + 1}" for j in range(np.shape(x)[1])] if np.ndim(x) == 2 else None  # else Chain says why
    x_ = chain.given("X", "input", x, col_labels=batch)
    w1_, b1_ = chain.given("W1", "weight", w1), chain.given("b1", "bias", b1)
    z1 = chain.linear("layer-1", title(lang, 1, "resnet-layer-1"), w1_, b1_, x_, "Z1")
    a1 = chain.relu("relu-1", title(lang, 2, "resnet-relu-1"), z1, "A1")
    stacked = chain.apply("stack", "skip", title(lang, 3, "resnet-skip"), (x_, a1), "XA")
    size = int(np.shape(x)[0])
    identity, w2_ = chain.given("I", "weight", np.eye(size, dtype=int)), chain.given("W2", "weight", w2)
    w = chain.apply("concat", "identity", title(lang, 4, "resnet-identity"), (identity, w2_), "W")
    b2_ = chain.given("b2", "bias", b2)
    z2 = chain.apply(
        "linear",
        "layer-2",
        title(lang, 5, "resnet-layer-2"),
        (w, b2_, stacked),
        "Z2",
        note=say(lang, "note.resnet-skip"),
    )
    a2 = chain.relu("relu-2", title(lang, 6, "resnet-relu-2"), z2, "A2")
    w3_, b3_ = chain.given("W3", "weight", w3), chain.given("b3", "bias", b3)
    z3 = chain.linear("output", title(lang, 7, "resnet-output"), w3_, b3_, a2, "Z3")
    chain.apply("sigmoid", "sigmoid", title(lang, 8, "resnet-sigmoid"), (z3,), "Y", "output")
    return chain.trace(takeaways=(say(lang, "takeaway.resnet-skip"), say(lang, "takeaway.resnet-identity")))


def teachable(trace: Trace) -> bool:
    """The rules of a sheet a class can work: every value within two digits; no
    feature 0 in both inputs; each ReLU zeroes some cell but no neuron's whole row;
    f(X) changes X, and no two rows of A2 alike; the output's logits within ±3, so σ
    reads as 0.05 to 0.95, and the two inputs apart.
    """
    x = trace.tensor("X").array()
    if not fits(trace) or (x == 0).all(axis=1).any():
        return False
    for z in ("Z1", "Z2"):
        acts = live_relu(trace.tensor(z).array())
        if acts is None or len({tuple(r) for r in acts}) < len(acts):
            return False
    if np.array_equal(trace.tensor("Z2").array(), x):
        return False
    logits = trace.tensor("Z3").array()
    return bool(np.abs(logits).max() <= 3 and logits[0, 0] != logits[0, 1])


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 3, size=(4, 2))

    def skip(z: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
        """Hidden layer 2 adds X: ReLU's rules on X + f(X), which must change X."""
        a2 = live_relu(x + z)
        return a2 if a2 is not None and z.any() and len({tuple(r) for r in a2}) == len(a2) else None

    def logits(z: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
        return z if np.abs(z).max() <= 3 and z[0, 0] != z[0, 1] else None

    drawn = draw_layers(rng, x, ((3, live_relu), (4, skip), (1, logits)))
    if drawn is None:
        return None
    (w1, b1), (w2, b2), (w3, b3) = drawn
    trace = resnet(x, w1, b1, w2, b2, w3, b3, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "resnet",
        "Residual network, as the 'small' sheet: A2 = ReLU(X + W2·A1 + b2), the skip an identity beside W2",
        resnet,
        _new,
        group="networks",
    ),
)
