"""Choosing steps of a trace, and the file names made per step."""

from __future__ import annotations

import pytest

from handtf import HandtfError, transformer
from handtf.steps import parse_steps, select_steps, step_stem


def test_step_ranges_and_lists() -> None:
    assert parse_steps("2-3", 5) == (1, 2)
    assert parse_steps(" 5 , 1-2", 5) == (0, 1, 4)
    assert parse_steps("3,3,2-3", 5) == (1, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [("0", "has steps 1 to 5"), ("2-9", "has steps 1 to 5"), ("4-2", "runs backwards"), ("a", "write it like 2-3")],
)
def test_bad_step_lists_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(HandtfError, match=message):
        parse_steps(text, 5)


def test_a_selection_keeps_what_its_steps_use_and_gives_what_earlier_steps_made() -> None:
    part = select_steps(transformer(), (2, 3))  # [3] FFN 1 and [4] ReLU
    assert [s.title[:3] for s in part.steps] == ["[3]", "[4]"]
    assert {t.name for t in part.tensors} == {"Z", "W1", "b1", "1s(Z)", "H", "R"}
    assert part.produced() == {"H", "R"}  # Z, made by [2], is now given: a reader starts from it
    assert part.tensor("Z") == transformer().tensor("Z")


def test_file_stems_follow_the_articles_numbers_and_are_clean() -> None:
    stems = [step_stem(i, s) for i, s in enumerate(transformer().steps)]
    assert stems == ["01-attention-weights", "02-attention-weighting", "03-ffn-1", "04-relu", "05-ffn-2"]
    assert stems == sorted(stems)
