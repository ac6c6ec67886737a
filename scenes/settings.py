"""Manim's settings for each render, as plain values: no manim is imported here.

A video is planned from these alone (its storyboard, its segments' keys; see
:mod:`scenes.video`), so a render whose segments the cache holds never loads manim.
Quality letters name their frames in pixels, as manim's presets do; the frame is
16:9 and 8 units tall, as manim's default, and said outright so that a ``manim.cfg``
in the working folder cannot draw a frame other than the one planned.
"""

from __future__ import annotations

__all__ = ["ARCHIVAL", "ENCODER", "FRAME", "QUALITIES", "quiet", "video_settings"]

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from handtf.scenes.formats import QUALITY_LETTERS

# manim's quality letters, as `manim -q` takes them (its presets, in pixels and frames
# per second; a test holds them to manim's), and "t" (tiny) for tests.
QUALITIES: Mapping[str, Mapping[str, int]] = MappingProxyType(
    {
        "l": {"pixel_width": 854, "pixel_height": 480, "frame_rate": 15},
        "m": {"pixel_width": 1280, "pixel_height": 720, "frame_rate": 30},
        "h": {"pixel_width": 1920, "pixel_height": 1080, "frame_rate": 60},
        "k": {"pixel_width": 3840, "pixel_height": 2160, "frame_rate": 60},
        "t": {"pixel_width": 256, "pixel_height": 144, "frame_rate": 5},
    }
)
assert set(QUALITY_LETTERS) <= set(QUALITIES), "every letter the command line offers has its settings"
FRAME: Mapping[str, float] = MappingProxyType({"frame_height": 8.0, "frame_width": 8.0 * 1920 / 1080})

# x264 settings for MP4. manim leaves the preset at "medium". These frames are flat colour,
# and a user renders again after each change of numbers, so speed comes first:
# "ultrafast" encoded the 1080p60 walkthrough in 0.87x the time of "superfast" for 1.75x
# the size (11 against 20 MB), with no difference to see at crf 23; --archival is for
# keeping. No B-frames ("bf": 0): each frame is then stored in the order it shows, so a
# held frame's duration and the joins of sections and parts are exact (see
# scenes/encode.py). bench/render.py prints speed, memory and file size.
# aq-mode 1 (which ultrafast turns off, for no time saved here): without it, a keyframe
# of flat paper can get a faint red band across a row of macroblocks.
ENCODER = {"preset": "ultrafast", "crf": "23", "tune": "animation", "bf": "0", "aq-mode": "1"}
# For keeping: visually lossless (crf 18) and a slower preset that packs it smaller.
# bench/render.py prints what it costs next to the default.
ARCHIVAL = {"preset": "slow", "crf": "18", "tune": "animation", "bf": "0"}


def quiet(scratch: Path) -> dict[str, Any]:
    """Settings every render starts from: manim's files in the scratch folder, no
    cache, no bar, no notes about the settings (so verbosity comes first).
    """
    return {
        "verbosity": "ERROR",
        "media_dir": str(scratch),
        "disable_caching": True,
        "progress_bar": "none",
        "preview": False,
    }


def video_settings(scratch: Path, quality: str, fmt: str | None) -> dict[str, Any]:
    """Settings for rendering video at a quality letter into ``fmt``."""
    return {
        **quiet(scratch),
        **QUALITIES[quality],
        **FRAME,
        "format": fmt,
        # Two plays encode at once, each through a short bounded frame queue: both cores
        # work, and memory stays flat however far the encoders lag the drawing.
        "max_inflight_encoders": 2,
        "encoder_queue_size": 4,
        "output_file": "walkthrough",
    }
