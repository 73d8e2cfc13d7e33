"""``openaccess publish``: the jeweler guide, valid HTML, nothing lost, repeatable builds,
the gate, and a site built beside the output and swapped in whole."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import html5lib
import pytest
from bs4 import BeautifulSoup
from publish_helpers import (
    JEWELER_PAGES,
    VARIED_SITE,
    html_files,
    publish_cli,
    publish_copy,
)

from openaccess import check
from openaccess.config import build_config
from openaccess.page import Page
from openaccess.publish import build
from openaccess.publish.build import PublishOptions, publish
from openaccess.routing.ids import ids_for


def _top(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != ".openaccess")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` except the check cache (another feature's business)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".openaccess" not in p.relative_to(folder).parts
    }


@pytest.fixture(scope="module")
def jeweler_site(tmp_path_factory) -> Path:
    return publish_copy(JEWELER_PAGES, tmp_path_factory.mktemp("jeweler"))


@pytest.fixture(scope="module")
def varied_site(tmp_path_factory) -> Path:
    return publish_copy(VARIED_SITE, tmp_path_factory.mktemp("varied"))


# -- the jeweler guide --------------------------------------------------------------------
def test_jeweler_guide_is_published_as_real_paragraphs_without_spacing_breaks(jeweler_site):
    page = soup(jeweler_site / "jeweler" / "index.html")
    body = page.select_one("main .oa-body")
    paragraphs = [" ".join(p.get_text().split()) for p in body.find_all("p")]
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("Hello, thank you for reaching out to me for career guidance.")
    assert paragraphs[4].startswith("In conclusion, based on your skills")
    assert paragraphs[5] == "next: get started"
    assert body.find("br") is None
    assert page.title.string == "Advice for Jewelers – Work Dojos"
    assert [h.get_text() for h in page.find_all("h1")] == ["Advice for Jewelers"]
    assert page.html["lang"] == "en"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Making open-source more accessible."
    )
    # An address on the site's own base_url (https://workdojos.com) becomes a local link.
    assert body.find("a")["href"] == "start/"
    assert page.find("link", rel="canonical")["href"] == "https://workdojos.com/jeweler/"


def test_published_site_has_pretty_urls_index_404_and_css(jeweler_site):
    files = sorted(
        p.relative_to(jeweler_site).as_posix() for p in jeweler_site.rglob("*") if p.is_file()
    )
    assert files == [
        ".openaccess-site",
        "404.html",
        "index.html",
        "jeweler/index.html",
        "jeweler/start/index.html",
        "openaccess.css",
        "sitemap.xml",
    ]
    index = soup(jeweler_site / "index.html")
    listed = [(a.get_text(), a["href"]) for a in index.select("ul.oa-pages > li > a")]
    assert listed == [
        ("Advice for Jewelers", "jeweler/"),
        ("Getting started as a jeweler", "jeweler/start/"),
    ]


@pytest.mark.parametrize("site_fixture", ["jeweler_site", "varied_site"])
def test_every_published_page_parses_with_html5lib_without_errors(site_fixture, request):
    site = request.getfixturevalue(site_fixture)
    pages = html_files(site)
    assert len(pages) >= 4
    for path in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(path.read_bytes())
        assert parser.errors == [], f"{path}: {parser.errors}"
        page = soup(path)
        assert len(page.find_all("h1")) == 1, path
        assert page.find("meta", attrs={"name": "viewport"})["content"] == (
            "width=device-width, initial-scale=1"
        )
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert csp.startswith("default-src 'self';")
        assert page.find("script") is None


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:;])\s+", " ".join(text.split())) if len(s) > 1]


_ALERT_MARKER = re.compile(r"^\[![a-z]+\]\s*", re.IGNORECASE)


@pytest.mark.parametrize(
    ("site_fixture", "source"),
    [("jeweler_site", JEWELER_PAGES), ("varied_site", VARIED_SITE / "pages")],
)
def test_nothing_lost_every_prose_sentence_is_in_the_published_page(site_fixture, source, request):
    from openaccess.config import Config
    from openaccess.run.project import open_project

    router = open_project([source], Config(root=source.parent)).router
    site = request.getfixturevalue(site_fixture)
    checked = 0
    for path in sorted(source.rglob("*")):
        if path.suffix not in (".md", ".html"):
            continue
        page = Page.load(path, path.name, 10**7)
        output = router.route(_relative(path, source)).output
        visible = " ".join(soup(site / output.file).find("main").get_text().split())
        for block in page.document.blocks:
            # An alert's marker ("[!TIP]") is published as the note's title ("Tip").
            for sentence in _sentences(_ALERT_MARKER.sub("", block.text)):
                assert sentence in visible, f"{path.name}: lost {sentence!r}"
                checked += 1
    assert checked >= 10


def _relative(path: Path, root: Path):
    from pathlib import PurePosixPath

    return PurePosixPath(path.relative_to(root).as_posix())


def test_builds_are_byte_identical(tmp_path):
    project = tmp_path / "varied"
    shutil.copytree(VARIED_SITE, project)
    assert publish_cli(project).returncode == 0
    first = snapshot(project / "site")
    assert publish_cli(project).returncode == 0  # from the cache the first build left
    assert snapshot(project / "site") == first
    assert publish_cli(project, "--no-cache").returncode == 0
    assert snapshot(project / "site") == first
    other = tmp_path / "copy"
    shutil.copytree(VARIED_SITE, other)
    assert publish_cli(other, "-o", "elsewhere").returncode == 0
    assert snapshot(other / "elsewhere") == first


# -- the varied site ----------------------------------------------------------------------
def test_headings_get_the_ids_check_uses_and_contents_lists_them(varied_site):
    source = Page.load(VARIED_SITE / "pages" / "tour.md", "tour.md", 10**7)
    page = soup(varied_site / "tour" / "index.html")
    ids = [h["id"] for h in page.select(".oa-body h2")]
    assert ids == ["lists", "a-small-table", "a-picture", "some-code", "links"]
    assert set(ids) <= set(ids_for(source.document.headings)) | set(source.document.ids)
    contents = [(a["href"], a.get_text()) for a in page.select("nav.oa-contents a")]
    assert contents[0] == ("#lists", "Lists") and len(contents) == 5
    assert page.select_one("nav.oa-contents")["aria-labelledby"] == "oa-contents"
    assert (
        soup(varied_site / "reference" / "code" / "index.html").select_one("nav.oa-contents")
        is None
    )


def test_tables_and_code_blocks_are_labelled_focusable_scroll_regions(varied_site):
    tour = soup(varied_site / "tour" / "index.html")
    regions = tour.select("div.oa-scroll")
    assert [(r["tabindex"], r["role"], r.get("aria-label")) for r in regions] == [
        ("0", "region", "Table 1"),
        ("0", "region", "Code example 1"),
    ]
    assert [th["scope"] for th in tour.select("table th")] == ["col", "col", "col"]
    assert tour.select_one("td.oa-align-right").get_text() == "$12"
    tables = soup(varied_site / "reference" / "tables" / "index.html")
    region = tables.select_one("div.oa-scroll")
    assert region["aria-labelledby"] == tables.find("caption")["id"]
    assert [th["scope"] for th in tables.select("tbody th")] == ["row", "row", "row"]


def test_links_and_images_point_at_published_addresses(varied_site):
    tour = soup(varied_site / "tour" / "index.html")
    links = {a.get_text(" ", strip=True): a["href"] for a in tour.select(".oa-body a")}
    assert links["the table reference"] == "../reference/tables/#sizes-and-prices"
    assert links["back to the start"] == "../"
    assert links["Web Content Accessibility Guidelines"].startswith("https://www.w3.org/")
    assert tour.select_one(".oa-body img")["src"] == "../images/ring.svg"
    assert (varied_site / "images" / "ring.svg").read_bytes() == (
        VARIED_SITE / "pages" / "images" / "ring.svg"
    ).read_bytes()
    notes = soup(varied_site / "notes" / "index.html")
    assert notes.select_one(".oa-body a")["href"] == "../tour/"
    pager = [(a["rel"], a.get_text()) for a in tour.select("nav.oa-pagination a")]
    assert pager == [(["next"], "Next: Table reference")]
    assert tour.select_one("p.oa-updated").get_text() == "Last updated 14 March 2026"


def test_sitemap_lists_every_page_under_base_url(varied_site):
    sitemap = (varied_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locations == [
        "https://example.org/guide/",
        "https://example.org/guide/notes/",
        "https://example.org/guide/reference/code/",
        "https://example.org/guide/reference/tables/",
        "https://example.org/guide/tour/",
    ]
    assert "<lastmod>2026-03-14</lastmod>" in sitemap


def test_without_base_url_the_note_names_the_config_file_in_use(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "---\ntitle: Guide\ndescription: The guide.\n---\n\nRead on.\n", encoding="utf-8"
    )
    (tmp_path / "guide.toml").write_text('pages = "docs"\n', encoding="utf-8")
    ran = publish_cli(tmp_path, "--config", "guide.toml", "-o", "out")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "No sitemap.xml: set base_url in guide.toml to get one." in ran.stdout


def test_404_page_uses_links_from_the_site_base(varied_site):
    page = soup(varied_site / "404.html")
    assert page.find("link", rel="stylesheet")["href"] == "/guide/openaccess.css"
    assert page.select_one("main a")["href"] == "/guide/"


# -- escaping and sanitizing --------------------------------------------------------------
HOSTILE = """---
title: <script>alert(1)</script>
description: '"><img src=x onerror=alert(2)>'
---

