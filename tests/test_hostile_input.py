"""Hostile and broken page content through the real CLI: never a traceback, exact positions.

Each test names the protection it proves; removing that protection makes it fail (a
traceback, a hang caught by the guard, a wrong line, a missing message). Issue 7.
"""

from __future__ import annotations

import codecs
import json

import pytest
from hostile_cli import FRONT_MATTER, check, check_json, run_openaccess, write

NEWLINES = pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])


# -- front matter -------------------------------------------------------------------------
@NEWLINES
def test_invalid_yaml_reports_the_true_line_and_column(tmp_path, newline):
    write(tmp_path / "p.md", "---\ntitle: a\n  bad: [\n---\nBody\n", newline)
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:3:6: OA102 unreadable YAML front matter: mapping values are not allowed in this"
        " context [invalid-front-matter]"
    ]
    assert outcome.returncode == 1


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_invalid_toml_reports_the_true_line_and_column(tmp_path, newline):
    write(tmp_path / "p.md", '+++\ntitle = "a"\ndesc = \n+++\nBody\n', newline)
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:3:8: OA102 unreadable TOML front matter: Invalid value [invalid-front-matter]"
    ]


def test_toml_with_lone_cr_points_at_the_cr(tmp_path):
    """TOML allows only LF and CRLF; the error lands on the offending CR, not line 1."""
    write(tmp_path / "p.md", '+++\ntitle = "a"\n+++\nBody\n', "\r")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:2:12: OA102 unreadable TOML front matter: Expected newline or end of document"
        " after a statement [invalid-front-matter]"
    ]


def test_a_toml_integer_python_cannot_convert_is_unreadable_front_matter(tmp_path):
    """Python refuses to turn a number of more than 4,300 digits into an int (a guard
    against slow conversions): one page is reported, the run goes on."""
    write(tmp_path / "p.md", '+++\ntitle = "a"\nn = ' + "9" * 5_000 + "\n+++\nBody\n", "\n")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:2:1: OA102 unreadable TOML front matter: a number has more than 4300 digits"
        " [invalid-front-matter]"
    ]
    assert outcome.returncode == 1


@NEWLINES
def test_invalid_json_reports_the_true_line_and_column(tmp_path, newline):
    # json itself counts only LF; a CR-only or mixed file must still get the true line.
    write(tmp_path / "p.md", '{\n "title": "a",\n "x": \n}\nBody\n', newline)
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:4:1: OA102 unreadable JSON front matter: Expecting value [invalid-front-matter]"
    ]


def test_one_line_json_front_matter_is_front_matter_and_a_brace_in_text_is_not(tmp_path):
    """Hugo reads ``{"title": ...}`` on one line as front matter; it was "no front
    matter" (OA101, QA of 2 December, G11). A body that opens with ``{`` and is no JSON
    object stays a body; one nested too deep is still OA102."""
    write(tmp_path / "a.md", '{"title": "One line", "description": "D."}\nBody text.\n')
    write(tmp_path / "b.md", "{Note} this opens the body.\n")
    write(tmp_path / "c.md", "{" + '"a":{' * 200 + "}" * 201 + "\nBody\n")
    outcome = check("--select", "OA101,OA102", "a.md", "b.md", "c.md", cwd=tmp_path)
    assert outcome.findings() == [
        "b.md:1:1: OA101 page has no front matter; add a '---' block with a title and"
        " description [missing-front-matter]",
        "c.md:1:1: OA102 front matter is nested more than 100 levels deep [invalid-front-matter]",
    ]


def test_json_error_after_mixed_line_endings(tmp_path):
    (tmp_path / "p.md").write_bytes(b'{\r\n "title": "a",\r "x": \n}\nBody\n')
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:4:1: OA102 unreadable JSON front matter: Expecting value [invalid-front-matter]"
    ]


BILLION_LAUGHS = """\
---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
title: Laughs
description: A billion of them.
---
Body text.
"""


