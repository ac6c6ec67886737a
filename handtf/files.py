"""Writing handtf's outputs safely: every target checked before any work, and the
finished files put in place all together or not at all.

What handtf does with a target path:

- its missing folders are made when the output is written, and removed again if the
  command fails;
- a target that is a symbolic link is refused: an output replaces a file whole, and
  following a link would replace a file somewhere else (folders on the way may be
  links);
- a target that is a folder is refused, unless the output is a folder itself (the
  slides' assets);
- a target that is a device, a pipe or a socket is refused (``-o /dev/null`` would
  otherwise be replaced by a file), and so is the spec file the command reads;
- a name longer than the file system takes is refused before the render starts.
"""

from __future__ import annotations

__all__ = [
    "MIN_FREE",
    "assets_folder",
    "check_targets",
    "check_writable",
    "full_disk",
    "make_folders",
    "no_space_message",
    "short_of_space",
    "publish",
    "scratch_beside",
    "unmake_folders",
    "write_atomically",
]

import errno
import hashlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from handtf.errors import HandtfError, shown
from handtf.interrupts import held

# Free space below which a render does not start: its scratch alone takes more.
MIN_FREE = 1 << 20

# The folders that targets were checked in, newest last: where a render writes, for
# naming the device when it fails for want of space.
WRITING: list[Path] = []
# The spec files being read: no output may replace one.
READING: list[Path] = []


def check_writable(path: Path, folder: bool = False) -> None:
    """Fail before any work if ``path`` cannot be written: a clear message and exit
    code 2. Writes and removes a probe file in the nearest folder on its way that
    exists; makes no folder (the render makes them, and takes them away again if it
    fails). ``folder``: the output is a folder, which replaces any folder there.
    """
    existing = _check_target(path, folder)
    name = shown(str(path))
    try:
        fd, probe = tempfile.mkstemp(prefix=".handtf-probe-", dir=existing)
        os.close(fd)
        os.unlink(probe)
        free = shutil.disk_usage(existing).free
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise HandtfError(no_space_message(path.parent)) from None
        reason = exc.strerror or type(exc).__name__
        raise HandtfError(f"cannot write {name} ({reason}); choose another -o") from None
    if free < MIN_FREE:
        raise HandtfError(no_space_message(path.parent))
    parent = existing.resolve()
    if parent not in WRITING:
        WRITING.append(parent)


