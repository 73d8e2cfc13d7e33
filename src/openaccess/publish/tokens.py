"""Plain Markdown to its published body in one render, with no HTML tree.

:mod:`render` publishes every page the same way: nh3, a BeautifulSoup tree, the fix-ups,
serialization, nh3 again. For Markdown whose tokens hold only what CommonMark and its
tables make (no raw HTML but comment blocks and ``<kbd>``, ``<sub>`` and ``<sup>``; no
plugin tokens), the same fix-ups can be made on markdown-it's tokens: heading ids and
levels, the page's h1, scroll regions around tables and code, ``scope`` on header cells,
links and images pointing at published URLs, links the sanitizer disarms unwrapped. The
body is then rendered once, with attributes in the order the tree path writes them, and
passes the same last sanitizer pass (:func:`sanitize.finish`), so both paths give the
same bytes (tests compare them on real pages). Parsing the HTML again was a fifth of a
cold publish.

Whatever this module does not handle returns None, and the page takes the tree path: a
token type or attribute it does not know, an image address the sanitizer would drop, an
image with no address, a heading whose text ends in an attribute list, an empty paragraph.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from msgspec import Struct

from openaccess.publish import sanitize
from openaccess.publish.routes import LinkMap, Route, relative_url
from openaccess.routing.ids import GENERATOR_SYNTAX, ids_for

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

    from openaccess.page import Page

# Block tokens, and the attributes each may carry, that this path renders.
_BLOCK_ATTRIBUTES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "paragraph_open", "paragraph_close", "heading_open", "heading_close",
            "bullet_list_open", "bullet_list_close", "ordered_list_close", "list_item_open",
            "list_item_close", "blockquote_open", "blockquote_close", "hr", "fence",
            "code_block", "table_open", "table_close", "thead_open", "thead_close",
            "tbody_open", "tbody_close", "tr_open", "tr_close", "th_close", "td_close",
            "inline",
        ),
        frozenset(),
    ),
    "ordered_list_open": frozenset({"start"}),
    "th_open": frozenset({"class"}),
    "td_open": frozenset({"class"}),
    **dict.fromkeys(("alert_open", "alert_title_open"), frozenset({"class"})),
    **dict.fromkeys(("alert_close", "alert_title_close"), frozenset()),
}  # fmt: skip
_INLINE_ATTRIBUTES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "text", "softbreak", "hardbreak", "code_inline", "em_open", "em_close",
            "strong_open", "strong_close", "s_open", "s_close", "link_close",
        ),
        frozenset(),
    ),
    "link_open": frozenset({"href", "title"}),
    "image": frozenset({"src", "alt", "title"}),
    "html_inline": frozenset(),  # the plain tags alone: see nests_plainly
}  # fmt: skip
_SCROLL_REGION = '<div aria-label="{label}" class="oa-scroll" role="region" tabindex="0">'
# Text between two tags that is only ASCII white space, outside code blocks (the renderer
# escapes every "<" and ">" in text, so each ">" ends a tag).
_BLANK_TEXT = re.compile(r"<pre>.*?</pre>|>([\t\n\f\r ]+)<", re.DOTALL)
# An HTML block that is one comment and the blanks around it (``<!-- markdownlint-disable
# -->``): the sanitizer strips the comment and keeps the blanks. None of HTML's closings
# of a comment other than ``-->`` (``<!-->``, ``--!>``) is in one.
_COMMENT_BLOCK = re.compile(r"([ \t]*)<!--(?!-?>)(?:(?!--!?>).)*-->([ \t]*\n?)", re.DOTALL)
# Inline HTML this path renders as written: keys and raised or lowered text, with no
# attribute (``<kbd>Ctrl</kbd>``), nested in order with markdown's own elements.
_PLAIN_TAG = re.compile(r"<(/?)(kbd|sub|sup)>")
# Ids the templates and tree fix-ups use; a writer's id equal to one is renamed.
TEMPLATE_ID = re.compile(r"oa-(?:main|contents|all-pages|table-\d+)")


class PlainBody(Struct):
    html: str  # before the last sanitizer pass
    first_h1: str | None
    contents: list[tuple[str, str]]  # (id, text) of each h2


def render_plain(
    page: Page,
    tokens: Sequence[Token],
    source: PurePosixPath,
    route: Route,
    links: LinkMap,
    title_h1: str,
) -> PlainBody | None:
    """The body of a Markdown page made only of plain tokens, or None (see the module)."""
    if not _plain(tokens):
        return None
    headings = [index for index, token in enumerate(tokens) if token.type == "heading_open"]
    texts = [_text_nodes(tokens[index + 1].children or []) for index in headings]
    outline = page.document.headings
    if len(outline) != len(headings) or any(_ends_in_attributes(nodes) for nodes in texts):
        return None
    levels = [int(tokens[index].tag[1]) for index in headings]
    first_h1, removed, levels = _page_h1(tokens, headings, levels, texts, page, title_h1)
    given = [i or "" for i in ids_for(outline, "github", syntax=_PUBLISH_SYNTAX)]
    kept = [number for number, index in enumerate(headings) if index not in removed]
    ids = dict(zip(kept, unique_ids([given[number] for number in kept]), strict=True))
    copies: dict[int, Token] = {}
    for number in kept:
        _retag(tokens, headings[number], copies, f"h{levels[number]}", {"id": ids[number]})
    if not _rewrite_addresses(tokens, copies, source, route, links):
        return None
    _header_cells(tokens, copies)
    _without_comments(tokens, copies)
    body = [copies.get(index, token) for index, token in enumerate(tokens) if index not in removed]
    contents = [
        (ids[number], " ".join(text.strip() for text in texts[number] if text.strip()))
        for number in kept
        if levels[number] == 2
    ]
    html_text = _renderer().render(body, _options(), {"tables": 0, "code blocks": 0})
    return PlainBody(_BLANK_TEXT.sub(_one_blank, html_text), first_h1, contents)


_PUBLISH_SYNTAX = GENERATOR_SYNTAX["publish"]


def unique_ids(ids: list[str]) -> list[str]:
    """No id twice, and none that could clash with the template's ``oa-`` ids: the
    second ``a`` becomes ``a-1``, ``oa-main`` becomes ``x-oa-main``."""
    seen: set[str] = set()
    last_suffix: dict[str, int] = {}  # a thousand equal ids cost a thousand steps, not a million
    unique = []
    for given in ids:
        base = given.strip() or "id"
        if TEMPLATE_ID.fullmatch(base):
            base = "x-" + base
        candidate, count = base, last_suffix.get(base, 0)
        while candidate in seen:
            count += 1
            candidate = f"{base}-{count}"
        last_suffix[base] = count
        seen.add(candidate)
        unique.append(candidate)
    return unique


def _one_blank(match: re.Match[str]) -> str:
    """BeautifulSoup's rule for white-space-only text outside ``<pre>``, which the tree
    path applies: a line end if it holds one, else one space."""
    blank = match.group(1)
    if blank is None:
        return match.group()
    return ">\n<" if "\n" in blank else "> <"


# -- what this path takes -----------------------------------------------------------------
def _plain(tokens: Sequence[Token]) -> bool:
    """Every token, child and attribute is one this module renders, and no paragraph is
    empty (the tree path drops those)."""
    for index, token in enumerate(tokens):
        if is_comment_block(token):
            continue
        allowed = _BLOCK_ATTRIBUTES.get(token.type)
        if allowed is None or not allowed.issuperset(token.attrs):
            return False
        if token.type == "paragraph_open" and not token.hidden and _empty(tokens[index + 1]):
            return False
        children = token.children or ()
        if any(child.type == "html_inline" for child in children) and not nests_plainly(children):
            return False
        for child in children:
            allowed = _INLINE_ATTRIBUTES.get(child.type)
            if allowed is None or not allowed.issuperset(child.attrs):
                return False
            if child.type == "image" and not child.attrGet("src"):
                return False
    return True


def nests_plainly(children: Sequence[Token]) -> bool:
    """Whether the only raw HTML among these inline tokens is the plain tags
    (:data:`_PLAIN_TAG`), and every element they open, markdown's or a plain tag's, closes
    in order within them. An HTML parser then builds the tree as written; misnested tags
    (``*a <kbd>b* c</kbd>``) it would rebuild."""
    open_names: list[str] = []
    for child in children:
        if child.type == "html_inline":
            tag = _PLAIN_TAG.fullmatch(child.content)
            if tag is None:
                return False
            closing, name = bool(tag[1]), tag[2]
        elif child.nesting:
            closing, name = child.nesting < 0, child.tag
        else:
            continue
        if not closing:
            open_names.append(name)
        elif not open_names or open_names.pop() != name:
            return False
    return not open_names


def inline_nesting(child: Token) -> int | None:
    """1 where an inline token opens an element, -1 where it closes one, else 0; None for
    raw HTML other than a plain tag."""
    if child.type != "html_inline":
        return child.nesting
    tag = _PLAIN_TAG.fullmatch(child.content)
    if tag is None:
        return None
    return -1 if tag[1] else 1


def is_comment_block(token: Token) -> bool:
    """An HTML block of one comment: it renders as nothing, once the sanitizer is done."""
    return token.type == "html_block" and _COMMENT_BLOCK.fullmatch(token.content) is not None


def _empty(inline: Token) -> bool:
    children = inline.children or []
    if any(child.type in ("image", "hardbreak") for child in children):
        return False
    return not any(text.strip() for text in _text_nodes(children))


def _text_nodes(children: Sequence[Token]) -> list[str]:
    """The text nodes an HTML parser makes of these inline tokens: adjacent text and
    line breaks are one node; code, emphasis, links and ``<br>`` end a node."""
    nodes: list[str] = []
    run: list[str] = []
    for child in children:
        if child.type == "text":
            run.append(child.content)
        elif child.type == "softbreak":
            run.append("\n")
        else:
            if run:
                nodes.append("".join(run))
            run = ["\n"] if child.type == "hardbreak" else []  # <br> then a line end
            if child.type == "code_inline":
                nodes.append(child.content)
    if run:
        nodes.append("".join(run))
    return nodes


def _ends_in_attributes(nodes: list[str]) -> bool:
    """Whether a heading's text may end in an ``{#id}`` list, which the tree path strips."""
    last = next((text for text in reversed(nodes) if text.strip()), "")
    return last.rstrip().endswith("}")


