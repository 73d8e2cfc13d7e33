"""Near misses: the file, page URL or id a mistyped link most likely meant."""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from msgspec import Struct, field

from openaccess.diagnostics import Applicability, Edit, Fix
from openaccess.routing.inventory import lies_in
from openaccess.routing.near import MAX_COMPARED, Names, closest

if TYPE_CHECKING:
    from openaccess.document import Link
    from openaccess.page import Page
    from openaccess.routing.router import Router

# A typo in a file or page name is one wrong, missing, extra or swapped letter (letter case
# is free): sibling names often differ by one short word (about_Jobs, about_Join).
NAME_EDITS = 1
TYPO_SPAN = 2  # a typo in a name changes, swaps or drops a letter or two in one place


class Suggestions:
    """Indexes over the router's files and URLs, built once per run on first use."""

    def __init__(self, router: Router) -> None:
        self.router = router
        self._folders: dict[str, list[PurePosixPath]] | None = None
        self._names: dict[str, list[PurePosixPath]] = {}
        self._files: dict[tuple[str, str | None], str | None] = {}
        self._siblings: dict[tuple[str, str], tuple[dict[str, PurePosixPath], Names]] = {}
        self._urls: _UrlIndex | None = None

    def _index(self) -> dict[str, list[PurePosixPath]]:
        if self._folders is None:
            self._folders = {}
            for path in sorted(self.router.inventory.files):
                self._folders.setdefault(path.parent.as_posix(), []).append(path)
                self._names.setdefault(path.name, []).append(path)
        return self._folders

    def file(self, wanted: str, source: PurePosixPath | None) -> str | None:
        """A file the link probably meant: a near name in the same folder, or the same
        name in one other folder nearby (a moved file). Relative to the page's folder."""
        key = (wanted, source.parent.as_posix() if source is not None else None)
        if key not in self._files:
            self._files[key] = self._find_file(wanted, source)
        return self._files[key]

    def _find_file(self, wanted: str, source: PurePosixPath | None) -> str | None:
        target = PurePosixPath(wanted)
        by_name, names = self._siblings_of(target.parent.as_posix(), target.suffix.lower())
        near = closest(target.name, names, NAME_EDITS, TYPO_SPAN)
        if near == target.name:
            near = None  # the file is there but not published: naming it again helps nobody
        found = by_name[near] if near is not None else None
        if source is None:
            return None
        folder = source.parent.as_posix() or "."
        if found is None and len(moved := self._names.get(target.name, [])) == 1:
            # A moved file: only nearby (no farther than the link went, or two folder
            # steps), not a namesake far away in the site such as another version's docs.
            distance = max(2, _folder_steps(posixpath.relpath(wanted, folder)))
            candidate = posixpath.relpath(moved[0].as_posix(), folder)
            found = moved[0] if _folder_steps(candidate) <= distance else None
        return posixpath.relpath(found.as_posix(), folder) if found is not None else None

    def _siblings_of(self, folder: str, suffix: str) -> tuple[dict[str, PurePosixPath], Names]:
        """The files of ``folder`` with the suffix ``suffix``, by name, made ready once."""
        key = (folder, suffix)
        if key not in self._siblings:
            files = self._index().get(folder, [])
            by_name = {path.name: path for path in files if path.suffix.lower() == suffix}
            self._siblings[key] = by_name, Names(by_name)
        return self._siblings[key]

    def url(self, wanted: str) -> str | None:
        """A page URL the link probably meant: the real URL of the page whose file path the
        link spells (a ``slug`` or ``permalink`` moved it), a near name in the same folder,
        or the one page URL with the same last segment."""
        index = self._url_index()
        spelled = index.spelled.get(wanted.rstrip("/").removesuffix(".html").lower())
        if spelled is not None:
            return spelled
        parent, tail = posixpath.split(wanted.rstrip("/"))
        siblings = index.by_folder.get(parent, {})
        near = closest(tail, index.names_in(parent), NAME_EDITS, TYPO_SPAN) if tail else None
        if near is not None:
            return siblings[near]
        moved = index.by_name.get(tail, []) if tail else []
        return moved[0] if len(moved) == 1 else None

    def _url_index(self) -> _UrlIndex:
        """Page URLs by the path their file spells, by folder and by last segment: one
        pass over the site instead of one per broken link."""
        if self._urls is None:
            routes = [r for r in self.router.site.pages.values() if r.url]
            content = self.router.generator.content
            index = _UrlIndex()
            for route in routes:
                index.spelled.setdefault(_spelled(route.source, content), str(route.url))
            for url in sorted({str(route.url) for route in routes}):
                folder, name = posixpath.split(url.rstrip("/"))
                index.by_folder.setdefault(folder, {})[name] = url
                index.by_name.setdefault(name, []).append(url)
            self._urls = index
        return self._urls


class _UrlIndex(Struct):
    """The site's page URLs, filed for did-you-mean suggestions."""

    spelled: dict[str, str] = field(default_factory=dict)  # spelled path -> first page URL
    by_folder: dict[str, dict[str, str]] = field(default_factory=dict)  # folder -> name -> URL
    by_name: dict[str, list[str]] = field(default_factory=dict)  # last segment -> URLs
    _names: dict[str, Names] = field(default_factory=dict)

    def names_in(self, folder: str) -> Names:
        """The last segments of the page URLs in ``folder``, made ready once."""
        if folder not in self._names:
            self._names[folder] = Names(self.by_folder.get(folder, {}))
        return self._names[folder]


