"""Link rules beyond the fixtures: routing per url_style, slug dialects, fixes, config."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path, PurePosixPath

import pytest
from cli_helpers import run_process
from msgspec.structs import replace

from openaccess.check import CheckOptions, run_check
from openaccess.config import Config, ConfigError, LinkSettings, build_config, load_config
from openaccess.diagnostics import Diagnostic
from openaccess.document import Heading
from openaccess.fixes import apply_fixes
from openaccess.linter import Linter
from openaccess.page import Page
from openaccess.parse.markdown import tokenize
from openaccess.routing.ids import goldmark_github_slug, ids_for, kramdown_slug
from openaccess.routing.near import Names, closest, edit_distance
from openaccess.rules.links.wording import alt_is_file_name, is_javascript_url, normalize_link_text
from openaccess.run.facts import gather
from openaccess.run.project import open_project, open_site

REPO = Path(__file__).resolve().parents[1]


def write_site(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def links_config(root: Path, **settings) -> Config:
    base_url = settings.pop("base_url", "")
    origins = {f"links.{key}": "test" for key in settings}
    return Config(root=root, base_url=base_url, links=LinkSettings(**settings), origins=origins)


def lint(root: Path, page_name: str, select: str = "OA3", **settings) -> list[str]:
    """Findings on one page of a temporary site, as ``line:col CODE message``."""
    config = links_config(root, **settings)
    pages = [
        Page.load(p, p.relative_to(root).as_posix(), config.max_file_size)
        for p in sorted(root.rglob("*.md"))
    ]
    site = open_site(root, config)
    gather(pages, site)
    linter = Linter(config, select=[select])
    page = next(p for p in pages if p.display_path == page_name)
    found = linter.check_page(page, site)
    found += [d for d in linter.check_site(pages, site) if d.path == page_name]
    return [f"{d.line}:{d.column} {d.code} {d.message}" for d in found]


def test_a_link_after_an_escape_is_placed_where_it_is_written(tmp_path):
    """``1\\.`` reads ``1.``: that text was looked for as it reads, and found in the
    ``3.1.`` of the next line, so both links were reported there, and a fix would have
    edited the wrong text (spiffe.io's table of contents). So with ``&amp;``."""
    write_site(
        tmp_path,
        {
            "index.md": """
        # T

        1\\. [A](#a)
        3.1. [B](#b)

        Tom &amp; Jerry [C](#c)
        Tom & Jerry [D](#d)
        """
        },
    )
    assert [line.split(" OA")[0] for line in lint(tmp_path, "index.md", "OA302")] == [
        "3:5", "4:6", "6:17", "7:13",
    ]  # fmt: skip


def urls(root: Path, files: dict[str, str], **settings) -> dict[str, str | None]:
    """Source path -> published URL (None: not published) for a temporary site."""
    write_site(root, files)
    router = open_project([root], links_config(root, **settings)).router
    return {name: router.url_of(PurePosixPath(name)) for name in files}


# -- routing -----------------------------------------------------------------------------
def test_plain_urls_are_pretty_index_pages_stand_for_their_folder_and_drafts_stay_out(tmp_path):
    assert urls(
        tmp_path,
        {
            "a/b.md": "",
            "a/index.md": "",
            "c/_index.md": "",
            "index.md": "",
            "d/e.md": "---\nslug: f\naliases: [/old/]\n---\n",
            "g.md": "---\nurl: /h/i/\n---\n",
            "j.md": "---\ndraft: true\n---\n",
            "img/k.png": "x",
        },
    ) == {
        "a/b.md": "/a/b/",
        "a/index.md": "/a/",
        "c/_index.md": "/c/",
        "index.md": "/",
        "d/e.md": "/d/f/",
        "g.md": "/h/i/",
        "j.md": None,
        "img/k.png": "/img/k.png",
    }


def test_hugo_defaults_use_slug_url_aliases_and_lower_case(tmp_path):
    found = urls(
        tmp_path,
        {
            "Guides/Pricing Tips.md": "",
            "guides/b.md": "---\nslug: Better Prices\naliases: [/old/pricing/, fees]\n---\n",
            "guides/c.md": "---\nurl: /Money/\n---\n",
            "guides/_index.md": "---\nslug: ignored\n---\n",
            "guides/start/index.md": "---\nslug: begin\n---\n",
            "guides/start/photo.PNG": "x",
            "guides/d.md": "---\ndraft: true\n---\n",
        },
        url_style="hugo",
    )
    assert found == {
        "Guides/Pricing Tips.md": "/guides/pricing-tips/",
        "guides/b.md": "/guides/better-prices/",
        "guides/c.md": "/Money/",
        "guides/_index.md": "/guides/",
        "guides/start/index.md": "/guides/begin/",
        "guides/start/photo.PNG": "/guides/begin/photo.PNG",
        "guides/d.md": None,
    }


def test_two_pages_at_one_address_fail_check_in_every_format(tmp_path, capsys, monkeypatch):
    """Jekyll writes one page over the other: an OA105 error at the permalink, so CI fails
    and JSON, SARIF and JUnit carry it (it was a line on stderr, with exit status 0)."""
    import json

    from cli_helpers import run

    write_site(tmp_path, {
        "_config.yml": "title: Rings\n",
        "a.md": "---\ntitle: A\ndescription: A.\npermalink: /rings/\n---\n\nRings.\n",
        "b.md": "---\ntitle: B\ndescription: B.\npermalink: /rings/\n---\n\nMore rings.\n",
    })  # fmt: skip
    ran = run(["check", "--no-cache", "-f", "concise", "--select", "OA1", "."], tmp_path,
              capsys, monkeypatch)  # fmt: skip
    assert (ran.code, ran.err) == (1, "")
    assert (
        ran.out.splitlines()[0]
        == "b.md:4:1: OA105 Jekyll writes /rings/ for both this page and a.md"
    )
    ran = run(["check", "--no-cache", "-f", "json", "."], tmp_path, capsys, monkeypatch)
    found = json.loads(ran.out)
    assert [(d["rule"], d["path"]) for d in found["diagnostics"] if d["severity"] == "error"] == [
        ("OA105", "b.md")
    ]
    assert found["summary"]["errors"] == 1


def test_jekyll_defaults_use_html_permalink_posts_and_skip_drafts(tmp_path):
    found = urls(
        tmp_path,
        {
            "about.md": "---\n---\n",
            "docs/index.md": "---\n---\n",
            "team.md": "---\npermalink: /team/\n---\n",
            "_posts/2024-03-05-first-steps.md": "---\n---\n",
            "_posts/2024-03-06-news.md": "---\ncategories: News craft\n---\n",
            "_drafts/soon.md": "---\n---\n",
            "plain.md": "no front matter: copied as it is\n",
            "_layouts/page.html": "<p>template</p>",
        },
        url_style="jekyll",
    )
    assert found == {
        "about.md": "/about.html",
        "docs/index.md": "/docs/",
        "team.md": "/team/",
        "_posts/2024-03-05-first-steps.md": "/2024/03/05/first-steps.html",
        "_posts/2024-03-06-news.md": "/news/craft/2024/03/06/news.html",
        "_drafts/soon.md": None,
        "plain.md": "/plain.md",
        "_layouts/page.html": None,
    }


def test_jekyll_post_categories_are_the_folders_below_collections_dir(tmp_path):
    """With ``collections_dir: docs`` (jekyll-TeXt-theme's docs), a post in
    ``docs/_posts/`` has no category ``docs``, and one in ``docs/news/_posts/`` has
    ``news``, as Jekyll 4.3.1 builds them (``_site/post/2017/08/08/a.html``,
    ``_site/news/post/2017/08/09/b.html``); a false OA303 had named ``/docs/post/...``."""
    defaults = "defaults:\n  - scope: {path: '', type: posts}\n    values: {category: post}\n"
    found = urls(
        tmp_path,
        {
            "_config.yml": f"collections_dir: docs\npermalink: date\n{defaults}",
            "docs/_posts/2017-08-08-a.md": "---\ntitle: A\n---\n",
            "docs/news/_posts/2017-08-09-b.md": "---\ntitle: B\n---\n",
        },
    )
    assert found["docs/_posts/2017-08-08-a.md"] == "/post/2017/08/08/a.html"
    assert found["docs/news/_posts/2017-08-09-b.md"] == "/news/post/2017/08/09/b.html"


@pytest.mark.parametrize("setting", ['generator = "jekyll"\n', ""])
def test_a_jekyll_site_without_a_config_is_read_as_github_pages_builds_it(tmp_path, setting):
    """google/styleguide's gh-pages branch has no ``_config.yml``: GitHub Pages builds it
    with its default plugins, so ``decisions`` is the page ``decisions.md`` (about 100
    false alarms when read as plain Markdown; ``generator = "jekyll"`` was refused)."""
    write_site(tmp_path, {
        "openaccess.toml": setting,
        "go/guide.md": "# Guide\n\n[d](decisions) [e](decisions.md#naming) [f](missing)\n",
        "go/decisions.md": "# Decisions\n\n## Naming\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301"], jobs=1, cache=False)
    result = run_check([tmp_path / "go"], config, options)
    broken = ["missing"] if setting else ["decisions", "missing"]
    assert [d.message.split("'")[1] for d in result.diagnostics] == broken
    assert result.notes == ([
        "jekyll: generator = 'jekyll' and no _config.yml: the site is read as GitHub Pages"
        " builds it, with its default plugins"
    ] if setting else [])  # fmt: skip


def test_jekyll_includes_render_their_parameters_and_keep_their_links(tmp_path):
    """Liquid renders an include with its parameters before kramdown, so ``## Inc
    heading {{ include.suffix }}`` has the id ``inc-heading-extra``; and
    jekyll-relative-links runs before Liquid, so an included ``../target.md`` stays as
    written, a 404 (found by a helper's differential, built with Jekyll 4.3)."""
    write_site(tmp_path, {
        "_config.yml": "plugins:\n  - jekyll-relative-links\n",
        "sub/page.md": "---\ntitle: Page\n---\n# Page\n\n{% include_relative parts/part.md %}\n\n"
                       '{% include inc.md suffix="extra" hid="raw-id" %}\n\n'
                       "[direct](../target.md)\n\n"
                       "[a](#inc-heading-extra) [b](#raw-id) [c](#fixed-extra) [d](#nope)\n",
        "sub/parts/part.md": "## Part heading\n\n[e](../target.md#target-two)\n",
        "_includes/inc.md": "[f](../target.md)\n\n## Inc heading {{ include.suffix }}\n\n"
                            '<h3 id="{{ include.hid }}">X</h3>\n\n'
                            "## Fixed {{ include.suffix }} {#fixed-{{ include.suffix }}}\n",
        "target.md": "---\n---\n# Target\n\n## Target two\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == [
        "sub/page.md:6:1 OA301",
        "sub/page.md:8:1 OA301",
        "sub/page.md:12:56 OA302",
    ]


def test_the_gemfiles_jekyll_plugins_group_turns_plugins_on(tmp_path):
    """Jekyll 4.3 loads the gems of a Gemfile's ``:jekyll_plugins`` group whatever
    ``plugins`` says, so jekyll-relative-links there makes ``b.md`` the page /b.html
    (found by a helper's trial on the LineageOS wiki)."""
    write_site(tmp_path, {
        "_config.yml": "title: T\n",
        "Gemfile": 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n'
                   'group :jekyll_plugins do\n  gem "jekyll-relative-links"\nend\n',
        "index.md": "---\n---\n\n[b](b.md) [c](c.md)\n",
        "b.md": "---\n---\n# B\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == ["index.md:4:11 OA301"]


def test_a_jekyll_page_that_prints_another_documents_content_has_its_ids(tmp_path):
    """jsonapi.org's /format/ is a Liquid loop printing ``{{ spec_draft.content }}`` of the
    spec's latest version: its ids are that document's, known only to the build (14
    false alarms; found by a helper's trial, built with Jekyll 4.3)."""
    write_site(tmp_path, {
        "_config.yml": "title: T\n",
        "format.md": "---\ntitle: Format\n---\n\n{% for spec in site.pages %}\n"
                     "{{ spec.content }}\n{% endfor %}\n",
        "index.md": "---\n---\n\n[a](format.html#document-top-level) [b](format.html)\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == []


def test_jekyll_defaults_unpublish_documents_but_not_pages(tmp_path):
    """A ``published: false`` from ``defaults`` leaves a page published: Jekyll 4.3 asks
    ``data.key?("published")``, and a page's defaults are only a fallback of its data. A
    post's and a collection document's are merged in (found by a helper's differential,
    checked with ``jekyll build``)."""
    unpublished = "    values: {published: false}\n"
    found = urls(tmp_path, {
        "_config.yml": "collections:\n  notes: {output: true}\ndefaults:\n"
                       + "".join(f"  - scope: {{path: {p}}}\n{unpublished}"
                                 for p in ("folder", "_notes", "_posts")),
        "folder/page.md": "---\n---\n",
        "folder/own.md": "---\npublished: false\n---\n",
        "_notes/note.md": "---\n---\n",
        "_posts/2024-01-01-post.md": "---\n---\n",
    })  # fmt: skip
    assert {name: url for name, url in found.items() if name != "_config.yml"} == {
        "folder/page.md": "/folder/page.html",
        "folder/own.md": None,
        "_notes/note.md": None,
        "_posts/2024-01-01-post.md": None,
    }


@pytest.mark.parametrize(
    ("timezone", "day"),
    [("", "06"), ("timezone: UTC\n", "06"), ("timezone: America/Los_Angeles\n", "05")],
)
def test_a_jekyll_post_time_with_an_offset_is_dated_in_the_site_zone(tmp_path, timezone, day):
    """Jekyll moves a post's time to its zone (``timezone``; else the build machine's,
    UTC on GitHub Pages and CI) before the date goes into the address: 19:29 at -08:00 on
    the 5th is the 6th in UTC (Jekyll 4.3's Utils.parse_date, checked with jekyll build)."""
    found = urls(
        tmp_path,
        {
            "_config.yml": "permalink: /news/:year/:month/:day/:title/\n" + timezone,
            "_posts/2015-06-05-quoted.md": '---\ndate: "2015-06-05 19:29:07 -0800"\n---\n',
            "_posts/2015-06-05-plain.md": "---\ndate: 2015-06-05 19:29:07 -08:00\n---\n",
            "_posts/2015-06-05-no-offset.md": "---\ndate: 2015-06-05 23:59:00\n---\n",
            "_posts/2015-06-05-utc.md": "---\ndate: 2015-06-05 23:59 UTC\n---\n",
        },
    )
    assert found["_posts/2015-06-05-quoted.md"] == f"/news/2015/06/{day}/quoted/"
    assert found["_posts/2015-06-05-plain.md"] == f"/news/2015/06/{day}/plain/"
    assert found["_posts/2015-06-05-no-offset.md"] == "/news/2015/06/05/no-offset/"
    assert found["_posts/2015-06-05-utc.md"] == "/news/2015/06/05/utc/"


def test_a_jekyll_post_time_without_an_offset_is_utc_unless_quoted(tmp_path):
    """YAML reads an unquoted ``2024-03-03 01:00:00`` as UTC (Psych's parse_time), so in
    New York the post is on the 2nd; a quoted one is the site's own time. ``:hour``,
    ``:minute`` and ``:second`` come from the same time (found by a helper's
    differential, built with Jekyll 4.3 and ``timezone: America/New_York``)."""
    found = urls(tmp_path, {
        "_config.yml": "timezone: America/New_York\n"
                       "permalink: /:year/:month/:day/:hour:minute:second/:title/\n",
        "_posts/2024-03-03-a.md": "---\ndate: 2024-03-03 10:20:30\n---\n",
        "_posts/2024-02-01-b.md": '---\ndate: "2024-02-01 23:30:00 -0800"\n---\n',
        "_posts/2024-01-05-c.md": "---\n---\n",
        "_posts/2024-03-03-d.md": "---\ndate: 2024-03-03 01:00:00\n---\n",
        "_posts/2024-03-03-e.md": '---\ndate: "2024-03-03 01:00:00"\n---\n',
    })  # fmt: skip
    assert [url for name, url in found.items() if name.startswith("_posts")] == [
        "/2024/03/03/052030/a/",
        "/2024/02/02/023000/b/",
        "/2024/01/05/000000/c/",
        "/2024/03/02/200000/d/",
        "/2024/03/03/010000/e/",
    ]


SITE_FILES = {
    "guides/pricing.md": """
        ---
        title: Pricing
        slug: prices
        aliases: [/old-pricing/]
        permalink: /money/
        redirect_from: [/fees/]
        ---

        ## Costs and fees
        """,
    "guides/_index.md": "---\ntitle: Guides\n---\n\nAll guides.\n",
    "_posts/2024-03-05-first-steps.md": "---\ntitle: Post\n---\n\nA post.\n",
    "home.md": """
        ---
        title: Home
        ---

        [a](/guides/pricing/) [b](/guides/prices/) [c](/old-pricing/) [d](/money/)
        [e](/fees/) [f](/guides/pricing.html) [g](/Guides/Prices/) [h](/guides/)
        [i](/2024/03/05/first-steps.html) [j](/guides/prices/#costs-and-fees)
        [k](/gides/) [l](/mony/)
        """,
}


# Every site path the built site does not serve is reported (Jekyll skips _index.md, so
# it has no /guides/ at all).
_PRICES_MOVED = "; did you mean /guides/prices/?"
_SERVED = "OA303 no page or file of this site is served at"
_CASE = (
    "; the site has /guides/prices/ (letter case differs, and web servers treat cases as"
    " different addresses)"
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "plain",
            [
                f"5:1 {_SERVED} /guides/pricing/{_PRICES_MOVED}",
                f"5:63 {_SERVED} /money/",
                f"6:1 {_SERVED} /fees/",
                f"6:13 {_SERVED} /guides/pricing.html{_PRICES_MOVED}",
                f"6:39 {_SERVED} /Guides/Prices/{_CASE}",
                f"7:1 {_SERVED} /2024/03/05/first-steps.html",
                f"8:1 {_SERVED} /gides/; did you mean /guides/?",
                f"8:14 {_SERVED} /mony/",
            ],
        ),
        (
            "hugo",
            [
                f"5:1 {_SERVED} /guides/pricing/{_PRICES_MOVED}",
                f"5:63 {_SERVED} /money/",
                f"6:1 {_SERVED} /fees/",
                f"6:13 {_SERVED} /guides/pricing.html{_PRICES_MOVED}",
                f"6:39 {_SERVED} /Guides/Prices/{_CASE}",
                f"7:1 {_SERVED} /2024/03/05/first-steps.html",
                f"8:1 {_SERVED} /gides/; did you mean /guides/?",
                f"8:14 {_SERVED} /mony/",
            ],
        ),
        (
            "jekyll",
            [
                f"5:1 {_SERVED} /guides/pricing/; did you mean /money/?",
                f"5:23 {_SERVED} /guides/prices/",
                f"5:44 {_SERVED} /old-pricing/",
                f"6:1 {_SERVED} /fees/",
                f"6:13 {_SERVED} /guides/pricing.html; did you mean /money/?",
                f"6:39 {_SERVED} /Guides/Prices/",
                f"6:60 {_SERVED} /guides/",
                f"7:35 {_SERVED} /guides/prices/",
                f"8:1 {_SERVED} /gides/",
                f"8:14 {_SERVED} /mony/; did you mean /money/?",
            ],
        ),
    ],
)
def test_site_urls_route_like_each_generator(tmp_path, style, expected):
    write_site(tmp_path, SITE_FILES)
    assert lint(tmp_path, "home.md", select="OA303", url_style=style) == expected


def test_fragment_on_a_routed_url_checks_the_target_pages_anchors(tmp_path):
    files = dict(SITE_FILES)
    files["home.md"] = (
        "---\ntitle: Home\n---\n\n[a](/guides/prices/#costs) [b](/money/#costs-and-fees)\n"
    )
    write_site(tmp_path, files)
    assert lint(tmp_path, "home.md", select="OA302", url_style="hugo") == [
        "5:1 OA302 no heading or id 'costs' in guides/pricing.md; did you mean '#costs-and-fees'?"
    ]
    # Jekyll serves the page at /money/ only: its anchors exist, /guides/prices/ is OA303's.
    assert lint(tmp_path, "home.md", select="OA302", url_style="jekyll") == []


def test_known_ids_name_ids_templates_add_exactly_or_by_glob(tmp_path):
    write_site(
        tmp_path,
        {
            "plugins/blog.md": "---\ntitle: Blog\n---\n\nText.\n",
            "home.md": (
                "---\ntitle: Home\n---\n\n[a](plugins/blog.md#config.blog_dir)"
                " [b](plugins/blog.md#comments) [c](plugins/blog.md#meta) [d](#config.x)\n"
            ),
        },
    )
    known = {"plugins/*": ["config.*", "comments"]}
    assert lint(tmp_path, "home.md", select="OA302", known_ids=known) == [
        "5:68 OA302 no heading or id 'meta' in plugins/blog.md",
        "5:94 OA302 no heading or id 'config.x' on this page",
    ]


def test_links_relative_to_the_published_url_resolve(tmp_path):
    write_site(
        tmp_path,
        {
            "guides/start.md": "---\ntitle: Start\n---\n\n[pricing](../pricing/) [home](../../)\n",
            "guides/pricing.md": "---\ntitle: Pricing\n---\n\nText.\n",
            "index.md": "---\ntitle: Home\n---\n\nText.\n",
        },
    )
    assert lint(tmp_path, "guides/start.md", select="OA301") == []


def test_a_link_resolved_again_is_judged_from_its_own_page_and_the_site_of_now(tmp_path):
    """The router keeps the last page's resolved links (publish asks for them again right
    after the check): the same href from another page, or after the site changed, is
    resolved afresh."""
    write_site(tmp_path, {"a/x.md": "", "a/y.md": "", "b/z.md": ""})
    project = open_project([tmp_path], links_config(tmp_path))
    router = project.router
    from_a, from_b = PurePosixPath("a/x.md"), PurePosixPath("b/z.md")
    assert router.resolve(from_a, "y.md").kind == "found"
    assert router.resolve(from_a, "y.md") is router.resolve(from_a, "y.md")
    assert router.resolve(from_b, "y.md").kind == "missing-file"
    assert router.resolve(from_a, "y.md", image=True) is not router.resolve(from_a, "y.md")
    (tmp_path / "a" / "y.md").unlink()
    assert project.update(tmp_path / "a" / "y.md")  # the file list changed
    assert router.resolve(from_a, "y.md").kind == "missing-file"


def test_every_site_path_the_built_site_lacks_is_judged_unless_excluded(tmp_path):
    write_site(
        tmp_path,
        {
            "jeweler/start.md": "---\ntitle: Start\n---\n\nText.\n",
            "home.md": "---\ntitle: Home\n---\n\n[api](/api/v2/) [typo](/jewler/start/)\n",
        },
    )
    assert lint(tmp_path, "home.md", select="OA303") == [
        "5:1 OA303 no page or file of this site is served at /api/v2/",
        "5:17 OA303 no page or file of this site is served at /jewler/start/;"
        " did you mean /jeweler/start/?",
    ]
    assert lint(tmp_path, "home.md", select="OA303", exclude_urls=["^/api/"]) == [
        "5:17 OA303 no page or file of this site is served at /jewler/start/;"
        " did you mean /jeweler/start/?",
    ]


def test_base_url_with_a_path_strips_it_and_ignores_the_rest_of_the_host(tmp_path):
    write_site(
        tmp_path,
        {
            "start.md": "---\ntitle: Start\n---\n\nText.\n",
            "home.md": (
                "---\ntitle: Home\n---\n\n[a](https://x.org/docs/start/)"
                " [b](https://x.org/blog/post/) [c](https://x.org/docs/stort/)\n"
            ),
        },
    )
    assert lint(tmp_path, "home.md", select="OA303", base_url="https://x.org/docs/") == [
        "5:62 OA303 no page or file of this site is served at /stort/; did you mean /start/?"
    ]


def test_repository_jeweler_link_resolves_to_the_local_start_page():
    config = load_config(start=REPO)
    assert config.base_url == "https://workdojos.com"
    result = run_check([REPO / "pages"], config, CheckOptions(select=["OA3"], jobs=1, cache=False))
    assert [d for d in result.diagnostics if d.code in ("OA301", "OA302", "OA303")] == []


# -- slugs -------------------------------------------------------------------------------
def test_slug_dialects_differ_where_the_generators_do():
    assert goldmark_github_slug("Tools\tand  tips") == "toolsand--tips"  # Hugo 0.111: tab dropped
    assert kramdown_slug("3 ways to café_start!") == "ways-to-cafstart"
    assert ids_for([Heading(2, "123", 0, 0)], "kramdown") == ["section"]
    headings = [Heading(2, "Prices", 0, 0), Heading(2, "Prices", 0, 0), Heading(2, "Q&A", 0, 0)]
    assert ids_for(headings) == ["prices", "prices-1", "qa"]
    assert ids_for(headings, "jekyll") == ["prices", "prices-1", "qa"]
    assert ids_for(headings, "python-markdown") == ["prices", "prices_1", "qa"]


def test_slug_style_changes_which_fragments_resolve(tmp_path):
    write_site(
        tmp_path,
        {"page.md": "---\ntitle: P\n---\n\n## 2. Café_menu\n\n[x](#2-café_menu) [y](#caf-menu)\n"},
    )
    assert lint(tmp_path, "page.md", select="OA302") == [
        "7:19 OA302 no heading or id 'caf-menu' on this page"
    ]
    assert lint(tmp_path, "page.md", select="OA302", slug_style="kramdown") == [
        "7:1 OA302 no heading or id '2-café_menu' on this page",
        "7:19 OA302 no heading or id 'caf-menu' on this page; did you mean '#cafmenu'?",
    ]
    # Jekyll's default kramdown input is GFM, whose ids keep non-ASCII letters and digits.
    assert lint(tmp_path, "page.md", select="OA302", slug_style="jekyll") == [
        "7:19 OA302 no heading or id 'caf-menu' on this page"
    ]


def test_a_text_fragment_is_no_id(tmp_path):
    """``#:~:text=words`` asks the browser to find words on the page (letsencrypt's
    site): only an id written before ``:~:`` is judged."""
    write_site(tmp_path, {
        "other.md": "---\ntitle: O\n---\n\n## Part\n",
        "page.md": "---\ntitle: P\n---\n\n[a](other.md#:~:text=some%20words)"
                   " [b](#:~:text=x) [c](other.md#part:~:text=y) [d](other.md#nope:~:text=z)\n",
    })  # fmt: skip
    assert lint(tmp_path, "page.md", select="OA302") == [
        "5:80 OA302 no heading or id 'nope' in other.md"
    ]


# -- fixes -------------------------------------------------------------------------------
def test_did_you_mean_fixes_replace_only_the_typed_path_or_fragment(tmp_path):
    write_site(
        tmp_path,
        {
            "docs/start.md": "---\ntitle: S\n---\n\n## Tools\n",
            "page.md": "---\ntitle: P\n---\n\n[a](docs/strat.md#tools) [b](docs/start.md#tool)\n",
        },
    )
    config = Config(root=tmp_path)
    page = Page.load(tmp_path / "page.md", "page.md", config.max_file_size)
    site = open_site(tmp_path, config)
    found = Linter(config, select=["OA301", "OA302"]).check_page(page, site)
    assert all(d.fix is not None and d.fix.applicability.value == "unsafe" for d in found)
    fixed, count = apply_fixes(page.text, [d.fix for d in found])
    assert count == 2
    assert fixed.endswith("[a](docs/start.md#tools) [b](docs/start.md#tools)\n")


# -- helpers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:void(0)",
        "  javascript:x()",
        "java\tscript:x()",
        "java&#x09;script:x()",
        "&#106;avascript:x()",
        "javascript&colon;x()",
        "\x01javascript:x()",
    ],
)
def test_javascript_urls_are_recognised_in_disguise(href):
    assert is_javascript_url(href)


@pytest.mark.parametrize(
    "href", ["javascript.md", "/javascript:x", "https://js.org", "java script:x"]
)
def test_javascript_lookalikes_are_not_reported(href):
    assert not is_javascript_url(href)


@pytest.mark.parametrize(
    ("alt", "src", "expected"),
    [
        ("IMG_2041.jpg", "p/IMG_2041.jpg", True),
        ("img_2041", "p/IMG_2041.jpg", True),
        ("chart.svg", "other.png", True),
        ("Logo", "logo.png", False),
        ("A jeweler at work", "IMG_2041.jpg", False),
        ("", "x.png", False),
    ],
)
def test_alt_is_file_name(alt, src, expected):
    assert alt_is_file_name(alt, src) is expected


def test_suggestions_allow_one_edit_per_five_characters():
    assert edit_distance("strat", "start", 3) == 1
    assert closest("pricng", ["pricing", "prices"]) == "pricing"
    assert closest("about_arrays.md", ["about_trap.md"]) is None
    assert closest("x", ["y"]) == "y"


def test_names_made_ready_once_give_the_same_suggestions_as_a_plain_list():
    names = ["pricing.md", "Prices.md", "about_Jobs.md", "about_Join.md", "start.md"]
    ready = Names(names)
    for wanted in ["pricng.md", "PRICES.md", "about_jobs.md", "strat.md", "nothing.md"]:
        for limit, span in [(None, None), (1, 2)]:
            assert closest(wanted, ready, limit, span) == closest(wanted, names, limit, span)
    assert closest("prices.md", ready) == "Prices.md"  # only the case differs
    assert closest("strat.md", ready, 1, 2) == "start.md"


def _textbook_distance(a: str, b: str) -> int:
    """Optimal string alignment distance over the whole table (Wagner-Fischer with
    adjacent swaps), to check the banded, trimmed one against."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


def test_edit_distance_is_exact_up_to_its_limit():
    import random

    rng = random.Random(11)
    for _ in range(3000):
        alphabet = rng.choice(["ab", "abc", "abcdef"])  # few letters: many swaps and repeats
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        b = list(a)
        for _ in range(rng.randint(0, 5)):
            at = rng.randint(0, len(b))
            edit = rng.choice(["change", "insert", "delete", "swap"])
            if edit == "insert" or not b:
                b.insert(at, rng.choice(alphabet))
            elif edit == "change":
                b[min(at, len(b) - 1)] = rng.choice(alphabet)
            elif edit == "delete":
                del b[min(at, len(b) - 1)]
            elif at + 1 < len(b):
                b[at], b[at + 1] = b[at + 1], b[at]
        limit, true = rng.randint(0, 5), _textbook_distance(a, "".join(b))
        assert edit_distance(a, "".join(b), limit) == min(true, limit + 1), (a, b, limit)


def test_link_text_normalisation():
    assert normalize_link_text("  Read   MORE…  ") == "read more"


def test_orphans_are_only_judged_when_the_whole_site_is_checked(tmp_path):
    write_site(
        tmp_path,
        {
            "index.md": "---\ntitle: Home\n---\n\n[a](a.md)\n",
            "a.md": "---\ntitle: A\n---\n\nText.\n",
            "b.md": "---\ntitle: B\n---\n\nText.\n",
        },
    )
    config = Config(root=tmp_path)
    linter = Linter(config, select=["OA310"])
    pages = [Page.load(tmp_path / n, n, config.max_file_size) for n in ("index.md", "a.md", "b.md")]
    site = open_site(tmp_path, config)
    gather(pages, site)
    assert [d.path for d in linter.check_site(pages, site)] == ["b.md"]
    gather(pages[:2], site)
    assert linter.check_site(pages[:2], site) == []


# -- config ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"url_style": "gatsby"}, "key 'links.url_style' must be 'plain', 'hugo' or 'jekyll'"),
        ({"slug_style": "x"}, "key 'links.slug_style' must be a heading id algorithm (github,"),
        ({"concurrency": 0}, "key 'links.concurrency' must be a positive whole number"),
        ({"timeout": "5"}, "key 'links.timeout' must be a number"),
        ({"exclude_urls": ["("]}, "key 'links.exclude_urls': '(' is not a valid regular"),
        ({"exclude": ["("]}, "key 'links.exclude_urls': '(' is not a valid regular"),
        ({"hosts": {"a.org": {"accept": [999]}}}, "accept must be a list of HTTP status codes"),
        ({"hosts": {"a.org": {"color": 1}}}, "unknown key 'color'"),
        (
            {"hosts": {"a.org": {"headers": {"Authorization": "Bearer s3cret"}}}},
            "header 'Authorization' holds a literal value",
        ),
    ],
)
def test_links_config_errors_name_the_key(table, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("'('", "'\\('")):
        build_config({"links": table}, Path("."), Path("openaccess.toml"))


def test_links_config_accepts_env_references_and_numbers():
    config = build_config(
        {
            "links": {
                "timeout": 3,
                "hosts": {
                    "GitHub.com": {"accept": [429], "headers": {"Authorization": "Bearer ${T}"}}
                },
            }
        },
        Path("."),
    )
    assert config.links.timeout == 3.0
    assert config.links.hosts["github.com"].accept == [429]
    assert replace(config.links, external=True).external is True


def test_a_moved_file_is_suggested_only_when_it_is_nearby(tmp_path):
    write_site(
        tmp_path,
        {
            "guides/start.md": "---\ntitle: S\n---\n\nText.\n",
            "v1/deep/deeper/legal.md": "---\ntitle: L\n---\n\nText.\n",
            "docs/page.md": "---\ntitle: P\n---\n\n[a](start.md) [b](legal.md)\n",
        },
    )
    assert lint(tmp_path, "docs/page.md", select="OA301") == [
        "5:1 OA301 link target 'start.md' does not exist; did you mean '../guides/start.md'?",
        "5:15 OA301 link target 'legal.md' does not exist",
    ]


@pytest.mark.parametrize(
    ("loop", "orphans"),
    [
        ("", ["_posts/2024-03-05-news.md", "_talks/first.md", "about.md"]),
        ("{% for post in paginator.posts %}{{ post.title }}{% endfor %}", ["_talks/first.md",
                                                                         "about.md"]),
        ('{% assign talks = site.talks | sort: "date" %}', ["_posts/2024-03-05-news.md",
                                                            "about.md"]),
        ("{% for p in site.pages %}{{ p.title }}{% endfor %}", ["_posts/2024-03-05-news.md",
                                                               "_talks/first.md"]),
    ],
)  # fmt: skip
def test_jekyll_pages_a_liquid_loop_lists_are_no_orphans(tmp_path, loop, orphans):
    """A blog's list of posts, an archive of talks: Jekyll lists them, readers reach
    them; the 404 page is reached by broken links only."""
    write_site(
        tmp_path,
        {
            "_config.yml": "collections:\n  talks:\n    output: true\n",
            "_layouts/home.html": f"<main>{{{{ content }}}}{loop}</main>\n",
            "index.md": "---\nlayout: home\ntitle: Home\n---\n\nWelcome.\n",
            "about.md": "---\ntitle: About\n---\n\nAbout us.\n",
            "404.md": "---\ntitle: Not found\npermalink: /404.html\n---\n\nNothing here.\n",
            "_posts/2024-03-05-news.md": "---\ntitle: News\n---\n\nNews.\n",
            "_talks/first.md": "---\ntitle: First talk\n---\n\nA talk.\n",
        },
    )
    config = load_config(tmp_path)
    sources = ["index.md", "about.md", "404.md", "_posts/2024-03-05-news.md", "_talks/first.md"]
    pages = [Page.load(tmp_path / n, n, config.max_file_size) for n in sources]
    site = open_site(tmp_path, config)
    gather(pages, site)
    assert [d.path for d in Linter(config, select=["OA310"]).check_site(pages, site)] == orphans


@pytest.mark.parametrize(
    "navigation",
    [
        {"_config.yml": "baseurl: /rings\nnavbar-links:\n  About us: aboutme\n"
                        "  Care: /rings/care/\n"},
        {"_data/navigation.yml": "main:\n  - title: About us\n    url: /aboutme.html\n"
                                 "  - title: Care\n    url: /care/#cleaning\n"},
    ],
)  # fmt: skip
def test_jekyll_pages_a_theme_menu_names_in_data_are_no_orphans(tmp_path, navigation):
    """beautiful-jekyll's ``navbar-links`` in the config, minimal-mistakes'
    ``_data/navigation.yml``: the theme links every page to them."""
    write_site(
        tmp_path,
        {
            "_config.yml": "title: Rings\n",
            "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
            "aboutme.md": "---\ntitle: About\n---\n\nAbout us.\n",
            "care.md": "---\ntitle: Care\npermalink: /care/\n---\n\nCare.\n",
            "lonely.md": "---\ntitle: Lonely\n---\n\nNobody links here.\n",
            **navigation,
        },
    )
    config = load_config(tmp_path)
    sources = ["index.md", "aboutme.md", "care.md", "lonely.md"]
    pages = [Page.load(tmp_path / n, n, config.max_file_size) for n in sources]
    site = open_site(tmp_path, config)
    gather(pages, site)
    found = Linter(config, select=["OA310"]).check_site(pages, site)
    assert [d.path for d in found] == ["lonely.md"]


def test_orphans_skip_pages_the_config_excludes(tmp_path):
    write_site(
        tmp_path,
        {
            "index.md": "---\ntitle: Home\n---\n\n[a](a.md)\n",
            "a.md": "---\ntitle: A\n---\n\nText.\n",
            "b.md": "---\ntitle: B\n---\n\nText.\n",
            "drafts/c.md": "---\ntitle: C\n---\n\nText.\n",
        },
    )
    config = Config(root=tmp_path, pages=".", exclude=["drafts/*"])
    linter = Linter(config, select=["OA310"])
    pages = [Page.load(tmp_path / n, n, config.max_file_size) for n in ("index.md", "a.md", "b.md")]
    site = open_site(tmp_path, config)
    gather(pages, site)
    assert [d.path for d in linter.check_site(pages, site)] == ["b.md"]


def test_an_open_project_follows_edits_and_new_files(tmp_path):
    """serve and lsp keep one project open: an edit, a new page and a changed slug show at
    once, with the site map rebuilt only when the site's shape changed."""
    write_site(
        tmp_path,
        {
            "index.md": "---\ntitle: Home\n---\n\n[a](a.md) [b](b.md) [c](/c/#part)\n",
            "a.md": "---\ntitle: A\n---\n\n## Part\n",
        },
    )
    project = open_project([tmp_path], links_config(tmp_path))
    linter = Linter(project.config, select=["OA301", "OA302", "OA303"])
    index = tmp_path / "index.md"

    def findings() -> list[str]:
        page = project.store.page(index)
        return [f"{d.code} {d.message}" for d in linter.check_page(page, project.site)]

    assert [f.split(";")[0] for f in findings()] == [
        "OA301 link target 'b.md' does not exist",
        "OA303 no page or file of this site is served at /c/",
    ]
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\n\nText.\n", encoding="utf-8")
    assert project.update(tmp_path / "b.md") is True  # a new page: the site map grows
    assert project.update(tmp_path / "a.md", b"---\ntitle: A\nslug: c\n---\n\n## Whole\n")
    assert findings() == ["OA302 no heading or id 'part' in a.md"]
    assert project.update(tmp_path / "a.md", b"---\ntitle: A\nslug: c\n---\n\n## Part\n") is False
    assert findings() == []


@pytest.mark.parametrize(
    ("extensions", "broken"),
    [
        ("[extra]", []),
        ("[markdown.extensions.extra]", []),
        ("[pymdownx.extra]", []),
        ("[]", ["fn:note", "options", "size", "start-here"]),
    ],
)
def test_mkdocs_extra_turns_on_attribute_lists(tmp_path, extensions, broken):
    """Python-Markdown's ``extra`` loads attr_list (and footnotes, md_in_html...), so
    ``{: #id }`` sets ids on a site that lists only ``extra`` (Python-Markdown's own docs);
    so does pymdown-extensions' ``pymdownx.extra`` (pydantic's docs, where an empty link
    ``[](){#id}`` marks a place to link to, as mkdocs-autorefs documents)."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nmarkdown_extensions: {extensions}\n", encoding="utf-8"
    )
    write_site(
        tmp_path / "docs",
        {
            "index.md": """
                # Home

                ## The options {: #options }

                __size__{: #size }

                [](){#start-here}
                See [the options](#options), [size](#size) and [the note](#fn:note).[^note]
                Or [start here](#start-here).

                [^note]: A note.
                """,
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    missing = sorted(d.message.split("'")[1] for d in result.diagnostics)
    assert missing == broken


@pytest.mark.parametrize(
    ("toml", "broken"),
    [
        ("[project]\nsite_name = 'T'\n\n[project.markdown_extensions.pymdownx.extra]\n", []),
        ("[project]\nsite_name = 'T'\nmarkdown_extensions = ['attr_list']\n", []),
        ("[project]\nsite_name = 'T'\n", ["options"]),
    ],
)
def test_zensical_toml_is_read_as_mkdocs_settings(tmp_path, toml, broken):
    """Zensical (Material for MkDocs' successor) builds from zensical.toml's [project]
    table, mkdocs.yml's settings in TOML, where ``pymdownx.extra`` is a table inside the
    ``pymdownx`` one. Its pages are in ``docs/``; README.md beside it is no page."""
    (tmp_path / "zensical.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Read me\n\n[gone](gone.md)\n", encoding="utf-8")
    write_site(
        tmp_path / "docs", {"index.md": "# Home\n\n## Options {: #options }\n\n[o](#options)\n"}
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301", "OA302"], jobs=1, cache=False))
    assert sorted(d.message.split("'")[1] for d in result.diagnostics) == broken


def test_an_mkdocs_readme_beside_its_index_is_no_page_to_check(tmp_path):
    """MkDocs leaves ``README.md`` out when its folder has ``index.md`` ("Excluding
    'README.md' from the site because it conflicts with 'index.md'"): its links are never
    published, so a check of the site skips it, and a link to it is broken. Named alone,
    it is still checked. Checked with MkDocs 1.6.1 (pypi/warehouse's docs/user)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](user/README.md) [b](user/index.md)\n",
        "user/index.md": "# User\n",
        "user/README.md": "# Read me\n\n[gone](nope.md)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    assert [(Path(d.path).name, d.message.split("'")[1]) for d in found] == [
        ("index.md", "user/README.md")
    ]
    named = run_check([tmp_path / "docs" / "user" / "README.md"], config, options)
    assert [d.message.split("'")[1] for d in named.diagnostics] == ["nope.md"]


@pytest.mark.parametrize("tags", [None, ("{!", "!}")])
def test_mkdocs_include_markdown_pastes_files_with_their_links_rewritten(tmp_path, tags):
    """mkdocs-include-markdown-plugin pastes a file, or its parts between ``start`` and
    ``end``, into the page: its headings are the page's ids, and its relative links are
    rewritten to lead from the page to where they led from the file, unless
    ``rewrite-relative-urls=false``. Its tags can be changed (TRaSH Guides: ``{!``).
    Checked with the plugin 7.3.0 and MkDocs 1.6.1: the build has the same four breaks."""
    opening, closing = tags or ("{%", "%}")
    options = f"\n      opening_tag: '{opening}'\n      closing_tag: '{closing}'" if tags else ""
    plugin = f"include-markdown:{options}" if tags else "include-markdown"
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\nplugins:\n  - {plugin}\n")
    write_site(tmp_path, {
        "docs/index.md": "# Home\n\n[a](guide/page.md#kept-heading)"
                         " [b](guide/page.md#cut-heading) [c](guide/page.md#plain-heading)\n",
        "docs/guide/page.md": f"# Page\n\n{opening}\n  include-markdown"
                              f' "../../includes/part.md"\n  start="<!--start-->"\n'
                              f'  end="<!--end-->"\n{closing}\n\n{opening} include-markdown'
                              f' "../../includes/plain.md" rewrite-relative-urls=false'
                              f" {closing}\n",
        "includes/part.md": "## Cut heading\n\n<!--start-->\n## Kept heading\n\n"
                            "[rebased](../docs/index.md) [broken](../docs/nope.md)"
                            " [out](more/x.md)\n<!--end-->\n",
        "includes/plain.md": "## Plain heading\n\n[as written](../index.md)"
                             " [wrong](../../docs/index.md)\n",
        "includes/more/x.md": "# X\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA302"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    assert sorted((Path(d.path).name, d.line, d.message.split("'")[1]) for d in found) == [
        ("index.md", 3, "cut-heading"),
        ("page.md", 3, "../../includes/more/x.md"),
        ("page.md", 3, "../nope.md"),
        ("page.md", 9, "../../docs/index.md"),
    ]


def test_the_tabs_of_an_included_file_are_the_pages_tabs(tmp_path):
    """A content tab in a pasted file is a tab of the page that includes it: with
    tabbed's ``slugify``, the including page has its id (TRaSH Guides links the tabs of
    an included file: 3 false alarms). Checked with include-markdown 7.3.0, MkDocs
    1.6.1 and pymdownx 10: b/page/index.html has ``id="manually"``, ``id="3rd-party"``."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions:\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
        "        kwds:\n          case: lower\n"
        "plugins:\n  - include-markdown\n"
    )
    tabs = '=== "Manually"\n\n    One.\n\n=== "3rd party"\n\n    Two.\n'
    write_site(tmp_path / "docs", {
        "a/page.md": f"# A\n\n[m](#manually) [t](#3rd-party) [x](#2nd-party)\n\n{tabs}",
        "b/page.md": "{% include-markdown '../a/page.md' %}\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA302"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    assert sorted((d.path.split("/")[-2], d.message.split("'")[1]) for d in found) == [
        ("a", "2nd-party"),
        ("b", "2nd-party"),
    ]


def test_a_pasted_tab_combines_with_the_pages_heading_above_the_paste(tmp_path):
    """With ``combine_header_slug``, a tab set a snippet pastes under the page's ``##
    Install`` is ``install-transfer-files``: snippets paste text before tabbed reads it
    (DietPi's docs; built with MkDocs 1.6.1 and pymdown-extensions 10.21). A heading in
    the snippet above its tabs is theirs."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions:\n  - toc\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
        "        kwds:\n          case: lower\n      combine_header_slug: true\n"
        "  - pymdownx.snippets:\n      base_path: snippets\n"
    )
    links = "[a](#install-linux) [b](#install-transfer-files) [c](#own-copy) [d](#linux)"
    write_site(tmp_path, {
        "docs/index.md": '# Home\n\n## Install\n\n=== "Linux"\n\n    Run it.\n\n'
                         f'--8<-- "tab.md"\n\n--8<-- "own.md"\n\n{links}\n',
        "snippets/tab.md": '=== "Transfer files"\n\n    Copy the files over.\n',
        "snippets/own.md": '## Own\n\n=== "Copy"\n\n    Copy.\n',
    })  # fmt: skip
    assert _anchor_findings(tmp_path) == ["linux"]


def test_a_file_pasted_directly_and_through_another_is_read_at_both_places(tmp_path):
    """markdown-include pastes ``_part.md`` at both of its places: once inside
    ``_outer.md``, once on its own; the build has both broken links (pikvm's docs;
    markdown-include 0.8.1, MkDocs 1.6.1). A file that includes itself stops."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions:\n  - markdown_include.include:\n"
        "      base_path: docs\nexclude_docs: |\n  _*.md\n"
    )
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n{!_outer.md!}\n\nAgain:\n\n{!_part.md!}\n\n{!_loop.md!}\n",
        "_outer.md": "Outer text.\n\n{!_part.md!}\n",
        "_part.md": "See [the guide](Guide.md).\n",
        "_loop.md": "[l](gone.md) {!_loop.md!}\n",
        "guide.md": "# Guide\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == [
        "docs/index.md:3:1 OA301",
        "docs/index.md:7:1 OA301",
        "docs/index.md:9:1 OA301",
    ]


def test_mkdocs_llmstxt_writes_its_files_at_the_sites_top(tmp_path):
    """mkdocs-llmstxt writes ``llms.txt``, and its ``full_output`` file, into the built
    site (checked with mkdocs-llmstxt 0.5.1: Google's ADK docs link to both)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nsite_url: https://example.org/\nplugins:\n"
        "  - llmstxt:\n      full_output: llms-full.txt\n"
    )
    write_site(
        tmp_path / "docs",
        {
            "index.md": "# Home\n\n[a](https://example.org/llms.txt)"
            " [b](https://example.org/llms-full.txt) [c](llms.txt) [d](llms-all.txt)\n"
        },
    )
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA303"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    assert [(d.code, "'llms-all.txt'" in d.message) for d in found] == [("OA301", True)]


def test_properdocs_yml_is_read_as_mkdocs_settings(tmp_path):
    """ProperDocs, the continuation of MkDocs 1.6 (argo-workflows builds with it), reads
    mkdocs.yml's settings from properdocs.yml: no directory URLs, a base path, excluded
    pages (checked with ProperDocs 1.6.7)."""
    (tmp_path / "properdocs.yml").write_text(
        "site_name: T\nsite_url: https://example.org/docs/\nuse_directory_urls: false\n"
        "exclude_docs: drafts/\n",
        encoding="utf-8",
    )
    write_site(
        tmp_path / "docs",
        {
            "index.md": "# Home\n\n[a](guide/other.html) [b](/docs/guide/other.html)"
            " [c](guide/other/) [d](drafts/wip.md)\n",
            "guide/other.md": "# Other\n",
            "drafts/wip.md": "# Work in progress\n",
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301", "OA303"], jobs=1, cache=False))
    assert sorted(d.message.split("'")[1] for d in result.diagnostics if "'" in d.message) == [
        "drafts/wip.md",
        "guide/other/",
    ]


@pytest.mark.parametrize(
    ("plugin", "broken"),
    [
        ("coverage:\n      page_path: guide/coverage", ["coverage.md"]),
        ("coverage", ["guide/coverage.md", "guide/coverage/"]),
        ("search", ["coverage.md", "guide/coverage.md", "guide/coverage/"]),
    ],
)
def test_mkdocs_coverage_adds_its_page(tmp_path, plugin, broken):
    """mkdocs-coverage adds a page at ``page_path`` (default ``coverage``), an iframe of
    its report (checked with mkdocs-coverage 2.0.1: griffe links to it)."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: C\nplugins:\n  - {plugin}\n")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](guide/coverage.md) [b](guide/coverage/) [c](coverage.md)\n",
        "guide/index.md": "# Guide\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    found = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    assert sorted(d.message.split("'")[1] for d in found.diagnostics) == broken
    if plugin == "coverage":  # a table of plugins, the coverage entry without options
        (tmp_path / "mkdocs.yml").write_text("site_name: C\nplugins:\n  coverage:\n")
        found = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
        assert sorted(d.message.split("'")[1] for d in found.diagnostics) == broken


@pytest.mark.parametrize(
    ("plugin", "found"),
    [
        ("print-site", ["5:6 OA303"]),
        ("print-site:\n      enabled: false", ["3:9 OA301"]),
        ("search", ["3:9 OA301"]),  # /print_page.html: outside the site, not judged
    ],
)
def test_mkdocs_print_site_adds_its_page(tmp_path, plugin, found):
    """mkdocs-print-site-plugin adds ``print_page.html`` at the top of the site
    (print-site docs: a false alarm). Under the base path ``/proj``, ``/print_page.html``
    lacks it, a 404 (checked with mkdocs-print-site-plugin 2.9 and MkDocs 1.6.1)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: r\nsite_url: https://example.org/proj/\nuse_directory_urls: false\n"
        f"plugins:\n  - {plugin}\n"
    )
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\nSee the [print page](print_page.html).\n\n"
                    "Also [root](/print_page.html).\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301", "OA303"], jobs=1, cache=False))
    assert [f"{d.line}:{d.column} {d.code}" for d in result.diagnostics] == found


@pytest.mark.parametrize(
    ("plugin", "broken"),
    [
        ("rss", []),
        ("rss:\n      feeds_filenames:\n        rss_created: blog/feed.xml",
         ["feed_rss_created.xml"]),
        ("rss:\n      json_feed_enabled: false", ["feed_json_created.json"]),
        ("search", ["feed_json_created.json", "feed_rss_created.xml"]),
    ],
)  # fmt: skip
def test_mkdocs_rss_plugin_feeds_are_files_of_the_site(tmp_path, plugin, broken):
    """mkdocs-rss-plugin writes its feeds where ``feeds_filenames`` says (Knative's blog
    links to its own), RSS and JSON unless turned off."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: R\nplugins:\n  - {plugin}\n")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[RSS](feed_rss_created.xml), [JSON](feed_json_created.json),"
                    " [blog](blog/feed.xml)\n",
    })  # fmt: skip
    options = CheckOptions(select=["OA301"], jobs=1, cache=False)
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    named = [d.message.split("'")[1] for d in found]
    assert sorted(name for name in named if name != "blog/feed.xml") == broken
    assert ("blog/feed.xml" in named) == ("blog/feed.xml" not in plugin)


@pytest.mark.parametrize(
    ("plugin", "found"),
    [
        ("macros:\n      include_dir: docs/snippets", ["4:1 OA303 /gone/"]),
        ("macros", []),  # the include folder is docs/: no snippets/no-dns.md there
        ("macros:\n      include_dir: docs/snippets\n      render_by_default: false", []),
        ("search", []),
    ],
)  # fmt: skip
def test_mkdocs_macros_includes_bring_their_links_into_the_page(tmp_path, plugin, found):
    """mkdocs-macros renders ``{% include "no-dns.md" %}`` from its ``include_dir``: the
    snippet's broken link is the page's (Knative's docs)."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: R\nplugins:\n  - {plugin}\n")
    write_site(tmp_path / "docs", {
        "index.md": '# Home\n\nInstall it.\n{% include "no-dns.md" %}\n',
        "snippets/no-dns.md": "No DNS? See [the first service](/gone/).\n",
    })  # fmt: skip
    options = CheckOptions(select=["OA303"], jobs=1, cache=False)
    diagnostics = run_check([], load_config(start=tmp_path), options).diagnostics
    shown = [f"{d.line}:{d.column} {d.code} {d.message.split()[10].rstrip(';')}"
             for d in diagnostics if d.path.endswith("index.md")]  # fmt: skip
    assert shown == found


def test_mkdocs_macros_includes_in_the_sites_own_block_markers(tmp_path):
    """external-dns sets ``j2_block_start_string: '[[%'``: its pages include files with
    ``[[% include "see-also.md" %]]``, and ``{% include %}`` is then plain text. Such
    includes had been left unread (the MkDocs trial of the twenty-fourth session)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: R\nplugins:\n  - macros:\n      include_dir: docs/snippets\n"
        "      j2_block_start_string: '[[%'\n      j2_block_end_string: '%]]'\n"
    )
    write_site(tmp_path / "docs", {
        "index.md": '# Home\n\n[[% include "no-dns.md" %]]\n\n{% include "other.md" %}\n',
        "snippets/no-dns.md": "No DNS? See [the first service](/gone/).\n",
        "snippets/other.md": "See [another](/elsewhere/).\n",
    })  # fmt: skip
    options = CheckOptions(select=["OA303"], jobs=1, cache=False)
    diagnostics = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [(d.line, d.column) for d in diagnostics if d.path.endswith("index.md")] == [(3, 1)]


def test_an_address_whose_dots_climb_above_the_site_is_read_as_a_browser_does(tmp_path):
    """Browsers stop ``..`` at the site's top: from /a/b/ on an MkDocs site,
    ``../../../../x/`` is /x/ (Knative's blog), not a file outside the project."""
    (tmp_path / "mkdocs.yml").write_text("site_name: R\n")
    write_site(tmp_path / "docs", {
        "x.md": "# X\n",
        "a/b.md": "# B\n\n[x](../../../../x/) [y](../../../../y/) [z](../../../../z.md)\n",
    })  # fmt: skip
    options = CheckOptions(select=["OA301"], jobs=1, cache=False)
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [(d.column, d.message) for d in found] == [
        (21, "link target '../../../../y/' does not exist: browsers stop its '..' at the"
             " site's top, so it leads to /y/, which the site does not have"),
        (41, "link '../../../../z.md' points outside the site folder; it is not checked and"
             " would not be published"),
    ]  # fmt: skip


def test_a_link_that_climbs_out_of_docs_dir_and_back_names_no_page_in_mkdocs(tmp_path):
    """MkDocs joins a relative link to the page's path inside ``docs_dir``:
    ``../../docs/file.md`` from ``docs/sub/page.md`` is ``../docs/file.md`` there, no
    page, and it writes the link as it is, a 404 (nodemcu's docs: 7 misses; checked with
    MkDocs 1.6)."""
    found = _missing_files(tmp_path, {
        "file.md": "# File\n\n## Filelist\n",
        "sub/page.md": "# P\n\n[a](../../docs/file.md#filelist) [b](../file.md#filelist)\n",
    }, "site_name: R\n")  # fmt: skip
    assert [(d.column, d.message.split(";")[0]) for d in found] == [
        (1, "link target '../../docs/file.md' does not exist: from the page's place in"
            " docs_dir it climbs out of docs_dir, so MkDocs writes it as it is, to no page"),
    ]  # fmt: skip


def test_an_env_site_url_without_its_variable_is_no_base_path(tmp_path):
    """argo-cd's ``site_url: !ENV READTHEDOCS_CANONICAL_URL``: offline the variable is
    unset, so MkDocs has no site_url, and ``../../../assets/argo.png`` from two folders
    down climbs to the site's top (a false alarm as the base path
    /READTHEDOCS_CANONICAL_URL/; found by a helper's trial)."""
    found = _missing_files(tmp_path, {
        "assets/argo.png": "png",
        "user/sso/onelogin.md": "# O\n\n![logo](../../../assets/argo.png)\n",
    }, "site_name: R\nsite_url: !ENV READTHEDOCS_CANONICAL_URL\n")  # fmt: skip
    assert found == []


@pytest.mark.parametrize("extension", ["markdown_include.include", "toc"])
def test_markdown_include_pastes_a_file_into_the_page(tmp_path, extension):
    """markdown-include's ``{!docs/functions.md!}`` pastes the file (from its
    ``base_path``, the project folder by default) before Markdown reads the page: its
    headings are the page's ids (Argo CD's docs: 1 false alarm; a helper's trial, built
    with markdown-include 0.8.1)."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: R\nmarkdown_extensions: [{extension}]\n", encoding="utf-8"
    )
    write_site(tmp_path / "docs", {
        "functions.md": "# Functions\n\n#### Configuring the local timezone\n",
        "index.md": "# Templates\n\n[a](#configuring-the-local-timezone) [b](#timezoen)\n\n"
                    "{!docs/functions.md!}\n",
    })  # fmt: skip
    found = ["docs/index.md:3:1 OA302"] if extension == "toc" else []
    assert _link_findings(tmp_path) == [*found, "docs/index.md:3:38 OA302"]


def test_links_in_admonition_details_and_tab_titles(tmp_path):
    """Python-Markdown renders the Markdown of a block's quoted title, and MkDocs rewrites
    its links (Traefik's docs: 10 such links, none checked; found by a helper's trial,
    built with MkDocs 1.6.1)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: R\nmarkdown_extensions: [admonition, pymdownx.details,"
        " pymdownx.superfences, pymdownx.tabbed]\n",
        encoding="utf-8",
    )
    write_site(tmp_path / "docs", {
        "index.md": '# Home\n\n!!! note "A [one](missing-one.md)"\n    Body.\n\n'
                    '??? example "B [two](other.md#nowhere) [ok](other.md)"\n    Body.\n\n'
                    '=== "C [four](missing-four.md)"\n    Tab body.\n',
        "other.md": "# Other\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == [
        "docs/index.md:3:19 OA301",
        "docs/index.md:6:22 OA302",
        "docs/index.md:9:15 OA301",
    ]


def test_center_is_a_block_tag_to_python_markdown(tmp_path):
    """``<center>`` opening a line starts raw HTML in Python-Markdown 3.10 as ``<div>``
    does, so the Markdown image inside is text (found by a helper's trial on Powertools'
    docs, checked with MkDocs 1.6.1)."""
    found = _missing_files(tmp_path, {
        "index.md": "# Home\n\n<center>\n![a](gone.png)\n</center>\n\n![b](missing.png)\n",
    }, "site_name: R\n")  # fmt: skip
    assert [d.message for d in found] == ["image 'missing.png' does not exist"]


def test_two_mkdocs_pages_of_different_folders_on_one_address(tmp_path):
    """``core/metrics.md`` and ``core/metrics/index.md`` both build to /core/metrics/:
    MkDocs 1.6 excludes neither (only a clash within a folder), and writes the subfolder's
    index last, so its page is served and its ``./datadog`` works (Powertools' docs; a
    helper's trial, built with MkDocs 1.6.1)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: R\n", encoding="utf-8")
    write_site(tmp_path / "docs", {
        "core/metrics.md": "# Metrics\n\n[x](nowhere.md)\n",
        "core/metrics/index.md": "# Index page\n\n[datadog](./datadog)\n",
        "core/metrics/datadog.md": "# Datadog\n",
        "index.md": "# Home\n\n[a](core/metrics/index.md#index-page) [b](core/metrics.md)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA302", "OA303"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    assert [(Path(d.path).name, d.code, d.message.split(";")[0]) for d in found] == [
        ("metrics.md", "OA301", "link target 'nowhere.md' does not exist"),  # built, then hidden
        ("index.md", "OA301", "link target 'core/metrics.md' is not on the built site: the page"
         " is not published (another page has its address)"),
    ]  # fmt: skip


def test_mkdocs_keeps_a_folders_index_over_its_readme(tmp_path):
    """With ``index.md`` and ``README.md`` in one folder, MkDocs 1.6 excludes README.md
    ("it conflicts with 'sub/index.md'"): the folder's address is index.md's (found by a
    helper's routing differential, checked with MkDocs 1.6.1)."""
    found = _missing_files(tmp_path, {
        "index.md": "# Home\n\n[a](sub/index.md) [b](sub/README.md) [c](sub/)\n",
        "sub/index.md": "# Index\n",
        "sub/README.md": "# Read me\n",
    }, "site_name: R\n")  # fmt: skip
    assert [(d.column, d.message) for d in found] == [
        (19, "link target 'sub/README.md' is not on the built site: the page is not published"
             " (another page has its address)"),
    ]  # fmt: skip


I18N = """\
site_name: S
site_url: https://example.org/
plugins:
  - i18n:
      docs_structure: {structure}
      languages:
        - {{locale: en, default: true, name: English}}
        - {{locale: fr, name: Français, build: {french}}}
"""


def _link_findings(root: Path) -> list[str]:
    config = load_config(start=root)
    options = CheckOptions(select=["OA301", "OA302", "OA303"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    where = [Path(d.path).resolve().relative_to(root.resolve()).as_posix() for d in found]
    return [f"{path}:{d.line}:{d.column} {d.code}" for path, d in zip(where, found, strict=True)]


def test_mkdocs_static_i18n_folders_one_build_per_language(tmp_path):
    """mkdocs-static-i18n 1.3 with ``docs_structure: folder``: the default language at
    the site's top, a link found in the page's language first (``../guide.md`` from
    ``en/index.md`` is the English guide), a language with ``build: false`` not built
    nor checked (monero's docs: 4 false alarms; built with MkDocs 1.6.1)."""
    (tmp_path / "mkdocs.yml").write_text(I18N.format(structure="folder", french="false"))
    write_site(tmp_path / "docs", {
        "en/index.md": "# Home\n\n[a](https://example.org/guide/) [b](../guide.md)"
                       " [c](/en/guide/) [d](../fr/guide.md) [e](guide.md)\n",
        "en/guide.md": "# Guide\n",
        "fr/guide.md": "# Guide\n\n[f](nope.md)\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == [
        "docs/en/index.md:3:50 OA303",
        "docs/en/index.md:3:66 OA301",
    ]


@pytest.mark.parametrize(("locale", "served"), [("zh", "sessions.md"), ("fr", "sessions/index.md")])
def test_mkdocs_static_i18n_writes_a_languages_pages_in_the_order_keys_were_first_seen(
    tmp_path, locale, served
):
    """``zh/sessions.md`` and ``zh/sessions/index.md`` both make /zh/sessions/. The
    plugin's Chinese build lists ``sessions/index.md`` where the English one was first
    seen, before the walk reaches ``zh/``, and ``sessions.md`` after it, so
    ``sessions.md`` is written last and served (openai-agents-python's Chinese pages).
    French is walked before ``sessions/``: its own two files come in MkDocs' order, and
    the folder's index is written last. Built with MkDocs 1.6.1 and the plugin 1.3."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nplugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        f"        - {{locale: en, default: true, name: English}}\n"
        f"        - {{locale: {locale}, name: Other}}\n"
    )
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n",
        "sessions/index.md": "# New sessions\n\n## New heading\n",
        f"{locale}/index.md": "# Home\n\n[new](sessions/index.md#new-heading)"
                              " [old](sessions.md#old-heading)\n",
        f"{locale}/sessions.md": "# Old sessions\n\n## Old heading\n",
        f"{locale}/sessions/index.md": "# New sessions\n\n## New heading\n",
    })  # fmt: skip
    column = 1 if served == "sessions.md" else 38  # the link to the page not served
    assert _link_findings(tmp_path) == [f"docs/{locale}/index.md:3:{column} OA301"]


def test_mkdocs_static_i18n_suffixes_and_the_default_languages_pages(tmp_path):
    """The default ``docs_structure: suffix``: ``index.fr.md`` is /fr/, and /fr/guide/ is
    built from the English ``guide.md`` (``fallback_to_default``); a file that is no
    page is not copied (built with MkDocs 1.6.1 and mkdocs-static-i18n 1.3.1)."""
    (tmp_path / "mkdocs.yml").write_text(I18N.format(structure="suffix", french="true"))
    links = "[g](guide.md#setup) [h](guide.md#nope) [i](/fr/guide/) [j](/fr/other/) [k](img.png)"
    write_site(tmp_path / "docs", {
        "index.md": f"# Home\n\n{links}\n",
        "index.fr.md": f"# Accueil\n\n{links} [l](/fr/img.png)\n",
        "guide.md": "# Guide\n\n## Setup\n",
        "img.png": "png",
    })  # fmt: skip
    assert _link_findings(tmp_path) == [
        "docs/index.fr.md:3:21 OA302",
        "docs/index.fr.md:3:56 OA303",
        "docs/index.fr.md:3:85 OA303",
        "docs/index.md:3:21 OA302",
        "docs/index.md:3:56 OA303",
    ]


def test_mkdocs_static_i18n_a_link_to_another_languages_file_is_broken(tmp_path):
    """From an English page, ``guide.fr.md`` names no file of the English build: MkDocs
    warns and leaves the link as written, a 404 (MkDocs 1.6.1, the plugin 1.3.1; the
    third trial of the twenty-fourth session). The French page may name it."""
    (tmp_path / "mkdocs.yml").write_text(I18N.format(structure="suffix", french="true"))
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](guide.fr.md) [b](guide.md)\n",
        "index.fr.md": "# Accueil\n\n[a](guide.fr.md) [b](guide.md)\n",
        "guide.md": "# Guide\n",
        "guide.fr.md": "# Guide\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == ["docs/index.md:3:1 OA301"]
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301"], jobs=1, cache=False)
    (found,) = run_check([], config, options).diagnostics
    assert found.message == (
        "link target 'guide.fr.md' is not on the built site: it is a file of another language,"
        " which this page's language build lacks"
    )


def test_the_hosts_top_written_in_full_is_the_projects_home_not_a_break(tmp_path):
    """freqtrade's site is at https://www.freqtrade.io/en/, and its pages name the project
    as ``https://www.freqtrade.io/``: that host serves or redirects its top, which no
    build of the site holds. Another path of the host that the site has under its base
    path is still a link missing the base path; so is a bare ``/``."""
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nsite_url: https://example.org/en/\n")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](https://example.org/) [b](https://example.org/guide/)\n",
        "guide.md": "# Guide\n\n[c](/)\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == ["docs/guide.md:3:1 OA303", "docs/index.md:3:27 OA303"]


def test_mkdocs_blog_posts_are_listed_by_the_blog_not_the_nav(tmp_path):
    """With a ``nav``, a page it leaves out is an orphan, but the blog plugin's posts are
    listed on its index and archive pages (mkdocs-material's own blog)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: R\ntheme:\n  name: material\nplugins:\n  - blog\n"
        "nav:\n  - index.md\n  - Blog: blog/index.md\n"
    )
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\nWelcome.\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/first.md": "---\ndate: 2024-01-31\n---\n\n# First post\n\nText.\n",
        "lonely.md": "# Lonely\n\nNobody links here.\n",
    })  # fmt: skip
    options = CheckOptions(select=["OA310"], jobs=1, cache=False)
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [d.path.rsplit("/", 2)[-2:] for d in found] == [["docs", "lonely.md"]]


def test_mkdocs_material_blog_posts_live_at_their_dated_addresses(tmp_path):
    """mkdocs-material's blog plugin publishes ``blog/posts/*.md`` at
    ``blog/{yyyy}/{MM}/{dd}/{slug}/``, the slug from front matter ``slug``, ``title``, an
    opening ``# `` line or the file name, and writes category and archive pages; drafts are
    left out. The addresses are those mkdocs-material 9.8.2 built for these very files."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: R\ntheme:\n  name: material\nplugins:\n  - blog\n"
    )
    posts = {
        "first.md": "---\ndate: 2024-01-31\n---\n\n# Hello World! Über\n\nText.\n",
        "second.md": '---\ntitle: "Second: post"\ndate:\n  created: 2023-12-05\n'
        "categories:\n  - Dev Log\n---\n\nText.\n",
        "draft.md": "---\ndate: 2024-02-01\ndraft: true\n---\n\n# Draft\n",
        "third.md": "---\ndate: 2024-02-02 10:30:00\nslug: custom-one\n---\n\n# Ignored\n",
        "my_fourth-post.md": "---\ndate: 2024-03-03\n---\n\nNo heading here.\n",
    }
    for name, text in posts.items():
        (tmp_path / "docs" / "blog" / "posts").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "blog" / "posts" / name).write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "blog" / "index.md").write_text("# Blog\n")
    (tmp_path / "docs" / "index.md").write_text(
        "# Home\n\n[First](blog/posts/first.md), [the log](blog/category/dev-log.md),"
        " [second](/blog/2023/12/05/second-post/), [2024](/blog/archive/2024/),"
        " [gone](/blog/2024/01/31/nope/), [draft](blog/posts/draft.md).\n"
    )
    project = open_project([tmp_path], load_config(start=tmp_path))
    routes = {
        source.name: route.output.file if route.output else route.reason
        for source, route in project.router.site.pages.items()
        if "posts" in source.parts
    }
    assert routes == {
        "draft.md": "a draft (blog plugin)",
        "first.md": "blog/2024/01/31/hello-world-über/index.html",
        "my_fourth-post.md": "blog/2024/03/03/my-fourth-post/index.html",
        "second.md": "blog/2023/12/05/second-post/index.html",
        "third.md": "blog/2024/02/02/custom-one/index.html",
    }
    views = sorted(f for f, o in project.router.site.outputs.items() if o.kind == "generated")
    assert [f for f in views if f.startswith("blog/")] == [
        "blog/archive/2023/index.html", "blog/archive/2024/index.html",
        "blog/category/dev-log/index.html",
    ]  # fmt: skip
    options = CheckOptions(select=["OA301", "OA303"], jobs=1, cache=False)
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [d.message.split(";")[0] for d in found] == [
        "no page or file of this site is served at /blog/2024/01/31/nope/",
        "link target 'blog/posts/draft.md' is not on the built site: the page is not published"
        " (a draft (blog plugin))",
    ]


def test_links_into_a_path_git_ignores_are_not_judged(tmp_path, capsys, monkeypatch):
    """Homebrew's docs link to /rubydoc/, which YARD writes into the ignored docs/rubydoc
    before Jekyll builds: a checkout never has it, so such links are not judged (a note
    counts them). A link into a path git does not ignore still is; a change of .gitignore
    reaches a cached run."""
    from cli_helpers import run

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("/docs/rubydoc\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "_config.yml").write_text("title: T\n")
    (tmp_path / "docs" / "index.md").write_text(
        "---\ntitle: Home\n---\n\n[Formula](/rubydoc/Formula.html), [file](rubydoc/a.html),"
        " [gone](/gone.html).\n"
    )

    def errors(*options: str) -> list[str]:
        ran = run(["check", "--select", "OA301,OA303", "-f", "concise", *options, "docs"],
                  tmp_path, capsys, monkeypatch)  # fmt: skip
        return [line.split(": ", 1)[1][:5] for line in ran.out.splitlines() if ": OA" in line]

    assert errors() == ["OA303"]
    assert "2 links not checked (2 into a path git ignores, which another build step fills)" in (
        run(["check", "--no-cache", "docs"], tmp_path, capsys, monkeypatch).err
    )
    (tmp_path / ".gitignore").write_text("")
    assert errors() == ["OA303", "OA301", "OA303"]
    (tmp_path / ".gitignore").write_text("/docs/rubydoc\n")
    (tmp_path / "openaccess.toml").write_text("respect_gitignore = false\n")
    assert errors("--no-cache") == ["OA303", "OA301", "OA303"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # Material's documented blog at the site's top: posts in docs/posts/.
        ("blog_dir: .", {
            "first.md": "2024/01/31/my-first-post/index.html",
            "future.md": "2099/01/31/future-post/index.html",
            "kept.md": "2099/02/01/kept-post/index.html",
        }),
        ("blog_dir: .\n      post_slugify_separator: _\n      categories_slugify_separator: _",
         {
            "first.md": "2024/01/31/my_first_post/index.html",
            "future.md": "2099/01/31/future_post/index.html",
            "kept.md": "2099/02/01/kept_post/index.html",
        }),
        ("blog_dir: .\n      draft_if_future_date: true", {
            "first.md": "2024/01/31/my-first-post/index.html",
            "future.md": "a draft (blog plugin)",
            "kept.md": "2099/02/01/kept-post/index.html",  # draft: false publishes it
        }),
    ],
)  # fmt: skip
def test_material_blog_at_the_sites_top_with_its_separators_and_future_drafts(
    tmp_path, options, expected
):
    """``blog_dir: .`` puts the blog at the site's top; ``post_slugify_separator`` and
    ``categories_slugify_separator`` join the slugs' words; with ``draft_if_future_date``
    a post dated after the build is a draft unless it says ``draft: false``. The
    addresses are those mkdocs-material 9.8.2 built (trial 21b)."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: R\ntheme:\n  name: material\nplugins:\n  - blog:\n      {options}\n"
    )
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n",
        "posts/first.md": "---\ndate: 2024-01-31\ncategories: [Release Notes]\n---\n\n"
                          "# My first post\n",
        "posts/future.md": "---\ndate: 2099-01-31\n---\n\n# Future post\n",
        "posts/kept.md": "---\ndate: 2099-02-01\ndraft: false\n---\n\n# Kept post\n",
    })  # fmt: skip
    project = open_project([tmp_path], load_config(start=tmp_path))
    routes = {
        source.name: route.output.file if route.output else route.reason
        for source, route in project.router.site.pages.items()
        if "posts" in source.parts
    }
    assert routes == expected
    views = {f for f, o in project.router.site.outputs.items() if o.kind == "generated"}
    separator = "_" if "separator" in options else "-"
    assert f"category/release{separator}notes/index.html" in views
    assert "archive/2024/index.html" in views


def test_each_material_blog_instance_has_its_own_posts(tmp_path):
    """Material (9.2+) runs the blog plugin once per entry, each in its own blog_dir with
    its own settings: ``blog/2024/01/31/my-first-post/`` and ``news/big-news/`` (built
    with Material 9.8.2, trial 21b)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: R\ntheme:\n  name: material\nplugins:\n  - blog:\n      blog_dir: blog\n"
        "  - blog:\n      blog_dir: news\n      post_url_format: '{slug}'\n"
    )
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](blog/2024/01/31/my-first-post/) [b](news/big-news/)"
                    " [c](news/2024/02/01/big-news/)\n",
        "blog/index.md": "# Blog\n",
        "blog/posts/first.md": "---\ndate: 2024-01-31\n---\n\n# My first post\n",
        "news/index.md": "# News\n",
        "news/posts/big.md": "---\ndate: 2024-02-01\n---\n\n# Big news\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    found = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    assert [d.message.split("'")[1] for d in found.diagnostics] == ["news/2024/02/01/big-news/"]


def test_a_blog_url_format_with_a_field_the_plugin_does_not_fill_is_no_crash(tmp_path):
    """``categories_url_format: category/{name}`` or ``post_url_format: {date}/{title}``
    stops mkdocs build (a KeyError in the plugin); openaccess models no address there, and
    goes on."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: R\nplugins:\n  - blog:\n      categories_url_format: category/{name}\n"
        "      post_url_format: '{date}/{title}'\n"
    )
    (tmp_path / "docs" / "blog" / "posts").mkdir(parents=True)
    (tmp_path / "docs" / "blog" / "posts" / "a.md").write_text(
        "---\ndate: 2024-01-31\ncategories: [Dev]\n---\n\n# A\n"
    )
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    project = open_project([tmp_path], load_config(start=tmp_path))
    routes = {s.name: r.output.file for s, r in project.router.site.pages.items() if r.output}
    assert routes["a.md"] == "blog/posts/a/index.html"  # its own path: the format is not met
    assert not any("category" in file for file in project.router.site.outputs)


def test_an_mkdocs_config_of_another_name_and_what_it_inherits(tmp_path):
    """Textual builds with ``mkdocs build -f mkdocs-online.yml``, a file that INHERITs
    mkdocs-common.yml: ``generator_config`` names it, and its settings go over the
    inherited ones as MkDocs merges them (attr_list from the parent: ``{#sizes}`` sets
    an id; the child's docs_dir wins)."""
    (tmp_path / "mkdocs-common.yml").write_text(
        "site_name: T\ndocs_dir: elsewhere\nmarkdown_extensions: [attr_list]\n"
    )
    (tmp_path / "mkdocs-online.yml").write_text("INHERIT: mkdocs-common.yml\ndocs_dir: docs\n")
    (tmp_path / "openaccess.toml").write_text('generator_config = "mkdocs-online.yml"\n')
    write_site(tmp_path / "docs", {"index.md": "# Home\n\n**Sizes**{#sizes}\n\n[Sizes](#sizes)\n"})
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    assert [d.message for d in result.diagnostics] == []
    assert result.files_checked == 1
    # A ProperDocs config of another name is MkDocs' too.
    (tmp_path / "properdocs-online.yml").write_text("INHERIT: mkdocs-common.yml\ndocs_dir: docs\n")
    (tmp_path / "openaccess.toml").write_text('generator_config = "properdocs-online.yml"\n')
    result = run_check([], load_config(start=tmp_path), CheckOptions(select=["OA302"], jobs=1))
    assert (result.diagnostics, result.files_checked) == ([], 1)
    (tmp_path / "openaccess.toml").write_text('generator_config = "mkdocs-online.yml"\n')
    (tmp_path / "mkdocs-common.yml").write_text("INHERIT: mkdocs-online.yml\nsite_name: T\n")
    with pytest.raises(ConfigError, match="inherits from itself"):
        run_check([], load_config(start=tmp_path), CheckOptions(jobs=1, cache=False))
    (tmp_path / "openaccess.toml").write_text('generator_config = "site.yml"\n')
    with pytest.raises(ConfigError) as missing:
        run_check([], load_config(start=tmp_path), CheckOptions(jobs=1, cache=False))
    assert str(missing.value) == (  # the file and the key, as every config error says
        f"{tmp_path / 'openaccess.toml'}: generator_config = 'site.yml': no such file"
        f" (looked for {tmp_path.resolve() / 'site.yml'})"
    )
    # Neither names a file outside the project: a checkout cannot make openaccess read one.
    (tmp_path.parent / "outside.yml").write_text("site_name: X\n")
    (tmp_path / "openaccess.toml").write_text('generator_config = "../outside.yml"\n')
    with pytest.raises(ConfigError, match="is outside the project"):
        run_check([], load_config(start=tmp_path), CheckOptions(jobs=1, cache=False))
    (tmp_path / "openaccess.toml").write_text('generator_config = "mkdocs-online.yml"\n')
    (tmp_path / "mkdocs-online.yml").write_text("INHERIT: ../outside.yml\n")
    with pytest.raises(ConfigError, match=r"INHERIT: \.\./outside\.yml is outside the project"):
        run_check([], load_config(start=tmp_path), CheckOptions(jobs=1, cache=False))


@pytest.mark.parametrize(
    ("plugins", "broken"),
    [
        ("[search, mkdocstrings]", ["pkg.other", "pkg.toolsx", "tools"]),
        (
            "[search]",
            [
                "pkg.other",
                "pkg.tools",
                "pkg.tools--usage",
                "pkg.tools.Tool.run",
                "pkg.toolsx",
                "tools",
            ],
        ),
    ],
)
def test_mkdocstrings_blocks_make_the_objects_ids(tmp_path, plugins, broken):
    """With mkdocstrings, ``::: pkg.tools`` documents the module on the page, each object
    under its full path as id (pydantic's docs link to ``api/config.md#pydantic.config.ConfigDict``
    on a page that has only ``::: pydantic.config``); which members exist only the build
    knows, so links under the path are not judged. Other ids of the page still are."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nplugins: {plugins}\nmarkdown_extensions: [admonition]\n",
        encoding="utf-8",
    )
    write_site(
        tmp_path / "docs",
        {
            "index.md": """
                # Home

                [Module](api.md#pkg.tools), [method](api.md#pkg.tools.Tool.run),
                [a docstring's heading](api.md#pkg.tools--usage),
                [other](api.md#pkg.other), [near](api.md#pkg.toolsx), [tools](api.md#tools).
                """,
            "api.md": """
                # API

                !!! note
                    ::: pkg.tools
                """,
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    missing = sorted(d.message.split("'")[1] for d in result.diagnostics)
    assert missing == broken


@pytest.mark.parametrize(
    ("extensions", "options", "broken"),
    [
        ("[attr_list, mkdocs-click]", "", []),  # the command's name is in its code
        ("[attr_list, mkdocs-click]", "    :prog_name: tool\n", ["other"]),
        ("[mkdocs-click]", "    :prog_name: tool\n", []),  # headings slugged by toc
        ("[attr_list]", "", ["other", "tool", "tool-env-create"]),
    ],
)
def test_mkdocs_click_blocks_make_the_command_ids(tmp_path, extensions, options, broken):
    """mkdocs-click's ``::: mkdocs-click`` block writes a heading for each command, with
    ``attr_list`` under the command's path slugged (``tool``, ``tool-env-create``) from
    the program's name; hatch's CLI reference (82 false alarms, even with mkdocstrings,
    which read the block as an object's path). Built with mkdocs-click 0.8.1."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nplugins: [search, mkdocstrings]\nmarkdown_extensions: {extensions}\n",
        encoding="utf-8",
    )
    links = "[a](cli.md#tool) [b](cli.md#tool-env-create) [c](cli.md#other)"
    block = "::: mkdocs-click\n    :module: mycli\n    :command: cli\n" + options
    write_site(tmp_path / "docs", {"index.md": f"# Home\n\n{links}\n", "cli.md": "# CLI\n\n"})
    with (tmp_path / "docs" / "cli.md").open("a", encoding="utf-8") as page:
        page.write(block)
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    assert sorted(d.message.split("'")[1] for d in result.diagnostics) == broken


def _anchor_findings(root: Path) -> list[str]:
    config = load_config(start=root)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    return sorted(d.message.split("'")[1] for d in result.diagnostics)


HEADINGS = "## Getting started\n\n## Heading with footnote[^1]\n\n[^1]: A note.\n"


@pytest.mark.parametrize(
    ("toc", "broken"),
    [
        ("{separator: _}", ["getting-started", "heading-with-footnote",
                            "heading-with-footnote1", "heading_with_footnote1"]),
        ("{}", ["getting_started", "heading-with-footnote1", "heading_with_footnote",
                "heading_with_footnote1"]),
        ("\n      slugify: !!python/name:myslug.myslug", []),  # only the build knows
    ],
)  # fmt: skip
def test_mkdocs_heading_ids_follow_toc_settings(tmp_path, toc, broken):
    """toc's ``separator`` joins the words of an id, its ``remove_fnrefs`` leaves a
    footnote reference out, and a site's own ``slugify`` names headings as only its
    code knows (found by a helper's differential, checked with MkDocs 1.6.1)."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nmarkdown_extensions:\n  - footnotes\n  - toc: {toc}\n", encoding="utf-8"
    )
    ids = ["getting_started", "getting-started", "heading_with_footnote"]
    ids += ["heading-with-footnote", "heading_with_footnote1", "heading-with-footnote1"]
    links = " ".join(f"[{n}](page.md#{fragment})" for n, fragment in enumerate(ids))
    write_site(tmp_path / "docs", {"index.md": f"# Home\n\n{links}\n", "page.md": HEADINGS})
    assert _anchor_findings(tmp_path) == broken


@pytest.mark.parametrize(
    ("kramdown", "broken"),
    [
        ("", ["heading-with-footnote1", "two-1"]),
        ("kramdown: {input: kramdown}\n", ["heading-with-footnote", "two-1"]),
        ("kramdown: {auto_ids: false}\n", ["getting-started", "heading-with-footnote",
                                           "heading-with-footnote1", "two-1"]),
    ],
)  # fmt: skip
def test_jekyll_heading_ids_follow_kramdown_settings(tmp_path, kramdown, broken):
    """kramdown's GFM parser (Jekyll's default) leaves a footnote reference out of a
    header's id, its own parser keeps the label, and ``auto_ids: false`` gives only the
    ids a header sets itself (found by a helper's differential, built with Jekyll 4.3)."""
    (tmp_path / "_config.yml").write_text(f"title: T\n{kramdown}", encoding="utf-8")
    fragments = ["getting-started", "heading-with-footnote", "heading-with-footnote1"]
    fragments += ["two", "two-1"]
    links = " ".join(f"[{n}](page.html#{fragment})" for n, fragment in enumerate(fragments))
    write_site(tmp_path, {
        "index.md": f"---\n---\n\n{links}\n",
        "page.md": "---\ntitle: P\n---\n\n" + HEADINGS + "\n## Two {#two}\n",
    })  # fmt: skip
    assert _anchor_findings(tmp_path) == broken


@pytest.mark.parametrize(
    ("plugins", "broken"), [("[tags]", ["python-stuff"]), ("[search]", ["python-stuff", "tag:go"])]
)
def test_material_tags_listings_make_the_tag_ids(tmp_path, plugins, broken):
    """Material's tags plugin writes a heading for each tag of the site's pages where a
    page has ``<!-- material/tags -->``, with the id ``tag:<slug>`` (Material 9.7;
    found by a helper's probe)."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\nplugins: {plugins}\n", encoding="utf-8")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](tags.md#tag:go) [b](tags.md#python-stuff)\n",
        "page.md": "---\ntags: [Go]\n---\n\n# Page\n",
        "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    })  # fmt: skip
    assert _anchor_findings(tmp_path) == broken


def test_snippets_nested_sections_and_line_ranges(tmp_path):
    """pymdownx.snippets expands a snippet's own ``--8<--`` lines, and ``file.md:one``
    or ``file.md:2:3`` includes only that section or those lines: their headings are
    the page's, their links are checked, the rest of the file is not (found by a
    helper's differential, built with MkDocs 1.6.1 and pymdown-extensions 10.21)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [includes]\n",
        encoding="utf-8",
    )
    links = "[a](#nested-heading) [b](#section-one-heading) [c](#line-heading) [d](#outside)"
    write_site(tmp_path / "docs", {
        "index.md": '# Home\n\n--8<-- "part.md"\n\n--8<-- "sections.md:one"\n\n'
                    f'--8<-- "lines.md:2:3"\n\n{links}\n',
    })  # fmt: skip
    write_site(tmp_path / "includes", {
        "part.md": '## Part heading\n\n--8<-- "nested.md"\n',
        "nested.md": "### Nested heading\n\n[n](missing-nested.md)\n",
        "sections.md": "# --8<-- [start:one]\n## Section one heading\n[s](missing-section.md)\n"
                       "# --8<-- [end:one]\n## Outside\n[o](not-included.md)\n",
        "lines.md": "line1\n## Line heading\n[l](missing-line.md)\nline4 [x](not-included.md)\n",
    })  # fmt: skip
    assert _link_findings(tmp_path) == [
        "docs/index.md:3:1 OA301",
        "docs/index.md:5:1 OA301",
        "docs/index.md:7:1 OA301",
        "docs/index.md:9:67 OA302",
    ]


def test_a_snippet_inside_a_code_fence_is_pasted_as_code(tmp_path):
    """pymdownx.snippets pastes a file before Markdown reads the page, so a ``--8<--``
    line inside a fence, also one indented in a details block, shows the file as code:
    its links are no links (mkdocstrings-crystal: 3 false alarms; MkDocs 1.5.3 and 1.6.1
    build no ``href="api.md"``). The same snippet outside a fence is checked."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions: [pymdownx.snippets, pymdownx.superfences,"
        " pymdownx.details]\n",
        encoding="utf-8",
    )
    write_site(tmp_path / "examples", {"ex.md": "## Example heading\n\nSee [the API](api.md).\n"})
    write_site(tmp_path / "docs", {
        "index.md": '# Home\n\n```md\n--8<-- "examples/ex.md"\n```\n\n??? example "nested"\n'
                    '    ~~~~md\n    --8<-- "examples/ex.md"\n    ~~~~\n\n[h](#example-heading)\n\n'
                    '--8<-- "examples/ex.md"\n',
    })  # fmt: skip
    assert _link_findings(tmp_path) == ["docs/index.md:14:1 OA301"]


def test_mkdocs_ids_of_blocks_fences_and_table_cells(tmp_path):
    """pymdownx.blocks' ``attrs`` (``<div id="block-adm">``), a superfences fence's ``{ #id
    }`` after its language, and attr_list ending a table cell (``<td id="cell-id">``), as
    MkDocs 1.6.1 with pymdown-extensions 10.21 builds them (found by a helper's
    differential)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions: [attr_list, tables, pymdownx.superfences,"
        " pymdownx.blocks.admonition, pymdownx.blocks.details]\n",
        encoding="utf-8",
    )
    ids = ["block-adm", "block-det", "code-id", "cell-id", "nope"]
    links = " ".join(f"[{n}](page.md#{fragment})" for n, fragment in enumerate(ids))
    write_site(tmp_path / "docs", {
        "index.md": f"# Home\n\n{links}\n",
        "page.md": "# Page\n\n/// admonition | Block title\n    attrs: {id: block-adm}\n\n"
                   "Block content.\n///\n\n/// details | Details\n    attrs:\n      id: block-det\n"
                   "\nHidden.\n///\n\n```python { #code-id }\nprint(1)\n```\n\n"
                   "| Col | B |\n|-----|---|\n| x { #cell-id } | y |\n",
    })  # fmt: skip
    assert _anchor_findings(tmp_path) == ["nope"]


@pytest.mark.parametrize("generator", ["mkdocs", "jekyll", "hugo"])
def test_a_pipe_in_a_code_span_of_a_table_cell(tmp_path, generator):
    """Python-Markdown and kramdown keep a ``|`` inside a code span in its cell; GFM
    (Hugo's goldmark) ends the cell there, and drops the row's extra cell. The rest of
    the row, with its link, was lost on MkDocs (tasmota's docs). Built with MkDocs 1.6.1
    and Jekyll 4.3 (kramdown 2.4): `` ``a`|b`` `` is one span; after an unclosed backtick
    the pipe ends the cell, and Python-Markdown drops the extra cell."""
    config = {"mkdocs": "mkdocs.yml", "jekyll": "_config.yml", "hugo": "hugo.toml"}[generator]
    (tmp_path / config).write_text("title: T\n" if generator != "hugo" else 'title = "T"\n')
    pages = {"mkdocs": "docs", "jekyll": ".", "hugo": "content"}[generator]
    rows = "Pin | Set `pin{,up|down}` then [see](missing-a.md)\nTwo | ``a`|b`` [l2](missing-b.md)\n"
    if generator != "jekyll":  # kramdown keeps the extra cell: see docs/link-accuracy.md
        rows += "Open | a `b | c [l3](missing-c.md)\n"
    table = "Command | Meaning\n--------|--------\n" + rows
    write_site(tmp_path / pages, {"index.md": f"---\n---\n# Home\n\n{table}"})
    found = [line.split(" ")[0].rsplit("/", 1)[-1] for line in _link_findings(tmp_path)]
    if generator == "hugo":  # goldmark: the cell ends at the first pipe; the rest is dropped
        assert found == []
    else:
        assert found == ["index.md:7:32", "index.md:8:16"]


@pytest.mark.parametrize("toc", ["* TOC\n{:toc}\n", ""])
def test_a_kramdown_table_of_contents_has_ids(tmp_path, toc):
    """kramdown's ``{:toc}`` list is ``<ul id="markdown-toc">``, and each of its links has
    the id ``markdown-toc-<header id>`` (built with Jekyll 4.3; found by a helper's
    differential)."""
    (tmp_path / "_config.yml").write_text("title: T\n", encoding="utf-8")
    write_site(tmp_path, {
        "index.md": "---\n---\n\n[a](page.html#markdown-toc) [b](page.html#markdown-toc-part)\n",
        "page.md": f"---\ntitle: P\n---\n\n{toc}\n## Part\n",
    })  # fmt: skip
    assert _anchor_findings(tmp_path) == ([] if toc else ["markdown-toc", "markdown-toc-part"])


def test_jekyll_optional_front_matter_makes_pages_of_collection_files(tmp_path):
    """jekyll-optional-front-matter makes a page of every Markdown file without front
    matter that Jekyll lists as a static file, those of collections too, written or not:
    at the file's own path (``/_specs/v1/part.html``), the written collection keeping its
    copy (``/specs/v1/part.md``). Built with Jekyll 4.3; the Language Server Protocol's
    site has 160 such pages, whose 92 broken links were never checked."""
    (tmp_path / "_config.yml").write_text(
        "title: T\nplugins: [jekyll-optional-front-matter]\ncollections:\n"
        "  specs: {output: true, permalink: '/:collection/:path/'}\n  notes: {output: false}\n"
    )
    write_site(tmp_path, {
        "_specs/v1/part.md": "## Part\n\n[x](#nope)\n",
        "_notes/n.md": "# Note\n\n[y](#nope2)\n",
        "index.md": "---\ntitle: Home\n---\n\n[a](/_specs/v1/part.html#part) [b](/specs/v1/part.md)"
                    " [c](/_notes/n.html) [d](/notes/n.md) [e](/_specs/v1/part.html#zzz)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302", "OA303"], jobs=1, cache=False))
    assert [f"{Path(d.path).name}:{d.line} {d.code}" for d in result.diagnostics] == [
        "n.md:3 OA302",
        "part.md:3 OA302",
        "index.md:5 OA303",
        "index.md:5 OA302",
    ]


def test_relative_links_rewrite_a_page_made_of_a_collection_file(tmp_path):
    """A collection file jekyll-optional-front-matter makes a page of is a page to
    jekyll-relative-links, which rewrites its ``main.md`` links (the Language Server
    Protocol's LSIF parts: 6 false alarms; built with Jekyll 4.3, found by a helper's
    re-measurement)."""
    (tmp_path / "_config.yml").write_text(
        "plugins: [jekyll-optional-front-matter, jekyll-relative-links]\ncollections:\n"
        "  things: {output: true, permalink: '/:collection/:path/'}\n"
    )
    write_site(tmp_path, {
        "_things/main.md": "---\ntitle: Main\n---\n\n## Location\n",
        "_things/part.md": "# Part\n\n[a](main.md) [b](main.md#location) [c](main.md#nowhere)\n",
        "index.md": "---\ntitle: Home\n---\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA302"], jobs=1, cache=False)
    result = run_check([], config, options)
    assert [d.message for d in result.diagnostics] == [
        "no heading or id 'nowhere' in _things/main.md"
    ]


@pytest.mark.parametrize(
    ("script", "findings"),
    [
        (
            'location="{{ page.redirect.to }}"',
            ["/old.html only redirects", "/old.html only redirects"],
        ),
        (
            'location="{{ page.redirect.to }}".concat(location.hash)',
            ["no heading or id 'nope' in new.md"],
        ),
    ],
)
def test_a_jekyll_sites_own_redirect_layout_may_keep_the_fragment(tmp_path, script, findings):
    """jekyll-redirect-from writes its pages with the site's ``redirect`` layout when there
    is one; the Language Server Protocol's adds ``location.hash`` to the address, so a
    fragment reaches the new page and is judged there (41 false alarms on that site)."""
    (tmp_path / "_config.yml").write_text("title: T\nplugins: [jekyll-redirect-from]\n")
    write_site(tmp_path, {
        "_layouts/redirect.html": f"<!DOCTYPE html>\n<script>{script}</script>\n",
        "new.md": "---\ntitle: New\nredirect_from: /old.html\n---\n\n## Part\n",
        "index.md": "---\ntitle: Home\n---\n\n[a](/old.html#part) [b](/old.html#nope)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    assert [d.message.split(",")[0] for d in result.diagnostics] == findings


def test_an_include_relative_in_an_include_is_read_beside_the_page(tmp_path):
    """Jekyll reads ``{% include_relative %}`` from the page's folder, also when an
    ``_includes`` file holds it (``IncludeRelativeTag#page_path``): sass-guidelines'
    pages pull in their chapters so (252 files never checked; found by a helper's
    trial, built with Jekyll 4.3)."""
    (tmp_path / "_config.yml").write_text("title: T\n")
    write_site(tmp_path, {
        "_includes/layout/chapters.html": "{% include_relative _syntax.md %}\n",
        "ko/_syntax.md": "## Syntax\n\n[a](#maps) [b](nothere.html) [c](#syntax)\n",
        "ko/index.md": "---\ntitle: Ko\n---\n\n{% include layout/chapters.html %}\n\n"
                       "[d](#syntax)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA302"], jobs=1, cache=False)
    result = run_check([], config, options)
    assert sorted(d.message.split("'")[1] for d in result.diagnostics) == ["maps", "nothere.html"]


def test_links_in_liquid_and_kramdown_comments_are_not_built(tmp_path):
    """Jekyll builds nothing of ``{% comment %}`` (a block or within a line), and kramdown
    writes ``{::comment}`` as an HTML comment: their links are no page's (built with Jekyll
    4.3; found by a helper's probe). ``{% raw %}`` is built, and checked. Jekyll runs
    Liquid over an HTML page too: uswds-site's ``download.html`` keeps a note for its
    writers in a comment, whose passive OA507 reported."""
    (tmp_path / "_config.yml").write_text("title: T\n")
    write_site(tmp_path, {
        "index.md": "---\ntitle: Home\n---\n\n## Visible\n\n{% comment %}\n"
                    "[a](/missing-comment/) [b](#gone)\n{% endcomment %}\n\n{::comment}\n"
                    "[c](/missing-kcomment/)\n{:/comment}\n\n"
                    "Inline {% comment %}[d](/missing-inline/){% endcomment %} and"
                    " {% raw %}[e](/missing-raw/){% endraw %}.\n",
        "page.html": "---\ntitle: Page\n---\n{% comment %}\n"
                     "<a href=\"/missing-html-comment/\">f</a>\n{% endcomment %}\n"
                     "<p><a href=\"/missing-html/\">g</a></p>\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302", "OA303"], jobs=1, cache=False))
    assert [d.message.split(" (")[0] for d in result.diagnostics] == [
        "no page or file of this site is served at /missing-raw/",
        "no page or file of this site is served at /missing-html/",
    ]


def test_a_dated_file_name_dates_any_jekyll_document(tmp_path):
    """A collection document's file name may start with its date, as a post's does
    (document.rb populate_title): it fills ``:year``, and the rest ``:title`` and
    ``:slug``; ``:name`` is the whole file name (built with Jekyll 4.3; found by a
    helper's probe)."""
    (tmp_path / "_config.yml").write_text(
        "title: T\ncollections:\n  talks: {output: true, permalink: '/talks/:title/'}\n"
        "  notes: {output: true, permalink: '/notes/:year/:slug/:name/'}\n"
    )
    write_site(tmp_path, {
        "_posts/2020-01-02-hola.md": "---\ntitle: P\npermalink: /p/:name/\n---\n",
        "_talks/2020-01-02-some-talk.md": "---\ntitle: Talk\n---\n",
        "_notes/2019-05-06-first-note.md": "---\ntitle: Note\n---\n",
        "index.md": "---\ntitle: H\n---\n\n[a](/talks/some-talk/)"
                    " [b](/notes/2019/first-note/2019-05-06-first-note/) [c](/p/2020-01-02-hola/)"
                    " [d](/talks/2020-01-02-some-talk/)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA303"], jobs=1, cache=False))
    assert [d.message.split(" served at ")[1] for d in result.diagnostics] == [
        "/talks/2020-01-02-some-talk/"
    ]


def test_comments_end_at_their_end_tag_and_raw_keeps_them_as_text(tmp_path):
    """A ``{% comment %}`` never closed is Liquid's error, not the rest of the page
    hidden; one inside ``{% raw %}`` is text (a page that shows Liquid); a ``<div>``
    inside an HTML comment does not end the comment (found in review)."""
    (tmp_path / "_config.yml").write_text("title: T\n")
    write_site(tmp_path, {
        "index.md": "---\ntitle: Home\n---\n\n"
                    "Write `{% raw %}{% comment %}{% endraw %}` to hide text. [a](/missing-a/)\n\n"
                    "<!--\n<div class=\"old\">\n</div>\n[retired](/retired/)\n-->\n\n"
                    "{% comment %} never closed [b](/missing-b/)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA303"], jobs=1, cache=False))
    assert [d.message.split(" served at ")[1] for d in result.diagnostics] == [
        "/missing-a/",
        "/missing-b/",
    ]


def test_jekyll_post_url_names_a_post_in_a_folder(tmp_path):
    """``{% post_url es/2020-01-02-hola %}`` is ``_posts/es/2020-01-02-hola.md`` or
    ``es/_posts/2020-01-02-hola.md`` (Jekyll 4.3's PostComparer; Jekyll's docs, "Linking
    to posts"); a name without its folder still finds the post, as Jekyll's deprecated
    fallback does (built with Jekyll 4.3; found by a helper's probe)."""
    (tmp_path / "_config.yml").write_text("title: T\n")
    write_site(tmp_path, {
        "_posts/es/2020-01-02-hola.md": "---\ntitle: Hola\n---\n\n## Uno\n",
        "fr/_posts/2020-01-03-salut.md": "---\ntitle: Salut\n---\n\n## Un\n",
        "index.md": "---\ntitle: Home\n---\n\n"
                    "[a]({% post_url es/2020-01-02-hola %}#uno)"
                    " [b]({% post_url fr/2020-01-03-salut %}#un)"
                    " [c]({% post_url es/2020-01-02-hola %}#dos)"
                    " [d]({% post_url 2020-01-02-hola %}) [e]({% post_url es/2020-01-09-nada %})\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302", "OA303"], jobs=1, cache=False))
    assert [(d.code, d.message.split(" (")[0]) for d in result.diagnostics] == [
        ("OA302", "no heading or id 'dos' in _posts/es/2020-01-02-hola.md"),
        ("OA303", "no page or file of this site is served at post es/2020-01-09-nada"),
    ]


def test_liquid_in_a_jekyll_attribute_may_hold_the_attributes_quotes(tmp_path):
    """Liquid runs before the HTML is read: ``href="{{ "/x/" | relative_url }}"`` is one
    address, as is the single-quoted mirror (jekyllrb-ja's docs: 18 links never checked;
    built with Jekyll 4.3, found by a helper's trial)."""
    (tmp_path / "_config.yml").write_text("title: T\n")
    write_site(tmp_path, {
        "docs/target.md": "---\ntitle: T\n---\n\n## Real heading\n",
        "index.md": "---\ntitle: Home\n---\n\n<div>\n"
                    '<a href="{{ "/docs/target.html#real-heading" | relative_url }}">a</a>\n'
                    '<a href="{{ "/docs/missing/" | relative_url }}">b</a>\n'
                    "<a href='{{ '/docs/missing2/' | relative_url }}'>c</a>\n</div>\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302", "OA303"], jobs=1, cache=False))
    assert [d.message.split(" served at ")[1] for d in result.diagnostics] == [
        "/docs/missing/",
        "/docs/missing2/",
    ]


def test_a_raw_html_block_ends_at_its_end_tag_in_kramdown(tmp_path):
    """kramdown ends a raw block tag at its end tag, and reads the next line as Markdown
    (``</div>`` then ``## Heading``: jekyllcn's docs; a one-line ``<p ...></p>`` then a
    heading: publiccode.net's standard; built with Jekyll 4.3, found by a helper's
    trial). CommonMark's HTML block would run on to the next blank line."""
    (tmp_path / "_config.yml").write_text("title: T\n")
    write_site(tmp_path, {
        "index.md": "---\ntitle: Home\n---\n\n<div class=\"note\">\n  <p>A note.</p>\n</div>\n"
                    "## After the div\n\n<p style=\"page-break-after: always;\"></p>\n"
                    "## After the p\n\n[a](#after-the-div) [b](#after-the-p) [c](#nope)\n"
                    "<div>x</div>\n[d](/missing/)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302", "OA303"], jobs=1, cache=False))
    assert [d.message.split(" (")[0] for d in result.diagnostics] == [
        "no heading or id 'nope' on this page",
        "no page or file of this site is served at /missing/",
    ]


def test_a_kramdown_ial_above_a_block_waits_past_blank_lines(tmp_path):
    """kramdown gives an IAL line to the next block however many blank lines come
    between: ``{: auto_ids}`` then a blank line gives a definition list's terms their
    ids, and ``{: #custom-e}`` above a heading is its only id (built with Jekyll 4.3;
    the Carpentries' Spanish glossary: 40 false alarms; found by a helper's trial)."""
    (tmp_path / "_config.yml").write_text("title: T\nmarkdown: kramdown\n")
    write_site(tmp_path, {
        "index.md": "---\ntitle: Glossary\n---\n\n## Glosario\n\n{: auto_ids}\n\n"
                    "argumento\n: A value; see [p](#parmetro).\n\nparámetro\n: See [a](#argumento)."
                    "\n\n{: #custom-e}\n\n## Heading E\n\n[c](#custom-e) [e](#heading-e)\n",
    })  # fmt: skip
    assert _anchor_findings(tmp_path) == ["heading-e"]


def test_kramdown_ials_below_lists_and_tables_set_their_ids(tmp_path):
    """``{: #id}`` right below a list (lazy, at the line start) names the list, one
    indented into the list item names its paragraph, one below a table names the table
    (built with Jekyll 4.3 and kramdown 2.4: ``<ul id="lazy">``, ``<p id="item">``,
    ``<table id="table">``). CommonMark reads the last as a table row."""
    (tmp_path / "_config.yml").write_text("title: T\nmarkdown: kramdown\n", encoding="utf-8")
    links = " ".join(f"[{name}](#{name})" for name in ("lazy", "item", "table", "ordered", "nope"))
    write_site(tmp_path, {
        "index.md": "---\ntitle: T\n---\n\n* one\n* two\n{: #lazy}\n\n* three\n  {: #item}\n\n"
                    "| a | b |\n|---|---|\n| 1 | 2 |\n{: #table}\n\n1. x\n2. y\n{: #ordered}\n\n"
                    f"{links}\n",
    })  # fmt: skip
    assert _anchor_findings(tmp_path) == ["nope"]


@pytest.mark.parametrize(
    ("plugin", "unknown"),
    [
        ("offline", ["/sub/page/"]),
        ("material/offline", ["/sub/page/"]),
        ("offline:\n      enabled: false", ["/sub/page.html"]),
    ],
)
def test_materials_offline_plugin_turns_directory_urls_off(tmp_path, plugin, unknown):
    """Material's ``offline`` plugin sets ``use_directory_urls: false``, so pages are
    served at ``sub/page.html`` (built with MkDocs 1.6.1 and Material 9.8; found by a
    helper's probe)."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\nplugins:\n  - {plugin}\n")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](/sub/page.html) [b](sub/page.md) [c](/sub/page/)\n",
        "sub/page.md": "# Page\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA303"], jobs=1, cache=False))
    assert [d.message.split(" served at ")[1].split(";")[0] for d in result.diagnostics] == unknown


@pytest.mark.parametrize(
    "validation",
    ["  links:\n    absolute_links: relative_to_docs\n", "  absolute_links: relative_to_docs\n"],
)
def test_mkdocs_absolute_links_relative_to_docs_also_set_right_under_validation(
    tmp_path, validation
):
    """MkDocs passes ``validation: {absolute_links: ...}`` down to ``links``: ``/sub/page.md``
    is then a page of ``docs_dir`` (MkDocs 1.6.1 writes ``sub/page/``; found by a helper's
    probe)."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\nvalidation:\n{validation}")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](/sub/page.md) [b](/sub/missing.md)\n",
        "sub/page.md": "# Page\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301", "OA303"], jobs=1, cache=False))
    assert [(d.line, d.column) for d in result.diagnostics] == [(3, 19)]


@pytest.mark.parametrize("folder", [".", "docs"])
def test_without_a_generator_or_pages_folder_links_are_read_as_github_shows_them(
    tmp_path, folder, monkeypatch
):
    """A repository's docs with no generator and no pages folder are read on GitHub,
    where a link to a folder shows it, and hidden folders, ``/``-paths from the top and
    files beside the folder checked are all there (cli/cli's docs: 11 false alarms, found
    by a helper's trial). What is on disk nowhere is still reported."""
    (tmp_path / ".git").mkdir()
    write_site(tmp_path, {
        "src/sub/main.go": "package main\n",
        ".github/CONTRIBUTING.md": "# Contributing\n",
        "README.md": "# Project\n\n[s](src/) [t](src/sub) [c](.github/CONTRIBUTING.md)"
                     " [n](nope.md)\n",
        "docs/guide.md": "# Guide\n\n[s](../src) [c](/.github/CONTRIBUTING.md) [r](../README.md)"
                         " [n](../nope.md) [o](../../outside.md)\n",
    })  # fmt: skip
    monkeypatch.chdir(tmp_path)
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA303"], jobs=1, cache=False)
    result = run_check([tmp_path / folder], config, options)
    found = [f"{Path(d.path).name}:{d.column} {d.code}" for d in result.diagnostics]
    readme = [] if folder == "docs" else ["README.md:53 OA301"]
    assert found == [*readme, "guide.md:61 OA301", "guide.md:77 OA301"]


def test_attr_list_names_a_definition_lists_term(tmp_path):
    """attr_list puts a list ending a term on its ``<dt>``, not one ending a definition
    (Python-Markdown 3.11 with def_list; found by a helper's probe)."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions: [attr_list, def_list]\n"
    )
    links = " ".join(f"[{name}](#{name})" for name in ("dt-id", "dd-id", "two", "after-blank"))
    write_site(tmp_path / "docs", {
        "index.md": f"# Home\n\n{links}\n\nTerm {{ #dt-id }}\n:   Definition {{ #dd-id }}\n\n"
                    "One\nTwo { #two }\n:   Both terms\n:   A second definition { #no }\n\n"
                    "Spaced { #after-blank }\n\n:   After a blank line\n",
    })  # fmt: skip
    assert _anchor_findings(tmp_path / "docs") == ["dd-id"]


def test_an_upper_case_md_suffix_is_a_file_to_mkdocs(tmp_path):
    """MkDocs builds ``.md`` pages only in lower case (``is_markdown_file``): NOTES.MD is
    copied as it is, so its own links are never built and ``NOTES/`` is no page (MkDocs
    1.6.1; found by a helper's probe)."""
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[as a file](NOTES.MD) and [as a page](NOTES/)\n",
        "NOTES.MD": "# Notes\n\n[x](nope.md)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    assert [(Path(d.path).name, d.column) for d in result.diagnostics] == [("index.md", 27)]


def test_attribute_lists_after_pymdownx_spans_set_ids(tmp_path):
    """``CSS^†^{#\\_fn_1}`` (pymdown-extensions' own docs): attr_list puts the id on the
    ``<sup>`` that pymdownx.caret makes, as on any inline element; so do ~sub~, ==mark==,
    ^^ins^^ and ++keys++. ``a^ b^`` is no span, so its list sets nothing."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions: [attr_list, pymdownx.caret, pymdownx.tilde,"
        " pymdownx.mark, pymdownx.keys]\n",
        encoding="utf-8",
    )
    links = " ".join(f"[{name}](#{name})" for name in ("_a", "f", "g", "h", "i", "j"))
    write_site(
        tmp_path / "docs",
        {"index.md": f"# T\n\n{links}\n\nCSS^x^{{#\\_a}} H~2~{{#f}}O ==m=={{#g}} ^^i^^{{#h}}"
                     " ++ctrl+c++{ #i } a^ b^{#j}\n"},
    )  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    assert [d.message.split("'")[1] for d in result.diagnostics] == ["j"]


@pytest.mark.parametrize(
    ("extensions", "missing"),
    [("[attr_list, pymdownx.emoji]", ["three"]), ("[attr_list]", ["one", "two", "three"])],
)
def test_attribute_lists_after_emoji_shortcodes_set_ids(tmp_path, extensions, missing):
    """``:smile:{#one}`` (krux's docs: 10 false alarms): with pymdownx.emoji, attr_list
    puts the id on the emoji's ``<img>`` or ``<span>`` (MkDocs 1.6.1, pymdown-extensions
    13.1.2 write ``<img alt="😄" class="emojione" id="one"``); without it the shortcode
    is text and so is the list. ``Text: {#three}`` ends in no shortcode."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: r\nmarkdown_extensions: {extensions}\n")
    write_site(tmp_path / "docs", {
        "index.md": "# Home\n\n[a](#one) [b](#two) [c](#three)\n\n:smile:{#one} First.\n\n"
                    ':warning:{ id="two" } Second.\n\nText: {#three}\n',
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    assert [d.message.split("'")[1] for d in result.diagnostics] == missing


@pytest.mark.parametrize(
    ("extensions", "found"), [("[def_list]", True), ("[extra]", True), ("[]", False)]
)
def test_mkdocs_definition_bodies_hold_markdown(tmp_path, extensions, found):
    """With def_list (alone or through ``extra``), a definition's indented paragraphs are
    Markdown in MkDocs (Python-Markdown's reference.md puts links there); without it they
    are code. A ``: `` line inside a code fence stays code."""
    found_lines = _missing_files(
        tmp_path,
        {
            "index.md": """
                # Home

                __extensions__

                :   A list of [extensions](extnsions.md).

                    Use the [configs](confgs.md) keyword.

                        code [not a link](x.md)

                ```sh
                : ${DIR:=docs}
                    [in a fence](fence.md)
                ```
                """,
        },
        f"site_name: T\nmarkdown_extensions: {extensions}\n",
    )
    expected = [
        "5:15 link target 'extnsions.md' does not exist",
        "7:13 link target 'confgs.md' does not exist",
    ]
    assert _positions(found_lines) == (expected if found else expected[:1])
    page = Page.from_text(tmp_path / "docs/index.md", (tmp_path / "docs/index.md").read_text())
    fences = [t.content for t in replace(page, dialect="mkdocs").tokens if t.type == "fence"]
    assert fences == [": ${DIR:=docs}\n    [in a fence](fence.md)\n"]


def test_an_admonition_body_indented_with_a_tab_is_markdown(tmp_path):
    """Python-Markdown reads a tab of indentation as four spaces: a body indented with a
    tab after a blank line is the admonition's Markdown (nodemcu's docs; checked with
    Python-Markdown 3.11)."""
    found = _missing_files(
        tmp_path,
        {"index.md": "# H\n\n!!! Warning\n\n\tTab: [x](gone.md)\n"},
        "site_name: T\nmarkdown_extensions: [admonition]\n",
    )
    assert [(d.line, d.column, d.message) for d in found] == [
        (5, 7, "link target 'gone.md' does not exist")
    ]


@pytest.mark.parametrize(("extensions", "found"), [("[admonition]", True), ("[]", False)])
def test_mkdocs_admonitions_details_and_tabs_hold_markdown(tmp_path, extensions, found):
    """With admonition (or pymdownx.details/tabbed), an indented block body is Markdown in
    MkDocs, so its links are checked at their true lines; without it, CommonMark's."""
    found_lines = _missing_files(
        tmp_path,
        {
            "index.md": """
                # Home

                !!! note "Read this"
                    See [the guide](gide.md).

                    ??? tip
                        And [the setup](setup.md).

                === "Tab"

                    A [tab link](tabs.md).

                        code [not a link](x.md)
                """,
            "setup.md": "# Setup\n",
        },
        f"site_name: T\nmarkdown_extensions: {extensions}\n",
    )
    expected = [
        "4:9 link target 'gide.md' does not exist",
        "11:7 link target 'tabs.md' does not exist",
    ]
    # Without the extension CommonMark still reads the first body line as a continuation
    # of the marker's paragraph; the bodies after a blank line are code.
    assert _positions(found_lines) == (expected if found else expected[:1])


@pytest.mark.parametrize(("extensions", "found"), [("[md_in_html]", True), ("[]", False)])
def test_md_in_html_tags_hold_markdown_from_their_next_line(tmp_path, extensions, found):
    """With md_in_html, ``<figure markdown>`` holds Markdown even on the line right after
    it (pymdown-extensions' docs); CommonMark reads that line as raw HTML. The tag's own
    id still counts, and a tag without ``markdown`` stays raw HTML."""
    found_lines = _missing_files(
        tmp_path,
        {
            "index.md": """
                # Home

                <figure markdown id="fig">
                ![one](gone.png)
                </figure>

                <div class="x">
                [raw](raw.md)
                </div>

                [fig](#fig)
                """,
        },
        f"site_name: T\nmarkdown_extensions: {extensions}\n",
    )
    expected = ["4:1 image 'gone.png' does not exist"]
    assert _positions(found_lines) == (expected if found else [])
    config = load_config(start=tmp_path)
    assert (
        run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False)).diagnostics == []
    )


@pytest.mark.parametrize(("extensions", "missing"), [("[md_in_html]", []), ("[]", ["setup_1"])])
def test_toc_makes_a_heading_id_unique_against_an_md_in_html_tags_id(tmp_path, extensions, missing):
    """Python-Markdown's toc makes a heading's id unique against the ids of its tree:
    ``<div id="setup" markdown>`` is an element there, so ``## Setup`` gets ``setup_1``
    (checked with MkDocs 1.6.1 and Python-Markdown 3.11, trial 21b). A raw ``<div>``
    without md_in_html is no element of the tree: the heading is ``setup``."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\nmarkdown_extensions: {extensions}\n", encoding="utf-8"
    )
    write_site(
        tmp_path / "docs",
        {"index.md": '<div id="setup" markdown="1">\nA block.\n</div>\n\n## Setup\n\n'
                     "[to the heading](#setup_1) [to the div](#setup) [ids](#setup)\n"},
    )  # fmt: skip
    config = load_config(start=tmp_path)
    found = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False)).diagnostics
    assert sorted({d.message.split("'")[1] for d in found}) == missing
    # markdown="0" keeps the tag raw HTML: no element of the tree, so the heading is setup.
    write_site(
        tmp_path / "docs",
        {"index.md": '<div id="setup" markdown="0">\nA block.\n</div>\n\n## Setup\n\n'
                     "[to the heading](#setup_1)\n"},
    )  # fmt: skip
    found = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False)).diagnostics
    assert [d.message.split("'")[1] for d in found] == ["setup_1"]


@pytest.mark.parametrize(("mkdocs", "broken"), [(True, "gone.md"), (False, "gide.md")])
def test_a_reference_defined_twice_goes_where_the_generator_sends_it(tmp_path, mkdocs, broken):
    """CommonMark keeps a label's first definition; Python-Markdown (MkDocs) keeps the
    last, so on an MkDocs site the link goes to the second address."""
    if mkdocs:
        (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    write_site(
        tmp_path / ("docs" if mkdocs else "pages"),
        {
            "index.md": """
                # Home

                Read [the guide][guide] and [the setup][Setup].

                [guide]: gide.md
                [setup]: setup.md
                [Guide]: gone.md
                """,
            "setup.md": "# Setup\n",
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    assert _positions(result.diagnostics) == [f"3:6 link target '{broken}' does not exist"]


@pytest.mark.parametrize("hooks", ["hooks: [hooks/shortcodes.py]", ""])
def test_ids_a_sites_hooks_make_from_comments_are_counted_not_reported(tmp_path, hooks):
    """mkdocs-material's own hook turns ``<!-- md:setting config.lang -->`` into the id
    ``config.lang``: with ``hooks`` in mkdocs.yml such a fragment is not checked (and
    counted); a misspelt one names no comment and is still reported; the page linked to
    is no orphan. Without hooks, a comment makes no id."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\n{hooks}\n", encoding="utf-8")
    write_site(
        tmp_path / "docs",
        {
            "index.md": """
                # Home

                Set [the language](search.md#config.lang), not [this](search.md#config.lnag).
                See [the blog's authors](blog.md#meta.authors).
                """,
            "search.md": "# Search\n\n#### <!-- md:setting config.lang -->\n\nThe language.\n",
            "blog.md": "# Blog\n\n#### <!-- md:setting meta.authors -->\n\nWho wrote it.\n",
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302", "OA310"], jobs=1, cache=False))
    messages = [f"{Path(d.path).name} {d.message.split(';')[0]}" for d in result.diagnostics]
    unchecked = [n for n in result.notes if "not checked" in n]
    if hooks:
        assert messages == ["index.md no heading or id 'config.lnag' in docs/search.md"]
        assert unchecked == [
            "2 links not checked (2 an id the site's hooks make from a comment);"
            " --verbose lists them"
        ]
    else:
        assert messages == [
            "index.md no heading or id 'config.lang' in docs/search.md",
            "index.md no heading or id 'config.lnag' in docs/search.md",
            "index.md no heading or id 'meta.authors' in docs/blog.md",
        ]
        assert unchecked == []


_WITH_HOOKS = "site_name: T\nhooks: [hooks/shortcodes.py]\n"


def _positions(diagnostics: list[Diagnostic]) -> list[str]:
    """``line:column`` and the message up to its first ";" (the hint after it varies)."""
    return [f"{d.line}:{d.column} {d.message.split(';')[0]}" for d in diagnostics]


def _missing_files(tmp_path: Path, pages: dict[str, str], mkdocs_yml: str) -> list[Diagnostic]:
    """OA301's findings on an MkDocs site (``mkdocs_yml``) whose docs/ holds ``pages``."""
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    write_site(tmp_path / "docs", pages)
    config = load_config(start=tmp_path)
    return run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False)).diagnostics


@pytest.mark.parametrize("hooks", ["hooks: [hooks/shortcodes.py]", ""])
def test_links_a_sites_hooks_make_from_comments_are_checked_at_their_definition(tmp_path, hooks):
    """mkdocs-material's hook turns ``<!-- md:plugin [typeset] -->`` into a link through
    the page's ``[typeset]: typeset.md``, which Markdown alone leaves unused: with
    ``hooks`` in mkdocs.yml a missing target is reported at the definition (labels match
    as Markdown matches them); a definition a Markdown link uses is reported once, at the
    link. Without hooks, an unused definition links nothing."""
    found = _missing_files(
        tmp_path,
        {
            "index.md": """
                # Plugins

                <!-- md:plugin [typeset] – built-in -->
                <!-- md:plugin [meta][Built-in  Meta plugin] -->
                <!-- md:plugin [blog] -->

                Read about [the blog][blog] first.

                  [typeset]: typeset.md
                  [built-in meta plugin]: meta.md
                  [blog]: blog.md
                  [unused]: nowhere.md
                """,
            "meta.md": "# Meta\n",
        },
        f"site_name: T\n{hooks}\n",
    )
    lines = _positions(found)
    if hooks:
        assert lines == [
            "7:12 link target 'blog.md' does not exist",
            "9:14 link target 'typeset.md' does not exist",
        ]
    else:
        assert lines == ["7:12 link target 'blog.md' does not exist"]


def test_links_a_sites_hooks_make_are_not_read_from_code_examples(tmp_path):
    """A page that shows the comment markup in a code block defines nothing there: the
    definition in the fence is an example, not a link (Markdown does not read it), while
    the same markup outside code is still checked."""
    found = _missing_files(
        tmp_path,
        {
            "index.md": """
                # Plugins

                ```markdown
                <!-- md:plugin [typeset] -->

                [typeset]: plugins/typeset.md
                ```

                    [typeset]: indented/typeset.md

                <!-- md:plugin [blog] -->

                [blog]: blog.md
                """,
        },
        _WITH_HOOKS,
    )
    lines = _positions(found)
    assert lines == ["13:9 link target 'blog.md' does not exist"]


def test_a_comment_shown_in_a_code_block_makes_no_hook_link(tmp_path):
    """The hook's output inside a code block is shown as code, not as a link: a label
    named only by such a comment leaves its definition unused, as Markdown does."""
    found = _missing_files(
        tmp_path,
        {
            "index.md": """
                # Plugins

                ```markdown
                <!-- md:plugin [typeset] -->
                ```

                Inline `<!-- md:plugin [meta] -->` code too.

                [typeset]: typeset.md
                [meta]: meta.md
                """,
        },
        _WITH_HOOKS,
    )
    assert [d.message for d in found] == []


def test_links_a_sites_hooks_make_are_reported_once_when_a_markdown_link_encodes_them(
    tmp_path,
):
    """A definition a Markdown link also uses is reported once, at the link, even when
    the link's address is percent-encoded (a space or a non-ASCII letter) and the
    definition's is as written."""
    found = _missing_files(
        tmp_path,
        {
            "index.md": """
                # Plugins

                <!-- md:plugin [blog] -->
                <!-- md:plugin [café] -->

                Read [the blog][blog] and [the café][café].

                [blog]: <my blog.md>
                [café]: café.md
                """,
        },
        _WITH_HOOKS,
    )
    assert [f"{d.line}:{d.column}" for d in found] == ["6:6", "6:27"]


def test_checking_the_project_folder_keeps_the_pages_folder_as_the_site(
    tmp_path, capsys, monkeypatch
):
    """`check .` and pre-commit's `README.md pages/a.md` route pages as publish does (no
    /pages/ prefix); a README beside the pages folder has its links looked up on disk."""
    from cli_helpers import run

    write_site(
        tmp_path,
        {
            "openaccess.toml": 'pages = "pages"\n',
            "pages/guides/start.md": "---\ntitle: Start\n---\n\n## Steps\n\n[home](/)\n",
            "pages/index.md": "---\ntitle: Home\n---\n\n[start](/guides/start/#steps)\n",
            "README.md": (
                "# Read me\n\n[a](pages/guides/start.md) [b](pages/guides/start.md#steps)"
                " [c](pages/nope.md) [d](pages/guides/start.md#nope)\n"
            ),
        },
    )
    expected = [
        "README.md:3:61: OA301 link target 'pages/nope.md' does not exist [missing-file]",
        "README.md:3:80: OA302 no heading or id 'nope' in guides/start.md [missing-anchor]",
    ]
    for paths in (["."], ["README.md", "pages/index.md"]):
        ran = run(["check", "--no-cache", "--select", "OA301,OA302,OA303", *paths],
                  tmp_path, capsys, monkeypatch)  # fmt: skip
        assert [line for line in ran.out.splitlines() if ": OA3" in line] == expected, paths


def test_a_relative_link_that_climbs_above_the_base_path_leaves_the_site(tmp_path):
    """Hugo serves the site under baseURL's path; a browser resolves ``..`` against the
    page's full address, so from the home page ``../tutorial/`` is the host's /tutorial/,
    not the site's. From a section page, ``../tutorial/`` stays inside."""
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/docs/"\n', encoding="utf-8")
    write_site(
        tmp_path / "content",
        {
            "_index.md": "---\ntitle: Home\n---\n\n[Tutorial](./tutorial/), [up](.././tutorial/)\n",
            "tutorial/index.md": "---\ntitle: Tutorial\n---\n\n[Manual](../manual/)\n",
            "manual/_index.md": "---\ntitle: Manual\n---\n\n[Home](../)\n",
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    lines = [f"{Path(d.path).name}:{d.line}:{d.column} {d.message}" for d in result.diagnostics]
    assert lines == [
        "_index.md:5:26 link target '.././tutorial/' does not exist: it climbs above the"
        " site's base path /docs/ to /tutorial/"
    ]


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("See https://a.org/x/.", "https://a.org/x/"),
        ("(see https://a.org/x/(y))", "https://a.org/x/(y)"),
        ("(see https://a.org/x/)", "https://a.org/x/"),
        ("at https://a.org/x?a=1&amp;", "https://a.org/x?a=1"),
        ("*https://a.org/x/#id*!", "https://a.org/x/#id"),
        ("http://A.org:8080/x", "http://A.org:8080/x"),
        ("home: https://a.org", "https://a.org"),
        ("xhttps://a.org/x/ https://b.org/x/ ftp://a.b.org/", ""),
    ],
)
def test_plain_addresses_end_where_goldmark_ends_them(text, linked):
    """goldmark's linkify (extension/linkify.go) starts after a space, * _ ~ or ( and
    leaves out a final dot, unopened parentheses, a character reference and ?!.,:*_~."""
    from openaccess.routing.linkify import bare_urls

    assert [text[a:b] for a, b in bare_urls(text, "a.org")] == ([linked] if linked else [])


@pytest.mark.parametrize(
    ("extensions", "found"),
    [
        ("", ["q1/'", 'q2/"', "q5/'", 'q7/"']),  # q3/ is linked, and is a page
        ("[markup.goldmark.extensions]\ntypographer = false\n", []),
        ("[markup.goldmark.extensions.typographer]\ndisable = true\n", []),
    ],
)
def test_hugo_links_an_address_after_an_opening_quote(tmp_path, extensions, found):
    """With the typographer on (Hugo's default), an opening quote is a node of its own and
    linkify starts after it, keeping the closing quote: ``"https://site/a/"`` links to
    ``/a/%22``, a break even when ``/a/`` exists (Apache Jena's docs). A quote after a
    letter opens nothing. Built with Hugo 0.111.3 and 0.147.8."""
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\n' + extensions)
    body = (
        's \'https://example.org/q1/\' e *"https://example.org/q2/"* and ""https://example.org/q3/\n\n'
        'a"https://example.org/q4/" ("https://example.org/q5/\') `x` `"https://example.org/q7/"\n'
    )
    write_site(tmp_path / "content", {"_index.md": f"---\ntitle: Home\n---\n\n{body}"})
    for name in ("q1", "q2", "q3", "q4", "q5", "q7"):
        write_site(tmp_path / "content", {f"{name}.md": f"---\ntitle: {name}\n---\n"})
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA303"], jobs=1, cache=False))
    served = [d.message.split(" served at ", 1)[1].split(";")[0] for d in result.diagnostics]
    assert served == [f"/{end}" for end in found]


@pytest.mark.parametrize("linkify", ["", "[markup.goldmark.extensions]\nlinkify = false\n"])
def test_hugo_links_the_sites_own_plain_addresses(tmp_path, linkify):
    """Hugo's Markdown (goldmark's linkify, on by default) makes a plain full address a
    link: one to the site itself is a local link (rclone's docs: "have a look at the WebDAV
    backend: https://rclone.org/webdav/#sharepoint", an id webdav.md does not have).
    Addresses in code, raw HTML, a written link, or on another host are left alone."""
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://example.org/docs/"\n' + linkify, encoding="utf-8"
    )
    write_site(
        tmp_path / "content",
        {
            "_index.md": """
                ---
                title: Home
                ---

                See https://example.org/docs/webdav/#sharepoint. And (https://example.org/docs/s3/)
                or *https://example.org/docs/webdav/#webdav*, also https://example.org/docs/ftp/.

                Not `https://example.org/docs/code/`, [https://example.org/docs/x/](webdav/),
                <https://example.org/docs/webdav/#setup>, https://other.example/docs/none/ or
                http://example.org/docs/webdav/#options.

                    https://example.org/docs/indented/

                <div>
                https://example.org/docs/in-raw-html/
                </div>
                """,
            "webdav.md": "---\ntitle: WebDAV\n---\n\n## WebDAV\n\n## Setup\n\n## Options\n",
        },
    )
    config = load_config(start=tmp_path)
    select = ["OA301", "OA302", "OA303"]
    result = run_check([], config, CheckOptions(select=select, jobs=1, cache=False))
    lines = [f"{d.line}:{d.column} {d.code} {d.message.split(';')[0]}" for d in result.diagnostics]
    assert lines == (
        []
        if linkify
        else [
            "5:5 OA302 no heading or id 'sharepoint' in content/webdav.md",
            "5:55 OA303 no page or file of this site is served at /s3/",
            "6:52 OA303 no page or file of this site is served at /ftp/",
        ]
    )


def test_links_to_pages_publish_leaves_out_are_broken(tmp_path):
    """Without a generator, ``exclude``d and draft pages are not published: check says
    so for every link to them (no "did you mean" the same file), and publish writes
    neither page."""
    (tmp_path / "openaccess.toml").write_text('exclude = ["old/*"]\n', encoding="utf-8")
    front = "---\ntitle: {0}\ndescription: The {0} page.\n---\n\n# {0}\n\nText.\n"
    write_site(
        tmp_path / "pages",
        {
            "index.md": front.format("Home")
            + "\n[Old](old/page.html), [A](old/a.md), [draft](draft.md), [kept](kept.md)\n",
            "old/page.html": "<!doctype html><title>Old</title><p>Old.</p>\n",
            "old/a.md": front.format("A"),
            "draft.md": front.format("Draft").replace("---\n\n", "draft: true\n---\n\n", 1),
            "kept.md": front.format("Kept"),
        },
    )
    done = run_process(["check", "--select", "OA301"], tmp_path)
    assert done.out.splitlines()[:-1] == [
        "pages/index.md:10:1: OA301 link target 'old/page.html' is not on the built site:"
        " the page is not published (excluded by 'exclude') [missing-file]",
        "pages/index.md:10:23: OA301 link target 'old/a.md' is not on the built site:"
        " the page is not published (excluded by 'exclude') [missing-file]",
        "pages/index.md:10:38: OA301 link target 'draft.md' is not on the built site:"
        " the page is not published (draft: true) [missing-file]",
    ]
    run_process(["publish", "--allow-errors", "-o", "site"], tmp_path)
    built = sorted(
        p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html")
    )
    assert built == ["404.html", "index.html", "kept/index.html"]


@pytest.mark.parametrize(
    ("config_file", "generator"),
    [("book.toml", "mdBook"), ("docfx.json", "DocFX"), ("docusaurus.config.js", "Docusaurus")],
)
def test_a_generator_openaccess_does_not_model_is_named_in_a_note(
    tmp_path, capsys, monkeypatch, config_file, generator
):
    """An mdBook book links chapters as ``ch01.html``: the writer hears, before the
    findings, that openaccess checks such a site as plain files."""
    from cli_helpers import run

    (tmp_path / ".git").mkdir()
    (tmp_path / config_file).write_text("")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ch01.md").write_text("# One\n\nSee [the next chapter](ch02.html).\n")
    ran = run(["check", "--no-cache", "src"], tmp_path, capsys, monkeypatch)
    assert ran.err.splitlines()[-1] == (
        f"no site generator found: {config_file} is {generator}'s config; openaccess reads"
        f" Hugo, Jekyll and MkDocs sites only, so links {generator} rewrites, and pages"
        " without front matter, may be reported wrongly"
    )
    (tmp_path / config_file).unlink()
    assert "generator" not in run(["check", "--no-cache", "src"], tmp_path, capsys, monkeypatch).err


def test_a_jupyter_book_is_not_read_as_a_jekyll_site(tmp_path, capsys, monkeypatch):
    """Jupyter Book names its config ``_config.yml``, as Jekyll does; its ``_toc.yml``
    tells it apart. Read as Jekyll, the JEP site's pages without front matter (13 of 34)
    went unchecked."""
    from cli_helpers import run

    (tmp_path / ".git").mkdir()
    (tmp_path / "_config.yml").write_text("title: Book\n")
    (tmp_path / "intro.md").write_text("# Intro\n\nSee [the next chapter](missing.md).\n")
    jekyll = run(["check", "--no-cache", "--select", "OA301", "."], tmp_path, capsys, monkeypatch)
    assert "Jekyll builds no page of it" in jekyll.err and "intro.md" not in jekyll.out
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    book = run(["check", "--no-cache", "--select", "OA301", "."], tmp_path, capsys, monkeypatch)
    assert "intro.md:3:5: OA301" in book.out
    assert book.err.splitlines()[-1] == (
        "no site generator found: _toc.yml is Jupyter Book's config; openaccess reads Hugo,"
        " Jekyll and MkDocs sites only, so links Jupyter Book rewrites, and pages without"
        " front matter, may be reported wrongly"
    )


def test_an_mkdocs_config_of_another_name_is_named_in_a_note(tmp_path, capsys, monkeypatch):
    """Textual keeps mkdocs-common.yml and mkdocs-online.yml and no mkdocs.yml: the writer
    hears which files may be MkDocs configs, and how to read one."""
    from cli_helpers import run

    (tmp_path / ".git").mkdir()
    for name in ("mkdocs-online.yml", "mkdocs-common.yml"):
        (tmp_path / name).write_text("site_name: T\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# One\n\nText.\n")
    ran = run(["check", "--no-cache", "docs"], tmp_path, capsys, monkeypatch)
    assert ran.err.splitlines()[-1] == (
        "no site generator found: mkdocs-common.yml, mkdocs-online.yml may be MkDocs configs;"
        " to check the pages as MkDocs builds them, set generator_config in openaccess.toml"
        " to the one 'mkdocs build -f' reads"
    )
    (tmp_path / "openaccess.toml").write_text('generator_config = "mkdocs-online.yml"\n')
    assert (
        "generator" not in run(["check", "--no-cache", "docs"], tmp_path, capsys, monkeypatch).err
    )


def test_jekyll_renders_any_file_that_starts_with_front_matter(tmp_path, capsys, monkeypatch):
    """choosealicense.com keeps its licenses as ``_licenses/mit.txt`` documents of a
    collection: Jekyll renders each (front matter first) at ``/licenses/mit/``. A file
    without front matter stays a static file."""
    from cli_helpers import run

    (tmp_path / ".git").mkdir()
    write_site(tmp_path, {
        "_config.yml": "collections:\n  licenses:\n    output: true\n"
                       "    permalink: /licenses/:path/\n",
        "_licenses/mit.txt": "---\ntitle: MIT License\n---\nPermission is hereby granted.\n",
        "_licenses/notes.txt": "No front matter here.\n",
        "feed.xml": "---\nlayout: null\n---\n<feed></feed>\n",
        "index.md": "---\ntitle: Licenses\ndescription: Pick one.\n---\n\n"
                    "Read [MIT](/licenses/mit/), [a note](/licenses/notes.txt),"
                    " [the feed](/feed.xml) and [GPL](/licenses/gpl-3.0/).\n",
        "lonely.md": "---\ntitle: Lonely\ndescription: No link leads here.\n---\n\nHi.\n",
    })  # fmt: skip
    found = run(["check", "--no-cache", "--select", "OA3", "-f", "concise", "."],
                tmp_path, capsys, monkeypatch).out  # fmt: skip
    # The rendered .txt and .xml files are served, not pages: orphans are still judged.
    assert [line.split(" (add")[0] for line in found.splitlines() if "OA3" in line] == [
        "index.md:6:86: OA303 no page or file of this site is served at /licenses/gpl-3.0/",
        "lonely.md:1:1: OA310 no other page links to this page; readers can reach it only"
        " from the site index",
    ]


KRAMDOWN_HTML_PAGE = """
    ---
    lang: es
    title: Legal
    ---

    ## Por qué

    <aside markdown="1" class="pquote">
      <img src="/assets/gone.png" class="pquote-avatar" alt="avatar">
      Read [a missing page](../missing-aside/) and [a missing id](#missing-aside).
      <p markdown="1" class="pquote-credit">
    — [credit](../missing-credit/)
      </p>
    </aside>
    After the aside, [a link](../missing-after/).

    <div class="note">

    Raw in kramdown: [not a link](../missing-in-div/).

    </div>

    <section markdown="block">
    ## A heading in a section
    </section>

    See [the section](#a-heading-in-a-section) and [why](#por-qué).
    """


@pytest.mark.parametrize(
    ("kramdown", "in_div"),
    [("", False), ("kramdown: {parse_block_html: true}\n", True)],
)
def test_jekyll_reads_block_html_as_kramdown_does(tmp_path, kramdown, in_div):
    """kramdown, not CommonMark: ``markdown="1"`` makes a tag's body Markdown from its very
    next line, an ``<img>`` alone on its line starts a paragraph, and a ``<div>``'s body is
    raw text up to ``</div>``, blank lines included (unless ``parse_block_html``). The
    shape of opensource.guide's articles; each case checked against ``jekyll build``."""
    write_site(
        tmp_path,
        {
            "_config.yml": "collections:\n  articles:\n    output: true\n    permalink: /:path/\n"
            + kramdown,
            "_articles/es/legal.md": KRAMDOWN_HTML_PAGE,
        },
    )
    config = load_config(start=tmp_path)
    select = ["OA301", "OA302", "OA303"]
    result = run_check([], config, CheckOptions(select=select, jobs=1, cache=False))
    found = [(d.line, d.column, d.code) for d in result.diagnostics]
    expected = [(9, 3, "OA303"), (10, 8, "OA301"), (10, 48, "OA302"), (12, 3, "OA301")]
    expected.append((15, 18, "OA301"))
    if in_div:
        expected.append((19, 18, "OA301"))
    assert sorted(found) == expected


def test_a_hugo_language_key_with_capitals_names_its_files_in_any_case(tmp_path):
    """Hugo keeps the languages table's keys in lower case and matches a file's language
    suffix whatever its case: index.zh-Hans.md is the zh-hans page, and its refs resolve
    among the zh-hans pages (congo's exampleSite; checked with Hugo 0.168)."""
    write_site(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n'
            "[languages.en]\nweight = 1\n[languages.zh-Hans]\nweight = 2\n",
            "layouts/single.html": "{{ .Content }}\n",
            "content/docs/a/index.md": "---\ntitle: A\n---\n",
            "content/docs/a/index.zh-Hans.md": "---\ntitle: A zh\n---\n\n"
            'See [b]({{< ref "b#中文标题" >}}) and [c]({{< ref "b#english-heading" >}}).\n',
            "content/docs/b/index.md": "---\ntitle: B\n---\n\n## English heading\n",
            "content/docs/b/index.zh-Hans.md": "---\ntitle: B zh\n---\n\n## 中文标题\n",
        },
    )
    select = ["OA301", "OA302", "OA303"]
    result = run_check(
        [], load_config(start=tmp_path), CheckOptions(select=select, jobs=1, cache=False)
    )
    found = [(Path(d.path).name, d.line, d.column, d.message) for d in result.diagnostics]
    assert found == [
        (
            "index.zh-Hans.md",
            5,
            35,
            "no heading or id 'english-heading' in content/docs/b/index.zh-Hans.md",
        )
    ]


