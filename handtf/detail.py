"""How many cell ops the scenes show at once: a cell, a row, or a whole step."""

from __future__ import annotations

__all__ = ["DETAILS", "Detail", "OpGroup", "group_ops"]

from dataclasses import dataclass
from itertools import groupby
from typing import Literal, get_args

from handtf.errors import HandtfError, shown
from handtf.text import say
from handtf.trace import CellOp, Step, ordinal
from handtf.written import format_number, split_result

Detail = Literal["cell", "row", "step"]
DETAILS: tuple[str, ...] = get_args(Detail)


@dataclass(frozen=True)
class OpGroup:
    """Ops animated together, with the caption shown while they play; ``asked`` is
    the caption with a "?" for each value, for a class to say them first.
    """

    ops: tuple[CellOp, ...]
    label: str
    arithmetic: str
    asked: str


def group_ops(step: Step, detail: Detail, lang: str = "en") -> tuple[OpGroup, ...]:
    """Split a step's ops into the groups the scene animates one at a time.

    ``cell``: one op per group, captioned with its label and worked arithmetic.
    ``row``: one group per output row, captioned with the row's values.
    ``step``: one group for the whole step, captioned with the step's formula.
    """
    if detail == "cell":
        return tuple(OpGroup((op,), op.label, op.arithmetic, _asked(op.arithmetic)) for op in step.ops)
    if detail == "row":
        groups = []
        for row, ops in groupby(step.ops, key=lambda op: op.out.row):
            row_ops = tuple(ops)
            first, last = row_ops[0], row_ops[-1]
            label = first.label if len(row_ops) == 1 else f"{first.label}  …  {last.label}"
            values = "  ".join(format_number(op.value) for op in row_ops)
            caption = say(lang, "caption.row", row=ordinal(row), name=step.output)
            unknowns = "  ".join("?" for _ in row_ops)
            groups.append(OpGroup(row_ops, label, f"{caption}  {values}", f"{caption}  {unknowns}"))
        return tuple(groups)
    if detail == "step":
        caption = say(lang, "caption.step", count=len(step.ops))
        return (OpGroup(step.ops, step.formula, caption, caption),) if step.ops else ()
    raise HandtfError(f"unknown detail {shown(detail)}; use one of: {', '.join(DETAILS)}")


def _asked(arithmetic: str) -> str:
    """``5·1 + 6·1 = 11`` as ``5·1 + 6·1 = ?``: the working, without its result."""
    head, sep, _ = split_result(arithmetic)
    return f"{head}{sep}?" if sep else "?"
