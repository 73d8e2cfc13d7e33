"""Extract the outline from a Markdown body with markdown-it-py (CommonMark + tables).

Block tokens carry source line maps; inline positions (links, images, inline HTML) are
found by scanning forward through the block's own source text, so every fact points at
the character the writer typed. Raw HTML blocks go through the HTML outline with their
true offsets, and a raw ``<p>`` opened in one HTML block and closed in a later one is
recognised as a single element (the paragraph wall of the jeweler guide).
"""

from __future__ import annotations

import bisect
import html
import re
import types
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from openaccess.document import (
    Block,
    Document,
    Footnote,
    Heading,
    HeadingPart,
    LineBreak,
    Link,
    Term,
)
from openaccess.parse.admonitions import titled_admonitions
from openaccess.parse.attributes import (
    block_line_syntax,
    fence_list,
    leading_list,
    line_list,
    span_lists,
    trailing_heading_list,
)
from openaccess.parse.definitions import (
    DEFINITION,
    OTHER_BLOCK,
    definition_regions,
    kramdown_auto_id_terms,
    next_fence,
)
from openaccess.parse.html import (
    CODE_TAGS,
    EMPHASIS_TAGS,
    HtmlOutline,
    add_code_range,
    record_wall,
    resources,
)
from openaccess.parse.namelists import without_name_lists
from openaccess.parse.templates import (
    PYTHON_MARKDOWN_DIALECTS,
    is_hugo,
    paired_shortcode_spans,
    without_comments,
    without_template_code,
    without_verbatim_shortcodes,
)
from openaccess.routing.ids import IdSyntax
from openaccess.source import LineIndex

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

    InlineFilter = Callable[[list[Token], int], bool]
    BlockRule = Callable[[StateBlock, int, int, bool], bool]

_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_LINE_REST = re.compile(r"[ \t]*(?:\r\n|\r|\n)?")
_CONTAINER_KIND = {"list_item_open": "list_item", "blockquote_open": "blockquote"}
# Inline elements an attribute list may follow directly: `![x](y){ #id }`, `*x*{: #id}`.
_ATTRIBUTE_TARGETS = frozenset(
    {"image", "link_close", "em_close", "strong_close", "s_close", "code_inline"}
)


# Containers (lists, block quotes) deeper than this are read as plain paragraphs. Each
# level costs a few Python frames, so this keeps parsing far from the recursion limit.
MAX_BLOCK_DEPTH = 40
# markdown-it's own limit; it must stay above MAX_BLOCK_DEPTH because, when reached, it
# silently drops the rest of the enclosing container (a deep list hid the whole page).
_MAX_NESTING = 100
# Inline content is parsed with CommonMark's usual limit instead. markdown-it's inline
# parser tries every level up to its limit at each "[" that opens nothing, so a line of
# "[^" cost its length times 100 (a 100 KB line took 14 s); no real text nests 20 deep.
_INLINE_NESTING = 20


@cache  # one parser for each way a page is read
def markdown_parser(as_read: bool = False, every_link: bool = False) -> MarkdownIt:
    """CommonMark with raw HTML and GFM tables; container depth is bounded without loss.
    ``as_read``: HTML blocks and fences as Python-Markdown or kramdown read them (see
    :func:`_follow_the_reader`). ``every_link``: links and images to any address, even
    those markdown-it leaves as text (``javascript:``, ``data:``), for publish to disarm
    and report."""
    parser = _commonmark_with_tables(_MAX_NESTING)
    if as_read:
        _follow_the_reader(parser)
    return _with_shallow_inline(parser, _inline_twin(every_link))


@cache
def _inline_twin(every_link: bool = False) -> MarkdownIt:
    parser = _commonmark_with_tables(_INLINE_NESTING)
    if every_link:
        parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _commonmark_with_tables(nesting: int) -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": nesting})
    parser.enable(["table", "strikethrough"])
    parser.block.ruler.before("table", "depth_guard", _depth_guard)
    parser.core.ruler.after("block", "lifted_references", _lifted_references)
    parser.core.ruler.after("lifted_references", "last_reference_wins", _last_reference_wins)
    parser.core.ruler.after("last_reference_wins", "footnotes", _footnotes_are_no_references)
    parser.normalizeLink = _templates_as_written(parser.normalizeLink)
    return parser


def _follow_the_reader(parser: MarkdownIt) -> None:
    """The HTML block and fence rules follow what the parse environment says of the
    page's lines: a tag Python-Markdown reads as inline HTML, an HTML block that ends at
    its end tag, a fence Python-Markdown never closes (see :func:`_parsed`). Only
    Python-Markdown's and kramdown's pages pay for the extra call on every line."""
    from markdown_it.rules_block import fence, html_block

    parser.block.ruler.at(
        "html_block", _ending_at_end_tags(_unless_listed(html_block, _INLINE_TAG_LINES)),
        _PARAGRAPH_BREAKER,
    )  # fmt: skip
    parser.block.ruler.at("fence", _unless_listed(fence, _UNCLOSED_FENCES), _FENCE_BREAKER)
    parser.block.ruler.at("table", _code_keeps_pipes_table(), _TABLE_BREAKER)


# The rules a table may interrupt, as markdown-it registers them.
_TABLE_BREAKER = {"alt": ["paragraph", "reference"]}
# A backtick run, or a backslash escape (an escaped backtick opens no code span).
_TICKS_OR_ESCAPE = re.compile(r"\\.|`+")


def _code_keeps_pipes_table() -> BlockRule:
    """markdown-it's table rule, with cells split as Python-Markdown and kramdown split
    them: a ``|`` inside a code span (`` `pin{,up|down}` ``) is the code's, not a cell's
    end. GFM splits there, and the rest of the row, with its links, was lost."""
    from markdown_it.rules_block import table as rule

    own_globals = {**rule.__globals__, "escapedSplit": _split_outside_code}
    return types.FunctionType(rule.__code__, own_globals, rule.__name__, rule.__defaults__)


def _split_outside_code(row: str) -> list[str]:
    """A table row's cells: split at each ``|`` neither escaped nor in a code span (a
    run of backticks closed by the next run as long); ``\\|`` outside code is a ``|``."""
    inside_code = bytearray(len(row))
    for opening, closing in _code_spans(row):
        inside_code[opening:closing] = b"\1" * (closing - opening)
    cells, current, start = [], "", 0
    for index, char in enumerate(row):
        if char != "|" or inside_code[index]:
            continue
        if index and row[index - 1] == "\\" and not inside_code[index - 1]:
            current += row[start : index - 1]
            start = index
            continue
        cells.append(current + row[start:index])
        current, start = "", index + 1
    cells.append(current + row[start:])
    return cells


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where code spans stand in one line: each backtick run opens one that the next run
    of its length closes; a run with none after it is text. Linear: each run's closer
    is found by one pass from the right."""
    runs = [tick.span() for tick in _TICKS_OR_ESCAPE.finditer(text) if tick.group()[0] == "`"]
    closer: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closer[index] = last_of_length.get(length)
        last_of_length[length] = index
    spans, index = [], 0
    while index < len(runs):
        match = closer[index]
        if match is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[match][1]))
        index = match + 1
    return spans


def _templates_as_written(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """markdown-it's ``normalizeLink`` (which percent-encodes an address), except for an
    address holding template code (see ``_templates_in_addresses``): that one stays as
    written, for the site's generator to expand (``{{ site.baseurl }}/a/``)."""

    def normalize_link(url: str) -> str:
        if "{{" in url or "{%" in url:
            return _TEMPLATE_IN_ADDRESS.sub(lambda code: code.group(0).replace("\u00a0", " "), url)
        return normalize(url)

    return normalize_link


def _with_shallow_inline(
    parser: MarkdownIt, twin: MarkdownIt, wanted: InlineFilter | None = None
) -> MarkdownIt:
    """``parser`` whose inline content ``twin`` parses: the same inline rules, with the
    lower nesting limit (see _INLINE_NESTING). With ``wanted``, only the inline tokens
    it picks are parsed; the others keep no children."""

    def inline(state: StateCore) -> None:
        tokens = state.tokens
        for index, token in enumerate(tokens):
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            if wanted is None or wanted(tokens, index):
                twin.inline.parse(token.content, twin, state.env, token.children)

    parser.core.ruler.at("inline", inline)
    return parser


# The parse environment key that asks for Python-Markdown's reference definitions.
_LAST_REFERENCE_WINS = "openaccess_last_reference_wins"


def _last_reference_wins(state: StateCore) -> None:
    """A label defined twice: CommonMark keeps the first definition, Python-Markdown
    (MkDocs) the last. For an MkDocs page, links then go where MkDocs sends them."""
    env = state.env
    if env.get(_LAST_REFERENCE_WINS) and "references" in env:
        for duplicate in env.get("duplicate_refs", ()):
            entry = {key: duplicate[key] for key in ("title", "href", "map")}
            env["references"][duplicate["label"]] = entry


# The parse environment key of the reference definitions Python-Markdown reads inside a
# paragraph (see _lift_definitions): (label, address, title, line) each.
_LIFTED_DEFINITIONS = "openaccess_lifted_definitions"
# A reference definition on one line, as Python-Markdown's ReferenceProcessor reads it.
_DEFINITION_LINE = re.compile(
    r"[ ]{0,3}\[(?!\^)([^\[\]\n]+)\]:[ \t]*(<[^<>\n]*>|\S+)"
    r"""(?:[ \t]+("[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*"""
)


def _lift_definitions(body: str, env: dict) -> str:
    """``body`` with each reference definition that follows a line of a paragraph made a
    blank line of spaces, and the definition noted in ``env``. Python-Markdown takes a
    definition from anywhere in a block (``Para [Other] link.`` then ``[Other]: a.md``
    on the next line: mkdocs-terminal's docs); to CommonMark it would be paragraph text.
    The blank line ends the paragraph there, as Python-Markdown splits the block."""
    if "]:" not in body:
        return body
    lines = body.splitlines(keepends=True)
    lifted, fence = [], ""
    after_text = False  # the line before is a paragraph's text (not blank, code or a definition)
    for number, line in enumerate(lines):
        written = line.rstrip("\r\n")
        in_code, fence = fence, next_fence(fence, written.lstrip(" "))
        found = None if in_code or fence else _DEFINITION_LINE.fullmatch(written)
        if found and after_text:
            label, address, title = found.groups()
            lifted.append((label, address.strip("<>"), (title or "")[1:-1], number))
            lines[number] = " " * len(written) + line[len(written) :]
        after_text = not (in_code or fence or found) and bool(written.strip())
    if lifted:
        env[_LIFTED_DEFINITIONS] = lifted
    return "".join(lines)


