"""Fresh exercises with by-hand-friendly numbers, one per seed.

A teacher gives each class a different sheet: ``handtf new transformer --seed 7``. The
numbers are small integers, the weights are -1, 0 or 1, every value worked out on the
way fits in two digits, and ReLU (where there is one) has at least one negative to
turn into 0. The same seed always gives the same exercise.
"""

from __future__ import annotations

__all__ = ["GENERATORS", "generate"]

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.exercises import self_attention, transformer, transformer_qk
from handtf.kinds.relu import zeroed
from handtf.trace import Trace

_TRIES = 10_000
Rng = np.random.Generator


def _weights(rng: Rng, rows: int, cols: int) -> npt.NDArray[np.int64]:
    """-1, 0 or 1, with no row all 0 (a row of 0s teaches nothing)."""
    while True:
        w = rng.choice([-1, 0, 1], size=(rows, cols), p=[0.25, 0.4, 0.35])
        if np.all(np.abs(w).sum(axis=1) > 0):
            return w


def _attention_pattern(rng: Rng, n: int) -> npt.NDArray[np.int64]:
    """0s and 1s, one or two 1s per column, so each Z mixes one or two positions."""
    a = np.zeros((n, n), dtype=np.int64)
    for j in range(n):
        a[rng.choice(n, size=rng.integers(1, 3), replace=False), j] = 1
    return a


def _fits(trace: Trace, limit: float = 99) -> bool:
    """Every value on the sheet fits in two digits."""
    return all(abs(v) <= limit for t in trace.tensors for row in t.values for v in row)


def _has_relu_zero(trace: Trace) -> bool:
    """ReLU turns at least one value into 0, and keeps at least half of them."""
    relu = next(s for s in trace.steps if s.output == "R").ops
    return 1 <= zeroed(relu) <= len(relu) // 2


def _transformer(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 8, size=(3, 5))
    x[rng.random((3, 5)) < 0.3] = 0  # some zeros, as on the article's sheet
    trace = transformer(
        x,
        _attention_pattern(rng, 5),
        _weights(rng, 4, 3),
        rng.integers(-1, 2, size=(4, 1)),
        _weights(rng, 3, 4),
        rng.integers(-1, 2, size=(3, 1)),
        lang=lang,
    )
    return trace if _fits(trace) and _has_relu_zero(trace) else None


def _scores_small(trace: Trace) -> bool:
    """The scaled scores stay within ±3, so exp stays under 21."""
    return all(abs(v) <= 3 for row in trace.tensor("S'").values for v in row)


def _self_attention(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 3, size=(3, 4))
    try:
        trace = self_attention(x, _weights(rng, 4, 3), _weights(rng, 4, 3), _weights(rng, 3, 3), lang=lang)
    except HandtfError:  # a column summed to 0, or a score too large for exp
        return None
    return trace if _fits(trace) and _scores_small(trace) else None


def _transformer_qk(rng: Rng, lang: str) -> Trace | None:
    x = rng.integers(0, 4, size=(3, 5))
    try:
        trace = transformer_qk(
            x,
            _weights(rng, 4, 3),
            _weights(rng, 4, 3),
            _weights(rng, 4, 3),
            rng.integers(-1, 2, size=(4, 1)),
            _weights(rng, 3, 4),
            rng.integers(-1, 2, size=(3, 1)),
            lang=lang,
        )
    except HandtfError:
        return None
    return trace if _fits(trace) and _scores_small(trace) and _has_relu_zero(trace) else None


GENERATORS: dict[str, Callable[[Rng, str], Trace | None]] = {
    "transformer": _transformer,
    "self-attention": _self_attention,
    "transformer-qk": _transformer_qk,
}


def generate(name: str, seed: int, lang: str = "en") -> Trace:
    """A fresh exercise shaped like ``name``, with numbers drawn from ``seed``.

    >>> generate("transformer", 7) == generate("transformer", 7)
    True
    """
    try:
        make = GENERATORS[name]
    except KeyError:
        known = ", ".join(sorted(GENERATORS))
        raise HandtfError(f"cannot make a new {shown(name)}; handtf makes new {known}") from None
    rng = np.random.default_rng(seed)
    for _ in range(_TRIES):
        trace = make(rng, lang)
        if trace is not None:
            return replace(trace, title=f"{trace.title} ({seed})")
    raise HandtfError(f"found no by-hand-friendly {name} for seed {seed}; try another --seed")  # pragma: no cover
