"""Readability rules: located guidance on the page, its sentences, paragraphs and sections.

Every rule reads the same measurement of the page (``openaccess.text.page_text``: syntok
sentences with file offsets, textstat counts), computed once per page. These findings are
guidance, so they are warnings or info by default; a project may raise them in config.
Pages in a language textstat cannot score get one OA508 info and no other finding here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openaccess.diagnostics import Applicability, Category, Edit, Fix, Problem, Severity
from openaccess.rules.base import Option, Rule, RuleContext, register
from openaccess.rules.frontmatter import _key_offset

if TYPE_CHECKING:
    from openaccess.page import Page
    from openaccess.text import PageText

PAGE_GRADE = "page-grade"
DEFAULT_TARGET = 8.0


def measured(page: Page, context: RuleContext) -> PageText | None:
    """The page's measured prose, or None when its language cannot be scored."""
    from openaccess.text import page_text

    text = page_text(page, context.config.language)
    return text if text.supported else None


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") if value == round(value, 1) else f"{value:.1f}"


@dataclass(frozen=True)
class GradeTarget:
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
        known = ", ".join(sorted(audiences)) or "none"
        return GradeTarget(
            target,
            "default target",
            f"front matter audience '{audience}' names no target (known: {known});"
            f" using grade {_number(target)}",
        )
    return GradeTarget(target, "default target")


def too_short(text: PageText, min_words: int, min_sentences: int) -> bool:
    return text.words < min_words or text.sentence_count < min_sentences


def page_grade_options(context: RuleContext) -> dict[str, Any]:
    """``[page-grade]`` options in effect (thresholds.toml, then config), for OA509 too."""
    options = {"target": DEFAULT_TARGET, "min_words": 100, "min_sentences": 5, "audiences": {}}
    options.update(context.data.thresholds.get(PAGE_GRADE, {}))
    for key, setting in context.config.rule.items():
        if key.strip().lower() == PAGE_GRADE or key.strip().upper() == PageGrade.code:
            options.update(setting.options)
    return options


@register
class PageGrade(Rule):
    """
    ## What it does
    Warns when a page's Flesch-Kincaid grade is above its target. The target is the
    ``target`` option (default 8), or front matter ``audience: professional`` (a name from
    ``[page-grade.audiences]`` in ``rules/thresholds.toml``), or ``reading_age: 9``
    (grade = reading age - 5). The message names the hardest paragraph to start with.
    Pages under ``min_words`` words or ``min_sentences`` sentences are not scored (OA509).

    ## Why it matters
    GOV.UK and plainlanguage.gov write for a reading age of about 9 (grade 8) because
    most adults, people reading in a second language and people with cognitive or
    learning disabilities read that level easily (WCAG 3.1.5 Reading Level, AAA).

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
    summary = "Page Flesch-Kincaid grade is above its target (default 8)."
    wcag = "3.1.5 Reading Level (AAA)"
    page_level = True
    options = {
        "target": Option(float, "Flesch-Kincaid grade pages should not exceed.", DEFAULT_TARGET),
        "min_words": Option(int, "Pages with fewer words are too short to score.", 100),
        "min_sentences": Option(int, "Pages with fewer sentences are too short to score.", 5),
        "audiences": Option(dict, "Named targets for front matter 'audience'.", {}),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        options = context.options
        target = grade_target(page.meta, options["target"], options["audiences"])
        if target.problem:
            offset = _key_offset(page, "audience")
            yield Problem(offset, offset, target.problem)
        if text is None or too_short(text, options["min_words"], options["min_sentences"]):
            return
        grade = text.grade
        if grade is None or round(grade, 1) <= target.grade:
            return
        hardest = max(text.paragraphs, key=lambda p: text.paragraph_grade(p) or 0.0)
        line = page.position(hardest.start)[0]
        first = text.paragraphs[0]
        yield Problem(
            first.start,
            first.start,
            f"Flesch-Kincaid grade {grade:.1f} is above the target {_number(target.grade)}"
            f" ({target.source}); start with the paragraph at line {line}"
            f" (grade {text.paragraph_grade(hardest) or 0.0:.1f})",
        )


@register
class LongSentence(Rule):
    """
    ## What it does
    Warns about each sentence longer than ``max_words`` words (default 25), at the
    sentence's own line.

    ## Why it matters
    GOV.UK found that readers understand sentences of up to about 25 words; longer ones
    are hard to hold in mind, especially with a screen reader or magnifier, which show
    or read a little at a time.

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
    options = {"max_words": Option(int, "Longest sentence, in words.", 25)}

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None:
            return
        limit = context.options["max_words"]
        for sentence in text.sentences:
            if sentence.words > limit:
                yield Problem(
                    sentence.start,
                    sentence.end,
                    f"sentence has {sentence.words} words; aim for {limit} at most",
                )


