"""Legacy findings: record today's findings once, then fail only on new ones.

A baseline entry is (rule, path, fingerprint). The fingerprint hashes the rule, the path
and the offending text (whitespace-normalised), never the line number, so edits elsewhere
that shift lines keep matching. Paths are stored relative to the baseline file, so the
same baseline works from any working directory. Identical findings are matched by count:
a second copy of a recorded problem is new.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from openaccess.config import ConfigError
from openaccess.diagnostics import Diagnostic
from openaccess.fsutil import atomic_write
from openaccess.linter import CheckResult

BASELINE_VERSION = 1


def _relative(display: str, folder: Path) -> str:
    absolute = (Path.cwd() / display).resolve()
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def entry_key(diagnostic: Diagnostic, folder: Path) -> tuple[str, str, str]:
    path = _relative(diagnostic.path, folder)
    return diagnostic.code, path, dataclasses.replace(diagnostic, path=path).fingerprint


def write_baseline(file: Path, result: CheckResult) -> int:
    """Record every finding of ``result``; returns how many were written."""
    folder = file.resolve().parent
    findings = []
    for diagnostic in result.diagnostics:
        code, path, fingerprint = entry_key(diagnostic, folder)
        findings.append(
            {
                "rule": code,
                "path": path,
                "fingerprint": fingerprint,
                # For people reading the file; matching ignores them.
                "line": diagnostic.line,
                "message": diagnostic.message,
            }
        )
    findings.sort(key=lambda f: (f["path"], f["line"], f["rule"], f["fingerprint"]))
    document = {"version": BASELINE_VERSION, "tool": "openaccess", "findings": findings}
    try:
        atomic_write(file, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    except OSError as error:
        raise ConfigError(f"{file}: cannot write the baseline: {error.strerror or error}") from None
    return len(findings)


@dataclass
class StaleEntry:
    rule: str
    path: str
    line: int
    message: str


@dataclass
class BaselineOutcome:
    new: list[Diagnostic] = field(default_factory=list)
    matched: int = 0
    stale: list[StaleEntry] = field(default_factory=list)


def _load(file: Path) -> list[dict[str, object]]:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{file}: baseline file does not exist; create it with --write-baseline {file}"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"{file}: cannot read baseline: {error}") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if document.get("version") != BASELINE_VERSION or not isinstance(findings, list):
        raise ConfigError(
            f"{file}: not an openaccess baseline (version {BASELINE_VERSION});"
            " recreate it with --write-baseline"
        )
    for item in findings:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("rule", "path", "fingerprint")
        ):
            raise ConfigError(f"{file}: baseline entry without rule, path and fingerprint")
    return findings


def apply_baseline(file: Path, result: CheckResult) -> BaselineOutcome:
    """Split findings into new ones and recorded ones; entries for checked files that no
    longer match anything are stale (the problem was fixed: the baseline can shrink)."""
    folder = file.resolve().parent
    findings = _load(file)
    remaining: Counter[tuple[str, str, str]] = Counter(
        (str(f["rule"]), str(f["path"]), str(f["fingerprint"])) for f in findings
    )
    outcome = BaselineOutcome()
    for diagnostic in result.diagnostics:
        key = entry_key(diagnostic, folder)
        if remaining[key] > 0:
            remaining[key] -= 1
            outcome.matched += 1
        else:
            outcome.new.append(diagnostic)
    checked = {_relative(shown, folder) for shown in result.files}
    for item in findings:
        key = (str(item["rule"]), str(item["path"]), str(item["fingerprint"]))
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
