"""``exp``: ``out = e^x`` cell by cell (a softmax's first part); with ``base = 3``,
``out = 3^x``, as the Softmax sheet does "to simplify calculation".
"""

from __future__ import annotations

__all__ = ["EXP", "POWER", "Exp", "base_param"]

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from handtf.errors import HandtfError, shown
from handtf.kinds import register
from handtf.kinds.kind import CellFunction, CellRule, Param, Params, Result, each
from handtf.trace import Cell, Number, Tensor, cell_name
from handtf.written import format_number

# The term is (x, 0): x is read.
EXP = CellRule("exp", lambda terms: math.exp(terms[0][0]))
# The term is (x, base): x is read, the base is a constant.
POWER = CellRule("power", lambda terms: terms[0][1] ** terms[0][0])
LARGEST = 700  # exp(710) is beyond what a float holds; the sheets go up to exp(46)


def _base(value: Any) -> Any:
    """``"e"``, or a whole number from 2 to 10 to raise to each cell's power."""
    if value == "e" or (isinstance(value, int) and not isinstance(value, bool) and 2 <= value <= 10):
        return value
    given = shown(value) if isinstance(value, str) else shown(repr(value), quote=False)
    raise HandtfError(f'base must be "e" or a whole number from 2 to 10, e.g. 3; it is {given}')


def base_param() -> Param:
    """The ``base`` of the exps, as exp and the softmaxes take it."""
    return Param("base", "e", _base, example=3)


class Exp(CellFunction):
    """``e^x`` (or ``base^x``) of each cell.

    >>> x = Tensor.of("S", "hidden", [[2, -1]])
    >>> [op.arithmetic for op in Exp().compute((x,), "E", {"base": 3})[1]]
    ['3^2 = 9', '3^(-1) = 0.33']
    >>> Exp().compute((x,), "E", {})[1][0].arithmetic
    'exp(2) = 7.39'
    """

    name = "exp"
    op = "exp"
    order = 60
    function = "exp"
    params = (base_param(),)
    rules = (EXP, POWER)

    def read_params(self, step: Mapping[str, Any], taken: Collection[str]) -> dict[str, Any]:
        """The parameters; ``base`` only when it is not e, so that an exp of e has none,
        as before bases were known.
        """
        params = super().read_params(step, taken)
        if params.get("base") == "e":
            del params["base"]
        return params

    def check(self, x: Number, tensor: Tensor) -> None:
        if x > LARGEST:
            raise HandtfError(
                f"exp({format_number(x)}) in {tensor.name} is too large for any number to hold; scale it down first"
            )

    def compute(self, inputs: tuple[Tensor, ...], out: str, params: Params) -> Result:
        base = params.get("base", "e")
        if base == "e":
            return super().compute(inputs, out, params)
        (x,) = inputs

        def make(i: int, j: int) -> tuple[tuple[Cell, ...], tuple[tuple[Number, Number], ...], str, str]:
            v = x.at(i, j)
            if v * math.log(base) > LARGEST:
                raise HandtfError(
                    f"{base}^{format_number(v)} in {x.name} is too large for any number to hold; scale it down first"
                )
            power = format_number(v)
            worked = f"{base}^{power}" if v >= 0 else f"{base}^({power})"
            return (Cell(x.name, i, j),), ((v, base),), f"{base}^{cell_name(x.name, i, j)}", worked

        return each(out, x.shape, POWER, make)

    def reference(self, inputs: Sequence[npt.NDArray[np.float64]], params: Params) -> npt.NDArray[np.float64]:
        base = params.get("base", "e")
        return np.exp(inputs[0]) if base == "e" else np.power(float(base), inputs[0])

    def formula(self, lang: str, inputs: tuple[Tensor, ...], out: str, params: Params) -> str:
        base = params.get("base", "e")
        return super().formula(lang, inputs, out, params) if base == "e" else f"{out} = {base}^{inputs[0].name}"


register(Exp())
