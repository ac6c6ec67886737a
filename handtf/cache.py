"""handtf's cache on disk, in ``$HANDTF_CACHE``, else ``~/.cache/handtf``: rendered
segments of videos, kept here; shaped words (``scenes/grid.py``) and the slides'
reveal.js (``scenes/slides.py``), kept by those modules.

A segment is kept under its key (see :mod:`handtf.segments`) as two files: the
segment, and beside it a small record of its size and SHA-256. Both are written to a
temporary name and renamed into place, the record last, so an entry is whole or
absent. A segment is taken by linking (or copying) it into the render's own scratch
folder and checking it against its record; one that does not match is deleted and
rendered again. So the cache is safe to delete at any time, and safe with several
renders at once: none ever reads a file another is writing.

The cache holds at most ``$HANDTF_CACHE_SIZE`` (default 2G) of segments; past that,
the least recently used go first.
"""

from __future__ import annotations

__all__ = ["DEFAULT_SIZE", "Held", "SegmentCache", "cache_root", "cache_size", "clear", "info", "unwritable"]

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from handtf.errors import HandtfError, shown

DEFAULT_SIZE = 2 * 1024**3  # bytes: some 150 steps of 1080p60 video
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
_SEGMENTS = "segments-v1"


def cache_root() -> Path:
    """Where handtf keeps things between runs (``$HANDTF_CACHE``, else the user cache)."""
    root = os.environ.get("HANDTF_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "handtf"
    )
    return Path(root)


def cache_size() -> int:
    """The most bytes of segments kept: ``$HANDTF_CACHE_SIZE``, in bytes or with K, M,
    G or T (``500M``, ``2G``); 0 keeps none.

    >>> os.environ["HANDTF_CACHE_SIZE"] = "1.5G"; cache_size()
    1610612736
    >>> del os.environ["HANDTF_CACHE_SIZE"]; cache_size() == DEFAULT_SIZE
    True
    """
    given = os.environ.get("HANDTF_CACHE_SIZE", "").strip()
    if not given:
        return DEFAULT_SIZE
    found = re.fullmatch(r"(\d{1,15}(?:\.\d{1,6})?)\s*([KMGT]?)i?B?", given, re.IGNORECASE)
    if found is None:
        raise HandtfError(
            f"HANDTF_CACHE_SIZE is {shown(given, 20)}, not a size; give bytes or a number with K, M, G or T, e.g. 2G"
        )
    return int(float(found[1]) * _UNITS[found[2].upper()])


def unwritable(root: Path) -> str | None:
    """The warning to give when rendered segments cannot be kept under ``root`` (its
    folder is made now if need be), else None. A render goes on without keeping them.
    """
    folder = root / _SEGMENTS
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied")
    except OSError as exc:
        return (
            f"rendered steps cannot be kept in {shown(str(root))} ({exc.strerror or exc}), so each render draws"
            " every step; set HANDTF_CACHE to a folder you can write, or pass --no-cache"
        )
    return None


