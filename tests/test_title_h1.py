"""``title_h1``: which heading is a page's h1, one answer for check (OA202) and publish."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from publish_helpers import publish_cli

from openaccess.config import ConfigError, build_config
from openaccess.linter import Linter
from openaccess.page import Page
from openaccess.run.project import open_site

ROOT = Path(__file__).resolve().parents[1]
BODY_REPEATS_TITLE = "---\ntitle: Get-Item\n---\n\n# Get-Item\n\n## Synopsis\n"
BODY_OWN_H1 = "---\ntitle: Get-Item\n---\n\n# Gets an item\n\n## Synopsis\n\n# Notes\n"


def single_h1(text: str, mode: str) -> list[str]:
    config = build_config({"title_h1": mode}, root=ROOT)
    page = Page.from_text(ROOT / "x.md", text)
    site = open_site(ROOT, config)
    return [
        f"{d.line} {d.message}" for d in Linter(config, select=["OA202"]).check_page(page, site)
    ]


def test_auto_takes_a_heading_that_starts_the_body_as_the_pages_h1():
    assert single_h1(BODY_REPEATS_TITLE, "auto") == []
    assert single_h1(BODY_REPEATS_TITLE.replace("# Get-Item", "# Get-Item cmdlet"), "auto") == []
    later = BODY_REPEATS_TITLE.replace("# Get-Item", "Gets an item.\n\n# Get-Item")
    assert single_h1(later, "auto") == [
        "7 level-1 heading repeats the front matter title, which is already the page's h1;"
        " remove it"
    ]


def test_template_counts_the_title_as_the_h1():
    assert single_h1(BODY_REPEATS_TITLE, "template") == [
        "5 level-1 heading repeats the front matter title, which is already the page's h1;"
        " remove it"
    ]


def test_body_takes_the_first_body_h1_whatever_the_title():
    assert single_h1(BODY_OWN_H1, "body") == [
        "9 second level-1 heading: the level-1 heading on line 5 is the page's h1; use level 2"
    ]
    assert [line[:2] for line in single_h1(BODY_OWN_H1, "auto")] == ["9 "]
    assert [line[:2] for line in single_h1(BODY_OWN_H1, "template")] == ["5 ", "9 "]


def test_an_unknown_mode_is_a_config_error():
    with pytest.raises(ConfigError, match="'title_h1' must be 'auto', 'template' or 'body'"):
        build_config({"title_h1": "both"}, root=ROOT)


@pytest.mark.parametrize(
    ("mode", "body", "h1", "headings"),
    [
        ("auto", "# rings\n\nText.\n\n## Sizes\n", "rings", [("h2", "Sizes")]),
        ("auto", "# Rings\n\nText.\n\n# Care\n\n## Sizes\n", "Rings",
         [("h2", "Care"), ("h3", "Sizes")]),
        ("template", "# Rings\n\nText.\n\n## Sizes\n", "Rings",
         [("h2", "Rings"), ("h3", "Sizes")]),
        ("body", "# All about rings\n\nText.\n\n## Sizes\n", "All about rings",
         [("h2", "Sizes")]),
    ],
)  # fmt: skip
def test_publish_renders_one_h1_the_way_check_counts_it(tmp_path, mode, body, h1, headings):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.md").write_text(f"---\ntitle: Rings\ndescription: A.\n---\n\n{body}")
    (tmp_path / "openaccess.toml").write_text(f'title_h1 = "{mode}"\n')
    assert publish_cli(tmp_path, "--allow-errors").returncode == 0
    html = (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert [e.get_text() for e in page.find_all("h1")] == [h1]
    assert [(e.name, e.get_text()) for e in page.select(".oa-body :is(h2, h3)")] == headings
