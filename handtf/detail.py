"""How many cell ops the scenes show at once: a cell, a row, or a whole step."""

from __future__ import annotations

__all__ = ["DETAILS", "Detail", "OpGroup", "group_ops"]

from dataclasses import dataclass
from itertools import groupby
from typing import Literal, get_args

from handtf.errors import HandtfError, shown
from handtf.text import say
from handtf.trace import CellOp, Step, format_number, ordinal

Detail = Literal["cell", "row", "step"]
DETAILS: tuple[str, ...] = get_args(Detail)


@dataclass(frozen=True)
class OpGroup:
    """Ops animated together, with the caption shown while they play."""

    ops: tuple[CellOp, ...]
    label: str
    arithmetic: str


def group_ops(step: Step, detail: Detail, lang: str = "en") -> tuple[OpGroup, ...]:
    """Split a step's ops into the groups the scene animates one at a time.

    ``cell``: one op per group, captioned with its label and worked arithmetic.
    ``row``: one group per output row, captioned with the row's values.
    ``step``: one group for the whole step, captioned with the step's formula.
    """
    if detail == "cell":
        return tuple(OpGroup((op,), op.label, op.arithmetic) for op in step.ops)
    if detail == "row":
        groups = []
        for row, ops in groupby(step.ops, key=lambda op: op.out.row):
            row_ops = tuple(ops)
            first, last = row_ops[0], row_ops[-1]
            label = first.label if len(row_ops) == 1 else f"{first.label}  …  {last.label}"
            values = "  ".join(format_number(op.value) for op in row_ops)
            caption = say(lang, "caption.row", row=ordinal(row), name=step.output)
            groups.append(OpGroup(row_ops, label, f"{caption}  {values}"))
        return tuple(groups)
    if detail == "step":
        caption = say(lang, "caption.step", count=len(step.ops))
        return (OpGroup(step.ops, step.formula, caption),) if step.ops else ()
    raise HandtfError(f"unknown detail {shown(detail)}; use one of: {', '.join(DETAILS)}")
