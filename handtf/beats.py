"""What a storyboard is made of: shots of beats, each saying what the viewer sees.

:mod:`handtf.storyboard` works them out from a trace; the scenes and the web page draw
them. Everything is in page cells: ``x`` grows to the right and ``y`` down, from the
top-left corner of cell (0, 0). :meth:`Storyboard.to_json` is the form a web page reads.
"""

from __future__ import annotations

__all__ = [
    "BEATS",
    "HELD",
    "SCHEMA_VERSION",
    "Beat",
    "BeatKind",
    "Caption",
    "Lit",
    "Mark",
    "Shot",
    "Storyboard",
    "Write",
]

import dataclasses
import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from handtf.framing import BOTTOM_BAND, TOP_BAND, View
from handtf.layout import Layout
from handtf.overview import Overview
from handtf.trace import Cell, Number

SCHEMA_VERSION = 1

# What a beat does:
# - move: the camera goes to the shot's view, and the bands of the last shot fade;
# - reveal: the shot's new matrices and its title fade in (the takeaways, at the end);
# - mark: the last caption goes, and the marks go to the lit cells;
# - write: the caption of the lit cells shows, and values arrive in their cells;
# - give: values the exercise gives (the known entries around a missing one) appear
#   in their cells, with no caption: they are not worked out;
# - settle: values shown first (ReLU's negatives) take their own value;
# - wait: nothing moves;
# - unmark: the marks and the caption fade;
# - point: a note's line fades in, and the marks go to the cells it names;
# - unpoint: the notes and their marks fade;
# - remark, unremark: a note in the caption band fades in, and out;
# - clear: at once, the last shot's title, notes and caption go (slides: a slide's first
#   frame carries nothing of the slide before);
# - ask: the caption shows with a "?" for the value, to be said before the next click.
BeatKind = Literal[
    "move",
    "reveal",
    "mark",
    "write",
    "give",
    "settle",
    "wait",
    "unmark",
    "point",
    "unpoint",
    "remark",
    "unremark",
    "clear",
    "ask",
]
BEATS: tuple[str, ...] = BeatKind.__args__  # type: ignore[attr-defined]
HELD = ("wait", "ask")  # beats where nothing moves
Mark = Literal["row", "col", "out", "note"]


@dataclass(frozen=True)
class Lit:
    """A lit cell, and the mark that lights it: the row or column combined, the cell
    written, or a cell a note names.
    """

    cell: Cell
    mark: Mark


@dataclass(frozen=True)
class Caption:
    """What the caption band says during a beat: an op's label and its arithmetic."""

    label: str
    arithmetic: str


@dataclass(frozen=True)
class Write:
    """A value arriving in its cell: from the caption (``source="caption"``), from the
    cell it is read from, or appearing in place (``None``). ``before`` is a value shown
    in the cell first, which a later ``settle`` beat turns into ``value``. A ``given``
    value is one the exercise gives, not one worked out (the known entries around a
    missing one): it appears as its matrix does, and a worksheet prints it.
    """

    cell: Cell
    value: Number
    text: str
    source: Cell | Literal["caption"] | None
    before: Number | None = None
    before_text: str = ""
    given: bool = False


@dataclass(frozen=True)
class Beat:
    kind: BeatKind
    seconds: float
    lit: tuple[Lit, ...] = ()
    caption: Caption | None = None
    writes: tuple[Write, ...] = ()
    text: str = ""  # a note's line, for point and remark
    ops: int = 0  # cell ops this beat completes (for progress)
    slide_ends: bool = False  # in a deck, a slide ends after this beat

    def frames(self, fps: float) -> int:
        """How many frames it plays in a video at ``fps``: one that moves, the frames
        that cover it; one held still (a wait, an ask), the whole frames within its
        seconds but at least one, as manim's renderer counts a frozen frame.
        """
        if self.kind in HELD:
            return max(1, int(self.seconds / (1 / fps)))
        return math.ceil(self.seconds * fps - 1e-9)


