"""`handtf pack`: a sheet and a key per seed, the PDFs of them all, and an index page
that a browser opens with every link in place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from handtf.errors import HandtfError
from handtf.pack import MOST_SEEDS, index_page, pack, parse_seeds, plan
from tests.browser import chromium


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_seeds_are_ranges_and_lists_in_order_each_once() -> None:
    assert parse_seeds("1-3") == (1, 2, 3)
    assert parse_seeds(" 5, 2-3 ,2") == (5, 2, 3)
    for text, message in (
        ("3-1", "runs backwards"),
        ("a-b", "not a list of seeds"),
        (f"1-{MOST_SEEDS + 1}", f"more than {MOST_SEEDS} sheets"),
        ("4294967296", "below 4294967296"),
    ):
        with pytest.raises(HandtfError, match=message):
            parse_seeds(text)


def test_the_index_page_escapes_the_title_and_links_each_file_by_its_name() -> None:
    sheets = plan("mlp", (1, 2), Path("class"), True)
    page = index_page('<script>alert("x")</script>', sheets, (Path("class/a.pdf"), Path("class/k.pdf")), "en")
    assert "<script>" not in page and "&lt;script&gt;" in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert hrefs == ["a.pdf", "k.pdf"] + [
        f for s in (1, 2) for f in (f"mlp-{s}.pdf",) * 2 + (f"mlp-{s}-answers.pdf", f"mlp-{s}.mp4")
    ]


@pytest.mark.render
def test_a_pack_has_every_sheet_and_key_and_an_index_a_browser_opens(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    made = pack("dot-product", folder, seeds=(4, 9), count=3)
    names = {p.name for p in made}
    assert {"dot-product-4.pdf", "dot-product-9-answers.pdf", "dot-product-sheets.pdf", "index.html"} <= names
    assert all(p.exists() for p in made)
    each = sum(pdf_pages(folder / f"dot-product-{s}.pdf") for s in (4, 9))
    assert pdf_pages(folder / "dot-product-sheets.pdf") == each == pdf_pages(folder / "dot-product-answers.pdf")
    assert not list(folder.glob(".handtf-*"))

    browsers: Any = chromium(tmp_path)
    driver = next(browsers)
    try:
        driver.get((folder / "index.html").as_uri())
        links = [a.get_attribute("href") for a in driver.find_elements("tag name", "a")]
        assert len(links) == 2 + 3 * 2
        assert all(Path(link.removeprefix("file://")).exists() for link in links)
        images = driver.find_elements("tag name", "img")
        assert len(images) == 2 and all(driver.execute_script("return arguments[0].naturalWidth", i) for i in images)
        assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        next(browsers, None)
