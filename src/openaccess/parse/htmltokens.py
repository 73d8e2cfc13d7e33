"""Author HTML as tokens with exact source offsets, in time linear in its length.

The standard library's ``html.parser`` and html5lib's tokenizer both take quadratic time
on some inputs a page can hold (``<a `` or ``<!`` repeated thousands of times, tags with
thousands of attributes, long comments), so a single page could hang a check. This
tokenizer follows the HTML5 tokenization rules a browser uses (tags, attributes, comments,
bogus comments, raw text in ``<script>``, ``<style>``, ``<iframe>``, ``<textarea>``...) and
is linear by construction: every step is one anchored regular expression whose pattern
cannot backtrack, or one ``str.find``, and the position only moves forward.

It tokenizes; it does not build a tree or decide what is safe (nh3 does that).
:class:`LinearHTMLParser` offers the callbacks of ``html.parser.HTMLParser`` on top of it,
so outline and report code written for that interface runs unchanged.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator

from msgspec import Struct, field

# Whitespace as the tokenizer sees it (a CR is a line break, so whitespace too).
_SPACE = "\t\n\x0c\r "
_TAG_NAME = re.compile(r"[^\t\n\x0c\r />]*")
_SPACES = re.compile(r"[\t\n\x0c\r ]*")
_SPACES_OR_SLASH = re.compile(r"[\t\n\x0c\r /]*")
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\x0c\r />][^\t\n\x0c\r />=]*")
_UNQUOTED_VALUE = re.compile(r"[^\t\n\x0c\r >]*")
_COMMENT_END = re.compile(r"--!?>")
_REFERENCE = re.compile(r"&(?:#(?:[0-9]+|[xX][0-9a-fA-F]+)|[a-zA-Z][-.a-zA-Z0-9]*);?")
_SCRIPT_MARKS = re.compile(r"<!--(-*>)?|-->|<(/?)script(?=[\t\n\x0c\r />])", re.IGNORECASE)

RAW_TEXT = frozenset({"style", "xmp", "iframe", "noembed", "noframes"})
ESCAPABLE_RAW_TEXT = frozenset({"title", "textarea"})
FOREIGN = frozenset({"svg", "math"})
_END_TAGS = {
    name: re.compile(rf"</{name}(?=[\t\n\x0c\r />])", re.IGNORECASE)
    for name in RAW_TEXT | ESCAPABLE_RAW_TEXT
}
# HTML start tags that end foreign content (SVG or MathML) in a browser.
_BREAKOUT = frozenset(
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt",
        "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
        "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
        "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    }
)  # fmt: skip


class Token(Struct):
    """One token: ``kind`` is ``start``, ``end``, ``text``, ``comment`` or ``other``
    (doctype, bogus comment); ``text[start:end]`` is its exact source."""

    kind: str
    start: int
    end: int
    name: str = ""  # lower-case tag name
    attrs: list[tuple[str, str | None]] = field(default_factory=list)  # first of each name
    self_closing: bool = False
    raw: bool = False  # text inside <script>, <style>, <iframe>...: never markup


def tokenize(text: str) -> Iterator[Token]:
    """Every token of ``text`` in order; the spans cover the text without overlap, except
    what a browser drops (``</>``, a tag cut off by the end of the text)."""
    position, length = 0, len(text)
    foreign = 0
    while position < length:
        less = text.find("<", position)
        if less < 0:
            yield Token("text", position, length)
            return
        if less > position:
            yield Token("text", position, less)
        token = _markup(text, less)
        if token is None:  # a "<" that starts nothing: text
            yield Token("text", less, less + 1)
            position = less + 1
            continue
        if token.end > token.start:
            yield token
        position = max(token.end, less + 1)
        if token.kind == "start":
            foreign = _foreign_depth(foreign, token)
            if not foreign and not token.self_closing:
                raw_end = _raw_text_end(text, position, token.name)
                if raw_end is not None:
                    if raw_end > position:
                        yield Token("text", position, raw_end, raw=True)
                    position = raw_end
        elif token.kind == "end" and token.name in FOREIGN and foreign:
            foreign -= 1


def _foreign_depth(depth: int, token: Token) -> int:
    if token.name in FOREIGN and not token.self_closing:
        return depth + 1
    if depth and token.name in _BREAKOUT:
        return 0
    return depth


def _markup(text: str, at: int) -> Token | None:
    """The token that starts with the ``<`` at ``at``, or None when it is text."""
    following = text[at + 1 : at + 2]
    if following.isascii() and following.isalpha():
        return _tag(text, at, at + 1, "start")
    if following == "/":
        after = text[at + 2 : at + 3]
        if after.isascii() and after.isalpha():
            return _tag(text, at, at + 2, "end")
        if after == ">":
            return Token("other", at, at + 3)  # "</>": dropped by browsers
        if not after:
            return None
        return _bogus(text, at)
    if following == "!":
        if text.startswith("<!--", at):
            return _comment(text, at)
        return _bogus(text, at)
    if following == "?":
        return _bogus(text, at)
    return None


def _comment(text: str, at: int) -> Token:
    body = at + 4
    for empty in (">", "->"):  # "<!-->" and "<!--->" are complete, empty comments
        if text.startswith(empty, body):
            return Token("comment", at, body + len(empty))
    found = _COMMENT_END.search(text, body)
    return Token("comment", at, found.end() if found else len(text))


def _bogus(text: str, at: int) -> Token:
    close = text.find(">", at + 2)
    return Token("other", at, close + 1 if close >= 0 else len(text))


def _tag(text: str, at: int, name_start: int, kind: str) -> Token:
    """A start or end tag. When the text ends inside it, browsers drop it and everything
    after it: the token is then ``other`` and runs to the end."""
    name_end = _TAG_NAME.match(text, name_start).end()
    token = Token(kind, at, at, text[name_start:name_end].lower().replace("\x00", "\ufffd"))
    seen: set[str] = set()
    position = name_end
    length = len(text)
    cut_off = Token("other", at, length)
    while True:
        skipped = _SPACES_OR_SLASH.match(text, position)
        position = skipped.end()
        if position >= length:
            return cut_off
        if text[position] == ">":
            token.self_closing = position > skipped.start() and text[position - 1] == "/"
            token.end = position + 1
            return token
        name_match = _ATTRIBUTE_NAME.match(text, position)
        name = name_match.group().lower()
        position = _SPACES.match(text, name_match.end()).end()
        value: str | None = None
        if text.startswith("=", position):
            position = _SPACES.match(text, position + 1).end()
            quote = text[position : position + 1]
            if quote in ('"', "'"):
                close = text.find(quote, position + 1)
                if close < 0:
                    return cut_off
                value = text[position + 1 : close]
                position = close + 1
            else:
                value_end = _UNQUOTED_VALUE.match(text, position).end()
                value = text[position:value_end]
                position = value_end
        if name not in seen:  # the first of two same-named attributes wins
            seen.add(name)
            token.attrs.append((name, html.unescape(value) if value else value))


def _raw_text_end(text: str, start: int, name: str) -> int | None:
    """Where the raw text after a ``<name>`` start tag ends (at its end tag), or None when
    ``name`` holds markup. ``<plaintext>`` runs to the end of the text."""
    if name == "script":
        return _script_end(text, start)
    if name in _END_TAGS:
        found = _END_TAGS[name].search(text, start)
        return found.start() if found else len(text)
    if name == "plaintext":
        return len(text)
    return None


def _script_end(text: str, start: int) -> int:
    """The ``</script`` that ends a script, honouring the escape states browsers use for
    ``<!-- <script> ... </script> -->`` inside scripts."""
    state = "data"
    for mark in _SCRIPT_MARKS.finditer(text, start):
        token = mark.group()
        if token.startswith("<!--"):
            if state == "data" and mark.group(1) is None:
                state = "escaped"
        elif token == "-->":
            state = "data"
        elif mark.group(2):  # </script
            if state == "double":
                state = "escaped"
            else:
                return mark.start()
        elif state == "escaped":  # <script inside an escaped section
            state = "double"
    return len(text)


class LinearHTMLParser:
    """The callback interface of ``html.parser.HTMLParser`` (with ``convert_charrefs``
    off), driven by :func:`tokenize`: subclasses get ``handle_starttag``,
    ``handle_startendtag``, ``handle_endtag``, ``handle_data``, ``handle_entityref`` and
    ``handle_charref`` calls, and :meth:`getpos` and :meth:`get_starttag_text` while
    handling them. Text passed to ``handle_data`` is the exact source."""

    def __init__(self) -> None:
        self._fed: list[str] = []
        self._fed_text = ""
        self._current: Token | None = None
        self._line_starts: list[int] = []  # computed on the first getpos()

    def feed(self, data: str) -> None:
        self._fed.append(data)

    def close(self) -> None:
        self._fed_text = source = "".join(self._fed)
        self._fed = []
        self._line_starts = []
        for token in tokenize(source):
            self._current = token
            if token.kind == "text":
                self._emit_text(token)
            elif token.kind == "start":
                if token.self_closing:
                    self.handle_startendtag(token.name, token.attrs)
                else:
                    self.handle_starttag(token.name, token.attrs)
            elif token.kind == "end":
                self.handle_endtag(token.name)
        self._current = None

    def _emit_text(self, token: Token) -> None:
        source = self._fed_text
        if token.raw or "&" not in source[token.start : token.end]:
            self.handle_data(source[token.start : token.end])
            return
        position = token.start
        for reference in _REFERENCE.finditer(source, token.start, token.end):
            if html.unescape(reference.group()) == reference.group():
                continue  # "&A" names no character: it is text, as browsers show it
            if reference.start() > position:
                self._emit_data(position, reference.start())
            self._current = Token("text", reference.start(), reference.end())
            body = reference.group().strip("&;")
            if body.startswith("#"):
                self.handle_charref(body[1:])
            else:
                self.handle_entityref(body)
            position = reference.end()
        if position < token.end:
            self._emit_data(position, token.end)

    def _emit_data(self, start: int, end: int) -> None:
        self._current = Token("text", start, end)
        self.handle_data(self._fed_text[start:end])

    def getpos(self) -> tuple[int, int]:
        """(line, column) where the current token starts; lines end at LF, as
        ``html.parser`` counts them (line 1, column 0 first)."""
        if not self._line_starts:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self._fed_text))]
        offset = self._current.start if self._current is not None else len(self._fed_text)
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1]

    def get_starttag_text(self) -> str | None:
        token = self._current
        if token is None or token.kind != "start":
            return None
        return self._fed_text[token.start : token.end]

    # -- callbacks (subclasses override what they need) ---------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        pass

    def handle_data(self, data: str) -> None:
        pass

    def handle_entityref(self, name: str) -> None:
        self.handle_data(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.handle_data(html.unescape(f"&#{name};"))
