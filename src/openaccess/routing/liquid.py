"""Just enough Liquid to know the ids a Jekyll page or include writes with template code.

``{% include card.html key="value" %}`` renders ``_includes/card.html`` with
``include.key`` set to ``value`` (jekyll 4.3, lib/jekyll/tags/include.rb), so
``id="{{ include.key | slugify }}"`` there is an id of the page that includes it. The
id is made here from what the sources say: quoted parameters, the page's own front
matter (``key=page.var``, ``{{ page.var }}``) and the filters ids are made with. Any
other value (site data, a loop variable, a filter not modelled here) is known only in
the build, so that part of the id becomes a ``*`` of a glob (see
:func:`openaccess.routing.ids.unknown_id`): a fragment it may name is never reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Final

from msgspec import Struct, field

from openaccess.routing.ids import UNKNOWN_ID_MARK, glob_escape, unknown_id


class Unknown:
    """A value known only in the build."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()
# A Liquid value: a string, nil (None), or one only the build knows.
Value = str | None | Unknown

# One parameter of an include tag, as Jekyll's VALID_SYNTAX reads it: ``key="value"``,
# ``key='value'`` (a backslash escapes the quote) or ``key=variable``.
_PARAMETER = re.compile(
    r"""([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w.-]+))(?=\s|\Z)\s*"""
)
# One token of an output expression: a quoted string, a name or number, or punctuation.
_TOKEN = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([\w.-]+)|([|:,]))""")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# The punctuation tokens of an expression (a quoted "|" is a string).
_MARKS = frozenset({("|", False), (":", False), (",", False)})


class Scope(Struct, frozen=True):
    """What Liquid names mean while a file renders: ``include`` (the parameters of the tag
    that includes it; none on the page itself) and ``page`` (its front matter)."""

    page: Mapping[str, Any]
    include: Mapping[str, Value] | Unknown = field(default_factory=dict)
    # A loop variable and the entry of site data it holds in one round of the loop: an
    # item of a list, or a [key, value] pair of a hash.
    loop: tuple[str, Mapping[str, Any] | list[Any]] | None = None

    def lookup(self, name: str) -> Value:
        if name in ("nil", "null"):
            return None
        if _NUMBER.fullmatch(name):
            return name
        head, _, key = name.partition(".")
        if not key or "." in key:
            return UNKNOWN  # a whole object, a nested key or ``.size``: not modelled
        if head == "include":
            return UNKNOWN if isinstance(self.include, Unknown) else self.include.get(key)
        if head == "page":
            return _front_matter_value(self.page, key)
        if self.loop is not None and head == self.loop[0]:
            return _entry_value(self.loop[1], key)
        return UNKNOWN  # other site data, loop and assigned variables


def _entry_value(entry: Mapping[str, Any] | list[Any], key: str) -> Value:
    """``entry.key`` of a data entry. A hash's entry is a [key, value] pair, which has
    ``first`` (its key) but no ``term``: nil, so ``id="{{ entry.term }}"`` is no id."""
    if isinstance(entry, Mapping):
        return _front_matter_value(entry, key)
    if key == "first":
        return entry[0] if isinstance(entry[0], str) else UNKNOWN
    return UNKNOWN if key in ("last", "size") else None


def _front_matter_value(meta: Mapping[str, Any], key: str) -> Value:
    """``page.key`` when the page's own front matter sets it to a plain value (or a data
    entry's ``key``); otherwise ``defaults`` or Jekyll itself may set it, so it is
    unknown."""
    if key not in meta:
        return UNKNOWN
    value = meta[key]
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return UNKNOWN  # true and false, lists, objects, dates


def include_parameters(markup: str, scope: Scope) -> dict[str, Value] | Unknown:
    """The ``include`` object an include tag's parameters make (``markup``: what follows
    the file name). Jekyll refuses a tag that is not all parameters, so then nothing is
    known."""
    parameters: dict[str, Value] = {}
    position, markup = 0, markup.strip()
    while position < len(markup):
        match = _PARAMETER.match(markup, position)
        if match is None:
            return UNKNOWN
        key, double, single, variable = match.groups()
        if double is not None:
            parameters[key] = double.replace('\\"', '"')
        elif single is not None:
            parameters[key] = single.replace("\\'", "'")
        else:
            parameters[key] = scope.lookup(variable)
        position = match.end()
    return parameters


def render_id(template: str, scope: Scope) -> str | None:
    """The id an ``id="..."`` value written with Liquid has in the build: the id itself,
    a glob of it (:func:`~openaccess.routing.ids.unknown_id`) when part of it is known
    only in the build, or None when it renders empty (no id)."""
    parts = _rendered_parts(template, scope)
    if not any(isinstance(part, Unknown) for part in parts):
        return "".join(parts) or None  # type: ignore[arg-type]
    return unknown_id("".join("*" if isinstance(p, Unknown) else glob_escape(p) for p in parts))


# ``{% for entry in site.data.glossary %}``, or over a name an ``{% assign %}`` gave
# site data (documentation-theme-jekyll's glossary), perhaps sorted: the same entries.
_DATA_LOOP = re.compile(
    r"\{%-?\s*for\s+(\w+)\s+in\s+([\w.]+)\s*(?:reversed\s*)?-?%\}", re.IGNORECASE
)
_DATA_ASSIGN = re.compile(
    r"\{%-?\s*assign\s+(\w+)\s*=\s*site\.data\.([\w.]+)"
    r"\s*(?:\|\s*(?:sort|reverse)(?:\s*:\s*[\"'][^\"']*[\"'])?\s*)*-?%\}"
)


def data_loops(text: str) -> dict[str, str]:
    """The loops over site data in ``text``: loop variable -> the data's dotted name
    (``entry`` -> ``glossary`` for ``_data/glossary.yml``). A variable looped over two
    sources, or over anything else, is left out: its values are known only in the build."""
    if "{%" not in text or "for" not in text:
        return {}
    assigned = {m.group(1): m.group(2) for m in _DATA_ASSIGN.finditer(text)}
    found: dict[str, str] = {}
    mixed: set[str] = set()
    for loop in _DATA_LOOP.finditer(text):
        variable, source = loop.groups()
        data = source.removeprefix("site.data.")
        name = data if data != source else assigned.get(source)
        if name is None or found.get(variable, name) != name:
            mixed.add(variable)
        else:
            found[variable] = name
    return {variable: name for variable, name in found.items() if variable not in mixed}


def render_looped_ids(
    template: str, scope: Scope, variable: str, entries: list[Any]
) -> set[str] | None:
    """The ids ``template`` renders to in each round of a loop over ``entries``; None
    when one of them is known only in the build."""
    made: set[str] = set()
    for entry in entries:
        if not isinstance(entry, Mapping | list):
            return None
        rendered = render_id(template, Scope(scope.page, scope.include, (variable, entry)))
        if rendered is not None and rendered.startswith(UNKNOWN_ID_MARK):
            return None
        if rendered is not None:
            made.add(rendered)
    return made


def _rendered_parts(template: str, scope: Scope) -> list[str | Unknown]:
    """The text and output values of ``template`` in order. A tag (``{% if %}``) may
    change or repeat any of it, and so may an unclosed output, so then all is unknown."""
    parts: list[str | Unknown] = []
    position = 0
    while (start := template.find("{", position)) != -1:
        opening = template[start : start + 2]
        if opening == "{%":
            return [UNKNOWN]
        if opening != "{{":
            parts.append(template[position : start + 1])
            position = start + 1
            continue
        end = template.find("}}", start + 2)
        if end == -1:
            return [UNKNOWN]
        parts.append(template[position:start])
        value = evaluate(_without_trim_marks(template[start + 2 : end]), scope)
        parts.append("" if value is None else value)
        position = end + 2
    parts.append(template[position:])
    return parts


def evaluate(expression: str, scope: Scope) -> Value:
    """The value of an output expression: ``include.key | slugify | replace: "a", "b"``."""
    tokens = _tokens(expression)
    if not tokens or tokens[0] in _MARKS:
        return UNKNOWN
    value = _operand(tokens[0], scope)
    index = 1
    while index < len(tokens):
        if tokens[index] != ("|", False) or index + 1 >= len(tokens):
            return UNKNOWN
        name, index = tokens[index + 1][0], index + 2
        arguments: list[Value] = []
        if index < len(tokens) and tokens[index] == (":", False):
            index += 1
            while index < len(tokens) and tokens[index] not in _MARKS:
                arguments.append(_operand(tokens[index], scope))
                index += 1
                if index < len(tokens) and tokens[index] == (",", False):
                    index += 1
        value = apply_filter(name, value, arguments)
    return value


def _without_trim_marks(expression: str) -> str:
    """An output's expression without ``-`` trim marks (``{{- x -}}``), which change only
    the white space around the output."""
    expression = expression[1:] if expression.startswith("-") else expression
    return expression[:-1] if expression.endswith("-") else expression


def _tokens(expression: str) -> list[tuple[str, bool]]:
    """(text, quoted) tokens of an expression; empty when something is not understood
    (brackets, a range, an operator)."""
    tokens: list[tuple[str, bool]] = []
    position, rest = 0, expression.rstrip()
    while position < len(rest):
        match = _TOKEN.match(rest, position)
        if match is None:
            return []
        double, single, word, punctuation = match.groups()
        quoted = double if double is not None else single
        tokens.append((quoted, True) if quoted is not None else (word or punctuation, False))
        position = match.end()
    return tokens


def _operand(token: tuple[str, bool], scope: Scope) -> Value:
    text, quoted = token
    if quoted:
        return text
    return UNKNOWN if token in _MARKS else scope.lookup(text)


def apply_filter(name: str, value: Value, arguments: list[Value]) -> Value:
    """The filters ids are commonly made with, as Liquid 4 and Jekyll 4.3 define them;
    any other filter's result is unknown."""
    if isinstance(value, Unknown) or any(isinstance(a, Unknown) for a in arguments):
        return UNKNOWN
    strings = ["" if argument is None else argument for argument in arguments]
    if name == "slugify":
        return None if value is None else slugify_filter(value, *strings[:1])
    if name == "default":
        return (strings[0] if strings else "") if value in (None, "") else value
    text = "" if value is None else value
    simple = {"downcase": str.lower, "upcase": str.upper, "strip": str.strip}
    if name in simple and not strings:
        return simple[name](text)
    if name in ("append", "prepend", "remove", "replace", "replace_first") and strings:
        return _edit(name, text, strings)
    return UNKNOWN


