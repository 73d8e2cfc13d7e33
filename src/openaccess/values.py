"""The one type check for values a user writes in TOML: config keys, rule options in
``[rule.X]`` and in a rules folder's ``thresholds.toml``.

Every wrong value is reported the same way, naming the file and the key as a dotted
path (``links.timeout``, ``rule.long-sentence.max_words``)::

    openaccess.toml: key 'rule.long-sentence.max_words' must be a whole number, got 'x'
"""

from __future__ import annotations

import types
import typing
from typing import Any

from openaccess.errors import ConfigError

_WORDS = {
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a table",
}


def kind_words(expected: Any) -> str:
    """How a message names a kind: ``int`` -> "a whole number", ``list[str]`` -> "a list of
    strings"."""
    hint = _without_none(expected)
    origin = typing.get_origin(hint)
    if origin is list and typing.get_args(hint) == (str,):
        return "a list of strings"
    return _WORDS.get(origin or hint, f"a {getattr(hint, '__name__', hint)}")


def typed(where: str, key: str, value: Any, expected: Any) -> Any:
    """``value`` if it is of the ``expected`` kind (a type or a hint such as ``list[str]``
    or ``float | None``), else :class:`ConfigError`. A whole number stands for a number
    (``target = 9`` is 9.0); true and false are never numbers."""
    hint = _without_none(expected)
    kind = typing.get_origin(hint) or hint
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    wrong = not isinstance(value, kind) or (kind in (int, float) and isinstance(value, bool))
    if not wrong and kind is list:
        item_types = typing.get_args(hint)
        wrong = bool(item_types) and not all(isinstance(item, item_types[0]) for item in value)
    if wrong:
        raise ConfigError(f"{where}: key '{key}' must be {kind_words(hint)}, got {value!r}")
    return list(value) if kind is list else value


def one_of(where: str, key: str, value: Any, choices: tuple[str, ...]) -> str:
    """``value`` if it is one of ``choices``, else :class:`ConfigError` listing them."""
    if value not in choices:
        quoted = [f"'{choice}'" for choice in choices]
        listed = ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else quoted[0]
        raise ConfigError(f"{where}: key '{key}' must be {listed}, got {value!r}")
    return value


def unknown_key(where: str, key: str, section: str, known: Any) -> ConfigError:
    """The error for a key nothing reads (a typo must never silently do nothing): the
    closest known key when one is close, else every known key."""
    import difflib

    place = f" in [{section}]" if section else ""
    close = difflib.get_close_matches(key, sorted(known), n=1)
    if close:
        return ConfigError(f"{where}: unknown key '{key}'{place}; did you mean '{close[0]}'?")
    return ConfigError(
        f"{where}: unknown key '{key}'{place}; known keys: {', '.join(sorted(known))}"
    )


def _without_none(annotation: Any) -> Any:
    """``X | None`` -> ``X``: a key that may be unset is typed by what it holds when set."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation
