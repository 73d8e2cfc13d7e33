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


# -- the generator's themes decide, unless openaccess's config does --------------------
# A body that starts with text, then its own h1: "auto" takes the title as the page's h1
# (two h1s), "body" the body's heading (MkDocs themes show it as the title).
TEXT_THEN_H1 = "---\ntitle: Rings\n---\n\nSizes and care.\n\n# All about rings\n"
GENERATOR_SITES = {
    "mkdocs": {"mkdocs.yml": "site_name: Rings\n", "docs/a.md": TEXT_THEN_H1},
    "hugo": {"hugo.toml": "title = 'Rings'\n", "content/a.md": TEXT_THEN_H1},
    "jekyll": {"_config.yml": "title: Rings\n", "a.md": TEXT_THEN_H1},
}


def _site(tmp_path: Path, generator: str, own_config: str = "") -> Path:
    for name, text in GENERATOR_SITES[generator].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the project's top: detection looks no higher
    if own_config:
        (tmp_path / "openaccess.toml").write_text(own_config, encoding="utf-8")
    return tmp_path


def _show_and_check(site: Path, capsys, monkeypatch) -> tuple[str, list[str]]:
    from cli_helpers import run

    shown = run(["check", "--show-settings"], site, capsys, monkeypatch).out
    setting = next(" ".join(line.split()) for line in shown.splitlines() if "title_h1" in line)
    found = run(["check", "--no-cache", "--select", "OA202", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    return setting, [line for line in found.splitlines() if "OA202" in line]


def test_mkdocs_sites_take_the_bodys_first_h1_as_the_pages_h1(tmp_path, capsys, monkeypatch):
    setting, found = _show_and_check(_site(tmp_path, "mkdocs"), capsys, monkeypatch)
    assert setting == 'title_h1 = "body" # mkdocs.yml'
    assert found == []


@pytest.mark.parametrize("generator", ["hugo", "jekyll"])
def test_hugo_and_jekyll_sites_keep_auto_as_their_themes_differ(
    tmp_path, capsys, monkeypatch, generator
):
    setting, found = _show_and_check(_site(tmp_path, generator), capsys, monkeypatch)
    assert setting == 'title_h1 = "auto" # default'
    assert len(found) == 1 and "level-1" in found[0]


def test_openaccess_config_wins_over_the_generators(tmp_path, capsys, monkeypatch):
    site = _site(tmp_path, "mkdocs", 'title_h1 = "template"\n')
    setting, found = _show_and_check(site, capsys, monkeypatch)
    assert setting == 'title_h1 = "template" # openaccess.toml'
    assert len(found) == 1


# -- a page without front matter --------------------------------------------------------
@pytest.mark.parametrize(
    ("generator", "expected"),
    [
        ("mkdocs", ["docs/late.md:1:1: OA101 page has no title of its own, so MkDocs titles"
                    " it 'Late' after its file name; start it with a '# ' heading, give it a"
                    " title in nav, or add a '---' block with a title",
                    "docs/untitled.md:1:1: OA101 page has no title of its own, so MkDocs"
                    " titles it 'Untitled' after its file name; start it with a '# ' heading,"
                    " give it a title in nav, or add a '---' block with a title"]),
        ("hugo", ["content/late.md:1:1: OA101 page has no front matter; add a '---' block"
                  " with a title and description",
                  "content/ring-sizes.md:1:1: OA101 page has no front matter; add a '---'"
                  " block with a title and description",
                  "content/titled.md:1:1: OA101 page has no front matter; add a '---' block"
                  " with a title and description",
                  "content/untitled.md:1:1: OA101 page has no front matter; add a '---' block"
                  " with a title and description"]),
    ],
)  # fmt: skip
def test_mkdocs_titles_a_page_without_front_matter_by_its_h1(
    tmp_path, capsys, monkeypatch, generator, expected
):
    from cli_helpers import run

    site = _site(tmp_path, generator)
    folder = "docs" if generator == "mkdocs" else "content"
    (site / folder / "titled.md").write_text("# Ring sizes\n\nMeasure twice.\n")
    (site / folder / "untitled.md").write_text("Measure twice.\n\n## Ring sizes\n")
    (site / folder / "late.md").write_text("Measure twice.\n\n# Ring sizes\n")
    # MkDocs titles it "Ring sizes" after its file name: its h1's words, nothing to fix
    (site / folder / "ring-sizes.md").write_text("> Measure twice.\n\n# Ring Sizes\n")
    found = run(["check", "--no-cache", "--select", "OA101", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line for line in found.splitlines() if "OA101" in line] == expected


def _untitled_care_pages(site: Path, capsys, monkeypatch) -> list[str]:
    """Where OA101 finds the pages ``docs/care/sizes.md`` and ``cleaning.md``, written
    here without a title of their own (the nav tests title one of them)."""
    from cli_helpers import run

    for name in ("sizes", "cleaning"):
        (site / "docs" / "care" / f"{name}.md").write_text("Measure twice.\n")
    found = run(["check", "--no-cache", "--select", "OA101", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    return [line.split(": OA101")[0] for line in found.splitlines() if "OA101" in line]


def test_mkdocs_titles_a_page_by_its_nav_entry(tmp_path, capsys, monkeypatch):
    site = _site(tmp_path, "mkdocs")
    (site / "mkdocs.yml").write_text(
        "site_name: Rings\nnav:\n  - a.md\n  - Care:\n    - Ring sizes: care/sizes.md\n"
        "    - care/cleaning.md\n"
    )
    (site / "docs" / "care").mkdir()
    assert _untitled_care_pages(site, capsys, monkeypatch) == ["docs/care/cleaning.md:1:1"]


@pytest.mark.parametrize(
    ("plugin", "nav_file"),
    [
        ("awesome-nav", ".nav.yml"),
        ("awesome-pages", ".pages"),
        ("awesome-nav:\n      filename: menu.yml", "menu.yml"),
    ],
)  # fmt: skip
def test_mkdocs_titles_a_page_by_its_folders_nav_file(
    tmp_path, capsys, monkeypatch, plugin, nav_file
):
    """mkdocs-awesome-nav and mkdocs-awesome-pages-plugin read a navigation file in each
    folder; a title there titles the page, as in ``nav`` (Knative's docs)."""
    site = _site(tmp_path, "mkdocs")
    (site / "mkdocs.yml").write_text(f"site_name: Rings\nplugins:\n  - {plugin}\n")
    (site / "docs" / "care").mkdir()
    (site / "docs" / "care" / nav_file).write_text(
        "nav:\n  - Ring sizes: sizes.md\n  - cleaning.md\n"
    )
    assert _untitled_care_pages(site, capsys, monkeypatch) == ["docs/care/cleaning.md:1:1"]


def test_mkdocs_front_matter_needs_no_title_or_description_that_mkdocs_supplies(
    tmp_path, capsys, monkeypatch
):
    """Material for MkDocs pages carry front matter for icons and blog dates; MkDocs
    titles them, and falls back to the site's description. A project's own schema still
    means what it says."""
    from cli_helpers import run

    site = _site(tmp_path, "mkdocs")
    (site / "docs" / "titled.md").write_text("---\nicon: ring\n---\n\n# Ring sizes\n")
    (site / "docs" / "untitled.md").write_text("---\nicon: ring\n---\n\nMeasure twice.\n")
    dates = "---\ntitle: News\ndate:\n  created: 2026-02-18\n  updated: 2026-04-13\n---\n"
    (site / "docs" / "post.md").write_text(dates)

    def schema_findings() -> list[str]:
        found = run(["check", "--no-cache", "--select", "OA103", "-f", "concise", "."], site,
                    capsys, monkeypatch).out  # fmt: skip
        return [line for line in found.splitlines() if "OA103" in line]

    assert schema_findings() == [
        "docs/untitled.md:1:1: OA103 front matter is missing the required key 'title'"
    ]
    (site / "rules").mkdir()
    (site / "rules" / "frontmatter.schema.json").write_text(
        '{"type": "object", "required": ["description"]}'
    )
    (site / "openaccess.toml").write_text('rules = "rules"\n')
    assert [line.split(": OA103")[0] for line in schema_findings()] == [
        "docs/a.md:1:1", "docs/post.md:1:1", "docs/titled.md:1:1", "docs/untitled.md:1:1"
    ]  # fmt: skip


# -- a heading the site's own code writes --------------------------------------------------
@pytest.mark.parametrize(("hooks", "expected"), [(True, []), (False, ["docs/a.md:5:1"])])
def test_a_heading_made_from_a_comment_by_mkdocs_hooks_is_not_empty(
    tmp_path, capsys, monkeypatch, hooks, expected
):
    from cli_helpers import run

    site = _site(tmp_path, "mkdocs")
    config = "site_name: Rings\n" + ("hooks:\n  - hooks/settings.py\n" if hooks else "")
    (site / "mkdocs.yml").write_text(config)
    (site / "docs" / "a.md").write_text("# Settings\n\nText.\n\n#### <!-- md:setting lang -->\n")
    found = run(["check", "--no-cache", "--select", "OA203", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line.split(": OA203")[0] for line in found.splitlines() if "OA203" in line] == expected


# -- Jekyll with benbalter's plugins (GitHub Pages' defaults; Homebrew's docs) ----------
@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("plugins: [jekyll-optional-front-matter, jekyll-titles-from-headings,"
         " jekyll-seo-tag]\noptional_front_matter: {remove_originals: true}\n",
         ["links.md:6:3: OA303 no page or file of this site is served at /titled.md",
          "untitled.md:1:1: OA101 page has no title; start it with a '# ' heading (the"
          " jekyll-titles-from-headings plugin takes the title from it), or add a '---'"
          " block with a title"]),
        ("plugins: [jekyll-optional-front-matter]\n",
         ["level3.md:1:1: OA101 page has no front matter; add a '---' block with a title"
          " and description",
          "titled.md:1:1: OA101 page has no front matter; add a '---' block with a title"
          " and description",
          "untitled.md:1:1: OA101 page has no front matter; add a '---' block with a title"
          " and description"]),
        ("plugins: []\n",
         ["links.md:5:3: OA303 no page or file of this site is served at /titled.html",
          "links.md:5:29: OA303 no page or file of this site is served at /level3.html"]),
    ],
)  # fmt: skip
def test_jekyll_plugins_make_pages_of_plain_files_and_title_them(
    tmp_path, capsys, monkeypatch, config, expected
):
    """jekyll-optional-front-matter publishes a Markdown file without front matter as a
    page (not README, LICENSE...), keeping the plain copy unless ``remove_originals``;
    jekyll-titles-from-headings titles a page by a level-1 to level-3 heading that opens
    it. A Jekyll site's templates decide what a page without a description gets."""
    from cli_helpers import run

    site = _site(tmp_path, "jekyll")
    (site / "a.md").unlink()
    (site / "_config.yml").write_text(f"title: Rings\n{config}")
    (site / "titled.md").write_text("# Ring sizes\n\nMeasure twice.\n")
    (site / "level3.md").write_text("### Ring sizes\n\nMeasure twice.\n")
    (site / "untitled.md").write_text("Measure twice.\n\n## Ring sizes\n")
    (site / "README.md").write_text("Measure twice.\n")
    (site / "links.md").write_text(
        "---\ntitle: Links\n---\n\n- [Sizes](/titled.html) and [level 3](/level3.html).\n"
        "- [The plain copy](/titled.md).\n"
    )
    found = run(["check", "--no-cache", "--select", "OA101,OA103,OA303", "-f", "concise", "."],
                site, capsys, monkeypatch).out  # fmt: skip
    assert [line.split(" [")[0] for line in found.splitlines() if ": OA" in line] == expected


@pytest.mark.parametrize(
    ("generator", "expected"),
    [
        ("hugo", []),
        ("jekyll", []),
        (None, ["pages/b.md:1:1: OA103 front matter is missing the required key 'description'"]),
    ],
)
def test_a_generators_site_needs_no_description_on_each_page(
    tmp_path, capsys, monkeypatch, generator, expected
):
    """Hugo and Jekyll templates decide what a page without a description gets (the
    site's, a summary or none): ruby-lang.org has 5,349 such pages. openaccess publish
    takes it from the page, so a plain folder of pages still needs it."""
    from cli_helpers import run

    page = "---\ntitle: Ring sizes\n---\n\nMeasure twice.\n"
    if generator is None:
        (tmp_path / "pages").mkdir()
        (tmp_path / "pages" / "b.md").write_text(page)
        site = tmp_path
    else:
        site = _site(tmp_path, generator)
        folder = site / ("content" if generator == "hugo" else "")
        (folder / "b.md").write_text(page)
    found = run(["check", "--no-cache", "--select", "OA103", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line for line in found.splitlines() if "OA103" in line and "b.md" in line] == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("fragment.md", "---\nlayout: null\n---\n\n{% highlight ruby %}\nputs 1\n"
         "{% endhighlight %}\n",
         []),
        ("status.html", "---\nsitemap: false\n---\n\n<html><head><title>Status</title></head>"
         "<body><p>Fine.</p></body></html>\n", []),
        ("plain.md", "---\nlayout: default\n---\n\nText.\n",
         ["plain.md:1:1: OA103 front matter is missing the required key 'title'"]),
    ],
)  # fmt: skip
def test_a_jekyll_page_without_a_layout_or_with_its_own_head_needs_no_title(
    tmp_path, capsys, monkeypatch, name, text, expected
):
    """``layout: null`` makes a fragment another page loads (ruby-lang.org's code
    examples): no head, so no title to give. An HTML page's own ``<title>`` is its title."""
    from cli_helpers import run

    site = _site(tmp_path, "jekyll")
    (site / name).write_text(text)
    found = run(["check", "--no-cache", "--select", "OA103", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line for line in found.splitlines() if name in line] == expected


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        ("[jekyll-redirect-from]", []),
        ("[]", ["github.html:1:1: OA103 front matter is missing the required key 'title'"]),
    ],
)
def test_a_jekyll_redirect_page_needs_no_title(tmp_path, capsys, monkeypatch, plugins, expected):
    """jekyll-redirect-from writes a page with ``redirect_to`` as its own redirect page,
    titled "Redirecting…", whatever its body says (Jekyll's own docs have three)."""
    from cli_helpers import run

    site = _site(tmp_path, "jekyll")
    (site / "_config.yml").write_text(f"title: Rings\nplugins: {plugins}\n")
    (site / "github.html").write_text(
        "---\npermalink: /github.html\nredirect_to: https://github.com/jekyll/jekyll\n---\n"
    )
    found = run(["check", "--no-cache", "--select", "OA103", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line for line in found.splitlines() if "github.html" in line] == expected


@pytest.mark.parametrize(
    ("generator", "home", "expected"),
    [
        ("hugo", "content/_index.md", ["content/sizes.md:1:1: OA103"]),
        ("jekyll", "index.md", ["sizes.md:1:1: OA103"]),
        ("mkdocs", "docs/index.md", ["docs/sizes.md:1:1: OA101"]),
        (None, "pages/index.md", ["pages/index.md:1:1: OA103", "pages/sizes.md:1:1: OA103"]),
    ],
)
def test_the_home_page_of_a_generators_site_takes_the_sites_title(
    tmp_path, capsys, monkeypatch, generator, home, expected
):
    """The site's templates give the home page the site's own title: Hugo themes write
    ``{{ if .IsHome }}{{ .Site.Title }}``, as jekyll-seo-tag and Material for MkDocs do
    (Homebrew's, Jekyll's and Textual's home pages have none of their own). Any other page
    still needs one; so does a plain folder's home page, since openaccess publish takes
    the title from the page."""
    from cli_helpers import run

    if generator is None:
        (tmp_path / "pages").mkdir()
        site = tmp_path
    else:
        site = _site(tmp_path, generator)
    untitled = "---\nlayout: default\ndescription: Rings.\n---\n\nMeasure twice.\n"
    if generator == "mkdocs":
        untitled = "Measure twice.\n"
    (site / home).write_text(untitled)
    (site / home).with_name("sizes.md").write_text(untitled)
    found = run(["check", "--no-cache", "--select", "OA101,OA103", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [" ".join(line.split(" ")[:2]) for line in found.splitlines() if ": OA1" in line] == (
        expected
    )


@pytest.mark.parametrize(
    ("name", "title"),
    [("index.md", "Index"), ("README.md", "Index"), ("getting_started.md", "Getting started"),
     ("CamelCase-name.md", "CamelCase name"), ("blur.md", "Blur")],
)  # fmt: skip
def test_the_title_mkdocs_makes_of_a_file_name(name, title):
    """As ``mkdocs build`` (1.6.1) titled these files, none with a title of its own."""
    from openaccess.titles import mkdocs_file_title

    assert mkdocs_file_title(name) == title


@pytest.mark.parametrize(
    ("generator", "folder", "expected"),
    [
        ("hugo", "content/", []),
        ("jekyll", "", ["b.md:1:1: OA103 front matter is missing the required key 'title'"]),
        (
            "mkdocs",
            "docs/",
            ["docs/b.md:1:1: OA103 front matter is missing the required key 'title'"],
        ),
    ],
)
def test_hugo_reads_front_matter_keys_of_any_case(
    tmp_path, capsys, monkeypatch, generator, folder, expected
):
    """``Title:`` is the title to Hugo (the CNCF glossary writes its keys so; checked with
    Hugo 0.111), not to Jekyll's Liquid or MkDocs, whose keys keep their case. A Hugo
    key's type error is placed on its line, whatever its case."""
    from cli_helpers import run

    site = _site(tmp_path, generator)
    text = "---\nTitle: Serverless\nDescription: What it is.\n---\n\nText.\n"
    (site / f"{folder}b.md").write_text(text, encoding="utf-8")
    (site / f"{folder}c.md").write_text("---\ntitle: C\nDESCRIPTION: [1]\n---\n", encoding="utf-8")
    found = run(["check", "--no-cache", "--select", "OA103", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line for line in found.splitlines() if "b.md" in line] == expected
    if generator == "hugo":
        assert [line for line in found.splitlines() if "c.md" in line] == [
            "content/c.md:3:1: OA103 front matter key 'description' must be text, got a list"
        ]


@pytest.mark.parametrize(
    ("generator", "folder", "expected"),
    [
        ("mkdocs", "docs/", []),
        (
            "jekyll",
            "",
            ["b.md:1:1: OA102 front matter opened with '---' on line 1 is never"],
        ),
    ],
)
def test_mkdocs_reads_an_unclosed_opening_rule_as_text(
    tmp_path, capsys, monkeypatch, generator, folder, expected
):
    """Traefik's docs open a snippet with ``---`` and never close it: MkDocs finds no front
    matter there and builds the page (checked with MkDocs 1.6.1). Jekyll would copy such
    a file as it is, and Hugo stop, so the error stays for them."""
    from cli_helpers import run

    site = _site(tmp_path, generator)
    (site / f"{folder}b.md").write_text("---\n\n!!! note\n\n    Text.\n", encoding="utf-8")
    found = run(["check", "--no-cache", "--select", "OA102", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    shown = [line.split(" closed")[0] for line in found.splitlines() if "b.md" in line]
    assert shown == expected


def test_mkdocs_reads_multimarkdown_meta_data_as_front_matter(tmp_path, capsys, monkeypatch):
    """Python-Markdown's docs open pages with ``title: Change Log`` and no ``---``: MkDocs
    (1.6.1) titles the page so and leaves those lines out of it, up to the first blank
    line. After a blank first line they are text, and the page has no title."""
    from cli_helpers import run

    page = (
        "title: Release Notes\n"
        "summary: What changed in this release, which is a long line of text that would be\n"
        "    a sentence of more than twenty-five words if MkDocs showed it on the page.\n"
        "\n"
        "Text.\n"
    )
    site = _site(tmp_path, "mkdocs")
    (site / "docs" / "release-2.6.md").write_text(page, encoding="utf-8")
    (site / "docs" / "release-2.7.md").write_text("\n" + page, encoding="utf-8")
    command = ["check", "--no-cache", "--select", "OA101,OA502", "-f", "concise", "."]
    found = run(command, site, capsys, monkeypatch).out
    shown = [" ".join(line.split(" ")[:2]) for line in found.splitlines() if "release" in line]
    assert shown == ["docs/release-2.7.md:1:1: OA101", "docs/release-2.7.md:2:1: OA502"]


@pytest.mark.parametrize(
    ("generator", "folder", "expected"),
    [
        ("hugo", "content/", []),
        ("mkdocs", "docs/", []),
        ("jekyll", "", []),
        ("none", "pages/", ["pages/b.md:3:1: OA103 front matter key 'description' must be text"]),
    ],
)
def test_an_empty_description_is_a_missing_one_where_the_site_supplies_it(
    tmp_path, capsys, monkeypatch, generator, folder, expected
):
    """``description:`` left empty is no value to Hugo, Jekyll and MkDocs, as if it were
    not there (vitess.io has 125 such pages); openaccess publish needs one."""
    from cli_helpers import run

    site = _site(tmp_path, generator) if generator != "none" else tmp_path
    (site / folder).mkdir(parents=True, exist_ok=True)
    (site / f"{folder}b.md").write_text("---\ntitle: B\ndescription:\n---\n\nText.\n")
    found = run(["check", "--no-cache", "--select", "OA103", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line.split(",")[0] for line in found.splitlines() if "b.md" in line] == expected


def test_jekyll_titles_a_post_after_its_file_name(tmp_path, capsys, monkeypatch):
    """Jekyll gives every post (and other collection document) a title from its file
    name when its front matter has none (``2013-12-10-xas-software.md``: "Xas Software";
    government.github.com's ten case-study posts); a page gets none."""
    from cli_helpers import run

    site = _site(tmp_path, "jekyll")
    (site / "_posts").mkdir()
    (site / "_posts" / "2013-12-10-xas-software.md").write_text("---\nlayout: post\n---\n\nText.\n")
    (site / "about.md").write_text("---\nlayout: page\n---\n\nText.\n")
    found = run(["check", "--no-cache", "--select", "OA103", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    assert [line.split(" OA")[0] for line in found.splitlines() if ": OA103" in line] == [
        "about.md:1:1:"
    ]


def test_hugo_reads_front_matter_after_blank_space(tmp_path, capsys, monkeypatch):
    """Hugo's page lexer skips blank lines and spaces before the front matter (vitess.io
    has pages that open with a tab, then ``---``; Hugo 0.111 lists their titles). A YAML
    error in it is placed on its true line."""
    from cli_helpers import run

    site = _site(tmp_path, "hugo")
    (site / "content" / "b.md").write_text("\n\t---\ntitle: B\n---\n\nText.\n", encoding="utf-8")
    (site / "content" / "c.md").write_text("\n---\ntitle: [C\n---\n\nText.\n", encoding="utf-8")
    found = run(["check", "--no-cache", "--select", "OA1", "-f", "concise", "."], site,
                capsys, monkeypatch).out  # fmt: skip
    shown = [line.split(" [")[0] for line in found.splitlines() if "content/" in line]
    assert shown == [
        "content/c.md:3:8: OA102 unreadable YAML front matter: did not find expected ',' or"
        " ']' while parsing a flow sequence (opened here and never closed?)"
    ]
