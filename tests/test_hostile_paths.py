"""Hostile paths and broken configuration through the real CLI (issue 7).

Symlinks never lead the checker out of the project, links never make it read a file
outside the site, unreadable files are reported while the run goes on, odd names work,
and every configuration mistake is one line naming the file and key, with exit 2.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_cli import FRONT_MATTER, check, run_openaccess, write

BAD_HEADINGS = FRONT_MATTER + "## Two\n\n#### Four\n"


def bad_headings_finding(name: str) -> str:
    return (
        f"{name}:7:1: OA201 heading level 4 follows a level-2 heading; use level 3"
        " [heading-increment]"
    )


# Runs the CLI with an audit hook that records every file the process opens, so a test
# can prove a file was never read (not merely that nothing was reported about it).
AUDITED_CLI = """
import os, sys
opened = []
def record(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.abspath(os.fsdecode(args[0])))
sys.addaudithook(record)
from openaccess.cli import main
try:
    main()
finally:
    names = list(opened)
    with open(os.environ.get("OPENED_LOG", "opened.log"), "w", encoding="utf-8") as log:
        log.write("\\n".join(names))
"""


def audited_check(*args: str, cwd: Path, log: Path):
    outcome = run_openaccess(
        "check",
        "--no-cache",
        *args,
        cwd=cwd,
        python_code=AUDITED_CLI,
        env={"OPENED_LOG": str(log)},
    )
    return outcome, log.read_text(encoding="utf-8").splitlines()


# -- symlinks -------------------------------------------------------------------------------
def test_symlink_loops_are_reported_and_the_walk_ends(tmp_path):
    site = tmp_path / "site"
    write(site / "real.md", BAD_HEADINGS)
    (site / "loop1.md").symlink_to("loop2.md")
    (site / "loop2.md").symlink_to("loop1.md")
    (site / "self.md").symlink_to("self.md")
    (site / "sub").mkdir()
    (site / "sub" / "up").symlink_to("..")  # a folder loop: walking it would never end
    (site / "sub" / "here").symlink_to(".")
    outcome = check("--select", "OA201", ".", cwd=site, timeout=120)
    assert outcome.findings() == [
        "loop1.md:1:1: OA000 skipped: symlink loop [unreadable-file]",
        "loop2.md:1:1: OA000 skipped: symlink loop [unreadable-file]",
        bad_headings_finding("real.md"),
        "self.md:1:1: OA000 skipped: symlink loop [unreadable-file]",
    ]
    assert outcome.lines[-1] == "Found 0 errors, 4 warnings, 0 info in 1 file."


def test_explicit_symlink_loop(tmp_path):
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    outcome = check("a.md", cwd=tmp_path)
    assert outcome.findings() == ["a.md:1:1: OA000 skipped: symlink loop [unreadable-file]"]


def test_symlinks_out_of_the_project_are_reported_and_never_read(tmp_path):
    outside = tmp_path / "outside"
    write(outside / "secret.md", BAD_HEADINGS)
    site = tmp_path / "site"
    write(site / "page.md", BAD_HEADINGS)
    (site / "leak.md").symlink_to(outside / "secret.md")
    (site / "leakdir").symlink_to(outside)
    (site / "broken.md").symlink_to(tmp_path / "nowhere.md")
    outcome, opened = audited_check("--select", "OA201", ".", cwd=site, log=tmp_path / "log")
    assert outcome.findings() == [
        "broken.md:1:1: OA000 skipped: broken symlink [unreadable-file]",
        "leak.md:1:1: OA000 not followed: symlink points outside the folder [unreadable-file]",
        "leakdir:1:1: OA000 not followed: symlink points outside the folder [unreadable-file]",
        bad_headings_finding("page.md"),
    ]
    assert str(site / "page.md") in opened  # the hook does see page reads
    assert not [name for name in opened if "secret" in name or "leak" in name]


def test_explicitly_named_symlink_out_of_the_project_is_not_read(tmp_path):
    """pre-commit passes file names; a hostile repository's ``page.md -> /etc/passwd``
    must not be read and echoed into CI logs."""
    project = tmp_path / "project"
    write(tmp_path / "secret.md", BAD_HEADINGS)
    (project).mkdir()
    (project / "page.md").symlink_to(tmp_path / "secret.md")
    (project / "passwd.md").symlink_to("/etc/passwd")
    write(project / "inside.md", BAD_HEADINGS)
    (project / "alias.md").symlink_to("inside.md")
    outcome, opened = audited_check(
        "--select", "OA201", "page.md", "passwd.md", "alias.md", cwd=project, log=tmp_path / "log"
    )
    assert outcome.findings() == [
        bad_headings_finding("alias.md"),
        "page.md:1:1: OA000 not followed: symlink points outside the folder [unreadable-file]",
        "passwd.md:1:1: OA000 not followed: symlink points outside the folder [unreadable-file]",
    ]
    assert not [name for name in opened if "secret" in name or "passwd" in name]


def test_links_out_of_the_site_are_reported_and_never_read(tmp_path):
    site = tmp_path / "site"
    to_root = "../" * len(site.parts)  # enough '..' to reach the real /etc/passwd
    page = FRONT_MATTER + (
        "[a](../../../etc/passwd) and [b](" + to_root + "etc/passwd#root) and"
        " ![c](../outside.png)\n"
    )
    write(site / "page.md", page)
    write(tmp_path / "outside.png", "not really a png")
    outcome, opened = audited_check("--select", "OA301", "page.md", cwd=site, log=tmp_path / "log")
    column_b = page.splitlines()[4].index("[b]") + 1
    column_c = page.splitlines()[4].index("![c]") + 1
    assert outcome.findings() == [
        "page.md:5:1: OA301 link '../../../etc/passwd' points outside the site folder; it is"
        " not checked and would not be published [missing-file]",
        f"page.md:5:{column_b}: OA301 link '{to_root}etc/passwd#root' points outside the site"
        " folder; it is not checked and would not be published [missing-file]",
        f"page.md:5:{column_c}: OA301 image '../outside.png' points outside the site folder; it"
        " is not checked and would not be published [missing-file]",
    ]
    assert not [name for name in opened if name.endswith(("passwd", "outside.png"))]


# -- unreadable files --------------------------------------------------------------------
def test_unreadable_file_and_folder_are_reported_and_the_run_goes_on(tmp_path):
    """As root, permission bits do not apply; the CLI then runs under setpriv without
    CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, so the denial is the kernel's, not simulated."""
    site = tmp_path / "site"
    write(site / "locked.md", BAD_HEADINGS).chmod(0)
    write(site / "shut" / "inner.md", BAD_HEADINGS)
    (site / "shut").chmod(0)
    write(site / "ok.md", BAD_HEADINGS)
    for folder in (tmp_path, site):
        folder.chmod(0o755)
    try:
        walked = check("--select", "OA201", ".", cwd=site, without_permission_override=True)
        named = check(
            "--select", "OA201", "locked.md", "ok.md", cwd=site, without_permission_override=True
        )
    finally:
        (site / "shut").chmod(0o755)
        (site / "locked.md").chmod(0o644)
    assert walked.findings() == [
        "locked.md:1:1: OA000 cannot read file: permission denied [unreadable-file]",
        bad_headings_finding("ok.md"),
        "shut:1:1: OA000 skipped folder: permission denied [unreadable-file]",
    ]
    assert named.findings() == [
        "locked.md:1:1: OA000 cannot read file: permission denied [unreadable-file]",
        bad_headings_finding("ok.md"),
    ]
    assert named.returncode == 1


