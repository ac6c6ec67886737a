"""The web player as a reader has it: the page in headless Chromium, driven through
selenium with the keys and the mouse, for the seed exercise and a self-attention spec.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import pytest

from handtf.storyboard import storyboard
from handtf.trace import Step, Trace
from tests.browser import until
from tests.player_pages import (
    CELLS,
    NOTES,
    PLACE,
    TITLE,
    _data,
    _errors,
    _expected,
    _key,
    _open,
    _press,
)


@pytest.mark.parametrize("name", ["transformer", "self-attention"])
def test_the_page_loads_with_no_console_error_and_no_request(browser: Any, pages: Any, name: str) -> None:
    path, _ = pages[name]
    browser.get_log("performance")
    _open(browser, path)
    assert _errors(browser) == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    asked = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            params = message["params"]
            # The browser's own pages (chrome://, which a file:// page cannot load) are not the page's.
            if not any(u.startswith("chrome:") for u in (params.get("documentURL", ""), params["request"]["url"])):
                asked.append(params["request"]["url"])
    assert [u for u in asked if u.split("#")[0] not in (path.as_uri(), "about:blank")] == []


@pytest.mark.parametrize("name", ["transformer", "self-attention"])
def test_stepping_op_by_op_shows_each_value_once_its_op_has_played_and_never_before(
    browser: Any, pages: Any, name: str
) -> None:
    path, trace = pages[name]
    _open(browser, path, "#step=1&op=0")
    # The stops, in cell detail: each step's start, then each of its ops, then its
    # notes, held with every line up.
    stops: list[tuple[int, Step | None]] = []
    done = 0
    for step in trace.steps:
        stops.append((done, None))
        for _ in step.ops:
            done += 1
            stops.append((done, None))
        if step.notes:
            stops.append((done, step))
    assert browser.execute_script(CELLS) == _expected(trace, 0)
    for k, (expected_done, noted) in enumerate(stops[1:], 1):
        _press(browser, _key("ARROW_RIGHT"))
        assert browser.execute_script(CELLS) == _expected(trace, expected_done), f"stop {k}"
        if noted is not None:  # the notes that point at cells, every line; or the last remark
            shown = browser.execute_script(NOTES)
            pointing = [n.text for n in noted.notes if n.cells]
            assert shown == pointing if pointing else shown == [noted.notes[-1].text], f"stop {k}"
    _press(browser, _key("ARROW_RIGHT"))  # the takeaways
    assert browser.execute_script("return location.hash") == "#end"
    _press(browser, _key("ARROW_LEFT"))  # back to the last op
    assert browser.execute_script(CELLS) == _expected(trace, done)
    assert _errors(browser) == []


def test_the_keys_play_pause_and_go_by_step_and_to_either_end(browser: Any, pages: Any) -> None:
    path, trace = pages["transformer"]
    _open(browser, path)
    assert browser.execute_script(TITLE) == trace.steps[0].title
    for key, index in (("PAGE_DOWN", 1), ("ARROW_DOWN", 2), ("PAGE_UP", 1), ("ARROW_UP", 0), ("PAGE_DOWN", 1)):
        _press(browser, _key(key))
        until(lambda: browser.execute_script("return document.querySelector('.title-band').style.opacity") == "1", 2)
        assert browser.execute_script(TITLE) == trace.steps[index].title, key
        assert browser.execute_script("return location.hash") == f"#step={index + 1}&op=0"
    _press(browser, " ")
    start = browser.execute_script(PLACE)["t"]
    assert until(lambda: browser.execute_script(PLACE)["t"] > start + 0.3, 5)
    _press(browser, " ")
    assert not browser.execute_script(PLACE)["playing"]
    _press(browser, _key("END"))
    assert browser.execute_script("return location.hash") == "#end"
    assert browser.execute_script(CELLS) == _expected(trace, sum(len(s.ops) for s in trace.steps))
    _press(browser, _key("HOME"))
    assert browser.execute_script("return location.hash") == "#step=1&op=0"


def test_a_deep_link_opens_at_its_step_and_a_reload_keeps_the_place(browser: Any, pages: Any) -> None:
    path, trace = pages["transformer"]
    _open(browser, path, "#step=3&op=7")
    before = len(trace.steps[0].ops) + len(trace.steps[1].ops)
    assert (
        browser.execute_script("return document.querySelector('.title-band .title').textContent")
        == trace.steps[2].title
    )
    assert browser.execute_script(CELLS) == _expected(trace, before + 7)
    _press(browser, _key("ARROW_RIGHT"), _key("ARROW_RIGHT"))
    assert browser.execute_script("return location.hash") == "#step=3&op=9"
    browser.refresh()
    assert until(lambda: browser.execute_script("return !!window.handtfPlayer"))
    assert browser.execute_script(CELLS) == _expected(trace, before + 9)
    # Another detail keeps the step, and what shows.
    browser.execute_script(
        "const s = document.querySelector('.detail'); s.value = 'row'; s.dispatchEvent(new Event('change'))"
    )
    place = browser.execute_script(PLACE)
    assert (
        place["s"] == 2 and place["ops"] >= 9 and browser.execute_script("return location.hash").endswith("&detail=row")
    )


def _beat_midway(trace: Trace, kind: str, source: str) -> tuple[float, str]:
    """The middle of the first write beat whose value flies from ``source``."""
    t = 0.0
    for shot in storyboard(trace, "cell").shots:
        for beat in shot.beats:
            if beat.kind == kind and beat.writes and beat.writes[0].source == source:
                cell = beat.writes[0].cell
                return t + beat.seconds / 2, f"{cell.tensor}\0{cell.row}\0{cell.col}"
            t += beat.seconds
    raise AssertionError("no such beat")


def test_reduced_motion_turns_the_flights_into_cuts(browser: Any, pages: Any) -> None:
    path, trace = pages["transformer"]
    t, key = _beat_midway(trace, "write", "caption")
    seek = (
        "const s = document.querySelector('.position'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));"
        "const v = [...document.querySelectorAll('text[data-computed]')]"
        "  .find(e => e.getAttribute('data-cell') === arguments[1]);"
        "return [v.getAttribute('transform'), v.getAttribute('opacity')]"
    )
    _open(browser, path)
    transform, opacity = browser.execute_script(seek, t, key)
    assert transform and float(opacity) < 1  # in flight from the caption
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}
    )
    try:
        _open(browser, path)
        assert browser.execute_script(seek, t, key) == [None, "1"]  # already in its cell
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def _layout_problems(browser: Any) -> list[str]:
    """Parts of the player that leave the window or overlap one another."""
    return list(
        browser.execute_script(
            """
