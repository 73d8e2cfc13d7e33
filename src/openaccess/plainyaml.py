"""Plain YAML front matter, read without PyYAML: ``key: value`` lines and lists of values.

Loading PyYAML and python-frontmatter takes about 8 ms, a twentieth of a one-page check.
Yet most front matter is a few lines such as ``title: How to Contribute``, ``order: -1``
or ``related:`` over ``- beginners``. :func:`load` reads such front matter to the values
PyYAML's safe loader makes. It returns None for anything it is not sure of, and that
text goes to PyYAML, which also writes every error message.

It is sure of little, on purpose. A key is words at the start of its line. A value is
one line: a whole number, a boolean or null as YAML 1.1 spells them, or text that cannot
be anything else. A list holds such values, one ``- value`` a line,
all indented alike. No tabs, comments, quotes, flow collections or values over two lines.
``tests/test_plain_yaml.py`` compares it with PyYAML on the corpus and on random text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# A key of words joined by single spaces: "title", "ms.date", "external help file".
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*(?: [A-Za-z0-9_.-]+)*):(?: +(.*))?")
_ITEM_LINE = re.compile(r"( *)- +(.*)")
# PyYAML refuses a key over 1,024 characters (a "simple key"); a longer one is its error.
_LONGEST_KEY = 1000
# What PyYAML reads as a decimal integer, without "_", octal, hex or base-60 forms.
_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
# PyYAML's implicit booleans and nulls (YAML 1.1), exactly as its resolver spells them.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("null", "Null", "NULL"), None),
}
_WORDS_ANY_CASE = frozenset(word.lower() for word in _WORDS)
# A first character that is a YAML indicator, or may start a number, null (~), merge key
# (<<) or value key (=): text starting so is left to PyYAML.
_UNSURE_START = frozenset("-?:,[]{}#&*!|>'\"%@`~<=.+")
# PyYAML's resolvers for a plain scalar that starts with a digit (float, int, timestamp),
# copied as PyYAML writes them (a test compares them): text none of them matches, such as
# "2.0.0" or "08/21/2023", is a string.
DIGIT_RESOLVERS = (
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""",
    r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
)
_UNSURE = object()


def load(content: str) -> dict[str, Any] | None:
    """The mapping PyYAML's safe loader reads from ``content``, or None when ``content``
    is not plain enough to be sure of it."""
    if "\t" in content or "\r" in content or not content.strip():
        return None
    data: dict[str, Any] = {}
    listed: tuple[str, list[Any]] | None = None  # the key a list may follow, its items
    indent = -1  # the indent of the list's items, once one is read
    for line in content.split("\n"):
        line = line.rstrip(" ")
        if not line:
            continue
        if not line.isprintable():  # line breaks other than \n, control characters
            return None
        if line[0] in " -":
            item = _ITEM_LINE.fullmatch(line)
            if item is None or listed is None or indent not in (-1, len(item[1])):
                return None
            indent = len(item[1])
            value = _scalar(item[2])
            if value is _UNSURE:
                return None
            listed[1].append(value)
            continue
        entry = _KEY_LINE.fullmatch(line)
        if (
            entry is None
            or entry[1] in data
            or entry[1].lower() in _WORDS_ANY_CASE
            or len(entry[1]) > _LONGEST_KEY
        ):
            return None
        _close(data, listed)
        listed, indent = None, -1
        if entry[2] is None:  # a list follows, or nothing (null)
            listed = (entry[1], [])
            data[entry[1]] = None
            continue
        value = _scalar(entry[2])
        if value is _UNSURE:
            return None
        data[entry[1]] = value
    _close(data, listed)
    return data


def _close(data: dict[str, Any], listed: tuple[str, list[Any]] | None) -> None:
    """Give a ``key:`` line its list, when items followed it (else it stays null)."""
    if listed is not None and listed[1]:
        data[listed[0]] = listed[1]


def _scalar(text: str) -> Any:
    """The value of one plain scalar, or ``_UNSURE``."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if text in _WORDS:
        return _WORDS[text]
    if (
        text[0] in _UNSURE_START
        or (text[0] in "0123456789" and _resolved_from_digit(text))
        or text.lower() in _WORDS_ANY_CASE
        or ": " in text
        or " #" in text
        or text.endswith(":")
    ):
        return _UNSURE
    return text


@cache
def _digit_resolvers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.X) for pattern in DIGIT_RESOLVERS)


def _resolved_from_digit(text: str) -> bool:
    """Whether PyYAML reads ``text``, which starts with a digit, as other than a string."""
    return any(pattern.match(text) for pattern in _digit_resolvers())
