"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Every rule is described (summary, full documentation as help text, default level, WCAG
criterion), results carry 1-based line/column regions counted in Unicode code points,
a line-shift-proof partial fingerprint, and any fix as SARIF replacements.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from openaccess import __version__
from openaccess.diagnostics import Diagnostic, Severity
from openaccess.linter import UNREADABLE_CODE, UNREADABLE_NAME, CheckResult
from openaccess.rules import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rules() -> list[dict[str, object]]:
    described: list[dict[str, object]] = [
        {
            "id": UNREADABLE_CODE,
            "name": UNREADABLE_NAME,
            "shortDescription": {"text": "File could not be read as a page."},
            "fullDescription": {
                "text": "The file is not valid UTF-8/UTF-16, is binary, too"
                " large, or cannot be opened."
            },
            "defaultConfiguration": {"level": "error"},
            "properties": {"category": "file"},
        }
    ]
    for rule in all_rules():
        documentation = rule.documentation() or rule.summary
        properties: dict[str, object] = {"category": rule.category.value, "tags": ["accessibility"]}
        if rule.wcag:
            properties["wcag"] = rule.wcag
        if rule.fix is not None:
            properties["fix"] = rule.fix.value
        described.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": documentation},
                "help": {"text": documentation, "markdown": documentation},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": properties,
            }
        )
    return described


def _uri(path: str) -> str:
    """The path as a relative URI reference (RFC 3986): every character but ``/`` and the
    unreserved ones escaped, ``:`` too, or ``a:b.md`` would read as scheme ``a``."""
    return quote(path, safe="/.-_~")


def _result(d: Diagnostic, index: dict[str, int]) -> dict[str, object]:
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(d.path)},
            "region": {
                "startLine": d.line,
                "startColumn": d.column,
                "endLine": d.end_line,
                "endColumn": max(d.end_column, 1),
            },
        }
    }
    result: dict[str, object] = {
        "ruleId": d.code,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [location],
        "partialFingerprints": {"openaccess/v1": d.fingerprint},
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": d.fix.description},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(d.path)},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": edit.start,
                                    "charLength": edit.end - edit.start,
                                },
                                "insertedContent": {"text": edit.text},
                            }
                            for edit in d.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def render(result: CheckResult, color: bool = False) -> str:
    rules = _rules()
    index = {str(rule["id"]): position for position, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "openaccess",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                # The run's verdict, as the exit status gives it (0 passes, 1 fails).
                "invocations": [
                    {"executionSuccessful": True, "exitCode": 1 if result.failed else 0}
                ],
                "results": [_result(d, index) for d in result.diagnostics],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
