"""Jekyll (4.x): routes read from ``_config.yml``, as ``jekyll build`` writes them.

Mirrors Jekyll's ``Page``/``Document``/``URL``/``EntryFilter`` (jekyll 4.3.1, lib/jekyll):

* files and folders starting with ``.``, ``_``, ``#`` or ``~`` are skipped, except
  collections (``_posts`` and every ``collections`` entry) and ``include``; ``exclude``
  (plus Jekyll's defaults) matches by glob or path prefix;
* a file with front matter is a page: ``a/b.md`` -> ``/a/b.html`` under the ``date`` and
  ``none`` permalink styles, ``/a/b/`` under ``pretty`` (``/:path/:basename`` plus the
  style's suffix); a front matter or ``defaults`` ``permalink`` replaces it (pages know
  only ``:path``, ``:basename`` and ``:output_ext``);
* posts (``_posts/YYYY-MM-DD-title.md``) and collection documents use the collection's
  ``permalink`` (posts: the site's style, ``/:categories/:year/:month/:day/:title.html``);
  ``_drafts``, ``published: false`` and future posts are not published;
* a file without front matter is copied as it is (a Markdown file too);
* ``jekyll serve`` and GitHub Pages answer ``/a`` with ``a.html``.

Pages are read as kramdown reads them: a block HTML tag's body is raw text unless
``markdown="1"`` makes it Markdown.

Links are not rewritten (unless the ``jekyll-relative-links`` plugin is on); Liquid in a
page runs before Markdown, so ``{% link %}``, ``{% post_url %}``, ``{{ site.baseurl }}``
and ``relative_url`` are read as what they build to.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar
from urllib.parse import urlsplit

from msgspec import Struct, field
from msgspec.structs import replace

from openaccess.routing.base import (
    Expanded,
    Generator,
    Included,
    bounded_template_text,
    project_folder,
)
from openaccess.routing.configfile import read_config_file, read_data
from openaccess.routing.ids import GENERATOR_SYNTAX, UNKNOWN_ID_MARK, unknown_id
from openaccess.routing.inventory import Inventory
from openaccess.routing.liquid import (
    UNKNOWN,
    Scope,
    Unknown,
    Value,
    data_loops,
    include_parameters,
    render_id,
    render_looped_ids,
    slugify,
)
from openaccess.routing.model import (
    ADDRESS_KEYS,
    TAKEN,
    Output,
    PageRoute,
    RouteProblem,
    SiteMap,
)
from openaccess.routing.urls import file_url

# Jekyll's default markdown_ext, as suffixes.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd")
DEFAULT_EXCLUDES = (
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
)  # fmt: skip
_STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
# GitHub Pages builds a site with these plugins on, whatever _config.yml lists, and
# publishes future posts unless the config says ``future: false`` (pages-gem's
# Plugins::DEFAULT_PLUGINS and Configuration::DEFAULTS). A Gemfile that asks for the
# github-pages gem says the site is built so, locally too.
_GITHUB_PAGES_PLUGINS = (
    "jekyll-coffeescript",
    "jekyll-commonmark-ghpages",
    "jekyll-gist",
    "jekyll-github-metadata",
    "jekyll-paginate",
    "jekyll-relative-links",
    "jekyll-optional-front-matter",
    "jekyll-readme-index",
    "jekyll-default-layout",
    "jekyll-titles-from-headings",
)
# Liquid printing another document's content into the page: ``{{ spec_draft.content }}``.
_PRINTED_CONTENT = re.compile(r"\{\{-?[ \t]*(?!page\.)[\w.]+\.content[ \t]*(?:\|[^{}]*)?-?\}\}")
# kramdown's table of contents: an IAL ``{:toc}`` on the list item that it replaces.
_TOC_MARK = re.compile(r"^[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*$", re.MULTILINE)

_GITHUB_PAGES_GEM = re.compile(r"""^[ \t]*gem[ \t(]+["']github-pages["']""", re.MULTILINE)
_GEMFILE_MOST = 64 * 1024  # a Gemfile is a few lines; a bigger file is not read
# A Gemfile line that opens the ``:jekyll_plugins`` group, one that names a gem, and one
# that names a gem of that group itself (``group: :jekyll_plugins``, ``:group =>``).
_PLUGIN_GROUP = re.compile(r"[ \t]*group[ \t(]+:jekyll_plugins[ \t)]*do\b")
_GEM_NAME = re.compile(r"""[ \t]*gem[ \t(]+["']([\w.-]+)["']""")
_IN_PLUGIN_GROUP = re.compile(r"\bgroup:?[ \t]*(?:=>[ \t]*)?:jekyll_plugins\b")
# A Gemfile that pins Jekyll 3: ``gem "jekyll", "~> 3.9"``.
_JEKYLL_3_GEM = re.compile(
    r"""^[ \t]*gem[ \t(]+["']jekyll["'][ \t]*,[ \t]*["'][~>=< ]*3\.""", re.MULTILINE
)
# jekyll-readme-index (0.3, the version GitHub Pages runs): a README whose folder has
# no index (a URL that is the folder, or its index file) becomes the folder's index.
_INDEX_FILE = re.compile(r"(?:index\.(?:html?|xhtml|xml))?", re.IGNORECASE)
# The names jekyll-optional-front-matter leaves as plain files (its FILENAME_BLACKLIST).
_NOT_MADE_PAGES = frozenset(
    {
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CODE_OF_CONDUCT",
        "CONTRIBUTING",
        "ISSUE_TEMPLATE",
        "PULL_REQUEST_TEMPLATE",
    }
)
# Converters Jekyll ships: Sass and CoffeeScript files with front matter are built.
_OUTPUT_SUFFIXES = {".scss": ".css", ".sass": ".css", ".coffee": ".js"}
_POST_NAME = re.compile(r"^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)$")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_RENDERED = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".html", ".htm", ".xhtml")
# Liquid that builds a URL, as written inside a page's links.
# Liquid that runs nothing: {% raw %} shows its text as it is, {% comment %} hides it.
_LIQUID_VERBATIM = re.compile(
    r"\{%-?\s*(raw|comment)\s*-?%\}.*?(?:\{%-?\s*end\1\s*-?%\}|\Z)", re.DOTALL
)
# ``{% include file key="value" %}`` (from ``_includes``) or ``{% include_relative %}``
# (from the page's folder): the tag, the file, then its parameters.
_REFUSED_INCLUDE = re.compile(r"[./]{2}")  # Jekyll's INVALID_SEQUENCES
# A layout's own ``layout:`` (the layout it sits in), in its front matter.
_LAYOUT_KEY = re.compile(r"^layout:[ \t]*(\S+)[ \t]*$", re.MULTILINE)
# A layout (or an include it pulls in) printing the page's body: ``{{ content }}``.
# A layout that names ``content`` in Liquid may print it: ``{{ content }}``, or through an
# include or a variable (``{% include anchors.html html=content %}``, moveit's docs).
_PRINTS_CONTENT = re.compile(r"\{[{%][^{}]*?\bcontent\b")
_MAX_LAYOUT_DEPTH = 10  # layouts in layouts; a loop stops at the first one seen again
_MAX_LAYOUT_FILES = 200  # layouts and the includes they pull in
_INCLUDE = re.compile(r"\{%-?\s*(include|include_relative)\s+([^\s%]+)([^%]*?)-?%\}")
# A Liquid output of an include's parameter: ``{{ include.suffix }}``, ``{{ include.x | upcase }}``.
_INCLUDE_OUTPUT = re.compile(r"\{\{-?[ \t]*include\.[^{}\n]*\}\}")
# A Liquid loop or assignment over a list of the site: ``{% for post in site.posts %}``,
# ``{% assign talks = site.talks | sort: "date" %}``, ``paginator.posts``.
_LOOPED = re.compile(r"\{%-?\s*(?:for\s+\w+\s+in|assign\s+\w+\s*=)\s*(?:site|paginator)\.(\w+)")
# What is left of a link once its tag is read may be template code too.
_TEMPLATE_CODE = re.compile(r"\{\{|\{%")
# ``{% link a.md %}`` and ``{% post_url 2024-03-05-hello %}`` (Jekyll strips the argument,
# which may hold spaces), perhaps after the ``{{ site.baseurl }}`` that Jekyll 3 (GitHub
# Pages) needs there; ``{{ site.baseurl }}/path``; ``{{ '/path' | relative_url }}``. No
# part runs past a brace, so a scan takes linear time.
_LIQUID_LINK = re.compile(
    r"(?P<base>\{\{-?\s*site\.baseurl\s*-?\}\}|\{\{-?\s*(['\"])\2\s*\|\s*relative_url\s*-?\}\})?"
    r"\{%-?\s*(?P<tag>link|post_url)\s+(?P<argument>[^\s%{}](?:[^%{}\n]*?[^\s%{}])?)\s*-?%\}"
    r"(?P<fragment>#[^\s\"')>\]]*)?"
    r"|\{\{-?\s*(?P<url>site\.url\s*\}\}\s*\{\{-?\s*)?site\.baseurl\s*-?\}\}"
    r"(?P<after>[^\s\"')>\]]*)"
    r"|\{\{-?\s*(?P<quote>['\"])(?P<path>[^'\"{}]*)(?P=quote)\s*\|\s*"
    r"(?:relative_url|absolute_url)\s*-?\}\}"
    # ``{{ '/path#part' }}``: Liquid writes the text as it is (Marlin's home page).
    r"|\{\{-?\s*(?P<said>['\"])(?P<literal>/[^'\"{}]*)(?P=said)\s*-?\}\}"
    # ``{{ site.url }}/path``: the site's host, then the path as written (bulma's docs).
    r"|\{\{-?\s*site\.url\s*-?\}\}(?P<hosted>/[^\s\"')>\]]*)"
)


class Collection(Struct):
    label: str
    folder: str  # relative to the project folder: "_articles"
    output: bool
    permalink: str


class JekyllSite(Generator):
    UNKEYED: ClassVar[frozenset[str]] = frozenset({"today"})  # see cache.portable
    describes_pages: bool = True
    permalink_style: str = "date"
    collections: list[Collection] = field(default_factory=list)
    defaults: list[dict[str, Any]] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    markdown_suffixes: tuple[str, ...] = MARKDOWN_SUFFIXES
    redirects: bool = False  # jekyll-redirect-from: redirect_from and redirect_to pages
    # jekyll-polyglot: the site's other languages, each built under /<lang>/ (a page
    # with that ``lang``, or else the default language's page at the same address).
    other_languages: tuple[str, ...] = ()
    # jekyll-optional-front-matter: a Markdown file without front matter is a page too,
    # its plain copy kept unless ``remove_originals``
    optional_front_matter: bool = False
    keep_originals: bool = True
    # jekyll-readme-index: a README without front matter is its folder's index page when
    # the folder has none, its plain copy kept unless ``readme_index.remove_originals``
    readme_index: bool = False
    keep_readmes: bool = True
    future: bool = False  # ``future: true``: posts dated after today are published too
    # ``timezone`` (an IANA name): a post's date and time with an offset is moved to this
    # zone before its date goes into the address, as Jekyll's Time#localtime does. "": the
    # build machine's zone, taken as UTC (GitHub Pages' and CI runners').
    timezone: str = ""
    # jekyll-relative-links rewrites links in collection documents (posts too) only with
    # ``relative_links: {collections: true}``; in pages always.
    relative_links_in_collections: bool = False
    rewrites_included_links: bool = False  # see Generator
    # Files plugins write unless the site has its own: sitemap.xml, feed.xml...
    generated: tuple[str, ...] = ()
    # Jekyll 4's {% link %} and {% post_url %} write the site's base path themselves;
    # Jekyll 3's (GitHub Pages builds with 3.10) leave it to the page.
    tags_add_base_path: bool = True
    # Not in cache keys (see cache.portable): its effect, which posts are published, is in
    # the site map. Fields starting with _ are the last build's working state.
    today: dt.date = field(default_factory=dt.date.today)
    # Each page's ``layout`` (front matter and defaults), as the last build read it, and
    # the files each layout name renders around a page (see layout_includes).
    _layout_of: dict[PurePosixPath, str] = field(default_factory=dict)
    _layout_files: dict[str, tuple[PurePosixPath, ...]] = field(default_factory=dict)
    _drops_body: dict[str, bool] = field(default_factory=dict)  # by layout name
    _data_lists: dict[str, list[Any] | None] = field(default_factory=dict)  # by data name
    _language_of: dict[PurePosixPath, str] = field(default_factory=dict)  # polyglot pages
    # Where the last build found documents whose address a plugin makes (see
    # _plugin_address): the start of their addresses, "/sips/".
    _plugin_made: list[str] = field(default_factory=list)
    # Collection files jekyll-optional-front-matter makes pages of (see _made_a_page).
    _made_pages: set[PurePosixPath] = field(default_factory=set)

    # -- which files Jekyll reads ----------------------------------------------------
    def _collection_of(self, source: PurePosixPath) -> Collection | None:
        for collection in self.collections:
            if collection.folder and PurePosixPath(collection.folder) in source.parents:
                return collection
        return None

    def _skipped(self, source: PurePosixPath, collection: Collection | None) -> bool:
        inside = source.parts
        if collection is not None:
            inside = source.relative_to(collection.folder).parts
        for depth in range(1, len(source.parts) + 1):
            partial = "/".join(source.parts[:depth])
            if self._matches(self.exclude, partial) and not self._matches(self.include, partial):
                return True
        for part in inside:
            special = part[:1] in "._#~" or part.endswith("~")
            if special and not self._matches(self.include, part):
                return True
        return False

    @staticmethod
    def _matches(patterns: list[str], entry: str) -> bool:
        for pattern in patterns:
            if fnmatchcase(entry, pattern) or entry.startswith(pattern):
                return True
            if pattern.endswith("/") and pattern == entry + "/":
                return True
        return False

    # -- routes ----------------------------------------------------------------------
    def build(self, inventory: Inventory) -> SiteMap:
        site = SiteMap()
        self._layout_of, self._layout_files, self._plugin_made = {}, {}, []
        self._drops_body, self._language_of = {}, {}
        self._made_pages = set()
        readmes: list[PurePosixPath] = []  # plain README files: maybe folder indexes
        plain = 0  # Markdown files without front matter: no pages to Jekyll alone
        for source in inventory.under(self.content):
            collection = self._collection_of(source)
            if collection is None and self._in_special_folder(source):
                if "_drafts" in source.parts and self._is_page_file(source):
                    site.pages[source] = PageRoute(source, None, reason="a draft (_drafts)")
                if "_posts" not in source.parts:
                    continue  # _layouts, _includes, _data, _sass...: never published
                collection = self._posts_collection(source)
            if self._skipped(source, collection):
                continue
            written = collection is None or collection.output
            if not written and not self._made_a_page(source, collection):
                continue
            meta = inventory.meta(source)
            if meta is None:  # no front matter: copied as it is (and maybe a page too)
                made = self._made_a_page(source, collection)
                if written and (not made or self.keep_originals):
                    site.claim(Output(self._static_file(source, collection), "file", source))
                if not made:
                    if collection is None and self._is_readme(source):
                        readmes.append(source)
                    elif collection is None and source.suffix.lower() in self.markdown_suffixes:
                        plain += 1
                    continue
                if collection is not None:
                    self._made_pages.add(source)
                meta, collection = {}, None  # the plugin's page, where the file lies
            elif not written:
                continue  # a document of a collection that is not written
            # A page's defaults are only a fallback of its data in Jekyll 4.3 (``Hash#key?``
            # misses them), so a default ``published: false`` leaves a page published; a
            # document's defaults are merged in, and unpublish it.
            own_published = "published" in meta
            meta = self._with_defaults(source, collection, meta)
            if collection is None and not own_published:
                meta = {key: value for key, value in meta.items() if key != "published"}
            if isinstance(meta.get("layout"), str) and meta["layout"].strip():
                self._layout_of[source] = meta["layout"].strip()
            self._add_page(site, source, collection, meta)
        if self.readme_index and readmes:
            indexed = {_indexed_folder(output) for output in site.outputs.values()}
            for readme in readmes:
                self._add_readme_index(site, readme, indexed)
        for file in self.generated:
            site.claim(Output(file, "generated"))
        if plain and not self._has_gemfile():
            self._note_plain_files(plain)
        return site

    def _has_gemfile(self) -> bool:
        """Whether the project has a Gemfile: it builds the site with Jekyll itself, where
        a Markdown file without front matter is no page on purpose."""
        folder = self.config_file.parent if self.config_file is not None else self.root
        return (folder / "Gemfile").is_file()

    def _note_plain_files(self, count: int) -> None:
        """Say why Markdown files without front matter are not checked, on a site with no
        Gemfile: GitHub Pages builds such a site, and has pages of them, and "No pages
        found" alone would not tell its writers what to change."""
        if count == 1:
            unbuilt = (
                "1 Markdown file has no front matter, so Jekyll builds no page of it and it is"
            )
        else:
            unbuilt = (
                f"{count} Markdown files have no front matter, so Jekyll builds no pages of"
                " them and they are"
            )
        note = (
            f"{unbuilt} not checked; GitHub Pages builds such files: if it builds this site, add"
            ' a Gemfile with gem "github-pages" (as GitHub\'s docs advise for building it'
            " locally), or front matter to each file"
        )
        if note not in self.notes:
            self.notes.append(note)

    def _in_special_folder(self, source: PurePosixPath) -> bool:
        """Whether a folder of the file's path starts with ``_`` and ``include`` does not
        list it: Jekyll reads ``_pages/`` as pages only with ``include: [_pages]``
        (minimal-mistakes' docs keep their pages so)."""
        folders = source.parts[:-1]
        return any(
            part.startswith("_") and not self._matches(self.include, part) for part in folders
        )

    def _is_readme(self, source: PurePosixPath) -> bool:
        return source.stem.lower() == "readme" and source.suffix.lower() in self.markdown_suffixes

    def _add_readme_index(
        self, site: SiteMap, readme: PurePosixPath, indexed: set[str | None]
    ) -> None:
        """jekyll-readme-index: the README becomes its folder's index page, unless the
        folder has an index (``indexed``: the folders, in lower case, that a page or file
        is the index of; the README's page joins them)."""
        folder = "/" if readme.parent.as_posix() == "." else f"/{readme.parent.as_posix()}/"
        if folder.lower() in indexed:
            return
        meta = {**self._with_defaults(readme, None, {}), "permalink": folder}
        self._add_page(site, readme, None, meta)
        route = site.pages.get(readme)
        if route is not None and route.output is not None:
            indexed.add(_indexed_folder(route.output))
        if not self.keep_readmes:
            site.outputs.pop(readme.as_posix(), None)

    def listed_pages(self, site: SiteMap) -> frozenset[PurePosixPath]:
        """Pages the theme lists: the published documents of every collection a Liquid
        loop runs over, in the layouts, includes or pages of the project (``{% for post
        in site.posts %}``, ``paginator.posts``, ``{% assign talks = site.talks %}``), every
        page when one runs over ``site.pages``, and the pages whose address the config or
        a ``_data`` file holds (a theme's navigation: ``navbar-links``,
        ``_data/navigation.yml``). A theme gem's own layouts are not read."""
        looped = self._looped_names(site)
        named = self._data_addresses()
        every_document = bool(looped & {"documents", "collections"})
        listed = set()
        for source, route in site.pages.items():
            if route.output is None:
                continue
            if _address_key(route.output.url) in named:
                listed.add(source)
                continue
            if "_posts" in source.parts:
                label = "posts"
            else:
                collection = self._collection_of(source)
                label = collection.label if collection is not None else None
            if label is None:
                chosen = bool(looped & {"pages", "html_pages"})
            else:
                chosen = every_document or label in looped
            if chosen:
                listed.add(source)
        return frozenset(listed)

    def _data_addresses(self) -> set[str]:
        """The site addresses written as values in the config and the ``_data`` files
        (``aboutme``, ``/docs/quick-start-guide/``), in the form of :func:`_address_key`."""
        files = [self.config_file] if self.config_file is not None else []
        files += self._special_files("_data", _DATA_SUFFIXES)
        addresses = set()
        real_root = Path(os.path.realpath(self.root))
        for path in files:
            text = bounded_template_text(path, real_root, _MAX_SCANNED_BYTES)
            data = read_data(text, path.suffix) if text else None
            if path == self.config_file and isinstance(data, dict):
                data = {k: v for k, v in data.items() if k not in _JEKYLL_SETTINGS}
            for value in _strings_within(data):
                key = _data_address_key(value, self.base_path)
                if key is not None:
                    addresses.add(key)
        return addresses

    def _looped_names(self, site: SiteMap) -> set[str]:
        """What ``site.NAME`` (or ``paginator.posts``) Liquid loops or assigns run over;
        a post's categories and tags are its list's too."""
        files = self._special_files("_layouts") + self._special_files("_includes")
        files += [self.root / source for source, r in site.pages.items() if r.output is not None]
        names = set()
        real_root = Path(os.path.realpath(self.root))
        for path in files:
            text = bounded_template_text(path, real_root, _MAX_SCANNED_BYTES)
            if text and ("site." in text or "paginator." in text):
                names.update(match.group(1) for match in _LOOPED.finditer(text))
        if names & {"categories", "tags", "related_posts"}:
            names.add("posts")
        return names

    def _special_files(self, folder: str, suffixes: tuple[str, ...] = ()) -> list[Path]:
        """The files of the site folder ``folder`` (``_layouts``), with one of ``suffixes``."""
        top = (self.root / self.content if self.content else self.root) / folder
        if not top.is_dir():
            return []
        found = sorted(path for path in top.rglob("*") if path.is_file())
        return [path for path in found if not suffixes or path.suffix.lower() in suffixes]

    def titles_by_file_name(self, source: PurePosixPath) -> bool:
        """Jekyll titles every collection document, a post too, after its file name when
        its front matter has none (Document#populate_title: ``2013-12-10-xas-software.md``
        is "Xas Software"); a page it leaves untitled."""
        return self._in_a_collection(source)

    def _in_a_collection(self, source: PurePosixPath) -> bool:
        in_posts = "_posts" in source.parts or "_drafts" in source.parts
        return in_posts or self._collection_of(source) is not None

    def rewrites_source_links(self, source: PurePosixPath | None) -> bool:
        """jekyll-relative-links rewrites a page's links, and a collection document's only
        when told to; a page jekyll-optional-front-matter makes of a collection's file
        is a page (the Language Server Protocol's LSIF parts)."""
        if not self.source_relative_links or self.relative_links_in_collections or source is None:
            return self.source_relative_links
        return not self._in_a_collection(source) or source in self._made_pages

    def unrewritten_links_note(self, source: PurePosixPath) -> str:
        if not self.source_relative_links or self.rewrites_source_links(source):
            return ""
        return (
            "jekyll-relative-links rewrites links to source files in pages, not in posts or"
            " collection documents (unless relative_links: {collections: true})"
        )

    def _made_a_page(self, source: PurePosixPath, collection: Collection | None) -> bool:
        """Whether jekyll-optional-front-matter makes a page of this file without front
        matter: a Markdown file of the site, unless its name is one the plugin leaves
        alone (README, LICENSE...) and ``include`` does not list it. A collection's file
        too, written or not (Jekyll lists it with the site's static files): the page lies
        where the file does, ``_specs/part.md`` at ``/_specs/part.html`` (checked with
        Jekyll 4.3; the Language Server Protocol's site has 160 such pages)."""
        if not self.optional_front_matter or (
            collection is not None and collection.label == "posts"
        ):
            return False
        if source.suffix.lower() not in self.markdown_suffixes:
            return False
        named = source.stem.upper() in _NOT_MADE_PAGES
        return not named or self._matches(self.include, source.as_posix())

    @property
    def _posts(self) -> Collection:
        """The site's ``posts`` collection (always there: see _collections)."""
        return next(c for c in self.collections if c.label == "posts")

    @property
    def _collections_dir(self) -> PurePosixPath:
        """``collections_dir`` (from the project folder), where the posts folders are."""
        return PurePosixPath(self._posts.folder).parent

    def _posts_collection(self, source: PurePosixPath) -> Collection:
        folder = "/".join(source.parts[: source.parts.index("_posts") + 1])
        return Collection("posts", folder, True, self._posts.permalink)

    def _is_page_file(self, source: PurePosixPath) -> bool:
        return source.suffix.lower() in _RENDERED

    def _static_file(self, source: PurePosixPath, collection: Collection | None) -> str:
        if collection is None or collection.label == "posts":
            return source.as_posix()
        relative = source.relative_to(collection.folder).with_suffix("").as_posix()
        url = self._fill(
            collection.permalink,
            {
                "collection": collection.label,
                "path": relative,
                "output_ext": source.suffix,
                "name": source.stem,
            },
        )
        # A file with no extension ("files/vimrc") ends where its name does, with no slash.
        suffix = source.suffix
        url = url if suffix and url.endswith(suffix) else url.rstrip("/") + suffix
        return url.lstrip("/")

    def _add_page(
        self, site: SiteMap, source: PurePosixPath, collection: Collection | None, meta: dict
    ) -> None:
        if meta.get("published") is False:
            site.pages[source] = PageRoute(source, None, reason="published: false")
            return
        extension = _OUTPUT_SUFFIXES.get(source.suffix.lower(), source.suffix)
        if source.suffix.lower() in _RENDERED:
            extension = ".html"
        if collection is None:
            url = self._page_url(source, meta, extension)
        else:
            url = self._document_url(source, collection, meta, extension)
            if isinstance(url, _PluginAddress):
                self._plugin_made.append(url.start)
                reason = f"a page whose address a plugin makes (:{url.placeholder})"
                site.pages[source] = PageRoute(source, None, reason=reason, made_elsewhere=True)
                return
            if url is None and _POST_NAME.match(source.stem) is None:
                # Jekyll reads no post without a date in its file name, whatever its front
                # matter says: the file is never built, so it is not a page to check.
                reason = "a post without a date in its file name (YYYY-MM-DD-title)"
                site.pages[source] = PageRoute(source, None, reason=reason, left_out=True)
                return
            if url is None:
                site.pages[source] = PageRoute(source, None, reason="a future post")
                return
        url = self._in_language(source, url, meta)
        if source.suffix.lower() not in _RENDERED:
            # A stylesheet, feed or text document Jekyll renders: served, but no page that
            # openaccess checks or counts (orphans are judged among pages only).
            site.claim(Output(_destination(url, extension), "file", source))
            return
        file = _destination(url, extension)
        output = Output(file, "page", source, written=url if url != file_url(file) else "")
        owner = site.claim(output)
        if owner is not None and owner.kind == "redirect" and collection is not None:
            self._over_redirect(site, output, owner)
            owner = None
        if owner is not None:
            message = f"Jekyll writes {output.url} for both this page and {site.owner_name(owner)}"
            site.problems.append(RouteProblem(source, "error", message, owner.source, ADDRESS_KEYS))
            site.pages[source] = PageRoute(source, None, reason=TAKEN)
            return
        # jekyll-redirect-from writes a redirect in place of a page with ``redirect_to``:
        # its address works, but nothing of its text is built, so it is not checked.
        replaced = self.redirects and bool(_strings(meta.get("redirect_to")))
        route = PageRoute(source, output, left_out=replaced)
        site.pages[source] = route
        if self.redirects:
            for value in _strings(meta.get("redirect_from")):
                clean = "/" + value.strip().lstrip("/")
                alias = Output(_destination(clean, ".html"), "redirect", source, source)
                if site.claim(alias) is None:
                    route.aliases.append(alias)

    def _in_language(self, source: PurePosixPath, url: str, meta: dict) -> str:
        """jekyll-polyglot builds a page whose ``lang`` is another of the site's languages
        under ``/<lang>/`` (the default language's pages stay at the top)."""
        language = meta.get("lang")
        if language in self.other_languages:
            self._language_of[source] = language
            return f"/{language}/{url.lstrip('/')}"
        return url

    def localised_path(self, source: PurePosixPath | None, path: str) -> str | None:
        """jekyll-polyglot writes a site-absolute link of a page in another language into
        that language (``/about/`` in a German page is ``/de/about/``), unless a German
        page's address already starts so."""
        language = self._language_of.get(source) if source is not None else None
        if language is None or path.startswith(f"/{language}/"):
            return None
        return f"/{language}{path}"

    def language_fallback(self, url_path: str) -> str | None:
        """jekyll-polyglot serves a language's address with the default language's page
        where that language has none: ``/ko/about/`` is ``/about/`` when no page says
        ``lang: ko`` there (polyglot's untra.io site; checked with polyglot 1.5.1)."""
        head, _, rest = url_path.lstrip("/").partition("/")
        if head in self.other_languages:
            return "/" + rest
        return None

    @staticmethod
    def _over_redirect(site: SiteMap, output: Output, redirect: Output) -> None:
        """A collection document takes its address from a redirect_from stub another page
        asked for: Jekyll writes documents after the stubs, with no warning (scala-lang's
        docs; checked with Jekyll 4.3)."""
        site.outputs[output.file] = output
        route = site.pages.get(redirect.source) if redirect.source is not None else None
        if route is not None and redirect in route.aliases:
            route.aliases.remove(redirect)

    def _page_url(self, source: PurePosixPath, meta: dict, extension: str) -> str:
        folder = source.parent.as_posix()
        placeholders = {
            "path": "" if folder == "." else folder,
            "basename": source.stem,
            "output_ext": extension,
        }
        permalink = _strings(meta.get("permalink"))
        if permalink:
            return _sanitize(self._fill(permalink[0], placeholders, strict=False))
        if extension != ".html":
            template = "/:path/:basename:output_ext"
        elif source.stem == "index":
            template = "/:path/"
        else:
            template = _with_suffix("/:path/:basename", self.permalink_style)
        return _sanitize(self._fill(template, placeholders, strict=False))

    def _document_url(
        self, source: PurePosixPath, collection: Collection, meta: dict, extension: str
    ) -> str | _PluginAddress | None:
        stem = source.stem
        date: dt.date | None = None
        title_part = stem
        # Every document's file name may start with its date (document.rb
        # populate_title): the date fills :year, the rest :title and :slug. A post must
        # have one, and is not built before it unless the site builds the future.
        dated = _POST_NAME.match(stem)
        if collection.label == "posts" and dated is None:
            return None
        if dated is not None:
            date, title_part = _date(dated.group(1)), dated.group(2)
        date = _front_matter_time(meta.get("date"), _zone(self.timezone)) or date
        if collection.label == "posts":
            day = date.date() if isinstance(date, dt.datetime) else date
            if day is not None and day > self.today and not self.future:
                return None
        relative = source.relative_to(collection.folder).with_suffix("").as_posix()
        categories = _categories(source, collection, meta, self._collections_dir)
        slug = meta.get("slug") if isinstance(meta.get("slug"), str) else None
        placeholders: dict[str, str] = {
            "collection": collection.label,
            "path": "/" + relative.rstrip("."),
            "output_ext": extension,
            "name": slugify(stem),  # the whole file name, date included
            "title": slugify(slug or title_part, "pretty", cased=True),
            "slug": slugify(slug or title_part),
            "categories": "/".join(dict.fromkeys(c.lower() for c in categories)),
            "slugified_categories": "/".join(dict.fromkeys(slugify(c) for c in categories)),
        }
        if date is not None:
            placeholders.update(_date_placeholders(date))
        permalink = _strings(meta.get("permalink"))
        template = permalink[0] if permalink else collection.permalink
        return _plugin_address(template, placeholders) or _sanitize(
            self._fill(template, placeholders, strict=True)
        )

    def made_elsewhere(self, url_path: str) -> str | None:
        path = "/" + url_path.lstrip("/")
        if any(path.startswith(start) for start in self._plugin_made):
            return "in pages whose address a plugin makes (a permalink placeholder)"
        return None

    @staticmethod
    def _fill(template: str, values: dict[str, str], strict: bool = True) -> str:
        """Placeholders replaced as Jekyll does: documents know many and reject unknown
        ones (``strict``); pages replace only theirs, in order, and keep the rest."""
        if not strict:
            for key, value in values.items():
                template = template.replace(f":{key}", value)
            return template

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            for key in (name, name.rstrip("_")):
                if key in values:
                    return values[key]
            return match.group(0)

        return _PLACEHOLDER.sub(replace, template)

    def _with_defaults(self, source: PurePosixPath, collection: Collection | None, meta: dict):
        kind = "pages" if collection is None else collection.label
        matching = []
        for entry in self.defaults:
            scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
            values = entry.get("values")
            if not isinstance(values, dict):
                continue
            path = str(scope.get("path") or "").strip("/")
            scope_type = scope.get("type")
            if scope_type and scope_type != kind:
                continue
            if path and not _in_scope(source.as_posix(), path):
                continue
            matching.append((path.count("/") + (1 if path else 0), bool(scope_type), values))
        merged: dict[str, Any] = {}
        for _depth, _typed, values in sorted(matching, key=lambda item: item[:2]):
            merged.update(values)
        merged.update(meta)
        return merged

    # -- links -----------------------------------------------------------------------
    def template_links(self, text: str) -> list[tuple[int, int, str]]:
        if "{" not in text:
            return []
        quiet = [(m.start(), m.end()) for m in _LIQUID_VERBATIM.finditer(text)]
        return [
            (m.start(), m.end(), m.group(0))
            for m in _LIQUID_LINK.finditer(text)
            if not any(start <= m.start() < end for start, end in quiet)
        ]

    def includes(self, text: str, source: PurePosixPath | None = None) -> list[Included]:
        """``{% include file %}`` pulls in ``_includes/file`` and ``{% include_relative
        file %}`` the file beside the page ``source`` (their links and ids are the
        page's); a name built from variables cannot be known before the build."""
        if "include" not in text:
            return []
        quiet = [(m.start(), m.end()) for m in _LIQUID_VERBATIM.finditer(text)]
        found = []
        for match in _INCLUDE.finditer(text):
            if any(start <= match.start() < end for start, end in quiet):
                continue
            path = self._included_file(match.group(1), match.group(2), source)
            if path is not None:
                found.append(Included(match.start(), match.end(), path, match.group(3).strip()))
        return found

    def included_text(self, text: str, part: str) -> str:
        """An include's text with its ``{{ include.name }}`` outputs written as the tag's
        parameters (``part``) give them, as Liquid renders it before kramdown: the
        headings they are in get their ids from the values. An output whose value is
        not known stays as written."""
        if not part or "include." not in text:
            return text
        scope = Scope({}, include_parameters(part, Scope({})))

        def value(output: re.Match[str]) -> str:
            rendered = render_id(output.group(0), scope)
            known = rendered is not None and not rendered.startswith(UNKNOWN_ID_MARK)
            return rendered if known else "" if rendered is None else output.group(0)

        return _INCLUDE_OUTPUT.sub(value, text)

    # -- ids the layouts make ---------------------------------------------------------
    def layout_template(self, source: PurePosixPath) -> PurePosixPath | None:
        files = self.layout_includes(source)
        return files[0] if files else None

    def layout_includes(self, source: PurePosixPath) -> tuple[PurePosixPath, ...]:
        """The layout that renders the page ``source``, the layouts it sits in (its own
        ``layout``) and the files their ``{% include %}`` tags pull in: the ids they
        write are the page's (Marlin's ``_layouts/gcode.html`` includes a file that
        writes ``id="usage-{{ gcode.tag }}"``, which its pages link). Found once per
        layout name."""
        name = self._layout_of.get(source)
        if name is None:
            return ()
        if name not in self._layout_files:
            self._layout_files[name] = tuple(self._rendered_around(name))
        return self._layout_files[name]

    def drops_body(self, source: PurePosixPath) -> bool:
        """True when a layout of the page's chain never prints ``{{ content }}``, itself or
        in a file it includes: what it wraps goes no further. bulma's
        ``_layouts/post.html`` is front matter alone (``layout: default``), so a post's
        body is never written. A chain through a theme gem's layouts is not read: they
        may print it."""
        name = self._layout_of.get(source)
        if not name:
            return False
        if name not in self._drops_body:
            self._drops_body[name] = self._chain_drops_body(name)
        return self._drops_body[name]

    def _chain_drops_body(self, name: str) -> bool:
        seen: set[str] = set()
        dropped = False
        while name and name not in seen and len(seen) < _MAX_LAYOUT_DEPTH:
            seen.add(name)
            layout = self._layout_file(name)
            text = self._scanned(layout) if layout is not None else None
            if text is None:
                return False  # a theme's layout, or one too big to read
            dropped = dropped or not self._prints_content(text)
            name = _parent_layout(text)
        return dropped and not name

    def _prints_content(self, layout_text: str) -> bool:
        """Whether a layout prints what it wraps, itself or in a file it includes."""
        if _PRINTS_CONTENT.search(layout_text):
            return True
        for include in self.includes(layout_text):
            text = self._scanned(include.path)
            if text is None or _PRINTS_CONTENT.search(text):
                return True
        return False

    def _rendered_around(self, name: str) -> list[PurePosixPath]:
        """The layout files of ``name``'s chain, then the include files they pull in
        (their includes too), each once; a theme gem's layouts are not read."""
        found: list[PurePosixPath] = []
        texts: list[str] = []
        while name and len(found) < _MAX_LAYOUT_DEPTH:
            layout = self._layout_file(name)
            text = self._scanned(layout) if layout is not None and layout not in found else None
            if layout is None or text is None:
                break
            found.append(layout)
            texts.append(text)
            name = _parent_layout(text)
        while texts and len(found) < _MAX_LAYOUT_FILES:
            for path in [include.path for include in self.includes(texts.pop(0))]:
                text = self._scanned(path) if path not in found else None
                if text is not None and len(found) < _MAX_LAYOUT_FILES:
                    found.append(path)
                    texts.append(text)
        return found

    def _scanned(self, path: PurePosixPath) -> str | None:
        """A layout or include file's text (None: missing, too big, or outside)."""
        real_root = Path(os.path.realpath(self.root))
        return bounded_template_text(self.root / path, real_root, _MAX_SCANNED_BYTES)

    def redirect_layout_keeps_fragment(self) -> bool:
        """Whether the site's own ``redirect`` layout, which jekyll-redirect-from uses in
        place of its template, sends the browser on with the address's fragment
        (``location="{{ page.redirect.to }}".concat(location.hash)``: the Language Server
        Protocol's site). The plugin's template drops it."""
        layout = self._layout_file("redirect")
        text = self._scanned(layout) if layout is not None else None
        return text is not None and "location.hash" in text

    def _layout_file(self, name: str) -> PurePosixPath | None:
        """``_layouts/NAME.html`` (or another suffix), relative to the project."""
        folder = PurePosixPath(self.content or ".") / "_layouts"
        for suffix in (".html", ".htm", ".md", ".markdown"):
            candidate = PurePosixPath((folder / f"{name}{suffix}").as_posix())
            if (self.root / candidate).is_file():
                return candidate
        return None

    def _included_file(
        self, tag: str, name: str, source: PurePosixPath | None
    ) -> PurePosixPath | None:
        """The file an include tag names, relative to the project folder (None: built
        from variables, or a name Jekyll refuses: ``..``, ``./`` and ``//``)."""
        if "{" in name or _REFUSED_INCLUDE.search(name):
            return None
        if tag == "include":
            folder = PurePosixPath(self.content or ".") / "_includes"
        elif source is not None:
            folder = source.parent
        else:
            return None
        return PurePosixPath((folder / name).as_posix())

    def ids_as_built(
        self, ids: Iterable[str], meta: dict[str, Any], call: str | None = None, text: str = ""
    ) -> set[str]:
        """Liquid runs before the page is built, so an id written with it is what it
        renders to: from the page's front matter and, in an included file, the
        parameters of the tag ``call`` that includes it (see :mod:`.liquid`); in a loop
        over site data, from each entry of the ``_data`` file."""
        built = set(ids)
        templated = [written for written in built if "{{" in written or "{%" in written]
        built.difference_update(templated)
        if not templated:
            return built
        scope = Scope(meta)
        if call is not None:
            scope = Scope(meta, self._include_parameters(call, scope))
        loops = data_loops(text)
        for written in templated:
            looped = self._looped_ids(written, scope, loops)
            if looped is not None:
                built |= looped
            elif (made := render_id(written, scope)) is not None:
                built.add(made)
        return built

    def _looped_ids(self, written: str, scope: Scope, loops: dict[str, str]) -> set[str] | None:
        """The ids an id written with a loop variable over site data makes
        (documentation-theme-jekyll's glossary: ``<dt id="{{entry.term}}">``); None when
        it names no such variable, or its data cannot be read."""
        for variable in _OUTPUT_NAME.findall(written):
            if variable in loops:
                entries = self._data_entries(loops[variable])
                if entries is None:
                    return None
                return render_looped_ids(written, scope, variable, entries)
        return None

    def id_data_files(self, text: str) -> list[PurePosixPath]:
        return [path for name in data_loops(text).values() if (path := self._data_file(name))]

    def _data_file(self, name: str) -> PurePosixPath | None:
        """``_data/a/b.yml`` for ``site.data.a.b`` (YAML or JSON), relative to the project."""
        folder = PurePosixPath(self.content or ".", "_data", *name.split("."))
        for suffix in _DATA_SUFFIXES:
            candidate = folder.with_suffix(suffix)
            if (self.root / candidate).is_file():
                return candidate
        return None

    def _data_entries(self, name: str) -> list[Any] | None:
        """The entries a loop over ``_data`` runs over: a list's items, a hash's [key,
        value] pairs (None: no such file, or neither)."""
        if name not in self._data_lists:
            data = None
            if (path := self._data_file(name)) is not None:
                real_root = Path(os.path.realpath(self.root))
                text = bounded_template_text(self.root / path, real_root, _MAX_SCANNED_BYTES)
                data = read_data(text, path.suffix) if text else None
            if isinstance(data, dict):  # Liquid loops over a hash's [key, value] pairs
                data = [[key, value] for key, value in data.items()]
            self._data_lists[name] = data[:_MAX_DATA_ENTRIES] if isinstance(data, list) else None
        return self._data_lists[name]

    @staticmethod
    def _include_parameters(call: str, scope: Scope) -> dict[str, Value] | Unknown:
        match = _INCLUDE.fullmatch(call)
        return UNKNOWN if match is None else include_parameters(match.group(3), scope)

    def build_inputs(self) -> tuple[str, ...]:
        folders = ("_layouts", "_includes", "_data")
        return tuple(PurePosixPath(self.content, folder).as_posix() for folder in folders)

    def page_template_ids(self, text: str) -> frozenset[str]:
        """kramdown's ``{:toc}`` list has the id ``markdown-toc``, and each of its links
        ``markdown-toc-`` and its header's id (kramdown 2.4's toc converter). A page that
        prints another document's content (``{{ spec.content }}``, jsonapi.org's /format/)
        has that document's ids, which only the build knows."""
        found = set()
        if "content" in text and _PRINTED_CONTENT.search(text):
            found.add(unknown_id("*"))
        if "{:" in text and _TOC_MARK.search(text):
            found |= {"markdown-toc", unknown_id("markdown-toc-*")}
        return frozenset(found)

    def headless(self, meta: dict) -> bool:
        # ``layout: null`` (or ``none``): the page as it is, a fragment of HTML another
        # page loads (ruby-lang.org's code examples).
        without_layout = "layout" in meta and meta["layout"] in (None, "", "none", "null")
        return without_layout or (self.redirects and bool(_strings(meta.get("redirect_to"))))

    def expand_link(self, href: str) -> Expanded | None:
        match = _LIQUID_LINK.search(href)
        if match is None:
            return None
        expanded = _expanded(match, href[match.end() :], self.base_path)
        if _TEMPLATE_CODE.search(href, 0, match.start()) or _TEMPLATE_CODE.search(
            expanded.value + expanded.suffix + expanded.fragment
        ):
            return None  # {{ site.baseurl }}{{ page.url }}: known only when Jekyll builds it
        if expanded.kind != "url" and self.base_path:
            written = match.group("base") is not None
            if written == self.tags_add_base_path:
                problem = "doubled" if written else "missing"
                return replace(expanded, base_path_problem=problem)
        return expanded


def _expanded(match: re.Match[str], rest: str, base_path: str) -> Expanded:
    tag = match.group("tag")
    if tag is not None:
        fragment = (match.group("fragment") or "").lstrip("#")
        suffix = ""
        if not fragment and rest:  # {% link a.md %}/#part: the page's address, then "/"
            suffix, _, fragment = rest.partition("#")
        kind = "source" if tag == "link" else "post"
        argument = match.group("argument")
        value = argument.lstrip("/") if kind == "source" else argument
        return Expanded(kind, value, fragment, suffix=suffix)
    if match.group("literal") is not None:  # {{ '/path' }}: no base path added
        path = match.group("literal") + rest
    elif match.group("hosted") is not None:  # {{ site.url }}/path: none either
        path = match.group("hosted") + rest
    elif match.group("path") is None:  # {{ site.baseurl }}/path
        path = base_path + (match.group("after") or "") + rest
    else:  # {{ '/path' | relative_url }}
        path = base_path + "/" + match.group("path").lstrip("/") + rest
    path, _, fragment = path.partition("#")
    return Expanded("url", path or "/", fragment)


# Jekyll's own settings, whose values are paths of the source (``defaults``' scopes,
# ``exclude: [docs]``), not addresses a menu links to.
_JEKYLL_SETTINGS = frozenset(
    {"defaults", "exclude", "include", "keep_files", "plugins", "gems", "whitelist",
     "collections", "collections_dir", "source", "destination", "layouts_dir",
     "data_dir", "includes_dir", "plugins_dir", "sass", "baseurl", "url"}
)  # fmt: skip
# Data files read for addresses, and the largest file read for what lists pages.
_DATA_SUFFIXES = (".yml", ".yaml", ".json")
_MAX_SCANNED_BYTES = 1_000_000
_MAX_DATA_ENTRIES = 10_000  # entries of one ``_data`` list a loop's ids are made from
# The first name of each Liquid output: ``entry`` in ``{{ entry.term | slugify }}``.
_OUTPUT_NAME = re.compile(r"\{\{-?\s*(\w+)\.")
_MAX_DATA_VALUES = 100_000  # an alias bomb expands without end: stop walking here
_DATA_ADDRESS = re.compile(r"/?[\w.~-]+(?:/[\w.~-]+)*/?")


def _strings_within(data: Any) -> Iterator[str]:
    """Every string value in ``data`` (dict keys aside), at most _MAX_DATA_VALUES."""
    stack, budget = [data], _MAX_DATA_VALUES
    while stack and budget > 0:
        item = stack.pop()
        budget -= 1
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _data_address_key(value: str, base_path: str) -> str | None:
    """A value written as a site address (``/docs/start/``, ``aboutme``, ``/about.html#x``)
    in the form of :func:`_address_key`; None for anything else (text, full web
    addresses, template code)."""
    path = value.strip().split("#", 1)[0].split("?", 1)[0]
    if not path or not _DATA_ADDRESS.fullmatch(path):
        return None
    path = "/" + path.lstrip("/")
    if base_path and (path == base_path or path.startswith(base_path + "/")):
        path = path[len(base_path) :] or "/"
    return _address_key(path)


def _address_key(url: str) -> str:
    """An address as servers and browsers use it: ``/about/``, ``/about`` and
    ``/about.html`` reach the same page on GitHub Pages and most hosts."""
    key = url.rstrip("/")
    key = key.removesuffix("/index.html").removesuffix(".html")
    return key or "/"


def _in_scope(relative: str, scope: str) -> bool:
    if "*" in scope:
        return fnmatchcase(relative, scope + "*") or fnmatchcase(posixpath.dirname(relative), scope)
    return relative == scope or relative.startswith(scope + "/")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item.strip()]
    return []


