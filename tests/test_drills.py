"""The drills, as the workbooks W1 to W3: sheets of products of small integers, their
sizes growing every five exercises, any count of them from one seed."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from handtf.cli import cli
from handtf.exercises.dot_product import dot_product
from handtf.exercises.drill import numbered
from handtf.exercises.linear_layer import linear_layer
from handtf.exercises.matrix_multiplication import matrix_multiplication
from handtf.generate import generate
from handtf.layout import staircase
from handtf.pages import pages
from handtf.spec import spec_from_text
from handtf.storyboard import storyboard
from handtf.trace import Trace

DRILLS = ["dot-product", "matrix-multiplication", "linear-layer"]


def products(trace: Trace) -> list[tuple[np.ndarray, ...]]:
    """Each exercise's inputs and result, by its step."""
    return [
        (*(trace.tensor(n).array() for n in step.inputs), trace.tensor(step.output).array()) for step in trace.steps
    ]


def test_each_drill_works_its_products_as_numpy_does() -> None:
    for trace in (dot_product(), matrix_multiplication()):
        for step, arrays in zip(trace.steps, products(trace), strict=True):
            if step.kind == "matmul":
                left, right, y = arrays
            else:  # the missing entry, found: its operand is the step's output
                other, y, found = arrays
                left, right = (found, other) if step.params["side"] == "left" else (other, found)
            np.testing.assert_array_equal(y, left @ right)
    for w, b, x, _ones, y in products(linear_layer()):
        np.testing.assert_array_equal(y, w @ x + b)


@pytest.mark.parametrize("name", ["dot-product", "matrix-multiplication"])
def test_the_last_two_of_every_five_ask_for_a_missing_entry_and_give_the_rest(name: str) -> None:
    trace = generate(name, 5, count=10)
    asked = [k for k, s in enumerate(trace.steps, start=1) if s.kind == "missing_entry"]
    assert asked == [4, 5, 9, 10]
    board = storyboard(trace)
    for shot in board.shots[:-1]:
        writes = [w for beat in shot.beats if beat.kind in ("write", "give") for w in beat.writes]
        worked = [w for w in writes if not w.given]
        if trace.steps[shot.index].kind == "missing_entry":
            assert len(worked) == 1  # only the blank is worked out; the rest are given, and print
            step = trace.steps[shot.index]
            assert step.inputs[1] in board.given  # the product is given
        else:
            assert not [w for w in writes if w.given]


def test_the_linear_layers_last_two_tabs_ask_for_a_weight_or_bias_as_the_workbooks_do() -> None:
    """W3's exercises 16-25 give y and leave one entry of [W | b] blank."""
    for seed in range(1, 9):
        trace = generate("linear-layer", seed, count=25)
        asked = [k for k, s in enumerate(trace.steps, start=1) if s.kind == "missing_entry"]
        assert asked == list(range(16, 26))
        for step, arrays in zip(trace.steps[15:], products(trace)[15:], strict=True):
            x1, y, wb = arrays
            assert step.params["side"] == "left" and step.output == numbered("W|b", int(step.id.split("-")[1]))
            np.testing.assert_array_equal(x1[-1], [1])  # [x; 1]: the bias meets the row of 1s
            np.testing.assert_array_equal(wb @ x1, y)
            blank = [v for row in step.params["values"] for v in row].index("?")
            assert wb.ravel()[blank] == step.ops[-1].value
    assert all(s.kind == "linear" for s in generate("linear-layer", 3, count=15).steps)


@pytest.mark.parametrize("name", DRILLS)
def test_a_sheet_of_25_grows_every_five_and_stays_within_two_digits(name: str) -> None:
    trace = generate(name, 7, count=25)
    assert [s.title for s in trace.steps][:12:11] == ["[1] Exercise 1", "[12] Exercise 12"]
    sizes = [sum(trace.tensor(n).array().size for n in (*s.inputs, s.output)) for s in trace.steps]
    assert max(sizes[:5]) < max(sizes[20:])  # the last five are bigger than the first five
    assert all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row)
    given = {t.name for t in trace.tensors} - trace.produced()
    assert all(isinstance(v, int) for t in trace.tensors if t.name in given for row in t.values for v in row)
    assert generate(name, 7, count=25) == trace and generate(name, 8, count=25) != trace


def test_the_exercises_of_a_sheet_go_side_by_side_and_print_five_or_so_to_a_page() -> None:
    trace = generate("dot-product", 7, count=25)
    layout = staircase(trace)
    count = range(1, len(trace.steps) + 1)
    tops = [layout.boxes[numbered("a", k)].row for k in count]
    assert set(tops) == {0}  # every column a at the top, each exercise right of the one before
    boxes = [layout.boxes[numbered("a·b", k)] for k in count]
    assert all(a.right < b.col for a, b in zip(boxes, boxes[1:], strict=False))
    assert len(pages(storyboard(trace))) <= 7


def test_handtf_new_writes_a_sheet_of_any_count_that_loads_back() -> None:
    result = CliRunner().invoke(cli, ["new", "matrix-multiplication", "--seed", "3", "--count", "12"])
    assert result.exit_code == 0, result.output
    again = spec_from_text(result.output, "toml")
    assert len(again.steps) == 12 and again.steps[-1].title == "[12] Exercise 12"
