"""Configuration: discovery, validation and defaults, in one place.

``openaccess.toml`` (top level) or ``[tool.openaccess]`` in ``pyproject.toml`` is found by
walking up from the working directory: the project's config. Every key is declared below
with its type, default and meaning; unknown keys and wrong types are errors naming the file
and key (exit 2), so a typo never silently does nothing. Rules receive only validated,
complete options.

Like ruff, a folder of pages may hold its own ``openaccess.toml`` for the pages in it and
below: the nearest file wins whole (keys it does not set take their defaults), unless it
says ``extend = "../openaccess.toml"`` and so starts from that file. Such a folder config
sets only what applies page by page (:data:`FOLDER_KEYS`); the site's settings (pages
folder, links, publishing) come from the project's config.
"""

from __future__ import annotations

import re
import tomllib
import typing
from pathlib import Path
from typing import Annotated, Any, ClassVar

from msgspec import Struct, field
from msgspec.structs import replace

from openaccess.errors import ConfigError
from openaccess.values import one_of, typed, unknown_key

# Larger sizes cannot be read into memory at all (and overflow the reading calls).
MAX_FILE_SIZE_LIMIT = 2**40

CONFIG_FILE = "openaccess.toml"
GENERATORS = ("auto", "mkdocs", "hugo", "jekyll", "none")
PYPROJECT = "pyproject.toml"
TITLE_H1_MODES = ("auto", "template", "body")
SEVERITIES = ("error", "warning", "info")

__all__ = ["Config", "ConfigError", "build_config", "load_config"]


class RuleSettings(Struct, frozen=True):
    """``[rule.<code or name>]``: severity, enabled and the rule's own options."""

    severity: str | None = None
    enabled: bool | None = None
    options: dict[str, Any] = field(default_factory=dict)


class PublishSettings(Struct, frozen=True):
    """``[publish]``: where and how ``openaccess publish`` writes the site."""

    output: Annotated[str, "Folder the static site is written to (relative to the config)."] = (
        "site"
    )
    site_title: Annotated[str, "Site name shown in the header and page titles."] = "openaccess site"
    footer: Annotated[str, "Footer text of every published page."] = ""
    templates: Annotated[str, "Folder of Jinja2 templates that override the built-in ones."] = (
        "templates"
    )
    allow_iframes: Annotated[
        bool, "Keep <iframe> elements in raw HTML (off: they are removed)."
    ] = False
    writing_findings: Annotated[
        bool,
        "List readability findings too (off: only those set to 'error' run, as they can stop"
        " a publish; 'check' and 'report' give the rest).",
    ] = False


class HostSettings(Struct, frozen=True):
    """``[links.hosts."<host>"]``: how one host's links are checked by ``--external``."""

    accept: list[int] = field(default_factory=list)  # extra status codes that count as OK
    headers: dict[str, str] = field(default_factory=dict)  # values may use ${ENV_VAR}


