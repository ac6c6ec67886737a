"""The recurrent neural network by hand, as the "RNN" workbook lays it out: four time
steps, each ``Fₜ = [Wx | Wh]·[Xₜ; Hₜ₋₁] + bh`` and ``Hₜ = tanh(Fₜ)``, time running
left to right, each hidden state carried into the next step; then the outputs
``Y = σ(Wy·[H1 H2 H3 H4] + by)``.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "rnn", "teachable", "time_steps"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, fits, weights
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "rnn.title": "Recurrent neural network by hand",
        "part.rnn-time": "Time {t}",
        "part.rnn-outputs": "Outputs",
        "step.rnn-weights": "Wx and Wh side by side",
        "step.rnn-input": "X{t} on top of H{previous}",
        "step.rnn-linear": "F{t} = Wx·X{t} + Wh·H{previous} + bh",
        "step.rnn-tanh": "H{t} = tanh(F{t})",
        "step.rnn-states": "the hidden states side by side",
        "step.rnn-output": "O = Wy·H + by",
        "step.rnn-sigmoid": "Y = σ(O)",
        "takeaway.rnn-memory": "Each hidden state is carried into the next time step: the network remembers",
        "takeaway.rnn-same": "Every time step uses the same weights Wx, Wh and bh",
    },
    {
        "rnn.title": "손으로 푸는 순환 신경망",
        "part.rnn-time": "시점 {t}",
        "part.rnn-outputs": "출력",
        "step.rnn-weights": "Wx와 Wh를 나란히",
        "step.rnn-input": "X{t} 아래에 H{previous}",
        "step.rnn-linear": "F{t} = Wx·X{t} + Wh·H{previous} + bh",
        "step.rnn-tanh": "H{t} = tanh(F{t})",
        "step.rnn-states": "은닉 상태를 나란히",
        "step.rnn-output": "O = Wy·H + by",
        "step.rnn-sigmoid": "Y = σ(O)",
        "takeaway.rnn-memory": "각 은닉 상태는 다음 시점으로 넘어갑니다: 신경망이 기억합니다",
        "takeaway.rnn-same": "모든 시점이 같은 가중치 Wx, Wh, bh를 씁니다",
    },
)

# The sheet's shape: inputs of 4 features over 4 time steps, a hidden state of 3, one
# output per step.  Numbers of handtf's own.
RNN_X = [[1, 0, 1, 1], [0, 1, 1, 0], [1, 1, 0, -1], [0, 1, 0, 1]]  # one column per time step
RNN_WX = [[1, 0, -1, 0], [0, 1, 0, 1], [1, 0, 0, -1]]
RNN_WH = [[1, 0, 0], [0, -1, 1], [0, 1, 0]]
RNN_BH = [[0], [-1], [1]]
RNN_WY = [[1, -1, 1]]
RNN_BY = [[0]]


def rnn(
    x: npt.ArrayLike = RNN_X,
    wx: npt.ArrayLike = RNN_WX,
    wh: npt.ArrayLike = RNN_WH,
    bh: npt.ArrayLike = RNN_BH,
    wy: npt.ArrayLike = RNN_WY,
    by: npt.ArrayLike = RNN_BY,
    h0: npt.ArrayLike | None = None,
    lang: str = "en",
) -> Trace:
    """The RNN by hand: ``x`` holds one input column per time step; ``h0`` is the
    hidden state before the first (0s if not given).

    >>> trace = rnn()
    >>> [s.title for s in trace.steps][1:4]
    ['[2] Time 1: X1 on top of H0', '[3] Time 1: F1 = Wx·X1 + Wh·H0 + bh', '[4] Time 1: H1 = tanh(F1)']
    >>> trace.tensor("Y").shape
    (1, 4)
    """
    columns = time_steps(x)
    chain = Chain(say(lang, "rnn.title"), lang)
    inputs = [chain.given(f"X{t}", "input", column) for t, column in enumerate(columns, start=1)]
    if h0 is None:  # as the sheet starts: H0 = 0, as tall as Wh (whose own check comes later)
        h0 = np.zeros((np.shape(wh)[0] if np.ndim(wh) == 2 else 1, 1))
    h = chain.given("H0", "hidden", h0)
    w = chain.apply(
        "concat",
        "weights",
        title(lang, 1, "rnn-weights"),
        (chain.given("Wx", "weight", wx), chain.given("Wh", "weight", wh)),
        "W",
        "hidden",
    )
    b = chain.given("bh", "bias", bh)
    states = []
    for t, xt in enumerate(inputs, start=1):
        part, n = say(lang, "part.rnn-time", t=t), 3 * t - 1
        words = {"t": t, "previous": t - 1}
        s = chain.apply("stack", f"input-{t}", title(lang, n, "rnn-input", part, **words), (xt, h), f"XH{t}", "hidden")
        f = chain.linear(f"linear-{t}", title(lang, n + 1, "rnn-linear", part, **words), w, b, s, f"F{t}")
        h = chain.apply("tanh", f"tanh-{t}", title(lang, n + 2, "rnn-tanh", part, **words), (f,), f"H{t}", "hidden")
        states.append(h)
    part, n = say(lang, "part.rnn-outputs"), 3 * len(inputs) + 2
    hs = chain.apply("concat", "states", title(lang, n, "rnn-states", part), tuple(states), "H", "hidden")
    wy_, by_ = chain.given("Wy", "weight", wy), chain.given("by", "bias", by)
    o = chain.linear("output", title(lang, n + 1, "rnn-output", part), wy_, by_, hs, "O")
    chain.apply("sigmoid", "sigmoid", title(lang, n + 2, "rnn-sigmoid", part), (o,), "Y", "output")
    return chain.trace(takeaways=(say(lang, "takeaway.rnn-memory"), say(lang, "takeaway.rnn-same")))


def time_steps(x: npt.ArrayLike, network: str = "RNN") -> Sequence[npt.NDArray[np.float64]]:
    """The input's time steps, one column each (the LSTM's too)."""
    array = np.asarray(x, dtype=float)
    if array.ndim != 2 or not 1 <= array.shape[1] <= 6:
        raise HandtfError(
            f"the {network}'s X is {'x'.join(map(str, array.shape)) or 'a number'}; give a matrix with one column "
            "per time step, 1 to 6 of them"
        )
    return [array[:, [t]] for t in range(array.shape[1])]


def teachable(trace: Trace) -> bool:
    """The rules of a sheet a class can work: every value within two digits; every
    input has a nonzero feature; each Fₜ within ±3, so tanh is not stuck at ±1, and
    not all 0; no two hidden states alike; the outputs within ±3 and not all equal.
    """
    if not fits(trace):
        return False
    steps = sum(1 for t in trace.tensors if t.name.startswith("F"))
    for t in range(1, steps + 1):
        f = trace.tensor(f"F{t}").array()
        if (trace.tensor(f"X{t}").array() == 0).all() or np.abs(f).max() > 3 or (f == 0).all():
            return False
    h = trace.tensor("H").array()
    if len({tuple(np.round(col, 2)) for col in h.T}) < h.shape[1]:
        return False
    o = trace.tensor("O").array()
    return bool(np.abs(o).max() <= 3 and len(set(np.round(o[0], 2))) > 1)


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(-1, 3, size=(4, 4))
    wx, wh = weights(rng, 3, 4), weights(rng, 3, 3)
    bh, wy, by = rng.integers(-1, 2, size=(3, 1)), weights(rng, 1, 3), rng.integers(-1, 2, size=(1, 1))
    trace = rnn(x, wx, wh, bh, wy, by, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "rnn",
        "Recurrent neural network, as the sheet: four time steps of tanh([Wx | Wh]·[Xt; Ht-1] + bh), a sigmoid output",
        rnn,
        _new,
        group="networks",
    ),
)
