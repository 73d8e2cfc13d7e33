"""Definition lists, read line by line: where each definition is, and the terms kramdown
gives ids; and the code fences such line scans step over.

kramdown 2.4.0 gives each ``<dt>`` of a definition list an id made from its text when
the list's block IAL names ``auto_ids`` (``auto_ids-g-`` adds the prefix ``g-``):
converter/html.rb ``convert_dt``. Carpentries lessons write their glossaries so, and
link to the terms (``reference.html#absolute-path``).

As kramdown reads it (parser/kramdown/list.rb): a ``:`` line after a paragraph makes
each of the paragraph's lines a term, also across one blank line; the paragraph's IAL
(``{:auto_ids}`` on the line right before it) is the list's, and so is an IAL on the
line right after the list's last definition. Terms with their definitions after a blank
line join the list above. One pass over the lines: linear.
"""

from __future__ import annotations

import re

from msgspec import Struct, field

# A block IAL alone on its line: ``{: .x auto_ids}``; not an ALD (``{:name: ...}``).
_BLOCK_IAL = re.compile(r" {0,3}\{:(?![\w-]*:)([^}\n]*)\}[ \t]*")
_AUTO_IDS = re.compile(r"(?:^|\s)auto_ids(?:-([\w-]+))?")
# A def_list definition (def_list.py RE): up to three spaces, a colon, one to three spaces,
# then its first line of text; its further paragraphs are indented by four spaces.
DEFINITION = re.compile(r"^ {0,3}: {1,3}(?=\S)", re.MULTILINE)
_KRAMDOWN_DEFINITION = re.compile(r" {0,3}:[ \t]")  # list.rb DEFINITION_LIST_START
# Lines that start another kind of block, never a term: headings, list items, quotes,
# tables, HTML, code fences, thematic breaks.
OTHER_BLOCK = re.compile(r" {0,3}(?:#|>|[-*+][ \t]|\d{1,9}[.)][ \t]|<|\||`{3}|~{3}|[-*_=]{3})")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")

TermLine = tuple[int, str, str]  # (offset in the body, the term's line, the id prefix)


class _List(Struct):
    """A definition list being read: its terms, and its ``auto_ids`` prefix if any."""

    prefix: str | None
    terms: list[tuple[int, str]] = field(default_factory=list)


def kramdown_auto_id_terms(body: str) -> list[TermLine]:
    """Each term that kramdown gives an id, with where it starts and the id's prefix."""
    if "auto_ids" not in body:
        return []
    return _Reader().read(body)


