"""``--write-baseline`` / ``--baseline``: only new findings fail; stale entries are reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import JEWELER, run, write

BAD = """---
title: Ring care
description: Keep rings clean.
orphan: true
---

![](ring.png)

Clean rings with warm water.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "openaccess.toml", 'pages = "pages"\nignore = ["OA5"]\n')
    write(tmp_path / "pages" / "care.md", BAD)
    shutil.copyfile(JEWELER, tmp_path / "pages" / "jeweler.md")
    for image in ("ring.png", "box.png"):
        write(tmp_path / "pages" / image, "not really a picture")
    return tmp_path


def check(project: Path, capsys, monkeypatch, *args: str, cwd: Path | None = None):
    return run(["check", "--no-cache", *args], cwd or project, capsys, monkeypatch)


def test_write_then_check_against_the_baseline_passes(project, capsys, monkeypatch):
    before = check(project, capsys, monkeypatch)
    assert before.code == 1 and "OA401" in before.out
    wrote = check(project, capsys, monkeypatch, "--write-baseline", "baseline.json")
    assert wrote.code == 0
    document = json.loads((project / "baseline.json").read_text())
    recorded = sorted((f["rule"], f["path"]) for f in document["findings"])
    assert ("OA401", "pages/care.md") in recorded
    assert ("OA404", "pages/jeweler.md") in recorded
    assert f"Recorded {len(recorded)} findings in baseline.json." in wrote.err

    after = check(project, capsys, monkeypatch, "--baseline", "baseline.json")
    assert after.code == 0
    assert (
        after.out
        == f"No new problems in 2 files. {len(recorded)} known problems in the baseline.\n"
    )


def test_line_shifts_keep_matching_and_new_findings_fail(project, capsys, monkeypatch):
    check(project, capsys, monkeypatch, "--write-baseline", "baseline.json")
    care = project / "pages" / "care.md"
    # Unrelated edit above the finding shifts it down four lines, and one new problem.
    care.write_text(
        BAD.replace("![](ring.png)", "Intro line.\n\nMore intro.\n\n![](ring.png)\n\n![](box.png)")
    )
    ran = check(project, capsys, monkeypatch, "--baseline", "baseline.json")
    assert ran.code == 1
    lines = ran.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("pages/care.md:13:1: OA401 image 'box.png' has no alt text")


def test_a_second_copy_of_a_recorded_problem_is_new(project, capsys, monkeypatch):
    check(project, capsys, monkeypatch, "--write-baseline", "baseline.json")
    care = project / "pages" / "care.md"
    care.write_text(BAD.replace("![](ring.png)", "![](ring.png)\n\n![](ring.png)"))
    ran = check(project, capsys, monkeypatch, "--baseline", "baseline.json")
    assert ran.code == 1
    assert [line.split(" ")[1] for line in ran.out.splitlines()[:-1]] == ["OA401"]


def test_fixed_findings_are_reported_as_stale(project, capsys, monkeypatch):
    check(project, capsys, monkeypatch, "--write-baseline", "baseline.json")
    (project / "pages" / "care.md").write_text(BAD.replace("![](ring.png)", "![A ring](ring.png)"))
    ran = check(project, capsys, monkeypatch, "--baseline", "baseline.json")
    assert ran.code == 0
    assert (
        "baseline.json: stale entry OA401 in pages/care.md (line 7: image 'ring.png' has no alt"
        " text; describe it inside the brackets: ![what it shows](...)) no longer occurs"
    ) in ran.err
    assert "1 baseline entry is fixed; run --write-baseline baseline.json to drop it." in ran.err


def test_entries_of_files_not_checked_are_not_stale(project, capsys, monkeypatch):
    check(project, capsys, monkeypatch, "--write-baseline", "baseline.json")
    ran = check(project, capsys, monkeypatch, "--baseline", "baseline.json", "pages/care.md")
    assert ran.code == 0
    assert "stale" not in ran.err


def test_baseline_paths_work_from_another_folder(project, capsys, monkeypatch):
    check(project, capsys, monkeypatch, "--write-baseline", "baseline.json")
    ran = check(
        project, capsys, monkeypatch, "--baseline", "../baseline.json", cwd=project / "pages"
    )
    assert (ran.code, ran.err) == (0, "")


def test_missing_or_broken_baseline_is_a_usage_error(project, capsys, monkeypatch):
    ran = check(project, capsys, monkeypatch, "--baseline", "nope.json")
    assert ran.code == 2
    assert "nope.json: baseline file does not exist; create it with --write-baseline" in ran.err
    write(project / "bad.json", '{"version": 7}')
    ran = check(project, capsys, monkeypatch, "--baseline", "bad.json")
    assert ran.code == 2 and "not an openaccess baseline" in ran.err
    assert "Traceback" not in ran.err
