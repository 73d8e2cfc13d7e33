"""What a router knows about a built site: its output files and each page's addresses.

Everything is keyed by paths relative to the project folder (sources) or to the built
site's folder (outputs), with ``/`` separators, so the model is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Literal

from msgspec import Struct, field

from openaccess.routing.urls import file_url

TAKEN = "another page has its address"  # PageRoute.reason of a page that lost a clash
OutputKind = Literal["page", "file", "redirect", "generated"]
Severity = Literal["error", "warning"]


class Output(Struct, frozen=True):
    """One file of the built site: a page, a copied file, a redirect to a page, or a file
    the generator or its theme makes (home page, list pages, feeds, favicon...)."""

    file: str  # relative to the site folder: "guides/pricing/index.html"
    kind: OutputKind
    source: PurePosixPath | None = None  # the source file it is built from
    target: PurePosixPath | None = None  # redirects: the page source it leads to
    # The address the generator's link tags write for it when that is not ``url``:
    # Jekyll's ``{% link %}`` writes ``/a/index.html`` for ``permalink: /:path/index.html``.
    written: str = ""

    @property
    def url(self) -> str:
        return file_url(self.file)


class PageRoute(Struct):
    """Where one source page is published, if it is."""

    source: PurePosixPath
    output: Output | None  # None: the generator does not publish it (see ``reason``)
    aliases: list[Output] = field(default_factory=list)
    reason: str = ""  # why it is not published: "draft", "in _drafts", ...
    language: str | None = None  # from the generator's language folders or suffixes
    # Where an unpublished page (a draft, a page Hugo never renders) would be published:
    # its relative links are read from there, as they will be once it is.
    unbuilt: Output | None = None
    # The site's config leaves the file out of the site for good (MkDocs ``exclude_docs``,
    # the exclude plugin): not a page to check, unlike a draft, which will be published.
    left_out: bool = False
    # Published where only the build knows (a Jekyll plugin's permalink placeholder): a
    # link to it is not judged.
    made_elsewhere: bool = False

    @property
    def url(self) -> str | None:
        return self.output.url if self.output is not None else None


# The front matter keys that set a page's address, and those that give it more (redirects).
ADDRESS_KEYS = ("permalink", "url", "slug")
ALIAS_KEYS = ("aliases", "redirect_from")


class RouteProblem(Struct, frozen=True):
    """A routing mistake in the site itself (two pages on one address, a bad ``url``).
    ``{owner}`` in the message stands for the other page involved (``owner``)."""

    source: PurePosixPath
    severity: Severity
    message: str
    owner: PurePosixPath | None = None
    # The front matter keys that may have set the address at fault (a finding points at
    # the first one the page has): ("url", "slug"), ("aliases",), or none.
    keys: tuple[str, ...] = ()

    def text(self, name: Callable[[PurePosixPath], str]) -> str:
        """The message with the other page named by ``name`` (a display path)."""
        return self.message.replace("{owner}", name(self.owner)) if self.owner else self.message


class SiteMap(Struct):
    """Every output of the site, by output file, and every page's route, by source."""

    outputs: dict[str, Output] = field(default_factory=dict)
    pages: dict[PurePosixPath, PageRoute] = field(default_factory=dict)
    problems: list[RouteProblem] = field(default_factory=list)
    # Pages a plugin writes from a source path that is no file (mkdocs-material's blog
    # views, ``blog/category/dev-log.md``): a link naming that path goes to the page.
    virtual_sources: dict[str, Output] = field(default_factory=dict)
    # Published pages the generator's own lists leave out (Hugo's ``build.list: never``).
    unlisted: set[PurePosixPath] = field(default_factory=set)
    # The files of an unpublished page's bundle (Hugo writes them with the page), by the
    # output file each would be, with that page: links to them are broken, but the
    # page's own are read as they will be once it is published (see PageRoute.unbuilt).
    unbuilt_files: dict[str, tuple[Output, PurePosixPath]] = field(default_factory=dict)

    def claim(self, output: Output) -> Output | None:
        """Add ``output``; when its file is already taken, keep the first and return it."""
        owner = self.outputs.get(output.file)
        if owner is not None:
            return owner
        self.outputs[output.file] = output
        return None

    def owner_name(self, output: Output) -> str:
        """How a message names who holds an output: ``{owner}`` for a source page (filled
        in by :meth:`RouteProblem.text`), else the generated file."""
        return "{owner}" if output.source is not None else f"the generated file {output.file}"
