"""``openaccess check`` as a library call: open the project, check pages, collect. No
printing here.

A check runs in three phases over one :class:`~openaccess.run.project.Project`:

1. **pages**: each page is read once (by the project), parsed once, and every page rule
   runs on it; what site-wide rules need later (the pages it links to, its external links,
   links that cannot be checked) is kept as small *facts*, so no page is parsed twice. A
   caller with more to do per page (publish renders it) passes a :class:`FollowUp`, run
   right after the checks while the parse is at hand. Pages whose findings and facts are
   in the content-hash cache are not checked again. Large runs use worker processes
   (:mod:`openaccess.run.pool`).
2. **external links** (``--external``): every external link of the checked pages is
   fetched once; results reach the rules through their context.
3. **site**: site-wide rules (orphan pages, external links) run over the facts.

``shard`` checks a stable 1/N of the pages, and ``only`` (``check --changed-since``) the
pages a change touched, while links still resolve against the whole site and site-wide
rules (orphan pages) see every page. Findings are sorted on every field that can differ,
so serial, parallel, cached and sharded runs print the same lines in the same order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from msgspec import Struct, field

from openaccess.config import Config
from openaccess.diagnostics import Category, Diagnostic, diagnostic_from_entry, diagnostic_to_entry
from openaccess.discovery import REFUSED
from openaccess.errors import UsageError
from openaccess.linter import CheckResult, Linter, unreadable
from openaccess.page import FixedTexts, Page
from openaccess.run.facts import PageFacts, SiteFacts, page_facts
from openaccess.run.pool import batch_size_for, default_jobs, run_batches
from openaccess.run.project import Project, open_project
from openaccess.run.site import Held
from openaccess.source import SourceError

if TYPE_CHECKING:  # the cache module (and hashlib) loads only when a run uses the cache
    from openaccess.cache import CheckCache, PageEntry

# Below this many pages to check, worker start-up costs more than it saves.
PARALLEL_THRESHOLD = 24
_BATCH_SIZE = 8


class Shard(Struct, frozen=True):
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
            raise UsageError(
                f"--shard must be K/N with 1 <= K <= N (for example 1/4), got '{text}'"
            )
        return cls(int(match.group(1)), int(match.group(2)))

    def holds(self, relative: str) -> bool:
        import hashlib

        digest = hashlib.sha256(relative.encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1


class CheckOptions(Struct):
    """How to run a check: rule selection, workers, shard, cache, standard input."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    jobs: int | None = None  # None: one worker per CPU
    shard: Shard | None = None
    cache: bool = True
    # A page read from standard input (``check -``): the path it stands for, its bytes.
    stdin: tuple[Path, bytes] | None = None
    # Check and report only these pages (real paths) of the ones found, as a shard does.
    only: frozenset[Path] | None = None
    # Rule categories that run only where set to report errors (see Linter).
    errors_only: frozenset[Category] = frozenset()
    # Whether ``exclude`` drops a page named on the command line (see open_project).
    exclude_named: bool = True

    def holds(self, path: Path, project: Project) -> bool:
        """Whether this run checks and reports the page at ``path`` (its shard, ``only``)."""
        if self.only is not None and Path(os.path.realpath(path)) not in self.only:
            return False
        return self.shard is None or self.shard.holds(shard_key(path, project))


def result_order(diagnostic: Diagnostic) -> tuple[object, ...]:
    """A total order, so runs that find the same things print them identically."""
    d = diagnostic
    return (d.path, d.line, d.column, d.code, d.end_line, d.end_column, d.message)


class FollowUp(Protocol):
    """Work done on pages right after they are checked (or served from the cache), in the
    process that checks them and while their parse is at hand: publish repairs and renders
    pages here, so a page is parsed once for both. What it returns comes back to the
    caller (see check_and_follow), so it must be picklable."""

    def wants(self, path: Path) -> bool:
        """Whether this page needs the follow-up at all."""
        ...

    def __call__(self, page: Page) -> Any: ...


