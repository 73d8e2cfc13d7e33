"""The shortcuts that make publish's rendering faster change nothing it publishes.

* Markdown without raw HTML skips the sanitizer's bounding walk (both passes): the HTML
  markdown-it writes, and what the tree fix-ups make of it, is already within the bounds,
  even at the deepest nesting markdown-it allows. Raw HTML, HTML pages and the render
  cache keep the walk, so a deep page still gets its removal note.
* The body is serialized by one loop instead of BeautifulSoup's formatter: the same text.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from openaccess.config import build_config
from openaccess.page import Page
from openaccess.publish import render, sanitize
from openaccess.publish.build import PageRenderer, Rendered
from openaccess.publish.routes import Route
from openaccess.run.project import open_site

FRONT_MATTER = "---\ntitle: T\ndescription: D\n---\n\n"


class BoundSpy:
    """Records every bounding walk and every HTML the sanitizer gets."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.walked: list[str] = []
        self.sanitized: list[str] = []
        walk, sanitize_html = sanitize._bounded, sanitize._sanitize

        def bounded(html: str) -> tuple[str, int | None]:
            self.walked.append(html)
            return walk(html)

        def sanitized(html: str, allow_iframes: bool, final: bool) -> str:
            self.sanitized.append(html)
            return sanitize_html(html, allow_iframes, final)

        monkeypatch.setattr(sanitize, "_bounded", bounded)
        monkeypatch.setattr(sanitize, "_sanitize", sanitized)
        self.walk = walk


def _render(tmp_path: Path, text: str, suffix: str = ".md") -> Rendered:
    config = build_config({"publish": {"allow_iframes": True}}, root=tmp_path)
    path = tmp_path / f"page{suffix}"
    path.write_text(text, encoding="utf-8")
    site = open_site(tmp_path, config)
    renderer = PageRenderer(config, site, {path: (PurePosixPath(path.name), Route("page/"))})
    return renderer(Page.from_text(path, text))


def _nested_list(levels: int, item: str) -> str:
    return "\n".join("  " * level + f"- {item} {level}" for level in range(levels)) + "\n"


DEEP_MARKDOWN = {
    "lists past the depth guard": _nested_list(60, "item"),
    "block quotes past the depth guard": "> " * 70 + "quoted\n",
    "emphasis past the inline limit": "**a " * 30 + "x" + " a**" * 30 + "\n",
    "links and emphasis mixed": "*a [b **c ~~d `e` d~~ c** b](u) a*\n" * 3,
    "code and tables deep in quotes": ">" * 38 + " ```\n" + ">" * 38 + " <b>&</b>\n"
    + ">" * 38 + " ```\n\n" + ">" * 38 + " | a | b |\n" + ">" * 38 + " |:-|-:|\n"
    + ">" * 38 + " | *1* | [2](x) |\n",
    "a list in quotes in a list": _nested_list(20, "> - x"),
    "escaped markup as text": "&lt;iframe&gt; \\</p> `</p>` \\<div>\n\n    <iframe>\n",
    "many images, line breaks and rules": "![a](i.png) b  \nc\n\n---\n\n" * 600,
    "footnote-like and autolinks": "[^1] <https://example.org/a?b=c&d> ![alt *x*](i.png)\n",
}  # fmt: skip


@pytest.mark.parametrize("text", list(DEEP_MARKDOWN.values()), ids=list(DEEP_MARKDOWN))
def test_markdown_without_raw_html_needs_no_bounding_walk(tmp_path, monkeypatch, text):
    spy = BoundSpy(monkeypatch)
    _render(tmp_path, FRONT_MATTER + text)
    assert spy.walked == []  # both passes skipped the walk...
    assert len(spy.sanitized) == 2
    for html in spy.sanitized:  # ...which would have changed nothing
        assert spy.walk(html) == (html, None)


