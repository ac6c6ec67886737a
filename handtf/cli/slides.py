"""`handtf slides`: a deck through manim-slides."""

from __future__ import annotations

__all__ = ["slides_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths, progress
from handtf.cli.options import detail_option, exercise_argument, pace_option, quality_option, theme_option
from handtf.detail import Detail
from handtf.outputs import slides_trace
from handtf.pace import Timing
from handtf.scenes.formats import SLIDE_FORMATS
from handtf.trace import Trace


@cli.command("slides")
@exercise_argument
@click.option(
    "--to",
    type=click.Choice(SLIDE_FORMATS),
    help="html (reveal.js, with its assets folder) or pptx. Default: from the -o suffix, else html.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write. Default: media/NAME-slides.html",
)
@quality_option
@detail_option("What one click shows: a cell, an output row, or a whole step.")
@click.option(
    "--reveal",
    is_flag=True,
    help="Predict, then reveal: stop before each value with a ? in its place; a click shows it.",
)
@pace_option
@theme_option
def slides_command(
    name: str,
    trace: Trace,
    to: str | None,
    output: Path | None,
    quality: str,
    detail: Detail,
    reveal: bool,
    timing: Timing,
    theme: str,
) -> None:
    """A slide deck: a click per cell, row or step.

    HTML (reveal.js, works offline) or PowerPoint, of an exercise.
    """
    with progress(name if output is None else f"{name} → {output.name}", trace.op_count) as advance:
        paths = slides_trace(name, trace, output, to, quality, detail, reveal, timing, theme, advance)
    echo_paths(paths)
