"""How links read: empty links (OA304), ``javascript:`` links (OA305), vague link text
(OA306), one text for two destinations (OA307), addresses as link text (OA308), file
names as alt text (OA309)."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from msgspec import Struct

from openaccess.diagnostics import Category, Problem, Severity
from openaccess.page import PAGE_SUFFIXES
from openaccess.ruledata import VAGUE_LINK_TEXT_FILE
from openaccess.rules.base import Rule, RuleContext, register
from openaccess.rules.links.local import described

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from openaccess.document import Link
    from openaccess.page import Page
    from openaccess.routing.router import Target

_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
_SCRIPT_SCHEME = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)
_RAW_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# Hosts of the reader's own machine: "open http://127.0.0.1:8000/docs" is what to type.
_OWN_MACHINE = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})
_IMAGE_FILE = re.compile(
    r"^[^\s/]+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?|ico|heic)$", re.IGNORECASE
)
_FILE_NAME_CHARS = re.compile(r"[-_\d]")


@register
class EmptyLink(Rule):
    """
    ## What it does
    Reports a link with an empty address (`[text]()`, `<a href="">`), a link to just
    `#`, and an image with an empty source. mkdocs-autorefs documents `[](){#note}` to
    mark a place. But that still builds an empty link, so the message asks to give the id
    to the heading or paragraph instead. Links in raw HTML marked ``data-proofer-ignore``
    (html-proofer's mark for a sample whose links go nowhere on purpose) are left alone.

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
            if link.proofer_ignored:
                continue  # a sample's link, going nowhere on purpose
            if link.image and not href:
                yield Problem(link.start, link.end, "image has no source (empty src)")
            elif not link.image and not href:
                yield Problem(link.start, link.end, _no_address(page, link))
            elif not link.image and href == "#":
                yield Problem(
                    link.start, link.end, "link goes to '#' (the top of this page), not anywhere"
                )


# An attribute list with an id right after a link: `[](){#pattern-note}` (short: linear).
_ID_AFTER = re.compile(r"\{:?[^}\n#]{0,200}#([\w.:-]+)[^}\n]{0,200}\}")


def _no_address(page: Page, link: Link) -> str:
    """The message for a link with no address. ``[](){#id}``, a link with no text and an
    id, marks a place to link to (mkdocs-autorefs documents it), but the page still gets
    an empty link, a stop for the keyboard with nothing to read."""
    marked = _ID_AFTER.match(page.text, link.end) if not link.text.strip() else None
    if marked is None:
        return "link has an empty address; it goes nowhere"
    return (
        f"empty link that only marks '#{marked.group(1)}': keyboards still stop on it, with"
        " nothing to read; give that id to the heading or paragraph instead"
    )


def is_javascript_url(href: str) -> bool:
    """True for ``javascript:`` URLs however they are disguised: character references,
    upper case, and the spaces, tabs and line breaks browsers ignore."""
    if ":" not in href and "&" not in href:
        return False  # no colon, and no character reference that could make one
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
    A `javascript:` link is not a link. It does nothing without JavaScript, and cannot be
    opened in a new tab or bookmarked. It is also a common way to smuggle scripts into
    pages. Use a real address, or a button for actions.

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
                    f"{described(link)} address runs JavaScript ('javascript:');"
                    " link to a page, or use a button for actions",
                )


# Characters that show nothing (zero-width spaces and joiners, soft hyphens) or reorder
# what is shown (bidirectional overrides): "\u200bclick here" must still read as vague.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def visible_text(text: str) -> str:
    """``text`` as a reader sees it: without invisible and direction-changing characters."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def normalize_link_text(text: str) -> str:
    """Lower case, single spaces, no punctuation or spaces at either end, nothing invisible."""
    text = " ".join(visible_text(text).lower().split())
    return text.strip(" \t.,;:!?\"'()[]{}<>«»“”‘’…-–—→")


@register
class VagueLinkText(Rule):
    """
    ## What it does
    Reports link text that says nothing out of context, such as "click here", "here",
    "read more", "link" or "this page". The list is `rules/vague-link-text.txt`; a
    project can replace it in its own `rules` folder. Link text written as code
    (``[`Continue`](...)``) is a keyword or value named on purpose, not a vague phrase.

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
            if link.image or link.code:
                continue
            if normalize_link_text(link.text) in vague:
                yield Problem(
                    link.start,
                    link.end,
                    f"link text '{link.text}' does not say where it goes;"
                    " describe the destination instead",
                )


