"""Drawing a run of a video's shots with manim: the one part of a video render that
loads it (see :mod:`scenes.video`, which plans the video without it).
"""

from __future__ import annotations

__all__ = ["draw", "writer"]

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from manim import tempconfig
from manim.scene.scene_file_writer import SceneFileWriter

from handtf.scenes.camera import FramedCamera
from handtf.scenes.encode import StreamingWriter, streaming_writer
from handtf.scenes.renderer import StreamingRenderer
from handtf.scenes.walkthrough import Walkthrough

if TYPE_CHECKING:
    from handtf.scenes.video import Clips, Video


def draw(video: Video, part: range | None, scratch: Path, on_progress: Callable[[int], None]) -> tuple[Path, Clips]:
    """Render ``part`` of ``video``'s walkthrough (its segments, all when None) in
    ``scratch``; return the video and each segment's clip, by the segment's name.
    """
    with tempconfig({**video.settings(scratch), "transparent": video.transparent, "save_sections": True}):
        scene = Walkthrough(
            video.trace,
            detail=video.detail,
            on_progress=on_progress,
            timing=video.timing,
            style=video.style,
            transparent=video.transparent,
            part=part,
            renderer=StreamingRenderer(camera_class=FramedCamera, file_writer_class=writer(video)),
        )
        file_writer = scene.renderer.file_writer
        try:
            scene.render()
        except BaseException:
            file_writer.abort_encode_jobs()  # its encoder threads would otherwise wait
            raise
        clips = [(s.name, _section_file(file_writer, s.video)) for s in file_writer.sections if s.video]
        return Path(file_writer.movie_file_path), clips


def writer(video: Video) -> type[SceneFileWriter]:
    """The file writer for ``video``: a GIF's with its palette, else x264's."""
    if video.palette is not None:
        return streaming_writer({}, palette=video.palette)
    return streaming_writer(video.encoder, hold_frames=video.constant_rate)


def _section_file(file_writer: SceneFileWriter, name: str) -> Path:
    """Where ``file_writer`` put a section's clip (manim's own writer, too, for the bench)."""
    if isinstance(file_writer, StreamingWriter):
        return file_writer.section_file(name)
    return Path(file_writer.sections_output_dir) / name
