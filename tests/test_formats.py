"""Every ``--format`` read back by a real consumer: SARIF against the official schema,
GitHub workflow commands parsed back, JUnit as XML, GitLab Code Quality as JSON."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from cli_helpers import CLEAN_PAGE, JEWELER, run, write

from openaccess.diagnostics import Category, Diagnostic, Severity
from openaccess.linter import CheckResult
from openaccess.reporters import FORMATS, get_reporter
from openaccess.reporters.github import format_line

# The OASIS SARIF 2.1.0 schema (final "rtm.5" revision) as shipped in the npm package
# @microsoft/jest-sarif 1.0.0-beta.0 (MIT), lib/schemas/sarif-2.1.0-rtm.5.json.
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

BROKEN_PAGE = """---
title: Ring sizes, and how to measure them
description: Measure a ring size at home.
orphan: true
---

![](ring-sizes.png)

Wrap a strip of paper around your finger. Mark where it meets, then measure it.
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copyfile(JEWELER, tmp_path / "jeweler.md")
    write(tmp_path / "guides" / "ring sizes.md", BROKEN_PAGE)
    write(tmp_path / "guides" / "clean.md", CLEAN_PAGE)
    return tmp_path


def check(site: Path, capsys, monkeypatch, *args: str):
    return run(["check", "--no-cache", *args, "."], site, capsys, monkeypatch)


def json_findings(site: Path, capsys, monkeypatch) -> list[dict]:
    ran = check(site, capsys, monkeypatch, "--format", "json")
    return json.loads(ran.out)["diagnostics"]


def test_every_format_is_registered():
    assert set(FORMATS) == {"text", "concise", "json", "sarif", "github", "junit", "gitlab"}


