"""`handtf html`: the web player, one self-contained HTML page to open, host or embed."""

from __future__ import annotations

__all__ = ["html_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths
from handtf.cli.options import detail_option, exercise_argument, pace_option, theme_option
from handtf.detail import Detail
from handtf.pace import Timing
from handtf.player import embed as embedded
from handtf.trace import Trace
from handtf.web import html_trace


@cli.command("html")
@exercise_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The page to write. Default: media/NAME.html",
)
@detail_option("What one op is when the page opens: a cell, a row or a whole step (the reader can change it).")
@pace_option
@theme_option
@click.option(
    "--embed",
    is_flag=True,
    help="Print an <iframe> for a blog post instead of the path: put the page beside the post, or change its src.",
)
def html_command(
    name: str, trace: Trace, output: Path | None, detail: Detail, timing: Timing, theme: str, embed: bool
) -> None:
    """The web player: one HTML file that steps through the exercise.

    Play, pause and scrub; step op by op or step by step; hover over any cell to see
    how it was made; predict each value before it shows. It loads nothing from the
    network: open it from disk, host it anywhere, or embed it in a blog.
    """
    paths = html_trace(name, trace, output, detail, timing, theme)
    if embed:
        click.echo(embedded(paths[0].name, trace.title))
    else:
        echo_paths(paths)
