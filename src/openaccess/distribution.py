"""Which package a CI job should install to get this same openaccess.

The command is ``openaccess`` but the distribution is ``openaccess-cli``: the name
``openaccess`` on PyPI belongs to an unrelated project, so ``pip install openaccess``
installs someone else's library and no ``openaccess`` command. Until openaccess-cli is
published, CI installs from the git repository. ``openaccess init`` writes into the
workflow it creates exactly what this installation came from, read from the installer's
record (PEP 610 ``direct_url.json``), so the workflow checks with the version the writer
tried locally.
"""

from __future__ import annotations

import json
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from msgspec import Struct

DISTRIBUTION = "openaccess-cli"
# Shown where openaccess cannot tell which repository it was installed from.
PLACEHOLDER_SOURCE = "git+https://github.com/OWNER/openaccess@TAG"


class InstallSpec(Struct, frozen=True):
    """A pip requirement, and whether it is a guess the writer must edit."""

    requirement: str
    placeholder: bool = False


def install_spec(version: str) -> InstallSpec:
    """The pip requirement that reinstalls this openaccess on a CI runner."""
    try:
        record = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        record = None
    if record is None:  # installed from a package index: the release itself
        return InstallSpec(f"{DISTRIBUTION}=={version}")
    try:
        direct = json.loads(record)
    except json.JSONDecodeError:
        direct = {}
    source = _vcs_source(direct) or _checkout_source(direct)
    if source is None:
        return InstallSpec(f"{DISTRIBUTION} @ {PLACEHOLDER_SOURCE}", placeholder=True)
    return InstallSpec(f"{DISTRIBUTION} @ {source}")


def _vcs_source(direct: dict) -> str | None:
    """``git+URL@COMMIT`` for an install from a git repository (``pip install git+...``)."""
    vcs = direct.get("vcs_info")
    url = direct.get("url")
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or not isinstance(url, str):
        return None
    commit = vcs.get("commit_id")
    return f"git+{url}@{commit}" if isinstance(commit, str) and commit else f"git+{url}"


def _checkout_source(direct: dict) -> str | None:
    """For an install from a local clone: its ``origin`` remote at the checked-out commit,
    when that remote is a network address a CI runner can reach."""
    url = direct.get("url")
    if not isinstance(url, str) or not url.startswith("file://"):
        return None
    folder = Path(unquote(urlparse(url).path))
    remote = _git(folder, "remote", "get-url", "origin")
    commit = _git(folder, "rev-parse", "HEAD")
    if not remote or not commit or not remote.startswith(("https://", "ssh://", "git@")):
        return None
    if remote.startswith("git@"):  # scp-like syntax is not a URL pip understands
        host, _, path = remote.removeprefix("git@").partition(":")
        remote = f"ssh://git@{host}/{path}"
    return f"git+{remote}@{commit}"


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None
