"""Which generator builds the site, read from its own configuration.

``generator = "auto"`` (the default) looks for ``mkdocs.yml`` (or ProperDocs'
``properdocs.yml``, or Zensical's ``zensical.toml``), a Hugo config
(``hugo.toml``/``.yaml``/``.json``, ``config.toml``/``.yaml``/``.json`` next to a
``content`` folder, or ``config/_default/``) and Jekyll's ``_config.yml``, in the
project folder (where openaccess's config is, else the working directory) and its parents
up to the repository's top. openaccess's own settings win over the generator's:
``pages``, ``base_url``, ``title_h1`` and ``[links] slug_style`` when they are set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from openaccess.config import Config, ConfigError
from openaccess.fsutil import inside_project
from openaccess.routing.plain import PlainSite

if TYPE_CHECKING:
    from openaccess.routing.base import Generator

GENERATORS = ("auto", "mkdocs", "hugo", "jekyll", "none")
# ProperDocs, the continuation of MkDocs 1.6 ("a drop-in replacement"), reads the same
# settings from properdocs.yml. Zensical, Material for MkDocs' successor, builds from
# mkdocs.yml too, or from the same settings in zensical.toml's [project] table.
MKDOCS_CONFIGS = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml", "zensical.toml")
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json")  # fmt: skip
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
# Jupyter Book names its config _config.yml too; its table of contents tells it apart.
JUPYTER_BOOK_TOCS = ("_toc.yml", "_toc.yaml")
_SLUG_STYLES = {"github": "github", "hugo": "goldmark-github", "jekyll": "kramdown-gfm"}


def project_folders(start: Path) -> list[Path]:
    """``start`` and its parents, up to the repository's top (a folder with ``.git``)."""
    folders = []
    for folder in (start, *start.parents):
        folders.append(folder)
        if (folder / ".git").exists():
            break
    return folders


def find_generator(start: Path, wanted: str = "auto") -> tuple[str, Path] | None:
    """(generator, its config file) nearest to ``start``."""
    for folder in project_folders(start):
        for name, found in _candidates(folder):
            if found is not None and wanted in ("auto", name):
                return name, found
    return None


def _candidates(folder: Path) -> list[tuple[str, Path | None]]:
    mkdocs = next((folder / n for n in MKDOCS_CONFIGS if (folder / n).is_file()), None)
    jekyll = next((folder / n for n in JEKYLL_CONFIGS if (folder / n).is_file()), None)
    if jekyll is not None and any((folder / n).is_file() for n in JUPYTER_BOOK_TOCS):
        jekyll = None  # Jupyter Book's _config.yml, beside its table of contents
    hugo = find_hugo_config(folder)
    if hugo is not None and hugo.name.startswith("config.") and not _looks_like_hugo(folder):
        hugo = None  # a config.toml of something else
    return [("mkdocs", mkdocs), ("hugo", hugo), ("jekyll", jekyll)]


def find_hugo_config(folder: Path) -> Path | None:
    """Hugo's config file in ``folder``, else ``config/_default/``'s (the folder itself
    when it holds only per-key files)."""
    for name in HUGO_CONFIGS:
        if (folder / name).is_file():
            return folder / name
    default = folder / "config" / "_default"
    if default.is_dir():
        for name in HUGO_CONFIGS:
            if (default / name).is_file():
                return default / name
        return default
    return None


def _looks_like_hugo(folder: Path) -> bool:
    return any((folder / name).is_dir() for name in ("content", "layouts", "archetypes", "themes"))


def load_detected(config: Config, near: Path | None = None) -> Generator | None:
    """The generator whose config is found from the project folder, else from ``near``
    (the folder that holds the paths asked for: ``openaccess check my-site/`` run from
    the folder above it finds ``my-site/hugo.toml``). None: none found and
    ``generator = "auto"``."""
    if config.generator == "none":
        return None
    found = _named_config(config) if config.generator_config else None
    found = found or find_generator(config.root, config.generator)
    if found is None and near is not None and near != config.root:
        found = find_generator(near, config.generator)
    if found is None and config.generator == "jekyll":
        from openaccess.routing.jekyll import github_pages_jekyll

        return _own_settings_win(github_pages_jekyll(config.root), config)
    if found is None:
        if config.generator != "auto":
            raise ConfigError(
                f"generator = '{config.generator}' but no {config.generator} config was found"
                f" in {config.root} or its parents"
            )
        return None
    name, path = found
    return _own_settings_win(_load(name, path, config.hugo_version), config)


def _named_config(config: Config) -> tuple[str, Path]:
    """The generator config that ``generator_config`` names, and whose it is: the
    ``generator`` setting, else what its file name says (``mkdocs-online.yml``)."""
    path = (config.root / config.generator_config).resolve()
    key = f"{config.source or 'config'}: generator_config = '{config.generator_config}'"
    if not inside_project(path, config.root):
        raise ConfigError(f"{key} is outside the project; openaccess reads no config there")
    if not path.is_file():
        raise ConfigError(f"{key}: no such file (looked for {path})")
    name = config.generator if config.generator != "auto" else _named_by(path.name.lower())
    if name is None:
        raise ConfigError(
            f"{key}: set generator to 'mkdocs', 'hugo' or 'jekyll' to say whose config it is"
        )
    return name, path