def test_yaml_alias_bomb_is_refused_with_a_diagnostic(tmp_path):
    """9^9 = 387 million strings if expanded; the walk stops at 10,000 values. Every rule
    runs (readability, links, publish-side readers) and none may walk the expansion."""
    write(tmp_path / "bomb.md", BILLION_LAUGHS)
    outcome = check("bomb.md", cwd=tmp_path, timeout=120)
    assert (
        "bomb.md:2:1: OA102 front matter expands to more than 10000 values (too many YAML"
        " aliases?) [invalid-front-matter]"
    ) in outcome.lines
    assert outcome.returncode == 1


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch pwned"]',
        '!!python/object/new:os.system ["touch pwned"]',
        "!!python/name:os.system",
        '!!python/object/apply:subprocess.call [["touch", "pwned"]]',
    ],
)
def test_python_object_tags_are_refused_and_never_run(tmp_path, tag):
    write(tmp_path / "p.md", f"---\ntitle: {tag}\ndescription: D\n---\nBody\n")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    tag_name = tag.split()[0].removeprefix("!!")
    assert outcome.findings() == [
        "p.md:2:8: OA102 unreadable YAML front matter: could not determine a constructor for"
        f" the tag 'tag:yaml.org,2002:{tag_name}' [invalid-front-matter]"
    ]
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("front_matter", "kind"),
    [
        ("---\n- a\n- b\n---\n", "a list"),
        ("---\njust a sentence\n---\n", "a single text value"),
        ("---\n42\n---\n", "a number"),
        ("---\ntrue\n---\n", "true or false"),
        ('{\n"x": 1\n}\n', None),  # control: a JSON object is a mapping
    ],
)
def test_front_matter_that_is_not_a_mapping(tmp_path, front_matter, kind):
    write(tmp_path / "p.md", front_matter + "Body\n")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    expected = (
        [
            "p.md:2:1: OA102 front matter must be a set of 'key: value' pairs,"
            f" but it is {kind} [invalid-front-matter]"
        ]
        if kind
        else []
    )
    assert outcome.findings() == expected


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ("---\na: " + "[" * 500 + "]" * 500 + "\n---\n", 2),
        ('{\n"a": ' + "[" * 10_000 + "]" * 10_000 + "\n}\n", 1),
        ('{\n"a": ' + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "\n}\n", 1),
        ("+++\na = " + "[" * 10_000 + "]" * 10_000 + "\n+++\n", 2),
    ],
    ids=["yaml", "json-lists", "json-objects", "toml"],
)
def test_deeply_nested_front_matter_is_an_error_not_a_recursion_error(tmp_path, front_matter, line):
    write(tmp_path / "p.md", front_matter + "Body\n")
    outcome = check("p.md", cwd=tmp_path)
    assert (
        f"p.md:{line}:1: OA102 front matter is nested more than 100 levels deep"
        " [invalid-front-matter]"
    ) in outcome.lines


def test_yaml_nesting_past_libyaml_limit(tmp_path):
    write(tmp_path / "p.md", "---\na: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody\n")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:2:1003: OA102 unreadable YAML front matter: exceeded maximum nesting depth while"
        " increasing flow level [invalid-front-matter]"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-13-45", "'2024-13-45' is not a real date (month must be in 1..12)"),
        ("2024-02-30", "'2024-02-30' is not a real date (day is out of range for month)"),
    ],
)
def test_impossible_toml_dates_get_the_words_yaml_dates_get(tmp_path, value, message):
    """tomllib said "Expected newline or end of document after a statement" (QA of 2
    December)."""
    write(tmp_path / "p.md", f'+++\ntitle = "T"\ndescription = "D"\ndate = {value}\n+++\nBody\n')
    outcome = check("--select", "OA1", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        f"p.md:4:8: OA102 unreadable TOML front matter: {message}; write dates as YYYY-MM-DD"
        " [invalid-front-matter]"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-13-45", "'2024-13-45' is not a real date (month must be in 1..12)"),
        ("2024-02-30", "'2024-02-30' is not a real date (day is out of range for month)"),
        ("2020-01-01t25:61:61", "'2020-01-01t25:61:61' is not a real date (hour must be in 0..23)"),
        ("!!timestamp someday", "'someday' is not a real date"),
    ],
)
def test_impossible_dates_are_front_matter_errors_at_the_value(tmp_path, value, message):
    write(tmp_path / "p.md", f"---\ntitle: T\ndescription: D\ndate: {value}\n---\nBody\n")
    outcome = check("--select", "OA1", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        f"p.md:4:7: OA102 unreadable YAML front matter: {message}; write dates as YYYY-MM-DD"
        " [invalid-front-matter]"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "'abc' is not a whole number"),
        ("!!int 0xZZ", "'0xZZ' is not a whole number"),
        ("!!float abc", "'abc' is not a number"),
        ("!!bool maybe", "'maybe' is not true or false"),
        ("!!int " + "9" * 5000, "'" + "9" * 35 + "...' is not a whole number"),
    ],
)
def test_values_their_tag_cannot_hold_are_errors_at_the_value(tmp_path, value, message):
    write(tmp_path / "p.md", f"---\ntitle: T\ndescription: D\nx: {value}\n---\nBody\n")
    outcome = check("--select", "OA1", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        f"p.md:4:4: OA102 unreadable YAML front matter: {message} [invalid-front-matter]"
    ]


