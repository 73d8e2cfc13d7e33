"""``path:line:col: CODE message [name]`` lines, then a one-line summary.

Colour is added only on a terminal (and never with NO_COLOR); the words carry the whole
meaning, so the output reads the same to a screen reader or in a log file.
"""

from __future__ import annotations

from openaccess.diagnostics import Applicability, Diagnostic, Severity
from openaccess.linter import CheckResult
from openaccess.printable import clean_line

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def format_line(diagnostic: Diagnostic, color: bool = False) -> str:
    where = clean_line(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}:")
    code = diagnostic.code
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS[diagnostic.severity]}{code}{_RESET}"
    return f"{where} {code} {clean_line(diagnostic.message)} [{diagnostic.name}]"


def plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(result: CheckResult) -> str:
    files = plural(result.files_checked, "file")
    known = f" {plural(result.known, 'known problem')} in the baseline." if result.known else ""
    if not result.diagnostics and not result.page_failures:
        if result.known:  # "All clear" would hide them
            return f"No new problems in {files}.{known}"
        return f"All clear: no problems in {files}."
    if not result.diagnostics:
        return f"No findings in {files}.{_verdict(result)}{known}"
    return f"Found {_counts(result)} in {files}.{_fix_hint(result)}{_verdict(result)}{known}"


def _counts(result: CheckResult) -> str:
    errors = plural(result.count(Severity.ERROR), "error") + error_codes(result.diagnostics)
    others = [plural(result.count(s), s.label) for s in (Severity.WARNING, Severity.INFO)]
    return ", ".join([errors, *others])


def error_codes(diagnostics: list[Diagnostic], most: int = 5) -> str:
    """The rules of the errors, " (OA301, OA305)": only colour tells the lines apart, and a
    log or a screen reader shows none."""
    codes = sorted({d.code for d in diagnostics if d.severity is Severity.ERROR})
    if not codes:
        return ""
    shown = ", ".join(codes[:most]) + (", …" if len(codes) > most else "")
    return f" ({shown})"


def _verdict(result: CheckResult) -> str:
    """Why the run fails or passes, where the counts alone do not say it."""
    if result.fail_on is None:
        waived = any(d.severity >= result.waived for d in result.diagnostics)
        return " Passing anyway (--exit-zero)." if waived or result.page_failures else ""
    if result.page_failures:
        pages = plural(len({path for path, _ in result.page_failures}), "page")
        return f" Failing: the reading grade of {pages} rose too much (--max-grade-increase)."
    if result.fail_on is Severity.WARNING and result.failed and not result.count(Severity.ERROR):
        return " Failing: warnings count (--strict)."
    return ""


def _fix_hint(result: CheckResult) -> str:
    fixes = [d.fix for d in result.diagnostics if d.fix is not None]
    safe = sum(1 for fix in fixes if fix.applicability is Applicability.SAFE)
    hint = f" {safe} can be fixed with --fix (see --diff)." if safe else ""
    if len(fixes) > safe:  # ruff's model: unsafe fixes need --unsafe-fixes too
        hint += f" {len(fixes) - safe} more with --fix --unsafe-fixes."
    return hint


def render(result: CheckResult, color: bool = False) -> str:
    lines = [format_line(d, color) for d in result.diagnostics]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"