KRAMDOWN_SPAN_TAGS = """
    ---
    title: Tags
    ---
    1. Test <a href="q1.html" data-x=a.b>A</a>.
    2. Test <a  href = 'q2.html' >B</a>.
    3. Test <a href=q3_x>C</a>.
    4. Test <img src="q4.png" alt=four/>.
    5. Test <a href="q5.html" title=über>E</a>.
    6. Test [<a href=“q6.html”>F</a>].
    7. Test <a href=q7.html>G</a>.
    """


def test_jekyll_reads_a_tag_with_an_unquoted_dotted_value_as_text(tmp_path):
    """kramdown's start tag (HTML_TAG_RE) takes an attribute value quoted or of word
    characters only; any other tag it writes out as text, so its address is no link
    (apache/calcite's <a href=“…”>, typographic quotes). Each line checked against
    ``jekyll build``: 1, 6 and 7 are text, the rest links."""
    write_site(tmp_path, {"_config.yml": "title: T\n", "tags.md": KRAMDOWN_SPAN_TAGS})
    result = run_check([], load_config(start=tmp_path), CheckOptions(jobs=1, cache=False))
    found = [(d.line, d.message) for d in result.diagnostics if d.code == "OA301"]
    assert found == [
        (5, "link target 'q2.html' does not exist"),
        (6, "link target 'q3_x' does not exist"),
        (7, "image 'q4.png' does not exist"),
        (8, "link target 'q5.html' does not exist"),
    ]


