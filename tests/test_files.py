"""Writing outputs: targets checked first, files published all or none, links refused."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handtf import files
from handtf.batch import find_specs, plan_outputs
from handtf.errors import HandtfError, one_line, shown
from handtf.files import assets_folder, check_writable, publish, write_atomically
from handtf.steps import SLUG_LIMIT, clip_stems, step_stem
from handtf.trace import Step


def made(tmp_path: Path, names: list[str]) -> dict[Path, Path]:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = {}
    for name in names:
        source = scratch / name
        source.write_text(f"new {name}")
        out[source] = tmp_path / "out" / name
    return out


def test_publishing_several_files_puts_them_all_in_place_and_leaves_no_backup(tmp_path: Path) -> None:
    plan = made(tmp_path, ["sheet.pdf", "sheet.png"])
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sheet.pdf").write_text("old pdf")
    placed = publish(plan)
    assert [p.read_text() for p in placed] == ["new sheet.pdf", "new sheet.png"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sheet.pdf", "sheet.png"]


def test_a_failure_halfway_puts_every_earlier_file_back_and_takes_the_new_ones_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = made(tmp_path, ["a.png", "b.png", "c.png"])
    (tmp_path / "out").mkdir()
    for name in ("a.png", "c.png"):
        (tmp_path / "out" / name).write_text(f"old {name}")
    real_move = files._move

    def move(source: Path, dest: Path) -> None:
        if dest.name == "c.png":
            raise OSError(5, "Input/output error", str(dest))
        real_move(source, dest)

    monkeypatch.setattr(files, "_move", move)
    with pytest.raises(HandtfError, match=r"cannot write '.*c\.png'.*\(Input/output error\); nothing was replaced"):
        publish(plan)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.png", "c.png"]
    assert (tmp_path / "out" / "a.png").read_text() == "old a.png"
    assert (tmp_path / "out" / "c.png").read_text() == "old c.png"


def test_a_target_that_became_a_folder_is_refused_before_anything_moves(tmp_path: Path) -> None:
    plan = made(tmp_path, ["ws.pdf", "ws.png"])
    (tmp_path / "out" / "ws.png").mkdir(parents=True)
    (tmp_path / "out" / "ws.pdf").write_text("old pdf")
    with pytest.raises(HandtfError, match="is a folder"):
        publish(plan)
    assert (tmp_path / "out" / "ws.pdf").read_text() == "old pdf"


def test_a_folder_replaces_a_folder_whole(tmp_path: Path) -> None:
    source = tmp_path / "scratch" / "deck_assets"
    (source / "reveal.js").mkdir(parents=True)
    (source / "clip.mp4").write_text("new")
    dest = tmp_path / "deck_assets"
    dest.mkdir()
    (dest / "stale.mp4").write_text("old")
    publish({source: dest})
    assert sorted(p.name for p in dest.iterdir()) == ["clip.mp4", "reveal.js"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".handtf")] == []


def test_an_output_that_is_a_link_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("mine")
    (tmp_path / "t.json").symlink_to("precious.txt")
    with pytest.raises(HandtfError, match="is a symbolic link"):
        check_writable(tmp_path / "t.json")
    with pytest.raises(HandtfError, match="is a symbolic link"):
        write_atomically(tmp_path / "t.json", b"{}")
    assert (tmp_path / "precious.txt").read_text() == "mine"


def test_a_folder_on_the_way_may_be_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "media").symlink_to("real")
    write_atomically(tmp_path / "media" / "t.json", b"{}")
    assert (tmp_path / "real" / "t.json").read_bytes() == b"{}"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_written_file_follows_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    before = os.umask(umask)
    try:
        write_atomically(tmp_path / "t.json", b"{}")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "t.json").stat().st_mode) == mode


def test_a_name_too_long_for_the_file_system_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(HandtfError, match="is 304 bytes long and this file system takes at most 255"):
        check_writable(tmp_path / ("a" * 300 + ".mp4"))
    assert list(tmp_path.iterdir()) == []


@given(st.text(min_size=1, max_size=300).filter(lambda s: "/" not in s and "\0" not in s))
def test_the_assets_folder_name_is_url_safe_whatever_the_page_is_called(stem: str) -> None:
    folder = assets_folder(Path(f"{stem}.html"))
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*_assets", folder.name)
    assert len(folder.name) <= 100


def test_step_file_names_are_bounded_and_clean() -> None:
    step = Step("a/../" + "x" * 300, "[1] t", "relu", "R = ReLU(X)", ("X",), "R", (), ())
    stem = step_stem(0, step)
    assert stem.startswith("01-a-x") and len(stem) <= SLUG_LIMIT + 3 and re.fullmatch(r"[a-z0-9-]+", stem)


def test_clip_names_end_with_the_takeaways() -> None:
    from handtf import transformer

    assert clip_stems(transformer()) == [
        "01-attention-weights",
        "02-attention-weighting",
        "03-ffn-1",
        "04-relu",
        "05-ffn-2",
        "06-takeaways",
    ]


def test_batch_takes_a_spec_named_twice_once_and_refuses_two_with_one_output(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "one.toml").write_text("")
    specs = find_specs([tmp_path / "a", tmp_path / "a" / "one.toml", tmp_path / "a" / ".." / "a" / "one.toml"])
    assert specs == [tmp_path / "a" / "one.toml"]
    with pytest.raises(HandtfError, match="would both write"):
        plan_outputs(find_specs([tmp_path / "a", tmp_path / "b"]), tmp_path / "out", "mp4")


@given(st.text(max_size=2000))
def test_a_message_is_one_printable_line_of_bounded_length(text: str) -> None:
    line = one_line(f"handtf: error: {shown(text)}")
    assert line.isprintable() and len(line) <= 600