class LinkSettings(Struct, frozen=True):
    """``[links]``: how page paths become URLs, heading ids are made and links are checked."""

    url_style: Annotated[
        str, "Without a generator config: how page paths become URLs, 'plain', 'hugo' or 'jekyll'."
    ] = "plain"
    slug_style: Annotated[
        str,
        "Heading id rule: 'github' (same as publish), 'hugo', 'jekyll', 'python-markdown',"
        " 'kramdown', 'pymdownx.slugs.uslugify'... (docs/links.md, 'Heading ids').",
    ] = "github"
    external: Annotated[bool, "Also fetch external http(s) links (same as --external)."] = False
    exclude_urls: Annotated[
        list[str],
        "Regular expressions: matching links are not checked (local) or fetched (external).",
    ] = []
    remap: Annotated[
        list[str],
        "'PATTERN REPLACEMENT' pairs (regular expression, then replacement): a link matching"
        " PATTERN is checked as REPLACEMENT (e.g. a URL the server rewrites).",
    ] = []
    known_ids: Annotated[
        dict[str, list[str]],
        "Ids that templates, plugins or hooks add to pages, by glob of page paths:"
        ' { "*" = ["top"], "guides/*" = ["comments", "config.*"] } (an id may be a glob).',
    ] = {}
    concurrency: Annotated[int, "Most external requests open at once, in total."] = 32
    host_concurrency: Annotated[int, "Most requests open at once to any one host."] = 4
    host_interval: Annotated[float, "Least seconds between two requests to one host."] = 0.0
    timeout: Annotated[
        float, "Seconds one request may take in all: connecting, headers and body."
    ] = 10.0
    link_deadline: Annotated[
        float, "Seconds one link's whole check may take: every redirect, retry and wait."
    ] = 60.0
    external_deadline: Annotated[
        float, "Seconds all external checks of a run may take; later links: not checked."
    ] = 120.0
    retries: Annotated[int, "Retries after a 429 or 5xx answer (or a dropped connection)."] = 2
    retry_wait_max: Annotated[
        float, "Longest wait before a retry, in seconds (caps Retry-After and backoff)."
    ] = 30.0
    max_redirects: Annotated[int, "Redirects followed before a link counts as broken."] = 10
    cache_max_age: Annotated[
        int, "Seconds a working link's result is reused from .openaccess/cache (0: no cache)."
    ] = 86400
    allow_private: Annotated[
        bool, "Allow connecting to loopback, private, link-local and multicast addresses."
    ] = False
    check_fragments: Annotated[bool, "Check #fragments of external HTML pages (reads bodies)."] = (
        False
    )
    max_body_bytes: Annotated[int, "Most bytes of a response body read (fragment checks)."] = (
        1048576
    )
    user_agent: Annotated[
        str, "User-Agent header (default: 'openaccess/<version> link checker')."
    ] = ""
    hosts: Annotated[
        dict[str, HostSettings],
        'Per-host settings: [links.hosts."example.com"] accept = [403], headers = {...}.',
    ] = {}

    def __post_init__(self) -> None:
        from openaccess.routing.ids import UNKNOWN_ALGORITHM, get_algorithm

        if self.url_style not in ("plain", "hugo", "jekyll"):
            raise ConfigError(
                f"key 'links.url_style' must be 'plain', 'hugo' or 'jekyll', got {self.url_style!r}"
            )
        try:
            get_algorithm(self.slug_style)
        except KeyError:
            raise ConfigError(
                f"key 'links.slug_style' must be a heading id algorithm ({UNKNOWN_ALGORITHM}),"
                f" got {self.slug_style!r}"
            ) from None
        for key in ("concurrency", "host_concurrency", "max_body_bytes"):
            if getattr(self, key) <= 0:
                raise ConfigError(f"key 'links.{key}' must be a positive whole number")
        for key in (
            "host_interval",
            "timeout",
            "retry_wait_max",
            "retries",
            "max_redirects",
            "cache_max_age",
        ):
            if getattr(self, key) < 0:
                raise ConfigError(f"key 'links.{key}' must not be negative")
        for key in ("timeout", "link_deadline", "external_deadline"):
            if getattr(self, key) <= 0:
                raise ConfigError(f"key 'links.{key}' must be more than 0 seconds")
        for pattern in self.exclude_urls:
            _regex("links.exclude_urls", pattern)
        for pair in self.remap:
            pattern, _, replacement = pair.strip().partition(" ")
            if not replacement.strip():
                raise ConfigError(
                    f"key 'links.remap': {pair!r} must be 'PATTERN REPLACEMENT' (two parts)"
                )
            _regex("links.remap", pattern)
        for glob, ids in self.known_ids.items():
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise ConfigError(f"key 'links.known_ids': '{glob}' must name a list of ids")

    def remap_patterns(self) -> list[tuple[re.Pattern[str], str]]:
        pairs = (pair.strip().partition(" ") for pair in self.remap)
        return [(re.compile(pattern), replacement.strip()) for pattern, _, replacement in pairs]

    def exclude_patterns(self) -> list[re.Pattern[str]]:
        return [re.compile(pattern) for pattern in self.exclude_urls]


