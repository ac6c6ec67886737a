"""`handtf trace`: the JSON trace of an exercise."""

from __future__ import annotations

__all__ = ["trace_command"]

from pathlib import Path

import click

from handtf.cli.app import cli
from handtf.cli.options import exercise_argument
from handtf.files import check_writable, write_atomically
from handtf.trace import Trace


@cli.command("trace")
@exercise_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout (- is stdout).")
def trace_command(name: str, trace: Trace, output: str | None) -> None:
    """Print the JSON trace of an exercise: every cell op, in order."""
    text = trace.to_json() + "\n"
    if output is None or output == "-":  # as given: ./- is a file named -
        click.echo(text, nl=False)
        return
    check_writable(Path(output))
    write_atomically(Path(output), text.encode("utf-8"))