def _spelled(source: PurePosixPath, content: str) -> str:
    """The URL path a page's file path spells: ``guides/pricing.md`` -> ``/guides/pricing``."""
    folder = PurePosixPath(content) if content else None
    inside = (
        source.relative_to(folder) if folder is not None and lies_in(source, folder) else source
    )
    parts = list(inside.with_suffix("").parts)
    if parts and parts[-1] in ("index", "_index", "README"):
        parts.pop()
    return "/" + "/".join(parts).lower()


@lru_cache(maxsize=64)
def _sorted_ids(anchors: frozenset[str]) -> Names:
    """A page's ids made ready for near misses, once for all the broken links into it
    (a frozenset keeps its hash, so finding it again costs one comparison)."""
    return Names(sorted(anchors))


def _folder_steps(relative: str) -> int:
    """Folders walked up and down by a relative path (``../a/b.md``: 2)."""
    return len(relative.split("/")) - 1


def anchor(fragment: str, anchors: frozenset[str]) -> str | None:
    """A near id, or the only id that starts with the fragment (``#costs-and-fees``)."""
    found = closest(fragment, _sorted_ids(anchors))
    if found is None and len(anchors) <= MAX_COMPARED:  # each question in bounded time
        longer = [a for a in anchors if a.startswith(fragment)]
        found = longer[0] if len(longer) == 1 else None
    return found


# An address of only these characters holds no space, bracket, quote, escape, character
# reference or scheme (`javascript:`): changing one such address into another cannot
# change how the text around it parses.
_PLAIN_ADDRESS = re.compile(r"[\w\-.~/#%]+")
# What Markdown reads before links: code spans, raw HTML and autolinks, backslash escapes
# and character references. Only these could keep ``[text](address)`` from being a link.
_READ_BEFORE_LINKS = re.compile(r"[`<\\&]")


def replace_in_link(page: Page, link: Link, old: str, new: str, what: str) -> Fix | None:
    """An unsafe fix replacing ``old`` (as typed in the source) inside the link; None when
    the edit would change anything but this link's address (see :func:`_keeps_the_page`)."""
    span = page.text[link.start : link.end]
    for typed in dict.fromkeys((old, unquote(old), html.escape(old))):
        if typed and span.count(typed) == 1:
            start = link.start + span.index(typed)
            edit = Edit(start, start + len(typed), new)
            if not _keeps_the_page(page, link, edit):
                return None
            return Fix(f"Change {what} to '{new}'", (edit,), Applicability.UNSAFE)
    return None


def _keeps_the_page(page: Page, link: Link, edit: Edit) -> bool:
    """Whether ``edit`` (inside ``link``) changes only that link's address: the lines that
    hold the link, parsed before and after, have the same links with the same texts, the
    same text around them, and every other address unchanged."""
    from openaccess.parse.html import outline_html
    from openaccess.parse.markdown import outline_markdown, tokenize
    from openaccess.source import LineIndex

    first = page.lines.line_start(page.position(link.start)[0])
    last_line = page.position(link.end)[0]
    end = page.lines.line_start(last_line + 1) if last_line < page.lines.line_count else None
    before = page.text[first:end] if end is not None else page.text[first:]
    if _plain_address_edit(page, link, edit, before):
        return True
    shift = edit.start - first
    after = before[:shift] + edit.text + before[edit.end - first :]

    def outline(text: str) -> tuple[list[tuple[str, str]], str]:
        if page.kind == "html":
            document = outline_html(text)
        else:
            document = outline_markdown(text, LineIndex(text), 0, tokenize(text))
        prose = " ".join(" ".join(block.text.split()) for block in document.blocks)
        return [(found.href, found.text) for found in document.links], prose

    links_before, prose_before = outline(before)
    links_after, prose_after = outline(after)
    if len(links_before) != len(links_after) or prose_before != prose_after:
        return False
    pairs = zip(links_before, links_after, strict=True)
    changed = [(a, b) for a, b in pairs if a != b]
    return len(changed) <= 1 and all(a[1] == b[1] for a, b in changed)


def _plain_address_edit(page: Page, link: Link, edit: Edit, lines: str) -> bool:
    """The common case of :func:`_keeps_the_page`, known without parsing: in an inline
    Markdown link ``[text](address)`` on lines with nothing Markdown reads before links,
    the edit turns a plain address into another plain address (see ``_PLAIN_ADDRESS``).
    Then the link stays a link with the same text, and only its address changes."""
    if page.kind != "markdown" or link.source != "markdown" or _READ_BEFORE_LINKS.search(lines):
        return False
    span = page.text[link.start : link.end]
    if not span.endswith(")") or span.count("](") != 1:
        return False
    address_start = link.start + span.index("](") + 2
    address_end = link.end - 1
    if not address_start <= edit.start <= edit.end <= address_end:
        return False
    address = page.text[address_start:address_end]
    return bool(_PLAIN_ADDRESS.fullmatch(address) and _PLAIN_ADDRESS.fullmatch(edit.text))
