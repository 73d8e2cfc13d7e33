"""The open documents, the projects they are checked in, and their findings.

Nothing here speaks LSP. A document is checked exactly as ``openaccess check`` checks
that page: the same configuration (found from its workspace folder, with folder
configs), run model, router, rules and fixes, with the editor's unsaved text standing for
the file. A workspace folder is one project, kept open: an edit updates its store and
link index (:meth:`~openaccess.run.project.Project.update`) instead of reading the site
again, so renaming a heading shows at once as a broken ``#fragment`` in every other open
document that links to it.

Which documents are checked: in a workspace folder, the pages ``openaccess check`` checks
there (the pages folder, or the generator's content folder, less ``exclude``); every page
of the folder when it has no pages folder; a page outside every workspace folder with
default settings. Other documents (a README beside the pages folder) get no findings.

Every method runs on the server's one worker thread, so a project is never used by two
threads at once.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path, PurePosixPath

from msgspec import Struct, field

from openaccess.config import CONFIG_FILE, PYPROJECT, Config, load_config
from openaccess.diagnostics import Diagnostic, Fix, Severity
from openaccess.discovery import is_excluded
from openaccess.errors import OpenAccessError, UsageError
from openaccess.frontmatter import FrontMatterBlock
from openaccess.linter import Linter, unreadable
from openaccess.lsp.positions import Positions
from openaccess.page import PAGE_SUFFIXES, FixedTexts, Page, PageKind
from openaccess.rules import Rule
from openaccess.run.project import Project, open_project
from openaccess.source import LineIndex, SourceError, decode, too_big
from openaccess.suppressions import Directive, directives

# Files whose change means settings or the site's shape may have changed: reopen.
GENERATOR_CONFIGS = frozenset(
    {
        "mkdocs.yml",
        "mkdocs.yaml",
        "properdocs.yml",
        "properdocs.yaml",
        "zensical.toml",
        "_config.yml",
        "_config.yaml",
        "_config.toml",
        "hugo.toml",
        "hugo.yaml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.json",
    }
)
SETTINGS_FILES = frozenset({CONFIG_FILE, PYPROJECT}) | GENERATOR_CONFIGS

# (level, message) for the editor: "alert" (shown and logged), "error", "warning", "info".
Log = Callable[[str, str], None]
# Settings files as last read: (path, modification time, size); -1 when absent.
Stamp = tuple[tuple[str, int, int], ...]


class Document(Struct):
    """An open document: the editor's text stands for the file."""

    uri: str
    path: Path  # absolute, symlinks resolved
    text: str
    version: int | None


class Checked(Struct, dict=True):
    """One document's findings and the text they were found in."""

    uri: str
    path: Path
    version: int | None
    text: str  # the editor's text, as checked
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: bool = True  # False: not a page openaccess checks here
    # openaccess does not count a leading U+FEFF (byte order mark) as a character.
    bom: bool = False
    kind: PageKind = "markdown"
    front_matter: FrontMatterBlock | None = None
    # Front matter was read and has no ``openaccess`` key (page settings may be added).
    settings_addable: bool = False
    directives: list[Directive] = field(default_factory=list)
    _positions: dict[str, Positions] = field(default_factory=dict)

    def positions(self, encoding: str) -> Positions:
        """LSP positions in the editor's text, counted in ``encoding`` units."""
        if encoding not in self._positions:
            self._positions[encoding] = Positions(self.text, encoding)
        return self._positions[encoding]

    @property
    def shift(self) -> int:
        """What to add to an openaccess offset to get an offset in the editor's text."""
        return 1 if self.bom else 0

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def offset(self, line: int, column: int) -> int:
        """Offset in the editor's text of an openaccess 1-based line and column."""
        return self.lines.offset(line, column + (self.shift if line == 1 else 0))

    def span(self, diagnostic: Diagnostic) -> tuple[int, int]:
        start = self.offset(diagnostic.line, diagnostic.column)
        return start, max(start, self.offset(diagnostic.end_line, diagnostic.end_column))


