"""Interrupts held while outputs are published: also one the kernel hands to another
thread (numpy's BLAS threads do not block signals), which Python still runs in the
main thread.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest

from handtf.interrupts import held, postponed
from handtf.scenes.parallel import GRACE, render_parts


def _handler(signum: int, frame: FrameType | None) -> None:
    if postponed(signum):
        return
    raise KeyboardInterrupt


def test_an_interrupt_to_another_thread_waits_for_the_held_block_and_then_says_so() -> None:
    previous = signal.signal(signal.SIGINT, _handler)
    ready, done = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (ready.set(), done.wait(5)), daemon=True)
    other.start()
    ready.wait(5)
    finished = []
    try:
        with pytest.raises(KeyboardInterrupt, match="once every output was written"):
            with held("interrupted once every output was written"):
                assert other.ident is not None
                signal.pthread_kill(other.ident, signal.SIGINT)  # that thread has it unblocked
                time.sleep(0.2)  # the main thread runs Python's handler meanwhile
                finished.append(True)
        assert finished == [True]  # the block ran to its end
    finally:
        done.set()
        signal.signal(signal.SIGINT, previous)


def test_an_interrupt_outside_a_held_block_raises_at_once() -> None:
    previous = signal.signal(signal.SIGINT, _handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
            time.sleep(1)
    finally:
        signal.signal(signal.SIGINT, previous)


def _fails_or_waits(part: range, folder: Path, progress: Callable[[int], None]) -> tuple[Path, list[tuple[str, Path]]]:
    """A worker's render: the first part fails at once, the other would run a minute."""
    if part.start == 0:
        raise RuntimeError("the first part fails")
    time.sleep(60)
    return folder, []


def test_a_worker_stops_on_its_parents_sigterm_though_forked_while_interrupts_were_held(tmp_path: Path) -> None:
    """Workers are forked inside ``held()``: that block is the parent's, and a worker's
    render still stops on the parent's SIGTERM, at once, not when the parent gives up
    waiting for it and kills it.
    """
    previous = signal.signal(signal.SIGTERM, _handler)  # as the command line's handler does
    try:
        start = time.monotonic()
        with pytest.raises(RuntimeError, match="the first part fails"):
            render_parts([range(0, 1), range(1, 2)], tmp_path, _fails_or_waits)
        assert time.monotonic() - start < GRACE
    finally:
        signal.signal(signal.SIGTERM, previous)
