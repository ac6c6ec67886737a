"""What an op kind is: everything handtf knows about one kind of step, in one class.

A kind says how it computes its values and its cell ops (:meth:`Kind.compute`), how
an op of it is worked out again from its terms (its :class:`CellRule`), its spec form
(the spec's ``op`` name, its inputs and its parameters), where its output goes on the
page (:meth:`Kind.place`), how the walkthrough plays it (its beat), and its words,
which live in each language's catalog of :mod:`handtf.text` under ``kind.<op>``.
"""

from __future__ import annotations

__all__ = [
    "Beat",
    "CellByCell",
    "CellFunction",
    "CellRule",
    "Kind",
    "Param",
    "Result",
    "Side",
    "each",
    "given_note",
    "kept_labels",
    "operand",
]

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown, shown_number
from handtf.kinds.as_seen import said_as_seen
from handtf.text import say
from handtf.trace import Cell, CellOp, Note, Number, Role, Step, Tensor, cell_name, own_labels
from handtf.written import as_number, format_number, result_text

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain
    from handtf.layout import Stairs

Result = tuple[npt.NDArray[np.float64], tuple[CellOp, ...]]
# How the walkthrough plays a step: ``hold`` shows a given matrix and waits;
# ``products`` lights the cells combined and flies the result from the caption into
# its cell; ``across`` moves each value over from the one cell it comes from.
Beat = Literal["hold", "products", "across"]
# Which mark lights a cell read: the row of a left operand, or the column of the rest.
Side = Literal["row", "col"]
Params = Mapping[str, Any]


@dataclass(frozen=True)
class CellRule:
    """How an op of one kind is worked out again from its terms alone (see
    :func:`handtf.replay.replay`).

    ``reads`` lists, for a term, which of its two numbers were read from cells (the
    others are constants), and ``sides`` which mark lights each of those cells.
    ``last_reads``, if given, is what the last term reads instead (normalize's
    ``(σ, ε)``, whose ε is a constant).
    """

    name: str
    value: Callable[[tuple[tuple[Number, Number], ...]], float]
    reads: tuple[int, ...] = (0,)
    sides: tuple[Side, ...] = ("col",)
    last_reads: tuple[int, ...] | None = None

    def computed(self, op: CellOp) -> Number:
        """The op's value from its terms; one no cell can show (an overflow) is refused,
        naming the cell.
        """
        value = self.value(op.terms)
        if isinstance(value, float) and not math.isfinite(value):
            raise HandtfError(
                f"{cell_name(op.out.tensor, op.out.row, op.out.col)} would be {value:g}, which no cell can show; "
                "make the numbers (or the factor) smaller"
            )
        return as_number(value)

    def term_reads(self, count: int) -> list[tuple[int, ...]]:
        """For each of ``count`` terms, which of its two numbers are read from cells."""
        reads = [self.reads] * count
        if self.last_reads is not None and count:
            reads[-1] = self.last_reads
        return reads

    def operand_cells(self, op: CellOp) -> tuple[tuple[Cell, ...], ...]:
        """The cells each term's operands were read from, one tuple per term."""
        cells, start = [], 0
        for reads in self.term_reads(len(op.terms)):
            cells.append(op.reads[start : start + len(reads)])
            start += len(reads)
        return tuple(cells)

    def read_values(self, term: tuple[Number, Number], last: bool = False) -> tuple[Number, ...]:
        """The numbers of one term that come from cells (``last``: of the last term)."""
        reads = self.last_reads if last and self.last_reads is not None else self.reads
        return tuple(term[i] for i in reads)

    def side(self, index: int) -> Side:
        """The mark of the ``index``-th cell an op reads."""
        return self.sides[index % len(self.sides)]


@dataclass(frozen=True)
class Param:
    """A parameter of a step's spec form: its name, its default (``None``: it must be
    given), a check that returns the value or raises with what is wrong, and a value
    it may take (for the kind's examples and tests).
    """

    name: str
    default: Any
    check: Callable[[Any], Any]
    example: Any = None


