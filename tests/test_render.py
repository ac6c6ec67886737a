"""Real renders at the smallest size: files open, have the right size and length, and
appear only when the render succeeded."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("manim")

import av  # noqa: E402
import numpy as np  # noqa: E402
from manim import MovingCamera  # noqa: E402
from manim.renderer.cairo_renderer import CairoRenderer  # noqa: E402
from PIL import Image, ImageSequence  # noqa: E402

from handtf import segments as segments_module  # noqa: E402
from handtf import transformer  # noqa: E402
from handtf.detail import Detail  # noqa: E402
from handtf.exercises import EXERCISES  # noqa: E402
from handtf.scenes import camera as camera_module  # noqa: E402
from handtf.scenes import drawing as drawing_module  # noqa: E402
from handtf.scenes import fade as fade_module  # noqa: E402
from handtf.scenes import offstage as offstage_module  # noqa: E402
from handtf.scenes import pan as pan_module  # noqa: E402
from handtf.scenes import render as render_module  # noqa: E402
from handtf.scenes.parallel import partition  # noqa: E402
from handtf.scenes.video import Video  # noqa: E402
from handtf.scenes.walkthrough import Walkthrough  # noqa: E402
from handtf.segments import segments  # noqa: E402
from handtf.steps import select_steps  # noqa: E402
from handtf.storyboard import Shot, storyboard  # noqa: E402
from tests.terminal import HANDTF  # noqa: E402

pytestmark = pytest.mark.render


FPS = 5  # the tiny quality's frame rate


def storyboard_seconds(detail: str = "cell") -> float:
    """How long the seed's video lasts: its beats, each a whole number of frames."""
    return storyboard(transformer(), detail).frames(FPS) / FPS  # type: ignore[arg-type]


def test_tiny_mp4_opens_with_the_right_size_and_length(tmp_path: Path) -> None:
    (out,) = render_module.render(transformer(), tmp_path / "t.mp4", "mp4", "t")
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.width, stream.height) == (256, 144)
        seconds = float(stream.duration * stream.time_base)
        starts = [float(frame.time) for frame in container.decode(stream)]
    assert abs(seconds - storyboard_seconds()) <= 1 / FPS + 1e-6  # the last frame is not counted
    # Frames start on the 5 fps grid; a held moment is one frame that lasts.
    steps = np.diff([*starts, seconds]) * 5
    assert np.allclose(steps, np.round(steps), atol=0.01) and steps.min() == pytest.approx(1)
    assert len(starts) < seconds * 5 - 20
    assert [p.name for p in tmp_path.iterdir()] == ["t.mp4"]  # no scratch left behind