def _named_by(file_name: str) -> str | None:
    if file_name.startswith(("mkdocs", "properdocs", "zensical")):
        return "mkdocs"
    if file_name.startswith("_config"):
        return "jekyll"
    if file_name.startswith(("hugo", "config.")):
        return "hugo"
    return None


def _load(name: str, path: Path, hugo_version: str = "") -> Generator:
    """Read one generator's config; each reader is imported only when its site is found
    (a pre-commit run on a plain folder pays for none of them)."""
    if name == "mkdocs":
        from openaccess.routing.mkdocs import load_mkdocs

        return load_mkdocs(path)
    if name == "hugo":
        from openaccess.routing.hugo import load_hugo

        return load_hugo(path, hugo_version)
    from openaccess.routing.jekyll import load_jekyll

    return load_jekyll(path)


def with_generator_settings(config: Config, generator: Generator | None) -> Config:
    """``config`` with the settings the generator decides where openaccess's config is
    silent: ``pages`` (the generator's content folder) and ``title_h1`` (MkDocs themes
    show the body's first h1 as the page's title). Each is recorded as coming from the
    generator's config file (``--show-settings`` names it)."""
    if generator is None:
        return config
    origin = str(generator.config_file or generator.root)
    changes: dict[str, str] = {}
    if "pages" not in config.origins:
        folder = generator.pages_folder()
        content = generator.root / folder if folder else generator.root
        changes["pages"] = os.path.relpath(content, config.root)
    if "title_h1" not in config.origins and generator.title_h1 != "auto":
        changes["title_h1"] = generator.title_h1
    if not changes:
        return config
    origins = {**config.origins, **dict.fromkeys(changes, origin)}
    return replace(config, **changes, origins=origins)


def fallback_generator(config: Config, site_root: Path) -> Generator:
    """Without a generator config: openaccess's own routes, or Hugo's or Jekyll's defaults
    when ``[links] url_style`` asks for them, with the pages folder as content folder."""
    if config.generator != "none" and config.links.url_style == "hugo":
        from openaccess.routing.hugo import default_hugo

        return _own_settings_win(default_hugo(site_root), config)
    if config.generator != "none" and config.links.url_style == "jekyll":
        from openaccess.routing.jekyll import default_jekyll

        return _own_settings_win(default_jekyll(site_root), config)
    site = _own_settings_win(_plain(site_root, config), config)
    if config.generator == "auto":
        site.notes.extend(_unmodelled(site_root, config.root) or _renamed(config.root))
    return site


def _renamed(root: Path) -> list[str]:
    """A note for an MkDocs config under another name in the project folder (Textual
    builds with ``mkdocs build -f mkdocs-online.yml``): ``generator_config`` reads it."""
    for folder in project_folders(root):
        found = [Path(os.path.relpath(p, root)).as_posix() for p in folder.glob("mkdocs?*.y*ml")]
        if found:
            names = ", ".join(sorted(found))
            return [
                f"{names} may be MkDocs configs; to check the pages as MkDocs builds them,"
                " set generator_config in openaccess.toml to the one 'mkdocs build -f' reads"
            ]
    return []


# Config files of generators openaccess does not model, by the generator's name.
UNMODELLED = {
    "book.toml": "mdBook",
    "docfx.json": "DocFX",
    "docusaurus.config.js": "Docusaurus",
    "docusaurus.config.ts": "Docusaurus",
    ".vitepress": "VitePress",
    "_toc.yml": "Jupyter Book",
    "_toc.yaml": "Jupyter Book",
    "myst.yml": "MyST (Jupyter Book 2)",
}


def _unmodelled(site_root: Path, root: Path) -> list[str]:
    """A note for the config of a generator openaccess does not model, near the pages:
    its links and titles follow rules openaccess does not know, and the writer should
    hear that before reading hundreds of findings."""
    for folder in dict.fromkeys([*project_folders(site_root), *project_folders(root)]):
        for name, generator in UNMODELLED.items():
            if (folder / name).exists():
                try:
                    shown = os.path.relpath(folder / name, root)
                except ValueError:  # another drive (Windows)
                    shown = str(folder / name)
                return [
                    f"{shown} is {generator}'s config; openaccess reads Hugo, Jekyll and"
                    f" MkDocs sites only, so links {generator} rewrites, and pages without"
                    " front matter, may be reported wrongly"
                ]
    return []


def _plain(site_root: Path, config: Config) -> Generator:
    """openaccess publish's routes; pages the config excludes are not published."""
    try:
        pages_base = config.pages_dir.resolve().relative_to(site_root.resolve()).as_posix()
    except ValueError:  # the pages folder is not inside the site: nothing it excludes is
        return PlainSite(name="none", root=site_root)
    base = "" if pages_base == "." else pages_base
    return PlainSite(name="none", root=site_root, exclude=tuple(config.exclude), pages_base=base)


def _own_settings_win(site: Generator, config: Config) -> Generator:
    """openaccess's config overrides what the generator's config says."""
    if "links.slug_style" in config.origins:
        site = replace(site, ids=_SLUG_STYLES.get(config.links.slug_style,
                                                  config.links.slug_style))  # fmt: skip
    return site
