"""Safe fixes keep every word and block; printed text cannot forge CI commands; invisible
characters do not hide vague link text (issue 13, rows 8, 13 and 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_cli import FRONT_MATTER, check, run_openaccess, write


def _fixed(tmp_path: Path, name: str, body: str, *args: str) -> str:
    page = write(tmp_path / name, FRONT_MATTER + body)
    run_openaccess("check", "--no-cache", "--fix", *args, name, cwd=tmp_path)
    return page.read_text(encoding="utf-8")[len(FRONT_MATTER) :]


# -- row 8: safe fixes never join words or swallow a block --------------------------------------
@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        (
            "\nSee the price list below.<br>\n## Prices\n\nRings cost $40.\n",
            "\nSee the price list below.\n## Prices\n\nRings cost $40.\n",
        ),
        (
            "\nWhat we sell:<br>\n- rings\n- chains\n",
            "\nWhat we sell:\n- rings\n- chains\n",
        ),
        # a run of <br> between two texts shows a paragraph break: no fix joins them
        ("\nJane Smith<br><br>42 High Street\n", "\nJane Smith<br><br>42 High Street\n"),
        ("\nJane Smith<br>\n<br>\n42 High Street\n", "\nJane Smith<br>\n<br>\n42 High Street\n"),
        (
            "\n<p>Jane Smith<br><br>42 High Street</p>\n",
            "\n<p>Jane Smith<br><br>42 High Street</p>\n",
        ),
        ("\n<br> Rings and chains.\n", "\nRings and chains.\n"),
        # what the <br> hid at the start of its line would become a block: the fix waits
        ("\n<br> *\n", "\n<br> *\n"),
        ("\n<br> # not a heading\n", "\n<br> # not a heading\n"),
        ("\n<br> 1. not a list\n", "\n<br> 1. not a list\n"),
        ("\n<br> > not a quote\n", "\n<br> > not a quote\n"),
        # emphasis closes only after a non-space: "*the <br>*" is emphasis, "*the *" not
        ("\nthe *the <br>*\n", "\nthe *the <br>*\n"),
        ("\nthe *<br> the*\n", "\nthe *<br> the*\n"),
    ],
)
def test_removing_spacing_breaks_keeps_words_and_blocks(tmp_path, body, fixed):
    assert _fixed(tmp_path, "page.md", body, "--select", "OA403") == fixed


def test_two_spacing_breaks_in_a_row_are_both_fixable_at_once(tmp_path):
    """``desk.<br><br>``: the summary said "1 can be fixed" and ``--fix`` fixed 2, since the
    first <br>'s fix waited for the second to go (QA of 2 December, F11)."""
    write(tmp_path / "page.md", FRONT_MATTER + "\nGo to the front desk.<br><br>\n")
    checked = run_openaccess("check", "--no-cache", "--select", "OA403", "page.md", cwd=tmp_path)
    assert "2 can be fixed with --fix" in checked.stdout + checked.stderr
    fixed = run_openaccess(
        "check", "--no-cache", "--fix", "--select", "OA403", "page.md", cwd=tmp_path
    )
    assert "Fixed 2 problems in 1 file." in fixed.stdout + fixed.stderr
    assert (tmp_path / "page.md").read_text() == FRONT_MATTER + "\nGo to the front desk.\n"


@pytest.mark.parametrize(
    ("body", "fixed"),
    [
        ("\nRings.\n<!-- openaccess-enable -->\n", "\nRings.\n"),
        ("\n- Rings <!-- openaccess-enable --> [care](care.md)\n", "\n- Rings [care](care.md)\n"),
        # a comment that begins a block opens an HTML block: the rest of its line is shown
        # as typed ("[care](care.md)"), and would become a link without it: the fix waits
        (
            "\n- Rings\n- <!-- openaccess-enable --> [care](care.md)\n",
            "\n- Rings\n- <!-- openaccess-enable --> [care](care.md)\n",
        ),
        ("\n<!-- openaccess-enable --> *rings*\n", "\n<!-- openaccess-enable --> *rings*\n"),
    ],
)
def test_removing_unused_suppressions_keeps_the_reading(tmp_path, body, fixed):
    assert _fixed(tmp_path, "page.md", body, "--select", "OA001") == fixed


@pytest.mark.parametrize(
    "body",
    [
        # found by the property test of safe fixes: each fix alone would change what is read
        "\nRings.\n\n<P>\n\n- </P>\n",  # the split <p> would end inside a list item
        "\nRings.\n\n- 0\n\n<br>\n\n    \\:\n",  # without <br>, the code joins the list
    ],
)
def test_fixes_that_would_change_the_reading_are_withheld(tmp_path, body):
    assert _fixed(tmp_path, "page.md", body, "--select", "OA403,OA404") == body


