"""Running rules over pages: selection, options, severities, suppressions, ordering.

Configuration reaches rules in exactly one place, :meth:`Linter.__init__`: every rule gets
validated options (defaults from ``rules/thresholds.toml``, then ``[rule.X]`` from config)
and a severity; rules themselves stay pure generators of :class:`Problem`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openaccess.config import Config, ConfigError
from openaccess.diagnostics import Category, Diagnostic, Problem, Severity
from openaccess.page import Page
from openaccess.ruledata import THRESHOLDS_FILE, RuleData
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
    # Display paths of the pages checked (reports such as JUnit list clean files too).
    files: list[str] = field(default_factory=list)
    # One-line remarks for the person running the check (stderr), e.g. from the site.
    notes: list[str] = field(default_factory=list)

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
        where = f"{config.source or 'config'}: key"
        _check_selectors(config.select, f"{where} 'select': ")
        _check_selectors(config.ignore, f"{where} 'ignore': ")
        _check_selectors([*select, *ignore])
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
        thresholds = str(self.data.path(THRESHOLDS_FILE))
        if not isinstance(defaults, dict):
            raise ConfigError(f"{thresholds}: [{rule.name}] must be a table of options")
        options: dict[str, Any] = {}
        for name, option in rule.options.items():
            if name in defaults:
                options[name] = _coerce(thresholds, rule.name, name, option.kind, defaults[name])
            else:
                options[name] = option.default
        for name, value in overrides.items():
            if name not in rule.options:
                known = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(
                    f"{self.config.source or 'config'}: [rule.{rule.name}] has no option"
                    f" '{name}' (options: severity, enabled, {known})"
                )
            where = str(self.config.source or "config")
            options[name] = _coerce(
                where, f"rule.{rule.name}", name, rule.options[name].kind, value
            )
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
        message=one_line(problem.message),
        fix=problem.fix,
        snippet=page.text[problem.start : problem.end][:200],
    )


_LINE_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def one_line(message: str) -> str:
    """A message quoting page text stays one line, and its control characters are shown
    as ``\\x1b`` rather than sent to the terminal (a page cannot recolour or retitle it)."""
    message = _LINE_BREAKS.sub(" ", message)
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", message)


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


def _check_selectors(selectors: Iterable[str], where: str = "") -> None:
    rules = all_rules()
    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            raise ConfigError(
                f"{where}'{selector}' matches no rule code, prefix, name or category;"
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


_KIND_WORDS = {
    int: "a whole number",
    float: "a number",
    str: "a string",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


def _coerce(where: str, table: str, name: str, kind: type, value: Any) -> Any:
    """Check an option value from ``where`` (a config or thresholds file) against its kind."""
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind in (int, float) and isinstance(value, bool)):
        raise ConfigError(
            f"{where}: [{table}] option '{name}' must be"
            f" {_KIND_WORDS.get(kind, kind.__name__)}, got {value!r}"
        )
    return value


# -- suppressions -----------------------------------------------------------------------
def suppress(page: Page, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop findings silenced by comments or by front matter ``openaccess: {ignore: [...]}``.

    Linear in comments plus findings, so a page of thousands of comments stays fast.
    """
    ignored = _front_matter_ignores(page)
    comments = list(_SUPPRESSION.finditer(page.text)) if "openaccess-" in page.text else []
    if not ignored and not comments:
        return diagnostics
    ranges = _suppressed_ranges(page, comments)  # (from line, to line, selectors), inclusive
    starts = sorted(ranges, key=lambda r: r[0])
    ends = sorted(ranges, key=lambda r: r[1])
    active = _Selectors()
    active.add(ignored)
    kept = []
    next_start = next_end = 0
    for diagnostic in sorted(diagnostics, key=lambda d: d.line):
        while next_start < len(starts) and starts[next_start][0] <= diagnostic.line:
            active.add(starts[next_start][2])
            next_start += 1
        while next_end < len(ends) and ends[next_end][1] < diagnostic.line:
            active.remove(ends[next_end][2])
            next_end += 1
        if not active.silences(diagnostic):
            kept.append(diagnostic)
    return kept


def _suppressed_ranges(
    page: Page, comments: list[re.Match[str]]
) -> list[tuple[int, int, list[str]]]:
    """Line ranges of disable/enable pairs (an unclosed disable runs to the end) and of
    disable-next-line comments. ``enable CODE`` closes every open range naming CODE."""
    ranges: list[tuple[int, int, list[str]]] = []
    open_ranges: dict[int, tuple[int, list[str]]] = {}  # id -> (from line, selectors)
    by_selector: dict[str, set[int]] = {}
    for number, match in enumerate(comments):
        action, line = match.group(1), page.position(match.start())[0]
        selectors = [s for s in re.split(r"[\s,]+", match.group("codes")) if s] or ["*"]
        if action == "disable-next-line":
            ranges.append((line + 1, line + 1, selectors))
        elif action == "disable":
            open_ranges[number] = (line, selectors)
            for selector in set(selectors):
                by_selector.setdefault(selector, set()).add(number)
        else:
            closing = (
                set(open_ranges)
                if selectors == ["*"]
                else {n for s in selectors for n in by_selector.pop(s, ())}
            )
            for opened in sorted(closing & open_ranges.keys()):
                start, codes = open_ranges.pop(opened)
                ranges.append((start, line, codes))
    last_line = page.lines.line_count
    ranges.extend((start, last_line, codes) for start, codes in open_ranges.values())
    return ranges


class _Selectors:
    """A multiset of active selectors, answering "is this finding silenced?" in O(1)."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    @staticmethod
    def _keys(selectors: Iterable[str]) -> Iterator[str]:
        for selector in selectors:
            yield "*" if selector == "*" else selector.upper()

    def add(self, selectors: Iterable[str]) -> None:
        self._counts.update(self._keys(selectors))

    def remove(self, selectors: Iterable[str]) -> None:
        self._counts.subtract(self._keys(selectors))

    def silences(self, diagnostic: Diagnostic) -> bool:
        """A selector is ``*``, a code prefix (OA2, OA201) or the rule's name."""
        code = diagnostic.code
        candidates = ("*", diagnostic.name.upper(), *(code[:i] for i in range(1, len(code) + 1)))
        return any(self._counts[key] > 0 for key in candidates)


def _front_matter_ignores(page: Page) -> list[str]:
    settings = page.meta.get("openaccess")
    if not isinstance(settings, dict):
        return []
    ignore = settings.get("ignore")
    if isinstance(ignore, str):
        ignore = [ignore]
    if isinstance(ignore, list):
        return [item.strip() for item in ignore if isinstance(item, str) and item.strip()]
    return []


def load_page(path: Path, display: str, config: Config) -> Page | Diagnostic:
    try:
        return Page.load(path, display, config.max_file_size)
    except SourceError as error:
        return unreadable(display, error)
