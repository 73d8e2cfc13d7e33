"""The pre-commit hook, run for real: ``pre-commit try-repo`` installs openaccess from a
copy of this repository into its own environment and runs ``openaccess-check``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import CLEAN_PAGE, REPO, write

BAD_PAGE = CLEAN_PAGE + "\n![](ring.png)\n"  # an image without alt text: an error

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def pre_commit() -> list[str]:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of the package: try-repo installs what is committed."""
    repo = tmp_path_factory.mktemp("hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("src", "rules"):
        shutil.copytree(REPO / name, repo / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copyfile(REPO / name, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "hook")
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo: Path, home: Path, project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [*pre_commit(), "try-repo", str(hook_repo), "openaccess-check", "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def project_with(tmp_path: Path, page: str) -> Path:
    write(tmp_path / "pages" / "ring-care.md", page)
    write(tmp_path / "pages" / "ring.png", "x")
    write(tmp_path / "notes.txt", "not a page: the hook must not receive it\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    return tmp_path


def test_hook_fails_on_a_bad_page(hook_repo, pre_commit_home, tmp_path):
    done = try_repo(hook_repo, pre_commit_home, project_with(tmp_path, BAD_PAGE))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "openaccess check" in output and "Failed" in output
    assert "pages/ring-care.md:10:1: OA401 image 'ring.png' has no alt text" in output


def test_hook_passes_on_a_good_page(hook_repo, pre_commit_home, tmp_path):
    done = try_repo(hook_repo, pre_commit_home, project_with(tmp_path, CLEAN_PAGE))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output
