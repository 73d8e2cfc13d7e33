"""Files published as they are, vetted for script a browser would run.

Pages go through the sanitizer; other files are copied byte for byte: images, a Hugo
``static/`` folder, files next to the pages. Most are inert, but a browser runs script in
some of them when it opens them at the site's own address: an SVG image, an HTML or XHTML
file, an XML file with a stylesheet instruction. A pull request that adds one would put
script on the site's origin. So each such file is read (linear in its size, with the
HTML5 tokenizer) and is not published when it holds script or a way to run it: a
``<script>``, a frame or plug-in element, an ``on...`` event attribute, a
``javascript:`` address, an ``xml-stylesheet`` instruction. The writer gets an error
naming the file and the reason.

This refuses; it does not repair. An SVG drawn by a tool has none of these, and one that
has them is better fixed at its source than silently changed.
"""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

from msgspec import Struct, field

from openaccess.parse.htmltokens import tokenize

# File types a browser renders as documents that can run script (by their suffix, as a
# static host serves them).
ACTIVE_SUFFIXES = frozenset(
    {".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".svg", ".svgz", ".xml",
     ".xsl", ".xslt"}
)  # fmt: skip
# Elements that run script or load another document or plug-in into this one.
_ACTIVE_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
     "foreignobject", "handler", "listener"}
)  # fmt: skip
# Addresses that run script where they are followed. A data: image, SVG too, runs none:
# an <image> never runs script, and browsers open no data: address as a page.
_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_CSS_SCRIPT = ("expression(", "javascript:", "-moz-binding", "behavior:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class ActiveContentScan(Struct):
    """Why each published-as-is file may not be published (None: it may), read once per
    file version: ``serve`` asks again after every edit."""

    max_bytes: int
    _known: dict[tuple[str, int, int], str | None] = field(default_factory=dict)

    def refusal(self, path: Path) -> str | None:
        if path.suffix.lower() not in ACTIVE_SUFFIXES:
            return None
        try:
            status = path.stat()
        except OSError:
            return None  # the copy reports it
        key = (str(path), status.st_mtime_ns, status.st_size)
        if key not in self._known:
            self._known[key] = self._read(path)
        return self._known[key]

    def _read(self, path: Path) -> str | None:
        try:
            with (gzip.open if path.suffix.lower() == ".svgz" else open)(path, "rb") as file:
                data = file.read(self.max_bytes + 1)
        except (OSError, EOFError, gzip.BadGzipFile):
            return "it cannot be read to look for script"
        if len(data) > self.max_bytes:
            return f"it is larger than max_file_size ({self.max_bytes} bytes) to look for script"
        return active_content(data.decode("utf-8", errors="replace"))


def active_content(text: str) -> str | None:
    """What in a document a browser would run script from, or None."""
    in_style = False
    for token in tokenize(text):
        if token.kind == "other" and text.startswith("<?xml-stylesheet", token.start):
            return "an xml-stylesheet instruction (its XSLT can run script)"
        if token.kind == "text" and in_style and _css_script(_seen(text[token.start : token.end])):
            return "a stylesheet that runs script"
        if token.kind == "start":
            in_style = token.name == "style"
            if found := _active_tag(token.name, token.attrs):
                return found
        elif token.kind == "end":
            in_style = False
    return None


def _active_tag(name: str, attrs: list[tuple[str, str | None]]) -> str | None:
    local = name.rpartition(":")[2]  # <svg:script> in a namespace is a script too
    if local in _ACTIVE_ELEMENTS:
        return f"a <{name}> element"
    for attribute, value in attrs:
        attribute_local = attribute.rpartition(":")[2]
        if attribute_local.startswith("on"):
            return f"an event attribute ({attribute})"
        seen = _seen(value or "")
        if any(scheme in seen for scheme in _SCHEMES):
            return f"a script address in {attribute}"
        if attribute_local == "style" and _css_script(seen):
            return "a style attribute that runs script"
    return None


def _seen(text: str) -> str:
    """``text`` as a browser reads it for a scheme or a CSS keyword: character references
    decoded, controls and spaces gone, lower case (``&#106;ava&#x09;script:``)."""
    return _INVISIBLE.sub("", html.unescape(text)).lower()


def _css_script(seen: str) -> bool:
    return any(mark in seen for mark in _CSS_SCRIPT)
