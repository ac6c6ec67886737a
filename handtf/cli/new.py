"""`handtf new`: a fresh exercise with by-hand-friendly numbers."""

from __future__ import annotations

__all__ = ["new_command"]


import click

from handtf.cli.app import cli
from handtf.exercises.drill import DRILL_MOST
from handtf.generate import GENERATORS, generate
from handtf.spec import export_spec
from handtf.text import LANGS


@cli.command("new")
@click.argument("name", type=click.Choice(sorted(GENERATORS)))
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), required=True, help="The same seed gives the same exercise.")
@click.option("--format", "fmt", type=click.Choice(("toml", "json")), default="toml", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
@click.option(
    "--count",
    type=click.IntRange(1, DRILL_MOST),
    help="A drill's number of exercises on the sheet (dot-product, matrix-multiplication, linear-layer). Default: 5",
)
def new_command(name: str, seed: int, fmt: str, lang: str, count: int | None) -> None:
    """Print a fresh exercise shaped like NAME.

    Its numbers are friendly to work by hand.

    handtf new transformer --seed 7 > class-a.toml, then
    handtf worksheet --spec class-a.toml.
    """
    click.echo(export_spec(generate(name, seed, lang, count), fmt), nl=False)