def test_json_number_too_long_for_python(tmp_path):
    write(tmp_path / "p.md", '{\n"title": "T", "n": ' + "9" * 5000 + "\n}\nBody\n")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:1:1: OA102 unreadable JSON front matter: a number has too many digits"
        " [invalid-front-matter]"
    ]


WRONG_TYPES_YAML = """\
---
title: [a, b]
description: 5
weight: heavy
date: yesterday
lang: 42
reading_age: nine
audience: [kids]
orphan: "yes"
aliases: 3
slug: [x]
url: {a: 1}
permalink: 7
openaccess: 7
---
# Hi

Body text here.
"""


def test_wrong_typed_values_are_reported_by_key_and_crash_no_rule(tmp_path):
    write(tmp_path / "p.md", WRONG_TYPES_YAML)
    every_rule = check("p.md", cwd=tmp_path)  # every reader of every key survives
    assert every_rule.returncode == 1
    schema = check("--select", "OA103", "p.md", cwd=tmp_path)
    assert schema.findings() == [
        "p.md:2:1: OA103 front matter key 'title' must be text or a number, got a list"
        " [front-matter-schema]",
        "p.md:3:1: OA103 front matter key 'description' must be text, got 5 [front-matter-schema]",
        "p.md:4:1: OA103 front matter key 'weight' must be a whole number, got 'heavy'"
        " [front-matter-schema]",
        "p.md:6:1: OA103 front matter key 'lang' must be text, got 42 [front-matter-schema]",
        "p.md:7:1: OA103 front matter key 'reading_age' must be a whole number, got 'nine'"
        " [front-matter-schema]",
        "p.md:8:1: OA103 front matter key 'audience' must be text, got a list"
        " [front-matter-schema]",
        "p.md:9:1: OA103 front matter key 'orphan' must be true or false, got 'yes'"
        " [front-matter-schema]",
        "p.md:10:1: OA103 front matter key 'aliases' must be a list or text or empty, got 3"
        " [front-matter-schema]",
        "p.md:11:1: OA103 front matter key 'slug' must be text, got a list [front-matter-schema]",
        "p.md:12:1: OA103 front matter key 'url' must be text, got a set of key: value pairs"
        " [front-matter-schema]",
        "p.md:13:1: OA103 front matter key 'permalink' must be text, got 7 [front-matter-schema]",
        "p.md:14:1: OA103 front matter key 'openaccess' must be a set of key: value pairs, got 7"
        " [front-matter-schema]",
    ]


@pytest.mark.parametrize(
    "settings",
    [
        "openaccess: [1, 2]",
        "openaccess: {ignore: 5}",
        "openaccess: {ignore: {a: 1}}",
        "openaccess: {ignore: [5, null, [x], {a: 1}]}",
        "openaccess: {ignore: ''}",
        "openaccess: {ignore: ['', ' ']}",
        "openaccess: ~",
    ],
)
def test_wrong_typed_openaccess_settings_silence_nothing(tmp_path, settings):
    """Junk under ``openaccess.ignore`` is a schema error, never a way to hide findings
    (an empty string used to match every rule code)."""
    page = f"---\ntitle: T\ndescription: D\n{settings}\n---\n## Two\n\n#### Four\n"
    write(tmp_path / "p.md", page)
    outcome = check("--select", "OA201", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:8:1: OA201 heading level 4 follows a level-2 heading; use level 3 [heading-increment]"
    ]
    check("p.md", cwd=tmp_path)  # and every other rule reads these settings safely


