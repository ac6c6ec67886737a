"""Slides through manim-slides, checked as a viewer sees them: in headless Chromium."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("manim")
pytest.importorskip("manim_slides")

import av  # noqa: E402
import numpy as np  # noqa: E402

from handtf import group_ops, transformer  # noqa: E402
from handtf.framing import TOP_BAND  # noqa: E402
from handtf.scenes.render import render_slides  # noqa: E402
from handtf.scenes.style import STYLE  # noqa: E402
from handtf.steps import select_steps  # noqa: E402
from handtf.storyboard import storyboard  # noqa: E402
from tests.browser import chromium, until  # noqa: E402


def slide_count(trace: Any, detail: str, reveal: bool = False) -> int:
    """A slide per step and the takeaways; within a step, one more per cell or row after
    the first; with reveal, one more before each value.
    """
    groups = [len(group_ops(step, detail)) for step in trace.steps if step.ops]  # type: ignore[arg-type]
    return len(trace.steps) + 1 + sum(n - 1 for n in groups) + (sum(groups) if reveal else 0)


@pytest.mark.render
@pytest.mark.parametrize(("detail", "reveal"), [("step", False), ("cell", False), ("row", True)])
def test_a_click_shows_a_step_a_row_or_a_cell_and_reveal_asks_first(tmp_path: Path, detail: str, reveal: bool) -> None:
    trace = select_steps(transformer(), (0, 1, 3))
    written = render_slides(trace, tmp_path / "deck.html", "html", "t", detail=detail, reveal=reveal)
    page = written[0].read_text(encoding="utf-8")
    assert page.count("data-background-video=") == slide_count(trace, detail, reveal)
    assert page.count("data-background-video-muted") == page.count("data-background-video=")  # no sound to unmute
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.html", "deck_assets"]  # no scratch left
    assert slide_count(trace, "step") < slide_count(trace, "row") < slide_count(trace, "cell")


def test_a_deck_ends_each_step_on_its_fullest_state_and_starts_the_next_clean() -> None:
    trace = transformer()
    for detail in ("cell", "row", "step"):
        deck = storyboard(trace, detail, slides=True)  # type: ignore[arg-type]
        for shot in deck.shots[1:]:
            assert [b.kind for b in shot.beats[:2]] == ["clear", "move"]
        for shot in deck.shots[:-1]:
            assert shot.beats[-1].kind in ("wait", "unmark"), shot.stem  # notes and remarks still up
            assert not any(b.kind in ("unpoint",) for b in shot.beats)
        insight = deck.shots[1]
        assert [b.kind for b in insight.beats[-2:]] == ["point", "wait"] and len(insight.notes) == 5
    asked = storyboard(trace, "cell", reveal=True)
    beats = [b for shot in asked.shots for b in shot.beats]
    for k, beat in enumerate(beats):
        if beat.kind == "write":
            ask = beats[k - 1]
            assert ask.kind == "ask" and ask.slide_ends and ask.caption is not None and beat.caption is not None
            assert ask.caption.label == beat.caption.label
            assert ask.caption.arithmetic.endswith(" = ?") and not beat.caption.arithmetic.endswith("?")


def _frames(video: Path) -> tuple[np.ndarray, np.ndarray]:
    with av.open(str(video)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    return frames[0], frames[-1]


@pytest.mark.render
def test_a_slide_starts_with_nothing_of_the_one_before_under_its_title_band(tmp_path: Path) -> None:
    trace = select_steps(transformer(), (0, 1, 2))
    _, assets = render_slides(trace, tmp_path / "deck.html", "html", "t", detail="step")
    videos = sorted(assets.glob("*.mp4"))
    assert len(videos) == slide_count(trace, "step")
    paper = np.array([int(STYLE.paper[i : i + 2], 16) for i in (1, 3, 5)])
    for video in videos:
        first, last = _frames(video)
        band = first[: int(first.shape[0] * TOP_BAND) - 2]  # the title band's paper, and nothing on it
        assert np.abs(band.astype(int) - paper).max() <= 12, video.name
        assert not np.array_equal(first, last)
        redder = first[:, :, 0].astype(int) - first[:, :, 2] >= paper[0] - paper[2] + 4  # a faint red line
        assert not any(row.mean() > 0.8 for row in redder), video.name


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    yield from chromium(tmp_path, "--autoplay-policy=no-user-gesture-required")


@pytest.fixture
def strict_browser(tmp_path: Path) -> Iterator[Any]:
    """Chromium as a reader has it: video plays by itself only when muted."""
    yield from chromium(tmp_path)


CURRENT_VIDEO = """
const background = Reveal.getSlideBackground(Reveal.getCurrentSlide());
const video = background && background.querySelector('video');
return video ? {ready: video.readyState, width: video.videoWidth, error: video.error && video.error.code,
                src: video.currentSrc, duration: video.duration} : null;
