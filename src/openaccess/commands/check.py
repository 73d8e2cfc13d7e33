"""``openaccess check``."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from openaccess.check import CheckOptions, FixedFile
    from openaccess.config import Config
    from openaccess.linter import CheckResult


class Format(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


def check(
    paths: list[Path] = typer.Argument(
        None,
        help="Pages or folders to check (default: the configured pages folder).",
        readable=False,  # an unreadable page is an OA000 finding; the run goes on
    ),
    output_format: Format | None = typer.Option(
        None,
        "--format",
        "-f",
        help="Report format (default: text; github when GITHUB_ACTIONS=true).",
        case_sensitive=False,
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file; the terminal gets a summary."
    ),
    select: list[str] = typer.Option(
        [], "--select", help="Only run these rules (code, code prefix, name or category)."
    ),
    ignore: list[str] = typer.Option(
        [], "--ignore", help="Skip these rules (code, code prefix, name or category)."
    ),
    strict: bool = typer.Option(False, "--strict", help="Fail (exit 1) on warnings too."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes to the files."),
    unsafe_fixes: bool = typer.Option(
        False, "--unsafe-fixes", help="With --fix or --diff, also apply unsafe fixes."
    ),
    diff: bool = typer.Option(
        False, "--diff", help="Print the fixes as a unified diff; write nothing."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Fail only on findings not recorded in this baseline file."
    ),
    write_baseline: Path | None = typer.Option(
        None, "--write-baseline", help="Record today's findings in this file and exit 0."
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes (default: one per CPU)."
    ),
    shard: str | None = typer.Option(
        None, "--shard", help="Check only shard K of N (K/N); links still see the whole site."
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Ignore and do not update .openaccess/cache."
    ),
    external: bool = typer.Option(
        False,
        "--external",
        help="Also fetch external http(s) links (same as [links] external = true).",
    ),
    max_grade_increase: float | None = typer.Option(
        None,
        "--max-grade-increase",
        help="Fail (exit 1) when a page's reading grade rose by more than this since"
        " --grade-baseline.",
    ),
    grade_baseline: str | None = typer.Option(
        None,
        "--grade-baseline",
        metavar="REPORT_OR_REF",
        help="Report JSON file or git commit to compare grades with (--max-grade-increase).",
    ),
    config_file: Path | None = typer.Option(
        None, "--config", help="Use this config file instead of searching for one."
    ),
) -> None:
    """Lint pages: front matter, headings, links, readability and accessibility.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict, or fixes
    shown by --diff), 2 usage or config error.
    """
    from openaccess.check import CheckOptions, Shard, run_check
    from openaccess.config import ConfigError, load_config

    if baseline is not None and write_baseline is not None:
        raise ConfigError("use --baseline or --write-baseline, not both")
    if max_grade_increase is not None and grade_baseline is None:
        raise ConfigError("--max-grade-increase needs --grade-baseline (a report JSON or git ref)")
    config = load_config(explicit=config_file)
    if external:
        from dataclasses import replace

        config = replace(config, links=replace(config.links, external=True))
    options = CheckOptions(
        select=_split(select),
        ignore=_split(ignore),
        jobs=jobs,
        shard=Shard.parse(shard) if shard is not None else None,
        cache=not no_cache,
    )
    targets = paths or []
    result = run_check(targets, config, options)
    if fix or diff:
        result = _fix(targets, config, options, result, unsafe_fixes, diff)
    if write_baseline is not None:
        from openaccess.baseline import write_baseline as record

        count = record(write_baseline, result)
        _note(f"Recorded {count} finding{'s' if count != 1 else ''} in {write_baseline}.")
        raise typer.Exit(0)
    if baseline is not None:
        result = _apply_baseline(baseline, result)
    _report(result, output_format, output)
    for note in result.notes:
        _note(note)
    code = _exit_code(result, strict)
    if max_grade_increase is not None and grade_baseline is not None:  # both: checked above
        code = max(code, _grade_ratchet(targets, config, max_grade_increase, grade_baseline))
    raise typer.Exit(code)


def _grade_ratchet(targets: list[Path], config: Config, allowed: float, since: str) -> int:
    """1 when a page got harder by more than ``allowed`` grades (messages on stderr)."""
    from openaccess.report.ratchet import grade_regressions

    regressions = grade_regressions(targets, config, since, allowed)
    for regression in regressions:
        _note(regression.message(allowed))
    return 1 if regressions else 0


def _fix(
    targets: list[Path],
    config: Config,
    options: CheckOptions,
    result: CheckResult,
    unsafe: bool,
    diff: bool,
) -> CheckResult:
    from openaccess.check import run_check, run_fixes
    from openaccess.fixes import unified_diff

    fixed = run_fixes(targets, config, options, result, unsafe=unsafe, write=not diff)
    count = sum(f.applied for f in fixed)
    files = f"{len(fixed)} file{'s' if len(fixed) != 1 else ''}"
    if diff:
        sys.stdout.write("".join(unified_diff(f.before, f.after, f.display) for f in fixed))
        _note(
            f"Would fix {count} problem{'s' if count != 1 else ''} in {files}."
            if fixed
            else "No fixes available."
        )
        _warn_unstable(fixed)
        raise typer.Exit(1 if fixed else 0)
    for failed in (f for f in fixed if f.error):
        _note(f"{failed.display}: cannot write the fixes: {failed.error}")
    fixed = [f for f in fixed if not f.error]
    if not fixed:
        return result
    count = sum(f.applied for f in fixed)
    files = f"{len(fixed)} file{'s' if len(fixed) != 1 else ''}"
    _note(f"Fixed {count} problem{'s' if count != 1 else ''} in {files}.")
    _warn_unstable(fixed)
    return run_check(targets, config, options)


def _warn_unstable(fixed: list[FixedFile]) -> None:
    for item in fixed:
        if not item.stable:
            _note(f"{item.display}: fixes still changed the file after 10 passes; run again")


def _apply_baseline(file: Path, result: CheckResult) -> CheckResult:
    from openaccess.baseline import apply_baseline

    outcome = apply_baseline(file, result)
    for entry in outcome.stale:
        _note(
            f"{file}: stale entry {entry.rule} in {entry.path} (line {entry.line}:"
            f" {entry.message}) no longer occurs"
        )
    if outcome.stale:
        _note(
            f"{len(outcome.stale)} baseline entries are fixed; run --write-baseline {file}"
            " to drop them."
        )
    result.diagnostics = outcome.new
    return result


def _report(result: CheckResult, chosen: Format | None, output: Path | None) -> None:
    from openaccess.reporters import get_reporter

    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    automatic = Format.github if on_github else Format.text
    output_format = chosen or automatic
    if output is None:
        color = output_format is Format.text and _use_color()
        sys.stdout.write(get_reporter(output_format.value)(result, color))
        return
    from openaccess.config import ConfigError
    from openaccess.fsutil import atomic_write
    from openaccess.reporters.text import summary

    try:
        atomic_write(output, get_reporter(output_format.value)(result, False))
    except OSError as error:
        raise ConfigError(f"{output}: cannot write the report: {error.strerror or error}") from None
    if automatic is Format.github:
        sys.stdout.write(get_reporter("github")(result, False))
    else:
        sys.stdout.write(summary(result) + "\n")
    _note(f"Wrote the {output_format.value} report to {output}.")


def _exit_code(result: CheckResult, strict: bool) -> int:
    from openaccess.diagnostics import Severity

    failing = Severity.WARNING if strict else Severity.ERROR
    worst = result.worst
    return 1 if worst is not None and worst >= failing else 0


def _note(message: str) -> None:
    print(message, file=sys.stderr)


def _split(values: list[str]) -> list[str]:
    """Accept both ``--select OA1 --select OA2`` and ``--select OA1,OA2``."""
    return [part for value in values for part in value.split(",") if part.strip()]


def _use_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()
