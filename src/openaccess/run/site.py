"""The site as a rule sees it during one run: the router, and what other pages offer.

Link rules resolve targets against the whole site even when a few files are checked
(pre-commit, ``--shard``). A target page's ids are read only when a ``#fragment`` needs
them, without parsing the rest of the page, and kept for the run (ids are small, a parse
is not); which pages a page's checks read is recorded so the cache can drop the page's
findings exactly when one of them changes.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown_it.common.utils import normalizeReference
from msgspec import Struct, field

from openaccess.document import overlaps
from openaccess.fsutil import RealPaths, escape_reason, inside_root, is_within, repository_top
from openaccess.page import Page
from openaccess.routing.base import Included
from openaccess.routing.ids import IdAlgorithm, get_algorithm, heading_ids, unknown_id
from openaccess.routing.ids import page_ids as document_ids
from openaccess.routing.router import OUTSIDE, Router, Target
from openaccess.routing.tabs import heading_above
from openaccess.run.facts import SiteFacts
from openaccess.run.store import SourceStore
from openaccess.source import SourceError, html_comments

# Files one page pulls in, nested ones included: a bound on a loop of includes' work.
_MAX_INCLUDED = 1000

if TYPE_CHECKING:
    from openaccess.document import Document, Link

Shared = TypeVar("Shared")


_ANY_ID = unknown_id("*")  # an id of which nothing is known before the build


class _OwnIds(Struct, frozen=True):
    """The ids of the page being checked, kept with the page (``Page.derived``) as its
    own type, so that they are made once per page."""

    ids: frozenset[str]


class Held(NamedTuple):
    """A link into another page that a rule (its ``code``) settles after every page of
    the run is checked (see :meth:`Site.holding`).

    Worker processes send their held links to the process that settles them, most of
    which turn out fine, so a held link travels as plain values (a tuple pickles and
    loads several times faster than a link, a target and a path object), and the link
    and target are made again only for the few a rule reports. Where the link leads
    comes without the built output it reaches (``Target.output``, ``case_match``), which
    settling does not read."""

    code: str
    href: str
    text: str
    start: int
    end: int
    image: bool
    alt: str | None
    source: Literal["markdown", "html"]
    kind: str
    path: str  # the target's source path, "/"-separated ("" for none)
    fragment: str
    wanted: str
    note: str

    @classmethod
    def of(cls, code: str, link: Link, target: Target) -> Held:
        path = "" if target.path is None else target.path.as_posix()
        values = (link.href, link.text, link.start, link.end, link.image, link.alt, link.source)
        return cls(code, *values, target.kind, path, target.fragment, target.wanted, target.note)

    @property
    def link(self) -> Link:
        from openaccess.document import Link

        return Link(self.href, self.text, self.start, self.end, self.image, self.alt, self.source)

    @property
    def target(self) -> Target:
        path = PurePosixPath(self.path) if self.path else None
        return Target(self.kind, path, self.fragment, self.wanted, note=self.note)


class Site(Struct, eq=False, dict=True):
    """The site the pages belong to: routes, the pages' ids and what the run gathered."""

    router: Router
    store: SourceStore
    known_ids: dict[str, list[str]] = field(default_factory=dict)
    # ``respect_gitignore``: a link into a path git ignores is to another step's output.
    skips_ignored: bool = False
    # Pages read as a repository host shows them (see run.project._repository_read): a
    # link the site lacks is looked up on disk in this folder.
    repository: Path | None = None
    # What site-wide rules work from, gathered by the run (see openaccess.run.facts).
    facts: SiteFacts = field(default_factory=SiteFacts)
    # Pages whose ids this page's checks read (for the cache), since start_recording.
    pages_read: set[PurePosixPath] = field(default_factory=set)
    _ids: dict[PurePosixPath, frozenset[str] | None] = field(default_factory=dict)
    # Each page's layout files inside the project (see _layout_files), and whether each
    # layout file is inside (pages share a few templates).
    _layout_files_of: dict[PurePosixPath, tuple[PurePosixPath, ...]] = field(default_factory=dict)
    _inside: dict[PurePosixPath, bool] = field(default_factory=dict)
    # The files each page pulls in when built (see _included): a cached result that used
    # the page is made again when one of them changes.
    _included_of: dict[PurePosixPath, tuple[PurePosixPath, ...]] = field(default_factory=dict)
    _relative: dict[Path, PurePosixPath | None] = field(default_factory=dict)
    _real_root: str | None = None  # the project folder, symlinks resolved (once)
    _real_paths: RealPaths = field(default_factory=RealPaths)
    _targets: tuple[Page, list[tuple[Link, Target]]] | None = None
    # While the run checks a page (see holding): the links it holds for later.
    _held: list[Held] | None = None
    _shared: dict[type, Any] = field(default_factory=dict)
    _ignored: dict[PurePosixPath, bool] = field(default_factory=dict)  # asked of git once
    _checkout: bool | None = None  # see _in_checkout

    @property
    def root(self) -> Path:
        return self.router.generator.root

    @property
    def real_root(self) -> str:
        """The project folder with its symlinks resolved (found once)."""
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        return self._real_root

    def relative(self, path: Path) -> PurePosixPath | None:
        """``path`` relative to the project folder (symlinks resolved), or None outside."""
        if path not in self._relative:
            try:
                real = Path(self._placed(path)).relative_to(self.real_root)
                self._relative[path] = PurePosixPath(real.as_posix())
            except ValueError:
                self._relative[path] = None
        return self._relative[path]

    def _placed(self, path: Path) -> str:
        """``path`` with its symlinks resolved, but for a symlinked file where the
        generator follows it (MkDocs): that page stands where it is named, and its links
        lead from there (copier's ``docs/changelog.md`` -> ``../CHANGELOG.md``)."""
        if self.router.generator.reads_symlinks_in_project and os.path.islink(path):
            absolute = os.path.abspath(path)
            folder = self._real_paths.real(os.path.dirname(absolute))
            return os.path.join(folder, os.path.basename(absolute))
        return self._real_paths.real(path)

    # -- what a page's links reach -------------------------------------------------
    def targets(self, page: Page) -> list[tuple[Link, Target]]:
        """Every link of ``page`` with where it leads (resolved once per page)."""
        if self._targets is not None and self._targets[0] is page:
            return self._targets[1]
        source = self.relative(page.path)
        links = page.document.links
        written = [*links, *page.document.resources]
        made = [
            *self._template_links(page, links),
            *self._included_links(page),
            *self._hook_links(page, links),
            *self._bare_links(page, links),
        ]
        if source is not None and self.router.generator.drops_body(source):
            # Built with no body: none of its links is on the site.
            unbuilt = Target("unchecked", note="its layout never prints the page's content")
            resolved = [(link, unbuilt) for link in [*written, *made]]
        else:
            resolved = [(link, self._written(page, source, link)) for link in written]
            resolved += [(link, self._resolve(page, source, link)) for link in made]
        resolved.sort(key=lambda pair: pair[0].start)
        if self.skips_ignored and self._in_checkout():
            self._unless_ignored(resolved)
        self._targets = (page, resolved)
        return resolved

    def _written(self, page: Page, source: PurePosixPath | None, link: Link) -> Target:
        """Where a link written in the page leads: one in raw HTML leads nowhere when the
        generator's Markdown leaves raw HTML out (links templates make are kept)."""
        dropped = self.router.generator.raw_html_dropped
        if dropped and link.source == "html" and page.kind == "markdown":
            return Target("unchecked", note=dropped)
        return self._resolve(page, source, link)

    def _resolve(self, page: Page, source: PurePosixPath | None, link: Link) -> Target:
        if link.proofer_ignored:
            return Target("unchecked", note="marked data-proofer-ignore")
        target = self.router.resolve(source, link.href, link.source == "markdown", link.image)
        if source is None and target.kind == "missing-file" and target.note == OUTSIDE:
            return self._on_disk(page, link.href)
        if self.repository is not None and target.kind in ("missing-file", "missing-url"):
            return self._in_repository(page, link.href, target)
        if target.fragment and self.router.generator.page_hooks:
            return self._unless_hooks_make_it(page, target)
        return target

        dropped = self.router.generator.raw_html_dropped
        if dropped and link.source == "html" and page.kind == "markdown":
            return Target("unchecked", note=dropped)

    def _unless_ignored(self, resolved: list[tuple[Link, Target]]) -> None:
        """Links to a file missing from the site where git ignores its source path are not
        judged: another build step makes it (Homebrew writes its Ruby API docs into the
        ignored ``docs/rubydoc`` with YARD before Jekyll builds; a checkout never has
        them). git is asked once per path, for all of a page's missing targets at once."""
        missing = {
            index: sources
            for index, (_, target) in enumerate(resolved)
            if (sources := self._sources_of_missing(target))
        }
        unasked = {path for paths in missing.values() for path in paths} - self._ignored.keys()
        if unasked:
            from openaccess.gitfiles import ignored

            by_name = {os.path.abspath(self.root / path): path for path in unasked}
            found = {
                os.path.abspath(name) for name in ignored([Path(n) for n in by_name], self.root)
            }
            for name, path in by_name.items():
                self._ignored[path] = name in found
        for index, paths in missing.items():
            if any(self._ignored[path] for path in paths):
                link, target = resolved[index]
                note = "into a path git ignores, which another build step fills"
                resolved[index] = (
                    link,
                    Target("unchecked", None, target.fragment, target.wanted, note=note),
                )

    def _in_checkout(self) -> bool:
        """Whether the project is in a git checkout (a ``.git`` at or above its folder),
        found once: outside one, git is never asked what it ignores."""
        if self._checkout is None:
            self._checkout = repository_top(self.root) is not None
        return self._checkout

    def _sources_of_missing(self, target: Target) -> list[PurePosixPath]:
        """Where the source of a missing target would be, inside the project: the path a
        relative link names, or for a site address the content and static folders."""
        if target.note or target.kind not in ("missing-url", "missing-file"):
            return []
        wanted = target.wanted
        if target.kind == "missing-file":
            return [PurePosixPath(wanted)] if wanted and not wanted.startswith(("/", "..")) else []
        if not wanted.startswith("/"):
            return []  # post NAME, ref PATH: not a path
        generator = self.router.generator
        folders = [generator.content, *getattr(generator, "static", ())]
        inside = wanted.strip("/")
        return [
            PurePosixPath(folder, inside) if folder else PurePosixPath(inside)
            for folder in folders
            if inside
        ]

    def _unless_hooks_make_it(self, page: Page, target: Target) -> Target:
        """The target, or ``unchecked`` when its fragment is named in a comment of the
        page it points into, on a site whose own code rewrites pages as they are built
        (MkDocs ``hooks``): ``<!-- md:setting config.lang -->`` becomes the id
        ``config.lang`` only in the build. A misspelt fragment names no comment and is
        still checked; the target page still counts as linked."""
        if target.kind == "self":
            text = page.text
        elif target.kind == "found" and target.is_page and target.path is not None:
            try:
                text = self.store.page(self.root / target.path).text
            except SourceError:
                return target
        else:
            return target
        if target.fragment.lstrip("+") not in _comment_words(text):
            return target
        path = target.path if target.kind == "found" else self.relative(page.path)
        note = "an id the site's hooks make from a comment"
        return Target("unchecked", path, target.fragment, target.wanted, target.output, note)

    def _on_disk(self, page: Page, href: str) -> Target:
        """A file checked beside the site, not in it (a README next to the pages folder),
        links by file, as a repository host shows it: its relative links are looked up on
        disk, and a page of the site they reach has its ids checked."""
        written, fragment = _local_path(href)
        return self._disk_target(page.path.parent / written, fragment, written)

    def _in_repository(self, page: Page, href: str, missing: Target) -> Target:
        """A link the site lacks, looked up as a repository host shows it: a path from
        the page's folder, or from the repository's top for ``/path``, to any file or
        folder inside the repository (hidden ones too). ``missing`` when there is none."""
        assert self.repository is not None
        written, fragment = _local_path(href)
        if not written or "://" in written or written.startswith("//") or "\0" in written:
            return missing
        base = self.repository if written.startswith("/") else page.path.parent
        named = base / written.lstrip("/")
        if not is_within(os.path.realpath(named), str(self.repository)):
            return missing
        found = self._disk_target(named, fragment, written)
        if found.kind == "found" or missing.note == OUTSIDE:
            return found  # outside the folder checked, but inside the repository
        return missing

    def _disk_target(self, named: Path, fragment: str, written: str) -> Target:
        named = Path(os.path.normpath(named))
        if not _exists(named):
            return Target("missing-file", fragment=fragment, wanted=written)
        return Target("found", self.relative(named), fragment, written)

    def _template_links(self, page: Page, links: list[Link]) -> list[Link]:
        """Links written in template code that the Markdown parser did not see: template
        expressions, and the addresses of built-in shortcodes (Hugo's ``figure``)."""
        from openaccess.document import Link

        generator = self.router.generator
        found = [
            (start, end, expression, False, "markdown")
            for start, end, expression in generator.template_links(page.body)
        ]
        found += [
            (start, end, address, image, "html")
            for start, end, address, image in generator.shortcode_links(
                page.body, self.relative(page.path)
            )
        ]
        found = [item for item in found if not _after_unopened_bracket(page.body, item[0])]
        if not found:
            return []
        quiet = _quiet_spans(page)
        if quiet:
            quiet_starts = [start for start, _ in quiet]
            found = [
                item for item in found if not overlaps(item[0], item[0] + 1, quiet_starts, quiet)
            ]
        spans = [(link.start, link.end) for link in links] + _used_definitions(page, links)
        extra = []
        for start, end, href, image, syntax in found:
            start, end = start + page.body_start, end + page.body_start
            if not any(a <= start and end <= b for a, b in spans):
                extra.append(Link(href, "", start, end, image, source=syntax))
        return extra

    def _hook_links(self, page: Page, links: list[Link]) -> list[Link]:
        """Links the site's own code (MkDocs ``hooks``) makes from a comment through a
        reference definition of the page: ``<!-- md:plugin [typeset] -->`` and
        ``[typeset]: typeset.md``. Markdown alone leaves such a definition unused; the
        build links it. Each is checked at its definition, where the writer fixes it,
        unless a Markdown link of the page already goes to the same address."""
        from openaccess.document import Link

        if not self.router.generator.page_hooks or not page.references:
            return []
        labels = _comment_labels(page)
        if not labels:
            return []
        written = {link.href for link in links}  # normalised as the definitions are
        extra = []
        for label, definition in page.references.items():
            href = definition["href"]
            if label in labels and href not in written:
                written_label, start, end = _definition_at(page, definition["map"], label)
                extra.append(Link(href, written_label, start, end))
        return extra

    def _bare_links(self, page: Page, links: list[Link]) -> list[Link]:
        """The site's own full addresses written as plain text in prose, which its
        Markdown makes into links (Hugo: ``See https://rclone.org/webdav/#sharepoint``).
        Not in code, raw HTML blocks or a written link; other hosts are not local links.
        (Table cells are not among the page's prose blocks, so addresses there are not
        read.)"""
        from openaccess.document import Link
        from openaccess.routing.linkify import bare_urls

        host = self.router.own_host
        if not (self.router.generator.linkify and host and page.kind == "markdown"):
            return []
        if host not in page.body.lower():
            return []
        spans = [(link.start, link.end) for link in links]
        extra = []
        quotes = self.router.generator.linkify_after_quotes
        for block in page.document.blocks:
            for start, end in bare_urls(block.text, host, quotes):
                if any(a < end and start < b for a, b in block.code):
                    continue
                offset = block.offset_at(start)
                url = page.text[offset : offset + end - start]
                if url == block.text[start:end] and not any(a <= offset < b for a, b in spans):
                    extra.append(Link(url, url, offset, offset + len(url)))
        if not extra:
            return []
        html = _html_block_lines(page)  # Markdown makes no links there
        return [link for link in extra if page.position(link.start)[0] not in html]

    def _included(self, page: Page) -> list[tuple[int, int, Page, PurePosixPath | None]]:
        """(start, end, page, links_from: see ``Included``) of every file the page pulls
        in when built (snippets), read only when the site scan lists it or it lies inside
        the project folder; then the files those pull in (pymdownx.snippets nests them),
        each once, at the place of the page's own include. A nested include is read as
        the page's own: Jekyll finds an ``include_relative`` in an ``_includes`` file
        beside the page (sass-guidelines' chapters), as Hugo's shortcodes read files from
        the page. A file pulled in twice, directly and through another, is pasted twice,
        and read at both places; only a file that includes itself is cut short."""
        found: list[tuple[int, int, Page, PurePosixPath | None]] = []
        source = self.relative(page.path)
        generator = self.router.generator
        read: dict[PurePosixPath, None] = {}
        nested: list[tuple[int, int, Page, tuple[PurePosixPath, ...]]] = []
        for include in generator.includes(page.body, source):
            included = self._part(include)
            if included is not None:
                offset = page.body_start
                place = (include.start + offset, include.end + offset)
                found.append((*place, included, include.links_from))
                read[include.path] = None
                nested.append((*place, included, (include.path,)))
        while nested and len(found) < _MAX_INCLUDED:
            start, end, including, chain = nested.pop()
            for include in generator.includes(including.body, source):
                if include.path in chain or (included := self._part(include)) is None:
                    continue
                found.append((start, end, included, include.links_from))
                read[include.path] = None
                nested.append((start, end, included, (*chain, include.path)))
        if source is not None:
            self._included_of[source] = tuple(read)
        self.pages_read.update(read)
        return found

    def _part(self, include: Included) -> Page | None:
        """The included file as a page, cut to the part the include names; None when it
        cannot be read."""
        try:
            included = self.store.page(inside_root(self.root, include.path))
        except (SourceError, PermissionError):
            return None
        if not include.part:
            return included
        text = self.router.generator.included_text(included.text, include.part)
        return Page.from_text(included.path, text, included.display_path, included.dialect)

    def _included_links(self, page: Page) -> list[Link]:
        """Links of included files, read from the including page's address and reported
        at the line that includes them; and the page's reference links whose definitions
        those files, or the files the build appends to every page, hold."""
        from openaccess.document import Link

        links = []
        definitions: dict[str, str] = {}  # label -> address, from the included files
        rewritten = self.router.generator.rewrites_included_links
        source = self.relative(page.path)
        for start, end, included, links_from in self._included(page):
            own = included.document.links
            for link in [*own, *self._template_links(included, own)]:
                syntax = link.source if rewritten else "html"  # read as written, a URL
                href = link.href
                if links_from is not None and source is not None and link.source == "markdown":
                    href = _rebased(href, links_from, source.parent)
                links.append(Link(href, link.text, start, end, link.image, link.alt,
                                  syntax))  # fmt: skip
            definitions.update(_addresses(included.references))
            included.forget_parse()
        for relative in self.router.generator.appended_files():
            with suppress(SourceError, PermissionError):
                appended = self.store.page(inside_root(self.root, relative))
                definitions.update(_addresses(appended.references))
                self.pages_read.add(relative)  # the page's findings depend on it
        return links + _links_by_outside_definitions(page, definitions)

    def shared(self, kind: type[Shared], make: Callable[[Site], Shared]) -> Shared:
        """One ``kind`` per run, made on first use (indexes rules build over the site)."""
        if kind not in self._shared:
            self._shared[kind] = make(self)
        return self._shared[kind]

    def forget(self, page: Page) -> None:
        if self._targets is not None and self._targets[0] is page:
            self._targets = None

    # -- ids of pages ----------------------------------------------------------------
    def forget_page(self, relative: PurePosixPath) -> None:
        """One page's text changed: its ids are made again when asked for."""
        self._ids.pop(relative, None)
        self._layout_files_of.pop(relative, None)
        self._included_of.pop(relative, None)
        self._targets = None

    def forget_all(self) -> None:
        """The site changed shape: every resolved link and index is made again."""
        self._ids.clear()
        self._layout_files_of.clear()
        self._included_of.clear()
        self._inside.clear()
        self._targets = None
        self._shared.clear()
        self._relative.clear()

    def start_recording(self) -> None:
        self.pages_read = set()

    def ids(self, relative: PurePosixPath) -> frozenset[str] | None:
        """Every id a ``#fragment`` may name on the page at ``relative`` (None: unreadable),
        read once per run and kept: ids are small, a parse is not (see
        :meth:`Page.id_outline`)."""
        self._read_ids_of(relative)
        if relative not in self._ids:
            try:
                page = self.store.page(self.root / relative)
            except SourceError:
                self._ids[relative] = None
            else:
                self._ids[relative] = self.page_ids(page, relative)
        return self._ids[relative]

    @contextmanager
    def holding(self, allowed: bool = True) -> Iterator[list[Held]]:
        """While a run checks one page: a link into a page whose ids this process has not
        read is held (:meth:`answer_later`) rather than read now, and the run settles
        it once every page is checked (``Rule.settle``), each page's ids taken from its
        own check (:meth:`learn_ids`). So no page is read again for its ids, in this
        process or any worker; only the pages a run does not check (another shard, the
        cache) are, when links lead into them."""
        held: list[Held] = []
        self._held = held if allowed else None
        try:
            yield held
        finally:
            self._held = None

    def answer_later(self, code: str, link: Link, target: Target) -> bool:
        """Whether the run settles this link into the page ``target.path`` later (the
        rule ``code`` then skips it now): while :meth:`holding`, when that page's ids
        are not read yet in this process."""
        if self._held is None or target.path is None or target.path in self._ids:
            return False
        self._read_ids_of(target.path)
        self._held.append(Held.of(code, link, target))
        return True

    def _read_ids_of(self, relative: PurePosixPath) -> None:
        """Record that the page being checked uses the ids of the page at ``relative``:
        that page, the layout files that add ids to it and the files it includes (when
        known here), so a cached result is made again when one of them changes."""
        self.pages_read.add(relative)
        self.pages_read.update(self._layout_files(relative))
        self.pages_read.update(self._included_of.get(relative, ()))

    def _is_inside(self, path: PurePosixPath) -> bool:
        """Whether the file at ``path`` (relative) really lies inside the project."""
        if path not in self._inside:
            reason = escape_reason(self.root / path, [Path(self.real_root)])
            self._inside[path] = reason is None
        return self._inside[path]

    def _layout_files(self, relative: PurePosixPath) -> tuple[PurePosixPath, ...]:
        """The files the page's own layout adds ids from (its template, the files it
        renders into the page), those inside the project only: a cached result is checked
        against their contents, and a layout symlinked elsewhere must not be read. Found
        once per page, as every link into the page asks."""
        files = self._layout_files_of.get(relative)
        if files is None:
            generator = self.router.generator
            template = generator.layout_template(relative)
            found = [template] if template is not None else []
            found += generator.layout_includes(relative)
            files = tuple(path for path in found if self._is_inside(path))
            self._layout_files_of[relative] = files
        return files

    def learn_ids(self, relative: PurePosixPath, ids: frozenset[str]) -> None:
        """The ids of the page at ``relative``, made by its own check (here or in a
        worker process), for the links into it."""
        self._ids.setdefault(relative, ids)

    def own_ids(self, page: Page) -> frozenset[str]:
        """The ids of the page being checked (read from its own parse), made once for
        all its links to itself."""
        made = page.derived(
            _OwnIds, lambda _: _OwnIds(self.page_ids(page, self.relative(page.path)))
        )
        return made.ids

    def language_of(self, path: Path) -> str | None:
        """The language the site's generator gives the page at ``path`` (a Hugo language
        folder or ``.fr.md`` suffix), or None when it gives none."""
        relative = self.relative(path)
        route = self.router.route(relative) if relative is not None else None
        return route.language if route is not None else None

    def page_ids(self, page: Page, relative: PurePosixPath | None) -> frozenset[str]:
        """The ids of a page: headings as its generator names them, explicit ids, and
        the ids templates add (``[links] known_ids``)."""
        generator = self.router.generator
        syntax = generator.id_syntax
        document = page.id_outline()
        written = document_ids(document, self._id_algorithm, syntax=syntax)
        ids = generator.ids_as_built(written, page.meta, text=page.body)
        ids |= self._tab_ids(page, document, ids)
        ids |= self._template_ids
        ids |= self.router.generator.page_template_ids(page.body)
        if not generator.known_id_rule and document.headings:
            ids.add(_ANY_ID)  # a site's own slugify names its headings
        for start, end, included, _ in self._included(page):
            outline = included.id_outline()
            written = document_ids(outline, self._id_algorithm, syntax=syntax)
            ids |= generator.ids_as_built(written, page.meta, page.text[start:end], included.body)
            above = self._heading_above(page, document, start) if "===" in included.body else ""
            ids |= self._tab_ids(included, outline, ids, above)
        if relative is not None:
            ids |= self._layout_ids(relative, page.meta)
            self.pages_read.update(generator.id_data_files(page.body))
            path = relative.as_posix()
            for glob, known in self.known_ids.items():
                if fnmatchcase(path, glob):
                    ids.update(known)
        return frozenset(ids)

    def _tab_ids(
        self, page: Page, document: Document, taken: set[str], outer_heading: str = ""
    ) -> set[str]:
        """The ids of the content tabs (pymdownx.tabbed) written in ``page``, which may
        be a file the build pastes into another page (snippets, include-markdown): its
        tabs are that page's tabs then (TRaSH Guides links the tabs of an included file),
        and combine with the page's heading above the paste (``outer_heading``).
        An included file's unslugified tabs are numbered from its own first group, not
        the page's: ``__tabbed_N_M`` ids are the page's count of groups."""
        generator = self.router.generator
        if generator.tabs is None or "===" not in page.body:
            return set()
        headings = heading_ids(document, self._id_algorithm, syntax=generator.id_syntax)
        made = generator.tabs.ids(
            page.body, page.body_start, headings, taken, generator.emoji_shortcodes, outer_heading
        )
        return set(made)

    def _heading_above(self, page: Page, document: Document, offset: int) -> str:
        """The id of the page's heading that a tab set pasted at ``offset`` combines with
        (``combine_header_slug``; DietPi's docs paste tabs with snippets)."""
        generator = self.router.generator
        if generator.tabs is None or not generator.tabs.combine_header_slug:
            return ""
        headings = heading_ids(document, self._id_algorithm, syntax=generator.id_syntax)
        return heading_above(page.body, page.body_start, headings, offset)

    def _layout_ids(self, relative: PurePosixPath, meta: dict[str, Any]) -> set[str]:
        """Ids of the page's own layout (literal ones, and globs for those only the build
        knows), and the ids of the files it renders into the page, as the build makes them
        for the page (front matter ``meta``: Jekyll's Liquid). Those inside the project
        are recorded as read, so a cached result is made again when one of them changes."""
        generator = self.router.generator
        ids: set[str] = set(generator.layout_ids(relative))
        self.pages_read.update(self._layout_files(relative))
        for path in generator.layout_includes(relative):
            try:
                included = self.store.page(inside_root(self.root, path))
            except (SourceError, PermissionError):
                continue
            outline = included.id_outline()
            written = document_ids(outline, self._id_algorithm, syntax=generator.id_syntax)
            # An id only the build knows in full (``id="{{ item.key }}"``) would let every
            # fragment into every page of the layout pass: only those with known text count.
            ids |= generator.ids_as_built(written, meta) - {_ANY_ID}
        return ids

    def id_patterns(self, relative: PurePosixPath | None) -> tuple[str, ...]:
        """The ``[links] known_ids`` of a page written as globs (``config.*``): ids a
        site's own plugin or hook makes, which no list could name one by one."""
        if relative is None:
            return ()
        path = relative.as_posix()
        return tuple(
            known
            for glob, ids in self.known_ids.items()
            if fnmatchcase(path, glob)
            for known in ids
            if any(character in known for character in "*?[")
        )

    @cached_property
    def _id_algorithm(self) -> IdAlgorithm:
        """The generator's heading id rule (a custom slugify function: GitHub's)."""
        generator = self.router.generator
        try:
            return get_algorithm(
                generator.ids,
                prefix=generator.id_prefix,
                separator=generator.id_separator,
                emoji_shortcodes=generator.emoji_shortcodes,
                automatic=generator.automatic_ids,
            )
        except KeyError:
            return get_algorithm("github")

    @cached_property
    def _template_ids(self) -> frozenset[str]:
        return self.router.generator.template_ids()

    def dependencies(self, own: PurePosixPath | None) -> dict[str, str | None]:
        """Content hash of every other page whose ids were read (None: unreadable)."""
        hashes: dict[str, str | None] = {}
        for relative in sorted(self.pages_read):
            if relative == own:
                continue
            try:
                page = self.store.page(self.root / relative)
            except SourceError:
                hashes[relative.as_posix()] = None
            else:
                hashes[relative.as_posix()] = page.content_hash  # hashed once per run
        return hashes


