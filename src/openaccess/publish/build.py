"""``openaccess publish`` as a library call: gate, repair, render, write, swap.

Nothing is written unless the checks pass (or the caller allows errors) and every page
rendered; the site is then written to a temporary folder and swapped in whole. Output is
a pure function of the input files and config, so two builds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape as xml_escape

from openaccess.check import CheckOptions, display_path, run_check, site_root, target_paths
from openaccess.config import Config
from openaccess.diagnostics import Fix, Severity
from openaccess.discovery import discover
from openaccess.fixes import fix_until_stable
from openaccess.linter import CheckResult, Linter
from openaccess.page import Page
from openaccess.publish import output as out
from openaccess.publish.render import RenderedBody, render_body
from openaccess.publish.routes import (
    CSS_FILE,
    MARKER_FILE,
    NOT_FOUND_FILE,
    RESERVED,
    SITEMAP_FILE,
    LinkMap,
    Route,
    RouteError,
    alias_routes,
    page_route,
)
from openaccess.site import Site
from openaccess.source import Decoded, SourceError

# The safe repairs publish applies, the same fixes as ``check --fix``.
REPAIR_RULES = ("OA403", "OA404")
_MAX_REPAIR_PASSES = 5
# From this many pages, repair and render run in worker processes.
PARALLEL_FROM = 64
_RAW_BREAK_OR_PARAGRAPH = re.compile(r"<(?:br|p)\b", re.IGNORECASE)
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Characters HTML and XML forbid in documents: C0/C1 controls other than whitespace, lone
# surrogates and noncharacters. A page may hold them (a stray vertical tab); none is visible.
_FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


@dataclass(frozen=True)
class Note:
    """A publishing finding that is not a check rule: sanitizer removals, bad URLs."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.label}: {self.message}"


@dataclass
class PublishOptions:
    output: Path | None = None
    allow_errors: bool = False


@dataclass
class PublishResult:
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


@dataclass
class Entry:
    """One page on its way out: its source, address and rendered parts."""

    page: Page
    source: PurePosixPath
    route: Route
    aliases: list[Route]
    body: RenderedBody | None = None

    @property
    def title(self) -> str:
        assert self.body is not None
        return (
            self.page.title
            or self.body.first_h1
            or self.body.document_title
            or self.source.stem.replace("-", " ").replace("_", " ").capitalize()
        )

    @property
    def description(self) -> str | None:
        value = self.page.meta.get("description")
        return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


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
    output = output_folder(config, options)
    out.check_output(output, config.pages_dir, config.root)
    check = run_check(paths, config, CheckOptions())
    result = PublishResult(check=check, output=output)
    entries = _load(paths, config, result)
    if result.errors and not options.allow_errors:
        return result
    site = _site(paths, config, entries)
    links = LinkMap({e.source: e.route for e in entries}, site.files, config.base_url)
    for number, (entry, done) in enumerate(_render_all(entries, config, links, site), start=1):
        entry.body = done.body
        result.notes.extend(done.notes)
        links.assets |= done.assets
        for name, count in done.repaired.items():
            result.repaired[name] = result.repaired.get(name, 0) + count
        if progress is not None:
            progress(number, len(entries))
    files = _site_files(entries, links, site, config, result)
    with out.locked(output, on_wait):
        out.check_output(output, config.pages_dir, config.root)
        out.remove_leftovers(output)
        _write(files, site, links.assets, output)
    result.pages = len(entries)
    result.published = True
    return result


# -- reading and repairing --------------------------------------------------------------
def _load(paths: Sequence[Path], config: Config, result: PublishResult) -> list[Entry]:
    targets = target_paths(paths, config)
    root = site_root(targets, config)
    found = discover(list(targets), config.exclude, config.pages_dir)
    entries: list[Entry] = []
    taken: dict[str, str] = {name: "openaccess's own file" for name in RESERVED}
    for path in found.files:
        try:
            page = Page.load(path, display_path(path), config.max_file_size)
        except SourceError:
            continue  # already reported by the checks as OA000
        try:
            relative = PurePosixPath(path.resolve().relative_to(root).as_posix())
        except ValueError:  # a link to outside the site: discovery reported it
            continue
        entry = _route(page, relative, result)
        owner = taken.get(entry.route.file.as_posix())
        if owner is not None:
            message = f"address '{entry.route.url}' is taken by {owner}"
            _note(result, page, 0, Severity.ERROR, message)
            continue
        taken[entry.route.file.as_posix()] = page.display_path
        entries.append(entry)
    for entry in entries:  # aliases after every page: a page's own address always wins
        kept = []
        for alias in entry.aliases:
            owner = taken.get(alias.file.as_posix())
            if owner is None:
                taken[alias.file.as_posix()] = entry.page.display_path
                kept.append(alias)
            else:
                message = f"alias '{alias.url}' is taken by {owner}; no redirect is written"
                _note(result, entry.page, 0, Severity.WARNING, message)
        entry.aliases = kept
    entries.sort(key=_order)
    return entries