# A small site shaped like choosealicense.com: its ids come from include parameters.
JEKYLL_INCLUDE_SITE = {
    "_config.yml": "title: T\n",
    "_includes/overview.html": """
        <div id="{{ include.license-id | slugify }}">
        <h3 id="{{ include.license-id | downcase | replace: ' ', '_' }}-name">x</h3>
        </div>
        """,
    "_data/rules.yml": "- tag: any\n",
    "_includes/rules.html": '<tr id="rule-{{ rule.tag }}"><td>x</td></tr>\n',
    "licenses.html": """
        ---
        code: Public Domain
        ---
        {% include overview.html license-id="Unlicense" %}
        {% include overview.html license-id=page.code %}
        """,
    "rules.html": "---\n---\n{% for rule in site.data.rules %}{% include rules.html %}{% endfor %}",
    "guide/index.md": "---\n---\n{% include_relative parts/step.md n='2' %}\n",
    "guide/parts/step.md": '<span id="step-{{ include.n }}">x</span>\n',
    "index.md": """
        ---
        ---
        [a](licenses.html#unlicense) [b](licenses.html#public-domain)
        [c](licenses.html#public_domain-name) [d](licenses.html#unlicence)
        [e](rules.html#rule-any) [f](rules.html#other)
        [g](guide/index.html#step-2) [h](guide/index.html#step-3)
        """,
}


