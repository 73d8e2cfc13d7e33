"""``openaccess check`` as a library call: discover, read, lint, collect. No printing here.

Speed comes from three places, none of which changes a finding:

* the content-hash cache (:mod:`openaccess.cache`) skips pages whose findings are known;
* the remaining pages are checked by worker processes (``jobs``), each rebuilding its own
  :class:`Linter` from the picklable :class:`Config`; small runs stay in-process so a
  pre-commit hook on one file starts instantly;
* ``shard`` checks a stable 1/N of the pages while links still resolve against the whole
  site, so a CI matrix splits the work.

A caller with more to do per page (publish renders it) passes a :class:`FollowUp`, run in
the same process right after each page's checks, so the page is parsed once for both.

Findings are sorted on every field that can differ, so serial, parallel, cached and
sharded runs print the same lines in the same order.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from openaccess.cache import (
    SITE_ENTRY,
    CheckCache,
    PageEntry,
    RecordingSite,
    diagnostic_from_entry,
    diagnostic_to_entry,
    namespace,
    text_hash,
)
from openaccess.config import Config, ConfigError
from openaccess.diagnostics import Diagnostic
from openaccess.discovery import REFUSED, discover
from openaccess.linter import CheckResult, Linter, load_page, unreadable
from openaccess.page import Page
from openaccess.source import Decoded, SourceError, decode, read_source

# Below this many pages to check, worker start-up costs more than it saves.
PARALLEL_THRESHOLD = 24
_BATCH_SIZE = 8


@dataclass(frozen=True)
class Shard:
    """``K/N``: this run checks the pages whose path hashes to K (1-based) of N buckets.

    Hashing each page's path (relative to the site root) keeps a page in the same shard
    when other pages are added or removed, and needs no coordination between CI jobs.
    """

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise ConfigError(
                f"--shard must be K/N with 1 <= K <= N (for example 1/4), got '{text}'"
            )
        return cls(int(match.group(1)), int(match.group(2)))

    def holds(self, relative: str) -> bool:
        digest = hashlib.sha256(relative.encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1


@dataclass
class CheckOptions:
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    jobs: int | None = None  # None: one worker per CPU
    shard: Shard | None = None
    cache: bool = True
    # A page read from standard input (``check -``): the path it stands for, its bytes.
    stdin: tuple[Path, bytes] | None = None


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Paths relative to the working directory, with forward slashes."""
    cwd = cwd or Path.cwd()
    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def target_paths(paths: Sequence[Path], config: Config) -> list[Path]:
    if paths:
        return list(paths)
    if not config.pages_dir.is_dir():
        raise ConfigError(
            f"no paths given and the pages folder '{config.pages}' does not exist"
            f" (looked in {config.root}); pass paths or set 'pages' in openaccess.toml"
        )
    return [config.pages_dir]


def site_root(paths: Sequence[Path], config: Config) -> Path:
    """The folder links resolve against: the pages folder when it holds every path, else
    the deepest folder that holds them all."""
    resolved = [Path(os.path.realpath(p)) for p in paths]  # never raises on a symlink loop
    pages_dir = config.pages_dir
    if all(p == pages_dir or pages_dir in p.parents for p in resolved):
        return pages_dir
    folders = [p if p.is_dir() else p.parent for p in resolved]
    return Path(os.path.commonpath(folders))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def result_order(diagnostic: Diagnostic) -> tuple[object, ...]:
    """A total order, so runs that find the same things print them identically."""
    d = diagnostic
    return (d.path, d.line, d.column, d.code, d.end_line, d.end_column, d.message)


# -- checking one page ----------------------------------------------------------------
class FollowUp(Protocol):
    """Work done on pages right after they are checked (or served from the cache), in the
    process that checks them and while their parse is at hand: publish repairs and renders
    pages here, so a page is parsed once for both. It travels to worker processes, so it
    must be picklable; what it returns comes back to the caller (see check_and_follow)."""

    def wants(self, path: Path) -> bool:
        """Whether this page needs the follow-up at all."""
        ...

    def __call__(self, page: Page) -> Any: ...


@dataclass
class PageOutcome:
    path: Path
    diagnostics: list[Diagnostic]
    entry: PageEntry | None  # what the cache should remember (None: nothing to cache)
    notes: list[str] = field(default_factory=list)  # the site's notes for the user
    followed: Any = None  # what the follow-up returned for this page