def _repair(page: Page, repairer: Linter, site: Site, repaired: dict[str, int]) -> Page:
    """Apply the safe OA403/OA404 fixes with the loop ``check --fix`` uses. The page parsed
    last holds the repaired text, so rendering reuses its parse."""
    if not _RAW_BREAK_OR_PARAGRAPH.search(page.text):
        return page  # both repairs concern raw <br> and <p> tags: nothing to parse for
    latest = page
    offered: dict[str, int] = {}  # fixes found in the last pass, counted once applied

    def read(text: str) -> Page:
        return Page.from_decoded(
            page.path, Decoded(text, page.encoding, page.bom, page.newline), page.display_path
        )

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

    outcome = fix_until_stable(page.text, find_fixes, unsafe=False, max_passes=_MAX_REPAIR_PASSES)
    if outcome.text != latest.text:  # the passes ran out before a re-check
        for name, count in offered.items():
            repaired[name] = repaired.get(name, 0) + count
        latest = read(outcome.text)
    return latest


def _route(page: Page, relative: PurePosixPath, result: PublishResult) -> Entry:
    try:
        route = page_route(relative, page.meta)
    except RouteError as error:
        _note(result, page, 0, Severity.ERROR, f"{error}; it is published at its own path")
        route = page_route(relative, {})
    try:
        aliases = alias_routes(page.meta)
    except RouteError as error:
        _note(result, page, 0, Severity.WARNING, f"{error}; aliases are ignored")
        aliases = []
    return Entry(page, relative, route, aliases)


def _order(entry: Entry) -> tuple[float, str]:
    weight = entry.page.meta.get("weight")
    number = weight if isinstance(weight, int | float) and not isinstance(weight, bool) else 1e9
    return (float(number), entry.route.url)


def _note(result: PublishResult, page: Page, offset: int, severity: Severity, message: str):
    line, column = page.position(offset) if offset else (1, 1)
    result.notes.append(Note(page.display_path, line, column, severity, message))


# -- repairing and rendering, in worker processes for large sites -------------------------
@dataclass
class Rendered:
    """What one page's repair and render give back (small and picklable)."""

    body: RenderedBody
    notes: list[Note]
    assets: set[PurePosixPath]
    repaired: dict[str, int]


# Per process: set once by _start_worker, in a worker process or for in-process rendering.
_WORKER: dict[str, object] = {}


def _start_worker(config: Config, links: LinkMap, site: Site) -> None:
    _WORKER.update(config=config, links=links, site=site)
    _WORKER["repairer"] = Linter(config, select=list(REPAIR_RULES))


def _render_one(job: tuple[Path, str, Decoded, PurePosixPath, Route]) -> Rendered:
    path, display, decoded, source, route = job
    page = Page.from_decoded(path, decoded, display)
    config, links, site, repairer = (_WORKER[k] for k in ("config", "links", "site", "repairer"))
    assert isinstance(config, Config) and isinstance(links, LinkMap)
    assert isinstance(site, Site) and isinstance(repairer, Linter)
    repaired: dict[str, int] = {}
    page = _repair(page, repairer, site, repaired)
    links.assets = set()
    body = render_body(page, source, route, links, config.publish.allow_iframes)
    notes = []
    for removal in body.removals:
        line, column = page.position(removal.offset)
        notes.append(Note(page.display_path, line, column, Severity.WARNING, removal.message))
    return Rendered(body, notes, links.assets, repaired)


