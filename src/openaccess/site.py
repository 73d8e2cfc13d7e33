"""The whole site as links see it: which files exist, each page's URLs, and page anchors.

Link rules resolve targets against the full site even when only a few files are checked
(pre-commit, ``--shard``). Listing files is cheap; a target page is read and parsed only
when a link needs its anchors, and then once.

Pages get URLs the way the site's generator routes them (``[links] url_style``):

* ``plain`` (publish): ``a/b.md`` -> ``/a/b/``; ``index.md``, ``_index.md`` and
  ``README.md`` stand for their folder.
* ``hugo``: the same pretty URLs, lower-cased, with front matter ``slug`` (replaces the
  last segment), ``url`` (replaces the whole path) and ``aliases`` (extra URLs).
* ``jekyll``: ``a/b.md`` -> ``/a/b.html``, posts in ``_posts`` -> ``/YYYY/MM/DD/title.html``,
  front matter ``permalink`` and ``redirect_from`` (jekyll-redirect-from).

URLs are compared in a forgiving form (no trailing slash, no ``.html``, no ``index.html``)
because web servers answer all of those spellings for the same page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from openaccess.fsutil import site_files
from openaccess.page import PAGE_SUFFIXES, Page
from openaccess.slugs import heading_ids
from openaccess.source import SourceError

if TYPE_CHECKING:
    from openaccess.config import Config

URL_STYLES = ("plain", "hugo", "jekyll")
INDEX_STEMS = ("index", "_index", "README")
INDEX_FILES = ("index.md", "index.html", "_index.md", "README.md", "index.markdown", "index.htm")
_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def page_url(relative: PurePosixPath) -> str:
    """Pretty URL of a page path relative to the site root: a/b.md -> /a/b/, a/index.md -> /a/."""
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] in INDEX_STEMS:
        parts.pop()
    return "/" + "".join(f"{part}/" for part in parts)


def _strings(value: Any) -> list[str]:
    """A front matter value that may be one string or a list of strings."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item.strip()]
    return []


def _absolute(url: str, base: str) -> str:
    """A front matter URL made site-absolute; relative ones count from ``base``."""
    url = url.strip()
    if "://" in url:
        url = urlsplit(url).path or "/"
    return url if url.startswith("/") else posixpath.join(base, url)


def hugo_urls(relative: PurePosixPath, meta: dict[str, Any]) -> list[str]:
    """Hugo: pretty URL (or ``url``/``slug``), then ``aliases``."""
    pretty = page_url(relative)
    parent = posixpath.dirname(pretty.rstrip("/")) or "/"
    url = _strings(meta.get("url"))
    slug = _strings(meta.get("slug"))
    if url:
        canonical = _absolute(url[0], "/")
    elif slug and relative.stem != "_index" and pretty != "/":
        canonical = posixpath.join(parent, slug[0].strip()) + "/"
    else:
        canonical = pretty
    aliases = [_absolute(alias, parent + "/") for alias in _strings(meta.get("aliases"))]
    return [canonical, *aliases]


def jekyll_urls(relative: PurePosixPath, meta: dict[str, Any]) -> list[str]:
    """Jekyll: ``permalink`` or the default page/post URL, then ``redirect_from``."""
    permalink = _strings(meta.get("permalink"))
    if permalink and ":" not in permalink[0]:
        canonical = _absolute(permalink[0], "/")
    elif relative.parts and relative.parts[0] == "_posts":
        canonical = _jekyll_post_url(relative, meta)
    elif relative.stem == "index":
        canonical = page_url(relative)
    else:
        canonical = "/" + relative.with_suffix(".html").as_posix()
    redirects = [_absolute(url, "/") for url in _strings(meta.get("redirect_from"))]
    return [canonical, *redirects]


def _jekyll_post_url(relative: PurePosixPath, meta: dict[str, Any]) -> str:
    """``/:categories/:year/:month/:day/:title.html``, Jekyll's default for posts."""
    match = _POST_NAME.match(relative.stem)
    if match is None:  # Jekyll ignores posts without a date in the name
        return "/" + relative.with_suffix(".html").as_posix()
    year, month, day, title = match.groups()
    title = (_strings(meta.get("slug")) or [title])[0].strip()
    categories = _strings(meta.get("categories")) or _strings(meta.get("category"))
    words = [word for item in categories for word in item.split()]
    folders = [part for part in relative.parent.parts[1:]]  # _posts/a/b/x.md -> a/b
    prefix = "".join(f"/{part}" for part in [*folders, *words])
    return f"{prefix}/{year}/{month}/{day}/{title}.html"


