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
    "TEXT_LIMITS",
    "export_spec",
    "ops",
    "load_spec",
    "spec_from_text",
    "trace_from_spec",
]

import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

import tomli_w

from handtf import fields
from handtf.chain import Chain
from handtf.errors import HandtfError, shown
from handtf.fields import MAX_NAME, MAX_SIDE, TEXT_LIMITS
from handtf.kinds import Composite, Kind, kind_of, spec_form, spec_forms
from handtf.text import LANGS, translated
from handtf.trace import ROLES, Step, Tensor, Trace

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

MAX_SPEC_BYTES = 1 << 20  # a spec is a few matrices and steps: a few kilobytes
_GIVEN_ROLES = tuple(r for r in ROLES if r != "ones")  # the 1s row under a linear step is made, not given
_STEP_KEYS = {"op", "inputs", "output", "title", "note", "id", "role"}  # and each kind's parameters
_MATRIX_KEYS = {"role", "values", "row_labels", "col_labels"}


def ops() -> tuple[str, ...]:
    """The ops a spec step may name, in the order lists show them."""
    return tuple(form.op for form in spec_forms())


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
        self.written_in = data.get("lang", "en")  # the spec's own language
        self.lang = lang or self.written_in
        for given in (self.written_in, self.lang):
            if given not in LANGS:
                raise HandtfError(f"lang {shown(given)} is not one of {', '.join(LANGS)}")
        self.data = data
        self.title = self.words(fields.text(data.get("title", "My exercise"), "title", "title"))
        takeaways = data.get("takeaways", [])
        if not isinstance(takeaways, list):
            raise HandtfError("takeaways must be a list of strings")
        self.takeaways = tuple(
            self.words(fields.text(t, f"takeaways[{i + 1}]", "takeaway")) for i, t in enumerate(takeaways)
        )

    def words(self, text: str) -> str:
        """A title or note in the language asked for, if handtf wrote it (see
        :func:`handtf.text.translated`); words the user typed stay as typed.
        """
        return translated(text, self.written_in, self.lang)

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
        fields.name(name, where, "a matrix name")
        if not isinstance(matrix, dict):
            raise HandtfError(f"{where} must be a table with role and values")
        fields.no_unknown(matrix, _MATRIX_KEYS, where)
        role = matrix.get("role", "input")
        if role not in _GIVEN_ROLES:
            raise HandtfError(f"{where}.role {shown(role)} is not one of {', '.join(_GIVEN_ROLES)}")
        values = fields.values(matrix.get("values"), f"{where}.values")
        labels = {k: fields.labels(matrix.get(k), f"{where}.{k}") for k in ("row_labels", "col_labels")}
        try:
            return chain.given(name, role, values, labels["row_labels"], labels["col_labels"])
        except HandtfError as exc:
            raise HandtfError(f"{where}: {exc}") from None

    def step(self, chain: Chain, known: dict[str, Tensor], index: int, step: Any) -> None:
        where = f"steps[{index + 1}]"
        if not isinstance(step, dict):
            raise HandtfError(f"{where} must be a table with op, inputs and output")
        fields.no_unknown(step, _step_keys(), where)
        form = spec_form(step.get("op"), where)
        where = f"{where} ({form.op})"
        _own_params(step, form, where)
        output = step.get("output")
        if not isinstance(output, str) or not output:
            raise HandtfError(f"{where}.output must name the matrix the step makes")
        fields.name(output, f"{where}.output", "the name of a step's output")
        typed = fields.text(step.get("title", form.default_title(self.lang, index + 1)), f"{where}.title", "title")
        named = re.sub(r"[^a-z0-9]+", "-", re.sub(r"^\[\d+\]", "", typed.lower())).strip("-")[: TEXT_LIMITS["id"]]
        step_id = fields.text(step.get("id", named or f"{form.op}-{index + 1}"), f"{where}.id", "id")
        title = self.words(typed)  # the id comes from the title as written, in any language
        note = {"note": self.words(fields.text(step["note"], f"{where}.note", "note"))} if "note" in step else {}
        role = step.get("role", "hidden")
        if role not in ("hidden", "output", "attention"):
            raise HandtfError(f"{where}.role {shown(role)}: a computed matrix is hidden, attention or output")
        if isinstance(form, Kind) and not form.computes:
            if output not in known:
                raise HandtfError(
                    f"{where}.output {shown(output)} is not a matrix of the spec; show one of {fields.names(known)}"
                )
            form.build(chain, step_id, title, (), output, role, note)
            return
        inputs = step.get("inputs")
        arity = len(form.inputs)
        more = form.more_inputs
        if (
            not isinstance(inputs, list)
            or not (len(inputs) >= arity if more else len(inputs) == arity)
            or not all(isinstance(n, str) for n in inputs)
        ):
            also = ", …" if more else ""
            count = f"{arity} or more" if more else str(arity)
            raise HandtfError(f"{where}.inputs must be {count} matrix name(s): [{', '.join(form.inputs)}{also}]")
        for name in inputs:
            if name not in known:
                raise HandtfError(
                    f"{where}.inputs: {shown(name)} is not defined before this step; known: {fields.names(known)}"
                )
        if output in known or output in form.spec_outputs(inputs):
            raise HandtfError(f"{where}.output {shown(output)} is already a matrix; give the result a new name")
        try:
            params = form.read_params(step, known)
            args = tuple(known[n] for n in inputs)
            known[output] = form.build(chain, step_id, title, args, output, role, {**params, **note})
        except HandtfError as exc:
            raise HandtfError(f"{where}: {exc}") from None
        for name in form.also_makes(params):
            known[name] = chain.tensor(name)