def _lifted_references(state: StateCore) -> None:
    """Add the definitions :func:`_lift_definitions` took out of paragraphs to the page's
    references, as markdown-it's own reference rule writes them."""
    from markdown_it.common.utils import normalizeReference, unescapeAll

    references = state.env.setdefault("references", {})
    for label, address, title, line in state.env.get(_LIFTED_DEFINITIONS, ()):
        href = state.md.normalizeLink(unescapeAll(address))
        if state.md.validateLink(href):
            entry = {"title": unescapeAll(title), "href": href, "map": [line, line + 1]}
            references[normalizeReference(label)] = entry


def _footnotes_are_no_references(state: StateCore) -> None:
    """``[^1]: 訳注：…`` is a footnote to every generator (Hugo, kramdown, GitHub,
    Python-Markdown's extension), not a reference definition to a page called "訳注：…"
    (CommonMark reads one when the note has no space, as Japanese notes often do), and
    ``[^1]`` no link to it (the CNCF glossary's Japanese pages)."""
    references = state.env.get("references")
    for label in [label for label in references or () if label.startswith("^")]:
        del references[label]


def _prepared(body: str, dialect: str) -> tuple[str, dict]:
    """The body as CommonMark should read it in ``dialect``, and the parse environment."""
    env: dict = {_LAST_REFERENCE_WINS: True} if dialect in PYTHON_MARKDOWN_DIALECTS else {}
    return _in_dialect(body, dialect, env), env


# The parse environment key of the lines whose tag Python-Markdown reads as inline HTML
# (see _indented_tag_lines and _PythonMarkdownReader._markdown_on_its_line).
_INLINE_TAG_LINES = "openaccess_inline_tag_lines"
# The parse environment key of the top-level code fences that are never closed.
_UNCLOSED_FENCES = "openaccess_unclosed_fences"
# The parse environment key of the raw HTML tags a reader saw: first line -> last line.
_HTML_BLOCK_ENDS = "openaccess_html_block_ends"
# The rules each may end, as markdown-it sets them: html_block, fence.
_PARAGRAPH_BREAKER = {"alt": ["paragraph", "reference", "blockquote"]}
_FENCE_BREAKER = {"alt": ["paragraph", "reference", "blockquote", "list"]}
# A tag four or more columns into its line (a tab to the next multiple of four, as
# Python-Markdown expands tabs before it looks for raw HTML).
_INDENTED_TAG = re.compile(r"(?:^|(?<=\r))(?: {0,3}\t| {4})[ \t]*</?[A-Za-z]", re.MULTILINE)
_LINE_BREAK = re.compile(r"\r\n?|\n")
_COMMONMARK_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _indented_tag_lines(body: str) -> frozenset[int]:
    """The lines (from 0) that start with a tag more than three columns in.
    Python-Markdown takes raw HTML blocks from the page text before reading any block,
    and only where a tag opens a line at most three spaces in (tabs expanded;
    ``HTMLExtractor.at_line_start``, Markdown 3.11): a tag indented into a list item,
    an admonition or a tab is inline HTML in a paragraph there, and the Markdown around
    it is rendered (``<figure markdown>`` around an image in a list item: hatch's docs).
    CommonMark would start an HTML block and read the image as raw text."""
    tags = [match.start() for match in _INDENTED_TAG.finditer(body)]
    if not tags:
        return frozenset()
    breaks = [match.start() for match in _LINE_BREAK.finditer(body)]
    return frozenset(bisect.bisect_left(breaks, start) for start in tags)


def _ending_at_end_tags(html_block: BlockRule) -> BlockRule:
    """markdown-it's HTML block, ended where the parse environment says the raw tag that
    opens it ends (:data:`_HTML_BLOCK_ENDS`), not at the next blank line: kramdown and
    Python-Markdown read the next line as Markdown (``</div>`` then ``## Heading``:
    jekyllcn's docs, publiccode.net's standard). A block the reader did not open, such as
    an HTML comment with tags inside, keeps CommonMark's end. The rule is given that end
    as its last line, so it never looks past it: a page of such blocks without a blank
    line stays linear."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        ends = state.env.get(_HTML_BLOCK_ENDS)
        last = ends.get(start_line) if ends else None
        if last is not None and last + 1 < end_line:
            end_line = last + 1
        return html_block(state, start_line, end_line, silent)

    return rule


def _unless_listed(block_rule: BlockRule, key: str) -> BlockRule:
    """markdown-it's ``block_rule``, but not on a line the parse environment lists under
    ``key``: an HTML block's tag stays in the paragraph, as inline HTML (see
    :data:`_INLINE_TAG_LINES`); an unclosed fence is text (see :func:`_unclosed_fences`)."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        listed = state.env.get(key)
        if listed and start_line in listed:
            return False
        return block_rule(state, start_line, end_line, silent)

    return rule


@cache
def ids_parser(as_read: bool = False) -> MarkdownIt:
    """:func:`markdown_parser` reading inline content only where an id can come from
    (see :func:`outline_ids`): the block structure is the same, so are the headings."""
    parser = _commonmark_with_tables(_MAX_NESTING)
    if as_read:
        _follow_the_reader(parser)
    return _with_shallow_inline(parser, _inline_twin(), _may_hold_an_id)


# Inline text without these cannot set an id: no raw HTML (`<a id>`), no attribute list
# (`*x*{: #id}`), no character reference that decodes to either.
_ID_MARKS = re.compile(r"[<{&]")


def _may_hold_an_id(tokens: list[Token], index: int) -> bool:
    """Headings are always read (their text makes their id); other inline content only
    when it holds a mark an id can come from."""
    heading = index > 0 and tokens[index - 1].type == "heading_open"
    return heading or _ID_MARKS.search(tokens[index].content) is not None


def _depth_guard(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Past MAX_BLOCK_DEPTH, read each line as a paragraph: its text is kept and checked,
    its list or quote markers stay literal, and no deeper container opens."""
    if state.level < MAX_BLOCK_DEPTH or silent:
        return False
    line_map = [start_line, start_line + 1]
    state.push("paragraph_open", "p", 1).map = line_map
    inline = state.push("inline", "", 0)
    inline.content = state.getLines(start_line, start_line + 1, state.blkIndent, False).strip()
    inline.map = line_map
    inline.children = []
    state.push("paragraph_close", "p", -1)
    state.line = start_line + 1
    return True


@cache
def footnote_parser() -> MarkdownIt:
    """CommonMark with footnotes, only to find a page's footnotes (``check`` and
    ``publish`` read pages without the plugin, as ``[^1]`` text)."""
    return _with_shallow_inline(_with_footnotes(_MAX_NESTING), _with_footnotes(_INLINE_NESTING))


def _with_footnotes(nesting: int) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark", {"maxNesting": nesting}).use(footnote_plugin)
    parser.block.ruler.before("table", "depth_guard", _depth_guard)
    return parser


def tokenize(
    body: str, dialect: str = "commonmark", env: dict | None = None, every_link: bool = False
) -> list[Token]:
    """The body's tokens; ``env``, when given, receives the parse environment (its
    ``references``: the reference definitions Markdown read, by normalised label).
    ``every_link``: see :func:`markdown_parser`."""
    parser = markdown_parser(_as_read(dialect), every_link)
    tokens, parse_env = _parsed(parser, body, dialect)
    if env is not None:
        env.update(parse_env)
    return tokens


def _as_read(dialect: str) -> bool:
    """Whether the dialect's reader leaves notes for the parser (see _follow_the_reader)."""
    return dialect in PYTHON_MARKDOWN_DIALECTS or dialect in KRAMDOWN_DIALECTS


def _parsed(parser: MarkdownIt, body: str, dialect: str) -> tuple[list[Token], dict]:
    """The body's tokens in ``dialect``, and the parse environment. Python-Markdown (its
    fenced_code, and pymdownx.superfences) reads a fence only with its closing line: one
    never closed is text, and the page goes on (CommonMark reads the rest as code). Such
    a page is parsed again with those fences as text, and the fence lines that text lets
    CommonMark open are looked at in turn, at most :data:`_FENCE_PASSES` times."""
    text, env = _prepared(body, dialect)
    before = dict(env)
    tokens = parser.parse(text, env)
    if dialect not in PYTHON_MARKDOWN_DIALECTS:
        return tokens, env
    unclosed: frozenset[int] = frozenset()
    for _ in range(_FENCE_PASSES):
        found = _unclosed_fences(tokens, text)
        if not found:
            break
        unclosed |= found
        env = {**before, _UNCLOSED_FENCES: unclosed}
        tokens = parser.parse(text, env)
    return tokens, env


# Parses of a page with unclosed fences after the first: a fence line that the text of
# an unclosed one lets CommonMark open may be unclosed too; a bound keeps it linear.
_FENCE_PASSES = 3


def _unclosed_fences(tokens: Sequence[Token], text: str) -> frozenset[int]:
    """The first lines of the top-level fences that Python-Markdown never closes: no line
    after the opening one is that very fence (fenced_code and superfences want the same
    length; CommonMark also takes a longer one, or runs to the end of the page)."""
    fences = [t for t in tokens if t.type == "fence" and t.level == 0 and t.map]
    if not fences:
        return frozenset()
    lines = _LINE_BREAK.split(text)
    fence_lines: dict[str, list[int]] = {}  # each fence line as written: where it stands
    for number, line in enumerate(lines):
        if (bare := line.strip(" \t"))[:3] in ("```", "~~~") and not bare.strip(bare[0]):
            fence_lines.setdefault(bare, []).append(number)
    unclosed = set()
    for fence in fences:
        assert fence.map is not None
        first, end = fence.map
        last = lines[end - 1].strip(" \t") if first < end - 1 < len(lines) else ""
        if last == fence.markup:
            continue  # closed where CommonMark closes it
        same = fence_lines.get(fence.markup, [])
        if bisect.bisect_right(same, first) == len(same):
            unclosed.add(first)
    return frozenset(unclosed)