def test_odd_yaml_keys_and_values_crash_no_rule(tmp_path):
    page = (
        "---\ntitle: T\ndescription: D\n1: 2\nnull: x\n2024-01-01: x\ntrue: y\n1.5: z\n"
        "b: !!binary aGVsbG8=\ns: !!set {a, b}\nt: 12:30:00\nn: .nan\ni: -.inf\n"
        "m: !!omap [a: 1]\np: !!pairs [a: 1]\n---\n# Hi\n\nBody.\n"
    )
    write(tmp_path / "p.md", page)
    diagnostics = check_json("p.md", cwd=tmp_path)
    assert not [d for d in diagnostics if d["rule"] in ("OA102", "OA103")]


def test_unhashable_yaml_key(tmp_path):
    write(tmp_path / "p.md", "---\n? [a, b]\n: c\ntitle: T\n---\nBody\n")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:2:3: OA102 unreadable YAML front matter: found unhashable key while constructing"
        " a mapping [invalid-front-matter]"
    ]


def test_wrong_types_in_toml_and_json_front_matter(tmp_path):
    write(
        tmp_path / "t.md",
        "+++\ntitle = 1979-05-27T07:32:00Z\ndescription = {a = 1}\nreading_age = 1.5\n"
        "date = 07:32:00\n+++\nBody\n",
    )
    write(
        tmp_path / "j.md",
        '{\n"title": null, "description": false, "reading_age": "9", "lang": 42}\nBody\n',
    )
    outcome = check("--select", "OA103", "t.md", "j.md", cwd=tmp_path)
    check("t.md", "j.md", cwd=tmp_path)
    assert outcome.findings() == [
        "j.md:1:1: OA103 front matter key 'description' must be text, got false (true/false)"
        " [front-matter-schema]",
        "j.md:1:1: OA103 front matter key 'lang' must be text, got 42 [front-matter-schema]",
        "j.md:1:1: OA103 front matter key 'reading_age' must be a whole number, got '9'"
        " [front-matter-schema]",
        "j.md:2:1: OA103 front matter key 'title' must be text or a number, got an empty value"
        " [front-matter-schema]",
        "t.md:3:1: OA103 front matter key 'description' must be text, got a set of key: value"
        " pairs [front-matter-schema]",
        "t.md:4:1: OA103 front matter key 'reading_age' must be a whole number, got 1.5"
        " [front-matter-schema]",
        "t.md:4:1: OA103 front matter key 'reading_age': 1.5 is less than the minimum of 5"
        " [front-matter-schema]",
    ]


