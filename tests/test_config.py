"""Configuration: discovery, validation with named keys, and options flowing to rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from openaccess.config import Config, ConfigError, build_config, load_config
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
        ({"max_file_size": 0}, "'max_file_size' must be a positive number"),
        ({"links": {"external": "yes"}}, "key 'links.external' must be true or false"),
        (
            {"rule": {"OA205": {"severity": "fatal"}}},
            "severity must be 'error', 'warning' or 'info'",
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
    assert active["OA205"].options == {"min_words": 50}
    assert active["OA205"].severity.label == "error"


def test_threshold_defaults_come_from_rule_data(tmp_path):
    active = {a.rule.code: a for a in Linter(Config(root=tmp_path)).active}
    assert active["OA104"].options == {"max_length": 160}


def test_unknown_rule_and_option_are_errors(tmp_path):
    with pytest.raises(ConfigError, match=r"\[rule\.no-such-rule\] names no rule"):
        Linter(build_config({"rule": {"no-such-rule": {}}}, tmp_path))
    with pytest.raises(ConfigError, match="has no option 'min_wrds'"):
        Linter(build_config({"rule": {"OA205": {"min_wrds": 3}}}, tmp_path))
    with pytest.raises(ConfigError, match="option 'min_words' must be a whole number, got 'many'"):
        Linter(build_config({"rule": {"OA205": {"min_words": "many"}}}, tmp_path))


def test_disabled_rule_and_selectors(tmp_path):
    config = build_config({"rule": {"OA205": {"enabled": False}}}, tmp_path)
    codes = {a.rule.code for a in Linter(config).active}
    assert "OA205" not in codes and "OA204" in codes
    selected = {a.rule.code for a in Linter(Config(root=tmp_path), select=["OA2"]).active}
    assert selected and all(code.startswith("OA2") for code in selected)
    by_category = Linter(Config(root=tmp_path), select=["headings"], ignore=["OA204"]).active
    assert {a.rule.code for a in by_category} == selected - {"OA204"}
    with pytest.raises(ConfigError, match="'OA9' matches no rule"):
        Linter(Config(root=tmp_path), select=["OA9"])


def test_missing_rules_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"rules folder .* does not exist"):
        Linter(build_config({"rules": "nowhere"}, tmp_path))
