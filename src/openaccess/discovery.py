"""Finding page files: recursive, sorted, without hidden folders, excluded globs, files
git ignores, or escapes.

Symlinked folders are never followed (no loops, no escaping the project); a symlinked file
is checked only when it points inside the folder being walked. A symlink out of it is an
error (:data:`REFUSED`): a hostile checkout could point a page at ``/etc/passwd``.
Folders git ignores (``node_modules/``) are never entered; a file named on the command
line is checked even when git ignores it, unless the caller filters it
(``check --force-exclude``).
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path

from msgspec import Struct, field

from openaccess.errors import UsageError
from openaccess.fsutil import (
    OUTSIDE,
    SYMLINK_LOOP,
    RealPaths,
    escape_reason,
    involves_symlink,
    not_utf8,
)
from openaccess.gitfiles import ignored_below
from openaccess.page import PAGE_SUFFIXES

# Why a path is not read; REFUSED is an error finding, the others are warnings.
REFUSED = "not followed: symlink points outside the folder"
NOT_UTF8 = "skipped: the name is not valid UTF-8; rename it"
_WHY = {OUTSIDE: REFUSED, SYMLINK_LOOP: "skipped: symlink loop"}


class Discovered(Struct):
    """The page files found under the paths given, and the ones skipped with why."""

    files: list[Path] = field(default_factory=list)  # absolute, sorted, unique
    notes: list[tuple[Path, str]] = field(default_factory=list)  # (path, why it was skipped)
    # Pages the site's build leaves out (a redirect, a draft, an excluded file): no page
    # of the site, so not checked unless named.
    left_out: list[Path] = field(default_factory=list)


def is_excluded(relative: str, patterns: list[str]) -> bool:
    """fnmatch-style globs against the path relative to the pages folder ('*' crosses '/')."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatchcase(prefix, pattern) for pattern in patterns for prefix in prefixes)


def discover(
    paths: list[Path],
    exclude: list[str],
    exclude_root: Path,
    respect_gitignore: bool = True,
    symlink_boundary: Path | None = None,
    exclude_named: bool = True,
) -> Discovered:
    """The pages under ``paths``. ``symlink_boundary`` (a real path): where a symlinked
    file may lead when the generator follows it (MkDocs: anywhere in its project), each
    such file then being a page of its own; else only into the folder walked. Without
    ``exclude_named``, a page named in ``paths`` is kept though ``exclude`` matches it,
    as ruff checks a file it is given (``check --force-exclude`` drops it first)."""
    found = Discovered()
    seen = _SeenFiles(own_places=symlink_boundary is not None)
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise UsageError(f"{given}: no such file or folder")
        if not_utf8(str(given)):
            found.notes.append((given, NOT_UTF8))
        elif involves_symlink(given) and (why := _unfollowed(given, _project_roots(exclude_root))):
            found.notes.append((given, why))
        elif given.is_dir():
            top = given.resolve()
            skipped = ignored_below(top) if respect_gitignore else set()
            boundaries = [top] if symlink_boundary is None else [top, symlink_boundary]
            _walk(top, boundaries, exclude, exclude_root, found, seen, skipped)
        elif given.suffix.lower() not in PAGE_SUFFIXES:
            found.notes.append((given, "skipped: not a page (.md, .markdown, .html, .htm)"))
        else:
            _add(given.absolute(), exclude if exclude_named else [], exclude_root, found, seen)
    found.files.sort()
    return found


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _project_roots(pages_dir: Path) -> list[Path]:
    """Where an explicitly named symlink may point: the working directory (the project in
    pre-commit and CI) or the pages folder."""
    return [Path.cwd().resolve(), pages_dir.resolve()]


def _unfollowed(link: Path, roots: list[Path]) -> str | None:
    """Why a path reached through a symlink is not read, or None when its real location
    is inside a root.

    A symlink out of the project could make a hostile repository feed ``/etc/passwd`` or a
    key file to the checker and echo it into CI logs, so it is reported, never read.
    """
    why = escape_reason(link, roots)
    return None if why is None else _WHY.get(why, "skipped: broken symlink")


class _SeenFiles:
    """The real paths of the pages found so far: a page named twice, or also through a
    symlink, is checked once (a symlink loop stays as written: its read reports it).
    With ``own_places``, a symlinked file is a page of its own where it is named (a
    generator that follows symlinks builds it there, from its own folder)."""

    def __init__(self, own_places: bool = False) -> None:
        self._real_paths = RealPaths()
        self._seen: set[str] = set()
        self._own_places = own_places

    def first_time(self, path: Path) -> bool:
        if self._own_places and path.is_symlink():
            real = os.path.join(self._real_paths.real(path.parent), path.name)
        else:
            real = self._real_paths.real(path)
        if real in self._seen:
            return False
        self._seen.add(real)
        return True


def _add(path: Path, exclude: list[str], root: Path, found: Discovered, seen: _SeenFiles) -> None:
    relative = _relative(path, root)
    if relative is not None and exclude and is_excluded(relative, exclude):
        return
    if seen.first_time(path):
        found.files.append(path)


def _walk(
    top: Path,
    boundaries: list[Path],
    exclude: list[str],
    root: Path,
    found: Discovered,
    seen: _SeenFiles,
    git_ignored: set[Path],
) -> None:
    def unlisted(error: OSError) -> None:  # a folder that cannot be listed is reported
        reason = error.strerror.lower() if error.strerror else str(error)
        found.notes.append((Path(error.filename or top), f"skipped folder: {reason}"))

    for folder, dirs, names in os.walk(top, onerror=unlisted, followlinks=False):
        base = Path(folder)
        for name in dirs:  # never walked; reported when it leads out of the folder
            link = base / name
            if not name.startswith(".") and not_utf8(name):
                found.notes.append((link, NOT_UTF8))
            elif (
                not name.startswith(".") and link.is_symlink() and (why := _unfollowed(link, [top]))
            ):
                found.notes.append((link, why))
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not not_utf8(d)
            and base / d not in git_ignored
            and not _skip_dir(base / d, exclude, root)
        )
        for name in sorted(names):
            path = base / name
            if name.startswith(".") or path.suffix.lower() not in PAGE_SUFFIXES:
                continue
            if path in git_ignored:
                continue
            if not_utf8(name):
                found.notes.append((path, NOT_UTF8))
                continue
            if path.is_symlink() and (why := _unfollowed(path, boundaries)):
                found.notes.append((path, why))
                continue
            _add(path, exclude, root, found, seen)


def _skip_dir(path: Path, exclude: list[str], root: Path) -> bool:
    if path.is_symlink():
        return True
    relative = _relative(path, root)
    return bool(exclude) and relative is not None and is_excluded(relative, exclude)
