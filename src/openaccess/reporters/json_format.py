"""``--format json``: a stable, versioned document (paths relative to the working directory)."""

from __future__ import annotations

import json

from openaccess.diagnostics import Severity
from openaccess.linter import CheckResult

SCHEMA_VERSION = 1


def render(result: CheckResult, color: bool = False) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "files_checked": result.files_checked,
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "summary": {
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
            # The verdict the exit status gives: findings at or above fail_on fail the run.
            "fail_on": result.fail_on.label if result.fail_on is not None else None,
            "failed": result.failed,
            # Pages that fail the run without a finding (--max-grade-increase).
            "page_failures": [{"path": path, "reason": why} for path, why in result.page_failures],
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