class SegmentCache:
    """Rendered segments under ``root``, at most ``size`` bytes of them."""

    def __init__(self, root: Path, size: int) -> None:
        self.folder = root / _SEGMENTS
        self.size = size

    def _paths(self, key: str, suffix: str) -> tuple[Path, Path]:
        return self.folder / f"{key}{suffix}", self.folder / f"{key}.json"

    def take(self, key: str, suffix: str, into: Path) -> bool:
        """Put the segment of ``key`` at ``into`` (a file of the render's own); False
        if there is none, or it was damaged (then it is deleted).
        """
        data, record = self._paths(key, suffix)
        try:
            kept = json.loads(record.read_text(encoding="utf-8"))
            if not stat.S_ISREG(os.lstat(data).st_mode):  # a link, a pipe: not an entry handtf wrote
                self._drop(key, suffix)
                return False
            try:
                os.link(data, into, follow_symlinks=False)  # the render's own name: trimming cannot take it away
            except OSError:
                shutil.copyfile(data, into, follow_symlinks=False)  # another file system, or no links
        except (OSError, ValueError):
            return False
        if not stat.S_ISREG(os.lstat(into).st_mode):
            into.unlink()
            return False
        if not isinstance(kept, dict) or kept.get("sha256") != _sha256(into) or kept.get("size") != into.stat().st_size:
            into.unlink()
            self._drop(key, suffix)
            return False
        with contextlib.suppress(OSError):
            os.utime(record)  # used now: the last to go
        return True

    def keep(self, key: str, suffix: str, segment: Path) -> None:
        """Keep a copy of ``segment`` under ``key``, then trim the cache to its size.
        A cache that cannot be written (a read-only or full disk) is left as it is.
        """
        if self.size <= 0:
            self.trim()  # keeping none: the ones kept before go too
            return
        data, record = self._paths(key, suffix)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with segment.open("rb") as source:
                _replace(data, lambda f: shutil.copyfileobj(source, f))
            entry = {"sha256": _sha256(segment), "size": segment.stat().st_size}
            _replace(record, lambda f: f.write(json.dumps(entry).encode()))
        except OSError:
            return
        self.trim()

    def entries(self) -> list[tuple[float, int, str, str]]:
        """Each whole entry as (last used, bytes, key, the segment's suffix)."""
        if not self.folder.is_dir():
            return []
        files = [p for p in self.folder.iterdir() if not p.name.startswith(".")]
        records = {p.stem: p for p in files if p.suffix == ".json"}
        found = []
        for data in files:
            if data.suffix != ".json" and data.stem in records:
                with contextlib.suppress(OSError):
                    found.append((records[data.stem].stat().st_mtime, data.stat().st_size, data.stem, data.suffix))
        return found

    def trim(self) -> None:
        """Delete the least recently used entries until the rest fit in ``size``, and
        what renders stopped mid-write left an hour ago or more (a temporary file, or a
        segment whose record never came).
        """
        with contextlib.suppress(OSError):
            records = {p.stem for p in self.folder.glob("*.json")}
            for left in self.folder.iterdir():
                unfinished = left.name.startswith(".writing-") or (left.suffix != ".json" and left.stem not in records)
                if unfinished and time.time() - left.lstat().st_mtime > 3600:
                    left.unlink()
        entries = sorted(self.entries())
        total = sum(size for _, size, _, _ in entries)
        for _, size, key, suffix in entries:
            if total <= self.size:
                break
            self._drop(key, suffix)
            total -= size

    def _drop(self, key: str, suffix: str) -> None:
        for path in self._paths(key, suffix):
            with contextlib.suppress(OSError):
                path.unlink()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` whole or not at all: into a temporary file beside it, renamed."""
    handle, temporary = tempfile.mkstemp(prefix=".writing-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            write(f)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _ours(root: Path) -> list[Path]:
    """What handtf keeps at ``root``: segments, shaped words, and the slides' reveal.js."""
    if not root.is_dir():
        return []
    return [c for c in root.iterdir() if c.name == _SEGMENTS or c.name.startswith(("words-", "reveal.js-"))]


def _bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass(frozen=True)
class Held:
    """What the cache holds: segments and their bytes, the most bytes of them it
    keeps, and the bytes of the rest (shaped words, the slides' reveal.js).
    """

    folder: Path
    segments: int
    segment_bytes: int
    most_bytes: int
    other_bytes: int


def info(root: Path) -> Held:
    """What the cache at ``root`` holds."""
    entries = SegmentCache(root, 0).entries()
    others = sum(_bytes(f) for f in _ours(root) if f.name != _SEGMENTS)
    return Held(root, len(entries), sum(size for _, size, _, _ in entries), cache_size(), others)


def clear(root: Path) -> int:
    """Delete everything handtf keeps at ``root`` (and nothing else there; a link is
    taken away, not followed); return the bytes freed. What cannot be deleted (a
    read-only disk) is named in a one-line error.
    """
    freed = 0
    for path in _ours(root):
        before = 0 if path.is_symlink() else _bytes(path)
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError as exc:
            raise HandtfError(
                f"could not delete {shown(str(path))} ({exc.strerror or exc}); make the cache folder writable, "
                "or delete it yourself"
            ) from None
        freed += before
    return freed
