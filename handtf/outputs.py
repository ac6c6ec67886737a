"""The four outputs as Python functions: :func:`render`, :func:`figures`,
:func:`worksheet` and :func:`slides`, with the command line's options and defaults
(the web player's are in :mod:`handtf.web`).

Each takes an exercise's name (``"transformer"``), a spec file (``str`` or ``Path``)
or a :class:`~handtf.trace.Trace`, and returns the paths it wrote::

    import handtf
    handtf.render("transformer", "media/t.gif", quality="l", pace="fast")

The command line calls the ``*_trace`` functions below, which check an output before
any work and then draw; bad input raises :class:`~handtf.errors.HandtfError` with the
same one line the command line prints. The renderer (manim) is imported only when
something is drawn.
"""

from __future__ import annotations

__all__ = [
    "Source",
    "check_video_options",
    "figures",
    "figures_trace",
    "decimals_set",
    "load",
    "one_of",
    "render",
    "render_trace",
    "slides",
    "slides_trace",
    "timing_of",
    "worksheet",
    "worksheet_trace",
]

import os
import re
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Union

from handtf.cache import SegmentCache, cache_root, cache_size, unwritable
from handtf.cautions import crowded, foreign_words, too_big
from handtf.detail import DETAILS, Detail
from handtf.errors import HandtfError, shown
from handtf.exercises import EXERCISES, exercise
from handtf.files import READING, assets_folder, check_targets
from handtf.pace import Timing, pace
from handtf.pages import page_images, pages
from handtf.scenes.formats import ALPHA_FORMATS, FORMATS, QUALITY_LETTERS, SLIDE_FORMATS
from handtf.scenes.style import Style, theme
from handtf.seam import renderer, video_renderer
from handtf.spec import load_spec
from handtf.steps import clip_stems, figure_stems, parse_steps, select_steps
from handtf.storyboard import storyboard
from handtf.trace import Trace
from handtf.written import decimals

Source = Union[str, "os.PathLike[str]", Trace]
Progress = Callable[[int], None]


def load(source: Source, lang: str | None = None) -> tuple[str, Trace]:
    """The name outputs are named after, and the trace: of an exercise by name, of a
    spec file (its stem), or of a trace as given (its title, made a file name).
    """
    if isinstance(source, Trace):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", source.title).strip("-").lower()[:40]
        return slug or "exercise", source
    if isinstance(source, str) and source in EXERCISES:
        return source, exercise(source).build(lang=lang or "en")
    path = Path(source)
    if path.suffix.lower() not in (".toml", ".json") and not path.exists():
        known = ", ".join(sorted(EXERCISES))
        raise HandtfError(f"{shown(str(source))} is neither an exercise ({known}) nor a .toml or .json spec file")
    trace = load_spec(path, lang)
    READING.append(path)
    for line in (crowded(trace), too_big(trace), foreign_words(trace) if lang is not None else None):
        if line is not None:
            warnings.warn(line, stacklevel=3)
    return path.stem, trace


def timing_of(value: str | float | Timing) -> Timing:
    return value if isinstance(value, Timing) else pace(value)


def one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise HandtfError(f"{what} {shown(str(value))} is not one of {', '.join(allowed)}")
    return value


