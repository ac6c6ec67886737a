"""GIFs written straight from the camera's frames: one palette fixed before the first
frame, no dithering, and in each frame only what changed.

A by-hand page is a few flat colours, and most of it stays still from one frame to the
next. So:

- the palette comes from the colours of the style, each kept exactly, and their blends
  (antialiased edges, fades, tints), so it is known before anything is drawn: every
  process rendering a part of the walkthrough uses the same one, and no frame waits for
  the end of the render;
- a frame is looked up in a table (colour to palette index) only in the box where it
  differs from the frame before, and only the pixels whose index changed are stored;
  the rest is transparent and shows the frame before (disposal 1), which LZW (Pillow's
  GIF encoder) packs into almost nothing;
- a frame that shows nothing new makes the frame before it last longer.

Each section is a complete GIF that starts with a whole frame, so it plays on its own as
a step's clip. Sections, and the parts other processes render, are joined by copying
their frames after one header, as videos are joined by stream copy: a render in parts
gives the very bytes of a serial render.
"""

from __future__ import annotations

__all__ = ["GifEncoder", "Palette", "changed_box", "join_gifs"]

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import GifImagePlugin, Image

_COLORS = 255  # the palette's; index 255 is the transparent one
_TRANSPARENT = 255
_BITS = 5  # of each colour channel the lookup table goes by: 2**15 entries
_BLENDS = 8  # steps from each ground to each ink that the palette is cut from
_MIN_CENTISECONDS = 2  # browsers show shorter GIF frames for 10 cs; shorter ones merge


