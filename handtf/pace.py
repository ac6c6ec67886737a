"""How fast a walkthrough plays: seconds per beat, and how long a caption stays up to
be read.

A caption (an op's label and worked arithmetic) stays on screen for as long as its
numbers take to read: ``read_base`` plus ``read_number`` for each number in the
arithmetic, so ``5·1 + 6·1 + 0·0 + 7·0 + 0·0 = 11`` stays longer than
``max(0, 10) = 10``. The first output row of every step gets ``first_row`` more, for
the viewer to see the pattern the rest repeats; the rows after it take ``repeat`` of
their reading time. Both hold the same way in every step.

``--pace`` names one of :data:`PACES`, or gives the seconds every caption stays.

A long exercise (the whole transformer) at ``--detail row`` or ``step`` would last
many minutes at the normal pace; :func:`within` gives the share of it to play, every
beat by the same share, so that it lasts about :data:`BUDGET` seconds, but never
faster than :data:`QUICKEST` of the normal pace. ``--pace slow`` and given seconds are kept as asked.
"""

from __future__ import annotations

__all__ = ["BUDGET", "PACES", "QUICKEST", "Timing", "pace", "within"]

import math
import re
from dataclasses import dataclass, fields, replace

from handtf.errors import HandtfError, shown

NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Timing:
    """Seconds each beat of the walkthrough takes, and how long captions stay up."""

    camera: float = 0.8
    reveal: float = 0.6
    mark: float = 0.35
    write: float = 0.4
    zero: float = 0.35
    note: float = 0.45
    hold: float = 1.2  # a given matrix, or the notes, once all are shown
    takeaway: float = 3.0
    read_base: float = 0.5  # a caption stays up at least this long
    read_number: float = 0.13  # and this much more per number in its arithmetic
    first_row: float = 0.5  # more, on the first output row of each step
    repeat: float = 1.0  # the share of the reading time the rows after the first get
    per_caption: float | None = None  # seconds every caption stays, whatever it says
    name: str = "normal"

    def reading(self, arithmetic: str, first_row: bool) -> float:
        """Seconds a caption with this arithmetic stays on screen, from when it shows."""
        if self.per_caption is not None:
            return self.per_caption
        seconds = self.read_base + self.read_number * len(NUMBER.findall(arithmetic))
        return seconds + self.first_row if first_row else seconds * self.repeat

    def scaled(self, share: float) -> Timing:
        """Every beat, and every caption's stay, ``share`` as long."""
        kept = ("repeat", "name") if self.per_caption is not None else ("repeat", "name", "per_caption")
        return replace(self, **{f.name: getattr(self, f.name) * share for f in fields(self) if f.name not in kept})


BUDGET = 180.0  # seconds a long exercise's row or step video lasts, about
QUICKEST = 0.5  # of the normal pace: no faster than this, to stay readable


def within(timing: Timing, seconds: float, budget: float = BUDGET) -> float:
    """The share of its seconds a video that lasts ``seconds`` at the normal pace plays
    at, to last about ``budget``, no less than :data:`QUICKEST`; 1 at any other pace.

    >>> within(Timing(), 360), within(Timing(), 100), within(Timing(), 3600), within(PACES["slow"], 3600)
    (0.5, 1.0, 0.5, 1.0)
    """
    if timing.name != "normal" or seconds <= budget:
        return 1.0
    return max(QUICKEST, budget / seconds)


# slow: for a class seeing it for the first time; normal: every caption can be read
# before it moves on; fast: the rows after each step's first go by at 60%, for those
# who know the pattern (about the speed of handtf before --pace).
PACES: dict[str, Timing] = {
    "slow": Timing(
        reveal=0.8, hold=1.8, note=0.6, takeaway=4.5, read_base=0.9, read_number=0.2, first_row=0.8, name="slow"
    ),
    "normal": Timing(),
    "fast": Timing(
        camera=0.6, hold=0.9, takeaway=2.0, read_base=0.3, read_number=0.05, first_row=0.6, repeat=0.6, name="fast"
    ),
}


def pace(value: str | float) -> Timing:
    """The timing of a pace: ``slow``, ``normal``, ``fast``, or the seconds every
    caption stays on screen (0.5 to 30).

    >>> pace("fast").repeat
    0.6
    >>> pace("2.5").per_caption
    2.5
    """
    if isinstance(value, str) and value.strip().lower() in PACES:
        return PACES[value.strip().lower()]
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not 0.5 <= seconds <= 30:  # also NaN
        raise HandtfError(
            f"pace {shown(str(value))} is not one of {', '.join(PACES)}, nor seconds from 0.5 to 30; "
            f"give --pace normal, or the seconds each caption stays up, like --pace 2"
        )
    return replace(PACES["normal"], per_caption=seconds, name=f"{seconds:g}")