def _with_suffix(template: str, style: str) -> str:
    """``Utils.add_permalink_suffix``."""
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    expanded = _STYLES.get(style, style)
    if expanded.endswith("/"):
        return template + "/"
    if expanded.endswith(":output_ext"):
        return template + ":output_ext"
    return template


def _sanitize(url: str) -> str:
    """``URL#sanitize_url``: ``..`` becomes ``/``, ``./`` goes, slashes squeezed."""
    result = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", result)


def _destination(url: str, extension: str) -> str:
    """The output file of a page URL (``Page#destination``)."""
    path = url.lstrip("/")
    if url.endswith("/"):
        return path + "index.html" if path else "index.html"
    return path if path.endswith(extension) else path + extension


def _date(text: str) -> dt.date | None:
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        return None


def _front_matter_time(value: Any, zone: dt.tzinfo | None) -> dt.date | None:
    """A post's date (a datetime when it has a time) as its address shows it. A time with
    an offset is moved to the site's zone (``zone``; None: a zone Python cannot read, the
    time as written), as Jekyll's ``Utils.parse_date`` does: 19:29 at -08:00 on the 5th
    is the 6th in UTC. YAML reads an unquoted time without an offset as UTC (Psych's
    ``ScalarScanner#parse_time``), so it moves too; a quoted one is the site's own time."""
    if isinstance(value, dt.datetime):
        return _in_zone(value if value.tzinfo else value.replace(tzinfo=dt.UTC), zone, value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        moment = _zoned_time(value.strip())
        return _in_zone(moment, zone, moment) if moment else _local_time(value.strip())
    return None


def _in_zone(moment: dt.datetime, zone: dt.tzinfo | None, unknown: dt.datetime) -> dt.datetime:
    """``moment`` in ``zone``; ``unknown`` where the zone is one Python cannot read."""
    return moment.astimezone(zone) if zone is not None else unknown


_LOCAL_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d?):(\d\d)(?::(\d\d))?)?")