def test_sarif_is_valid_against_the_official_schema(site, capsys, monkeypatch):
    ran = check(site, capsys, monkeypatch, "--format", "sarif")
    log = json.loads(ran.out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)

    findings = json_findings(site, capsys, monkeypatch)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert len(results) == len(findings) > 3
    for result, finding in zip(results, findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert result["message"]["text"] == finding["message"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"jeweler.md", "guides/ring%20sizes.md"}  # clean.md has no finding
    # A colon is escaped: "a:b.md" would be a URI of scheme "a" (QA of 2 December, G13).
    from openaccess.reporters.sarif import _uri

    assert _uri("a:b.md") == "a%3Ab.md" and _uri("sub dir/x.md") == "sub%20dir/x.md"
    image_alt = next(rule for rule in rules if rule["id"] == "OA401")
    assert image_alt["name"] == "image-alt"
    assert image_alt["defaultConfiguration"]["level"] == "error"
    assert "## Why it matters" in image_alt["help"]["markdown"]


def test_sarif_of_a_clean_run_is_valid(tmp_path, capsys, monkeypatch):
    write(tmp_path / "clean.md", CLEAN_PAGE)
    ran = run(
        ["check", "--no-cache", "--ignore", "OA509", "--format", "sarif", "clean.md"],
        tmp_path,
        capsys,
        monkeypatch,
    )
    log = json.loads(ran.out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    assert log["runs"][0]["results"] == []
    assert ran.code == 0


_COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse_github(output: str) -> list[dict[str, str]]:
    parsed = []
    for line in output.splitlines():
        match = _COMMAND.match(line)
        if not match:
            continue
        props = dict(item.split("=", 1) for item in match.group("props").split(","))
        props = {key: _unescape(value) for key, value in props.items()}
        props["level"] = match.group(1)
        props["message"] = _unescape(match.group("message"))
        parsed.append(props)
    return parsed


def test_github_annotations_parse_back_to_the_findings(site, capsys, monkeypatch):
    ran = check(site, capsys, monkeypatch, "--format", "github")
    annotations = parse_github(ran.out)
    findings = json_findings(site, capsys, monkeypatch)
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    assert [
        (a["file"], int(a["line"]), int(a["col"]), a["title"].split()[0], a["message"], a["level"])
        for a in annotations
    ] == [
        (f["path"], f["line"], f["column"], f["rule"], f["message"], levels[f["severity"]])
        for f in findings
    ]
    assert ran.out.splitlines()[-1].startswith("Found ")


def test_the_text_summary_names_the_rules_of_the_errors():
    """Only colour told an error's line from a warning's: a log or a screen reader shows
    none (QA of 2 December). The summary names the errors' rules, five at most."""
    from openaccess.linter import CheckResult
    from openaccess.reporters.text import summary

    def finding(code: str, severity: Severity) -> Diagnostic:
        place = {"path": "a.md", "line": 1, "column": 1, "end_line": 1, "end_column": 2}
        kind = {"name": "demo", "category": Category.LINKS, "severity": severity}
        return Diagnostic(**place, **kind, code=code, message="m")

    codes = ["OA307", "OA301", "OA301", "OA303", "OA401", "OA305", "OA302"]
    result = CheckResult(files_checked=1)
    result.diagnostics = [finding(code, Severity.ERROR) for code in codes[:3]]
    result.diagnostics.append(finding("OA506", Severity.WARNING))
    assert summary(result) == "Found 3 errors (OA301, OA307), 1 warning, 0 info in 1 file."
    result.diagnostics = [finding(code, Severity.ERROR) for code in codes]
    assert summary(result).startswith(
        "Found 7 errors (OA301, OA302, OA303, OA305, OA307, …), 0 warnings"
    )


def test_github_escapes_commas_colons_newlines_and_percent():
    diagnostic = Diagnostic(
        path="a,b:c.md",
        line=3,
        column=4,
        end_line=3,
        end_column=9,
        code="OA999",
        name="demo",
        category=Category.LINKS,
        severity=Severity.ERROR,
        message="50% done\nnext: line, here",
    )
    line = format_line(diagnostic)
    assert "\n" not in line
    assert line == (
        "::error file=a%2Cb%3Ac.md,line=3,col=4,endLine=3,endColumn=9,title=OA999 demo"
        "::50%25 done%0Anext: line, here"
    )
    (parsed,) = parse_github(line)
    assert (parsed["file"], parsed["message"]) == ("a,b:c.md", "50% done\nnext: line, here")


def test_github_is_chosen_on_github_actions(site, capsys, monkeypatch):
    from openaccess.cli import main

    monkeypatch.chdir(site)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setattr("sys.argv", ["openaccess", "check", "--no-cache", "jeweler.md"])
    with pytest.raises(SystemExit):
        main()
    out = capsys.readouterr().out
    assert out.startswith("::warning file=jeweler.md,line=")


def test_junit_has_one_test_case_per_file(site, capsys, monkeypatch):
    ran = check(site, capsys, monkeypatch, "--format", "junit")
    root = ElementTree.fromstring(ran.out)
    cases = root.findall("./testsuite/testcase")
    assert sorted(c.get("name") for c in cases) == [
        "guides/clean.md",
        "guides/ring sizes.md",
        "jeweler.md",
    ]
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    findings = json_findings(site, capsys, monkeypatch)
    with_errors = {f["path"] for f in findings if f["severity"] == "error"}
    assert failed == with_errors and "guides/ring sizes.md" in failed
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", str(len(failed)))
    failure = next(c for c in cases if c.get("name") == "guides/ring sizes.md").find("failure")
    assert "OA401" in failure.text


def test_gitlab_code_quality_report(site, capsys, monkeypatch):
    ran = check(site, capsys, monkeypatch, "--format", "gitlab")
    issues = json.loads(ran.out)
    findings = json_findings(site, capsys, monkeypatch)
    assert len(issues) == len(findings)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    severity = {"error": "major", "warning": "minor", "info": "info"}
    for issue, finding in zip(issues, findings, strict=True):
        assert issue["location"] == {
            "path": finding["path"],
            "lines": {"begin": finding["line"], "end": finding["end_line"]},
        }
        assert issue["severity"] == severity[finding["severity"]]
        assert issue["check_name"].startswith(finding["rule"] + " ")
        assert issue["type"] == "issue" and issue["description"]


def test_concise_lines_are_stable(site, capsys, monkeypatch):
    ran = check(site, capsys, monkeypatch, "--format", "concise")
    findings = json_findings(site, capsys, monkeypatch)
    assert ran.out.splitlines() == [
        f"{f['path']}:{f['line']}:{f['column']}: {f['rule']} {f['message']}" for f in findings
    ]


def test_json_shape(site, capsys, monkeypatch):
    ran = check(site, capsys, monkeypatch, "--format", "json")
    document = json.loads(ran.out)
    assert document["version"] == 1
    assert document["files_checked"] == 3
    counts = {"errors": 0, "warnings": 0, "info": 0}
    for finding in document["diagnostics"]:
        assert set(finding) == {
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "rule",
            "name",
            "category",
            "severity",
            "message",
            "fix",
        }
        counts[{"error": "errors", "warning": "warnings", "info": "info"}[finding["severity"]]] += 1
    failed = bool(counts["errors"])
    assert document["summary"] == {
        **counts,
        "fail_on": "error",
        "failed": failed,
        "page_failures": [],
    }
    assert ran.code == (1 if failed else 0)


def test_output_file_gets_the_report_and_the_terminal_a_summary(site, capsys, monkeypatch):
    ran = check(site, capsys, monkeypatch, "--format", "sarif", "--output", "report.sarif")
    log = json.loads((site / "report.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    counts = r"Found \d+ errors? \(OA301, OA401\), \d+ warnings?, \d+ info in 3 files\."
    assert re.fullmatch(counts + r".*\n", ran.out)
    assert "Wrote the sarif report to report.sarif." in ran.err
    assert ran.code == 1


def test_text_summary_counts():
    result = CheckResult(files_checked=2, files=["a.md", "b.md"])
    assert get_reporter("text")(result, False) == "All clear: no problems in 2 files.\n"
