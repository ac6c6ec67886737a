"""Render speed and memory of the full walkthrough, against a plain-Manim reference.

    python bench/render.py            # everything (several minutes)
    python bench/render.py --quick    # 480p15 only

Each case runs in a fresh process, so its peak memory is its own; all cases run in one
go, so their ratios compare fairly on a shared, noisy machine. Prints one row per case:
seconds of render per second of video, wall seconds, video seconds, peak memory (MB)
and file size.
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
    if case == "reference":
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
        path = render(transformer(), Path(out_dir) / f"walkthrough.{fmt}", fmt, quality, detail)  # type: ignore[arg-type]
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


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(_one(*sys.argv[2:5])))
        return
    cases = [("mp4:cell", "l"), ("reference", "l")]
    if "--quick" not in sys.argv:
        cases += [("reference", "h"), ("mp4:cell", "h")]
    from scenes.render import ENCODER, ENCODER_THREADING

    print(f"x264: {ENCODER}, {ENCODER_THREADING.lower()} threading")
    print(
        f"{'case':<12} {'q':<2} {'render s / video s':>18} {'wall s':>7} {'video s':>8} {'peak MB':>8} {'file MB':>8}"
    )
    rows = []
    for case, quality in cases:
        with tempfile.TemporaryDirectory() as out_dir:
            done = subprocess.run(
                [sys.executable, __file__, "--one", case, quality, out_dir],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
        row = json.loads(done.stdout.strip().splitlines()[-1])
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


if __name__ == "__main__":
    main()
