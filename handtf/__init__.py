"""handtf: "AI by Hand" exercises worked out cell by cell, as a trace of every operation.

The core is numpy only; the Manim scenes that draw a trace live in ``scenes/``.
"""

from __future__ import annotations

__all__ = [
    "Cell",
    "CellOp",
    "Chain",
    "DETAILS",
    "EXERCISES",
    "HandtfError",
    "Note",
    "OpGroup",
    "Step",
    "Tensor",
    "Trace",
    "exercise",
    "group_ops",
    "replay",
    "transformer",
]

from handtf.chain import Chain
from handtf.detail import DETAILS, OpGroup, group_ops
from handtf.errors import HandtfError
from handtf.exercises import EXERCISES, exercise, transformer
from handtf.replay import replay
from handtf.trace import Cell, CellOp, Note, Step, Tensor, Trace

__version__ = "0.1.0"
