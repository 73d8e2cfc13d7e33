"""``--format concise``: one stable ``path:line:col: CODE message`` line per finding.

No colour, no rule name, no summary: the shape editors' problem matchers and ``grep``
rely on, and it will not change between versions.
"""

from __future__ import annotations

from openaccess.linter import CheckResult
from openaccess.printable import clean_line


def render(result: CheckResult, color: bool = False) -> str:
    return "".join(
        clean_line(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}") + "\n"
        for d in result.diagnostics
    )