"""


@pytest.mark.render
def test_html_slides_load_every_video_in_chromium_with_no_console_errors(tmp_path: Path, browser: Any) -> None:
    trace = select_steps(transformer(), (0, 1))  # [1] and [2]: four slides and the takeaways
    written = render_slides(trace, tmp_path / "deck.html", "html", "t", detail="row")
    assert [p.name for p in written] == ["deck.html", "deck_assets"]
    assert "cdn.jsdelivr" not in (tmp_path / "deck.html").read_text(encoding="utf-8")  # reveal.js is bundled

    browser.get((tmp_path / "deck.html").as_uri())
    assert until(lambda: browser.execute_script("return typeof Reveal !== 'undefined' && Reveal.isReady()"))
    total = browser.execute_script("return Reveal.getTotalSlides()")
    assert total == 5
    for index in range(total):
        browser.execute_script(f"Reveal.slide({index})")
        video = until(lambda: (v := browser.execute_script(CURRENT_VIDEO)) and v["ready"] >= 2 and v)
        assert video, f"slide {index + 1}: its video did not load ({browser.execute_script(CURRENT_VIDEO)})"
        assert video["width"] == 256 and video["error"] is None and video["duration"] > 0
        assert "/deck_assets/" in video["src"]
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


@pytest.mark.render
def test_no_unmute_button_shows_on_any_slide(tmp_path: Path, strict_browser: Any) -> None:
    trace = select_steps(transformer(), (0, 1))
    render_slides(trace, tmp_path / "deck.html", "html", "t", detail="step")
    browser = strict_browser
    browser.get((tmp_path / "deck.html").as_uri())
    assert until(lambda: browser.execute_script("return typeof Reveal !== 'undefined' && Reveal.isReady()"))
    for index in range(browser.execute_script("return Reveal.getTotalSlides()")):
        browser.execute_script(f"Reveal.slide({index})")
        playing = until(lambda: (v := browser.execute_script(CURRENT_VIDEO)) and v["ready"] >= 2 and v)
        assert playing, f"slide {index + 1} did not load"
        time.sleep(0.5)  # reveal.js shows its button once a play is refused
        shown = browser.execute_script(
            "const b = document.querySelector('.r-media-play-button');"
            "return b && getComputedStyle(b).display !== 'none' && b.offsetParent !== null ? b.textContent : ''"
        )
        assert shown == "", f"slide {index + 1} shows {shown!r}"
        assert browser.execute_script(
            "const v = Reveal.getSlideBackground(Reveal.getCurrentSlide()).querySelector('video');"
            "return v.muted && !v.paused"
        )


@pytest.mark.render
def test_pptx_has_a_slide_with_a_movie_per_step(tmp_path: Path) -> None:
    pptx = pytest.importorskip("pptx")
    trace = select_steps(transformer(), (0, 1))
    (deck,) = render_slides(trace, tmp_path / "deck.pptx", "pptx", "t", detail="step")
    slides = list(pptx.Presentation(str(deck)).slides)
    assert len(slides) == len(trace.steps) + 1
    for slide in slides:
        movies = [s for s in slide.shapes if s.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.MEDIA]
        assert len(movies) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


EVIL_TITLE = "</title><script>window.ran='title'</script><title>\"&amp;<b>x</b>"
EVIL_NAMES = ['x"><svg onload="window.ran=1337"><x a=".html', "deck #1.html", "d'ck <i>&amp;.html"]


@pytest.mark.render
@pytest.mark.parametrize("name", EVIL_NAMES, ids=["markup", "hash-and-space", "quote-and-entity"])
def test_a_hostile_title_and_file_name_show_literally_and_run_nothing(tmp_path: Path, browser: Any, name: str) -> None:
    from dataclasses import replace

    trace = replace(select_steps(transformer(), (0,)), title=EVIL_TITLE)
    page, assets = render_slides(trace, tmp_path / name, "html", "t")
    assert page.name == name and assets.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, assets.name, "profile"])

    browser.get(page.as_uri())
    assert until(lambda: browser.execute_script("return typeof Reveal !== 'undefined' && Reveal.isReady()"))
    assert browser.execute_script("return window.ran === undefined")  # no script of the title's or the name's ran
    assert browser.title == EVIL_TITLE  # shown as the text it is
    assert browser.execute_script("return document.querySelectorAll('svg, b, i, script[src=\"\"]').length") == 0
    video = until(lambda: (v := browser.execute_script(CURRENT_VIDEO)) and v["ready"] >= 2 and v)
    assert video and video["error"] is None
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
