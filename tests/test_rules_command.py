"""`openaccess rules` lists and explains rules offline; internal errors never show tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from openaccess import cli
from openaccess.rules import all_rules


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openaccess", *args], capture_output=True, text=True, check=False
    )


def test_rules_lists_every_registered_rule():
    process = run("rules")
    assert process.returncode == 0
    for rule in all_rules():
        assert rule.code in process.stdout and rule.name in process.stdout


@pytest.mark.parametrize("key", ["OA404", "paragraph-wall", "oa404"])
def test_rules_explains_one_rule_by_code_or_name(key):
    process = run("rules", key)
    assert process.returncode == 0
    out = process.stdout
    assert out.startswith("OA404 paragraph-wall:")
    for part in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert part in out
    assert "WCAG: 1.3.1" in out and "Fix: available (safe" in out


def test_rules_explains_options_with_their_defaults():
    out = run("rules", "OA104").stdout
    assert "- max_length (int, default 160)" in out


def test_unknown_rule_is_a_usage_error():
    process = run("rules", "OA999")
    assert process.returncode == 2
    assert "no rule named 'OA999'" in process.stderr


def test_internal_error_is_one_line_without_traceback(monkeypatch, capsys):
    import openaccess.check

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(openaccess.check, "check_and_follow", explode)
    monkeypatch.setattr(sys, "argv", ["openaccess", "check", "pages"])
    monkeypatch.delenv("OPENACCESS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err and "report it" in err
