"""The wheel a user installs: every module of the tree, under the one name ``handtf``,
and it renders when installed on its own, away from the repository.

The renderer's folder is ``scenes/``; ``handtf/scenes`` links to it, so it installs
as ``handtf.scenes`` and cannot clash with another project's ``scenes`` package.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

pytestmark = pytest.mark.render  # builds the wheel: some seconds


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a clean copy of the tree (a checkout's build/ folder can
    hold files of earlier builds, which setuptools would pack too).
    """
    source = tmp_path_factory.mktemp("source") / "handtf"
    leave_out = shutil.ignore_patterns(".*", "build", "*.egg-info", "media", "__pycache__")
    shutil.copytree(ROOT, source, symlinks=True, ignore=leave_out)
    folder = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder), str(source)]
    subprocess.run(command, check=True, capture_output=True)
    (made,) = folder.glob("handtf-*.whl")
    return made


def test_the_wheel_holds_every_module_under_the_name_handtf(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {name.split("/")[0] for name in names} == {"handtf", "handtf-0.1.0.dist-info"}
    tree = {p.relative_to(ROOT).as_posix() for p in (ROOT / "handtf").rglob("*.py") if "scenes" not in p.parts}
    tree |= {f"handtf/scenes/{p.relative_to(ROOT / 'scenes').as_posix()}" for p in (ROOT / "scenes").rglob("*.py")}
    assert {"handtf/kinds/sigmoid.py", "handtf/cli/render.py", "handtf/scenes/walkthrough.py"} <= tree
    tree |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "handtf" / "player").glob("*.*") if p.suffix != ".pyc"}
    assert {"handtf/player/page.html", "handtf/player/player.css", "handtf/player/controls.js"} <= tree
    assert tree <= names, f"the wheel leaves out {sorted(tree - names)}"
    metadata = zipfile.ZipFile(wheel).read("handtf-0.1.0.dist-info/METADATA").decode("utf-8").splitlines()
    assert {"License-Expression: MIT", "License-File: LICENSE"} <= set(metadata)
    assert "MIT License" in zipfile.ZipFile(wheel).read("handtf-0.1.0.dist-info/licenses/LICENSE").decode("utf-8")


def test_the_wheel_installed_on_its_own_renders_a_png_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index"]
    subprocess.run([*install, str(wheel)], check=True, capture_output=True)
    # The dependencies (manim, numpy, ...) come from this interpreter's packages, with
    # none of its .pth files run: the checkout's editable install stays out.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "handtf-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    away = tmp_path / "away"
    away.mkdir()
    handtf = venv / "bin" / "handtf"
    run = subprocess.run(
        [str(handtf), "render", "transformer", "-f", "png", "-q", "l", "-o", "sheet.png"],
        cwd=away,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert (away / "sheet.png").stat().st_size > 10_000
    run = subprocess.run(
        [str(handtf), "html", "transformer", "-o", "page.html"], cwd=away, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert 'id="handtf-data"' in (away / "page.html").read_text()  # the page's own files came with the wheel
    where = subprocess.run(
        [str(python), "-c", "import handtf.scenes.render as r; print(r.__file__)"],
        cwd=away,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(site), where  # the installed copy, not the checkout


def test_manim_renders_the_scene_file_of_a_checkout(tmp_path: Path) -> None:
    manim = Path(sys.executable).with_name("manim")
    command = [str(manim), "-ql", "-s", "--disable_caching", "--media_dir", str(tmp_path)]
    run = subprocess.run(
        [*command, "scenes/walkthrough.py", "Transformer"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (still,) = tmp_path.rglob("Transformer*.png")
    assert still.stat().st_size > 10_000


def test_setup_on_a_set_up_machine_installs_nothing_and_says_nothing() -> None:
    stamp = ROOT / ".venv" / ".handtf-installed"
    if not stamp.exists():
        pytest.skip("this checkout was not set up by .ci/setup")
    before = stamp.stat().st_mtime_ns
    for _ in range(5):  # as a second `make demo` runs it: every check is deterministic
        done = subprocess.run(["bash", ".ci/setup"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert stamp.stat().st_mtime_ns == before
