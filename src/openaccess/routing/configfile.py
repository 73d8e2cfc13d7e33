"""Reading a generator's own configuration file (YAML, TOML or JSON) as plain data.

Generator configs use YAML tags openaccess cannot run (``!ENV``, ``!!python/name:...``,
``!relative``); they are read as plain values, so ``!!python/name:pymdownx.slugs.uslugify``
becomes the string ``pymdownx.slugs.uslugify``, ``!ENV [NAME, default]`` its default and
``!ENV NAME`` None (openaccess reads no environment variable: its runs are the same
everywhere; argo-cd's ``site_url: !ENV READTHEDOCS_CANONICAL_URL``).
A file that cannot be parsed is a configuration error naming the file and line.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import yaml

from openaccess.config import ConfigError


class _TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that reads unknown tags as the plain value they are written on."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if tag.startswith("tag:yaml.org,2002:python/name:"):
            return tag.rsplit(":", 1)[-1]
        if tag == "!ENV":  # a variable with no default: unset, as offline, is None
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        if tag == "!ENV":
            return items[-1] if len(items) > 1 else None
        return items
    mapping = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    if "python/object/apply:" in tag:
        return {"function": tag.rsplit(":", 1)[-1], **mapping}
    return mapping


_TolerantLoader.add_multi_constructor("!", _untagged)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def read_config_file(path: Path) -> dict[str, Any]:
    """The file's top-level table; an empty file is an empty table."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the generator's config: {error}") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text) if text.strip() else {}
        else:
            data = yaml.load(text, Loader=_TolerantLoader)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{path}{line}: not valid YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the generator's config must be a table of settings")
    return data


def read_data(text: str, suffix: str) -> Any:
    """A data file's values (YAML or JSON, such as Jekyll's ``_data`` files), or None
    when they cannot be read: what they are for is the site's business, not a finding."""
    try:
        if suffix.lower() == ".json":
            return json.loads(text)
        return yaml.load(text, Loader=_TolerantLoader)
    except (json.JSONDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return None


def lower_keys(table: dict[str, Any]) -> dict[str, Any]:
    """Hugo reads its top-level keys without regard to case (``baseURL``, ``baseurl``)."""
    return {str(key).lower(): value for key, value in table.items()}
