"""Prose measurement: sentences, paragraphs, sections, syllables, scores (see analysis.py).

Importing this package is cheap; textstat and syntok load on the first measurement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openaccess.text.analysis import PageText, analyse
from openaccess.text.languages import LanguageProfile, PageLanguage, page_language, profile

if TYPE_CHECKING:
    from openaccess.document import Block
    from openaccess.page import Page

__all__ = [
    "LanguageProfile",
    "PageLanguage",
    "PageText",
    "body_blocks",
    "measure",
    "page_language",
    "page_text",
    "profile",
    "prose_start",
]


class Measurements(dict[tuple[str, str], PageText]):
    """A page's measured prose by (language, formula), kept on the page (``Page.derived``)
    so every rule and the report share one measurement, freed with the page's parse."""


def prose_start(page: Page) -> int:
    """Where prose may begin: after the front matter block, even one that did not parse."""
    block = page.front_matter_block
    return block.end if block is not None else 0


def body_blocks(page: Page) -> list[Block]:
    start = prose_start(page)
    return [block for block in page.document.blocks if block.start >= start]


def page_text(page: Page, language: PageLanguage, scoring: LanguageProfile | None) -> PageText:
    """The page's measured prose, computed once per page, language and formula for all
    rules. Without a profile (no validated formula), nothing is measured."""
    formula = scoring.formula if scoring is not None else None
    key = (language.code, formula.name if formula else "")
    by_language = page.derived(Measurements, lambda _page: Measurements())
    result = by_language.get(key)
    if result is None:
        result = analyse(
            page.document, language.code, formula, prose_start(page), page.text, page.title
        )
        by_language[key] = result
    return result


def measure(
    page: Page, default_language: str, languages: dict[str, Any], routed: str | None = None
) -> tuple[PageLanguage, LanguageProfile | None, PageText]:
    """The page's language, how it is scored, and its measured prose, in one call."""
    language = page_language(page, default_language, routed)
    scoring = profile(languages, language)
    return language, scoring, page_text(page, language, scoring)
