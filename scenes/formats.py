"""What the renderer makes, for the command line to offer: output formats, the ones
with an alpha channel, slide formats and quality letters. Imports nothing heavy, so the
command line reads them without loading manim.
"""

from __future__ import annotations

__all__ = ["ALPHA_FORMATS", "FORMATS", "QUALITY_LETTERS", "SLIDE_FORMATS"]

from collections.abc import Mapping
from types import MappingProxyType

FORMATS = ("mp4", "gif", "webm", "mov", "png")  # png is the final frame
ALPHA_FORMATS = ("webm", "mov")  # VP9 in WebM, QuickTime Animation in MOV carry alpha
SLIDE_FORMATS = ("html", "pptx")  # what manim-slides converts to
# manim's quality letters, as `manim -q` takes them.
QUALITY_LETTERS: Mapping[str, str] = MappingProxyType({"l": "480p15", "m": "720p30", "h": "1080p60", "k": "2160p60"})
