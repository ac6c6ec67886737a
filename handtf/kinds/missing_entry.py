"""``missing_entry``: solve for the missing entry, the workbooks' other kind of drill:
a product ``L·R = Y`` with ``Y`` given and one entry of an operand left blank. The
step's output is that operand: its known entries are given (they appear with it), and
the blank one is worked out from one cell of ``Y``, e.g. ``(6 − 2·1) / 2 = 2``.

The spec gives the operand's ``values`` with ``"?"`` where the blank is, and ``side``:
``"left"`` (the operand left of Y, its rows meeting the other's columns) or ``"right"``
(the one above Y). The inputs are the other operand and Y.
"""

from __future__ import annotations

__all__ = ["KNOWN", "SOLVE", "MissingEntry"]

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.fields import MAX_SIDE
from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Param, Params, Result, operand
from handtf.text import add_words, say
from handtf.trace import Cell, CellOp, Number, Step, Tensor, cell_name
from handtf.written import as_number, format_number, result_text

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# A known entry: the term is (value, 1), and nothing is read.
KNOWN = CellRule("known", lambda terms: terms[0][0], reads=())
# The blank: terms (l, r) for the products it knows, and last (the blank's partner,
# the cell of Y); the value is (y − Σ l·r) / partner.
SOLVE = CellRule("solve", lambda terms: (terms[-1][1] - sum(a * b for a, b in terms[:-1])) / terms[-1][0], reads=(0, 1))

BLANK = "?"

add_words(
    {
        "kind.missing_entry": "Solve for the missing entry",
        "formula.missing_entry": "{left} · {right} = {y}: find the blank",
    },
    {
        "kind.missing_entry": "빈칸 구하기",
        "formula.missing_entry": "{left} · {right} = {y}: 빈칸 구하기",
    },
)


def _values(value: Any) -> Any:
    """The operand's rows, numbers and one ``"?"``."""
    example = 'values = [[1, "?", 3]]'
    if not isinstance(value, list) or not value or not all(isinstance(row, list) and row for row in value):
        raise HandtfError(f'values must be the operand\'s rows, with "?" where the blank is, e.g. {example}')
    width = len(value[0])
    if any(len(row) != width for row in value) or len(value) > MAX_SIDE or width > MAX_SIDE:
        raise HandtfError(f"values must be rows of one length, at most {MAX_SIDE} by {MAX_SIDE}, e.g. {example}")
    cells = [v for row in value for v in row]
    if sum(1 for v in cells if v == BLANK) != 1:
        raise HandtfError(f'values must leave exactly one entry blank, written "?", e.g. {example}')
    for v in cells:
        number = v != BLANK and not isinstance(v, bool) and isinstance(v, (int, float))
        if v != BLANK and not (number and math.isfinite(v) and abs(v) < 1e6):
            given = shown(v) if isinstance(v, str) else shown(repr(v), quote=False)
            raise HandtfError(f"values: {given} is not a finite number below a million, nor the blank {BLANK!r}")
    return value


def _known(values: list[list[Any]]) -> npt.NDArray[np.float64]:
    """The operand with its blank as 0 for now."""
    return np.array([[0 if v == BLANK else v for v in row] for row in values], dtype=float)


def _blank(values: list[list[Any]]) -> tuple[int, int]:
    """Where the blank is."""
    return next((r, c) for r, row in enumerate(values) for c, v in enumerate(row) if v == BLANK)


def _solve(
    out: str, known: npt.NDArray[np.float64], blank: tuple[int, int], other: Tensor, y: Tensor, side: str
) -> CellOp:
    """The blank worked out from one cell of Y, the first where the blank's partner in
    the other operand is not 0: Y[i, j] = Σ L[i, m]·R[m, j], all known but one term.
    """
    i, k = blank
    if side == "left":  # L[i, k]: Y[i, j], partner R[k, j]
        pivots = [(i, j) for j in range(y.shape[1]) if other.at(k, j) != 0]
        left, right, inner, missing = out, other.name, known.shape[1], k
    else:  # R[i, k]: Y[r, k], partner L[r, i]
        pivots = [(r, k) for r in range(y.shape[0]) if other.at(r, i) != 0]
        left, right, inner, missing = other.name, out, known.shape[0], i
    if not pivots:
        raise HandtfError(
            f"the blank of {out} cannot be found: {other.name} meets it only with 0s; give it a nonzero partner"
        )
    row, col = pivots[0]

    def value(cell: Cell) -> Number:
        return as_number(known[cell.row, cell.col]) if cell.tensor == out else other.at(cell.row, cell.col)

    pairs = [(Cell(left, row, m), Cell(right, m, col)) for m in range(inner) if m != missing]
    partner = Cell(right, missing, col) if side == "left" else Cell(left, row, missing)
    terms = [(value(a), value(b)) for a, b in pairs] + [(value(partner), y.at(row, col))]
    reads = tuple(c for pair in pairs for c in pair) + (partner, Cell(y.name, row, col))
    op = CellOp(SOLVE.name, Cell(out, i, k), reads, tuple(terms), 0, "", "")
    result = as_number(SOLVE.computed(op))
    sums = " + ".join(f"{operand(a)}·{operand(b)}" for a, b in terms[:-1])
    rest = f"({format_number(terms[-1][1])} − {f'({sums})' if len(terms) > 2 else sums})" if sums else ""
    worked = f"{rest or operand(terms[-1][1])} / {operand(terms[-1][0])} {result_text(result)}"
    label = f"{cell_name(out, i, k)} from {cell_name(y.name, row, col)}"
    return CellOp(SOLVE.name, op.out, reads, tuple(terms), result, label, worked)