def _in_dialect(body: str, dialect: str, env: dict) -> str:
    if is_hugo(dialect):
        return _templates_in_addresses(without_verbatim_shortcodes(body, dialect), hugo=True)
    if dialect in PYTHON_MARKDOWN_DIALECTS:
        inline = set(_indented_tag_lines(body))
        if _SPACED_HASHES.search(body):
            body = _SPACED_HASHES.sub(lambda hashes: hashes.group(1) + " ", body)
        if _BLOCK_TAG_LINE.search(body):
            reader = _PythonMarkdownReader(md_in_html=dialect == "mkdocs")
            body = reader.rewritten(body)
            inline |= reader.inline_tag_lines
            _note_block_ends(env, reader)
        body = _lift_definitions(body, env)
        if inline:
            env[_INLINE_TAG_LINES] = frozenset(inline)
    if dialect == "mkdocs" and (
        _MKDOCS_BLOCK.search(body) or DEFINITION.search(body) or _MARKDOWN_HTML.search(body)
    ):
        return mkdocs_blocks_as_markdown(body)
    if dialect in KRAMDOWN_DIALECTS:
        body = _templates_in_addresses(without_comments(body))
        if "|" in body and "-" in body:
            body = _kramdown_delimiter_rows(body)
        if "<" in body or "highlight" in body or "mermaid" in body or "plantuml" in body:
            reader = _KramdownReader(parse_block_html=dialect == "kramdown-block-html")
            body = reader.rewritten(body)
            _note_block_ends(env, reader)
            if reader.inline_tag_lines:
                env[_INLINE_TAG_LINES] = frozenset(reader.inline_tag_lines)
    return body


def _note_block_ends(env: dict, reader: _KramdownReader) -> None:
    if reader.raw_blocks:
        env[_HTML_BLOCK_ENDS] = reader.raw_blocks


