"""Every word handtf puts on a page, in one place per language.

English is the default; Korean follows the wording of the article the project starts
from ("Deep Dive into Transformers by Hand", in its Korean translation) where it has
one. A trace records its language, so the scenes draw their own words (worksheet
instructions, row captions) in the same language as its titles and notes.
"""

from __future__ import annotations

__all__ = ["LANGS", "add_words", "foreign", "say", "translated"]

import re
from functools import cache

from handtf.errors import HandtfError, shown

_EN: dict[str, str] = {
    # the exercises
    "transformer.title": "Transformer by hand",
    "transformer-qk.title": "Transformer by hand, with QK",
    "self-attention.title": "Self-attention by hand",
    "step.attention-weights": "Attention weight matrix A",
    "step.attention-weighting": "Attention weighting",
    "step.ffn-1": "FFN: first layer",
    "step.relu": "ReLU",
    "step.ffn-2": "FFN: second layer",
    "step.queries": "Queries",
    "step.keys": "Keys",
    "step.keys-transposed": "Keys, transposed",
    "step.scores": "Scores",
    "step.scale": "Scale by {factor}",
    "step.exp": "exp",
    "step.column-sums": "Column sums",
    "step.divide": "Divide: softmax by column",
    "softmax.exp": "{title}: exp",
    "softmax.sums": "{title}: column sums",
    "softmax.divide": "{title}: divide",
    "step.values": "Values",
    "note.qk-skipped": "A comes from the query-key (QK) module; its details are skipped here",
    "takeaway.attention": "Attention combines across positions (horizontally)",
    "takeaway.ffn": "The FFN combines across dimensions (vertically)",
    "takeaway.qk": "QK decides how positions mix: A = softmax(Kᵀ·Q / √dk)",
    "takeaway.both": "Attention combines across positions; the FFN across dimensions",
    "takeaway.compare": "A compares every query with every key",
    "takeaway.average": "Each column of A adds up to 1: a weighted average of V",
    # notes the steps write themselves
    "note.dimensions": "Each column's features: {before} → {after} dimensions ({change})",
    "change.grows": "grows",
    "change.shrinks": "shrinks",
    "change.stays": "stays",
    "note.relu.one": "1 negative value becomes 0; the rest stay",
    "note.relu.many": "{count} negative values become 0; the rest stay",
    "note.columns-add-to-1": "Each column of {out} adds up to 1",
    "formula.column-sums": "{out} = column sums of {x}",
    "formula.transpose": "{out}: the rows of {x} become columns",
    # each kind's name, as a spec step's default title has it
    "kind.show": "Show",
    "kind.matmul": "Matmul",
    "kind.linear": "Linear",
    "kind.relu": "Relu",
    "kind.transpose": "Transpose",
    "kind.scale": "Scale",
    "kind.exp": "Exp",
    "kind.softmax": "Softmax",
    "kind.sums": "Sums",
    "kind.divide": "Divide",
    "kind.add": "Add",
    "kind.sigmoid": "Sigmoid",
    "kind.tanh": "Tanh",
    "kind.leaky_relu": "Leaky ReLU",
    "note.leaky_relu.one": "1 negative value is multiplied by {alpha}; the rest stay",
    "note.leaky_relu.many": "{count} negative values are multiplied by {alpha}; the rest stay",
    "kind.multiply": "Multiply",
    "kind.subtract": "Subtract",
    # captions and sheets
    "caption.row": "row {row} of {name}:",
    "caption.step": "{count} cells at once",
    "sheet.worksheet": "worksheet",
    "sheet.answers": "answer key",
    "sheet.name": "Name: ____________________",
    "sheet.fill-in": "Fill in every empty cell, step by step.",
    "sheet.given": "(given)",
    "sheet.page": "page {page} of {pages}",
}

