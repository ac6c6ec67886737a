"""Slides through manim-slides, checked as a viewer sees them: in headless Chromium."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("manim")
pytest.importorskip("manim_slides")

from handtf import transformer  # noqa: E402
from handtf.scenes.render import render_slides  # noqa: E402
from handtf.steps import select_steps  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.mark.render
def test_one_slide_per_step_and_the_takeaways(tmp_path: Path) -> None:
    trace = select_steps(transformer(), (0, 1, 3))
    written = render_slides(trace, tmp_path / "deck.html", "html", "t", detail="cell")
    page = written[0].read_text(encoding="utf-8")
    assert page.count("data-background-video=") == len(trace.steps) + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.html", "deck_assets"]  # no scratch left


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("needs Debian's chromium and chromium-driver (bash .ci/setup installs them)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


CURRENT_VIDEO = """
const background = Reveal.getSlideBackground(Reveal.getCurrentSlide());
const video = background && background.querySelector('video');
return video ? {ready: video.readyState, width: video.videoWidth, error: video.error && video.error.code,
                src: video.currentSrc, duration: video.duration} : null;
"""


def _until(check: Any, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


@pytest.mark.render
def test_html_slides_load_every_video_in_chromium_with_no_console_errors(tmp_path: Path, browser: Any) -> None:
    trace = select_steps(transformer(), (0, 1))  # [1] and [2]: four slides and the takeaways
    written = render_slides(trace, tmp_path / "deck.html", "html", "t", detail="row")
    assert [p.name for p in written] == ["deck.html", "deck_assets"]
    assert "cdn.jsdelivr" not in (tmp_path / "deck.html").read_text(encoding="utf-8")  # reveal.js is bundled

    browser.get((tmp_path / "deck.html").as_uri())
    assert _until(lambda: browser.execute_script("return typeof Reveal !== 'undefined' && Reveal.isReady()"))
    total = browser.execute_script("return Reveal.getTotalSlides()")
    assert total == 5
    for index in range(total):
        browser.execute_script(f"Reveal.slide({index})")
        video = _until(lambda: (v := browser.execute_script(CURRENT_VIDEO)) and v["ready"] >= 2 and v)
        assert video, f"slide {index + 1}: its video did not load ({browser.execute_script(CURRENT_VIDEO)})"
        assert video["width"] == 256 and video["error"] is None and video["duration"] > 0
        assert "/deck_assets/" in video["src"]
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


@pytest.mark.render
def test_pptx_has_a_slide_with_a_movie_per_step(tmp_path: Path) -> None:
    pptx = pytest.importorskip("pptx")
    trace = select_steps(transformer(), (0, 1))
    (deck,) = render_slides(trace, tmp_path / "deck.pptx", "pptx", "t")
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
    assert _until(lambda: browser.execute_script("return typeof Reveal !== 'undefined' && Reveal.isReady()"))
    assert browser.execute_script("return window.ran === undefined")  # no script of the title's or the name's ran
    assert browser.title == EVIL_TITLE  # shown as the text it is
    assert browser.execute_script("return document.querySelectorAll('svg, b, i, script[src=\"\"]').length") == 0
    video = _until(lambda: (v := browser.execute_script(CURRENT_VIDEO)) and v["ready"] >= 2 and v)
    assert video and video["error"] is None
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
