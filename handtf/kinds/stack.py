"""``stack``: matrices of the same width placed on top of each other, as the heads of
multi-head attention are before the output projection. Each value is copied over,
from its head into its row of the stack.
"""

from __future__ import annotations

__all__ = ["STACK", "Stack", "joined"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.fields import MAX_SIDE
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor, cell_name
from handtf.written import format_number

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The term is (x, 1): x is read and copied into its row of the stack.
STACK = CellRule("stack", lambda terms: terms[0][0])

add_words(
    {"kind.stack": "Stack", "step.stack": "Stack the heads", "formula.stack": "{out}: {parts} stacked"},
    {"kind.stack": "쌓기", "step.stack": "헤드 쌓기", "formula.stack": "{out}: {parts}을 위아래로 쌓기"},
)


def joined(inputs: tuple[Tensor, ...], out: str, axis: int, rule: CellRule) -> Result:
    """The parts' values copied into one matrix along ``axis``: 0 one on top of the
    other (a stack), 1 side by side (:mod:`handtf.kinds.concatenate`).
    """
    shape = list(inputs[0].shape)
    shape[axis] = sum(part.shape[axis] for part in inputs)

    def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
        at = [i, j]
        for part in inputs:  # the part this cell comes from, and where in it
            if at[axis] < part.shape[axis]:
                break
            at[axis] -= part.shape[axis]
        v = part.at(at[0], at[1])
        return (Cell(part.name, at[0], at[1]),), ((v, 1),), cell_name(part.name, at[0], at[1]), format_number(v)

    return each(out, (shape[0], shape[1]), rule, make)


class Stack(Kind):
    name = "stack"
    op = "stack"
    order = 45
    inputs = ("top", "bottom")
    more_inputs = True
    rules = (STACK,)
    shows_sources = True  # the RNN's Hₜ₋₁, from the row below, is seen coming up

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        width = inputs[0].shape[1]
        for part in inputs[1:]:
            if part.shape[1] != width:
                raise HandtfError(
                    f"cannot stack {part.name} ({part.shape[0]}x{part.shape[1]}) under {inputs[0].name} "
                    f"({inputs[0].shape[0]}x{width}): stacked matrices need the same number of columns"
                )
        rows = sum(part.shape[0] for part in inputs)
        if rows > MAX_SIDE:
            raise HandtfError(
                f"stacking {len(inputs)} matrices makes {rows} rows; at most {MAX_SIDE} fit on screen readably, "
                "so stack fewer or shorter ones"
            )
        return joined(inputs, out, 0, STACK)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.vstack(list(inputs))

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.stack", out=out, parts=", ".join(t.name for t in inputs))

    def spec_inputs(self, step: Step) -> list[str]:
        return list(step.inputs)

    def place(self, stairs: Stairs, step: Step) -> None:
        """The parts written out again one on top of the other, under the last of them,
        each named left of its first row, with the stack to their right, row beside
        row: each value crosses over.
        """
        from handtf.layout import Box

        if step.inputs[0] not in stairs.layout.boxes:
            self._under_a_new_top(stairs, step)
            return
        last = stairs.placed_or_new(step.inputs[-1])
        for name in step.inputs:
            stairs.placed_or_new(name)
        rows, cols = stairs.shape[step.output]
        right = last.col + 2 * cols + stairs.gap + 1
        top = stairs.free_row(last.col, right, last.bottom + stairs.gap)
        row = top
        for k, name in enumerate(step.inputs):
            part = Box(last.col, row, *stairs.shape[name], tag_left=k > 0)
            stairs.layout.copies[(step.id, name)] = part
            row = part.bottom
        out = stairs.place(step.output, last.col + cols + stairs.gap, top)
        stairs.layout.arrows[step.output] = [(out.col - 1, r, "→") for r in range(out.row, out.bottom)]

    def _under_a_new_top(self, stairs: Stairs, step: Step) -> None:
        """A top part new to the page (the RNN's input Xₜ) goes at the top; the parts
        under it are written there, those new to the page for the first time, those
        already on it again; the stack goes to their right, row beside row.
        """
        from handtf.layout import Box

        top = stairs.placed_or_new(step.inputs[0])
        row = top.bottom
        for name in step.inputs[1:]:
            part = Box(top.col, row, *stairs.shape[name], tag_left=True)
            if name in stairs.layout.boxes:
                stairs.layout.copies[(step.id, name)] = part
            else:
                stairs.layout.boxes[name] = part
            row = part.bottom
        out = stairs.place(step.output, top.right + stairs.gap, top.row)
        stairs.layout.arrows[step.output] = [(out.col - 1, r, "→") for r in range(out.row, out.bottom)]


register(Stack())
