"""Render a trace to a file: the one place that sets Manim's global config.

The render happens in a scratch folder of its own beside the output, and the finished
file is renamed into place, so a failed or interrupted render never leaves a partial
file and never touches an earlier output at the same path.
"""

from __future__ import annotations

__all__ = ["ENCODER", "QUALITIES", "construct", "render"]

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from manim import MovingCamera, tempconfig
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter

from handtf.detail import Detail
from handtf.trace import Trace
from scenes.gif import video_to_gif
from scenes.walkthrough import Walkthrough

# manim's quality letters, as `manim -q` takes them, and "t" (tiny) for tests.
QUALITIES: dict[str, dict[str, Any]] = {
    "l": {"quality": "low_quality"},
    "m": {"quality": "medium_quality"},
    "h": {"quality": "high_quality"},
    "k": {"quality": "fourk_quality"},
    "t": {"pixel_width": 256, "pixel_height": 144, "frame_rate": 5},
}

# x264 settings for MP4. manim leaves the preset at "medium"; these frames are flat colour
# and mostly still, and "superfast" encodes them at a fraction of the cost for a larger
# file at the same crf. Slice threading, not frame threading: two encoders run at once
# (see max_inflight_encoders below) and frame threads would cost each about 100 MB more
# at 1080p. bench/render.py prints speed, memory and file size.
ENCODER = {"preset": "superfast", "crf": "23", "tune": "animation"}
ENCODER_THREADING = "SLICE"


# The video a GIF is made from: lossless and full colour, so that pixels which do not
# change stay identical from frame to frame (see scenes/gif.py). Fast to encode.
LOSSLESS = {"preset": "ultrafast", "crf": "0"}


def _tuned_writer(options: dict[str, str], pix_fmt: str | None = None) -> type[SceneFileWriter]:
    """Manim's file writer with these x264 options (and pixel format) on its streams."""

    class TunedWriter(SceneFileWriter):  # type: ignore[misc]
        def open_partial_movie_stream(self, file_path: Any = None) -> None:
            super().open_partial_movie_stream(file_path)
            job = getattr(self, "_current_encode_job", None)
            if job is not None and job.stream.codec_context.name == "libx264":
                context = job.stream.codec_context
                context.options = {**context.options, **options}
                context.thread_type = ENCODER_THREADING
                if pix_fmt is not None:
                    job.stream.pix_fmt = pix_fmt

    return TunedWriter


def construct(trace: Trace, detail: Detail = "cell") -> Walkthrough:
    """Build the walkthrough's scene without drawing or writing anything, to inspect
    its mobjects (the cheapest check of a scene).
    """
    with tempfile.TemporaryDirectory(prefix="handtf-") as scratch:
        settings = {
            "media_dir": scratch,  # Pango writes its scratch SVGs there
            "dry_run": True,
            "disable_caching": True,
            "progress_bar": "none",
            "verbosity": "ERROR",
        }
        with tempconfig(settings):
            renderer = CairoRenderer(camera_class=MovingCamera, skip_animations=True)
            scene = Walkthrough(trace, detail=detail, renderer=renderer)
            scene.render()
    return scene


def render(
    trace: Trace,
    out: Path,
    fmt: str = "mp4",
    quality: str = "l",
    detail: Detail = "cell",
    on_progress: Callable[[int], None] | None = None,
    animate_still: bool = False,
) -> Path:
    """Render ``trace`` into ``out`` and return its path.

    ``fmt`` is ``mp4``, ``gif``, ``webm`` or ``png`` (the final frame); ``quality`` is
    one of manim's letters l, m, h, k. A PNG is the finished sheet laid out at once;
    ``animate_still`` gets it by running through the walkthrough instead (the same
    picture, slower; the tests compare the two).
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".handtf-", dir=out.parent))
    try:
        still = fmt == "png"
        gif = fmt == "gif"
        settings: dict[str, Any] = {
            # First, so that manim's notes about the settings below stay quiet.
            "verbosity": "ERROR",
            "media_dir": str(scratch),
            **QUALITIES[quality],
            "format": None if still else "mp4" if gif else fmt,
            "write_to_movie": not still,
            "save_last_frame": still,
            "disable_caching": True,
            # Two plays encode at once, each through a short bounded frame queue: both
            # cores work, and memory stays flat however far the encoders lag the drawing.
            "max_inflight_encoders": 2,
            "encoder_queue_size": 4,
            "progress_bar": "none",
            "preview": False,
            "output_file": "walkthrough",
        }
        with tempconfig(settings):
            scene = Walkthrough(
                trace,
                detail=detail,
                on_progress=on_progress,
                finished=still and not animate_still,
                renderer=CairoRenderer(
                    camera_class=MovingCamera,
                    file_writer_class=_tuned_writer(LOSSLESS, "yuv444p") if gif else _tuned_writer(ENCODER),
                ),
            )
            writer = scene.renderer.file_writer
            try:
                scene.render()
            except BaseException:
                # manim stops its encoder threads when construct() fails; an interrupt
                # while it joins or combines them would otherwise leave them waiting.
                writer.abort_encode_jobs()
                raise
            produced = Path(writer.image_file_path if still else writer.movie_file_path)
        if gif:
            video, produced = produced, scratch / "walkthrough.gif"
            video_to_gif(video, produced)
        os.replace(produced, out)
        return out
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
