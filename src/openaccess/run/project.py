"""What one command works on, prepared once: the configuration, the site's generator and
router, the pages to work on, and their texts.

``check``, ``publish`` and ``report`` (and later ``serve`` and ``lsp``) open a
:class:`Project` and consume it; none of them discovers, routes or reads pages on its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from msgspec import Struct

from openaccess.config import Config
from openaccess.discovery import Discovered, discover
from openaccess.errors import UsageError
from openaccess.fsutil import is_within, repository_top
from openaccess.routing.base import Generator
from openaccess.routing.detect import fallback_generator, load_detected, with_generator_settings
from openaccess.routing.inventory import Inventory, list_files, listable
from openaccess.routing.router import Router
from openaccess.run.site import Site
from openaccess.run.store import SourceStore

if TYPE_CHECKING:
    from openaccess.cache import FrontMatterIndex


class Project(Struct):
    """An opened project: its config, the pages to check, routing and page store."""

    config: Config  # with ``pages`` set to the generator's content folder when not given
    targets: list[Path]  # the paths named by the user, or the pages folder
    found: Discovered  # the page files under the targets (and why others were skipped)
    router: Router
    store: SourceStore
    site: Site

    @property
    def generator(self) -> Generator:
        return self.router.generator

    @property
    def root(self) -> Path:
        return self.router.generator.root

    def relative(self, path: Path) -> PurePosixPath | None:
        return self.site.relative(path)

    def update(self, path: Path, data: bytes | None = None) -> bool:
        """A file changed while the project stays open (``serve``, ``lsp``): ``data`` is
        its new content (an editor's unsaved buffer), None to read it from disk again (it
        may be new, or gone). Returns True when the built site changes shape (a file added
        or removed, a page's front matter changed): then every page's link findings may
        change, else only the changed page's own (and the ids others link to)."""
        relative = self.relative(path)
        before = self.store.meta(relative) if relative is not None else None
        self.store.forget(path)
        if data is not None:
            self.store.put(path, data)
        generator = self.router.generator
        if relative is None or not listable(relative, generator.scan, generator.hidden):
            return False  # no file of the site (outside it, hidden, node_modules)
        self.store.forget_meta(relative)
        inventory = self.router.inventory
        exists = data is not None or path.is_file()
        listed = relative in inventory.files
        reshaped = exists != listed or self.store.meta(relative) != before
        if exists != listed:
            files = set(inventory.files)
            (files.add if exists else files.discard)(relative)
            inventory.files = frozenset(files)
        if reshaped:
            self.router.forget_site()
            self.site.forget_all()
        else:
            self.site.forget_page(relative)
        return reshaped

    def shown(self, path: Path) -> str:
        """``path`` relative to the working directory, as findings name it."""
        return self.store.shown(path)


def open_project(
    paths: Sequence[Path],
    config: Config,
    stdin: tuple[Path, bytes] | None = None,
    meta_index: FrontMatterIndex | None = None,
    exclude_named: bool = True,
) -> Project:
    """Find the generator, the pages and the site's files; route lazily. ``stdin`` is a
    page given on standard input: (the path it stands for, its bytes). ``meta_index``
    gives the front matter of files unchanged since it was saved. ``exclude_named``:
    whether ``exclude`` also drops a page named in ``paths`` (publish: it is no page of
    the site; check: the writer asked for it)."""
    near = Path(os.path.commonpath([_folder_of(path) for path in paths])) if paths else None
    generator = load_detected(config, near)
    config = with_generator_settings(config, generator)
    targets = target_paths(paths, config)
    repository = None
    if generator is None:
        root = site_root(targets, config)
        generator = fallback_generator(config, root)
        repository = _repository_read(root, config)
    store = SourceStore(
        generator.root.resolve(),
        config.max_file_size,
        dialect=generator.dialect,
        meta_index=meta_index,
    )
    files, refused = list_files(
        generator.root, generator.scan, generator.hidden, generator.reads_symlinks_in_project
    )
    inventory = Inventory(generator.root, frozenset(files), store.meta, refused)
    router = Router(
        generator,
        inventory,
        base_url=config.base_url,
        remap=config.links.remap_patterns(),
        exclude=config.links.exclude_patterns(),
    )
    site = Site(
        router,
        store,
        known_ids=config.links.known_ids,
        skips_ignored=config.respect_gitignore,
        repository=repository,
    )
    stdin_path = stdin[0] if stdin is not None else None
    on_disk = [target for target in targets if target != stdin_path]
    boundary = store.root if generator.reads_symlinks_in_project else None
    found = discover(
        on_disk, config.exclude, config.pages_dir, config.respect_gitignore, boundary,
        exclude_named=exclude_named,
    )  # fmt: skip
    if stdin is not None:  # the editor's unsaved text stands for this page
        store.put(stdin[0], stdin[1])
        found.files = sorted({*found.files, stdin[0]})
    if generator.name != "none":  # not layouts, includes or vendored files
        named = {Path(os.path.abspath(p)) for p in on_disk if not p.is_dir()}
        kept = [p for p in found.files if p in named or _page_of_site(site, p)]
        found.left_out = [p for p in set(found.files).difference(kept) if _left_out(site, p)]
        found.files = kept
    return Project(config, targets, found, router, store, site)


def _repository_read(site_root: Path, config: Config) -> Path | None:
    """Without a generator, a pages folder or settings that say how the site is built,
    the pages are files of a repository, read on its host (GitHub): the folder their
    links may reach on disk, folders and hidden files too (``.github/CONTRIBUTING.md``,
    ``../src/``). None when openaccess's own site is meant (``generator = "none"``, or the
    pages folder is the site)."""
    if config.generator != "auto" or config.links.url_style != "plain":
        return None
    real_root = site_root.resolve()
    if real_root == config.pages_dir.resolve():
        return None
    top = repository_top(real_root) or config.root.resolve()
    return top if is_within(str(real_root), str(top)) else real_root


def _page_of_site(site: Site, path: Path) -> bool:
    """A page the generator knows (published or not yet, as a draft), or a file outside its
    project folder (checked as it is): not a layout, an include, a vendored file or a
    file the site's config leaves out (a snippet other pages include). Jekyll's
    ``source: src`` puts the site's root below its config's folder: a README beside the
    config is no page of the site either."""
    relative = site.relative(path)
    if relative is None:
        config_file = site.router.generator.config_file
        project = config_file.parent if config_file is not None else None
        return project is None or not is_within(os.path.abspath(path), os.path.abspath(project))
    route = site.router.site.pages.get(relative)
    return route is not None and not route.left_out


def _left_out(site: Site, path: Path) -> bool:
    """A page the generator knows but leaves out of the build (``redirect_to``, a draft,
    ``exclude``)."""
    relative = site.relative(path)
    route = site.router.site.pages.get(relative) if relative is not None else None
    return route is not None and route.left_out


def target_paths(paths: Sequence[Path], config: Config) -> list[Path]:
    if paths:
        return list(paths)
    if not config.pages_dir.is_dir():
        raise UsageError(
            f"no paths given and the pages folder '{config.pages}' does not exist"
            f" (looked in {config.root}); pass paths or set 'pages' in openaccess.toml"
        )
    return [config.pages_dir]


def site_root(paths: Sequence[Path], config: Config) -> Path:
    """Without a generator, the folder links resolve against: the pages folder when a
    path is in it or holds it (files beside it, such as a README that pre-commit passes
    along, are checked beside the site: see ``Site._on_disk``), else the deepest folder
    that holds every path."""
    # A symlinked page stands where it is named: its target may lie anywhere (discovery
    # refuses one that leaves the project), and must not widen the site to its folder.
    resolved = [_real_folder(p) / p.name if p.is_symlink() else Path(os.path.realpath(p))
                for p in paths]  # fmt: skip
    pages_dir = config.pages_dir
    if pages_dir.is_dir() and any(
        p == pages_dir or pages_dir in p.parents or p in pages_dir.parents for p in resolved
    ):
        return pages_dir
    folders = [p if p.is_dir() else p.parent for p in resolved]
    return Path(os.path.commonpath(folders))


def _folder_of(path: Path) -> str:
    """The folder a path asked for stands for: itself, or a file's folder (absolute)."""
    absolute = os.path.abspath(path)
    return absolute if os.path.isdir(absolute) else os.path.dirname(absolute)


def _real_folder(path: Path) -> Path:
    return Path(os.path.realpath(path.absolute().parent))


def open_site(root: Path, config: Config) -> Site:
    """The site of the pages under ``root``, for a caller that checks pages one by one
    (the test suite, tools): the project of ``root`` with ``config``."""
    return open_project([root], config).site
