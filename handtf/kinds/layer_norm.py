"""``layer_norm``: layer norm per position (column), as the sheets do it, in four steps
of registered kinds: the mean, the standard deviation, normalize, then scale & shift
by γ and β.

The spec names the in-between matrices with ``names`` (the means, the deviations and
the normalized matrix); each step records the layer norm it is part of, so an export
writes the one layer_norm step back.
"""

from __future__ import annotations

__all__ = ["PARTS", "LayerNorm"]

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from handtf.errors import HandtfError
from handtf.fields import name
from handtf.kinds import register
from handtf.kinds.composite import Composite
from handtf.kinds.deviation import sample_param
from handtf.kinds.kind import Param, Params
from handtf.kinds.normalize import EPSILON, eps_param
from handtf.text import add_words, say
from handtf.trace import Role, Step, Tensor

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain

add_words(
    {
        "kind.layer_norm": "Layer norm",
        "layer-norm.mean": "{title}: mean",
        "layer-norm.deviation": "{title}: standard deviation",
        "layer-norm.normalize": "{title}: normalize",
        "layer-norm.scale-shift": "{title}: scale & shift",
    },
    {
        "kind.layer_norm": "레이어 정규화",
        "layer-norm.mean": "{title}: 평균",
        "layer-norm.deviation": "{title}: 표준편차",
        "layer-norm.normalize": "{title}: 정규화",
        "layer-norm.scale-shift": "{title}: 스케일 & 시프트",
    },
)

_EXAMPLE = '["μ", "σ", "N"]'
PARTS = ("mean", "deviation", "normalize", "scale-shift")  # as the ids and titles of its steps name them


def _names(value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) != 3 or not all(isinstance(n, str) and n for n in value):
        raise HandtfError(
            f"names must be three names, for the means, the deviations and the normalized, e.g. {_EXAMPLE}"
        )
    for n in value:
        name(n, "names", "the name of a layer norm's means, deviations or normalized matrix")
    return list(value)


class LayerNorm(Composite):
    op = "layer_norm"
    order = 114
    inputs = ("x", "gamma", "beta")
    params = (
        Param("names", ["μ", "σ", "N"], _names),
        Param("eps", EPSILON, eps_param),
        Param("sample", True, sample_param),
    )
    # Its steps: a registered kind each, and what each reads, of the inputs and the parts before.
    parts = (
        ("mean", ("x",)),
        ("deviation", ("x", "mean")),
        ("normalize", ("x", "mean", "std")),
        ("scale_shift", ("normalized", "gamma", "beta")),
    )
    made_names = ("mean", "std", "normalized", "out")
    names_are = "the layer norm's parts"

    def build(
        self, chain: Chain, step_id: str, title: str, inputs: tuple[Tensor, ...], out: str, role: Role, params: Params
    ) -> Tensor:
        whole = {"op": self.op, "id": step_id, "title": title, "names": list(params["names"])}
        whole |= {"eps": params["eps"], "sample": params["sample"]}
        ids = tuple(f"{step_id}-{part}" for part in PARTS)
        titles = tuple(say(chain.lang, f"layer-norm.{part}", title=title) for part in PARTS)
        return self.steps(chain, ids, titles, inputs, (*params["names"], out), role, params, whole)

    def steps(
        self,
        chain: Chain,
        ids: tuple[str, ...],
        titles: tuple[str, ...],
        inputs: tuple[Tensor, ...],
        names: tuple[str, str, str, str],
        role: Role,
        params: Params,
        part_of: Mapping[str, Any] | None = None,
    ) -> Tensor:
        """The four steps, with their own ids and titles; ``part_of`` records the spec
        step they came from, and a ``note`` in ``params`` is shown after the last.
        """
        x, gamma, beta = inputs
        marks = {"part_of": dict(part_of)} if part_of is not None else {}
        made = {"x": x, "gamma": gamma, "beta": beta}
        own = {"mean": {}, "deviation": {"sample": params["sample"]}, "normalize": {"eps": params["eps"]}}
        for k, ((kind, reads), key) in enumerate(zip(self.parts, self.made_names, strict=True)):
            last = k == len(self.parts) - 1
            extra = {"note": params["note"]} if last and "note" in params else {}
            step_params = {**marks, **own.get(kind, {}), **extra}
            args = [made[r] for r in reads]
            made[key] = chain.apply(kind, ids[k], titles[k], args, names[k], role if last else "hidden", **step_params)
        return made["out"]

    def export_entry(self, steps: Sequence[Step], role: str) -> dict[str, Any]:
        entry = self.export_common(steps, role, [steps[0].inputs[0], *steps[-1].inputs[1:]])
        whole = steps[0].params["part_of"]
        for key, default in (("eps", EPSILON), ("sample", True)):
            if whole[key] != default:
                entry[key] = whole[key]
        return entry


register(LayerNorm())
