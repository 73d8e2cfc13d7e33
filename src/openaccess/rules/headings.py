"""Heading structure rules, for Markdown and HTML headings alike.

The front matter ``title`` is the page's level-1 heading (templates render it as the
``h1``), so body headings start at level 2, unless the body's own ``# `` heading is the
page's h1 (the ``title_h1`` setting, :mod:`openaccess.titles`). A page without a title
may use one body h1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from openaccess.diagnostics import Category, Problem, Severity
from openaccess.rules.base import Option, Rule, RuleContext, at_least_one, register
from openaccess.rules.readability import is_post
from openaccess.titles import needs_subheadings

if TYPE_CHECKING:
    from openaccess.document import Heading
    from openaccess.page import Page


def _title_level(page: Page) -> int:
    """Level of the heading above the body: 1 when the front matter has a title, else 0."""
    return 1 if page.title else 0


@register
class HeadingIncrement(Rule):
    """
    ## What it does
    Reports a heading that skips a level: a level 4 right after a level 2. So is a level 3
    right after the page title, which is the level-1 heading.

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
    Reports a second level-1 heading. The site setting ``title_h1`` says which heading is
    the page's h1:

    - ``template``: the front matter ``title``, which the template shows. Any ``#`` heading
      in the body is a second one.
    - ``body``: the body's first ``#`` heading. The title is not shown as a heading.
    - ``auto`` (the default): a ``#`` heading that starts the body, before any other
      content, is the page's h1. Microsoft Learn and many MkDocs sites work this way, and
      the heading repeats the title or a variant of it. Otherwise the title is the h1.

    ``openaccess publish`` follows the same setting, so the page gets one h1.

    ## Why it matters
    The level-1 heading names the page. Two of them make it unclear what the page is
    about, and screen reader users who jump to the h1 land on the wrong one.

    ## Example
    ```markdown
    ---
    title: Advice for jewelers
    ---
    # Advice for jewelers
    ...
    # Training
    ```

    ## Use instead
    ```markdown
    ---
    title: Advice for jewelers
    ---
    # Advice for jewelers
    ...
    ## Training
    ```
    """

    code = "OA202"
    name = "single-h1"
    category = Category.HEADINGS
    severity = Severity.WARNING
    summary = "More than one level-1 heading (the title counts: see title_h1)."
    wcag = "1.3.1 Info and Relationships (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        from openaccess.titles import BODY, body_h1

        mode = context.config.title_h1
        page_h1 = body_h1(page, mode)
        seen = page_h1 is not None or (bool(page.title) and mode != BODY)
        for heading in page.document.headings:
            if heading.level != 1 or heading is page_h1:
                continue
            if seen:
                message = _second_h1_message(page, heading, page_h1, mode)
                yield Problem(heading.start, heading.end, message)
            seen = True


def _second_h1_message(page: Page, heading: Heading, page_h1: Heading | None, mode: str) -> str:
    from openaccess.titles import BODY, same_title

    title_is_h1 = page_h1 is None and page.title and mode != BODY
    if title_is_h1 and page.title and same_title(heading.text, page.title):
        return (
            "level-1 heading repeats the front matter title,"
            " which is already the page's h1; remove it"
        )
    if title_is_h1:
        reason = "the front matter title is already the level-1 heading"
    elif page_h1 is not None:
        reason = f"the level-1 heading on line {page.position(page_h1.start)[0]} is the page's h1"
    else:
        reason = "the page already has a level-1 heading"
    return f"second level-1 heading: {reason}; use level 2"


@register
class EmptyHeading(Rule):
    """
    ## What it does
    Reports a heading with no text. Some sites rewrite their pages with their own code as
    they are built (MkDocs ``hooks``). There, a heading that holds an HTML comment is left
    alone: the code may make its text from it (``#### <!-- md:setting config.lang -->``).

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
        hooks = bool(context.site.router.generator.page_hooks)
        for heading in page.document.headings:
            if heading.text.strip():
                continue
            if hooks and "<!--" in page.text[heading.start : heading.end]:
                continue  # the site's code may write its text (see above)
            yield Problem(heading.start, heading.end, f"level-{heading.level} heading is empty")


@register
class DuplicateHeading(Rule):
    """
    ## What it does
    Warns when two headings at the same level and under the same parent heading have the
    same text. ``### None`` under "Inputs" and again under "Outputs" is fine: a reader
    (and a screen reader's list of headings) tells them apart by their parents. Set
    ``siblings_only = false`` to compare all headings of a level, as before.

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

    Headings repeated under different parents are fine:
    ```markdown
    ## Inputs
    ### None
    ## Outputs
    ### None
    ```
    """

    code = "OA204"
    name = "duplicate-heading"
    category = Category.HEADINGS
    severity = Severity.WARNING
    summary = "Two sibling headings (same level, same parent) have the same text."
    wcag = "2.4.6 Headings and Labels (AA)"
    options = {
        "siblings_only": Option(
            bool,
            "Compare only headings under the same parent heading (markdownlint's"
            " siblings_only); false: any two headings at the same level.",
        )
    }

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        siblings_only = context.options["siblings_only"]
        seen: dict[tuple[int, int, str], int] = {}
        open_headings: list[Heading] = []  # the current heading's ancestors, then itself
        for heading in page.document.headings:
            while open_headings and open_headings[-1].level >= heading.level:
                open_headings.pop()
            parent = open_headings[-1].start if siblings_only and open_headings else -1
            open_headings.append(heading)
            if not heading.text.strip():
                continue
            key = (parent, heading.level, heading.text.casefold())
            if key in seen:
                line = page.position(seen[key])[0]
                yield Problem(
                    heading.start,
                    heading.end,
                    f"heading '{heading.text}' repeats the level-{heading.level} heading"
                    f" on line {line}{' under the same parent heading' if parent >= 0 else ''}",
                )
            else:
                seen[key] = heading.start


@register
class MissingSubheadings(Rule):
    """
    ## What it does
    Warns when a page has ``min_words`` (default 375) or more words of prose and no
    subheading at all. Much as OA505 does for a section, it aims at 300 words and leaves
    alone a page less than a quarter over. Blind readers judged every page of 315 to 335 words
    they read not worth a heading. A page that is at least half list items, such as a
    table of contents, is already built for scanning. A post is a story, read from top
    to bottom. So in a ``_posts``, ``posts``, ``blog`` or ``news`` folder, a page needs
    subheadings from ``post_min_words`` (600). Sections written as level-1 headings after
    the title are subheadings here (OA202 tells to make them level 2).

    ## Why it matters
    Readers scan before they read. Without headings a long page is one block. People with
    low vision, dyslexia or little time cannot find the part they need. Screen reader users
    cannot jump between sections (WCAG 2.4.10 Section Headings).

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
    options = {
        "min_words": Option(
            int, "Word count from which a page needs subheadings.", validate=at_least_one
        ),
        "post_min_words": Option(
            int,
            "Word count from which a blog post or news item needs subheadings.",
            validate=at_least_one,
        ),
    }
    page_level = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        limit = context.options["min_words"]
        if is_post(page, context):
            limit = max(limit, context.options["post_min_words"])
        words = needs_subheadings(page, limit)
        if words is not None:
            start = page.body_start + (len(page.body) - len(page.body.lstrip()))
            yield Problem(
                start,
                start,
                f"page has {words} words and no subheadings; add '## ' headings so readers"
                " can scan it and jump to what they need",
            )
