"""The allow-list for raw HTML in pages, enforced by nh3 and explained to the writer.

nh3 (Rust's ammonia, an HTML5 parser) does the cleaning; nothing here parses HTML to make
it safe. It runs twice on every page body: :func:`clean` on the writer's HTML before the
tree fix-ups, and :func:`finish` on the final body HTML after them, so no later parse or
transform can change what the sanitizer approved ("sanitize last"). :func:`finish` also
vets rendered bodies read back from the cache, which is untrusted input.

The same allow-list also drives :class:`RemovalReport`, a read-only pass over the
writer's raw HTML that says, with a line number, everything the sanitizer is about to
remove, so nothing a writer meant to show disappears without a word.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import nh3
from msgspec import Struct

from openaccess.parse.htmltokens import LinearHTMLParser, tokenize
from openaccess.publish.alerts import ALERT_CLASSES, ALERT_TITLE_CLASS
from openaccess.source import LineIndex

# Elements a page body may use. Obsolete ones (acronym, center, strike, tt) are kept here
# and renamed to their modern equivalents afterwards, so the writer's text keeps its meaning.
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "blockquote",
        "br", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav",
        "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
    }
)  # fmt: skip
# Removed together with everything inside them (the reader never sees them, or they can
# carry scripts); each removal is reported with what to use instead.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "svg", "math", "template"})
GENERIC_ATTRIBUTES = frozenset({"id", "title", "lang", "dir"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "details": frozenset({"open"}),
    "iframe": frozenset({"src", "title", "width", "height", "allowfullscreen"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Table cell alignment from Markdown, carried as classes because the CSP forbids inline style.
ALIGN_CLASSES = frozenset({"oa-align-left", "oa-align-center", "oa-align-right"})
# What the tree fix-ups add (scroll regions around tables and code): allowed in the final
# pass only, so a writer cannot use them, and only with the values the fix-ups write.
_FIXUP_ATTRIBUTES = {"div": frozenset({"aria-label", "aria-labelledby"})}
_FIXUP_VALUES: dict[str, dict[str, set[str]]] = {"div": {"role": {"region"}, "tabindex": {"0"}}}
_FIXUP_CLASSES = frozenset({"oa-scroll"})  # on div
# Kept by the first pass only, for the fix-ups to turn into what they mean: the old
# ``<a name="x">`` target becomes ``<a id="x">`` (``name`` there is obsolete HTML).
_RENAMED_ATTRIBUTES = {"a": frozenset({"name"})}

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")


def clean(html: str, allow_iframes: bool) -> str:
    """The writer's HTML sanitized: only allow-listed elements, attributes and addresses."""
    return clean_page(html, allow_iframes)[0]


def clean_page(
    html: str, allow_iframes: bool, within_bounds: bool = False
) -> tuple[str, int | None]:
    """:func:`clean`, and the offset in ``html`` of the first tag dropped for nesting
    deeper than :data:`MAX_DEPTH` (None when nothing was). ``within_bounds``: the caller
    vouches that :func:`_bounded` would leave ``html`` as it is, so its token walk, most
    of the work here, is skipped (render does for Markdown without raw HTML)."""
    bounded, too_deep = (html, None) if within_bounds else _bounded(html)
    return _sanitize(bounded, allow_iframes, final=False), too_deep


def finish(html: str, allow_iframes: bool, within_bounds: bool = False) -> str:
    """The final body HTML sanitized again, with the attributes the tree fix-ups add. Safe
    HTML comes out unchanged (a fixpoint), so a cached body that changes was tampered with.
    ``within_bounds`` as for :func:`clean_page`; never for a body read from the cache."""
    return _sanitize(html if within_bounds else _bounded(html)[0], allow_iframes, final=True)


