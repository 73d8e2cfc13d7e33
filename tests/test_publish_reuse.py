"""``publish`` does each piece of work once: a page's parse serves both its checks and its
rendering, and pages rendered by an earlier run come from the cache. Counted, not timed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from publish_helpers import publish_cli

from openaccess import frontmatter
from openaccess.check import CheckOptions, run_check
from openaccess.config import build_config
from openaccess.parse import markdown
from openaccess.publish import build
from openaccess.publish.build import PublishOptions, PublishResult, publish
from openaccess.run import store

PLAIN = "---\ntitle: Plain\ndescription: A plain page.\n---\n\nJust text.\n\n## Part\n\nMore.\n"
REPAIRED = (
    "---\ntitle: Repaired\ndescription: A page publish repairs.\n---\n\n"
    "<p>\nOne.\n\nTwo.\n</p>\n\n<script>alert(1)</script>\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for name, text in (("plain.md", PLAIN), ("repaired.md", REPAIRED)):
        (tmp_path / "pages").mkdir(exist_ok=True)
        (tmp_path / "pages" / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def parses(monkeypatch) -> Counter[str]:
    """How often each page's body is parsed, by page."""
    counts: Counter[str] = Counter()
    original = markdown.tokenize

    def counting(text: str, *dialect: str):
        counts["repaired" if "One." in text else "plain"] += 1
        return original(text, *dialect)

    monkeypatch.setattr(markdown, "tokenize", counting)
    return counts


@pytest.fixture
def renders(monkeypatch) -> Counter[str]:
    counts: Counter[str] = Counter()
    original = build.render_body

    def counting(page, *args, **kwargs):
        counts[page.path.stem] += 1
        return original(page, *args, **kwargs)

    monkeypatch.setattr(build, "render_body", counting)
    return counts


@pytest.fixture
def reads(monkeypatch) -> Counter[str]:
    """How often each file is read from disk, and its front matter parsed, by file name."""
    counts: Counter[str] = Counter()
    read_source, parse = store.read_source, frontmatter.parse

    def counting_read(path: Path, *args, **kwargs):
        counts[f"read {path.name}"] += 1
        return read_source(path, *args, **kwargs)

    def counting_parse(text: str, *args, **kwargs):
        counts["front matter " + ("repaired" if "One." in text else "plain")] += 1
        return parse(text, *args, **kwargs)

    monkeypatch.setattr(store, "read_source", counting_read)
    monkeypatch.setattr(frontmatter, "parse", counting_parse)
    return counts


def run(project: Path, **options) -> PublishResult:
    result = publish([], build_config({}, root=project), PublishOptions(**options))
    assert result.published
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


def test_one_parse_serves_the_checks_and_the_rendering(site, parses, renders):
    result = run(site)
    # The repaired page is parsed again once, after its repairs: that parse is rendered.
    assert parses == {"plain": 1, "repaired": 2}
    assert renders == {"plain": 1, "repaired": 1}
    assert result.repaired == {"paragraph-wall": 1}


def test_each_page_is_read_once_and_its_front_matter_parsed_once(site, reads, parses):
    """The router, the checks, the site-wide rules and the rendering share one read and
    one front matter parse; the body is parsed once (twice for the repaired page: its
    repaired text is parsed for rendering)."""
    run(site, cache=False)
    assert reads == {
        "read plain.md": 1,
        "read repaired.md": 1,
        "front matter plain": 1,
        # The repaired page's front matter is parsed again with each repaired text.
        "front matter repaired": 2,
    }
    assert parses == {"plain": 1, "repaired": 2}


def test_check_reads_and_parses_each_page_once(site, reads, parses, monkeypatch):
    monkeypatch.chdir(site)
    run_check([], build_config({}, root=site), CheckOptions(cache=False))
    assert reads == {
        "read plain.md": 1,
        "read repaired.md": 1,
        "front matter plain": 1,
        "front matter repaired": 1,
    }
    assert parses == {"plain": 1, "repaired": 1}


def test_an_unchanged_site_is_published_from_the_cache_with_the_same_output(site, parses, renders):
    first = run(site)
    published = files(site / "site")
    parses.clear()
    renders.clear()
    again = run(site)
    assert parses == {} and renders == {}
    assert files(site / "site") == published
    # What the rendering reported comes back with it.
    assert again.repaired == first.repaired == {"paragraph-wall": 1}
    assert again.notes == first.notes
    assert [n.message.split(":")[0] for n in again.notes] == ["removed <script> and its content"]


def test_publish_and_check_keep_their_own_findings_in_the_cache(site):
    """publish runs no writing advice (see build._left_to_check): its cached findings must
    not stand for a check's, nor a check's for publish's."""
    (site / "pages" / "long.md").write_text(
        "---\ntitle: Long\ndescription: A long sentence.\n---\n\n"
        + " ".join(["word"] * 40)
        + ".\n",
        encoding="utf-8",
    )
    config = build_config({}, root=site)

    def long_sentences() -> list[str]:
        found = run_check([], config, CheckOptions()).diagnostics
        return [d.code for d in found if d.code == "OA502"]

    published = run(site)
    assert [d for d in published.check.diagnostics if d.code.startswith("OA5")] == []
    assert long_sentences() == ["OA502"]
    again = run(site)
    assert [d for d in again.check.diagnostics if d.code.startswith("OA5")] == []
    assert long_sentences() == ["OA502"]


def test_only_an_edited_page_is_rendered_again(site, renders):
    run(site)
    renders.clear()
    plain = site / "pages" / "plain.md"
    plain.write_text(PLAIN.replace("Just text.", "Just new text."), encoding="utf-8")
    run(site)
    assert renders == {"plain": 1}
    assert "Just new text." in (site / "site" / "plain" / "index.html").read_text()


def test_a_changed_address_renders_every_page_again(site, renders):
    """Links are rewritten to addresses, so any page's new address can change any body."""
    run(site)
    renders.clear()
    plain = site / "pages" / "plain.md"
    plain.write_text(PLAIN.replace("title: Plain", "title: Plain\nslug: simple"), "utf-8")
    run(site)
    assert renders == {"plain": 1, "repaired": 1}
    assert (site / "site" / "simple" / "index.html").is_file()


def test_without_the_cache_every_page_is_checked_and_rendered(site, parses, renders):
    run(site)
    parses.clear()
    renders.clear()
    run(site, cache=False)
    assert parses == {"plain": 1, "repaired": 2}
    assert renders == {"plain": 1, "repaired": 1}


def test_publish_no_cache_option_leaves_no_cache_behind(site):
    ran = publish_cli(site, "--no-cache")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (site / "site" / "plain" / "index.html").is_file()
    assert not (site / ".openaccess").exists()


def test_a_damaged_cache_entry_is_rendered_again(site, renders):
    run(site)
    for cache_file in (site / ".openaccess" / "cache").rglob("*.json"):
        text = cache_file.read_text(encoding="utf-8")
        cache_file.write_text(text.replace('"html":', '"htm":'), encoding="utf-8")
    renders.clear()
    run(site)
    assert renders == {"plain": 1, "repaired": 1}
