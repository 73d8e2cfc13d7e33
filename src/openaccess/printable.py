"""One cleaning function for everything openaccess prints: findings, notes, summaries.

Page text reaches what openaccess prints: headings, link text, file names, front matter
values, addresses from servers. A terminal obeys escape sequences and bidirectional
controls, and GitHub Actions obeys workflow commands: a line that starts with ``::``
(``::add-mask::``, ``::error file=...::``, ``::stop-commands::``) or holds ``##[``.
:func:`clean_line` turns any text into one harmless line that still reads the same; the
only workflow commands openaccess prints are the ones the ``github`` reporter writes
itself. Every command prints through it, so a new message cannot forget it.
"""

from __future__ import annotations

import re
from functools import cache

# The expressions below are compiled on first use: printable text needs none of them, and
# compiling all four took about 0.5 ms of every run's start.


@cache
def _line_breaks() -> re.Pattern[str]:
    """Characters that end a line somewhere (terminals, editors, Python's splitlines)."""
    return re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


@cache
def _controls() -> re.Pattern[str]:
    """C0 and C1 controls (ESC starts terminal escape sequences), the invisible format
    characters that reorder or hide text on screen (bidirectional overrides and isolates),
    and lone surrogates (bytes of a file name that are not UTF-8: no stream can encode
    them)."""
    return re.compile(
        r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
    )


@cache
def _command_start() -> re.Pattern[str]:
    return re.compile(r"^(\s*)::")


@cache
def _diff_controls() -> re.Pattern[str]:
    """In a patch, tabs and the line's own ending stay; every other control is shown."""
    return re.compile(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
    )


def clean_line(text: str) -> str:
    """``text`` as one line that prints safely: line breaks become spaces, control
    characters are shown as ``\\x1b`` or ``\\u202e``, a leading ``::`` becomes ``%3A%3A``
    and ``##[`` becomes ``#%23[`` (GitHub's own escapes), so no page can forge a workflow
    command or an annotation in CI logs."""
    if not text.isprintable():  # printable text holds no line break and no control
        text = _line_breaks().sub(" ", text)
        text = _controls().sub(_shown, text)
    if "::" in text:  # the check first: a search for "^" alone tries every position
        text = _command_start().sub(r"\1%3A%3A", text)
    return text.replace("##[", "#%23[")


def shown_controls(text: str) -> str:
    """``text`` with its control and invisible format characters shown as ``\x1b`` or
    ``\u202e`` (line breaks stay: the caller escapes them in its own way)."""
    return _controls().sub(_shown, text) if not text.isprintable() else text


def clean_lines(text: str) -> str:
    """Several lines (a report), each cleaned by :func:`clean_line`."""
    return "\n".join(clean_line(line) for line in text.split("\n"))


# '#' written as the format's own escape, which its readers read back as '#'.
_ESCAPED_HASH = {"json": "#\\u0023[", "xml": "#&#35;["}


def clean_document(text: str, kind: str) -> str:
    """A JSON or XML document (``kind``) that prints safely: its strings cannot break a line,
    but GitHub Actions obeys an old-style ``##[command]`` anywhere in a line, so its '#'
    is written as ``\\u0023`` or ``&#35;``; the document means exactly the same."""
    return text.replace("##[", _ESCAPED_HASH[kind])


def clean_patch(patch: str) -> str:
    """A unified diff (``check --diff``) that prints safely and still applies: each line
    keeps its tabs and its line ending (``\\r\\n`` too), but other control characters
    are shown as ``\\x1b`` and a line cannot pose as a workflow command. A page line such
    as `` ::error::x`` is a context line a CI log would obey; shown, its hunk no longer
    applies, which is the right price."""
    return "\n".join(_clean_patch_line(line) for line in patch.split("\n"))


def _clean_patch_line(line: str) -> str:
    ending = "\r" if line.endswith("\r") else ""
    text = _diff_controls().sub(_shown, line[: len(line) - len(ending)])
    text = _command_start().sub(r"\1%3A%3A", text)
    return text.replace("##[", "#%23[") + ending


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
