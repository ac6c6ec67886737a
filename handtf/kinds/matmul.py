"""``matmul``: ``out = left · right``, one dot product per output cell.

Row ``i`` of the left matrix meets column ``j`` of the right one at output cell
``(i, j)``, as on the sheets; with ``explain``, the step notes which columns of the
left matrix each output column adds up (the attention insight, ``Z1 = X1 + X2``).
"""

from __future__ import annotations

__all__ = ["DOT", "Matmul", "column_mix_notes", "products"]

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, operand
from handtf.trace import Cell, CellOp, Note, Number, Step, Tensor, cell_name, own_labels
from handtf.written import as_number, format_number, result_text

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# Each term is (a, b), both read: the left operand's cell lights its row, the right's its column.
DOT = CellRule("dot", lambda terms: sum(a * b for a, b in terms), reads=(0, 1), sides=("row", "col"))


def _explain(value: Any) -> bool:
    """True or false; a number as before (``explain = 1``), but not a word."""
    if not isinstance(value, (bool, int, float)):
        raise HandtfError(f"explain must be true or false, not {type(value).__name__}")
    return bool(value)


def products(left: Tensor, right: Tensor, out: str, bias: Tensor | None = None, ones: Tensor | None = None) -> Result:
    """``out = left · right`` (``+ bias · ones``), a dot product per output cell, with
    the article's labels (``P1 · A1 = Z[1,1]``) and arithmetic (``5·1 + 6·1 = 11``).
    """
    if left.shape[1] != right.shape[0]:
        raise HandtfError(
            f"cannot multiply {left.name} ({left.shape[0]}x{left.shape[1]}) by {right.name} "
            f"({right.shape[0]}x{right.shape[1]}): {left.name} needs as many columns as {right.name} has rows"
        )
    rows, inner = left.shape
    cols = right.shape[1]
    result = np.zeros((rows, cols))
    ops: list[CellOp] = []
    for i in range(rows):
        for j in range(cols):
            terms: list[tuple[Number, Number]] = [(left.at(i, k), right.at(k, j)) for k in range(inner)]
            reads = [c for k in range(inner) for c in (Cell(left.name, i, k), Cell(right.name, k, j))]
            label = f"{left.row_labels[i]} · {right.col_labels[j]}"
            if bias is not None and ones is not None:
                terms.append((bias.at(i, 0), ones.at(0, j)))
                reads += [Cell(bias.name, i, 0), Cell(ones.name, 0, j)]
                label += f" + {bias.row_labels[i]}"
            value = as_number(sum(a * b for a, b in terms))
            result[i, j] = value
            worked = " + ".join(f"{operand(a)}·{operand(b)}" for a, b in terms)
            ops.append(
                CellOp(
                    DOT.name,
                    Cell(out, i, j),
                    tuple(reads),
                    tuple(terms),
                    value,
                    f"{label} = {cell_name(out, i, j)}",
                    f"{worked} {result_text(value)}",
                )
            )
    return result, tuple(ops)


def column_mix_notes(mix: Tensor, source: Tensor, out_labels: tuple[str, ...]) -> tuple[Note, ...]:
    """Say which columns of ``source`` each column of ``out = source · mix`` adds up.

    Column ``j`` of the output is the sum over ``k`` of ``mix[k, j]`` times column ``k``
    of the source, so the non-zero cells of ``mix`` name the columns combined, e.g.
    ``Z1 = X1 + X2``. Terms are listed from column ``j`` onwards, wrapping around, so a
    sliding window of positions reads in order (``Z5 = X5 + X1``). Each note points at
    the cells of ``mix`` it uses.
    """
    rows, cols = mix.shape
    notes = []
    for j in range(cols):
        parts: list[str] = []
        cells: list[Cell] = []
        for k in [(j + offset) % rows for offset in range(rows)]:
            weight = mix.at(k, j)
            if weight == 0:
                continue
            coefficient = "" if weight == 1 else f"{format_number(weight)}·"
            parts.append(f"{coefficient}{source.col_labels[k]}")
            cells.append(Cell(mix.name, k, j))
        text = f"{out_labels[j]} = {' + '.join(parts) if parts else '0'}"
        notes.append(Note(text, tuple(cells)))
    return tuple(notes)


class Matmul(Kind):
    name = "matmul"
    op = "matmul"
    order = 10
    inputs = ("left", "right")
    params = (Param("explain", False, _explain),)
    rules = (DOT,)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        left, right = inputs
        return products(left, right, out)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        return inputs[0] @ inputs[1]

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, inner), (inner, cols)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {inputs[0].name} · {inputs[1].name}"

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        return column_mix_notes(inputs[1], inputs[0], result.col_labels) if params.get("explain") else ()

    def output_labels(self, inputs: tuple[Tensor, ...], params: Params) -> tuple[list[str] | None, list[str] | None]:
        """The product's columns are the right operand's: they keep its own labels
        (the words over the logits).
        """
        cols = own_labels(inputs[1])[1]
        return None, list(cols) if cols is not None else None

    def place(self, stairs: Stairs, step: Step) -> None:
        left, right = step.inputs
        stairs.product(step.id, left, right, step.output)

    def left_operand(self, step: Step) -> str | None:
        return step.inputs[0]

    def right_operand(self, step: Step) -> str | None:
        return step.inputs[1]


register(Matmul())