class Kind:
    """One op kind. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]  # the step kind a trace records, e.g. "colsum"
    op: ClassVar[str]  # the spec's op name, e.g. "sums"
    order: ClassVar[int]  # where the kind comes in lists of kinds
    inputs: ClassVar[tuple[str, ...]] = ("x",)  # what each input is, as messages name them
    more_inputs: ClassVar[bool] = False  # True: a spec may give more inputs than these (stack's)
    params: ClassVar[tuple[Param, ...]] = ()
    rules: ClassVar[tuple[CellRule, ...]] = ()  # the cell rules its ops use
    beat: ClassVar[Beat] = "across"
    computes: ClassVar[bool] = True  # False: the step shows a given matrix and computes nothing
    whole_page: ClassVar[bool] = False  # True: the camera takes in the whole sheet so far (an overview)
    shows_sources: ClassVar[bool] = False  # True: the view takes in the matrices its copies come from, if near

    # -- compute -------------------------------------------------------------------
    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        """The output's values and the cell ops that make them."""
        raise NotImplementedError

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        """The same result, the numpy way, to check the cell ops against."""
        raise NotImplementedError

    def input_shapes(self, rows: int, inner: int, cols: int) -> tuple[tuple[int, int], ...]:
        """Shapes of inputs that go together, for an output about ``rows`` x ``cols``."""
        return ((rows, cols),) * len(self.inputs)

    def example_inputs(self, arrays: Sequence[npt.NDArray[np.float64]]) -> list[npt.NDArray[np.float64]]:
        """Inputs of these shapes that the kind takes, made from ``arrays`` (the tests'
        random ones): most kinds take any, the embedding lookup only a one-hot.
        """
        return list(arrays)

    # -- the step --------------------------------------------------------------------
    def operands(self, chain: Chain, inputs: tuple[Tensor, ...]) -> tuple[Tensor, ...]:
        """The matrices the step reads: its inputs, and any it adds (linear's 1s)."""
        return inputs

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        """The step's formula, as its title band shows it."""
        raise NotImplementedError

    def output_labels(self, inputs: tuple[Tensor, ...], params: Params) -> tuple[list[str] | None, list[str] | None]:
        """The output's row and column labels, if not the default ones (the next
        token's words).
        """
        return None, None

    def notes(
        self, lang: str, inputs: tuple[Tensor, ...], result: Tensor, ops: tuple[CellOp, ...], params: Params
    ) -> tuple[Note, ...]:
        """Notes the step writes itself (a spec's own ``note`` comes after them)."""
        return ()

    def build(
        self, chain: Chain, step_id: str, title: str, inputs: tuple[Tensor, ...], out: str, role: Role, params: Params
    ) -> Tensor:
        """Work the step out and add it, with its output, to ``chain``."""
        operands = self.operands(chain, inputs)
        values, ops = self.compute(operands, out, params)
        ops = tuple(said_as_seen(op) for op in ops)
        result = chain.computed(out, role, values, *self.output_labels(operands, params))
        notes = self.notes(chain.lang, operands, result, ops, params) + given_note(params)
        formula = self.formula(chain.lang, operands, out, params)
        names = tuple(t.name for t in operands)
        chain.add_step(Step(step_id, title, self.name, formula, names, out, ops, notes, dict(params)))
        return result

    # -- the spec form ---------------------------------------------------------------
    def read_params(self, step: Mapping[str, Any], taken: Collection[str]) -> dict[str, Any]:
        """The parameters a spec step gives, checked, with defaults filled in; ``taken``
        are the names of the matrices so far.
        """
        values: dict[str, Any] = {}
        for param in self.params:
            if param.name in step:
                values[param.name] = param.check(step[param.name])
            elif param.default is not None:
                values[param.name] = param.default
            else:
                values[param.name] = param.check(None)
        return values

    def spec_outputs(self, inputs: Sequence[str]) -> tuple[str, ...]:
        """Names the step makes besides its output (linear's 1s row), which a spec's
        output may not take.
        """
        return ()

    def also_makes(self, params: Params) -> tuple[str, ...]:
        """Matrices besides the output that later spec steps may read."""
        return ()

    def spec_inputs(self, step: Step) -> list[str]:
        """The input names a spec gives for ``step`` (without the ones it adds itself)."""
        return list(step.inputs[: len(self.inputs)])

    def export_params(self, step: Step) -> dict[str, Any]:
        """The parameters a spec gives to make ``step`` again."""
        return {p.name: step.params[p.name] for p in self.params if step.params.get(p.name, p.default) != p.default}

    def default_title(self, lang: str, number: int) -> str:
        return f"[{number}] {say(lang, f'kind.{self.op}')}"

    # -- the page and the beat -----------------------------------------------------
    def place(self, stairs: Stairs, step: Step) -> None:
        """Put the step's output on the page: by default right of its first input,
        cell beside cell.
        """
        stairs.beside(step)

    def left_operand(self, step: Step) -> str | None:
        """The input that sits left of the output, row beside row (a product's)."""
        return None

    def right_operand(self, step: Step) -> str | None:
        """The input a product's left operand multiplies, column by column (the ``x``
        of ``W·x``); backpropagation writes the gradient passed down in its rows.
        """
        return None

    def given_op(self, op: CellOp) -> bool:
        """Whether an op only writes a number the exercise gives (a known entry of a
        matrix with a missing one): it shows as its matrix appears, not worked out.
        """
        return False

    def before(self, op: CellOp) -> Number | None:
        """A value shown first in the output cell, then turned into the op's value in a
        beat of its own (ReLU's negatives becoming 0); ``None`` if there is none.
        """
        return None


