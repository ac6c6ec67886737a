"""The options several commands share, as decorators (one place for their help)."""

from __future__ import annotations

__all__ = [
    "THEMES",
    "archival_option",
    "constant_rate_option",
    "decimals_option",
    "detail_option",
    "exercise_argument",
    "jobs_option",
    "lang_option",
    "pace_option",
    "quality_option",
    "no_cache_option",
    "split_steps_option",
    "warn",
    "subtitles_option",
    "watch_option",
    "theme_option",
    "transparent_option",
]

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from handtf.cautions import crowded, foreign_words, too_big
from handtf.cli.watch import watch
from handtf.detail import DETAILS
from handtf.errors import HandtfError, shown
from handtf.exercises import exercise
from handtf.files import READING
from handtf.pace import PACES, Timing, pace
from handtf.scenes.formats import QUALITY_LETTERS
from handtf.scenes.style import THEMES as style_themes
from handtf.spec import load_spec
from handtf.text import LANGS
from handtf.written import decimals

THEMES = tuple(style_themes)  # the renderer's, by name


def exercise_argument(f: Callable[..., None]) -> Callable[..., None]:
    """NAME, a built-in exercise, or --spec FILE, your own; the command gets the
    exercise's name (the spec file's stem) and its trace.
    """

    @functools.wraps(f)
    def command(name: str | None, spec: Path | None, lang: str | None, places: int, **kwargs: Any) -> None:
        watching = kwargs.pop("watch", False)
        if name is None and spec is None:
            raise HandtfError("give an exercise NAME (see `handtf list`) or --spec FILE")
        if name is not None and spec is not None:
            raise HandtfError(
                f"give an exercise NAME or --spec FILE, not both; {shown(name)} was read as a NAME (an option"
                " that takes no value, such as --split-steps, may stand before it)"
            )

        def run() -> None:
            with decimals(places):
                if spec is not None:
                    trace = load_spec(spec, lang)
                    READING.append(spec)
                    warn(crowded(trace))
                    warn(too_big(trace))
                    if lang is not None:
                        warn(foreign_words(trace))
                    f(spec.stem, trace, **kwargs)
                else:
                    assert name is not None
                    f(name, exercise(name).build(lang=lang or "en"), **kwargs)

        if not watching:
            run()
        elif spec is None:
            raise HandtfError("--watch renders again each time a spec file is saved; give --spec FILE, not a NAME")
        else:
            click.get_current_context().exit(watch(spec, run))

    spec_help = "Your own exercise: a .toml or .json spec file (start from `handtf export NAME`)."
    with_spec = click.option("--spec", type=click.Path(dir_okay=False, path_type=Path), help=spec_help)(
        lang_option(decimals_option(command))
    )
    return click.argument("name", required=False)(with_spec)


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    help="The language of titles, notes and takeaways: en or ko (Korean). Default: en, or the spec's.",
)
decimals_option = click.option(
    "--decimals",
    "places",
    type=click.IntRange(0, 6),
    default=2,
    show_default=True,
    help="Decimals shown for numbers that are not whole (whole numbers show as integers).",
)
transparent_option = click.option(
    "--transparent", is_flag=True, help="No page behind the sheet: video with an alpha channel (webm or mov only)."
)
archival_option = click.option(
    "--archival", is_flag=True, help="MP4 for keeping: x264 crf 18, preset slow (about 1.4x the time)."
)
constant_rate_option = click.option(
    "--constant-frame-rate",
    is_flag=True,
    help="Write every frame of a held moment, not one that lasts: for video editors that want a constant rate.",
)
subtitles_option = click.option(
    "--subtitles",
    is_flag=True,
    help="Write the captions, titles, notes and takeaways as subtitles: OUT.vtt and OUT.srt beside the video, "
    "and a track in it (off until turned on).",
)
no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Draw every step again, and keep none (see `handtf cache info`). By default a step drawn before is reused.",
)
watch_option = click.option(
    "--watch",
    is_flag=True,
    help="With --spec: render again each time the file is saved, printing how long it took. Ctrl-C ends it.",
)
split_steps_option = click.option(
    "--split-steps",
    is_flag=True,
    help="Also write one clip per step, for slides: OUT/STEM/01-….FORMAT and so on, beside the whole video.",
)


def warn(line: str | None) -> None:
    """Say ``line`` (if any) as a warning, on a line of its own."""
    if line is not None:
        click.echo(f"handtf: warning: {line}", err=True)


theme_option = click.option(
    "--theme",
    type=click.Choice(THEMES),
    default="light",
    show_default=True,
    help="light is the paper look of the hand-drawn sheets; dark suits dark slides and pages.",
)
quality_option = click.option(
    "-q",
    "--quality",
    type=click.Choice(tuple(QUALITY_LETTERS)),
    default="l",
    show_default=True,
    help="manim's quality letter: " + ", ".join(f"{k} {v}" for k, v in QUALITY_LETTERS.items()) + ".",
)


def detail_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option("--detail", type=click.Choice(DETAILS), default="cell", show_default=True, help=help_text)


def jobs_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``-j/--jobs N``: processes side by side, the number of cores by default."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1, 64),
        default=os.cpu_count() or 1,
        show_default="the number of cores",
        help=help_text,
    )


def _pace(ctx: click.Context, param: click.Parameter, value: str) -> Timing:
    return pace(value)


pace_option = click.option(
    "--pace",
    "timing",
    default="normal",
    show_default=True,
    metavar="|".join(PACES) + "|SECONDS",
    callback=_pace,
    help="How long each caption stays up to be read: normal lets every cell's arithmetic be read; "
    "fast plays the rows after each step's first quicker; or the seconds each caption stays.",
)
