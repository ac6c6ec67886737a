"""Checks of a spec's fields: its texts, names, labels and numbers.

Each check returns the field or raises a :class:`~handtf.errors.HandtfError` whose one
line names the field (``steps[2].title``) and what is wrong with it.
"""

from __future__ import annotations

__all__ = [
    "CELL_CHARS",
    "crowded_cells",
    "MAX_NAME",
    "MAX_COLS",
    "MAX_SIDE",
    "TEXT_LIMITS",
    "labels",
    "left_to_right",
    "name",
    "names",
    "no_unknown",
    "text",
    "values",
    "visible",
]

import math
import unicodedata
from typing import Any

from handtf.errors import HandtfError, shown, shown_number
from handtf.trace import Tensor, Trace, cell_name
from handtf.written import format_number

# The rows and columns of a matrix that still fit on screen, readably. The frame is
# wider than tall, so a vocabulary goes along the columns: 24 words still read at 854x480.
MAX_SIDE = 12  # rows
MAX_COLS = 32
MAX_NAME = 12  # characters of a matrix's name, or of a row or column label
# The longest text of each kind, in characters: what fits on the page.
TEXT_LIMITS = {"title": 100, "note": 160, "takeaway": 120, "id": 60, "factor_text": 16}


def no_unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise HandtfError(f"{where}: unknown field {shown(sorted(unknown)[0])}; allowed: {', '.join(sorted(allowed))}")


def text(value: Any, where: str, kind: str) -> str:
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
    if not visible(value):
        raise HandtfError(f"{where} draws as nothing; give it visible letters, or leave it out")
    left_to_right(value, where)
    return value


def left_to_right(value: str, where: str) -> None:
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


def visible(value: str) -> bool:
    """Whether ``value`` draws something: a letter, digit, mark of punctuation or symbol
    that is not a blank look-alike (combining marks and selectors alone draw nothing).
    """
    return any(unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK for ch in value)


def name(value: str, where: str, what: str) -> None:
    """A matrix's name, as the page and the labels show it."""
    if not value or not value.isprintable() or len(value) > MAX_NAME or not visible(value):
        raise HandtfError(f"{where}: {shown(value, 20)} is not a name; {what} is 1 to {MAX_NAME} visible characters")
    left_to_right(value, where)


def names(known: dict[str, Tensor]) -> str:
    names = list(known)
    return (", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")) or "none yet"


def values(values: Any, where: str) -> list[list[int | float]]:
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
                raise HandtfError(
                    f"{where}[{i + 1}][{j + 1}] is {shown_number(v)}; by-hand numbers stay below a million"
                )
    if len(values) > MAX_SIDE or width > MAX_COLS:
        raise HandtfError(
            f"{where} is {len(values)}x{width}; at most {MAX_SIDE} rows and {MAX_COLS} columns fit on screen readably "
            "(a vocabulary goes along the columns)"
        )
    return values


def labels(labels: Any, where: str) -> list[str] | None:
    if labels is None:
        return None
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise HandtfError(f"{where} must be a list of strings")
    for i, label in enumerate(labels):
        at = f"{where}[{i + 1}]"
        if not label.isprintable():
            bad = next(ch for ch in label if not ch.isprintable())
            raise HandtfError(
                f"{at} holds the invisible character U+{ord(bad):04X}; a label is one line of visible characters"
            )
        if len(label) > MAX_NAME:
            raise HandtfError(f"{at} is {shown(label, 20)}; a label is at most {MAX_NAME} characters, so shorten it")
        if label and not visible(label):
            raise HandtfError(f'{at} is {shown(label, 20)}, which draws nothing; give a label that shows, or ""')
        left_to_right(label, at)
    return labels


# The most characters a number shows in a cell and still reads at 854x480: a cell
# shrinks a longer one to fit.
CELL_CHARS = 7


def crowded_cells(trace: Trace, limit: int = CELL_CHARS) -> list[tuple[str, str]]:
    """The cells whose numbers show longer than ``limit`` characters, as (cell, text).

    >>> crowded_cells(Trace("t", (Tensor.of("X", "input", [[1, 123456.5]]),), ()))
    [('X[1,2]', '123456.50')]
    """
    crowded = []
    for tensor in trace.tensors:
        for i, row in enumerate(tensor.values):
            for j, value in enumerate(row):
                text = format_number(value, trace.decimals)
                if len(text) > limit:
                    crowded.append((cell_name(tensor.name, i, j), text))
    return crowded
