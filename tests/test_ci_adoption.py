"""What a docs team meets when it adopts openaccess in CI (issue 14), through the real CLI:
the package name, hook scope, suppressions, baselines, exit status and report verdicts,
output files, the options CI users reach for, pull-request scoping and configuration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from cli_helpers import CLEAN_PAGE, JEWELER, REPO, run, run_process, write

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

OPENACCESS = Path(sys.executable).parent / "openaccess"
WARNING_PAGE = CLEAN_PAGE + "\n[click here](ring-care.md) for more.\n"  # OA306, a warning
ERROR_PAGE = CLEAN_PAGE + "\n![](ring.png)\n"  # OA401, an error


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout


def check(cwd: Path, capsys, monkeypatch, *args: str):
    return run(["check", "--no-cache", *args], cwd, capsys, monkeypatch)


# -- 1. the distribution name -----------------------------------------------------------
def test_the_distribution_is_openaccess_cli_and_its_command_openaccess():
    from importlib import metadata

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["name"] == "openaccess-cli"
    assert project["scripts"] == {"openaccess": "openaccess.cli:console_main"}
    installed = metadata.distribution("openaccess-cli")
    assert [e.name for e in installed.entry_points if e.group == "console_scripts"] == [
        "openaccess"
    ]


def test_no_recipe_installs_the_unrelated_openaccess_package():
    import re

    documents = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    texts = {
        path.name: "".join(re.findall(r"```\w*\n(.*?)```", path.read_text(), re.S))  # code only
        for path in documents
    }
    texts |= {
        "action.yml": (REPO / "action.yml").read_text(),
        "init.py": (REPO / "src/openaccess/commands/init.py").read_text(),
    }
    assert "ci.md" in texts
    for name, text in texts.items():
        for line in text.splitlines():
            spec = line.split("pip install ", 1)[1] if "pip install " in line else ""
            if spec.startswith(('"openaccess', "openaccess", "'openaccess")):
                assert spec.strip("\"'").startswith("openaccess-cli"), (name, line)


def test_init_writes_the_source_it_was_installed_from(tmp_path, capsys, monkeypatch):
    from openaccess import distribution

    clone = tmp_path / "clone"
    clone.mkdir()
    git(clone, "init", "-q")
    git(clone, "commit", "-q", "--allow-empty", "-m", "x")
    git(clone, "remote", "add", "origin", "https://example.invalid/docs/openaccess.git")
    commit = git(clone, "rev-parse", "HEAD").strip()
    record = {"url": clone.as_uri(), "dir_info": {}}
    assert distribution._checkout_source(record) == (
        f"git+https://example.invalid/docs/openaccess.git@{commit}"
    )
    vcs = {
        "url": "https://example.invalid/o/openaccess",
        "vcs_info": {"vcs": "git", "commit_id": "ab12"},
    }
    assert distribution._vcs_source(vcs) == "git+https://example.invalid/o/openaccess@ab12"

    project = tmp_path / "project"
    project.mkdir()
    spec = "openaccess-cli @ git+https://example.invalid/o/openaccess@v0.1.0"
    ran = run(["init", "--install", spec, "--no-pre-commit"], project, capsys, monkeypatch)
    assert ran.code == 0 and "edit its pip install" not in ran.err
    workflow = yaml.safe_load((project / ".github/workflows/openaccess.yml").read_text())
    runs = [step.get("run") for step in workflow["jobs"]["check"]["steps"]]
    assert f"python -m pip install '{spec}'" in runs


@pytest.mark.parametrize(
    "spec",
    ["openaccess-cli @ git+https://example.invalid/o/r@v1 #pinned", "openaccess-cli=='1.0'"],
)
def test_init_writes_the_install_line_whole_for_yaml_and_the_shell(
    tmp_path, capsys, monkeypatch, spec
):
    """`` #`` starts a YAML comment and quotes end a shell word: the step was cut off at
    ``#``, and GitHub ran ``pip install "openaccess-cli @ git+…@v1``."""
    import shlex

    ran = run(["init", "--install", spec, "--no-pre-commit"], tmp_path, capsys, monkeypatch)
    assert ran.code == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/openaccess.yml").read_text())
    (install,) = [s["run"] for s in workflow["jobs"]["check"]["steps"] if "pip" in s.get("run", "")]
    assert shlex.split(install) == ["python", "-m", "pip", "install", spec]


def test_init_keeps_a_broken_symlink_where_it_would_write(tmp_path, capsys, monkeypatch):
    """init never overwrites: a symlink to nothing is kept as it is, and nothing is written
    where it points."""
    (tmp_path / "openaccess.toml").symlink_to(tmp_path / "elsewhere.toml")
    ran = run(["init", "--no-pre-commit", "--no-workflow"], tmp_path, capsys, monkeypatch)
    assert ran.code == 0 and "kept" in ran.out
    assert (tmp_path / "openaccess.toml").is_symlink()
    assert not (tmp_path / "elsewhere.toml").exists()


