"""Worked arithmetic as a reader checks it: from the numbers the page shows.

A cell shows its value rounded (2 decimals unless the exercise says otherwise), and
the trace keeps it whole, so a result worked from whole values can differ in its last
digit from the same working done with the numbers on the page: ``1 + 4.11 + 4.11 + 1``
shows ``10.23``, where the shown numbers add to 10.22. A student who checks it by hand
would find a mistake that is not one. Such a result is said with ``≈``, not ``=``:
the value stays exact, and the sign says that the numbers shown are rounded.

The cell rule (see :class:`handtf.kinds.kind.CellRule`) says which numbers of each term
are read from cells; those are taken as their cells show them. A constant is taken as
the working shows it: rounded where it is written rounded (``× 0.71`` for 1/√2), as it
is where it is written in full (``+ 0.001``) or not at all.
"""

from __future__ import annotations

__all__ = ["said_as_seen"]

import re
from dataclasses import replace

from handtf.trace import CellOp, Number
from handtf.written import format_number, seen, split_result


def worked_as_seen(op: CellOp) -> Number | None:
    """``op``'s value worked out from the numbers its cells show; None if the shown
    numbers cannot be worked (a divisor that shows as 0).

    >>> from handtf.trace import Cell
    >>> terms = ((1, 1), (4.1149, 1), (4.1149, 1), (1, 1))
    >>> round(worked_as_seen(CellOp("sum", Cell("Z", 0, 0), (), terms, 10.2298, "", "")), 6)
    10.22
    >>> third = CellOp("scale", Cell("Z", 0, 0), (), ((3.7148, 0.7071),), 2.6268, "", "3.71 × 0.71 = 2.63")
    >>> round(worked_as_seen(third), 6)  # 1/√2 as written, 0.71
    2.6341
    """
    from handtf.kinds import cell_rule  # the registry of rules, which imports the kinds

    rule = cell_rule(op)
    written = set(re.findall(r"≈0|\d+(?:\.\d+)?(?:e-?\d+)?", split_result(op.arithmetic)[0]))

    def as_seen(number: Number, read: bool) -> Number:
        return seen(number) if read or format_number(number).lstrip("-") in written else number

    terms = tuple(
        (as_seen(a, 0 in reads), as_seen(b, 1 in reads))
        for (a, b), reads in zip(op.terms, rule.term_reads(len(op.terms)), strict=True)
    )
    try:
        return rule.value(terms)
    except (ArithmeticError, ValueError):
        return None


def said_as_seen(op: CellOp) -> CellOp:
    """``op``, its result said with ``≈`` if the numbers shown work out to another.

    >>> from handtf.trace import Cell
    >>> terms = ((1, 1), (4.1149, 1), (4.1149, 1), (1, 1))
    >>> said_as_seen(CellOp("sum", Cell("Z", 0, 0), (), terms, 10.2298, "", "1 + 4.11 + 4.11 + 1 = 10.23")).arithmetic
    '1 + 4.11 + 4.11 + 1 ≈ 10.23'
    >>> said_as_seen(CellOp("sum", Cell("Z", 0, 0), (), ((1, 1), (4.11, 1)), 5.11, "", "1 + 4.11 = 5.11")).arithmetic
    '1 + 4.11 = 5.11'
    """
    working, sign, result = split_result(op.arithmetic)
    if sign != " = " or result != format_number(op.value) or not op.terms:
        return op  # no result worked out to check, or one said otherwise
    worked = worked_as_seen(op)
    if worked is None or _shows(worked, result):
        return op
    return replace(op, arithmetic=f"{working} ≈ {result}")


def _shows(worked: Number, result: str) -> bool:
    """Whether ``worked``, rounded as ``result`` is written, reads ``result``."""
    _, _, decimals = result.partition(".")
    text = f"{worked + 0.0:.{len(decimals)}f}"
    return text == result or float(text) == float(result) == 0  # -0.00 reads as 0.00
