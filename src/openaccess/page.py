"""The page model shared by ``check``, ``report`` and ``publish``.

A :class:`Page` is one source file: its decoded text, front matter (parsed, or the error
that stopped parsing), its body's kind and offset, and lazily its Markdown tokens and
:class:`~openaccess.document.Document` outline. Everything is keyed by offsets into the
original text, so any consumer can turn a finding into a true ``line:column``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from msgspec import Struct, field

from openaccess import frontmatter
from openaccess.document import Document
from openaccess.frontmatter import FrontMatterBlock, FrontMatterError
from openaccess.parse.templates import PYTHON_MARKDOWN_DIALECTS, is_hugo
from openaccess.source import Decoded, LineIndex, read_source, text_hash

if TYPE_CHECKING:
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PAGE_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES

PageKind = Literal["markdown", "html"]
Derived = TypeVar("Derived")


class _MarkdownParse(Struct, frozen=True):
    """One markdown-it parse of a page's body: its tokens and reference definitions."""

    tokens: list[Token]
    references: dict[str, dict[str, Any]]


def page_kind(path: Path) -> PageKind:
    return "html" if path.suffix.lower() in HTML_SUFFIXES else "markdown"


class Page(Struct, eq=False, dict=True):
    """One page: its text as read, its front matter and, made on first use, its parse."""

    path: Path  # absolute
    display_path: str  # as shown to the user (relative to the working directory)
    text: str
    kind: PageKind
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    front_matter_block: FrontMatterBlock | None = None
    front_matter_error: FrontMatterError | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # What several rules derive from this page (its suppression comments, its measured
    # prose), one object per kind: see derived(). Freed with the parse.
    _derived: dict[type, Any] = field(default_factory=dict)
    # The Markdown the site's generator reads: "commonmark"; "python-markdown" (MkDocs: a
    # reference label defined twice keeps its last definition); or "mkdocs", that and
    # admonitions, details, content tabs and definition lists (def_list) whose indented
    # bodies are Markdown, not code, and md_in_html tags (<div markdown>) whose next lines
    # are Markdown, not raw HTML.
    dialect: str = "commonmark"

    @classmethod
    def from_text(
        cls, path: Path, text: str, display_path: str | None = None, dialect: str = "commonmark"
    ) -> Page:
        decoded = Decoded(text, "utf-8", False, "\n")
        return cls.from_decoded(path, decoded, display_path, dialect)

    @classmethod
    def from_decoded(
        cls,
        path: Path,
        decoded: Decoded,
        display_path: str | None = None,
        dialect: str = "commonmark",
    ) -> Page:
        page = cls(
            path=path,
            display_path=display_path or path.as_posix(),
            text=decoded.text,
            kind=page_kind(path),
            encoding=decoded.encoding,
            bom=decoded.bom,
            newline=decoded.newline,
            dialect=dialect,
        )
        page._read_front_matter()
        return page

    def again(self, text: str) -> Page:
        """The same page with another text (a fix applied, a repair): encoding, line
        endings and dialect kept."""
        decoded = Decoded(text, self.encoding, self.bom, self.newline)
        return Page.from_decoded(self.path, decoded, self.display_path, self.dialect)

    @classmethod
    def load(cls, path: Path, display_path: str, max_bytes: int) -> Page:
        """Read a page from disk; raises SourceError when it cannot be read as text."""
        return cls.from_decoded(path, read_source(path, max_bytes), display_path)

    def _read_front_matter(self) -> None:
        try:
            mkdocs = self.dialect in PYTHON_MARKDOWN_DIALECTS
            hugo = is_hugo(self.dialect)
            self.front_matter_block = frontmatter.locate(self.text, mkdocs=mkdocs, hugo=hugo)
            if self.front_matter_block is not None:
                self.meta = frontmatter.parse(self.text, self.front_matter_block)
                if hugo:
                    self.meta = frontmatter.case_folded(self.meta)
        except FrontMatterError as error:
            self.front_matter_error = error
            self.meta = {}

    # -- positions -------------------------------------------------------------------
    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        if offset <= 0:  # the page's start (site-wide findings): its lines need no index
            return 1, 1
        return self.lines.position(offset)

    @property
    def body_start(self) -> int:
        """Offset where the body begins (0 without front matter or when it is unreadable)."""
        block = self.front_matter_block
        return block.end if block is not None and self.front_matter_error is None else 0

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    # -- structure -------------------------------------------------------------------
    @property
    def tokens(self) -> list[Token]:
        """markdown-it tokens of the body (Markdown pages only); maps are body-relative."""
        return self._markdown.tokens

    @property
    def references(self) -> dict[str, dict[str, Any]]:
        """The body's reference definitions as Markdown read them (none in code blocks),
        by label as markdown-it normalises it: ``href`` (normalised too) and ``map``
        (body lines), from the parse that made :attr:`tokens`."""
        return self._markdown.references

    @cached_property
    def _markdown(self) -> _MarkdownParse:
        if self.kind != "markdown":
            return _MarkdownParse([], {})
        from openaccess.parse.markdown import tokenize

        env: dict[str, Any] = {}
        tokens = tokenize(self.body, self.dialect, env)
        return _MarkdownParse(tokens, env.get("references", {}))

    @cached_property
    def document(self) -> Document:
        if self.kind == "markdown":
            from openaccess.parse.markdown import outline_markdown

            return outline_markdown(
                self.text, self.lines, self.body_start, self.tokens, self.dialect
            )
        from openaccess.parse.html import outline_html

        return outline_html(self.body, self.body_start, dialect=self.dialect)

    def id_outline(self) -> Document:
        """What the page's ids are made from (headings, explicit ids, footnotes): its
        outline when the page is parsed already, else read for the ids alone (a fraction
        of a parse, see :func:`~openaccess.parse.markdown.outline_ids`) and not kept."""
        if "document" in self.__dict__:
            return self.document
        if self.kind == "markdown":
            from openaccess.parse.markdown import outline_ids

            return outline_ids(self.text, self.lines, self.body_start, self.dialect)
        from openaccess.parse.html import outline_html

        return outline_html(self.body, self.body_start)

    @property
    def parsed(self) -> bool:
        """Whether the body's parse is held (see :meth:`forget_parse`)."""
        return "_markdown" in self.__dict__ or "document" in self.__dict__

    def derived(self, kind: type[Derived], make: Callable[[Page], Derived]) -> Derived:
        """The page's one ``kind`` object, made by ``make`` on first use: what several
        rules read is computed once per page, keyed by its type rather than a string."""
        found = self._derived.get(kind)
        if found is None:
            found = self._derived[kind] = make(self)
        return found

    def forget_parse(self) -> None:
        """Free the tokens, outline and what was derived from them (rebuilt if asked for
        again), so a long run never holds every page's parse."""
        self._derived.clear()
        for parsed in ("_markdown", "document"):
            self.__dict__.pop(parsed, None)

    # -- front matter accessors ------------------------------------------------------
    @property
    def title(self) -> str | None:
        return self._shown_text("title")

    @property
    def description(self) -> str | None:
        return self._shown_text("description")

    def _shown_text(self, key: str) -> str | None:
        """A front matter value as the page shows it: ``title: 2024-01-01`` is text to the
        writer (and the schema), and ``title: 404`` shows its digits, as generators do."""
        value = self.meta.get(key)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        return value.strip() if isinstance(value, str) and value.strip() else None

    @property
    def language(self) -> str | None:
        """Front matter ``lang``, else ``language`` (both spellings are common)."""
        return self.language_key and self.meta[self.language_key].strip()

    @property
    def language_key(self) -> str | None:
        """The front matter key that gives the page's language, if any."""
        for key in ("lang", "language"):
            value = self.meta.get(key)
            if isinstance(value, str) and value.strip():
                return key
        return None

    @cached_property
    def content_hash(self) -> str:
        return text_hash(self.text)


class FixedTexts:
    """The pages of a page's fixed texts (:meth:`Page.again`), keeping the last one read:
    the reading guard and the re-check after it ask for the same text, which is then
    parsed once for both."""

    def __init__(self, page: Page) -> None:
        self._page = page
        self._last = (page.text, page)  # the text as found is the page itself

    def __call__(self, text: str) -> Page:
        if self._last[0] != text:
            self._last = (text, self._page.again(text))
        return self._last[1]
