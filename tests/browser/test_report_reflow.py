"""The HTML report reflows at 320 CSS pixels (WCAG 1.4.10): the page never scrolls
sideways; what must keep its layout (tables, charts) scrolls inside a labelled region the
keyboard can reach; chart text is at least 12 px on screen at every width."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openaccess.commands.app import app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    # -o into folders that do not exist yet: they are made
    target = tmp_path_factory.mktemp("report") / "new" / "folders" / "report.html"
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        args = ["report", "pages/", "tests/fixtures/OA504", "tests/fixtures/OA505"]
        result = CliRunner().invoke(app, [*args, "-f", "html", "-o", str(target)])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert target.is_file()
    return target


WIDE_CONTENT = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const element of document.querySelectorAll('table, svg')) {
        const region = element.closest('[role="region"][tabindex="0"]');
        const label = region && document.getElementById(region.getAttribute('aria-labelledby'));
        wide.push({
            tag: element.tagName,
            wider: element.getBoundingClientRect().width > width,
            inRegion: !!region,
            label: label ? label.textContent : '',
            regionFits: region ? region.getBoundingClientRect().right <= width : false,
        });
    }
    return {scroll: document.documentElement.scrollWidth, width, wide};
}"""

CHART_TEXT = """() => [...document.querySelectorAll('svg text')].map(text => {
    const size = parseFloat(getComputedStyle(text).fontSize);
    return size * text.getScreenCTM().a;
})"""


@pytest.mark.parametrize("width", [1280, 320])
def test_the_report_reflows_and_wide_parts_scroll_in_labelled_regions(
    report_file, width, context_factory
):
    page = context_factory(width).new_page()
    page.goto(report_file.as_uri())
    found = page.evaluate(WIDE_CONTENT)
    assert found["scroll"] <= width  # no sideways scrolling of the page
    assert len(found["wide"]) >= 5  # three tables, two charts
    for element in found["wide"]:
        assert element["inRegion"] and element["label"] and element["regionFits"], element
    if width == 320:
        assert any(element["wider"] for element in found["wide"])  # the regions matter
    sizes = page.evaluate(CHART_TEXT)
    assert sizes and min(sizes) >= 12, sizes


def test_a_wide_region_scrolls_by_keyboard(report_file, context_factory):
    page = context_factory(320).new_page()
    page.goto(report_file.as_uri())
    regions = page.locator('[role="region"][tabindex="0"]')
    wide = [
        regions.nth(i)
        for i in range(regions.count())
        if regions.nth(i).evaluate("r => r.scrollWidth > r.clientWidth")
    ]
    assert wide  # at 320 px the charts keep their size and scroll
    region = wide[0]
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    before = region.evaluate("r => r.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert region.evaluate("r => r.scrollLeft") > before
