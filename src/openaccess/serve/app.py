"""One preview run: build the site, bind, watch, serve until SIGINT or SIGTERM."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from msgspec import Struct, field

from openaccess.config import ConfigError
from openaccess.serve.live import Changes, LiveSite
from openaccess.serve.server import PreviewServer, allowed_hosts
from openaccess.serve.watch import Watcher

Say = Callable[[str], None]


class ServeOptions(Struct):
    paths: list[Path] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
    config_file: Path | None = None


def run_serve(options: ServeOptions, say: Say, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted. ``say`` prints one line for the person running it;
    ``ready`` hears the address once pages are served and changes are watched."""
    live = LiveSite(options.paths, options.config_file, say)
    started = time.monotonic()
    live.load()
    if not live.error:
        say(f"Built {_pages(live)} in {time.monotonic() - started:.1f} s.")
    server = _bind(options, live)
    port = server.server_address[1]
    host = options.host if ":" not in options.host else f"[{options.host}]"
    address = f"http://{'127.0.0.1' if options.host == '0.0.0.0' else host}:{port}{_base(live)}/"
    watcher = Watcher(
        _watched(live),
        _ignored(live),
        lambda paths: _changed(live, server, paths, say),
        lambda error: say(f"error: watching stopped: {error}"),
    )
    if not watcher.start_watching():
        say("warning: file changes are not watched; reload the page by hand")
    stop = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 1.0},
                              name="openaccess-http", daemon=True)  # fmt: skip
    previous = _stop_on_signals(stop)
    thread.start()
    say(f"Serving {address} (Ctrl+C stops). Add ?review=1 to a page to see its findings.")
    if options.open_browser:
        import webbrowser

        webbrowser.open(address)
    if ready is not None:
        ready(address)
    try:
        while not stop.wait(3600):
            pass
    finally:
        server.clients.close_all()
        server.shutdown()
        server.server_close()
        watcher.stop()
        thread.join(timeout=5)
        _restore(previous)
        say("Stopped.")


def _bind(options: ServeOptions, live: LiveSite) -> PreviewServer:
    if options.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"openaccess: warning: serving on {options.host}: other machines on the network"
            " can read the site, drafts and findings. The preview server is for writing,"
            " not for publishing.",
            file=sys.stderr,
        )
    try:
        return PreviewServer((options.host, options.port), live, allowed_hosts(options.host))
    except OSError as error:
        raise ConfigError(
            f"cannot serve on {options.host}:{options.port}: {error.strerror or error}"
            " (another server may use that port: try --port)"
        ) from None


def _changed(live: LiveSite, server: PreviewServer, paths: set[Path], say: Say) -> None:
    """One batch of changes: update the site, reload open pages as soon as they differ."""
    started = time.monotonic()

    def rendered(changes: Changes) -> None:
        server.notify(review=False)

    try:
        changes = live.changed(paths, rendered)
    except Exception as error:  # a bug must not stop the preview: say it, keep serving
        say(f"internal error while following {len(paths)} changed files: {error!r}")
        return
    told = server.notify(force=changes.forced)
    if changes.everything or changes.rendered or changes.checked:
        names = ", ".join(sorted(live.display(p) for p in changes.rendered)) or "the site"
        reloaded = f"; reloaded {told} open page{'s' if told != 1 else ''}" if told else ""
        say(f"Updated {names} in {(time.monotonic() - started) * 1000:.0f} ms{reloaded}.")


def _watched(live: LiveSite) -> list[Path]:
    """The project folder: pages, config, templates and static files all live in it."""
    folders = []
    if live.config is not None:
        folders.append(live.config.root)
    if live.project is not None:
        folders.append(live.project.root)
    if live.config is not None and live.config.source is not None:
        folders.append(live.config.source.parent)
    kept: list[Path] = []
    for folder in sorted({Path(os.path.realpath(f)) for f in folders}, key=lambda p: len(p.parts)):
        if not any(k == folder or k in folder.parents for k in kept):
            kept.append(folder)
    return kept or [Path.cwd()]


def _ignored(live: LiveSite) -> list[Path]:
    """The publish output folder (a publish while serving must not rebuild the preview)."""
    config = live.config
    if config is None:
        return []
    return [Path(os.path.realpath(config.root / config.publish.output))]


def _base(live: LiveSite) -> str:
    return live.project.router.base_path if live.project is not None else ""


def _pages(live: LiveSite) -> str:
    count = sum(1 for state in live.pages.values() if state.entry is not None)
    return f"{count} page" + ("" if count == 1 else "s")


def _stop_on_signals(stop: threading.Event) -> dict[int, object]:
    """SIGINT and SIGTERM end the wait in the main thread; the server then stops cleanly."""
    previous = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        previous[number] = signal.signal(number, lambda *_: stop.set())
    return previous


def _restore(previous: dict[int, object]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)  # type: ignore[arg-type]
