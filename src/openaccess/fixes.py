"""Applying fixes: text edits on spans of the original file, nothing else touched.

Used by ``check --fix`` and by ``publish`` (whose repairs are the same safe fixes). A fix
is applied whole or not at all; a fix overlapping one already taken waits for the next
pass, as in ruff. Re-checking and applying until nothing changes is idempotent.
"""

from __future__ import annotations

import codecs
import difflib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import pairwise

from msgspec import Struct

from openaccess.diagnostics import Applicability, Edit, Fix


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def _clashes(edit: Edit, taken: list[Edit], starts: list[int]) -> bool:
    """Whether ``edit`` overlaps a taken edit. Taken edits never overlap each other, so
    only the ones just before and after its start can (a pass stays linear in the number
    of fixes, thousands on a hostile page)."""
    index = bisect_left(starts, edit.start)
    return any(_overlaps(edit, other) for other in taken[max(0, index - 1) : index + 2])


def _self_overlapping(edits: list[Edit]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(_overlaps(a, b) for a, b in pairwise(ordered))


def select_fixes(fixes: Iterable[Fix | None], unsafe: bool) -> list[Fix]:
    """The fixes allowed at this level: safe ones, plus unsafe ones when asked."""
    return [
        fix
        for fix in fixes
        if fix is not None and (unsafe or fix.applicability is Applicability.SAFE)
    ]


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply every fix that does not overlap an earlier one; returns (text, fixes applied)."""
    taken: list[Edit] = []  # disjoint, sorted by start: a clash is with a neighbour
    starts: list[int] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        edits = list(fix.edits)
        if any(e.start > e.end or e.end > len(text) for e in edits):
            continue
        if any(_clashes(edit, taken, starts) for edit in edits) or _self_overlapping(edits):
            continue
        for edit in edits:
            index = bisect_right(starts, edit.start)
            starts.insert(index, edit.start)
            taken.insert(index, edit)
        applied += 1
    pieces: list[str] = []
    position = 0
    for edit in sorted(taken, key=lambda e: (e.start, e.end)):
        pieces.append(text[position : edit.start])
        pieces.append(edit.text)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), applied


MAX_PASSES = 10


class FixedText(Struct):
    text: str
    applied: int  # fixes applied over all passes
    passes: int
    stable: bool  # False when MAX_PASSES ran out with fixes still offered


def fix_until_stable(
    text: str,
    find_fixes: Callable[[str], Iterable[Fix | None]],
    unsafe: bool,
    max_passes: int = MAX_PASSES,
    keeps_reading: Callable[[str], bool] | None = None,
) -> FixedText:
    """Apply fixes, re-check, and repeat until no fix applies (ruff's loop).

    ``find_fixes`` re-checks a text and returns the fixes its findings offer. Fixes that
    overlapped in one pass get their turn in the next; a fix that changes nothing ends the
    loop, so a rule that keeps offering the same edit cannot spin forever.

    ``keeps_reading`` (see :func:`openaccess.parse.reading.keeps_reading`) guards safe
    fixes: a pass whose result a reader would read differently keeps only the fixes that
    do not change the reading (as ruff reverts a fix that breaks the syntax). Unsafe
    fixes may change words by design, so the guard is for safe-only runs.
    """
    guard = None if unsafe else keeps_reading
    applied = 0
    for passes in range(1, max_passes + 1):
        fixes = select_fixes(find_fixes(text), unsafe)
        if not fixes:
            return FixedText(text, applied, passes - 1, True)
        fixed, count = apply_fixes(text, fixes)
        if guard is not None and count and not guard(fixed):
            fixed, count = _apply_keeping_the_reading(text, fixes, guard)
        if count == 0 or fixed == text:
            return FixedText(text, applied, passes - 1, True)
        text, applied = fixed, applied + count
    stable = not select_fixes(find_fixes(text), unsafe)
    return FixedText(text, applied, max_passes, stable)


# Readings tried per pass to tell the fixes that change the reading from those that do
# not: a hostile page with thousands of such fixes stays linear (the rest wait).
_GUARD_TRIALS = 32


def _apply_keeping_the_reading(
    text: str, fixes: list[Fix], keeps_reading: Callable[[str], bool]
) -> tuple[str, int]:
    """Apply the fixes of one pass that keep the reading, found by halving the set: a
    group that keeps it is taken whole, one that does not is split, a single fix that
    does not is withheld. All of ``fixes`` together are known not to keep it."""
    kept: list[Fix] = []
    groups = _halves(fixes)
    trials = _GUARD_TRIALS
    while groups and trials > 0:
        group = groups.pop()
        trials -= 1
        trial, _ = apply_fixes(text, kept + group)
        if keeps_reading(trial):
            kept += group
        else:
            groups += _halves(group)
    return apply_fixes(text, kept)


def _halves(fixes: list[Fix]) -> list[list[Fix]]:
    """The two halves of ``fixes``, the first last (it is popped first); none for one."""
    half = len(fixes) // 2
    return [fixes[half:], fixes[:half]] if half else []


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """Encode fixed text exactly as the original file was: same encoding, same byte order
    mark (UTF-16 keeps its byte order). Line endings live in the text and are untouched."""
    if encoding == "utf-16":
        if original.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding)


def unified_diff(before: str, after: str, path: str) -> str:
    """A ``git diff``-style patch of one file (empty when nothing changed)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out: list[str] = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