def _local_time(text: str) -> dt.date | None:
    """A date, or a date and time, written without an offset: the site's own time."""
    match = _LOCAL_TIME.match(text)
    if match is None:
        return _date(text[:10])
    try:
        if match.group(4) is None:
            return dt.date(*(int(part) for part in match.groups()[:3]))
        return dt.datetime(*(int(part or 0) for part in match.groups()))
    except ValueError:
        return None


# A date and time with an offset or a UTC name, as Ruby's Time.parse reads them:
# "2015-06-05 19:29:07 -0800", "2015-06-05T19:29:07+01:00", "2015-06-05 10:00 UTC".
_ZONED_TIME = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[ T](\d\d?):(\d\d)(?::(\d\d)(?:\.\d+)?)?"
    r"\s*(?:(?P<utc>Z|UTC|GMT)|(?P<sign>[-+])(?P<hours>\d\d):?(?P<minutes>\d\d))\Z",
    re.IGNORECASE,
)


def _zoned_time(text: str) -> dt.datetime | None:
    match = _ZONED_TIME.match(text)
    if match is None:
        return None
    offset = dt.timedelta(0)
    if match["sign"]:
        offset = dt.timedelta(hours=int(match["hours"]), minutes=int(match["minutes"]))
        offset = -offset if match["sign"] == "-" else offset
    try:
        parts = (int(part or 0) for part in match.groups()[:6])
        return dt.datetime(*parts, tzinfo=dt.timezone(offset))
    except ValueError:  # month 13, hour 25, an offset of a day or more
        return None


