"""One page body to safe, accessible HTML: render, sanitize, fix up the tree, sanitize last.

Markdown is rendered with the same markdown-it configuration ``check`` parses with, so the
published page has exactly the structure the checks saw. The sanitized HTML is then
adjusted with BeautifulSoup: heading ids by the slug rule ``check`` uses, ``scope`` on
header cells, focusable labelled scroll regions for tables and code, links rewritten to
published URLs, iframes emptied. The result passes the sanitizer once more
(:func:`sanitize.finish`): whatever a parser or a fix-up did in between, the published
body is exactly what the sanitizer approved, and nothing parses it again before it is
written. Plain Markdown (no raw HTML) skips the tree: :mod:`tokens` makes the same
fix-ups on its tokens and renders it once, to the same bytes.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from msgspec import Struct, field

from openaccess.parse.attributes import trailing_heading_list
from openaccess.parse.markdown import markdown_parser
from openaccess.publish import sanitize
from openaccess.publish.alerts import with_alerts
from openaccess.publish.routes import LinkMap, Route, relative_url
from openaccess.publish.sanitize import URL_SCHEMES
from openaccess.publish.tokens import (
    inline_nesting,
    is_comment_block,
    nests_plainly,
    render_plain,
    unique_ids,
)
from openaccess.routing.ids import GENERATOR_SYNTAX, ids_for, slug_texts

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from markdown_it.token import Token

    from openaccess.page import Page

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_RENAMES = {"acronym": "abbr", "center": "div", "strike": "s", "tt": "code", "aside": "div"}
# Found in two linear steps (a start tag, then its end tag): "[^<>]" stops each attempt at
# the next "<", so a page of "<body " repeated is not scanned once per repetition.
_BODY_START = re.compile(r"<body\b[^<>]*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
# HTML5 void elements (<br>, not <br/>), and every & < > in text escaped: a bare "&list="
# in a URL written as text is a parse error to strict parsers.
_FORMATTER = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=""
)
_TITLE_START = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_END = re.compile(r"</title\s*>", re.IGNORECASE)


class RenderedBody(Struct):
    html: str
    first_h1: str | None = None  # text of a leading h1 taken out to become the page title
    contents: list[tuple[str, str]] = field(default_factory=list)  # (id, text) of each h2
    removals: list[sanitize.Removal] = field(default_factory=list)
    document_title: str | None = None  # <title> of a whole HTML document page


def render_body(
    page: Page,
    source: PurePosixPath,
    route: Route,
    links: LinkMap,
    allow_iframes: bool,
    title_h1: str = "auto",
) -> RenderedBody:
    """The page body as HTML; ``source`` is the page's path relative to the site root;
    ``title_h1`` says which heading is the page's h1 (:mod:`openaccess.titles`)."""
    tokens, disarmed = _publish_tokens(page)
    if page.kind != "html":
        _alignment_classes(tokens)
    within_bounds = page.kind != "html" and _bounded_by_construction(tokens)
    if within_bounds:  # plain Markdown: fix-ups on the tokens, one render (tokens.py)
        plain = render_plain(page, tokens, source, route, links, title_h1)
        if plain is not None:
            html = sanitize.finish(plain.html.strip(), allow_iframes, within_bounds=True)
            return RenderedBody(html, plain.first_h1, plain.contents, disarmed)
    raw, removals, document_title, base = _raw_html(page, tokens, allow_iframes)
    removals += disarmed
    cleaned, too_deep = sanitize.clean_page(raw, allow_iframes, within_bounds)
    if too_deep is not None:
        offset = base + too_deep if base is not None else _source_offset(page, raw, too_deep)
        removals.append(sanitize.Removal(offset, sanitize.TOO_DEEP))
    # nh3's output is well-formed, shallow and escaped, so the quick html.parser builds
    # the same tree from it as a browser; nothing it does can matter after the last pass.
    soup = BeautifulSoup(cleaned, "html.parser")
    tags = soup.find_all(True)  # one walk; the fix-ups below pick from this list
    _rename_obsolete(tags)
    result = RenderedBody("", removals=removals, document_title=document_title)
    result.first_h1 = _headings(soup, tags, page, title_h1)
    tags = soup.find_all(True)  # again: the title's h1 may be gone
    _named_anchors(_named(tags, "a"))
    _unique_ids(tags)
    _tables(soup, _named(tags, "table"))
    _code_blocks(soup, _named(tags, "pre"))
    _links(tags, source, route, links)
    _drop_empty_paragraphs(_named(tags, "p"))
    for frame in _named(tags, "iframe"):
        frame.clear()  # browsers never show an iframe's content; it can only hide markup
    result.contents = [(h["id"], h.get_text(" ", strip=True)) for h in _named(tags, "h2")]
    html, as_written = serialize(soup)
    result.html = sanitize.finish(html.strip(), allow_iframes, within_bounds or as_written)
    return result


