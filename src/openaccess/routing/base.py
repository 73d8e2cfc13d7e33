"""What every generator tells the router: where its pages are, how it names their
output files, how its server answers URLs, and how it treats links written in pages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, Literal, NamedTuple

from msgspec import Struct, field

from openaccess.errors import ConfigError
from openaccess.fsutil import escape_reason
from openaccess.routing.ids import GENERATOR_SYNTAX, IdSyntax
from openaccess.routing.inventory import Inventory
from openaccess.routing.model import Output, SiteMap
from openaccess.routing.tabs import TabIds


class Expanded(Struct, frozen=True):
    """A link written in the generator's template syntax, read as what it names:
    ``url`` (a site URL path), ``source`` (a source file, relative to the project folder),
    ``ref`` (Hugo's ref/relref lookup), or ``post`` (Jekyll's post_url name).
    ``language`` is a ref's ``lang``: it looks the page up in that language's site."""

    kind: Literal["url", "source", "ref", "post"]
    value: str
    fragment: str = ""
    language: str = ""
    # What the site's base path becomes in the built link when it is written wrong:
    # "doubled" (Jekyll 4 adds it, and so does the page), "missing" (Jekyll 3 does not).
    base_path_problem: Literal["", "doubled", "missing"] = ""
    # Brackets written around a ref call (``[a](({{< ref "a" >}}))``): Hugo writes them
    # into the address, ``(https://example.org/a/)``, which no server serves.
    bracketed: bool = False
    # Text written after a link tag, before its fragment (``{% link a.md %}/``): the built
    # link is the page's address with this added.
    suffix: str = ""


class Rewritten(Struct, frozen=True):
    """What a site's render hook made of a Markdown link: the source page or file it
    found, and for a file published only because a template asked for it (Hugo's
    ``resources.Get``, or a bundle with ``publishResources: false``), that output."""

    source: PurePosixPath
    output: Output | None = None


class Included(NamedTuple):
    """A file a page pulls in: where the call is in the page, the file (relative to the
    project folder), and what the call says beyond the file's name ("" for nothing): a
    snippet's section or lines, a Jekyll include's parameters. ``links_from``: the folder
    its relative Markdown links are written from, when the build rewrites them to work
    from the page (mkdocs-include-markdown-plugin); None: they are read from the page."""

    start: int
    end: int
    path: PurePosixPath
    part: str = ""
    links_from: PurePosixPath | None = None


class Generator(Struct):
    """The site's generator as read from its own configuration.

    ``root`` is the project folder (where the generator's config lives; the pages folder
    for ``none``); every source path is relative to it. ``content`` is the folder whose
    files become pages. ``scan`` lists the folders whose files the site may publish.
    """

    # Template code in a link's address, which only the build expands: Liquid, Go
    # templates (Hugo overrides it: only its shortcodes are code in a page).
    TEMPLATE_CODE: ClassVar[re.Pattern[str]] = re.compile(r"\{\{|\{%|%7B%7B|%7B%25", re.IGNORECASE)

    name: str
    root: Path
    config_file: Path | None = None
    content: str = ""
    scan: tuple[str, ...] = ("",)
    hidden: tuple[str, ...] = ()  # hidden files and folders it publishes (Jekyll's include)
    base_path: str = ""  # the site's path on its host: "/docs" (no trailing slash)
    site_url: str = (
        ""  # its own address (site_url, baseURL, url + baseurl): full links to it are local
    )
    ids: str = "github"  # heading id algorithm (see routing.ids)
    id_prefix: str = ""  # kramdown's auto_id_prefix
    id_separator: str = "-"  # Python-Markdown toc's separator
    # Headings without an id of their own get one (kramdown's auto_ids, Hugo's
    # autoHeadingID); and whether openaccess knows how (not: a site's own slugify).
    automatic_ids: bool = True
    known_id_rule: bool = True
    # Which ways of writing an id the generator honours ({#id}, attribute lists, IALs...).
    id_syntax: IdSyntax = GENERATOR_SYNTAX["publish"]
    html_fallback: bool = False  # its server answers /a with a.html
    # Markdown links that name a source file (``../pricing.md``) are rewritten to that
    # file's URL; otherwise every relative link is read against the page's URL.
    source_relative_links: bool = True
    # ``openaccess publish`` also reads a link to a source folder (``guide/``) as its
    # index page; the other generators leave such links to the browser.
    folder_links_name_index: bool = False
    # ``/a.md`` names a source file, rewritten to its address like a relative link:
    # MkDocs' ``validation.links.absolute_links: relative_to_docs``, and Jekyll's
    # jekyll-relative-links (from the site's source folder).
    absolute_links_name_sources: bool = False
    # ``openaccess publish`` rewrites ``/a/`` to the site's own /a/ wherever the site is
    # served; the other generators leave it to the host, so it must hold the base path.
    absolute_links_from_site_root: bool = False
    # Every root-relative address of a built page gets the site's base path (Hugo's
    # ``canonifyURLs`` and ``relativeURLs``): ``/a/`` is ``<base>/a/``, and an address
    # written with the base path gets it twice.
    root_links_get_base_path: bool = False
    dialect: str = "commonmark"  # the Markdown it reads (see Page.dialect)
    # It reads a symlinked file in its folders wherever the link leads inside the
    # project (MkDocs walks ``docs_dir`` following links: ``docs/CONTRIBUTING.md ->
    # ../CONTRIBUTING.md``); else only where it leads inside the folder listed.
    reads_symlinks_in_project: bool = False
    # Its rewrite of links that name source files (``source_relative_links``) reaches
    # the links of files a page includes; not Jekyll's: jekyll-relative-links runs
    # before Liquid renders ``{% include %}``, so included links stay as written.
    rewrites_included_links: bool = True
    # Its Markdown links plain full addresses written in prose (Hugo: goldmark's linkify;
    # MkDocs: pymdownx.magiclink).
    linkify: bool = False
    # ... and links one right after an opening quote too (goldmark's typographer is on).
    linkify_after_quotes: bool = False
    # Why its Markdown leaves raw HTML out of the page ("" when it keeps it): links
    # written there are on no built page (Hugo, unless goldmark's renderer.unsafe is on).
    raw_html_dropped: str = ""
    tabs: TabIds | None = None  # how content tabs (MkDocs pymdownx.tabbed) get their ids
    # ``:name:`` shortcodes render as images with no text (MkDocs pymdownx.emoji): ids
    # made from headings and tab titles leave them out.
    emoji_shortcodes: bool = False
    # Which heading the generator's themes show as the page's h1 (config ``title_h1``,
    # used when openaccess's config does not set it): MkDocs themes take the body's first
    # h1 ("body"). Hugo and Jekyll themes differ (some render the front matter title, some
    # only the body), so they keep "auto".
    title_h1: str = "auto"
    # A page without a front matter title takes it from a heading that opens the page, of
    # this level or higher: 1 for MkDocs, 3 for Jekyll's jekyll-titles-from-headings; 0:
    # front matter is where a title comes from.
    title_heading_levels: int = 0
    # The site's templates decide what a page without a description gets (the site's own,
    # as MkDocs themes and jekyll-seo-tag give, a summary, or none): the page need not
    # have one. openaccess publish (no generator) takes it from the page alone.
    describes_pages: bool = False
    # Whether the redirect pages it writes send the browser on with the address's
    # #fragment: mkdocs-redirects' script does; Hugo's aliases (a meta refresh) and
    # jekyll-redirect-from's pages do not, nor openaccess publish's (a link).
    redirects_keep_fragment: bool = False
    # Pages the site's navigation gives a title (MkDocs ``nav``: ``- Title: page.md``).
    titled_pages: frozenset[PurePosixPath] = frozenset()
    # The site's own code that rewrites pages as they are built (MkDocs ``hooks``): the
    # ids it makes cannot be known from the sources.
    page_hooks: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)  # what could not be read or modelled

    def build(self, inventory: Inventory) -> SiteMap:
        raise NotImplementedError

    def ref_made_elsewhere(
        self, path: PurePosixPath, source: PurePosixPath | None, language: str = ""
    ) -> str | None:
        """:meth:`made_elsewhere` for the content path ``path`` a ref names (Hugo)."""
        return None

    def pages_folder(self) -> str:
        """The folder (project-relative) that holds every page: what ``check`` reads when
        no path is named."""
        return self.content

    def made_elsewhere(self, url_path: str) -> str | None:
        """Why the pages at the site's address ``url_path`` are not known from the
        sources openaccess reads (Hugo's module mounts of a file or a folder into
        ``content``, a content adapter), so a link there is not judged; None when they
        are known."""
        return None

    def titles_by_file_name(self, source: PurePosixPath) -> bool:
        """Whether the generator gives the page ``source`` (relative to the project) a
        title from its file name when its front matter has none."""
        return False

    def headless(self, meta: dict) -> bool:
        """Whether the generator publishes a page with this front matter with no head of
        the page's own, so it needs no title or description: a fragment written as it is
        (Jekyll's ``layout: null``), or a redirect page a plugin writes in its place
        (jekyll-redirect-from's ``redirect_to``)."""
        return False

    def drops_body(self, source: PurePosixPath) -> bool:
        """Whether the page ``source`` is published without its body: its layout never
        prints it, so no link written there is on the site."""
        return False

    def localised_path(self, source: PurePosixPath | None, path: str) -> str | None:
        """Where the generator sends the site-absolute link ``path`` of the page
        ``source`` first, when it writes such links into the page's language; else None."""
        return None

    def language_fallback(self, url_path: str) -> str | None:
        """The address whose page the generator serves at ``url_path`` when nothing else
        is there (a language's copy of a default-language page), or None."""
        return None

    def ref_section(self, path: PurePosixPath) -> Output | None:
        """The section page the generator makes for the content folder ``path`` though no
        file gives it (Hugo: a top-level folder without ``_index.md``), or None."""
        return None

    def generated_redirects(self) -> str | None:
        """Netlify ``_redirects`` rules the generator writes itself from a template (None
        when it writes none): they replace a ``_redirects`` file of the site's own, which
        Hugo's output overwrites."""
        return None

    def rewrites_source_links(self, source: PurePosixPath | None) -> bool:
        """Whether the generator rewrites a Markdown link in the page ``source`` that names
        a source file (see ``source_relative_links``)."""
        return self.source_relative_links

    def named_candidates(
        self, source: PurePosixPath | None, named: PurePosixPath
    ) -> tuple[PurePosixPath, ...]:
        """The source files a link in the page ``source`` that names ``named`` may lead
        to, in the order the generator tries them (mkdocs-static-i18n: the page's own
        language first)."""
        return (named,)

    def left_content_note(self, source: PurePosixPath, link: str) -> str:
        """Why the relative ``link`` in the page ``source`` names no page though a file is
        at its path: the generator reads it from the page's place in its content folder,
        which it climbs out of ("" when it does not)."""
        return ""

    def unrewritten_links_note(self, source: PurePosixPath) -> str:
        """Why a link in the page ``source`` that names a source file is not rewritten to
        its address, when the generator rewrites such links in other pages ("" else)."""
        return ""

    def expand_link(self, href: str) -> Expanded | None:
        """A link written in the generator's template syntax (``{% link a.md %}``,
        ``{{< ref "a" >}}``) as what it names; None when it is not such a link."""
        return None

    def rendered(
        self, site: SiteMap, source: PurePosixPath, path: str, image: bool
    ) -> Rewritten | None:
        """What the site's own render hook makes of the path of a Markdown link (or image,
        ``image``) written in the page ``source``; None when it leaves it as written."""
        return None

    def template_links(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, expression) of links written in template code that a Markdown
        parser does not see as links (``[a]({% link a.md %})``): Liquid and shortcodes run
        before Markdown, so these are the site's links too."""
        return []

    def shortcode_links(
        self, text: str, source: PurePosixPath | None = None
    ) -> list[tuple[int, int, str, bool]]:
        """(start, end, address, image) of addresses a built-in template call writes into
        the page ``source`` as given (Hugo's ``figure``: ``src`` as an image, ``link`` as a
        link); start and end span the address, where a fix rewrites it."""
        return []

    def content_of(self, source: PurePosixPath | None, language: str = "") -> str:
        """The content folder a page belongs to (Hugo: its language's), or the one of
        ``language`` when the generator has that language."""
        return self.content

    def includes(self, text: str, source: PurePosixPath | None = None) -> list[Included]:
        """Every file the page ``source`` pulls in when it is built (``--8<-- "file.md"``
        with pymdownx.snippets): its ids and links are the page's. Files are relative to
        the project folder."""
        return []

    def included_text(self, text: str, part: str) -> str:
        """An included file's ``text`` as the build puts it into the page, given what the
        call says (``part``: pymdownx.snippets' section or line ranges, a Jekyll include's
        parameters); all of it as it is by default."""
        return text

    def ids_as_built(
        self, ids: Iterable[str], meta: dict[str, Any], call: str | None = None, text: str = ""
    ) -> set[str]:
        """The ids written in a page (front matter ``meta``), or in a file that the text
        ``call`` includes into it, as the built page has them: template code in them
        runs first (Jekyll's Liquid). ``text``: the file the ids are written in, for the
        loops around them."""
        return set(ids)

    def id_data_files(self, text: str) -> list[PurePosixPath]:
        """The data files whose values make ids of the file ``text`` (a Jekyll loop over
        ``site.data``), relative to the project: its ids change with them."""
        return []

    def appended_files(self) -> tuple[PurePosixPath, ...]:
        """Files the build appends to every page (pymdownx.snippets ``auto_append``),
        relative to the project folder: their reference definitions are every page's."""
        return ()

    def layout_includes(self, source: PurePosixPath) -> tuple[PurePosixPath, ...]:
        """Files the page's own layout renders into it (Hugo: ``readFile ... |
        markdownify`` in its single template), relative to the project folder: their
        headings are ids of the page too."""
        return ()

    def ref_candidates(
        self, path: PurePosixPath, source: PurePosixPath | None, language: str = ""
    ) -> list[PurePosixPath]:
        """Source files a ``ref`` to ``path`` (in ``language``, when it names one) may
        name, most likely first."""
        return [path]

    def has_language(self, code: str) -> bool:
        """Whether the site has the language ``code`` (a ref's ``lang``)."""
        return True

    def ref_by_name(
        self, path: str, source: PurePosixPath | None, language: str = ""
    ) -> PurePosixPath | None:
        """The page a ``ref`` finds by its name alone when no path matched (Hugo), or
        None."""
        return None

    def template_ids(self) -> frozenset[str]:
        """Ids the site's templates write into every page (``<main id="content">``):
        literal ``id`` attributes of its layouts and theme."""
        return frozenset()

    def build_inputs(self) -> tuple[str, ...]:
        """Project paths (files or folders), besides pages and the config file, that the
        generator reads for ids and pages: layouts, includes, data, hooks. A cached
        finding depends on them (see ``cache.site_state``)."""
        return self.page_hooks

    def page_template_ids(self, text: str) -> frozenset[str]:
        """Ids a page's own template calls make (a Hugo shortcode with an ``id``)."""
        return frozenset()

    def layout_template(self, source: PurePosixPath) -> PurePosixPath | None:
        """The template that renders the page ``source`` alone, when it is known."""
        return None

    def layout_ids(self, source: PurePosixPath) -> frozenset[str]:
        """Literal ids of the layout that renders the page ``source`` alone (Hugo: its
        type's single template), beyond the :meth:`template_ids` of every page."""
        return frozenset()

    def nav_pages(self) -> frozenset[PurePosixPath] | None:
        """Pages readers reach from the site's navigation (None: no navigation known)."""
        return None

    def listed_pages(self, site: SiteMap) -> frozenset[PurePosixPath]:
        """Pages the generator's own templates list, so readers reach them without a link
        from another page (a blog's list of posts, a section's list of its pages)."""
        return frozenset()

    def describe(self) -> str:
        where = f" ({self.config_file.name})" if self.config_file is not None else ""
        return f"{self.name}{where}"


# An id a template writes as it is (``<h3 id="calendar">``), no template code in it.
LITERAL_ID = re.compile(r"""\bid\s*=\s*["']([^"'{}<>%\s]+)["']""")


def literal_ids(root: Path, folders: list[str]) -> frozenset[str]:
    """Literal ``id="..."`` values in the HTML templates under ``folders`` (relative to
    ``root``): ids the site's layout gives every page. Ids written with template code
    cannot be known before the build and are left out."""
    found: set[str] = set()
    real_root = root.resolve()
    for folder in folders:
        top = root / folder
        for path in sorted(top.rglob("*.html")) if top.is_dir() else []:
            found |= file_literal_ids(path, real_root)
    return frozenset(found)


def file_literal_ids(path: Path, real_root: Path) -> frozenset[str]:
    """Literal ``id="..."`` values of one template file (none when it cannot be read)."""
    text = template_text(path, real_root)
    return frozenset(LITERAL_ID.findall(text)) if text is not None else frozenset()


def bounded_template_text(path: Path, real_root: Path, max_bytes: int) -> str | None:
    """:func:`template_text` of a file no larger than ``max_bytes``; None for a larger
    one, or no file: what is read for a scan (``_redirects``, Jekyll's layouts and data)
    is small, and a huge file is left alone."""
    if not path.is_file():
        return None
    try:
        if path.stat().st_size > max_bytes:
            return None
    except OSError:
        return None
    return template_text(path, real_root)


def template_text(path: Path, real_root: Path) -> str | None:
    """A layout file's text; None when it cannot be read or its real location is outside
    the project (a committed ``layouts/x.html -> ~/.aws/...``: its ids would be suggested
    in findings and written by fixes)."""
    if escape_reason(path, [real_root]) is not None:
        return None
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def project_folder(root: Path, written: str, key: str, config_file: Path) -> str:
    """The folder a generator's config names for its pages (``docs_dir``, ``contentDir``,
    ``source``), relative to the project folder ("" for the folder itself). One outside
    it is a ConfigError: openaccess reads no file there, and a run that checked nothing
    must not say "All clear"."""
    folder = Path(written) if Path(written).is_absolute() else root / written
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise ConfigError(
            f"{config_file.name}: {key} '{written}' is outside the site's folder {root}:"
            " openaccess reads no file outside it"
        ) from None
    return "" if relative == "." else relative
