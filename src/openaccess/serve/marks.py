"""Findings marked where they are, in the page as it is rendered.

A finding has offsets in the page's source; the reader sees rendered HTML. Each text node
of the rendered body is found again in the source, in order (the renderer keeps the
writer's text, only the markup around it changes): first the whole node, else word by
word, never searching further than :data:`_WINDOW` characters ahead so a word that the
renderer changed (an entity, a typographic quote) cannot pull the alignment far away.
The characters of a node whose source offsets fall in a finding's range are wrapped in
``<mark data-rule="OA502">``; findings that overlap are split so the marks nest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from msgspec import Struct, field

_WINDOW = 4000  # how far ahead a text node (or word) may be from the previous one
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_SKIPPED = frozenset({"script", "style", "template"})
# As the publisher writes HTML (openaccess.publish.render): every & < > escaped, <br>.
_FORMATTER = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=""
)


class Span(Struct):
    """One finding to mark: source offsets [start, end), and how to mark it."""

    key: str  # the finding's id in the page ("oa-f3")
    rule: str
    start: int
    end: int
    on_link: bool = False  # mark the whole link (or image) the range falls in
    segments: int = 0  # how many marks it got (0: not in the rendered text)


class _Piece(Struct):
    start: int  # character index in the text node
    end: int
    span: Span
    children: list[_Piece] = field(default_factory=list)


def text_nodes(soup: BeautifulSoup) -> list[NavigableString]:
    """Every visible text node, in document order."""
    found = []
    for node in soup.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, Comment):
            continue
        if type(node) is not NavigableString:  # CData, doctype, processing instructions
            continue
        if any(parent.name in _SKIPPED for parent in node.parents if parent.name):
            continue
        found.append(node)
    return found


def align(texts: list[str], source: str, start: int) -> list[list[int]]:
    """For each text (in order), the source offset of each character (-1: not found)."""
    cursor = start
    offsets: list[list[int]] = []
    for text in texts:
        found = source.find(text, cursor, cursor + _WINDOW + len(text)) if text.strip() else -1
        if found >= 0:
            offsets.append(list(range(found, found + len(text))))
            cursor = found + len(text)
            continue
        mapped = [-1] * len(text)
        for token in _TOKEN.finditer(text):
            at = source.find(token.group(), cursor, cursor + _WINDOW)
            if at < 0:
                continue
            for i in range(len(token.group())):
                mapped[token.start() + i] = at + i
            cursor = at + len(token.group())
        _fill_whitespace(text, mapped)
        offsets.append(mapped)
    return offsets


def _fill_whitespace(text: str, mapped: list[int]) -> None:
    """Spaces between two found characters belong to the source between them."""
    previous = -1
    for i, char in enumerate(text):
        if mapped[i] >= 0:
            previous = mapped[i]
        elif char.isspace() and previous >= 0:
            mapped[i] = previous


def mark(html: str, source: str, body_start: int, spans: list[Span], describe) -> str:
    """``html`` with every span marked. ``describe(span, first)`` gives the attributes of
    one mark (``first``: the first of the span's marks) and the elements to put before
    and after it (its label and its message)."""
    soup = BeautifulSoup(html, "html.parser")
    nodes = text_nodes(soup)
    offsets = align([str(node) for node in nodes], source, body_start)
    links = [s for s in spans if s.on_link]
    _mark_links(soup, nodes, offsets, links, describe)
    texts = [s for s in spans if not s.on_link or not s.segments]  # no link: its text
    for node, mapped in zip(nodes, offsets, strict=True):
        pieces = _pieces(mapped, texts)
        if pieces:
            _replace(soup, node, pieces, describe)
    return soup.decode(formatter=_FORMATTER)


def _pieces(mapped: list[int], spans: list[Span]) -> list[_Piece]:
    """The parts of one text node each span covers, nested (overlaps are split)."""
    found = []
    located = [at for at in mapped if at >= 0]
    if not located:
        return []
    low, high = min(located), max(located)
    for span in spans:
        if span.end <= low or span.start > high:
            continue
        inside = [i for i, at in enumerate(mapped) if span.start <= at < span.end]
        if inside:
            found.append(_Piece(inside[0], inside[-1] + 1, span))
    found.sort(key=lambda piece: (piece.start, -piece.end))
    return _nest(found)


def _nest(pieces: list[_Piece]) -> list[_Piece]:
    top: list[_Piece] = []
    stack: list[_Piece] = []
    queue = list(pieces)
    while queue:
        piece = queue.pop(0)
        while stack and piece.start >= stack[-1].end:
            stack.pop()
        if stack and piece.end > stack[-1].end:  # crosses its parent's end: split it
            rest = _Piece(stack[-1].end, piece.end, piece.span)
            piece.end = stack[-1].end
            queue.append(rest)
            queue.sort(key=lambda p: (p.start, -p.end))
        (stack[-1].children if stack else top).append(piece)
        stack.append(piece)
    return top


def _replace(soup: BeautifulSoup, node: NavigableString, pieces: list[_Piece], describe) -> None:
    text = str(node)
    parts = list(_build(soup, text, 0, len(text), pieces, describe))
    for part in parts:
        node.insert_before(part)
    node.extract()


def _build(soup, text: str, start: int, end: int, pieces: list[_Piece], describe) -> Iterator:
    position = start
    for piece in pieces:
        if piece.start > position:
            yield NavigableString(text[position : piece.start])
        before, attributes, after = describe(piece.span, piece.span.segments == 0)
        piece.span.segments += 1
        tag = soup.new_tag("mark", attrs=attributes)
        for child in _build(soup, text, piece.start, piece.end, piece.children, describe):
            tag.append(child)
        yield from before
        yield tag
        yield from after
        position = piece.end
    if position < end:
        yield NavigableString(text[position:end])


def _mark_links(soup, nodes, offsets, spans: list[Span], describe) -> None:
    """Link findings mark the link (or image) whose text lies in their range."""
    for span in spans:
        element = _element_at(nodes, offsets, span)
        if element is None:
            continue
        before, attributes, after = describe(span, True)
        span.segments += 1
        wrapper = soup.new_tag("mark", attrs=attributes)
        element.wrap(wrapper)
        for part in before:
            wrapper.insert_before(part)
        for part in reversed(after):
            wrapper.insert_after(part)


def _element_at(nodes, offsets, span: Span) -> Tag | None:
    for node, mapped in zip(nodes, offsets, strict=True):
        if any(span.start <= at < max(span.end, span.start + 1) for at in mapped):
            for parent in node.parents:
                if parent.name == "a":
                    return parent
            return None
    return None
