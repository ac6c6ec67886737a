"""The Python API: handtf.render, figures, worksheet and slides, as a script uses them."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import warnings
from pathlib import Path

import click
import pytest

import handtf
from handtf.cli import cli

README = Path(__file__).parent.parent / "README.md"

# Each function, its command, and the command's options it names otherwise.
PAIRS = [
    (handtf.render, "render", {"fmt": "format", "timing": "pace", "places": "decimals"}),
    (handtf.figures, "figures", {"places": "decimals"}),
    (handtf.worksheet, "worksheet", {"chosen": "steps", "places": "decimals"}),
    (handtf.slides, "slides", {"timing": "pace", "places": "decimals"}),
    (handtf.pack, "pack", {}),
]


@pytest.mark.parametrize(("function", "command", "renamed"), PAIRS, ids=[p[1] for p in PAIRS])
def test_every_option_of_the_command_is_a_keyword_with_the_same_default(function, command, renamed) -> None:  # type: ignore[no-untyped-def]
    ctx = click.Context(cli.commands[command])
    # --watch is the command line's loop; a script renders again itself.
    options = {p.name: p for p in cli.commands[command].params if p.name not in ("name", "spec", "output", "watch")}
    keywords = inspect.signature(function).parameters
    assert {renamed.get(n, n) for n in options} | {"source", "output", "on_progress"} >= set(keywords)
    for name, option in options.items():
        keyword = keywords[renamed.get(name, name)]
        assert keyword.kind is inspect.Parameter.KEYWORD_ONLY
        default = option.get_default(ctx, call=False)
        default = None if default is getattr(click.core, "UNSET", None) else default  # click 8.2: unset
        if name == "jobs":  # the number of cores, either way
            assert default == os.cpu_count() and keyword.default is None
        elif option.required:  # required either way
            assert keyword.default is inspect.Parameter.empty, name
        else:
            assert keyword.default == default, name


@pytest.mark.render
def test_the_readme_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    (example,) = re.findall(r"### From Python\n\n```python\n(.*?)```", text, re.DOTALL)
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    made = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "media").rglob("*") if p.is_file())
    assert {"media/transformer.png", "media/preview.gif", "media/sheet.pdf", "media/sheet.png"} <= set(made)
    assert {"media/figures/00-overview.png", "media/deck.html"} <= set(made)
    assert {"media/lecture.mp4", "media/lecture.vtt", "media/lecture.srt"} <= set(made)
    assert {"media/class/index.html", "media/class/mlp-3-answers.pdf", "media/class/mlp-sheets.pdf"} <= set(made)


@pytest.mark.render
def test_a_spec_path_str_or_path_and_a_trace_all_work(tmp_path: Path) -> None:
    spec = tmp_path / "mine.toml"
    spec.write_text(
        '[matrices.X]\nvalues = [[1, 2], [3, 4]]\n[[steps]]\nop = "relu"\ninputs = ["X"]\noutput = "R"\n',
        encoding="utf-8",
    )
    for source in (spec, str(spec)):
        (png,) = handtf.render(source, tmp_path / "r.png", decimals=1)
        assert png == tmp_path / "r.png" and png.stat().st_size > 1000
    trace = handtf.transformer()
    (png,) = handtf.render(trace, str(tmp_path / "t.png"))
    assert png.name == "t.png"


def test_bad_input_raises_the_command_lines_line_and_writes_nothing(tmp_path: Path) -> None:
    cases = [
        (lambda: handtf.render("nope", tmp_path / "x.mp4"), "'nope' is neither an exercise"),
        (lambda: handtf.render("transformer", tmp_path / "x.avi"), "cannot tell the format"),
        (lambda: handtf.render("transformer", tmp_path / "x.mp4", quality="z"), "quality 'z' is not one of"),
        (lambda: handtf.render("transformer", tmp_path / "x.mp4", pace="quick"), "pace 'quick'"),
        (lambda: handtf.render("transformer", tmp_path / "x.mp4", jobs=0), "jobs '0' must be"),
        (lambda: handtf.render("transformer", tmp_path / "x.gif", transparent=True), "--transparent needs"),
        (lambda: handtf.figures("transformer", tmp_path / "f", width=10), "width '10' must be"),
        (lambda: handtf.worksheet("transformer", tmp_path / "w.png"), "the worksheet is a PDF"),
        (lambda: handtf.slides("transformer", tmp_path / "d.key"), "cannot tell the slide format"),
        (lambda: handtf.render("transformer", tmp_path / "x.mp4", decimals=9), "decimals '9' must be"),
        (lambda: handtf.render("transformer", tmp_path / "x.mp4", theme="neon"), "neon"),
    ]
    for call, words in cases:
        with pytest.raises(handtf.HandtfError, match=re.escape(words)):
            call()
            pytest.fail(f"no error: {words}")
    assert list(tmp_path.iterdir()) == []


def test_a_specs_warning_goes_to_pythons_warnings(tmp_path: Path) -> None:
    spec = tmp_path / "big.toml"
    spec.write_text('[matrices.X]\nvalues = [[12345.675]]\n[[steps]]\nop = "show"\noutput = "X"\n', encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        name, trace = handtf.outputs.load(spec)
    assert name == "big" and [str(w.message) for w in caught][0].startswith("X[1,1] shows as 12345.67")


def test_every_sample_the_readme_shows_is_committed() -> None:
    """A still the README links to must be in the repository, not render scratch
    that .gitignore keeps out of a clone."""
    text = README.read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((media/[^)\s]+)\)", text))
    assert len(linked) > 20
    root = README.parent
    tracked = subprocess.run(
        ["git", "ls-files", "media"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(linked - set(tracked)) == []
