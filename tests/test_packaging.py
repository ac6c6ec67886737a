"""The wheel a user installs holds every package of the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.render  # builds the wheel: some seconds
def test_the_wheel_holds_every_package_of_the_tree(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("handtf-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {
        init.parent.relative_to(ROOT).as_posix()
        for top in ("handtf", "scenes")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert packages >= {"handtf", "handtf/cli", "scenes"}
    for package in packages:
        modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / package).glob("*.py")}
        assert modules <= names, f"the wheel leaves out {sorted(modules - names)}"
    assert {name.split("/")[0] for name in names} == {"handtf", "scenes", wheel.name.split("-")[0] + "-0.1.0.dist-info"}
