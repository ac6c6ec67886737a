"""The scene, without drawing a pixel: what it puts on the page must be the trace."""

from __future__ import annotations

import pytest

pytest.importorskip("manim")

import numpy as np  # noqa: E402

from handtf import Chain, Trace, group_ops, transformer  # noqa: E402
from handtf.exercises import self_attention  # noqa: E402
from handtf.scenes import bands  # noqa: E402
from handtf.scenes.grid import CellValue  # noqa: E402
from handtf.scenes.render import construct  # noqa: E402
from handtf.scenes.walkthrough import Walkthrough  # noqa: E402
from handtf.steps import select_steps  # noqa: E402
from handtf.storyboard import storyboard  # noqa: E402
from handtf.written import format_number  # noqa: E402


@pytest.fixture(scope="module")
def trace() -> Trace:
    return transformer()


@pytest.fixture(scope="module")
def scene(trace: Trace) -> Walkthrough:
    return construct(trace)


def shown_values(scene: Walkthrough) -> dict[tuple[str, int, int], str]:
    """What each computed cell shows at the end, checked to sit in its cell."""
    shown = {}
    for mob in scene.get_mobject_family_members():
        if isinstance(mob, CellValue):
            grid = scene.grids[mob.tensor]
            assert abs(mob.get_center() - grid.center_of(mob.row, mob.col)).max() < 1e-6
            shown[(mob.tensor, mob.row, mob.col)] = mob.shown
    return shown


def test_every_computed_cell_shows_the_traces_value(scene: Walkthrough, trace: Trace) -> None:
    expected = {
        (op.out.tensor, op.out.row, op.out.col): format_number(op.value) for step in trace.steps for op in step.ops
    }
    assert shown_values(scene) == expected
    assert shown_values(scene)[("Z", 0, 0)] == "11"
    assert shown_values(scene)[("R", 3, 0)] == "0"  # ReLU turned -8 into 0


def test_every_matrix_of_the_trace_is_on_the_page(scene: Walkthrough, trace: Trace) -> None:
    assert set(scene.grids) == {t.name for t in trace.tensors}
    on_page = set(scene.get_mobject_family_members())
    assert all(grid in on_page for grid in scene.grids.values())


def test_the_scene_plays_a_beat_per_op_group(scene: Walkthrough, trace: Trace) -> None:
    # One play per op group (cell detail: per op), plus the step and note beats.
    board = storyboard(trace)
    assert scene.renderer.num_plays == sum(len(shot.beats) for shot in board.shots)  # a play or wait per beat
    assert scene.renderer.time == pytest.approx(storyboard(trace).seconds, abs=1e-6)


def test_row_detail_writes_the_same_values_in_fewer_beats(trace: Trace, scene: Walkthrough) -> None:
    rows = construct(trace, detail="row")
    assert shown_values(rows) == shown_values(scene)
    assert rows.renderer.num_plays < scene.renderer.num_plays


