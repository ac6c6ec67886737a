"""Lecture video: chapters and subtitles read back from real files, and the cache of
rendered steps, which draws again only what changed."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("manim")

import av  # noqa: E402

import handtf  # noqa: E402
from handtf import transformer  # noqa: E402
from handtf.cache import SegmentCache  # noqa: E402
from handtf.errors import shown  # noqa: E402
from handtf.layout import staircase  # noqa: E402
from handtf.scenes import render as render_module  # noqa: E402
from handtf.scenes.style import STYLE  # noqa: E402
from handtf.scenes.video import Video  # noqa: E402
from handtf.segments import segments  # noqa: E402
from handtf.steps import select_steps  # noqa: E402
from handtf.storyboard import storyboard  # noqa: E402
from handtf.trace import Trace  # noqa: E402
from tests.terminal import HANDTF, living  # noqa: E402

pytestmark = pytest.mark.render

FPS = 5  # the tiny quality's
ASPECT = 256 / 144


def board_of(trace: Trace, detail: str = "row") -> object:
    return storyboard(trace, detail, aspect=ASPECT, layout=staircase(trace, STYLE.gap))  # type: ignore[arg-type]


def small(lang: str = "en") -> Trace:
    return select_steps(transformer(lang=lang), (0, 1, 3))


def shot_times(trace: Trace) -> list[float]:
    """Each shot's start, counted here from the storyboard's beats, whole frames each."""
    board = board_of(trace)
    starts, frames = [], 0
    for shot in board.shots:  # type: ignore[attr-defined]
        starts.append(frames / FPS)
        frames += sum(beat.frames(FPS) for beat in shot.beats)
    return starts


def read_chapters(path: Path) -> list[tuple[float, str]]:
    with av.open(str(path)) as container:
        return [(float(c["start"] * c["time_base"]), c["metadata"]["title"]) for c in container.chapters()]


def clip_starts(clips: list[Path]) -> list[float]:
    """Where each step's clip starts in the whole: the lengths of the clips before it."""
    starts, at = [], 0.0
    for clip in clips:
        starts.append(at)
        with av.open(str(clip)) as container:
            at += max(float((p.pts + p.duration) * p.time_base) for p in container.demux(video=0) if p.pts is not None)
    return starts


@pytest.mark.parametrize("fmt", ["mp4", "webm", "mov"])
def test_every_step_is_a_chapter_named_by_its_title_that_starts_where_the_step_does(tmp_path: Path, fmt: str) -> None:
    trace = small()
    paths = render_module.render(trace, tmp_path / f"v.{fmt}", fmt, "t", detail="row", split_steps=tmp_path / "v")
    chapters = read_chapters(paths[0])
    titles = [s.title for s in trace.steps] + ["Takeaways"]
    assert [title for _, title in chapters] == titles
    starts = [start for start, _ in chapters]
    assert starts == pytest.approx(shot_times(trace), abs=1e-3)  # the storyboard's times, to the millisecond
    assert starts == pytest.approx(clip_starts(paths[1:]), abs=1e-3)  # and where each step's frames start


def test_chapters_are_named_in_the_videos_language(tmp_path: Path) -> None:
    trace = small("ko")
    (out,) = render_module.render(trace, tmp_path / "v.mp4", "mp4", "t", detail="step")
    titles = [title for _, title in read_chapters(out)]
    assert titles == [s.title for s in trace.steps] + ["정리"]  # as the web player names them
    assert titles[0] == "[1] 어텐션 가중치 행렬 A"


def expected_cues(trace: Trace) -> list[tuple[float, str]]:
    """Counted here from the storyboard: each shot's title, each caption (label over
    worked arithmetic), each note, and the takeaways, each at its beat's first frame.
    """
    board = board_of(trace)
    cues, frames = [], 0
    for shot in board.shots:  # type: ignore[attr-defined]
        for k, beat in enumerate(shot.beats):
            at = frames / FPS
            if k == 0:
                cues.append((at, " ".join(p for p in (shot.title, shot.formula) if p)))
            elif beat.kind == "write" and beat.caption is not None:
                cues.append((at, f"{beat.caption.label}\n{beat.caption.arithmetic}"))
            elif beat.kind in ("point", "remark"):
                cues.append((at, beat.text))
            elif shot.kind == "takeaways" and beat.kind == "reveal":
                cues.append((at, "\n".join(trace.takeaways)))
            frames += beat.frames(FPS)
    # A cue's runs of spaces (the storyboard aligns rows of numbers with them) are one.
    return [(at, "\n".join(" ".join(line.split()) for line in text.splitlines())) for at, text in cues]


