"""Colours, fonts and sizes of the by-hand look, in one place."""

from __future__ import annotations

__all__ = ["FONT", "ROLE_FILL", "ROLE_STROKE", "STYLE", "Style"]

from dataclasses import dataclass

FONT = "DejaVu Sans"

# Fill and outline of a matrix's cells, by the tensor's role (see handtf.trace.ROLES).
ROLE_FILL = {
    "input": "#F4E4C1",  # beige, like the features X on the sheets
    "attention": "#FFE45C",  # the yellow attention matrix
    "weight": "#FFFFFF",
    "bias": "#FFFFFF",
    "ones": "#F1EFEA",
    "hidden": "#FFFFFF",
    "output": "#FFFFFF",
}
ROLE_STROKE = {
    "input": "#8C7B5A",
    "attention": "#8C7B2A",
    "weight": "#D0453A",  # weights have a red outline
    "bias": "#D0453A",
    "ones": "#B5B0A6",
    "hidden": "#9A958C",
    "output": "#9A958C",
}


@dataclass(frozen=True)
class Style:
    """Sizes are in cells; ``cell`` is a cell's side in Manim units."""

    cell: float = 0.6
    gap: int = 1  # empty cells between a matrix and what it produces (arrows go there)
    paper: str = "#FBF9F3"
    grid_line: str = "#E6E1D6"
    ink: str = "#2B2B2B"
    faint: str = "#8A857C"
    computed: str = "#E07000"  # values worked out on the sheet are orange
    negative: str = "#2A62C9"  # negatives are set apart in blue
    zeroed: str = "#D62828"  # a negative ReLU is about to turn into 0
    row_mark: str = "#2F9E44"  # the row being combined
    col_mark: str = "#1C7ED6"  # the column being combined
    out_mark: str = "#E07000"  # the cell being written
    note_mark: str = "#E8590C"
    digit_height: float = 0.36  # of a cell
    label_height: float = 0.27  # of a cell
    caption_height: float = 0.045  # of the visible frame's height
    title_height: float = 0.05


STYLE = Style()
