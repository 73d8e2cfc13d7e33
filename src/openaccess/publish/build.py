"""``openaccess publish`` as a library call: check and render, gate, write, swap.

Each page is repaired and rendered right after it is checked, reusing its parse (see
:func:`openaccess.check.check_and_follow`), or comes from the render cache. The output
is replaced only when the checks pass (or the caller allows errors) and every page
rendered: the site is built in a hidden folder beside it and swapped in whole. Output is
a pure function of the input files and config, so two builds are byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Container, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar
from xml.sax.saxutils import escape as xml_escape

from msgspec import Struct, field

from openaccess.cache import CheckCache, PageEntry, namespace
from openaccess.check import CheckOptions, check_and_follow
from openaccess.config import Config
from openaccess.diagnostics import Category, Fix, Severity
from openaccess.errors import UsageError
from openaccess.fixes import fix_until_stable
from openaccess.fsutil import inside_root, is_within
from openaccess.linter import CheckResult, Linter
from openaccess.page import FixedTexts, Page
from openaccess.parse.reading import keeps_reading
from openaccess.publish import output as out
from openaccess.publish import sanitize
from openaccess.publish.active import ActiveContentScan
from openaccess.publish.render import RenderedBody, render_body
from openaccess.publish.routes import (
    CSS_FILE,
    MARKER_FILE,
    NOT_FOUND_FILE,
    SITEMAP_FILE,
    LinkMap,
    Route,
)
from openaccess.run.project import Project, open_project
from openaccess.run.site import Site
from openaccess.run.store import display_path
from openaccess.source import SourceError

T = TypeVar("T")

if TYPE_CHECKING:
    from openaccess.publish.theme import Renderer

# The safe repairs publish applies, the same fixes as ``check --fix``.
REPAIR_RULES = ("OA403", "OA404")
_MAX_REPAIR_PASSES = 5
_WRITERS = 8  # threads creating the output files
_RAW_BREAK_OR_PARAGRAPH = re.compile(r"<(?:br|p)\b", re.IGNORECASE)
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Characters HTML and XML forbid in documents: C0/C1 controls other than whitespace, lone
# surrogates and noncharacters. A page may hold them (a stray vertical tab); none is visible.
_FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


class Note(Struct, frozen=True):
    """A publishing finding that is not a check rule: sanitizer removals, bad URLs."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.label}: {self.message}"


class PublishOptions(Struct):
    output: Path | None = None
    allow_errors: bool = False
    cache: bool = True  # reuse findings and rendered pages of earlier runs


class PublishResult(Struct):
    check: CheckResult
    output: Path
    notes: list[Note] = field(default_factory=list)
    pages: int = 0
    repaired: dict[str, int] = field(default_factory=dict)  # rule name -> fixes applied
    sitemap: bool = False
    published: bool = False

    @property
    def errors(self) -> int:
        checks = self.check.count(Severity.ERROR)
        return checks + sum(1 for n in self.notes if n.severity is Severity.ERROR)


class Entry(Struct):
    """One page on its way out: its source, address and rendered parts."""

    page: Page
    source: PurePosixPath
    route: Route
    aliases: list[Route]
    body: RenderedBody | None = None
    draft: str = ""  # why the generator does not publish it (pages only ``serve`` shows)

    @property
    def title(self) -> str:
        assert self.body is not None
        return (
            self.body.first_h1  # the body's h1 that is the page's h1 (title_h1)
            or self.page.title
            or self.body.document_title
            or self.source.stem.replace("-", " ").replace("_", " ").capitalize()
        )

    @property
    def description(self) -> str | None:
        value = self.page.description
        return " ".join(value.split()) if value else None


Progress = Callable[[int, int], None]


def output_folder(config: Config, options: PublishOptions) -> Path:
    chosen = options.output if options.output is not None else config.root / config.publish.output
    return chosen.absolute()


