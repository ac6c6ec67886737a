"""The whole transformer: tokens picked from an embedding table, positions added, the
encoder, the decoder's masked and cross-attention, and the next token as a word."""

from __future__ import annotations

import math

import numpy as np
import pytest

from handtf import replay
from handtf.exercises.transformer_full_stack import (
    FULL_WD,
    FULL_WE,
    SOURCE,
    SOURCE_WORDS,
    TARGET_WORDS,
    transformer_full_stack,
)
from handtf.pace import BUDGET, QUICKEST, Timing
from handtf.storyboard import storyboard
from handtf.trace import Cell, Trace


@pytest.fixture(scope="module")
def trace() -> Trace:
    return transformer_full_stack()


def test_the_embedding_picks_each_tokens_column_of_the_table(trace: Trace) -> None:
    picked = np.array(FULL_WE)[:, [SOURCE_WORDS.index(w) for w in SOURCE]]
    np.testing.assert_array_equal(trace.tensor("X").array(), picked)
    step = next(s for s in trace.steps if s.output == "X")
    # Each op reads the table's cell and the one-hot's 1 under it; the value moves over from the table.
    assert all([c.tensor for c in op.reads] == ["We", "T"] and op.terms[0][1] == 1 for op in step.ops)
    assert step.ops[1].label == "We[1,3] · T[2,3] = X[1,2]"  # the second token, 와, is the vocabulary's third word
    board = storyboard(trace, "cell")
    writes = [w for shot in board.shots if shot.step_id == step.id for b in shot.beats for w in b.writes]
    assert writes[1].source == Cell("We", 0, 2)


def test_the_positional_encoding_is_worked_per_cell_as_the_paper_has_it(trace: Trace) -> None:
    step = next(s for s in trace.steps if s.output == "PEx")
    op = step.ops[1]  # feature row 1, position 1
    assert op.label == "sin(1/10000^(0/4)) = PEx[1,2]"
    assert op.arithmetic == "sin(1) = 0.84"
    d, n = trace.tensor("PEx").shape
    i, t = np.meshgrid(np.arange(d), np.arange(n), indexing="ij")
    angle = t / 10000 ** (2 * (i // 2) / d)
    np.testing.assert_allclose(trace.tensor("PEx").array(), np.where(i % 2 == 0, np.sin(angle), np.cos(angle)))
    np.testing.assert_allclose(trace.tensor("Xp").array(), trace.tensor("X").array() + trace.tensor("PEx").array())


def test_the_decoder_masks_its_own_attention_and_attends_to_the_encoders_output(trace: Trace) -> None:
    by_output = {s.output: s for s in trace.steps}
    assert by_output["S*2"].kind == "mask"
    a2 = trace.tensor("A2").array()
    assert np.all(np.tril(a2, -1) < 1e-6)  # no position sees a later one
    assert by_output["K3"].inputs == ("Wk3", "M") and by_output["V3"].inputs == ("Wv3", "M")
    assert by_output["Q3"].inputs == ("Wq3", "D1")
    np.testing.assert_array_equal(trace.tensor("Yp").array()[:, 0], np.array(FULL_WD)[:, 0] + [0, 1, 0, 1])
    assert np.all(np.abs(trace.tensor("Xp").array() - trace.tensor("X").array()) <= 1)  # the waves stay within ±1


def test_the_next_token_is_the_word_of_the_highest_probability(trace: Trace) -> None:
    p = trace.tensor("P")
    assert p.col_labels == TARGET_WORDS  # the words over the columns, kept from Wl through the softmax
    np.testing.assert_allclose(p.array().sum(axis=1), 1)  # the softmax is over the vocabulary, along each row
    n = trace.tensor("N")
    assert n.row_labels == tuple(TARGET_WORDS[k] for k in p.array().argmax(axis=1))
    np.testing.assert_allclose(n.array()[:, 0], p.array().max(axis=1))
    last = next(s for s in trace.steps if s.output == "N")
    best = p.array()[-1].max()
    assert last.notes[0].text == f"The next token is \u201ccat\u201d ({best:.2f}), the highest at the last position"
    assert last.ops[-1].arithmetic.endswith("\u2192 \u201ccat\u201d")
    np.testing.assert_allclose(replay(trace)["N"], n.array())


def test_a_vocabulary_of_16_words_reads_at_854x480(trace: Trace) -> None:
    """Along the width, the logits' step fits a view of no more than 20 cells' height:
    24 pixels a cell, or more, at 854x480.
    """
    assert len(TARGET_WORDS) > 12
    board = storyboard(trace, "cell")
    for shot in board.shots:
        if shot.kind == "step" and shot.step_id in ("logits", "vocabulary-exp", "next-token", "embedding-Y"):
            assert 480 / shot.view.height >= 24, (shot.step_id, shot.view)


def test_the_whole_transformer_speaks_korean() -> None:
    ko = transformer_full_stack(lang="ko")
    assert ko.title == "손으로 푸는 트랜스포머 전체"
    assert ko.steps[0].title.startswith("[1] 인코더: ")
    assert any(s.title.startswith("[") and "교차 어텐션: " in s.title for s in ko.steps)
    assert ko.steps[-1].notes[0].text.startswith("다음 토큰은 \u201ccat\u201d")


def seconds(trace: Trace, detail: str) -> float:
    board = storyboard(trace, detail)  # type: ignore[arg-type]
    return sum(b.seconds for shot in board.shots for b in shot.beats)


def test_a_long_exercise_at_row_or_step_plays_faster_but_no_faster_than_the_quickest(trace: Trace) -> None:
    assert seconds(trace, "step") == pytest.approx(BUDGET, abs=1)
    # At row, three minutes would be too fast to read: it plays at the quickest share.
    board = storyboard(trace, "row")
    moves = {b.seconds for shot in board.shots for b in shot.beats if b.kind == "move"}
    assert moves == {Timing().camera * QUICKEST}
    assert seconds(trace, "cell") > 3 * BUDGET  # cell by cell, it keeps the normal pace
    slow = storyboard(trace, "step", Timing(name="slow", camera=1.0))
    assert {b.seconds for shot in slow.shots for b in shot.beats if b.kind == "move"} == {1.0}  # as asked
    assert not math.isclose(seconds(trace, "row"), seconds(trace, "step"))


def test_a_one_hot_shown_before_its_lookup_keeps_its_place_and_the_sheet_lays_out() -> None:
    from handtf.layout import staircase
    from handtf.spec import trace_from_spec

    spec = {
        "matrices": {
            "T": {"role": "input", "values": [[1, 0, 0], [0, 0, 1]], "col_labels": ["a", "b", "c"]},
            "We": {"role": "weight", "values": [[1, 0, -1], [0, 1, 1]]},
        },
        "steps": [{"op": "show", "output": "T"}, {"op": "embedding", "inputs": ["We", "T"], "output": "X"}],
    }
    trace = trace_from_spec(spec)
    assert [list(row) for row in trace.tensor("X").values] == [[1, -1], [0, 1]]
    boxes = staircase(trace).boxes
    for a in boxes:
        for b in boxes:
            x, y = boxes[a], boxes[b]
            apart = x.right <= y.col or y.right <= x.col or x.bottom <= y.row or y.bottom <= x.row
            assert a == b or apart, (a, b)