@cache
def _zone(name: str) -> dt.tzinfo | None:
    """The site's ``timezone`` (UTC when it names none); None when Python cannot read it."""
    if not name:
        return dt.UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class _PluginAddress(Struct, frozen=True):
    """A document's permalink with a placeholder Jekyll does not know: without a plugin
    that fills it, Jekyll stops the build, so one does (scala-lang's ``:number``)."""

    start: str  # the address up to the placeholder: "/sips/"
    placeholder: str


def _plugin_address(template: str, placeholders: dict[str, str]) -> _PluginAddress | None:
    for match in _PLACEHOLDER.finditer(template):
        name = match.group(1)
        if name not in placeholders and name.rstrip("_") not in placeholders:
            start = _PLACEHOLDER.sub(
                lambda known: placeholders.get(known.group(1), known.group(0)),
                template[: match.start()],
            )
            return _PluginAddress("/" + start.lstrip("/"), name)
    return None


def _date_placeholders(date: dt.date) -> dict[str, str]:
    """The permalink placeholders of a post's date, and of its time when it has one."""
    time = date if isinstance(date, dt.datetime) else dt.datetime(date.year, date.month, date.day)
    return {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "i_month": str(date.month),
        "i_day": str(date.day),
        "short_year": f"{date.year % 100:02d}",
        "y_day": f"{date.timetuple().tm_yday:03d}",
        "short_month": date.strftime("%b"),
        "long_month": date.strftime("%B"),
        "week": f"{date.isocalendar().week:02d}",
        "w_year": str(date.isocalendar().year),
        "w_day": str(date.isoweekday()),
        "short_day": date.strftime("%a"),
        "long_day": date.strftime("%A"),
        "hour": f"{time.hour:02d}",
        "minute": f"{time.minute:02d}",
        "second": f"{time.second:02d}",
    }


