"""Heading ids exactly as each site generator makes them.

A ``#fragment`` works when the built page has an element with that id, so ``check`` must
name headings the way the site's generator does, character for character. Each algorithm
below follows one upstream implementation, named with the file and version that was read;
``tests/test_heading_ids.py`` compares them with ids the real generators produced for real
headings in a dozen scripts (``tools/build_heading_id_table.py`` rebuilds that table).

The generators disagree on more than the character rule: on which text is slugged
(rendered text, or the raw Markdown line as Hugo does), on the suffix for repeats (``-1``
or ``_1``), on whether an explicit ``{#id}`` takes part in that count, and on which
attribute syntaxes they honour at all. :class:`IdSyntax` names those syntaxes so the
router can say what a site's generator supports; the default honours all of them, the
forgiving behaviour for sites whose generator is unknown.

Use :func:`page_ids` for every id of a page (headings, attribute lists, raw HTML,
footnotes), :func:`ids_for` for its headings alone, and :func:`get_algorithm` (or
:data:`ALGORITHMS`) to pick an algorithm by the name a site's configuration uses.
"""

from __future__ import annotations

import bisect
import enum
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from fnmatch import fnmatchcase
from functools import cache, partial
from importlib import resources
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote

from msgspec import Struct
from msgspec.structs import replace

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from openaccess.document import Document, Footnote, Heading, HeadingPart, Term


class IdSyntax(enum.Flag):
    """Ways a page can set an id besides a heading's own text; generators honour some.

    The parser records every candidate (``Document.anchors``) with the syntaxes it is
    written in; an id exists on the built page when the generator honours one of them.
    """

    NONE = 0
    HEADING_ID = enum.auto()  # ## Title {#id}   (kramdown, goldmark, Python-Markdown attr_list)
    HEADING_ATTRIBUTES = enum.auto()  # ## Title {: #id .class } / { #id } / {.class #id}
    ATTR_LIST = enum.auto()  # Python-Markdown attr_list on paragraphs, list items, images...
    KRAMDOWN_IAL = enum.auto()  # kramdown {: #id} block and span inline attribute lists
    BLOCK_ATTRIBUTES = enum.auto()  # goldmark {#id} line after a block (Hugo attribute.block)
    RAW_HTML = enum.auto()  # id="..." and <a name="..."> in raw HTML
    FOOTNOTES = enum.auto()  # footnote and footnote-reference ids
    # ```{ .sh #id } on a code fence (Python-Markdown fenced_code, pymdownx.superfences)
    FENCE_ATTRIBUTES = enum.auto()
    # ## Title{#id}, with no space before the brace (goldmark only)
    TIGHT_HEADING_ATTRIBUTES = enum.auto()
    # id="x" on a tag Python-Markdown's md_in_html reads (<div id="x" markdown>): an element
    # of its tree, so toc's duplicate rule counts it
    MD_IN_HTML = enum.auto()
    # :smile:{#id}: attr_list puts it on the <img> or <span> pymdownx.emoji makes
    EMOJI_ATTRIBUTES = enum.auto()
    FORGIVING = (
        HEADING_ID
        | HEADING_ATTRIBUTES
        | TIGHT_HEADING_ATTRIBUTES
        | ATTR_LIST
        | KRAMDOWN_IAL
        | BLOCK_ATTRIBUTES
        | RAW_HTML
        | FOOTNOTES
        | FENCE_ATTRIBUTES
        | MD_IN_HTML
        | EMOJI_ATTRIBUTES
    )


# What each generator honours in its usual configuration; the router narrows or widens
# these from the site's own settings (Hugo's attribute.block and renderer.unsafe, say).
GENERATOR_SYNTAX: dict[str, IdSyntax] = {
    # GitHub.com: no attribute lists; raw HTML ids (prefixed user-content-, which GitHub's
    # script resolves) and cmark-gfm footnotes.
    "github": IdSyntax.RAW_HTML | IdSyntax.FOOTNOTES,
    # openaccess publish: {#id} on headings, raw HTML ids; no footnotes.
    "publish": IdSyntax.HEADING_ID | IdSyntax.HEADING_ATTRIBUTES | IdSyntax.RAW_HTML,
    # MkDocs with toc + attr_list (+ footnotes), as most MkDocs sites configure it.
    "mkdocs": IdSyntax.HEADING_ID
    | IdSyntax.HEADING_ATTRIBUTES
    | IdSyntax.ATTR_LIST
    | IdSyntax.RAW_HTML
    | IdSyntax.FOOTNOTES
    | IdSyntax.FENCE_ATTRIBUTES,
    # Hugo's defaults: attribute.title on, attribute.block off, renderer.unsafe off.
    "hugo": IdSyntax.HEADING_ID
    | IdSyntax.HEADING_ATTRIBUTES
    | IdSyntax.TIGHT_HEADING_ATTRIBUTES
    | IdSyntax.FOOTNOTES,
    # Jekyll's kramdown (GFM input): header ids, IALs, raw HTML, footnotes.
    "jekyll": IdSyntax.HEADING_ID | IdSyntax.KRAMDOWN_IAL | IdSyntax.RAW_HTML | IdSyntax.FOOTNOTES,
}


# -- the text each generator slugs --------------------------------------------------------
class HeadingSource(Struct, frozen=True):
    """One heading as a generator sees it: its inline parts and its raw source line."""

    parts: tuple[HeadingPart, ...]
    raw: str