# A reference definition as written, its address on the next line too (inside a block
# quote or a list): ``[label]: address``.
_DEFINITION = re.compile(
    r"\[(?P<label>[^\]\n]{1,200})\]:[ \t]*(?:\n[ \t>]*)?(?P<href><[^>\n]*>|\S+)"
)
# A reference-style link as text: ``[text]``, ``[text][]`` or ``[text][label]`` (in a
# comment, or left as text where the page does not define the label).
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]{1,200})\](?:\[([^\[\]\n]{0,200})\])?")


def _after_unopened_bracket(body: str, start: int) -> bool:
    """Whether template code at ``start`` follows a ``](`` that no ``[`` opens in its
    paragraph: ``element]({{site.baseurl}}/x)``, a writer's typo, is text to Markdown,
    no link (PennController's docs)."""
    if body[max(start - 2, 0) : start] != "](":
        return False
    reach = max(start - _LINK_TEXT_REACH, 0)
    reach = max(body.rfind("\n\n", reach, start), body.rfind("\n\r\n", reach, start), reach)
    closed = 0  # brackets closed between here and the "]": [a](b) before it is whole
    for character in reversed(body[reach : start - 2]):
        if character == "]":
            closed += 1
        elif character == "[":
            if not closed:
                return False
            closed -= 1
    return True