def _categories(
    source: PurePosixPath, collection: Collection, meta: dict, collections_dir: PurePosixPath
) -> list[str]:
    """Folders above ``_posts`` plus front matter ``category``/``categories``. The
    folders are read below ``collections_dir`` (``docs/_posts/`` gives no category
    ``docs``, ``docs/news/_posts/`` gives ``news``), as Jekyll reads them from the
    document's path inside it."""
    found: list[str] = []
    if collection.label == "posts":
        parts = source.parts
        if collections_dir in source.parents and collections_dir.parts:
            parts = parts[len(collections_dir.parts) :]
        found.extend(part for part in parts[: parts.index("_posts")] if part)
    for key in ("category", "categories"):
        value = meta.get(key)
        if isinstance(value, str):
            found.extend(value.split())
        elif isinstance(value, list):
            found.extend(str(item) for item in value)
    return list(dict.fromkeys(found))


def default_jekyll(root: Path) -> JekyllSite:
    """Jekyll's defaults for the site in ``root`` (no config file to read)."""
    return JekyllSite(
        name="jekyll",
        root=root,
        ids="kramdown-gfm",
        id_syntax=GENERATOR_SYNTAX["jekyll"],
        dialect="kramdown",
        html_fallback=True,
        source_relative_links=False,
        collections=_collections(None, "", "date"),
        exclude=[*DEFAULT_EXCLUDES, "_site"],
        include=[".htaccess"],
    )


