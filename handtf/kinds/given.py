"""``show``: a step that presents a given matrix, such as the attention weights A."""

from __future__ import annotations

__all__ = ["Given"]

from typing import TYPE_CHECKING

from handtf.kinds import register
from handtf.kinds.kind import Kind, Params, given_note
from handtf.trace import Role, Step, Tensor

if TYPE_CHECKING:  # pragma: no cover
    from handtf.chain import Chain
    from handtf.layout import Stairs


class Given(Kind):
    name = "given"
    op = "show"
    order = 0
    inputs = ()
    beat = "hold"
    computes = False

    def build(
        self, chain: Chain, step_id: str, title: str, inputs: tuple[Tensor, ...], out: str, role: Role, params: Params
    ) -> Tensor:
        shown = chain.tensor(out)
        notes = given_note(params)
        chain.add_step(Step(step_id, title, self.name, shown.name, (), shown.name, (), notes, dict(params)))
        return shown

    def place(self, stairs: Stairs, step: Step) -> None:
        stairs.placed_or_new(step.output)


register(Given())
