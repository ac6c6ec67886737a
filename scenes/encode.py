"""A file writer that keeps one encoder open per section, instead of manim's one per play.

Manim encodes every ``play`` and ``wait`` into a file of its own and joins them at the
end: a walkthrough is some three hundred encoder starts and flushes, every frame is
copied twice on its way, and a two-second hold is 120 frames to encode at 60 fps. This
writer streams each section (a step, see :class:`~scenes.walkthrough.Walkthrough`)
through one encoder:

- only the box of the camera's pixels that changed since the frame before goes to
  libswscale, into a picture in the encoder's pixel format kept between frames; the
  picture goes to x264 on a thread of its own, so drawing and encoding share the cores;
- a held frame (a ``wait``) is converted and encoded once and lasts as long as the
  hold: the video has a variable frame rate, its frames start on the 1/fps grid, and
  a still moment costs one frame, not fps of them per second. ``hold_frames=True``
  writes every frame instead (a constant frame rate, for editors that want one);
- the frame queue is bounded, so memory stays flat however far the encoder lags.

The sections' files are then joined by stream copy into the movie; with
``save_sections`` they are also the segments' clips (see :mod:`scenes.video`). A GIF goes the same way, through
:class:`scenes.gif.GifEncoder`.
"""

from __future__ import annotations

__all__ = ["ENCODER_THREADING", "StreamingWriter", "streaming_writer"]

import threading
from fractions import Fraction
from pathlib import Path
from queue import Queue
from typing import Any, cast

import av
import numpy as np
from av.video.stream import VideoStream
from manim import config
from manim.scene.scene_file_writer import SceneFileWriter, to_av_frame_rate

from handtf.scenes.gif import GifEncoder, Palette, changed_box, join_gifs
from handtf.scenes.parallel import BITEXACT, join_videos

_QUEUE = 4  # converted frames waiting for x264: 12 MB at 1080p
# swscale's chroma filter reaches 2 pixels: a change moves the chroma of pixels beside it,
# and a converted pixel's chroma depends on pixels beside it. So the picture takes the
# changed box and _REACH pixels around it, converted from _MARGIN pixels more.
_REACH = 4
_MARGIN = 8
ENCODER_THREADING = "SLICE"  # x264's: frame threads held 30 MB more at 1080p, for no gain here


