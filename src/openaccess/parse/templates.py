"""Template code that a site's generator runs before it reads a page's Markdown.

Jekyll runs Liquid over a page first: a tag (``{% link a.md %}``) or an output
(``{{ site.title }}``) becomes text or disappears before kramdown reads the page, and
kramdown's attribute lists (``{: .note}``) are markup. Hugo replaces shortcodes
(``{{< note >}}``, ``{{% tab %}}``) with what their templates write. None of it is a word
a reader reads, so the prose rules see blanks in its place (offsets stay put).

A paired Hugo shortcode called with ``<`` hands its inner content to its template as it
is. When the template does not render it as Markdown (``highlight``, a site's own code
shortcode), the inner content is not the page's Markdown at all: a ``# comment`` line in
it is no heading. Such shortcodes are *verbatim*; the Hugo dialect names them (see
:func:`hugo_dialect`), and :func:`without_verbatim_shortcodes` blanks them before the
Markdown parse. Every scan here looks at each character a bounded number of times.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from openaccess.document import overlaps

HUGO = "hugo"
PYTHON_MARKDOWN_DIALECTS = ("mkdocs", "python-markdown")  # MkDocs sites, with or without blocks
# Hugo's own shortcodes that take their inner content as it is (Hugo 0.111 and later).
BUILT_IN_VERBATIM = frozenset({"highlight"})
# In the dialect of a Docsy site: its ``tab`` inside a ``tabpane`` shows its content as
# highlighted code, unless the tab or its pane says ``text=true`` (Docsy's tabpane.html).
DOCSY_TABS = "tab?"
_TEXT_TRUE = re.compile(r"\btext\s*=\s*\"?true\b")
# In the dialect, after a shortcode's name: its template renders ``.Inner`` as Markdown on
# its own (``markdownify .Inner``), so content indented four spaces, as in a list item, is
# an indented code block there, not the item's text (compose's ``{{< tip >}}``).
ALONE = "~"
_INNER_AS_WRITTEN = re.compile(r"\.Inner\b(?!Deindent)")
# In the dialect, after a shortcode's name: its template writes ``.Inner`` right after a
# block-level HTML tag (``<div class="x">{{ .Inner }}</div>``). Hugo pastes what a
# ``{{% %}}`` call writes into the page before Markdown reads it, so such a call at a
# line start opens an HTML block: the content up to its first blank line is raw text,
# links and all (cucumber's docs: ``{{% block "java" %}}``).
WRAPPED = "<"
# The same, with ``.Inner`` on the line below the tag: when the content starts on the
# line after the call, that line of the template is blank and ends the HTML block, so
# the content is Markdown (cucumber's ``{{% tip %}}``); text after the call is raw.
WRAPPED_BELOW = "<+"
# A CommonMark block-level tag (an HTML block of type 6) opening a line of the template,
# then the inner content (or a variable that holds it, perhaps piped: ``| safeHTML``), on
# that line or below it after lines of HTML alone: no blank line, and no template code
# that may write one, ends the block first (docdock's ``expand`` writes it four lines
# down, after ``<p>``). ``before``: what the template writes before it on its line.
_WRAPPING_TAG = re.compile(
    r"^[ \t]*<(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|"
    r"footer|form|header|main|nav|ol|p|section|summary|table|ul)(?:\s[^<>\n]*)?>"
    r"(?P<below>[^\n{]*\n(?:[ \t]*<[^\n{]*\n)*)?(?P<before>[^\n{]*?)"
    r"\{\{-?\s*(?:\.Inner|\$(?P<variable>\w+))(?:\s*\|\s*[\w.]+)*\s*-?\}\}",
    re.MULTILINE | re.IGNORECASE,
)
_TEXT_FOLLOWS = re.compile(r"[ \t]*[^\s]")

# A template that renders its inner content as Markdown: with a filter, or as Hugo's old
# shortcodes did when the template says ``{{ $_hugo_config := `{ "version": 1 }` }}``
# (docdock's ``notice``: its links are links; checked with Hugo 0.111).
_RENDERS_MARKDOWN = re.compile(
    r"\b(?:markdownify|RenderString)\b|\$_hugo_config\s*:=\s*`\{\s*\"version\"\s*:\s*1\s*\}`"
)
_USES_INNER = re.compile(r"\.Inner(?:Deindent)?\b")
# Bounded spans: a tag never closed is looked at for at most this many characters.
_SPAN = 1000
_LIQUID = re.compile(rf"\{{%.{{0,{_SPAN}}}?%\}}|\{{\{{.{{0,{_SPAN}}}?\}}\}}", re.DOTALL)
# A Liquid, Jinja or Nunjucks tag on one line (``{% include note.md %}``), never prose.
TEMPLATE_TAG = re.compile(r"\{%[^{}%\n]{0,500}%\}")
# A Nunjucks, Jinja or Liquid output that calls a function, on one line or more: GOV.UK's
# ``{{ example({ group: "patterns", ... }) }}`` and ``{{ govukTable({ rows: [...] }) }}``.
# Its start, and where an output that ends a call ends (see _template_calls).
_CALL_START = re.compile(r"\{\{-?[ \t]*[\w.]+[ \t]*\(")
_CALL_END = re.compile(r"\)\s*-?\}\}")
_CALL_SPAN = 20_000  # a table's call holds all its rows: GOV.UK's run to 6,000 characters
_ATTRIBUTE_LIST = re.compile(r"\{:(?!:)[^{}\n]{0,500}\}")  # {: .note}, {:.x}, {:ref: .x}
# Pandoc's attributes after an image or a span, as the Carpentries' lessons give a
# figure its long alt text: "{alt='A timeline of...'}", "{.callout #intro width=50%}".
_PANDOC_ATTRIBUTES = re.compile(r"\{(?=[.#][\w-]|[\w-]+=)[^{}]{0,2000}\}")
# A kramdown extension's tag in a line of text: "a ({::nomarkdown}<img .../>{:/}) b".
_KRAMDOWN_EXTENSION = re.compile(r"\{::\w+(?:[ \t][^{}\n]{0,500})?/?\}")
# A shortcode call's opening and name; not Hugo's escaped form "{{</* name */>}}".
_SHORTCODE_NAME = re.compile(r"\{\{[<%](?!\s*/\*)\s*/?\s*[\w./-]+")
# A shortcode call; not Hugo's escaped form "{{</* name */>}}", which shows as text.
_SHORTCODE = re.compile(
    rf"\{{\{{([<%])(?!\s*/\*)\s*(/?)\s*([\w./-]+).{{0,{_SPAN}}}?[>%]\}}\}}", re.DOTALL
)


def hugo_dialect(verbatim: Iterable[str]) -> str:
    """The dialect of a Hugo site whose paired shortcodes ``verbatim`` take their inner
    content as it is: ``hugo:codeFromInline,highlight``."""
    names = sorted(set(verbatim))
    return f"{HUGO}:{','.join(names)}" if names else HUGO


def is_hugo(dialect: str) -> bool:
    return dialect == HUGO or dialect.startswith(f"{HUGO}:")


def verbatim_shortcode(template: str) -> bool:
    """Whether a shortcode template takes inner content it does not render as Markdown."""
    return bool(_USES_INNER.search(template)) and not renders_markdown(template)


def uses_inner_as_written(template: str) -> bool:
    """Whether a template takes its inner content with its indentation (``.Inner``, not
    ``.InnerDeindent``): rendered as Markdown, it is then Markdown of its own (see
    :data:`ALONE`)."""
    return _INNER_AS_WRITTEN.search(template) is not None


def block_tag_wrapping(template: str) -> str:
    """:data:`WRAPPED` when a template writes its inner content, as it is, in an HTML
    block it opens with a block-level tag, after other text on its line;
    :data:`WRAPPED_BELOW` when at the start of a line below the tag; else ""."""
    if renders_markdown(template):
        return ""
    for match in _WRAPPING_TAG.finditer(template):
        variable = match.group("variable")
        if variable is None or re.search(rf"\${variable}\s*:?=\s*\.Inner\b", template):
            alone = match.group("below") is not None and not match.group("before").strip()
            return WRAPPED_BELOW if alone else WRAPPED
    return ""


def renders_markdown(template: str) -> bool:
    """Whether a template renders something as Markdown (``markdownify``, ``RenderString``)."""
    return _RENDERS_MARKDOWN.search(template) is not None


def without_verbatim_shortcodes(body: str, dialect: str) -> str:
    """``body`` with each paired verbatim shortcode called with ``<``, its tags included,
    turned to spaces (line breaks kept): what Hugo's Markdown renderer never reads. The
    shortcodes inside one still render theirs (they are kept), and one that renders its
    content alone (:data:`ALONE`) is blanked when that content is an indented code block.
    A ``{{% %}}`` call at a line start whose template wraps its content in a block tag
    (:data:`WRAPPED`, :data:`WRAPPED_BELOW`) reads as that tag, ``<div>``, padded to the
    call's length, when the HTML block goes on into the content."""
    names = frozenset(dialect.partition(":")[2].split(",")) - {""}
    if not names or "{{" not in body:
        return body
    docsy_tabs = DOCSY_TABS in names
    pane_text = False  # the open Docsy tabpane says text=true
    parts: list[str] = []
    position, index = 0, 0
    calls = list(_SHORTCODE.finditer(body))
    closing_of = _closing_tags(calls)
    while index < len(calls):
        call, index = calls[index], index + 1
        delimiter, closing, name = call.groups()
        if docsy_tabs and name == "tabpane":
            pane_text = not closing and _TEXT_TRUE.search(call.group(0)) is not None
            continue
        code_tab = docsy_tabs and name == "tab" and not pane_text
        verbatim = name in names or (code_tab and not _TEXT_TRUE.search(call.group(0)))
        alone = name + ALONE in names
        if delimiter == "%" and not closing and _wraps(body, call, names):
            parts += [body[position : call.start()], "<div>" + _blank(call.group(0)[5:])]
            position = call.end()
            continue
        if delimiter != "<" or closing or not (verbatim or alone) or call.group(0).endswith("/>}}"):
            continue
        end_index = closing_of.get(index - 1)
        if end_index is None:
            break
        end = calls[end_index]
        if not verbatim and not _indented_code(body[call.end() : end.start()]):
            continue  # Markdown, read with the page's
        parts.append(body[position : call.start()])
        kept = _rendered_inside(calls[index:end_index], names) if verbatim else []
        parts.append(_blank_outside(body, call.start(), end.end(), kept))
        position, index = end.end(), end_index + 1
    return "".join([*parts, body[position:]])


