"""Pages no other page links to (OA310), from the links every page's check recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from openaccess.diagnostics import Category, Problem, Severity
from openaccess.rules.base import Rule, RuleContext, register

if TYPE_CHECKING:
    from openaccess.page import Page


@register
class OrphanPage(Rule):
    """
    ## What it does
    Reports a published page that no other page links to, and that the site's navigation
    does not list. That is MkDocs' `nav`; without a `nav`, MkDocs lists every page. It
    runs only when you check the whole site, since a partial run cannot know every link.
    The home page and the 404 page are never orphans. Neither is a page with
    `orphan: true` in its front matter. Nor is a page the generator lists on its own. On
    Hugo that is every page but those with `build.list: never`, as each section has a list
    page. On Jekyll it is the posts and collection documents a Liquid loop in the
    project runs over, such as `{% for post in site.posts %}`. It is also a page whose
    address the config or a `_data` file holds, as a theme's menu does. On MkDocs it is
    a post of the blog plugin, which its index and archive pages list.

    ## Why it matters
    Readers mostly move from page to page. A page nothing links to is hard to find and
    easy to forget when it goes out of date.

    ## Example
    ```markdown
    ---
    title: Pricing your work
    ---
    (no other page links here)
    ```

    ## Use instead
    ```markdown
    In another page: read [how to price your work](pricing.md).
    ```
    """

    code = "OA310"
    name = "orphan-page"
    category = Category.LINKS
    severity = Severity.INFO
    summary = "No other page links to this page (site-wide; 'orphan: true' silences it)."
    site_wide = True
    page_level = True
    reads_other_pages = True

    def check_site(self, pages: list[Page], context: RuleContext) -> Iterator[tuple[Page, Problem]]:
        site = context.site
        router = site.router
        by_source = {site.relative(page.path): page for page in pages}
        published = {s for s, r in router.site.pages.items() if r.output is not None}
        if None in by_source or not _checkable(published, context) <= set(by_source):
            return  # only part of the site was checked: incoming links are unknown
        nav = router.generator.nav_pages()
        if router.generator.name == "mkdocs" and nav is None:
            return  # MkDocs lists every page in its navigation
        linked: set[str] = set()
        for source, page in by_source.items():
            facts = site.facts.pages.get(page.path)
            unpublished = source is not None and source not in published and router.route(source)
            if facts is not None and not unpublished:  # no reader follows a draft's links
                linked.update(facts.linked)
        reachable = {PurePosixPath(path) for path in linked} | (nav or frozenset())
        reachable |= router.generator.listed_pages(router.site)
        for source, page in sorted(by_source.items(), key=lambda item: str(item[0])):
            route = router.route(source) if source is not None else None
            if route is None or route.output is None or source in reachable:
                continue
            if page.meta.get("orphan") is True or route.url == "/" or _is_not_found(route.url):
                continue
            yield page, Problem(0, 0, _message(nav is not None))


def _is_not_found(url: str | None) -> bool:
    """The page a server shows for a missing address (``/404.html``, ``/404/``): readers
    reach it by a broken link, never by a working one."""
    return url is not None and url.rstrip("/").rsplit("/", 1)[-1] in ("404", "404.html")


def _checkable(published: set[PurePosixPath], context: RuleContext) -> set[PurePosixPath]:
    """The published pages a whole-site check reads (the config's ``exclude`` applies)."""
    from openaccess.discovery import is_excluded

    config = context.config
    if not config.exclude:
        return published
    root = context.site.root
    kept = set()
    for source in published:
        try:
            inside = (root / source).resolve().relative_to(config.pages_dir).as_posix()
        except ValueError:
            inside = source.as_posix()
        if not is_excluded(inside, config.exclude):
            kept.add(source)
    return kept


def _message(has_nav: bool) -> str:
    if has_nav:
        reach = " and the nav does not list it; readers can hardly find it"
    else:
        reach = "; readers can reach it only from the site index"
    return (
        f"no other page links to this page{reach}"
        " (add 'orphan: true' to the front matter if that is intended)"
    )
