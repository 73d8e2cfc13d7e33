"""The language of a page that declares none, when its words plainly are not the site's.

A site's ``language`` setting covers its pages, but a page in another language often
says nothing (18F's UX guide keeps a Spanish participant agreement beside its English
pages). An English grade of Spanish words means nothing. So a page with no language of
its own is read for the small words every sentence has: ``el``, ``que``, ``para`` are
Spanish; ``der``, ``und``, ``nicht`` German. Only a clear lead counts. A page written in
another script (Chinese, Cyrillic, Devanagari...) is that script's language.

Only the first :data:`SAMPLE` characters are read: enough words for a clear count, and a
bounded cost on a page of any size. The lists and thresholds are deliberately strict: a
page the test is unsure of keeps the site's language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SAMPLE = 6000


def _words(written: str) -> frozenset[str]:
    return frozenset(written.split())


# Function words, each frequent in its language and rare in the others' running text.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to is in that for you with this are be it on not as can your or"),
    "es": _words("el los las del que por para con una es se su y como más pero sus al le"),
    "fr": _words("le les des est et une pour dans qui sur pas du au avec ce vous nous sont aux"),
    "de": _words(
        "der die das und ist nicht mit ein eine zu den von sie auf für dem sich auch wird"
    ),
    "it": _words("il gli della che per sono del di non è si alla anche come delle nel"),
    "pt": _words("os da do das dos que para com uma não em é por mais ao pelo são"),
    "nl": _words("het een van dat niet op voor met zijn ook als aan er maar wordt"),
    # Languages with no validated formula: told apart so that they get no English grade.
    # No word another language's running text has often: not "la" (Spanish, French),
    # "nie" (German), "je" (French), "her" (English).
    "pl": _words("się jest że jak przez dla oraz lub są być który która które może"),
    "id": _words("yang ini itu dengan untuk dari dalam tidak akan pada juga atau adalah"),
    "ro": _words("și în cu că pentru sunt sau mai din care această acest fost poate"),
    "tr": _words("ve bir bu için ile olarak çok daha gibi olan değil veya ama şey kadar"),
    "cs": _words("že pro jako jsou nebo ale také které který být jsme jsem může"),
}
# Each language's words that no other list has: "que" tells Spanish from nothing.
_DISTINCT = {
    language: words.difference(*(w for other, w in _FUNCTION_WORDS.items() if other != language))
    for language, words in _FUNCTION_WORDS.items()
}
MIN_HITS = 12  # distinct function words of the leading language, at least
LEAD = 2.5  # how many times the next language's count the leading one needs
# Scripts by the first word of a letter's Unicode name, and the language they stand for
# when a page is written in them.
_SCRIPTS = {
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "CYRILLIC": "ru",
    "DEVANAGARI": "hi",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "THAI": "th",
    "BENGALI": "bn",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "ETHIOPIC": "am",
    "KHMER": "km",
    "MYANMAR": "my",
}
# Letters that tell a language apart from the one its script stands for: Ukrainian and
# Belarusian, Serbian, Bulgarian's many hard signs; Persian's letters beside Arabic's.
_SCRIPT_VARIANTS = {
    "ru": (("uk", "іїєґ"), ("be", "ў"), ("sr", "ђћџљњ"), ("bg", "ъ")),
    "ar": (("fa", "پچژگ"),),
}
VARIANT_SHARE = 0.005  # a variant's letters among the script's, at least
# A word, not a part of an address or a path: "github.com/nodejs/node" holds no word of
# the page's language (no Portuguese "com").
_WORD = re.compile(r"(?<![./@\w])[^\W\d_]++(?![./@]\w)")
_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


@lru_cache(maxsize=256)  # asked by the measurement and by OA508 for each page
def detected_language(opening: str) -> str | None:
    """The language code ("es", "zh") the opening of a page's body (its first
    :data:`SAMPLE` characters) is plainly in, or None when unsure: too few words, no
    clear lead, or English."""
    sample = _FENCE.sub(" ", opening[:SAMPLE])
    script = _script_language(sample)
    if script is not None:
        return script
    counts = dict.fromkeys(_DISTINCT, 0)
    for word in _WORD.findall(sample.lower()):
        for language, words in _DISTINCT.items():
            if word in words:
                counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if best == "en" or hits < MIN_HITS or hits < LEAD * runner_up:
        return None
    return best


def _script_language(sample: str) -> str | None:
    """The language of a script most letters of ``sample`` are in, other than Latin."""
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 50:
        return None
    scripts: dict[str, int] = {}
    for letter in letters:
        if letter < "\u0250":  # Latin, with its accents
            continue
        first = unicodedata.name(letter, "").split(" ", 1)[0]
        language = _SCRIPTS.get(first)
        if language is not None:
            scripts[language] = scripts.get(language, 0) + 1
    if not scripts:
        return None
    language = max(scripts, key=scripts.__getitem__)
    if "ja" in scripts and language == "zh":
        language = "ja"  # kanji with kana: Japanese
    if 2 * sum(scripts.values()) <= len(letters):
        return None
    return _variant(language, letters, scripts[language])


def _variant(language: str, letters: list[str], count: int) -> str:
    """The language its own letters show among those of ``language``'s script: "ru" is
    "uk" when "і", "ї", "є" or "ґ" are common enough."""
    for variant, own in _SCRIPT_VARIANTS.get(language, ()):
        if sum(letter.lower() in own for letter in letters) >= VARIANT_SHARE * count:
            return variant
    return language
