"""The files a router sees: listed once per run, never outside the project folder.

Hidden files and folders are not part of a site (generators skip them too), symlinked
folders are not followed, and a symlinked file counts only when it resolves inside the
project folder: a page could otherwise publish ``/etc/passwd`` by linking to a symlink.
Refused symlinks are kept with the reason, so a link to one is reported, not dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from msgspec import Struct, field

from openaccess.fsutil import site_files

MetaReader = Callable[[PurePosixPath], "dict[str, Any] | None"]

# Folders no generator publishes and that can be huge: never listed.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def lies_in(path: PurePosixPath, folder: PurePosixPath) -> bool:
    """Whether ``path`` is inside ``folder`` (``folder in path.parents``, for relative
    paths, without building each parent: this runs for every file of a large site)."""
    depth = len(folder.parts)
    return len(path.parts) > depth and path.parts[:depth] == folder.parts


class Inventory(Struct):
    """Files under ``root`` (relative, ``/``-separated) and a reader for page front matter.

    ``meta`` returns a page's front matter, ``{}`` for an empty block, and None when the
    file has none (Jekyll copies such files as they are) or cannot be read.
    """

    root: Path
    files: frozenset[PurePosixPath]
    meta: MetaReader
    refused: dict[PurePosixPath, str] = field(default_factory=dict)

    def refusal(self, relative: PurePosixPath) -> str | None:
        """Why ``relative`` is never read: it, or a folder on its way, is a symlink out of
        the project, broken or looping (:mod:`openaccess.fsutil`)."""
        if not self.refused:
            return None
        for path in (relative, *relative.parents):
            if path in self.refused:
                return self.refused[path]
        return None

    def under(self, folder: str) -> list[PurePosixPath]:
        """Files inside ``folder`` (relative to the root; "" is the root), sorted."""
        if not folder:
            return sorted(self.files)
        prefix = PurePosixPath(folder)
        return sorted(f for f in self.files if lies_in(f, prefix))


def list_files(
    root: Path, folders: Iterable[str], hidden: Iterable[str] = (), within_root: bool = False
) -> tuple[set[PurePosixPath], dict[PurePosixPath, str]]:
    """Every visible file in ``folders`` (relative to ``root``), and the refused symlinks
    with their reason (:func:`openaccess.fsutil.site_files` decides: the one rule).
    Hidden files are left out unless named in ``hidden`` (Jekyll's ``include``). A
    symlinked file counts when it leads inside its folder, or with ``within_root`` inside
    ``root`` (see ``Generator.reads_symlinks_in_project``)."""
    kept_hidden = frozenset(hidden)
    real_root = Path(os.path.realpath(root))
    files: set[PurePosixPath] = set()
    refused: dict[PurePosixPath, str] = {}
    for folder in dict.fromkeys(folders):
        top = real_root / folder if folder else real_root
        if folder and (top.is_symlink() or not top.is_dir()):
            continue
        prefix = PurePosixPath(folder) if folder else PurePosixPath()
        listed = site_files(top, real_root if within_root else None)
        for name in listed.files:
            relative = prefix / name
            skipped = any(part in SKIPPED_FOLDERS for part in relative.parts[:-1])
            if not skipped and (not relative.name.startswith(".") or relative.name in kept_hidden):
                files.add(relative)
        refused.update({prefix / name: why for name, why in listed.refused.items()})
    return files, refused


def listable(relative: PurePosixPath, folders: Iterable[str], hidden: Iterable[str] = ()) -> bool:
    """Whether :func:`list_files` would list a file at ``relative``, were it there: inside
    one of ``folders``, in no hidden or skipped folder, not hidden itself unless named in
    ``hidden``. An open project asks before it adds a file it hears of (an editor's new
    file, a file watcher's event under ``.git/``)."""
    parts = relative.parts
    if not parts or any(part in SKIPPED_FOLDERS for part in parts[:-1]):
        return False
    if parts[-1].startswith(".") and parts[-1] not in frozenset(hidden):
        return False
    for folder in dict.fromkeys(folders):
        top = PurePosixPath(folder).parts if folder else ()
        inside = parts[: len(top)] == top and len(parts) > len(top)
        if inside and not any(part.startswith(".") for part in parts[len(top) : -1]):
            return True
    return False
