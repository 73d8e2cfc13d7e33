"""The router: one model of the built site for ``check``, ``publish`` (and ``serve``).

It answers three questions the same way for every command:

* where is a source page published (:meth:`Router.route`), and what else is built
  (copied files, redirects, theme and list pages);
* what does a URL path serve (:meth:`Router.lookup`), as the generator's server answers it:
  case-sensitive, ``/a/`` -> ``a/index.html``, ``/a`` -> the folder or (Jekyll) ``a.html``;
* where does a link written in a page land (:meth:`Router.resolve`), with the generator's
  own link semantics: MkDocs and ``openaccess publish`` rewrite Markdown links that name a
  source file; every other relative link is read against the page's URL, as a browser does.

The site map is built lazily, on the first question, from the file list and the front
matter of pages (only what routing needs: no page is parsed here).
"""

from __future__ import annotations

import posixpath
import re
from functools import cached_property
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from msgspec import Struct

from openaccess.page import PAGE_SUFFIXES
from openaccess.routing.base import Expanded, Generator
from openaccess.routing.inventory import Inventory
from openaccess.routing.model import Output, PageRoute, SiteMap
from openaccess.routing.redirects import Redirect, first_match, read_redirects
from openaccess.routing.urls import clean_path, join_url, served_files, url_folder

TargetKind = str  # see Target
OUTSIDE = "outside"
_NONE = " the site does not have"
_MAX_REDIRECTS = 5
INDEX_FILES = (
    "index.md",
    "index.html",
    "_index.md",
    "README.md",
    "index.markdown",
    "index.htm",
)  # Target.note of a relative link that leaves the project folder


