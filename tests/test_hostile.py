"""Hostile and careless command lines, from the corpus in tests/bad_specs/cli/cases.toml:
each gets one clear line and its exit code, writes nothing, and leaves every earlier
output as it was.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.terminal import HANDTF, living
from tests.test_cli import run

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CORPUS = Path(__file__).parent / "bad_specs"
CASES: list[dict[str, Any]] = tomllib.loads((CORPUS / "cli" / "cases.toml").read_text(encoding="utf-8"))["case"]
TINY = (CORPUS / "cli" / "tiny.toml").read_text(encoding="utf-8")


def expand(text: str) -> str:
    """``{a*N}`` stands for N letters a."""
    return re.sub(r"\{a\*(\d+)\}", lambda m: "a" * int(m.group(1)), text)


def lay_out(case: dict[str, Any], root: Path) -> dict[Path, bytes]:
    """Make the case's files; return the earlier outputs, by path, with their bytes."""

    def at(name: str) -> Path:
        path = root / expand(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    for name, spec in case.get("specs", {}).items():
        assert spec == "tiny"
        at(name).write_text(TINY, encoding="utf-8")
    for name, text in case.get("texts", {}).items():
        at(name).write_text(expand(text), encoding="utf-8")
    for name in case.get("dirs", []):
        at(name).mkdir()
    for name in case.get("fifos", []):
        os.mkfifo(at(name))
    for name, size in case.get("sizes", {}).items():
        at(name).write_bytes(b" " * size)
    earlier = {root / expand(name): (root / expand(name)).read_bytes() for name in case.get("specs", {})}
    for name in case.get("earlier", []):
        path = at(name)
        path.write_bytes(f"earlier output at {name}".encode())
        earlier[path] = path.read_bytes()
    for name, target in case.get("links", {}).items():
        at(name).symlink_to(target)
    return earlier


def test_the_corpus_has_over_a_hundred_bad_inputs_and_every_defect_has_cases() -> None:
    spec_files = [p for p in CORPUS.iterdir() if p.is_file() and p.name != "expected.json"]
    assert len(spec_files) + len(CASES) > 100
    assert len({case["id"] for case in CASES}) == len(CASES)
    # The defects of the hostile-input issue that a command line shows here; 1 and 2 (HTML),
    # 6 (signals), 10 and 11 (names, values) and 13 (a full disk) have tests of their own.
    assert {case["defect"] for case in CASES} >= {3, 4, 5, 7, 8, 9, 12, 14, 15}
    assert json.loads((CORPUS / "expected.json").read_text(encoding="utf-8")).keys() == {p.name for p in spec_files}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_a_hostile_command_line_gets_one_line_and_its_exit_code_and_loses_nothing(
    tmp_path: Path, case: dict[str, Any]
) -> None:
    earlier = lay_out(case, tmp_path)
    links = {p: os.readlink(p) for p in tmp_path.rglob("*") if p.is_symlink()}
    result = run(*(expand(arg) for arg in case["args"]), cwd=tmp_path, env=case.get("env"))
    assert result.returncode == case["exit"], result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("handtf: error: ") and case["message"] in lines[0], lines[0]
    assert len(lines[0]) < 700
    assert "Traceback" not in result.stderr
    if case["args"][0] != "batch":
        assert result.stdout == ""
    for path, data in earlier.items():
        assert path.read_bytes() == data, f"{path} was changed"
    assert {p: os.readlink(p) for p in tmp_path.rglob("*") if p.is_symlink()} == links
    assert not [p for p in tmp_path.rglob(".handtf-*")], "scratch left behind"


@pytest.mark.render
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["Ctrl-C", "SIGTERM", "SIGHUP"])
def test_an_interrupted_batch_stops_every_worker_and_says_what_it_wrote(tmp_path: Path, how: signal.Signals) -> None:
    """The signal goes to the whole process group, as a terminal sends it: the parent
    and both workers get it at once.
    """
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "quick.toml").write_text(TINY, encoding="utf-8")
    slow = subprocess.run(  # long enough that the signal finds it far from done
        [sys.executable, "-c", "from handtf.cli import main; main()", "export", "transformer-block"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (specs / "slow.toml").write_text(slow, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        # --no-cache: steps kept by an earlier test would make the slow spec quick
        [*HANDTF, "batch", str(specs), "-o", str(out)] + ["-f", "mp4", "--jobs", "2", "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not (out / "quick.mp4").exists():
        assert proc.poll() is None and time.monotonic() < deadline, "the quick spec never finished"
        time.sleep(0.2)
    time.sleep(1)
    assert any(p.name.startswith(".handtf-") for p in out.iterdir()), "the slow spec should be rendering"
    os.killpg(proc.pid, how)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == (
        "handtf: interrupted; 1 of 2 outputs were written (listed above), and no partial file was left"
    )
    assert "Traceback" not in stderr
    assert [p.name for p in out.iterdir()] == ["quick.mp4"]  # no scratch, no partial slow.mp4
    assert living(group=proc.pid) == []


def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here ({done.stderr.decode().strip()})")


def _fill(disk: Path) -> None:
    try:
        with open(disk / "filler", "wb") as filler:
            while True:
                filler.write(b"\0" * 65536)
    except OSError:
        pass  # full


def test_a_failure_on_a_full_disk_is_named_as_one_whatever_it_raised(tmp_path: Path) -> None:
    """A write cut short by a full disk may fail as anything (an empty SVG fails to
    parse): the render asks the disk before its scratch goes, in the main process and in
    a worker.
    """
    from handtf.files import full_disk, scratch_beside
    from handtf.scenes.parallel import _os_error

    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "2M")
    try:
        with pytest.raises(OSError) as raised:
            with scratch_beside(disk / "t.mp4") as scratch:
                _fill(scratch)
                raise ValueError("no element found: line 1, column 0")
        assert full_disk(raised.value) == (
            f"no space left on device: {disk}; free some space, or write elsewhere with -o"
        )
        assert [p.name for p in disk.iterdir()] == []  # the scratch went, filler and all
        with pytest.raises(ValueError):  # with room to spare, the error is what it was
            with scratch_beside(disk / "t.mp4"):
                raise ValueError("a real bug")
        (disk / "part-0").mkdir()
        _fill(disk / "part-0")
        assert _os_error(ValueError("parse"), disk / "part-0") == (28, os.strerror(28), str(disk / "part-0"))
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.render
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_full_disk_is_named_in_one_line_and_the_earlier_output_stays(tmp_path: Path, jobs: str) -> None:
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "3M")
    try:
        (disk / "t.mp4").write_bytes(b"earlier render")
        result = run("render", "transformer", "-o", str(disk / "t.mp4"), "--jobs", jobs, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [
            f"handtf: error: no space left on device: {disk}; free some space, or write elsewhere with -o"
        ]
        assert (disk / "t.mp4").read_bytes() == b"earlier render"
        assert [p.name for p in disk.iterdir()] == ["t.mp4"]
        # With no byte left, nothing starts: bad input, exit 2.
        _fill(disk)
        result = run("figures", "transformer", "-o", str(disk / "figs"), cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"handtf: error: no space left on device: {disk / 'figs'}; free some space, or write elsewhere with -o"
        )
    finally:
        subprocess.run(["umount", str(disk)], check=False)
