"""Runs of names ("thanks to Ana Lima, Ben Ott, ... and Dee Roy") are no words of prose:
a release post's list of contributors is no long sentence, paragraph or page."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from openaccess.page import Page
from openaccess.parse.namelists import name_list_spans
from openaccess.ruledata import RuleData
from openaccess.text import measure

THANKS = (
    "Many thanks to the 12 contributors who made this release possible (in alphabetical"
    " order): AJ Acevedo, Adam Richeimer, Anton, BRAVO, Cai⚡️, kenman345, @parkr, Dimitri"
    " König, and Dominik van der Berg. Next release soon."
)


def runs(text: str) -> list[str]:
    return [text[start:end] for start, end in name_list_spans(text)]


def test_a_run_of_names_is_found_from_its_first_to_its_last_name():
    assert runs(THANKS) == [
        "AJ Acevedo, Adam Richeimer, Anton, BRAVO, Cai⚡️, kenman345, @parkr, Dimitri König,"
        " and Dominik van der Berg"
    ]
    assert runs("contributors: Ana Lima, Ben Ott,\nCai, Dee Roy, Eve, Fay Li, & Gus") == [
        "Ana Lima, Ben Ott,\nCai, Dee Roy, Eve, Fay Li, & Gus"
    ]
    # Mattermost's credits give each person's count of pull requests.
    names = "Ana Lima (5), Ben Ott (6), Cai (1), Dee Roy (12), Eve (3), Fay Li (2)"
    assert runs(f"Thanks to: {names}.") == [names]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to Ana Lima, Ben Ott, Cai, Dee Roy and Eve.",  # five names: a sentence
        "We read it, we wrote it, we ran it, we broke it, we fixed it, and we shipped it.",
        "Ana Lima, Ben Ott, Cai. Dee Roy, Eve, Fay Li.",  # a sentence ends the run
        "Use Ana Lima, the big red fox, Ben Ott, Cai, Dee Roy, Eve, then stop.",
    ],
)
def test_fewer_than_six_names_in_a_row_are_words_of_the_sentence(text):
    assert runs(text) == []


def test_a_list_of_names_counts_in_no_sentence_paragraph_or_page():
    body = f"# Jekyll 3.0\n\n{THANKS}\n"
    page = Page.from_text(Path("x.md"), f"---\ntitle: T\n---\n{body}")
    sentences = [s.text for s in measure(page, "en", RuleData().languages)[2].sentences]
    assert sentences == [
        "Many thanks to the 12 contributors who made this release possible (in"
        " alphabetical order): .",
        "Next release soon.",
    ]
    assert page.document.prose_word_count() == 18  # the full stop after the run is one
    code = Page.from_text(Path("y.md"), "---\ntitle: T\n---\n`" + THANKS.replace(".", "") + "`\n")
    assert code.document.prose_word_count() == len(THANKS.split())


def test_finding_runs_takes_linear_time():
    text = "Ana Lima, " * 40_000 + "x, " * 40_000
    start = time.process_time()
    name_list_spans(text)
    small = time.process_time() - start
    start = time.process_time()
    name_list_spans(text * 4)
    assert time.process_time() - start < small * 12
