"""How the player's browser tests drive a page: opening it at a place and a size,
pressing keys, and reading what its cells show (the pages themselves, and the
browser, are fixtures in conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from handtf.trace import Cell, Trace
from handtf.written import format_number
from tests.browser import until

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


def _name(cell: Cell) -> str:
    """A cell as the page names it (its data-cell)."""
    return f"{cell.tensor}\0{cell.row}\0{cell.col}"


def _cell(browser: Any, key: str) -> Any:
    return browser.execute_script(
        "return [...document.querySelectorAll('rect.cell')].find(e => e.getAttribute('data-cell') === arguments[0])",
        key,
    )


def _data(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    start = text.index('id="handtf-data">') + len('id="handtf-data">')
    loaded: dict[str, Any] = json.loads(text[start : text.index("</script>", start)])
    return loaded
