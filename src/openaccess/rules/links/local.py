"""Links to this site that the built site cannot serve: a missing file (OA301), a missing
``#fragment`` (OA302), a site URL that serves nothing (OA303)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING
from urllib.parse import unquote

from openaccess.diagnostics import Applicability, Category, Fix, Problem, Severity
from openaccess.fsutil import BROKEN_SYMLINK, SYMLINK_LOOP
from openaccess.fsutil import OUTSIDE as OUTSIDE_SITE
from openaccess.routing.ids import known_ids, names_an_unknown_id
from openaccess.routing.router import OUTSIDE
from openaccess.rules.base import Rule, RuleContext, register
from openaccess.rules.links.suggest import Suggestions, anchor, replace_in_link

if TYPE_CHECKING:
    from openaccess.document import Link
    from openaccess.page import Page
    from openaccess.routing.router import Target
    from openaccess.run.site import Held, Site


# Why a link to a symlink is refused (the file-system rule, :mod:`openaccess.fsutil`).
_REFUSED = {
    OUTSIDE_SITE: "a symlink to a file outside the site folder; it is never read or published",
    BROKEN_SYMLINK: "a broken symlink (it points to nothing); link to the file itself",
    SYMLINK_LOOP: "a symlink loop (it points back to itself); link to the file itself",
}


def described(link: Link) -> str:
    return "image" if link.image else "file" if link.resource else "link"


def _what(link: Link) -> str:
    return "image" if link.image else "file" if link.resource else "link target"


def _as_written(link: Link) -> str:
    """A link's address as typed: a Markdown link's as its page writes it, not
    percent-encoded as the Markdown parser stores it (``[it/a/``, not ``%5Bit/a/``;
    Japanese text, not ``%E8%A8%B3``)."""
    href = link.href.strip()
    if link.source == "markdown":
        from markdown_it.common.normalize_url import normalizeLinkText

        href = normalizeLinkText(href)
    return href


def _written_path(link: Link) -> str:
    """The path part of a link as typed (no query or fragment), see :func:`_as_written`."""
    return _as_written(link).split("#", 1)[0].split("?", 1)[0]


def _case_hint(page: Page, link: Link, target: Target) -> tuple[str, Fix | None]:
    """When only letter case differs from a real file or page: what to say and the fix."""
    assert target.case_match is not None
    right = target.case_match.url
    message = (
        f"; the site has {right} (letter case differs, and web servers treat cases as"
        " different addresses)"
    )
    written = _written_path(link)
    fix = None
    if written:
        fixed = _same_form(written, right)
        fix = replace_in_link(page, link, written, fixed, "the path") if fixed else None
    return message, fix


def _same_form(written: str, right_url: str) -> str | None:
    """``written`` with each segment's letters taken from ``right_url`` where only case
    differs (keeps relative ``../`` parts and the writer's own spelling otherwise)."""
    ours = written.split("/")
    theirs = [part for part in right_url.split("/") if part]
    result = list(ours)
    index = len(theirs) - 1
    for position in range(len(ours) - 1, -1, -1):
        part = ours[position]
        if not part or part in (".", ".."):
            continue
        if index < 0:
            break
        if part.lower() == theirs[index].lower():
            result[position] = theirs[index]
        index -= 1
    fixed = "/".join(result)
    return fixed if fixed != written else None


@register
class MissingFile(Rule):
    """
    ## What it does
    Reports a relative link or image whose target the built site does not have. Links
    are read the way the site's generator builds them. MkDocs and `openaccess publish`
    turn a link to a source file (`start.md`) into that page's address. Every other
    relative link starts from the page's published address, as in a browser.

    It also reports a link whose letter case differs from the real file: web servers
    treat `Logo.png` and `logo.png` as different files. And it reports a link to a symlink
    that leads out of the site folder, or to nothing. Such files are never read, and would
    not be published. The message suggests a close match.

    ## Why it matters
    A broken link is a dead end. Readers who follow it land on an error page and lose
    their way. A missing image leaves a hole in the page.

    ## Example
    ```markdown
    Read [how to start](strat.md).
    ```

    ## Use instead
    ```markdown
    Read [how to start](start.md).
    ```
    """

    code = "OA301"
    name = "missing-file"
    category = Category.LINKS
    severity = Severity.ERROR
    summary = "Relative link or image whose target the built site does not have."
    fix = Applicability.UNSAFE
    reads_other_pages = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        site = context.site
        for link, target in site.targets(page):
            if target.kind == "missing-file":
                yield self._missing(page, link, target, site)
            elif target.kind == "refused":
                what = _what(link)
                why = _REFUSED.get(target.note, _REFUSED[OUTSIDE_SITE])
                yield Problem(link.start, link.end, f"{what} '{_written_path(link)}' is {why}")

    def _missing(self, page: Page, link: Link, target: Target, site: Site) -> Problem:
        if target.note == OUTSIDE:
            message = (
                f"{described(link)} '{_as_written(link)}' points outside the site folder;"
                " it is not checked and would not be published"
            )
            return Problem(link.start, link.end, message)
        what = _what(link)
        written = _written_path(link) or link.href.strip()
        if target.path is not None and target.note:  # the page is there, not published
            return Problem(
                link.start, link.end, f"{what} '{written}' is not on the built site: {target.note}"
            )
        message = f"{what} '{written}' does not exist"
        if target.note:
            message += f": {target.note}"
        fix = None
        if target.case_match is not None:
            hint, fix = _case_hint(page, link, target)
            return Problem(link.start, link.end, message + hint, fix)
        suggestion = site.shared(Suggestions, _suggestions).file(
            target.wanted, site.relative(page.path)
        )
        if suggestion is not None and not _same_path(suggestion, written):
            message += f"; did you mean '{suggestion}'?"
            fix = replace_in_link(page, link, _written_path(link), suggestion, "the path")
        return Problem(link.start, link.end, message, fix)


def _same_path(suggestion: str, written: str) -> bool:
    """Whether a suggestion only spells the link again (``./a.png`` for ``a.png``)."""
    return posixpath.normpath(suggestion) == posixpath.normpath(unquote(written))


def _suggestions(site: Site) -> Suggestions:
    return Suggestions(site.router)


@register
class MissingAnchor(Rule):
    """
    ## What it does
    Reports a `#fragment` that matches no id on the page it points to: the same page or
    another page of the site. Heading ids follow the site's generator, in every script.
    That is GitHub's rule for `openaccess publish`, and MkDocs' toc, Hugo's goldmark or
    Jekyll's kramdown ids when the site uses them. `{#id}` and `{: #id }` attribute lists,
    HTML `id`s, footnotes and the ids your templates add (`[links] known_ids`) count too.
    A file an element loads reads its own fragment (`<iframe src="/viewer/#a.pdf">`, a
    video's `#t=10`), so that is not judged. A redirect page (Hugo's `aliases`, Jekyll's
    `redirect_from`) sends the browser on without the fragment. So a fragment on its
    address is reported too, with the page's own address.

    ## Why it matters
    A broken fragment still opens the page, but at the top. The reader has to hunt for the
    section the link promised, which is hard with a screen reader or magnifier.

    ## Example
    ```markdown
    See [prices](#pricing).

    ## Prices
    ```

    ## Use instead
    ```markdown
    See [prices](#prices).

    ## Prices
    ```
    """

    code = "OA302"
    name = "missing-anchor"
    category = Category.LINKS
    severity = Severity.ERROR
    summary = "A #fragment matches no heading id or explicit id on the target page."
    fix = Applicability.UNSAFE
    holds_links = True
    reads_other_pages = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        site = context.site
        own = site.relative(page.path)
        for link, target in site.targets(page):
            if link.image or link.resource or not target.fragment or target.fragment == "top":
                continue  # a loaded file reads its own fragment (#page=2, #t=10, a viewer's path)
            into_a_page = _into_a_page(target)
            if _drops_the_fragment(target, site):  # also a page's own alias (Falco's site)
                problem = self._through_redirect(link, target, site)
            elif target.kind == "self" or (into_a_page and target.path == own):
                problem = self._missing(page, link, target, site.own_ids(page), site)
            elif not into_a_page or site.answer_later(self.code, link, target):
                continue  # not a page; or settled once every page's ids are known
            else:
                problem = self._missing_in(page, link, target, site)
            if problem is not None:
                yield problem

    def settle(self, page: Page, held: list[Held], context: RuleContext) -> Iterator[Problem]:
        site = context.site
        for item in held:
            anchors = site.ids(site.router.source_path(item.path))
            if _names_an_id(item.fragment, item.href, anchors):
                continue  # most held links: known without making the link again
            problem = self._missing_in(page, item.link, item.target, site)
            if problem is not None:
                yield problem

    def _through_redirect(self, link: Link, target: Target, site: Site) -> Problem:
        """A link with a fragment to a redirect page (Hugo's ``aliases``, Jekyll's
        ``redirect_from``): the page sends the browser on with a meta refresh or a link,
        which carries no fragment, so the reader lands at the top of the new page."""
        assert target.path is not None
        moved = site.router.url_of(target.path)
        fragment = target.fragment
        message = f"{target.wanted} only redirects, and browsers drop '#{fragment}' there"
        if moved is None:
            return Problem(link.start, link.end, message)
        if _names_an_id(fragment, link.href, site.ids(target.path)):
            return Problem(link.start, link.end, f"{message}; link to {moved}#{fragment}")
        where = target.path.as_posix()
        return Problem(link.start, link.end, f"{message} (and {where} has no such id)")

    def _missing_in(self, page: Page, link: Link, target: Target, site: Site) -> Problem | None:
        """A link into another page of the site."""
        assert target.path is not None
        anchors = site.ids(target.path)
        return self._missing(page, link, target, anchors, site, f"in {target.path.as_posix()}")

    def _missing(
        self,
        page: Page,
        link: Link,
        target: Target,
        anchors: frozenset[str] | None,
        site: Site,
        where: str = "on this page",
    ) -> Problem | None:
        if _names_an_id(target.fragment, link.href, anchors):
            return None
        written = link.href.strip().partition("#")[2]
        owner = target.path if target.kind == "found" else site.relative(page.path)
        if any(fnmatchcase(target.fragment, known) for known in site.id_patterns(owner)):
            return None
        message = f"no heading or id '{target.fragment}' {where}"
        fix = None
        if anchors is not None and (suggestion := anchor(target.fragment, known_ids(anchors))):
            message += f"; did you mean '#{suggestion}'?"
            fix = replace_in_link(page, link, written, suggestion, "the fragment")
        return Problem(link.start, link.end, message, fix)


def _names_an_id(fragment: str, href: str, anchors: frozenset[str] | None) -> bool:
    """Whether the fragment names an id of the page (None: unreadable, so not judged).
    The fragment as typed counts too: ids may be written percent-encoded (pymdownx's
    ``percent_encode``). An id only the build knows (a glob) is not judged either."""
    if anchors is None or fragment in anchors:
        return True
    written = href.strip().partition("#")[2]
    return written in anchors or names_an_unknown_id(fragment, anchors)


def _drops_the_fragment(target: Target, site: Site) -> bool:
    """Whether the link leads to a redirect page that sends the browser on without the
    address's fragment (see ``Generator.redirects_keep_fragment``)."""
    redirect = target.output is not None and target.output.kind == "redirect"
    return redirect and _into_a_page(target) and not site.router.generator.redirects_keep_fragment


def _into_a_page(target: Target) -> bool:
    return target.kind == "found" and target.is_page and target.path is not None


@register
class UnknownSiteUrl(Rule):
    """
    ## What it does
    Reports a link to this site's own address that the built site does not serve. That may
    be a site-absolute path (`/guides/pricing/`), or a full address on the configured
    `base_url`. It may also be a link written with the generator's own tags: Jekyll's
    `{% link %}`, `{% post_url %}` and `relative_url`, or Hugo's `ref` and `relref`.

    Pages get their addresses as the site's generator gives them: front matter `slug`,
    `url`, `permalink` and `aliases`, permalink patterns, letter case. A link that only
    misses the site's base path, or whose letter case differs, says so. The message
    suggests a close page address.

    ## Why it matters
    Writers often paste full addresses of their own site. When the page moves or the
    address is mistyped, readers get a "page not found" error.

    ## Example
    ```markdown
    [Next: get started](https://example.org/jeweler/strat)
    ```

    ## Use instead
    ```markdown
    [Next: get started](https://example.org/jeweler/start)
    ```
    """

    code = "OA303"
    name = "unknown-site-url"
    category = Category.LINKS
    severity = Severity.ERROR
    summary = "A link to this site's own address that the built site does not serve."
    fix = Applicability.UNSAFE
    reads_other_pages = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        site = context.site
        for link, target in site.targets(page):
            if target.kind != "missing-url":
                continue
            yield self._unknown(page, link, target, site)

    def _unknown(self, page: Page, link: Link, target: Target, site: Site) -> Problem:
        message = f"no page or file of this site is served at {target.wanted}"
        if target.note:
            message += f" ({target.note})"
        if target.case_match is not None:
            hint, fix = _case_hint(page, link, target)
            return Problem(link.start, link.end, message + hint, fix)
        fix = None
        suggestions = site.shared(Suggestions, _suggestions)
        suggestion = None if target.note else suggestions.url(target.wanted)
        if suggestion is not None:
            message += f"; did you mean {suggestion}?"
            written = _written_path(link)
            if written.endswith(target.wanted):
                base = written[: len(written) - len(target.wanted)]
                fix = replace_in_link(page, link, written, base + suggestion, "the path")
        return Problem(link.start, link.end, message, fix)
