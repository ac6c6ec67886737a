"""A composite: one spec step that stands for several kinds' steps in order (softmax
as exp, column sums and divide; layer norm as its mean, standard deviation, normalize,
and scale and shift), each its own visible step of cell ops.
"""

from __future__ import annotations

__all__ = ["Composite"]

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from handtf.errors import HandtfError, shown
from handtf.kinds.kind import Kind, Param, Params
from handtf.text import say
from handtf.trace import Role, Step, Tensor

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain


class Composite:
    """A spec op that is a sequence of registered kinds (softmax by column: exp, column
    sums, divide), each a step of its own in the trace.
    """

    op: ClassVar[str]
    order: ClassVar[int]
    inputs: ClassVar[tuple[str, ...]] = ("x",)
    more_inputs: ClassVar[bool] = False
    params: ClassVar[tuple[Param, ...]] = ()
    # Its steps in order: a registered kind each, and the names of what it reads.
    parts: ClassVar[tuple[tuple[str, tuple[str, ...]], ...]]
    # What its ``names`` parameter names, as a message says it ("the exps and sums").
    names_are: ClassVar[str] = "its parts"

    def read_params(self, step: Mapping[str, Any], taken: Collection[str]) -> dict[str, Any]:
        """The parameters, checked; the in-between matrices ``names`` calls must be new."""
        params = Kind.read_params(self, step, taken)  # type: ignore[arg-type]
        for n in params.get("names", ()):
            if n in taken or n == step.get("output"):
                raise HandtfError(f"names: {shown(n)} is already a matrix; pick new names for {self.names_are}")
        return params

    def spec_outputs(self, inputs: Sequence[str]) -> tuple[str, ...]:
        return ()

    def also_makes(self, params: Params) -> tuple[str, ...]:
        return tuple(params.get("names", ()))

    def export_common(self, steps: Sequence[Step], role: str, inputs: list[str]) -> dict[str, Any]:
        """The spec step's fields every composite writes back: op, id, title, inputs,
        output, ``names`` if not the default, role and note.
        """
        whole = steps[0].params["part_of"]
        entry: dict[str, Any] = {"op": self.op, "id": whole["id"], "title": whole["title"], "inputs": inputs}
        entry["output"] = steps[-1].output
        default_names = next((p.default for p in self.params if p.name == "names"), None)
        if whole.get("names") != default_names:
            entry["names"] = list(whole["names"])
        if role != "hidden":
            entry["role"] = role
        if "note" in steps[-1].params:
            entry["note"] = steps[-1].params["note"]
        return entry

    def build(
        self, chain: Chain, step_id: str, title: str, inputs: tuple[Tensor, ...], out: str, role: Role, params: Params
    ) -> Tensor:
        raise NotImplementedError

    def export_entry(self, steps: Sequence[Step], role: str) -> dict[str, Any]:
        """The one spec step that makes ``steps`` again."""
        raise NotImplementedError

    def default_title(self, lang: str, number: int) -> str:
        return f"[{number}] {say(lang, f'kind.{self.op}')}"