_LINK_TEXT_REACH = 1000  # how far back a link's "[" is looked for (each link is bounded)


def _used_definitions(page: Page, links: list[Link]) -> list[tuple[int, int]]:
    """Where the reference definitions the page's links use hold their addresses: template
    code there (``[d]: {% link a.md %}``) is judged at each link, not again here."""
    if not page.references:
        return []
    used = {link.href for link in links}
    return [
        _body_lines_span(page, definition["map"])
        for definition in page.references.values()
        if definition["href"] in used
    ]


def _body_lines_span(page: Page, body_lines: list[int]) -> tuple[int, int]:
    """The page text's offsets of the body lines a token map names (markdown-it counts
    the body's lines from 0, the end one excluded)."""
    first_line = page.position(page.body_start)[0]
    return (
        page.lines.line_start(first_line + body_lines[0]),
        page.lines.line_start(first_line + body_lines[1]),
    )


def _definition_at(page: Page, body_lines: list[int], label: str) -> tuple[str, int, int]:
    """A reference definition's label as written and its address's offsets, from the
    body lines markdown-it read it on (``label`` and the start of the first line if the
    text there does not show them)."""
    start, end = _body_lines_span(page, body_lines)
    found = _DEFINITION.search(page.text, start, end)
    if found is None:
        return label, start, start + 1
    return found["label"], found.start("href"), found.end("href")


