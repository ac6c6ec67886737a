"""The one exception type for mistakes a user can make, and how a message shows what
the user gave.
"""

from __future__ import annotations

__all__ = ["HandtfError", "one_line", "shown", "shown_number"]

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
    override U+202E, line or paragraph separators, spaces other than the plain one.
    """
    out = []
    for ch in text:
        if not ch.isprintable() and ch != " ":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def shown(value: object, limit: int = SHOWN_LIMIT, quote: bool = True) -> str:
    r"""How a message echoes something the user gave: quoted, with invisible characters
    escaped, and cut to ``limit`` characters, its start and its end, with an ellipsis
    between.

    >>> print(shown("X"))
    'X'
    >>> print(shown("a\nb\u202ec"))
    'a\x0ab\u202ec'
    >>> print(shown("media/" + "W" * 100 + ".mp4", 20))
    'media/WWW…WWWWWW.mp4' (110 characters)
    """
    text = value if isinstance(value, str) else str(value)
    mark = "'" if quote else ""
    if len(text) <= limit:
        return f"{mark}{_escaped(text)}{mark}"
    head = (limit - 1) // 2  # the start and the end: a path's file name stays
    cut = f"{_escaped(text[:head])}…{_escaped(text[len(text) - (limit - 1 - head) :])}"
    return f"{mark}{cut}{mark} ({len(text)} characters)"


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


def shown_number(value: int | float) -> str:
    """A number the user gave, as a message shows it: short, however many digits.

    >>> shown_number(10**400)
    'a 401-digit number'
    """
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) >= 1e12 else str(value)
    if abs(value) < 10**12:
        return str(value)
    if value.bit_length() > 13000:  # str() refuses over 4300 digits
        return "a number of over 3900 digits"
    return f"a {len(str(abs(value)))}-digit number"