def _regex(key: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ConfigError(
            f"key '{key}': {pattern!r} is not a valid regular expression: {error}"
        ) from None


class Config(Struct, frozen=True):
    """The validated configuration. Paths are absolute (resolved against ``root``)."""

    root: Annotated[Path, "Folder of the config file (or the working directory)."] = Path(".")
    source: Annotated[Path | None, "The config file that was read, if any."] = None
    base_url: Annotated[
        str, "The site's own address; absolute links to it are checked locally."
    ] = ""
    pages: Annotated[
        str,
        "Folder of pages checked and published when no paths are given (default: the"
        " generator's content folder when one is found, else 'pages').",
    ] = "pages"
    generator: Annotated[
        str,
        "The site's generator: 'auto' (find mkdocs.yml, a Hugo or a Jekyll config),"
        " 'mkdocs', 'hugo', 'jekyll' or 'none' (openaccess publish's own routes).",
    ] = "auto"
    generator_config: Annotated[
        str,
        "The generator's config file when it has another name (what 'mkdocs build -f' or"
        " 'hugo --config' is given), relative to this config's folder.",
    ] = ""
    hugo_version: Annotated[
        str,
        "The Hugo version that builds the site (such as '0.152.2'), when the site's own"
        " files do not say: Hugo's links and heading ids changed between versions.",
    ] = ""
    exclude: Annotated[list[str], "Glob patterns (relative to the pages folder) to skip."] = []
    rules: Annotated[str, "Folder of rule data overriding the built-in schema and word lists."] = ""
    language: Annotated[
        str, "Language of pages that do not give one (front matter 'lang', <html lang>)."
    ] = "en"
    title_h1: Annotated[
        str,
        "Which heading is a page's h1: 'template' (the front matter title, rendered by the"
        " template), 'body' (the body's own '# ' heading) or 'auto' (a '# ' heading that"
        " starts the body is the page's h1; otherwise the title is).",
    ] = "auto"
    check_quotations: Annotated[
        bool,
        "Also report sentence findings (long, hard, passive, plain words) inside quotations"
        " with an attribution; they always count in the page grade.",
    ] = False
    check_changelogs: Annotated[
        bool,
        "Also run the readability rules on changelogs: pages with three or more headings"
        " that name a release ('## 2.1.0'), or titled as release notes.",
    ] = False
    check_generated: Annotated[
        bool,
        "Also run the readability rules on generated pages: pages that say near their top"
        " that a program writes them ('This API reference is autogenerated from...').",
    ] = False
    check_legal: Annotated[
        bool,
        "Also run the readability rules on legal texts: pages titled 'Terms of Service',"
        " 'Privacy Policy', 'License' and the like.",
    ] = False
    check_specifications: Annotated[
        bool,
        "Also run the readability rules on specifications: pages that read their key words"
        " (MUST, SHOULD, MAY) as RFC 2119 defines them.",
    ] = False
    check_minutes: Annotated[
        bool,
        "Also run the readability rules on meeting notes: pages named for their date in a"
        " 'meetings' or 'minutes' folder, or titled as a meeting and opening with its date"
        " or people.",
    ] = False
    select: Annotated[list[str], "Only these rule codes, code prefixes or names run."] = []
    ignore: Annotated[list[str], "These rule codes, code prefixes or names never run."] = []
    max_file_size: Annotated[int, "Files larger than this (bytes) are skipped."] = 10 * 1024 * 1024
    min_severity: Annotated[
        str, "Findings below this severity ('info', 'warning', 'error') are not reported."
    ] = "info"
    respect_gitignore: Annotated[
        bool, "Skip files git ignores (.gitignore, .git/info/exclude) in a git checkout."
    ] = True
    extend: Annotated[str, "Another config file this one starts from (its keys, then these)."] = ""
    rule: Annotated[dict[str, RuleSettings], "Per-rule severity, enabled and options."] = {}
    publish: Annotated[PublishSettings, "[publish] settings."] = PublishSettings()
    links: Annotated[LinkSettings, "[links] settings."] = LinkSettings()
    # Folder configs below the project's, deepest folders first (part of the cache key).
    folders: tuple[FolderConfig, ...] = ()
    # Which file set each key ("key" or "section.key" -> path); absent keys are defaults.
    origins: dict[str, str] = {}
    # One-line warnings for the person running the command (two config files, old keys).
    notes: tuple[str, ...] = ()
    # Not in cache keys (see cache.portable): they change no finding.
    UNKEYED: ClassVar[frozenset[str]] = frozenset({"origins", "notes"})

    @property
    def pages_dir(self) -> Path:
        return (self.root / self.pages).resolve()

    @property
    def rules_dir(self) -> Path | None:
        return (self.root / self.rules).resolve() if self.rules else None

    def folder_config(self, path: Path) -> FolderConfig | None:
        """The nearest folder config of the page at ``path`` (None: the project's applies)."""
        for folder in self.folders:
            if folder.folder == path or folder.folder in path.parents:
                return folder
        return None

    def scoped(self, folder: FolderConfig | None) -> Config:
        """These settings with a folder config's page settings in place of the project's."""
        if folder is None:
            return self
        return replace(self, source=folder.source, folders=(), **folder.values)


class FolderConfig(Struct, frozen=True):
    """An ``openaccess.toml`` inside the pages folder, for the pages at and below it."""

    folder: Path
    source: Path
    values: dict[str, Any]  # the page settings (FOLDER_KEYS), validated
    origins: dict[str, str] = {}
    UNKEYED: ClassVar[frozenset[str]] = frozenset({"origins"})  # see cache.portable


# Keys a folder config may set: what applies to one page at a time.
_HUGO_VERSION = re.compile(r"v?\d+\.\d+(?:\.\d+)?")
FOLDER_KEYS = frozenset({"select", "ignore", "rule", "language", "rules", "extend"})
# Keys whose values are paths, resolved against the file that sets them.
_PATH_KEYS = frozenset({"pages", "rules", "extend"})

_SECTIONS: dict[str, type] = {"publish": PublishSettings, "links": LinkSettings}
_INTERNAL = {"root", "source", "folders", "origins", "notes"}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest openaccess.toml, or pyproject.toml with [tool.openaccess], at or above start."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        table = _pyproject_table(folder / PYPROJECT)
        if table is not None:
            return folder / PYPROJECT, table
    return None


def _pyproject_table(pyproject: Path) -> dict[str, Any] | None:
    if not pyproject.is_file():
        return None
    table = _read_toml(pyproject).get("tool", {}).get("openaccess")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.openaccess] must be a table")
    return table


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Load the configuration from ``explicit`` or by discovery from ``start``, with the
    folder configs below it (not with ``explicit``: a named file applies to every page)."""
    start = (start or Path.cwd()).resolve()
    if explicit is not None:
        explicit = explicit.resolve()
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file does not exist")
        table = _read_toml(explicit)
        if explicit.name == PYPROJECT:
            table = table.get("tool", {}).get("openaccess", {})
        found: tuple[Path, dict[str, Any]] | None = (explicit, table)
    else:
        found = find_config(start)
        found = _project_config(found) if found is not None else None
    if found is None:
        return Config(root=start)
    path, table = found
    table, origins = _extended(path, table)
    config = build_config(table, root=path.parent, source=path)
    notes = [*_both_files_note(path), *_old_key_notes(path, table), *_exclude_notes(config)]
    folders = () if explicit is not None else _folder_configs(config)
    return replace(config, origins=origins, notes=tuple(notes), folders=folders)


def _project_config(found: tuple[Path, dict[str, Any]]) -> tuple[Path, dict[str, Any]]:
    """The project's config, when ``found`` (the nearest to the working folder) is a
    folder's own file: run from ``pages/legal``, the nearest file is that folder's, but the
    project's settings (pages, cache, output) come from the file above whose pages folder
    holds it, exactly as when run from the project's folder. A file that sets a key of
    the whole site (``pages``...) is a project's own, wherever it lies."""
    path, table = found
    while path.name == CONFIG_FILE and set(table) <= FOLDER_KEYS:
        above = find_config(path.parent.parent)
        if above is None or above[0] == path:
            break
        merged, _ = _extended(*above)
        pages = build_config(merged, root=above[0].parent, source=above[0]).pages_dir
        if path.parent != pages and pages not in path.parent.parents:
            break
        path, table = above
    return path, table


