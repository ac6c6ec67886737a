"""The web player as one self-contained HTML file: its template, style and script
from this package, and the page's data (:mod:`handtf.player.data`) inline.

Nothing on the page comes from the network: a Content-Security-Policy allows only
the page's own script and style, by hash. Every string of a spec reaches the page
as JSON data, which the script shows as text; in the HTML around it each is escaped.
"""

from __future__ import annotations

__all__ = ["SCRIPTS", "page_html"]

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

SCRIPTS = ("sheet.js", "timeline.js", "draw.js", "hover.js", "controls.js")  # in the order they run


@cache
def _asset(name: str) -> str:
    return files("handtf.player").joinpath(name).read_text(encoding="utf-8")


def _script() -> str:
    body = "\n".join(_asset(name) for name in SCRIPTS)
    return f'(function () {{\n"use strict";\n{body}\n}})();\n'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _json_in_html(data: Any) -> str:
    """JSON that cannot end its <script> element or open another: <, > and & as
    escapes (as are the two line separators JavaScript once did not allow in strings).
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    escapes = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
    return re.sub("[<>&\u2028\u2029]", lambda m: escapes[m.group()], text)


def page_html(data: dict[str, Any], version: str) -> str:
    """The page for ``data`` (see :func:`handtf.player.data.page_data`)."""
    script, style = _script(), _asset("player.css")
    csp = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    words: dict[str, str] = data["words"]
    fields = {
        "lang": data["lang"],
        "csp": csp,
        "version": version,
        "title": data["title"],
        "theme": data["theme"],
        **{f"w:{key}": value for key, value in words.items()},
    }
    out = re.sub(r"\{\{([\w:]+)\}\}", lambda m: _field(m.group(1), fields, style, script, data), _asset("page.html"))
    return out


def _field(name: str, fields: dict[str, str], style: str, script: str, data: dict[str, Any]) -> str:
    if name == "css":
        return style
    if name == "js":
        return script
    if name == "data":
        return _json_in_html(data)
    return html.escape(fields[name], quote=True)
