"""The web player's own words (its buttons, its tooltips), per language.

Kept apart from :mod:`handtf.text`, whose phrases are translated where a spec uses
them: a user's step titled "Next" stays "Next".
"""

from __future__ import annotations

__all__ = ["player_words"]

from handtf.errors import HandtfError, shown

_EN = {
    "player": "Step-by-step player",
    "play": "Play",
    "pause": "Pause",
    "previous_op": "Previous op (←)",
    "next_op": "Next op (→)",
    "previous_step": "Previous step (PgUp)",
    "next_step": "Next step (PgDn)",
    "start": "Start (Home)",
    "end": "End (End)",
    "position": "Position",
    "speed": "Speed",
    "detail": "Detail",
    "cell": "cell",
    "row": "row",
    "step": "step",
    "whole_sheet": "Whole sheet",
    "subtitles": "CC",
    "subtitles_help": "Subtitles: what the video's subtitles say here",
    "predict": "Predict",
    "predict_help": "Stop before each value: work it out, then reveal it",
    "your_answer": "Your answer",
    "reveal": "Reveal",
    "correct": "CORRECT: {answer}",
    "incorrect": "INCORRECT: {answer}; it is {value}",
    "not_a_number": "Type a number, such as 11 or 0.25",
    "score": "{right} of {asked} right",
    "revealed": "It is {value}",
    "not_yet": "not worked out yet",
    "given": "given",
    "op_of": "op {op} of {ops}",
    "takeaways": "Takeaways",
    "keys": "Space play or pause · ← → op · PgUp PgDn step · Home End",
}

_KO = {
    "player": "단계별 플레이어",
    "play": "재생",
    "pause": "일시 정지",
    "previous_op": "이전 연산 (←)",
    "next_op": "다음 연산 (→)",
    "previous_step": "이전 단계 (PgUp)",
    "next_step": "다음 단계 (PgDn)",
    "start": "처음 (Home)",
    "end": "끝 (End)",
    "position": "위치",
    "speed": "속도",
    "detail": "단위",
    "cell": "칸",
    "row": "행",
    "step": "단계",
    "whole_sheet": "시트 전체",
    "subtitles": "자막",
    "subtitles_help": "자막: 영상의 자막이 여기서 말하는 것",
    "predict": "예측",
    "predict_help": "각 값 앞에서 멈춥니다: 먼저 계산한 뒤 확인하세요",
    "your_answer": "내 답",
    "reveal": "확인",
    "correct": "정답: {answer}",
    "incorrect": "오답: {answer}, 답은 {value}",
    "not_a_number": "11이나 0.25처럼 수를 입력하세요",
    "score": "{asked}개 중 {right}개 정답",
    "revealed": "답은 {value}",
    "not_yet": "아직 계산하지 않음",
    "given": "주어짐",
    "op_of": "연산 {op} / {ops}",
    "takeaways": "정리",
    "keys": "스페이스 재생·정지 · ← → 연산 · PgUp PgDn 단계 · Home End",
}

_WORDS = {"en": _EN, "ko": _KO}


def player_words(lang: str) -> dict[str, str]:
    """The player's words in ``lang``; ``{value}`` and the like are filled in by the page."""
    try:
        return dict(_WORDS[lang])
    except KeyError:
        raise HandtfError(f"unknown language {shown(lang)}; choose one of: {', '.join(_WORDS)}") from None
