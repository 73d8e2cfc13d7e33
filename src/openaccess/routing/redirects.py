"""Redirects the web host makes: Netlify's ``_redirects`` file and ``netlify.toml``.

A link to an address the built site does not serve still works when the host redirects
it (CNCF's glossary sends ``/microservices/`` to ``/microservices-architecture/``), so
the router follows these rules as the host does: the first rule that matches, only where
no file is (Netlify's shadowing), with ``:placeholder`` and ``*`` (``:splat``) parts, a
trailing slash or none. Rules that need more than the path to match (query parameters,
``Country``, ``Language``, ``Role`` or ``Cookie`` conditions) and custom 404 pages are
left out: openaccess cannot tell when they apply.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from pathlib import Path
from typing import Any

from msgspec import Struct

from openaccess.fsutil import repository_top
from openaccess.routing.base import bounded_template_text

# A redirects file larger than this is not read (Netlify's own limit is far lower in
# practice; this only keeps a hostile checkout from costing memory).
MAX_BYTES = 2_000_000
_STATUS = re.compile(r"(\d{3})(!?)")
_FOLLOWED = frozenset({200, 301, 302, 303, 307, 308})
_PLACEHOLDER = re.compile(r":([A-Za-z_]\w*)")


class Redirect(Struct, frozen=True):
    """One rule: the addresses it matches, where it sends them, and the file it is in."""

    pattern: re.Pattern[str]
    to: str
    origin: str  # "_redirects" or "netlify.toml", for messages
    forced: bool = False  # ``301!``, ``force = true``: applies even where a file is served

    def destination(self, path: str) -> str | None:
        """Where the rule sends the site path ``path``; None when it does not match."""
        match = self.pattern.fullmatch(path.rstrip("/") or "/")
        if match is None:
            return None
        values = match.groupdict()
        return _PLACEHOLDER.sub(
            lambda name: (values[name[1]] or "") if name[1] in values else name[0], self.to
        )


def read_redirects(
    redirects_file: Path | None, root: Path, written: str | None = None
) -> list[Redirect]:
    """The rules of the ``_redirects`` file the generator ``written`` from a template (it
    overwrites one copied from the site's files), else of the published file, then of the
    project's ``netlify.toml`` (Netlify reads them in that order); files outside the
    project are not read."""
    text = written if written is not None else _read(redirects_file, root.resolve())
    rules = parse_redirects_file(text) if text else []
    return rules + parse_netlify_toml(netlify_config(root))


def netlify_config(root: Path) -> dict[str, Any]:
    """The site's ``netlify.toml``: the project's own, else the nearest one above it in
    its git repository when its ``[build] base`` names the project's folder (a site in a
    folder of a bigger repository: kueue's ``site/``); ``{}`` when there is none, or it
    is too big or broken (Netlify would refuse the deploy)."""
    own = _netlify_toml(root)
    if own is not None:
        return own
    real = root.resolve()
    top = repository_top(real)
    if top is None:
        return {}  # no repository: nothing above the project is read
    for folder in real.parents:
        found = _netlify_toml(folder)
        if found is not None:
            build = found.get("build")
            base = build.get("base") if isinstance(build, dict) else None
            named = isinstance(base, str) and (folder / base).resolve() == real
            return found if named else {}
        if folder == top:
            break
    return {}


def _netlify_toml(folder: Path) -> dict[str, Any] | None:
    """``folder``'s ``netlify.toml`` as data (None when it has none; {} when unreadable)."""
    path = folder / "netlify.toml"
    if not path.is_file():
        return None
    text = _read(path, folder.resolve())
    with contextlib.suppress(tomllib.TOMLDecodeError):
        return tomllib.loads(text) if text is not None else {}
    return {}


def first_match(rules: list[Redirect], path: str) -> tuple[Redirect, str] | None:
    """The first rule that matches the site path ``path``, and where it sends it."""
    for rule in rules:
        to = rule.destination(path)
        if to is not None:
            return rule, to
    return None


def _read(path: Path | None, real_root: Path) -> str | None:
    return None if path is None else bounded_template_text(path, real_root, MAX_BYTES)


def parse_redirects_file(text: str) -> list[Redirect]:
    """The rules of a ``_redirects`` file: ``from [query=:x] to [status][!] [conditions]``,
    one to a line, ``#`` comments."""
    rules = []
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) < 2:
            continue
        source, rest = parts[0], parts[1:]
        if "=" in rest[0]:
            continue  # query parameters: the path alone does not decide
        to, extra = rest[0], rest[1:]
        status, forced = 301, False
        if extra and (found := _STATUS.fullmatch(extra[0])):
            status, forced, extra = int(found[1]), found[2] == "!", extra[1:]
        if extra:
            continue  # conditions (Country=, Language=, Role=, Cookie=)
        rule = _rule(source, to, status, "_redirects", forced)
        if rule is not None:
            rules.append(rule)
    return rules


def parse_netlify_toml(data: dict[str, Any]) -> list[Redirect]:
    """The ``[[redirects]]`` tables of ``netlify.toml``: ``from``, ``to``, ``status``."""
    tables = data.get("redirects")
    rules = []
    for table in tables if isinstance(tables, list) else []:
        if not isinstance(table, dict) or table.get("query") or table.get("conditions"):
            continue
        source, to, status = table.get("from"), table.get("to"), table.get("status", 301)
        if isinstance(source, str) and isinstance(to, str) and isinstance(status, int):
            rule = _rule(source, to, status, "netlify.toml", table.get("force") is True)
            if rule is not None:
                rules.append(rule)
    return rules


def _rule(source: str, to: str, status: int, origin: str, forced: bool = False) -> Redirect | None:
    """A rule for a site path (``/a/:b/*``), or None for one openaccess leaves out: one
    for a full address (another host or domain), or with a status that sends nowhere (a
    custom 404, a 410)."""
    if status not in _FOLLOWED or not source.startswith("/"):
        return None
    pattern = []
    for index, segment in enumerate(source.rstrip("/").split("/")):
        if segment == "*":
            pattern.append("(?:/(?P<splat>.*))?")
        elif segment.startswith(":") and _PLACEHOLDER.fullmatch(segment):
            pattern.append(f"/(?P<{segment[1:]}>[^/]+)")
        elif index:
            pattern.append("/" + re.escape(segment))
    try:
        compiled = re.compile("".join(pattern) or "/")
    except re.error:  # a placeholder named twice
        return None
    return Redirect(compiled, to, origin, forced)