class Scope(Struct, eq=False):
    """Where documents are checked: a workspace folder's settings and its open project,
    or default settings for the pages of one folder outside the workspace."""

    config: Config
    project: Project
    linter: Linter
    stamp: Stamp  # the settings files as last read
    everything: bool = False  # every page is checked (a folder outside the workspace)
    _pages: frozenset[Path] = frozenset()

    def checks(self, path: Path) -> bool:
        """Whether ``openaccess check`` (without paths) checks this page here."""
        if self.everything or path in self._pages:
            return True
        if path.suffix.lower() not in PAGE_SUFFIXES:
            return False
        for target in self.project.targets:
            top = Path(os.path.realpath(target))
            if top == path or top in path.parents:
                return self._admits(path, path.relative_to(top).parts)
        return False

    def _admits(self, path: Path, parts: tuple[str, ...]) -> bool:
        """A page that appeared since the project was opened, judged as discovery does."""
        if any(part.startswith(".") for part in parts):
            return False
        pages, exclude = self.config.pages_dir, self.config.exclude
        if exclude and pages in path.parents and is_excluded(_under(path, pages), exclude):
            return False
        relative = self.project.relative(path)
        if self.project.generator.name == "none" or relative is None:
            return True
        return relative in self.project.router.site.pages


class Session:
    """Open documents and their projects, one per workspace folder (and one per folder of
    pages opened from outside the workspace)."""

    def __init__(self, folders: Iterable[Path], log: Log) -> None:
        self.log = log
        self.documents: dict[Path, Document] = {}
        self.results: dict[Path, Checked] = {}
        self._folders: list[Path] = []
        self._scopes: dict[Path, Scope] = {}  # by workspace folder (or outside folder)
        self._errors: dict[Path, Stamp] = {}  # folders whose settings cannot be read
        # Per open document: the scope of its last check, and the pages whose ids it read.
        self._reads: dict[Path, tuple[Scope, frozenset[PurePosixPath]]] = {}
        self._ids: dict[Path, frozenset[str] | None] = {}  # each document's own ids
        self.set_folders(folders)

    # -- workspace ---------------------------------------------------------------------
    def set_folders(self, folders: Iterable[Path]) -> list[Checked]:
        """The workspace folders; every document is checked again."""
        real = {Path(os.path.realpath(folder)) for folder in folders}
        self._folders = sorted(real, key=lambda folder: len(folder.parts), reverse=True)
        return self.reload()

    def reload(self) -> list[Checked]:
        """Read every setting and every site again."""
        self._scopes.clear()
        self._errors.clear()
        self._reads.clear()
        return self._check_paths(self.documents)

    # -- documents ---------------------------------------------------------------------
    def open(self, uri: str, path: Path, text: str, version: int | None) -> list[Checked]:
        self.documents[path] = Document(uri, path, text, version)
        return self._edited(path)

    def change(self, path: Path, text: str, version: int | None) -> list[Checked]:
        document = self.documents.get(path)
        if document is None:
            return []
        document.text, document.version = text, version
        return self._edited(path)

    def close(self, path: Path) -> list[Checked]:
        """The document is closed: the file on disk stands for it again."""
        if self.documents.pop(path, None) is None:
            return []
        for table in (self.results, self._reads, self._ids):
            table.pop(path, None)
        dirty = self._refresh_settings() | self._file_changed(path)
        return self._check_paths(sorted(dirty))

    def files_changed(self, paths: Iterable[Path]) -> list[Checked]:
        """Files created, changed or deleted on disk (the editor's file watcher): pages,
        other files of the site, settings. Open documents keep their editor text."""
        dirty = self._refresh_settings()
        for path in paths:
            if path.name == CONFIG_FILE or self._in_rules_folder(path):
                dirty |= self._drop_scopes_reading(path)
            elif path not in self.documents:
                dirty |= self._file_changed(path)
        return self._check_paths(sorted(dirty))

    # -- checking ----------------------------------------------------------------------
    def _edited(self, path: Path) -> list[Checked]:
        """The document's text changed: update every project that holds it, check it,
        and check again the open documents whose findings may have changed with it."""
        dirty = self._refresh_settings()
        text = self.documents[path].text
        scope = self._scope(path)
        dirty |= self._update_projects(path, _encode(text))
        before = self._ids.get(path, frozenset())
        first = self._check(path, scope)
        if self._ids.get(path) != before:
            dirty |= self._readers_of(path)
        dirty.discard(path)
        return [first, *self._check_paths(sorted(dirty))]

    def _file_changed(self, path: Path) -> set[Path]:
        """A file changed outside the editor (or its document was closed): update the
        projects that hold it; the open documents it may affect."""
        dirty: set[Path] = set()
        for scope in list(self._scopes.values()):
            relative = scope.project.relative(path)
            if relative is None:
                continue
            if path.is_dir() or _held_folder(scope.project, relative):
                dirty |= self._drop(scope)  # a folder came or went: list the site again
            elif scope.project.update(path):
                dirty |= self._documents_in(scope)
        return dirty | self._readers_of(path)

    def _update_projects(self, path: Path, data: bytes) -> set[Path]:
        """Give every project that holds ``path`` its new text; the open documents of
        the sites that changed shape (all their links may have changed)."""
        dirty: set[Path] = set()
        for scope in list(self._scopes.values()):
            if scope.project.relative(path) is not None and scope.project.update(path, data):
                dirty |= self._documents_in(scope)
        return dirty

    def _check_paths(self, paths: Iterable[Path]) -> list[Checked]:
        return [self._check(path, self._scope(path)) for path in paths if path in self.documents]

    def _check(self, path: Path, scope: Scope | None) -> Checked:
        document = self.documents[path]
        checked = Checked(document.uri, path, document.version, document.text)
        checked.bom = document.text.startswith("\ufeff")
        if scope is None or not scope.checks(path):
            checked.checked = False
        else:
            self._run_rules(checked, scope)
        self.results[path] = checked
        return checked

    def _run_rules(self, checked: Checked, scope: Scope) -> None:
        project, path = scope.project, checked.path
        display = project.shown(path)
        self._ids[path] = None
        data = _encode(checked.text)
        try:
            if len(data) > scope.config.max_file_size:
                raise too_big(len(data), scope.config.max_file_size)
            page = Page.from_decoded(path, decode(data), display, project.store.dialect)
        except SourceError as error:
            checked.diagnostics = [unreadable(display, error)]
            return
        site = project.site
        site.start_recording()
        found = scope.linter.check_page(page, site, self._rule_failed(display))
        least = Severity.parse(scope.config.min_severity)
        checked.diagnostics = [d for d in found if d.severity >= least]
        checked.kind = page.kind
        checked.front_matter = page.front_matter_block
        readable = page.front_matter_error is None and page.front_matter_block is not None
        checked.settings_addable = readable and "openaccess" not in page.meta
        checked.directives = directives(page)
        self._reads[path] = (scope, frozenset(site.pages_read))
        self._ids[path] = site.page_ids(page, project.relative(path))
        site.forget(page)
        page.forget_parse()

    def _rule_failed(self, display: str) -> Callable[[Rule, Exception], None]:
        def report(rule: Rule, error: Exception) -> None:
            trace = "".join(traceback.format_exception(error)).rstrip()
            self.log(
                "error",
                f"{display}: rule {rule.code} {rule.name} failed, so its findings are"
                f" missing. This is a bug in openaccess; please report it.\n{trace}",
            )

        return report

    def fix_all(self, path: Path) -> tuple[str, str] | None:
        """(text, text with every safe fix applied), in openaccess's text of the document
        (no byte order mark); None when it is not checked here or cannot be read."""
        from openaccess.fixes import fix_until_stable
        from openaccess.parse.reading import keeps_reading

        document = self.documents.get(path)
        scope = self._scope(path)
        if document is None or scope is None or not scope.checks(path):
            return None
        project = scope.project
        display = project.shown(path)
        try:
            decoded = decode(_encode(document.text))
        except SourceError:
            return None
        first = Page.from_decoded(path, decoded, display, project.store.dialect)
        failed = self._rule_failed(display)

        read = FixedTexts(first)

        def find_fixes(text: str) -> list[Fix | None]:
            page = read(text)
            found = [d.fix for d in scope.linter.check_page(page, project.site, failed)]
            project.site.forget(page)
            return found

        keeps = keeps_reading(first, read)
        fixed = fix_until_stable(decoded.text, find_fixes, unsafe=False, keeps_reading=keeps)
        return decoded.text, fixed.text

    # -- who is affected ---------------------------------------------------------------
    def _documents_in(self, scope: Scope) -> set[Path]:
        return {p for p in self.documents if scope.project.relative(p) is not None}

    def _readers_of(self, path: Path) -> set[Path]:
        """Open documents whose last check read the ids of ``path``."""
        return {
            other
            for other, (scope, read) in self._reads.items()
            if other != path and scope.project.relative(path) in read
        }

    # -- scopes ------------------------------------------------------------------------
    def _key(self, path: Path) -> tuple[Path, bool]:
        """The folder whose scope checks ``path``, and whether it is outside the workspace."""
        folder = next((f for f in self._folders if f == path or f in path.parents), None)
        return (path.parent, True) if folder is None else (folder, False)

    def _scope(self, path: Path) -> Scope | None:
        """The scope a document is checked in; None for no page, or when the folder's
        settings cannot be read (said once, until a settings file changes)."""
        if path.suffix.lower() not in PAGE_SUFFIXES:
            return None
        key, outside = self._key(path)
        if key in self._scopes:
            return self._scopes[key]
        if key in self._errors:
            return None
        try:
            scope = self._open_scope(key, outside, path)
        except OpenAccessError as error:  # a config file's mistake, a missing folder
            self._errors[key] = _stamp(_candidates(key))
            self.log("alert", f"openaccess: {error} (pages in {key} are not checked)")
            return None
        self._scopes[key] = scope
        for other in self.documents.values():  # the editor's text stands for open files
            if scope.project.relative(other.path) is not None:
                scope.project.update(other.path, _encode(other.text))
        return scope

    def _open_scope(self, folder: Path, outside: bool, first: Path) -> Scope:
        if outside:  # default settings; the site is this folder (or its generator's)
            config = Config(root=folder)
            data = _encode(self.documents[first].text)
            project = open_project([first], config, stdin=(first, data))
        else:
            config = load_config(start=folder)
            for note in config.notes:
                self.log("warning", f"openaccess: {note}")
            project = _open_folder(folder, config)
        for note in project.generator.notes:
            self.log("warning", f"openaccess: {project.generator.describe()}: {note}")
        pages = frozenset(Path(os.path.realpath(p)) for p in project.found.files)
        stamp = _stamp(_settings_files(project, folder))
        return Scope(project.config, project, Linter(project.config), stamp, outside, pages)

    def _drop(self, scope: Scope) -> set[Path]:
        """Forget a scope (it is opened again when next needed); its open documents."""
        self._scopes = {k: s for k, s in self._scopes.items() if s is not scope}
        return self._documents_in(scope)

    def _drop_scopes_reading(self, path: Path) -> set[Path]:
        """A folder's ``openaccess.toml`` or a rule data file changed."""
        dirty: set[Path] = set()
        for scope in list(self._scopes.values()):
            rules = scope.config.rules_dir
            if scope.config.pages_dir in path.parents or (rules and rules in path.parents):
                dirty |= self._drop(scope)
        return dirty

    def _refresh_settings(self) -> set[Path]:
        """Reopen the scopes whose settings files changed; the documents to check again."""
        dirty: set[Path] = set()
        for key, scope in list(self._scopes.items()):
            if _stamp(_settings_files(scope.project, key)) != scope.stamp:
                dirty |= self._drop(scope)
        for key, stamp in list(self._errors.items()):
            if _stamp(_candidates(key)) != stamp:
                del self._errors[key]
                dirty |= {p for p in self.documents if self._key(p)[0] == key}
        return dirty

    def _in_rules_folder(self, path: Path) -> bool:
        return any(
            (rules := scope.config.rules_dir) is not None and rules in path.parents
            for scope in self._scopes.values()
        )


