"""Many exercises in one go: ``handtf batch`` renders a folder of spec files.

Each spec is one job, rendered serially in a worker process of its own; ``jobs``
of them run side by side. A spec that fails is reported and the rest go on.

Each worker is a forked process with a pipe of its own for its one result, and the
parent waits on the workers' exits and pipes together. So a worker that dies, however
it dies, is seen at once, and no lock is shared that a dying worker could leave held.
Interrupts (Ctrl-C, SIGTERM, SIGHUP, to the parent or to the whole process group)
stop every worker; each removes its scratch folder, and the parent waits for all of
them before it exits.
"""

from __future__ import annotations

__all__ = ["Interrupted", "Outcome", "Settings", "find_specs", "plan_outputs", "render_spec", "run_batch"]

import multiprocessing
import multiprocessing.connection
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from handtf.detail import Detail
from handtf.errors import HandtfError, shown
from handtf.interrupts import end_quietly, forked, held, stop_listening
from handtf.pace import Timing
from handtf.written import decimals


class Interrupted(KeyboardInterrupt):
    """An interrupt, with what it left written."""


@dataclass(frozen=True)
class Outcome:
    """What became of one spec: the file written, or why not."""

    spec: Path
    output: Path | None
    error: str | None


def find_specs(sources: Iterable[Path]) -> list[Path]:
    """The spec files named, or found (``*.toml``, ``*.json``) in the folders named;
    a file named twice is taken once.
    """
    specs: list[Path] = []
    for source in sources:
        try:
            if source.is_dir():
                specs += sorted(p for p in source.iterdir() if p.suffix.lower() in (".toml", ".json"))
            elif source.exists():
                specs.append(source)
            else:
                raise HandtfError(f"{shown(str(source))} does not exist; name spec files or folders of them")
        except OSError as exc:
            raise HandtfError(f"cannot read {shown(str(source))} ({exc.strerror or type(exc).__name__})") from None
    if not specs:
        raise HandtfError("no spec files (*.toml, *.json) found; name spec files or folders of them")
    unique: dict[Path, Path] = {}
    for spec in specs:
        unique.setdefault(spec.resolve(), spec)
    return list(unique.values())


def plan_outputs(specs: list[Path], folder: Path, fmt: str) -> list[tuple[Path, Path]]:
    """Each spec with its output, ``folder/STEM.fmt``; two specs that would write the
    same output are refused, before anything is rendered.
    """
    taken: dict[str, Path] = {}
    for spec in specs:
        key = spec.stem.lower()  # one file on a case-insensitive file system
        if key in taken:
            raise HandtfError(
                f"{shown(str(taken[key]))} and {shown(str(spec))} would both write "
                f"{shown(str(folder / f'{spec.stem}.{fmt}'))}; rename one, or batch them into separate -o folders"
            )
        taken[key] = spec
    return [(spec, folder / f"{spec.stem}.{fmt}") for spec in specs]


@dataclass(frozen=True)
class Settings:
    """How every spec of a batch is rendered: ``handtf render``'s options."""

    fmt: str
    quality: str
    detail: Detail
    timing: Timing = Timing()
    theme: str = "light"
    transparent: bool = False
    archival: bool = False
    constant_frame_rate: bool = False
    split_steps: bool = False
    lang: str | None = None
    decimals: int = 2
    subtitles: bool = False
    cache: bool = True


def render_spec(spec: Path, out: Path, settings: Settings, on_progress: Callable[[int], None] | None = None) -> Path:
    """Render one spec serially (the batch runs several side by side), as ``handtf
    render --spec`` would; return the whole video (its clips go beside it).
    """
    from handtf.outputs import render_trace
    from handtf.spec import load_spec

    s = settings
    with decimals(s.decimals):
        trace = load_spec(spec, s.lang)
        paths = render_trace(
            spec.stem,
            trace,
            out,
            s.fmt,
            s.quality,
            s.detail,
            s.timing,
            s.theme,
            s.transparent,
            1,
            s.archival,
            s.constant_frame_rate,
            s.split_steps,
            on_progress,
            subtitles=s.subtitles,
            cache=s.cache,
        )
    return Path(paths[0])


def _one(spec: Path, out: Path, settings: Settings, on_progress: Callable[[int], None] | None = None) -> Outcome:
    try:
        return Outcome(spec, render_spec(spec, out, settings, on_progress), None)
    except HandtfError as exc:
        message = str(exc)
        return Outcome(spec, None, message if str(spec) in message else f"{spec}: {message}")
    except Exception as exc:  # noqa: BLE001 - one spec's failure is reported; the rest go on
        from handtf.files import full_disk

        reason = full_disk(exc) or f"the render failed ({type(exc).__name__}: {exc})"
        return Outcome(spec, None, f"{spec}: {reason}")


