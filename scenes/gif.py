"""Turn a rendered video into a small GIF: one fixed palette, no dithering, and held
frames merged into longer frame durations.

A by-hand page is a few flat colours and most of it stays still from one frame to the
next. With one palette and no dither noise, unchanged pixels stay identical, so Pillow
stores only the rectangle that changed in each frame and merges frames that did not
change at all.
"""

from __future__ import annotations

__all__ = ["video_to_gif"]

from pathlib import Path

import av
import numpy as np
from PIL import Image

_PALETTE_SAMPLES = 12  # key frames spread over the video that the palette is built from
_COLORS = 128
_TRANSPARENT = 255  # a palette index the quantized frames never use


def _centiseconds(seconds: float) -> int:
    """A time in GIF timestamps (10 ms steps), rounded: frame durations taken as
    differences of these add up to the video's length instead of drifting.
    """
    return round(seconds * 100)


def _timeline(path: Path) -> list[float]:
    """When each frame starts, in seconds, and at the end when the video ends.

    The video may hold a frame for several frame times (see :mod:`scenes.encode`), so
    times come from the frames' timestamps, not their count. Read from the packets,
    without decoding.
    """
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stamps = sorted(packet.pts for packet in container.demux(stream) if packet.pts is not None)
        starts = [float(pts * stream.time_base) for pts in stamps]
        end = float(stream.duration * stream.time_base) if stream.duration else container.duration / 1e6
    return [*starts, max(end, starts[-1] + 1 / float(stream.average_rate or 15))] if starts else []


def _rgb(frame: av.VideoFrame) -> np.ndarray:
    return frame.to_ndarray(format="rgb24")


def _palette(path: Path) -> Image.Image:
    """A palette for the whole video, from its key frames (some every two seconds), one
    under the other, so it need not all be decoded for it.
    """
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"
        samples = [_rgb(frame) for frame in container.decode(stream)]
    every = max(1, len(samples) // _PALETTE_SAMPLES)
    sheet = Image.fromarray(np.concatenate(samples[::every]))
    return sheet.quantize(colors=_COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


_BITS = 6  # of each channel the lookup goes by: 2**18 entries


def _lookup(colors: list[int]) -> np.ndarray:
    """For every colour, cut to :data:`_BITS` per channel, the nearest palette index.

    Looking frames up in this table is many times faster than quantizing each with
    Pillow; the cut moves a colour by at most 2 of 255 per channel.
    """
    palette = np.array(colors[: 3 * _COLORS], dtype=np.float32).reshape(-1, 3)
    levels = (np.arange(1 << _BITS, dtype=np.float32) * (1 << (8 - _BITS))) + (1 << (7 - _BITS))
    cube = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(-1, 3)
    # |c - p|^2 = |c|^2 - 2 c.p + |p|^2, and |c|^2 is the same for every p
    distances = (palette**2).sum(axis=1)[None, :] - 2 * cube @ palette.T
    return distances.argmin(axis=1).astype(np.uint8)


def _indexed(rgb: np.ndarray, table: np.ndarray) -> np.ndarray:
    cut = (rgb >> (8 - _BITS)).astype(np.uint32)
    return table[(cut[..., 0] << (2 * _BITS)) | (cut[..., 1] << _BITS) | cut[..., 2]]


def _changed(rgb: np.ndarray, before: np.ndarray) -> tuple[slice, slice] | None:
    """The rows and columns of the smallest box holding every pixel that changed."""
    height = rgb.shape[0]
    moved = rgb.reshape(height, -1) != before.reshape(height, -1)  # by byte: fast
    rows = np.flatnonzero(moved.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(moved[rows[0] : rows[-1] + 1].any(axis=0).reshape(-1, 3).any(axis=1))
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def video_to_gif(source: Path, target: Path) -> None:
    """Write ``source`` (any video PyAV reads, ideally lossless) as a looping GIF.

    Each frame keeps only the pixels that changed; the rest are transparent and show
    the frame before (disposal 1), which LZW packs into almost nothing. Only the box
    that changed is looked up in the palette.
    """
    times = _timeline(source)
    colors = _palette(source).getpalette() or []
    colors += [0] * (768 - len(colors))
    table = _lookup(colors)
    frames: list[Image.Image] = []
    durations: list[int] = []
    before: np.ndarray | None = None  # the last frame kept, drawn and indexed
    previous: np.ndarray | None = None
    with av.open(str(source)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            step_ms = 10 * (_centiseconds(times[index + 1]) - _centiseconds(times[index]))
            rgb = _rgb(frame)
            if before is None or previous is None:
                indexed, box = _indexed(rgb, table), None
            else:
                box = _changed(rgb, before)
                indexed = previous.copy()
                if box is not None:
                    indexed[box] = _indexed(rgb[box], table)
            before = rgb
            if previous is not None and (box is None or np.array_equal(indexed[box], previous[box])):
                durations[-1] += step_ms
                continue
            if previous is None or box is None:
                shown = indexed
            else:  # outside the box nothing changed: transparent
                shown = np.full_like(indexed, _TRANSPARENT)
                shown[box] = np.where(indexed[box] == previous[box], _TRANSPARENT, indexed[box])
            previous = indexed
            image = Image.fromarray(shown, mode="P")
            image.putpalette(colors)
            frames.append(image)
            durations.append(step_ms)
    frames[0].save(
        target,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        transparency=_TRANSPARENT,
        disposal=1,
        optimize=False,
    )
