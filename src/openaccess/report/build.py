"""Build a :class:`Report` from paths, and its baseline from a report file or a git ref."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from openaccess.config import Config
from openaccess.errors import UsageError
from openaccess.page import Page
from openaccess.report.model import (
    READABLE_SCHEMAS,
    SCHEMA,
    Limits,
    PageReport,
    Report,
    measure_page,
)
from openaccess.ruledata import RuleData
from openaccess.run.pool import batch_size_for, can_fork, default_jobs, run_batches
from openaccess.run.project import Project, open_project
from openaccess.source import SourceError, decode

Progress = Callable[[int, int], None]


def limits_from_config(config: Config, data: RuleData | None = None) -> Limits:
    """The readability rules' options in effect, resolved as ``check`` resolves them."""
    from openaccess.options import resolve_options

    data = data or RuleData(config.rules_dir)
    return Limits.from_options(
        resolve_options(config, data), data.hard_words.get("en"), data.plain_words.get("en")
    )


PARALLEL_MIN_PAGES = 40  # below this, starting worker processes costs more than it saves
_BATCH = 16


class _Measuring(Struct):
    """What each worker measures with; inherited by the forked workers."""

    project: Project
    limits: Limits
    swaps: dict[str, Any]
    languages: dict[str, Any]  # formulas and targets by language (rules/languages.toml)
    html: bool
    keep_pages: bool  # in-process runs keep each page for the terminal and HTML reports
    # Language, limits, plain words and formulas of each folder config met.
    scoped: dict[Path, tuple[str, Limits, dict[str, Any], dict[str, Any]]] = field(
        default_factory=dict
    )


def build_report(
    paths: Sequence[Path],
    config: Config,
    progress: Progress | None = None,
    html: bool = False,
    jobs: int | None = None,
) -> tuple[Report, list[str]]:
    """Measure every page under ``paths`` (in worker processes when there are many).

    Returns the report and one line per file that could not be read. With ``html``, each
    page's marked text is rendered where it was measured.
    """
    project = open_project(paths, config, exclude_named=False)  # a page asked for by name
    config = project.config
    data = RuleData(config.rules_dir)
    limits = limits_from_config(config, data)
    swaps, languages = data.plain_words, data.languages
    files = project.found.files
    workers = jobs or default_jobs()
    if len(files) < PARALLEL_MIN_PAGES or not can_fork():
        workers = 1
    state = _Measuring(project, limits, swaps, languages, html, keep_pages=workers == 1)
    outcomes: list[tuple[PageReport | None, str | None]] = []
    size = batch_size_for(len(files), workers, _BATCH)
    for outcome in run_batches(files, _measure_batch, state, workers, size):
        outcomes.append(outcome)
        if progress is not None:
            progress(len(outcomes), len(files))
    pages = [page for page, _ in outcomes if page is not None]
    problems = [problem for _, problem in outcomes if problem is not None]
    return Report(pages, limits, swaps=swaps), problems


def _measure_batch(
    state: _Measuring, files: list[Path]
) -> list[tuple[PageReport | None, str | None]]:
    from openaccess.report.html import marked_text

    project = state.project
    outcomes: list[tuple[PageReport | None, str | None]] = []
    for path in files:
        shown = project.shown(path)
        try:
            page = project.store.page(path)
        except SourceError as error:
            reason = error.message.removeprefix("skipped: ")  # a binary file says so itself
            outcomes.append((None, f"{shown}:{error.line}:{error.column}: skipped: {reason}"))
            continue
        language, limits, swaps, languages = _page_settings(state, path)
        routed = project.site.language_of(path)
        measured = measure_page(page, language, limits, swaps, languages, routed)
        if state.html:
            measured.marked_html = marked_text(measured, limits, swaps)
        if not state.keep_pages:  # only the numbers travel back from a worker
            measured.page = measured.text = None
        outcomes.append((measured, None))
    return outcomes


def _page_settings(
    state: _Measuring, path: Path
) -> tuple[str, Limits, dict[str, Any], dict[str, Any]]:
    """Language, limits, plain words and language formulas for one page: its folder
    config's, if it has one (as ``check`` uses them), else the project's."""
    config = state.project.config
    folder = config.folder_config(path)
    if folder is None:
        return config.language, state.limits, state.swaps, state.languages
    if folder.folder not in state.scoped:
        settings = config.scoped(folder)
        rules = RuleData(settings.rules_dir)
        state.scoped[folder.folder] = (
            settings.language,
            limits_from_config(settings, rules),
            rules.plain_words,
            rules.languages,
        )
    return state.scoped[folder.folder]


def load_baseline(path: Path) -> dict[str, dict[str, Any]]:
    """path -> page entry of a report written by ``report --format json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline report does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{path}: cannot read baseline report: {error}") from None
    if not isinstance(data, dict) or data.get("schema") not in READABLE_SCHEMAS:
        raise UsageError(
            f'{path}: not an openaccess report (expected "schema": "{SCHEMA}");'
            " write one with 'openaccess report --format json -o FILE'"
        )
    return {p["path"]: p for p in data.get("pages", []) if isinstance(p, dict) and "path" in p}


def git_baseline(ref: str, report: Report, config: Config) -> dict[str, dict[str, Any]]:
    """Measure the same pages as they were at ``ref`` (read with ``git cat-file``; the
    working tree and index are never touched)."""
    rules = RuleData(config.rules_dir)
    by_path = {p.source: p for p in report.pages if p.source is not None}
    if not by_path:
        return {}
    first = next(iter(by_path)).parent
    top = _git(["rev-parse", "--show-toplevel"], first).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], first, what=f"'{ref}'")
    paths = list(by_path)
    names = []
    for path in paths:
        try:
            names.append(path.resolve().relative_to(Path(top).resolve()).as_posix())
        except ValueError:
            names.append(None)
    request = "".join(f"{ref}:{name}\n" for name in names if name is not None)
    contents = _cat_file_batch(request, Path(top))
    baseline: dict[str, dict[str, Any]] = {}
    for path, name in zip(paths, names, strict=True):
        data = contents.get(f"{ref}:{name}") if name else None
        if data is None:
            continue
        current = by_path[path]
        try:
            old = Page.from_decoded(path, decode(data), current.path)
        except SourceError:
            continue  # not readable text at that commit: no baseline for the page
        measured = measure_page(
            old, config.language, report.limits, rules.plain_words, rules.languages
        )
        baseline[current.path] = measured.to_dict()
    return baseline


def _git(args: list[str], cwd: Path, what: str = "") -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("comparing with a git commit needs git, which is not installed") from None
    if done.returncode != 0:
        if what:
            raise UsageError(f"git knows no commit, branch or tag {what}")
        raise UsageError(f"cannot compare with git: {cwd} is not inside a git repository")
    return done.stdout


def _cat_file_batch(request: str, top: Path) -> dict[str, bytes]:
    """Object name -> content for each ``REF:path`` line (missing files are left out)."""
    done = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=top, input=request.encode("utf-8"),
        capture_output=True, check=False,
    )  # fmt: skip
    output, position, found = done.stdout, 0, {}
    for name in request.splitlines():
        end = output.index(b"\n", position)
        header = output[position:end].decode("utf-8", "replace").split()
        position = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            found[name] = output[position : position + size]
            position += size + 1
    return found