_stopping = False


def _stop_render(signum: int, frame: FrameType | None) -> None:
    """In a worker: SIGTERM or SIGHUP stops its render, which removes its scratch; a
    second one (the group's, then the parent's) does not cut that short.
    """
    global _stopping
    if _stopping:
        return
    _stopping = True
    raise KeyboardInterrupt


def _stops_when(stopped: Callable[[], bool]) -> Callable[[int], None]:
    """A render's progress callback that raises KeyboardInterrupt once ``stopped()``:
    where an interrupt that Python swallowed is raised again.
    """

    def check(ops: int) -> None:
        if stopped():
            raise KeyboardInterrupt

    return check


def _work(spec: Path, out: Path, settings: Settings, result: Any) -> None:
    """A worker: render one spec and send its outcome (None when stopped)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's; it stops the workers
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup's SIGHUP stays ignored
            signal.signal(signum, _stop_render)
    outcome: Outcome | None
    try:
        try:
            forked()  # the parent held interrupts while it forked
            outcome = _one(spec, out, settings, _stops_when(lambda: _stopping))
        finally:
            stop_listening()  # one interrupt stops it; the report is sent whatever comes after
    except KeyboardInterrupt:
        outcome = None
    end_quietly()
    try:
        result.send(outcome)
        result.close()
    except (OSError, ValueError):
        pass  # the parent is gone


def run_batch(
    jobs: list[tuple[Path, Path]],
    settings: Settings,
    workers: int,
    on_done: Callable[[Outcome], None],
    interrupted: Callable[[], bool] = lambda: False,
) -> list[Outcome]:
    """Render each (spec, output), ``workers`` at a time, calling ``on_done`` as each
    finishes; return every outcome, in the order given. An interrupt stops them all
    and raises :class:`Interrupted`, saying how many outputs were written;
    ``interrupted`` tells of one whose KeyboardInterrupt Python swallowed.
    """
    outcomes: dict[Path, Outcome] = {}

    def finished(outcome: Outcome) -> None:
        outcomes[outcome.spec] = outcome
        on_done(outcome)

    try:
        if workers <= 1 or len(jobs) == 1 or "fork" not in multiprocessing.get_all_start_methods():
            for spec, out in jobs:
                finished(_one(spec, out, settings, _stops_when(interrupted)))
        else:
            _side_by_side(jobs, settings, workers, finished, interrupted)
    except KeyboardInterrupt:
        written = sum(1 for o in outcomes.values() if o.error is None)
        raise Interrupted(
            f"interrupted; {written} of {len(jobs)} outputs were written (listed above), and no partial file was left"
        ) from None
    return [outcomes[spec] for spec, _ in jobs]


def _side_by_side(
    jobs: list[tuple[Path, Path]],
    settings: Settings,
    workers: int,
    finished: Callable[[Outcome], None],
    interrupted: Callable[[], bool],
) -> None:
    context = multiprocessing.get_context("fork")
    waiting = list(jobs)
    running: dict[int, tuple[Any, Any, Path]] = {}  # by sentinel: the process, its pipe, its spec
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                spec, out = waiting.pop(0)
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(target=_work, args=(spec, out, settings, writer), daemon=True)
                with held():  # no worker unknown to _stop
                    process.start()
                    running[process.sentinel] = (process, reader, spec)
                writer.close()
            ended = multiprocessing.connection.wait(list(running), timeout=1.0)
            if interrupted():
                raise KeyboardInterrupt
            for sentinel in ended:
                process, reader, spec = running.pop(sentinel)  # type: ignore[arg-type]
                try:
                    outcome = reader.recv() if reader.poll() else None
                except (EOFError, OSError):
                    outcome = None  # it died as it sent
                reader.close()
                process.join()
                if outcome is None:
                    how = f"signal {-process.exitcode}" if (process.exitcode or 0) < 0 else f"exit {process.exitcode}"
                    outcome = Outcome(spec, None, f"{spec}: the render's process was stopped ({how})")
                finished(outcome)
    finally:
        _stop([process for process, _, _ in running.values()])


def _stop(processes: list[Any]) -> None:
    """Stop the workers still running, and wait for every one of them."""
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker's render stops and removes its scratch
    for process in processes:
        process.join(timeout=20)
        if process.is_alive():
            process.kill()
            process.join()