def _named(tags: list[Tag], *names: str) -> list[Tag]:
    return [tag for tag in tags if tag.name in names]


# -- serializing -------------------------------------------------------------------------
def serialize(soup: BeautifulSoup) -> tuple[str, bool]:
    """``soup.decode(formatter=_FORMATTER)``, the same text, in a fifth of the time:
    one loop over the tree instead of BeautifulSoup's per-node events and formatter calls
    (its rules: attributes sorted, ``& < >`` escaped, void elements without a slash).
    Nodes it has no rule for (other string types, unusual attribute values) are left
    to BeautifulSoup. Whatever the text, the sanitizer parses it again last.

    Also whether the text is within the sanitizer's bounds as written: every element
    nests as in the tree (:func:`sanitize.nests_as_written`), no deeper than
    :data:`sanitize.MAX_DEPTH`, and BeautifulSoup wrote no element itself. Then the
    sanitizer's last pass need not walk its tokens to bound them."""
    pieces: list[str] = []
    openers: list[Iterator[PageElement]] = [iter(soup.contents)]
    closers: list[str] = [""]
    names: list[str | None] = [None]  # the open elements, innermost last, below the root
    as_written = True
    while openers:
        for node in openers[-1]:
            if type(node) is NavigableString and node.parent.name not in _CDATA_TAGS:
                pieces.append(_escaped(node))
            elif isinstance(node, NavigableString):
                pieces.append(node.output_ready(_FORMATTER))  # a comment, ruby text...
            elif not _plain_attributes(node):
                pieces.append(node.decode(formatter=_FORMATTER))
                as_written = False
            elif node.is_empty_element:
                as_written = as_written and sanitize.nests_as_written(
                    names[-1], node.name, void=True
                )
                pieces.append(_start_tag(node))
            else:
                as_written = as_written and sanitize.nests_as_written(names[-1], node.name)
                pieces.append(_start_tag(node))
                openers.append(iter(node.contents))
                closers.append(f"</{node.name}>")
                names.append(node.name)
                as_written = as_written and len(names) - 1 <= sanitize.MAX_DEPTH
                break
        else:
            openers.pop()
            names.pop()
            pieces.append(closers.pop())
    return "".join(pieces), as_written


_CDATA_TAGS = _FORMATTER.cdata_containing_tags  # their text is written as it is


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain_attributes(tag: Tag) -> bool:
    """No namespace prefix, and every attribute value text or a list of words (class)."""
    return tag.prefix is None and all(
        type(value) is str or (isinstance(value, list) and all(type(v) is str for v in value))
        for value in tag.attrs.values()
    )


def _start_tag(tag: Tag) -> str:
    if not tag.attrs:
        return f"<{tag.name}>"
    attributes = "".join(
        f" {name}={EntitySubstitution.quoted_attribute_value(_escaped(_joined(value)))}"
        for name, value in sorted(tag.attrs.items())
    )
    return f"<{tag.name}{attributes}>"


