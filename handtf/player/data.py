"""What the web page carries: the storyboards it plays, and what it draws them with.

Everything a number on the page shows is worked out here (in the trace and the
storyboards); the page's script only draws it. The storyboards are in their compact
JSON form (:meth:`handtf.beats.Storyboard.to_dict`), one per detail and one to
predict with; the matrices give each cell's text, the origins say how each computed
cell was made, and the theme, sizes and words say how it looks.
"""

from __future__ import annotations

__all__ = ["PAGE_SCHEMA", "page_data"]

import math
from dataclasses import asdict, replace
from typing import Any

from handtf.beats import Storyboard
from handtf.detail import Detail
from handtf.errors import HandtfError
from handtf.framing import BOTTOM_BAND, TOP_BAND
from handtf.kinds import cell_rule
from handtf.layout import Layout, labels_shown, staircase, tag_of
from handtf.origins import origins
from handtf.overview import TEXT, TITLE
from handtf.pace import Timing
from handtf.player.words import player_words
from handtf.scenes.style import Style
from handtf.storyboard import NOTE_COLS, storyboard
from handtf.subtitles import said
from handtf.trace import Trace
from handtf.written import ROUNDS_TO_0, format_number

PAGE_SCHEMA = 1
_DETAILS: tuple[Detail, ...] = ("cell", "row", "step")
PORTRAIT = 0.75  # the sheet's proportions between the bands on a phone held upright


def page_data(trace: Trace, detail: Detail, timing: Timing, style: Style, theme_name: str) -> dict[str, Any]:
    """The page's data for ``trace``: it opens at ``detail``, at ``timing``'s pace."""
    layout = staircase(trace, style.gap)
    made: dict[str, Storyboard] = {d: storyboard(trace, d, timing, layout=layout) for d in _DETAILS}
    made["predict"] = storyboard(trace, "cell", timing, layout=layout, reveal=True)
    boards = {name: board.to_dict(compact=True) for name, board in made.items()}
    said_by = {name: said(board) for name, board in made.items()}
    numbered = {text: k for k, text in enumerate(dict.fromkeys(c.text for cues in said_by.values() for c in cues))}
    page = layout.page()
    return {
        "portrait": _portrait(trace, timing, layout),
        "schema": PAGE_SCHEMA,
        "title": trace.title,
        "lang": trace.lang,
        "detail": detail,
        "theme": theme_name,
        "colors": _colors(style),
        "sizes": {
            "digit": style.digit_height,
            "label": style.label_height,
            "title": TITLE,
            "text": TEXT,
            "note_cols": NOTE_COLS,
            "bands": {"top": TOP_BAND, "bottom": BOTTOM_BAND},
        },
        "page": asdict(page),
        "words": player_words(trace.lang),
        "matrices": {
            t.name: {
                "role": t.role,
                "rows": list(t.row_labels),
                "cols": list(t.col_labels),
                "labelled": list(labels_shown(t)),
                "tag": tag_of(t),
                "values": [[format_number(v, trace.decimals) for v in row] for row in t.values],
            }
            for t in trace.tensors
        },
        "origins": [
            {
                "cell": [o.cell.tensor, o.cell.row, o.cell.col],
                "step": o.step_id,
                "label": o.label,
                "arithmetic": o.arithmetic,
                "reads": [[lit.cell.tensor, lit.cell.row, lit.cell.col, lit.mark] for lit in o.reads],
            }
            for o in origins(trace)
        ],
        "worked": _worked(trace),
        "boards": boards,
        # The video's subtitles, by beats: [shot, first beat, the beat it ends at, its text in cue_texts].
        "cue_texts": list(numbered),  # each once: the boards share most
        "cues": {name: [[c.shot, c.first, c.until, numbered[c.text]] for c in cues] for name, cues in said_by.items()},
    }


def _shown(text: str) -> float:
    """The number a cell shows as ``text`` (``≈0`` is 0)."""
    return 0.0 if text == ROUNDS_TO_0 else float(text)


def _worked(trace: Trace) -> list[list[Any]]:
    """Each cell whose value, worked out from the numbers its caption shows (rounded to
    the trace's decimals), is another number: a reader who works from those is right too.
    """
    out: list[list[Any]] = []
    for step in trace.steps:
        for op in step.ops:
            shown = tuple(tuple(_shown(format_number(x, trace.decimals)) for x in pair) for pair in op.terms)
            if all(
                abs(x - y) < 1e-12
                for pair, was in zip(shown, op.terms, strict=True)
                for x, y in zip(pair, was, strict=True)
            ):
                continue
            try:
                value = float(cell_rule(op).computed(replace(op, terms=shown)))  # type: ignore[arg-type]
            except (ArithmeticError, ValueError, HandtfError):
                continue
            if math.isfinite(value) and abs(value - float(op.value)) > 1e-9:
                out.append([op.out.tensor, op.out.row, op.out.col, value])
    return out


def _portrait(trace: Trace, timing: Timing, layout: Layout) -> dict[str, Any]:
    """Each step's view for a stage held upright (a phone), and what it leaves out,
    as the storyboard frames them at those proportions; the takeaways under the sheet.
    """
    upright = storyboard(trace, "step", timing, PORTRAIT * (1 - TOP_BAND - BOTTOM_BAND), layout)
    assert upright.figure is not None
    steps = [shot for shot in upright.shots if shot.kind == "step"]
    return {
        "window": PORTRAIT,
        "views": [_rounded(asdict(shot.view)) for shot in steps] + [_rounded(asdict(upright.figure.view))],
        "left_out": [list(shot.left_out) for shot in steps] + [[]],
        "left_out_copies": [[list(c) for c in shot.left_out_copies] for shot in steps] + [[]],
        "title_at": list(upright.figure.title_at),
        "lines": [list(line) for line in upright.figure.lines],
    }


def _rounded(view: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in view.items()}


def _colors(style: Style) -> dict[str, Any]:
    return {
        "paper": style.paper,
        "grid": style.grid_line,
        "ink": style.ink,
        "faint": style.faint,
        "computed": style.computed,
        "negative": style.negative,
        "zeroed": style.zeroed,
        "row": style.row_mark,
        "col": style.col_mark,
        "out": style.out_mark,
        "note": style.note_mark,
        "fill": dict(style.role_fill),
        "stroke": dict(style.role_stroke),
    }
