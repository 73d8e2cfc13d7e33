"""Running the real ``openaccess`` command in a subprocess, for the hostile-input tests.

These tests go through the command line so that what they prove is what a writer sees:
the exact one-line messages, the exit status, and that no traceback ever escapes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# A hang guard only (no test asserts on time): far above any legitimate run.
HANG_GUARD_SECONDS = 300

FRONT_MATTER = "---\ntitle: T\ndescription: D\n---\n"

# Run a command as root *without* the capabilities that bypass file permissions, so
# "permission denied" is real even in a container where tests run as root.
_NO_DAC = (
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
)


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def findings(self) -> list[str]:
        """Finding lines without the final summary line."""
        return [line for line in self.lines if not line.startswith(("Found ", "All clear"))]


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("OPENACCESS_DEBUG", "GITHUB_ACTIONS"):
        env.pop(name, None)
    env.update(NO_COLOR="1", PYTHONIOENCODING="utf-8", COLUMNS="200")
    env.update(extra or {})
    return env


def run_openaccess(
    *args: str,
    cwd: Path,
    timeout: float = HANG_GUARD_SECONDS,
    without_permission_override: bool = False,
    python_code: str | None = None,
    env: dict[str, str] | None = None,
) -> Outcome:
    """``python -m openaccess ARGS`` in ``cwd``; asserts the promise of no traceback."""
    command = [sys.executable, "-m", "openaccess", *args]
    if python_code is not None:
        command = [sys.executable, "-c", python_code, *args]
    if without_permission_override and os.geteuid() == 0:
        command = [permission_dropper(), *_NO_DAC, *command]
    completed = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=cli_env(env),
    )
    outcome = Outcome(completed.returncode, completed.stdout, completed.stderr)
    assert_no_crash(outcome)
    return outcome


def check(*args: str, cwd: Path, **kwargs) -> Outcome:
    """``openaccess check --no-cache ARGS``."""
    return run_openaccess("check", "--no-cache", *args, cwd=cwd, **kwargs)


def check_json(*args: str, cwd: Path, **kwargs) -> list[dict]:
    outcome = check("--format", "json", *args, cwd=cwd, **kwargs)
    assert outcome.returncode in (0, 1), outcome.stderr
    return json.loads(outcome.stdout)["diagnostics"]


def assert_no_crash(outcome: Outcome) -> None:
    for stream in (outcome.stdout, outcome.stderr):
        assert "Traceback" not in stream, stream[-3000:]
        assert "internal error" not in stream, stream[-3000:]
    assert outcome.returncode in (0, 1, 2), (outcome.returncode, outcome.stderr[-3000:])


def permission_dropper() -> str:
    """``setpriv`` (util-linux), needed to test permissions as root; else skip clearly."""
    import pytest

    found = shutil.which("setpriv")
    if found is None:
        pytest.skip("running as root and setpriv is missing: cannot make a file unreadable")
    probe = subprocess.run([found, *_NO_DAC, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root and this container cannot drop CAP_DAC_OVERRIDE")
    return found


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path