# -- the fix-ups ----------------------------------------------------------------------------
def _page_h1(
    tokens: Sequence[Token],
    headings: list[int],
    levels: list[int],
    texts: list[list[str]],
    page: Page,
    title_h1: str,
) -> tuple[str | None, set[int], list[int]]:
    """The text of an h1 that starts the body (comments aside), or of the first h1 in
    ``title_h1 = "body"`` mode, that becomes the page's h1 (taken out, the template shows
    it), the token indexes taken out, and each heading's level: a body with another h1
    moves every heading one level down, so a page never has two h1s."""
    from openaccess.titles import BODY, TEMPLATE

    h1s = [number for number, level in enumerate(levels) if level == 1]
    start = next((index for index, token in enumerate(tokens) if not is_comment_block(token)), 0)
    leads = bool(h1s) and (headings[h1s[0]] == start or title_h1 == BODY)
    if leads and (title_h1 != TEMPLATE or page.title is None):
        first = h1s[0]
        text = " ".join("".join(texts[first]).split())
        opening = headings[first]
        removed = {opening, opening + 1, opening + 2}  # heading_open, inline, heading_close
        if len(h1s) > 1:
            levels = [level if n == first else min(level + 1, 6) for n, level in enumerate(levels)]
        return text, removed, levels
    if h1s:
        levels = [min(level + 1, 6) for level in levels]
    return None, set(), levels


