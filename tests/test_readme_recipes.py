"""The guide's CI recipes (docs/ci.md), run: the commands of the GitHub Actions, GitLab and
plain shell recipes, and the action's own scripts, in a real docs repository (git, pages, a
root README). pip installs are not run (no network); each must install openaccess-cli. The
pre-commit recipe runs under real pre-commit in test_precommit.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from cli_helpers import CLEAN_PAGE, JEWELER, REPO, write

RECIPES = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
ACTION = yaml.safe_load((REPO / "action.yml").read_text())
BIN = Path(sys.executable).parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
INSTALL = "openaccess-cli @ git+https://github.com/OWNER/openaccess@TAG"


def recipe(name: str) -> str:
    found = re.search(rf"<!-- ci-recipe:{name} -->\n```(?:yaml|sh)\n(.*?)```", RECIPES, re.S)
    assert found, f"docs/ci.md lacks the {name} recipe"
    return found.group(1)


def environment(**extra: str) -> dict[str, str]:
    unset = ("NO_COLOR", "FORCE_COLOR", "CI", "GITHUB_ACTIONS")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(GIT_ENV, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra)
    return env


def shell(command: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """One recipe command, as a CI runner's bash runs it."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=environment(**extra),
        capture_output=True,
        text=True,
        timeout=600,
    )


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=environment())


