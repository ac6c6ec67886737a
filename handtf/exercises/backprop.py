"""Backpropagation by hand, as the "Backpropgation" workbook lays it out: a batch of two
inputs forward through two hidden layers of Linear and ReLU and an output layer with a
softmax; the loss gradient ``P − Y``; then back through each layer, the weights'
gradient ``∂W = G·Aᵀ`` (the outer product of the gradient and the layer's input,
summed over the batch), the bias's ``∂b``, the gradient passed down ``Wᵀ·G`` and
ReLU's slope as a mask; and last the update ``W − η·∂W``.

The page is a table with a row per layer: going forward, the staircase runs down the
left; going back, each layer's gradients are written in its own row, right of its
forward values, so the backward pass climbs back up the page from the loss, and a
reader sees, across each row, the Z, A and W that the gradients reuse.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "backprop", "teachable"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, draw_layers, fits, live_relu
from handtf.text import add_words, say
from handtf.trace import Tensor, Trace

add_words(
    {
        "backprop.title": "Backpropagation by hand",
        "part.bp-forward": "Forward, layer {layer}",
        "part.bp-output": "Forward, output layer",
        "part.bp-back": "Back, layer {layer}",
        "part.bp-update": "Update, layer {layer}",
        "step.bp-linear": "Z{n} = W{n}·A{previous} + b{n}",
        "step.bp-first": "Z1 = W1·X + b1",
        "step.bp-relu": "A{n} = ReLU(Z{n})",
        "step.bp-softmax": "P = softmax(Z{n})",
        "step.bp-loss": "the loss gradient G{n} = P − Y",
        "step.bp-weights": "∂W{n} = G{n}·{input}ᵀ",
        "step.bp-bias": "∂b{n} = G{n} summed over the batch",
        "step.bp-down": "passed down, D{previous} = W{n}ᵀ·G{n}",
        "step.bp-mask": "ReLU's slope, the mask M{n}",
        "step.bp-masked": "G{n} = M{n} ⊙ D{n}",
        "step.bp-update-w": "W{n}' = W{n} − η·∂W{n}",
        "step.bp-update-b": "b{n}' = b{n} − η·∂b{n}",
        "takeaway.bp-back": "Each gradient reuses the forward pass: ∂W needs the layer's input, Wᵀ·G its weights",
        "takeaway.bp-relu": "ReLU passes a gradient back only where it passed its input forward",
    },
    {
        "backprop.title": "손으로 푸는 역전파",
        "part.bp-forward": "순전파, 층 {layer}",
        "part.bp-output": "순전파, 출력층",
        "part.bp-back": "역전파, 층 {layer}",
        "part.bp-update": "갱신, 층 {layer}",
        "step.bp-linear": "Z{n} = W{n}·A{previous} + b{n}",
        "step.bp-first": "Z1 = W1·X + b1",
        "step.bp-relu": "A{n} = ReLU(Z{n})",
        "step.bp-softmax": "P = 소프트맥스(Z{n})",
        "step.bp-loss": "손실의 기울기 G{n} = P − Y",
        "step.bp-weights": "∂W{n} = G{n}·{input}ᵀ",
        "step.bp-bias": "∂b{n} = 배치에 걸친 G{n}의 합",
        "step.bp-down": "아래로 전하기, D{previous} = W{n}ᵀ·G{n}",
        "step.bp-mask": "ReLU의 기울기, 마스크 M{n}",
        "step.bp-masked": "G{n} = M{n} ⊙ D{n}",
        "step.bp-update-w": "W{n}' = W{n} − η·∂W{n}",
        "step.bp-update-b": "b{n}' = b{n} − η·∂b{n}",
        "takeaway.bp-back": "각 기울기는 순전파를 다시 씁니다: ∂W는 층의 입력을, Wᵀ·G는 가중치를",
        "takeaway.bp-relu": "ReLU는 입력을 앞으로 보낸 곳으로만 기울기를 돌려보냅니다",
    },
)

# The sheet's shape: 4 features x a batch of 2; Linear(4,3) and ReLU, Linear(3,4) and
# ReLU, Linear(4,3) and a softmax over 3 classes; Y the one-hot targets.  Numbers of
# handtf's own.
BP_X = [[1, 2], [0, 1], [2, 0], [1, 1]]
BP_W = (
    [[1, 0, -1, 1], [0, 1, 1, 0], [1, -1, 0, 0]],
    [[1, 0, -1], [0, 1, 0], [-1, 1, 1], [1, 0, 0]],
    [[0, 1, -1, 0], [1, 0, 0, -1], [0, -1, 1, 1]],
)
BP_B = ([[-1], [0], [0]], [[0], [0], [-1], [-1]], [[0], [1], [-1]])
BP_Y = [[1, 0], [0, 0], [0, 1]]
BP_LR = 0.1


def backprop(
    x: npt.ArrayLike = BP_X,
    w: Sequence[npt.ArrayLike] = BP_W,
    b: Sequence[npt.ArrayLike] = BP_B,
    y: npt.ArrayLike = BP_Y,
    lr: float = BP_LR,
    lang: str = "en",
) -> Trace:
    """One step of training by hand: ``w`` and ``b`` hold the three layers' weights and
    biases, ``y`` the one-hot targets (a column per example), ``lr`` the learning rate.

    >>> trace = backprop()
    >>> [s.kind for s in trace.steps][8:14]
    ['subtract', 'weight_gradient', 'row_sums', 'input_gradient', 'relu_derivative', 'multiply']
    >>> trace.tensor("∂W3").shape, trace.tensor("D2").shape
    ((3, 4), (4, 2))
    """
    if len(w) != 3 or len(b) != 3:
        raise HandtfError(f"give the weights and biases of 3 layers, not {len(w)} and {len(b)}")
    chain = Chain(say(lang, "backprop.title"), lang)
    batch = [f"x{j + 1}" for j in range(np.shape(x)[1])] if np.ndim(x) == 2 else None  # else Chain says why
    inputs: list[Tensor] = [chain.given("X", "input", x, col_labels=batch)]
    zs, layers, number = [], [], 1
    for n, (wn, bn) in enumerate(zip(w, b, strict=True), start=1):
        ws, bs = chain.given(f"W{n}", "weight", wn), chain.given(f"b{n}", "bias", bn)
        layers.append((ws, bs))
        last = n == len(w)
        part = say(lang, "part.bp-output" if last else "part.bp-forward", layer=n)
        step = title(lang, number, "bp-first" if n == 1 else "bp-linear", part, n=n, previous=n - 1)
        z = chain.linear(f"forward-{n}", step, ws, bs, inputs[-1], f"Z{n}")
        zs.append(z)
        if last:
            whole = title(lang, number + 1, "bp-softmax", part, n=n)
            titles = tuple(say(lang, f"softmax.{p}", title=whole) for p in ("exp", "sums", "divide"))
            ids = tuple(f"softmax-{p}" for p in ("exp", "sums", "divide"))
            chain.softmax(ids, titles, z, (f"E{n}", f"Σ{n}", "P"))  # type: ignore[arg-type]
        else:
            inputs.append(chain.relu(f"relu-{n}", title(lang, number + 1, "bp-relu", part, n=n), z, f"A{n}"))
        number += 2
    targets = chain.given("Y", "input", y)
    top = len(layers)
    part = say(lang, "part.bp-back", layer=top)
    g = chain.apply(
        "subtract", "loss", title(lang, number, "bp-loss", part, n=top), (chain.tensor("P"), targets), f"G{top}"
    )
    number += 1
    gradients = {}
    for n in range(top, 0, -1):
        ws, bs = layers[n - 1]
        a = inputs[n - 1]
        part = say(lang, "part.bp-back", layer=n)
        words = {"n": n, "previous": n - 1, "input": a.name}
        dw = chain.apply(
            "weight_gradient", f"weights-{n}", title(lang, number, "bp-weights", part, **words), (g, a), f"∂W{n}"
        )
        db = chain.apply("row_sums", f"bias-{n}", title(lang, number + 1, "bp-bias", part, **words), (g,), f"∂b{n}")
        gradients[n] = (dw, db)
        number += 2
        if n == 1:
            break
        d = chain.apply(
            "input_gradient", f"down-{n}", title(lang, number, "bp-down", part, **words), (ws, g), f"D{n - 1}"
        )
        below = say(lang, "part.bp-back", layer=n - 1)
        m = chain.apply(
            "relu_derivative",
            f"mask-{n - 1}",
            title(lang, number + 1, "bp-mask", below, n=n - 1),
            (zs[n - 2],),
            f"M{n - 1}",
            alpha=0,
        )
        g = chain.apply(
            "multiply", f"masked-{n - 1}", title(lang, number + 2, "bp-masked", below, n=n - 1), (m, d), f"G{n - 1}"
        )
        number += 3
    for n in range(top, 0, -1):
        ws, bs = layers[n - 1]
        dw, db = gradients[n]
        part = say(lang, "part.bp-update", layer=n)
        chain.apply(
            "update", f"update-w{n}", title(lang, number, "bp-update-w", part, n=n), (ws, dw), f"W{n}'", "output", lr=lr
        )
        chain.apply(
            "update",
            f"update-b{n}",
            title(lang, number + 1, "bp-update-b", part, n=n),
            (bs, db),
            f"b{n}'",
            "output",
            lr=lr,
        )
        number += 2
    return chain.trace(takeaways=(say(lang, "takeaway.bp-back"), say(lang, "takeaway.bp-relu")))


def teachable(trace: Trace) -> bool:
    """The rules of a sheet a class can work: every value within two digits; no
    feature 0 in both inputs; each ReLU zeroes some cell but no neuron's whole row,
    so the mask has 0s to stop a gradient and 1s to pass one; the logits within ±3,
    so the softmax reads; each example's target a one-hot column.
    """
    x, y = trace.tensor("X").array(), trace.tensor("Y").array()
    if not fits(trace) or (x == 0).all(axis=1).any():
        return False
    if not ((y.sum(axis=0) == 1).all() and np.isin(y, (0, 1)).all()):
        return False
    if any(live_relu(trace.tensor(f"Z{n}").array()) is None for n in (1, 2)):
        return False
    return bool(np.abs(trace.tensor("Z3").array()).max() <= 3)


def _logits(z: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
    return z if np.abs(z).max() <= 3 else None


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 3, size=(4, 2))
    if (x == 0).all(axis=1).any():
        return None
    drawn = draw_layers(rng, x, ((3, live_relu), (4, live_relu), (3, _logits)))
    if drawn is None:
        return None
    y = np.zeros((3, 2), dtype=int)
    y[rng.integers(0, 3, size=2), [0, 1]] = 1
    trace = backprop(x, [w for w, _ in drawn], [b for _, b in drawn], y, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "backprop",
        "Backpropagation, as the sheet: forward through 2 hidden layers and a softmax, the loss gradient P − Y, "
        "back through each layer (∂W, ∂b, Wᵀ·G, ReLU's mask), and the update W − η·∂W",
        backprop,
        _new,
        group="networks",
    ),
)
