"""Worked arithmetic adds up with the numbers on the page: where the rounded numbers a
caption shows work out to another last digit than the result it shows, it says ``≈``.

Checked here from the captions' own text, as a student checks them with a pencil:
sums and sums of products, read back from what is written.
"""

from __future__ import annotations

import re

import pytest

from handtf.exercises import EXERCISES
from handtf.written import approximate, format_number, split_result

NUMBER = r"-?\d+(?:\.\d+)?"
OPERAND = rf"\(?({NUMBER})\)?"
SUM = re.compile(rf"^{OPERAND}(?: \+ {OPERAND})+$")
DOTS = re.compile(rf"^{OPERAND}·{OPERAND}(?: \+ {OPERAND}·{OPERAND})*$")


def by_pencil(working: str) -> float | None:
    """A sum or a sum of products, worked from the numbers as written; None for other working."""
    if DOTS.match(working):
        numbers = [float(n) for n in re.findall(NUMBER, working)]
        return sum(a * b for a, b in zip(numbers[::2], numbers[1::2], strict=True))
    if SUM.match(working):
        return sum(float(n) for n in re.findall(NUMBER, working))
    return None


def places(result: str) -> int:
    return len(result.split(".")[1]) if "." in result else 0


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_a_result_is_said_with_equals_only_where_the_numbers_shown_give_it(name: str) -> None:
    for step in EXERCISES[name].build().steps:
        for op in step.ops:
            working, sign, result = split_result(op.arithmetic)
            pencil = by_pencil(working)
            if pencil is None or approximate(format_number(op.value)):
                continue  # not a sum, or a result shown rounded away (≈ 0, ≈ 1.1e20) whatever the working
            adds_up = abs(float(f"{pencil:.{places(result)}f}") - float(result)) < 1e-9
            assert adds_up == (sign == " = "), f"{name}: {op.label}: {op.arithmetic}"


def test_the_catalogue_has_captions_of_both_kinds_to_check() -> None:
    said = [op.arithmetic for e in EXERCISES.values() for step in e.build().steps for op in step.ops]
    pencilled = [(text, by_pencil(split_result(text)[0])) for text in said]
    assert sum(1 for text, p in pencilled if p is not None and " = " in text) > 500
    assert sum(1 for text, p in pencilled if p is not None and " ≈ " in text) > 100


def test_rounded_working_is_said_with_approximately_in_the_transformer_block() -> None:
    said = [op.arithmetic for step in EXERCISES["transformer-block"].build().steps for op in step.ops]
    assert "1 + 4.11 + 4.11 + 1 ≈ 10.23" in said  # 10.22 with the numbers shown
