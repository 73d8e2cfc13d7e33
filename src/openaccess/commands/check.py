"""``openaccess check``."""

from __future__ import annotations

import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from openaccess.check import CheckOptions, FixedFile
    from openaccess.config import Config
    from openaccess.diagnostics import Diagnostic, Severity
    from openaccess.gitfiles import Changes
    from openaccess.linter import CheckResult
    from openaccess.routing.base import Generator

STDIN = Path("-")


class Level(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


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
        help="Pages or folders to check (default: the configured pages folder); '-' reads"
        " one page from standard input (with --stdin-filename).",
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
    exit_zero: bool = typer.Option(
        False, "--exit-zero", help="Exit 0 even when findings would fail the run."
    ),
    min_severity: Level | None = typer.Option(
        None,
        "--min-severity",
        help="Report only findings at or above this severity (default: min_severity, info).",
        case_sensitive=False,
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print the findings only: no summary, no notes."
    ),
    statistics: bool = typer.Option(
        False, "--statistics", help="Print how many findings each rule has, not the findings."
    ),
    show_settings: bool = typer.Option(
        False,
        "--show-settings",
        help="Print the settings in effect and the file each comes from; check nothing.",
    ),
    force_exclude: bool = typer.Option(
        False,
        "--force-exclude",
        help="Check named files only when they are pages under the pages folder, not excluded"
        " and not git-ignored (for pre-commit hooks, which name every changed file).",
    ),
    changed_since: str | None = typer.Option(
        None,
        "--changed-since",
        metavar="REF",
        help="Report only findings on lines added or changed since git REF (its merge base"
        " with HEAD), plus page-wide findings of changed pages.",
    ),
    stdin_filename: Path | None = typer.Option(
        None,
        "--stdin-filename",
        metavar="PATH",
        help="With '-': the page's path, for links, config and messages.",
    ),
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
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="List every link that could not be checked, and why."
    ),
) -> None:
    """Lint pages: front matter, headings, links, readability and accessibility.

    Exit status: 0 nothing fails, 1 errors found (or warnings with --strict, or fixes
    shown by --diff; never with --exit-zero), 2 usage or config error.
    """
    from openaccess.check import CheckOptions, Shard, check_and_follow
    from openaccess.config import load_config
    from openaccess.errors import UsageError
    from openaccess.terminal import DelayedProgress

    if baseline is not None and write_baseline is not None:
        raise UsageError("use --baseline or --write-baseline, not both")
    if max_grade_increase is not None and grade_baseline is None:
        raise UsageError("--max-grade-increase needs --grade-baseline (a report JSON or git ref)")
    if statistics and output_format not in (None, Format.text, Format.json):
        raise UsageError("--statistics prints text or json; drop --format or pick one of those")
    config = load_config(explicit=config_file)
    if external:
        from msgspec.structs import replace

        config = replace(config, links=replace(config.links, external=True))
    if not quiet:
        ignored = _ignored_options(fix, diff, unsafe_fixes, show_settings, output_format)
        for note in [*config.notes, *ignored]:
            _note(note)
    least = _severity(min_severity.value if min_severity else config.min_severity)
    if show_settings:
        _show_settings(config, _split(select), _split(ignore), least, min_severity is not None)
        raise typer.Exit(0)
    targets, stdin = _targets(paths or [], stdin_filename, fix or diff)
    options = CheckOptions(
        select=_split(select),
        ignore=_split(ignore),
        jobs=jobs,
        shard=Shard.parse(shard) if shard is not None else None,
        cache=not no_cache,
        stdin=stdin,
        exclude_named=False,  # a page named here is checked: --force-exclude drops it first
    )
    changes = None
    names: set[str] = set()  # how links name the files changed or deleted
    if changed_since is not None:
        from msgspec.structs import replace

        from openaccess.gitfiles import changed_pages
        from openaccess.run.project import target_paths

        # The whole scope is read, so that links and site-wide rules (orphan pages) see
        # every page; the changed pages are checked, as in a shard, and so are the pages
        # that name one of them (their links into it may break).
        scope = target_paths(targets, config)
        changed, changes = changed_pages(changed_since, scope)
        names = changes.names(scope)
        pages = {*changed, *_naming(scope, config, names)}
        options = replace(options, only=frozenset(pages))
        targets = scope if pages else []
    if force_exclude and targets:
        targets = _pages_only(targets, config)
    if (paths or changes is not None) and not targets:  # every named file was left out
        from openaccess.linter import CheckResult

        result = CheckResult()
    else:
        with DelayedProgress("Checking pages") as progress:
            result = check_and_follow(targets, config, options, progress=progress, verbose=verbose)[
                0
            ]
    if changes is not None:
        _keep_changed(result, changes, names)
    if fix or diff:
        result = _fix(targets, config, options, result, unsafe_fixes, diff, exit_zero)
        if changes is not None:
            _keep_changed(result, changes, names)
    if write_baseline is not None:
        from openaccess.baseline import write_baseline as record

        count = record(write_baseline, result)
        _note(f"Recorded {count} finding{'s' if count != 1 else ''} in {write_baseline}.")
        raise typer.Exit(0)
    if baseline is not None:
        result = _apply_baseline(baseline, result, quiet)
    result.diagnostics = [d for d in result.diagnostics if d.severity >= least]
    result.fail_on = None if exit_zero else _fail_on(strict)
    result.waived = _fail_on(strict)
    if max_grade_increase is not None and grade_baseline is not None:  # both: checked above
        # Before any report is written, so that every format's verdict includes it.
        result.page_failures = _grade_ratchet(targets, config, max_grade_increase, grade_baseline)
    if statistics:
        statistics_text = _statistics(result, output_format is Format.json, quiet)
        _write(statistics_text, output, "statistics", result.files)
        if output is not None and not quiet:
            from openaccess.reporters.text import summary

            sys.stdout.write(summary(result) + "\n")  # as a report written to a file does
            _note(f"Wrote the statistics to {output}.")
    else:
        _report(result, output_format, output, quiet)
    if not quiet:
        for note in [*result.notes, *result.details]:
            _note(note)
        if not result.files and not force_exclude and changes is None and shard is None:
            # "All clear" alone would pass CI on an empty or mistyped folder.
            _note(_no_pages(result, targets, config))
    for _path, why in result.page_failures:
        _note(why)
    raise typer.Exit(1 if result.failed else 0)


