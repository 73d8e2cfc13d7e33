"""Extract the outline from HTML: whole HTML pages and raw HTML blocks inside Markdown.

A streaming pass over a linear-time HTML5 tokenizer (:mod:`.htmltokens`, no tree): it
keeps exact source positions, uses constant stack depth whatever the nesting, and takes
time proportional to the page's length whatever it holds.
"""

from __future__ import annotations

import html
import re

from msgspec import Struct, field

from openaccess.document import Block, Document, Heading, LineBreak, Link, ParagraphWall, Table
from openaccess.parse.htmltokens import LinearHTMLParser, tokenize
from openaccess.parse.namelists import without_name_lists
from openaccess.parse.templates import without_comments, without_template_code
from openaccess.routing.ids import IdSyntax

# A lone CR is a line break only when no LF follows: otherwise one CRLF would match as
# two breaks, making every line of a CRLF file look like a blank line.
_NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"
BLANK_LINE = re.compile(rf"{_NEWLINE}[ \t]*{_NEWLINE}(?:[ \t]*{_NEWLINE})*")
_HEADING = re.compile(r"h([1-6])")
# Text inside these is not prose the reader reads as sentences.
_NOT_PROSE = {"script", "style", "pre", "template", "svg", "math", "noscript", "textarea",
              "title"}  # fmt: skip