# -- phase 1: pages ---------------------------------------------------------------------
class PageOutcome(Struct):
    """One page's check: its findings, facts, held links and cache entry."""

    path: Path
    diagnostics: list[Diagnostic]
    entry: PageEntry | None  # what the cache should remember (None: nothing to cache)
    facts: PageFacts | None = None
    followed: Any = None  # what the follow-up returned for this page
    # Links into other pages the check held for later (see Site.holding): the findings
    # and the cache entry are complete once they are settled (_Check._settle).
    held: list[Held] = field(default_factory=list)
    ids: frozenset[str] | None = None  # the page's ids, for the links into it


class _Job(Struct, frozen=True):
    """One page for a worker: checked, or only followed up after a cache hit."""

    path: Path
    check: bool  # False: findings and facts came from the cache, only the follow-up runs


class _PageWork(Struct):
    """What every worker needs; inherited by the forked workers, never pickled."""

    project: Project
    linter: Linter
    follow_up: FollowUp | None
    keep_ids: bool = False  # a rule reads other pages' ids: keep each page's (own parse)
    caching: bool = True  # False (--no-cache): no cache entry to make


def _work(state: _PageWork, jobs: list[_Job]) -> list[PageOutcome]:
    return [_one(state, job) for job in jobs]


def _one(state: _PageWork, job: _Job) -> PageOutcome:
    project, site = state.project, state.project.site
    try:
        page = project.store.page(job.path)
    except SourceError as error:
        found = [unreadable(project.shown(job.path), error)] if job.check else []
        return PageOutcome(job.path, found, None)
    outcome = PageOutcome(job.path, [], None)
    if job.check:
        relative = site.relative(page.path)
        site.start_recording()
        with site.holding(state.linter.settles_later(page)) as held:
            outcome.diagnostics = state.linter.check_page(page, site)
        outcome.held = held
        outcome.facts = page_facts(page, site)
        if state.keep_ids and relative is not None:
            outcome.ids = site.own_ids(page)
            site.learn_ids(relative, outcome.ids)  # for this process's next pages
        if state.caching:
            from openaccess.cache import PageEntry

            outcome.entry = PageEntry(
                content=page.content_hash,
                data={
                    "findings": [diagnostic_to_entry(d) for d in outcome.diagnostics],
                    "facts": outcome.facts.to_data(),
                },
                dependencies=site.dependencies(relative),
            )
    follow_up = state.follow_up
    if follow_up is not None and follow_up.wants(page.path):
        outcome.followed = follow_up(page)
    site.forget(page)
    page.forget_parse()
    return outcome


def _checking_order(job: _Job) -> tuple[str, str]:
    """Pages with the same file name one after another (in the same batch of a worker):
    in versioned documentation they are one page in several versions, and the paragraphs
    they share are measured once (see ``openaccess.text.memory``). The order findings
    are reported in does not depend on it."""
    return _same_page(job), job.path.as_posix()


def _same_page(job: _Job) -> str:
    """Pages that are likely one page in several versions (see ``_checking_order``)."""
    return job.path.name


