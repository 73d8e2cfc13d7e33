"""The source-format-neutral outline of a page body that rules work on.

Markdown (``parse/markdown.py``) and HTML (``parse/html.py``) are both reduced to the same
facts: headings, links and images, tables, line breaks, paragraph walls and prose blocks.
Every fact keeps character offsets into the original file text, so rules never guess lines.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from operator import itemgetter
from typing import Literal

from msgspec import Struct, field

from openaccess.routing.ids import IdSyntax


def overlaps(start: int, end: int, starts: list[int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted by start and apart, such as
    a block's code spans; ``starts`` their starts): a binary search, so a block with
    thousands of them stays linear."""
    position = bisect.bisect_right(starts, end - 1) - 1
    return position >= 0 and spans[position][1] > start


# Blocks built for scanning, not reading through: a long run of them is no wall of text.
SCANNED_KINDS = frozenset({"list_item", "table_cell"})
BlockKind = Literal["paragraph", "list_item", "heading", "blockquote", "table_cell"]
# One piece of a heading's inline content as parsed: ("text", decoded text), ("code", a
# code span's content), ("html", a raw inline tag as written) or ("break", "").
HeadingPart = tuple[Literal["text", "code", "html", "break"], str]
# An anchor's index into its block's text: what ``Block.offset_at`` searches by.
_text_index = itemgetter(0)


class Heading(Struct):
    """A heading. ``text`` is what rules read; ``parts``, ``raw`` and ``attribute`` keep
    what each generator's id rule needs (routing/ids.py): the inline pieces, the source
    line as written (Hugo slugs that), and a trailing ``{#id}`` attribute list."""

    level: int
    text: str
    start: int
    end: int
    explicit_id: str | None = None
    source: Literal["markdown", "html"] = "markdown"
    parts: tuple[HeadingPart, ...] = ()  # includes the attribute list, as written
    raw: str = ""  # the last source line of the content (attribute list included)
    attribute: str = ""  # the trailing attribute list as it ends ``raw``, e.g. " {#begin}"
    attribute_syntax: IdSyntax = IdSyntax.NONE  # the syntaxes ``attribute`` is written in
    # The parts as Python-Markdown reads them, when its fewer backslash escapes change
    # them (``\<b>`` is an escaped "<" in CommonMark, a raw tag in Python-Markdown).
    python_markdown_parts: tuple[HeadingPart, ...] | None = None
    ial_id: str | None = None  # a kramdown {: #id} line right below the heading, or above


class Anchor(Struct):
    """An id the page sets itself ({#id}, an attribute list, raw HTML ``id`` or ``<a
    name>``), with the syntaxes it is written in: a generator creates it only when it
    honours one of them (routing/ids.py ``page_ids``)."""

    id: str
    start: int
    syntax: IdSyntax


class Term(Struct):
    """A term of a definition list that kramdown gives an id (``{:auto_ids}`` on its
    list): its inline parts, read as a heading's, and the prefix the IAL asks for."""

    start: int
    parts: tuple[HeadingPart, ...]
    prefix: str


class Footnote(Struct):
    """A footnote that is both defined and referenced, in order of first reference."""

    label: str
    start: int  # the line of its first reference
    references: int


class Link(Struct):
    """A link, image or loaded resource of a page, with its offsets in the page text."""

    href: str
    text: str
    start: int
    end: int
    image: bool = False
    alt: str | None = None  # images only; None when the alt attribute is missing
    source: Literal["markdown", "html"] = "markdown"
    resource: bool = False  # a file raw HTML loads (Document.resources), not a link
    # Its whole text is a Markdown code span: a literal (a keyword, a value, a parameter,
    # an address to type), written as code on purpose; the link-text rules leave it be.
    code: bool = False
    # In raw HTML marked ``data-proofer-ignore`` (html-proofer's mark, common on Jekyll
    # sites: a sample whose links go nowhere on purpose): where it leads is not judged.
    proofer_ignored: bool = False


class Table(Struct):
    """A table's offsets in the page text, and whether it has a header row."""

    start: int
    end: int
    has_header: bool


class LineBreak(Struct):
    """A ``<br>``; ``spacing`` when it only adds vertical space (not between two text lines),
    and ``paragraph_break`` too when it is one of a run between two texts: ``a<br><br>b``
    shows two paragraphs, which removing it would join."""

    start: int
    end: int
    spacing: bool = False
    removal_end: int = -1  # end of the span a fix deletes (the tag and its own line break)
    paragraph_break: bool = False