# -- 2. the pre-commit hook's scope (real pre-commit: see test_precommit.py) -------------
@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A docs repository: pages/, a root README and CHANGELOG, an ignored node_modules/."""
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n')
    write(tmp_path / "pages" / "ring-care.md", CLEAN_PAGE)
    write(tmp_path / "pages" / "drafts" / "wip.md", "no front matter\n")
    write(tmp_path / "README.md", "# Our docs\n\nNo front matter here.\n")
    write(tmp_path / "CHANGELOG.md", "# Changes\n")
    write(tmp_path / ".gitignore", "node_modules/\npages/generated/\n")
    write(tmp_path / "node_modules" / "foo" / "README.md", "# foo\n")
    write(tmp_path / "pages" / "generated" / "api.md", "# generated\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "docs")
    return tmp_path


def test_force_exclude_keeps_only_pages_that_are_not_excluded_or_ignored(
    repository, capsys, monkeypatch
):
    write(repository / "openaccess.toml", 'pages = "pages"\nexclude = ["drafts/*"]\n')
    named = [
        "README.md",
        "CHANGELOG.md",
        "node_modules/foo/README.md",
        "pages/generated/api.md",
        "pages/drafts/wip.md",
        "pages/ring-care.md",
    ]
    # OA509 (opt-in) has a finding on the short clean page: it shows which file was checked.
    ran = check(
        repository, capsys, monkeypatch, "--force-exclude", "--select", "OA509", "-f", "json",
        *named,
    )  # fmt: skip
    assert ran.code == 0 and json.loads(ran.out)["files_checked"] == 1
    assert {d["path"] for d in json.loads(ran.out)["diagnostics"]} == {"pages/ring-care.md"}
    ran = check(repository, capsys, monkeypatch, "--force-exclude", "README.md", "CHANGELOG.md")
    assert (ran.code, ran.out) == (0, "All clear: no problems in 0 files.\n")
    ran = check(repository, capsys, monkeypatch, "README.md")  # named without the flag
    assert ran.code == 1 and "README.md:1:1: OA101" in ran.out
    # An excluded page named without the flag is checked too, as ruff checks a file it is
    # given; it was skipped with "All clear: no problems in 0 files" (QA of 2 December).
    ran = check(repository, capsys, monkeypatch, "pages/drafts/wip.md")
    assert ran.code == 1 and "pages/drafts/wip.md:1:1: OA101" in ran.out
    assert check(repository, capsys, monkeypatch).out.count("drafts/wip.md") == 0


def test_a_run_that_finds_no_page_says_so(tmp_path, capsys, monkeypatch):
    """An empty or mistyped pages folder passed CI with "All clear" alone."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "notes.txt").write_text("not a page\n", encoding="utf-8")
    ran = check(tmp_path, capsys, monkeypatch)
    assert (ran.code, ran.out) == (0, "All clear: no problems in 0 files.\n")
    assert ran.err == "No pages found in pages: pages end in .md, .markdown, .html or .htm.\n"
    ran = check(tmp_path, capsys, monkeypatch, "--force-exclude", "README.md")  # a hook's run
    assert ran.err == ""


def test_a_site_whose_pages_all_redirect_says_why_none_is_checked(tmp_path, capsys, monkeypatch):
    """18F's before-you-ship sends every page elsewhere with ``redirect_to``: its build
    writes none of them. The note said "No pages found in pages: pages end in .md", which
    names neither the folder looked in nor the cause. A page named is still checked."""
    (tmp_path / "_config.yml").write_text("title: R\nplugins: [jekyll-redirect-from]\n")
    page = "---\ntitle: A\nredirect_to: https://example.com/a\n---\n\nText here.\n"
    (tmp_path / "a.md").write_text(page, encoding="utf-8")
    ran = check(tmp_path, capsys, monkeypatch)
    assert (ran.code, ran.out) == (0, "All clear: no problems in 0 files.\n")
    assert ran.err == (
        "No pages to check in .: the site's build leaves out its 1 page (a redirect, a draft"
        " or an excluded file); name a page to check it.\n"
    )
    assert "in 1 file" in check(tmp_path, capsys, monkeypatch, "a.md").out


def test_a_site_at_the_repository_root_skips_what_git_ignores(repository, capsys, monkeypatch):
    write(repository / "openaccess.toml", 'pages = "."\nexclude = ["README.md", "CHANGELOG.md"]\n')
    ran = check(repository, capsys, monkeypatch, "--select", "OA101", "--format", "json")
    checked = {d["path"] for d in json.loads(ran.out)["diagnostics"]}
    assert checked == {"pages/drafts/wip.md"}, checked
    ran = check(repository, capsys, monkeypatch, "--select", "OA101", "-f", "concise", "--config",
                str(repository / "openaccess.toml"))  # fmt: skip
    assert "node_modules" not in ran.out and "generated" not in ran.out


def test_outside_git_nothing_is_ignored_and_nothing_breaks(tmp_path, capsys, monkeypatch):
    write(tmp_path / "pages" / "node_modules" / "x.md", "no front matter\n")
    write(tmp_path / ".gitignore", "node_modules/\n")
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA101", "--force-exclude",
                "pages/node_modules/x.md")  # fmt: skip
    assert ran.code == 1 and "pages/node_modules/x.md:1:1: OA101" in ran.out


# -- 3. suppression comments ------------------------------------------------------------
SUPPRESSED = (
    CLEAN_PAGE
    + """
[click here](ring-care.md) is vague. <!-- openaccess-disable-line OA306 -->

<!-- openaccess-disable-next-line OA306 OA401 -->
[read more](ring-care.md) is vague too.

<!-- openaccess-ignore OA306 -->
[here](ring-care.md) stays reported.

<!-- openaccess-disable-next-line OA999 -->
Plain text.
"""
)


def test_markdownlint_directives_work_and_others_are_reported(tmp_path, capsys, monkeypatch):
    write(tmp_path / "ring-care.md", SUPPRESSED)
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA0,OA306,OA401", "-f", "concise",
                "ring-care.md")  # fmt: skip
    assert ran.out.splitlines() == [
        "ring-care.md:12:41: OA001 unused suppression: 'OA401' in openaccess-disable-next-line"
        " silences nothing here; remove it",
        "ring-care.md:15:1: OA002 'openaccess-ignore' is not a suppression directive and"
        " silences nothing; use one of openaccess-disable, openaccess-enable,"
        " openaccess-disable-line, openaccess-disable-next-line",
        "ring-care.md:16:1: OA306 link text 'here' does not say where it goes; describe the"
        " destination instead",
        "ring-care.md:18:35: OA002 'OA999' matches no rule code, prefix, name or category, so it"
        " silences nothing; run 'openaccess rules' to list them",
    ]


def test_directives_shown_in_code_are_examples(tmp_path, capsys, monkeypatch):
    """A guide that shows the syntax in a code span or a code block does not turn rules
    off, and its examples are not reported as unused or unknown."""
    page = CLEAN_PAGE + (
        "\nWrite `<!-- openaccess-disable OA306 -->` to turn a rule off.\n\n"
        "```markdown\n<!-- openaccess-disable-next-line OA999 -->\n```\n\n"
        "[here](ring-care.md) is reported.\n"
    )
    write(tmp_path / "ring-care.md", page)
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA0,OA306", "-f", "concise",
                "ring-care.md")  # fmt: skip
    lines = ran.out.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["OA306"], lines


