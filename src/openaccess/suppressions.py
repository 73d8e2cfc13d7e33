"""Suppression comments: which findings a page silences on purpose, and which comments
silence nothing.

The directives are exactly these (markdownlint's names, with the ``openaccess-`` prefix)::

    <!-- openaccess-disable OA502 long-sentence -->   until a matching enable (or the end)
    <!-- openaccess-enable OA502 long-sentence -->
    <!-- openaccess-disable-line OA306 -->            this line
    <!-- openaccess-disable-next-line OA306 -->       the line after the comment

Without selectors a directive covers every rule; selectors are codes, code prefixes,
names or categories, separated by spaces or commas. A ``--`` on its own ends them: the
words after it say why (ESLint's ``-- description``), for the next reader; they silence
nothing. Any other ``openaccess-`` comment and any selector that names no rule silence
nothing and are reported (OA002); a directive or selector that silences nothing is
reported too (OA001, like ruff's RUF100) with a fix that removes it. Comments inside
Markdown code blocks and code spans are examples, not directives.

Everything here is linear in the page and its findings: comments are found with one
forward scan (an unclosed ``<!--`` ends it), and findings are matched against the line
ranges in one sweep.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from msgspec import Struct, field

from openaccess.diagnostics import Diagnostic, Edit, Fix
from openaccess.rules.base import names_rule
from openaccess.source import html_comments

if TYPE_CHECKING:
    from openaccess.page import Page

PREFIX = "openaccess-"
DIRECTIVES = ("disable", "enable", "disable-line", "disable-next-line")
# Directive names are not case-sensitive, as in markdownlint.
_NAME = re.compile(r"\s*openaccess-([\w-]*)", re.IGNORECASE)
# What every suppression comment starts with (see _scan): a literal "<!--" first, which
# a page is searched for far faster than for a word in any case.
_MENTIONED = re.compile(r"<!--\s*" + re.escape(PREFIX), re.IGNORECASE)
_SELECTOR = re.compile(r"[^\s,]+")
REASON_MARK = "--"  # on its own, ends the selectors: what follows is the reason


class Selector(Struct, frozen=True):
    """One rule code or name in a suppression comment, where it is written."""

    text: str
    start: int  # offsets of the selector in the page text
    end: int

    @property
    def known(self) -> bool:
        """Whether it names at least one rule."""
        return names_rule(self.text)

    @property
    def key(self) -> str:
        return self.text.upper()


class Directive(Struct):
    """One ``<!-- openaccess-... -->`` comment."""

    action: str  # one of DIRECTIVES, or the unknown name as written
    start: int  # offsets of the whole comment
    end: int
    line: int  # line of the comment's start
    end_line: int  # line of its end
    selectors: list[Selector]

    @property
    def known(self) -> bool:
        return self.action in DIRECTIVES

    @property
    def keys(self) -> list[str]:
        """What the directive applies to; ``*`` for every rule."""
        if not self.selectors:
            return ["*"]
        return [s.key for s in self.selectors if s.known]


class Unit(Struct, frozen=True):
    """One directive's one selector (or the whole directive when it has none): the
    smallest thing that can be used or unused."""

    directive: int  # index into the page's directives
    selector: int | None  # index into its selectors; None: a directive without selectors


class Usage(Struct):
    """What applying the suppressions found: findings kept, units that silenced one."""

    directives: list[Directive]
    kept: list[Diagnostic]
    used: set[Unit] = field(default_factory=set)
    # Enable comments that closed no earlier disable (they do nothing).
    idle_enables: list[int] = field(default_factory=list)
    # Disable directive -> the enable directive that closed its last unit.
    closed_by: dict[int, int] = field(default_factory=dict)


class Directives(Struct, frozen=True):
    """Every suppression comment of one page (scanned once per page)."""

    found: list[Directive]

    @classmethod
    def of(cls, page: Page) -> Directives:
        return cls(list(_scan(page)) if mentioned(page.text) else [])


def mentioned(text: str) -> bool:
    """Whether ``text`` may hold a suppression comment (a quick test before the scan)."""
    return _MENTIONED.search(text) is not None


def directives(page: Page) -> list[Directive]:
    """The page's suppression comments, outside code blocks."""
    return page.derived(Directives, Directives.of).found


