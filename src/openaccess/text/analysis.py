"""Measure a page's prose: sentences, paragraphs and sections with exact file offsets.

Only prose is measured: paragraphs, list items and block quotes of the body, as the
parsers put them in ``page.document.blocks`` (front matter, code blocks, HTML tags, alt
text and link URLs never get there). Each block is segmented on its own with syntok, so a
heading or a list item is never glued to the next sentence; headings are kept only as
section boundaries and are not scored.

Counts follow textstat 0.7.13, sentence by sentence: words are textstat's ``list_words``
(punctuation removed, contractions and hyphenated words are one word) and syllables are
textstat's ``count_syllables`` per word (CMUdict first pronunciation for English, Pyphen
otherwise). Two things are measured differently, because they are not prose:

* **Names** (inline code, CamelCase, dotted.names, ``Verb-Noun`` cmdlets, ``$vars``,
  ``-Params``, paths, snake_case, words with digits, and capitalised words that do not
  start a sentence: proper names, as Dale-Chall counts them) count as one short word: one
  syllable, never long. URLs and e-mail addresses are not words at all. A sentence that
  is mostly names (a list of parameters) is not graded: it still counts for length, but
  not for any grade.
* **Terms** (English pages): the long words a page teaches (in its title or headings, in
  bold or italic, or used five times or more) are marked on each sentence
  (``Sentence.terms``). Every count and score includes them. Only two questions leave
  them out, since a term has no shorter word: the grade of a sentence's vocabulary
  (OA503), and whether a page is still hard once its terms are familiar, counted as
  short words as names are (``Sentence.familiar_counts``, ``PageText.familiar_score``:
  OA501). Found with them: whether the page's own prose says "you"
  (``Sentence.page_addresses_reader``), so OA503 advises "lets you" only where the page
  speaks to its reader.
* **Quotations** (a block quote or ``<aside>``/``<blockquote>`` with an attribution:
  a line starting with a dash, ``<cite>``, ``<footer>`` or a "credit" class, inside it or
  in the ``<figcaption>`` of the ``<figure>`` that holds it, where HTML puts a quotation's
  source; or a block quote just after a lead-in ending in a colon, "As @jessfraz put
  it:") count in the grades, but are marked so rules do not ask a writer to rewrite
  someone else's words.

The page's score is its language's formula (``formulas.py``) over the summed counts of
its graded sentences, with syntok's sentence count in place of textstat's own splitter.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from openaccess.document import Block, overlaps
from openaccess.parse.admonitions import TITLED_ADMONITION
from openaccess.parse.templates import TEMPLATE_TAG
from openaccess.text import engine
from openaccess.text.formulas import (
    LETTERS,
    LONG_WORD_LETTERS,
    LONG_WORDS,
    MONOSYLLABLES,
    NAME_LETTERS,
    POLYSYLLABLES,
    SYLLABLES,
    Counts,
    Formula,
)
from openaccess.text.memory import TextMemory

if TYPE_CHECKING:
    from openaccess.document import Document, Heading

WORDS_PER_MINUTE = 238  # Brysbaert (2019), silent reading of English non-fiction
PROSE_KINDS = frozenset({"paragraph", "list_item", "blockquote", "table_cell"})

# Web and e-mail addresses are not words. Linear by construction: a scheme is at most 32
# characters, and an e-mail address is looked for once per word, from its start, by
# _without_email (r"\S+@\S+\.\w+" took cubic time on "a@" repeated).
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{0,31}+://|\bwww\.)\S+", re.IGNORECASE)
_WORD_WITH_AT = re.compile(r"(?<!\S)[^\s@]*+@\S*+")
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")  # textstat's constants
_PUNCTUATION = re.compile(r"[^\w\s\']")
# A GitHub alert marker ("> [!NOTE]") opening a block is markup, not a sentence.
# A block quote's alert label: GitHub's five, and those other renderers add (the Rust
# Reference's "[!EDITION-2018]").
_ALERT = re.compile(
    r"\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION|[A-Z][A-Z0-9-]+)\][ \t]*", re.IGNORECASE
)
# A block with no sentence-ending mark followed by more text is one sentence: skip syntok.
_POSSIBLE_BOUNDARY = re.compile(r"[.!?…。][\"'”’)\]]*\s+\S")

# A whitespace-delimited token that is a name, not a word (see the module docstring). Each
# token is tried once, from its start: linear.
_NAME = r"""(?:
        # Only a token with one of these characters can hold a name's mark below (a
        # capital counts only past the first character): checked first, so a plain word
        # or a capitalised one ("The") is passed over at once.
        (?=[\d_$@%.\\:/<>{}=|\#\[\]]|\S[^\sA-Z\d_$@%.\\:/<>{}=|\#\[\]]*[A-Z\d_$@%.\\:/<>{}=|\#\[\]])
        \S*?(?:
            [a-z][A-Z] | [A-Z]{2}[a-z]            # camelCase, PowerShell, PSSession
          | [A-Za-z]\d | \d[A-Za-z]               # Win32, ps1xml, 2FA
          | [A-Za-z0-9]_[A-Za-z0-9]               # snake_case, about_Types
          | [$@%]\w                               # $vars, @splat, @handle
          | [A-Za-z]{2}\.[A-Za-z] | [A-Za-z]\.[A-Za-z]{2}   # dotted.names (not e.g.)
          | \\\w | \w\\ | :: | \w/\w+/ | /\w+\.\w  # paths, ::members
          | [A-Z][a-z]+-[A-Z]                     # Verb-Noun cmdlets
          | \w[<>{}=|\#\[\]] | [<>{}=|\#\[\]]\w   # code punctuation: [switch], C#, a=b
        )
      | [(\[{"'“‘]?(?:--?|\.|~?/)[A-Za-z]          # -Param, --flag, .NET, /path, ~/path
      | (?P<proper>[(\[{"'“‘]?[A-Z])              # a proper name (not first in a sentence)
    )\S*"""
# A name after a whitespace character: a search skips from one whitespace to the next,
# far faster than trying each character for the start of a token.
_NAME_TOKEN = re.compile(rf"\s(?P<name>{_NAME})", re.VERBOSE)


class Sentence(Struct):
    """One measured sentence of a page: its place, counts and names."""

    text: str
    start: int  # offsets into the page text
    end: int
    counts: Counts
    paragraph: int  # index into PageText.paragraphs
    names: int = 0  # words that are names (code, CamelCase, paths...)
    quoted: bool = False  # inside a quotation with an attribution
    name_words: tuple[str, ...] = ()  # those names, as words
    # What finds the page's terms the first time a sentence's ``terms`` are asked for
    # (English pages; a default check asks only on a page over its target, for OA501). A weak
    # reference: its PageText keeps it, and a page's measurement holds no cycle, so it
    # is freed with the page.
    page_terms: weakref.ref[_PageTerms] | None = None
    found_terms: tuple[str, ...] | None = None  # set for every sentence of the page at once
    page_addressed: bool | None = None  # set with found_terms: see page_addresses_reader
    term_syllables: int = 0  # set with found_terms: see familiar_counts
    # The text with each code span as one word, when one has spaces: what the grammar
    # tests read (a passive in "`it can be extended`" is a name's, not the writer's).
    code_free: str | None = None
    # Its paragraph is all link text: a list of pages, whose titles are theirs ("[Content
    # can be presented in different ways (Perceivable)](/principles/)"), not sentences.
    link_title: bool = False

    @property
    def words(self) -> int:
        return self.counts.words

    @property
    def prose(self) -> str:
        """The sentence's text with each code span as one word."""
        return self.text if self.code_free is None else self.code_free

    @property
    def terms(self) -> tuple[str, ...]:
        """Its long words that are the page's terms (see ``_PageTerms``), lowercased."""
        finder = self.page_terms() if self.page_terms is not None else None
        if self.found_terms is None and finder is not None:
            finder.apply()
        return self.found_terms or ()

    @property
    def page_addresses_reader(self) -> bool:
        """Whether the page's own prose says "you" (quotations and quoted words left
        out): advice that speaks to the reader ("lets you") fits only such a page. True
        when the page's words were never looked at (a page that is not English)."""
        if self.page_addressed is None:
            _ = self.terms
        return self.page_addressed is not False

    @property
    def familiar_counts(self) -> Counts:
        """Its counts with each use of its terms (``terms``) counted as one syllable, as a
        name is: the page teaches its terms, so they are no harder for its reader than a
        name. Syllables are all a term changes: terms are found on English pages, which
        Flesch-Kincaid scores by words, sentences and syllables."""
        if self.found_terms is None:
            _ = self.terms
        if not self.term_syllables:
            return self.counts
        return replace(self.counts, syllables=self.counts.syllables - self.term_syllables)

    @property
    def syllables(self) -> int:
        return self.counts.syllables

    @property
    def graded(self) -> bool:
        """False for a sentence that is mostly names (a list of parameters): it counts for
        length, never for a grade."""
        return self.names * 2 <= self.counts.words

    @property
    def grade(self) -> float:
        """This sentence's own Flesch-Kincaid grade (its words and syllables, 1 sentence)."""
        return fk_grade(self.counts.words, 1, self.counts.syllables) or 0.0

    def vocabulary_grade(self, max_words: int, counter: SyllableCounter) -> float:
        """``word_grade`` of the words the writer chose: the page's terms (``terms``) are
        left out, since they have no shorter words, and a word used again in the sentence
        is familiar by then, so each repetition counts one syllable ("named parameters,
        positional parameters, dynamic parameters" is not hard for "parameters"). A
        sentence that is mostly the page's terms is about them: grade 0."""
        words, syllables = self.counts.words, self.counts.syllables
        if not words or not syllables:
            return 0.0
        seen: set[str] = set()
        names = {name.lower() for name in self.name_words}
        terms = set(self.terms) - names
        for word in list_words(self.text):
            lowered = word.lower()
            if lowered in terms:
                words -= 1
                syllables -= counter.word(lowered)
            elif lowered in seen and lowered not in names:
                syllables -= counter.word(lowered) - 1
            seen.add(lowered)
        if words * 2 < self.counts.words or words <= 0:
            return 0.0
        return 0.39 * min(self.counts.words, max_words) + 11.8 * (syllables / words) - 15.59

    def word_grade(self, max_words: int) -> float:
        """The grade its words alone give it: Flesch-Kincaid with the sentence length
        counted as at most ``max_words``, so length never makes a sentence "hard"."""
        words, syllables = self.counts.words, self.counts.syllables
        if not words or not syllables:
            return 0.0
        return 0.39 * min(words, max_words) + 11.8 * (syllables / words) - 15.59


class Paragraph(Struct):
    """One block of prose: its sentences and the counts of those graded."""

    kind: str
    start: int
    end: int
    section: int
    sentences: list[int] = field(default_factory=list)  # indices into PageText.sentences
    words: int = 0  # every sentence
    counts: Counts = field(default_factory=Counts)  # graded sentences only
    link_words: int = 0  # words of link text
    quoted: bool = False
    listed: bool = False  # counted as a list's words in its section

    @property
    def names_only(self) -> bool:
        """Every sentence is mostly names: a list of parameters, not prose to grade."""
        return not self.counts.sentences


class Section(Struct):
    """The prose under one heading: its words and the counts of graded sentences."""

    heading: str | None  # None: the text before the first heading
    level: int
    start: int
    words: int = 0  # every sentence
    sentence_count: int = 0
    counts: Counts = field(default_factory=Counts)  # graded sentences only
    quoted_words: int = 0  # in quotations
    list_words: int = 0  # in list items (not quoted)
    footnote_words: int = 0  # in footnote definitions, which show at the page's end
    boxed_words: int = 0  # in boxes with a heading of their own (not quoted)

    @property
    def own_words(self) -> int:
        """The words a reader reads under the heading: not quotations, footnotes or boxes
        with a heading of their own."""
        return self.words - self.quoted_words - self.footnote_words - self.boxed_words


class PageText(Struct):
    """A page's prose, measured: sentences, paragraphs, sections and their counts."""

    language: str  # as textstat spells it
    formula: Formula | None  # None: no validated formula for the language, not measured
    sentences: list[Sentence] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    has_headings: bool = False
    counts: Counts = field(default_factory=Counts)  # graded sentences only
    terms: _PageTerms | None = None  # English pages

    @property
    def supported(self) -> bool:
        return self.formula is not None

    @property
    def words(self) -> int:
        return sum(s.counts.words for s in self.sentences)

    @property
    def syllables(self) -> int:
        return sum(s.counts.syllables for s in self.sentences)

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)

    @property
    def score(self) -> float | None:
        """The page's score on its language's formula (graded sentences only)."""
        return self.formula.score(self.counts) if self.formula else None

    @property
    def reading_ease(self) -> float | None:
        """Flesch reading ease with textstat's constants, for languages textstat has them."""
        return reading_ease(self.language, self.counts)

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    def paragraph_score(self, paragraph: Paragraph) -> float | None:
        return self.formula.score(paragraph.counts) if self.formula else None

    @property
    def familiar_score(self) -> float | None:
        """The page's score with its terms counted as short words
        (``Sentence.familiar_counts``): what is left of its difficulty once the reader
        knows what the page teaches. Graded sentences only, as ``score``."""
        if self.formula is None:
            return None
        if self.sentences:
            _ = self.sentences[0].terms  # found for every sentence of the page at once
        terms = sum(s.term_syllables for s in self.sentences if s.graded)
        return self.formula.score(replace(self.counts, syllables=self.counts.syllables - terms))

    def section_score(self, section: Section) -> float | None:
        return self.formula.score(section.counts) if self.formula else None


def fk_grade(words: int, sentences: int, syllables: int) -> float | None:
    """textstat's Flesch-Kincaid grade; None when there is nothing to score."""
    if not words or not sentences:
        return None
    if not syllables:
        return 0.0  # textstat returns 0.0 when either average is 0
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


# Languages textstat 0.7.13 has Flesch reading-ease constants for (others would silently
# get the English ones).
_EASE_LANGUAGES = frozenset({"en", "de", "es", "fr", "it", "nl", "ru"})


def reading_ease(language: str, counts: Counts) -> float | None:
    """textstat's Flesch reading ease with its per-language constants."""
    root = language.split("_")[0]
    if root not in _EASE_LANGUAGES or not counts.words or not counts.sentences:
        return None
    if not counts.syllables:
        return 0.0
    config = engine.backend().utils.get_lang_cfg
    return (
        config(root, "fre_base")
        - config(root, "fre_sentence_length") * (counts.words / counts.sentences)
        - config(root, "fre_syll_per_word") * (counts.syllables / counts.words)
    )


def list_words(text: str) -> list[str]:
    """textstat's ``list_words(text)`` (default arguments) without its cache, URLs removed."""
    return _only_words(text).split()


def lowered_words(texts: list[str]) -> list[list[str]]:
    """``list_words`` of each of ``texts`` (each on one line), lowercased: one pass of its
    substitutions over them all, not one a text. No substitution crosses a line break,
    and lowercasing makes no whitespace."""
    return [line.split() for line in _only_words("\n".join(texts)).lower().split("\n")]


def _only_words(text: str) -> str:
    """``text`` without URLs, e-mail addresses and punctuation, as textstat leaves it."""
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _WORD_WITH_AT.sub(_without_email, text)
    text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text)


def _without_email(match: re.Match[str]) -> str:
    """A word without the e-mail address it starts with, as ``\\S+@\\S+\\.\\w+``
    removed it: from the word's start to the end of the last ``.name`` that follows an
    ``@`` (with a character between), if the ``@`` is not the word's first character."""
    word = match.group()
    at = word.find("@", 1)
    if at < 0:
        return word
    dot = word.rfind(".")
    while dot >= at + 2 and not _is_word_character(word, dot + 1):
        dot = word.rfind(".", 0, dot)
    if dot < at + 2:
        return word
    end = dot + 1
    while _is_word_character(word, end):
        end += 1
    return " " + word[end:]


def _is_word_character(text: str, index: int) -> bool:
    """Whether ``text[index]`` exists and is a word character (``\\w``)."""
    return index < len(text) and (text[index].isalnum() or text[index] == "_")


class SyllableCounter:
    """textstat's per-word syllable count, remembered per word (thread-safe: plain dict
    writes of identical values). The memory is bounded: a long run over random or huge
    input must not grow without limit."""

    MAX_REMEMBERED = 200_000

    def __init__(self, language: str) -> None:
        self.language = language
        english = language.split("_")[0] == "en"
        self.table_count = engine.syllable_table().count if english else _not_in_table
        self.pyphen = engine.hyphenator(language)
        self.cache: dict[str, int] = {}

    def word(self, word: str) -> int:
        """The word's syllables, remembered as written: a word met again costs one look-up."""
        count = self.cache.get(word)
        if count is None:
            lowered = word.lower()
            count = self.cache.get(lowered)
            if count is None:
                count = self.table_count(lowered)
                if count is None:
                    count = len(self.pyphen.positions(lowered)) + 1 if self.pyphen else 0
                self._remember(lowered, count)
            self._remember(word, count)
        return count

    def words(self, words: list[str]) -> int:
        """The syllables of ``words``, summed."""
        return sum(self.each(words))

    def each(self, words: list[str]) -> list[int]:
        """The syllables of each of ``words``, without a call per word already met."""
        counts = list(map(self.cache.get, words))
        if None in counts:
            counts = [self.word(w) if c is None else c for w, c in zip(words, counts, strict=True)]
        return counts

    def _remember(self, word: str, count: int) -> None:
        if len(self.cache) >= self.MAX_REMEMBERED:
            self.cache.clear()
            if self.pyphen is not None:  # Pyphen remembers every word it hyphenates
                self.pyphen.hd.cache.clear()
        self.cache[word] = count


def _not_in_table(_word: str) -> None:
    """Languages other than English have no syllable table: Pyphen counts every word."""
    return None


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
# Two letters are a word too: syntok reads "120 ms. Compiling" as "Ms." and reads on.
_CLEAR_BOUNDARY = re.compile(r"(?<![\w.'’-])([a-z]{2,})[.!?]\s+(?=[A-Z][a-z]+\b)")
# A sentence that starts with a lower-case "e.g." or "i.e." after a full stop: "the git
# commit SHA of source code. e.g. if the image name is foo" (syntok reads on).
_STOP_EXAMPLE = re.compile(r"(?<![\w.'’-])([A-Za-z]{3,})[.!?]\s+(?=(?:e\.g|i\.e)\.)")
# A sentence that starts with a lower-case word after a full stop: a name written in lower
# case, as kind, npm and pip are ("It runs now. kind does not..."; syntok reads on). Not
# after a word syntok knows as an abbreviation ("approx. five"), nor after a file name. A
# closing quote or bracket may stand by the stop ('from here on out". pyinstrument shows'),
# except after a word of two letters ("say so. uvicorn's" ends a sentence; 'where the heart
# is." throws an error' quotes a string).
_STOP_LOWER = re.compile(
    r"(?<![\w.'’-])([a-z]{2,})[\"”’')\]]?[.!?][\"”’')\]]?\s+(?=[a-z][\w'’-]*\s)"
)
_STOP_THEN_LOWER = re.compile(r"[.!?][\"”’')\]]?\s+[a-z]")  # a quick test: _STOP_LOWER may match
# The full stop of Bengali, Hindi and other Indic scripts, which syntok does not know.
_DANDA = re.compile(r"[।॥]+\s+(?=\S)")
# A sentence that starts with a template's output after a full stop: "...data plane
# nodes. {{site.konnect_short_name}} control planes support..." (Kong's docs; syntok
# reads the braces as no word, and reads on).
_STOP_TEMPLATE = re.compile(
    r"(?:(?<![\w.'’-])([A-Za-z]{2,})|\}\})[.!?][\"”’')\]]?\s+(?=\{\{)"
)  # after a word or an output: "files in {{site.name}}. {{site.name}} autogenerates"
# English abbreviations syntok's list lacks, written without their inner full stops: a
# sentence goes on after them ("actions down the pipeline, eg. a Slack notification").
_UNDOTTED_ABBREVIATIONS = frozenset({"eg", "ie", "esp", "viz", "aka", "avg", "misc"})
# "etc." ends a sentence when a capitalised word follows (syntok reads it as an abbreviation).
_ENDS_SENTENCES = frozenset({"etc"})
# syntok's abbreviations hold German and Spanish ones too: "tab." (Tabelle), "Alt.", "art.",
# "max.", "set.". In English only these keep a sentence going before a capitalised word;
# any other word of syntok's list ends one there ("open the Data tab. Select", "press
# Alt. Then").
_ENGLISH_ABBREVIATIONS = frozenset(
    {
        *("Adm", "Approx", "Ave", "Brig", "Capt", "Cmdt", "Co", "Col", "Corp", "Dr", "Fig"),
        *("Figs", "Fr", "Gen", "Inc", "Ltd", "Mr", "Mrs", "Ms", "Mt", "Prof", "Sen", "Sr"),
        *("St", "Univ", "Vol", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep"),
        *("Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        *("approx", "ca", "cf", "excl", "ff", "fig", "figs", "incl", "resp", "vol", "vs"),
    }
)
# A capitalised word of syntok's list before a full stop and a capitalised word.
_CAPITALISED_STOP = re.compile(r"(?<![\w.'’-])([A-Z][a-z]{1,5})\.\s+(?=[A-Z][a-z]+\b)")
# "end.The next": a missing space after a full stop, between two words: a lowercase word
# then a capitalised one, or any word then a word that usually starts a sentence
# ("PowerShell.Because"). Never a name such as System.Management, $obj.Property or a call
# obj.Method().
_STARTERS = (
    "The|This|That|These|Those|There|Then|It|Its|If|In|On|For|When|Because|You|Your|We|Our|"
    "An?|As|At|By|To|See|Note|Use|After|Before|However|Also|Each|Every|All|Some|Most|Many|"
    "Both|Otherwise|Instead|Since|While|Although|Unlike|With|Without|Once|Finally|First|"
    "Next|Here|What|Which|How|Why|Only|Even|Now|So|But|Or|And"
)
_MISSING_SPACE = re.compile(
    rf"(?<![\w.'’$@/\\#-])(?:[a-z]{{2,}}\.(?=[A-Z][a-z]+(?![\w(.-]))"
    rf"|[A-Za-z]{{2,}}\.(?=(?:{_STARTERS})(?![\w(.-])))"
)
# The same after a closing bracket or quotation mark: "in our communities.)Judging by".
_MISSING_SPACE_AFTER_CLOSING = re.compile(r"(?<=[a-z]{2}[.!?])[)\]\"”’](?=[A-Z][a-z]+\b)")
_STOP_CLOSING_CAPITAL = re.compile(r"[.!?][)\]\"”’][A-Z]")
# A version or dotted name ending in a number, then a full stop and a capitalised word:
# "version 7.2. Older versions", "the name PowerShell.6. Or" (syntok reads 7.2. as one
# token and does not end the sentence there), also across a line break ("Windows RT 8.1.
# Windows PowerShell ISE"), and after an exclamation: "Harbor 2.11! Packed with".
_AFTER_NUMBER = re.compile(r"(?<![\w.])\w+(?:\.\w+)*\.\d+[.!?]\s+(?=[A-Z][a-z])")
# A timeline's entry after a full stop: "as follows. 1998: The project is founded".
_STOP_THEN_YEAR = re.compile(r"[.!?]\s+\d{1,4}:\s")
_BEFORE_YEAR = re.compile(r"(?<![\w.'’-])[a-z]{2,}[.!?]\s+(?=\d{1,4}:\s+[A-Z])")
# In English, a file or host name, then a full stop and a capitalised word: "to Cat.txt.
# When", "example.com. The" (syntok reads the full stop as part of the name). The
# extension is two to five lowercase letters after a part of two characters or more, so
# "e.g.", "a.m." and "U.S." are not names; other languages abbreviate so ("p.ej.",
# "t.ex.", "Dr.med.").
_AFTER_FILE_NAME = re.compile(r"(?<![\w.])(?:\w+\.)*\w{2,}\.[a-z]{2,5}\.\s+(?=[A-Z][a-z])")
# A closing bracket or quotation mark, then a full stop and a capitalised word: 'a set of
# parentheses "()". If the method' (syntok reads "()". as one token).
_AFTER_CLOSING = re.compile(r"[)\]\"”’]\.\s+(?=[A-Z][a-z])")
# A key combination ending in a letter, then a full stop and a capitalised word: "pressing
# Ctrl-C. Using" (syntok reads "C." as a name's initial, as in "John F. Kennedy"). Only
# after a key's name: "Jean-P. Sartre" is an initial.
_AFTER_KEY = re.compile(
    r"(?<![\w-])(?:Ctrl|Control|Alt|Shift|Cmd|Command|Option|Opt|Win|Fn|Meta|Super)"
    r"(?:[-+]\w+)*[-+][A-Z]\.\s+(?=[A-Z][a-z])"
)
# An emoji that ends a sentence in place of its full stop, before a word that starts one:
# "...for all of the Node.js users 🎉 You can join" (the Node.js blog). Not "the ⭐ Star
# button": a label's name starts no sentence.
_EMOJI = "\U0001f300-\U0001faff\u2600-\u27bf"
_AFTER_EMOJI = re.compile(rf"(?<=\w)[ \t]*[{_EMOJI}]+\uFE0F?\s+(?=(?:{_STARTERS}|I)\b)")
_EMOJI_CHARACTER = re.compile(f"[{_EMOJI}]")
# What each of the expressions above needs in the text, found far faster.
_STOP_CAPITAL = re.compile(r"[.!?]\s+[A-Z]")
_DOT_CAPITAL = re.compile(r"\.[A-Z]")
_NUMBER_STOP_CAPITAL = re.compile(r"\d[.!?]\s+[A-Z]")
_KEY_STOP_CAPITAL = re.compile(r"[-+][A-Z]\.\s+[A-Z]")
_EXTENSION_STOP_CAPITAL = re.compile(r"\.[a-z]{2}[a-z]*\.\s+[A-Z]")
_CLOSING_STOP_CAPITAL = re.compile(r"[)\]\"”’]\.\s+[A-Z]")
# A terminal and space just before a code span: "... the file. `git` is" ends a sentence
# (syntok cannot see it: the name starts in lower case).
_BEFORE_CODE = re.compile(r"(\S+)[.!?][\"'”’)\]]*\s+$")
# Small words that go on with a sentence after a full stop: "Call `Get-Item`. or not".
_GOES_ON = (
    r"(?:and|or|but|nor|not|so|then|to|of|in|on|for|with|as|at|by|if|is|are|was|were|the|a"
    r"|an|e\.g|i\.e|etc|vs)"
)
# A terminal, space and letter just after a code span: "the raw value `''`. In a" or
# "characters (`[` and `]`). The" ends a sentence (syntok reads some spans' last
# characters, such as '' or @{} or ], with what follows as one token, and does not end the
# sentence there), and so does "and `sitemap.xml`. openaccess reads": a name in lower
# case starts it, and the span is no abbreviation (a small word such as "or" goes on).
# So does a terminal and a sentence's first word with the space left out: "begin with
# `w*`.This example".
_AFTER_CODE = re.compile(
    rf"[\"'”’)\]]*[.!?][\"'”’)\]]*(?:\s+(?=[A-Z])|\s+(?=[a-z])(?!{_GOES_ON}\b)"
    rf"|(?=(?:{_STARTERS})(?![\w(.-])))"
)


def split_sentences(
    text: str,
    code: Sequence[tuple[int, int]] = (),
    english: bool = True,
    breaks: Sequence[int] = (),
) -> list[tuple[int, int]]:
    """(start, end) indices of each sentence in ``text``, as syntok segments it, plus the
    boundaries syntok misses (see ``_cuts``). ``code``: the block's code spans;
    ``english``: whether the text is English (which abbreviations keep a sentence going);
    ``breaks``: where hard line breaks stand (see ``_line_starts``)."""
    spans: list[tuple[int, int]] = []
    alert = _ALERT.match(text)
    piece = scanned = alert.end() if alert else 0
    depth = [0, 0, 0]  # unclosed (), [] and {} since the piece began: no cut inside them
    cuts = _cuts(text, code, piece, english)
    if breaks:
        cuts = sorted({*cuts, *_line_starts(text, code, breaks, piece)})
    for cut in cuts:
        segment = text[scanned:cut]  # each character is scanned once: linear
        scanned = cut
        if (
            "(" in segment
            or ")" in segment
            or "[" in segment
            or "]" in segment
            or ("{" in segment or "}" in segment)
        ):
            for index, (opening, closing) in enumerate(("()", "[]", "{}")):
                depth[index] += segment.count(opening) - segment.count(closing)
        if any(depth):
            continue
        spans.extend((piece + a, piece + b) for a, b in syntok_sentences(text[piece:cut]))
        piece = cut
    spans.extend((piece + a, piece + b) for a, b in syntok_sentences(text[piece:]))
    return _joined_inside_code(spans, code) if code else spans


def _joined_inside_code(
    spans: list[tuple[int, int]], code: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` with each sentence that ends inside a code span joined to the next: the
    "!" of a Rust macro (`` `select!` ``) ends no sentence."""
    starts = [start for start, _ in code]
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _within(joined[-1][1] - 1, starts, code):  # its last character
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


@cache
def _kept(english: bool) -> frozenset[str]:
    """The abbreviations that keep a sentence going before a capitalised word."""
    return _ENGLISH_ABBREVIATIONS if english else _syntok_abbreviations() - _ENDS_SENTENCES


def _cuts(text: str, code: Sequence[tuple[int, int]], begin: int, english: bool) -> list[int]:
    """Sorted indices where a sentence surely starts: clear boundaries (see
    ``_CLEAR_BOUNDARY``; in English also after a foreign abbreviation of syntok's list, and
    before a lower-case "e.g." or "i.e." after a full stop), a missing space after a
    full stop (or after one and a closing mark), a full stop after a version number, a
    key, a file name or a closing mark, a code span after a full stop, and a capital
    after a code span and a full stop. Never inside a code span."""
    abbreviations = _kept(english)
    cuts = []
    # Each expression runs only where what it ends with is in the text: most blocks have
    # no full stop before a capital letter, let alone after a number.
    if _STOP_CAPITAL.search(text, begin):
        cuts = [
            match.end()
            for match in _CLEAR_BOUNDARY.finditer(text, begin)
            if match.group(1) not in abbreviations
        ]
        if english:
            syntok_abbreviations = _syntok_abbreviations()
            cuts.extend(
                match.end()
                for match in _CAPITALISED_STOP.finditer(text, begin)
                if match.group(1) in syntok_abbreviations and match.group(1) not in abbreviations
            )
    if english and ("e.g." in text or "i.e." in text):
        cuts.extend(
            match.end()
            for match in _STOP_EXAMPLE.finditer(text, begin)
            if match.group(1) not in abbreviations
        )
    if english and _STOP_THEN_LOWER.search(text, begin):
        known = _syntok_abbreviations()
        cuts.extend(
            match.end()
            for match in _STOP_LOWER.finditer(text, begin)
            if match.group(1) not in known
            and match.group(1) not in abbreviations
            and match.group(1) not in _UNDOTTED_ABBREVIATIONS
            and (len(match.group(1)) > 2 or _bare_stop(text, match.end(1)))
        )
    if "।" in text or "॥" in text:
        cuts.extend(match.end() for match in _DANDA.finditer(text, begin))
    if "{{" in text:
        cuts.extend(
            match.end()
            for match in _STOP_TEMPLATE.finditer(text, begin)
            if (word := match.group(1) or "") not in abbreviations
            and word.lower() not in abbreviations
        )
    if _DOT_CAPITAL.search(text, begin):
        cuts.extend(match.end() for match in _MISSING_SPACE.finditer(text, begin))
    if _STOP_CLOSING_CAPITAL.search(text, begin):
        cuts.extend(match.end() for match in _MISSING_SPACE_AFTER_CLOSING.finditer(text, begin))
    if _NUMBER_STOP_CAPITAL.search(text, begin):
        cuts.extend(match.end() for match in _AFTER_NUMBER.finditer(text, begin))
    if _STOP_THEN_YEAR.search(text, begin):
        cuts.extend(match.end() for match in _BEFORE_YEAR.finditer(text, begin))
    if _KEY_STOP_CAPITAL.search(text, begin):
        cuts.extend(match.end() for match in _AFTER_KEY.finditer(text, begin))
    if english and _EXTENSION_STOP_CAPITAL.search(text, begin):
        cuts.extend(match.end() for match in _AFTER_FILE_NAME.finditer(text, begin))
    if _CLOSING_STOP_CAPITAL.search(text, begin):
        cuts.extend(match.end() for match in _AFTER_CLOSING.finditer(text, begin))
    if english and _EMOJI_CHARACTER.search(text, begin):
        cuts.extend(match.end() for match in _AFTER_EMOJI.finditer(text, begin))
    for start, _ in code:
        if start > begin and (before := _BEFORE_CODE.search(text, max(begin, start - 40), start)):
            word = before.group(1)
            known = word in abbreviations or word.lower() in abbreviations
            if not known and "." not in word:
                cuts.append(start)
    for _, end in code:
        if end >= begin and (after := _AFTER_CODE.match(text, end)):
            cuts.append(after.end())
    if code:
        starts = [start for start, _ in code]
        cuts = [cut for cut in cuts if not _inside(cut, starts, code)]
    return sorted(set(cuts))


_NEXT_LINE = re.compile(r"\s*(?=[^\sa-z])")  # a new line that does not go on in lower case


def _line_starts(
    text: str, code: Sequence[tuple[int, int]], breaks: Sequence[int], begin: int
) -> list[int]:
    """Where the line after each hard line break at ``breaks`` starts, when it starts a
    sentence: not in lower case ("Type: String\\ Version history: 0.1.0"; an address
    written line by line), and not in a code span."""
    starts = [start for start, _ in code]
    cuts = []
    reached = -1  # where the last break's white space ended: breaks before it share it
    for index in breaks:
        if index < begin or index < reached:
            continue
        line = _NEXT_LINE.match(text, index)
        if line is None:
            continue
        reached = line.end()
        if line.end() > index and not _inside(line.end(), starts, code):
            cuts.append(line.end())
    return cuts


def _bare_stop(text: str, index: int) -> bool:
    """Whether a full stop (or ! or ?) at ``index`` has neither a quote nor a bracket
    after it, only a space."""
    return text[index] in ".!?" and text[index + 1].isspace()


def _inside(index: int, starts: list[int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``index`` falls strictly inside one of ``spans`` (sorted by start)."""
    position = bisect.bisect_right(starts, index) - 1
    return position >= 0 and spans[position][0] < index < spans[position][1]


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

    spans: list[tuple[int, int]] = []
    for tokens in split(_tokenizer().tokenize(text)):
        while tokens and not tokens[-1].value:  # syntok ends some text with an empty token
            tokens = tokens[:-1]  # after its last space ("example.com. ")
        if tokens:
            start, end = tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)
            if spans and start == spans[-1][1]:  # no space between: one dotted name
                spans[-1] = (spans[-1][0], end)  # (System.Management.Automation)
            else:
                spans.append((start, end))
    return spans


# -- names -------------------------------------------------------------------------------
def block_names(block: Block, proper_names: bool = True) -> list[tuple[int, str, bool]]:
    """(index in the block text, word, capitalised) of each name: every word of a code
    span, and each token ``_NAME`` matches outside code spans. ``capitalised``: only
    its capital letter makes it a name, which it is not at the start of a sentence (nor at
    all without ``proper_names``: German capitalises every noun). Sorted by index."""
    text = block.text
    names: list[tuple[int, str, bool]] = []
    for start, end in block.code:
        for token in re.finditer(r"\S+", text[start:end]):
            word = _first_word(token.group())
            if word:
                names.append((start + token.start(), word, False))
    starts = [start for start, _ in block.code]
    for start, token, capitalised in _name_tokens(text):
        if block.code and overlaps(start, start + len(token), starts, block.code):
            continue
        if capitalised and not proper_names:
            continue
        word = _first_word(token)
        if word:
            names.append((start, word, capitalised))
    return sorted(names)


def _name_tokens(text: str) -> Iterator[tuple[int, str, bool]]:
    """(index, token, capitalised) of each token ``_NAME`` matches: ``capitalised``, only
    its capital letter makes it a name."""
    # A space before the text: its first token is found as every other one is.
    for match in _NAME_TOKEN.finditer(" " + text):
        yield match.start("name") - 1, match.group("name"), match.group("proper") is not None


def _first_word(token: str) -> str | None:
    """``list_words(token)[0]`` (None for no word), at once for a token of letters alone:
    most names are capitalised words."""
    if token.isalpha():
        return token
    words = list_words(token)
    return words[0] if words else None


# -- quotations --------------------------------------------------------------------------
_QUOTE_ELEMENT = re.compile(r"<(aside|blockquote)\b", re.IGNORECASE)
_ATTRIBUTION_MARKUP = re.compile(
    r"<(?:cite|footer)\b|\bclass\s*=\s*[\"'][^\"'<>]*(?:credit|attribution|author|byline|cite)",
    re.IGNORECASE,
)
_ATTRIBUTION_LINE = re.compile(r"(?:^|[\n>”])[ \t]*(?:[—―–]|--)[ \t]*[^\s>-]")
# In an HTML quotation element, where no line is a Markdown list item, a plain hyphen
# names the source too: 18F's testimonials end "… - {{ "name" | team_link }}" or
# "<span>- Name, Role</span>", some with "–-".
_HTML_ATTRIBUTION = re.compile(
    r"(?:^|[\n>”\"])[ \t]*[—―–-]-?(?:[ \t]*|\s*(?=\{\{))(?:\{\{|[^\s>-])"
)


def _block_end(block: Block) -> int:
    return block.offset_at(len(block.text) - 1) + 1


_QUOTE_LINE = re.compile(r"[ \t]*>")


def _same_quote(source: str, end: int, start: int) -> bool:
    """Whether two block-quote paragraphs belong to one quote: every line between them
    still carries the ``>`` marker (a line without it ends a Markdown block quote)."""
    if not source:
        return True
    lines = source[end:start].split("\n")[1:]
    return all(_QUOTE_LINE.match(line) for line in lines)


def _attributed(region: str, html: bool = False) -> bool:
    """Whether a quotation's region names its source: markup for it, or a line (or the
    end of the quotation) that opens with a dash; in an HTML element, a hyphen too."""
    line = _HTML_ATTRIBUTION if html else _ATTRIBUTION_LINE
    return bool(_ATTRIBUTION_MARKUP.search(region) or line.search(region))


_FIGURE = re.compile(r"<figure\b", re.IGNORECASE)


def _captioned_figures(source: str, lowered: str, body_start: int) -> list[tuple[int, int]]:
    """(start, end) of each ``<figure>`` whose ``<figcaption>`` holds an attribution: HTML
    puts a quotation's source there, outside its ``<blockquote>``. Each character is looked
    at a bounded number of times (a figure's search starts where the last one ended)."""
    figures = []
    match = _FIGURE.search(source, body_start)
    while match:
        close = lowered.find("</figure", match.end())
        end = close if close >= 0 else len(source)
        caption = lowered.find("<figcaption", match.end(), end)
        if caption >= 0:
            caption_end = lowered.find("</figcaption", caption, end)
            if _attributed(source[caption : caption_end if caption_end >= 0 else end]):
                figures.append((match.start(), end))
        match = _FIGURE.search(source, end)
    return figures


# What may stand between a lead-in and its block quote: blank lines and ``>`` markers.
_TO_THE_QUOTE = re.compile(r"[\s>]*")


# A label that names an example of someone else's text, on a line of its own with no
# colon: "Example Privacy Act Statement for GSA Real Estate Exchange" (18F's UX guide).
_EXAMPLE_LABEL = re.compile(r"(?:For )?(?:[Ee]xample|[Ss]ample)\b[^.!?:\n]{0,100}")
# A lead-in that hands over to a definition or a saying with a comma: "the US National
# Incident Management System (NIMS), which is described as," (PagerDuty's docs).
_HANDING_OVER = re.compile(r"\b(?:as|says|said|states|writes|wrote|reads),$")


def _introduces(text: str) -> bool:
    """Whether a paragraph introduces the quotation after it: it ends in a colon, or in
    a word that hands over ("described as,"), or it is a label naming an example."""
    text = text.rstrip()
    return (
        text.endswith(":")
        or _HANDING_OVER.search(text) is not None
        or _EXAMPLE_LABEL.fullmatch(text) is not None
    )


# A paragraph that is only a link, the source of the quotation below it: "[GSA IT
# Security Policy](https://...)" then "> Authorized users are..." (18F's handbook).
_SOURCE_LINK = re.compile(
    r"[ \t]*\[[^\[\]\n]{1,200}\](?:\([^()\s]{1,1000}\)|\[[^\[\]\n]{0,200}\])[ \t]*:?[ \t]*\r?"
)


def _source_line_end(lead_in: Block, source: str) -> int:
    """Where the line of a paragraph that is one line, only a link (a quotation's source),
    ends; -1 for any other paragraph."""
    start = lead_in.start
    line_start = source.rfind("\n", max(start - _MARKS_REACH, 0), start) + 1
    line_end = source.find("\n", start, start + 1500)
    line_end = line_end if line_end >= 0 else len(source)
    return line_end if _SOURCE_LINK.fullmatch(source, line_start, line_end) else -1


def _introduced(lead_in: Block | None, quote: Block, source: str) -> bool:
    """Whether a block quote is introduced, as a quotation is, by the paragraph just
    before it ending in a colon: "As @jessfraz put it:", "the following error is
    displayed:", "[Wikipedia][wiki] includes the following description of a shell:"; or
    by a paragraph that is only a link to its source.
    A GitHub alert ("> [!NOTE]") is the writer's own note, whatever stands before it."""
    if lead_in is None or lead_in.kind != "paragraph" or _ALERT.match(quote.text):
        return False
    end = _block_end(lead_in)
    if not _introduces(lead_in.text):
        end = _source_line_end(lead_in, source) if source else -1
        if end < 0:
            return False
    between = source[end : quote.start] if source else ""
    return _TO_THE_QUOTE.fullmatch(between) is not None


def _quote_depth(source: str, start: int) -> int:
    """How many block quotes a block that starts at ``start`` is in: the ``>`` marks
    before it on its line."""
    reach = max(start - _MARKS_REACH, 0)  # a page of one long line stays linear
    return source.count(">", max(source.rfind("\n", reach, start) + 1, reach), start)


_MARKS_REACH = 200  # how far before a block its block-quote marks are looked for


def _nested_quotations(run: list[Block], source: str) -> list[tuple[int, int]]:
    """Offsets of the quotations inside a writer's own block quote (an aside, a note): a
    deeper quote that the paragraph before it, ending in a colon, introduces ("Tony
    Hoare described them like this:" then ``> > This has led to...``)."""
    if not source:
        return []
    depths = [_quote_depth(source, block.start) for block in run]
    spans, index = [], 1
    while index < len(run):
        introduced = run[index - 1].text.rstrip().endswith(":")
        if depths[index] <= depths[index - 1] or not introduced or _ALERT.match(run[index].text):
            index += 1
            continue
        last = index
        while last + 1 < len(run) and depths[last + 1] >= depths[index]:
            last += 1
        spans.append((run[index].start, _block_end(run[last])))
        index = last + 1
    return spans


def quotation_spans(document: Document, source: str, body_start: int) -> list[tuple[int, int]]:
    """Offsets of quotations: runs of block-quote paragraphs that hold an attribution or
    that a lead-in ending in a colon introduces, and ``<aside>`` or ``<blockquote>``
    elements that hold an attribution, or that stand in a ``<figure>`` whose caption
    holds one. Sorted by start."""
    spans = []
    run: list[Block] = []
    lead_in: Block | None = None  # the block just before the run
    previous: Block | None = None
    for block in [*document.blocks, None]:
        quote = block is not None and block.kind == "blockquote" and block.start >= body_start
        if quote and run and _same_quote(source, _block_end(run[-1]), block.start):
            run.append(block)
        else:
            if run and (
                any(_ATTRIBUTION_LINE.search(b.text) for b in run)
                or _introduced(lead_in, run[0], source)
            ):
                spans.append((run[0].start, _block_end(run[-1])))
            elif run:
                spans.extend(_nested_quotations(run, source))
            run = [block] if quote and block is not None else []
            lead_in = previous
        previous = block
    match = _QUOTE_ELEMENT.search(source, body_start)
    if match:
        lowered = source.lower()
        figures = _captioned_figures(source, lowered, body_start)
        figure_starts = [start for start, _ in figures]
        while match:
            close = lowered.find(f"</{match.group(1).lower()}", match.end())
            end = close if close >= 0 else len(source)
            if _attributed(source[match.end() : end], html=True) or (
                figures and _within(match.start(), figure_starts, figures)
            ):
                spans.append((match.start(), end))
            match = _QUOTE_ELEMENT.search(source, end)
    spans.extend(_speaker_turns(document, source, body_start))
    spans.extend(_italic_quotations(document, body_start))
    if "quote" in source or "cite" in source:
        spans.extend(_quote_admonitions(source, body_start))
    if "icense" in source or "ICENSE" in source:
        spans.extend(_license_notices(document, body_start))
    return _merged(_with_inline_quotations(sorted(spans), document, body_start))


# A license's own words, as a project pastes them into a README or a contributing guide:
# the Apache License's notice and its contribution clause, the MIT and BSD licenses'
# grant, conditions and disclaimer. A lawyer's words, not the writer's.
_LICENSE_NOTICE = re.compile(
    r"Licensed under the Apache License|you may not use this file except in compliance"
    r"|Unless required by applicable law or agreed to in writing"
    r"|Unless you explicitly state otherwise, any contribution intentionally submitted"
    r"|Permission is hereby granted, free of charge|THE SOFTWARE IS PROVIDED \"AS IS\""
    r"|Redistribution and use in source and binary forms|THIS SOFTWARE IS PROVIDED BY",
    re.IGNORECASE,
)


def _license_notices(document: Document, body_start: int) -> list[tuple[int, int]]:
    """Offsets of the paragraphs and list items that hold a license's own words."""
    return [
        (block.start, _block_end(block))
        for block in document.blocks
        if block.start >= body_start
        and block.kind in PROSE_KINDS
        and _LICENSE_NOTICE.search(block.text) is not None
    ]


# An admonition of the kind Material for MkDocs shows as a quotation: "!!! quote", also
# collapsible ("??? quote "Ada Lovelace""), then its indented lines.
_QUOTE_ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?:quote|cite)\b[^\n]*\n", re.MULTILINE
)


def _quote_admonitions(source: str, body_start: int) -> list[tuple[int, int]]:
    """Offsets of each ``!!! quote`` admonition's body: its lines indented past its
    marker, blank lines between them included. Each line is read once: linear."""
    spans = []
    found = _QUOTE_ADMONITION.search(source, body_start)
    while found:
        indent = len(found.group("indent"))
        end = position = found.end()
        while position < len(source):
            line_end = source.find("\n", position)
            line_end = len(source) if line_end < 0 else line_end + 1
            text = source[position:line_end]
            if text.strip():
                if len(text) - len(text.lstrip()) <= indent:
                    break
                end = line_end
            position = line_end
        if end > found.end():
            spans.append((found.end(), end))
        found = _QUOTE_ADMONITION.search(source, max(end, found.end()))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ``spans`` with those that overlap made one: a turn of a transcript may hold
    an italic quotation, and a lookup by start (``_within``) needs no span inside another."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _italic_quotations(document: Document, body_start: int) -> list[tuple[int, int]]:
    """Offsets of paragraphs set wholly in italics that a sentence before them hands
    over to: "NIMS, which is described as," then ``_A systematic, proactive approach
    ..._`` (PagerDuty's docs quoting FEMA). A label such as "Note:" introduces no one."""
    spans = []
    for before, block in itertools.pairwise(document.blocks):
        if block.kind != "paragraph" or before.kind != "paragraph" or block.start < body_start:
            continue
        whole = len(block.text.rstrip())
        italic = any(start == 0 and end >= whole for start, end in block.emphasis)
        if italic and len(before.text.split()) >= 4 and _introduces(before.text):
            spans.append((block.start, _block_end(block)))
    return spans


# Words that hand over to someone else's words in quotation marks: 'To quote the docs,
# "Tide is a Prow component..."', 'As Jane put it: "..."'. Up to 80 characters may name
# whom (a link's text, a name) before the comma or colon.
_QUOTE_INTRODUCED = re.compile(
    r"\b(?:[Tt]o quote|[Qq]uoting|puts? it|says|said|wrote|writes)\b[^\"“”]{0,80}?[,:]\s*"
    r"(?:\"(?P<straight>[^\"]{1,2000})\"|“(?P<curly>[^”]{1,2000})”)"
)


def _with_inline_quotations(
    spans: list[tuple[int, int]], document: Document, body_start: int
) -> list[tuple[int, int]]:
    """``spans`` (sorted) and each quotation in quotation marks that words such as "to
    quote" or "put it" introduce in a paragraph outside them: its sentences are someone
    else's, as a block quote's are."""
    starts = [start for start, _ in spans]
    inline = []
    for block in document.blocks:
        quoted = '"' in block.text or "“" in block.text
        if not quoted or block.kind not in PROSE_KINDS or block.start < body_start:
            continue
        found = [
            match.span("straight" if match.group("straight") is not None else "curly")
            for match in _QUOTE_INTRODUCED.finditer(block.text)
        ]
        found += _attributed_after(block.text)
        # A box's marker may open the paragraph: ":::callout" over a pull quote.
        marker = _CONTAINER_MARK.match(block.text) if block.text.startswith(":::") else None
        opening = marker.end() if marker else 0
        if _all_quoted(block.text[opening:]):
            found.append((opening, len(block.text)))
        elif _CITED_QUOTATION.fullmatch(block.text):
            found.append((0, len(block.text)))
        for first, last in found:
            start = block.offset_at(first)
            if not _within(start, starts, spans):
                inline.append((start, block.offset_at(last - 1) + 1))
    return sorted(set(spans + inline)) if inline else spans


# A reference that quotes its source and names it in brackets after, perhaps after its
# label: '[s1] "These 30 tests generated..." (J. Spracklen et al., 2024)' (the OpenSSF's
# guide for AI code assistants).
_CITED_QUOTATION = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,60}\][ \t]*)?"
    r"(?:\"[^\"]{1,3000}\"|“[^“”]{1,3000}”)[.,]?[ \t\n]*\([^()\n]{1,300}\)[.]?[ \t]*"
)


def _all_quoted(text: str) -> bool:
    """Whether a block is one quotation and nothing else: a style guide's example in a
    table cell, “Professor Pelham was respected by his colleagues.” (18F's guide)."""
    text = text.strip().rstrip(".,;")
    if len(text) < 3:
        return False
    if (text[0], text[-1]) == ("“", "”"):
        return text.count("“") == 1 and text.count("”") == 1
    return text[0] == text[-1] == '"' and text.count('"') == 2


# The close of a quotation that names its speaker after it: "“We are seeing massive
# interest,” said Rasmus" (the Node.js blog); the quotation ends in a comma or a stop.
_SAID_AFTER = re.compile(
    r"[,.!?](?P<close>[”\"])[ \t\n]{1,3}"
    r"(?:(?:(?:he|she|they|we|I|[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})[ \t]+)?"
    r"(?:said|says|adds|added|explains|explained|wrote|writes|notes|noted|recalls|recalled)\b"
    r"|according[ \t\n]+to\b)"  # '"...," according to the ACT-IAC website'
)
_OPENING = {"”": "“", '"': '"'}
_QUOTE_REACH = 2000  # characters a quotation may run back from its close


def _attributed_after(text: str) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each quotation its speaker is named after, its marks
    included: the sentence that opens with the quotation is its speaker's."""
    found = []
    for match in _SAID_AFTER.finditer(text):
        close = match.start("close")
        opening = text.rfind(_OPENING[match.group("close")], max(close - _QUOTE_REACH, 0), close)
        if opening >= 0:
            found.append((opening, close + 1))
    if found:  # the speaker's later quotations in the paragraph: "“...,” said Ann. “And...”"
        found += [m.span() for m in _CURLY_QUOTATION.finditer(text, found[0][1])]
    return found


_CURLY_QUOTATION = re.compile(r"“[^“”]{1,2000}”")


# A paragraph that opens with a speaker's name in bold, then a colon: "**HENRIK REXED:**
# OpenTelemetry for me...", "**Jane Doe**: ...", "**Noah Abrahams (NA)**: ...", or a turn
# in bold that asks, as an interviewer does: "**Ann: What comes next?**".
# One to four capitalised words, then perhaps initials in brackets.
_SPEAKER = re.compile(
    r"[ \t]*(?:\*\*|__)(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
    r"(?:[ \t]+\([A-Z]{1,5}\))?"
    r"(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:"
    r"|:[ \t]+(?=(?P<asks>[^*_\n][^*]{0,1000}?\?)(?:\*\*|__)[ \t]*\r?$))",
    re.MULTILINE,
)
# A speaker's full name in capitals, not in bold, as a captioner writes a transcript:
# "CARLOS DUARTE: Let's move on to..." (W3C's symposium pages). Two words at least: one
# in capitals is more often a note's kind or an acronym ("TODO:", "API:").
_CAPITALS_SPEAKER = re.compile(
    r"[ \t]*(?P<name>[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){1,3}):[ \t]"
)
_CAPITALS_LINE = re.compile("^" + _CAPITALS_SPEAKER.pattern, re.MULTILINE)
# Bold labels that name no one: a note's kind, a field, a step.
_NOT_SPEAKERS = frozenset(
    [
        "action required",
        "answer",
        "attention",
        "breaking change",
        "breaking changes",
        "caution",
        "danger",
        "default",
        "deprecated",
        "disclaimer",
        "edit",
        "example",
        "hint",
        "important",
        "info",
        "input",
        "known issue",
        "known issues",
        "note",
        "output",
        "prerequisites",
        "question",
        "requirements",
        "result",
        "see also",
        "summary",
        "tip",
        "tl;dr",
        "type",
        "update",
        "usage",
        "warning",
    ]
)
# A page is a transcript (an interview) when this many paragraphs open with a speaker's
# name, and at least two speakers take turns.
TRANSCRIPT_TURNS = 3


def _speaker_turns(document: Document, source: str, body_start: int) -> list[tuple[int, int]]:
    """Offsets of the turns of a transcript: each paragraph that opens with a speaker's
    name, with the paragraphs that follow it up to the next turn, heading or other block.
    An interview's answers are someone else's spoken words, as a quotation is. Two
    speakers make a transcript, or one who asks in bold, answered in plain paragraphs;
    so do questions in bold with no name, answered in the first person."""
    if not (_enough(_BOLD_LINE, source, body_start) or _enough(_CAPITALS_LINE, source, body_start)):
        return []  # most pages: too few lines opening in bold or with a name to hold one
    blocks = document.blocks
    turns = _labelled_turns(blocks, source, body_start) or _asked_turns(blocks, body_start)
    if not turns:
        return []
    headings = sorted(heading.start for heading in document.headings)
    spans = []
    for index in turns:
        last = index
        while last + 1 < len(blocks) and last + 1 not in turns:
            following = blocks[last + 1]
            heading = bisect.bisect_left(headings, blocks[last].start)
            if following.kind not in _ANSWER_KINDS or (
                heading < len(headings) and headings[heading] < following.start
            ):
                break
            last += 1
        spans.append((blocks[index].start, _block_end(blocks[last])))
    return spans


def _enough(lines: re.Pattern[str], source: str, body_start: int) -> bool:
    """Whether as many lines as a transcript's turns match ``lines`` (a quick test)."""
    found = lines.finditer(source, body_start)
    return sum(1 for _ in itertools.islice(found, TRANSCRIPT_TURNS)) == TRANSCRIPT_TURNS


_BOLD_LINE = re.compile(r"^[ \t]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?(?:\*\*|__)", re.MULTILINE)
# An answer goes on in paragraphs and lists ("1. Implementing health checks...").
_ANSWER_KINDS = frozenset({"paragraph", "list_item"})


def _labelled_turns(blocks: list[Block], source: str, body_start: int) -> set[int]:
    """The paragraphs that open with a speaker's name, when they make a transcript."""
    speakers: dict[int, str] = {}
    questions = 0  # turns all in bold that ask: "**Ann: What comes next?**"
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or block.start < body_start:
            continue
        line_start = source.rfind("\n", 0, block.start) + 1
        found = _SPEAKER.match(source, line_start)
        named = found or _CAPITALS_SPEAKER.match(source, line_start)
        if named and named.group("name").casefold() not in _NOT_SPEAKERS:
            speakers[index] = named.group("name").casefold()
            questions += found is not None and found.group("asks") is not None
    two_speakers = len(set(speakers.values())) >= 2
    if len(speakers) < TRANSCRIPT_TURNS or not (two_speakers or questions >= TRANSCRIPT_TURNS):
        return set()
    return set(speakers)


# A word by which someone speaks of themself: an interviewee's answer, not a FAQ's.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I’m|I’ve|my|me)\b")
# The writer saying the page is an interview: "In this blog post, Nitish interviews...",
# "We spoke with Xing Yang", "we catch up with SIG Storage", "a Q&A with".
_INTERVIEW = re.compile(
    r"\b(?:interview(?:s|ed|ing)?|spoke (?:with|to)|sat down with|chatted with"
    r"|c(?:aught|atch(?:es|ing)?) up with|Q&A with)\b",
    re.IGNORECASE,
)


def _asked_turns(blocks: list[Block], body_start: int) -> set[int]:
    """The paragraphs or list items that open with a question all in bold ("**What got
    you interested?**", then the answer), when three or more ask and the page is an
    interview: most answers speak in the first person (inclusivenaming.org's posts), or
    the words before the first question say it interviews someone (Kubernetes SIG
    spotlights number their questions). A FAQ's answers speak to the reader, and stay
    the writer's."""
    asked = [
        index
        for index, block in enumerate(blocks)
        if block.kind in _ANSWER_KINDS and block.start >= body_start and _opens_asking(block)
    ]
    if len(asked) < TRANSCRIPT_TURNS:
        return set()
    introduced = any(_INTERVIEW.search(block.text) for block in blocks[: asked[0]])
    answers = [
        " ".join(block.text for block in blocks[index:following])
        for index, following in zip(asked, [*asked[1:], len(blocks)], strict=True)
    ]
    first_person = sum(1 for answer in answers if _FIRST_PERSON.search(answer))
    return set(asked) if introduced or 2 * first_person > len(answers) else set()


def _opens_asking(block: Block) -> bool:
    """Whether a block opens with a question all in bold that ends its line (it may wrap
    over lines, and ends in "?"): a question of an interview, or of a FAQ."""
    end = max((end for start, end in block.emphasis if start == 0), default=0)
    if not end:
        return False
    line_end = block.text.find("\n", end)
    after = block.text[end : len(block.text) if line_end < 0 else line_end]
    return not after.strip() and block.text[:end].rstrip().endswith("?")


# -- terms ---------------------------------------------------------------------------------
# A long word (three syllables or more) is one of the page's terms, familiar to its reader,
# when the page teaches it: it is in the page's title or a heading ("Register-
# PSSessionConfiguration" names "session" and "configuration"), the page sets it in bold
# or italic (a run of at most TERM_MAX_WORDS words: a longer one is emphasis, not a term),
# or the page uses it TERM_USES times or more. Singular and plural are one term.
TERM_SYLLABLES = 3
TERM_USES = 5
TERM_MAX_WORDS = 6
# The words inside a name: PSSessionConfiguration -> PS, Session, Configuration.
_NAME_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def _english(language: str) -> bool:
    return language.split("_")[0].split("-")[0].lower() == "en"


_NO_NAMES: frozenset[str] = frozenset()  # the names of a sentence without any


@lru_cache(maxsize=65536)  # pages repeat their words; the same for every page
def singulars(word: str) -> tuple[str, ...]:
    """The words a lowercased ``word`` may be the plural or possessive of."""
    forms = []
    if word.endswith(("'s", "’s")):
        forms.append(word[:-2])
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(forms)


class _PageTerms:
    """Collects, while a page is analysed, what makes a long word one of its terms; finds
    them for every sentence of the page when one first asks (``apply``)."""

    def __init__(self, counter: SyllableCounter, sentences: list[Sentence]) -> None:
        self.counter = counter
        self.sentences = sentences  # the page's, in order
        self.titles: list[str] = []  # the page's title and headings
        self.runs: list[str] = []  # its bold and italic runs

    def add(self, sentence: Sentence) -> None:
        sentence.page_terms = weakref.ref(self)

    def mark(self, block: Block) -> None:
        """Remember a heading, and each bold or italic run: they teach their words."""
        if block.kind == "heading":
            self.titles.append(block.text)
        self.runs.extend(block.text[start:end] for start, end in block.emphasis)

    def mark_title(self, title: str | None) -> None:
        if title:
            self.titles.append(title)

    def _long_family(
        self,
        vocabulary: set[str],
        every_word: list[list[str]],
        named: list[AbstractSet[str]],
        family: Callable[[str], str],
    ) -> dict[str, str]:
        """The page's long words (lowercased), each with its family. A word the page
        writes only as a name is never a term: it counts only for the uses of a written
        word of its family. So only such a name's syllables are looked up (most names
        are in no dictionary, and Pyphen is slow)."""
        pairs = zip(every_word, named, strict=True)
        written = list({word for words, names in pairs for word in words if word not in names})
        syllables = self.counter.each(written)
        found = {
            word: family(word)
            for word, count in zip(written, syllables, strict=True)
            if count >= TERM_SYLLABLES
        }
        families = set(found.values())
        names_only = vocabulary.difference(written)
        for word in names_only:
            key = family(word)
            if key in families and self.counter.word(word) >= TERM_SYLLABLES:
                found[word] = key
        return found

    def _taught(self) -> set[str]:
        """The lowercased words the page teaches, and the words inside its names."""
        taught: set[str] = set()
        # A long bold or italic run is emphasis, not a term.
        runs = [run for run in self.runs if len(run.split()) <= TERM_MAX_WORDS]
        for text in (*self.titles, *runs):
            for word in list_words(text):
                taught.add(word.lower())
                parts = _NAME_PARTS.findall(word)
                if len(parts) > 1:
                    taught.update(part.lower() for part in parts)
        return taught

    def apply(self) -> None:
        """Set every sentence's terms, then let go of what found them. Syllables and
        families are looked up once per word of the page's vocabulary, not once a use."""
        counter = self.counter
        every_word = lowered_words([s.text for s in self.sentences])  # one line each
        vocabulary = {word for words in every_word for word in words}
        named = [
            {name.lower() for name in s.name_words} if s.name_words else _NO_NAMES
            for s in self.sentences
        ]

        def family(word: str) -> str:
            """A word's singular when the page has it: one term for both."""
            return next((form for form in singulars(word) if form in vocabulary), word)

        long_family = self._long_family(vocabulary, every_word, named, family)
        long_words = [[word for word in words if word in long_family] for words in every_word]
        uses = Counter(long_family[word] for found in long_words for word in found)
        taught = {family(word) for word in self._taught()}
        pairs = zip(self.sentences, every_word, strict=True)
        addressed = any(_says_you(sentence, words) for sentence, words in pairs)
        for sentence, found, names in zip(self.sentences, long_words, named, strict=True):
            terms = {
                word
                for word in found
                if word not in names
                and ((key := long_family[word]) in taught or uses[key] >= TERM_USES)
            }
            sentence.found_terms = tuple(sorted(terms))
            if terms:
                sentence.term_syllables = sum(
                    counter.word(word) - 1 for word in found if word in terms
                )
            sentence.page_addressed = addressed
            sentence.page_terms = None
        self.titles, self.runs = [], []


# Words that address the reader: "lets you" fits only a page that uses one.
SECOND_PERSON = frozenset({
    "you", "your", "yours", "yourself", "yourselves", "you're", "youre", "you've", "youve",
    "you'll", "youll", "you'd", "youd",
})  # fmt: skip
# Text in quotation marks: someone else's words, or a label ("Allow automatic ...").
# Linear time: a match stops at the next opening mark, so a run of unclosed ones is not
# scanned again from each of them.
QUOTED_TEXT = re.compile(r'"[^"]*"|“[^“”]*”')


def _says_you(sentence: Sentence, lowered: list[str]) -> bool:
    """Whether a sentence (its words ``lowered``) speaks to the reader: "you" in the
    writer's own words, not in a quotation, quotation marks ("Are you sure?") or code
    (the sentence's names)."""
    if sentence.quoted or SECOND_PERSON.isdisjoint(lowered):
        return False
    code = {name.lower() for name in sentence.name_words}
    own = QUOTED_TEXT.sub(" ", sentence.text)
    return any(
        word in SECOND_PERSON and word not in code
        for word in (word.lower() for word in list_words(own))
    )


# -- the page ----------------------------------------------------------------------------
def analyse(
    document: Document,
    language: str,
    formula: Formula | None,
    body_start: int = 0,
    source: str = "",
    title: str | None = None,
) -> PageText:
    """Segment and count every prose block of a document (``language`` as textstat spells
    it, ``formula`` the one that scores it; None: nothing is measured). Blocks before
    ``body_start`` are skipped: front matter that could not be parsed is still not prose.
    ``source`` is the page's text, where quotations are found; ``title`` its title, which
    names terms the page teaches (English pages: see ``_PageTerms``)."""
    result = PageText(language, formula)
    if formula is None:
        return result
    measure = _measure(language, formula)
    counter = measure.counter
    if counter is not None and _english(language):
        result.terms = _PageTerms(counter, result.sentences)
    terms = result.terms
    blocks = [block for block in document.blocks if block.start >= body_start]
    result.sections.append(Section(None, 0, blocks[0].start if blocks else 0))
    headings = sorted(document.headings, key=lambda heading: heading.start)
    heading_starts = [heading.start for heading in headings]
    quotes = _Quotes(quotation_spans(document, source, body_start))
    links = sorted(
        (link.start, link.end, len(link.text.split())) for link in document.links if not link.image
    )
    blocks = _cut_blocks(_split_at_paragraph_breaks(blocks, document), _line_cuts)
    blocks = _cut_blocks(_cut_blocks(blocks, _footnote_cuts), _definition_cuts)
    opened = 0  # the headings whose sections are open, in page order
    titled_boxes = _boxes_titled_at_their_fence(document.boxes, source)  # and by a heading
    for block in blocks:
        if terms is not None:
            terms.mark(block)
        opened = _open_textless(result, headings, opened, block.start)
        if block.kind == "heading":
            text, level, start = _heading_of(headings, heading_starts, block)
            opened = max(opened, bisect.bisect_right(heading_starts, start))
            if (box := document.box_of(block)) is not None:
                titled_boxes.add(box)
                continue  # it titles its box; the section around the box goes on after it
            result.has_headings = True
            result.sections.append(Section(" ".join(text.split()), level, start))
            continue
        if block.kind in PROSE_KINDS and not holds_no_prose(block, source):
            scanned = document.is_scanned(block)
            boxed = bool(titled_boxes) and document.box_of(block) in titled_boxes
            _add_block(result, block, measure, quotes, links, terms, scanned, boxed)
    _count_link_words(result, links)
    if terms is not None:  # an English page
        terms.mark_title(title)
    if not result.sections[0].words and len(result.sections) > 1:
        del result.sections[0]
        for paragraph in result.paragraphs:
            paragraph.section -= 1
    return result


# A box's opening line that titles it: MyST's ":::{admonition} Pin dependencies with
# caution", Docusaurus' ":::tip Use the cache". Not a figure's or an include's argument.
_TITLED_FENCE = re.compile(
    r" {0,3}:{3,}[ \t]*(?:\{(?P<braced>[\w-]+)\}|(?P<name>[A-Za-z][\w-]*))[ \t]+\S"
)
_TITLED_KINDS = frozenset({
    "admonition", "attention", "caution", "danger", "dropdown", "error", "hint", "important",
    "info", "note", "seealso", "tip", "warning",
})  # fmt: skip


def _boxes_titled_at_their_fence(boxes: list[tuple[int, int]], source: str) -> set[tuple[int, int]]:
    """The boxes whose opening line gives them a title (see ``_TITLED_FENCE``)."""
    titled = set()
    for start, end in boxes:
        if TITLED_ADMONITION.match(source, start, min(end, start + 300)):
            titled.add((start, end))
            continue
        fence = _TITLED_FENCE.match(source, start, min(end, start + 200))
        kind = fence and (fence.group("braced") or fence.group("name")).lower()
        if kind in _TITLED_KINDS:
            titled.add((start, end))
    return titled


def holds_no_prose(block: Block, source: str) -> bool:
    """Whether a prose block holds data, not sentences to measure or reword: JSON or a
    TOML table, a container's marker alone, a commit entry, labelled addresses,
    abbreviations' definitions."""
    text = block.text
    return (
        _written_as_data(block, source)
        or (text.startswith(":::") and _CONTAINER_MARK.fullmatch(text + "\n") is not None)
        or bool(_COMMIT_ENTRY.match(text))
        or ("://" in text and _labelled_addresses(text))
        or bool(_TOML_TABLE.match(text))
        or (text.startswith("*[") and _abbreviations(text))
    )


# An abbreviation's definition (Python-Markdown's abbr, kramdown, PHP Markdown Extra):
# "*[2FA]: Two-factor authentication". The reader sees it as a tooltip on the word.
_ABBREVIATION = re.compile(r"\*\[[^\]\n]{1,100}\]:[^\n]*")


def _abbreviations(text: str) -> bool:
    """Whether every line of the block defines an abbreviation (Pi-hole's glossary of
    them read as one paragraph of 526 words)."""
    return all(_ABBREVIATION.fullmatch(line.strip()) for line in text.strip().split("\n"))


# A TOML table and its first key: data a shortcode reads (the Scientific Python theme's
# grid cards: "[[item]]", then "type = 'card'", "title = ...", "body = ...").
_TOML_TABLE = re.compile(r"[ \t]*\[\[?[\w.-]+\]\]?[ \t]*\n[ \t]*[\w-]+[ \t]*=")


# A changelog's entry that opens with its commit: "[7293c58d51] - assert: make skipping
# indicator blue (Ruben)" (Node's release notes), "abc1234 Fix the build" (git log).
_COMMIT_ENTRY = re.compile(r"[ \t]*[\[(]?(?=[a-f]*\d)(?=\d*[a-f])[0-9a-f]{7,40}\b[\])]?")
# A line that gives a label its address: "Windows 64-bit Installer: https://nodejs.org/...".
_LABELLED_ADDRESS = re.compile(r"[^\n:]{1,60}:[ \t]*(?:https?://|www\.)\S+[ \t]*")


def _labelled_addresses(text: str) -> bool:
    """Whether every line of a paragraph (two or more, kept apart by hard line breaks) is
    a label and its address: a list of downloads, not sentences."""
    lines = text.strip().split("\n")
    return len(lines) >= 2 and all(_LABELLED_ADDRESS.fullmatch(line) for line in lines)


def _written_as_data(block: Block, source: str) -> bool:
    """Whether a paragraph is a JSON array or object, data pasted without a code fence
    (GitBook's ``{% repl %}`` blocks in the Elm guide), not prose to measure."""
    if not source or block.text.lstrip()[:1] not in ("[", "{"):
        return False
    written = TEMPLATE_TAG.sub("", source[block.start : _block_end(block)])
    try:
        value = json.loads(written)
    except (ValueError, RecursionError):  # prose, or data nested too deep to be prose
        return False
    return isinstance(value, list | dict) and bool(value)


def _split_at_paragraph_breaks(blocks: list[Block], document: Document) -> list[Block]:
    """``blocks`` with each prose block cut where a run of ``<br>`` shows a paragraph
    break (``Done.<br><br>Next, ...``): a reader sees two paragraphs, and a sentence
    never goes on across them."""
    cuts = sorted(b.start for b in document.breaks if b.paragraph_break)
    if not cuts:
        return blocks
    split = []
    for block in blocks:
        low = bisect.bisect_right(cuts, block.start)
        high = bisect.bisect_left(cuts, _block_end(block), low)
        if block.kind not in PROSE_KINDS or low == high:
            split.append(block)
            continue
        indices = [_text_index_at(block, offset) for offset in cuts[low:high]]
        split.extend(_pieces(block, [0, *indices, len(block.text)]))
    return split


def _cut_blocks(blocks: list[Block], cuts_of: Callable[[Block], list[int]]) -> list[Block]:
    """``blocks`` with each block cut at the text indices ``cuts_of`` gives it (sorted;
    none: the block stays whole)."""
    split = []
    for block in blocks:
        cuts = cuts_of(block)
        if cuts:
            split.extend(_pieces(block, [0, *cuts, len(block.text)]))
        else:
            split.append(block)
    return split


def _line_cuts(block: Block) -> list[int]:
    """The hard line breaks of a paragraph or list item made wholly of lines kept apart
    by them: a field's description, type and version history one under another
    (Mastodon's entity pages), an address. The reader sees a stack of short lines, not
    a paragraph."""
    if block.kind in ("paragraph", "list_item") and _broken_into_lines(block):
        return block.breaks
    return []


def _broken_into_lines(block: Block) -> bool:
    """Whether the block has three lines or more and a hard line break ends each of its
    lines but the last: at the line's end, or alone on a line of its own (``<br>``
    between two paragraphs). Blank lines around the text, such as a template tag's that
    was blanked, do not count. One pass over the text's runs of white space: linear."""
    breaks = block.breaks
    if len(breaks) < 2:
        return False
    text = block.text.rstrip()
    next_break = 0
    for gap in _LINE_GAP.finditer(text, len(text) - len(text.lstrip())):
        while next_break < len(breaks) and breaks[next_break] < gap.start():
            next_break += 1  # a break inside a word's text, not at a line's end
        if next_break == len(breaks) or breaks[next_break] > gap.end():
            return False  # a line that goes on without a break
    return True


# White space that holds a line end, from the start of its run (linear to search for).
_LINE_GAP = re.compile(r"(?<![ \t])[ \t]*\n\s*")


# A footnote's definition that starts a line of a paragraph: to GitHub and remark (GFM),
# "[^b]: ..." under "[^a]: ..." is the next footnote, not more of the first one's text.
_FOOTNOTE_LINE = re.compile(r"\n(?=\[\^[^\]\s]{1,100}\]:)")


def _footnote_cuts(block: Block) -> list[int]:
    """Where a paragraph's lines that define a footnote start: four definitions in a row
    are four notes, not one paragraph of 183 words (the Node.js blog; CommonMark, without
    footnotes, reads them as one)."""
    if block.kind != "paragraph" or "[^" not in block.text:
        return []
    return [match.end() for match in _FOOTNOTE_LINE.finditer(block.text)]


# A definition's line under its term: "Process time outs barrier" then ": **Barrier:**
# ..." (kramdown, Python-Markdown's def_list, Hugo, Pandoc).
_DEFINITION_LINE = re.compile(r"\n:[ \t]+(?=\S)")


def _definition_cuts(block: Block) -> list[int]:
    """Where each definition line's marker in a paragraph starts and ends (a piece of no
    words): the term and each of its definitions are units of their own, and no
    sentence runs from the term into a definition (W3C's user stories: a term and two
    quoted definitions were one sentence of 52 words). The marker is outside code: a
    line that opens with a code span (```: this(<parameters>)`` syntax") is none."""
    if block.kind != "paragraph" or "\n:" not in block.text:
        return []
    starts = [start for start, _ in block.code]
    return [
        cut
        for match in _DEFINITION_LINE.finditer(block.text)
        if not _within(match.start() + 1, starts, block.code)
        for cut in match.span()
    ]


def _text_index_at(block: Block, offset: int) -> int:
    """The index in the block's text of the first character at or after page offset
    ``offset`` (markup there, such as a ``<br>``, is in no text)."""
    anchors = block.anchors
    position = max(bisect.bisect_right(anchors, offset, key=lambda anchor: anchor[1]) - 1, 0)
    text_index, anchor_offset = anchors[position]
    following = anchors[position + 1][0] if position + 1 < len(anchors) else len(block.text)
    return min(text_index + max(offset - anchor_offset, 0), following)


def _pieces(block: Block, bounds: list[int]) -> Iterator[Block]:
    """The block cut at the text indices ``bounds`` (sorted, first 0, last its length),
    each piece with its own anchors, code spans, emphasis and breaks; empty pieces left
    out. Each list is walked once for all the pieces: linear, however many the cuts
    (a page of thousands of lines kept apart by hard breaks)."""
    anchor_indices = [index for index, _ in block.anchors]
    codes = _cut_spans(block.code, bounds)
    emphases = _cut_spans(block.emphasis, bounds)
    for number, (start, end) in enumerate(itertools.pairwise(bounds)):
        if not block.text[start:end].strip():
            continue
        low = bisect.bisect_right(anchor_indices, start)
        high = bisect.bisect_left(anchor_indices, end, low)
        anchors = [(0, block.offset_at(start))]
        anchors += [(index - start, at) for index, at in block.anchors[low:high]]
        first = bisect.bisect_left(block.breaks, start)
        last = bisect.bisect_left(block.breaks, end, first)
        yield Block(
            block.kind,
            block.text[start:end],
            anchors,
            codes[number],
            emphases[number],
            [index - start for index in block.breaks[first:last]],
        )


def _cut_spans(spans: list[tuple[int, int]], bounds: list[int]) -> list[list[tuple[int, int]]]:
    """``spans`` clipped to each piece between ``bounds``, in the piece's indices. The
    spans open at a cut are carried to the next piece: each span is read once, and once
    more for each piece it reaches."""
    ordered = sorted(spans)
    pieces: list[list[tuple[int, int]]] = []
    active: list[tuple[int, int]] = []
    position = 0
    for start, end in itertools.pairwise(bounds):
        active = [(a, b) for a, b in active if b > start]
        while position < len(ordered) and ordered[position][0] < end:
            active.append(ordered[position])
            position += 1
        pieces.append(
            [(max(a, start) - start, min(b, end) - start) for a, b in active if b > start]
        )
    return pieces


class _Quotes:
    """The page's quotations, with their starts listed once for the page (not once per
    block: a page of thousands of quotations stays linear)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def hold(self, offset: int) -> bool:
        """Whether ``offset`` is inside a quotation."""
        return bool(self.spans) and _within(offset, self.starts, self.spans)


def _open_textless(result: PageText, headings: list[Heading], opened: int, before: int) -> int:
    """Open a section for each heading that ends before offset ``before`` and has no text
    of its own, so no block (``#### <!-- md:setting config.cards -->``, whose text a
    hook writes): it still starts a section. Returns how many headings are open."""
    while opened < len(headings) and headings[opened].end <= before:
        heading = headings[opened]
        name = heading.text or heading.raw.strip()
        result.sections.append(Section(" ".join(name.split()), heading.level, heading.start))
        result.has_headings = True
        opened += 1
    return opened


def _heading_of(headings: list[Heading], starts: list[int], block: Block) -> tuple[str, int, int]:
    """Text (without an ``{ #id }`` attribute list), level and start offset (the ``#`` or
    ``<h2>``) of the heading a block is the text of.

    ``headings`` are sorted by start (``starts`` beside them): a binary search keeps pages
    with thousands of headings linear.
    """
    start = block.start
    index = bisect.bisect_right(starts, start) - 1
    if index >= 0:
        heading = headings[index]
        if start < max(heading.end, heading.start + 1):
            return heading.text, heading.level, heading.start
    return block.text, 2, start


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


_CAPITALISED_NOUNS = frozenset({"de", "lb"})  # languages that capitalise every noun


def _syllables(counter: SyllableCounter, words: list[str], names: list[str]) -> int:
    """The syllables of ``words`` with each of the ``names`` counted as one. A name that
    is one of the words is not looked up: most names are in no dictionary, and Pyphen's
    count of them would only be taken away again."""
    if not names:
        return counter.words(words)
    pending = Counter(names)
    kept: list[str] = []
    for word in words:
        if pending[word]:
            pending[word] -= 1
        else:
            kept.append(word)
    elsewhere = sum((counter.word(name) - 1) * left for name, left in pending.items() if left)
    return counter.words(kept) + len(names) - sum(pending.values()) - elsewhere


_count_fields = attrgetter(*Counts.__struct_fields__)  # a Counts' fields as a tuple, in order


class _Measured(Struct, frozen=True):
    """One sentence of a block's text, as measured: the same in every block with that text
    (its code spans and definition label too), wherever the block is."""

    start: int  # indices into the block's text
    end: int
    counts: tuple[int, ...]  # a Counts' fields, in order: each sentence gets its own Counts
    names: tuple[str, ...]


@cache
def _measure(language: str, formula: Formula) -> _Measure:
    """One measure per language and formula for the process, so its memory of measured
    blocks serves every page (threads may share it: see ``TextMemory``)."""
    return _Measure(language, formula)


class _Measure:
    """Counts for one sentence in one language: what its formula needs, names made short.

    It keeps the sentences of the blocks it measured last, by text (``block``; see
    ``openaccess.text.memory``)."""

    def __init__(self, language: str, formula: Formula) -> None:
        # Only where a capital marks a name: German capitalises every noun.
        self.proper_names = language.split("_")[0] not in _CAPITALISED_NOUNS
        self.english = _english(language)
        self.syllables = SYLLABLES in formula.needs or POLYSYLLABLES in formula.needs
        self.counter = syllable_counter(language) if self.syllables else None
        self.per_word = bool(formula.needs & {POLYSYLLABLES, MONOSYLLABLES, LONG_WORDS, LETTERS})
        self.blocks: TextMemory[tuple[_Measured, ...]] = TextMemory()

    def block(self, block: Block, label: int | None) -> tuple[_Measured, ...]:
        """The block's sentences, measured once per text (with its code spans, label and
        lead-in) while it is remembered."""
        lead = 0 if label is not None else _lead_in_end(block)
        return self.blocks.get(
            block.text,
            (tuple(block.code), tuple(block.breaks), label, lead),
            lambda: self._measure_block(block, label, lead),
        )

    def _measure_block(self, block: Block, label: int | None, lead: int) -> tuple[_Measured, ...]:
        text = block.text
        names = block_names(block, self.proper_names)
        name_starts = [index for index, _, _ in names]
        measured = []
        for start, end in _block_sentences(block, label, self.english, lead):
            words = list_words(text[start:end])
            if not words:
                continue
            low = bisect.bisect_left(name_starts, start)
            high = bisect.bisect_left(name_starts, end, low)
            sentence_names = [
                name
                for index, name, capitalised in names[low:high]
                if not capitalised or (index != start and text[index - 2 : index] != ": ")
            ]
            counts = _count_fields(self.sentence(words, sentence_names))
            measured.append(_Measured(start, end, counts, tuple(sentence_names)))
        return tuple(measured)

    def sentence(self, words: list[str], names: list[str]) -> Counts:
        counts = Counts(words=len(words), sentences=1)
        counter = self.counter
        if counter is not None and not self.per_word:
            counts.syllables = _syllables(counter, words, names)
            return counts
        for word in words:
            self._add_word(counts, word, counter.word(word) if counter else 1, len(word), 1)
        for name in names:  # take the name out, put a short word in
            self._add_word(counts, name, counter.word(name) if counter else 1, len(name), -1)
            self._add_word(counts, name, 1, NAME_LETTERS, 1)
        return counts

    @staticmethod
    def _add_word(counts: Counts, word: str, syllables: int, letters: int, sign: int) -> None:
        counts.syllables += sign * syllables
        counts.polysyllables += sign * (syllables >= 3)
        counts.monosyllables += sign * (syllables == 1)
        counts.long_words += sign * (letters > LONG_WORD_LETTERS)
        counts.letters += sign * letters


# A paragraph whose first line is a short term or link, with its description on the next
# lines ("Table view" then "Lists the properties..."), is a definition entry. The line
# must not be a wrapped sentence: short, no punctuation, not ending on a word that needs
# a next one, and followed by a line at least twice as long that starts with a plain
# capitalised word.
_LABEL_MAX_CHARS = 40
# "Lists" or "A", not "System.IO"
_PLAIN_CAPITALISED = re.compile(r"(?:[A-Z][a-z]+|A)(?![\w-]|\.\w)")
_LABEL_MAX_WORDS = 6
# A title, every word capitalised but the small ones, may be longer: PowerShell's schema
# reference puts "[Text Element for CustomItem for GroupBy (Format)](...)" above each
# description, and a sentence wrapped there is rarely in title case.
_TITLE_MAX_CHARS = 72
_TITLE_MAX_WORDS = 12
_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "to", "in", "for", "and", "or", "nor", "on", "at", "by", "as",
    "with", "without", "from", "into", "onto", "over", "via", "per", "that",
})  # fmt: skip
_OPEN_ENDINGS = frozenset({
    "a", "an", "the", "of", "to", "in", "into", "for", "and", "or", "nor", "but", "with",
    "by", "on", "at", "from", "as", "is", "are", "was", "were", "be", "see", "use", "that",
    "this", "these", "those", "your", "its", "their", "our", "his", "her",
})  # fmt: skip


def _label_end(block: Block, linked_line: bool = False) -> int | None:
    """Index of the line break after a definition entry's label line, or None. A line
    that is one link (``linked_line``) names a page or a video, as a title does; so does
    a line all in bold or italics, a run-in title ("**How to be nice to each other in our
    community**" over its description)."""
    if block.kind != "paragraph":
        return None
    text = block.text
    end = text.find("\n", 0, _TITLE_MAX_CHARS + 1)
    if end <= 0:
        return None
    label, rest = text[:end].strip(), text[end + 1 :].strip()
    words = label.split()
    title = linked_line or _emphasised_line(block, end) or _title_case(words)
    max_chars, max_words = (
        (_TITLE_MAX_CHARS, _TITLE_MAX_WORDS) if title else (_LABEL_MAX_CHARS, _LABEL_MAX_WORDS)
    )
    if (
        not words
        or end > max_chars
        or len(words) > max_words
        or not label[0].isupper()
        or not _PLAIN_CAPITALISED.match(rest)
        or len(rest) < 2 * len(label)
        or any(mark in label for mark in ".!?,;:")
        or words[-1].lower() in _OPEN_ENDINGS
    ):
        return None
    return end


def _emphasised_line(block: Block, end: int) -> bool:
    """Whether the block's first line, up to ``end``, is all in bold or italics."""
    return any(start == 0 and stop >= end for start, stop in block.emphasis)


def _first_line_linked(
    block: Block, offset_at: Callable[[int], int], links: Sequence[tuple[int, int, int]]
) -> bool:
    """Whether one link (sorted (start, end, words) source offsets) holds all of the
    block's first line: "[Trauma-informed research and design (video)](https://...)"."""
    end = block.text.find("\n", 0, _TITLE_MAX_CHARS + 1)
    if not links or end <= 0:
        return False
    first, last = offset_at(0), offset_at(end - 1)
    index = bisect.bisect_right(links, (first, float("inf"), 0)) - 1
    return index >= 0 and links[index][0] <= first and links[index][1] > last


def _title_case(words: list[str]) -> bool:
    """Every word capitalised (or bracketed, or a name), but the small ones."""
    return len(words) > 1 and all(
        word.lstrip("(`")[:1].isupper() or word in _SMALL_WORDS for word in words
    )


# A lead-in label: at most this many words of bold, italic or code text, ending in a
# colon, perhaps after a short aside in brackets ("`name` (`ENV_NAME`):"); up to
# _TITLE_MAX_WORDS in title case ("**[Adding Parameters that Process Pipeline Input][3]:**",
# a section named in an index of sections).
_LEAD_IN_MAX_WORDS = 3
# French typography puts a space before the colon.
_COLON_AFTER = re.compile("(?: ?\\([^()\n]{1,80}\\))?[ \u00a0\u202f]?:")


# A task list item's box: "- [x] Done". GitHub, Hugo and pymdownx.tasklist show it as a
# check box; it is no word of the item.
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
# A footnote's definition: "[^1]: The text". Its label is no word of the sentence.
_FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]{1,100}\]:[ \t]*")


# A sentence's first letter after a label: "**CVS Support** These have been removed".
_SENTENCE_AFTER_LABEL = re.compile(r"\s+[\"“]?[A-Z]")


def _label_before_sentence(block: Block, end: int) -> bool:
    """Whether bold or italic text that opens a block and ends at ``end`` without a colon
    is still a label: a new sentence starts right after it, with a capital, as after
    "**Cold Deploy** The cap..." or a name in italics on a line of its own."""
    emphasised = any(start == 0 and stop == end for start, stop in block.emphasis)
    last = block.text[:end].rstrip()[-1:]
    return emphasised and last not in ".!?" and bool(_SENTENCE_AFTER_LABEL.match(block.text, end))


# A note's kind written plainly before its sentence: "Note: If your existing deployed
# certificates..." (Knative's docs), as "**Note:**" is in bold.
_PLAIN_LABEL = re.compile(
    r"(?:Note|NOTE|Tip|TIP|Warning|WARNING|Important|IMPORTANT|Caution|CAUTION|Hint)"
    r"[ \t]*:[ \t]+(?=[\"“]?[A-Z])"
)


# A container's opening line, as Docusaurus, VitePress and markdown-it-container write it:
# ":::tip", ":::warning Changing the store state" (Home Assistant's developer docs), or
# MyST with its options: ":::{dropdown} Can a package be...?" then ":animate: fade-in".
# It names the box the text is in; no word of its first sentence.
_CONTAINER_MARK = re.compile(
    r":{3,}[ \t]*(?:[A-Za-z][\w-]*|\{[\w-]+\})[^\n]*\n(?:[ \t]*:[\w-]+:[^\n]*\n)*"
)


# A rule's identifier on the line above its paragraph, as the Rust Reference marks each
# rule ("r[items.impl.trait.def-requirement]"): shown beside the text, no word of it.
_RULE_MARKER = re.compile(r"[a-z]\[[\w.:-]+\][ \t]*\n")


def _lead_in_end(block: Block) -> int:
    """Index in the block's text where its prose starts after a lead-in label: bold,
    italic or code text that opens the paragraph or list item and ends with a colon
    ("**Note:**", "**A**:", "`timeout`:" in a list of options) or before a sentence
    of its own ("**Shell** The shell..."), a note's kind written plainly ("Note:"), a
    container's marker line (":::tip"), a footnote's label ("[^1]:"), or a task list
    item's box ("[x]"). The label names what follows; it is not a word of the first
    sentence, nor of the paragraph's count. 0 when there is none."""
    if block.kind == "heading":
        return 0
    if block.kind == "list_item" and (task := _TASK_BOX.match(block.text)):
        return task.end() if task.end() < len(block.text) else 0
    if footnote := _FOOTNOTE_LABEL.match(block.text):
        return footnote.end() if footnote.end() < len(block.text) else 0
    # "**_Tip_ here:**" opens with two runs; the outer one ends the label.
    opening = [end for start, end in (*block.emphasis, *block.code) if start == 0]
    plain = (
        _PLAIN_LABEL.match(block.text)
        or _CONTAINER_MARK.match(block.text)
        or _RULE_MARKER.match(block.text)
    )
    if plain and plain.end() < len(block.text) and (not opening or max(opening) > plain.end()):
        return plain.end()  # "Note: If your...", in bold or not; ":::tip" over its text
    if not opening:
        return 0
    text = block.text
    end = max(opening)
    after = _COLON_AFTER.match(text, end)
    if after is not None:
        end = after.end()  # "**A**:", "**Remarque** :"
    colon = after is not None or text[:end].rstrip().endswith(":")
    if not (colon or _label_before_sentence(block, end)):
        return 0
    words = text[:end].rstrip(" :").split()
    # "**Manuals or other long documents:** These are...": a colon, then a new sentence.
    longer = _title_case(words) or (colon and _SENTENCE_AFTER_LABEL.match(text, end))
    if len(words) > (_TITLE_MAX_WORDS if longer else _LEAD_IN_MAX_WORDS):
        return 0
    prose = len(text) - len(text[end:].lstrip())
    return prose if prose < len(text) else 0


def _block_sentences(
    block: Block, label: int | None, english: bool, lead: int = 0
) -> list[tuple[int, int]]:
    """``split_sentences`` of the block, with a definition entry's label line as a
    sentence of its own, and the text from ``lead`` on (after a lead-in label: see
    ``_lead_in_end``)."""
    if lead:
        return _sentences_from(block, lead, english)
    if label is None:
        return split_sentences(block.text, block.code, english, block.breaks)
    head = [span for span in block.code if span[1] <= label]
    breaks = [index for index in block.breaks if index < label]
    return [
        *split_sentences(block.text[:label], head, english, breaks),
        *_sentences_from(block, label + 1, english),
    ]


def _sentences_from(block: Block, start: int, english: bool) -> list[tuple[int, int]]:
    """``split_sentences`` of the block's text from ``start`` on, its code spans, line
    breaks and sentences in indices of the whole text."""
    shifted = [(a - start, b - start) for a, b in block.code if a >= start]
    breaks = [index - start for index in block.breaks if index >= start]
    sentences = split_sentences(block.text[start:], shifted, english, breaks)
    return [(start + a, start + b) for a, b in sentences]


# Joins the words of a code span into one name in the text the grammar tests read (see
# Sentence.prose): a private-use character, never in a page, shown as a space again.
CODE_SPACE = "\ue000"
_SPACE = re.compile(r"\s")


def _code_as_names(
    text: str,
    start: int,
    end: int,
    code: Sequence[tuple[int, int]],
    code_starts: list[int],
) -> str | None:
    """``text[start:end]`` with each code span in it written as one word (its spaces
    made ``CODE_SPACE``), as the measurement counts it; None when no code span in it
    has a space."""
    first = max(bisect.bisect_right(code_starts, start) - 1, 0)
    parts, position = [], start
    for code_start, code_end in itertools.islice(code, first, None):
        if code_start >= end:
            break
        span = text[max(code_start, position) : min(code_end, end)]
        if code_end <= position or not _SPACE.search(span):
            continue
        parts += [text[position : max(code_start, position)], CODE_SPACE.join(span.split())]
        position = min(code_end, end)
    if not parts:
        return None
    parts.append(text[position:end])
    return " ".join("".join(parts).split())


def _add_block(
    result: PageText,
    block: Block,
    measure: _Measure,
    quotes: _Quotes,
    links: Sequence[tuple[int, int, int]],
    terms: _PageTerms | None = None,
    scanned: bool = False,
    boxed: bool = False,
) -> None:
    """Measure one block into ``result``. ``links``: the page's, as (start, end, words),
    sorted. ``scanned``: built for scanning (a list item, a tab: see
    ``Document.is_scanned``), so its words count as a list's in its section. ``boxed``:
    in a box with its own heading (a lesson's exercise), a part of its own set apart
    from the section's prose, so its words are no part of the section's length."""
    section_index = len(result.sections) - 1
    section = result.sections[section_index]
    text = block.text
    paragraph = Paragraph(block.kind, 0, 0, section_index)
    offset_at = _offset_function(block)
    label = _label_end(block, _first_line_linked(block, offset_at, links))
    code_starts = [code_start for code_start, _ in block.code]
    for measured in measure.block(block, label):
        start, end = measured.start, measured.end
        offset = offset_at(start)
        sentence = Sentence(
            " ".join(text[start:end].split()),
            offset,
            offset_at(end - 1) + 1,
            Counts(*measured.counts),
            len(result.paragraphs),
            len(measured.names),
            quotes.hold(offset),
            measured.names,
            code_free=(
                _code_as_names(text, start, end, block.code, code_starts) if block.code else None
            ),
        )
        paragraph.sentences.append(len(result.sentences))
        result.sentences.append(sentence)
        if terms is not None:
            terms.add(sentence)
        paragraph.words += sentence.words
        section.words += sentence.words
        section.sentence_count += 1
        if sentence.graded:
            paragraph.counts.add(sentence.counts)
            section.counts.add(sentence.counts)
            result.counts.add(sentence.counts)
    if not paragraph.sentences:
        return
    first, last = (
        result.sentences[paragraph.sentences[0]],
        result.sentences[paragraph.sentences[-1]],
    )
    paragraph.start, paragraph.end = first.start, last.end
    paragraph.quoted = all(result.sentences[i].quoted for i in paragraph.sentences)
    if paragraph.quoted:
        section.quoted_words += paragraph.words
    elif boxed:
        section.boxed_words += paragraph.words
    elif _FOOTNOTE_LABEL.match(text):
        section.footnote_words += paragraph.words
    elif scanned or (label is not None and not _emphasised_line(block, label)):
        # A definition entry too, but not a paragraph under a run-in title in bold: a
        # heading in all but markup, which OA505 asks to make one.
        section.list_words += paragraph.words
        paragraph.listed = True
    result.paragraphs.append(paragraph)


def _within(offset: int, starts: list[int], spans: Sequence[tuple[int, int]]) -> bool:
    position = bisect.bisect_right(starts, offset) - 1
    return position >= 0 and spans[position][0] <= offset < spans[position][1]


def _list_entry(result: PageText, paragraph: Paragraph) -> None:
    """Count a paragraph that opens with a link as a list's words in its section, as an
    index is: "[Alignment Element](alignment.md) Defines how..." entries one under another
    are a list of pages in all but markup, however long the list."""
    if paragraph.kind == "paragraph" and not (paragraph.listed or paragraph.quoted):
        result.sections[paragraph.section].list_words += paragraph.words
        paragraph.listed = True


def _count_link_words(result: PageText, links: list[tuple[int, int, int]]) -> None:
    """Words of link text in each paragraph (a paragraph of links is a list, not prose),
    from its links' (start, end, words) in page order."""
    if not links:
        return
    starts = [start for start, _, _ in links]
    # The furthest end so far: sorted, so a binary search holds even if links nest.
    ends = list(itertools.accumulate((end for _, end, _ in links), max))
    for paragraph in result.paragraphs:
        # A link's start is its "[" or "<a", before the paragraph's first word.
        low = bisect.bisect_right(ends, paragraph.start)
        high = bisect.bisect_left(starts, paragraph.end, low)
        paragraph.link_words = sum(words for _, _, words in links[low:high])
        if low < high and starts[low] <= paragraph.start:
            _list_entry(result, paragraph)
            if paragraph.link_words >= paragraph.words:
                for index in paragraph.sentences:
                    result.sentences[index].link_title = True
