"""Every rule against its fixture pages, with the exact expected diagnostics."""

from __future__ import annotations

import shutil

import pytest

from fixture_runner import FIXTURES, expected_lines, fixture_pages, run_rule
from openaccess.rules import all_rules
from openaccess.rules.docs import REQUIRED_SECTIONS

CASES = [
    pytest.param(folder.name, page, id=f"{folder.name}/{page.name}")
    for folder in sorted(FIXTURES.iterdir())
    if folder.is_dir()
    for page in fixture_pages(folder.name)
]


@pytest.mark.parametrize(("code", "page"), CASES)
def test_fixture(code, page):
    assert run_rule(code, page) == expected_lines(page)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_has_docs_and_fixtures(rule):
    docs = rule.documentation()
    for section in REQUIRED_SECTIONS:
        assert section in docs, f"{rule.code} docs lack '{section}'"
    assert rule.summary and rule.name == rule.name.lower()
    pages = fixture_pages(rule.code) if (FIXTURES / rule.code).is_dir() else []
    outcomes = [bool(expected_lines(page)) for page in pages]
    assert True in outcomes, f"{rule.code} has no failing fixture"
    assert False in outcomes, f"{rule.code} has no passing fixture"


@pytest.mark.parametrize(("code", "page"), CASES)
def test_fixture_with_windows_line_ends(code, page, tmp_path):
    """A page saved with CRLF line ends (a writer on Windows, git's ``autocrlf``) gets
    the same diagnostics, at the same lines and columns: a pattern that ends at ``$`` or
    ``\\n`` must not miss a line that ends in ``\\r\\n``."""
    folder = tmp_path / page.parent.name
    shutil.copytree(page.parent, folder)
    copy = folder / page.name
    lf = copy.read_bytes().replace(b"\r\n", b"\n")
    copy.write_bytes(lf.replace(b"\n", b"\r\n"))
    assert run_rule(code, copy) == expected_lines(page)