def _seconds(clock: str) -> float:
    h, m, s = clock.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def vtt_cues(text: str, ends: bool = False) -> list[tuple[float, str]]:
    """The cues of a WebVTT file: (start, text), or with ``ends`` ((start, end), text)."""
    found: list[tuple[object, str]] = []
    for block in text.strip().split("\n\n")[1:]:
        _, times, *lines = block.split("\n")
        start, end = (_seconds(t) for t in times.split(" --> "))
        found.append(((start, end) if ends else start, "\n".join(lines)))
    return found  # type: ignore[return-value]


@pytest.mark.parametrize(("fmt", "codec"), [("mp4", "mov_text"), ("webm", "webvtt")])
def test_subtitles_are_the_storyboards_cues_beside_the_video_and_in_it(tmp_path: Path, fmt: str, codec: str) -> None:
    trace = small()
    paths = render_module.render(trace, tmp_path / f"v.{fmt}", fmt, "t", detail="row", subtitles=True)
    assert [p.name for p in paths] == [f"v.{fmt}", "v.vtt", "v.srt"]
    expected = expected_cues(trace)
    vtt = vtt_cues((tmp_path / "v.vtt").read_text(encoding="utf-8"))
    assert len(vtt) == len(expected) > 15
    assert [t for _, t in vtt] == [t for _, t in expected]
    assert [s for s, _ in vtt] == pytest.approx([s for s, _ in expected], abs=1e-3)
    srt = (tmp_path / "v.srt").read_text(encoding="utf-8")
    assert srt.count(" --> ") == len(expected) and "00:00:00,000 --> " in srt
    with av.open(str(paths[0])) as container:
        stream = container.streams.subtitles[0]
        assert stream.codec_context.name == codec
        if fmt == "webm":  # off until the viewer turns it on (MP4's muxer enables its only text track)
            assert not stream.disposition & av.stream.Disposition.default
        track = [
            (
                (round(float(p.pts * p.time_base), 3), round(float((p.pts + p.duration) * p.time_base), 3)),
                s.dialogue.decode(),
            )
            for p in container.demux(stream)
            if p.pts is not None
            for s in p.decode()
        ]
    assert [t for _, t in track] == [t for _, t in expected]
    timed = vtt_cues((tmp_path / "v.vtt").read_text(encoding="utf-8"), ends=True)
    assert [times for times, _ in track] == [times for times, _ in timed]  # to the millisecond, ends too
    assert all(a[1] <= b[0] for (a, _), (b, _) in zip(track, track[1:], strict=False))  # none overlaps


def test_korean_cues_are_hangul_and_a_gif_gets_them_beside_it(tmp_path: Path) -> None:
    paths = render_module.render(small("ko"), tmp_path / "v.gif", "gif", "t", detail="step", subtitles=True)
    assert [p.name for p in paths] == ["v.gif", "v.vtt", "v.srt"]
    korean = vtt_cues((tmp_path / "v.vtt").read_text(encoding="utf-8"))
    render_module.render(small("en"), tmp_path / "en.gif", "gif", "t", detail="step", subtitles=True)
    english = vtt_cues((tmp_path / "en.vtt").read_text(encoding="utf-8"))
    assert [at for at, _ in korean] == [at for at, _ in english]
    # What is in words is in Hangul; what is numbers and names (R = ReLU(H)) stays as it is.
    worded = [ko for (_, ko), (_, en) in zip(korean, english, strict=True) if ko != en]
    assert len(worded) >= 4 and all(re.search("[가-힣]", text) for text in worded)
    assert re.search("[가-힣]", korean[0][1]) and re.search("[가-힣]", korean[-1][1])  # a title, the takeaways


