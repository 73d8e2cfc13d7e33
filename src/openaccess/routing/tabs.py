"""The ids of MkDocs content tabs (``pymdownx.tabbed``), made from the page's text.

Each tab of ``=== "Title"`` gets an id readers can link to. Without ``slugify`` it is
``__tabbed_<set>_<tab>``, numbered in page order; with ``slugify`` it is the title's
slug, and with ``combine_header_slug`` the slug of the heading above the tab set comes
first (``## Logo`` then ``=== "Image"``: ``logo-image``). This follows pymdown-extensions
10 ``pymdownx/tabbed.py`` (``TabbedProcessor.run`` and ``TabbedTreeprocessor.run``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from msgspec import Struct

from openaccess.routing.ids import HeadingSource, get_algorithm

# pymdownx/tabbed.py TabbedProcessor.START, read one line at a time.
_TAB_MARKER = re.compile(r'^(?P<indent>[ \t]*)===(?P<special>\+|\+!|!\+|!)? +"(?P<title>.*?)" *$')


class TabIds(Struct, frozen=True):
    """How the site's ``pymdownx.tabbed`` names its tabs."""

    slugify: str | None = None  # an id algorithm's name (routing.ids); None: numbered ids
    combine_header_slug: bool = False
    separator: str = "-"

    def ids(
        self,
        body: str,
        body_start: int,
        headings: Sequence[tuple[int, str]],
        taken: Iterable[str],
        emoji_shortcodes: bool = False,
        outer_heading: str = "",
    ) -> dict[str, int]:
        """Each tab's id with the file offset of its marker line. ``headings`` are the
        page's (offset, id) in order; ``taken`` its other ids, which slugs avoid;
        ``emoji_shortcodes``: the site's pymdownx.emoji leaves ``:name:`` textless.
        ``outer_heading``: for a file pasted into a page (snippets), the id of the
        page's heading above the paste, which a tab set before the file's own first
        heading combines with."""
        tabs = list(_tabs(body, body_start))
        if self.slugify is None:
            return {f"__tabbed_{group}_{number}": start for start, _, _, group, number in tabs}
        from openaccess.parse.markdown import inline_parts

        algorithm = get_algorithm(
            self.slugify, separator=self.separator, emoji_shortcodes=emoji_shortcodes
        )
        unique = algorithm.unique(taken)
        above = _HeadingsAbove(body, body_start, headings)
        found: dict[str, int] = {}
        for start, indent, title, _, _ in tabs:
            slug = algorithm.base(HeadingSource(inline_parts(title), title))
            parent = (above.at(start, indent) or outer_heading) if self.combine_header_slug else ""
            if parent:
                slug = f"{parent}{self.separator}{slug}"
            found.setdefault(unique.auto(slug), start)
        return found


def _tabs(body: str, body_start: int) -> Iterable[tuple[int, int, str, int, int]]:
    """(offset, indent, title, set number, tab number) of each tab marker, in page order.
    A marker continues the set of the marker above it at the same indent when every
    line between them is blank or indented deeper (that set's tab bodies), unless it has
    a ``!``."""
    groups = 0
    open_sets: dict[int, tuple[int, int]] = {}  # indent -> (set number, tabs so far)
    offset = body_start
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        indent = len(content) - len(content.lstrip(" \t"))
        marker = _TAB_MARKER.match(content)
        if content.strip():
            # a line ends the sets beside or inside it; a marker may continue its own
            open_sets = {
                depth: value
                for depth, value in open_sets.items()
                if depth < indent or (marker and depth == indent)
            }
        if marker:
            special = marker.group("special") or ""
            group, count = (0, 0) if "!" in special else open_sets.get(indent, (0, 0))
            if not group:
                groups += 1
                group, count = groups, 0
            open_sets[indent] = (group, count + 1)
            yield offset + indent, indent, marker.group("title"), group, count + 1
        offset += len(line)


def heading_above(
    body: str, body_start: int, headings: Sequence[tuple[int, str]], offset: int
) -> str:
    """The id of the heading a tab set at ``offset`` (a file offset) would combine with."""
    position = offset - body_start
    indent = position - (body.rfind("\n", 0, position) + 1)
    return _HeadingsAbove(body, body_start, headings).at(offset, indent)


class _HeadingsAbove:
    """For tab sets asked for in page order: the id of the last heading before one that
    encloses it or stands beside it (``combine_header_slug``); a heading inside an
    earlier, deeper block does not count. Each heading is read once, and the ones that
    can still count are kept with their indents increasing, so a lookup is a bisection."""

    def __init__(self, body: str, body_start: int, headings: Sequence[tuple[int, str]]) -> None:
        self._body, self._body_start = body, body_start
        self._headings = iter(headings)
        self._next = next(self._headings, None)
        self._indents: list[int] = []
        self._ids: list[str] = []

    def at(self, start: int, indent: int) -> str:
        while self._next is not None and self._next[0] < start:
            offset, heading_id = self._next
            position = offset - self._body_start
            heading_indent = position - (self._body.rfind("\n", 0, position) + 1)
            # a later heading at this indent or less hides every deeper or equal one
            cut = bisect_left(self._indents, heading_indent)
            del self._indents[cut:], self._ids[cut:]
            self._indents.append(heading_indent)
            self._ids.append(heading_id)
            self._next = next(self._headings, None)
        found = bisect_right(self._indents, indent)
        return self._ids[found - 1] if found else ""
