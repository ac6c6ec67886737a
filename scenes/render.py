"""Render a trace to a file: the one place that sets Manim's global config.

The render happens in a scratch folder of its own beside the output, and the finished
file is renamed into place, so a failed or interrupted render never leaves a partial
file and never touches an earlier output at the same path.
"""

from __future__ import annotations

__all__ = [
    "ALPHA_FORMATS",
    "ARCHIVAL",
    "ENCODER",
    "QUALITIES",
    "construct",
    "render",
    "render_figures",
    "render_sheets",
    "render_slides",
    "render_worksheet",
]

import itertools
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from manim import tempconfig
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.scene_file_writer import SceneFileWriter
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from handtf.cache import SegmentCache
from handtf.detail import Detail
from handtf.files import publish as _publish
from handtf.files import scratch_beside
from handtf.pace import Timing
from handtf.pages import page_images
from handtf.scenes.camera import FramedCamera
from handtf.scenes.encode import ENCODER_THREADING
from handtf.scenes.formats import ALPHA_FORMATS
from handtf.scenes.renderer import StreamingRenderer
from handtf.scenes.settings import ARCHIVAL, ENCODER, QUALITIES, quiet, video_settings
from handtf.scenes.slides import convert, slides_class
from handtf.scenes.stills import Figures, OverviewFigure, Worksheet, pdf_pages
from handtf.scenes.style import STYLE, Style
from handtf.scenes.video import render_video
from handtf.scenes.walkthrough import Walkthrough
from handtf.storyboard import storyboard
from handtf.trace import Trace


def _tuned_writer(options: dict[str, str]) -> type[SceneFileWriter]:
    """Manim's own file writer, a file per play, with these x264 options: for slides,
    since manim-slides reads those files.
    """

    class TunedWriter(SceneFileWriter):
        def open_partial_movie_stream(self, file_path: Any = None) -> None:
            super().open_partial_movie_stream(file_path)
            job = getattr(self, "_current_encode_job", None)
            if job is not None and job.stream.codec_context.name == "libx264":
                context = job.stream.codec_context
                context.options = {**context.options, **options}
                context.thread_type = ENCODER_THREADING

    return TunedWriter


def construct(
    trace: Trace, detail: Detail = "cell", scene_class: type[Walkthrough] = Walkthrough, **kwargs: Any
) -> Walkthrough:
    """Build a scene (the walkthrough, or ``scene_class`` with ``kwargs``) without
    drawing or writing anything, to inspect its mobjects: the cheapest check of a scene.
    """
    with tempfile.TemporaryDirectory(prefix="handtf-") as scratch:
        with tempconfig({**quiet(Path(scratch)), "dry_run": True}):
            renderer = CairoRenderer(camera_class=FramedCamera, skip_animations=True)
            scene = scene_class(trace, detail=detail, renderer=renderer, **kwargs)
            scene.render()
    return scene


def render(
    trace: Trace,
    out: Path,
    fmt: str = "mp4",
    quality: str = "l",
    detail: Detail = "cell",
    on_progress: Callable[[int], None] | None = None,
    animate_still: bool = False,
    style: Style = STYLE,
    transparent: bool = False,
    split_steps: Path | None = None,
    jobs: int = 1,
    archival: bool = False,
    constant_rate: bool = False,
    timing: Timing = Timing(),
    subtitles: bool = False,
    cache: SegmentCache | None = None,
) -> list[Path]:
    """Render ``trace`` into ``out``; return the paths written.

    ``fmt`` is mp4, gif, webm, mov or png (``png`` is the final frame); ``quality`` is
    one of manim's letters l, m, h, k. A PNG is the finished sheet laid out at once;
    ``animate_still`` gets it by running through the walkthrough instead (the same
    picture, slower; the tests compare the two). ``transparent`` leaves the page out
    and writes an alpha channel (webm or mov only). ``split_steps`` names a folder that
    also gets one clip per step, ``01-attention-weights.mp4`` and so on. ``jobs``
    processes render parts of the walkthrough side by side (see :mod:`scenes.parallel`).
    ``archival`` encodes with :data:`ARCHIVAL` instead of :data:`ENCODER`. A held
    moment is one frame that lasts (see :mod:`scenes.encode`); ``constant_rate``
    writes all its frames instead. ``timing`` is the pace (see :mod:`handtf.pace`).
    A video carries a chapter per step; ``subtitles`` adds the cues as a soft track
    and writes them beside it, ``.vtt`` and ``.srt`` (a GIF gets those two only).
    ``cache`` keeps each segment (a step, or a piece of one), and gives back those
    drawn before (see :mod:`scenes.video`).
    """
    if transparent and fmt not in ALPHA_FORMATS:  # a PNG too, as before videos went on
        raise ValueError(f"transparent video needs one of {ALPHA_FORMATS}, not {fmt}")
    if fmt != "png":
        return render_video(trace, out, fmt, quality, detail, on_progress, style, transparent, split_steps, jobs,
                            archival, constant_rate, timing, subtitles, cache)  # fmt: skip
    with scratch_beside(out) as scratch:
        return _publish({_still(trace, scratch, quality, detail, style, animate_still): out})


