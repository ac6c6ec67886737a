"""``linear``: ``out = weights · x + bias``, written by hand as ``[weights | b] · [x ; 1s]``.

The bias is a column "b" beside the weights and pairs with a row of 1s under the
input, which the step adds to the trace; each op's last term is ``b_i · 1``.
"""

from __future__ import annotations

__all__ = ["Linear"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import Kind, Params, Result
from handtf.kinds.matmul import DOT, products
from handtf.text import say
from handtf.trace import CellOp, Note, Step, Tensor

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain
    from handtf.layout import Stairs


def ones_name(x: str) -> str:
    """The name of the row of 1s under ``x``."""
    return f"1s({x})"


class Linear(Kind):
    name = "linear"
    op = "linear"
    order = 20
    inputs = ("weights", "bias", "x")
    rules = (DOT,)
    beat = "products"

    def operands(self, chain: Chain, inputs: tuple[Tensor, ...]) -> tuple[Tensor, ...]:
        """The inputs and the row of 1s under ``x``: written once, and read again by
        every later product of ``x`` (the LSTM's four gates).
        """
        x = inputs[2]
        try:
            ones = chain.tensor(ones_name(x.name))
        except KeyError:
            ones = chain.given(ones_name(x.name), "ones", np.ones((1, x.shape[1]), dtype=int), row_labels=["1"])
        return (*inputs, ones)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        weights, bias, x, ones = inputs
        if bias.shape != (weights.shape[0], 1):
            raise HandtfError(
                f"bias {bias.name} must be a column of {weights.shape[0]} values, one per row of {weights.name}; "
                f"got {bias.shape[0]}x{bias.shape[1]}"
            )
        if ones.shape != (1, x.shape[1]) or any(v != 1 for v in ones.values[0]):
            raise HandtfError(f"{ones.name} must be a row of {x.shape[1]} ones under {x.name}")
        return products(weights, x, out, bias, ones)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        weights, bias, x = inputs[:3]
        return weights @ x + bias

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, inner), (rows, 1), (inner, cols)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        weights, bias, x, _ = inputs
        return f"{out} = {weights.name} · {x.name} + {bias.name}"

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        before, after = inputs[2].shape[0], result.shape[0]
        change = say(lang, f"change.{'grows' if after > before else 'shrinks' if after < before else 'stays'}")
        return (Note(say(lang, "note.dimensions", before=before, after=after, change=change)),)

    def spec_outputs(self, inputs: Sequence[str]) -> tuple[str, ...]:
        return (ones_name(inputs[-1]),)

    def place(self, stairs: Stairs, step: Step) -> None:
        weights, bias, x, ones = step.inputs
        stairs.product(step.id, weights, x, step.output, bias, ones)

    def left_operand(self, step: Step) -> str | None:
        return step.inputs[0]

    def right_operand(self, step: Step) -> str | None:
        return step.inputs[2]


register(Linear())
