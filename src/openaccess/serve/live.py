"""The site ``serve`` shows: exactly what ``publish`` would write, kept in memory and
kept up to date as files change.

Pages are checked and rendered once at start (the check pipeline with publish's
renderer as its follow-up, in worker processes for large sites, with the check cache).
After that, an edited page is re-rendered first (so open pages reload at once), then
re-checked, with the pages that link to it (their ``#fragment`` findings read its ids).
A change of the site's shape (a file added or removed, an address changed) rebuilds the
whole site in this process; a change of configuration reloads it. Generated files
(templates applied to a rendered page) are made only when asked for.
"""

from __future__ import annotations

import mimetypes
import os
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from openaccess.check import CheckOptions, check_and_follow
from openaccess.config import Config, ConfigError, load_config
from openaccess.diagnostics import Diagnostic
from openaccess.errors import OpenAccessError, UsageError
from openaccess.linter import Linter
from openaccess.page import PAGE_SUFFIXES, Page
from openaccess.publish.active import ActiveContentScan
from openaccess.publish.build import (
    Entry,
    Note,
    PageRenderer,
    PublishResult,
    Rendered,
    SitePlan,
    load_entries,
    output_bytes,
    published_copies,
    refuse_outside_pages,
    refused_copies,
)
from openaccess.publish.routes import NOT_FOUND_FILE
from openaccess.routing.urls import served_files
from openaccess.run.facts import PageFacts, SiteFacts, page_facts
from openaccess.run.project import Project, open_project
from openaccess.serve.response import Response
from openaccess.source import SourceError

if TYPE_CHECKING:
    from openaccess.report.model import Limits, PageReport
    from openaccess.ruledata import RuleData

# URL folder of serve's own files (script, stylesheet, events, drafts): never a site file.
SERVE_FOLDER = "__openaccess"
DRAFTS_FOLDER = f"{SERVE_FOLDER}/drafts"
# Config files by name: editing one reloads everything.
CONFIG_NAMES = frozenset(
    {"openaccess.toml", "pyproject.toml", "mkdocs.yml", "mkdocs.yaml", "properdocs.yml",
     "properdocs.yaml", "zensical.toml", "_config.yml",
     "_config.yaml", "hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml",
     "config.json"}
)  # fmt: skip

Say = Callable[[str], None]


class PageState(Struct):
    """What serve knows about one page of the site."""

    path: Path
    source: PurePosixPath
    entry: Entry | None = None  # None: unreadable (``error`` says why) or not a page
    error: str = ""  # the page cannot be read: the message with its line
    findings: list[Diagnostic] = field(default_factory=list)  # page rules
    site_findings: list[Diagnostic] = field(default_factory=list)  # site-wide rules
    notes: list[Note] = field(default_factory=list)  # publish's notes (sanitizer...)
    facts: PageFacts | None = None
    checked: bool = True  # False between a re-render and its re-check


class Changes(Struct):
    """What one batch of file changes did: ``everything`` (reload every open page), else
    the pages re-rendered and the pages re-checked."""

    everything: bool = False
    rendered: set[Path] = field(default_factory=set)
    checked: set[Path] = field(default_factory=set)
    forced: bool = False  # a published file (an image) changed: reload every open page


class _ServeFollowUp:
    """publish's renderer, and the facts site-wide rules need, for each checked page."""

    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer

    def wants(self, path: Path) -> bool:
        return self.renderer.wants(path)

    def __call__(self, page: Page) -> tuple[Rendered, PageFacts]:
        return self.renderer(page), page_facts(page, self.renderer.site)


