"""``softmax``: softmax by column, as by hand, in three steps of registered kinds: the
exps, the column sums, then each exp divided by its column's sum.

The spec names the in-between matrices with ``names`` (the exps and the sums); each
of the three steps records the softmax it is part of, so an export writes the one
softmax step back.
"""

from __future__ import annotations

__all__ = ["Softmax", "SoftmaxByRow"]

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from handtf.errors import HandtfError
from handtf.fields import name
from handtf.kinds import register
from handtf.kinds.composite import Composite
from handtf.kinds.exp import base_param
from handtf.kinds.kind import Param, Params
from handtf.text import add_words, say
from handtf.trace import Role, Step, Tensor

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain

_EXAMPLE = '["E", "Σ"]'

add_words(
    {"kind.softmax_rows": "Softmax by row", "softmax.power": "{title}: {base}^x"},
    {"kind.softmax_rows": "행별 소프트맥스", "softmax.power": "{title}: {base}^x"},
)


def _names_of(sums: str) -> Callable[[Any], list[str]]:
    """The check of ``names``: the exps' and the ``sums``' (column sums, row sums)."""

    def check(value: Any) -> list[str]:
        if not isinstance(value, list) or len(value) != 2 or not all(isinstance(n, str) and n for n in value):
            raise HandtfError(f"names must be two names, for the exps and the {sums}, e.g. {_EXAMPLE}")
        for n in value:
            name(n, "names", "the name of a softmax's exps or sums")
        return list(value)

    return check


class Softmax(Composite):
    op = "softmax"
    order = 70
    params = (Param("names", ["E", "Σ"], _names_of("column sums")), base_param())
    # Its steps: a registered kind each, and what each reads, of x and the parts before.
    parts = (("exp", ("x",)), ("colsum", ("exps",)), ("divide", ("exps", "sums")))
    made_names = ("exps", "sums", "out")
    names_are = "the exps and sums"

    def build(
        self, chain: Chain, step_id: str, title: str, inputs: tuple[Tensor, ...], out: str, role: Role, params: Params
    ) -> Tensor:
        exps, sums = params["names"]
        base = params.get("base", "e")
        whole = {"op": self.op, "id": step_id, "title": title, "names": [exps, sums]}
        ids = tuple(f"{step_id}-{part}" for part in ("exp", "sums", "divide"))
        words = ("softmax.exp" if base == "e" else "softmax.power", "softmax.sums", "softmax.divide")
        titles = tuple(say(chain.lang, key, title=title, base=base) for key in words)
        return self.steps(chain, ids, titles, inputs[0], (exps, sums, out), role, whole, params.get("note"), base)

    def steps(
        self,
        chain: Chain,
        ids: tuple[str, ...],
        titles: tuple[str, ...],
        x: Tensor,
        names: tuple[str, str, str],
        role: Role,
        part_of: Mapping[str, Any] | None = None,
        note: str | None = None,
        base: str | int = "e",
    ) -> Tensor:
        """The three steps, with their own ids and titles; ``part_of`` records the spec
        step they came from, ``note`` is shown after the last, and the exps are of
        ``base`` (3: 3^x, as the Softmax sheet simplifies it).
        """
        marks = {"part_of": dict(part_of)} if part_of is not None else {}
        made = {"x": x}
        for k, ((kind, reads), key) in enumerate(zip(self.parts, self.made_names, strict=True)):
            last = k == len(self.parts) - 1
            params: dict[str, Any] = {**marks, **({"note": note} if last and note is not None else {})}
            if k == 0 and base != "e":
                params["base"] = base
            inputs = [made[r] for r in reads]
            made[key] = chain.apply(kind, ids[k], titles[k], inputs, names[k], role if last else "hidden", **params)
        return made["out"]

    def export_entry(self, steps: Sequence[Step], role: str) -> dict[str, Any]:
        entry = self.export_common(steps, role, [steps[0].inputs[0]])
        if steps[0].params.get("base", "e") != "e":
            entry["base"] = steps[0].params["base"]
        return entry


class SoftmaxByRow(Softmax):
    """Softmax along each row (over a vocabulary laid along the columns): the exps, the
    row sums, then each exp divided by its row's sum.
    """

    op = "softmax_rows"
    order = 71
    params = (Param("names", ["E", "Σ"], _names_of("row sums")), base_param())
    parts = (("exp", ("x",)), ("row_sums", ("exps",)), ("divide", ("exps", "sums")))


register(Softmax())
register(SoftmaxByRow())
