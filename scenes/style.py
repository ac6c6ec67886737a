"""Colours, fonts and sizes of the by-hand look, in one place, for each theme."""

from __future__ import annotations

__all__ = ["FONT", "STYLE", "THEMES", "Style", "theme"]

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from handtf.errors import HandtfError

FONT = "DejaVu Sans"

# Fill and outline of a matrix's cells, by the tensor's role (see handtf.trace.ROLES).
_LIGHT_FILL = {
    "input": "#F4E4C1",  # beige, like the features X on the sheets
    "attention": "#FFE45C",  # the yellow attention matrix
    "weight": "#FFFFFF",
    "bias": "#FFFFFF",
    "ones": "#F1EFEA",
    "hidden": "#FFFFFF",
    "output": "#FFFFFF",
}
_LIGHT_STROKE = {
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
    answer: str = "#C2255C"  # the answer key's second colour
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
    role_fill: Mapping[str, str] = field(default_factory=lambda: MappingProxyType(_LIGHT_FILL))
    role_stroke: Mapping[str, str] = field(default_factory=lambda: MappingProxyType(_LIGHT_STROKE))

    def __deepcopy__(self, memo: dict[int, object]) -> Style:
        return self  # immutable; mobjects that keep a style are copied by manim's animations


STYLE = Style()

# The same sheet on a dark page, for slides and dark blogs: light ink, deep cell fills,
# and the role colours kept recognisable (beige inputs, yellow attention, red weights).
_DARK = replace(
    STYLE,
    paper="#17181C",
    grid_line="#26282E",
    ink="#ECE8DF",
    faint="#9A958C",
    computed="#FFA94D",
    answer="#F783AC",
    negative="#74A7FF",
    zeroed="#FF6B6B",
    row_mark="#69DB7C",
    col_mark="#4DABF7",
    out_mark="#FFA94D",
    note_mark="#FF922B",
    role_fill=MappingProxyType(
        {
            "input": "#4A3F2A",
            "attention": "#5E5214",
            "weight": "#202228",
            "bias": "#202228",
            "ones": "#2A2C32",
            "hidden": "#202228",
            "output": "#202228",
        }
    ),
    role_stroke=MappingProxyType(
        {
            "input": "#C9B488",
            "attention": "#E0C84A",
            "weight": "#FF6B5E",
            "bias": "#FF6B5E",
            "ones": "#6B6760",
            "hidden": "#8A857C",
            "output": "#8A857C",
        }
    ),
)

THEMES: Mapping[str, Style] = MappingProxyType({"light": STYLE, "dark": _DARK})


def theme(name: str) -> Style:
    """The style of a theme by name (``light``, the paper look, or ``dark``)."""
    try:
        return THEMES[name]
    except KeyError:
        raise HandtfError(f"unknown theme {name!r}; choose one of: {', '.join(THEMES)}") from None