# Template code in a link's address: Liquid (`[a]({{ site.baseurl }}/docs/)`, `[b]({% link
# _docs/b.md %})`, `[1]: {{ site.url }}/a.rbx`) and Hugo's shortcodes (`[c]({{< ref "c.md"
# >}})`, also in brackets by mistake). Jekyll renders Liquid before Markdown, and Hugo puts
# a placeholder without spaces where a shortcode is, so each is a link (Jekyll's docs have
# 3,000 inline ones); CommonMark reads an address with spaces as no link, and its text and
# template code as prose.
_TEMPLATE_DEFINITION = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(\S*\{[{%][^\n]*)$", re.MULTILINE)
_TEMPLATE_DESTINATION = re.compile(r"\]\(\(?(?:[^\s(){}]|\{\{[^{}\n]*\}\}|\{%[^{}%\n]*%\}|\{)+")
_TEMPLATE_IN_ADDRESS = re.compile(r"\{\{[^{}\n]*\}\}|\{%[^{}%\n]*%\}")
# In a Hugo page only a shortcode is code: ``{% link a.md %}`` or ``{{ page.x }}``, left
# from a Jekyll site, stays text, and an address with a space in it is no link there.
_SHORTCODE_DEFINITION = re.compile(
    r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(\S*\{\{[<%][^\n]*)$", re.MULTILINE
)
_SHORTCODE_DESTINATION = re.compile(r"\]\(\(?(?:[^\s(){}]|\{\{[<%][^{}\n]*[>%]\}\}|\{)+")
_SHORTCODE_IN_ADDRESS = re.compile(r"\{\{[<%][^{}\n]*[>%]\}\}")
_LIQUID_AND_SHORTCODES = (_TEMPLATE_DEFINITION, _TEMPLATE_DESTINATION, _TEMPLATE_IN_ADDRESS)
_SHORTCODES_ONLY = (_SHORTCODE_DEFINITION, _SHORTCODE_DESTINATION, _SHORTCODE_IN_ADDRESS)


def _templates_in_addresses(body: str, hugo: bool = False) -> str:
    """``body`` with the spaces inside template code in link addresses turned to no-break
    spaces (one character for one: offsets stay), so that each is one address; on a
    Hugo page, inside shortcodes only."""
    if "{{" not in body and "{%" not in body:
        return body
    definition, destination, code = _SHORTCODES_ONLY if hugo else _LIQUID_AND_SHORTCODES

    def joined(address: str) -> str:
        return code.sub(lambda found: found.group(0).replace(" ", "\u00a0"), address)

    body = definition.sub(lambda found: found.group(1) + joined(found.group(2)), body)
    return destination.sub(lambda found: joined(found.group(0)), body)


# Python-Markdown reads "###" then any character as a heading; CommonMark wants a space or
# a tab. A no-break space there (Textual's "###\u00a0Scrolling") is one character for one.
_SPACED_HASHES = re.compile(r"^( {0,3}#{1,6})[\u00a0\u2000-\u200a\u202f\u205f\u3000]", re.MULTILINE)


# Python-Markdown's admonitions (!!!), pymdownx.details (??? and ???+) and pymdownx.tabbed
# (===, with + or ! or both): a marker line whose body is indented by four spaces more.
_MKDOCS_BLOCK = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===(?:\+!?|!\+?)?)[ \t]", re.MULTILINE)
# md_in_html: an HTML tag that opens a line and has a ``markdown`` attribute holds Markdown,
# also on the very next line; CommonMark would read those lines as raw HTML up to a blank
# line. Anchored at a line start and kept to its line: linear.
_MARKDOWN_HTML = re.compile(
    r"^ {0,3}<[A-Za-z][A-Za-z0-9-]*(?:[ \t][^>\n]*)?[ \t]markdown(?=[\s=/>])",
    re.MULTILINE,
)
# An empty comment before such a tag: CommonMark's HTML block then starts with "<!--" and
# ends on that same line (at its "-->"), so the next line is Markdown. The outline reads
# the tag's ids and files from the original line.
_CLOSED_COMMENT = "<!---->"
_INDENT = 4


def mkdocs_blocks_as_markdown(body: str) -> str:
    """The body with every MkDocs block's marker line emptied (a definition's marker
    dropped, its text kept) and its indented lines moved four spaces left, so CommonMark
    reads their bodies as the Markdown MkDocs renders, not as code. Inside a fenced code
    block no line is a marker (Python-Markdown sets fences aside first). Every line stays
    on its line: tokens map to the right source lines, where the outline finds each piece
    of text in the original; linear in the body."""
    out: list[str] = []
    stack: list[int] = []  # indents of the open blocks' bodies
    fence = ""  # the open code fence's marker, "" outside one
    for line in body.splitlines(keepends=True):
        written = line.rstrip("\r\n")
        if not written.strip():
            out.append(line)
            continue
        content = _tabs_as_spaces(written)
        indent = len(content) - len(content.lstrip(" "))
        while stack and indent < stack[-1]:
            stack.pop()
        moved = content[min(_INDENT * len(stack), indent) :]
        in_code, fence = fence, next_fence(fence, moved)
        text = moved if in_code or fence else _unmarked(moved, stack, indent)
        out.append(text + line[len(written) :])
    return "".join(out)


def _tabs_as_spaces(line: str) -> str:
    """``line`` with the tabs of its indentation as spaces to the next multiple of four, as
    Python-Markdown reads them (an admonition body indented with a tab: nodemcu's docs)."""
    lead = len(line) - len(line.lstrip(" \t"))
    if "\t" not in line[:lead]:
        return line
    return line[:lead].expandtabs(_INDENT) + line[lead:]


# Parts a reader sees one at a time: tabs, steps, collapsed details. As Hugo shortcodes
# (also on pages kept for a Hugo site elsewhere), and as MkDocs content tabs (===) and
# details (???).
SCANNED_SHORTCODES = frozenset(
    {"accordion", "collapse", "details", "expand", "step", "steps", "tab", "tabpane", "tabs"}
)
_SCANNED_MKDOCS = re.compile(r"[ \t]*(?:\?\?\?\+?|===(?:\+!?|!\+?)?)[ \t]")


def scanned_regions(body: str, dialect: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``body`` of tabs, steps, collapsed details and the
    definitions of definition lists, sorted and merged (see ``Document.scanned``)."""
    regions = paired_shortcode_spans(body, SCANNED_SHORTCODES)
    if "<details" in body or "<DETAILS" in body:
        regions += _html_elements(body, _DETAILS_OPEN, _DETAILS_CLOSE)
    if "<table" in body or "<TABLE" in body:
        regions += _html_elements(body, _TABLE_OPEN, _TABLE_CLOSE)
    if dialect == "mkdocs" and ("===" in body or "???" in body):
        regions += _mkdocs_scanned(body)
    if DEFINITION.search(body):  # kramdown, def_list, Hugo's Goldmark, Pandoc all read them
        regions += definition_regions(body, with_terms=True)
    return merged_regions(regions)


# A box fenced with three colons or more: Pandoc's fenced divs (``::: callout``, ``:::
# {.keypoints}``), Docusaurus' and VitePress' containers (``:::tip``). A line of colons
# alone closes the innermost.
_BOX_FENCE = re.compile(r" {0,3}(:{3,})[ \t]*(?P<name>[{A-Za-z][^\n]*)?$")


def box_regions(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``body`` of the outermost boxes fenced with colons, from
    their opening line to the end of their closing one (an unclosed box runs to the end).
    One pass over the lines, code fences stepped over: linear."""
    if ":::" not in body:
        return []
    regions: list[tuple[int, int]] = []
    depth, start, fence, offset = 0, 0, "", 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        in_code, fence = fence, next_fence(fence, content.lstrip())
        found = None if in_code or fence else _BOX_FENCE.fullmatch(content)
        offset += len(line)
        if found is None:
            continue
        if found.group("name"):
            if depth == 0:
                start = offset - len(line)
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                regions.append((start, offset))
    if depth:
        regions.append((start, len(body)))
    return regions


def merged_regions(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``regions`` sorted, those that overlap made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_DETAILS_OPEN = re.compile(r"<details\b", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def _html_elements(
    body: str, opening: re.Pattern[str], closing: re.Pattern[str]
) -> list[tuple[int, int]]:
    """Each raw HTML element that ``opening`` and ``closing`` find: a ``<details>``,
    collapsed until the reader opens it (Knative's release notes, Home Assistant's API
    entries), or a ``<table>``, whose cells may hold Markdown paragraphs after blank lines
    (Sourcegraph's review templates): text to scan. One pass: a search starts where the
    last element ended."""
    regions = []
    opened = opening.search(body)
    while opened:
        closed = closing.search(body, opened.end())
        end = closed.end() if closed else len(body)
        regions.append((opened.start(), end))
        opened = opening.search(body, end)
    return regions


def _mkdocs_scanned(body: str) -> list[tuple[int, int]]:
    """Each MkDocs tab or details block: its marker line and the indented lines after it.
    One pass over the lines, nested blocks on a stack: linear."""
    regions: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (marker's indent, marker line's offset)
    fence, offset = "", 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            indent = len(content) - len(content.lstrip(" "))
            while stack and indent <= stack[-1][0]:
                regions.append((stack.pop()[1], offset))
            in_code, fence = fence, next_fence(fence, content.lstrip())
            if not (in_code or fence) and _SCANNED_MKDOCS.match(content):
                stack.append((indent, offset))
        offset += len(line)
    regions.extend((start, offset) for _, start in stack)
    return regions


def _unmarked(line: str, stack: list[int], indent: int) -> str:
    """``line`` (already moved left) with a block marker taken out; a marker opens a body
    four spaces deeper (pushed on ``stack``)."""
    if _MKDOCS_BLOCK.match(line):
        stack.append(indent + _INDENT)
        return ""  # the marker line: empty (its title is not page text)
    definition = DEFINITION.match(line)
    if definition:
        stack.append((stack[-1] if stack else 0) + _INDENT)
        return line[definition.end() :]  # its text stays, a paragraph of the enclosing block
    if stack and _MARKDOWN_HTML.match(line):  # at the top, _PythonMarkdownReader's
        return _CLOSED_COMMENT + line
    return line


# kramdown (Jekyll's Markdown): its HTML differs from CommonMark's in three ways. A block
# tag at a line start holds raw text up to its end tag, blank lines included, unless
# ``markdown="1"`` (or ``block``, ``span``) makes its body Markdown (``parse_block_html``
# does so for every tag). A span tag at a line start begins a paragraph, not an HTML block.
# Names from kramdown 2.4 lib/kramdown/parser/html.rb.
KRAMDOWN_DIALECTS = ("kramdown", "kramdown-block-html")
# fmt: off
_KRAMDOWN_SPAN_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn",
    "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc",
    "rp", "rt", "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup",
    "tt", "u", "var",
})
_KRAMDOWN_BLOCK_BODY = frozenset({
    "address", "applet", "article", "aside", "blockquote", "body", "dd", "details", "div",
    "dl", "fieldset", "figure", "figcaption", "footer", "form", "header", "hgroup", "iframe",
    "li", "main", "map", "menu", "nav", "noscript", "object", "section", "summary", "td",
})
_KRAMDOWN_SPAN_BODY = frozenset({
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn",
    "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label", "legend",
    "optgroup", "p", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "select", "small", "span",
    "strong", "sub", "sup", "th", "tt",
})
_KRAMDOWN_NO_BODY = frozenset({
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
})
# fmt: on
_KRAMDOWN_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}
# A start tag as kramdown reads one (parser/html.rb HTML_TAG_RE, HTML_ATTRIBUTE_RE): an
# attribute's value is quoted or all word characters. Any other tag, such as <a href=a.html>
# or <a href=“a.html”> (typographic quotes), kramdown writes out as text: no link.
_KRAMDOWN_NAME = r"[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?"
# Possessive throughout, as nothing given back could make a match: linear on any tag.
_KRAMDOWN_START_TAG = re.compile(
    rf"<{_KRAMDOWN_NAME}\s*+(?>\s*+{_KRAMDOWN_NAME}"
    rf"(?:\s*+=\s*+(?:\w++|\"[^\"]*+\"|'[^']*+'))?)*+\s*+/?>"
)
_LINE_TAG = re.compile(r" {0,3}<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^>]*)?)>")
_MARKDOWN_ATTR = re.compile(r"""\smarkdown\s*=\s*["']?([\w]+)""")
# Liquid blocks: Jekyll runs Liquid before kramdown. ``highlight`` turns its body into
# escaped code, a diagram plugin's ``mermaid`` or ``plantuml`` into a picture, and
# ``comment`` drops it, so kramdown never reads them as written; ``raw`` hands its body
# to kramdown as it is, other Liquid markers in it included. Each ``{%`` is looked at
# once: linear.
_LIQUID_BLOCK = re.compile(r"\{%-?\s*(end)?(highlight|mermaid|plantuml|raw|comment)(?![\w-])")
_LIQUID_CODE = ("highlight", "mermaid", "plantuml")  # read as a code block
_LIQUID_HIDDEN = (*_LIQUID_CODE, "comment")
# kramdown's block extensions (extensions.rb EXT_BLOCK_START): ``{::comment}`` drops its
# body, ``{::nomarkdown}`` outputs it as it is; a line of its own up to ``{:/comment}``
# or ``{:/}``. Anchored at the line start, no nested repeats: linear.
_EXTENSION_START = re.compile(r" {0,3}\{::(comment|nomarkdown)(?:\s[^}]*)?(?<!/)\}\s*\Z")
_EXTENSION_STOP = re.compile(r" {0,3}\{:/(?:comment|nomarkdown)?\}\s*\Z")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|\Z)")


class _KramdownReader:
    """The body as CommonMark reads what kramdown makes of its HTML, in one pass over
    its lines, keeping what kramdown would have open at each: a tag line that opens
    Markdown (``<aside markdown="1">``) or closes it gets an empty comment after its
    indentation, so it is one line of HTML and the next line is Markdown; a span tag
    alone on its line where a block starts (``<img ...>``) starts a paragraph (see
    ``_span_line``); a blank line inside a raw block
    tag (``<div>``) becomes that comment, so CommonMark's HTML block goes on to the end
    tag (or, never closed, is left to CommonMark: see ``finish``), where it must end
    (``raw_blocks``). Code (fences, Liquid ``highlight`` and ``comment``, kramdown's
    ``{::comment}`` and ``{::nomarkdown}``) is left as it is. Every line stays on its
    line; the outline reads each tag from the original text. Linear in the body."""

    templates = True  # Liquid blocks and kramdown's {::comment} extensions count

    def __init__(self, parse_block_html: bool) -> None:
        self.parse_block_html = parse_block_html
        self.lines: list[str] = []  # the body's lines as written
        self.out: list[str] = []  # the same lines as CommonMark should read them
        self.stack: list[_OpenTag] = []  # open tags, a raw one only on top
        self.raw_start = 0  # the line where the open raw tag (if any) began
        self.liquid = ""  # the open Liquid block's name
        self.extension = False  # inside {::comment} or {::nomarkdown}
        self.fence = ""  # the open code fence's marker
        self.block_start = True  # a line here starts a block, not a paragraph's next line
        self.highlight: int | None = None  # the line of an open highlight tag alone on it
        self.raw_blocks: dict[int, int] = {}  # each raw tag's first line -> its last
        self.inline_tag_lines: set[int] = set()  # see _span_line and _INLINE_TAG_LINES

    def rewritten(self, body: str) -> str:
        """``body`` read line by line, as CommonMark should read it (see ``finish``): its
        lines are CommonMark's (ended by LF, CR or both; not by a form feed or U+2028,
        which ``str.splitlines`` also breaks at), so the line numbers it notes are the
        parser's."""
        for line in _COMMONMARK_LINE.findall(body):
            self.read(line)
        return self.finish()

    def read(self, line: str) -> None:
        content = line.rstrip("\r\n")
        self.lines.append(line)
        if not self.templates:
            read = self._raw_line if self.raw_open else self._markdown_line
            self.out.append(read(content, line))
            return
        before = self.liquid
        hidden = before in _LIQUID_HIDDEN
        self.liquid = _next_liquid(before, content)
        if before != self.liquid and (before in _LIQUID_CODE or self.liquid in _LIQUID_CODE):
            alone = _LIQUID_TAG_LINE.fullmatch(content) is not None and not self.raw_open
            if self.liquid in _LIQUID_CODE:
                self.highlight = len(self.out) if alone else None
            elif alone and self.highlight is not None:
                self._fence_highlight(self.highlight, line)
                return
        if hidden:  # Liquid's own: kramdown never sees it as written
            self.out.append(self._kept_open(content, line) if self.raw_open else line)
            self.block_start = not self.raw_open
        elif self.raw_open:
            self.out.append(self._raw_line(content, line))
        else:
            self.out.append(self._markdown_line(content, line))

    def finish(self) -> str:
        """The rewritten body. A raw tag still open at the end is left to CommonMark from
        its line on: kramdown would show the rest of the page as raw text (and warn "Found
        no end tag"), but a site whose pages show that is rare, while a tag count that
        Liquid changes (``{% if %}`` branches, an ``{% include %}`` that closes the tag)
        is common; checking the rest of the page is the safer mistake."""
        if self.raw_open:
            self.out[self.raw_start :] = self.lines[self.raw_start :]
        return "".join(self.out)

    def _span_tag(self, name: str) -> bool:
        """Whether a tag of ``name`` at a line start begins a paragraph, not a block."""
        return name in _KRAMDOWN_SPAN_TAGS

    def _model(self, name: str, attributes: str, rest: str) -> str:
        """How the body of a block tag that opens a line is read (``rest``: the line
        after the tag)."""
        return _kramdown_model(name, attributes, self.parse_block_html)

    def _fence_highlight(self, opened: int, line: str) -> None:
        """A ``{% highlight %}`` tag (or a diagram's, ``{% mermaid %}``) and its end tag,
        each alone on its line, as a code fence of tildes: Jekyll shows the lines between
        as code or a picture, so CommonMark should read them as code (a Ruby ``# comment``
        there is no heading, a diagram's labels no prose). Both tags keep their length."""
        opening, closing = self.lines[opened], line
        width = min(len(opening.strip()), len(closing.strip()))
        self.out[opened] = _as_fence(opening, width)
        self.out.append(_as_fence(closing, width))
        self.block_start = True
        self.highlight = None

    @property
    def raw_open(self) -> bool:
        return bool(self.stack) and self.stack[-1].model == "raw"

    def _raw_line(self, content: str, line: str) -> str:
        """A line of a raw block tag's body: a blank line keeps CommonMark's HTML block
        open; the tag's end (counting nested tags of its name) closes it, and the HTML
        block ends there (see :data:`_HTML_BLOCK_ENDS`)."""
        opened = self.stack[-1]
        if not opened.follow(content.lower()):
            self.stack.pop()
            self.raw_blocks[self.raw_start] = len(self.out)  # this line's: not added yet
        return self._kept_open(content, line, opened)

    def _kept_open(self, content: str, line: str, opened: _OpenTag | None = None) -> str:
        """A line inside a raw block tag: a blank one becomes an empty comment, indented
        as the tag, so CommonMark's HTML block goes on (inside a list item too)."""
        if content.strip():
            return line
        indent = (opened or self.stack[-1]).indent
        return " " * indent + _CLOSED_COMMENT + line[len(content) :]

    def _markdown_line(self, content: str, line: str) -> str:
        """A line kramdown reads as Markdown (or as a tag starting a block)."""
        in_code, self.fence = self.fence, next_fence(self.fence, content)
        in_extension = self.extension
        if self.templates and not (in_code or self.fence):
            self.extension = _next_extension(self.extension, content)
        tag = None if in_code or self.fence or in_extension else _LINE_TAG.match(content)
        if tag is None:
            in_span = bool(self.stack) and self.stack[-1].model == "span"
            self._follow_span_body(content)
            code = bool(in_code or self.fence or in_extension or self.extension)
            self.block_start = code or _ends_block(content)
            return _unindented(content, line) if in_span and not code else line
        rewritten = self._tag_line(tag, content, line)
        self.block_start = rewritten != line  # a commented line is a whole HTML block
        return rewritten

    def _span_line(self, closing: bool, rest: str, line: str) -> str:
        """A line that opens with a span tag (``<img ...>``, ``<audio controls>``): where
        a block starts, it starts a paragraph, as in kramdown and Python-Markdown, so the
        next lines are that paragraph's, even when indented four spaces (``<source>``
        lines inside ``<audio>``: code to CommonMark's HTML block after a comment). Alone
        on its line, CommonMark would read it as an HTML block up to the next blank line
        and leave the Markdown there unread: the line is noted as inline HTML instead."""
        if not rest.strip() and not closing and self.block_start:
            self.inline_tag_lines.add(len(self.out))  # this line's index: not added yet
        return line

    def _follow_span_body(self, content: str) -> None:
        """kramdown ends a span body (``<p markdown="1">``) at its first end tag, anywhere
        on a line, nested tags of its name or not."""
        if self.stack and self.stack[-1].model == "span":
            edges = _tag_edges(self.stack[-1].name).finditer(content.lower())
            if any(edge.group(1) for edge in edges):
                self.stack.pop()

    def _tag_line(self, tag: re.Match[str], content: str, line: str) -> str:
        """A line that starts with a tag: unchanged when CommonMark already reads it as
        kramdown does, else with an empty comment after its indentation."""
        closing, name, attributes = tag.group(1) == "/", tag.group(2).lower(), tag.group(3)
        if self._span_tag(name):
            return self._span_line(closing, content[tag.end() :], line)
        if closing:
            if not (self.stack and self.stack[-1].name == name):
                return line
            self.stack.pop()
            return _commented(line)
        model = self._model(name, attributes, content[tag.end() :])
        if not (attributes.rstrip().endswith("/") or name in _KRAMDOWN_NO_BODY):
            indent = len(content) - len(content.lstrip(" "))
            opened = _OpenTag(name, model, indent)
            if opened.follow(content[tag.end() :].lower()):
                self.stack.append(opened)
                self.raw_start = len(self.out)  # this line's index: it is not added yet
        if model == "raw" and not self.raw_open:  # a raw tag that ends on its own line
            self.raw_blocks[len(self.out)] = len(self.out)
        return line if model == "raw" else _commented(line)


# Python-Markdown 3's block-level elements (markdown/core.py BLOCK_LEVEL_ELEMENTS): one at
# a line start opens a raw HTML block.
# fmt: off
_PYTHON_MARKDOWN_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
    "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe", "li", "legend",
    "math", "map", "noscript", "output", "object", "option", "progress", "script", "style",
    "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center",
})
# fmt: on
_MD_IN_HTML = {"1": "block", "block": "block", "span": "span"}
# The tags whose markdown="1" body md_in_html reads as inline text (md_in_html.py span_tags).
# fmt: off
_SPAN_BODY = frozenset({
    "address", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "p",
    "summary", "td", "th",
})
# fmt: on
_MD_ATTRIBUTE = re.compile(r"""\smarkdown(?:\s*=\s*["']?(\w*))?""")


