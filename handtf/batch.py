"""Many exercises in one go: ``handtf batch`` renders a folder of spec files.

Each spec is one job, rendered serially in a worker process of its own; ``jobs``
of them run side by side. A spec that fails is reported and the rest go on.
"""

from __future__ import annotations

__all__ = ["Outcome", "Settings", "find_specs", "render_spec", "run_batch"]

import multiprocessing
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from handtf.errors import HandtfError


@dataclass(frozen=True)
class Outcome:
    """What became of one spec: the file written, or why not."""

    spec: Path
    output: Path | None
    error: str | None


def find_specs(sources: Iterable[Path]) -> list[Path]:
    """The spec files named, or found (``*.toml``, ``*.json``) in the folders named."""
    specs: list[Path] = []
    for source in sources:
        if source.is_dir():
            specs += sorted(p for p in source.iterdir() if p.suffix.lower() in (".toml", ".json"))
        elif source.exists():
            specs.append(source)
        else:
            raise HandtfError(f"{str(source)!r} does not exist; name spec files or folders of them")
    if not specs:
        raise HandtfError("no spec files (*.toml, *.json) found; name spec files or folders of them")
    return specs


@dataclass(frozen=True)
class Settings:
    """How every spec of a batch is rendered."""

    fmt: str
    quality: str
    detail: str


def render_spec(spec: Path, out: Path, settings: Settings) -> Path:
    """Render one spec serially (the batch runs several side by side)."""
    from handtf.spec import load_spec
    from scenes.render import render  # the command line's edge: only batch renders import manim

    (path,) = render(load_spec(spec), out, settings.fmt, settings.quality, settings.detail)
    return Path(path)


def _one(job: tuple[Path, Path, Settings]) -> Outcome:
    spec, out, settings = job
    try:
        return Outcome(spec, render_spec(spec, out, settings), None)
    except HandtfError as exc:
        message = str(exc)
        return Outcome(spec, None, message if message.startswith(str(spec)) else f"{spec}: {message}")
    except Exception as exc:  # noqa: BLE001 - one spec's failure is reported; the rest go on
        return Outcome(spec, None, f"{spec}: the render failed ({type(exc).__name__}: {exc})")


def _quiet_worker() -> None:
    """In a worker: the parent handles Ctrl-C, and stops workers with SIGTERM, which
    should end them at once and quietly (no traceback of their own).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run_batch(
    jobs: list[tuple[Path, Path]],
    settings: Settings,
    workers: int,
    on_done: Callable[[Outcome], None],
) -> list[Outcome]:
    """Render each (spec, output), ``workers`` at a time, calling ``on_done`` as each
    finishes; return every outcome, in the order given.
    """
    tasks = [(spec, out, settings) for spec, out in jobs]
    outcomes: dict[Path, Outcome] = {}
    if workers <= 1 or len(tasks) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            outcome = _one(task)
            outcomes[task[0]] = outcome
            on_done(outcome)
    else:
        pool = multiprocessing.get_context("fork").Pool(min(workers, len(tasks)), initializer=_quiet_worker)
        try:
            for outcome in pool.imap_unordered(_one, tasks):
                outcomes[outcome.spec] = outcome
                on_done(outcome)
            pool.close()
        except BaseException:
            pool.terminate()  # Ctrl-C or SIGTERM: no worker goes on rendering
            raise
        finally:
            pool.join()
    return [outcomes[spec] for spec, _ in jobs]
