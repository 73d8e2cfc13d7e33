"""Pieces of ``publish`` on their own: addresses, link targets, the sanitizer's allow-list."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from openaccess.config import Config
from openaccess.publish import sanitize
from openaccess.publish.routes import LinkMap, Route, relative_url
from openaccess.routing.plain import (
    RouteError,
    alias_list,
    alias_segments,
    output_file,
    page_segments,
    url_segments,
)
from openaccess.routing.urls import file_url
from openaccess.run.project import open_project

P = PurePosixPath


@pytest.mark.parametrize(
    ("relative", "meta", "url", "file"),
    [
        ("jeweler.md", {}, "/jeweler/", "jeweler/index.html"),
        ("jeweler/start.md", {}, "/jeweler/start/", "jeweler/start/index.html"),
        ("index.md", {}, "/", "index.html"),
        ("guides/README.md", {}, "/guides/", "guides/index.html"),
        ("a/b.md", {"slug": "first"}, "/a/first/", "a/first/index.html"),
        ("a/b.md", {"url": "/x/y"}, "/x/y/", "x/y/index.html"),
        ("a/b.md", {"url": "old/page.html"}, "/old/page.html", "old/page.html"),
        ("a/b.md", {"url": "/caf%C3%A9/"}, "/caf%C3%A9/", "café/index.html"),
    ],
)
def test_page_routes(relative, meta, url, file):
    output = output_file(page_segments(P(relative), meta))
    assert (file_url(output), output) == (url, file)


@pytest.mark.parametrize(
    "value",
    ["..", "../x", "/a/../../b", "%2e%2e/x", ".git/config", "a/.hidden", "C:\\x", "a\\..\\b",
     "x\x00y", "https://evil.example/", "//evil.example/x"],
)  # fmt: skip
def test_unsafe_front_matter_paths_are_refused(value):
    with pytest.raises(RouteError):
        url_segments(value, "url")


def test_aliases_must_be_paths_and_not_the_home_page():
    found = [alias_segments(alias) for alias in alias_list({"aliases": ["/old/", "older"]})]
    assert [file_url(output_file(s)) for s in found] == ["/old/", "/older/"]
    with pytest.raises(RouteError, match="would replace the home page"):
        alias_segments("/")
    with pytest.raises(RouteError, match="must be a list"):
        alias_list({"aliases": [1]})


def test_command_help_aliases_are_command_names_not_addresses():
    """PlatyPS front matter (PowerShell-Docs) lists a cmdlet's short names as aliases."""
    help_page = {"external help file": "x.dll-Help.xml", "Module Name": "M", "aliases": ["gps"]}
    assert alias_list(help_page) == []
    assert alias_list({"document type": "cmdlet", "aliases": ["?", "where"]}) == []
    assert alias_list({"title": "Get-Process", "aliases": ["gps"]}) == ["gps"]


@pytest.mark.parametrize(
    "value", ["/x%2F..%2Fpricing/", "/a%2Fb/", "/%2e%2e%2Fetc/", "/x%5C..%5Cy/", "/a%00b/"]
)
def test_encoded_separators_in_front_matter_addresses_are_refused(value):
    with pytest.raises(RouteError):
        url_segments(value, "url")


@pytest.mark.parametrize(
    ("path", "target", "expected"),
    [
        ("a/b/index.html", "/", "../../"),
        ("a/b/index.html", "/a/c/#part", "../c/#part"),
        ("index.html", "/a/", "a/"),
        ("a/index.html", "/a/", "./"),
        ("a/index.html", "/images/x.png", "../images/x.png"),
        ("old.html", "/a/", "a/"),
    ],
)
def test_relative_urls(path, target, expected):
    assert relative_url(Route(path), target) == expected


