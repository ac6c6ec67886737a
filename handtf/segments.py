"""The segments a video is encoded in, and what each draws, as a key: the same key,
the same frames.

A video is joined, without re-encoding, from segments: each shot of the storyboard
(each step, then the takeaways) cut at beats into pieces of some seconds of motion
each, so that a step can be drawn by several processes side by side and a re-render
of one step is not left to one core. Where a shot is cut follows from the storyboard
alone, so a video is cut the same way however many processes draw it.

A segment's frames follow from:

- how it is drawn: the format, quality, theme and the other render settings, and the
  versions of handtf, manim and PyAV that draw and encode it;
- what the whole video shares: its storyboard's title, layout, language, decimals and
  pace (a change of shape moves every matrix, so it changes every key);
- the page it starts from, which is what the segments before it drew, and what it
  draws itself: its shot (the view, title, matrices shown and copied, with their
  numbers and labels) and its own beats, with their captions, notes and camera.

So the key of a segment chains the keys before it: changing a number first shown in
step [5] changes the keys of step [5]'s segments and of every one after them, and no
other.
"""

from __future__ import annotations

__all__ = ["Segment", "segment_keys", "segments"]

import dataclasses
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from handtf.beats import HELD, Shot, Storyboard
from handtf.trace import Trace

PIECE = 4.0  # seconds of motion a segment holds, about (a shot with less is one segment)
_SETTING_UP = 1.0  # a segment's start (its encoder, the page laid out), in seconds of motion


@dataclass(frozen=True)
class Segment:
    """Beats ``beats`` of shot ``shot``, encoded on their own; ``index`` in the video."""

    index: int
    shot: int
    beats: range
    name: str  # its section's name: the shot's stem, then ``-part2``, ``-part3``…
    cost: float  # what drawing it takes, in seconds of motion (held frames cost one frame)


def _motion(shot: Shot, beats: range) -> float:
    return sum(shot.beats[b].seconds for b in beats if shot.beats[b].kind not in HELD)


def _cuts(shot: Shot) -> list[range]:
    """The beats of ``shot`` in runs of about equal motion, some :data:`PIECE` seconds each."""
    whole = range(len(shot.beats))
    motion = _motion(shot, whole)
    pieces = max(1, math.floor(motion / PIECE))
    if pieces == 1:
        return [whole]
    target = motion / pieces
    runs: list[range] = []
    start, moved = 0, 0.0
    for b, beat in enumerate(shot.beats):
        if beat.kind not in HELD:
            moved += beat.seconds
        if len(runs) < pieces - 1 and moved >= target * (len(runs) + 1) and b + 1 < len(shot.beats):
            runs.append(range(start, b + 1))
            start = b + 1
    runs.append(range(start, len(shot.beats)))
    return runs


def segments(board: Storyboard) -> list[Segment]:
    """Every segment of ``board``'s video, in order; see the module's text.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> cut = segments(storyboard(transformer()))
    >>> [s.name for s in cut if s.shot == 4]
    ['05-ffn-2', '05-ffn-2-part2', '05-ffn-2-part3']
    >>> [len(s.beats) for s in cut if s.shot == 4], len(storyboard(transformer()).shots[4].beats)
    ([15, 19, 17], 51)
    """
    found: list[Segment] = []
    for shot in board.shots:
        for n, beats in enumerate(_cuts(shot), start=1):
            name = shot.stem if n == 1 else f"{shot.stem}-part{n}"
            found.append(Segment(len(found), shot.index, beats, name, _SETTING_UP + _motion(shot, beats)))
    return found


def _tensor(trace: Trace, name: str) -> dict[str, Any]:
    tensor = trace.tensor(name)
    return {
        "name": name,
        "role": tensor.role,
        "values": tensor.values,
        "rows": tensor.row_labels,
        "cols": tensor.col_labels,
    }


def _digest(*parts: Any) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def segment_keys(board: Storyboard, trace: Trace, settings: Mapping[str, Any]) -> list[str]:
    """One key per segment of ``board`` (the storyboard the video plays, of
    ``trace``; see :func:`segments`), for a render with ``settings``; see the
    module's text.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> def keys(trace):
    ...     return segment_keys(storyboard(trace), trace, {"format": "mp4"})
    >>> seed = keys(transformer())
    >>> len(seed) == len(set(seed)) == len(segments(storyboard(transformer())))
    True
    >>> changed = keys(transformer(b2=[[0], [1], [2]]))  # b2 shows first in step [5]
    >>> [s.shot for s, a, b in zip(segments(storyboard(transformer())), seed, changed) if a != b]
    [4, 4, 4, 5]
    """
    shared = board.to_dict()
    del shared["shots"], shared["figure"]  # the shots go one by one; the blog figure is not drawn
    key = _digest(dict(settings), shared)
    keys = []
    for segment in segments(board):
        shot = board.shots[segment.shot]
        shown = [_tensor(trace, name) for name in (*shot.shows, *shot.copies)]
        drawn = {
            **dataclasses.asdict(shot),
            "beats": [dataclasses.asdict(b) for b in shot.beats[segment.beats.start : segment.beats.stop]],
        }
        key = _digest(key, drawn, shown, [segment.beats.start, segment.beats.stop])
        keys.append(key)
    return keys
