"""Exercise spec files: your own matrices and chain of steps, in TOML or JSON.

A spec names its matrices and lists its steps in order::

    title = "My FFN"

    [matrices.X]
    role = "input"
    values = [[1, 2], [0, -1]]

    [matrices.W]
    role = "weight"
    values = [[1, 0], [-1, 1]]

    [matrices.b]
    role = "bias"
    values = [[0], [1]]

    [[steps]]
    op = "linear"
    inputs = ["W", "b", "X"]
    output = "H"
    title = "[1] A layer"

Loading never evaluates code: the file is parsed as data and every field is checked,
and a mistake gives one line naming the field (``steps[2].inputs``) and what is wrong.
"""

from __future__ import annotations

__all__ = [
    "MAX_NAME",
    "MAX_SIDE",
    "MAX_SPEC_BYTES",
    "OPS",
    "TEXT_LIMITS",
    "export_spec",
    "load_spec",
    "spec_from_text",
    "trace_from_spec",
]

import json
import math
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path
from typing import Any

import tomli_w

from handtf.chain import Chain
from handtf.errors import HandtfError, shown
from handtf.text import LANGS, say
from handtf.trace import ROLES, Note, Tensor, Trace, format_number

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MAX_SIDE = 12  # rows or columns of a matrix that still fit on screen, readable
MAX_SPEC_BYTES = 1 << 20  # a spec is a few matrices and steps: a few kilobytes
MAX_NAME = 12  # characters of a matrix's name, or of a row or column label
# The longest text of each kind, in characters: what fits on the page.
TEXT_LIMITS = {"title": 100, "note": 160, "takeaway": 120, "id": 60, "factor_text": 16}
OPS = ("show", "matmul", "linear", "relu", "transpose", "scale", "exp", "softmax", "sums", "divide", "add")
_GIVEN_ROLES = tuple(r for r in ROLES if r != "ones")  # the 1s row under a linear step is made, not given
_STEP_KEYS = {"op", "inputs", "output", "title", "note", "id", "role", "explain", "factor", "factor_text", "names"}
_MATRIX_KEYS = {"role", "values", "row_labels", "col_labels"}
_ARITY = {"show": 0, "matmul": 2, "linear": 3, "divide": 2, "add": 2}  # the others take one input
_INPUT_NAMES = {"matmul": "[left, right]", "linear": "[weights, bias, x]", "divide": "[x, sums]", "add": "[a, b]"}


