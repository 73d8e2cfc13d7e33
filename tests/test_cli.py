"""The ``check`` command as users meet it: exit codes, config discovery, suppressions,
start-up cost, and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import CLEAN_PAGE, run, run_process, write

ERROR_PAGE = CLEAN_PAGE + "\n![](ring.png)\n"  # OA401 image-alt is an error
WARNING_PAGE = CLEAN_PAGE + "\n<br>\n"  # OA403 spacing-br is a warning


def check(cwd: Path, capsys, monkeypatch, *args: str):
    return run(["check", "--no-cache", *args], cwd, capsys, monkeypatch)


@pytest.mark.parametrize(
    ("text", "strict", "code"),
    [
        (CLEAN_PAGE, False, 0),
        (WARNING_PAGE, False, 0),
        (WARNING_PAGE, True, 1),
        (ERROR_PAGE, False, 1),
    ],
)
def test_exit_codes(tmp_path, capsys, monkeypatch, text, strict, code):
    write(tmp_path / "ring.png", "x")
    write(tmp_path / "page.md", text)
    args = ["--ignore", "OA509", *(["--strict"] if strict else []), "page.md"]
    assert check(tmp_path, capsys, monkeypatch, *args).code == code


def test_usage_errors_exit_2_in_one_line(tmp_path, capsys, monkeypatch):
    ran = check(tmp_path, capsys, monkeypatch, "missing.md")
    assert ran.code == 2
    assert ran.err.count("\n") == 1 and "missing.md: no such file or folder" in ran.err
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA999", ".")
    assert ran.code == 2 and "'OA999' matches no rule" in ran.err


def test_usage_and_configuration_errors_are_told_apart(tmp_path):
    """Both stop the run with exit 2 (cli.main reports any OpenAccessError in one line);
    a mistake on the command line is never blamed on a config file, nor the reverse."""
    from openaccess.check import Shard
    from openaccess.config import build_config
    from openaccess.discovery import discover
    from openaccess.errors import ConfigError, OpenAccessError, UsageError
    from openaccess.linter import Linter

    assert issubclass(UsageError, OpenAccessError) and issubclass(ConfigError, OpenAccessError)
    assert not issubclass(UsageError, ConfigError) and not issubclass(ConfigError, UsageError)
    config = build_config({}, tmp_path)
    with pytest.raises(UsageError, match="--shard must be K/N"):
        Shard.parse("5/4")
    with pytest.raises(UsageError, match="no such file or folder"):
        discover([tmp_path / "missing.md"], [], tmp_path)
    with pytest.raises(UsageError, match="'OA999' matches no rule"):
        Linter(config, select=["OA999"])
    with pytest.raises(ConfigError, match="key 'select': 'OA999' matches no rule"):
        Linter(build_config({"select": ["OA999"]}, tmp_path))
    with pytest.raises(ConfigError, match="unknown key 'colour'"):
        build_config({"colour": "red"}, tmp_path)


def test_config_is_found_from_a_subfolder(tmp_path, capsys, monkeypatch):
    write(tmp_path / "openaccess.toml", 'pages = "content"\nignore = ["OA509", "OA401"]\n')
    write(tmp_path / "content" / "page.md", ERROR_PAGE)
    write(tmp_path / "content" / "ring.png", "x")
    sub = tmp_path / "content" / "deeper"
    sub.mkdir()
    ran = check(sub, capsys, monkeypatch)
    assert (ran.code, ran.out) == (0, "All clear: no problems in 1 file.\n")


def test_pyproject_tool_table_is_found_from_a_subfolder(tmp_path, capsys, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.openaccess]\npages = "docs"\nselect = ["OA401"]\n')
    write(tmp_path / "docs" / "page.md", ERROR_PAGE)
    write(tmp_path / "docs" / "ring.png", "x")
    (tmp_path / "docs" / "sub").mkdir()
    ran = check(tmp_path / "docs" / "sub", capsys, monkeypatch)
    assert ran.code == 1
    assert ran.out.splitlines()[0].startswith("../page.md:10:1: OA401 ")


def test_unknown_config_key_exits_2_naming_the_key(tmp_path, capsys, monkeypatch):
    write(tmp_path / "openaccess.toml", 'pages = "."\nreadabilty = 8\n')
    write(tmp_path / "page.md", CLEAN_PAGE)
    ran = check(tmp_path, capsys, monkeypatch)
    assert ran.code == 2
    assert "unknown key 'readabilty'" in ran.err
    assert ran.out == ""


SUPPRESSED = """---
title: Ring care
description: Keep rings clean.
orphan: true
---