# -- the run ----------------------------------------------------------------------------
class _Check(Struct):
    """One check run over a project: the pages, then external links, then the site."""

    project: Project
    options: CheckOptions
    linter: Linter
    cache: CheckCache | None
    follow_up: FollowUp | None = None
    progress: Callable[[int, int], None] | None = None
    result: CheckResult = field(default_factory=CheckResult)
    followed: dict[Path, Any] = field(default_factory=dict)  # path -> follow-up's result
    facts: dict[Path, PageFacts] = field(default_factory=dict)
    contents: dict[Path, str] = field(default_factory=dict)  # path -> content hash ("": no cache)

    def read(self, path: Path) -> bool:
        """Take one page's content hash (the page is read unless the front matter index
        knows it unchanged), recording an OA000 finding when it cannot be read."""
        try:
            self.contents[path] = self._content(path)
        except SourceError as error:
            self.result.diagnostics.append(unreadable(self.project.shown(path), error))
            return False
        return True

    def _read_again(self, path: Path) -> bool:
        """A page of another shard, for site-wide rules (it was read for routing, so
        this costs nothing; an unreadable one is reported by its own shard)."""
        try:
            self.contents[path] = self._content(path)
        except SourceError:
            return False
        return True

    def _content(self, path: Path) -> str:
        """The page's content hash, which the cache keys it by; raises SourceError.
        Without a cache the page is only read, to know that it can be: hashing its text
        would load hashlib for nothing (about 2 ms of a one-page check)."""
        if self.cache is None:
            self.project.store.read(path)
            return ""
        return self.project.store.content_hash(path)

    def from_cache(self, path: Path) -> bool:
        if self.cache is None:
            return False
        cached = self.cache.lookup(self._key(path), self.contents[path], self.project)
        if not isinstance(cached, dict):
            return False
        try:
            shown = self.project.shown(path)
            found = [diagnostic_from_entry(shown, row) for row in cached["findings"]]
            facts = PageFacts.from_data(cached["facts"])
        except (KeyError, TypeError, ValueError):  # written by something else: check again
            return False
        self.result.diagnostics.extend(found)
        self.facts[path] = facts
        return True

    def _key(self, path: Path) -> str:
        relative = self.project.relative(path)
        return relative.as_posix() if relative is not None else str(path)

    def check_pages(self, pending: list[_Job]) -> None:
        pending = sorted(pending, key=_checking_order)
        state = _PageWork(
            self.project,
            self.linter,
            self.follow_up,
            self.linter.holds_links,
            self.cache is not None,
        )
        workers = self.options.jobs or default_jobs()
        if workers > 1 and len(pending) >= PARALLEL_THRESHOLD:
            # The first page is done here: what it loads lazily (parser, word data, schema,
            # the site map) is then inherited by the workers forked after it.
            first = [_one(state, pending[0])]
            size = batch_size_for(len(pending) - 1, workers, _BATCH_SIZE)
            rest = run_batches(pending[1:], _work, state, workers, size, _same_page)
            outcomes = (outcome for group in (first, rest) for outcome in group)
        else:
            outcomes = (_one(state, job) for job in pending)
        unsettled: list[PageOutcome] = []
        for done, outcome in enumerate(outcomes, start=1):
            self._collect(outcome, unsettled)
            if self.progress is not None:
                self.progress(done, len(pending))
        for outcome in unsettled:
            self._settle(outcome)
            self._keep(outcome)

    def _collect(self, outcome: PageOutcome, unsettled: list[PageOutcome]) -> None:
        relative = self.project.relative(outcome.path)
        if outcome.ids is not None and relative is not None:
            self.project.site.learn_ids(relative, outcome.ids)
        if outcome.held:
            unsettled.append(outcome)  # complete once every page's ids are known
        else:
            self._keep(outcome)
        if outcome.facts is not None:
            self.facts[outcome.path] = outcome.facts
        if outcome.followed is not None:
            self.followed[outcome.path] = outcome.followed

    def _keep(self, outcome: PageOutcome) -> None:
        self.result.diagnostics.extend(outcome.diagnostics)
        if self.cache is not None and outcome.entry is not None:
            self.cache.store(self._key(outcome.path), outcome.entry)

    def _settle(self, outcome: PageOutcome) -> None:
        """Findings of the links the page's check held, now that every page is checked:
        the ids of pages not checked in this run (other shards, cached pages) are read
        here, once each."""
        page = self.project.store.page(outcome.path)
        found = self.linter.settle(page, self.project.site, outcome.held)
        if not found:
            return
        outcome.diagnostics = sorted([*outcome.diagnostics, *found], key=lambda d: d.sort_key)
        if outcome.entry is not None:
            findings = [diagnostic_to_entry(d) for d in outcome.diagnostics]
            outcome.entry.data["findings"] = findings

    # -- phases 2 and 3: external links and site-wide rules ---------------------------
    def check_site(self, every_page: list[Path], shown: set[Path]) -> None:
        """Site-wide rules see every page (all shards), but report only on ``shown``."""
        site_rules = [active for active in self.linter.active if active.rule.site_wide]
        if not site_rules:
            return
        readable = [p for p in every_page if p in self.contents or self._read_again(p)]
        # Volatile rules (external links) depend on other servers: never served from cache.
        volatile = self.project.config.links.external and any(a.rule.volatile for a in site_rules)
        cache = None if volatile else self.cache
        cached = None
        if cache is not None:
            from openaccess.cache import SITE_ENTRY, PageEntry

            key = self._site_key(readable)
            cached = cache.lookup(SITE_ENTRY, key, self.project)
        if cached is None:
            pages = {p: self.project.store.page(p) for p in readable}
            facts = SiteFacts(
                pages={p: self.facts.get(p) or self._quick_facts(page) for p, page in pages.items()}
            )
            if volatile:
                facts.external = self._fetch_external(facts, shown)
            self.project.site.facts = facts
            found = self.linter.check_site(list(pages.values()), self.project.site)
            by_display = {self.project.shown(p): self._key(p) for p in readable}
            # Rows of the site entry start with the page's key (they span many pages).
            cached = [[by_display.get(d.path, d.path), *diagnostic_to_entry(d)] for d in found]
            if cache is not None:
                cache.store(SITE_ENTRY, PageEntry(key, cached))
        by_key = {self._key(path): path for path in shown}
        for file, *row in cached:
            if file in by_key:
                shown_as = self.project.shown(by_key[file])
                self.result.diagnostics.append(diagnostic_from_entry(shown_as, row))

    def _site_key(self, readable: list[Path]) -> str:
        """What the cache keys site-wide findings by: every readable page and its content."""
        import hashlib

        state = "\n".join(f"{self._key(p)}\0{self.contents[p]}" for p in readable)
        return hashlib.sha256(state.encode("utf-8", "surrogatepass")).hexdigest()

    def _quick_facts(self, page: Page) -> PageFacts:
        """Facts of a page this run did not check (another shard): parsed for its links."""
        facts = page_facts(page, self.project.site)
        self.project.site.forget(page)
        page.forget_parse()
        return facts

    def _fetch_external(self, facts: SiteFacts, shown: set[Path]) -> dict[str, Any]:
        from openaccess.external import check_external

        urls = [link.url for p in shown if p in facts.pages for link in facts.pages[p].external]
        results, notes = check_external(urls, self.project.config)
        self.result.notes.extend(n for n in notes if n not in self.result.notes)
        return results

    def unchecked_note(self, shown: set[Path], listed: bool) -> None:
        """One line for the links that could not be checked: never dropped in silence."""
        reasons: dict[str, int] = {}
        for path in shown:
            for _start, _href, why in self.facts[path].unchecked if path in self.facts else ():
                reasons[why] = reasons.get(why, 0) + 1
        total = sum(reasons.values())
        if total:
            parts = ", ".join(f"{count} {why}" for why, count in sorted(reasons.items()))
            where = "listed below" if listed else "--verbose lists them"
            self.result.notes.append(
                f"{total} link{'s' if total != 1 else ''} not checked ({parts}); {where}"
            )

    def unchecked_lines(self, shown: set[Path]) -> list[str]:
        """``path:line:col: href: why`` for every link not checked (``--verbose``)."""
        lines = []
        for path in sorted(shown):
            facts = self.facts.get(path)
            if facts is None or not facts.unchecked:
                continue
            page = self.project.store.page(path)
            for start, href, why in facts.unchecked:
                line, column = page.position(start)
                lines.append(f"{page.display_path}:{line}:{column}: {href}: not checked, {why}")
        return lines


