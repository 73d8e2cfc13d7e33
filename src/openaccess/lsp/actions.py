"""Code actions: each finding's fix, a comment that silences one finding, and "fix all".

- A finding's fix is a quick fix. Safe fixes are preferred (an editor may apply them
  with one key); unsafe ones say so in their title, as ``--unsafe-fixes`` does.
- "Disable OAxxx for this line" writes a suppression comment
  (:mod:`openaccess.suppressions`) where it cannot change what readers get: on its own
  line before a block (``<!-- openaccess-disable-next-line OA502 -->``), or at the end of
  a line inside a paragraph (``<!-- openaccess-disable-line OA502 -->``, since a comment
  line there would split the paragraph). A comment already there gets the code added.
  Findings in front matter offer none: front matter ``openaccess: {ignore: [...]}``
  covers those.
- "Fix all safe problems" (``source.fixAll.openaccess``) applies every safe fix,
  re-checking until nothing changes, as ``check --fix`` does. That takes a few checks of
  the page, so a client that can resolve an action's edit later gets it only when the
  writer picks the action (``codeAction/resolve``), not on every cursor move.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from openaccess.diagnostics import Applicability, Diagnostic, Edit, Fix
from openaccess.linter import UNUSED_SUPPRESSION
from openaccess.lsp.findings import Presenter
from openaccess.lsp.session import Checked
from openaccess.suppressions import Directive

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.openaccess"
FIX_ALL_TITLE = "Fix all safe openaccess problems"
QUICK_FIX = types.CodeActionKind.QuickFix.value
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_OPENER = re.compile(r"(?:---|\+\+\+|\{)[ \t]*")  # a front matter block's first line
_HARD_BREAK = re.compile(r"\\?[ \t]*$")  # a line's trailing spaces or backslash


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """LSP kinds are hierarchical: asking for ``source`` includes ``source.fixAll.x``."""
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


class Actions:
    """The code actions of one checked document."""

    def __init__(self, checked: Checked, presenter: Presenter, versioned: bool) -> None:
        self.checked = checked
        self.presenter = presenter
        self.versioned = versioned  # the client takes document changes with a version

    def for_range(self, selected: types.Range, only: Sequence[str] | None) -> list:
        """Quick fixes and suppressions for the findings that touch ``selected``."""
        if not wanted(QUICK_FIX, only) or not self.checked.checked:
            return []
        positions = self.presenter.positions(self.checked)
        first = positions.offset(selected.start.line, selected.start.character)
        last = positions.offset(selected.end.line, selected.end.character)
        actions: list[types.CodeAction] = []
        for diagnostic in self.checked.diagnostics:
            start, end = self.checked.span(diagnostic)
            if start <= last and first <= end:
                actions += self._for_finding(diagnostic)
        return actions

    def _for_finding(self, diagnostic: Diagnostic) -> list[types.CodeAction]:
        shown = [self.presenter.diagnostic(self.checked, diagnostic)]
        actions = []
        if diagnostic.fix is not None:
            actions.append(self._fix(diagnostic, diagnostic.fix, shown))
        silence = suppression_edit(self.checked, diagnostic)
        if silence is not None:
            title, edit = silence
            workspace_edit = self._workspace_edit([edit])
            actions.append(
                types.CodeAction(title, kind=QUICK_FIX, diagnostics=shown, edit=workspace_edit)
            )
        return actions

    def _fix(self, diagnostic: Diagnostic, fix: Fix, shown: list) -> types.CodeAction:
        safe = fix.applicability is Applicability.SAFE
        title = f"{fix.description} ({diagnostic.code})"
        if not safe:
            title = f"Unsafe fix: {title}; it may change what readers get, check the result"
        shift = self.checked.shift
        edits = [Edit(e.start + shift, e.end + shift, e.text) for e in fix.edits]
        return types.CodeAction(
            title=title,
            kind=QUICK_FIX,
            diagnostics=shown,
            is_preferred=safe,
            edit=self._workspace_edit(edits),
        )

    def fix_all(self, before: str, after: str) -> types.CodeAction | None:
        """The "fix all" action from openaccess's text before and after fixing; None
        when nothing changes."""
        edit = smallest_edit(before, after)
        if edit is None:
            return None
        shift = self.checked.shift
        return types.CodeAction(
            title=FIX_ALL_TITLE,
            kind=FIX_ALL,
            edit=self._workspace_edit([Edit(edit.start + shift, edit.end + shift, edit.text)]),
        )

    def fix_all_later(self) -> types.CodeAction:
        """The "fix all" action without its edit, which ``codeAction/resolve`` adds."""
        return types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, data={"uri": self.checked.uri})

    def _workspace_edit(self, edits: list[Edit]) -> types.WorkspaceEdit:
        checked = self.checked
        text_edits = [
            types.TextEdit(self.presenter.range(checked, e.start, e.end), e.text) for e in edits
        ]
        if not self.versioned:
            return types.WorkspaceEdit(changes={checked.uri: text_edits})
        document = types.OptionalVersionedTextDocumentIdentifier(checked.uri, checked.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, text_edits)])


def smallest_edit(before: str, after: str) -> Edit | None:
    """One edit that turns ``before`` into ``after``, keeping their common start and end
    (so the editor keeps the cursor and the view where nothing changed)."""
    if before == after:
        return None
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return Edit(start, len(before) - end, after[start : len(after) - end])


# -- suppression comments ---------------------------------------------------------------
def suppression_edit(checked: Checked, diagnostic: Diagnostic) -> tuple[str, Edit] | None:
    """(title, edit in the editor's text) that silences ``diagnostic`` where it is: a
    comment for its line, or front matter ``openaccess: {ignore: [...]}`` for a finding
    in front matter. None where neither can be written safely."""
    line, code = diagnostic.line, diagnostic.code
    if code == UNUSED_SUPPRESSION:  # reported after suppressions: no comment silences it
        return None
    if line <= _last_front_matter_line(checked):
        edit = _page_ignore(checked, code)
        return None if edit is None else (f"Disable {code} for this page", edit)
    text, lines = checked.text, checked.lines
    start = lines.line_start(line)
    end = _line_end(text, lines.line_start(line + 1), line, lines.line_count)
    current = text[start:end]
    if line == 1 and _OPENER.fullmatch(current.lstrip("\ufeff")):
        return None  # a front matter block that does not close: fix it first
    title = f"Disable {code} for this line"
    existing = _directive_for(checked.directives, line)
    if existing is not None:
        last = existing.selectors[-1].end + checked.shift
        return title, Edit(last, last, f" {code}")
    if line != _first_content_line(checked) and _starts_block(checked, line, current):
        indent = current[: len(current) - len(current.lstrip(" \t"))]
        comment = f"{indent}<!-- openaccess-disable-next-line {code} -->{_newline(text)}"
        return title, Edit(start, start, comment)
    # At the end of the line, before a hard line break (trailing spaces or a backslash).
    kept = _HARD_BREAK.search(current)
    at = start + (kept.start() if kept else len(current))
    return title, Edit(at, at, f" <!-- openaccess-disable-line {code} -->")


def _last_front_matter_line(checked: Checked) -> int:
    """The line of front matter's closing delimiter (0 without front matter)."""
    if checked.front_matter is None:
        return 0
    return checked.lines.position(checked.front_matter.end + checked.shift)[0] - 1


def _first_content_line(checked: Checked) -> int:
    """The body's first line with text: findings about the whole page point at it."""
    text, lines = checked.text, checked.lines
    line = _last_front_matter_line(checked) + 1
    while (
        line < lines.line_count
        and not text[lines.line_start(line) : lines.line_start(line + 1)].strip()
    ):
        line += 1
    return line


def _page_ignore(checked: Checked, code: str) -> Edit | None:
    """Front matter ``openaccess: {ignore: [CODE]}`` (YAML) or its TOML table, written
    just before the closing delimiter; None when the page already has the key (adding
    to it is left to the writer) or its front matter is JSON."""
    block = checked.front_matter
    if block is None or not checked.settings_addable:
        return None
    newline = _newline(checked.text)
    if block.format == "yaml":
        setting = f"openaccess: {{ignore: [{code}]}}{newline}"
    elif block.format == "toml":
        setting = f'[openaccess]{newline}ignore = ["{code}"]{newline}'
    else:
        return None
    at = block.content_end + checked.shift
    return Edit(at, at, setting)


def _directive_for(found: list[Directive], line: int) -> Directive | None:
    """A suppression comment with codes that already covers only ``line``."""
    for directive in found:
        covers = (directive.action == "disable-next-line" and directive.end_line + 1 == line) or (
            directive.action == "disable-line" and directive.line == line
        )
        if covers and directive.selectors:
            return directive
    return None


def _starts_block(checked: Checked, line: int, current: str) -> bool:
    """Whether a comment on its own line before ``line`` leaves the page reading as it
    did: before a heading, a line after a blank one, or any line of an HTML page."""
    if checked.kind == "html" or _ATX_HEADING.match(current):
        return True
    lines = checked.lines
    previous = checked.text[lines.line_start(line - 1) : lines.line_start(line)]
    return not previous.strip()


def _line_end(text: str, next_start: int, line: int, count: int) -> int:
    """Offset of the line break that ends ``line`` (the end of the text on the last)."""
    if line >= count:
        return len(text)
    if next_start >= 2 and text.startswith("\r\n", next_start - 2):
        return next_start - 2
    return next_start - 1


def _newline(text: str) -> str:
    found = re.search(r"\r\n|\r|\n", text)
    return found.group() if found else "\n"
