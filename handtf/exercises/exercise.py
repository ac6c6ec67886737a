"""What an exercise is: a name, a line that says what it works, the function that
works it (taking ``lang=``), a maker of fresh numbers for ``handtf new``, and the
group `handtf list` shows it in.
"""

from __future__ import annotations

__all__ = ["GROUPS", "Exercise", "Maker", "SheetMaker"]

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from handtf.trace import Trace

# The catalogue's groups, in the order `handtf list` shows them.
GROUPS = ("basics", "networks", "transformer")

# A fresh exercise from a random generator and a language, or None when the numbers
# drawn are not friendly to work by hand (``handtf new`` then draws again).
Maker = Callable[[np.random.Generator, str], Trace | None]
# A sheet of ``count`` fresh exercises (a drill's): from a random generator, a
# language and the count.
SheetMaker = Callable[[np.random.Generator, str, int], Trace | None]


@dataclass(frozen=True)
class Exercise:
    """A named walkthrough the command line can render."""

    name: str
    summary: str
    build: Callable[..., Trace]  # takes lang="en" or another of handtf.text.LANGS
    new: Maker | None = None
    group: str = "transformer"
    sheet: SheetMaker | None = None  # a drill's sheet of many exercises, for handtf new --count