class _Reader:
    def __init__(self) -> None:
        self.found: list[TermLine] = []
        self.open: _List | None = None  # the list new terms would join
        self.in_definition = False  # the last line read belongs to a definition
        self.paragraph: list[tuple[int, str]] = []
        self.paragraph_prefix: str | None = None  # from an IAL right before or after it
        self.before_blank: tuple[list[tuple[int, str]], str | None] | None = None
        self.ial_above: str | None = None  # an IAL naming auto_ids, for the next block
        self.blank = True  # the previous line was blank, or there was none
        self.blank_line = False  # the previous line was blank
        self.ial_waits = False  # the IAL above followed a blank line: it waits past others

    def read(self, body: str) -> list[TermLine]:
        fence, offset = "", 0
        for line in body.splitlines(keepends=True):
            text = line.rstrip("\r\n")
            if fence or _FENCE.match(text):
                fence = next_fence(fence, text)
                self._other_block(inside_definition=text[:1] in " \t")
            elif not text.strip():
                self._blank_line()
            elif ial := _BLOCK_IAL.fullmatch(text):
                self._ial(_auto_ids_prefix(ial.group(1)))
            elif _KRAMDOWN_DEFINITION.match(text):
                self._definition()
            else:
                self._text(offset, text)
            offset += len(line)
        self._close()
        return self.found

    def _blank_line(self) -> None:
        """A blank line ends a paragraph; an IAL above it waits for the next block, past
        any number of blank lines (kramdown hands its ``@block_ial`` to the next block:
        the Carpentries' glossaries put a blank line after ``{: auto_ids}``)."""
        if self.paragraph:
            self.before_blank = (self.paragraph, self.paragraph_prefix)
            self.paragraph = []
        if not self.ial_waits:  # at the page's start, the blank line takes the IAL
            self.ial_above = None
        self.blank = self.blank_line = True

    def _ial(self, prefix: str | None) -> None:
        """An IAL right after a block is that block's; after a blank line, the next's."""
        if self.in_definition and not self.blank and self.open is not None:
            if prefix is not None:
                self.open.prefix = prefix
            self._close()
        elif self.paragraph and not self.blank:  # it ends the paragraph
            prefix = self.paragraph_prefix if prefix is None else prefix
            self.before_blank, self.paragraph = (self.paragraph, prefix), []
        self.ial_above = prefix if self.blank else None
        self.ial_waits = self.blank_line
        self.blank = self.blank_line = False

    def _definition(self) -> None:
        self.blank_line = False
        terms, prefix = self.paragraph, self.paragraph_prefix
        if not terms and self.blank and self.before_blank is not None:
            terms, prefix = self.before_blank  # a blank line between terms and ":"
        if terms:
            if self.open is None:
                self.open = _List(prefix)
            self.open.terms += terms
        elif self.open is None:
            return
        self.paragraph, self.before_blank = [], None
        self.in_definition, self.blank, self.ial_above = True, False, None

    def _text(self, offset: int, text: str) -> None:
        self.blank_line = False
        if self.in_definition and (not self.blank or text[:1] in " \t"):
            self.blank = False  # a definition's next line, or its next indented paragraph
            return
        if OTHER_BLOCK.match(text):
            self._other_block(inside_definition=False)
            return
        if self.in_definition:  # after a blank line: terms joining the list, or its end
            self.in_definition = False
        elif self.open is not None and self.paragraph == [] and self.before_blank:
            self._close()  # a paragraph came between the list and this one
        if self.blank or not self.paragraph:
            self.paragraph, self.paragraph_prefix = [], self.ial_above
            self.before_blank = None
        self.paragraph.append((offset, text))
        self.blank, self.ial_above = False, None

    def _other_block(self, inside_definition: bool) -> None:
        self.blank_line = False
        if not (inside_definition and self.in_definition):
            self._close()
            self.paragraph, self.before_blank = [], None
        self.blank, self.ial_above = False, None

    def _close(self) -> None:
        if self.open is not None and self.open.prefix is not None:
            prefix = self.open.prefix
            self.found += [(offset, text, prefix) for offset, text in self.open.terms]
        self.open, self.in_definition = None, False


def _auto_ids_prefix(ial: str) -> str | None:
    """The id prefix an IAL's ``auto_ids`` reference asks for ("" for none); None when it
    names no ``auto_ids``."""
    match = _AUTO_IDS.search(ial)
    return None if match is None else match.group(1) or ""


def definition_regions(body: str, with_terms: bool = False) -> list[tuple[int, int]]:
    """Each definition of a definition list (kramdown's, Python-Markdown's def_list): its
    ``: `` line and the lines that go on with it, indented, or right after a line of it
    (lazy); ``with_terms``: from its term right above (where CommonMark reads term and
    definition as one paragraph, as on a Pandoc lesson's glossary). A blank line then a
    line at the margin ends it. A reader looks a term up, as in a list (Homebrew's man
    page: an option list of 600 words under one command)."""
    regions: list[tuple[int, int]] = []
    start: int | None = None  # the open definition's first offset
    fence, offset, blank = "", 0, False
    term: int | None = None  # where the line above starts, when it is text: a term
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if start is not None and content.strip():
            if blank and content[:1] not in " \t":
                regions.append((start, offset))
                start = None
            blank = False
        elif start is not None:
            blank = True
        if start is None and content.strip():
            in_code, fence = fence, next_fence(fence, content.lstrip())
            if not (in_code or fence) and DEFINITION.match(content):
                start = term if with_terms and term is not None else offset
        term = offset if content.strip() and start is None else None
        offset += len(line)
    if start is not None:
        regions.append((start, offset))
    return regions


def next_fence(fence: str, line: str) -> str:
    """The code fence open after ``line``: CommonMark closes one with a line of at least
    as many of the same characters and nothing else."""
    found = _FENCE.match(line)
    if not fence:
        return found.group(1) if found else ""
    closes = found and found.group(1).startswith(fence) and not line[found.end() :].strip()
    return "" if closes else fence
