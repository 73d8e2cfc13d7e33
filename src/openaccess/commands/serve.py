"""``openaccess serve``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def serve(
    paths: list[Path] = typer.Argument(
        None, help="Pages or folders to serve (default: the configured pages folder)."
    ),
    port: int = typer.Option(8000, "--port", "-p", help="Port to listen on (0: any free port)."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on; others than this machine's warn."
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the site in the browser."),
    config_file: Path | None = typer.Option(
        None, "--config", help="Use this config file instead of searching for one."
    ),
) -> None:
    """Preview the site as publish would build it; pages reload on save.

    Add ?review=1 to a page's address (or follow its "Review" link) to see every finding
    marked in the text. Nothing is written to the output folder. Ctrl+C stops.
    Exit status: 0 stopped, 2 usage or config error (a port in use).
    """
    from openaccess.config import ConfigError
    from openaccess.serve import ServeOptions, run_serve

    if not 0 <= port <= 65535:
        raise ConfigError(f"--port must be between 0 and 65535, got {port}")
    options = ServeOptions(list(paths or []), host, port, open_browser, config_file)
    run_serve(options, _say)


def _say(line: str) -> None:
    from openaccess.linter import one_line

    print(f"openaccess: {one_line(line)}", file=sys.stderr, flush=True)
