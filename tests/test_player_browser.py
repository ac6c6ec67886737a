"""The web player as a reader has it: the page in headless Chromium, driven through
selenium with the keys and the mouse, for the seed exercise and a self-attention spec.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handtf import transformer
from handtf.exercises import exercise
from handtf.player import page
from handtf.spec import export_spec, load_spec
from handtf.storyboard import storyboard
from handtf.trace import Cell, Step, Trace, format_number
from tests.browser import chromium, until

SPECS = Path(__file__).parent / "specs"

CELLS = """
const out = {};
for (const el of document.querySelectorAll('text[data-computed]')) out[el.getAttribute('data-cell')] = el.textContent;
return out;
"""
PLACE = "return window.handtfPlayer.place()"
NOTES = """
const lines = [...document.querySelectorAll('.notes text')].filter((t) => t.getAttribute('opacity') === '1');
const caption = document.querySelector('.caption-band');
const remark = caption.style.opacity === '1' ? caption.querySelector('.head').textContent : '';
return [...lines.map((t) => t.textContent), ...(remark ? [remark] : [])];
"""
TITLE = "return document.querySelector('.title-band .title').textContent"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Trace]]:
    """The seed's page, and a self-attention spec's (the built-in exercise written out
    as a spec and read back, as a user's own file is).
    """
    folder = tmp_path_factory.mktemp("pages")
    spec = folder / "self-attention.toml"
    spec.write_text(export_spec(exercise("self-attention").build()), encoding="utf-8")
    traces = {"transformer": transformer(), "self-attention": load_spec(spec)}
    out = {}
    for name, trace in traces.items():
        path = folder / f"{name}.html"
        path.write_text(page(trace).html, encoding="utf-8")
        out[name] = (path, trace)
    hostile = load_spec(SPECS / "hostile-strings.toml")
    (folder / "hostile.html").write_text(page(hostile).html, encoding="utf-8")
    out["hostile"] = (folder / "hostile.html", hostile)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory.mktemp("chromium"))


def _open(browser: Any, path: Path, hash_: str = "", size: tuple[int, int] = (854, 480)) -> None:
    width, height = size
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get("about:blank")
    browser.get_log("browser")  # what came before is not this page's
    browser.get(path.as_uri() + hash_)
    assert until(lambda: browser.execute_script("return !!window.handtfPlayer"))


def _press(browser: Any, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(browser)
    for key in keys:
        chain.send_keys(key)
    chain.perform()


def _key(name: str) -> str:
    from selenium.webdriver.common.keys import Keys

    return str(getattr(Keys, name))


def _expected(trace: Trace, done: int) -> dict[str, str]:
    """Each computed cell's text once ``done`` ops have played, in order: its value's
    text if its op has played, else nothing.
    """
    ops = [op for step in trace.steps for op in step.ops]
    return {
        "\0".join(map(str, (op.out.tensor, op.out.row, op.out.col))): format_number(op.value, trace.decimals)
        if k < done
        else ""
        for k, op in enumerate(ops)
    }


def _errors(browser: Any) -> list[Any]:
    return [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


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
            asked.append(message["params"]["request"]["url"])
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


def _name(cell: Cell) -> str:
    """A cell as the page names it (its data-cell)."""
    return f"{cell.tensor}\0{cell.row}\0{cell.col}"


def _cell(browser: Any, key: str) -> Any:
    return browser.execute_script(
        "return [...document.querySelectorAll('rect.cell')].find(e => e.getAttribute('data-cell') === arguments[0])",
        key,
    )


def test_hovering_a_computed_cell_shows_how_it_was_made_and_lights_what_it_read(browser: Any, pages: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    path, trace = pages["transformer"]
    _open(browser, path, "#step=3&op=7")
    step = trace.steps[2]
    made, later = step.ops[6], step.ops[12]
    ActionChains(browser).move_to_element(
        _cell(browser, f"{made.out.tensor}\0{made.out.row}\0{made.out.col}")
    ).perform()
    tip = browser.execute_script(
        "const t = document.querySelector('.tip'); return [t.hidden, t.querySelector('.tip-label').textContent,"
        " t.querySelector('.tip-arithmetic').textContent, document.querySelectorAll('.reads rect').length]"
    )
    assert tip == [False, made.label, made.arithmetic, len(made.reads) + 1]
    ActionChains(browser).move_to_element(
        _cell(browser, f"{later.out.tensor}\0{later.out.row}\0{later.out.col}")
    ).perform()
    label, arithmetic = browser.execute_script(
        "const t = document.querySelector('.tip'); return [t.querySelector('.tip-label').textContent,"
        " t.querySelector('.tip-arithmetic').textContent]"
    )
    assert label == later.label and arithmetic == "not worked out yet"  # its value is not given away
    # While playing too.
    _press(browser, " ")
    ActionChains(browser).move_to_element(
        _cell(browser, f"{made.out.tensor}\0{made.out.row}\0{made.out.col}")
    ).perform()
    assert browser.execute_script("return document.querySelector('.tip-label').textContent") == made.label
    assert browser.execute_script(PLACE)["playing"]
    _press(browser, " ")


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


def test_predict_stops_before_each_value_and_marks_an_answer(browser: Any, pages: Any) -> None:
    path, trace = pages["transformer"]
    _open(browser, path, "#step=2&op=0")
    browser.find_element("css selector", "[data-do=predict]").click()
    first, second = trace.steps[1].ops[:2]
    _press(browser, _key("ARROW_RIGHT"))  # the marks go to the first cell; its value is asked
    caption = "return document.querySelector('.caption-band .arithmetic').textContent"
    assert browser.execute_script(caption).endswith("= ?")
    key = _name(first.out)
    assert browser.execute_script(CELLS)[key] == ""
    answer = browser.find_element("css selector", ".answer input")
    assert answer.is_displayed()
    answer.send_keys(format_number(first.value) + _key("ENTER"))
    assert browser.execute_script("return document.querySelector('.verdict').textContent") == (
        f"CORRECT: {format_number(first.value)} · 1 of 1 right"
    )
    assert browser.execute_script(CELLS)[key] == format_number(first.value)
    assert browser.execute_script(caption) == first.arithmetic
    _press(browser, _key("ARROW_RIGHT"))  # the next cell, asked
    answer = browser.find_element("css selector", ".answer input")
    answer.clear()
    answer.send_keys("twelve" + _key("ENTER"))  # not a number: asked again
    verdict = "return document.querySelector('.verdict').textContent"
    assert browser.execute_script(verdict) == "Type a number, such as 11 or 0.25"
    assert browser.execute_script(CELLS)[_name(second.out)] == ""
    answer.clear()
    answer.send_keys(str(second.value + 1) + _key("ENTER"))
    assert browser.execute_script(verdict) == (
        f"INCORRECT: {second.value + 1}; it is {format_number(second.value)} · 1 of 2 right"
    )
    _press(browser, _key("ENTER"))  # goes on: the next cell, asked
    assert browser.execute_script(caption).endswith("= ?")
    _press(browser, _key("ARROW_RIGHT"))  # → reveals without an answer
    assert browser.execute_script(verdict) == f"It is {format_number(trace.steps[1].ops[2].value)}"
    assert "&predict" in browser.execute_script("return location.hash")


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


def _data(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    start = text.index('id="handtf-data">') + len('id="handtf-data">')
    loaded: dict[str, Any] = json.loads(text[start : text.index("</script>", start)])
    return loaded


def test_predict_takes_the_value_as_shown_at_six_decimals(browser: Any, tmp_path: Path) -> None:
    from handtf.trace import decimals

    with decimals(6):
        trace = exercise("self-attention").build()
    path = tmp_path / "six.html"
    path.write_text(page(trace).html, encoding="utf-8")
    number = next(k for k, step in enumerate(trace.steps) if step.ops and not float(step.ops[0].value).is_integer())
    op = trace.steps[number].ops[0]
    _open(browser, path, f"#step={number + 1}&op=0&predict")
    _press(browser, _key("ARROW_RIGHT"))
    answer = browser.find_element("css selector", ".answer input")
    answer.send_keys(format_number(op.value, 6) + _key("ENTER"))
    assert browser.execute_script("return document.querySelector('.verdict').textContent").startswith("CORRECT")


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


def test_tapping_a_cell_on_a_phone_shows_how_it_was_made(browser: Any, pages: Any) -> None:
    path, trace = pages["transformer"]
    browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    try:
        _open(browser, path, "#step=3&op=7", (390, 844))
        made = trace.steps[2].ops[6]
        x, y = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]",
            _cell(browser, _name(made.out)),
        )
        for kind, points in (("touchStart", [{"x": x, "y": y}]), ("touchEnd", [])):
            browser.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
        tip = "const t = document.querySelector('.tip'); return [t.hidden, t.querySelector('.tip-label').textContent]"
        assert until(lambda: browser.execute_script(tip) == [False, made.label], 3)
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
