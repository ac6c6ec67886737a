"""`handtf export`: an exercise as a spec file to start from."""

from __future__ import annotations

__all__ = ["export_command"]


import click

from handtf.cli.app import cli, emit_text
from handtf.cli.options import exercise_argument
from handtf.spec import export_spec
from handtf.trace import Trace


@cli.command("export")
@exercise_argument
@click.option("--format", "fmt", type=click.Choice(("toml", "json")), default="toml", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout (- is stdout).")
def export_command(name: str, trace: Trace, fmt: str, output: str | None) -> None:
    """Print an exercise as a spec file, to start your own from.

    handtf export transformer -o my.toml (or > my.toml), edit the numbers, then
    handtf render --spec my.toml.
    """
    emit_text(export_spec(trace, fmt), output)
