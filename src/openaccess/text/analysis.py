"""Measure a page's prose: sentences, paragraphs and sections with exact file offsets.

Only prose is measured: paragraphs, list items and block quotes of the body, as the
parsers put them in ``page.document.blocks`` (front matter, code blocks, HTML tags, alt
text and link URLs never get there). Each block is segmented on its own with syntok, so a
heading or a list item is never glued to the next sentence; headings are kept only as
section boundaries and are not scored.

Counts follow textstat 0.7.13 exactly, sentence by sentence: words are textstat's
``list_words`` (punctuation removed, contractions and hyphenated words are one word) and
syllables are textstat's ``count_syllables`` per word (CMUdict first pronunciation for
English, Pyphen otherwise). The page grade is textstat's Flesch-Kincaid formula over the
summed counts, with syntok's sentence count in place of textstat's own splitter::

    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59
    ease  = base - a * words / sentences - b * syllables / words   (per-language a, b)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from openaccess.text import engine

if TYPE_CHECKING:
    from openaccess.document import Block, Document, Heading

WORDS_PER_MINUTE = 238  # Brysbaert (2019), silent reading of English non-fiction
PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote"})

_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")  # textstat's constants
_PUNCTUATION = re.compile(r"[^\w\s\']")
# A GitHub alert marker ("> [!NOTE]") opening a block is markup, not a sentence.
_ALERT = re.compile(r"\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*", re.IGNORECASE)
# A block with no sentence-ending mark followed by more text is one sentence: skip syntok.
_POSSIBLE_BOUNDARY = re.compile(r"[.!?…。][\"'”’)\]]*\s+\S")


@dataclass(slots=True)
class Sentence:
    text: str
    start: int  # offsets into the page text
    end: int
    words: int
    syllables: int
    paragraph: int  # index into PageText.paragraphs

    @property
    def grade(self) -> float:
        """This sentence's own Flesch-Kincaid grade (its words and syllables, 1 sentence)."""
        return fk_grade(self.words, 1, self.syllables) or 0.0


@dataclass(slots=True)
class Paragraph:
    kind: str
    start: int
    end: int
    section: int
    sentences: list[int] = field(default_factory=list)  # indices into PageText.sentences
    words: int = 0
    syllables: int = 0


@dataclass(slots=True)
class Section:
    heading: str | None  # None: the text before the first heading
    level: int
    start: int
    words: int = 0
    sentence_count: int = 0
    syllables: int = 0

    @property
    def grade(self) -> float | None:
        return fk_grade(self.words, self.sentence_count, self.syllables)


@dataclass(slots=True)
class PageText:
    language: str
    supported: bool
    sentences: list[Sentence] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    has_headings: bool = False

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def syllables(self) -> int:
        return sum(s.syllables for s in self.sentences)

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)

    @property
    def grade(self) -> float | None:
        return fk_grade(self.words, self.sentence_count, self.syllables)

    @property
    def reading_ease(self) -> float | None:
        return reading_ease(self.language, self.words, self.sentence_count, self.syllables)

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    def paragraph_grade(self, paragraph: Paragraph) -> float | None:
        return fk_grade(paragraph.words, len(paragraph.sentences), paragraph.syllables)


def fk_grade(words: int, sentences: int, syllables: int) -> float | None:
    """textstat's Flesch-Kincaid grade; None when there is nothing to score."""
    if not words or not sentences:
        return None
    if not syllables:
        return 0.0  # textstat returns 0.0 when either average is 0
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def reading_ease(language: str, words: int, sentences: int, syllables: int) -> float | None:
    """textstat's Flesch reading ease with its per-language constants."""
    if not words or not sentences:
        return None
    if not syllables:
        return 0.0
    config = engine.backend().utils.get_lang_cfg
    root = language.split("_")[0]
    return (
        config(root, "fre_base")
        - config(root, "fre_sentence_length") * (words / sentences)
        - config(root, "fre_syll_per_word") * (syllables / words)
    )


def list_words(text: str) -> list[str]:
    """textstat's ``list_words(text)`` (default arguments) without its cache, URLs removed."""
    if "://" in text or "www." in text or "@" in text:
        text = _URL.sub(" ", text)
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text).split()


class SyllableCounter:
    """textstat's per-word syllable count, remembered per word (thread-safe: plain dict
    writes of identical values). The memory is bounded: a long run over random or huge
    input must not grow without limit."""

    MAX_REMEMBERED = 200_000

    def __init__(self, language: str) -> None:
        engine.backend()
        self.language = language
        self.table = engine.syllable_table().counts if language.split("_")[0] == "en" else {}
        self.pyphen = engine.hyphenator(language)
        self.cache: dict[str, int] = {}

    def word(self, word: str) -> int:
        lowered = word.lower()
        count = self.cache.get(lowered)
        if count is None:
            count = self.table.get(lowered)
            if count is None:
                count = len(self.pyphen.positions(lowered)) + 1 if self.pyphen else 0
            if len(self.cache) >= self.MAX_REMEMBERED:
                self.cache.clear()
                if self.pyphen is not None:  # Pyphen remembers every word it hyphenates
                    self.pyphen.hd.cache.clear()
            self.cache[lowered] = count
        return count

    def words(self, words: list[str]) -> int:
        return sum(self.word(w) for w in words)


@cache
def syllable_counter(language: str) -> SyllableCounter:
    """One counter per language for the process (threads share it: see SyllableCounter)."""
    return SyllableCounter(language)


@cache
def _tokenizer() -> Any:
    from syntok.tokenizer import Tokenizer

    # Keep "don't" verbatim so token offsets and values match the source text.
    return Tokenizer(replace_not_contraction=False)


