"""The page model reports true positions in the original file, whatever its shape."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from openaccess.page import Page
from openaccess.source import LineIndex, SourceError, decode

JEWELER = Path(__file__).resolve().parents[1] / "pages" / "jeweler.md"


def page(text: str, name: str = "page.md") -> Page:
    return Page.from_text(Path(name), text)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_index_counts_every_line_ending(newline):
    text = newline.join(["one", "two", "three"])
    index = LineIndex(text)
    assert index.line_count == 3
    assert index.position(text.index("three")) == (3, 1)
    assert index.position(text.index("wo")) == (2, 2)
    assert index.offset(3, 1) == text.index("three")
    assert index.offset(99) == len(text)


@pytest.mark.parametrize(
    "text", ["", "a", "a\n", "\n\n", "one\ntwo", "x\r\ny\rz\n", "é\n\u2028\n", "\r", "a\n\r\n"]
)
def test_line_index_finds_each_line_start_whatever_the_line_endings(text):
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    index = LineIndex(text)
    assert index.line_count == len(starts)
    lines = range(1, len(starts) + 1)
    assert [index.offset(line) for line in lines] == starts
    assert [index.position(offset) for offset in starts] == [(line, 1) for line in lines]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_heading_positions_count_front_matter_lines(newline):
    text = newline.join(["---", "title: T", "description: D", "---", "", "## Costs", ""])
    result = page(text)
    heading = result.document.headings[0]
    assert (heading.level, heading.text) == (2, "Costs")
    assert result.position(heading.start) == (6, 1)


def test_bom_is_not_a_column():
    decoded = decode(codecs.BOM_UTF8 + b"---\ntitle: T\n---\n\n## Costs\n")
    assert decoded.bom and not decoded.text.startswith("\ufeff")
    result = Page.from_decoded(Path("p.md"), decoded)
    assert result.meta == {"title": "T"}
    assert result.position(result.document.headings[0].start) == (5, 1)


def test_utf16_with_bom_is_read():
    decoded = decode("---\ntitle: Café\n---\n".encode("utf-16"))
    assert decoded.text.startswith("---")
    assert Page.from_decoded(Path("p.md"), decoded).meta == {"title": "Café"}


def test_invalid_utf8_names_byte_offset_and_line():
    with pytest.raises(SourceError) as caught:
        decode(b"---\ntitle: T\n---\nab\xff\n")
    assert caught.value.line == 4 and caught.value.column == 3
    assert "byte 19 (0xff)" in caught.value.message  # 0-based, as Python and iconv count


def test_binary_file_is_skipped():
    with pytest.raises(SourceError) as caught:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert caught.value.skipped


def test_inline_link_and_image_columns():
    text = "---\ntitle: T\n---\nSee [the guide](guide.md#costs) and ![a ring](ring.png).\n"
    links = page(text).document.links
    result = page(text)
    found = {(link.href, result.position(link.start)) for link in links}
    assert ("guide.md#costs", (4, 5)) in found
    assert ("ring.png", (4, 37)) in found


def test_raw_html_inside_markdown_keeps_lines():
    text = 'Intro.\n\n<div>\n<p>Text</p>\n<img src="x.png">\n</div>\n'
    result = page(text)
    image = result.document.images[0]
    assert result.position(image.start) == (5, 1)


def test_jeweler_wall_and_spacing_break_are_found_at_their_lines():
    result = Page.load(JEWELER, "pages/jeweler.md", 10**7)
    document = result.document
    assert [result.position(w.start) for w in document.walls] == [(10, 1)]
    assert len(document.walls[0].gaps) == 5
    spacing = [result.position(b.start) for b in document.breaks if b.spacing]
    assert spacing == [(21, 1)]
    assert [link.href for link in document.links] == ["https://workdojos.com/jeweler/start"]


def test_prose_blocks_map_text_back_to_lines():
    text = "---\ntitle: T\n---\n\nFirst line of a paragraph\nsecond line here.\n\n- item one\n"
    result = page(text)
    block = result.document.blocks[0]
    index = block.text.index("second")
    assert result.position(block.offset_at(index)) == (6, 1)
    assert result.document.blocks[1].kind == "list_item"


def test_code_is_not_prose():
    text = "Text.\n\n```\ncode block here\n```\n\n<pre>raw code</pre>\n"
    prose = " ".join(block.text for block in page(text).document.blocks)
    assert "code block" not in prose and "raw code" not in prose


def emphasised(document) -> list[list[str]]:
    return [[block.text[a:b] for a, b in block.emphasis] for block in document.blocks]


def test_bold_and_italic_runs_are_kept_for_each_block():
    text = "The **session configuration** is _one_ <dfn>term</dfn> and `code`.\n\n- A ***b***\n"
    assert emphasised(page(text).document) == [["session configuration", "one", "term"], ["b"] * 2]
    html = "<p>An <em>html term</em>, <b>bold</b> and <i>tilted</i></p><p>none</p>"
    assert emphasised(page(html, "p.html").document) == [["html term", "bold", "tilted"], []]
    # A run left open at a block's end goes on in the next block, from its start.
    across = "<p>a <strong>b</p><p>c</strong> d</p>"
    assert emphasised(page(across, "p.html").document) == [[], ["c"]]


def test_explicit_heading_ids_are_collected():
    text = '## Costs {#money}\n\n<h2 id="tools">Tools</h2>\n'
    document = page(text).document
    assert document.headings[0].text == "Costs"
    assert document.headings[0].explicit_id == "money"
    assert {"money", "tools"} <= set(document.ids)


def test_html_page_outline():
    text = '<!doctype html><html lang="en"><body><h2 id="a">A</h2><p>Hi <a href="#a">there</a></p>'
    document = page(text, "p.html").document
    assert [(h.level, h.text) for h in document.headings] == [(2, "A")]
    assert [(link.href, link.text) for link in document.links] == [("#a", "there")]