# -- encoding -------------------------------------------------------------------------------
HEADINGS_PAGE = FRONT_MATTER + "## Two\n\n#### Four\n\nSee ![](x.png) here.\n"
HEADINGS_FINDINGS = [
    "p.md:7:1: OA201 heading level 4 follows a level-2 heading; use level 3 [heading-increment]",
    "p.md:9:5: OA401 image 'x.png' has no alt text; describe it inside the brackets:"
    " ![what it shows](...) [image-alt]",
]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), id="utf-8-bom"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16-native-bom"),
        pytest.param(lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf-16-be"),
    ],
)
@NEWLINES
def test_encodings_and_line_endings_keep_true_positions(tmp_path, encode, newline):
    """A BOM is not a column; CRLF and lone CR end lines as editors count them."""
    (tmp_path / "p.md").write_bytes(encode(HEADINGS_PAGE.replace("\n", newline)))
    outcome = check("--select", "OA201,OA401,OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == HEADINGS_FINDINGS


def test_invalid_utf8_names_the_byte_offset_line_and_column(tmp_path):
    (tmp_path / "p.md").write_bytes(FRONT_MATTER.encode() + b"# Hi\n\ncaf\xe9 ok\n")
    outcome = check("p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:7:4: OA000 not valid UTF-8: byte 41 (0xe9) cannot be decoded; save the file as"
        " UTF-8 [unreadable-file]"
    ]
    assert outcome.returncode == 1


def test_invalid_utf8_position_counts_characters_and_cr_lines(tmp_path):
    # 'é' is two bytes but one column; lone CR and CRLF both end lines.
    (tmp_path / "p.md").write_bytes("é\rx\r\ny\rzé".encode() + b"\xff")
    outcome = check("p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:4:3: OA000 not valid UTF-8: byte 11 (0xff) cannot be decoded; save the file as"
        " UTF-8 [unreadable-file]"
    ]


def test_invalid_utf16_names_the_byte_offset_in_characters(tmp_path):
    (tmp_path / "p.md").write_bytes(
        "ab\ncdé".encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]) + b"\x00\xd8A\x00"
    )
    outcome = check("p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:2:4: OA000 not valid UTF-16: byte 14 (0x00 d8) cannot be decoded; save the file"
        " as UTF-8 [unreadable-file]"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"abc\x00def", "skipped: binary file (it contains NUL bytes)"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "skipped: binary file (it contains NUL bytes)",
        ),
        (codecs.BOM_UTF8 + b"a\x00b", "skipped: binary file (it contains NUL characters)"),
        ("a\0b".encode("utf-16"), "skipped: binary file (it contains NUL characters)"),
        (b"x" * 9000 + b"\x00", "skipped: binary file (it contains NUL characters)"),
    ],
    ids=["nul", "png", "bom-nul", "utf16-nul", "late-nul"],
)
def test_binary_files_are_skipped_with_a_message_and_the_run_goes_on(tmp_path, content, message):
    (tmp_path / "bin.md").write_bytes(content)
    write(tmp_path / "ok.md", HEADINGS_PAGE)
    outcome = check("--select", "OA201", "bin.md", "ok.md", cwd=tmp_path)
    assert outcome.findings() == [
        f"bin.md:1:1: OA000 {message} [unreadable-file]",
        "ok.md:7:1: OA201 heading level 4 follows a level-2 heading; use level 3"
        " [heading-increment]",
    ]
    assert "Found 0 errors, 2 warnings" in outcome.stdout  # a skip is a warning, not an error


def test_tabs_count_as_one_column_and_follow_commonmark(tmp_path):
    page = FRONT_MATTER + "## Two\n\n\t#### Code, not a heading\n\n####\tFour\n\na\t![](x.png)\n"
    write(tmp_path / "p.md", page)
    outcome = check("--select", "OA201,OA401", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:9:1: OA201 heading level 4 follows a level-2 heading; use level 3"
        " [heading-increment]",
        "p.md:11:3: OA401 image 'x.png' has no alt text; describe it inside the brackets:"
        " ![what it shows](...) [image-alt]",
    ]


# -- size and shape ------------------------------------------------------------------------
def test_empty_file(tmp_path):
    write(tmp_path / "p.md", "")
    outcome = check("p.md", cwd=tmp_path)
    assert (
        "p.md:1:1: OA101 page has no front matter; add a '---' block with a title and"
        " description [missing-front-matter]"
    ) in outcome.lines
    assert outcome.returncode == 1


@pytest.mark.parametrize(
    "text",
    [
        FRONT_MATTER,
        FRONT_MATTER.rstrip("\n"),
        '+++\ntitle = "T"\ndescription = "D"\n+++',
        '{\n"title": "T", "description": "D"\n}',
    ],
    ids=["yaml", "yaml-no-final-newline", "toml", "json"],
)
def test_front_matter_only(tmp_path, text):
    write(tmp_path / "p.md", text)
    check("p.md", cwd=tmp_path)  # every rule copes with an empty body
    outcome = check("--select", "OA1,OA2,OA4", "p.md", cwd=tmp_path)
    assert outcome.lines == ["All clear: no problems in 1 file."]


def test_unclosed_front_matter(tmp_path):
    write(tmp_path / "p.md", "---\ntitle: T\n")
    outcome = check("--select", "OA1", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:1:1: OA102 front matter opened with '---' on line 1 is never closed; add a '---'"
        " line after it [invalid-front-matter]"
    ]