def test_shaped_words_are_kept_on_disk_and_load_back_the_same(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handtf.scenes import grid

    monkeypatch.setenv("HANDTF_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # Pango's scratch SVGs go to ./media/texts outside a render
    fresh = grid._outline("-1·12", bold=False)
    (entry,) = list(tmp_path.rglob("*.npy"))
    inode = entry.stat().st_ino
    again = grid._outline("-1·12", bold=False)
    assert (fresh == again).all() and fresh.shape[0] > 0
    assert entry.stat().st_ino == inode  # read back, not shaped and replaced
    entry.write_bytes(b"not an array")
    assert (grid._outline("-1·12", bold=False) == fresh).all()  # a damaged entry is shaped again


@pytest.mark.parametrize("steps", [(3,), (2, 3), (4,)])
def test_a_walkthrough_of_some_steps_starts_from_given_inputs(steps: tuple[int, ...]) -> None:
    part = select_steps(transformer(), steps)
    expected = {(op.out.tensor, op.out.row, op.out.col): format_number(op.value) for s in part.steps for op in s.ops}
    assert shown_values(construct(part)) == expected


def test_self_attention_shows_every_value_in_its_cell_including_exp_and_division() -> None:
    trace = self_attention()
    expected = {(op.out.tensor, op.out.row, op.out.col): format_number(op.value) for s in trace.steps for op in s.ops}
    assert shown_values(construct(trace, "row")) == expected


FFN_434 = """
title = "A 4-3-4 FFN, ReLU after both layers"
[matrices.X]
values = [[1, 2, 0, -1, 3], [0, 1, 1, 2, 0], [2, 0, 1, 1, -2], [1, 1, 0, 0, 1]]
[matrices.W1]
role = "weight"
values = [[1, 0, -1, 1], [0, 1, 1, -1], [-1, 1, 0, 1]]
[matrices.b1]
role = "bias"
values = [[0], [1], [-1]]
[matrices.W2]
role = "weight"
values = [[1, -1, 0], [0, 1, 1], [-1, 0, 1], [1, 1, -1]]
[matrices.b2]
role = "bias"
values = [[1], [0], [0], [-1]]
[[steps]]
op = "linear"
inputs = ["W1", "b1", "X"]
output = "H1"
[[steps]]
op = "relu"
inputs = ["H1"]
output = "R1"
[[steps]]
op = "linear"
inputs = ["W2", "b2", "R1"]
output = "H2"
[[steps]]
op = "relu"
inputs = ["H2"]
output = "R2"
role = "output"
"""


SEQ_8 = """title = "Eight positions"
[matrices.X]
role = "input"
values = [[1, 2, 0, 3, 1, 0, 2, 1], [0, 1, 1, 0, 2, 1, 0, 3], [2, 0, 1, 1, 0, 2, 1, 0]]
[matrices.A]
role = "attention"
values = [
    [1, 0, 0, 0, 0, 0, 0, 1],
    [1, 1, 0, 0, 0, 0, 0, 0],
    [0, 1, 1, 0, 0, 0, 0, 0],
    [0, 0, 1, 1, 0, 0, 0, 0],
    [0, 0, 0, 1, 1, 0, 0, 0],
    [0, 0, 0, 0, 1, 1, 0, 0],
    [0, 0, 0, 0, 0, 1, 1, 0],
    [0, 0, 0, 0, 0, 0, 1, 1],
]
[matrices.W]
role = "weight"
values = [[1, -1, 0], [0, 1, -1], [-1, 0, 1], [1, 1, -1]]
[matrices.b]
role = "bias"
values = [[0], [1], [-1], [0]]
[[steps]]
op = "matmul"
inputs = ["X", "A"]
output = "Z"
explain = true
title = "[1] Attention weighting"
[[steps]]
op = "linear"
inputs = ["W", "b", "Z"]
output = "H"
title = "[2] FFN"
[[steps]]
op = "relu"
inputs = ["H"]
output = "R"
role = "output"
title = "[3] ReLU"
"""


@pytest.mark.parametrize("spec", [FFN_434, SEQ_8], ids=["4x5 input, 4-3-4 FFN", "8 positions"])
def test_a_spec_of_other_shapes_lays_out_without_overlap_and_shows_every_value(spec: str) -> None:
    from handtf.layout import staircase
    from handtf.spec import spec_from_text

    trace = spec_from_text(spec, "toml")
    boxes = list(staircase(trace).boxes.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a.right <= b.col or b.right <= a.col or a.bottom <= b.row or b.bottom <= a.row
    expected = {(op.out.tensor, op.out.row, op.out.col): format_number(op.value) for s in trace.steps for op in s.ops}
    assert shown_values(construct(trace, "row")) == expected


def _big_product() -> Trace:
    rng = np.random.default_rng(0)
    chain = Chain("12x12 by 12x12")
    x = chain.given("X", "input", rng.integers(-1, 3, (12, 12)))
    a = chain.given("A", "attention", rng.integers(-1, 3, (12, 12)))
    chain.matmul("big", "[1] A big product", x, a, "Z")
    return chain.trace()


@pytest.mark.parametrize("detail", ["row", "step"])
def test_a_12x12_by_12x12_product_fits_its_frame(detail: str) -> None:
    trace = _big_product()
    scene = construct(trace, detail)  # type: ignore[arg-type]
    view = scene.frame_of(scene.board.shots[0])
    left, right = view.center[0] - view.width / 2, view.center[0] + view.width / 2
    top, bottom = view.center[1] + view.height / 2, view.center[1] - view.height / 2
    for name, grid in scene.grids.items():
        assert left <= grid.get_left()[0] and grid.get_right()[0] <= right, name
        assert bottom <= grid.get_bottom()[1] and grid.get_top()[1] <= top, name
    for group in group_ops(trace.steps[0], detail):  # type: ignore[arg-type]
        caption = bands.caption(view, scene.style, False, group.label, group.arithmetic)
        assert caption.width <= view.width * 1.03 and bottom <= caption.get_bottom()[1]


class CaptionWatch(Walkthrough):
    """A walkthrough that notes, at each play while the marks move, whether a caption
    is on screen.
    """

    def play_mark(self, shot, beat) -> None:  # type: ignore[no-untyped-def]
        self.moving = True
        super().play_mark(shot, beat)
        self.moving = False

    def play(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if getattr(self, "moving", False):
            caption = self.shown_caption
            self.__dict__.setdefault("seen", []).append(caption is not None and caption in self.mobjects)
        super().play(*args, **kwargs)


@pytest.mark.parametrize("detail", ["cell", "row"])
def test_no_caption_shows_while_the_marks_move_to_the_next_cells(trace: Trace, detail: str) -> None:
    scene = construct(trace, detail, scene_class=CaptionWatch)  # type: ignore[arg-type]
    moves = scene.__dict__["seen"]
    assert len(moves) == sum(len(group_ops(s, detail)) for s in trace.steps)  # type: ignore[arg-type]
    assert not any(moves)  # the last caption went as they left; the next shows as they land


def test_a_value_flies_up_from_its_result_and_never_over_the_label() -> None:
    from handtf.framing import BOTTOM_BAND, View
    from handtf.scenes.style import STYLE

    frame = bands.Frame.of(View(10, 6, 16, 9), STYLE)
    drawn = bands.caption(frame, STYLE, False, "P1 · A1 = Z[1,1]", "5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11")
    label, result = drawn[1], drawn[-1]
    assert label.get_top()[1] < result.get_bottom()[1]  # the label is wholly below the result
    band_top = frame.center[1] - frame.height / 2 + frame.height * BOTTOM_BAND
    assert result.get_top()[1] <= band_top + 1e-6  # and every cell it flies to is above the band