def route_key(url_path: str, fold_case: bool = False) -> str:
    """The comparable form of a URL path: decoded, normalised, without trailing slash,
    ``index.html`` or ``.html`` (``/a/b/``, ``/a/b``, ``/a/b.html`` are one page)."""
    path = unquote(url_path or "/")
    path = posixpath.normpath("/" + path.lstrip("/"))
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    for suffix in ("/index.html", "/index.htm"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    for suffix in (".html", ".htm"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    path = path.rstrip("/")
    return path.lower() if fold_case else path


@dataclass
class Site:
    root: Path
    files: set[PurePosixPath] = field(default_factory=set)  # every file, relative to root
    max_bytes: int = 10 * 1024 * 1024
    url_style: str = "plain"
    slug_style: str = "github"
    base_url: str = ""
    # Results of site-wide work shared by several rules in one run (external checks).
    shared: dict[str, Any] = field(default_factory=dict)
    # One-line summaries for the person running the check (printed on stderr).
    notes: list[str] = field(default_factory=list)
    _urls: dict[str, PurePosixPath] = field(default_factory=dict)
    _front_matter_routes: bool = False
    _pages: dict[PurePosixPath, Page | None] = field(default_factory=dict)
    _anchors: dict[PurePosixPath, set[str] | None] = field(default_factory=dict)
    _relative: dict[Path, PurePosixPath | None] = field(default_factory=dict)
    # Symlinks under the root that lead out of it (or nowhere): never read or published.
    refused: dict[PurePosixPath, str] = field(default_factory=dict)

    @classmethod
    def scan(
        cls,
        root: Path,
        max_bytes: int,
        known_pages: Iterable[Page] = (),
        config: Config | None = None,
    ) -> Site:
        root = root.resolve()
        site = cls(root=root, max_bytes=max_bytes)
        if config is not None:
            site.url_style = config.links.url_style
            site.slug_style = config.links.slug_style
            site.base_url = config.base_url
        listed = site_files(root)  # symlinks out of the site are refused, never listed
        site.files.update(PurePosixPath(name) for name in listed.files)
        site.refused = {PurePosixPath(name): why for name, why in listed.refused.items()}
        for page in known_pages:
            relative = site.relative(page.path)
            if relative is not None:
                site._pages[relative] = page
        if site.url_style == "plain":
            for relative in sorted(site.page_files()):
                site._urls.setdefault(route_key(page_url(relative)), relative)
        return site

    # -- files -----------------------------------------------------------------------
    def page_files(self) -> list[PurePosixPath]:
        return [p for p in set.__iter__(self.files) if p.suffix.lower() in PAGE_SUFFIXES]

    def relative(self, path: Path) -> PurePosixPath | None:
        """Path relative to the root, or None when it lies outside the site (cached:
        resolving symlinks costs a system call per folder)."""
        if path not in self._relative:
            try:
                self._relative[path] = PurePosixPath(
                    path.resolve().relative_to(self.root).as_posix()
                )
            except ValueError:
                self._relative[path] = None
        return self._relative[path]

    def owns_top_level(self, name: str) -> bool:
        """Whether ``/name/...`` belongs to this site: a top-level file, folder or page
        URL segment has that name, or one a typo away (``/jewler/`` for ``/jeweler/``)."""
        from openaccess.rules.links import closest

        if "top-level" not in self.shared:
            names = {path.parts[0] for path in set.__iter__(self.files) if path.parts}
            names |= {path.stem for path in set.__iter__(self.files) if len(path.parts) == 1}
            names |= {key.split("/")[1] for key in self.all_urls() if key.count("/") >= 1}
            self.shared["top-level"] = sorted({n.lower() for n in names})
        known: list[str] = self.shared["top-level"]
        lowered = name.lower()
        return lowered in known or closest(lowered, known) is not None

    def refusal(self, relative: PurePosixPath) -> str | None:
        """Why ``relative`` cannot be read: it, or a folder on its way, is a symlink that
        leads out of the site (``outside``), nowhere or in a loop (see :mod:`fsutil`)."""
        if not self.refused:
            return None
        for path in (relative, *relative.parents):
            if path in self.refused:
                return self.refused[path]
        return None

    def existing(self, relative: PurePosixPath) -> PurePosixPath | None:
        """The file a path names: itself, or the index page of the folder it names."""
        if relative in self.files:
            return relative
        for index in INDEX_FILES:
            if relative / index in self.files:
                return relative / index
        return None

    def resolve_relative(self, page_path: Path, target: str) -> PurePosixPath | None:
        """A relative link target as a root-relative path; None when it leaves the site."""
        source = self.relative(page_path)
        if source is None:
            return None
        joined = posixpath.normpath(posixpath.join(str(source.parent), unquote(target)))
        if joined == ".." or joined.startswith("../") or joined.startswith("/"):
            return None
        return PurePosixPath(joined)

    # -- URLs ------------------------------------------------------------------------
    @property
    def fold_case(self) -> bool:
        """Hugo lower-cases every URL it writes."""
        return self.url_style == "hugo"

    def urls_of(self, relative: PurePosixPath, meta: dict[str, Any] | None = None) -> list[str]:
        """Every URL the page at ``relative`` is served at, canonical first."""
        if self.url_style == "plain":
            return [page_url(relative)]
        if meta is None:
            page = self.page(relative)
            meta = page.meta if page is not None else {}
        if self.url_style == "hugo":
            return [url.lower() for url in hugo_urls(relative, meta)]
        return jekyll_urls(relative, meta)

    def _build_front_matter_routes(self) -> None:
        """Hugo and Jekyll URLs depend on front matter: read every page's, once."""
        self._front_matter_routes = True
        for relative in sorted(self.page_files()):
            if self.url_style == "jekyll" and jekyll_hidden(relative):
                continue
            for url in self.urls_of(relative):
                self._urls.setdefault(route_key(url, self.fold_case), relative)

    def page_for_url(self, url_path: str) -> PurePosixPath | None:
        """The page a site URL path (``/jeweler/start``) routes to, if any."""
        if self.url_style != "plain" and not self._front_matter_routes:
            self._build_front_matter_routes()
        return self._urls.get(route_key(url_path, self.fold_case))

    def all_urls(self) -> dict[str, PurePosixPath]:
        """Route key -> page, for suggestions."""
        if self.url_style != "plain" and not self._front_matter_routes:
            self._build_front_matter_routes()
        return dict(self._urls)

    def site_path(self, url_path: str) -> str | None:
        """A site-absolute path with the base URL's own path removed (``/docs/a`` -> ``/a``
        when ``base_url`` is ``https://x.org/docs/``); None when it lies outside it."""
        prefix = urlsplit(self.base_url).path.rstrip("/") if self.base_url else ""
        if not prefix:
            return url_path
        if url_path == prefix or url_path.startswith(prefix + "/"):
            return url_path[len(prefix) :] or "/"
        return None

    def is_own_url(self, scheme: str, host: str) -> bool:
        """An absolute URL on the configured ``base_url`` (http and https alike)."""
        if not self.base_url or scheme not in ("http", "https"):
            return False
        own = (urlsplit(self.base_url).hostname or "").lower()
        return bool(own) and host == own

    # -- pages and anchors -------------------------------------------------------------
    def page(self, relative: PurePosixPath) -> Page | None:
        """The parsed page at ``relative`` (cached); None when it cannot be read."""
        if relative not in self._pages:
            if relative not in self.files:  # only files the scan vetted are ever read
                return None
            try:
                self._pages[relative] = Page.load(
                    self.root / relative, relative.as_posix(), self.max_bytes
                )
            except SourceError:
                self._pages[relative] = None
        return self._pages[relative]

    def anchors(self, relative: PurePosixPath) -> set[str] | None:
        if relative not in self._anchors:
            page = self.page(relative)
            self._anchors[relative] = None if page is None else page_anchors(page, self.slug_style)
        return self._anchors[relative]


def jekyll_hidden(relative: PurePosixPath) -> bool:
    """Jekyll does not publish ``_files``, nor files in ``_folders`` other than ``_posts``."""
    if relative.name.startswith("_"):
        return True
    return any(part.startswith("_") and part != "_posts" for part in relative.parts[:-1])


def page_anchors(page: Page, slug_style: str = "github") -> set[str]:
    """Every id a link fragment may name on this page: heading slugs and explicit ids."""
    document = page.document
    return set(heading_ids(document.headings, slug_style)) | set(document.ids)


def split_url(href: str) -> tuple[str, str, str, str]:
    """(scheme, host, path, fragment) of a link, tolerant of malformed input."""
    try:
        parts = urlsplit(href)
        host = parts.hostname or ""
    except ValueError:
        return "", "", href, ""
    return parts.scheme.lower(), host.lower(), parts.path, parts.fragment
