"""The long short-term memory by hand, as the "LSTM" workbook's "small" sheet lays it
out: four time steps, each reading ``[Xₜ; Hₜ₋₁]`` (the input on top of the short-term
memory) through four gates, each ``W·[Xₜ; Hₜ₋₁] + b``: the forget gate (σ), the
candidate memory (tanh), the input gate (σ) and the output gate (σ). Then the
long-term memory is updated, ``Cₜ = Fₜ ⊙ Cₜ₋₁ + Iₜ ⊙ Gₜ``, and the new hidden state is
``Hₜ = Oₜ ⊙ tanh(Cₜ)``.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "GATES", "lstm", "teachable"]

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.exercises.attention import title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, fits, weights
from handtf.exercises.rnn import time_steps
from handtf.text import add_words, say
from handtf.trace import Tensor, Trace

add_words(
    {
        "lstm.title": "Long short-term memory by hand",
        "part.lstm-time": "Time {t}",
        "step.lstm-input": "X{t} on top of the short-term memory H{previous}",
        "step.lstm-forget": "forget gate: Wf·[X{t}; H{previous}] + bf",
        "step.lstm-candidate": "candidate memory: Wg·[X{t}; H{previous}] + bg",
        "step.lstm-input-gate": "input gate: Wi·[X{t}; H{previous}] + bi",
        "step.lstm-output": "output gate: Wo·[X{t}; H{previous}] + bo",
        "step.lstm-sigmoid": "{gate} = σ(Z{gate})",
        "step.lstm-tanh": "{gate} = tanh(Z{gate})",
        "step.lstm-update": "updated memory C{t} = F{t} ⊙ C{previous} + I{t} ⊙ G{t}",
        "step.lstm-squash": "tanh(C{t})",
        "step.lstm-hidden": "new hidden state H{t} = O{t} ⊙ tanh(C{t})",
        "takeaway.lstm-gates": (
            "The forget gate keeps some of the old memory; the input gate adds some of the candidate"
        ),
        "takeaway.lstm-output": "The output gate decides how much of the memory shows in the hidden state",
    },
    {
        "lstm.title": "손으로 푸는 LSTM",
        "part.lstm-time": "시점 {t}",
        "step.lstm-input": "X{t} 아래에 단기 기억 H{previous}",
        "step.lstm-forget": "망각 게이트: Wf·[X{t}; H{previous}] + bf",
        "step.lstm-candidate": "후보 기억: Wg·[X{t}; H{previous}] + bg",
        "step.lstm-input-gate": "입력 게이트: Wi·[X{t}; H{previous}] + bi",
        "step.lstm-output": "출력 게이트: Wo·[X{t}; H{previous}] + bo",
        "step.lstm-sigmoid": "{gate} = σ(Z{gate})",
        "step.lstm-tanh": "{gate} = tanh(Z{gate})",
        "step.lstm-update": "기억 갱신 C{t} = F{t} ⊙ C{previous} + I{t} ⊙ G{t}",
        "step.lstm-squash": "tanh(C{t})",
        "step.lstm-hidden": "새 은닉 상태 H{t} = O{t} ⊙ tanh(C{t})",
        "takeaway.lstm-gates": "망각 게이트는 옛 기억을 얼마나 남길지, 입력 게이트는 후보를 얼마나 더할지 정합니다",
        "takeaway.lstm-output": "출력 게이트는 기억이 은닉 상태에 얼마나 드러날지 정합니다",
    },
)

# The gates in the sheet's order: the letter that names each gate's matrices, the
# key of its step's words, and its function.
GATES = (
    ("F", "forget", "sigmoid"),
    ("G", "candidate", "tanh"),
    ("I", "input-gate", "sigmoid"),
    ("O", "output", "sigmoid"),
)
_STEPS_PER_TIME = 1 + 2 * len(GATES) + 3

# The "small" sheet's shape: inputs of 3 features over 4 time steps, a hidden state and
# a memory of 2.  Numbers of handtf's own.
LSTM_X = [[1, 0, 2, 1], [0, 1, 1, -1], [1, 1, 0, 0]]  # one column per time step
LSTM_W = {
    "F": [[1, 0, -1, 0, 1], [0, 1, 0, -1, 0]],
    "G": [[1, -1, 0, 1, 0], [0, 0, 1, 0, -1]],
    "I": [[0, 1, 1, 0, 0], [-1, 0, 0, 1, 1]],
    "O": [[1, 0, 0, 0, 1], [0, 1, -1, 1, 0]],
}
LSTM_B = {"F": [[0], [1]], "G": [[0], [0]], "I": [[-1], [0]], "O": [[0], [1]]}


def lstm(
    x: npt.ArrayLike = LSTM_X,
    w: Mapping[str, npt.ArrayLike] | None = None,
    b: Mapping[str, npt.ArrayLike] | None = None,
    h0: npt.ArrayLike | None = None,
    c0: npt.ArrayLike | None = None,
    lang: str = "en",
) -> Trace:
    """The LSTM by hand: ``x`` holds one input column per time step; ``w`` and ``b``
    give each gate's weights (over ``[Xₜ; Hₜ₋₁]``) and bias by its letter, F, G, I
    and O; ``h0`` and ``c0`` are the memories before the first step (0s if not given).

    >>> trace = lstm()
    >>> [s.title for s in trace.steps][:3]  # doctest: +NORMALIZE_WHITESPACE
    ['[1] Time 1: X1 on top of the short-term memory H0', '[2] Time 1: forget gate: Wf·[X1; H0] + bf',
     '[3] Time 1: F1 = σ(ZF1)']
    >>> trace.steps[9].ops[0].label
    'F1[1,1]·C0[1,1] + I1[1,1]·G1[1,1] = C1[1,1]'
    """
    weights_of, biases_of = w or LSTM_W, b or LSTM_B
    columns = time_steps(x, "LSTM")
    chain = Chain(say(lang, "lstm.title"), lang)
    inputs = [chain.given(f"X{t}", "input", column) for t, column in enumerate(columns, start=1)]
    size = _hidden_size(weights_of["F"])
    h = chain.given("H0", "hidden", h0 if h0 is not None else np.zeros((size, 1)))
    c = chain.given("C0", "hidden", c0 if c0 is not None else np.zeros((size, 1)))
    params = {
        g: (chain.given(f"W{g.lower()}", "weight", weights_of[g]), chain.given(f"b{g.lower()}", "bias", biases_of[g]))
        for g, _, _ in GATES
    }
    for t, xt in enumerate(inputs, start=1):
        part, n = say(lang, "part.lstm-time", t=t), _STEPS_PER_TIME * (t - 1) + 1
        words = {"t": t, "previous": t - 1}
        s = chain.apply("stack", f"input-{t}", title(lang, n, "lstm-input", part, **words), (xt, h), f"XH{t}", "hidden")
        gates: dict[str, Tensor] = {}
        for k, (g, key, function) in enumerate(GATES):
            wg, bg = params[g]
            z = chain.linear(
                f"{key}-{t}", title(lang, n + 1 + 2 * k, f"lstm-{key}", part, **words), wg, bg, s, f"Z{g}{t}"
            )
            step = title(
                lang, n + 2 + 2 * k, f"lstm-{'tanh' if function == 'tanh' else 'sigmoid'}", part, gate=f"{g}{t}"
            )
            gates[g] = chain.apply(function, f"{key}-{function}-{t}", step, (z,), f"{g}{t}", "hidden")
        n += 1 + 2 * len(GATES)
        update = title(lang, n, "lstm-update", part, **words)
        c = chain.apply(
            "cell_update", f"update-{t}", update, (gates["F"], c, gates["I"], gates["G"]), f"C{t}", "hidden"
        )
        squashed = chain.apply("tanh", f"squash-{t}", title(lang, n + 1, "lstm-squash", part, **words), (c,), f"T{t}")
        hidden = title(lang, n + 2, "lstm-hidden", part, **words)
        h = chain.apply("multiply", f"hidden-{t}", hidden, (gates["O"], squashed), f"H{t}", "output")
    return chain.trace(takeaways=(say(lang, "takeaway.lstm-gates"), say(lang, "takeaway.lstm-output")))


def _hidden_size(wf: npt.ArrayLike) -> int:
    """The size of the memories: as many as the forget gate's weights have rows."""
    return int(np.shape(wf)[0]) if np.ndim(wf) == 2 else 1  # else the chain says what is wrong with W_f


