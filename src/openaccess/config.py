"""Configuration: discovery, validation and defaults, in one place.

``openaccess.toml`` (top level) or ``[tool.openaccess]`` in ``pyproject.toml`` is found by
walking up from the working directory. Every key is declared below with its type, default
and meaning; unknown keys and wrong types are errors naming the file and key (exit 2), so a
typo never silently does nothing. Rules receive only validated, complete options.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

CONFIG_FILE = "openaccess.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A usage or configuration problem: reported in one line, exit code 2."""


def _key(default: Any, doc: str, **kwargs: Any) -> Any:
    if isinstance(default, list | dict):
        return field(default_factory=lambda d=default: type(d)(d), metadata={"doc": doc}, **kwargs)
    return field(default=default, metadata={"doc": doc}, **kwargs)


@dataclass(frozen=True)
class RuleSettings:
    """``[rule.<code or name>]``: severity, enabled and the rule's own options."""

    severity: str | None = None
    enabled: bool | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PublishSettings:
    output: str = _key("site", "Folder the static site is written to (relative to the config).")
    site_title: str = _key("openaccess site", "Site name shown in the header and page titles.")
    footer: str = _key("", "Footer text of every published page.")
    templates: str = _key(
        "templates", "Folder of Jinja2 templates that override the built-in ones."
    )
    allow_iframes: bool = _key(False, "Keep <iframe> elements in raw HTML (off: they are removed).")


@dataclass(frozen=True)
class HostSettings:
    """``[links.hosts."<host>"]``: how one host's links are checked by ``--external``."""

    accept: list[int] = field(default_factory=list)  # extra status codes that count as OK
    headers: dict[str, str] = field(default_factory=dict)  # values may use ${ENV_VAR}


@dataclass(frozen=True)
class LinkSettings:
    url_style: str = _key("plain", "How page paths become URLs: 'plain', 'hugo' or 'jekyll'.")
    slug_style: str = _key(
        "github", "Heading id rule: 'github' (same as publish), 'hugo' or 'jekyll'."
    )
    external: bool = _key(False, "Also fetch external http(s) links (same as --external).")
    exclude: list[str] = _key([], "Regular expressions: matching URLs are never fetched.")
    concurrency: int = _key(32, "Most external requests open at once, in total.")
    host_concurrency: int = _key(4, "Most requests open at once to any one host.")
    host_interval: float = _key(0.0, "Least seconds between two requests to one host.")
    timeout: float = _key(10.0, "Seconds before one request is given up.")
    retries: int = _key(2, "Retries after a 429 or 5xx answer (or a dropped connection).")
    retry_wait_max: float = _key(
        30.0, "Longest wait before a retry, in seconds (caps Retry-After and backoff)."
    )
    max_redirects: int = _key(10, "Redirects followed before a link counts as broken.")
    cache_max_age: int = _key(
        86400, "Seconds a working link's result is reused from .openaccess/cache (0: no cache)."
    )
    allow_private: bool = _key(
        False, "Allow connecting to loopback, private, link-local and multicast addresses."
    )
    check_fragments: bool = _key(False, "Check #fragments of external HTML pages (reads bodies).")
    max_body_bytes: int = _key(1048576, "Most bytes of a response body read (fragment checks).")
    user_agent: str = _key("", "User-Agent header (default: 'openaccess/<version> link checker').")
    hosts: dict[str, HostSettings] = _key(
        {}, 'Per-host settings: [links.hosts."example.com"] accept = [403], headers = {...}.'
    )

    def __post_init__(self) -> None:
        from openaccess.slugs import SLUG_STYLES

        if self.url_style not in ("plain", "hugo", "jekyll"):
            raise ConfigError(
                f"key 'links.url_style' must be 'plain', 'hugo' or 'jekyll', got {self.url_style!r}"
            )
        if self.slug_style not in SLUG_STYLES:
            raise ConfigError(
                "key 'links.slug_style' must be 'github', 'hugo' or 'jekyll',"
                f" got {self.slug_style!r}"
            )
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
        if self.timeout == 0:
            raise ConfigError("key 'links.timeout' must be more than 0 seconds")
        for pattern in self.exclude:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ConfigError(
                    f"key 'links.exclude': {pattern!r} is not a valid regular expression: {error}"
                ) from None


@dataclass(frozen=True)
class Config:
    """The validated configuration. Paths are absolute (resolved against ``root``)."""

    root: Path = _key(Path("."), "Folder of the config file (or the working directory).")
    source: Path | None = _key(None, "The config file that was read, if any.")
    base_url: str = _key("", "The site's own address; absolute links to it are checked locally.")
    pages: str = _key("pages", "Folder of pages checked and published when no paths are given.")
    exclude: list[str] = _key([], "Glob patterns (relative to the pages folder) to skip.")
    rules: str = _key("", "Folder of rule data overriding the built-in schema and word lists.")
    language: str = _key("en", "Language of pages without a front matter 'lang'.")
    select: list[str] = _key([], "Only these rule codes, code prefixes or names run.")
    ignore: list[str] = _key([], "These rule codes, code prefixes or names never run.")
    max_file_size: int = _key(10 * 1024 * 1024, "Files larger than this (bytes) are skipped.")
    rule: dict[str, RuleSettings] = _key({}, "Per-rule severity, enabled and options.")
    publish: PublishSettings = _key(PublishSettings(), "[publish] settings.")
    links: LinkSettings = _key(LinkSettings(), "[links] settings.")

    @property
    def pages_dir(self) -> Path:
        return (self.root / self.pages).resolve()

    @property
    def rules_dir(self) -> Path | None:
        return (self.root / self.rules).resolve() if self.rules else None


