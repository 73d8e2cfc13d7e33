"""What git knows about the pages: which files it ignores, which lines a branch changed.

Everything goes through the ``git`` command (no library): ``git check-ignore`` and
``git ls-files`` apply .gitignore, .git/info/exclude and the global excludes file exactly
as git does, and ``git diff`` says what a pull request changed. Outside a git checkout
(or without git) nothing is ignored, and ``--changed-since`` says why it cannot work.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct, field

from openaccess.errors import UsageError

_TIMEOUT = 120  # seconds; git answers these in milliseconds, a hang must not block CI


def _git(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=_TIMEOUT,
    )


def _run(
    cwd: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str] | None:
    """``git ARGS`` in ``cwd``; None when git is missing or ``cwd`` is no git checkout."""
    try:
        done = _git(cwd, *args, stdin=stdin)
    except (OSError, subprocess.SubprocessError):
        return None
    return None if done.returncode == 128 else done


# -- tracked files ----------------------------------------------------------------------
def tracks_files_in(folder: Path) -> bool:
    """Whether git tracks a file under ``folder`` (False outside a checkout, or without git)."""
    done = _run(folder, "ls-files", "-z", "--", ".")
    return done is not None and done.returncode == 0 and bool(done.stdout)


# -- ignored files ----------------------------------------------------------------------
def ignored(paths: Sequence[Path], cwd: Path | None = None) -> set[Path]:
    """The ``paths`` git ignores (tracked files never are); empty outside a checkout."""
    if not paths:
        return set()
    cwd = cwd or Path.cwd()
    names = "\0".join(os.path.abspath(p) for p in paths) + "\0"
    done = _run(cwd, "check-ignore", "--stdin", "-z", stdin=names)
    if done is None or done.returncode not in (0, 1):
        return set()
    return {Path(name) for name in done.stdout.split("\0") if name}


def ignored_below(folder: Path) -> set[Path]:
    """Untracked files and whole folders git ignores under ``folder`` (absolute paths), so
    a walk can skip ``node_modules/`` without entering it. Empty outside a checkout."""
    done = _run(
        folder, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"
    )
    if done is None or done.returncode != 0:
        return set()
    found = set()
    for name in done.stdout.split("\0"):
        cleaned = name.rstrip("/")
        if cleaned and cleaned != ".":
            found.add(folder / cleaned)
    return found


# -- changed lines ----------------------------------------------------------------------
class Changes(Struct):
    """Lines added or changed since a commit, by absolute path. A path mapped to None is
    new as a whole (untracked, or added since the commit)."""

    base: str  # the commit compared with
    lines: dict[Path, set[int] | None] = field(default_factory=dict)
    # Files deleted since the commit (a renamed file's old name too), by absolute path.
    removed: set[Path] = field(default_factory=set)

    def touched(self, path: Path) -> bool:
        return path in self.lines

    def names(self, within: Sequence[Path]) -> set[str]:
        """How other pages name the files in the folders ``within`` that were changed or
        deleted (new ones cannot break a link) in their links: the file name without its
        suffix (lower case), or the folder's name for an index page."""
        folders = [Path(os.path.realpath(folder)) for folder in within]
        edited = [path for path, lines in self.lines.items() if lines is not None]
        found = set()
        for path in [*edited, *self.removed]:
            if not any(path == folder or folder in path.parents for folder in folders):
                continue
            stem = path.stem.lower()
            if stem in _INDEX_STEMS:
                stem = path.parent.name.lower()
            if stem:
                found.add(stem)
        return found

    def covers(self, path: Path, first: int, last: int) -> bool:
        """Whether any line from ``first`` to ``last`` of ``path`` was added or changed."""
        if path not in self.lines:
            return False
        changed = self.lines[path]
        if changed is None:
            return True
        return any(line in changed for line in range(first, max(first, last) + 1))