MIB = 1024 * 1024


def _big_page(size: int) -> str:
    paragraph = "Some words here that make a sentence. " * 10 + "\n\n"
    count = size // len(paragraph) + 1
    return FRONT_MATTER + paragraph * count + "The end ![](last.png)\n"


def test_twenty_megabyte_page_is_skipped_by_the_default_limit(tmp_path):
    write(tmp_path / "big.md", _big_page(20 * MIB))
    write(tmp_path / "ok.md", FRONT_MATTER + "Fine.\n")
    outcome = check("--select", "OA1,OA401", "big.md", "ok.md", cwd=tmp_path)
    assert outcome.findings() == [
        "big.md:1:1: OA000 skipped: file is 20.0 MiB, over max_file_size (10.0 MiB)"
        " [unreadable-file]"
    ]


def test_twenty_megabyte_page_is_checked_whole_when_the_limit_allows(tmp_path):
    text = _big_page(20 * MIB)
    write(tmp_path / "big.md", text)
    write(tmp_path / "openaccess.toml", f"max_file_size = {32 * MIB}\n")
    last_line = text.count("\n")
    outcome = check("big.md", cwd=tmp_path)
    assert (
        f"big.md:{last_line}:9: OA401 image 'last.png' has no alt text; describe it inside the"
        " brackets: ![what it shows](...) [image-alt]"
    ) in outcome.lines


def test_max_file_size_boundary(tmp_path):
    write(tmp_path / "openaccess.toml", "max_file_size = 100\n")
    at_limit = FRONT_MATTER + "x" * (100 - len(FRONT_MATTER) - 1) + "\n"
    write(tmp_path / "at.md", at_limit)
    write(tmp_path / "over.md", at_limit + "y")
    assert len(at_limit.encode()) == 100
    outcome = check("--select", "OA1", "at.md", "over.md", cwd=tmp_path)
    assert outcome.findings() == [
        "over.md:1:1: OA000 skipped: file is 101 bytes, over max_file_size (100 bytes)"
        " [unreadable-file]"
    ]


def test_one_megabyte_single_line(tmp_path):
    write(tmp_path / "p.md", FRONT_MATTER + "word " * 200_000 + "![](x.png)\n")
    outcome = check("p.md", cwd=tmp_path)
    assert (
        "p.md:5:1000001: OA401 image 'x.png' has no alt text; describe it inside the brackets:"
        " ![what it shows](...) [image-alt]"
    ) in outcome.lines


@pytest.mark.parametrize(
    ("name", "nest"),
    [
        ("lists", "- " * 10_000 + "x\n"),
        ("indented-lists", "".join("  " * i + "- x\n" for i in range(300))),
        ("blockquotes", "> " * 10_000 + "x\n"),
        ("blockquotes-tight", ">" * 10_000 + " x\n"),
        ("raw-html-divs", "<div>" * 10_000 + "x" + "</div>" * 10_000 + "\n"),
        ("unclosed-divs", "<div>" * 10_000 + "\n"),
        ("emphasis", "*a **b " * 10_000 + "\n"),
        ("brackets", "[" * 20_000 + "\n"),
        ("open-links", "[a](" * 10_000 + "\n"),
    ],
)
def test_deep_nesting_in_markdown_never_hits_the_recursion_limit(tmp_path, name, nest):
    """After the nest, the parser is still working: the image on the next block is found."""
    page = FRONT_MATTER + nest + "\n\n![](after.png)\n"
    write(tmp_path / "p.md", page)
    line = page.count("\n") - 0
    outcome = check("p.md", cwd=tmp_path)
    assert (
        f"p.md:{line}:1: OA401 image 'after.png' has no alt text; describe it inside the"
        " brackets: ![what it shows](...) [image-alt]"
    ) in outcome.lines


def test_deeply_nested_html_page(tmp_path):
    depth = 100_000
    write(
        tmp_path / "p.html",
        FRONT_MATTER + "<div>" * depth + "<img src='x.png'>" + "</div>" * depth + "\n",
    )
    outcome = check("p.html", cwd=tmp_path)
    assert (
        f"p.html:5:{5 * depth + 1}: OA401 image 'x.png' has no alt text; add alt=\"...\""
        ' describing it (alt="" if it is decoration) [image-alt]'
    ) in outcome.lines


