"""Tom Yeh's sheets, typed into specs (tests/sheets/extract.py), worked by handtf:
every matrix the sheet shows must come out the same to 1e-6."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

from handtf import replay
from handtf.cautions import too_big
from handtf.spec import load_spec

SHEETS = Path(__file__).parent / "sheets"


@pytest.mark.parametrize(
    "stem",
    [
        "multihead-3-heads",
        "self-attention-small",
        "full-stack-layer-norm",
        "full-stack-vocabulary",
        "mlp-small",
        "rnn-small",
        "lstm-small",
        "backprop",
        "softmax",
        "autoencoder-small",
        "resnet-small",
        "temperature-small",
    ],
)
def test_a_sheet_typed_into_a_spec_comes_out_as_the_sheet_has_it(stem: str) -> None:
    trace = load_spec(SHEETS / f"{stem}.toml")
    expected = json.loads((SHEETS / f"{stem}.expected.json").read_text(encoding="utf-8"))
    # A sheet that types a matrix in rounded, instead of computing it, is checked rounded
    # to its places: the Temperature sheet's probabilities and ranges, to 2.
    decimals = expected.pop("decimals", {})
    for name, words in expected.pop("labels", {}).items():  # the words beside a matrix's rows
        assert list(trace.tensor(name).row_labels) == words, name
    replayed = replay(trace)
    for name, values in expected.items():
        for worked in (trace.tensor(name).array(), replayed[name]):
            if name in decimals:
                np.testing.assert_array_equal(np.round(worked, decimals[name]), values, err_msg=name)
            else:
                np.testing.assert_allclose(worked, values, rtol=1e-6, atol=1e-6, err_msg=name)


def test_the_3_heads_sheet_keeps_its_huge_and_tiny_numbers_and_shows_them_readably() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trace = load_spec(SHEETS / "multihead-3-heads.toml")
    scaled = trace.tensor("S'2").array()
    assert scaled.max() == pytest.approx(46.188, abs=1e-3)  # the sheet's largest score
    exp = next(s for s in trace.steps if s.output == "E2")
    biggest = max(exp.ops, key=lambda op: op.value)
    assert biggest.arithmetic == "exp(46.19) ≈ 1.1e20"
    assert biggest.value == pytest.approx(np.exp(46.188021535), rel=1e-6)
    a = trace.tensor("A2").array()
    assert a.min() == pytest.approx(8.096e-13, rel=1e-3)  # as the sheet has it, kept in full
    divide = next(s for s in trace.steps if s.output == "A2")
    assert any(op.arithmetic.endswith("≈ 0") for op in divide.ops)
    warning = too_big(trace)
    assert warning is not None and warning.startswith("E2[1,1] is 1.1e20") and "too big to work by hand" in warning


def test_the_full_stack_sheet_picks_fill_after_its_sixth_token() -> None:
    """The sheet reads the next token at its last token's position (t = 5, "play"),
    where "fill" has the highest probability, 0.6217."""
    trace = load_spec(SHEETS / "full-stack-vocabulary.toml")
    assert trace.tensor("Td").row_labels[5] == "play"
    assert trace.tensor("N").row_labels[5] == "fill"
    assert trace.tensor("N").values[5][0] == pytest.approx(0.6217, abs=5e-5)
    assert len(trace.tensor("P").col_labels) == 24