def _timeline(path: Path) -> tuple[list[float], list[np.ndarray], float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = list(container.decode(stream))
        return (
            [float(f.time) for f in frames],
            [f.to_ndarray(format="rgb24").astype(np.int16) for f in frames],
            float(stream.duration * stream.time_base),
        )


def test_a_held_frame_shows_what_a_constant_frame_rate_shows(tmp_path: Path) -> None:
    trace = select_steps(transformer(), (0, 1))
    (held,) = render_module.render(trace, tmp_path / "held.mp4", "mp4", "t", detail="row")
    (every,) = render_module.render(trace, tmp_path / "every.mp4", "mp4", "t", detail="row", constant_rate=True)
    held_starts, held_frames, held_seconds = _timeline(held)
    every_starts, every_frames, every_seconds = _timeline(every)
    assert held_seconds == pytest.approx(every_seconds)
    assert every_starts == pytest.approx([k / 5 for k in range(len(every_starts))])
    assert len(held_frames) < 0.8 * len(every_frames)
    # At every tick of the constant-rate video, the frame showing in the other is the
    # same picture, up to x264's loss.
    shown = np.searchsorted(held_starts, np.array(every_starts) + 1e-6) - 1
    differences = [float(np.abs(every_frames[k] - held_frames[j]).mean()) for k, j in enumerate(shown)]
    assert max(differences) < 1.5


def test_tiny_webm_is_vp9(tmp_path: Path) -> None:
    (out,) = render_module.render(transformer(), tmp_path / "t.webm", "webm", "t", detail="step")
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "vp9"
        assert (stream.width, stream.height) == (256, 144)
        assert sum(1 for _ in container.decode(stream)) > 50
    assert [p.name for p in tmp_path.iterdir()] == ["t.webm"]


def test_tiny_gif_opens_with_the_right_size_and_length_and_ends_on_the_finished_sheet(tmp_path: Path) -> None:
    (out,) = render_module.render(transformer(), tmp_path / "t.gif", "gif", "t", detail="row")
    with Image.open(out) as gif:
        assert gif.size == (256, 144)
        assert gif.n_frames > 20
        total_ms = 0
        for index in range(gif.n_frames):
            gif.seek(index)
            total_ms += gif.info["duration"]
        last = np.asarray(gif.convert("RGB"), dtype=np.int16)
    assert abs(total_ms / 1000 - storyboard_seconds("row")) <= 1 / FPS + 1e-6
    (still,) = render_module.render(transformer(), tmp_path / "t.png", "png", "t", detail="row")
    with Image.open(still) as png:
        sheet = np.asarray(png.convert("RGB"), dtype=np.int16)
    assert np.abs(last - sheet).mean() < 1.5  # the same picture, in the GIF's palette


def test_a_failed_render_leaves_the_earlier_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "t.mp4"
    out.write_bytes(b"earlier render")

    def fail_midway(self: Walkthrough) -> None:
        first = self.board.shots[0]
        self.play_reveal(first, first.beats[0])
        raise RuntimeError("boom")

    monkeypatch.setattr(Walkthrough, "construct", fail_midway)
    with pytest.raises(RuntimeError, match="boom"):
        render_module.render(transformer(), out, "mp4", "t")
    assert out.read_bytes() == b"earlier render"
    assert [p.name for p in tmp_path.iterdir()] == ["t.mp4"]


def test_png_is_the_final_frame_at_480p(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from handtf.cli import main; main()",
            "render",
            "transformer",
            "-f",
            "png",
            "-o",
            str(tmp_path / "final.png"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "final.png") as image:
        assert image.size == (854, 480)
        assert image.getpixel((5, 5))[:3] == (0xFB, 0xF9, 0xF3)  # the paper, not manim's black


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "Ctrl-C", "SIGHUP"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_render_leaves_no_partial_output_and_no_workers(
    tmp_path: Path, jobs: str, how: signal.Signals
) -> None:
    out = tmp_path / "t.mp4"
    out.write_bytes(b"earlier render")
    proc = subprocess.Popen(
        # --no-cache: steps kept by an earlier test would make it end before the signal
        [*HANDTF, "render", "transformer", "-o", str(out), "--no-cache"] + ["--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".handtf-") and p.is_dir() for p in tmp_path.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "the render never started"
        time.sleep(0.2)
    if jobs == "1":
        time.sleep(3)  # well into the render
    workers = _children(proc.pid)
    while jobs == "2" and len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # interrupted as soon as its workers run: with the words' shapes cached, it is short
        workers = _children(proc.pid)
    if proc.poll() is not None:
        pytest.fail(f"the render ended before it was interrupted (exit {proc.returncode}): {proc.communicate()[1]}")
    if jobs == "2":
        assert len(workers) >= 2, "the render should be running in worker processes"
    proc.send_signal(how)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "handtf: interrupted; no output was written"
    assert "Traceback" not in stderr  # workers stop quietly too
    assert out.read_bytes() == b"earlier render"
    assert [p.name for p in tmp_path.iterdir()] == ["t.mp4"]
    for pid in [proc.pid, *workers]:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # no process left behind, workers included


def _packets(path: Path) -> list[tuple[int | None, bytes]]:
    with av.open(str(path)) as container:
        return [(packet.pts, bytes(packet)) for packet in container.demux(video=0) if packet.size]


@pytest.mark.parametrize(("fmt", "detail"), [("mp4", "row"), ("gif", "row"), ("mp4", "cell"), ("gif", "cell")])
def test_a_render_in_parts_is_the_serial_render_frame_for_frame(tmp_path: Path, fmt: str, detail: Detail) -> None:
    trace = select_steps(transformer(), (0, 1, 3))
    cut = segments(storyboard(trace, detail))
    if detail == "cell":  # a part starts inside a step: the beats before it are played without frames
        assert any(cut[part.start].beats.start > 0 for part in partition([s.cost for s in cut], 3))
    (serial,) = render_module.render(trace, tmp_path / f"serial.{fmt}", fmt, "t", detail=detail, jobs=1)
    (joined,) = render_module.render(trace, tmp_path / f"parts.{fmt}", fmt, "t", detail=detail, jobs=3)
    if fmt == "mp4":
        assert _packets(joined) == _packets(serial)  # the same encoded frames at the same times
        assert len(_frames(joined)) == len(_frames(serial)) > 0
    else:
        # every step's GIF starts with a whole frame: the parts' frames join as they are
        assert joined.read_bytes() == serial.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([serial.name, joined.name])


def test_a_part_that_starts_inside_a_step_on_a_fade_is_the_serial_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each step cut before its remark fades in, and a part started there: the fade is
    drawn from pictures as in a serial render, though the plays before it were skipped.
    """

    def before_remark(shot: Shot) -> list[range]:
        n = len(shot.beats)
        at = next((b for b, beat in enumerate(shot.beats) if beat.kind == "remark"), 0)
        return [range(0, at), range(at, n)] if at else [range(n)]

    monkeypatch.setattr(segments_module, "_cuts", before_remark)
    trace = select_steps(transformer(), (0, 1, 3))
    board = storyboard(trace, "row")
    cut = segments(board)
    start = next(s.index for s in cut if s.beats.start > 0)
    assert board.shots[cut[start].shot].beats[cut[start].beats.start].kind == "remark"
    laid_over: list[int] = []  # frames of fades drawn from pictures, in this process
    fade_draw = fade_module.Fade.draw
    monkeypatch.setattr(fade_module.Fade, "draw", lambda self, pixels: laid_over.append(1) or fade_draw(self, pixels))
    (serial,) = render_module.render(trace, tmp_path / "serial.mp4", "mp4", "t", detail="row", jobs=1)
    serial_fades = len(laid_over)
    monkeypatch.setattr(Video, "_runs", lambda self, missing, jobs: [range(0, start), range(start, len(cut))])
    (joined,) = render_module.render(trace, tmp_path / "parts.mp4", "mp4", "t", detail="row", jobs=1)
    assert _packets(joined) == _packets(serial)
    assert len(laid_over) - serial_fades == serial_fades > 0  # every fade drawn the same way, the remark's too


def test_drawing_only_what_follows_the_kept_still_picture_changes_no_pixel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = select_steps(transformer(), (0, 1, 3, 4))
    # camera moves and fades drawn frame by frame in both, as manim draws them (see the tests below)
    monkeypatch.setattr(render_module.StreamingRenderer, "panning", lambda *args: nullcontext())
    monkeypatch.setattr(render_module.StreamingRenderer, "fading", lambda *args: nullcontext())
    (kept,) = render_module.render(trace, tmp_path / "kept.mp4", "mp4", "t")
    # manim's own renderer draws every play's still mobjects from scratch
    monkeypatch.setattr(drawing_module, "StreamingRenderer", CairoRenderer)
    (scratch,) = render_module.render(trace, tmp_path / "scratch.mp4", "mp4", "t")
    assert _packets(kept) == _packets(scratch)
    assert len(_packets(kept)) > 100


def test_leaving_out_what_lies_outside_the_frame_changes_no_pixel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = select_steps(transformer(), (0, 1, 3, 4))  # views that leave much of the page out
    (framed,) = render_module.render(trace, tmp_path / "framed.mp4", "mp4", "t", detail="row")
    # manim's camera builds every path on the page, in view or not
    monkeypatch.setattr(drawing_module, "FramedCamera", MovingCamera)
    monkeypatch.setattr(camera_module, "FramedCamera", MovingCamera)  # the pictures moves and fades take
    (whole,) = render_module.render(trace, tmp_path / "whole.mp4", "mp4", "t", detail="row")
    assert _packets(framed) == _packets(whole)
    assert len(_packets(framed)) > 50


def test_taking_far_matrices_off_the_page_changes_no_pixel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the block's first ten steps: a page long enough that moves leave much of it far away
    trace = select_steps(EXERCISES["transformer-block"].build(), tuple(range(10)))
    taken: list[int] = []  # how many matrices were off the page after each move
    original = offstage_module.Offstage.update

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        back = original(self, *args, **kwargs)
        taken.append(len(self.away))
        return back

    monkeypatch.setattr(offstage_module.Offstage, "update", counting)
    (aside,) = render_module.render(trace, tmp_path / "aside.mp4", "mp4", "t", detail="step")
    assert max(taken) > 0 and min(taken) < max(taken)  # some went off the page, and came back
    monkeypatch.setattr(Walkthrough, "sets_aside", False)
    (kept,) = render_module.render(trace, tmp_path / "kept.mp4", "mp4", "t", detail="step")
    assert _packets(aside) == _packets(kept)
    assert len(_packets(aside)) > 50


def _differences(a: Path, b: Path) -> list[float]:
    """How far each frame of one video is from the other's, on average over the frame
    (levels in 255); the two have the same frames at the same times.
    """
    (times, frames, _), (other_times, others, _) = _timeline(a), _timeline(b)
    assert times == other_times
    return [float(np.abs(x - y).mean()) for x, y in zip(frames, others, strict=True)]


def test_a_fade_laid_over_the_page_from_pictures_looks_like_one_drawn_frame_by_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = select_steps(transformer(), (0, 1, 4))  # steps shown, marks and remarks fading in and out
    laid_over = []
    fade_draw = fade_module.Fade.draw
    monkeypatch.setattr(fade_module.Fade, "draw", lambda self, pixels: laid_over.append(1) or fade_draw(self, pixels))
    (laid,) = render_module.render(trace, tmp_path / "laid.mp4", "mp4", "t", detail="row")
    monkeypatch.setattr(render_module.StreamingRenderer, "fading", lambda *args: nullcontext())
    (drawn,) = render_module.render(trace, tmp_path / "drawn.mp4", "mp4", "t", detail="row")
    differences = _differences(laid, drawn)
    assert max(differences) < 1  # the same fade, to within a level in 255 over a frame
    assert len(laid_over) >= 20 and sum(d > 0 for d in differences) >= 5  # it was drawn the other way


def test_a_camera_move_drawn_from_pictures_of_the_page_looks_like_one_drawn_frame_by_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = select_steps(transformer(), (0, 1, 4))  # two moves: to step [2], then out to the takeaways
    (scaled,) = render_module.render(trace, tmp_path / "scaled.mp4", "mp4", "t", detail="step")
    monkeypatch.setattr(render_module.StreamingRenderer, "panning", lambda *args: nullcontext())
    (drawn,) = render_module.render(trace, tmp_path / "drawn.mp4", "mp4", "t", detail="step")
    differences = _differences(scaled, drawn)
    assert max(differences) < 3  # resampled, not redrawn: a little softer, nothing moved
    assert sum(d > 0.5 for d in differences) >= 4  # the moves were drawn the other way


def test_a_camera_move_keeps_one_picture_of_the_page_and_lets_go_of_it_as_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without waiting for the garbage collector: a run of moves holds one picture."""
    pictures: list[weakref.ref[np.ndarray]] = []
    alive: list[int] = []  # pictures still held as each new one is drawn, and as each move ends
    draw = pan_module.Pan._picture
    panning = render_module.StreamingRenderer.panning

    def watched_picture(self: Any, *args: Any) -> Any:
        alive.append(sum(ref() is not None for ref in pictures))
        picture = draw(self, *args)
        pictures.append(weakref.ref(picture.pixels))
        return picture

    @contextmanager
    def watched_panning(self: Any, *args: Any) -> Iterator[None]:
        with panning(self, *args):
            yield
        alive.append(sum(ref() is not None for ref in pictures))

    monkeypatch.setattr(pan_module.Pan, "_picture", watched_picture)
    monkeypatch.setattr(render_module.StreamingRenderer, "panning", watched_panning)
    gc.disable()
    try:
        render_module.render(select_steps(transformer(), (0, 1, 4)), tmp_path / "a.mp4", "mp4", "t", detail="step")
    finally:
        gc.enable()
    assert len(pictures) >= 2
    assert alive and set(alive) == {0}  # the one before gone as one is drawn; none once a move ends


def test_clips_per_step_come_out_of_a_render_in_parts_too(tmp_path: Path) -> None:
    trace = select_steps(transformer(), (0, 1, 3))
    paths = render_module.render(
        trace, tmp_path / "v.mp4", "mp4", "t", detail="row", split_steps=tmp_path / "v", jobs=2
    )
    stems = ["01-attention-weights", "02-attention-weighting", "03-relu", "04-takeaways"]
    assert [p.name for p in paths] == ["v.mp4"] + [f"{s}.mp4" for s in stems]
    assert [f for p in paths[1:] for f in _frames(p)] == _frames(tmp_path / "v.mp4")


def test_the_png_is_exactly_where_the_walkthrough_ends(tmp_path: Path) -> None:

    (fast,) = render_module.render(transformer(), tmp_path / "laid-out.png", "png", "t")
    (slow,) = render_module.render(transformer(), tmp_path / "played.png", "png", "t", animate_still=True)
    with Image.open(fast) as a, Image.open(slow) as b:
        assert a.size == (256, 144)
        assert np.array_equal(np.asarray(a.convert("RGB")), np.asarray(b.convert("RGB")))


def _frames(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24").tobytes() for frame in container.decode(video=0)]


def _gif_frames(path: Path) -> list[bytes]:
    with Image.open(path) as gif:
        return [
            frame.convert("RGB").tobytes() + bytes(str(frame.info["duration"]), "ascii")
            for frame in ImageSequence.Iterator(gif)
        ]


@pytest.mark.parametrize(("fmt", "detail"), [("mp4", "row"), ("gif", "row"), ("mp4", "cell")])
def test_split_steps_writes_ordered_clips_that_add_up_to_the_whole(tmp_path: Path, fmt: str, detail: Detail) -> None:
    """A step's clip is the step whole, however many segments it was encoded in (at
    cell detail, steps [2] and [3] are cut in three and four)."""
    trace = select_steps(transformer(), (0, 1, 3))
    paths = render_module.render(trace, tmp_path / f"v.{fmt}", fmt, "t", detail=detail, split_steps=tmp_path / "v")
    names = [p.name for p in paths]
    assert names == [f"v.{fmt}"] + [
        f"{s}.{fmt}" for s in ("01-attention-weights", "02-attention-weighting", "03-relu", "04-takeaways")
    ]
    frames = _frames if fmt == "mp4" else _gif_frames  # a GIF's with their durations
    whole = frames(tmp_path / f"v.{fmt}")
    clips = [frames(p) for p in paths[1:]]
    assert sum(len(c) for c in clips) == len(whole)
    # The clips are the whole video cut at the steps: the same frames, in order.
    assert [frame for clip in clips for frame in clip] == whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v", f"v.{fmt}"]


def test_transparent_webm_has_an_alpha_channel_with_see_through_paper(tmp_path: Path) -> None:
    trace = select_steps(transformer(), (0,))
    (out,) = render_module.render(trace, tmp_path / "a.webm", "webm", "t", transparent=True)
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        decoder = av.CodecContext.create("libvpx-vp9", "r")  # ffmpeg's own vp9 decoder drops alpha
        frames = [f for packet in container.demux(stream) for f in decoder.decode(packet)]
    assert frames[-1].format.name == "yuva420p"
    alpha = frames[-1].to_ndarray(format="rgba")[..., 3]
    assert (alpha == 0).mean() > 0.3  # the page is see-through
    assert (alpha == 255).mean() > 0.05  # the matrices are not


def test_transparent_mov_is_quicktime_animation_with_alpha(tmp_path: Path) -> None:
    trace = select_steps(transformer(), (0,))
    (out,) = render_module.render(trace, tmp_path / "a.mov", "mov", "t", transparent=True)
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "qtrle"
        frame = next(container.decode(stream))
    assert (frame.to_ndarray(format="rgba")[..., 3] == 0).mean() > 0.3


def test_two_renders_side_by_side_in_one_folder_keep_to_their_own_files(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from handtf import transformer; from handtf.steps import select_steps;"
        " from handtf.scenes.render import render;"
        " render(select_steps(transformer(), (int(sys.argv[1]),)), Path(sys.argv[2]), 'mp4', 't', detail='row')"
    )
    outs = {1: tmp_path / "a.mp4", 3: tmp_path / "b.mp4"}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(step), str(out)]) for step, out in outs.items()]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    for step, out in outs.items():
        (alone,) = render_module.render(
            select_steps(transformer(), (step,)), tmp_path / f"alone-{step}.mp4", "mp4", "t", detail="row"
        )
        assert _packets(out) == _packets(alone)  # each is exactly its own render, nothing mixed in
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mp4", "alone-1.mp4", "alone-3.mp4", "b.mp4"]


def test_an_encoder_failing_as_it_flushes_reports_it_and_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from manim import tempconfig

    from handtf.scenes.encode import _Encoder

    def fail() -> None:
        raise OSError("disk full")

    outcome: list[BaseException] = []
    with tempconfig({"frame_rate": 5, "pixel_width": 64, "pixel_height": 64}):
        encoder = _Encoder(tmp_path / "e.mp4", "libx264", "yuv420p", {"preset": "ultrafast"}, False)
        monkeypatch.setattr(encoder, "_mux_last", fail)
        encoder.put(np.zeros((64, 64, 4), np.uint8), 3)

        def close() -> None:
            try:
                encoder.close()
            except RuntimeError as exc:
                outcome.append(exc)

        closing = threading.Thread(target=close, daemon=True)
        closing.start()
        closing.join(timeout=20)
    assert not closing.is_alive()
    assert [str(e) for e in outcome] == ["encoding e.mp4 failed: disk full"]


def test_converting_only_the_box_that_changed_encodes_the_very_frames_a_whole_conversion_does(
    tmp_path: Path,
) -> None:
    from manim import tempconfig

    from handtf.scenes.encode import _Encoder

    class Whole(_Encoder):
        def _convert(self, frame: np.ndarray) -> av.VideoFrame:
            return av.VideoFrame.from_numpy_buffer(frame, format="rgba").reformat(format="yuv420p")

    rng = np.random.default_rng(7)
    frame = rng.integers(0, 256, (144, 256, 4), dtype=np.uint8)
    frames = [frame.copy()]
    for k in range(40):
        if k == 20:
            frame[...] = rng.integers(0, 256, frame.shape, dtype=np.uint8)  # a camera move: all of it
        elif k % 7 != 3:  # and now and then nothing changes
            top, left = rng.integers(0, 140), rng.integers(0, 250)  # odd corners too
            frame[top : top + rng.integers(1, 40), left : left + rng.integers(1, 90)] = rng.integers(0, 256, 4)
        frames.append(frame.copy())
    options = {"preset": "ultrafast", "crf": "23"}
    with tempconfig({"frame_rate": 5, "pixel_width": 256, "pixel_height": 144}):
        for kind, path in ((_Encoder, tmp_path / "box.mp4"), (Whole, tmp_path / "whole.mp4")):
            encoder = kind(path, "libx264", "yuv420p", options, False)
            for picture in frames:
                encoder.put(picture, 1)
            encoder.close()
    assert _packets(tmp_path / "box.mp4") == _packets(tmp_path / "whole.mp4")
    assert len(_packets(tmp_path / "box.mp4")) == len(frames)


def test_each_quality_letter_is_manims_preset_on_manims_frame() -> None:
    """A video is planned from scenes/settings.py without manim; manim draws it at the
    same size, rate and frame."""
    from manim import config, tempconfig

    from handtf.scenes.formats import QUALITY_LETTERS
    from handtf.scenes.settings import FRAME, QUALITIES

    presets = {"l": "low_quality", "m": "medium_quality", "h": "high_quality", "k": "fourk_quality"}
    assert set(presets) == set(QUALITY_LETTERS)
    for letter, preset in presets.items():
        with tempconfig({"quality": preset}):
            manims = {"pixel_width": config.pixel_width, "pixel_height": config.pixel_height}
            assert dict(QUALITIES[letter]) == {**manims, "frame_rate": config.frame_rate}
            assert dict(FRAME) == {"frame_height": config.frame_height, "frame_width": config.frame_width}
        assert QUALITY_LETTERS[letter] == f"{QUALITIES[letter]['pixel_height']}p{QUALITIES[letter]['frame_rate']}"