def _side(value: Any) -> Any:
    if value not in ("left", "right"):
        given = shown(value) if isinstance(value, str) else shown(repr(value), quote=False)
        raise HandtfError(f'side must be "left" or "right" (which operand has the blank); it is {given}')
    return value


class MissingEntry(Kind):
    """``L · R = Y`` with one entry of L (or R) blank, solved from Y.

    >>> r, y = Tensor.of("a", "input", [[2], [1]]), Tensor.of("y", "output", [[7]])
    >>> values, ops = MissingEntry().compute((r, y), "b", {"values": [["?", 3]], "side": "left"})
    >>> ops[-1].arithmetic, values.tolist()
    ('(7 − 3·1) / 2 = 2', [[2.0, 3.0]])
    """

    name = "missing_entry"
    op = "missing_entry"
    order = 170
    inputs = ("other", "product")
    params = (Param("values", None, _values, example=[[1, BLANK]]), Param("side", "left", _side, example="right"))
    rules = (SOLVE, KNOWN)
    beat = "products"

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        other, y = inputs
        values, side = params["values"], params.get("side", "left")
        rows, cols = len(values), len(values[0])
        left_shape = (rows, cols) if side == "left" else other.shape
        right_shape = other.shape if side == "left" else (rows, cols)
        if left_shape[1] != right_shape[0] or (left_shape[0], right_shape[1]) != y.shape:
            raise HandtfError(
                f"{out} ({rows}x{cols}) and {other.name} ({other.shape[0]}x{other.shape[1]}) do not multiply into "
                f"{y.name} ({y.shape[0]}x{y.shape[1]}); give values of the shape that does"
            )
        known, blank = _known(values), _blank(values)
        ops = []
        for r in range(rows):
            for c in range(cols):
                if (r, c) != blank:
                    v = as_number(known[r, c])
                    ops.append(
                        CellOp(
                            KNOWN.name, Cell(out, r, c), (), ((v, 1),), v, f"{cell_name(out, r, c)}", format_number(v)
                        )
                    )
        solve = _solve(out, known, blank, other, y, side)
        known[blank] = solve.value
        left, right = (known, other.array()) if side == "left" else (other.array(), known)
        if not np.allclose(left @ right, y.array()):
            raise HandtfError(
                f"no value for the blank of {out} gives all of {y.name}: its other entries disagree; check the numbers"
            )
        return known, (*ops, solve)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        """The blank by least squares: the product is linear in it."""
        other, y = inputs
        values, side = params["values"], params.get("side", "left")
        known, blank = _known(values), _blank(values)
        unit = np.zeros_like(known)
        unit[blank] = 1.0
        base, slope = (known @ other, unit @ other) if side == "left" else (other @ known, other @ unit)
        known[blank] = float(np.linalg.lstsq(slope.reshape(-1, 1), (y - base).ravel(), rcond=None)[0][0])
        return known

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        return (rows, 1), (rows, 2)  # L, and Y = L · [[1, 2]], for the example's blank on the right

    def example_inputs(self, arrays: Sequence[npt.NDArray[np.float64]]) -> list[npt.NDArray[np.float64]]:
        """The left operand (no 0, so it meets the blank) and its product with
        ``[[1, 2]]``, the example's ``[[1, "?"]]`` with the blank 2.
        """
        left = np.where(arrays[0] == 0, 1, arrays[0])
        return [left, left @ np.array([[1.0, 2.0]])]

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        other, y = inputs
        left, right = (out, other.name) if params.get("side", "left") == "left" else (other.name, out)
        return say(lang, "formula.missing_entry", left=left, right=right, y=y.name)

    def given_op(self, op: CellOp) -> bool:
        return op.kind == KNOWN.name

    def export_params(self, step: Step) -> dict[str, Any]:
        return {"values": step.params["values"], **({"side": "right"} if step.params.get("side") == "right" else {})}

    def place(self, stairs: Stairs, step: Step) -> None:
        """As the product it is: the right operand above Y, the left one to its left."""
        other, y = step.inputs
        left, right = (step.output, other) if step.params.get("side", "left") == "left" else (other, step.output)
        stairs.product(step.id, left, right, y)


register(MissingEntry())
