"""The web player: one self-contained HTML page that plays an exercise's storyboard,
step by step, and says how every cell was made.

:func:`page` makes it for a trace, as a :class:`Page`: its HTML, which a notebook
shows through ``_repr_html_``, in a frame of its own (:mod:`handtf.web` writes it). The page loads nothing
from the network and its script only draws the storyboard (see
:mod:`handtf.player.data`).
"""

from __future__ import annotations

__all__ = ["Page", "embed", "page"]

import html
from dataclasses import dataclass
from urllib.parse import quote

from handtf.detail import DETAILS, Detail
from handtf.errors import HandtfError, shown
from handtf.pace import Timing
from handtf.player.data import page_data
from handtf.player.page import page_html
from handtf.scenes.style import theme
from handtf.trace import Trace


@dataclass(frozen=True)
class Page:
    """A player page: its HTML, and the title it goes by."""

    html: str
    title: str

    def _repr_html_(self) -> str:
        """The page in a sandboxed frame of its own, as a notebook shows it: its
        script and style stay inside, and its policy still holds.
        """
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.title, quote=True)}" '
            'sandbox="allow-scripts" class="handtf-player" '
            'style="width:100%;aspect-ratio:16/10;min-height:320px;border:0"></iframe>'
        )


def embed(name: str, title: str) -> str:
    """An ``<iframe>`` for a blog post, where the page ``name`` is served beside it
    (URL-quoted, and from ``./``, so no part of a file name reads as a scheme).
    """
    src = "./" + quote(name, safe="")
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        'loading="lazy" style="width:100%;aspect-ratio:16/10;min-height:320px;border:0"></iframe>'
    )


def page(trace: Trace, detail: Detail = "cell", timing: Timing = Timing(), theme_name: str = "light") -> Page:
    """The player page of ``trace``: it opens at ``detail`` and plays at ``timing``'s
    pace, in the theme ``theme_name``, with the trace's language and decimals.
    """
    if detail not in DETAILS:
        raise HandtfError(f"detail {shown(str(detail))} is not one of {', '.join(DETAILS)}")
    style = theme(theme_name)
    from handtf import __version__

    return Page(page_html(page_data(trace, detail, timing, style, theme_name), __version__), trace.title)
