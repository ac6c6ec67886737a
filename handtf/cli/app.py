"""The ``handtf`` command group and how it runs: one line for an error, exit codes,
interrupts, and the renderer imported only when something is drawn.
"""

from __future__ import annotations

__all__ = ["cli", "echo_paths", "emit_text", "interrupted", "main", "progress"]

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click

from handtf.errors import HandtfError, one_line
from handtf.files import check_writable, full_disk, write_atomically
from handtf.interrupts import INTERRUPTS, postponed


class _Stopped(Exception):
    """An interrupt, out of click's hands (click prints a blank line for one)."""


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise _Stopped(str(exc)) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handtf")
def cli() -> None:
    """Work "AI by Hand" exercises out cell by cell, and animate them."""


def emit_text(text: str, output: str | None) -> None:
    """Print ``text``, or write it to the file ``output`` all at once (``-`` is stdout,
    as given: ``./-`` is a file named -).
    """
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    check_writable(Path(output))
    write_atomically(Path(output), text.encode("utf-8"))


def echo_paths(paths: list[Path]) -> None:
    for path in paths:
        click.echo(str(path))


_interrupted = False


def interrupted() -> bool:
    """Whether a signal came in, for loops that look again where Python may have
    swallowed its KeyboardInterrupt.
    """
    return _interrupted


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Stop what runs: the first interrupt raises KeyboardInterrupt, and the ones after
    it (a process group's signal, then the parent's to its workers) are let be, so
    that they cannot cut short the cleaning up the first one started.
    """
    global _interrupted
    if _interrupted or postponed(signum):
        return
    _interrupted = True
    raise KeyboardInterrupt


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar of cell ops (shown in a terminal only), and the function that
    advances it. That function also stops the render if a signal came in: the signal
    handler raises KeyboardInterrupt at once, but one that lands inside a
    garbage-collector callback is swallowed by Python, so each step checks again.
    """
    from tqdm import tqdm

    with tqdm(total=total, unit="op", desc=label, disable=None, leave=False) as bar:

        def advance(ops: int) -> None:
            if _interrupted:
                raise KeyboardInterrupt
            bar.update(ops)

        yield advance


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the command line; errors print one line and exit non-zero, never a traceback.

    Exit codes: 0 done, 2 bad input (names what to fix), 1 the render failed,
    130 interrupted (Ctrl-C, SIGTERM, or SIGHUP when the terminal closes; no partial
    output is left).
    """
    found = {signum: signal.getsignal(signum) for signum in INTERRUPTS}
    for signum in INTERRUPTS:  # each raises KeyboardInterrupt, and sets a flag looked at again
        if found[signum] is not signal.SIG_IGN:  # nohup's SIGHUP stays ignored
            signal.signal(signum, _interrupt)
    sys.unraisablehook = _quiet_unraisable
    args = sys.argv[1:] if argv is None else argv
    if not args:
        args = ["--help"]
    try:
        try:
            code = cli.main(args=args, prog_name="handtf", standalone_mode=False)
        finally:
            _settled(found if argv is not None else None)
    except click.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except HandtfError as exc:
        _fail(str(exc), 2)
    except (_Stopped, KeyboardInterrupt, click.exceptions.Abort) as exc:
        click.echo(f"handtf: {one_line(str(exc) or 'interrupted; no output was written')}", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - one line, not a traceback, for any failure
        if os.environ.get("HANDTF_DEBUG"):
            raise
        _fail(_failure(exc), 1)
    sys.exit(code if isinstance(code, int) else 0)


def _settled(found: dict[signal.Signals, Any] | None) -> None:
    """The command is over, done or not, and its workers are gone. Run as the program
    (``found`` None), it is about to exit: an interrupt from now on changes nothing, so
    it is ignored, and the exit code and the last line stay what the command made them
    (Python puts back the default handlers as it shuts down, so a SIGHUP then would
    kill the process with nothing said). Called with its arguments, from Python, it
    gives back the handlers it ``found``.
    """
    for signum in INTERRUPTS:
        before = signal.SIG_IGN if found is None else found[signum]
        signal.signal(signum, signal.SIG_DFL if before is None else before)  # None: not set from Python
    if found is None:
        # Every object left goes as the process ends: frozen, they spare Python's last
        # garbage collection its walk over them (some 0.2 s once manim is loaded).
        gc.freeze()


def _quiet_unraisable(unraisable: Any) -> None:
    """An interrupt that landed where Python cannot raise it (a ``__del__``, a weakref
    or at-fork callback) is not printed: the flag it set stops the render a moment
    later. Anything else is reported as Python would.
    """
    if not issubclass(unraisable.exc_type, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"handtf: error: {one_line(message)}", err=True)
    sys.exit(code)


def _failure(exc: BaseException) -> str:
    """What to say of a render that failed: a full disk by name, else the error."""
    return full_disk(exc) or f"the render failed ({type(exc).__name__}: {exc}); set HANDTF_DEBUG=1 for details"