def _still(trace: Trace, scratch: Path, quality: str, detail: Detail, style: Style, animate: bool) -> Path:
    """The final frame as a PNG: laid out at once, or (``animate``) played through."""
    settings = {**video_settings(scratch, quality, None), "write_to_movie": False, "save_last_frame": True}
    with tempconfig(settings):
        scene = Walkthrough(
            trace, detail=detail, finished=not animate, style=style, renderer=CairoRenderer(camera_class=FramedCamera)
        )
        return Path(_run(scene).image_file_path)


def render_slides(
    trace: Trace,
    dest: Path,
    to: str = "html",
    quality: str = "l",
    detail: Detail = "cell",
    style: Style = STYLE,
    on_progress: Callable[[int], None] | None = None,
    timing: Timing = Timing(),
    reveal: bool = False,
) -> list[Path]:
    """A manim-slides presentation of ``trace``: a slide per cell, per output row or
    per step (``detail``), and with ``reveal`` one more before each value; converted by
    manim-slides to ``to`` (``html`` or ``pptx``) at ``dest``. HTML comes with its
    assets folder beside it.
    """
    slides = slides_class()
    with scratch_beside(dest) as scratch:
        with tempconfig(video_settings(scratch, quality, "mp4")):
            scene = slides(
                trace,
                detail=detail,
                on_progress=on_progress,
                timing=timing,
                reveal=reveal,
                style=style,
                output_folder=scratch / "slides",
                renderer=StreamingRenderer(camera_class=FramedCamera, file_writer_class=_tuned_writer(ENCODER)),
            )
            _run(scene)
            size = (int(scene.page_camera.pixel_width), int(scene.page_camera.pixel_height))
        presentation = scratch / "slides" / f"{type(scene).__name__}.json"
        made = convert(presentation, scratch / "out" / dest.name, to, trace.title, size)
        return _publish({path: dest.parent / path.name for path in made})


def render_figures(trace: Trace, folder: Path, width: int = 1920, style: Style = STYLE) -> list[Path]:
    """One PNG per step in its finished state, and an overview, into ``folder``; 16:9,
    ``width`` pixels wide. Laid out at once, never played.
    """
    with scratch_beside(folder / "x") as scratch:
        made: dict[Path, Path] = {}

        def keep(stem: str, image: Image.Image) -> None:
            path = scratch / f"{stem}.png"
            image.save(path)
            made[path] = folder / path.name

        settings = {**quiet(scratch), "dry_run": True, "pixel_width": width, "pixel_height": _even(width * 9 / 16)}
        with tempconfig(settings):
            Figures(trace, keep, style=style, renderer=CairoRenderer(camera_class=FramedCamera)).render()
        figure = storyboard(trace, gap=style.gap).figure
        assert figure is not None
        height = _even(width * figure.view.height / figure.view.width)
        shape = {"pixel_height": height, "frame_width": 8.0 * width / height}  # the figure's own proportions
        with tempconfig({**settings, **shape}):
            OverviewFigure(trace, keep, style=style, renderer=CairoRenderer(camera_class=FramedCamera)).render()
        return _publish(made)