_KO: dict[str, str] = {
    "transformer.title": "손으로 푸는 트랜스포머",
    "transformer-qk.title": "손으로 푸는 트랜스포머, QK 포함",
    "self-attention.title": "손으로 푸는 셀프 어텐션",
    # One word for attention, the article's most used one (어텐션); step [2] as the
    # article has it where it says what the step does ("어텐션 가중치가 적용된 피쳐").
    "step.attention-weights": "어텐션 가중치 행렬 A",
    "step.attention-weighting": "어텐션 가중치 적용",
    "step.ffn-1": "FFN: 첫 번째 레이어",
    "step.relu": "ReLU",
    "step.ffn-2": "FFN: 두 번째 레이어",
    "step.queries": "쿼리",
    "step.keys": "키",
    "step.keys-transposed": "키의 전치",
    "step.scores": "점수",
    "step.scale": "{factor} 곱하기",
    "step.exp": "exp",
    "step.column-sums": "열의 합",
    "step.divide": "나누기: 열별 소프트맥스",
    "softmax.exp": "{title}: exp",
    "softmax.sums": "{title}: 열의 합",
    "softmax.divide": "{title}: 나누기",
    "step.values": "값",
    "note.qk-skipped": "A는 쿼리-키(QK) 모듈에서 얻습니다. QK 모듈의 세부 사항은 여기에 포함되어 있지 않습니다",
    "takeaway.attention": "어텐션 레이어는 위치를 가로 방향으로 결합합니다",
    "takeaway.ffn": "피드포워드 레이어는 차원을 세로 방향으로 결합합니다",
    "takeaway.qk": "QK가 위치를 섞는 방법을 정합니다: A = softmax(Kᵀ·Q / √dk)",
    "takeaway.both": "어텐션은 위치를, FFN은 차원을 결합합니다",
    "takeaway.compare": "A는 모든 쿼리를 모든 키와 비교합니다",
    "takeaway.average": "A의 각 열의 합은 1입니다: V의 가중 평균",
    "note.dimensions": "각 열의 특성: {before} → {after} 차원 ({change})",
    "change.grows": "증가",
    "change.shrinks": "감소",
    "change.stays": "유지",
    "note.relu.one": "음의 값 1개가 0이 되고, 양의 값은 변경되지 않습니다",
    "note.relu.many": "음의 값 {count}개가 0이 되고, 양의 값은 변경되지 않습니다",
    "note.columns-add-to-1": "{out}의 각 열의 합은 1입니다",
    "formula.column-sums": "{out} = {x}의 열의 합",
    "formula.transpose": "{out}: {x}의 행이 열이 됩니다",
    "kind.show": "보기",
    "kind.matmul": "행렬 곱",
    "kind.linear": "선형 레이어",
    "kind.relu": "ReLU",
    "kind.transpose": "전치",
    "kind.scale": "스케일",
    "kind.exp": "exp",
    "kind.softmax": "소프트맥스",
    "kind.sums": "열의 합",
    "kind.divide": "나누기",
    "kind.add": "더하기",
    "kind.sigmoid": "시그모이드",
    "kind.tanh": "tanh",
    "kind.leaky_relu": "리키 ReLU",
    "note.leaky_relu.one": "음의 값 1개는 {alpha}배가 되고, 양의 값은 변경되지 않습니다",
    "note.leaky_relu.many": "음의 값 {count}개는 {alpha}배가 되고, 양의 값은 변경되지 않습니다",
    "kind.multiply": "원소별 곱",
    "kind.subtract": "빼기",
    "caption.row": "{name}의 {row}행:",
    "caption.step": "{count}개의 칸을 한 번에",
    "sheet.worksheet": "연습지",
    "sheet.answers": "정답",
    "sheet.name": "이름: ____________________",
    "sheet.fill-in": "빈칸을 단계별로 모두 채우세요.",
    "sheet.given": "(주어짐)",
    "sheet.page": "{pages}쪽 중 {page}쪽",
}