def test_one_hundred_thousand_links(tmp_path):
    count = 100_000
    write(
        tmp_path / "p.md",
        FRONT_MATTER + "".join(f"[page {i}](p{i}.md) " for i in range(count)) + "\n",
    )
    diagnostics = check_json("p.md", cwd=tmp_path)
    missing = [d for d in diagnostics if d["rule"] == "OA301"]
    assert len(missing) == count
    assert (missing[-1]["line"], missing[-1]["column"]) == (
        5,
        len("".join(f"[page {i}](p{i}.md) " for i in range(count - 1))) + 1,
    )


def test_json_report_of_hostile_page_is_valid_json(tmp_path):
    """Control characters and lone surrogate escapes in messages still make valid JSON."""
    write(tmp_path / "p.md", '---\ntitle: "\\u0007\\ud800"\ndescription: D\n---\n# \x1b[31mred\n')
    outcome = check("--format", "json", "p.md", cwd=tmp_path)
    json.loads(outcome.stdout)


@pytest.mark.parametrize(
    ("front_matter", "column"),
    [
        ("---\r\ntitle: T\r\ndescription: a\x1fb\r\n---\r\nBody\r\n", 15),
        # libyaml counts bytes of UTF-8: the column still counts characters, as editors do
        ("---\ntitle: T\ndescription: café\xa0\x1f\n---\nBody\n", 19),
    ],
)
def test_yaml_control_character_is_a_one_line_error_at_its_position(tmp_path, front_matter, column):
    write(tmp_path / "p.md", front_matter)
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        f"p.md:3:{column}: OA102 unreadable YAML front matter: character U+001F is not allowed"
        " (control characters must be removed) [invalid-front-matter]"
    ]


@NEWLINES
def test_html_page_positions_with_any_line_ending(tmp_path, newline):
    """html.parser counts lines by LF only; positions must still be the editor's."""
    page = FRONT_MATTER + "<h2>Two</h2>\n\n<h4>Four</h4>\n\n<p>See <img src='x.png'> here.</p>\n"
    write(tmp_path / "p.html", page, newline)
    outcome = check("--select", "OA201,OA401", "p.html", cwd=tmp_path)
    assert outcome.findings() == [
        "p.html:7:1: OA201 heading level 4 follows a level-2 heading; use level 3"
        " [heading-increment]",
        "p.html:9:8: OA401 image 'x.png' has no alt text; add alt=\"...\" describing it"
        ' (alt="" if it is decoration) [image-alt]',
    ]


def test_html_page_positions_with_mixed_line_endings(tmp_path):
    page = "---\ntitle: T\rdescription: D\r\n---\n<h2>Two</h2>\r\r<h4>Four</h4>\n\r<img src=x>\r"
    write(tmp_path / "p.html", page)
    outcome = check("--select", "OA201,OA401", "p.html", cwd=tmp_path)
    assert outcome.findings() == [
        "p.html:7:1: OA201 heading level 4 follows a level-2 heading; use level 3"
        " [heading-increment]",
        "p.html:9:1: OA401 image 'x' has no alt text; add alt=\"...\" describing it"
        ' (alt="" if it is decoration) [image-alt]',
    ]


def test_character_references_keep_prose_offsets_exact(tmp_path):
    """Text after ``&amp;`` or a broken ``&#00`` maps to the character the writer typed."""
    from pathlib import Path

    from openaccess.page import Page

    text = "<p>x &amp; y &#00 z &copy; w</p>\r\n\r\nthe <a href='a?b=1&amp;c=2'>l&amp;k</a>"
    document = Page.from_text(Path("p.html"), text).document
    assert [block.text for block in document.blocks] == ["x & y \ufffd z © w", "the l&k"]
    for block in document.blocks:
        for index, shown in enumerate(block.text):
            typed = text[block.offset_at(index)]
            assert typed == shown or (typed == "&" and shown in "&\ufffd©"), (index, shown)
    assert [(link.href, link.text) for link in document.links] == [("a?b=1&c=2", "l&k")]


