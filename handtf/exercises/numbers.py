"""By-hand-friendly numbers for ``handtf new``: small weights, values that fit in two
digits, a ReLU that has something to zero, scores small enough for exp by hand.
"""

from __future__ import annotations

__all__ = [
    "Keep",
    "Rng",
    "apart",
    "draw_layers",
    "fits",
    "has_relu_zero",
    "keeps_rows",
    "live_relu",
    "scores_small",
    "weights",
]

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.kinds.relu import zeroed
from handtf.trace import Trace

Rng = np.random.Generator


def weights(rng: Rng, rows: int, cols: int) -> npt.NDArray[np.int64]:
    """-1, 0 or 1, with no row all 0 (a row of 0s teaches nothing)."""
    while True:
        w = rng.choice([-1, 0, 1], size=(rows, cols), p=[0.25, 0.4, 0.35])
        if np.all(np.abs(w).sum(axis=1) > 0):
            return w


def fits(trace: Trace, limit: float = 99) -> bool:
    """Every value on the sheet fits in two digits."""
    return all(abs(v) <= limit for t in trace.tensors for row in t.values for v in row)


def has_relu_zero(trace: Trace, output: str = "R") -> bool:
    """The ReLU that makes ``output`` turns at least one value into 0, and keeps at
    least half of them.
    """
    relu = next(s for s in trace.steps if s.output == output).ops
    return 1 <= zeroed(relu) <= len(relu) // 2


def scores_small(trace: Trace, names: tuple[str, ...] = ("S'",), limit: float = 3) -> bool:
    """The scaled scores stay within ±``limit``, so exp stays under 21."""
    return all(abs(v) <= limit for name in names for row in trace.tensor(name).values for v in row)


def keeps_rows(trace: Trace, output: str = "R") -> bool:
    """The ReLU that makes ``output`` leaves something in every row: no neuron is dead."""
    return not bool((trace.tensor(output).array() == 0).all(axis=1).any())


def apart(trace: Trace, output: str) -> bool:
    """No two rows of ``output`` are alike, nor two columns (to two decimals): every
    position and every feature of the result says something of its own.
    """
    values = np.round(trace.tensor(output).array(), 2)
    return len(np.unique(values, axis=0)) == len(values) and len(np.unique(values, axis=1).T) == values.shape[1]


Matrix = npt.NDArray[Any]  # whole numbers as drawn, or a trace's floats
# A layer's rule: from its weighted sums z, what it passes on (ReLU(z), or z), or None
# when the layer breaks a rule of a teachable sheet.
Keep = Callable[[Matrix], "Matrix | None"]


def live_relu(z: Matrix) -> Matrix | None:
    """ReLU(z), when it zeroes some cell but no whole row (no neuron is dead)."""
    r: Matrix = np.maximum(z, 0)
    return r if (z < 0).any() and not (r == 0).all(axis=1).any() else None


def draw_layers(rng: Rng, x: Matrix, layers: Sequence[tuple[int, Keep]]) -> list[tuple[Matrix, Matrix]] | None:
    """Each layer's W (-1, 0 or 1) and b (-1, 0 or 1), drawn over what the layer
    before passes on until the layer keeps its rule (``layers``: its number of
    outputs and its rule), so a sheet is found layer by layer rather than all at
    once; None when a layer finds none.
    """
    a, drawn = x, []
    for rows, keep in layers:
        for _ in range(200):
            w, b = weights(rng, rows, a.shape[0]), rng.integers(-1, 2, size=(rows, 1))
            out = keep(w @ a + b)
            if out is not None:
                drawn.append((w, b))
                a = out
                break
        else:
            return None
    return drawn
