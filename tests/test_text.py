"""Words on the page, per language: one catalog each, and Korean all the way through."""

from __future__ import annotations

import re
import string

import pytest
from click.testing import CliRunner

from handtf import HandtfError, Trace
from handtf.cli import cli
from handtf.exercises import EXERCISES
from handtf.text import _CATALOG, LANGS, say

HANGUL = re.compile("[\uac00-\ud7a3]")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_text_with_the_same_blanks() -> None:
    english = _CATALOG["en"]
    for lang in LANGS:
        assert set(_CATALOG[lang]) == set(english), lang
        for key, text in _CATALOG[lang].items():
            assert fields(text) == fields(english[key]), (lang, key)


def test_an_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(HandtfError, match="unknown language 'fr'; choose one of: en, ko"):
        say("fr", "step.relu")


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_korean_titles_notes_and_takeaways_with_the_same_numbers(name: str) -> None:
    english, korean = EXERCISES[name].build(), EXERCISES[name].build(lang="ko")
    assert korean.lang == "ko" and HANGUL.search(korean.title)
    for step_en, step_ko in zip(english.steps, korean.steps, strict=True):
        assert step_ko.ops == step_en.ops  # the same numbers, labels and arithmetic
        if step_en.title.split("] ")[1] not in ("ReLU", "exp"):  # the article keeps these as they are
            assert HANGUL.search(step_ko.title), step_ko.title
        for note in step_ko.notes:
            assert HANGUL.search(note.text) or not note.text[0].isalpha() or note.cells, note.text
    assert all(HANGUL.search(t) for t in korean.takeaways)


def test_the_cli_takes_lang_and_the_trace_records_it() -> None:
    result = CliRunner().invoke(cli, ["trace", "transformer", "--lang", "ko"])
    assert result.exit_code == 0
    trace = Trace.from_json(result.output)
    assert trace.lang == "ko" and trace.steps[2].title == "[3] FFN: 첫 번째 레이어"
    assert trace.takeaways[0] == "어텐션 레이어는 위치를 가로 방향으로 결합합니다"
