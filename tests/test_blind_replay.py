"""tools/blind_replay.py: how judged findings are matched to today's, and the table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "blind_replay.py"
spec = importlib.util.spec_from_file_location("blind_replay", TOOL)
assert spec is not None and spec.loader is not None
blind_replay = importlib.util.module_from_spec(spec)
spec.loader.exec_module(blind_replay)

TODAY = [
    {"rule": "OA502", "path": "a.md", "line": 4},
    {"rule": "OA501", "path": "b.md", "line": 9},
]


def row(rule: str, file: str, line: int, verdict: str) -> dict:
    return {"rule": rule, "file": file, "line": line, "verdict": verdict}


def test_a_finding_is_still_reported_at_its_rule_file_and_line():
    assert blind_replay.still_reported(row("OA502", "a.md", 4, "true"), TODAY)
    assert not blind_replay.still_reported(row("OA502", "a.md", 5, "true"), TODAY)
    assert not blind_replay.still_reported(row("OA504", "a.md", 4, "true"), TODAY)


def test_a_once_a_page_finding_matches_anywhere_on_its_page():
    assert blind_replay.still_reported(row("OA501", "b.md", 1, "false"), TODAY)
    assert not blind_replay.still_reported(row("OA501", "a.md", 1, "false"), TODAY)


def test_the_table_counts_lean_true_as_true_among_findings_reported_now():
    results = [
        (row("OA502", "a.md", 4, "lean-true"), True),
        (row("OA502", "a.md", 7, "false"), True),
        (row("OA502", "a.md", 9, "true"), False),
    ]
    assert blind_replay.table(results).splitlines()[2:] == [
        "| OA502 | 3 | 2 | 1 | 50% |",
        "| all | 3 | 2 | 1 | 50% |",
    ]