# A4 landscape at 300 dots per inch.
A4_300DPI = (3508, 2480)


def render_worksheet(trace: Trace, pdf: Path, png: Path, answers: bool = False) -> list[Path]:
    """The exercise as a sheet to fill in (or its answer key): a vector PDF, A4
    landscape, of as many pages as keep every cell 8 mm wide, and each page as a
    300 dpi PNG (``png``, then ``NAME-2.png`` and on; see :func:`~handtf.pages.page_images`).
    """
    with scratch_beside(pdf) as scratch:
        drawn: list[Path] = []
        with tempconfig(_sheet_settings(scratch)), pdf_pages(scratch / "sheet.pdf") as add_page:
            for scene in _sheet_pages(trace, answers):
                count = len(scene.pages)
                drawn.append(page_images(scratch / "sheet.png", count)[len(drawn)])
                scene.snapshot().save(drawn[-1], dpi=(300, 300), pnginfo=_page_mark())
                add_page(scene)
        made = dict(zip(drawn, page_images(png, len(drawn)), strict=True))
        published = _publish({scratch / "sheet.pdf": pdf, **made})
    _remove_later_pages(png, len(drawn))
    return published


def render_sheets(traces: list[Trace], pdf: Path, answers: bool = False) -> list[Path]:
    """Several exercises' worksheets (or their keys) one after the other in one vector
    PDF, to print a class's sheets at once.
    """
    with scratch_beside(pdf) as scratch:
        with tempconfig(_sheet_settings(scratch)), pdf_pages(scratch / "sheets.pdf") as add_page:
            for trace in traces:
                for scene in _sheet_pages(trace, answers):
                    add_page(scene)
        return _publish({scratch / "sheets.pdf": pdf})


def _sheet_settings(scratch: Path) -> dict[str, Any]:
    """Manim's settings for drawing A4 landscape pages at 300 dots per inch."""
    width, height = A4_300DPI
    return {**quiet(scratch), "dry_run": True, "pixel_width": width, "pixel_height": height,
            "frame_width": 8.0 * width / height}  # fmt: skip


def _sheet_pages(trace: Trace, answers: bool) -> Iterator[Worksheet]:
    """Each page of the sheet, drawn: one at a time, so only one is held at 300 dpi."""
    page, count = 0, 1
    while page < count:
        scene = Worksheet(trace, answers, page=page, style=PRINT, renderer=CairoRenderer(camera_class=FramedCamera))
        scene.render()
        count = len(scene.pages)
        yield scene
        page += 1


PAGE_SOFTWARE = "handtf worksheet"  # a worksheet page's PNG text "Software", to know its pages by


def _page_mark() -> PngInfo:
    """The PNG text chunk that marks a worksheet page as handtf's."""
    info = PngInfo()
    info.add_text("Software", PAGE_SOFTWARE)
    return info


def _remove_later_pages(png: Path, count: int) -> None:
    """Remove the pages past ``count`` that an earlier, longer sheet of the same name
    left (``NAME-5.png`` after a sheet of four pages), so that the pages beside a PDF
    are its own. Only PNGs that handtf wrote as worksheet pages go; any other file of
    such a name stays, and so do the pages after it.
    """
    for number in itertools.count(count + 1):
        later = page_images(png, number)[-1]
        try:
            with Image.open(later) as image:
                written = image.info.get("Software") == PAGE_SOFTWARE
        except (OSError, ValueError):
            return  # no such page, or not a picture handtf wrote: the pages end here
        if not written:
            return
        later.unlink(missing_ok=True)


# Worksheets are printed: white paper, so the printer lays no tint under the cells.
PRINT = replace(STYLE, paper="#FFFFFF")


def _even(x: float) -> int:
    """The nearest even number: video encoders want even sizes."""
    return int(round(x / 2)) * 2


def _run(scene: Walkthrough) -> SceneFileWriter:
    """Render a scene; return its file writer."""
    writer = scene.renderer.file_writer
    try:
        scene.render()
    except BaseException:
        # manim stops its encoder threads when construct() fails; an interrupt while
        # it joins or combines them would otherwise leave them waiting.
        writer.abort_encode_jobs()
        raise
    return writer