def make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and the folders on its way that are missing; return those made,
    the deepest first, for :func:`unmake_folders`.
    """
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(exist_ok=True)
    return missing


def unmake_folders(made: list[Path]) -> None:
    """Remove the folders :func:`make_folders` made, as long as they are empty."""
    for folder in made:
        try:
            folder.rmdir()
        except OSError:
            return


def _check_target(path: Path, folder: bool) -> Path:
    """What can be told of a target without writing: names the file system takes, not
    a link, a folder only when one is to be written, folders on the way. Returns the
    nearest folder on its way that exists.
    """
    name = shown(str(path))
    limit = _name_max(path)
    if len(os.fsencode(path.name)) > limit:
        raise HandtfError(
            f"the file name {shown(path.name, 40)} is {len(os.fsencode(path.name))} bytes long and this file "
            f"system takes at most {limit}; choose a shorter name"
        )
    for part in path.parent.parts:
        if len(os.fsencode(part)) > limit:
            raise HandtfError(
                f"cannot write {name}: the folder name {shown(part, 40)} is {len(os.fsencode(part))} bytes long "
                f"and this file system takes at most {limit}; choose a shorter -o"
            )
    try:
        if path.is_symlink():
            raise HandtfError(
                f"{name} is a symbolic link; handtf replaces outputs whole and never writes through a link, "
                "so give the real path or remove the link"
            )
        if path.is_dir() and not folder:
            raise HandtfError(f"{name} is a folder, where a file is to be written; move it, or choose another -o")
        if path.exists() and folder and not path.is_dir():
            raise HandtfError(f"{name} is a file, and a folder of that name is to be written there; move the file")
        if path.exists() and not path.is_dir() and not path.is_file():
            raise HandtfError(
                f"{name} is not a regular file (a device, a pipe or a socket); handtf replaces outputs whole, "
                "so choose another -o"
            )
        if any(_same_file(path, spec) for spec in READING):
            raise HandtfError(f"{name} is the spec being read; writing there would replace it, so choose another -o")
        existing = path.parent
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
    except OSError as exc:
        raise HandtfError(f"cannot write {name} ({exc.strerror or type(exc).__name__}); choose another -o") from None
    if existing.exists() and not existing.is_dir():
        raise HandtfError(f"cannot write {name}: {shown(str(existing))} is a file, not a folder; choose another -o")
    return existing


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_targets(paths: Iterable[Path], folders: Iterable[Path] = ()) -> None:
    """:func:`check_writable` for every file a command will write (and every folder),
    before it writes any.
    """
    for path in paths:
        check_writable(path)
    for path in folders:
        check_writable(path, folder=True)


def no_space_message(where: Path | str) -> str:
    """The one line for a full disk, naming the folder being written (not the render's
    scratch folder inside it).
    """
    text = str(where)
    cut = text.find(f"{os.sep}.handtf-")
    folder = text[:cut] if cut > 0 else text
    return f"no space left on device: {folder}; free some space, or write elsewhere with -o"


def short_of_space(folder: Path) -> OSError | None:
    """An ENOSPC error naming ``folder`` if its device has less than MIN_FREE left, else
    None. A render that failed is asked this before its scratch is removed: a write cut
    short by a full disk often fails as something else (an empty SVG, a parse error).
    """
    try:
        if shutil.disk_usage(folder).free >= MIN_FREE:
            return None
    except OSError:
        return None
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))


@contextmanager
def scratch_beside(out: Path) -> Iterator[Path]:
    """A scratch folder of this render's own, beside ``out``, removed afterwards.

    Beside, so that the finished files move into place with an atomic rename; of its
    own, so that renders side by side never see each other's partial files.
    """
    folder = out.parent.resolve()  # not out's: an output that is a link is replaced, never followed
    made = make_folders(folder)
    scratch = Path(tempfile.mkdtemp(prefix=".handtf-", dir=folder))
    try:
        yield scratch
    except Exception as exc:
        full = short_of_space(folder)  # asked before the scratch goes and frees its space
        if full is not None:
            raise full from exc
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        unmake_folders(made)  # those it made, if nothing was put there


def full_disk(exc: BaseException) -> str | None:
    """The one line for a failure that a full disk caused, or None: an ENOSPC anywhere
    in the chain of causes (x264 failing in its thread), or a folder being written
    with no space left (a word shaped into an empty file fails as a parse error).
    """
    seen: BaseException | None = exc
    for _ in range(20):  # a chain of causes, however it loops
        if seen is None:
            break
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return no_space_message(seen.filename or (WRITING[-1] if WRITING else "the output's folder"))
        seen = seen.__cause__ or seen.__context__
    for folder in reversed(WRITING):
        try:
            if shutil.disk_usage(folder).free < MIN_FREE:
                return no_space_message(folder)
        except OSError:
            continue
    return None


def assets_folder(page: Path) -> Path:
    """The folder beside an HTML page that holds what the page links to.

    Its name goes into the page's links, so it is made of letters, digits, ``.``,
    ``_`` and ``-`` only: a page name with other characters gets them replaced, and a
    short hash of the name keeps two such pages apart.

    >>> assets_folder(Path("media/deck.html")).as_posix()
    'media/deck_assets'
    >>> assets_folder(Path("deck #1.html")).as_posix()
    'deck-1-3583f2_assets'
    """
    stem = page.stem
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", stem):
        return page.with_name(f"{stem}_assets")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")[:40] or "slides"
    digest = hashlib.sha1(stem.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return page.with_name(f"{slug}-{digest}_assets")


def _name_max(path: Path) -> int:
    """The longest file name, in bytes, the file system at ``path`` takes."""
    existing = path.parent
    try:
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        return int(os.pathconf(existing, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` into ``path`` whole or not at all, with the permissions any new
    file gets (the umask's).
    """
    made = make_folders(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=".handtf-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            f.write(data)
        publish({Path(tmp): path})
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise HandtfError(no_space_message(path.parent)) from None
        raise
    finally:
        Path(tmp).unlink(missing_ok=True)
        unmake_folders(made)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _aside(path: Path) -> Path:
    """Move ``path`` out of the way, to a hidden name in its folder; return where."""
    while True:
        backup = path.parent / f".handtf-old-{secrets.token_hex(6)}"
        if not backup.exists():
            os.rename(path, backup)
            return backup


def _move(source: Path, dest: Path) -> None:
    """Rename ``source`` to ``dest`` (nothing there), copying first when they are on
    two file systems.
    """
    try:
        os.rename(source, dest)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    tmp = dest.parent / f".handtf-copy-{secrets.token_hex(6)}"
    try:
        if source.is_dir():
            shutil.copytree(source, tmp)
        else:
            shutil.copyfile(source, tmp)
        os.rename(tmp, dest)
    except BaseException:
        _remove(tmp)
        raise


def publish(made: dict[Path, Path]) -> list[Path]:
    """Move finished files (or folders) from scratch to their places, all or none.

    Every target is checked first. Then each one there is moved aside and the new one
    renamed in; if any of that fails, the new ones are taken out and the earlier ones
    put back, so either every new file lands or every earlier one stays. Interrupts
    wait until it is done. Returns the paths written.
    """
    targets = [(source, dest.parent.resolve() / dest.name) for source, dest in made.items()]
    for source, dest in targets:
        _check_target(dest, source.is_dir())
    placed: list[Path] = []
    backups: list[tuple[Path, Path]] = []
    folders: list[Path] = []
    with held("interrupted once every output was written"):
        try:
            for source, dest in targets:
                folders = make_folders(dest.parent) + folders
                if dest.exists() or dest.is_symlink():
                    backups.append((dest, _aside(dest)))
                _move(source, dest)
                placed.append(dest)
        except BaseException as exc:
            for dest in reversed(placed):
                _remove(dest)
            for dest, backup in reversed(backups):
                os.replace(backup, dest)
            unmake_folders(folders)
            if isinstance(exc, OSError):
                where = shown(str(exc.filename or targets[len(placed)][1]))
                if exc.errno == errno.ENOSPC:
                    raise HandtfError(no_space_message(targets[len(placed)][1].parent)) from None
                raise HandtfError(
                    f"cannot write {where} ({exc.strerror or type(exc).__name__}); nothing was replaced"
                ) from None
            raise
        for _, backup in backups:
            _remove(backup)
    return [dest for _, dest in targets]
