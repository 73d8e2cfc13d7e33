"""The Nu HTML Checker (npm package vnu-jar, run with the machine's Java): zero errors and
zero warnings on every published page and on the stylesheet.

Pages are fetched over HTTP from 127.0.0.1 so the checker judges the CSP as a browser does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_helpers import page_urls, require_or_skip

pytestmark = pytest.mark.browser


def vnu_jar() -> Path | None:
    if configured := os.environ.get("OPENACCESS_VNU_JAR"):
        return Path(configured)
    roots = [Path(__file__).resolve().parents[2] / "node_modules"]
    npm = shutil.which("npm")
    if npm:
        found = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout.strip():
            roots.append(Path(found.stdout.strip()))
    for root in roots:
        jar = root / "vnu-jar" / "build" / "dist" / "vnu.jar"
        if jar.is_file():
            return jar
    return None


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = shutil.which("java")
    if java is None:
        require_or_skip("Java not found; install it with: apt-get install -y default-jre-headless")
    jar = vnu_jar()
    if jar is None or not jar.is_file():
        require_or_skip("vnu.jar not found; install it with: npm install -g vnu-jar")
    # The checker refuses 127.0.0.1 unless told otherwise (vnu 26 and later).
    return [java, "-Dnu.validator.servlet.allow-forbidden-hosts=true", "-jar", str(jar)]


def test_nu_html_checker_reports_nothing(vnu, published, served):
    urls = [url for _, url in page_urls(published, served)]
    stylesheets = [served[name] + "openaccess.css" for name in published]
    assert len(urls) >= 8
    result = subprocess.run(
        [*vnu, "--format", "json", "--also-check-css", *urls, *stylesheets],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [
        f"{m.get('url')}:{m.get('lastLine')}: {m.get('type')} {m.get('subType', '')}:"
        f" {m['message']}"
        for m in messages
    ]
    assert problems == []
