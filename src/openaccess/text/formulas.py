"""Readability formulas, one per language, as textstat 0.7.13 defines them.

Each formula reads :class:`Counts` summed over a page's (or a paragraph's) graded
sentences; sentences are syntok's, not textstat's (see ``analysis.py``). Which language
uses which formula, and its target, is data: ``rules/languages.toml``.

A formula's ``scale`` says which way is harder: on a ``grade`` scale (Flesch-Kincaid,
Wiener Sachtextformel, LIX) higher is harder and the target is a maximum; on an ``ease``
scale (Fernández Huerta, Gulpease, the Flesch reading-ease variants) higher is easier and
the target is a minimum.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from msgspec import Struct

# Extra counts a formula may need besides words, sentences and syllables.
POLYSYLLABLES, MONOSYLLABLES, LONG_WORDS, LETTERS, SYLLABLES = (
    "polysyllables",
    "monosyllables",
    "long_words",
    "letters",
    "syllables",
)
LONG_WORD_LETTERS = 6  # a long word has more letters than this (LIX, Wiener Sachtextformel)
NAME_LETTERS = 4  # a name (code, a path...) counts as a short word of this many letters


class Counts(Struct):
    """What the formulas read. Names (code, CamelCase, paths...) count as one short word:
    one syllable, not long, ``NAME_LETTERS`` letters."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of 3 syllables or more
    monosyllables: int = 0
    long_words: int = 0  # words of more than 6 letters
    letters: int = 0

    def add(self, other: Counts) -> None:
        """Add another sentence's (or paragraph's) counts to these."""
        self.words += other.words
        self.sentences += other.sentences
        self.syllables += other.syllables
        self.polysyllables += other.polysyllables
        self.monosyllables += other.monosyllables
        self.long_words += other.long_words
        self.letters += other.letters


class Formula(Struct, frozen=True):
    """A readability formula: how it scores counts, and what its scores mean."""

    name: str  # as written in rules/languages.toml
    label: str  # for messages: "Flesch-Kincaid grade"
    scale: Literal["grade", "ease"]
    needs: frozenset[str]
    compute: Callable[[Counts], float]
    unit: str = "score"  # what messages call one paragraph's value: "grade" or "score"

    @property
    def harder_is_higher(self) -> bool:
        return self.scale == "grade"

    def score(self, counts: Counts) -> float | None:
        """The score, or None when there is nothing to score."""
        if not counts.words or not counts.sentences:
            return None
        return self.compute(counts)

    def past(self, score: float, target: float) -> float:
        """How far ``score`` is past ``target`` on the hard side (negative: easier)."""
        return score - target if self.harder_is_higher else target - score

    def misses(self, score: float, target: float, tolerance: float = 0.0) -> bool:
        """Whether ``score`` (rounded to one decimal, as shown) is on the hard side of
        ``target`` by more than ``tolerance``. The margin absorbs the float error of the
        subtraction: 9.3 - 9.1 is 0.20000000000000107, which is not past 0.2."""
        return self.past(round(score, 1), target) > tolerance + _FLOAT_MARGIN


_FLOAT_MARGIN = 1e-9  # far below the 0.1 steps scores are shown in


def _flesch_kincaid(c: Counts) -> float:
    if not c.syllables:
        return 0.0  # textstat returns 0.0 when either average is 0
    return 0.39 * (c.words / c.sentences) + 11.8 * (c.syllables / c.words) - 15.59


def _reading_ease(language: str) -> Callable[[Counts], float]:
    """textstat's Flesch reading ease with its constants for ``language`` (``fre_base``,
    ``fre_sentence_length``, ``fre_syll_per_word``)."""

    def compute(c: Counts) -> float:
        from openaccess.text import engine

        config = engine.backend().utils.get_lang_cfg
        if not c.syllables:
            return 0.0
        return (
            config(language, "fre_base")
            - config(language, "fre_sentence_length") * (c.words / c.sentences)
            - config(language, "fre_syll_per_word") * (c.syllables / c.words)
        )

    return compute


def _fernandez_huerta(c: Counts) -> float:
    if not c.syllables:
        return 0.0
    return 206.84 - 60 * (c.syllables / c.words) - 1.02 * (c.words / c.sentences)


def _wiener_sachtextformel(c: Counts) -> float:
    """The first Wiener Sachtextformel (Bamberger and Vanecek), textstat's variant 1."""
    ms = 100 * c.polysyllables / c.words
    sl = c.words / c.sentences
    iw = 100 * c.long_words / c.words
    es = 100 * c.monosyllables / c.words
    return 0.1935 * ms + 0.1672 * sl + 0.1297 * iw - 0.0327 * es - 0.875


def _gulpease(c: Counts) -> float:
    return 300 * (c.sentences / c.words) - 10 * (c.letters / c.words) + 89


def _lix(c: Counts) -> float:
    return c.words / c.sentences + 100 * c.long_words / c.words


FORMULAS: dict[str, Formula] = {
    formula.name: formula
    for formula in (
        Formula(
            "flesch-kincaid", "Flesch-Kincaid grade", "grade", frozenset({SYLLABLES}),
            _flesch_kincaid, "grade",
        ),
        Formula(
            "wiener-sachtextformel", "Wiener Sachtextformel grade", "grade",
            frozenset({SYLLABLES, POLYSYLLABLES, MONOSYLLABLES, LONG_WORDS}),
            _wiener_sachtextformel, "grade",
        ),
        Formula("lix", "LIX", "grade", frozenset({LONG_WORDS}), _lix),
        Formula(
            "fernandez-huerta", "Fernández Huerta score", "ease", frozenset({SYLLABLES}),
            _fernandez_huerta,
        ),
        Formula("gulpease", "Gulpease index", "ease", frozenset({LETTERS}), _gulpease),
        Formula(
            "flesch-kandel-moles", "Flesch reading ease (Kandel and Moles)", "ease",
            frozenset({SYLLABLES}), _reading_ease("fr"),
        ),
        Formula(
            "flesch-douma", "Flesch reading ease (Douma)", "ease", frozenset({SYLLABLES}),
            _reading_ease("nl"),
        ),
        Formula(
            "flesch-oborneva", "Flesch reading ease (Oborneva)", "ease",
            frozenset({SYLLABLES}), _reading_ease("ru"),
        ),
    )
}  # fmt: skip