def _parent_layout(text: str) -> str:
    """The layout a layout file sits in (its front matter's ``layout``), or ""."""
    front = text.split("\n---", 1)[0] if text.startswith("---") else ""
    parent = _LAYOUT_KEY.search(front)
    return parent.group(1).strip("'\"") if parent else ""


def _polyglot_languages(data: dict[str, Any]) -> tuple[str, ...]:
    """jekyll-polyglot's ``languages`` other than its ``default_lang`` (else the first)."""
    languages = _strings(data.get("languages"))
    default = data.get("default_lang") if isinstance(data.get("default_lang"), str) else ""
    default = default or (languages[0] if languages else "")
    return tuple(language for language in languages if language != default)


def load_jekyll(config_file: Path) -> JekyllSite:
    return _jekyll_site(read_config_file(config_file), config_file.parent, config_file)


def github_pages_jekyll(root: Path) -> JekyllSite:
    """A folder without ``_config.yml`` that the settings say Jekyll builds: GitHub Pages
    builds any branch so, with its defaults and default plugins (google/styleguide's
    gh-pages branch: relative links, pages without front matter, READMEs as indexes)."""
    site = _jekyll_site({}, root, None, github_pages=True)
    site.notes.append(
        "generator = 'jekyll' and no _config.yml: the site is read as GitHub Pages builds"
        " it, with its default plugins"
    )
    return site


