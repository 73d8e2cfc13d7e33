"""Hugo's front matter ``cascade`` and ``build`` options, as ``hugo`` reads them.

A ``cascade`` block in a page's front matter (or in the site config) passes its values
down to the page itself and to every page below it. A page's own value wins, then the
nearest cascade. An entry may name a ``target`` (``path``, ``kind``, ``lang``,
``environment``: case-insensitive globs where ``*`` stops at ``/`` and ``**`` does not).
openaccess reads the site as ``hugo`` builds it, so the environment is ``production``.

``build`` (or ``_build``) decides what Hugo writes: ``render: never`` (or ``false``) and
``link`` pages get no file, and ``publishResources: false`` bundles get no copied files
unless a template asks for one. ``list: never`` keeps a page out of every list of pages
(its section's too). ``headless: true`` turns all of them off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from msgspec import Struct

ENVIRONMENT = "production"  # what `hugo` builds (`hugo server` builds "development")


class BuildOptions(Struct, frozen=True):
    """A page's ``build`` options, decoded as Hugo decodes them (``DecodeBuildConfig``):
    a bool is the old form, an unknown value is the default."""

    render: str = "always"  # always, never, link
    publish_resources: bool = True
    list: str = "always"  # always, local (its section's lists only), never

    @property
    def writes_page(self) -> bool:
        return self.render == "always"


def build_options(meta: dict[str, Any]) -> BuildOptions:
    if meta.get("headless") is True:
        return BuildOptions("never", False, "never")
    options = meta.get("build", meta.get("_build"))
    if not isinstance(options, dict):
        return BuildOptions()
    options = {str(key).lower(): value for key, value in options.items()}
    render = options.get("render", "always")
    if isinstance(render, bool):
        render = "always" if render else "never"
    if render not in ("always", "never", "link"):
        render = "always"
    publish = options.get("publishresources", True)
    if isinstance(publish, str):
        publish = publish.strip().lower() not in ("0", "f", "false")
    listed = options.get("list", "always")
    if isinstance(listed, bool):
        listed = "always" if listed else "never"
    if listed not in ("always", "local", "never"):
        listed = "always"
    return BuildOptions(render, publish is not False, listed)


def cascade_entries(value: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(target, values) of each entry of a ``cascade`` block: a table or a list of them."""
    items = value if isinstance(value, list) else [value]
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        target = item.get("target", item.get("_target"))
        values = {k: v for k, v in item.items() if k not in ("target", "_target")}
        entries.append((target if isinstance(target, dict) else {}, values))
    return entries


class PageKey(Struct, frozen=True):
    """What a cascade target matches: the page's kind, logical path and language."""

    kind: str  # home, section, page
    path: str  # "/guides/planting" (lower case), "/" for the home page
    lang: str


def targets(target: dict[str, Any], page: PageKey) -> bool:
    wanted = {"kind": page.kind, "path": page.path, "lang": page.lang,
              "environment": ENVIRONMENT}  # fmt: skip
    for key, value in target.items():
        key = str(key).lower()
        matches = not isinstance(value, str) or not value or key not in wanted
        if not matches and not _glob(value.lower()).fullmatch(wanted[key].lower()):
            return False
    return True


def apply_cascades(meta: dict[str, Any], page: PageKey, cascades: Iterator[Any]) -> dict[str, Any]:
    """``meta`` with the values of ``cascades`` (nearest first) it does not set itself."""
    merged = dict(meta)
    for block in cascades:
        for target, values in cascade_entries(block):
            if not targets(target, page):
                continue
            for key, value in values.items():
                merged.setdefault(key, value)
    return merged


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    """A Hugo (gobwas) glob with ``/`` as separator, as a regular expression."""
    out: list[str] = []
    index = 0
    depth = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            depth += 1
            out.append("(?:")
        elif char == "}" and depth:
            depth -= 1
            out.append(")")
        elif char == "," and depth:
            out.append("|")
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1 : end].replace("\\", "\\\\")
                out.append("[^" + body[1:] + "]" if body.startswith("!") else f"[{body}]")
                index = end
        else:
            out.append(re.escape(char))
        index += 1
    out.append(")" * depth)
    try:
        return re.compile("".join(out))
    except re.error:
        return re.compile(re.escape(pattern))
