"""Page sources read once per run, each page's front matter parsed once.

Every command reads a page through one :class:`SourceStore`: the text is decoded once
(kept for the run: the checks, the router, the cache keys and publish all use it), and
each page is one :class:`~openaccess.page.Page` for the whole run, its front matter
parsed once for the router and the rules alike (its body's parse is freed after its
checks: see :meth:`Page.forget_parse`). Worker processes forked after the reads inherit
both instead of reading again.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from openaccess.fsutil import not_utf8, opened_without_blocking
from openaccess.page import PAGE_SUFFIXES, Page
from openaccess.source import Decoded, SourceError, decode, read_source, text_hash

if TYPE_CHECKING:
    from openaccess.cache import FrontMatterIndex

_FRONT_MATTER_SUFFIXES = PAGE_SUFFIXES | {".mdown", ".mkdn", ".mkd", ".mkdown", ".xhtml"}
# Jekyll processes any file that starts with a YAML front matter line ("---", then only
# white space): a collection of .txt licenses, a feed.xml (Utils.has_yaml_header?).
_YAML_HEADER = re.compile(rb"---[ \t]*\r?\n")


def _yaml_header(path: Path) -> bool:
    """Whether a file of another kind starts with a front matter line, read from its
    first bytes only (images and fonts are never read whole). Opened without blocking,
    and only a regular file is read: a named pipe must not stop the run."""
    try:
        with opened_without_blocking(path) as (handle, info):
            if not stat.S_ISREG(info.st_mode):
                return False
            return _YAML_HEADER.match(handle.read(64)) is not None
    except OSError:
        return False


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Paths relative to the working directory, with forward slashes; bytes of a name
    that are not UTF-8 shown as ``\\xff`` (no output stream could encode them)."""
    cwd = cwd or Path.cwd()
    try:
        shown = Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        shown = path.as_posix()
    return os.fsencode(shown).decode("utf-8", "backslashreplace") if not_utf8(shown) else shown


class SourceStore:
    """Decoded texts and pages by absolute path; unreadable files remember their error."""

    def __init__(
        self,
        root: Path,
        max_bytes: int,
        cwd: Path | None = None,
        dialect: str = "commonmark",
        meta_index: FrontMatterIndex | None = None,
    ) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.cwd = cwd or Path.cwd()
        self.dialect = dialect  # the Markdown of the site's generator (see Page.dialect)
        self._texts: dict[Path, Decoded | SourceError] = {}
        self._pages: dict[Path, Page] = {}
        self._meta: dict[PurePosixPath, dict[str, Any] | None] = {}
        self._shown: dict[Path, str] = {}
        # Front matter of the files unchanged since the last run (check, with its cache),
        # as read in this dialect.
        self.meta_index = meta_index
        if meta_index is not None:
            meta_index.dialect = dialect

    def read(self, path: Path) -> Decoded:
        """The decoded text of ``path``; raises :class:`SourceError` (once read, always)."""
        known = self._texts.get(path)
        if known is None:
            try:
                known = read_source(path, self.max_bytes)
            except SourceError as error:
                known = error
            self._texts[path] = known
        if isinstance(known, SourceError):
            raise known
        return known

    def forget(self, path: Path) -> None:
        """Read ``path`` again next time it is asked for."""
        self._texts.pop(path, None)
        self._pages.pop(path, None)

    def forget_meta(self, relative: PurePosixPath) -> None:
        self._meta.pop(relative, None)

    def put(self, path: Path, data: bytes) -> None:
        """The text of ``path`` given as bytes (standard input), used instead of the file."""
        self._pages.pop(path, None)
        try:
            self._texts[path] = decode(data)
        except SourceError as error:
            self._texts[path] = error

    def shown(self, path: Path) -> str:
        """``path`` as the user sees it: relative to the working directory."""
        if path not in self._shown:
            self._shown[path] = display_path(path, self.cwd)
        return self._shown[path]

    def page(self, path: Path) -> Page:
        """The run's :class:`Page` of ``path`` (front matter parsed, body parsed lazily);
        raises :class:`SourceError` when it cannot be read."""
        page = self._pages.get(path)
        if page is None:
            decoded = self.read(path)
            page = Page.from_decoded(path, decoded, self.shown(path), self.dialect)
            self._pages[path] = page
        return page

    def meta(self, relative: PurePosixPath) -> dict[str, Any] | None:
        """Front matter of the file at ``relative`` (under ``root``): ``{}`` for an empty
        or unreadable block, None when the file has no front matter or is not text.

        Routing needs it for every page, so it is kept; Jekyll needs to know whether a
        file has front matter at all (files without it are copied as they are).
        """
        if relative not in self._meta:
            self._meta[relative] = self._read_meta(relative)
        return self._meta[relative]

    def _read_meta(self, relative: PurePosixPath) -> dict[str, Any] | None:
        path = self.root / relative
        if relative.suffix.lower() not in _FRONT_MATTER_SUFFIXES and not _yaml_header(path):
            return None
        index = self.meta_index
        if index is None or path in self._texts:  # read already, or given on stdin
            return self._parse_meta(path)
        found, meta = index.get(relative.as_posix(), path)
        if not found:
            meta = self._parse_meta(path)
            page = self._pages.get(path)  # None when the file cannot be read as text
            index.put(relative.as_posix(), meta, None if page is None else page.content_hash)
        return meta

    def content_hash(self, path: Path) -> str:
        """The hash caches key ``path``'s decoded text by; raises :class:`SourceError`.
        A page unchanged since the front matter index saw it is not read: the index
        has its hash. A page already made keeps its own (hashed once per run)."""
        index = self.meta_index
        if index is not None and path not in self._texts:
            with contextlib.suppress(ValueError):  # not under the root: read it
                relative = path.relative_to(self.root).as_posix()
                if (known := index.content_hash(relative, path)) is not None:
                    return known
        page = self._pages.get(path)
        return page.content_hash if page is not None else text_hash(self.read(path).text)

    def _parse_meta(self, path: Path) -> dict[str, Any] | None:
        try:
            page = self.page(path)
        except SourceError:
            return None
        if page.front_matter_error is not None:
            return {}
        return page.meta if page.front_matter_block is not None else None