def heading_source(
    heading: Heading, honour_attribute: bool, python_markdown: bool = False
) -> HeadingSource:
    """The heading's content, with its trailing attribute list cut off when honoured.

    A generator that does not know ``{#id}`` shows it as text, and slugs it too.
    ``python_markdown`` reads the parts with Python-Markdown's backslash escapes."""
    parts = heading.parts or (("text", heading.text),)
    if python_markdown and heading.python_markdown_parts is not None:
        parts = heading.python_markdown_parts
    raw = heading.raw or heading.text
    attribute = heading.attribute
    if not attribute or not honour_attribute:
        return HeadingSource(tuple(parts), raw)
    kind, value = parts[-1]
    if kind == "text" and value.endswith(attribute.strip()):
        cut = value[: len(value) - len(attribute.strip())].rstrip(" \t")
        parts = (*parts[:-1], (kind, cut)) if cut else tuple(parts[:-1])
    if raw.endswith(attribute):
        raw = raw[: -len(attribute)].rstrip(" \t")
    return HeadingSource(tuple(parts), raw)


def rendered_text(parts: Iterable[HeadingPart]) -> str:
    """The heading's text content as a browser (and rehype-slug) sees it: text and code,
    raw HTML tags gone, a soft or hard line break kept as a newline."""
    return "".join(
        value if kind in ("text", "code") else "\n" if kind == "break" else ""
        for kind, value in parts
    )


# -- character tables ---------------------------------------------------------------------
@cache
def _ranges(name: str) -> tuple[tuple[int, int], ...]:
    """The (first, last) code point ranges of one table of heading-id-characters.json."""
    data = resources.files("openaccess.data").joinpath("heading-id-characters.json")
    return tuple((low, high) for low, high in json.loads(data.read_text("utf-8"))[name]["ranges"])


def _character_ranges(name: str) -> str:
    """A regex character class body for one table of heading-id-characters.json."""
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in _ranges(name)
    )


@cache
def _range_starts(name: str) -> list[int]:
    return [low for low, _ in _ranges(name)]


def _in_table(name: str, character: str) -> bool:
    """Whether ``character`` is in one table (sorted ranges): a search, where a regex of
    the table's 736 ranges would take a one-page check milliseconds to compile."""
    code = ord(character)
    position = bisect.bisect_right(_range_starts(name), code) - 1
    return position >= 0 and code <= _ranges(name)[position][1]


# The same tables restricted to ASCII, the common case, where a small class is faster
# (tests check them against the full tables for every ASCII character).
_ASCII_GITHUB_REMOVES = re.compile(r"[^a-z0-9_\- ]")
_ASCII_RUBY_NOT_WORD = re.compile(r"[^A-Za-z0-9_\- \t]")


@cache
def _ruby_not_word() -> re.Pattern[str]:
    return re.compile(rf"[^{_character_ranges('ruby_word')}\- \t]")


# -- github-slugger -----------------------------------------------------------------------
def github_slug(text: str) -> str:
    """github-slugger 2.0.0 ``slug()`` (index.js): lower-case, drop every character of its
    regex.js (punctuation, symbols, controls, separators, unassigned in Unicode 13, less
    letters, marks, digits, ``_`` and ``-``), then each space becomes ``-``.

    Combining marks stay: ``एक रीडमी लिखना`` -> ``एक-रीडमी-लिखना``."""
    lowered = text.lower()
    if lowered.isascii():
        kept = _ASCII_GITHUB_REMOVES.sub("", lowered)
    else:
        kept = "".join(c for c in lowered if not _in_table("github_slugger_removes", c))
    return kept.replace(" ", "-")


def _github_base(source: HeadingSource) -> str:
    # rehype-slug 6.0.0 (lib/index.js) slugs hast-util-to-string of the heading element.
    return github_slug(rendered_text(source.parts))


# -- Python-Markdown toc and pymdownx.slugs -----------------------------------------------
def python_markdown_name(parts: Iterable[HeadingPart]) -> str:
    """The text toc slugs (Markdown 3.11.3 extensions/toc.py ``TocTreeprocessor.run``):
    the heading's inner HTML with tags stripped and whitespace collapsed, unescaped."""
    return " ".join(rendered_text(parts).split())


def python_markdown_slugify(value: str, separator: str = "-", unicode: bool = False) -> str:
    """Markdown 3.11.3 extensions/toc.py ``slugify`` (and ``slugify_unicode``)."""
    if not unicode:
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, value)


_PYMDOWNX_TAGS = re.compile(r"</?[^>]*>")
_PYMDOWNX_INVALID = re.compile(r"[^\w\- ]")
_PYMDOWNX_ASCII_UPPER = re.compile(r"[A-Z]")
PYMDOWNX_CASES = ("none", "lower", "lower-ascii", "fold")


def pymdownx_slugify(
    text: str,
    separator: str = "-",
    case: str = "none",
    percent_encode: bool = False,
    normalize: str = "NFC",
) -> str:
    """pymdown-extensions 13.1.2 pymdownx/slugs.py ``_uslugify`` (``slugify(**kwargs)``)."""
    slug = _PYMDOWNX_TAGS.sub("", unicodedata.normalize(normalize, text)).strip()  # type: ignore[arg-type]
    if case == "lower":
        slug = slug.lower()
    elif case == "lower-ascii":
        slug = _PYMDOWNX_ASCII_UPPER.sub(lambda m: m.group(0).lower(), slug)
    elif case == "fold":
        slug = slug.casefold()
    slug = _PYMDOWNX_INVALID.sub("", slug).replace(" ", separator)
    return quote(slug.encode("utf-8")) if percent_encode else slug


# -- goldmark as Hugo 0.111.3 configures it -----------------------------------------------
def _go_lower(char: str) -> str:
    """Go's unicode.ToLower: the simple one-to-one mapping (so ``İ`` -> ``i``)."""
    lowered = char.lower()
    return lowered if len(lowered) == 1 else lowered[0]


def _go_is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] == "L"


