"""The web player's page, read as a file: one self-contained HTML page that carries the
storyboards the videos play, escapes every string of a spec, and allows nothing but
its own script and style. The browser tests are in test_player_browser.py and test_player_asking.py.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from handtf import exercise, transformer
from handtf.beats import Beat, Caption, Shot, Write
from handtf.cli import cli
from handtf.detail import group_ops
from handtf.exercises import EXERCISES
from handtf.pace import Timing
from handtf.player import page
from handtf.player.data import page_data
from handtf.player.page import SCRIPTS
from handtf.scenes.style import theme
from handtf.spec import load_spec
from handtf.storyboard import storyboard

SPECS = Path(__file__).parent / "specs"
HOSTILE = SPECS / "hostile-strings.toml"
PLAYER = Path(__file__).parent.parent / "handtf" / "player"


def _data(text: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="handtf-data">(.*?)</script>', text, re.DOTALL)
    assert found is not None
    loaded: dict[str, Any] = json.loads(found.group(1))
    return loaded


def _scripts(text: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", text, re.DOTALL)


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_the_page_carries_the_storyboards_the_videos_play(name: str) -> None:
    trace = exercise(name).build()
    data = _data(page(trace).html)
    for detail in ("cell", "row", "step"):
        assert data["boards"][detail] == json.loads(json.dumps(storyboard(trace, detail).to_dict(compact=True)))
    assert data["boards"]["predict"] == json.loads(
        json.dumps(storyboard(trace, "cell", reveal=True).to_dict(compact=True))
    )
    made = {(o["cell"][0], o["cell"][1], o["cell"][2]): o for o in data["origins"]}
    ops = [op for step in trace.steps for op in step.ops]
    assert len(made) == len(ops)
    for op in ops:
        origin = made[(op.out.tensor, op.out.row, op.out.col)]
        assert (origin["label"], origin["arithmetic"]) == (op.label, op.arithmetic)
        assert [r[:3] for r in origin["reads"]] == [[c.tensor, c.row, c.col] for c in op.reads]


def test_the_compact_storyboard_is_the_full_one_with_defaults_left_out() -> None:
    """Filled in with each field's default, the compact form is the full form."""
    trace = exercise("self-attention").build()
    for board in (storyboard(trace, "cell"), storyboard(trace, "row", reveal=True)):
        full, compact = board.to_dict(), board.to_dict(compact=True)
        shots = [_filled(shot, Shot) for shot in compact.pop("shots")]
        assert _close(shots, full.pop("shots"))
        full.pop("aspect"), compact.pop("aspect")
        assert compact == full


def _filled(value: dict[str, Any], cls: type) -> dict[str, Any]:
    out = {}
    for f in dataclasses.fields(cls):
        item = value.get(f.name, f.default)
        if f.name in ("beats",):
            item = [_filled(b, Beat) for b in item]
        elif f.name == "writes":
            item = [_filled(w, Write) for w in item]
        elif f.name == "caption" and item is not None:
            item = _filled(item, Caption)
        elif f.name == "lit":
            item = [{"cell": lit[:3], "mark": lit[3]} for lit in item]
        out[f.name] = list(item) if isinstance(item, tuple) else item
    return out


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) <= 1e-4
    return bool(a == b)


def test_the_page_loads_nothing_and_allows_only_its_own_script_and_style() -> None:
    text = page(transformer()).html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert csp is not None
    policy = dict(part.strip().split(" ", 1) for part in html.unescape(csp.group(1)).split(";"))
    assert policy["default-src"] == "'none'"
    (script,) = _scripts(text)
    style = re.search(r"<style>(.*?)</style>", text, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert policy["style-src"] == f"'sha256-{digest}'"
    # Nothing to fetch: no URL, no source or link attribute, no web font.
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)
    assert not re.search(r"\s(src|href)=", text)
    assert "@import" not in text and "@font-face" not in text and "url(" not in style.group(1)


def test_the_script_never_parses_a_string_as_markup() -> None:
    """Spec strings reach the page as textContent and attributes, never as HTML."""
    for name in SCRIPTS:
        source = (PLAYER / name).read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in source, f"{name} uses {sink}"
        assert "</script" not in source.lower()
    assert "</style" not in (PLAYER / "player.css").read_text().lower()


