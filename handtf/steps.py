"""Picking steps out of a trace, and naming the files made per step.

Steps are numbered from 1 on the command line, as the article numbers them
([1]..[5]); :func:`handtf.trace.ordinal` is the one place that converts.
"""

from __future__ import annotations

__all__ = ["OVERVIEW_STEM", "clip_stems", "figure_stems", "parse_steps", "select_steps", "step_stem"]

import re
from dataclasses import replace

from handtf.errors import HandtfError, shown
from handtf.trace import Step, Trace, ordinal


def parse_steps(text: str, count: int) -> tuple[int, ...]:
    """The 0-based indices of the steps named by ``text``: ``"2-3"``, ``"2,4"``, ``"3"``.

    >>> parse_steps("2-3", 5)
    (1, 2)
    >>> parse_steps("1,4-5", 5)
    (0, 3, 4)
    """
    chosen: set[int] = set()
    for part in text.split(","):
        match = re.fullmatch(r" *([0-9]{1,4}) *(?:- *([0-9]{1,4}) *)?", part)
        if match is None:
            raise HandtfError(f"--steps {shown(text)} is not a list of step numbers; write it like 2-3 or 1,4")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first > last:
            raise HandtfError(f"--steps {shown(text)}: the range {first}-{last} runs backwards; write {last}-{first}")
        if first < 1 or last > count:
            raise HandtfError(f"--steps {shown(text)}: this exercise has steps 1 to {count}")
        chosen.update(range(first - 1, last))
    return tuple(sorted(chosen))


def select_steps(trace: Trace, indices: tuple[int, ...]) -> Trace:
    """The part of ``trace`` made of some of its steps, with only the tensors they use.

    A tensor that an earlier, dropped step computed becomes given: its numbers are
    what a reader starts from.
    """
    steps = tuple(trace.steps[i] for i in indices)
    used = {name for step in steps for name in (*step.inputs, step.output)}
    tensors = tuple(t for t in trace.tensors if t.name in used)
    return replace(trace, tensors=tensors, steps=steps)


# The longest slug of a step's id in a file name: file names stay well under what any
# file system takes, however long a spec's step titles are.
SLUG_LIMIT = 40
OVERVIEW_STEM = "00-overview"  # the blog figure of the whole staircase


def step_stem(index: int, step: Step) -> str:
    """A file name (without suffix) for step ``index``, ordered and clean: letters,
    digits and dashes from the step's id, at most :data:`SLUG_LIMIT` of them.

    >>> from handtf import transformer
    >>> step_stem(1, transformer().steps[1])
    '02-attention-weighting'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", step.id.lower()).strip("-")[:SLUG_LIMIT].rstrip("-") or "step"
    return f"{ordinal(index):02d}-{slug}"


def clip_stems(trace: Trace) -> list[str]:
    """The names of the walkthrough's clips, a step each, then the takeaways.

    >>> from handtf import transformer
    >>> clip_stems(transformer())[-2:]
    ['05-ffn-2', '06-takeaways']
    """
    return [step_stem(i, step) for i, step in enumerate(trace.steps)] + [f"{ordinal(len(trace.steps)):02d}-takeaways"]


def figure_stems(trace: Trace) -> list[str]:
    """The names of the blog figures: a step each, then the overview."""
    return [step_stem(i, step) for i, step in enumerate(trace.steps)] + [OVERVIEW_STEM]
