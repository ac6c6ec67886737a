"""`handtf trace`: the JSON trace of an exercise."""

from __future__ import annotations

__all__ = ["trace_command"]

import click

from handtf.cli.app import cli, emit_text
from handtf.cli.options import exercise_argument
from handtf.trace import Trace


@cli.command("trace")
@exercise_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout (- is stdout).")
def trace_command(name: str, trace: Trace, output: str | None) -> None:
    """Print the JSON trace of an exercise: every cell op, in order."""
    emit_text(trace.to_json() + "\n", output)
