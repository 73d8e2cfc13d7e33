"""``check --fix``, ``--unsafe-fixes`` and ``--diff``: only the fixed spans change."""

from __future__ import annotations

import codecs
import os
import shutil
import stat
from pathlib import Path

import pytest
from cli_helpers import JEWELER, run, write

from openaccess.diagnostics import Applicability, Edit, Fix
from openaccess.fixes import encode_like, fix_until_stable, unified_diff
from openaccess.fsutil import atomic_write

# A link fragment with a typo: OA302 offers an UNSAFE fix (it changes where the link goes).
TYPO_PAGE = """---
title: Tools
description: The tools you need.
orphan: true
---

See [the steps](#install-the-tool).

## Install the tools

Run it.
"""


def jeweler_copy(tmp_path: Path) -> Path:
    target = tmp_path / "jeweler.md"
    shutil.copyfile(JEWELER, target)
    return target


def expected_jeweler_fix(original: str) -> str:
    """What the two safe fixes must produce, written independently of the fix code: every
    blank line inside the <p> closes and reopens it, the spacing <br> line goes away,
    and the front matter (which has a blank line of its own) is untouched."""
    head, _, body = original.partition("<p>\n")
    body = body.replace("\n\n", "\n</p>\n\n<p>\n").replace("<br>\n", "")
    return head + "<p>\n" + body


def test_fixing_the_jeweler_guide_changes_only_the_fixed_spans(tmp_path, capsys, monkeypatch):
    page = jeweler_copy(tmp_path)
    original = page.read_bytes()
    before = run(["check", "--no-cache", "jeweler.md"], tmp_path, capsys, monkeypatch)
    assert "OA403" in before.out and "OA404" in before.out

    fixed = run(["check", "--no-cache", "--fix", "jeweler.md"], tmp_path, capsys, monkeypatch)

    assert "Fixed 2 problems in 1 file." in fixed.err
    text = page.read_bytes().decode("utf-8")
    assert text == expected_jeweler_fix(original.decode("utf-8"))
    front_matter_end = original.index(b"---", 3) + 3
    assert page.read_bytes()[:front_matter_end] == original[:front_matter_end]
    again = run(["check", "--no-cache", "jeweler.md"], tmp_path, capsys, monkeypatch)
    assert "OA403" not in again.out and "OA404" not in again.out
    assert "paragraph-wall" not in again.out and "spacing-br" not in again.out


def test_fix_is_idempotent(tmp_path, capsys, monkeypatch):
    page = jeweler_copy(tmp_path)
    run(["check", "--no-cache", "--fix", "jeweler.md"], tmp_path, capsys, monkeypatch)
    once = page.read_bytes()
    second = run(["check", "--no-cache", "--fix", "jeweler.md"], tmp_path, capsys, monkeypatch)
    assert page.read_bytes() == once
    assert "Fixed" not in second.err


def test_fix_writes_through_a_page_that_is_a_symlink(tmp_path, capsys, monkeypatch):
    """A page that links to another file of the project is fixed in that file; the link
    stays a link (it was replaced by a fixed copy, and the file it named kept its
    mistakes)."""
    page = jeweler_copy(tmp_path)
    (tmp_path / "guide.md").symlink_to("jeweler.md")
    run(["check", "--no-cache", "--fix", "guide.md"], tmp_path, capsys, monkeypatch)
    assert (tmp_path / "guide.md").is_symlink()
    assert "<br>" not in page.read_text(encoding="utf-8")


def test_diff_prints_a_patch_and_writes_nothing(tmp_path, capsys, monkeypatch):
    page = jeweler_copy(tmp_path)
    original = page.read_bytes()
    ran = run(["check", "--no-cache", "--diff", "jeweler.md"], tmp_path, capsys, monkeypatch)
    assert ran.code == 1
    assert page.read_bytes() == original
    assert ran.out.startswith("--- a/jeweler.md\n+++ b/jeweler.md\n@@ ")
    assert ran.out.count("\n+</p>\n") == 5
    assert "\n-<br>\n" in ran.out
    assert "Would fix 2 problems in 1 file." in ran.err
    assert not list(tmp_path.glob(".jeweler.md.*"))


