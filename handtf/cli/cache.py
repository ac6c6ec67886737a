"""`handtf cache info` and `handtf cache clear`: what handtf keeps between renders."""

from __future__ import annotations

__all__ = ["cache_group"]

import click

from handtf.cache import cache_root, clear, info
from handtf.cli.app import cli


def _size(count: int) -> str:
    """Bytes as people read them.

    >>> _size(0), _size(1536), _size(3 * 1024**3)
    ('0 B', '1.5 KB', '3.0 GB')
    """
    size, unit = float(count), "B"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            break
        size /= 1024
    return f"{count} B" if unit == "B" else f"{size:.1f} {unit}"


@cli.group("cache")
def cache_group() -> None:
    """Steps of videos kept between renders.

    A render draws only the steps that changed, and takes the rest from here:
    $HANDTF_CACHE, else ~/.cache/handtf. It keeps at most $HANDTF_CACHE_SIZE
    (default 2G) of video, the least recently used going first. Safe to delete at
    any time.
    """


@cache_group.command("info")
def cache_info() -> None:
    """Where the cache is, and what it holds."""
    held = info(cache_root())
    click.echo(f"folder:   {held.folder}")
    click.echo(f"segments: {held.segments}, {_size(held.segment_bytes)}")
    click.echo(f"at most:  {_size(held.most_bytes)} of segments (HANDTF_CACHE_SIZE)")
    click.echo(f"other:    {_size(held.other_bytes)} (shaped words, the slides' reveal.js)")


@cache_group.command("clear")
def cache_clear() -> None:
    """Empty the cache: the next render draws every step again."""
    click.echo(f"freed {_size(clear(cache_root()))} in {cache_root()}")