<!-- openaccess-disable-next-line OA401 -->
![](one.png)

![](two.png)

<!-- openaccess-disable image-alt -->
![](three.png)
<!-- openaccess-enable image-alt -->

![](four.png)
"""


def test_suppression_comments(tmp_path, capsys, monkeypatch):
    write(tmp_path / "page.md", SUPPRESSED)
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA401", "--format", "json", "page.md")
    images = [d["message"].split("'")[1] for d in json.loads(ran.out)["diagnostics"]]
    assert images == ["two.png", "four.png"]


def test_front_matter_ignore(tmp_path, capsys, monkeypatch):
    text = SUPPRESSED.replace("orphan: true", "orphan: true\nopenaccess: {ignore: [OA401]}")
    write(tmp_path / "page.md", text)
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA401", "page.md")
    assert (ran.code, ran.out) == (0, "All clear: no problems in 1 file.\n")


def test_no_traceback_on_hostile_input(tmp_path):
    write(tmp_path / "bad.md", "---\ntitle: [unclosed\n---\n\n# Hi\n")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.md").write_bytes("caf\xe9".encode("latin-1"))
    ran = run_process(["check", "--no-cache", "."], tmp_path)
    assert ran.code == 1
    assert "Traceback" not in ran.err + ran.out
    assert "latin1.md:1:4: OA000 not valid UTF-8: byte 3 (0xe9)" in ran.out


HEAVY = ("textstat", "bs4", "html5lib", "httpx", "jinja2", "pygls", "lsprotocol", "jsonschema")
# Runs the command with its arguments in a fresh process, then the report's code, which
# sets ``found`` (names), printed last on standard error.
PROBE = """
import sys
from openaccess.cli import main
sys.argv = ["openaccess", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
{report}
print("FOUND=" + ",".join(found), file=sys.stderr)
"""


def probe(report: str, args: list[str], cwd: Path) -> tuple[str, str]:
    """(the names ``report`` found after the command ran, comma-joined; its stdout)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(report=report), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("FOUND=")]
    return line.removeprefix("FOUND="), done.stdout


def imported_heavy_modules(
    args: list[str], cwd: Path, heavy: tuple[str, ...] = HEAVY
) -> tuple[str, str]:
    return probe(f"found = sorted(m for m in {heavy!r} if m in sys.modules)", args, cwd)


def test_the_command_prints_everything_before_its_quick_exit(tmp_path, capsys, monkeypatch):
    """The ``openaccess`` command ends with ``os._exit`` (no interpreter teardown): all its
    output must be flushed first, through a pipe (block-buffered) too, and its exit status
    kept."""
    write(tmp_path / "page.md", ERROR_PAGE)
    buffered = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "GITHUB_ACTIONS")
    }
    for args in (["rules"], ["check", "--no-cache", "--format", "json", "page.md"]):
        done = subprocess.run(
            [sys.executable, "-m", "openaccess", *args],
            cwd=tmp_path,
            env=buffered,
            capture_output=True,
            text=True,
            timeout=120,
        )
        ran = run(args, tmp_path, capsys, monkeypatch)
        assert (done.returncode, done.stdout, done.stderr) == (ran.code, ran.out, ran.err)
    missing = run_process(["check", "nope.md"], tmp_path)
    assert missing.code == 2
    assert missing.err.startswith("openaccess: error:")


