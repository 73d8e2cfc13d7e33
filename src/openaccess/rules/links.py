"""Link rules: local targets resolved the way the site is built, and link wording.

Every link is resolved once into a :class:`Target` (a file, a page URL, a fragment, an
external URL...) with the same routing the generator uses (``[links] url_style``) and the
same heading ids (``[links] slug_style``). Checking a page never parses another page
unless a ``#fragment`` needs that page's anchors. External URLs are only fetched by
``check --external`` (the ``OA32x`` rules, engine in :mod:`openaccess.external`).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from openaccess.diagnostics import Applicability, Category, Edit, Fix, Problem, Severity
from openaccess.fsutil import BROKEN_SYMLINK, OUTSIDE, SYMLINK_LOOP
from openaccess.page import PAGE_SUFFIXES
from openaccess.ruledata import VAGUE_LINK_TEXT_FILE
from openaccess.rules.base import Rule, RuleContext, register
from openaccess.site import jekyll_hidden, page_url, route_key, split_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from openaccess.config import Config
    from openaccess.document import Link
    from openaccess.page import Page
    from openaccess.site import Site

_TEMPLATE = re.compile(r"\{\{|\{%|%7B%7B|%7B%25", re.IGNORECASE)
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
_SCRIPT_SCHEME = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)
_RAW_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_IMAGE_FILE = re.compile(
    r"^[^\s/]+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?|ico|heic)$", re.IGNORECASE
)
_FILE_NAME_CHARS = re.compile(r"[-_\d]")
# Why a link to a symlink is refused (the file-system rule, :mod:`openaccess.fsutil`).
_REFUSED = {
    OUTSIDE: "a symlink to a file outside the site folder; it is never read or published",
    BROKEN_SYMLINK: "a broken symlink (it points to nothing); link to the file itself",
    SYMLINK_LOOP: "a symlink loop (it points back to itself); link to the file itself",
}
# A typo in a file or page name is one wrong, missing, extra or swapped letter (letter case
# is free): sibling names often differ by one short word (about_Jobs, about_Join).
_NAME_EDITS = 1
_TYPO_SPAN = 2  # a typo in a name changes, swaps or drops a letter or two in one place


# -- resolving a link --------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """Where a link leads. ``kind`` is one of: ``empty``, ``template`` (not resolvable
    before the site is built), ``external``, ``other`` (mailto:, tel:...), ``self`` (a
    fragment or query on the same page), ``file`` (an existing file or page),
    ``missing-file``, ``outside`` (leaves the site root), ``missing-url``, ``refused`` (a
    symlink out of the site, broken or looping: ``wanted`` says which, never followed)."""

    kind: str
    path: PurePosixPath | None = None  # existing file or page, root-relative
    fragment: str = ""
    wanted: str = ""  # what was looked for: a root-relative path or a site URL path

    @property
    def is_page(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in PAGE_SUFFIXES


def resolve(page: Page, href: str, site: Site) -> Target:
    """Resolve ``href`` as written on ``page`` against the site."""
    stripped = href.strip()
    if not stripped:
        return Target("empty")
    if _TEMPLATE.search(stripped):
        return Target("template")
    scheme, host, path, fragment = split_url(stripped)
    fragment = unquote(fragment)
    if stripped.startswith("//"):
        scheme = "https"
    if scheme:
        if scheme not in ("http", "https"):
            return Target("other")
        if site.is_own_url(scheme, host):
            return _site_target(site, path or "/", fragment, written_in_full=True)
        return Target("external")
    if not path:
        return Target("self", site.relative(page.path), fragment)
    if path.startswith("/"):
        return _site_target(site, path, fragment)
    relative = site.resolve_relative(page.path, path)
    if relative is not None and (why := site.refusal(relative)) is not None:
        return Target("refused", fragment=fragment, wanted=why)
    found = site.existing(relative) if relative is not None else None
    if found is not None:
        return Target("file", found, fragment)
    routed = _url_relative(page, path, site)
    if routed is not None:
        return Target("file", routed, fragment)
    if relative is None:
        return Target("outside", wanted=path)
    return Target("missing-file", fragment=fragment, wanted=relative.as_posix())


def _url_relative(page: Page, path: str, site: Site) -> PurePosixPath | None:
    """A relative link read against the page's published URL (``../pricing/`` from
    ``/guides/start/``), the way a browser resolves it on the built site."""
    source = site.relative(page.path)
    if source is None:
        return None
    url = site.urls_of(source, page.meta)[0]
    folder = url if url.endswith("/") else posixpath.dirname(url) + "/"
    return site.page_for_url(posixpath.join(folder, unquote(path)))


def _site_target(site: Site, path: str, fragment: str, written_in_full: bool = False) -> Target:
    local = site.site_path(path)
    if local is None:  # same host, but outside the site's base path
        return Target("external")
    routed = site.page_for_url(local)
    if routed is not None:
        return Target("file", routed, fragment)
    relative = posixpath.normpath(unquote(local)).lstrip("/")
    if relative and relative != "." and (why := site.refusal(PurePosixPath(relative))):
        return Target("refused", fragment=fragment, wanted=why)
    if relative and relative != ".":
        found = site.existing(PurePosixPath(relative))
        if found is not None and not (site.url_style == "jekyll" and jekyll_hidden(found)):
            return Target("file", found, fragment)
        if not written_in_full and not site.owns_top_level(relative.split("/")[0]):
            # A bare /api/, /login or /other-product/ is often served by something else
            # on the host: only paths under the site's own top-level names (or a typo of
            # one) are judged. A full URL on base_url is always this site's.
            return Target("external")
    return Target("missing-url", fragment=fragment, wanted=local)


def _resolved(page: Page, site: Site) -> list[tuple[Link, Target]]:
    """Every link of the page with its target, computed once per page and run."""
    cached = page.memo.get("link-targets")
    if cached is None or cached[0] is not site:
        cached = (site, [(link, resolve(page, link.href, site)) for link in page.document.links])
        page.memo["link-targets"] = cached
    return cached[1]


# -- suggestions and fixes ---------------------------------------------------------------
def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters counts once), or
    ``limit + 1`` as soon as it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _middles(a: str, b: str) -> tuple[str, str]:
    """What differs once the common start and end are removed
    (``Get-Variable``/``New-Variable``: ``Get``/``New``; ``strat``/``start``: ``ra``/``ar``)."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]