def _retag(
    tokens: Sequence[Token], index: int, copies: dict[int, Token], tag: str, attrs: dict
) -> None:
    """Heading ``index`` (and its closing token) as ``tag`` with ``attrs``."""
    opening = tokens[index].copy(tag=tag, attrs=attrs)
    copies[index] = opening
    closing = index + 2  # heading_open, inline, heading_close
    copies[closing] = tokens[closing].copy(tag=tag)


def _rewrite_addresses(
    tokens: Sequence[Token],
    copies: dict[int, Token],
    source: PurePosixPath,
    route: Route,
    links: LinkMap,
) -> bool:
    """Links and images point at published URLs, attributes in the tree path's order. A
    link whose address the sanitizer drops (``xref:System.String``) is its text alone, as
    the tree path unwraps it. False when the sanitizer would drop an image's address."""
    found = [
        (index, child)
        for index, token in enumerate(tokens)
        if token.type == "inline"
        for child in token.children or ()
        if child.type in ("link_open", "image")
    ]
    kept = _kept([str(child.attrGet(_ADDRESS[child.type])) for _, child in found])
    if len(kept) != len(found):  # the sanitizer changed the probe's shape: the tree path
        return False
    judged = list(zip(found, kept, strict=True))
    if any(not keep and child.type == "image" for (_, child), keep in judged):
        return False
    disarmed = {id(child) for (_, child), keep in judged if not keep}
    for index in sorted({index for index, _ in found}):
        copies[index] = copies.get(index, tokens[index]).copy(
            children=_rewritten(tokens[index].children or [], disarmed, source, route, links)
        )
    return True


