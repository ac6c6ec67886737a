"""``--watch``: work a spec file again each time it is saved.

The file is looked at a few times a second (no extra dependency, and it works on any
file system); a save is taken once the file has stood still for a moment, so an
editor's half-written file is not read. A spec that does not load prints its one-line
error and the watch goes on, leaving the last good output in place. Ctrl-C ends it:
a render under way stops as any render does, its workers with it.
"""

from __future__ import annotations

__all__ = ["watch"]

import time
from collections.abc import Callable
from pathlib import Path

import click

from handtf.errors import HandtfError, one_line

POLL = 0.25  # seconds between looks at the file
SETTLE = 0.2  # seconds a file must stand still to count as saved

Stamp = tuple[int, int] | None


def _stamp(path: Path) -> Stamp:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _settled(path: Path) -> Stamp:
    """The file's stamp once it has stood still for :data:`SETTLE` seconds."""
    stamp = _stamp(path)
    while True:
        time.sleep(SETTLE)
        now = _stamp(path)
        if now == stamp:
            return stamp
        stamp = now


def _seconds(seconds: float) -> str:
    """A render's time as the watch prints it: to a tenth of a second, or to a
    hundredth under one (a render that only joins kept steps takes some 0.05 s).

    >>> _seconds(1.34), _seconds(0.046)
    ('1.3 s', '0.05 s')
    """
    return f"{seconds:.1f} s" if seconds >= 1 else f"{seconds:.2f} s"


def watch(spec: Path, once: Callable[[], object], rounds: int | None = None) -> int:
    """Run ``once`` now and after each save of ``spec``, printing how long each took;
    return the exit code when Ctrl-C ends it: 0 while waiting, 130 if a render was
    cut short. ``rounds`` (for tests) stops after that many runs.
    """
    seen: Stamp = None
    runs = 0
    working = False
    click.echo(f"handtf: watching {spec}; Ctrl-C stops", err=True)
    try:
        while rounds is None or runs < rounds:
            stamp = _stamp(spec)
            if stamp == seen:
                time.sleep(POLL)
                continue
            seen = _settled(spec)
            runs += 1
            if seen is None:
                click.echo(f"handtf: {spec} is not there; waiting for it to be saved", err=True)
                continue
            started = time.monotonic()
            working = True
            try:
                once()
                click.echo(f"handtf: rendered in {_seconds(time.monotonic() - started)}; watching {spec}", err=True)
            except HandtfError as exc:
                click.echo(f"handtf: error: {one_line(str(exc))}", err=True)
                click.echo(f"handtf: the last output stays; watching {spec} for the next save", err=True)
            working = False
    except KeyboardInterrupt:
        click.echo("handtf: stopped watching" + ("; the render under way was not written" if working else ""), err=True)
        return 130 if working else 0
    return 0
