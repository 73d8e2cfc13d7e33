"""Files: written safely, and read only from inside the site.

**Writing.** A reader never sees half a file, and a crash never loses one.

Every file openaccess writes (``check --fix``, ``publish``, ``init``, the cache, baselines)
goes through :func:`atomic_write`: the new content is written to a temporary file in the
same folder, flushed to disk, then renamed over the target in one step. An existing file
keeps its permission bits.

**Reading.** Anything read, copied or suggested must really lie inside the site (see
"the file-system rule" below): symlinks that lead out of it are refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from msgspec import Struct, field

_DEFAULT_MODE = 0o666


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def opened_without_blocking(
    path: Path, follow_symlinks: bool = True
) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """``path`` open for reading, and what ``fstat`` says it is. Opened without blocking:
    a named pipe or device that happens to bear a page's or a cache file's name would
    otherwise wait forever. The caller decides from the status what it reads (a regular
    file only, as a rule). ``follow_symlinks=False`` refuses a symlink (OSError)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        yield handle, os.fstat(handle.fileno())


def atomic_write(
    path: Path | str,
    data: bytes | str,
    encoding: str = "utf-8",
    durable: bool = True,
    through_symlink: bool = False,
) -> None:
    """Replace ``path`` with ``data`` atomically (str is encoded with ``encoding``).

    An existing file's mode is kept; a new file gets the usual ``0o666 & ~umask``. The
    temporary file is removed if anything fails, so nothing is left behind. A path that
    is there but not a regular file (``-o /dev/null``, ``/dev/stdout``, a named pipe) is
    written in place: replacing it would destroy the device or pipe. A symlink is
    replaced by the file, unless ``through_symlink``: then the file it points to is
    replaced and the link stays (``check --fix`` of a page that is a link, whose real
    place was vetted when it was read; a planted link in a cache folder must never lead
    a write elsewhere). ``durable=False`` skips the two syncs to disk (still one rename:
    readers see the old or the new file): for cache files, where a file lost in a crash
    is only a cache miss.
    """
    target = Path(path)
    if through_symlink and target.is_symlink():
        target = Path(os.path.realpath(target))
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(target, "wb") as handle:
            handle.write(payload)
        return
    mode = stat.S_IMODE(status.st_mode) if status else _DEFAULT_MODE & ~_current_umask()
    folder = target.parent
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); harmless to skip where folders cannot be opened."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# -- the file-system rule -----------------------------------------------------------------
# Whatever openaccess reads, copies or suggests must really lie inside the site: a page
# author can commit a symlink (git stores them) to /etc/passwd or ~/.ssh, and a check or
# publish in CI would otherwise echo or publish that file. These helpers are the one place
# the rule is decided; discovery, the site model, publishing and the caches call them.
SYMLINK_LOOP = "symlink loop"
BROKEN_SYMLINK = "broken symlink"
OUTSIDE = "outside"