def _rgb(color: str) -> tuple[int, int, int]:
    value = int(color.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


@dataclass(frozen=True)
class Palette:
    """The colours of a GIF and, for every colour cut to :data:`_BITS` per channel,
    the index of the nearest of them.
    """

    colors: bytes  # 256 RGB triples; the last is the transparent index's
    table: np.ndarray  # uint8, 2**(3 * _BITS) entries

    @classmethod
    def of(cls, inks: Iterable[str], grounds: Iterable[str]) -> Palette:
        """The palette of pictures drawn in ``inks`` on ``grounds``: each of those colours
        exactly, and the rest cut (median cut, Pillow) from the blends of each ink over
        each ground that antialiased edges, fades and tints are made of.
        """
        ink_rgb, ground_rgb = sorted({_rgb(c) for c in inks}), sorted({_rgb(c) for c in grounds})
        exact = sorted(set(ink_rgb) | set(ground_rgb))[: _COLORS // 4]
        levels = np.arange(1, _BLENDS, dtype=np.float32)[:, None] / _BLENDS
        blends = [
            np.array(ground, np.float32) + (np.array(ink, np.float32) - np.array(ground, np.float32)) * levels
            for ground in ground_rgb
            for ink in ink_rgb
        ]
        picture = np.concatenate(blends).round().astype(np.uint8).reshape(-1, 1, 3)
        cut = Image.fromarray(picture).quantize(
            colors=_COLORS - len(exact), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        found = np.array(cut.getpalette() or [], dtype=np.uint8).reshape(-1, 3)[: _COLORS - len(exact)]
        chosen = np.concatenate([np.array(exact, dtype=np.uint8).reshape(-1, 3), found])
        table = np.zeros((256, 3), dtype=np.uint8)
        table[: len(chosen)] = chosen
        palette = cls(table.tobytes(), _nearest(chosen.astype(np.float32)))
        # A colour of the style looks itself up, even where a cut colour is nearer the
        # middle of its cell in the table.
        exact_pixels = np.array([[*c, 255] for c in exact], dtype=np.uint8).view("<u4")[:, 0]
        palette.table[palette.cells(exact_pixels)] = np.arange(len(exact))
        return palette

    def index(self, pixels: np.ndarray) -> np.ndarray:
        """The palette indices of RGBA pixels seen as little-endian uint32."""
        indices: np.ndarray = self.table[self.cells(pixels)]
        return indices

    @staticmethod
    def cells(pixels: np.ndarray) -> np.ndarray:
        """Where RGBA pixels, seen as little-endian uint32, are in the lookup table."""
        shift, mask = 8 - _BITS, (1 << _BITS) - 1
        red = (pixels >> shift) & mask
        green = (pixels >> (8 + shift)) & mask
        blue = (pixels >> (16 + shift)) & mask
        return (red << (2 * _BITS)) | (green << _BITS) | blue


def _nearest(palette: np.ndarray) -> np.ndarray:
    """For every colour cut to :data:`_BITS` per channel (taken at the middle of its
    cell), the index of the nearest palette colour; in slices, to keep memory small.
    """
    levels = np.arange(1 << _BITS, dtype=np.float32) * (1 << (8 - _BITS)) + (1 << (7 - _BITS)) - 0.5
    cube = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(-1, 3)
    norms = (palette**2).sum(axis=1)
    table = np.empty(len(cube), dtype=np.uint8)
    step = 1 << 15
    for start in range(0, len(cube), step):
        # |c - p|^2 = |c|^2 - 2 c.p + |p|^2, and |c|^2 is the same for every p
        table[start : start + step] = (norms - 2 * cube[start : start + step] @ palette.T).argmin(axis=1)
    return table


def changed_box(frame: np.ndarray, before: np.ndarray) -> tuple[slice, slice] | None:
    """The smallest box holding every pixel where two RGBA frames differ, in columns
    of two pixels when the width is even (compared 8 bytes at a time: faster).
    """
    pair = 2 if frame.shape[1] % 2 == 0 else 1
    word = "<u8" if pair == 2 else "<u4"
    rows = frame.shape[0]
    box = _true_box(frame.reshape(rows, -1).view(word) != before.reshape(rows, -1).view(word))
    if box is None:
        return None
    return box[0], slice(box[1].start * pair, box[1].stop * pair)


def _true_box(moved: np.ndarray) -> tuple[slice, slice] | None:
    """The smallest box holding every True of ``moved``."""
    rows = np.flatnonzero(moved.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(moved[rows[0] : rows[-1] + 1].any(axis=0))
    return slice(int(rows[0]), int(rows[-1]) + 1), slice(int(cols[0]), int(cols[-1]) + 1)


def _union(a: tuple[slice, slice] | None, b: tuple[slice, slice]) -> tuple[slice, slice]:
    if a is None:
        return b
    return slice(min(a[0].start, b[0].start), max(a[0].stop, b[0].stop)), slice(
        min(a[1].start, b[1].start), max(a[1].stop, b[1].stop)
    )


def _header(palette: Palette, width: int, height: int) -> bytes:
    """A looping GIF's header with ``palette`` as its global colour table."""
    canvas = Image.new("P", (width, height))
    canvas.putpalette(palette.colors)
    items, _ = GifImagePlugin.getheader(canvas, info={"loop": 0, "transparency": _TRANSPARENT})
    return b"".join(items)


class GifEncoder:
    """One GIF file, written frame by frame as the camera draws them.

    It has :class:`scenes.encode._Encoder`'s interface: ``put(frame, count)`` with an
    RGBA frame that shows for ``count`` frame times, then ``close()``.
    """

    def __init__(self, path: Path, palette: Palette, width: int, height: int, frame_rate: float) -> None:
        self.path = path
        self.palette = palette
        self.rate = frame_rate
        self.file: BinaryIO = path.open("wb")
        self.file.write(_header(palette, width, height))
        self.before = np.zeros((height, width, 4), dtype=np.uint8)  # the last frame put
        self.current = np.zeros((height, width), dtype=np.uint8)  # its palette indices
        self.shown: np.ndarray | None = None  # the indices a viewer sees: the frames written
        self.changed: tuple[slice, slice] | None = None  # where current and shown differ
        self.start = 0  # when the current frame starts, in frame times
        self.ticks = 0  # frame times put so far

    def put(self, frame: np.ndarray, count: int) -> None:
        box = (slice(0, frame.shape[0]), slice(0, frame.shape[1]))
        if self.ticks == 0:
            self.current[...] = self.palette.index(frame.view("<u4")[..., 0])
            self.changed = box
        elif (box := changed_box(frame, self.before)) is not None:  # type: ignore[assignment]
            indices = self.palette.index(frame[box].view("<u4")[..., 0])
            if not np.array_equal(indices, self.current[box]):
                self._end_frame(last=False)
                self.current[box] = indices
                self.changed = _union(self.changed, box)
        if box is not None:
            self.before[box] = frame[box]
        self.ticks += count

    def close(self) -> None:
        """Write the last frame and the trailer, and close the file."""
        try:
            if self.ticks:
                self._end_frame(last=True)
            self.file.write(b";")
        finally:
            self.file.close()

    def _end_frame(self, last: bool) -> None:
        """The current frame ends now: write it, unless it is too short to show."""
        start, end = (round(t * 100 / self.rate) for t in (self.start, self.ticks))
        if end - start < _MIN_CENTISECONDS and not last:
            return  # what it changed shows with the next frame, from its start
        assert self.changed is not None
        if self.shown is None:
            self.shown = self.current.copy()
            box, picture = self.changed, self.current
        else:
            differs = self.current[self.changed] != self.shown[self.changed]
            inner = _true_box(differs)
            if inner is None:  # back to what shows already: a frame of one clear pixel
                box, picture = (slice(0, 1), slice(0, 1)), np.full((1, 1), _TRANSPARENT, np.uint8)
            else:
                top, left = self.changed[0].start, self.changed[1].start
                box = (
                    slice(top + inner[0].start, top + inner[0].stop),
                    slice(left + inner[1].start, left + inner[1].stop),
                )
                picture = np.where(differs[inner], self.current[box], _TRANSPARENT)
                self.shown[box] = self.current[box]
        rows, cols = box
        frame = Image.frombytes("P", (picture.shape[1], picture.shape[0]), np.ascontiguousarray(picture).tobytes())
        offset = (cols.start, rows.start)
        duration = 10 * max(end - start, _MIN_CENTISECONDS)
        for chunk in GifImagePlugin.getdata(frame, offset, duration=duration, transparency=_TRANSPARENT, disposal=1):
            self.file.write(chunk)
        self.start, self.changed = self.ticks, None


def _head(data: bytes) -> int:
    """The length of a GIF's header: the screen descriptor, the global colour table and
    the application extensions (the loop count) before the first frame.
    """
    flags = data[10]
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while data[at : at + 2] == b"!\xff":
        at += 2
        while data[at]:
            at += data[at] + 1
        at += 1
    return at


def join_gifs(parts: Sequence[Path], out: Path) -> Path:
    """Join GIFs of the same size and palette into ``out``, frames copied as they are."""
    datas = [part.read_bytes() for part in parts]
    head = datas[0][: _head(datas[0])]
    for part, data in zip(parts, datas, strict=True):
        if data[: len(head)] != head or not data.endswith(b";"):
            raise ValueError(f"{part.name} is not a GIF of the same size and palette as {parts[0].name}")
    with out.open("wb") as joined:
        joined.write(head)
        for data in datas:
            joined.write(data[len(head) : -1])
        joined.write(b";")
    return out