@cache
def _syntok_abbreviations() -> frozenset[str]:
    from syntok._segmentation_states import State

    return State.abbreviations | State.months


# "word. Next": a lowercase word (not an abbreviation) ends with one terminal, a space, then
# a capitalised word. syntok splits there; cutting such clear boundaries first means syntok
# only runs on the pieces that may hold a subtler one (2.5 times faster on real pages).
_CLEAR_BOUNDARY = re.compile(r"(?<![\w.'’-])([a-z]{3,})[.!?] +(?=[A-Z][a-z]+\b)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) indices of each sentence in ``text``, as syntok segments it."""
    spans: list[tuple[int, int]] = []
    alert = _ALERT.match(text)
    piece = scanned = alert.end() if alert else 0
    depth = [0, 0, 0]  # unclosed (), [] and {} since the piece began: no cut inside them
    for match in _CLEAR_BOUNDARY.finditer(text, piece):
        segment = text[scanned : match.end(1)]  # each character is scanned once: linear
        scanned = match.end(1)
        if (
            "(" in segment
            or ")" in segment
            or "[" in segment
            or "]" in segment
            or ("{" in segment or "}" in segment)
        ):
            for index, (opening, closing) in enumerate(("()", "[]", "{}")):
                depth[index] += segment.count(opening) - segment.count(closing)
        if match.group(1) in _syntok_abbreviations() or any(depth):
            continue
        spans.extend((piece + a, piece + b) for a, b in syntok_sentences(text[piece : match.end()]))
        piece = scanned = match.end()
    spans.extend((piece + a, piece + b) for a, b in syntok_sentences(text[piece:]))
    return spans


def syntok_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) indices of each sentence in ``text``, found by syntok.

    Text with no terminal mark followed by a space is one sentence without asking syntok,
    so dotted names (``System.Management.Automation``, ``example.com``) never split.
    """
    stripped = text.strip()
    if not stripped:
        return []
    if not _POSSIBLE_BOUNDARY.search(stripped):
        start = text.index(stripped[0])
        return [(start, start + len(stripped))]
    from syntok.segmenter import split

    spans = []
    for tokens in split(_tokenizer().tokenize(text)):
        if tokens:
            last = tokens[-1]
            spans.append((tokens[0].offset, last.offset + len(last.value)))
    return spans


def analyse(document: Document, language: str, body_start: int = 0) -> PageText:
    """Segment and count every prose block of a document (``language`` as textstat spells
    it). Blocks before ``body_start`` are skipped: front matter that could not be parsed
    is still not prose."""
    supported = engine.supports(language)
    result = PageText(language, supported)
    if not supported:
        return result
    counter = syllable_counter(language)
    blocks = [block for block in document.blocks if block.start >= body_start]
    result.sections.append(Section(None, 0, blocks[0].start if blocks else 0))
    headings = sorted(document.headings, key=lambda heading: heading.start)
    heading_starts = [heading.start for heading in headings]
    for block in blocks:
        if block.kind == "heading":
            result.has_headings = True
            level, start = _heading_of(headings, heading_starts, block)
            result.sections.append(Section(" ".join(block.text.split()), level, start))
            continue
        if block.kind in PROSE_KINDS:
            _add_block(result, block, counter)
    if not result.sections[0].words and len(result.sections) > 1:
        del result.sections[0]
        for paragraph in result.paragraphs:
            paragraph.section -= 1
    return result


def _heading_of(headings: list[Heading], starts: list[int], block: Block) -> tuple[int, int]:
    """Level and start offset (the ``#`` or ``<h2>``) of the heading a block is the text of.

    ``headings`` are sorted by start (``starts`` beside them): a binary search keeps pages
    with thousands of headings linear.
    """
    start = block.start
    index = bisect.bisect_right(starts, start) - 1
    if index >= 0:
        heading = headings[index]
        if start < max(heading.end, heading.start + 1):
            return heading.level, heading.start
    return 2, start


def _offset_function(block: Block) -> Callable[[int], int]:
    """``block.offset_at`` with the anchor keys built once per block, not once per call
    (a paragraph with thousands of links and sentences stays linear)."""
    anchors = block.anchors
    if not anchors:
        return lambda index: 0
    keys = [anchor[0] for anchor in anchors]

    def offset_at(index: int) -> int:
        text_index, offset = anchors[max(bisect.bisect_right(keys, index) - 1, 0)]
        return offset + max(index - text_index, 0)

    return offset_at


def _add_block(result: PageText, block: Block, counter: SyllableCounter) -> None:
    section_index = len(result.sections) - 1
    section = result.sections[section_index]
    text = block.text
    paragraph = Paragraph(block.kind, 0, 0, section_index)
    offset_at = _offset_function(block)
    for start, end in split_sentences(text):
        words = list_words(text[start:end])
        if not words:
            continue
        syllables = counter.words(words)
        sentence = Sentence(
            " ".join(text[start:end].split()),
            offset_at(start),
            offset_at(end - 1) + 1,
            len(words),
            syllables,
            len(result.paragraphs),
        )
        paragraph.sentences.append(len(result.sentences))
        result.sentences.append(sentence)
        paragraph.words += sentence.words
        paragraph.syllables += syllables
    if not paragraph.sentences:
        return
    paragraph.start = result.sentences[paragraph.sentences[0]].start
    paragraph.end = result.sentences[paragraph.sentences[-1]].end
    section.words += paragraph.words
    section.syllables += paragraph.syllables
    section.sentence_count += len(paragraph.sentences)
    result.paragraphs.append(paragraph)
