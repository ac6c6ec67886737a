"""The ``handtf`` command: list, make and export exercises, and render them.

Kept thin, one module per command: each parses its arguments, checks them, and hands
over to the core or to the renderer, ``handtf.scenes.render`` (imported only when rendering, so the rest
starts fast and works without Manim).
"""

from __future__ import annotations

__all__ = ["ALPHA_FORMATS", "FORMATS", "SLIDE_FORMATS", "cli", "main"]

from handtf.cli import (  # noqa: F401 - each adds its command
    batch,
    cache,
    export,
    figures,
    html,
    listing,
    new,
    pack,
    render,
    slides,
    storyboard,
    trace,
    worksheet,
)
from handtf.cli.app import cli, main
from handtf.scenes.formats import ALPHA_FORMATS, FORMATS, SLIDE_FORMATS
