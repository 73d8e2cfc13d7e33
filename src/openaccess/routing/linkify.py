"""Plain full addresses that the generator's Markdown makes into links.

Hugo's Markdown (goldmark) has its ``linkify`` extension on unless the site turns it off
(``markup.goldmark.extensions.linkify: false``): ``See https://example.org/a/.`` becomes a
link to ``https://example.org/a/``. A link to the site's own address is a local link, so
its page and fragment must exist like any other. This module finds such addresses in
prose as goldmark does (``extension/linkify.go``): at the start of a line or after a
space, ``*``, ``_``, ``~`` or ``(`` (or an opening quote, when the typographer is on), and
without the punctuation that ends a sentence.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# goldmark's urlRegexp (http, https and ftp addresses; ``www.`` ones have no host to
# compare with the site's own), found after the characters that trigger it.
_ADDRESS = (
    r"(?:https?|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?"
    r"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]*)?"
)
_URL = re.compile(rf"(?:(?<=[\s*_~(])|^){_ADDRESS}", re.MULTILINE)
# With Hugo's typographer on (its default), an opening quote is a node of its own, and
# linkify starts right after it: ``"https://example.org/a/"`` links to ``/a/%22``, quote
# and all. A quote after a letter or digit opens nothing (it may close), and links nothing.
_URL_AFTER_QUOTES = re.compile(
    rf"(?:(?:(?<=[\s*_~(])|^)|(?<=(?<![^\W_])[\"'])){_ADDRESS}", re.MULTILINE
)
_ENTITY_END = re.compile(r"&[a-zA-Z0-9]+;$")
_TRAILING = "?!.,:*_~"


def bare_urls(text: str, host: str, typographer: bool = False) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of every address on ``host`` (lower case) that goldmark's
    linkify would link; ``typographer``: goldmark's typographer is on too."""
    found = []
    for match in (_URL_AFTER_QUOTES if typographer else _URL).finditer(text):
        url = _trimmed(match.group(0))
        if _host(url) == host:
            found.append((match.start(), match.start() + len(url)))
    return found


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _trimmed(url: str) -> str:
    """The address without what goldmark leaves out of the link: a final ``.``, closing
    parentheses that open nowhere in it, a character reference (``&amp;``), then any
    ``?!.,:*_~`` at its end."""
    if url.endswith("."):
        url = url[:-1]
    elif url.endswith(")"):
        unbalanced = url.count(")") - url.count("(")
        if unbalanced > 0:
            url = url[:-unbalanced]
    elif url.endswith(";"):
        entity = _ENTITY_END.search(url)
        if entity:
            url = url[: entity.start()]
    return url.rstrip(_TRAILING)
