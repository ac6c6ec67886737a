"""The by-hand operations. Each returns its result and the cell ops that produce it.

Every layer is written the by-hand way, ``out = left · right``: row ``i`` of the left
matrix meets column ``j`` of the right one at output cell ``(i, j)``. A bias is an
extra weight column "b" paired with a row of 1s under the input.
"""

from __future__ import annotations

__all__ = ["linear", "matmul", "relu"]

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.trace import Cell, CellOp, Number, Tensor, as_number, cell_name, format_number

Result = tuple[npt.NDArray[np.float64], tuple[CellOp, ...]]


def _operand(value: Number) -> str:
    text = format_number(value)
    return f"({text})" if text.startswith("-") else text


def _arithmetic(terms: list[tuple[Number, Number]], value: Number) -> str:
    products = " + ".join(f"{_operand(a)}·{_operand(b)}" for a, b in terms)
    return f"{products} = {format_number(value)}"


def _check_chain(left: Tensor, right: Tensor) -> None:
    if left.shape[1] != right.shape[0]:
        raise HandtfError(
            f"cannot multiply {left.name} ({left.shape[0]}x{left.shape[1]}) by {right.name} "
            f"({right.shape[0]}x{right.shape[1]}): {left.name} needs as many columns as {right.name} has rows"
        )


def _products(left: Tensor, right: Tensor, out: str, bias: Tensor | None, ones: Tensor | None) -> Result:
    _check_chain(left, right)
    rows, inner = left.shape
    cols = right.shape[1]
    result = np.zeros((rows, cols))
    ops: list[CellOp] = []
    for i in range(rows):
        for j in range(cols):
            terms = [(left.at(i, k), right.at(k, j)) for k in range(inner)]
            reads = [c for k in range(inner) for c in (Cell(left.name, i, k), Cell(right.name, k, j))]
            label = f"{left.row_labels[i]} · {right.col_labels[j]}"
            if bias is not None and ones is not None:
                terms.append((bias.at(i, 0), ones.at(0, j)))
                reads += [Cell(bias.name, i, 0), Cell(ones.name, 0, j)]
                label += f" + {bias.row_labels[i]}"
            value = as_number(sum(a * b for a, b in terms))
            result[i, j] = value
            ops.append(
                CellOp(
                    kind="dot",
                    out=Cell(out, i, j),
                    reads=tuple(reads),
                    terms=tuple(terms),
                    value=value,
                    label=f"{label} = {cell_name(out, i, j)}",
                    arithmetic=_arithmetic(terms, value),
                )
            )
    return result, tuple(ops)


def matmul(left: Tensor, right: Tensor, out: str) -> Result:
    """``out = left · right``, one dot product per output cell.

    Examples
    --------
    >>> x = Tensor.of("X", "input", [[5, 6]], row_labels=["P1"])
    >>> a = Tensor.of("A", "attention", [[1], [1]])
    >>> result, ops = matmul(x, a, "Z")
    >>> ops[0].label, ops[0].arithmetic
    ('P1 · A1 = Z[1,1]', '5·1 + 6·1 = 11')
    """
    return _products(left, right, out, None, None)


def linear(weights: Tensor, bias: Tensor, x: Tensor, ones: Tensor, out: str) -> Result:
    """``out = weights · x + bias``, written by hand as ``[weights | b] · [x ; 1s]``.

    ``bias`` is a column (one value per output row) and ``ones`` a row of 1s as wide as
    ``x``; each op's last term is ``b_i · 1``.
    """
    if bias.shape != (weights.shape[0], 1):
        raise HandtfError(
            f"bias {bias.name} must be a column of {weights.shape[0]} values, one per row of {weights.name}; "
            f"got {bias.shape[0]}x{bias.shape[1]}"
        )
    if ones.shape != (1, x.shape[1]) or any(v != 1 for v in ones.values[0]):
        raise HandtfError(f"{ones.name} must be a row of {x.shape[1]} ones under {x.name}")
    return _products(weights, x, out, bias, ones)


def relu(x: Tensor, out: str) -> Result:
    """``out = max(0, x)`` cell by cell."""
    rows, cols = x.shape
    result = np.zeros((rows, cols))
    ops: list[CellOp] = []
    for i in range(rows):
        for j in range(cols):
            v = x.at(i, j)
            value = as_number(max(0, v))
            result[i, j] = value
            ops.append(
                CellOp(
                    kind="relu",
                    out=Cell(out, i, j),
                    reads=(Cell(x.name, i, j),),
                    terms=((0, v),),
                    value=value,
                    label=f"ReLU({cell_name(x.name, i, j)}) = {cell_name(out, i, j)}",
                    arithmetic=f"max(0, {format_number(v)}) = {format_number(value)}",
                )
            )
    return result, tuple(ops)