def shard_key(path: Path, project: Project) -> str:
    relative = project.relative(path)
    return relative.as_posix() if relative is not None else path.as_posix()


def run_check(
    paths: Sequence[Path], config: Config, options: CheckOptions, verbose: bool = False
) -> CheckResult:
    return check_and_follow(paths, config, options, verbose=verbose)[0]


def check_and_follow(
    paths: Sequence[Path],
    config: Config,
    options: CheckOptions,
    follow_up: FollowUp | None = None,
    progress: Callable[[int, int], None] | None = None,
    project: Project | None = None,
    verbose: bool = False,
) -> tuple[CheckResult, dict[Path, Any]]:
    """The check, and ``follow_up``'s result for every readable page it wants (by path).

    ``progress`` hears (pages done, pages to do) as pages are checked or followed up.
    """
    index = None
    if options.cache and project is None:
        from openaccess.cache import front_matter_index

        index = front_matter_index(config.root, config.max_file_size)
    git_asked = config.root if index is not None else None  # about its cache folder
    project = project or open_project(
        paths, config, options.stdin, index, exclude_named=options.exclude_named
    )
    config = project.config
    linter = Linter(config, options.select, options.ignore, errors_only=options.errors_only)
    cache = None
    notes: list[str] = []
    if options.cache:
        from openaccess.cache import CheckCache, namespace

        selection = (options.select, options.ignore, sorted(options.errors_only))
        key = namespace(config, selection, project.root)
        cache = CheckCache.open(config.root, key, project, ask_git=config.root != git_asked)
        if cache.refused is not None:
            notes.append(cache.refused)
            cache = None
    run = _Check(project, options, linter, cache, follow_up, progress)
    run.result.notes.extend(notes)
    found = project.found
    files = [p for p in found.files if options.holds(p, project)]
    run.result.looked_in = [project.shown(path) for path in project.targets]
    run.result.left_out = sum(1 for p in found.left_out if options.holds(p, project))
    for path, why in found.notes:
        if options.holds(path, project):
            refused = SourceError(why, skipped=why != REFUSED)  # a symlink out: an error
            run.result.diagnostics.append(unreadable(project.shown(path), refused))
    pending: list[_Job] = []
    for path in files:
        run.result.files_checked += 1
        run.result.files.append(project.shown(path))
        if not run.read(path):
            continue
        cached = run.from_cache(path)
        if cached and (follow_up is None or not follow_up.wants(path)):
            continue
        pending.append(_Job(path, check=not cached))
    project.router.site  # noqa: B018 (built once here, so forked workers inherit it)
    run.check_pages(pending)
    shown = set(files)
    run.check_site(found.files, shown)
    run.result.notes.extend(_generator_notes(project))
    run.unchecked_note(shown, verbose)
    if verbose:
        run.result.details.extend(run.unchecked_lines(shown))
    run.result.diagnostics.sort(key=result_order)
    if cache is not None:
        cache.save()
    if index is not None:
        index.save()
    return run.result, run.followed


