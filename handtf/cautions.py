"""What handtf warns of in a spec it loads: numbers too long to read in their cells,
numbers too big to work by hand, and words the author typed in another language than the one asked for. Each is one
line, or None; the command line prints it, the Python API passes it to
:func:`warnings.warn`.
"""

from __future__ import annotations

__all__ = ["crowded", "foreign_words", "too_big"]

from handtf.chain import BY_HAND
from handtf.errors import shown
from handtf.fields import CELL_CHARS, crowded_cells
from handtf.text import foreign
from handtf.trace import Trace, cell_name
from handtf.written import format_number


def crowded(trace: Trace) -> str | None:
    """A line when numbers are too long to read in their cells."""
    cells = crowded_cells(trace)
    if not cells:
        return None
    cell, text = cells[0]
    others = len(cells) - 1
    more = f" (and {others} more {'cell' if others == 1 else 'cells'})" if others else ""
    return (
        f"{cell} shows as {text}{more}, too long to read in a cell; numbers of up to "
        f"{CELL_CHARS} characters read well, so use smaller numbers or fewer --decimals"
    )


def foreign_words(trace: Trace) -> str | None:
    """A line when words the spec's author typed are in another language than the
    trace's (handtf's own words were translated as the spec loaded).
    """
    texts = [("the title", trace.title)]
    for k, step in enumerate(trace.steps, 1):
        texts += [(f"step {k}'s title", step.title)] + [(f"a note of step {k}", n.text) for n in step.notes]
    texts += [(f"takeaway {k}", text) for k, text in enumerate(trace.takeaways, 1)]
    typed = [(what, text) for what, text in texts if foreign(text, trace.lang)]
    if not typed:
        return None
    (what, text), more = typed[0], len(typed) - 1
    which = f"{what} {shown(text, 40)}" + (f" and {more} more of the spec's words are" if more else " is")
    return (
        f"{which} not in {trace.lang}; --lang translates only the words handtf wrote, "
        f"so translate {'them' if more else 'it'} in the spec"
    )


def too_big(trace: Trace) -> str | None:
    """A line when the trace has numbers too big to work by hand (e^46 of a large
    score); they are kept and shown, not refused.
    """
    big = [
        (cell_name(t.name, i, j), v)
        for t in trace.tensors
        for i, row in enumerate(t.values)
        for j, v in enumerate(row)
        if abs(v) >= BY_HAND
    ]
    if not big:
        return None
    (cell, value), others = big[0], len(big) - 1
    more = f" (and {others} more {'cell' if others == 1 else 'cells'})" if others else ""
    return (
        f"{cell} is {format_number(value)}{more}, too big to work by hand; it is kept and shown, "
        "but smaller numbers (or a smaller scale) make a sheet one can work with pen and paper"
    )