def _packets(path: Path) -> list[tuple[int, bytes]]:
    with av.open(str(path)) as container:
        return [(p.pts, bytes(p)) for p in container.demux(video=0) if p.size]


def drawn_parts(monkeypatch: pytest.MonkeyPatch) -> list[range | None]:
    """The parts of the walkthrough drawn from now on."""
    drawn: list[range | None] = []
    original = Video.render

    def render(self: Video, part: range | None, *args: object, **kwargs: object) -> object:
        drawn.append(part)
        return original(self, part, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Video, "render", render)
    return drawn


def test_changing_b2_draws_step_5_and_the_takeaways_only_and_the_video_is_the_same_as_drawn_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    render_module.render(transformer(), tmp_path / "a.mp4", "mp4", "t", detail="step", cache=cache)
    assert len(cache.entries()) == 6
    drawn = drawn_parts(monkeypatch)
    changed = transformer(b2=[[0], [2], [1]])  # b2 shows first in step [5], the last step
    (cached,) = render_module.render(changed, tmp_path / "b.mp4", "mp4", "t", detail="step", cache=cache)
    assert drawn == [range(4, 6)]  # step [5] and the takeaways
    (whole,) = render_module.render(changed, tmp_path / "c.mp4", "mp4", "t", detail="step")
    assert cached.read_bytes() == whole.read_bytes()
    assert _packets(cached) == _packets(whole)
    drawn.clear()
    (again,) = render_module.render(changed, tmp_path / "d.mp4", "mp4", "t", detail="step", cache=cache)
    assert drawn == [] and again.read_bytes() == whole.read_bytes()


