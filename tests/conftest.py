"""Keep the shaped-word cache of the test run out of the user's home."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def word_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    previous = os.environ.get("HANDTF_CACHE")
    os.environ["HANDTF_CACHE"] = str(tmp_path_factory.mktemp("handtf-cache"))
    yield
    if previous is None:
        del os.environ["HANDTF_CACHE"]
    else:
        os.environ["HANDTF_CACHE"] = previous
