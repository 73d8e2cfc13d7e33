"""What ``openaccess report`` measures for each page, and its stable JSON form.

A :class:`PageReport` holds the numbers shown in every format (grade, reading ease,
words, sentences, reading time, target, verdict), the five hardest sentences with their
lines and reasons, sections, long paragraphs and plain-word suggestions. A page's
``grade`` is its score on its language's formula (``formula``: Flesch-Kincaid for
English); on an ease formula (Spanish, French...) a lower score is harder and the
verdict is "below target". The HTML format also reads the measured text itself
(``PageReport.text``), which is not serialised. JSON schema: docs/report.md, section "The
JSON report"; bump ``SCHEMA`` on any incompatible change.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from openaccess import __version__
from openaccess.text.analysis import WORDS_PER_MINUTE, Sentence
from openaccess.text.engine import TEXTSTAT_VERSION

if TYPE_CHECKING:
    from openaccess.options import Options
    from openaccess.page import Page
    from openaccess.rules.readability import HardLimits
    from openaccess.text import PageText
    from openaccess.text.style import Wording

SCHEMA = "openaccess-report/2"
# Baselines this version reads: /1 reports gave every page a Flesch-Kincaid grade.
READABLE_SCHEMAS = ("openaccess-report/1", SCHEMA)
FLESCH_KINCAID = "flesch-kincaid"
HARDEST = 5
MIN_WORDS_TO_RANK = 8  # shorter sentences are not "hard" whatever their long words
SIGNS_SHOWN = 5  # a very hard sentence's reason names at most this many signs

ABOVE, BELOW, OK, TOO_SHORT, UNSUPPORTED, NO_PROSE = (
    "above target",
    "below target",
    "ok",
    "too short",
    "language not scored",
    "no prose",
)
MISSED = (ABOVE, BELOW)  # verdicts of a page that misses its target


class Limits(Struct, frozen=True, dict=True):
    """The readability thresholds in effect: the readability rules' resolved options, the
    very values ``check`` uses (see :mod:`openaccess.options`)."""

    target: float
    grade_tolerance: float  # how far past its target a page may be and still be "ok"
    audiences: dict[str, Any]
    targets: dict[str, Any]  # by language (config)
    min_words: int
    min_sentences: int
    long_sentence: int
    hard_words: int
    hard_grade: float
    hard_signs: int
    long_paragraph: int
    long_section: int
    # rules/hard-words.toml's English lists: what OA503 counts as wordy
    hard_lists: dict[str, Any] = field(default_factory=dict)
    # rules/plain-words.toml's English list: OA506's swaps, which OA503 does not count
    plain_lists: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_options(
        cls,
        options: Options,
        hard_lists: dict[str, Any] | None = None,
        plain_lists: dict[str, Any] | None = None,
    ) -> Limits:
        """Limits from every rule's resolved options (by rule code), and OA503's English
        lists (``RuleData.hard_words["en"]``, ``RuleData.plain_words["en"]``)."""
        grade, hard = options["OA501"], options["OA503"]
        return cls(
            target=grade["target"],
            grade_tolerance=grade["tolerance"],
            audiences=grade["audiences"],
            targets=grade["targets"],
            min_words=grade["min_words"],
            min_sentences=grade["min_sentences"],
            long_sentence=options["OA502"]["max_words"],
            hard_words=hard["min_words"],
            hard_grade=hard["min_grade"],
            hard_signs=hard["min_signs"],
            long_paragraph=options["OA504"]["max_words"],
            long_section=options["OA505"]["max_words"],
            hard_lists=hard_lists or {},
            plain_lists=plain_lists or {},
        )

    @cached_property
    def hard(self) -> HardLimits | None:
        """OA503's limits, to tell a very hard (wordy) sentence as ``check`` does."""
        from openaccess.rules.readability import hard_limits

        options = {
            "min_words": self.hard_words,
            "min_grade": self.hard_grade,
            "min_signs": self.hard_signs,
        }
        return hard_limits(options, self.hard_lists, self.plain_lists)


class HardSentence(Struct):
    line: int
    column: int
    words: int
    grade: float | None  # Flesch-Kincaid, English pages only
    text: str
    reasons: list[str]
    index: int = -1  # in PageText.sentences: the HTML report links to the sentence