class LiveSite:
    """The served site. Every public method takes the lock: the watcher updates it while
    request threads read it."""

    def __init__(self, paths: list[Path], config_file: Path | None, say: Say) -> None:
        self.start = Path.cwd()  # config is found from here, at start and on every reload
        self.paths = [path.absolute() for path in paths]
        self.config_file = config_file.absolute() if config_file is not None else None
        self.say = say
        self.lock = threading.RLock()
        self.error = ""  # a configuration or template error: shown instead of every page
        self.project: Project | None = None
        self.config: Config | None = None
        self.linter: Linter | None = None
        self.pages: dict[Path, PageState] = {}
        self.plan: SitePlan | None = None
        self.result = PublishResult(check=None, output=Path())  # type: ignore[arg-type]
        self.copies: dict[str, tuple[Path, str]] = {}
        # Files that hold script, by output path: (the file as shown, why not served).
        self.refused: dict[str, tuple[str, str]] = {}
        self._active: ActiveContentScan | None = None
        self.by_file: dict[str, Path] = {}  # output file -> source page
        self.checked = threading.Event()  # set: every page's findings are current
        self.checked.set()
        self._known: dict[Path, Path] = {}  # real path -> the path pages are known by
        self.generation = 0  # counts updates: a cache key for what is made from the state
        self._made: dict[tuple[str, bool], tuple[int, Response]] = {}
        self._measuring: dict[Path | None, tuple[Limits, RuleData]] = {}

    # -- building ------------------------------------------------------------------
    def load(self, jobs: int | None = None) -> None:
        """Read the configuration and build the whole site (``jobs`` 1: in this process)."""
        with self.lock:
            self.generation += 1
            try:
                config = load_config(self.start, explicit=self.config_file)
                # serve never fetches anything: no request leaves the machine.
                config = replace(config, links=replace(config.links, external=False))
                self.config = config
                self._measuring.clear()
                project = open_project(self.paths, config)
                refuse_outside_pages(self.paths, project.config)
                self.project = project
                self.linter = Linter(self.project.config)
                self._build(jobs)
                self.error = ""
            except UsageError as error:
                if self.project is None:  # the first build: nothing is served (exit 2)
                    raise
                self._failed(error)
            except ConfigError as error:
                self._failed(error)

    def _failed(self, error: OpenAccessError) -> None:
        """Serve the error in place of the site until the settings change again."""
        self.error = str(error)
        self.say(f"error: {error}")

    def _build(self, jobs: int | None) -> None:
        """Check and render every page of the open project."""
        project = self.project
        assert project is not None
        config = project.config
        self.result = PublishResult(check=None, output=Path())  # type: ignore[arg-type]
        entries, drafts = load_entries(project, self.result, drafts=DRAFTS_FOLDER)
        routes = {e.page.path: (e.source, e.route) for e in (*entries, *drafts)}
        renderer = PageRenderer(config, project.site, routes)
        options = CheckOptions(jobs=jobs)
        check, followed = check_and_follow(
            project.targets, config, options, _ServeFollowUp(renderer), None, project
        )
        self.renderer = renderer
        site_wide = self._site_wide_codes()
        by_shown = {project.shown(path): path for path in project.found.files}
        self.pages = {}
        self._known = {Path(os.path.realpath(p)): p for p in project.found.files}
        for path in project.found.files:
            relative = project.relative(path)
            if relative is not None:
                self.pages[path] = PageState(path, relative)
        for entry in (*entries, *drafts):
            state = self.pages[entry.page.path]
            state.entry = entry
            done = followed.get(entry.page.path)
            if done is not None:
                rendered, state.facts = done
                entry.body = rendered.body
                state.notes = rendered.notes
        for diagnostic in check.diagnostics:
            path = by_shown.get(diagnostic.path)
            state = self.pages.get(path) if path is not None else None
            if state is None:
                continue
            if diagnostic.code == "OA000":
                state.error = f"line {diagnostic.line}: {diagnostic.message}"
                state.entry = None
            elif diagnostic.code in site_wide:
                state.site_findings.append(diagnostic)
            else:
                state.findings.append(diagnostic)
        self._plan([e for e in entries if e.body is not None], drafts)

    def _plan(self, entries: list[Entry], drafts: list[Entry]) -> None:
        project = self.project
        assert project is not None
        self.plan = SitePlan(
            entries, project.config, self.result, drafts=[d for d in drafts if d.body]
        )
        if self._active is None or self._active.max_bytes != project.config.max_file_size:
            self._active = ActiveContentScan(project.config.max_file_size)
        self.refused = refused_copies(project, self._active)
        self.copies = published_copies(project, set(self.plan.paths()), self.refused)
        self.by_file = {}
        for state in self.pages.values():
            if state.entry is not None:
                self.by_file[state.entry.route.file.as_posix()] = state.path
            else:  # unreadable (now or after the next edit): its address shows why
                route = project.router.route(state.source)
                if route is not None and route.output is not None:
                    self.by_file[route.output.file] = state.path
        self.plan.renderer.csp = serve_csp(self.plan.renderer.csp)
        self._made.clear()

    def _site_wide_codes(self) -> frozenset[str]:
        assert self.linter is not None
        return frozenset(a.rule.code for a in self.linter.active if a.rule.site_wide)

    # -- following changes ---------------------------------------------------------
    def changed(self, paths: Iterable[Path], on_rendered: Callable[[Changes], None]) -> Changes:
        """Follow a batch of changed files (as the watcher names them: real paths).
        ``on_rendered`` hears the pages re-rendered before they are re-checked, so
        readers' views reload sooner."""
        with self.lock:
            paths = [self._known.get(Path(p), Path(p)) for p in paths]
            if self.error or self.project is None or any(self._is_config(p) for p in paths):
                self.load(jobs=1)
                return Changes(everything=True)
            if any(self._is_template(p) for p in paths):
                self.generation += 1
                self._reload_templates()
                return Changes(everything=True)
            project = self.project
            files = project.router.inventory.files
            served = {p for p in paths if project.relative(p) in files}
            addresses = self._addresses()
            reshaped = False
            for path in paths:
                reshaped = project.update(path) or reshaped
            served |= {p for p in paths if project.relative(p) in project.router.inventory.files}
            if reshaped and (self._addresses() != addresses or self._new_pages(paths)):
                self.generation += 1
                self.project = open_project(self.paths, project.config)
                self._build(jobs=1)
                return Changes(everything=True)
            changes, edited = self._rerender(paths, reshaped)
            changes.forced = any(p not in self.pages for p in served)
            if not edited and not reshaped:
                return changes
            self.checked.clear()  # review views wait for the re-check
        try:
            on_rendered(changes)
            self._recheck(edited, reshaped, changes)
        finally:
            self.checked.set()
        return changes

    def display(self, path: Path) -> str:
        return self.project.shown(path) if self.project is not None else str(path)

    def _rerender(self, paths: list[Path], reshaped: bool) -> tuple[Changes, list[Path]]:
        """Render the edited pages again (under the lock): readers' views are current."""
        changes = Changes()
        edited = [p for p in paths if p in self.pages]
        if not edited and not reshaped:
            return changes, edited
        self.generation += 1
        if reshaped:  # same addresses, other front matter: titles, order, drafts
            self._reload_entries()
        for path in edited:
            if self._render(self.pages[path]):
                changes.rendered.add(path)
        self._made.clear()
        return changes, edited

    def _recheck(self, edited: list[Path], reshaped: bool, changes: Changes) -> None:
        """Check the edited pages and the pages that link to them. The checks run without
        the lock, so readers' views are served meanwhile; their findings are then put in
        place at once. Only the watcher's thread changes the site, one batch at a time."""
        with self.lock:
            to_check = set(edited)
            relatives = {self.pages[p].source.as_posix() for p in edited}
            for state in self.pages.values():
                if state.facts is not None and relatives.intersection(state.facts.linked):
                    to_check.add(state.path)  # its #fragment findings read the edited ids
            facts_before = {p: self.pages[p].facts for p in edited}
        results = {path: self._check_page(path) for path in sorted(to_check)}
        with self.lock:
            for path, (page, findings, facts) in results.items():
                state = self.pages.get(path)
                if state is None:
                    continue
                if page is not None and state.entry is not None:
                    state.entry.page = page
                state.findings, state.facts, state.checked = findings, facts, True
            if reshaped or any(self.pages[p].facts != facts_before[p] for p in edited):
                self._check_site()
            changes.checked = to_check
            self.generation += 1
            self._made.clear()

    def _render(self, state: PageState) -> bool:
        """Read and render one page again; False when it is not served."""
        project = self.project
        assert project is not None
        state.checked = False
        try:
            page = project.store.page(state.path)
        except SourceError as error:
            state.error = f"line {error.line}: {error.message}"
            state.findings, state.facts = [], None
            if state.entry is not None:
                state.entry.body = None
            return True
        state.error = ""
        if state.entry is None:  # readable again: its entry comes back with the site's
            self._reload_entries()
            if state.entry is None:
                return False
        state.entry.page = page
        rendered = self.renderer(page)
        state.entry.body = rendered.body
        state.notes = rendered.notes
        return True

    def _check_page(self, path: Path) -> tuple[Page | None, list[Diagnostic], PageFacts | None]:
        """One page's findings and facts (None and none when it cannot be read)."""
        project, linter = self.project, self.linter
        assert project is not None and linter is not None
        try:
            page = project.store.page(path)
        except SourceError:
            return None, [], None
        findings = linter.check_page(page, project.site)
        facts = page_facts(page, project.site)
        project.site.forget(page)
        page.forget_parse()
        return page, findings, facts

    def _check_site(self) -> None:
        """Site-wide rules (orphan pages) over every readable page's facts."""
        project, linter = self.project, self.linter
        assert project is not None and linter is not None
        if not self._site_wide_codes():
            return
        pages: dict[Path, Page] = {}
        for path, state in self.pages.items():
            state.site_findings = []
            if state.facts is None:
                continue
            try:
                pages[path] = project.store.page(path)
            except SourceError:
                continue
        project.site.facts = SiteFacts({p: self.pages[p].facts for p in pages})  # type: ignore[misc]
        by_shown = {project.shown(p): p for p in pages}
        for diagnostic in linter.check_site(list(pages.values()), project.site):
            path = by_shown.get(diagnostic.path)
            if path is not None:
                self.pages[path].site_findings.append(diagnostic)

    def _reload_entries(self) -> None:
        """The pages' entries again (titles, order, drafts changed), keeping their bodies."""
        project = self.project
        assert project is not None
        bodies = {s.path: s.entry.body for s in self.pages.values() if s.entry is not None}
        self.result = PublishResult(check=None, output=Path())  # type: ignore[arg-type]
        entries, drafts = load_entries(project, self.result, drafts=DRAFTS_FOLDER)
        for state in self.pages.values():
            state.entry = None
        for entry in (*entries, *drafts):
            state = self.pages.get(entry.page.path)
            if state is None or state.error:
                continue
            entry.body = bodies.get(entry.page.path)
            state.entry = entry
            self.renderer.routes[entry.page.path] = (entry.source, entry.route)
            if entry.body is None:
                rendered = self.renderer(entry.page)
                entry.body, state.notes = rendered.body, rendered.notes
        self._plan([e for e in entries if e.body is not None], drafts)

    def _reload_templates(self) -> None:
        """Templates or the stylesheet changed: apply them again (bodies stay)."""
        try:
            self._reload_entries()
            self.error = ""
        except ConfigError as error:
            self.error = str(error)
            self.say(f"error: {error}")

    def _addresses(self) -> tuple[Any, ...]:
        """Every output file and every page's address: when both stay, no other page's
        rendering or link findings can change."""
        router = self.project.router if self.project is not None else None
        if router is None:
            return ()
        site = router.site
        pages = sorted((str(s), r.output.file if r.output else "") for s, r in site.pages.items())
        return (frozenset(site.outputs), tuple(pages))

    def _new_pages(self, paths: list[Path]) -> bool:
        """A page file appeared or disappeared: discovery must run again."""
        for path in paths:
            if path.suffix.lower() in PAGE_SUFFIXES and (path in self.pages) != path.is_file():
                return True
        return False

    def _is_config(self, path: Path) -> bool:
        config = self.config
        if path.name in CONFIG_NAMES:
            return True
        if config is None:
            return False
        if config.source is not None and path == config.source:
            return True
        if any(Path(origin) == path for origin in config.origins.values()):
            return True
        rules = config.rules_dir
        if rules is not None and (path == rules or rules in path.parents):
            return True
        project = self.project
        return project is not None and path == project.generator.config_file

    def _is_template(self, path: Path) -> bool:
        config = self.config
        if config is None or not config.publish.templates:
            return False
        folder = (config.root / config.publish.templates).resolve()
        return folder == path or folder in path.parents

    # -- answering -----------------------------------------------------------------
    def respond(self, url_path: str, review: bool = False) -> Response:
        """What the built site serves at ``url_path`` (site-relative, already clean). A
        review view waits for a re-check under way (its marks need current findings)."""
        if review:
            self.checked.wait(timeout=60)
        with self.lock:
            key = (url_path, review)
            made = self._made.get(key)
            if made is not None and made[0] == self.generation:
                return made[1]
            response = self._respond(url_path, review)
            if response.file is None:
                self._made[key] = (self.generation, response)
            return response

    def _respond(self, url_path: str, review: bool) -> Response:
        from openaccess.serve import pages as views

        if self.error or self.plan is None:
            return views.error_response(self, "The site cannot be built", self.error)
        html_fallback = self.project.generator.html_fallback if self.project else False
        for file in served_files(url_path, html_fallback):
            response = self._file(file, review)
            if response is not None:
                return response
        return self.not_found()

    def _file(self, file: str, review: bool) -> Response | None:
        from openaccess.serve import pages as views

        plan = self.plan
        assert plan is not None
        source = self.by_file.get(file)
        state = self.pages.get(source) if source is not None else None
        if state is not None and state.error:
            return views.unreadable_response(self, state)
        broken = state.entry.page.front_matter_error if state and state.entry else None
        if state is not None and broken is not None:  # publish refuses such a page
            why = f"line {broken.line}: invalid front matter: {broken.message}"
            return views.unreadable_response(self, state, why)
        if file in self.copies:
            root, relative = self.copies[file]
            return Response(200, _content_type(file), file=root / relative)
        if file in self.refused:
            shown, why = self.refused[file]
            message = f"{shown} is not served: {why}, which a browser would run."
            return views.error_response(self, "A file holds script", message)
        if file not in plan.paths():
            return None
        try:
            if state is not None and state.entry is not None:
                text = views.page_html(self, state, review)
            else:
                text = views.decorate(self, plan.render(file), None, review=False)
        except ConfigError as error:  # a template error: show it, keep serving
            return views.error_response(self, "A template cannot be applied", str(error))
        except Exception as error:  # a bug must not stop the server: show it
            detail = "".join(traceback.format_exception_only(error)).strip()
            self.say(f"internal error while serving {file}: {detail}")
            return views.error_response(self, "openaccess failed on this page", detail)
        return Response(200, _content_type(file), output_bytes(text), page=source)

    def not_found(self) -> Response:
        from openaccess.serve import pages as views

        plan = self.plan
        assert plan is not None
        text = views.decorate(self, plan.render(NOT_FOUND_FILE), None, review=False)
        return Response(404, "text/html; charset=utf-8", output_bytes(text))

    # -- what the views read ------------------------------------------------------
    def measure(self, page: Page) -> PageReport | None:
        """The page's readability scores, as ``openaccess report`` gives them."""
        from openaccess.report.build import limits_from_config
        from openaccess.report.model import measure_page
        from openaccess.ruledata import RuleData

        config = self.project.config if self.project is not None else None
        if config is None:
            return None
        folder = config.folder_config(page.path)
        scoped = config.scoped(folder)
        key = folder.folder if folder is not None else None
        if key not in self._measuring:
            self._measuring[key] = (limits_from_config(scoped), RuleData(scoped.rules_dir))
        limits, data = self._measuring[key]
        try:
            return measure_page(page, scoped.language, limits, data.plain_words, data.languages)
        finally:
            page.forget_parse()


def serve_csp(csp: str) -> str:
    """The published policy, with serve's own script and event stream allowed (both
    same-origin; published pages allow no script at all)."""
    from markupsafe import Markup

    served = str(csp).replace("script-src 'none'", "script-src 'self'; connect-src 'self'")
    return Markup(served)  # str first: Markup.replace would escape the quotes


def _content_type(file: str) -> str:
    guessed = mimetypes.guess_type(file)[0] or "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/javascript", "image/svg+xml"):
        return f"{guessed}; charset=utf-8"
    return guessed
