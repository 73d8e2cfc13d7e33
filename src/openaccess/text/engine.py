"""textstat, made offline, fast to import and safe to call from several threads.

textstat 0.7.13 imports NLTK at import time (about 200 ms) and downloads NLTK's CMUdict
the first time it scores English, which fails without network. openaccess ships the one
fact textstat reads from CMUdict, each word's syllable count, in
``openaccess/data/cmudict-syllables.txt`` (built by ``tools/build_syllable_table.py``).
Before textstat is first imported, :func:`backend` makes ``import nltk`` lazy (NLTK only
runs if something really uses it) and points textstat's CMUdict lookup at the shipped
table, so counts are identical to textstat with the same dictionary, with or without
network. ``textstat.set_lang`` is never called: it is global state; every call here passes
the language.
"""

from __future__ import annotations

import bisect
import importlib
import sys
import threading
import types
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

TEXTSTAT_VERSION = "0.7.13"  # pinned in pyproject.toml; recorded in report output
SYLLABLE_TABLE = "cmudict-syllables.txt"
KEY_LETTERS = 3  # a table line holds the words that start with the same letters

_lock = threading.Lock()
_backend: Any = None


class SyllableTable(Mapping[str, tuple[tuple[str, ...], ...]]):
    """A read-only CMUdict look-alike: ``table[word][0]`` is a phone list whose count of
    stress-marked phones is the word's syllable count (all textstat reads).

    The table is not turned into one dictionary of 126,000 words (about 25 ms, a tenth of
    a one-page check): each line of the shipped file holds the words that start with the
    same three letters. Nor are its 4,800 lines split into a dictionary (about 3 ms): they
    are kept sorted, a binary search finds a word's line, and :meth:`count` searches that
    one line (a few microseconds).
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines  # "start 1: word word 2: word ...", sorted

    @classmethod
    def parse(cls, text: str) -> SyllableTable:
        lines = [line for line in text.split("\n") if line and not line.startswith("#")]
        lines.sort()  # the file is sorted: this only checks it
        return cls(lines)

    def line(self, start: str) -> str | None:
        """The line of the words that start with ``start``, or None when there is none."""
        at = bisect.bisect_left(self.lines, start + " ")
        if at == len(self.lines) or not self.lines[at].startswith(start + " "):
            return None
        return self.lines[at]

    def count(self, word: str) -> int | None:
        """The word's syllable count, or None when the table does not have the word."""
        start = word[:KEY_LETTERS]
        line = self.line(start)
        if line is None or " " in word:
            return None
        found = line.find(f" {word} ", len(start))
        if found < 0:
            if not line.endswith(f" {word}"):
                return None
            found = len(line) - len(word) - 1  # the line's last word
        colon = line.rfind(":", 0, found)
        return int(line[line.rfind(" ", 0, colon) + 1 : colon])

    def __getitem__(self, word: str) -> tuple[tuple[str, ...], ...]:
        count = self.count(word) if isinstance(word, str) else None
        if count is None:
            raise KeyError(word)
        return (("AH0",) * count,)

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            yield from (item for item in line.split()[1:] if not item.endswith(":"))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@cache
def syllable_table() -> SyllableTable:
    """The shipped table (about 126,000 words), read once."""
    text = resources.files("openaccess").joinpath("data", SYLLABLE_TABLE).read_text("utf-8")
    return SyllableTable.parse(text)


def _lazy_nltk() -> None:
    """Register a stand-in ``nltk`` module that imports the real one on first attribute use.

    ``importlib.util.LazyLoader`` is not enough on Python 3.11: a plain ``import nltk`` of
    an already registered lazy module reads its ``__spec__`` and so runs NLTK anyway. The
    stand-in answers ``__spec__`` itself and forwards every other name (PEP 562).
    """
    if "nltk" in sys.modules:
        return
    proxy = types.ModuleType("nltk", "Imports NLTK when first used (openaccess).")

    def forward(name: str) -> Any:
        if sys.modules.get("nltk") is proxy:
            del sys.modules["nltk"]
        return getattr(importlib.import_module("nltk"), name)

    proxy.__getattr__ = forward  # type: ignore[method-assign]
    sys.modules["nltk"] = proxy


