"""Legacy findings: record today's findings once, then fail only on new ones.

A baseline entry is (rule, path, fingerprint). The fingerprint hashes the rule, the path
and the flagged text (whitespace-normalised), never the line number or the numbers in the
message, so edits elsewhere that shift lines or change a count keep matching. A finding
about the whole page (``Rule.page_level``: no subheadings, grade above target, orphan
page...) matches by rule and page alone: one more word must not make "page has 315 words"
new. Paths are stored relative to the baseline file, so the same baseline works from any
working directory. Identical findings are matched by count: a second copy of a recorded
problem is new.

Version 1 files (written before 0.2) are still read: their fingerprints are recomputed the
old way (which hashed the message of findings without flagged text) and their page-wide
entries match by rule and page. ``--write-baseline`` writes version 2.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from openaccess.diagnostics import Diagnostic
from openaccess.errors import UsageError
from openaccess.fsutil import write_output
from openaccess.linter import CheckResult

BASELINE_VERSION = 2
READABLE_VERSIONS = (1, 2)
_PAGE = "page"  # the fingerprint of page-wide findings: the page is what they are about

Key = tuple[str, str, str]  # (rule, path relative to the baseline, fingerprint)


def _relative(display: str, folder: Path) -> str:
    absolute = (Path.cwd() / display).resolve()
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def _page_level(code: str) -> bool:
    from openaccess.rules import lookup

    rule = lookup(code)
    return rule is not None and rule.page_level


def fingerprint(diagnostic: Diagnostic, path: str) -> str:
    """Rule, path and the flagged text; or, without flagged text, the message with its
    numbers blanked ("section 'Care' has # words"): :attr:`Diagnostic.fingerprint` of the
    finding at the path relative to the baseline."""
    if _page_level(diagnostic.code):
        return _PAGE
    return replace(diagnostic, path=path).fingerprint


def _version1_fingerprint(diagnostic: Diagnostic, path: str) -> str:
    """How version 1 fingerprinted (the message as written when nothing was flagged)."""
    if _page_level(diagnostic.code):
        return _PAGE
    text = " ".join(diagnostic.snippet.split()) or diagnostic.message
    basis = "\0".join((diagnostic.code, path, text))
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def entry_key(diagnostic: Diagnostic, folder: Path, version: int = BASELINE_VERSION) -> Key:
    path = _relative(diagnostic.path, folder)
    compute = fingerprint if version >= 2 else _version1_fingerprint
    return diagnostic.code, path, compute(diagnostic, path)


def write_baseline(file: Path, result: CheckResult) -> int:
    """Record every finding of ``result``; returns how many were written."""
    folder = file.resolve().parent
    findings = []
    for diagnostic in result.diagnostics:
        code, path, key = entry_key(diagnostic, folder)
        findings.append(
            {
                "rule": code,
                "path": path,
                "fingerprint": key,
                # For people reading the file; matching ignores them.
                "line": diagnostic.line,
                "message": diagnostic.message,
            }
        )
    findings.sort(key=lambda f: (f["path"], f["line"], f["rule"], f["fingerprint"]))
    document = {"version": BASELINE_VERSION, "tool": "openaccess", "findings": findings}
    try:
        write_output(file, json.dumps(document, indent=2, ensure_ascii=False) + "\n", result.files)
    except OSError as error:
        raise UsageError(f"{file}: cannot write the baseline: {error.strerror or error}") from None
    return len(findings)


class StaleEntry(Struct):
    rule: str
    path: str
    line: int
    message: str


class BaselineOutcome(Struct):
    new: list[Diagnostic] = field(default_factory=list)
    matched: int = 0
    stale: list[StaleEntry] = field(default_factory=list)


def _load(file: Path) -> tuple[int, list[dict[str, object]]]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{file}: baseline file does not exist; create it with --write-baseline {file}"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{file}: cannot read baseline: {error}") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    version = document.get("version") if isinstance(document, dict) else None
    if version not in READABLE_VERSIONS or not isinstance(findings, list):
        raise UsageError(
            f"{file}: not an openaccess baseline (version 1 or {BASELINE_VERSION});"
            " recreate it with --write-baseline"
        )
    for item in findings:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("rule", "path", "fingerprint")
        ):
            raise UsageError(f"{file}: baseline entry without rule, path and fingerprint")
    return version, findings


def _recorded_key(item: dict[str, object]) -> Key:
    rule, path = str(item["rule"]), str(item["path"])
    return rule, path, _PAGE if _page_level(rule) else str(item["fingerprint"])


def apply_baseline(file: Path, result: CheckResult) -> BaselineOutcome:
    """Split findings into new ones and recorded ones; entries for checked files that no
    longer match anything are stale (the problem was fixed: the baseline can shrink)."""
    folder = file.resolve().parent
    version, findings = _load(file)
    remaining: Counter[Key] = Counter(_recorded_key(f) for f in findings)
    outcome = BaselineOutcome()
    for diagnostic in result.diagnostics:
        key = entry_key(diagnostic, folder, version)
        if remaining[key] > 0:
            remaining[key] -= 1
            outcome.matched += 1
        else:
            outcome.new.append(diagnostic)
    checked = {_relative(shown, folder) for shown in result.files}
    for item in findings:
        key = _recorded_key(item)
        if remaining[key] <= 0:
            continue
        gone = not (folder / key[1]).exists()
        if key[1] in checked or gone:
            remaining[key] -= 1
            line = item.get("line")
            outcome.stale.append(
                StaleEntry(
                    key[0], key[1], line if isinstance(line, int) else 0, str(item.get("message"))
                )
            )
    return outcome
