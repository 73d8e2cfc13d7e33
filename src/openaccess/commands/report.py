"""``openaccess report``: readability scores of pages, for writers and pull requests."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import typer


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
    changed_since: str | None = typer.Option(
        None,
        "--changed-since",
        metavar="REF",
        help="Only the pages added or changed since git REF (its merge base with HEAD).",
    ),
    max_chars: int = typer.Option(
        60_000,
        "--max-chars",
        min=0,
        help="Markdown only: cut the report to this many characters, hardest pages first"
        " (0: no limit). The default fits a GitHub comment.",
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
    from openaccess.config import load_config
    from openaccess.errors import UsageError
    from openaccess.printable import clean_document, clean_line
    from openaccess.report.build import build_report, git_baseline, load_baseline

    if baseline is not None and compare is not None:
        raise UsageError("use --baseline or --compare, not both")
    config = load_config(explicit=config_file)
    for note in config.notes:
        print(clean_line(f"openaccess: {note}"), file=sys.stderr)
    html = output_format is ReportFormat.html
    targets = paths or []
    if changed_since is not None:
        from openaccess.gitfiles import changed_pages
        from openaccess.run.project import target_paths

        targets = changed_pages(changed_since, target_paths(targets, config))[0]
    if changed_since is not None and not targets:
        from openaccess.report.build import limits_from_config
        from openaccess.report.model import Report

        result, skipped = Report([], limits_from_config(config)), []
    else:
        result, skipped = _build(targets, config, build_report, html, jobs)
    for line in skipped:
        print(clean_line(f"openaccess: {line}"), file=sys.stderr)
    if baseline is not None:
        result.baseline, result.baseline_name = load_baseline(baseline), str(baseline)
    elif compare is not None:
        result.baseline = git_baseline(compare, result, config)
        result.baseline_name = f"git {compare}"
    text = _render(result, output_format, output, max_chars or None)
    if output is None:
        sys.stdout.write(
            clean_document(text, "json") if output_format is ReportFormat.json else text
        )
        return
    from openaccess.fsutil import write_output
    from openaccess.report.formats import pages

    try:
        write_output(output, text, [page.source for page in result.pages if page.source])
    except OSError as error:
        raise UsageError(f"{output}: cannot write report: {error.strerror or error}") from None
    print(f"Wrote the {output_format.value} report of {pages(len(result.pages))} to {output}.",
          file=sys.stderr)  # fmt: skip


def _build(paths, config, build_report, html: bool, jobs: int | None):
    """Build the report, with a progress bar on a terminal when it takes a while."""
    from openaccess.terminal import DelayedProgress

    with DelayedProgress("Scoring pages") as progress:
        return build_report(paths, config, progress, html=html, jobs=jobs)


def _render(result, output_format: ReportFormat, output: Path | None, max_chars: int | None) -> str:
    from openaccess.report import formats
    from openaccess.terminal import use_color

    if output_format is ReportFormat.terminal:
        color = output is None and use_color(sys.stdout)
        width = _width() if color else None
        return formats.render_terminal(result, color, width)
    if output_format is ReportFormat.markdown:
        return formats.render_markdown(result, max_chars)
    if output_format is ReportFormat.csv:
        return formats.render_csv(result)
    if output_format is ReportFormat.html:
        from openaccess.report.html import render_html

        return render_html(result)
    return formats.render_json(result)


def _width() -> int | None:
    """The terminal's width; None when stdout is no terminal (FORCE_COLOR in a CI log)."""
    try:
        return os.get_terminal_size().columns
    except OSError:
        return None
