"""The HTML readability report in a real Chromium: axe-core finds no violations, and the
Nu HTML Checker finds nothing, like published pages."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openaccess.commands.app import app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        # The OA503 page has a very hard (wordy) sentence: its mark is checked too.
        pages = ["pages/", "tests/fixtures/OA504", "tests/fixtures/OA503/hard.md"]
        args = ["report", *pages, "-f", "html", "-o", str(target)]
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
def test_html_report_has_no_axe_violations(report_file, width, scheme, context_factory):
    from axe_playwright_python.sync_playwright import Axe

    page = context_factory(width, scheme).new_page()
    page.goto(report_file.as_uri())
    assert page.locator("mark.very-hard").count() == 2  # 1 in the text + the legend
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]
    assert violations == []


def test_html_report_passes_the_nu_html_checker(report_file, vnu):
    done = subprocess.run(
        [*vnu, "--Werror", "--format", "text", str(report_file)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
