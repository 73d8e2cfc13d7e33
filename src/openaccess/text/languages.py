"""A page's language, and the readability formula and target that go with it.

One function, :func:`page_language`, decides a page's language for every command:
front matter ``lang`` (or ``language``), an HTML page's ``<html lang>``, the language the
site's router gives the page (a Hugo or Jekyll language folder or file suffix: the router
passes it as ``routed``), the language its words are plainly in when that is not the
site's (see :mod:`openaccess.text.detect`), else the ``language`` config key.

Which formula scores a language, and its target, is data (``rules/languages.toml``): a
language that is not listed there has no validated formula, so it gets no grade at all
(never an English grade on Chinese, Japanese, Hindi...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from openaccess.text.detect import SAMPLE, detected_language
from openaccess.text.engine import textstat_language
from openaccess.text.formulas import FORMULAS, SYLLABLES, Formula

if TYPE_CHECKING:
    from openaccess.page import Page

FRONT_MATTER, HTML_LANG, ROUTER, CONFIG, WORDS = (
    "front matter",
    "<html lang>",
    "site",
    "config",
    "the page's words",
)


class PageLanguage(Struct, frozen=True):
    """The language a page is measured in, and where that was read."""

    code: str  # as textstat and Pyphen spell it: "en_GB"
    written: str  # as the writer wrote it: "en-GB"
    source: str  # where it came from: FRONT_MATTER, HTML_LANG, ROUTER, WORDS or CONFIG
    key: str | None = None  # the front matter key that gave it
    offset: int = 0  # the <html> tag that gave it, else where the body starts

    @property
    def root(self) -> str:
        """The part before ``_``: the key of ``rules/languages.toml`` and plain-words."""
        return self.code.split("_")[0]

    @property
    def described(self) -> str:
        """``'zh-CN' (front matter lang)``: the language and where it came from."""
        if self.source == FRONT_MATTER:
            where = f"front matter {self.key or 'lang'}"
        else:
            where = {CONFIG: "config language", ROUTER: "the site's generator"}.get(
                self.source, self.source
            )
        return f"'{self.written}' ({where})"


def page_language(page: Page, default: str, routed: str | None = None) -> PageLanguage:
    """The page's language: front matter ``lang``/``language``, ``<html lang>`` of an
    HTML page, ``routed`` (the site's router: a language folder or file suffix), the
    language its words are plainly in when not ``default``, else ``default`` (config
    ``language``)."""
    if page.language:
        code = textstat_language(page.language)
        return PageLanguage(code, page.language, FRONT_MATTER, page.language_key)
    if page.kind == "html":
        document = page.document
        if document.language:
            code = textstat_language(document.language)
            return PageLanguage(code, document.language, HTML_LANG, offset=document.language_offset)
    if routed and routed.strip():
        code = textstat_language(routed)
        return PageLanguage(code, routed.strip(), ROUTER, offset=page.body_start)
    written = default or "en"
    code = textstat_language(written)
    detected = detected_language(page.text[page.body_start : page.body_start + SAMPLE])
    if detected is not None and detected != code.split("_")[0]:
        return PageLanguage(textstat_language(detected), detected, WORDS, offset=page.body_start)
    return PageLanguage(code, written, CONFIG, offset=page.body_start)


class LanguageProfile(Struct, frozen=True):
    """How a language is scored: its formula and target (from ``rules/languages.toml``)."""

    root: str
    name: str
    formula: Formula
    target: float | None  # None: the [page-grade] target option (Flesch-Kincaid)


def profile(languages: dict[str, Any], language: PageLanguage) -> LanguageProfile | None:
    """The language's formula and target, or None when it has no validated formula (or
    textstat cannot count its syllables: no Pyphen dictionary)."""
    entry = languages.get(language.root)
    if not isinstance(entry, dict):
        return None
    formula = FORMULAS[entry["formula"]]
    if SYLLABLES in formula.needs and not _syllables_countable(language.code):
        return None
    return LanguageProfile(
        language.root, entry.get("name", language.root), formula, entry.get("target")
    )


def _syllables_countable(code: str) -> bool:
    from openaccess.text import engine

    return engine.supports(code)
