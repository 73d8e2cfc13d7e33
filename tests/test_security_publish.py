"""Nothing unsanitized reaches a published page (issue 13, rows 2, 3, 11 and 14).

The sanitizer runs last, on the final body HTML; the render cache is untrusted input;
templates run in Jinja2's sandbox. Each test publishes through the real command line and
reads the result with html5lib, the way a browser does.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import html5lib
import pytest
from hostile_cli import run_openaccess, write

from openaccess.publish import sanitize

PAGE = "---\ntitle: Home\ndescription: A page for tests.\n---\n\nHello, readers.\n"


def _elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of a published page as a browser parses it: (name, attributes)."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return [(element.tag, dict(element.attrib)) for element in tree.iter() if element.tag]


def _scripts(html: str) -> list[str]:
    return [f"{name} {attrs}" for name, attrs in _elements(html) if name == "script"]


# -- row 2: a tampered render-cache entry can never add markup ----------------------------------
@pytest.mark.parametrize(
    "injected",
    [
        '<script src="evil.js"></script>',
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">win</a>',
        '<div class="oa-scroll" style="position:fixed">x</div>',
        "<iframe src=https://evil.example/></iframe>",
        # well-formed, so nh3 alone keeps it: only the bounding walk, which a body read
        # from the cache never skips, drops the tags past MAX_DEPTH
        "<div>" * (sanitize.MAX_DEPTH + 88) + "deep" + "</div>" * (sanitize.MAX_DEPTH + 88),
    ],
    ids=["script", "onerror", "javascript", "style", "iframe", "too deep"],
)
def test_a_tampered_render_cache_entry_is_never_published(tmp_path, injected):
    write(tmp_path / "pages" / "index.md", PAGE)
    first = run_openaccess("publish", cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    clean = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    tampered = 0
    for cache_file in (tmp_path / ".openaccess" / "cache").rglob("*.json"):
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        for entry in data.get("entries", {}).values():
            if isinstance(entry.get("data"), dict) and "html" in entry["data"]:
                entry["data"]["html"] += injected
                tampered += 1
        cache_file.write_text(json.dumps(data), encoding="utf-8")
    assert tampered == 1
    second = run_openaccess("publish", cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == clean


def test_tampered_cache_fields_other_than_html_are_ignored(tmp_path):
    write(tmp_path / "pages" / "index.md", PAGE)
    write(tmp_path / "secret.txt", "TOP-SECRET")
    assert run_openaccess("publish", cwd=tmp_path).returncode == 0
    clean = {p.name: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    for cache_file in (tmp_path / ".openaccess" / "cache").rglob("*.json"):
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        for entry in data.get("entries", {}).values():
            if isinstance(entry.get("data"), dict) and "assets" in entry["data"]:
                entry["data"]["assets"] = ["../secret.txt", "/etc/passwd"]
                entry["data"]["contents"] = [[1, {"x": 2}]]
        cache_file.write_text(json.dumps(data), encoding="utf-8")
    again = run_openaccess("publish", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    now = {p.name: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert now == clean


# -- row 3: iframes are https only, with nothing inside ---------------------------------------
ESCAPE = (
    '<iframe title="V" src="https://www.example.org/e"></iframe\x0b>'
    '<script src="../helper.js"></script></iframe>'
)


@pytest.mark.parametrize("control", ["\x0b", "\x0c", "\x08", "\x01", "\x1f", "\x7f", "\u2028"])
def test_control_characters_in_an_iframe_end_tag_never_open_a_script(tmp_path, control):
    write(tmp_path / "openaccess.toml", "[publish]\nallow_iframes = true\n")
    write(tmp_path / "pages" / "index.md", PAGE + "\n" + ESCAPE.replace("\x0b", control) + "\n")
    done = run_openaccess("publish", "--allow-errors", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert _scripts(html) == []
    frames = [attrs for name, attrs in _elements(html) if name == "iframe"]
    assert frames == [{"title": "V", "src": "https://www.example.org/e"}]
    assert "helper.js" not in html  # the frame's inner content is removed, not kept as text


@pytest.mark.parametrize(
    "source",
    ["http://example.org/e", "/local/frame.html", "frame.html", "mailto:a@example.org",
     "//example.org/e", "HTTPS:example.org", "data:text/html,x", " javascript:alert(1)"],
)  # fmt: skip
def test_iframes_keep_only_https_sources(source):
    cleaned = sanitize.clean(f'<iframe title="T" src="{source}"></iframe>', allow_iframes=True)
    assert cleaned == '<iframe title="T"></iframe>'


def test_an_https_iframe_source_is_kept_and_its_removal_otherwise_reported():
    kept = sanitize.clean('<iframe title="T" src="https://x.org/e">in</iframe>', True)
    assert kept == '<iframe title="T" src="https://x.org/e"></iframe>'
    removals = sanitize.RemovalReport.scan('<iframe src="http://x.org/e"></iframe>', 0, True)
    assert [r.message for r in removals] == [
        "removed the http: address from <iframe src>; embedded frames are published only"
        " from https addresses"
    ]


# -- row 14: cite addresses are filtered like every other address --------------------------------
@pytest.mark.parametrize("tag", ["blockquote", "q", "del", "ins"])
def test_script_addresses_in_cite_are_removed(tag):
    cleaned = sanitize.clean(f'<{tag} cite="JaVa&#x09;Script:alert(1)">x</{tag}>', False)
    assert cleaned == f"<{tag}>x</{tag}>"
    safe = sanitize.clean(f'<{tag} cite="https://example.org/source">x</{tag}>', False)
    assert safe == f'<{tag} cite="https://example.org/source">x</{tag}>'


# -- row 11: templates run in Jinja2's sandbox --------------------------------------------------
@pytest.mark.parametrize(
    "attack",
    [
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ joiner.__init__.__globals__ }}",
        "{% set x = site.__class__ %}{{ x.mro() }}",
    ],
)
def test_a_template_escape_attempt_is_one_line_exit_2(tmp_path, attack):
    write(tmp_path / "pages" / "index.md", PAGE)
    write(
        tmp_path / "templates" / "404.html",
        '{% extends "base.html" %}{% block main %}\n<h1>Lost</h1>\n' + attack + "\n{% endblock %}",
    )
    outcome = run_openaccess("publish", cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stdout.count("uid=") == 0
    assert outcome.stderr.startswith("openaccess: error: templates/404.html:3: template error: ")
    assert "unsafe" in outcome.stderr
    assert outcome.stderr.count("\n") == 1
    assert not Path(tmp_path / "site").exists()


# -- row 10: an address no file system can hold is an error, not an internal error ---------------
LONG = "a" * 256
TOO_LONG_NAME = "has a part longer than 255 bytes, the longest file name a file system takes"
OWN_PATH = "it is published at its own path"
CONFLICT = "[address-conflict]"


@pytest.mark.parametrize(
    ("front_matter", "note"),
    [
        (f"url: /{LONG}/", f"OA105 url '/{LONG[:59]}…' {TOO_LONG_NAME}; {OWN_PATH} {CONFLICT}"),
        (f"url: /{'é' * 128}/", f"OA105 url '/{'é' * 59}…' {TOO_LONG_NAME}; {OWN_PATH} {CONFLICT}"),
        (f"slug: {LONG}", f"OA105 slug '{LONG[:60]}…' {TOO_LONG_NAME}; {OWN_PATH} {CONFLICT}"),
        (
            "url: /" + "d/" * 600,
            "OA105 url '/" + "d/" * 29 + f"d…' is longer than 1024 bytes; {OWN_PATH} {CONFLICT}",
        ),
        (
            f"aliases: [/{LONG}/]",
            f"OA106 alias '/{LONG[:59]}…' {TOO_LONG_NAME}; no redirect is written"
            " [fragile-address]",
        ),
    ],
)
def test_an_address_too_long_for_a_file_name_is_a_finding(tmp_path, front_matter, note):
    write(tmp_path / "pages" / "index.md", PAGE + "\nSee [A](a.md).\n")
    write(tmp_path / "pages" / "a.md", PAGE.replace("---\n\n", f"{front_matter}\n---\n\n", 1))
    done = run_openaccess("publish", "--allow-errors", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "internal error" not in done.stderr
    assert [line for line in done.stdout.splitlines() if line.startswith("pages/")] == [
        f"pages/a.md:4:1: {note}"  # at the key that sets the address
    ]
    assert (tmp_path / "site" / "a" / "index.html").is_file()  # published at its own path


# -- row 2 (a variant): a cache that came with a commit could say every page is clean -------------
def _git(cwd: Path, *args: str) -> None:
    identity = ["-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def test_a_cache_committed_to_git_is_not_used(tmp_path):
    write(tmp_path / "pages" / "index.md", PAGE + "\n### A skipped level\n")
    first = run_openaccess("check", cwd=tmp_path)
    assert "OA201" in first.stdout
    for cache_file in (tmp_path / ".openaccess" / "cache").rglob("*.json"):
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        for entry in data.get("entries", {}).values():  # the front matter index has none
            if isinstance(entry.get("data"), dict) and "findings" in entry["data"]:
                entry["data"]["findings"] = []  # "this page is clean"
        cache_file.write_text(json.dumps(data), encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-f", ".")
    _git(tmp_path, "commit", "-q", "-m", "pages and a cache")

    committed = {p: p.read_bytes() for p in (tmp_path / ".openaccess").rglob("*") if p.is_file()}
    write(tmp_path / "pages" / "index.md", PAGE + "\n### A skipped level\n\nMore text.\n")
    again = run_openaccess("check", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert again.stderr == (
        ".openaccess/cache holds files committed to git; the cache is not used"
        " (run 'git rm -r --cached .openaccess/cache' to use one)\n"
    )
    after = {p: p.read_bytes() for p in (tmp_path / ".openaccess").rglob("*") if p.is_file()}
    assert after == committed  # nothing committed is rewritten, the front matter index neither


# -- the nesting cap counts only elements that stay open -----------------------------------------
@pytest.mark.parametrize("void", ["br", "img", "hr", "wbr", "col", "input", "br /"])
def test_void_elements_never_count_towards_the_nesting_cap(void):
    """A page of many line breaks or images is not nested at all: every tag is kept (the
    model once read the removal report's shorter list of void elements, so 512 <br> in a
    paragraph made the rest of the page "too deep")."""
    html = "<div>" + f"a<{void}>" * (sanitize.MAX_DEPTH + 88) + "</div><p><b>x</b></p>"
    assert sanitize._bounded(html) == (html, None)


def test_a_page_of_many_images_publishes_every_paragraph(tmp_path):
    images = "".join(f"![Photo {n}](photo.png)\n\nText {n}.\n\n" for n in range(600))
    write(tmp_path / "pages" / "index.md", PAGE + "\n<div>raw</div>\n\n" + images)
    write(tmp_path / "pages" / "photo.png", "")
    done = run_openaccess("publish", "--allow-errors", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sanitize.TOO_DEEP not in done.stdout + done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count("<img") == 600
    assert "<p>Text 599.</p>" in html


# -- files published as they are: none may carry script ---------------------------------------
ACTIVE_FILES = {
    "a script in an SVG": (
        "logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
    ),
    "a namespaced script": (
        "a.svg",
        '<svg xmlns:s="http://www.w3.org/2000/svg"><s:script>x()</s:script></svg>',
    ),
    "an event attribute": ("a.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
    "an encoded javascript address": (
        "a.svg",
        '<svg><a href="&#106;ava&#x09;script:x()">a</a></svg>',
    ),
    "an animated javascript address": (
        "a.svg",
        '<svg><a><set attributeName="href" to="javascript:x()"/></a></svg>',
    ),
    "a foreign object": ("a.svg", "<svg><foreignObject><p>x</p></foreignObject></svg>"),
    "a script in XHTML": ("x.xhtml", "<html><body><script>x()</script></body></html>"),
    "an XSLT stylesheet": ("feed.xml", '<?xml-stylesheet type="text/xsl" href="x.xsl"?><rss/>'),
    "a script in a stylesheet": ("a.svg", "<svg><style>a { behavior: url(x.htc) }</style></svg>"),
    "an iframe in server-side HTML": ("demo.shtml", "<p>Demo</p><iframe srcdoc='x'></iframe>"),
}


@pytest.mark.parametrize("case", sorted(ACTIVE_FILES))
def test_a_file_published_as_it_is_never_carries_script(tmp_path, case):
    """An SVG, HTML, XHTML or XML file is copied byte for byte, and a browser runs script
    in it at the site's own address. So one that holds script, or a way to run it, is not
    published, and the error names it (a pull request could otherwise add one)."""
    name, text = ACTIVE_FILES[case]
    write(tmp_path / "pages" / "index.md", PAGE + "\n![Logo](logo.png)\n")
    write(tmp_path / "pages" / "logo.png", "png")
    write(
        tmp_path / "pages" / "safe.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>',
    )
    write(tmp_path / "pages" / name, text)
    refused = run_openaccess("publish", cwd=tmp_path)
    assert refused.returncode == 1
    assert f"pages/{name}:1:1: error: not published: " in refused.stdout
    anyway = run_openaccess("publish", "--allow-errors", cwd=tmp_path)
    assert anyway.returncode == 0, anyway.stdout + anyway.stderr
    published = {p.name for p in (tmp_path / "site").iterdir()}
    assert name not in published and {"safe.svg", "logo.png"} <= published


def test_an_svg_with_an_embedded_image_is_published(tmp_path):
    """Drawing tools embed images as data: addresses, SVG ones too: no script runs there."""
    write(tmp_path / "pages" / "index.md", PAGE)
    embedded = (
        '<svg><image href="data:image/svg+xml;base64,PHN2Zy8+"/>'
        '<image href="data:image/png;base64,AA=="/></svg>'
    )
    write(tmp_path / "pages" / "drawing.svg", embedded)
    ran = run_openaccess("publish", cwd=tmp_path)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (tmp_path / "site" / "drawing.svg").read_text() == embedded


def test_a_compressed_svg_is_read_before_it_is_published(tmp_path):
    import gzip

    write(tmp_path / "pages" / "index.md", PAGE)
    (tmp_path / "pages" / "bad.svgz").write_bytes(gzip.compress(b"<svg><script>x()</script></svg>"))
    (tmp_path / "pages" / "good.svgz").write_bytes(gzip.compress(b"<svg><circle r='5'/></svg>"))
    ran = run_openaccess("publish", "--allow-errors", cwd=tmp_path)
    assert "pages/bad.svgz:1:1: error: not published: a <script> element" in ran.stdout
    published = {p.name for p in (tmp_path / "site").iterdir()}
    assert "good.svgz" in published and "bad.svgz" not in published


def test_a_hugo_static_html_file_with_script_is_not_published(tmp_path):
    """Hugo copies ``static/`` as it is: a verification page is published, a demo page
    with a script is not."""
    write(tmp_path / "hugo.toml", 'baseURL = "https://example.org/"\n')
    write(tmp_path / "content" / "_index.md", PAGE)
    write(tmp_path / "static" / "google1234.html", "google-site-verification: google1234.html")
    write(tmp_path / "static" / "demo.html", "<body><script>alert(1)</script></body>")
    ran = run_openaccess("publish", "--allow-errors", cwd=tmp_path)
    assert "static/demo.html:1:1: error: not published: a <script> element" in ran.stdout
    published = {p.name for p in (tmp_path / "site").iterdir()}
    assert "google1234.html" in published and "demo.html" not in published


# -- a page named outside the project ------------------------------------------------------------
def test_a_page_named_outside_the_project_is_refused_and_nothing_is_published(tmp_path):
    """A named page makes its folder the site, so publishing ``../elsewhere/out.md`` would
    publish every file beside it (a helper's attack published ``notes.txt``). A page of
    the project's own is published as before."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    write(project / "pages" / "index.md", PAGE)
    write(elsewhere / "out.md", PAGE)
    write(elsewhere / "notes.txt", "PRIVATE NOTES\n")
    (project / "pages" / "link.md").symlink_to(elsewhere / "out.md")
    for named in ("../elsewhere/out.md", "../elsewhere", str(elsewhere / "out.md")):
        refused = run_openaccess("publish", "-o", "site", named, cwd=project)
        assert (refused.returncode, refused.stdout) == (2, "")
        assert refused.stderr == (
            f"openaccess: error: {named} is outside the project folder {project}; publish"
            " builds a site from the project's own pages (run it in that page's folder)\n"
        )
        assert not (project / "site").exists()
    linked = run_openaccess("publish", "-o", "site", "pages/link.md", cwd=project)
    assert linked.returncode == 2 and "pages/link.md is outside the project" in linked.stderr
    assert not (project / "site").exists()
    own = run_openaccess("publish", "-o", "site", "pages/index.md", cwd=project)
    assert own.returncode == 0
    assert sorted(p.name for p in (project / "site").iterdir()) == [
        ".openaccess-site", "404.html", "index.html", "openaccess.css",
    ]  # fmt: skip


def test_a_file_named_beside_the_pages_folder_is_refused_and_nothing_is_published(tmp_path):
    """``publish README.md`` made the project folder the site: every file in it was
    published, ``credentials.txt`` and git-ignored files too (QA of 2 December). A path
    must be in the pages folder, or hold it."""
    write(tmp_path / "pages" / "index.md", PAGE)
    write(tmp_path / "README.md", PAGE)
    write(tmp_path / "credentials.txt", "API_KEY=secret\n")
    for named in ("README.md", "credentials.txt"):
        refused = run_openaccess("publish", named, cwd=tmp_path)
        assert (refused.returncode, refused.stdout) == (2, "")
        assert refused.stderr == (
            f"openaccess: error: {named} is not in the pages folder pages; a site is built from"
            " the pages folder alone (name pages in it, or no path at all)\n"
        )
        assert not (tmp_path / "site").exists()
    for named in (".", "pages", "pages/index.md"):
        published = run_openaccess("publish", named, cwd=tmp_path)
        assert published.returncode == 0, published.stderr
        assert not (tmp_path / "site" / "credentials.txt").exists()


def test_serve_refuses_a_file_beside_the_pages_folder(tmp_path):
    """``serve README.md`` served the project folder, ``credentials.txt`` included."""
    write(tmp_path / "pages" / "index.md", PAGE)
    write(tmp_path / "README.md", PAGE)
    refused = run_openaccess("serve", "--port", "0", "README.md", cwd=tmp_path)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        "openaccess: error: README.md is not in the pages folder pages; a site is built from"
        " the pages folder alone (name pages in it, or no path at all)\n"
    )