def _is_typo(a: str, b: str, span: int) -> bool:
    """Edits within ``span`` neighbouring characters, not in the first letter (``Get-Item``
    is no typo of ``Set-Item``) and not just another number (nor ``chapter-04`` of
    ``chapter-02``)."""
    if a[:1] != b[:1]:
        return False
    one, other = _middles(a, b)
    if max(len(one), len(other)) > span:
        return False
    return not ((one.isdigit() or not one) and (other.isdigit() or not other))


def closest(
    wanted: str, candidates: list[str], limit: int | None = None, span: int | None = None
) -> str | None:
    """The candidate a typo most likely meant: at most ``limit`` edits (default one per
    five characters) and, with ``span``, all within that many neighbouring characters (a
    typo, not another word: see :func:`_is_typo`)."""
    limit = max(1, len(wanted) // 5) if limit is None else limit
    wanted = wanted.lower()
    letters = set(wanted)
    best: tuple[int, str] | None = None
    for candidate in candidates:
        lowered = candidate.lower()
        if lowered == wanted:  # only the case differs (CV.md for cv.md): the likeliest
            return candidate
        if abs(len(lowered) - len(wanted)) > limit or len(letters ^ set(lowered)) > 2 * limit:
            continue  # cheap rejections before the quadratic comparison
        if span is not None and not _is_typo(wanted, lowered, span):
            continue
        distance = edit_distance(wanted, lowered, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def _name_index(site: Site) -> dict[str, dict[str, list[PurePosixPath]]]:
    """(folder -> file names) and (file name -> paths), built once per run."""
    memo = site.shared.get("file-index")
    if memo is None:
        folders: dict[str, list[PurePosixPath]] = {}
        names: dict[str, list[PurePosixPath]] = {}
        for path in sorted(set.__iter__(site.files)):
            folders.setdefault(path.parent.as_posix(), []).append(path)
            names.setdefault(path.name, []).append(path)
        memo = site.shared["file-index"] = {"folders": folders, "names": names}
    return memo


def _suggest_file(page: Page, wanted: str, site: Site) -> str | None:
    """A file the link probably meant: a near name in the same folder, or the same
    name in one other folder (a moved file). Written relative to the page's folder."""
    memo = site.shared.setdefault("file-suggestions", {})
    source = site.relative(page.path)
    key = (wanted, source.parent.as_posix() if source is not None else None)
    if key not in memo:
        memo[key] = _find_file_suggestion(wanted, site, source)
    return memo[key]


def _find_file_suggestion(wanted: str, site: Site, source: PurePosixPath | None) -> str | None:
    index = _name_index(site)
    target = PurePosixPath(wanted)
    siblings = index["folders"].get(target.parent.as_posix(), [])
    suffix = target.suffix.lower()
    by_name = {path.name: path for path in siblings if path.suffix.lower() == suffix}
    near = closest(target.name, list(by_name), _NAME_EDITS, _TYPO_SPAN)
    found = by_name[near] if near is not None else None
    if source is None:
        return None
    folder = source.parent.as_posix() or "."
    if found is None and len(moved := index["names"].get(target.name, [])) == 1:
        # A moved file: only nearby (no farther than the link went, or two folder
        # steps), not a namesake far away in the site such as another version's docs.
        distance = max(2, _folder_steps(posixpath.relpath(wanted, folder)))
        candidate = posixpath.relpath(moved[0].as_posix(), folder)
        found = moved[0] if _folder_steps(candidate) <= distance else None
    return posixpath.relpath(found.as_posix(), folder) if found is not None else None


def _folder_steps(relative: str) -> int:
    """Folders walked up and down by a relative path (``../a/b.md``: 2)."""
    return len(relative.split("/")) - 1


def _suggest_url(wanted: str, site: Site) -> str | None:
    """A page URL the link probably meant: the real URL of the page whose file path the
    link spells (a ``slug`` or ``permalink`` moved it), a near name in the same folder,
    or the one page with the same last segment."""
    routes = site.all_urls()
    key = route_key(wanted, site.fold_case)
    pages = _published_pages(site)
    by_path = {route_key(page_url(path), site.fold_case): path for path in pages}
    if key in by_path and site.urls_of(by_path[key]):
        return site.urls_of(by_path[key])[0]
    parent, tail = posixpath.split(key)
    siblings = {posixpath.basename(r): r for r in routes if posixpath.dirname(r) == parent}
    near = closest(tail, list(siblings), _NAME_EDITS, _TYPO_SPAN) if tail else None
    best = siblings[near] if near is not None else None
    if best is None:
        moved = [route for route in routes if tail and posixpath.basename(route) == tail]
        best = moved[0] if len(moved) == 1 else None
    return site.urls_of(routes[best])[0] if best is not None else None


def _replace_in_link(page: Page, link: Link, old: str, new: str, what: str) -> Fix | None:
    """An unsafe fix replacing ``old`` (as typed in the source) inside the link."""
    span = page.text[link.start : link.end]
    for typed in dict.fromkeys((old, unquote(old), html.escape(old))):
        if typed and span.count(typed) == 1:
            start = link.start + span.index(typed)
            edit = Edit(start, start + len(typed), new)
            return Fix(f"Change {what} to '{new}'", (edit,), Applicability.UNSAFE)
    return None


def _described(link: Link) -> str:
    return "image" if link.image else "link"


# -- rules -------------------------------------------------------------------------------
@register
class MissingFile(Rule):
    """
    ## What it does
    Reports a relative link or image whose file does not exist, a relative link that
    leaves the site's root folder, and a link to a symlink that leads out of it (or to
    nothing): such files are never read and would not be published. A link may name the
    file (`start.md`) or its published URL (`../start/`). A close match is suggested
    ("did you mean ...?").

    ## Why it matters
    A broken link is a dead end: readers who follow it land on an error page and lose
    their way, and a missing image leaves a hole in the page.

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
    summary = "Relative link or image to a file that does not exist (or outside the site)."
    fix = Applicability.UNSAFE

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        site = context.site
        for link, target in _resolved(page, site):
            if target.kind == "outside":
                yield Problem(
                    link.start,
                    link.end,
                    f"{_described(link)} '{link.href}' points outside the site folder;"
                    " it is not checked and would not be published",
                )
            elif target.kind == "missing-file":
                yield self._missing(page, link, target, site)
            elif target.kind == "refused":
                what = "image" if link.image else "link target"
                why = _REFUSED.get(target.wanted, _REFUSED[OUTSIDE])
                shown = split_url(link.href.strip())[2]
                yield Problem(link.start, link.end, f"{what} '{shown}' is {why}")

    def _missing(self, page: Page, link: Link, target: Target, site: Site) -> Problem:
        what = "image" if link.image else "link target"
        message = f"{what} '{split_url(link.href.strip())[2]}' does not exist"
        suggestion = _suggest_file(page, target.wanted, site)
        fix = None
        if suggestion is not None:
            message += f"; did you mean '{suggestion}'?"
            old = split_url(link.href)[2]
            fix = _replace_in_link(page, link, old, suggestion, "the path")
        return Problem(link.start, link.end, message, fix)


@register
class MissingAnchor(Rule):
    """
    ## What it does
    Reports a `#fragment` that matches no heading id and no explicit id on the page it
    points to (the same page or another page of the site). Heading ids follow the same
    rule as `publish` (GitHub style by default, `[links] slug_style` to match Hugo or
    Jekyll); `{#id}` and HTML `id` attributes always count.

    ## Why it matters
    A broken fragment still opens the page, but at the top: the reader has to hunt for
    the section the link promised, which is hard with a screen reader or magnifier.

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

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        site = context.site
        for link, target in _resolved(page, site):
            if link.image or not target.fragment or target.fragment == "top":
                continue
            if target.kind == "self":
                anchors = _own_anchors(page, site)
                where = "on this page"
            elif target.kind == "file" and target.is_page and target.path is not None:
                anchors = site.anchors(target.path)
                where = f"in {target.path.as_posix()}"
            else:
                continue
            if anchors is None or target.fragment in anchors:
                continue
            message = f"no heading or id '{target.fragment}' {where}"
            fix = None
            if suggestion := _suggest_anchor(target.fragment, anchors):
                message += f"; did you mean '#{suggestion}'?"
                old = split_url(link.href)[3]
                fix = _replace_in_link(page, link, old, suggestion, "the fragment")
            yield Problem(link.start, link.end, message, fix)


def _suggest_anchor(fragment: str, anchors: set[str]) -> str | None:
    """A near id, or the only id that starts with the fragment (``#costs-and-fees``)."""
    found = closest(fragment, sorted(anchors))
    if found is None:
        longer = [anchor for anchor in anchors if anchor.startswith(fragment)]
        found = longer[0] if len(longer) == 1 else None
    return found


def _own_anchors(page: Page, site: Site) -> set[str]:
    relative = site.relative(page.path)
    if relative is not None:
        anchors = site.anchors(relative)
        if anchors is not None:
            return anchors
    from openaccess.site import page_anchors

    return page_anchors(page, site.slug_style)


@register
class UnknownSiteUrl(Rule):
    """
    ## What it does
    Reports a link to this site's own address (an absolute URL on the configured
    `base_url`, or a site-absolute path such as `/guides/pricing/`) that no page or file
    is served at. Pages are routed like the site's generator (`[links] url_style`:
    `plain`, `hugo` or `jekyll`), including `slug`, `url`, `permalink`, `aliases` and
    `redirect_from`. A close page URL is suggested.

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
    summary = "A link to this site's own URL (base_url or /path) that maps to no page."
    fix = Applicability.UNSAFE

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        site = context.site
        for link, target in _resolved(page, site):
            if target.kind != "missing-url":
                continue
            message = f"no page or file of this site is served at {target.wanted}"
            fix = None
            suggestion = _suggest_url(target.wanted, site)
            if suggestion is not None:
                message += f"; did you mean {suggestion}?"
                old = split_url(link.href)[2]
                base = old[: len(old) - len(target.wanted)] if old.endswith(target.wanted) else ""
                fix = _replace_in_link(page, link, old, base + suggestion, "the path")
            yield Problem(link.start, link.end, message, fix)


@register
class EmptyLink(Rule):
    """
    ## What it does
    Reports a link with an empty address (`[text]()`, `<a href="">`), a link to just
    `#`, and an image with an empty source.

    ## Why it matters
    An empty link looks clickable but goes nowhere (or reloads the page), which confuses
    everyone and especially keyboard and screen reader users.

    ## Example
    ```markdown
    [Contact us]()
    ```

    ## Use instead
    ```markdown
    [Contact us](contact.md)
    ```
    """

    code = "OA304"
    name = "empty-link"
    category = Category.LINKS
    severity = Severity.WARNING
    summary = "A link with an empty href (or only '#'), or an image with an empty src."

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for link in page.document.links:
            href = link.href.strip()
            if link.image and not href:
                yield Problem(link.start, link.end, "image has no source (empty src)")
            elif not link.image and not href:
                yield Problem(link.start, link.end, "link has an empty address; it goes nowhere")
            elif not link.image and href == "#":
                yield Problem(
                    link.start, link.end, "link goes to '#' (the top of this page), not anywhere"
                )


def is_javascript_url(href: str) -> bool:
    """True for ``javascript:`` URLs however they are disguised: character references,
    upper case, and the spaces, tabs and line breaks browsers ignore."""
    text = html.unescape(href).strip("".join(map(chr, range(0x21))))
    return _TAB_OR_NEWLINE.sub("", text).lower().startswith("javascript:")


@cache
def _permissive_parser() -> MarkdownIt:
    """markdown-it drops ``javascript:`` links (they render as text); this parser keeps
    every destination so they can be reported where the writer typed them."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _markdown_script_links(page: Page) -> list[Link]:
    if not _SCRIPT_SCHEME.search(html.unescape(page.body)):
        return []  # the common case: no second parse
    from openaccess.parse.markdown import outline_markdown

    tokens = _permissive_parser().parse(page.body)
    document = outline_markdown(page.text, page.lines, page.body_start, tokens)
    return document.links


@register
class JavascriptUrl(Rule):
    """
    ## What it does
    Reports a link or image whose address runs JavaScript (`javascript:`), including
    disguised forms such as `JaVaScRiPt:`, `java&#x09;script:` or leading spaces.

    ## Why it matters
    A `javascript:` link is not a link: it does nothing without JavaScript, cannot be
    opened in a new tab or bookmarked, and is a common way to smuggle scripts into pages.
    Use a real address, or a button for actions.

    ## Example
    ```html
    <a href="javascript:openForm()">Apply</a>
    ```

    ## Use instead
    ```html
    <a href="apply/">Apply</a>
    ```
    """

    code = "OA305"
    name = "javascript-url"
    category = Category.LINKS
    severity = Severity.ERROR
    summary = "A javascript: URL in a link or image (also disguised by case or entities)."

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        links = list(page.document.links)
        if page.kind == "markdown":
            seen = {link.start for link in links}
            links += [link for link in _markdown_script_links(page) if link.start not in seen]
        for link in sorted(links, key=lambda item: item.start):
            if is_javascript_url(link.href):
                yield Problem(
                    link.start,
                    link.end,
                    f"{_described(link)} address runs JavaScript ('javascript:');"
                    " link to a page, or use a button for actions",
                )


def normalize_link_text(text: str) -> str:
    """Lower case, single spaces, no punctuation or spaces at either end."""
    text = " ".join(text.lower().split())
    return text.strip(" \t.,;:!?\"'()[]{}<>«»“”‘’…-–—→")


@register
class VagueLinkText(Rule):
    """
    ## What it does
    Reports link text that says nothing out of context, such as "click here", "here",
    "read more", "link" or "this page". The list is `rules/vague-link-text.txt`; a
    project can replace it in its own `rules` folder.

    ## Why it matters
    Screen reader users often list all links of a page and pick one by its text. A list
    of "here, here, read more" tells them nothing (WCAG 2.4.4 Link Purpose).

    ## Example
    ```markdown
    To apply, [click here](apply.md).
    ```

    ## Use instead
    ```markdown
    [Apply for an apprenticeship](apply.md).
    ```
    """

    code = "OA306"
    name = "vague-link-text"
    category = Category.LINKS
    severity = Severity.WARNING
    summary = "Link text that says nothing out of context ('click here', 'read more')."
    wcag = "2.4.4 Link Purpose (In Context) (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        vague = vague_texts(context)
        for link in page.document.links:
            if link.image:
                continue
            if normalize_link_text(link.text) in vague:
                yield Problem(
                    link.start,
                    link.end,
                    f"link text '{link.text}' does not say where it goes;"
                    " describe the destination instead",
                )


def vague_texts(context: RuleContext) -> frozenset[str]:
    memo = context.site.shared.setdefault("vague-link-text", {})
    key = id(context.data)
    if key not in memo:
        words = context.data.word_list(VAGUE_LINK_TEXT_FILE)
        memo[key] = frozenset(normalize_link_text(word) for word in words)
    return memo[key]


def _comparable_target(link: Link, target: Target) -> str:
    """Two hrefs that lead to the same place compare equal (``a.md``, ``./a.md``,
    ``A.md``: a wrongly cased path is OA301's to report, not a second destination)."""
    return _destination(link, target).lower()


def _destination(link: Link, target: Target) -> str:
    if target.kind == "file" and target.path is not None:
        return target.path.as_posix()
    if target.kind in ("missing-file", "missing-url"):
        return target.wanted
    if target.kind == "self":
        return "#"
    href = link.href.strip()
    scheme, host, path, _ = split_url(href)
    if scheme in ("http", "https"):
        return f"{host}{path.rstrip('/')}"
    return href.partition("#")[0]


@register
class AmbiguousLinkText(Rule):
    """
    ## What it does
    Reports a link whose text is the same as an earlier link's on the page, but which
    leads to another page. Links to different sections of one page are fine.

    ## Why it matters
    Readers, and screen reader users who list a page's links, expect the same words to
    lead to the same place. Two "Pricing guide" links to different pages cannot be told
    apart (WCAG 2.4.4 Link Purpose).

    ## Example
    ```markdown
    [Pricing guide](pricing.md) ... [Pricing guide](pricing-2019.md)
    ```

    ## Use instead
    ```markdown
    [Pricing guide](pricing.md) ... [Pricing guide from 2019](pricing-2019.md)
    ```
    """

    code = "OA307"
    name = "ambiguous-link-text"
    category = Category.LINKS
    severity = Severity.WARNING
    summary = "The same link text points to different targets on one page."
    wcag = "2.4.4 Link Purpose (In Context) (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        vague = vague_texts(context)
        first: dict[str, tuple[Link, str]] = {}
        for link, target in _resolved(page, context.site):
            text = normalize_link_text(link.text)
            if link.image or not text or text in vague or target.kind in ("empty", "template"):
                continue
            destination = _comparable_target(link, target)
            if text not in first:
                first[text] = (link, destination)
                continue
            earlier, earlier_destination = first[text]
            if destination != earlier_destination:
                line = page.position(earlier.start)[0]
                yield Problem(
                    link.start,
                    link.end,
                    f"link text '{link.text}' also links to '{earlier.href}' (line {line});"
                    " use different words for different destinations",
                )


@register
class UrlAsLinkText(Rule):
    """
    ## What it does
    Reports a link whose text is a raw web address (`https://...` or `www....`),
    including Markdown autolinks such as `<https://example.org/a/b>`.

    ## Why it matters
    Screen readers read an address character by character, and few readers can tell
    from an address what they will find (WCAG 2.4.4 Link Purpose).

    ## Example
    ```markdown
    Forms are at <https://example.org/forms/2024/apply.pdf>.
    ```

    ## Use instead
    ```markdown
    Download the [apprenticeship application form (PDF)](https://example.org/forms/2024/apply.pdf).
    ```
    """

    code = "OA308"
    name = "url-as-link-text"
    category = Category.LINKS
    severity = Severity.WARNING
    summary = "A raw URL used as link text."
    wcag = "2.4.4 Link Purpose (In Context) (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for link in page.document.links:
            if not link.image and _RAW_URL.match(link.text.strip()):
                yield Problem(
                    link.start,
                    link.end,
                    "link text is a raw web address; screen readers spell it out,"
                    " so say in words where the link goes",
                )


def alt_is_file_name(alt: str, src: str) -> bool:
    """True when ``alt`` is a file name: the image's own, or any ``name.png``."""
    alt = alt.strip()
    if not alt:
        return False
    name = PurePosixPath(unquote(split_url(src)[2] or src)).name
    stem = PurePosixPath(name).stem
    lowered = alt.lower()
    if _IMAGE_FILE.match(alt) or (name and lowered == name.lower()):
        return True
    return bool(stem) and lowered == stem.lower() and bool(_FILE_NAME_CHARS.search(stem))


@register
class AltIsFileName(Rule):
    """
    ## What it does
    Reports an image whose alt text is just a file name: the image's own (`IMG_2041.jpg`,
    `team-photo-2`) or any name ending in an image extension.

    ## Why it matters
    Alt text is what screen reader users hear instead of the image. A file name tells
    them nothing about what the image shows (WCAG 1.1.1 Non-text Content).

    ## Example
    ```markdown
    ![IMG_2041.jpg](IMG_2041.jpg)
    ```

    ## Use instead
    ```markdown
    ![A jeweler setting a stone under a magnifier](IMG_2041.jpg)
    ```
    """

    code = "OA309"
    name = "alt-is-file-name"
    category = Category.LINKS
    severity = Severity.WARNING
    summary = "Image alt text that is just a file name."
    wcag = "1.1.1 Non-text Content (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        for link in page.document.links:
            if link.image and link.alt is not None and alt_is_file_name(link.alt, link.href):
                yield Problem(
                    link.start,
                    link.end,
                    f"alt text '{link.alt.strip()}' is a file name; describe what the image shows",
                )


@register
class OrphanPage(Rule):
    """
    ## What it does
    Reports a page that no other page links to. It runs only when the whole site is
    checked (a partial run cannot know every link). The site's home page is never an
    orphan, and a page with `orphan: true` in its front matter is left alone.

    ## Why it matters
    The published index lists every page, but readers mostly move from page to page. A
    page nothing links to is hard to find and easy to forget when it goes out of date.

    ## Example
    ```markdown
    ---
    title: Pricing your work
    ---
    (no other page links here)
    ```

    ## Use instead
    ```markdown
    In another page: read [how to price your work](pricing.md).
    ```
    """

    code = "OA310"
    name = "orphan-page"
    category = Category.LINKS
    severity = Severity.INFO
    summary = "No other page links to this page (site-wide; 'orphan: true' silences it)."
    site_wide = True
    page_level = True

    def check_site(self, pages: list[Page], context: RuleContext) -> Iterator[tuple[Page, Problem]]:
        site = context.site
        by_path = {site.relative(page.path): page for page in pages}
        if None in by_path or set(by_path) != _checkable_pages(site, context.config):
            return  # only part of the site was checked: incoming links are unknown
        linked: set[PurePosixPath] = set()
        for page in pages:
            own = site.relative(page.path)
            for href in link_destinations(page.body):
                target = resolve(page, href, site)
                if target.kind == "file" and target.path is not None and target.path != own:
                    linked.add(target.path)
        for relative, page in sorted(by_path.items(), key=lambda item: str(item[0])):
            if relative is None or relative in linked or page.meta.get("orphan") is True:
                continue
            if site.urls_of(relative, page.meta)[0] == "/":
                continue
            yield (
                page,
                Problem(
                    0,
                    0,
                    "no other page links to this page; readers can reach it only from the"
                    " site index (add 'orphan: true' to the front matter if that is intended)",
                ),
            )


_DESTINATION = re.compile(
    r"""\]\(\s*<([^>\n]+)>"""  # [text](<a b.md>)
    r"""|\]\(\s*([^)\s]+)"""  # [text](a.md)
    r"""|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]+)>|([^\s<]+))"""  # [ref]: a.md
    r"""|\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",  # <a href="a.html">
    re.MULTILINE | re.IGNORECASE,
)


def link_destinations(body: str) -> list[str]:
    """Link targets found by a quick scan, without parsing the page. Used where missing
    one link costs little (orphan detection needs every page's links, fast)."""
    found = []
    for match in _DESTINATION.finditer(body):
        href = next(group for group in match.groups() if group is not None)
        found.append(html.unescape(href))
    return found


def _checkable_pages(site: Site, config: Config) -> set[PurePosixPath]:
    """The site's pages that a whole-site check reads (the config's exclude globs apply)."""
    from openaccess.discovery import is_excluded

    pages = set(_published_pages(site))
    if not config.exclude:
        return pages
    kept = set()
    for relative in pages:
        try:
            inside = (site.root / relative).relative_to(config.pages_dir).as_posix()
        except ValueError:
            inside = relative.as_posix()
        if not is_excluded(inside, config.exclude):
            kept.add(relative)
    return kept


def _published_pages(site: Site) -> list[PurePosixPath]:
    if site.url_style == "jekyll":
        return [path for path in site.page_files() if not jekyll_hidden(path)]
    return site.page_files()


# -- external links (check --external) ------------------------------------------------------
def external_url(href: str, site: Site) -> str | None:
    """The absolute http(s) URL a link fetches, or None when it is not fetchable."""
    href = href.strip()
    scheme = split_url(href)[0]
    if scheme in ("http", "https"):
        return href
    if href.startswith("//"):
        return "https:" + href
    if href.startswith("/") and site.base_url:
        from urllib.parse import urljoin

        return urljoin(site.base_url, href)
    return None


def _external_problems(pages: list[Page], context: RuleContext) -> list[tuple[Page, str, Problem]]:
    """(page, rule code, problem) for every external link, from one engine run."""
    site = context.site
    if "external-problems" in site.shared:
        return site.shared["external-problems"]
    links: list[tuple[Page, Link, str]] = []
    for page in pages:
        for link, target in _resolved(page, site):
            url = external_url(link.href, site) if target.kind == "external" else None
            if url is not None:
                links.append((page, link, url))
    from urllib.parse import urldefrag

    from openaccess.external import check_external

    results = check_external([url for _, _, url in links], context.config, site)
    problems: list[tuple[Page, str, Problem]] = []
    for page, link, url in links:
        base, fragment = urldefrag(url)
        result = results.get(base)
        if result is None:
            continue
        if result.status in ("broken", "blocked"):
            problems.append(
                (page, "OA320", Problem(link.start, link.end, f"{url}: {result.message}"))
            )
        elif fragment in result.missing_fragments:
            problems.append(
                (
                    page,
                    "OA320",
                    Problem(link.start, link.end, f"{url}: no id '{fragment}' on the page"),
                )
            )
        if result.status == "redirected" and result.permanent and result.final_url:
            new = result.final_url + (f"#{fragment}" if fragment else "")
            fix = _replace_in_link(page, link, link.href.strip(), new, "the address")
            if fix is not None:
                fix = Fix(fix.description, fix.edits, Applicability.SAFE)
            message = f"{url} has moved permanently to {new}; link to the new address"
            problems.append((page, "OA321", Problem(link.start, link.end, message, fix)))
    site.shared["external-problems"] = problems
    return problems


class _ExternalRule(Rule):
    site_wide = True
    volatile = True  # the answer depends on other servers, not only on the pages

    def check_site(self, pages: list[Page], context: RuleContext) -> Iterator[tuple[Page, Problem]]:
        if not context.config.links.external:
            return
        for page, code, problem in _external_problems(pages, context):
            if code == self.code:
                yield page, problem


@register
class ExternalLinkBroken(_ExternalRule):
    """
    ## What it does
    With `check --external` (or `external = true` in `[links]`), fetches every external
    `http(s)` link and reports those that fail: an error status (404, 410, 500...), no
    answer within the timeout, a host that does not exist, too many redirects, or a
    `#fragment` missing on the page (with `check_fragments = true`). Links to loopback,
    private, link-local or multicast addresses are not fetched and are reported too:
    readers outside your network cannot open them either.

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
    link with the new address. Temporary redirects (302, 303, 307) are not reported.

    ## Why it matters
    A moved page works today, but old addresses are dropped sooner or later, and every
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
