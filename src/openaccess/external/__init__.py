"""``check --external``: fetch the site's external links (opt-in, off by default).

The engine (:mod:`.checker`) is plain asyncio + httpx; :mod:`.guard` refuses private
addresses after DNS resolution and on every redirect hop; :mod:`.cache` keeps working
results in ``.openaccess/cache/external-links.json``. This module ties them to a check
run: the run gathers every external link of the checked pages once, and this runs the
engine with a progress bar on a terminal and returns the results with a summary line.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openaccess.config import Config
    from openaccess.external.checker import LinkResult


def check_external(urls: list[str], config: Config) -> tuple[dict[str, LinkResult], list[str]]:
    """Results by URL without fragment, and notes for the person running the check."""
    from openaccess.cache import cache_refusal
    from openaccess.external.cache import CACHE_FILE, ResultCache
    from openaccess.external.checker import ExternalChecker

    settings = config.links
    refused = cache_refusal(config.root)
    max_age = settings.cache_max_age if refused is None else 0  # 0: neither read nor written
    cache = ResultCache(config.root / CACHE_FILE, max_age)
    distinct = sorted(set(urls))
    with _progress(len(distinct)) as advance:
        checker = ExternalChecker(settings, cache, advance)
        results = checker.run(distinct)
    notes = [refused] if refused is not None else []
    return results, [*notes, *checker.summary.notes, checker.summary.line()]


class _progress:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._bar = None

    def __enter__(self):
        if self.total and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("checking external links"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            task = self._bar.add_task("links", total=self.total)
            return lambda step: self._bar.advance(task, step)
        return None

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
