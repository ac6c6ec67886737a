"""`handtf worksheet`: a sheet to fill in by hand, or its answer key."""

from __future__ import annotations

__all__ = ["worksheet_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths
from handtf.cli.options import exercise_argument
from handtf.outputs import worksheet_trace
from handtf.trace import Trace


@cli.command("worksheet")
@exercise_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF to write (a PNG of the page goes beside it). Default: media/NAME-worksheet.pdf",
)
@click.option("--answers", is_flag=True, help="Write the answer key: the same sheet with every result filled in.")
@click.option("--steps", "chosen", metavar="LIST", help="Only these steps, numbered as on screen: 2-3, or 1,4-5.")
def worksheet_command(name: str, trace: Trace, output: Path | None, answers: bool, chosen: str | None) -> None:
    """A sheet to fill in by hand, or its answer key.

    The exercise on an A4 landscape page, as a vector PDF and a 300 dpi PNG.
    """
    echo_paths(worksheet_trace(name, trace, output, answers, chosen))
