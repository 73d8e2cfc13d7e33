"""Parallel workers and shards find exactly what one serial run finds, in the same order."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import run, write

from openaccess.check import PARALLEL_THRESHOLD, CheckOptions, Shard, run_check
from openaccess.config import Config
from openaccess.errors import UsageError

PAGES = PARALLEL_THRESHOLD + 16


def page_text(index: int) -> str:
    following = (index + 1) % PAGES
    anchor = "nowhere" if index % 7 == 0 else "section-two"
    extra = "![](photo.png)\n\n" if index % 5 == 0 else ""
    missing = "Also see [old notes](old-notes.md).\n\n" if index % 6 == 0 else ""
    return (
        f"---\ntitle: Page {index}\ndescription: Test page number {index}.\n---\n\n"
        f"Read [the next page](page-{following:02}.md#{anchor}) when you are done here.\n\n"
        f"{extra}{missing}## Section one\n\nShort words help. Keep lines short.\n\n"
        "## Section two\n\nThis part is long enough to read. It has a few short sentences.\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    for index in range(PAGES):
        folder = root / ("a" if index % 2 else "b")
        write(folder / f"page-{index:02}.md", page_text(index))
    # Links between folders: keep targets in the same folder by mirroring every page.
    for index in range(PAGES):
        for folder in ("a", "b"):
            target = root / folder / f"page-{index:02}.md"
            if not target.exists():
                write(target, page_text(index))
    write(root / "a" / "lonely.md", page_text(0).replace("Page 0", "Lonely"))  # an orphan
    return root


def check(root: Path, **options) -> list:
    config = Config(root=root, pages=".")
    return run_check([root], config, CheckOptions(cache=False, **options)).diagnostics


def test_site_is_big_enough_to_go_parallel(site):
    assert len(list(site.rglob("*.md"))) >= PARALLEL_THRESHOLD


def test_parallel_run_equals_serial_run(site):
    serial = check(site, jobs=1)
    parallel = check(site, jobs=2)
    assert parallel == serial
    codes = {d.code for d in serial}
    assert {"OA301", "OA302", "OA401"} <= codes  # cross-page link results are included


def test_union_of_shards_is_the_full_run(site):
    full = check(site, jobs=1)
    shards = [check(site, jobs=1, shard=Shard(k, 3)) for k in (1, 2, 3)]
    assert all(shards), "every shard should get pages"
    paths = [{d.path for d in shard} for shard in shards]
    assert not (paths[0] & paths[1] or paths[0] & paths[2] or paths[1] & paths[2])
    merged = sorted(
        (d for shard in shards for d in shard),
        key=lambda d: (d.path, d.line, d.column, d.code, d.end_line, d.end_column, d.message),
    )
    assert merged == full
    assert any(d.code == "OA310" for d in merged)  # site-wide findings survive the split


def test_sharded_pages_resolve_links_against_the_whole_site(site):
    shard = check(site, jobs=1, shard=Shard(1, 4))
    missing_files = [d for d in shard if d.code == "OA301"]
    # Only the deliberately missing files, never a page that lives in another shard.
    # Only the deliberately missing old-notes.md is reported, never a page of another shard.
    assert missing_files
    assert {d.message for d in missing_files} == {
        "link target 'old-notes.md' does not exist",
        "image 'photo.png' does not exist",
    }


def test_shard_membership_depends_only_on_the_page_path():
    names = [f"guides/page-{i}.md" for i in range(200)]
    before = {name: Shard(2, 5).holds(name) for name in names}
    assert 20 < sum(before.values()) < 60  # roughly a fifth
    assert {name: Shard(2, 5).holds(name) for name in [*names, "new.md"]} | before == {
        **{name: Shard(2, 5).holds(name) for name in [*names, "new.md"]}
    }
    assert all(sum(Shard(k, 5).holds(name) for k in range(1, 6)) == 1 for name in names)


@pytest.mark.parametrize("text", ["0/2", "3/2", "x", "1/0", "1-2"])
def test_bad_shard_is_a_usage_error(text):
    with pytest.raises(UsageError, match="--shard must be K/N"):
        Shard.parse(text)


def test_bad_shard_exits_2(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.md", page_text(1))
    ran = run(["check", "--shard", "3/2", "a.md"], tmp_path, capsys, monkeypatch)
    assert ran.code == 2
    assert ran.err.strip() == (
        "openaccess: error: --shard must be K/N with 1 <= K <= N (for example 1/4), got '3/2'"
    )


def test_cli_jobs_output_is_identical(site, capsys, monkeypatch):
    serial = run(["check", "--no-cache", "-j", "1", "."], site, capsys, monkeypatch)
    parallel = run(["check", "--no-cache", "--jobs", "2", "."], site, capsys, monkeypatch)
    assert (parallel.code, parallel.out) == (serial.code, serial.out)
    assert serial.out.count("\n") > PAGES


def test_parallel_cached_runs_equal_the_serial_run(site, tmp_path):
    config = Config(root=tmp_path, pages=".")  # the cache goes to tmp_path/.openaccess
    serial = check(site, jobs=1)
    first = run_check([site], config, CheckOptions(jobs=2)).diagnostics
    second = run_check([site], config, CheckOptions(jobs=2)).diagnostics
    assert first == serial and second == serial
    assert (tmp_path / ".openaccess" / "cache").is_dir()


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc/*/stat: works on every Linux)."""
    found: set[int] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent (now init) has to reap it


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    """SIGKILL gives the parent no chance to stop its pool: the workers notice and end,
    instead of waiting forever and holding inherited files (and a publish's lock)."""
    for index in range(600):
        write(tmp_path / "pages" / f"page-{index:03}.md", page_text(index % PAGES))
    command = [sys.executable, "-m", "openaccess", "check", "--no-cache", "--jobs", "2"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (workers := _children(process.pid)) and time.monotonic() < deadline:
        assert process.poll() is None, "the check ended before its workers were seen"
        time.sleep(0.02)
    assert workers, "no worker processes started"
    process.kill()
    process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)]


def test_batches_keep_the_versions_of_a_page_together():
    """A batch runs on past its size while the pages have the same key (one page in
    several versions), up to twice its size, and never reorders anything."""
    from openaccess.run.pool import make_batches

    names = ["a", "b", "c", "c", "c", "d", "e", "f", "g"]
    assert make_batches(names, 2) == [["a", "b"], ["c", "c"], ["c", "d"], ["e", "f"], ["g"]]
    assert make_batches(names, 2, lambda name: name) == [
        ["a", "b"],
        ["c", "c", "c"],
        ["d", "e"],
        ["f", "g"],
    ]
    assert make_batches(["x"] * 9, 2, lambda name: name) == [["x"] * 4, ["x"] * 4, ["x"]]
    assert make_batches([], 3, lambda name: name) == []
