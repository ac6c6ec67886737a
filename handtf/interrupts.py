"""How handtf takes an interrupt: Ctrl-C, SIGTERM, or SIGHUP when the terminal closes.

The command line turns each into a KeyboardInterrupt, so a render stops and removes
its scratch. Workers hold them while they are forked and once their render is over,
so an interrupt lands only where it can be handled.
"""

from __future__ import annotations

__all__ = ["INTERRUPTS", "end_quietly", "forked", "held", "postponed", "stop_listening"]

import signal
from collections.abc import Iterator
from contextlib import contextmanager

INTERRUPTS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


_holding: list[str] = []  # what an interrupt held now says, once it comes (innermost last)
_pending: list[int] = []


@contextmanager
def held(after: str = "") -> Iterator[None]:
    """Hold interrupts until the block is done: they come after it, never halfway,
    as a KeyboardInterrupt that says ``after`` (if given).

    The signals are blocked in this thread; one the kernel hands to another thread
    (numpy's BLAS threads do not block them) reaches the handler all the same, which
    asks :func:`postponed` and leaves it for the block's end.
    """
    before = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    _holding.append(after)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)  # one held here arrives, and waits
        _holding.pop()
    if _pending and not _holding:
        _pending.clear()
        raise KeyboardInterrupt(after)


def postponed(signum: int) -> bool:
    """For a signal handler: whether an interrupt is held now (it is raised when the
    held block ends), rather than to be raised at once.
    """
    if _holding:
        _pending.append(signum)
        return True
    return False


def forked() -> None:
    """In a worker just forked inside :func:`held` (as workers are): the parent's held
    blocks are not the worker's, so an interrupt raises at once again, and the
    signals the parent blocked while it forked are let in.
    """
    _holding.clear()
    _pending.clear()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)


def stop_listening() -> None:
    """In a worker whose render is over: interrupts no longer raise. One already on
    its way is dropped (Python runs no handler for an ignored signal), and the next
    ones wait, held, for :func:`end_quietly`.
    """
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)


def end_quietly() -> None:
    """In a worker whose render is over: a SIGTERM or SIGHUP (held until now) ends it
    at once, with nothing printed.
    """
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGHUP})
