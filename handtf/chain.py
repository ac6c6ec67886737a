"""A builder that chains by-hand steps into a :class:`~handtf.trace.Trace`."""

from __future__ import annotations

__all__ = ["BY_HAND", "Chain"]

from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.kinds import kind_of
from handtf.kinds.softmax import Softmax
from handtf.trace import Role, Step, Tensor, Trace, cell_name

BY_HAND = 1e9  # numbers from here on are too big to work by hand: handtf warns of them


class Chain:
    """Collect tensors and steps in order, each step worked out by its kind (:mod:`handtf.kinds`).

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

    def computed(
        self,
        name: str,
        role: Role,
        values: npt.NDArray[np.float64],
        row_labels: Iterable[str] | None = None,
        col_labels: Iterable[str] | None = None,
    ) -> Tensor:
        """A computed matrix, refused only when a cell has no number at all (an
        overflow); numbers too big to work by hand are warned of (:mod:`handtf.cautions`).
        """
        array = np.asarray(values, dtype=np.float64)
        unwritable = ~np.isfinite(array)
        if unwritable.any():
            row, col = (int(k) for k in np.argwhere(unwritable)[0])
            raise HandtfError(
                f"{cell_name(name, row, col)} would be {array[row, col]:.4g}, which no cell can show; "
                "make the numbers (or the factor) smaller"
            )
        return self._add(Tensor.of(name, role, values, row_labels, col_labels))

    def add_step(self, step: Step) -> None:
        """Append a step a kind has worked out (see :meth:`handtf.kinds.Kind.build`)."""
        self._steps.append(step)

    def apply(
        self,
        kind: str,
        step_id: str,
        title: str,
        inputs: Iterable[Tensor],
        out: str,
        role: Role = "hidden",
        **params: Any,
    ) -> Tensor:
        """Work out one step of a registered kind, e.g.
        ``chain.apply("scale", "scale", "[5] Scale", (s,), "S'", factor=0.5, factor_text="1/2")``;
        a ``note`` parameter is shown after the kind's own notes.
        """
        return kind_of(kind).build(self, step_id, title, tuple(inputs), out, role, params)

    # The kinds the built-in exercises chain, by name.
    def show(self, step_id: str, title: str, tensor: Tensor, note: str | None = None) -> None:
        """A step that presents a given matrix, such as the attention weights A."""
        self.apply("given", step_id, title, (), tensor.name, "hidden", **({"note": note} if note else {}))

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
        return self.apply("matmul", step_id, title, (left, right), out, role, explain=explain_columns)

    def linear(
        self, step_id: str, title: str, weights: Tensor, bias: Tensor, x: Tensor, out: str, role: Role = "hidden"
    ) -> Tensor:
        """``out = weights · x + bias``, with the row of 1s under ``x`` added to the trace."""
        return self.apply("linear", step_id, title, (weights, bias, x), out, role)

    def relu(self, step_id: str, title: str, x: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = ReLU(x)``: negatives become 0."""
        return self.apply("relu", step_id, title, (x,), out, role)

    def transpose(self, step_id: str, title: str, x: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = xᵀ``: rows become columns."""
        return self.apply("transpose", step_id, title, (x,), out, role)

    def scale(
        self, step_id: str, title: str, x: Tensor, factor: float, factor_text: str, out: str, role: Role = "hidden"
    ) -> Tensor:
        """``out = x × factor``, e.g. the 1/√dk of attention scores."""
        return self.apply("scale", step_id, title, (x,), out, role, factor=factor, factor_text=factor_text)

    def softmax(
        self,
        step_ids: tuple[str, str, str],
        titles: tuple[str, str, str],
        x: Tensor,
        names: tuple[str, str, str],
        role: Role = "hidden",
        note: str | None = None,
        base: str | int = "e",
    ) -> Tensor:
        """Softmax by column, as by hand, in three steps named ``names``: the exps
        (of ``base``: 3 makes them 3^x), the column sums, then each exp divided by its
        column's sum; ``note`` is shown after the last.
        """
        return Softmax().steps(self, step_ids, titles, x, names, role, note=note, base=base)

    def add(self, step_id: str, title: str, a: Tensor, b: Tensor, out: str, role: Role = "hidden") -> Tensor:
        """``out = a + b`` cell by cell (a residual connection)."""
        return self.apply("add", step_id, title, (a, b), out, role)

    def tensor(self, name: str) -> Tensor:
        """A matrix added so far."""
        return self._tensors[name]

    def trace(self, takeaways: Iterable[str] = ()) -> Trace:
        return Trace(self.title, tuple(self._tensors.values()), tuple(self._steps), tuple(takeaways), self.lang)
