"""The walkthrough as a video: segments, kept in the cache, joined.

Each shot of the storyboard (each step, then the takeaways), cut at beats into
segments of some seconds of motion each (:func:`handtf.segments.segments`), is
encoded segment by segment, and the video is the segments joined by stream copy (a
GIF's, by copying their bytes). A segment's key (:func:`handtf.segments.segment_keys`)
names what it draws; a render takes the segments whose keys the cache holds and draws
only the rest, in runs of adjacent segments, each run starting from the page the ones
before it leave (see :mod:`scenes.parallel`), in one process or several. The joined
video is the same, packet for packet, as one drawn whole.

The join writes the chapters, a chapter per shot, and with ``subtitles`` the cues
as a soft track (see :mod:`scenes.tracks`); a shot's clip (``--split-steps``) is its
segments joined.

Everything but the drawing is planned from plain settings (:mod:`scenes.settings`),
and manim is loaded only to draw a segment (:mod:`scenes.drawing`): a render whose
segments are all kept never loads it, and takes a fraction of a second.
"""

from __future__ import annotations

__all__ = ["Made", "Video", "gif_palette", "render_video"]

import hashlib
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import handtf
from handtf.beats import Storyboard
from handtf.cache import SegmentCache
from handtf.detail import Detail
from handtf.files import publish, scratch_beside
from handtf.layout import staircase
from handtf.pace import Timing
from handtf.scenes.formats import ALPHA_FORMATS
from handtf.scenes.gif import Palette, join_gifs
from handtf.scenes.parallel import join_videos, partition, render_parts
from handtf.scenes.settings import ARCHIVAL, ENCODER, video_settings
from handtf.scenes.style import STYLE, Style
from handtf.scenes.tracks import Tracks
from handtf.seam import needs_manim
from handtf.segments import Segment, segment_keys, segments
from handtf.storyboard import storyboard
from handtf.subtitles import chapters, cues, srt, webvtt
from handtf.trace import Trace

Settings = Callable[[Path], dict[str, Any]]  # manim's settings for a render into a scratch folder


@cache
def code() -> str:
    """A digest of handtf's own code, the core's and the scenes': a segment drawn by
    other code (a checkout between releases, say) is drawn again, not reused.
    """
    digest = hashlib.sha256()
    for folder in (Path(handtf.__file__).parent, Path(__file__).parent):
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


Clips = list[tuple[str, Path]]


def drawing() -> ModuleType:
    """:mod:`scenes.drawing`, and with it manim, imported now: only when a shot is drawn."""
    with needs_manim():
        import handtf.scenes.drawing
    return handtf.scenes.drawing


