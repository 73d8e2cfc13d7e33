"""Where ``publish`` writes each page, and links rewritten to published addresses.

Both come from the router (:mod:`openaccess.routing`): publish writes exactly the files
``check`` resolves links against, for every generator. Output paths were validated by the
router (no ``..``, hidden names, separators or drive letters), so no front matter value
can write outside the output folder.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from msgspec import Struct

from openaccess.routing.plain import CSS_FILE, MARKER_FILE, NOT_FOUND_FILE, RESERVED, SITEMAP_FILE
from openaccess.routing.urls import file_url

if TYPE_CHECKING:
    from openaccess.routing.model import Output
    from openaccess.routing.router import Router

__all__ = ["CSS_FILE", "MARKER_FILE", "NOT_FOUND_FILE", "RESERVED", "SITEMAP_FILE"]


class Route(Struct, frozen=True):
    """A published file: ``guides/pricing/index.html`` is served at ``/guides/pricing/``."""

    path: str  # relative to the site folder

    @classmethod
    def of(cls, output: Output) -> Route:
        return cls(output.file)

    @property
    def url(self) -> str:
        return file_url(self.path)

    @property
    def file(self) -> PurePosixPath:
        return PurePosixPath(self.path)

    @property
    def folder(self) -> str:
        """URL folder of this address (for relative links), ending in ``/``."""
        url = self.url
        return url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"


HOME = Route("index.html")


def relative_url(from_route: Route, target_url: str) -> str:
    """``target_url`` (site-relative, may carry ?query and #fragment) as seen from a page."""
    path, _, fragment = target_url.partition("#")
    relative = posixpath.relpath(path, from_route.folder)
    if path.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


class LinkMap:
    """Links of a page rewritten to the addresses the router gives their targets."""

    def __init__(self, router: Router) -> None:
        self.router = router

    def resolve(self, source: PurePosixPath, href: str) -> str | None:
        """The site-relative URL a link's ``href`` reaches, or None to leave it as written."""
        target = self.router.resolve(source, href)
        if target.kind != "found" or target.output is None:
            return None
        fragment = href.strip().partition("#")[2]
        return target.output.url + (f"#{fragment}" if fragment else "")