# -- bounding the work of the HTML5 tree builder ------------------------------------------
# An HTML5 tree builder (nh3's html5ever, a browser's) looks down the stack of open
# elements for many tags, so time grows with (tags x nesting depth): 100 KB of unclosed
# <div> then <p> took seconds. Browsers cap the depth (Blink at 512); so does publish. The
# model below over-estimates the builder's stack: it pops an element only where every
# HTML5 parser does (its own end tag with only implied-end elements above it, or a tag
# that implicitly closes the current node), so capping it caps the real depth. Markdown
# without raw HTML is within every bound here by construction: render skips the walk.
MAX_DEPTH = 512
TOO_DEEP = (
    f"HTML nested more than {MAX_DEPTH} elements deep: the deeper tags are dropped (their"
    " text is kept); close the tags you open"
)
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
     "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
)  # fmt: skip
_IMPLIED_END = frozenset({"dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc"})
_CLOSES_P = frozenset(
    {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
     "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
     "h6", "header", "hgroup", "hr", "listing", "main", "menu", "nav", "ol", "p", "pre",
     "search", "section", "summary", "table", "ul", "xmp", "plaintext"}
)  # fmt: skip
_CLOSES_CURRENT = {
    "li": frozenset({"p", "li"}),
    "dd": frozenset({"p", "dd", "dt"}),
    "dt": frozenset({"p", "dd", "dt"}),
    "td": frozenset({"p", "td", "th"}),
    "th": frozenset({"p", "td", "th"}),
    "tr": frozenset({"p", "td", "th", "tr"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
}
# Raw-text elements are never dropped (their text would turn into markup); these three
# are emptied, as browsers never show their content (it could only hide markup).
_RAW_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "title", "textarea", "plaintext"}
)
_NEVER_SHOWN = frozenset({"iframe", "noembed", "noframes"})
_IMPLIED_SCAN = 16  # implied-end elements looked through for an end tag's element
# A published page runs no script, so what a <noscript> holds is what its readers need:
# its tags go and its content stays, read as HTML, as ``check`` reads it. Left to nh3,
# whose parser reads it as a browser running scripts does (as text up to the first
# "</noscript>", even one inside an attribute), it came out as visible markup, or as an
# <img> that check never saw.
_UNWRAPPED = "noscript"


def _bounded(html: str) -> tuple[str, int | None]:
    """``html`` without the start tags nested deeper than :data:`MAX_DEPTH`, without the
    content of iframes and without ``<noscript>`` tags (their content kept: see
    :data:`_UNWRAPPED`); the offset of the first dropped tag (None: none)."""
    stack: list[str] = []
    open_names: Counter[str] = Counter()
    cuts: list[tuple[int, int]] = []
    too_deep: int | None = None
    empty_next = False
    for token in tokenize(html):
        if empty_next and token.kind == "text" and token.raw:
            cuts.append((token.start, token.end))
        empty_next = False
        if token.name == _UNWRAPPED and token.kind in ("start", "end"):
            cuts.append((token.start, token.end))  # see _UNWRAPPED
            continue
        if token.kind == "start":
            name = token.name
            closes = _CLOSES_CURRENT.get(name, _P_ONLY if name in _CLOSES_P else None)
            while closes and stack and stack[-1] in closes:
                open_names[stack.pop()] -= 1
            empty_next = name in _NEVER_SHOWN
            if name in _VOID or name in _RAW_ELEMENTS:
                continue
            if len(stack) >= MAX_DEPTH:
                cuts.append((token.start, token.end))
                too_deep = token.start if too_deep is None else too_deep
                continue
            stack.append(name)
            open_names[name] += 1
        elif token.kind == "end" and open_names[token.name] > 0:
            _close(stack, open_names, token.name)
        elif token.kind == "end" and token.name == "p":
            # A </p> that closes nothing makes an empty paragraph, which publish drops:
            # thousands of them (say after tags dropped for depth) would cost far more.
            cuts.append((token.start, token.end))
    if not cuts:
        return html, None
    kept, position = [], 0
    for start, end in cuts:
        kept.append(html[position:start])
        position = end
    kept.append(html[position:])
    return "".join(kept), too_deep


_P_ONLY = frozenset({"p"})


def nests_as_written(parent: str | None, child: str, void: bool = False) -> bool:
    """Whether :func:`_bounded`'s model keeps ``child``, whose start tag comes right
    inside an open ``parent``, in that parent as a tree does: it closes no element for it
    (``<p>`` then ``<div>``, or then ``<hr>``, closes the ``p``). An element with content
    must also count as one level, as in a tree: not a void or raw-text element;
    ``void``: ``child`` is written as a void element, with no content and no end tag.

    A serialized tree in which every element nests so, no deeper than
    :data:`MAX_DEPTH`, comes out of ``_bounded`` unchanged: each end tag closes the
    current element, and nothing is cut."""
    if not void and (child in _VOID or child in _RAW_ELEMENTS):
        return False
    closes = _CLOSES_CURRENT.get(child, _P_ONLY if child in _CLOSES_P else None)
    return not closes or parent not in closes


