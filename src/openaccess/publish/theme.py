"""Jinja2 templates (autoescaped, sandboxed) and the stylesheet: built-in, or the project's.

A project overrides any template by putting a file of the same name in its templates
folder (``[publish] templates``, default ``templates/``); the rest stay built-in. Templates
run in Jinja2's sandbox: ``{{ cycler.__init__.__globals__.os }}`` and the like stop the
publish with a one-line error instead of running code in CI.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from openaccess.config import Config, ConfigError
from openaccess.fsutil import OUTSIDE, escape_reason
from openaccess.publish.routes import CSS_FILE, HOME, Route, relative_url

if TYPE_CHECKING:
    from openaccess.publish.build import Entry

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class _ProjectLoader(jinja2.FileSystemLoader):
    """The project's template overrides, never read through a symlink out of the project
    (``templates/page.html -> /etc/passwd`` would publish that file)."""

    def __init__(self, folder: Path, root: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str):
        _refuse_outside(self.folder / template, self.root)
        return super().get_source(environment, template)


def _refuse_outside(path: Path, root: Path) -> None:
    """ConfigError when ``path`` exists but really lies outside the project ``root``: the
    file is a symlink out of it, or a folder on its way is (``templates/partials -> /etc``
    and ``{% include "partials/passwd" %}``)."""
    if escape_reason(path, [root.resolve()]) != OUTSIDE:
        return
    what = "a symlink to a file" if path.is_symlink() else "in a symlinked folder"
    raise ConfigError(
        f"{_shown(str(path))} is {what} outside the project; templates are read only from inside it"
    )


class Renderer:
    def __init__(self, config: Config) -> None:
        self.config = config
        loaders: list[jinja2.BaseLoader] = []
        overrides = config.root / config.publish.templates
        if config.publish.templates and overrides.is_dir():
            loaders.append(_ProjectLoader(overrides, config.root))
        loaders.append(jinja2.PackageLoader("openaccess.publish", "templates"))
        # One Renderer serves one build (serve makes one per plan), so a template is read
        # once: reloading checked the file's time on every page.
        self.env = SandboxedEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            auto_reload=False,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        csp = ["default-src 'self'", "script-src 'none'", "img-src 'self' https:"]
        csp.append("object-src 'none'")
        if config.publish.allow_iframes:
            csp.append("frame-src https:")
        csp += ["base-uri 'none'", "form-action 'none'"]
        self.csp = Markup("; ".join(csp))
        self.base_url = config.base_url.rstrip("/")

    def _render(self, name: str, root: str, **context: object) -> str:
        site = {"title": self.config.publish.site_title, "footer": self.config.publish.footer}
        context = {"description": None, "canonical": None, **context}
        try:
            return self.env.get_template(name).render(
                site=site, root=root, css=root + CSS_FILE, csp=self.csp, **context
            )
        except jinja2.TemplateSyntaxError as error:
            where = _shown(error.filename) if error.filename else error.name or name
            raise ConfigError(f"{where}:{error.lineno}: template error: {error.message}") from None
        except jinja2.TemplateError as error:  # the sandbox's SecurityError too
            where = _template_line(error)
            place = f"{where[0]}:{where[1]}" if where else f"template '{name}'"
            message = " ".join(str(error).split())
            raise ConfigError(f"{place}: template error: {message}") from None

    def _canonical(self, route: Route) -> str | None:
        return self.base_url + route.url if self.base_url else None

    def page(self, entry: Entry, previous: Entry | None, following: Entry | None, lang: str) -> str:
        assert entry.body is not None
        route = entry.route
        contents = entry.body.contents if len(entry.body.contents) >= 3 else []
        updated = last_updated(entry.page.meta)
        return self._render(
            "page.html",
            relative_url(route, "/"),
            lang=lang,
            title=entry.title,
            description=entry.description,
            canonical=self._canonical(route),
            contents=contents,
            body=Markup(entry.body.html),
            updated=_date(updated) if updated else None,
            previous=_neighbour(route, previous),
            next=_neighbour(route, following),
        )

    def home(self, entry: Entry | None, listed: list[Entry], lang: str) -> str:
        route = HOME
        shared = _shared_titles(listed)
        pages = [
            {
                "title": e.title,
                "description": e.description,
                "href": relative_url(route, e.route.url),
                "where": unquote(e.route.url) if _title_key(e.title) in shared else None,
            }
            for e in listed
        ]
        body = entry.body if entry is not None else None
        return self._render(
            "index.html",
            "./",
            lang=lang,
            title=entry.title if entry is not None else self.config.publish.site_title,
            description=entry.description if entry is not None else None,
            canonical=self._canonical(route),
            body=Markup(body.html) if body is not None else None,
            pages=pages,
            current_home=True,
        )

    def not_found(self, lang: str) -> str:
        """Served at any address, so its links are absolute paths from the site's base."""
        base_path = urlsplit(self.base_url).path.rstrip("/") + "/" if self.base_url else "/"
        return self._render("404.html", base_path, lang=lang, title="Page not found")

    def redirect(self, alias: Route, entry: Entry, lang: str) -> str:
        target = relative_url(alias, entry.route.url)
        return self._render(
            "redirect.html",
            relative_url(alias, "/"),
            lang=lang,
            title=entry.title,
            target=target,
            canonical=self._canonical(entry.route),
        )

    def stylesheet(self) -> str:
        overrides = self.config.root / self.config.publish.templates / CSS_FILE
        if self.config.publish.templates and overrides.is_file():
            _refuse_outside(overrides, self.config.root)
            return overrides.read_text(encoding="utf-8")
        return resources.files("openaccess.publish").joinpath("static", CSS_FILE).read_text("utf-8")


def _template_line(error: BaseException) -> tuple[str, int] | None:
    """(template file, line) where a rendering error happened: Jinja2 rewrites the
    traceback so that its last template frame points at the template's own line."""
    found = None
    frame = error.__traceback__
    while frame is not None:
        if "__jinja_exception__" in frame.tb_frame.f_globals:
            found = (_shown(frame.tb_frame.f_code.co_filename), frame.tb_lineno)
        frame = frame.tb_next
    return found


def _shown(path: str) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path


def _neighbour(route: Route, entry: Entry | None) -> dict[str, str] | None:
    if entry is None:
        return None
    return {"title": entry.title, "href": relative_url(route, entry.route.url)}


def _date(value: dt.date) -> dict[str, str]:
    return {
        "iso": value.isoformat(),
        "text": f"{value.day} {_MONTHS[value.month - 1]} {value.year}",
    }


def last_updated(meta: dict[str, object]) -> dt.date | None:
    """The page's own date: ``updated``, ``lastmod`` or ``date`` in front matter."""
    for key in ("updated", "lastmod", "date"):
        value = meta.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                continue
    return None


def _shared_titles(listed: list[Entry]) -> set[str]:
    """Titles that more than one listed page has (versions of one reference page): each
    of their links names its address too, or a list of links would read "about_Splatting"
    three times, leading to three places (WCAG 2.4.4 Link Purpose)."""
    counts = Counter(_title_key(entry.title) for entry in listed)
    return {title for title, count in counts.items() if count > 1}


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())
