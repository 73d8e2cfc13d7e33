"""Rule options in effect, from one source of defaults.

Every option's default lives in the built-in ``rules/thresholds.toml``; a rule declares an
option's kind and meaning (:class:`~openaccess.rules.base.Option`) but no value. The
options a run uses are resolved here and nowhere else, in three layers, each value checked
against its declared kind with one wording (:mod:`openaccess.values`):

1. the built-in ``thresholds.toml`` (every option has its default there; a test checks);
2. the ``thresholds.toml`` of the project's ``rules`` folder, key by key;
3. ``[rule.<code or name>]`` in the configuration.

``check`` (every rule, through the linter) and ``report`` (its readability limits) read
the same resolved options, so a threshold changed in config moves both.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from openaccess.config import Config, ConfigError, RuleSettings
from openaccess.ruledata import THRESHOLDS_FILE, RuleData, builtin_rules_dir
from openaccess.rules import Option, Rule, all_rules, lookup
from openaccess.values import typed, unknown_key

Options = dict[str, dict[str, Any]]  # rule code -> option name -> value


def resolve_options(config: Config, data: RuleData) -> Options:
    """Every rule's options (not only the rules that run: one rule's finding may depend
    on another's threshold), by rule code."""
    rules = all_rules()
    by_name = {rule.name: rule for rule in rules}
    resolved: Options = {rule.code: {} for rule in rules}
    for path, table in _threshold_layers(data):
        for name, options in table.items():
            rule = by_name.get(name)
            if rule is None:
                raise unknown_key(str(path), name, "", by_name)
            for key, value in typed(str(path), name, options, dict).items():
                if key not in rule.options:
                    raise unknown_key(str(path), key, name, rule.options)
                where = (str(path), f"{name}.{key}")
                resolved[rule.code][key] = checked(*where, rule.options[key], value)
    for rule in rules:
        for key in rule.options.keys() - resolved[rule.code].keys():
            builtin = builtin_rules_dir() / THRESHOLDS_FILE
            raise ConfigError(f"{builtin}: [{rule.name}] has no default for '{key}'")
    where = str(config.source or "config")
    for code, setting in settings_by_code(config).items():
        rule = lookup(code)
        assert rule is not None  # settings_by_code found it
        for key, value in setting.options.items():
            if key not in rule.options:
                known = ["severity", "enabled", *rule.options]
                raise unknown_key(where, key, f"rule.{rule.name}", known)
            option = rule.options[key]
            resolved[code][key] = checked(where, f"rule.{rule.name}.{key}", option, value)
    return resolved


def defaults() -> Options:
    """The built-in default of every option (``openaccess rules CODE`` shows them)."""
    return resolve_options(Config(), RuleData())


def checked(where: str, key: str, option: Option, value: Any) -> Any:
    """``value`` if it suits ``option`` (its kind, then its own check), else ConfigError."""
    value = typed(where, key, value, option.kind)
    if option.validate is not None and (problem := option.validate(value)):
        raise ConfigError(f"{where}: key '{key}': {problem}")
    return value


def settings_by_code(config: Config) -> dict[str, RuleSettings]:
    """``[rule.X]`` tables by rule code (X may be a code or a name). Two tables for one
    rule (``[rule.OA403]`` and ``[rule.spacing-br]``) are a mistake: one would win in
    silence."""
    result: dict[str, RuleSettings] = {}
    named: dict[str, str] = {}
    for key, setting in config.rule.items():
        rule: type[Rule] | None = lookup(key)
        if rule is None:
            raise ConfigError(
                f"{config.source or 'config'}: [rule.{key}] names no rule;"
                " run 'openaccess rules' to list codes and names"
            )
        if rule.code in named:
            raise ConfigError(
                f"{config.source or 'config'}: [rule.{named[rule.code]}] and [rule.{key}] both"
                f" set rule {rule.code} ({rule.name}); keep one of them"
            )
        named[rule.code] = key
        result[rule.code] = setting
    return result


def _threshold_layers(data: RuleData) -> list[tuple[Path, dict[str, Any]]]:
    builtin = builtin_rules_dir() / THRESHOLDS_FILE
    layers = [(builtin, _builtin_thresholds(builtin))]
    own = data.path(THRESHOLDS_FILE)
    if own != builtin:
        layers.append((own, data.thresholds))
    return layers


@cache
def _builtin_thresholds(path: Path) -> dict[str, Any]:
    """The shipped defaults, read once per process (they cannot change during it)."""
    return tomllib.loads(path.read_text(encoding="utf-8"))
