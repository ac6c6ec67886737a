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
        "step.temperature-ranges": "[{number}] T = {t}: sorted, the cumulative probability",
        "step.temperature-sample": "[{number}] T = {t}: draw a word with r = {r}",
        "takeaway.temperature-low": "A low T sharpens: the likeliest word takes more",
        "takeaway.temperature-high": "A high T flattens them: other words get more of a chance",
    },
    {
        "temperature.title": "손으로 푸는 온도",
        "step.temperature-divide": "[{number}] T = {t}: Z를 T로 나누기",
        "step.temperature-softmax": "[{number}] T = {t}: 소프트맥스",
        "step.temperature-ranges": "[{number}] T = {t}: 정렬과 누적 확률",
        "step.temperature-sample": "[{number}] T = {t}: r = {r}로 단어 뽑기",
        "takeaway.temperature-low": "T가 낮으면 확률이 뾰족해집니다: 가장 그럴듯한 단어가 더 가져갑니다",
        "takeaway.temperature-high": "T가 높으면 확률이 평평해집니다: 다른 단어에 기회가 더 갑니다",
    },
)

# The sheet's shape: five words and their logits.  Words and numbers of handtf's own.
VOCABULARY = ["cat", "sat", "on", "the", "mat", "dog", "ran"]
LOGITS = [[2], [0], [-1], [3], [-2], [1], [-3]]
TEMPERATURES = (0.5, 1, 2)
R = 0.88  # the sheet's random number r: here it draws "cat", "dog" and "sat" as T rises


def temperature(
    z: npt.ArrayLike = LOGITS,
    vocabulary: Sequence[str] = VOCABULARY,
    temperatures: Sequence[float] = TEMPERATURES,
    r: float | None = R,
    lang: str = "en",
) -> Trace:
    """The softmax of the logits ``z`` (one row per word of ``vocabulary``) at each of
    ``temperatures``, side by side; and with the random number ``r`` (unless None), at
    each, the words sorted by probability with their ranges of the cumulative
    probability, and the word whose range holds r, as the sheet samples one.

    >>> trace = temperature()
    >>> [s.title for s in trace.steps][:2]
    ['[1] T = 0.5: Z / T', '[2] T = 0.5: softmax: exp']
    >>> trace.tensor("Z").row_labels
    ('cat', 'sat', 'on', 'the', 'mat', 'dog', 'ran')
    >>> [trace.tensor(f"S{k}").row_labels[0] for k in (1, 2, 3)]
    ['cat', 'dog', 'sat']
    """
    if not 1 <= len(temperatures) <= 4:
        raise HandtfError(f"give 1 to 4 temperatures to compare, not {len(temperatures)}")
    chain = Chain(say(lang, "temperature.title"), lang)
    logits = chain.given("Z", "input", z, row_labels=vocabulary)
    drawn_with = None if r is None else chain.given("r", "input", [[r]])
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
        y = chain.softmax(ids, titles, scaled, (f"E{k}", f"Σ{k}", f"Y{k}"), "output")  # type: ignore[arg-type]
        number += 2
        if drawn_with is not None:
            sorted_title = say(lang, "step.temperature-ranges", number=number, **words)
            ranges = chain.apply(
                "cumulative", f"ranges-{k}", sorted_title, (y,), f"C{k}", "hidden", words=list(vocabulary)
            )
            draw_title = say(lang, "step.temperature-sample", number=number + 1, r=f"{r:g}", **words)
            chain.apply("sample", f"sample-{k}", draw_title, (ranges, drawn_with), f"S{k}", "output")
            number += 2
    return chain.trace(takeaways=(say(lang, "takeaway.temperature-low"), say(lang, "takeaway.temperature-high")))


def teachable(trace: Trace) -> bool:
    """Rules of a sheet a class can work: six or seven logits from -3 to 3, no two the
    same, so every word has its own probability, and e^(Z/T) stays within three
    digits, as the sheet's do. With r: r lies inside its range as the sheet rounds it
    (to 2 places), and the temperatures draw at least two different words.
    """
    z = trace.tensor("Z").array()[:, 0]
    if not (6 <= len(z) <= 7 and np.abs(z).max() <= 3 and len(set(z)) == len(z)):
        return False
    draws = [s for s in trace.steps if s.id.startswith("sample-")]  # the draws this module chained
    if not draws:
        return True
    r = trace.tensor(draws[0].inputs[1]).array()[0, 0]
    words = set()
    for step in draws:
        ranges, word = trace.tensor(step.inputs[0]), trace.tensor(step.output).row_labels[0]
        i = ranges.row_labels.index(word)
        left, right = (round(float(ranges.at(i, c)), 2) for c in (0, 1))
        if not left < r < right:
            return False
        words.add(word)
    return len(words) >= 2


_WORDS = ("cat", "dog", "sat", "ran", "on", "the", "mat", "sun", "red", "big")


def _new(rng: Rng, lang: str) -> Trace | None:
    size = int(rng.integers(6, 8))
    z = rng.choice(np.arange(-3, 4), size=(size, 1), replace=False)
    words = [str(w) for w in rng.choice(_WORDS, size=size, replace=False)]
    trace = temperature(z, words, r=int(rng.integers(5, 96)) / 100, lang=lang)
    return trace if teachable(trace) else None


EXERCISES = (
    Exercise(
        "temperature",
        "Temperature, as the sheet: logits divided by T, the softmax, and a word drawn with r; at T = 0.5, 1 and 2",
        temperature,
        _new,
        group="basics",
    ),
)
