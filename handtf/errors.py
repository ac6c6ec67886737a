"""The one exception type for mistakes a user can make."""

from __future__ import annotations

__all__ = ["HandtfError"]


class HandtfError(ValueError):
    """A problem the user can fix; the message says what is wrong and how to fix it.

    The command line prints the message on one line and exits with code 2.
    """