# Parameters that a spec of an earlier handtf could give any step, where they were
# ignored unless the op took them; they still are, so those specs keep loading.
_IGNORED_ELSEWHERE = {"explain", "factor", "factor_text", "names"}


def _own_params(step: dict[str, Any], form: Kind | Composite, where: str) -> None:
    """Refuse a parameter of another op (``alpha`` on a matmul)."""
    own = {p.name for p in form.params}
    foreign = sorted((set(step) - _STEP_KEYS - own) - _IGNORED_ELSEWHERE)
    if foreign:
        takes = ", ".join(sorted(own)) or "no parameters"
        raise HandtfError(f"{where}: {foreign[0]} is not a parameter of {form.op}; it takes {takes}")


def _step_keys() -> set[str]:
    """The fields a spec step may have: the common ones, and every kind's parameters."""
    return _STEP_KEYS | {p.name for form in spec_forms() for p in form.params}


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
    steps: list[dict[str, Any]] = []
    parts: list[Step] = []  # the steps of a composite op (a softmax), as they come
    for step in trace.steps:
        part_of = step.params.get("part_of")
        if parts and part_of != parts[0].params.get("part_of"):
            steps.append(_composite_entry(trace, parts))
            parts = []
        if part_of is not None:
            parts.append(step)
        else:
            steps.append(_step_entry(trace, step))
    if parts:
        steps.append(_composite_entry(trace, parts))
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


def _step_entry(trace: Trace, step: Step) -> dict[str, Any]:
    kind = kind_of(step)
    entry: dict[str, Any] = {"op": kind.op, "id": step.id, "title": step.title, **kind.export_params(step)}
    if kind.computes:
        entry["inputs"] = kind.spec_inputs(step)
    entry["output"] = step.output
    role = trace.tensor(step.output).role
    if kind.computes and role != "hidden":
        entry["role"] = role
    if "note" in step.params:
        entry["note"] = step.params["note"]
    return entry


def _composite_entry(trace: Trace, parts: list[Step]) -> dict[str, Any]:
    form = spec_form(parts[0].params["part_of"]["op"], "a composite step")
    assert isinstance(form, Composite)
    return form.export_entry(parts, trace.tensor(parts[-1].output).role)


_ITEM = re.compile(r'-?[\d.e+-]+|"[^"\\\n]*"')
_INNER_ARRAY = re.compile(r'\[\n(?:[ ]+(?:-?[\d.e+-]+|"[^"\\\n]*"),\n)+[ ]*\]')