_INDEX_STEMS = frozenset({"index", "_index", "readme"})  # a folder's own page
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def changes_since(ref: str, cwd: Path | None = None) -> Changes:
    """What the working tree changed since the point where HEAD left ``ref`` (its merge
    base, as a pull request shows it). Raises UsageError with what to do when ``ref`` is
    unknown, the clone is too shallow to find the merge base, or this is no checkout."""
    cwd = cwd or Path.cwd()
    top = _run(cwd, "rev-parse", "--show-toplevel")
    if top is None or top.returncode != 0:
        raise UsageError(f"--changed-since needs a git checkout; {cwd} is not inside one")
    root = Path(top.stdout.strip())
    shallow = _is_shallow(cwd)
    known = _run(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if known is None or known.returncode != 0:
        fetch = _fetch_command(ref)
        hint = (
            f" This clone is shallow: fetch the branch first ({fetch}), or use"
            " fetch-depth: 0 with actions/checkout."
            if shallow
            else f" Fetch it first if it is a remote branch ({fetch})."
        )
        raise UsageError(
            f"--changed-since {ref}: git knows no commit, branch or tag '{ref}'.{hint}"
        )
    base = _run(cwd, "merge-base", ref, "HEAD")
    if base is None or base.returncode != 0:
        why = (
            "this clone is shallow and lacks the commit where HEAD branched off; fetch more"
            " history (git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
            if shallow
            else "HEAD and it share no history"
        )
        raise UsageError(f"--changed-since {ref}: cannot find where HEAD branched from it: {why}")
    commit = base.stdout.strip()
    changes = Changes(commit)
    diff = _run(root, "diff", "--no-color", "--no-ext-diff", "--no-renames", "--unified=0", commit)
    if diff is None or diff.returncode != 0:
        why = diff.stderr.strip() if diff is not None else "git is missing"
        raise UsageError(f"--changed-since {ref}: git diff failed: {why}")
    _read_diff(diff.stdout, root, changes)
    untracked = _run(root, "ls-files", "-z", "--others", "--exclude-standard")
    if untracked is not None and untracked.returncode == 0:
        for name in untracked.stdout.split("\0"):
            if name:
                changes.lines[root / name] = None
    return changes


def _fetch_command(ref: str) -> str:
    """The fetch that makes ``ref`` known: ``origin/main`` is branch main of origin."""
    remote, slash, branch = ref.partition("/")
    if slash and remote and branch and not ref.startswith("refs/"):
        return f"git fetch {remote} {branch}"
    return f"git fetch origin {ref}"


def _is_shallow(cwd: Path) -> bool:
    done = _run(cwd, "rev-parse", "--is-shallow-repository")
    return done is not None and done.stdout.strip() == "true"


def _read_diff(text: str, root: Path, changes: Changes) -> None:
    """Added and changed lines from ``git diff --unified=0`` (new-file line numbers)."""
    current: Path | None = None
    added_file = False
    old_name = ""
    for line in text.splitlines():
        if line.startswith("--- "):
            added_file = line == "--- /dev/null"
            old_name = line[4:]
        elif line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else root / name.removeprefix("b/")
            if current is None and old_name.startswith("a/"):
                changes.removed.add(root / old_name.removeprefix("a/"))
            if current is not None:
                changes.lines[current] = None if added_file else changes.lines.get(current, set())
        elif current is not None and (hunk := _HUNK.match(line)):
            lines = changes.lines[current]
            if lines is None:
                continue
            start, count = int(hunk.group(1)), int(hunk.group(2) or "1")
            lines.update(range(start, start + count))


def changed_pages(ref: str, targets: Sequence[Path]) -> tuple[list[Path], Changes]:
    """The pages changed since ``ref`` within ``targets`` (the paths named, or the pages
    folder), and the changes, for ``check`` and ``report --changed-since``."""
    from openaccess.page import PAGE_SUFFIXES

    changes = changes_since(ref)
    within = [Path(os.path.realpath(target)) for target in targets]
    changed = sorted(
        path
        for path in changes.lines
        if path.suffix.lower() in PAGE_SUFFIXES
        and path.is_file()
        and any(path == folder or folder in path.parents for folder in within)
    )
    return changed, changes
