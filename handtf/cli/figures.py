"""`handtf figures`: blog figures, a PNG per step and an overview."""

from __future__ import annotations

__all__ = ["figures_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths, theme_style
from handtf.cli.options import exercise_argument, theme_option
from handtf.cli.seam import renderer
from handtf.files import check_targets
from handtf.steps import figure_stems
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
    help="Width in pixels; figures are 16:9.",
)
@theme_option
def figures_command(name: str, trace: Trace, output: Path | None, width: int, theme: str) -> None:
    """Blog figures: a PNG of each step, finished, and an overview.

    Stills of an exercise, drawn at once (no animation is played).
    """
    folder = output if output is not None else Path("media") / name
    check_targets(folder / f"{stem}.png" for stem in figure_stems(trace))
    echo_paths(renderer().render_figures(trace, folder, width, theme_style(theme)))
