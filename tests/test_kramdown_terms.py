"""Ids of definition list terms, as kramdown gives them (``{:auto_ids}``).

Carpentries lessons write their glossaries as kramdown definition lists with
``{:auto_ids}``, and link to the terms: on swcarpentry's shell lesson, 40 such links were
false errors. Each case's ids were recorded from kramdown 2.4.0 (Debian's, as Jekyll 4.3
uses it); where Ruby and kramdown are installed, the test asks kramdown itself again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from openaccess.page import Page
from openaccess.routing.ids import get_algorithm, kramdown_term_id

# name -> (source, ids of <dt> with kramdown-parser-gfm, with kramdown's own input)
CASES = {
    "the IAL above the first term": (
        "{:auto_ids}\nabsolute path\n:   A path.\n\nThe `read` loop!\n:   A REPL.\n",
        ["absolute-path", "the-read-loop"],
        ["absolute-path", "the--loop"],
    ),
    "a blank line after the IAL": ("{:auto_ids}\n\nabsolute path\n:   A path.\n", [], []),
    "blank lines around the IAL: it waits for the list": (
        "## Glosario\n\n{: auto_ids}\n\n\nargumento\n: A value.\n",
        ["argumento"],
        ["argumento"],
    ),
    "the IAL after the list, with a prefix": (
        "absolute path\n:   A path.\n{:auto_ids-g-}\n\nPara\n",
        ["g-absolute-path"],
        ["g-absolute-path"],
    ),
    "terms joined across blank lines": (
        "a term\nb term\n:   A path.\n\nc term\n: x\n\nd term\n\n: y\n{: .x auto_ids}\n",
        ["a-term", "b-term", "c-term", "d-term"],
        ["a-term", "b-term", "c-term", "d-term"],
    ),
    "markup and symbols in a term": (
        "{:auto_ids}\n1 term *x* [l](http://a.b) & co -- x\n: y\n",
        ["term-x-l--co--x"],
        ["term-x-l--co--x"],
    ),
    "a paragraph ends the list": (
        "{:auto_ids}\nfirst\n: one\n\nA paragraph.\n\nsecond\n: two\n",
        ["first"],
        ["first"],
    ),
    "a heading, a blank line, the IAL": (
        "## Glossary\n\n{:auto_ids}\nterm\n: one\n",
        ["term"],
        ["term"],
    ),
    "the IAL right after a heading is the heading's": (
        "## Glossary\n{:auto_ids}\nterm\n: one\n",
        [],
        [],
    ),
    "the IAL right after a paragraph is the paragraph's": (
        "Para\n{:auto_ids}\nterm\n: one\n",
        [],
        [],
    ),
    "a list without auto_ids": ("{: .glossary}\nterm\n: one\n", [], []),
    "a definition in a code fence": ("{:auto_ids}\n~~~\nterm\n: one\n~~~\n", [], []),
}


def openaccess_ids(text: str, algorithm: str) -> list[str]:
    page = Page.from_text(Path("reference.md"), text)
    page.dialect = "kramdown"
    chosen = get_algorithm(algorithm)
    return [kramdown_term_id(term, chosen) for term in page.document.terms]


@pytest.mark.parametrize("case", sorted(CASES))
def test_term_ids_are_kramdowns(case):
    text, gfm, kramdown = CASES[case]
    assert openaccess_ids(text, "kramdown-gfm") == gfm
    assert openaccess_ids(text, "kramdown") == kramdown


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("parser", ["GFM", "kramdown"])
def test_the_recorded_ids_are_what_kramdown_gives_now(case, parser):
    """The recorded ids, asked of kramdown itself (with Jekyll, CI installs it)."""
    text, gfm, kramdown = CASES[case]
    script = (
        "require 'kramdown'; require 'kramdown-parser-gfm';"
        " print Kramdown::Document.new(STDIN.read, input: ARGV[0]).to_html"
    )
    ruby = shutil.which("ruby")
    found = None
    if ruby:
        run = subprocess.run(
            [ruby, "-e", script, parser], input=text, capture_output=True, text=True, check=False
        )
        found = run.stdout if run.returncode == 0 else None
    if found is None:
        reason = "Ruby with kramdown and kramdown-parser-gfm is not installed (Jekyll brings them)"
        if os.environ.get("OPENACCESS_REQUIRE_GENERATORS") == "1":
            pytest.fail(f"{reason}; OPENACCESS_REQUIRE_GENERATORS=1 makes this a failure")
        pytest.skip(reason)
    expected = gfm if parser == "GFM" else kramdown
    assert re.findall(r'<dt id="([^"]*)"', found) == expected