def _joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else " ".join(value)


# -- raw HTML ---------------------------------------------------------------------------
def _raw_html(
    page: Page, tokens: Sequence[Token], allow_iframes: bool
) -> tuple[str, list[sanitize.Removal], str | None, int | None]:
    """The body's HTML, what the sanitizer will remove from it, the ``<title>`` of a whole
    HTML document, and where the HTML starts in the page (None: rendered Markdown)."""
    if page.kind == "html":
        body, base = page.body, page.body_start
        title = _between(body, _TITLE_START, _TITLE_END)
        head: list[sanitize.Removal] = []
        if (inner := _between(body, _BODY_START, _BODY_END, to_end=True)) is not None:
            head = sanitize.head_removals(body[: inner[0]], base)
            base += inner[0]
            body = body[inner[0] : inner[1]]
        removals = head + sanitize.RemovalReport.scan(body, base, allow_iframes)
        document_title = " ".join(page.body[title[0] : title[1]].split()) if title else None
        return body, removals, document_title or None, base
    parser = markdown_parser()
    html = parser.renderer.render(tokens, parser.options, {})
    return html, _markdown_removals(page, allow_iframes), None, None


def _between(
    text: str, start: re.Pattern[str], end: re.Pattern[str], to_end: bool = False
) -> tuple[int, int] | None:
    """(start, end) of what lies between the first match of ``start`` and the next of
    ``end``; without an end, up to the end of the text when ``to_end``, else None."""
    opened = start.search(text)
    if opened is None:
        return None
    closed = end.search(text, opened.end())
    if closed is None:
        return (opened.end(), len(text)) if to_end else None
    return opened.end(), closed.start()


def _alignment_classes(tokens) -> None:
    """markdown-it aligns table cells with inline style, which the CSP blocks: use classes."""
    for token in tokens:
        if token.type in ("th_open", "td_open"):
            style = str(token.attrGet("style") or "")
            if style.startswith("text-align:"):
                token.attrs.pop("style", None)
                token.attrSet("class", f"oa-align-{style.split(':', 1)[1].strip()}")


# Elements the renderer writes for one token that opens nothing: <pre><code> for code.
_MOST_ELEMENTS_PER_TOKEN = 2


def _bounded_by_construction(tokens: Sequence[Token]) -> bool:
    """Whether the HTML markdown-it renders from ``tokens`` is already within the bounds
    the sanitizer's token walk enforces (:func:`sanitize.clean_page`), before and after
    the tree fix-ups, so both passes can skip it (the walk is pure Python: it cost more
    than nh3's two passes together).

    True when no token is raw HTML (but a comment block, which the sanitizer strips
    keeping the blanks around it, and the plain inline tags that :func:`nests_plainly`
    allows), the tokens are balanced, every paragraph holds one inline token, and they
    nest far less than :data:`sanitize.MAX_DEPTH`. markdown-it's renderer then writes
    every tag itself (one per opening token, closed in order) or as one of those plain
    tags, and escapes all text and attribute values: no iframe, no stray ``</p>``, no tag
    that nh3 unwraps, and only inline elements inside a paragraph, which nh3 and the
    fix-ups (scroll regions go around tables and code blocks, never in a paragraph) keep.
    Depth is doubled for the inline elements an HTML parser may open again, plus the code
    block's elements and a scroll region."""
    depth = deepest = 0
    for index, token in enumerate(tokens):
        if is_comment_block(token):
            continue
        if token.type == "html_block" or depth + token.nesting < 0:
            return False
        if token.type == "paragraph_open" and not _holds_one_inline(tokens, index):
            return False
        depth += token.nesting
        inline = inline_deepest = 0
        children = token.children or ()
        if any(child.type == "html_inline" for child in children) and not nests_plainly(children):
            return False
        for child in children:
            inline += inline_nesting(child) or 0
            if inline < 0:
                return False
            inline_deepest = max(inline_deepest, inline)
        if inline:
            return False
        deepest = max(deepest, depth + inline_deepest)
    bound = 2 * (deepest + _MOST_ELEMENTS_PER_TOKEN) + 1
    return depth == 0 and bound < sanitize.MAX_DEPTH


