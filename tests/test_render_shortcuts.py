"""The shortcuts that make publish's rendering faster change nothing it publishes.

* Markdown without raw HTML skips the sanitizer's bounding walk (both passes): the HTML
  markdown-it writes, and what the tree fix-ups make of it, is already within the bounds,
  even at the deepest nesting markdown-it allows. Raw HTML, HTML pages and the render
  cache keep the first walk, so a deep page still gets its removal note.
* The last pass skips the walk too when the body, as serialized, nests every element as
  its tree does, within the depth bound: the walk would change nothing there.
* The body is serialized by one loop instead of BeautifulSoup's formatter: the same text.
* Plain Markdown (no raw HTML, nothing the token path does not know) gets its fix-ups on
  markdown-it's tokens and is rendered once (publish/tokens.py): the same body, title and
  contents as the tree path, compared here on made-up and real pages.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _render(
    tmp_path: Path, text: str, suffix: str = ".md", settings: dict | None = None
) -> Rendered:
    table = {"publish": {"allow_iframes": True}, **(settings or {})}
    config = build_config(table, root=tmp_path)
    path = tmp_path / f"page{suffix}"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "other.md").write_text(FRONT_MATTER + "## Part two\n", encoding="utf-8")
    site = open_site(tmp_path, config)
    routes = {
        path: (PurePosixPath(path.name), Route("page/")),
        tmp_path / "other.md": (PurePosixPath("other.md"), Route("other/")),
    }
    return PageRenderer(config, site, routes)(Page.from_text(path, text))


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
    "comment blocks, which the sanitizer strips": "<!-- note -->\n\n> " * 40 + "<!-- x -->\n",
    "keys deep in quotes and emphasis": "> " * 40 + "**<kbd>*a*</kbd>** <sup>b</sup>\n",
}  # fmt: skip


@pytest.mark.parametrize("text", list(DEEP_MARKDOWN.values()), ids=list(DEEP_MARKDOWN))
def test_markdown_without_raw_html_needs_no_bounding_walk(tmp_path, monkeypatch, text):
    spy = BoundSpy(monkeypatch)
    _render(tmp_path, FRONT_MATTER + text)
    assert spy.walked == []  # every pass skipped the walk...
    assert spy.sanitized
    for html in spy.sanitized:  # ...which would have changed nothing
        assert spy.walk(html) == (html, None)


RAW_HTML = {
    "an HTML block": "<div>\nx\n</div>\n",
    "inline HTML": "a <b>b</b> c\n",
    "a stray end tag": "</p>\n\n# Title\n",
    "an HTML comment with text after it": "<!-- note --> text\n",
    "an inline HTML comment": "a <!-- note --> b\n",
}


def _walked_first_and_skipped_safely(spy: BoundSpy) -> None:
    """The writer's HTML was walked; a last pass that skipped the walk lost nothing."""
    assert spy.walked
    for html in spy.sanitized:
        if html not in spy.walked:
            assert spy.walk(html) == (html, None)


@pytest.mark.parametrize("text", list(RAW_HTML.values()), ids=list(RAW_HTML))
def test_raw_html_keeps_the_first_bounding_walk(tmp_path, monkeypatch, text):
    spy = BoundSpy(monkeypatch)
    _render(tmp_path, FRONT_MATTER + text)
    assert len(spy.walked) == 1  # the serialized body nests as written: no second walk
    _walked_first_and_skipped_safely(spy)


def test_an_html_page_keeps_the_first_bounding_walk(tmp_path, monkeypatch):
    spy = BoundSpy(monkeypatch)
    _render(tmp_path, "<h1>T</h1><p>x</p>", suffix=".html")
    assert len(spy.walked) == 1
    _walked_first_and_skipped_safely(spy)


def test_an_iframe_keeps_both_bounding_walks(tmp_path, monkeypatch):
    spy = BoundSpy(monkeypatch)
    _render(tmp_path, FRONT_MATTER + '<iframe src="https://example.org/v"></iframe>\n')
    assert len(spy.walked) == 2  # a raw-text element: the walk empties it


