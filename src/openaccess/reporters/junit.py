"""``--format junit``: JUnit XML, one test case per checked file, for CI test dashboards.

A file with a finding that fails the run (errors; warnings too with ``--strict``; none
with ``--exit-zero``), or whose reading grade rose by more than ``--max-grade-increase``
allows, is a failed test case listing every finding, so the dashboard and the exit status
always agree; other files pass and list their findings in ``system-out``.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree

from openaccess.diagnostics import Diagnostic, Severity
from openaccess.linter import CheckResult
from openaccess.printable import clean_line
from openaccess.reporters.text import plural


def _finding(d: Diagnostic) -> str:
    return f"{d.line}:{d.column} {d.severity.label} {d.code} {d.message} [{d.name}]"


def render(result: CheckResult, color: bool = False) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in result.diagnostics:
        by_file[diagnostic.path].append(diagnostic)
    names = list(dict.fromkeys([*result.files, *by_file, *(p for p, _ in result.page_failures)]))
    failures = sum(1 for name in names if _failing(result, name, by_file[name]))
    suites = ElementTree.Element("testsuites", name="openaccess")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="openaccess check",
        tests=str(len(names)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    suites.set("tests", str(len(names)))
    suites.set("failures", str(failures))
    for name in names:
        shown = clean_line(name)  # XML 1.0 cannot hold most control characters
        case = ElementTree.SubElement(suite, "testcase", classname="openaccess", name=shown)
        findings = by_file[name]
        failing = [d for d in findings if result.fails(d)]
        reasons = result.failures_of(name)
        if failing or reasons:
            parts = [_counted(failing)] if failing else []
            what = ", ".join([*parts, *(["grade rose"] if reasons else [])])
            failure = ElementTree.SubElement(
                case, "failure", message=f"{what} in {shown}", type="openaccess"
            )
            failure.text = "\n".join([*reasons, *(_finding(d) for d in findings)])
        elif findings:
            ElementTree.SubElement(case, "system-out").text = "\n".join(
                _finding(d) for d in findings
            )
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _failing(result: CheckResult, name: str, findings: list[Diagnostic]) -> bool:
    return any(map(result.fails, findings)) or bool(result.failures_of(name))


def _counted(findings: list[Diagnostic]) -> str:
    """'2 errors, 1 warning': the findings that fail the case."""
    return ", ".join(
        plural(count, severity.label)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if (count := sum(1 for d in findings if d.severity is severity))
    )