@pytest.mark.parametrize(
    "body",
    [
        '\n<p>\nRead <a href="/start"\n\ntitle="x">the start</a> first.\n</p>\n',
        "\n<p>\nA sample:\n<xmp>\nline one\n\nline two\n</xmp>\n</p>\n",
        "\n<p>\nRun <code>make\n\nall</code> now.\n</p>\n",
        "\n<p>\n<!-- a note\n\nfor editors -->\nText.\n</p>\n",
    ],
)
def test_paragraph_splits_never_land_inside_a_tag_raw_text_or_code(tmp_path, body):
    assert _fixed(tmp_path, "page.md", body, "--select", "OA404") == body


def test_a_paragraph_wall_is_still_split_between_paragraphs(tmp_path):
    body = "\n<p>\nFirst paragraph.\n\nSecond <b>one</b>.\n</p>\n"
    assert _fixed(tmp_path, "page.md", body, "--select", "OA404") == (
        "\n<p>\nFirst paragraph.\n</p>\n\n<p>\nSecond <b>one</b>.\n</p>\n"
    )


# -- row 13: nothing printed can pose as a workflow command -----------------------------------
FORGED = "en\n::error file=pages/x.md,line=1::forged\n::add-mask::Home\n##[error]old style"


def _lines_posing_as_commands(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip().startswith("::") or "##[" in line]


def test_publish_notes_cannot_forge_annotations_on_github_actions(tmp_path):
    lang = FORGED.replace("\n", "\\n")
    write(tmp_path / "pages" / "index.md", f'---\ntitle: T\nlang: "{lang}"\n---\n\nHello.\n')
    outcome = run_openaccess(
        "publish", "--allow-errors", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"}
    )
    assert "is not a language tag" in outcome.stdout
    assert _lines_posing_as_commands(outcome.stdout + outcome.stderr) == []


@pytest.mark.parametrize("output_format", ["text", "concise"])
def test_a_file_name_cannot_forge_a_workflow_command(tmp_path, output_format):
    name = "::add-mask::Home.md"
    write(tmp_path / name, FRONT_MATTER + "\n#### Deep heading\n")
    outcome = check("--format", output_format, "--", name, cwd=tmp_path)
    assert "%3A%3Aadd-mask::Home.md:" in outcome.stdout
    assert _lines_posing_as_commands(outcome.stdout + outcome.stderr) == []


def test_the_github_format_shows_control_characters_of_a_file_name(tmp_path):
    """The runner's own escapes cover ``%`` and line breaks; an ESC or BEL in a file name
    is shown as ``\x1b``, as in every other format, never sent to a terminal."""
    name = "esc\x1b[2J\x1b]0;owned\x07x.md"
    write(tmp_path / name, FRONT_MATTER + "\n#### Deep heading\n")
    outcome = check("--format", "github", "--", name, cwd=tmp_path)
    assert "\x1b" not in outcome.stdout and "\x07" not in outcome.stdout
    assert "file=esc\\x1b[2J\\x1b]0;owned\\x07x.md," in outcome.stdout


def test_the_github_format_escapes_a_file_name_in_its_own_commands(tmp_path):
    name = "::add-mask::Home.md"
    write(tmp_path / name, FRONT_MATTER + "\n#### Deep heading\n")
    outcome = check("--format", "github", "--", name, cwd=tmp_path)
    commands = [line for line in outcome.stdout.splitlines() if line.startswith("::")]
    assert commands and all(" file=%3A%3Aadd-mask%3A%3AHome.md," in line for line in commands)


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("a\nb\r\nc\u2028d", "a b c d"),
        ("\x1b]0;title\x07 \x1b[31mred", "\\x1b]0;title\\x07 \\x1b[31mred"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("::add-mask::x", "%3A%3Aadd-mask::x"),
        ("  ::error::x", "  %3A%3Aerror::x"),
        ("a ##[error]b", "a #%23[error]b"),
        ("plain: text :: with colons", "plain: text :: with colons"),
    ],
)
def test_clean_line(text, cleaned):
    from openaccess.printable import clean_line

    assert clean_line(text) == cleaned


# A file name and a title that try every printed channel: a line break then a workflow
# command, a terminal escape, an old-style command.
HOSTILE_NAME = "x\n::error file=a.md::forged name\n\x1b[31mred.md"
HOSTILE_TITLE = "T\\n::error file=b.md::forged title\\n\\e[2J ##[error]old"


