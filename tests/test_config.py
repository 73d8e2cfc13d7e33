"""Configuration: discovery, validation with named keys, and options flowing to rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from openaccess.config import Config, ConfigError, build_config, load_config
from openaccess.errors import UsageError
from openaccess.linter import Linter


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_openaccess_toml_is_found_from_a_subfolder(tmp_path):
    write(tmp_path / "openaccess.toml", 'base_url = "https://example.org"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    config = load_config(sub)
    assert config.base_url == "https://example.org"
    assert config.root == tmp_path.resolve()


def test_pyproject_tool_table_is_found(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.openaccess]\npages = "content"\n')
    assert load_config(tmp_path).pages_dir == (tmp_path / "content").resolve()


def test_pyproject_without_table_is_passed_over(tmp_path):
    write(tmp_path / "openaccess.toml", 'language = "fr"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(tmp_path / "sub").language == "fr"


def test_no_config_gives_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config.source is None and config.pages == "pages" and config.language == "en"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"base_ur": "x"}, "unknown key 'base_ur'"),
        ({"publish": {"outptu": "x"}}, "unknown key 'outptu' in [publish]"),
        ({"exclude": "drafts/*"}, "key 'exclude' must be a list of strings"),
        ({"max_file_size": "big"}, "key 'max_file_size' must be a whole number"),
        ({"max_file_size": 0}, "'max_file_size' must be a number of bytes from 1 to"),
        ({"max_file_size": 10**26}, "'max_file_size' must be a number of bytes from 1 to"),
        ({"links": {"external": "yes"}}, "key 'links.external' must be true or false"),
        (
            {"rule": {"OA205": {"severity": "fatal"}}},
            "key 'rule.OA205.severity' must be 'error', 'warning' or 'info', got 'fatal'",
        ),
    ],
)
def test_invalid_config_names_file_and_key(tmp_path, table, message):
    with pytest.raises(ConfigError) as caught:
        build_config(table, tmp_path, tmp_path / "openaccess.toml")
    assert message in str(caught.value)
    assert str(tmp_path / "openaccess.toml") in str(caught.value)


def test_broken_toml_is_a_config_error(tmp_path):
    write(tmp_path / "openaccess.toml", "base_url = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path)


def test_rule_settings_by_name_or_code_reach_the_rule(tmp_path):
    config = build_config(
        {"rule": {"missing-subheadings": {"min_words": 50, "severity": "error"}}}, tmp_path
    )
    active = {a.rule.code: a for a in Linter(config).active}
    assert active["OA205"].options == {"min_words": 50, "post_min_words": 600}
    assert active["OA205"].severity.label == "error"


def test_threshold_defaults_come_from_rule_data(tmp_path):
    active = {a.rule.code: a for a in Linter(Config(root=tmp_path)).active}
    assert active["OA104"].options == {"max_length": 160}


def test_unknown_rule_and_option_are_errors(tmp_path):
    with pytest.raises(ConfigError, match=r"\[rule\.no-such-rule\] names no rule"):
        Linter(build_config({"rule": {"no-such-rule": {}}}, tmp_path))
    with pytest.raises(ConfigError, match=r"unknown key 'min_wrds' in \[rule\.missing-subheadings"):
        Linter(build_config({"rule": {"OA205": {"min_wrds": 3}}}, tmp_path))
    wrong = "key 'rule.missing-subheadings.min_words' must be a whole number, got 'many'"
    with pytest.raises(ConfigError, match=wrong):
        Linter(build_config({"rule": {"OA205": {"min_words": "many"}}}, tmp_path))


def test_disabled_rule_and_selectors(tmp_path):
    config = build_config({"rule": {"OA205": {"enabled": False}}}, tmp_path)
    codes = {a.rule.code for a in Linter(config).active}
    assert "OA205" not in codes and "OA204" in codes
    selected = {a.rule.code for a in Linter(Config(root=tmp_path), select=["OA2"]).active}
    assert selected and all(code.startswith("OA2") for code in selected)
    by_category = Linter(Config(root=tmp_path), select=["headings"], ignore=["OA204"]).active
    assert {a.rule.code for a in by_category} == selected - {"OA204"}
    with pytest.raises(UsageError, match="'OA9' matches no rule"):  # a command-line mistake
        Linter(Config(root=tmp_path), select=["OA9"])


def test_select_on_the_command_line_means_only_these_even_over_enabled_rules(tmp_path):
    """``enabled = true`` ran OA306 in ``check --select OA403`` (QA of 2 December, F27). It
    still runs when the config's own ``select`` leaves it out, or a selection names it."""
    config = build_config({"rule": {"OA306": {"enabled": True}}, "select": ["OA4"]}, tmp_path)
    assert "OA306" in {a.rule.code for a in Linter(config).active}
    assert {a.rule.code for a in Linter(config, select=["OA403"]).active} == {"OA403"}
    assert "OA306" in {a.rule.code for a in Linter(config, select=["OA3"]).active}
    assert "OA306" not in {a.rule.code for a in Linter(config, ignore=["OA306"]).active}


