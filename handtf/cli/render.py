"""`handtf render`: a video, a GIF or the final frame."""

from __future__ import annotations

__all__ = ["render_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths, progress
from handtf.cli.options import (
    archival_option,
    constant_rate_option,
    detail_option,
    exercise_argument,
    jobs_option,
    no_cache_option,
    pace_option,
    quality_option,
    split_steps_option,
    subtitles_option,
    theme_option,
    transparent_option,
    warn,
    watch_option,
)
from handtf.detail import Detail
from handtf.outputs import render_trace
from handtf.pace import Timing
from handtf.scenes.formats import FORMATS
from handtf.trace import Trace


@cli.command("render")
@exercise_argument
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format; png is the final frame. Default: from the -o suffix, else mp4.",
)
@quality_option
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Where to write. Default: media/NAME.FORMAT"
)
@detail_option("Animate one output cell at a time, a row at a time, or a whole matrix at a time.")
@pace_option
@theme_option
@transparent_option
@jobs_option("Processes that render parts of the walkthrough side by side; the parts are joined without re-encoding.")
@archival_option
@constant_rate_option
@split_steps_option
@subtitles_option
@no_cache_option
@watch_option
def render_command(
    name: str,
    trace: Trace,
    fmt: str | None,
    quality: str,
    output: Path | None,
    detail: Detail,
    timing: Timing,
    theme: str,
    transparent: bool,
    jobs: int,
    archival: bool,
    constant_frame_rate: bool,
    split_steps: bool,
    subtitles: bool,
    no_cache: bool,
) -> None:
    """Render an exercise as a video, a GIF or a still.

    MP4, GIF, WebM, MOV, or a PNG of the final frame. A video has a chapter per
    step; each step drawn is kept, and drawn again only when it changes.
    """
    with progress(name if output is None else f"{name} → {output.name}", trace.op_count) as advance:
        paths = render_trace(
            name,
            trace,
            output,
            fmt,
            quality,
            detail,
            timing,
            theme,
            transparent,
            jobs,
            archival,
            constant_frame_rate,
            split_steps,
            advance,
            subtitles=subtitles,
            cache=not no_cache,
            warn=warn,
        )
    echo_paths(paths)
