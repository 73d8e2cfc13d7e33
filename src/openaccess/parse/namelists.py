"""Runs of names in a sentence: "thanks to Ana Lima, Ben Ott, Cai, ... and Dee Roy".

A release post thanks its contributors in one "sentence" of a hundred names. Readers
scan such a run as a list, not as words of a sentence, so the prose rules do not count it
(a paragraph of 267 words that is 250 names is no wall of text). A run is at least
``MIN_NAMES`` comma-separated names in a row; a name is one to four words, each
capitalised, a handle (``@parkr``, ``user42``) or a particle (``van``, ``de``), perhaps
with a count after it (``Ann Lee (5)``, Mattermost's credits).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from openaccess.parse.templates import blank_outside_code

MIN_NAMES = 6
_MAX_NAME_WORDS = 4
_MAX_NAME_LENGTH = 40
_PARTICLES = frozenset({
    "al", "bin", "da", "de", "del", "der", "di", "dos", "du", "la", "le", "van", "von", "y",
})  # fmt: skip
_ITEM = re.compile(r"[^,]+")
# A count after a name, as a credits list gives each person's ("Ann Lee (5)").
_COUNT = re.compile(r"\(\d{1,5}\)")
_TRAILING_COUNT = re.compile(r"\s*\(\d{1,5}\)\s*$")
_CONJUNCTION = re.compile(r"(?:and|&)\s+")
_SENTENCE_END = re.compile(r"[.!?;]\s")  # the last name ends its sentence: "Dee Roy. Next"


def without_name_lists(text: str, code: Sequence[tuple[int, int]]) -> str:
    """``text`` with each run of names outside code spans turned to spaces (offsets
    stay put)."""
    spans = name_list_spans(text)
    return blank_outside_code(text, spans, code) if spans else text


def name_list_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of names in ``text``, in order. Linear in ``text``."""
    if text.count(",") < MIN_NAMES - 1:
        return []
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # the names of the current run
    for item in _ITEM.finditer(text):
        whole = _whole_name(text, item.start(), item.end())
        if whole is not None and run:
            run.append(whole[:2])
            if whole[2]:  # "and Dee Roy. Next ...": the run ends with its sentence
                run = _close(run, spans)
            continue
        run = _close(run, spans)
        # The item may end a sentence's text and start the run ("order): Ana Lima").
        tail = _name_at_end(text, item.start(), item.end())
        if tail is not None and not tail[2]:
            run = [tail[:2]]
    _close(run, spans)
    return spans


def _close(run: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep ``run`` when it is long enough; a new, empty run."""
    if len(run) >= MIN_NAMES:
        spans.append((run[0][0], run[-1][1]))
    return []


def _whole_name(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """The item ``text[start:end]`` as one name, "and" before it allowed, and whether
    its sentence ends after it ("Dee Roy. Next"); None when it is not a name."""
    item = text[start:end]
    stripped = item.strip()
    lead = start + len(item) - len(item.lstrip())
    conjunction = _CONJUNCTION.match(stripped)
    if conjunction:
        lead += conjunction.end()
        stripped = stripped[conjunction.end() :]
    first = _SENTENCE_END.split(stripped, maxsplit=1)
    name = first[0].rstrip(".!?;")
    if name and _is_name(name.split()):
        return lead, lead + len(name), len(first) > 1
    return None


def _name_at_end(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """The name that ends ``text[start:end]`` after a colon or bracket ("order): Ana
    Lima"), or the whole item when it is a name; None otherwise."""
    item = text[start:end]
    counted = _TRAILING_COUNT.search(item)  # "to: Ana Lima (5)": the count is the name's
    head = item[: counted.start()] if counted else item
    cut = max(head.rfind(":"), head.rfind("("), head.rfind(")"))
    return _whole_name(text, start + cut + 1, end)


def _is_name(words: list[str]) -> bool:
    if not words or len(words) > _MAX_NAME_WORDS or len(" ".join(words)) > _MAX_NAME_LENGTH:
        return False
    if words[0] in _PARTICLES:
        return False
    return all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    if word in _PARTICLES or _COUNT.fullmatch(word):
        return True
    if word[0] == "@" or word[0].isupper():
        return True
    return any(character.isdigit() or character == "_" for character in word)