@pytest.mark.parametrize(
    "inner",
    ["<!--\n\n-->", "<!--\n\n", "<code>a\n\nb</code>", "<script>a\n\nb</script>"],
    ids=["comment", "unclosed-comment", "code", "script"],
)
def test_blank_lines_inside_comments_or_code_are_no_paragraph_wall(tmp_path, inner):
    """Splitting there would fix nothing, and ``--fix`` offered the same edit for ever. An
    unclosed comment runs to the end of the page, as in a browser: the wall after it is
    inside the comment too, and no reader sees it."""
    write(tmp_path / "p.html", FRONT_MATTER + f"<p>the {inner} end</p>\n\n<p>a\n\nb</p>\n")
    outcome = check("--select", "OA404", "p.html", cwd=tmp_path)
    expected = [] if inner == "<!--\n\n" else [f"p.html:{7 + inner.count(chr(10))}:1"]
    assert [line.split(": OA404")[0] for line in outcome.findings()] == expected


def test_page_text_in_messages_cannot_reach_the_terminal_raw(tmp_path):
    """An OSC escape in a heading would retitle the terminal; a newline would forge a
    second finding line. Messages show them escaped, on one line."""
    heading = "## A\x1b]0;pwned\x07 B\r\n"
    write(tmp_path / "p.md", FRONT_MATTER + heading + "\ntext\n\n" + heading)
    outcome = check("--select", "OA204", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:9:1: OA204 heading 'A\\x1b]0;pwned\\x07 B' repeats the level-2 heading on line 5"
        " [duplicate-heading]"
    ]
    assert "\x1b" not in outcome.stdout and "\x07" not in outcome.stdout


def test_wrong_typed_values_crash_no_publish_step(tmp_path):
    """publish reads title, description, date, weight, slug, url, aliases, lang..."""
    pages = tmp_path / "pages"
    write(pages / "yaml.md", WRONG_TYPES_YAML)
    write(
        pages / "dates.md",
        "---\ntitle: 2024-01-01\ndescription: 2020-02-03\ndate: [1]\nupdated: {a: 1}\n"
        "lastmod: x\n---\nHi.\n",
    )
    write(
        pages / "toml.md",
        "+++\ntitle = 1979-05-27T07:32:00Z\nweight = 1e400\ndate = 07:32:00\n+++\nHi.\n",
    )
    write(
        pages / "json.md",
        '{\n"title": null, "weight": [], "lang": 42, "aliases": [1, null]}\nHi.\n',
    )
    write(pages / "missing.md", "---\ntitle: 404\nslug: missing\n---\nHi.\n")
    outcome = run_openaccess("publish", "--allow-errors", "-o", "out", "pages", cwd=tmp_path)
    assert outcome.returncode == 0, outcome.stderr
    assert sorted(p.parent.name for p in (tmp_path / "out").glob("*/index.html")) == [
        "dates",
        "json",
        "missing",
        "toml",
        "yaml",
    ]
    dated = (tmp_path / "out" / "dates" / "index.html").read_text(encoding="utf-8")
    assert "<h1>2024-01-01</h1>" in dated  # a YAML date as title is still the title
    assert '<meta name="description" content="2020-02-03">' in dated  # check passes it too
    missing = (tmp_path / "out" / "missing" / "index.html").read_text(encoding="utf-8")
    assert "<h1>404</h1>" in missing  # and a number its digits, as generators show it
    assert not [line for line in outcome.stdout.splitlines() if "missing.md:2" in line]


def test_yaml_error_line_ignores_unicode_line_separators(tmp_path):
    """YAML ends lines at U+2028 too; editors (and every other position) do not."""
    write(tmp_path / "p.md", "---\ntitle: T\ndescription: a\u2028b\nx: [\n---\nBody\n")
    outcome = check("--select", "OA102", "p.md", cwd=tmp_path)
    assert outcome.findings() == [
        "p.md:4:1: OA102 unreadable YAML front matter: could not find expected ':' while"
        " scanning a simple key [invalid-front-matter]"
    ]
