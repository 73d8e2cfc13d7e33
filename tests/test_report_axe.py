"""The HTML report in a real Chromium: axe-core finds no violations.

Same rule set and skip rule as tests/browser (Debian's /usr/bin/chromium, never
``playwright install``; OPENACCESS_REQUIRE_BROWSER=1 turns a missing browser into a failure).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openaccess.cli import app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("OPENACCESS_CHROMIUM", "/usr/bin/chromium"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        args = ["report", "pages/", "tests/fixtures/OA504", "-f", "html", "-o", str(target)]
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
def test_html_report_has_no_axe_violations(report_file, width, scheme):
    if not CHROMIUM.is_file():
        reason = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("OPENACCESS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (OPENACCESS_REQUIRE_BROWSER=1 makes this a failure)")
        pytest.skip(reason)
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            page.goto(report_file.as_uri())
            assert page.locator("mark.very-hard").count() == 3  # 2 in the text + the legend
            results = Axe().run(
                page,
                options={
                    "runOnly": {"type": "tag", "values": AXE_TAGS},
                    "resultTypes": ["violations"],
                },
            )
        finally:
            browser.close()
    violations = [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]
    assert violations == []


def test_html_report_passes_the_nu_html_checker(report_file):
    import shutil
    import subprocess

    vnu = shutil.which("vnu")
    if vnu is None or shutil.which("java") is None:
        reason = "vnu (npm install -g vnu-jar) or java not found"
        if os.environ.get("OPENACCESS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (OPENACCESS_REQUIRE_BROWSER=1 makes this a failure)")
        pytest.skip(reason)
    done = subprocess.run(
        [vnu, "--Werror", "--format", "text", str(report_file)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
