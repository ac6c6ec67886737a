"""Temperature by hand, as the "Temperature" workbook lays it out: a vocabulary's
logits Z, divided by the temperature T, then the softmax (e^, / Σ) into the
probabilities Y; here at three temperatures side by side, so a class sees a low T
sharpen the probabilities and a high T flatten them.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "TEMPERATURES", "temperature", "teachable"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng
from handtf.text import add_words, say
from handtf.trace import Trace

add_words(
    {
        "temperature.title": "Temperature by hand",
        "step.temperature-divide": "[{number}] T = {t}: Z / T",
        "step.temperature-softmax": "[{number}] T = {t}: softmax",
        "takeaway.temperature-low": "A low T sharpens: the likeliest word takes more",
        "takeaway.temperature-high": "A high T flattens them: other words get more of a chance",
    },
    {
        "temperature.title": "손으로 푸는 온도",
        "step.temperature-divide": "[{number}] T = {t}: Z를 T로 나누기",
        "step.temperature-softmax": "[{number}] T = {t}: 소프트맥스",
        "takeaway.temperature-low": "T가 낮으면 확률이 뾰족해집니다: 가장 그럴듯한 단어가 더 가져갑니다",
        "takeaway.temperature-high": "T가 높으면 확률이 평평해집니다: 다른 단어에 기회가 더 갑니다",
    },
)

# The sheet's shape: five words and their logits.  Words and numbers of handtf's own.
VOCABULARY = ["cat", "sat", "on", "the", "mat", "dog", "ran"]
LOGITS = [[2], [0], [-1], [3], [-2], [1], [-3]]
TEMPERATURES = (0.5, 1, 2)


def temperature(
    z: npt.ArrayLike = LOGITS,
    vocabulary: Sequence[str] = VOCABULARY,
    temperatures: Sequence[float] = TEMPERATURES,
    lang: str = "en",
) -> Trace:
    """The softmax of the logits ``z`` (one row per word of ``vocabulary``) at each of
    ``temperatures``, side by side.

    >>> trace = temperature()
    >>> [s.title for s in trace.steps][:2]
    ['[1] T = 0.5: Z / T', '[2] T = 0.5: softmax: exp']
    >>> trace.tensor("Z").row_labels
    ('cat', 'sat', 'on', 'the', 'mat', 'dog', 'ran')
    """
    if not 1 <= len(temperatures) <= 4:
        raise HandtfError(f"give 1 to 4 temperatures to compare, not {len(temperatures)}")
    chain = Chain(say(lang, "temperature.title"), lang)
    logits = chain.given("Z", "input", z, row_labels=vocabulary)
    number = 1
    for k, t in enumerate(temperatures, start=1):
        words = {"t": f"{t:g}"}
        scaled = chain.apply(
            "temperature", f"divide-{k}", say(lang, "step.temperature-divide", number=number, **words), (logits,),
            f"Z/{t:g}", T=t,
        )  # fmt: skip
        whole = say(lang, "step.temperature-softmax", number=number + 1, **words)
        titles = tuple(say(lang, f"softmax.{part}", title=whole) for part in ("exp", "sums", "divide"))
        ids = tuple(f"softmax-{k}-{part}" for part in ("exp", "sums", "divide"))
        chain.softmax(ids, titles, scaled, (f"E{k}", f"Σ{k}", f"Y{k}"), "output")  # type: ignore[arg-type]
        number += 2
    return chain.trace(takeaways=(say(lang, "takeaway.temperature-low"), say(lang, "takeaway.temperature-high")))


def teachable(trace: Trace) -> bool:
    """Rules of a sheet a class can work: six or seven logits from -3 to 3, no two the
    same, so every word has its own probability, and e^(Z/T) stays within three
    digits, as the sheet's do.
    """
    z = trace.tensor("Z").array()[:, 0]
    return bool(6 <= len(z) <= 7 and np.abs(z).max() <= 3 and len(set(z)) == len(z))


_WORDS = ("cat", "dog", "sat", "ran", "on", "the", "mat", "sun", "red", "big")


def _new(rng: Rng, lang: str) -> Trace | None:
    size = int(rng.integers(6, 8))
    z = rng.choice(np.arange(-3, 4), size=(size, 1), replace=False)
    words = [str(w) for w in rng.choice(_WORDS, size=size, replace=False)]
    trace = temperature(z, words, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "temperature",
        "Temperature, as the sheet: a vocabulary's logits divided by T, then the softmax, at T = 0.5, 1 and 2",
        temperature,
        _new,
        group="basics",
    ),
)