def _shipped_cmudict(lang: str) -> SyllableTable | None:
    return syllable_table() if lang.split("_")[0] == "en" else None


def backend() -> Any:
    """``textstat.backend`` with the offline CMUdict installed (idempotent, thread-safe)."""
    global _backend
    if _backend is not None:
        return _backend
    with _lock:
        if _backend is None:
            _lazy_nltk()
            import textstat.backend as textstat_backend
            from textstat.backend import utils
            from textstat.backend.counts import _count_syllables
            from textstat.backend.utils import _get_cmudict

            # Every name textstat reads the dictionary through (only the syllable count
            # uses it in 0.7.13); the original would download NLTK data.
            for module in (_count_syllables, utils, _get_cmudict):
                module.get_cmudict = _shipped_cmudict
            syllable_table()
            _backend = textstat_backend
    return _backend


def textstat_language(lang: str) -> str:
    """``en-GB`` / ``en_gb`` -> ``en_GB``: the spelling textstat and Pyphen expect."""
    parts = [part for part in lang.strip().replace("-", "_").split("_") if part] or [""]
    if len(parts) > 1:
        return f"{parts[0].lower()}_{parts[1].upper()}"
    return parts[0].lower()


@cache
def hyphenator(lang: str) -> Any | None:
    """textstat's Pyphen dictionary for ``lang``, or None when textstat cannot score it.

    textstat raises a bare ``KeyError`` for languages without a hyphenation dictionary
    (Welsh, for example); that is turned into None here, never a crash. The dictionary's
    patterns are read by :func:`_preload_hyphenation` first, in half of Pyphen's time.
    Made here, not through textstat, so that checking an English page (scored by
    Flesch-Kincaid, which needs no textstat constant) never imports textstat.
    """
    if not supports(lang):
        return None
    _preload_hyphenation(lang)
    import pyphen

    try:
        return pyphen.Pyphen(lang=lang)  # what textstat 0.7.13's get_pyphen(lang) makes
    except (KeyError, ValueError):
        return None


def supports(lang: str) -> bool:
    """Whether Pyphen has a dictionary for ``lang`` (textstat needs one to count
    syllables), known without reading the dictionary."""
    import pyphen

    return pyphen.language_fallback(lang) is not None


# Marks a digit while the patterns are rewritten; a file holding it is left to Pyphen.
_DIGIT_MARK = "\x7f"
_DIGITS = b"0123456789"
# "blut11harn1stoff" (German): Pyphen reads two digits in a row, this reader does not.
_DIGITS_TO_ZERO = bytes.maketrans(_DIGITS, b"0" * len(_DIGITS))


def _preload_hyphenation(lang: str) -> None:
    """Put ``lang``'s patterns in Pyphen's own per-file cache, as a :class:`LazyPatterns`,
    so that textstat's ``Pyphen(lang=...)`` finds them there.

    Pyphen parses its pattern file line by line with regular expressions: about 50 ms for
    English, a sixth of a one-page check. A file this reader does not take is left to
    Pyphen, and so is a Pyphen whose cache is not where this expects it.
    """
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    cache = getattr(pyphen, "hdcache", None)
    if not isinstance(cache, dict) or path in cache or not hasattr(pyphen, "ignored"):
        return
    text = _pattern_text(path)
    if text is None:
        return
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = LazyPatterns(text, dictionary)
    dictionary.cache = {}
    dictionary.maxlen = max(map(len, dictionary.patterns.lines))
    cache[path] = dictionary


