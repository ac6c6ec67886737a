"""The ``handtf`` command: list, make and export exercises, and render them.

Kept thin: it parses arguments, checks them, and hands over to the core or to
``scenes.render`` (imported only when rendering, so the rest starts fast and works
without Manim).
"""

from __future__ import annotations

__all__ = ["cli", "main"]

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click

from handtf.batch import Outcome, Settings, find_specs, plan_outputs, run_batch
from handtf.detail import Detail
from handtf.errors import HandtfError, one_line, shown
from handtf.exercises import EXERCISES
from handtf.files import (
    assets_folder,
    check_targets,
    check_writable,
    full_disk,
    make_folders,
    unmake_folders,
    write_atomically,
)
from handtf.generate import GENERATORS, generate
from handtf.interrupts import INTERRUPTS
from handtf.options import detail_option, exercise_argument, jobs_option, quality_option, theme_option
from handtf.spec import export_spec
from handtf.steps import clip_stems, figure_stems, parse_steps, select_steps
from handtf.text import LANGS
from handtf.trace import Trace

FORMATS = ("mp4", "gif", "webm", "mov", "png")  # what scenes.render writes
ALPHA_FORMATS = ("webm", "mov")  # the ones that can carry an alpha channel
SLIDE_FORMATS = ("html", "pptx")  # what manim-slides converts to


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


@cli.command("list")
def list_exercises() -> None:
    """List the exercises handtf knows."""
    width = max(len(name) for name in EXERCISES)
    for name, ex in sorted(EXERCISES.items()):
        trace = ex.build()
        click.echo(f"{name:<{width}}  {len(trace.steps)} steps, {trace.op_count} cell ops  {ex.summary}")


@cli.command("trace")
@exercise_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout (- is stdout).")
def trace_command(name: str, trace: Trace, output: str | None) -> None:
    """Print the JSON trace of an exercise: every cell op, in order."""
    text = trace.to_json() + "\n"
    if output is None or output == "-":  # as given: ./- is a file named -
        click.echo(text, nl=False)
        return
    check_writable(Path(output))
    write_atomically(Path(output), text.encode("utf-8"))


@cli.command("new")
@click.argument("name", type=click.Choice(sorted(GENERATORS)))
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), required=True, help="The same seed gives the same exercise.")
@click.option("--format", "fmt", type=click.Choice(("toml", "json")), default="toml", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
def new_command(name: str, seed: int, fmt: str, lang: str) -> None:
    """Print a fresh exercise shaped like NAME, with by-hand-friendly numbers.

    handtf new transformer --seed 7 > class-a.toml, then
    handtf worksheet --spec class-a.toml.
    """
    click.echo(export_spec(generate(name, seed, lang), fmt), nl=False)


@cli.command("export")
@exercise_argument
@click.option("--format", "fmt", type=click.Choice(("toml", "json")), default="toml", show_default=True)
def export_command(name: str, trace: Trace, fmt: str) -> None:
    """Print an exercise as a spec file, to start your own from.

    handtf export transformer > my.toml, edit the numbers, then
    handtf render --spec my.toml.
    """
    click.echo(export_spec(trace, fmt), nl=False)


@cli.command("render")
@exercise_argument
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format; png is the final frame. Default: from the -o suffix, else mp4.",
)
@quality_option
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Where to write. Default: media/NAME.FORMAT"
)
@detail_option("Animate one output cell at a time, a row at a time, or a whole matrix at a time.")
@theme_option
@click.option(
    "--transparent", is_flag=True, help="No page behind the sheet: video with an alpha channel (webm or mov only)."
)
@jobs_option("Processes that render parts of the walkthrough side by side; the parts are joined without re-encoding.")
@click.option("--archival", is_flag=True, help="MP4 for keeping: x264 crf 18, preset slow (about 1.5x the time).")
@click.option(
    "--constant-frame-rate",
    is_flag=True,
    help="Write every frame of a held moment, not one that lasts: for video editors that want a constant rate.",
)
@click.option(
    "--split-steps",
    is_flag=True,
    help="Also write one clip per step, for slides: media/NAME/01-….FORMAT and so on, beside the whole video.",
)
def render_command(
    name: str,
    trace: Trace,
    fmt: str | None,
    quality: str,
    output: Path | None,
    detail: Detail,
    theme: str,
    transparent: bool,
    jobs: int,
    archival: bool,
    constant_frame_rate: bool,
    split_steps: bool,
) -> None:
    """Render an exercise as a video, a GIF or a still.

    MP4, GIF, WebM, MOV, or a PNG of the final frame.
    """
    fmt, output = _resolve_output(name, fmt, output)
    if transparent and fmt not in ALPHA_FORMATS:
        raise HandtfError(
            f"--transparent needs a format with an alpha channel ({' or '.join(ALPHA_FORMATS)}), not {fmt}; "
            f"add -f webm or -f mov"
        )
    if split_steps and fmt == "png":
        raise HandtfError("--split-steps makes one clip per step, and png is a still; use `handtf figures` for stills")
    if archival and fmt != "mp4":
        raise HandtfError(f"--archival sets x264's quality, for mp4, not {fmt}; leave it out or add -f mp4")
    if constant_frame_rate and fmt in ("gif", "png"):
        raise HandtfError(
            f"--constant-frame-rate is for video (mp4, webm, mov), not {fmt}; a GIF shows a held frame once, for longer"
        )
    clips = output.parent / output.stem if split_steps else None
    check_targets([output, *([clips / f"{stem}.{fmt}" for stem in clip_stems(trace)] if clips else [])])
    scenes = _scenes()
    with _progress(f"{name} → {output.name}", trace.op_count) as advance:
        paths = scenes.render(
            trace,
            output,
            fmt,
            quality,
            detail,
            on_progress=advance,
            style=theme_style(theme),
            transparent=transparent,
            split_steps=clips,
            jobs=jobs,
            archival=archival,
            constant_rate=constant_frame_rate,
        )
    _echo_paths(paths)


