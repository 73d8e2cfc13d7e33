"""What a check finds, as plain immutable data shared by rules, the linter and reporters."""

from __future__ import annotations

import re
from enum import IntEnum, StrEnum
from typing import Any

from msgspec import Struct

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class Severity(IntEnum):
    """Ordered so that ``max()`` picks the most serious finding."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


class Category(StrEnum):
    FRONTMATTER = "frontmatter"
    HEADINGS = "headings"
    LINKS = "links"
    READABILITY = "readability"
    ACCESSIBILITY = "accessibility"
    SUPPRESSIONS = "suppressions"  # comments that turn findings off (OA001, OA002)
    # Not a rule category: files that could not be read at all (code OA000).
    FILE = "file"


class Applicability(StrEnum):
    """ruff's model: safe fixes keep meaning, unsafe ones may change it."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(Struct, frozen=True):
    """Replace ``source[start:end]`` (character offsets in the decoded file) with ``text``."""

    start: int
    end: int
    text: str


class Fix(Struct, frozen=True):
    """A finding's fix: edits applied together, and whether they are safe to apply unasked."""

    description: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def to_dict(self) -> dict[str, object]:
        return {
            "description": self.description,
            "applicability": self.applicability.value,
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.edits],
        }


class Problem(Struct, frozen=True):
    """A finding as a rule reports it: where (offsets into the page source) and what.

    Rules never choose their own code or severity; the linter stamps those from the
    rule's metadata and the configuration (yamllint's model).
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None


class Diagnostic(Struct, frozen=True):
    """One finding, placed and stamped with its rule: what every report format prints."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    fix: Fix | None = None
    # The offending source text, used for baseline fingerprints that survive line shifts.
    snippet: str = ""

    def _compared(self) -> tuple[object, ...]:
        """Every field but the snippet: two findings that say the same are one."""
        return tuple(getattr(self, name) for name in self.__struct_fields__ if name != "snippet")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Diagnostic:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    @property
    def fingerprint(self) -> str:
        """Stable across line shifts and changing counts: rule, path and the flagged text
        (or, for a finding that flags no text, its message with the numbers blanked), for
        SARIF and GitLab Code Quality to follow a finding from run to run."""
        import hashlib  # not loaded by a check without a cache until a format needs it

        text = " ".join(self.snippet.split()) or _NUMBER.sub("#", self.message)
        basis = "\0".join((self.code, self.path, text))
        return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.code,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.label,
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
        }


# -- (de)serialising findings ----------------------------------------------------------
_CATEGORIES = {category.value: category for category in Category}
_SEVERITIES = {severity.label: severity for severity in Severity}


def diagnostic_to_entry(diagnostic: Diagnostic) -> list[Any]:
    """A finding without its path, as a compact JSON row (the cache holds tens of
    thousands of them, and rows parse much faster than objects). A check's site-wide
    findings pass through rows too, cache or not."""
    d = diagnostic
    fix = None
    if d.fix is not None:
        edits = [[e.start, e.end, e.text] for e in d.fix.edits]
        fix = [d.fix.description, d.fix.applicability.value, edits]
    return [
        d.line, d.column, d.end_line, d.end_column, d.code, d.name, d.category.value,
        d.severity.label, d.message, fix, d.snippet,
    ]  # fmt: skip


def diagnostic_from_entry(path: str, row: list[Any]) -> Diagnostic:
    line, column, end_line, end_column, code, name, category, severity, message, fix, snippet = row
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=code,
        name=name,
        category=_CATEGORIES[category],
        severity=_SEVERITIES[severity],
        message=message,
        fix=None
        if fix is None
        else Fix(fix[0], tuple(Edit(*edit) for edit in fix[2]), Applicability(fix[1])),
        snippet=snippet,
    )