_CATALOG = {"en": _EN, "ko": _KO}
LANGS: tuple[str, ...] = tuple(_CATALOG)


def add_words(en: dict[str, str], ko: dict[str, str]) -> None:
    """Add the words of one module (a kind's, an exercise's) to the catalogs: the same
    keys in every language, none of them taken.
    """
    if set(en) != set(ko):
        raise RuntimeError(f"words in one language only: {sorted(set(en) ^ set(ko))}")
    taken = set(en) & set(_EN)
    if taken:
        raise RuntimeError(f"words defined twice: {sorted(taken)}")
    _EN.update(en)
    _KO.update(ko)
    _phrases.cache_clear()


def say(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang``, with ``values`` filled in.

    >>> say("en", "note.relu.many", count=4)
    '4 negative values become 0; the rest stay'
    >>> say("ko", "step.relu")
    'ReLU'
    """
    try:
        catalog = _CATALOG[lang]
    except KeyError:
        raise HandtfError(f"unknown language {shown(lang)}; choose one of: {', '.join(LANGS)}") from None
    return catalog[key].format(**values)


# A phrase handtf wrote may carry a step's number in front ("[2] ") or a seed's at the
# end (" (3)"): they are kept as they are.
_FRAME = re.compile(r"^(\[\d+\] )?(.*?)( \(\d+\))?$", re.DOTALL)


@cache
def _phrases(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each phrase of ``lang`` as a pattern, its blanks as named groups; those with the
    most words of their own first (``FFN: first layer`` before ``{part}: {step}``).
    """
    patterns = []
    for key, phrase in _CATALOG[lang].items():
        parts = re.split(r"\{(\w+)\}", phrase)
        pattern = "".join(
            re.escape(p) if k % 2 == 0 else f"(?P={p})" if p in parts[1:k:2] else f"(?P<{p}>.+?)"
            for k, p in enumerate(parts)
        )  # a blank written twice ("W{layer}·A + b{layer}") matches the same text twice
        own = sum(len(p) for p in parts[::2])
        patterns.append((-own, -len(phrase), key, re.compile(pattern)))
    return tuple((key, pattern) for *_, key, pattern in sorted(patterns, key=lambda p: p[:2]))


def translated(text: str, source: str, target: str) -> str:
    """``text`` in ``target`` if it is a phrase handtf writes in ``source`` (a title or
    note that ``handtf new`` or ``export`` put in a spec), else ``text`` as it is: words
    a user typed stay as they were typed.

    >>> translated("[2] Attention weighting", "en", "ko")
    '[2] 어텐션 가중치 적용'
    >>> translated("Each column's features: 3 → 4 dimensions (grows)", "en", "ko")
    '각 열의 특성: 3 → 4 차원 (증가)'
    >>> translated("[3] Hidden layer 2: W2·A1 + b2", "en", "ko")
    '[3] 은닉층 2: W2·A1 + b2'
    >>> translated("My own title", "en", "ko")
    'My own title'
    """
    if source == target or source not in _CATALOG or target not in _CATALOG:
        return text
    framed = _FRAME.fullmatch(text)
    assert framed is not None  # the pattern matches any text
    number, core, seed = framed.group(1) or "", framed.group(2), framed.group(3) or ""
    for key, pattern in _phrases(source):
        found = pattern.fullmatch(core)
        if found is not None:
            values = {name: translated(value, source, target) for name, value in found.groupdict().items()}
            return number + _CATALOG[target][key].format(**values) + seed
    return text


def foreign(text: str, lang: str) -> bool:
    """Whether ``text`` reads as another language than ``lang``: Korean letters in an
    English text, or, in a Korean one, English words and no Korean (one word such as
    ReLU or FFN is a name, not English).
    """
    hangul = re.search(r"[\uac00-\ud7a3]", text) is not None
    if lang == "ko":
        return not hangul and len(re.findall(r"[A-Za-z]{2,}", text)) >= 2
    return hangul
