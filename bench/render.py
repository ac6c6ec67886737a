"""Render speed, memory and size: the walkthrough against plain Manim, handtf's GIF
against Manim's own, and what a still costs.

    python bench/render.py            # everything (several minutes)
    python bench/render.py --quick    # 480p15 video and the stills only
    python bench/render.py --long     # the transformer block and the full stack, at step
                                      # detail and at the default (cell)
    python bench/render.py --catalogue  # every exercise's 480p GIF, and its time per cell op
    python bench/render.py --cache    # a re-render after one number changes, and after none

Each case runs in a fresh process, so its peak memory is its own; all cases run in one
go, so their ratios compare fairly on a shared, noisy machine. Prints one row per case:
seconds of render per second of video, wall seconds, video seconds, peak memory (MB)
and file size; then the stills, with their wall time against one second of video.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

from handtf.detail import Detail

ROOT = Path(__file__).resolve().parent.parent


def _video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration or 0) / 1e6


def _swap(owner: object, name: str, value: object) -> None:
    """Put ``value`` in place of ``owner.name`` for the rest of this bench process (a
    case that times handtf with a part of it swapped out).
    """
    setattr(owner, name, value)


def _peak_mb() -> int:
    """The peak memory of the largest process: this one, or a worker it waited for."""
    usage = (resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return round(max(usage) / 1024)


def _one(case: str, quality: str, out_dir: str) -> dict[str, object]:
    """Run one case in this process and report it."""
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    converting = _time_conversion() if case.startswith("mp4:") and "j2" not in case.split(":") else None
    if case in STILLS:
        return _still(case, out_dir, start)
    if case == "manim-gif":
        from manim import tempconfig

        from handtf import transformer
        from handtf.scenes.walkthrough import Walkthrough

        # manim's own GIF writer, on the same scene at the same size and frame rate.
        settings = {"quality": "low_quality", "format": "gif", "media_dir": out_dir, "disable_caching": True}
        with tempconfig({"verbosity": "WARNING", "progress_bar": "none", **settings}):
            scene = Walkthrough(transformer())
            scene.render()
            path = Path(scene.renderer.file_writer.gif_file_path)
    elif case == "reference":
        from manim import tempconfig

        from bench.reference import PlainAttentionWeighting

        quality_name = {"l": "low_quality", "h": "high_quality"}[quality]
        with tempconfig(
            {"quality": quality_name, "media_dir": out_dir, "progress_bar": "none", "verbosity": "WARNING"}
        ):
            reference = PlainAttentionWeighting()
            reference.render()
            path = Path(reference.renderer.file_writer.movie_file_path)
    else:
        from handtf import transformer
        from handtf.exercises import EXERCISES
        from handtf.scenes.render import render

        # "mp4:cell", "mp4:cell:j2" (two worker processes), "mp4:cell:archival",
        # "mp4:cell:cfr" (every frame of a hold written), "mp4:cell:manim-writer"
        # (manim's own writer: a file per play, joined), "mp4:cell:draw-only" (frames
        # drawn and dropped), "mp4:cell:12x12" (one 12x12 by 12x12 product instead of
        # the walkthrough), "gif:step:transformer-block" (an exercise by name),
        # "mp4:step:transformer-block:j2" (an exercise in two worker processes),
        # "mp4:step:transformer-block:draw-only" (options after an exercise's name)

        fmt, detail, *extra = case.split(":")
        name = next((e for e in extra if e in EXERCISES), None)
        option = next((e for e in extra if e != name), "")
        if name is not None:
            trace = EXERCISES[name].build()
        else:
            trace = _product(option) if "x" in option else transformer()
        jobs = next((int(e[1:]) for e in extra if e[:1] == "j" and e[1:].isdigit()), 1)
        out = Path(out_dir) / f"walkthrough.{fmt}"
        if option == "manim-writer":
            import handtf.scenes.drawing as drawing_module
            import handtf.scenes.render as render_module

            _swap(drawing_module, "streaming_writer", lambda options, *a, **k: render_module._tuned_writer(options))
        if option == "draw-only":  # the same render with every frame drawn and dropped
            import handtf.scenes.drawing as drawing_module
            import handtf.scenes.video as video_module
            from handtf.scenes.encode import StreamingWriter

            class Drop(StreamingWriter):
                def begin_animation(self, allow_write: bool = False, file_path: Any = None) -> None:
                    pass  # no encoder: write_frame drops the frame

                def finish(self) -> None:
                    pass

            def draw_only(self: Any, scratch: Path, jobs: int, *rest: Any) -> Any:
                from handtf.segments import segments

                cut = segments(self.board(scratch)[0])
                self._draw(self._runs(cut, jobs), jobs, scratch, lambda ops: None)
                return video_module.Made(scratch / "none", [], [], len(cut))

            _swap(drawing_module, "streaming_writer", lambda *a, **k: Drop)
            _swap(video_module.Video, "make", draw_only)
            _swap(video_module, "publish", lambda made: list(made))  # nothing was written
        (path,) = render(
            trace,
            out,
            fmt,
            quality,
            cast(Detail, detail),
            jobs=jobs,
            archival=option == "archival",
            constant_rate=option == "cfr",
        )
    wall = time.perf_counter() - start
    video = _video_seconds(path) if path.exists() else 0.0
    converted = {"convert_cpu_s": round(converting[0], 1)} if converting else {}
    return {
        **converted,
        "case": case,
        "quality": quality,
        "wall_s": round(wall, 1),
        "cpu_s": round(_cpu_seconds(), 1),
        "video_s": round(video, 1) if video else "-",
        "render_per_video_s": round(wall / video, 2) if video else "-",
        "peak_mb": _peak_mb(),
        "file_mb": round(path.stat().st_size / 1e6, 2) if path.exists() else "-",
    }


def _cpu_split(ours: dict[str, object], drawn: dict[str, object]) -> None:
    """Where a one-process 1080p60 render's CPU went: drawing (the same render with its
    frames dropped), converting to YUV (timed on its thread), and x264 (the rest).
    """
    encoding = float(str(ours["cpu_s"])) - float(str(drawn["cpu_s"]))
    floor = encoding / float(str(ours["video_s"]))
    print(
        f"CPU of {ours['case']} at h: {ours['cpu_s']} s to render, {drawn['cpu_s']} s of it to draw (frames dropped), "
        f"so {encoding:.1f} s to convert and encode: {floor:.2f} s per video s, "
        f"{floor / 2:.2f} on two cores even if drawing were free"
    )
    if "convert_cpu_s" in ours:
        x264 = encoding - float(str(ours["convert_cpu_s"]))
        alone = x264 / float(str(ours["video_s"])) / 2
        print(
            f"  of which converting to YUV {ours['convert_cpu_s']} s, x264 {x264:.1f} s: "
            f"x264 alone is {alone:.2f} s per video s on two cores"
        )


def _time_conversion() -> list[float]:
    """Time the encoder's conversion of frames to YUV, on the drawing thread: the CPU
    seconds so far, in a list the returned render updates.
    """
    from handtf.scenes.encode import _Encoder

    spent = [0.0]
    convert = _Encoder._convert

    def timed(self: Any, frame: Any) -> Any:
        begin = time.thread_time()
        try:
            return convert(self, frame)
        finally:
            spent[0] += time.thread_time() - begin

    _Encoder._convert = timed  # type: ignore[method-assign]
    return spent


def _x264_still(frames: int = 240) -> None:
    """What x264 costs for a 1080p frame in which nothing changed: the seed's last frame
    drawn at 1080p, encoded ``frames`` times over with handtf's settings and threading,
    in CPU milliseconds a frame (every thread of this process).
    """
    import av
    import numpy as np
    from PIL import Image

    from handtf import render, transformer
    from handtf.scenes.encode import ENCODER_THREADING
    from handtf.scenes.settings import ENCODER

    with tempfile.TemporaryDirectory() as folder:
        (png,) = render(transformer(), f"{folder}/last.png", quality="h")
        page = np.asarray(Image.open(png).convert("RGB"))
        frame = av.VideoFrame.from_ndarray(page, format="rgb24").reformat(format="yuv420p")
        with av.open(f"{folder}/still.mp4", "w") as out:
            stream = out.add_stream("libx264", rate=60, options=ENCODER)
            stream.width, stream.height, stream.pix_fmt = page.shape[1], page.shape[0], "yuv420p"
            stream.codec_context.thread_type = ENCODER_THREADING
            start = _cpu_seconds()
            for n in range(frames):
                frame.pts = n
                out.mux(stream.encode(frame))
            out.mux(stream.encode(None))
            spent = _cpu_seconds() - start
    print(f"x264 on a 1080p frame that did not change: {1000 * spent / frames:.1f} ms of CPU a frame ({frames} frames)")


def _cpu_seconds() -> float:
    """CPU time of this process (all its threads, x264's too) and the workers it waited for."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _targets(by: dict[Any, dict[str, object]]) -> None:
    """The speed and memory targets, each with its figure from this run."""

    def figure(case: str, quality: str, key: str) -> float:
        if key == "render_per_video_s":  # from the wall and video seconds, not the rounded column
            return figure(case, quality, "wall_s") / figure(case, quality, "video_s")
        return float(str(by[(case, quality)][key]))

    rows: list[tuple[str, str, str, bool]] = []
    if ("mp4:cell", "h") in by:
        best = min(figure(c, "h", "render_per_video_s") for c in ("mp4:cell", "mp4:cell:j2") if (c, "h") in by)
        rows.append(("1080p60 MP4, render s per video s", f"{best:.2f}", "<= 0.25", best <= 0.25))
        if ("reference", "h") in by:
            speedup = figure("reference", "h", "render_per_video_s") / best
            rows.append(("against plain manim at 1080p60", f"{speedup:.2f}x", ">= 4x", speedup >= 4))
        peak = figure("mp4:cell", "h", "peak_mb")
        rows.append(("peak memory at 1080p60, MB", f"{peak:.0f}", "<= 500", peak <= 500))
    gifs = [figure(c, "l", "wall_s") for c in ("gif:cell", "gif:cell:j2") if (c, "l") in by]
    if gifs:
        rows.append(("480p15 GIF, wall s", f"{min(gifs)}", "<= 10", min(gifs) <= 10))
    for name in LONG:
        for detail in ("cell", "step"):  # the default video, and the one of about three minutes
            gifs = [
                figure(c, "l", "wall_s") for c in (f"gif:{detail}:{name}", f"gif:{detail}:{name}:j2") if (c, "l") in by
            ]
            if gifs:
                rows.append((f"{name} {detail}, 480p15 GIF wall s", f"{min(gifs)}", "-", True))
            ran = [c for c in (f"mp4:{detail}:{name}", f"mp4:{detail}:{name}:j2") if (c, "h") in by]
            if ran and ("reference", "h") in by:
                ours = min(figure(c, "h", "render_per_video_s") for c in ran)
                speedup = figure("reference", "h", "render_per_video_s") / ours
                rows.append((f"{name} {detail}, 1080p60 vs manim", f"{speedup:.2f}x", ">= 4x", speedup >= 4))
                peak = max(figure(c, "h", "peak_mb") for c in ran)
                rows.append((f"{name} {detail}, peak memory MB", f"{peak:.0f}", "<= 500", peak <= 500))
    print(f"\n{'target':<46} {'this run':>9} {'aim':>8}")
    for name, value, aim, met in rows:
        print(f"{name:<46} {value:>9} {aim:>8}  {'met' if met else 'NOT met'}")


STILLS = ("figures", "worksheet", "png")
# Long exercises, benched at --detail step (a video of about three minutes, nearly all
# camera moves and fades) and, with --long, at the default detail (cell: a video of
# 17 and 34 minutes, most of it captions held to be read).
LONG = ("transformer-block", "transformer-full-stack")
SIZES = ("3x5", "6x8", "12x12")


def _product(size: str) -> Any:
    """One matmul of ``size`` (rows x columns) by a square matrix: cost against op count."""
    import numpy as np

    from handtf.chain import Chain

    rows, cols = (int(n) for n in size.split("x"))
    rng = np.random.default_rng(0)
    chain = Chain(f"{size} product")
    x = chain.given("X", "input", rng.integers(-1, 3, (rows, cols)))
    a = chain.given("A", "attention", rng.integers(-1, 3, (cols, cols)))
    chain.matmul("product", "[1] Product", x, a, "Z")
    return chain.trace()


def _still(case: str, out_dir: str, start: float) -> dict[str, object]:
    from handtf import transformer
    from handtf.scenes.render import render, render_figures, render_worksheet

    out = Path(out_dir)
    if case == "figures":
        paths = render_figures(transformer(), out / "figures")  # 1920 wide, as `handtf figures` makes them
    elif case == "worksheet":
        paths = render_worksheet(transformer(), out / "ws.pdf", out / "ws.png")
    else:
        paths = render(transformer(), out / "final.png", "png", "l")
    return {
        "case": case,
        "wall_s": round(time.perf_counter() - start, 2),
        "files": len(paths),
        "file_mb": round(sum(p.stat().st_size for p in paths) / 1e6, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _run(case: str, quality: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as out_dir:
        done = subprocess.run(
            [sys.executable, __file__, "--one", case, quality, out_dir],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
    row: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


def _catalogue() -> None:
    """Every exercise's 480p15 GIF at cell detail, one process each: its wall time per
    cell op, and a straight line fitted through (ops, wall) to show the cost is linear.
    """
    import numpy as np

    from handtf.exercises import EXERCISES

    print(f"{'exercise':<24} {'ops':>5} {'video s':>8} {'wall s':>7} {'s / op':>7} {'peak MB':>8}   (480p15 GIF, cell)")
    ops, walls = [], []
    for name, exercise in EXERCISES.items():
        count = sum(len(step.ops) for step in exercise.build().steps)
        row = _run(f"gif:cell:{name}", "l")
        wall = float(row["wall_s"])  # type: ignore[arg-type]
        ops.append(count)
        walls.append(wall)
        print(
            f"{name:<24} {count:>5} {row['video_s']:>8} {wall:>7} {wall / count:>7.3f} {row['peak_mb']:>8}", flush=True
        )
    slope, fixed = np.polyfit(ops, walls, 1)
    fitted = np.polyval((slope, fixed), ops)
    r2 = 1 - float(np.sum((np.array(walls) - fitted) ** 2) / np.sum((np.array(walls) - np.mean(walls)) ** 2))
    print(f"wall ≈ {fixed:.1f} s + {slope:.3f} s per cell op (least squares over {len(ops)} exercises, R² = {r2:.3f})")


def _as_installed(cache: str) -> dict[str, str]:
    """The environment of a ``handtf`` command run as an installed copy runs: with its
    own cache, and Python's compiled modules kept (pip compiles them as it installs; a
    checkout run with PYTHONDONTWRITEBYTECODE set would compile handtf's on every start).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "HANDTF_CACHE": cache}


def _cli_wall(args: list[str], cache: str, cpu: dict[str, float] | None = None) -> float:
    """Wall seconds of one ``handtf`` command, as a user runs it, with its own cache;
    with ``cpu``, its CPU seconds (its own and its workers', user and system) go in it
    under the command's arguments.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from handtf.cli import main; main()", *args],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=_as_installed(cache),
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu[" ".join(args)] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall


def _start_up(cache: str) -> float:
    """Wall seconds a render command spends on one core before it can draw, at best:
    starting Python, importing handtf's command line and Manim, and exiting as the
    command line does (what is left frozen, so the last garbage collection skips it).
    """
    code = "from handtf.cli import main; import handtf.scenes.drawing; import gc; gc.freeze()"
    walls = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=_as_installed(cache))
        walls.append(time.perf_counter() - start)
    return min(walls)


def _watched(seed: Path, changed: Path, folder: str) -> dict[str, float]:
    """The same under ``--watch``, which starts Python and manim once: the seconds it
    prints for its first render (no segments kept, the words shaped), and for the one
    after b2 changed.
    """
    import re
    import shutil

    spec = Path(folder) / "watched.toml"
    shutil.copyfile(seed, spec)
    args = ["render", "--spec", str(spec), "-o", f"{folder}/w.mp4", "-q", "l", "--watch"]
    # Its own cache with the shaped words of the renders before, and no segments.
    shutil.copytree(f"{folder}/cache", f"{folder}/watch-cache", ignore=shutil.ignore_patterns("segments-*"))
    env = _as_installed(f"{folder}/watch-cache")
    process = subprocess.Popen(
        [sys.executable, "-c", "from handtf.cli import main; main()", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert process.stderr is not None
    times = []
    for line in process.stderr:
        found = re.search(r"rendered in (\d+\.\d+) s", line)
        if found:
            times.append(float(found[1]))
            if len(times) == 1:
                shutil.copyfile(changed, spec)
            else:
                break
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    return {"--watch: first render (no segments kept)": times[0], "--watch: b2 changed": times[1]}


def _cache_bench() -> None:
    """A re-render after one number changes, against a cold one: the seed at 480p15
    MP4 (two processes, the default on two cores), in one run. Cold has no segments
    kept but shaped words and compiled modules (as after any earlier render); b2 shows
    first in step [5].
    """
    from handtf import transformer
    from handtf.spec import export_spec

    print(f"{'seed, 480p15 MP4, handtf render --spec':<48} {'wall s':>7}")
    with tempfile.TemporaryDirectory() as folder:
        cache, seed, changed = f"{folder}/cache", Path(folder) / "seed.toml", Path(folder) / "changed.toml"
        seed.write_text(export_spec(transformer()), encoding="utf-8")
        changed.write_text(export_spec(transformer(b2=[[0], [2], [1]])), encoding="utf-8")
        out = ["-o", f"{folder}/v.mp4", "-q", "l"]
        cpu: dict[str, float] = {}
        rows = {
            "no cache (words shaped first)": _cli_wall(["render", "--spec", str(seed), *out, "--no-cache"], cache),
            "cold: no segments kept": _cli_wall(["render", "--spec", str(seed), *out], cache, cpu),
            "b2 changed": _cli_wall(["render", "--spec", str(changed), *out], cache, cpu),
            "nothing changed": _cli_wall(["render", "--spec", str(changed), *out], cache),
        }
        serial = _start_up(cache)
        rows.update(_watched(seed, changed, folder))
        for name, wall in rows.items():
            print(f"{name:<48} {wall:>7.2f}")
    share = rows["b2 changed"] / rows["cold: no segments kept"]
    print(f"\n{'target':<36} {'this run':>9} {'aim':>8}")
    met = "met" if share <= 0.35 else "NOT met"
    print(f"{'b2 changed, of the cold wall time':<36} {share:>9.0%} {'<= 35%':>8}  {met}")
    watched = rows["--watch: b2 changed"] / rows["--watch: first render (no segments kept)"]
    print(f"{'the same under --watch':<36} {watched:>9.0%} {'<= 35%':>8}  {'met' if watched <= 0.35 else 'NOT met'}")
    same = rows["nothing changed"]
    print(f"{'nothing changed, wall s':<36} {same:>9.2f} {'<= 1.5':>8}  {'met' if same <= 1.5 else 'NOT met'}")
    _floor(rows, list(cpu.values()), serial)


def _floor(rows: dict[str, float], cpu: list[float], serial: float) -> None:
    """How fast the b2 re-render could be as a command of its own, at best: its start-up
    on one core, and the rest of its CPU time shared perfectly by every core.
    """
    cores = os.cpu_count() or 1
    cold_cpu, changed_cpu = cpu
    best = serial + max(0.0, changed_cpu - serial) / cores
    cold = rows["cold: no segments kept"]
    print(f"\nCPU s: cold {cold_cpu:.2f}, b2 changed {changed_cpu:.2f}; start-up on one core {serial:.2f} s")
    print(
        f"b2 changed at best on {cores} cores: {serial:.2f} + ({changed_cpu:.2f} - {serial:.2f}) / {cores}"
        f" = {best:.2f} s, {best / cold:.0%} of this run's cold wall time"
    )


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(_one(*sys.argv[2:5])))
        return
    if "--catalogue" in sys.argv:
        _catalogue()
        return
    if "--cache" in sys.argv:
        _cache_bench()
        return
    quick, long = "--quick" in sys.argv, "--long" in sys.argv
    cases = [("mp4:cell", "l"), ("mp4:cell:j2", "l"), ("mp4:cell:archival", "l"), ("reference", "l")]
    longs = [
        (f"{fmt}:step:{name}{jobs}", q)
        for name in LONG
        for fmt, q in (("gif", "l"), ("mp4", "h"))
        for jobs in ("", ":j2")  # one process, and the default on 2 cores
    ] + [(f"mp4:step:{name}:draw-only", "h") for name in LONG]  # what drawing alone costs
    if long:  # each default video too, in two processes (the default on 2 cores)
        cases = [("reference", "h"), *longs]
        cases += [(f"{fmt}:cell:{name}:j2", q) for name in LONG for fmt, q in (("gif", "l"), ("mp4", "h"))]
    elif not quick:
        cases += [
            ("reference", "h"),
            ("mp4:cell", "h"),
            ("mp4:cell:j2", "h"),
            ("mp4:cell:draw-only", "h"),
            ("mp4:cell:cfr", "h"),
            ("mp4:cell:manim-writer", "h"),
            ("gif:cell", "l"),
            ("gif:cell:j2", "l"),
            ("manim-gif", "l"),
            *longs,
        ]
    from handtf.scenes.encode import ENCODER_THREADING
    from handtf.scenes.settings import ARCHIVAL, ENCODER

    print(f"x264: {ENCODER}, {ENCODER_THREADING.lower()} threading; --archival: {ARCHIVAL}")
    print(
        f"{'case':<32} {'q':<2} {'render s / video s':>18} {'wall s':>7} {'video s':>8} {'peak MB':>8} {'file MB':>8}"
    )
    rows = []
    for case, quality in cases:
        row = _run(case, quality)
        rows.append(row)
        print(
            f"{row['case']:<32} {row['quality']:<2} {row['render_per_video_s']:>18} {row['wall_s']:>7} "
            f"{row['video_s']:>8} {row['peak_mb']:>8} {row['file_mb']:>8}",
            flush=True,
        )
    by = {(r["case"], r["quality"]): r for r in rows}
    for q in ("l", "h"):
        if ("reference", q) in by and ("mp4:cell", q) in by:
            ref, ours = by[("reference", q)]["render_per_video_s"], by[("mp4:cell", q)]["render_per_video_s"]
            print(f"walkthrough (one process) vs plain manim at {q}: {ref / ours:.2f}x faster per second of video")  # type: ignore[operator]
    if ("gif:cell", "l") in by and ("manim-gif", "l") in by:
        ours_mb, theirs_mb = by[("gif:cell", "l")]["file_mb"], by[("manim-gif", "l")]["file_mb"]
        print(f"480p15 GIF: handtf {ours_mb} MB, manim's own {theirs_mb} MB ({ours_mb / theirs_mb:.1%} of it)")  # type: ignore[operator]

    for q in ("l", "h"):
        if ("mp4:cell", q) in by and ("mp4:cell:j2", q) in by:
            serial, parallel = by[("mp4:cell", q)]["wall_s"], by[("mp4:cell:j2", q)]["wall_s"]
            print(f"two worker processes at {q}: {serial / parallel:.2f}x the serial speed")  # type: ignore[operator]
    if ("mp4:cell:archival", "l") in by:
        fast, keep = by[("mp4:cell", "l")], by[("mp4:cell:archival", "l")]
        print(
            f"--archival at l: {keep['wall_s'] / fast['wall_s']:.2f}x the time, "  # type: ignore[operator]
            f"{keep['file_mb'] / fast['file_mb']:.2f}x the size"  # type: ignore[operator]
        )

    if ("mp4:cell:manim-writer", "h") in by and ("mp4:cell", "h") in by:
        stock, ours = by[("mp4:cell:manim-writer", "h")], by[("mp4:cell", "h")]
        print(
            f"streaming writer at h: {stock['wall_s'] / ours['wall_s']:.2f}x faster than manim's writer, "  # type: ignore[operator]
            f"{ours['peak_mb']} MB peak against {stock['peak_mb']} MB"
        )
    for whole in ("mp4:cell", *(f"mp4:step:{name}" for name in LONG)):
        if (whole, "h") in by and (f"{whole}:draw-only", "h") in by:
            _cpu_split(by[(whole, "h")], by[(f"{whole}:draw-only", "h")])
    if ("mp4:cell:cfr", "h") in by and ("mp4:cell", "h") in by:
        cfr, ours = by[("mp4:cell:cfr", "h")], by[("mp4:cell", "h")]
        ratio = float(cfr["wall_s"]) / float(ours["wall_s"])  # type: ignore[arg-type]
        print(f"held frames written one by one (--constant-frame-rate) at h: {ratio:.2f}x the time")
    _targets(by)
    if long:
        _x264_still()
        return

    print(f"\n{'product':<8} {'ops':>5} {'wall s':>7} {'s / op':>7}   (cell detail, 480p15: cost against size)")
    for size in SIZES:
        row = _run(f"mp4:cell:{size}", "l")
        rows_, cols_ = (int(n) for n in size.split("x"))
        ops = rows_ * cols_
        print(f"{size:<8} {ops:>5} {row['wall_s']:>7} {row['wall_s'] / ops:>7.3f}")  # type: ignore[operator]

    print(f"\n{'still':<12} {'wall s':>7} {'files':>6} {'MB':>7} {'peak MB':>8}   (no animation is played)")
    for case in STILLS:
        row = _run(case, "l")
        print(f"{row['case']:<12} {row['wall_s']:>7} {row['files']:>6} {row['file_mb']:>7} {row['peak_mb']:>8}")
        if case == "figures" and ("mp4:cell", "l") in by:
            video = by[("mp4:cell", "l")]
            per_video_s = float(str(video["wall_s"])) / float(str(video["video_s"]))
            cost = float(str(row["wall_s"])) / per_video_s
            print(f"  6 figures at 1920x1080 cost as much as {cost:.1f} s of 480p video")


if __name__ == "__main__":
    main()
