"""Fresh exercises with by-hand-friendly numbers, one per seed.

A teacher gives each class a different sheet: ``handtf new transformer --seed 7``. The
numbers are small integers, the weights are -1, 0 or 1, every value worked out on the
way fits in two digits, and ReLU (where there is one) has at least one negative to
turn into 0. The same seed always gives the same exercise. Each exercise's module
says how its numbers are drawn (:attr:`handtf.exercises.Exercise.new`).
"""

from __future__ import annotations

__all__ = ["GENERATORS", "generate"]

from dataclasses import replace

import numpy as np

from handtf.errors import HandtfError, shown
from handtf.exercises import EXERCISES
from handtf.exercises.exercise import Maker
from handtf.trace import Trace

_TRIES = 10_000

GENERATORS: dict[str, Maker] = {name: e.new for name, e in EXERCISES.items() if e.new is not None}


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
