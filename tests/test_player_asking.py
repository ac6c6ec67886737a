"""Asking the web player, in headless Chromium: hovering over a cell or tapping it to
see how it was made, and predicting each value before it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handtf.exercises import exercise
from handtf.player import page
from handtf.written import format_number
from tests.browser import until
from tests.player_pages import (
    CELLS,
    PLACE,
    _cell,
    _key,
    _name,
    _open,
    _press,
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


def test_predict_takes_the_value_as_shown_at_six_decimals(browser: Any, tmp_path: Path) -> None:
    from handtf.written import decimals

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
