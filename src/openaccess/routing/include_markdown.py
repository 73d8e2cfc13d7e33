"""mkdocs-include-markdown-plugin: the files its directives paste into a page.

``{% include-markdown "../README.md" start="<!--intro-->" end="<!--/intro-->" %}`` pastes
a Markdown file, or the parts of it between ``start`` and ``end``, before MkDocs reads
the page: its headings are the page's ids. It rewrites the file's relative Markdown links
to work from the page (``rewrite-relative-urls``, on by default), so they are read from
the included file's folder. ``{% include "file" %}`` pastes any file as it is. Paths are
relative to the including file; a directive may span lines, and the plugin's
``opening_tag`` and ``closing_tag`` change its braces (TRaSH Guides: ``{! ... !}``).
Checked with mkdocs-include-markdown-plugin 7.3 and MkDocs 1.6.1.

Not read: globs, URLs, absolute paths, the ``exclude`` option, a directive that names a
file outside the project, and the folder a nested directive is relative to (read as the
page's).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any

from msgspec import Struct

from openaccess.routing.base import Included

# A directive's arguments are read up to its closing tag, within this many characters.
_MAX_ARGUMENTS = 2000
_QUOTED = r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'"
_ARGUMENT = re.compile(rf"(?<![\w-])(start|end)=(?:{_QUOTED})")
_REWRITE = re.compile(r"(?<![\w-])rewrite[-_]relative[-_]urls=(true|false)\b")
_GLOB = frozenset("*?[")
# Included.part of a directive with ``start`` or ``end``: the two delimiters after it.
_DELIMITED = "\x00"


class IncludeMarkdown(Struct, frozen=True):
    """The plugin as a site's config sets it up."""

    directive: re.Pattern[str]
    rewrites: bool  # rewrite_relative_urls, the default of its include-markdown directives

    def includes(self, text: str, source: PurePosixPath | None, root: Path) -> list[Included]:
        """Every file a directive of ``text`` (the page ``source``, relative to the
        project folder ``root``) pastes in, relative to the project folder."""
        if source is None:
            return []
        found = []
        for match in self.directive.finditer(text):
            written = match.group(2) if match.group(2) is not None else match.group(3)
            path = _file(source, _unescaped(written), root)
            if path is None:
                continue
            markdown = match.group(1) == "include-markdown"
            arguments = match.group(4)
            part = _delimiters(arguments) if markdown else ""
            rewrites = _REWRITE.search(arguments)
            rewritten = markdown and (rewrites.group(1) == "true" if rewrites else self.rewrites)
            links_from = path.parent if rewritten else None
            found.append(Included(match.start(), match.end(), path, part, links_from))
        return found


def read_include_markdown(settings: dict[str, Any] | None) -> IncludeMarkdown | None:
    """The plugin from its options; None when the site does not run it."""
    if settings is None:
        return None
    opening = re.escape(str(settings.get("opening_tag") or "{%"))
    closing = re.escape(str(settings.get("closing_tag") or "%}"))
    directive = re.compile(
        rf"{opening}-?\s*(include-markdown|include)\s+(?:{_QUOTED})"
        rf"((?s:.){{0,{_MAX_ARGUMENTS}}}?)-?{closing}"
    )
    return IncludeMarkdown(directive, settings.get("rewrite_relative_urls") is not False)


def included_part(text: str, part: str) -> str | None:
    """The text of every ``start`` ... ``end`` stretch of an included file, as the plugin
    pastes them; None when ``part`` is no include-markdown part."""
    if not part.startswith(_DELIMITED):
        return None
    start, end = part[1:].split(_DELIMITED, 1)
    if not start:
        cut = text.find(end) if end else -1
        return text[:cut] if cut >= 0 else text
    pieces = []
    position = text.find(start)
    while position >= 0:
        position += len(start)
        stop = text.find(end, position) if end else -1
        pieces.append(text[position : stop if stop >= 0 else len(text)])
        if stop < 0:
            break
        position = text.find(start, stop + len(end))
    return "".join(pieces)


def _delimiters(arguments: str) -> str:
    found = {"start": "", "end": ""}
    for match in _ARGUMENT.finditer(arguments):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        found[match.group(1)] = _unescaped(value)
    if not found["start"] and not found["end"]:
        return ""
    return _DELIMITED + found["start"] + _DELIMITED + found["end"]


def _unescaped(value: str) -> str:
    """A quoted argument as the plugin reads it: ``\\"`` is a quote, and ``\\n`` and
    ``\\t`` a new line and a tab (its Python-style escapes)."""
    escapes = {"n": "\n", "t": "\t"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), value)


def _file(source: PurePosixPath, name: str, root: Path) -> PurePosixPath | None:
    """The file ``name`` relative to the page ``source``, relative to the project folder;
    None for a glob, a URL, an absolute path, or a file outside the project or absent."""
    if not name or name.startswith("/") or "://" in name or _GLOB & set(name):
        return None
    path = posixpath.normpath(posixpath.join(source.parent.as_posix(), name))
    if path == ".." or path.startswith("../"):
        return None
    return PurePosixPath(path) if (root / path).is_file() else None