def goldmark_github_slug(raw: str, ascii_only: bool = False) -> str:
    """Hugo 0.111.3 markup/goldmark/autoid.go ``sanitizeAnchorNameWithHook`` for the
    ``github`` and ``github-ascii`` types. It reads the heading's raw Markdown line, so
    markup characters, entity names and link targets count; ``-`` and spaces become
    ``-``; letters (Go's unicode.IsLetter: not combining marks), decimal digits and ``_``
    are kept lower-cased; everything else is dropped. ``github-ascii`` first removes
    accents (NFD, drop Mn, NFC) and then keeps ASCII only."""
    if ascii_only:
        decomposed = unicodedata.normalize("NFD", raw)
        raw = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
        )
    kept = []
    for char in raw.strip(" \t\n\r\v\f"):
        if ascii_only and ord(char) > 0x7F:
            continue
        if char in "- ":
            kept.append("-")
        elif char == "_" or _go_is_letter(char) or unicodedata.category(char) == "Nd":
            kept.append(_go_lower(char))
    return "".join(kept)


# -- the text Hugo 0.144 and later make an id from -----------------------------------------
# goldmark's typographer as Hugo configures it by default: these become characters (so do
# quotes and guillemets, but a slug drops them as it drops what they replace).
_TYPOGRAPHER = re.compile(r"---|--|\.\.\.")
_TYPOGRAPHER_CHARS = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
# A shortcode call whose output Hugo renders as Markdown; it stops at a brace: linear.
_MARKDOWN_SHORTCODE = re.compile(r"\{\{%[^{}]*%\}\}")


@cache
def _inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # text_join off: an entity stays its own token, so a numeric one can stay as written.
    return MarkdownIt("commonmark", {"html": True}).enable("strikethrough").disable("text_join")


def hugo_heading_text(raw: str) -> str:
    """The text Hugo 0.144 and later make a heading's id from: the heading's inline
    content as it renders, not its Markdown source (Hugo 0.111 slugs the source). Found
    by building headings with Hugo 0.168 and 0.111, it follows goldmark's node tree: a
    link, emphasis, strikethrough or image gives only its first child's text (``**bold
    _em_ tail**`` gives ``bold``; ``[Get-Alias](a.md)`` gives ``Get-Alias``), raw HTML
    and autolinks give nothing, named entities are decoded but numeric ones are not, and
    the typographer's dashes are characters. A ``{{% %}}`` shortcode is taken to give
    nothing: in a heading it is an icon (raw HTML) as a rule; Docsy's site writes ``###
    {{% icon %}} Upgrading with AI?``, whose id is ``upgrading-with-ai``."""
    # The typographer takes << and >> before any tag (``<<x>>`` keeps its x); in a code
    # span the change is harmless, as a slug drops < and the guillemet alike.
    raw = _MARKDOWN_SHORTCODE.sub("", raw).replace("<<", "\u00ab").replace(">>", "\u00bb")
    tokens = _inline_parser().parseInline(raw)[0].children or []
    return _plain_text(tokens, first_only=False)


def _plain_text(tokens: Sequence[Token], first_only: bool) -> str:
    """The text of ``tokens`` (one inline level): every token's, or only what goldmark
    holds in the first node (see _first_node)."""
    found = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        after = index + 1
        if token.nesting == 1:  # link, emphasis, strong, strikethrough: to its close
            depth = 1
            while after < len(tokens) and depth:
                depth += tokens[after].nesting
                after += 1
            if token.markup != "autolink":
                found.append(_plain_text(tokens[index + 1 : after - 1], first_only=True))
        elif first_only and _is_text(token):
            return _first_node(tokens[index:])
        else:
            found.append(_leaf_text(token))
        if first_only:
            break
        index = after
    return "".join(found)


def _is_text(token: Token) -> bool:
    return token.type == "text" or (token.type == "text_special" and token.info == "escape")


# Where goldmark ends a text node: before a character its typographer replaces (a quote,
# an apostrophe, a dash, an ellipsis or a guillemet become nodes of their own), or after
# a run of delimiters that matched nothing (``*``, ``_``, ``~``, ``[``, ``]``: the run
# joins the text before it, and the text after starts a new node).
_NODE_END = re.compile("(?P<before>['\"\u2013\u2014\u2026\u00ab\u00bb])|[*_~\\[\\]]+")


def _first_node(tokens: Sequence[Token]) -> str:
    """The text of goldmark's first node of the run of text ``tokens`` start with, from
    what Hugo 0.168 builds: ``[about_Aliases](a.md)`` gives ``about_``, ``[it's](a.md)``
    gives ``it``; an escaped character (``a\\_b``) never ends it."""
    found = []
    for token in tokens:
        if not _is_text(token):
            break
        text = _leaf_text(token)
        end = _NODE_END.search(text) if token.type == "text" else None
        if end is not None:
            found.append(text[: end.start()] if end.group("before") else text[: end.end()])
            break
        found.append(text)
    return "".join(found)


def _leaf_text(token: Token) -> str:
    if token.type == "text":
        return _TYPOGRAPHER.sub(lambda m: _TYPOGRAPHER_CHARS[m.group()], token.content)
    if token.type == "text_special":  # an escape, or an entity
        numeric = token.info == "entity" and token.markup.startswith("&#")
        return token.markup if numeric else token.content
    if token.type == "code_inline":
        return token.content
    if token.type == "image":
        return _plain_text(token.children or [], first_only=True)
    return ""  # raw HTML, line breaks


def blackfriday_slug(raw: str) -> str:
    """Hugo 0.111.3 markup/blackfriday/anchors.go ``SanitizedAnchorName``: runs of
    anything but letters and numbers become one ``-``, never at either end."""
    kept: list[str] = []
    dash = False
    for char in raw:
        if _go_is_letter(char) or unicodedata.category(char)[0] == "N":
            if dash and kept:
                kept.append("-")
            dash = False
            kept.append(_go_lower(char))
        else:
            dash = True
    return "".join(kept)


