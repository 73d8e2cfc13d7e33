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

# Characters that end a line somewhere (terminals, editors, Python's splitlines).
_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# C0 and C1 controls (ESC starts terminal escape sequences), and the invisible format
# characters that reorder or hide text on screen (bidirectional overrides and isolates).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
_COMMAND_START = re.compile(r"^(\s*)::")


def clean_line(text: str) -> str:
    """``text`` as one line that prints safely: line breaks become spaces, control
    characters are shown as ``\\x1b`` or ``\\u202e``, a leading ``::`` becomes ``%3A%3A``
    and ``##[`` becomes ``#%23[`` (GitHub's own escapes), so no page can forge a workflow
    command or an annotation in CI logs."""
    text = _LINE_BREAKS.sub(" ", text)
    text = _CONTROLS.sub(_shown, text)
    text = _COMMAND_START.sub(r"\1%3A%3A", text)
    return text.replace("##[", "#%23[")


def clean_lines(text: str) -> str:
    """Several lines (a report), each cleaned by :func:`clean_line`."""
    return "\n".join(clean_line(line) for line in text.split("\n"))


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
