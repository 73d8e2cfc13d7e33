"""``path:line:col: CODE message [name]`` lines, then a one-line summary.

Colour is added only on a terminal (and never with NO_COLOR); the words carry the whole
meaning, so the output reads the same to a screen reader or in a log file.
"""

from __future__ import annotations

from openaccess.diagnostics import Applicability, Diagnostic, Severity
from openaccess.linter import CheckResult

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def format_line(diagnostic: Diagnostic, color: bool = False) -> str:
    where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}:"
    code = diagnostic.code
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS[diagnostic.severity]}{code}{_RESET}"
    return f"{where} {code} {diagnostic.message} [{diagnostic.name}]"


def plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(result: CheckResult) -> str:
    files = plural(result.files_checked, "file")
    if not result.diagnostics:
        return f"All clear: no problems in {files}."
    counts = ", ".join(
        plural(result.count(severity), severity.label)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    fixes = [d.fix for d in result.diagnostics if d.fix is not None]
    safe = sum(1 for fix in fixes if fix.applicability is Applicability.SAFE)
    hint = f" {safe} can be fixed with --fix (see --diff)." if safe else ""
    if len(fixes) > safe:  # ruff's model: unsafe fixes need --unsafe-fixes too
        hint += f" {len(fixes) - safe} more with --fix --unsafe-fixes."
    return f"Found {counts} in {files}.{hint}"


def render(result: CheckResult, color: bool = False) -> str:
    lines = [format_line(d, color) for d in result.diagnostics]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"