def _scan(page: Page) -> Iterator[Directive]:
    in_code = _code_lines(page)
    spans = _code_spans(page)
    span_starts = [span_start for span_start, _ in spans]
    text = page.text
    for start, end in html_comments(text):
        body_start = start + 4
        named = _NAME.match(text, body_start, end - 3)
        if named is None:
            continue
        line = page.position(start)[0]
        if line in in_code or _inside(spans, span_starts, start):
            continue
        selectors = list(_selectors(text, named.end(), end - 3))
        written = named.group(1)
        action = written.lower() if written.lower() in DIRECTIVES else written
        yield Directive(action, start, end, line, page.position(end)[0], selectors)


def _selectors(text: str, start: int, end: int) -> Iterator[Selector]:
    """The selectors between ``start`` and ``end``, up to a ``--`` that starts the reason."""
    for match in _SELECTOR.finditer(text, start, end):
        if match.group() == REASON_MARK:
            return
        yield Selector(match.group(), match.start(), match.end())


def _code_lines(page: Page) -> set[int]:
    """Lines of fenced and indented code blocks (Markdown only): examples, not directives."""
    if page.kind != "markdown":
        return set()
    first = page.position(page.body_start)[0] - 1  # token maps count lines of the body
    lines: set[int] = set()
    for token in page.tokens:
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(first + token.map[0] + 1, first + token.map[1] + 1))
    return lines


def _code_spans(page: Page) -> list[tuple[int, int]]:
    """File offsets of inline code spans (Markdown only), sorted: a comment written in
    backticks shows how to write a directive; it is not one."""
    if page.kind != "markdown" or "`" not in page.text:
        return []
    spans = [
        (block.offset_at(start), block.offset_at(end - 1) + 1)
        for block in page.document.blocks
        for start, end in block.code
        if end > start
    ]
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index][1]


# -- applying ---------------------------------------------------------------------------
class _Range(Struct, frozen=True):
    """The lines one suppression covers (inclusive), for the rule ``key``."""

    first: int
    last: int
    key: str
    unit: Unit | None  # None: front matter ``openaccess: {ignore: [...]}``


def apply(page: Page, diagnostics: Iterable[Diagnostic], ignored: list[str]) -> Usage:
    """Split ``diagnostics`` into kept ones and the units that silenced the others."""
    found = directives(page)
    usage = Usage(found, [])
    ranges = _ranges(page, found, usage)
    ranges += [_Range(1, page.lines.line_count, key.upper(), None) for key in ignored]
    if not ranges:
        usage.kept = list(diagnostics)
        return usage
    starts = sorted(ranges, key=lambda r: r.first)
    ends = sorted(ranges, key=lambda r: r.last)
    active: dict[str, dict[_Range, None]] = {}  # key -> open ranges, oldest first
    next_start = next_end = 0
    for diagnostic in sorted(diagnostics, key=lambda d: d.line):
        while next_start < len(starts) and starts[next_start].first <= diagnostic.line:
            opened = starts[next_start]
            active.setdefault(opened.key, {})[opened] = None
            next_start += 1
        while next_end < len(ends) and ends[next_end].last < diagnostic.line:
            closed = ends[next_end]
            active.get(closed.key, {}).pop(closed, None)
            next_end += 1
        silencer = _innermost(active, diagnostic)
        if silencer is None:
            usage.kept.append(diagnostic)
        elif silencer.unit is not None:
            usage.used.add(silencer.unit)
    return usage


def candidate_keys(diagnostic: Diagnostic) -> list[str]:
    """The selector keys that silence a finding: ``*``, its code's prefixes, its name and
    its category."""
    code = diagnostic.code
    return [
        "*",
        diagnostic.name.upper(),
        diagnostic.category.value.upper(),
        *(code[:i] for i in range(1, len(code) + 1)),
    ]


