"""`handtf new`: a fresh exercise with by-hand-friendly numbers."""

from __future__ import annotations

__all__ = ["new_command"]


import click

from handtf.cli.app import cli
from handtf.generate import GENERATORS, generate
from handtf.spec import export_spec
from handtf.text import LANGS


@cli.command("new")
@click.argument("name", type=click.Choice(sorted(GENERATORS)))
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), required=True, help="The same seed gives the same exercise.")
@click.option("--format", "fmt", type=click.Choice(("toml", "json")), default="toml", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
def new_command(name: str, seed: int, fmt: str, lang: str) -> None:
    """Print a fresh exercise shaped like NAME.

    Its numbers are friendly to work by hand.

    handtf new transformer --seed 7 > class-a.toml, then
    handtf worksheet --spec class-a.toml.
    """
    click.echo(export_spec(generate(name, seed, lang), fmt), nl=False)
