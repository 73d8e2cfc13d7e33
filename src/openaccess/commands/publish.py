"""``openaccess publish``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

# A progress bar is worth showing from this many pages on.
PROGRESS_FROM = 20


def publish(
    paths: list[Path] = typer.Argument(
        None, help="Pages or folders to publish (default: the configured pages folder)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Folder to write the site to (default: [publish] output)."
    ),
    allow_errors: bool = typer.Option(
        False, "--allow-errors", help="Publish even when the checks report errors."
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Ignore and do not update .openaccess/cache."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Report progress off a terminal too (CI, pipes)."
    ),
    config_file: Path | None = typer.Option(
        None, "--config", help="Use this config file instead of searching for one."
    ),
) -> None:
    """Publish pages as an accessible static site (checks first; errors block).

    Writing advice (readability warnings) is left to check and report; set [publish]
    writing_findings to list it here too.

    Exit status: 0 published, 1 errors found (nothing written), 2 usage or config error.
    """
    from openaccess.config import load_config
    from openaccess.printable import clean_line
    from openaccess.publish.build import PublishOptions
    from openaccess.publish.build import publish as run_publish
    from openaccess.reporters.text import error_codes, format_line, plural
    from openaccess.terminal import use_color

    config = load_config(explicit=config_file)
    options = PublishOptions(output=output, allow_errors=allow_errors, cache=not no_cache)
    color = use_color(sys.stdout)
    with _progress(verbose) as progress:
        result = run_publish(paths or [], config, options, progress, _waiting)
    findings = [(d.sort_key, format_line(d, color)) for d in result.check.diagnostics]
    findings += [((n.path, n.line, n.column, "~"), clean_line(n.format())) for n in result.notes]
    for _, line in sorted(findings, key=lambda finding: finding[0]):
        typer.echo(line)
    for note in result.check.notes:  # remarks for the person publishing (a refused cache)
        print(clean_line(note), file=sys.stderr)
    where = clean_line(_shown(result.output))
    if not result.published:
        errors = plural(result.errors, "error") + error_codes(result.check.diagnostics)
        typer.echo(
            f"Nothing published: {errors} must be fixed first"
            " (or publish anyway with --allow-errors)."
        )
        raise typer.Exit(1)
    if result.errors:
        typer.echo(f"Published despite {plural(result.errors, 'error')} (--allow-errors).")
    if result.repaired:
        fixed = ", ".join(f"{name} {count}" for name, count in sorted(result.repaired.items()))
        typer.echo(f"Repaired in the published pages: {fixed} (run 'openaccess check --fix').")
    pages = plural(result.pages, "page")
    extras = "index, 404 page" + (", sitemap.xml" if result.sitemap else "")
    typer.echo(f"Published {pages} to {where} ({extras}).")
    if not result.sitemap:
        settings = _shown(config.source).rstrip(os.sep) if config.source else "openaccess.toml"
        typer.echo(f"No sitemap.xml: set base_url in {clean_line(settings)} to get one.")


def _shown(path: Path) -> str:
    """A folder (or file) as typed relative to here, or absolute when it is elsewhere."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative + os.sep


def _waiting() -> None:
    print("openaccess: waiting for another publish to the same folder to finish", file=sys.stderr)


class _progress:
    """A rich progress bar on a terminal; with --verbose off a terminal (CI), a plain line
    at every tenth of the pages; otherwise silent."""

    def __init__(self, verbose: bool) -> None:
        self.terminal = sys.stderr.isatty() and not os.environ.get("CI")
        self.enabled = verbose or self.terminal
        self._bar = None
        self._task = None
        self._said = 0

    def __enter__(self):
        return self.update if self.enabled else None

    def update(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if not self.terminal:
            step = max(total // 10, 1)
            if done == total or done - self._said >= step:
                print(f"openaccess: rendered {done} of {total} pages", file=sys.stderr)
                self._said = done
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("Publishing", total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