def _jekyll_site(
    data: dict, root: Path, config_file: Path | None, github_pages: bool = False
) -> JekyllSite:
    gemfile = _gemfile(root)
    # A Gemfile that asks for the github-pages gem: its plugins and defaults apply.
    github_pages = github_pages or _GITHUB_PAGES_GEM.search(gemfile) is not None
    if github_pages:
        data = _as_github_pages_reads(data)
    named = config_file or root / "_config.yml"
    source = project_folder(root, str(data.get("source") or "."), "source", named)
    # Jekyll reads every path from its source folder (``source: src``): layouts, includes,
    # collections, and the addresses of pages, so that folder is the site's root.
    site_root = root / source if source.strip("/") else root
    style = str(data.get("permalink") or "date")
    collections_dir = str(data.get("collections_dir") or "").strip("/")
    collections = _collections(data.get("collections"), collections_dir, style)
    exclude = _strings(data.get("exclude")) or []
    plugins = {*_strings(data.get("plugins")), *_strings(data.get("gems"))}
    plugins |= _plugin_gems(gemfile)
    markdown = _strings(str(data.get("markdown_ext") or "").split(","))
    kramdown = data.get("kramdown") if isinstance(data.get("kramdown"), dict) else {}
    gfm = str(kramdown.get("input", "GFM")).lower() == "gfm"
    include = _strings(data.get("include")) or [".htaccess"]
    hidden = tuple(name.strip("/") for name in include if name.startswith("."))
    relative_links = _plugin_on(data, plugins, "relative_links")
    site = JekyllSite(
        name="jekyll",
        root=site_root,
        config_file=config_file,
        content="",
        scan=("", *hidden),
        hidden=hidden,
        base_path=_base_path(data.get("baseurl")),
        site_url=str(data.get("url") or "").rstrip("/") + _base_path(data.get("baseurl")),
        ids="kramdown-gfm" if gfm else "kramdown",
        id_prefix=str(kramdown.get("auto_id_prefix") or ""),
        automatic_ids=kramdown.get("auto_ids") is not False,
        id_syntax=GENERATOR_SYNTAX["jekyll"],
        dialect=_dialect(data.get("markdown"), kramdown),
        html_fallback=True,
        source_relative_links=relative_links,
        absolute_links_name_sources=relative_links,
        relative_links_in_collections=_plugin_settings(data, "relative_links").get("collections")
        is True,
        permalink_style=style,
        collections=collections,
        defaults=[d for d in data.get("defaults") or [] if isinstance(d, dict)],
        exclude=[*exclude, *DEFAULT_EXCLUDES, "_site"],
        include=include,
        markdown_suffixes=tuple(f".{s.strip()}" for s in markdown) or MARKDOWN_SUFFIXES,
        redirects="jekyll-redirect-from" in plugins,
        other_languages=_polyglot_languages(data) if "jekyll-polyglot" in plugins else (),
        optional_front_matter=_plugin_on(data, plugins, "optional_front_matter"),
        keep_originals=_plugin_settings(data, "optional_front_matter").get("remove_originals")
        is not True,
        title_heading_levels=3 if _plugin_on(data, plugins, "titles_from_headings") else 0,
        readme_index=_plugin_on(data, plugins, "readme_index"),
        keep_readmes=_plugin_settings(data, "readme_index").get("remove_originals") is not True,
        future=data.get("future") is True,
        timezone=data.get("timezone") if isinstance(data.get("timezone"), str) else "",
        generated=_generated_files(data, plugins),
        tags_add_base_path=not (github_pages or _JEKYLL_3_GEM.search(gemfile)),
    )
    site.redirects_keep_fragment = site.redirects and site.redirect_layout_keeps_fragment()
    if source.strip("/"):
        site.notes.append(f"Jekyll 'source: {source}' is read relative to {named.name}")
    return site