class VagueTexts(frozenset[str]):
    """The vague link texts of the run's word list, normalised once per run."""


def vague_texts(context: RuleContext) -> frozenset[str]:
    def read(_site: object) -> VagueTexts:
        return VagueTexts(map(normalize_link_text, context.data.word_list(VAGUE_LINK_TEXT_FILE)))

    return context.site.shared(VagueTexts, read)


# Redirect services: where their links lead is only known online, so OA307 never counts
# them as another destination (go.microsoft.com/fwlink?LinkID=113216 is a help page that
# may well be the one linked next to it).
_REDIRECT_HOSTS = frozenset({
    "go.microsoft.com", "aka.ms", "bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly",
    "lnkd.in", "buff.ly", "is.gd", "rebrand.ly",
})  # fmt: skip
_INDEX_PAGE = re.compile(r"/(?:index|default)\.html?$", re.IGNORECASE)


class Destination(Struct, frozen=True):
    """Where a link leads, for comparing two links: ``key`` is equal for the same place
    reached through two URL forms (``a.md``, ``./a.md``, ``/a/``, the full address;
    ``http://www.x.org/`` and ``https://x.org/index.html``). ``name`` is the last path
    segment of a page (its file's stem) or of a site address that serves nothing here:
    a Microsoft Learn or Hugo address (``/powershell/module/cimcmdlets/get-cimsession``)
    names the page file (``Get-CimSession.md``) it is published from, on a site whose
    other pages this repository does not hold."""

    key: str
    name: str = ""
    site_path: bool = False  # a site address that serves nothing in this build
    known: bool = True  # False: a redirect service, never compared

    def same_as(self, other: Destination) -> bool:
        # Equal keys, or the site address of the page the other link names by its file.
        return self.key == other.key or (
            self.site_path != other.site_path and bool(self.name) and self.name == other.name
        )


def _destination(link: Link, target: Target) -> Destination:
    """Where a link leads: the address the router resolved, the file or address it looked
    for, else the link as written (a web address normalised), without its fragment."""
    if target.kind == "found" and target.output is not None:
        # By its source file when it has one, so a link that misses it only by letter
        # case (OA301's finding) is not also a second destination.
        key = (target.path.as_posix() if target.path is not None else target.output.url).lower()
        return Destination(key, _page_name(key.rstrip("/")))
    if target.kind in ("missing-file", "missing-url"):  # a file name, or a site address
        wanted = target.wanted.lower().rstrip("/")
        return Destination(wanted, _page_name(wanted), site_path=target.kind == "missing-url")
    if target.kind == "self":
        return Destination("#")
    href = link.href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return Destination(href.partition("#")[0])
    if parts.scheme.lower() in ("http", "https"):
        host = (parts.hostname or "").lower().removeprefix("www.")
        path = _INDEX_PAGE.sub("/", parts.path).rstrip("/").lower()
        key = f"{host}{path}" + (f"?{parts.query}" if parts.query else "")
        return Destination(key, known=host not in _REDIRECT_HOSTS)
    return Destination(href.partition("#")[0])


def _page_name(path: str) -> str:
    """The last segment of a path, without a page file's suffix (``about_types.ps1xml``)."""
    name = posixpath.basename(path)
    suffix = posixpath.splitext(name)[1]
    return name[: -len(suffix)] if suffix in PAGE_SUFFIXES else name