def test_a_run_with_worker_processes_also_prints_everything_before_its_quick_exit(tmp_path):
    """Once its workers are joined, a parallel run exits without the teardown too: its
    output, through a pipe, is the same as a run in one process."""
    for number in range(30):  # over PARALLEL_THRESHOLD: worker processes check the pages
        write(tmp_path / f"page{number:02}.md", ERROR_PAGE)
    command = [sys.executable, "-m", "openaccess", "check", "--no-cache", "--format", "json", "."]
    runs = [
        subprocess.run(
            [*command, "--jobs", jobs], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        for jobs in ("2", "1")
    ]
    assert [done.returncode for done in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout
    assert len(json.loads(runs[0].stdout)["diagnostics"]) >= 30


def test_a_worker_process_still_running_means_the_usual_exit():
    import multiprocessing

    from openaccess.cli import _children_alive

    assert not _children_alive()
    child = multiprocessing.get_context("spawn").Process(target=input)  # waits for stdin
    child.start()
    try:
        assert _children_alive()
    finally:
        child.terminate()
        child.join()
    assert not _children_alive()


def test_the_command_module_loads_typer_only_once_the_collector_is_tuned():
    """``main`` tunes the garbage collector, then loads the typer app: the imports of typer
    and the commands run under the tuned threshold (see ``tune_garbage_collector``). An
    audit hook records the threshold when typer is imported during ``openaccess --version``."""
    probe = (
        "import gc, sys\n"
        "seen = []\n"
        "def hook(event, args):\n"
        "    if event == 'import' and args[0] == 'typer' and not seen:\n"
        "        seen.append(gc.get_threshold()[0])\n"
        "sys.addaudithook(hook)\n"
        "import openaccess.cli\n"
        "loaded = 'typer' in sys.modules\n"
        "sys.argv = ['openaccess', '--version']\n"
        "try:\n"
        "    openaccess.cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(loaded, seen)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split("\n")[-2] == "False [100000]", done.stdout + done.stderr


def test_help_imports_no_heavy_module(tmp_path):
    heavy, out = imported_heavy_modules(["--help"], tmp_path)
    assert "check" in out
    assert heavy == ""


def test_a_check_without_a_cache_loads_neither_the_cache_nor_hashlib(tmp_path):
    """Without a cache nothing is hashed: the cache module and hashlib (about 4 ms) stay
    unloaded, with every rule on. With the cache they load."""
    write(tmp_path / "page.md", ERROR_PAGE)
    modules = ("hashlib", "openaccess.cache")
    loaded, out = imported_heavy_modules(["check", "--no-cache", "page.md"], tmp_path, modules)
    assert "page.md" in out
    assert loaded == ""
    loaded, _ = imported_heavy_modules(["check", "page.md"], tmp_path, modules)
    assert loaded == "hashlib,openaccess.cache"


def test_checking_a_small_clean_page_imports_no_heavy_module(tmp_path):
    write(tmp_path / "page.md", CLEAN_PAGE)
    heavy, out = imported_heavy_modules(
        ["check", "--no-cache", "--select", "OA1,OA2,OA3,OA4", "page.md"], tmp_path
    )
    assert out == "All clear: no problems in 1 file.\n"
    assert heavy == ""


def test_a_one_page_check_starts_no_pool_and_reads_no_mkdocs_machinery(tmp_path):
    """A pre-commit run on one page of a plain site: every rule, in this process, without
    the worker-pool modules or what only an MkDocs site needs (gitignore-style patterns,
    installed themes), nor jsonschema for front matter that is plainly valid, nor textstat
    for an English page (Flesch-Kincaid needs none of its constants)."""
    write(tmp_path / "page.md", CLEAN_PAGE)
    args = ["check", "--no-cache", "page.md"]
    loaded, out = imported_heavy_modules(args, tmp_path, START_UP_ONLY_WHEN_NEEDED)
    assert out == "All clear: no problems in 1 file.\n"
    assert loaded == ""


DATACLASSES_DEFINED = """
import dataclasses
found = sorted(
    f"{name}.{attribute}"
    for name, module in list(sys.modules.items())
    if name.startswith("openaccess")
    for attribute, value in vars(module).items()
    if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value)
)
"""


def test_a_one_page_check_defines_no_dataclass(tmp_path):
    """Records are msgspec structs: Python compiles a dataclass's methods as its module
    loads (0.4 to 0.8 ms each), and a one-page check loads about 90 record classes."""
    write(tmp_path / "page.md", CLEAN_PAGE)
    made, out = probe(DATACLASSES_DEFINED, ["check", "--no-cache", "page.md"], tmp_path)
    assert out == "All clear: no problems in 1 file.\n"
    assert made == ""


START_UP_ONLY_WHEN_NEEDED = (
    "multiprocessing",
    "concurrent.futures",
    "pathspec",
    "importlib.metadata",
    "jsonschema",
    "textstat",
)


def test_outputs_create_missing_folders(tmp_path, capsys, monkeypatch):
    write(tmp_path / "page.md", CLEAN_PAGE)
    ran = check(tmp_path, capsys, monkeypatch, "-f", "sarif", "-o", "reports/ci/x.sarif", "page.md")
    assert ran.code == 0 and "Wrote the sarif report to reports/ci/x.sarif." in ran.err
    assert json.loads((tmp_path / "reports/ci/x.sarif").read_text())["version"] == "2.1.0"
    ran = check(tmp_path, capsys, monkeypatch, "--write-baseline", "base/line.json", "page.md")
    assert ran.code == 0 and (tmp_path / "base/line.json").is_file()
    report = ["report", "-f", "json", "-o", "out/r/report.json", "page.md"]
    ran = run(report, tmp_path, capsys, monkeypatch)
    assert ran.code == 0 and json.loads((tmp_path / "out/r/report.json").read_text())["pages"]
    assert not [p for p in tmp_path.rglob("*.tmp")], "no temporary file is left behind"


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["check", "-o", "pages/a.md", "pages/a.md"], "the report"),
        (["check", "--statistics", "-o", "./pages/../pages/a.md", "pages"], "the statistics"),
        (["check", "--write-baseline", "pages/a.md", "pages"], "the baseline"),
        (["report", "-o", "pages/a.md", "pages"], "report"),
    ],
)
def test_an_output_never_replaces_a_page_the_run_checks(args, what, tmp_path, capsys, monkeypatch):
    """A slip of the keyboard (``-o`` naming the page) must not replace a writer's page
    with a report: a usage error, and the page as it was."""
    write(tmp_path / "pages/a.md", CLEAN_PAGE)
    ran = run(args, tmp_path, capsys, monkeypatch)
    assert ran.code == 2
    assert ran.err.endswith(
        f"pages/a.md: cannot write {what}: it is a page this run checks; name another file\n"
    )
    assert (tmp_path / "pages/a.md").read_text() == CLEAN_PAGE


def test_unwritable_outputs_are_one_line_errors(tmp_path, capsys, monkeypatch):
    write(tmp_path / "page.md", CLEAN_PAGE)
    write(tmp_path / "taken", "a file where a folder would go")
    ran = check(tmp_path, capsys, monkeypatch, "--output", "taken/report.json", "page.md")
    assert ran.code == 2
    assert ran.err.startswith("openaccess: error: taken/report.json: cannot write the report:")
    assert ran.err.count("\n") == 1
    ran = check(tmp_path, capsys, monkeypatch, "--write-baseline", "taken/b.json", "page.md")
    assert ran.code == 2
    assert "taken/b.json: cannot write the baseline:" in ran.err


def test_a_page_that_cannot_be_written_is_reported_and_kept(tmp_path, capsys, monkeypatch):
    import os

    from openaccess import fsutil

    page = write(tmp_path / "page.md", WARNING_PAGE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fsutil.os, "replace", refuse)
    ran = check(tmp_path, capsys, monkeypatch, "--fix", "page.md")
    assert "page.md: cannot write the fixes: Permission denied" in ran.err
    assert "Fixed" not in ran.err
    assert page.read_text() == WARNING_PAGE
    assert sorted(os.listdir(tmp_path)) == ["page.md"]