class CellByCell(Kind):
    """Two matrices of one shape combined cell for cell, ``out = a ∘ b`` (add,
    multiply, subtract): subclasses set the ``symbol`` and the ``verb`` messages use.
    """

    inputs = ("a", "b")
    beat = "products"
    symbol: ClassVar[str]
    verb: ClassVar[str]

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        a, b = inputs
        same_shapes(a, b, self.verb)
        (rule,) = self.rules

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            x, y = a.at(i, j), b.at(i, j)
            label = f"{cell_name(a.name, i, j)} {self.symbol} {cell_name(b.name, i, j)}"
            worked = f"{operand(x)} {self.symbol} {operand(y)}"
            return (Cell(a.name, i, j), Cell(b.name, i, j)), ((x, y),), label, worked

        return each(out, a.shape, rule, make)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {inputs[0].name} {self.symbol} {inputs[1].name}"


class CellFunction(Kind):
    """A function of one number taken cell by cell, ``out = f(x)`` (exp, tanh, σ):
    subclasses set the ``function`` as the page writes it.
    """

    function: ClassVar[str]

    def worked(self, x: Number) -> str:
        """The left side of an op's arithmetic, ``tanh(1)``."""
        return f"{self.function}({format_number(x)})"

    def check(self, x: Number, tensor: Tensor) -> None:
        """Refuse a number the function cannot be worked out for by hand."""

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        (x,) = inputs
        rule = self.rules[0]  # the function's (exp's others are its own)

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            self.check(v, x)
            return (Cell(x.name, i, j),), ((v, 0),), f"{self.function}({cell_name(x.name, i, j)})", self.worked(v)

        return each(out, x.shape, rule, make)

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        return f"{out} = {self.function}({inputs[0].name})"

    def output_labels(self, inputs: tuple[Tensor, ...], params: Params) -> tuple[list[str] | None, list[str] | None]:
        return kept_labels(inputs[0])


def kept_labels(x: Tensor) -> tuple[list[str] | None, list[str] | None]:
    """The labels ``x`` has of its own, for a result cell for cell of it (exp, divide)."""
    rows, cols = own_labels(x)
    return (list(rows) if rows is not None else None), (list(cols) if cols is not None else None)


def given_note(params: Params) -> tuple[Note, ...]:
    """The note a spec (or an exercise) gives a step, shown after the kind's own."""
    return (Note(params["note"]),) if "note" in params else ()


def operand(value: Number) -> str:
    """A number as an operand of worked arithmetic: negatives in brackets."""
    text = format_number(value)
    return f"({text})" if text.startswith("-") else text


Make = Callable[[int, int], tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]]


def each(out: str, shape: tuple[int, int], rule: CellRule, make: Make) -> Result:
    """One op per output cell; ``make(i, j)`` gives its reads, terms, label and the
    left side of its arithmetic, and the value is worked out from the terms by ``rule``.
    """
    rows, cols = shape
    result = np.zeros(shape)
    ops: list[CellOp] = []
    for i in range(rows):
        for j in range(cols):
            reads, terms, label, expression = make(i, j)
            op = CellOp(rule.name, Cell(out, i, j), reads, terms, 0, "", "")
            value = rule.computed(op)
            result[i, j] = value
            label = f"{label} = {cell_name(out, i, j)}"
            ops.append(replace(op, value=value, label=label, arithmetic=f"{expression} {result_text(value)}"))
    return result, tuple(ops)


def same_shapes(a: Tensor, b: Tensor, verb: str) -> None:
    """Refuse two matrices that cannot be combined cell for cell."""
    if a.shape != b.shape:
        raise HandtfError(
            f"cannot {verb} {a.name} ({a.shape[0]}x{a.shape[1]}) and {b.name} ({b.shape[0]}x{b.shape[1]}): "
            "they need the same shape"
        )


def number_param(name: str, example: str, limit: float = 1e6) -> Callable[[Any], Any]:
    """A check for a parameter that is a finite number below ``limit``."""

    def check(value: Any) -> Any:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            given = (
                "missing"
                if value is None
                else shown(value)
                if isinstance(value, str)
                else shown(repr(value), quote=False)
            )
            raise HandtfError(f"{name} must be a finite number, e.g. {example}; it is {given}")
        if abs(value) >= limit:
            raise HandtfError(f"{name} is {shown_number(value)}; by-hand numbers stay below a million")
        return value

    return check
