"""Every fix a rule offers matches the safe/unsafe level the rule declares, every rule
that declares a fix offers one on its fixtures, and applying it removes the finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_runner import FIXTURES, fixture_config, fixture_pages
from openaccess.diagnostics import Diagnostic
from openaccess.fixes import fix_until_stable
from openaccess.linter import Linter
from openaccess.page import Page
from openaccess.rules import all_rules
from openaccess.run.project import open_site
from openaccess.run.site import Site
from openaccess.source import Decoded


def page_findings(code: str, page: Page, linter: Linter, site: Site) -> list[Diagnostic]:
    return [d for d in linter.check_page(page, site) if d.code == code]


def fixture_cases() -> list[tuple[str, Path]]:
    return [
        (rule.code, path)
        for rule in all_rules()
        if (FIXTURES / rule.code).is_dir() and not rule.site_wide
        for path in fixture_pages(rule.code)
    ]


@pytest.mark.parametrize(("code", "path"), fixture_cases(), ids=lambda v: getattr(v, "name", v))
def test_offered_fixes_match_the_declaration_and_fix_the_finding(code: str, path: Path):
    rule = next(r for r in all_rules() if r.code == code)
    config = fixture_config(path.parent)
    linter = Linter(config, select=[code])
    page = Page.load(path, path.name, config.max_file_size)
    site = open_site(path.parent, config)
    findings = page_findings(code, page, linter, site)
    fixable = [d for d in findings if d.fix is not None]
    if not fixable:
        return
    assert rule.fix is not None, f"{code} offers fixes but declares fix = None"
    assert {d.fix.applicability for d in fixable} == {rule.fix}

    def recheck(text: str) -> list:
        again = Page.from_decoded(page.path, Decoded(text, "utf-8", False, page.newline), path.name)
        return [d.fix for d in page_findings(code, again, linter, site)]

    outcome = fix_until_stable(page.text, recheck, unsafe=True)
    assert outcome.stable
    fixed = Page.from_decoded(page.path, Decoded(outcome.text, "utf-8", False, page.newline))
    remaining = page_findings(code, fixed, linter, site)
    assert len(remaining) <= len(findings) - len(fixable)


def test_every_declared_fix_is_exercised_by_a_fixture():
    offered: set[str] = set()
    for code, path in fixture_cases():
        config = fixture_config(path.parent)
        linter = Linter(config, select=[code])
        page = Page.load(path, path.name, config.max_file_size)
        site = open_site(path.parent, config)
        if any(d.fix is not None for d in page_findings(code, page, linter, site)):
            offered.add(code)
    declared = {r.code for r in all_rules() if r.fix is not None and not r.site_wide}
    assert declared <= offered, f"declared fixes never offered: {sorted(declared - offered)}"