# -- kramdown ---------------------------------------------------------------------------
# kramdown 2.4.0 parser/kramdown/typographic_symbol.rb TYPOGRAPHIC_SYMS, as characters.
_KRAMDOWN_TYPOGRAPHIC = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")
_KRAMDOWN_TYPOGRAPHIC_CHARS = {
    "---": "\u2014",
    "--": "\u2013",
    "...": "\u2026",
    "\\<<": "<<",
    "\\>>": ">>",
    "<< ": "\u00ab ",
    " >>": " \u00bb",
    "<<": "\u00ab",
    ">>": "\u00bb",
}
# kramdown 2.4.0 parser/html.rb HTML_BLOCK_ELEMENTS: in a heading these stay literal text.
_KRAMDOWN_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "applet",
        "body",
        "blockquote",
        "caption",
        "col",
        "colgroup",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "head",
        "iframe",
        "legend",
        "menu",
        "li",
        "main",
        "map",
        "nav",
        "ol",
        "optgroup",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")


def kramdown_gfm_text(parts: Iterable[HeadingPart]) -> str:
    """The raw text kramdown-parser-gfm 1.1.0 (lib/kramdown/parser/gfm.rb
    ``update_raw_text``) slugs: text with kramdown's typographic symbols (``--`` is an en
    dash), code spans, entities as characters, and block-level HTML tags, which kramdown
    keeps as literal text inside a heading (parser/kramdown/html.rb ``parse_span_html``)."""
    out = []
    for kind, value in parts:
        if kind == "text":
            out.append(
                _KRAMDOWN_TYPOGRAPHIC.sub(lambda m: _KRAMDOWN_TYPOGRAPHIC_CHARS[m.group()], value)
            )
        elif kind == "code":
            out.append(value)
        elif kind == "break":
            out.append("\n")
        elif (tag := _TAG_NAME.match(value)) and tag.group(2).lower() in _KRAMDOWN_BLOCK_TAGS:
            out.append(value)
    return "".join(out)


def kramdown_gfm_slug(text: str) -> str:
    """kramdown-parser-gfm 1.1.0 ``generate_gfm_header_id``: Ruby's ``downcase`` (full
    Unicode, character by character), drop all but ``\\p{Word}``, ``-``, space and tab,
    then spaces and tabs become ``-``. Non-ASCII letters and combining marks stay."""
    if text.isascii():
        lowered = text.lower()
        return _ASCII_RUBY_NOT_WORD.sub("", lowered).replace(" ", "-").replace("\t", "-")
    lowered = "".join(char.lower() for char in text)
    return _ruby_not_word().sub("", lowered).replace(" ", "-").replace("\t", "-")


_KRAMDOWN_LEADING = re.compile(r"^[^a-zA-Z]+", re.MULTILINE)
_KRAMDOWN_DROP = re.compile(r"[^a-zA-Z0-9 \-]")


def kramdown_slug(raw: str) -> str:
    """kramdown 2.4.0 converter/base.rb ``basic_generate_id``, which the default kramdown
    parser feeds the heading's raw source: leading non-letters go, then all but ASCII
    letters, digits, spaces and ``-``; spaces become ``-``; lower-cased."""
    text = _KRAMDOWN_LEADING.sub("", raw)
    return _KRAMDOWN_DROP.sub("", text).replace(" ", "-").lower()


# -- duplicate rules ---------------------------------------------------------------------
class _Unique(Protocol):
    """Turns base slugs into a page's ids, in heading order."""

    def auto(self, base: str) -> str | None: ...

    def explicit(self, value: str) -> None: ...


class _GithubSlugger:
    """github-slugger 2.0.0 ``BananaSlug.slug``: a repeat gets ``-1``, ``-2``...; a suffixed
    id already taken (a heading literally named "Usage 1") moves on to the next number.
    Explicit ids do not take part (rehype-slug leaves headings that have one alone)."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.occurrences: dict[str, int] = {}

    def auto(self, base: str) -> str:
        result = base
        while result in self.occurrences:
            self.occurrences[base] += 1
            result = f"{base}-{self.occurrences[base]}"
        self.occurrences[result] = 0
        return result

    def explicit(self, value: str) -> None:
        return None


_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


class _PythonMarkdownUnique:
    """Markdown 3.11.3 extensions/toc.py ``unique``: ``_1``, ``_2``... against every id
    already on the page (attr_list ids anywhere, even further down); an empty slug
    becomes ``_1``; ``step_1`` repeated counts on from 1 (``step_2``)."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.used = set(reserved)

    def auto(self, base: str) -> str:
        value = base
        if value in self.used or not value:
            match = _IDCOUNT.match(value)
            stem, count = (match.group(1), int(match.group(2))) if match else (value, 0)
            count += 1
            while f"{stem}_{count}" in self.used:
                count += 1
            value = f"{stem}_{count}"
        self.used.add(value)
        return value

    def explicit(self, value: str) -> None:
        self.used.add(value)


class _GoldmarkIds:
    """Hugo 0.111.3 markup/goldmark/autoid.go ``idFactory``: empty becomes ``heading``; a
    taken id gets the first free ``-1``, ``-2``...; goldmark's heading parser ``Put``s
    each explicit heading id when it meets it (parser/atx_heading.go, goldmark 1.5.4)."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.values: set[str] = set()

    def auto(self, base: str) -> str:
        value = base or "heading"
        if value in self.values:
            number = 1
            while f"{value}-{number}" in self.values:
                number += 1
            value = f"{value}-{number}"
        self.values.add(value)
        return value

    def explicit(self, value: str) -> None:
        self.values.add(value)


class _KramdownIds:
    """kramdown 2.4.0 converter/base.rb ``generate_id``: empty becomes ``section``; the
    n-th repeat of a slug gets ``-n`` without checking that it is free, and explicit ids
    are not counted, so two headings can share an id."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.used: dict[str, int] = {}

    def auto(self, base: str) -> str:
        value = base or "section"
        if value in self.used:
            self.used[value] += 1
            return f"{value}-{self.used[value]}"
        self.used[value] = 0
        return value

    def explicit(self, value: str) -> None:
        return None


