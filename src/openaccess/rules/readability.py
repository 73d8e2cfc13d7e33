"""Readability rules: located guidance on the page, its sentences, paragraphs and sections.

Every rule reads the same measurement of the page (``openaccess.text.measure``: syntok
sentences with file offsets, textstat counts, names counted as short words), computed once
per page. These findings are guidance, so they are warnings or info by default; a project
may raise them in config. Each sentence gets at most one sentence-length finding, and its
message quotes the start of the sentence. Sentences inside quotations (someone else's
words) count in the grade but get no finding. Pages in a language with no validated
formula get one OA508 note and no other finding here.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from openaccess.diagnostics import Applicability, Category, Edit, Fix, Problem, Severity
from openaccess.routing.plain import is_command_help
from openaccess.rules.base import (
    Option,
    Rule,
    RuleContext,
    a_share,
    at_least_one,
    not_negative,
    register,
)
from openaccess.rules.frontmatter import _key_offset
from openaccess.titles import needs_subheadings

if TYPE_CHECKING:
    from openaccess.document import Block
    from openaccess.page import Page
    from openaccess.text import LanguageProfile, PageLanguage, PageText
    from openaccess.text.analysis import Paragraph, Section, Sentence
    from openaccess.text.style import HardWords, PlainWords, Wording

PAGE_GRADE = "page-grade"
QUOTE_WORDS = 6  # a message quotes the first words of the sentence it is about
MIN_POINTER_WORDS = 20  # OA501 never points at a shorter paragraph
# A long sentence is hard for OA501 when its score, the page's terms familiar, is this far
# past the page's target (grade 11 for the default 8): a long, plain sentence is OA502's.
HARD_SENTENCE_MARGIN = 3.0
SIGNS_SHOWN = 5  # OA503 names at most this many signs of wordy writing


def measured(page: Page, context: RuleContext) -> PageText | None:
    """The page's measured prose, or None when its language has no validated formula, or
    when it is a changelog or a generated page (see :func:`skipped_page`)."""
    if skipped_page(page, context):
        return None
    text = measure_in_context(page, context)[2]
    return text if text.supported else None


# A heading that names a release: "4.3.2 / 2023-01-19", "[1.0.0] - 2017-06-20", "v0.115.0",
# "Version 2.1", "2.4.4-beta4 - 2025-08-28", "9.7.6 March 19, 2026"; not a numbered
# section ("2.1 Grammars").
_RELEASE_HEADING = re.compile(
    r"\W{0,2}(?:(?:version|release|v)\s*)?\d+\.\d+(?:\.\d+)*(?:[-+][\w.]+)?"
    r"\]?\s*(?:\Z|[-\u2013\u2014/(:|,]|\d{4}|released\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)",
    re.IGNORECASE,
)
CHANGELOG_RELEASES = 3  # a page with this many release headings is a changelog
# The title of release notes or a changelog: "Change Log", "Release Notes for v2.6",
# "Python-Markdown 2.6 Release Notes" (the tenth blind trial's reader rejected findings
# on all of them: nobody rewrites the notes of a past release). Not "Writing release notes".
_VERSION = r"v?\d+(?:\.\d+)+(?:[-+][\w.]+)?"
_CHANGELOG_TITLE = re.compile(
    rf"(?:(?:[\w.+-]+\s+){{0,3}}{_VERSION}\s+)?"
    r"(?:release\s+notes|change\s*log|release\s+history|version\s+history)"
    rf"(?:\s+(?:for|of|in)\s+(?:[\w.+-]+\s+){{0,2}}{_VERSION})?",
    re.IGNORECASE,
)


# The notes of one release in a folder of them, with no title that says so: k6's
# release-notes/v1.8.0.md opens "k6 `v1.8.0` is here!" and lists its pull requests.
_RELEASE_FILE = re.compile(_VERSION, re.IGNORECASE)
_RELEASES_FOLDER = re.compile(r"releases?|change-?logs?|release[-_ ]notes|changes", re.I)


def skipped_page(page: Page, context: RuleContext) -> bool:
    """Whether the readability rules leave the page alone: a changelog, a page another
    program writes, a legal text, a specification or meeting notes (unless config
    ``check_changelogs``, ``check_generated``, ``check_legal``, ``check_specifications``
    or ``check_minutes`` asks)."""
    kind = page.derived(_Record, _record)
    config = context.config
    if kind.changelog and not config.check_changelogs:
        return True
    if kind.legal and not config.check_legal:
        return True
    if kind.specification and not config.check_specifications:
        return True
    if kind.minutes and not config.check_minutes:
        return True
    return kind.generated and not config.check_generated


class _Record(Struct, frozen=True):
    """Whether a page is a record nobody rewrites for style: found once per page, for
    every readability rule that asks."""

    changelog: bool
    generated: bool
    legal: bool
    specification: bool
    minutes: bool


def _record(page: Page) -> _Record:
    return _Record(
        is_changelog(page),
        is_generated(page),
        is_legal(page),
        is_specification(page),
        is_minutes(page),
    )


# Meeting notes: a record of what was said, kept as it was taken (JupyterHub's team
# compass, Scientific Python's summits: blind readers rejected all 18 findings on them).
# A page in a folder of them named for its date or number ("2021-08-19.md", "2023.md";
# not the folder's index, which tells how to join, nor a facilitator's checklist), or
# one titled as a meeting that opens with the meeting's date, time or people.
_MINUTES_FOLDER = re.compile(r"meetings|minutes|meeting[-_ ](?:notes|minutes)", re.IGNORECASE)
_MINUTES_TITLE = re.compile(
    r"(?:[^\n]{0,80}\s)?(?:meeting|call|sync|stand-?up)s?(?:\s+(?:notes|minutes|#?\d{1,4}))?"
    r"|[^\n]{0,80}\b(?:meeting\s+notes|minutes|notes\s+archive)\b[^\n]{0,40}",
    re.IGNORECASE,
)
_MEETING_FACTS = re.compile(
    r"^[ \t>*+-]*(?:\*\*|__)?(?:date|when|time|attendees|participants|present)(?:\*\*|__)?"
    r"[ \t]*:|^#{1,6}[ \t]+(?:attendees|participants|present)\b",
    re.IGNORECASE | re.MULTILINE,
)
_MEETING_FACTS_REACH = 1500  # characters of the body where the date or the people are


def is_minutes(page: Page) -> bool:
    """Whether the page holds the notes of a meeting (see ``_MINUTES_FOLDER``)."""
    dated = any(character.isdigit() for character in page.path.stem)
    if dated and any(_MINUTES_FOLDER.fullmatch(folder.name) for folder in page.path.parents[:2]):
        return True
    title = _title(page)
    if title is None or not _MINUTES_TITLE.fullmatch(title.strip(" .:")):
        return False
    top = page.text[page.body_start : page.body_start + _MEETING_FACTS_REACH]
    return _MEETING_FACTS.search(top) is not None


def _title(page: Page) -> str | None:
    """The page's title: its front matter's, else its first level-1 heading."""
    if page.title is not None:
        return page.title
    return next((h.text for h in page.document.headings if h.level == 1), None)


# The title of a legal text: its clauses are a lawyer's to word, not an editor's (the
# eighth blind trial's reader rejected all four findings on choosealicense.com's terms).
_LEGAL_TITLE = re.compile(
    # The product's name may come first, in capitals: "GoReleaser End User License
    # Agreement", "MIT License", "The 3-Clause BSD License"; not "Choosing A License"
    # nor "About the License".
    r"(?:the\s+)?(?:(?!(?:the|a|an|about|your|our|how|why|what|which|new)\s|\w+ing\s)"
    r"(?-i:[A-Z0-9])[\w.&'’-]*\s+){0,3}"
    r"(?:(?:website\s+|site\s+)?terms(?:\s+(?:of\s+(?:service|use)|and\s+conditions))?"
    r"|privacy(?:\s+(?:policy|notice|statement))?|cookie\s+(?:policy|notice)"
    r"|(?:software\s+|end[\s-]+user\s+)?licen[cs]e(?:\s+agreement)?|eula"
    r"|contributor\s+licen[cs]e\s+agreement|legal(?:\s+notice)?|imprint|impressum"
    r"|disclaimer|acceptable\s+use\s+policy)",
    re.IGNORECASE,
)


def is_legal(page: Page) -> bool:
    """Whether the page is a legal text: its title (front matter, else its first level-1
    heading) is one, such as "Terms of Service", "Privacy Policy" or "License"."""
    title = _title(page)
    return title is not None and _LEGAL_TITLE.fullmatch(title.strip(" .:")) is not None


# A specification says its key words are to be read as RFC 2119 (or RFC 8174, BCP 14)
# defines them: MUST, SHOULD, MAY carry a meaning a rewrite would change. semver.org's
# spec and Homebrew's governance say so; the blind readers of the fifth and tenth trials
# rejected every finding on them ("precise rule text... changed only by a formal vote").
_KEY_WORDS_DECLARED = re.compile(r"\b(?:RFC\s*(?:2119|8174)|BCP\s*14)\b")


def is_specification(page: Page) -> bool:
    """Whether the page is a specification: it refers to RFC 2119 for its key words."""
    return _KEY_WORDS_DECLARED.search(page.text, page.body_start) is not None


# A page that says, near its top, that a program writes it: "This API reference is
# autogenerated from the named .proto files", "This is a generated documentation",
# "<!-- Auto-generated by FAQtory -->", "<!-- DO NOT EDIT -->". Not "This website was
# generated with Jekyll" (made with a tool, from the page itself).
_GENERATED = re.compile(
    r"\b(?:this|the following)\s+(?:[\w.-]+\s+){0,3}(?:is|was|has been|are|were)\s+(?:an?\s+)?"
    r"(?:auto[- ]?generated|automatically\s+generated|generated\s+(?:automatically|from|by)"
    r"|generated\s+(?:documentation|page|file|reference))\b"
    r"|<!--[^>]{0,200}?\b(?:auto[- ]?generated|generated\s+(?:automatically|from|by)"
    r"|do\s+not\s+edit)\b",
    re.IGNORECASE,
)
# A closing line that names the program: "###### Auto generated by spf13/cobra on
# 9-Jan-2023" (every command page of Helm's docs).
_GENERATED_FOOTER = re.compile(
    r"^[ \t#*_>]*(?:auto[- ]?generated|automatically\s+generated)\s+by\b",
    re.IGNORECASE | re.MULTILINE,
)
GENERATED_WITHIN = 800  # characters of the body where a page says it is generated


def is_generated(page: Page) -> bool:
    """Whether the page says near its top, or in its last line, that a program writes it
    (etcd's API reference, from .proto files; cobra's command pages): its words are
    changed in their source, not on the page."""
    start, text = page.body_start, page.text
    if _GENERATED.search(text, start, start + GENERATED_WITHIN) is not None:
        return True
    return _GENERATED_FOOTER.search(text, max(start, len(text) - GENERATED_WITHIN)) is not None


def is_changelog(page: Page) -> bool:
    """Whether the page records releases under headings that name them (a changelog,
    release notes), its title says it is one ("Release Notes for v2.6", "Change Log"), or
    it is named for a release in a folder of release notes (``release-notes/v1.8.0.md``):
    a record of what changed, which nobody rewrites for style."""
    title = _title(page)
    if title is not None and _CHANGELOG_TITLE.fullmatch(title.strip(" .:")):
        return True
    if _RELEASE_FILE.fullmatch(page.path.stem) and _RELEASES_FOLDER.fullmatch(
        page.path.parent.name
    ):
        return True
    releases = 0
    for heading in page.document.headings:
        releases += bool(_RELEASE_HEADING.match(heading.text))
        if releases >= CHANGELOG_RELEASES:
            return True
    return False


def measure_in_context(
    page: Page, context: RuleContext
) -> tuple[PageLanguage, LanguageProfile | None, PageText]:
    """``text.measure`` with the run's language settings and the language the site's
    generator gives the page (a Hugo language folder), as ``report`` measures it."""
    from openaccess.text import measure

    routed = context.site.language_of(page.path)
    return measure(page, context.config.language, context.data.languages, routed)


def checked(sentence: Sentence, context: RuleContext) -> bool:
    """Whether sentence findings apply: not inside a quotation (someone else's words),
    unless config ``check_quotations`` asks for them, nor in a paragraph that is all link
    text (the titles of other pages)."""
    return not sentence.link_title and (not sentence.quoted or context.config.check_quotations)


def quote(text: str, words: int = QUOTE_WORDS) -> str:
    """The start of a sentence, for a message: ``"If the final statement executed…"``."""
    parts = text.split()
    shown = " ".join(parts[:words])
    return f'"{shown}…"' if len(parts) > words else f'"{shown}"'


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") if value == round(value, 1) else f"{value:.1f}"


def _numbers_by_name(table: dict[str, Any]) -> str | None:
    """Each target of a table is a number: a word such as "x" stopped the run with an
    internal error at the first page it applied to."""
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"'{name}' must be a number, got {json.dumps(value, default=str)}"
    return None


class GradeTarget(Struct, frozen=True):
    """The grade a page aims for, and why that one."""

    grade: float
    source: str  # why this target, for messages: "audience 'general'", "reading_age 9"
    problem: str | None = None  # a front matter value that could not be used


def grade_target(meta: dict[str, Any], target: float, audiences: dict[str, Any]) -> GradeTarget:
    """The page's Flesch-Kincaid target: front matter ``reading_age`` (grade = age - 5),
    else ``audience`` (a name from ``[page-grade.audiences]``), else the configured target."""
    age = meta.get("reading_age")
    if isinstance(age, int) and not isinstance(age, bool) and 5 <= age <= 25:
        return GradeTarget(float(age - 5), f"reading_age {age}")
    audience = meta.get("audience")
    if isinstance(audience, str) and audience.strip():
        name = audience.strip().lower()
        value = audiences.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return GradeTarget(float(value), f"audience '{name}'")
        meant = difflib.get_close_matches(name, list(audiences), n=1, cutoff=AUDIENCE_TYPO)
        if meant:  # a typo of a known name; any other value is the site's own vocabulary
            known = ", ".join(sorted(audiences))
            return GradeTarget(
                target,
                "site target",
                f"front matter audience '{audience}' names no target; did you mean"
                f" '{meant[0]}'? (known: {known}); using grade {_number(target)}",
            )
    return GradeTarget(target, "site target")


# How alike an unknown ``audience`` must be to a known one to be taken for its typo
# ("profesional"). Sites use the key for their own taxonomy too (Knative's pages say
# "audience: developer"): such a value is left alone, as any unknown front matter is.
AUDIENCE_TYPO = 0.8


def page_target(
    meta: dict[str, Any], scoring: LanguageProfile, options: dict[str, Any]
) -> GradeTarget:
    """The page's target on its language's formula. Flesch-Kincaid pages (English) use
    ``target``, ``audience`` and ``reading_age``; other languages their own target from
    ``rules/languages.toml``. Config ``targets = {es = 65}`` overrides either."""
    override = options.get("targets", {}).get(scoring.root)
    if scoring.formula.name == "flesch-kincaid":
        base = float(override) if override is not None else options["target"]
        return grade_target(meta, base, options.get("audiences", {}))
    if override is not None:
        return GradeTarget(float(override), f"{scoring.name} target from config")
    return GradeTarget(float(scoring.target or 0.0), f"{scoring.name} target")


def too_short(text: PageText, min_words: int, min_sentences: int) -> bool:
    """Too little graded prose for a reliable score (lists of names do not count)."""
    return text.counts.words < min_words or text.counts.sentences < min_sentences


class _Pointer(Struct, frozen=True):
    """Where OA501 points: a paragraph and, when there is one, its hard sentence."""

    paragraph: Paragraph
    sentence: Sentence | None


def _hard_sentence(
    text: PageText, paragraph: Paragraph, target: float, long_words: int
) -> Sentence | None:
    """The paragraph's hardest sentence that is hard on its own: longer than
    ``long_words`` (OA502's limit), and past the target by ``HARD_SENTENCE_MARGIN`` even
    with the page's terms familiar. A long list of names and terms is not hard."""
    assert text.formula is not None
    best, best_excess = None, 0.0
    for index in paragraph.sentences:
        sentence = text.sentences[index]
        if sentence.words <= long_words or not sentence.graded or sentence.quoted:
            continue
        score = text.formula.score(sentence.familiar_counts)
        excess = text.formula.past(score, target) if score is not None else 0.0
        if excess >= HARD_SENTENCE_MARGIN and (best is None or excess > best_excess):
            best, best_excess = sentence, excess
    return best


def _hardest_paragraph(
    text: PageText, target: float, long_words: int, needs_hard_sentence: bool
) -> _Pointer | None:
    """The paragraph that adds most to the page's difficulty: its words times how far its
    score is past the target. Link lists, lists of names, quotations and paragraphs under
    ``MIN_POINTER_WORDS`` words are never pointed at: rewriting them is not the fix. When
    the page's terms explain its score (``needs_hard_sentence``), only a paragraph with a
    hard sentence is: the rest of the page is as plain as its subject allows."""
    assert text.formula is not None
    best, best_weight = None, 0.0
    for paragraph in text.paragraphs:
        if (
            paragraph.words < MIN_POINTER_WORDS
            or paragraph.names_only
            or paragraph.quoted
            or paragraph.link_words * 2 > paragraph.words
        ):
            continue
        score = text.paragraph_score(paragraph)
        if score is None:
            continue
        weight = paragraph.counts.words * text.formula.past(score, target)
        if weight <= best_weight:
            continue
        hard = _hard_sentence(text, paragraph, target, long_words)
        if hard is None and needs_hard_sentence:
            continue
        best, best_weight = _Pointer(paragraph, hard), weight
    return best


def _mostly_links(text: PageText) -> bool:
    """Whether more than half of the page's prose words are link text (Strawberry's
    documentation index: 65 links to its pages and a line of its own)."""
    link_words = sum(paragraph.link_words for paragraph in text.paragraphs)
    return link_words * 2 > sum(paragraph.words for paragraph in text.paragraphs)


@register
class PageGrade(Rule):
    """
    ## What it does
    Warns when a page's readability score misses its target, on the formula of the page's
    language (``rules/languages.toml``). That is the Flesch-Kincaid grade for English,
    Wiener Sachtextformel for German, Fernández Huerta for Spanish, and so on.

    For English the target is the ``target`` option (default 8). Front matter can set
    another: ``audience: professional`` (a name from ``[page-grade.audiences]`` in
    ``rules/thresholds.toml``), or ``reading_age: 9`` (grade = reading age - 5). Other
    languages use their own target, and ``targets = {es = 65}`` overrides any language's.

    The message names the paragraph that adds most to the page's difficulty: its words
    times how far it is past the target. That is never a link list, a list of names, a
    quotation or a paragraph under 20 words. When that paragraph has a hard sentence (see
    below), the message quotes it. Pages under ``min_words`` words or ``min_sentences``
    sentences of graded prose are not scored (OA509).

    A page within ``tolerance`` of its target is not reported: blind readers judged grade
    8.2 against 8 "within the formula's noise". The default, 0.2, suits English grades;
    on a 0 to 100 ease scale it changes almost nothing.

    OA501 reports a page only when a writer has something to act on. Some pages miss
    their target only through their own terms, such as "environment variable". A term
    is a long word the page teaches: in its title or a heading, in bold or italic, or
    used five times or more. So OA501 scores the page again, with each use of a term as
    one syllable. If the page then meets its target, OA501 reports it only for a
    paragraph with a hard sentence. That sentence has over 25 words (OA502's
    ``max_words``). Its grade, terms counted the same way, is also at least 3 past the
    target.

    The grade in the message is textstat's.

    ## Why it matters
    Plain-language guides for the public aim at about grade 8 (a reading age of 13). Most
    adults read that level easily. So do people reading in a second language, and people
    with cognitive or learning disabilities (WCAG 3.1.5 Reading Level, AAA). GOV.UK aims
    lower, at a reading age of 9: ``reading_age: 9`` sets grade 4.

    ## Example
    ```markdown
    As far as qualifications go, it would be beneficial for you to pursue a degree or
    certification in jewelry design, repair, or sales.
    ```

    ## Use instead
    ```markdown
    A degree or certificate in jewelry design, repair or sales will help you.
    ```
    """

    code = "OA501"
    name = PAGE_GRADE
    category = Category.READABILITY
    severity = Severity.WARNING
    summary = "Page readability score misses its target (English: grade 8)."
    wcag = "3.1.5 Reading Level (AAA)"
    page_level = True
    options = {
        "target": Option(
            float, "Flesch-Kincaid grade pages should not exceed.", validate=not_negative
        ),
        "tolerance": Option(
            float,
            "How far past its target, in the formula's units, a page may be before it is reported.",
            validate=not_negative,
        ),
        "min_words": Option(
            int, "Pages with fewer words are too short to score.", validate=at_least_one
        ),
        "min_sentences": Option(
            int, "Pages with fewer sentences are too short to score.", validate=at_least_one
        ),
        "audiences": Option(
            dict, "Named targets for front matter 'audience'.", validate=_numbers_by_name
        ),
        "targets": Option(
            dict,
            "Targets by language, on its formula's scale: {es = 65}.",
            validate=_numbers_by_name,
        ),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        if skipped_page(page, context):
            return
        _, scoring, text = measure_in_context(page, context)
        options = context.options
        if scoring is None:
            return
        target = page_target(page.meta, scoring, options)
        if target.problem:
            offset = _key_offset(page, "audience")
            yield Problem(offset, offset, target.problem)
        if too_short(text, options["min_words"], options["min_sentences"]):
            return
        if _mostly_links(text):
            return  # an index of pages: its words are their titles, not the writer's prose
        score = text.score
        formula = scoring.formula
        tolerance = options["tolerance"]
        if score is None or not formula.misses(score, target.grade, tolerance):
            return
        familiar = text.familiar_score
        terms_explain = familiar is not None and not formula.misses(
            familiar, target.grade, tolerance
        )
        long_words = context.all_options[LongSentence.code]["max_words"]
        pointer = _hardest_paragraph(text, target.grade, long_words, terms_explain)
        if pointer is None and terms_explain:
            return  # its terms explain the score, and no sentence is hard: nothing to act on
        side = "above" if formula.harder_is_higher else "below"
        message = (
            f"{formula.label} {score:.1f} is {side} the target {_number(target.grade)}"
            f" ({target.source})"
        )
        if pointer is not None:
            message += f"; start with {_pointed(page, text, pointer)}"
        start = text.paragraphs[0].start
        yield Problem(start, start, message)


def _pointed(page: Page, text: PageText, pointer: _Pointer) -> str:
    """Where a writer starts, for OA501's message: the paragraph with its score and size,
    then its hard sentence quoted, or else its first."""
    assert text.formula is not None
    paragraph = pointer.paragraph
    where = (
        f"the paragraph at line {page.position(paragraph.start)[0]}"
        f" ({text.formula.unit} {text.paragraph_score(paragraph) or 0.0:.1f},"
        f" {paragraph.words} words)"
    )
    sentence = pointer.sentence
    if sentence is None:
        return f"{where}: {quote(text.sentences[paragraph.sentences[0]].text)}"
    if len(paragraph.sentences) == 1:  # the paragraph is the hard sentence
        return where.replace("paragraph", "sentence", 1) + f": {quote(sentence.text)}"
    return (
        f"{where} and its {sentence.words}-word sentence at line"
        f" {page.position(sentence.start)[0]}: {quote(sentence.text)}"
    )


@register
class LongSentence(Rule):
    """
    ## What it does
    Warns about each sentence longer than ``max_words`` words (default 25) by more than
    ``tolerance`` (default 0), at the sentence's own line, quoting its start. When the
    sentence is also wordy (see OA503), the one finding says both.

    Blind readers judged few sentences of 26 to 29 words worth a rewrite: 7 of 76. They
    judged 43 of 98 of 30 to 34 words worth it, and most longer ones. A team that judges
    so can set ``tolerance`` to 4, 9 or 14: from 30, 35 or 40 words. The message still
    gives the aim.

    ## Why it matters
    GOV.UK found that readers understand sentences of up to about 25 words. Longer ones
    are hard to hold in mind, especially with a screen reader or magnifier, which show or
    read a little at a time.

    ## Example
    ```markdown
    Do you have any specific skills or experience related to jewelry or the luxury goods
    industry, such as design, repair, or sales, that you could tell us about today?
    ```

    ## Use instead
    ```markdown
    Do you have skills in jewelry design, repair or sales? Tell us about them.
    ```
    """

    code = "OA502"
    name = "long-sentence"
    category = Category.READABILITY
    severity = Severity.WARNING
    summary = "Sentence longer than 25 words."
    options = {
        "max_words": Option(
            int, "Longest sentence, in words: the aim the message gives.", validate=at_least_one
        ),
        "tolerance": Option(
            int, "Words over max_words before a sentence is reported.", validate=not_negative
        ),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None:
            return
        limit = context.options["max_words"]
        reported_above = limit + context.options["tolerance"]
        hard = _hard_limits(context, text)
        for sentence in text.sentences:
            if sentence.words <= reported_above or not checked(sentence, context):
                continue
            wordy = hard_sentence(sentence, hard) if hard is not None else None
            if wordy is not None:
                message = (
                    f"sentence has {sentence.words} words and is wordy"
                    f" ({wordy.describe(SIGNS_SHOWN)}); aim for {limit} at most, with verbs"
                    f" and plain words: {quote(sentence.text)}"
                )
            else:
                message = (
                    f"sentence has {sentence.words} words; aim for {limit} at most:"
                    f" {quote(sentence.text)}"
                )
            yield Problem(sentence.start, sentence.end, message)


class HardLimits(Struct, frozen=True):
    """OA503's options in effect, and its lists for the page's language."""

    min_words: int
    min_grade: float
    min_signs: int
    words: HardWords
    swaps: PlainWords | None = None  # OA506's list: the words it swaps are no sign here


def hard_limits(
    options: dict[str, Any], lists: dict[str, Any] | None, swaps: dict[str, Any] | None = None
) -> HardLimits | None:
    """OA503's limits from its resolved ``options``, a ``rules/hard-words.toml`` language
    table (None: no lists for the language, so no sentence is wordy) and the same
    language's ``rules/plain-words.toml`` table (OA506's swaps, which are no sign)."""
    from openaccess.text.style import hard_words, plain_words

    if not lists:
        return None
    return HardLimits(
        options["min_words"],
        options["min_grade"],
        options["min_signs"],
        hard_words(lists),
        plain_words(swaps) if swaps else None,
    )


def hard_sentence(sentence: Sentence, limits: HardLimits) -> Wording | None:
    """OA503's test, which ``report`` shares: what makes a sentence of ``min_words``
    words or more wordy, if it is. It is when it has signs of wordy writing
    (``HardWords.wording``: wordy phrases, nouns in a verb's place) in ``min_signs``
    places or more, or padding ("it is important to"); and its words give a grade of
    ``min_grade`` or more (the page's terms left out; 0 by default: any). A word OA506
    swaps is no sign (one finding for those words, OA506's), nor a word in quotation
    marks. English pages.

    Advice that speaks to the reader ("lets you") is given only on a page whose own
    prose says "you" (``Sentence.page_addresses_reader``); elsewhere its phrase is an
    ordinary sign, with no advice.

    The cheap tests come first: the signs with the page's terms still counted (terms
    are found for the whole page at once), then the grade only when it is asked for."""
    from openaccess.text import engine
    from openaccess.text.analysis import list_words, syllable_counter
    from openaccess.text.style import quoted_words, swapped_words, written_words

    if sentence.words < limits.min_words or not sentence.graded:
        return None
    if limits.min_grade and sentence.word_grade(limits.min_words) < limits.min_grade:
        return None
    known, counter = engine.syllable_table().count, syllable_counter("en")
    words = list_words(sentence.text)
    names = frozenset(name.lower() for name in sentence.name_words)

    def wording(
        skip: frozenset[str],
        ignored: frozenset[int] = frozenset(),
        shown: list[str] | None = None,
        addressed: bool = True,
    ) -> Wording | None:
        found = limits.words.wording(
            words, skip, counter.word, lambda w: known(w) is not None, ignored, names, shown,
            addressed,
        )  # fmt: skip
        return found if found.padding or found.signs >= limits.min_signs else None

    if wording(names) is None:  # at least the final signs: the page's terms are still in
        return None
    if limits.min_grade and sentence.vocabulary_grade(limits.min_words, counter) < limits.min_grade:
        return None
    ignored = quoted_words(sentence.text, words)
    if limits.swaps is not None:
        ignored |= swapped_words(sentence.text, words, limits.swaps)
    shown = written_words(sentence.text, words)
    terms = frozenset(sentence.terms)  # finds whether the page says "you" too
    return wording(names | terms, ignored, shown, sentence.page_addresses_reader)


def _hard_limits(context: RuleContext, text: PageText) -> HardLimits | None:
    """OA503's limits when this run reports wordy sentences of this page's language, so
    OA502 says "wordy" too; else None."""
    if HardSentence.code not in context.active or not _english_grades(text):
        return None
    return hard_limits(
        context.all_options[HardSentence.code],
        context.data.hard_words.get("en"),
        context.data.plain_words.get("en"),
    )


def _english_grades(text: PageText) -> bool:
    """Sentence grades are Flesch-Kincaid's, which only English pages are scored with."""
    return text.formula is not None and text.formula.name == "flesch-kincaid"


@register
class HardSentence(Rule):
    """
    ## What it does
    Warns about a wordy sentence: one an editor would rewrite because of its words, not
    its length. Such a sentence has at least ``min_words`` words (default 14), and one
    of these:

    - **Padding**: empty words before the point ("it is important to"), or a phrase for
      one verb ("provides the ability to"). One is enough, unless its advice has no
      form that fits the sentence.
    - **Signs of wordy writing in ``min_signs`` places or more** (default 2). A sign is
      a wordy phrase ("are able to"), or a noun made from a verb in its place ("the
      declaration of").

    The lists are in ``rules/hard-words.toml``. It says why each exception is one, such
    as emphasis ("it is crucial to") or a mere change of voice ("it's recommended
    that"). No sign is counted in code, quotation marks, headings or tables. Nor is
    a phrase that OA506 (plain-words) swaps, or a noun that is one of the page's terms.

    The message quotes the sentence's start and says what to write instead: cut "It's
    important to note that", or `provides the ability to` -> "lets you". Advice that
    says "you" comes only on a page whose own prose says it too. It names other signs,
    with "use verbs and plain words". A sentence that is also too long is one OA502
    finding that says both. ``min_grade`` (default 0: off) asks for long words too.
    English pages only.

    Opt-in. On 1,043 real pages it makes 32 findings. A third blind reader judged them
    all: 88% true, and 100% true or leaning true (see docs/readability.md). It stays
    opt-in for its cost: about 13% more CPU time for a full check.

    ## Why it matters
    Padding and nouns in a verb's place hide who does what, and make the reader work
    for nothing. Readers with a cognitive disability, and those reading in a second
    language, are the first to give up.

    ## Example
    ```markdown
    It is important to note that this setting enables the capture of diagnostic
    messages.
    ```

    ## Use instead
    ```markdown
    With this setting you can capture diagnostic messages.
    ```
    """

    code = "OA503"
    name = "hard-sentence"
    category = Category.READABILITY
    severity = Severity.WARNING
    summary = "Wordy sentence (14+ words; padding, or wordy signs in 2+ places); opt-in."
    # Opt-in: its findings pass the blind reading (see the test), but it costs a full
    # check about 13% more CPU for some 24 findings in 1,000 pages.
    default_enabled = False
    options = {
        "min_words": Option(
            int, "Shortest sentence that can be wordy, in words.", validate=at_least_one
        ),
        "min_grade": Option(
            float,
            "Also ask for long words: the grade they give a sentence (0: off).",
            validate=not_negative,
        ),
        "min_signs": Option(
            int,
            "Fewest places with a sign of wordy writing, when there is no padding.",
            validate=at_least_one,
        ),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None or not _english_grades(text):
            return
        limits = hard_limits(
            context.options, context.data.hard_words.get("en"), context.data.plain_words.get("en")
        )
        if limits is None:
            return
        long_options = context.all_options[LongSentence.code]
        long_limit = long_options["max_words"] + long_options["tolerance"]
        long_reported = LongSentence.code in context.active
        for sentence in text.sentences:
            if not checked(sentence, context):
                continue
            if long_reported and sentence.words > long_limit:
                continue  # OA502 reports it, and says it is wordy
            wordy = hard_sentence(sentence, limits)
            if wordy is not None:
                # What to write instead, where the list says; else the general advice.
                advice = "" if wordy.all_advised else "; use verbs and plain words"
                yield Problem(
                    sentence.start,
                    sentence.end,
                    f"wordy sentence ({wordy.describe(SIGNS_SHOWN)}){advice}:"
                    f" {quote(sentence.text)}",
                )


# What OA504 calls a block of each kind in its message.
_PARAGRAPH_KIND_NAMES = {"list_item": "list item", "table_cell": "table cell"}


@register
class LongParagraph(Rule):
    """
    ## What it does
    Warns about a paragraph (or list item) longer than ``max_words`` words (default
    150) by more than ``tolerance`` (default 10), quoting its start. It measures a raw
    ``<p>`` with blank lines inside as the paragraphs the writer meant; the wall itself is
    an accessibility finding.

    Blind readers judged 6 of 8 paragraphs of 151 to 159 words not worth splitting ("one
    word over, a single coherent explanation"). They judged all 17 of 161 words or more
    worth it. The message still gives the aim.

    ## Why it matters
    plainlanguage.gov advises short paragraphs. Long blocks of text are hard to scan, and
    people with dyslexia or low vision lose their place in them.

    ## Example
    A paragraph that covers skills, the job market and training in 180 words.

    ## Use instead
    One paragraph per idea, each under 150 words, with subheadings between topics.
    """

    code = "OA504"
    name = "long-paragraph"
    category = Category.READABILITY
    severity = Severity.WARNING
    summary = "Paragraph over 160 words (aim for 150)."
    options = {
        "max_words": Option(
            int, "Longest paragraph, in words: the aim the message gives.", validate=at_least_one
        ),
        "tolerance": Option(
            int, "Words over max_words before a paragraph is reported.", validate=not_negative
        ),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None:
            return
        limit = context.options["max_words"]
        reported_above = limit + context.options["tolerance"]
        for paragraph in text.paragraphs:
            if paragraph.words <= reported_above or (
                paragraph.quoted and not context.config.check_quotations
            ):
                continue
            kind = _PARAGRAPH_KIND_NAMES.get(paragraph.kind, "paragraph")
            first = text.sentences[paragraph.sentences[0]]
            yield Problem(
                paragraph.start,
                paragraph.start,
                f"{kind} has {paragraph.words} words; aim for {limit} at most: {quote(first.text)}",
            )


@register
class LongSection(Rule):
    """
    ## What it does
    Warns about a section (the text between two headings) longer than ``max_words``
    words (default 300) by more than ``tolerance`` (default 75), at its heading. Quotations
    and footnote definitions do not count, nor do boxes fenced with colons that have a
    heading of their own (a lesson's ``::: challenge`` titled "## Draw your own map"):
    such a box is a part of its own. A heading whose text a hook writes (an HTML
    comment) still starts a section. A section that is at least half list items is
    already built for scanning, so this rule leaves it alone. So are table cells,
    definitions, tabs, steps and collapsed details. So is an index, where paragraphs
    each open with a link: `[Alignment Element](alignment.md) Defines how...`. It leaves
    alone one worked example too: a section whose heading names one example ("Example 3:
    Reconnect"), and the sections under it.

    Some paragraphs open with a bold or italic lead-in: "**Give context.** Help
    others...". Two or more of them in a section are headings in all but markup. So the
    message asks to make them subheadings, which a screen reader's list of headings
    shows. A label ending in a colon ("**Note:**") is no such lead-in.

    For a page with no subheadings at all, OA205 (missing-subheadings) reports it
    instead. A post is a story, read from top to bottom: in a ``_posts``, ``posts``,
    ``blog`` or ``news`` folder, the aim is ``post_max_words`` (450). PowerShell command
    help (PlatyPS front matter such as ``external help file``) has fixed headings. There
    the message asks for a cut only, for a section over twice ``max_words``. Its NOTES
    and DESCRIPTION are runs of short, standalone notes.

    Editors do not add a subheading for a few words. Three blind readers of real sites
    rejected every section under 350 words, and 5 of 6 of 350 to 375. For later
    readings, see docs/readability.md.

    ## Why it matters
    Headings let readers, and screen reader users jumping between headings, find the
    part they need. A long section hides its topics.

    ## Example
    ```markdown
    ## Training
    (400 words about degrees, apprenticeships, short courses and costs)
    ```

    ## Use instead
    ```markdown
    ## Training
    ### Degrees
    ### Apprenticeships
    ```
    """

    code = "OA505"
    name = "long-section"
    category = Category.READABILITY
    severity = Severity.WARNING
    summary = "Section between two headings over 375 words (aim for 300)."
    options = {
        "max_words": Option(
            int, "Longest section, in words: the aim the message gives.", validate=at_least_one
        ),
        "tolerance": Option(
            int, "Words over max_words before a section is reported.", validate=not_negative
        ),
        "post_max_words": Option(
            int,
            "Longest section of a blog post or news item, in words (a story, read through).",
            validate=at_least_one,
        ),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None or not text.has_headings:
            return
        if _missing_subheadings_reports(page, context):
            return  # only its title, and long: missing-subheadings says so
        limit = context.options["max_words"]
        if is_post(page, context):
            limit = max(limit, context.options["post_max_words"])
        reported_above = limit + context.options["tolerance"]
        advice = f"add a subheading or cut it to {limit} words at most"
        if is_command_help(page.meta):
            # Only a cut can help here, and trimming a few standalone notes is not worth
            # a writer's time: a section must be twice the aim to need one.
            reported_above = max(reported_above, 2 * limit)
            advice = f"cut it to {limit} words at most (command help allows no new heading)"
        ends = [section.start for section in text.sections[1:]] + [len(page.text)]
        for (section, in_example), end in zip(
            _sections_in_examples(text.sections), ends, strict=True
        ):
            words = section.own_words
            if words <= reported_above or section.list_words * 2 >= words:
                continue  # short enough, or already built as a list readers can scan
            if in_example:
                continue
            name = (
                f"section '{section.heading}'"
                if section.heading is not None
                else "the text before the first heading"
            )
            lead_ins = _lead_ins(page.document.blocks, section.start, end)
            if len(lead_ins) >= 2 and not is_command_help(page.meta):
                shown = ", ".join(f"'{lead_in}'" for lead_in in lead_ins[:2])
                more = ", ..." if len(lead_ins) > 2 else ""
                message = (
                    f"{name} has {words} words; make its lead-ins ({shown}{more}) subheadings,"
                    " so readers can jump to them"
                )
            else:
                message = f"{name} has {words} words; {advice}"
            yield Problem(section.start, section.start, message)


# A lead-in this long is a heading set in bold or italic ("**Give context.**"), not a
# term the paragraph defines at length.
_LEAD_IN_MAX_WORDS_AS_HEADING = 8


_DASHES = frozenset("—―–-")


def _lead_ins(blocks: list[Block], start: int, end: int) -> list[str]:
    """The bold or italic runs that open the paragraphs between ``start`` and ``end``:
    headings in all but markup ("**It's complicated.** ..."), which a screen reader's
    list of headings does not show. Blocks are in page order, so a binary search finds
    the section's first."""
    first = bisect.bisect_left(blocks, start, key=lambda block: block.start)
    lead_ins = []
    following = itertools.islice(blocks, first, None)
    for block in itertools.takewhile(lambda block: block.start < end, following):
        if block.kind != "paragraph":
            continue
        # Nested runs are listed inner first: the lead-in is the longest run at 0.
        lead_end = max((stop for begin, stop in block.emphasis if begin == 0), default=0)
        if not lead_end or not block.text[lead_end:].strip(" \t\n:"):
            continue  # no run, or one that is the whole paragraph (a caption; a box's end)
        lead_in = " ".join(block.text[:lead_end].split())
        if lead_in.endswith(":") or block.text[lead_end : lead_end + 1] == ":":
            continue  # a label ("**Note:**", "**Windows**:"), not a heading
        if lead_in[:1] in _DASHES:
            continue  # a quotation's attribution: "— Kin Ko, Founder, LikeCoin"
        if lead_in[-1:].isalnum() and block.text[lead_end:].lstrip(" ")[:1].islower():
            continue  # bold words that open a sentence: "__Be aware__ that the canary..."
        if 0 < len(lead_in.split()) <= _LEAD_IN_MAX_WORDS_AS_HEADING:
            lead_ins.append(lead_in)
    return lead_ins


# Folders that hold a site's posts: Jekyll's _posts, mkdocs-material's blog/posts, Hugo's
# usual blog, posts and news sections.
_POST_FOLDERS = frozenset({"_posts", "posts", "blog", "news"})


def is_post(page: Page, context: RuleContext) -> bool:
    """Whether the page is a blog post or a news item: a story, not a page of docs. Its
    folder, or the project folder itself (``openaccess check blog``, on a site no
    generator reads), is named for posts."""
    relative = context.site.relative(page.path)
    if relative is None:
        return any(part.lower() in _POST_FOLDERS for part in page.path.parts[:-1])
    folders = (PurePosixPath(context.site.real_root).name, *relative.parts[:-1])
    return any(part.lower() in _POST_FOLDERS for part in folders)


# A heading that names its section as one example: "Example 3: ...", "A worked example".
_ONE_EXAMPLE = re.compile(r"\bexample\b", re.IGNORECASE)  # not "Examples"


def _sections_in_examples(sections: list[Section]) -> Iterator[tuple[Section, bool]]:
    """Each section, and whether it is part of one example: its heading or a parent's
    names one ("Example 1" and its "Step 2"). A page's title (a level-1 heading) passes
    nothing down: "Build the example app" names the page, not one example in it."""
    parents: list[tuple[int, bool]] = []  # (level, names one example), outermost first
    for section in sections:
        while parents and parents[-1][0] >= section.level:
            parents.pop()
        one = section.heading is not None and bool(_ONE_EXAMPLE.search(section.heading))
        in_example = one or any(example for _, example in parents)
        yield section, in_example
        if section.heading is not None:
            parents.append((section.level, one and section.level > 1))


def _missing_subheadings_reports(page: Page, context: RuleContext) -> bool:
    """Whether the page is OA205's to judge: it runs, the page has no subheading, and is
    long enough for it (its own ``min_words``). A post under OA205's ``post_min_words``
    then gets neither finding: a story with no subheadings is read through."""
    if "OA205" not in context.active:
        return False
    limit = context.all_options.get("OA205", {}).get("min_words")
    return isinstance(limit, int) and needs_subheadings(page, limit) is not None


@register
class PlainWords(Rule):
    """
    ## What it does
    Suggests a plainer word or phrase for one on the list in ``rules/plain-words.toml``,
    such as ``utilize`` -> ``use``. It works on pages in a language the list has. The swap
    is an unsafe fix (``--unsafe-fixes``): reread the sentence after it. Headings are left
    alone: a heading's words make its id, and links to it would break. So are the page's
    own terms: a word whose family is in its title or in a compound, such as `terminate`
    beside "statement-terminating".
    A title-case name is left alone too: "Additional Status Codes", "Additional JSON
    Schema Details".

    ## Why it matters
    Everybody understands everyday words faster. So do far more people reading in a
    second language or with a cognitive disability.

    ## Example
    ```markdown
    In order to utilize the kiln, obtain a key.
    ```

    ## Use instead
    ```markdown
    To use the kiln, get a key.
    ```
    """

    code = "OA506"
    name = "plain-words"
    category = Category.READABILITY
    severity = Severity.INFO
    summary = "A plainer word exists (list in rules/plain-words.toml)."
    fix = Applicability.UNSAFE

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        from openaccess.text import body_blocks
        from openaccess.text.analysis import holds_no_prose
        from openaccess.text.style import plain_words

        if skipped_page(page, context):
            return
        language, _, text = measure_in_context(page, context)
        if not text.supported:
            return
        swaps = context.data.plain_words.get(language.root)
        if not swaps:
            return
        finder = plain_words(swaps)
        # Sentences are in page order: a binary search finds the quoted one a word is in.
        quoted = [(s.start, s.end) for s in text.sentences if not checked(s, context)]
        quoted_starts = [start for start, _ in quoted]
        blocks = body_blocks(page)
        own_terms = _term_stems(page.title, blocks)
        for block in blocks:
            if block.kind == "heading" or holds_no_prose(block, page.text):
                continue
            for found in finder.find(block.text, block.code):
                if " " not in found.found and _stem(found.found) in own_terms:
                    continue  # "requires" on the page about #Requires: its term
                if _mentioned(block, found.start, found.end):
                    continue
                start = block.offset_at(found.start)
                end = block.offset_at(found.end - 1) + 1
                at = bisect.bisect_right(quoted_starts, start) - 1
                if at >= 0 and start < quoted[at][1]:
                    continue
                fix = None
                if page.text[start:end] == found.found:
                    fix = Fix(
                        f'Replace "{found.found}" with "{found.suggestion}"',
                        (Edit(start, end, found.suggestion),),
                        Applicability.UNSAFE,
                    )
                yield Problem(
                    start, end, f'use "{found.suggestion}" instead of "{found.found}"', fix
                )


_QUOTE_MARKS = "\"'“”‘’"
# What follows the word a list's entry names: its gloss in brackets or after a colon or dash.
_ENTRY_GLOSS = re.compile(r"[ \t]*(?:\(|:|[—–]|-[ \t])")


def _mentioned(block: Block, start: int, end: int) -> bool:
    """Whether the words at ``block.text[start:end]`` are named, not used: set apart in
    italics or bold, or in quotation marks, on their own ("Use _buy_ instead of
    _purchase_", 18F's content guide), or opening a list's entry that glosses them. A
    style guide's word list is no text to reword."""
    text = block.text
    inside = start > 0 and end < len(text)
    if inside and text[start - 1] in _QUOTE_MARKS and text[end] in _QUOTE_MARKS:
        return True
    if block.kind == "list_item" and start == 0 and _ENTRY_GLOSS.match(text, end):
        return True  # a word list's entry: "utilize (use _use_)", "initiate: start"
    for run_start, run_end in block.emphasis:
        if run_start <= start and end <= run_end:
            rest = text[run_start:start] + text[end:run_end]
            if not rest.strip(_QUOTE_MARKS + " "):
                return True
    return False


_LETTERS = re.compile(r"[A-Za-z]+")
# Possessive, and only from a word's start: "\w+(?:-\w+)+" backtracks through a long
# word without a hyphen from each of its letters (quadratic time).
_COMPOUND = re.compile(r"\b\w++(?:-\w++)+")
# Endings that make one word's forms: "require", "requires", "required", "requiring"
# (not "requirement": another word).
_INFLECTION = re.compile(r"(?:ing|ed|es|s|e|d)$")


def _stem(word: str) -> str:
    return _INFLECTION.sub("", word.lower())


def _term_stems(title: str | None, blocks: list[Block]) -> frozenset[str]:
    """The word families a page names as its terms: in its title ("about_Requires") or in
    a compound ("statement-terminating"). A plain-word swap there would break the tie
    between the prose and the term. Headings, bold text and code do not count: they use
    words ("### Require tests", "**Required**: Yes", `utilize(x)`) more often than they
    name the page's terms."""
    texts = [title or ""]
    for block in blocks:
        texts.extend(_COMPOUND.findall(block.text))
    return frozenset(_stem(word) for text in texts for word in _LETTERS.findall(text))


# Passives a page needs before its share counts: one in a short page's few sentences (a
# post whose interview answers are quotations) is over any share, yet no habit.
MIN_PASSIVES = 2


@register
class PassiveVoice(Rule):
    """
    ## What it does
    Works when more than ``max_share`` of a page's sentences (default 10%) are passive.
    One alone is fine, even on a short page. Then it reports, at its line, each passive
    sentence a careful editor would rewrite (English pages). A passive is a form of "be"
    or "get", up to two adverbs, then a past participle: "is expected", "was quickly
    made", "got deleted".

    Every passive counts for the share, but the rule reports two kinds, both in a main
    clause. One names its doer after "by": "is defined by PowerShell" becomes
    "PowerShell defines". The other has a modal, as in
    "can be used" or "must be installed". There the hidden doer is usually the reader:
    "you can use", "Install". Others read fine as they are. One kind is a passive in a
    condition or a relative clause ("the variables that are exported by the module").
    Another is no clause's verb: "changes being made by the user".
    Another tells what a program does next, after "will". "May be" and "might be" mostly
    tell what is possible. "Cannot be changed", with no doer named, states a limit. A
    specification's "MUST be set" or "SHOULD be used", in capitals as RFC 2119 writes
    them, states a requirement in the register specifications use. The rule leaves all
    of these alone.

    A "by" that tells how is no doer: "by default", "by using", "separated by commas",
    "sorted by name". A doer ends before an adverb: "by this rule instead". These are
    not passives: an adverb of degree before an adjective ("was extremely scared"), and
    idioms ("get started", "is supposed to"). Sentences that are mostly names or code (a
    quoted message) do not count. Neither do stock phrases that match a
    ``passive_allow`` pattern. By default those are version notes
    such as "was introduced in", and "Wildcard characters are not permitted". Others
    name or define ("is known as", "is defined as"), or describe settings ("is enabled
    by default", "is not allowed to"). Command help's "is not supported by any
    providers" is one too, and so are "is governed by", "is not affected by this
    change" and "be prepared to" (ready to).

    ## Why it matters
    Active sentences say who does what, so they are shorter and clearer. The odd passive
    is fine; a page full of them hides who is responsible.

    ## Example
    ```markdown
    Your application will be reviewed by the panel. The form must be signed.
    ```

    ## Use instead
    ```markdown
    The panel will review your application. Sign the form.
    ```
    """

    code = "OA507"
    name = "passive-voice"
    category = Category.READABILITY
    severity = Severity.INFO
    summary = "More than 10% of sentences are passive; those worth rewriting are located."
    options = {
        "max_share": Option(float, "Largest share of passive sentences (0-1).", validate=a_share),
        "passive_allow": Option(
            list,
            "Regular expressions: a passive inside a match is not reported.",
            validate=lambda value: _invalid_patterns(value),
        ),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        from openaccess.text.style import passive_phrase, rewritable_passive

        text = measured(page, context)
        if text is None or not text.language.startswith("en"):
            return
        allowed = _allow_patterns(tuple(context.options["passive_allow"]))
        # A sentence that is mostly names (a message quoted in code) is not the writer's.
        sentences = [s for s in text.sentences if s.graded and checked(s, context)]
        passives = [s for s in sentences if passive_phrase(s.prose, allowed)]
        if len(passives) < MIN_PASSIVES:
            return  # the odd passive is fine, however short the page
        share = len(passives) / len(sentences)
        if share <= context.options["max_share"]:
            return
        limit = context.options["max_share"]
        summary = (
            f"{len(passives)} of {len(sentences)} sentences ({_percent(share, limit)}) are"
            f" passive, above {limit:.0%}"
        )
        for sentence in passives:
            passive = rewritable_passive(sentence.prose, allowed)
            if passive is not None:
                yield Problem(
                    sentence.start,
                    sentence.end,
                    f'passive voice ("{passive.phrase}") in {quote(sentence.text)}:'
                    f" {passive.advice}; {summary}",
                )


def _invalid_patterns(patterns: list[Any]) -> str | None:
    """What is wrong with a list of regular expressions, if anything."""
    for pattern in patterns:
        if not isinstance(pattern, str):
            return f"must be a list of strings, got {pattern!r}"
        try:
            re.compile(pattern)
        except re.error as error:
            return f"{pattern!r} is not a valid regular expression: {error}"
    return None


@cache
def _allow_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """The ``passive_allow`` patterns as one case-insensitive expression."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


@register
class UnsupportedLanguage(Rule):
    """
    ## What it does
    Notes once per page that its language has no validated readability formula
    (``rules/languages.toml``), so the page gets no grade and no other readability
    finding. The language is the front matter ``lang`` (or ``language``), or an HTML
    page's ``<html lang>``. Else it is the site's language folder or file suffix. Else
    it is the language the page's words are plainly in (Chinese on an English site), or
    the ``language`` config key.

    ## Why it matters
    A silent skip would look like a pass, and an English formula on Chinese, Japanese or
    Hindi text gives a number that means nothing. Knowing that a page is not scored lets
    a team review its readability another way.

    ## Example
    ```yaml
    lang: zh-CN
    ```

    ## Use instead
    Nothing to change in the page; review its reading level by hand, or set ``lang`` to
    the right language if it is wrong.
    """

    code = "OA508"
    name = "unsupported-language"
    category = Category.READABILITY
    severity = Severity.INFO
    summary = "No validated readability formula for the page's language; no grade."
    page_level = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        from openaccess.text import page_language, profile

        language = page_language(page, context.config.language, context.site.language_of(page.path))
        if profile(context.data.languages, language) is not None or not page.document.blocks:
            return
        offset = _key_offset(page, language.key) if language.key else language.offset
        yield Problem(
            offset,
            offset,
            f"no validated readability formula for language {language.described}:"
            " the page gets no grade and no readability findings",
        )


@register
class TooShortToScore(Rule):
    """
    ## What it does
    Notes that a page is too short for a reliable grade: fewer than ``min_words`` words
    or ``min_sentences`` sentences (the ``[page-grade]`` options, default 100 and 5).
    The other rules still check its sentences, paragraphs and words. Off unless selected by code
    or name (``--select OA509``) or enabled in config: ``openaccess report`` already
    shows such pages as "too short".

    ## Why it matters
    Readability formulas average over sentences; on a few sentences one long word swings
    the grade by several points, so a grade would mislead.

    ## Example
    A page of three short sentences.

    ## Use instead
    Nothing to change; review short pages by reading them aloud.
    """

    code = "OA509"
    name = "too-short-to-score"
    category = Category.READABILITY
    severity = Severity.INFO
    summary = "Page too short to score (under 100 words or 5 sentences); opt-in."
    page_level = True
    default_enabled = False  # `openaccess report` says "too short"; check stays quiet

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None or not text.sentences:
            return
        options = context.all_options[PageGrade.code]
        if not too_short(text, options["min_words"], options["min_sentences"]):
            return
        start = text.paragraphs[0].start
        yield Problem(
            start,
            start,
            f"too short to score: {_count(text.counts.words, 'word')} in"
            f" {_count(text.counts.sentences, 'sentence')}"
            f" (a grade needs at least {options['min_words']} words and"
            f" {options['min_sentences']} sentences)",
        )


def _count(number: int, noun: str) -> str:
    """'1 sentence', '3 sentences'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _percent(share: float, limit: float) -> str:
    """``share`` as a whole percentage, or with a tenth when the whole one would equal
    ``limit`` ("10.3%" above 10%, not "10%" above 10%)."""
    whole = f"{share:.0%}"
    return f"{share:.1%}" if whole == f"{limit:.0%}" else whole
