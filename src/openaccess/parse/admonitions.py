"""Python-Markdown's admonitions that carry a title of their own (``!!! warning "Only
for Docker"``): a part of the page set apart, as a box with a heading is."""

from __future__ import annotations

import re

from openaccess.parse.definitions import next_fence

# An admonition with a title of its own, as Python-Markdown writes one: '!!! warning
# "Only for Docker"' (an empty title, '""', shows none).
TITLED_ADMONITION = re.compile(r'[ \t]*!!!\+?[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]+"[^"\n]+"')


def titled_admonitions(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``body`` of each titled admonition (see
    ``TITLED_ADMONITION``): its marker line and the indented lines after it. One pass
    over the lines: linear."""
    regions: list[tuple[int, int]] = []
    open_at: tuple[int, int] | None = None  # (marker's indent, marker line's offset)
    fence, offset = "", 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            indent = len(content) - len(content.lstrip(" "))
            if open_at is not None and indent <= open_at[0]:
                regions.append((open_at[1], offset))
                open_at = None
            in_code, fence = fence, next_fence(fence, content.lstrip())
            if open_at is None and not (in_code or fence) and TITLED_ADMONITION.match(content):
                open_at = (indent, offset)
        offset += len(line)
    if open_at is not None:
        regions.append((open_at[1], offset))
    return regions