def _wraps(body: str, call: re.Match[str], names: frozenset[str]) -> bool:
    """Whether a ``{{% %}}`` call opens an HTML block that goes on into its content."""
    name = call.group(3)
    if not _at_line_start(body, call.start()):
        return False
    if name + WRAPPED in names:
        return True
    return name + WRAPPED_BELOW in names and bool(_TEXT_FOLLOWS.match(body, call.end()))


def _at_line_start(body: str, start: int) -> bool:
    """Whether at most three spaces stand before ``start`` on its line."""
    indent = 0
    while indent < 4 and start - indent > 0 and body[start - indent - 1] == " ":
        indent += 1
    return indent < 4 and (start == indent or body[start - indent - 1] in "\r\n")


def _closing_tags(calls: list[re.Match[str]]) -> dict[int, int]:
    """The index of each paired call's closing tag, by the index of its opening one:
    calls of one name nest. One pass: linear."""
    closing_of: dict[int, int] = {}
    open_calls: dict[str, list[int]] = {}
    for index, call in enumerate(calls):
        _, closing, name = call.groups()
        if call.group(0).endswith("/>}}"):
            continue
        if not closing:
            open_calls.setdefault(name, []).append(index)
        elif open_calls.get(name):
            closing_of[open_calls[name].pop()] = index
    return closing_of