class _PythonMarkdownReader(_KramdownReader):
    """Python-Markdown's raw HTML, as its ``html_block`` preprocessor reads it (checked
    with Markdown 3.11): a block-level tag that opens a line (up to three spaces in, so
    never one indented into a list item) holds raw text up to its end tag, blank lines
    included; an inline tag there starts a paragraph. With md_in_html, a ``markdown``
    attribute makes the body Markdown, but a block tag inside it without one is raw again
    (``<table markdown="1"><tr>``: the row, and every cell in it, stays raw)."""

    templates = False

    def __init__(self, md_in_html: bool) -> None:
        super().__init__(parse_block_html=False)
        self.md_in_html = md_in_html

    def _span_tag(self, name: str) -> bool:
        return name not in _PYTHON_MARKDOWN_BLOCK_TAGS

    def _tag_line(self, tag: re.Match[str], content: str, line: str) -> str:
        """As kramdown's, and a raw tag that ends on its own line is a one-line HTML
        block (``<div>x</div>``: Python-Markdown reads the next line as Markdown)."""
        depth = len(self.stack)
        rewritten = super()._tag_line(tag, content, line)
        if rewritten is not line and self._markdown_on_its_line(tag, content):
            self.inline_tag_lines.add(len(self.out))  # this line's index: not added yet
            return line
        one_line = rewritten is line and len(self.stack) == depth and not tag.group(1)
        if one_line and not self._span_tag(tag.group(2).lower()):
            return _commented(line)
        return rewritten

    def _markdown_on_its_line(self, tag: re.Match[str], content: str) -> bool:
        """Whether md_in_html reads text after the tag on its own line as Markdown
        (``<summary markdown>See [a](a.md)</summary>``, ``<div markdown>[b](b.md)</div>``):
        the line is then a paragraph to CommonMark, the tags in it inline HTML."""
        if tag.group(1) or not self.md_in_html or not _MD_ATTRIBUTE.search(tag.group(3)):
            return False
        rest = content[tag.end() :]
        return bool(rest.strip()) and self._model(tag.group(2).lower(), tag.group(3), rest) != "raw"

    def _raw_line(self, content: str, line: str) -> str:
        """A line of a raw block: kramdown's, but the end tag does not count in a code
        fence (Python-Markdown sets fences aside first)."""
        in_code, self.fence = self.fence, next_fence(self.fence, content)
        if in_code or self.fence:
            return self._kept_open(content, line)
        return super()._raw_line(content, line)

    def _model(self, name: str, attributes: str, rest: str) -> str:
        found = _MD_ATTRIBUTE.search(attributes) if self.md_in_html else None
        model = _MD_IN_HTML.get(found.group(1) or "1", "raw") if found else "raw"
        if model == "block" and found and (found.group(1) or "1") == "1" and name in _SPAN_BODY:
            model = "span"  # md_in_html: markdown="1" on a p, li, summary, td... is span
        if model != "raw" and any(
            tag.group("name").lower() in _PYTHON_MARKDOWN_BLOCK_TAGS
            and not _MD_ATTRIBUTE.search(tag.group("attributes"))
            for tag in _INNER_TAG.finditer(rest)
        ):
            return "raw"  # a raw block tag opens inside it on the same line
        return model


# A table's delimiter row: cells of dashes (colons for alignment) between pipes.
_DELIMITER_ROW = re.compile(  # possessive: no backtracking into a run of blanks
    r"[ \t]*+\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)*+\|?[ \t]*+"
)
_CELL_PIPE = re.compile(r"(?<!\\)\|")


def _kramdown_delimiter_rows(body: str) -> str:
    """``body`` with each table delimiter row that has more or fewer cells than its
    header row rewritten with as many, in place (the same length, so every offset
    stays). kramdown reads any line with a pipe as a table row, whatever the counts
    (Kong's docs: "Metric | Category | Description" over "-------|------------");
    GFM, and markdown-it, read no table there, only a long paragraph."""
    lines = _COMMONMARK_LINE.findall(body)
    fence = ""
    for index, line in enumerate(lines):
        content = line.rstrip("\r\n")
        in_code, fence = fence, next_fence(fence, content.lstrip(" "))
        if in_code or fence or not index or "|" not in content:
            continue
        if not _DELIMITER_ROW.fullmatch(content):
            continue
        header = lines[index - 1].strip().strip("|")
        wanted = len(_CELL_PIPE.findall(header)) + 1
        if "|" not in lines[index - 1] or wanted == content.strip().strip("|").count("|") + 1:
            continue
        if len(content) >= 2 * wanted - 1:
            dashes = "-|" * (wanted - 1) + "-" * (len(content) - 2 * (wanted - 1))
            lines[index] = dashes + line[len(content) :]
    return "".join(lines)


def _without_fenced_code(fragment: str) -> str:
    """A raw HTML block with the code fences in it blanked, line ends and length kept:
    Python-Markdown sets fences aside before it reads raw HTML, so a console session in
    ``<div class="termy">`` (Typer's and FastAPI's docs) is code, not the block's text."""
    lines, fence = [], ""
    for line in _COMMONMARK_LINE.findall(fragment):
        content = line.rstrip("\r\n")
        in_code, fence = fence, next_fence(fence, content.lstrip(" "))
        if in_code or fence:
            line = " " * len(content) + line[len(content) :]
        lines.append(line)
    return "".join(lines)


# A line that opens with a tag: where Python-Markdown's raw HTML may differ from CommonMark's.
_BLOCK_TAG_LINE = re.compile(r"^ {0,3}<[A-Za-z]", re.MULTILINE)
_INNER_TAG = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attributes>(?:\s[^<>]*)?)>")


# A Liquid tag alone on its line (indentation and trailing blanks aside).
_LIQUID_TAG_LINE = re.compile(r"[ \t]*\{%[^%\n]*%\}[ \t]*")


def _as_fence(line: str, width: int) -> str:
    """``line`` (a tag alone on it) as ``width`` tildes where the tag starts, then blanks:
    the same length, so every offset of the page stays."""
    content = line.rstrip("\r\n")
    indent = len(content) - len(content.lstrip())
    blanks = " " * (len(content) - indent - width)
    return content[:indent] + "~" * width + blanks + line[len(content) :]


def _next_liquid(open_block: str, content: str) -> str:
    """The Liquid block open after ``content``: inside one, only its own end counts."""
    if "{%" not in content:
        return open_block
    for marker in _LIQUID_BLOCK.finditer(content):
        ends, name = bool(marker.group(1)), marker.group(2)
        if not open_block and not ends:
            open_block = name
        elif open_block == name and ends:
            open_block = ""
    return open_block


def _next_extension(inside: bool, content: str) -> bool:
    """Whether a ``{::comment}`` or ``{::nomarkdown}`` block is open after ``content``."""
    if inside:
        return _EXTENSION_STOP.match(content) is None
    return _EXTENSION_START.match(content) is not None


def _ends_block(content: str) -> bool:
    """Whether the line after ``content`` starts a block in CommonMark, as it does in
    kramdown: after a blank line or a heading. After paragraph text it goes on with the
    paragraph in both, an ``<img>`` alone on it included."""
    return not content.strip() or _ATX_HEADING.match(content) is not None


