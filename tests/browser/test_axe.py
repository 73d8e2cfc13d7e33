"""axe-core in a real Chromium: zero violations on every published page.

Every site (the repository's pages/, tests/sites/varied and the user guide), at 1280 and
320 CSS pixels, in light and dark colour schemes, with the WCAG 2.0/2.1/2.2 A and AA rules
and axe's best practices.
"""

from __future__ import annotations

import pytest
from browser_helpers import page_urls

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _report(url: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in violation["nodes"][:3]
        )
        lines.append(
            f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"
        )
    return lines


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("site", ["jeweler", "varied", "guide"])
def test_axe_finds_no_violations(site, width, scheme, published, served, context_factory):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = context_factory(width, scheme)
    page = context.new_page()
    problems: list[str] = []
    checked = 0
    for name, url in page_urls(published, served):
        if not name.startswith(site + "/"):
            continue
        response = page.goto(url)
        assert (response is not None and response.ok) or name.endswith("404.html"), url
        results = axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        problems += _report(name, results.response["violations"])
        checked += 1
    assert checked >= 4, f"only {checked} pages of {site} were checked"
    assert problems == []