def _render_all(
    entries: list[Entry], config: Config, links: LinkMap, site: Site
) -> Iterator[tuple[Entry, Rendered]]:
    """Each entry with its rendering, in order; large sites use one process per CPU."""
    jobs = [
        (e.page.path, e.page.display_path, _source_of(e.page), e.source, e.route) for e in entries
    ]
    own_links = LinkMap(links.pages, links.files, links.base_url)
    lean_site = Site(root=site.root, max_bytes=site.max_bytes)
    workers = min(os.cpu_count() or 1, 8)
    if len(entries) < PARALLEL_FROM or workers < 2:
        _start_worker(config, own_links, lean_site)
        yield from zip(entries, map(_render_one, jobs), strict=True)
        return
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(config, own_links, lean_site)
    ) as pool:
        yield from zip(entries, pool.map(_render_one, jobs, chunksize=8), strict=True)


def _source_of(page: Page) -> Decoded:
    """The page as it was read: plain data that crosses to a worker process."""
    return Decoded(page.text, page.encoding, page.bom, page.newline)


def _site(paths: Sequence[Path], config: Config, entries: list[Entry]) -> Site:
    root = site_root(target_paths(paths, config), config)
    return Site.scan(root, config.max_file_size, [e.page for e in entries])


# -- writing ----------------------------------------------------------------------------
def _site_files(
    entries: list[Entry], links: LinkMap, site: Site, config: Config, result: PublishResult
) -> dict[str, str]:
    """Every generated file (path relative to the output -> text), before anything is written."""
    from openaccess.publish.theme import Renderer

    renderer = Renderer(config)
    files: dict[str, str] = {}
    home = next((e for e in entries if e.route.url == "/"), None)
    listed = [e for e in entries if e is not home]
    for position, entry in enumerate(listed):
        previous = listed[position - 1] if position else None
        following = listed[position + 1] if position + 1 < len(listed) else None
        language = _lang(entry, config, result)
        files[entry.route.file.as_posix()] = renderer.page(entry, previous, following, language)
        for alias in entry.aliases:
            files[alias.file.as_posix()] = renderer.redirect(alias, entry, language)
    home_lang = _lang(home, config, result) if home else _valid_lang(config.language)
    files["index.html"] = renderer.home(home, listed, home_lang)
    files[NOT_FOUND_FILE] = renderer.not_found(_valid_lang(config.language))
    files[CSS_FILE] = renderer.stylesheet()
    if config.base_url:
        files[SITEMAP_FILE] = sitemap(entries, config.base_url)
        result.sitemap = True
    return files


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
    modified = {e.route.url: last_updated(e.page.meta) for e in entries}
    for url in urls:
        lines.append(f"  <url><loc>{xml_escape(base + url)}</loc>")
        if (date := modified.get(url)) is not None:
            lines[-1] += f"<lastmod>{date.isoformat()}</lastmod>"
        lines[-1] += "</url>"
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def last_updated(meta: dict[str, object]) -> dt.date | None:
    """The page's own date: ``updated``, ``lastmod`` or ``date`` in front matter."""
    for key in ("updated", "lastmod", "date"):
        value = meta.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                continue
    return None


def _write(files: dict[str, str], site: Site, assets: set[PurePosixPath], output: Path) -> None:
    staging = out.staging_folder(output)
    try:
        written = []
        for relative, text in sorted(files.items()):
            _write_file(staging, relative, _FORBIDDEN_CHARACTERS.sub(" ", text).encode("utf-8"))
            written.append(relative)
        for asset in sorted(assets):
            if asset.as_posix() in files:
                continue
            target = _inside(staging, asset.as_posix())
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site.root / asset, target)
            written.append(asset.as_posix())
        _write_file(staging, MARKER_FILE, out.marker_text(written).encode("utf-8"))
        out.swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _inside(folder: Path, relative: str) -> Path:
    """``folder / relative``, refusing (as a bug) anything that would land outside it."""
    target = (folder / relative).resolve()
    if folder.resolve() not in target.parents:
        raise RuntimeError(f"refusing to write outside the output folder: {relative}")
    return target


def _write_file(folder: Path, relative: str, data: bytes) -> None:
    target = _inside(folder, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


__all__ = ["Note", "PublishOptions", "PublishResult", "last_updated", "publish"]