def test_two_tables_for_one_rule_are_a_config_error(tmp_path):
    """``[rule.OA403]`` and ``[rule.spacing-br]`` were both accepted, and one won in
    silence (QA of 2 December, F26)."""
    tables = {"OA403": {"severity": "info"}, "spacing-br": {"severity": "error"}}
    message = r"\[rule.OA403\] and \[rule.spacing-br\] both set rule OA403 \(spacing-br\)"
    with pytest.raises(ConfigError, match=message):
        Linter(build_config({"rule": tables}, tmp_path))


def test_an_exclude_pattern_written_from_the_config_file_gets_a_warning(tmp_path):
    """``exclude`` globs are relative to the pages folder: ``pages/drafts/*`` matched
    nothing, in silence (QA of 2 December, F30)."""
    write(tmp_path / "openaccess.toml", 'exclude = ["pages/drafts/*", "old/*"]\n')
    (tmp_path / "pages").mkdir()
    assert load_config(tmp_path).notes == (
        f"warning: {tmp_path / 'openaccess.toml'}: exclude pattern 'pages/drafts/*' starts"
        " with the pages folder; patterns are relative to pages/, so write 'drafts/*'",
    )
    (tmp_path / "pages" / "pages").mkdir()  # then the pattern may mean that folder
    assert load_config(tmp_path).notes == ()


def test_rule_data_that_is_not_utf8_names_its_line_and_byte(tmp_path):
    """A word list saved in Latin-1 gave Python's decoder message; pages say where and
    what to do (QA of 2 December, F18)."""
    from openaccess.ruledata import RuleData

    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "vague-link-text.txt").write_bytes("click here\nmore été\n".encode("latin-1"))
    message = r"vague-link-text.txt:2:6: not valid UTF-8: byte 16 \(0xe9\) cannot be decoded;"
    with pytest.raises(ConfigError, match=message + " save the file as UTF-8$"):
        RuleData(tmp_path / "r").text("vague-link-text.txt")


def test_missing_rules_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"rules folder .* does not exist"):
        Linter(build_config({"rules": "nowhere"}, tmp_path))


# -- one source of option defaults ----------------------------------------------------------
def test_every_rule_option_has_its_one_default_in_the_built_in_thresholds():
    import tomllib

    from openaccess.options import defaults
    from openaccess.ruledata import THRESHOLDS_FILE, builtin_rules_dir
    from openaccess.rules import all_rules

    shipped = tomllib.loads((builtin_rules_dir() / THRESHOLDS_FILE).read_text("utf-8"))
    resolved = defaults()
    for rule in all_rules():
        assert set(shipped.get(rule.name, {})) == set(rule.options), rule.name
        assert resolved[rule.code].keys() == rule.options.keys()
        # An Option declares a kind and a meaning, never a second default.
        assert all(not hasattr(option, "default") for option in rule.options.values())


