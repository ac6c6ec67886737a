"""The registry of op kinds: one module per kind in this package, each registered here.

Every module of the package (but :mod:`handtf.kinds.kind`) is imported when the
package is, and registers its kind with :func:`register`. Adding a kind is adding a
module, and its words to the catalogs of :mod:`handtf.text`.
"""

from __future__ import annotations

__all__ = [
    "Composite",
    "Kind",
    "cell_rule",
    "check_kinds",
    "kind_of",
    "kinds",
    "register",
    "spec_form",
    "spec_forms",
]

import importlib
import pkgutil
from typing import TypeVar

from handtf.errors import HandtfError, shown
from handtf.kinds.composite import Composite
from handtf.kinds.kind import CellRule, Kind
from handtf.trace import CellOp, Step, Trace

_KINDS: dict[str, Kind] = {}
_RULES: dict[str, CellRule] = {}
_FORMS: dict[str, Kind | Composite] = {}

Registered = TypeVar("Registered", Kind, Composite)


def register(form: Registered) -> Registered:
    """Add a kind (or a composite spec op) to the registry; returns it."""
    if form.op in _FORMS:
        raise RuntimeError(f"two kinds take the spec op {form.op!r}")
    _FORMS[form.op] = form
    if isinstance(form, Kind):
        if form.name in _KINDS:
            raise RuntimeError(f"two kinds are named {form.name!r}")
        _KINDS[form.name] = form
        for rule in form.rules:
            if _RULES.setdefault(rule.name, rule) is not rule:
                raise RuntimeError(f"two cell rules are named {rule.name!r}")
    return form


def kinds() -> tuple[Kind, ...]:
    """Every registered kind, in the order lists show them."""
    return tuple(sorted(_KINDS.values(), key=lambda k: k.order))


def spec_forms() -> tuple[Kind | Composite, ...]:
    """Every op a spec may name, in the order lists show them."""
    return tuple(sorted(_FORMS.values(), key=lambda k: k.order))


def kind_of(step: Step | str) -> Kind:
    """The kind of a step (or the kind with that name)."""
    name = step if isinstance(step, str) else step.kind
    try:
        return _KINDS[name]
    except KeyError:
        known = ", ".join(k.name for k in kinds())
        raise HandtfError(f"unknown step kind {shown(name)}; handtf knows: {known}") from None


def spec_form(op: object, where: str) -> Kind | Composite:
    """The kind (or composite) a spec step's ``op`` names."""
    form = _FORMS.get(op) if isinstance(op, str) else None
    if form is None:
        known = ", ".join(f.op for f in spec_forms())
        raise HandtfError(f"{where}.op {shown(op)} is not one of {known}")
    return form


def cell_rule(op: CellOp | str) -> CellRule:
    """How an op is worked out again from its terms."""
    name = op if isinstance(op, str) else op.kind
    try:
        return _RULES[name]
    except KeyError:
        known = ", ".join(sorted(_RULES))
        raise HandtfError(f"unknown cell op kind {shown(name)}; handtf knows: {known}") from None


def check_kinds(trace: Trace) -> Trace:
    """Refuse a trace with a step or op kind that is not registered, naming the known ones."""
    for number, step in enumerate(trace.steps, 1):
        try:
            kind_of(step)
            for op in step.ops:
                cell_rule(op)
        except HandtfError as exc:
            raise HandtfError(f"step {number} ({shown(step.id)}): {exc}") from None
    return trace


def _register_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "kind":
            importlib.import_module(f"{__name__}.{module.name}")


_register_all()