def test_fix_removes_unused_suppressions(tmp_path, capsys, monkeypatch):
    page = write(tmp_path / "ring-care.md", SUPPRESSED)
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA0,OA306,OA401", "--fix",
                "ring-care.md")  # fmt: skip
    assert "Fixed 1 problem in 1 file." in ran.err
    text = page.read_text()
    assert "<!-- openaccess-disable-next-line OA306 -->\n[read more]" in text
    assert "OA001" not in ran.out


def test_directive_names_are_not_case_sensitive(tmp_path, capsys, monkeypatch):
    """As in markdownlint: an upper-case directive works rather than doing nothing."""
    directive = "<!-- OpenAccess-Disable-Next-Line OA306 -->"
    page = CLEAN_PAGE + f"\n{directive}\n[click here](ring-care.md)\n"
    write(tmp_path / "ring-care.md", page)
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA0,OA306", "ring-care.md")
    assert (ran.code, ran.out) == (0, "All clear: no problems in 1 file.\n")


def test_fix_leaves_no_double_blank_line_where_a_comment_stood_alone(tmp_path, capsys, monkeypatch):
    page = write(
        tmp_path / "ring-care.md",
        CLEAN_PAGE + "\n<!-- openaccess-disable-next-line OA306 -->\n\nPlain words.\n\n"
        "<!-- openaccess-disable OA401 -->\n",
    )
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA0,OA306,OA401", "--fix",
                "ring-care.md")  # fmt: skip
    assert "Fixed 2 problems in 1 file." in ran.err
    assert page.read_text() == CLEAN_PAGE + "\nPlain words.\n"


def test_a_reason_after_two_dashes_is_no_selector(tmp_path, capsys, monkeypatch):
    """ESLint's ``-- description``: the words after a lone ``--`` say why, silence
    nothing, and stay when ``--fix`` removes an unused selector before them."""
    page = write(
        tmp_path / "ring-care.md",
        CLEAN_PAGE
        + "\n<!-- openaccess-disable-next-line OA306, OA401 -- the shop's own words -->\n"
        "[click here](ring-care.md) to see the form.\n",
    )
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA0,OA306,OA401", "-f", "concise",
                "ring-care.md")  # fmt: skip
    assert ran.out.splitlines() == [
        "ring-care.md:10:42: OA001 unused suppression: 'OA401' in openaccess-disable-next-line"
        " silences nothing here; remove it",
    ]
    check(tmp_path, capsys, monkeypatch, "--select", "OA0,OA306,OA401", "--fix", "ring-care.md")
    assert "<!-- openaccess-disable-next-line OA306 -- the shop's own words -->\n" in (
        page.read_text()
    )


def test_suppression_scan_is_linear(tmp_path, capsys, monkeypatch):
    """Thousands of unclosed comments and directives: one pass, no quadratic blow-up
    (compared with a page a tenth the size, never with a clock threshold)."""
    from openaccess.page import Page
    from openaccess.suppressions import directives

    def work(count: int) -> int:
        text = CLEAN_PAGE + "<!-- openaccess-disable OA3 -->\n" * count + "<!-- openaccess-" * count
        page = Page.from_text(tmp_path / "p.md", text)
        calls = 0
        original = page.position

        def counted(offset: int):
            nonlocal calls
            calls += 1
            return original(offset)

        page.position = counted  # type: ignore[method-assign]
        assert len(directives(page)) == count
        return calls

    assert work(20_000) <= 10 * work(2_000) + 20


# -- 4. stable baselines ----------------------------------------------------------------
def test_an_added_word_keeps_page_wide_findings_in_the_baseline(tmp_path, capsys, monkeypatch):
    page = tmp_path / "pages" / "jeweler.md"
    write(page, JEWELER.read_text())
    # The guide's 314 words: OA205 reports the page (its message counts the words).
    settings = 'pages = "pages"\n[rule.missing-subheadings]\nmin_words = 300\n'
    write(tmp_path / "openaccess.toml", settings)
    wrote = check(tmp_path, capsys, monkeypatch, "--write-baseline", "baseline.json")
    recorded = json.loads((tmp_path / "baseline.json").read_text())
    assert recorded["version"] == 2
    assert any(f["rule"] == "OA205" for f in recorded["findings"]), wrote.err
    page.write_text(page.read_text().replace("Thank you", "Thank you very", 1))
    ran = check(tmp_path, capsys, monkeypatch, "--baseline", "baseline.json")
    known = len(recorded["findings"])
    assert (ran.code, ran.err) == (0, "")
    assert ran.out == f"No new problems in 1 file. {known} known problems in the baseline.\n"


def test_version_1_baselines_are_still_read(tmp_path, capsys, monkeypatch):
    import hashlib

    page = write(tmp_path / "pages" / "jeweler.md", JEWELER.read_text())
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n')
    findings = json.loads(check(tmp_path, capsys, monkeypatch, "-f", "json").out)["diagnostics"]
    entries = []
    for finding in findings:  # exactly what version 1 wrote (message-based fingerprints)
        basis = "\0".join((finding["rule"], finding["path"], finding["message"]))
        snippet = ""
        if finding["rule"] not in ("OA205", "OA501"):
            from openaccess.page import Page

            loaded = Page.from_text(page, page.read_text())
            start = loaded.lines.offset(finding["line"], finding["column"])
            end = loaded.lines.offset(finding["end_line"], finding["end_column"])
            snippet = " ".join(loaded.text[start:end][:200].split())
        if snippet:
            basis = "\0".join((finding["rule"], finding["path"], snippet))
        entries.append(
            {
                "rule": finding["rule"],
                "path": finding["path"],
                "fingerprint": hashlib.sha256(basis.encode()).hexdigest()[:16],
                "line": finding["line"],
                "message": finding["message"],
            }
        )
    write(
        tmp_path / "old.json", json.dumps({"version": 1, "tool": "openaccess", "findings": entries})
    )
    ran = check(tmp_path, capsys, monkeypatch, "--baseline", "old.json")
    clear = f"No new problems in 1 file. {len(entries)} known problems in the baseline.\n"
    assert (ran.code, ran.out) == (0, clear)
    page.write_text(page.read_text().replace("Thank you", "Thank you very", 1))
    ran = check(tmp_path, capsys, monkeypatch, "--baseline", "old.json")
    assert (ran.code, ran.out) == (0, clear), ran.err


