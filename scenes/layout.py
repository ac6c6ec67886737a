"""Where each matrix sits on the page: the by-hand staircase, in cell units.

Pure Python, no Manim. Columns grow to the right and rows grow *down* the page.
For ``out = left · right`` the right operand sits above the output (same columns)
and the left operand to its left (same rows), so row ``i`` and column ``j`` meet at
output cell ``(i, j)``. Each output becomes the input above the next step, so the
walkthrough runs diagonally down the page.
"""

from __future__ import annotations

__all__ = ["Box", "Layout", "staircase"]

from dataclasses import dataclass, field

from handtf.trace import Step, Trace


@dataclass(frozen=True)
class Box:
    """A rectangle of cells: top-left at (``col``, ``row``), ``rows`` x ``cols`` big."""

    col: int
    row: int
    rows: int
    cols: int

    @property
    def right(self) -> int:
        return self.col + self.cols

    @property
    def bottom(self) -> int:
        return self.row + self.rows

    def union(self, other: Box) -> Box:
        col, row = min(self.col, other.col), min(self.row, other.row)
        return Box(col, row, max(self.bottom, other.bottom) - row, max(self.right, other.right) - col)


@dataclass
class Layout:
    """The boxes of every matrix, and the arrows drawn in the gaps between them.

    ``arrows[out]`` lists the (col, row, glyph) of the "→" and "↓" that lead into
    matrix ``out`` from the rows and columns that produce it.
    """

    boxes: dict[str, Box] = field(default_factory=dict)
    arrows: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    def region(self, names: list[str] | tuple[str, ...]) -> Box:
        """The box around some matrices, with one cell of margin for their labels."""
        boxes = [self.boxes[n] for n in names if n in self.boxes]
        box = boxes[0]
        for other in boxes[1:]:
            box = box.union(other)
        return Box(box.col - 1, box.row - 1, box.rows + 2, box.cols + 2)

    def page(self) -> Box:
        return self.region(list(self.boxes))


def staircase(trace: Trace, gap: int = 1) -> Layout:
    """Lay out every matrix of the trace as the by-hand sheets do."""
    return _Stairs(trace, gap).layout


class _Stairs:
    def __init__(self, trace: Trace, gap: int) -> None:
        self.shape = {t.name: t.shape for t in trace.tensors}
        self.gap = gap
        self.layout = Layout()
        for step in trace.steps:
            self.step(step)

    def place(self, name: str, col: int, row: int) -> Box:
        rows, cols = self.shape[name]
        return self.layout.boxes.setdefault(name, Box(col, row, rows, cols))

    def placed_or_new(self, name: str) -> Box:
        """An already placed matrix, or a new one to the right of everything, at the top."""
        boxes = self.layout.boxes
        if name in boxes:
            return boxes[name]
        col = max((b.right for b in boxes.values()), default=-self.gap - 1) + self.gap + 1
        return self.place(name, col, 0)

    def step(self, step: Step) -> None:
        if step.kind == "given":
            self.placed_or_new(step.output)
        elif step.kind == "relu":
            src = self.placed_or_new(step.inputs[0])
            out = self.place(step.output, src.right + self.gap, src.row)
            self.layout.arrows[step.output] = [(src.right, r, "→") for r in range(out.row, out.bottom)]
        elif step.kind == "matmul":
            left, right = step.inputs
            self.product(left, right, step.output, None, None)
        else:
            left, bias, right, ones = step.inputs
            self.product(left, right, step.output, bias, ones)

    def product(self, left: str, right: str, output: str, bias: str | None, ones: str | None) -> None:
        top = self.placed_or_new(right)
        under = top.bottom
        if ones is not None:
            under = self.place(ones, top.col, under).bottom
        out = self.place(output, top.col, under + self.gap)
        edge = out.col - self.gap
        self.layout.arrows[output] = [(c, under, "↓") for c in range(out.col, out.right)] + [
            (edge, r, "→") for r in range(out.row, out.bottom)
        ]
        if bias is not None:
            edge = self.place(bias, edge - 1, out.row).col
        self.place(left, edge - self.shape[left][1], out.row)
