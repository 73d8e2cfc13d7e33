"""Attribute lists that set ids: ``{#id}``, ``{: #id .class }``, ``{ #id }``.

Python-Markdown's attr_list, kramdown's inline attribute lists (IALs) and goldmark's
attributes share the braces but not the details; each match records which of those
syntaxes it is written in (:class:`~openaccess.routing.ids.IdSyntax`), so the router can
keep only the ids the site's generator really creates.
"""

from __future__ import annotations

import re

from msgspec import Struct

from openaccess.routing.ids import IdSyntax

# One attribute list: braces around anything but braces and newlines. Every pattern here
# is anchored and greedy over a class that excludes its end, so matching is linear.
_LIST = re.compile(r"\{(?P<colon>:?)(?P<body>[^{}\n]*)\}")
# kramdown's header id (parser/kramdown/header.rb HEADER_ID): an XML name, which starts
# with a letter, ``_`` or ``:`` and goes on with those, digits, ``-`` and ``.``:
# ``{#EXPECT_CALL.Times}`` and ``{#Listeners::Release}`` set ids, ``{#1abc}`` is text
# (kramdown 2.4, Jekyll 4.3).
_KRAMDOWN_ID = re.compile(r"#(?:[^\W\d]|:)[\w.:-]*")
# ``#name`` or ``id=value`` (value bare or quoted), each starting a word of the list.
_ID_WORD = re.compile(
    r"(?:^|(?<=\s))(?:#(?P<hash>\S+)"
    r"""|id=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+)))"""
)
_BLANK = frozenset(" \t")
# A list of attributes goldmark reads: ``#id``, ``.class`` and ``key=value`` words (a bare
# word makes the braces text there). An id or class name runs to a space or to ASCII
# punctuation other than ``_-:.`` (goldmark parser/attribute.go ``parseAttribute``), so
# ``{#v0.16.0}`` sets the id ``v0.16.0`` (Docsy's changelog; Hugo 0.111 and 0.168).
# Anchored, and each word a run of one class: linear.
_NAME = r"""[^\s!"#$%&'()*+,/;<=>?@\[\\\]^`{|}~]+"""
_ATTRIBUTE = rf"""(?:[#.]{_NAME}|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"']+))"""
_ATTRIBUTES = re.compile(rf"{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*")


class AttributeList(Struct, frozen=True):
    """An attribute list ending a heading (``{#id}``, ``{: .class }``), as written."""

    text: str  # as written, with the whitespace before the brace
    id: str | None  # None: a list that sets no id (a class, a bare word)
    syntax: IdSyntax


def list_id(body: str) -> str | None:
    """The id an attribute list's body sets: its last ``#name`` or ``id=value`` word
    (``{ id="9.7.0" }`` in Python-Markdown, kramdown and goldmark alike)."""
    found = None
    for match in _ID_WORD.finditer(body):
        found = next(
            value for value in match.group("hash", "dq", "sq", "bare") if value is not None
        )
    return found or None


def trailing_heading_list(content: str) -> AttributeList | None:
    """The attribute list ending a heading's content: the generators that read it take
    it out of the heading's text, and its id (when it sets one) is the heading's.

    Python-Markdown wants spaces before the brace (attr_list.py HEADER_RE) and takes
    ``{: #id}``, and any word there (``{: android}``, cibuildwheel's docs: the heading's
    id is then ``android``); kramdown's header id is exactly ``{#id}``
    (parser/kramdown/header.rb HEADER_ID); goldmark takes ``{#id .class}`` but not the
    colon nor a bare word, and also with no space before it (``## 开始之前{#before-you-begin}``
    on Istio's site; checked on Hugo 0.111 and 0.164)."""
    stripped = content.rstrip(" \t")
    brace = stripped.rfind("{")
    match = _LIST.fullmatch(stripped, brace) if brace > 0 else None
    if match is None:
        return None
    body = match.group("body").strip(" \t")
    found = list_id(body)
    tight = stripped[brace - 1] not in _BLANK
    attributes = _ATTRIBUTES.fullmatch(body) is not None  # goldmark's: #id .class key=value
    if tight and (match.group("colon") or not found or not attributes):
        return None
    if tight:  # goldmark only
        syntax = IdSyntax.TIGHT_HEADING_ATTRIBUTES
    elif match.group("colon") or not attributes:  # Python-Markdown only
        syntax = IdSyntax.ATTR_LIST
    elif found is not None and _KRAMDOWN_ID.fullmatch(body):
        syntax = IdSyntax.HEADING_ID
    else:
        syntax = IdSyntax.HEADING_ATTRIBUTES
    blank_start = len(stripped[:brace].rstrip(" \t"))
    return AttributeList(content[blank_start:].rstrip(" \t"), found, syntax)