def _both_files_note(path: Path) -> list[str]:
    """Two config files in one folder: say which one is read, so nobody edits the other."""
    if path.name not in (CONFIG_FILE, PYPROJECT):  # a file named with --config, such as
        return []  # guide.toml, is read whatever lies beside it
    other = path.parent / (PYPROJECT if path.name == CONFIG_FILE else CONFIG_FILE)
    if path.name == CONFIG_FILE and _pyproject_table(other) is None:
        return []
    if path.name == PYPROJECT and not other.is_file():
        return []
    return [
        f"warning: both {path.parent / CONFIG_FILE} and [tool.openaccess] in"
        f" {path.parent / PYPROJECT} exist; only {CONFIG_FILE} is read. Move the settings"
        " into one of them."
    ]


def _old_key_notes(path: Path, table: dict[str, Any]) -> list[str]:
    links = table.get("links")
    if isinstance(links, dict) and "exclude" in links:
        return [
            f"warning: {path}: [links] exclude is now called exclude_urls (regular"
            " expressions of addresses never fetched; 'exclude' names page globs); rename it"
        ]
    return []


def _exclude_notes(config: Config) -> list[str]:
    """``exclude`` globs are relative to the pages folder, though other paths in the file
    are relative to the file: ``pages/drafts/*`` then matches nothing, in silence."""
    try:
        pages = config.pages_dir.relative_to(config.root).as_posix()
    except ValueError:
        return []
    if pages == ".":
        return []
    return [
        f"warning: {config.source}: exclude pattern '{pattern}' starts with the pages folder;"
        f" patterns are relative to {pages}/, so write '{pattern[len(pages) + 1 :]}'"
        for pattern in config.exclude
        if pattern.startswith(f"{pages}/") and not (config.pages_dir / pages).is_dir()
    ]


