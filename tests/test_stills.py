"""Blog figures and worksheets: what each still shows, and the files they make."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("manim")

from PIL import Image  # noqa: E402

from handtf import Trace, transformer  # noqa: E402
from handtf.exercises import EXERCISES  # noqa: E402
from handtf.pages import A4_LANDSCAPE_MM, CELL_MM, own_boxes, page_images, pages  # noqa: E402
from handtf.scenes.grid import CellValue  # noqa: E402
from handtf.scenes.render import construct as construct_scene  # noqa: E402
from handtf.scenes.render import render_figures, render_worksheet  # noqa: E402
from handtf.scenes.stills import Figures, OverviewFigure, Worksheet  # noqa: E402
from handtf.scenes.style import STYLE, THEMES  # noqa: E402
from handtf.scenes.walkthrough import Walkthrough  # noqa: E402
from handtf.steps import select_steps  # noqa: E402
from handtf.storyboard import storyboard  # noqa: E402
from handtf.written import format_number  # noqa: E402


def written(scene: Walkthrough) -> dict[tuple[str, int, int], CellValue]:
    """The numbers written into computed cells, each checked to sit in its cell."""
    found = {}
    for mob in scene.get_mobject_family_members():
        if isinstance(mob, CellValue) and mob.tensor in scene.trace.produced():
            if any(mob is c for c in getattr(scene, "copied", ())):
                continue  # a worked-out matrix written out again: the answer key's copy of it
            grid = scene.grids[mob.tensor]
            assert abs(mob.get_center() - grid.center_of(mob.row, mob.col)).max() < 1e-6
            found[(mob.tensor, mob.row, mob.col)] = mob
    return found


def expected(trace: Trace) -> dict[tuple[str, int, int], str]:
    return {(op.out.tensor, op.out.row, op.out.col): format_number(op.value) for s in trace.steps for op in s.ops}


class _Inventory(Figures):
    """Figures that report which computed cells each picture shows, instead of drawing it."""

    def snapshot(self) -> dict[tuple[str, int, int], str]:  # type: ignore[override]
        return {key: value.shown for key, value in written(self).items()}


class _OverviewInventory(OverviewFigure):
    def snapshot(self) -> dict[tuple[str, int, int], str]:  # type: ignore[override]
        return {key: value.shown for key, value in written(self).items()}


def test_each_figure_shows_its_step_finished_and_nothing_later() -> None:
    trace = transformer()
    pictures: dict[str, object] = {}
    construct_scene(trace, scene_class=_Inventory, keep=pictures.__setitem__)
    construct_scene(trace, scene_class=_OverviewInventory, keep=pictures.__setitem__)
    assert list(pictures) == [
        "01-attention-weights",
        "02-attention-weighting",
        "03-ffn-1",
        "04-relu",
        "05-ffn-2",
        "00-overview",
    ]
    everything = expected(trace)
    shots = storyboard(trace).shots
    for index, stem in enumerate(list(pictures)[:-1]):
        so_far = expected(Trace(trace.title, trace.tensors, trace.steps[: index + 1]))
        drawn = {cell: v for cell, v in so_far.items() if cell[0] not in shots[index].left_out}  # not cut: not drawn
        assert pictures[stem] == drawn, stem
    assert pictures["00-overview"] == everything


def test_the_blank_worksheet_shows_no_computed_value_and_the_key_shows_all() -> None:
    trace = transformer()
    blank = construct_scene(trace, scene_class=Worksheet, answers=False)
    key = construct_scene(trace, scene_class=Worksheet, answers=True)
    assert written(blank) == {}
    assert {k: v.shown for k, v in written(key).items()} == expected(trace)
    colours = {w.get_fill_color().to_hex() for v in written(key).values() for w in v.family_members_with_points()}
    assert colours == {STYLE.answer}
    # Every cell to compute is on the page, empty, with its grid drawn.
    for name in trace.produced():
        assert name in blank.grids and not blank.grids[name].numbers.submobjects


def test_a_worksheet_of_some_steps_leaves_only_their_cells_empty() -> None:
    part = select_steps(transformer(), (1, 2))
    blank = construct_scene(part, scene_class=Worksheet, answers=False)
    assert set(blank.grids) == {"X", "A", "Z", "W1", "b1", "1s(Z)", "H"}
    assert blank.grids["X"].numbers.submobjects  # given numbers are written
    assert not blank.grids["Z"].numbers.submobjects and not blank.grids["H"].numbers.submobjects


@pytest.mark.parametrize("name", ["self-attention", "transformer-full-stack"])
def test_a_long_worksheet_runs_to_pages_of_one_cell_size_holding_each_step_once(name: str) -> None:
    board = storyboard(EXERCISES[name].build(), "step")
    sheet = pages(board)
    assert len(sheet) > 1
    steps = [shot.index for shot in board.shots if shot.kind == "step"]
    assert [i for page in sheet for i in page.shots] == steps  # in order, each once
    most = A4_LANDSCAPE_MM[0] / CELL_MM, A4_LANDSCAPE_MM[1] / CELL_MM
    for page in sheet:
        assert page.view.width == pytest.approx(most[0]) and page.view.height == pytest.approx(most[1])
        for index in page.shots:
            for box in own_boxes(board.layout, board.shots[index]):
                assert page.view.contains(box), (page.shots, box)


def test_the_pages_of_a_long_answer_key_hold_every_answer_once() -> None:
    trace = EXERCISES["self-attention"].build()
    count = len(pages(storyboard(trace, "step")))
    shown: dict[tuple[str, int, int], str] = {}
    for page in range(count):
        key = construct_scene(trace, scene_class=Worksheet, answers=True, page=page)
        found = {k: v.shown for k, v in written(key).items()}
        assert not set(found) & set(shown), page  # no answer on two pages
        shown.update(found)
        blank = construct_scene(trace, scene_class=Worksheet, answers=False, page=page)
        assert written(blank) == {}
    assert shown == expected(trace)


def _pixels_near(image: Image.Image, hex_colour: str, tolerance: int = 16) -> int:
    rgb = np.asarray(image.convert("RGB"), dtype=int)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb - target).max(axis=2) < tolerance).sum())


@pytest.mark.render
def test_worksheet_files_are_an_a4_pdf_and_a_300_dpi_png(tmp_path: Path) -> None:
    trace = transformer()
    blank = render_worksheet(trace, tmp_path / "ws.pdf", tmp_path / "ws.png")
    key = render_worksheet(trace, tmp_path / "key.pdf", tmp_path / "key.png", answers=True)
    assert [p.name for p in blank] == ["ws.pdf", "ws.png"] and [p.name for p in key] == ["key.pdf", "key.png"]
    pdf = (tmp_path / "ws.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/Image" not in pdf  # vector: outlines, no picture of the page
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None and (float(box[1]), float(box[2])) == pytest.approx((841.89, 595.28), abs=0.5)
    with Image.open(tmp_path / "ws.png") as page:
        assert page.size == (3508, 2480)
        assert page.info["dpi"] == pytest.approx((300, 300), abs=0.5)
        assert _pixels_near(page, STYLE.answer) == 0 and _pixels_near(page, STYLE.computed) == 0
    with Image.open(tmp_path / "key.png") as page:
        assert _pixels_near(page, STYLE.answer) > 10_000  # 70 answers in the second colour
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.pdf", "key.png", "ws.pdf", "ws.png"]


@pytest.mark.render
def test_a_long_worksheet_is_one_pdf_of_its_pages_and_a_png_of_each(tmp_path: Path) -> None:
    trace = EXERCISES["self-attention"].build()
    count = len(pages(storyboard(trace, "step")))
    made = render_worksheet(trace, tmp_path / "ws.pdf", tmp_path / "ws.png")
    assert made == [tmp_path / "ws.pdf", *page_images(tmp_path / "ws.png", count)]
    pdf = (tmp_path / "ws.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == count
    for png in made[1:]:
        with Image.open(png) as page:
            assert page.size == (3508, 2480)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in made)
    # A shorter sheet at the same path takes the longer one's later pages away, but
    # not a picture of such a name that handtf did not write as a page.
    assert count >= 3
    foreign = page_images(tmp_path / "ws.png", count + 1)[-1]
    Image.new("RGB", (8, 8)).save(foreign)
    shorter = render_worksheet(transformer(), tmp_path / "ws.pdf", tmp_path / "ws.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*(p.name for p in shorter), foreign.name])


@pytest.mark.render
@pytest.mark.parametrize("name", ["light", "dark"])
def test_figures_are_pngs_of_the_asked_width_on_the_themes_paper(tmp_path: Path, name: str) -> None:
    style = THEMES[name]
    paths = render_figures(transformer(), tmp_path / "figs", width=320, style=style)
    assert [p.name for p in paths][:2] == ["01-attention-weights.png", "02-attention-weighting.png"]
    assert sorted(p.name for p in (tmp_path / "figs").iterdir()) == sorted(p.name for p in paths)
    for path in paths:
        with Image.open(path) as image:
            if path.name == "00-overview.png":  # the sheet's own proportions, takeaways under it
                assert image.width == 320 and image.height > image.width
            else:
                assert image.size == (320, 180)
            corner = image.convert("RGB").getpixel((2, image.height - 3))
            assert "#{:02X}{:02X}{:02X}".format(*corner) in {style.paper.upper(), style.grid_line.upper()}
    assert [p.name for p in tmp_path.iterdir()] == ["figs"]  # no scratch folder left behind