def assert_installs_openaccess_cli(command: str) -> None:
    assert "pip install" in command
    assert f'"{INSTALL}"' in command, command


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A docs repository cloned from its origin: main has the pages; the checked-out
    branch 'topic' changes one page, as a pull request would."""
    origin = tmp_path / "origin"
    write(origin / "openaccess.toml", 'pages = "pages"\n')
    write(origin / "README.md", "# Our docs\n\nNo front matter: not a page.\n")
    write(origin / "pages" / "ring-care.md", CLEAN_PAGE)
    write(origin / "pages" / "guides" / "jeweler.md", JEWELER.read_text())
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "docs")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "topic")
    care = clone / "pages" / "ring-care.md"
    care.write_text(care.read_text() + "\n![](ring.png)\n")  # a new error
    git(clone, "commit", "-qam", "add a picture without alt text")
    return clone


# -- GitHub Actions: plain steps --------------------------------------------------------
EXPRESSIONS = {
    "${{ github.base_ref && format('--changed-since origin/{0}', github.base_ref) || '' }}": (
        "--changed-since origin/main"
    ),
    "${{ github.base_ref }}": "main",
}


def expand(command: str) -> str:
    for expression, value in EXPRESSIONS.items():
        command = command.replace(expression, value)
    assert "${{" not in command, f"unknown expression in {command}"
    return command


def test_github_recipe_on_a_pull_request(docs):
    workflow = yaml.safe_load(recipe("github"))
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["with"]["python-version"] == "3.12"
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action"))
    assert upload["continue-on-error"] is True
    summary = docs / "summary.md"
    commands = [step["run"] for step in steps if "run" in step]
    assert_installs_openaccess_cli(commands[0])
    check = shell(expand(commands[1]), docs, GITHUB_ACTIONS="true")
    assert check.returncode == 1, check.stderr  # the pull request added an error
    assert (
        "\n::error file=pages/ring-care.md,line=10,col=1,endLine=10,endColumn=14," in check.stdout
    )
    log = json.loads((docs / "reports" / "openaccess.sarif").read_text())
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["OA301", "OA401"]
    report = shell(expand(commands[2]), docs, GITHUB_STEP_SUMMARY=str(summary))
    assert report.returncode == 0, report.stderr
    text = summary.read_text()
    assert text.startswith("## Readability report") and "pages/ring-care.md" in text
    assert "jeweler" not in text  # unchanged pages stay out of the pull request's report


def step_using(steps: list[dict], action: str) -> dict:
    return next(step for step in steps if step.get("uses", "").startswith(action))


def cache_files(checkout: Path) -> dict[str, bytes]:
    """The findings and pages cached; not the front matter index, which is kept by file
    stamps and so is written again in every new checkout (docs/ci.md says so)."""
    folder = checkout / ".openaccess" / "cache"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*.json")
        if path.name != "front-matter.json"
    }


def test_cache_recipe_restores_a_cache_made_on_another_runner(docs, tmp_path):
    import shutil

    steps = yaml.safe_load(recipe("cache"))["jobs"]["check"]["steps"]
    cache = step_using(steps, "actions/cache")["with"]
    assert cache["path"] == ".openaccess/cache"
    assert cache["key"].startswith(cache["restore-keys"])
    assert cache["key"].endswith("-${{ github.sha }}")  # entries are never overwritten
    install, check = [step["run"] for step in steps if "run" in step]
    assert_installs_openaccess_cli(install)
    first = shell(check, docs)
    assert first.returncode == 1 and cache_files(docs)
    # Another runner: a fresh clone at another path, with the cache restored into it.
    other = tmp_path / "runner-2" / "work" / "docs" / "docs"
    git(tmp_path, "clone", "-q", "-b", "topic", str(docs), str(other))
    shutil.copytree(docs / ".openaccess" / "cache", other / ".openaccess" / "cache")
    restored = cache_files(other)
    second = shell(check, other)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert cache_files(other) == restored  # every page came from the cache: nothing new


def test_shard_recipe_reports_what_one_run_reports(docs):
    for number in range(8):  # enough pages for every shard to get some
        write(docs / "pages" / "more" / f"page-{number}.md", CLEAN_PAGE + "\n![](x.png)\n")
    job = yaml.safe_load(recipe("shard"))["jobs"]["check"]
    shards = job["strategy"]["matrix"]["shard"]
    assert job["strategy"]["fail-fast"] is False
    steps = job["steps"]
    cache = step_using(steps, "actions/cache")["with"]
    assert "${{ matrix.shard }}" in cache["restore-keys"]
    assert cache["key"].startswith(cache["restore-keys"])
    upload = step_using(steps, "github/codeql-action/upload-sarif")
    assert upload["continue-on-error"] is True
    assert "${{ matrix.shard }}" in upload["with"]["category"]
    command = next(step["run"] for step in steps if step.get("run", "").startswith("openaccess"))
    assert f"/{len(shards)} " in command

    def findings(sarif: Path) -> list[tuple[str, str, int]]:
        results = json.loads(sarif.read_text())["runs"][0]["results"]
        places = [r["locations"][0]["physicalLocation"] for r in results]
        return [
            (r["ruleId"], p["artifactLocation"]["uri"], p["region"]["startLine"])
            for r, p in zip(results, places, strict=True)
        ]

    split: list[tuple[str, str, int]] = []
    for shard in shards:
        done = shell(command.replace("${{ matrix.shard }}", str(shard)), docs)
        assert done.returncode in (0, 1), done.stderr
        sarif = upload["with"]["sarif_file"].replace("${{ matrix.shard }}", str(shard))
        split += findings(docs / sarif)
    whole = shell("openaccess check --format sarif --output reports/all.sarif", docs)
    assert whole.returncode == 1
    assert sorted(split) == sorted(findings(docs / "reports" / "all.sarif"))
    assert len({uri for _rule, uri, _line in split}) == 10


# -- GitHub Actions: the action -----------------------------------------------------------
def action_step(name: str) -> dict:
    return next(step for step in ACTION["runs"]["steps"] if step["name"] == name)


def run_action_step(name: str, inputs: dict[str, str], cwd: Path) -> dict[str, str]:
    """An action step's script with its env as the runner builds it; its outputs."""
    step = action_step(name)
    values = {key: spec.get("default", "") for key, spec in ACTION["inputs"].items()}
    values.update(inputs)
    env = {}
    for key, value in step.get("env", {}).items():
        value = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], value)
        env[key] = value.replace("${{ github.action_path }}", str(REPO))
    outputs = cwd / f".outputs-{len(list(cwd.glob('.outputs-*')))}"
    outputs.write_text("")
    done = shell(step["run"], cwd, GITHUB_OUTPUT=str(outputs), GITHUB_ACTIONS="true", **env)
    assert done.returncode == 0, done.stdout + done.stderr
    return dict(line.split("=", 1) for line in outputs.read_text().splitlines())


