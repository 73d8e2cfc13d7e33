"""Screenshots of the published jeweler guide for the docs, from the real Chromium.

Run: python tests/browser/take_screenshots.py  (writes docs/screenshots/jeweler-1280.png
and jeweler-320.png, and review-view.png: the guide in ``openaccess serve``'s review view
with one finding's message shown). Then look at them: they are what a reader sees.
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_helpers import CHROMIUM, CHROMIUM_ARGS
from publish_helpers import JEWELER_PAGES, REPO, publish_copy
from serve_helpers import serving


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        site = publish_copy(JEWELER_PAGES, Path(work))
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/jeweler/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                for width in (1280, 320):
                    page = browser.new_page(viewport={"width": width, "height": 800})
                    page.goto(url)
                    target = REPO / "docs" / "screenshots" / f"jeweler-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"wrote {target.relative_to(REPO)}")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
        review_view(site.parent)


def review_view(project: Path) -> None:
    """The review view at 1280 pixels, the second long sentence focused."""
    from playwright.sync_api import sync_playwright

    with serving(project) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1300})
        page.goto(served.url + "jeweler/?review=1")
        page.locator('mark[data-rule="OA502"][tabindex]').nth(1).focus()
        target = REPO / "docs" / "screenshots" / "review-view.png"
        page.screenshot(path=str(target), full_page=True)
        print(f"wrote {target.relative_to(REPO)}")
        browser.close()


if __name__ == "__main__":
    main()
