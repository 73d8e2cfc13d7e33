"""openaccess's own user guide (docs/) passes openaccess: no error, no warning, every page
at its grade target, every page reachable; its rules reference is the rules' own
documentation. The browser tests publish it with the other sites (tests/browser/)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import frontmatter
from cli_helpers import REPO, run

from openaccess.rules import all_rules
from openaccess.rules.docs import reference_page

DOCS = REPO / "docs"
GUIDE_CONFIG = "guide.toml"


def guide_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def test_rules_reference_is_made_from_the_rules():
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert page == reference_page(all_rules()), "run: python tools/build_rules_page.py"


def test_rules_reference_has_a_section_for_every_rule():
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"\n## {rule.code} {rule.name}\n" in page
        assert f"](#{rule.code.lower()}-{rule.name})" in page  # the table links to it


def _above_info(report: dict) -> list[str]:
    """The warnings and errors of a JSON report, one readable line each."""
    return [
        f"{d['path']}:{d['line']}: {d['rule']} {d['message']}"
        for d in report["diagnostics"]
        if d["severity"] != "info"
    ]


def test_the_guide_has_no_error_and_no_warning(capsys, monkeypatch):
    ran = run(["check", "--config", GUIDE_CONFIG, "--format", "json"], REPO, capsys, monkeypatch)
    report = json.loads(ran.out)
    assert _above_info(report) == []
    assert report["files_checked"] == len(guide_pages())
    orphans = [d["path"] for d in report["diagnostics"] if d["rule"] == "OA310"]
    assert orphans == [], "link every page from docs/index.md"


def test_the_guide_and_the_readme_pass_with_the_root_config(capsys, monkeypatch):
    """Issue 18's done-when, exactly as written: from the repository root, with the root
    openaccess.toml (the sample site's), nothing above info."""
    ran = run(["check", "docs", "README.md"], REPO, capsys, monkeypatch)
    assert (ran.code, ran.err) == (0, ""), ran.out
    summary = ran.out.splitlines()[-1]
    assert summary.startswith(("All clear:", "Found 0 errors, 0 warnings,")), ran.out
    ran = run(["check", "docs", "README.md", "--format", "json"], REPO, capsys, monkeypatch)
    report = json.loads(ran.out)
    assert _above_info(report) == []
    assert report["files_checked"] == len(list(DOCS.rglob("*.md"))) + 2  # + the example, README


def test_the_example_report_is_what_report_writes(tmp_path, capsys, monkeypatch):
    written = tmp_path / "report.html"
    args = ["report", "pages/", "--format", "html", "--output", str(written)]
    assert run(args, REPO, capsys, monkeypatch).code == 0
    example = (DOCS / "report-example.html").read_text(encoding="utf-8")
    regenerate = "openaccess report pages/ --format html --output docs/report-example.html"
    assert example == written.read_text(encoding="utf-8"), f"run: {regenerate}"


def test_every_page_meets_its_grade_target(capsys, monkeypatch):
    ran = run(["report", "--config", GUIDE_CONFIG, "--format", "json"], REPO, capsys, monkeypatch)
    pages = json.loads(ran.out)["pages"]
    assert len(pages) == len(guide_pages())
    assert {(p["path"], p["verdict"]) for p in pages} == {(p["path"], "ok") for p in pages}


def test_a_page_with_its_own_target_says_why():
    assert len(guide_pages()) > 10
    for path in guide_pages():
        text = path.read_text(encoding="utf-8")
        raw = text.split("\n---\n", 1)[0]
        meta = frontmatter.loads(text).metadata
        if "audience" in meta or "reading_age" in meta:
            comment = re.search(r"^# .{20,}\n(?:# .*\n)*(?:audience|reading_age):", raw, re.M)
            assert comment, f"{path.name}: say in a comment above the target why it is needed"


def test_every_page_is_in_the_index():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for path in guide_pages():
        if path.name != "index.md":
            assert f"]({path.relative_to(DOCS).as_posix()})" in index, path.name


def test_the_guide_recipe_publishes_with_the_guide_config():
    import tomllib

    import yaml

    page = (DOCS / "development.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- ci-recipe:guide -->\n```yaml\n(.*?)```", page, re.S)
    assert block, "docs/development.md lacks the guide recipe"
    steps = yaml.safe_load(block.group(1))["jobs"]["build"]["steps"]
    (used,) = [step for step in steps if step.get("uses") == "./"]
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert set(used["with"]) <= set(action["inputs"])
    config = tomllib.loads((REPO / GUIDE_CONFIG).read_text())
    assert used["with"]["site-dir"] == config["publish"]["output"]
    assert f"--config {GUIDE_CONFIG}" in used["with"]["args"]
    assert used["with"]["publish-args"] == f"--config {GUIDE_CONFIG}"
