"""MkDocs (1.6): routes, theme files and ids read from ``mkdocs.yml``.

Mirrors ``mkdocs/structure/files.py``: every file of ``docs_dir`` is published at its own
path except Markdown pages (``.md``, ``.markdown``, ``.mdown``, ``.mkdn``, ``.mkd``), which
become ``a/b/index.html`` (``use_directory_urls``, the default) or ``a/b.html``;
``index`` and ``README`` stand for their folder (README is dropped when an index exists);
``exclude_docs`` and ``draft_docs`` (gitignore patterns), dot files and the files the
mkdocs-exclude plugin names are not published.
The theme's static files (favicon, CSS, the search plugin's scripts) are published
unless a docs file of the same path exists. MkDocs rewrites a Markdown link that names a
docs file to that file's URL; every other link is left for the browser to resolve.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import posixpath
import re
from collections.abc import Iterator
from fnmatch import fnmatch, fnmatchcase
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from msgspec import field

from openaccess.config import ConfigError
from openaccess.fsutil import inside_project
from openaccess.parse.definitions import next_fence
from openaccess.routing.base import (
    Generator,
    Included,
    bounded_template_text,
    project_folder,
    template_text,
)
from openaccess.routing.configfile import read_config_file, read_data
from openaccess.routing.ids import IdSyntax, glob_escape, python_markdown_slugify, unknown_id
from openaccess.routing.include_markdown import (
    IncludeMarkdown,
    included_part,
    read_include_markdown,
)
from openaccess.routing.inventory import Inventory
from openaccess.routing.material_blog import PLUGIN_NAMES, MaterialBlog, material_blog, read_body
from openaccess.routing.mkdocs_i18n import I18n, read_i18n
from openaccess.routing.model import TAKEN, Output, PageRoute, RouteProblem, SiteMap
from openaccess.routing.tabs import TabIds

if TYPE_CHECKING:  # pathspec and importlib.metadata load only for an MkDocs site
    import pathspec

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
_DEFAULT_EXCLUDE = [".*", "/templates/"]
# pymdownx.snippets: a line `--8<-- "file.md"`, or a block of file names between two
# `--8<--` lines; `;--8<--` is an escaped (literal) marker.
_SNIPPET = re.compile(
    r"^[ \t]*(?<!;)-{1,}8<-{1,}[ \t]+(?P<q>[\"'])(?P<one>[^\"'\n]+)(?P=q)[ \t]*$"
    r"|^[ \t]*(?<!;)-{1,}8<-{1,}[ \t]*\n(?P<many>(?:[^\n]*\n)*?)[ \t]*-{1,}8<-{1,}[ \t]*$",
    re.MULTILINE,
)
# pymdownx.snippets' parts of a file: a section's name, line ranges (``:2:3,5:6``), and
# the markers around a section (``--8<-- [start:setup]``).
_SECTION_NAME = re.compile(r"[a-z][-_0-9a-z]*", re.IGNORECASE)
_LINE_RANGES = re.compile(r"(?::-?[0-9]*){1,2}(?:,-?[0-9]*(?::-?[0-9]*)?)*")
_SECTION_MARK = re.compile(
    r"(?<=-)8<-++[ \t]++\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\]",
    re.IGNORECASE,
)
# markdown-include (0.8): ``{!path!}``, also with a ``lines=`` range, which is not read.
_MARKDOWN_INCLUDE = re.compile(r"\{![ \t]*([^!\s{}][^!\n{}]*?)[ \t]*!(?:lines=[0-9 -]*)?\}")
# mkdocs-macros (Jinja) including a file by a literal name: ``{% include "snippet.md" %}``.
_MACRO_INCLUDE = re.compile(r"\{%-?\s*include\s+([\"'])([^\"'{}%\n]+)\1[^%\n]*%\}")
# mkdocstrings' autodoc block (its AutoDocProcessor ``regex``), also inside an indented
# block such as an admonition: `::: package.module.Object`, optionally after a heading mark.
_AUTODOC = re.compile(r"^[ \t]*(?:#{1,6} *)?::: ?(\S+?)[ \t]*$", re.MULTILINE)
# pymdownx.blocks: a block's header (``/// admonition | Title``), the option lines indented
# under it, and an ``id`` in their ``attrs`` (``attrs: {id: setup}``, or on its own line).
_BLOCK_OPTIONS = re.compile(r"^[ \t]*/{3,}[ \t]*[\w-][^\n]*\n((?:[ \t]+\S[^\n]*\n)+)", re.MULTILINE)
_ID_OPTION = re.compile(r"(?:^|[{,\s])id:[ \t]*[\"']?([^\"',}\s]+)")
# An admonition's, details' or tab's quoted title (``!!! note "Title"``, ``=== "Tab"``), and
# a Markdown link or image in it.
_TITLED_BLOCK = re.compile(
    r'^[ \t]*(?:!!!|\?\?\?\+?|===(?:\+!?|!\+?)?)[ \t]+(?:[\w-]+[ \t]+)*"([^"\n]*)"', re.MULTILINE
)
# Neither part runs past a bracket, so each search step is bounded: linear in the title.
_TITLE_LINK = re.compile(
    r"!?\[[^\[\]\n]*+\]\([ \t]*+<?([^()\[\]\s<>]++)>?(?:[ \t]++[^()\[\]\n]*+)?\)"
)
# Where Material's tags plugin lists the site's tags (9.x: the marker, with or without options).
_TAG_LISTING = "<!-- material/tags"
# mkdocs-click: its extension names, and the option lines under its block.
_CLICK_EXTENSIONS = ("mkdocs-click", "mkdocs_click")
_CLICK_OPTION = re.compile(r"\n[ \t]+:(\w+):[ \t]*([^\r\n]*?)[ \t]*(?=\r?\n|\r|$)")
_THEME_SKIP = ["*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*"]
# mkdocs-gen-files: ``mkdocs_gen_files.open("reference/cli.md", "w")`` in a script, the
# path a literal string, an f-string or a variable (see _generated_files).
_GEN_OPEN = re.compile(
    r"""mkdocs_gen_files\.open\(\s*(?:(?P<f>f?)(?P<q>["'])(?P<path>[^"'\n]*)(?P=q)"""
    r"""|(?P<name>[A-Za-z_]\w*)\s*[,)])"""
)
_STRING = re.compile(r"""(?P<f>f?)(?P<q>["'])(?P<path>[^"'\n]*)(?P=q)""")
_ASSIGNMENT = re.compile(r"^[ \t]*([A-Za-z_]\w*)[ \t]*=(?!=)[ \t]*([^\n]*)", re.MULTILINE)
_MAX_SCRIPT_BYTES = 1_000_000
_GENERATED = "in pages a mkdocs-gen-files script writes"
_HOOK_ADDED = "in pages a hook of the site adds (its on_files)"
# The kinds of file a theme brings that pages link to: styles, scripts, fonts, the favicon.
_THEME_ASSETS = frozenset(
    {".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".ico"}
)
# A hook that adds files to the build: its ``on_files`` makes ``File(...)`` objects.
_MAKES_FILE = re.compile(r"\bFile(?:\.generated)?\(")
# toc's ``slugify`` callables -> openaccess id algorithms (see routing.ids).
_SLUGIFY = {
    "markdown.extensions.toc.slugify": "python-markdown",
    "markdown.extensions.toc.slugify_unicode": "python-markdown-unicode",
    "pymdownx.slugs.uslugify": "pymdownx.slugs.uslugify",
    "pymdownx.slugs.uslugify_encoded": "pymdownx.slugs.uslugify_encoded",
    "pymdownx.slugs.uslugify_cased": "pymdownx.slugs.uslugify_cased",
    "pymdownx.slugs.uslugify_cased_encoded": "pymdownx.slugs.slugify(percent_encode=True)",
    "pymdownx.slugs.gfm": "pymdownx.slugs.gfm",
    "pymdownx.slugs.gfm_encoded": "pymdownx.slugs.slugify(case=lower-ascii,percent_encode=True)",
}


class MkDocsSite(Generator):
    describes_pages: bool = True
    reads_symlinks_in_project: bool = True
    redirects_keep_fragment: bool = True
    use_directory_urls: bool = True
    exclude: pathspec.PathSpec | None = None
    drafts: pathspec.PathSpec | None = None
    nav: list[str] | None = None  # docs-relative page paths listed in ``nav``
    theme_files: dict[str, Path] = field(default_factory=dict)  # site path -> theme file
    missing_theme: str | None = None  # a theme that is not installed here: its files unknown
    static_templates: tuple[str, ...] = ("404.html", "sitemap.xml")
    extensions: tuple[str, ...] = ()
    snippet_bases: tuple[str, ...] = ()  # pymdownx.snippets base_path, project-relative
    snippet_appends: tuple[str, ...] = ()  # its auto_append file names
    # mkdocs-redirects ``redirect_maps``: (old docs path, new docs path or web address)
    redirects: tuple[tuple[str, str], ...] = ()
    autodoc: bool = False  # the mkdocstrings plugin renders `::: identifier` blocks
    i18n: I18n | None = None  # mkdocs-static-i18n: one build per language
    # Material's tags plugin: the id of each tag's heading in a ``<!-- material/tags -->``
    # listing, as a glob (``tags_slugify_format``, "tag:{slug}"); None without the plugin.
    tag_ids: str | None = None
    # mkdocs-material's blog plugin: each instance (Material 9.2+ runs several, each in
    # its own blog_dir)
    blogs: tuple[MaterialBlog, ...] = ()
    # The mkdocs-exclude plugin's ``glob`` and ``regex`` lists: docs files it takes out
    # of the build (Textual's pymdownx.snippets files, which pages include).
    plugin_globs: tuple[str, ...] = ()
    plugin_regexes: tuple[re.Pattern[str], ...] = ()
    plugin_files: tuple[str, ...] = ()  # what plugins write: mkdocs-rss-plugin's feeds
    # markdown-include's ``base_path`` (project-relative) for ``{!file!}``, if it runs.
    markdown_include: str | None = None
    # mkdocs-macros' folder for ``{% include "file" %}`` (project-relative), if it runs,
    # and its include tag, in the block markers the site sets (``[[% include "f" %]]``).
    macro_includes: str | None = None
    macro_include_tag: re.Pattern[str] = _MACRO_INCLUDE
    # mkdocs-include-markdown-plugin's directives, if it runs.
    include_markdown: IncludeMarkdown | None = None
    # mkdocs-gen-files: the docs paths its scripts write, and the folders they write
    # pages into under names only the script knows (see _generated_files).
    generated_pages: tuple[str, ...] = ()
    generated_folders: tuple[str, ...] = ()
    # Folders and pages of the project, outside the docs, that a hook adds to the build
    # as they are (see _hook_folders).
    hook_folders: tuple[str, ...] = ()

    def _left_out_by(self, inside: str) -> str | None:
        """What leaves the docs path ``inside`` out of the build for good: ``exclude_docs``,
        or the exclude plugin, matched as its ``on_files`` does (``fnmatch.fnmatchcase``,
        where ``*`` crosses folders, and ``re.match``); None when nothing does."""
        if self.exclude is not None and self.exclude.match_file(inside):
            return "exclude_docs"
        if any(fnmatchcase(inside, glob) for glob in self.plugin_globs) or any(
            regex.match(inside) for regex in self.plugin_regexes
        ):
            return "the exclude plugin"
        return None

    def page_template_ids(self, text: str) -> frozenset[str]:
        """With mkdocstrings, ``::: pydantic.config`` renders the object's documentation,
        each object and member under an id that is its full path (``pydantic.config``,
        ``pydantic.config.ConfigDict.extra``), and the headings of a docstring under the
        object's path and ``--`` (``textual.color--named-colors``). Which exist only the
        build knows (it imports the code), so those ids are known as globs. The same for
        the command headings of mkdocs-click's ``::: mkdocs-click`` block."""
        found: set[str] = set()
        if self.tag_ids is not None and _TAG_LISTING in text:
            found.add(unknown_id(self.tag_ids))  # one heading per tag of the site's pages
        if "///" in text and any(name.startswith("pymdownx.blocks") for name in self.extensions):
            found |= _block_ids(text)
        click = any(name in self.extensions for name in _CLICK_EXTENSIONS)
        if not (self.autodoc or click) or ":::" not in text:
            return frozenset(found)
        for match in _AUTODOC.finditer(text):
            if click and match.group(1) == "mkdocs-click":
                found |= self._command_ids(text, match.end())
            elif self.autodoc:
                name = glob_escape(match.group(1))
                found |= {unknown_id(name), unknown_id(f"{name}.*"), unknown_id(f"{name}--*")}
        return frozenset(found)

    def template_links(self, text: str) -> list[tuple[int, int, str]]:
        """Links in the title of an admonition, details or tab (``!!! note "See [the
        guide](guide.md)"``): Python-Markdown renders the title's Markdown too, and MkDocs
        rewrites those links like the body's (Traefik's docs)."""
        if self.dialect != "mkdocs" or not ('"' in text and _TITLED_BLOCK.search(text)):
            return []
        return [
            (title.start(1) + link.start(1), title.start(1) + link.end(1), link.group(1))
            for title in _TITLED_BLOCK.finditer(text)
            for link in _TITLE_LINK.finditer(title.group(1))
        ]

    def _command_ids(self, text: str, end: int) -> set[str]:
        """The ids of the headings mkdocs-click writes for the block ending at ``end``:
        with ``attr_list``, each command's path slugged (``hatch``, ``hatch-env-create``)
        from the program's name; that name is the block's ``:prog_name:``, else the click
        command's own, which only its code knows, so then any id of the page."""
        options = {}
        for option in _CLICK_OPTION.finditer(text, end):
            if option.start() != end:
                break
            options[option.group(1)] = option.group(2)
            end = option.end()
        program = options.get("prog_name", "")
        if "attr_list" not in self.extensions or not program:
            return {unknown_id("*")}
        slug = glob_escape(python_markdown_slugify(program))
        return {unknown_id(slug), unknown_id(f"{slug}-*")}

    def left_content_note(self, source: PurePosixPath, link: str) -> str:
        """MkDocs joins a relative link to the page's path inside ``docs_dir``
        (``../../docs/a.md`` from ``sub/page.md`` gives ``../docs/a.md``): a link that
        climbs out and comes back in by the folder's name names no page, and MkDocs
        writes it as it is (nodemcu's docs)."""
        inside = self.docs_path(source)
        if inside is None or not link.startswith(".."):
            return ""
        if not posixpath.normpath(posixpath.join(posixpath.dirname(inside), link)).startswith(".."):
            return ""
        return (
            "from the page's place in docs_dir it climbs out of docs_dir, so MkDocs writes it"
            " as it is, to no page"
        )

    def docs_path(self, source: PurePosixPath) -> str | None:
        """``source`` relative to ``docs_dir``, or None outside it."""
        if not self.content:
            return source.as_posix()
        prefix = PurePosixPath(self.content)
        return source.relative_to(prefix).as_posix() if prefix in source.parents else None

    def build(self, inventory: Inventory) -> SiteMap:
        site = SiteMap()
        documents = [f for f in inventory.under(self.content) if self.docs_path(f) is not None]
        # The front matter of each blog's published posts.
        posts: list[list[dict[str, Any]]] = [[] for _ in self.blogs]
        now = dt.datetime.now(dt.UTC)  # the build's time: a post dated later may be a draft
        walked = sorted(documents, key=_mkdocs_order)
        if self.i18n is not None:
            inside = [self.docs_path(source) or "" for source in walked]
            walked = [walked[index] for index in self.i18n.build_order(inside)]
        for source in walked:
            self._add(site, source, inventory, posts, now)
        if self.i18n is not None:
            self._add_fallbacks(site, self.i18n, documents)
        for blog, published in zip(self.blogs, posts, strict=True):
            for path in blog.views(published):
                view = Output(self._page_file(path), "generated")
                if site.claim(view) is None:
                    site.virtual_sources[path] = view
        for name in self.static_templates:
            site.claim(Output(name, "generated"))
        site.claim(Output("sitemap.xml.gz", "generated"))
        for old, new in self.redirects:
            if self._redirect_written(site, new):
                file = self._page_file(old) if _is_page(old) else old
                page = self._redirect_page(new)
                kind = "generated" if page is None else "redirect"
                site.claim(Output(file, kind, page, page))
        for path in sorted(self.theme_files):
            site.claim(Output(path, "generated"))
        for path in self.plugin_files:
            site.claim(Output(path, "generated"))
        for path in self.generated_pages:
            page = Output(self._page_file(path) if _is_page(path) else path, "generated")
            if site.claim(page) is None:
                site.virtual_sources[path] = page
        return site

    def _add_fallbacks(self, site: SiteMap, i18n: I18n, documents: list[PurePosixPath]) -> None:
        """Each built language's copies of the default language's pages it lacks (the
        plugin's ``fallback_to_default``), at that language's place. A file that is no
        page is not copied: a link to it goes to the default language's."""
        if not i18n.fallback:
            return
        published = {}
        for source in documents:
            route = site.pages.get(source)
            if route is not None and route.output is not None:
                published[i18n.split(self.docs_path(source) or "")] = source
        for (locale, plain), source in sorted(published.items()):
            if locale != i18n.default:
                continue
            for other in i18n.built[1:]:
                if (other, plain) not in published:
                    site.claim(Output(self._page_file(i18n.place(other, plain)), "page", source))

    def named_candidates(
        self, source: PurePosixPath | None, named: PurePosixPath
    ) -> tuple[PurePosixPath, ...]:
        inside = self.docs_path(named)
        page = self.docs_path(source) if source is not None else None
        if self.i18n is None or inside is None or page is None:
            return (named,)
        content = PurePosixPath(self.content) if self.content else PurePosixPath()
        return tuple(content / path for path in self.i18n.candidates(page, inside))

    def made_elsewhere(self, url_path: str) -> str | None:
        inner = url_path.removeprefix(self.base_path).lstrip("/")
        if any(inner.startswith(folder) for folder in self.generated_folders):
            return _GENERATED
        if any(inner.startswith(folder) for folder in self.hook_folders):
            return _HOOK_ADDED
        if self.missing_theme and PurePosixPath(inner).suffix.lower() in _THEME_ASSETS:
            return f"in the MkDocs theme '{self.missing_theme}', which is not installed here"
        return None

    def _add(
        self,
        site: SiteMap,
        source: PurePosixPath,
        inventory: Inventory,
        posts: list[list[dict[str, Any]]],
        now: dt.datetime,
    ) -> None:
        inside = self.docs_path(source)
        assert inside is not None
        is_page = _is_page(inside)
        left_out_by = self._left_out_by(inside)
        if left_out_by is not None:
            if is_page:
                reason = f"excluded by {left_out_by}"
                site.pages[source] = PageRoute(source, None, reason=reason, left_out=True)
            return
        if self.drafts is not None and self.drafts.match_file(inside):
            if is_page:
                site.pages[source] = PageRoute(source, None, reason="a draft (draft_docs)")
            return
        written_as = inside
        if self.i18n is not None:
            locale, plain = self.i18n.split(inside)
            if locale not in self.i18n.built:
                if is_page:
                    reason = f"mkdocs-static-i18n does not build its language, '{locale}'"
                    site.pages[source] = PageRoute(source, None, reason=reason, left_out=True)
                return
            written_as = self.i18n.place(locale, plain)
        if not is_page:
            site.claim(Output(written_as, "file", source))
            return
        number = next((n for n, blog in enumerate(self.blogs) if blog.has_post(inside)), None)
        if number is not None:
            blog = self.blogs[number]
            meta = inventory.meta(source) or {}
            if blog.is_draft(meta, now):
                site.pages[source] = PageRoute(source, None, reason="a draft (blog plugin)")
                return
            body = read_body(inventory.root / source)
            written_as = blog.post_path(inside, meta, body) or inside
            posts[number].append(meta)
        output = Output(self._page_file(written_as), "page", source)
        owner = site.claim(output)
        if owner is None:
            site.pages[source] = PageRoute(source, output)
            return
        if (
            owner.kind == "page"
            and owner.source is not None
            and owner.source.parent != source.parent
        ):
            self._written_over(site, owner.source, output)
            return
        reason = "MkDocs excludes it: it conflicts with {owner}"
        # A README beside its folder's index is left out for good, as MkDocs says
        # ("Excluding 'README.md' from the site"): no page of the site to check.
        readme = owner.source is not None and PurePosixPath(inside).stem == "README"
        site.pages[source] = PageRoute(source, None, reason=TAKEN, left_out=readme)
        if not readme:
            site.problems.append(RouteProblem(source, "warning", reason, owner.source))

    @staticmethod
    def _written_over(site: SiteMap, earlier: PurePosixPath, output: Output) -> None:
        """Two pages of different folders with one address (``a.md`` and ``a/index.md``):
        MkDocs 1.6 excludes only a clash within a folder, builds both, and writes the one
        it walks to last over the other (a folder's files before its subfolders'), so that
        one is served (Powertools' ``core/metrics/index.md``)."""
        assert output.source is not None
        site.outputs[output.file] = output
        site.pages[output.source] = PageRoute(output.source, output)
        site.pages[earlier] = PageRoute(earlier, None, reason=TAKEN)
        message = "MkDocs builds it and then writes {owner} over it, at the same address"
        site.problems.append(RouteProblem(earlier, "warning", message, output.source))

    def _redirect_written(self, site: SiteMap, new: str) -> bool:
        """mkdocs-redirects 1.2 writes the page that sends readers on only when the new
        address is a web address or a page of the site (its ``on_post_build``)."""
        page = self._redirect_page(new)
        if page is None:
            return True
        route = site.pages.get(page)
        return route is not None and route.output is not None

    def _redirect_page(self, new: str) -> PurePosixPath | None:
        """The page a redirect sends readers to (None: a web address). Its script keeps
        the address's #fragment, so a link's fragment is judged on that page."""
        if new.lower().startswith(("http://", "https://")):
            return None
        content = PurePosixPath(self.content) if self.content else PurePosixPath()
        return content / new.split("#", 1)[0]

    def _page_file(self, inside: str) -> str:
        parent, name = posixpath.split(inside)
        stem = posixpath.splitext(name)[0]
        stem = "index" if stem == "README" else stem
        if not self.use_directory_urls or stem == "index":
            return posixpath.join(parent, stem + ".html")
        return posixpath.join(parent, stem, "index.html")

    def includes(self, text: str, source: PurePosixPath | None = None) -> list[Included]:
        found = self._macro_includes(text) + self._markdown_includes(text)
        if self.include_markdown is not None:
            found += self.include_markdown.includes(text, source, self.root)
        if not self.snippet_bases or "8<" not in text:
            return found
        code = _fenced_code(text)
        for match in _SNIPPET.finditer(text):
            if _within(code, match.start()):
                continue  # pasted as code: its links and headings are text there
            names = [match.group("one")] if match.group("one") else match.group("many").split()
            for written in names:
                name, part = _snippet_name(written.strip().strip("'\""))
                path = self._snippet(name)
                if path is not None:
                    found.append(Included(match.start(), match.end(), path, part))
        return found

    def included_text(self, text: str, part: str) -> str:
        """The lines of a snippet that ``file.md:section`` or ``file.md:2:3,5:6`` names, as
        pymdownx.snippets cuts them."""
        if not part:
            return text
        if (delimited := included_part(text, part)) is not None:
            return delimited  # include-markdown's start and end
        lines = text.split("\n")
        if _SECTION_NAME.fullmatch(part):
            return "\n".join(_section_lines(lines, part))
        kept: list[str] = []
        for span in part.split(","):
            first, _, last = span.partition(":")
            start = int(first) if first.lstrip("-").isdigit() else None
            end = int(last) if last.lstrip("-").isdigit() else None
            start = start if start is None or start < 0 else max(0, start - 1)
            kept += lines[start:end]
        return "\n".join(kept)

    def _markdown_includes(self, text: str) -> list[Included]:
        """markdown-include's ``{!docs/functions.md!}``: the file from its ``base_path``
        (the project folder by default), pasted into the page before Markdown reads it,
        so its headings are the page's ids and its links the page's (Argo CD's docs)."""
        if "{!" not in text:
            return []
        return self._included_from(self.markdown_include, _MARKDOWN_INCLUDE, 1, text)

    def _macro_includes(self, text: str) -> list[Included]:
        """mkdocs-macros' ``{% include "no-dns.md" %}``: the file from its include folder
        (Knative's snippets), inside the project only."""
        if "include" not in text:
            return []
        return self._included_from(self.macro_includes, self.macro_include_tag, 2, text)

    def _included_from(
        self, folder: str | None, tags: re.Pattern[str], name: int, text: str
    ) -> list[Included]:
        """Each of ``tags`` in ``text`` whose group ``name`` names a file of ``folder``."""
        if folder is None:
            return []
        found = []
        for match in tags.finditer(text):
            path = self._file_in(folder, match.group(name))
            if path is not None:
                found.append(Included(match.start(), match.end(), path))
        return found

    def appended_files(self) -> tuple[PurePosixPath, ...]:
        found = (self._snippet(name) for name in self.snippet_appends)
        return tuple(path for path in found if path is not None)

    def _snippet(self, name: str) -> PurePosixPath | None:
        """The file a snippet name means: the first base folder that has it (inside the
        project folder only: the file-system rule)."""
        if name.startswith(("http://", "https://")):
            return None
        found = (self._file_in(base, name) for base in self.snippet_bases)
        return next((path for path in found if path is not None), None)

    def _file_in(self, base: str, name: str) -> PurePosixPath | None:
        """The file ``name`` of the project folder ``base`` (an include's or a snippet's
        folder), relative to the project folder; None when it is not there, or the name
        climbs out or is absolute (``inside_root`` refuses those reads as well)."""
        if not name or name.startswith("/") or ".." in name.split("/"):
            return None
        path = PurePosixPath(posixpath.normpath(posixpath.join(base, name)))
        return path if (self.root / path).is_file() else None

    def nav_pages(self) -> frozenset[PurePosixPath] | None:
        if self.nav is None:
            return None  # MkDocs lists every page in its navigation
        prefix = PurePosixPath(self.content) if self.content else PurePosixPath()
        return frozenset(prefix / path for path in self.nav)

    def listed_pages(self, site: SiteMap) -> frozenset[PurePosixPath]:
        """The blog plugin's posts: its index and archive pages list them."""
        if not self.blogs:
            return frozenset()
        prefix = PurePosixPath(self.content) if self.content else PurePosixPath()
        return frozenset(
            source
            for source, route in site.pages.items()
            if route.output is not None
            and prefix in source.parents
            and any(blog.has_post(source.relative_to(prefix).as_posix()) for blog in self.blogs)
        )


def _is_page(docs_path: str) -> bool:
    """A Markdown page to MkDocs: its suffix in lower case (``mkdocs.utils.is_markdown_file``
    is case-sensitive, so ``NOTES.MD`` is copied as a file, not built)."""
    return docs_path.endswith(MARKDOWN_SUFFIXES)


def _snippet_name(written: str) -> tuple[str, str]:
    """A snippet's file and the part it names: ``file.md:section`` -> ("file.md",
    "section"); ``file.md:2:3,5:6`` -> ("file.md", "2:3,5:6"); else (written, "")."""
    name, colon, part = written.partition(":")
    if colon and (_SECTION_NAME.fullmatch(part) or _LINE_RANGES.fullmatch(":" + part)):
        return name, part
    return written, ""


def _section_lines(lines: list[str], section: str) -> list[str]:
    """The lines between ``--8<-- [start:section]`` and ``--8<-- [end:section]``, other
    sections' markers left out (pymdownx.snippets' ``extract_section``)."""
    kept, inside = [], False
    for line in lines:
        marker = _SECTION_MARK.search(line) if "8<" in line else None
        if marker is not None and marker.group(2).lower() == section.lower():
            if marker.group(1).lower() == "end":
                break
            inside = True
        elif marker is None and inside:
            kept.append(line)
    return kept


def _block_ids(text: str) -> set[str]:
    """The ids pymdownx.blocks' ``attrs`` option gives blocks (``<div id="setup">``):
    ``attrs: {id: setup}``, or ``id: setup`` on the line under ``attrs:``."""
    found = set()
    for options in _BLOCK_OPTIONS.finditer(text):
        lines = options.group(1).splitlines()
        for index, line in enumerate(lines):
            head, colon, rest = line.strip().partition("attrs:")
            if head or not colon:
                continue
            scope = rest if rest.strip() else "".join(lines[index + 1 : index + 2])
            if named := _ID_OPTION.search(scope.strip()):
                found.add(named.group(1))
    return found


def _mkdocs_order(source: PurePosixPath) -> tuple[tuple[str, ...], int, str]:
    """MkDocs lists a folder's index (or README) before its other files, and keeps the
    index where both are (``get_files`` excludes README.md: "it conflicts with
    'sub/index.md'"), so the index claims the folder's address first."""
    stem = posixpath.splitext(source.name)[0]
    return (source.parts[:-1], _FOLDER_PAGE_RANK.get(stem, 2), source.name)


_FOLDER_PAGE_RANK = {"index": 0, "README": 1}


def load_mkdocs(config_file: Path) -> MkDocsSite:
    data = _with_inherited(config_file, set())
    root = config_file.parent
    docs_dir = str(data.get("docs_dir") or "docs")
    content_relative = project_folder(root, docs_dir, "docs_dir", config_file)
    content = root / content_relative
    extensions = _extension_configs(data.get("markdown_extensions"))
    toc = extensions.get("toc", {})
    id_rule = _toc_algorithm(toc)
    generated = _generated_files(data.get("plugins"), root)
    site = MkDocsSite(
        name="mkdocs",
        root=root,
        config_file=config_file,
        content=content_relative,
        scan=(content_relative,),
        base_path=urlsplit(str(data.get("site_url") or "")).path.rstrip("/"),
        site_url=str(data.get("site_url") or ""),
        ids=id_rule or "python-markdown",
        id_separator=str(toc.get("separator") or "-"),
        known_id_rule=id_rule is not None,
        source_relative_links=True,
        title_h1="body",
        title_heading_levels=1,
        id_syntax=_mkdocs_syntax(extensions),
        dialect="mkdocs" if _BLOCK_EXTENSIONS & set(extensions) else "python-markdown",
        use_directory_urls=data.get("use_directory_urls", True) is not False
        and not _offline(data.get("plugins")),
        exclude=_gitignore(_DEFAULT_EXCLUDE + _lines(data.get("exclude_docs"))),
        drafts=_gitignore(_lines(data.get("draft_docs"))) if data.get("draft_docs") else None,
        nav=_nav_paths(data["nav"]) if isinstance(data.get("nav"), list) else None,
        titled_pages=_nav_titled(data.get("nav"), content_relative)
        | _nav_file_titled(data.get("plugins"), root, content, content_relative),
        plugin_files=_feed_files(data.get("plugins")) + _llms_files(data.get("plugins")),
        generated_pages=generated[0]
        + _coverage_page(data.get("plugins"))
        + _print_site_page(data.get("plugins")),
        generated_folders=generated[1],
        macro_includes=_macro_include_folder(data.get("plugins"), root, content_relative),
        macro_include_tag=_macro_include_tag(data.get("plugins")),
        include_markdown=read_include_markdown(
            _enabled_settings(data.get("plugins"), "include-markdown")
        ),
        extensions=tuple(extensions),
        linkify="pymdownx.magiclink" in extensions,  # it links plain addresses in prose
        snippet_bases=_snippet_bases(extensions, root, content_relative),
        markdown_include=_markdown_include_base(extensions, root),
        snippet_appends=_snippet_appends(extensions),
        absolute_links_name_sources=_absolute_links_relative(data.get("validation")),
        page_hooks=tuple(str(hook) for hook in _lines(data.get("hooks"))),
        hook_folders=_hook_folders(_lines(data.get("hooks")), root, content_relative),
        tabs=_tab_ids(extensions),
        emoji_shortcodes="pymdownx.emoji" in extensions,
    )
    _add_theme(site, data, root)
    return site


def _with_inherited(config_file: Path, seen: set[Path]) -> dict[str, Any]:
    """The config's settings over those of the file its ``INHERIT`` names (relative to
    it), as MkDocs merges them: tables key by key, anything else replaced."""
    data = read_config_file(config_file)
    if config_file.suffix.lower() == ".toml":
        data = _zensical_project(data, config_file)
    parent = data.pop("INHERIT", None)
    if not isinstance(parent, str):
        return data
    path = (config_file.parent / parent).resolve()
    if not inside_project(path, config_file.parent):
        raise ConfigError(f"{config_file}: INHERIT: {parent} is outside the project; not read")
    if path in seen or not path.is_file():
        problem = "inherits from itself" if path in seen else f"INHERIT: no such file {parent}"
        raise ConfigError(f"{config_file}: {problem}")
    return _merged(_with_inherited(path, {*seen, config_file.resolve()}), data)


def _zensical_project(data: dict[str, Any], config_file: Path) -> dict[str, Any]:
    """zensical.toml's ``[project]`` table: mkdocs.yml's settings, where an extension of a
    package is a table in the package's (``[project.markdown_extensions.pymdownx.tabbed]``)."""
    project = data.get("project")
    if not isinstance(project, dict):
        raise ConfigError(f"{config_file}: no [project] table of MkDocs settings")
    extensions = project.get("markdown_extensions")
    if isinstance(extensions, dict):
        named = []
        for name, options in extensions.items():
            if name == "pymdownx" and isinstance(options, dict):
                named += [{f"pymdownx.{member}": value} for member, value in options.items()]
            else:
                named.append({name: options})
        project = {**project, "markdown_extensions": named}
    return project


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        merged[key] = (
            _merged(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
        )
    return merged


def _snippet_appends(extensions: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """pymdownx.snippets' ``auto_append``: snippets added at the end of every page
    (mkdocstrings' glossary of reference definitions, ``docs/.glossary.md``)."""
    value = extensions.get("pymdownx.snippets", {}).get("auto_append") or []
    return tuple(str(name) for name in ([value] if isinstance(value, str) else value))


def _snippet_bases(
    extensions: dict[str, dict[str, Any]], root: Path, docs: str = "docs"
) -> tuple[str, ...]:
    """pymdownx.snippets' ``base_path`` folders, relative to the project folder (MkDocs
    runs from there); the default is the project folder itself. MkDocs 1.5's
    ``!relative $config_dir`` and ``!relative $docs_dir`` (mkdocstrings' docs) name the
    config's folder and the docs folder; a bare ``!relative`` (the page's own folder)
    is not read."""
    if "pymdownx.snippets" not in extensions:
        return ()
    value = extensions["pymdownx.snippets"].get("base_path", ["."])
    written = [value] if isinstance(value, str) else [str(v) for v in value or ["."]]
    bases = [_relative_tag(base, docs) for base in written]
    found = (_inside_project(root, base) for base in filter(None, bases))
    return tuple(folder for folder in found if folder is not None)


def _markdown_include_base(extensions: dict[str, dict[str, Any]], root: Path) -> str | None:
    """markdown-include's ``base_path`` relative to the project folder ("" for the folder
    itself, its default); None without the extension, or outside the project."""
    options = extensions.get("markdown_include.include")
    if options is None:
        return None
    return _inside_project(root, str(options.get("base_path") or "."))


def _inside_project(root: Path, folder: str) -> str | None:
    """``folder`` (relative to the project folder ``root``, or absolute) as a path relative
    to it, "" for the folder itself; None outside it, where openaccess reads nothing."""
    try:
        relative = (root / folder).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return "" if relative == "." else relative


def _relative_tag(base: str, docs: str) -> str:
    """``base`` with MkDocs' ``$config_dir`` or ``$docs_dir`` (what ``!relative`` is
    written with) as the folder it names; "" for an empty value."""
    for name, folder in (("$config_dir", "."), ("$docs_dir", docs or ".")):
        if base == name or base.startswith(name + "/"):
            return folder + base[len(name) :]
    return base.strip()


def _macro_include_folder(plugins: Any, root: Path, docs: str) -> str | None:
    """mkdocs-macros' ``include_dir`` (default: ``docs_dir``), relative to the project
    folder, where the plugin renders every page; None without it, or outside."""
    settings = _plugin_options(plugins).get("macros")
    if settings is None:
        return None
    settings = settings if isinstance(settings, dict) else {}
    if settings.get("render_by_default") is False:
        return None  # pages choose: left unread
    return _inside_project(root, str(settings.get("include_dir") or docs or "."))


def _macro_include_tag(plugins: Any) -> re.Pattern[str]:
    """mkdocs-macros' include tag in the block markers the site sets: external-dns writes
    ``[[% include "see-also.md" %]]`` (``j2_block_start_string: '[[%'``)."""
    settings = _plugin_options(plugins).get("macros")
    settings = settings if isinstance(settings, dict) else {}
    start, end = settings.get("j2_block_start_string"), settings.get("j2_block_end_string")
    if not (isinstance(start, str) and start and isinstance(end, str) and end):
        return _MACRO_INCLUDE
    return re.compile(
        rf"{re.escape(start)}-?\s*include\s+([\"'])([^\"'\n]+)\1[^\n]*?-?{re.escape(end)}"
    )


def _absolute_links_relative(validation: Any) -> bool:
    """``validation: {links: {absolute_links: relative_to_docs}}``, or the same key right
    under ``validation``, which MkDocs passes down to ``links`` (and ``nav``) unless
    those set it themselves."""
    if not isinstance(validation, dict):
        return False
    links = validation.get("links")
    setting = links.get("absolute_links") if isinstance(links, dict) else None
    return (setting or validation.get("absolute_links")) == "relative_to_docs"


# Extensions whose blocks hold Markdown that CommonMark reads otherwise (the Material
# theme's docs use them all): indented bodies, and md_in_html's <div markdown> lines.
_BLOCK_EXTENSIONS = frozenset(
    {"admonition", "pymdownx.details", "pymdownx.tabbed", "def_list", "md_in_html"}
)


def _mkdocs_syntax(extensions: dict[str, dict[str, Any]]) -> IdSyntax:
    """The id syntaxes a MkDocs site honours: attribute lists only with ``attr_list``,
    footnote ids only with ``footnotes``; raw HTML ids and code fence ids always (MkDocs
    always adds ``fenced_code``; ``pymdownx.superfences`` reads them the same way)."""
    syntax = IdSyntax.RAW_HTML | IdSyntax.FENCE_ATTRIBUTES
    if "attr_list" in extensions:
        syntax |= IdSyntax.HEADING_ID | IdSyntax.HEADING_ATTRIBUTES | IdSyntax.ATTR_LIST
    if "footnotes" in extensions:
        syntax |= IdSyntax.FOOTNOTES
    if "md_in_html" in extensions:
        syntax |= IdSyntax.MD_IN_HTML
    if "attr_list" in extensions and "pymdownx.emoji" in extensions:
        syntax |= IdSyntax.EMOJI_ATTRIBUTES
    return syntax


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def _gitignore(lines: list[str]) -> pathspec.PathSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _extension_configs(value: Any) -> dict[str, dict[str, Any]]:
    """``markdown_extensions`` as name -> options (a list of names or one-key tables),
    with ``extra`` opened into the extensions it loads."""
    found: dict[str, dict[str, Any]] = {}
    for item in value if isinstance(value, list) else [value] if value else []:
        if isinstance(item, str):
            found[_short(item)] = {}
        elif isinstance(item, dict):
            for name, options in item.items():
                found[_short(str(name))] = options if isinstance(options, dict) else {}
    for extra, members in _EXTRA_MEMBERS.items():
        if extra in found:
            _open_extra(found, extra, members)
    return found


# What Python-Markdown's ``extra`` loads (markdown/extensions/extra.py ``extensions``),
# and pymdown-extensions' twin (pymdownx/extra.py ``extra_extensions``: superfences and
# betterem instead of fenced_code; pydantic's docs list only it).
_EXTRA_MEMBERS = {
    "extra": ("fenced_code", "footnotes", "attr_list", "def_list", "tables", "abbr", "md_in_html"),
    "pymdownx.extra": (
        "pymdownx.betterem",
        "pymdownx.superfences",
        "footnotes",
        "attr_list",
        "def_list",
        "tables",
        "abbr",
        "md_in_html",
    ),
}


def _open_extra(found: dict[str, dict[str, Any]], extra: str, members: tuple[str, ...]) -> None:
    """``extra`` registers its members with its own options, keyed by member name
    (``extra: {footnotes: {...}}``); a member also listed on its own keeps those options."""
    options = found[extra]
    for member in members:
        given = options.get(member, options.get(f"markdown.extensions.{member}"))
        found.setdefault(member, given if isinstance(given, dict) else {})


def _short(name: str) -> str:
    """``markdown.extensions.toc`` -> ``toc``; pymdownx names stay as they are."""
    return name.removeprefix("markdown.extensions.")


def _tab_ids(extensions: dict[str, dict[str, Any]]) -> TabIds | None:
    """How ``pymdownx.tabbed`` names tabs on this site (None: the site has no tabs)."""
    if "pymdownx.tabbed" not in extensions:
        return None
    options = extensions["pymdownx.tabbed"]
    slugify = (_toc_algorithm(options) or "python-markdown") if options.get("slugify") else None
    return TabIds(
        slugify=slugify,
        combine_header_slug=options.get("combine_header_slug") is True,
        separator=str(options.get("separator") or "-"),
    )


def _toc_algorithm(toc: dict[str, Any]) -> str | None:
    """The id algorithm a toc (or tabbed) ``slugify`` setting names; None for a function
    openaccess does not know (a site's own: MkDocs calls it, and only the build knows
    what it returns)."""
    slugify = toc.get("slugify")
    if isinstance(slugify, dict):  # !!python/object/apply:pymdownx.slugs.slugify {kwds: {...}}
        function = str(slugify.get("function", ""))
        options = slugify.get("kwds") or {}
        if function.endswith("pymdownx.slugs.slugify"):
            options = options if isinstance(options, dict) else {}
            known = ("case", "percent_encode", "normalize")
            args = ",".join(f"{key}={options[key]}" for key in known if key in options)
            return f"pymdownx.slugs.slugify({args})"
        return _SLUGIFY.get(function)
    if isinstance(slugify, str):
        return _SLUGIFY.get(slugify)
    return "python-markdown"


def _nav_entries(items: list[Any], titled: bool = False) -> Iterator[tuple[str, bool]]:
    """Every docs page named in ``nav`` (external links and section titles skipped), and
    whether ``nav`` gives it a title (``- Timeouts: advanced/timeouts.md``): MkDocs titles
    such a page so, before its front matter and first heading."""
    for item in items:
        if isinstance(item, dict):
            for nested in item.values():
                if isinstance(nested, list):
                    yield from _nav_entries(nested)
                else:
                    yield from _nav_entries([nested], titled=True)
        elif isinstance(item, str) and "://" not in item and not item.startswith("/"):
            yield posixpath.normpath(item), titled


def _nav_paths(items: list[Any]) -> list[str]:
    return [path for path, _ in _nav_entries(items)]


def _nav_titled(items: Any, content: str) -> frozenset[PurePosixPath]:
    if not isinstance(items, list):
        return frozenset()
    prefix = PurePosixPath(content) if content else PurePosixPath()
    return frozenset(prefix / path for path, titled in _nav_entries(items) if titled)


# Plugins that build the navigation from a file in each folder, with its default name:
# mkdocs-awesome-nav (``.nav.yml``) and mkdocs-awesome-pages-plugin (``.pages``).
_NAV_FILE_PLUGINS = {"awesome-nav": ".nav.yml", "awesome-pages": ".pages"}


def _nav_file_titled(
    plugins: Any, root: Path, content: Path, content_relative: str
) -> frozenset[PurePosixPath]:
    """Pages a folder's navigation file titles (``- Quickstart: getting-started/x.md``
    in ``versioned/.nav.yml``): MkDocs titles them so, as it does from ``nav``."""
    options = _plugin_options(plugins)
    titled: set[PurePosixPath] = set()
    real_root = Path(os.path.realpath(root))
    for plugin, default in _NAV_FILE_PLUGINS.items():
        if plugin not in options:
            continue
        settings = options[plugin] if isinstance(options[plugin], dict) else {}
        name = str(settings.get("filename") or default)
        for nav_file in sorted(content.rglob(name)) if content.is_dir() else []:
            folder = nav_file.parent.relative_to(content).as_posix()
            text = template_text(nav_file, real_root)
            data = read_data(text, ".yml") if text is not None else None
            items = data.get("nav") if isinstance(data, dict) else None
            titled |= _nav_titled(items, posixpath.join(content_relative, folder))
    return frozenset(titled)


# mkdocs-rss-plugin's feeds, by its ``feeds_filenames`` keys, and which switch turns each off.
_FEEDS = {
    "rss_created": ("feed_rss_created.xml", "rss_feed_enabled"),
    "rss_updated": ("feed_rss_updated.xml", "rss_feed_enabled"),
    "json_created": ("feed_json_created.json", "json_feed_enabled"),
    "json_updated": ("feed_json_updated.json", "json_feed_enabled"),
}


def _coverage_page(plugins: Any) -> tuple[str, ...]:
    """The page mkdocs-coverage adds, ``{page_path}.md`` (default ``coverage``), over a
    file of that name if there is one (its ``on_files``; every project made from
    pawamoy's copier-uv template has it: griffe, mkdocstrings, autorefs)."""
    options = _plugin_options(plugins)
    if "coverage" not in options:
        return ()
    settings = options["coverage"]
    path = settings.get("page_path", "coverage") if isinstance(settings, dict) else "coverage"
    path = posixpath.normpath(str(path).strip("/"))
    return (f"{path}.md",) if path not in ("", ".", "..") and not path.startswith("../") else ()


def _print_site_page(plugins: Any) -> tuple[str, ...]:
    """The page mkdocs-print-site-plugin adds, ``print_page.md`` at the top of the docs
    (``/print_page/``, or ``/print_page.html`` without directory URLs), whose name no
    option changes (2.9)."""
    return ("print_page.md",) if _enabled_settings(plugins, "print-site") is not None else ()


def _generated_files(plugins: Any, root: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What mkdocs-gen-files' scripts write, read from the scripts: the docs paths
    ``mkdocs_gen_files.open("reference/cli.md", ...)`` names (pipx's docs), and the folders
    an f-string's literal start names (``f"reference/{name}.md"``; "" when the pages may
    be anywhere). Nothing runs."""
    settings = _plugin_options(plugins).get("gen-files")
    if settings is None:
        return (), ()
    scripts = settings.get("scripts") if isinstance(settings, dict) else None
    pages, folders = [], []
    real_root = Path(os.path.realpath(root))
    for script in _lines(scripts):
        text = bounded_template_text(root / script, real_root, _MAX_SCRIPT_BYTES) or ""
        assigned: dict[str, list[re.Match[str]]] = {}
        for assignment in _ASSIGNMENT.finditer(text):
            assigned.setdefault(assignment.group(1), []).append(assignment)
        for match in _GEN_OPEN.finditer(text):
            for written, template in _opened_paths(match, assigned):
                written = written.lstrip("/")
                if template:
                    folder = written.split("{", 1)[0]
                    folders += [folder] if "/" in folder or not folder else []
                else:
                    pages.append(posixpath.normpath(written))
    return tuple(dict.fromkeys(pages)), tuple(dict.fromkeys(folders))


def _hook_folders(hooks: list[str], root: Path, content_relative: str) -> tuple[str, ...]:
    """Folders (``geps/``) and pages (``extra/page``) of the project, beside the docs,
    that a hook adds to the build: a hook whose ``on_files`` makes ``File(...)``
    objects, and a string of its code that names such a folder or page (gateway-api's
    hook walks ``Path('geps')`` and adds each file at the same path, so its pages are at
    ``/geps/...``). Links into them are not judged: what the hook adds, and where, only
    its run knows. Nothing runs."""
    real_root = Path(os.path.realpath(root))
    docs = PurePosixPath(content_relative)
    added = []
    for hook in hooks:
        text = bounded_template_text(root / hook, real_root, _MAX_SCRIPT_BYTES) or ""
        if "def on_files" not in text or not _MAKES_FILE.search(text):
            continue
        for match in _STRING.finditer(text):
            named = PurePosixPath(posixpath.normpath(match.group("path")))
            if named.parts[:1] in ((), (".",), ("..",)) or named == docs:
                continue
            if docs in named.parents or named in docs.parents:
                continue
            found = root / named
            if not inside_project(found, real_root):
                continue
            if found.is_dir():
                added.append(f"{named}/")
            elif found.is_file() and _is_page(str(named)):
                added.append(str(named.with_suffix("")))  # the start of its address
    return tuple(dict.fromkeys(added))


def _opened_paths(
    match: re.Match[str], assigned: dict[str, list[re.Match[str]]]
) -> list[tuple[str, bool]]:
    """The docs paths one ``mkdocs_gen_files.open`` call may write, each with whether only
    its start is known. A variable reads from the last thing the script assigns it
    before the call: a string or an f-string (``filename = f"sample/{n}-bottles.md"``:
    mkdocs-gen-files' own docs), or the first string of another expression as a folder
    (mkdocstrings' recipe, ``Path("reference", doc_path)``); else the pages may be
    anywhere."""
    if match.group("name") is None:
        written = match.group("path")
        return [(written, bool(match.group("f")) and "{" in written)]
    assignments = assigned.get(match.group("name"), [])
    last = bisect.bisect_left(assignments, match.start(), key=lambda found: found.start())
    string = _STRING.search(assignments[last - 1].group(2)) if last else None
    if string is None:
        return [("", True)]
    written = string.group("path")
    if string.start() == 0:
        return [(written, bool(string.group("f")) and "{" in written)]
    return [(written.rstrip("/") + "/{", True)]


def _offline(plugins: Any) -> bool:
    """Whether Material's ``offline`` plugin is on: it sets ``use_directory_urls: false``
    (pages at ``a/b.html``), for a site read from files. Its usual setting,
    ``enabled: !ENV [OFFLINE, false]``, reads as its default: off."""
    options = _plugin_options(plugins)
    settings = options.get("offline", options.get("material/offline", False))
    if settings is False:
        return False
    return not (isinstance(settings, dict) and settings.get("enabled") is False)


def _feed_files(plugins: Any) -> tuple[str, ...]:
    """The feeds mkdocs-rss-plugin writes (site paths), as its config names them."""
    settings = _enabled_settings(plugins, "rss")
    if settings is None:
        return ()
    names = settings.get("feeds_filenames")
    names = names if isinstance(names, dict) else {}
    return tuple(
        str(names.get(key) or default).lstrip("/")
        for key, (default, switch) in _FEEDS.items()
        if settings.get(switch) is not False
    )


def _llms_files(plugins: Any) -> tuple[str, ...]:
    """The files mkdocs-llmstxt writes at the site's top: ``llms.txt``, and its
    ``full_output`` (checked with mkdocs-llmstxt 0.5.1; the Markdown copies it writes
    of the pages its sections list are not read)."""
    settings = _enabled_settings(plugins, "llmstxt")
    if settings is None:
        return ()
    full = settings.get("full_output")
    return ("llms.txt", full.lstrip("/")) if isinstance(full, str) and full else ("llms.txt",)


def _add_theme(site: MkDocsSite, data: dict[str, Any], root: Path) -> None:
    theme = data.get("theme", "mkdocs")
    options = theme if isinstance(theme, dict) else {"name": theme}
    name = options.get("name")
    folders: list[Path] = []
    custom = options.get("custom_dir")
    if isinstance(custom, str):
        folders.append(root / custom)
    if isinstance(name, str):
        installed = _installed_theme(name)
        if installed is None:
            site.missing_theme = name
            site.notes.append(
                f"the MkDocs theme '{name}' is not installed here; links to its own files"
                " (favicon, CSS) cannot be checked"
            )
        else:
            folders.append(installed)
    plugins = data.get("plugins", ["search"])
    plugin_names = list(plugins) if isinstance(plugins, list | dict) else []
    site.redirects = _redirect_maps(plugins)
    site.autodoc = any(_plugin_name(p) == "mkdocstrings" for p in plugin_names)
    site.i18n = read_i18n(_plugin_options(plugins).get("i18n"))
    tags = next((n for n in ("tags", "material/tags") if n in _plugin_options(plugins)), None)
    if tags is not None:
        options = _plugin_options(plugins).get(tags) or {}
        written = options.get("tags_slugify_format") if isinstance(options, dict) else None
        site.tag_ids = glob_escape(str(written or "tag:{slug}")).replace("{slug}", "*")
    if any(_plugin_name(p) == "exclude" for p in plugin_names):
        _read_exclude_plugin(site, _plugin_options(plugins).get("exclude"))
    site.blogs = tuple(
        material_blog(options)
        for name, options in _plugin_entries(plugins)
        if name in PLUGIN_NAMES
        and not (isinstance(options, dict) and options.get("enabled") is False)
    )
    if any(_plugin_name(p) == "search" for p in plugin_names):
        search = _package_file("mkdocs", "mkdocs/contrib/search/templates")
        if search is not None:
            folders.append(search)
        site.static_templates = (*site.static_templates, "search.html")
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and _theme_static(relative, site.static_templates):
                site.theme_files.setdefault(relative, path)


def _read_exclude_plugin(site: MkDocsSite, options: Any) -> None:
    """mkdocs-exclude's ``glob`` and ``regex`` (each a string or a list). A regex Python
    cannot compile, which makes ``mkdocs build`` fail, excludes nothing here and gets a
    note."""
    options = options if isinstance(options, dict) else {}
    site.plugin_globs = tuple(_lines(options.get("glob")))
    regexes = []
    for pattern in _lines(options.get("regex")):
        try:
            regexes.append(re.compile(pattern))
        except re.error as error:
            site.notes.append(f"the exclude plugin's regex {pattern!r} is not valid ({error})")
    site.plugin_regexes = tuple(regexes)


def _redirect_maps(plugins: Any) -> tuple[tuple[str, str], ...]:
    """The ``redirects`` plugin's ``redirect_maps``: each old docs path gets a page at
    its address that sends readers on (mkdocs-redirects 1.2 ``on_post_build``)."""
    options = _plugin_options(plugins).get("redirects")
    maps = options.get("redirect_maps") if isinstance(options, dict) else None
    if not isinstance(maps, dict):
        return ()
    return tuple((str(old).replace("\\", "/").lstrip("/"), str(new)) for old, new in maps.items())


def _enabled_settings(plugins: Any, name: str) -> dict[str, Any] | None:
    """The options of the plugin ``name`` ({} when it has none); None when the site does
    not run it, or turns it off with ``enabled: false``."""
    settings = _plugin_options(plugins).get(name)
    if settings is None:
        return None
    settings = settings if isinstance(settings, dict) else {}
    return None if settings.get("enabled") is False else settings


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """``plugins`` (a table, or a list of names and one-key tables) as name -> options
    (the last entry of a name: see :func:`_plugin_entries` for each)."""
    return dict(_plugin_entries(plugins))


def _plugin_entries(plugins: Any) -> list[tuple[str, Any]]:
    """Each entry of ``plugins`` in order, as (name, options): a plugin that runs as
    several instances (Material's blog) is listed once per entry."""
    if isinstance(plugins, dict):
        return [(str(name), options) for name, options in plugins.items()]
    found: list[tuple[str, Any]] = []
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict):
            found.extend((str(name), options) for name, options in plugin.items())
        else:
            found.append((str(plugin), {}))
    return found


def _plugin_name(plugin: Any) -> str:
    if isinstance(plugin, dict):
        return str(next(iter(plugin), ""))
    return str(plugin)


def _theme_static(relative: str, static_templates: tuple[str, ...]) -> bool:
    """MkDocs' own filter (``Files.add_files_from_theme``): which theme files are copied."""
    name = relative.lower()
    if any(part.startswith(".") for part in name.split("/")) or "__pycache__" in name:
        return False
    patterns = [*_THEME_SKIP, *(f"*{s}" for s in MARKDOWN_SUFFIXES), *static_templates]
    return not any(fnmatch(name, pattern) for pattern in patterns)


def _installed_theme(name: str) -> Path | None:
    """A theme's folder, found through the ``mkdocs.themes`` entry points as MkDocs finds
    it, without importing the theme."""
    from importlib import metadata

    for entry in metadata.entry_points(group="mkdocs.themes"):
        if entry.name == name and entry.dist is not None:
            return _package_file(entry.dist.name, entry.value.replace(".", "/"))
    return None


def _package_file(distribution: str, relative: str) -> Path | None:
    from importlib import metadata

    try:
        located = Path(str(metadata.distribution(distribution).locate_file(relative)))
    except metadata.PackageNotFoundError:
        return None
    return located if located.exists() else None


def _fenced_code(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each fenced code block's lines, fences at any indent (in
    an admonition or a details block too). pymdownx.snippets pastes a file before
    Markdown reads the page, so a snippet line inside a fence is pasted as code."""
    blocks: list[tuple[int, int]] = []
    fence, offset, start = "", 0, 0
    for line in text.splitlines(keepends=True):
        opened = fence
        fence = next_fence(fence, line.strip())
        if fence and not opened:
            start = offset + len(line)
        elif opened and not fence:
            blocks.append((start, offset))
        offset += len(line)
    if fence:
        blocks.append((start, offset))
    return blocks


def _within(blocks: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` is inside one of ``blocks`` (in order, apart)."""
    index = bisect.bisect_right(blocks, (offset, float("inf"))) - 1
    return index >= 0 and offset < blocks[index][1]