def check_one(
    linter: Linter, site: RecordingSite, page: Page, follow_up: FollowUp | None = None
) -> PageOutcome:
    site.start_recording()
    notes_before = len(site.notes)
    relative = site.relative(page.path)
    diagnostics = linter.check_page(page, site)
    entry = PageEntry(
        content=page.content_hash,
        data=[diagnostic_to_entry(d) for d in diagnostics],
        dependencies=site.dependencies(relative),
    )
    followed = follow_up(page) if follow_up is not None and follow_up.wants(page.path) else None
    page.forget_parse()
    return PageOutcome(page.path, diagnostics, entry, site.notes[notes_before:], followed)


def _follow_only(page: Page, follow_up: FollowUp) -> PageOutcome:
    """A page whose findings came from the cache: only the follow-up runs."""
    followed = follow_up(page)
    page.forget_parse()
    return PageOutcome(page.path, [], None, followed=followed)


@dataclass(frozen=True)
class _Job:
    path: Path
    check: bool  # False: the findings came from the cache, only the follow-up runs


def _do(job: _Job, page: Page, linter: Linter, site: RecordingSite, follow_up: FollowUp | None):
    if job.check:
        return check_one(linter, site, page, follow_up)
    assert follow_up is not None, "a job without checking exists only for a follow-up"
    return _follow_only(page, follow_up)


# Worker processes hold one linter and one site each, built once by _start_worker.
_WORKER: tuple[Linter, RecordingSite, Config, FollowUp | None] | None = None


def _start_worker(
    config: Config,
    select: Sequence[str],
    ignore: Sequence[str],
    root: Path,
    follow_up: FollowUp | None,
    parent: int,
):
    global _WORKER
    _exit_with_parent(parent)
    linter = Linter(config, select, ignore)
    site = RecordingSite.scan(root, config.max_file_size, config=config)
    _WORKER = (linter, site, config, follow_up)


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent process is gone. A parent killed outright (SIGKILL,
    an out-of-memory kill) cannot stop its pool, and the workers would wait forever for
    work, holding what they inherited: open files and the lock of a publish."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="openaccess-parent-watch", daemon=True).start()


def _check_batch(jobs: list[_Job]) -> list[PageOutcome]:
    assert _WORKER is not None, "worker not initialised"
    linter, site, config, follow_up = _WORKER
    outcomes = []
    for job in jobs:
        loaded = load_page(job.path, display_path(job.path), config)
        if isinstance(loaded, Diagnostic):  # changed since the main process read it
            outcomes.append(PageOutcome(job.path, [loaded] if job.check else [], None))
        else:
            outcomes.append(_do(job, loaded, linter, site, follow_up))
    return outcomes


def _batches(jobs: list[_Job], size: int) -> Iterator[list[_Job]]:
    for start in range(0, len(jobs), size):
        yield jobs[start : start + size]