def test_named_pipe_called_page_md_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    write(tmp_path / "ok.md", BAD_HEADINGS)
    outcome = check("--select", "OA201", ".", cwd=tmp_path, timeout=60)
    assert outcome.findings() == [
        bad_headings_finding("ok.md"),
        "pipe.md:1:1: OA000 skipped: not a regular file (a pipe or device?) [unreadable-file]",
    ]
    every_rule = check(".", cwd=tmp_path, timeout=60)  # site-wide rules read pages again
    assert [line for line in every_rule.lines if "OA000" in line] == [
        "pipe.md:1:1: OA000 skipped: not a regular file (a pipe or device?) [unreadable-file]"
    ]


def test_named_pipe_in_a_jekyll_site_is_not_waited_on(tmp_path):
    """Jekyll renders any file that starts with front matter, so openaccess peeks at the
    first bytes of every file of the site: never at a pipe's."""
    write(tmp_path / "_config.yml", "title: Rings\n")
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / "feed.xml")
    write(tmp_path / "ok.md", "---\n---\n" + BAD_HEADINGS)
    outcome = check("--select", "OA201,OA3", "ok.md", cwd=tmp_path, timeout=60)
    assert [line for line in outcome.lines if "OA201" in line]


def test_folder_named_like_a_page(tmp_path):
    write(tmp_path / "odd.md" / "inner.md", BAD_HEADINGS)
    outcome = check("--select", "OA201", "odd.md", cwd=tmp_path)
    assert outcome.findings() == [bad_headings_finding("odd.md/inner.md")]