def test_changing_b2_at_cell_detail_draws_step_5_in_two_processes_and_the_video_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At cell detail step [5] is cut in three segments: a re-render after b2 changes
    draws them (and the takeaways) in two processes side by side, not one."""
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    render_module.render(transformer(), tmp_path / "a.mp4", "mp4", "t", cache=cache, jobs=2)
    runs: list[list[range]] = []
    draw = Video._draw
    monkeypatch.setattr(Video, "_draw", lambda self, parts, *rest: runs.append(parts) or draw(self, parts, *rest))
    changed = transformer(b2=[[0], [2], [1]])
    (cached,) = render_module.render(changed, tmp_path / "b.mp4", "mp4", "t", cache=cache, jobs=2)
    again = [s.index for s in segments(storyboard(changed)) if s.shot >= 4]  # step [5]'s and the takeaways'
    assert len(again) == 4 and len(runs) == 1 and len(runs[0]) == 2
    assert [k for part in runs[0] for k in part] == again
    (whole,) = render_module.render(changed, tmp_path / "c.mp4", "mp4", "t", jobs=1)
    assert cached.read_bytes() == whole.read_bytes()


def test_a_gif_is_joined_from_kept_steps_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    trace = small()
    (first,) = render_module.render(trace, tmp_path / "a.gif", "gif", "t", detail="step", cache=cache)
    drawn = drawn_parts(monkeypatch)
    (second,) = render_module.render(trace, tmp_path / "b.gif", "gif", "t", detail="step", cache=cache)
    assert drawn == [] and first.read_bytes() == second.read_bytes()


def test_a_damaged_step_is_found_and_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    trace = small()
    (first,) = render_module.render(trace, tmp_path / "a.mp4", "mp4", "t", detail="step", cache=cache)
    segment = sorted(cache.folder.glob("*.mp4"))[0]
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    drawn = drawn_parts(monkeypatch)
    (second,) = render_module.render(trace, tmp_path / "b.mp4", "mp4", "t", detail="step", cache=cache)
    assert len(drawn) == 1 and len(drawn[0] or ()) == 1  # that step, and only it
    assert first.read_bytes() == second.read_bytes()


def test_no_cache_draws_everything_and_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    render_module.render(small(), tmp_path / "a.mp4", "mp4", "t", detail="step", cache=cache)
    drawn = drawn_parts(monkeypatch)
    render_module.render(small(), tmp_path / "b.mp4", "mp4", "t", detail="step", cache=None)
    assert drawn == [range(0, 4)]


def test_the_cache_lets_the_least_recently_used_go_first(tmp_path: Path) -> None:
    made = tmp_path / "made"
    made.mkdir()
    cache = SegmentCache(tmp_path / "cache", 2500)
    for n, key in enumerate("abc"):
        segment = made / f"{key}.mp4"
        segment.write_bytes(bytes([n]) * 1000)
        cache.keep(key, ".mp4", segment)
        record = cache.folder / f"{key}.json"
        os.utime(record, (n, n))  # kept in this order, a second apart
        if key == "b":
            assert cache.take("a", ".mp4", tmp_path / "a-taken.mp4")  # a is used again: b is now the oldest
    assert sorted(key for _, _, key, _ in cache.entries()) == ["a", "c"]
    assert (tmp_path / "a-taken.mp4").read_bytes() == bytes([0]) * 1000
    assert not cache.take("b", ".mp4", tmp_path / "b-taken.mp4") and not (tmp_path / "b-taken.mp4").exists()
    record = json.loads((cache.folder / "c.json").read_text(encoding="utf-8"))
    assert record["size"] == 1000 and len(record["sha256"]) == 64
    assert not [p for p in cache.folder.iterdir() if p.name.startswith(".")]  # no temporary file left
    # What a render killed mid-write left an hour ago goes at the next trim; a fresh one stays.
    for name in (".writing-old", "orphan.mp4", ".writing-new"):
        (cache.folder / name).write_bytes(b"x")
    for name in (".writing-old", "orphan.mp4"):
        os.utime(cache.folder / name, (0, 0))
    cache.trim()
    assert sorted(p.name for p in cache.folder.iterdir() if not p.name.endswith((".json", "a.mp4", "c.mp4"))) == [
        ".writing-new"
    ]


def _wait_for(lines: list[str], text: str, count: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while sum(text in line for line in lines) < count:
        assert time.monotonic() < deadline, f"no {text!r} in {lines}"
        time.sleep(0.1)


def test_watch_renders_on_each_save_keeps_the_last_good_output_on_a_bad_one_and_ends_on_ctrl_c(
    tmp_path: Path,
) -> None:
    tiny = (Path(__file__).parent / "bad_specs" / "cli" / "tiny.toml").read_text(encoding="utf-8")
    spec, out = tmp_path / "my.toml", tmp_path / "my.mp4"
    spec.write_text(tiny, encoding="utf-8")
    env = {**os.environ, "HANDTF_CACHE": str(tmp_path / "cache")}
    args = ["render", "--spec", str(spec), "-o", str(out), "--detail", "step", "--jobs", "2", "--watch"]
    process = subprocess.Popen([*HANDTF, *args], stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        _wait_for(lines, "rendered in", 1)
        assert lines[0] == f"handtf: watching {spec}; Ctrl-C stops\n"
        first = out.read_bytes()
        spec.write_text(tiny.replace("[[1, -2], [0, 3]]", "[[1, -2], [0]]"), encoding="utf-8")
        _wait_for(lines, "handtf: error:", 1)
        assert out.read_bytes() == first  # the last good output stays
        assert any("row 2 has 1 numbers" in line for line in lines)
        spec.write_text(tiny.replace("[[1, -2], [0, 3]]", "[[1, -2], [0, 4]]"), encoding="utf-8")
        _wait_for(lines, "rendered in", 2)
        assert out.read_bytes() != first
        assert re.search(r"rendered in \d+\.\d+ s", "".join(lines))
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    reader.join(timeout=5)
    assert "stopped watching" in lines[-1] and "Traceback" not in "".join(lines)
    assert not living(parent=process.pid)
    assert not [p for p in tmp_path.rglob(".handtf-*")]


def test_two_renders_at_once_share_the_cache_safely(tmp_path: Path) -> None:
    """Two processes render the same spec into one cache at the same time: each gets
    the video a render without the cache makes, and the cache is left whole."""
    spec = tmp_path / "tiny.toml"
    spec.write_text((Path(__file__).parent / "bad_specs" / "cli" / "tiny.toml").read_text(encoding="utf-8"))
    env = {**os.environ, "HANDTF_CACHE": str(tmp_path / "cache")}
    base = ["render", "--spec", str(spec), "--detail", "step", "--jobs", "1"]
    both = [
        subprocess.Popen([*HANDTF, *base, "-o", str(tmp_path / f"{n}.mp4")], env=env, stdout=subprocess.DEVNULL)
        for n in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in both] == [0, 0]
    subprocess.run([*HANDTF, *base, "-o", str(tmp_path / "c.mp4"), "--no-cache"], env=env, check=True)
    whole = (tmp_path / "c.mp4").read_bytes()
    assert (tmp_path / "a.mp4").read_bytes() == whole == (tmp_path / "b.mp4").read_bytes()
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    assert len(cache.entries()) == 3  # two steps and the takeaways, each once
    assert not [p for p in cache.folder.iterdir() if p.name.startswith(".")]
    subprocess.run([*HANDTF, *base, "-o", str(tmp_path / "d.mp4")], env=env, check=True)
    assert (tmp_path / "d.mp4").read_bytes() == whole


def test_cache_info_and_clear_show_and_empty_it(tmp_path: Path) -> None:
    env = {**os.environ, "HANDTF_CACHE": str(tmp_path / "cache"), "HANDTF_CACHE_SIZE": "500M"}
    render_module.render(
        small(), tmp_path / "a.mp4", "mp4", "t", detail="step", cache=SegmentCache(tmp_path / "cache", 1 << 30)
    )
    (tmp_path / "cache" / "keep-me.txt").write_text("not handtf's")
    shown = subprocess.run([*HANDTF, "cache", "info"], env=env, capture_output=True, text=True, check=True).stdout
    assert f"folder:   {tmp_path / 'cache'}" in shown and "segments: 4, " in shown and "at most:  500.0 MB" in shown
    cleared = subprocess.run([*HANDTF, "cache", "clear"], env=env, capture_output=True, text=True, check=True).stdout
    assert cleared.startswith("freed ") and str(tmp_path / "cache") in cleared
    shown = subprocess.run([*HANDTF, "cache", "info"], env=env, capture_output=True, text=True, check=True).stdout
    assert "segments: 0, 0 B" in shown
    assert (tmp_path / "cache" / "keep-me.txt").exists()  # only what handtf keeps there goes


def test_a_cache_that_cannot_be_written_is_named_once_and_the_render_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = Path(__file__).parent / "bad_specs" / "cli" / "tiny.toml"
    (tmp_path / "not-a-folder").write_text("a file")
    env = {**os.environ, "HANDTF_CACHE": str(tmp_path / "not-a-folder")}
    args = ["render", "--spec", str(tiny), "-o", str(tmp_path / "v.mp4"), "--detail", "step"]
    done = subprocess.run([*HANDTF, *args], env=env, capture_output=True, text=True, check=True)
    where = shown(str(tmp_path / "not-a-folder"))
    assert done.stderr.splitlines() == [
        f"handtf: warning: rendered steps cannot be kept in {where} (Not a directory), so each render draws every"
        " step; set HANDTF_CACHE to a folder you can write, or pass --no-cache"
    ]
    assert done.stdout.strip() == str(tmp_path / "v.mp4") and (tmp_path / "v.mp4").stat().st_size > 0
    no_cache = subprocess.run([*HANDTF, *args, "--no-cache"], env=env, capture_output=True, text=True, check=True)
    assert no_cache.stderr == ""  # nothing to keep, nothing to say
    monkeypatch.setenv("HANDTF_CACHE", str(tmp_path / "not-a-folder"))
    with pytest.warns(UserWarning, match="rendered steps cannot be kept in"):  # from Python, a warning too
        handtf.render(tiny, tmp_path / "w.mp4", detail="step", jobs=1)


def test_a_titles_markup_stays_text_in_every_subtitle_and_chapter(tmp_path: Path) -> None:
    """Tags, entities, arrows and ASS codes in a spec's title are shown as typed (an
    arrow as →), never read as markup, in the files and in the tracks."""
    title = "[1] a --> b <b>x</b> &amp; {\\an8} \\N y"
    trace = small()
    trace = dataclasses.replace(trace, steps=(dataclasses.replace(trace.steps[0], title=title), *trace.steps[1:]))
    shown = title.replace("-->", "→")
    for fmt in ("mp4", "webm"):
        render_module.render(trace, tmp_path / f"v.{fmt}", fmt, "t", detail="step", subtitles=True)
        with av.open(str(tmp_path / f"v.{fmt}")) as container:
            first = next(
                s.dialogue.decode() for p in container.demux(container.streams.subtitles[0]) for s in p.decode()
            )
            assert read_chapters(tmp_path / f"v.{fmt}")[0][1] == title
        assert first.replace("∖", "\\").replace("｛", "{").replace("｝", "}") == shown, fmt
    vtt = (tmp_path / "v.vtt").read_text(encoding="utf-8")
    assert "[1] a → b &lt;b&gt;x&lt;/b&gt; &amp;amp; {\\an8} \\N y" in vtt
    srt = (tmp_path / "v.srt").read_text(encoding="utf-8")
    assert "[1] a → b ‹b>x‹/b> &amp; ｛∖an8} ∖N y" in srt


def test_a_webm_joined_from_kept_steps_is_the_one_drawn_whole_byte_for_byte(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    made = [
        render_module.render(small(), tmp_path / f"{n}.webm", "webm", "t", detail="step", cache=c)[0]
        for n, c in (("a", None), ("b", None), ("c", cache), ("d", cache))
    ]
    assert len({p.read_bytes() for p in made}) == 1  # no random ids: the same packets, the same file


def test_a_cache_entry_that_is_not_a_regular_file_is_drawn_again_not_read(tmp_path: Path) -> None:
    cache = SegmentCache(tmp_path / "cache", 1 << 30)
    (first,) = render_module.render(small(), tmp_path / "a.mp4", "mp4", "t", detail="step", cache=cache)
    pipe, link = sorted(cache.folder.glob("*.mp4"))[:2]
    pipe.unlink()
    os.mkfifo(pipe)  # reading it would wait forever
    link.unlink()
    link.symlink_to("/dev/zero")
    (second,) = render_module.render(small(), tmp_path / "b.mp4", "mp4", "t", detail="step", cache=cache)
    assert second.read_bytes() == first.read_bytes()
    assert all(p.is_file() and not p.is_symlink() for p in cache.folder.glob("*.mp4"))


def test_cache_clear_takes_a_linked_folder_away_and_leaves_what_it_points_to(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.mp4").write_bytes(b"x" * 100)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "segments-v1").symlink_to(elsewhere)
    env = {**os.environ, "HANDTF_CACHE": str(tmp_path / "cache")}
    cleared = subprocess.run([*HANDTF, "cache", "clear"], env=env, capture_output=True, text=True, check=True)
    assert cleared.stdout.startswith("freed 0 B")
    assert not (tmp_path / "cache" / "segments-v1").exists() and (elsewhere / "precious.mp4").exists()


def test_a_render_whose_steps_are_all_kept_never_loads_manim(tmp_path: Path) -> None:
    """Nothing to draw, nothing of manim's to load: the join alone, in a fraction of a second."""
    spec = tmp_path / "tiny.toml"
    spec.write_text((Path(__file__).parent / "bad_specs" / "cli" / "tiny.toml").read_text(encoding="utf-8"))
    env = {**os.environ, "HANDTF_CACHE": str(tmp_path / "cache")}
    args = ["render", "--spec", str(spec), "--detail", "step", "--subtitles"]
    subprocess.run([*HANDTF, *args, "-o", str(tmp_path / "a.mp4")], env=env, check=True, capture_output=True)
    check = (
        "import sys\nfrom handtf.cli import main\ntry:\n    main()\nexcept SystemExit as end:\n"
        "    assert not end.code, end.code\nassert 'manim' not in sys.modules, 'manim was loaded'\n"
    )
    run = subprocess.run(
        [HANDTF[0], "-c", check, *args, "-o", str(tmp_path / "b.mp4")], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "b.mp4").read_bytes() == (tmp_path / "a.mp4").read_bytes()
    assert (tmp_path / "b.vtt").read_text(encoding="utf-8") == (tmp_path / "a.vtt").read_text(encoding="utf-8")
