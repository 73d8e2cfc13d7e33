"""``openaccess check``."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

import typer


class Format(str, Enum):
    text = "text"
    json = "json"


def check(
    paths: list[Path] = typer.Argument(
        None, help="Pages or folders to check (default: the configured pages folder)."
    ),
    output_format: Format = typer.Option(
        Format.text, "--format", "-f", help="Output format.", case_sensitive=False
    ),
    select: list[str] = typer.Option(
        [], "--select", help="Only run these rules (code, code prefix, name or category)."
    ),
    ignore: list[str] = typer.Option(
        [], "--ignore", help="Skip these rules (code, code prefix, name or category)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on warnings too."),
    config_file: Path | None = typer.Option(
        None, "--config", help="Use this config file instead of searching for one."
    ),
) -> None:
    """Lint pages: front matter, headings, links, readability and accessibility.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 usage or
    config error.
    """
    from openaccess.check import CheckOptions, run_check
    from openaccess.config import load_config
    from openaccess.diagnostics import Severity
    from openaccess.reporters import get_reporter

    config = load_config(explicit=config_file)
    result = run_check(paths or [], config, CheckOptions(select=_split(select), ignore=_split(ignore)))
    color = output_format is Format.text and _use_color()
    sys.stdout.write(get_reporter(output_format.value)(result, color))
    failing = Severity.WARNING if strict else Severity.ERROR
    worst = result.worst
    raise typer.Exit(1 if worst is not None and worst >= failing else 0)


def _split(values: list[str]) -> list[str]:
    """Accept both ``--select OA1 --select OA2`` and ``--select OA1,OA2``."""
    return [part for value in values for part in value.split(",") if part.strip()]


def _use_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()
