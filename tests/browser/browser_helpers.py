"""Shared by the browser tests and the screenshot script: where Chromium is, how to launch
it, and the skip-or-fail rule when it is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from publish_helpers import html_files

CHROMIUM = Path(os.environ.get("OPENACCESS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# URL path of each site's base_url (tests/sites/varied/openaccess.toml).
SITE_PATHS = {"varied": "guide"}


def require_or_skip(reason: str) -> None:
    """Skip with the reason; fail instead when OPENACCESS_REQUIRE_BROWSER=1 (CI)."""
    if os.environ.get("OPENACCESS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (OPENACCESS_REQUIRE_BROWSER=1 makes this a failure)")
    pytest.skip(reason)


def page_urls(published: dict[str, Path], served: dict[str, str]) -> list[tuple[str, str]]:
    """(test id, URL) for every published HTML page of both sites."""
    urls = []
    for name, folder in published.items():
        for file in html_files(folder):
            relative = file.relative_to(folder).as_posix()
            path = relative.removesuffix("index.html")
            urls.append((f"{name}/{relative}", served[name] + path))
    return urls