def _close(stack: list[str], open_names: Counter[str], name: str) -> None:
    """Pop ``name`` when it is the current node or only implied-end elements are above."""
    index = len(stack) - 1
    lowest = max(index - _IMPLIED_SCAN, -1)
    while index > lowest and stack[index] != name and stack[index] in _IMPLIED_END:
        index -= 1
    if index > lowest and stack[index] == name:
        while len(stack) > index:
            open_names[stack.pop()] -= 1


def _sanitize(html: str, allow_iframes: bool, final: bool) -> str:
    tags = set(ALLOWED_TAGS) | ({"iframe"} if allow_iframes else set())
    attributes = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items() if tag in tags}
    attributes["*"] = set(GENERIC_ATTRIBUTES)
    classes = {
        "th": ALIGN_CLASSES,
        "td": ALIGN_CLASSES,
        "div": ALERT_CLASSES | (_FIXUP_CLASSES if final else frozenset()),
        "p": frozenset({ALERT_TITLE_CLASS}),
    }
    for tag in classes:
        attributes.setdefault(tag, set()).add("class")
    values: dict[str, dict[str, set[str]]] = {}
    if not final:
        for tag, names in _RENAMED_ATTRIBUTES.items():
            attributes.setdefault(tag, set()).update(names)
    if final:
        for tag, names in _FIXUP_ATTRIBUTES.items():
            attributes.setdefault(tag, set()).update(names)
        values = {tag: dict(pairs) for tag, pairs in _FIXUP_VALUES.items()}
    return nh3.clean(
        html,
        tags=tags,
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes=attributes,
        attribute_filter=functools.partial(_attribute_filter, classes),
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        tag_attribute_values=values,
    )


def _attribute_filter(
    classes: dict[str, frozenset[str]], tag: str, name: str, value: str
) -> str | None:
    """Only the classes the site's stylesheet knows, and no empty ``class`` (ammonia's
    own class filter leaves ``class=""`` on a writer's ``<p class="note">``); every
    address attribute (ammonia checks only some: not ``cite``) keeps only the allowed
    schemes; an iframe only an absolute https address."""
    if name == "class":
        known = classes.get(tag, frozenset())  # a tag with no classes of its own: none
        kept = [word for word in value.split() if word in known]
        return " ".join(kept) or None
    if name not in URL_ATTRIBUTES:
        return value
    if tag == "iframe" and name == "src":
        return value if is_https_address(value) else None
    scheme = url_scheme(value)
    return value if scheme is None or scheme in URL_SCHEMES else None


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: tabs and newlines are ignored inside URLs."""
    match = _SCHEME.match(_browser_view(value))
    return match.group(1).lower() if match else None


def is_https_address(value: str) -> bool:
    """An absolute ``https://`` address (iframes load nothing else)."""
    return _browser_view(value).lower().startswith("https://")


def _browser_view(value: str) -> str:
    """An address as a browser reads it: tabs and newlines inside are dropped, and leading
    spaces and control characters too."""
    return _URL_NOISE.sub("", value).lstrip("".join(map(chr, range(0x21))))


class Removal(Struct, frozen=True):
    """Something the sanitizer removes, at ``offset`` in the page text."""

    offset: int
    message: str


_WHY = {
    "script": "scripts never run on published pages",
    "style": "the site's own stylesheet styles every page",
    "svg": 'inline SVG is not published; use <img src="picture.svg" alt="..."> instead',
    "math": "MathML is not published; write the formula as text or an image with alt text",
    "template": "template content is never shown",
    "iframe": "embedded frames are off; set allow_iframes = true under [publish] to keep them",
    "form": "published pages have no forms",
    "input": "published pages have no forms",
    "button": "published pages have no forms",
    "select": "published pages have no forms",
    "textarea": "published pages have no forms",
}
# Attributes removed without a word: they change nothing a reader sees on the published
# site (classes have no rules in its stylesheet; markdown="1" instructs other processors).
_SILENT_ATTRIBUTES = frozenset({"class", "markdown"})
# Void elements off the allow-list: removed without "its text is kept", as they hold none.
_REMOVED_VOID = frozenset(
    {"area", "base", "embed", "input", "link", "meta", "param", "source", "track"}
)


# What an HTML page's own <head> may hold that changes what a reader gets: the site's
# head replaces it, so each is said (a stylesheet it needed, a redirect it made).
_HEAD_WHY = {
    "script": _WHY["script"],
    "style": _WHY["style"],
    "link": "the site's own head links its stylesheet",
    "base": "links are published relative to each page",
    "meta": "published pages never redirect or refresh",
}


