"""Raw HTML as MkDocs reads it: openaccess against Python-Markdown itself.

Python-Markdown keeps a block-level tag that opens a line raw up to its end tag, blank
lines included; CommonMark ends the HTML block at the first blank line and reads the rest
as Markdown. On mkdocs-literate-nav's README (tables of links in ``<td>`` cells) that gave
25 false errors. Each case here is rendered by Python-Markdown (installed with MkDocs for
the tests), and openaccess must read as Markdown links exactly the links it renders from
Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from openaccess.page import Page

CASES = {
    "a blank line inside a div": "<div>\n\n[a](a.md)\n\n</div>\n\n[b](b.md)\n",
    "a div after a paragraph line": "Text.\n<div>\n\n[a](a.md)\n\n</div>\n",
    "a div three spaces in": "   <div>\n\n[a](a.md)\n\n</div>\n",
    "a div indented into a list item": "- item\n\n    <div>\n\n    [a](a.md)\n\n    </div>\n",
    "a div and its lines indented into a list item": (
        '- item\n\n    <div class="x">\n    [a](a.md)\n    </div>\n\n[b](b.md)\n'
    ),
    "a figure indented into a numbered item": (
        "2. item\n\n     <figure>\n         [a](a.md)\n     </figure>\n"
    ),
    "an indented div on a paragraph's next line": "Text.\n    <div>\n    [a](a.md)\n    </div>\n",
    "a tab-indented div is at the line start": "- item\n\n\t<div>\n\t[a](a.md)\n\t</div>\n",
    "an unclosed fence is text": "Text.\n\n```\ncode\n[a](a.md)\n\n[b](b.md)\n",
    "a fence closed by a longer one": "```\n[a](a.md)\n````\n\n[b](b.md)\n",
    "a definition right after a raw block's end tag": (
        "Use [T].\n\n<div markdown>\n\n:smile:\n\n</div>\n  [T]: https://example.org/t\n"
    ),
    "a paragraph right after a raw block's end tag": "<div>\nx\n</div>\n[a](a.md)\n",
    "lone CR line ends, a div indented into a list item": (
        "- item\r\r    <div>\r    [a](a.md)\r    </div>\r"
    ),
    "a form feed in a line before a one-line div": "a\x0cb\n<div>x</div>\n[a](a.md)\n",
    "a div inside an HTML comment": "<!--\n<div>\n</div>\n[a](a.md)\n-->\n\n[b](b.md)\n",
    "nested divs": "<div><div>\n\n[a](a.md)\n\n</div>\n\n[b](b.md)\n\n</div>\n\n[c](c.md)\n",
    "a paragraph tag": "<p align=center>\n\n[a](a.md)\n\n</p>\n\n[b](b.md)\n",
    "an inline tag starts a paragraph": "<span>\n\n[a](a.md)\n\n</span>\n",
    "details and summary": "<details>\n<summary>S</summary>\n\n[a](a.md)\n\n</details>\n",
    "a table of cells": "<table><tr><td>\n\n* [a](a.md)\n\n</td></tr></table>\n\n[b](b.md)\n",
    "a code fence inside a div": "<div>\n```\n</div>\n```\n\n[a](a.md)\n</div>\n\n[b](b.md)\n",
    "md_in_html: a div": '<div markdown="1">\n\n[a](a.md)\n\n</div>\n\n[b](b.md)\n',
    "md_in_html: a bare attribute": "<div markdown>\n\n[a](a.md)\n\n</div>\n",
    "md_in_html: a raw div inside": (
        '<div markdown="1">\n\n[a](a.md)\n\n<div>\n\n[b](b.md)\n\n</div>\n\n[c](c.md)\n\n</div>\n'
    ),
    "md_in_html: a row without the attribute": (
        '<table markdown="1"><tr>\n<td markdown="1">\n\n[a](a.md)\n\n</td></tr></table>\n'
    ),
}
# With md_in_html only.
MD_IN_HTML_CASES = {
    "md_in_html: a span body indented four spaces": (
        '<div markdown="span">\n    [a](a.md)\n</div>\n\n[b](b.md)\n'
    ),
    "md_in_html: markdown=1 on a p is a span body": '<p markdown="1">\n    [a](a.md)\n</p>\n',
    "md_in_html: markdown on a summary is a span body": (
        "<details markdown>\n<summary markdown>\n    [a](a.md)\n</summary>\n\n[b](b.md)\n"
        "</details>\n"
    ),
    "md_in_html: Markdown on the tag's own line": "<div markdown>[a](a.md)</div>\n\n[b](b.md)\n",
    "md_in_html: a summary's Markdown on its line": (
        "<details markdown>\n<summary markdown>S [a](a.md)</summary>\n[b](b.md)\n</details>\n"
    ),
    "md_in_html: a figure's span with a caption": (
        '<figure markdown="span">\n    [a](a.md)\n    <figcaption>C [b](b.md)</figcaption>\n'
        "</figure>\n"
    ),
    "md_in_html: a div indented into an admonition": (
        '!!! note "N"\n\n    <div class="x">\n    [a](a.md)\n    </div>\n\n[b](b.md)\n'
    ),
    "md_in_html: a figure indented into a list item": (
        "- item\n\n    <figure markdown>\n    [a](a.md)\n    </figure>\n"
    ),
}


def python_markdown_links(text: str, md_in_html: bool) -> list[str]:
    """The addresses Python-Markdown renders from Markdown links (those not written as
    ``href`` in the source)."""
    extensions = ["fenced_code", "tables"] + (["md_in_html", "admonition"] if md_in_html else [])
    rendered = markdown.markdown(text, extensions=extensions)
    written = set(re.findall(r'href="([^"]*)"', text))
    return sorted(set(re.findall(r'href="([^"]*)"', rendered)) - written)


def openaccess_links(text: str, dialect: str) -> list[str]:
    page = Page.from_text(Path("page.md"), text)
    page.dialect = dialect
    return sorted({link.href for link in page.document.links if link.source == "markdown"})


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize(("dialect", "md_in_html"), [("mkdocs", True), ("python-markdown", False)])
def test_markdown_links_are_those_python_markdown_renders(case, dialect, md_in_html):
    text = CASES[case]
    assert openaccess_links(text, dialect) == python_markdown_links(text, md_in_html)


@pytest.mark.parametrize("case", sorted(MD_IN_HTML_CASES))
def test_markdown_links_after_an_md_in_html_block_are_those_python_markdown_renders(case):
    text = MD_IN_HTML_CASES[case]
    assert openaccess_links(text, "mkdocs") == python_markdown_links(text, md_in_html=True)


@pytest.mark.parametrize("dialect", ["mkdocs", "python-markdown"])
def test_a_fence_inside_raw_html_is_code_as_python_markdown_reads_it(dialect):
    """Typer and FastAPI wrap console sessions in ``<div class="termy">``: Python-Markdown
    sets the fence aside before it reads the raw HTML, so it renders code, not a link or
    words of the page (a comment in it was judged a passive, a traceback a sentence)."""
    text = (
        '<div class="termy">\n\n```console\n$ run <a href="x.md">x</a>\n'
        "// Notice the first message is not created by the command\n```\n\n</div>\n"
    )
    rendered = markdown.markdown(text, extensions=["fenced_code"])
    assert 'href="x.md"' not in rendered and "&lt;a href" in rendered
    page = Page.from_text(Path("page.md"), text)
    page.dialect = dialect
    assert page.document.links == []
    assert not any("Notice" in block.text for block in page.document.blocks)