# -- 5. one exit rule, every format's verdict ---------------------------------------------
@pytest.mark.parametrize(
    ("flags", "code", "failures"),
    [([], 0, "0"), (["--strict"], 1, "1"), (["--strict", "--exit-zero"], 0, "0")],
)
def test_junit_json_and_sarif_verdicts_follow_the_exit_status(
    tmp_path, capsys, monkeypatch, flags, code, failures
):
    write(tmp_path / "ring-care.md", WARNING_PAGE)
    ran = check(tmp_path, capsys, monkeypatch, *flags, "-f", "junit", "ring-care.md")
    suite = ElementTree.fromstring(ran.out).find("testsuite")
    assert suite is not None and (ran.code, suite.get("failures")) == (code, failures)
    ran = check(tmp_path, capsys, monkeypatch, *flags, "-f", "json", "ring-care.md")
    assert json.loads(ran.out)["summary"]["failed"] is (failures == "1")
    ran = check(tmp_path, capsys, monkeypatch, *flags, "-f", "sarif", "ring-care.md")
    assert json.loads(ran.out)["runs"][0]["invocations"][0]["exitCode"] == int(failures)
    ran = check(tmp_path, capsys, monkeypatch, *flags, "ring-care.md")
    verdict = {
        (): "in 1 file.\n",
        ("--strict",): " Failing: warnings count (--strict).\n",
        ("--strict", "--exit-zero"): " Passing anyway (--exit-zero).\n",  # as --strict fails
    }[tuple(flags)]
    assert ran.out.endswith(verdict), ran.out


def test_a_grade_rise_fails_every_format_verdict(tmp_path, capsys, monkeypatch):
    """--max-grade-increase fails the run, so JUnit, JSON, SARIF and the summary say so
    (and --exit-zero passes in all of them)."""
    page = write(tmp_path / "jeweler.md", JEWELER.read_text())
    report = run(["report", "-f", "json", "-o", "before.json", "jeweler.md"], tmp_path, capsys,
                 monkeypatch)  # fmt: skip
    assert report.code == 0
    harder = ("Notwithstanding considerable organisational complexity, institutional"
              " accreditation frequently necessitates comprehensive documentation. ")  # fmt: skip
    text = page.read_text()
    assert "As a career counselor" in text
    page.write_text(text.replace("As a career counselor", harder + "As a career counselor", 1))
    ratchet = ["--grade-baseline", "before.json", "--max-grade-increase", "0.5"]
    ran = check(tmp_path, capsys, monkeypatch, *ratchet, "-f", "junit", "jeweler.md")
    suite = ElementTree.fromstring(ran.out).find("testsuite")
    assert suite is not None and (ran.code, suite.get("failures")) == (1, "1")
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("message") == "grade rose in jeweler.md"
    ran = check(tmp_path, capsys, monkeypatch, *ratchet, "-f", "json", "jeweler.md")
    summary = json.loads(ran.out)["summary"]
    assert summary["failed"] is True and [f["path"] for f in summary["page_failures"]] == [
        "jeweler.md"
    ]
    ran = check(tmp_path, capsys, monkeypatch, *ratchet, "-f", "sarif", "jeweler.md")
    assert json.loads(ran.out)["runs"][0]["invocations"][0]["exitCode"] == 1
    ran = check(tmp_path, capsys, monkeypatch, *ratchet, "jeweler.md")
    assert ran.out.endswith(
        " Failing: the reading grade of 1 page rose too much (--max-grade-increase).\n"
    )
    ran = check(tmp_path, capsys, monkeypatch, *ratchet, "--exit-zero", "-f", "junit", "jeweler.md")
    assert (ran.code, ElementTree.fromstring(ran.out).get("failures")) == (0, "0")


def test_a_grade_baseline_that_is_no_commit_stops_before_any_report(tmp_path, capsys, monkeypatch):
    write(tmp_path / "jeweler.md", JEWELER.read_text())
    git(tmp_path, "init", "-q")
    ratchet = ["--grade-baseline", "nope", "--max-grade-increase", "1"]
    ran = check(tmp_path, capsys, monkeypatch, *ratchet, "-f", "junit", "-o", "out/r.xml",
                "jeweler.md")  # fmt: skip
    assert (ran.code, ran.out) == (2, "")
    assert "git knows no commit, branch or tag 'nope'" in ran.err
    assert not (tmp_path / "out").exists()


def test_diff_with_exit_zero_exits_zero(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.md", CLEAN_PAGE + "\nText.<br>\n\nMore.\n")
    ran = check(tmp_path, capsys, monkeypatch, "--diff", "a.md")
    assert ran.code == 1 and ran.out.startswith("--- a/a.md\n")
    ran = check(tmp_path, capsys, monkeypatch, "--diff", "--exit-zero", "a.md")
    assert ran.code == 0 and ran.out.startswith("--- a/a.md\n")


# -- 6. output files ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "command",
    [["check", "-f", form] for form in ("text", "concise", "json", "sarif", "github", "junit",
                                        "gitlab")]
    + [["report", "-f", form] for form in ("terminal", "markdown", "json", "csv", "html")],
)  # fmt: skip
def test_every_format_writes_into_folders_that_do_not_exist_yet(
    tmp_path, capsys, monkeypatch, command
):
    write(tmp_path / "a.md", ERROR_PAGE)
    target = tmp_path / "reports" / "new" / "deeper" / f"out.{command[-1]}"
    ran = run([*command, "-o", str(target.relative_to(tmp_path)), "a.md"], tmp_path, capsys,
              monkeypatch)  # fmt: skip
    assert ran.code == (1 if command[0] == "check" else 0), ran.err
    assert target.is_file() and target.stat().st_size > 0
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