def test_link_map_resolves_pages_files_and_own_site_addresses(tmp_path):
    for name, text in {
        "a.md": "A",
        "guides/b.md": "---\nslug: first\n---\nB",
        "guides/c.md": "C",
        "guides/img.png": "png",
        ".secret": "s",
        "guides/.env": "e",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = Config(root=tmp_path, pages=".", base_url="https://example.org/docs")
    links = LinkMap(open_project([], config).router)
    source = P("guides/c.md")
    assert links.resolve(source, "b.md#x") == "/guides/first/#x"
    assert links.resolve(source, "../a.md") == "/a/"
    assert links.resolve(source, "/a/") == "/a/"
    assert links.resolve(source, "/guides/b/") is None  # slug moved it: check reports it
    assert links.resolve(source, "img.png") == "/guides/img.png"
    assert links.resolve(source, "https://example.org/docs/a/") == "/a/"
    assert links.resolve(source, "https://example.org/docs/a.md") is None  # served at /a/
    assert links.resolve(source, "HTTP://EXAMPLE.ORG/docs/guides/img.png") == "/guides/img.png"
    assert links.resolve(source, "https://example.org/other") is None
    assert links.resolve(source, "https://elsewhere.org/a.md") is None
    assert links.resolve(source, "../../../etc/passwd") is None
    assert links.resolve(source, "../.secret") is None
    assert links.resolve(source, ".env") is None
    assert links.resolve(source, "#same-page") is None
    assert links.resolve(source, "missing.md") is None


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java\nscript:alert(1)", "javascript"),
        ("  javascript:alert(1)", "javascript"),
        ("\x01javascript:alert(1)", "javascript"),
        ("data:text/html,x", "data"),
        ("https://example.org", "https"),
        ("page.md#a:b", None),
        ("/a/b", None),
    ],
)
def test_url_scheme_is_read_as_a_browser_reads_it(value, scheme):
    assert sanitize.url_scheme(value) == scheme


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="jav&#x61;script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java&#9;script:alert(1)">x</a>', "<a>x</a>"),
        ('<img src="data:image/png;base64,AAAA" alt="dot">', '<img alt="dot">'),
        ('<img src=x onerror="alert(1)" alt="">', '<img src="x" alt="">'),
        ("<script>alert(1)</script>kept", "kept"),
        ("<style>p{}</style>kept", "kept"),
        ('<p style="color:red" class="x">t</p>', "<p>t</p>"),
        ('<iframe src="https://example.org"></iframe>', ""),
        ('<svg onload="alert(1)"><text>t</text></svg>after', "after"),
        ("<math><mi>x</mi></math>after", "after"),
        (
            '<a href="https://example.org" target="_blank">t</a>',
            '<a href="https://example.org">t</a>',
        ),
        (
            '<table><tr><td class="oa-align-right">1</td><td class="evil">2</td></tr></table>',
            '<table><tbody><tr><td class="oa-align-right">1</td><td>2</td></tr></tbody></table>',
        ),
        ('<div class="note oa-alert oa-scroll">t</div>', '<div class="oa-alert">t</div>'),
    ],
)
def test_sanitizer_allow_list(html, expected):
    assert sanitize.clean(html, allow_iframes=False) == expected


def test_removal_report_names_what_goes_with_its_offset():
    text = 'Intro\n<p onclick="x()">A <font>b</font></p>\n<script>1</script>\n<svg><circle/></svg>'
    removals = sanitize.RemovalReport.scan(text, base=100, allow_iframes=False)
    assert [(r.offset - 100, r.message) for r in removals] == [
        (6, "removed attribute 'onclick' from <p>: event handlers never run on published pages"),
        (25, "removed the <font> tag (its text is kept): not on the allow-list"),
        (44, "removed <script> and its content: scripts never run on published pages"),
        (
            63,
            "removed <svg> and its content: inline SVG is not published; use"
            ' <img src="picture.svg" alt="..."> instead',
        ),
    ]
    assert [text[r.offset - 100 : r.offset - 100 + 4] for r in removals] == [
        "<p o",
        "<fon",
        "<scr",
        "<svg",
    ]
