"""Heading structure rules, for Markdown and HTML headings alike.

The front matter ``title`` is the page's level-1 heading (templates render it as the
``h1``), so body headings start at level 2. A page without a title may use one body h1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from openaccess.diagnostics import Category, Problem, Severity
from openaccess.rules.base import Option, Rule, RuleContext, register

if TYPE_CHECKING:
    from openaccess.page import Page


def _title_level(page: Page) -> int:
    """Level of the heading above the body: 1 when the front matter has a title, else 0."""
    return 1 if page.title else 0


@register
class HeadingIncrement(Rule):
    """
    ## What it does
    Reports a heading that skips a level: a level 4 right after a level 2, or a level 3
    right after the page title (which is the level-1 heading).

    ## Why it matters
    Screen reader users move through a page by its headings and hear their levels. A
    skipped level suggests that a section is missing (WCAG 1.3.1 Info and
    Relationships).

    ## Example
    ```markdown
    ## Training
    #### Apprenticeships
    ```

    ## Use instead
    ```markdown
    ## Training
    ### Apprenticeships
    ```
    """

    code = "OA201"
    name = "heading-increment"
    category = Category.HEADINGS
    severity = Severity.WARNING
    summary = "Heading level skips a level (2 then 4, title then 3)."
    wcag = "1.3.1 Info and Relationships (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        previous = _title_level(page)
        for heading in page.document.headings:
            if previous and heading.level > previous + 1:
                above = (
                    "the page title (level 1)"
                    if previous == 1 and page.title and heading is page.document.headings[0]
                    else f"a level-{previous} heading"
                )
                yield Problem(
                    heading.start,
                    heading.end,
                    f"heading level {heading.level} follows {above}; use level {previous + 1}",
                )
            previous = heading.level


@register
class SingleH1(Rule):
    """
    ## What it does
    Reports a second level-1 heading. When the front matter has a ``title``, the title is
    the level-1 heading, so any ``#`` heading in the body is a second one.

    ## Why it matters
    The level-1 heading names the page. Two of them make it unclear what the page is
    about, and screen reader users who jump to the h1 land on the wrong one.

    ## Example
    ```markdown
    ---
    title: Advice for jewelers
    ---
    # Advice for jewelers
    ```

    ## Use instead
    ```markdown
    ---
    title: Advice for jewelers
    ---
    ## Your skills
    ```
    """

    code = "OA202"
    name = "single-h1"
    category = Category.HEADINGS
    severity = Severity.WARNING
    summary = "More than one level-1 heading (the front matter title counts)."
    wcag = "1.3.1 Info and Relationships (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        seen = bool(page.title)
        for heading in page.document.headings:
            if heading.level != 1:
                continue
            if seen:
                yield Problem(heading.start, heading.end, _second_h1_message(page, heading.text))
            seen = True


def _second_h1_message(page: Page, text: str) -> str:
    if page.title and text.casefold() == page.title.casefold():
        return (
            "level-1 heading repeats the front matter title,"
            " which is already the page's h1; remove it"
        )
    if page.title:
        reason = "the front matter title is already the level-1 heading"
    else:
        reason = "the page already has a level-1 heading"
    return f"second level-1 heading: {reason}; use level 2"


@register
class EmptyHeading(Rule):
    """
    ## What it does
    Reports a heading with no text.

    ## Why it matters
    Screen readers announce "heading level 2" and then nothing; the outline of the page
    gets a hole (WCAG 2.4.6 Headings and Labels).

    ## Example
    ```markdown
    ##
    ```

    ## Use instead
    ```markdown
    ## Costs
    ```
    """

    code = "OA203"
    name = "empty-heading"
    category = Category.HEADINGS
    severity = Severity.ERROR
    summary = "Heading has no text."
    wcag = "2.4.6 Headings and Labels (AA)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for heading in page.document.headings:
            if not heading.text.strip():
                yield Problem(heading.start, heading.end, f"level-{heading.level} heading is empty")


@register
class DuplicateHeading(Rule):
    """
    ## What it does
    Warns when two headings at the same level have the same text.

    ## Why it matters
    In a screen reader's list of headings, two identical entries cannot be told apart,
    and both get near-identical link anchors (WCAG 2.4.6 Headings and Labels).

    ## Example
    ```markdown
    ## Costs
    ...
    ## Costs
    ```

    ## Use instead
    ```markdown
    ## Training costs
    ...
    ## Tool costs
    ```
    """

    code = "OA204"
    name = "duplicate-heading"
    category = Category.HEADINGS
    severity = Severity.WARNING
    summary = "Two headings at the same level have the same text."
    wcag = "2.4.6 Headings and Labels (AA)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        seen: dict[tuple[int, str], int] = {}
        for heading in page.document.headings:
            key = (heading.level, heading.text.casefold())
            if not heading.text.strip():
                continue
            if key in seen:
                line = page.position(seen[key])[0]
                yield Problem(
                    heading.start,
                    heading.end,
                    f"heading '{heading.text}' repeats the level-{heading.level} heading"
                    f" on line {line}",
                )
            else:
                seen[key] = heading.start


@register
class MissingSubheadings(Rule):
    """
    ## What it does
    Warns when a page has ``min_words`` (default 300) or more words of prose and no
    subheading at all.

    ## Why it matters
    Readers scan before they read. Without headings a long page is one block: people
    with low vision, dyslexia or little time cannot find the part they need, and screen
    reader users cannot jump between sections (WCAG 2.4.10 Section Headings).

    ## Example
    A 600-word page written as paragraphs only.

    ## Use instead
    Break it into sections, each with a heading that says what it covers:
    ```markdown
    ## Skills you need
    ## Training and qualifications
    ```
    """

    code = "OA205"
    name = "missing-subheadings"
    category = Category.HEADINGS
    severity = Severity.WARNING
    summary = "Long page has no subheadings."
    wcag = "2.4.10 Section Headings (AAA)"
    options = {"min_words": Option(int, "Word count from which a page needs subheadings.")}
    page_level = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        document = page.document
        if any(h.level >= 2 or (h.level == 1 and page.title) for h in document.headings):
            return
        words = document.prose_word_count()
        if words >= context.options["min_words"]:
            start = page.body_start + (len(page.body) - len(page.body.lstrip()))
            yield Problem(
                start,
                start,
                f"page has {words} words and no subheadings; add '## ' headings so readers"
                " can scan it and jump to what they need",
            )