class _KramdownGfmIds:
    """kramdown-parser-gfm 1.1.0 ``generate_gfm_header_id``: the n-th repeat gets ``-n``
    without checking that it is free; an empty slug is counted (the next is ``-1``)."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.counter: dict[str, int] = {}

    def auto(self, base: str) -> str:
        self.counter[base] = self.counter.get(base, -1) + 1
        count = self.counter[base]
        return f"{base}-{count}" if count > 0 else base

    def explicit(self, value: str) -> None:
        return None


# -- algorithms --------------------------------------------------------------------------
class IdAlgorithm(Struct, frozen=True):
    """How one generator names headings: the base slug, the duplicate rule, a prefix."""

    name: str
    upstream: str  # the implementation this follows (file and version)
    base: Callable[[HeadingSource], str]
    unique: Callable[[Iterable[str]], _Unique]
    prefix: str = ""  # kramdown auto_id_prefix, rehype-slug prefix
    html_headings: bool = False  # raw HTML <h2> get ids too (GitHub.com, publish)
    separator: str = "-"  # Python-Markdown toc separator (informational)
    empty_attribute: bool = True  # an empty id is written as id="" (kramdown omits it)
    footnotes: str = "kramdown"  # whose footnote ids: github, python-markdown, goldmark...
    automatic: bool = True  # headings without an id of their own get one


def _pm_base(slugify: Callable[[str, str], str], separator: str, source: HeadingSource) -> str:
    return slugify(python_markdown_name(source.parts), separator)


def _python_markdown(
    name: str, upstream: str, slugify: Callable[[str, str], str], separator: str = "-"
) -> IdAlgorithm:
    return IdAlgorithm(
        name,
        upstream,
        partial(_pm_base, slugify, separator),
        _PythonMarkdownUnique,
        separator=separator,
        footnotes="python-markdown",
    )


def pymdownx(
    case: str = "none", percent_encode: bool = False, normalize: str = "NFC", separator: str = "-"
) -> IdAlgorithm:
    """``pymdownx.slugs.slugify(case=..., percent_encode=..., normalize=...)`` as MkDocs
    configures it (``toc: slugify: !!python/object/apply:pymdownx.slugs.slugify``)."""
    if case not in PYMDOWNX_CASES:
        raise ValueError(f"pymdownx.slugs.slugify case must be one of {PYMDOWNX_CASES}")
    if normalize not in ("NFC", "NFD", "NFKC", "NFKD"):
        raise ValueError("pymdownx.slugs.slugify normalize must be NFC, NFD, NFKC or NFKD")
    options = [f"case={case}"] if case != "none" else []
    if percent_encode:
        options.append("percent_encode=True")
    if normalize != "NFC":
        options.append(f"normalize={normalize}")
    slugify = partial(_pymdownx_call, case=case, percent_encode=percent_encode, normalize=normalize)
    return _python_markdown(
        f"pymdownx.slugs.slugify({','.join(options)})",
        "pymdown-extensions 13.1.2 pymdownx/slugs.py slugify",
        slugify,
        separator,
    )


def _pymdownx_call(
    text: str, separator: str, case: str, percent_encode: bool, normalize: str
) -> str:
    return pymdownx_slugify(text, separator, case, percent_encode, normalize)


def _goldmark(name: str, id_type: str, rendered: bool = False) -> IdAlgorithm:
    """Hugo's ids for ``autoHeadingIDType`` ``id_type``, slugged from the heading's
    Markdown source (Hugo 0.111 to 0.143) or, ``rendered``, from its rendered text (Hugo
    0.144 and later: OpenTelemetry's site saw ``we-value-_compatibility_`` become
    ``we-value-compatibility`` on moving to 0.144.2)."""
    text = hugo_heading_text if rendered else _same
    if id_type == "blackfriday":
        base: Callable[[HeadingSource], str] = partial(_blackfriday_base, text)
        upstream = "Hugo 0.111.3 markup/blackfriday/anchors.go SanitizedAnchorName"
    else:
        base = partial(_goldmark_github_base, text, id_type == "github-ascii")
        upstream = "Hugo 0.111.3 markup/goldmark/autoid.go sanitizeAnchorNameWithHook"
    if rendered:
        upstream += ", of the text Hugo 0.168 slugs (see hugo_heading_text)"
    return IdAlgorithm(name, upstream, base, _GoldmarkIds, footnotes="goldmark")


def _same(raw: str) -> str:
    return raw


def _goldmark_github_base(
    text: Callable[[str], str], ascii_only: bool, source: HeadingSource
) -> str:
    return goldmark_github_slug(text(source.raw), ascii_only)


def _blackfriday_base(text: Callable[[str], str], source: HeadingSource) -> str:
    return blackfriday_slug(text(source.raw))


def _kramdown_gfm_base(source: HeadingSource) -> str:
    return kramdown_gfm_slug(kramdown_gfm_text(source.parts))


def _kramdown_base(source: HeadingSource) -> str:
    return kramdown_slug(source.raw)


def _build_algorithms() -> dict[str, IdAlgorithm]:
    github = IdAlgorithm(
        "github",
        "github-slugger 2.0.0 index.js + regex.js, via rehype-slug 6.0.0",
        _github_base,
        _GithubSlugger,
        html_headings=True,
        footnotes="github",
    )
    algorithms = [
        github,
        _python_markdown(
            "python-markdown",
            "Markdown 3.11.3 extensions/toc.py slugify",
            python_markdown_slugify,
        ),
        _python_markdown(
            "python-markdown-unicode",
            "Markdown 3.11.3 extensions/toc.py slugify_unicode",
            partial(python_markdown_slugify, unicode=True),
        ),
        _goldmark("goldmark-github", "github"),
        _goldmark("goldmark-github-ascii", "github-ascii"),
        _goldmark("goldmark-blackfriday", "blackfriday"),
        _goldmark("goldmark-github-text", "github", rendered=True),
        _goldmark("goldmark-github-ascii-text", "github-ascii", rendered=True),
        _goldmark("goldmark-blackfriday-text", "blackfriday", rendered=True),
        IdAlgorithm(
            "kramdown-gfm",
            "kramdown-parser-gfm 1.1.0 lib/kramdown/parser/gfm.rb generate_gfm_header_id",
            _kramdown_gfm_base,
            _KramdownGfmIds,
            empty_attribute=False,
        ),
        IdAlgorithm(
            "kramdown",
            "kramdown 2.4.0 lib/kramdown/converter/base.rb generate_id",
            _kramdown_base,
            _KramdownIds,
        ),
    ]
    for case in PYMDOWNX_CASES:
        algorithms.append(pymdownx(case))
    algorithms.append(pymdownx("lower", percent_encode=True))
    return {algorithm.name: algorithm for algorithm in algorithms}


ALGORITHMS: dict[str, IdAlgorithm] = _build_algorithms()

# Other names for the same algorithms: the upstream dotted names MkDocs configurations
# use (pymdown-extensions before 10 had one function per variant; they map onto
# slugify(**kwargs) as pymdownx/slugs.py 7.0-9.x defined them), Hugo's
# autoHeadingIDType values, and the slug_style values openaccess has always accepted.
ALIASES: dict[str, str] = {
    "markdown.extensions.toc.slugify": "python-markdown",
    "markdown.extensions.toc.slugify_unicode": "python-markdown-unicode",
    "pymdownx.slugs.uslugify": "pymdownx.slugs.slugify(case=lower)",
    "pymdownx.slugs.uslugify_encoded": "pymdownx.slugs.slugify(case=lower,percent_encode=True)",
    "pymdownx.slugs.uslugify_cased": "pymdownx.slugs.slugify()",
    "pymdownx.slugs.gfm": "pymdownx.slugs.slugify(case=lower-ascii)",
    "github-ascii": "goldmark-github-ascii",
    "blackfriday": "goldmark-blackfriday",
    "hugo": "goldmark-github",
    "jekyll": "kramdown-gfm",
    "mkdocs": "python-markdown",
}


def algorithm_names() -> list[str]:
    """Every fixed name :func:`get_algorithm` accepts (besides any
    ``pymdownx.slugs.slugify(...)`` call), for messages and documentation."""
    return sorted({*ALGORITHMS, *ALIASES})


UNKNOWN_ALGORITHM = (
    "github, hugo, jekyll, python-markdown, python-markdown-unicode, kramdown, kramdown-gfm,"
    " goldmark-github, goldmark-github-ascii, goldmark-blackfriday, pymdownx.slugs.uslugify,"
    " pymdownx.slugs.slugify(case=...) (docs/links.md lists them all)"
)
_PYMDOWNX_CALL = re.compile(r"pymdownx\.slugs\.slugify\((?P<args>[^()]*)\)")
_PYMDOWNX_ARGUMENT = re.compile(r"\s*(case|percent_encode|normalize)\s*=\s*['\"]?([\w-]+)['\"]?\s*")


def get_algorithm(
    name: str,
    *,
    prefix: str = "",
    separator: str = "-",
    emoji_shortcodes: bool = False,
    automatic: bool = True,
) -> IdAlgorithm:
    """The algorithm called ``name`` (an alias, or a ``pymdownx.slugs.slugify(case=lower,
    percent_encode=True)`` call as written in mkdocs.yml), with kramdown's
    ``auto_id_prefix``, Python-Markdown's toc ``separator``, and ``pymdownx.emoji``
    shortcodes left out when the site renders them; without ``automatic``, only headings
    that set their own id have one (kramdown's ``auto_ids: false``).

    Raises KeyError naming the accepted names when ``name`` is unknown."""
    found = ALGORITHMS.get(ALIASES.get(name, name)) or _pymdownx_from_call(name)
    if found is None:
        raise KeyError(f"unknown heading id algorithm {name!r}; use {UNKNOWN_ALGORITHM}")
    if separator != found.separator and found.unique is _PythonMarkdownUnique:
        found = _with_separator(found, separator)
    if prefix:
        found = replace(found, prefix=prefix)
    if not automatic:
        found = replace(found, automatic=False)
    return without_emoji_shortcodes(found) if emoji_shortcodes else found


def _pymdownx_from_call(name: str) -> IdAlgorithm | None:
    """``pymdownx.slugs.slugify(case=lower, normalize=NFD)`` as an algorithm, or None."""
    call = _PYMDOWNX_CALL.fullmatch(name.strip())
    if call is None:
        return None
    options: dict[str, str] = {}
    for argument in filter(None, call.group("args").split(",")):
        if not (match := _PYMDOWNX_ARGUMENT.fullmatch(argument)):
            return None
        options[match.group(1)] = match.group(2)
    try:
        return pymdownx(
            case=options.get("case", "none"),
            percent_encode=options.get("percent_encode", "False") == "True",
            normalize=options.get("normalize", "NFC"),
        )
    except ValueError:
        return None


# pymdown-extensions 10 pymdownx/emoji.py RE_EMOJI: an emoji or icon shortcode.
_EMOJI_SHORTCODE = re.compile(r":[+\-\w]+:")


def without_emoji_shortcodes(algorithm: IdAlgorithm) -> IdAlgorithm:
    """``algorithm`` on a site with ``pymdownx.emoji``: a ``:name:`` shortcode becomes an
    image or icon with no text, so the id is made as if it were not there."""
    return replace(algorithm, base=partial(_base_without_shortcodes, algorithm.base))


def _base_without_shortcodes(base: Callable[[HeadingSource], str], source: HeadingSource) -> str:
    parts = tuple(
        (kind, _EMOJI_SHORTCODE.sub("", value) if kind == "text" else value)
        for kind, value in source.parts
    )
    return base(HeadingSource(parts, source.raw))


def _with_separator(found: IdAlgorithm, separator: str) -> IdAlgorithm:
    base = found.base
    if isinstance(base, partial) and base.func is _pm_base:
        slugify = base.args[0]
        return _python_markdown(found.name, found.upstream, slugify, separator)
    return found


def _resolve(algorithm: str | IdAlgorithm) -> IdAlgorithm:
    return algorithm if isinstance(algorithm, IdAlgorithm) else get_algorithm(algorithm)


def honours_heading_attribute(heading: Heading, syntax: IdSyntax) -> bool:
    """Whether the generator reads this heading's trailing attribute list."""
    return bool(heading.attribute) and bool(heading.attribute_syntax & syntax)


def ids_for(
    headings: Sequence[Heading],
    algorithm: str | IdAlgorithm = "github",
    *,
    syntax: IdSyntax = IdSyntax.FORGIVING,
    reserved: Iterable[str] = (),
    footnotes: frozenset[str] = frozenset(),
) -> list[str | None]:
    """The id of each heading, in order, as the generator gives them.

    ``syntax`` says which attribute syntaxes the generator honours (a heading's own
    ``{#id}`` wins where it does); ``reserved`` are the page's other explicit ids, which
    Python-Markdown's duplicate rule avoids; ``footnotes`` the labels of the page's
    footnotes, whose references Python-Markdown's toc and kramdown's GFM parser leave out
    of a heading's id. ``None`` where the heading gets no id: raw HTML headings for
    generators that leave them alone, an empty kramdown GFM slug."""
    chosen = _resolve(algorithm)
    if IdSyntax.FOOTNOTES not in syntax or not _drops_footnote_references(chosen):
        footnotes = frozenset()
    explicit = [_own_id(heading, syntax) for heading in headings]
    unique = chosen.unique([*reserved, *(e for e in explicit if e)])
    result: list[str | None] = []
    for heading, own_id in zip(headings, explicit, strict=True):
        if own_id is not None:
            unique.explicit(own_id)
            result.append(own_id)
        elif heading.source == "html":
            result.append(_html_heading_id(heading, chosen, unique, syntax))
        elif not chosen.automatic:
            result.append(None)
        else:
            honoured = honours_heading_attribute(heading, syntax)
            source = heading_source(heading, honoured, chosen.unique is _PythonMarkdownUnique)
            if footnotes and "[^" in heading.text:
                source = _without_footnote_references(source, footnotes)
            result.append(_prefixed(chosen, unique.auto(chosen.base(source))))
    return result


def _drops_footnote_references(algorithm: IdAlgorithm) -> bool:
    """Python-Markdown's toc slugs a heading without its footnote references
    (``remove_fnrefs``), and so does kramdown-parser-gfm (``update_raw_text`` skips
    ``:footnote``); kramdown's own parser keeps the label (kramdown 2.4)."""
    return algorithm.unique is _PythonMarkdownUnique or algorithm.name == "kramdown-gfm"


_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")


def _without_footnote_references(source: HeadingSource, labels: frozenset[str]) -> HeadingSource:
    def drop(match: re.Match[str]) -> str:
        return "" if match.group(1) in labels else match.group(0)

    parts = tuple(
        (kind, _FOOTNOTE_REFERENCE.sub(drop, value) if kind == "text" else value)
        for kind, value in source.parts
    )
    return HeadingSource(parts, _FOOTNOTE_REFERENCE.sub(drop, source.raw))


def _own_id(heading: Heading, syntax: IdSyntax) -> str | None:
    """The id the heading sets itself, if the generator reads the syntax it uses: a
    trailing attribute list, or (kramdown) an IAL on the line below."""
    if heading.explicit_id and honours_heading_attribute(heading, syntax):
        return heading.explicit_id
    if heading.ial_id and IdSyntax.KRAMDOWN_IAL in syntax:
        return heading.ial_id
    return None


def _html_heading_id(
    heading: Heading, chosen: IdAlgorithm, unique: _Unique, syntax: IdSyntax
) -> str | None:
    """A raw HTML heading keeps its own id; only GitHub.com and publish name the others.
    None of it exists where raw HTML is not rendered (Hugo without renderer.unsafe)."""
    if IdSyntax.RAW_HTML not in syntax:
        return None
    if heading.explicit_id:
        unique.explicit(heading.explicit_id)
        return heading.explicit_id
    if not chosen.html_headings:
        return None
    source = HeadingSource((("text", heading.text),), heading.text)
    return _prefixed(chosen, unique.auto(chosen.base(source)))


def _prefixed(chosen: IdAlgorithm, value: str) -> str | None:
    """The id as written: with the prefix; None where no id attribute is written."""
    value = chosen.prefix + value
    return value if value or chosen.empty_attribute else None


def slug_texts(texts: Iterable[str], algorithm: str | IdAlgorithm = "github") -> list[str]:
    """Unique ids for plain heading texts (headings known only as text, such as those
    left in a sanitized page), with the algorithm's duplicate rule."""
    chosen = _resolve(algorithm)
    unique = chosen.unique(())
    ids = []
    for text in texts:
        source = HeadingSource((("text", text),), text)
        ids.append(_prefixed(chosen, unique.auto(chosen.base(source))) or "")
    return ids


# -- every id of a page -------------------------------------------------------------------
def footnote_ids(
    footnotes: Sequence[Footnote], algorithm: str | IdAlgorithm
) -> list[tuple[str, int]]:
    """(id, offset) for each id footnotes get: labels both referenced and defined, in
    order of first reference. GitHub (remark-gfm 4.0.1, as GitHub.com renders them):
    ``user-content-fn-note``, ``user-content-fnref-note``, ``-2`` for the second reference,
    and ``footnote-label``; Python-Markdown 3.11.3 extensions/footnotes.py: ``fn:note``,
    ``fnref:note``, ``fnref2:note``; goldmark 1.5.4 extension/footnote.go: ``fn:1``,
    ``fnref:1``, ``fnref1:1`` (numbered); kramdown 2.4.0 converter/html.rb: ``fn:note``,
    ``fnref:note``, ``fnref:note:1``."""
    style = _resolve(algorithm).footnotes
    ids: list[tuple[str, int]] = []
    for number, note in enumerate(footnotes, start=1):
        label, count = note.label, note.references
        if style == "github":
            name = label.lower()
            names = [f"user-content-fn-{name}", f"user-content-fnref-{name}"]
            names += [f"user-content-fnref-{name}-{n}" for n in range(2, count + 1)]
        elif style == "python-markdown":
            names = [f"fn:{label}", f"fnref:{label}"]
            names += [f"fnref{n}:{label}" for n in range(2, count + 1)]
        elif style == "goldmark":
            names = [f"fn:{number}", f"fnref:{number}"]
            names += [f"fnref{n}:{number}" for n in range(1, count)]
        else:
            names = [f"fn:{label}", f"fnref:{label}"]
            names += [f"fnref:{label}:{n}" for n in range(1, count)]
        ids += [(name, note.start) for name in names]
    if footnotes and style == "github":
        ids.append(("footnote-label", footnotes[0].start))
    return ids


def heading_ids(
    document: Document, algorithm: str | IdAlgorithm = "github", *, syntax: IdSyntax
) -> list[tuple[int, str]]:
    """(file offset, id) of each heading that gets an id, in page order."""
    # Python-Markdown's duplicate rule sees the ids of its own tree, not raw HTML's.
    reserved = [a.id for a in document.anchors if a.syntax & syntax & ~IdSyntax.RAW_HTML]
    headings = document.headings
    labels = frozenset(footnote.label for footnote in document.footnotes)
    made = ids_for(headings, algorithm, syntax=syntax, reserved=reserved, footnotes=labels)
    pairs = zip(headings, made, strict=True)
    return [(heading.start, made_id) for heading, made_id in pairs if made_id]


def page_ids(
    document: Document,
    algorithm: str | IdAlgorithm = "github",
    *,
    syntax: IdSyntax = IdSyntax.FORGIVING,
) -> dict[str, int]:
    """Every id the built page has, with the file offset it comes from: heading ids,
    the explicit ids whose syntax the generator honours, and footnote ids."""
    chosen = _resolve(algorithm)
    honoured = [anchor for anchor in document.anchors if anchor.syntax & syntax]
    found: dict[str, int] = {}
    for start, heading_id in heading_ids(document, chosen, syntax=syntax):
        found.setdefault(heading_id, start)
    for anchor in honoured:
        found.setdefault(anchor.id, anchor.start)
    if IdSyntax.FOOTNOTES in syntax:
        for footnote_id, start in footnote_ids(document.footnotes, chosen):
            found.setdefault(footnote_id, start)
    if IdSyntax.KRAMDOWN_IAL in syntax:
        for term in document.terms:
            found.setdefault(kramdown_term_id(term, chosen), term.start)
    return found


def kramdown_term_id(term: Term, algorithm: IdAlgorithm) -> str:
    """kramdown 2.4.0 ``convert_dt``: the prefix, then ``basic_generate_id`` of the term's
    text, which kramdown-parser-gfm reads with its code spans and typographic symbols
    (gfm.rb ``update_raw_text``) and the kramdown parser with its text alone."""
    if algorithm.name == "kramdown-gfm":
        text = kramdown_gfm_text(term.parts)
    else:
        text = "".join(_KRAMDOWN_TYPOGRAPHIC.sub("", v) for k, v in term.parts if k == "text")
    return (term.prefix + kramdown_slug(text)).lstrip()


# An id the build makes from a value known only then (a Jekyll include's parameter taken
# from site data), kept among a page's ids as a glob of what is known (``license-*``)
# behind this mark, which no id read from a page can hold (HTML parsers drop NUL).
UNKNOWN_ID_MARK = "\x00"


def unknown_id(glob: str) -> str:
    """An id of the page known only as ``glob`` (``*`` for the parts the build decides)."""
    return UNKNOWN_ID_MARK + glob


def glob_escape(text: str) -> str:
    """``text`` as a glob that matches only itself."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def names_an_unknown_id(fragment: str, ids: Iterable[str]) -> bool:
    """Whether ``fragment`` may name one of the ids known only as a glob: such a link is
    not judged, since only the build knows whether it works."""
    return any(fnmatchcase(fragment, made[1:]) for made in ids if made.startswith(UNKNOWN_ID_MARK))


def known_ids(ids: frozenset[str]) -> frozenset[str]:
    """The ids written out in full (what a did-you-mean may suggest)."""
    if not any(made.startswith(UNKNOWN_ID_MARK) for made in ids):
        return ids
    return frozenset(made for made in ids if not made.startswith(UNKNOWN_ID_MARK))
