"""Heading ids, the same in ``check`` (fragment targets) and ``publish`` (rendered ids).

The default is GitHub's rule, which most readers and editors already know: lower-case,
drop punctuation except ``-`` and ``_``, each space becomes ``-``, and repeats get
``-1``, ``-2``... An explicit id (``{#id}`` or an HTML ``id``) always wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openaccess.document import Heading

_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


def github_slug(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().lower()
    return _NOT_SLUG.sub("", text).replace(" ", "-")


def unique_slugs(texts: Iterable[str], slug=github_slug) -> list[str]:
    """Slugs for headings in order, with GitHub's -1, -2 suffixes for repeats."""
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


def heading_ids(headings: Iterable[Heading]) -> list[str]:
    """The id each heading gets: its explicit id, or its unique slug."""
    headings = list(headings)
    slugs = unique_slugs(h.text for h in headings)
    return [h.explicit_id or s for h, s in zip(headings, slugs, strict=True)]
