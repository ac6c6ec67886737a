"""Interrupts held while outputs are published: also one the kernel hands to another
thread (numpy's BLAS threads do not block signals), which Python still runs in the
main thread.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType

import pytest

from handtf.interrupts import held, postponed


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
