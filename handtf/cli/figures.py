"""`handtf figures`: blog figures, a PNG per step and an overview."""

from __future__ import annotations

__all__ = ["figures_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths
from handtf.cli.options import exercise_argument, theme_option
from handtf.outputs import figures_trace
from handtf.trace import Trace


@cli.command("figures")
@exercise_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into. Default: media/NAME/",
)
@click.option(
    "--width",
    type=click.IntRange(256, 7680),
    default=1920,
    show_default=True,
    help="Width in pixels; the steps' figures are 16:9, the overview the sheet's own shape.",
)
@theme_option
def figures_command(name: str, trace: Trace, output: Path | None, width: int, theme: str) -> None:
    """Blog figures: a PNG of each step, finished, and an overview.

    Stills of an exercise, drawn at once (no animation is played).
    """
    echo_paths(figures_trace(name, trace, output, width, theme))
