"""Render speed, memory and size: the walkthrough against plain Manim, handtf's GIF
against Manim's own, and what a still costs.

    python bench/render.py            # everything (several minutes)
    python bench/render.py --quick    # 480p15 video and the stills only

Each case runs in a fresh process, so its peak memory is its own; all cases run in one
go, so their ratios compare fairly on a shared, noisy machine. Prints one row per case:
seconds of render per second of video, wall seconds, video seconds, peak memory (MB)
and file size; then the stills, with their wall time against one second of video.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration) / 1e6


def _one(case: str, quality: str, out_dir: str) -> dict[str, object]:
    """Run one case in this process and report it."""
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    if case in STILLS:
        return _still(case, out_dir, start)
    if case == "manim-gif":
        from manim import tempconfig

        from handtf import transformer
        from scenes.walkthrough import Walkthrough

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
            scene = PlainAttentionWeighting()
            scene.render()
            path = Path(scene.renderer.file_writer.movie_file_path)
    else:
        from handtf import transformer
        from scenes.render import render

        fmt, detail = case.split(":")
        (path,) = render(transformer(), Path(out_dir) / f"walkthrough.{fmt}", fmt, quality, detail)  # type: ignore[arg-type]
    wall = time.perf_counter() - start
    video = _video_seconds(path)
    return {
        "case": case,
        "quality": quality,
        "wall_s": round(wall, 1),
        "video_s": round(video, 1),
        "render_per_video_s": round(wall / video, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "file_mb": round(path.stat().st_size / 1e6, 2),
    }


STILLS = ("figures", "worksheet", "png")


def _still(case: str, out_dir: str, start: float) -> dict[str, object]:
    from handtf import transformer
    from scenes.render import render, render_figures, render_worksheet

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


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(_one(*sys.argv[2:5])))
        return
    quick = "--quick" in sys.argv
    cases = [("mp4:cell", "l"), ("reference", "l")]
    if not quick:
        cases += [("reference", "h"), ("mp4:cell", "h"), ("gif:cell", "l"), ("manim-gif", "l")]
    from scenes.render import ENCODER, ENCODER_THREADING

    print(f"x264: {ENCODER}, {ENCODER_THREADING.lower()} threading")
    print(
        f"{'case':<12} {'q':<2} {'render s / video s':>18} {'wall s':>7} {'video s':>8} {'peak MB':>8} {'file MB':>8}"
    )
    rows = []
    for case, quality in cases:
        row = _run(case, quality)
        rows.append(row)
        print(
            f"{row['case']:<12} {row['quality']:<2} {row['render_per_video_s']:>18} {row['wall_s']:>7} "
            f"{row['video_s']:>8} {row['peak_mb']:>8} {row['file_mb']:>8}",
            flush=True,
        )
    by = {(r["case"], r["quality"]): r for r in rows}
    for q in ("l", "h"):
        if ("reference", q) in by and ("mp4:cell", q) in by:
            ref, ours = by[("reference", q)]["render_per_video_s"], by[("mp4:cell", q)]["render_per_video_s"]
            print(f"walkthrough vs plain manim at {q}: {ref / ours:.2f}x faster per second of video")  # type: ignore[operator]
    if ("gif:cell", "l") in by and ("manim-gif", "l") in by:
        ours_mb, theirs_mb = by[("gif:cell", "l")]["file_mb"], by[("manim-gif", "l")]["file_mb"]
        print(f"480p15 GIF: handtf {ours_mb} MB, manim's own {theirs_mb} MB ({ours_mb / theirs_mb:.1%} of it)")  # type: ignore[operator]

    print(f"\n{'still':<12} {'wall s':>7} {'files':>6} {'MB':>7} {'peak MB':>8}   (no animation is played)")
    for case in STILLS:
        row = _run(case, "l")
        print(f"{row['case']:<12} {row['wall_s']:>7} {row['files']:>6} {row['file_mb']:>7} {row['peak_mb']:>8}")
        if case == "figures" and ("mp4:cell", "l") in by:
            per_video_s = by[("mp4:cell", "l")]["wall_s"] / by[("mp4:cell", "l")]["video_s"]  # type: ignore[operator]
            print(f"  6 figures at 1920x1080 cost as much as {row['wall_s'] / per_video_s:.1f} s of 480p video")  # type: ignore[operator]


if __name__ == "__main__":
    main()
