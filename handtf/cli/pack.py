"""`handtf pack`: a class pack, a fresh sheet per seed with its key, and an index."""

from __future__ import annotations

__all__ = ["pack_command"]

from pathlib import Path

import click

from handtf.cli.app import cli, echo_paths
from handtf.exercises.drill import DRILL_MOST
from handtf.generate import GENERATORS
from handtf.pack import pack
from handtf.text import LANGS


@cli.command("pack")
@click.argument("name", type=click.Choice(sorted(GENERATORS)))
@click.option("--seeds", metavar="LIST", required=True, help="The sheets' seeds: 1-30, or 3,7,10-12.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pack. Default: media/NAME-pack",
)
@click.option("--video", is_flag=True, help="Also a 480p video of each sheet, worked out (slower).")
@click.option(
    "--count",
    type=click.IntRange(1, DRILL_MOST),
    help="A drill's number of exercises on each sheet (dot-product, matrix-multiplication, linear-layer).",
)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
def pack_command(name: str, seeds: str, output: Path | None, video: bool, count: int | None, lang: str) -> None:
    """A class pack: a sheet and its key per seed.

    Each seed draws numbers of its own, friendly to work by hand. The folder gets
    NAME-SEED.pdf and NAME-SEED-answers.pdf (with a PNG of each page), with --video
    NAME-SEED.mp4, and NAME-sheets.pdf and NAME-answers.pdf to print them all at
    once, and index.html, which links them.

    handtf pack mlp --seeds 1-30 -o class/
    """
    echo_paths(pack(name, output, seeds=seeds, video=video, count=count, lang=lang))