def _plugin_gems(gemfile: str) -> set[str]:
    """The gems of the Gemfile's ``:jekyll_plugins`` group, which Jekyll loads with the
    Gemfile whatever ``plugins`` says (``Bundler.require(:jekyll_plugins)``): in a ``group
    :jekyll_plugins do`` block, or named with ``group: :jekyll_plugins``."""
    if "jekyll_plugins" not in gemfile:
        return set()
    found, inside = set(), False
    for line in gemfile.splitlines():
        gem = _GEM_NAME.match(line)
        if _PLUGIN_GROUP.match(line):
            inside = True
        elif inside and line.strip() == "end":
            inside = False
        elif gem and (inside or _IN_PLUGIN_GROUP.search(line)):
            found.add(gem.group(1))
    return found


def _indexed_folder(output: Output) -> str | None:
    """The folder (in lower case) whose index an output is: its URL is the folder
    (``/docs/``) or the folder's index file (``/docs/index.html``); else None."""
    url = ("/" + output.file if output.kind == "file" else output.url).lower()
    folder, _, name = url.rpartition("/")
    return folder + "/" if _INDEX_FILE.fullmatch(name) else None


def _generated_files(data: dict, plugins: set[str]) -> tuple[str, ...]:
    """The files the site's plugins write (each only where the site has no file of that
    name): jekyll-sitemap's sitemap and robots.txt, jekyll-feed's feed (``feed.path``),
    jekyll-redirect-from's redirects.json (unless ``redirect_from.json`` is false)."""
    files: list[str] = []
    if "jekyll-sitemap" in plugins:
        files += ["sitemap.xml", "robots.txt"]
    if "jekyll-feed" in plugins:
        feed = data.get("feed") if isinstance(data.get("feed"), dict) else {}
        path = feed.get("path") if isinstance(feed.get("path"), str) else "feed.xml"
        files.append(path.strip("/") or "feed.xml")
    redirects = data.get("redirect_from") if isinstance(data.get("redirect_from"), dict) else {}
    if "jekyll-redirect-from" in plugins and redirects.get("json") is not False:
        files.append("redirects.json")
    return tuple(files)


def _gemfile(root: Path) -> str:
    """The text of the site's Gemfile ("" when there is none, or it is too big to be one)."""
    gemfile = root / "Gemfile"
    try:
        if not gemfile.is_file() or gemfile.stat().st_size > _GEMFILE_MOST:
            return ""
        return gemfile.read_text("utf-8", errors="replace")
    except OSError:
        return ""


def _as_github_pages_reads(data: dict) -> dict:
    """``_config.yml`` as the github-pages gem completes it (``effective_config``): its
    default plugins added, future posts published unless the config says otherwise, and
    Markdown other than kramdown or GFM read as kramdown (GFM is CommonMark there)."""
    effective = {"future": True, **data}
    plugins = _strings(data.get("plugins")) + _strings(data.get("gems"))
    effective["plugins"] = plugins + [p for p in _GITHUB_PAGES_PLUGINS if p not in plugins]
    engine = str(data.get("markdown") or "kramdown").lower()
    if engine not in ("kramdown", "gfm", "commonmarkghpages"):
        effective["markdown"] = "kramdown"
    return effective


def _plugin_on(data: dict, plugins: set[str], key: str) -> bool:
    """Whether benbalter's plugin ``jekyll-<key with dashes>`` runs: listed, and not
    turned off by its ``enabled: false`` (optional-front-matter: nor by Jekyll's
    ``require_front_matter``)."""
    if f"jekyll-{key.replace('_', '-')}" not in plugins:
        return False
    if key == "optional_front_matter" and data.get("require_front_matter"):
        return False
    return _plugin_settings(data, key).get("enabled") is not False


def _plugin_settings(data: dict, key: str) -> dict:
    """A benbalter plugin's own table in ``_config.yml`` (``optional_front_matter:``)."""
    options = data.get(key)
    return options if isinstance(options, dict) else {}


def _dialect(engine: Any, kramdown: dict) -> str:
    """The Markdown Jekyll reads: kramdown unless ``markdown`` names another engine
    (``CommonMark`` with jekyll-commonmark); ``parse_block_html`` makes kramdown read
    the body of every block HTML tag as Markdown."""
    if str(engine or "kramdown").lower() != "kramdown":
        return "commonmark"
    return "kramdown-block-html" if kramdown.get("parse_block_html") is True else "kramdown"


def _base_path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    path = urlsplit(value.strip()).path
    return "/" + path.strip("/") if path.strip("/") else ""


def _collections(value: Any, folder: str, style: str) -> list[Collection]:
    """``collections`` (a table or a list of labels), with ``posts`` always present."""
    table: dict[str, Any] = {}
    if isinstance(value, dict):
        table = {str(k): v if isinstance(v, dict) else {} for k, v in value.items()}
    elif isinstance(value, list):
        table = {str(label): {} for label in value}
    posts_permalink = str(table.get("posts", {}).get("permalink") or _STYLES.get(style, style))
    found = [Collection("posts", _join(folder, "_posts"), True, posts_permalink)]
    for label, options in table.items():
        if label == "posts":
            continue
        permalink = options.get("permalink") or _with_suffix("/:collection/:path", style)
        found.append(
            Collection(label, _join(folder, f"_{label}"), options.get("output") is True, permalink)
        )
    return found


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name
