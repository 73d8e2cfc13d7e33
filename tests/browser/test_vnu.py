"""The Nu HTML Checker (npm package vnu-jar, run with the machine's Java): zero errors and
zero warnings on every published page and on the stylesheet.

Pages are fetched over HTTP from 127.0.0.1 so the checker judges the CSP as a browser does.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from browser_helpers import page_urls

pytestmark = pytest.mark.browser


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
