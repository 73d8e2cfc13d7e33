"""``--format github``: GitHub Actions workflow commands, shown as annotations on the
pull request's changed lines (chosen automatically when ``GITHUB_ACTIONS=true``).

Format: ``::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message``. Values
are escaped as the Actions runner expects, so commas, colons and newlines in paths or
messages cannot break an annotation.
"""

from __future__ import annotations

from openaccess.diagnostics import Diagnostic, Severity
from openaccess.linter import CheckResult
from openaccess.printable import shown_controls
from openaccess.reporters.text import summary

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The runner's escapes for ``%`` and line breaks; other control characters (a file
    name's ESC or BEL) are shown as ``\x1b``, as every other format shows them."""
    return shown_controls(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_line(d: Diagnostic) -> str:
    properties = {
        "file": d.path,
        "line": str(d.line),
        "col": str(d.column),
        "endLine": str(d.end_line),
        "endColumn": str(d.end_column),
        "title": f"{d.code} {d.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{LEVELS[d.severity]} {joined}::{escape_data(d.message)}"


def page_failure_line(path: str, why: str) -> str:
    """A page that fails the run without a finding (its grade rose), on its file."""
    joined = f"file={escape_property(path)},title={escape_property('grade rose')}"
    return f"::error {joined}::{escape_data(why)}"


def render(result: CheckResult, color: bool = False) -> str:
    lines = [format_line(d) for d in result.diagnostics]
    lines += [page_failure_line(path, why) for path, why in result.page_failures]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"
