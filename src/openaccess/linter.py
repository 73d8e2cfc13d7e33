"""Running rules over pages: selection, options, severities, suppressions, ordering.

Configuration reaches rules in exactly one place, :meth:`Linter.__init__`: every rule gets
validated options (defaults from ``rules/thresholds.toml``, then ``[rule.X]`` from config)
and a severity; rules themselves stay pure generators of :class:`Problem`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openaccess.config import Config, ConfigError
from openaccess.diagnostics import Category, Diagnostic, Problem, Severity
from openaccess.page import Page
from openaccess.ruledata import RuleData
from openaccess.rules import Rule, RuleContext, all_rules, lookup, matches
from openaccess.site import Site
from openaccess.source import SourceError

UNREADABLE_CODE = "OA000"
UNREADABLE_NAME = "unreadable-file"

_SUPPRESSION = re.compile(
    r"<!--\s*openaccess-(disable-next-line|disable|enable)\b(?P<codes>[^>]*?)\s*-->"
)


@dataclass
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


@dataclass
class CheckResult:
    files_checked: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    @property
    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), default=None)


class Linter:
    def __init__(
        self,
        config: Config,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        data: RuleData | None = None,
    ) -> None:
        self.config = config
        self.data = data or RuleData(config.rules_dir)
        settings = _settings_by_code(config)
        chosen_select = list(select) or config.select
        chosen_ignore = [*config.ignore, *ignore]
        _check_selectors([*chosen_select, *chosen_ignore])
        self.active: list[ActiveRule] = []
        for rule_class in all_rules():
            setting = settings.get(rule_class.code)
            if not _selected(rule_class, chosen_select, chosen_ignore, setting):
                continue
            severity = rule_class.severity
            if setting is not None and setting.severity:
                severity = Severity.parse(setting.severity)
            options = self._options(rule_class, setting.options if setting else {})
            self.active.append(ActiveRule(rule_class(), severity, options))

    def _options(self, rule: type[Rule], overrides: dict[str, Any]) -> dict[str, Any]:
        defaults = self.data.thresholds.get(rule.name, {})
        options: dict[str, Any] = {}
        for name, option in rule.options.items():
            options[name] = defaults.get(name, option.default)
        for name, value in overrides.items():
            if name not in rule.options:
                known = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(
                    f"{self.config.source or 'config'}: [rule.{rule.name}] has no option"
                    f" '{name}' (options: severity, enabled, {known})"
                )
            options[name] = _coerce(rule, name, rule.options[name].kind, value)
        return options

    def context(self, site: Site, rule: ActiveRule) -> RuleContext:
        return RuleContext(self.config, self.data, site, rule.options)

    def check_page(self, page: Page, site: Site) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        for active in self.active:
            if active.rule.site_wide:
                continue
            context = self.context(site, active)
            for problem in active.rule.check(page, context):
                diagnostics.append(stamp(page, active, problem))
        return sorted(suppress(page, diagnostics), key=lambda d: d.sort_key)

    def check_site(self, pages: list[Page], site: Site) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        for active in self.active:
            if not active.rule.site_wide:
                continue
            for page, problem in active.rule.check_site(pages, self.context(site, active)):
                diagnostics.extend(suppress(page, [stamp(page, active, problem)]))
        return diagnostics


def stamp(page: Page, active: ActiveRule, problem: Problem) -> Diagnostic:
    line, column = page.position(problem.start)
    end_line, end_column = page.position(max(problem.end, problem.start))
    rule = active.rule
    return Diagnostic(
        path=page.display_path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=active.severity,
        message=problem.message,
        fix=problem.fix,
        snippet=page.text[problem.start : problem.end][:200],
    )


def unreadable(display_path: str, error: SourceError) -> Diagnostic:
    """A file that could not be read: not a rule, so it cannot be disabled."""
    return Diagnostic(
        path=display_path,
        line=error.line,
        column=error.column,
        end_line=error.line,
        end_column=error.column,
        code=UNREADABLE_CODE,
        name=UNREADABLE_NAME,
        category=Category.FILE,
        severity=Severity.WARNING if error.skipped else Severity.ERROR,
        message=error.message,
    )


# -- selection and options --------------------------------------------------------------
def _settings_by_code(config: Config) -> dict[str, Any]:
    result = {}
    for key, setting in config.rule.items():
        rule = lookup(key)
        if rule is None:
            raise ConfigError(
                f"{config.source or 'config'}: [rule.{key}] names no rule;"
                " run 'openaccess rules' to list codes and names"
            )
        result[rule.code] = setting
    return result


def _check_selectors(selectors: Iterable[str]) -> None:
    rules = all_rules()
    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            raise ConfigError(
                f"'{selector}' matches no rule code, prefix, name or category;"
                " run 'openaccess rules' to list them"
            )


def _selected(rule: type[Rule], select: Sequence[str], ignore: Sequence[str], setting) -> bool:
    if setting is not None and setting.enabled is not None:
        if not setting.enabled:
            return False
        if setting.enabled and not any(matches(rule, s) for s in ignore):
            return True
    if select and not any(matches(rule, s) for s in select):
        return False
    return not any(matches(rule, s) for s in ignore)


def _coerce(rule: type[Rule], name: str, kind: type, value: Any) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is list and isinstance(value, list):
        return value
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(
            f"[rule.{rule.name}] option '{name}' must be {kind.__name__}, got {value!r}"
        )
    return value


# -- suppressions -----------------------------------------------------------------------
def suppress(page: Page, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop findings silenced by comments or by front matter ``openaccess: {ignore: [...]}``."""
    ignored = _front_matter_ignores(page)
    comments = list(_SUPPRESSION.finditer(page.text)) if "openaccess-" in page.text else []
    if not ignored and not comments:
        return diagnostics
    next_line: dict[int, list[str]] = {}
    ranges: list[tuple[int, int, list[str]]] = []  # (from line, to line, selectors)
    open_ranges: list[tuple[int, list[str]]] = []
    for match in comments:
        action, line = match.group(1), page.position(match.start())[0]
        selectors = [s for s in re.split(r"[\s,]+", match.group("codes")) if s]
        if action == "disable-next-line":
            next_line.setdefault(line + 1, []).extend(selectors or ["*"])
        elif action == "disable":
            open_ranges.append((line, selectors or ["*"]))
        else:
            closing = selectors or ["*"]
            for start, codes in list(open_ranges):
                if closing == ["*"] or set(codes) & set(closing):
                    ranges.append((start, line, codes))
                    open_ranges.remove((start, codes))
    ranges.extend((start, page.lines.line_count, codes) for start, codes in open_ranges)
    kept = []
    for diagnostic in diagnostics:
        if _silenced(diagnostic, ignored):
            continue
        if _silenced(diagnostic, next_line.get(diagnostic.line, [])):
            continue
        if any(
            lo <= diagnostic.line <= hi and _silenced(diagnostic, codes) for lo, hi, codes in ranges
        ):
            continue
        kept.append(diagnostic)
    return kept


def _silenced(diagnostic: Diagnostic, selectors: Iterable[str]) -> bool:
    for selector in selectors:
        if selector == "*":
            return True
        lowered = selector.lower()
        if diagnostic.code.startswith(selector.upper()) or lowered == diagnostic.name:
            return True
    return False


def _front_matter_ignores(page: Page) -> list[str]:
    settings = page.meta.get("openaccess")
    if not isinstance(settings, dict):
        return []
    ignore = settings.get("ignore")
    if isinstance(ignore, str):
        return [ignore]
    if isinstance(ignore, list):
        return [str(item) for item in ignore]
    return []


def load_page(path: Path, display: str, config: Config) -> Page | Diagnostic:
    try:
        return Page.load(path, display, config.max_file_size)
    except SourceError as error:
        return unreadable(display, error)
