"""The web player as outputs: :func:`html` writes its page, and :func:`show` shows it
in a notebook (or, elsewhere, in the web browser), with the command line's options.

    import handtf
    handtf.html("transformer", "media/transformer.html", detail="row")
    handtf.show("transformer")  # in a notebook: the player, inline
"""

from __future__ import annotations

__all__ = ["html", "html_trace", "show"]

import os
import warnings
from pathlib import Path

from handtf.detail import DETAILS, Detail
from handtf.errors import HandtfError, shown
from handtf.files import check_targets, write_atomically
from handtf.outputs import Source, decimals_set, load, one_of, timing_of
from handtf.pace import Timing
from handtf.scenes.style import theme as theme_of
from handtf.trace import Trace


def html(
    source: Source,
    output: str | os.PathLike[str] | None = None,
    *,
    detail: Detail = "cell",
    pace: str | float | Timing = "normal",
    theme: str = "light",
    lang: str | None = None,
    decimals: int = 2,
) -> list[Path]:
    """The web player, one self-contained HTML page, as ``handtf html`` writes it to
    ``output`` (``media/NAME.html`` when None); it opens at ``detail``.
    """
    with decimals_set(decimals):
        name, trace = load(source, lang)
        return html_trace(name, trace, None if output is None else Path(output), detail, timing_of(pace), theme)


def html_trace(
    name: str, trace: Trace, output: Path | None, detail: Detail, timing: Timing, theme_name: str
) -> list[Path]:
    """:func:`html`, for a trace already loaded."""
    from handtf.player import page

    one_of(detail, DETAILS, "detail")
    theme_of(theme_name)
    output = output if output is not None else Path("media") / f"{name}.html"
    if output.suffix.lower() not in (".html", ".htm"):
        raise HandtfError(f"the player is a web page; name the output *.html, not {shown(str(output))}")
    check_targets([output])
    text = page(trace, detail, timing, theme_name).html
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a Trace built by hand, with a lone surrogate
        raise HandtfError(
            f"the exercise's text holds {exc.object[exc.start : exc.end]!a}, which UTF-8 cannot write"
        ) from None
    write_atomically(output, data)
    return [output]


def show(
    source: Source,
    *,
    detail: Detail = "cell",
    pace: str | float | Timing = "normal",
    theme: str = "light",
    lang: str | None = None,
    decimals: int = 2,
) -> None:
    """Show the web player of ``source``: inline in a notebook; elsewhere, in the web
    browser, from a page in a new temporary folder.
    """
    from handtf.player import page

    with decimals_set(decimals):
        _, trace = load(source, lang)
        one_of(detail, DETAILS, "detail")
        theme_of(theme)
        shown_page = page(trace, detail, timing_of(pace), theme)
    if _in_notebook():
        from IPython.display import display

        display(shown_page)  # type: ignore[no-untyped-call]
        return
    import tempfile
    import webbrowser

    path = Path(tempfile.mkdtemp(prefix="handtf-")) / "player.html"
    path.write_text(shown_page.html, encoding="utf-8")
    if not webbrowser.open(path.as_uri()):
        warnings.warn(f"no web browser to open; the player is at {path}", stacklevel=2)


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None
