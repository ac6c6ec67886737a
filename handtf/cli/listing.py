"""`handtf list`: the exercises handtf knows."""

from __future__ import annotations

__all__ = ["list_exercises"]


import click

from handtf.cli.app import cli
from handtf.exercises import EXERCISES


@cli.command("list")
def list_exercises() -> None:
    """List the exercises handtf knows."""
    width = max(len(name) for name in EXERCISES)
    for name, ex in sorted(EXERCISES.items()):
        trace = ex.build()
        click.echo(f"{name:<{width}}  {len(trace.steps)} steps, {trace.op_count} cell ops  {ex.summary}")