def _indented_code(inner: str) -> bool:
    """Whether Markdown rendered from ``inner`` alone is one indented code block: each of
    its lines with text is indented four columns or more."""
    lines = [line.expandtabs(4) for line in inner.splitlines() if line.strip()]
    return bool(lines) and all(line.startswith("    ") for line in lines)


def _rendered_inside(inner: list[re.Match[str]], verbatim: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of the shortcodes called inside a verbatim one that are not verbatim
    themselves, each from its tag to its closing tag: Hugo runs them before the outer
    one takes its content, so what they render as Markdown is the page's (compose's
    ``{{< block >}}{{< column >}}![b](b.jpg){{< /column >}}{{< /block >}}``, where
    ``column`` renders its content with ``markdownify``)."""
    kept: list[tuple[int, int]] = []
    opened: dict[str, tuple[int, int]] = {}
    for call in inner:
        _, closing, name = call.groups()
        if name in verbatim:
            continue
        if not closing:
            opened[name] = call.span()
        elif name in opened:
            kept.append((opened.pop(name)[0], call.end()))
    return sorted(kept + list(opened.values()))


def _blank_outside(body: str, start: int, end: int, kept: list[tuple[int, int]]) -> str:
    """``body[start:end]`` blanked (see :func:`_blank`) but for the ``kept`` spans."""
    parts, position = [], start
    for kept_start, kept_end in kept:
        if kept_start >= position:
            parts += [_blank(body[position:kept_start]), body[kept_start:kept_end]]
            position = kept_end
    return "".join([*parts, _blank(body[position:end])])


def paired_shortcode_spans(body: str, names: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each paired shortcode call named in ``names`` (by the last part of
    its name), from its opening tag to its closing one; nested ones inside too."""
    if "{{" not in body:
        return []
    spans: list[tuple[int, int]] = []
    open_calls: list[tuple[str, int]] = []
    for call in _SHORTCODE.finditer(body):
        _, closing, name = call.groups()
        if name.rsplit("/", 1)[-1] not in names or call.group(0).endswith("/>}}"):
            continue
        if not closing:
            open_calls.append((name, call.start()))
            continue
        while open_calls:  # a call left open inside this one closes with it
            opened, start = open_calls.pop()
            if opened == name:
                spans.append((start, call.end()))
                break
    return spans


