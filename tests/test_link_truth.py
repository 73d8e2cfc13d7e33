"""The link ground truth: benchmarks/link_truth.py and the test sites in tests/sites.

Each site under tests/sites/<generator>/ is built with its real generator (MkDocs from
PyPI, Debian's hugo and jekyll); a crawl of the output must find exactly the broken links
listed in the site's planted.toml. That proves both the harness (build, crawl, static
server rules, mapping back to the source line) and the sites.

The router acceptance test at the end compares ``openaccess check`` with that ground
truth, clean and with planted breaks: no miss, no false alarm.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from functools import partial
from pathlib import Path

import pytest
from cli_helpers import run_process, write

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT / "tests" / "sites"
GENERATOR_TOOLS = {"mkdocs": "mkdocs", "hugo": "hugo", "jekyll": "jekyll"}

spec = importlib.util.spec_from_file_location("link_truth", ROOT / "benchmarks" / "link_truth.py")
assert spec and spec.loader
link_truth = importlib.util.module_from_spec(spec)
sys.modules["link_truth"] = link_truth
spec.loader.exec_module(link_truth)


def require_generator(generator: str) -> None:
    """Skip with a reason when the generator is missing; CI makes that a failure."""
    if generator == "mkdocs":
        missing = importlib.util.find_spec("mkdocs") is None
    else:
        missing = shutil.which(GENERATOR_TOOLS[generator]) is None
    if missing:
        reason = f"{generator} is not installed (.ci/install-browser.sh installs it)"
        if os.environ.get("OPENACCESS_REQUIRE_GENERATORS") == "1":
            pytest.fail(f"{reason}; OPENACCESS_REQUIRE_GENERATORS=1 makes this a failure")
        pytest.skip(reason)


def site_cases() -> list[tuple[str, str, str]]:
    cases = []
    for planted in sorted(SITES.glob("*/planted.toml")):
        spec = tomllib.loads(planted.read_text(encoding="utf-8"))
        for variant in spec["variant"]:
            cases.append((planted.parent.name, variant["name"], variant["config"]))
    return cases


def planted_breaks(site: str, variant: str) -> set[tuple[str, int, str, str]]:
    spec = tomllib.loads((SITES / site / "planted.toml").read_text(encoding="utf-8"))
    return {
        (item["source"], item["line"], item["href"], item["kind"])
        for item in spec["break"]
        if variant in item.get("variants", [v["name"] for v in spec["variant"]])
    }


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


CASES = site_cases()


@pytest.fixture(scope="module")
def truth_of(tmp_path_factory: pytest.TempPathFactory):
    """Build each site variant once for the whole module."""
    built: dict[tuple[str, str], object] = {}

    def get(site: str, config: str):
        if (site, config) not in built:
            folder = tmp_path_factory.mktemp(f"{site}-truth")
            options = link_truth.Options(config=config)
            built[(site, config)] = link_truth.site_truth(SITES / site, folder, options)
        return built[(site, config)]

    return get


def test_every_generator_has_a_site_with_variants() -> None:
    assert {site for site, _, _ in CASES} == {"mkdocs", "hugo", "jekyll"}
    for site in ("mkdocs", "hugo", "jekyll"):
        assert sum(1 for s, _, _ in CASES if s == site) >= 2, site


@pytest.mark.parametrize("site, variant, config", CASES, ids=[f"{s}-{v}" for s, v, _ in CASES])
def test_crawl_finds_exactly_the_planted_breaks(
    site: str, variant: str, config: str, truth_of
) -> None:
    require_generator(site)
    before = tree_digest(SITES / site)
    truth = truth_of(site, config)
    found = {(b.path, b.line, b.raw, b.why) for b in truth.breaks}
    assert found == planted_breaks(site, variant)
    assert [(b.href, b.pages) for b in truth.unattributed] == []
    assert tree_digest(SITES / site) == before, "the harness must never write into the site"


@pytest.mark.parametrize("site, variant, config", CASES, ids=[f"{s}-{v}" for s, v, _ in CASES])
def test_test_sites_are_big_enough(site: str, variant: str, config: str, truth_of) -> None:
    require_generator(site)
    del variant
    truth = truth_of(site, config)
    assert len(set(truth.built.page_sources.values())) >= 30
    assert truth.links_seen >= 100


def test_planting_makes_breaks_in_page_text_and_keeps_lines(tmp_path: Path) -> None:
    require_generator("mkdocs")
    options = link_truth.Options()
    clean, planted = link_truth.measure(SITES / "mkdocs", tmp_path, options, (7, 3))
    assert len(planted.mutations) == 7
    assert {m.kind for m in planted.mutations} == set(link_truth.PLANT_KINDS)
    assert planted.planted, "planting made no broken link"
    # Every link mutation shows up as a new break on its own line, with the new text.
    for mutation in planted.mutations:
        if mutation.line and mutation.kind != "drop-heading":
            assert any(
                b.path == mutation.path and b.line == mutation.line and b.raw == mutation.new_raw
                for b in planted.planted
            ), mutation
    # Breaks that existed before planting are not counted as planted.
    clean_keys = {b.key() for b in clean.truth.breaks}
    assert not [b for b in planted.planted if b.key() in clean_keys]
    assert all(b.planted for b in planted.planted)


def test_a_dropped_plugin_leaves_the_others_options_in_a_plugins_mapping(tmp_path: Path) -> None:
    """``--drop-plugin`` keeps the options of every other plugin, also when ``plugins``
    is a mapping of names to options (Knative's mkdocs.yml): the redirect still makes the
    old address a page, so the link to it works."""
    require_generator("mkdocs")
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  search: {}\n  redirects:\n"
        "    redirect_maps:\n      old.md: index.md\n",
        encoding="utf-8",
    )
    (site / "docs" / "index.md").write_text("# Home\n\n[old](old/)\n", encoding="utf-8")
    options = link_truth.Options(drop_plugins=("search",))
    (clean,) = link_truth.measure(site, tmp_path / "work", options, None)
    assert clean.truth.links_seen and clean.truth.breaks == []


JINJA_HOOK = """import jinja2


def on_page_markdown(markdown, page, config, files):
    loader = jinja2.FileSystemLoader("snippets")
    return jinja2.Environment(loader=loader).from_string(markdown).render()
"""


def test_files_pasted_by_include_markdown_and_jinja_are_the_pages_includes(tmp_path) -> None:
    """The harness records the files mkdocs-include-markdown-plugin and Jinja's
    ``{% include %}`` (as mkdocs-macros runs it; here a hook) paste into a page, so a
    broken link of a pasted file pairs with openaccess's finding at the include line:
    TRaSH Guides' 17 true breaks and Knative's 2 had been counted as false alarms."""
    require_generator("mkdocs")
    site = tmp_path / "site"
    _write_site(site, {
        "mkdocs.yml": "site_name: T\nhooks: [jinja_hook.py]\nplugins:\n  - include-markdown:\n"
                      "      opening_tag: '{!'\n      closing_tag: '!}'\n",
        "jinja_hook.py": JINJA_HOOK,
        "docs/index.md": "# Home\n\n{% include 'jinja.md' %}\n",
        "docs/guide.md": "# Guide\n\n{! include-markdown '../includes/part.md' !}\n",
        "snippets/jinja.md": "[jinja](nope.md)\n",
        "includes/part.md": "[pasted](../docs/gone.md)\n",
    })  # fmt: skip
    (clean,) = link_truth.measure(site, tmp_path / "work", link_truth.Options(), None)
    assert clean.truth.built.includes == {
        "docs/guide.md": {"includes/part.md"},
        "docs/index.md": {"snippets/jinja.md"},
    }
    assert sorted((b.path, b.raw) for b in clean.truth.breaks) == [
        ("includes/part.md", "../docs/gone.md"),
        ("snippets/jinja.md", "nope.md"),
    ]
    # openaccess reads mkdocs-macros' include_dir, not a hook's own Jinja.
    assert [b.path for b in clean.comparison.misses] == ["snippets/jinja.md"]
    assert clean.comparison.false_alarms == []


def test_files_pasted_by_markdown_include_are_the_pages_includes(tmp_path) -> None:
    """markdown-include reads ``{!file!}`` with the built-in ``open``: the harness records
    it too, so the pasted file's break pairs with openaccess's finding at the include
    line (pikvm's docs: 3 misses and 5 false alarms of the harness)."""
    require_generator("mkdocs")
    site = tmp_path / "site"
    _write_site(site, {
        "mkdocs.yml": "site_name: T\nmarkdown_extensions:\n  - markdown_include.include:\n"
                      "      base_path: docs\nexclude_docs: |\n  _*.md\n",
        "docs/index.md": "# Home\n\nRead the [guide](guide.md).\n\n{!_part.md!}\n",
        "docs/_part.md": "See [the guide](Guide.md) for more.\n",
        "docs/guide.md": "# Guide\n",
    })  # fmt: skip
    (clean,) = link_truth.measure(site, tmp_path / "work", link_truth.Options(), None)
    assert clean.truth.built.includes == {"docs/index.md": {"docs/_part.md"}}
    assert [(b.path, b.raw) for b in clean.truth.breaks] == [("docs/_part.md", "Guide.md")]
    assert (clean.comparison.misses, clean.comparison.false_alarms) == ([], [])
    # Through a chain (page -> _outer.md -> _part.md): reported at the page's own line.
    _write_site(site, {
        "docs/index.md": "# Home\n\nRead the [guide](guide.md).\n\n{!_outer.md!}\n",
        "docs/_outer.md": "Outer text.\n\n{!_part.md!}\n",
    })  # fmt: skip
    (chained,) = link_truth.measure(site, tmp_path / "work2", link_truth.Options(), None)
    assert chained.truth.built.includes == {"docs/index.md": {"docs/_outer.md", "docs/_part.md"}}
    assert (chained.comparison.misses, chained.comparison.false_alarms) == ([], [])


def test_netlify_redirects_serve_missing_paths_as_netlify_does(tmp_path) -> None:
    """``--netlify`` follows the built ``_redirects`` for a path no file serves: a
    splat (also for the folder itself), a ``:name`` segment, a 200 rewrite; a 404 rule
    and a rule with conditions serve nothing (keda's docs: 1,053 links the redirects
    serve had been counted as misses)."""
    (tmp_path / "_redirects").write_text(
        "# comment\n/docs/*  /docs/2.1/:splat  301\n/blog/:year/:slug /posts/:slug/ 200\n"
        "/gone /nowhere 404\n/fr/* /fr/index.html 302 Country=fr\n/old/ /new/\n",
        encoding="utf-8",
    )
    rules = link_truth.netlify_rules(tmp_path / "_redirects")
    assert [link_truth.netlify_target(path, rules) for path in [
        "/docs/deploy/", "/docs", "/blog/2024/hello", "/gone", "/fr/a", "/old", "/other/",
    ]] == [
        "/docs/2.1/deploy/", "/docs/2.1/", "/posts/hello/", None, None, "/new/", None,
    ]  # fmt: skip
    crawl = link_truth.Crawl(
        files={"index.html", "new/index.html"}, lower_files={}, dirs={"new"},
        ids={"index.html": set(), "new/index.html": {"part"}}, links=[], bases={},
    )  # fmt: skip
    built = link_truth.Built(out=tmp_path, base_path="/", hosts=set(), netlify_rules=rules)
    verdicts = [
        link_truth.judge(link_truth.BuiltLink("index.html", href, "a", 1), crawl, built)
        for href in ["/old/#part", "/old/#gone", "/gone"]
    ]
    assert [(v.status, v.why) for v in verdicts] == [
        ("ok", ""), ("broken", "missing-fragment"), ("broken", "missing-file"),
    ]  # fmt: skip


def test_forced_netlify_rules_apply_where_a_file_is_served_and_iframe_fragments_are_the_apps(
    tmp_path,
) -> None:
    """A ``301!`` rule is forced: Netlify follows it even where a file is served (vitess's
    alias page behind ``/docs/user-guides/* /docs/21.0/user-guides/:splat 301!``: the
    harness's 1 false alarm). A fragment in an ``<iframe src>`` is the framed app's state
    (vitess's ``/ViewerJS/#../files/x.pdf``: 14 misses of the harness)."""
    (tmp_path / "_redirects").write_text("/guide/*  /v2/guide/:splat  301!\n", encoding="utf-8")
    rules = link_truth.netlify_rules(tmp_path / "_redirects")
    crawl = link_truth.Crawl(
        files={"index.html", "guide/up/index.html", "viewer/index.html"}, lower_files={},
        dirs={"guide", "guide/up", "viewer"},
        ids={"index.html": set(), "guide/up/index.html": set(), "viewer/index.html": set()},
        links=[], bases={},
    )  # fmt: skip
    built = link_truth.Built(out=tmp_path, base_path="/", hosts=set(), netlify_rules=rules)
    verdicts = [
        link_truth.judge(link_truth.BuiltLink("index.html", href, tag, 1), crawl, built)
        for href, tag in [("/guide/up/", "a"), ("/viewer/#../x.pdf", "iframe"),
                          ("/viewer/#gone", "a")]
    ]  # fmt: skip
    assert [(v.status, v.why) for v in verdicts] == [
        ("broken", "missing-file"), ("ok", "fragment of a framed page"),
        ("broken", "missing-fragment"),
    ]  # fmt: skip


def test_a_post_url_names_a_post_in_a_nested_posts_folder(tmp_path) -> None:
    """Jekyll reads ``_posts`` in any folder (``docs/_posts/``): the harness paired
    ``{% post_url %}`` only with a top-level one (simpleit.rocks: a break paired with
    the wrong line, another lost)."""
    require_generator("jekyll")
    site = tmp_path / "site"
    _write_site(site, {
        "_config.yml": "title: T\npermalink: /:title/\n",
        "index.md": "---\ntitle: Home\n---\n[E]({% post_url 2020-01-01-a %}#no-such-e)\n"
                    "[G](/a/#no-such-g)\n",
        "docs/_posts/2020-01-01-a.md": "---\ntitle: A\n---\n\n## Part\n",
    })  # fmt: skip
    (clean,) = link_truth.measure(site, tmp_path / "work", link_truth.Options(), None)
    assert [(b.path, b.line) for b in clean.truth.breaks] == [("index.md", 4), ("index.md", 5)]
    assert (clean.comparison.misses, clean.comparison.false_alarms) == ([], [])


def test_planting_is_deterministic(truth_of) -> None:
    require_generator("mkdocs")
    truth = truth_of("mkdocs", "mkdocs.yml")
    first = link_truth.plan_mutations(truth, 5, 11)
    second = link_truth.plan_mutations(truth, 5, 11)
    other = link_truth.plan_mutations(truth, 5, 12)
    assert first == second
    assert first != other


def test_planting_renames_and_deletes_only_files_on_disk(truth_of) -> None:
    """A plugin may report pages it made (mkdocs-gen-files in Python-Markdown's docs): the
    harness crashed renaming such a page, which has no source file."""
    require_generator("mkdocs")
    truth = truth_of("mkdocs", "mkdocs.yml")
    made = "content/reference/made.md"
    truth.built.page_sources["reference/made/index.html"] = made
    link = link_truth.SourceLink("content/index.md", 1, 1, "reference/made.md", "markdown", 0, 0)
    try:
        found = link_truth.linked_sources([link], truth, (".md",))
    finally:
        del truth.built.page_sources["reference/made/index.html"]
    assert made not in found
    assert not (truth.sources.root / made).exists()


def test_no_plant_touches_a_file_the_config_or_a_nav_file_names(tmp_path: Path) -> None:
    """Deleting Material's ``theme.logo`` or renaming a page an awesome-pages ``.pages``
    file lists stops the build (trial 21b: griffe, rook): such files are never planted."""
    from types import SimpleNamespace

    write(tmp_path / "properdocs.yml", "site_name: T\ntheme:\n  logo: img/logo.svg\n")
    write(tmp_path / "docs" / "guide" / ".pages", "nav:\n  - setup.md\n")
    truth = SimpleNamespace(sources=SimpleNamespace(root=tmp_path))
    assert link_truth.detect_generator(tmp_path) == "mkdocs"
    assert link_truth.named_by_the_build(truth, "docs/img/logo.svg")
    assert link_truth.named_by_the_build(truth, "docs/guide/setup.md")
    assert not link_truth.named_by_the_build(truth, "docs/guide/usage.md")


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ("https://knative.dev/docs/getting-started/#install", True),
        ("https://knative.dev/docs/other/", False),
        ("/docs/getting-started/", True),
        ("/watchman/docs/getting-started/", True),  # below a base path (watchman: 2 pairs)
        ("/docs/getting-started/x/", False),
        ("docs/getting-started/", False),
    ],
)
def test_a_full_url_of_the_site_is_named_by_its_served_path(raw: str, named: bool) -> None:
    """openaccess quotes the path a full URL of the site is served at: a link whose text
    spans two lines was paired with no finding on knative's blog (2 misses, 2 FAs)."""
    assert link_truth.names_link({"/docs/getting-started/"}, raw) is named


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ('{{< ref "dql-mutation.md#upsert-block" >}}', True),
        ("{{< ref 'a.md#upsert-block' >}}", True),
        ("a.md#upsert-block", True),
        ('{{< ref "a.md#other" >}}', False),
    ],
)
def test_a_fragment_inside_a_tag_is_named_by_a_message(raw: str, named: bool) -> None:
    """A finding quotes the fragment; in a ref call it ends at the quote, not at ``>}}``
    (five true breaks on Crossplane's and dgraph's docs were paired with no finding)."""
    quoted = {"upsert-block"}
    assert link_truth.names_link(quoted, raw) is named


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("hugo v0.111.3+extended linux/amd64 BuildDate=2023-03-16", "_build"),
        ("Running Hugo 0.168.0 via hugo-python-distributions\nhugo v0.168.0-e27a6760", "build"),
    ],
)
def test_the_map_page_names_build_options_as_the_hugo_that_builds_it(
    monkeypatch, tmp_path: Path, printed: str, key: str
) -> None:
    """Hugo 0.111 knows only ``_build``; 0.145 and later refuse it, and want ``build``."""
    monkeypatch.setattr(link_truth, "run", lambda *args, **kwargs: printed)
    assert link_truth.hugo_build_key(tmp_path) == key


