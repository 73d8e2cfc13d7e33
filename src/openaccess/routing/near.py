"""Telling a typo from another name: how far two names are apart, and which known name
a mistyped one most likely meant. Used by the router (whose folders a link names) and
by the link rules' suggestions."""

from __future__ import annotations

from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters counts once), or
    ``limit + 1`` when it exceeds ``limit``.

    The common start and end are set aside first (a typo leaves most of a name alike),
    and only the band of cells within ``limit`` of the diagonal is computed: a cell
    farther from it is more than ``limit`` edits away."""
    a, b = _middles(a, b)
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    far = limit + 1  # every distance above the limit is "too far"
    width = len(b) + 1
    previous2: list[int] = []
    previous = [j if j <= limit else far for j in range(width)]
    for i in range(1, len(a) + 1):
        current = [far] * width
        current[0] = i if i <= limit else far
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = min(value, far)
        if min(current[low - 1 : high + 1]) > limit:
            return far
        previous2, previous = previous, current
    return previous[-1]


def _middles(a: str, b: str) -> tuple[str, str]:
    """What differs once the common start and end are removed
    (``Get-Variable``/``New-Variable``: ``Get``/``New``; ``strat``/``start``: ``ra``/``ar``)."""
    shorter = min(len(a), len(b))
    start = 0
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]


def _is_typo(a: str, b: str, span: int) -> bool:
    """Edits within ``span`` neighbouring characters, not in the first letter (``Get-Item``
    is no typo of ``Set-Item``) and not just another number (nor ``chapter-04`` of
    ``chapter-02``)."""
    if a[:1] != b[:1]:
        return False
    one, other = _middles(a, b)
    if max(len(one), len(other)) > span:
        return False
    return not ((one.isdigit() or not one) and (other.isdigit() or not other))


# Beyond this many known names, only a name that differs in letter case is suggested: a
# folder of 16,000 files with a broken link to each took 20 s to find look-alikes for.
MAX_COMPARED = 2000


class Names:
    """Known names made ready once for many :func:`closest` questions: a folder's files
    are asked about for every broken link into it."""

    __slots__ = ("by_lower", "entries")

    def __init__(self, names: Iterable[str]) -> None:
        self.entries = [(name, name.lower(), frozenset(name.lower())) for name in names]
        self.by_lower: dict[str, str] = {}
        for name, lowered, _ in self.entries:
            self.by_lower.setdefault(lowered, name)


def closest(
    wanted: str,
    candidates: Iterable[str] | Names,
    limit: int | None = None,
    span: int | None = None,
) -> str | None:
    """The candidate a typo most likely meant: at most ``limit`` edits (default one per
    five characters) and, with ``span``, all within that many neighbouring characters (a
    typo, not another word: see :func:`_is_typo`). Among more than MAX_COMPARED names,
    only one that differs in letter case, so that many questions take linear time."""
    limit = max(1, len(wanted) // 5) if limit is None else limit
    known = candidates if isinstance(candidates, Names) else Names(candidates)
    wanted = wanted.lower()
    if (same := known.by_lower.get(wanted)) is not None:
        return same  # only the case differs (CV.md for cv.md): the likeliest
    if len(known.entries) > MAX_COMPARED:
        return None
    letters = set(wanted)
    best: tuple[int, str] | None = None
    for candidate, lowered, their_letters in known.entries:
        if abs(len(lowered) - len(wanted)) > limit or len(letters ^ their_letters) > 2 * limit:
            continue  # cheap rejections before the quadratic comparison
        if span is not None and not _is_typo(wanted, lowered, span):
            continue
        distance = edit_distance(wanted, lowered, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None