def is_within(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ``root`` or lies under it (both real, absolute paths)."""
    path, root = os.fspath(path), os.fspath(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def escape_reason(path: Path, roots: list[Path]) -> str | None:
    """Why ``path`` must not be read: :data:`SYMLINK_LOOP`, :data:`BROKEN_SYMLINK`, or
    :data:`OUTSIDE` when its real location (every symlink on the way resolved) is in no
    root; None when it may be read. ``roots`` are real paths."""
    try:
        real = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports loops this way
        return SYMLINK_LOOP
    except OSError as error:
        return SYMLINK_LOOP if error.errno == errno.ELOOP else BROKEN_SYMLINK
    return None if any(is_within(real, root) for root in roots) else OUTSIDE


def not_utf8(name: str) -> bool:
    """Whether a file name holds bytes that are not UTF-8. Python keeps them as lone
    surrogates, which no output (a terminal, JSON, a URL, the cache) can encode, so such
    files are skipped with a finding; git lets a commit name a file with any bytes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class RealPaths:
    """``os.path.realpath`` for many files in few folders. ``realpath`` reads every folder
    on a file's way (an ``lstat`` each); here each folder is resolved once, then a file
    costs one ``lstat`` (is it a symlink itself?). A run on a 1,000-page site asks for
    every page's real path at least twice: that was 50 ms of a cached run."""

    def __init__(self) -> None:
        self._folders: dict[str, str | None] = {}

    def real(self, path: str | os.PathLike[str]) -> str:
        """The same string as ``os.path.realpath(path)``."""
        text = os.fspath(path)
        folder, name = os.path.split(text)
        if not os.path.isabs(folder):  # as realpath does: from the working folder
            folder = os.path.join(os.getcwd(), folder) if folder else os.getcwd()
        if name in ("", ".", "..") or folder != os.path.normpath(folder):
            return os.path.realpath(text)  # ".." after a symlink: only realpath knows
        if folder not in self._folders:
            real_folder = os.path.realpath(folder)
            # A missing folder or a symlink loop: realpath keeps some of the path as
            # written, which joining a name to would not match; those take the long way.
            self._folders[folder] = real_folder if os.path.isdir(real_folder) else None
        real_folder = self._folders[folder]
        if real_folder is None:
            return os.path.realpath(text)
        real = os.path.join(real_folder, name)
        return os.path.realpath(real) if os.path.islink(real) else real


def involves_symlink(path: Path) -> bool:
    """Whether reaching ``path`` goes through a symlink (itself or a folder on the way)."""
    absolute = os.path.abspath(path)
    return os.path.islink(absolute) or os.path.realpath(absolute) != absolute


class SiteFiles(Struct):
    """Every file under a site root that may be read, and the symlinks refused."""

    files: list[str] = field(default_factory=list)  # root-relative, "/"-separated
    refused: dict[str, str] = field(default_factory=dict)  # root-relative -> reason


def site_files(root: Path, boundary: Path | None = None) -> SiteFiles:
    """Walk ``root`` (a real path) without entering hidden or symlinked folders. A
    symlinked file is listed only when its real location is inside ``boundary`` (a real
    path; ``root`` when not given); others are returned in ``refused`` with the reason, so
    a link to one can say why it fails."""
    inside = boundary if boundary is not None else root
    found = SiteFiles()
    real_root = os.fspath(root)
    pending = [(real_root, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # unreadable: discovery reports it for pages
            continue
        for entry in entries:
            relative = prefix + entry.name
            if not_utf8(entry.name):  # discovery reports the pages; no link can name it
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        pending.append((entry.path, relative + "/"))
                    continue
                if entry.is_symlink():
                    why = escape_reason(Path(entry.path), [inside])
                    if why is not None:
                        found.refused[relative] = why
                        continue
                    if entry.is_dir():  # a symlinked folder inside the site: not walked
                        continue
            except OSError:
                continue
            found.files.append(relative)
    return found


def repository_top(start: Path) -> Path | None:
    """The first folder at or above ``start`` with a ``.git``: the repository that holds
    it; None outside a git checkout."""
    return next((f for f in (start, *start.parents) if (f / ".git").exists()), None)


def inside_project(path: Path, start: Path) -> bool:
    """Whether ``path`` (symlinks resolved) is inside the repository that holds ``start``
    (without one, ``start`` itself): a config in a checkout never makes openaccess read a
    file elsewhere (``/etc/passwd``)."""
    start = start.resolve()
    top = repository_top(start) or start
    real = path.resolve()
    return real == top or top in real.parents


def inside_root(root: Path, relative: str | os.PathLike[str]) -> Path:
    """``root / relative`` when its real location is inside ``root`` (a real path); raises
    :class:`PermissionError` otherwise. For reads and copies of files already vetted by
    :func:`site_files`: a second look where it matters costs one system call."""
    candidate = root / relative
    if escape_reason(candidate, [root]) is not None:
        raise PermissionError(f"refusing to read outside the site: {relative}")
    return candidate


def unsafe_folder(base: Path, relative: Path) -> str | None:
    """Why openaccess must not use the folder ``base / relative`` (its own ``.openaccess``
    cache): a part of it that is a symlink, or not a folder. None when it is safe to read
    and create, including when it does not exist yet."""
    current = base
    for part in relative.parts:
        current = current / part
        shown = current.relative_to(base).as_posix()
        if current.is_symlink():
            return f"{shown} is a symlink"
        if current.exists() and not current.is_dir():
            return f"{shown} is not a folder"
    return None


def write_output(path: Path | str, data: bytes | str, pages: Iterable[Path | str] = ()) -> None:
    """Write a file the user asked for (a report, a baseline): missing folders on the way
    are created, as ``-o reports/x.sarif`` in a fresh CI checkout expects, then the file is
    written with :func:`atomic_write`. Raises ``OSError`` (e.g. a file where a folder
    should be) for the caller to report in one line, also when ``path`` is one of the
    ``pages`` the run read: ``check -o pages/a.md pages/a.md`` would replace a writer's
    page with its own report."""
    target = Path(path)
    if target.resolve() in {Path(page).resolve() for page in pages}:
        raise OSError(errno.EEXIST, "it is a page this run checks; name another file")
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