class SectionReport(Struct):
    heading: str | None
    level: int
    line: int
    words: int
    sentences: int
    grade: float | None  # the section's score on the page's formula


class Suggestion(Struct):
    line: int
    column: int
    start: int
    end: int
    found: str
    suggestion: str


class PageReport(Struct):
    path: str
    title: str | None
    language: str
    verdict: str
    target: float
    target_source: str
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    # The counts the grade is made from: sentences that are mostly names are left out.
    graded: dict[str, int] = field(default_factory=dict)
    formula: str | None = None  # rules/languages.toml name; None: not scored
    harder_is_higher: bool = True  # False on an ease formula
    grade: float | None = None  # the score on ``formula``
    reading_ease: float | None = None
    hardest: list[HardSentence] = field(default_factory=list)
    sections: list[SectionReport] = field(default_factory=list)
    long_paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (line, words)
    plain_words: list[Suggestion] = field(default_factory=list)
    passive_sentences: int = 0
    sentence_lengths: list[int] = field(default_factory=list)
    # Not serialised. The file, for --compare; the marked text for the HTML format, made
    # where the page was measured (a worker process), so pages never travel between them.
    source: Path | None = None
    marked_html: str | None = None
    page: Page | None = None
    text: PageText | None = None

    @property
    def counted(self) -> bool:
        """Whether its words and sentences were counted: not on a page in a language
        without a formula, where a word may not even be set off by spaces."""
        return self.formula is not None

    @property
    def sentences_heading(self) -> str:
        """ "Hardest sentences" where sentence grades rank them (English), else "Longest
        sentences": other languages' sentences are ranked by length."""
        graded = bool(self.hardest) and self.hardest[0].grade is not None
        return "Hardest sentences" if graded else "Longest sentences"

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    @property
    def scored(self) -> bool:
        return self.verdict in (*MISSED, OK)

    @property
    def difficulty(self) -> float:
        """How far past its target the page is (positive: harder than the target), so
        pages on different formulas sort together."""
        if self.grade is None:
            return 0.0
        distance = self.grade - self.target
        return distance if self.harder_is_higher else -distance

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "language": self.language,
            "verdict": self.verdict,
            "scored": self.scored,
            "formula": self.formula,
            "grade": _round(self.grade if self.scored else None),
            "reading_ease": _round(self.reading_ease if self.scored else None),
            "target": self.target,
            "target_source": self.target_source,
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "graded": self.graded,
            "reading_minutes": round(self.reading_minutes, 2),
            "passive_sentences": self.passive_sentences,
            "sections": [
                {
                    "heading": s.heading,
                    "level": s.level,
                    "line": s.line,
                    "words": s.words,
                    "sentences": s.sentences,
                    "grade": _round(s.grade),
                }
                for s in self.sections
            ],
            "hardest_sentences": [
                {
                    "line": h.line,
                    "column": h.column,
                    "words": h.words,
                    "grade": _round(h.grade),
                    "text": h.text,
                    "reasons": h.reasons,
                }
                for h in self.hardest
            ],
            "long_paragraphs": [
                {"line": line, "words": words} for line, words in self.long_paragraphs
            ],
            "plain_words": [
                {"line": s.line, "column": s.column, "found": s.found, "suggestion": s.suggestion}
                for s in self.plain_words
            ],
            "sentence_lengths": self.sentence_lengths,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def sentence_reasons(
    sentence: Sentence, limits: Limits, passive: str | None, graded: bool = True
) -> list[str]:
    """Why a sentence is hard; ``graded``: sentence grades apply (English pages)."""
    reasons = []
    if graded:
        grade = sentence.grade
        reasons.append(f"grade {grade:.1f}")
        wordy = very_hard(sentence, limits)
        if wordy is not None:
            reasons.append(f"wordy ({wordy.describe(SIGNS_SHOWN)})")
    if sentence.words > limits.long_sentence:
        reasons.append(f"{sentence.words} words (over {limits.long_sentence})")
    elif not graded:  # listed for its length: say it
        reasons.append(f"{sentence.words} words")
    if passive:
        reasons.append(f'passive ("{passive}")')
    return reasons


