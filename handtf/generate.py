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
from functools import partial

import numpy as np

from handtf.errors import HandtfError, shown
from handtf.exercises import EXERCISES
from handtf.exercises.exercise import Maker, SheetMaker
from handtf.trace import Trace

_TRIES = 10_000

GENERATORS: dict[str, Maker] = {name: e.new for name, e in EXERCISES.items() if e.new is not None}


def generate(name: str, seed: int, lang: str = "en", count: int | None = None) -> Trace:
    """A fresh exercise shaped like ``name``, with numbers drawn from ``seed``; for a
    drill, ``count`` exercises on one sheet (five if not given).

    >>> generate("transformer", 7) == generate("transformer", 7)
    True
    >>> len(generate("dot-product", 7, count=25).steps)
    25
    """
    try:
        make = GENERATORS[name]
    except KeyError:
        known = ", ".join(sorted(GENERATORS))
        raise HandtfError(f"cannot make a new {shown(name)}; handtf makes new {known}") from None
    if count is not None:
        sheet = EXERCISES[name].sheet
        if sheet is None:
            drills = ", ".join(n for n, e in EXERCISES.items() if e.sheet is not None)
            raise HandtfError(f"--count is for the drills ({drills}); {name} makes one exercise at a time")
        make = partial(_counted, sheet, count)
    rng = np.random.default_rng(seed)
    for _ in range(_TRIES):
        trace = make(rng, lang)
        if trace is not None:
            return replace(trace, title=f"{trace.title} ({seed})")
    raise HandtfError(f"found no by-hand-friendly {name} for seed {seed}; try another --seed")  # pragma: no cover


def _counted(sheet: SheetMaker, count: int, rng: np.random.Generator, lang: str) -> Trace | None:
    """A drill's sheet of ``count`` exercises, drawn as a maker draws one exercise."""
    return sheet(rng, lang, count)
