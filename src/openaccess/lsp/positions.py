"""Positions as LSP counts them: 0-based lines, and columns in the code units the client
and the server agreed on (UTF-16 unless the client offers UTF-8 or UTF-32).

openaccess works in character offsets into a page's text. LSP lines end exactly where
openaccess's do (CRLF, LF or a lone CR), so :class:`~openaccess.source.LineIndex` finds
the line and only the column needs counting in units: an emoji is two UTF-16 units, a
CJK character one (three UTF-8 bytes).
"""

from __future__ import annotations

from collections.abc import Callable

from openaccess.source import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


_UNITS: dict[str, Callable[[str], int]] = {UTF8: _utf8_units, UTF16: _utf16_units, UTF32: len}


class Positions:
    """Offsets in ``text`` to and from LSP (line, units) pairs."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self._units = _UNITS.get(encoding, _utf16_units)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column in units) of a character offset (clamped into the text)."""
        line, column = self.lines.position(offset)
        start = self.lines.line_start(line)
        return line - 1, self._units(self.text[start : start + column - 1])

    def offset(self, line: int, units: int) -> int:
        """The character offset of an LSP position. A line past the end means the end of
        the text; a column past the line's end means its end (as LSP says); a column in
        the middle of a character (half an emoji) means that character's start."""
        if line < 0:
            return 0
        if line >= self.lines.line_count:
            return len(self.text)
        start = self.lines.line_start(line + 1)
        end = self._line_end(line + 1)
        counted = 0
        for index in range(start, end):
            counted += self._units(self.text[index])
            if counted > units:
                return index
        return end

    def _line_end(self, line: int) -> int:
        """Offset of the line break ending 1-based ``line`` (or the end of the text)."""
        if line >= self.lines.line_count:
            return len(self.text)
        end = self.lines.line_start(line + 1)
        if end >= 2 and self.text.startswith("\r\n", end - 2):
            return end - 2
        return end - 1
