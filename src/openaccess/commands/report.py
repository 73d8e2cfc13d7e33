"""``openaccess report``: readability scores of pages, for writers and pull requests."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

PROGRESS_MIN_PAGES = 20  # fewer pages finish before a progress bar would help


class ReportFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


def report(
    paths: list[Path] = typer.Argument(
        None, help="Pages or folders to score (default: the configured pages folder)."
    ),
    output_format: ReportFormat = typer.Option(
        ReportFormat.terminal, "--format", "-f", help="Output format.", case_sensitive=False
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file instead of the terminal."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Show grade changes against this earlier JSON report."
    ),
    compare: str | None = typer.Option(
        None,
        "--compare",
        metavar="REF",
        help="Show grade changes against the pages at this git commit or branch.",
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes (default: one per CPU)."
    ),
    config_file: Path | None = typer.Option(
        None, "--config", help="Use this config file instead of searching for one."
    ),
) -> None:
    """Score readability: grade, reading ease, words, reading time and the hardest sentences.

    Exit status: 0 report written, 2 usage or config error.
    """
    from openaccess.config import ConfigError, load_config
    from openaccess.report.build import build_report, git_baseline, load_baseline

    if baseline is not None and compare is not None:
        raise ConfigError("use --baseline or --compare, not both")
    config = load_config(explicit=config_file)
    html = output_format is ReportFormat.html
    result, skipped = _build(paths or [], config, build_report, html, jobs)
    for line in skipped:
        print(f"openaccess: {line}", file=sys.stderr)
    if baseline is not None:
        result.baseline, result.baseline_name = load_baseline(baseline), str(baseline)
    elif compare is not None:
        result.baseline = git_baseline(compare, result, config)
        result.baseline_name = f"git {compare}"
    text = _render(result, output_format, output)
    if output is None:
        sys.stdout.write(text)
        return
    from openaccess.fsutil import atomic_write
    from openaccess.report.formats import pages

    try:
        atomic_write(output, text)
    except OSError as error:
        raise ConfigError(f"{output}: cannot write report: {error.strerror or error}") from None
    print(f"Wrote the {output_format.value} report of {pages(len(result.pages))} to {output}.",
          file=sys.stderr)  # fmt: skip


def _build(paths, config, build_report, html: bool, jobs: int | None):
    """Build the report, with a progress bar on an interactive terminal for many pages."""
    if not _interactive(sys.stderr):
        return build_report(paths, config, html=html, jobs=jobs)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = None

        def advance(done: int, total: int) -> None:
            nonlocal task
            if total < PROGRESS_MIN_PAGES:
                return
            if task is None:
                task = bar.add_task("Scoring pages", total=total)
            bar.update(task, completed=done)

        return build_report(paths, config, advance, html=html, jobs=jobs)


def _render(result, output_format: ReportFormat, output: Path | None) -> str:
    from openaccess.report import formats

    if output_format is ReportFormat.terminal:
        color = output is None and _interactive(sys.stdout) and not os.environ.get("NO_COLOR")
        width = os.get_terminal_size().columns if color else None
        return formats.render_terminal(result, color, width)
    if output_format is ReportFormat.markdown:
        return formats.render_markdown(result)
    if output_format is ReportFormat.csv:
        return formats.render_csv(result)
    if output_format is ReportFormat.html:
        from openaccess.report.html import render_html

        return render_html(result)
    return formats.render_json(result)


def _interactive(stream) -> bool:
    return os.environ.get("TERM") != "dumb" and stream.isatty()