def test_a_fence_closes_only_as_commonmark_closes_it() -> None:
    """An indented inner fence with an info string (````` ```bash ````` four spaces in,
    inside a four-backtick block) closes nothing (mkdocstrings' troubleshooting page: the
    rest of the page was taken for code); the outer fence does."""
    text = "````md\n    ```bash\n    [a](x.md)\n    ```\n````\n[b](y.md)\n"
    masked = link_truth.mask_code(text, markdown=True)
    assert "[a](x.md)" not in masked and "[b](y.md)" in masked


def test_an_autolink_is_a_source_link() -> None:
    """``<https://docs.brew.sh/rubydoc/x>`` is a link of the page (Homebrew's manpage)."""
    found = link_truth.source_links("p.md", "See <https://docs.brew.sh/a>, https://x.org/b.\n")
    assert [link.raw for link in found] == ["https://docs.brew.sh/a", "https://x.org/b"]


def test_link_and_script_tags_in_page_text_are_source_links() -> None:
    """Raw HTML ``<link href>`` and ``<script src>`` in a page are links the build keeps
    (opensourcedesign's form page), so a finding there pairs with its break."""
    found = link_truth.source_links("p.md", '<link href="/a.css">\n<script src="/b.js"></script>\n')
    assert [link.raw for link in found] == ["/a.css", "/b.js"]


