"""The built-in exercises: one module each (two for the article's block), each a
chain of registered kinds with its default numbers and its maker of fresh ones.
"""

from __future__ import annotations

__all__ = ["EXERCISES", "Exercise", "exercise", "self_attention", "transformer", "transformer_qk"]

from handtf.errors import HandtfError, shown
from handtf.exercises import autoencoder as _autoencoder
from handtf.exercises import backprop as _backprop
from handtf.exercises import dot_product as _dot_product
from handtf.exercises import leaky_relu as _leaky_relu
from handtf.exercises import linear_layer as _linear_layer
from handtf.exercises import lstm as _lstm
from handtf.exercises import matrix_multiplication as _matrix_multiplication
from handtf.exercises import mlp as _mlp
from handtf.exercises import multi_head_attention as _multi_head_attention
from handtf.exercises import resnet as _resnet
from handtf.exercises import rnn as _rnn
from handtf.exercises import self_attention as _self_attention
from handtf.exercises import softmax as _softmax
from handtf.exercises import temperature as _temperature
from handtf.exercises import transformer as _transformer
from handtf.exercises import transformer_block as _transformer_block
from handtf.exercises import transformer_full_stack as _transformer_full_stack
from handtf.exercises.exercise import Exercise
from handtf.exercises.self_attention import self_attention
from handtf.exercises.transformer import transformer, transformer_qk

# In the order `handtf list` shows them: the article's first, then as they build on it.
_ALL = {
    e.name: e
    for module in (
        _transformer,
        _self_attention,
        _multi_head_attention,
        _transformer_block,
        _transformer_full_stack,
        _mlp,
        _rnn,
        _lstm,
        _softmax,
        _leaky_relu,
        _temperature,
        _resnet,
        _autoencoder,
        _backprop,
        _dot_product,
        _matrix_multiplication,
        _linear_layer,
    )
    for e in module.EXERCISES
}
_ORDER = (
    "dot-product",
    "matrix-multiplication",
    "linear-layer",
    "softmax",
    "leaky-relu",
    "temperature",
    "transformer",
    "self-attention",
    "transformer-qk",
    "masked-attention",
    "multi-head-attention",
    "transformer-block",
    "transformer-full-stack",
    "mlp",
    "backprop",
    "rnn",
    "lstm",
    "resnet",
    "autoencoder",
)
EXERCISES: dict[str, Exercise] = {name: _ALL[name] for name in _ORDER}


def exercise(name: str) -> Exercise:
    """Look up an exercise by name."""
    try:
        return EXERCISES[name]
    except KeyError:
        known = ", ".join(sorted(EXERCISES))
        raise HandtfError(f"unknown exercise {shown(name)}; choose one of: {known} (see `handtf list`)") from None
