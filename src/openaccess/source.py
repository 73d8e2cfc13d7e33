"""Reading page files as text, and mapping character offsets back to lines and columns.

Every position openaccess reports is a 1-based line and column in the ORIGINAL file:
a UTF-8 byte order mark is not counted as a column, and CRLF, LF and lone CR all end
a line, exactly as editors count them.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct

from openaccess.fsutil import opened_without_blocking

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BINARY_SNIFF_BYTES = 8192


class SourceError(Exception):
    """A file that cannot be read as text. ``line``/``column`` point at the problem."""

    def __init__(self, message: str, line: int = 1, column: int = 1, *, skipped: bool = False):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        # A skipped file (binary, too large) is reported but is not a content error.
        self.skipped = skipped


class Decoded(Struct, frozen=True):
    """A file's text and how it was stored (encoding, byte order mark, line endings)."""

    text: str
    encoding: str
    bom: bool
    newline: str


class LineIndex:
    """Offsets of line starts, for O(log n) offset -> (line, column) lookups."""

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        self._starts = _line_starts(text)
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset (clamped into the text)."""
        offset = max(0, min(offset, self._length))
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset of a 1-based (line, column), clamped into the text.

        A line past the last one means the end of the text (token maps are end-exclusive).
        """
        if line > len(self._starts):
            return self._length
        line = max(1, line)
        return min(self._starts[line - 1] + max(column, 1) - 1, self._length)

    def line_start(self, line: int) -> int:
        return self.offset(line, 1)


def _line_starts(text: str) -> list[int]:
    """Offsets where lines begin. Text whose only breaks are line feeds is split in C, at
    under half the time of a regular expression's matches (the index is made for every
    page with a finding)."""
    if "\r" in text:
        return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
    ends = itertools.accumulate(len(line) + 1 for line in text.split("\n"))
    return [0, *itertools.islice(ends, text.count("\n"))]


def detect_newline(text: str) -> str:
    match = _LINE_BREAK.search(text)
    return match.group() if match else "\n"


def decode(data: bytes) -> Decoded:
    """Decode page bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Anything else that is not valid UTF-8 is an error naming the byte offset and line:
    guessing an encoding would silently change what writers see.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, encoding, bom = _strict(data[3:], "utf-8", 3), "utf-8-sig", True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding, bom = _strict(data, "utf-16", 0), "utf-16", True
    else:
        if b"\0" in data[:_BINARY_SNIFF_BYTES]:
            raise SourceError("skipped: binary file (it contains NUL bytes)", skipped=True)
        text, encoding, bom = _strict(data, "utf-8", 0), "utf-8", False
    if "\0" in text:
        raise SourceError("skipped: binary file (it contains NUL characters)", skipped=True)
    return Decoded(text=text, encoding=encoding, bom=bom, newline=detect_newline(text))


def _strict(data: bytes, encoding: str, skipped_prefix: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        byte_offset = error.start + skipped_prefix
        # Count lines and columns in characters, as editors do (CR, LF and CRLF end lines).
        readable = data[: error.start].decode(encoding, errors="replace")
        line, column = LineIndex(readable).position(len(readable))
        bad = data[error.start : error.end].hex(" ")
        raise SourceError(
            f"not valid {encoding.upper()}: byte {byte_offset} (0x{bad}) cannot be decoded;"
            " save the file as UTF-8",
            line,
            column,
        ) from None


def read_source(path: Path, max_bytes: int) -> Decoded:
    """Read and decode one page, refusing files over ``max_bytes`` before reading them.

    The file is opened without blocking and checked to be a regular file first, so a
    named pipe or device that happens to be called ``page.md`` is skipped, not waited on.
    """
    try:
        with opened_without_blocking(path) as (handle, info):
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise SourceError("skipped: not a regular file (a pipe or device?)", skipped=True)
            if info.st_size > max_bytes:
                raise too_big(info.st_size, max_bytes)
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise SourceError("cannot read file: permission denied") from None
    except IsADirectoryError:
        raise SourceError("cannot read file: it is a directory") from None
    except FileNotFoundError:
        raise SourceError("cannot read file: it does not exist") from None
    except OSError as error:
        raise SourceError(f"cannot read file: {error.strerror or error}") from None
    if len(data) > max_bytes:  # grew between stat and read
        raise SourceError(
            f"skipped: file is over max_file_size ({_human(max_bytes)})", skipped=True
        )
    return decode(data)


def too_big(size: int, max_bytes: int) -> SourceError:
    """The one message for a page over ``max_file_size``, in check and in the editor."""
    return SourceError(
        f"skipped: file is {_human(size)}, over max_file_size ({_human(max_bytes)})",
        skipped=True,
    )


def _human(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def text_hash(text: str) -> str:
    """The digest caches key a text by (the same as ``Page.content_hash``)."""
    import hashlib  # only a run with a cache hashes texts

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def html_comments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every ``<!-- ... -->``; each character is looked at once."""
    position = 0
    while True:
        start = text.find("<!--", position)
        if start < 0:
            return
        close = text.find("-->", start + 4)
        if close < 0:  # nothing after this can close a comment either
            return
        yield start, close + 3
        position = close + 3