def _innermost(active: dict[str, dict[_Range, None]], diagnostic: Diagnostic) -> _Range | None:
    """The most recently opened range that silences ``diagnostic``, if any."""
    best: _Range | None = None
    for key in candidate_keys(diagnostic):
        opened = active.get(key)
        if opened:
            latest = next(reversed(opened))
            if best is None or latest.first > best.first:
                best = latest
    return best


def _ranges(page: Page, found: list[Directive], usage: Usage) -> list[_Range]:
    """Line ranges of the known directives. ``enable KEY`` closes every open range of KEY;
    a bare ``enable`` closes all; an unclosed ``disable`` runs to the end of the page."""
    ranges: list[_Range] = []
    open_units: dict[str, dict[Unit, int]] = {}  # key -> unit -> first line
    for index, directive in enumerate(found):
        if not directive.known:
            continue
        units = _units(index, directive)
        if directive.action == "disable-line":
            ranges += [_Range(directive.line, directive.line, key, u) for key, u in units]
        elif directive.action == "disable-next-line":
            following = directive.end_line + 1
            ranges += [_Range(following, following, key, u) for key, u in units]
        elif directive.action == "disable":
            for key, unit in units:
                open_units.setdefault(key, {})[unit] = directive.line
        else:
            wanted = open_units.keys() if not directive.selectors else directive.keys
            closed = [(key, open_units.pop(key)) for key in list(wanted) if key in open_units]
            if not closed:
                usage.idle_enables.append(index)
            for key, opened in closed:
                for unit, first in opened.items():
                    ranges.append(_Range(first, directive.line, key, unit))
                    usage.closed_by[unit.directive] = index
    last = page.lines.line_count
    for key, opened in open_units.items():
        ranges += [_Range(first, last, key, unit) for unit, first in opened.items()]
    return ranges


def _units(index: int, directive: Directive) -> list[tuple[str, Unit]]:
    if not directive.selectors:
        return [("*", Unit(index, None))]
    return [
        (selector.key, Unit(index, position))
        for position, selector in enumerate(directive.selectors)
        if selector.known
    ]


# -- reporting --------------------------------------------------------------------------
class Unused(Struct, frozen=True):
    """A suppression that silenced nothing, with the fix that removes it."""

    start: int
    end: int
    message: str
    fix: Fix | None


def unused(page: Page, usage: Usage, judgeable: Callable[[str], bool]) -> list[Unused]:
    """Units of disable directives that silenced nothing, and enables that closed nothing.

    ``judgeable(key)`` says whether every rule a key covers ran on this page; a unit for
    any other key (a rule not selected, or a site-wide rule that runs after the page)
    might have been needed, so it is not reported.
    """
    found = usage.directives
    reports: list[Unused] = []
    for index, directive in enumerate(found):
        if not directive.known or directive.action == "enable":
            continue
        units = _units(index, directive)
        idle = [(key, unit) for key, unit in units if unit not in usage.used and judgeable(key)]
        whole = len(idle) == len(units) and bool(units)
        for key, unit in idle:
            reports.append(_report_unit(page, directive, unit, key, whole, usage, found))
    for index in usage.idle_enables:
        directive = found[index]
        named = " ".join(s.text for s in directive.selectors)
        reports.append(
            Unused(
                directive.start,
                directive.end,
                f"'openaccess-enable{' ' + named if named else ''}' closes no earlier"
                " openaccess-disable; remove it",
                _removal_fix("Remove the idle enable comment", page, [directive]),
            )
        )
    return reports


