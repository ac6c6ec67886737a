"""Keep the shaped-word cache of the test run out of the user's home; and the web
player's pages, and a Chromium, for its browser tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handtf import transformer
from handtf.exercises import exercise
from handtf.player import page
from handtf.spec import export_spec, load_spec
from handtf.trace import Trace
from tests.browser import chromium

# Types sheets into specs; it needs openpyxl and the workbooks, so it is run by hand.
collect_ignore = ["sheets/extract.py"]

SPECS = Path(__file__).parent / "specs"


@pytest.fixture(scope="session", autouse=True)
def word_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    previous = os.environ.get("HANDTF_CACHE")
    os.environ["HANDTF_CACHE"] = str(tmp_path_factory.mktemp("handtf-cache"))
    yield
    if previous is None:
        del os.environ["HANDTF_CACHE"]
    else:
        os.environ["HANDTF_CACHE"] = previous


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
    """A Chromium for a module of tests (the slides' and the notebook's have their own)."""
    yield from chromium(tmp_path_factory.mktemp("chromium"))
