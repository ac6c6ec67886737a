"""``cell_update``: the LSTM's new long-term memory, ``C = F ⊙ C₋₁ + I ⊙ G``, worked
in each cell as the LSTM sheet writes its "Updated Memory": the forget gate times
the old memory, plus the input gate times the candidate.
"""

from __future__ import annotations

__all__ = ["CELL_UPDATE", "CellUpdate"]

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from handtf.kinds import register
from handtf.kinds.kind import CellRule, Kind, Params, Result, each, operand, same_shapes
from handtf.text import add_words, say
from handtf.trace import Cell, Number, Step, Tensor, cell_name

if TYPE_CHECKING:  # pragma: no cover
    from handtf.layout import Stairs

# Two terms, (f, c) and (i, g), all four read: f·c + i·g.
CELL_UPDATE = CellRule("cell_update", lambda terms: sum(a * b for a, b in terms), reads=(0, 1))

add_words(
    {
        "kind.cell_update": "Update the memory",
        "formula.cell_update": "{out} = {f} ⊙ {c} + {i} ⊙ {g}",
    },
    {
        "kind.cell_update": "기억 갱신",
        "formula.cell_update": "{out} = {f} ⊙ {c} + {i} ⊙ {g}",
    },
)


class CellUpdate(Kind):
    """``out = f ⊙ c + i ⊙ g`` cell by cell, the inputs given as ``[f, c, i, g]``.

    >>> from handtf.trace import Tensor
    >>> f, c, i, g = (Tensor.of(n, "hidden", [[v]]) for n, v in (("F", 0.5), ("C0", 2), ("I", 1), ("G", -1)))
    >>> values, ops = CellUpdate().compute((f, c, i, g), "C1", {})
    >>> ops[0].label, ops[0].arithmetic
    ('F[1,1]·C0[1,1] + I[1,1]·G[1,1] = C1[1,1]', '0.50·2 + 1·(-1) = 0')
    """

    name = "cell_update"
    op = "cell_update"
    order = 145
    inputs = ("f", "c", "i", "g")
    beat = "products"
    rules = (CELL_UPDATE,)

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        f, c, i, g = inputs
        for other in (c, i, g):
            same_shapes(f, other, "update the memory with")

        def make(r: int, k: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            terms = ((f.at(r, k), c.at(r, k)), (i.at(r, k), g.at(r, k)))
            reads = tuple(Cell(t.name, r, k) for t in (f, c, i, g))
            label = " + ".join(f"{cell_name(a.name, r, k)}·{cell_name(b.name, r, k)}" for a, b in ((f, c), (i, g)))
            worked = " + ".join(f"{operand(a)}·{operand(b)}" for a, b in terms)
            return reads, terms, label, worked

        return each(out, f.shape, CELL_UPDATE, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        f, c, i, g = inputs
        result: npt.NDArray[np.float64] = f * c + i * g
        return result

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        f, c, i, g = (t.name for t in inputs)
        return say(lang, "formula.cell_update", out=out, f=f, c=c, i=i, g=g)

    def place(self, stairs: Stairs, step: Step) -> None:
        """Down one column, as the LSTM sheet writes it: the old memory ``c``, if new
        to the page, right above the forget gate; ``i`` and ``g``, if new, under it,
        and the new memory under them. When the gates are already on the page (each
        in its own row, as the LSTM exercise has them), the new memory goes beside the
        forget gate.
        """
        from handtf.layout import Box

        f_name, c_name, i_name, g_name = step.inputs
        f = stairs.placed_or_new(f_name)
        boxes = stairs.layout.boxes
        if c_name not in boxes:
            rows, cols = stairs.shape[c_name]
            above = Box(f.col, f.row - stairs.gap - rows, rows, cols)
            if above.row >= 1 and not any(
                b.col < above.right and b.right > above.col and b.row < above.bottom and b.bottom > above.row - 1
                for b in [*boxes.values(), *stairs.layout.copies.values()]
            ):
                boxes[c_name] = above
        fresh = [n for n in (i_name, g_name) if n not in boxes]
        for name in fresh:
            stairs.place(name, f.col, stairs.free_row(f.col, f.right, f.bottom + stairs.gap))
        stairs.placed_or_new(c_name)
        if fresh:
            stairs.under(step)
        else:
            stairs.beside(step)


register(CellUpdate())
