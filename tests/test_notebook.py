"""The web player in a notebook, as a reader runs one: a real notebook executed by
nbclient on an ipykernel, its outputs then opened in Chromium.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from tests.browser import chromium, until  # noqa: E402

CELLS = [
    "import handtf",
    'handtf.show("transformer")',
    "trace = handtf.exercise('self-attention').build()\nhandtf.show(trace, detail='row')",
    "handtf.transformer()",
]


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Any:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    folder = tmp_path_factory.mktemp("notebook")
    nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return notebook


def _html(cell: Any) -> str:
    (output,) = [o for o in cell.outputs if "text/html" in o.get("data", {})]
    text: str = output["data"]["text/html"]
    return text


def test_show_and_a_trace_that_ends_a_cell_display_the_player_inline(ran: Any) -> None:
    assert all(o.output_type != "error" for cell in ran.cells for o in cell.outputs)
    kinds = [[o.output_type for o in cell.outputs] for cell in ran.cells[1:]]
    assert kinds == [["display_data"], ["display_data"], ["execute_result"]]  # show() returns nothing
    for cell, title in zip(
        ran.cells[1:], ["Transformer by hand", "Self-attention by hand", "Transformer by hand"], strict=True
    ):
        shown = _html(cell)
        assert shown.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in shown
        page = html.unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1))  # type: ignore[union-attr]
        assert 'id="handtf-data"' in page and f"<title>{title}</title>" in page
    assert '"detail":"row"' in html.unescape(_html(ran.cells[2]))


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    yield from chromium(tmp_path)


def test_the_notebooks_output_plays_in_a_browser(ran: Any, browser: Any, tmp_path: Path) -> None:
    """The outputs as a notebook page holds them: the player runs in each frame."""
    page = tmp_path / "notebook.html"
    page.write_text("<!DOCTYPE html><html><body>" + "".join(_html(c) for c in ran.cells[1:]) + "</body></html>")
    browser.get(page.as_uri())
    frames = browser.find_elements("css selector", "iframe.handtf-player")
    assert len(frames) == 3
    for frame in frames:
        browser.switch_to.frame(frame)
        assert until(lambda: browser.execute_script("return !!window.handtfPlayer"))
        assert browser.execute_script("return document.querySelectorAll('svg.sheet rect.cell').length") > 20
        browser.switch_to.default_content()
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