class ParagraphWall(Struct):
    """A raw ``<p>`` element whose text holds blank lines: one paragraph to a browser."""

    start: int
    end: int
    gaps: list[tuple[int, int]]  # offsets of each blank-line run inside the element


class Block(Struct):
    """A unit of prose (paragraph, list item, heading) with offsets for every character.

    ``anchors`` holds (index into ``text``, offset in the file) for each verbatim run, so a
    sentence found at ``text[i:]`` maps back to its line.
    """

    kind: BlockKind
    text: str
    anchors: list[tuple[int, int]] = field(default_factory=list)
    # (start, end) indices into ``text`` of inline code spans: names, not words, to the
    # readability measurement.
    code: list[tuple[int, int]] = field(default_factory=list)
    # (start, end) indices into ``text`` of bold and italic runs (``**term**``, ``*term*``,
    # ``<strong>``, ``<em>``, ``<b>``, ``<i>``, ``<dfn>``): how writers mark the terms a
    # page teaches, which the readability measurement counts as familiar.
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    # Indices into ``text`` of hard line breaks (a line ending in ``\\`` or two spaces, a
    # ``<br>``): the reader sees a new line there, so a sentence ends unless the next line
    # goes on in lower case (a label and its value, an address, a credits line).
    breaks: list[int] = field(default_factory=list)

    def offset_at(self, index: int) -> int:
        if not self.anchors:
            return 0
        position = max(bisect.bisect_right(self.anchors, index, key=_text_index) - 1, 0)
        text_index, offset = self.anchors[position]
        return offset + max(index - text_index, 0)

    @property
    def start(self) -> int:
        return self.offset_at(0)


class Document(Struct):
    """What the rules read of a parsed page: headings, links, tables and other parts."""

    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # Files raw HTML loads (stylesheets, scripts, media, srcset candidates): their targets
    # are checked like links', but they are not links a reader follows.
    resources: list[Link] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    breaks: list[LineBreak] = field(default_factory=list)
    walls: list[ParagraphWall] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)  # explicit id -> offset, any syntax
    anchors: list[Anchor] = field(default_factory=list)  # the same ids, with their syntax
    footnotes: list[Footnote] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)  # kramdown's auto_ids terms
    # (start, end) file offsets of tabs, steps and collapsed details: a reader sees one
    # part at a time, so their text is built for scanning, as a list is. Sorted, apart.
    scanned: list[tuple[int, int]] = field(default_factory=list)
    # (start, end) file offsets of boxes fenced with colons (Pandoc's ``::: callout``,
    # Docusaurus' ``:::tip``): a heading in one titles the box, not a section of the page.
    boxes: list[tuple[int, int]] = field(default_factory=list)
    language: str | None = None  # an HTML page's <html lang>
    language_offset: int = 0

    def add_anchor(self, value: str, start: int, syntax: IdSyntax) -> None:
        self.ids.setdefault(value, start)
        self.anchors.append(Anchor(value, start, syntax))

    @property
    def images(self) -> list[Link]:
        return [link for link in self.links if link.image]

    def prose_word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.kind != "heading")

    def list_word_count(self) -> int:
        """The words of ``prose_word_count`` in list items, (HTML) table cells, tabs,
        steps and details: text built for scanning."""
        return sum(len(b.text.split()) for b in self.blocks if self.is_scanned(b))

    def box_of(self, block: Block) -> tuple[int, int] | None:
        """The box fenced with colons that the block stands in (see ``boxes``), if any."""
        index = _region_index(self.boxes, block.start)
        return self.boxes[index] if index is not None else None

    def is_scanned(self, block: Block) -> bool:
        """Whether the block is built for scanning (see ``SCANNED_KINDS``, ``scanned``)."""
        return block.kind in SCANNED_KINDS or _starts_in(self.scanned, block.start)


def _starts_in(regions: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``regions`` (sorted (start, end), apart)."""
    return _region_index(regions, offset) is not None


def _region_index(regions: list[tuple[int, int]], offset: int) -> int | None:
    """The index of the one of ``regions`` (sorted (start, end), apart) that ``offset``
    falls in, if any."""
    index = bisect.bisect_right(regions, (offset, float("inf"))) - 1
    return index if index >= 0 and regions[index][0] <= offset < regions[index][1] else None
