"""The pre-commit hook, run for real: ``pre-commit try-repo`` (and ``pre-commit run`` with
the guide's recipe in docs/ci.md) installs openaccess from a copy of this repository into
its own environment and runs ``openaccess-check``."""

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


def try_repo(
    hook_repo: Path, home: Path, project: Path, *files: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    chosen = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [*pre_commit(), "try-repo", str(hook_repo), "openaccess-check", *chosen],
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


def readme_recipe(hook_repo: Path, home: Path, project: Path, *files: str):
    """The guide's pre-commit recipe (docs/ci.md), pointed at the hook repository, under
    pre-commit run (one hook environment for every test: the same repo and rev)."""
    import re

    import yaml

    recipes = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- ci-recipe:pre-commit -->\n```yaml\n(.*?)```", recipes, re.S)
    assert block, "docs/ci.md lacks the pre-commit recipe"
    config = yaml.safe_load(block.group(1))
    (entry,) = config["repos"]
    assert (entry["repo"], entry["rev"]) == ("https://github.com/OWNER/openaccess", "TAG")
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    entry.update(repo=str(hook_repo), rev=rev)
    write(project / ".pre-commit-config.yaml", yaml.safe_dump(config))
    git(project, "add", ".pre-commit-config.yaml")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    chosen = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [*pre_commit(), "run", *chosen],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def docs_repository(tmp_path: Path, page: str) -> Path:
    """What a docs team's repository holds besides its pages: a README and CHANGELOG at
    the root (no front matter: not pages) and an ignored node_modules/ with Markdown."""
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n')
    write(tmp_path / "README.md", "# Our docs\n\nHow to build them.\n")
    write(tmp_path / "CHANGELOG.md", "# Changes\n\n- First release.\n")
    write(tmp_path / ".gitignore", "node_modules/\n")
    write(tmp_path / "node_modules" / "foo" / "README.md", "# foo\n")
    return project_with(tmp_path, page)


def test_hook_checks_only_the_pages(hook_repo, pre_commit_home, tmp_path):
    project = docs_repository(tmp_path, CLEAN_PAGE)
    done = readme_recipe(hook_repo, pre_commit_home, project)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output and "OA101" not in output
    # Named explicitly (as 'pre-commit run --files' does), the ignored file is left out too.
    done = try_repo(hook_repo, pre_commit_home, project, "README.md", "node_modules/foo/README.md")
    assert done.returncode == 0, done.stdout + done.stderr


def test_hook_still_fails_on_a_bad_page_beside_them(hook_repo, pre_commit_home, tmp_path):
    done = readme_recipe(hook_repo, pre_commit_home, docs_repository(tmp_path, BAD_PAGE))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "pages/ring-care.md:10:1: OA401" in output
    assert "README.md:" not in output.replace("pages/", "") and "CHANGELOG" not in output