def test_a_published_page_allows_no_script_at_all(tmp_path):
    """The policy says so: ``default-src 'self'`` alone let a same-origin script run."""
    write(tmp_path / "pages" / "index.md", PAGE)
    assert run_openaccess("publish", cwd=tmp_path).returncode == 0
    page = (tmp_path / "site" / "index.html").read_text()
    policy = next(a["content"] for tag, a in _elements(page) if tag == "meta" and "http-equiv" in a)
    assert "script-src 'none'" in policy.split("; ")


@pytest.mark.parametrize(
    ("body", "checked", "images", "links"),
    [
        # the <img> hides in an attribute for check (scripting off); a browser running
        # scripts ends the noscript at "</noscript>" and makes it an element
        ('<noscript><p title="</noscript><img src=x.png onerror=alert(1)>"></noscript>', "", 0, 0),
        ('<noscript><img src="x.png"></noscript>', "OA401", 1, 0),
        ('<noscript><a href="x.png">See the <em>map</em></a></noscript>', "", 0, 1),
    ],
)
def test_noscript_content_is_published_as_check_reads_it(tmp_path, body, checked, images, links):
    """A published page runs no script, so a ``<noscript>``'s content is shown, read as
    HTML as check reads it. nh3 read it as text up to the first "</noscript>": an <img>
    check never saw was published without alt, or the content showed as markup (QA of
    2 December, G9)."""
    write(tmp_path / "pages" / "index.md", PAGE + f"\n{body}\n")
    (tmp_path / "pages" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    check = run_openaccess("check", "--no-cache", "--select", "OA401", cwd=tmp_path)
    assert (f" {checked} " in check.stdout) if checked else "All clear" in check.stdout
    done = run_openaccess("publish", "--allow-errors", cwd=tmp_path)
    assert "removed the <noscript> tag (its content is kept and shown)" in done.stdout
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    body_html = page.split('class="oa-body"', 1)[1].split("</main>", 1)[0]
    assert "&lt;" not in body_html and "noscript" not in body_html
    found = [name for name, _ in _elements(body_html)]
    assert (found.count("img"), found.count("a")) == (images, links)


def test_markdown_addresses_the_sanitizer_removes_are_reported_and_their_text_kept(tmp_path):
    """A Markdown image or link to a ``data:`` or ``ftp:`` address lost its address in
    silence; one markdown-it refuses (``data:text/html``, SVG) showed as Markdown source
    (QA of 2 December, G10). Each is now reported, and its text is what readers see."""
    body = (
        "\n![a red dot](data:image/png;base64,iVBORw0KGgo=)\n\n"
        "![an svg](data:image/svg+xml;base64,PHN2Zz4=)\n\n"
        "[a data link](DATA:text/html;base64,PGI+)\n\n[ftp](ftp://x.org/a) and [ok](https://x.org)\n"
    )
    write(tmp_path / "pages" / "index.md", PAGE + body)
    done = run_openaccess("publish", cwd=tmp_path)
    why = "only http, https, mailto and tel links and addresses within the site are published"
    assert [line for line in done.stdout.splitlines() if "warning" in line] == [
        f"pages/index.md:8:1: warning: removed the data: address from a Markdown image; {why}",
        f"pages/index.md:10:1: warning: removed the data: address from a Markdown image; {why}",
        f"pages/index.md:12:1: warning: removed the data: address from a Markdown link; {why}",
        f"pages/index.md:14:1: warning: removed the ftp: address from a Markdown link; {why}",
    ]
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    shown = page.split('class="oa-body"', 1)[1].split("</div>", 1)[0]
    assert "](" not in shown and "data:" not in shown and "ftp:" not in shown
    for text in ("a red dot", "an svg", "a data link", "ftp and"):
        assert f"<p>{text}" in shown


def test_what_an_html_pages_own_head_loses_is_reported(tmp_path):
    """An HTML page's <head> is replaced by the site's: a stylesheet it needed, a
    redirect it made, its scripts and its body's onload went without a word (QA of 2
    December, G12). An icon and a charset are no loss."""
    write(
        tmp_path / "pages" / "index.html",
        """<!doctype html>
<html lang="en">
<head>
<title>Old page</title><meta charset="utf-8"><meta name="description" content="D.">
<script>var a = 1;</script>
<base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/a.css"><link rel="icon" href="i.png">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<style>@import url(x.css);</style>
</head>
<body onload="alert(1)">
<h1>Old page</h1>
<p>Text.</p>
</body>
</html>
""",
    )
    (tmp_path / "pages" / "i.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    done = run_openaccess("publish", cwd=tmp_path)
    assert [line for line in done.stdout.splitlines() if "warning" in line] == [
        "pages/index.html:5:1: warning: removed <script> of the page's <head>: scripts never"
        " run on published pages",
        "pages/index.html:6:1: warning: removed <base> of the page's <head>: links are"
        " published relative to each page",
        "pages/index.html:7:1: warning: removed <link> of the page's <head>: the site's own"
        " head links its stylesheet",
        "pages/index.html:8:1: warning: removed <meta http-equiv=refresh> of the page's <head>:"
        " published pages never redirect or refresh",
        "pages/index.html:9:1: warning: removed <style> of the page's <head>: the site's own"
        " stylesheet styles every page",
        "pages/index.html:11:1: warning: removed attribute 'onload' from <body>: the site's own"
        " is published",
    ]
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "evil.example" not in page and "alert" not in page