def _holds_one_inline(tokens: Sequence[Token], index: int) -> bool:
    following = [token.type for token in tokens[index + 1 : index + 3]]
    return following == ["inline", "paragraph_close"]


# A link or reference destination in a scheme markdown-it will not link to (its
# ``validateLink``), in any disguise a browser reads past: such a link was left as its
# Markdown text on the published page.
_REFUSED_SCHEME = re.compile(
    r"\](?:\(|:)\s*<?\s*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t"
    r"|f\s*i\s*l\s*e|d\s*a\s*t\s*a)\s*:",
    re.IGNORECASE,
)


def _publish_tokens(page: Page) -> tuple[list[Token], list[sanitize.Removal]]:
    """The tokens publish renders, and the Markdown links and images whose address the
    sanitizer removes. A link to an address markdown-it refuses (``data:``) was shown as
    Markdown source (``[map](data:...)``); read as a link, its text is what is shown.
    Alerts (``> [!NOTE]``) are titled notes (:mod:`alerts`)."""
    if page.kind != "markdown":
        return page.tokens, []
    if _REFUSED_SCHEME.search(unescape(page.body)) is None:
        tokens, found = page.tokens, page.document.links
    else:
        from openaccess.parse.markdown import outline_markdown, tokenize

        tokens = tokenize(page.body, page.dialect, every_link=True)
        found = outline_markdown(page.text, page.lines, page.body_start, tokens).links
    removals = []
    for link in found:
        scheme = sanitize.url_scheme(link.href)
        if link.source == "markdown" and scheme is not None and scheme not in URL_SCHEMES:
            what = "image" if link.image else "link"
            removals.append(
                sanitize.Removal(
                    link.start,
                    f"removed the {scheme}: address from a Markdown {what}; only http, https,"
                    " mailto and tel links and addresses within the site are published",
                )
            )
    return with_alerts(tokens), removals


def _markdown_removals(page: Page, allow_iframes: bool) -> list[sanitize.Removal]:
    removals: list[sanitize.Removal] = []
    for content, start in _raw_pieces(page):
        removals += sanitize.RemovalReport.scan(content, start, allow_iframes)
    return removals


def _source_offset(page: Page, rendered: str, index: int) -> int:
    """Where in a Markdown page the writer typed what stands at ``index`` of its rendered
    HTML. Only raw HTML can nest deep enough to be cut, and markdown-it copies it as it
    is. The offset is found in the last piece of it that starts at or before ``index``:
    exactly when ``index`` falls inside it, else at its start (the body's start when
    there is no such piece)."""
    last: tuple[str, int, int] | None = None  # the piece, where it starts in the page and in HTML
    cursor = 0
    for content, start in _raw_pieces(page):
        at = rendered.find(content, cursor)
        if at < 0 or at > index:
            break
        cursor = at + len(content)
        last = content, start, at
    if last is None:
        return page.body_start
    content, start, at = last
    inside = index - at if index < at + len(content) else 0
    return start + _in_source(page, content, start, inside)


def _raw_pieces(page: Page) -> Iterator[tuple[str, int]]:
    """Each HTML block and inline tag of a Markdown page, with where it starts in the page."""
    body_line = page.position(page.body_start)[0]
    for token in page.tokens:
        if token.map is None:
            continue
        start = page.lines.line_start(body_line + token.map[0])
        if token.type == "html_block":
            yield token.content, start
        elif token.type == "inline":
            cursor = start
            for child in token.children or []:
                if child.type == "html_inline":
                    found = page.text.find(child.content, cursor)
                    cursor = found if found >= 0 else cursor
                    yield child.content, cursor
                    cursor += len(child.content)