# Inline code, keyboard input, sample output and variables: names in the sentence (one
# short word each to the readability measurement), as Markdown's code spans are. A code
# block is a <pre>, which is not prose.
CODE_TAGS = frozenset({"code", "kbd", "samp", "var"})
# Elements that load a file, with the attributes that name it (an ``<img src>`` is an
# image of the page, read apart). ``srcset`` lists candidates: an address, then a size.
_RESOURCES: dict[str, tuple[str, ...]] = {
    "link": ("href",), "script": ("src",), "img": ("srcset",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",),
    "object": ("data",), "iframe": ("src",), "input": ("src",), "area": ("href",),
}  # fmt: skip
# <link rel> values that name an origin to connect to early, not a file.
_ORIGIN_RELS = frozenset({"preconnect", "dns-prefetch"})


def resources(tag: str, values: dict[str, str | None], start: int, end: int) -> list[Link]:
    """The files an HTML start tag loads, as links spanning the tag."""
    names = _RESOURCES.get(tag, ())
    if tag == "link" and _ORIGIN_RELS & set((values.get("rel") or "").lower().split()):
        return []
    found = []
    for name in names:
        value = (values.get(name) or "").strip()
        for address in _srcset_addresses(value) if name == "srcset" else [value]:
            if address:
                found.append(Link(address, "", start, end, source="html", resource=True))
    return found


def _srcset_addresses(value: str) -> list[str]:
    """``a.webp 1x, b.webp 2x`` -> ``[a.webp, b.webp]``."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


# These start and end a prose unit.
_BLOCK_TAGS = {
    "p", "div", "li", "dd", "dt", "blockquote", "section", "article", "aside", "header",
    "footer", "main", "nav", "figure", "figcaption", "td", "th", "caption", "ul", "ol", "dl",
    "table", "tr", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "form",
    "fieldset", "legend", "body", "html", "address", "label",
}  # fmt: skip
_VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}  # fmt: skip
# Start tags that close an open <p> (HTML5's "close a p element").
_CLOSES_PARAGRAPH = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol",
    "p", "plaintext", "pre", "search", "section", "summary", "table", "ul", "xmp",
}  # fmt: skip
# A form's <label> names one choice: a checklist's items are one each (digital.gov).
_KIND_OF_BLOCK = {
    "li": "list_item",
    "blockquote": "blockquote",
    "dd": "list_item",
    "label": "list_item",
}
_ITEM_TAGS = frozenset({"li", "dd"})  # a <p> or <div> in one is the item's text
# Bold and italic, and the defining instance of a term: how writers mark a term.
EMPHASIS_TAGS = frozenset({"b", "strong", "i", "em", "dfn"})


def add_code_range(ranges: list[tuple[int, int]], start: int, end: int) -> None:
    """Add the range of a code element that just closed, in place of those it holds
    (``<code><var>n</var></code>``): the ranges stay sorted and apart."""
    while ranges and ranges[-1][0] >= start:
        ranges.pop()
    ranges.append((start, end))


class _OpenLink(Struct):
    """An ``<a href>`` whose end tag has not come yet."""

    href: str
    start: int
    proofer_ignored: bool = False
    parts: list[str] = field(default_factory=list)  # its text so far
    # No text outside code so far: a link whose whole text is code names a literal, as a
    # Markdown link whose text is a code span does (the link-text rules leave it be).
    code_only: bool = True

    def link(self, end: int) -> Link:
        text = " ".join("".join(self.parts).split())
        link = Link(self.href, text, self.start, end, source="html")
        link.code = self.code_only and bool(text)
        link.proofer_ignored = self.proofer_ignored
        return link


# An attribute value in double or single quotes whose Liquid may hold the same quotes.
# Possessive: each character is read once.
_LIQUID_VALUE = {
    quote: re.compile(
        rf"={quote}((?:[^{quote}\n{{]|\{{\{{[^{{}}\n]*+\}}\}}|\{{%[^{{}}%\n]*+%\}}|\{{)*+){quote}"
    )
    for quote in "\"'"
}
_LIQUID_CODE = re.compile(r"\{\{[^{}\n]*\}\}|\{%[^{}%\n]*%\}")
_VALUE_START = re.compile(r"=[\"']")
_OTHER_QUOTE = {'"': "'", "'": '"'}


def liquid_in_attributes(text: str) -> str:
    """``text`` with the quotes inside Liquid in a quoted attribute value turned to the
    other kind, so that an HTML reader ends the value where Liquid's output would. A
    value that does not end on its line is left, and the search goes on after that line:
    each character is read at most twice."""
    if "{{" not in text and "{%" not in text:
        return text
    pieces: list[str] = []
    done = at = 0
    while (start := _VALUE_START.search(text, at)) is not None:
        quote = text[start.end() - 1]
        value = _LIQUID_VALUE[quote].match(text, start.start())
        if value is None:
            line_end = text.find("\n", start.end())
            at = len(text) if line_end < 0 else line_end
            continue
        pieces += [text[done : value.start()], _swapped(quote, _OTHER_QUOTE[quote], value)]
        done = at = value.end()
    return "".join([*pieces, text[done:]])


def _swapped(quote: str, other: str, value: re.Match[str]) -> str:
    """One attribute value with ``quote`` turned to ``other`` inside its Liquid."""
    return _LIQUID_CODE.sub(lambda code: code.group(0).replace(quote, other), value.group(0))


class HtmlOutline(LinearHTMLParser):
    """Feed one HTML text that starts at ``base`` in the file; results go into ``document``.

    ``id_syntax`` is how the ids found are written: raw HTML inside Markdown (which Hugo
    drops unless renderer.unsafe is on), or an HTML page every generator serves as is.
    ``dialect`` says which template code is no prose (see ``parse.templates``): Liquid in
    a Jekyll page's table builds it, and is no sentence."""

    def __init__(
        self,
        document: Document,
        text: str,
        base: int,
        id_syntax: IdSyntax = IdSyntax.FORGIVING,
        dialect: str = "commonmark",
    ) -> None:
        super().__init__()
        self.document = document
        self._dialect = dialect
        self._id_syntax = id_syntax
        self._text = text
        self._base = base
        # getpos() counts lines by LF alone (a lone CR does not end its lines).
        self._lf_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._skip_depth = 0
        self._heading: tuple[int, int, str | None, list[str]] | None = None
        self._links: list[_OpenLink] = []
        self._tables: list[list[int | bool]] = []
        self._open_paragraphs: list[int] = []
        self._block_kind = "paragraph"
        self._items_open = 0  # <li> and <dd> open around the text: a <p> in one is an item's
        self._prose: list[str] = []
        self._prose_length = 0
        self._anchors: list[tuple[int, int]] = []
        self._emphasis: list[tuple[int, int]] = []  # prose indices of bold and italic runs
        # Where each open run began, counted over every block's prose: a run left open
        # goes on in the next block, from its start, with no work at block boundaries.
        self._emphasis_starts: list[int] = []
        # Where each open code element began, as for emphasis; None inside a <pre>.
        self._code_starts: list[int | None] = []
        self._code: list[tuple[int, int]] = []  # prose indices of inline code
        self._breaks: list[int] = []  # prose indices of <br>: a new line to the reader
        self._code_depth = 0  # code elements open around the text (outside a <pre>)
        self._blocks_length = 0  # prose characters of the blocks before the current one
        self._last_break: LineBreak | None = None
        self._run: list[LineBreak] = []  # the <br> since the last text, and whether text
        self._run_after_text = False  # stood before them
        self._after_boundary = True
        # </p> tags this fragment closes without opening them (the rest of a wall in Markdown).
        self.stray_paragraph_ends: list[int] = []
        # The element marked data-proofer-ignore that the text is in, and how many elements
        # of its name are open inside it (itself included): its links are not judged.
        self._proofer_ignored: tuple[str, int] | None = None

    def feed(self, data: str) -> None:
        """On a Jekyll page, Liquid in an attribute is rendered before any HTML is read:
        ``href="{{ "/x/" | relative_url }}"`` is one value, its inner quotes swapped for
        the other kind here, one character for one (jekyllrb-ja's docs: 18 links never
        checked)."""
        super().feed(liquid_in_attributes(data) if self._dialect.startswith("kramdown") else data)

    # -- positions -------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._base + min(self._lf_starts[line - 1] + column, len(self._text))

    def _tag_end(self, start: int) -> int:
        text = self.get_starttag_text() or ""
        return start + len(text)

    # -- tags ------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        values = dict(attrs)
        ignored = self._proofer_ignored is not None or "data-proofer-ignore" in values
        self._enter_proofer_ignored(tag, "data-proofer-ignore" in values)
        # md_in_html makes a tag with "markdown" an element of Python-Markdown's tree;
        # markdown="0" keeps it raw HTML.
        in_tree = self._dialect == "mkdocs" and values.get("markdown", "0") != "0"
        if element_id := values.get("id"):
            syntax = self._id_syntax | IdSyntax.MD_IN_HTML if in_tree else self._id_syntax
            self.document.add_anchor(element_id, start, syntax)
        if tag in _RESOURCES:
            self.document.resources.extend(resources(tag, values, start, self._tag_end(start)))
        if tag in _NOT_PROSE:
            if tag not in _VOID:
                self._skip_depth += 1
            return
        if tag == "html" and self.document.language is None and (values.get("lang") or "").strip():
            self.document.language = (values.get("lang") or "").strip()
            self.document.language_offset = start
        if tag in _BLOCK_TAGS:
            self._boundary(tag)
        self._items_open += tag in _ITEM_TAGS
        if tag in _CLOSES_PARAGRAPH and self._open_paragraphs:
            # As in a browser, a block (or another <p>) ends an open <p>: its wall ends
            # here, and walls never overlap (each was scanned to the page's end before).
            record_wall(self.document, self._text, self._base, self._open_paragraphs.pop(), start)
        if tag == "br":
            self._line_break(start)
            return
        self._settle_break(text_follows=False)
        if heading := _HEADING.fullmatch(tag):
            self._heading = (int(heading.group(1)), start, values.get("id"), [])
        elif tag == "a":
            if (name := values.get("name")) and not values.get("id"):
                self.document.add_anchor(name, start, self._id_syntax)
            if "href" in values:
                self._links.append(_OpenLink(values.get("href") or "", start, ignored))
        elif tag == "img":
            self._image(values, start, ignored)
        elif tag == "table":
            self._tables.append([start, False])
        elif tag == "th" and self._tables:
            self._tables[-1][1] = True
        elif tag == "p":
            self._open_paragraphs.append(start)
        elif tag in EMPHASIS_TAGS:
            self._emphasis_starts.append(self._blocks_length + self._prose_length)
        elif tag in CODE_TAGS:
            skipped = self._skip_depth > 0
            self._code_starts.append(None if skipped else self._blocks_length + self._prose_length)
            self._code_depth += not skipped

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _NOT_PROSE and tag not in _VOID:
            self._skip_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        end_start = self._offset()
        self._leave_proofer_ignored(tag)
        if tag in _NOT_PROSE:
            self._skip_depth = max(self._skip_depth - 1, 0)
            return
        if tag in _BLOCK_TAGS:
            self._boundary(tag, closing=True)
        if tag in _ITEM_TAGS:
            self._items_open = max(self._items_open - 1, 0)
        if _HEADING.fullmatch(tag) and self._heading:
            level, start, explicit, parts = self._heading
            text = " ".join("".join(parts).split())
            self.document.headings.append(
                Heading(level, text, start, end_start + len(tag) + 3, explicit, "html")
            )
            self._heading = None
        elif tag == "a" and self._links:
            self.document.links.append(self._links.pop().link(end_start + len(tag) + 3))
        elif tag == "table" and self._tables:
            start, has_header = self._tables.pop()
            self.document.tables.append(Table(int(start), end_start + 8, bool(has_header)))
        elif tag == "p":
            self._close_paragraph(end_start)
        elif tag in EMPHASIS_TAGS and self._emphasis_starts:
            start = max(self._emphasis_starts.pop() - self._blocks_length, 0)
            self._emphasis.append((start, self._prose_length))
        elif tag in CODE_TAGS and self._code_starts:
            code_start = self._code_starts.pop()
            self._code_depth -= code_start is not None
            if code_start is not None and not self._skip_depth:
                start = max(code_start - self._blocks_length, 0)
                add_code_range(self._code, start, self._prose_length)

    def _enter_proofer_ignored(self, tag: str, marked: bool) -> None:
        if self._proofer_ignored == ("p", 1) and tag in _CLOSES_PARAGRAPH:
            self._proofer_ignored = None  # as in a browser, the tag ends the open <p>
        if tag in _VOID:
            return
        if self._proofer_ignored is not None and self._proofer_ignored[0] == tag:
            self._proofer_ignored = (tag, self._proofer_ignored[1] + 1)
        elif self._proofer_ignored is None and marked:
            self._proofer_ignored = (tag, 1)

    def _leave_proofer_ignored(self, tag: str) -> None:
        if self._proofer_ignored is not None and self._proofer_ignored[0] == tag:
            open_inside = self._proofer_ignored[1] - 1
            self._proofer_ignored = (tag, open_inside) if open_inside else None

    def _image(self, values: dict[str, str | None], start: int, proofer_ignored: bool) -> None:
        alt = values.get("alt")
        link = Link(values.get("src") or "", alt or "", start, self._tag_end(start), True, alt)
        link.source = "html"
        link.proofer_ignored = proofer_ignored
        self.document.links.append(link)
        for open_link in self._links:  # an image inside a link names the link
            open_link.parts.append(alt or "")
            open_link.code_only = False
        self._after_boundary = False

    def _close_paragraph(self, end_start: int) -> None:
        end = end_start + 4
        if self._open_paragraphs:
            start = self._open_paragraphs.pop()
            record_wall(self.document, self._text, self._base, start, end)
        else:
            self.stray_paragraph_ends.append(end)

    # -- text ------------------------------------------------------------------------
    def handle_entityref(self, name: str) -> None:
        self._on_text(html.unescape(f"&{name};"), self._offset())

    def handle_charref(self, name: str) -> None:
        self._on_text(html.unescape(f"&#{name};"), self._offset())

    def handle_data(self, data: str) -> None:
        self._on_text(data, self._offset())

    def _on_text(self, data: str, start: int) -> None:
        """Text that starts at file offset ``start``. References arrive one by one (the
        parser does not convert them), so every offset in ``data`` is a source offset."""
        if self._skip_depth:
            return
        if self._heading:
            self._heading[3].append(data)
        prose_outside_code = not self._code_depth and bool(data.strip())
        for open_link in self._links:
            open_link.parts.append(data)
            open_link.code_only = open_link.code_only and not prose_outside_code
        position = 0
        for gap in BLANK_LINE.finditer(data):
            self._add_prose(data[position : gap.start()], start + position)
            if data[position : gap.start()].strip():
                self._settle_break(text_follows=True)
            self._boundary(None)
            position = gap.end()
        rest = data[position:]
        if rest.strip():
            self._settle_break(text_follows=True)
            self._after_boundary = False
        self._add_prose(rest, start + position)

    def _add_prose(self, text: str, offset: int) -> None:
        if not text:
            return
        self._anchors.append((self._prose_length, offset))
        self._prose.append(text)
        self._prose_length += len(text)  # not len("".join(...)): that is quadratic

    def _boundary(self, tag: str | None, closing: bool = False) -> None:
        """End the current prose unit (a block tag or a blank line)."""
        self._settle_break(text_follows=False)
        text = without_template_code("".join(self._prose), self._dialect, self._code)
        text = without_name_lists(text, self._code)
        if text.strip():
            kind = "heading" if tag and _HEADING.fullmatch(tag) and closing else self._block_kind
            if self._tables and kind != "heading":
                kind = "table_cell"  # a <p> in a <td> too: read across a row, as a list
            block = Block(kind, text, self._anchors, self._code, self._emphasis, self._breaks)  # type: ignore[arg-type]
            self.document.blocks.append(block)
        self._blocks_length += self._prose_length
        self._prose, self._anchors, self._prose_length = [], [], 0
        self._emphasis, self._code, self._breaks = [], [], []
        self._after_boundary = True
        if tag and not closing:
            inside_item = "list_item" if self._items_open and tag in ("p", "div") else None
            self._block_kind = inside_item or _KIND_OF_BLOCK.get(tag, "paragraph")

    def _line_break(self, start: int) -> None:
        end = self._tag_end(start)
        removal_end = end
        line_end = re.compile(r"[ \t]*(?:\r\n|\r|\n)?").match(self._text, end - self._base)
        if line_end:
            removal_end = self._base + line_end.end()
        line_break = LineBreak(start, end, spacing=False, removal_end=removal_end)
        self._breaks.append(self._prose_length)
        if self._last_break is None:
            self._run, self._run_after_text = [], not self._after_boundary
        self._run.append(line_break)
        if self._after_boundary or self._last_break is not None:
            # Spacing; the <br> before it stays a line break if text preceded it and text
            # follows the run (``Jane<br><br>42``): see _settle_break.
            line_break.spacing = True
        self.document.breaks.append(line_break)
        self._last_break = line_break
        self._after_boundary = False

    def _settle_break(self, text_follows: bool) -> None:
        """A pending <br> followed by text is a line break; followed by a block end, spacing.
        The spacing ones of a run between two texts are a paragraph break."""
        if self._last_break is not None and not text_follows:
            self._last_break.spacing = True
        if self._last_break is not None and text_follows and self._run_after_text:
            for line_break in self._run:
                line_break.paragraph_break = line_break.spacing
        self._last_break, self._run = None, []

    def finish(self) -> list[int]:
        """Flush and return the offsets of ``<p>`` tags left open (walls may continue)."""
        self.close()
        self._boundary(None)
        for open_link in self._links:  # an <a> never closed still links
            self.document.links.append(open_link.link(open_link.start + 2))
        self._links = []
        return list(self._open_paragraphs)


# Blank lines inside these are not gaps between paragraphs (splitting there would fix
# nothing, and a fix loop would offer the same edit for ever).
# Blank lines inside these elements are part of their content (code, preformatted or
# raw text), and inside a tag or comment they are not between paragraphs at all.
_UNSPLITTABLE = frozenset({"pre", "code", "xmp", "listing", "textarea", "template", "kbd", "samp"})


def record_wall(document: Document, text: str, base: int, start: int, end: int) -> None:
    """Record a ``<p>`` element spanning ``start:end`` as a wall if blank lines split it.
    Only blank lines in its text count: never inside a tag, a comment, raw text
    (``<xmp>``, ``<script>``...) or a code or preformatted element, where a split would
    corrupt the markup or show a literal ``</p>``."""
    inner = text[start - base : end - base]
    gaps = [(start + a, start + b) for a, b in _text_gaps(inner)]
    if gaps:
        document.walls.append(ParagraphWall(start, end, gaps))


def _text_gaps(html_text: str) -> list[tuple[int, int]]:
    """Blank-line gaps in the splittable text of ``html_text`` (offsets into it)."""
    gaps: list[tuple[int, int]] = []
    inside = 0  # depth of open unsplittable elements
    for token in tokenize(html_text):
        if token.kind == "start" and token.name in _UNSPLITTABLE and not token.self_closing:
            inside += 1
        elif token.kind == "end" and token.name in _UNSPLITTABLE:
            inside = max(inside - 1, 0)
        elif token.kind == "text" and not token.raw and not inside:
            gaps.extend(
                (m.start(), m.end()) for m in BLANK_LINE.finditer(html_text, token.start, token.end)
            )
    return gaps


def outline_html(
    text: str, base: int = 0, document: Document | None = None, dialect: str = "commonmark"
) -> Document:
    document = document if document is not None else Document()
    if dialect.startswith("kramdown"):  # Jekyll runs Liquid over an HTML page too
        text = without_comments(text)
    parser = HtmlOutline(document, text, base, dialect=dialect)
    parser.feed(text)
    for start in parser.finish():
        record_wall(document, text, base, start, base + len(text))
    return document
