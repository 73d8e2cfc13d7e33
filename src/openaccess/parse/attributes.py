"""Attribute lists that set ids: ``{#id}``, ``{: #id .class }``, ``{ #id }``.

Python-Markdown's attr_list, kramdown's inline attribute lists (IALs) and goldmark's
attributes share the braces but not the details; each match records which of those
syntaxes it is written in (:class:`~openaccess.routing.ids.IdSyntax`), so the router can
keep only the ids the site's generator really creates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openaccess.routing.ids import IdSyntax

# A heading's trailing list: Python-Markdown wants spaces before the brace
# (attr_list.py HEADER_RE); kramdown's header id is exactly `{#id}` after a space or tab
# (parser/kramdown/header.rb HEADER_ID); goldmark parses `{...}` ending the line.
_TRAILING = re.compile(r"(?P<list>[ \t]+\{(?P<colon>:?)[ \t]*(?P<body>[^{}\n]*?)[ \t]*\})[ \t]*\Z")
_SIMPLE_ID = re.compile(r"#[^\s{}#.:]+")


@dataclass(frozen=True, slots=True)
class AttributeList:
    text: str  # as written, with the whitespace before the brace
    id: str
    syntax: IdSyntax


def list_id(body: str) -> str | None:
    """The id an attribute list's body sets: its last ``#name`` word."""
    ids = [word[1:] for word in body.split() if word.startswith("#") and len(word) > 1]
    return ids[-1] if ids else None


def trailing_heading_list(content: str) -> AttributeList | None:
    """The attribute list ending a heading's content, when it sets an id."""
    match = _TRAILING.search(content)
    if not match or not (found := list_id(match.group("body"))):
        return None
    simple = not match.group("colon") and _SIMPLE_ID.fullmatch(match.group("body"))
    syntax = IdSyntax.HEADING_ID if simple else IdSyntax.HEADING_ATTRIBUTES
    return AttributeList(match.group("list"), found, syntax)