def _in_source(page: Page, content: str, start: int, index: int) -> int:
    """Offset from ``start`` of character ``index`` of ``content``, a piece of raw HTML
    whose lines may have lost a block quote's or list's prefix in the page."""
    column = index - (content.rfind("\n", 0, index) + 1)
    line = content.count("\n", 0, index)
    typed = page.lines.line_start(page.position(start)[0] + line)
    searched_from = start - typed if line == 0 else 0  # inline HTML: its own column
    prefix = _line_at(page.text, typed).find(_line_at(content, index - column), searched_from)
    return typed - start + max(prefix, searched_from) + column


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


# -- tree fix-ups -----------------------------------------------------------------------
def _rename_obsolete(tags: list[Tag]) -> None:
    for element in tags:
        if element.name in _RENAMES:
            element.name = _RENAMES[element.name]
        elif element.name == "a" and element.has_attr("name"):
            if not element.get("id"):
                element["id"] = element["name"]
            del element["name"]


def _headings(soup: BeautifulSoup, tags: list[Tag], page: Page, title_h1: str) -> str | None:
    """Give every heading its id. An h1 that starts the body is the page's h1 (except in
    ``title_h1 = "template"`` mode, where only a missing title lets it stand in; in
    ``"body"`` mode the first h1 is, wherever it is): it is taken out and the template
    shows it once, as the page's h1. Any other h1 moves the body's headings down a level,
    so a page never has two h1s."""
    from openaccess.titles import BODY, TEMPLATE

    elements = _named(tags, *_HEADINGS)
    outline = page.document.headings
    for element in elements:
        _strip_explicit_id(element)
    if len(outline) == len(elements):
        ids = [i or "" for i in ids_for(outline, "github", syntax=GENERATOR_SYNTAX["publish"])]
    else:  # the sanitizer removed a heading (inside a <script>, say): slug what is left
        slugs = slug_texts(e.get_text(" ", strip=True) for e in elements)
        ids = [str(e.get("id") or s) for e, s in zip(elements, slugs, strict=True)]
    for element, heading_id in zip(elements, ids, strict=True):
        element["id"] = heading_id
    h1s = [e for e in elements if e.name == "h1"]
    first = _first_element(soup)
    if h1s and (first is h1s[0] or title_h1 == BODY):
        text = " ".join(h1s[0].get_text().split())
        if title_h1 != TEMPLATE or page.title is None:
            page_h1 = h1s[0]
            after = page_h1.next_sibling
            if isinstance(after, NavigableString) and not after.strip():
                after.extract()  # its line goes with it, as the token path writes it
            page_h1.decompose()  # it is the page's h1: shown once, by the template
            rest = [e for e in elements if e is not page_h1]
            if any(e.name == "h1" for e in rest):  # a second h1 (OA202's finding)
                _demote(rest)
            return text
    if h1s:  # the page's own h1 is its title: every body heading moves one level down
        _demote(elements)
    return None


def _demote(elements: list[Tag]) -> None:
    for element in elements:
        level = int(element.name[1])
        element.name = f"h{min(level + 1, 6)}"


def _strip_explicit_id(element: Tag) -> None:
    texts = [t for t in element.find_all(string=True) if t.strip()]
    attribute = trailing_heading_list(texts[-1].rstrip()) if texts else None
    if attribute and attribute.syntax & GENERATOR_SYNTAX["publish"]:
        if attribute.id:  # a list of classes alone is taken out of the text too
            element["id"] = attribute.id
        kept = texts[-1].rstrip()[: -len(attribute.text)].rstrip()
        texts[-1].replace_with(NavigableString(kept))


def _first_element(soup: BeautifulSoup) -> Tag | None:
    return next((child for child in soup.children if isinstance(child, Tag)), None)


