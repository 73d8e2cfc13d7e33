"""Heading ids, the same in ``check`` (fragment targets) and ``publish`` (rendered ids).

The default is GitHub's rule, which most readers and editors already know and which
``publish`` renders: lower-case, drop punctuation except ``-`` and ``_``, each space
becomes ``-``, and repeats get ``-1``, ``-2``... Sites built by another generator pick its
rule with ``[links] slug_style``: ``hugo`` (Goldmark's default ids) or ``jekyll``
(kramdown's auto ids). An explicit id (``{#id}`` or an HTML ``id``) always wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openaccess.document import Heading

_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)
_KRAMDOWN_LEADING = re.compile(r"^[^a-zA-Z]+")
_KRAMDOWN_DROP = re.compile(r"[^a-zA-Z0-9 \-]")


def github_slug(text: str) -> str:
    """github-slugger: lower-case, keep letters, digits, ``-``, ``_``; spaces become ``-``."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return _NOT_SLUG.sub("", text).replace(" ", "-")


def hugo_slug(text: str) -> str:
    """Goldmark's ``github`` id type (Hugo's default): like GitHub, but every Unicode
    space (tab, no-break space) becomes ``-`` too."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    kept = []
    for char in text:
        if char in "-_" or char.isalnum():
            kept.append(char)
        elif char.isspace():
            kept.append("-")
    return "".join(kept)


def jekyll_slug(text: str) -> str:
    """kramdown's auto ids (Jekyll's default): ASCII letters, digits, spaces and ``-``
    only, leading non-letters removed, spaces become ``-``; an empty id is ``section``."""
    text = _KRAMDOWN_LEADING.sub("", text.strip())
    text = _KRAMDOWN_DROP.sub("", text).replace(" ", "-").lower()
    return text or "section"


SLUG_STYLES: dict[str, Callable[[str], str]] = {
    "github": github_slug,
    "hugo": hugo_slug,
    "jekyll": jekyll_slug,
}


def unique_slugs(texts: Iterable[str], slug: Callable[[str], str] = github_slug) -> list[str]:
    """Slugs for headings in order, with -1, -2 suffixes for repeats (all three dialects)."""
    seen: dict[str, int] = {}
    result = []
    for text in texts:
        base = slug(text)
        candidate = base
        while candidate in seen:
            seen[base] += 1
            candidate = f"{base}-{seen[base]}"
        seen.setdefault(candidate, 0)
        result.append(candidate)
    return result


def heading_ids(headings: Iterable[Heading], style: str = "github") -> list[str]:
    """The id each heading gets: its explicit id, or its unique slug in ``style``."""
    headings = list(headings)
    slugs = unique_slugs((h.text for h in headings), SLUG_STYLES[style])
    return [h.explicit_id or s for h, s in zip(headings, slugs, strict=True)]