def test_diff_exits_zero_when_nothing_to_fix(tmp_path, capsys, monkeypatch):
    write(tmp_path / "typo.md", TYPO_PAGE)
    ran = run(["check", "--no-cache", "--diff", "typo.md"], tmp_path, capsys, monkeypatch)
    assert (ran.code, ran.out) == (0, "")
    assert "No fixes available." in ran.err


def test_unsafe_fixes_only_with_the_flag(tmp_path, capsys, monkeypatch):
    page = write(tmp_path / "typo.md", TYPO_PAGE)
    run(["check", "--no-cache", "--fix", "typo.md"], tmp_path, capsys, monkeypatch)
    assert page.read_text() == TYPO_PAGE
    ran = run(
        ["check", "--no-cache", "--fix", "--unsafe-fixes", "typo.md"], tmp_path, capsys, monkeypatch
    )
    assert "Fixed 1 problem in 1 file." in ran.err
    assert page.read_text() == TYPO_PAGE.replace("#install-the-tool)", "#install-the-tools)")


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\r\n"),
        ("utf-8-sig", "\n"),
        ("utf-8-sig", "\r\n"),
        ("utf-16-be", "\r\n"),
        ("utf-16-le", "\n"),
    ],
)
def test_fix_keeps_encoding_bom_line_endings_and_mode(
    tmp_path, capsys, monkeypatch, encoding, newline
):
    text = JEWELER.read_text(encoding="utf-8").replace("\n", newline)
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-16-le": codecs.BOM_UTF16_LE}.get(encoding, b"")
    page = tmp_path / "jeweler.md"
    page.write_bytes(bom + text.encode(encoding))
    os.chmod(page, 0o640)

    run(["check", "--no-cache", "--fix", "jeweler.md"], tmp_path, capsys, monkeypatch)

    data = page.read_bytes()
    assert data.startswith(bom or (codecs.BOM_UTF8 if encoding == "utf-8-sig" else b""))
    decoded = data[len(bom) :].decode(encoding)
    assert decoded == expected_jeweler_fix(text.replace(newline, "\n")).replace("\n", newline)
    assert stat.S_IMODE(page.stat().st_mode) == 0o640


def test_fix_loop_runs_until_stable():
    """Overlapping fixes wait for the next pass; the loop ends when nothing applies."""

    def find_fixes(text: str) -> list[Fix]:
        # Each pass offers to turn the first "aa" into "b": overlapping candidates.
        spots = [i for i in range(len(text) - 1) if text[i : i + 2] == "aa"]
        return [Fix("merge", (Edit(i, i + 2, "b"),)) for i in spots]

    outcome = fix_until_stable("aaaa", find_fixes, unsafe=False)
    assert (outcome.text, outcome.applied, outcome.stable) == ("bb", 2, True)
    outcome = fix_until_stable("aaaaaaaa", find_fixes, unsafe=False)
    # pass 1: bbbb (4 fixes); pass 2: nothing
    assert (outcome.text, outcome.applied, outcome.passes) == ("bbbb", 4, 1)


def test_fix_loop_gives_up_after_max_passes():
    def forever(text: str) -> list[Fix]:
        return [Fix("grow", (Edit(0, 0, "x"),))]

    outcome = fix_until_stable("", forever, unsafe=False, max_passes=3)
    assert (outcome.text, outcome.applied, outcome.stable) == ("xxx", 3, False)


def test_unsafe_fixes_are_skipped_by_the_loop_unless_asked():
    def offers(text: str) -> list[Fix]:
        if text != "a":
            return []
        return [Fix("risky", (Edit(0, 1, "b"),), Applicability.UNSAFE)]

    assert fix_until_stable("a", offers, unsafe=False).text == "a"
    assert fix_until_stable("a", offers, unsafe=True).text == "b"


