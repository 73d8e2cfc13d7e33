"""Page sources read once per run, and the front matter routing needs.

Every command reads a page through one :class:`SourceStore`: the text is decoded once
(kept for the run: the checks, the router, the cache keys and publish all use it), and
worker processes forked after the reads inherit it instead of reading again.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from openaccess import frontmatter
from openaccess.frontmatter import FrontMatterError
from openaccess.page import PAGE_SUFFIXES, Page
from openaccess.source import Decoded, SourceError, decode, read_source

_FRONT_MATTER_SUFFIXES = PAGE_SUFFIXES | {".mdown", ".mkdn", ".mkd", ".mkdown", ".xhtml"}


class SourceStore:
    """Decoded page texts by absolute path; unreadable files remember their error."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._texts: dict[Path, Decoded | SourceError] = {}
        self._meta: dict[PurePosixPath, dict[str, Any] | None] = {}

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

    def forget_meta(self, relative: PurePosixPath) -> None:
        self._meta.pop(relative, None)

    def put(self, path: Path, data: bytes) -> None:
        """The text of ``path`` given as bytes (standard input), used instead of the file."""
        try:
            self._texts[path] = decode(data)
        except SourceError as error:
            self._texts[path] = error

    def has_read(self, path: Path) -> bool:
        return path in self._texts

    def page(self, path: Path, display: str) -> Page:
        """A fresh :class:`Page` of ``path`` (front matter parsed, body parsed lazily)."""
        return Page.from_decoded(path, self.read(path), display)

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
        if relative.suffix.lower() not in _FRONT_MATTER_SUFFIXES:
            return None
        try:
            text = self.read(self.root / relative).text
        except SourceError:
            return None
        try:
            block = frontmatter.locate(text)
            if block is None:
                return None
            return frontmatter.parse(text, block)
        except FrontMatterError:
            return {}
