"""`handtf export`: an exercise as a spec file to start from."""

from __future__ import annotations

__all__ = ["export_command"]


import click

from handtf.cli.app import cli
from handtf.cli.options import exercise_argument
from handtf.spec import export_spec
from handtf.trace import Trace


@cli.command("export")
@exercise_argument
@click.option("--format", "fmt", type=click.Choice(("toml", "json")), default="toml", show_default=True)
def export_command(name: str, trace: Trace, fmt: str) -> None:
    """Print an exercise as a spec file, to start your own from.

    handtf export transformer > my.toml, edit the numbers, then
    handtf render --spec my.toml.
    """
    click.echo(export_spec(trace, fmt), nl=False)