def test_reference_uses_over_two_lines_and_before_a_colon_count(tmp_path: Path) -> None:
    """Python-Markdown's docs write "see [Sanitizing HTML\\n    Output]." and "use the
    syntax of [Admonition Extension]:"; both use a definition, and a finding at the line
    where the use starts pairs with the break at the definition."""
    write(
        tmp_path / "page.md",
        "# Page\n\nRead [Sanitizing HTML\n    Output].\n\nSee [Admonition]:\n\n"
        "[Not one\n\nlabel]\n\n[sanitizing html output]: sanitization.md\n"
        "[Admonition]: admonition.md\n",
    )
    sources = link_truth.Sources(tmp_path, link_truth.Built(tmp_path, "", set()))
    definitions, usages = sources.references("page.md")
    assert definitions == {"sanitizing html output": 12, "admonition": 13}
    assert sources.usages("page.md", 12) == [3]
    assert sources.usages("page.md", 13) == [6]
    assert "not one label" not in usages


def test_findings_pair_with_true_breaks_by_line_and_quoted_link(truth_of) -> None:
    require_generator("mkdocs")
    truth = truth_of("mkdocs", "mkdocs.yml")
    finding = link_truth.Finding
    findings = [
        # about.md: a working link (#über-uns, line 13) and a broken one (#ber-uns, line 14).
        finding("content/about.md", 14, 1, "OA302", "no heading or id 'ber-uns' on this page"),
        finding("content/about.md", 14, 1, "OA302", "no id 'ber-uns'"),  # said twice
        finding("content/about.md", 13, 1, "OA302", "no heading or id 'über-uns'"),
        # A snippet's broken link, reported where the page includes the snippet.
        finding("content/community/index.md", 5, 1, "OA301", "link target 'forum.md' missing"),
        finding("content/guide/configure.md", 20, 1, "OA302", "no id 'all-settings'"),
    ]
    result = link_truth.compare(truth, findings)
    assert [(b.path, b.line, b.raw) for b, _ in result.matched] == [
        ("content/about.md", 14, "#ber-uns"),
        ("snippets/contact.md", 5, "forum.md"),
    ]
    assert [f.message for f in result.duplicates] == ["no id 'ber-uns'"]
    reasons = [(f.line, why.split(" (")[0]) for f, why in result.false_alarms]
    assert reasons == [(13, "works in the build"), (20, "works in the build")]
    assert len(result.misses) == len(truth.breaks) - 2
    assert result.recall == 2 / len(truth.breaks)
    assert result.precision == 0.5


