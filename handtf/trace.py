"""The trace: value objects that record every cell-level operation of a walkthrough.

A :class:`Trace` is the contract between the numpy core and the scenes. It holds the
named tensors, and the ordered steps; each step holds its cell operations
(:class:`CellOp`). Indices are 0-based in data. The only place that turns them into
the article's 1-based notation is :func:`ordinal`.
"""

from __future__ import annotations

__all__ = [
    "SCHEMA_VERSION",
    "ROLES",
    "Cell",
    "CellOp",
    "Note",
    "Number",
    "Step",
    "Tensor",
    "Trace",
    "cell_name",
    "ordinal",
]

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast, get_args

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.written import Number, as_number, shown_decimals

SCHEMA_VERSION = 1

Role = Literal["input", "weight", "bias", "ones", "attention", "hidden", "output"]
ROLES: tuple[str, ...] = get_args(Role)


def ordinal(index: int) -> int:
    """Turn a 0-based data index into the 1-based index shown on screen."""
    return index + 1


def cell_name(tensor: str, row: int, col: int) -> str:
    """Name a cell in the article's notation: ``cell_name("Z", 0, 0) == "Z[1,1]"``."""
    return f"{tensor}[{ordinal(row)},{ordinal(col)}]"


@dataclass(frozen=True)
class Cell:
    """One cell of a named tensor, 0-based."""

    tensor: str
    row: int
    col: int

    def __str__(self) -> str:
        return cell_name(self.tensor, self.row, self.col)


@dataclass(frozen=True)
class Tensor:
    """A named matrix with its role and the labels of its rows and columns."""

    name: str
    role: Role
    values: tuple[tuple[Number, ...], ...]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise HandtfError(
                f"tensor {shown(self.name)}: unknown role {shown(self.role)}; use one of {', '.join(ROLES)}"
            )
        if not self.values or not self.values[0]:
            raise HandtfError(f"tensor {shown(self.name)} is empty; give it at least one row and one column")
        width = len(self.values[0])
        if any(len(row) != width for row in self.values):
            raise HandtfError(f"tensor {shown(self.name)} has rows of different lengths; make every row {width} long")
        if len(self.row_labels) != len(self.values) or len(self.col_labels) != width:
            raise HandtfError(
                f"tensor {shown(self.name)}: need {len(self.values)} row labels and {width} column labels"
            )

    @classmethod
    def of(
        cls,
        name: str,
        role: Role,
        values: npt.ArrayLike,
        row_labels: Iterable[str] | None = None,
        col_labels: Iterable[str] | None = None,
    ) -> Tensor:
        """Build a tensor from anything numpy takes as a 2-D array; labels default to
        ``Z[1]`` for rows and ``Z1`` for columns.
        """
        try:
            array = np.asarray(values)
        except ValueError:
            raise HandtfError(f"tensor {shown(name)} has rows of different lengths; make every row as long") from None
        if array.ndim != 2:
            raise HandtfError(f"tensor {shown(name)} must be a 2-D matrix, got {array.ndim} dimension(s)")
        rows, cols = array.shape
        return cls(
            name=name,
            role=role,
            values=tuple(tuple(as_number(v) for v in row) for row in array.tolist()),
            row_labels=tuple(row_labels)
            if row_labels is not None
            else tuple(f"{name}[{ordinal(i)}]" for i in range(rows)),
            col_labels=tuple(col_labels)
            if col_labels is not None
            else tuple(f"{name}{ordinal(j)}" for j in range(cols)),
        )

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.values), len(self.values[0])

    def array(self) -> npt.NDArray[np.float64]:
        """The values as a float numpy array."""
        return np.array(self.values, dtype=float)

    def at(self, row: int, col: int) -> Number:
        return self.values[row][col]


def own_labels(tensor: Tensor) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The row and column labels a matrix has of its own (P1.., the words of a
    vocabulary), each ``None`` where they are the default ``Z[1]`` and ``Z1``.
    """
    default = Tensor.of(tensor.name, tensor.role, tensor.values)
    rows = tensor.row_labels if tensor.row_labels != default.row_labels else None
    return rows, tensor.col_labels if tensor.col_labels != default.col_labels else None


@dataclass(frozen=True)
class CellOp:
    """One cell-level operation.

    ``kind`` names its cell rule (see :mod:`handtf.kinds`): how the value is worked out
    from ``terms``, and which numbers of each term were read from the cells ``reads``.
    For ``dot`` the value is the sum of ``a * b`` over the terms, each read from two
    cells; for ``relu`` the term is ``(0, x)`` and the value ``max(0, x)``.
    """

    kind: str
    out: Cell
    reads: tuple[Cell, ...]
    terms: tuple[tuple[Number, Number], ...]
    value: Number
    label: str
    arithmetic: str

    def computed(self) -> Number:
        """The value worked out again from the terms alone, by the op's cell rule."""
        from handtf.kinds import cell_rule  # the kinds build on the trace's value objects

        return cell_rule(self).computed(self)


