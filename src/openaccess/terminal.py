"""The terminal: whether to colour, and a progress bar for runs that take a while.

Colour follows the two conventions CI systems and users set: ``NO_COLOR`` (no-color.org)
turns it off, ``FORCE_COLOR`` (force-color.org) turns it on where output is not a terminal
(a CI log that shows colours); otherwise colour is used on a terminal only, and never with
``TERM=dumb``. rich is imported only once a progress bar is actually shown, so a one-file
pre-commit run never pays for it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO, Any

PROGRESS_DELAY = 1.0  # seconds: quicker runs finish before a bar would help


def use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and stream.isatty()


def interactive(stream: IO[str]) -> bool:
    """A person watching a terminal (not a pipe, a file or a CI log)."""
    return os.environ.get("TERM") != "dumb" and not os.environ.get("CI") and stream.isatty()


class DelayedProgress:
    """A progress bar on stderr, shown only when stderr is an interactive terminal and the
    run is still going after :data:`PROGRESS_DELAY` seconds. Call it with (done, total)."""

    def __init__(self, label: str, delay: float = PROGRESS_DELAY) -> None:
        self.label = label
        self.delay = delay
        self.enabled = interactive(sys.stderr)
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            if done >= total or time.monotonic() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __enter__(self) -> DelayedProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
