"""What each step's segment of a video draws, as a key: the same key, the same frames.

A video is one segment per shot of the storyboard (each step, then the takeaways),
joined without re-encoding. A segment's frames follow from:

- how it is drawn: the format, quality, theme and the other render settings, and the
  versions of handtf, manim and PyAV that draw and encode it;
- what the whole video shares: its storyboard's title, layout, language, decimals and
  pace (a change of shape moves every matrix, so it changes every key);
- the page it starts from, which is what the shots before it drew, and what it draws
  itself: each of those shots in full (its beats, captions, notes and camera), with
  the matrices it shows and copies, numbers and labels.

So the key of shot ``k`` chains the keys before it: changing a number first shown in
step [5] changes the keys of step [5] and of every shot after it, and no other.
"""

from __future__ import annotations

__all__ = ["segment_keys"]

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from handtf.beats import Storyboard
from handtf.trace import Trace


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
    """One key per shot of ``board`` (the storyboard the video plays, of ``trace``),
    for a render with ``settings``; see the module's text.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> def keys(trace):
    ...     return segment_keys(storyboard(trace), trace, {"format": "mp4"})
    >>> seed = keys(transformer())
    >>> len(seed), len(set(seed))
    (6, 6)
    >>> changed = keys(transformer(b2=[[0], [1], [2]]))  # b2 shows first in step [5]
    >>> [a == b for a, b in zip(seed, changed)]
    [True, True, True, True, False, False]
    """
    shared = board.to_dict()
    del shared["shots"], shared["figure"]  # the shots go one by one; the blog figure is not drawn
    key = _digest(dict(settings), shared)
    keys = []
    for shot in board.shots:
        shown = [_tensor(trace, name) for name in (*shot.shows, *shot.copies)]
        key = _digest(key, dataclasses.asdict(shot), shown)
        keys.append(key)
    return keys
