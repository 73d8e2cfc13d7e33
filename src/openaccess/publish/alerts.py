"""GitHub's and DocFX's alerts: a block quote whose first line is ``[!NOTE]`` is a note.

``> [!NOTE]`` then the note's lines: GitHub, DocFX (Microsoft Learn) and Hugo render it
as a box titled "Note", not as a quotation that starts with "[!NOTE]". ``check`` reads
it so already (the marker is no sentence, the note is the writer's own words); publish
renders it as ``<div class="oa-alert oa-alert-note">`` with a title paragraph, from
the tokens ``check`` parsed, so the checked structure is the published one. As DocFX
does, an alert may stand anywhere a block quote may, in a list item too; the marker is
matched in any case and must be alone on its line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from collections.abc import Sequence

KINDS = ("note", "tip", "important", "warning", "caution")
ALERT_CLASSES = frozenset({"oa-alert", *(f"oa-alert-{kind}" for kind in KINDS)})
ALERT_TITLE_CLASS = "oa-alert-title"
_MARKER = re.compile(rf"\[!({'|'.join(KINDS)})\]", re.IGNORECASE)


def with_alerts(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` with each alert's block quote made a titled ``div``; the tokens given
    are left as they are (``check``'s page model shares them)."""
    result: list[Token] = []
    closing: list[bool] = []  # per open block quote: whether it is an alert
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "blockquote_open":
            kind = _alert_kind(tokens, index)
            closing.append(kind is not None)
            if kind is not None:
                result += _opening(token, kind)
                index += _marker_paragraph(tokens, index + 1, result)
                continue
        elif token.type == "blockquote_close" and closing.pop():
            token = _retyped(token, "alert_close", {})
        result.append(token)
        index += 1
    return result


def _alert_kind(tokens: Sequence[Token], index: int) -> str | None:
    """The alert's kind when the block quote at ``index`` opens with a marker line."""
    following = tokens[index + 1 : index + 3]
    if [token.type for token in following] != ["paragraph_open", "inline"]:
        return None
    children = following[1].children or []
    if not children or children[0].type != "text":
        return None
    marker = _MARKER.fullmatch(children[0].content)
    if marker is None or (len(children) > 1 and children[1].type != "softbreak"):
        return None
    return marker.group(1).lower()


def _opening(token: Token, kind: str) -> list[Token]:
    level, words = token.level + 1, kind.capitalize()
    text = Token("text", "", 0, content=words)
    title = Token("inline", "", 0, content=words, level=level + 1, children=[text], block=True)
    return [
        _retyped(token, "alert_open", {"class": f"oa-alert oa-alert-{kind}"}),
        Token(
            "alert_title_open", "p", 1, attrs={"class": ALERT_TITLE_CLASS}, level=level, block=True
        ),
        title,
        Token("alert_title_close", "p", -1, level=level, block=True),
    ]


def _marker_paragraph(tokens: Sequence[Token], index: int, result: list[Token]) -> int:
    """Append the alert's first paragraph without its marker line (nothing when the
    marker was all of it); how many tokens from the block quote's opening were read."""
    opening, inline, closing = tokens[index : index + 3]
    children = inline.children or []
    if len(children) > 1:
        content = inline.content.split("\n", 1)[1]
        result += [opening, inline.copy(content=content, children=children[2:]), closing]
    return 4


def _retyped(token: Token, type_: str, attrs: dict[str, str | int | float]) -> Token:
    return token.copy(type=type_, tag="div", attrs=attrs)