@pytest.mark.parametrize(
    ("text", "suffix", "position"),
    [  # the note is at the first tag dropped: the 512th <div> inside the first one
        (FRONT_MATTER + "Text.\n\n<div>\n" + "<div>" * 600 + "deep\n", ".md", (9, 5 * 511 + 1)),
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


@pytest.mark.parametrize(
    ("text", "position"),
    [  # "> " and markdown-it's own <blockquote> and <p> count: the 511th tag is dropped
        ("> <div>\n> " + "<div>" * 600 + "deep\n", (7, 2 + 5 * 510 + 1)),
        ("Text <b>x</b>\n\n<div>\n\n" + "a <i>" * 600 + "\n", (10, 5 * 510 + 3)),
        ("<div>\n\n" + "<span>" * 520 + "\n\nAfter.\n\n" + "<b>" * 10 + "\n", (8, 6 * 510 + 1)),
    ],
    ids=["in a block quote", "in inline HTML", "with raw HTML after the cut"],
)
def test_the_note_points_at_the_tag_the_writer_typed(tmp_path, text, position):
    done = _render(tmp_path, FRONT_MATTER + text)
    deep = [note for note in done.notes if note.message == sanitize.TOO_DEEP]
    assert [(note.line, note.column) for note in deep] == [position]


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
    assert render.serialize(soup)[0] == soup.decode(formatter=render._FORMATTER)


NESTING = {
    "nested as a tree": (
        "<div><p>a <b>b</b></p><ul><li>x<ol><li>y</li></ol></li></ul></div>",
        True,
    ),
    "a table": ("<table><tbody><tr><td>1</td><th>2</th></tr></tbody></table>", True),
    "void elements": ('<p>a<br>b<img alt="" src="x"></p><hr>', True),
    "a div inside a paragraph": ("<p><div>x</div></p>", False),  # <div> would close the <p>
    "a list item inside a paragraph": ("<ul><li><p>a<li>b</li></p></li></ul>", False),
    "a rule inside a paragraph": ("<p>a<hr>b</p>", False),  # <hr> closes the <p> too
    "an iframe": ('<iframe src="x"></iframe>', False),  # raw text: the walk empties it
    "as deep as the bound": ("<div>" * sanitize.MAX_DEPTH + "x", True),
    "too deep": ("<div>" * (sanitize.MAX_DEPTH + 1) + "x", False),
}


@pytest.mark.parametrize(("html", "as_written"), NESTING.values(), ids=list(NESTING))
def test_serialize_says_when_the_bounding_walk_would_change_nothing(html, as_written):
    written, flag = render.serialize(BeautifulSoup(html, "html.parser"))
    assert flag is as_written
    if flag:
        assert sanitize._bounded(written) == (written, None)


_TAGS = ["p", "div", "span", "b", "ul", "li", "dl", "dt", "dd", "table", "tr", "td", "h2",
         "pre", "blockquote", "br", "img", "hr", "option", "iframe", "textarea"]  # fmt: skip
_MARKUP = st.recursive(
    st.sampled_from(["", "text", "a &amp; b", "1 &lt; 2", "<br>", "<hr>", '<img alt="">']),
    lambda inner: st.builds(
        lambda tag, parts: f"<{tag}>{''.join(parts)}</{tag}>",
        st.sampled_from(_TAGS),
        st.lists(inner, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKUP, max_size=4))
def test_whatever_the_tree_a_body_nested_as_written_is_left_alone_by_the_walk(parts):
    written, as_written = render.serialize(BeautifulSoup("".join(parts), "html.parser"))
    if as_written:
        assert sanitize._bounded(written) == (written, None)


def test_text_that_does_not_nest_as_written_is_changed_by_the_walk():
    """Why the flag matters: html.parser keeps a <div> inside a <p>, which an HTML
    parser (and the walk's model) closes, so the walk cuts the stray </p>."""
    written, flag = render.serialize(BeautifulSoup("<p><div>x</div></p>", "html.parser"))
    assert not flag
    assert sanitize._bounded(written)[0] == "<p><div>x</div>"


# -- plain Markdown rendered from its tokens ------------------------------------------------
PLAIN_MARKDOWN = {
    "headings, ids and duplicates": "## A b\n\n## A b\n\n### `code` *em* c\n\n## oa-main\n\n##\n",
    "a first h1 is the page's h1": "# Title *x*\n\n## Part\n\ntext\n",
    "a second h1 moves headings down": "# One\n\n## Two\n\n# Three\n\n###### Six\n",
    "an h1 that does not start the body": "text\n\n# Late\n\n## Part\n",
    "setext headings": "Title\n=====\n\nPart\n----\n",
    "tables, aligned, in a tight list": "- a\n- b\n  | h | i |\n  |:-|-:|\n  | 1 | 2 |\n\n"
    "| x |\n|:-:|\n| *y* |\n",
    "code blocks": "```python\nif a < b & c:\n```\n\n    indented <b>\n\n```\n   \n```\n",
    "white space between inline elements": "*a*    **b**   `c`\n*d*\n\n`   ` x\n",
    "links and images": "[o](other.md) [p](other.md#part-two) [e](https://e.org/?a=1&b=2 \"T & c\")"
    " <https://auto.org> [m](mailto:a@b.org) [t](#top) [s](<a b.md>) []()x\n\n"
    "![alt *x*](pic.png \"t\") ![](pic.png)\n",
    "breaks, rules, quotes and lists": "a  \nb\\\nc\n\n---\n\n> q\n>\n> r\n\n3. x\n4. y\n\n"
    "* [ ] z\n",
    "entities and other scripts": "a&nbsp;b &amp; &lt;x&gt; &copy; naïve 日本語 Über\n",
    "links the sanitizer disarms": "[type](xref:System.String) and [b](javascript:alert(1))"
    " then *[o](other.md)* [t](http://[x \"T\") <xref:x>\n\n## Using [*type*](xref:T) here\n",
    "keys, raised and lowered text": "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup>"
    " H<sub>2</sub>O, **<kbd>*a*</kbd>** [<kbd>Esc</kbd>](other.md)\n\n## The <kbd>F1</kbd>"
    " key\n\n| <kbd>k</kbd> |\n|-|\n| <sup>s</sup> |\n",
    "comment blocks": "<!-- markdownlint-disable MD033 -->\n# T\n\ntext\n\n<!-- a\nlong\n"
    "comment -->\n\n- a\n  <!-- in a list -->\n- b\n\n  <!-- c -->  \n\n> <!-- q -->\n> x\n\n"
    "1. <!-- x -->\n\n<!-- last -->",
}  # fmt: skip


def _both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, settings: dict | None = None
) -> tuple[Rendered, Rendered, bool]:
    """The page rendered by the token path (when it takes the page) and by the tree path,
    and whether the token path took it."""
    plain_bodies = []
    token_path = render.render_plain

    def recorded(*args, **kwargs):
        plain_bodies.append(token_path(*args, **kwargs))
        return plain_bodies[-1]

    monkeypatch.setattr(render, "render_plain", recorded)
    fast = _render(tmp_path, text, settings=settings)
    monkeypatch.setattr(render, "render_plain", lambda *args, **kwargs: None)
    tree = _render(tmp_path, text, settings=settings)
    monkeypatch.setattr(render, "render_plain", token_path)
    return fast, tree, any(body is not None for body in plain_bodies)


def _same(fast: Rendered, tree: Rendered) -> None:
    assert fast.body.html == tree.body.html
    assert (fast.body.first_h1, fast.body.contents) == (tree.body.first_h1, tree.body.contents)
    assert fast.body.removals == tree.body.removals


@pytest.mark.parametrize("title_h1", ["auto", "template", "body"])
@pytest.mark.parametrize("text", list(PLAIN_MARKDOWN.values()), ids=list(PLAIN_MARKDOWN))
def test_plain_markdown_renders_from_its_tokens_as_the_tree_path_does(
    tmp_path, monkeypatch, text, title_h1
):
    fast, tree, took = _both_ways(
        tmp_path, monkeypatch, FRONT_MATTER + text, {"title_h1": title_h1}
    )
    assert took
    _same(fast, tree)


def test_the_token_path_writes_the_fix_ups(tmp_path):
    text = FRONT_MATTER + "# Page\n\n## A\n\n## A\n\n| h |\n|-|\n| [o](other.md#part-two) |\n"
    html = _render(tmp_path, text + "\n```sh\nx\n```\n").body.html
    assert '<h2 id="a">A</h2>\n<h2 id="a-1">A</h2>' in html
    assert '<div aria-label="Table 1" class="oa-scroll" role="region" tabindex="0"><table>' in html
    assert '<th scope="col">h</th>' in html
    assert '<a href="../other/#part-two">o</a>' in html
    assert "<pre><code>x\n</code></pre></div>" in html
    assert "<h1" not in html


NOT_FOR_THE_TOKEN_PATH = {
    "a heading with an attribute list": "## Part {#part}\n",
    "an image address the sanitizer drops": "![dot](data:image/png;base64,AAAA)\n",
    "an image with no address": "![alone]()\n",
    "an empty paragraph": "[](other.md)\n",
    "raw HTML": "a <b>b</b>\n",
    "a comment with text after it": "<!-- c --> text\n",
    "a comment closed early": "<!--> text -->\n",
    "two comments": "<!-- a --><!-- b -->\n",
    "a key tag misnested with emphasis": "*a <kbd>b* c</kbd>\n",
    "a key tag never closed": "<kbd>Ctrl + C\n",
    "a key tag with an attribute": '<kbd class="k">C</kbd>\n',
    "a key tag closed by another": "<kbd>C</sup>\n",
}


def test_a_headings_attribute_list_of_classes_is_taken_out_of_its_text(tmp_path):
    """``## Part {.special}`` sets no id: publish reads the list as it reads ``{#id}``,
    so the heading shows "Part" and its id, which check agrees with, is ``part``."""
    rendered = _render(tmp_path, FRONT_MATTER + "## Part {.special}\n\n## Two {#second .x}\n")
    assert '<h2 id="part">Part</h2>' in rendered.body.html
    assert '<h2 id="second">Two</h2>' in rendered.body.html


@pytest.mark.parametrize(
    "text", list(NOT_FOR_THE_TOKEN_PATH.values()), ids=list(NOT_FOR_THE_TOKEN_PATH)
)
def test_what_the_token_path_does_not_handle_takes_the_tree_path(tmp_path, monkeypatch, text):
    fast, tree, took = _both_ways(tmp_path, monkeypatch, FRONT_MATTER + "Text.\n\n" + text)
    assert not took
    _same(fast, tree)


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_real_pages_render_the_same_both_ways(tmp_path, monkeypatch):
    """Every 8th Markdown page of the corpus (130 pages), each rendered both ways."""
    pages = sorted(CORPUS.rglob("*.md"))[::8]
    took = 0
    for number, path in enumerate(pages):
        folder = tmp_path / str(number)
        folder.mkdir()
        text = path.read_text(encoding="utf-8", errors="replace")
        fast, tree, plain = _both_ways(folder, monkeypatch, text)
        assert fast.body == tree.body, path
        took += plain
    assert took > len(pages) / 2  # the token path takes most pages