def render_video(
    trace: Trace,
    out: Path,
    fmt: str = "mp4",
    quality: str = "l",
    detail: Detail = "cell",
    on_progress: Callable[[int], None] | None = None,
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
    """Render ``trace`` as a video into ``out`` (mp4, gif, webm or mov); return the
    paths written. The options are :func:`scenes.render.render`'s.
    """
    if transparent and fmt not in ALPHA_FORMATS:
        raise ValueError(f"transparent video needs one of {ALPHA_FORMATS}, not {fmt}")
    with scratch_beside(out) as scratch:
        video = Video(
            trace,
            fmt,
            lambda folder: video_settings(folder, quality, fmt),
            detail,
            style,
            transparent,
            gif_palette(style) if fmt == "gif" else None,
            ARCHIVAL if archival else ENCODER,
            constant_rate,
            timing,
        )
        made = video.make(scratch, jobs, cache, subtitles, on_progress or (lambda ops: None), split_steps is not None)
        files = {made.movie: out}
        if subtitles:
            for suffix, write in ((".vtt", webvtt), (".srt", srt)):
                sidecar = scratch / f"cues{suffix}"
                sidecar.write_text(write(made.cues), encoding="utf-8")
                files[sidecar] = out.with_suffix(suffix)
        if split_steps is not None:
            files.update({clip: split_steps / f"{stem}.{fmt}" for stem, clip in made.clips})
        return publish(files)


def gif_palette(style: Style) -> Palette:
    """The palette of a GIF of the walkthrough in ``style``: its inks on its paper and
    cell fills.
    """
    inks = [style.ink, style.faint, style.computed, style.answer, style.negative, style.zeroed, style.grid_line]
    inks += [style.row_mark, style.col_mark, style.out_mark, style.note_mark, *style.role_stroke.values()]
    return Palette.of(inks, [style.paper, *style.role_fill.values()])


@dataclass(frozen=True)
class Made:
    """A video rendered: the file, each shot's clip (by its stem, if asked for), the
    cues, and how many segments were drawn, not taken from the cache.
    """

    movie: Path
    clips: Clips
    cues: list[Any]
    drawn: int


@dataclass(frozen=True)
class Video:
    """How to render the walkthrough's video: everything but which part of it."""

    trace: Trace
    fmt: str
    settings: Settings  # manim's, for a scratch folder
    detail: Detail
    style: Style
    transparent: bool
    palette: Palette | None  # a GIF's, the same for every part (see scenes/gif.py)
    encoder: dict[str, str]
    constant_rate: bool = False
    timing: Timing = Timing()

    def render(self, part: range | None, scratch: Path, on_progress: Callable[[int], None]) -> tuple[Path, Clips]:
        """Render ``part`` of the walkthrough (its segments, all when None) in
        ``scratch``; return the video and each segment's clip, by the segment's name.
        """
        drawn: tuple[Path, Clips] = drawing().draw(self, part, scratch, on_progress)
        return drawn

    def board(self, scratch: Path) -> tuple[Storyboard, float]:
        """The storyboard the walkthrough plays at these settings, and the frame rate."""
        settings = self.settings(scratch)
        aspect, fps = settings["frame_width"] / settings["frame_height"], settings["frame_rate"]
        board = storyboard(self.trace, self.detail, self.timing, aspect, staircase(self.trace, self.style.gap))
        return board, fps

    def keys(self, board: Storyboard, scratch: Path) -> list[str]:
        """Each segment's key for this render."""
        settings = self.settings(scratch)
        size = (settings["pixel_width"], settings["pixel_height"], settings["frame_rate"])
        versions = {p: importlib.metadata.version(p) for p in ("manim", "av", "numpy")}
        drawn_by = {
            "handtf": handtf.__version__,
            "code": code(),
            **versions,
            "format": self.fmt,
            "size": size,
            "style": repr(self.style),
            "transparent": self.transparent,
            "encoder": self.encoder,
            "constant_rate": self.constant_rate,
            "palette": repr(self.palette),
        }
        return segment_keys(board, self.trace, drawn_by)

    def make(
        self,
        scratch: Path,
        jobs: int,
        cache: SegmentCache | None,
        subtitles: bool,
        on_progress: Callable[[int], None],
        split: bool = False,
    ) -> Made:
        """The whole video in ``scratch``: segments from ``cache`` where it has them, the
        rest drawn in ``jobs`` processes; joined, with chapters and (``subtitles``) cues;
        with ``split``, each shot's clip too.
        """
        board, fps = self.board(scratch)
        keys = self.keys(board, scratch)
        cut = segments(board)
        suffix = f".{self.fmt}"
        drawn: dict[int, Path] = {}
        kept = scratch / "kept"
        kept.mkdir()
        for segment, key in zip(cut, keys, strict=True):
            into = kept / f"{segment.index:04}{suffix}"
            if cache is not None and cache.take(key, suffix, into):
                drawn[segment.index] = into
                shot = board.shots[segment.shot]
                on_progress(sum(shot.beats[b].ops for b in segment.beats))
        taken = len(drawn)
        index = {segment.name: segment.index for segment in cut}
        runs = self._runs([s for s in cut if s.index not in drawn], jobs)
        for name, clip in self._draw(runs, jobs, scratch, on_progress):
            drawn[index[name]] = clip
            if cache is not None:
                cache.keep(keys[index[name]], suffix, clip)
        ordered = [drawn[segment.index] for segment in cut]
        said = cues(board, fps) if subtitles else []
        movie = scratch / f"video{suffix}"
        alpha = "yuva420p" if self.transparent and self.fmt == "webm" else None
        if self.fmt == "gif":
            join_gifs(ordered, movie)
        else:
            join_videos(ordered, movie, alpha, Tracks(chapters(board, fps), said, board.lang))
        clips: Clips = []
        if split:  # each shot's clip: its segments joined
            for shot in board.shots:
                parts = [drawn[s.index] for s in cut if s.shot == shot.index]
                clip = parts[0] if len(parts) == 1 else scratch / f"clip-{shot.index:04}{suffix}"
                if len(parts) > 1 and self.fmt == "gif":
                    join_gifs(parts, clip)
                elif len(parts) > 1:
                    join_videos(parts, clip, alpha)
                clips.append((shot.stem, clip))
        return Made(movie, clips, said, len(cut) - taken)

    def _runs(self, missing: list[Segment], jobs: int) -> list[range]:
        """The segments to draw, as runs of adjacent ones; with cores to spare, the
        costliest run of more than one segment split among them.
        """
        runs: list[range] = []
        for segment in missing:
            k = segment.index
            if runs and runs[-1].stop == k:
                runs[-1] = range(runs[-1].start, k + 1)
            else:
                runs.append(range(k, k + 1))
        splittable = [run for run in runs if len(run) > 1]
        if not splittable or len(runs) >= jobs:
            return runs
        costs = {segment.index: segment.cost for segment in missing}
        longest = max(splittable, key=lambda run: sum(costs[k] for k in run))
        pieces = partition([costs[k] for k in longest], jobs - len(runs) + 1)
        split = [range(longest.start + piece.start, longest.start + piece.stop) for piece in pieces]
        return sorted([run for run in runs if run != longest] + split, key=lambda run: run.start)

    def _draw(self, parts: list[range], jobs: int, scratch: Path, on_progress: Callable[[int], None]) -> Clips:
        """Draw ``parts``: one at a time in this process with one job, else in a
        process each, ``jobs`` at a time.
        """
        if parts:
            drawing()  # here, before the workers fork, so that they share it
        clips: Clips = []
        for n in range(0, len(parts), jobs):
            batch, folder = parts[n : n + jobs], scratch / f"batch-{n}"
            folder.mkdir()
            if len(batch) == 1:
                clips += self.render(batch[0], folder, on_progress)[1]
            else:
                clips += render_parts(batch, folder, self.render, on_progress)[1]
        return clips
