"""A real Chromium (Debian's package) driven by Playwright, against published sites.

Never ``playwright install``: the browser is ``/usr/bin/chromium``. Without it these tests
skip with the reason, unless OPENACCESS_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, SITE_PATHS, require_or_skip
from publish_helpers import JEWELER_PAGES, VARIED_SITE, publish_copy, publish_guide


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> dict[str, Path]:
    """The repository's pages/, the varied test site and the user guide (docs/), each
    published once."""
    work = tmp_path_factory.mktemp("published")
    return {
        "jeweler": publish_copy(JEWELER_PAGES, work),
        "varied": publish_copy(VARIED_SITE, work),
        "guide": publish_guide(work),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture(scope="session")
def served(published, tmp_path_factory) -> Iterator[dict[str, str]]:
    """Each published site over HTTP on 127.0.0.1 (a real server, as readers get), at the
    path of its base_url, so the 404 page's absolute links work as they would online."""
    servers = {}
    prefixes = {}
    for name, folder in published.items():
        prefix = SITE_PATHS.get(name, "")
        root = folder
        if prefix:
            root = tmp_path_factory.mktemp(f"serve-{name}")
            (root / prefix).symlink_to(folder, target_is_directory=True)
        prefixes[name] = prefix + "/" if prefix else ""
        handler = functools.partial(_Quiet, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server
    yield {
        name: f"http://127.0.0.1:{s.server_address[1]}/{prefixes[name]}"
        for name, s in servers.items()
    }
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        require_or_skip(
            f"Chromium not found at {CHROMIUM}; install it with: apt-get install -y chromium"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip("playwright is not installed; pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context_factory(browser):
    contexts = []

    def make(width: int, scheme: str = "light", **kwargs):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, **kwargs
        )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


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
