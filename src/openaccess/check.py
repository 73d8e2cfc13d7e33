"""``openaccess check`` as a library call: discover, read, lint, collect. No printing here."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openaccess.config import Config, ConfigError
from openaccess.diagnostics import Diagnostic
from openaccess.discovery import discover
from openaccess.linter import CheckResult, Linter, load_page, unreadable
from openaccess.page import Page
from openaccess.site import Site
from openaccess.source import SourceError


@dataclass
class CheckOptions:
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    extra: dict[str, object] = field(default_factory=dict)


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
    resolved = [p.resolve() for p in paths]
    pages_dir = config.pages_dir
    if all(p == pages_dir or pages_dir in p.parents for p in resolved):
        return pages_dir
    folders = [p if p.is_dir() else p.parent for p in resolved]
    return Path(os.path.commonpath(folders))


def run_check(paths: Sequence[Path], config: Config, options: CheckOptions) -> CheckResult:
    targets = target_paths(paths, config)
    linter = Linter(config, options.select, options.ignore)
    root = site_root(targets, config)
    found = discover(targets, config.exclude, config.pages_dir)
    result = CheckResult()
    for path, why in found.notes:
        result.diagnostics.append(unreadable(display_path(path), SourceError(why, skipped=True)))
    pages: list[Page] = []
    for path in found.files:
        loaded = load_page(path, display_path(path), config)
        result.files_checked += 1
        if isinstance(loaded, Diagnostic):
            result.diagnostics.append(loaded)
        else:
            pages.append(loaded)
    site = Site.scan(root, config.max_file_size, pages)
    for page in pages:
        result.diagnostics.extend(linter.check_page(page, site))
    result.diagnostics.extend(linter.check_site(pages, site))
    result.diagnostics.sort(key=lambda d: d.sort_key)
    return result
