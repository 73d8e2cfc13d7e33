"""Run one rule over a fixture page, the way `check --select CODE` would.

Fixtures live in ``tests/fixtures/<CODE>/``: each page ``<case>.md`` (or ``.html``) has
``<case>.expected`` beside it with one ``LINE:COL CODE message`` line per diagnostic.
The fixture folder is the site root, so link fixtures can point at sibling files.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from openaccess.config import Config, load_config
from openaccess.linter import Linter
from openaccess.page import PAGE_SUFFIXES, Page
from openaccess.run.facts import gather
from openaccess.run.project import open_site

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_pages(code: str) -> list[Path]:
    return pages_in(FIXTURES / code)


def pages_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in PAGE_SUFFIXES and p.is_file())


def fixture_config(folder: Path) -> Config:
    """The folder's own ``openaccess.toml`` (e.g. a ``base_url`` or ``url_style``), if any;
    else the folder is the pages folder, so a fixture reads the same in a checkout and
    in a copy (no repository's files around it: see run.project._repository_read)."""
    explicit = folder / "openaccess.toml"
    return load_config(explicit=explicit) if explicit.is_file() else Config(root=folder, pages=".")


def run_rule(code: str, page_path: Path, config: Config | None = None) -> list[str]:
    if (page_path.parent / ".openaccess").is_dir() and config is None:
        # The fixture's cache (external link results checked long ago) is committed here,
        # and openaccess never uses a cache git tracks (a pull request could commit one
        # saying every link works): the rule runs on a copy outside the repository.
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary) / page_path.parent.name
            shutil.copytree(page_path.parent, folder)
            return _run_rule(code, folder / page_path.name, fixture_config(folder))
    return _run_rule(code, page_path, config or fixture_config(page_path.parent))


def _run_rule(code: str, page_path: Path, config: Config) -> list[str]:
    # The rules the fixture's config turns on run too, as with ``check --select CODE,...``
    # naming them (OA001 judges only the suppressions of rules that run).
    enabled = [rule for rule, setting in config.rule.items() if setting.enabled]
    linter = Linter(config, select=[code, *enabled])
    site_root = page_path.parent
    page = Page.load(page_path, page_path.name, config.max_file_size)
    site = open_site(site_root, config)
    diagnostics = linter.check_page(page, site)
    if any(active.rule.site_wide for active in linter.active):
        pages = [Page.load(p, p.name, config.max_file_size) for p in pages_in(site_root)]
        site = open_site(site_root, config)
        gather(pages, site, config)
        by_name = {p.display_path: p for p in pages}
        diagnostics += [
            d for d in linter.check_site(list(by_name.values()), site) if d.path == page_path.name
        ]
    return [
        f"{d.line}:{d.column} {d.code} {d.message}"
        for d in sorted(diagnostics, key=lambda d: d.sort_key)
    ]


def expected_lines(page_path: Path) -> list[str]:
    expected = page_path.with_suffix(".expected")
    return [line for line in expected.read_text(encoding="utf-8").splitlines() if line.strip()]