RAW_HTML = {
    "an HTML block": "<div>\nx\n</div>\n",
    "inline HTML": "a <b>b</b> c\n",
    "a stray end tag": "</p>\n\n# Title\n",
    "an HTML comment": "<!-- note -->\n",
}


@pytest.mark.parametrize("text", list(RAW_HTML.values()), ids=list(RAW_HTML))
def test_raw_html_keeps_both_bounding_walks(tmp_path, monkeypatch, text):
    spy = BoundSpy(monkeypatch)
    _render(tmp_path, FRONT_MATTER + text)
    assert len(spy.walked) == 2


def test_an_html_page_keeps_both_bounding_walks(tmp_path, monkeypatch):
    spy = BoundSpy(monkeypatch)
    _render(tmp_path, "<h1>T</h1><p>x</p>", suffix=".html")
    assert len(spy.walked) == 2


@pytest.mark.parametrize(
    ("text", "suffix", "position"),
    [  # in Markdown the note is at the body's start; in HTML at the first tag dropped
        (FRONT_MATTER + "Text.\n\n<div>\n" + "<div>" * 600 + "deep\n", ".md", (5, 1)),
        ("<p>Text.</p>\n" + "<div>" * 600 + "deep", ".html", (2, 5 * 512 + 1)),
    ],
    ids=["in Markdown", "in an HTML page"],
)
def test_a_page_nested_too_deep_still_gets_the_removal_note(tmp_path, text, suffix, position):
    done = _render(tmp_path, text, suffix)
    deep = [note for note in done.notes if note.message == sanitize.TOO_DEEP]
    assert [(note.line, note.column) for note in deep] == [position]
    assert done.body.html.count("<div>") == sanitize.MAX_DEPTH
    assert "deep" in done.body.html


def test_the_cheap_check_refuses_unbalanced_or_raw_tokens():
    from markdown_it.token import Token

    def token(kind: str, nesting: int, children: list[Token] | None = None) -> Token:
        return Token(kind, "p", nesting, children=children)

    balanced = [token("paragraph_open", 1), token("inline", 0, []), token("paragraph_close", -1)]
    assert render._bounded_by_construction(balanced)
    assert not render._bounded_by_construction(balanced[:2])  # never closed
    assert not render._bounded_by_construction(balanced[2:])  # closes nothing
    assert not render._bounded_by_construction([balanced[0], balanced[2]])  # no inline
    raw = [token("inline", 0, [token("html_inline", 0)])]
    assert not render._bounded_by_construction(raw)
    stray = [token("inline", 0, [token("em_close", -1)])]
    assert not render._bounded_by_construction(stray)
    deep = [token("blockquote_open", 1)] * 300 + [token("blockquote_close", -1)] * 300
    assert not render._bounded_by_construction(deep)


# -- serializing --------------------------------------------------------------------------
SOUPS = [
    '<p title=\'a "b" c\'>x</p><p title="it\'s &quot;x&quot;">y</p>',
    "<p>a &amp; b &lt; c &gt; d &nbsp; é</p>",
    '<br><img src="x" alt=""><hr><p>after</p>',
    '<table><tr><td class="oa-align-left  x">1</td><th scope=col>h</th></tr></table>',
    "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>",
    "<!-- a comment --><![CDATA[x < y]]><?pi x?><!DOCTYPE html>",
    "<script>if (a < b && c) {}</script><style>p > a {}</style>",
    '<details open><summary>s</summary><a href="?a=1&b=2">l</a></details>',
    "text at the top <b>bold <i>both</i></b> tail",
    "",
]


@pytest.mark.parametrize("html", SOUPS)
def test_serialize_writes_what_beautifulsoup_writes(html):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(["p", "td"]):
        wrapper = soup.new_tag("div", attrs={"class": "oa-scroll", "role": "region"})
        element.wrap(wrapper)
    for element in soup.find_all("b"):
        element.name = "strong"
    assert render.serialize(soup) == soup.decode(formatter=render._FORMATTER)