def _no_pages(result: CheckResult, targets: list[Path], config: Config) -> str:
    """Why a run checked no page: none there, or the site's build leaves them all out."""
    shown = ", ".join(result.looked_in or [str(p) for p in targets] or [str(config.pages)])
    if result.left_out:
        pages = "page" if result.left_out == 1 else "pages"
        return (
            f"No pages to check in {shown}: the site's build leaves out its {result.left_out}"
            f" {pages} (a redirect, a draft or an excluded file); name a page to check it."
        )
    return f"No pages found in {shown}: pages end in .md, .markdown, .html or .htm."


def _ignored_options(
    fix: bool, diff: bool, unsafe_fixes: bool, show_settings: bool, output_format: Format | None
) -> list[str]:
    """What an option given with another does not do, said rather than ignored."""
    notes = []
    if unsafe_fixes and not (fix or diff):
        notes.append("note: --unsafe-fixes takes effect only with --fix or --diff")
    if fix and diff:
        notes.append("note: --diff shows the fixes without writing them; --fix is not applied")
    if output_format not in (None, Format.text) and (diff or show_settings):
        printed = "--diff prints a diff" if diff else "--show-settings prints text"
        notes.append(f"note: --format {output_format.value} is not used: {printed}")
    return notes


def _severity(label: str) -> Severity:
    from openaccess.diagnostics import Severity

    return Severity.parse(label)


def _fail_on(strict: bool) -> Severity:
    from openaccess.diagnostics import Severity

    return Severity.WARNING if strict else Severity.ERROR


def _targets(
    paths: list[Path], stdin_filename: Path | None, fixing: bool
) -> tuple[list[Path], tuple[Path, bytes] | None]:
    """The paths to check, and the page read from standard input for ``-``."""
    from openaccess.errors import UsageError

    if STDIN not in paths:
        if stdin_filename is not None:
            raise UsageError("--stdin-filename goes with '-' (the page on standard input)")
        return paths, None
    if len(paths) > 1:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    if fixing:
        raise UsageError("--fix and --diff work on files; they cannot read standard input")
    name = (stdin_filename or Path("stdin.md")).absolute()
    return [name], (name, sys.stdin.buffer.read())


def _pages_only(paths: list[Path], config: Config) -> list[Path]:
    """``--force-exclude``: the named paths that are under the pages folder, not excluded
    and not ignored by git (a hook names every changed file, README and CHANGELOG too)."""
    from openaccess.discovery import is_excluded

    pages = config.pages_dir
    kept = []
    for path in paths:
        absolute = Path(os.path.realpath(path))
        if absolute != pages and pages not in absolute.parents:
            continue
        relative = absolute.relative_to(pages).as_posix()
        if relative != "." and config.exclude and is_excluded(relative, config.exclude):
            continue
        kept.append(path)
    if config.respect_gitignore and kept:
        from openaccess.gitfiles import ignored

        skipped = ignored(kept, config.pages_dir)
        kept = [path for path in kept if Path(os.path.abspath(path)) not in skipped]
    return kept