const W = innerWidth, H = innerHeight, out = [];
const box = (e) => e.getBoundingClientRect();
const parts = [...document.querySelectorAll('.controls > *, .title-band, .caption-band, .scrub, svg.sheet')]
  .filter((e) => e.offsetParent !== null || e.tagName === 'svg');
for (const e of parts) {
  const r = box(e);
  if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > H + 0.5)
    out.push('outside: ' + e.outerHTML.slice(0, 60));
}
const controls = [...document.querySelectorAll('.controls > *')].filter((e) => e.offsetParent !== null);
for (let i = 0; i < controls.length; i++) for (let j = i + 1; j < controls.length; j++) {
  const a = box(controls[i]), b = box(controls[j]);
  if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
    out.push('overlap: ' + controls[i].outerHTML.slice(0, 40) + ' / ' + controls[j].outerHTML.slice(0, 40));
}
const rows = ['.title-band', 'svg.sheet', '.caption-band', '.scrub', '.controls']
  .map((s) => box(document.querySelector(s)));
for (let i = 0; i + 1 < rows.length; i++) if (rows[i].bottom > rows[i + 1].top + 0.5) out.push('rows overlap at ' + i);
const title = document.querySelector('.title-band');
if (title.scrollWidth > title.clientWidth + 1) out.push('title cut off');
return out;
"""
        )
    )


@pytest.mark.parametrize(
    "size", [(854, 480), (390, 844), (320, 568), (3840, 2160)], ids=["854x480", "phone", "320", "4k"]
)
@pytest.mark.parametrize("name", ["transformer", "self-attention"])
def test_screenshots_have_nothing_overlapping_or_cut_off(
    browser: Any, pages: Any, name: str, size: tuple[int, int], tmp_path: Path
) -> None:
    path, trace = pages[name]
    folder = Path(os.environ.get("HANDTF_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for place in ("#step=1&op=0", "#step=3&op=7", f"#step={len(trace.steps)}&op=2", "#end"):
        _open(browser, path, place, size)
        time.sleep(0.2)
        assert _layout_problems(browser) == [], place
        shot = folder / f"{name}-{size[0]}x{size[1]}-{place.strip('#').replace('&', '-').replace('=', '')}.png"
        browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 5000


def test_a_hostile_specs_strings_show_literally_and_run_nothing(browser: Any, pages: Any) -> None:
    path, trace = pages["hostile"]
    _open(browser, path)
    for _ in range(12):
        _press(browser, _key("ARROW_RIGHT"))
    _press(browser, _key("END"))
    assert browser.execute_script("return window.ran === undefined")
    assert browser.title == trace.title
    assert browser.execute_script("return document.querySelectorAll('img, i, [onerror], [onload]').length") == 0
    assert browser.execute_script("return document.querySelector('.overview-title').textContent") == trace.title
    texts = browser.execute_script("return [...document.querySelectorAll('svg.sheet text')].map(e => e.textContent)")
    for label in ("X<i>", "Y</script>", "<b>r1</b>", "</script>", "<img src=x>"):
        assert label in texts
    _press(browser, _key("HOME"))
    assert (
        browser.execute_script("return document.querySelector('.title-band .title').textContent")
        == trace.steps[0].title
    )
    assert _errors(browser) == []


def test_playing_at_1x_keeps_to_60_frames_a_second(browser: Any, pages: Any) -> None:
    """Reports the frame times of 4 s of play (median and worst), and how long drawing
    a frame takes; bench/player.py prints the same figures.
    """
    path, _ = pages["transformer"]
    _open(browser, path, "#step=2&op=0")
    _press(browser, " ")
    time.sleep(4)
    _press(browser, " ")
    frames = browser.execute_script("return window.handtfPlayer.frames()")
    between, drawing = frames["between"][1:], frames["drawing"]
    assert len(between) > 100
    print(
        f"\nframes: median {statistics.median(between):.1f} ms, worst {max(between):.1f} ms; "
        f"drawing: median {statistics.median(drawing):.2f} ms, worst {max(drawing):.2f} ms"
    )
    assert statistics.median(between) < 1000 / 50  # 60 a second, with room for a busy machine
    assert statistics.median(drawing) < 8  # half a frame


def test_every_control_is_labelled_and_the_whole_sheet_shows_every_matrix(browser: Any, pages: Any) -> None:
    path, trace = pages["transformer"]
    _open(browser, path, "#step=3&op=0")
    unlabelled = browser.execute_script(
        "return [...document.querySelectorAll('button, select, input')]"
        ".filter(e => !(e.getAttribute('aria-label') || e.textContent.trim() || e.closest('label')))"
        ".map(e => e.outerHTML.slice(0, 60))"
    )
    assert unlabelled == []
    shown = (
        "return [...document.querySelectorAll('[data-piece]')].filter(g => g.getAttribute('opacity') === '1').length"
    )
    following = browser.execute_script(shown)
    browser.find_element("css selector", "[data-do=whole]").click()
    box = [
        float(n)
        for n in browser.execute_script("return document.querySelector('svg.sheet').getAttribute('viewBox')").split()
    ]
    page_box = _data(path)["page"]
    assert box[0] <= page_box["col"] and box[1] <= page_box["row"]
    assert (
        box[0] + box[2] >= page_box["col"] + page_box["cols"] and box[1] + box[3] >= page_box["row"] + page_box["rows"]
    )
    shown_so_far = {n for step in trace.steps[:3] for n in (*step.inputs, step.output)}
    assert browser.execute_script(shown) == len(shown_so_far) > following  # none left out


@pytest.mark.parametrize("place", ["#end", "#end&detail=row", "#end&predict", "#step=99", "#step=3&op=999"])
def test_a_link_to_the_end_or_past_it_opens_there(browser: Any, pages: Any, place: str) -> None:
    path, trace = pages["transformer"]
    _open(browser, path, place)
    where = browser.execute_script(PLACE)
    if place.startswith("#step=3"):
        assert (where["s"], where["ops"]) == (2, len(trace.steps[2].ops))  # its last op
    else:
        assert where["t"] == where["total"]
        assert browser.execute_script("return location.hash").startswith("#end")


CATALOGUE = [
    "softmax",
    "leaky-relu",
    "temperature",
    "dot-product",
    "matrix-multiplication",
    "linear-layer",
    "backprop",
    "lstm",
    "resnet",
    "autoencoder",
]


def test_every_catalogue_page_plays_with_no_console_error_and_nothing_cut_off(browser: Any, tmp_path: Path) -> None:
    """The networks, the basics and the drills, each at its first step, a middle step
    and its end, at 854x480."""
    from handtf.exercises import EXERCISES
    from handtf.player import page

    folder = Path(os.environ.get("HANDTF_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for name in CATALOGUE:
        trace = EXERCISES[name].build()
        path = tmp_path / f"{name}.html"
        path.write_text(page(trace).html, encoding="utf-8")
        for place in ("#step=1&op=1", f"#step={len(trace.steps) // 2 + 1}&op=1", "#end"):
            _open(browser, path, place)
            time.sleep(0.2)
            assert _errors(browser) == [], (name, place)
            assert _layout_problems(browser) == [], (name, place)
            browser.save_screenshot(str(folder / f"{name}-{place.strip('#').replace('&', '-').replace('=', '')}.png"))


def test_the_cc_button_shows_the_videos_subtitles_where_the_player_is(browser: Any, pages: Any) -> None:
    path, trace = pages["transformer"]
    _open(browser, path, "#step=2&op=1")
    cue = "return document.querySelector('.cue-band .cue').textContent"
    shown = "return !document.querySelector('.cue-band').hidden"
    assert browser.execute_script(cue) == "" and not browser.execute_script(shown)  # off until asked for
    button = browser.find_element("css selector", "[data-do=subtitles]")
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and browser.execute_script(shown)
    first = trace.steps[1].ops[0]
    assert browser.execute_script(cue) == f"{first.label}\n{first.arithmetic}"  # the cue of the op just played
    _press(browser, _key("ARROW_RIGHT"))
    second = trace.steps[1].ops[1]
    assert browser.execute_script(cue) == f"{second.label}\n{second.arithmetic}"
    _press(browser, _key("END"))
    assert browser.execute_script(cue) == "\n".join(trace.takeaways)
    button.click()
    assert browser.execute_script(cue) == "" and not browser.execute_script(shown)
    assert _errors(browser) == []
