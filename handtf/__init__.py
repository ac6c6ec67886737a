"""handtf: "AI by Hand" exercises worked out cell by cell, as a trace of every operation.

The core is numpy only; the Manim scenes that draw a trace live in ``scenes/``.
:func:`render`, :func:`figures`, :func:`worksheet`, :func:`slides`, :func:`html` and
:func:`pack` make what the command line makes, with its options (see :mod:`handtf.outputs` and
:mod:`handtf.web`); :func:`show` shows the web player in a notebook, as a
:class:`Trace` that ends a notebook cell does.
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
    "figures",
    "group_ops",
    "html",
    "pack",
    "render",
    "replay",
    "show",
    "slides",
    "transformer",
    "worksheet",
]

from handtf.chain import Chain
from handtf.detail import DETAILS, OpGroup, group_ops
from handtf.errors import HandtfError
from handtf.exercises import EXERCISES, exercise, transformer
from handtf.outputs import figures, render, slides, worksheet
from handtf.pack import pack
from handtf.replay import replay
from handtf.trace import Cell, CellOp, Note, Step, Tensor, Trace
from handtf.web import html, show

__version__ = "0.1.0"
