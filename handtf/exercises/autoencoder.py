"""The autoencoder by hand, as the "Autoencoder" workbook's "small" sheet lays it out:
a batch of two inputs of 4 features; the encoder, Linear(4,3) and Linear(3,2), each
with ReLU, down to a code of 2; the decoder, Linear(2,3) and Linear(3,4), each with
ReLU, back up to Y; then the loss, the mean of the squared errors (Y − X)².
"""

from __future__ import annotations

__all__ = ["EXERCISES", "autoencoder", "teachable"]

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
        "autoencoder.title": "Autoencoder by hand",
        "part.ae-encoder": "Encoder layer {layer}",
        "part.ae-decoder": "Decoder layer {layer}",
        "step.ae-linear": "W{n}·A{previous} + b{n}",
        "step.ae-first": "W1·X + b1",
        "step.ae-errors": "Loss: the errors Y − X",
        "step.ae-squared": "Loss: the squared errors",
        "step.ae-mean": "Loss: the mean of the {count} squared errors, MSE",
        "note.ae-code": "The code: {size} numbers for the {features} features of each input",
        "takeaway.ae-squeeze": "The encoder squeezes each input into a short code; the decoder rebuilds it from that",
        "takeaway.ae-loss": "The loss, the mean squared error, says how far the rebuilt Y is from X",
    },
    {
        "autoencoder.title": "손으로 푸는 오토인코더",
        "part.ae-encoder": "인코더 층 {layer}",
        "part.ae-decoder": "디코더 층 {layer}",
        "step.ae-linear": "W{n}·A{previous} + b{n}",
        "step.ae-first": "W1·X + b1",
        "step.ae-errors": "손실: 오차 Y − X",
        "step.ae-squared": "손실: 오차의 제곱",
        "step.ae-mean": "손실: 오차 제곱 {count}개의 평균, MSE",
        "note.ae-code": "코드: 각 입력의 특징 {features}개를 수 {size}개로",
        "takeaway.ae-squeeze": "인코더는 각 입력을 짧은 코드로 줄이고, 디코더는 그 코드에서 입력을 다시 만듭니다",
        "takeaway.ae-loss": "손실인 평균 제곱 오차는 다시 만든 Y가 X에서 얼마나 먼지 말해 줍니다",
    },
)

# The "small" sheet's shape: 4 features x a batch of 2; 4 → 3 → 2 → 3 → 4, each with
# ReLU.  Numbers of handtf's own.
AE_X = [[2, 1], [0, 1], [1, 2], [1, 0]]
AE_W = (
    [[0, 0, 1, 0], [1, 0, -1, 1], [-1, 0, 1, 0]],
    [[0, 0, -1], [0, 0, 1]],
    [[1, 0], [0, 1], [1, -1]],
    [[-1, 1, 1], [0, -1, 1], [1, 1, -1], [0, 1, 0]],
)
AE_B = ([[0], [0], [1]], [[1], [1]], [[0], [0], [1]], [[-1], [1], [-1], [-1]])


def autoencoder(
    x: npt.ArrayLike = AE_X,
    w: tuple[npt.ArrayLike, ...] = AE_W,
    b: tuple[npt.ArrayLike, ...] = AE_B,
    lang: str = "en",
) -> Trace:
    """The autoencoder by hand: ``w`` and ``b`` hold the four layers' weights and
    biases, encoder first.

    >>> trace = autoencoder()
    >>> trace.tensor("A2").shape, trace.tensor("Y").shape
    ((2, 2), (4, 2))
    >>> trace.steps[-1].ops[0].arithmetic
    '(4 + 1 + 1 + 1 + 1 + 0 + 1 + 4) / 8 = 1.62'
    """
    chain = Chain(say(lang, "autoencoder.title"), lang)
    batch = [f"x{j + 1}" for j in range(np.shape(x)[1])] if np.ndim(x) == 2 else None  # else Chain says why
    a = x_ = chain.given("X", "input", x, col_labels=batch)
    number = 1
    for n, (wn, bn) in enumerate(zip(w, b, strict=True), start=1):
        layer = n if n <= 2 else n - 2
        part = say(lang, "part.ae-encoder" if n <= 2 else "part.ae-decoder", layer=layer)
        ws, bs = chain.given(f"W{n}", "weight", wn), chain.given(f"b{n}", "bias", bn)
        key = "ae-first" if n == 1 else "ae-linear"
        z = chain.linear(f"layer-{n}", title(lang, number, key, part, n=n, previous=n - 1), ws, bs, a, f"Z{n}")
        last = n == len(w)
        note = {"note": say(lang, "note.ae-code", size=z.shape[0], features=x_.shape[0])} if n == 2 else {}
        relu = title(lang, number + 1, "relu", part)
        a = chain.apply(
            "relu", f"relu-{n}", relu, (z,), "Y" if last else f"A{n}", "output" if last else "hidden", **note
        )
        number += 2
    errors = chain.apply("subtract", "errors", title(lang, number, "ae-errors"), (a, x_), "E")
    squared = chain.apply("multiply", "squared", title(lang, number + 1, "ae-squared"), (errors, errors), "E²")
    mean = title(lang, number + 2, "ae-mean", count=squared.shape[0] * squared.shape[1])
    chain.apply("mean_all", "mean", mean, (squared,), "MSE", "output")
    return chain.trace(takeaways=(say(lang, "takeaway.ae-squeeze"), say(lang, "takeaway.ae-loss")))


def teachable(trace: Trace) -> bool:
    """The rules of a sheet a class can work: every value within two digits; no
    feature 0 in both inputs; each hidden ReLU zeroes some cell but no neuron's whole
    row, and the output's none; each input's code not all 0, and the two apart; the sum of the
    squared errors under 100.
    """
    x = trace.tensor("X").array()
    if not fits(trace) or (x == 0).all(axis=1).any():
        return False
    if any(live_relu(trace.tensor(f"Z{n}").array()) is None for n in (1, 2, 3)):
        return False
    code, y = trace.tensor("A2").array(), trace.tensor("Y").array()
    if (y == 0).all(axis=1).any() or (code == 0).all(axis=0).any() or np.array_equal(code[:, 0], code[:, 1]):
        return False
    return bool(trace.tensor("E²").array().sum() < 100)


def _code(z: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
    """The code: ReLU's rules, and each input's code its own, not all 0."""
    r = live_relu(z)
    return r if r is not None and r.any(axis=0).all() and not np.array_equal(r[:, 0], r[:, 1]) else None


def _rebuilt(z: npt.NDArray[np.int64]) -> npt.NDArray[np.int64] | None:
    """The output: no feature's whole row 0."""
    r: npt.NDArray[np.int64] = np.maximum(z, 0)
    return None if (r == 0).all(axis=1).any() else r


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 3, size=(4, 2))
    if (x == 0).all(axis=1).any():
        return None
    drawn = draw_layers(rng, x, ((3, live_relu), (2, _code), (3, live_relu), (4, _rebuilt)))
    if drawn is None:
        return None
    trace = autoencoder(x, tuple(w for w, _ in drawn), tuple(b for _, b in drawn), lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "autoencoder",
        "Autoencoder, as the 'small' sheet: encode 4 → 3 → 2, decode 2 → 3 → 4, with ReLU; the loss, mean of (Y − X)²",
        autoencoder,
        _new,
        group="networks",
    ),
)