_SECTIONS: dict[str, type] = {"publish": PublishSettings, "links": LinkSettings}
_INTERNAL = {"root", "source"}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest openaccess.toml, or pyproject.toml with [tool.openaccess], at or above start."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate, _read_toml(candidate)
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("openaccess")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{pyproject}: [tool.openaccess] must be a table")
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Load the configuration from ``explicit`` or by discovery from ``start``."""
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
    if found is None:
        return Config(root=start)
    path, table = found
    return build_config(table, root=path.parent, source=path)


def build_config(table: dict[str, Any], root: Path, source: Path | None = None) -> Config:
    where = str(source) if source else "config"
    values: dict[str, Any] = {"root": root, "source": source}
    known = {f.name: f for f in fields(Config) if f.name not in _INTERNAL}
    hints = typing.get_type_hints(Config)
    for key, value in table.items():
        if key not in known:
            raise ConfigError(_unknown(where, key, "", known))
        if key in _SECTIONS:
            values[key] = _section(where, key, value, _SECTIONS[key])
        elif key == "rule":
            values[key] = _rule_table(where, value)
        else:
            values[key] = _typed(where, key, value, hints[key])
    config = Config(**values)
    if config.max_file_size <= 0:
        raise ConfigError(f"{where}: key 'max_file_size' must be a positive number of bytes")
    if config.rules_dir is not None and not config.rules_dir.is_dir():
        raise ConfigError(f"{where}: key 'rules': rules folder {config.rules_dir} does not exist")
    return config


def _unknown(where: str, key: str, section: str, known: Any) -> str:
    place = f" in [{section}]" if section else ""
    names = ", ".join(sorted(known))
    return f"{where}: unknown key '{key}'{place}; known keys: {names}"


def _section(where: str, name: str, value: Any, kind: type) -> Any:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    hints = typing.get_type_hints(kind)
    checked = {}
    for key, item in value.items():
        if key not in hints:
            raise ConfigError(_unknown(where, key, name, hints))
        if kind is LinkSettings and key == "hosts":
            checked[key] = _hosts_table(where, item)
        else:
            checked[key] = _typed(where, f"{name}.{key}", item, hints[key])
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
            raise ConfigError(
                _unknown(where, sorted(unknown)[0], f'links.hosts."{host}"', ["accept", "headers"])
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
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [rule] must be a table of [rule.<code or name>] tables")
    settings = {}
    for rule_id, table in value.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [rule.{rule_id}] must be a table")
        options = dict(table)
        severity = options.pop("severity", None)
        enabled = options.pop("enabled", None)
        if severity is not None and severity not in ("error", "warning", "info"):
            raise ConfigError(
                f"{where}: [rule.{rule_id}] severity must be 'error', 'warning' or 'info',"
                f" got {severity!r}"
            )
        if enabled is not None and not isinstance(enabled, bool):
            raise ConfigError(f"{where}: [rule.{rule_id}] enabled must be true or false")
        settings[rule_id] = RuleSettings(severity, enabled, options)
    return settings


_TYPE_WORDS = {str: "a string", bool: "true or false", int: "a whole number", float: "a number"}


def _typed(where: str, key: str, value: Any, annotation: Any) -> Any:
    """Check ``value`` against a field annotation (str, bool, int, list[str])."""
    hint = _resolve(annotation)
    origin = typing.get_origin(hint)
    if origin is list:
        (item_type,) = typing.get_args(hint)
        if not isinstance(value, list) or not all(isinstance(v, item_type) for v in value):
            raise ConfigError(f"{where}: key '{key}' must be a list of strings, got {value!r}")
        return list(value)
    if hint is bool and not isinstance(value, bool):
        raise ConfigError(f"{where}: key '{key}' must be true or false, got {value!r}")
    if hint is float and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ConfigError(f"{where}: key '{key}' must be a number, got {value!r}")
    if hint is float:
        return float(value)
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{where}: key '{key}' must be a whole number, got {value!r}")
    if hint is str and not isinstance(value, str):
        raise ConfigError(f"{where}: key '{key}' must be a string, got {value!r}")
    return value


def _resolve(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType):
        return next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def documented_keys() -> list[tuple[str, str, Any]]:
    """(key, meaning, default) for every config key, used by ``openaccess init``."""
    rows: list[tuple[str, str, Any]] = []
    for item in fields(Config):
        if item.name in _INTERNAL or item.name in _SECTIONS or item.name == "rule":
            continue
        rows.append((item.name, item.metadata["doc"], _default(item)))
    for section, kind in _SECTIONS.items():
        for item in fields(kind):
            rows.append((f"{section}.{item.name}", item.metadata["doc"], _default(item)))
    return rows


def _default(item: Any) -> Any:
    """A field's default, also for list and dict keys (declared with a default factory)."""
    if item.default_factory is not MISSING:
        return item.default_factory()
    return item.default
