"""The allow-list for raw HTML in pages, enforced by nh3 and explained to the writer.

nh3 (Rust's ammonia) does the cleaning; nothing here parses HTML to make it safe. The same
allow-list also drives :class:`RemovalReport`, a read-only pass over the writer's raw HTML
that says, with a line number, everything the sanitizer is about to remove, so nothing a
writer meant to show disappears without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

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

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")


def clean(html: str, allow_iframes: bool) -> str:
    """The sanitized fragment: only allow-listed elements, attributes and URL schemes."""
    tags = set(ALLOWED_TAGS) | ({"iframe"} if allow_iframes else set())
    attributes = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items() if tag in tags}
    attributes["*"] = set(GENERIC_ATTRIBUTES)
    return nh3.clean(
        html,
        tags=tags,
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes=attributes,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        allowed_classes={"th": set(ALIGN_CLASSES), "td": set(ALIGN_CLASSES)},
    )


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: tabs and newlines are ignored inside URLs."""
    match = _SCHEME.match(_URL_NOISE.sub("", value).lstrip("\x00\x01\x02\x03 \x0c\x0b"))
    return match.group(1).lower() if match else None


@dataclass(frozen=True)
class Removal:
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
_VOID = frozenset({"area", "base", "embed", "input", "link", "meta", "param", "source", "track"})


class RemovalReport(HTMLParser):
    """Lists what :func:`clean` will remove from one raw HTML fragment, with offsets."""

    def __init__(self, text: str, base: int, allow_iframes: bool) -> None:
        super().__init__(convert_charrefs=True)
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
        for name, value in attrs:
            if name not in allowed:
                self._removed_attribute(tag, name)
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
        if tag in REMOVED_WITH_CONTENT:
            self._note(f"removed <{tag}> and its content: {_WHY[tag]}")
        elif tag in _WHY:
            self._note(f"removed <{tag}>: {_WHY[tag]}")
        elif tag in _VOID:
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