def _unindented(content: str, line: str) -> str:
    """A line of a span body (``<figure markdown="span">``) with the indentation that
    would make it a code block to CommonMark moved to its end: the body is inline
    Markdown, however far in (Material's image captions indent it four spaces)."""
    text = content.lstrip(" \t")
    indent = content[: len(content) - len(text)]
    if len(indent.expandtabs(_INDENT)) < _INDENT:
        return line
    return text + indent + line[len(content) :]


def _commented(line: str) -> str:
    """``line`` with an empty comment after its indentation, where the tag was: at the
    line start it would end a list item the line is indented into."""
    indent = len(line) - len(line.lstrip(" "))
    return line[:indent] + _CLOSED_COMMENT + line[indent:]


class _OpenTag(Struct):
    """A block tag whose end kramdown looks for: how it reads the body, how many tags of
    its name are open (nested ones included), and its indentation."""

    name: str
    model: str  # "raw", "block" or "span"
    indent: int = 0
    depth: int = 1

    def follow(self, lowered: str) -> bool:
        """Count the tags of this name that ``lowered`` opens and closes, up to the end
        tag that closes this one; True while it is still open."""
        for edge in _tag_edges(self.name).finditer(lowered):
            self.depth += -1 if edge.group(1) else 1
            if self.depth == 0:
                return False
        return True


@lru_cache(maxsize=256)
def _tag_edges(name: str) -> re.Pattern[str]:
    """Tags of one name as kramdown matches them: ``<name`` then a space, ``/`` or ``>``
    opens one; ``</name>`` (spaces allowed before ``>``) closes it, so ``</pre>`` does
    not close a ``<p>`` nor ``</header>`` a ``<head>``. Each ``<`` is tried once: linear."""
    return re.compile(rf"<(?:(/){name}\s*>|{name}(?=[\s/>]|\Z))")


def _kramdown_model(name: str, attributes: str, parse_block_html: bool) -> str:
    """``handle_kramdown_html_tag``: how kramdown reads a block tag's body."""
    found = _MARKDOWN_ATTR.search(attributes)
    chosen = _KRAMDOWN_MARKDOWN_ATTR.get(found.group(1)) if found else None
    if chosen is None:
        chosen = "default" if parse_block_html else "raw"
    if chosen != "default":
        return chosen
    if name in _KRAMDOWN_BLOCK_BODY:
        return "block"
    return "span" if name in _KRAMDOWN_SPAN_BODY else "raw"


class MarkdownOutline:
    def __init__(
        self,
        text: str,
        lines: LineIndex,
        body_start: int,
        tokens: Sequence[Token],
        dialect: str = "commonmark",
    ):
        self.text = text
        self.dialect = dialect  # whose template code is no prose (see parse.templates)
        self.lines = lines
        self.body_start = body_start
        self.body_line = lines.position(body_start)[0]
        self.tokens = tokens
        self.document = Document()
        self._pending_wall: int | None = None
        self._heading_end_line = -1  # file offset of the line after the last heading
        self._ial_above_heading: str | None = None  # a kramdown {: #id} line for the next

    def line_offset(self, map_line: int) -> int:
        """File offset of the start of a body line from a token map (0-based)."""
        return self.lines.line_start(self.body_line + map_line)

    def build(self) -> Document:
        containers: list[str] = []
        item_notes: list[tuple[int, int]] = []  # block quotes' paragraphs in list items
        tokens = self.tokens
        row_cursor = 0  # where the next cell of the current table row may start
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in _CONTAINER_KIND:
                containers.append(_CONTAINER_KIND[kind])
            elif kind in ("list_item_close", "blockquote_close") and containers:
                containers.pop()
            elif kind == "heading_open" and token.map:
                self._heading(token, tokens[index + 1])
            elif kind == "tr_open":
                row_cursor = 0
                self._row_attributes(token)
            elif kind == "inline" and token.map and index:
                parent = tokens[index - 1].type
                if parent == "paragraph_open":
                    block_kind = containers[-1] if containers else "paragraph"
                    self._attribute_lines(tokens, index, "list_item" in containers)
                    self._inline(token, prose_kind=block_kind)
                    if block_kind == "blockquote" and "list_item" in containers:
                        # A note inside a step is the step's: read as a list's words.
                        map_start, map_end = token.map
                        item_notes.append((self.line_offset(map_start), self.line_offset(map_end)))
                elif parent in ("th_open", "td_open"):
                    row_cursor = self._cell(token, row_cursor)
            elif kind == "html_block" and token.map:
                self._html_block(token)
            elif kind == "fence" and token.map and "{" in token.info:
                self._fence_attributes(token)
        if self.text.find("[^", self.body_start) >= 0:
            self._footnotes()
        body = self.text[self.body_start :]
        if self.dialect in PYTHON_MARKDOWN_DIALECTS and DEFINITION.search(body):
            self._term_attributes(body)
        if self.dialect in KRAMDOWN_DIALECTS:
            self.document.terms = [
                Term(self.body_start + offset, inline_parts(text.strip()), prefix)
                for offset, text, prefix in kramdown_auto_id_terms(body)
            ]
        found_boxes = box_regions(body)
        if self.dialect in PYTHON_MARKDOWN_DIALECTS and "!!!" in body:
            found_boxes = merged_regions([*found_boxes, *titled_admonitions(body)])
        boxes = [(self.body_start + start, self.body_start + end) for start, end in found_boxes]
        self.document.boxes = boxes
        self.document.scanned = merged_regions([
            *((self.body_start + start, self.body_start + end)
              for start, end in scanned_regions(body, self.dialect)),
            *item_notes,
            *boxes,
        ])  # fmt: skip
        return self.document

    # -- blocks ----------------------------------------------------------------------
    def _heading(self, token: Token, inline: Token) -> None:
        assert token.map is not None
        start = self.line_offset(token.map[0])
        end = self.line_offset(token.map[1])
        line = self.text[start:end]
        start += len(line) - len(line.lstrip())
        end = start + len(line.strip())
        parts = heading_parts(inline.children or [])
        shown = "".join(
            value if kind != "break" else " " for kind, value in parts if kind != "html"
        )
        raw = inline.content.rsplit("\n", 1)[-1]  # a setext heading's last line
        heading = Heading(int(token.tag[1]), "", start, end, parts=parts, raw=raw)
        heading.ial_id, self._ial_above_heading = self._ial_above_heading, None
        self._heading_end_line = self.line_offset(token.map[1])
        heading.python_markdown_parts = python_markdown_parts(inline.content)
        if attribute := trailing_heading_list(raw):
            heading.explicit_id = attribute.id
            heading.attribute = attribute.text
            heading.attribute_syntax = attribute.syntax
            shown = shown.rstrip()
            if shown.endswith(attribute.text.strip()):
                shown = shown[: -len(attribute.text.strip())]
            if attribute.id:
                self.document.add_anchor(attribute.id, start, attribute.syntax)
        heading.text = " ".join(shown.split())
        self.document.headings.append(heading)
        self._inline(inline, prose_kind="heading")

    def _html_block(self, token: Token) -> None:
        assert token.map is not None
        start = self.line_offset(token.map[0])
        end = self.line_offset(token.map[1])
        fragment = self.text[start:end]
        if self.dialect in PYTHON_MARKDOWN_DIALECTS and ("```" in fragment or "~~~" in fragment):
            fragment = _without_fenced_code(fragment)
        parser = HtmlOutline(self.document, fragment, start, IdSyntax.RAW_HTML, self.dialect)
        parser.feed(fragment)
        still_open = parser.finish()
        if self._pending_wall is not None and parser.stray_paragraph_ends:
            record_wall(
                self.document, self.text, 0, self._pending_wall, parser.stray_paragraph_ends[0]
            )
            self._pending_wall = None
        if still_open and self._pending_wall is None:
            self._pending_wall = still_open[0]

    def _fence_attributes(self, token: Token) -> None:
        assert token.map is not None
        if fence_id := fence_list(token.info):
            line_start = self.line_offset(token.map[0])
            brace = self.text.find("{", line_start, self.line_offset(token.map[0] + 1))
            self.document.add_anchor(fence_id, max(brace, line_start), IdSyntax.FENCE_ATTRIBUTES)

    def _term_attributes(self, body: str) -> None:
        """attr_list reads a list ending a definition list's term as the term's, as a
        heading's (``Term { #term-id }`` then ``:   Definition``: ``<dt id="term-id">``;
        Python-Markdown 3.11). The terms are the lines right above a definition (a blank
        line between allowed), after the definition before it."""
        done = 0
        for start, end in definition_regions(body):
            lines = body[done:start].splitlines(keepends=True)
            offset = start
            for index, line in enumerate(reversed(lines)):
                offset -= len(line)
                if not line.strip():
                    if index == 0:
                        continue  # one blank line may stand between terms and definition
                    break
                if OTHER_BLOCK.match(line):
                    break  # a heading, a fence, a list item: no term above it either
                self._term_attribute(line, self.body_start + offset)
            done = end

    def _term_attribute(self, line: str, start: int) -> None:
        listed = trailing_heading_list(line.rstrip("\r\n"))
        if listed is not None and listed.id and listed.syntax != IdSyntax.TIGHT_HEADING_ATTRIBUTES:
            brace = line.rstrip(" \t\r\n").rfind("{")
            self.document.add_anchor(listed.id, start + brace, IdSyntax.ATTR_LIST)

    def _ial_for_the_heading(self, tokens: Sequence[Token], index: int) -> bool:
        """Whether the IAL line that is the paragraph ``tokens[index]`` names the heading
        after it, as kramdown reads it (``{: #custom}`` then ``## Heading``: ``<h2
        id="custom">``, and no id of its own): after a blank line, it waits for the next
        block past more blank lines; at the page's start, only if that block follows."""
        following = tokens[index + 2] if index + 2 < len(tokens) else None
        if following is None or following.type != "heading_open" or following.map is None:
            return False
        first, end = tokens[index].map or (0, 0)
        if first == 0:
            return following.map[0] == end
        before = self.text[self.line_offset(first - 1) : self.line_offset(first)]
        return not before.strip()

    def _row_attributes(self, row: Token) -> None:
        """A kramdown IAL line right below a table (``{: #id}``) sets the table's id;
        CommonMark reads the line as one more row."""
        if row.map is None:
            return
        start, end = self.line_offset(row.map[0]), self.line_offset(row.map[0] + 1)
        found = line_list(self.text[start:end].rstrip("\r\n"))
        if found and found[1]:
            brace = self.text.find("{", start, end)
            self.document.add_anchor(found[0], brace, IdSyntax.KRAMDOWN_IAL)

    def _attribute_lines(self, tokens: Sequence[Token], index: int, in_list: bool) -> None:
        """Ids set by attribute-list lines of a paragraph (``{: #id }`` below a block, a
        kramdown IAL above one), and a kramdown IAL right below a heading, which names it."""
        inline, paragraph = tokens[index], tokens[index - 1]
        assert inline.map is not None and paragraph.map is not None
        if "{" not in inline.content:
            return
        lines = inline.content.split("\n")
        for number, line in enumerate(lines):
            if not (found := line_list(line)):
                continue
            value, colon = found
            line_start = self.line_offset(inline.map[0] + number)
            lazy = self.text[line_start : line_start + 1] not in (" ", "\t")
            kept = in_list and (lazy or not paragraph.hidden)
            syntax = block_line_syntax(number, len(lines), colon, in_list, kept)
            if not syntax:
                continue
            brace = self.text.find("{", line_start, self.line_offset(inline.map[0] + number + 1))
            self.document.add_anchor(value, max(brace, line_start), syntax)
            if len(lines) == 1 and colon and self._ial_for_the_heading(tokens, index):
                self._ial_above_heading = value
            below_heading = (
                len(lines) == 1
                and colon
                and index >= 2
                and tokens[index - 2].type == "heading_close"
                and self.document.headings
                and self.document.headings[-1].source == "markdown"
                and self.line_offset(paragraph.map[0]) == self._heading_end_line
            )
            if below_heading:
                self.document.headings[-1].ial_id = value

    def _footnotes(self) -> None:
        """Footnotes both defined and referenced, in order of first reference (the order
        the generators number them), read with markdown-it's footnote plugin."""
        env: dict = {}
        tokens = footnote_parser().parse(self.text[self.body_start :], env)
        first_line: dict[str, int] = {}
        for token in tokens:
            if token.type != "inline" or token.map is None:
                continue
            for child in token.children or []:
                # an inline footnote (``^[note]``, markdown-it's extension) has no label
                if child.type == "footnote_ref" and "label" in child.meta:
                    first_line.setdefault(child.meta["label"], token.map[0])
        listed = env.get("footnotes", {}).get("list", {})
        for entry in (listed[key] for key in sorted(listed)):
            label = entry.get("label")
            if label is not None and label in first_line:
                start = self.line_offset(first_line[label])
                self.document.footnotes.append(Footnote(label, start, entry.get("count", 1)))

    # -- inline ----------------------------------------------------------------------
    def _cell(self, token: Token, row_cursor: int) -> int:
        """Scan one table cell; returns where the row's next cell may start. A row's cells
        share one source line (and one line map), so each cell is scanned only where its
        text stands. markdown-it gives a cell its trimmed text with escaped pipes unescaped.
        """
        assert token.map is not None
        row = self.text[self.line_offset(token.map[0]) : self.line_offset(token.map[1])]
        typed = token.content.replace("|", "\\|")
        if not typed:
            return row_cursor
        found = row.find(typed, row_cursor)
        if found < 0:  # text markdown-it rewrote: scan on from the last cell's end
            return self._inline(token, prose_kind=None, span=(row_cursor, len(row)))
        self._inline(token, prose_kind=None, span=(found, found + len(typed)))
        if typed.endswith("}"):
            self._cell_attributes(token, found + typed.rfind("{"))
        return found + len(typed)

    def _cell_attributes(self, token: Token, brace: int) -> None:
        """attr_list reads a list ending a table cell as the cell's, as a heading's
        (``| x { #cell-id } |``: ``<td id="cell-id">``; Python-Markdown 3.10)."""
        assert token.map is not None
        listed = trailing_heading_list(token.content)
        if listed is not None and listed.id and listed.syntax != IdSyntax.TIGHT_HEADING_ATTRIBUTES:
            start = self.line_offset(token.map[0]) + brace
            self.document.add_anchor(listed.id, start, IdSyntax.ATTR_LIST)

    def _inline(
        self, token: Token, prose_kind: str | None, span: tuple[int, int] | None = None
    ) -> int:
        """Record one inline token's facts, found in its lines or in ``span`` of them;
        returns where the scan ended."""
        assert token.map is not None
        scan = _InlineScan(self, token.map)
        if span:
            scan.cursor = span[0]
            scan.region = scan.region[: span[1]]
        scan.paragraphs = prose_kind is not None
        scan.run(token.children or [])
        if prose_kind and scan.prose_text().strip():
            # Text found nowhere verbatim (backslash escapes: "### \<String\>") still
            # starts on its own line, not at the top of the file.
            anchors = scan.anchors or [(0, scan.base)]
            prose = without_template_code(scan.prose_text(), self.dialect, scan.code)
            prose = without_name_lists(prose, scan.code)
            block = Block(prose_kind, prose, anchors, scan.code, scan.emphasis, scan.breaks)  # type: ignore[arg-type]
            self.document.blocks.append(block)
        return scan.cursor


