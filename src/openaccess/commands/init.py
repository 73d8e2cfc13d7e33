"""``openaccess init``: set a project up for openaccess without asking anything.

Writes a commented ``openaccess.toml`` (every key, its meaning and default), a
``.pre-commit-config.yaml`` with the openaccess hook and a GitHub Actions workflow. Flags
choose what to write; an existing file is never overwritten: for an existing pre-commit
config the entry to add is printed instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import typer

PRE_COMMIT_FILE = ".pre-commit-config.yaml"
WORKFLOW_FILE = Path(".github") / "workflows" / "openaccess.yml"

PRE_COMMIT_ENTRY = """\
  # openaccess: checks the pages you commit (uses the openaccess installed here).
  # --force-exclude keeps only pages under the pages folder that are not excluded
  # or git-ignored, so a README or CHANGELOG at the root is never checked.
  - repo: local
    hooks:
      - id: openaccess-check
        name: openaccess check
        entry: openaccess check --force-exclude
        language: system
        types_or: [markdown, html]
        files: {files}
        require_serial: true
"""

WORKFLOW = """\
# Checks the pages on every push and pull request: findings appear as annotations on
# the changed lines and in the Security tab (SARIF). Written by 'openaccess init'.
name: openaccess

on:
  push:
  pull_request:

permissions:
  contents: read
  security-events: write  # upload the SARIF report

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"  # openaccess needs 3.11 or newer
      - uses: actions/cache@v4
        with:
          path: .openaccess/cache
          key: openaccess-${{{{ hashFiles('openaccess.toml') }}}}-${{{{ github.sha }}}}
          restore-keys: openaccess-${{{{ hashFiles('openaccess.toml') }}}}-
      # openaccess-cli is the package; the command it installs is 'openaccess'.
      - run: {install_step}
      - run: openaccess check --format sarif --output openaccess.sarif
      # Code scanning is missing on forks' pull requests and on private repositories
      # without GitHub Advanced Security: the upload then fails without failing the job.
      - uses: github/codeql-action/upload-sarif@v3
        if: always() && hashFiles('openaccess.sarif') != ''
        continue-on-error: true
        with:
          sarif_file: openaccess.sarif
          category: openaccess
"""


def config_text(pages: str) -> str:
    """Every documented key, commented out at its default, with ``pages`` set."""
    from openaccess.config import documented_keys

    lines = [
        "# openaccess configuration. Every key is optional; the commented values are the",
        "# defaults. Unknown keys are errors, so a typo never silently does nothing.",
        "# Per-rule settings go in [rule.OA501] (or [rule.page-grade]) tables: severity,",
        "# enabled and the rule's own options ('openaccess rules CODE' lists them).",
        "# A key belongs to the [table] above it: add top-level keys before the first one.",
        "",
    ]
    section = ""
    for key, meaning, default in documented_keys():
        table, _, name = key.rpartition(".")
        if table != section:
            section = table
            lines.extend(["", f"[{table}]"])
        lines.append(f"# {meaning}")
        if key == "pages":
            lines.append(f"pages = {_toml(pages)}")
        else:
            lines.append(f"# {name} = {_toml(default)}")
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def pre_commit_entry(pages: str) -> str:
    """The ``repo: local`` hook, limited by ``files:`` to the pages folder."""
    folder = Path(pages).as_posix().strip("/")
    pattern = "^" if folder in ("", ".") else f"^{re.escape(folder)}/"
    return PRE_COMMIT_ENTRY.format(files="'" + pattern.replace("'", "''") + "'")


def init(
    folder: Path = typer.Argument(Path("."), help="Project folder to set up."),
    pages: str | None = typer.Option(
        None,
        "--pages",
        help="Folder of the pages, in openaccess.toml (default: pages, or the value in an"
        " existing config).",
    ),
    pre_commit: bool = typer.Option(
        True, "--pre-commit/--no-pre-commit", help="Write .pre-commit-config.yaml."
    ),
    workflow: bool = typer.Option(
        True, "--workflow/--no-workflow", help="Write .github/workflows/openaccess.yml."
    ),
    install: str | None = typer.Option(
        None,
        "--install",
        help="What the workflow pip-installs (default: the source this openaccess was"
        " installed from).",
    ),
) -> None:
    """Write openaccess.toml, a pre-commit hook and a CI workflow; never overwrites."""
    from openaccess import __version__
    from openaccess.distribution import install_spec
    from openaccess.errors import UsageError
    from openaccess.fsutil import atomic_write

    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    pages = _pages_folder(folder, pages)
    planned: list[tuple[Path, str]] = [(folder / "openaccess.toml", config_text(pages))]
    if pre_commit:
        planned.append((folder / PRE_COMMIT_FILE, "repos:\n" + pre_commit_entry(pages)))
    spec = install_spec(__version__)
    if workflow:
        step = install_step(install or spec.requirement)
        planned.append((folder / WORKFLOW_FILE, WORKFLOW.format(install_step=step)))
    pages_dir = folder / pages
    if not pages_dir.exists():
        pages_dir.mkdir(parents=True)
        typer.echo(f"created {pages_dir}/ (put your pages here)")
    for path, text in planned:
        if path.exists() or path.is_symlink():  # a broken symlink is kept too
            typer.echo(f"kept {path} (it already exists)")
            if path.name == PRE_COMMIT_FILE:
                typer.echo(f"  add this under 'repos:' in {path}:\n{pre_commit_entry(pages)}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        typer.echo(f"wrote {path}")
        if path.name == WORKFLOW_FILE.name and install is None and spec.placeholder:
            typer.echo(
                f"  edit its pip install line: this openaccess was installed from a folder"
                f" without a public git remote, so the workflow installs '{spec.requirement}';"
                " replace OWNER and TAG, or run init with --install SPEC",
                err=True,
            )


def install_step(requirement: str) -> str:
    """The workflow's pip install command as one YAML string: a requirement holding
    `` #`` (a comment to YAML) or quotes stays whole, and the shell gets it as one word."""
    import shlex

    command = f"python -m pip install {shlex.quote(requirement)}"
    return "'" + command.replace("'", "''") + "'"


def _inside(folder: Path, pages: str) -> str:
    """``pages`` when it lies inside the project ``folder``: pre-commit names files from
    the project's top, so a hook for ``../docs`` would never run."""
    from openaccess.errors import UsageError
    from openaccess.fsutil import is_within

    project = os.path.realpath(folder)
    if not is_within(os.path.realpath(folder / pages), project):
        raise UsageError(
            f"--pages {pages} is outside the project folder {project}; run init in the"
            " folder that holds the pages"
        )
    return pages


def _pages_folder(folder: Path, chosen: str | None) -> str:
    """``--pages``, else the pages folder of a config already in ``folder``, else ``pages``:
    init never creates a folder the configuration does not use."""
    from openaccess.config import find_config, load_config

    found = find_config(folder.resolve())
    if found is None or found[0].parent != folder.resolve():
        return _inside(folder, chosen or "pages")

    configured = load_config(explicit=found[0]).pages
    if chosen is not None and chosen != configured:
        typer.echo(
            f"{found[0].name} already sets pages = '{configured}'; using it (--pages"
            f" '{chosen}' is ignored)",
            err=True,
        )
    return configured
