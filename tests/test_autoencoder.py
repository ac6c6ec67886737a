"""The autoencoder exercise: encode, decode and the mean squared error, as the sheet
does, and fresh sheets a class can work by hand."""

from __future__ import annotations

import numpy as np
import pytest

from handtf.exercises.autoencoder import autoencoder, teachable
from handtf.generate import generate
from handtf.layout import staircase
from handtf.trace import Trace


def check_teachable(trace: Trace) -> None:
    assert all(abs(v) <= 99 for t in trace.tensors for row in t.values for v in row)
    for n in (1, 2, 3):
        assert (trace.tensor(f"Z{n}").array() < 0).any(), f"ReLU of Z{n} zeroes nothing"
        assert not (trace.tensor(f"A{n}").array() == 0).all(axis=1).any(), f"ReLU of Z{n} zeroes a whole row"
    code = trace.tensor("A2").array()
    assert code.any(axis=0).all() and not np.array_equal(code[:, 0], code[:, 1])
    assert not (trace.tensor("Y").array() == 0).all(axis=1).any()


def test_the_loss_is_the_mean_of_the_squared_errors() -> None:
    trace = autoencoder()
    a = trace.tensor("X").array()
    for n in range(1, 5):
        a = np.maximum(trace.tensor(f"W{n}").array() @ a + trace.tensor(f"b{n}").array(), 0)
    np.testing.assert_array_equal(trace.tensor("Y").array(), a)
    assert trace.tensor("A2").shape == (2, 2)  # the code
    mse = ((a - trace.tensor("X").array()) ** 2).mean()
    assert trace.tensor("MSE").array()[0, 0] == pytest.approx(mse)
    check_teachable(trace)


def test_x_is_written_again_under_y_for_the_errors() -> None:
    layout = staircase(autoencoder())
    y, copy, errors = layout.boxes["Y"], layout.copies[("errors", "X")], layout.boxes["E"]
    assert copy.col == y.col == errors.col and y.bottom < copy.row < copy.bottom < errors.row


def test_teachable_refuses_a_code_of_zeros() -> None:
    assert teachable(autoencoder())
    assert not teachable(autoencoder(b=([[0]] * 3, [[-9]] * 2, [[0]] * 3, [[0]] * 4)))


@pytest.mark.parametrize("seed", range(30))
def test_every_new_autoencoder_is_a_sheet_a_class_can_work(seed: int) -> None:
    check_teachable(generate("autoencoder", seed))
