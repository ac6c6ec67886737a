"""Slides through manim-slides: the walkthrough with one slide per step, or per row.

manim-slides is an optional extra (``pip install 'handtf[slides]'``); it is imported
only when slides are made. Its HTML output loads reveal.js from a CDN; handtf bundles
reveal.js beside the presentation instead, so the HTML works offline and from a USB
stick. The reveal.js files come once from the npm registry, are checked against the
registry's published hash, and are kept in the user cache.
"""

from __future__ import annotations

__all__ = ["REVEAL_VERSION", "bundle_reveal", "convert", "slides_class"]

import base64
import hashlib
import html
import io
import logging
import os
import re
import tarfile
import tempfile
import urllib.request
from functools import cache
from pathlib import Path
from typing import Any

from handtf.cache import cache_root
from handtf.errors import HandtfError
from handtf.files import assets_folder
from handtf.scenes.walkthrough import Walkthrough

# reveal.js as manim-slides 5.7's HTML template expects it (its default version).
REVEAL_VERSION = "6.0.1"
REVEAL_TARBALL = f"https://registry.npmjs.org/reveal.js/-/reveal.js-{REVEAL_VERSION}.tgz"
# The npm registry's "integrity" for that tarball.
REVEAL_SHA512 = "9eacArNIgqO2HGWOK+93gJNn+gvdGDVbSq+i2u3Ja9kjiHps0XNLpgYTZTYjKRH91uXy3clGimeGiw4umHG/tg=="
# What the template links to, under its cdn_url (the theme is manim-slides' default).
REVEAL_FILES = (
    "dist/reveal.css",
    "dist/reveal.js",
    "dist/theme/black.css",
    "dist/plugin/highlight/zenburn.css",
    "dist/plugin/notes.js",
    "dist/plugin/markdown.js",
)


@cache
def slides_class() -> type[Walkthrough]:
    """The walkthrough as a manim-slides ``Slide``: each step's section becomes a
    slide, and with ``detail="row"`` each output row does too.
    """
    try:
        from manim_slides.slide import Slide
    except ImportError:
        raise HandtfError(
            "slides need manim-slides; run pip install 'handtf[slides]', or in a checkout pip install -e '.[slides]'"
        ) from None
    logging.getLogger("manim-slides").setLevel(logging.ERROR)  # its notes on each file it writes

    class WalkthroughSlides(Slide, Walkthrough):  # type: ignore[misc]
        skip_reversing = True  # reveal.js plays forwards only; reversing costs a re-encode
        deck = True

        def slide_ends(self) -> None:
            self.next_slide()

    return WalkthroughSlides


def convert(presentation: Path, dest: Path, to: str, title: str, size: tuple[int, int]) -> list[Path]:
    """Turn manim-slides' presentation file into ``dest`` (HTML or PPTX) with
    manim-slides' own converters; return what was written (HTML: the page and its
    assets folder, :func:`handtf.files.assets_folder`).

    manim-slides' template puts what it is given into the page as it is, so ``title``
    is escaped for HTML here, and the assets folder's name, which goes into the page's
    links, is made of URL-safe characters only. ``dest``'s own name never reaches the
    page.
    """
    from manim_slides.config import PresentationConfig
    from manim_slides.convert import PowerPoint, RevealJS

    config = PresentationConfig.from_file(presentation)
    if to == "pptx":
        sizes: dict[str, Any] = {"width": size[0], "height": size[1]}  # the rest of its fields keep their defaults
        PowerPoint(presentation_configs=[config], **sizes).convert_to(dest)
        return [dest]
    assets = assets_folder(dest)
    options: dict[str, Any] = {"title": html.escape(title, quote=True), "assets_dir": assets.name}
    if bundle_reveal(assets / "reveal.js"):
        options["cdn_url"] = f"{assets.name}/reveal.js"
    RevealJS(presentation_configs=[config], **options).convert_to(dest)
    _mute(dest)
    return [dest, assets]


_VIDEO = re.compile(r'(data-background-video="[^"]*")(?!\s*data-background-video-muted)')


def _mute(page: Path) -> None:
    """Mark every slide's video muted, not only the first as manim-slides does: the
    clips have no sound, and a browser that blocks unmuted autoplay would show an
    "Unmute video" button on each slide after the first.
    """
    text = page.read_text(encoding="utf-8")
    page.write_text(_VIDEO.sub(r"\1 data-background-video-muted", text), encoding="utf-8")


def bundle_reveal(folder: Path) -> bool:
    """Copy reveal.js's files into ``folder``; False when they cannot be had (offline
    with an empty cache), and the page then loads reveal.js from the CDN.
    """
    tarball = _reveal_tarball()
    if tarball is None:
        return False
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for name in REVEAL_FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise HandtfError(f"the reveal.js {REVEAL_VERSION} package has no {name}; clear {_reveal_cache()}")
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(member.read())
    return True


def _reveal_cache() -> Path:
    return cache_root() / f"reveal.js-{REVEAL_VERSION}.tgz"


def _reveal_tarball() -> bytes | None:
    """The reveal.js package: from the cache, else from the npm registry, checked."""
    path = _reveal_cache()
    if path.exists():
        data = path.read_bytes()
        if _verified(data):
            return data
    try:
        with urllib.request.urlopen(REVEAL_TARBALL, timeout=30) as response:
            data = bytes(response.read())
    except OSError:
        return None
    if not _verified(data):
        raise HandtfError(f"reveal.js from {REVEAL_TARBALL} does not match its published hash; try again later")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)  # no cache then; the slides still get their copy
    return data


def _verified(data: bytes) -> bool:
    return base64.b64encode(hashlib.sha512(data).digest()).decode() == REVEAL_SHA512
