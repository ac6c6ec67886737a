"""`handtf render`: a video, a GIF or the final frame."""

from __future__ import annotations

__all__ = ["render_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths, progress, theme_style
from handtf.cli.options import (
    detail_option,
    exercise_argument,
    jobs_option,
    pace_option,
    quality_option,
    theme_option,
)
from handtf.cli.seam import renderer
from handtf.detail import Detail
from handtf.errors import HandtfError, shown
from handtf.files import check_targets
from handtf.pace import Timing
from handtf.scenes.formats import ALPHA_FORMATS, FORMATS
from handtf.steps import clip_stems
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
@click.option(
    "--transparent", is_flag=True, help="No page behind the sheet: video with an alpha channel (webm or mov only)."
)
@jobs_option("Processes that render parts of the walkthrough side by side; the parts are joined without re-encoding.")
@click.option("--archival", is_flag=True, help="MP4 for keeping: x264 crf 18, preset slow (about 1.5x the time).")
@click.option(
    "--constant-frame-rate",
    is_flag=True,
    help="Write every frame of a held moment, not one that lasts: for video editors that want a constant rate.",
)
@click.option(
    "--split-steps",
    is_flag=True,
    help="Also write one clip per step, for slides: media/NAME/01-….FORMAT and so on, beside the whole video.",
)
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
) -> None:
    """Render an exercise as a video, a GIF or a still.

    MP4, GIF, WebM, MOV, or a PNG of the final frame.
    """
    fmt, output = _resolve_output(name, fmt, output)
    if transparent and fmt not in ALPHA_FORMATS:
        raise HandtfError(
            f"--transparent needs a format with an alpha channel ({' or '.join(ALPHA_FORMATS)}), not {fmt}; "
            f"add -f webm or -f mov"
        )
    if split_steps and fmt == "png":
        raise HandtfError("--split-steps makes one clip per step, and png is a still; use `handtf figures` for stills")
    if archival and fmt != "mp4":
        raise HandtfError(f"--archival sets x264's quality, for mp4, not {fmt}; leave it out or add -f mp4")
    if constant_frame_rate and fmt in ("gif", "png"):
        raise HandtfError(
            f"--constant-frame-rate is for video (mp4, webm, mov), not {fmt}; a GIF shows a held frame once, for longer"
        )
    clips = output.parent / output.stem if split_steps else None
    check_targets([output, *([clips / f"{stem}.{fmt}" for stem in clip_stems(trace)] if clips else [])])
    scenes = renderer()
    with progress(f"{name} → {output.name}", trace.op_count) as advance:
        paths = scenes.render(
            trace,
            output,
            fmt,
            quality,
            detail,
            on_progress=advance,
            style=theme_style(theme),
            transparent=transparent,
            split_steps=clips,
            jobs=jobs,
            archival=archival,
            constant_rate=constant_frame_rate,
            timing=timing,
        )
    echo_paths(paths)


def _resolve_output(name: str, fmt: str | None, output: Path | None) -> tuple[str, Path]:
    if output is None:
        fmt = fmt or "mp4"
        return fmt, Path("media") / f"{name}.{fmt}"
    suffix = output.suffix.lower().lstrip(".")
    if fmt is None:
        if suffix not in FORMATS:
            raise HandtfError(
                f"cannot tell the format from {shown(str(output))}; end it in .{', .'.join(FORMATS)}, or pass --format"
            )
        return suffix, output
    if suffix != fmt:
        raise HandtfError(f"--format {fmt} does not match the output {shown(str(output))}; name it *.{fmt}")
    return fmt, output