def test_jekyll_include_parameters_make_ids_and_unknown_values_are_not_judged(tmp_path):
    """``{% include file key="value" %}`` (or ``key=page.var``) sets ``include.key`` while
    the file renders, so ``id="{{ include.key | slugify }}"`` there is an id of the page
    (choosealicense.com's ``/licenses/#unlicense``); ``include_relative`` too. A part only
    the build knows (site data) leaves a glob: ``#rule-any`` is not judged, but
    ``#other`` cannot match it. Each id checked against ``jekyll build`` 4.3."""
    write_site(tmp_path, JEKYLL_INCLUDE_SITE)
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    found = sorted((d.line, d.message) for d in result.diagnostics)
    assert found == [
        (4, "no heading or id 'unlicence' in licenses.html; did you mean '#unlicense'?"),
        (5, "no heading or id 'other' in rules.html"),
        (6, "no heading or id 'step-3' in guide/index.md; did you mean '#step-2'?"),
    ]


JEKYLL_LAYOUT_SITE = {
    "_config.yml": "collections:\n  gcode:\n    output: true\n"
    "defaults:\n  - scope: {type: gcode}\n    values: {layout: gcode}\n",
    "_layouts/base.html": '<html><body><div id="base-literal"></div>{{ content }}</body></html>\n',
    "_layouts/gcode.html": '---\nlayout: base\n---\n<div id="layout-literal">'
    "{% assign gcode = page %}{% include gcode-info.html %}</div>{{ content }}\n",
    "_includes/gcode-info.html": '<div id="usage-{{ gcode.tag }}"></div>'
    '<h2 id="{{ page.tag }}-notes">Notes</h2>{% include deeper.html %}\n',
    "_includes/deeper.html": '<div id="inc-literal"></div><div id="{{ site.data.x }}"></div>\n',
    "_gcode/G29.md": "---\ntag: g029g1\ntitle: G29\n---\n\n[a](#usage-g029g1) [b](#layout-literal)"
    " [c](#inc-literal) [d](#base-literal) [e](#g029g1-notes) [f](#nope) [g](#g029g1-other)\n",
    "other.md": "---\ntitle: O\n---\n\n[h](gcode/G29.html#inc-literal) [i](gcode/G29.html#gone)\n",
}