def very_hard(sentence: Sentence, limits: Limits) -> Wording | None:
    """OA503's test (``rules.readability.hard_sentence``): a sentence made hard by wordy
    words, and what makes it so; None for any other. English sentences only."""
    from openaccess.rules.readability import hard_sentence

    return hard_sentence(sentence, limits.hard) if limits.hard is not None else None


def measure_page(
    page: Page,
    default_language: str,
    limits: Limits,
    swaps: dict,
    languages: dict[str, Any],
    routed: str | None = None,
) -> PageReport:
    """Everything the report shows about one page (``languages``: rules/languages.toml;
    ``routed``: the language the site's router gives the page, if any)."""
    from openaccess.rules.readability import page_target, too_short
    from openaccess.text import body_blocks, measure
    from openaccess.text.style import passive_phrase, plain_words

    language, scoring, text = measure(page, default_language, languages, routed)
    report = PageReport(
        page.display_path, page.title, text.language, OK, limits.target, "site target",
        source=page.path, page=page, text=text,
    )  # fmt: skip
    if scoring is None:
        report.verdict = UNSUPPORTED if page.document.blocks else NO_PROSE
        return report
    options = {"target": limits.target, "audiences": limits.audiences, "targets": limits.targets}
    target = page_target(page.meta, scoring, options)
    formula = scoring.formula
    report.target, report.target_source = target.grade, target.source
    report.formula, report.harder_is_higher = formula.name, formula.harder_is_higher
    report.words, report.sentences, report.syllables = (
        text.words,
        text.sentence_count,
        text.syllables,
    )
    report.grade, report.reading_ease = text.score, text.reading_ease
    counts = text.counts
    report.graded = {
        "words": counts.words,
        "sentences": counts.sentences,
        "syllables": counts.syllables,
    }
    report.sentence_lengths = [s.words for s in text.sentences]
    if not text.sentences:
        report.verdict = NO_PROSE
    elif too_short(text, limits.min_words, limits.min_sentences):
        report.verdict = TOO_SHORT
    elif report.grade is not None and formula.misses(
        report.grade, target.grade, limits.grade_tolerance
    ):
        report.verdict = ABOVE if formula.harder_is_higher else BELOW
    english = formula.name == FLESCH_KINCAID
    passives = {
        i: passive_phrase(s.prose) if english else None for i, s in enumerate(text.sentences)
    }
    report.passive_sentences = sum(1 for p in passives.values() if p)
    _add_hardest(report, text, limits, passives, english)
    for section in text.sections:
        report.sections.append(
            SectionReport(
                section.heading, section.level, page.position(section.start)[0], section.words,
                section.sentence_count, text.section_score(section),
            )
        )  # fmt: skip
    report.long_paragraphs = [
        (page.position(p.start)[0], p.words)
        for p in text.paragraphs
        if p.words > limits.long_paragraph
    ]
    finder = plain_words(swaps.get(language.root, {}))
    for block in body_blocks(page):
        for found in finder.find(block.text, block.code):
            start = block.offset_at(found.start)
            end = block.offset_at(found.end - 1) + 1
            line, column = page.position(start)
            report.plain_words.append(
                Suggestion(line, column, start, end, found.found, found.suggestion)
            )
    return report


def _add_hardest(
    report: PageReport,
    text: PageText,
    limits: Limits,
    passives: dict[int, str | None],
    graded: bool,
) -> None:
    """The page's hardest sentences: by sentence grade on English pages, by length on
    pages in other languages (sentence grades are Flesch-Kincaid's). Lists of names and
    quotations are not a writer's to simplify."""
    page = report.page
    assert page is not None

    def hardness(i: int) -> tuple[float, int]:
        sentence = text.sentences[i]
        return (-(sentence.grade if graded else sentence.words), sentence.start)

    ranked = sorted(
        (
            i
            for i, s in enumerate(text.sentences)
            if s.words >= MIN_WORDS_TO_RANK and s.graded and not s.quoted
        ),
        key=hardness,
    )
    for index in ranked[:HARDEST]:
        sentence = text.sentences[index]
        line, column = page.position(sentence.start)
        report.hardest.append(
            HardSentence(
                line, column, sentence.words, sentence.grade if graded else None, sentence.text,
                sentence_reasons(sentence, limits, passives[index], graded), index,
            )
        )  # fmt: skip


