"""The by-hand operations. Each returns its result and the cell ops that produce it.

Every layer is written the by-hand way, ``out = left · right``: row ``i`` of the left
matrix meets column ``j`` of the right one at output cell ``(i, j)``. A bias is an
extra weight column "b" paired with a row of 1s under the input.
"""

from __future__ import annotations

__all__ = ["add", "column_sums", "divide", "exp", "linear", "matmul", "relu", "scale", "transpose"]

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError
from handtf.trace import Cell, CellOp, Number, OpKind, Tensor, as_number, cell_name, format_number

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


Make = Callable[[int, int], tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]]


def _each(out: str, shape: tuple[int, int], kind: OpKind, make: Make) -> Result:
    """One op per output cell; ``make(i, j)`` gives its reads, terms, label and the
    left side of its arithmetic, and the value is worked out from the terms.
    """
    rows, cols = shape
    result = np.zeros(shape)
    ops: list[CellOp] = []
    for i in range(rows):
        for j in range(cols):
            reads, terms, label, expression = make(i, j)
            op = CellOp(kind, Cell(out, i, j), reads, terms, 0, "", "")
            value = op.computed()
            result[i, j] = value
            label = f"{label} = {cell_name(out, i, j)}"
            ops.append(replace(op, value=value, label=label, arithmetic=f"{expression} = {format_number(value)}"))
    return result, tuple(ops)


def transpose(x: Tensor, out: str) -> Result:
    """``out = xᵀ``: cell ``(i, j)`` is ``x``'s cell ``(j, i)``."""

    def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
        v = x.at(j, i)
        return (Cell(x.name, j, i),), ((v, 1),), cell_name(x.name, j, i), format_number(v)

    return _each(out, (x.shape[1], x.shape[0]), "copy", make)


def scale(x: Tensor, factor: Number, out: str, factor_text: str | None = None) -> Result:
    """``out = x × factor`` cell by cell; ``factor_text`` names the factor in labels
    (``1/√4``).

    >>> s = Tensor.of("S", "hidden", [[4, -2]])
    >>> scale(s, 0.5, "T", "1/√4")[1][0].arithmetic
    '4 × 0.50 = 2'
    """
    name = factor_text or format_number(factor)

    def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
        v = x.at(i, j)
        return (
            (Cell(x.name, i, j),),
            ((v, factor),),
            f"{cell_name(x.name, i, j)} × {name}",
            (f"{_operand(v)} × {_operand(factor)}"),
        )

    return _each(out, x.shape, "scale", make)


def exp(x: Tensor, out: str) -> Result:
    """``out = e^x`` cell by cell.

    >>> exp(Tensor.of("S", "hidden", [[0, 1]]), "E")[1][1].arithmetic
    'exp(1) = 2.72'
    """

    def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
        v = x.at(i, j)
        if v > 20:
            raise HandtfError(f"exp({format_number(v)}) in {x.name} is too large to write by hand; scale it down first")
        return (Cell(x.name, i, j),), ((v, 0),), f"exp({cell_name(x.name, i, j)})", f"exp({format_number(v)})"

    return _each(out, x.shape, "exp", make)


def column_sums(x: Tensor, out: str) -> Result:
    """``out`` is one row: the sum of each column of ``x`` (a softmax's denominators)."""
    rows = x.shape[0]

    def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
        values = [x.at(k, j) for k in range(rows)]
        reads = tuple(Cell(x.name, k, j) for k in range(rows))
        terms = tuple((v, 1) for v in values)
        label = f"{cell_name(x.name, 0, j)} + … + {cell_name(x.name, rows - 1, j)}"
        return reads, terms, label, " + ".join(_operand(v) for v in values)

    return _each(out, (1, x.shape[1]), "sum", make)


def divide(x: Tensor, sums: Tensor, out: str) -> Result:
    """``out = x / sums`` by column: cell ``(i, j)`` is ``x[i, j] / sums[0, j]``."""
    if sums.shape != (1, x.shape[1]):
        raise HandtfError(f"{sums.name} must be one row of {x.shape[1]} sums, one per column of {x.name}")
    if any(v == 0 for v in sums.values[0]):
        raise HandtfError(f"{sums.name} has a 0; a column cannot be divided by 0")

    def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
        a, b = x.at(i, j), sums.at(0, j)
        label = f"{cell_name(x.name, i, j)} / {cell_name(sums.name, 0, j)}"
        return (Cell(x.name, i, j), Cell(sums.name, 0, j)), ((a, b),), label, f"{_operand(a)} / {_operand(b)}"

    return _each(out, x.shape, "divide", make)


def add(a: Tensor, b: Tensor, out: str) -> Result:
    """``out = a + b`` cell by cell (a residual connection)."""
    if a.shape != b.shape:
        raise HandtfError(
            f"cannot add {a.name} ({a.shape[0]}x{a.shape[1]}) and {b.name} ({b.shape[0]}x{b.shape[1]}): "
            "they need the same shape"
        )

    def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
        x, y = a.at(i, j), b.at(i, j)
        label = f"{cell_name(a.name, i, j)} + {cell_name(b.name, i, j)}"
        return (Cell(a.name, i, j), Cell(b.name, i, j)), ((x, y),), label, f"{_operand(x)} + {_operand(y)}"

    return _each(out, a.shape, "add", make)
