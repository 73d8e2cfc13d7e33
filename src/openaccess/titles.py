"""Which heading is a page's h1: the ``title_h1`` setting, one answer for check and publish.

Sites differ. Templates of Jekyll sites such as opensource.guide render the front matter
``title`` as the page's ``<h1>`` and the body starts at level 2 (``template``). Microsoft
Learn and many MkDocs sites start the body with its own ``# `` heading (often the title
again, or a variant: "Microsoft.PowerShell.Core Module") and use the title only for the
document's ``<title>`` (``body``). ``auto`` (the default) reads the page: a body that
starts with a ``# `` heading, before any other content, has its own h1; otherwise the
title is the h1. Any other body h1 is a second one (OA202), and ``publish`` moves it down
a level.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openaccess.document import Heading
    from openaccess.page import Page

AUTO, TEMPLATE, BODY = "auto", "template", "body"


def same_title(text: str, title: str) -> bool:
    """Heading text and title are the same words (case and spacing aside)."""
    return " ".join(text.split()).casefold() == " ".join(title.split()).casefold()


def body_h1(page: Page, mode: str) -> Heading | None:
    """The body heading that is the page's h1 under ``mode``, or None when the template's
    title is. ``body``: the first body h1. ``template``: none while the page has a title.
    ``auto``: the first body h1 when nothing comes before it. Without a title, a first h1
    before any content stands in for it in every mode."""
    h1s = [heading for heading in page.document.headings if heading.level == 1]
    if not h1s:
        return None
    first = h1s[0]
    if mode == BODY:
        return first
    if page.title and mode == TEMPLATE:
        return None
    return first if not _content_before(page, first.start) else None


def _content_before(page: Page, offset: int) -> bool:
    """Prose, a heading, a link or an image between the front matter and ``offset``."""
    start = page.body_start
    document = page.document
    return any(start <= block.start < offset for block in document.blocks) or any(
        start <= item.start < offset for item in (*document.headings, *document.links)
    )


def has_subheadings(page: Page) -> bool:
    """Whether the page has a heading below its title: any level 2 or deeper, a body h1
    when the front matter has the title (the theme shows that one as the page's h1), or
    an h1 after the first (Argo CD's sections at level 1: OA202's mistake, not OA205's).
    A page titled by its own ``# `` heading alone has none."""
    return any(
        h.level >= 2 or (h.level == 1 and (page.title or index > 0))
        for index, h in enumerate(page.document.headings)
    )


def needs_subheadings(page: Page, min_words: int) -> int | None:
    """The page's prose words when OA205 reports it: no subheading, ``min_words`` or more
    words, and under half of them in list items (a list is already built for scanning,
    as a table of contents is). None otherwise."""
    if has_subheadings(page):
        return None
    words = page.document.prose_word_count()
    if words < min_words or page.document.list_word_count() * 2 >= words:
        return None
    return words


def opens_with_heading(page: Page, levels: int = 1) -> bool:
    """Whether the body starts with a heading of level ``levels`` or higher, before any
    other content: where a generator takes a page's title from (MkDocs: a level-1
    heading, its first element; jekyll-titles-from-headings: levels 1 to 3)."""
    first = next(iter(page.document.headings), None)
    return first is not None and first.level <= levels and not _content_before(page, first.start)


def mkdocs_file_title(file_name: str) -> str:
    """The title MkDocs 1.6 gives a page with none of its own (``Page.title``): the file
    name without its suffix (README is "index"), ``-`` and ``_`` as spaces, capitalised
    when all lowercase. ``guide/index.md`` is titled "Index"."""
    stem = posixpath.splitext(file_name)[0]
    title = ("index" if stem == "README" else stem).replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