@dataclass(frozen=True)
class Shot:
    """What one step shows (or, last, the takeaways): the view, the matrices shown for
    the first time and the copies the step reads, its title, its notes and beats.
    """

    index: int
    kind: Literal["step", "takeaways"]
    step_id: str
    stem: str
    view: View
    title: str
    formula: str  # empty when the title says it all
    shows: tuple[str, ...]
    copies: tuple[str, ...]
    beats: tuple[Beat, ...]
    notes_at: tuple[int, int] = (0, 0)  # the top-left cell of the notes that point at cells
    notes: tuple[str, ...] = ()  # the notes that point at cells, a line each
    remarks: tuple[str, ...] = ()  # the notes shown in the caption band
    qk_module: str = ""  # a given attention matrix, shown as the output of a "QK" box
    # What the view would cut, so is not drawn while the shot lasts: matrices, and
    # copies by (step id, name). They come back in a later shot that shows them whole.
    left_out: tuple[str, ...] = ()
    left_out_copies: tuple[tuple[str, str], ...] = ()
    # The takeaways shot: where the title's baseline starts, and each line of the
    # takeaways with the page cell where its baseline starts (see handtf.overview).
    title_at: tuple[float, float] = (0.0, 0.0)
    lines: tuple[tuple[str, float, float], ...] = ()

    @property
    def seconds(self) -> float:
        return sum(beat.seconds for beat in self.beats)


@dataclass(frozen=True)
class Storyboard:
    title: str
    takeaways: tuple[str, ...]
    detail: str
    aspect: float
    lang: str
    decimals: int
    shots: tuple[Shot, ...]
    given: tuple[str, ...]  # the matrices whose numbers show from the start
    layout: Layout = field(compare=False, repr=False)
    pace: str = "normal"
    slides: bool = False  # for a deck (see storyboard())
    reveal: bool = False
    figure: Overview | None = None  # the overview as a blog figure: takeaways under the sheet
    share: float = 1.0  # of the pace's seconds it plays: less for a long exercise at row or step

    @property
    def seconds(self) -> float:
        return sum(shot.seconds for shot in self.shots)

    def frames(self, fps: float) -> int:
        """How many frames a video at ``fps`` plays: each beat lasts whole frames
        (see :meth:`Beat.frames`).
        """
        return sum(beat.frames(fps) for shot in self.shots for beat in shot.beats)

    def to_dict(self, compact: bool = False) -> dict[str, Any]:
        """The JSON form. ``compact`` (what the web page carries) is the same, with each
        field of a beat, shot, write or caption left out where it has its default, a
        lit cell as ``[tensor, row, col, mark]``, and lengths and times to 4 decimals.
        """
        if compact:
            full = self.to_dict()
            full["shots"] = [_compact(shot) for shot in self.shots]
            full["aspect"] = round(self.aspect, 4)
            return full
        return {
            "schema": SCHEMA_VERSION,
            "title": self.title,
            "takeaways": list(self.takeaways),
            "detail": self.detail,
            "pace": self.pace,
            "share": self.share,
            "slides": self.slides,
            "reveal": self.reveal,
            "aspect": self.aspect,
            "lang": self.lang,
            "decimals": self.decimals,
            "given": list(self.given),
            "bands": {"top": TOP_BAND, "bottom": BOTTOM_BAND},
            "boxes": {name: asdict(box) for name, box in self.layout.boxes.items()},
            "copies": [{"step": s, "name": n, **asdict(box)} for (s, n), box in self.layout.copies.items()],
            "arrows": {name: [list(a) for a in arrows] for name, arrows in self.layout.arrows.items()},
            "shots": [_plain(asdict(shot)) for shot in self.shots],
            "figure": None if self.figure is None else _plain(asdict(self.figure)),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


_EXACT = ("value", "before")  # a write's numbers stay as worked out; lengths are rounded


def _compact(value: Any) -> Any:
    """A dataclass as a dict of its fields not at their defaults; see to_dict."""
    if isinstance(value, Lit):
        return [*_compact(value.cell), value.mark]
    if isinstance(value, Cell):
        return [value.tensor, value.row, value.col]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kept = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.default is not dataclasses.MISSING and item == f.default and type(item) is type(f.default):
                continue
            kept[f.name] = item if f.name in _EXACT else _compact(item)
        return kept
    if isinstance(value, (list, tuple)):
        return [_compact(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def _plain(value: Any) -> Any:
    """Cells as ``[tensor, row, col]`` lists, as the trace's JSON writes them."""
    if isinstance(value, dict):
        if set(value) == {"tensor", "row", "col"}:
            return [value["tensor"], value["row"], value["col"]]
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
