"""Findings as LSP shows them: diagnostics with exact ranges and a link to each rule's
documentation, and the rule's documentation on hover.

The documentation link of a code is the rule's section in the guide's rules reference
(``docs/rules.md#oa403-spacing-br``) of the openaccess that is running. Installed from a
GitHub repository (as the CI recipes do), that is the page on GitHub at the installed
commit, so the text matches the rules the editor runs; installed from a package index,
the release's page there (the hover shows the same text in full).
"""

from __future__ import annotations

import re

from lsprotocol import types
from msgspec import Struct

from openaccess import __version__
from openaccess.diagnostics import Diagnostic, Severity
from openaccess.linter import UNREADABLE_CODE, UNUSED_SUPPRESSION
from openaccess.lsp.positions import Positions
from openaccess.lsp.session import Checked
from openaccess.rules import Rule, lookup

SOURCE = "openaccess"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_GITHUB = re.compile(
    r"git\+(?:https://|ssh://git@)github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?(?:@([\w.\-/]+))?$"
)


def docs_url(requirement: str) -> str:
    """Where the rules reference of this openaccess is read on the web, from the
    requirement that installs it (:func:`openaccess.distribution.install_spec`); "" when
    no such page is known (a local install): a link to a page without the rule's section
    would only mislead, and the hover shows the rule's whole text anyway."""
    _, _, source = requirement.partition(" @ ")
    found = _GITHUB.match(source.strip())
    if found is not None and found.group(1) != "OWNER":
        owner, repository, ref = found.group(1), found.group(2), found.group(3) or "HEAD"
        return f"https://github.com/{owner}/{repository}/blob/{ref}/docs/rules.md"
    return ""


def installed_docs_url() -> str:
    from openaccess.distribution import install_spec

    try:
        return docs_url(install_spec(__version__).requirement)
    except Exception:  # an odd installation record: no link, rather than a wrong one
        return ""


class Presenter(Struct):
    """Turns one document's findings into LSP objects, in the client's position units."""

    encoding: str
    rules_page: str  # the rules reference; each rule has its section there
    markdown: bool = True  # the client shows Markdown in hovers

    def positions(self, checked: Checked) -> Positions:
        return checked.positions(self.encoding)

    def range(self, checked: Checked, start: int, end: int) -> types.Range:
        """The LSP range of offsets ``start``..``end`` in the editor's text."""
        positions = self.positions(checked)
        first, last = positions.position(start), positions.position(end)
        return types.Range(types.Position(*first), types.Position(*last))

    def diagnostic(self, checked: Checked, diagnostic: Diagnostic) -> types.Diagnostic:
        start, end = checked.span(diagnostic)
        found = types.Diagnostic(
            range=self.range(checked, start, end),
            message=diagnostic.message,
            severity=SEVERITIES[diagnostic.severity],
            code=diagnostic.code,
            source=SOURCE,
        )
        rule = lookup(diagnostic.code) if diagnostic.code != UNREADABLE_CODE else None
        if rule is not None and self.rules_page:
            found.code_description = types.CodeDescription(self.docs_url(rule))
        if diagnostic.code == UNUSED_SUPPRESSION:  # editors fade what can go
            found.tags = [types.DiagnosticTag.Unnecessary]
        return found

    def diagnostics(self, checked: Checked) -> list[types.Diagnostic]:
        return [self.diagnostic(checked, d) for d in checked.diagnostics]

    def docs_url(self, rule: type[Rule]) -> str:
        """The rule's section: GitHub's id of the heading ``OA403 spacing-br``."""
        return f"{self.rules_page}#{rule.code.lower()}-{rule.name}"

    # -- hover -------------------------------------------------------------------------
    def hover(self, checked: Checked, position: types.Position) -> types.Hover | None:
        """The documentation of every rule with a finding at ``position`` (or named by
        the suppression comment there)."""
        offset = self.positions(checked).offset(position.line, position.character)
        codes: dict[str, tuple[int, int]] = {}
        for diagnostic in checked.diagnostics:
            start, end = checked.span(diagnostic)
            if start <= offset <= end and diagnostic.code != UNREADABLE_CODE:
                codes.setdefault(diagnostic.code, (start, end))
        for code, span in _suppressed_codes(checked, offset):
            codes.setdefault(code, span)
        if not codes:
            return None
        from openaccess.rules.docs import explain

        texts = [self._documentation(explain(rule)) for c in codes if (rule := lookup(c))]
        start = min(span[0] for span in codes.values())
        end = max(span[1] for span in codes.values())
        kind = types.MarkupKind.Markdown if self.markdown else types.MarkupKind.PlainText
        separator = "\n\n---\n\n" if self.markdown else "\n\n"
        contents = types.MarkupContent(kind=kind, value=separator.join(texts))
        return types.Hover(contents=contents, range=self.range(checked, start, end))

    def _documentation(self, text: str) -> str:
        """``openaccess rules CODE`` output; in Markdown its first line is the title."""
        if not self.markdown:
            return text
        title, _, rest = text.partition("\n")
        code, _, summary = title.partition(": ")
        return f"**{code}**: {summary}\n{rest}"


def _suppressed_codes(checked: Checked, offset: int) -> list[tuple[str, tuple[int, int]]]:
    """Codes of the rules named by a suppression comment's selector at ``offset``."""
    found = []
    for directive in checked.directives:
        for selector in directive.selectors:
            start, end = selector.start + checked.shift, selector.end + checked.shift
            if start <= offset <= end and (rule := lookup(selector.text)) is not None:
                found.append((rule.code, (start, end)))
    return found