def load_spec(path: Path, lang: str | None = None) -> Trace:
    """Read a spec file (``.toml`` or ``.json``) and work it out into a trace; ``lang``
    overrides the spec's own language for the notes handtf writes.

    Only a regular file of at most :data:`MAX_SPEC_BYTES` is read: a FIFO, a device or
    a link to one is refused before a byte is read, so nothing waits or fills memory.
    """
    suffix = path.suffix.lower()
    name = shown(str(path))
    if suffix not in (".toml", ".json"):
        raise HandtfError(f"spec {name}: name it *.toml or *.json so handtf knows how to read it")
    raw = _read_spec(path, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HandtfError(
            f"spec {name} is not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start}); save it as UTF-8"
        ) from None
    return spec_from_text(text, suffix.lstrip("."), str(path), lang)


def _read_spec(path: Path, name: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise HandtfError(f"cannot read spec {name} ({exc.strerror or type(exc).__name__})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or a device)"
        raise HandtfError(f"spec {name} is {what}; give a .toml or .json file")
    with os.fdopen(fd, "rb") as f:
        if info.st_size > MAX_SPEC_BYTES:
            raise HandtfError(f"spec {name} is {info.st_size} bytes; a spec is at most {MAX_SPEC_BYTES} bytes (1 MiB)")
        try:
            raw = f.read(MAX_SPEC_BYTES + 1)
        except OSError as exc:
            raise HandtfError(f"cannot read spec {name} ({exc.strerror or type(exc).__name__})") from None
    if len(raw) > MAX_SPEC_BYTES:
        raise HandtfError(f"spec {name} grew past {MAX_SPEC_BYTES} bytes (1 MiB) as it was read; a spec is smaller")
    return raw


def spec_from_text(text: str, fmt: str, source: str = "spec", lang: str | None = None) -> Trace:
    """Parse spec ``text`` written in ``fmt`` (``toml`` or ``json``) into a trace.

    A byte-order mark at the start (as Windows Notepad saves UTF-8) is skipped.
    """
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys) if fmt == "json" else tomllib.loads(text)
    except json.JSONDecodeError as exc:
        raise HandtfError(f"{source} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except tomllib.TOMLDecodeError as exc:
        raise HandtfError(f"{source} is not valid TOML ({exc})") from None
    except HandtfError as exc:
        raise HandtfError(f"{source}: {exc}") from None
    except RecursionError:
        raise HandtfError(f"{source} nests too deeply; a spec is a table of matrices and a list of steps") from None
    except ValueError:  # Python's limit on the digits of an integer, 4300
        raise HandtfError(f"{source} holds a number of over 4300 digits; by-hand numbers are short") from None
    return trace_from_spec(data, source, lang)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (JSON would keep the last quietly)."""
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise HandtfError(f"the name {shown(key)} is given twice; give each matrix and field one entry")
        table[key] = value
    return table


def trace_from_spec(data: Any, source: str = "spec", lang: str | None = None) -> Trace:
    """Check a parsed spec field by field and work it out into a trace."""
    try:
        return _Reader(data, lang).trace()
    except HandtfError as exc:
        raise HandtfError(f"{source}: {exc}") from None


class _Reader:
    def __init__(self, data: Any, lang: str | None) -> None:
        if not isinstance(data, dict):
            raise HandtfError("the top level must be a table with `matrices` and `steps`")
        unknown = set(data) - {"title", "lang", "takeaways", "matrices", "steps"}
        if unknown:
            raise HandtfError(
                f"unknown field {shown(sorted(unknown)[0])}; a spec has title, lang, takeaways, matrices and steps"
            )
        self.lang = lang or data.get("lang", "en")
        if self.lang not in LANGS:
            raise HandtfError(f"lang {shown(self.lang)} is not one of {', '.join(LANGS)}")
        self.data = data
        self.title = _text(data.get("title", "My exercise"), "title", "title")
        takeaways = data.get("takeaways", [])
        if not isinstance(takeaways, list):
            raise HandtfError("takeaways must be a list of strings")
        self.takeaways = tuple(_text(t, f"takeaways[{i + 1}]", "takeaway") for i, t in enumerate(takeaways))

    def trace(self) -> Trace:
        matrices = self.data.get("matrices")
        if not isinstance(matrices, dict) or not matrices:
            raise HandtfError("matrices must be a table with at least one matrix, e.g. [matrices.X]")
        steps = self.data.get("steps")
        if not isinstance(steps, list) or not steps:
            raise HandtfError("steps must be a list with at least one step, e.g. [[steps]] with op = 'matmul'")
        chain = Chain(self.title, self.lang)
        known: dict[str, Tensor] = {}
        for name, matrix in matrices.items():
            known[name] = self.matrix(chain, name, matrix)
        for index, step in enumerate(steps):
            self.step(chain, known, index, step)
        return chain.trace(self.takeaways)

    def matrix(self, chain: Chain, name: str, matrix: Any) -> Tensor:
        where = f"matrices.{shown(name, 20, quote=False)}"
        _name(name, where, "a matrix name")
        if not isinstance(matrix, dict):
            raise HandtfError(f"{where} must be a table with role and values")
        _no_unknown(matrix, _MATRIX_KEYS, where)
        role = matrix.get("role", "input")
        if role not in _GIVEN_ROLES:
            raise HandtfError(f"{where}.role {shown(role)} is not one of {', '.join(_GIVEN_ROLES)}")
        values = _values(matrix.get("values"), f"{where}.values")
        labels = {k: _labels(matrix.get(k), f"{where}.{k}") for k in ("row_labels", "col_labels")}
        try:
            return chain.given(name, role, values, labels["row_labels"], labels["col_labels"])
        except HandtfError as exc:
            raise HandtfError(f"{where}: {exc}") from None

    def step(self, chain: Chain, known: dict[str, Tensor], index: int, step: Any) -> None:
        where = f"steps[{index + 1}]"
        if not isinstance(step, dict):
            raise HandtfError(f"{where} must be a table with op, inputs and output")
        _no_unknown(step, _STEP_KEYS, where)
        op = step.get("op")
        if op not in OPS:
            raise HandtfError(f"{where}.op {shown(op)} is not one of {', '.join(OPS)}")
        where = f"{where} ({op})"
        output = step.get("output")
        if not isinstance(output, str) or not output:
            raise HandtfError(f"{where}.output must name the matrix the step makes")
        _name(output, f"{where}.output", "the name of a step's output")
        title = _text(step.get("title", f"[{index + 1}] {op.capitalize()}"), f"{where}.title", "title")
        named = re.sub(r"[^a-z0-9]+", "-", re.sub(r"^\[\d+\]", "", title.lower())).strip("-")[: TEXT_LIMITS["id"]]
        step_id = _text(step.get("id", named or f"{op}-{index + 1}"), f"{where}.id", "id")
        notes = (Note(_text(step["note"], f"{where}.note", "note")),) if "note" in step else ()
        role = step.get("role", "hidden")
        if role not in ("hidden", "output", "attention"):
            raise HandtfError(f"{where}.role {shown(role)}: a computed matrix is hidden, attention or output")
        if op == "show":
            if output not in known:
                raise HandtfError(
                    f"{where}.output {shown(output)} is not a matrix of the spec; show one of {_names(known)}"
                )
            chain.show(step_id, title, known[output], notes)
            return
        inputs = step.get("inputs")
        arity = _ARITY.get(op, 1)
        if not isinstance(inputs, list) or len(inputs) != arity or not all(isinstance(n, str) for n in inputs):
            raise HandtfError(f"{where}.inputs must be {arity} matrix name(s): {_INPUT_NAMES.get(op, '[x]')}")
        for name in inputs:
            if name not in known:
                raise HandtfError(
                    f"{where}.inputs: {shown(name)} is not defined before this step; known: {_names(known)}"
                )
        if output in known or f"1s({inputs[-1]})" == output:
            raise HandtfError(f"{where}.output {shown(output)} is already a matrix; give the result a new name")
        try:
            made = self.make(chain, known, op, step_id, title, [known[n] for n in inputs], output, role, step, where)
        except HandtfError as exc:
            raise HandtfError(f"{where}: {exc}") from None
        if notes:
            chain.add_notes(notes)
        known[output] = made

    def make(
        self,
        chain: Chain,
        known: dict[str, Tensor],
        op: str,
        step_id: str,
        title: str,
        args: list[Tensor],
        output: str,
        role: Any,
        step: dict[str, Any],
        where: str,
    ) -> Tensor:
        """Work one step out with the chain."""
        x = args[0]
        if op == "matmul":
            return chain.matmul(step_id, title, x, args[1], output, role, bool(step.get("explain", False)))
        if op == "linear":
            return chain.linear(step_id, title, x, args[1], args[2], output, role)
        if op == "relu":
            return chain.relu(step_id, title, x, output, role)
        if op == "transpose":
            return chain.transpose(step_id, title, x, output, role)
        if op == "scale":
            factor = step.get("factor")
            if isinstance(factor, bool) or not isinstance(factor, (int, float)):
                raise HandtfError("factor must be a finite number, e.g. factor = 0.5")
            if isinstance(factor, float) and not math.isfinite(factor):
                raise HandtfError("factor must be a finite number, e.g. factor = 0.5")
            if abs(factor) >= 1e6:
                raise HandtfError(f"factor is {_number(factor)}; by-hand numbers stay below a million")
            text = _text(step.get("factor_text", format_number(factor)), "factor_text", "factor_text")
            return chain.scale(step_id, title, x, factor, text, output, role)
        if op == "exp":
            return chain.exp(step_id, title, x, output, role)
        if op == "sums":
            return chain.column_sums(step_id, title, x, output)
        if op == "divide":
            return chain.divide(step_id, title, x, args[1], output, role)
        if op == "add":
            return chain.add(step_id, title, x, args[1], output, role)
        names = step.get("names", ["E", "Σ"])
        if not isinstance(names, list) or len(names) != 2 or not all(isinstance(n, str) and n for n in names):
            raise HandtfError('names must be two names, for the exps and the column sums, e.g. ["E", "Σ"]')
        for name in names:
            _name(name, "names", "the name of a softmax's exps or sums")
            if name in known or name == output:
                raise HandtfError(f"names: {shown(name)} is already a matrix; pick new names for the exps and sums")
        ids = (f"{step_id}-exp", f"{step_id}-sums", f"{step_id}-divide")
        exp, sums, divide = (say(self.lang, f"softmax.{part}", title=title) for part in ("exp", "sums", "divide"))
        titles = (exp, sums, divide)
        made = chain.softmax(ids, titles, x, (names[0], names[1], output), role)
        for name in names:
            known[name] = chain.tensor(name)
        return made


def _no_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise HandtfError(f"{where}: unknown field {shown(sorted(unknown)[0])}; allowed: {', '.join(sorted(allowed))}")


def _text(value: Any, where: str, kind: str) -> str:
    """A text of the spec's (a title, a note): one line of printable characters, short
    enough to fit the page.
    """
    if not isinstance(value, str):
        raise HandtfError(f"{where} must be a string, not {type(value).__name__}")
    limit = TEXT_LIMITS[kind]
    if len(value) > limit:
        raise HandtfError(f"{where} is {len(value)} characters long; at most {limit} fit, so shorten it")
    if not value.isprintable():
        bad = next(ch for ch in value if not ch.isprintable())
        raise HandtfError(
            f"{where} holds the invisible character U+{ord(bad):04X}; a text is one line of visible characters"
        )
    if not _visible(value):
        raise HandtfError(f"{where} draws as nothing; give it visible letters, or leave it out")
    _left_to_right(value, where)
    return value


def _left_to_right(value: str, where: str) -> None:
    """Refuse right-to-left letters (Hebrew, Arabic): the renderer lays a line out
    left to right only, and such a word comes out as no shape at all.
    """
    for ch in value:
        if unicodedata.bidirectional(ch) in ("R", "AL"):
            raise HandtfError(
                f"{where} holds the right-to-left letter U+{ord(ch):04X}; handtf draws left-to-right scripts only"
            )


# Letters that draw as nothing: a name of them would be a blank label.
_BLANK = frozenset(" \u115f\u1160\u2800\u3164\uffa0")


def _number(v: int | float) -> str:
    """A number the user gave, as a message shows it: short, however many digits."""
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) >= 1e12 else str(v)
    if abs(v) < 10**12:
        return str(v)
    if v.bit_length() > 13000:  # str() refuses over 4300 digits
        return "a number of over 3900 digits"
    return f"a {len(str(abs(v)))}-digit number"


def _visible(value: str) -> bool:
    """Whether ``value`` draws something: a letter, digit, mark of punctuation or symbol
    that is not a blank look-alike (combining marks and selectors alone draw nothing).
    """
    return any(unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK for ch in value)


def _name(value: str, where: str, what: str) -> None:
    """A matrix's name, as the page and the labels show it."""
    if not value or not value.isprintable() or len(value) > MAX_NAME or not _visible(value):
        raise HandtfError(f"{where}: {shown(value, 20)} is not a name; {what} is 1 to {MAX_NAME} visible characters")
    _left_to_right(value, where)


def _names(known: dict[str, Tensor]) -> str:
    names = list(known)
    return (", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")) or "none yet"


def _values(values: Any, where: str) -> list[list[int | float]]:
    if not isinstance(values, list) or not values or not all(isinstance(row, list) and row for row in values):
        raise HandtfError(f"{where} must be a non-empty list of non-empty rows, e.g. [[1, 0], [0, 1]]")
    width = len(values[0])
    for i, row in enumerate(values):
        if len(row) != width:
            raise HandtfError(f"{where}: row {i + 1} has {len(row)} numbers but row 1 has {width}; make them equal")
        for j, v in enumerate(row):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                shown_v = shown(v) if isinstance(v, str) else shown(repr(v), quote=False)
                raise HandtfError(f"{where}[{i + 1}][{j + 1}] is {shown_v}, not a number")
            if isinstance(v, float) and not math.isfinite(v):
                raise HandtfError(f"{where}[{i + 1}][{j + 1}] is {v}; use a finite number")
            if abs(v) >= 1e6:
                raise HandtfError(f"{where}[{i + 1}][{j + 1}] is {_number(v)}; by-hand numbers stay below a million")
    if len(values) > MAX_SIDE or width > MAX_SIDE:
        raise HandtfError(f"{where} is {len(values)}x{width}; at most {MAX_SIDE}x{MAX_SIDE} fits on screen readably")
    return values


def _labels(labels: Any, where: str) -> list[str] | None:
    if labels is None:
        return None
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise HandtfError(f"{where} must be a list of strings")
    for i, label in enumerate(labels):
        if not label.isprintable() or len(label) > MAX_NAME or (label and not _visible(label)):
            raise HandtfError(
                f"{where}[{i + 1}] is {shown(label, 20)}; a label is at most {MAX_NAME} visible characters"
            )
        _left_to_right(label, f"{where}[{i + 1}]")
    return labels


def export_spec(trace: Trace, fmt: str = "toml") -> str:
    """Write a trace's exercise as a spec (``toml`` or ``json``) that loads back into
    the same trace: its given matrices, its steps, their titles and notes.
    """
    produced = trace.produced()
    matrices: dict[str, Any] = {}
    for t in trace.tensors:
        if t.name in produced or t.role == "ones":
            continue
        entry: dict[str, Any] = {"role": t.role, "values": [list(row) for row in t.values]}
        default = Tensor.of(t.name, t.role, t.values)
        if t.row_labels != default.row_labels:
            entry["row_labels"] = list(t.row_labels)
        if t.col_labels != default.col_labels:
            entry["col_labels"] = list(t.col_labels)
        matrices[t.name] = entry
    steps = []
    for s in trace.steps:
        op = {"given": "show", "colsum": "sums"}.get(s.kind, s.kind)
        entry = {"op": op, "id": s.id, "title": s.title}
        if op == "scale":
            entry["factor"] = s.ops[0].terms[0][1]
            entry["factor_text"] = s.formula.rpartition(" × ")[2]
        if op != "show":
            entry["inputs"] = list(s.inputs[:3] if op == "linear" else s.inputs)
        entry["output"] = s.output
        role = trace.tensor(s.output).role
        if op not in ("show", "sums") and role != "hidden":
            entry["role"] = role
        if op == "matmul" and any(n.cells for n in s.notes):
            entry["explain"] = True
        extra = [n.text for n in s.notes if not n.cells][1 if op in ("linear", "relu", "divide") else 0 :]
        if extra:
            entry["note"] = extra[0]
        steps.append(entry)
    data: dict[str, Any] = {"title": trace.title}
    if trace.lang != "en":
        data["lang"] = trace.lang
    if trace.takeaways:
        data["takeaways"] = list(trace.takeaways)
    data["matrices"] = matrices
    data["steps"] = steps
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # tomli-w puts every array item on a line of its own; a matrix reads (and is edited)
    # best a row per line, so innermost arrays of numbers or plain words are joined up.
    return _INNER_ARRAY.sub(lambda m: "[" + ", ".join(_ITEM.findall(m.group(0))) + "]", tomli_w.dumps(data))


_ITEM = re.compile(r'-?[\d.e+-]+|"[^"\\\n]*"')
_INNER_ARRAY = re.compile(r'\[\n(?:[ ]+(?:-?[\d.e+-]+|"[^"\\\n]*"),\n)+[ ]*\]')