def render(
    source: Source,
    output: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    quality: str = "l",
    detail: Detail = "cell",
    pace: str | float | Timing = "normal",
    theme: str = "light",
    transparent: bool = False,
    jobs: int | None = None,
    archival: bool = False,
    constant_frame_rate: bool = False,
    split_steps: bool = False,
    lang: str | None = None,
    decimals: int = 2,
    on_progress: Progress | None = None,
    subtitles: bool = False,
    no_cache: bool = False,
) -> list[Path]:
    """A video, a GIF or a still of ``source``, as ``handtf render`` makes it. ``jobs``
    is the number of cores when None; the format comes from ``output``'s suffix,
    else ``format``, else mp4, and the output is ``media/NAME.FORMAT`` when None.
    ``subtitles`` writes the cues beside the video (.vtt, .srt) and into it;
    ``no_cache`` draws every step again and keeps none (see :mod:`handtf.cache`).
    """
    with decimals_set(decimals):
        name, trace = load(source, lang)
        return render_trace(
            name,
            trace,
            None if output is None else Path(output),
            format,
            quality,
            detail,
            timing_of(pace),
            theme,
            transparent,
            (os.cpu_count() or 1) if jobs is None else jobs,
            archival,
            constant_frame_rate,
            split_steps,
            on_progress,
            subtitles=subtitles,
            cache=not no_cache,
            warn=lambda line: warnings.warn(line, stacklevel=4),
        )


def render_trace(
    name: str,
    trace: Trace,
    output: Path | None,
    fmt: str | None,
    quality: str,
    detail: Detail,
    timing: Timing,
    theme_name: str,
    transparent: bool,
    jobs: int,
    archival: bool,
    constant_frame_rate: bool,
    split_steps: bool,
    on_progress: Progress | None,
    *,
    subtitles: bool = False,
    cache: bool = True,
    warn: Callable[[str], None] | None = None,
) -> list[Path]:
    """:func:`render`, for a trace already loaded; ``warn`` is given the line to say
    when the cache cannot keep what is drawn.
    """
    fmt, output = _format_of(name, fmt, output)
    _checked(quality, detail, jobs)
    style = _style(theme_name)
    check_video_options(fmt, transparent, split_steps, archival, constant_frame_rate, subtitles=subtitles)
    clips = output.parent / output.stem if split_steps else None
    sidecars = [output.with_suffix(".vtt"), output.with_suffix(".srt")] if subtitles else []
    check_targets([output, *sidecars, *([clips / f"{stem}.{fmt}" for stem in clip_stems(trace)] if clips else [])])
    store = SegmentCache(cache_root(), cache_size()) if cache and fmt != "png" else None
    if store is not None and warn is not None:
        line = unwritable(cache_root())
        if line is not None:
            warn(line)
    if fmt == "png":
        return renderer().render(trace, output, fmt, quality, detail, on_progress=on_progress, style=style)
    return video_renderer().render_video(
        trace,
        output,
        fmt,
        quality,
        detail,
        on_progress=on_progress,
        style=style,
        transparent=transparent,
        split_steps=clips,
        jobs=jobs,
        archival=archival,
        constant_rate=constant_frame_rate,
        timing=timing,
        subtitles=subtitles,
        cache=store,
    )


def check_video_options(
    fmt: str,
    transparent: bool,
    split_steps: bool,
    archival: bool,
    constant_frame_rate: bool,
    *,
    subtitles: bool = False,
) -> None:
    """Refuse options that do not go with the format, before any work."""
    if subtitles and fmt == "png":
        raise HandtfError("--subtitles writes the cues of a video, and png is a still; leave it out or add -f mp4")
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


def _format_of(name: str, fmt: str | None, output: Path | None) -> tuple[str, Path]:
    if fmt is not None:
        one_of(fmt, FORMATS, "format")
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


def _checked(quality: str, detail: str, jobs: int) -> None:
    one_of(quality, tuple(QUALITY_LETTERS), "quality")
    one_of(detail, DETAILS, "detail")
    if not isinstance(jobs, int) or not 1 <= jobs <= 64:
        raise HandtfError(f"jobs {shown(str(jobs))} must be a whole number from 1 to 64")


def _style(name: str) -> Style:
    return theme(name)


def figures(
    source: Source,
    output: str | os.PathLike[str] | None = None,
    *,
    width: int = 1920,
    theme: str = "light",
    lang: str | None = None,
    decimals: int = 2,
) -> list[Path]:
    """A PNG of each step, finished, and an overview, into the folder ``output``
    (``media/NAME/`` when None), as ``handtf figures`` makes them.
    """
    with decimals_set(decimals):
        name, trace = load(source, lang)
        return figures_trace(name, trace, None if output is None else Path(output), width, theme)


