"""What the attention exercises share: step titles in the article's numbering, the
labels of X's rows, and the QK module that makes the attention matrix A.
"""

from __future__ import annotations

__all__ = ["Names", "attention", "attention_weights", "positions_labels", "title"]

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.kinds.mask import VALUE
from handtf.text import add_words, say
from handtf.trace import Tensor, ordinal

add_words(
    {"step.head": "Head {head}: {step}", "step.part": "{part}: {step}"},
    {"step.head": "헤드 {head}: {step}", "step.part": "{part}: {step}"},
)


def title(lang: str, number: int, key: str, part: str | None = None, **values: object) -> str:
    """``[number] `` and the words of ``step.<key>``, after the ``part`` they belong to
    if given (``Decoder: Layer norm: mean``).
    """
    words = say(lang, f"step.{key}", **values)
    return f"[{number}] {say(lang, 'step.part', part=part, step=words) if part else words}"


def positions_labels(x: npt.ArrayLike) -> list[str] | None:
    array = np.asarray(x)
    return [f"P{ordinal(i)}" for i in range(array.shape[0])] if array.ndim == 2 else None


@dataclass(frozen=True)
class Names:
    """How one attention head names its matrices and steps: ``suffix`` follows each
    matrix's name (``Q2``), ``prefix`` each step id, and ``head`` (if any) leads each
    title (``Head 2: Queries``), or else ``part`` (``Encoder: Queries``).
    """

    suffix: str = ""
    prefix: str = ""
    head: int | None = None
    part: str | None = None

    def __call__(self, name: str) -> str:
        return f"{name}{self.suffix}"

    def id(self, step: str) -> str:
        return f"{self.prefix}{step}"

    def title(self, lang: str, number: int, key: str, **values: object) -> str:
        words = say(lang, f"step.{key}", **values)
        if self.head is not None:
            words = say(lang, "step.head", head=self.head, step=words)
        elif self.part is not None:
            words = say(lang, "step.part", part=self.part, step=words)
        return f"[{number}] {words}"


def attention_weights(
    chain: Chain,
    x: Tensor,
    wq: npt.ArrayLike,
    wk: npt.ArrayLike,
    first: int,
    names: Names = Names(),
    causal: bool = False,
    memory: Tensor | None = None,
) -> Tensor:
    """The QK module, step by step from number ``first``: Q and K, Kᵀ, the scores
    Kᵀ·Q, scaled by 1/√dk (with ``causal``, masked so no position sees a later one),
    then softmax by column (exp, column sums, division) into A. The keys come from
    ``memory`` if given (cross-attention: the encoder's output), else from ``x``.
    """
    n, lang, at = first, chain.lang, names
    wqs = chain.given(at("Wq"), "weight", wq)
    wks = chain.given(at("Wk"), "weight", wk)
    q = chain.matmul(at.id("queries"), at.title(lang, n, "queries"), wqs, x, at("Q"))
    k = chain.matmul(at.id("keys"), at.title(lang, n + 1, "keys"), wks, memory or x, at("K"))
    kt = chain.transpose(at.id("keys-transposed"), at.title(lang, n + 2, "keys-transposed"), k, at("Kᵀ"))
    scores = chain.matmul(at.id("scores"), at.title(lang, n + 3, "scores"), kt, q, at("S"))
    dk = k.shape[0]
    factor = f"1/√{dk}"
    step = at.title(lang, n + 4, "scale", factor=factor)
    scaled = chain.scale(at.id("scale"), step, scores, 1 / math.sqrt(dk), factor, at("S'"))
    n += 5
    if causal:
        scaled = chain.apply("mask", at.id("mask"), at.title(lang, n, "mask"), (scaled,), at("S*"), value=VALUE)
        n += 1
    ids = (at.id("exp"), at.id("column-sums"), at.id("divide"))
    titles = (at.title(lang, n, "exp"), at.title(lang, n + 1, "column-sums"), at.title(lang, n + 2, "divide"))
    return chain.softmax(ids, titles, scaled, (at("E"), at("Σ"), at("A")), role="attention")


def attention(
    chain: Chain,
    x: Tensor,
    wqkv: tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike],
    first: int,
    names: Names = Names(),
    causal: bool = False,
    memory: Tensor | None = None,
) -> tuple[Tensor, int]:
    """One head of attention from number ``first``: its A from the QK module, its
    V = Wv·X (from ``memory`` if given) and its Z = V·A. Returns Z and the next step's
    number.
    """
    wq, wk, wv = wqkv
    lang, at = chain.lang, names
    a = attention_weights(chain, x, wq, wk, first, at, causal=causal, memory=memory)
    n = first + (9 if causal else 8)
    wvs = chain.given(at("Wv"), "weight", wv)
    v = chain.matmul(at.id("values"), at.title(lang, n, "values"), wvs, memory or x, at("V"))
    z = chain.matmul(at.id("attention-weighting"), at.title(lang, n + 1, "attention-weighting"), v, a, at("Z"))
    return z, n + 2
