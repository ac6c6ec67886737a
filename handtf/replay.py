"""Replay: rebuild every tensor of a trace from its given ones and its ops alone.

This is the core's main check. Each op reads its cells from the state built so far,
checks that its terms are those cells' values, and writes the value its kind's cell
rule works out from the terms.
"""

from __future__ import annotations

__all__ = ["replay"]

import math

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import cell_rule
from handtf.trace import Trace


def replay(trace: Trace) -> dict[str, npt.NDArray[np.float64]]:
    """Rebuild every tensor from the given ones and the ops alone.

    Tensors that no step computes start from their values; computed ones start empty
    (NaN).

    Raises
    ------
    HandtfError
        If an op reads a cell not yet computed, its terms disagree with the cells it
        reads, or its recorded value disagrees with its terms.
    """
    produced = trace.produced()
    state = {t.name: (np.full(t.shape, np.nan) if t.name in produced else t.array()) for t in trace.tensors}
    for step in trace.steps:
        for op in step.ops:
            rule = cell_rule(op)
            for k, (cells, term) in enumerate(zip(rule.operand_cells(op), op.terms, strict=True)):
                read = tuple(float(state[c.tensor][c.row, c.col]) for c in cells)
                expected = rule.read_values(term, last=k == len(op.terms) - 1)
                if any(math.isnan(v) for v in read):
                    raise HandtfError(f"{op.label}: reads a cell that no earlier op computed")
                if len(read) != len(expected) or not np.allclose(read, expected):
                    raise HandtfError(f"{op.label}: its terms {term} disagree with the cells it reads {read}")
            value = rule.computed(op)
            if not math.isclose(value, op.value, rel_tol=1e-9, abs_tol=1e-9):
                raise HandtfError(f"{op.label}: recorded value {op.value} but its terms give {value}")
            state[op.out.tensor][op.out.row, op.out.col] = value
    return state
