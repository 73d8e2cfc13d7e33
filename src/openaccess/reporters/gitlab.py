"""``--format gitlab``: GitLab Code Quality JSON (a ``codequality`` report artifact).

Each issue needs a unique fingerprint; repeated identical findings in one file get an
occurrence number so GitLab keeps them apart, and fingerprints survive line shifts.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from openaccess.diagnostics import Severity
from openaccess.linter import CheckResult

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: CheckResult, color: bool = False) -> str:
    seen: Counter[str] = Counter()
    issues = []
    for d in result.diagnostics:
        seen[d.fingerprint] += 1
        unique = hashlib.sha256(f"{d.fingerprint}:{seen[d.fingerprint]}".encode()).hexdigest()
        issues.append(
            {
                "type": "issue",
                "check_name": f"{d.code} {d.name}",
                "description": f"{d.code} {d.message}",
                "categories": ["Style"],
                "severity": SEVERITIES[d.severity],
                "fingerprint": unique[:32],
                "location": {
                    "path": d.path,
                    "lines": {"begin": d.line, "end": d.end_line},
                },
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
