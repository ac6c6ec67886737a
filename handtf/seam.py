"""The seam between the command line and the renderer, typed: what the command line
asks of ``scenes.render``. mypy checks that the renderer module keeps to it.

The renderer is imported only when something is drawn, so ``handtf list`` and
``handtf trace`` never load manim.
"""

from __future__ import annotations

__all__ = ["Renderer", "VideoRenderer", "needs_manim", "renderer", "video_renderer"]

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from handtf.cache import SegmentCache
from handtf.detail import Detail
from handtf.errors import HandtfError
from handtf.pace import Timing
from handtf.scenes.style import Style
from handtf.trace import Trace

Progress = Callable[[int], None]


class Renderer(Protocol):
    """The drawing half of handtf, as the commands call it: stills, slides, sheets
    (videos go through :class:`VideoRenderer`).
    """

    def render(
        self,
        trace: Trace,
        output: Path,
        fmt: str = ...,
        quality: str = ...,
        detail: Detail = ...,
        on_progress: Progress | None = ...,
        *,
        style: Style = ...,
    ) -> list[Path]: ...

    def render_slides(
        self,
        trace: Trace,
        dest: Path,
        to: str = ...,
        quality: str = ...,
        detail: Detail = ...,
        style: Style = ...,
        on_progress: Progress | None = ...,
        timing: Timing = ...,
        reveal: bool = ...,
    ) -> list[Path]: ...

    def render_figures(self, trace: Trace, folder: Path, width: int = ..., style: Style = ...) -> list[Path]: ...

    def render_worksheet(self, trace: Trace, pdf: Path, png: Path, answers: bool = ...) -> list[Path]: ...

    def render_sheets(self, traces: list[Trace], pdf: Path, answers: bool = ...) -> list[Path]: ...


class VideoRenderer(Protocol):
    """Videos alone, as the commands call for them: manim is loaded only to draw a
    shot the cache does not hold (see ``scenes.video``).
    """

    def render_video(
        self,
        trace: Trace,
        out: Path,
        fmt: str = ...,
        quality: str = ...,
        detail: Detail = ...,
        on_progress: Progress | None = ...,
        style: Style = ...,
        transparent: bool = ...,
        split_steps: Path | None = ...,
        jobs: int = ...,
        archival: bool = ...,
        constant_rate: bool = ...,
        timing: Timing = ...,
        subtitles: bool = ...,
        cache: SegmentCache | None = ...,
    ) -> list[Path]: ...


@contextmanager
def needs_manim() -> Iterator[None]:
    """Around an import of manim's side of handtf: a clear error if manim is missing."""
    try:
        yield
    except ImportError as exc:  # pragma: no cover - only without the render extras
        raise HandtfError(
            f"rendering needs manim ({exc.name} is missing); run `make demo` or `pip install -e .`"
        ) from None


def renderer() -> Renderer:
    """The renderer, imported now; a clear error if manim is not installed."""
    with needs_manim():
        import handtf.scenes.render
    return handtf.scenes.render


def video_renderer() -> VideoRenderer:
    """The video renderer, imported now; it loads manim when it draws."""
    import handtf.scenes.video

    return handtf.scenes.video