@dataclass(frozen=True)
class Note:
    """A remark shown with a step, and the cells it points at (may be empty)."""

    text: str
    cells: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Step:
    """One numbered step of the walkthrough, e.g. ``[2] Attention weighting``."""

    id: str
    title: str
    kind: str  # a registered kind (see :mod:`handtf.kinds`)
    formula: str
    inputs: tuple[str, ...]
    output: str
    ops: tuple[CellOp, ...] = ()
    notes: tuple[Note, ...] = ()
    # The step's parameters as its spec gives them (a scale's factor and its text,
    # matmul's explain, the softmax a step is part of, a note), so an export reads
    # them instead of rebuilding them from display text.
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Trace:
    """A whole walkthrough: title, named tensors, ordered steps and closing takeaways."""

    title: str
    tensors: tuple[Tensor, ...]
    steps: tuple[Step, ...]
    takeaways: tuple[str, ...] = ()
    lang: str = "en"  # the language of its titles and notes (see handtf.text)
    decimals: int = field(default_factory=shown_decimals)  # how many decimals its numbers show
    _by_name: Mapping[str, Tensor] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, Tensor] = {}
        for tensor in self.tensors:
            if tensor.name in by_name:
                raise HandtfError(f"two tensors are named {shown(tensor.name)}; give each a unique name")
            by_name[tensor.name] = tensor
        object.__setattr__(self, "_by_name", by_name)

    def tensor(self, name: str) -> Tensor:
        try:
            return self._by_name[name]
        except KeyError:
            raise HandtfError(f"the trace has no tensor named {shown(name)}") from None

    @property
    def op_count(self) -> int:
        return sum(len(step.ops) for step in self.steps)

    def produced(self) -> frozenset[str]:
        """Names of the tensors some step computes (the rest are given)."""
        return frozenset(step.output for step in self.steps if step.ops)

    # -- JSON ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "title": self.title,
            "takeaways": list(self.takeaways),
            "lang": self.lang,
            "decimals": self.decimals,
            "tensors": [
                {
                    "name": t.name,
                    "role": t.role,
                    "values": [list(row) for row in t.values],
                    "row_labels": list(t.row_labels),
                    "col_labels": list(t.col_labels),
                }
                for t in self.tensors
            ],
            "steps": [
                {
                    "id": s.id,
                    "title": s.title,
                    "kind": s.kind,
                    "formula": s.formula,
                    "inputs": list(s.inputs),
                    "output": s.output,
                    "notes": [{"text": n.text, "cells": [_cell_json(c) for c in n.cells]} for n in s.notes],
                    "params": dict(s.params),
                    "ops": [
                        {
                            "kind": op.kind,
                            "out": _cell_json(op.out),
                            "reads": [_cell_json(c) for c in op.reads],
                            "terms": [list(t) for t in op.terms],
                            "value": op.value,
                            "label": op.label,
                            "arithmetic": op.arithmetic,
                        }
                        for op in s.ops
                    ],
                }
                for s in self.steps
            ],
        }

    def _repr_html_(self) -> str:
        """A notebook shows a trace as the web player (see :mod:`handtf.player`)."""
        from handtf.player import page  # the player builds on the trace

        return page(self)._repr_html_()

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Trace:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise HandtfError(
                f"the trace is not valid JSON ({exc.msg} at line {exc.lineno}); pass a file written by `handtf trace`"
            ) from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Trace:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
            found = data.get("schema") if isinstance(data, dict) else None
            found_text = shown(repr(found), quote=False)
            raise HandtfError(f"unsupported trace schema {found_text}; this handtf reads schema {SCHEMA_VERSION}")
        from handtf.kinds import check_kinds  # the kinds build on the trace's value objects

        try:
            trace = cls(
                title=str(data["title"]),
                takeaways=tuple(str(t) for t in data.get("takeaways", [])),
                lang=str(data.get("lang", "en")),
                decimals=int(data.get("decimals", 2)),
                tensors=tuple(
                    Tensor(
                        name=str(t["name"]),
                        role=cast(Role, t["role"]),
                        values=tuple(tuple(as_number(v) for v in row) for row in t["values"]),
                        row_labels=tuple(str(x) for x in t["row_labels"]),
                        col_labels=tuple(str(x) for x in t["col_labels"]),
                    )
                    for t in data["tensors"]
                ),
                steps=tuple(
                    Step(
                        id=str(s["id"]),
                        title=str(s["title"]),
                        kind=str(s["kind"]),
                        formula=str(s["formula"]),
                        inputs=tuple(str(x) for x in s["inputs"]),
                        output=str(s["output"]),
                        notes=tuple(Note(str(n["text"]), tuple(_cell_from(c) for c in n["cells"])) for n in s["notes"]),
                        params=_params(s.get("params", {})),
                        ops=tuple(
                            CellOp(
                                kind=str(op["kind"]),
                                out=_cell_from(op["out"]),
                                reads=tuple(_cell_from(c) for c in op["reads"]),
                                terms=tuple((as_number(a), as_number(b)) for a, b in op["terms"]),
                                value=as_number(op["value"]),
                                label=str(op["label"]),
                                arithmetic=str(op["arithmetic"]),
                            )
                            for op in s["ops"]
                        ),
                    )
                    for s in data["steps"]
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, HandtfError):
                raise
            raise HandtfError(
                f"the trace is malformed ({type(exc).__name__}: {exc}); pass a file written by `handtf trace`"
            ) from None
        return check_kinds(trace)


def _params(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise TypeError("a step's params must be an object")
    return dict(data)


def _cell_json(cell: Cell) -> list[str | int]:
    return [cell.tensor, cell.row, cell.col]


def _cell_from(data: Any) -> Cell:
    tensor, row, col = data
    return Cell(str(tensor), int(row), int(col))