# -- the run --------------------------------------------------------------------------
@dataclass
class _Run:
    config: Config
    options: CheckOptions
    linter: Linter
    root: Path
    site: RecordingSite
    cache: CheckCache | None
    follow_up: FollowUp | None = None
    progress: Callable[[int, int], None] | None = None
    result: CheckResult = field(default_factory=CheckResult)
    followed: dict[Path, Any] = field(default_factory=dict)  # path -> follow-up's result
    contents: dict[Path, str] = field(default_factory=dict)  # path -> content hash
    cwd: Path = field(default_factory=Path.cwd)
    _shown: dict[Path, str] = field(default_factory=dict)
    unreadable: set[Path] = field(default_factory=set)  # reported once, never re-read

    def shown(self, path: Path) -> str:
        """``display_path`` with the working directory read once (it is called per file)."""
        if path not in self._shown:
            self._shown[path] = display_path(path, self.cwd)
        return self._shown[path]

    def read(self, path: Path) -> Decoded | None:
        """Read one page, recording an OA000 finding when it cannot be read."""
        stdin = self.options.stdin
        try:
            if stdin is not None and path == stdin[0]:
                decoded = decode(stdin[1])
            else:
                decoded = read_source(path, self.config.max_file_size)
        except SourceError as error:
            self.unreadable.add(path)
            self.result.diagnostics.append(unreadable(self.shown(path), error))
            return None
        self.contents[path] = text_hash(decoded.text)
        return decoded

    def from_cache(self, path: Path) -> bool:
        if self.cache is None:
            return False
        cached = self.cache.lookup(str(path), self.contents[path], self.site)
        if cached is None:
            return False
        shown = self.shown(path)
        self.result.diagnostics.extend(diagnostic_from_entry(shown, item) for item in cached)
        return True

    def check_pages(self, pending: list[_Job], decoded: dict[Path, Decoded]) -> None:
        workers = self.options.jobs or default_jobs()
        if workers <= 1 or len(pending) < PARALLEL_THRESHOLD:
            outcomes: Iterator[PageOutcome] = (self._here(job, decoded) for job in pending)
        else:
            # The first page is done here: what it loads lazily (parser, word data, schema)
            # is then inherited by the workers forked after it instead of loaded by each.
            first = self._here(pending[0], decoded)
            decoded.clear()
            outcomes = itertools.chain([first], self._parallel(pending[1:], workers))
        for done, outcome in enumerate(outcomes, start=1):
            self.result.diagnostics.extend(outcome.diagnostics)
            self.result.notes.extend(n for n in outcome.notes if n not in self.result.notes)
            if self.cache is not None and outcome.entry is not None:
                self.cache.store(str(outcome.path), outcome.entry)
            if outcome.followed is not None:
                self.followed[outcome.path] = outcome.followed
            if self.progress is not None:
                self.progress(done, len(pending))

    def _here(self, job: _Job, decoded: dict[Path, Decoded]) -> PageOutcome:
        page = Page.from_decoded(job.path, decoded.pop(job.path), self.shown(job.path))
        return _do(job, page, self.linter, self.site, self.follow_up)

    def _parallel(self, pending: list[_Job], workers: int) -> Iterator[PageOutcome]:
        size = max(1, min(_BATCH_SIZE, len(pending) // (workers * 4) or 1))
        arguments = (
            self.config,
            self.options.select,
            self.options.ignore,
            self.root,
            self.follow_up,
            os.getpid(),
        )
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=arguments) as pool:
            for batch in pool.map(_check_batch, _batches(pending, size)):
                yield from batch

    def check_site(self, pages: list[Path], shown: set[Path]) -> None:
        """Site-wide rules see every page (all shards), but report only on ``shown``."""
        if not any(active.rule.site_wide for active in self.linter.active):
            return
        for path in pages:
            if path not in self.contents and path not in self.unreadable:
                self.read(path)
        readable = [p for p in pages if p in self.contents]
        key = hashlib.sha256(
            "\n".join(f"{p}\0{self.contents[p]}" for p in readable).encode("utf-8", "surrogatepass")
        ).hexdigest()
        # Volatile rules (external links) depend on other servers: never served from cache.
        volatile = self.config.links.external and any(a.rule.volatile for a in self.linter.active)
        cache = None if volatile else self.cache
        cached = cache.lookup(SITE_ENTRY, key, self.site) if cache else None
        if cached is None:
            loaded = [load_page(p, self.shown(p), self.config) for p in readable]
            found = self.linter.check_site([p for p in loaded if isinstance(p, Page)], self.site)
            by_display = {self.shown(p): p for p in readable}
            # Rows of the site entry start with the page's path (they span many pages).
            cached = [[str(by_display.get(d.path, d.path)), *diagnostic_to_entry(d)] for d in found]
            if cache is not None:
                cache.store(SITE_ENTRY, PageEntry(key, cached))
        for file, *row in cached:
            path = Path(file)
            if path in shown:
                self.result.diagnostics.append(diagnostic_from_entry(self.shown(path), row))


def shard_key(path: Path, root: Path) -> str:
    try:
        return Path(os.path.realpath(path)).relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.realpath(path)).as_posix()


def run_check(paths: Sequence[Path], config: Config, options: CheckOptions) -> CheckResult:
    return check_and_follow(paths, config, options)[0]


