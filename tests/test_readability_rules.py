"""Readability rules with configuration, front matter targets, fixes and threads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from openaccess.config import build_config
from openaccess.fixes import apply_fixes, select_fixes
from openaccess.linter import Linter
from openaccess.page import Page
from openaccess.site import Site

ROOT = Path(__file__).resolve().parents[1]
JEWELER = ROOT / "pages" / "jeweler.md"


def findings(page: Page, table: dict | None = None, select=("OA5",)) -> list[str]:
    config = build_config(table or {}, root=ROOT)
    linter = Linter(config, select=list(select))
    site = Site.scan(page.path.parent, config.max_file_size, [page])
    return [
        f"{d.line}:{d.column} {d.code} {d.severity.label}" for d in linter.check_page(page, site)
    ]


def jeweler() -> Page:
    return Page.load(JEWELER, "pages/jeweler.md", 10**7)


def test_jeweler_guide_gets_warnings_and_info_only():
    assert findings(jeweler()) == [
        "11:1 OA501 warning",
        "11:62 OA502 warning",
        "15:73 OA503 warning",
        "17:33 OA506 info",
        "19:1 OA502 warning",
        "19:1 OA506 info",
        "19:153 OA503 warning",
    ]


def test_config_overrides_thresholds_and_severity():
    table = {
        "rule": {
            "page-grade": {"target": 11.0},
            "OA502": {"max_words": 30},
            "hard-sentence": {"severity": "error", "min_grade": 17.0},
            "passive-voice": {"enabled": False},
        }
    }
    assert findings(jeweler(), table) == [
        "17:33 OA506 info",
        "19:1 OA506 info",
        "19:153 OA503 error",
    ]


def test_front_matter_audience_and_reading_age_pick_the_target():
    text = JEWELER.read_text(encoding="utf-8")
    professional = Page.from_text(JEWELER, text.replace("type: page", "audience: professional"))
    assert not [f for f in findings(professional) if "OA501" in f]
    young = Page.from_text(JEWELER, text.replace("type: page", "reading_age: 16"))  # grade 11
    assert not [f for f in findings(young) if "OA501" in f]
    child = Page.from_text(JEWELER, text.replace("type: page", "reading_age: 9"))  # grade 4
    assert "11:1 OA501 warning" in findings(child)


def test_too_short_uses_the_page_grade_minimums_from_config():
    page = Page.from_text(ROOT / "x.md", "---\ntitle: T\n---\nWe make rings. We sell them.\n")
    assert findings(page, select=["OA509"]) == ["4:1 OA509 info"]
    table = {"rule": {"page-grade": {"min_words": 2, "min_sentences": 2}}}
    assert findings(page, table, select=["OA509"]) == []


def test_plain_word_fix_is_unsafe_and_keeps_capitals():
    text = "---\ntitle: T\n---\nIn order to utilize the kiln, obtain\na key prior to your visit.\n"
    page = Page.from_text(ROOT / "x.md", text)
    config = build_config({}, root=ROOT)
    linter = Linter(config, select=["OA506"])
    site = Site.scan(ROOT, config.max_file_size, [page])
    fixes = [d.fix for d in linter.check_page(page, site) if d.fix]
    assert [f.applicability.value for f in fixes] == ["unsafe"] * 4
    assert select_fixes(fixes, unsafe=False) == []
    fixed, applied = apply_fixes(text, select_fixes(fixes, unsafe=True))
    assert (fixed, applied) == (
        "---\ntitle: T\n---\nTo use the kiln, get\na key before your visit.\n",
        4,
    )


def test_scores_are_identical_from_many_threads_on_a_cold_start():
    code = textwrap.dedent(
        """
        from concurrent.futures import ThreadPoolExecutor
        from pathlib import Path
        from openaccess.page import Page
        from openaccess.text import page_text

        texts = [f"Page {n}. " + "Jewelers design unusual, beautiful rings. " * (n % 7 + 1)
                 + "Hyphenation-dependent wordsmithery happens. " * (n % 3) for n in range(64)]
        def measure(text):
            result = page_text(Page.from_text(Path("x.md"), text), "en")
            return result.words, result.syllables, result.sentence_count
        with ThreadPoolExecutor(16) as pool:
            parallel = list(pool.map(measure, texts))
        print(parallel == [measure(text) for text in texts], parallel[63])
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    # Page 63: "Page 63." + "Jewelers design unusual, beautiful rings.": 7 words, 2 sentences;
    # page 1, "63" 1 (Pyphen), jew-el-ers 3, de-sign 2, un-u-su-al 4, beau-ti-ful 3, rings 1.
    assert done.stdout.strip() == "True (7, 15, 2)"
