"""A page's ids read without parsing the rest of it (``Page.id_outline``: links into a
page need its ids, not its prose) are exactly the ids of its full parse: the same
headings, explicit ids and footnotes, on every Markdown page the repository and the
shared corpus hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from openaccess.page import Page
from openaccess.source import SourceError, read_source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _markdown_files(*folders: Path) -> list[Path]:
    return sorted(
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix.lower() in (".md", ".markdown") and path.is_file()
    )


def _differences(paths: list[Path], dialect: str) -> list[str]:
    wrong = []
    for path in paths:
        try:
            decoded = read_source(path, 10_000_000)
        except SourceError:
            continue
        full = Page.from_decoded(path, decoded, dialect=dialect)
        lean = Page.from_decoded(path, decoded, dialect=dialect).id_outline()
        parsed = full.document
        for part in ("headings", "anchors", "footnotes"):
            if getattr(parsed, part) != getattr(lean, part):
                wrong.append(f"{path}: {part} ({dialect})")
    return wrong


@pytest.mark.parametrize("dialect", ["commonmark", "mkdocs"])
def test_ids_of_every_repository_page_match_the_full_parse(dialect):
    paths = _markdown_files(ROOT / "tests", ROOT / "pages", ROOT / "docs")
    assert len(paths) > 200
    assert _differences(paths, dialect) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_ids_of_every_corpus_page_match_the_full_parse():
    paths = _markdown_files(CORPUS)
    assert len(paths) > 1000
    assert _differences(paths, "commonmark") == []


def test_id_outline_of_a_parsed_page_is_its_outline():
    page = Page.from_text(Path("a.md"), "# Title\n\nText with [a link](b.md).\n")
    assert page.id_outline() is not page.document  # read on its own: nothing kept
    assert page.id_outline() is page.document  # parsed already: the outline itself


def test_id_outline_reads_ids_written_inside_paragraphs():
    text = (
        '# Title {#top}\n\nA paragraph with <a name="old"></a> an old anchor,\n'
        "*emphasis*{: #marked } and a footnote.[^1]\n\n[^1]: The note.\n"
    )
    lean = Page.from_text(Path("a.md"), text).id_outline()
    assert {anchor.id for anchor in lean.anchors} == {"top", "old", "marked"}
    assert [note.label for note in lean.footnotes] == ["1"]


@pytest.mark.parametrize(
    "text",
    [
        "*x*&#123;: #entity }\n",  # a brace written as a character reference
        '## Title <a id="html-in-heading"></a>\n',
        '- item <a id="in-list"></a>\n  - nested `code`{: #code-id }\n',
        '> quoted <b id="quote">bold</b>\n',
        'Setext <em id="setext">heading</em>\n===\n',
        '<div id="block">\n\n*md* inside\n\n</div>\n',
        "Para\n{: #below }\n\n## H\n{: #ial }\n",
        "Text[^a] and[^b].\n\n[^b]: B.\n[^a]: A.\n",
    ],
)
def test_id_outline_matches_the_full_parse_on_every_kind_of_id(text):
    full = Page.from_text(Path("a.md"), text).document
    lean = Page.from_text(Path("a.md"), text).id_outline()
    assert (lean.headings, lean.anchors, lean.footnotes) == (
        full.headings,
        full.anchors,
        full.footnotes,
    )
    assert full.anchors or full.footnotes or full.headings