def _extended(
    path: Path, table: dict[str, Any], seen: tuple[Path, ...] = (), absolute: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """``table`` on top of the file its ``extend`` names (recursively), and where each key
    came from. Relative paths of extended files (and all, with ``absolute``) are made
    absolute against the file that wrote them."""
    if path in seen:
        chain = " -> ".join(str(p) for p in (*seen, path))
        raise ConfigError(f"{path}: 'extend' goes round in a circle: {chain}")
    own = _absolute_paths(path, table) if seen or absolute else dict(table)
    if seen:  # an extended file: its own mistakes are named in it, not in the file above
        build_config({k: v for k, v in own.items() if k != "extend"}, path.parent, path)
    origins = {key: str(path) for key in _keys(own)}
    target = own.get("extend")
    if not target:
        return own, origins
    typed(str(path), "extend", target, str)
    base_path = (path.parent / target).resolve()
    if not base_path.is_file():
        raise ConfigError(f"{path}: key 'extend': {target} does not exist")
    base = _read_toml(base_path)
    if base_path.name == PYPROJECT:
        base = base.get("tool", {}).get("openaccess", {})
    inherited, inherited_origins = _extended(base_path, base, (*seen, path))
    merged = _merge(inherited, own)
    merged["extend"] = target  # shown by --show-settings; each file's is read above
    return merged, {**inherited_origins, **origins}


def _absolute_paths(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    resolved = dict(table)
    for key in _PATH_KEYS & resolved.keys():
        if isinstance(resolved[key], str) and resolved[key]:
            resolved[key] = str((path.parent / resolved[key]).resolve())
    publish = resolved.get("publish")
    if isinstance(publish, dict):
        resolved["publish"] = {
            key: str((path.parent / value).resolve())
            if key in ("output", "templates") and isinstance(value, str) and value
            else value
            for key, value in publish.items()
        }
    return resolved


def _merge(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Keys of ``own`` replace those of ``base``; tables ([links], [rule.X]) merge key by key."""
    merged = dict(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    merged.pop("extend", None)
    return merged


def _keys(table: dict[str, Any]) -> list[str]:
    """Dotted names of the keys set in a table ("pages", "links.timeout",
    "rule.OA502.max_words"): ``extend`` merges tables key by key, so each key of a rule's
    table may come from another file."""
    names = []
    for key, value in table.items():
        if key in _SECTIONS and isinstance(value, dict):
            names += [f"{key}.{inner}" for inner in value]
        elif key == "rule" and isinstance(value, dict):
            for rule_id, options in value.items():
                inner = options if isinstance(options, dict) else {}
                names += [f"rule.{rule_id}.{option}" for option in inner] or [f"rule.{rule_id}"]
        else:
            names.append(key)
    return names


def _folder_configs(project: Config) -> tuple[FolderConfig, ...]:
    """Every ``openaccess.toml`` under the pages folder (hidden folders and symlinks are
    skipped, as page discovery does), deepest first so the nearest one is found first."""
    import os

    top = project.pages_dir
    if not top.is_dir():
        return ()
    found: list[FolderConfig] = []
    for folder, dirs, names in os.walk(top, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
        here = Path(folder)
        if CONFIG_FILE in names and here / CONFIG_FILE != project.source:
            found.append(_folder_config(project, here / CONFIG_FILE))
    found.sort(key=lambda item: len(item.folder.parts), reverse=True)
    return tuple(found)


def _folder_config(project: Config, path: Path) -> FolderConfig:
    own = _read_toml(path)
    for key in own:
        if key not in FOLDER_KEYS:
            where = project.source or "the project's config"
            raise ConfigError(
                f"{path}: key '{key}' applies to the whole site and can only be set in {where};"
                f" a folder's config sets only {', '.join(sorted(FOLDER_KEYS))}"
            )
    table, origins = _extended(path, own, absolute=True)
    scoped = {key: value for key, value in table.items() if key in FOLDER_KEYS}
    settings = build_config(scoped, root=path.parent, source=path)
    values = {key: getattr(settings, key) for key in sorted(FOLDER_KEYS - {"extend"})}
    keep = {key: value for key, value in origins.items() if key.split(".")[0] in FOLDER_KEYS}
    return FolderConfig(path.parent, path, values, keep)


def build_config(table: dict[str, Any], root: Path, source: Path | None = None) -> Config:
    where = str(source) if source else "config"
    values: dict[str, Any] = {"root": root, "source": source}
    known = {name: name for name in Config.__struct_fields__ if name not in _INTERNAL}
    hints = typing.get_type_hints(Config)
    for key, value in table.items():
        if key not in known:
            raise unknown_key(where, key, "", known)
        if key in _SECTIONS:
            values[key] = _section(where, key, value, _SECTIONS[key])
        elif key == "rule":
            values[key] = _rule_table(where, value)
        else:
            values[key] = typed(where, key, value, hints[key])
    config = Config(**values)
    one_of(where, "generator", config.generator, GENERATORS)
    one_of(where, "min_severity", config.min_severity, ("info", "warning", "error"))
    one_of(where, "title_h1", config.title_h1, TITLE_H1_MODES)
    if config.hugo_version and not _HUGO_VERSION.fullmatch(config.hugo_version):
        raise ConfigError(
            f"{where}: key 'hugo_version' must be a version such as '0.152.2', not"
            f" {config.hugo_version!r}"
        )
    if not 0 < config.max_file_size <= MAX_FILE_SIZE_LIMIT:
        raise ConfigError(
            f"{where}: key 'max_file_size' must be a number of bytes from 1 to"
            f" {MAX_FILE_SIZE_LIMIT} (1 TiB)"
        )
    if config.rules_dir is not None and not config.rules_dir.is_dir():
        raise ConfigError(f"{where}: key 'rules': rules folder {config.rules_dir} does not exist")
    return config


def _section(where: str, name: str, value: Any, kind: type) -> Any:
    typed(where, name, value, dict)
    hints = typing.get_type_hints(kind)
    checked = {}
    if kind is LinkSettings and "exclude" in value:  # its name until 0.2 (see the notes)
        if "exclude_urls" in value:
            raise ConfigError(f"{where}: [links] sets both exclude and exclude_urls; keep one")
        value = {("exclude_urls" if key == "exclude" else key): item for key, item in value.items()}
    for key, item in value.items():
        if key not in hints:
            raise unknown_key(where, key, name, hints)
        if kind is LinkSettings and key == "hosts":
            checked[key] = _hosts_table(where, item)
        else:
            checked[key] = typed(where, f"{name}.{key}", item, hints[key])
    try:
        return replace(kind(), **checked)
    except ConfigError as error:
        raise ConfigError(f"{where}: {error}") from None


_SECRET_HEADER = re.compile(r"authorization|cookie|token|key|secret|password", re.IGNORECASE)
_ENV_REFERENCE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")


def _hosts_table(where: str, value: Any) -> dict[str, HostSettings]:
    """``[links.hosts."<host>"]`` tables. Secrets never live in config: a header that
    carries credentials must take its value from ``${ENV_VAR}`` references."""
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: [links.hosts] must hold [links.hosts."<host>"] tables')
    hosts = {}
    for host, table in value.items():
        place = f'[links.hosts."{host}"]'
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: {place} must be a table")
        unknown = set(table) - {"accept", "headers"}
        if unknown:
            raise unknown_key(
                where, sorted(unknown)[0], f'links.hosts."{host}"', ["accept", "headers"]
            )
        accept = table.get("accept", [])
        if not isinstance(accept, list) or not all(
            isinstance(code, int) and not isinstance(code, bool) and 100 <= code <= 599
            for code in accept
        ):
            raise ConfigError(
                f"{where}: {place} accept must be a list of HTTP status codes, got {accept!r}"
            )
        headers = table.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise ConfigError(f"{where}: {place} headers must be a table of strings")
        for name, header in headers.items():
            literal = _ENV_REFERENCE.sub("", header).strip()
            if (
                _SECRET_HEADER.search(name)
                and literal
                and literal.lower() not in ("bearer", "token", "basic")
            ):
                raise ConfigError(
                    f"{where}: {place} header '{name}' holds a literal value; put the secret in an"
                    ' environment variable and write it as ${NAME} (e.g. "Bearer ${GITHUB_TOKEN}")'
                )
        hosts[host.lower()] = HostSettings(list(accept), dict(headers))
    return hosts


def _rule_table(where: str, value: Any) -> dict[str, RuleSettings]:
    """``[rule.X]`` tables: severity and enabled checked here; the rule's own options are
    checked against its declared kinds when the rules are set up (see options.py)."""
    typed(where, "rule", value, dict)
    settings = {}
    for rule_id, table in value.items():
        options = dict(typed(where, f"rule.{rule_id}", table, dict))
        severity = options.pop("severity", None)
        enabled = options.pop("enabled", None)
        if severity is not None:
            one_of(where, f"rule.{rule_id}.severity", severity, SEVERITIES)
        if enabled is not None:
            typed(where, f"rule.{rule_id}.enabled", enabled, bool)
        settings[rule_id] = RuleSettings(severity, enabled, options)
    return settings


def settings_rows(
    config: Config, origins: dict[str, str] | None = None
) -> list[tuple[str, Any, str]]:
    """(key, value, where it came from) for every setting in effect, for --show-settings.
    ``origins`` defaults to the config's own record of which file set each key."""
    where = config.origins if origins is None else origins
    rows: list[tuple[str, Any, str]] = []
    for name in _top_level_keys():
        rows.append((name, getattr(config, name), where.get(name, "default")))
    for section, kind in _SECTIONS.items():
        settings = getattr(config, section)
        for name in kind.__struct_fields__:
            key = f"{section}.{name}"
            value = getattr(settings, name)
            if isinstance(value, dict):
                value = {name: _plain(setting) for name, setting in value.items()}
            rows.append((key, value, where.get(key, "default")))
    for rule_id, setting in config.rule.items():
        values = {"severity": setting.severity, "enabled": setting.enabled, **setting.options}
        shown = {name: value for name, value in values.items() if value is not None}
        for origin, part in _by_origin(where, rule_id, shown).items():
            rows.append((f"rule.{rule_id}", part, origin))
    return rows


def _by_origin(
    origins: dict[str, str], rule_id: str, shown: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """A rule's settings by the file that set them: ``extend`` merges a rule's table key
    by key, so ``max_words`` may come from the extended file and ``severity`` from this one."""
    whole = origins.get(f"rule.{rule_id}", "default")
    parts: dict[str, dict[str, Any]] = {}
    for name, value in shown.items():
        parts.setdefault(origins.get(f"rule.{rule_id}.{name}", whole), {})[name] = value
    return parts or {whole: {}}


def _plain(value: Any) -> Any:
    """A settings object as a plain dict (for display)."""
    if isinstance(value, Struct):
        return {name: getattr(value, name) for name in value.__struct_fields__}
    return value


def documented_keys() -> list[tuple[str, str, Any]]:
    """(key, meaning, default) for every config key, used by ``openaccess init``."""
    meanings, defaults = _meanings(Config), Config()
    rows = [(name, meanings[name], getattr(defaults, name)) for name in _top_level_keys()]
    for section, kind in _SECTIONS.items():
        meanings, defaults = _meanings(kind), kind()
        for name in kind.__struct_fields__:
            rows.append((f"{section}.{name}", meanings[name], getattr(defaults, name)))
    return rows


def _top_level_keys() -> list[str]:
    """Config keys outside sections and the rule table, in the order they are declared."""
    skipped = _INTERNAL | set(_SECTIONS) | {"rule"}
    return [name for name in Config.__struct_fields__ if name not in skipped]


def _meanings(kind: type) -> dict[str, str]:
    """Each key's meaning: the text its annotation carries (``Annotated[type, "meaning"]``)."""
    hints = typing.get_type_hints(kind, include_extras=True)
    return {
        name: hint.__metadata__[0] for name, hint in hints.items() if hasattr(hint, "__metadata__")
    }
