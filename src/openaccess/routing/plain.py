"""``generator = "none"``: the site exactly as ``openaccess publish`` writes it.

``a/b.md`` is published at ``/a/b/``; ``index``, ``_index`` and ``README`` pages stand for
their folder; front matter ``url`` replaces the address, ``slug`` its last part, and
``aliases`` get redirect pages; ``draft: true`` pages are not published. Every other
visible file is copied as it is. Output paths are built from validated URL segments (no
``..``, no hidden names, no separators or drive letters), so no front matter value can
write outside the output folder.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from openaccess.discovery import is_excluded
from openaccess.page import PAGE_SUFFIXES
from openaccess.routing.base import Generator
from openaccess.routing.inventory import Inventory
from openaccess.routing.model import (
    ADDRESS_KEYS,
    ALIAS_KEYS,
    TAKEN,
    Output,
    PageRoute,
    RouteProblem,
    SiteMap,
)

INDEX_STEMS = ("index", "_index", "README")
# Files openaccess writes itself at the top of every site.
CSS_FILE = "openaccess.css"
NOT_FOUND_FILE = "404.html"
SITEMAP_FILE = "sitemap.xml"
MARKER_FILE = ".openaccess-site"
RESERVED = frozenset({CSS_FILE, NOT_FOUND_FILE, SITEMAP_FILE, MARKER_FILE})

_BAD_SEGMENT = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|#/\ud800-\udfff]')
# File systems refuse a longer file or folder name (ext4, APFS, NTFS: 255 bytes or units),
# and a whole address much longer than this cannot be a path under an output folder.
MAX_NAME_BYTES = 255
MAX_ADDRESS_BYTES = 1024


class RouteError(ValueError):
    """A front matter address that cannot be published (said in one line)."""


def url_segments(value: str, what: str) -> tuple[str, ...]:
    """The decoded path segments of a front matter address, or RouteError when unsafe.

    Decoding comes first, so ``%2F``, ``%2E%2E`` and ``%00`` are judged as what a server
    would see; a decoded segment may not hold ``/`` or another reserved character.
    """
    text = value.strip()
    if "://" in text or text.startswith("//"):
        raise RouteError(f"{what} '{value}' must be a path within the site, not a full address")
    segments = []
    for raw in (part for part in text.split("/") if part):
        segment = unquote(raw)
        if segment in (".", "..") or segment.startswith("."):
            raise RouteError(f"{what} '{value}' would leave or hide inside the output folder")
        if _BAD_SEGMENT.search(segment):
            raise RouteError(f"{what} '{value}' contains a character not allowed in a file name")
        if len(segment.encode("utf-8")) > MAX_NAME_BYTES:
            raise RouteError(
                f"{what} '{_shortened(value)}' has a part longer than {MAX_NAME_BYTES} bytes,"
                " the longest file name a file system takes"
            )
        segments.append(segment)
    if sum(len(segment.encode("utf-8")) + 1 for segment in segments) > MAX_ADDRESS_BYTES:
        raise RouteError(f"{what} '{_shortened(value)}' is longer than {MAX_ADDRESS_BYTES} bytes")
    return tuple(segments)


def _shortened(value: str) -> str:
    """A long front matter value as its start, so the message stays readable."""
    return value if len(value) <= 60 else value[:60] + "…"


def page_path_segments(relative: PurePosixPath) -> tuple[str, ...]:
    """``a/b.md`` -> ``(a, b)``; an index page stands for its folder."""
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] in INDEX_STEMS:
        parts.pop()
    return tuple(parts)


def output_file(segments: tuple[str, ...]) -> str:
    """A page's output file: a folder with ``index.html``, unless it names an HTML file."""
    if segments and segments[-1].lower().endswith((".html", ".htm")):
        return "/".join(segments)
    return "/".join((*segments, "index.html"))


def page_segments(relative: PurePosixPath, meta: dict[str, Any]) -> tuple[str, ...]:
    """A page's address: front matter ``url``, else its path with ``slug`` as last part."""
    url = meta.get("url")
    if isinstance(url, str) and url.strip():
        return url_segments(url, "url")
    segments = page_path_segments(relative)
    slug = meta.get("slug")
    if isinstance(slug, str) and slug.strip():
        if "/" in slug.strip().strip("/"):
            raise RouteError(f"slug '{slug}' must be one name without '/'; use 'url' for a path")
        named = url_segments(slug, "slug")
        if named:
            segments = (*segments[:-1], named[0]) if segments else named
    return segments


# PowerShell's command help (PlatyPS, kept in Markdown for Microsoft Learn) lists the
# command's short names under ``aliases``: ``gps``, ``ps``, ``?``. They are no addresses.
# Its front matter always carries one of these keys.
_COMMAND_HELP_KEYS = ("external help file", "Module Name", "document type")


def is_command_help(meta: dict[str, Any]) -> bool:
    """Whether front matter is PowerShell command help's (PlatyPS): a page whose headings
    its format fixes (SYNOPSIS, DESCRIPTION, one per parameter, NOTES...)."""
    return any(key in meta for key in _COMMAND_HELP_KEYS)


def alias_list(meta: dict[str, Any]) -> list[str]:
    """The page's ``aliases``, each to be read by :func:`alias_segments` (one bad alias
    leaves the others standing)."""
    aliases = meta.get("aliases")
    if aliases is None or is_command_help(meta):
        return []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise RouteError("aliases must be a list of paths within the site")
    return aliases