<img src=x onerror="alert(3)" alt="A cat">

<a href="JaVaScRiPt:alert(4)">case</a>
<a href="jav&#x61;script:alert(5)">entity</a>
<a href="&#106;avascript:alert(6)">decimal entity</a>
<a href="java&#9;script:alert(7)">tab</a>
<a href=" javascript:alert(8)">space</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==">data</a>

<script>alert(10)</script>

<svg onload="alert(11)"><circle r="5"/></svg>

<iframe src="https://example.org/embed" title="Video"></iframe>

[markdown link](javascript:alert(12)) and [upper](JAVASCRIPT:alert(13)).

<p style="color: red" onclick="alert(14)">Styled text stays.</p>
"""


def _executable(page: BeautifulSoup) -> list[str]:
    found = [str(tag)[:60] for tag in page.find_all(["script", "iframe", "object", "embed", "svg"])]
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            if name.startswith("on") or (name == "style" and tag.name != "meta"):
                found.append(f"{tag.name}[{name}]")
            if name in ("href", "src") and re.match(
                r"\s*(javascript|data|vbscript):", str(value), re.I
            ):
                found.append(f"{tag.name}[{name}={value}]")
    return found


def test_hostile_page_publishes_with_nothing_executable(tmp_path):
    write(tmp_path / "pages" / "evil.md", HOSTILE)
    result = publish_cli(tmp_path, "--allow-errors")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "evil" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html5lib")
    assert _executable(page) == []
    assert page.title.get_text() == "<script>alert(1)</script> – openaccess site"
    assert page.find("h1").get_text() == "<script>alert(1)</script>"
    assert "<script>alert(1)" not in html
    body = " ".join(page.select_one(".oa-body").get_text(" ").split())
    for text in ("case", "entity", "decimal entity", "tab", "space", "data", "Styled text stays."):
        assert text in body
    assert page.select_one(".oa-body img")["alt"] == "A cat"
    index = BeautifulSoup(
        (tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html5lib"
    )
    assert _executable(index) == []
    for expected in (
        "evil.md:6:1: warning: removed attribute 'onerror' from <img>",
        "evil.md:8:1: warning: removed the javascript: address from <a href>",
        "evil.md:9:1: warning: removed the javascript: address from <a href>",
        "evil.md:13:1: warning: removed the data: address from <a href>",
        "evil.md:15:1: warning: removed <script> and its content: scripts never run",
        "evil.md:17:1: warning: removed <svg> and its content: inline SVG is not published",
        "evil.md:19:1: warning: removed <iframe>: embedded frames are off",
        "evil.md:23:1: warning: removed attribute 'style' from <p>",
        "evil.md:23:1: warning: removed attribute 'onclick' from <p>",
    ):
        assert expected in result.stdout, expected


def test_iframes_are_kept_only_when_config_allows(tmp_path):
    write(tmp_path / "openaccess.toml", "[publish]\nallow_iframes = true\n")
    write(
        tmp_path / "pages" / "video.md",
        "---\ntitle: Video\ndescription: A page for tests.\n---\n\n"
        '<iframe src="https://example.org/embed" title="Video" onload="x()"></iframe>\n'
        '\n<iframe src="javascript:alert(1)" title="Bad"></iframe>\n',
    )
    assert publish_cli(tmp_path, "--allow-errors").returncode == 0
    page = soup(tmp_path / "site" / "video" / "index.html")
    frames = [(f.get("src"), f.get("onload")) for f in page.find_all("iframe")]
    assert frames == [("https://example.org/embed", None), (None, None)]
    assert "frame-src https:" in page.find("meta", attrs={"http-equiv": True})["content"]


# -- the gate -----------------------------------------------------------------------------
def test_errors_block_publishing_and_nothing_is_written(tmp_path):
    write(
        tmp_path / "pages" / "photo.md",
        "---\ntitle: Photo\ndescription: A page for tests.\n---\n\n![](ring.png)\n",
    )
    (tmp_path / "pages" / "ring.png").write_bytes(b"not really a png")
    result = publish_cli(tmp_path)
    assert result.returncode == 1
    assert "pages/photo.md:6:1: OA401" in result.stdout
    assert (
        "Nothing published: 1 error (OA401) must be fixed first"
        " (or publish anyway with --allow-errors)." in result.stdout
    )
    assert _top(tmp_path) == ["pages"]
    assert (tmp_path / "pages" / "ring.png").read_bytes() == b"not really a png"
    allowed = publish_cli(tmp_path, "--allow-errors")
    assert allowed.returncode == 0
    assert "Published despite 1 error (--allow-errors)." in allowed.stdout
    assert (tmp_path / "site" / "photo" / "index.html").is_file()


_LONG_SENTENCE_PAGE = (
    "---\ntitle: Rings\ndescription: A page for tests.\n---\n\nJewelers who make rings by"
    " hand for their customers usually spend a great many hours on every single piece that"
    " they sell in their small shops.\n\nRead the price list [here](b.md).\n"
)
_LONG_SENTENCE = "pages/a.md:6:1: OA502 sentence has 26 words"
_VAGUE_LINK = "pages/a.md:8:21: OA306 link text 'here' does not say where it goes"


def _rings_site(root: Path, config: str = "") -> None:
    write(root / "pages" / "a.md", _LONG_SENTENCE_PAGE)
    write(
        root / "pages" / "b.md",
        "---\ntitle: Prices\ndescription: A page for tests.\n---\n\nText.\n",
    )
    if config:
        write(root / "openaccess.toml", config)


def test_publish_leaves_writing_advice_to_check_and_lists_the_other_findings(tmp_path):
    _rings_site(tmp_path)
    result = publish_cli(tmp_path)
    assert result.returncode == 0, result.stdout
    assert _VAGUE_LINK in result.stdout
    assert "OA5" not in result.stdout + result.stderr
    assert "Published 2 pages" in result.stdout


def test_writing_findings_lists_readability_warnings_in_publish_too(tmp_path):
    _rings_site(tmp_path, "[publish]\nwriting_findings = true\n")
    result = publish_cli(tmp_path)
    assert result.returncode == 0, result.stdout
    assert _LONG_SENTENCE in result.stdout
    assert _VAGUE_LINK in result.stdout


@pytest.mark.parametrize("where", ["openaccess.toml", "pages/openaccess.toml"])
def test_a_readability_rule_set_to_error_still_stops_a_publish(tmp_path, where):
    """Only advice is left to check: a readability rule the project (or a folder's config)
    makes an error runs, and its error blocks the publish as any other does."""
    _rings_site(tmp_path, "base_url = 'https://example.org/'\n")
    as_error = '[rule.long-sentence]\nseverity = "error"\n'
    config = tmp_path / where
    write(config, (config.read_text() if config.exists() else "") + as_error)
    result = publish_cli(tmp_path)
    assert result.returncode == 1, result.stdout
    assert _LONG_SENTENCE in result.stdout
    assert "Nothing published: 1 error (OA502) must be fixed first" in result.stdout


def test_a_suppression_of_advice_publish_did_not_run_is_not_called_unused(tmp_path):
    _rings_site(tmp_path)
    page = tmp_path / "pages" / "a.md"
    write(
        page,
        page.read_text().replace(
            "Jewelers", "<!-- openaccess-disable-next-line OA502 -->\nJewelers"
        ),
    )
    result = publish_cli(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "OA001" not in result.stdout


# -- the output folder --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("pages", "is the pages folder"),
        (".", "contains the pages folder"),
        ("pages/site", "is inside the pages folder"),
    ],
)
def test_dangerous_output_folders_are_refused(tmp_path, output, message):
    write(
        tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A page for tests.\n---\n\nText.\n"
    )
    before = snapshot(tmp_path)
    result = publish_cli(tmp_path, "-o", output)
    assert result.returncode == 2
    assert message in result.stderr
    assert snapshot(tmp_path) == before


def test_folder_with_files_openaccess_did_not_write_is_refused_and_kept(tmp_path):
    write(
        tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A page for tests.\n---\n\nText.\n"
    )
    write(tmp_path / "site" / "notes.txt", "mine")
    result = publish_cli(tmp_path)
    assert result.returncode == 2
    assert "holds files openaccess did not write (notes.txt)" in result.stderr
    assert (tmp_path / "site" / "notes.txt").read_text() == "mine"
    (tmp_path / "site" / "notes.txt").unlink()
    assert publish_cli(tmp_path).returncode == 0
    write(tmp_path / "site" / "a" / "extra.html", "added by hand")
    again = publish_cli(tmp_path)
    assert again.returncode == 2
    assert "(a/extra.html)" in again.stderr
    assert (tmp_path / "site" / "a" / "extra.html").read_text() == "added by hand"


@pytest.mark.parametrize("name", ["two\nlines.txt", "100%0A.txt", "line\u2028sep.txt"])
def test_a_file_name_with_a_line_break_is_published_again(tmp_path, name):
    """The marker file lists what publish wrote, one name to a line: a name holding a line
    break was split in two, and the next publish refused its own output folder."""
    write(
        tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A page for tests.\n---\n\nText.\n"
    )
    write(tmp_path / "pages" / name, "data")
    assert publish_cli(tmp_path).returncode == 0
    again = publish_cli(tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "site" / name).read_text() == "data"


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path, monkeypatch):
    write(
        tmp_path / "pages" / "a.md",
        "---\ntitle: A\ndescription: A page for tests.\n---\n\nFirst version.\n",
    )
    config = build_config({}, root=tmp_path)
    publish([], config, PublishOptions())
    before = snapshot(tmp_path / "site")
    write(
        tmp_path / "pages" / "a.md",
        "---\ntitle: A\ndescription: A page for tests.\n---\n\nSecond version.\n",
    )
    real = build._write_file
    calls = []

    def failing(target, data):
        calls.append(target)
        if len(calls) == 3:
            raise OSError("disk full")
        real(target, data)

    monkeypatch.setattr(build, "_write_file", failing)
    with pytest.raises(OSError, match="disk full"):
        publish([], config, PublishOptions())
    assert snapshot(tmp_path / "site") == before
    assert _top(tmp_path) == ["pages", "site"]


def test_concurrent_publishes_take_turns(tmp_path):
    for number in range(30):
        write(
            tmp_path / "pages" / f"p{number:02}.md",
            f"---\ntitle: Page {number}\ndescription: A page for tests.\n---\n\nText {number}.\n",
        )
    config = build_config({}, root=tmp_path)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            publish([], config, PublishOptions())
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(list((tmp_path / "site").rglob("index.html"))) == 31
    assert _top(tmp_path) == ["pages", "site"]


@pytest.mark.parametrize(
    ("front_matter", "message", "blocks"),
    [
        ("slug: ../../escaped", "slug '../../escaped' must be one name without '/'", True),
        ("slug: ..", "slug '..' would leave or hide inside the output folder", True),
        ("url: /../../escaped/", "url '/../../escaped/' would leave or hide inside the", True),
        ("url: 'C:\\\\escaped'", "contains a character not allowed in a file name", True),
        ("url: https://evil.example/x", "must be a path within the site, not a full address", True),
        ("aliases: ['../../escaped']", "OA106 alias '../../escaped' would leave or hide", False),
        ("aliases: ['/%2e%2e/escaped']", "OA106 alias '/%2e%2e/escaped' would leave", False),
    ],
)
def test_front_matter_paths_never_leave_the_output_folder(tmp_path, front_matter, message, blocks):
    project = tmp_path / "deep" / "project"
    write(
        project / "pages" / "a.md",
        f"---\ntitle: A\ndescription: A.\n{front_matter}\n---\n\nText.\n",
    )
    first = publish_cli(project)
    assert message in first.stdout
    if blocks:
        assert first.returncode == 1
        assert not (project / "site").exists()
        assert publish_cli(project, "--allow-errors").returncode == 0
    else:
        assert first.returncode == 0
    written = sorted(snapshot(tmp_path))
    assert "deep/project/site/a/index.html" in written
    outside = [
        w for w in written if not w.startswith(("deep/project/site/", "deep/project/pages/"))
    ]
    assert outside == []


def test_slug_url_and_aliases_choose_addresses(tmp_path):
    write(
        tmp_path / "pages" / "guides" / "a.md",
        "---\ntitle: A\ndescription: A page for tests.\nslug: first\naliases: [/old/a/]\n---\n"
        "\nText.\n",
    )
    write(
        tmp_path / "pages" / "b.md",
        "---\ntitle: B\ndescription: A page for tests.\nurl: /elsewhere/b/\n---\n"
        "\nSee [A](guides/a.md).\n",
    )
    assert publish_cli(tmp_path).returncode == 0
    site = tmp_path / "site"
    assert (site / "guides" / "first" / "index.html").is_file()
    assert (site / "elsewhere" / "b" / "index.html").is_file()
    assert (
        soup(site / "elsewhere" / "b" / "index.html").select_one(".oa-body a")["href"]
        == "../../guides/first/"
    )
    moved = soup(site / "old" / "a" / "index.html")
    assert moved.find("h1").get_text() == "This page has moved"
    assert moved.select_one("main a")["href"] == "../../guides/first/"
    assert moved.find("meta", attrs={"http-equiv": "refresh"}) is None  # no surprise jumps


def test_each_alias_that_cannot_be_written_is_its_own_finding(tmp_path):
    """One bad alias dropped the list, and hid the next mistake in it (QA of 2 December,
    F20): each is reported, and the good ones are still written."""
    write(tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A.\n---\n\nSee [B](b.md).\n")
    write(
        tmp_path / "pages" / "b.md",
        "---\ntitle: B\ndescription: B.\naliases: ['../x', /a/, /old/b/]\n---\n\nSee [A](a.md).\n",
    )
    result = publish_cli(tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == [
        "pages/b.md:4:1: OA106 alias '../x' would leave or hide inside the output folder;"
        " no redirect is written [fragile-address]",
        "pages/b.md:4:1: OA106 alias '/a/' is taken by pages/a.md; no redirect is written"
        " [fragile-address]",
    ]
    assert soup(tmp_path / "site" / "old" / "b" / "index.html").find("h1").get_text() == (
        "This page has moved"
    )


def _published_in_both_paths(root: Path, markdown: str) -> list[BeautifulSoup]:
    """``markdown`` published twice: as plain Markdown (rendered from its tokens) and
    after a raw HTML paragraph (through the HTML tree); both published pages."""
    write(root / "pages" / "a.md", f"---\ntitle: A\ndescription: A.\n---\n\n{markdown}")
    write(
        root / "pages" / "b.md",
        f"---\ntitle: B\ndescription: B.\n---\n\n<p>Raw.</p>\n\n{markdown}\nSee [A](a.md).\n",
    )
    assert publish_cli(root).returncode == 0
    return [soup(root / "site" / name / "index.html") for name in ("a", "b")]


def test_an_empty_header_cell_is_published_as_a_plain_cell(tmp_path):
    """A table's empty corner, ``|   | Value |``, heads nothing: axe reported it
    (empty-table-header) on PowerShell's module manifest pages. Both render paths, plain
    Markdown and a page with raw HTML, publish it as a <td>."""
    for page in _published_in_both_paths(tmp_path, "|   | Value |\n|---|---|\n| a | 1 |\n"):
        head = page.select_one("thead tr")
        cells = [(cell.name, cell.get("scope"), cell.get_text()) for cell in head.find_all(True)]
        assert cells == [("td", None, ""), ("th", "col", "Value")]


def test_an_alert_is_published_as_a_titled_note_in_both_render_paths(tmp_path):
    """``> [!NOTE]``, as GitHub and DocFX write a note (459 PowerShell pages), was a
    quotation that began with "[!NOTE]". It is a box titled "Note", in a list item too;
    a marker that is not alone on its line leaves a quotation."""
    alerts = (
        "> [!NOTE]\n> Logs are *not* limited.\n\n> [!tip]\n>\n> A tip.\n\n"
        "- An item.\n\n  > [!WARNING]\n  > Nested.\n\n> [!NOTE] and words\n> Quoted.\n"
    )
    for page in _published_in_both_paths(tmp_path, alerts):
        body = page.select_one(".oa-body")
        boxes = [
            (box["class"], [p.decode_contents() for p in box.find_all("p")])
            for box in body.select("div.oa-alert")
        ]
        assert boxes == [
            (["oa-alert", "oa-alert-note"], ["Note", "Logs are <em>not</em> limited."]),
            (["oa-alert", "oa-alert-tip"], ["Tip", "A tip."]),
            (["oa-alert", "oa-alert-warning"], ["Warning", "Nested."]),
        ]
        assert [p.get("class") for p in body.select("div.oa-alert > p:first-child")] == [
            ["oa-alert-title"]
        ] * 3
        quote = body.select_one("blockquote")
        assert quote.get_text().split() == ["[!NOTE]", "and", "words", "Quoted."]


def test_an_empty_code_block_is_left_out_in_both_render_paths(tmp_path):
    """An empty fence was a focusable, labelled region holding nothing: a keyboard stop
    that says nothing. It is left out, and the next code example is "Code example 1".
    Page a takes the tree path (raw HTML), page b the plain one."""
    code = '```\n```\n\n```\n   \n```\n\n```\nls\n```\n\n<pre><img src="a.png" alt="A"></pre>\n'
    write(tmp_path / "pages" / "a.md", f"---\ntitle: A\ndescription: A.\n---\n\n{code}")
    write(tmp_path / "pages" / "a.png", "png")
    write(
        tmp_path / "pages" / "b.md",
        "---\ntitle: B\ndescription: B.\n---\n\n```\n```\n\n```\nls\n```\n\nSee [A](a.md).\n",
    )
    assert publish_cli(tmp_path).returncode == 0
    regions = soup(tmp_path / "site" / "b" / "index.html").select("div.oa-scroll")
    assert [(r["aria-label"], r.get_text()) for r in regions] == [("Code example 1", "ls\n")]
    regions = soup(tmp_path / "site" / "a" / "index.html").select("div.oa-scroll")
    assert [r["aria-label"] for r in regions] == ["Code example 1", "Code example 2"]
    assert regions[1].find("img")["alt"] == "A"  # a block with no text but an image stays


def test_pages_that_share_a_title_are_told_apart_on_the_home_page(tmp_path):
    """PowerShell's reference has "about_Splatting" for each version: the home page's
    list read the same link text three times, leading to three places. Each link to a
    shared title (in any case) now names the page's address; a title of its own does not."""
    for folder, title in (
        ("5.1", "About Splatting"),
        ("7.4", "about  splatting"),
        ("7.4", "Other"),
    ):
        name = title.split()[-1].lower()
        write(
            tmp_path / "pages" / folder / f"{name}.md",
            f"---\ntitle: {title}\ndescription: D.\norphan: true\n---\n\nText.\n",
        )
    assert publish_cli(tmp_path).returncode == 0
    links = soup(tmp_path / "site" / "index.html").select(".oa-pages > li > a")
    assert sorted(" ".join(link.get_text().split()) for link in links) == [
        "About Splatting (/5.1/splatting/)",
        "Other",
        "about splatting (/7.4/splatting/)",
    ]


def test_two_pages_at_one_address_is_an_error(tmp_path):
    write(
        tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A page for tests.\n---\n\nText.\n"
    )
    write(
        tmp_path / "pages" / "b.md",
        "---\ntitle: B\ndescription: A page for tests.\nurl: /a/\n---\n\nText.\n",
    )
    result = publish_cli(tmp_path)
    assert result.returncode == 1
    assert (
        "pages/b.md:4:1: OA105 address '/a/' is taken by pages/a.md [address-conflict]"
    ) in result.stdout
    assert "is taken by" not in result.stderr  # once, at the page


def test_addresses_that_differ_only_in_letter_case_are_a_warning(tmp_path):
    """/guides/Pricing/ and /guides/pricing/ are two folders on Linux but one on macOS and
    Windows, where building the site would keep only one page: say so, and publish."""
    front = "---\ntitle: {}\ndescription: A page for tests.\n---\n\nText.\n"
    write(tmp_path / "pages" / "guides" / "Pricing.md", front.format("Pricing"))
    write(tmp_path / "pages" / "guides" / "pricing.md", front.format("Prices"))
    write(tmp_path / "pages" / "index.md", front.format("Home"))
    result = publish_cli(tmp_path)
    assert result.returncode == 0, result.stdout
    assert (
        "pages/guides/pricing.md:1:1: OA106 address '/guides/pricing/' and"
        " '/guides/Pricing/' (pages/guides/Pricing.md) differ only in letter case: on macOS"
        " and Windows they are one file, so a site built there keeps only one of them; give"
        " one page another address [fragile-address]"
    ) in result.stdout
    assert "Pricing.md:1:1: OA106" not in result.stdout  # said once, on the later page
    assert "differ only" not in result.stderr  # not again among the check's notes


def test_addresses_that_differ_only_in_how_an_accent_is_encoded_are_a_warning(tmp_path):
    front = "---\ntitle: {}\ndescription: A page for tests.\n---\n\nText.\n"
    write(tmp_path / "pages" / "caf\u00e9.md", front.format("One"))  # é as one character
    write(tmp_path / "pages" / "cafe\u0301.md", front.format("Two"))  # e and an accent
    write(tmp_path / "pages" / "index.md", front.format("Home"))
    result = publish_cli(tmp_path)
    assert result.returncode == 0, result.stdout
    warnings = [line for line in result.stdout.splitlines() if "differ only in" in line]
    assert len(warnings) == 1, result.stdout
    assert "differ only in accents: on macOS and Windows they are one file" in warnings[0]


def test_project_templates_override_the_built_in_ones(tmp_path):
    write(
        tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A page for tests.\n---\n\nText.\n"
    )
    write(
        tmp_path / "templates" / "404.html",
        '{% extends "base.html" %}{% block main %}<h1>Lost? {{ site.title }}</h1>{% endblock %}',
    )
    assert publish_cli(tmp_path).returncode == 0
    assert soup(tmp_path / "site" / "404.html").find("h1").get_text() == "Lost? openaccess site"
    assert soup(tmp_path / "site" / "a" / "index.html").find("h1").get_text() == "A"


def test_a_broken_override_template_is_one_line_exit_2(tmp_path):
    write(
        tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A page for tests.\n---\n\nText.\n"
    )
    write(tmp_path / "templates" / "page.html", "{% block main %}\n{% if %}\n")
    result = publish_cli(tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("openaccess: error: templates/page.html:2: template error:")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_cli_startup_does_not_import_publish_dependencies():
    import subprocess
    import sys

    code = (
        "import sys, openaccess.commands.app; "
        "print(sorted(m for m in ('jinja2', 'bs4', 'nh3', 'html5lib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("title", "body", "h1", "headings"),
    [
        ("Rings", "# Rings\n\nText.\n\n## Sizes\n\nMore.\n", "Rings", [("h2", "Sizes")]),
        # A heading that starts the body is the page's h1 (title_h1 "auto").
        ("Rings", "# All about rings\n\nText.\n", "All about rings", []),
        ("Rings", "Text.\n\n# One\n\n## Two\n", "Rings", [("h2", "One"), ("h3", "Two")]),
    ],
)
def test_one_h1_and_no_heading_text_lost(tmp_path, title, body, h1, headings):
    write(tmp_path / "pages" / "a.md", f"---\ntitle: {title}\ndescription: A.\n---\n\n{body}")
    assert publish_cli(tmp_path, "--allow-errors").returncode == 0
    page = soup(tmp_path / "site" / "a" / "index.html")
    assert [e.get_text() for e in page.find_all("h1")] == [h1]
    assert [(e.name, e.get_text()) for e in page.select(".oa-body :is(h2, h3)")] == headings


@pytest.mark.parametrize("raw", ["", "<div>Raw HTML.</div>\n\n"], ids=["tokens", "tree"])
def test_title_h1_body_makes_the_first_body_h1_the_page_h1_wherever_it_is(tmp_path, raw):
    """``check`` takes the first ``# Heading`` as the page's h1 in ``body`` mode; publish
    showed the front matter title as the h1 and moved every body heading down a level
    (QA of 2 December). Both render paths now agree with ``check``."""
    write(tmp_path / "openaccess.toml", 'title_h1 = "body"\n')
    body = f"{raw}Intro.\n\n# Body title\n\n## Part\n\nText.\n\n# Second\n"
    write(tmp_path / "pages" / "a.md", f"---\ntitle: Other\ndescription: A.\n---\n\n{body}")
    assert publish_cli(tmp_path, "--allow-errors").returncode == 0
    page = soup(tmp_path / "site" / "a" / "index.html")
    assert [e.get_text() for e in page.find_all("h1")] == ["Body title"]
    assert [(e.name, e.get_text()) for e in page.select(".oa-body :is(h2, h3)")] == [
        ("h3", "Part"),
        ("h2", "Second"),
    ]
    assert [p.get_text() for p in page.select(".oa-body p")] == ["Intro.", "Text."]


def test_worker_processes_build_the_same_site_as_one_process(tmp_path, monkeypatch):
    count = check.PARALLEL_THRESHOLD + 6
    for number in range(count):
        write(
            tmp_path / "pages" / f"p{number:03}.md",
            f"---\ntitle: Page {number}\ndescription: Page {number}.\n---\n\n"
            f"<p>\nFirst {number}.\n\nSecond.\n<br>\n</p>\n\n"
            f"See [next](p{(number + 1) % count:03}.md).\n",
        )
    config = build_config({}, root=tmp_path)
    parallel = publish([], config, PublishOptions(output=tmp_path / "parallel", cache=False))
    monkeypatch.setattr(check, "PARALLEL_THRESHOLD", 10**9)
    serial = publish([], config, PublishOptions(output=tmp_path / "serial", cache=False))
    assert parallel.published and serial.published
    assert parallel.repaired == serial.repaired == {"paragraph-wall": count, "spacing-br": count}
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "serial")
    assert len(snapshot(tmp_path / "serial")) == count + 4


def test_a_second_publish_waits_for_the_lock(tmp_path):
    from openaccess.publish import output as out

    write(tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A.\n---\n\nText.\n")
    config = build_config({}, root=tmp_path)
    waiting = threading.Event()
    finished = threading.Event()

    def run() -> None:
        publish([], config, PublishOptions(), on_wait=waiting.set)
        finished.set()

    with out.locked(tmp_path / "site"):
        thread = threading.Thread(target=run)
        thread.start()
        assert waiting.wait(timeout=60)
        assert not finished.is_set()
        assert not (tmp_path / "site").exists()
    thread.join(timeout=60)
    assert finished.is_set()
    assert (tmp_path / "site" / "a" / "index.html").is_file()


def test_progress_is_quiet_in_ci_and_plain_lines_with_verbose(tmp_path):
    for number in range(20):
        write(
            tmp_path / "pages" / f"p{number:02}.md",
            f"---\ntitle: P{number}\ndescription: P.\n---\n\nText.\n",
        )
    quiet = publish_cli(tmp_path)
    assert quiet.returncode == 0 and "rendered" not in quiet.stderr
    verbose = publish_cli(tmp_path, "--verbose", "--no-cache")
    assert verbose.returncode == 0
    lines = [line for line in verbose.stderr.splitlines() if "rendered" in line]
    assert lines[0] == "openaccess: rendered 2 of 20 pages"
    assert lines[-1] == "openaccess: rendered 20 of 20 pages"
    assert len(lines) == 10
    # Every page rendered by the first publish comes from the cache: done at once.
    cached = publish_cli(tmp_path, "--verbose")
    lines = [line for line in cached.stderr.splitlines() if "rendered" in line]
    assert lines == ["openaccess: rendered 20 of 20 pages"]


def test_whole_html_document_pages_publish_their_body(tmp_path):
    write(
        tmp_path / "pages" / "old.html",
        "---\ndescription: An old page.\n---\n<!DOCTYPE html>\n<html><head><title>Old page</title>"
        "<style>p { color: red }</style></head>\n<body>\n<p>Body text.</p>\n"
        "<center>Centred text.</center>\n</body></html>\n",
    )
    result = publish_cli(tmp_path, "--allow-errors")
    assert result.returncode == 0, result.stdout
    page = soup(tmp_path / "site" / "old" / "index.html")
    assert page.title.get_text() == "Old page – openaccess site"
    body = page.select_one(".oa-body")
    assert [(e.name, e.get_text()) for e in body.find_all(True)] == [
        ("p", "Body text."),
        ("div", "Centred text."),
    ]


def test_a_project_stylesheet_replaces_the_built_in_one(tmp_path):
    write(tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A.\n---\n\nText.\n")
    write(tmp_path / "templates" / "openaccess.css", "body { margin: 2rem; }\n")
    assert publish_cli(tmp_path).returncode == 0
    assert (tmp_path / "site" / "openaccess.css").read_text() == "body { margin: 2rem; }\n"


def test_control_characters_never_reach_the_published_html(tmp_path):
    write(
        tmp_path / "pages" / "a.md",
        '---\ntitle: "Tab\\vtitle"\ndescription: "Bell\\a here"\n---\n\nOne\x0btwo\x7fthree.\n',
    )
    assert publish_cli(tmp_path, "--allow-errors").returncode == 0
    for path in html_files(tmp_path / "site"):
        text = path.read_text(encoding="utf-8")
        assert re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", text) is None, path
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(text)
        assert parser.errors == [], path
    page = soup(tmp_path / "site" / "a" / "index.html")
    assert page.select_one(".oa-body p").get_text() == "One two three."
    assert page.find("h1").get_text() == "Tab title"


def test_repairs_that_take_several_passes(tmp_path):
    """The <br> run is removed in one pass, the paragraph wall it hid split in the next:
    both passes' repairs are counted."""
    write(tmp_path / "pages" / "nested.html", "<p>one<br><br>\n\ntwo</p>\n")
    result = publish_cli(tmp_path, "--allow-errors")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Repaired in the published pages: paragraph-wall 1, spacing-br 2" in result.stdout
    parser = html5lib.HTMLParser(strict=False)
    parser.parse((tmp_path / "site" / "nested" / "index.html").read_bytes())
    assert parser.errors == []
    body = soup(tmp_path / "site" / "nested" / "index.html").select_one(".oa-body")
    assert [p.get_text(strip=True) for p in body.find_all("p")] == ["one", "two"]


def test_old_style_named_targets_become_ids(tmp_path):
    """``check`` accepts ``#old-spot`` for ``<a name="old-spot">``; the published page
    turns it into ``<a id="old-spot">`` (``name`` there is obsolete HTML), so the link
    works, and nothing is reported as removed."""
    write(
        tmp_path / "pages" / "a.md",
        '---\ntitle: A\ndescription: A page.\n---\n\n<a name="old-spot"></a>Some text.\n\n'
        '<p><a id="kept" name="other"></a>More.</p>\n\n[Back](#old-spot) and [kept](#kept).\n',
    )
    result = publish_cli(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "removed" not in result.stdout + result.stderr
    body = soup(tmp_path / "site" / "a" / "index.html").select_one(".oa-body")
    assert [a.attrs for a in body.find_all("a")] == [
        {"id": "old-spot"},
        {"id": "kept"},
        {"href": "#old-spot"},
        {"href": "#kept"},
    ]


def test_a_link_target_on_a_line_of_its_own_is_published(tmp_path):
    """``<a id="tax"></a>`` alone on a line is a paragraph with no text: publish dropped
    it, and the ``#tax`` link that ``check`` accepts led nowhere (QA of 2 December). The
    target stays, out of the empty paragraph; a truly empty paragraph still goes."""
    write(
        tmp_path / "pages" / "a.md",
        '---\ntitle: A\ndescription: A page.\n---\n\n<a name="fees"></a>\n\n'
        '<a id="tax"></a>\n\n<p> </p>\n\nSee [fees](#fees) and [tax](#tax).\n',
    )
    result = publish_cli(tmp_path)
    assert result.returncode == 0, result.stdout
    body = soup(tmp_path / "site" / "a" / "index.html").select_one(".oa-body")
    assert [a.attrs for a in body.find_all("a")] == [
        {"id": "fees"},
        {"id": "tax"},
        {"href": "#fees"},
        {"href": "#tax"},
    ]
    assert [p.get_text() for p in body.find_all("p")] == ["See fees and tax."]


def test_a_marker_written_before_names_were_escaped_is_still_read(tmp_path):
    """A site published by an earlier openaccess lists its names as they are."""
    from openaccess.publish import output

    write(tmp_path / ".openaccess-site", output._PLAIN_MARKER_HEADER + "a/index.html\n100%25.txt\n")
    assert output.read_marker(tmp_path) == {"a/index.html", "100%25.txt", ".openaccess-site"}
    write(tmp_path / ".openaccess-site", output.marker_text(["x\ny.txt", "100%25.txt"]))
    assert output.read_marker(tmp_path) == {"x\ny.txt", "100%25.txt", ".openaccess-site"}
