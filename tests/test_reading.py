"""A page's reading (words in order, headings, list items) as a browser builds it: what
safe fixes must keep (openaccess.parse.reading)."""

from __future__ import annotations

from pathlib import Path

import pytest

from openaccess.page import Page
from openaccess.parse.reading import Reading, keeps_reading, reading


def _read(text: str, name: str = "page.md") -> Reading:
    return reading(Page.from_text(Path(name), text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Rings\n\nGold *and* silver.\n", Reading(("Rings", "Gold", "and", "silver."), 1, 0)),
        ("- one\n- two\n", Reading(("one", "two"), 0, 2)),
        # <br> hides a list marker; alone, "*" is an (empty) list item
        ("<br> *\n", Reading(("*",), 0, 0)),
        ("*\n", Reading((), 0, 1)),
        # a comment opens an HTML block: the rest of its line is shown as typed
        ("<!-- note --> [care](care.md)\n", Reading(("[care](care.md)",), 0, 0)),
        # scripts, styles and comments are not read; what follows them is
        ("Text <script>x()</script> tail <!-- c --> end\n", Reading(("Text", "tail", "end"), 0, 0)),
        # an address shown as text is read without its scheme (OA321 upgrades http:)
        ("<http://example.org/a>\n", Reading(("//example.org/a",), 0, 0)),
    ],
)
def test_the_reading_of_markdown(text, expected):
    assert _read(text) == expected


def test_the_reading_of_an_html_page():
    html = "<html><body><h2>Care</h2><ul><li>Polish</li></ul><p>Dry.<br>Store.</p></body></html>"
    assert _read(html, "page.html") == Reading(("Care", "Polish", "Dry.", "Store."), 1, 1)


def test_deep_nesting_is_read_without_recursion():
    depth = 20_000
    assert _read("<div>" * depth + "deep" + "</div>" * depth, "page.html").words == ("deep",)


def test_keeps_reading_compares_with_the_page_as_it_was():
    page = Page.from_text(Path("page.md"), "<br> Rings\n")
    keeps = keeps_reading(page)
    assert keeps("Rings\n")
    assert not keeps("Rings and chains\n")
    assert not keeps("# Rings\n")
