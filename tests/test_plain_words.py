"""OA506 swaps that fit the grammar: a table of real sentences from ../shared/corpus.

``tests/data/plain-words-cases.jsonl`` holds, for each case, a short window of a real
sentence (as openaccess reads it: markup removed), where it is (path relative to the
corpus, line), and the rewrite a careful editor accepts, or null with why no swap fits.
Each window was judged by reading the sentence in its page. ``"listed": false`` marks a
phrase left off the default list (blind readers judged most of its swaps not worth
making): the default list suggests nothing there, and the rewrite is what the entry that
``rules/plain-words.toml`` shows in a comment gives a project that adds it back.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from openaccess.page import Page
from openaccess.ruledata import RuleData
from openaccess.text import body_blocks
from openaccess.text.style import plain_words

CASES_FILE = Path(__file__).parent / "data" / "plain-words-cases.jsonl"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines()]
WORD_LIST = Path(__file__).resolve().parents[1] / "rules" / "plain-words.toml"


def commented_entries() -> dict[str, object]:
    """The entries the word list shows in comments, for a project to add back."""
    lines = re.findall(r'^# ("[^"\n]+" = .+)$', WORD_LIST.read_text(encoding="utf-8"), re.M)
    return tomllib.loads("\n".join(lines))


def rewrite(text: str, added: dict[str, object] | None = None) -> str:
    finder = plain_words({**RuleData().plain_words["en"], **(added or {})})
    parts, position = [], 0
    for found in finder.find(text):
        parts += [text[position : found.start], found.suggestion]
        position = found.end
    return "".join([*parts, text[position:]])


def test_the_table_has_over_100_real_sentences_of_both_kinds():
    assert len(CASES) >= 100
    assert len({case["phrase"] for case in CASES}) >= 25
    blocked = [case for case in CASES if case["expect"] is None]
    assert 10 <= len(blocked) < len(CASES) and all(case["why"] for case in blocked)


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['phrase']}:{case['line']}")
def test_swap_or_no_suggestion(case):
    expected = case["expect"] or case["text"]
    if case.get("listed", True):
        assert rewrite(case["text"]) == expected
    else:
        assert rewrite(case["text"]) == case["text"]
        assert rewrite(case["text"], commented_entries()) == expected


def test_phrases_off_the_default_list_are_shown_in_a_comment_and_judged_here():
    added = commented_entries()
    assert sorted(added) == ["additional", "as well as", "require", "requires", "terminate"]
    assert not set(added) & set(RuleData().plain_words["en"])
    unlisted = {case["phrase"] for case in CASES if not case.get("listed", True)}
    assert unlisted == set(added)


@cache
def _prose(path: str) -> str:
    page = Page.load(CORPUS / path, path, 10**7)
    return " ".join(" ".join(block.text.split()) for block in body_blocks(page))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['phrase']}:{case['line']}")
def test_each_window_is_real_text_of_its_page(case):
    assert case["text"] in _prose(case["path"])


def test_a_letter_that_matches_only_without_case_is_not_the_phrase():
    """A long s ("aſ") matches "as" in a case-insensitive search, but it is not the
    phrase on the list: no swap, and no crash (the lookup of its swap used to fail)."""
    text = "We add as well as remove. We add as well aſ remove."
    assert rewrite(text, commented_entries()) == "We add and remove. We add as well aſ remove."


def test_no_swap_that_is_no_plainer():
    """ "as a means of" -> "as a way of" is just as wordy (judged so blind on Jekyll's site)."""
    text = "Jekyll uses front matter as a means of setting variables."
    assert rewrite(text) == text


# Sentences of other sites, where a blind reader found the swap broke the sentence or
# changed its meaning (27th session: the engineering playbook, Flux's and Kubernetes'
# contributor sites, the Rust embedded book, inclusivenaming.org, 18F's UX guide).
OTHER_SITES = [
    ("we also managed to put together quite a number of talks", None),
    ("It is not supposed to inform about the data flow", None),
    ("it is essential to highlight that nothing gets logged on Jaeger", None),
    ("a subproject for collecting high-fidelity, scalable utilization metrics", None),
    ("It is essential to restart the agent after each change", "you must restart"),
    ("Please inform the team before you merge", "tell the team"),
    # "provided" as a passive: "methods should be provided that reconfigure a pin" (the
    # Rust embedded book)
    ("methods should be provided that temporarily reconfigure a pin", None),
    ("A template is provided that you can copy.", None),
    ("You may copy it, provided that you keep the notice.", "if you keep"),
    # inclusivenaming.org and 18F's UX guide
    ("tasks they think would be beneficial to the initiative", None),
    ("Each sponsor can appoint a number of representatives, depending on the level", None),
    ("To facilitate this session, bring the team together", None),
    ("It would be beneficial.", "would help"),
    # OpenSearch's docs, the Node.js blog, 18F's handbook (28th session)
    ("higher precision gives smaller, more numerous buckets", None),
    ("numerous computers connect to one computer", "many computers"),
    ("Node.js is a collaborative endeavor of many people", None),
    ("We endeavor to answer within a day", "we try to"),
    ("Supervisors' utilization expectations are based on the billable hours", None),
    ("We don't have the ability to do so.", None),  # Rust's RFCs: "We don't can do so."
    ("They do not yet have the ability to do so.", None),
    ("Admins have the ability to ban users.", "admins can ban"),
    ("A reviewer helps inform approvers by applying a label.", None),  # Kubernetes
    # Fluent Bit, IPFS, W3C's WAI and the Carpentries (30th session)
    ("It can inspect the status of traces to inform the decision.", None),
    ("Subscribe to the ones that interest and inform you.", None),
    ("Fix the pages critical to complete processes, such as purchase forms.", None),
    ("An expert's model holds more detailed and numerous relationships.", None),
    ("We found many bugs and numerous flaws.", "and many flaws"),
    ("You'll learn how to facilitate the learning and logistics at your event.", None),
    # CivicActions' guidebook and the CNCF's TOC (30th session)
    ("Your manager will discuss your hours and utilization over the past year.", None),
    ("A number of active maintainers which is appropriate to the size of the project.", None),
    ("In conclusion, these practices keep a project healthy.", "to sum up, these"),
    # The Rustonomicon: "so" fits only where "consequently" opens its clause.
    ("Rust will consequently insert padding.", None),
    ("Consequently, Rust inserts padding.", "so, rust"),
    ("It is aligned, and consequently Rust inserts padding.", "and so rust"),
]


@pytest.mark.parametrize(("text", "swapped"), OTHER_SITES)
def test_swaps_that_broke_sentences_on_other_sites(text, swapped):
    rewritten = rewrite(text)
    if swapped is None:
        assert rewritten == text
    else:
        assert swapped in rewritten.lower()