def _tables(soup: BeautifulSoup, tables: list[Tag]) -> None:
    for number, table in enumerate(tables, start=1):
        for cell in table.find_all("th"):
            if not cell.get_text(strip=True) and cell.find(True) is None:
                # An empty header cell (a table's corner) heads nothing: axe reports
                # empty-table-header, and a screen reader announces a blank header.
                cell.name = "td"
                del cell["scope"]
                continue
            if cell.get("scope"):
                continue
            row = cell.find_parent("tr")
            in_head = cell.find_parent("thead") is not None
            first_in_row = row is not None and row.find(["th", "td"]) is cell
            all_headers = row is not None and not row.find("td")
            cell["scope"] = "col" if in_head or all_headers or not first_in_row else "row"
        caption = table.find("caption")
        wrapper = soup.new_tag("div", attrs={"class": "oa-scroll", "role": "region"})
        wrapper["tabindex"] = "0"
        if caption is not None:
            caption_id = caption.get("id") or f"oa-table-{number}"
            caption["id"] = caption_id
            wrapper["aria-labelledby"] = caption_id
        else:
            wrapper["aria-label"] = f"Table {number}"
        table.wrap(wrapper)


def _code_blocks(soup: BeautifulSoup, blocks: list[Tag]) -> None:
    """Each code block in a labelled scroll region a keyboard can reach; an empty one
    (an empty fence) goes: a focusable region holding nothing is a stop that says
    nothing."""
    shown = []
    for block in blocks:
        if _is_empty_code(block):
            block.decompose()
        else:
            shown.append(block)
    for number, block in enumerate(shown, start=1):
        wrapper = soup.new_tag("div", attrs={"class": "oa-scroll", "role": "region"})
        wrapper["tabindex"] = "0"
        wrapper["aria-label"] = f"Code example {number}"
        block.wrap(wrapper)


def _is_empty_code(block: Tag) -> bool:
    return not block.get_text().strip() and all(tag.name == "code" for tag in block.find_all(True))


def _links(tags: list[Tag], source: PurePosixPath, route: Route, links: LinkMap) -> None:
    for anchor in _named(tags, "a"):
        href = anchor.get("href")
        if href is None:
            if not anchor.get("id"):
                anchor.unwrap()  # a link the sanitizer disarmed: keep its text
            continue
        target = links.resolve(source, str(href))
        if target is not None:
            anchor["href"] = relative_url(route, target)
    for image in _named(tags, "img"):
        src = image.get("src")
        if not src:
            image.replace_with(NavigableString(str(image.get("alt") or "")))
            continue
        target = links.resolve(source, str(src))
        if target is not None:
            image["src"] = relative_url(route, target)


def _named_anchors(anchors: list[Tag]) -> None:
    """``<a name="x">``, an old-style link target, gets ``id="x"``: a ``#x`` link that
    ``check`` accepted still works on the published page."""
    for anchor in anchors:
        if anchor.has_attr("name"):
            name = str(anchor["name"]).strip()
            del anchor["name"]
            if name and not anchor.has_attr("id"):
                anchor["id"] = name


def _unique_ids(tags: list[Tag]) -> None:
    """No duplicate ids, and none that could clash with the template's ``oa-`` ids."""
    holders = [tag for tag in tags if tag.has_attr("id")]
    for tag, unique in zip(holders, unique_ids([str(t["id"]) for t in holders]), strict=True):
        tag["id"] = unique


def _drop_empty_paragraphs(paragraphs: list[Tag]) -> None:
    """A paragraph with nothing to show goes, but a link target in it stays: ``<a
    id="tax"></a>`` on a line of its own is such a paragraph, and ``#tax`` must work."""
    for paragraph in paragraphs:
        if paragraph.get_text(strip=True) or paragraph.find(["img", "br"]):
            continue
        if paragraph.find(id=True):
            paragraph.unwrap()
        else:
            paragraph.decompose()
