"""Applying fixes: text edits on spans of the original file, nothing else touched.

Used by ``check --fix`` and by ``publish`` (whose repairs are the same safe fixes). A fix
is applied whole or not at all; a fix overlapping one already taken waits for the next
pass, as in ruff. Re-checking and applying until nothing changes is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable

from openaccess.diagnostics import Applicability, Edit, Fix


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def select_fixes(fixes: Iterable[Fix | None], unsafe: bool) -> list[Fix]:
    """The fixes allowed at this level: safe ones, plus unsafe ones when asked."""
    return [
        fix
        for fix in fixes
        if fix is not None and (unsafe or fix.applicability is Applicability.SAFE)
    ]


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix that does not overlap an earlier one; returns (text, fixes applied)."""
    taken: list[Edit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        edits = list(fix.edits)
        if any(e.start > e.end or e.end > len(text) for e in edits):
            continue
        if any(_overlaps(e, t) for e in edits for t in taken):
            continue
        taken.extend(edits)
        applied += 1
    pieces: list[str] = []
    position = 0
    for edit in sorted(taken, key=lambda e: (e.start, e.end)):
        pieces.append(text[position : edit.start])
        pieces.append(edit.text)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), applied