def without_template_code(text: str, dialect: str, code: Sequence[tuple[int, int]]) -> str:
    """Prose ``text`` with template code turned to spaces, outside code spans (``code``):
    Hugo shortcode calls, one-line template tags (``{% include x %}``) and template
    outputs that call a function (``{{ example({...}) }}``) and Pandoc's attributes
    (``{alt='...'}``) on every page
    (their syntax is no prose, and a project may keep its pages for a site built
    elsewhere, as Poetry does), all of Liquid and attribute lists on kramdown (Jekyll)
    pages, attribute lists on Python-Markdown (MkDocs) pages."""
    if "{" not in text:
        return text
    patterns: tuple[re.Pattern[str], ...] = (_SHORTCODE, TEMPLATE_TAG, _PANDOC_ATTRIBUTES)
    calls = _template_calls(text)
    if dialect.startswith("kramdown"):
        patterns, calls = (_SHORTCODE, _LIQUID, _ATTRIBUTE_LIST, _KRAMDOWN_EXTENSION), []
    elif dialect in PYTHON_MARKDOWN_DIALECTS:  # attr_list: [a](x){: target="_blank" }
        patterns = (_SHORTCODE, TEMPLATE_TAG, _ATTRIBUTE_LIST, _PANDOC_ATTRIBUTES)
    spans = sorted(
        [(match.start(), match.end()) for pattern in patterns for match in pattern.finditer(text)]
        + calls
        + _unclosed_shortcode(text)
    )
    return blank_outside_code(text, spans, code)


