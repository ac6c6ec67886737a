"""`handtf batch`: many spec files, one output each."""

from __future__ import annotations

__all__ = ["batch_command"]

import sys
from pathlib import Path

import click

from handtf.batch import Outcome, Settings, find_specs, plan_outputs, run_batch
from handtf.cache import cache_root, unwritable
from handtf.cli.app import cli, interrupted
from handtf.cli.options import (
    archival_option,
    constant_rate_option,
    decimals_option,
    detail_option,
    jobs_option,
    lang_option,
    no_cache_option,
    pace_option,
    quality_option,
    split_steps_option,
    subtitles_option,
    theme_option,
    transparent_option,
    warn,
)
from handtf.detail import Detail
from handtf.errors import one_line
from handtf.files import check_targets, make_folders, unmake_folders
from handtf.outputs import check_video_options
from handtf.pace import Timing
from handtf.scenes.formats import FORMATS
from handtf.seam import renderer


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
@pace_option
@theme_option
@transparent_option
@archival_option
@constant_rate_option
@split_steps_option
@subtitles_option
@no_cache_option
@lang_option
@decimals_option
def batch_command(
    sources: tuple[Path, ...],
    fmt: str,
    quality: str,
    detail: Detail,
    output: Path,
    jobs: int,
    timing: Timing,
    theme: str,
    transparent: bool,
    archival: bool,
    constant_frame_rate: bool,
    split_steps: bool,
    subtitles: bool,
    no_cache: bool,
    lang: str | None,
    places: int,
) -> None:
    """Render many spec files (or folders of them): one output each.

    A spec that fails is reported on a line of its own and the rest go on; the exit
    code is 0 when all succeeded, 1 when any failed.
    """
    from tqdm import tqdm

    check_video_options(fmt, transparent, split_steps, archival, constant_frame_rate, subtitles=subtitles)
    settings = Settings(
        fmt, quality, detail, timing, theme, transparent, archival, constant_frame_rate, split_steps, lang, places,
        subtitles=subtitles, cache=not no_cache,
    )  # fmt: skip
    todo = plan_outputs(find_specs(sources), output, fmt)
    sidecars = [out.with_suffix(suffix) for _, out in todo for suffix in (".vtt", ".srt")] if subtitles else []
    check_targets([*(out for _, out in todo), *sidecars])
    if not no_cache and fmt != "png":
        warn(unwritable(cache_root()))
    renderer()  # a clear error now if manim is missing, not one per spec
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
            run_batch(todo, settings, jobs, done, interrupted)
        finally:
            unmake_folders(made)  # if nothing was written there
    if failed:
        raise click.exceptions.Exit(1)