class Report(Struct):
    pages: list[PageReport]
    limits: Limits
    baseline: dict[str, dict[str, Any]] | None = None  # path -> page dict of the baseline
    baseline_name: str | None = None
    swaps: dict[str, dict[str, str]] = field(default_factory=dict)  # plain-words.toml

    def sorted_pages(self) -> list[PageReport]:
        """Hardest first (furthest past its target); pages without a grade last, by path."""
        return sorted(
            self.pages,
            key=lambda p: (not p.scored, -p.difficulty if p.scored else 0.0, p.path),
        )

    def _baseline_entry(self, page: PageReport) -> dict[str, Any]:
        """The page's baseline entry when it was scored with the same formula (a report
        before schema 2 scored every page with Flesch-Kincaid)."""
        entry = (self.baseline or {}).get(page.path, {})
        return entry if entry.get("formula", FLESCH_KINCAID) == page.formula else {}

    def grade_delta(self, page: PageReport) -> tuple[float, float] | None:
        """(before, after) grades when both the baseline and this run scored the page."""
        before = self._baseline_entry(page).get("grade")
        if before is None or not page.scored or page.grade is None:
            return None
        return float(before), round(page.grade, 2)

    def section_deltas(self, page: PageReport) -> list[tuple[str | None, float, float]]:
        """(heading, before, after) for sections, matched by heading text, whose grade changed."""
        old = self._baseline_entry(page).get("sections", [])
        before = {s.get("heading"): s.get("grade") for s in old if isinstance(s, dict)}
        changes = []
        for section in page.sections:
            was = before.get(section.heading)
            if was is None or section.grade is None:
                continue
            now = round(section.grade, 2)
            if round(now - was, 1) != 0:
                changes.append((section.heading, float(was), now))
        return changes

    def summary(self) -> dict[str, Any]:
        scored = [p for p in self.pages if p.scored]
        graded = [p for p in scored if p.formula == FLESCH_KINCAID]
        words = sum(p.words for p in graded)
        return {
            "pages": len(self.pages),
            "scored": len(scored),
            "above_target": sum(1 for p in self.pages if p.verdict in MISSED),
            "words": sum(p.words for p in self.pages),
            "reading_minutes": round(sum(p.reading_minutes for p in self.pages), 2),
            # Word-weighted: long pages count for more, as they do for readers. Only
            # Flesch-Kincaid grades (English pages) average meaningfully.
            "mean_grade": round(sum((p.grade or 0.0) * p.words for p in graded) / words, 2)
            if words
            else None,
        }

    def to_dict(self) -> dict[str, Any]:
        pages = []
        for page in self.sorted_pages():
            item = page.to_dict()
            if self.baseline is not None:
                item["baseline"] = _delta_dict(self, page)
            pages.append(item)
        return {
            "schema": SCHEMA,
            "openaccess_version": __version__,
            "textstat_version": TEXTSTAT_VERSION,
            "words_per_minute": WORDS_PER_MINUTE,
            "grade_formula": "per language (rules/languages.toml; English: flesch-kincaid),"
            " textstat counts, syntok sentences",
            "baseline": self.baseline_name,
            "summary": self.summary(),
            "pages": pages,
        }


def _delta_dict(report: Report, page: PageReport) -> dict[str, Any]:
    delta = report.grade_delta(page)
    return {
        "grade_before": delta[0] if delta else None,
        "grade_change": round(delta[1] - delta[0], 2) if delta else None,
        "new_page": page.path not in (report.baseline or {}),
        "sections": [
            {"heading": h, "grade_before": b, "grade_after": a, "grade_change": round(a - b, 2)}
            for h, b, a in report.section_deltas(page)
        ],
    }


def section_name(heading: str | None) -> str:
    return "(before the first heading)" if heading is None else heading


def format_delta(before: float, after: float) -> str:
    """'grade 7.2 -> 9.1, +1.9' style text. The change is that of the rounded grades
    shown, so the three numbers always add up (5.8 -> 9.5 is +3.7, never +3.8)."""
    shown_before, shown_after = round(before, 1), round(after, 1)
    return f"{shown_before:.1f} -> {shown_after:.1f}, {shown_after - shown_before:+.1f}"
