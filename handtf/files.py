"""Writing the command line's own files safely."""

from __future__ import annotations

__all__ = ["check_writable", "write_atomically"]

import os
import tempfile
from pathlib import Path

from handtf.errors import HandtfError


def check_writable(path: Path) -> None:
    """Fail before any work if ``path`` cannot be written: make its folder, and write
    and remove a probe file there.
    """
    if path.is_dir():
        raise HandtfError(f"{str(path)!r} is a folder; give a file name such as {str(path / 'out.mp4')!r}")
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise HandtfError(f"cannot write {str(path)!r}: {str(existing)!r} is a file, not a folder; choose another -o")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".handtf-probe-", dir=path.parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise HandtfError(f"cannot write {str(path)!r} ({reason}); choose another -o") from None


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".handtf-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
