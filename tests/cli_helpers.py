"""Run the real ``openaccess`` entry point in-process and capture what a user would see."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
JEWELER = REPO / "pages" / "jeweler.md"


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run(
    args: list[str],
    cwd: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Ran:
    """``openaccess ARGS`` through ``cli.main`` (error handling included), in ``cwd``."""
    from openaccess.cli import main

    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "argv", ["openaccess", *args])
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    capsys.readouterr()
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def run_process(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Ran:
    """``openaccess ARGS`` as a separate process (for start-up and no-traceback checks)."""
    command = shutil.which("openaccess", path=str(Path(sys.executable).parent))
    argv = [command] if command else [sys.executable, "-m", "openaccess"]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if env is None or "GITHUB_ACTIONS" not in env else None
    done = subprocess.run(
        [*argv, *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


CLEAN_PAGE = """---
title: Caring for silver rings
description: How to keep silver rings clean and bright.
orphan: true
---

Silver rings look best when you clean them often. Use warm water and mild soap.
Dry each ring with a soft cloth. Keep rings in a dry box when you do not wear them.
"""