def _generator_notes(project: Project) -> list[str]:
    """What the generator's reader has to say about the site as a whole (the routing
    mistakes of single pages are findings: OA105, OA106)."""
    return [f"{project.generator.describe()}: {note}" for note in project.generator.notes]


# -- fixes ----------------------------------------------------------------------------
class FixedFile(Struct):
    """A file ``--fix`` rewrote (or would rewrite): its text before and after."""

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
    from openaccess.parse.reading import keeps_reading

    fixable = sorted({d.path for d in result.diagnostics if select_fixes([d.fix], unsafe)}, key=str)
    if not fixable:
        return []
    project = open_project(paths, config)
    linter = Linter(project.config, options.select, options.ignore)
    site = project.site
    site_wide = {active.rule.code for active in linter.active if active.rule.site_wide}
    fixed: list[FixedFile] = []
    for shown in fixable:
        path = Path.cwd() / shown
        try:
            page = project.store.page(path)
        except SourceError:
            continue
        # Site-wide findings (e.g. OA321's new address) are not re-checked page by page:
        # their fixes apply to the text they were found in, in the first pass.
        first_pass = [d.fix for d in result.diagnostics if d.path == shown and d.code in site_wide]

        read = FixedTexts(page)

        def find_fixes(
            text: str, page: Page = page, first_pass: list = first_pass, read: FixedTexts = read
        ) -> list:
            again = read(text)
            found = [d.fix for d in linter.check_page(again, site)]
            site.forget(again)
            return found + (first_pass if text == page.text else [])

        guard = keeps_reading(page, read)
        outcome = fix_until_stable(page.text, find_fixes, unsafe, keeps_reading=guard)
        if outcome.applied == 0 or outcome.text == page.text:
            continue
        error = ""
        if write:
            try:
                data = encode_like(outcome.text, page.encoding, path.read_bytes()[:4])
                atomic_write(path, data, through_symlink=True)  # the page was read there
            except OSError as failure:  # read-only file or folder, full disk: report, go on
                error = failure.strerror or str(failure)
        fixed.append(
            FixedFile(path, shown, page.text, outcome.text, outcome.applied, outcome.stable, error)
        )
    return fixed
