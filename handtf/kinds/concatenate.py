"""``concat``: matrices of the same height placed side by side, as the RNN sheet
writes ``[Wx | Wh]`` for one product with ``[Xₜ; Hₜ₋₁]``, or its hidden states
``[H1 H2 H3 H4]`` as one matrix for the output layer. Each value is copied over,
from its part into its column of the whole.
"""

from __future__ import annotations

__all__ = ["CONCAT", "Concatenate"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.fields import MAX_SIDE
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result
from handtf.kinds.stack import joined
from handtf.text import add_words, say
from handtf.trace import Step, Tensor

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# The term is (x, 1): x is read and copied into its column of the whole.
CONCAT = CellRule("concat", lambda terms: terms[0][0])

add_words(
    {"kind.concat": "Side by side", "formula.concat": "{out} = [{parts}]"},
    {"kind.concat": "나란히 붙이기", "formula.concat": "{out} = [{parts}]"},
)


class Concatenate(Kind):
    name = "concat"
    op = "concat"
    order = 46
    inputs = ("left", "right")
    more_inputs = True
    rules = (CONCAT,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        height = inputs[0].shape[0]
        for part in inputs[1:]:
            if part.shape[0] != height:
                raise HandtfError(
                    f"cannot put {part.name} ({part.shape[0]}x{part.shape[1]}) beside {inputs[0].name} "
                    f"({height}x{inputs[0].shape[1]}): matrices side by side need the same number of rows"
                )
        cols = sum(part.shape[1] for part in inputs)
        if cols > MAX_SIDE:
            raise HandtfError(
                f"putting {len(inputs)} matrices side by side makes {cols} columns; at most {MAX_SIDE} fit on "
                "screen readably, so join fewer or narrower ones"
            )
        return joined(inputs, out, 1, CONCAT)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return np.hstack(list(inputs))

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return say(lang, "formula.concat", out=out, parts=" | ".join(t.name for t in inputs))

    def spec_inputs(self, step: Step) -> list[str]:
        return list(step.inputs)

    def place(self, stairs: Stairs, step: Step) -> None:
        """The parts side by side: those new to the page written there for the first
        time (the RNN's Wx and Wh), at the top, the others written again under the
        first part; the whole under them, column under column: each value comes down.
        """
        from handtf.layout import Box

        fresh = step.inputs[0] not in stairs.layout.boxes
        first = stairs.placed_or_new(step.inputs[0])
        rows, cols = stairs.shape[step.output]
        top = first.row if fresh else stairs.free_row(first.col, first.col + cols, first.bottom + stairs.gap)
        col = first.right if fresh else first.col
        for name in step.inputs[1 if fresh else 0 :]:
            part = Box(col, top, *stairs.shape[name])
            if name in stairs.layout.boxes:
                stairs.layout.copies[(step.id, name)] = part
            else:
                stairs.layout.boxes[name] = part
            col = part.right
        below = stairs.free_row(first.col, first.col + cols, top + rows + stairs.gap)
        out = stairs.place(step.output, first.col, below)
        stairs.layout.arrows[step.output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)]


register(Concatenate())
