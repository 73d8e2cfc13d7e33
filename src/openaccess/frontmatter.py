"""Finding and parsing front matter (YAML ``---``, TOML ``+++``, JSON ``{``) with true lines.

python-frontmatter's YAML handler supplies the delimiter pattern and safe YAML loading;
openaccess locates the delimiters itself because it must know their exact lines, and parses
TOML with the standard library's ``tomllib``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tomllib
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct

from openaccess import plainyaml
from openaccess.source import LineIndex

if TYPE_CHECKING:
    import yaml

# "meta": MultiMarkdown's ``key: value`` lines, with no delimiters, which MkDocs reads.
FrontMatterFormat = Literal["yaml", "toml", "json", "meta"]

# python-frontmatter's YAMLHandler.FM_BOUNDARY, written out: that module loads PyYAML.
_YAML_OPEN = re.compile(r"^-{3,}\s*$", re.MULTILINE)
_YAML_CLOSE = re.compile(r"^(?:-{3,}|\.{3})[ \t]*$")
_TOML_OPEN = re.compile(r"^\+{3,}[ \t]*$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
# tomllib's ending for a value left open (an array, table or string): no line is given.
_TOML_AT_END = " (at end of document)"
# MkDocs' ``mkdocs.utils.meta`` (1.6): a key line, and a line that goes on the key's value.
_META_KEY = re.compile(r"[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"(?:[ ]{4}|\t)\s*(?P<value>.*)")

# A YAML alias bomb expands to billions of nodes when walked; real front matter has dozens.
MAX_FRONT_MATTER_NODES = 10_000
# Real front matter nests a few levels; deeper values would exhaust recursion downstream.
MAX_FRONT_MATTER_DEPTH = 100
_TOO_DEEP = f"front matter is nested more than {MAX_FRONT_MATTER_DEPTH} levels deep"


@cache
def _safe_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader (libyaml's when installed), made on first use: front matter
    that :mod:`openaccess.plainyaml` reads needs no PyYAML."""
    import yaml

    class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """Safe YAML loading where a value its tag cannot hold (``2024-13-45``, ``!!int
        abc``) is a YAML error at that value's position instead of a Python exception."""

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
                raise yaml.constructor.ConstructorError(
                    None, None, _invalid_value(node, error), node.start_mark
                ) from None

    return SafeLoader


def _invalid_value(node: yaml.Node, error: Exception) -> str:
    value = repr(node.value) if isinstance(node.value, str) else "this value"
    value = value if len(value) <= 40 else value[:36] + "...'"
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "timestamp":
        # datetime's own words ("month must be in 1..12") are the useful part.
        reason = f" ({error})" if isinstance(error, ValueError) else ""
        return f"{value} is not a real date{reason}; write dates as YYYY-MM-DD"
    words = {"int": "a whole number", "float": "a number", "bool": "true or false"}
    return f"{value} is not {words.get(kind, 'a valid ' + kind)}"


