"""A bounded memory of what was measured in a text, for texts pages repeat.

Versioned documentation repeats most paragraphs of one version in the next, and ``check``
takes pages with the same file name one after another, so the measurement of a paragraph
is often asked for again soon. The memory holds a bounded number of characters of text,
so a long run, or a page of huge paragraphs, cannot make it grow without limit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")
_NOT_KEPT = object()
# Of text, per memory: with what is kept for it, about 3 MB for a paragraph's sentences.
REMEMBERED_CHARACTERS = 500_000


class TextMemory(Generic[Value]):
    """Values by (text, anything else they depend on), the least recently used forgotten
    first once the texts kept add up to more than ``characters``. Threads may share one
    (``serve`` checks pages in several)."""

    def __init__(self, characters: int = REMEMBERED_CHARACTERS) -> None:
        self.characters = characters
        self.kept = 0  # characters of the texts kept
        self._values: OrderedDict[tuple[str, Hashable], Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str, more: Hashable, make: Callable[[], Value]) -> Value:
        """The value kept for ``text`` and ``more``, else ``make()`` (then kept)."""
        key = (text, more)
        with self._lock:
            found = self._values.get(key, _NOT_KEPT)
            if found is not _NOT_KEPT:
                self._values.move_to_end(key)
                return found  # type: ignore[return-value]
        value = make()
        with self._lock:
            if key not in self._values:
                self._values[key] = value
                self.kept += len(text)
            while self.kept > self.characters and self._values:
                (forgotten, _), _ = self._values.popitem(last=False)
                self.kept -= len(forgotten)
        return value
