"""The command line: output, clean one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from handtf import EXERCISES, Trace, transformer
from handtf.cli import cli


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from handtf.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
        env=None if env is None else {**os.environ, **env},
    )


def test_list_names_the_transformer() -> None:
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 0
    exercises, _, kinds = result.output.partition("\n\n")
    headers = [line for line in exercises.splitlines() if not line.startswith(" ")]
    assert headers == ["basics:", "networks:", "transformer:"]  # in the catalogue's order
    lines = {line.split()[0]: line for line in exercises.splitlines() if line.startswith(" ")}
    assert set(lines) == set(EXERCISES) >= {"transformer", "self-attention", "transformer-qk", "transformer-block"}
    assert exercises.index("  softmax ") < exercises.index("networks:") < exercises.index("  mlp ")
    assert exercises.index("  mlp ") < exercises.index("transformer:") < exercises.index("  transformer ")
    assert "5 steps, 70 cell ops" in lines["transformer"]
    assert kinds.startswith("ops for spec files: show, matmul, linear") and "leaky_relu" in kinds


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
        (
            ["render", "nope"],
            f"unknown exercise 'nope'; choose one of: {', '.join(sorted(EXERCISES))} (see `handtf list`)",
        ),
        (["trace", "nope"], "unknown exercise 'nope'"),
        (["render", "transformer", "--format", "avi"], "'avi' is not one of 'mp4', 'gif', 'webm', 'mov', 'png'"),
        (["render", "transformer", "-q", "x"], "'x' is not one of 'l', 'm', 'h', 'k'"),
        (["render", "transformer", "--detail", "pixel"], "'pixel' is not one of 'cell', 'row', 'step'"),
        (["render", "transformer", "-o", "out.avi"], "cannot tell the format from 'out.avi'"),
        (["render", "transformer", "-o", "a.gif", "-f", "mp4"], "--format mp4 does not match the output 'a.gif'"),
        (["render", "transformer", "-o", "/proc/nope/x.mp4"], "cannot write '/proc/nope/x.mp4'"),
        (["render", "transformer", "-o", "/etc/hostname/x.mp4"], "is a file, not a folder"),
        (["render", "--bogus"], "No such option"),
        (["render", "transformer", "--transparent"], "--transparent needs a format with an alpha channel"),
        (["render", "transformer", "-f", "gif", "--transparent"], "(webm or mov), not gif"),
        (["render", "transformer", "-f", "png", "--split-steps"], "use `handtf figures` for stills"),
        (["render", "transformer", "-f", "gif", "--archival"], "--archival sets x264's quality, for mp4, not gif"),
        (["render", "transformer", "-f", "gif", "--constant-frame-rate"], "is for video (mp4, webm, mov), not gif"),
        (["render", "transformer", "--theme", "sepia"], "'sepia' is not one of 'light', 'dark'"),
        (["figures", "nope"], "unknown exercise 'nope'"),
        (["figures", "transformer", "--width", "10"], "10 is not in the range 256<=x<=7680"),
        (["figures", "transformer", "-o", "/etc/hostname"], "Directory '/etc/hostname' is a file"),
        (["worksheet", "transformer", "--steps", "7"], "this exercise has steps 1 to 5"),
        (["worksheet", "transformer", "--steps", "3-2"], "the range 3-2 runs backwards; write 2-3"),
        (["worksheet", "transformer", "--steps", "two"], "is not a list of step numbers; write it like 2-3"),
        (["worksheet", "transformer", "-o", "sheet.png"], "name the output *.pdf"),
        (["slides", "transformer", "--to", "key"], "'key' is not one of 'html', 'pptx'"),
        (["render", "--theme", "dark"], "give an exercise NAME (see `handtf list`) or --spec FILE"),
        (["render", "transformer", "--spec", "x.toml"], "not both; 'transformer' was read as a NAME"),
        (["render", "--spec", "x.toml", "--split-steps", "clips"], "not both; 'clips' was read as a NAME"),
        (["figures", "--spec", "missing.toml"], "cannot read spec 'missing.toml' (No such file or directory)"),
        (["render", "transformer", "--decimals", "9"], "9 is not in the range 0<=x<=6"),
        (["render", "transformer", "--lang", "fr"], "'fr' is not one of 'en', 'ko'"),
        (["new", "transformer"], "Missing option '--seed'"),
        (["new", "conv", "--seed", "1"], "'conv' is not one of"),
        (["slides", "transformer", "-o", "deck.pdf"], "cannot tell the slide format from 'deck.pdf'"),
        (["slides", "transformer", "--to", "pptx", "-o", "d.html"], "--to pptx does not match the output 'd.html'"),
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


def test_export_then_spec_gives_the_same_trace(tmp_path: Path) -> None:
    exported = CliRunner().invoke(cli, ["export", "transformer"])
    assert exported.exit_code == 0
    spec = tmp_path / "mine.toml"
    spec.write_text(exported.output, encoding="utf-8")
    traced = CliRunner().invoke(cli, ["trace", "--spec", str(spec)])
    assert traced.exit_code == 0
    mine, seed = Trace.from_json(traced.output), transformer()
    assert mine.steps == seed.steps and {t.name: t for t in mine.tensors} == {t.name: t for t in seed.tensors}


def test_decimals_flag_sets_the_places_shown() -> None:
    result = CliRunner().invoke(cli, ["trace", "self-attention", "--decimals", "1"])
    assert result.exit_code == 0
    trace = Trace.from_json(result.output)
    assert trace.decimals == 1 and trace.steps[5].ops[0].arithmetic == "exp(0.5) = 1.6"


@pytest.mark.render
def test_batch_renders_each_spec_reports_a_bad_one_and_goes_on(tmp_path: Path) -> None:
    specs = tmp_path / "class"
    specs.mkdir()
    for seed in (1, 2):
        (specs / f"sheet-{seed}.toml").write_text(
            CliRunner().invoke(cli, ["new", "transformer", "--seed", str(seed)]).output, encoding="utf-8"
        )
    broken = '[matrices.X]\nvalues = [[1, 2], [3]]\n[[steps]]\nop = "relu"\ninputs = ["X"]\noutput = "R"\n'
    (specs / "broken.toml").write_text(broken, encoding="utf-8")
    result = run("batch", str(specs), "-f", "png", "-o", str(tmp_path / "out"), "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 1  # not all succeeded
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sheet-1.png", "sheet-2.png"]
    errors = result.stderr.strip().splitlines()
    why = "matrices.X.values: row 2 has 1 numbers but row 1 has 2; make them equal"
    assert errors == [f"handtf: error: {specs / 'broken.toml'}: {why}"]
    assert "Traceback" not in result.stderr


def test_batch_takes_every_render_option() -> None:
    def options(command: str) -> set[str]:
        return {p.name for p in cli.commands[command].params if p.name} - {"name", "spec", "output", "sources"}

    assert options("render") - {"watch"} <= options("batch")  # a batch watches no file


@pytest.mark.render
def test_batch_passes_its_render_options_to_each_spec(tmp_path: Path) -> None:
    spec = tmp_path / "one.toml"
    spec.write_text(CliRunner().invoke(cli, ["new", "transformer", "--seed", "1"]).output, encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "batch", str(spec), "-f", "gif", "-o", str(out), "--split-steps", "--pace", "fast", "--detail", "step",
        "--theme", "dark", "--lang", "ko", "--decimals", "1", "-j", "1", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (out / "one.gif").is_file()
    assert sorted(p.name for p in (out / "one").iterdir())[:2] == [
        "01-attention-weights.gif",
        "02-attention-weighting.gif",
    ]
    from PIL import Image

    with Image.open(out / "one.gif") as gif:
        first = gif.convert("RGB")
    assert sum(first.getpixel((5, 5))) < 200  # the dark page
    refused = run("batch", str(spec), "-f", "mp4", "-o", str(out), "--transparent", cwd=tmp_path)
    assert refused.returncode == 2 and "--transparent needs a format with an alpha channel" in refused.stderr


def test_batch_exit_0_when_all_succeed_and_a_clear_error_without_specs(tmp_path: Path) -> None:
    result = run("batch", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "no spec files (*.toml, *.json) found" in result.stderr


def test_trace_to_dash_is_stdout(tmp_path: Path) -> None:
    result = run("trace", "transformer", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and Trace.from_json(result.stdout) == transformer()
    assert list(tmp_path.iterdir()) == []


def test_a_spec_saved_with_a_byte_order_mark_loads_as_without(tmp_path: Path) -> None:
    exported = CliRunner().invoke(cli, ["export", "transformer", "--format", "json"]).output
    for fmt, text in (("json", exported), ("toml", CliRunner().invoke(cli, ["export", "transformer"]).output)):
        (tmp_path / f"bom.{fmt}").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        result = run("trace", "--spec", str(tmp_path / f"bom.{fmt}"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert Trace.from_json(result.stdout).steps == transformer().steps


def test_trace_to_a_file_named_dash_in_a_folder_is_a_file(tmp_path: Path) -> None:
    result = run("trace", "transformer", "-o", "./-", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert Trace.from_json((tmp_path / "-").read_text(encoding="utf-8")) == transformer()


def test_numbers_too_long_to_read_get_a_warning_and_still_work(tmp_path: Path) -> None:
    spec = tmp_path / "wide.toml"
    spec.write_text('[matrices.X]\nvalues = [[1, 12345.5], [2, -123456]]\n[[steps]]\nop = "show"\noutput = "X"\n')
    result = run("trace", "--spec", str(spec), cwd=tmp_path)
    assert result.returncode == 0 and Trace.from_json(result.stdout).tensor("X").values[1] == (2, -123456)
    assert result.stderr.strip().splitlines() == [
        "handtf: warning: X[1,2] shows as 12345.50, too long to read in a cell; numbers of up to 7 characters "
        "read well, so use smaller numbers or fewer --decimals"
    ]


def test_numbers_too_big_to_work_by_hand_get_a_warning_and_are_kept(tmp_path: Path) -> None:
    spec = tmp_path / "big.toml"
    spec.write_text(
        '[matrices.W]\nrole = "weight"\nvalues = [[999999, 999999, 999999]]\n'
        "[matrices.X]\nvalues = [[999999], [999999], [999999]]\n"
        '[[steps]]\nop = "matmul"\ninputs = ["W", "X"]\noutput = "Z"\n'
    )
    result = run("trace", "--spec", str(spec), cwd=tmp_path)
    assert result.returncode == 0
    trace = Trace.from_json(result.stdout)
    assert trace.tensor("Z").values == ((3 * 999999**2,),)
    assert trace.steps[0].ops[0].arithmetic.endswith("≈ 3.0e12")
    assert result.stderr.strip().splitlines() == [
        "handtf: warning: Z[1,1] is 3.0e12, too big to work by hand; it is kept and shown, but smaller numbers "
        "(or a smaller scale) make a sheet one can work with pen and paper"
    ]


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_the_built_in_exercises_and_new_ones_read_well_in_every_cell(name: str) -> None:
    from handtf.fields import crowded_cells
    from handtf.generate import GENERATORS, generate

    assert crowded_cells(EXERCISES[name].build()) == []
    if name in GENERATORS:
        assert all(crowded_cells(generate(name, seed)) == [] for seed in range(5))


def test_storyboard_prints_the_json_a_web_page_plays() -> None:
    from handtf.storyboard import storyboard

    result = CliRunner().invoke(cli, ["storyboard", "transformer", "--detail", "row"])
    assert result.exit_code == 0
    assert result.output == storyboard(transformer(), "row").to_json() + "\n"
    assert json.loads(result.output)["shots"][1]["stem"] == "02-attention-weighting"


def test_every_command_summary_fits_in_the_help() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    commands = result.output.split("Commands:")[1].strip().splitlines()
    assert len(commands) == len(cli.commands)
    assert not [line for line in commands if line.rstrip().endswith("...")]


@pytest.mark.parametrize("args", [["list"], ["trace", "no-such-exercise"]], ids=["done", "failed"])
def test_once_the_program_is_over_an_interrupt_changes_nothing(args: list[str]) -> None:
    """Python puts back the default handlers as it shuts down, and a batch's parent
    takes a fifth of a second to: a SIGHUP then killed it with nothing said, its work
    done. Once the command is over, done or failed, the program ignores interrupts."""
    code = (
        "import signal, sys\nfrom handtf.cli import main\ntry:\n    main()\nexcept SystemExit:\n"
        "    pass\nwhich = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)\n"
        "assert all(signal.getsignal(s) is signal.SIG_IGN for s in which)\n"
        "signal.raise_signal(signal.SIGHUP)\nsignal.raise_signal(signal.SIGINT)\nprint('still here')\n"
    )
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.endswith("still here\n"), run.stderr


def test_main_called_from_python_gives_back_the_handlers_it_found() -> None:
    """A notebook that calls ``main([...])`` keeps its Ctrl-C."""
    from handtf.cli import main

    which = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    before = [signal.getsignal(s) for s in which]
    with pytest.raises(SystemExit):
        main(["list"])
    assert [signal.getsignal(s) for s in which] == before