@pytest.mark.parametrize("target", ["site", "site/content", "site/content/docs/use.md"])
def test_a_site_checked_from_the_folder_above_it_is_read_with_its_generator(tmp_path, target):
    """``openaccess check site/`` run from the folder above a Hugo site (no openaccess.toml
    there) finds ``site/hugo.toml`` from the paths asked for: the refs resolve, and its
    build output is no page. It found none, so every link read as plain Markdown."""
    write_site(tmp_path / "site", {
        "hugo.toml": 'baseURL = "https://example.org/"\n',
        "content/docs/download.md": "---\ntitle: D\n---\n\n## Install\n",
        "content/docs/use.md": "---\ntitle: U\n---\n\n"
        '[a]({{< relref "download" >}}#install) [b](/docs/download/#gone)\n',
        "public/docs/use/index.html": '<a href="/nowhere/">x</a>\n',
    })  # fmt: skip
    ran = run_process(["check", "--no-cache", "--select", "OA301,OA302,OA303", target], tmp_path)
    assert ran.out.splitlines()[:-1] == [
        "site/content/docs/use.md:5:40: OA302 no heading or id 'gone' in"
        " content/docs/download.md [missing-anchor]"
    ]


@pytest.mark.parametrize(
    ("base_path", "snippet"),
    [("!relative $config_dir", "part.md"), ("!relative $docs_dir", "docs/part.md")],
)
def test_snippets_read_from_mkdocs_relative_base_paths(tmp_path, base_path, snippet):
    """mkdocstrings' docs set ``base_path: [!relative $config_dir]`` (MkDocs 1.5's tag
    for the config's folder; ``$docs_dir`` for the docs folder): the snippet is read from
    there, and its broken link is found (it was read as a folder named "$config_dir")."""
    write_site(tmp_path, {
        "mkdocs.yml": "site_name: T\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
        f"      base_path: [{base_path}]\n",
        "docs/index.md": '# Home\n\n--8<-- "part.md"\n',
        snippet: "[gone](gone.md)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    found = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    reported = [(Path(d.path).name, d.line) for d in found.diagnostics]
    assert ("index.md", 3) in reported  # part.md in docs/ is a page too, checked itself
    assert all(message.endswith("'gone.md' does not exist") for message in
               (d.message for d in found.diagnostics))  # fmt: skip


def test_template_links_in_code_and_comments_are_no_links(tmp_path):
    """Jekyll renders ``{{ site.baseurl }}/a.html`` in a code sample as the sample's text,
    and in an HTML comment as the comment's: no link is built (design.va.gov's include
    of screen reader videos in a comment: 3 false alarms; checked with Jekyll 4.3, trial
    21a). Outside them it is a link, and judged."""
    write_site(tmp_path, {
        "_config.yml": "title: T\n",
        "_includes/videos.md": "<!--\n<video><source src=\"{{ site.baseurl }}/v.mp4\">"
                               "</video>\n-->\n",
        "index.md": "---\ntitle: Home\n---\n\n```html\n<a href=\"{{ site.baseurl }}/code.html\">"
                    "</a>\n```\n\nInline `{{ site.baseurl }}/span.html` here.\n\n"
                    "<!-- <a href=\"{{ site.baseurl }}/comment.html\">c</a> -->\n\n"
                    "    <a href=\"{{ site.baseurl }}/indented.html\">i</a>\n\n"
                    "{% include videos.md %}\n\n"
                    "<p><a href=\"{{ site.baseurl }}/gone.html\">gone</a></p>\n\n"
                    "Write `<!--` to open a comment.\n\n"
                    "See {{ site.baseurl }}/also-gone.html here.\n\n"
                    "Close it with `-->`.\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA302", "OA303"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    assert [(d.line, d.message.split(";")[0]) for d in found] == [
        (17, "no page or file of this site is served at /gone.html"),
        (21, "no page or file of this site is served at /also-gone.html"),  # `<!--` is code
    ]


def test_jekylls_source_folder_is_the_root_of_every_address(tmp_path):
    """``source: src``: Jekyll reads pages, collections and layouts from src/, and
    src/page.md is /page (design.va.gov; checked with Jekyll 4.3, trial 21a). openaccess
    read the addresses from the config's folder: /src/page.html, and no collection."""
    write_site(tmp_path, {
        "_config.yml": "source: src\ncollections:\n  docs:\n    output: true\n"
                       "    permalink: /:collection/:title\n",
        "src/index.md": "---\ntitle: Home\n---\n\n[A](/docs/a) [usage](/docs/a#usage)"
                        " [page](/page) [gone](/docs/missing)\n",
        "src/page.md": "---\ntitle: Page\n---\n\n# A page\n",
        "src/_docs/a.md": "---\ntitle: A\n---\n\n## Usage\n\n[B](/docs/b#nowhere)\n",
        "src/_docs/b.md": "---\ntitle: B\n---\n\n# Guide B\n",
        "README.md": "# Read me\n\n[not a page of the site](/storybook/)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA302", "OA303"], jobs=1, cache=False)
    result = run_check([tmp_path], config, options)  # README.md beside the config: no page
    found = [(Path(d.path).name, d.line, d.code) for d in result.diagnostics]
    assert found == [("a.md", 7, "OA302"), ("index.md", 5, "OA303")]
    assert result.files_checked == 4


@pytest.mark.parametrize(
    ("config_file", "text", "key"),
    [
        ("mkdocs.yml", "site_name: T\ndocs_dir: ../outside\n", "docs_dir '../outside'"),
        ("mkdocs.yml", "site_name: T\ndocs_dir: /etc\n", "docs_dir '/etc'"),
        ("hugo.toml", 'contentDir = "../outside"\n', "contentDir '../outside'"),
        ("_config.yml", "source: ../outside\n", "source '../outside'"),
    ],
)
def test_a_pages_folder_outside_the_site_is_a_config_error(tmp_path, config_file, text, key):
    """A generator's pages folder outside the site's folder: openaccess reads no file
    there, so the run stops with one line (it said "All clear", 0 files checked, and
    publish failed with an internal error)."""
    site = tmp_path / "site"
    write_site(tmp_path, {"outside/a.md": "# A\n", f"site/{config_file}": text})
    with pytest.raises(
        ConfigError, match=rf"{config_file}: {re.escape(key)} is outside the site's folder"
    ):
        run_check([], load_config(start=site), CheckOptions(jobs=1, cache=False))


@pytest.mark.parametrize("appended", [True, False])
def test_reference_definitions_of_snippets_make_the_pages_links(tmp_path, appended):
    """mkdocstrings' Python handler appends a glossary of reference definitions to every
    page (``auto_append: [docs/.glossary.md]``); a snippet included with ``--8<--`` adds
    its definitions too. MkDocs 1.6.1 builds ``[term][]`` as ``missing.md`` and
    ``other/#nope``: both broken, found where the page uses them. Code and the page's
    own definitions are left alone."""
    snippets = "      auto_append: [docs/.glossary.md]\n" if appended else ""
    include = "" if appended else '\n--8<-- "docs/.glossary.md"\n'
    write_site(tmp_path, {
        "mkdocs.yml": "site_name: T\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                      f"      base_path: [!relative $config_dir]\n{snippets}",
        "docs/.glossary.md": "[term]: missing.md\n[bad]: other.md#nope\n[own]: missing.md\n",
        "docs/other.md": "# Other\n",
        "docs/index.md": "# Home\n\nSee [term][], [the bad one][bad], `[term]` and [own].\n\n"
                         f"[own]: other.md\n{include}",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA301", "OA302"], jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    assert [(Path(d.path).name, d.line, d.column, d.code) for d in found] == [
        ("index.md", 3, 5, "OA301"), ("index.md", 3, 15, "OA302")
    ]  # fmt: skip


def test_pages_a_gen_files_script_writes_are_pages_of_the_site(tmp_path):
    """pipx's docs write ``reference/cli.md`` with mkdocs-gen-files: the page exists in
    the build, so a link to it works; a name an f-string makes is known only to the
    script, so links into its folder are not judged; others still are. Nothing runs:
    the script is read."""
    script = (
        "import mkdocs_gen_files\n"
        'with mkdocs_gen_files.open("reference/cli.md", "w") as f:\n    f.write("# CLI")\n'
        "for name in names:\n"
        '    with mkdocs_gen_files.open(f"api/{name}.md", "w") as f:\n        f.write(name)\n'
    )
    write_site(tmp_path, {
        "mkdocs.yml": "site_name: T\nplugins:\n  - gen-files:\n      scripts:\n"
                      "        - scripts/gen.py\n",
        "scripts/gen.py": script,
        "docs/index.md": "# Home\n\n[a](reference/cli.md) [b](reference/nope.md)"
                         " [c](api/thing.md) [d](gone.md)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    found = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    assert [d.message for d in found.diagnostics] == [
        "link target 'reference/nope.md' does not exist",
        "link target 'gone.md' does not exist",
    ]


@pytest.mark.parametrize("adds", [True, False])
def test_pages_a_hook_adds_from_beside_the_docs_are_not_judged(tmp_path, adds):
    """gateway-api's hook walks ``Path('geps')`` in its ``on_files`` and adds each file
    as a page at the same path: links to ``geps/...`` work in the build (28 false
    alarms), also from a page in a folder (``../geps/gep-1/index.md``). A hook that
    makes ``File(...)`` objects, and a string of it that names a folder or a page beside
    the docs: links into them are not judged, and counted. A hook that adds nothing
    leaves every link judged. Checked with MkDocs 1.6.1."""
    making = "File(str(path), src_dir='./', dest_dir=d, use_directory_urls=True)"
    body = f"    for path in Path('geps').rglob('*.md'):\n        files.append({making})\n"
    body += "    files.append(File('extra/page.md', src_dir='.', dest_dir=d))\n"
    hook = "from mkdocs.structure.files import File\n\ndef on_files(files, config):\n"
    hook += (body if adds else "    'geps', 'extra/page.md'\n") + "    return files\n"
    write_site(tmp_path, {
        "mkdocs.yml": "site_name: T\nhooks: [hooks/add.py]\n",
        "hooks/add.py": hook,
        "geps/gep-1/index.md": "# GEP 1\n",
        "extra/page.md": "# Added\n",
        "docs/index.md": "# Home\n\n[a](geps/gep-1/index.md) [b](extra/page.md) [c](gone.md)\n",
        "docs/sub/page.md": "# Sub\n\n[a](../geps/gep-1/index.md) [d](../gone.md)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    found = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    reported = [d.message for d in found.diagnostics]
    unchecked = [n for n in found.notes if "not checked" in n]
    if adds:
        assert reported == [
            "link target 'gone.md' does not exist",
            "link target '../gone.md' does not exist",
        ]
        assert unchecked == [
            "3 links not checked (3 in pages a hook of the site adds (its on_files));"
            " --verbose lists them"
        ]
    else:
        assert len(reported) == 5 and not unchecked


@pytest.mark.parametrize(
    ("opened", "found"),
    [
        ('filename = f"sample/{n}-bottles.md"\n', ["gone.md"]),  # mkdocs-gen-files' docs
        ('doc = Path("sample", name)\n', ["gone.md"]),  # mkdocstrings' recipe
        ('filename = "sample/9-bottles.md"\n', ["sample/99-bottles.md", "gone.md"]),
        ("filename = make_name(n)\n", []),  # a name only the script knows: anywhere
    ],
)
def test_a_gen_files_page_named_through_a_variable(tmp_path, opened, found):
    """``mkdocs_gen_files.open(filename, "w")`` writes what the script assigned the
    variable (oprypin/mkdocs-gen-files' docs: 1 false alarm; found by a helper's trial)."""
    variable = opened.split(" =")[0]
    script = (
        f"import mkdocs_gen_files\nfor n in range(9, 100, 90):\n    {opened}"
        f'    with mkdocs_gen_files.open({variable}, "w") as f:\n        f.write("# B")\n'
    )
    write_site(tmp_path, {
        "mkdocs.yml": "site_name: T\nplugins:\n  - gen-files:\n      scripts:\n"
                      "        - gen.py\n",
        "gen.py": script,
        "docs/index.md": "# Home\n\n[a](sample/99-bottles.md) [d](gone.md)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    assert [d.message.split("'")[1] for d in result.diagnostics] == found


@pytest.mark.parametrize(("extensions", "found"), [("[pymdownx.magiclink]", 1), ("[]", 0)])
def test_mkdocs_magiclink_makes_the_sites_plain_addresses_links(tmp_path, extensions, found):
    """With pymdownx.magiclink, MkDocs links a plain full address written in prose
    (mkdocstrings' docs), so one on the site's own host is checked; without it, it is
    text."""
    write_site(tmp_path, {
        "mkdocs.yml": "site_name: T\nsite_url: https://example.org/\n"
                      f"markdown_extensions: {extensions}\n",
        "docs/index.md": "# Home\n\nSee https://example.org/nothing-here/ and https://example.org/.\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA303"], jobs=1, cache=False))
    assert [d.message for d in result.diagnostics] == [
        "no page or file of this site is served at /nothing-here/"
    ][:found]


def test_jekyll_pages_it_never_builds_are_not_checked(tmp_path):
    """Jekyll reads no post without a date in its file name (its front matter ``date``
    does not help), and jekyll-redirect-from writes a redirect in place of a page with
    ``redirect_to`` (here from ``defaults``; ``redirect_to: false`` opts out): their links
    are never built, so they are not checked (opensourcedesign's site, GitHub's training
    kit; checked with jekyll build 4.3)."""
    write_site(tmp_path, {
        "_config.yml": "plugins:\n  - jekyll-redirect-from\ndefaults:\n  - scope: {path: guides}\n"
                       "    values: {redirect_to: https://example.org/}\n",
        "_posts/undated-post.md": "---\ntitle: U\ndate: 2024-05-07\n---\n\n[a](/nowhere/)\n",
        "guides/old.md": "---\ntitle: O\n---\n\n[b](/nowhere/)\n",
        "guides/kept.md": "---\ntitle: K\nredirect_to: false\n---\n\n[c](/nowhere/)\n",
        "index.md": "---\ntitle: H\n---\n\n[d](/2024/05/07/undated-post.html)"
                    " [e](/guides/old.html)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA303"], jobs=1, cache=False))
    assert sorted((Path(d.path).name, d.message) for d in result.diagnostics) == [
        ("index.md", "no page or file of this site is served at /2024/05/07/undated-post.html"),
        ("kept.md", "no page or file of this site is served at /nowhere/"),
    ]


def test_a_jekyll_document_keeps_its_address_over_another_pages_redirect(tmp_path):
    """jekyll-redirect-from writes its stubs before the collections' documents, so a
    document whose address another page lists in ``redirect_from`` keeps it, with no
    warning (scala-lang's docs: 5 false errors; checked with jekyll build 4.3)."""
    write_site(tmp_path, {
        "_config.yml": "plugins: [jekyll-redirect-from]\ncollections:\n  guide:\n"
                       "    output: true\n    permalink: /guide/:title.html\n",
        "_guide/a-oldsetup.md": "---\ntitle: Old\nredirect_from: /guide/setup.html\n---\n",
        "_guide/setup.md": "---\ntitle: Setup\n---\n\n## Install\n",
        "index.md": "---\ntitle: H\n---\n\n[a]({% link _guide/setup.md %}#install)"
                    " [b](/guide/setup.html)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA1", "OA3"], jobs=1, cache=False))
    assert [(Path(d.path).name, d.code) for d in result.diagnostics] == [("a-oldsetup.md", "OA310")]


def test_a_jekyll_permalink_placeholder_a_plugin_fills_leaves_the_address_unknown(tmp_path):
    """Jekyll stops the build on a permalink placeholder it does not know, so a site that
    builds has a plugin that fills it: scala-lang's ``_plugins`` add ``:number`` for its
    SIPs. Their addresses are left unjudged (8 false errors); their own links are read."""
    write_site(tmp_path, {
        "_config.yml": "collections:\n  sips:\n    output: true\n",
        "_sips/011-eleven.md": "---\ntitle: E\nnumber: 11\npermalink: /sips/:number.html\n"
                               "---\n\n[x](/nowhere/)\n",
        "index.md": "---\ntitle: H\n---\n\n[a]({% link _sips/011-eleven.md %})"
                    " [b](/sips/11.html#motivation) [c](/other/)\n",
    })  # fmt: skip
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA1", "OA3"], jobs=1, cache=False))
    assert sorted((Path(d.path).name, d.message) for d in result.diagnostics) == [
        ("011-eleven.md", "no page or file of this site is served at /nowhere/"),
        ("index.md", "no page or file of this site is served at /other/"),
    ]


def test_jekyll_ids_a_pages_layouts_and_their_includes_write(tmp_path):
    """Marlin's G-code pages link ``#usage-g029g1``, an id their layout's include writes
    with Liquid (``{% assign gcode = page %}``): the layout, the layout it sits in and the
    files they include give the page their ids, a value only the build knows as a glob.
    An id of which nothing is known (``{{ site.data.x }}``) does not let every fragment
    pass. Each id checked against ``jekyll build`` 4.3."""
    write_site(tmp_path, JEKYLL_LAYOUT_SITE)
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    found = sorted((Path(d.path).name, d.line, d.message) for d in result.diagnostics)
    assert found == [
        ("G29.md", 6, "no heading or id 'g029g1-other' on this page"),
        ("G29.md", 6, "no heading or id 'nope' on this page"),
        ("other.md", 5, "no heading or id 'gone' in _gcode/G29.md"),
    ]


@pytest.mark.parametrize(
    ("template", "built"),
    [
        ("{{ include.name | slugify }}", "ünïcode-data-sets"),
        ('{{ include.name | slugify: "ascii" }}', "n-code-data-sets"),
        ('{{ include.name | slugify: "pretty" }}', "ünïcode-data-sets!"),
        ('x-{{- page.title | downcase | replace: " ", "-" -}}', "x-hello-world"),
        ('{{ include.missing | default: "fallback" | upcase }}', "FALLBACK"),
        ("{{ include.missing | slugify }}", None),  # Jekyll writes id="": no id
        ("{{ site.data.x }}-[a]", "\x00*-[[]a]"),  # a glob of what is known
        ('{{ page.tags | join: "-" }}', "\x00*"),  # a list, and a filter not modelled
        ("{% if page.title %}a{% endif %}", "\x00*"),  # a tag may change any of it
        ("{{ include.name ", "\x00*"),  # unclosed: Liquid refuses it
    ],
)
def test_liquid_ids_render_as_jekyll_renders_them(template, built):
    """Checked against ``jekyll build`` 4.3 where the value is known."""
    from openaccess.routing.liquid import Scope, include_parameters, render_id

    page = {"title": "Hello World", "tags": ["a"]}
    include = include_parameters("name='Ünïcode Data Sets!'", Scope(page))
    assert render_id(template, Scope(page, include)) == built


def test_include_parameters_read_as_jekylls_valid_syntax():
    from openaccess.routing.liquid import UNKNOWN, Scope, include_parameters

    scope = Scope({"code": "MIT", "year": 2024, "flag": True})
    markup = r'a="say \"hi\"" b=' + "'it\\'s'" + " c=page.code d = page.year e=page.flag f=x"
    assert include_parameters(markup, scope) == {
        "a": 'say "hi"', "b": "it's", "c": "MIT", "d": "2024", "e": UNKNOWN, "f": UNKNOWN,
    }  # fmt: skip
    assert include_parameters('a="x" stray', scope) is UNKNOWN  # Jekyll refuses the tag


def jekyll_findings(root: Path, body: str) -> list[tuple[int, str]]:
    """The link findings on one Jekyll page whose body (from line 5) is ``body``."""
    page = "---\ntitle: P\n---\n\n" + textwrap.dedent(body).lstrip("\n")
    (root / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (root / "page.md").write_text(page, encoding="utf-8")
    config = load_config(start=root)
    options = CheckOptions(select=["OA301", "OA302", "OA303"], jobs=1, cache=False)
    return sorted((d.line, d.code) for d in run_check([], config, options).diagnostics)


def test_jekyll_ids_from_a_loop_over_site_data_are_the_data_files_values(tmp_path):
    """documentation-theme-jekyll's glossary writes ``<dt id="{{entry.term}}">`` in a loop
    over ``site.data.glossary``: the ids are the data file's terms. Any fragment had
    passed (jekyll-doc-project: 9 misses; Jekyll 4.3.1). A loop over data that cannot be
    read still lets any fragment pass, and an edit of the data is seen at once."""
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "glossary.yml").write_text("- term: apple\n- term: pear\n")
    body = """
        {% assign glossaryTerms = site.data.glossary | sort: "term" %}
        <dl>
        {% for entry in glossaryTerms %}<dt id="{{entry.term}}">{{entry.term}}</dt>
        {% endfor %}
        </dl>

        [Apple](#apple), [Plum](#plum) and [Elsewhere](#nowhere).
        """
    assert jekyll_findings(tmp_path, body) == [(11, "OA302"), (11, "OA302")]
    (tmp_path / "_data" / "glossary.yml").write_text("- term: plum\n- term: nowhere\n")
    assert jekyll_findings(tmp_path, body) == [(11, "OA302")]
    unread = body.replace("site.data.glossary", "site.data.missing")
    assert jekyll_findings(tmp_path, unread) == []
    # With the cache: the page's result depends on the data file.
    jekyll_findings(tmp_path, body)
    options = CheckOptions(select=["OA302"], jobs=1, cache=True)
    cached = [d.line for d in run_check([], load_config(start=tmp_path), options).diagnostics]
    (tmp_path / "_data" / "glossary.yml").write_text("- term: apple\n- term: plum\n")
    again = [d.line for d in run_check([], load_config(start=tmp_path), options).diagnostics]
    assert (cached, again) == ([11], [11])
    (tmp_path / "_data" / "glossary.yml").write_text(
        "- term: apple\n- term: plum\n- term: nowhere\n"
    )
    assert run_check([], load_config(start=tmp_path), options).diagnostics == []
    # A hash: Liquid loops over [key, value] pairs, whose .term is nil, so no id at all
    # (jekyll-doc-project's glossary.yml; its other fragments had passed too).
    (tmp_path / "_data" / "glossary.yml").write_text("apple:\n  term: apple\n")
    assert jekyll_findings(tmp_path, body) == [(11, "OA302"), (11, "OA302"), (11, "OA302")]


def test_kramdown_keeps_a_backslash_in_a_link_address(tmp_path):
    """kramdown reads no backslash escape in an inline link's address, and Liquid keeps
    it in a string: both links below are broken in the build (``/x%5C_y.html``, and
    ``/x\\_y.html``, which a browser reads as ``/x/_y.html``); markdown-it read
    ``/x_y.html`` (LOST-STATS' docs; Jekyll 4.3.1, kramdown 2.4.0). Python-Markdown
    and CommonMark do read the escape."""
    (tmp_path / "x_y.md").write_text("---\ntitle: X\n---\n", encoding="utf-8")
    body = """
        [a]({{ "/x\\_y.html" | relative_url }}) and [b](/x\\_y.html "Title")

        [c]({{ "/x_y.html" | relative_url }}) and ![d](/x\\_y.html)
        """
    assert jekyll_findings(tmp_path, body) == [(5, "OA303"), (5, "OA303"), (7, "OA303")]


def test_kramdown_header_ids_are_xml_names(tmp_path):
    """kramdown's ``{#id}`` takes an XML name: ``{#EXPECT_CALL.Times}`` and
    ``{#Listeners::Release}`` set those ids (GoogleTest's Jekyll site links to them);
    ``{#1abc}`` starts with a digit, so it stays in the heading's text, whose id is then
    ``bad-1abc``. Checked with Jekyll 4.3.1 and kramdown 2.4.0."""
    body = """
        ## Times {#EXPECT_CALL.Times}

        ## Release {#Listeners::Release}

        ## Bad {#1abc}

        [a](#EXPECT_CALL.Times) [b](#Listeners::Release) [c](#bad-1abc) [d](#1abc)
        """
    assert jekyll_findings(tmp_path, body) == [(11, "OA302")]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("{% highlight html %}", "{% endhighlight %}"),
        ("{%- comment -%}", "{%- endcomment -%}"),
        ("{::comment}", "{:/comment}"),
        ("{::nomarkdown}", "{:/}"),
    ],
)
def test_jekyll_code_blocks_hold_no_raw_tags(tmp_path, opening, closing):
    """A tag shown in a Liquid ``highlight`` (escaped code by the time kramdown reads it),
    a comment or ``{::nomarkdown}`` opens no raw block: the link below it is Markdown,
    and the real ``<div>`` further down still holds raw text. Checked with ``jekyll
    build``."""
    body = f"""
        {opening}
        <div class="x">
        {closing}

        Text with [broken](missing.html).

        <div class="note">

        Raw in kramdown: [not a link](missing-in-div.html).

        </div>
        """
    assert jekyll_findings(tmp_path, body) == [(9, "OA301")]


def test_jekyll_highlight_in_a_raw_tag_stays_raw(tmp_path):
    """A blank line of a Liquid ``highlight`` inside a raw ``<div>`` keeps the HTML block
    open: the code's link-like text below it is not a link (``jekyll build``)."""
    body = """
        <div class="x">
        {% highlight markdown %}
        a

        [code](missing-code.html)
        {% endhighlight %}
        </div>

        [after](missing-after.html)
        """
    assert jekyll_findings(tmp_path, body) == [(13, "OA301")]


def test_jekyll_raw_liquid_is_read_by_kramdown(tmp_path):
    """Liquid's ``raw`` hands its body to kramdown as it is: a ``<div>`` there is raw."""
    body = """
        {% raw %}
        <div>

        [x](missing-x.html)

        </div>
        {% endraw %}

        [y](missing-y.html)
        """
    assert jekyll_findings(tmp_path, body) == [(13, "OA301")]


@pytest.mark.parametrize(
    ("closing", "headings"),
    [("{% endhighlight %}", []), ("puts 1 {% endhighlight %}", ["The famous Hello World"])],
)
def test_jekyll_highlight_is_code_to_the_outline(closing, headings):
    """Liquid's ``highlight`` shows its lines as code, so a Ruby ``# comment`` there is no
    heading (ruby-lang.org's examples: two "empty level-1 headings" each) and a link
    there is none. Read so when both tags stand alone on their lines."""
    body = (
        "Intro.\n\n{% highlight ruby %}\n# The famous Hello World\n#\n"
        f"[x](missing.html)\n{closing}\n\nAfter.\n"
    )
    page = Page.from_text(Path("page.md"), f"---\ntitle: P\n---\n\n{body}")
    page.dialect = "kramdown"
    assert [heading.text for heading in page.document.headings if heading.text] == headings
    assert len(page.document.links) == len(headings)


@pytest.mark.parametrize(("dialect", "headings"), [("mkdocs", ["Scrolling"]), ("commonmark", [])])
def test_python_markdown_reads_a_no_break_space_after_hashes_as_a_heading(dialect, headings):
    """Python-Markdown needs no space after ``###`` (Textual's ``###\u00a0Scrolling`` is a
    heading on its site, so the section before it ends there); CommonMark needs one."""
    page = Page.from_text(Path("page.md"), "# Widgets\n\nText.\n\n###\u00a0Scrolling\n\nMore.\n")
    page.dialect = dialect
    assert [heading.text for heading in page.document.headings][1:] == headings


def test_jekyll_renders_liquid_in_a_reference_definition_first(tmp_path):
    """``[1]: {{ site.url }}/a.rbx`` is a definition once Liquid has run, so the ones
    under it are too, and ``[text][2](English)`` is a reference link, then text
    (ruby-lang.org's news). CommonMark alone reads no definition there, and a link to
    "English". ``{{ site.url }}/a.rbx`` is the site's file ``a.rbx``."""
    (tmp_path / "a.rbx").write_text("puts 1\n", encoding="utf-8")
    body = """
        [The list][2](English) and [the file][1].

        [1]: {{ site.url }}/a.rbx
        [2]: https://example.org/list
        """
    assert jekyll_findings(tmp_path, body) == []


def test_jekyll_unclosed_raw_tag_leaves_the_rest_to_markdown(tmp_path):
    """A ``<div>`` the page's source never closes: here an include closes it, and the
    link below is Markdown (``jekyll build``). Only a truly unclosed tag makes kramdown
    show the rest of the page as raw text; openaccess checks the rest instead."""
    (tmp_path / "_includes").mkdir()
    (tmp_path / "_includes" / "close.html").write_text("</div>\n", encoding="utf-8")
    body = """
        <div class="x">
        {% include close.html %}

        Text with [broken](missing.html).
        """
    assert jekyll_findings(tmp_path, body) == [(8, "OA301")]


@pytest.mark.parametrize(
    "body",
    [
        'Some text that\n<img src="a.png" alt="a">\ngoes on here.\n',
        'Read the\n<a href="x.html">\nguide</a> today.\n',
        "A line\n<br>\nand the next.\n",
    ],
)
def test_kramdown_span_tag_line_stays_in_its_paragraph(body):
    """kramdown ends a paragraph only at a block tag (LAZY_END_HTML_START leaves span
    tags out), so an inline tag alone on a line goes on with it. Checked with ``jekyll
    build``: one ``<p>``."""
    blocks = [token.type for token in tokenize(body, "kramdown")]
    assert blocks == ["paragraph_open", "inline", "paragraph_close"]


def test_kramdown_span_tag_line_in_a_list_item_keeps_the_list():
    """A span tag alone on its line in a list item is a paragraph of the item.
    kramdown (``jekyll build``): one list of two items, the first with three paragraphs."""
    body = '- First item.\n\n  <img src="a.png" alt="a">\n\n  More item text.\n- Second item.\n'
    tokens = tokenize(body, "kramdown")
    assert [token.type for token in tokens if token.level == 0] == [
        "bullet_list_open",
        "bullet_list_close",
    ]
    assert [token.content for token in tokens if token.type == "inline"] == [
        "First item.",
        '<img src="a.png" alt="a">',
        "More item text.",
        "Second item.",
    ]


# A span tag alone on its line, then lines indented four spaces: a paragraph in both.
_SPAN_TAG_PARAGRAPHS = """
    Listen:

    <audio controls>
        <source src="static/gone.ogg" type="audio/ogg">
    </audio>

    <img src="static/gone.png">
        <img src="static/gone2.png">
    """


def test_a_span_tag_line_starts_a_paragraph_in_python_markdown(tmp_path):
    """``<audio>`` and ``<img>`` are no block-level tags to Python-Markdown: each starts
    a paragraph, and the ``<source>`` lines indented four spaces are that paragraph's
    inline HTML, not code (ntfy's docs; Markdown 3.11 writes ``<p><audio controls>
    <source ...>``). Both missing files under them are reported."""
    found = _missing_files(tmp_path, {"index.md": _SPAN_TAG_PARAGRAPHS}, "site_name: T\n")
    assert [(d.line, d.column) for d in found] == [(4, 5), (7, 1), (8, 5)]


def test_a_span_tag_line_starts_a_paragraph_in_kramdown(tmp_path):
    """kramdown reads ``<audio>`` as a raw block, and ``<img>`` alone on its line as the
    start of a paragraph whose next line, indented four spaces, is still the paragraph's
    (kramdown 2.4: ``<p><img src="static/gone.png" /> <img src="static/gone2.png" />``)."""
    body = _SPAN_TAG_PARAGRAPHS.replace('"static/', '"/static/')
    assert jekyll_findings(tmp_path, body) == [(8, "OA303"), (11, "OA303"), (12, "OA303")]


def test_a_template_link_in_an_a_tag_across_lines_is_reported_once(tmp_path):
    """``<a href="{{ site.baseurl }}/x">`` alone on its line starts a paragraph that
    ``</a>`` two lines on ends: one link, as kramdown builds it. Read as a one-line
    HTML block, the tag's range ended at its line, and the Liquid address in it was
    checked a second time (nim-lang's news: 2 findings for one link)."""
    body = '<a href="{{ site.baseurl }}/assets/a3.gif">\nx\n</a>\n'
    assert jekyll_findings(tmp_path, body) == [(5, "OA303")]


@pytest.mark.parametrize(
    "inner",
    ["<pre>x</pre>", "<picture>x</picture>", "<P>x</P ><p>"],
)
def test_kramdown_raw_end_tag_is_matched_whole(tmp_path, inner):
    """``</pre>`` and ``</picture>`` do not close a raw ``<p>``; ``</p >`` closes one
    (and a nested ``<p>`` opens another). kramdown matches ``</p\\s*>``; checked with
    ``jekyll build``."""
    body = f"""
        <p>
        {inner}

        [raw](missing-raw.html)
        </p>{"</p>" if inner.endswith("<p>") else ""}

        [after](missing-after.html)
        """
    assert jekyll_findings(tmp_path, body) == [(11, "OA301")]


def test_the_exclude_plugin_leaves_files_out_of_the_site_and_the_check(tmp_path):
    """mkdocs-exclude 1.0.2 drops docs files by ``glob`` (``fnmatchcase``: ``*`` crosses
    folders) and ``regex`` (``re.match``): ``mkdocs build`` of these files wrote only
    index.html and guide/a/index.html. Textual leaves its pymdownx.snippets files out so;
    a snippet's links are meant for the pages that include it, so it is no page to check,
    and a link to a left-out page says why it is broken."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - exclude:\n      glob:\n        - 'snippets/*'\n"
        "        - '*.tmp'\n      regex:\n        - '.*_draft\\.md$'\n        - '('\n"
    )
    write_site(
        tmp_path / "docs",
        {
            "index.md": "# Home\n\n[Guide](guide/a.md) and [draft](guide/c_draft.md)\n",
            "guide/a.md": "# A\n",
            "guide/c_draft.md": "# Draft\n",
            "guide/notes.tmp": "x",
            "snippets/s.md": "See [b](./b.md).\n",
        },
    )
    project = open_project([tmp_path], load_config(start=tmp_path))
    built = sorted(output.file for output in project.router.site.outputs.values())
    assert [file for file in built if file.endswith((".html", ".tmp"))] == [
        "404.html", "guide/a/index.html", "index.html"
    ]  # fmt: skip
    assert any("regex '(' is not valid" in note for note in project.router.generator.notes)
    result = run_check([], load_config(start=tmp_path), CheckOptions(jobs=1, cache=False))
    assert result.files_checked == 2
    assert [(d.code, d.message) for d in result.diagnostics if d.code[:3] == "OA3"] == [
        ("OA301", "link target 'guide/c_draft.md' is not on the built site: the page is not"
         " published (excluded by the exclude plugin)")
    ]  # fmt: skip
    named = tmp_path / "docs" / "snippets" / "s.md"  # checked when named, as it is
    result = run_check([named], load_config(start=tmp_path), CheckOptions(jobs=1, cache=False))
    assert result.files_checked == 1


def test_links_in_html_marked_data_proofer_ignore_are_samples(tmp_path, capsys, monkeypatch):
    """Jekyll's docs show a sample's result in ``<div class="result" data-proofer-ignore>``
    (html-proofer's mark), with links to ``#`` and nowhere: their targets are not judged,
    and the summary counts them. The mark covers the element it is on and what that
    holds, nested elements of its own name too, and no more: links after it are judged,
    also after a marked ``<p>`` that the next block closes."""
    from cli_helpers import run

    (tmp_path / "_config.yml").write_text("title: T\n")
    (tmp_path / "index.md").write_text(
        "---\ntitle: Home\n---\n\n"
        '<div class="result" data-proofer-ignore>\n  <div><a href="#">Intro</a></div>\n'
        '  <a href="/nowhere/">Setup</a> <img src="gone.png" alt="A sample">\n'
        '  <a href="#">Deployment</a>\n</div>\n<a href="/after/">After</a>\n\n'
        '<a href="/own/" data-proofer-ignore>Own</a> <a href="#">Hash</a>\n\n'
        '<p data-proofer-ignore><a href="/in/">In</a><div><a href="/out/">Out</a></div>\n'
    )
    ran = run(["check", "--no-cache", "--select", "OA301,OA303,OA304", "-f", "concise", "."],
              tmp_path, capsys, monkeypatch)  # fmt: skip
    assert [line.split(" [")[0] for line in ran.out.splitlines() if ": OA" in line] == [
        "index.md:10:1: OA303 no page or file of this site is served at /after/",
        "index.md:12:45: OA304 link goes to '#' (the top of this page), not anywhere",
        "index.md:14:50: OA303 no page or file of this site is served at /out/",
    ]
    assert "6 links not checked (6 marked data-proofer-ignore)" in ran.err


def test_jekyll_renders_liquid_in_an_inline_link_address_first(tmp_path):
    """``[a]({{ '/a/' | relative_url }})`` is a link once Liquid has run (Jekyll's docs have
    3,000 of them); CommonMark alone reads no link where the address has spaces, and with
    no spaces (``{{site.baseurl}}``) it percent-encodes the braces. Each is judged where
    it is written (a definition's at each link that uses it, once); Liquid openaccess
    cannot know (``site.repository``) is not."""
    (tmp_path / "guide.md").write_text("---\ntitle: Guide\n---\n\nText.\n", encoding="utf-8")
    body = """
        [Guide]({{ '/guide.html' | relative_url }}) and [the guide]({% link guide.md %}).

        [Missing]({{ '/missing/' | relative_url }} "A title") and [gone]({{site.baseurl}}/gone/).

        [Issues]({{ site.repository }}/issues) and [defined][d].

        [d]: {% link nothing.md %}
        """
    assert jekyll_findings(tmp_path, body) == [(7, "OA303"), (7, "OA303"), (9, "OA301")]


def test_liquid_after_a_bracket_no_link_opens_is_text(tmp_path):
    """``element]({{site.baseurl}}/x)`` with no ``[`` before it, a writer's typo, is text
    to kramdown (checked with jekyll build 4.3: PennController's docs), not a link; a
    whole link before it on the line does not open it."""
    body = """
        See [one]({{site.baseurl}}/gone.html) and
        `code` text]({{site.baseurl}}/nowhere). [Two [nested]]({{site.baseurl}}/lost.html).
        """
    assert jekyll_findings(tmp_path, body) == [(5, "OA303"), (6, "OA303")]


def test_jekyll_writes_a_quoted_path_in_liquid_as_it_is(tmp_path):
    """Marlin's home page links ``{{ '/docs/x.html#part' }}``: Liquid writes the text as
    it is, with no base path (checked with jekyll build 4.3), so it is checked as that
    address."""
    (tmp_path / "guide.md").write_text("---\ntitle: Guide\n---\n\n# Intro\n", encoding="utf-8")
    body = """
        <a href="{{ '/guide.html#intro' }}">a</a> <a href="{{ '/guide.html#main' }}">b</a>
        <a href="{{ '/missing.html' }}">c</a> <a href="{{ 'guide.html' }}">d</a>
        """
    assert jekyll_findings(tmp_path, body) == [(5, "OA302"), (6, "OA303")]


def test_jekyll_site_url_then_a_path_is_that_address_of_the_site(tmp_path):
    """bulma's docs link ``{{ site.url }}/documentation/...`` with no baseurl: Jekyll 4.3
    writes the site's host and the path, and 34 such links led nowhere. They had been
    left unjudged as template code."""
    (tmp_path / "guide.md").write_text("---\ntitle: Guide\n---\n\n# Intro\n", encoding="utf-8")
    body = """
        [Guide]({{ site.url }}/guide.html#intro) and [gone]({{ site.url }}/missing/).

        <img src="{{site.url}}/images/none.png" alt="None">

        [Guide]({{ site.url }}/guide.html#main) and [page]({{ site.url }}{{ page.url }}).
        """
    assert jekyll_findings(tmp_path, body) == [(5, "OA303"), (7, "OA303"), (9, "OA302")]


def test_jekyll_a_layout_that_never_prints_content_publishes_no_body(tmp_path):
    """bulma's ``_layouts/post.html`` is front matter alone (``layout: default``): Jekyll
    4.3 writes each post with an empty body, so the links written there are on no page
    (8 false alarms, 75 with ``{{ site.url }}`` links read). A layout that prints the
    content through an include still publishes it, or one that hands it to an include
    (moveit's ``{% include anchors.html html=content %}``: 13 planted misses); so may a
    theme gem's layout."""
    write_site(tmp_path, {
        "_layouts/default.html": "<body>{{ content }}</body>\n",
        "_layouts/post.html": "---\nlayout: default\n---\n",
        "_layouts/wrapped.html": "---\nlayout: default\n---\n{% include body.html %}\n",
        "_layouts/handed.html": "<body>{% include anchors.html html=content %}</body>\n",
        "_includes/body.html": "<main>{{ content }}</main>\n",
        "_includes/anchors.html": "{{ include.html | replace: '<h2 ', '<h2 class=x ' }}\n",
        "_posts/2020-01-04-handed.md": "---\nlayout: handed\n---\n\n[a](/nowhere/)\n",
        "_posts/2020-01-01-hello.md": "---\nlayout: post\n---\n\n[a](/nowhere/) [b](#b)\n\n"
        '<video><source src="{{ site.url }}/v.mp4"></video>\n',  # a link Liquid makes
        "_posts/2020-01-02-kept.md": "---\nlayout: wrapped\n---\n\n[a](/nowhere/)\n",
        "_posts/2020-01-03-theme.md": "---\nlayout: minima\n---\n\n[a](/nowhere/)\n",
        "_config.yml": "title: x\n",
    })  # fmt: skip
    options = CheckOptions(select=["OA302", "OA303"], jobs=1, cache=False)
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert sorted(Path(d.path).name for d in found) == [
        "2020-01-02-kept.md",
        "2020-01-03-theme.md",
        "2020-01-04-handed.md",
    ]


def test_jekyll_liquid_in_a_script_is_javascript_not_a_link(tmp_path):
    """strimzi's glossary writes ``var docsPath = "{{ '/docs/latest/' | relative_url }}"``
    in a ``<script>``: Jekyll writes the address into a string of JavaScript, no link
    (1 false alarm). The same in a ``<style>``; after the end tag, a link again."""
    body = """
        <script>
          var docsPath = "{{ '/docs/latest/' | relative_url }}";
        </script>
        <style>a { background: url("{{ '/img/none.png' | relative_url }}"); }</style>

        [Gone]({{ '/gone/' | relative_url }})
        """
    assert jekyll_findings(tmp_path, body) == [(10, "OA303")]


def test_jekyll_polyglot_builds_each_language_under_its_code(tmp_path):
    """jekyll-polyglot builds ``about.ko.md`` (``lang: ko``, ``permalink: /about/``) at
    /ko/about/, and every other page again under /ko/ from the default language's: the
    polyglot site's links to /ko/ were 33 false alarms, and the two about pages one
    address conflict (checked with polyglot 1.5.1 and Jekyll 4.3.1). A page in Korean
    links into the Korean site: polyglot writes its ``/guide/`` as ``/ko/guide/``."""
    write_site(tmp_path, {
        "_config.yml": "url: https://example.org\nplugins: [jekyll-polyglot]\n"
                       'languages: ["en", "ko"]\ndefault_lang: "en"\npermalink: pretty\n',
        "about.md": "---\ntitle: About\n---\n\nText.\n",
        "about.ko.md": "---\ntitle: About\nlang: ko\npermalink: /about/\n---\n\n"
                       "[s](/guide/#setup) [t](/guide/#other)\n",
        "guide.md": "---\ntitle: Guide\n---\n\n## Setup\n",
        "guide.ko.md": "---\ntitle: Guide\nlang: ko\npermalink: /guide/\n---\n\n## Other\n",
        "index.md": "---\ntitle: Home\n---\n\n[a](/ko/) [b](/ko/about/) [c](https://example.org/ko/)\n"
                    "[d](/ko/missing/) [e](/de/about/)\n",
    })  # fmt: skip
    options = CheckOptions(jobs=1, cache=False)
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [(d.code, d.line, d.column) for d in found if d.code in ("OA301", "OA303")] == [
        ("OA303", 6, 1),
        ("OA303", 6, 19),
    ]
    assert not [d for d in found if d.code == "OA105"]
    # A Korean page's /guide/ is the Korean guide: polyglot writes its links into /ko/.
    missing = [(Path(d.path).name, d.column) for d in found if d.code == "OA302"]
    assert missing == [("about.ko.md", 1)]


def test_jekyll_link_tags_after_the_baseurl_and_with_spaces(tmp_path):
    """``{{ site.baseurl }}{% link a.md %}`` (the form Jekyll 3 and GitHub Pages need) is
    the tag's page, and the tag's argument may hold spaces; ``jekyll build`` 4.3 built
    each link below to its page."""
    write_site(tmp_path, {
        "guide.md": "---\ntitle: Guide\n---\n",
        "docs/Robot Parts/index.md": "---\ntitle: Parts\n---\n",
        "_posts/2024-01-01-x.md": "---\ntitle: X\n---\n",
    })  # fmt: skip
    body = """
        [Guide]({{ site.baseurl }}{% link guide.md %}),
        [X]({{ site.baseurl }}{% post_url 2024-01-01-x %})
        and <a href="{{ site.baseurl }}{% link guide.md %}">the guide</a>.

        [Parts]({% link docs/Robot Parts/index.md %}),
        [again]({% link docs/Robot Parts/index.md -%}).

        [Gone]({{ site.baseurl }}{% link docs/Robot Parts/gone.md %}).
        """
    assert jekyll_findings(tmp_path, body) == [(12, "OA301")]


def test_jekyll_template_code_after_the_baseurl_is_not_judged(tmp_path):
    """``{{ site.baseurl }}{{ thispage.permalink }}`` (GitHub's training kit, in a loop over
    pages) is an address only the build knows: not checked, as ``{{ page.url }}`` alone
    is not. ``{{ site.baseurl }}/gone/`` still is."""
    body = """
        <a href="{{ site.baseurl }}{{ thispage.permalink }}">one</a>,
        [two]({{ site.baseurl }}{{ page.url }}), [three]({{site.baseurl}}{{page.url}}#top),
        [four]({{ page.dir }}{{ site.baseurl }}/a/) and [gone]({{ site.baseurl }}/gone/).
        """
    assert jekyll_findings(tmp_path, body) == [(7, "OA303")]


def _site_findings(root: Path, files: dict[str, str]) -> list[str]:
    write_site(root, files)
    options = CheckOptions(select=["OA301", "OA302", "OA303"], jobs=1, cache=False)
    found = run_check([], load_config(start=root), options).diagnostics
    return [f"{Path(d.path).name}:{d.line} {d.code} {d.message}" for d in found]


_PAGES_PROBE = """
    ---
    title: Probe
    ---

    [home](/), [spec](/spec/), [relative](spec/v1.md), [plain page](/TRANSLATORS.html),
    [sitemap](/sitemap.xml), [robots](/robots.txt), [feed](/feed.xml),
    [future post](/2999/01/01/later.html) and [gone](/gone/).
    """


@pytest.mark.parametrize("gemfile", ["gem 'github-pages', :group => :jekyll_plugins\n", ""])
def test_a_github_pages_site_is_read_with_the_plugins_github_pages_turns_on(tmp_path, gemfile):
    """semver.org asks for the github-pages gem in its Gemfile and lists none of the
    plugins GitHub Pages always runs: optional-front-matter (index.md and TRANSLATORS.md
    have no front matter), relative-links, readme-index, and future posts published.
    jekyll-sitemap and jekyll-feed write their files. Checked against ``jekyll build``
    4.3.1 with those plugins named in the config."""
    files = {
        "_config.yml": "title: SemVer\nplugins: [jekyll-sitemap, jekyll-feed]\n",
        "index.md": "# Semantic Versioning\n\nText.\n",
        "TRANSLATORS.md": "# Translators\n",
        "spec/README.md": "# Specs\n",
        "spec/v1.md": "---\ntitle: v1\n---\n",
        "_posts/2999-01-01-later.md": "---\ntitle: Later\n---\n",
        "probe.md": _PAGES_PROBE,
    }
    if gemfile:
        files["Gemfile"] = "source 'https://rubygems.org'\n\n" + gemfile
    found = _site_findings(tmp_path, files)
    if gemfile:
        assert found == ["probe.md:7 OA303 no page or file of this site is served at /gone/"]
    else:  # plain Jekyll: none of those plugins, no future posts
        assert [line.split(" ")[0] for line in found] == ["probe.md:5"] * 4 + ["probe.md:7"] * 2


@pytest.mark.parametrize("gemfile", [None, "gem 'jekyll'\n", "gem 'github-pages'\n"])
def test_markdown_files_jekyll_builds_no_page_of_are_named_in_a_note(tmp_path, gemfile):
    """The OpenSSF's best-practices guides have a ``_config.yml``, no Gemfile and no front
    matter: Jekyll alone builds no page of them, GitHub Pages builds them all. A run that
    checked nothing said only "No pages found"; a note now says why and what to change."""
    files = {
        "_config.yml": "title: Guides\n",
        "index.md": "# Guides\n",
        "secure.md": "# Secure\n",
        "README.md": "# About\n",
        "_includes/part.md": "Part\n",
    }
    if gemfile is not None:
        files["Gemfile"] = gemfile
    write_site(tmp_path, files)
    options = CheckOptions(select=["OA301"], jobs=1, cache=False)
    result = run_check([], load_config(start=tmp_path), options)
    unbuilt = [note for note in result.notes if "no front matter" in note]
    if gemfile == "gem 'github-pages'\n":
        assert (len(result.files), unbuilt) == (2, [])
    elif gemfile is not None:  # Jekyll builds it: files without front matter on purpose
        assert (result.files, unbuilt) == ([], [])
    else:
        assert (result.files, unbuilt) == (
            [],
            [
                "jekyll (_config.yml): 2 Markdown files have no front matter, so Jekyll builds"
                " no pages of them and they are not checked; GitHub Pages builds such files:"
                ' if it builds this site, add a Gemfile with gem "github-pages" (as GitHub\'s'
                " docs advise for building it locally), or front matter to each file"
            ],
        )


def test_jekyll_readme_index_leaves_a_folder_with_an_index_alone(tmp_path):
    """jekyll-readme-index 0.3 (GitHub Pages's) makes a README its folder's index when
    no page or file of the site is that folder's index (``docs/index.html``, a static
    ``INDEX.htm`` too); the README stays a plain file as well."""
    files = {
        "_config.yml": "title: x\nplugins: [jekyll-readme-index]\n",
        "docs/README.md": "# Docs\n",
        "guide/README.md": "# Guide\n",
        "guide/INDEX.htm": "<p>The guide</p>\n",
        "probe.md": (
            "---\ntitle: P\n---\n\n[docs](/docs/), [readme](/docs/README.md),"
            " [guide](/guide/) and [its index](/guide/INDEX.htm).\n"
        ),
    }
    assert _site_findings(tmp_path, files) == [
        "probe.md:5 OA303 no page or file of this site is served at /guide/"
    ]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "",
            [
                "a.md:5 OA301 link target 'b.md' is not on the built site: jekyll-relative-links"
                " rewrites links to source files in pages, not in posts or collection documents"
                " (unless relative_links: {collections: true}); link to its address, /b/"
            ],
        ),
        ("relative_links: {collections: true}\n", []),
        (
            "relative_links: {enabled: false}\n",
            [
                "a.md:5 OA301 link target 'b.md' does not exist",
                "c.md:5 OA301 link target '_articles/a.md' does not exist",
            ],
        ),
    ],
)
def test_jekyll_relative_links_rewrites_links_in_pages_only(tmp_path, settings, expected):
    """jekyll-relative-links (0.6, GitHub Pages's) rewrites a link to a source file in a
    page, and in a collection document only with ``collections: true``; ``enabled: false``
    turns it off. ``jekyll build`` 4.3.1 built each link as the findings say."""
    config = "title: x\nplugins: [jekyll-relative-links]\n" + settings
    config += "collections:\n  articles: {output: true, permalink: '/:path/'}\n"
    found = _site_findings(tmp_path, {
        "_config.yml": config,
        "_articles/a.md": "---\ntitle: A\n---\n\n[b](b.md) and [b again](../b/).\n",
        "_articles/b.md": "---\ntitle: B\n---\n\nText.\n",
        "c.md": "---\ntitle: C\n---\n\n[a](_articles/a.md).\n",
    })  # fmt: skip
    assert found == expected


@pytest.mark.parametrize("plugin", ["plugins: [jekyll-relative-links]\n", ""])
def test_jekyll_relative_links_rewrites_root_relative_links_to_source_files(tmp_path, plugin):
    """jekyll-relative-links 0.7 reads ``/sub/c.md`` from the site's source folder and
    rewrites it to the page's address (``/sub/c.html#part``, built with jekyll 4.3.1:
    publiccode.net's governance page). A root-relative link to no source file, and any
    such link without the plugin, is a web address the site does not serve."""
    found = _site_findings(tmp_path, {
        "_config.yml": "title: x\n" + plugin,
        "b.md": "---\ntitle: B\n---\n\nText.\n",
        "sub/c.md": "---\ntitle: C\n---\n\n## Part\n",
        "index.md": "---\ntitle: A\n---\n\n[b](/b.md), [c](/sub/c.md#part), [d](/sub/d.md)\n",
    })  # fmt: skip
    missing = ["/b.md", "/sub/c.md", "/sub/d.md"] if not plugin else ["/sub/d.md"]
    assert found == [
        f"index.md:5 OA303 no page or file of this site is served at {path}" for path in missing
    ]


@pytest.mark.parametrize("permalink", ["/:path/", "/:path.html", "/:path/index.html"])
def test_jekyll_text_after_a_link_tag_is_part_of_the_address(tmp_path, permalink):
    """swcarpentry's lessons write ``{% link _episodes/02-two.md %}/#wildcards``: the
    built link is the page's address as the tag writes it, then ``/``, then the
    fragment, and each part is judged (built with jekyll 4.3.1). Two slashes are one to
    a server; ``/two.html/`` and ``/two/index.html/`` are no page."""
    config = f"title: x\ncollections:\n  episodes: {{output: true, permalink: '{permalink}'}}\n"
    found = _site_findings(tmp_path, {
        "_config.yml": config,
        "_episodes/two.md": "---\ntitle: Two\n---\n\n## Wildcards\n",
        "_episodes/one.md": (
            "---\ntitle: One\n---\n\n[a]({% link _episodes/two.md %}/#wildcards),"
            " [b]({% link _episodes/two.md %}/#nope)\n"
        ),
    })  # fmt: skip
    if permalink == "/:path/":
        assert found == ["one.md:5 OA302 no heading or id 'nope' in _episodes/two.md"]
    elif permalink == "/:path.html":
        served = "one.md:5 OA303 no page or file of this site is served at /two.html/"
        assert found == [f"{served}; did you mean /two.html?"] * 2
    else:
        served = "one.md:5 OA303 no page or file of this site is served at /two/index.html/"
        assert found == [served] * 2


def test_jekyll_terms_of_an_auto_ids_definition_list_have_ids(tmp_path):
    """kramdown gives each term of a definition list with ``{:auto_ids}`` an id
    (swcarpentry's shell lesson links to its glossary so: 40 false errors); a term that
    is not there is still a break (built with jekyll 4.3.1)."""
    found = _site_findings(tmp_path, {
        "_config.yml": "title: x\n",
        "reference.md": (
            "---\ntitle: Reference\n---\n\n## Glossary\n\n{:auto_ids}\nabsolute path\n"
            ":   A path from the [root directory](#root-directory).\n\nroot directory\n"
            ":   The top.\n"
        ),
        "episode.md": (
            "---\ntitle: E\n---\n\n[a](reference.html#absolute-path),"
            " [b](reference.html#relative-path)\n"
        ),
    })  # fmt: skip
    assert found == ["episode.md:5 OA302 no heading or id 'relative-path' in reference.md"]


@pytest.mark.parametrize("include", ["include: [_pages]\n", ""])
def test_jekyll_reads_an_underscore_folder_that_include_lists(tmp_path, include):
    """minimal-mistakes' docs keep their pages in ``_pages/`` with ``include: [_pages]``:
    Jekyll builds them then (checked with jekyll build 4.3.1), and not without it."""
    found = _site_findings(tmp_path, {
        "_config.yml": "title: x\n" + include,
        "_pages/about.md": (
            "---\ntitle: About\npermalink: /about/\n---\n\n## Me\n\n[gone](/gone/)\n"
        ),
        "index.md": "---\ntitle: Home\n---\n\n[about](/about/#me)\n",
    })  # fmt: skip
    if include:
        assert found == ["about.md:8 OA303 no page or file of this site is served at /gone/"]
    else:
        assert found == ["index.md:5 OA303 no page or file of this site is served at /about/"]


_DOUBLED = "Jekyll 4's link tags add the base path themselves: leave out {{ site.baseurl }}"
_MISSING = "Jekyll 3's link tags leave out the base path: write {{ site.baseurl }} before it"


def _unserved(path: str, note: str) -> str:
    return f"index.md:5 OA303 no page or file of this site is served at {path} ({note})"


@pytest.mark.parametrize(
    ("gemfile", "expected"),
    [
        (
            "",
            [_unserved("/mm/mm/b.html", _DOUBLED), _unserved("/mm/mm/2020/01/01/x.html", _DOUBLED)],
        ),
        (
            "gem 'github-pages', group: :jekyll_plugins\n",
            [_unserved("/b.html", _MISSING), _unserved("/2020/01/01/x.html", _MISSING)],
        ),
        ("gem 'jekyll', '~> 3.9'\n", None),  # as GitHub Pages's Jekyll 3.10
    ],
)
def test_jekyll_link_tags_and_the_base_path(tmp_path, gemfile, expected):
    """Jekyll 4's ``{% link %}`` and ``{% post_url %}`` write the base path themselves, so
    ``{{ site.baseurl }}`` before them doubles it (``jekyll build`` 4.3.1 wrote
    ``/mm/mm/b.html``; minimal-mistakes' docs have such links). Jekyll 3, which GitHub
    Pages runs, leaves it out: there the page must write it."""
    files = {
        "_config.yml": "title: x\nbaseurl: /mm\n",
        "b.md": "---\ntitle: B\n---\n",
        "_posts/2020-01-01-x.md": "---\ntitle: X\n---\n",
        "index.md": (
            "---\ntitle: Home\n---\n\n[one]({{ site.baseurl }}{% link b.md %}), [two]({% link"
            ' b.md %}), [three]({{ "" | relative_url }}{% post_url 2020-01-01-x %}) and'
            " [four]({% post_url 2020-01-01-x %}).\n"
        ),
    }
    if gemfile:
        files["Gemfile"] = "source 'https://rubygems.org'\n" + gemfile
    found = _site_findings(tmp_path, files)
    if expected is None:  # Jekyll 3 without GitHub Pages: the same as with it
        expected = _site_findings(tmp_path / "pages", {**files, "Gemfile": "gem 'github-pages'\n"})
    assert found == expected


def test_a_footnote_is_no_reference_definition_and_messages_show_links_as_written(tmp_path):
    """``[^1]: 訳注：…`` (a note without a space) is a footnote to every generator, though
    CommonMark alone reads a reference definition (the CNCF glossary's Japanese pages);
    a broken link's message shows its address as the page writes it, not as the parser
    percent-encodes it."""
    write_site(tmp_path, {"guide.md": "# Guide\n"})
    text = "# Page\n\n速い[^1]インフラ。[訳注](ガイド.md) and [a]([it/a/).\n\n[^1]: 訳注：必要\n"
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    assert lint(tmp_path, "page.md", "OA301") == [
        "3:12 OA301 link target 'ガイド.md' does not exist",
        "3:29 OA301 link target '[it/a/' does not exist",
    ]


@pytest.mark.parametrize("theme", ["terminal-not-installed", "mkdocs"])
def test_links_to_files_of_a_theme_not_installed_here_are_counted(tmp_path, theme):
    """A site's theme may be installed only where the site builds (mkdocs-terminal): its
    styles and scripts are files of the build that openaccess cannot see. Links to such
    files are counted as not checked, as the note says, not reported; a missing page or
    image is still reported. With a theme installed here, its files are known."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\ntheme: {theme}\n", encoding="utf-8")
    write_site(
        tmp_path / "docs",
        {
            "index.md": "# Home\n",
            "a/page.md": """
                # Page

                <link href="../../css/palettes/dark.css" rel="stylesheet">

                [Script](../../js/theme.js), [picture](../../img/gone.png), [page](gone.md).
                """,
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    targets = [d.message.split("'")[1] for d in result.diagnostics]
    unchecked = [n for n in result.notes if "not checked" in n]
    gone = ["../../img/gone.png", "gone.md"]
    if theme == "mkdocs":
        assert targets == ["../../css/palettes/dark.css", "../../js/theme.js", *gone]
        assert unchecked == []
    else:
        assert targets == gone
        assert unchecked == [
            "2 links not checked (2 in the MkDocs theme 'terminal-not-installed', which is"
            " not installed here); --verbose lists them"
        ]


@pytest.mark.parametrize(("mkdocs", "found"), [(True, ["3:11", "8:1", "8:13"]), (False, [])])
def test_a_definition_right_below_a_paragraph_line_is_one_to_python_markdown(
    tmp_path, mkdocs, found
):
    """Python-Markdown takes a reference definition from anywhere in a block, so on an
    MkDocs site ``[Other]: gone.md`` on the line below ``Para with [Other] link.`` makes
    that a link (mkdocs-terminal's docs: a planted break was missed). To CommonMark the
    line is text of the paragraph, and ``[Other]`` no link. A definition in a code fence
    is code."""
    if mkdocs:
        settings = "site_name: T\nmarkdown_extensions: [fenced_code]\n"
        (tmp_path / "mkdocs.yml").write_text(settings, encoding="utf-8")
    write_site(
        tmp_path / ("docs" if mkdocs else "pages"),
        {
            "index.md": """
                # Home

                Para with [Other] link.
                [Other]: gone.md "A title"
                ```
                [Code]: code.md
                ```
                [Third] and [the third][third].
                [third]: <also-gone.md>
                """,
        },
    )
    config = load_config(start=tmp_path)
    result = run_check([], config, CheckOptions(select=["OA301"], jobs=1, cache=False))
    assert [p.split(" ")[0] for p in _positions(result.diagnostics)] == found


def test_a_collection_file_with_no_extension_is_served_without_a_slash(tmp_path):
    """Under ``permalink: pretty``, Jekyll serves a collection's ``files/vimrc`` at
    ``/2020/files/vimrc``, with no slash (missing-semester: a false OA303; checked with
    jekyll build 4.3). The address with a slash is broken."""
    config = "title: t\npermalink: pretty\ncollections:\n  '2020':\n    output: true\n"
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    (tmp_path / "_2020" / "files").mkdir(parents=True)
    (tmp_path / "_2020" / "files" / "vimrc").write_text("set number\n", encoding="utf-8")
    page = "---\ntitle: P\n---\n\n[a](/2020/files/vimrc) [b](/2020/files/vimrc/)\n"
    (tmp_path / "index.md").write_text(page, encoding="utf-8")
    options = CheckOptions(select=["OA301", "OA303"], jobs=1, cache=False)
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [(d.line, d.column, d.code) for d in found] == [(5, 24, "OA303")]
