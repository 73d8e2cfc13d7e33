"""Killing `publish` with SIGKILL at any moment never leaves a half-written site, and the
next publish leaves no temporary debris (issue 7, "Nothing lost")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PAGES = 150


def write_pages(pages: Path, version: str) -> None:
    for number in range(PAGES):
        path = pages / f"p{number:03}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Page {number}\ndescription: A page for tests.\n---\n\n"
            f"## Part one\n\nThis is version {version} of page {number}. It is short.\n",
            encoding="utf-8",
        )


def publish(project: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "openaccess", "publish", "--allow-errors", *extra],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def debris(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "openaccess.toml").write_text('[publish]\noutput = "site"\n', encoding="utf-8")
    write_pages(tmp_path / "pages", "one")
    assert publish(tmp_path).wait(timeout=300) == 0
    return tmp_path


def reference_site(version: str, tmp_path_factory) -> dict[str, bytes]:
    """The complete site for ``version``, built in a separate project (builds are
    byte-identical whatever the folder)."""
    other = tmp_path_factory.mktemp(f"reference-{version}")
    (other / "openaccess.toml").write_text('[publish]\noutput = "site"\n', encoding="utf-8")
    write_pages(other / "pages", version)
    assert publish(other).wait(timeout=300) == 0
    return snapshot(other / "site")


def republish(project: Path, version: str) -> None:
    write_pages(project / "pages", version)
    assert publish(project).wait(timeout=300) == 0


def test_sigkill_at_any_moment_leaves_a_whole_site(project, tmp_path_factory):
    old = snapshot(project / "site")
    assert old == reference_site("one", tmp_path_factory)
    new = reference_site("two", tmp_path_factory)
    started = time.monotonic()
    republish(project, "two")
    full_run = time.monotonic() - started

    for fraction in (0.3, 0.6, 0.85, 0.95):
        republish(project, "one")
        write_pages(project / "pages", "two")
        process = publish(project)
        time.sleep(full_run * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        site = project / "site"
        if site.exists():
            assert snapshot(site) in (old, new), f"half-written site after a kill at {fraction:.0%}"
        # else: killed between the swap's two renames; the old site waits aside (next test)

        # The next complete publish restores or replaces the site and leaves no debris.
        assert publish(project).wait(timeout=300) == 0
        assert snapshot(site) == new
        assert debris(project) == []


def test_an_interrupted_swap_is_restored_not_deleted(project, monkeypatch):
    """A kill between the swap's two renames leaves the site only in its 'old' folder. The
    next publish puts it back before building, so even if that build fails too, the
    previous site is there, never deleted as debris."""
    from openaccess.config import load_config
    from openaccess.publish import build

    site = project / "site"
    old = snapshot(site)
    os.rename(site, project / ".site.openaccess-old-killed")
    write_pages(project / "pages", "two")
    calls = []

    def disk_full(target, data):
        calls.append(target)
        raise OSError("disk full")

    monkeypatch.setattr(build, "_write_file", disk_full)
    monkeypatch.chdir(project)
    with pytest.raises(OSError, match="disk full"):
        build.publish([], load_config(project), build.PublishOptions())
    assert calls, "the build never reached the writing stage"
    assert snapshot(site) == old
    assert debris(project) == []
