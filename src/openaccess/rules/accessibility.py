"""Accessibility rules for what writers put in pages: images, tables, line breaks, walls."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from openaccess.diagnostics import Applicability, Category, Edit, Fix, Problem, Severity
from openaccess.rules.base import Rule, RuleContext, register

if TYPE_CHECKING:
    from openaccess.document import LineBreak, ParagraphWall
    from openaccess.page import Page


@register
class ImageAlt(Rule):
    """
    ## What it does
    Reports an image with no alternative text: a Markdown image ``![](photo.jpg)`` with
    empty brackets is reported too, because Markdown cannot say "decorative". In HTML,
    ``alt=""`` marks an image as decorative and is allowed; a missing ``alt`` is not.

    ## Why it matters
    Screen readers announce an image without alt text by its file name, or skip it. So
    blind readers miss what it shows (WCAG 1.1.1 Non-text Content).

    ## Example
    ```markdown
    ![](ring-sizes.png)
    <img src="ring-sizes.png">
    ```

    ## Use instead
    ```markdown
    ![Chart of ring sizes from 4 to 12](ring-sizes.png)
    <img src="divider.png" alt="">
    ```
    """

    code = "OA401"
    name = "image-alt"
    category = Category.ACCESSIBILITY
    severity = Severity.ERROR
    summary = "Image has no alt text."
    wcag = "1.1.1 Non-text Content (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for image in page.document.images:
            missing = image.alt is None if image.source == "html" else not (image.alt or "").strip()
            if missing:
                name = image.href.rsplit("/", 1)[-1] or "image"
                how = 'add alt="..." describing it (alt="" if it is decoration)'
                if image.source == "markdown":
                    how = "describe it inside the brackets: ![what it shows](...)"
                yield Problem(image.start, image.end, f"image '{name}' has no alt text; {how}")


@register
class TableHeaders(Rule):
    """
    ## What it does
    Warns about an HTML data table without header cells (``<th>``).

    ## Why it matters
    Screen readers read a table cell together with its row and column headers. Without
    ``<th>``, a blind reader hears a stream of numbers with no meaning (WCAG 1.3.1).
    Markdown tables always have a header row, so this concerns raw HTML tables.

    ## Example
    ```html
    <table><tr><td>Size</td><td>Price</td></tr><tr><td>6</td><td>$40</td></tr></table>
    ```

    ## Use instead
    ```html
    <table><tr><th>Size</th><th>Price</th></tr><tr><td>6</td><td>$40</td></tr></table>
    ```
    """

    code = "OA402"
    name = "table-headers"
    category = Category.ACCESSIBILITY
    severity = Severity.WARNING
    summary = "Data table has no header cells."
    wcag = "1.3.1 Info and Relationships (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for table in page.document.tables:
            if not table.has_header:
                yield Problem(
                    table.start,
                    table.start + 6,
                    "table has no header cells; mark the first row or column with <th>",
                )


@register
class SpacingBreak(Rule):
    """
    ## What it does
    Warns about ``<br>`` used to add vertical space: a ``<br>`` with no text before or
    after it in its paragraph, or several in a row. A ``<br>`` between two lines of text
    (an address, a poem) is fine.

    ## Why it matters
    Screen readers announce empty lines as "blank", and the gap it makes does not grow
    with the reader's text-spacing settings (WCAG 1.3.1). Spacing belongs in the
    stylesheet; structure belongs in paragraphs and headings.

    ## Example
    ```html
    <br>
    <a href="/start">Next: get started</a>
    ```

    ## Use instead
    ```html
    <a href="/start">Next: get started</a>
    ```

    The fix deletes the ``<br>`` (and its own line break); it is safe. It is withheld
    when what the ``<br>`` hid at the start of its line would start a block (``<br> *``).

    A run of ``<br>`` between two texts (``Done.<br><br>Next, ...``) shows a paragraph
    break. Deleting it would join two paragraphs, so there the finding asks for a new
    paragraph instead, and offers no fix. In a Markdown table's cell, where no paragraph
    can start, it is spacing as before.
    """

    code = "OA403"
    name = "spacing-br"
    category = Category.ACCESSIBILITY
    severity = Severity.WARNING
    summary = "<br> used for vertical spacing."
    wcag = "1.3.1 Info and Relationships (A)"
    fix = Applicability.SAFE

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for line_break in page.document.breaks:
            if not line_break.spacing:
                continue
            if line_break.paragraph_break:  # removing it would join two paragraphs
                yield Problem(
                    line_break.start,
                    line_break.end,
                    "<br> only looks like a paragraph break; start a new paragraph there"
                    " instead (a blank line, or </p><p> in HTML)",
                )
                continue
            edit = _removal(page.text, line_break)
            keeps = _keeps_syntax(page.text, edit) and _keeps_blocks(page.text, edit)
            fix = Fix("Remove the spacing <br>", (edit,)) if keeps else None
            yield Problem(
                line_break.start,
                line_break.end,
                "<br> only adds vertical space; remove it (spacing belongs in the stylesheet)",
                fix,
            )


def _removal(text: str, line_break: LineBreak) -> Edit:
    """The edit that removes a spacing ``<br>``. Its own line break goes too only when the
    ``<br>`` stands alone on its line: after text, the line break is kept, as it may end
    the paragraph before a heading or list (``Prices below.<br>`` then ``## Prices``).
    Two words are never joined: a space takes the tag's place between them."""
    start, end = line_break.start, line_break.end
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    if not text[line_start:start].strip() and line_break.removal_end > end:
        end = line_break.removal_end
    before, after = text[start - 1 : start], text[end : end + 1]
    joins_words = before.isalnum() and after.isalnum()
    return Edit(start, end, " " if joins_words else "")


# Characters that can start or end Markdown or HTML syntax once they meet what is on the
# tag's other side: "*<br>*" is an emphasised line break, but "**" alone is shown as two
# asterisks; "*the <br>*" is emphasis, "*the *" is not (a delimiter after a space does not
# close); "]<br>(" would become a link, "<<br>b>" a tag, "&<br>amp;" an entity.
_SYNTAX_BEFORE = frozenset("*_~`\\[]!&<")
_SYNTAX_AFTER = frozenset("*_~`\\[]()<>#")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _keeps_syntax(text: str, edit: Edit) -> bool:
    """Whether deleting ``edit``'s span leaves the characters around it meaning what they
    did: no syntax character meets a new neighbour (the fix is withheld otherwise). A
    ``<br>`` whose whole line goes brings nothing together."""
    if edit.text or text[edit.start : edit.end].endswith(("\n", "\r")):
        return True
    before, after = text[edit.start - 1 : edit.start], text[edit.end : edit.end + 1]
    if before not in _SYNTAX_BEFORE and _BREAK_TAG.match(text, edit.end):
        return True  # "desk.<br><br>": the next <br> is a tag still, so both are fixed at once
    return before not in _SYNTAX_BEFORE and after not in _SYNTAX_AFTER


def _keeps_blocks(text: str, edit: Edit) -> bool:
    """Whether the text left at the start of a line still reads as the same block: a
    ``<br>`` that began its line may have hidden a block marker (``<br> *`` is a paragraph,
    ``*`` alone a list item; the same for ``#``, ``>``, ``1.``, ``---``). Only a letter is
    sure to start no block, so the fix is withheld before anything else."""
    line_start = max(text.rfind("\n", 0, edit.start), text.rfind("\r", 0, edit.start)) + 1
    if text[line_start : edit.start].strip() or text[edit.start : edit.end].endswith(("\n", "\r")):
        return True  # after text, or the whole line goes: no line starts anew
    rest = text[edit.end :].split("\n", 1)[0].split("\r", 1)[0].lstrip(" \t")
    return not rest or rest[0].isalpha()


@register
class ParagraphWall(Rule):
    """
    ## What it does
    Warns about a raw HTML ``<p>`` element whose text contains blank lines. The writer
    meant several paragraphs; a browser shows one wall of text, because blank lines
    inside an HTML element are just spaces.

    ## Why it matters
    Walls of text are hard for everyone, and very hard for readers with dyslexia, low
    vision or attention difficulties. Screen readers announce one paragraph where there
    are five (WCAG 1.3.1 Info and Relationships).

    ## Example
    ```html
    <p>
    First paragraph.

    Second paragraph.
    </p>
    ```

    ## Use instead
    ```html
    <p>
    First paragraph.
    </p>

    <p>
    Second paragraph.
    </p>
    ```

    The fix closes and reopens the ``<p>`` at each blank line and changes nothing
    else; it is safe.
    """

    code = "OA404"
    name = "paragraph-wall"
    category = Category.ACCESSIBILITY
    severity = Severity.WARNING
    summary = "<p> with blank lines inside renders as one wall of text."
    wcag = "1.3.1 Info and Relationships (A)"
    fix = Applicability.SAFE

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for wall in page.document.walls:
            count = len(wall.gaps) + 1
            yield Problem(
                wall.start,
                wall.start + 3,
                f"this <p> holds {count} paragraphs separated by blank lines, but browsers"
                " show them as one wall of text; give each paragraph its own <p>",
                _split_fix(page, wall),
            )


def _split_fix(page: Page, wall: ParagraphWall) -> Fix:
    newline = page.newline
    edits = []
    for start, end in wall.gaps:
        # Keep the writer's blank line(s); close before and reopen after.
        gap = page.text[start:end]
        edits.append(Edit(start, end, f"{newline}</p>{gap}<p>{newline}"))
    return Fix("Split into one <p> per paragraph", tuple(edits))