def _edit(name: str, text: str, strings: list[str]) -> Value:
    if name == "append":
        return text + strings[0]
    if name == "prepend":
        return strings[0] + text
    if name == "remove":
        return text.replace(strings[0], "")
    if len(strings) < 2:
        return UNKNOWN
    count = 1 if name == "replace_first" else -1
    return text.replace(strings[0], strings[1], count)


_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")


def slugify_filter(text: str, mode: str = "default") -> Value:
    """Jekyll's ``slugify`` filter (``Jekyll::Utils.slugify``): ``latin`` transliterates
    with Ruby's I18n tables, which are not modelled."""
    if mode not in _SLUG_MODES:
        return text.lower()
    if mode == "latin":
        return UNKNOWN
    return slugify(text, mode)


def _keeps(char: str, mode: str) -> bool:
    if mode == "raw":
        return char not in " \t\r\n\f\v"  # Ruby's \s
    if mode == "ascii":
        return char.isascii() and char.isalnum()
    category = unicodedata.category(char)
    extra = "._~!$&'()+,;=@" if mode == "pretty" else ""
    return category[0] in "LM" or category == "Nd" or char in extra


def slugify(text: str, mode: str = "default", cased: bool = False) -> str:
    """``Jekyll::Utils.slugify`` for the ``raw``, ``default``, ``pretty`` and ``ascii``
    modes: each run of other characters becomes one ``-``, then a leading and a trailing
    ``-`` go."""
    pieces: list[str] = []
    run = False
    for char in text:
        if _keeps(char, mode):
            pieces.append(char)
            run = False
        elif not run:
            pieces.append("-")
            run = True
    slug = "".join(pieces)
    slug = slug[1:] if slug.startswith("-") else slug
    slug = slug[:-1] if slug.endswith("-") else slug
    return slug if cased else slug.lower()
