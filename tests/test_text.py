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
        if step_en.title.split("] ")[-1] not in ("ReLU", "exp"):  # the article keeps these as they are
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


@pytest.mark.parametrize("seed", [0, 3])
def test_a_spec_from_new_or_export_follows_lang_and_a_typed_word_stays(tmp_path, seed: int) -> None:  # type: ignore[no-untyped-def]
    from handtf.spec import load_spec

    runner = CliRunner()
    made = runner.invoke(cli, ["new", "transformer", "--seed", str(seed)])
    exported = runner.invoke(cli, ["export", "self-attention"])
    for text in (made.output, exported.output):
        spec = tmp_path / "s.toml"
        spec.write_text(text, encoding="utf-8")
        korean = load_spec(spec, "ko")
        words = [korean.title, *korean.takeaways, *(s.title for s in korean.steps)]
        words += [n.text for s in korean.steps for n in s.notes if not n.cells]
        assert all(HANGUL.search(w) or w.split("] ")[-1] in ("ReLU", "exp") for w in words), words
        assert [s.id for s in korean.steps] == [s.id for s in load_spec(spec).steps]  # ids, clip names: as they were
        typed = text.replace('title = "[2] ', 'title = "[2] My own ', 1)
        spec.write_text(typed, encoding="utf-8")
        assert load_spec(spec, "ko").steps[1].title.startswith("[2] My own ")
    # handtf's Korean words turn back into English the same way
    spec.write_text(made.output, encoding="utf-8")
    english = load_spec(spec)
    ko = runner.invoke(cli, ["export", "--spec", str(spec), "--lang", "ko"])
    spec.write_text(ko.output, encoding="utf-8")
    assert 'lang = "ko"' in ko.output and HANGUL.search(load_spec(spec).title)
    back = load_spec(spec, "en")
    assert back.title == english.title and [s.title for s in back.steps] == [s.title for s in english.steps]


def test_words_a_user_typed_in_another_language_get_one_warning_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_cli import run

    made = CliRunner().invoke(cli, ["new", "transformer", "--seed", "3"]).output
    spec = tmp_path / "s.toml"
    spec.write_text(made, encoding="utf-8")
    quiet = run("trace", "--spec", str(spec), "--lang", "ko", "-o", str(tmp_path / "t.json"))
    assert quiet.returncode == 0 and quiet.stderr == ""
    spec.write_text(made.replace('title = "[2] Attention weighting"', 'title = "[2] Mixing the positions"'))
    loud = run("trace", "--spec", str(spec), "--lang", "ko", "-o", str(tmp_path / "t.json"))
    assert loud.returncode == 0
    assert loud.stderr.splitlines() == [
        "handtf: warning: step 2's title '[2] Mixing the positions' is not in ko; --lang translates only the words "
        "handtf wrote, so translate it in the spec"
    ]


def test_korean_has_one_word_for_attention_and_a_distinct_name_for_each_step() -> None:
    korean = _CATALOG["ko"]
    assert not any("주의 집중" in text for text in korean.values())
    steps = [text for key, text in korean.items() if key.startswith("step.")]
    assert len(steps) == len(set(steps))
    assert korean["step.attention-weights"] != korean["step.attention-weighting"]
    assert not korean["step.attention-weights"].startswith(korean["step.attention-weighting"])