def test_fixes_that_change_the_reading_are_withheld_and_the_others_applied():
    """The guard halves the pass's fixes until each one that changes the reading stands
    alone: every other fix applies."""

    def find_fixes(text: str) -> list[Fix]:
        # Every letter becomes "-" (markup, say); "q" becomes "!", a change a reader sees.
        return [Fix("swap", (Edit(i, i + 1, "!" if c == "q" else "-"),)) for i, c in
                enumerate(text) if c.isalpha()]  # fmt: skip

    def keeps(text: str) -> bool:
        return "!" not in text

    outcome = fix_until_stable("abqcdqe", find_fixes, unsafe=False, keeps_reading=keeps)
    assert outcome.text == "--q--q-"
    assert outcome.applied == 5
    # unsafe fixes may change the reading by design: the guard is for safe-only runs
    assert fix_until_stable("abq", find_fixes, unsafe=True, keeps_reading=keeps).text == "--!"


def test_the_reading_guard_tries_a_bounded_number_of_readings():
    """A hostile page where every fix changes the reading costs a fixed number of trials
    per pass, not one per fix (linear time)."""
    trials = 0

    def find_fixes(text: str) -> list[Fix]:
        return [Fix("bang", (Edit(i, i + 1, "!"),)) for i, c in enumerate(text) if c == "q"]

    def keeps(text: str) -> bool:
        nonlocal trials
        trials += 1
        return "!" not in text

    outcome = fix_until_stable("q" * 5_000, find_fixes, unsafe=False, keeps_reading=keeps)
    assert outcome.text == "q" * 5_000
    assert trials <= 40


def test_encode_like_keeps_utf16_byte_order():
    big = codecs.BOM_UTF16_BE + "é".encode("utf-16-be")
    assert encode_like("é", "utf-16", big) == big
    little = codecs.BOM_UTF16_LE + "é".encode("utf-16-le")
    assert encode_like("é", "utf-16", little) == little
    assert encode_like("é", "utf-8-sig", b"") == codecs.BOM_UTF8 + "é".encode()


def test_unified_diff_marks_a_missing_final_newline():
    patch = unified_diff("a\nb", "a\nc", "x.md")
    assert patch.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")


def test_atomic_write_keeps_mode_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "page.md"
    target.write_text("old")
    os.chmod(target, 0o604)
    atomic_write(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_atomic_write_replaces_a_symlink_unless_asked_to_write_through_it(tmp_path):
    """A planted symlink (a cache entry pointing at ``~/.bashrc``) must never lead a write
    elsewhere; only ``check --fix`` of a page read through a link writes through it."""
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    link = tmp_path / "entry.json"
    link.symlink_to(outside)
    atomic_write(link, "new")
    assert not link.is_symlink() and link.read_text() == "new" and outside.read_text() == "keep"
    link.unlink()
    link.symlink_to(outside)
    atomic_write(link, "fixed", through_symlink=True)
    assert link.is_symlink() and outside.read_text() == "fixed"


def test_atomic_write_new_file_follows_umask(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.txt", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_atomic_write_failure_keeps_the_original(tmp_path, monkeypatch):
    target = tmp_path / "page.md"
    target.write_text("original")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new")
    assert target.read_text() == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_report_written_to_a_pipe_or_device_leaves_it_in_place(tmp_path, capsys, monkeypatch):
    """``-o /dev/null`` or ``-o /dev/stdout`` (run as root) once replaced the device with
    a regular file: a path that is not a regular file is written in place. A named pipe
    stands for the device here, read by a thread as a shell's reader would."""
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write(tmp_path / "pages" / "jeweler.md", JEWELER.read_text(encoding="utf-8"))
    ran = run(
        ["check", "pages", "--no-cache", "--format", "json", "-o", str(pipe)],
        tmp_path,
        capsys,
        monkeypatch,
    )
    reader.join(timeout=30)
    assert ran.code in (0, 1)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert received[0].lstrip()[:1] in (b"[", b"{")  # the whole JSON report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages", "report.pipe"]