class FrontMatterError(Exception):
    """Unreadable front matter; ``line``/``column`` are 1-based in the original file."""

    def __init__(self, message: str, line: int, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class FrontMatterBlock(Struct, frozen=True):
    """Where the front matter sits in the text, before it is parsed."""

    format: FrontMatterFormat
    start: int  # offset of the opening delimiter
    content_start: int  # offset of the first content character
    content_end: int  # offset just past the content
    end: int  # offset just past the closing delimiter line (the body starts here)
    first_content_line: int  # 1-based line of content_start


def locate(text: str, mkdocs: bool = False, hugo: bool = False) -> FrontMatterBlock | None:
    """Find a front matter block at the very top of ``text``; raise if it is not closed.

    With ``hugo``, blank lines and spaces may come before it: Hugo's page lexer skips them
    (vitess.io has pages that open with a tab, then ``---``).

    With ``mkdocs``, as MkDocs reads a page (``mkdocs.utils.meta.get_data``): a ``---``
    never closed is no front matter but the page's first line (a horizontal rule;
    Traefik's docs open a snippet so), and a page without ``---`` may open with
    MultiMarkdown's ``key: value`` lines (Python-Markdown's docs: ``title: Change Log``),
    which MkDocs takes out of the page up to the first blank line.
    """
    if hugo and (skipped := len(text) - len(text.lstrip(_HUGO_LEADING_SPACE))):
        return _after_leading_space(text, skipped)
    lines = _iter_lines(text)
    first = next(lines, None)
    if first is None:
        return None
    first_text, _, first_end = first
    if _YAML_OPEN.match(first_text):
        try:
            return _delimited("yaml", first_end, lines, _YAML_CLOSE, "---")
        except FrontMatterError:
            if mkdocs:
                return None
            raise
    if mkdocs:
        return _meta_block(text)
    if _TOML_OPEN.match(first_text):
        return _delimited("toml", first_end, lines, _TOML_OPEN, "+++")
    if first_text == "{":
        return _json_block(text)
    if first_text.startswith("{") and first_text[1:2] not in ("{", "%"):
        return _one_line_json_block(text)
    return None


_HUGO_LEADING_SPACE = " \t\r\n"


def _after_leading_space(text: str, skipped: int) -> FrontMatterBlock | None:
    """The front matter after ``skipped`` characters of blank space, at its true offsets
    and lines."""
    lines_before = LineIndex(text).position(skipped)[0] - 1
    try:
        found = locate(text[skipped:])
    except FrontMatterError as error:
        raise FrontMatterError(error.message, error.line + lines_before, error.column) from None
    if found is None:
        return None
    return FrontMatterBlock(
        found.format,
        found.start + skipped,
        found.content_start + skipped,
        found.content_end + skipped,
        found.end + skipped,
        found.first_content_line + lines_before,
    )


def _meta_block(text: str) -> FrontMatterBlock | None:
    """MultiMarkdown meta-data as MkDocs reads it: key lines, and indented lines that go on
    a value, up to a blank line (which MkDocs drops too) or any other line."""
    content_end = end = 0
    for line_text, _, line_end in _iter_lines(text):
        if not line_text.strip():
            end = line_end
            break
        if not (_META_KEY.match(line_text) or (content_end and _META_MORE.match(line_text))):
            break
        content_end = end = line_end
    if not content_end:
        return None
    return FrontMatterBlock("meta", 0, 0, content_end, end, 1)


def _meta_values(content: str) -> dict[str, str]:
    """MkDocs' reading of meta-data lines: keys in lower case, each value one string,
    the lines that go on it joined with spaces (a key written twice too)."""
    data: dict[str, str] = {}
    key = ""
    for line, _, _ in _iter_lines(content):
        found = _META_KEY.match(line)
        if found is not None:
            key, value = found.group("key").lower().strip(), found.group("value").strip()
        else:
            value = _META_MORE.match(line).group("value").strip()  # type: ignore[union-attr]
        data[key] = f"{data[key]} {value}" if key in data else value
    return data


def _iter_lines(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (line text without break, start offset, end offset including break)."""
    position = 0
    length = len(text)
    while position < length:
        match = _LINE.match(text, position)
        assert match is not None
        chunk = match.group()
        yield chunk.rstrip("\r\n"), position, match.end()
        position = match.end()


def _delimited(
    fmt: FrontMatterFormat,
    content_start: int,
    lines: Iterator[tuple[str, int, int]],
    closer: re.Pattern[str],
    delimiter: str,
) -> FrontMatterBlock:
    for line_text, start, end in lines:
        if closer.match(line_text):
            return FrontMatterBlock(fmt, 0, content_start, start, end, 2)
    raise FrontMatterError(
        f"front matter opened with '{delimiter}' on line 1 is never closed;"
        f" add a '{delimiter}' line after it",
        1,
    )


def _one_line_json_block(text: str) -> FrontMatterBlock | None:
    """JSON front matter that opens on its first line (``{"title": "A"}``, which Hugo
    reads): only when it is one JSON object, since a body may open with ``{`` too (a
    template's ``{{`` or ``{%`` never counts)."""
    try:
        block = _json_block(text)
    except FrontMatterError as error:
        if error.message == _TOO_DEEP:
            raise
        return None
    return block if isinstance(parse(text, block), dict) else None


def _json_block(text: str) -> FrontMatterBlock:
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        # json counts only LF as a line end; the page's own index also counts CR and CRLF.
        line, column = LineIndex(text).position(error.pos)
        raise FrontMatterError(f"unreadable JSON front matter: {error.msg}", line, column) from None
    except RecursionError:
        raise FrontMatterError(_TOO_DEEP, 1) from None
    except ValueError:  # only an integer with more digits than Python converts
        raise FrontMatterError(
            "unreadable JSON front matter: a number has too many digits", 1
        ) from None
    body_start = end
    line_break = re.compile(r"[ \t]*(?:\r\n|\r|\n)").match(text, end)
    if line_break:
        body_start = line_break.end()
    return FrontMatterBlock("json", 0, 0, end, body_start, 1)


def parse(text: str, block: FrontMatterBlock) -> dict[str, Any]:
    """Parse the block's content into a mapping, raising FrontMatterError with true lines."""
    content = text[block.content_start : block.content_end]
    if block.format == "yaml":
        data = _load_yaml(content, block.first_content_line)
    elif block.format == "toml":
        data = _load_toml(content, block.first_content_line)
    elif block.format == "meta":
        data = _meta_values(content)
    else:
        data = json.loads(content)
    if data is None:
        return {}
    if not isinstance(data, dict):
        kinds = {list: "a list", str: "a single text value", bool: "true or false"}
        kind = kinds.get(type(data), "a number" if isinstance(data, int | float) else "a value")
        raise FrontMatterError(
            f"front matter must be a set of 'key: value' pairs, but it is {kind}",
            block.first_content_line,
        )
    check_size(data, block.first_content_line)
    return data


def case_folded(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` with its top-level keys in lower case, as Hugo reads front matter: ``Title:``
    is the title (checked with Hugo 0.111; the CNCF glossary writes ``Title:``). A key
    written both ways keeps the lower-case one's value."""
    folded: dict[Any, Any] = {}
    for key, value in meta.items():
        lower = key.lower() if isinstance(key, str) else key
        if lower not in folded or key == lower:
            folded[lower] = value
    return folded


def _load_yaml(content: str, first_line: int) -> Any:
    plain = plainyaml.load(content)
    if plain is not None:
        return plain
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    try:
        return YAMLHandler().load(content, Loader=_safe_loader())
    except yaml.MarkedYAMLError as error:
        problem = error.problem or "invalid YAML"
        left_open = error.context_mark is not None and _LEFT_OPEN.search(problem) is not None
        # A quote or bracket never closed: where it opens, not the end where YAML gave up.
        mark = error.context_mark if left_open else error.problem_mark or error.context_mark
        # From the character index: YAML also ends lines at U+0085/U+2028/U+2029, editors not.
        line_in, column = LineIndex(content).position(mark.index) if mark else (1, 1)
        line = first_line + line_in - 1
        context = f" {error.context}" if error.context else ""
        hint = " (opened here and never closed?)" if left_open else ""
        hint = hint or _yaml_hint(content, (line_in - 1, column - 1) if mark else None, problem)
        raise FrontMatterError(
            f"unreadable YAML front matter: {problem}{context}{hint}", line, column
        ) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        character = error.character if isinstance(error.character, int) else ord(error.character)
        # The reader stops at the first such character. Its position counts bytes of UTF-8
        # in libyaml, characters in the pure-Python reader: find the character instead.
        found = content.find(chr(character))
        line, column = LineIndex(content).position(found if found >= 0 else error.position)
        raise FrontMatterError(
            f"unreadable YAML front matter: character U+{character:04X} is not allowed"
            " (control characters must be removed)",
            first_line + line - 1,
            column,
        ) from None
    except yaml.YAMLError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise FrontMatterError(f"unreadable YAML front matter: {reason}", first_line) from None
    except RecursionError:  # the pure-Python loader, used when libyaml is missing
        raise FrontMatterError(_TOO_DEEP, first_line) from None


def _yaml_hint(content: str, where: tuple[int, int] | None, problem: str) -> str:
    """What to change, for the mistakes writers make most: a colon in a title, quotes in
    a quoted value, a tab, a value starting with a character YAML reserves. ``where``:
    the line and column (from 0) YAML stopped at."""
    lines = re.split(r"\r\n|\r|\n", content)
    if where is None or not 0 <= where[0] < len(lines):
        return ""
    text = lines[where[0]]
    if "tab character" in problem:
        return " (indent with spaces, not tabs)"
    pair = _KEY_VALUE.match(text)
    in_value = pair is not None and where[1] >= pair.start(2)  # not the key's own colon
    if in_value and problem.startswith("mapping values are not allowed"):
        value = pair.group(2).strip().replace('"', '\\"')
        return f' (a value holding ": " must be quoted: {pair.group(1)}: "{value}")'
    if pair is not None and pair.group(2).lstrip().startswith('"') and "expected" in problem:
        return ' (a " inside a value in double quotes ends it: write \\" or use single quotes)'
    if re.search(r"(:|-)\s+[%@`]", text):
        return " (values starting with %, @ or ` must be quoted)"
    return ""


# ``key: value`` on one line of front matter.
_KEY_VALUE = re.compile(r"\s*([\w-]+):\s(.*)")
# YAML's words for a quote or bracket it reached the end without closing.
_LEFT_OPEN = re.compile(r"end of stream|expected ',' or '[\]}]'")


def _load_toml(content: str, first_line: int) -> dict[str, Any]:
    try:
        return tomllib.loads(content)
    except RecursionError:
        raise FrontMatterError(_TOO_DEEP, first_line) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        reason = _TOML_POSITION.sub("", message).strip()
        if message.endswith(_TOML_AT_END):  # a bracket or quote left open: its last line
            line, column = _last_line(content)
            reason = message.removesuffix(_TOML_AT_END) + " at the end of the front matter"
            reason += " (a bracket, brace or quote left open?)"
        elif (bad_date := _toml_bad_date(content, line)) is not None:
            column, reason = bad_date
        raise FrontMatterError(
            f"unreadable TOML front matter: {reason}", first_line + line - 1, column
        ) from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        limit = sys.get_int_max_str_digits()
        message = f"unreadable TOML front matter: a number has more than {limit} digits"
        raise FrontMatterError(message, first_line) from None


# A TOML date that is no real date (2024-13-45): tomllib reads the 2024 and trips after it.
_TOML_DATE = re.compile(r"^\s*[\w.\"'-]+\s*=\s*(\d{4}-\d{2}-\d{2})\b")


def _toml_bad_date(content: str, line: int) -> tuple[int, str] | None:
    """(column, what is wrong) when TOML's error at ``line`` is a date that is no real
    one, in the words YAML's gets; None otherwise."""
    lines = content.splitlines()
    found = _TOML_DATE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if found is None:
        return None
    try:
        dt.date.fromisoformat(found.group(1))
    except ValueError as error:
        why = f"'{found.group(1)}' is not a real date ({error}); write dates as YYYY-MM-DD"
        return found.start(1) + 1, why
    return None


def _last_line(content: str) -> tuple[int, int]:
    """(line, column) just after the last character of ``content`` that is not a space,
    counted from 1: where a value left open runs out."""
    lines = content.rstrip().split("\n")
    return len(lines), len(lines[-1]) + 1


def check_size(data: Any, line: int) -> None:
    """Refuse YAML alias bombs (front matter whose expanded form is absurdly large) and
    absurd nesting, so everything that later walks the values stays small and shallow."""
    budget = MAX_FRONT_MATTER_NODES
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise FrontMatterError(
                f"front matter expands to more than {MAX_FRONT_MATTER_NODES} values"
                " (too many YAML aliases?)",
                line,
            )
        if depth > MAX_FRONT_MATTER_DEPTH:
            raise FrontMatterError(_TOO_DEEP, line)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for pair in item.items() for child in pair)
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend((child, depth + 1) for child in item)


def to_json_compatible(value: Any) -> Any:
    """A copy for JSON Schema: dates become ISO strings, keys become strings."""
    if isinstance(value, dict):
        return {str(key): to_json_compatible(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_compatible(item) for item in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value
