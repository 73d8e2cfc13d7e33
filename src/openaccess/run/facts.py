"""What site-wide rules need to know about each page, kept from the page's own check.

Orphan pages need every page's outgoing links, the external link rules every external
link; both are gathered while each page is checked (its parse at hand), stored in the
cache with its findings, and handed to site-wide rules through their context. No page is
parsed a second time for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from msgspec import Struct, field

if TYPE_CHECKING:
    from openaccess.config import Config
    from openaccess.external.checker import LinkResult
    from openaccess.page import Page
    from openaccess.run.site import Site


class ExternalLink(Struct, frozen=True):
    """An external link of a page: where it is written and the address fetched."""

    start: int
    end: int
    href: str  # as written
    url: str  # the absolute address fetched


class PageFacts(Struct):
    """What site-wide rules need of one checked page, kept instead of its parse."""

    linked: list[str] = field(default_factory=list)  # sources of other pages linked to
    external: list[ExternalLink] = field(default_factory=list)
    unchecked: list[tuple[int, str, str]] = field(default_factory=list)  # (start, href, why)

    def to_data(self) -> list[Any]:
        return [
            self.linked,
            [[link.start, link.end, link.href, link.url] for link in self.external],
            [list(item) for item in self.unchecked],
        ]

    @classmethod
    def from_data(cls, data: list[Any]) -> PageFacts:
        linked, external, unchecked = data
        return cls(
            [str(item) for item in linked],
            [ExternalLink(int(s), int(e), str(h), str(u)) for s, e, h, u in external],
            [(int(start), str(href), str(why)) for start, href, why in unchecked],
        )


class SiteFacts(Struct):
    """Every page's facts, and the external link results, for the site-wide rules."""

    pages: dict[Path, PageFacts] = field(default_factory=dict)
    external: dict[str, LinkResult] = field(default_factory=dict)  # by URL without fragment


def page_facts(page: Page, site: Site) -> PageFacts:
    facts = PageFacts()
    own = site.relative(page.path)
    base_url = site.router.base_url
    linked = set()
    for link, target in site.targets(page):
        if target.kind == "found" and target.path is not None and target.path != own:
            linked.add(target.path.as_posix())
        elif target.kind == "external":
            url = external_url(link.href, base_url)
            if url is not None:
                facts.external.append(ExternalLink(link.start, link.end, link.href, url))
        elif target.kind == "unchecked":
            facts.unchecked.append((link.start, link.href.strip(), target.note))
            if target.path is not None and target.path != own:
                linked.add(target.path.as_posix())  # the page is reached; its id is unknown
    facts.linked = sorted(linked)
    return facts


def external_url(href: str, base_url: str) -> str | None:
    """The absolute http(s) URL a link fetches, or None when it is not fetchable."""
    href = href.strip()
    lowered = href.lower()
    if lowered.startswith(("http://", "https://")):
        return href
    if href.startswith("//"):
        return "https:" + href
    if href.startswith("/") and base_url:
        return urljoin(base_url, href)
    return None


def gather(pages: list[Page], site: Site, config: Config | None = None) -> SiteFacts:
    """Facts of ``pages`` for a caller that runs site-wide rules itself (the pipeline
    gathers them while checking each page); with ``config`` asking for external checks,
    their links are fetched too."""
    site.facts = SiteFacts({page.path: page_facts(page, site) for page in pages})
    if config is not None and config.links.external:
        from openaccess.external import check_external

        urls = [link.url for facts in site.facts.pages.values() for link in facts.external]
        site.facts.external = check_external(urls, config)[0]
    return site.facts
