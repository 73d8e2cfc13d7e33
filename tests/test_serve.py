"""``openaccess serve`` without a browser: it serves what publish writes, byte for byte
(plus its own script and bar), from memory; it follows edits, drafts, unreadable pages and
config errors without stopping; it answers only with the site's files, on its own host."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from publish_helpers import JEWELER_PAGES, VARIED_SITE, publish_copy
from serve_helpers import serving

from openaccess.publish.routes import MARKER_FILE
from openaccess.serve.live import Changes, LiveSite

_ADDED = [
    re.compile(r'<link rel="stylesheet" href="/__openaccess/serve\.css">\n'),
    re.compile(
        r'<script src="/__openaccess/reload\.js" data-version="[0-9a-f]{16}" defer>'
        r"</script>\n"
    ),
    re.compile(r'\n<nav class="oa-serve-bar".*?</nav>\n', re.DOTALL),
]
# serve allows its own script where a published page allows none.
_SERVE_POLICY = ("script-src 'self'; connect-src 'self'", "script-src 'none'")


def _get(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _without_serve(data: bytes) -> bytes:
    text = data.decode("utf-8")
    for pattern in _ADDED:
        text = pattern.sub("", text, count=1)
    return text.replace(*_SERVE_POLICY).encode("utf-8")


@pytest.mark.parametrize("source", [JEWELER_PAGES, VARIED_SITE], ids=["jeweler", "varied"])
def test_serve_answers_every_published_file_with_its_bytes(source, tmp_path):
    site = publish_copy(source, tmp_path)
    project = site.parent
    shutil.move(site, tmp_path / "published")
    published = tmp_path / "published"
    with serving(project) as served:
        root = served.url
        for file in sorted(p for p in published.rglob("*") if p.is_file()):
            relative = file.relative_to(published).as_posix()
            if relative == MARKER_FILE:
                continue
            status, body = _get(root + relative)
            assert status == 200, relative
            assert _without_serve(body) == file.read_bytes(), relative
    assert not (project / "site").exists()  # the output folder is never touched


def test_serve_answers_only_files_of_the_site(tmp_path):
    project = publish_copy(VARIED_SITE, tmp_path).parent
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser")
    (project / "pages" / "leak.txt").symlink_to(secret)
    with serving(project) as served:
        base = served.url  # http://127.0.0.1:PORT/guide/
        origin = base.split("/guide/")[0]
        for path in ("../openaccess.toml", "%2e%2e/openaccess.toml", "..%2fopenaccess.toml",
                     "leak.txt", "index.md", "../../../../etc/passwd", "%00"):  # fmt: skip
            status, body = _get(base + path)
            assert status == 404, path
            assert b"not for the browser" not in body and b"root:" not in body
        assert _get(origin + "/")[0] == 200  # redirected to the base path
        assert _get(base, host="evil.example")[0] == 421  # DNS rebinding
        assert _get(base, host=f"localhost:{base.split(':')[2].split('/')[0]}")[0] == 200


def test_an_edit_reloads_even_with_a_symlink_to_a_folder_above_the_project(tmp_path):
    """A symlink in pages/ to a folder that holds the project made the watcher report an
    edit through it (pages/outdir/.../jeweler.md): no file of the site had that name, and
    the edit never showed (QA of 2 December, G6)."""
    project = publish_copy(JEWELER_PAGES, tmp_path).parent
    (project / "pages" / "outdir").symlink_to(tmp_path, target_is_directory=True)
    page = project / "pages" / "jeweler.md"
    with serving(project) as served:
        assert _get(served.url + "jeweler/")[0] == 200
        page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added now.\n")
        served.wait_for_line("Updated pages/jeweler.md")
        assert b"A sentence added now." in _get(served.url + "jeweler/")[1]


def test_drafts_are_served_over_http(tmp_path):
    project = publish_copy(JEWELER_PAGES, tmp_path).parent
    (project / "pages" / "wip.md").write_text(
        _page("Work in progress", "Not yet.", "draft: true\n")
    )
    with serving(project) as served:
        status, body = _get(served.url + "__openaccess/drafts/wip.md/")
        assert status == 200 and b"<strong>Draft:</strong>" in body
        assert _get(served.url + "__openaccess/reload.js")[0] == 200
        assert _get(served.url + "__openaccess/nothing")[0] == 404


def test_sigint_stops_serve_cleanly_and_leaves_no_process(tmp_path):
    project = publish_copy(JEWELER_PAGES, tmp_path).parent
    with serving(project) as served:
        pid = served.process.pid
        assert _get(served.url + "jeweler/")[0] == 200
        assert served.stop(signal.SIGINT) == 0
    assert not _children(pid)
    assert "Stopped." in "".join(served.lines)


def test_other_hosts_than_this_machine_are_warned_about(tmp_path):
    project = publish_copy(JEWELER_PAGES, tmp_path).parent
    with serving(project, "--host", "0.0.0.0") as served:
        assert served.url.startswith("http://127.0.0.1:")
    said = "".join(served.lines)
    assert "warning: serving on 0.0.0.0: other machines on the network can read" in said


def test_a_taken_port_is_a_one_line_usage_error(tmp_path):
    import socket
    import subprocess

    project = publish_copy(JEWELER_PAGES, tmp_path).parent
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "openaccess", "serve", "--port", port],
            cwd=project, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


# -- the live site, in this process ----------------------------------------------------
def _site(tmp_path: Path, pages: dict[str, str], config: str = "") -> tuple[Path, LiveSite]:
    project = tmp_path / "project"
    (project / "pages").mkdir(parents=True)
    (project / "openaccess.toml").write_text(f'pages = "pages"\n{config}')
    for name, text in pages.items():
        target = project / "pages" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    said: list[str] = []
    cwd = os.getcwd()
    os.chdir(project)
    try:
        live = LiveSite([], None, said.append)
        live.load(jobs=1)
    finally:
        os.chdir(cwd)
    live.said = said  # type: ignore[attr-defined]
    return project, live


def _page(title: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndescription: A page.\n{extra}---\n\n{body}\n"


def _html(live: LiveSite, url: str, review: bool = False) -> tuple[int, str]:
    response = live.respond(url, review)
    return response.status, response.body.decode("utf-8")


def _edit(live: LiveSite, path: Path, text: str | None) -> Changes:
    if text is None:
        path.unlink()
    else:
        path.write_text(text)
    heard: list[Changes] = []
    changes = live.changed([path.resolve()], heard.append)
    return changes


def test_a_file_that_holds_script_is_not_served(tmp_path):
    """As ``publish`` leaves it out, ``serve`` does not serve an SVG with a script: the
    writer sees why instead; a clean SVG is served."""
    _, live = _site(tmp_path, {
        "a.md": _page("A", "![Logo](logo.svg) ![Icon](icon.svg)"),
        "logo.svg": "<svg><script>x()</script></svg>",
        "icon.svg": "<svg><circle r='5'/></svg>",
    })  # fmt: skip
    status, text = _html(live, "/logo.svg")
    assert status == 500 and "pages/logo.svg is not served: a &lt;script&gt; element" in text
    assert live.respond("/icon.svg", False).status == 200


def test_an_edit_is_rendered_first_then_checked_with_the_pages_that_link_to_it(tmp_path):
    project, live = _site(tmp_path, {
        "a.md": _page("A", "## Prices\n\nText of a."),
        "b.md": _page("B", "See [prices](a.md#prices)."),
    })  # fmt: skip
    assert _html(live, "/a/")[0] == 200
    assert "OA302" not in _html(live, "/b/", review=True)[1]
    generation = live.generation
    changes = _edit(live, project / "pages" / "a.md", _page("A", "## Costs\n\nText of a."))
    assert changes.rendered == {project / "pages" / "a.md"}
    assert changes.checked == {project / "pages" / "a.md", project / "pages" / "b.md"}
    assert live.generation > generation
    assert 'id="costs"' in _html(live, "/a/")[1]
    review = _html(live, "/b/", review=True)[1]
    assert 'data-rule="OA302"' in review  # b's link now misses a's heading


def test_drafts_are_served_with_a_banner_and_never_listed(tmp_path):
    _, live = _site(tmp_path, {
        "a.md": _page("A", "Text."),
        "wip.md": _page("Work in progress", "Not yet.", "draft: true\n"),
    })  # fmt: skip
    status, html = _html(live, "/__openaccess/drafts/wip.md/")
    assert status == 200
    assert "<strong>Draft:</strong> this page is not published (draft: true)" in html
    assert "Work in progress" not in _html(live, "/")[1]
    assert _html(live, "/wip/")[0] == 404


def test_an_unreadable_page_shows_its_error_and_the_server_goes_on(tmp_path):
    project, live = _site(tmp_path, {"a.md": _page("A", "Text."), "b.md": _page("B", "B.")})
    page = project / "pages" / "a.md"
    page.write_bytes(b"---\ntitle: A\n---\n\nBad \xff byte.\n")
    live.changed([page.resolve()], lambda _: None)
    status, html = _html(live, "/a/")
    assert status == 500
    assert "This page cannot be read" in html
    assert "line 5" in html and "not valid UTF-8" in html
    assert _html(live, "/b/")[0] == 200
    _edit(live, page, _page("A", "Fixed text."))
    assert "Fixed text." in _html(live, "/a/")[1]


def test_a_page_whose_front_matter_is_broken_shows_its_error_not_its_yaml(tmp_path):
    """publish refuses a page whose front matter cannot be read; serve showed it as a
    page, its YAML as the first paragraph (QA of 2 December, G7)."""
    project, live = _site(tmp_path, {"a.md": _page("A", "Text."), "b.md": _page("B", "B.")})
    page = project / "pages" / "a.md"
    page.write_text("---\ntitle: [unclosed\ndescription: D\n---\n\nText.\n")
    live.changed([page.resolve()], lambda _: None)
    status, html = _html(live, "/a/")
    assert status == 500 and "This page cannot be read" in html
    assert "line 2: invalid front matter:" in html and "description: D" not in html
    _edit(live, page, _page("A", "Fixed text."))
    assert _html(live, "/a/")[0] == 200 and "Fixed text." in _html(live, "/a/")[1]


def test_a_config_error_is_shown_in_every_page_and_said_once(tmp_path):
    project, live = _site(tmp_path, {"a.md": _page("A", "Text.")})
    config = project / "openaccess.toml"
    config.write_text('pages = "pages"\nlanguage = [\n')
    live.changed([config.resolve()], lambda _: None)
    status, html = _html(live, "/a/")
    assert status == 500 and "The site cannot be built" in html
    assert "not valid TOML" in html
    assert any("not valid TOML" in line for line in live.said)  # type: ignore[attr-defined]
    config.write_text('pages = "pages"\n')
    live.changed([config.resolve()], lambda _: None)
    assert _html(live, "/a/")[0] == 200


def test_a_template_error_is_shown_and_fixed_templates_apply_at_once(tmp_path):
    project, live = _site(tmp_path, {"a.md": _page("A", "Text.")})
    templates = project / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{% extends 'base.html' %}{% block main %}{{ oops(")
    live.changed([(templates / "page.html").resolve()], lambda _: None)
    status, html = _html(live, "/a/")
    assert status == 500 and "template error" in html
    (templates / "page.html").write_text(
        "{% extends 'base.html' %}{% block main %}<h1>{{ title }}</h1>MINE{{ body }}{% endblock %}"
    )
    live.changed([(templates / "page.html").resolve()], lambda _: None)
    assert "MINE" in _html(live, "/a/")[1]


def test_a_new_page_and_a_removed_page_reshape_the_site(tmp_path):
    project, live = _site(tmp_path, {"a.md": _page("A", "See [b](b.md).")})
    assert 'data-rule="OA301"' in _html(live, "/a/", review=True)[1]
    changes = _edit(live, project / "pages" / "b.md", _page("B", "Now here."))
    assert changes.everything
    assert _html(live, "/b/")[0] == 200
    assert 'data-rule="OA301"' not in _html(live, "/a/", review=True)[1]
    _edit(live, project / "pages" / "b.md", None)
    assert _html(live, "/b/")[0] == 404
