"""Hypothesis strategies for small by-hand matrices."""

from __future__ import annotations

__all__ = ["matrices", "small_ints"]

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

small_ints = st.integers(min_value=-9, max_value=9)


def matrices(rows: int, cols: int, floats: bool = False) -> st.SearchStrategy[np.ndarray]:
    """A rows x cols matrix of small integers, or of short decimals."""
    elements = (
        st.floats(min_value=-9, max_value=9, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 2))
        if floats
        else small_ints
    )
    return arrays(np.float64 if floats else np.int64, (rows, cols), elements=elements)
