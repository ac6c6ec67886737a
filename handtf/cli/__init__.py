"""The ``handtf`` command: list, make and export exercises, and render them.

Kept thin, one module per command: each parses its arguments, checks them, and hands
over to the core or to ``scenes.render`` (imported only when rendering, so the rest
starts fast and works without Manim).
"""

from __future__ import annotations

__all__ = ["ALPHA_FORMATS", "FORMATS", "SLIDE_FORMATS", "cli", "main"]

from handtf.cli import batch, export, figures, listing, new, render, slides, trace, worksheet  # noqa: F401 - each adds its command
from handtf.cli.app import cli, main
from scenes.formats import ALPHA_FORMATS, FORMATS, SLIDE_FORMATS
