"""A builder that chains by-hand steps into a :class:`~handtf.trace.Trace`."""

from __future__ import annotations

__all__ = ["Chain", "column_mix_notes"]

from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.ops import add, column_sums, divide, exp, linear, matmul, relu, scale, transpose
from handtf.text import say
from handtf.trace import Cell, CellOp, Note, Role, Step, StepKind, Tensor, Trace, cell_name, format_number


def column_mix_notes(mix: Tensor, source: Tensor, out: str, out_labels: tuple[str, ...]) -> tuple[Note, ...]:
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


SHOWABLE = 1e9  # a cell shows at most nine digits before the point (exp(20) has nine)


class Chain:
    """Collect tensors and steps in order, computing each step with :mod:`handtf.ops`.

    Examples
    --------
    >>> chain = Chain("tiny")
    >>> x = chain.given("X", "input", [[1, -2]])
    >>> chain.show("x", "[1] Input", x)
    >>> r = chain.relu("relu", "[2] ReLU", x, "R")
    >>> chain.trace().tensor("R").values
    ((1, 0),)
    """

    def __init__(self, title: str, lang: str = "en") -> None:
        self.title = title
        self.lang = lang
        self._tensors: dict[str, Tensor] = {}
        self._steps: list[Step] = []

    def _add(self, tensor: Tensor) -> Tensor:
        if tensor.name in self._tensors:
            raise HandtfError(f"the name {shown(tensor.name)} is used twice; give each matrix its own name")
        self._tensors[tensor.name] = tensor
        return tensor

    def given(
        self,
        name: str,
        role: Role,
        values: npt.ArrayLike,
        row_labels: Iterable[str] | None = None,
        col_labels: Iterable[str] | None = None,
    ) -> Tensor:
        """Add a matrix that is given, not computed."""
        return self._add(Tensor.of(name, role, values, row_labels, col_labels))

    def _computed(self, name: str, role: Role, values: npt.NDArray[np.float64]) -> Tensor:
        """A computed matrix, refused when a cell cannot be written by hand."""
        array = np.asarray(values, dtype=np.float64)
        unwritable = ~np.isfinite(array) | (np.abs(array) >= SHOWABLE)
        if unwritable.any():
            row, col = (int(k) for k in np.argwhere(unwritable)[0])
            raise HandtfError(
                f"{cell_name(name, row, col)} would be {array[row, col]:.4g}; a cell shows numbers below a billion, "
                "so make the numbers (or the factor) smaller"
            )
        return self._add(Tensor.of(name, role, values))

    def show(self, step_id: str, title: str, tensor: Tensor, notes: tuple[Note, ...] = ()) -> None:
        """A step that presents a given matrix, such as the attention weights A."""
        self._steps.append(Step(step_id, title, "given", tensor.name, (), tensor.name, (), notes))

    def matmul(
        self,
        step_id: str,
        title: str,
        left: Tensor,
        right: Tensor,
        out: str,
        role: Role = "hidden",
        explain_columns: bool = False,
    ) -> Tensor:
        """``out = left · right``; with ``explain_columns`` the step notes which columns
        of ``left`` each output column combines (the attention insight).
        """
        values, ops = matmul(left, right, out)
        result = self._computed(out, role, values)
        notes = column_mix_notes(right, left, out, result.col_labels) if explain_columns else ()
        formula = f"{out} = {left.name} · {right.name}"
        self._steps.append(Step(step_id, title, "matmul", formula, (left.name, right.name), out, ops, notes))
        return result

    def linear(
        self,
        step_id: str,
        title: str,
        weights: Tensor,
        bias: Tensor,
        x: Tensor,
        out: str,
        role: Role = "hidden",
    ) -> Tensor:
        """``out = weights · x + bias``, with the row of 1s under ``x`` added to the trace."""
        ones = self._add(Tensor.of(f"1s({x.name})", "ones", np.ones((1, x.shape[1]), dtype=int), row_labels=["1"]))
        values, ops = linear(weights, bias, x, ones, out)
        result = self._computed(out, role, values)
        before, after = x.shape[0], result.shape[0]
        change = say(self.lang, f"change.{'grows' if after > before else 'shrinks' if after < before else 'stays'}")
        note = Note(say(self.lang, "note.dimensions", before=before, after=after, change=change))
        formula = f"{out} = {weights.name} · {x.name} + {bias.name}"
        inputs = (weights.name, bias.name, x.name, ones.name)
        self._steps.append(Step(step_id, title, "linear", formula, inputs, out, ops, (note,)))
        return result

    def relu(self, step_id: str, title: str, x: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = ReLU(x)``: negatives become 0."""
        values, ops = relu(x, out)
        result = self._computed(out, role, values)
        zeroed = sum(1 for op in ops if op.terms[0][1] < 0)
        note = Note(say(self.lang, "note.relu.one" if zeroed == 1 else "note.relu.many", count=zeroed))
        self._steps.append(Step(step_id, title, "relu", f"{out} = ReLU({x.name})", (x.name,), out, ops, (note,)))
        return result

    def _elementwise(
        self,
        kind: StepKind,
        step_id: str,
        title: str,
        formula: str,
        inputs: tuple[Tensor, ...],
        out: str,
        role: Role,
        result: tuple[npt.NDArray[np.float64], tuple[CellOp, ...]],
        notes: tuple[Note, ...] = (),
    ) -> Tensor:
        values, ops = result
        made = self._computed(out, role, values)
        self._steps.append(Step(step_id, title, kind, formula, tuple(t.name for t in inputs), out, ops, notes))
        return made

    def transpose(self, step_id: str, title: str, x: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = xᵀ``: rows become columns."""
        formula = say(self.lang, "formula.transpose", out=out, x=x.name)
        return self._elementwise("transpose", step_id, title, formula, (x,), out, role, transpose(x, out))

    def scale(
        self, step_id: str, title: str, x: Tensor, factor: float, factor_text: str, out: str, role: Role = "hidden"
    ) -> Tensor:
        """``out = x × factor``, e.g. the 1/√dk of attention scores."""
        formula = f"{out} = {x.name} × {factor_text}"
        return self._elementwise("scale", step_id, title, formula, (x,), out, role, scale(x, factor, out, factor_text))

    def exp(self, step_id: str, title: str, x: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = e^x`` cell by cell."""
        return self._elementwise("exp", step_id, title, f"{out} = exp({x.name})", (x,), out, role, exp(x, out))

    def softmax(
        self,
        step_ids: tuple[str, str, str],
        titles: tuple[str, str, str],
        x: Tensor,
        names: tuple[str, str, str],
        role: Role = "hidden",
    ) -> Tensor:
        """Softmax by column, as by hand, in three steps named ``names``: the exps,
        the column sums, then each exp divided by its column's sum.
        """
        e_name, sum_name, out = names
        e = self.exp(step_ids[0], titles[0], x, e_name)
        sums = self.column_sums(step_ids[1], titles[1], e, sum_name)
        return self.divide(step_ids[2], titles[2], e, sums, out, role)

    def add(self, step_id: str, title: str, a: Tensor, b: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = a + b`` cell by cell (a residual connection)."""
        return self._elementwise(
            "add", step_id, title, f"{out} = {a.name} + {b.name}", (a, b), out, role, add(a, b, out)
        )

    def column_sums(self, step_id: str, title: str, x: Tensor, out: str) -> Tensor:
        """``out``: one row, the sum of each column of ``x``."""
        formula = say(self.lang, "formula.column-sums", out=out, x=x.name)
        return self._elementwise("colsum", step_id, title, formula, (x,), out, "hidden", column_sums(x, out))

    def divide(self, step_id: str, title: str, x: Tensor, sums: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = x / sums``, each column divided by its sum."""
        formula, note = f"{out} = {x.name} / {sums.name}", Note(say(self.lang, "note.columns-add-to-1", out=out))
        return self._elementwise("divide", step_id, title, formula, (x, sums), out, role, divide(x, sums, out), (note,))

    def tensor(self, name: str) -> Tensor:
        """A matrix added so far."""
        return self._tensors[name]

    def add_notes(self, notes: tuple[Note, ...]) -> None:
        """Add notes to the step added last."""
        last = self._steps[-1]
        self._steps[-1] = replace(last, notes=last.notes + notes)

    def trace(self, takeaways: Iterable[str] = ()) -> Trace:
        return Trace(self.title, tuple(self._tensors.values()), tuple(self._steps), tuple(takeaways), self.lang)
