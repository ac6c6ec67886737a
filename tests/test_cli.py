"""The command line: output, clean one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from handtf import Trace, transformer
from handtf.cli import cli


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from handtf.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )


def test_list_names_the_transformer() -> None:
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 0
    assert result.output.startswith("transformer")
    assert "70 cell ops" in result.output


def test_trace_prints_json_that_loads_back_equal() -> None:
    result = CliRunner().invoke(cli, ["trace", "transformer"])
    assert result.exit_code == 0
    assert Trace.from_json(result.output) == transformer()


def test_trace_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "t.json"
    result = CliRunner().invoke(cli, ["trace", "transformer", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["steps"][1]["ops"][0]["label"] == "P1 · A1 = Z[1,1]"
    assert [p.name for p in out.parent.iterdir()] == ["t.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "nope"], "unknown exercise 'nope'; choose one of: transformer"),
        (["trace", "nope"], "unknown exercise 'nope'"),
        (["render", "transformer", "--format", "avi"], "'avi' is not one of 'mp4', 'gif', 'webm', 'png'"),
        (["render", "transformer", "-q", "x"], "'x' is not one of 'l', 'm', 'h', 'k'"),
        (["render", "transformer", "--detail", "pixel"], "'pixel' is not one of 'cell', 'row', 'step'"),
        (["render", "transformer", "-o", "out.avi"], "cannot tell the format from 'out.avi'"),
        (["render", "transformer", "-o", "a.gif", "-f", "mp4"], "--format mp4 does not match the output 'a.gif'"),
        (["render", "transformer", "-o", "/proc/nope/x.mp4"], "cannot write '/proc/nope/x.mp4'"),
        (["render", "transformer", "-o", "/etc/hostname/x.mp4"], "is a file, not a folder"),
        (["render", "--bogus"], "No such option"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("handtf: error: ") and message in lines[0]
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a scratch folder