def test_a_projects_thresholds_file_overrides_key_by_key(tmp_path):
    write(tmp_path / "r" / "thresholds.toml", "[hard-sentence]\nmin_grade = 13\n")
    config = build_config({"rules": "r"}, tmp_path)
    options = Linter(config).options  # OA503 is opt-in: resolved, though not active
    assert options["OA503"] == {"min_words": 14, "min_grade": 13.0, "min_signs": 2}
    assert options["OA502"] == {"max_words": 25, "tolerance": 0}


def test_an_unknown_key_in_a_projects_thresholds_file_is_an_error(tmp_path):
    write(tmp_path / "r" / "thresholds.toml", "[long-sentence]\nmax_wrods = 30\n")
    with pytest.raises(ConfigError, match=r"unknown key 'max_wrods' in \[long-sentence\]"):
        Linter(build_config({"rules": "r"}, tmp_path))
    write(tmp_path / "r" / "thresholds.toml", "[long-sentense]\nmax_words = 30\n")
    with pytest.raises(ConfigError, match=r"thresholds.toml: unknown key 'long-sentense'"):
        Linter(build_config({"rules": "r"}, tmp_path))


def test_report_limits_are_the_options_check_uses(tmp_path):
    """report and check read one resolution: config, the project's thresholds file and the
    built-in defaults reach both, even for rules this run leaves out."""
    from openaccess.report.build import limits_from_config

    write(tmp_path / "r" / "thresholds.toml", "[long-section]\nmax_words = 250\n")
    table = {
        "rules": "r",
        "ignore": ["OA5"],
        "rule": {"long-sentence": {"max_words": 30}, "OA501": {"target": 9}},
    }
    config = build_config(table, tmp_path)
    limits = limits_from_config(config)
    options = Linter(config).options
    assert (limits.long_sentence, limits.target, limits.long_section) == (30, 9.0, 250)
    assert limits.hard_words == options["OA503"]["min_words"] == 14
    assert limits.long_paragraph == options["OA504"]["max_words"] == 150
    assert limits.audiences == options["OA501"]["audiences"]
    assert limits.audiences["professional"] == 12.0


@pytest.mark.parametrize(
    ("table", "key", "kind"),
    [
        ({"max_file_size": "x"}, "max_file_size", "a whole number"),
        ({"links": {"timeout": "x"}}, "links.timeout", "a number"),
        ({"rule": {"OA502": {"max_words": "x"}}}, "rule.long-sentence.max_words", "a whole number"),
        ({"rule": {"OA501": {"target": "x"}}}, "rule.page-grade.target", "a number"),
        ({"rule": {"OA507": {"passive_allow": "x"}}}, "rule.passive-voice.passive_allow", "a list"),
        ({"rule": {"OA501": {"audiences": 3}}}, "rule.page-grade.audiences", "a table"),
    ],
)
def test_config_keys_and_rule_options_are_checked_with_one_wording(tmp_path, table, key, kind):
    source = tmp_path / "openaccess.toml"
    with pytest.raises(ConfigError) as caught:
        Linter(build_config(table, tmp_path, source))
    assert str(caught.value) == f"{source}: key '{key}' must be {kind}, got {table_value(table)!r}"


def table_value(table: dict) -> object:
    """The one leaf value of a nested table."""
    while isinstance(table, dict):
        (table,) = table.values()
    return table


def test_a_mistake_in_an_extended_file_names_that_file(tmp_path):
    """``extend = "base.toml"``: a typo in base.toml was reported against openaccess.toml,
    where a user searching finds nothing (QA of 2 December)."""
    write(tmp_path / "openaccess.toml", 'extend = "shared/base.toml"\nignore = ["OA403"]\n')
    base = write(tmp_path / "shared" / "base.toml", 'pagse = "docs"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert str(raised.value) == f"{base}: unknown key 'pagse'; did you mean 'pages'?"
    write(base, '[links]\ntimeout = "soon"\n')
    with pytest.raises(ConfigError, match=f"^{base}: key 'links.timeout' must be a number"):
        load_config(tmp_path)
    write(base, 'pages = "../docs"\n')  # relative to the file that writes it
    (tmp_path / "docs").mkdir()
    assert load_config(tmp_path).pages_dir == tmp_path / "docs"