def _unclosed_shortcode(text: str) -> list[tuple[int, int]]:
    """The shortcode call that opens in ``text`` and runs past its end, as one whose
    ``>}}`` starts a line of its own: CommonMark reads that line as a block quote, which
    ends the paragraph first (numpy.org's ``{{< figure`` calls, a parameter a line)."""
    opening = max(text.rfind("{{<"), text.rfind("{{%"))
    if opening < 0 or len(text) - opening > _SPAN:
        return []
    rest = text[opening:]
    if ">}}" in rest or "%}}" in rest or not _SHORTCODE_NAME.match(rest):
        return []
    return [(opening, len(text))]


def _template_calls(text: str) -> list[tuple[int, int]]:
    """The outputs of ``text`` that call a function: from each ``{{ name(`` to the first
    ``) }}`` after it, at most ``_CALL_SPAN`` characters on. Two scans and a bisection for each
    start: linear, however many outputs are left open."""
    if "{{" not in text:
        return []
    ends = [match.end() for match in _CALL_END.finditer(text)]
    spans: list[tuple[int, int]] = []
    for start in _CALL_START.finditer(text):
        if spans and start.start() < spans[-1][1]:
            continue
        index = bisect.bisect_left(ends, start.end())
        if index < len(ends) and ends[index] - start.start() <= _CALL_SPAN:
            spans.append((start.start(), ends[index]))
    return spans


def blank_outside_code(
    text: str, spans: Sequence[tuple[int, int]], code: Sequence[tuple[int, int]]
) -> str:
    """``text`` with each of ``spans`` (sorted by start) that overlaps no code span turned
    to spaces, its line breaks kept."""
    code_starts = [start for start, _ in code]
    parts, position = [], 0
    for start, end in spans:
        if overlaps(start, end, code_starts, code):
            continue
        start = max(start, position)
        parts += [text[position:start], _blank(text[start:end])]
        position = max(position, end)
    return "".join([*parts, text[position:]]) if parts else text


def _blank(text: str) -> str:
    """Spaces in place of ``text``, its line breaks kept."""
    return re.sub(r"[^\r\n]", " ", text)


# Liquid's {% comment %} (anywhere: Liquid runs before Markdown, code spans included) and
# kramdown's {::comment} block: Jekyll builds nothing of their bodies (kramdown writes an
# HTML comment), so their links and headings are none of the page's. {% raw %} keeps
# Liquid's tags as text; a comment never closed is Liquid's error, and is left alone.
_COMMENT_MARK = re.compile(
    r"\{%-?\s*(?P<liquid>end)?(?P<name>comment|raw)\s*-?%\}"
    r"|^ {0,3}\{::comment\}[ \t]*$|^ {0,3}\{:/(?:comment)?\}[ \t]*$(?P<close>)",
    re.MULTILINE,
)
_NOT_A_LINE_BREAK = re.compile(r"[^\r\n]")


def without_comments(body: str) -> str:
    """``body`` with comments' text turned to spaces, every line kept in its place. One
    pass over the marks: linear."""
    if "comment" not in body:
        return body
    spans: list[tuple[int, int]] = []
    inside, start = "", 0  # the open block ("comment", "raw" or "kramdown"), where it began
    for mark in _COMMENT_MARK.finditer(body):
        if mark.group("name"):
            kind, closes = mark.group("name"), mark.group("liquid") is not None
        else:
            kind, closes = "kramdown", mark.group("close") is not None
        if not inside and not closes:
            inside, start = kind, mark.start()
        elif inside == kind and closes:
            if kind != "raw":
                spans.append((start, mark.end()))
            inside = ""
    if not spans:
        return body
    pieces, done = [], 0
    for first, last in spans:
        pieces += [body[done:first], _NOT_A_LINE_BREAK.sub(" ", body[first:last])]
        done = last
    return "".join([*pieces, body[done:]])
