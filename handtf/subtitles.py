"""Chapters and subtitles of a walkthrough video, read off its storyboard.

A video plays each beat of the storyboard for whole frames (see
:meth:`Storyboard.frames`), so every shot and every beat starts at a frame the
storyboard says. From those times:

- a **chapter** per shot: each step, named by its title in the storyboard's language,
  and the takeaways at the end;
- a **cue** for what a viewer reads: each shot's title (and formula); each caption, an
  op's label over its worked arithmetic; each note, in the caption band or pointing at
  cells; and the takeaways. A cue starts with its beat and lasts until the next cue of
  its shot starts, what it says leaves the screen, or the shot ends, so cues never
  overlap.

:func:`webvtt` and :func:`srt` write the cues as files. Text from a spec is data: it
is written so that no title can end a cue early, start another or carry markup.
"""

from __future__ import annotations

__all__ = ["Chapter", "Cue", "Said", "chapters", "cues", "said", "shot_starts", "srt", "webvtt"]

import re
from dataclasses import dataclass

from handtf.beats import Beat, Shot, Storyboard
from handtf.text import add_words, say

add_words({"chapter.takeaways": "Takeaways"}, {"chapter.takeaways": "정리"})

# The beats after which what a cue says is no longer on screen: a caption goes at the
# next mark, unmark or clear; notes at unpoint, unremark or clear.
_GONE = {
    "caption": ("mark", "unmark", "clear"),
    "note": ("unpoint", "unremark", "clear"),
    "title": ("clear",),
    "takeaways": ("clear",),
}


@dataclass(frozen=True)
class Chapter:
    """A chapter of the video: a shot, from ``start`` to ``end`` seconds."""

    start: float
    end: float
    title: str


@dataclass(frozen=True)
class Cue:
    """A subtitle: ``text`` (one or more lines) from ``start`` to ``end`` seconds."""

    start: float
    end: float
    text: str


def beat_starts(shot: Shot, fps: float, start: int) -> list[int]:
    """The frame each beat of ``shot`` starts on, the shot starting on ``start``; and
    last, the frame after the shot.
    """
    frames = [start]
    for beat in shot.beats:
        frames.append(frames[-1] + beat.frames(fps))
    return frames


def shot_starts(board: Storyboard, fps: float) -> list[int]:
    """The frame each shot starts on, and last, the number of frames of the video.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> board = storyboard(transformer())
    >>> starts = shot_starts(board, 15)
    >>> starts[0], starts[-1] == board.frames(15)
    (0, True)
    """
    starts = [0]
    for shot in board.shots:
        starts.append(starts[-1] + sum(beat.frames(fps) for beat in shot.beats))
    return starts


def chapters(board: Storyboard, fps: float) -> list[Chapter]:
    """A chapter per shot: the steps by their titles, then the takeaways.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> [c.title for c in chapters(storyboard(transformer(lang="ko")), 15)][-2:]
    ['[5] FFN: 두 번째 레이어', '정리']
    """
    starts = shot_starts(board, fps)
    return [
        Chapter(
            starts[k] / fps,
            starts[k + 1] / fps,
            shot.title if shot.kind == "step" else say(board.lang, "chapter.takeaways"),
        )
        for k, shot in enumerate(board.shots)
    ]


def _said(shot: Shot, beat: Beat, first: bool, takeaways: tuple[str, ...]) -> tuple[str, str] | None:
    """What ``beat`` puts on screen to be read, and its sort (a key of ``_GONE``)."""
    if first:
        return "title", " ".join(part for part in (shot.title, shot.formula) if part)
    if beat.caption is not None and beat.kind in ("write", "ask"):
        arithmetic = "?" if beat.kind == "ask" else beat.caption.arithmetic
        return "caption", "\n".join(part for part in (beat.caption.label, arithmetic) if part)
    if beat.kind in ("point", "remark") and beat.text:
        return "note", beat.text
    if shot.kind == "takeaways" and beat.kind == "reveal" and takeaways:
        return "takeaways", "\n".join(takeaways)
    return None


@dataclass(frozen=True)
class Said:
    """A cue by beats: ``text`` shows from beat ``first`` of shot ``shot`` until beat
    ``until`` starts (the number of the shot's beats: until the shot ends).
    """

    shot: int
    first: int
    until: int
    text: str


