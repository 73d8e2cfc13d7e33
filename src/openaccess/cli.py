"""The ``openaccess`` command line: a thin typer app over the library.

The app is ``openaccess.commands.app``; this module runs it as a process. Each command
lives in ``openaccess/commands/`` and imports its heavy dependencies inside the function,
so ``openaccess --help`` and a one-file ``check`` start fast. Errors reach the user as one
line on stderr, never as a traceback: exit 2 for usage and config errors.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from openaccess import __version__

ISSUES_URL = "the openaccess issue tracker (see 'Reporting problems' in the README)"


def console_main() -> NoReturn:
    """The ``openaccess`` command: :func:`main`, then a quick exit (see
    :func:`_exit_quickly`). ``main`` itself ends with ``SystemExit``, for callers in Python."""
    try:
        main()
    except SystemExit as done:
        _exit_quickly(_exit_status(done.code))
    _exit_quickly(0)


def main() -> None:
    from openaccess.errors import OpenAccessError

    tune_garbage_collector()
    try:
        from openaccess.commands.app import app

        app()
    except OpenAccessError as error:  # a usage or configuration problem: ConfigError, UsageError
        from openaccess.printable import clean_line

        print(f"openaccess: error: {clean_line(str(error))}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("openaccess: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as error:  # the promise: no traceback ever reaches a user
        print(
            f"openaccess: internal error: {type(error).__name__}: {error}\n"
            f"This is a bug in openaccess {__version__}. Please report it to {ISSUES_URL}"
            " with the command you ran; set OPENACCESS_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        if _debug():
            raise
        sys.exit(2)


def _exit_status(code: object) -> int:
    """The status the interpreter gives ``sys.exit(code)``: None is 0, text is printed
    and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _exit_quickly(status: int) -> NoReturn:
    """End the process without the interpreter's teardown, when nothing needs it.

    After a one-page check, freeing the word tables and parse trees object by object and
    unloading some 400 modules took about 30 ms, a tenth of the run. Nothing openaccess
    writes is left open (files are written atomically and closed), and the standard
    streams are flushed here. After a run with worker processes (all joined by then) the
    teardown took 0.1 to 0.2 s of a 4 s publish of 500 pages. A run with other threads
    (``serve``), a worker process still alive or a stream that cannot be flushed exits
    the usual way.
    """
    import threading

    if threading.active_count() > 1 or _children_alive():
        sys.exit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the usual exit reports it
        sys.exit(status)
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()  # the one exit function a run registers
    os._exit(status)


def _children_alive() -> bool:
    """Whether a process this one started through ``multiprocessing`` still runs (its
    exit handlers would wait for it); asked without importing ``multiprocessing``."""
    started = sys.modules.get("multiprocessing")
    return started is not None and bool(started.active_children())


def _debug() -> bool:
    return os.environ.get("OPENACCESS_DEBUG") == "1"


def tune_garbage_collector() -> None:
    """Collect young objects less often. Parsing allocates hundreds of thousands of
    short-lived tokens; with the default threshold (700) the collector rescans them so
    often that a 10x larger page took 20x longer. Worker processes inherit this.

    :func:`main` calls it before typer and the commands load: their imports make some
    40,000 objects that live as long as the process, and the default threshold had the
    collector scan them about 30 times, about 4 ms of a one-page check. Only the
    threshold changes, not what is collected: a long run's memory stays bounded."""
    import gc

    gc.set_threshold(100_000, 50, 100)
