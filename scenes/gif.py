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
from PIL import Image

_PALETTE_SAMPLES = 24  # frames spread over the video that the palette is built from
_COLORS = 128


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
    """Write ``source`` (any video PyAV reads, ideally lossless) as a looping GIF."""
    with av.open(str(source)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate or 15)
        frame_count = stream.frames or sum(1 for _ in container.decode(stream))
    palette = _palette(source, frame_count)
    frames: list[Image.Image] = []
    durations: list[int] = []
    previous: bytes | None = None
    with av.open(str(source)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            rgb = frame.to_ndarray(format="rgb24").tobytes()
            step_ms = 10 * (_centiseconds(index + 1, fps) - _centiseconds(index, fps))
            if rgb == previous:
                durations[-1] += step_ms
                continue
            previous = rgb
            image = Image.frombytes("RGB", (frame.width, frame.height), rgb)
            frames.append(image.quantize(palette=palette, dither=Image.Dither.NONE))
            durations.append(step_ms)
    frames[0].save(
        target,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        optimize=False,
        disposal=1,
    )