def figures_trace(name: str, trace: Trace, output: Path | None, width: int, theme_name: str) -> list[Path]:
    """:func:`figures`, for a trace already loaded."""
    if not isinstance(width, int) or not 256 <= width <= 7680:
        raise HandtfError(f"width {shown(str(width))} must be a whole number of pixels from 256 to 7680")
    style = _style(theme_name)
    folder = output if output is not None else Path("media") / name
    check_targets(folder / f"{stem}.png" for stem in figure_stems(trace))
    return renderer().render_figures(trace, folder, width, style)


def worksheet(
    source: Source,
    output: str | os.PathLike[str] | None = None,
    *,
    answers: bool = False,
    steps: str | None = None,
    lang: str | None = None,
    decimals: int = 2,
) -> list[Path]:
    """The exercise as a sheet to fill in (or, with ``answers``, its key): the PDF
    ``output`` and a PNG beside it, as ``handtf worksheet`` makes them; ``steps`` as
    ``"2-3"`` or ``"1,4-5"`` keeps only those.
    """
    with decimals_set(decimals):
        name, trace = load(source, lang)
        return worksheet_trace(name, trace, None if output is None else Path(output), answers, steps)


def worksheet_trace(name: str, trace: Trace, output: Path | None, answers: bool, chosen: str | None) -> list[Path]:
    """:func:`worksheet`, for a trace already loaded."""
    if chosen is not None:
        trace = select_steps(trace, parse_steps(chosen, len(trace.steps)))
    if output is None:
        kind = "answers" if answers else "worksheet"
        part = f"-steps{chosen.replace(',', '_').replace(' ', '')}" if chosen else ""
        output = Path("media") / f"{name}-{kind}{part}.pdf"
    if output.suffix.lower() != ".pdf":
        raise HandtfError(f"the worksheet is a PDF; name the output *.pdf, not {shown(str(output))}")
    png = output.with_suffix(".png")
    check_targets([output, *page_images(png, len(pages(storyboard(trace, "step"))))])
    return renderer().render_worksheet(trace, output, png, answers)


def slides(
    source: Source,
    output: str | os.PathLike[str] | None = None,
    *,
    to: str | None = None,
    quality: str = "l",
    detail: Detail = "cell",
    reveal: bool = False,
    pace: str | float | Timing = "normal",
    theme: str = "light",
    lang: str | None = None,
    decimals: int = 2,
    on_progress: Progress | None = None,
) -> list[Path]:
    """A slide deck, HTML (with its assets folder) or PPTX, as ``handtf slides`` makes
    it: a click per cell, row or step (``detail``), and with ``reveal`` one before
    each value. The output is ``media/NAME-slides.html`` when None.
    """
    with decimals_set(decimals):
        name, trace = load(source, lang)
        output_path = None if output is None else Path(output)
        return slides_trace(name, trace, output_path, to, quality, detail, reveal, timing_of(pace), theme, on_progress)


def slides_trace(
    name: str,
    trace: Trace,
    output: Path | None,
    to: str | None,
    quality: str,
    detail: Detail,
    reveal: bool,
    timing: Timing,
    theme_name: str,
    on_progress: Progress | None,
) -> list[Path]:
    """:func:`slides`, for a trace already loaded."""
    _checked(quality, detail, 1)
    style = _style(theme_name)
    if to is not None:
        one_of(to, SLIDE_FORMATS, "slide format")
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
    return renderer().render_slides(
        trace, output, to, quality, detail, style, on_progress=on_progress, timing=timing, reveal=reveal
    )


def decimals_set(places: int) -> AbstractContextManager[None]:
    if not isinstance(places, int) or not 0 <= places <= 6:
        raise HandtfError(f"decimals {shown(str(places))} must be a whole number from 0 to 6")
    return decimals(places)
