"""Where each matrix sits on the page: the by-hand staircase, in cell units.

Pure Python, no Manim. Columns grow to the right and rows grow *down* the page.
For ``out = left · right`` the right operand sits above the output (same columns)
and the left operand to its left (same rows), so row ``i`` and column ``j`` meet at
output cell ``(i, j)``. Each output becomes the input above the next step, so the
walkthrough runs diagonally down the page.
"""

from __future__ import annotations

__all__ = ["Box", "Layout", "Stairs", "labels_shown", "staircase", "tag_of"]

from dataclasses import dataclass, field

from handtf.kinds import kind_of
from handtf.trace import Step, Tensor, Trace, own_labels


@dataclass(frozen=True)
class Box:
    """A rectangle of cells: top-left at (``col``, ``row``), ``rows`` x ``cols`` big.
    Its matrix's name goes in the cell diagonally above its top-left corner, or, with
    ``tag_left``, in the cell left of its first row (a part written right under
    another, where the cell above-left is beside the other's last row).
    """

    col: int
    row: int
    rows: int
    cols: int
    tag_left: bool = False

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
    # A matrix written out again where a later step needs it, as by hand: (step id,
    # name) -> where the copy sits. The step reads the copy, not the far-away original.
    copies: dict[tuple[str, str], Box] = field(default_factory=dict)

    def box_of(self, name: str, step_id: str | None = None) -> Box:
        """Where a step sees a matrix: its copy for that step, if it has one."""
        return self.copies.get((step_id or "", name)) or self.boxes[name]

    def region(self, names: list[str] | tuple[str, ...], step_id: str | None = None) -> Box:
        """The box around some matrices, with one cell of margin for their labels."""
        boxes = [self.box_of(n, step_id) for n in names if n in self.boxes]
        box = boxes[0]
        for other in boxes[1:]:
            box = box.union(other)
        return Box(box.col - 1, box.row - 1, box.rows + 2, box.cols + 2)

    def page(self) -> Box:
        """The box around every matrix and copy, with a cell of margin."""
        boxes = [*self.boxes.values(), *self.copies.values()]
        box = boxes[0]
        for other in boxes[1:]:
            box = box.union(other)
        return Box(box.col - 1, box.row - 1, box.rows + 2, box.cols + 2)


WIDE = 26  # columns of two matrices side by side that still read in one view at 854x480


def labels_shown(tensor: Tensor) -> tuple[bool, bool]:
    """Whether a matrix's row labels and its column labels show: an input's (P1.., the
    words of a vocabulary), an attention matrix's columns, and any a matrix has of its
    own (the words over the logits, the next token's); never the row of 1s'. An input
    of one column (or one row) is named by its tag alone, as the RNN sheet's Xₜ are.
    """
    if tensor.role == "ones":
        return False, False
    rows, cols = own_labels(tensor)
    numbered = tensor.role == "input" and 1 not in tensor.shape
    return numbered or rows is not None, numbered or tensor.role == "attention" or cols is not None


def tag_of(tensor: Tensor) -> str:
    """The name written over a matrix: its own, but "b" over a bias column named b1, b2
    and on, as the sheets write it; none over the row of 1s.

    >>> [tag_of(Tensor.of(n, r, [[1]])) for n, r in (("W1", "weight"), ("b2", "bias"), ("β1", "bias"), ("1s", "ones"))]
    ['W1', 'b', 'β1', '']
    """
    if tensor.role == "ones":
        return ""
    if tensor.role == "bias" and tensor.name.rstrip("0123456789") == "b":
        return "b"
    return tensor.name


def staircase(trace: Trace, gap: int = 1) -> Layout:
    """Lay out every matrix of the trace as the by-hand sheets do."""
    return Stairs(trace, gap).layout


