"""Where each computed cell came from: its label, its worked arithmetic and the cells
it read, each with the mark that lights it, for a reader who asks (the web page's
hover) and for the storyboard's marks.
"""

from __future__ import annotations

__all__ = ["Origin", "lit_of", "origins"]

from dataclasses import dataclass

from handtf.beats import Lit
from handtf.kinds import cell_rule
from handtf.trace import Cell, CellOp, Trace


@dataclass(frozen=True)
class Origin:
    """How one cell was made: by the op of step ``step_id`` that wrote it."""

    cell: Cell
    step_id: str
    label: str
    arithmetic: str
    reads: tuple[Lit, ...]


def lit_of(op: CellOp) -> tuple[Lit, ...]:
    """The cells an op reads, each lit as the row or the column it combines, then the
    cell it writes.
    """
    rule = cell_rule(op)
    return (*(Lit(cell, rule.side(k)) for k, cell in enumerate(op.reads)), Lit(op.out, "out"))


def origins(trace: Trace) -> tuple[Origin, ...]:
    """Every computed cell's origin, in the order the ops play."""
    return tuple(
        Origin(op.out, step.id, op.label, op.arithmetic, lit_of(op)[:-1]) for step in trace.steps for op in step.ops
    )
