"""URL paths as a static web server reads them: decoded, dot segments resolved, and
mapped to the output files that could answer them."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote, unquote


def clean_path(path: str) -> str:
    """A site-relative URL path (``/a/b/``) decoded, with ``.``/``..`` resolved and repeated
    slashes collapsed; a trailing slash is kept. ``..`` at the top stays at the top, as in
    a browser (RFC 3986's remove_dot_segments)."""
    decoded = unquote(path or "/")
    if not decoded.startswith("/"):
        decoded = "/" + decoded
    parts: list[str] = []
    for part in decoded.split("/")[1:]:
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    trailing = decoded.endswith("/") or decoded.endswith("/.") or decoded.endswith("/..")
    joined = "/" + "/".join(parts)
    return joined + "/" if trailing and parts else joined


def join_url(folder: str, relative: str) -> str:
    """``relative`` (as written in a link) read from a page whose URL folder is ``folder``."""
    if relative.startswith("/"):
        return clean_path(relative)
    return clean_path(posixpath.join(folder, relative) if relative else folder)


def url_folder(url: str) -> str:
    """The folder a browser resolves relative links against: ``/a/b/`` -> ``/a/b/``,
    ``/a/b.html`` -> ``/a/``."""
    return url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"


def served_files(path: str, html_fallback: bool) -> list[str]:
    """Output files (relative to the site folder) that answer a clean URL path, in the
    order a static server tries them: ``/a/`` -> ``a/index.html``; ``/a`` -> ``a``, then
    the folder (the server redirects to ``/a/``), then ``a.html`` where the generator's
    server adds the extension (Jekyll, GitHub Pages)."""
    inner = path.strip("/")
    if path.endswith("/") or not inner:
        return [f"{inner}/index.html" if inner else "index.html"]
    candidates = [inner, f"{inner}/index.html"]
    if html_fallback:
        candidates.append(f"{inner}.html")
    return candidates


# Asked for each link into the file: one entry per output file. Bounded, as a long
# ``serve`` or ``lsp`` session sees files come and go.
@lru_cache(maxsize=1 << 16)
def file_url(file: str) -> str:
    """The URL a reader uses for an output file: ``a/index.html`` -> ``/a/``."""
    if file == "index.html":
        return "/"
    if file.endswith("/index.html"):
        return "/" + quote(file[: -len("index.html")])
    return "/" + quote(file)