def _open_folder(folder: Path, config: Config) -> Project:
    """The project ``openaccess check`` opens in ``folder``; without a pages folder,
    the folder itself (as ``openaccess check .`` would)."""
    try:
        return open_project([], config)
    except UsageError:
        if "pages" in config.origins:  # a pages folder the config names must exist
            raise
        return open_project([folder], config)


def _under(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def _encode(text: str) -> bytes:
    """The editor's text as bytes for the store; a lone surrogate (which JSON can carry)
    stays, and decoding then reports it as invalid UTF-8 (OA000)."""
    return text.encode("utf-8", "surrogatepass")


def _candidates(folder: Path) -> list[Path]:
    """Where settings that would change this folder's checks may appear."""
    return [folder / name for name in sorted(SETTINGS_FILES)]


def _settings_files(project: Project, folder: Path) -> list[Path]:
    """Every file the settings were read from, and where new ones may appear."""
    config = project.config
    files = [*_candidates(folder), *(Path(origin) for origin in config.origins.values())]
    if config.source is not None:
        files.append(config.source)
    for scoped in config.folders:
        files.append(scoped.source)
        files += [Path(origin) for origin in scoped.origins.values()]
    if project.generator.config_file is not None:
        files.append(project.generator.config_file)
    rules = config.rules_dir
    if rules is not None and rules.is_dir():
        files += sorted(rules.iterdir())
    return sorted(set(files))


def _held_folder(project: Project, relative: PurePosixPath) -> bool:
    """Whether ``relative`` (gone from disk) was a folder of the site's files."""
    files = project.router.inventory.files
    return relative not in files and any(relative in f.parents for f in files)


def _stamp(paths: Iterable[Path]) -> Stamp:
    """What tells a changed file: modification time and size (-1: not there)."""
    stamp = []
    for path in paths:
        try:
            info = path.stat()
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            stamp.append((str(path), -1, -1))
    return tuple(stamp)