class Target(Struct, frozen=True):
    """Where a link leads.

    ``kind`` is one of: ``empty``; ``external`` (another site); ``other`` (``mailto:``,
    ``tel:``...); ``self`` (a fragment or query on the same page); ``found`` (an output of
    the site: ``output`` is it, ``path`` its source file when it has one); ``missing-file``
    (a relative link to nothing); ``missing-url`` (a site URL that serves nothing);
    ``refused`` (a symlink out of the project, broken or looping: ``note`` says which, see
    :mod:`openaccess.fsutil`; never followed);
    ``unchecked`` (cannot be judged before the site is built, or was excluded: ``note``
    says why). A missing target whose spelling differs only in letter case from a real
    one carries it in ``case_match``.
    """

    kind: TargetKind
    path: PurePosixPath | None = None
    fragment: str = ""
    wanted: str = ""  # what was looked for: a source path, or a site URL path
    output: Output | None = None
    note: str = ""
    case_match: Output | None = None

    @property
    def is_page(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in PAGE_SUFFIXES

    @property
    def url(self) -> str | None:
        return self.output.url if self.output is not None else None


class Router:
    def __init__(
        self,
        generator: Generator,
        inventory: Inventory,
        base_url: str = "",
        remap: list[tuple[re.Pattern[str], str]] | None = None,
        exclude: list[re.Pattern[str]] | None = None,
    ) -> None:
        self.generator = generator
        self.inventory = inventory
        self.base_url = base_url or generator.site_url
        self.base_path = generator.base_path or urlsplit(base_url).path.rstrip("/")
        self.own_host = _host(self.base_url)
        self.remap = remap or []
        self.exclude = exclude or []
        # The links of the page resolved last, by (href, markdown, image): publish renders
        # a page right after checking it and asks for the same links again. One tuple,
        # replaced whole, so threads that check pages side by side (serve) never read
        # another page's.
        self._last_page: tuple[PurePosixPath | None, dict[tuple[str, bool, bool], Target]]
        self._last_page = (None, {})

    # -- the site map ------------------------------------------------------------------
    @cached_property
    def site(self) -> SiteMap:
        return self.generator.build(self.inventory)

    @cached_property
    def _folded(self) -> dict[str, list[Output]]:
        """Outputs by lower-cased file, to name the right case of a near miss."""
        folded: dict[str, list[Output]] = {}
        for output in self.site.outputs.values():
            folded.setdefault(output.file.lower(), []).append(output)
        return folded

    def forget_site(self) -> None:
        """The files or a page's front matter changed: build the site map again."""
        for name in (
            "site",
            "_folded",
            "_file_outputs",
            "_listed",
            "_unbuilt",
            "_host_redirects",
            "_forced_redirects",
        ):
            self.__dict__.pop(name, None)
        self._last_page = (None, {})

    def route(self, source: PurePosixPath) -> PageRoute | None:
        return self.site.pages.get(source)

    def url_of(self, source: PurePosixPath) -> str | None:
        """The site-relative URL a source page or file is published at."""
        route = self.site.pages.get(source)
        if route is not None:
            return route.url
        output = self._file_outputs.get(source)
        return output.url if output is not None else None

    @cached_property
    def _file_outputs(self) -> dict[PurePosixPath, Output]:
        return {o.source: o for o in self.site.outputs.values() if o.source is not None}

    def lookup(self, url_path: str) -> tuple[Output | None, Output | None]:
        """(what serves this clean site-relative URL path, or None; else the output it
        names with other letter case, if any)."""
        for file in served_files(url_path, self.generator.html_fallback):
            output = self.site.outputs.get(file)
            if output is not None:
                return output, None
        for file in served_files(url_path, self.generator.html_fallback):
            near = self._folded.get(file.lower())
            if near:
                return None, near[0]
        return None, None

    # -- links -------------------------------------------------------------------------
    def resolve(
        self, source: PurePosixPath | None, href: str, markdown: bool = True, image: bool = False
    ) -> Target:
        """Where ``href``, written in the page ``source`` (a Markdown link when
        ``markdown``, else raw HTML; an image when ``image``), leads on the built site."""
        page, known = self._last_page
        if page != source:
            known = {}
            self._last_page = (source, known)
        key = (href, markdown, image)
        target = known.get(key)
        if target is None:
            target = known[key] = self._resolve(source, href, markdown, image)
        return target

    def _resolve(
        self, source: PurePosixPath | None, href: str, markdown: bool, image: bool
    ) -> Target:
        stripped = href.strip()
        if not stripped:
            return Target("empty")
        if self.remap:
            stripped = self._remapped(stripped)
        if self.exclude and any(pattern.search(stripped) for pattern in self.exclude):
            return Target("unchecked", note="excluded by [links] exclude_urls")
        expanded = self.generator.expand_link(stripped)
        if expanded is not None:
            return self._expanded(source, expanded)
        if ("{" in stripped or "%" in stripped) and self.generator.TEMPLATE_CODE.search(stripped):
            return Target("unchecked", note="written with template code")
        try:
            scheme, host, path, fragment = _split(stripped)
        except ValueError:
            return Target("unchecked", note="not a valid address")
        if stripped.startswith("//"):
            scheme = scheme or "https"
        if scheme or stripped.startswith("//"):
            if scheme not in ("http", "https"):
                return Target("other")
            if self.own_host and host == self.own_host:
                return self._site_path(path or "/", fragment, written_in_full=True)
            return Target("external")
        if not path:
            return Target("self", source, fragment)
        hooked = self._hooked(source, path, fragment, image) if markdown and source else None
        if hooked is not None:
            return hooked
        if path.startswith("/"):
            if markdown and self.generator.absolute_links_name_sources:
                named = self._content_path(unquote(path))
                found = self._named_source(named, fragment, source) if named else None
                if found is not None:
                    return found
            localised = self.generator.localised_path(source, path)
            if localised is not None:
                target = self._site_path(localised, fragment)
                if target.kind == "found":
                    return target
            return self._site_path(path, fragment)
        return self._relative(source, path, fragment, markdown)

    def _hooked(
        self, source: PurePosixPath, path: str, fragment: str, image: bool
    ) -> Target | None:
        """Where the site's render hook sends a Markdown link it resolves itself (Hugo's
        ``.GetPage``, ``.Resources.Get``, ``resources.Get``); None when it leaves the
        link as written."""
        rewritten = self.generator.rendered(self.site, source, unquote(path), image)
        if rewritten is None:
            return None
        if rewritten.output is not None:
            output = rewritten.output
            return Target("found", rewritten.source, fragment, output.url, output)
        return self._source_target(rewritten.source, fragment)

    def _remapped(self, href: str) -> str:
        """``href`` rewritten by the first ``[links] remap`` pattern that matches it."""
        for pattern, replacement in self.remap:
            if pattern.search(href):
                return pattern.sub(replacement, href, count=1)
        return href

    def _site_path(self, path: str, fragment: str, written_in_full: bool = False) -> Target:
        clean = clean_path(path)
        if self.base_path and self.generator.root_links_get_base_path and not written_in_full:
            return self._url_target(clean, fragment)
        if self.base_path:
            if clean == self.base_path or clean.startswith(self.base_path + "/"):
                clean = clean[len(self.base_path) :] or "/"
            elif not self.generator.absolute_links_from_site_root or written_in_full:
                return self._outside_base(clean, fragment, written_in_full)
        return self._url_target(clean, fragment)

    def _outside_base(self, clean: str, fragment: str, written_in_full: bool) -> Target:
        """A site-absolute link without the site's base path: a real break when the page
        exists under the base path (the writer forgot it), else another part of the host.
        The host's own top written in full (``https://www.freqtrade.io/`` on a site at
        /en/) names the project's home, which such a host serves or redirects."""
        if written_in_full and clean == "/":
            return Target("external")
        found, _ = self.lookup(clean)
        if found is not None:
            right = self.base_path + found.url
            note = f"it lacks the site's base path {self.base_path}: the page is at {right}"
            return Target("missing-url", fragment=fragment, wanted=clean, note=note)
        if written_in_full:
            return Target("external")
        return Target("unchecked", note=f"outside the site's base path {self.base_path}")

    def _url_target(self, clean: str, fragment: str) -> Target:
        if self.inventory.refused and (refused := self._refused_url(clean, fragment)):
            return refused
        target, near = self._at_address(clean, fragment)
        return target or Target("missing-url", fragment=fragment, wanted=clean, case_match=near)

    def _at_address(
        self, clean: str, fragment: str, source: PurePosixPath | None = None
    ) -> tuple[Target | None, Output | None]:
        """What the site address ``clean``, linked from ``source``, gives: a page or
        file, mounted content, where the host's redirects send it (a forced rule even
        where a file is served; any rule where none is, an unpublished page's address too:
        keda.sh's ``/docs``), an unpublished page or its file; else None, with an output
        whose address differs only in letter case."""
        if (forced := self._forced(clean)) is not None:
            return self._follow(clean, fragment, forced), None
        found, near = self.lookup(clean)
        if found is not None:
            return Target("found", found.source, fragment, clean, found), None
        if (fallback := self.generator.language_fallback(clean)) is not None:
            return self._at_address(fallback, fragment, source)
        if (elsewhere := self.generator.made_elsewhere(clean)) is not None:
            return Target("unchecked", note=elsewhere), None
        if redirected := self._redirected(clean, fragment):
            return redirected, None
        return self._unbuilt_at(clean, fragment, source), near

    def _unbuilt_at(self, clean: str, fragment: str, source: PurePosixPath | None) -> Target | None:
        """A link to the address of a page the generator leaves unpublished (a draft), or
        of its bundle's file: broken, and the message says why. The page's own links to
        its files work, as they will once it is published."""
        if not self._unbuilt and not self.site.unbuilt_files:
            return None
        for file in served_files(clean, self.generator.html_fallback):
            route = self._unbuilt.get(file)
            if route is not None:
                note = f"the page is not published ({route.reason})"
                return Target("missing-file", route.source, fragment, clean, note=note)
            if (bundled := self.site.unbuilt_files.get(file)) is not None:
                output, page = bundled
                if page == source:
                    return Target("found", output.source, fragment, clean, output)
                reason = self.site.pages[page].reason
                note = f"it is published with {page.as_posix()}, which is not ({reason})"
                return Target("missing-file", output.source, fragment, clean, note=note)
        return None

    def _redirected(self, clean: str, fragment: str) -> Target | None:
        """Where the web host's redirect rules send an address the site does not serve
        (see :mod:`openaccess.routing.redirects`), following up to five redirects; None
        when no rule matches it."""
        matched = first_match(self._host_redirects, clean)
        return self._follow(clean, fragment, matched) if matched is not None else None

    def _follow(self, clean: str, fragment: str, matched: tuple[Redirect, str]) -> Target:
        """Where a chain of redirects from ``clean``, starting with ``matched``, ends: a
        rule marked forced (``301!``) applies even where the site serves a file."""
        wanted = clean
        for _ in range(_MAX_REDIRECTS):
            rule, to = matched
            if "://" in to or to.startswith("//"):
                return Target("external")
            clean = clean_path(to.split("#", 1)[0].split("?", 1)[0])
            forced = self._forced(clean)
            found = None if forced else self.lookup(clean)[0]
            if found is not None:
                return Target("found", found.source, fragment, clean, found)
            matched = forced or first_match(self._host_redirects, clean)
            if matched is None:
                break
        note = f"{rule.origin} sends it to {clean}, which the built site does not serve"
        return Target("missing-url", fragment=fragment, wanted=wanted, note=note)

    def _forced(self, path: str) -> tuple[Redirect, str] | None:
        """The first rule marked forced (``301!``) that matches ``path``, with where it
        sends it; None on a host without such rules."""
        return first_match(self._forced_redirects, path) if self._forced_redirects else None

    @cached_property
    def _forced_redirects(self) -> list[Redirect]:
        """The rules that apply even where the site serves a file (``301!``)."""
        return [rule for rule in self._host_redirects if rule.forced]

    @cached_property
    def _host_redirects(self) -> list[Redirect]:
        published, _ = self.lookup("/_redirects")
        root = self.generator.root
        source = root / published.source if published and published.source else None
        return read_redirects(source, root, self.generator.generated_redirects())

    @cached_property
    def _unbuilt(self) -> dict[str, PageRoute]:
        """Unpublished pages by the output file they would have."""
        return {r.unbuilt.file: r for r in self.site.pages.values() if r.unbuilt is not None}

    def _refused_url(self, clean: str, fragment: str) -> Target | None:
        """A site URL that names a refused symlink, in the project or its content folder."""
        content = PurePosixPath(self.generator.content) if self.generator.content else None
        inside = PurePosixPath(clean.strip("/"))
        for named in (inside, content / inside if content else None):
            if named is not None and clean.strip("/") and (why := self.inventory.refusal(named)):
                return Target("refused", fragment=fragment, wanted=named.as_posix(), note=why)
        return None

    def _relative(
        self, source: PurePosixPath | None, path: str, fragment: str, markdown: bool
    ) -> Target:
        decoded = unquote(path)
        named = self._join_source(source, decoded) if source is not None else None
        if named is not None and (why := self.inventory.refusal(named)) is not None:
            return Target("refused", fragment=fragment, wanted=named.as_posix(), note=why)
        left = ""
        if named is not None and source is not None and markdown:
            left = self.generator.left_content_note(source, decoded)
        if left:
            named = None  # the generator writes it as it is: a web address
        if named is not None and (markdown or self.generator.name == "none"):
            by_source = self._named_source(named, fragment, source)
            if by_source is not None:
                return by_source
        page_url = self._read_from(source) if source is not None else None
        if page_url is None:
            if named is None:
                return Target("missing-file", fragment=fragment, wanted=decoded, note=OUTSIDE)
            return self._by_source_only(named, fragment)
        if above := self._above_base_path(page_url, path):
            return Target("missing-file", fragment=fragment, wanted=decoded, note=above)
        joined = join_url(url_folder(page_url), path)
        target, near = self._at_address(joined, fragment, source)
        if target is not None:
            return target
        if named is None and self._read_as_address(page_url, decoded):
            why = f"browsers stop its '..' at the site's top, so it leads to {joined}, which"
            return Target("missing-file", fragment=fragment, wanted=decoded, note=why + _NONE)
        if named is None:
            note = left or OUTSIDE
            return Target("missing-file", fragment=fragment, wanted=decoded, note=note)
        if named in self.inventory.files and (why := self.generator.unrewritten_links_note(source)):
            address = self.url_of(named)
            why += f"; link to its address, {address}" if address else ""
            return Target("missing-file", named, fragment, named.as_posix(), note=why)
        return Target("missing-file", fragment=fragment, wanted=named.as_posix(), case_match=near)

    def _read_as_address(self, page_url: str, path: str) -> bool:
        """Whether a link whose ``..`` climb above the project is an address whose ``..``
        a browser stops at the site's top (``../../../docs/install/`` on a Hugo, Jekyll or
        MkDocs site), not a file outside the project (which ``openaccess publish``, for
        which relative links name files, would never publish)."""
        if self.generator.name == "none" or not _climbs_above(page_url, path):
            return False
        last = "" if path.endswith("/") else path.rsplit("/", 1)[-1]
        return "." not in last.strip(".")  # ``../logo.png`` names a file

    def _read_from(self, source: PurePosixPath) -> str | None:
        """The address a page's relative links are read from: its own, or for a page
        left unpublished where the generator says it would be (see PageRoute.unbuilt)."""
        url = self.url_of(source)
        if url is None and (route := self.site.pages.get(source)) and route.unbuilt is not None:
            return route.unbuilt.url
        return url

    def _join_source(self, source: PurePosixPath, decoded: str) -> PurePosixPath | None:
        """The project file a relative link from ``source`` names, or None above the
        project folder. A listed file's own path object is reused: building paths was a
        fifth of the time spent resolving links."""
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source.as_posix()), decoded))
        if joined in (".", "..") or joined.startswith("../") or joined.startswith("/"):
            return None
        return self.source_path(joined)

    def source_path(self, posix: str) -> PurePosixPath:
        """The path ``posix`` names in the project, as the listed file's own path object
        when there is one (equal paths then compare and hash at once)."""
        listed = self._listed.get(posix)
        return listed if listed is not None else PurePosixPath(posix)

    @cached_property
    def _listed(self) -> dict[str, PurePosixPath]:
        return {path.as_posix(): path for path in self.inventory.files}

    def _above_base_path(self, page_url: str, path: str) -> str | None:
        """Why a relative link leaves the site, when its ``..`` climb above the site's
        base path: from ``/docs/`` served at ``/docs/``, ``../x/`` is the host's ``/x/``."""
        if not self.base_path or ".." not in path:
            return None
        full = join_url(url_folder(self.base_path + page_url), path)
        if full.startswith(self.base_path + "/") or full == self.base_path:
            return None
        return f"it climbs above the site's base path {self.base_path}/ to {full}"

    def _content_path(self, path: str) -> PurePosixPath | None:
        """A site-absolute path read inside the content folder (``/a.md`` -> ``docs/a.md``)."""
        inner = posixpath.normpath(path.lstrip("/"))
        if inner in (".", "..") or inner.startswith("../"):
            return None
        content = self.generator.content
        return PurePosixPath(content) / inner if content else PurePosixPath(inner)

    def _named_source(
        self, named: PurePosixPath, fragment: str, source: PurePosixPath | None
    ) -> Target | None:
        """A link in the page ``source`` naming a source file (or, for ``openaccess
        publish``, a folder with an index page) that the generator rewrites to its
        address; in MkDocs also a file its theme or plugins add at that path
        (``img/favicon.ico``)."""
        if not self.generator.rewrites_source_links(source):
            return None
        candidates = self.generator.named_candidates(source, named)
        for candidate in candidates:
            if candidate in self.inventory.files:
                return self._source_target(candidate, fragment)
        if named not in candidates and named in self.inventory.files:  # mkdocs-static-i18n
            note = "it is a file of another language, which this page's language build lacks"
            return Target("missing-file", named, fragment, named.as_posix(), note=note)
        content = PurePosixPath(self.generator.content) if self.generator.content else None
        if self.generator.name == "mkdocs" and (content is None or content in named.parents):
            inside = named.relative_to(content).as_posix() if content else named.as_posix()
            output = self.site.outputs.get(inside) or self.site.virtual_sources.get(inside)
            if output is not None and output.kind == "generated":
                return Target("found", None, fragment, output.url, output)
            address = f"{self.generator.base_path}/{inside}"
            if (elsewhere := self.generator.made_elsewhere(address)) is not None:
                return Target("unchecked", note=elsewhere)  # a page a script or hook adds
        if self.generator.folder_links_name_index:
            for index in INDEX_FILES:
                if named / index in self.inventory.files:
                    return self._source_target(named / index, fragment)
        return None

    def _source_target(self, named: PurePosixPath, fragment: str) -> Target | None:
        """A link naming a source file that the generator rewrites to its URL."""
        route = self.site.pages.get(named)
        if route is not None:
            if route.made_elsewhere:
                return Target("unchecked", note=route.reason)
            if route.output is None:
                return Target("missing-file", named, fragment, named.as_posix(),
                              note=f"the page is not published ({route.reason})")  # fmt: skip
            return Target("found", named, fragment, route.output.url, route.output)
        output = self._file_outputs.get(named)
        if output is not None:
            return Target("found", named, fragment, output.url, output)
        return None

    def _by_source_only(self, named: PurePosixPath, fragment: str) -> Target:
        """A page the router does not publish (outside the content folder): its links can
        only be read as files next to it."""
        if named in self.inventory.files:
            return Target("found", named, fragment, named.as_posix())
        return Target("missing-file", fragment=fragment, wanted=named.as_posix())

    def _expanded(self, source: PurePosixPath | None, expanded: Expanded) -> Target:
        fragment = unquote(expanded.fragment)
        if expanded.kind == "url":
            return self._site_path(expanded.value, fragment)
        if expanded.kind == "source":
            named = PurePosixPath(posixpath.normpath(expanded.value))
            content = PurePosixPath(self.generator.content) if self.generator.content else None
            full = content / named if content is not None else named
            target = self._source_target(full, fragment)
            if target is not None:
                return self._with_base_path(self._with_suffix(target, expanded), expanded)
            return Target("missing-file", fragment=fragment, wanted=full.as_posix(),
                          note="the generator stops the build here")  # fmt: skip
        if expanded.kind == "post":
            target = self._with_suffix(self._post(expanded.value, fragment), expanded)
            return self._with_base_path(target, expanded)
        target = self._hugo_ref(source, expanded.value, fragment, expanded.language)
        if expanded.bracketed and target.kind == "found" and target.output is not None:
            note = "Hugo writes the brackets around the ref call into the address: remove them"
            wanted = f"({target.output.url})"
            return Target("missing-url", fragment=fragment, wanted=wanted, note=note)
        return target

    def _with_suffix(self, target: Target, expanded: Expanded) -> Target:
        """What a link tag's page address with text added after it gives: with Jekyll's
        ``permalink: /:path/index.html``, ``{% link a.md %}/`` is ``/a/index.html/``, which
        no server serves (swcarpentry's lessons write ``/`` after the tag)."""
        if not expanded.suffix or target.kind != "found" or target.output is None:
            return target
        address = target.output.written or target.output.url
        return self._url_target(clean_path(address + expanded.suffix), target.fragment)

    def _with_base_path(self, target: Target, expanded: Expanded) -> Target:
        """A tag's page, unless the built link gets the site's base path twice or not at
        all (Jekyll 4's tags add it, Jekyll 3's leave it to the page)."""
        problem = expanded.base_path_problem
        if target.kind != "found" or target.output is None or not problem:
            return target
        if problem == "doubled":
            wanted = self.base_path + self.base_path + target.output.url
            note = "Jekyll 4's link tags add the base path themselves: leave out {{ site.baseurl }}"
        else:
            wanted = target.output.url
            note = (
                "Jekyll 3's link tags leave out the base path: write {{ site.baseurl }} before it"
            )
        return Target("missing-url", fragment=target.fragment, wanted=wanted, note=note)

    def _post(self, name: str, fragment: str) -> Target:
        """Jekyll's ``post_url``: ``es/2020-01-02-hola`` is ``_posts/es/2020-01-02-hola.md``
        or ``es/_posts/2020-01-02-hola.md``; failing that, any post of that date and slug
        (Jekyll 4.3 ``PostComparer``, and its deprecated fallback, with a warning)."""
        named = _POST_NAME.match(name.strip().lstrip("/"))
        if named is None:
            return self._no_post(name, fragment)
        folder, stem = named.group(1) or "", named.group(2)
        wanted = (f"_posts/{folder}{stem}", f"{folder}_posts/{stem}")
        content = PurePosixPath(self.generator.content or ".")
        posts = [r for r in self.site.pages.values() if "_posts" in r.source.parts]
        for exact in (True, False):
            for route in posts:
                if route.source.stem != stem:
                    continue
                inside = _relative_to(route.source.with_suffix(""), content)
                if exact and inside not in wanted:
                    continue
                if route.output is None:
                    return self._no_post(name, fragment)
                return Target("found", route.source, fragment, route.output.url, route.output)
        return self._no_post(name, fragment)

    @staticmethod
    def _no_post(name: str, fragment: str) -> Target:
        return Target("missing-url", fragment=fragment, wanted=f"post {name}",
                      note="the generator stops the build here")  # fmt: skip

    def _hugo_ref(
        self, source: PurePosixPath | None, path: str, fragment: str, language: str = ""
    ) -> Target:
        """Hugo's ref/relref lookup: relative to the page's folder (a leaf bundle's
        ``index.md`` looks from the bundle's parent unless the path starts with ``..``),
        then from the content folder, ``..`` never climbing above it; the ``.md`` may be
        left out; a folder names its ``_index``/``index``; last, a bare name finds the one
        page so named. A ``lang`` looks in that language's content folder, from the same
        folder there. (Checked with Hugo 0.111: dgraph's docs.)"""
        if not path:
            return Target("self", source, fragment)
        if language and not self.generator.has_language(language):
            return Target(
                "missing-url",
                fragment=fragment,
                wanted=f"ref {path} (lang {language})",
                note="Hugo stops the build here (REF_NOT_FOUND: no site of that lang)",
            )
        own = PurePosixPath(self.generator.content_of(source) or ".")
        content = PurePosixPath(self.generator.content_of(source, language) or ".")
        bases = [content]
        if source is not None and not path.startswith("/"):
            folder = source.parent
            if content != own and folder.is_relative_to(own):
                folder = content / folder.relative_to(own)
            if source.name.split(".")[0] == "index" and not path.startswith(".."):
                folder = folder.parent if folder != content else folder
            bases.insert(0, folder)
        joined = [_joined_in(content, base, path.lstrip("/")) for base in bases]
        for place in joined:
            for candidate in self.generator.ref_candidates(place, source, language):
                target = self._ref_target(candidate, fragment)
                if target is not None:
                    return target
        for place in joined:  # a section page Hugo makes with no _index.md
            if (section := self.generator.ref_section(place)) is not None:
                return Target("found", None, fragment, section.url, section)
        named = self.generator.ref_by_name(path, source, language)
        target = self._ref_target(named, fragment) if named is not None else None
        if target is not None:
            return target
        for place in joined:  # a page a content adapter makes, say: only the build knows
            if elsewhere := self.generator.ref_made_elsewhere(place, source, language):
                return Target("unchecked", note=elsewhere)
        return Target("missing-url", fragment=fragment, wanted=f"ref {path}",
                      note="Hugo stops the build here (REF_NOT_FOUND)")  # fmt: skip

    def _ref_target(self, candidate: PurePosixPath, fragment: str) -> Target | None:
        route = self.site.pages.get(candidate)
        if route is None or route.output is None:
            return None
        return Target("found", candidate, fragment, route.output.url, route.output)


