"""The whole transformer by hand, as the Transformer-Full-Stack workbook lays it out:
input tokens, their embeddings and positions, the encoder block; the output tokens
(shifted right), theirs, the decoder's masked self-attention, cross-attention to the
encoder's output, the FFN, each with add & norm; then the output projection to the
vocabulary's logits, the softmax, and the next token, as a word.

The sheet translates Chinese into English; this exercise translates Korean ("개와
고양이 논다") into English ("the dog and cat"). It has one head per attention where
the sheet has two, to keep the walkthrough short; ``multi-head-attention`` works heads.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "SOURCE_WORDS", "TARGET_WORDS", "transformer_full_stack"]

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from handtf.chain import Chain
from handtf.errors import HandtfError
from handtf.exercises.attention import Names, attention, title
from handtf.exercises.exercise import Exercise
from handtf.exercises.numbers import Rng, fits, has_relu_zero, scores_small, weights
from handtf.exercises.transformer_block import add_norm, ffn, pause
from handtf.kinds.mask import VALUE
from handtf.kinds.softmax import SoftmaxByRow
from handtf.text import add_words, say
from handtf.trace import Tensor, Trace

add_words(
    {
        "transformer-full-stack.title": "The whole transformer by hand",
        "part.encoder": "Encoder",
        "part.decoder": "Decoder",
        "part.cross": "Cross-attention",
        "step.positions-transposed": "Each position's features, as a row",
        "step.logits": "Output projection to the vocabulary's logits, a column per word",
        "step.row-sums": "Row sums",
        "overview.decoder": "Next: the decoder",
        "overview.decoder.note": "The encoder's output M holds each Korean word in context; the decoder reads the "
        "English so far, and M",
        "overview.output": "Next: the next token",
        "overview.output.note": "D3 holds each English position; scored against every word of the vocabulary, "
        "it picks the next one",
        "takeaway.full-stack": "The encoder reads the whole sentence; the decoder sees only the words before, "
        "and the encoder's output",
        "takeaway.next-token": "The next token is the word of the highest probability at the last position",
    },
    {
        "transformer-full-stack.title": "손으로 푸는 트랜스포머 전체",
        "part.encoder": "인코더",
        "part.decoder": "디코더",
        "part.cross": "교차 어텐션",
        "step.positions-transposed": "위치마다의 특성을 행으로",
        "step.logits": "어휘의 로짓으로 출력 투영, 단어마다 한 열",
        "step.row-sums": "행의 합",
        "overview.decoder": "다음: 디코더",
        "overview.decoder.note": "인코더의 출력 M은 한국어 단어마다 문맥을 담습니다: "
        "디코더는 지금까지의 영어와 M을 읽습니다",
        "overview.output": "다음: 다음 토큰",
        "overview.output.note": "D3는 영어 위치마다의 특성입니다: 어휘의 모든 단어와 점수를 매겨 다음 단어를 고릅니다",
        "takeaway.full-stack": "인코더는 문장 전체를 읽고, 디코더는 앞의 단어들과 인코더의 출력만 봅니다",
        "takeaway.next-token": "다음 토큰은 마지막 위치에서 확률이 가장 높은 단어입니다",
    },
)

# The vocabularies, and the sentences as the one-hot matrices pick them: the encoder
# reads the Korean, the decoder the English so far (shifted right, from [S]).
SOURCE_WORDS = ("개", "고양이", "와", "논다", "먹는다", "물", "해", "나", "집", "밥", "잔다", "큰")
TARGET_WORDS = (
    "[S]",
    "the",
    "dog",
    "and",
    "cat",
    "play",
    "eat",
    "fish",
    "sun",
    "run",
    "a",
    "big",
    "red",
    "sea",
    "nap",
    "[E]",
)
SOURCE = ("개", "와", "고양이", "논다")
TARGET = ("[S]", "the", "dog", "and")
BASE = 10000

# d = 4 features. The embedding tables have a column per word, as the sheet's, of 0s
# and 1s, so the positions' waves show in the sum.
FULL_WE = [
    [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1],
    [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0],
    [0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0],
]
FULL_WD = [
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0],
    [0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1],
    [1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1],
    [0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1],
]
# (Wq, Wk, Wv) of each attention: the encoder's, the decoder's masked one, the cross
# one. dk = 2, so the scores are scaled by 1/√2; dv = 4, so Z adds to its input.
FULL_ATTENTION = (
    (
        [[0, 1, -1, 0], [0, 0, 1, 0]],
        [[0, 0, 1, -1], [-1, 0, 0, 1]],
        [[1, 1, 0, 1], [-1, -1, 0, 1], [0, 0, 0, -1], [-1, 1, 1, 0]],
    ),
    (
        [[0, 1, -1, 1], [0, 1, 0, 0]],
        [[0, 1, -1, 0], [1, 1, 1, 1]],
        [[1, -1, 0, 0], [0, -1, 0, 0], [1, 1, 1, 1], [1, 0, -1, 1]],
    ),
    (
        [[0, 1, 1, -1], [-1, -1, 0, -1]],
        [[1, 0, 0, 1], [0, 1, 1, 0]],
        [[0, 0, 1, -1], [-1, -1, 1, 1], [0, -1, 1, -1], [-1, 1, 1, -1]],
    ),
)
# γ and β of the five layer norms: the encoder's two, the decoder's three.
FULL_GAMMA = tuple([[1], [1], [1], [1]] for _ in range(5))
FULL_BETA = tuple([[0], [0], [0], [0]] for _ in range(5))
# (W1, b1, W2, b2) of the encoder's FFN, then the decoder's: 4 → 6 → 4.
FULL_FFN = (
    (
        [[1, 0, 0, 0], [1, -1, 1, 0], [0, 0, 1, 1], [0, 0, 1, 1], [1, 1, 1, -1], [1, -1, -1, 1]],
        [[0], [0], [1], [-1], [1], [0]],
        [[1, 0, 0, 1, -1, 1], [1, -1, -1, 0, 0, -1], [-1, -1, 0, 1, -1, -1], [-1, -1, 1, 1, 1, 1]],
        [[1], [-1], [0], [0]],
    ),
    (
        [[0, 1, -1, 0], [1, 0, 0, -1], [0, 1, -1, 1], [-1, -1, -1, 1], [1, 0, 0, 0], [-1, -1, 0, 1]],
        [[0], [0], [1], [0], [1], [1]],
        [[-1, -1, 1, 1, -1, -1], [0, -1, 0, -1, 0, 1], [1, 0, 0, 1, 0, 1], [1, 0, 0, 0, 0, 0]],
        [[0], [0], [1], [0]],
    ),
)
# The output projection: a column per word of the vocabulary, as the tables.
FULL_WL = [
    [-1, 1, -1, 1, -1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0],
    [-1, -1, 1, 1, 1, 0, 0, 1, -1, -1, 0, 0, 1, -1, 1, 0],
    [-1, -1, -1, -1, 1, 0, 1, 1, -1, -1, 1, -1, 0, 0, -1, 0],
    [0, 1, -1, 0, -1, -1, -1, 1, 0, 1, -1, 1, 1, -1, -1, 1],
]


def one_hot(words: Sequence[str], vocabulary: Sequence[str]) -> npt.NDArray[np.int64]:
    """A row per token, a column per word of the vocabulary, each row's 1 in its word's column."""
    matrix = np.zeros((len(words), len(vocabulary)), dtype=np.int64)
    for i, word in enumerate(words):
        matrix[i, list(vocabulary).index(word)] = 1
    return matrix


def tokens_in(
    chain: Chain,
    words: Sequence[str],
    vocabulary: Sequence[str],
    table: npt.ArrayLike,
    names: tuple[str, ...],
    first: int,
    part: str,
) -> Tensor:
    """The tokens' one-hot matrix, their embeddings (picked columns of ``table``), the
    positional encoding and the sum, numbered from ``first``; ``names`` are the
    one-hot's, the table's, the embeddings', the encoding's and the sum's.
    """
    lang = chain.lang
    t_name, table_name, x_name, pe_name, sum_name = names
    t = chain.given(t_name, "input", one_hot(words, vocabulary), row_labels=words, col_labels=vocabulary)
    table_s = chain.given(table_name, "weight", table)
    x = chain.apply("embedding", f"embedding-{x_name}", title(lang, first, "embedding", part), (table_s, t), x_name)
    pe = chain.apply(
        "positional_encoding",
        f"positions-{x_name}",
        title(lang, first + 1, "positional-encoding", part),
        (x,),
        pe_name,
        base=BASE,
    )
    return chain.add(
        f"add-positions-{x_name}",
        title(lang, first + 2, "add-positions", part, x=x_name, pe=pe_name),
        x,
        pe,
        sum_name,
    )


def transformer_full_stack(
    we: npt.ArrayLike = FULL_WE,
    wd: npt.ArrayLike = FULL_WD,
    attentions: Sequence[Sequence[npt.ArrayLike]] = FULL_ATTENTION,
    gammas: Sequence[npt.ArrayLike] = FULL_GAMMA,
    betas: Sequence[npt.ArrayLike] = FULL_BETA,
    ffns: Sequence[Sequence[npt.ArrayLike]] = FULL_FFN,
    wl: npt.ArrayLike = FULL_WL,
    lang: str = "en",
) -> Trace:
    """From the input tokens to the next token, as the full-stack sheet.

    >>> trace = transformer_full_stack()
    >>> len(trace.steps), trace.steps[-1].title
    (76, '[74] The next token: the highest probability')
    >>> trace.tensor("N").row_labels[-1]
    'cat'
    """
    chain = Chain(say(lang, "transformer-full-stack.title"), lang)
    encoder, decoder, cross = (say(lang, f"part.{p}") for p in ("encoder", "decoder", "cross"))
    x = tokens_in(chain, SOURCE, SOURCE_WORDS, we, ("T", "We", "X", "PEx", "Xp"), 1, encoder)
    z, n = attention(chain, x, _three(attentions[0]), 4, Names("1", "encoder-", part=encoder))
    y1 = add_norm(chain, x, z, gammas[0], betas[0], n, 1, "Y1", encoder)
    g = ffn(chain, y1, ffns[0], n + 5, "1", 1, encoder)
    memory = add_norm(chain, y1, g, gammas[1], betas[1], n + 8, 2, "M", encoder)
    n += 13
    pause(chain, "decoder", memory)
    y = tokens_in(chain, TARGET, TARGET_WORDS, wd, ("Td", "Wd", "Y", "PEy", "Yp"), n, decoder)
    z2, n = attention(chain, y, _three(attentions[1]), n + 3, Names("2", "decoder-", part=decoder), causal=True)
    d1 = add_norm(chain, y, z2, gammas[2], betas[2], n, 3, "D1", decoder)
    z3, n = attention(chain, d1, _three(attentions[2]), n + 5, Names("3", "cross-", part=cross), memory=memory)
    d2 = add_norm(chain, d1, z3, gammas[3], betas[3], n, 4, "D2", decoder)
    g2 = ffn(chain, d2, ffns[1], n + 5, "2", 3, decoder)
    d3 = add_norm(chain, d2, g2, gammas[4], betas[4], n + 8, 5, "D3", decoder)
    n += 13
    pause(chain, "output", d3)
    d3t = chain.transpose("positions-transposed", title(lang, n, "positions-transposed"), d3, "D3ᵀ")
    logits = chain.matmul(
        "logits", title(lang, n + 1, "logits"), d3t, chain.given("Wl", "weight", wl, col_labels=TARGET_WORDS), "L"
    )
    ids = ("vocabulary-exp", "vocabulary-sums", "vocabulary-divide")
    titles = (title(lang, n + 2, "exp"), title(lang, n + 3, "row-sums"), title(lang, n + 4, "divide"))
    p = SoftmaxByRow().steps(chain, ids, titles, logits, ("EL", "ΣL", "P"), "hidden")
    words = list(TARGET_WORDS)
    chain.apply("next_token", "next-token", title(lang, n + 5, "next-token"), (p,), "N", "output", vocabulary=words)
    return chain.trace(takeaways=(say(lang, "takeaway.full-stack"), say(lang, "takeaway.next-token")))


def _three(wqkv: Sequence[npt.ArrayLike]) -> tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike]:
    wq, wk, wv = wqkv
    return wq, wk, wv


def _new(rng: Rng, lang: str) -> Trace | None:
    try:
        trace = transformer_full_stack(
            rng.integers(0, 2, size=(4, len(SOURCE_WORDS))),
            rng.integers(0, 2, size=(4, len(TARGET_WORDS))),
            [(weights(rng, 2, 4), weights(rng, 2, 4), weights(rng, 4, 4)) for _ in range(3)],
            FULL_GAMMA,
            FULL_BETA,
            [
                (
                    weights(rng, 6, 4),
                    rng.integers(-1, 2, size=(6, 1)),
                    weights(rng, 4, 6),
                    rng.integers(-1, 2, size=(4, 1)),
                )
                for _ in range(2)
            ],
            weights(rng, 4, len(TARGET_WORDS)),
            lang=lang,
        )
    except HandtfError:
        return None
    # The scores stay within ±4 (those the mask leaves, in the decoder's), so exp stays
    # under 55; one FFN at least has a ReLU with something to zero; the column sums of
    # exps may take three digits.
    masked = [v for row in trace.tensor("S*2").values for v in row if v > VALUE / 2]
    small = scores_small(trace, ("S'1", "S'3"), limit=4) and all(abs(v) <= 4 for v in masked)
    relu = has_relu_zero(trace, "F1") or has_relu_zero(trace, "F2")
    return trace if small and relu and fits(trace, 999) else None


EXERCISES = (
    Exercise(
        "transformer-full-stack",
        "From tokens to the next token, as the full-stack sheet: embeddings and positions, the encoder block, "
        "the decoder's masked self-attention and cross-attention, add & norm, the FFN, the vocabulary's softmax",
        transformer_full_stack,
        _new,
    ),
)