def _hostile_project(tmp_path: Path) -> None:
    write(tmp_path / "pages" / HOSTILE_NAME, FRONT_MATTER + "\nShort text here.\n")
    write(
        tmp_path / "pages" / "ok.md",
        f'---\ntitle: "{HOSTILE_TITLE}"\ndescription: D\n---\n\nShort text here.\n',
    )
    (tmp_path / "pages" / "bin\n::error file=z::forged skip.md").write_bytes(b"a\0b")


def _unsafe_lines(text: str) -> list[str]:
    """Lines a CI log would obey, and terminal escapes."""
    return _lines_posing_as_commands(text) + [line for line in text.splitlines() if "\x1b" in line]


@pytest.mark.parametrize("output_format", ["terminal", "markdown", "csv", "json", "html"])
def test_every_report_format_prints_page_text_safely(tmp_path, output_format):
    _hostile_project(tmp_path)
    outcome = run_openaccess("report", "--format", output_format, cwd=tmp_path)
    assert outcome.returncode == 0, outcome.stderr
    assert _unsafe_lines(outcome.stdout + outcome.stderr) == []
    assert (
        "openaccess: pages/bin ::error file=z::forged skip.md:1:1: skipped: binary file (it"
        " contains NUL bytes)\n" in outcome.stderr
    )


def test_the_junit_format_is_valid_xml_whatever_the_file_names(tmp_path):
    from xml.etree import ElementTree

    _hostile_project(tmp_path)
    outcome = check("--format", "junit", cwd=tmp_path)
    names = [case.get("name") for case in ElementTree.fromstring(outcome.stdout).iter("testcase")]
    assert "pages/x ::error file=a.md::forged name \\x1b[31mred.md" in names
    assert _unsafe_lines(outcome.stdout) == []


def test_a_diff_prints_page_lines_safely_and_keeps_tabs(tmp_path):
    body = "\n::error file=e.md::forged\n\x1b[31mred\tline.<br>\n\n## Head\n"
    write(tmp_path / "page.md", FRONT_MATTER + body)
    outcome = check("--diff", "page.md", cwd=tmp_path)
    assert outcome.stdout.endswith(
        " \n"
        " %3A%3Aerror file=e.md::forged\n"
        "-\\x1b[31mred\tline.<br>\n"
        "+\\x1b[31mred\tline.\n"
        " \n"
        " ## Head\n"
    )
    assert _unsafe_lines(outcome.stdout) == []


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_finding(tmp_path):
    write(tmp_path / "pages" / "index.md", FRONT_MATTER + "\nHello.\n")
    (tmp_path / "pages" / "bad\udcff.md").write_bytes(b"---\ntitle: T\n---\n\nHello.\n")
    expected = (
        "pages/bad\\xff.md:1:1: OA000 skipped: the name is not valid UTF-8; rename it"
        " [unreadable-file]"
    )
    for output_format in ("text", "json", "sarif", "junit"):
        outcome = check("--format", output_format, cwd=tmp_path)
        assert outcome.returncode == 0, outcome.stderr
        assert "internal error" not in outcome.stderr
    assert check(cwd=tmp_path).findings() == [expected]
    published = run_openaccess("publish", cwd=tmp_path)
    assert published.returncode == 0, published.stderr
    assert expected in published.stdout.splitlines()


# -- row 14: invisible characters, code spans --------------------------------------------------
@pytest.mark.parametrize("invisible", ["\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad"])
def test_invisible_characters_do_not_hide_vague_or_raw_link_text(tmp_path, invisible):
    body = f"\n[{invisible}click here](a.md) and [{invisible}https://example.org/a](a.md)\n"
    write(tmp_path / "a.md", FRONT_MATTER + "\nA.\n")
    write(tmp_path / "page.md", FRONT_MATTER + body)
    outcome = check("--select", "OA306,OA308", "page.md", cwd=tmp_path)
    assert [line.split(" [")[-1] for line in outcome.findings()] == [
        "vague-link-text]",
        "url-as-link-text]",
    ]


def test_plain_word_fixes_never_edit_inline_code(tmp_path):
    body = (
        "\nTo set it up, run `utilize --all` in order to start, then run"
        " `python -m in order to` and utilize the result.\n"
    )
    fixed = _fixed(tmp_path, "page.md", body, "--unsafe-fixes", "--select", "OA506")
    assert "`utilize --all`" in fixed and "`python -m in order to`" in fixed
    assert "and use the result" in fixed