_ADDRESS = {"link_open": "href", "image": "src"}


def _rewritten(
    children: Sequence[Token],
    disarmed: set[int],
    source: PurePosixPath,
    route: Route,
    links: LinkMap,
) -> list[Token]:
    """One inline token's children with published addresses, disarmed links unwrapped."""
    rewritten: list[Token] = []
    unwrapping = False  # inside a disarmed link: its closing token goes too
    for child in children:
        if id(child) in disarmed:
            unwrapping = True
            continue
        if unwrapping and child.type == "link_close":
            unwrapping = False
            continue
        name = _ADDRESS.get(child.type)
        if name is not None:
            value = str(child.attrGet(name))
            target = links.resolve(source, value)
            attrs = {**child.attrs, name: relative_url(route, target) if target else value}
            child = child.copy(attrs=dict(sorted(attrs.items())))
        rewritten.append(child)
    return rewritten


def _kept(addresses: list[str]) -> list[bool]:
    """Whether the sanitizer keeps each of these addresses (its URL parser drops some that
    only look valid, such as ``http://[x``, and every scheme off its list)."""
    if not addresses:
        return []
    probe = "".join(f'<a href="{html.escape(value)}"></a>' for value in addresses)
    cleaned, _ = sanitize.clean_page(probe, allow_iframes=False, within_bounds=True)
    anchors = cleaned.split("<a")[1:]
    return [anchor.startswith(' href="') for anchor in anchors]


def _without_comments(tokens: Sequence[Token], copies: dict[int, Token]) -> None:
    """Comment blocks as the sanitizer leaves them: the blanks around the comment."""
    for index, token in enumerate(tokens):
        comment = _COMMENT_BLOCK.fullmatch(token.content) if token.type == "html_block" else None
        if comment is not None:
            copies[index] = token.copy(content=comment.group(1) + comment.group(2))


def _header_cells(tokens: Sequence[Token], copies: dict[int, Token]) -> None:
    """Markdown tables have header cells only in their head: each gets ``scope="col"``,
    but an empty one, a table's corner, is a plain cell (see ``render._tables``)."""
    for index, token in enumerate(tokens):
        if token.type != "th_open":
            continue
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        if inline is not None and inline.type == "inline" and not inline.content.strip():
            copies[index] = token.copy(type="td_open", tag="td")
            closing = index + 2
            if closing < len(tokens) and tokens[closing].type == "th_close":
                copies[closing] = tokens[closing].copy(type="td_close", tag="td")
            continue
        attrs = {**token.attrs, "scope": "col"}
        copies[index] = token.copy(attrs=dict(sorted(attrs.items())))


# -- rendering --------------------------------------------------------------------------
def _options() -> OptionsDict:
    from openaccess.parse.markdown import markdown_parser

    return markdown_parser().options


@cache
def _renderer() -> RendererHTML:
    """markdown-it's renderer with scroll regions around tables and code (numbered in
    ``env``), code without a language class (the sanitizer drops it), and images with
    sorted attributes."""
    from markdown_it.common.utils import escapeHtml
    from markdown_it.renderer import RendererHTML

    def region(env: dict, kind: str, label: str) -> str:
        env[kind] += 1
        return _SCROLL_REGION.format(label=f"{label} {env[kind]}")

    class PlainRenderer(RendererHTML):
        def table_open(self, tokens, idx, options, env) -> str:
            tag = self.renderToken(tokens, idx, options, env)
            line_end = "\n" if tag.startswith("\n") else ""  # after a tight list's text
            return line_end + region(env, "tables", "Table") + tag.removeprefix(line_end)

        def table_close(self, tokens, idx, options, env) -> str:
            return self.renderToken(tokens, idx, options, env).rstrip("\n") + "</div>\n"

        def fence(self, tokens, idx, options, env) -> str:
            return self.code_block(tokens, idx, options, env)

        def code_block(self, tokens, idx, options, env) -> str:
            if not tokens[idx].content.strip():
                return ""  # as render._code_blocks: nothing to show
            opening = region(env, "code blocks", "Code example")
            return f"{opening}<pre><code>{escapeHtml(tokens[idx].content)}</code></pre></div>\n"

        def image(self, tokens, idx, options, env) -> str:
            token = tokens[idx]
            alt = self.renderInlineAsText(token.children or [], options, env)
            attrs = dict(sorted({**token.attrs, "alt": alt}.items()))
            return "<img" + self.renderAttrs(token.copy(attrs=attrs)) + ">"

    return PlainRenderer()