@cli.command("batch")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="mp4", show_default=True)
@quality_option
@detail_option("Animate one output cell at a time, a row at a time, or a whole matrix at a time.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("media"),
    show_default=True,
    help="Folder for the outputs, one per spec, named after it.",
)
@jobs_option("Specs rendered side by side, each in a process of its own.")
def batch_command(sources: tuple[Path, ...], fmt: str, quality: str, detail: Detail, output: Path, jobs: int) -> None:
    """Render many spec files (or folders of them): one output each.

    A spec that fails is reported on a line of its own and the rest go on; the exit
    code is 0 when all succeeded, 1 when any failed.
    """
    from tqdm import tqdm

    todo = plan_outputs(find_specs(sources), output, fmt)
    check_targets(out for _, out in todo)
    _scenes()  # a clear error now if manim is missing, not one per spec
    failed = 0
    with tqdm(total=len(todo), unit="spec", desc="batch", disable=None) as bar:

        def done(outcome: Outcome) -> None:
            nonlocal failed
            if outcome.error is None:
                bar.write(one_line(str(outcome.output)))
            else:
                failed += 1
                bar.write(f"handtf: error: {one_line(outcome.error)}", file=sys.stderr)
            bar.update(1)

        made = make_folders(output)  # here, not in workers racing to make and remove it
        try:
            run_batch(todo, Settings(fmt, quality, detail), jobs, done, lambda: _interrupted)
        finally:
            unmake_folders(made)  # if nothing was written there
    if failed:
        raise click.exceptions.Exit(1)


@cli.command("figures")
@exercise_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write into. Default: media/NAME/",
)
@click.option(
    "--width",
    type=click.IntRange(256, 7680),
    default=1920,
    show_default=True,
    help="Width in pixels; figures are 16:9.",
)
@theme_option
def figures_command(name: str, trace: Trace, output: Path | None, width: int, theme: str) -> None:
    """Blog figures: a PNG of each step, finished, and an overview.

    Stills of an exercise, drawn at once (no animation is played).
    """
    folder = output if output is not None else Path("media") / name
    check_targets(folder / f"{stem}.png" for stem in figure_stems(trace))
    _echo_paths(_scenes().render_figures(trace, folder, width, theme_style(theme)))


