"""Watching the project folder with watchfiles (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows): the operating system wakes us on a change, so an idle
preview costs no CPU. Changes arriving within :data:`STEP_MS` of each other come as
one batch (an editor's save is often several events)."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

STEP_MS = 30  # group events this close together into one batch
# Folders no site is built from, and openaccess's own cache (written while serving).
IGNORED_FOLDERS = frozenset(
    {".git", ".hg", ".svn", ".openaccess", ".venv", "venv", "node_modules", "__pycache__",
     ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".idea", ".vscode"}
)  # fmt: skip


def watch_filter(ignored_paths: Iterable[Path]):
    """watchfiles' default filter (editor swap and backup files) plus our folders and
    the publish output folder."""
    from watchfiles import DefaultFilter

    return DefaultFilter(ignore_dirs=IGNORED_FOLDERS, ignore_paths=[str(p) for p in ignored_paths])


class Watcher(threading.Thread):
    """Calls ``on_change`` with each batch of changed paths until ``stop()``."""

    def __init__(
        self,
        folders: list[Path],
        ignored: list[Path],
        on_change: Callable[[set[Path]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(name="openaccess-watch", daemon=True)
        self.folders = folders
        self.ignored = ignored
        self.on_change = on_change
        self.on_error = on_error
        self.stopping = threading.Event()
        self.ready = threading.Event()
        # watchfiles starts watching inside its generator: a file touched in this private
        # folder until the watcher reports it tells when changes are seen.
        self._probe_folder = Path(os.path.realpath(tempfile.mkdtemp(prefix="openaccess-serve-")))
        self._probe = self._probe_folder / "probe"

    def start_watching(self, timeout: float = 10.0) -> bool:
        """Start the thread; return once it sees changes (False: not within ``timeout``)."""
        self.start()
        deadline = time.monotonic() + timeout
        while not self.ready.wait(0.05):
            if time.monotonic() > deadline or not self.is_alive():
                return False
            self._probe.write_text(str(time.monotonic()))
        return self.is_alive()

    def run(self) -> None:
        from watchfiles import watch

        try:
            changes = watch(
                *self.folders,
                self._probe_folder,
                watch_filter=watch_filter(self.ignored),
                step=STEP_MS,
                debounce=1600,
                stop_event=self.stopping,
                rust_timeout=0,
                yield_on_timeout=False,
                raise_interrupt=False,
            )
            for batch in changes:
                if self.stopping.is_set():
                    return
                # Real paths, as the site names its files: a change may be reported
                # through a symlinked folder inside the project (pages/outdir/..., a link
                # to a folder above), and was then matched to no file (QA of 2 December).
                paths = {Path(os.path.realpath(path)) for _, path in batch}
                if self._probe in paths:
                    self.ready.set()
                    paths.discard(self._probe)
                if paths:
                    self.on_change(paths)
        except Exception as error:  # reported, never a silent end of reloading
            self.on_error(error)

    def stop(self) -> None:
        """Ask the thread to end, wait for it, and remove the probe folder."""
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=5)
        shutil.rmtree(self._probe_folder, ignore_errors=True)