def _rebased(href: str, links_from: PurePosixPath, page_folder: PurePosixPath) -> str:
    """A relative address written in a file of ``links_from``, rewritten to lead to the
    same place from a page of ``page_folder``, as mkdocs-include-markdown-plugin rewrites
    the links of a file it pastes in; other addresses as they are."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return href
    target = posixpath.normpath(posixpath.join(links_from.as_posix(), parts.path))
    path = posixpath.relpath(target, page_folder.as_posix())
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(parts._replace(path=path))


def _addresses(references: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {label: definition["href"] for label, definition in references.items()}


def _links_by_outside_definitions(page: Page, definitions: dict[str, str]) -> list[Link]:
    """Reference links (``[term][]``, ``[text][term]``, ``[term]``) whose definitions are
    not the page's own but in a file the build adds to it (pymdownx.snippets): Markdown
    read alone leaves them as text. Not in code, nor in a link already read."""
    from openaccess.document import Link

    if not definitions:
        return []
    own = page.references
    spans = [(link.start, link.end) for link in page.document.links]
    found = []
    for block in page.document.blocks:
        for match in _REFERENCE_LINK.finditer(block.text):
            label = normalizeReference(match[2] or match[1])
            href = definitions.get(label)
            after = block.text[match.end() : match.end() + 1]
            if href is None or label in own or after in ("(", ":"):
                continue
            if any(a <= match.start() < b for a, b in block.code):
                continue
            start = block.offset_at(match.start())
            if not any(a <= start < b for a, b in spans):
                found.append(Link(href, match[1], start, start + len(match[0])))
    return found


def _comment_labels(page: Page) -> frozenset[str]:
    """The reference labels named by links written inside the page's HTML comments; a
    comment shown in a code block is an example, which the site's hooks do not read."""
    html = []
    for token in page.tokens:
        if token.type == "html_block":
            html.append(token.content)
        elif token.type == "inline":
            html += [child.content for child in token.children or [] if child.type == "html_inline"]
    return frozenset(
        normalizeReference(match[2] or match[1])
        for text in html
        for start, end in html_comments(text)
        for match in _REFERENCE_LINK.finditer(text, start + 4, end - 3)
    )


