"""Links to other sites, fetched by ``check --external``: broken (OA320) or permanently
moved (OA321). The run fetches every external link once (``openaccess.external``) and
hands the results to these rules through their context."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote, urldefrag, urlsplit

from openaccess.diagnostics import Applicability, Category, Fix, Problem, Severity
from openaccess.rules.base import Rule, RuleContext, register
from openaccess.rules.links.suggest import replace_in_link

if TYPE_CHECKING:
    from openaccess.document import Link
    from openaccess.page import Page


def _problems(page: Page, context: RuleContext) -> Iterator[tuple[str, Problem]]:
    """(rule code, problem) for every external link of ``page`` that has a result."""
    from openaccess.document import Link

    site = context.site
    facts = site.facts.pages.get(page.path)
    if facts is None:
        return
    for fact in facts.external:
        base, fragment = urldefrag(fact.url)
        result = site.facts.external.get(base)
        if result is None:
            continue
        if result.status in ("broken", "blocked", "deadline"):
            yield "OA320", Problem(fact.start, fact.end, f"{fact.url}: {result.message}")
        elif fragment in result.missing_fragments:
            message = f"{fact.url}: no id '{fragment}' on the page"
            yield "OA320", Problem(fact.start, fact.end, message)
        if result.status == "redirected" and result.permanent and result.final_url:
            # The address comes from a server (or the cache): only its normalized, percent-
            # encoded form is ever written, and only if the page still parses the same.
            new = normalized_address(result.final_url + (f"#{fragment}" if fragment else ""))
            link = Link(fact.href, "", fact.start, fact.end)
            shown = new or "an address that is not a valid web address"
            fix = _new_address(page, link, new) if new else None
            yield "OA321", Problem(fact.start, fact.end,
                                   f"{fact.url} has moved permanently to {shown}; link to the"
                                   " new address", fix)  # fmt: skip


def _new_address(page: Page, link: Link, new: str) -> Fix | None:
    fix = replace_in_link(page, link, link.href.strip(), new, "the address")
    return Fix(fix.description, fix.edits, Applicability.SAFE) if fix is not None else None


# Characters an address keeps as they are; every other one is percent-encoded (quotes,
# parentheses, brackets, spaces, "<" and ">" never reach a page from a server).
_ADDRESS_SAFE = "/:@!$&*+,;=-._~%?"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"[A-Za-z0-9.\-]+(?::[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?")


def normalized_address(url: str) -> str | None:
    """``url`` as an absolute http(s) address with every character that could end a
    Markdown link or an HTML attribute percent-encoded; None when it is not one."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not _HOST.fullmatch(parts.netloc):
        return None

    def encode(component: str) -> str:
        return quote(_LONE_PERCENT.sub("%25", component), safe=_ADDRESS_SAFE)

    address = f"{parts.scheme.lower()}://{parts.netloc.lower()}{encode(parts.path) or '/'}"
    if parts.query:
        address += "?" + encode(parts.query)
    if parts.fragment:
        address += "#" + encode(parts.fragment)
    return address


class _ExternalRule(Rule):
    site_wide = True
    volatile = True  # the answer depends on other servers, not only on the pages

    def check_site(self, pages: list[Page], context: RuleContext) -> Iterator[tuple[Page, Problem]]:
        if not context.config.links.external:
            return
        for page in pages:
            for code, problem in _problems(page, context):
                if code == self.code:
                    yield page, problem


@register
class ExternalLinkBroken(_ExternalRule):
    """
    ## What it does
    With `check --external` (or `external = true` in `[links]`), fetches every external
    `http(s)` link and reports those that fail:

    - an error status (404, 410, 500...);
    - no answer within the timeout;
    - a host that does not exist;
    - too many redirects;
    - a `#fragment` missing on the page (with `check_fragments = true`).

    It never fetches links to loopback, private, link-local or multicast addresses, and
    reports them too: readers outside your network cannot open them either.

    ## Why it matters
    Links to other sites break over time ("link rot"). Each one is a dead end for a
    reader who trusted the page.

    ## Example
    ```markdown
    See the [apprenticeship register](https://example.org/old/register).
    ```

    ## Use instead
    ```markdown
    See the [apprenticeship register](https://example.org/apprenticeships/register).
    ```
    """

    code = "OA320"
    name = "external-link-broken"
    category = Category.LINKS
    severity = Severity.ERROR
    summary = "An external link that fails when fetched (check --external)."


@register
class ExternalLinkMoved(_ExternalRule):
    """
    ## What it does
    With `check --external`, reports an external link that answers with a permanent
    redirect (301 or 308, every hop) and gives the new address. The fix replaces the
    link with the new address. It leaves temporary redirects (302, 303, 307) alone.

    ## Why it matters
    A moved page works today, but sites drop old addresses sooner or later. And every
    redirect makes the page slower to open on a poor connection.

    ## Example
    ```markdown
    [Guidance](http://example.org/guidance)
    ```

    ## Use instead
    ```markdown
    [Guidance](https://www.example.org/guidance/)
    ```
    """

    code = "OA321"
    name = "external-link-moved"
    category = Category.LINKS
    severity = Severity.INFO
    summary = "An external link that permanently redirects (fixable: use the new URL)."
    fix = Applicability.SAFE
