"""What a reader gets from a page: its words in order, and how many headings and list
items it has, as a browser builds them.

Safe fixes and publish's repairs promise to change markup only. Edge cases of Markdown
make that promise hard to keep edit by edit (removing ``<br>`` from ``<br> *`` leaves a
list item; removing a comment that opens an HTML block turns the rest of its line into
Markdown), so :func:`openaccess.fixes.fix_until_stable` compares the reading before and
after, as ruff re-parses the code its fixes produce. The HTML is read with openaccess's
HTML5 tokenizer (:mod:`openaccess.parse.htmltokens`), as a browser tokenizes it, in time
linear in the page: html5lib's tokenizer takes quadratic time on ``<a `` repeated, and
publish repairs every page it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from openaccess.page import Page

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NOT_READ = frozenset({"script", "style", "template"})


class Reading(Struct, frozen=True):
    words: tuple[str, ...]
    headings: int
    list_items: int


def reading(page: Page) -> Reading:
    """The page's reading: its body as HTML (Markdown rendered by markdown-it, as check
    and publish read it), read as a browser tokenizes it. Comments, scripts, styles and
    templates are not read; the text after them is. Every tag and comment ends a run of
    text, as it ends a text node, so removing ``<br>`` from ``Jane<br>Smith`` changes the
    words."""
    import html

    from openaccess.parse.htmltokens import tokenize

    text = _body_html(page)
    words: list[str] = []
    headings = list_items = 0
    hidden: list[str] = []  # open script, style and template elements
    run: list[str] = []  # the text since the last tag
    for token in tokenize(text):
        if token.kind == "text":
            if not hidden:
                run.append(text[token.start : token.end])
            continue
        _add_words(words, html.unescape("".join(run)))
        run.clear()
        if token.kind == "start" and token.name in _NOT_READ:
            hidden.append(token.name)
        elif token.kind == "end" and hidden and hidden[-1] == token.name:
            hidden.pop()
        elif token.kind == "start" and not hidden:
            headings += token.name in _HEADINGS
            list_items += token.name == "li"
    _add_words(words, html.unescape("".join(run)))
    return Reading(tuple(words), headings, list_items)


def _add_words(words: list[str], text: str | None) -> None:
    """Add the words of ``text``; an address shown as text (an autolink) is read without
    its scheme, since upgrading ``http:`` to ``https:`` (OA321) changes no word."""
    for word in (text or "").split():
        words.append(word.removeprefix("https:").removeprefix("http:"))


def keeps_reading(page: Page, read: Callable[[str], Page] | None = None) -> Callable[[str], bool]:
    """A test for fixed texts of ``page``: whether each reads as the page does now (the
    page's own reading is made at the first call, so a page with no fix pays nothing).
    ``read`` makes the page of a fixed text; a caller that checks that text next can
    pass one that keeps it, so the text is parsed once for both."""
    before: list[Reading] = []
    read = read or page.again

    def keeps(text: str) -> bool:
        if not before:
            before.append(reading(page))
        return reading(read(text)) == before[0]

    return keeps


def _body_html(page: Page) -> str:
    if page.kind == "html":
        return page.body
    from openaccess.parse.markdown import markdown_parser

    parser = markdown_parser()
    return parser.renderer.render(page.tokens, parser.options, {})
