"""Numbers as the page writes them: whole numbers whole, others at the decimals set,
the very large in short scientific form and the tiny as ``≈0``; and worked arithmetic
cut at its result. The trace keeps every value whole; only what is shown is rounded.
"""

from __future__ import annotations

__all__ = [
    "LARGE",
    "ROUNDS_TO_0",
    "Number",
    "approximate",
    "as_number",
    "decimals",
    "format_number",
    "result_text",
    "seen",
    "shown_decimals",
    "split_result",
]

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np

from handtf.errors import HandtfError, shown

Number = int | float


def as_number(value: object) -> Number:
    """Return ``value`` as an ``int`` when it is integral, else as a ``float``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise HandtfError(f"expected a number, got {shown(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise HandtfError(f"expected a finite number, got {shown(value)}")
    return int(number) if number.is_integer() and abs(number) < 2**53 else number  # beyond, floats skip integers


_DECIMALS: ContextVar[int] = ContextVar("decimals", default=2)
LARGE = 1e6  # from here on a number shows as 9.5e19
ROUNDS_TO_0 = "≈0"  # a number not 0 that rounds to 0 at the decimals shown


def shown_decimals() -> int:
    """How many decimals a number that is not whole shows here (see :func:`decimals`)."""
    return _DECIMALS.get()


@contextmanager
def decimals(places: int) -> Iterator[None]:
    """Within this block, numbers that are not whole show with ``places`` decimals.

    >>> with decimals(1):
    ...     format_number(2.718)
    '2.7'
    """
    if not 0 <= places <= 6:
        raise HandtfError(f"decimals must be 0 to 6, not {places}")
    token = _DECIMALS.set(places)
    try:
        yield
    finally:
        _DECIMALS.reset(token)


def format_number(value: Number, places: int | None = None) -> str:
    """Format a number for the page: integers as integers, others with a fixed number
    of decimals (``places``, else those set by :func:`decimals`, 2 by default).

    A number of a million or more shows in short scientific form, and one that is not 0
    but rounds to 0 shows as ``≈0``, as the sheets round them; the trace keeps the value.

    >>> format_number(1.1e20), format_number(-2345678), format_number(8e-13), format_number(0.004, 3)
    ('1.1e20', '-2.3e6', '≈0', '0.004')
    """
    number = as_number(value)
    if abs(number) >= LARGE:
        mantissa, exponent = f"{number:.1e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    if isinstance(number, int):
        return str(number)
    digits = _DECIMALS.get() if places is None else places
    if number != 0 and abs(number) < 0.5 * 10.0**-digits:
        return ROUNDS_TO_0
    return f"{number:.{digits}f}"


def approximate(text: str) -> bool:
    """Whether a number shown as ``text`` (by :func:`format_number`) stands for a value
    rounded away: ``≈0`` or a scientific form.
    """
    return text == ROUNDS_TO_0 or "e" in text


def result_text(value: Number) -> str:
    """The right side of worked arithmetic: ``= 1.65``, or ``≈ 1.1e20`` and ``≈ 0``
    for a value shown rounded.

    >>> result_text(1.648), result_text(1.1e20), result_text(-3e-40)
    ('= 1.65', '≈ 1.1e20', '≈ 0')
    """
    text = format_number(value)
    return f"≈ {text.removeprefix('≈')}" if approximate(text) else f"= {text}"


def seen(value: Number) -> Number:
    """``value`` as a reader sees it on the page, at the decimals shown.

    >>> seen(2.7182818), seen(3), seen(0.001), seen(-0.125)
    (2.72, 3, 0.0, -0.12)
    """
    text = format_number(value)
    if isinstance(value, int) and not approximate(text):
        return value
    return 0.0 if text == ROUNDS_TO_0 else float(text)


def split_result(arithmetic: str) -> tuple[str, str, str]:
    """Worked arithmetic cut before its result: the working, the sign (`` = `` or
    `` ≈ ``) and the result; ``("", "", arithmetic)`` when it has none.

    >>> split_result("5·1 + 6·1 = 11"), split_result("1 + 4.11 ≈ 5.12"), split_result("max(1, 2)")
    (('5·1 + 6·1', ' = ', '11'), ('1 + 4.11', ' ≈ ', '5.12'), ('', '', 'max(1, 2)'))
    """
    cut = max(arithmetic.rfind(" = "), arithmetic.rfind(" ≈ "))
    if cut < 0:
        return "", "", arithmetic
    return arithmetic[:cut], arithmetic[cut : cut + 3], arithmetic[cut + 3 :]