def _keep_changed(result: CheckResult, changes: Changes, names: set[str]) -> None:
    """Findings on changed lines, page-wide findings of changed pages, and, on any page,
    findings about links that name a changed or deleted file (``names``: a renamed heading
    or page breaks links on pages nobody changed)."""
    from openaccess.rules import lookup

    kept = []
    for d in result.diagnostics:
        path = Path(os.path.realpath(d.path))
        rule = lookup(d.code)
        page_wide = rule is None or rule.page_level
        if changes.touched(path):
            if page_wide or changes.covers(path, d.line, d.end_line):
                kept.append(d)
        elif rule is not None and rule.reads_other_pages and _names_one(path, d, names):
            kept.append(d)
    result.diagnostics = kept


def _naming(scope: list[Path], config: Config, names: set[str]) -> set[Path]:
    """Pages of ``scope`` whose text has one of ``names`` (real paths)."""
    from openaccess.discovery import discover

    encoded = [name.encode() for name in names]
    if not encoded:
        return set()
    found = set()
    for page in discover(scope, config.exclude, config.pages_dir, config.respect_gitignore).files:
        try:
            if page.stat().st_size > config.max_file_size:
                continue
            text = page.read_bytes().lower()
        except OSError:
            continue
        if any(name in text for name in encoded):
            found.add(Path(os.path.realpath(page)))
    return found


def _names_one(path: Path, diagnostic: Diagnostic, names: set[str]) -> bool:
    """Whether the text a finding flags (a link) names one of the changed pages."""
    from openaccess.source import LineIndex

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    lines = LineIndex(text)
    start = lines.offset(diagnostic.line, diagnostic.column)
    end = lines.offset(diagnostic.end_line, diagnostic.end_column)
    flagged = text[start:end].lower()
    # As a whole name in the link ('cv' in 'guides/cv.md#layout', not in 'cvs.md').
    return any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flagged) for name in names)


def _statistics(result: CheckResult, as_json: bool, quiet: bool) -> str:
    """Findings counted by rule, most first (ruff's --statistics)."""
    from collections import Counter

    from openaccess.reporters.text import summary

    counts = Counter((d.code, d.name) for d in result.diagnostics)
    fixable = Counter((d.code, d.name) for d in result.diagnostics if d.fix is not None)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        import json

        document = [
            {"code": code, "name": name, "count": count, "fixable": fixable[(code, name)]}
            for (code, name), count in rows
        ]
        return json.dumps(document, indent=2) + "\n"
    lines = [
        f"{count:>6}  {code:<6} {name}{'  (fixable)' if fixable[(code, name)] else ''}"
        for (code, name), count in rows
    ]
    if not quiet:
        lines.append(summary(result))
    return "".join(line + "\n" for line in lines)


def _generator_row(config: Config, generator: Generator | None) -> tuple[str, object, str]:
    """The site generator the router uses, and how it was found."""
    if generator is None:
        style = config.links.url_style
        how = "no generator config found" + (
            f"; [links] url_style = {style}" if style != "plain" else ""
        )
        return ("generator (detected)", "none", how)
    found = _where(str(generator.config_file)) if generator.config_file else "defaults"
    content = f"content folder {generator.content or '.'}"
    return ("generator (detected)", generator.name, f"{found}; {content}")


def _show_settings(
    config: Config, select: list[str], ignore: list[str], least: Severity, from_cli: bool
) -> None:
    """The settings a check would use, each with the file it came from (or 'default')."""
    from openaccess.config import settings_rows
    from openaccess.routing.detect import load_detected, with_generator_settings

    source = _where(str(config.source)) if config.source else "none found (defaults)"
    lines = [f"config file: {source}", f"project folder: {config.root}"]
    generator = load_detected(config)
    rows = settings_rows(with_generator_settings(config, generator))
    rows.append(_generator_row(config, generator))
    # What the command line changes comes last.
    if select:
        rows.append(("select", select, "command line --select"))
    if ignore:
        rows.append(("ignore (added)", ignore, "command line --ignore"))
    if from_cli:
        rows.append(("min_severity", least.label, "command line --min-severity"))
    width = max(len(f"{key} = {_shown(value)}") for key, value, _ in rows)
    lines += [
        f"  {f'{key} = {_shown(value)}':<{width}}  # {_where(origin)}"
        for key, value, origin in rows
    ]
    for folder in config.folders:
        lines.append(
            f"folder config for pages in {_where(str(folder.folder))}: {_where(str(folder.source))}"
        )
        for key, value, origin in settings_rows(config.scoped(folder), folder.origins):
            if key.split(".")[0] in folder.values or key.startswith("rule."):
                lines.append(f"  {key} = {_shown(value)}  # {_where(origin)}")
    sys.stdout.write("\n".join(lines) + "\n")


