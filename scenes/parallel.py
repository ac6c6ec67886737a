"""Rendering the segments of a walkthrough in several processes, then joining them.

Each worker renders a contiguous run of segments (a *part*, see
:func:`handtf.segments.segments`): it works through what comes before its part
without drawing a frame, so it starts from the very page a serial render would be
on, and writes only its own frames. The parts' videos are then joined by stream copy
(no re-encoding): the joined file holds the same packets, frame for frame, as a
serial render.

Workers are forked (Linux), so nothing is pickled. If the render is interrupted or a
worker fails, every worker is stopped and waited for: none is left behind.
"""

from __future__ import annotations

__all__ = ["BITEXACT", "GRACE", "join_videos", "partition", "render_parts"]

import itertools
import multiprocessing
import queue as queue_module
import signal
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import av

from handtf.files import short_of_space
from handtf.interrupts import end_quietly, forked, held, stop_listening
from handtf.scenes.tracks import Tracks, add_tracks, mux_cues

Part = range
RenderPart = Callable[[Part, Path, Callable[[int], None]], tuple[Path, list[tuple[str, Path]]]]

# Muxers write no random ids (WebM's track UIDs) and no library version: the same
# packets make the same file, so a video joined from kept steps is the one drawn whole.
BITEXACT = {"fflags": "+bitexact"}
GRACE = 10.0  # seconds a worker has to stop on SIGTERM before it is killed


def partition(costs: Sequence[float], jobs: int) -> list[Part]:
    """Split the segments of these ``costs`` (indices 0 to ``len(costs)``) into at
    most ``jobs`` contiguous parts of about equal cost: each cut where the cost so far
    comes nearest to its share.

    >>> partition([1, 1, 1, 1, 4], 2)
    [range(0, 4), range(4, 5)]
    >>> partition([8, 8, 3], 5)
    [range(0, 1), range(1, 2), range(2, 3)]
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        jobs = 1  # workers are forked; where that is not offered, render in one process
    jobs = max(1, min(jobs, len(costs)))
    so_far = [0.0, *itertools.accumulate(costs)]  # the cost of the segments before each index
    cuts = [0]
    for k in range(1, jobs):
        share = so_far[-1] * k / jobs
        # room for one segment at least in this part and in each part after it
        cuts.append(min(range(cuts[-1] + 1, len(costs) - (jobs - k) + 1), key=lambda n: abs(so_far[n] - share)))
    cuts.append(len(costs))
    return [range(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]


def _work(render_part: RenderPart, part: Part, folder: Path, messages: Any) -> None:
    """A worker: render one part, reporting progress and the result on ``messages``.

    A SIGTERM from the parent interrupts the render (the CLI's handler raises
    KeyboardInterrupt, so manim stops its encoders); the worker then ends quietly.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        try:
            forked()  # the parent held interrupts while it forked
            movie, clips = render_part(part, folder, lambda ops: messages.put(("progress", ops)))
            report: tuple[Any, ...] = ("done", (part.start, str(movie), [(n, str(c)) for n, c in clips]))
        finally:
            stop_listening()  # one interrupt stops it; the report is sent whatever comes after
    except KeyboardInterrupt:
        report = ("stopped", part.start)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        report = ("error", f"{type(exc).__name__}: {exc}", traceback.format_exc(), _os_error(exc, folder))
    end_quietly()
    try:
        messages.put(report)
    except (OSError, ValueError):
        pass  # the parent has stopped listening


def _os_error(exc: BaseException, folder: Path) -> tuple[int, str, str | None] | None:
    """The first OSError with an errno in ``exc``'s chain, as (errno, message, file);
    else a full disk under ``folder``, which cut some write short.
    """
    full = short_of_space(folder)
    if full is not None:
        exc = full
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            break
        if isinstance(seen, OSError) and seen.errno is not None:
            return seen.errno, seen.strerror or str(seen), None if seen.filename is None else str(seen.filename)
        seen = seen.__cause__ or seen.__context__
    return None


def render_parts(
    parts: Sequence[Part],
    scratch: Path,
    render_part: RenderPart,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[list[Path], list[tuple[str, Path]]]:
    """Render each part in a process of its own; return the parts' videos in order and
    all their segments' clips.
    """
    context = multiprocessing.get_context("fork")
    messages = context.Queue()
    workers = []
    for k, part in enumerate(parts):
        folder = scratch / f"part-{k}"
        folder.mkdir()
        workers.append(context.Process(target=_work, args=(render_part, part, folder, messages), daemon=True))
    results: dict[int, tuple[Path, list[tuple[str, Path]]]] = {}
    try:
        with held():  # a worker stops only once it runs
            for worker in workers:
                worker.start()
        while len(results) < len(parts):
            try:
                kind, *payload = messages.get(timeout=1.0)
            except queue_module.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise RuntimeError("a render worker stopped unexpectedly") from None
                continue
            if kind == "progress" and on_progress is not None:
                on_progress(payload[0])
            elif kind == "done":
                start, movie, clips = payload[0]
                results[start] = (Path(movie), [(n, Path(c)) for n, c in clips])
            elif kind == "error":
                if payload[2] is not None:  # a full disk, say: the same OSError, so it is named as such
                    raise OSError(*payload[2])
                raise RuntimeError(payload[0])
            elif kind == "stopped":
                raise KeyboardInterrupt
    finally:
        _stop(workers)
        messages.close()
    ordered = [results[part.start] for part in parts]
    return [movie for movie, _ in ordered], [clip for _, clips in ordered for clip in clips]


def _stop(workers: list[Any]) -> None:
    """Stop the workers still running and wait for every one of them (an interrupt
    may come before the last of them was started).
    """
    workers = [worker for worker in workers if worker.pid is not None]
    for worker in workers:
        if worker.is_alive():
            worker.terminate()  # SIGTERM: the worker's render stops and cleans up
    for worker in workers:
        worker.join(timeout=GRACE)
        if worker.is_alive():
            worker.kill()
            worker.join()


def join_videos(parts: Sequence[Path], out: Path, pix_fmt: str | None = None, tracks: Tracks | None = None) -> Path:
    """Join videos of the same encoding into ``out`` by stream copy, no re-encoding;
    ``pix_fmt`` names the pixel format when the container cannot tell (VP9's alpha).
    ``tracks`` are the chapters and cues to write into it (see :mod:`scenes.tracks`).
    """
    listing = out.with_suffix(".txt")
    listing.write_text("".join(f"file 'file:{p.as_posix()}'\n" for p in parts), encoding="utf-8")
    with av.open(str(listing), format="concat", options={"safe": "0"}) as source:
        stream = source.streams.video[0]
        with av.open(str(out), mode="w", options=BITEXACT) as target:
            copy = target.add_stream_from_template(template=stream)
            if pix_fmt is not None:
                copy.pix_fmt = pix_fmt
            subtitles = None if tracks is None else add_tracks(target, tracks, out.suffix)
            for packet in source.demux(stream):
                if packet.dts is None:
                    continue  # the flushing packets demux yields at the end
                packet.dts = None  # let libav number them across the parts
                packet.stream = copy
                target.mux(packet)
            if subtitles is not None and tracks is not None:
                mux_cues(target, subtitles, tracks.cues)
    return out