class _Encoder:
    """One video file, encoded on a thread of its own from a bounded frame queue."""

    def __init__(
        self,
        path: Path,
        codec: str,
        pix_fmt: str,
        options: dict[str, str],
        hold_frames: bool,
    ) -> None:
        self.path = path
        self.pix_fmt = pix_fmt
        self.hold_frames = hold_frames
        self.container = av.open(str(path), mode="w", options=BITEXACT)
        rate = to_av_frame_rate(config.frame_rate)
        self.stream = cast(VideoStream, self.container.add_stream(codec, rate=rate, options=options))
        self.stream.pix_fmt = pix_fmt
        self.stream.width = config.pixel_width
        self.stream.height = config.pixel_height
        if codec.startswith("libx264"):
            self.stream.codec_context.thread_type = ENCODER_THREADING
        self.time_base = Fraction(1) / rate
        self.pts = 0
        self.lasting: dict[int, int] = {}  # how long each frame shows, by its pts
        self.pending: av.Packet[VideoStream] | None = None
        self.before: np.ndarray | None = None  # the last frame put
        self.picture: np.ndarray | None = None  # it in yuv420p, laid out as from_ndarray takes it
        self.converted: av.VideoFrame | None = None
        self.error: BaseException | None = None
        self.queue: Queue[tuple[av.VideoFrame, int] | None] = Queue(maxsize=_QUEUE)
        self.thread = threading.Thread(target=self._drain, name=f"handtf-encoder-{path.stem}", daemon=True)
        self.thread.start()

    def put(self, frame: np.ndarray, count: int) -> None:
        """Convert ``frame`` to the stream's pixel format here, on the drawing thread, so
        that the camera can draw the next frame into the same array; queue it for x264,
        which is the larger cost and has the other core.
        """
        if self.error is not None:
            raise RuntimeError(f"encoding {self.path.name} failed: {self.error}") from self.error
        self.queue.put((self._convert(frame), count))

    def _convert(self, frame: np.ndarray) -> av.VideoFrame:
        """``frame`` in the stream's pixel format. In yuv420p (MP4), only the box that
        changed since the frame before is converted, with a margin around it so that its
        pixels come out as a whole frame's would, into a picture kept between frames: a
        cell op changes a small part of the page, and converting a 1080p frame costs
        about as much CPU as x264 encoding it.
        """
        height, width = frame.shape[:2]
        if self.pix_fmt != "yuv420p" or height % 4 or width % 2:
            return av.VideoFrame.from_numpy_buffer(frame, format="rgba").reformat(format=self.pix_fmt)
        box = (slice(0, height), slice(0, width))
        if self.before is not None and (box := changed_box(frame, self.before)) is None:  # type: ignore[assignment]
            return self.converted  # type: ignore[return-value]  # the same picture again
        rows, cols = (  # even, for the 2x2 chroma blocks
            slice(max(0, s.start // 2 * 2 - _REACH), min(size, -(-s.stop // 2) * 2 + _REACH))
            for s, size in zip(box, (height, width), strict=True)
        )
        top, left = max(0, rows.start - _MARGIN), max(0, cols.start - _MARGIN)
        bottom, right = min(height, rows.stop + _MARGIN), min(width, cols.stop + _MARGIN)
        if self.before is None or (bottom - top) * (right - left) > height * width // 2:
            top, left, bottom, right = 0, 0, height, width  # most of the frame: convert it all
        region = np.ascontiguousarray(frame[top:bottom, left:right])  # no copy when whole
        converted = av.VideoFrame.from_numpy_buffer(region, format="rgba").reformat(format="yuv420p")
        if self.picture is None or self.before is None:
            self.picture = np.empty((height * 3 // 2, width), dtype=np.uint8)
            self.before = np.empty_like(frame)
        self.before[box] = frame[box]
        for plane, whole, scale in zip(
            converted.planes, _yuv_planes(self.picture, height, width), (1, 2, 2), strict=True
        ):
            got = np.frombuffer(memoryview(plane), np.uint8).reshape(plane.height, plane.line_size)[:, : plane.width]
            inner = (
                slice((rows.start - top) // scale, (rows.stop - top) // scale),
                slice((cols.start - left) // scale, (cols.stop - left) // scale),
            )
            whole[rows.start // scale : rows.stop // scale, cols.start // scale : cols.stop // scale] = got[inner]
        if (top, left, bottom, right) != (0, 0, height, width):
            converted = av.VideoFrame.from_ndarray(self.picture, format="yuv420p")
        self.converted = converted
        return converted

    def close(self) -> None:
        """Encode what is queued, flush the encoder and close the file."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise RuntimeError(f"encoding {self.path.name} failed: {self.error}") from self.error

    def _drain(self) -> None:
        closing = False  # close() has queued its None
        try:
            while (item := self.queue.get()) is not None:
                self._encode(*item)
            closing = True
            self._mux(self.stream.encode())
            self._mux_last()
        except BaseException as exc:  # noqa: BLE001 - raised again by put() or close()
            self.error = exc
            while not closing:
                closing = self.queue.get() is None  # keep taking frames: put() never blocks
        finally:
            try:
                self.container.close()  # writes the index: a full disk fails here too
            except BaseException as exc:  # noqa: BLE001 - raised again by close(), not printed by the thread
                self.error = self.error or exc

    def _encode(self, converted: av.VideoFrame, count: int) -> None:
        repeats, lasting = (count, 1) if self.hold_frames else (1, count)
        for _ in range(repeats):
            converted.pts = self.pts
            converted.time_base = self.time_base
            self.lasting[self.pts] = lasting
            self._mux(self.stream.encode(converted))
            self.pts += lasting

    def _mux(self, packets: list[av.Packet[VideoStream]]) -> None:
        # The encoder leaves packets without a duration, and a held frame's decides how
        # long it shows. Each packet is kept back until the next arrives, so the last
        # in decoding order can be made to end where the last frame does: with B-frames
        # it is not the last one shown, and the file's length is taken from it.
        for packet in packets:
            if packet.pts is not None:
                packet.duration = self.lasting.pop(packet.pts, 1)
            if self.pending is not None:
                self.container.mux(self.pending)
            self.pending = packet

    def _mux_last(self) -> None:
        if self.pending is not None:
            if self.pending.dts is not None:
                self.pending.duration = self.pts - self.pending.dts
            self.container.mux(self.pending)
        self.pending = None


def _yuv_planes(picture: np.ndarray, height: int, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views of the Y, U and V planes of a yuv420p picture laid out as
    ``av.VideoFrame.from_ndarray`` takes it: Y's rows, then U's and V's, packed.
    """
    quarter = height // 4
    return (
        picture[:height],
        picture[height : height + quarter].reshape(height // 2, width // 2),
        picture[height + quarter :].reshape(height // 2, width // 2),
    )


class StreamingWriter(SceneFileWriter):
    """Manim's file writer, streaming each section through one encoder.

    Set up by :func:`streaming_writer`; only the movie paths of manim's writer are
    used (``movie_file_path``, ``sections``, ``sections_output_dir``).
    """

    codec_options: dict[str, str] = {}  # x264's
    hold_frames = False
    palette: Palette | None = None  # a GIF's (see scenes/gif.py), with the format "gif"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._encoder: _Encoder | GifEncoder | None = None
        self.section_files: list[Path] = []
        super().__init__(*args, **kwargs)
        if self._gif():
            self.movie_file_path = Path(self.movie_file_path).with_suffix(".gif")

    def _gif(self) -> bool:
        return config.format == "gif"

    def section_file(self, video: str) -> Path:
        """Where a section's clip (manim's name for it, ``video``) is written."""
        path = Path(self.sections_output_dir) / video
        return path.with_suffix(".gif") if self._gif() else path

    def _codec(self) -> tuple[str, str, dict[str, str]]:
        if config.movie_file_extension == ".webm":
            return "libvpx-vp9", "yuva420p" if config.transparent else "yuv420p", {"auto-alt-ref": "1"}
        if config.transparent:
            return "qtrle", "argb", {}
        return "libx264", "yuv420p", {"crf": "23", **self.codec_options}

    def next_section(self, name: str, type_: str, skip_animations: bool) -> None:
        self._close_encoder()
        super().next_section(name, type_, skip_animations)

    def begin_animation(self, allow_write: bool = False, file_path: Any = None) -> None:
        if allow_write and self._encoder is None and not config.dry_run and config.write_to_movie:
            section = self.sections[-1]
            if section.video is not None:
                path = self.section_file(section.video)
            else:
                name = f"section-{len(self.sections):04}{self.movie_file_path.suffix}"
                path = Path(self.partial_movie_directory) / name
            if self._gif():
                if self.palette is None:
                    raise ValueError("a GIF needs its palette: see streaming_writer")
                size = (config.pixel_width, config.pixel_height)
                self._encoder = GifEncoder(path, self.palette, *size, config.frame_rate)
            else:
                codec, pix_fmt, options = self._codec()
                self._encoder = _Encoder(path, codec, pix_fmt, options, self.hold_frames)
            self.section_files.append(path)

    def end_animation(self, allow_write: bool = False) -> None:
        pass  # the section's encoder stays open for the next play

    def write_frame(self, frame_or_renderer: Any, num_frames: int = 1) -> None:
        if self._encoder is not None:
            self._encoder.put(frame_or_renderer, num_frames)

    def finish(self) -> None:
        self._close_encoder()
        if self.section_files and self._gif():
            join_gifs(self.section_files, Path(self.movie_file_path))
        elif self.section_files:
            alpha = "yuva420p" if config.transparent and config.movie_file_extension == ".webm" else None
            join_videos(self.section_files, Path(self.movie_file_path), alpha)

    def abort_encode_jobs(self, reraise_encoder_failures: bool = False) -> None:
        """Stop the encoder after a failed or interrupted render (its file is scratch)."""
        try:
            self._close_encoder()
        except Exception:  # noqa: BLE001 - the render's own error is the one to report
            pass

    def _close_encoder(self) -> None:
        encoder, self._encoder = self._encoder, None
        if encoder is not None:
            encoder.close()


def streaming_writer(
    options: dict[str, str], hold_frames: bool = False, palette: Palette | None = None
) -> type[StreamingWriter]:
    """A :class:`StreamingWriter` for MP4 with these x264 ``options`` (WebM and MOV keep
    manim's codecs), and for a GIF with ``palette``.
    """
    settings = {"codec_options": options, "hold_frames": hold_frames, "palette": palette}
    return type("TunedStreamingWriter", (StreamingWriter,), settings)