def teachable(trace: Trace) -> bool:
    """The rules of a sheet a class can work: every value within two digits; every
    input has a nonzero feature; every gate's weighted sum within ±3, so σ and tanh
    read between 0.05 and 0.95 (or -0.995 and 0.995), and not all 0; no two hidden
    states alike.
    """
    if not fits(trace):
        return False
    times = sum(1 for t in trace.tensors if t.name.startswith("XH"))
    hidden = []
    for t in range(1, times + 1):
        if not trace.tensor(f"X{t}").array().any():
            return False
        for g, _, _ in GATES:
            z = trace.tensor(f"Z{g}{t}").array()
            if np.abs(z).max() > 3 or not z.any():
                return False
        hidden.append(tuple(np.round(trace.tensor(f"H{t}").array()[:, 0], 2)))
    return len(set(hidden)) == len(hidden)


def _new(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(-1, 3, size=(3, 4))
    w = {g: weights(rng, 2, 5) for g, _, _ in GATES}
    b = {g: rng.integers(-1, 2, size=(2, 1)) for g, _, _ in GATES}
    trace = lstm(x, w, b, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "lstm",
        "Long short-term memory, as the 'small' sheet: four time steps of forget, candidate, input and output "
        "gates, the memory updated and the hidden state read out",
        lstm,
        _new,
        group="networks",
    ),
)