# A character Markdown lets a writer escape or write as a reference (not a letter, digit
# or space); how far past the cursor a text written so may start, in its own lengths.
_ESCAPABLE = re.compile(r"[^\w\s]")
_WRITTEN_REACH = 4


@lru_cache(maxsize=1024)
def _written_pattern(text: str) -> re.Pattern[str]:
    """``text`` as Markdown may write it: each character that is no letter, digit or space
    may be backslash-escaped or a character reference. One alternative per character, no
    nested repeats: linear."""
    parts = []
    for char in text:
        if _ESCAPABLE.match(char):
            parts.append(rf"(?:\\?{re.escape(char)}|&#?\w{{1,31}};)")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts))


# An inline link's address as written: Liquid output (which may hold spaces) or text up
# to the first space, where a title may follow.
_KRAMDOWN_ADDRESS = re.compile(r"(?:\{\{.*?\}\}|\{%.*?%\}|[^\s{])+|\{")


class _InlineScan:
    """Walk one inline token's children, locating each in the block's source text."""

    def __init__(self, outline: MarkdownOutline, line_map: list[int]) -> None:
        self.outline = outline
        self.document = outline.document
        self.base = outline.line_offset(line_map[0])
        self.region = outline.text[self.base : outline.line_offset(line_map[1])]
        self.cursor = 0
        self.prose: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.code: list[tuple[int, int]] = []  # prose indices of code spans
        self.emphasis: list[tuple[int, int]] = []  # prose indices of bold and italic runs
        self.breaks: list[int] = []  # prose indices of hard line breaks
        self._struck = 0  # strikethrough runs open around the text
        self._emphasis_starts: list[int] = []  # where each open run began
        self._code_starts: list[int] = []  # where each open raw <code> (or kbd...) began
        self._prose_length = 0
        self.links: list[tuple[Link, list[str]]] = []
        self.sequence: list[str | LineBreak] = []  # to decide which <br> only add spacing
        # Whether a paragraph may end inside: not in a Markdown table's cell, where
        # ``a<br><br>b`` is the only way to write two paragraphs.
        self.paragraphs = True
        self._previous = ""  # type of the previous child token

    def prose_text(self) -> str:
        return "".join(self.prose)

    def _find(self, needle: str) -> int | None:
        if not needle:
            return None
        found = self.region.find(needle, self.cursor)
        return None if found < 0 else found

    def _add_prose(self, text: str, located: int | None) -> None:
        if located is not None:
            self.anchors.append((self._prose_length, self.base + located))
        self.prose.append(text)
        self._prose_length += len(text)

    def run(self, children: Sequence[Token]) -> None:
        for child in children:
            handler = getattr(self, f"_on_{child.type}", None)
            if handler:
                handler(child)
            self._previous = child.type
        self._settle_breaks()

    def _find_text(self, text: str) -> tuple[int, int] | None:
        """Where ``text`` was written: as it is, or with backslash escapes and character
        references (``1\\.`` and ``&amp;`` read ``1.`` and ``&``) when one lies before the
        text as it is. Found as it is further on, ``1.`` of ``1\\. [A](#a)`` would be the
        ``1.`` of a later ``3.1.``, and every link after it placed there."""
        found = self._find(text)
        limit = len(self.region) if found is None else found
        written = self._find_written(text, limit)
        if written is not None:
            return written
        return None if found is None else (found, found + len(text))

    def _find_written(self, text: str, limit: int) -> tuple[int, int] | None:
        """``text`` written with escapes or references, starting before ``limit`` and
        near the cursor (a bounded window: linear in the text)."""
        region, cursor = self.region, self.cursor
        if region.find("\\", cursor, limit) < 0 and region.find("&", cursor, limit) < 0:
            return None  # most text: found right at the cursor
        if not _ESCAPABLE.search(text):
            return None
        window = min(len(region), limit + len(text), cursor + _WRITTEN_REACH * (len(text) + 8))
        match = _written_pattern(text).search(region, cursor, window)
        return (match.start(), match.end()) if match and match.start() < limit else None

    def _on_text(self, child: Token) -> None:
        span = self._find_text(child.content)
        if span is not None:
            located, self.cursor = span
        else:
            words = child.content.split()
            located = self._find(words[0]) if words else None
            if located is not None:
                self.cursor = located + len(child.content)
        start = self.base + (located if located is not None else self.cursor)
        if self._previous in _ATTRIBUTE_TARGETS and (found := leading_list(child.content)):
            value, syntax = found
            self.document.add_anchor(value, start, syntax)
        if "{" in child.content:
            for offset, value, syntax in span_lists(child.content):
                self.document.add_anchor(value, start + offset, syntax)
        for link, parts in self.links:
            parts.append(child.content)
            link.code = link.code and not child.content.strip()
        if not (self._inside_autolink() or self._struck):
            self._add_prose(child.content, located)
        self.sequence.append(child.content)

    def _on_s_open(self, child: Token) -> None:
        """Struck-through text (``~~old plan~~``) is withdrawn, kept for the record: no
        words of the prose to measure or reword."""
        self._struck += 1

    def _on_s_close(self, child: Token) -> None:
        self._struck = max(self._struck - 1, 0)

    def _on_code_inline(self, child: Token) -> None:
        located = self._find(child.content)
        if located is not None:
            self.cursor = located + len(child.content)
        for _, parts in self.links:
            parts.append(child.content)
        self.code.append((self._prose_length, self._prose_length + len(child.content)))
        self._add_prose(child.content, located)
        self.sequence.append(child.content)

    def _on_em_open(self, child: Token) -> None:
        self._emphasis_starts.append(self._prose_length)

    _on_strong_open = _on_em_open

    def _on_em_close(self, child: Token) -> None:
        if self._emphasis_starts:
            self.emphasis.append((self._emphasis_starts.pop(), self._prose_length))

    _on_strong_close = _on_em_close

    def _on_softbreak(self, child: Token) -> None:
        for _, parts in self.links:  # "[Chapter\n7]" reads "Chapter 7"
            parts.append(" ")
        self._add_prose("\n", None)
        self.sequence.append("")

    def _on_hardbreak(self, child: Token) -> None:
        self.breaks.append(self._prose_length)
        self._on_softbreak(child)

    def _on_link_open(self, child: Token) -> None:
        autolink = child.markup == "autolink"
        located = self._find("<" if autolink else "[")
        start = self.base + (located if located is not None else self.cursor)
        if located is not None:
            self.cursor = located + 1
        link = Link(str(child.attrs.get("href", "")), "", start, start + 1)
        link.source = "markdown"
        link.code = not autolink  # until its text holds more than code spans
        self.links.append((link, []))
        if autolink:
            link.alt = "autolink"  # marker consumed in _on_link_close

    def _inside_autolink(self) -> bool:
        return any(link.alt == "autolink" for link, _ in self.links)

    def _on_link_close(self, child: Token) -> None:
        if not self.links:
            return
        link, parts = self.links.pop()
        if link.alt == "autolink":
            link.alt = None
            close = self._find(">")
        else:
            close = self._link_tail()
        if close is not None:
            self.cursor = close + 1
            link.end = self.base + close + 1
            self._as_kramdown_writes(link, close)
        link.text = " ".join("".join(parts).split())
        link.code = link.code and bool(link.text)
        for outer, outer_parts in self.links:
            outer_parts.extend(parts)
            outer.code = outer.code and link.code
        self.document.links.append(link)

    def _as_kramdown_writes(self, link: Link, close: int) -> None:
        """kramdown reads no backslash escape in an inline link's address: it writes
        ``[b](/x\\_y.html)`` as written, and a browser reads that ``\\`` as ``/``; Liquid
        keeps it in ``{{ "/x\\_y.html" | relative_url }}`` too, as ``%5C``. markdown-it
        had read ``/x_y.html``, a page that exists (LOST-STATS' Jekyll docs)."""
        if self.outline.dialect not in KRAMDOWN_DIALECTS or self.region[close] != ")":
            return
        opening = self.region.rfind("](", 0, close)
        written = self.region[opening + 2 : close].strip() if opening >= 0 else ""
        if "\\" not in written or written.startswith("<"):
            return
        address = _KRAMDOWN_ADDRESS.match(written)
        if address is not None and "\\" in address.group(0):
            link.href = markdown_parser().normalizeLink(address.group(0))

    def _link_tail(self) -> int | None:
        """Offset of the ``)`` or ``]`` that ends ``[text](href)`` / ``[text][ref]``."""
        bracket = self._find("]")
        if bracket is None:
            return None
        after = self.region[bracket + 1 : bracket + 2]
        if after == "(":
            depth = 0
            for position in range(bracket + 1, len(self.region)):
                char = self.region[position]
                if char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                    if depth == 0:
                        return position
            return None
        if after == "[":
            close = self.region.find("]", bracket + 2)
            return close if close >= 0 else bracket
        return bracket

    def _on_image(self, child: Token) -> None:
        located = self._find("![")
        start = self.base + (located if located is not None else self.cursor)
        if located is not None:
            self.cursor = located + 2
        alt = child.content
        image = Link(str(child.attrs.get("src", "")), alt, start, start + 2, True, alt)
        close = self._link_tail()
        if close is not None:
            self.cursor = close + 1
            image.end = self.base + close + 1
            self._as_kramdown_writes(image, close)
        for link, parts in self.links:
            parts.append(alt)
            link.code = False
        self.document.links.append(image)
        self.sequence.append(alt or "image")

    def _on_html_inline(self, child: Token) -> None:
        raw = child.content
        located = self._find(raw)
        start = self.base + (located if located is not None else self.cursor)
        if located is not None:
            self.cursor = located + len(raw)
        tag = _TAG_NAME.match(raw)
        if not tag or self._in_shortcode_call(start, start + len(raw)):
            return
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        kramdown = self.outline.dialect in KRAMDOWN_DIALECTS
        if not closing and kramdown and not _KRAMDOWN_START_TAG.match(raw):
            return  # text to kramdown (see _KRAMDOWN_START_TAG)
        attrs = _attributes(raw[tag.end() :])
        if not closing:
            self.document.resources.extend(resources(name, attrs, start, start + len(raw)))
        if element_id := attrs.get("id"):
            self.document.add_anchor(element_id, start, IdSyntax.RAW_HTML)
        elif name == "a" and not closing and (anchor := attrs.get("name")):
            # <a name="x">: an old-style target
            self.document.add_anchor(anchor, start, IdSyntax.RAW_HTML)
        if name in EMPHASIS_TAGS:
            if closing:
                self._on_em_close(child)
            else:
                self._on_em_open(child)
        elif name in CODE_TAGS:
            if not closing:
                self._code_starts.append(self._prose_length)
            elif self._code_starts:
                add_code_range(self.code, self._code_starts.pop(), self._prose_length)
        elif name == "br" and not closing:
            line_rest = _LINE_REST.match(self.outline.text, start + len(raw))
            removal_end = line_rest.end() if line_rest else start + len(raw)
            line_break = LineBreak(start, start + len(raw), removal_end=removal_end)
            self.breaks.append(self._prose_length)
            self.document.breaks.append(line_break)
            self.sequence.append(line_break)
        elif name == "a" and not closing and "href" in attrs:
            link = Link(attrs["href"] or "", "", start, start + len(raw), source="html")
            link.proofer_ignored = "data-proofer-ignore" in attrs
            self.links.append((link, []))
        elif name == "a" and closing and self.links:
            link, parts = self.links.pop()
            link.end = start + len(raw)
            link.text = " ".join("".join(parts).split())
            self.document.links.append(link)
        elif name == "img" and not closing:
            alt = attrs.get("alt")
            image = Link(attrs.get("src") or "", alt or "", start, start + len(raw), True, alt)
            image.source = "html"
            self.document.links.append(image)
            self.sequence.append(alt or "image")

    def _in_shortcode_call(self, start: int, end: int) -> bool:
        """Whether the tag at ``start:end`` is the inside of a Hugo shortcode call written
        without a space (``{{<img src="a.png" >}}``): Hugo runs the shortcode, and no
        such HTML is ever built (Crossplane's docs)."""
        text = self.outline.text
        return text[max(start - 2, 0) : start] == "{{" and text[end : end + 2] == "}}"

    def _settle_breaks(self) -> None:
        """A <br> is spacing when no text stands on one side of it within the paragraph.
        In a run of them between two texts (``Jane<br><br>42 High St``), the first is the
        line break and only the others are spacing: removing them all would join words."""
        items = [item for item in self.sequence if not (isinstance(item, str) and not item.strip())]
        text_after_run = [False] * len(items)  # the first item after the run of <br> is text
        following: str | LineBreak | None = None
        for position in range(len(items) - 1, -1, -1):
            text_after_run[position] = isinstance(following, str)
            if not isinstance(items[position], LineBreak):
                following = items[position]
        after_text = False  # the run of <br> the loop is in began after text
        for position, item in enumerate(items):
            if not isinstance(item, LineBreak):
                continue
            before = items[position - 1] if position else None
            if not isinstance(before, LineBreak):
                after_text = isinstance(before, str)
            if not isinstance(before, str) or not text_after_run[position]:
                item.spacing = True
                item.paragraph_break = self.paragraphs and after_text and text_after_run[position]
        for link, parts in self.links:  # an <a> left open: record what we have
            link.text = " ".join("".join(parts).split())
            self.document.links.append(link)
        self.links = []