# What urlsplit removes or strips from an address: a plain path without these (and
# without a colon or a leading ``//``) splits the same way with str.partition.
_SPLIT_CHANGES = re.compile(r"[\t\r\n]|^[\x00-\x20]")


def _joined_in(content: PurePosixPath, base: PurePosixPath, path: str) -> PurePosixPath:
    """``path`` from the folder ``base``; inside the content folder, its ``..`` stop at
    the content folder's top, as Hugo's lookup joins from ``/``."""
    if not base.is_relative_to(content):
        return PurePosixPath(posixpath.normpath(posixpath.join(str(base), path)))
    inner = posixpath.normpath(posixpath.join("/", str(base.relative_to(content)), path))
    return content / inner.lstrip("/") if inner != "/" else content


def _climbs_above(page_url: str, path: str) -> bool:
    """Whether the ``..`` of a relative link climb above the site's top from the page's
    address (where a browser stops them, RFC 3986)."""
    return posixpath.normpath(url_folder(page_url).lstrip("/") + path).startswith("..")


_TEXT_DIRECTIVE = ":~:"


def _split(href: str) -> tuple[str, str, str, str]:
    """The scheme and host (lower case), path and decoded fragment of ``href``, as
    urlsplit gives them. Most links are plain paths (``../a.md#b``), split here without
    urlsplit's general parse, which was a tenth of the time spent resolving links."""
    if ":" not in href and not href.startswith("//") and not _SPLIT_CHANGES.search(href):
        rest, _, fragment = href.partition("#")
        return "", "", rest.partition("?")[0], unquote(fragment)
    parts = urlsplit(href)
    host = (parts.hostname or "").lower()
    # A text fragment (#:~:text=words, or #id:~:text=words) is the browser's directive,
    # not an id: only what comes before it names one.
    fragment = unquote(parts.fragment).partition(_TEXT_DIRECTIVE)[0]
    return parts.scheme.lower(), host, parts.path, fragment


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower() if url else ""
    except ValueError:
        return ""


# A post_url name: an optional folder, then the post's date and slug (post_url.rb MATCHER).
_POST_NAME = re.compile(r"((?:[^/]+/)*)(\d+-\d+-\d+-.*)")


def _relative_to(path: PurePosixPath, folder: PurePosixPath) -> str:
    """``path`` from ``folder`` ("." is the top), or as it is when outside it."""
    if folder == PurePosixPath("."):
        return path.as_posix()
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()