def check_and_follow(
    paths: Sequence[Path],
    config: Config,
    options: CheckOptions,
    follow_up: FollowUp | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[CheckResult, dict[Path, Any]]:
    """The check, and ``follow_up``'s result for every readable page it wants (by path).

    ``progress`` hears (pages done, pages to do) as pages are checked or followed up.
    """
    targets = target_paths(paths, config)
    linter = Linter(config, options.select, options.ignore)
    root = site_root(targets, config).resolve()
    stdin_path = options.stdin[0] if options.stdin is not None else None
    on_disk = [target for target in targets if target != stdin_path]
    found = discover(on_disk, config.exclude, config.pages_dir, config.respect_gitignore)
    if stdin_path is not None:  # the editor's unsaved text stands for this page
        found.files = sorted({*found.files, stdin_path})
    site = RecordingSite.scan(root, config.max_file_size, config=config)
    cache = None
    if options.cache:
        selection = (options.select, options.ignore)
        key = namespace(config, selection, root)
        cache = CheckCache.open(config.root, key, site)
        if cache.refused is not None:
            site.notes.append(cache.refused)
            cache = None
    run = _Run(config, options, linter, root, site, cache, follow_up, progress)

    shard = options.shard
    files = [p for p in found.files if shard is None or shard.holds(shard_key(p, root))]
    for path, why in found.notes:
        if shard is None or shard.holds(shard_key(path, root)):
            refused = SourceError(why, skipped=why != REFUSED)  # a symlink out: an error
            run.result.diagnostics.append(unreadable(run.shown(path), refused))
    pending: list[_Job] = []
    decoded: dict[Path, Decoded] = {}
    for path in files:
        run.result.files_checked += 1
        run.result.files.append(run.shown(path))
        text = run.read(path)
        if text is None:
            continue
        cached = run.from_cache(path)
        if cached and (follow_up is None or not follow_up.wants(path)):
            continue
        pending.append(_Job(path, check=not cached))
        decoded[path] = text
    run.check_pages(pending, decoded)
    run.check_site(found.files, set(files))
    run.result.notes.extend(n for n in site.notes if n not in run.result.notes)
    run.result.diagnostics.sort(key=result_order)
    if cache is not None:
        cache.save()
    return run.result, run.followed


# -- fixes ----------------------------------------------------------------------------
@dataclass
class FixedFile:
    path: Path
    display: str
    before: str
    after: str
    applied: int
    stable: bool
    error: str = ""  # why the fixed text could not be written (the file is unchanged)


def run_fixes(
    paths: Sequence[Path],
    config: Config,
    options: CheckOptions,
    result: CheckResult,
    unsafe: bool,
    write: bool,
) -> list[FixedFile]:
    """Fix every page of ``result`` that has a fix at this level, re-checking until stable.

    With ``write`` the pages are replaced atomically in their own encoding, byte order
    mark, line endings and file mode; without it (``--diff``) nothing is written.
    """
    from openaccess.fixes import encode_like, fix_until_stable, select_fixes
    from openaccess.fsutil import atomic_write

    fixable = sorted({d.path for d in result.diagnostics if select_fixes([d.fix], unsafe)}, key=str)
    if not fixable:
        return []
    targets = target_paths(paths, config)
    linter = Linter(config, options.select, options.ignore)
    root = site_root(targets, config).resolve()
    site = RecordingSite.scan(root, config.max_file_size, config=config)
    site_wide = {active.rule.code for active in linter.active if active.rule.site_wide}
    fixed: list[FixedFile] = []
    for shown in fixable:
        path = Path.cwd() / shown
        loaded = load_page(path, shown, config)
        if isinstance(loaded, Diagnostic):
            continue
        page = loaded
        # Site-wide findings (e.g. OA321's new address) are not re-checked page by page:
        # their fixes apply to the text they were found in, in the first pass.
        first_pass = [d.fix for d in result.diagnostics if d.path == shown and d.code in site_wide]

        def find_fixes(text: str, page: Page = page, first_pass: list = first_pass) -> list:
            again = Page.from_decoded(
                page.path, Decoded(text, page.encoding, page.bom, page.newline), page.display_path
            )
            found = [d.fix for d in linter.check_page(again, site)]
            return found + (first_pass if text == page.text else [])

        outcome = fix_until_stable(page.text, find_fixes, unsafe)
        if outcome.applied == 0 or outcome.text == page.text:
            continue
        error = ""
        if write:
            try:
                atomic_write(path, encode_like(outcome.text, page.encoding, path.read_bytes()[:4]))
            except OSError as failure:  # read-only file or folder, full disk: report, go on
                error = failure.strerror or str(failure)
        fixed.append(
            FixedFile(path, shown, page.text, outcome.text, outcome.applied, outcome.stable, error)
        )
    return fixed