def _html_block_lines(page: Page) -> set[int]:
    """Lines of raw HTML blocks: Markdown makes no links inside them (Hugo leaves them
    out of the page unless ``renderer.unsafe`` is on, and never linkifies them)."""
    first = page.position(page.body_start)[0] - 1  # token maps count lines of the body
    lines: set[int] = set()
    for token in page.tokens:
        if token.type == "html_block" and token.map:
            lines.update(range(first + token.map[0] + 1, first + token.map[1] + 1))
    return lines


def _comment_words(text: str) -> frozenset[str]:
    """The words inside the HTML comments of ``text`` (one forward scan: an unclosed
    ``<!--`` ends it)."""
    return frozenset(
        word for start, end in html_comments(text) for word in text[start + 4 : end - 3].split()
    )


def _local_path(href: str) -> tuple[str, str]:
    """A link's path as written (decoded, without its query) and its fragment."""
    path, _, fragment = href.strip().partition("#")
    return unquote(path.partition("?")[0]), fragment


def _exists(path: Path) -> bool:
    """Whether a file or folder is there; False for a name no file system takes (a null
    byte, a name too long), as a link may hold anything."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _quiet_spans(page: Page) -> list[tuple[int, int]]:
    """Body offsets of the text where template code writes text, never a link: code
    blocks and spans, HTML comments, and the bodies of ``<script>`` and ``<style>``.
    Jekyll renders ``{{ site.baseurl }}/a`` in a code sample as the sample's text, in a
    comment as the comment's, and in a script as a string of JavaScript (strimzi's
    ``var docsPath = "{{ '/docs/latest/' | relative_url }}"``); so does Hugo a
    shortcode's output. Merged and sorted, for a binary search."""
    body, start = page.body, page.body_start
    if not _MAY_HOLD_QUIET_TEXT.search(body):
        return []
    line_starts = [0, *(match.end() for match in re.finditer("\n", body))]
    spans = []
    for token in page.tokens if page.kind == "markdown" else []:
        if token.type in ("fence", "code_block") and token.map:
            first, last = token.map
            end = line_starts[last] if last < len(line_starts) else len(body)
            spans.append((line_starts[first], end))
    for block in page.document.blocks:
        for code_start, code_end in block.code:
            low = block.offset_at(code_start) - start
            spans.append((low, block.offset_at(code_end - 1) + 1 - start))
    code = _merged(spans)
    return _merged(code + _html_comments(body, code) + _raw_text_elements(body, code))


