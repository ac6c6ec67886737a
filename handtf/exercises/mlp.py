"""The multi-layer perceptron by hand, as the "Multi-Layer Perceptron" workbook lays
it out: a batch of two inputs side by side, three hidden layers of Linear and ReLU,
and a sigmoid output, ``Y = σ(W4·A3 + b4)``.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "mlp", "teachable"]

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
        "mlp.title": "Multi-layer perceptron by hand",
        "step.mlp-linear": "Hidden layer {layer}: W{layer}·A{previous} + b{layer}",
        "step.mlp-first": "Hidden layer 1: W1·X + b1",
        "step.mlp-relu": "Hidden layer {layer}: ReLU",
        "step.mlp-output": "Output layer: W{layer}·A{previous} + b{layer}",
        "step.mlp-sigmoid": "Output layer: sigmoid",
        "takeaway.mlp-batch": "Both inputs of the batch go through the same weights, side by side, one column each",
        "takeaway.mlp-sigmoid": "The sigmoid turns each output into a number between 0 and 1",
    },
    {
        "mlp.title": "손으로 푸는 다층 퍼셉트론",
        "step.mlp-linear": "은닉층 {layer}: W{layer}·A{previous} + b{layer}",
        "step.mlp-first": "은닉층 1: W1·X + b1",
        "step.mlp-relu": "은닉층 {layer}: ReLU",
        "step.mlp-output": "출력층: W{layer}·A{previous} + b{layer}",
        "step.mlp-sigmoid": "출력층: 시그모이드",
        "takeaway.mlp-batch": "배치의 두 입력은 같은 가중치를 나란히, 한 열씩 지나갑니다",
        "takeaway.mlp-sigmoid": "시그모이드는 각 출력을 0과 1 사이의 수로 바꿉니다",
    },
)

# The sheet's shape: 4 features x a batch of 2; Linear(4,3), Linear(3,4), Linear(4,3),
# then Linear(3,1) and a sigmoid.  Numbers of handtf's own.
MLP_X = [[2, 1], [0, 1], [1, 1], [2, 0]]
MLP_W1 = [[1, -1, 0, 1], [0, 1, 0, -1], [1, 0, 0, 0]]
MLP_B1 = [[0], [0], [1]]
MLP_W2 = [[1, 0, 0], [1, 0, 1], [-1, 1, 0], [0, 1, 0]]
MLP_B2 = [[-1], [-1], [0], [1]]
MLP_W3 = [[-1, -1, 0, 1], [0, 1, 1, 0], [1, 0, 1, 0]]
MLP_B3 = [[1], [-1], [1]]
MLP_W4 = [[1, -1, 1]]
MLP_B4 = [[0]]


def mlp(
    x: npt.ArrayLike = MLP_X,
    w1: npt.ArrayLike = MLP_W1,
    b1: npt.ArrayLike = MLP_B1,
    w2: npt.ArrayLike = MLP_W2,
    b2: npt.ArrayLike = MLP_B2,
    w3: npt.ArrayLike = MLP_W3,
    b3: npt.ArrayLike = MLP_B3,
    w4: npt.ArrayLike = MLP_W4,
    b4: npt.ArrayLike = MLP_B4,
    lang: str = "en",
) -> Trace:
    """The MLP by hand: each layer ``Z = W·A + b`` with the row of 1s for the bias,
    ReLU after the hidden ones, and σ after the output.

    >>> trace = mlp()
    >>> [s.title for s in trace.steps][::7]
    ['[1] Hidden layer 1: W1·X + b1', '[8] Output layer: sigmoid']
    >>> trace.steps[-1].ops[0].arithmetic
    'σ(-1) = 1/(1+e^(1)) = 0.27'
    """
    chain = Chain(say(lang, "mlp.title"), lang)
    batch = [f"x{j + 1}" for j in range(np.shape(x)[1])] if np.ndim(x) == 2 else None  # else Chain says why
    a = chain.given("X", "input", x, col_labels=batch)
    layers = ((w1, b1), (w2, b2), (w3, b3), (w4, b4))
    for n, (w, b) in enumerate(layers, start=1):
        ws, bs = chain.given(f"W{n}", "weight", w), chain.given(f"b{n}", "bias", b)
        last = n == len(layers)
        key = "mlp-output" if last else "mlp-first" if n == 1 else "mlp-linear"
        z = chain.linear(f"layer-{n}", title(lang, 2 * n - 1, key, layer=n, previous=n - 1), ws, bs, a, f"Z{n}")
        if last:
            chain.apply("sigmoid", "sigmoid", title(lang, 2 * n, "mlp-sigmoid"), (z,), "Y", "output")
        else:
            a = chain.relu(f"relu-{n}", title(lang, 2 * n, "mlp-relu", layer=n), z, f"A{n}")
    return chain.trace(takeaways=(say(lang, "takeaway.mlp-batch"), say(lang, "takeaway.mlp-sigmoid")))


def teachable(trace: Trace) -> bool:
    """The rules of a sheet a class can work: every value within two digits; no
    feature 0 in both inputs; each ReLU zeroes at least one cell but no neuron's
    whole row; no two rows of a layer alike, and the batch's two columns apart; the
    output's logits within ±3, so σ stays readable.
    """
    x = trace.tensor("X").array()
    if not fits(trace) or (x == 0).all(axis=1).any():
        return False
    for n in (1, 2, 3):
        a = live_relu(trace.tensor(f"Z{n}").array())
        if a is None or len({tuple(row) for row in a}) < len(a) or np.array_equal(a[:, 0], a[:, 1]):
            return False
    logits = trace.tensor("Z4").array()
    return bool(np.abs(logits).max() <= 3 and logits[0, 0] != logits[0, 1])


def _hidden(z: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
    r = live_relu(z)
    return r if r is not None and len({tuple(v) for v in r}) == len(r) else None


def _output(z: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
    return z if np.abs(z).max() <= 3 and z[0, 0] != z[0, 1] else None


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 3, size=(4, 2))
    if (x == 0).all(axis=1).any() or np.array_equal(x[:, 0], x[:, 1]):
        return None  # a feature that is 0 in both inputs, or the same input twice
    drawn = draw_layers(rng, x, ((3, _hidden), (4, _hidden), (3, _hidden), (1, _output)))
    if drawn is None:
        return None
    (w1, b1), (w2, b2), (w3, b3), (w4, b4) = drawn
    trace = mlp(x, w1, b1, w2, b2, w3, b3, w4, b4, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "mlp",
        "Multi-layer perceptron, as the sheet: a batch of 2, three hidden layers with ReLU, a sigmoid output",
        mlp,
        _new,
        group="networks",
    ),
)
