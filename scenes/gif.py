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

_PALETTE_SAMPLES = 24  # frames spread over the video that the palette is built from
_COLORS = 128
_TRANSPARENT = 255  # a palette index the quantized frames never use


def _centiseconds(index: int, fps: float) -> int:
    """The GIF timestamp (in 10 ms steps) of frame ``index``, rounded, so that the
    durations add up to the video's length instead of drifting.
    """
    return round(index * 100 / fps)


def _palette(path: Path, frame_count: int) -> Image.Image:
    every = max(1, frame_count // _PALETTE_SAMPLES)
    samples = []
    with av.open(str(path)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            if index % every == 0:
                samples.append(frame.to_image())
    width, height = samples[0].size
    sheet = Image.new("RGB", (width, height * len(samples)))
    for k, image in enumerate(samples):
        sheet.paste(image, (0, k * height))
    return sheet.quantize(colors=_COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def video_to_gif(source: Path, target: Path) -> None:
    """Write ``source`` (any video PyAV reads, ideally lossless) as a looping GIF.

    Each frame keeps only the pixels that changed; the rest are transparent and show
    the frame before (disposal 1), which LZW packs into almost nothing.
    """
    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate or 15)
        frame_count = stream.frames or sum(1 for _ in container.decode(stream))
    palette = _palette(source, frame_count)
    colors = palette.getpalette() or []
    colors += [0] * (768 - len(colors))
    frames: list[Image.Image] = []
    durations: list[int] = []
    previous: np.ndarray | None = None
    with av.open(str(source)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            step_ms = 10 * (_centiseconds(index + 1, fps) - _centiseconds(index, fps))
            rgb = frame.to_image()
            indexed = np.asarray(rgb.quantize(palette=palette, dither=Image.Dither.NONE))
            if previous is not None and np.array_equal(indexed, previous):
                durations[-1] += step_ms
                continue
            shown = indexed if previous is None else np.where(indexed == previous, _TRANSPARENT, indexed)
            previous = indexed
            image = Image.fromarray(shown.astype(np.uint8), mode="P")
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
