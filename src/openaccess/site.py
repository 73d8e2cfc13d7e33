"""The whole site as links see it: which files exist, each page's URL, and page anchors.

Link rules resolve targets against the full site even when only a few files are checked
(pre-commit, ``--shard``). Listing files is cheap; a target page is read and parsed only
when a link needs its anchors, and then once.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from openaccess.page import PAGE_SUFFIXES, Page
from openaccess.slugs import heading_ids
from openaccess.source import SourceError


def page_url(relative: PurePosixPath) -> str:
    """Pretty URL of a page path relative to the site root: a/b.md -> /a/b/, a/index.md -> /a/."""
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] in ("index", "_index", "README"):
        parts.pop()
    return "/" + "".join(f"{part}/" for part in parts)


@dataclass
class Site:
    root: Path
    files: set[PurePosixPath] = field(default_factory=set)  # every file, relative to root
    max_bytes: int = 10 * 1024 * 1024
    _urls: dict[str, PurePosixPath] = field(default_factory=dict)
    _pages: dict[PurePosixPath, Page | None] = field(default_factory=dict)

    @classmethod
    def scan(cls, root: Path, max_bytes: int, known_pages: Iterable[Page] = ()) -> Site:
        root = root.resolve()
        site = cls(root=root, max_bytes=max_bytes)
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            base = PurePosixPath(Path(folder).relative_to(root).as_posix())
            for name in names:
                site.files.add(base / name if str(base) != "." else PurePosixPath(name))
        for relative in site.files:
            if relative.suffix.lower() in PAGE_SUFFIXES:
                site._urls.setdefault(page_url(relative), relative)
        for page in known_pages:
            relative = site.relative(page.path)
            if relative is not None:
                site._pages[relative] = page
        return site

    def relative(self, path: Path) -> PurePosixPath | None:
        """Path relative to the root, or None when it lies outside the site."""
        try:
            return PurePosixPath(path.resolve().relative_to(self.root).as_posix())
        except ValueError:
            return None

    def has_file(self, relative: PurePosixPath) -> bool:
        return relative in self.files or any(
            relative / index in self.files for index in ("index.md", "index.html", "_index.md")
        )

    def page_for_url(self, url_path: str) -> PurePosixPath | None:
        """The page a site URL path (``/jeweler/start``) routes to, if any."""
        path = unquote(url_path) or "/"
        candidates = [path if path.endswith("/") else path + "/"]
        if path.endswith((".html", ".htm")):
            candidates.append(posixpath.splitext(path)[0] + "/")
        for candidate in candidates:
            normalized = posixpath.normpath(candidate).rstrip("/") + "/"
            normalized = "/" if normalized in ("//", "./") else normalized
            if normalized in self._urls:
                return self._urls[normalized]
        return None

    def resolve_relative(self, page_path: Path, target: str) -> PurePosixPath | None:
        """A relative link target as a root-relative path; None when it leaves the site."""
        source = self.relative(page_path)
        if source is None:
            return None
        joined = posixpath.normpath(posixpath.join(str(source.parent), unquote(target)))
        if joined.startswith(".."):
            return None
        return PurePosixPath(joined)

    def page(self, relative: PurePosixPath) -> Page | None:
        """The parsed page at ``relative`` (cached); None when it cannot be read."""
        if relative not in self._pages:
            try:
                self._pages[relative] = Page.load(
                    self.root / relative, relative.as_posix(), self.max_bytes
                )
            except SourceError:
                self._pages[relative] = None
        return self._pages[relative]

    def anchors(self, relative: PurePosixPath) -> set[str] | None:
        page = self.page(relative)
        if page is None:
            return None
        return page_anchors(page)


def page_anchors(page: Page) -> set[str]:
    """Every id a link fragment may name on this page: heading slugs and explicit ids."""
    document = page.document
    return set(heading_ids(document.headings)) | set(document.ids)


def split_url(href: str) -> tuple[str, str, str, str]:
    """(scheme, host, path, fragment) of a link, tolerant of malformed input."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return "", "", href, ""
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.path, parts.fragment
