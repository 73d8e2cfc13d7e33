"""``openaccess serve`` in a real Chromium: the jeweler page renders, an edit shows in the
open page without a manual reload, the review view marks the jeweler guide's long
sentences and a wordy sentence on their exact text, findings are reachable by keyboard with their
message on focus and hover, and axe-core finds nothing on either view at 1280 and 320
pixels, light and dark."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect
from publish_helpers import JEWELER_PAGES, REPO, VARIED_SITE
from serve_helpers import serving

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The jeweler guide's long sentences (OA502), as an editor reads them; the guide has no
# wordy one (OA503), so the project gets a page with one (tests/fixtures/OA503/hard.md).
LONG = [
    "As a career counselor, it is my job to help you determine what careers you are most"
    " suited for based on your skills, interests, and experience.",
    "In conclusion, based on your skills, interests, and experience, a potential career as"
    " a jeweler in the luxury goods industry may be a good fit for you.",
]
WORDY = [
    "This setting enables capture or suppression of diagnostic messages in the absence of consoles."
]


def _copy(source: Path, workdir: Path) -> Path:
    if source == JEWELER_PAGES:
        project = workdir / "repository"
        shutil.copytree(source, project / "pages")
        config = (REPO / "openaccess.toml").read_text(encoding="utf-8")
        # The writer turns on the opt-in hard-sentence rule to see wordy sentences too.
        config += "\n[rule.hard-sentence]\nenabled = true\n"
        (project / "openaccess.toml").write_text(config, encoding="utf-8")
        shutil.copytree(REPO / "rules", project / "rules")
        shutil.copy(
            REPO / "tests" / "fixtures" / "OA503" / "hard.md", project / "pages" / "wordy.md"
        )
        return project
    project = workdir / source.name
    shutil.copytree(source, project)
    return project


@pytest.fixture(scope="module")
def jeweler(tmp_path_factory):
    project = _copy(JEWELER_PAGES, tmp_path_factory.mktemp("serve"))
    with serving(project) as served:
        yield project, served


@pytest.fixture(scope="module")
def varied(tmp_path_factory):
    project = _copy(VARIED_SITE, tmp_path_factory.mktemp("serve"))
    with serving(project) as served:
        yield project, served


def _findings(page, rule: str) -> list[str]:
    """The text of each finding of ``rule``, its marks joined (a sentence may span a
    link or emphasis: one mark per piece), without the labels and messages of findings
    marked inside it."""
    return page.evaluate(
        """rule => {
            const texts = new Map();
            for (const mark of document.querySelectorAll(`mark[data-rule="${rule}"]`)) {
                if (mark.closest('.oa-rv-legend')) continue;
                const key = mark.dataset.finding;
                const copy = mark.cloneNode(true);
                copy.querySelectorAll('.oa-rv-label, .oa-rv-tip').forEach(e => e.remove());
                texts.set(key, (texts.get(key) || '') + copy.textContent);
            }
            return [...texts.values()].map(t => t.replace(/\\s+/g, ' ').trim());
        }""",
        rule,
    )


def test_the_jeweler_page_renders_in_serve(jeweler, context_factory):
    _, served = jeweler
    page = context_factory(1280).new_page()
    response = page.goto(served.url + "jeweler/")
    assert response is not None and response.ok
    assert page.locator("h1").inner_text() == "Advice for Jewelers"
    assert page.locator("nav.oa-serve-bar a").inner_text() == "Review: show findings in the text"
    # the published repairs apply: the <p> wall is split into paragraphs, the <br> is gone
    assert page.locator(".oa-body p").count() >= 6
    assert page.locator(".oa-body br").count() == 0


def test_an_edit_shows_in_the_open_page_without_a_manual_reload(jeweler, context_factory):
    project, served = jeweler
    page = context_factory(1280).new_page()
    page.goto(served.url + "jeweler/")
    page.evaluate("window.notReloaded = true")
    source = project / "pages" / "jeweler.md"
    before = source.read_text()
    try:
        source.write_text(before.replace("Hello, thank you", "Hello again, thank you"))
        expect(page.locator(".oa-body")).to_contain_text("Hello again, thank you", timeout=20_000)
        assert page.evaluate("window.notReloaded === undefined")  # the script reloaded it
    finally:
        source.write_text(before)
    expect(page.locator(".oa-body")).not_to_contain_text("Hello again", timeout=20_000)


def test_the_review_view_marks_long_and_hard_sentences_at_their_text(jeweler, context_factory):
    _, served = jeweler
    page = context_factory(1280).new_page()
    page.goto(served.url + "jeweler/?review=1")
    assert _findings(page, "OA502") == LONG
    assert _findings(page, "OA503") == []
    assert _findings(page, "OA506") == ["would be beneficial", "In conclusion"]
    panel = page.locator(".oa-rv-panel")
    text = panel.inner_text()
    for words in ("Grade", "target 8", "Reading time", "Words", "Passive", "Page grade (OA501"):
        assert words in text
    # not colour alone: a label before each finding, a legend of the kinds
    assert page.locator(".oa-rv-label").first.inner_text() == "Long sentence"
    assert page.locator(".oa-rv-legend li").count() == 2
    page.goto(served.url + "wordy/?review=1")
    assert _findings(page, "OA503") == WORDY
    assert page.locator(".oa-rv-label").first.inner_text() == "Hard sentence"


def test_findings_are_reached_by_keyboard_with_their_message(jeweler, context_factory):
    _, served = jeweler
    page = context_factory(1280).new_page()
    page.goto(served.url + "jeweler/?review=1")
    jump = page.locator(".oa-rv-panel ol a").first
    jump.focus()
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash")
    assert target.startswith("#oa-f")
    mark = page.locator(target)
    tip = page.locator(f"{target}-tip")
    # the jump moves the keyboard focus to the mark, and its message shows
    assert page.evaluate("document.activeElement.id") == target[1:]
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.keyboard.press("Tab")
    assert not tip.is_visible()
    page.keyboard.press("Shift+Tab")  # back to the mark by keyboard
    assert page.evaluate("document.activeElement.id") == target[1:]
    assert tip.is_visible()
    assert "Long sentence (OA502, warning): sentence has 26 words" in tip.inner_text()
    assert mark.get_attribute("aria-describedby") == f"{target[1:]}-tip"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.mouse.move(0, 0)
    mark.hover()
    assert tip.is_visible()
    box = tip.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert tip.is_visible()  # the message stays while the pointer is on it


def _axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{page.url}: {v['id']}: {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_nothing_on_either_view(jeweler, varied, width, scheme, context_factory):
    page = context_factory(width, scheme).new_page()
    problems: list[str] = []
    urls = [jeweler[1].url + "jeweler/", jeweler[1].url + "wordy/", jeweler[1].url]
    urls += [
        varied[1].url + path
        for path in ("", "tour/", "notes/", "reference/tables/", "reference/code/")
    ]
    for url in urls:
        for view in ("", "?review=1"):
            response = page.goto(url + view)
            assert response is not None and response.ok, url + view
            problems += _axe(page)
            width_used = page.evaluate("document.documentElement.scrollWidth")
            assert width_used <= width, f"{url}{view} is {width_used}px wide"
    assert problems == []


def test_the_review_view_passes_the_nu_html_checker(jeweler, varied, vnu):
    urls = [jeweler[1].url + path for path in ("jeweler/", "wordy/")]
    urls += [varied[1].url + "tour/", varied[1].url + "notes/"]
    done = subprocess.run(
        [*vnu, "--Werror", "--format", "text", *(url + "?review=1" for url in urls)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