_PART_KIND: dict[str, Literal["text", "code", "html", "break"]] = {
    "text": "text",
    "code_inline": "code",
    "html_inline": "html",
    "softbreak": "break",
    "hardbreak": "break",
}


def heading_parts(children: Sequence[Token]) -> tuple[HeadingPart, ...]:
    """A heading's inline content in order: decoded text, code spans, raw inline tags and
    line breaks (emphasis and link markers vanish; images add nothing)."""
    parts: list[HeadingPart] = []
    for child in children:
        kind = _PART_KIND.get(child.type)
        if kind is not None:
            parts.append((kind, "" if kind == "break" else child.content))
    return tuple(parts)


def inline_parts(text: str) -> tuple[HeadingPart, ...]:
    """The parts of one line of inline Markdown read alone (a content tab's title)."""
    tokens = markdown_parser().parseInline(text)
    return heading_parts(tokens[0].children or []) if tokens else ()


# ASCII punctuation CommonMark lets a backslash escape but Python-Markdown does not
# (markdown/core.py ESCAPED_CHARS, Markdown 3.11.3): there the backslash stays literal.
_NOT_PYTHON_MARKDOWN_ESCAPE = frozenset("\"$%&',/:;<=?@^|~")


def python_markdown_parts(content: str) -> tuple[HeadingPart, ...] | None:
    """A heading's parts under Python-Markdown's escapes, when they differ from
    CommonMark's: each such backslash is doubled so that it stays literal and the next
    character keeps its meaning (``\\<range>`` is then a raw tag, as there)."""
    if "\\" not in content:
        return None
    out: list[str] = []
    position = 0
    while position < len(content):  # one pass: an escape pair is read as one unit
        char = content[position]
        following = content[position + 1 : position + 2]
        if char == "\\" and following in _NOT_PYTHON_MARKDOWN_ESCAPE and following:
            out.append("\\\\")
            position += 1
        elif char == "\\":
            out.append(char + following)
            position += 2
        else:
            out.append(char)
            position += 1
    changed = "".join(out)
    if changed == content:
        return None
    return inline_parts(changed)


def _attributes(text: str) -> dict[str, str | None]:
    attrs: dict[str, str | None] = {}
    for match in _ATTR.finditer(text.rstrip(">/ \t\r\n")):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), None)
        attrs.setdefault(name, None if value is None else html.unescape(value))
    return attrs


def outline_markdown(
    text: str,
    lines: LineIndex,
    body_start: int,
    tokens: Sequence[Token],
    dialect: str = "commonmark",
) -> Document:
    return MarkdownOutline(text, lines, body_start, tokens, dialect).build()


def outline_ids(text: str, lines: LineIndex, body_start: int, dialect: str) -> Document:
    """What a page's ids are made from, at under half the cost of :func:`outline_markdown`
    (the ids of a page that links point into, read without checking it): the same
    ``headings``, ``anchors`` (``ids``) and ``footnotes``; its other fields are incomplete
    (prose and links outside headings are not read) and must not be used."""
    parser = ids_parser(as_read=True) if _as_read(dialect) else ids_parser()
    tokens, _ = _parsed(parser, text[body_start:], dialect)
    return MarkdownOutline(text, lines, body_start, tokens, dialect).build()