def _where(origin: str) -> str:
    """A file as a user would type it here: relative below the working directory."""
    path = Path(origin)
    if not path.is_absolute():
        return origin
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return origin


def _shown(value: object) -> str:
    import json

    if isinstance(value, Path):
        value = str(value)
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)


def _grade_ratchet(
    targets: list[Path], config: Config, allowed: float, since: str
) -> list[tuple[str, str]]:
    """(page, why) for every page that got harder by more than ``allowed`` grades."""
    from openaccess.report.ratchet import grade_regressions

    regressions = grade_regressions(targets, config, since, allowed)
    return [(regression.path, regression.message(allowed)) for regression in regressions]


def _fix(
    targets: list[Path],
    config: Config,
    options: CheckOptions,
    result: CheckResult,
    unsafe: bool,
    diff: bool,
    exit_zero: bool,
) -> CheckResult:
    from openaccess.check import run_check, run_fixes
    from openaccess.fixes import unified_diff
    from openaccess.printable import clean_patch

    fixed = run_fixes(targets, config, options, result, unsafe=unsafe, write=not diff)
    count = sum(f.applied for f in fixed)
    files = f"{len(fixed)} file{'s' if len(fixed) != 1 else ''}"
    if diff:
        patch = "".join(unified_diff(f.before, f.after, f.display) for f in fixed)
        sys.stdout.write(clean_patch(patch))
        _note(
            f"Would fix {count} problem{'s' if count != 1 else ''} in {files}."
            if fixed
            else "No fixes available."
        )
        _warn_unstable(fixed)
        raise typer.Exit(1 if fixed and not exit_zero else 0)
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


def _apply_baseline(file: Path, result: CheckResult, quiet: bool) -> CheckResult:
    from openaccess.baseline import apply_baseline

    outcome = apply_baseline(file, result)
    result.known = len(result.diagnostics) - len(outcome.new)
    result.diagnostics = outcome.new
    if quiet:
        return result
    for entry in outcome.stale:
        _note(
            f"{file}: stale entry {entry.rule} in {entry.path} (line {entry.line}:"
            f" {entry.message}) no longer occurs"
        )
    if outcome.stale:
        count = len(outcome.stale)
        entries = "1 baseline entry is" if count == 1 else f"{count} baseline entries are"
        them = "it" if count == 1 else "them"
        _note(f"{entries} fixed; run --write-baseline {file} to drop {them}.")
    return result


def _write(text: str, output: Path | None, what: str, pages: list[str]) -> None:
    """``text`` to standard output, or atomically to ``output`` (missing folders made;
    never one of the ``pages`` checked)."""
    if output is None:
        sys.stdout.write(text)
        return
    from openaccess.errors import UsageError
    from openaccess.fsutil import write_output

    try:
        write_output(output, text, pages)
    except OSError as error:
        raise UsageError(f"{output}: cannot write the {what}: {error.strerror or error}") from None


# Formats printed as one JSON or XML document (their text lines are cleaned line by line).
_DOCUMENTS = {Format.json: "json", Format.sarif: "json", Format.gitlab: "json", Format.junit: "xml"}


def _report(result: CheckResult, chosen: Format | None, output: Path | None, quiet: bool) -> None:
    from openaccess.printable import clean_document
    from openaccess.reporters import get_reporter
    from openaccess.terminal import use_color

    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    automatic = Format.github if on_github else Format.text
    output_format = chosen or automatic
    if output is None:
        color = output_format is Format.text and use_color(sys.stdout)
        text = get_reporter(output_format.value)(result, color)
        if quiet and output_format in (Format.text, Format.github):
            text = _without_summary(text)
        if output_format in _DOCUMENTS:
            text = clean_document(text, _DOCUMENTS[output_format])
        sys.stdout.write(text)
        return
    from openaccess.reporters.text import summary

    _write(get_reporter(output_format.value)(result, False), output, "report", result.files)
    if automatic is Format.github:
        annotations = get_reporter("github")(result, False)
        sys.stdout.write(_without_summary(annotations) if quiet else annotations)
    elif not quiet:
        sys.stdout.write(summary(result) + "\n")
    if not quiet:
        _note(f"Wrote the {output_format.value} report to {output}.")


def _without_summary(text: str) -> str:
    """The report's lines without its last one, the summary (``--quiet``)."""
    return "".join(text.splitlines(keepends=True)[:-1])


def _note(message: str) -> None:
    from openaccess.printable import clean_line

    print(clean_line(message), file=sys.stderr)


def _split(values: list[str]) -> list[str]:
    """Accept both ``--select OA1 --select OA2`` and ``--select OA1,OA2``."""
    return [part for value in values for part in value.split(",") if part.strip()]
