"""The web player's size and speed: the seed's page against its 200 KB aim, how long
`handtf html` takes to write it (and that manim is never imported), and how smoothly
Chromium plays it at 1x, from requestAnimationFrame timings.

    python bench/player.py

Prints one line per figure, with its aim. Writing is timed in a fresh process, five
times; the frames are 6 s of play of step [2] and [3], in headless Chromium (skipped
where there is none). The time between frames is the browser's pace; the time to
draw one is the player's own cost, which is what the machine's load cannot hide.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WRITE = """
import sys, time
start = time.perf_counter()
import handtf
handtf.html("transformer", sys.argv[1])
print(time.perf_counter() - start, "manim" in sys.modules)
"""


def _writes(folder: Path) -> tuple[list[float], bool, int]:
    seconds, imported = [], False
    out = folder / "transformer.html"
    for _ in range(5):
        done = subprocess.run([sys.executable, "-c", WRITE, str(out)], capture_output=True, text=True, check=True)
        wall, manim = done.stdout.split()
        seconds.append(float(wall))
        imported = imported or manim == "True"
    return seconds, imported, out.stat().st_size


def _frames(page: Path, profile: Path) -> tuple[list[float], list[float]] | None:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(driver), options=options)
    try:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
        )
        browser.get(page.as_uri() + "#step=2&op=0")
        time.sleep(0.5)
        browser.execute_script("document.querySelector('[data-do=play]').click()")
        time.sleep(6)
        frames = browser.execute_script("return window.handtfPlayer.frames()")
    finally:
        browser.quit()
    return frames["between"][1:], frames["drawing"]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds, imported, size = _writes(folder)
        print(f"page size        {size / 1000:7.1f} KB    aim: at most 200 KB")
        print(
            f"write (median)   {statistics.median(seconds):7.2f} s     aim: under 1 s   "
            f"(of 5: {min(seconds):.2f}-{max(seconds):.2f})"
        )
        print(f"manim imported   {'yes' if imported else 'no':>7}       aim: no")
        frames = _frames(folder / "transformer.html", folder / "profile")
        if frames is None:
            print("frames           skipped: needs chromium and chromedriver")
            return
        between, drawing = frames
        print(
            f"frame (median)   {statistics.median(between):7.1f} ms    aim: 16.7 ms (60 a second); "
            f"worst {max(between):.1f} ms of {len(between)}"
        )
        print(f"draw (median)    {statistics.median(drawing):7.2f} ms    worst {max(drawing):.2f} ms")


if __name__ == "__main__":
    main()