def fence_list(info: str) -> str | None:
    """The id a code fence's info string sets when it is one attribute list, as
    Python-Markdown's fenced_code and pymdownx.superfences read it: ```{ .sh #id }, or
    after a language, as superfences also reads it: ```python { #id }."""
    match = _FENCE_LIST.fullmatch(info.strip(" \t"))
    return list_id(match.group("body")) if match else None


_FENCE_LIST = re.compile(r"(?:[\w#.+-]+[ \t]*)?" + _LIST.pattern)


def line_list(line: str) -> tuple[str, bool] | None:
    """(id, has colon) when a whole line is an attribute list that sets an id."""
    match = _LIST.fullmatch(line.strip(" \t"))
    if not match or match.group("body").lstrip(" \t").startswith(":"):
        return None  # {:name: ...} defines attributes for later, it sets no id
    found = list_id(match.group("body"))
    return (found, bool(match.group("colon"))) if found else None


def block_line_syntax(
    index: int, count: int, colon: bool, in_list: bool, kept_in_list: bool = False
) -> IdSyntax:
    """Who reads an attribute-list line at ``index`` of a paragraph of ``count`` lines.

    Python-Markdown's attr_list takes the block's last line (attr_list.py BLOCK_RE, with
    or without the colon); kramdown takes ``{:`` lines as block IALs before or after a
    block, and in a list only where ``kept_in_list`` (the list item's last line when it
    is lazy, at the line start, which names the list, or in a loose list, where it names
    the item's paragraph; in a tight list that paragraph has no tag to hold the id:
    kramdown 2.4); goldmark (Hugo attribute.block) takes a ``{...}`` line without the
    colon after a block."""
    syntax = IdSyntax.NONE
    last = index == count - 1
    if last and count > 1:
        syntax |= IdSyntax.ATTR_LIST
        if not colon and not in_list:
            syntax |= IdSyntax.BLOCK_ATTRIBUTES
    kramdown = not in_list or (last and count > 1 and kept_in_list)
    if colon and (index == 0 or last) and kramdown:
        syntax |= IdSyntax.KRAMDOWN_IAL
    return syntax


def leading_list(text: str) -> tuple[str, IdSyntax] | None:
    """(id, syntax) for an attribute list opening ``text`` right after an inline element
    (an image, link, emphasis): Python-Markdown reads it (attr_list.py INLINE_RE),
    kramdown too when it starts ``{:`` (a span IAL)."""
    match = _LIST.match(text)
    if not match or not (found := list_id(match.group("body"))):
        return None
    syntax = IdSyntax.ATTR_LIST
    if match.group("colon"):
        syntax |= IdSyntax.KRAMDOWN_IAL
    return found, syntax


# Inline spans that pymdownx makes out of plain text, longest marker first: ^^ins^^ and
# ^sup^ (caret), ~sub~ (tilde), ==mark== (mark), ++ctrl+alt++ (keys). CommonMark reads
# them as text, so an attribute list after one is inside a text token.
_SPAN_MARKERS = ("^^", "^", "~", "==", "++")
_EMOJI_NAME = re.compile(r"[+\-\w]+")


def span_lists(text: str) -> list[tuple[int, str, IdSyntax]]:
    """(offset, id, syntax) of every attribute list in ``text`` that follows one of
    those spans directly (``CSS^†^{#fn_1}``), or an emoji shortcode (``:smile:{#one}``):
    Python-Markdown's attr_list reads a list at the start of any inline element's tail
    (attr_list.py INLINE_RE), so the id lands on the ``<sup>``, or on the emoji's
    ``<img>`` or ``<span>`` when pymdownx.emoji makes one. Each span is looked for only
    after the previous list: linear time."""
    found = []
    floor = 0
    for match in _LIST.finditer(text):
        value = list_id(match.group("body"))
        if value and _closes_span(text, floor, match.start()):
            found.append((match.start(), value, IdSyntax.ATTR_LIST))
        elif value and _closes_emoji(text, floor, match.start()):
            found.append((match.start(), value, IdSyntax.EMOJI_ATTRIBUTES))
        floor = match.end()
    return found


def _closes_emoji(text: str, floor: int, end: int) -> bool:
    """Whether ``text[floor:end]`` ends with an emoji or icon shortcode, ``:name:``
    (pymdownx.emoji's RE_EMOJI)."""
    if not text.endswith(":", floor, end):
        return False
    opener = text.rfind(":", floor, end - 1)
    return opener >= 0 and _EMOJI_NAME.fullmatch(text, opener + 1, end - 1) is not None


def _closes_span(text: str, floor: int, end: int) -> bool:
    """Whether ``text[floor:end]`` ends with a marked span: a closing marker, and an
    opening one before it with no space just inside either."""
    for marker in _SPAN_MARKERS:
        if not text.endswith(marker, floor, end):
            continue
        close = end - len(marker)
        opener = text.rfind(marker, floor, close)
        inner = text[opener + len(marker) : close] if opener >= 0 else ""
        return bool(inner) and not inner[0].isspace() and not inner[-1].isspace()
    return False
