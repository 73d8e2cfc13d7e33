"""What ``openaccess report`` measures for each page, and its stable JSON form.

A :class:`PageReport` holds the numbers shown in every format (grade, reading ease,
words, sentences, reading time, target, verdict), the five hardest sentences with their
lines and reasons, sections, long paragraphs and plain-word suggestions. The HTML format
also reads the measured text itself (``PageReport.text``), which is not serialised.
JSON schema: README.md, section "Report JSON schema"; bump ``SCHEMA`` on any
incompatible change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openaccess import __version__
from openaccess.text.analysis import WORDS_PER_MINUTE, Sentence
from openaccess.text.engine import TEXTSTAT_VERSION

if TYPE_CHECKING:
    from openaccess.page import Page
    from openaccess.text import PageText

SCHEMA = "openaccess-report/1"
HARDEST = 5
MIN_WORDS_TO_RANK = 8  # shorter sentences are not "hard" whatever their long words

ABOVE, OK, TOO_SHORT, UNSUPPORTED, NO_PROSE = (
    "above target",
    "ok",
    "too short",
    "language not scored",
    "no prose",
)


@dataclass(frozen=True)
class Limits:
    """The readability thresholds in effect (rules' options after config)."""

    target: float = 8.0
    audiences: dict[str, Any] = field(default_factory=dict)
    min_words: int = 100
    min_sentences: int = 5
    long_sentence: int = 25
    hard_words: int = 14
    hard_grade: float = 14.0
    long_paragraph: int = 150
    long_section: int = 300


@dataclass
class HardSentence:
    line: int
    column: int
    words: int
    grade: float
    text: str
    reasons: list[str]
    index: int = -1  # in PageText.sentences: the HTML report links to the sentence


@dataclass
class SectionReport:
    heading: str | None
    level: int
    line: int
    words: int
    sentences: int
    grade: float | None


@dataclass
class Suggestion:
    line: int
    column: int
    start: int
    end: int
    found: str
    suggestion: str


@dataclass
class PageReport:
    path: str
    title: str | None
    language: str
    verdict: str
    target: float
    target_source: str
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    grade: float | None = None
    reading_ease: float | None = None
    hardest: list[HardSentence] = field(default_factory=list)
    sections: list[SectionReport] = field(default_factory=list)
    long_paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (line, words)
    plain_words: list[Suggestion] = field(default_factory=list)
    passive_sentences: int = 0
    sentence_lengths: list[int] = field(default_factory=list)
    # Not serialised. The file, for --compare; the marked text for the HTML format, made
    # where the page was measured (a worker process), so pages never travel between them.
    source: Path | None = field(default=None, repr=False)
    marked_html: str | None = field(default=None, repr=False)
    page: Page | None = field(default=None, repr=False)
    text: PageText | None = field(default=None, repr=False)

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    @property
    def scored(self) -> bool:
        return self.verdict in (ABOVE, OK)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "language": self.language,
            "verdict": self.verdict,
            "scored": self.scored,
            "grade": _round(self.grade if self.scored else None),
            "reading_ease": _round(self.reading_ease if self.scored else None),
            "target": self.target,
            "target_source": self.target_source,
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
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


def sentence_reasons(sentence: Sentence, limits: Limits, passive: str | None) -> list[str]:
    grade = sentence.grade
    reasons = [f"grade {grade:.1f}"]
    if sentence.words >= limits.hard_words and grade >= limits.hard_grade:
        reasons.append(f"very hard (grade {limits.hard_grade:g}+ with {limits.hard_words}+ words)")
    if sentence.words > limits.long_sentence:
        reasons.append(f"{sentence.words} words (over {limits.long_sentence})")
    if passive:
        reasons.append(f'passive ("{passive}")')
    return reasons


def measure_page(page: Page, default_language: str, limits: Limits, swaps: dict) -> PageReport:
    """Everything the report shows about one page."""
    from openaccess.rules.readability import grade_target, too_short
    from openaccess.text import body_blocks, page_text
    from openaccess.text.style import passive_phrase, plain_words

    text = page_text(page, default_language)
    target = grade_target(page.meta, limits.target, limits.audiences)
    report = PageReport(
        page.display_path, page.title, text.language, OK, target.grade, target.source,
        source=page.path, page=page, text=text,
    )  # fmt: skip
    if not text.supported:
        report.verdict = UNSUPPORTED if page.document.blocks else NO_PROSE
        return report
    report.words, report.sentences, report.syllables = (
        text.words,
        text.sentence_count,
        text.syllables,
    )
    report.grade, report.reading_ease = text.grade, text.reading_ease
    report.sentence_lengths = [s.words for s in text.sentences]
    if not text.sentences:
        report.verdict = NO_PROSE
    elif too_short(text, limits.min_words, limits.min_sentences):
        report.verdict = TOO_SHORT
    elif report.grade is not None and round(report.grade, 1) > target.grade:
        report.verdict = ABOVE
    english = text.language.startswith("en")
    passives = {
        i: passive_phrase(s.text) if english else None for i, s in enumerate(text.sentences)
    }
    report.passive_sentences = sum(1 for p in passives.values() if p)
    ranked = sorted(
        (i for i, s in enumerate(text.sentences) if s.words >= MIN_WORDS_TO_RANK),
        key=lambda i: (-text.sentences[i].grade, text.sentences[i].start),
    )
    for index in ranked[:HARDEST]:
        sentence = text.sentences[index]
        line, column = page.position(sentence.start)
        report.hardest.append(
            HardSentence(
                line, column, sentence.words, sentence.grade, sentence.text,
                sentence_reasons(sentence, limits, passives[index]), index,
            )
        )  # fmt: skip
    for section in text.sections:
        report.sections.append(
            SectionReport(
                section.heading, section.level, page.position(section.start)[0], section.words,
                section.sentence_count, section.grade,
            )
        )  # fmt: skip
    report.long_paragraphs = [
        (page.position(p.start)[0], p.words)
        for p in text.paragraphs
        if p.words > limits.long_paragraph
    ]
    finder = plain_words(swaps.get(text.language.split("_")[0], {}))
    for block in body_blocks(page):
        for found in finder.find(block.text):
            start = block.offset_at(found.start)
            end = block.offset_at(found.end - 1) + 1
            line, column = page.position(start)
            report.plain_words.append(
                Suggestion(line, column, start, end, found.found, found.suggestion)
            )
    return report


@dataclass
class Report:
    pages: list[PageReport]
    limits: Limits
    baseline: dict[str, dict[str, Any]] | None = None  # path -> page dict of the baseline
    baseline_name: str | None = None
    swaps: dict[str, dict[str, str]] = field(default_factory=dict)  # plain-words.toml

    def sorted_pages(self) -> list[PageReport]:
        """Hardest first; pages without a grade last, by path."""
        return sorted(
            self.pages,
            key=lambda p: (not p.scored, -(p.grade or 0.0) if p.scored else 0.0, p.path),
        )

    def grade_delta(self, page: PageReport) -> tuple[float, float] | None:
        """(before, after) grades when both the baseline and this run scored the page."""
        before = (self.baseline or {}).get(page.path, {}).get("grade")
        if before is None or not page.scored or page.grade is None:
            return None
        return float(before), round(page.grade, 2)

    def section_deltas(self, page: PageReport) -> list[tuple[str | None, float, float]]:
        """(heading, before, after) for sections, matched by heading text, whose grade changed."""
        old = (self.baseline or {}).get(page.path, {}).get("sections", [])
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
        words = sum(p.words for p in scored)
        return {
            "pages": len(self.pages),
            "scored": len(scored),
            "above_target": sum(1 for p in self.pages if p.verdict == ABOVE),
            "words": sum(p.words for p in self.pages),
            "reading_minutes": round(sum(p.reading_minutes for p in self.pages), 2),
            # Word-weighted: long pages count for more, as they do for readers.
            "mean_grade": round(sum((p.grade or 0.0) * p.words for p in scored) / words, 2)
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
            "grade_formula": "flesch-kincaid (textstat), syntok sentences",
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
