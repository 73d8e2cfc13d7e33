"""MkDocs' MultiMarkdown meta-data (``key: value`` lines with no ``---``) read exactly as
MkDocs 1.6 reads them: the same values, and the page's body starts where MkDocs' does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from openaccess import frontmatter

_LINES = st.sampled_from([
    "title: Change Log", "Title:  Two  spaces ", "summary: one", "   key-2_x: v", "    more",
    "\tmore too", "", "   ", "# Heading", "Note: text", "http://example.org/", "key : no",
    "+++", "{", "text", "    ", "a:", "x:y:z",
])  # fmt: skip


def _without_blank_lines_first(body: str) -> str:
    """Markdown ignores blank lines before a page's first block (MkDocs drops one that
    holds only spaces, openaccess keeps it)."""
    return re.sub(r"\A(?:[ \t]*\n)+", "", body)


def openaccess_reading(text: str) -> tuple[str, dict]:
    block = frontmatter.locate(text, mkdocs=True)
    values = frontmatter.parse(text, block) if block is not None else {}
    return _without_blank_lines_first(text[block.end if block else 0 :]), values


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=8))
def test_meta_data_reads_as_mkdocs_reads_it(lines):
    text = "\n".join(lines) + "\nBody.\n"
    body, values = get_data(text)
    assert openaccess_reading(text) == (_without_blank_lines_first(body), values)


@pytest.mark.parametrize(
    ("text", "values", "body"),
    [
        (
            "title: A\nsummary: one\n    two\n\nBody\n",
            {"title": "A", "summary": "one two"},
            "Body\n",
        ),
        ("Title: A\ntitle: B\n# Head\n", {"title": "A B"}, "# Head\n"),
        ("# Head\ntitle: A\n", None, "# Head\ntitle: A\n"),
        ("+++\ntitle = 'A'\n+++\n", None, "+++\ntitle = 'A'\n+++\n"),
    ],
)
def test_meta_data_examples(text, values, body):
    """Keys in lower case, a value's lines joined; a heading ends the meta-data; a page
    that opens otherwise has none (MkDocs reads no TOML front matter either)."""
    block = frontmatter.locate(text, mkdocs=True)
    assert (frontmatter.parse(text, block) if block else None) == values
    assert text[block.end if block else 0 :] == body
    assert get_data(text) == (body, values or {})