def head_removals(head: str, base: int) -> list[Removal]:
    """What the site's own head drops of an HTML page's ``<head>`` (``head``: the text
    up to the start of its body, at ``base`` in the page), and the body tag's own
    attributes (``onload``): ``clean`` only ever sees the body."""
    found: list[Removal] = []
    for token in tokenize(head):
        if token.kind != "start":
            continue
        attrs = {name: value or "" for name, value in token.attrs}
        if token.name == "body":
            for name in attrs:
                if name.startswith("on") or name == "style":
                    message = f"removed attribute '{name}' from <body>: the site's own is published"
                    found.append(Removal(base + token.start, message))
        elif token.name in _HEAD_WHY and _matters(token.name, attrs):
            what = "<meta http-equiv=refresh>" if token.name == "meta" else f"<{token.name}>"
            message = f"removed {what} of the page's <head>: {_HEAD_WHY[token.name]}"
            found.append(Removal(base + token.start, message))
    return found


def _matters(name: str, attrs: dict[str, str]) -> bool:
    """A meta refresh, not a charset; a stylesheet link, not an icon."""
    if name == "meta":
        return attrs.get("http-equiv", "").lower() == "refresh"
    if name == "link":
        return "stylesheet" in attrs.get("rel", "").lower().split()
    return True


class RemovalReport(LinearHTMLParser):
    """Lists what :func:`clean` will remove from one raw HTML fragment, with offsets."""

    def __init__(self, text: str, base: int, allow_iframes: bool) -> None:
        super().__init__()
        self._lines = LineIndex(text)
        self._base = base
        self._tags = ALLOWED_TAGS | ({"iframe"} if allow_iframes else frozenset())
        self.removals: list[Removal] = []
        self._removed_depth = 0  # inside an element removed with its content

    @classmethod
    def scan(cls, text: str, base: int, allow_iframes: bool) -> list[Removal]:
        report = cls(text, base, allow_iframes)
        report.feed(text)
        report.close()
        return report.removals

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._base + self._lines.offset(line, column + 1)

    def _note(self, message: str) -> None:
        self.removals.append(Removal(self._offset(), message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._removed_depth:
            self._removed_depth += tag in REMOVED_WITH_CONTENT
            return
        if tag not in self._tags:
            self._removed_element(tag)
            self._removed_depth += tag in REMOVED_WITH_CONTENT
            return
        allowed = GENERIC_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())
        allowed |= _RENAMED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                self._removed_attribute(tag, name)
            elif tag == "iframe" and name == "src" and not is_https_address(value or ""):
                scheme = url_scheme(value or "")
                what = f"the {scheme}: address" if scheme else "the relative address"
                self._note(
                    f"removed {what} from <iframe src>; embedded frames are published only"
                    " from https addresses"
                )
            elif name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in URL_SCHEMES:
                    self._note(
                        f"removed the {scheme}: address from <{tag} {name}>; only http, https,"
                        " mailto and tel links and addresses within the site are published"
                    )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        depth = self._removed_depth
        self.handle_starttag(tag, attrs)
        self._removed_depth = depth  # a self-closed element has no content to skip

    def handle_endtag(self, tag: str) -> None:
        if self._removed_depth and tag in REMOVED_WITH_CONTENT:
            self._removed_depth -= 1

    def _removed_element(self, tag: str) -> None:
        if tag == _UNWRAPPED:
            self._note(
                f"removed the <{tag}> tag (its content is kept and shown): published pages"
                " run no script"
            )
        elif tag in REMOVED_WITH_CONTENT:
            self._note(f"removed <{tag}> and its content: {_WHY[tag]}")
        elif tag in _WHY:
            self._note(f"removed <{tag}>: {_WHY[tag]}")
        elif tag in _REMOVED_VOID:
            self._note(f"removed <{tag}>: not on the allow-list")
        else:
            self._note(f"removed the <{tag}> tag (its text is kept): not on the allow-list")

    def _removed_attribute(self, tag: str, name: str) -> None:
        if name.startswith("on"):
            why = "event handlers never run on published pages"
        elif name == "style":
            why = "inline styles are blocked; the site's stylesheet styles every page"
        elif name in _SILENT_ATTRIBUTES:
            return
        else:
            why = "not on the allow-list"
        self._note(f"removed attribute '{name}' from <{tag}>: {why}")