def test_action_recipe_checks_with_sarif_and_strict(docs):
    workflow = yaml.safe_load(recipe("action"))
    (used,) = [
        s for s in workflow["jobs"]["check"]["steps"] if s.get("uses") == "OWNER/openaccess@TAG"
    ]
    assert set(used["with"]) <= set(ACTION["inputs"])
    outputs = run_action_step("Check pages", used["with"], docs)
    assert outputs == {"sarif-file": "openaccess.sarif", "exit-code": "1"}
    assert json.loads((docs / "openaccess.sarif").read_text())["runs"][0]["results"]


def test_action_publish_honours_paths_and_hands_the_site_on(docs):
    write(docs / "pages" / "ring.png", "x")
    care = docs / "pages" / "ring-care.md"
    care.write_text(care.read_text().replace("![](ring.png)", "![A silver ring](ring.png)"))
    workflow = yaml.safe_load(recipe("pages"))
    (used,) = [
        s for s in workflow["jobs"]["build"]["steps"] if s.get("uses") == "OWNER/openaccess@TAG"
    ]
    assert used["with"]["upload-pages"] == "true" and set(used["with"]) <= set(ACTION["inputs"])
    inputs = {**used["with"], "paths": "pages/guides"}
    outputs = run_action_step("Publish the site", inputs, docs)
    site = Path(outputs["site-dir"])
    assert site == docs / "site" and (site / "index.html").is_file()
    published = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert any("jeweler" in name for name in published)
    assert not any("ring-care" in name for name in published), published  # not in paths
    upload = action_step("Upload the site for GitHub Pages")
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "${{ steps.publish.outputs.site-dir }}"


def test_action_sarif_upload_cannot_fail_the_job():
    upload = action_step("Upload SARIF to code scanning")
    assert upload["continue-on-error"] is True
    assert "github.event.pull_request.head.repo.full_name != github.repository" in upload["if"]
    notice = action_step("Say why there is no code scanning upload")
    assert notice["if"] == "always() && steps.upload.outcome == 'failure'"
    assert notice["run"].strip().startswith('echo "::notice title=openaccess::')
    assert ACTION["inputs"]["python-version"]["default"] == "3.12"


# -- GitLab CI ----------------------------------------------------------------------------
def test_gitlab_recipe(docs):
    job = yaml.safe_load(recipe("gitlab"))["openaccess"]
    install, *commands = job["script"]
    assert_installs_openaccess_cli(install)
    first = shell(commands[0], docs)
    assert (first.returncode, first.stdout) == (0, "")  # --exit-zero --quiet
    last = shell(commands[1], docs)
    assert last.returncode == 1  # the job fails on the error
    quality = json.loads((docs / job["artifacts"]["reports"]["codequality"]).read_text())
    assert {"OA401", "OA301"} <= {issue["check_name"].split()[0] for issue in quality}
    assert all(
        set(issue) >= {"description", "fingerprint", "severity", "location"} for issue in quality
    )
    junit = ElementTree.parse(docs / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.get("failures") == "1"


# -- plain shell --------------------------------------------------------------------------
def test_shell_recipe(docs):
    venv, install, *commands = recipe("shell").strip().splitlines()
    assert venv == "python3 -m venv .venv"
    assert_installs_openaccess_cli(install)
    done = [shell(command.replace(".venv/bin/", f"{BIN}/"), docs) for command in commands]
    assert [d.returncode for d in done] == [1, 1]
    assert "OA401  image-alt" in done[0].stdout
    assert (docs / "reports" / "openaccess.xml").is_file()
