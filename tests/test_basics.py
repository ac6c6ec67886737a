"""The basics: softmax (with e, and with 3 as the sheet simplifies it), ReLU beside
leaky ReLU, and temperature; their numbers against numpy, their sheet-like layout,
and fresh sheets a class can work by hand."""

from __future__ import annotations

import numpy as np
import pytest

from handtf.exercises.leaky_relu import leaky_relu
from handtf.exercises.softmax import softmax
from handtf.exercises.temperature import teachable, temperature
from handtf.generate import generate
from handtf.layout import staircase
from handtf.replay import replay


def test_the_softmax_with_3_is_3_to_the_x_over_its_sum() -> None:
    trace = softmax()
    x = trace.tensor("x").array()
    np.testing.assert_allclose(trace.tensor("P").array(), np.exp(x) / np.exp(x).sum())
    np.testing.assert_allclose(trace.tensor("P3").array(), 3.0**x / (3.0**x).sum())
    assert [op.arithmetic for op in trace.steps[3].ops][:4] == ["3^2 = 9", "3^0 = 1", "3^1 = 3", "3^(-1) = 0.33"]
    assert replay(trace)["E3"].tolist()[:4] == [[9], [1], [3], [1 / 3]]


def test_the_two_softmaxes_sit_side_by_side_as_on_the_sheet() -> None:
    boxes = staircase(softmax()).boxes
    assert boxes["x"].row == boxes["y"].row and boxes["y"].col > boxes["P"].right
    assert boxes["Σ"].row > boxes["E"].bottom and boxes["Σ"].col == boxes["E"].col  # the sum under the exps


def test_relu_and_leaky_relu_each_read_x_in_one_row() -> None:
    trace = leaky_relu()
    x = trace.tensor("x").array()
    np.testing.assert_allclose(trace.tensor("M").array(), (x > 0).astype(float))  # the sheet's mask
    np.testing.assert_allclose(trace.tensor("R").array(), np.maximum(x, 0))
    np.testing.assert_allclose(trace.tensor("Mα").array(), np.where(x > 0, 1, 0.1))
    np.testing.assert_allclose(trace.tensor("L").array(), np.where(x > 0, x, 0.1 * x))
    layout = staircase(trace)
    copy = layout.copies[("leaky-mask", "x")]  # x written again, as the sheet does
    assert copy.row == layout.boxes["x"].row and copy.col > layout.boxes["R"].right
    assert layout.boxes["Mα"].col == copy.right + 1 and layout.boxes["L"].col == layout.boxes["Mα"].right + 1


def test_a_lower_temperature_sharpens_and_a_higher_one_flattens() -> None:
    trace = temperature()
    z = trace.tensor("Z").array()
    probabilities = []
    for k, t in enumerate((0.5, 1, 2), start=1):
        expected = np.exp(z / t) / np.exp(z / t).sum()
        np.testing.assert_allclose(trace.tensor(f"Y{k}").array(), expected)
        probabilities.append(trace.tensor(f"Y{k}").array().max())
    assert probabilities == sorted(probabilities, reverse=True)
    assert trace.steps[0].ops[0].arithmetic == "2 / 0.5 = 4"
    rows = {staircase(trace).boxes[f"Z/{t:g}"].row for t in (0.5, 1, 2)}
    assert rows == {0}  # the three temperatures side by side


def test_each_temperature_draws_the_word_whose_range_holds_r_as_the_sheet_samples() -> None:
    """The sheet sorts the words by probability, gives each a range of the cumulative
    probability, and draws the one whose range holds r; here at each T, with one r."""
    trace = temperature()
    words = trace.tensor("Z").row_labels
    layout = staircase(trace)
    drawn = []
    for k in (1, 2, 3):
        y = trace.tensor(f"Y{k}").array()[:, 0]
        order = np.argsort(-y, kind="stable")
        ranges = trace.tensor(f"C{k}")
        assert ranges.row_labels == tuple(words[i] for i in order)  # sorted, highest first
        right = np.cumsum(y[order])
        np.testing.assert_allclose(ranges.array(), np.stack([np.r_[0, right[:-1]], right], axis=1))
        i = int(np.searchsorted(right, 0.88, side="right"))
        sampled = trace.tensor(f"S{k}")
        assert sampled.row_labels == (words[order[i]],) and sampled.values[0][0] == pytest.approx(y[order[i]])
        drawn.append(words[order[i]])
        assert layout.boxes[f"C{k}"].col == layout.boxes[f"Y{k}"].col  # under its probabilities
        assert layout.boxes[f"S{k}"].row > layout.boxes[f"C{k}"].bottom
    assert drawn == ["cat", "dog", "sat"]  # a higher T draws a less likely word with the same r
    assert trace.steps[-1].ops[0].arithmetic == "0.80 ≤ 0.88 < 0.89 → “sat”: 0.89 − 0.80 = 0.09"
    assert [n.text for n in trace.steps[-1].notes] == ["r = 0.88 falls in “sat”'s range: it is drawn"]


@pytest.mark.parametrize("seed", range(30))
def test_a_fresh_temperature_sheet_draws_inside_the_printed_ranges_and_not_one_word_only(seed: int) -> None:
    trace = generate("temperature", seed)
    assert teachable(trace)
    r = trace.tensor("r").array()[0, 0]
    draws = [s for s in trace.steps if s.kind == "sample"]
    assert len(draws) == 3 and 0.05 <= r <= 0.95
    assert len({trace.tensor(s.output).row_labels[0] for s in draws}) >= 2


@pytest.mark.parametrize("name", ["softmax", "leaky-relu", "temperature"])
@pytest.mark.parametrize("seed", range(20))
def test_every_new_basic_sheet_has_distinct_small_numbers(name: str, seed: int) -> None:
    trace = generate(name, seed)
    column = trace.tensors[0].array()[:, 0]
    assert len(set(column)) == len(column), "two equal inputs give two equal outputs"
    assert (column > 0).any() and (column < 0).any() or name != "leaky-relu"
    assert np.abs(column).max() <= 5
    assert all(abs(v) <= 500 for t in trace.tensors for row in t.values for v in row)