@cli.command("worksheet")
@exercise_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF to write (a PNG of the page goes beside it). Default: media/NAME-worksheet.pdf",
)
@click.option("--answers", is_flag=True, help="Write the answer key: the same sheet with every result filled in.")
@click.option("--steps", "chosen", metavar="LIST", help="Only these steps, numbered as on screen: 2-3, or 1,4-5.")
def worksheet_command(name: str, trace: Trace, output: Path | None, answers: bool, chosen: str | None) -> None:
    """A sheet to fill in by hand, or its answer key.

    The exercise on an A4 landscape page, as a vector PDF and a 300 dpi PNG.
    """
    if chosen is not None:
        trace = select_steps(trace, parse_steps(chosen, len(trace.steps)))
    if output is None:
        kind = "answers" if answers else "worksheet"
        part = f"-steps{chosen.replace(',', '_').replace(' ', '')}" if chosen else ""
        output = Path("media") / f"{name}-{kind}{part}.pdf"
    if output.suffix.lower() != ".pdf":
        raise HandtfError(f"the worksheet is a PDF; name the output *.pdf, not {shown(str(output))}")
    png = output.with_suffix(".png")
    check_targets([output, png])
    _echo_paths(_scenes().render_worksheet(trace, output, png, answers))


@cli.command("slides")
@exercise_argument
@click.option(
    "--to",
    type=click.Choice(SLIDE_FORMATS),
    help="html (reveal.js, with its assets folder) or pptx. Default: from the -o suffix, else html.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write. Default: media/NAME-slides.html",
)
@quality_option
@detail_option("cell or step: one slide per step; row: one slide per output row of each step.")
@theme_option
def slides_command(
    name: str, trace: Trace, to: str | None, output: Path | None, quality: str, detail: Detail, theme: str
) -> None:
    """A slide deck through manim-slides, a slide per step.

    HTML (reveal.js, works offline) or PowerPoint, of an exercise.
    """
    if output is None:
        to = to or "html"
        output = Path("media") / f"{name}-slides.{to}"
    suffix = output.suffix.lower().lstrip(".")
    if to is None:
        if suffix not in SLIDE_FORMATS:
            raise HandtfError(
                f"cannot tell the slide format from {shown(str(output))}; end it in .html or .pptx, or pass --to"
            )
        to = suffix
    elif suffix != to:
        raise HandtfError(f"--to {to} does not match the output {shown(str(output))}; name it *.{to}")
    check_targets([output], [assets_folder(output)] if to == "html" else [])
    scenes = _scenes()
    with _progress(f"{name} → {output.name}", trace.op_count) as advance:
        paths = scenes.render_slides(trace, output, to, quality, detail, theme_style(theme), on_progress=advance)
    _echo_paths(paths)


def _scenes() -> Any:
    """The rendering half of handtf, imported only when something is drawn."""
    try:
        import scenes.render
    except ImportError as exc:  # pragma: no cover - only without the render extras
        raise HandtfError(
            f"rendering needs manim ({exc.name} is missing); run `make demo` or `pip install -e .`"
        ) from None
    return scenes.render


def theme_style(name: str) -> Any:
    """The scenes' style for a theme name (imported lazily, like the rest of the scenes)."""
    from scenes.style import theme

    return theme(name)


def _echo_paths(paths: list[Path]) -> None:
    for path in paths:
        click.echo(str(path))


def _resolve_output(name: str, fmt: str | None, output: Path | None) -> tuple[str, Path]:
    if output is None:
        fmt = fmt or "mp4"
        return fmt, Path("media") / f"{name}.{fmt}"
    suffix = output.suffix.lower().lstrip(".")
    if fmt is None:
        if suffix not in FORMATS:
            raise HandtfError(
                f"cannot tell the format from {shown(str(output))}; end it in .{', .'.join(FORMATS)}, or pass --format"
            )
        return suffix, output
    if suffix != fmt:
        raise HandtfError(f"--format {fmt} does not match the output {shown(str(output))}; name it *.{fmt}")
    return fmt, output


_interrupted = False


def _interrupt(signum: int, frame: FrameType | None) -> NoReturn:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
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
    for signum in INTERRUPTS:  # each raises KeyboardInterrupt, and sets a flag looked at again
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup's SIGHUP stays ignored
            signal.signal(signum, _interrupt)
    sys.unraisablehook = _quiet_unraisable
    args = sys.argv[1:] if argv is None else argv
    if not args:
        args = ["--help"]
    try:
        code = cli.main(args=args, prog_name="handtf", standalone_mode=False)
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