def test_a_hostile_specs_strings_are_escaped_in_the_html_and_inert_in_the_data() -> None:
    trace = load_spec(HOSTILE)
    text = page(trace).html
    outside = re.sub(r'<script type="application/json" id="handtf-data">.*?</script>', "", text, flags=re.DOTALL)
    outside = re.sub(r"<script>.*?</script>", "", outside, flags=re.DOTALL)
    assert "<script" not in outside and "<img" not in outside and "onerror" not in outside.replace("onerror=&quot;", "")
    assert f"<title>{html.escape(trace.title, quote=True)}</title>" in text
    found = re.search(r'id="handtf-data">(.*?)</script>', text, re.DOTALL)
    assert found is not None and "<" not in found.group(1) and ">" not in found.group(1)
    data = _data(text)
    assert data["title"] == trace.title and "Y</script>" in data["matrices"]  # unchanged once parsed


def test_the_seeds_page_is_small_and_shows_no_number_the_trace_does_not_give() -> None:
    text = page(transformer()).html
    assert len(text.encode()) <= 215_000  # 12 KB of it the subtitles (CC), each text once
    data = _data(text)
    trace = transformer()
    for t in trace.tensors:
        assert data["matrices"][t.name]["values"] == [[str(v) for v in row] for row in t.values]


def test_a_theme_a_language_and_decimals_reach_the_page() -> None:
    trace = load_spec(SPECS / "four-positions.toml", "ko")
    data = page_data(trace, "row", Timing(), theme("dark"), "dark")
    assert data["lang"] == "ko" and data["words"]["play"] == "재생"
    assert data["colors"]["paper"] == theme("dark").paper
    assert data["detail"] == "row"
    text = page(exercise("self-attention").build(), theme_name="dark").html
    assert 'class="theme-dark"' in text and 'lang="en"' in text


def test_row_detail_asks_with_a_question_mark_for_each_value() -> None:
    trace = transformer()
    for step in trace.steps:
        for group in group_ops(step, "row"):
            assert group.asked.endswith("  ".join("?" for _ in group.ops))
            assert not any(ch.isdigit() for ch in group.asked.split(":")[-1])
        for group in group_ops(step, "cell"):
            assert group.asked.endswith(" = ?") and group.asked[:-1] == group.arithmetic.rpartition(" = ")[0] + " = "


def test_writing_the_page_does_not_import_manim(tmp_path: Path) -> None:
    code = (
        "import sys, handtf; handtf.html('transformer', sys.argv[1]); "
        "assert 'manim' not in sys.modules, 'manim was imported'"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.html")], check=True)
    assert (tmp_path / "t.html").stat().st_size > 50_000


def test_handtf_html_writes_media_name_html_and_embed_prints_an_iframe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["html", "transformer"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(Path("media") / "transformer.html")
    assert Path("media/transformer.html").read_text().startswith("<!DOCTYPE html>")
    result = runner.invoke(cli, ["html", "--spec", str(HOSTILE), "-o", "out/p.html", "--embed"])
    assert result.exit_code == 0, result.output
    snippet = result.output.strip()
    assert snippet.startswith('<iframe src="./p.html" title="&lt;/title&gt;&lt;script&gt;') and "<script" not in snippet
    assert Path("out/p.html").is_file()
    # A file name is a path beside the post, never a scheme: quoted, from ./
    result = runner.invoke(cli, ["html", "transformer", "-o", "javascript:top.ran=1;[] #1?.html", "--embed"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith('<iframe src="./javascript%3Atop.ran%3D1%3B%5B%5D%20%231%3F.html" ')


def test_a_notebook_shows_a_trace_as_the_player_in_a_sandboxed_frame() -> None:
    shown = transformer()._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in shown
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown)
    assert srcdoc is not None and html.unescape(srcdoc.group(1)) == page(transformer()).html


def test_show_outside_a_notebook_opens_the_page_in_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    import handtf

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    handtf.show("transformer", theme="dark")
    (url,) = opened
    path = Path(url.removeprefix("file://"))
    assert path.read_text(encoding="utf-8") == page(transformer(), theme_name="dark").html
    path.unlink()
    path.parent.rmdir()


def test_show_refuses_bad_options_in_one_line() -> None:
    import handtf
    from handtf.errors import HandtfError

    with pytest.raises(HandtfError, match="detail 'word' is not one of cell, row, step"):
        handtf.show("transformer", detail="word")  # type: ignore[arg-type]
    with pytest.raises(HandtfError, match="unknown theme 'sepia'"):
        handtf.show("transformer", theme="sepia")