def alias_segments(alias: str) -> tuple[str, ...]:
    """An alias's path segments, or RouteError when no redirect can be written there."""
    segments = url_segments(alias, "alias")
    if not segments:
        raise RouteError(f"alias '{alias}' would replace the home page")
    return segments


def is_draft(meta: dict[str, Any]) -> bool:
    return meta.get("draft") is True


class PlainSite(Generator):
    """Routes for ``openaccess publish``; ``root`` is the pages folder. Publish rewrites
    every link that names a page or file (Markdown and HTML alike) to its address."""

    folder_links_name_index: bool = True
    absolute_links_from_site_root: bool = True
    # The config's ``exclude`` globs, relative to the pages folder (``pages_base`` from
    # the root): publish leaves such pages out, so links to them are broken.
    exclude: tuple[str, ...] = ()
    pages_base: str = ""

    def describe(self) -> str:
        return "no site generator found"

    def build(self, inventory: Inventory) -> SiteMap:
        site = SiteMap()
        for name in sorted(RESERVED - {MARKER_FILE}):
            site.claim(Output(name, "generated"))
        pages = [f for f in inventory.under("") if f.suffix.lower() in PAGE_SUFFIXES]
        for source in pages:
            self._route_page(site, source, inventory.meta(source) or {})
        for route in site.pages.values():  # aliases after every page: a page's address wins
            self._aliases(site, route, inventory.meta(route.source) or {})
        if "index.html" not in site.outputs:
            site.claim(Output("index.html", "generated"))
        for source in inventory.under(""):
            if source.suffix.lower() not in PAGE_SUFFIXES:
                site.claim(Output(source.as_posix(), "file", source))
        _case_clashes(site)
        return site

    def _route_page(self, site: SiteMap, source: PurePosixPath, meta: dict[str, Any]) -> None:
        if is_draft(meta):
            site.pages[source] = PageRoute(source, None, reason="draft: true")
            return
        if self._excluded(source):
            site.pages[source] = PageRoute(source, None, reason="excluded by 'exclude'")
            return
        try:
            segments = page_segments(source, meta)
        except RouteError as error:
            site.problems.append(
                RouteProblem(
                    source, "error", f"{error}; it is published at its own path", keys=ADDRESS_KEYS
                )
            )
            segments = page_path_segments(source)
        output = Output(output_file(segments), "page", source)
        owner = site.claim(output)
        if owner is not None:
            message = f"address '{output.url}' is taken by {site.owner_name(owner)}"
            site.problems.append(RouteProblem(source, "error", message, owner.source, ADDRESS_KEYS))
            site.pages[source] = PageRoute(source, None, reason=TAKEN)
            return
        site.pages[source] = PageRoute(source, output)

    def _excluded(self, source: PurePosixPath) -> bool:
        if not self.exclude:
            return False
        base = PurePosixPath(self.pages_base) if self.pages_base else None
        if base is not None and base not in source.parents:
            return False
        inside = source.relative_to(base) if base is not None else source
        return is_excluded(inside.as_posix(), list(self.exclude))

    def _aliases(self, site: SiteMap, route: PageRoute, meta: dict[str, Any]) -> None:
        if route.output is None:
            return
        try:
            aliases = alias_list(meta)
        except RouteError as error:
            site.problems.append(
                RouteProblem(
                    route.source, "warning", f"{error}; aliases are ignored", keys=ALIAS_KEYS
                )
            )
            return
        for written in aliases:
            try:
                segments = alias_segments(written)
            except RouteError as error:
                message = f"{error}; no redirect is written"
                site.problems.append(
                    RouteProblem(route.source, "warning", message, keys=ALIAS_KEYS)
                )
                continue
            alias = Output(output_file(segments), "redirect", route.source, route.source)
            owner = site.claim(alias)
            if owner is None:
                route.aliases.append(alias)
            elif owner.source != route.source:
                message = (
                    f"alias '{alias.url}' is taken by {site.owner_name(owner)};"
                    " no redirect is written"
                )
                site.problems.append(
                    RouteProblem(route.source, "warning", message, owner.source, ALIAS_KEYS)
                )


def _case_clashes(site: SiteMap) -> None:
    """Warn of a page whose output file differs from another output only in letter case
    (``Pricing/`` and ``pricing/``) or in how an accent is encoded (``é`` as one character
    or as ``e`` and a combining accent): the file systems of macOS and Windows hold such
    names as one file, so a site built there keeps only one of them."""
    first_by_key: dict[str, Output] = {}
    for output in site.outputs.values():
        first = first_by_key.setdefault(
            unicodedata.normalize("NFC", output.file).casefold(), output
        )
        if first is output:
            continue
        about, other = (output, first) if output.source in site.pages else (first, output)
        if about.source is None or about.source not in site.pages:
            continue  # two copied files, or generated ones: no page to report it on
        differ = "letter case" if about.file.casefold() == other.file.casefold() else "accents"
        message = (
            f"address '{about.url}' and '{other.url}' ({site.owner_name(other)}) differ only"
            f" in {differ}: on macOS and Windows they are one file, so a site built there"
            " keeps only one of them; give one page another address"
        )
        site.problems.append(
            RouteProblem(about.source, "warning", message, other.source, ADDRESS_KEYS)
        )