class LazyPatterns:
    """A Pyphen dictionary's patterns (``HyphDict.patterns``), each read on its first look-up.

    Reading all 11,000 English patterns takes about 15 ms, though a one-page check looks up
    a few hundred, for the 30 or so words CMUdict does not have. ``get`` is the only method
    ``HyphDict.positions`` calls. After ``READ_ALL_AFTER`` look-ups (a run over many pages)
    the dictionary gets every pattern as a plain dict, with no Python call per look-up.
    """

    READ_ALL_AFTER = 20_000

    def __init__(self, text: str, owner: Any) -> None:
        letters = text.encode().translate(None, _DIGITS).decode()  # UTF-8 keeps ASCII digits
        self.lines = dict(zip(letters.split("\n"), text.split("\n"), strict=True))
        self.text = text
        self.owner = owner
        self.lookups = 0
        self.all_read = False
        self.read: dict[str, tuple[int, tuple[int, ...]] | None] = {}

    def get(self, letters: str, default: Any = None) -> Any:
        """The pattern for ``letters``, as ``dict.get``. The owner's table is replaced by
        a plain dict once, after many look-ups: no Python call per look-up from then on.
        (Two threads may both replace it; both tables are the same.)"""
        self.lookups += 1
        if self.lookups >= self.READ_ALL_AFTER and not self.all_read:
            self.all_read = True
            self.owner.patterns = _parsed_patterns(self.text)  # later look-ups go there
        line = self.lines.get(letters)
        if line is None:
            return default
        if letters not in self.read:
            self.read[letters] = _parsed_patterns(line).get(letters)  # None: all zeros
        pattern = self.read[letters]
        return default if pattern is None else pattern


def hyphenation_patterns(path: Any) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The patterns of a Pyphen ``hyph_*.dic`` file, exactly as ``pyphen.HyphDict`` reads
    them (a test compares the two for every file Pyphen ships), or None for a file with
    what only Pyphen reads: see :func:`_pattern_text`."""
    text = _pattern_text(path)
    return None if text is None else _parsed_patterns(text)


def _pattern_text(path: Any) -> str | None:
    """The pattern lines of a Pyphen ``hyph_*.dic`` file, or None for a file with what
    only Pyphen reads: nonstandard hyphenation (``/``), ``^^`` escapes, two digits in a row
    or digits outside ASCII."""
    import pyphen

    with path.open("rb") as handle:
        encoding = handle.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines = [line.strip() for line in path.read_text(encoding).split("\n")[1:]]
    text = "\n".join([line for line in lines if line and not line.startswith(pyphen.ignored)])
    if not text or "/" in text or _DIGIT_MARK in text or "^^" in text:
        return None
    if not text.isascii() and any(c.isdecimal() and not c.isascii() for c in set(text)):
        return None
    return None if _has_digit_pair(text) else text


def _has_digit_pair(text: str) -> bool:
    """Whether two ASCII digits follow each other in ``text``, as ``[0-9]{2}`` finds, in a
    tenth of its time on Pyphen's English file: UTF-8 writes ASCII digits as themselves
    and uses their bytes for nothing else, so every digit byte becomes ``0`` and ``00``
    is searched for."""
    return b"00" in text.encode("utf-8", "surrogatepass").translate(_DIGITS_TO_ZERO)


def _parsed_patterns(text: str) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Pyphen's patterns from pattern lines that :func:`_pattern_text` took.

    In a pattern such as ``a1b2c``, a digit is the value of the place before the letter
    that follows it. Each letter is rewritten with a ``0`` before it, and each marked digit
    takes the place of that ``0``: ``0a1b2c0``. The values are then every other character,
    and the letters the others, all with string methods instead of a regular expression
    per line.
    """
    text += "\n"  # a line break is rewritten too: "0\n" holds the value after the last letter
    rewrite = {ord(c): (_DIGIT_MARK + c if c.isdecimal() else "0" + c) for c in set(text)}
    places = text.translate(rewrite)
    for digit in "0123456789":
        places = places.replace(_DIGIT_MARK + digit + "0", digit)
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    numbers: dict[str, tuple[int, ...]] = {}  # 11,000 English patterns share 720 values
    for line in places.split("\n")[:-1]:
        values = line[0::2]
        kept = values.strip("0")  # Pyphen drops zeros at both ends, and all-zero patterns
        if kept:
            if (value := numbers.get(kept)) is None:
                value = numbers[kept] = tuple(map(int, kept))
            patterns[line[1::2]] = len(values) - len(values.lstrip("0")), value
    return patterns
