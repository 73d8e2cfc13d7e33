"""English style checks on measured sentences: passive voice and plain-word swaps.

Both are deliberately simple and explainable, like the GOV.UK and plainlanguage.gov
guidance they come from: a passive is a form of "be", up to two adverbs, then a
past participle; a plain word is a phrase from ``rules/plain-words.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_BE = r"(?:am|is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't)"
_ADVERB = r"(?:\w+ly|not|also|then|often|still|now|never|always|usually)"
# Regular participles (-ed) and the common irregular ones.
_IRREGULAR = (
    "awoken beaten become begun bent bound bitten blown broken brought built burnt bought "
    "caught chosen come cut dealt done drawn dreamt driven drunk eaten fallen fed felt fought "
    "found flown forbidden forgotten forgiven frozen given gone grown hung had heard hidden hit "
    "held hurt kept known laid led left lent let lit lost made meant met paid put quit read "
    "ridden rung risen run said seen sought sold sent set shaken shown shut sung sunk sat slept "
    "slid spoken spent spun spread stood stolen stuck stung struck sworn swept swum taken "
    "taught torn told thought thrown understood woken worn won withdrawn written"
)
# Words ending in -ed that are not participles, or read as adjectives after "be" ("I am
# interested", "it is based on").
_NOT_PARTICIPLES = frozenset({
    "red", "bed", "shed", "feed", "seed", "speed", "indeed", "tired", "interested", "excited",
    "based",
})  # fmt: skip
_PASSIVE = re.compile(
    rf"\b{_BE}\s+(?:{_ADVERB}\s+){{0,2}}(?P<participle>\w+ed|{'|'.join(_IRREGULAR.split())})\b",
    re.IGNORECASE,
)


def passive_phrase(sentence: str) -> str | None:
    """The first passive construction in an English sentence ("is expected"), if any."""
    for match in _PASSIVE.finditer(sentence):
        if match.group("participle").lower() not in _NOT_PARTICIPLES:
            return " ".join(match.group(0).split())
    return None


_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PlainWord:
    start: int  # indices into the searched text
    end: int
    found: str
    suggestion: str


class PlainWords:
    """A phrase -> plainer alternative list, matched case-insensitively on word boundaries."""

    def __init__(self, swaps: dict[str, str]) -> None:
        self.swaps = {" ".join(k.lower().split()): v for k, v in swaps.items() if k.strip()}
        phrases = sorted(self.swaps, key=len, reverse=True)
        alternation = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        self.pattern = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE) if phrases else None
        # Cheap pre-filter: most blocks contain none of the phrases' first words.
        self.first_words = frozenset(p.split()[0] for p in phrases)

    def find(self, text: str) -> list[PlainWord]:
        if self.pattern is None:
            return []
        found: list[PlainWord] = []
        if self.first_words.isdisjoint(_WORD.findall(text.lower())):
            return found
        position = 0
        for word in _WORD.finditer(text):
            if word.start() < position or word.group().lower() not in self.first_words:
                continue
            match = self.pattern.match(text, word.start())
            if match is None:
                continue
            words = match.group(0)
            suggestion = self.swaps[" ".join(words.lower().split())]
            found.append(
                PlainWord(match.start(), match.end(), words, match_case(words, suggestion))
            )
            position = match.end()
        return found


def match_case(original: str, replacement: str) -> str:
    """Keep a capital first letter ("Utilize" -> "Use")."""
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


@cache
def _compiled(items: tuple[tuple[str, str], ...]) -> PlainWords:
    return PlainWords(dict(items))


def plain_words(swaps: dict[str, str]) -> PlainWords:
    """A compiled list, shared between pages and rules."""
    return _compiled(tuple(sorted(swaps.items())))