# -- 7. options ---------------------------------------------------------------------------
def test_statistics_quiet_exit_zero_and_min_severity(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.md", ERROR_PAGE)
    write(tmp_path / "b.md", WARNING_PAGE.replace("ring-care.md", "a.md"))
    write(tmp_path / "ring.png", "x")
    ran = check(tmp_path, capsys, monkeypatch, "--statistics", "a.md", "b.md")
    assert ran.code == 1
    assert ran.out.splitlines() == [
        "     1  OA306  vague-link-text",
        "     1  OA401  image-alt",
        "Found 1 error (OA401), 1 warning, 0 info in 2 files.",
    ]
    ran = check(tmp_path, capsys, monkeypatch, "--statistics", "-f", "json", "a.md")
    assert json.loads(ran.out)[0] == {
        "code": "OA401",
        "name": "image-alt",
        "count": 1,
        "fixable": 0,
    }
    ran = check(
        tmp_path, capsys, monkeypatch, "--quiet", "--min-severity", "warning", "a.md", "b.md"
    )
    assert ran.out.splitlines() == [
        "a.md:10:1: OA401 image 'ring.png' has no alt text; describe it inside the brackets:"
        " ![what it shows](...) [image-alt]",
        "b.md:10:1: OA306 link text 'click here' does not say where it goes; describe the"
        " destination instead [vague-link-text]",
    ]
    assert ran.code == 1
    ran = check(tmp_path, capsys, monkeypatch, "--exit-zero", "a.md")
    assert ran.code == 0 and "Passing anyway (--exit-zero)." in ran.out
    # b.md has only a warning: it passes anyway when --strict would have failed it.
    ran = check(tmp_path, capsys, monkeypatch, "--exit-zero", "b.md")
    assert ran.code == 0 and "Passing anyway" not in ran.out
    ran = check(tmp_path, capsys, monkeypatch, "--strict", "--exit-zero", "b.md")
    assert ran.code == 0 and ran.out.endswith(" Passing anyway (--exit-zero).\n")
    write(tmp_path / "openaccess.toml", 'min_severity = "error"\n')
    ran = check(tmp_path, capsys, monkeypatch, "b.md")
    assert (ran.code, ran.out) == (0, "All clear: no problems in 1 file.\n")
    write(tmp_path / "openaccess.toml", 'min_severity = "loud"\n')
    ran = check(tmp_path, capsys, monkeypatch, "b.md")
    assert ran.code == 2 and "key 'min_severity' must be 'info', 'warning' or 'error'" in ran.err


def test_statistics_go_to_the_output_file(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.md", ERROR_PAGE)
    ran = check(tmp_path, capsys, monkeypatch, "--statistics", "-o", "reports/new/stats.txt",
                "a.md")  # fmt: skip
    # the terminal gets the summary line, as with a report written to a file (QA F13)
    assert (ran.code, ran.out) == (
        1,
        "Found 2 errors (OA301, OA401), 0 warnings, 0 info in 1 file.\n",
    )
    assert (tmp_path / "reports/new/stats.txt").read_text().splitlines() == [
        "     1  OA301  missing-file",
        "     1  OA401  image-alt",
        "Found 2 errors (OA301, OA401), 0 warnings, 0 info in 1 file.",
    ]
    assert "Wrote the statistics to reports/new/stats.txt." in ran.err


def test_an_option_that_does_nothing_with_the_others_is_said(tmp_path, capsys, monkeypatch):
    """``--unsafe-fixes`` alone, ``--fix`` with ``--diff``, ``--format`` with ``--diff`` or
    ``--show-settings``: each did nothing in silence (QA of 2 December, F12)."""
    write(tmp_path / "a.md", CLEAN_PAGE + "\nGo to the desk.<br><br>\n")
    said = {
        "--unsafe-fixes": "note: --unsafe-fixes takes effect only with --fix or --diff",
        "--fix --diff": "note: --diff shows the fixes without writing them; --fix is not applied",
        "--diff --format json": "note: --format json is not used: --diff prints a diff",
        "--show-settings --format json": (
            "note: --format json is not used: --show-settings prints text"
        ),
    }
    for args, note in said.items():
        ran = check(tmp_path, capsys, monkeypatch, *args.split(), "a.md")
        assert note in ran.err.splitlines(), args
    assert "<br><br>" in (tmp_path / "a.md").read_text()  # --fix --diff wrote nothing
    assert "note:" not in check(tmp_path, capsys, monkeypatch, "--fix", "a.md").err


def test_show_settings_names_the_file_of_each_setting(tmp_path, capsys, monkeypatch):
    write(tmp_path / "base.toml", 'language = "de"\n[links]\ntimeout = 3\n')
    write(tmp_path / "openaccess.toml", 'extend = "base.toml"\npages = "docs"\n')
    write(tmp_path / "docs" / "legal" / "openaccess.toml", 'ignore = ["OA5"]\n')
    ran = run(["check", "--show-settings", "--select", "OA3"], tmp_path, capsys, monkeypatch)
    assert ran.code == 0
    lines = [" ".join(line.split()) for line in ran.out.splitlines()]
    assert "config file: openaccess.toml" in lines
    assert 'pages = "docs" # openaccess.toml' in lines
    assert 'language = "de" # base.toml' in lines
    assert "links.timeout = 3.0 # base.toml" in lines
    assert 'links.url_style = "plain" # default' in lines
    assert 'select = ["OA3"] # command line --select' in lines
    assert "folder config for pages in docs/legal: docs/legal/openaccess.toml" in lines
    assert 'ignore = ["OA5"] # docs/legal/openaccess.toml' in lines


def test_show_settings_names_the_extend_key_and_each_file_of_a_merged_rule_table(
    tmp_path, capsys, monkeypatch
):
    """``extend`` showed as a default, and a rule table merged from two files was named as
    the extending file's alone (QA of 2 December, F25)."""
    write(
        tmp_path / "b.toml", "[rule.long-sentence]\nmax_words = 5\n[rule.OA306]\nenabled = true\n"
    )
    write(
        tmp_path / "openaccess.toml", 'extend = "b.toml"\n[rule.long-sentence]\nseverity = "info"\n'
    )
    ran = run(["check", "--show-settings"], tmp_path, capsys, monkeypatch)
    lines = [" ".join(line.split()) for line in ran.out.splitlines()]
    assert 'extend = "b.toml" # openaccess.toml' in lines
    assert 'rule.long-sentence = {"severity": "info"} # openaccess.toml' in lines
    assert 'rule.long-sentence = {"max_words": 5} # b.toml' in lines
    assert 'rule.OA306 = {"enabled": true} # b.toml' in lines


def test_stdin_with_a_filename(tmp_path):
    write(tmp_path / "pages" / "other.md", CLEAN_PAGE)
    done = subprocess.run(
        [str(OPENACCESS), "check", "--no-cache", "-",
         "--stdin-filename", "pages/new.md", "-f", "concise"],
        cwd=tmp_path, input=ERROR_PAGE + "\n[a link](other.md) and [a broken one](gone.md)\n",
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert [line.split(" ")[:2] for line in done.stdout.splitlines()] == [
        ["pages/new.md:10:1:", "OA301"],  # ring.png: links resolve from pages/new.md
        ["pages/new.md:10:1:", "OA401"],
        ["pages/new.md:12:24:", "OA301"],  # gone.md; other.md exists beside it
    ]
    assert not (tmp_path / "pages" / "new.md").exists()
    ran = run_process(["check", "-", "pages/other.md"], tmp_path)
    assert ran.code == 2 and "'-' (standard input) cannot be combined" in ran.err


def test_colour_follows_no_color_and_force_color(tmp_path):
    write(tmp_path / "a.md", ERROR_PAGE)
    forced = run_process(["check", "--no-cache", "a.md"], tmp_path, {"FORCE_COLOR": "1"})
    assert "\x1b[31mOA401\x1b[0m" in forced.out
    both = run_process(
        ["check", "--no-cache", "a.md"], tmp_path, {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert "\x1b[" not in both.out
    plain = run_process(["check", "--no-cache", "a.md"], tmp_path)
    assert "\x1b[" not in plain.out


@pytest.mark.parametrize(("seconds_per_tick", "shown"), [(0.6, True), (0.0, False)])
def test_a_progress_bar_appears_on_a_terminal_for_a_long_run(
    tmp_path, capsys, monkeypatch, seconds_per_tick, shown
):
    """stderr is a real pseudo-terminal; the clock the bar reads moves on by a fixed step
    at every reading, so 'longer than a second' is deterministic."""
    import itertools
    import pty
    import threading

    from openaccess import terminal

    for number in range(5):
        write(tmp_path / f"page{number}.md", CLEAN_PAGE)
    master, slave = pty.openpty()
    screen = bytearray()

    def drain() -> None:  # read the terminal as it is written, so writes never block
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    clock = itertools.count(step=seconds_per_tick)
    monkeypatch.setattr(terminal.time, "monotonic", lambda: next(clock))
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("CI", raising=False)
    with os.fdopen(slave, "w", buffering=1) as tty:
        monkeypatch.setattr(sys, "stderr", tty)
        ran = check(tmp_path, capsys, monkeypatch, "-j", "1", "-q", ".")
        monkeypatch.setattr(sys, "stderr", sys.__stderr__)
    reader.join(timeout=10)
    os.close(master)
    assert ran.code == 0
    assert (b"Checking pages" in screen) is shown, bytes(screen)


# -- 8. pull requests ---------------------------------------------------------------------
@pytest.fixture
def branch(tmp_path: Path) -> Path:
    """main has two pages; a branch edits one line of each and adds a page."""
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n')
    body = "\n".join(f"Line {n} says plainly what to do." for n in range(1, 9))
    write(tmp_path / "pages" / "a.md", CLEAN_PAGE + "\n[click here](b.md) first.\n\n" + body + "\n")
    write(tmp_path / "pages" / "b.md", CLEAN_PAGE + "\n[click here](a.md) first.\n")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "main")
    git(tmp_path, "checkout", "-q", "-b", "topic")
    a = tmp_path / "pages" / "a.md"
    a.write_text(a.read_text().replace("Line 5 says", "Line 5, [read more](b.md), says"))
    git(tmp_path, "commit", "-qam", "edit a")
    write(tmp_path / "pages" / "c.md", CLEAN_PAGE + "\n[here](a.md) is new.\n")  # untracked
    return tmp_path


def test_changed_since_reports_changed_lines_and_changed_pages(branch, capsys, monkeypatch):
    full = check(branch, capsys, monkeypatch, "-f", "concise", "--select", "OA306,OA509")
    assert sum("OA306" in line for line in full.out.splitlines()) == 4
    ran = check(branch, capsys, monkeypatch, "-f", "concise", "--select", "OA306,OA509",
                "--changed-since", "main")  # fmt: skip
    assert ran.out.splitlines() == [
        # a.md changed: its page-wide finding, and the one finding on the changed line 16
        # (not the click-here link on line 10); b.md did not change; c.md is new.
        "pages/a.md:7:1: OA509 too short to score: 95 words in 13 sentences (a grade needs at"
        " least 100 words and 5 sentences)",
        "pages/a.md:16:9: OA306 link text 'read more' does not say where it goes; describe"
        " the destination instead",
        "pages/c.md:7:1: OA509 too short to score: 37 words in 5 sentences (a grade needs at"
        " least 100 words and 5 sentences)",
        "pages/c.md:10:1: OA306 link text 'here' does not say where it goes; describe the"
        " destination instead",
    ], ran.out
    report = run(["report", "-f", "json", "--changed-since", "main"], branch, capsys, monkeypatch)
    assert [p["path"] for p in json.loads(report.out)["pages"]] == ["pages/a.md", "pages/c.md"]
    git(branch, "add", ".")
    git(branch, "commit", "-qm", "c")
    for form, said in [("terminal", ""), ("markdown", "## Readability report\n\n")]:
        report = run(["report", "-f", form, "--changed-since", "HEAD"], branch, capsys,
                     monkeypatch)  # fmt: skip
        assert (report.code, report.out) == (0, said + "No pages to score.\n")


def test_changed_since_reports_a_changed_page_that_no_page_links_to(branch, capsys, monkeypatch):
    """OA310 (orphan page) needs every page's links: --changed-since reads the whole site
    and reports it on the changed pages only."""
    unlisted = CLEAN_PAGE.replace("orphan: true\n", "")
    write(branch / "pages" / "e.md", unlisted)
    git(branch, "add", "pages/e.md")
    git(branch, "commit", "-qm", "e")
    write(branch / "pages" / "d.md", unlisted)  # untracked
    full = check(branch, capsys, monkeypatch, "-f", "concise", "--select", "OA310")
    assert [line.split(":")[0] for line in full.out.splitlines()] == ["pages/d.md", "pages/e.md"]
    orphan = (
        ":1:1: OA310 no other page links to this page; readers can reach it only from the site"
        " index (add 'orphan: true' to the front matter if that is intended)"
    )
    since = ["-f", "concise", "--select", "OA310", "--changed-since"]
    ran = check(branch, capsys, monkeypatch, *since, "HEAD")
    assert ran.out.splitlines() == ["pages/d.md" + orphan]
    ran = check(branch, capsys, monkeypatch, *since, "main")
    assert ran.out.splitlines() == ["pages/d.md" + orphan, "pages/e.md" + orphan]
    ran = check(branch, capsys, monkeypatch, "--changed-since", "HEAD", "pages/e.md")
    assert (ran.code, ran.out) == (0, "All clear: no problems in 0 files.\n")


def test_changed_since_reports_links_a_deleted_page_breaks_on_unchanged_pages(
    branch, capsys, monkeypatch
):
    """Deleting b.md breaks a.md's links to it: they are reported although a.md is not
    changed; an old broken link that names no changed page is not."""
    write(branch / "pages" / "f.md", CLEAN_PAGE + "\nSee [the old page](gone.md).\n")
    write(branch / "pages" / "g.md", CLEAN_PAGE + "\n![A silver ring](ring.png)\n")
    write(branch / "pages" / "ring.png", "a picture")
    git(branch, "add", ".")
    git(branch, "commit", "-qm", "everything so far")
    (branch / "pages" / "b.md").unlink()  # changes not yet committed
    (branch / "pages" / "ring.png").unlink()
    ran = check(branch, capsys, monkeypatch, "-f", "concise", "--select", "OA301",
                "--changed-since", "HEAD")  # fmt: skip
    assert ran.out.splitlines() == [
        "pages/a.md:10:1: OA301 link target 'b.md' does not exist",
        "pages/a.md:16:9: OA301 link target 'b.md' does not exist",
        "pages/g.md:10:1: OA301 image 'ring.png' does not exist",
    ], ran.out
    assert ran.code == 1


def test_changed_since_explains_a_missing_ref_and_a_shallow_clone(branch, tmp_path_factory):
    ran = run_process(["check", "--changed-since", "nope"], branch)
    assert ran.code == 2
    assert "--changed-since nope: git knows no commit, branch or tag 'nope'." in ran.err
    ran = run_process(["check", "--changed-since", "upstream/release"], branch)
    assert ran.code == 2 and "(git fetch upstream release)" in ran.err
    shallow = tmp_path_factory.mktemp("shallow") / "clone"
    git(branch, "branch", "-q", "-f", "older", "main")
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "topic", branch.as_uri(), str(shallow)],
        check=True, capture_output=True, env={**os.environ, **GIT_ENV},
    )  # fmt: skip
    ran = run_process(["check", "--changed-since", "origin/main"], shallow)
    assert ran.code == 2 and "This clone is shallow" in ran.err
    git(shallow, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    ran = run_process(["check", "--changed-since", "origin/main"], shallow)
    assert (
        ran.code == 2
        and "cannot find where HEAD branched from it: this clone is shallow" in ran.err
    )
    outside = tmp_path_factory.mktemp("plain")
    ran = run_process(["check", "--changed-since", "main", "."], outside)
    assert ran.code == 2 and "needs a git checkout" in ran.err
    assert "Traceback" not in ran.err


def test_markdown_report_fits_a_comment(tmp_path, capsys, monkeypatch):
    corpus = Path("/work/shared/corpus")
    pages = sorted((corpus / "PowerShell-Docs").rglob("*.md"))[:150]
    assert len(pages) == 150
    ran = run(["report", "-f", "markdown", *map(str, pages)], tmp_path, capsys, monkeypatch)
    assert ran.code == 0 and len(ran.out) <= 60_000
    assert "… and " in ran.out and "more (easier ones)" in ran.out
    table = [line for line in ran.out.splitlines() if line.startswith("| ") and "---" not in line]
    grades = [float(row.split(" | ")[1]) for row in table[1:] if row.split(" | ")[1] != "-"]
    assert grades == sorted(grades, reverse=True)
    whole = run(["report", "-f", "markdown", "--max-chars", "0", *map(str, pages)], tmp_path,
                capsys, monkeypatch)  # fmt: skip
    assert len(whole.out) > 60_000 and "more (easier ones)" not in whole.out


# -- 10. configuration --------------------------------------------------------------------
def test_folder_configs_nearest_wins_and_extend_inherits(tmp_path, capsys, monkeypatch):
    write(tmp_path / "openaccess.toml", 'pages = "pages"\nignore = ["OA5"]\n')
    for folder in ("pages", "pages/legal", "pages/legal/old", "pages/plain"):
        write(tmp_path / folder / "p.md", WARNING_PAGE.replace("ring-care.md", "p.md"))
    write(
        tmp_path / "pages/legal/openaccess.toml",
        'extend = "../../openaccess.toml"\nignore = ["OA5", "OA306"]\n',
    )
    write(  # OA509 (opt-in) shows whether the project's ignore of OA5 still applies
        tmp_path / "pages/legal/old/openaccess.toml",
        '[rule.OA306]\nseverity = "error"\n[rule.OA509]\nenabled = true\n',
    )
    write(tmp_path / "pages/plain/openaccess.toml", 'select = ["OA306"]\n')
    ran = check(tmp_path, capsys, monkeypatch, "-f", "concise")
    assert ran.out.splitlines() == [
        # legal: extends the project's config; its own ignore replaces the project's.
        # legal/old: nearest file wins whole, so OA5 is back on, and OA306 is an error.
        "pages/legal/old/p.md:7:1: OA509 too short to score: 38 words in 5 sentences (a grade"
        " needs at least 100 words and 5 sentences)",
        "pages/legal/old/p.md:10:1: OA306 link text 'click here' does not say where it goes;"
        " describe the destination instead",
        "pages/p.md:10:1: OA306 link text 'click here' does not say where it goes; describe the"
        " destination instead",
        "pages/plain/p.md:10:1: OA306 link text 'click here' does not say where it goes;"
        " describe the destination instead",
    ], ran.out
    assert ran.code == 1  # the error in legal/old
    write(tmp_path / "pages/plain/openaccess.toml", 'pages = "elsewhere"\n')
    ran = check(tmp_path, capsys, monkeypatch)
    assert ran.code == 2 and "key 'pages' applies to the whole site" in ran.err


def test_run_from_a_folder_with_its_own_config_uses_the_project_settings(
    tmp_path, capsys, monkeypatch
):
    """cd pages/legal: the nearest file is the folder's, but pages, the cache and the
    site's output still come from the project's file, as from the project's folder."""
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n[publish]\noutput = "public"\n')
    write(tmp_path / "pages" / "index.md", CLEAN_PAGE)
    legal = tmp_path / "pages" / "legal"
    write(legal / "terms.md", WARNING_PAGE.replace("ring-care.md", "../index.md"))
    write(legal / "openaccess.toml", 'extend = "../../openaccess.toml"\nignore = ["OA306"]\n')
    ran = run(["check", "--show-settings"], legal, capsys, monkeypatch)
    assert ran.out.splitlines()[:2] == [
        f"config file: {tmp_path / 'openaccess.toml'}",
        f"project folder: {tmp_path}",
    ]
    ran = run(["check", "terms.md"], legal, capsys, monkeypatch)
    assert (ran.code, ran.out) == (0, "All clear: no problems in 1 file.\n")
    assert (tmp_path / ".openaccess" / "cache").is_dir()
    assert not (legal / ".openaccess").exists()
    ran = run(["publish"], legal, capsys, monkeypatch)
    assert ran.code == 0, ran.err
    assert (tmp_path / "public" / "legal" / "terms" / "index.html").is_file()
    # A file that sets the pages folder is a project of its own, wherever it lies.
    other = tmp_path / "other"
    write(other / "openaccess.toml", 'pages = "docs"\n')
    write(other / "docs" / "a.md", CLEAN_PAGE)
    write(tmp_path / "openaccess.toml", 'pages = "."\n')
    ran = run(["check", "--show-settings"], other, capsys, monkeypatch)
    assert ran.out.splitlines()[:2] == ["config file: openaccess.toml", f"project folder: {other}"]


def test_report_uses_the_folder_config_of_each_page(tmp_path, capsys, monkeypatch):
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n')
    write(tmp_path / "pages" / "jeweler.md", JEWELER.read_text())
    write(tmp_path / "pages" / "legal" / "jeweler.md", JEWELER.read_text())
    write(tmp_path / "pages" / "legal" / "openaccess.toml", "[rule.page-grade]\ntarget = 12\n")
    ran = run(["report", "-f", "json"], tmp_path, capsys, monkeypatch)
    verdicts = {p["path"]: (p["verdict"], p["target"]) for p in json.loads(ran.out)["pages"]}
    assert verdicts == {
        "pages/jeweler.md": ("above target", 8.0),
        "pages/legal/jeweler.md": ("ok", 12.0),
    }


def test_two_config_files_and_the_old_links_exclude_are_warned_about(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.md", CLEAN_PAGE)
    write(tmp_path / "openaccess.toml", '[links]\nexclude = ["^https://x"]\n')
    write(tmp_path / "pyproject.toml", '[tool.openaccess]\nlanguage = "de"\n')
    ran = check(tmp_path, capsys, monkeypatch, "a.md")
    assert ran.code == 0
    assert "only openaccess.toml is read" in ran.err
    assert "[links] exclude is now called exclude_urls" in ran.err


def test_a_config_named_with_config_is_read_without_a_two_files_warning(
    tmp_path, capsys, monkeypatch
):
    write(tmp_path / "docs" / "a.md", CLEAN_PAGE)
    write(tmp_path / "openaccess.toml", 'pages = "pages"\n')
    write(tmp_path / "guide.toml", 'pages = "docs"\n')
    ran = check(tmp_path, capsys, monkeypatch, "--config", "guide.toml")
    assert ran.code == 0 and "a.md" not in ran.out
    assert "warning" not in ran.err, ran.err


# -- 11. the smaller items ----------------------------------------------------------------
def test_init_uses_the_pages_folder_of_an_existing_config(tmp_path, capsys, monkeypatch):
    write(tmp_path / "openaccess.toml", 'pages = "content"\n')
    ran = run(["init", "--no-workflow"], tmp_path, capsys, monkeypatch)
    assert ran.code == 0
    assert (tmp_path / "content").is_dir() and not (tmp_path / "pages").exists()
    assert "files: '^content/'" in (tmp_path / ".pre-commit-config.yaml").read_text()


def test_terminal_report_prints_file_names_as_they_are(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a:100:b.md", CLEAN_PAGE)
    write(tmp_path / "[bold]x.md", CLEAN_PAGE)
    ran = run(["report", "a:100:b.md", "[bold]x.md"], tmp_path, capsys, monkeypatch)
    assert "a:100:b.md" in ran.out and "💯" not in ran.out and "[bold]x.md" in ran.out


def test_counts_and_changes_read_right():
    from openaccess.report.model import format_delta

    assert format_delta(5.84, 9.46) == "5.8 -> 9.5, +3.7"
    assert format_delta(9.46, 5.84) == "9.5 -> 5.8, -3.7"


def test_one_sentence_is_singular(tmp_path, capsys, monkeypatch):
    write(tmp_path / "a.md", CLEAN_PAGE.replace(
        "Silver rings look best when you clean them often. Use warm water and mild soap.\n"
        "Dry each ring with a soft cloth. Keep rings in a dry box when you do not wear them.",
        "Silver rings look best when you clean them often with warm water"))  # fmt: skip
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA509", "a.md")
    assert "in 1 sentence (" in ran.out


def test_a_case_only_typo_gets_a_suggestion(tmp_path, capsys, monkeypatch):
    write(tmp_path / "cv.md", CLEAN_PAGE)
    write(tmp_path / "a.md", CLEAN_PAGE + "\nSee [my CV](CV.md).\n")
    ran = check(tmp_path, capsys, monkeypatch, "--select", "OA301", "a.md")
    assert "link target 'CV.md' does not exist; did you mean 'cv.md'?" in ran.out