def _report_unit(
    page: Page,
    directive: Directive,
    unit: Unit,
    key: str,
    whole: bool,
    usage: Usage,
    found: list[Directive],
) -> Unused:
    if unit.selector is None:
        start, end = directive.start, directive.end
        message = f"unused suppression: this openaccess-{directive.action} silences nothing"
    else:
        selector = directive.selectors[unit.selector]
        start, end = selector.start, selector.end
        message = (
            f"unused suppression: '{selector.text}' in openaccess-{directive.action}"
            " silences nothing here"
        )
    fix: Fix | None
    if whole:
        removed = [directive]
        enable = usage.closed_by.get(unit.directive)
        if enable is not None and _closes_only(found, enable, unit.directive, usage):
            removed.append(found[enable])
        fix = _removal_fix("Remove the unused suppression comment", page, removed)
    else:
        assert unit.selector is not None, "a partly used directive has selectors"
        fix = Fix(
            f"Remove '{directive.selectors[unit.selector].text}' from the comment",
            (_selector_removal(page.text, directive, unit.selector),),
        )
    return Unused(start, end, message + "; remove it", fix)


def _closes_only(found: list[Directive], enable: int, disable: int, usage: Usage) -> bool:
    """Whether ``enable`` closes nothing but ``disable`` (so both can go together)."""
    closers = [d for d, e in usage.closed_by.items() if e == enable]
    return closers == [disable] and (
        not found[enable].selectors or set(found[enable].keys) <= set(found[disable].keys)
    )


# What may stand before a Markdown block's first character on its line: indentation, block
# quote markers and list markers.
_CONTAINER_MARKERS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*\Z")


def _removal_fix(title: str, page: Page, directives: list[Directive]) -> Fix | None:
    """The fix removing ``directives``; None when removing one would change how the page
    reads: a comment that begins a Markdown block opens an HTML block, so the rest of
    its line is shown as it is typed (``<!-- x --> [a]()`` shows the brackets); without
    the comment, that rest would become Markdown."""
    if page.kind != "html" and any(_opens_html_block(page, d) for d in directives):
        return None
    return Fix(title, tuple(_removal(page, d) for d in directives))


def _opens_html_block(page: Page, directive: Directive) -> bool:
    line_start = page.lines.line_start(directive.line)
    line_end = page.lines.line_start(directive.end_line + 1)
    before = page.text[line_start : directive.start]
    after = page.text[directive.end : line_end]
    return bool(after.strip()) and _CONTAINER_MARKERS.match(before) is not None


def _removal(page: Page, directive: Directive) -> Edit:
    """Remove a comment; with its whole line when nothing else is on that line, and with
    the blank line before it when it stood between blank lines (a block of its own), so
    no double blank line is left behind."""
    text = page.text
    line_start = page.lines.line_start(directive.line)
    line_end = page.lines.line_start(directive.end_line + 1)
    before = text[line_start : directive.start]
    after = text[directive.end : line_end]
    if not before.strip() and not after.strip():
        if _blank(page, directive.line - 1) and (
            line_end == len(text) or _blank(page, directive.end_line + 1)
        ):
            line_start = page.lines.line_start(directive.line - 1)
        return Edit(line_start, line_end, "")
    start = directive.start
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return Edit(start, directive.end, "")


def _blank(page: Page, line: int) -> bool:
    """Whether ``line`` of the page's body exists and holds only white space."""
    if line < page.position(page.body_start)[0] or line > page.lines.line_count:
        return False
    return not page.text[page.lines.line_start(line) : page.lines.line_start(line + 1)].strip()


def _selector_removal(text: str, directive: Directive, position: int) -> Edit:
    """Remove one selector and the separator before it (or after it, for the first)."""
    selector = directive.selectors[position]
    if position > 0:
        previous = directive.selectors[position - 1]
        return Edit(previous.end, selector.end, "")
    following = directive.selectors[position + 1]
    return Edit(selector.start, following.start, "")


def front_matter_ignores(page: Page) -> list[str]:
    """``openaccess: {ignore: [...]}`` in front matter: rules silenced for the whole page."""
    settings = page.meta.get("openaccess")
    if not isinstance(settings, dict):
        return []
    ignore = settings.get("ignore")
    if isinstance(ignore, str):
        ignore = [ignore]
    if isinstance(ignore, list):
        return [item.strip() for item in ignore if isinstance(item, str) and item.strip()]
    return []