# -- names ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "with space.md",
        "ünïcödé – ok.md",
        "e\u0301.md",
        "日本語.md",
        "-rf.md",
        "--help.md",
        "'quote\".md",
    ],
)
def test_odd_file_names_are_checked_and_shown_exactly(tmp_path, name):
    write(tmp_path / name, BAD_HEADINGS)
    walked = check("--select", "OA201", ".", cwd=tmp_path)
    named = check("--select", "OA201", "--", name, cwd=tmp_path)
    assert walked.findings() == named.findings() == [bad_headings_finding(name)]


def test_option_like_name_without_double_dash_is_a_usage_error(tmp_path):
    write(tmp_path / "-rf.md", BAD_HEADINGS)
    outcome = check("-rf.md", cwd=tmp_path)
    assert outcome.returncode == 2
    assert "No such option: -r" in outcome.stderr
    assert (tmp_path / "-rf.md").read_text() == BAD_HEADINGS


def test_paths_given_twice_are_checked_once(tmp_path):
    write(tmp_path / "sub" / "a.md", BAD_HEADINGS)
    outcome = check(
        "--select",
        "OA201",
        "sub/a.md",
        "sub/a.md",
        "./sub/a.md",
        "sub/../sub/a.md",
        str(tmp_path / "sub" / "a.md"),
        "sub",
        cwd=tmp_path,
    )
    assert outcome.lines == [
        bad_headings_finding("sub/a.md"),
        "Found 0 errors, 1 warning, 0 info in 1 file.",
    ]


