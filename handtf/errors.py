"""The one exception type for mistakes a user can make, and how a message shows what
the user gave.
"""

from __future__ import annotations

__all__ = ["HandtfError", "one_line", "shown"]

import unicodedata

# What a message echoes of a name, a path or a value at most, in characters.
SHOWN_LIMIT = 60
# A whole message at most: one line a terminal shows whole.
MESSAGE_LIMIT = 600


class HandtfError(ValueError):
    """A problem the user can fix; the message says what is wrong and how to fix it.

    The command line prints the message on one line and exits with code 2.
    """


def _escaped(text: str) -> str:
    """``text`` with every character that is not plainly visible written as an escape:
    control characters (a newline, a bell), format characters such as the right-to-left
    override U+202E, and line or paragraph separators.
    """
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def shown(value: object, limit: int = SHOWN_LIMIT, quote: bool = True) -> str:
    r"""How a message echoes something the user gave: quoted, with invisible characters
    escaped, and cut to ``limit`` characters with an ellipsis.

    >>> print(shown("X"))
    'X'
    >>> print(shown("a\nb\u202ec"))
    'a\x0ab\u202ec'
    >>> print(shown("W" * 100, 10))
    'WWWWWWWWW…' (100 characters)
    """
    text = value if isinstance(value, str) else str(value)
    mark = "'" if quote else ""
    if len(text) <= limit:
        return f"{mark}{_escaped(text)}{mark}"
    return f"{mark}{_escaped(text[: limit - 1])}…{mark} ({len(text)} characters)"


def one_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    r"""``message`` as one printable line of at most ``limit`` characters: the last
    guard before a message reaches the terminal.

    >>> print(one_line("two\nlines"))
    two\x0alines
    """
    text = _escaped(message)
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"
