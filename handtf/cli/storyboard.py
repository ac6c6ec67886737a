"""`handtf storyboard`: the JSON storyboard of an exercise, what a viewer sees beat by beat."""

from __future__ import annotations

__all__ = ["storyboard_command"]

import click

from handtf.cli.app import cli, emit_text
from handtf.cli.options import detail_option, exercise_argument, pace_option
from handtf.detail import Detail
from handtf.pace import Timing
from handtf.storyboard import storyboard
from handtf.trace import Trace


@cli.command("storyboard")
@exercise_argument
@detail_option("How many cell ops each beat writes: one cell, a row, or the whole step.")
@pace_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout (- is stdout).")
def storyboard_command(name: str, trace: Trace, detail: Detail, timing: Timing, output: str | None) -> None:
    """Print the JSON storyboard: the beats a viewer sees.

    Its shots and beats, for a web page to play: lit cells, captions, values, views, times.
    """
    emit_text(storyboard(trace, detail, timing).to_json() + "\n", output)
