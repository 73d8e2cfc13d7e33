"""The file-system rule (issue 13, rows 1, 9 and 12): nothing outside the site is read,
copied, suggested or published, and no cache is written through a symlink.

Each test builds a hostile checkout the way a pull request could (git stores symlinks)
and runs the real command line, so what is proved is what CI would do.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_cli import FRONT_MATTER, check, run_openaccess, write

SECRET = "root:x:0:0:TOP-SECRET-LINE:/root:/bin/bash\n"
SECRET_PAGE = "# Keys\n\n## aws_secret_key-AKIAEXAMPLE\n\nThe key is TOP-SECRET-LINE.\n"


def _project(tmp_path: Path) -> tuple[Path, Path]:
    """A project with pages/ and, beside it, an outside folder holding secrets."""
    outside = tmp_path / "outside"
    write(outside / "passwd", SECRET)
    write(outside / "logo.png", SECRET)
    write(outside / "notes.md", SECRET_PAGE)
    project = tmp_path / "project"
    write(project / "openaccess.toml", 'base_url = "https://example.org/"\n')
    return project, outside


def _publish(project: Path, *args: str):
    return run_openaccess("publish", *args, cwd=project)


def _everything_under(folder: Path) -> str:
    return "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()
    )


# -- row 1: symlinked files are never published ----------------------------------------------
def test_a_linked_symlink_to_an_outside_file_is_an_error_and_never_published(tmp_path):
    project, outside = _project(tmp_path)
    write(
        project / "pages" / "index.md",
        FRONT_MATTER + "\nSee the [list](passwd.txt) and ![Our logo](img/logo.png).\n",
    )
    (project / "pages" / "passwd.txt").symlink_to(outside / "passwd")
    (project / "pages" / "img").mkdir()
    (project / "pages" / "img" / "logo.png").symlink_to(outside / "logo.png")

    checked = check("--select", "OA301", cwd=project)
    assert checked.returncode == 1
    assert checked.findings() == [
        "pages/index.md:6:9: OA301 link target 'passwd.txt' is a symlink to a file outside the"
        " site folder; it is never read or published [missing-file]",
        "pages/index.md:6:32: OA301 image 'img/logo.png' is a symlink to a file outside the site"
        " folder; it is never read or published [missing-file]",
    ]

    blocked = _publish(project)
    assert blocked.returncode == 1
    assert not (project / "site").exists()
    forced = _publish(project, "--allow-errors")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "TOP-SECRET-LINE" not in _everything_under(project / "site")
    assert not (project / "site" / "passwd.txt").exists()
    assert not (project / "site" / "img" / "logo.png").exists()


def test_a_symlink_inside_the_site_still_publishes_its_file(tmp_path):
    project, _ = _project(tmp_path)
    write(project / "pages" / "index.md", FRONT_MATTER + "\n![Our logo](logo.png)\n")
    write(project / "pages" / "img" / "real-logo.png", "PNG-BYTES")
    (project / "pages" / "logo.png").symlink_to("img/real-logo.png")
    done = _publish(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "site" / "logo.png").read_text() == "PNG-BYTES"


# -- row 9: a symlinked page is never read for anchors or suggestions ---------------------------
def test_an_mkdocs_page_may_be_a_symlink_into_the_project_but_no_further(tmp_path):
    """MkDocs walks ``docs_dir`` following links, so ``docs/CONTRIBUTING.md ->
    ../CONTRIBUTING.md`` is a page (stack's docs: 4 false alarms; built with MkDocs
    1.6.1). A link out of the project is refused as before, and a plain site still
    reads no symlink that leaves its pages folder."""
    project, outside = _project(tmp_path)
    write(project / "mkdocs.yml", "site_name: T\n")
    write(project / "CONTRIBUTING.md", "# Contributing\n\n## Slack channel\n")
    write(project / "docs" / "index.md", "# Home\n\n[a](CONTRIBUTING.md#slack-channel)"
          " [b](CONTRIBUTING.md#nowhere) [c](passwd.txt)\n")  # fmt: skip
    (project / "docs" / "CONTRIBUTING.md").symlink_to("../CONTRIBUTING.md")
    (project / "docs" / "passwd.txt").symlink_to(outside / "passwd")
    assert check("--select", "OA301,OA302", "docs/index.md", cwd=project).findings() == [
        "docs/index.md:3:36: OA302 no heading or id 'nowhere' in docs/CONTRIBUTING.md"
        " [missing-anchor]",
        "docs/index.md:3:65: OA301 link target 'passwd.txt' is a symlink to a file outside the"
        " site folder; it is never read or published [missing-file]",
    ]
    plain = tmp_path / "plain"
    write(plain / "secret.txt", SECRET)
    write(plain / "pages" / "index.md", FRONT_MATTER + "\n[s](secret.txt)\n")
    (plain / "pages" / "secret.txt").symlink_to("../secret.txt")
    assert check("--select", "OA301", cwd=plain).findings() == [
        "pages/index.md:6:1: OA301 link target 'secret.txt' is a symlink to a file outside the"
        " site folder; it is never read or published [missing-file]",
    ]


@pytest.mark.parametrize("folder", [".", "docs"])
def test_a_symlinked_mkdocs_page_is_checked_where_it_is_named(tmp_path, folder):
    """MkDocs builds ``docs/changelog.md -> ../CHANGELOG.md`` as the page
    ``changelog/``, its links read from ``docs/`` (copier's docs: a broken link there was
    never checked, as the page counted as the file it points to, outside ``docs_dir``).
    Checked with the folder as with the project; the file itself, named, stays a file
    read from its own folder."""
    project, _ = _project(tmp_path)
    write(project / "mkdocs.yml", "site_name: T\n")
    write(
        project / "CHANGELOG.md", "# Changes\n\n[a](missing.md) [b](index.md) [c](index.md#nope)\n"
    )
    write(project / "docs" / "index.md", "# Home\n\n[c](changelog.md)\n")
    (project / "docs" / "changelog.md").symlink_to("../CHANGELOG.md")
    assert check("--select", "OA301,OA302,OA303", folder, cwd=project).findings() == [
        "docs/changelog.md:3:1: OA301 link target 'missing.md' does not exist [missing-file]",
        "docs/changelog.md:3:31: OA302 no heading or id 'nope' in docs/index.md [missing-anchor]",
    ]


def test_outside_page_behind_a_symlink_is_never_read_suggested_or_fixed_in(tmp_path):
    project, outside = _project(tmp_path)
    page = FRONT_MATTER + "\nRead the [notes](notes.md#aws_secret_key).\n"
    write(project / "pages" / "index.md", page)
    (project / "pages" / "notes.md").symlink_to(outside / "notes.md")

    checked = check(cwd=project)
    assert "AKIA" not in checked.stdout + checked.stderr
    assert "TOP-SECRET" not in checked.stdout + checked.stderr
    assert (
        "pages/notes.md:1:1: OA000 not followed: symlink points outside the folder"
        " [unreadable-file]" in checked.findings()
    )
    assert (
        "pages/index.md:6:10: OA301 link target 'notes.md' is a symlink to a file outside the"
        " site folder; it is never read or published [missing-file]" in checked.findings()
    )
    fixed = run_openaccess("check", "--fix", "--unsafe-fixes", cwd=project)
    assert "AKIA" not in fixed.stdout + fixed.stderr
    assert (project / "pages" / "index.md").read_text() == page


def test_a_symlink_out_of_the_site_is_an_error_not_a_warning(tmp_path):
    project, outside = _project(tmp_path)
    write(project / "pages" / "index.md", FRONT_MATTER + "\nHello.\n")
    (project / "pages" / "notes.md").symlink_to(outside / "notes.md")
    outcome = run_openaccess("check", "--no-cache", "--format", "json", cwd=project)
    assert outcome.returncode == 1
    assert '"severity": "error"' in outcome.stdout


def test_a_page_named_through_a_symlinked_folder_is_not_read(tmp_path):
    project, outside = _project(tmp_path)
    write(project / "pages" / "index.md", FRONT_MATTER + "\nHello.\n")
    (project / "pages" / "shared").symlink_to(outside)
    outcome = check("pages/shared/notes.md", "pages/shared", cwd=project)
    assert "AKIA" not in outcome.stdout + outcome.stderr
    assert outcome.findings() == [
        "pages/shared:1:1: OA000 not followed: symlink points outside the folder [unreadable-file]",
        "pages/shared/notes.md:1:1: OA000 not followed: symlink points outside the folder"
        " [unreadable-file]",
    ]


# -- row 12: no cache is written through a symlinked .openaccess ---------------------------------
@pytest.mark.parametrize("linked", [".openaccess", ".openaccess/cache"])
def test_a_symlinked_cache_folder_is_refused(tmp_path, linked):
    project, outside = _project(tmp_path)
    write(project / "pages" / "index.md", FRONT_MATTER + "\nHello.\n")
    target = outside / "cache-target"
    target.mkdir()
    link = project / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    before = sorted(p.name for p in target.rglob("*"))

    checked = run_openaccess("check", cwd=project)
    published = _publish(project)
    assert published.returncode == 0, published.stdout + published.stderr
    assert sorted(p.name for p in target.rglob("*")) == before
    for outcome in (checked, published):
        assert f"{linked} is a symlink; the cache is not used" in outcome.stderr


def test_a_symlinked_namespace_folder_is_refused(tmp_path):
    """The cache's entries sit in one folder per namespace: a symlink there is refused
    like one higher up, with the same note."""
    project, outside = _project(tmp_path)
    write(project / "pages" / "index.md", FRONT_MATTER + "\nHello.\n")
    run_openaccess("check", cwd=project)
    (namespace,) = [p for p in (project / ".openaccess" / "cache").iterdir() if p.is_dir()]
    target = outside / "namespace-target"
    target.mkdir()
    shutil.rmtree(namespace)
    namespace.symlink_to(target)
    write(project / "pages" / "index.md", FRONT_MATTER + "\nHello again.\n")
    checked = run_openaccess("check", cwd=project)
    assert list(target.iterdir()) == []
    shown = namespace.relative_to(project).as_posix()
    assert f"{shown} is a symlink; the cache is not used" in checked.stderr


# -- templates and the stylesheet are read only from inside the project -----------------------
@pytest.mark.parametrize("name", ["base.html", "openaccess.css"])
def test_a_template_symlinked_out_of_the_project_is_refused(tmp_path, name):
    project, outside = _project(tmp_path)
    write(project / "pages" / "index.md", FRONT_MATTER + "\nHello.\n")
    (project / "templates").mkdir()
    (project / "templates" / name).symlink_to(outside / "passwd")
    outcome = _publish(project)
    assert outcome.returncode == 2
    assert outcome.stderr == (
        f"openaccess: error: templates/{name} is a symlink to a file outside the project;"
        " templates are read only from inside it\n"
    )
    assert not (project / "site").exists()


def test_a_template_included_through_a_symlinked_folder_is_refused(tmp_path):
    project, outside = _project(tmp_path)
    write(project / "pages" / "index.md", FRONT_MATTER + "\nHello.\n")
    write(outside / "partials" / "secret.html", SECRET)
    (project / "templates").mkdir()
    (project / "templates" / "partials").symlink_to(outside / "partials")
    write(project / "templates" / "404.html", '{% include "partials/secret.html" %}\n')
    outcome = _publish(project)
    assert outcome.returncode == 2
    assert outcome.stderr == (
        "openaccess: error: templates/partials/secret.html is in a symlinked folder outside"
        " the project; templates are read only from inside it\n"
    )
    assert not (project / "site").exists()


# -- row 9 (a variant): a layout file symlinked out of the project is never read ----------------
def test_a_layout_symlinked_out_of_the_project_is_never_read_or_suggested(tmp_path):
    project, outside = _project(tmp_path)
    write(outside / "creds.html", '<div id="aws-secret-AKIAEXAMPLEKEY"></div>\n')
    write(project / "hugo.toml", 'baseURL = "https://example.org/"\n')
    write(
        project / "content" / "_index.md",
        FRONT_MATTER + "\nSee [it](#aws-secret-AKIAEXAMPLEKEX).\n",
    )
    (project / "layouts" / "_default").mkdir(parents=True)
    (project / "layouts" / "_default" / "baseof.html").symlink_to(outside / "creds.html")
    checked = check("--select", "OA302", cwd=project)
    assert checked.findings() == [
        "content/_index.md:6:5: OA302 no heading or id 'aws-secret-AKIAEXAMPLEKEX' on this page"
        " [missing-anchor]"
    ]


@pytest.mark.parametrize(
    "relative", ["../passwd", "a/../../passwd", "/etc/passwd", "..", "../site2/x.html"]
)
def test_publish_never_writes_outside_its_staging_folder(tmp_path, relative):
    """The last guard behind the router: an output path that climbs out is a bug."""
    from openaccess.publish.build import _inside

    staging = tmp_path.resolve() / "site"
    assert _inside(staging, "guide/index.html") == staging / "guide" / "index.html"
    assert _inside(staging, "a/../b.html") == staging / "b.html"
    with pytest.raises(RuntimeError, match="outside the output folder"):
        _inside(staging, relative)
