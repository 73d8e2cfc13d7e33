"""One way to spread per-page work over worker processes, for every command.

Workers are forked from the process that prepared the run, so they inherit what it holds
(the router, the texts already read, parsers and word lists loaded by a warm-up page)
instead of rebuilding it. Each watches its parent and exits when the parent is gone: a
parent killed outright cannot stop its pool, and orphaned workers would otherwise wait
forever while holding open files and the publish lock.

Where ``fork`` is unavailable (Windows) the work runs in the calling process.
``multiprocessing`` is imported only when a pool starts: a one-page run never pays for it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# What the forked workers work with: set right before the pool starts, inherited by fork.
_STATE: Any = None
_WORK: Callable[[Any, Any], Any] | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether workers can be forked (``multiprocessing`` offers "fork" exactly where
    ``os.fork`` exists), asked without importing ``multiprocessing``."""
    return hasattr(os, "fork")


def run_batches(
    items: Sequence[Item],
    work: Callable[[Any, list[Item]], list[Result]],
    state: Any,
    workers: int,
    batch_size: int,
    together: Callable[[Item], Hashable] | None = None,
) -> Iterator[Result]:
    """``work(state, batch)`` over ``items`` in ``workers`` forked processes, results in
    the order of ``items``. With one worker (or no fork) everything runs here.
    ``together``: see :func:`make_batches`."""
    batches = make_batches(items, batch_size, together)
    if workers <= 1 or len(batches) <= 1 or not can_fork():
        for batch in batches:
            yield from work(state, batch)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _STATE, _WORK
    _STATE, _WORK = state, work
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
        ) as pool:
            for results in pool.map(_run_batch, batches):
                yield from results
    finally:
        _STATE, _WORK = None, None


def make_batches(
    items: Sequence[Item], size: int, together: Callable[[Item], Hashable] | None = None
) -> list[list[Item]]:
    """``items`` in order, ``size`` at a time. With ``together``, a batch also takes the
    items right after it that have its last item's key, up to twice ``size``: a worker
    that measured one version of a page meets the paragraphs the others repeat in its own
    memory, instead of a second worker measuring them again. No more than twice: on a
    site of ``index.md`` pages every batch would grow, and the last ones keep one worker
    busy while the others wait."""
    batches: list[list[Item]] = []
    batch: list[Item] = []
    for item in items:
        if len(batch) >= size and (
            together is None or len(batch) >= 2 * size or together(item) != together(batch[-1])
        ):
            batches.append(batch)
            batch = []
        batch.append(item)
    if batch:
        batches.append(batch)
    return batches


def batch_size_for(count: int, workers: int, most: int) -> int:
    """Batches small enough to keep every worker busy to the end, at most ``most``."""
    return max(1, min(most, count // (workers * 4) or 1))


def _run_batch(batch: list[Any]) -> list[Any]:
    assert _WORK is not None, "worker started without work"
    return _WORK(_STATE, batch)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="openaccess-parent-watch", daemon=True).start()
