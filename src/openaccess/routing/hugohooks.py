"""Hugo's Markdown render hooks for links and images, and the page lookup they use.

A site's ``layouts/_markup/render-link.html`` (or ``layouts/_default/_markup/``, or its
theme's) replaces how Hugo writes every Markdown link. The common hook, like Hugo's own
embedded one, looks the destination up with ``.Page.GetPage`` (a page), then
``.Page.Resources.Get`` (a file of the page bundle), then ``resources.Get`` (a file of
``assets/``), and writes what it finds as that page's or file's address. A destination it
does not find is written as it is, so the browser reads it against the page's address.

:func:`find_hook` reads which of these lookups a hook makes; :func:`get_page` is
``Page.GetPage`` as Hugo 0.123 and later resolve it (hugolib/pagecollections.go): a
relative path starts from the page's folder (a section's own folder, the folder holding
a bundle), a trailing ``/``, ``.md``, ``index`` or ``_index`` may be there or not, and a
path not starting with ``.`` is also looked up from the content folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Protocol

from msgspec import Struct

from openaccess.routing.base import template_text
from openaccess.routing.gotemplate import as_configured, if_branches

_PARTIAL = re.compile(r"\bpartial(?:Cached)?\s+\"([^\"]+)\"")
_GET_PAGE = re.compile(r"\.GetPage\b")
_PAGE_RESOURCES = re.compile(r"\.Resources\.(?:Get|GetMatch)\b")
_GLOBAL_RESOURCES = re.compile(r"(?<![.\w])resources\.Get\b")
_LOOKUP = re.compile(rf"{_GET_PAGE.pattern}|{_PAGE_RESOURCES.pattern}|{_GLOBAL_RESOURCES.pattern}")
# ``if not (strings.HasPrefix $href "/")``: the hook treats site-absolute paths apart, in
# one branch of the ``if`` (see _looked_up).
_SLASH_PREFIX = re.compile(r"hasprefix\s+\S+\s+[\"`]/[\"`]", re.IGNORECASE)
_NEGATED = re.compile(r"\bnot\s*\(?\s*(?:strings\.)?hasprefix", re.IGNORECASE)
_HOOK_FOLDERS = ("_markup", "_default/_markup")
CONTENT_EXTENSIONS = (".md", ".markdown", ".mdown", ".html", ".htm", ".adoc", ".org", ".rst",
                      ".pandoc", ".pdc")  # fmt: skip


class RenderHook(Struct, frozen=True):
    """What a link or image render hook looks destinations up with."""

    file: str  # the template, relative to the project folder
    pages: bool  # .GetPage
    page_resources: bool  # .Resources.Get: a file of the page's bundle
    global_resources: bool  # resources.Get: a file of the assets folder
    site_absolute: bool  # also destinations that start with "/"
    relative: bool = True  # also destinations that do not

    @property
    def looks_up(self) -> bool:
        return self.pages or self.page_resources or self.global_resources


# Hugo's own hooks (0.123+, tpl/tplimpl/embedded): GetPage, the bundle, then assets.
EMBEDDED = {
    "link": RenderHook("(Hugo's embedded link hook)", True, True, True, True),
    "image": RenderHook("(Hugo's embedded image hook)", False, True, True, True),
}


def embedded_hook(
    markup: dict, kind: str, own: RenderHook | None, auto: bool = False
) -> RenderHook | None:
    """The hook Hugo uses when ``markup.goldmark.renderHooks.<kind>`` asks for its own:
    ``useEmbedded = "always"``, or ``"fallback"`` (also the older ``enableDefault``) when
    the site has none. ``"auto"``, the default, acts as ``"fallback"`` where ``auto`` is
    true (see ``hugo._embedded_by_default``)."""
    goldmark = _lower(_lower(markup).get("goldmark"))
    settings = _lower(_lower(goldmark.get("renderhooks")).get(kind))
    use = str(settings.get("useembedded", "auto")).lower()
    fallback = use == "fallback" or settings.get("enabledefault") is True
    if use == "always" or (own is None and (fallback or (use == "auto" and auto))):
        return EMBEDDED[kind]
    return own


def _lower(value: object) -> dict:
    return {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else {}


def find_hook(
    root: Path, layouts: Sequence[str], kind: str, params: dict | None = None
) -> RenderHook | None:
    """The ``render-link`` or ``render-image`` hook Hugo uses for every page (the site's
    layouts first, then its themes'), with the partials it calls; None without one. Its
    branches on a site parameter are read as the site's ``params`` set them."""
    real_root = root.resolve()
    for folder in layouts:
        for place in _HOOK_FOLDERS:
            path = root / folder / place / f"render-{kind}.html"
            if not path.is_file():
                continue
            text = template_text(path, real_root)
            if text is None:
                continue
            text = as_configured(text, params or {})
            text += "".join(partial_texts(root, real_root, layouts, text))
            absolute, relative = _looked_up(text)
            return RenderHook(
                file=path.relative_to(root).as_posix(),
                pages=bool(_GET_PAGE.search(text)),
                page_resources=bool(_PAGE_RESOURCES.search(text)),
                global_resources=bool(_GLOBAL_RESOURCES.search(text)),
                site_absolute=absolute,
                relative=relative,
            )
    return None


def _looked_up(text: str) -> tuple[bool, bool]:
    """Whether the hook looks up site-absolute destinations, and relative ones: both,
    unless its lookups all sit in the branch of an ``if`` on ``hasPrefix $dest "/"``
    that takes only one kind. Hextra's ``if and $dest (hasPrefix $dest "/")`` looks up
    only site-absolute ones (checked with Hugo 0.168); ``if not (hasPrefix ...)`` only
    relative ones."""
    lookups = len(_LOOKUP.findall(text))
    for condition, then, other in if_branches(text, _SLASH_PREFIX):
        inside_then, inside_other = len(_LOOKUP.findall(then)), len(_LOOKUP.findall(other))
        if lookups > inside_then + inside_other:
            continue  # a lookup outside this if takes either kind
        absolute, relative = bool(inside_then), bool(inside_other)
        return (relative, absolute) if _NEGATED.search(condition) else (absolute, relative)
    return True, True


# Partials calling partials: a theme's image hook calls ``plugin/img.html``, which calls
# ``function/resource.html`` for the lookup (LoveIt). Read this many levels deep.
_PARTIAL_DEPTH = 3


def partial_texts(root: Path, real_root: Path, layouts: Sequence[str], text: str) -> list[str]:
    """The text of the partial templates ``text`` calls, and of those they call (up to
    ``_PARTIAL_DEPTH`` levels, each once), found as Hugo finds them: the site's layouts
    before its themes'."""
    found: list[str] = []
    seen: set[str] = set()
    calling = [text]
    for _level in range(_PARTIAL_DEPTH):
        called = []
        for caller in calling:
            for name in dict.fromkeys(_PARTIAL.findall(caller)):
                file = name if name.endswith(".html") else name + ".html"
                if file in seen:
                    continue
                seen.add(file)
                if (body := _partial_text(root, real_root, layouts, file)) is not None:
                    called.append(body)
        found += called
        calling = called
    return found


def _partial_text(root: Path, real_root: Path, layouts: Sequence[str], file: str) -> str | None:
    for folder in layouts:
        for place in ("_partials", "partials"):
            partial = root / folder / place / file
            if partial.is_file() and (body := template_text(partial, real_root)):
                return body
    return None


class PageTree(Protocol):
    """Hugo's page tree of one language: the page at a :func:`logical_key`, if any."""

    def get(self, key: str) -> PurePosixPath | None: ...


class TreePlace(Struct, frozen=True):
    """Where a page sits in Hugo's page tree: its logical path (``/guides/planting``,
    lower case; ``/`` for the home page) and whether it is a section (``_index``) or a
    leaf bundle (``index``)."""

    key: str
    branch: bool = False
    leaf: bool = False

    @property
    def folder(self) -> str:
        """``PathInfo.Dir``: a section's own folder, a leaf bundle's folder, else the
        folder holding the page."""
        if self.branch or self.leaf:
            return self.key
        return posixpath.dirname(self.key) or "/"

    @property
    def container(self) -> str:
        """``PathInfo.ContainerDir``: for a bundle, the folder holding it."""
        if self.branch or self.leaf:
            return posixpath.dirname(self.key) or "/"
        return self.folder


def logical_key(path: str) -> str:
    """A content path as Hugo's page tree keys it: lower case, spaces as ``-``, without
    a content file's extension or a last ``index``/``_index`` (``/A/_index.md`` -> ``/a``)."""
    key = "/" + posixpath.normpath("/" + path).lstrip("/")
    stem, extension = posixpath.splitext(key)
    if extension.lower() in CONTENT_EXTENSIONS:
        key = stem
    for name in ("/_index", "/index"):
        if key.lower().endswith(name):
            key = key[: -len(name)]
            break
    return (key or "/").lower().replace(" ", "-")


def get_page(pages: PageTree, place: TreePlace, ref: str) -> PurePosixPath | None:
    """``Page.GetPage ref`` from the page at ``place``: the entry of ``pages`` (by
    :func:`logical_key`) it finds, or None."""
    ref = ref.replace("\\", "/").rstrip("/")
    if not ref:
        ref = "/"
    if _has_extension(ref):
        attempts = [(ref, True)]
    elif ref == "/":
        attempts = [("/_index.md", False)]
    elif ref.endswith("/index"):
        attempts = [(ref + "/index.md", False), (ref + ".md", False)]
    else:
        attempts = [(ref + ".md", False)]
    for candidate, had_extension in attempts:
        found = _for_ref(pages, place, candidate, had_extension)
        if found is not None:
            return found
    return None


def _for_ref(
    pages: PageTree, place: TreePlace, ref: str, had_extension: bool
) -> PurePosixPath | None:
    if not ref.startswith("/"):
        if place.branch or (had_extension and ref.startswith("../")):
            base = place.folder
        else:
            base = place.container
        found = pages.get(logical_key(posixpath.join(base, ref)))
        if found is None and had_extension:  # the file next to the page's own file
            found = pages.get(logical_key(posixpath.join(place.folder, ref)))
        if found is not None:
            return found
    if ref.startswith("."):
        return None  # page-relative only
    return pages.get(logical_key(ref))


def _has_extension(ref: str) -> bool:
    """Hugo's ``paths.HasExt``: a dot after the last slash."""
    return "." in ref.rsplit("/", 1)[-1]
