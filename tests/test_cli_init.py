"""``openaccess init``, the GitHub Action and the pre-commit hook definition."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from cli_helpers import REPO, run

from openaccess.config import Config, build_config, load_config


def test_init_writes_config_hook_and_workflow(tmp_path, capsys, monkeypatch):
    ran = run(["init", "--pages", "content"], tmp_path, capsys, monkeypatch)
    assert ran.code == 0
    assert ran.out.splitlines() == [
        f"created {tmp_path / 'content'}/ (put your pages here)".replace(str(tmp_path) + "/", ""),
        "wrote openaccess.toml",
        "wrote .pre-commit-config.yaml",
        "wrote .github/workflows/openaccess.yml",
    ]
    config = load_config(start=tmp_path)
    assert config.pages == "content" and config.source == tmp_path / "openaccess.toml"

    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    (hook,) = hooks["repos"][0]["hooks"]
    assert (hook["id"], hook["entry"], hook["types_or"], hook["files"]) == (
        "openaccess-check",
        "openaccess check --force-exclude",
        ["markdown", "html"],
        "^content/",
    )
    workflow = yaml.safe_load((tmp_path / ".github/workflows/openaccess.yml").read_text())
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run") for step in steps]
    assert "openaccess check --format sarif --output openaccess.sarif" in runs
    # An editable install from a folder without a public remote: a placeholder to edit.
    placeholder = "openaccess-cli @ git+https://github.com/OWNER/openaccess@TAG"
    assert f"python -m pip install '{placeholder}'" in runs
    assert "edit its pip install line" in ran.err
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/"))
    assert upload["continue-on-error"] is True
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in steps
    )
    assert workflow["permissions"]["security-events"] == "write"


def test_every_commented_default_in_the_config_is_valid_and_true(tmp_path, capsys, monkeypatch):
    run(["init", "--no-pre-commit", "--no-workflow"], tmp_path, capsys, monkeypatch)
    text = (tmp_path / "openaccess.toml").read_text()
    uncommented = re.sub(r"^# (\w+ = .*)$", r"\1", text, flags=re.MULTILINE)
    assert uncommented.count("\n# ") < text.count("\n# ")
    config = build_config(tomllib.loads(uncommented), root=tmp_path)
    defaults = Config(root=tmp_path)
    assert config == defaults


def test_init_never_overwrites(tmp_path, capsys, monkeypatch):
    (tmp_path / "openaccess.toml").write_text("pages = 'mine'\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    ran = run(["init", "--no-workflow"], tmp_path, capsys, monkeypatch)
    assert ran.code == 0
    assert (tmp_path / "openaccess.toml").read_text() == "pages = 'mine'\n"
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "kept openaccess.toml (it already exists)" in ran.out
    assert "id: openaccess-check" in ran.out  # the entry to paste is shown instead
    assert not (tmp_path / ".github").exists()


def test_init_in_a_missing_folder_is_a_usage_error(tmp_path, capsys, monkeypatch):
    ran = run(["init", "nowhere"], tmp_path, capsys, monkeypatch)
    assert ran.code == 2 and "nowhere: no such folder" in ran.err


def _action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text())


def test_action_is_a_well_formed_composite_action():
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    ids = {step["id"] for step in steps if "id" in step}
    text = (REPO / "action.yml").read_text()
    used_inputs = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used_inputs <= set(action["inputs"]), used_inputs - set(action["inputs"])
    assert set(re.findall(r"steps\.([\w-]+)\.outputs", text)) <= ids
    for step in steps:
        assert "name" in step
        assert ("run" in step) != ("uses" in step)
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs reach scripts through env, never inline"
        else:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", step["uses"])
    for name, spec in action["inputs"].items():
        assert spec["description"] and "default" in spec, name
    run_lines = " ".join(step.get("run", "") for step in steps)
    assert "openaccess check" in run_lines and "--format sarif" in run_lines
    assert "openaccess publish" in run_lines
    assert any("upload-sarif" in step.get("uses", "") for step in steps)


def test_pre_commit_hook_definition():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "openaccess-check"
    assert hook["entry"] == "openaccess check --force-exclude"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html"]


def test_readme_workflows_are_valid_yaml():
    # The README and the guide; the rules reference shows broken front matter on purpose.
    guide = [page for page in sorted((REPO / "docs").glob("*.md")) if page.name != "rules.md"]
    text = "".join(path.read_text(encoding="utf-8") for path in [REPO / "README.md", *guide])
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) >= 2
    for block in blocks:
        assert yaml.safe_load(block) is not None
    assert any("openaccess check" in block and "upload-sarif" in block for block in blocks)


def test_path_of_the_config_written_is_the_one_found(tmp_path: Path, capsys, monkeypatch):
    run(["init", "--no-pre-commit", "--no-workflow"], tmp_path, capsys, monkeypatch)
    (tmp_path / "pages" / "sub").mkdir()
    assert load_config(start=tmp_path / "pages" / "sub").source == tmp_path / "openaccess.toml"


def test_init_refuses_a_pages_folder_outside_the_project(tmp_path, capsys, monkeypatch):
    """``--pages ../outside`` made a folder beside the project and a hook whose
    ``files: ^\\.\\./outside/`` pre-commit never matches (QA of 2 December)."""
    project = tmp_path / "project"
    project.mkdir()
    ran = run(["init", "--no-pre-commit", "--no-workflow", "--pages", "../outside"], project,
              capsys, monkeypatch)  # fmt: skip
    assert ran.code == 2 and ran.out == ""
    assert ran.err == (
        f"openaccess: error: --pages ../outside is outside the project folder {project};"
        " run init in the folder that holds the pages\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert list(project.iterdir()) == []