def publish(
    paths: Sequence[Path],
    config: Config,
    options: PublishOptions,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> PublishResult:
    """Check and render every page in one pass (each page is parsed once for both, in
    worker processes for large sites), then write the site only if the checks allow it.

    The site is built in a hidden folder beside the output, under the output's lock for
    the whole run; its folders are made while the pages are checked (the file system's
    waits overlap the work), and it replaces the output only once complete.
    """
    _refuse_outside(paths, config)
    project = open_project(paths, config)
    config = project.config
    refuse_outside_pages(paths, config)
    output = output_folder(config, options)
    out.check_output(output, config.pages_dir, config.root)
    result = PublishResult(check=CheckResult(), output=output)
    entries = _load(project, result)
    with out.locked(output, on_wait):
        out.check_output(output, config.pages_dir, config.root)
        out.remove_leftovers(output)
        staging = out.staging_folder(output).resolve()  # as _inside needs it
        try:
            with ThreadPoolExecutor(1) as folder_maker:
                folders = folder_maker.submit(_make_folders, staging, entries)
                result.check, rendered = _check_and_render(project, options, entries, progress)
                made = folders.result()
            scan = ActiveContentScan(config.max_file_size)
            refused = _note_refused_copies(project, scan, result)
            if result.errors and not options.allow_errors:
                shutil.rmtree(staging)
                return result
            entries = [e for e in entries if _take(e, rendered.get(e.page.path), result)]
            plan = SitePlan(entries, config, result)
            copies = published_copies(project, set(plan.paths()), refused)
            _write(plan, copies, staging, made)
            out.swap_in(staging, output)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    result.pages = len(entries)
    result.published = True
    return result


def _refuse_outside(paths: Sequence[Path], config: Config) -> None:
    """UsageError when a path named to publish lies outside the project folder and the
    pages folder (symlinks resolved): a named page makes its folder the site, and every
    file of that folder would be published with it."""
    allowed = [os.path.realpath(folder) for folder in (config.root, config.pages_dir)]
    for path in paths:
        real = os.path.realpath(path)
        if not any(is_within(real, folder) for folder in allowed):
            raise UsageError(
                f"{path} is outside the project folder {config.root}; publish builds a"
                " site from the project's own pages (run it in that page's folder)"
            )


def refuse_outside_pages(paths: Sequence[Path], config: Config) -> None:
    """UsageError when a path named to publish or serve is not in the pages folder (the
    generator's content folder) and does not hold it: ``publish README.md`` would make
    the project folder the site, and publish every file in it, git-ignored ones too.
    ``config`` is the project's, with the generator's settings."""
    pages = os.path.realpath(config.pages_dir)
    for path in paths:
        real = os.path.realpath(path)
        if not (is_within(real, pages) or is_within(pages, real)):
            raise UsageError(
                f"{display_path(path)} is not in the pages folder {display_path(config.pages_dir)};"
                " a site is built from the pages folder alone (name pages in it, or no path at all)"
            )


def _check_and_render(
    project: Project,
    options: PublishOptions,
    entries: list[Entry],
    progress: Progress | None,
) -> tuple[CheckResult, dict[Path, Rendered]]:
    """The checks, and every page rendered: from the cache when an earlier run rendered the
    same text with the same addresses, else right after the page is checked."""
    config = project.config
    cache = _render_cache(project, entries) if options.cache else None
    rendered: dict[Path, Rendered] = {}
    to_render = {}
    for entry in entries:
        known = cache.lookup(entry.page, project) if cache is not None else None
        if known is not None:
            rendered[entry.page.path] = known
        else:
            to_render[entry.page.path] = (entry.source, entry.route)
    renderer = PageRenderer(config, project.site, to_render)
    checks = CheckOptions(cache=options.cache, errors_only=_left_to_check(config))
    reused, total = len(rendered), len(entries)

    def step(done: int, pending: int) -> None:
        """Progress over every page: pages rendered by an earlier run are done from the start."""
        if progress is not None:
            progress(min(reused + done, total), total)

    check, fresh = check_and_follow(project.targets, config, checks, renderer, step, project)
    if progress is not None and not to_render:
        progress(total, total)
    rendered.update(fresh)
    if cache is not None:
        cache.store_all(fresh, project)
    return check, rendered


def _left_to_check(config: Config) -> frozenset[Category]:
    """The rule categories publish runs only where set to report errors: writing advice
    (readability) is for the writer at ``check``, ``report`` or ``serve``, and cost more
    than half of a cold publish, for findings that change nothing in the site."""
    return frozenset() if config.publish.writing_findings else frozenset({Category.READABILITY})


def _take(entry: Entry, done: Rendered | None, result: PublishResult) -> bool:
    """Collect one page's rendering; False when there is none (the checks say why)."""
    if done is None:  # unreadable when the checks read it: reported as OA000
        return False
    entry.body = done.body
    result.notes.extend(done.notes)
    for name, count in done.repaired.items():
        result.repaired[name] = result.repaired.get(name, 0) + count
    return True


# -- reading and repairing --------------------------------------------------------------
def _load(project: Project, result: PublishResult) -> list[Entry]:
    """The pages to publish, at the addresses the router gives them; pages the generator
    does not publish (drafts, a taken address) are noted."""
    return load_entries(project, result)[0]


def load_entries(
    project: Project, result: PublishResult, drafts: str | None = None
) -> tuple[list[Entry], list[Entry]]:
    """(The pages to publish, in site order; the pages the generator does not publish
    for a reason of their own, such as drafts, at an address under the folder ``drafts``
    when it is given, else none). Unpublished pages are noted, but for a routing mistake,
    which the checks report (OA105, OA106)."""
    entries: list[Entry] = []
    unpublished: list[Entry] = []
    router = project.router
    mistaken = {problem.source for problem in router.site.problems}
    for path in project.found.files:
        relative = project.relative(path)
        route = router.route(relative) if relative is not None else None
        if relative is None or route is None:
            continue  # outside the site, or not one of its pages: the checks say so
        try:
            page = project.store.page(path)
        except SourceError:
            continue  # already reported by the checks as OA000
        if route.output is None:
            if relative not in mistaken:
                _note(result, page, 0, Severity.INFO, f"not published: {route.reason}")
                if drafts is not None:
                    address = Route(f"{drafts}/{relative.as_posix()}/index.html")
                    unpublished.append(Entry(page, relative, address, [], draft=route.reason))
            continue
        aliases = [Route.of(alias) for alias in route.aliases]
        entries.append(Entry(page, relative, Route.of(route.output), aliases))
    entries.sort(key=_order)
    return entries, unpublished


def _repair(page: Page, repairer: Linter, site: Site, repaired: dict[str, int]) -> Page:
    """Apply the safe OA403/OA404 fixes with the loop ``check --fix`` uses. The page parsed
    last holds the repaired text, so rendering reuses its parse."""
    if not _RAW_BREAK_OR_PARAGRAPH.search(page.text):
        return page  # both repairs concern raw <br> and <p> tags: nothing to parse for
    latest = page
    offered: dict[str, int] = {}  # fixes found in the last pass, counted once applied
    read = FixedTexts(page)  # the text the guard parsed is checked next and rendered

    def find_fixes(text: str) -> list[Fix | None]:
        nonlocal latest
        if text != latest.text:  # the previous pass changed the text: its fixes applied
            latest = read(text)
            for name, count in offered.items():
                repaired[name] = repaired.get(name, 0) + count
        offered.clear()
        diagnostics = repairer.check_page(latest, site)
        for diagnostic in diagnostics:
            if diagnostic.fix is not None:
                offered[diagnostic.name] = offered.get(diagnostic.name, 0) + 1
        return [diagnostic.fix for diagnostic in diagnostics]

    outcome = fix_until_stable(
        page.text,
        find_fixes,
        unsafe=False,
        max_passes=_MAX_REPAIR_PASSES,
        keeps_reading=keeps_reading(page, read),
    )
    if outcome.text != latest.text:  # the passes ran out before a re-check
        for name, count in offered.items():
            repaired[name] = repaired.get(name, 0) + count
        latest = read(outcome.text)
    return latest


def _order(entry: Entry) -> tuple[float, str]:
    weight = entry.page.meta.get("weight")
    number = weight if isinstance(weight, int | float) and not isinstance(weight, bool) else 1e9
    return (float(number), entry.route.url)


def _note(result: PublishResult, page: Page, offset: int, severity: Severity, message: str):
    line, column = page.position(offset) if offset else (1, 1)
    result.notes.append(Note(page.display_path, line, column, severity, message))


# -- repairing and rendering, right after each page is checked ----------------------------
class Rendered(Struct):
    """What one page's repair and render give back (small and picklable)."""

    content: str  # content hash of the page as read, before repairs
    body: RenderedBody
    notes: list[Note]
    repaired: dict[str, int]


class PageRenderer:
    """The check's follow-up: repairs and renders a page while its parse is at hand. The
    check's worker processes inherit it when they are forked; the repair linter is built
    in each process on first use."""

    def __init__(
        self, config: Config, site: Site, routes: dict[Path, tuple[PurePosixPath, Route]]
    ) -> None:
        self.config = config
        self.site = site
        self.links = LinkMap(site.router)
        self.routes = routes  # page path -> (source relative to the project, route)
        self._repairer: Linter | None = None

    def wants(self, path: Path) -> bool:
        """Pages not published (address taken) or rendered by an earlier run are skipped."""
        return path in self.routes

    def __call__(self, page: Page) -> Rendered:
        source, route = self.routes[page.path]
        content = page.content_hash
        if self._repairer is None:
            self._repairer = Linter(self.config, select=list(REPAIR_RULES))
        page = _expand_template_links(page, self.site)
        repaired: dict[str, int] = {}
        page = _repair(page, self._repairer, self.site, repaired)
        body = render_body(
            page,
            source,
            route,
            self.links,
            self.config.publish.allow_iframes,
            self.config.title_h1,
        )
        notes = []
        for removal in body.removals:
            line, column = page.position(removal.offset)
            notes.append(Note(page.display_path, line, column, Severity.WARNING, removal.message))
        return Rendered(content, body, notes, repaired)


def _expand_template_links(page: Page, site: Site) -> Page:
    """Links written in the generator's template code (``{% link a.md %}``, Hugo's
    ``ref``) replaced by the address they build to, as the generator would before
    rendering; a reader never sees the template code."""
    found = site.router.generator.template_links(page.body)
    if not found:
        return page
    source = site.relative(page.path)
    text, offset = page.text, page.body_start
    pieces, position = [], 0  # joined once: replacing link by link was quadratic
    for start, end, expression in sorted(found):
        if offset + start < position:
            continue  # inside the last one
        target = site.router.resolve(source, expression)
        url = target.url if target.kind == "found" and target.url is not None else "#"
        fragment = f"#{target.fragment}" if target.fragment and url != "#" else ""
        pieces += [text[position : offset + start], url + fragment]
        position = offset + end
    return page.again("".join(pieces) + text[position:])


class RenderCache:
    """Rendered page bodies from earlier runs, in the check cache's folder and format.

    A body depends on the page's text, the configuration, openaccess's code and every
    page's address (links are rewritten to them): the namespace covers all but the text,
    which each entry keys by content hash. Templates are applied afterwards, so editing one
    never needs a re-render.
    """

    def __init__(self, store: CheckCache, allow_iframes: bool) -> None:
        self.store = store
        self.allow_iframes = allow_iframes

    def lookup(self, page: Page, project: Project) -> Rendered | None:
        """A page rendered by an earlier run, or None. The cache is untrusted input (a
        checkout can carry a crafted one): an entry of the wrong shape, or whose HTML the
        sanitizer would change, is rendered again."""
        key = project.relative(page.path)
        data = self.store.lookup(str(key or page.path), page.content_hash, project)
        if not isinstance(data, dict):
            return None
        try:
            done = _rendered_from_data(page, data)
        except (KeyError, TypeError, ValueError):  # written by something else: re-render
            return None
        if sanitize.finish(done.body.html, self.allow_iframes) != done.body.html:
            return None
        return done

    def store_all(self, rendered: dict[Path, Rendered], project: Project) -> None:
        for path, done in rendered.items():
            key = project.relative(path)
            entry = PageEntry(done.content, _rendered_to_data(done))
            self.store.store(str(key or path), entry)
        self.store.save()


def _render_cache(project: Project, entries: list[Entry]) -> RenderCache:
    addresses = repr(sorted((str(e.source), e.route.path) for e in entries))
    key = namespace(project.config, ["publish", addresses], project.root)
    store = CheckCache.open(project.config.root, key, project)
    return RenderCache(store, project.config.publish.allow_iframes)


def _rendered_to_data(done: Rendered) -> dict[str, object]:
    body = done.body
    return {
        "html": body.html,
        "first_h1": body.first_h1,
        "contents": body.contents,
        "document_title": body.document_title,
        "notes": [[n.line, n.column, n.severity.name, n.message] for n in done.notes],
        "repaired": done.repaired,
    }


def _rendered_from_data(page: Page, data: dict) -> Rendered:
    """A cached rendering, every field checked for its type (ValueError otherwise)."""
    body = RenderedBody(
        html=_typed(data["html"], str),
        first_h1=_optional_text(data["first_h1"]),
        contents=[(_typed(i, str), _typed(t, str)) for i, t in _pairs(data["contents"])],
        document_title=_optional_text(data["document_title"]),
    )
    notes = [
        Note(
            page.display_path,
            _typed(line, int),
            _typed(column, int),
            Severity[_typed(name, str)],
            _typed(message, str),
        )
        for line, column, name, message in _typed(data["notes"], list)
    ]
    repaired = {
        _typed(name, str): _typed(count, int)
        for name, count in _typed(data["repaired"], dict).items()
    }
    return Rendered(page.content_hash, body, notes, repaired)


def _typed(value: object, kind: type[T]) -> T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _typed(value, str)


def _pairs(value: object) -> list[list[object]]:
    pairs = _typed(value, list)
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
        raise ValueError("expected pairs")
    return pairs


# -- writing ----------------------------------------------------------------------------
class SitePlan:
    """The generated files of a site (pages, redirects, home, 404, stylesheet, sitemap),
    each rendered on request: publish renders them all, ``serve`` only those asked for.

    Pages follow each other in ``entries`` order (the home page apart); ``drafts`` are
    pages only ``serve`` shows: each stands alone, outside the home list and the
    previous/next chain.
    """

    def __init__(
        self,
        entries: list[Entry],
        config: Config,
        result: PublishResult,
        renderer: Renderer | None = None,
        drafts: Sequence[Entry] = (),
    ) -> None:
        from openaccess.publish.theme import Renderer

        self.config = config
        self.result = result
        self.renderer = renderer or Renderer(config)
        self.home = next((e for e in entries if e.route.url == "/"), None)
        self.listed = [e for e in entries if e is not self.home]
        self._makers: dict[str, Callable[[], str]] = {}
        for position, entry in enumerate(self.listed):
            self._makers[entry.route.file.as_posix()] = partial(self._page, entry, position)
            for alias in entry.aliases:
                self._makers[alias.file.as_posix()] = partial(self._redirect, alias, entry)
        self._makers["index.html"] = self._home
        self._makers[NOT_FOUND_FILE] = self._not_found
        self._makers[CSS_FILE] = self.renderer.stylesheet
        if config.base_url:
            self._makers[SITEMAP_FILE] = self._sitemap
        for draft in drafts:
            self._makers.setdefault(draft.route.file.as_posix(), partial(self._alone, draft))

    def paths(self) -> list[str]:
        """Every generated file's path, relative to the output folder."""
        return list(self._makers)

    def render(self, path: str) -> str:
        """One generated file's text (KeyError: the plan makes no such file)."""
        return self._makers[path]()

    def entry(self, path: str) -> Entry | None:
        """The page rendered to ``path``, if it is a page."""
        maker = self._makers.get(path)
        if isinstance(maker, partial) and maker.func in (self._page, self._alone):
            return maker.args[0]
        return None

    def _page(self, entry: Entry, position: int) -> str:
        previous = self.listed[position - 1] if position else None
        following = self.listed[position + 1] if position + 1 < len(self.listed) else None
        language = _lang(entry, self.config, self.result)
        return self.renderer.page(entry, previous, following, language)

    def _alone(self, entry: Entry) -> str:
        return self.renderer.page(entry, None, None, _lang(entry, self.config, self.result))

    def _redirect(self, alias: Route, entry: Entry) -> str:
        return self.renderer.redirect(alias, entry, _lang(entry, self.config, self.result))

    def _home(self) -> str:
        home = self.home
        language = (
            _lang(home, self.config, self.result) if home else _valid_lang(self.config.language)
        )
        return self.renderer.home(home, self.listed, language)

    def _not_found(self) -> str:
        return self.renderer.not_found(_valid_lang(self.config.language))

    def _sitemap(self) -> str:
        self.result.sitemap = True
        return sitemap([*self.listed, *([self.home] if self.home else [])], self.config.base_url)


def output_bytes(text: str) -> bytes:
    """A generated file as written: characters HTML and XML forbid become spaces."""
    return _FORBIDDEN_CHARACTERS.sub(" ", text).encode("utf-8")


def _lang(entry: Entry, config: Config, result: PublishResult) -> str:
    language = entry.page.language
    if language and _LANG.fullmatch(language):
        return language
    if language:
        _note(
            result,
            entry.page,
            0,
            Severity.WARNING,
            f"lang '{language}' is not a language tag like 'en' or 'pt-BR';"
            f" the page is published as '{config.language}'",
        )
    return _valid_lang(config.language)


def _valid_lang(language: str) -> str:
    return language if _LANG.fullmatch(language) else "en"


def sitemap(entries: list[Entry], base_url: str) -> str:
    base = base_url.rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    urls = sorted({"/", *(e.route.url for e in entries)})
    from openaccess.publish.theme import last_updated

    modified = {e.route.url: last_updated(e.page.meta) for e in entries}
    for url in urls:
        lines.append(f"  <url><loc>{xml_escape(base + url)}</loc>")
        if (date := modified.get(url)) is not None:
            lines[-1] += f"<lastmod>{date.isoformat()}</lastmod>"
        lines[-1] += "</url>"
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _make_folders(staging: Path, entries: list[Entry]) -> set[Path]:
    """Every page's folder in the (resolved) staging folder (most pages have one of their
    own). Returns them: every one is there now."""
    routes = [route for entry in entries for route in (entry.route, *entry.aliases)]
    folders = {_inside(staging, route.file.as_posix()).parent for route in routes}
    for folder in sorted(folders):
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def published_copies(
    project: Project, files: Container[str], refused: Container[str] = ()
) -> dict[str, tuple[Path, str]]:
    """Every file the site publishes as it is (images, ``robots.txt``, static folders),
    by output path, unless openaccess writes that path itself or ``refused`` names it:
    (site root, its path)."""
    root = Path(os.path.realpath(project.root))
    return {
        output.file: (root, output.source.as_posix())
        for output in project.router.site.outputs.values()
        if output.kind == "file" and output.source is not None
        and output.file not in files and output.file not in refused
    }  # fmt: skip


def refused_copies(project: Project, scan: ActiveContentScan) -> dict[str, tuple[str, str]]:
    """The files published as they are that hold script a browser would run (see
    :mod:`openaccess.publish.active`), by output path: (the file as shown, why)."""
    found = {}
    for file, (root, source) in published_copies(project, ()).items():
        try:
            path = inside_root(root, source)  # vetted by the scan; again
        except PermissionError:
            continue  # never copied either
        if (why := scan.refusal(path)) is not None:
            found[file] = (project.store.shown(project.root / source), why)
    return found


def _note_refused_copies(
    project: Project, scan: ActiveContentScan, result: PublishResult
) -> frozenset[str]:
    refused = refused_copies(project, scan)
    for shown, why in refused.values():
        message = f"not published: {why}, which a browser would run at the site's address"
        result.notes.append(Note(shown, 1, 1, Severity.ERROR, message))
    return frozenset(refused)


def _write(
    plan: SitePlan,
    copies: dict[str, tuple[Path, str]],
    staging: Path,
    made: set[Path],
) -> None:
    """Render every file of ``plan`` and copy every published file into ``staging``
    (resolved), then write the marker file that lists them all. ``made``: the folders
    there already (asking for a folder that exists costs as much as writing the file:
    500 pages, 50 ms).

    Creating many small files waits on the file system more than on Python: threads
    overlap the waits (of files in many folders: in one folder, they wait on each other),
    and each page is written while the next ones are rendered, in order, here (rendering
    took half as long as writing: 500 pages, 0.13 s and 0.26 s)."""
    paths = plan.paths()

    def place(relative: str) -> Path:
        target = _inside(staging, relative)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def copy(relative: str) -> None:
        root, source = copies[relative]
        shutil.copyfile(inside_root(root, source), place(relative))  # vetted by the scan; again

    def write(relative: str, text: str) -> None:
        _write_file(place(relative), output_bytes(text))

    with ThreadPoolExecutor(_WRITERS) as pool:
        copied = [pool.submit(copy, relative) for relative in copies]
        written = [pool.submit(write, relative, plan.render(relative)) for relative in paths]
        for done in [*written, *copied]:
            done.result()  # a file that could not be written fails the publish
    marker = out.marker_text([*paths, *copies])
    _write_file(_inside(staging, MARKER_FILE), marker.encode("utf-8"))


def _write_file(target: Path, data: bytes) -> None:
    """Write one generated file into the staging folder (files published as they are
    are copied instead)."""
    target.write_bytes(data)


def _inside(folder: Path, relative: str) -> Path:
    """``folder / relative``, refusing (as a bug) anything that would land outside it.
    ``folder`` is resolved already. The path is normalised as text, without asking the
    file system: nothing in the staging folder is a symlink (openaccess made every folder
    and file in it), and resolving 1,000 files' paths took 40 ms."""
    target = os.path.normpath(folder / relative)
    if not target.startswith(os.path.join(folder, "")):
        raise RuntimeError(f"refusing to write outside the output folder: {relative}")
    return Path(target)


__all__ = ["Note", "PublishOptions", "PublishResult", "publish"]