def said(board: Storyboard) -> list[Said]:
    """Every cue of ``board``, by beats, in order; see the module's text.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> said(storyboard(transformer()))[0]
    Said(shot=0, first=0, until=2, text='[1] Attention weight matrix A')
    """
    found: list[Said] = []
    for k, shot in enumerate(board.shots):
        on_screen = []  # (beat index, sort, text)
        for b, beat in enumerate(shot.beats):
            what = _said(shot, beat, b == 0, board.takeaways)
            if what is not None:
                on_screen.append((b, *what))
            if b == 0 and beat.kind == "reveal" and shot.kind == "takeaways":
                on_screen.append((b, "takeaways", "\n".join(board.takeaways)))
        for n, (b, sort, text) in enumerate(on_screen):
            ends = [on_screen[n + 1][0]] if n + 1 < len(on_screen) else []
            ends += [e for e in range(b + 1, len(shot.beats)) if shot.beats[e].kind in _GONE[sort]][:1]
            # Runs of spaces align rows on screen; an arrow --> would start a cue in a file.
            lines = [" ".join(line.split()).replace("-->", "→") for line in text.splitlines()]
            until = min(ends) if ends else len(shot.beats)
            if until > b and any(lines):
                found.append(Said(k, b, until, "\n".join(line for line in lines if line)))
    return found


def cues(board: Storyboard, fps: float) -> list[Cue]:
    r"""Every cue of the video at ``fps``, timed to the frames its beats start on; a
    cue that would last no frame is left out.

    >>> from handtf import transformer
    >>> from handtf.storyboard import storyboard
    >>> board = storyboard(transformer())
    >>> found = cues(board, 15)
    >>> found[0].text, found[0].start
    ('[1] Attention weight matrix A', 0.0)
    >>> print(next(c.text for c in found if "11" in c.text))
    P1 · A1 = Z[1,1]
    5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11
    """
    shots = shot_starts(board, fps)
    frames = [beat_starts(shot, fps, shots[k]) for k, shot in enumerate(board.shots)]
    timed = [(frames[c.shot][c.first], frames[c.shot][c.until], c.text) for c in said(board)]
    return [Cue(start / fps, end / fps, text) for start, end, text in timed if end > start]


def _clock(seconds: float, mark: str) -> str:
    """``hh:mm:ss.mmm`` (WebVTT, ``mark`` ".") or ``hh:mm:ss,mmm`` (SRT, ",")."""
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02}:{ms // 60_000 % 60:02}:{ms // 1000 % 60:02}{mark}{ms % 1000:03}"


def _lines(text: str) -> list[str]:
    """The cue's lines, none blank (a blank line ends a cue) and none with an arrow
    ``-->`` (which starts one).
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line.replace("-->", "→") for line in lines if line]


def webvtt(said: list[Cue]) -> str:
    """The cues as a WebVTT file; ``&``, ``<`` and ``>`` escaped, so a title is text.

    >>> print(webvtt([Cue(0, 1.5, "x < y & z")]), end="")
    WEBVTT
    <BLANKLINE>
    1
    00:00:00.000 --> 00:00:01.500
    x &lt; y &amp; z
    """
    out = ["WEBVTT", ""]
    for n, cue in enumerate(said, start=1):
        text = "\n".join(_lines(cue.text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out += [str(n), f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}", text, ""]
    return "\n".join(out)


def _srt_line(line: str) -> str:
    return re.sub(r"<(?=[A-Za-z/])", "‹", line).replace("{", "｛").replace("\\", "∖")


def srt(said: list[Cue]) -> str:
    """The cues as a SubRip file. SRT has no escapes, and players read ``<i>``-like
    tags, ``{...}`` override codes and backslash codes (a line break) in it, so a ``<``
    before a letter or ``/``, a ``{`` and a backslash are written as look-alikes (‹, ｛, ∖).

    >>> print(srt([Cue(61, 62.25, "<b>bold</b> {x}")]), end="")
    1
    00:01:01,000 --> 00:01:02,250
    ‹b>bold‹/b> ｛x}
    """
    out = []
    for n, cue in enumerate(said, start=1):
        text = "\n".join(_srt_line(line) for line in _lines(cue.text))
        out += [str(n), f"{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}", text, ""]
    return "\n".join(out)
