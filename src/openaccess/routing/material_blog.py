"""The addresses mkdocs-material's blog plugin gives posts and the pages it writes.

Mirrors material/plugins/blog (9.x): a page under ``post_dir`` (``blog/posts``) is a post,
published at ``{blog_dir}/{post_url_format}``: ``blog/2024/01/31/my-first-post/`` by
default, the date (front matter ``date``, or its ``created``) in ``post_url_date_format``
and the slug from front matter ``slug``, else the title (front matter ``title``, else a
``# `` line that opens the post, else the file name) slugified as pymdownx does. Drafts
(``draft: true``) are left out unless the plugin's ``draft`` is on. The plugin also
writes a page per category (``blog/category/{slug}/``), per year (``blog/archive/2024/``)
and per ten posts of the index (``blog/page/2/``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct

from openaccess.frontmatter import FrontMatterError, locate
from openaccess.routing.ids import pymdownx_slugify
from openaccess.titles import mkdocs_file_title

PLUGIN_NAMES = ("blog", "material/blog")
# Babel's date fields that a URL format can use here; a format with another letter
# (MMMM: a month's name in the site's language) is not modelled.
_DATE_FIELD = re.compile(r"'[^']*'|y+|M+|d+|[A-Za-z]+|[^A-Za-z']+")
_OPENING_TITLE = re.compile(r"\A\s*# (.*)")


class MaterialBlog(Struct, frozen=True):
    """The blog plugin's settings that decide addresses."""

    blog_dir: str = "blog"
    post_dir: str = "blog/posts"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    post_url_max_categories: int = 1
    archive: bool = True
    archive_url_format: str = "archive/{date}"
    archive_url_date_format: str = "yyyy"
    categories: bool = True
    categories_url_format: str = "category/{slug}"
    pagination: bool = True
    pagination_per_page: int = 10
    pagination_url_format: str = "page/{page}"
    draft: bool = False  # drafts published
    draft_if_future_date: bool = False  # a post dated later than the build is a draft
    post_slugify_separator: str = "-"
    categories_slugify_separator: str = "-"

    def has_post(self, inside: str) -> bool:
        """Whether the docs file ``inside`` (relative to docs_dir) is a post."""
        return inside.startswith(self.post_dir.rstrip("/") + "/")

    def post_path(self, inside: str, meta: dict[str, Any], body: str) -> str | None:
        """The docs path the post is written as (``blog/2024/01/31/slug.md``); None when
        its date is missing or its URL format is not modelled (it keeps its own path)."""
        created = post_date(meta)
        date = format_date(created, self.post_url_date_format) if created else None
        if date is None:
            return None
        names = [self.category_slug(name) for name in _categories(meta)]
        slug = meta.get("slug")
        return self._under_blog(
            self.post_url_format,
            categories="/".join(names[: self.post_url_max_categories]),
            date=date,
            file=posixpath.splitext(posixpath.basename(inside))[0],
            slug=slug if isinstance(slug, str) and slug else self.slug(inside, meta, body),
        )

    def is_draft(self, meta: dict[str, Any], now: dt.datetime) -> bool:
        """Whether the plugin leaves the post out: ``draft: true``, or with
        ``draft_if_future_date`` a post that says nothing of ``draft`` and is dated after
        ``now`` (the build's time, in UTC), unless the plugin's ``draft`` publishes
        drafts (material/plugins/blog/plugin.py, ``_is_excluded``)."""
        if self.draft:
            return False
        draft = meta.get("draft")
        if not isinstance(draft, bool) and self.draft_if_future_date:
            created = post_date(meta)
            return created is not None and _in_utc(created) > now
        return bool(draft)

    def slug(self, inside: str, meta: dict[str, Any], body: str) -> str:
        title = post_title(inside, meta, body)
        return pymdownx_slugify(title, self.post_slugify_separator, "lower")

    def category_slug(self, name: str) -> str:
        return pymdownx_slugify(name, self.categories_slugify_separator, "lower")

    def views(self, posts: list[dict[str, Any]]) -> list[str]:
        """The docs paths of the pages the plugin writes besides posts: categories,
        archive years and the index's further pages (``posts``: each published post's
        front matter)."""
        paths: set[str | None] = set()
        if self.categories:
            for meta in posts:
                for name in _categories(meta):
                    slug = self.category_slug(name)
                    paths.add(self._under_blog(self.categories_url_format, slug=slug))
        if self.archive:
            for meta in posts:
                created = post_date(meta)
                year = format_date(created, self.archive_url_date_format) if created else None
                if year is not None:
                    paths.add(self._under_blog(self.archive_url_format, date=year))
        if self.pagination and self.pagination_per_page > 0:
            pages = -(-len(posts) // self.pagination_per_page)
            for number in range(2, pages + 1):
                paths.add(self._under_blog(self.pagination_url_format, page=number))
        return sorted(path for path in paths if path is not None)

    def _under_blog(self, url_format: str, **values: object) -> str | None:
        """The docs path ``url_format`` gives under the blog's folder; None when the site's
        format names a field the plugin does not fill (it stops the build)."""
        try:
            path = url_format.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            return None
        return posixpath.join(self.blog_dir, posixpath.normpath(path.strip("/")) + ".md")


def material_blog(options: Any) -> MaterialBlog:
    """The plugin's settings from its ``plugins`` entry (``{blog}`` in ``post_dir``)."""
    given = options if isinstance(options, dict) else {}
    defaults = MaterialBlog()
    values: dict[str, Any] = {}
    for name in defaults.__struct_fields__:
        default = getattr(defaults, name)
        value = given.get(name, default)
        values[name] = value if isinstance(value, type(default)) else default
    # "." puts the blog at the site's top (Material's "Setting up a blog").
    blog_dir = posixpath.normpath(str(values["blog_dir"]).strip("/") or ".")
    blog_dir = "" if blog_dir == "." else blog_dir
    post_dir = str(given.get("post_dir", "{blog}/posts")).replace("{blog}", blog_dir or ".")
    values.update(blog_dir=blog_dir, post_dir=posixpath.normpath(post_dir.strip("/")))
    return MaterialBlog(**values)


def _in_utc(date: dt.date) -> dt.datetime:
    """A front matter date as the plugin compares it: a day at its midnight, and a time
    without a zone, in UTC."""
    if not isinstance(date, dt.datetime):
        date = dt.datetime(date.year, date.month, date.day)
    return date if date.tzinfo is not None else date.replace(tzinfo=dt.UTC)


def post_date(meta: dict[str, Any]) -> dt.date | None:
    """Front matter ``date``, or its ``created`` (``date: {created: 2024-01-31}``)."""
    value = meta.get("date")
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def format_date(date: dt.date, pattern: str) -> str | None:
    """``date`` in a Babel date pattern made of years, months and days (``yyyy/MM/dd``),
    with quoted literals; None for a pattern with other fields (names of months)."""
    fields: dict[str, Callable[[int], str]] = {
        "yyyy": lambda n: f"{n:04d}",
        "yy": lambda n: f"{n % 100:02d}",
        "y": str,
        "MM": lambda n: f"{n:02d}",
        "M": str,
        "dd": lambda n: f"{n:02d}",
        "d": str,
    }
    values = {"y": date.year, "M": date.month, "d": date.day}
    out = []
    for part in _DATE_FIELD.findall(pattern):
        if part.startswith("'"):
            out.append(part[1:-1] or "'")
        elif part[0].isalpha():
            if part not in fields:
                return None
            out.append(fields[part](values[part[0]]))
        else:
            out.append(part)
    return "".join(out)


def post_title(inside: str, meta: dict[str, Any], body: str) -> str:
    """The title MkDocs gives a post before rendering it: front matter ``title``, else
    a ``# `` line that opens the body, else the file name (``my-post`` -> "My post")."""
    title = meta.get("title")
    if isinstance(title, str) and title:
        return title
    opening = _OPENING_TITLE.match(body)
    if opening:
        return opening.group(1).strip().lstrip("# ")
    return mkdocs_file_title(posixpath.basename(inside))


def read_body(path: Path) -> str:
    """The post's text after its front matter (empty when unreadable)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        block = locate(text)
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return ""
    return text[block.end :].lstrip("\n") if block is not None else text


def _categories(meta: dict[str, Any]) -> list[str]:
    value = meta.get("categories")
    return [str(name) for name in value if str(name)] if isinstance(value, list) else []
