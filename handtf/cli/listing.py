"""`handtf list`: the exercises handtf knows, and the ops a spec may use."""

from __future__ import annotations

__all__ = ["list_exercises"]


import click

from handtf.cli.app import cli
from handtf.exercises import EXERCISES
from handtf.exercises.exercise import GROUPS
from handtf.spec import ops


@cli.command("list")
def list_exercises() -> None:
    """List the exercises, by group, and the ops a spec may use."""
    width = max(len(name) for name in EXERCISES)
    for group in GROUPS:
        members = sorted((name, ex) for name, ex in EXERCISES.items() if ex.group == group)
        if members:
            click.echo(f"{group}:")
        for name, ex in members:
            trace = ex.build()
            click.echo(f"  {name:<{width}}  {len(trace.steps)} steps, {trace.op_count} cell ops  {ex.summary}")
    click.echo(f"\nops for spec files: {', '.join(ops())}")
