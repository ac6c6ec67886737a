"""The options several commands share, as decorators (one place for their help)."""

from __future__ import annotations

__all__ = [
    "THEMES",
    "detail_option",
    "exercise_argument",
    "jobs_option",
    "pace_option",
    "quality_option",
    "theme_option",
]

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from handtf.detail import DETAILS
from handtf.errors import HandtfError, shown
from handtf.exercises import exercise
from handtf.fields import CELL_CHARS, crowded_cells
from handtf.files import READING
from handtf.pace import PACES, Timing, pace
from handtf.scenes.formats import QUALITY_LETTERS
from handtf.scenes.style import THEMES as style_themes
from handtf.spec import load_spec
from handtf.text import LANGS, foreign
from handtf.trace import Trace, decimals

THEMES = tuple(style_themes)  # the renderer's, by name


def exercise_argument(f: Callable[..., None]) -> Callable[..., None]:
    """NAME, a built-in exercise, or --spec FILE, your own; the command gets the
    exercise's name (the spec file's stem) and its trace.
    """

    @functools.wraps(f)
    def command(name: str | None, spec: Path | None, lang: str | None, places: int, **kwargs: Any) -> None:
        if (name is None) == (spec is None):
            raise HandtfError("give an exercise NAME (see `handtf list`) or --spec FILE, not both or neither")
        with decimals(places):
            if spec is not None:
                trace = load_spec(spec, lang)
                READING.append(spec)
                _warn_if_crowded(trace)
                if lang is not None:
                    _warn_if_foreign(trace)
                f(spec.stem, trace, **kwargs)
            else:
                assert name is not None
                f(name, exercise(name).build(lang=lang or "en"), **kwargs)

    spec_help = "Your own exercise: a .toml or .json spec file (start from `handtf export NAME`)."
    lang_help = "The language of titles, notes and takeaways: en or ko (Korean). Default: en, or the spec's."
    with_decimals = click.option(
        "--decimals",
        "places",
        type=click.IntRange(0, 6),
        default=2,
        show_default=True,
        help="Decimals shown for numbers that are not whole (whole numbers show as integers).",
    )(command)
    with_lang = click.option("--lang", type=click.Choice(LANGS), help=lang_help)(with_decimals)
    with_spec = click.option("--spec", type=click.Path(dir_okay=False, path_type=Path), help=spec_help)(with_lang)
    return click.argument("name", required=False)(with_spec)


def _warn_if_foreign(trace: Trace) -> None:
    """One line on stderr when words the spec's author typed are in another language
    than --lang asks for (handtf's own words were translated on loading).
    """
    texts = [("the title", trace.title)]
    for k, step in enumerate(trace.steps, 1):
        texts += [(f"step {k}'s title", step.title)] + [(f"a note of step {k}", n.text) for n in step.notes]
    texts += [(f"takeaway {k}", text) for k, text in enumerate(trace.takeaways, 1)]
    typed = [(what, text) for what, text in texts if foreign(text, trace.lang)]
    if typed:
        (what, text), more = typed[0], len(typed) - 1
        which = f"{what} {shown(text, 40)}" + (f" and {more} more of the spec's words are" if more else " is")
        click.echo(
            f"handtf: warning: {which} not in {trace.lang}; --lang translates only the words handtf wrote, "
            f"so translate {'them' if more else 'it'} in the spec",
            err=True,
        )


def _warn_if_crowded(trace: Trace) -> None:
    """One line on stderr when numbers are too long to read in their cells."""
    crowded = crowded_cells(trace)
    if crowded:
        cell, text = crowded[0]
        others = len(crowded) - 1
        more = f" (and {others} more {'cell' if others == 1 else 'cells'})" if others else ""
        click.echo(
            f"handtf: warning: {cell} shows as {text}{more}, too long to read in a cell; numbers of up to "
            f"{CELL_CHARS} characters read well, so use smaller numbers or fewer --decimals",
            err=True,
        )


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
