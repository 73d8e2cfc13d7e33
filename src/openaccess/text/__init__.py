"""Prose measurement: sentences, paragraphs, sections, syllables, grades (see analysis.py).

Importing this package is cheap; textstat and syntok load on the first measurement.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from openaccess.text.analysis import PageText, analyse
from openaccess.text.engine import textstat_language

if TYPE_CHECKING:
    from openaccess.document import Block
    from openaccess.page import Page

__all__ = ["PageText", "body_blocks", "page_language", "page_text", "prose_start"]

_measured: weakref.WeakKeyDictionary[Page, dict[str, PageText]] = weakref.WeakKeyDictionary()


def page_language(page: Page, default: str) -> str:
    """The page's front matter ``lang``, else the configured language, spelt for textstat."""
    return textstat_language(page.language or default or "en")


def prose_start(page: Page) -> int:
    """Where prose may begin: after the front matter block, even one that did not parse."""
    block = page.front_matter_block
    return block.end if block is not None else 0


def body_blocks(page: Page) -> list[Block]:
    start = prose_start(page)
    return [block for block in page.document.blocks if block.start >= start]


def page_text(page: Page, default_language: str) -> PageText:
    """The page's measured prose, computed once per page and language for all rules."""
    language = page_language(page, default_language)
    by_language = _measured.setdefault(page, {})
    result = by_language.get(language)
    if result is None:
        result = by_language[language] = analyse(page.document, language, prose_start(page))
    return result
