"""The content-hash cache: identical results, reused only while nothing they read changed."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath

import pytest
from cli_helpers import CLEAN_PAGE, run, write

import openaccess.cache as cache_module
from openaccess.cache import CACHE_DIR
from openaccess.check import CheckOptions, run_check
from openaccess.config import load_config
from openaccess.linter import Linter
from openaccess.source import text_hash

LINKING = """---
title: Start here
description: Where to begin.
orphan: true
---

Read [how to measure](measure.md#use-a-strip-of-paper) first.
"""

TARGET = """---
title: Measure a ring
description: Measure a ring size at home.
orphan: true
---

## Use a strip of paper

Wrap it around your finger.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n')
    write(tmp_path / "pages" / "start.md", LINKING)
    write(tmp_path / "pages" / "measure.md", TARGET)
    write(tmp_path / "pages" / "clean.md", CLEAN_PAGE)
    return tmp_path


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """Names of the pages the linter really checked (cache misses)."""
    seen: list[str] = []
    original = Linter.check_page

    def counting(self, page, site):
        seen.append(page.path.name)
        return original(self, page, site)

    monkeypatch.setattr(Linter, "check_page", counting)
    return seen


def check(project: Path, cache: bool = True, paths: tuple[Path, ...] = (), **options):
    config = load_config(start=project)
    return run_check(list(paths), config, CheckOptions(jobs=1, cache=cache, **options))


def test_second_run_is_served_from_the_cache(project, checked):
    first = check(project)
    assert sorted(checked) == ["clean.md", "measure.md", "start.md"]
    checked.clear()
    second = check(project)
    assert checked == []
    assert second.diagnostics == first.diagnostics
    assert [d.snippet for d in second.diagnostics] == [d.snippet for d in first.diagnostics]
    folder = project / CACHE_DIR
    assert (folder / ".gitignore").read_text().endswith("*\n")
    (namespace,) = [path for path in folder.iterdir() if path.is_dir()]
    assert 1 <= len(list(namespace.glob("*.json"))) <= 4  # 3 pages and the site entry


def test_a_one_page_run_reads_and_writes_only_that_pages_file(project, checked, monkeypatch):
    """Entries are spread over files by the hash of their key: a run that checks one
    page of a big site does not load and save the whole site's cache."""
    for number in range(60):
        write(project / "pages" / f"extra-{number}.md", CLEAN_PAGE)
    check(project)
    (namespace,) = [path for path in (project / CACHE_DIR).iterdir() if path.is_dir()]
    assert len(list(namespace.glob("*.json"))) > 30
    read: list[str] = []
    written: list[str] = []
    reading, writing = Path.read_text, cache_module.atomic_write
    monkeypatch.setattr(
        Path, "read_text", lambda self, *a, **k: read.append(self.name) or reading(self, *a, **k)
    )
    monkeypatch.setattr(
        cache_module,
        "atomic_write",
        lambda path, *a, **k: written.append(Path(path).name) or writing(path, *a, **k),
    )
    page = project / "pages" / "clean.md"
    page.write_text(page.read_text() + "\nOne more plain sentence.\n")
    read.clear()
    checked.clear()
    check(project, paths=(page,))
    assert checked == ["clean.md"]
    shards = re.compile(r"[0-9a-f]{2}\.json")
    assert len([name for name in read if shards.fullmatch(name)]) <= 2  # the page, the site
    assert 1 <= len([name for name in written if shards.fullmatch(name)]) <= 2


def test_a_large_sites_cache_is_a_few_dozen_files(project):
    """Creating a file is the slow part of saving the cache (a cold publish of 500 pages
    waited on its 436 files for a tenth of its time): 300 pages fill 64 files at most."""
    for number in range(300):
        write(project / "pages" / f"extra-{number}.md", CLEAN_PAGE)
    check(project)
    (namespace,) = [path for path in (project / CACHE_DIR).iterdir() if path.is_dir()]
    assert 40 <= len(list(namespace.glob("*.json"))) <= 64


def test_an_edited_page_is_checked_again(project, checked):
    check(project)
    checked.clear()
    page = project / "pages" / "clean.md"
    page.write_text(CLEAN_PAGE.replace("Silver rings", "Silver rings and chains"))
    check(project)
    assert checked == ["clean.md"]


def test_a_changed_link_target_invalidates_the_linking_page(project, checked):
    assert not [d for d in check(project).diagnostics if d.code == "OA302"]
    checked.clear()
    (project / "pages" / "measure.md").write_text(TARGET.replace("strip of paper", "ring sizer"))
    result = check(project)
    assert sorted(checked) == ["measure.md", "start.md"]
    (broken,) = [d for d in result.diagnostics if d.code == "OA302"]
    assert broken.path.endswith("start.md")


def test_adding_a_missing_link_target_fixes_the_link(project, checked):
    write(
        project / "pages" / "start.md",
        LINKING.replace("measure.md#use-a-strip-of-paper", "later.md"),
    )
    assert [d.code for d in check(project).diagnostics if d.code == "OA301"] == ["OA301"]
    write(project / "pages" / "later.md", TARGET)
    assert [d for d in check(project).diagnostics if d.code == "OA301"] == []


@pytest.mark.parametrize(
    ("generator", "template"),
    [
        ("hugo", "layouts/shortcodes/table.html"),
        ("jekyll", "_includes/table.html"),
    ],
)
def test_a_template_that_now_writes_an_id_fixes_links_to_it(tmp_path, generator, template):
    """The ids a shortcode or include writes are known from its template, so a cached
    finding depends on it: after a shortcode's template wrote the id a link names
    (Jaeger's feature tables), a cached run kept the old finding until ``--no-cache``."""
    if generator == "hugo":
        write(tmp_path / "hugo.toml", 'title = "T"\n')
        pages, call, link = tmp_path / "content", "{{< table >}}", "../features/#feature-x"
    else:
        write(tmp_path / "_config.yml", "title: T\n")
        pages, call, link = tmp_path, "{% include table.html %}", "features.html#feature-x"
    write(pages / "features.md", f"---\ntitle: Features\n---\n\n{call}\n")
    write(pages / "page.md", f"---\ntitle: P\n---\n\n[a]({link})\n")
    write(tmp_path / template, '<table><tr><th id="feature-y">Y</th></tr></table>\n')
    before = [d.code for d in check(tmp_path, select=["OA302"]).diagnostics]
    write(tmp_path / template, '<table><tr><th id="feature-x">X</th></tr></table>\n')
    after = [d.code for d in check(tmp_path, select=["OA302"]).diagnostics]
    assert (before, after) == (["OA302"], [])


def test_config_changes_use_a_fresh_cache(project, checked):
    check(project)
    checked.clear()
    only_links = check(project, select=["OA3"])
    assert sorted(checked) == ["clean.md", "measure.md", "start.md"]
    assert {d.code[:3] for d in only_links.diagnostics} <= {"OA3"}
    write(project / "openaccess.toml", 'pages = "pages"\nignore = ["OA509"]\n')
    checked.clear()
    assert not [d for d in check(project).diagnostics if d.code == "OA509"]
    assert len(checked) == 3


def test_no_cache_neither_reads_nor_writes(project, checked):
    check(project, cache=False)
    assert not (project / ".openaccess").exists()
    checked.clear()
    check(project, cache=False)
    assert len(checked) == 3


def test_a_corrupt_cache_is_ignored(project, checked):
    first = check(project)
    for file in (project / CACHE_DIR).rglob("*.json"):
        file.write_text("{not json")
    checked.clear()
    assert check(project).diagnostics == first.diagnostics
    assert len(checked) == 3


def test_cli_no_cache_flag(project, capsys, monkeypatch):
    ran = run(["check", "--no-cache"], project, capsys, monkeypatch)
    assert not (project / ".openaccess").exists()
    cached = run(["check"], project, capsys, monkeypatch)
    again = run(["check"], project, capsys, monkeypatch)
    assert ran.out == cached.out == again.out
    assert (project / CACHE_DIR).is_dir()


def test_old_namespaces_are_pruned_but_not_other_files(project, checked):
    import os

    folder = project / CACHE_DIR
    folder.mkdir(parents=True)
    stale = []
    for index in range(10):
        old = folder / f"{index:024x}"
        old.mkdir()
        (old / "0a.json").write_text("{}")
        if index == 1:
            (old / "notes.txt").write_text("a file openaccess did not write")
        os.utime(old, (1_000_000 + index, 1_000_000 + index))
        stale.append(old)
    one_file = folder / f"{99:024x}.json"  # the one-file cache of an earlier version
    one_file.write_text("{}")
    other = folder / "external-links.json"
    other.write_text("{}")
    os.utime(other, (1, 1))
    check(project)
    kept = sorted(path.name for path in folder.iterdir() if path.is_dir())
    assert len(kept) == 9  # the 8 newest namespaces (this run's included) + the one kept
    assert not stale[0].exists() and stale[-1].exists()
    assert (stale[1] / "notes.txt").exists() and not (stale[1] / "0a.json").exists()
    assert other.exists() and not one_file.exists()


@pytest.mark.parametrize("outside", ["../secret.md", "pages/../../secret.md", "link.md"])
def test_a_cache_naming_a_file_outside_the_project_as_used_is_not_believed(
    project, checked, outside
):
    """A cached result lists the files it used, with their hashes; a cache edited to
    name a file outside the project (with that file's true hash) is not read there: the
    pages are checked again. (Files a page includes are read when inside the project.)"""
    secret = project.parent / "secret.md"
    secret.write_text("# Secret\n", encoding="utf-8")
    (project / "link.md").symlink_to(secret)
    check(project)
    for path in (project / CACHE_DIR).rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("entries", {}).values():
            entry["dependencies"][outside] = text_hash("# Secret\n")
        path.write_text(json.dumps(data), encoding="utf-8")
    checked.clear()
    check(project)
    assert sorted(checked) == ["clean.md", "measure.md", "start.md"]


# -- a cache made in one checkout serves another --------------------------------------------
REPO = Path(__file__).resolve().parents[1]
CHECKOUTS = {
    "repository": ["pages", "rules", "openaccess.toml"],
    "hugo site": ["tests/sites/hugo"],
    "mkdocs site": ["tests/sites/mkdocs"],
    "jekyll site": ["tests/sites/jekyll"],
}


def clone(parts: list[str], folder: Path) -> Path:
    """A copy of part of this repository, as another checkout of it would have it."""
    import shutil

    for part in parts:
        source = REPO / part
        target = folder if len(parts) == 1 else folder / part
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return folder


@pytest.mark.parametrize("name", sorted(CHECKOUTS))
def test_a_cache_made_in_one_checkout_is_used_by_another(name, tmp_path, monkeypatch, checked):
    """CI restores ``.openaccess/cache`` (actions/cache) into a new checkout at another path,
    on another machine: no page is checked again and the findings are the same."""
    import shutil

    from openaccess.check import check_and_follow

    site_checks: list[int] = []
    original = Linter.check_site
    monkeypatch.setattr(
        Linter, "check_site", lambda *a: site_checks.append(1) or original(*a)
    )  # fmt: skip
    first = clone(CHECKOUTS[name], tmp_path / "runner-1" / "work")
    second = clone(CHECKOUTS[name], tmp_path / "elsewhere" / "deeper" / "checkout")

    def check_in(checkout: Path):
        monkeypatch.chdir(checkout)
        return check_and_follow([], load_config(checkout), CheckOptions(jobs=1))[0]

    before = check_in(first)
    assert checked and site_checks == [1]
    shutil.copytree(first / CACHE_DIR, second / CACHE_DIR)
    checked.clear()
    site_checks.clear()
    after = check_in(second)
    assert (checked, site_checks) == ([], [])
    assert after.diagnostics == before.diagnostics and after.notes == before.notes


def test_a_rendered_page_cache_made_in_one_checkout_is_used_by_another(tmp_path, monkeypatch):
    import shutil

    from openaccess.publish import build

    rendered: list[str] = []
    original = build.render_body
    monkeypatch.setattr(
        build, "render_body", lambda page, *a: rendered.append(page.path.name) or original(page, *a)
    )  # fmt: skip
    parts = CHECKOUTS["repository"]
    first = clone(parts, tmp_path / "one" / "checkout")
    second = clone(parts, tmp_path / "two" / "levels" / "down")
    for checkout in (first, second):
        monkeypatch.chdir(checkout)
        if checkout == second:
            shutil.copytree(first / CACHE_DIR, second / CACHE_DIR)
            rendered.clear()
        build.publish([], load_config(checkout), build.PublishOptions())
    assert rendered == []
    published = sorted(p.relative_to(first / "site") for p in (first / "site").rglob("*"))
    for relative in published:
        if (first / "site" / relative).is_file():
            data = (first / "site" / relative).read_bytes()
            assert (second / "site" / relative).read_bytes() == data, relative


# -- the front matter index -----------------------------------------------------------------
@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Titles of the front matter blocks parsed (the router asks for every page's)."""
    import openaccess.frontmatter as frontmatter

    seen: list[str] = []
    original = frontmatter.parse

    def counting(text, block):
        meta = original(text, block)
        seen.append(str(meta.get("title")))
        return meta

    monkeypatch.setattr(frontmatter, "parse", counting)
    return seen


@pytest.fixture
def not_racy(monkeypatch) -> None:
    """Index files just written (a real run leaves out those of the last two seconds)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def test_a_one_page_run_parses_only_the_front_matter_that_changed(project, parsed, not_racy):
    """Routing a 60-page site needs every page's front matter; after one run, a check of
    one edited page parses that page's alone."""
    for number in range(60):
        write(project / "pages" / f"extra-{number}.md", CLEAN_PAGE.replace("silver", str(number)))
    check(project)
    assert len(parsed) == 63
    assert (project / CACHE_DIR / cache_module.FRONT_MATTER_FILE).is_file()
    page = project / "pages" / "measure.md"
    page.write_text(TARGET + "\nOne more plain sentence.\n")
    parsed.clear()
    check(project, paths=(page,))
    assert parsed == ["Measure a ring"]
    parsed.clear()
    check(project, paths=(page,), cache=False)
    assert len(parsed) == 63


def test_a_file_changed_in_the_last_two_seconds_is_not_indexed_yet(project, parsed):
    check(project)
    parsed.clear()
    check(project)
    assert len(parsed) == 3  # every page was written just now: read again


def test_a_front_matter_change_is_seen_even_with_the_old_size_and_time(project, not_racy):
    """A new ``slug`` with the same number of bytes, and the file's modification time set
    back: the index still reads it again (the status-change time moved), so the link to
    the old address is reported at once."""
    import os

    linking = LINKING.replace("measure.md#use-a-strip-of-paper", "/measure/")
    write(project / "pages" / "start.md", linking)
    measure = project / "pages" / "measure.md"
    write(measure, TARGET.replace("orphan: true", "slug: measure"))
    assert not [d for d in check(project).diagnostics if d.code == "OA303"]
    before = measure.stat()
    write(measure, TARGET.replace("orphan: true", "slug: mEasure"))
    os.utime(measure, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert measure.stat().st_size == before.st_size
    (broken,) = [d for d in check(project).diagnostics if d.code == "OA303"]
    assert broken.path.endswith("start.md")


def test_front_matter_values_keep_their_types_through_the_index():
    import datetime

    zone = datetime.timezone(datetime.timedelta(hours=-5))
    meta = {
        "title": "T",
        "date": datetime.datetime(2024, 5, 1, 9, 30, 15, 250, tzinfo=zone),
        "day": datetime.date(2024, 5, 1),
        "alarm": datetime.time(7, 0),
        "weight": 3,
        "ratio": 0.5,
        "draft": False,
        "none": None,
        "tags": ["a", {"l": "not a tag"}, [1, 2]],
        1: "an int key",
        datetime.date(2020, 1, 1): "a date key",
        "nested": {"m": [], "deeper": {"x": [None]}},
    }
    plain = cache_module._to_plain(meta)
    assert cache_module._from_plain(plain) == meta
    assert cache_module._from_plain(cache_module._to_plain(None)) is None
    for unsupported in ({"bytes": b"\x00"}, {"set": {1, 2}}, {("tuple", "key"): 1}):
        with pytest.raises(cache_module._NotPlain):
            cache_module._to_plain(unsupported)


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        '{"code": "other", "files": {}}',
        "[1, 2]",
        '{"code": "CODE", "files": []}',
        '{"code": "CODE", "files": {"pages/measure.md": [[1, 2], {"m": [[{"l": []}, 1]]}]}}',
        '{"code": "CODE", "files": {"pages/measure.md": "STAMP"}}',
        '{"code": "CODE", "files": {"pages/measure.md": ["STAMP", {"x": 1}]}}',
        '{"code": "CODE", "files": {"pages/measure.md": ["STAMP", {"m": [[1]]}]}}',
        '{"code": "CODE", "files": {"pages/measure.md": ["STAMP", {"l": []}]}}',
        '{"code": "CODE", "files": {"pages/measure.md": ["STAMP", {"dt": "yesterday"}]}}',
        '{"code": "CODE", "files": {"pages/measure.md": ["STAMP", {"m": [[{"l": [1]}, 1]]}]}}',
        '{"code": "CODE", "files": {"pages/measure.md": ["STAMP", '
        + '{"l": [' * 100_000
        + "]}" * 100_000
        + "]}}",
    ],
)
def test_a_hostile_front_matter_index_is_a_miss(project, stored, parsed, not_racy):
    """The index is untrusted input: an entry that does not decode to front matter, for
    the file's very stamp, is read from the page instead; nothing crashes."""
    import json

    from openaccess.cache import file_stamp

    first = check(project)
    index = project / CACHE_DIR / cache_module.FRONT_MATTER_FILE
    written = json.loads(index.read_text())
    assert "measure.md" in written["files"]  # keys are relative to the site's root
    header = json.dumps({key: value for key, value in written.items() if key != "files"})
    stamp = json.dumps(file_stamp(project / "pages" / "measure.md"))
    hostile = stored.replace('"STAMP"', stamp).replace("pages/measure.md", "measure.md")
    index.write_text(hostile.replace('"code": "CODE"', header[1:-1]))
    for namespace in (project / CACHE_DIR).iterdir():
        if namespace.is_dir():
            for shard in namespace.iterdir():
                shard.unlink()
    parsed.clear()
    assert check(project).diagnostics == first.diagnostics
    assert "Measure a ring" in parsed  # the entry was a miss: read from the page


def test_a_valid_entry_for_the_files_stamp_is_used(project, parsed, not_racy):
    """The control for the hostile entries above: the same write, with a good entry."""
    check(project)
    parsed.clear()
    check(project)
    assert parsed == []


@pytest.mark.parametrize(
    "front_matter",
    [
        "---\ntitle: T\ndescription: D\nn: 0x" + "f" * 4_000 + "\n---\n",  # 4,800 digits
        '{\n"title": "x\\ud800y",\n"description": "D"\n}\n',  # a lone surrogate
    ],
)
def test_front_matter_json_cannot_write_is_not_indexed(project, front_matter, not_racy):
    """A page must never break the cached check of its site: its front matter is read
    again each run instead."""
    write(project / "pages" / "odd.md", front_matter + "\nText.\n")
    first = check(project, cache=False)
    assert check(project).diagnostics == first.diagnostics
    assert check(project).diagnostics == first.diagnostics


def test_an_index_made_under_another_size_limit_is_not_used(project, not_racy):
    """A page over ``max_file_size`` has no front matter; with a higher limit it has."""
    linking = LINKING.replace("measure.md#use-a-strip-of-paper", "/bee/")
    write(project / "pages" / "start.md", linking)
    measure = project / "pages" / "measure.md"
    write(measure, TARGET.replace("orphan: true", "slug: bee") + "\n" + "Word. " * 300)
    small = 'pages = "pages"\nmax_file_size = 1000\n'
    write(project / "openaccess.toml", small)
    assert [d.code for d in check(project).diagnostics if d.code == "OA303"] == ["OA303"]
    write(project / "openaccess.toml", 'pages = "pages"\nmax_file_size = 100000\n')
    assert [d.code for d in check(project).diagnostics if d.code == "OA303"] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("kind", ["pipe", "symlink", "folder"])
def test_a_cache_file_that_is_no_regular_file_is_not_read(project, kind, not_racy):
    """A restored CI cache is a tarball: it can hold a pipe or a symlink. Neither is
    read (a pipe would wait forever, /dev/zero would never end)."""
    first = check(project)
    folder = project / CACHE_DIR
    targets = [folder / cache_module.FRONT_MATTER_FILE, *folder.rglob("[0-9a-f][0-9a-f].json")]
    for target in targets:
        target.unlink()
        if kind == "pipe":
            os.mkfifo(target)
        elif kind == "symlink":
            target.symlink_to("/dev/zero")
        else:
            target.mkdir()
    assert check(project).diagnostics == first.diagnostics


def test_a_page_given_on_standard_input_is_routed_by_its_own_front_matter(tmp_path, not_racy):
    from openaccess.cache import FrontMatterIndex
    from openaccess.run.store import SourceStore

    page = write(tmp_path / "a.md", "---\nslug: on-disk\n---\n")
    stores = []
    for _ in range(3):
        index = FrontMatterIndex(tmp_path / "index.json", 10_000)
        stores.append(SourceStore(tmp_path, 10_000, meta_index=index))
    assert stores[0].meta(PurePosixPath("a.md")) == {"slug": "on-disk"}
    stores[0].meta_index.save()
    assert stores[1].meta_index.get("a.md", page) == (True, {"slug": "on-disk"})
    stores[2].put(page, b"---\nslug: unsaved\n---\n")
    assert stores[2].meta(PurePosixPath("a.md")) == {"slug": "unsaved"}


def test_front_matter_read_in_one_dialect_is_not_reused_in_another(tmp_path, not_racy):
    """``title: A`` on a page's first line is front matter to MkDocs only: a site that
    gains an mkdocs.yml reads its pages again, not the index made before."""
    from openaccess.cache import FrontMatterIndex
    from openaccess.run.store import SourceStore

    write(tmp_path / "a.md", "title: A\n\nText.\n")
    found = {}
    for dialect in ("commonmark", "mkdocs", "commonmark"):
        index = FrontMatterIndex(tmp_path / "index.json", 10_000)
        store = SourceStore(tmp_path, 10_000, dialect=dialect, meta_index=index)
        found.setdefault(dialect, []).append(store.meta(PurePosixPath("a.md")))
        index.save()
    assert found == {"commonmark": [None, None], "mkdocs": [{"title": "A"}]}


@pytest.fixture
def pages_read(monkeypatch) -> list[str]:
    """Names of the files the run's store read from disk."""
    import openaccess.run.store as store_module

    seen: list[str] = []
    original = store_module.read_source

    def counting(path, max_bytes):
        seen.append(Path(path).name)
        return original(path, max_bytes)

    monkeypatch.setattr(store_module, "read_source", counting)
    return seen


def test_a_rerun_with_nothing_changed_reads_no_page(project, pages_read, not_racy):
    """The findings cache keys a page by the hash of its text; the front matter index
    keeps that hash by the file's stamp, so unchanged pages are not even read."""
    first = check(project)
    assert sorted(pages_read) == ["clean.md", "measure.md", "start.md"]
    pages_read.clear()
    assert check(project).diagnostics == first.diagnostics
    assert pages_read == []


def test_an_edit_that_keeps_size_and_time_is_read_and_checked_again(project, checked, not_racy):
    """The stamp holds the status-change time, which no tool can set back: a page edited
    to the same size, its modification time restored, is read and checked again."""
    check(project)
    measure = project / "pages" / "measure.md"
    before = measure.stat()
    write(measure, TARGET.replace("Wrap it around", "Wrap it aruond"))
    os.utime(measure, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert measure.stat().st_size == before.st_size
    checked.clear()
    check(project)
    assert sorted(checked) == ["measure.md", "start.md"]  # start.md links into it


def test_a_cached_run_asks_git_about_the_cache_folder_once(project, monkeypatch):
    """Whether git tracks files in ``.openaccess/cache`` is one question per run (each
    starts a git process), though both the front matter index and the findings cache
    need the answer."""
    import openaccess.gitfiles as gitfiles

    asked: list[Path] = []
    original = gitfiles.tracks_files_in

    def counting(folder: Path) -> bool:
        asked.append(folder)
        return original(folder)

    monkeypatch.setattr(gitfiles, "tracks_files_in", counting)
    check(project)  # writes the cache: git is asked only once there are files in it
    asked.clear()
    check(project)
    assert asked == [project / CACHE_DIR]