def test_a_source_link_that_works_as_written_made_no_broken_link(tmp_path: Path) -> None:
    """A theme's ``news`` link is broken; the page's ``[news](news.html)`` works as written,
    so it is not the origin (only the same last segment). ``guide.md`` does not work as
    written (the generator rewrote it), so a broken ``guide.html`` is still its."""
    out = tmp_path / "out"
    write(out / "index.html", '<a href="news">n</a> <a href="guide.html">g</a>')
    write(out / "news.html", "<p>news</p>")
    write(tmp_path / "index.md", "[news](news.html) and [guide](guide.md)\n")
    built = link_truth.Built(out, "/", set(), page_sources={"index.html": "index.md"})
    crawled = link_truth.crawl(out, set())
    sources = link_truth.Sources(tmp_path, built)
    origins = []
    for link in crawled.links:
        verdict = link_truth.judge(link, crawled, built)
        origins.append(link_truth.attribute(link, verdict, sources, set(), crawled).raw)
    assert origins == ["", "guide.md"]


# ----------------------------------------------------------------- static server rules


def fake_output(tmp_path: Path) -> link_truth.Crawl:
    files = {
        "index.html": '<h1 id="top-title">Home</h1><a name="legacy"></a>',
        "guide/index.html": '<h2 id="setup">Setup</h2><h2 id="caf%C3%A9">x</h2>',
        "guide/page.html": "<p>plain</p>",
        "img/Logo.png": "",
        "files/report.pdf": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    return link_truth.crawl(tmp_path, set())


def judged(
    site: link_truth.Crawl, built: link_truth.Built, page: str, href: str
) -> tuple[str, str]:
    """(status, why) of the link ``href`` on the built ``page``, as the tool judges it."""
    result = link_truth.judge(link_truth.BuiltLink(page, href, "a", 1), site, built)
    return result.status, result.why


def test_a_fragment_follows_a_redirect_script_that_keeps_it(tmp_path: Path) -> None:
    """mkdocs-redirects' page adds ``location.hash`` to its target, so the fragment is
    judged there; a plain meta refresh (Hugo's alias) keeps no fragment, so the alias
    page itself must have the id."""
    fake_output(tmp_path)
    keeps = (
        '<script>var anchor=window.location.hash.substr(1);location.href="../guide/"'
        '+(anchor?"#"+anchor:"")</script><meta http-equiv="refresh" content="0; url=../guide/">'
    )
    write(tmp_path / "old" / "index.html", keeps)
    write(tmp_path / "alias" / "index.html", '<meta http-equiv="refresh" content="0; url=/guide/">')
    site = link_truth.crawl(tmp_path, set())
    built = link_truth.Built(out=tmp_path, base_path="/", hosts=set())

    verdict = partial(judged, site, built, "index.html")

    assert verdict("/old/#setup") == ("ok", "")
    assert verdict("/old/#nope") == ("broken", "missing-fragment")
    assert verdict("/alias/#setup") == ("broken", "missing-fragment")
    assert verdict("/alias/") == ("ok", "")


@pytest.mark.parametrize(
    "href, status, why",
    [
        ("/guide/", "ok", ""),
        ("/guide", "ok", ""),  # a server redirects a folder to its slash form
        ("/guide/index.html#setup", "ok", ""),
        ("/guide/#Setup", "broken", "missing-fragment"),  # ids are case-sensitive
        ("/guide/#nope", "broken", "missing-fragment"),
        ("/#legacy", "ok", ""),  # <a name>
        ("/#top", "ok", ""),  # the spec's "top" fragment needs no id
        ("/guide/page", "broken", "missing-file"),  # no .html fallback on a plain server
        ("/guide/page.html", "ok", ""),
        ("/img/logo.png", "broken", "case-mismatch"),
        ("/Guide/", "broken", "case-mismatch"),
        ("/empty/", "broken", "folder-without-index"),
        ("/files/report.pdf#page=2", "ok", "fragment on a non-HTML file"),
        ("https://docs.example.org/guide/", "ok", ""),
        ("https://docs.example.org/guide/.", "ok", ""),  # a browser drops the dot segment
        ("https://docs.example.org/guide/page.html/..", "ok", ""),
        ("/guide//page.html", "ok", ""),  # servers merge repeated slashes (scala-lang's docs)
        ("https://other.example.org/x", "skipped", "external"),
        ("mailto:a@example.org", "skipped", "not a page link"),
    ],
)
def test_judge_follows_a_static_server(tmp_path: Path, href: str, status: str, why: str) -> None:
    site = fake_output(tmp_path)
    built = link_truth.Built(out=tmp_path, base_path="/", hosts={"docs.example.org"})
    assert judged(site, built, "index.html", href) == (status, why)


def test_html_fallback_serves_a_page_without_its_extension(tmp_path: Path) -> None:
    """GitHub Pages (and ``jekyll serve``) answer /guide/page with page.html."""
    site = fake_output(tmp_path)
    built = link_truth.Built(out=tmp_path, base_path="/", hosts=set(), html_fallback=True)
    assert link_truth.parse_args(["somewhere", "--html-fallback"]).html_fallback

    verdict = partial(judged, site, built, "index.html")

    assert verdict("/guide/page") == ("ok", "")
    assert verdict("/guide/page#x") == ("broken", "missing-fragment")
    assert verdict("/guide/nope") == ("broken", "missing-file")
    assert verdict("/guide") == ("ok", "")  # still the folder's index


def test_links_resolve_against_the_page_url_and_base_path(tmp_path: Path) -> None:
    site = fake_output(tmp_path)
    built = link_truth.Built(out=tmp_path, base_path="/docs/", hosts=set())
    page = "guide/index.html"  # served at /docs/guide/

    verdict = partial(judged, site, built, page)

    assert verdict("../img/Logo.png") == ("ok", "")
    assert verdict("page.html") == ("ok", "")
    assert verdict("/docs/guide/#setup") == ("ok", "")
    assert verdict("/blog/") == ("skipped", "outside-site")
    assert verdict("#café") == ("ok", "")  # decoded fragment matches a percent-encoded id


def test_the_hosts_top_written_in_full_is_outside_a_site_under_a_base_path(tmp_path: Path):
    """``https://host`` (no slash: an empty path) is the host's top, as ``https://host/``
    is, not the site's page without its base path (privacyguides: 2 fake misses)."""
    site = fake_output(tmp_path)
    built = link_truth.Built(out=tmp_path, base_path="/docs/", hosts={"example.org"})
    verdict = partial(judged, site, built, "guide/index.html")
    assert verdict("https://example.org") == ("skipped", "outside-site")
    assert verdict("https://example.org/") == ("skipped", "outside-site")


def test_source_links_skip_code_and_keep_positions() -> None:
    text = (
        '# T\n\nSee [a](one.md#x) and ![i](img/p.png "title").\n\n'
        "```\n[not](code.md)\n```\n\n`[nor](span.md)`\n\n"
        '<a href="{{ site.baseurl }}/two/">two</a> <img src=\'three.png\' alt="">\n\n'
        "[ref]: <four five.md>\n[^1]: A footnote is not a link.\n"
        '[x]({{< ref "six.md" >}}) [y]({% link _docs/seven.md %})\n'
        "See https://example.org/eight/#e. [z](https://example.org/nine/) "
        "`https://example.org/ten/` (https://example.org/eleven/)\n"
        '{{< figure src="/img/twelve.png" link="thirteen/" >}} {{</* figure src="no.png" */>}}\n'
    )
    links = link_truth.source_links("page.md", text)
    assert [(link.line, link.raw, link.syntax) for link in links] == [
        (3, "one.md#x", "markdown"),
        (3, "img/p.png", "markdown"),
        (11, "{{ site.baseurl }}/two/", "template"),
        (11, "three.png", "html"),
        (13, "four five.md", "reference"),
        (15, '{{< ref "six.md" >}}', "hugo-ref"),
        (15, "{% link _docs/seven.md %}", "liquid-link"),
        (16, "https://example.org/eight/#e", "bare"),  # Hugo links these (linkify)
        (16, "https://example.org/nine/", "markdown"),
        (16, "https://example.org/eleven/", "bare"),
        (17, "/img/twelve.png", "shortcode"),  # Hugo's figure writes them as given
        (17, "thirteen/", "shortcode"),
    ]
    for link in links:
        assert text[link.start : link.end] == link.raw


def test_real_site_list_names_pinned_commits_and_no_reserved_repository() -> None:
    listed = tomllib.loads((ROOT / "benchmarks" / "link_truth_sites.toml").read_text("utf-8"))
    reserved = {"mkdocs/mkdocs", "gohugoio/hugodocs", "github/opensource.guide"}
    generators = []
    for site in listed["site"]:
        assert set(site) >= {"name", "repo", "commit", "generator", "site", "args", "env"}
        assert len(site["commit"]) == 40 and int(site["commit"], 16) >= 0, site["name"]
        assert site["repo"].lower() not in reserved, site["repo"]
        generators.append(site["generator"])
        link_truth.parse_args(["somewhere", *site["args"]])  # the recorded flags are valid
    for generator in link_truth.GENERATORS:
        assert generators.count(generator) >= 2, generator


def test_unknown_site_folder_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert link_truth.main([str(tmp_path)]) == 2
    assert "no mkdocs.yml, Hugo config or _config.yml" in capsys.readouterr().err


# ----------------------------------------------------------------- router acceptance


@pytest.mark.parametrize("site, variant, config", CASES, ids=[f"{s}-{v}" for s, v, _ in CASES])
def test_router_acceptance_check_equals_ground_truth(
    site: str, variant: str, config: str, tmp_path: Path
) -> None:
    """ROUTER ACCEPTANCE (issue 11): ``openaccess check`` finds exactly the true breaks,
    on the committed site and with planted breaks."""
    require_generator(site)
    del variant
    options = link_truth.Options(config=config)
    clean, planted = link_truth.measure(SITES / site, tmp_path, options, (8, 1))
    for measurement in (clean, planted):
        misses = [link_truth.describe(b) for b in measurement.comparison.misses]
        alarms = [
            f"{f.path}:{f.line} {f.message} -- {why}"
            for f, why in measurement.comparison.false_alarms
        ]
        report = "\n".join(["misses:", *misses, "false alarms:", *alarms])
        assert not misses and not alarms, f"{measurement.label}:\n{report}"
    assert planted.planted_recall()[0] == planted.planted_recall()[1] > 0


def _write_site(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        write(root / name, text)


def _build_mkdocs(root: Path) -> Path:
    """Build ``root`` with the real MkDocs; returns the built site's folder."""
    site = root / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
        capture_output=True,
    )
    return site


def _build_hugo(root: Path) -> Path:
    """Build ``root`` with the real Hugo; returns the built site's folder."""
    public = root / "public"
    subprocess.run(["hugo", "--quiet", "-d", str(public)], cwd=root, check=True)
    return public


def _check(root: Path, select: str) -> list[str]:
    """The finding lines of ``openaccess check --select SELECT`` on ``root`` (no summary)."""
    ran = run_process(["check", "--select", select, "--no-cache", "."], root)
    assert ran.code in (0, 1), ran.err  # a crash is no empty list of findings
    return ran.out.splitlines()[:-1]


HUGO_LAYOUT = "<!doctype html><html><body>{{ .Content }}</body></html>\n"


TABBED_PAGE = """# Home

## Logo :smile:

=== ":smile: Image"

    An image.

=== "Icon, or `emoji`"

    ### Inner

    === "Deep"

        Deep tab.

Text between.

=== "Image"

    Another set, same title.

===! "Fresh"

    A new set.

    ``` { .sh #fenced }
    ls
    ```
"""
TABBED_SLUGS = """
      alternate_style: true
      combine_header_slug: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower"""


@pytest.mark.parametrize("options", [TABBED_SLUGS, ""], ids=["slugify", "numbered"])
def test_content_tab_ids_are_the_ones_mkdocs_builds(tmp_path, options) -> None:
    """pymdownx.tabbed gives each tab an id a link may name: the real MkDocs build's ids
    are exactly the ones openaccess accepts, and a near miss is still reported. An emoji
    shortcode (pymdownx.emoji) adds nothing to a heading's or a tab's id; a code fence's
    ``{ .sh #id }`` sets an id."""
    require_generator("mkdocs")
    config = (
        "site_name: T\nmarkdown_extensions:\n  - pymdownx.superfences\n  - pymdownx.emoji\n"
        f"  - pymdownx.tabbed:{options or ' {}'}\n"
    )
    _write_site(tmp_path, {"mkdocs.yml": config, "docs/index.md": TABBED_PAGE})
    built = (_build_mkdocs(tmp_path) / "index.html").read_text(encoding="utf-8")
    tab_ids = re.findall(r'<input[^>]* id="([^"]+)"[^>]*name="__tabbed', built)
    tab_ids += re.findall(r'<input[^>]*name="__tabbed[^>]* id="([^"]+)"', built)
    expected = (
        ["logo-image", "logo-icon-or-emoji", "inner-deep", "logo-image_1", "logo-fresh"]
        if options
        else ["__tabbed_1_1", "__tabbed_1_2", "__tabbed_2_1", "__tabbed_3_1", "__tabbed_4_1"]
    )
    assert sorted(tab_ids) == sorted(expected)
    assert 'id="fenced"' in built and 'id="logo"' in built
    expected += ["fenced", "logo"]
    links = ", ".join(f"[{n}](index.md#{tab_id})" for n, tab_id in enumerate(expected))
    write(
        tmp_path / "docs" / "other.md",
        f"# Other\n\n{links} and [a miss](index.md#{expected[0]}x).\n",
    )
    reported = [line.split(": ", 1)[1] for line in _check(tmp_path, "OA302")]
    assert [line.split(";")[0] for line in reported] == [
        f"OA302 no heading or id '{expected[0]}x' in docs/index.md"
    ]


def test_hugo_module_mounts_name_the_content_and_static_folders(tmp_path) -> None:
    """A project's own ``[[module.mounts]]`` replace contentDir and staticDir: the real
    Hugo build serves exactly what openaccess looks up."""
    require_generator("hugo")
    config = (
        'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        '[[module.mounts]]\nsource = "docs"\ntarget = "content"\n'
        '[[module.mounts]]\nsource = "files"\ntarget = "static"\n'
    )
    files = {
        "hugo.toml": config,
        "docs/_index.md": "---\ntitle: Home\n---\n\n[Guide](guide/), ![logo](/img/logo.png),"
        " [bad](/guide/nope/), ![no](/img/none.png)\n",
        "docs/guide/_index.md": "---\ntitle: Guide\n---\n\nText.\n",
        "files/img/logo.png": "PNG",
        "layouts/_default/list.html": HUGO_LAYOUT,
        "layouts/_default/single.html": HUGO_LAYOUT,
    }
    _write_site(tmp_path, files)
    public = _build_hugo(tmp_path)
    built = sorted(p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file())
    assert built == ["guide/index.html", "img/logo.png", "index.html"]
    assert _check(tmp_path, "OA301,OA303") == [
        "docs/_index.md:5:42: OA303 no page or file of this site is served at /guide/nope/"
        " [unknown-site-url]",
        "docs/_index.md:5:63: OA303 no page or file of this site is served at /img/none.png"
        " [unknown-site-url]",
    ]


MODULE_IMAGE_HOOK = (
    "{{- $r := .Page.Resources.Get .Destination -}}"
    '{{- if $r -}}<img src="{{ $r.RelPermalink }}">'
    '{{- else -}}<img src="{{ .Destination | safeURL }}">{{- end -}}'
)


@pytest.mark.parametrize(
    ("folder", "setting", "go_mod"),
    [
        ("themes/theme", 'replacements = "example.com/theme -> theme"', ""),
        ("_vendor/example.com/theme", "", ""),
        ("theme", "", "module example.com/site\n\nreplace example.com/theme => ./theme\n"),
        ("themes/example.com/theme", "", ""),
        ("themes/theme", "", "HUGO_MODULE_REPLACEMENTS=example.com/theme -> theme"),
    ],
    ids=["replacements", "vendor", "go.mod", "themes-dir", "environment"],
)
def test_a_theme_imported_as_a_hugo_module_is_read(
    tmp_path, monkeypatch, folder, setting, go_mod
) -> None:
    """A theme that ``module.imports`` names, found in the project as Hugo finds it,
    is read like a ``theme``: its image hook finds a page resource whatever the case
    of the name (``Resources.Get``), so ``Photo.png`` works (hugo-theme-stack: 2 false
    alarms). The real Hugo build writes /post/g/photo.png for both images."""
    require_generator("hugo")
    files = {
        "hugo.toml": 'baseURL = "https://example.org/"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        f'[module]\n{setting}\n[[module.imports]]\npath = "example.com/theme"\n',
        "content/post/g/index.md": "---\ntitle: G\n---\n\n![a](photo.png) ![b](Photo.png)\n",
        "content/post/g/photo.png": "PNG",
        "layouts/_default/list.html": HUGO_LAYOUT,
        "layouts/_default/single.html": HUGO_LAYOUT,
        f"{folder}/go.mod": "module example.com/theme\n",
        f"{folder}/layouts/_default/_markup/render-image.html": MODULE_IMAGE_HOOK,
    }
    if go_mod.startswith("HUGO_"):
        monkeypatch.setenv(*go_mod.split("=", 1))  # Hugo's override of the setting
    elif go_mod:
        files["go.mod"] = go_mod
    if folder.startswith("_vendor"):
        files["_vendor/modules.txt"] = "# example.com/theme v0.0.0\n"
    _write_site(tmp_path, files)
    built = (_build_hugo(tmp_path) / "post" / "g" / "index.html").read_text(encoding="utf-8")
    assert built.count('src="/post/g/photo.png"') == 2
    assert _check(tmp_path, "OA301") == []


WRAPPING_SHORTCODE = (
    '{{ $languages := split (.Get 0) "," }}\n{{ $inner := .Inner }}\n{{ range $languages }}\n'
    '<div class="is-hidden text-{{ . }}">{{ $inner }}</div>\n{{ end }}\n'
)
WRAPPED_PAGE = """---
title: Page
---

{{% block "java" %}} On the call's line,
then [a](/missing-a/).
{{% /block %}}

{{% block "java" %}}
On the next line [b](/missing-b/).
{{% /block %}}

{{% block "java" %}}

After a blank line [c](/missing-c/).
{{% /block %}}

{{% tip %}}
Below the call [d](/missing-d/).
{{% /tip %}}

{{% tip %}} On the call's line [e](/missing-e/).
{{% /tip %}}
"""
TIP_SHORTCODE = (
    '<article class="tip">\n  <div class="body">\n    {{ .Inner }}\n  </div>\n</article>\n'
)


def test_a_shortcode_that_wraps_its_content_in_a_div_makes_an_html_block(tmp_path) -> None:
    """Hugo pastes what a ``{{% %}}`` call writes into the page before Markdown reads
    it: a template writing ``<div ...>{{ $inner }}`` at a line start opens an HTML block,
    so the content up to its first blank line stays raw text, its links none (cucumber's
    docs: 2 false alarms). After a blank line it is Markdown. With ``.Inner`` on the line
    below the tag (cucumber's ``tip``), content that starts below the call leaves that
    line blank, which ends the block: it is Markdown. (Called inside a paragraph,
    the tag lands at a line start too when the template writes a line break before it:
    openaccess reads such a call as Markdown.)"""
    require_generator("hugo")
    _write_site(tmp_path, {
        "hugo.toml": 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term"]\n'
                     "[markup.goldmark.renderer]\nunsafe = true\n",
        "content/page.md": WRAPPED_PAGE,
        "layouts/shortcodes/block.html": WRAPPING_SHORTCODE,
        "layouts/shortcodes/tip.html": TIP_SHORTCODE,
        "layouts/_default/list.html": HUGO_LAYOUT,
        "layouts/_default/single.html": HUGO_LAYOUT,
    })  # fmt: skip
    built = (_build_hugo(tmp_path) / "page" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="(/missing-\w)/"', built)
    assert linked == ["/missing-c", "/missing-d"]
    found = [line.split(": ", 1)[1].split(" [")[0] for line in _check(tmp_path, "OA303")]
    assert [line.split(" at ")[1] for line in found] == ["/missing-c/", "/missing-d/"]


def test_mkdocs_redirect_maps_pages_are_served(tmp_path) -> None:
    """mkdocs-redirects writes a page at each old address whose new page exists: a link
    to that address works in the real build; one whose redirect is not written, or that
    names the old source file, is broken, and openaccess reports exactly those."""
    require_generator("mkdocs")
    config = (
        "site_name: T\nplugins:\n  - search\n  - redirects:\n      redirect_maps:\n"
        "        old.md: new.md\n        gone.md: missing.md\n"
    )
    home = "# Home\n\n[Old](old/), [gone](gone/) and [the old file](old.md).\n"
    _write_site(tmp_path, {"mkdocs.yml": config, "docs/new.md": "# New\n", "docs/index.md": home})
    site = _build_mkdocs(tmp_path)
    assert (site / "old" / "index.html").is_file()
    assert not (site / "gone").exists()
    findings = [line.split(" [")[0] for line in _check(tmp_path, "OA301")]
    assert findings == [
        "docs/index.md:3:14: OA301 link target 'gone/' does not exist",
        "docs/index.md:3:32: OA301 link target 'old.md' does not exist",
    ]


def test_a_fragment_through_a_redirect_page_as_each_generator_writes_it(tmp_path) -> None:
    """mkdocs-redirects' page sends the reader on with the address's fragment (its
    script adds ``location.hash``), so the fragment is judged on the new page; Hugo's
    alias page is a meta refresh, which drops it, so a fragment there is reported
    (linuxserver's docs, Buildpacks' docs)."""
    require_generator("mkdocs")
    require_generator("hugo")
    mkdocs, hugo = tmp_path / "mkdocs", tmp_path / "hugo"
    config = (
        "site_name: T\nplugins:\n  - redirects:\n      redirect_maps:\n        faq.md: FAQ.md\n"
    )
    home = "# Home\n\n[a](faq/#strict-proxy) [b](faq/#old) [c](FAQ.md#old)\n"
    faq = "# FAQ\n\n## Strict proxy\n"
    _write_site(mkdocs, {"mkdocs.yml": config, "docs/index.md": home, "docs/FAQ.md": faq})
    redirect = (_build_mkdocs(mkdocs) / "faq" / "index.html").read_text(encoding="utf-8")
    assert "hash" in redirect
    assert [line.split(" [")[0] for line in _check(mkdocs, "OA302")] == [
        "docs/index.md:3:24: OA302 no heading or id 'old' in docs/FAQ.md",
        "docs/index.md:3:38: OA302 no heading or id 'old' in docs/FAQ.md",
    ]
    _write_site(hugo, {
        "hugo.toml": 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term"]\n',
        "content/faq.md": "---\ntitle: FAQ\naliases: [/old-faq/]\n---\n\n## Strict proxy\n",
        "content/_index.md": "---\ntitle: Home\n---\n\n[a](/old-faq/#strict-proxy)\n",
        "layouts/_default/list.html": HUGO_LAYOUT,
        "layouts/_default/single.html": HUGO_LAYOUT,
    })  # fmt: skip
    alias = (_build_hugo(hugo) / "old-faq" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in alias and "hash" not in alias
    assert [line.split(" [")[0] for line in _check(hugo, "OA302")] == [
        "content/_index.md:5:1: OA302 /old-faq/ only redirects, and browsers drop"
        " '#strict-proxy' there; link to /faq/#strict-proxy"
    ]


ATTRIBUTE_HEADINGS = (
    "## Class {.special}\n\n## Word {android}\n\n## Colon {: .x}\n\n## Spaced { .y }\n\n"
    '## Label { data-toc-label="Short" }\n\n## Bare {: android}\n'
)


def _heading_ids(page: Path) -> list[str]:
    return re.findall(r'<h2[^>]*\bid="([^"]+)"', page.read_text(encoding="utf-8"))


def test_attribute_lists_that_set_no_id_leave_headings_as_each_generator_does(tmp_path):
    """A heading's attribute list that sets only a class, a data attribute or a bare word
    (cibuildwheel's ``## Android {: android}``) is taken out of the heading's text where
    the generator reads it: MkDocs (attr_list) takes all of these, Hugo (goldmark) only
    ``{.class}`` and ``{ key=value }`` forms. Every id the real build gives is linked
    without a finding."""
    require_generator("mkdocs")
    require_generator("hugo")
    mkdocs, hugo = tmp_path / "mkdocs", tmp_path / "hugo"
    config = "site_name: T\nmarkdown_extensions:\n  - attr_list\n  - toc\n"
    _write_site(mkdocs, {"mkdocs.yml": config, "docs/index.md": "# T\n\n" + ATTRIBUTE_HEADINGS})
    _write_site(hugo, {
        "hugo.toml": 'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term"]\n',
        "content/p.md": "---\ntitle: P\n---\n\n" + ATTRIBUTE_HEADINGS,
        "layouts/_default/list.html": HUGO_LAYOUT,
        "layouts/_default/single.html": HUGO_LAYOUT,
    })  # fmt: skip
    built = {
        mkdocs / "docs" / "index.md": _heading_ids(_build_mkdocs(mkdocs) / "index.html"),
        hugo / "content" / "p.md": _heading_ids(_build_hugo(hugo) / "p" / "index.html"),
    }
    assert built[mkdocs / "docs" / "index.md"] == [
        "class", "word", "colon", "spaced", "label", "bare"
    ]  # fmt: skip
    assert built[hugo / "content" / "p.md"] == [
        "class", "word-android", "colon--x", "spaced", "label", "bare--android"
    ]  # fmt: skip
    for page, ids in built.items():
        with page.open("a", encoding="utf-8") as text:
            text.write("\n" + " ".join(f"[{n}](#{i})" for n, i in enumerate(ids)) + "\n")
    assert _check(mkdocs, "OA302") == []
    assert _check(hugo, "OA302") == []


def test_hugo_language_mounts_name_each_languages_content(tmp_path) -> None:
    """``[[module.mounts]]`` with ``lang`` give each language its own content folder
    (``content/en`` for English): the real Hugo build serves what openaccess looks up."""
    require_generator("hugo")
    mount = '[[module.mounts]]\nsource = "content/{0}"\ntarget = "content"\nlang = "{0}"\n'
    config = (
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
        + mount.format("en")
        + mount.format("fr")
    )
    files = {
        "hugo.toml": config,
        "content/en/_index.md": "---\ntitle: Home\n---\n\n[Guide](/guide/), [French](/fr/),"
        " [bad](/guide/nope/)\n",
        "content/en/guide/_index.md": "---\ntitle: Guide\n---\n\nText.\n",
        "content/fr/_index.md": "---\ntitle: Accueil\n---\n\n[Guide](/guide/) [Accueil](/fr/)\n",
        "layouts/_default/list.html": HUGO_LAYOUT,
        "layouts/_default/single.html": HUGO_LAYOUT,
    }
    _write_site(tmp_path, files)
    public = _build_hugo(tmp_path)
    built = sorted(p.relative_to(public).as_posix() for p in public.rglob("*.html"))
    assert built == ["en/index.html", "fr/index.html", "guide/index.html", "index.html"]
    assert _check(tmp_path, "OA301,OA303") == [
        "content/en/_index.md:5:35: OA303 no page or file of this site is served at"
        " /guide/nope/ [unknown-site-url]"
    ]


def test_a_backslash_escape_in_an_address_is_read_as_markdown_reads_it() -> None:
    """``#input\\_flavor\\_id`` is built as ``#input_flavor_id``: a finding that quotes
    the built fragment names the link (shardingsphere-on-cloud: 42 pairs unmatched)."""
    assert link_truth.unescaped(r"config.md#input\_flavor\_id") == "config.md#input_flavor_id"
    assert link_truth.names_link({"input_flavor_id"}, r"config.md#input\_flavor\_id")


@pytest.mark.parametrize("url", ["/a/", "/sub/a/"])
def test_a_hugo_page_map_without_the_base_path_is_read_below_it(tmp_path, url) -> None:
    """With ``canonifyURLs``, Hugo's ``.RelPermalink`` leaves the base path out and the
    HTML puts it in: the page is still served below it (shardingsphere-on-cloud: no page
    was mapped, so 50 true breaks were counted as false alarms)."""
    built = link_truth.Built(tmp_path, "/sub/", set())
    row = {"src": str(tmp_path / "content" / "a.md"), "outputs": [{"name": "HTML", "url": url}]}
    link_truth.add_hugo_page(built, row, tmp_path)
    assert (built.page_sources, built.urls) == (
        {"a/index.html": "content/a.md"},
        {"content/a.md": "/sub/a/"},
    )
