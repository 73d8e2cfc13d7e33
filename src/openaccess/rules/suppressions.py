"""Rules about suppression comments themselves (see :mod:`openaccess.suppressions`)."""

from __future__ import annotations

from collections.abc import Iterator

from openaccess.diagnostics import Applicability, Category, Problem, Severity
from openaccess.page import Page
from openaccess.rules.base import Rule, RuleContext, register
from openaccess.rules.frontmatter import _key_offset
from openaccess.suppressions import DIRECTIVES, directives, front_matter_ignores, names_rule


@register
class UnusedSuppression(Rule):
    """
    ## What it does
    Reports a suppression comment, or one code in it, that silences nothing: no finding of
    that rule is on the lines it covers. Also reports an ``openaccess-enable`` that closes
    no earlier ``openaccess-disable``. ``--fix`` removes the code, or the whole comment
    (and its line, when the comment is alone on it) with its matching enable. Like ruff's
    RUF100.

    A comment is judged only when every rule it names ran on the page. So it never
    reports codes of rules that ``select`` or ``ignore`` left out. Site-wide rules run
    after each page: OA310 orphan-page and the external link checks. It never reports
    their codes, nor a comment without codes while such a rule is on.

    ## Why it matters
    A suppression outlives the problem it was written for. The sentence gets shorter or
    the link text better, and the comment stays, ready to hide the next real problem.

    ## Example
    ```markdown
    <!-- openaccess-disable-next-line OA306 -->
    Read [the care guide](care.md) before you polish.
    ```

    ## Use instead
    ```markdown
    Read [the care guide](care.md) before you polish.
    ```
    """

    code = "OA001"
    name = "unused-suppression"
    category = Category.SUPPRESSIONS
    severity = Severity.WARNING
    summary = "A suppression comment (or a code in it) that silences nothing."
    fix = Applicability.SAFE
    # Found by the linter after every other rule ran on the page (it needs their findings).


@register
class InvalidSuppression(Rule):
    """
    ## What it does
    Reports an ``openaccess-`` comment that is not one of the four directives:
    ``openaccess-disable``, ``openaccess-enable``, ``openaccess-disable-line`` and
    ``openaccess-disable-next-line``. Also reports codes or names that match no rule, in
    a directive or in front matter (``openaccess: {ignore: [OA999]}``). None silences
    anything: a misspelt directive never turns a rule off by accident, and never silently
    fails to.

    ## Why it matters
    A comment ``openaccess-ignore OA306``, or ``openaccess-disable-next-line OA360`` (no
    rule has that code), looks as if it works. Without a warning, the writer believes a
    finding is off on purpose while it is still reported. Or a typo may seem to silence a
    whole page.

    ## Example
    ```markdown
    <!-- openaccess-ignore OA999 -->
    ```

    ## Use instead
    ```markdown
    <!-- openaccess-disable-next-line OA306 -->
    ```
    """

    code = "OA002"
    name = "invalid-suppression"
    category = Category.SUPPRESSIONS
    severity = Severity.WARNING
    summary = "An openaccess- comment that is no directive, or names no rule."

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        known = ", ".join(f"openaccess-{name}" for name in DIRECTIVES)
        for directive in directives(page):
            if not directive.known:
                yield Problem(
                    directive.start,
                    directive.end,
                    f"'openaccess-{directive.action}' is not a suppression directive and"
                    f" silences nothing; use one of {known}",
                )
                continue
            for selector in directive.selectors:
                if not selector.known:
                    yield Problem(selector.start, selector.end, _unknown(selector.text))
        for selector in front_matter_ignores(page):  # openaccess: {ignore: [...]}
            if not names_rule(selector):
                offset = _key_offset(page, "openaccess")
                yield Problem(offset, offset, _unknown(selector) + " (front matter)")


def _unknown(selector: str) -> str:
    return (
        f"'{selector}' matches no rule code, prefix, name or category, so it silences"
        " nothing; run 'openaccess rules' to list them"
    )
