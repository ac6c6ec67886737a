"""`handtf worksheet`: a sheet to fill in by hand, or its answer key."""

from __future__ import annotations

__all__ = ["worksheet_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths
from handtf.cli.options import exercise_argument
from handtf.cli.seam import renderer
from handtf.errors import HandtfError, shown
from handtf.files import check_targets
from handtf.steps import parse_steps, select_steps
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
    if chosen is not None:
        trace = select_steps(trace, parse_steps(chosen, len(trace.steps)))
    if output is None:
        kind = "answers" if answers else "worksheet"
        part = f"-steps{chosen.replace(',', '_').replace(' ', '')}" if chosen else ""
        output = Path("media") / f"{name}-{kind}{part}.pdf"
    if output.suffix.lower() != ".pdf":
        raise HandtfError(f"the worksheet is a PDF; name the output *.pdf, not {shown(str(output))}")
    png = output.with_suffix(".png")
    check_targets([output, png])
    echo_paths(renderer().render_worksheet(trace, output, png, answers))
