"""The GIF writer on made-up frames: what it shows, when, and how its files join."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageSequence

from handtf.scenes.gif import GifEncoder, Palette, join_gifs
from handtf.scenes.style import STYLE

WIDTH, HEIGHT = 24, 12
COLORS = ["#FBF9F3", "#2B2B2B", "#E07000", "#D0453A", "#FFE45C", "#1C7ED6"]


def _rgba(color: str) -> np.ndarray:
    value = int(color[1:], 16)
    return np.array([value >> 16, (value >> 8) & 0xFF, value & 0xFF, 255], dtype=np.uint8)


def _palette() -> Palette:
    return Palette.of(COLORS[1:], COLORS[:1])


def _shown(path: Path) -> list[tuple[np.ndarray, int]]:
    """Each frame of a GIF as a viewer sees it, with its duration in ms."""
    with Image.open(path) as gif:
        return [(np.asarray(f.convert("RGB")).copy(), f.info["duration"]) for f in ImageSequence.Iterator(gif)]


def _expected(palette: Palette, frame: np.ndarray) -> np.ndarray:
    """What the GIF should show for ``frame``: each pixel's palette colour."""
    colors = np.frombuffer(palette.colors, dtype=np.uint8).reshape(-1, 3)
    return colors[palette.index(frame.view("<u4")[..., 0])]


def _write(path: Path, palette: Palette, frames: list[tuple[np.ndarray, int]], rate: float) -> None:
    encoder = GifEncoder(path, palette, WIDTH, HEIGHT, rate)
    for frame, count in frames:
        encoder.put(frame, count)
    encoder.close()


# A frame is the one before with a rectangle painted one colour; it shows for 1-4 frame times.
changes = st.tuples(
    st.integers(0, HEIGHT - 1),
    st.integers(0, WIDTH - 1),
    st.integers(1, HEIGHT),
    st.integers(1, WIDTH),
    st.integers(0, len(COLORS) - 1),
    st.integers(1, 4),
)


def _frames(steps: list[tuple[int, int, int, int, int, int]]) -> list[tuple[np.ndarray, int]]:
    frame = np.broadcast_to(_rgba(COLORS[0]), (HEIGHT, WIDTH, 4)).copy()
    frames = []
    for top, left, height, width, color, count in steps:
        frame[top : top + height, left : left + width] = _rgba(COLORS[color])
        frames.append((frame.copy(), count))
    return frames


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(changes, min_size=1, max_size=12))
def test_a_gif_shows_every_frame_at_its_time(steps: list[tuple[int, int, int, int, int, int]]) -> None:
    palette = _palette()
    frames = _frames(steps)
    rate = 15.0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.gif"
        _write(path, palette, frames, rate)
        shown = _shown(path)
    # At every frame time, the GIF shows that frame's colours.
    ends, at = [], 0
    for _, duration in shown:
        at += duration
        ends.append(at)
    tick = 0
    for frame, count in frames:
        for k in range(count):
            ms = (tick + k + 0.5) * 1000 / rate  # mid-frame: GIF times are rounded to 10 ms
            showing = next(i for i, end in enumerate(ends) if ms < end)
            assert np.array_equal(shown[showing][0], _expected(palette, frame))
        tick += count
    # Durations add up to the whole, to the GIF's 10 ms, and no two frames in a row look alike.
    assert abs(ends[-1] - tick * 1000 / rate) <= 5
    assert all(not np.array_equal(a[0], b[0]) for a, b in zip(shown, shown[1:], strict=False))


def test_at_60_fps_no_frame_is_shorter_than_browsers_show() -> None:
    palette = _palette()
    frames = _frames([(0, k, 1, 1, 1 + k % 5, 1) for k in range(20)])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.gif"
        _write(path, palette, frames, 60.0)
        shown = _shown(path)
    assert min(duration for _, duration in shown) >= 20
    # 20 frames at 60 fps; a last frame too short to show is held 10 ms longer
    assert abs(sum(duration for _, duration in shown) - 20 * 1000 / 60) <= 10
    assert np.array_equal(shown[-1][0], _expected(palette, frames[-1][0]))


def test_every_colour_of_the_style_keeps_its_own_palette_entry() -> None:
    colors = [STYLE.ink, STYLE.computed, STYLE.negative, STYLE.row_mark, STYLE.col_mark]
    colors += [*STYLE.role_fill.values(), *STYLE.role_stroke.values()]
    palette = Palette.of(colors, [STYLE.paper, *STYLE.role_fill.values()])
    for color in colors:
        pixel = _rgba(color).reshape(1, 1, 4)
        assert np.array_equal(_expected(palette, pixel)[0, 0], pixel[0, 0, :3]), color


def test_joined_gifs_play_one_after_the_other(tmp_path: Path) -> None:
    palette = _palette()
    frames = _frames([(0, 0, 4, 4, 1, 2), (2, 2, 4, 4, 2, 3), (5, 5, 2, 9, 3, 1)])
    _write(tmp_path / "a.gif", palette, frames[:2], 15.0)
    _write(tmp_path / "b.gif", palette, frames[2:], 15.0)
    _write(tmp_path / "whole.gif", palette, frames, 15.0)
    joined = _shown(join_gifs([tmp_path / "a.gif", tmp_path / "b.gif"], tmp_path / "ab.gif"))
    whole = _shown(tmp_path / "whole.gif")
    assert len(joined) == len(whole) == 3
    for (a, a_ms), (b, b_ms) in zip(joined, whole, strict=True):
        assert np.array_equal(a, b) and a_ms == b_ms


def test_gifs_of_another_palette_do_not_join(tmp_path: Path) -> None:
    frames = _frames([(0, 0, 4, 4, 1, 2)])
    _write(tmp_path / "a.gif", _palette(), frames, 15.0)
    other = Palette.of(["#000000"], ["#FFFFFF"])
    _write(tmp_path / "b.gif", other, frames, 15.0)
    with pytest.raises(ValueError, match="b.gif is not a GIF of the same size and palette as a.gif"):
        join_gifs([tmp_path / "a.gif", tmp_path / "b.gif"], tmp_path / "ab.gif")