class Stairs:
    """The page being laid out, step by step; each step's kind places its output with
    :meth:`beside`, :meth:`under`, :meth:`product` or :meth:`placed_or_new`.
    """

    def __init__(self, trace: Trace, gap: int) -> None:
        self.shape = {t.name: t.shape for t in trace.tensors}
        self.gap = gap
        self.layout = Layout()
        # Where each product wrote its left operand last (its weights), for a later
        # product of the same weights to join that row.
        self.weights_rows: dict[str, Box] = {}
        # What each matrix is made into, by the steps that read it and the steps after.
        self.made_from: dict[str, set[str]] = {}
        for later in reversed(trace.steps):
            made = {later.output, *self.made_from.get(later.output, ())}
            for read in later.inputs:
                self.made_from.setdefault(read, set()).update(made)
        # The matrices some product reads as its left operand, row beside row (Kᵀ in
        # Kᵀ·Q): the product places them, left of its result.
        self.inputs = {t.name for t in trace.tensors if t.role == "input"} - trace.produced()
        self.left_operands = frozenset(name for s in trace.steps if (name := kind_of(s).left_operand(s)) is not None)
        # What each product's left operand multiplied (W1 -> X in W1·X + b1), first use.
        self.multiplied: dict[str, str] = {}
        for s in trace.steps:
            left, right = kind_of(s).left_operand(s), kind_of(s).right_operand(s)
            if left is not None and right is not None:
                self.multiplied.setdefault(left, right)
        for step in trace.steps:
            kind_of(step).place(self, step)
        self._labels_over_arrows(trace)

    def _labels_over_arrows(self, trace: Trace) -> None:
        """Where a matrix shows its labels, they take the row above it (or the column
        left of it) that its arrows would: the labels stay, the arrows go.
        """
        for tensor in trace.tensors:
            box = self.layout.boxes.get(tensor.name)
            arrows = self.layout.arrows.get(tensor.name)
            if box is None or not arrows:
                continue
            rows, cols = labels_shown(tensor)
            self.layout.arrows[tensor.name] = [
                (c, r, glyph)
                for c, r, glyph in arrows
                if not (cols and r == box.row - 1 and box.col <= c < box.right)
                and not (rows and c == box.col - 1 and box.row <= r < box.bottom)
            ]

    def place(self, name: str, col: int, row: int) -> Box:
        rows, cols = self.shape[name]
        return self.layout.boxes.setdefault(name, Box(col, row, rows, cols))

    def free_row(self, left: int, right: int, row: int) -> int:
        """The first row at or below ``row`` from which columns ``left``..``right`` are
        free of matrices, with a row to spare for labels.
        """
        for box in [*self.layout.boxes.values(), *self.layout.copies.values()]:
            if box.col < right + 1 and box.right + 1 > left and box.bottom + 1 > row:
                row = max(row, box.bottom + 1 + self.gap)
        return row

    def free_col(self, top: int, bottom: int, col: int, cols: int = 1) -> int:
        """The first column at or right of ``col`` from which ``cols`` columns of rows
        ``top``..``bottom`` are free, with a column to spare for labels.
        """
        for box in sorted([*self.layout.boxes.values(), *self.layout.copies.values()], key=lambda b: b.col):
            if box.row < bottom + 1 and box.bottom + 1 > top and box.right + 1 > col and box.col < col + cols:
                col = box.right + 1 + self.gap
        return col

    def is_free(self, box: Box) -> bool:
        """No matrix, nor a copy, in ``box`` or the row and column around it."""
        return not any(self._overlaps(b, box) for b in [*self.layout.boxes.values(), *self.layout.copies.values()])

    @staticmethod
    def _overlaps(b: Box, box: Box) -> bool:
        """``b`` lies in ``box`` or the row and column around it."""
        return b.col < box.right + 1 and b.right + 1 > box.col and b.row < box.bottom + 1 and b.bottom + 1 > box.row

    def placed_or_new(self, name: str) -> Box:
        """An already placed matrix, or a new one to the right of everything, at the top."""
        boxes = self.layout.boxes
        if name in boxes:
            return boxes[name]
        col = max((b.right for b in boxes.values()), default=-self.gap - 1) + self.gap + 1
        return self.place(name, col, 0)

    def under(self, step: Step) -> None:
        """The output in a row under the step's input, column under column."""
        src = self.placed_or_new(step.inputs[0])
        out = self.place(step.output, src.col, self.free_row(src.col, src.right, src.bottom + self.gap))
        self.layout.arrows[step.output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)]

    def beside(self, step: Step) -> None:
        """Cell for cell: the output right of the (first) input, row beside row."""
        src = self.placed_or_new(step.inputs[0])
        for other in step.inputs[1:]:
            self.placed_or_new(other)
        rows, cols = self.shape[step.output]
        col = self.free_col(src.row, src.row + rows, src.right + self.gap, cols)
        if col > src.right + self.gap and self._beside_an_earlier_result(step, src, col):
            return
        if col > src.right + self.gap or src.cols + self.gap + cols > WIDE:
            # Other matrices sit right of the input, or the two side by side would be
            # too wide to read (a vocabulary's): the output goes under it instead,
            # column under column, rather than far along the row.
            row = self.free_row(src.col, src.col + cols, src.bottom + self.gap)
            out = self.place(step.output, src.col, row)
            self.layout.arrows[step.output] = [(c, out.row - 1, "↓") for c in range(out.col, min(out.right, src.right))]
            return
        out = self.place(step.output, col, src.row)
        self.layout.arrows[step.output] = [(out.col - 1, r, "→") for r in range(out.row, min(out.bottom, src.bottom))]

    def _beside_an_earlier_result(self, step: Step, src: Box, col: int) -> bool:
        """A function of one input whose row, right of it, holds only what was made
        from that input (ReLU(x); Z/T, its exps and its softmax), as the ReLU sheet
        writes ReLU(x) and then leaky ReLU(x), or the Temperature sheet a softmax per
        temperature: the input is written out again right of them, and the output
        beside that copy, in the same row. Places them and says True, or says False.
        """
        rows, cols = self.shape[step.output]
        name = step.inputs[0]
        if len(step.inputs) > 1 or src.cols + self.gap + cols > WIDE:
            return False
        strip = Box(src.right + self.gap, src.row, max(rows, src.rows), col - src.right - self.gap)
        made = self.made_from[name] | {name}
        placed = [*self.layout.boxes.items(), *((key[1], box) for key, box in self.layout.copies.items())]
        inside = [
            n
            for n, box in placed
            if box != src
            and box.col < strip.right
            and box.right > strip.col
            and box.row < strip.bottom
            and box.bottom > strip.row
        ]
        if not inside or any(n not in made for n in inside):
            return False
        copy = Box(col, src.row, src.rows, src.cols)
        if not self.is_free(Box(col, src.row, max(rows, src.rows), src.cols + self.gap + cols)):
            return False
        self.layout.copies[(step.id, name)] = copy
        out = self.place(step.output, copy.right + self.gap, src.row)
        self.layout.arrows[step.output] = [(out.col - 1, r, "→") for r in range(out.row, min(out.bottom, src.bottom))]
        return True

    def beneath(self, step_id: str, anchor: str, given: str, output: str) -> None:
        """A given cell under ``anchor`` (written again there if an earlier step
        showed it elsewhere), and the output under it: the random number under the
        ranges it falls in, and the word it draws.
        """
        top = self.placed_or_new(anchor)
        rows, cols = self.shape[given]
        row = self.free_row(top.col, top.right, top.bottom + self.gap)
        if given in self.layout.boxes:
            self.layout.copies[(step_id, given)] = Box(top.col, row, rows, cols)
        else:
            self.place(given, top.col, row)
        out = self.place(output, top.col, row + rows + self.gap)
        self.layout.arrows[output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)]

    def row_end(self, anchor: str, output: str) -> None:
        """The output in the rows of ``anchor``, right of everything already there (a
        gradient, in the rows of the layer it belongs to).
        """
        box = self.placed_or_new(anchor)
        self.place(output, self.end_of_rows(anchor, self.shape[output][0]), box.row)

    def end_of_rows(self, anchor: str, rows: int) -> int:
        """The first column, with a column to spare, right of everything in ``rows``
        rows from the top of ``anchor``, and right of ``anchor`` itself.
        """
        box = self.layout.boxes[anchor]
        ends = [
            b.right
            for b in [*self.layout.boxes.values(), *self.layout.copies.values()]
            if b.row < box.row + rows and b.bottom > box.row and b.right > box.col
        ]
        return max([box.right, *ends]) + self.gap

    def picking(self, table: str, one_hot: str, output: str) -> None:
        """An embedding lookup: the one-hot under the table, word under word, and the
        output right of the table, a column per token.
        """
        top = self.placed_or_new(table)
        # A one-hot new here goes under the table, past the row that holds its words;
        # one an earlier step showed stays where it is.
        self.place(one_hot, top.col, self.free_row(top.col, top.right, top.bottom + self.gap))
        rows, cols = self.shape[output]
        col = self.free_col(top.row, top.row + rows, top.right + self.gap, cols)
        out = self.place(output, col, top.row)
        self.layout.arrows[output] = [(out.col - 1, r, "→") for r in range(out.row, out.bottom)]

    def product(
        self, step_id: str, left: str, right: str, output: str, bias: str | None = None, ones: str | None = None
    ) -> None:
        """``output = left · right``: the right operand above the output, the left one
        to its left (with the bias column between, and the 1s row under the right).
        """
        boxes = self.layout.boxes
        if boxes and right not in boxes and left not in boxes and self.inputs & {left, right}:
            # Both operands new, one an input (a drill's next exercise): the right one
            # at the top, right of everything, with room left of it for the left one
            # (and a bias).
            room = self.shape[left][1] + (1 if bias is not None else 0) + self.gap + 1
            self.place(right, max(b.right for b in boxes.values()) + self.gap + 1 + room, 0)
        top = self.placed_or_new(right)
        under = top.bottom
        if ones is not None:
            under = self.place(ones, top.col, under).bottom
        if left in self.weights_rows and self._in_the_row_of(self.weights_rows[left], top, under, output):
            return
        # Under the right operand, below anything already there (a second product of
        # the same input, as Q, K and V are of X), with room for the left operand.
        left_cols = self.shape[left][1] + (1 if bias is not None else 0)
        span = (top.col - self.gap - left_cols - 1, top.col + self.shape[output][1])
        row = self.free_row(*span, under + self.gap)
        if ones is None and row - (under + self.gap) >= top.rows:
            # Other matrices came between: write the right operand out again just above
            # the product, so the step reads as one block on the page.
            copy = Box(top.col, row, *self.shape[right])
            self.layout.copies[(step_id, right)] = copy
            row = self.free_row(*span, copy.bottom + self.gap)
        out = self.place(output, top.col, row)
        edge = out.col - self.gap
        self.layout.arrows[output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)] + [
            (edge, r, "→") for r in range(out.row, out.bottom)
        ]
        if bias is not None:
            edge = self.place(bias, edge - 1, out.row).col
        wanted = Box(edge - self.shape[left][1], out.row, *self.shape[left])
        if self.layout.boxes.setdefault(left, wanted) != wanted:
            self.layout.copies[(step_id, left)] = wanted  # placed far away already: write it out again here
        self.weights_rows[left] = wanted

    def _in_the_row_of(self, band: Box, top: Box, under: int, output: str) -> bool:
        """A product whose left operand (and bias) an earlier product wrote in a row
        with nothing above it, under this one's right operand, but free space and the
        outputs in other rows of weights: the output joins that row, under the right
        operand, as the RNN sheet writes Fₜ of every time step beside one
        ``[Wx | Wh | bh]``, and the LSTM sheet each gate of every time step beside its
        weights. Places it and says True, or says False.
        """
        rows, cols = self.shape[output]
        if band.right >= top.col or under + self.gap > band.row:
            return False
        out = Box(top.col, band.row, rows, cols)
        if not self.is_free(out):
            return False
        between = Box(top.col, under + self.gap, band.row - under - self.gap, cols)
        bands = self.weights_rows.values()
        for box in [*self.layout.boxes.values(), *self.layout.copies.values()]:
            if self._overlaps(box, between) and not any(w.row <= box.row and box.bottom <= w.bottom for w in bands):
                return False  # something between the right operand and the row that is not in a row of weights
        self.place(output, out.col, out.row)
        self.layout.arrows[output] = [(c, out.row - 1, "↓") for c in range(out.col, out.right)]
        return True
