"""Shared by the publish tests: publish a folder of pages into a temporary site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VARIED_SITE = REPO / "tests" / "sites" / "varied"
JEWELER_PAGES = REPO / "pages"
GUIDE_CONFIG = REPO / "guide.toml"  # openaccess's own user guide, docs/


def publish_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CI", None)
    return subprocess.run(
        [sys.executable, "-m", "openaccess", "publish", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def publish_copy(source: Path, workdir: Path, *args: str) -> Path:
    """Copy a project (a folder with pages/ and openaccess.toml) and publish it; for the
    repository's pages/, its openaccess.toml and rules/ come along, as CI publishes them."""
    project = workdir / source.name
    if source == JEWELER_PAGES:  # the repository's own site: its pages, config and rules
        project = workdir / "repository"
        shutil.copytree(source, project / "pages")
        shutil.copy(REPO / "openaccess.toml", project / "openaccess.toml")
        shutil.copytree(REPO / "rules", project / "rules")
    else:
        shutil.copytree(source, project)
    result = publish_cli(project, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def publish_guide(workdir: Path) -> Path:
    """Publish a copy of the user guide (docs/) with its own config, as CI publishes it."""
    project = workdir / "guide"
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copy(GUIDE_CONFIG, project / GUIDE_CONFIG.name)
    shutil.copytree(REPO / "rules", project / "rules")
    result = publish_cli(project, "--config", GUIDE_CONFIG.name)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build" / "guide"


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