@register
class AmbiguousLinkText(Rule):
    """
    ## What it does
    Reports a link whose text is the same as an earlier link's on the page, but which
    leads to another page. Destinations are compared after resolving the links the way
    the site is built. So one page reached through two URL forms is one destination. Such
    forms are a file path and its published address, ``http`` and ``https``, ``www.`` or
    not, and a trailing ``/`` or ``index.html``.

    Links to different sections of one page are fine. So is link text written as code
    (``[`-Force`](...)``): the name of a parameter or an element, which several commands
    or files may share. So is one name written like code without backticks, when both
    addresses name it: in a ``#section``, or within a longer page name. ``ToString``
    may lead to ``#tostring`` and to ``System.Enum.ToString``, and ``PropertyName`` to
    the pages of two elements of that name. A name like this has an inner capital or
    joins words with ``-``, ``_`` or ``.``, so plain words such as "docs" never count.
    Two pages named just the text still do: ``PowerShell`` for a repository and for
    documentation is a brand. A link through a redirect service (``aka.ms``,
    ``go.microsoft.com/fwlink``, ``bit.ly``...) is never counted, since only the web
    knows where it leads.

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
        # The first link of each text; its destination is worked out only when another
        # link has the same text (most texts are used once), and then kept.
        first: dict[str, tuple[Link, Target, Destination | None]] = {}
        for link, target in context.site.targets(page):
            text = normalize_link_text(link.text)
            if link.image or link.code or not text or text in vague:
                continue
            if target.kind in ("empty", "unchecked"):
                continue
            if text not in first:
                first[text] = (link, target, None)
                continue
            destination = _destination(link, target)
            if not destination.known:
                continue
            earlier, earlier_target, earlier_destination = first[text]
            if earlier_destination is None:
                earlier_destination = _destination(earlier, earlier_target)
                first[text] = (earlier, earlier_target, earlier_destination)
            if not earlier_destination.known:  # never compared: this link comes first
                first[text] = (link, target, destination)
                continue
            if not destination.same_as(earlier_destination) and not _one_name_for_both(
                link.text, earlier.href, link.href
            ):
                line = page.position(earlier.start)[0]
                yield Problem(
                    link.start,
                    link.end,
                    f"link text '{link.text}' also links to '{earlier.href}' (line {line}):"
                    " if both links are right, use different words for different destinations",
                )


# A name as code spells it, written without backticks: an inner capital (ToString,
# PropertyName) or parts joined by "-", "_" or "." (Get-Help, about_Types, System.Text).
_IDENTIFIER = re.compile(r"-{0,2}[^\W_]+(?:[-_.][^\W_]+)*")
_CODE_SHAPE = re.compile(r"[a-z][A-Z]|[^\W_][-_.][^\W_]")
_NAME_PARTS = re.compile(r"[^\W_]+")


def _one_name_for_both(text: str, first: str, second: str) -> bool:
    """Whether ``text`` is one identifier that both addresses name, such as ``ToString``
    for ``#tostring`` and ``xref:System.Enum.ToString``: the text then names what both
    pages describe (a member, an element in two parents, a command), as code-formatted
    text does, and there are no better words for it. Plain words ("docs", "Download")
    never count: two pages named "docs" may well be two projects' docs. Neither does a
    page named just the text: ``PowerShell`` for a project's repository and for its
    documentation is a brand, and ``Get-Help`` for a section and for the cmdlet's page
    leaves the reader two links of one name."""
    text = visible_text(text).strip()
    if not _IDENTIFIER.fullmatch(text) or not _CODE_SHAPE.search(text):
        return False
    words = _NAME_PARTS.findall(text.lower())
    return _names(first, words) and _names(second, words)


def _names(href: str, words: list[str]) -> bool:
    """Whether ``href``'s fragment holds ``words``, a name's words, one after another,
    or its page name (its path's last segment, a page file without its suffix) holds
    them among more words: ``#tostring``, ``System.Enum.ToString``,
    ``propertyname-element-for-wideitem``."""
    try:
        address = urlsplit(href.strip())
    except ValueError:
        return False
    parts = f" {' '.join(words)} "
    fragment = _NAME_PARTS.findall(unquote(address.fragment).lower())
    page = _NAME_PARTS.findall(_page_name(unquote(address.path).rstrip("/").lower()))
    return parts in f" {' '.join(fragment)} " or (
        len(page) > len(words) and parts in f" {' '.join(page)} "
    )


@register
class UrlAsLinkText(Rule):
    """
    ## What it does
    Reports a link whose text is a raw web address (`https://...` or `www....`),
    including Markdown autolinks such as `<https://example.org/a/b>`.

    It leaves alone a link to the reader's own machine that shows its address
    (`http://localhost:8000/docs`): in a tutorial, that is what to type. It also leaves
    alone an address written as code (``[`https://x.org/contribute`](...)``): the page
    shows that address on purpose, as an example of its form.

    The same goes for an address that is itself the content. One is an address the page
    tells the reader to open ("Open https://github.com/codespaces in your browser"). The
    other is an address listed as a value after a short label (`` - `LTS`: https://... ``).
    The reader must type or use that address, so words alone would hide it. An address
    after "see" is a stand-in for words, and this rule still reports it.

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
            text = visible_text(link.text).strip()
            if link.image or link.code or not _RAW_URL.match(text):
                continue
            if _on_own_machine(text) and _on_own_machine(link.href):
                continue
            if not _address_is_content(page.text, link.start, link.end):
                yield Problem(
                    link.start,
                    link.end,
                    "link text is a raw web address; screen readers spell it out,"
                    " so say in words where the link goes",
                )


# An instruction to go to the address: "Open https://github.com/codespaces in your browser".
_GO_TO = re.compile(r"\b(?:open|go to|navigate to|browse to|your browser (?:at|to))$", re.I)
# A list item that gives a label its address: "- `LTS`: https://aka.ms/pwsh-buildinfo-lts".
# The label is a name of up to three words, not a sentence ("For details, see:").
_LABEL_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\S{1,40}[ \t]){0,2}\S{1,40}:[ \t]*")
_SEE = re.compile(r"\bsee\b", re.IGNORECASE)
_ITEM_END = re.compile(r"[ \t]*[.;,]?[ \t]*(?:\r?\n|\r|$)")
_LOOK_BACK = 100  # characters: an instruction or a label is a few words


def _address_is_content(text: str, start: int, end: int) -> bool:
    """Whether the page gives the address as content, not in place of words for where it
    leads: it tells the reader to open it, or lists it as a label's value. A reader must
    type or use that address; words for the destination would hide it."""
    before = text[max(0, start - _LOOK_BACK) : start]
    if _GO_TO.search(" ".join(before.split())):
        return True
    line_start = before.rfind("\n") + 1
    if line_start == 0 and start > _LOOK_BACK:
        return False  # a long line: no short label before the address
    label = before[line_start:]
    if "," in label or _SEE.search(label):
        return False  # "- For details, see: https://...": a sentence, not a label
    return bool(_LABEL_ITEM.fullmatch(before, line_start)) and bool(_ITEM_END.match(text, end))


def _on_own_machine(address: str) -> bool:
    """Whether ``address`` names the reader's own machine: localhost, or a loopback IP."""
    import ipaddress

    try:
        host = urlsplit(address).hostname
    except ValueError:
        return False
    if host is None:
        return False
    if host in _OWN_MACHINE or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def alt_is_file_name(alt: str, src: str) -> bool:
    """True when ``alt`` is a file name: the image's own, or any ``name.png``."""
    alt = alt.strip()
    if not alt:
        return False
    name = PurePosixPath(unquote(_url_path(src))).name
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


def _url_path(src: str) -> str:
    try:
        return urlsplit(src.strip()).path or src
    except ValueError:
        return src