def test_missing_path_is_a_usage_error(tmp_path):
    outcome = check("nope.md", cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stderr == "openaccess: error: nope.md: no such file or folder\n"


# -- configuration ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("config", "files", "message"),
    [
        ('colour = "red"\n', {}, "{config}: unknown key 'colour'; known keys: "),
        (
            'max_file_size = "big"\n',
            {},
            "{config}: key 'max_file_size' must be a whole number, got 'big'",
        ),
        (
            "max_file_size = 0\n",
            {},
            "{config}: key 'max_file_size' must be a number of bytes from 1 to 1099511627776"
            " (1 TiB)",
        ),
        (
            "max_file_size = true\n",
            {},
            "{config}: key 'max_file_size' must be a whole number, got True",
        ),
        (
            'exclude = "drafts"\n',
            {},
            "{config}: key 'exclude' must be a list of strings, got 'drafts'",
        ),
        ("select = [1]\n", {}, "{config}: key 'select' must be a list of strings, got [1]"),
        (
            'select = ["ZZ9"]\n',
            {},
            "{config}: key 'select': 'ZZ9' matches no rule code, prefix, name or category; run"
            " 'openaccess rules' to list them",
        ),
        (
            'ignore = ["OA1", "nope"]\n',
            {},
            "{config}: key 'ignore': 'nope' matches no rule code, prefix, name or category; run"
            " 'openaccess rules' to list them",
        ),
        ("publish = 3\n", {}, "{config}: key 'publish' must be a table, got 3"),
        (
            '[publish]\noutputt = "x"\n',
            {},
            "{config}: unknown key 'outputt' in [publish]; did you mean 'output'?",
        ),
        (
            "[links]\nexternal = 1\n",
            {},
            "{config}: key 'links.external' must be true or false, got 1",
        ),
        (
            '[rule.OA999]\nseverity = "error"\n',
            {},
            "{config}: [rule.OA999] names no rule; run 'openaccess rules' to list codes and names",
        ),
        (
            '[rule.long-description]\nseverity = "loud"\n',
            {},
            "{config}: key 'rule.long-description.severity' must be 'error', 'warning' or 'info',"
            " got 'loud'",
        ),
        (
            '[rule.long-description]\nenabled = "no"\n',
            {},
            "{config}: key 'rule.long-description.enabled' must be true or false, got 'no'",
        ),
        (
            '[rule.long-description]\nmax_length = "x"\n',
            {},
            "{config}: key 'rule.long-description.max_length' must be a whole number, got 'x'",
        ),
        (
            "[rule.long-description]\nmax_length = true\n",
            {},
            "{config}: key 'rule.long-description.max_length' must be a whole number, got True",
        ),
        (
            "[rule.long-description]\nmax_lenght = 3\n",
            {},
            "{config}: unknown key 'max_lenght' in [rule.long-description]; did you mean"
            " 'max_length'?",
        ),
        ("rule = 5\n", {}, "{config}: key 'rule' must be a table, got 5"),
        (
            'rules = "nowhere"\n',
            {},
            "{config}: key 'rules': rules folder {root}/nowhere does not exist",
        ),
        (
            'rules = "r"\n',
            {"r/frontmatter.schema.json": '{"type": '},
            "{root}/r/frontmatter.schema.json:1:10: not valid JSON: Expecting value",
        ),
        (
            'rules = "r"\n',
            {"r/frontmatter.schema.json": '{"type": 5}'},
            "{root}/r/frontmatter.schema.json: not a valid JSON Schema at type: 5 is not valid"
            " under any of the given schemas",
        ),
        (
            'rules = "r"\n',
            {"r/frontmatter.schema.json": '{"required": "title"}'},
            "{root}/r/frontmatter.schema.json: not a valid JSON Schema at required: 'title' is"
            " not of type 'array'",
        ),
        (
            'rules = "r"\n',
            {"r/thresholds.toml": "x = \n"},
            "{root}/r/thresholds.toml: not valid TOML: Invalid value (at line 1, column 5)",
        ),
        (
            'rules = "r"\n',
            {"r/thresholds.toml": '[long-description]\nmax_length = "x"\n'},
            "{root}/r/thresholds.toml: key 'long-description.max_length' must be a whole number,"
            " got 'x'",
        ),
        (
            'rules = "r"\n',
            {"r/thresholds.toml": "long-description = 3\n"},
            "{root}/r/thresholds.toml: key 'long-description' must be a table, got 3",
        ),
        (
            'rules = "r"\n',
            {"r/frontmatter.schema.json": '{"properties": {"title": {"$ref": "#/definitions/t"}}}'},
            '{root}/r/frontmatter.schema.json: "$ref": "#/definitions/t" names nothing in the'
            " schema (openaccess reads no other schema file, and downloads none)",
        ),
        (
            'rules = "r"\n',
            {"r/frontmatter.schema.json": '{"$ref": "https://example.org/page.json"}'},
            '{root}/r/frontmatter.schema.json: "$ref": "https://example.org/page.json" names'
            " nothing in the schema",
        ),
        ("title = \n", {}, "{config}: not valid TOML: Invalid value (at line 1, column 9)"),
    ],
)
def test_config_errors_exit_2_naming_file_and_key(tmp_path, config, files, message):
    write(tmp_path / "openaccess.toml", config)
    write(tmp_path / "pages" / "a.md", FRONT_MATTER + "Hello.\n")
    for name, content in files.items():
        write(tmp_path / name, content)
    outcome = check(cwd=tmp_path)
    expected = message.format(config=tmp_path / "openaccess.toml", root=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stdout == ""
    assert outcome.stderr.count("\n") == 1
    assert outcome.stderr.startswith(f"openaccess: error: {expected}")


def test_config_that_is_not_utf8(tmp_path):
    (tmp_path / "openaccess.toml").write_bytes(b"\xff = 1\n")
    outcome = check(cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stderr.startswith(f"openaccess: error: {tmp_path / 'openaccess.toml'}: ")
    assert outcome.stderr.count("\n") == 1


def test_encoded_and_odd_link_targets_are_never_read_outside(tmp_path):
    site = tmp_path / "site"
    up = "%2e%2e/" * len(site.parts)
    page = FRONT_MATTER + (
        f"[a]({up}etc/passwd) [b](..%2f..%2f..%2fetc%2fpasswd) [c](a%00b.md#x)"
        f" [d]({'n' * 5000}.md#q) [e](%c0%ae%c0%ae/etc/passwd)\n"
    )
    write(site / "page.md", page)
    outcome, opened = audited_check("page.md", cwd=site, log=tmp_path / "log")
    outside = [line for line in outcome.lines if "points outside the site folder" in line]
    assert [line.split(": OA301 ")[0] for line in outside] == [
        "page.md:5:1",
        "page.md:5:" + str(page.splitlines()[4].index("[b]") + 1),
    ]
    assert not [name for name in opened if "passwd" in name]


def test_real_paths_agree_with_realpath_through_symlinks_loops_and_dot_dot(tmp_path, monkeypatch):
    """The run resolves each folder once (fsutil.RealPaths); whatever the path, the answer
    must be the one os.path.realpath gives: symlinked folders and files, '..' after a
    symlink, loops, dangling links, missing folders, relative paths."""
    import random

    from openaccess.fsutil import RealPaths

    (tmp_path / "a/b/c").mkdir(parents=True)
    (tmp_path / "x/y").mkdir(parents=True)
    (tmp_path / "x/y/f.md").write_text("# F\n")
    links = {
        "a/lnk": str(tmp_path / "x"),
        "a/rel": "../x/y",
        "a/b/flink.md": "../../x/y/f.md",
        "a/loop": "loop",
        "a/up": "..",
        "a/tricky": "b/../../x",
        "a/dangling": "gone/z",
    }
    for name, target in links.items():
        (tmp_path / name).symlink_to(target)
    monkeypatch.chdir(tmp_path / "a")
    parts = [
        "a",
        "b",
        "c",
        "x",
        "y",
        "..",
        ".",
        "",
        "f.md",
        "missing",
        *{Path(n).name for n in links},
    ]
    chosen = random.Random(12)
    resolver = RealPaths()
    for _ in range(20_000):
        path = "/".join(chosen.choice(parts) for _ in range(chosen.randint(1, 6)))
        if chosen.random() < 0.6:
            path = f"{tmp_path}/{path}"
        assert resolver.real(path) == os.path.realpath(path), path


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (
            "afile/site",
            "output folder '{root}/afile/site' would be inside '{root}/afile', which is a file",
        ),
        ("/proc/site", "cannot write the output folder '/proc/site' (no such file or directory)"),
    ],
)
def test_an_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path, output, message):
    """publish said "internal error ... This is a bug" for these."""
    write(tmp_path / "pages" / "index.md", FRONT_MATTER + "Hello.\n")
    write(tmp_path / "afile", "not a folder")
    outcome = run_openaccess("publish", "-o", output, cwd=tmp_path)
    assert outcome.returncode == 2
    assert outcome.stderr.startswith(f"openaccess: error: {message.format(root=tmp_path)}")
