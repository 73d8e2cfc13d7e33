"""What axe cannot check, checked in a real Chromium on every published page.

No horizontal scrolling at 320 CSS pixels; the first Tab reaches the skip link and
following it moves focus into ``main``; every focusable element shows a visible 3px
focus outline that nothing covers; the WCAG 1.4.12 text-spacing values clip nothing;
and the site's own stylesheet loads under its Content-Security-Policy.
"""

from __future__ import annotations

import pytest
from browser_helpers import page_urls

pytestmark = pytest.mark.browser

SITES = ["jeweler", "varied", "guide"]

# WCAG 1.4.12: line height 1.5, paragraph spacing 2em, letter 0.12em, word 0.16em.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

CLIPPED = """() => {
  const clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    const hides = v => v === 'hidden' || v === 'clip';
    if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
    if (el.matches('.oa-skip:not(:focus)')) continue;  // visually hidden on purpose
    const overX = hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const overY = hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (overX || overY) clipped.push(el.tagName.toLowerCase() + '.' + el.className);
  }
  return clipped;
}"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
          (el.textContent || '').trim().slice(0, 40),
    outline: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    seen: !!top && (top === el || el.contains(top) || top.contains(el)),
    size: [box.width, box.height],
  };
}"""


def _urls(site, published, served):
    return [
        (name, url) for name, url in page_urls(published, served) if name.startswith(site + "/")
    ]


@pytest.mark.parametrize("site", SITES)
def test_no_horizontal_scroll_at_320px(site, published, served, context_factory):
    page = context_factory(320).new_page()
    wide = []
    for name, url in _urls(site, published, served):
        page.goto(url)
        scroll, view = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if scroll > view:
            wide.append(f"{name}: {scroll}px wide in a {view}px window")
    assert wide == []


@pytest.mark.parametrize("site", SITES)
def test_first_tab_is_the_skip_link_and_it_moves_focus_to_main(
    site, published, served, context_factory
):
    page = context_factory(1280).new_page()
    for name, url in _urls(site, published, served):
        page.goto(url)
        page.keyboard.press("Tab")
        first = page.evaluate(
            "() => { const el = document.activeElement; const box = el.getBoundingClientRect();"
            " return [el.className, el.textContent, box.width > 1 && box.height > 1]; }"
        )
        assert first == ["oa-skip", "Skip to main content", True], name
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.closest('main') !== null")
        assert focused, f"{name}: following the skip link left focus outside main"


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("site", SITES)
def test_every_focusable_element_shows_a_visible_focus_outline(
    site, width, published, served, context_factory
):
    # Reduced motion: focus scrolls instantly, so what is seen is where the element ends up.
    page = context_factory(width, reduced_motion="reduce").new_page()
    problems = []
    for name, url in _urls(site, published, served):
        page.goto(url)
        focusable = page.evaluate(
            "document.querySelectorAll('a[href], [tabindex]:not([tabindex=\"-1\"])').length"
        )
        visited = 0
        for _ in range(focusable):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_STATE)
            if state is None:
                break
            visited += 1
            if state["outline"] == "none" or state["width"] < 3:
                problems.append(
                    f"{name}: {state['name']}: outline {state['outline']} {state['width']}px"
                )
            if not state["seen"]:
                problems.append(f"{name}: {state['name']}: covered by another element when focused")
        if visited != focusable:
            problems.append(f"{name}: Tab reached {visited} of {focusable} focusable elements")
    assert problems == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("site", SITES)
def test_text_spacing_overrides_clip_nothing(site, width, published, served, context_factory):
    # The page's CSP rightly blocks injected styles; a reader's tool is not a page style.
    page = context_factory(width, bypass_csp=True).new_page()
    problems = []
    for name, url in _urls(site, published, served):
        page.goto(url)
        page.add_style_tag(content=TEXT_SPACING)
        spacing = page.evaluate(
            "getComputedStyle(document.querySelector('main p, main li')).wordSpacing"
        )
        assert spacing != "0px", f"{name}: the text-spacing style was not applied"
        problems += [f"{name}: {element}" for element in page.evaluate(CLIPPED)]
        scroll, view = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if scroll > view:
            problems.append(f"{name}: page scrolls sideways ({scroll}px in {view}px)")
    assert problems == []


@pytest.mark.parametrize("site", SITES)
def test_stylesheet_loads_under_the_content_security_policy(
    site, published, served, context_factory
):
    page = context_factory(1280).new_page()
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for name, url in _urls(site, published, served):
        page.goto(url)
        border = page.evaluate(
            "getComputedStyle(document.querySelector('.oa-header')).borderBottomStyle"
        )
        assert border == "solid", f"{name}: openaccess.css did not apply"
    assert blocked == []


CONTRAST = """() => {
  const rgb = v => v.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(x => {
      x /= 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const ratios = [];
  for (const el of document.querySelectorAll('.oa-body p, .oa-body li, .oa-body td')) {
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    ratios.push((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
  }
  return ratios.length ? Math.min(...ratios) : null;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site", SITES)
def test_body_text_contrast_is_at_least_7_to_1(site, scheme, published, served, context_factory):
    page = context_factory(1280, scheme).new_page()
    lowest = []
    for name, url in _urls(site, published, served):
        page.goto(url)
        ratio = page.evaluate(CONTRAST)
        if ratio is not None:
            lowest.append((round(ratio, 2), name))
    assert lowest, "no body text found"
    assert min(lowest)[0] >= 7, min(lowest)