# What a body must hold to have quiet text: code, a comment, a script or style element.
_MAY_HOLD_QUIET_TEXT = re.compile(r"`|<!--|    |\t|<(?:script|style)\b", re.IGNORECASE)
_RAW_TEXT_OPEN = re.compile(r"<(script|style)\b[^>]*>", re.IGNORECASE)
_RAW_TEXT_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")
}
_RAW_TEXT_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")
}


def _raw_text_elements(text: str, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each ``<script>`` and ``<style>`` element's text, up to its end tag
    (or the end of the page); one written inside code is the code's text."""
    starts = [start for start, _ in code]
    spans = []
    for opening in _RAW_TEXT_OPEN.finditer(text):
        if overlaps(opening.start(), opening.start() + 1, starts, code):
            continue
        if spans and opening.start() < spans[-1][1]:
            continue  # inside the script before it
        closing = _RAW_TEXT_CLOSE[opening.group(1).lower()].search(text, opening.end())
        spans.append((opening.end(), closing.start() if closing else len(text)))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, overlapping ones joined: apart, for :func:`overlaps`."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _html_comments(text: str, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each closed ``<!-- ... -->``, in one pass; a ``<!--`` or ``-->``
    inside code (``code``: sorted spans, apart) is the code's text, no comment's end."""
    starts = [start for start, _ in code]
    spans = []
    opening = text.find("<!--")
    while opening >= 0:
        if overlaps(opening, opening + 1, starts, code):
            opening = text.find("<!--", opening + 4)
            continue
        closing = text.find("-->", opening + 4)
        while closing >= 0 and overlaps(closing, closing + 1, starts, code):
            closing = text.find("-->", closing + 3)
        if closing < 0:
            break
        spans.append((opening, closing + 3))
        opening = text.find("<!--", closing + 3)
    return spans
