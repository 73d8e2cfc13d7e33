"""Where each page is published, and what a link in a page points to once published.

Every output path is built from validated URL segments (no ``..``, no hidden names, no
separators or drive letters), so a ``slug``, ``url`` or ``aliases`` value in front matter
can never write outside the output folder, whatever it contains.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from openaccess.site import page_url

# Files openaccess writes itself at the top of every site.
CSS_FILE = "openaccess.css"
NOT_FOUND_FILE = "404.html"
SITEMAP_FILE = "sitemap.xml"
MARKER_FILE = ".openaccess-site"
RESERVED = frozenset({CSS_FILE, NOT_FOUND_FILE, SITEMAP_FILE, MARKER_FILE})

_BAD_SEGMENT = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|#]')


class RouteError(ValueError):
    """A front matter URL that cannot be published (said in one line)."""


def url_segments(value: str, what: str) -> tuple[str, ...]:
    """The path segments of a front matter URL, or RouteError when it is unsafe."""
    text = value.strip()
    if "://" in text or text.startswith("//"):
        raise RouteError(f"{what} '{value}' must be a path within the site, not a full address")
    segments = tuple(unquote(part) for part in text.split("/") if part)
    for segment in segments:
        if segment in (".", "..") or segment.startswith("."):
            raise RouteError(f"{what} '{value}' would leave or hide inside the output folder")
        if _BAD_SEGMENT.search(segment):
            raise RouteError(f"{what} '{value}' contains a character not allowed in a file name")
    return segments


@dataclass(frozen=True)
class Route:
    """A published address: URL segments; a page ends in a folder unless it names a file."""

    segments: tuple[str, ...]

    @property
    def url(self) -> str:
        """Site-relative URL path: ``/jeweler/`` or ``/old.html``."""
        if self.is_file:
            return "/" + "/".join(quote(s) for s in self.segments)
        return "/" + "".join(f"{quote(s)}/" for s in self.segments)

    @property
    def is_file(self) -> bool:
        return bool(self.segments) and self.segments[-1].lower().endswith((".html", ".htm"))

    @property
    def file(self) -> PurePosixPath:
        """Output file relative to the site folder."""
        if self.is_file:
            return PurePosixPath(*self.segments)
        return PurePosixPath(*self.segments, "index.html")

    @property
    def folder(self) -> str:
        """URL folder of this address (for relative links), ending in ``/``."""
        url = self.url
        return url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"


def page_route(relative: PurePosixPath, meta: dict[str, object]) -> Route:
    """The address of a page: front matter ``url``, else its path with ``slug`` as last part."""
    url = meta.get("url")
    if isinstance(url, str) and url.strip():
        return Route(url_segments(url, "url"))
    segments = tuple(s for s in page_url(relative).split("/") if s)
    slug = meta.get("slug")
    if isinstance(slug, str) and slug.strip():
        if "/" in slug.strip("/"):
            raise RouteError(f"slug '{slug}' must be one name without '/'; use 'url' for a path")
        named = url_segments(slug, "slug")
        if named:
            segments = (*segments[:-1], named[0]) if segments else named
    return Route(segments)


def alias_routes(meta: dict[str, object]) -> list[Route]:
    aliases = meta.get("aliases")
    if aliases is None:
        return []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise RouteError("aliases must be a list of paths within the site")
    routes = []
    for alias in aliases:
        segments = url_segments(alias, "alias")
        if not segments:
            raise RouteError(f"alias '{alias}' would replace the home page")
        routes.append(Route(segments))
    return routes


def relative_url(from_route: Route, target_url: str) -> str:
    """``target_url`` (site-relative, may carry ?query and #fragment) as seen from a page."""
    path, _, fragment = target_url.partition("#")
    relative = posixpath.relpath(path, from_route.folder)
    if path.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


@dataclass
class LinkMap:
    """Resolves the targets of links in pages to published URLs and records used assets."""

    pages: dict[PurePosixPath, Route]  # source path relative to the site root -> route
    files: set[PurePosixPath]  # every file under the site root
    base_url: str = ""
    assets: set[PurePosixPath] = field(default_factory=set)
    _by_url: dict[str, Route] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for relative, route in sorted(self.pages.items()):
            self._by_url.setdefault(page_url(relative), route)
            self._by_url.setdefault(route.url, route)

    def resolve(self, source: PurePosixPath, href: str) -> str | None:
        """The site-relative URL a link's ``href`` reaches, or None to leave it as written."""
        try:
            parts = urlsplit(href.strip())
        except ValueError:
            return None
        if parts.scheme or parts.netloc:
            path = self._own_site_path(href.strip())
            if path is None:
                return None
        elif not parts.path:
            return None  # "#fragment" or "?query" on the same page
        elif parts.path.startswith("/"):
            path = unquote(parts.path)
        else:
            path = posixpath.join("/" + str(source.parent), unquote(parts.path))
        normal = posixpath.normpath(path)
        if normal.startswith("//") or normal.startswith("/.."):
            return None
        target = self._target(normal.lstrip("/"), path.endswith("/"))
        if target is None:
            return None
        return target + (f"#{parts.fragment}" if parts.fragment else "")

    def _own_site_path(self, href: str) -> str | None:
        base = self.base_url.rstrip("/")
        if not base:
            return None
        lowered, base_lowered = href.lower(), base.lower()
        for prefix in {base_lowered, base_lowered.replace("https://", "http://", 1)}:
            if lowered == prefix or lowered.startswith(prefix + "/"):
                rest = urlsplit(href[len(prefix) :] or "/")
                return unquote(rest.path) or "/"
        return None

    def _target(self, relative: str, folder: bool) -> str | None:
        path = PurePosixPath(relative) if relative not in ("", ".") else None
        if path is not None and path in self.pages:
            return self.pages[path].url
        url = "/" + (relative + "/" if relative and relative != "." else "")
        for candidate in (url, url.removesuffix(".html/") + "/" if url.endswith(".html/") else ""):
            if candidate and candidate in self._by_url:
                return self._by_url[candidate].url
        hidden = path is not None and any(part.startswith(".") for part in path.parts)
        if path is not None and not folder and not hidden and path in self.files:
            self.assets.add(path)
            return "/" + "/".join(quote(part) for part in path.parts)
        return None
