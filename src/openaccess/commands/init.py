"""``openaccess init``: set a project up for openaccess without asking anything.

Writes a commented ``openaccess.toml`` (every key, its meaning and default), a
``.pre-commit-config.yaml`` with the openaccess hook and a GitHub Actions workflow. Flags
choose what to write; an existing file is never overwritten: for an existing pre-commit
config the entry to add is printed instead.
"""

from __future__ import annotations

from pathlib import Path

import typer

PRE_COMMIT_FILE = ".pre-commit-config.yaml"
WORKFLOW_FILE = Path(".github") / "workflows" / "openaccess.yml"

PRE_COMMIT_ENTRY = """\
  # openaccess: checks the pages you commit (uses the openaccess installed here).
  - repo: local
    hooks:
      - id: openaccess-check
        name: openaccess check
        entry: openaccess check
        language: system
        types_or: [markdown, html]
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
          python-version: "3.12"
      - uses: actions/cache@v4
        with:
          path: .openaccess/cache
          key: openaccess-${{{{ hashFiles('openaccess.toml') }}}}-${{{{ github.sha }}}}
          restore-keys: openaccess-${{{{ hashFiles('openaccess.toml') }}}}-
      - run: python -m pip install "{install}"
      - run: openaccess check --format sarif --output openaccess.sarif
      - uses: github/codeql-action/upload-sarif@v3
        if: always() && hashFiles('openaccess.sarif') != ''
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


def init(
    folder: Path = typer.Argument(Path("."), help="Project folder to set up."),
    pages: str = typer.Option("pages", "--pages", help="Folder of the pages, in openaccess.toml."),
    pre_commit: bool = typer.Option(
        True, "--pre-commit/--no-pre-commit", help="Write .pre-commit-config.yaml."
    ),
    workflow: bool = typer.Option(
        True, "--workflow/--no-workflow", help="Write .github/workflows/openaccess.yml."
    ),
    install: str | None = typer.Option(
        None, "--install", help="What the workflow pip-installs (default: this version)."
    ),
) -> None:
    """Write openaccess.toml, a pre-commit hook and a CI workflow; never overwrites."""
    from openaccess import __version__
    from openaccess.config import ConfigError
    from openaccess.fsutil import atomic_write

    if not folder.is_dir():
        raise ConfigError(f"{folder}: no such folder")
    planned: list[tuple[Path, str]] = [(folder / "openaccess.toml", config_text(pages))]
    if pre_commit:
        planned.append((folder / PRE_COMMIT_FILE, "repos:\n" + PRE_COMMIT_ENTRY))
    if workflow:
        spec = install or f"openaccess=={__version__}"
        planned.append((folder / WORKFLOW_FILE, WORKFLOW.format(install=spec)))
    pages_dir = folder / pages
    if not pages_dir.exists():
        pages_dir.mkdir(parents=True)
        typer.echo(f"created {pages_dir}/ (put your pages here)")
    for path, text in planned:
        if path.exists():
            typer.echo(f"kept {path} (it already exists)")
            if path.name == PRE_COMMIT_FILE:
                typer.echo(f"  add this under 'repos:' in {path}:\n{PRE_COMMIT_ENTRY}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        typer.echo(f"wrote {path}")