@register
class HardSentence(Rule):
    """
    ## What it does
    Warns about a very hard sentence: at least ``min_words`` words (default 14) and a
    Flesch-Kincaid grade of ``min_grade`` (default 14) or more, like Hemingway's "very
    hard to read" highlight. The grade of one sentence uses its own word and syllable
    counts in the Flesch-Kincaid formula.

    ## Why it matters
    Long words packed into a long sentence are where readers give up. Fixing the few
    hardest sentences lowers a page's grade the most.

    ## Example
    ```markdown
    I recommend exploring different programs and opportunities to gain the necessary
    qualifications and experience in the field.
    ```

    ## Use instead
    ```markdown
    Look at different courses. They will give you the skills and experience you need.
    ```
    """

    code = "OA503"
    name = "hard-sentence"
    category = Category.READABILITY
    severity = Severity.WARNING
    summary = "Very hard sentence (14+ words and grade 14+)."
    options = {
        "min_words": Option(int, "Shortest sentence that can be very hard, in words.", 14),
        "min_grade": Option(float, "Sentence grade from which a sentence is very hard.", 14.0),
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None:
            return
        min_words, min_grade = context.options["min_words"], context.options["min_grade"]
        for sentence in text.sentences:
            grade = sentence.grade
            if sentence.words >= min_words and grade >= min_grade:
                yield Problem(
                    sentence.start,
                    sentence.end,
                    f"very hard sentence: grade {grade:.1f} with {sentence.words} words;"
                    " split it or use shorter words",
                )


@register
class LongParagraph(Rule):
    """
    ## What it does
    Warns about a paragraph (or list item) longer than ``max_words`` words (default
    150). A raw ``<p>`` with blank lines inside is measured as the paragraphs the writer
    meant; the wall itself is an accessibility finding.

    ## Why it matters
    plainlanguage.gov advises short paragraphs: long blocks of text are hard to scan and
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
    summary = "Paragraph longer than 150 words."
    options = {"max_words": Option(int, "Longest paragraph, in words.", 150)}

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None:
            return
        limit = context.options["max_words"]
        for paragraph in text.paragraphs:
            if paragraph.words > limit:
                kind = "list item" if paragraph.kind == "list_item" else "paragraph"
                yield Problem(
                    paragraph.start,
                    paragraph.start,
                    f"{kind} has {paragraph.words} words; aim for {limit} at most",
                )


@register
class LongSection(Rule):
    """
    ## What it does
    Warns about a section (the text between two headings) longer than ``max_words``
    words (default 300), at its heading. A page with no subheadings at all is reported
    by OA205 (missing-subheadings) instead, not twice.

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
    summary = "Section between two headings longer than 300 words."
    options = {"max_words": Option(int, "Longest section, in words.", 300)}

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None or not text.has_headings:
            return
        limit = context.options["max_words"]
        for section in text.sections:
            if section.words <= limit:
                continue
            name = (
                f"section '{section.heading}'"
                if section.heading is not None
                else "the text before the first heading"
            )
            yield Problem(
                section.start,
                section.start,
                f"{name} has {section.words} words; add a subheading or cut it"
                f" to {limit} words at most",
            )


@register
class PlainWords(Rule):
    """
    ## What it does
    Suggests a plainer word or phrase for one on the list in ``rules/plain-words.toml``
    ("utilize" -> "use", "in order to" -> "to"), for pages in a language the list has.
    The swap is an unsafe fix (``--unsafe-fixes``): reread the sentence after it.

    ## Why it matters
    Everyday words are understood faster by everybody, and by far more people reading
    in a second language or with a cognitive disability.

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
        from openaccess.text import body_blocks, page_language
        from openaccess.text.style import plain_words

        if measured(page, context) is None:
            return
        root = page_language(page, context.config.language).split("_")[0]
        swaps = context.data.plain_words.get(root)
        if not swaps:
            return
        finder = plain_words(swaps)
        for block in body_blocks(page):
            for found in finder.find(block.text):
                start = block.offset_at(found.start)
                end = block.offset_at(found.end - 1) + 1
                if page.text[start - 1 : start] == "`" and page.text[end : end + 1] == "`":
                    continue  # the whole code span: a name, not prose
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


@register
class PassiveVoice(Rule):
    """
    ## What it does
    When more than ``max_share`` of a page's sentences (default 10%) are in the passive
    voice, reports each passive sentence at its line (English pages). A passive is a
    form of "be" or "get", up to two adverbs, then a past participle ("is expected",
    "was quickly made").

    ## Why it matters
    Active sentences say who does what, so they are shorter and clearer. The odd passive
    is fine; a page full of them hides who is responsible.

    ## Example
    ```markdown
    Your application will be reviewed by the panel.
    ```

    ## Use instead
    ```markdown
    The panel will review your application.
    ```
    """

    code = "OA507"
    name = "passive-voice"
    category = Category.READABILITY
    severity = Severity.INFO
    summary = "More than 10% of sentences are passive; each one is located."
    options = {"max_share": Option(float, "Largest share of passive sentences (0-1).", 0.10)}

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        from openaccess.text.style import passive_phrase

        text = measured(page, context)
        if text is None or not text.language.startswith("en") or not text.sentences:
            return
        passives = [(s, p) for s in text.sentences if (p := passive_phrase(s.text))]
        share = len(passives) / len(text.sentences)
        if share <= context.options["max_share"]:
            return
        summary = (
            f"{len(passives)} of {len(text.sentences)} sentences ({share:.0%}) are passive,"
            f" above {context.options['max_share']:.0%}"
        )
        for sentence, phrase in passives:
            yield Problem(sentence.start, sentence.end, f'passive voice ("{phrase}"); {summary}')


@register
class UnsupportedLanguage(Rule):
    """
    ## What it does
    Notes once that a page's language (front matter ``lang``, else the ``language``
    config key) cannot be scored by textstat, so readability rules skip the page.

    ## Why it matters
    A silent skip would look like a pass. Knowing that a page is not scored lets a team
    review its readability another way.

    ## Example
    ```yaml
    lang: cy
    ```

    ## Use instead
    Nothing to change in the page; review its reading level by hand, or set ``lang`` to
    the right language if it is wrong.
    """

    code = "OA508"
    name = "unsupported-language"
    category = Category.READABILITY
    severity = Severity.INFO
    summary = "textstat cannot score the page's language; readability rules skip it."
    page_level = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        from openaccess.text import page_text

        text = page_text(page, context.config.language)
        if text.supported or not page.document.blocks:
            return
        offset = _key_offset(page, "lang") if page.language else page.body_start
        source = "front matter lang" if page.language else "config language"
        yield Problem(
            offset,
            offset,
            f"cannot score language '{page.language or context.config.language}' ({source}):"
            " readability rules skip this page",
        )


@register
class TooShortToScore(Rule):
    """
    ## What it does
    Notes that a page is too short for a reliable grade: fewer than ``min_words`` words
    or ``min_sentences`` sentences (the ``[page-grade]`` options, default 100 and 5).
    Its sentences, paragraphs and words are still checked.

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
    summary = "Page too short to score (under 100 words or 5 sentences)."
    page_level = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        text = measured(page, context)
        if text is None or not text.sentences:
            return
        options = page_grade_options(context)
        if not too_short(text, options["min_words"], options["min_sentences"]):
            return
        start = text.paragraphs[0].start
        yield Problem(
            start,
            start,
            f"too short to score: {_count(text.words, 'word')} in"
            f" {_count(text.sentence_count, 'sentence')}"
            f" (a grade needs at least {options['min_words']} words and"
            f" {options['min_sentences']} sentences)",
        )


def _count(number: int, noun: str) -> str:
    """'1 sentence', '3 sentences'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
