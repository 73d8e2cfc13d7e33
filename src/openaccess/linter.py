"""Running rules over pages: selection, options, severities, suppressions, ordering.

Configuration reaches rules in exactly one place, :meth:`Linter.__init__`: every rule gets
its resolved options (:func:`openaccess.options.resolve_options`: ``rules/thresholds.toml``,
then ``[rule.X]`` from config) and a severity; rules themselves stay pure generators of
:class:`Problem`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from openaccess import suppressions
from openaccess.config import Config, ConfigError, RuleSettings
from openaccess.diagnostics import Category, Diagnostic, Problem, Severity
from openaccess.errors import UsageError
from openaccess.options import resolve_options, settings_by_code
from openaccess.page import Page
from openaccess.printable import clean_line
from openaccess.ruledata import RuleData
from openaccess.rules import Rule, RuleContext, all_rules, matches
from openaccess.source import SourceError

if TYPE_CHECKING:
    from openaccess.run.site import Held, Site

UNREADABLE_CODE = "OA000"
UNREADABLE_NAME = "unreadable-file"

UNUSED_SUPPRESSION = "OA001"

# Told of a rule that raised while checking a page (see Linter.check_page).
RuleFailure = Callable[[Rule, Exception], None]


class ActiveRule(Struct):
    """A rule this run applies, with its severity and options as configured."""

    rule: Rule
    severity: Severity
    options: dict[str, Any]


class CheckResult(Struct):
    """What a check found: its findings, the pages checked and notes for the user."""

    files_checked: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Display paths of the pages checked (reports such as JUnit list clean files too).
    files: list[str] = field(default_factory=list)
    # Display paths of the folders or files looked in, and how many pages there the site's
    # build leaves out: what "no pages found" names.
    looked_in: list[str] = field(default_factory=list)
    left_out: int = 0
    # One-line remarks for the person running the check (stderr), e.g. from the site.
    notes: list[str] = field(default_factory=list)
    # The least severity that fails the run (exit 1): errors, or warnings too with
    # --strict; None with --exit-zero. Every report format's verdict reads it.
    fail_on: Severity | None = Severity.ERROR
    # Longer lists asked for with --verbose (each line one item), e.g. unchecked links.
    details: list[str] = field(default_factory=list)
    # (display path, why) of pages that fail the run without a finding: a reading grade
    # that rose by more than --max-grade-increase allows. Unless fail_on is None
    # (--exit-zero), they fail the run as failing findings do, in every format's verdict.
    page_failures: list[tuple[str, str]] = field(default_factory=list)
    # Findings a baseline file recorded, left out of ``diagnostics`` (--baseline).
    known: int = 0
    # With --exit-zero (fail_on None): the least severity that would have failed the run.
    waived: Severity = Severity.ERROR

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)

    def fails(self, diagnostic: Diagnostic) -> bool:
        return self.fail_on is not None and diagnostic.severity >= self.fail_on

    def failures_of(self, path: str) -> list[str]:
        """Why the page at ``path`` fails the run apart from its findings."""
        if self.fail_on is None:
            return []
        return [why for shown, why in self.page_failures if shown == path]

    @property
    def failed(self) -> bool:
        if self.fail_on is not None and self.page_failures:
            return True
        return any(self.fails(d) for d in self.diagnostics)


class Linter:
    def __init__(
        self,
        config: Config,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        data: RuleData | None = None,
        errors_only: frozenset[Category] = frozenset(),
    ) -> None:
        """``errors_only``: categories whose rules run only where they report errors, so
        they can fail the run (``publish`` leaves writing advice to ``check``)."""
        self.config = config
        self.data = data or RuleData(config.rules_dir)
        self.data.check_project_files()
        settings = settings_by_code(config)
        self.options = resolve_options(config, self.data)
        chosen_select = list(select) or config.select
        chosen_ignore = [*config.ignore, *ignore]
        where = f"{config.source or 'config'}: key"
        _check_selectors(config.select, f"{where} 'select': ")
        _check_selectors(config.ignore, f"{where} 'ignore': ")
        _check_selectors([*select, *ignore], error=UsageError)  # from the command line
        self.active: list[ActiveRule] = []
        for rule_class in all_rules():
            setting = settings.get(rule_class.code)
            if not _selected(rule_class, chosen_select, chosen_ignore, setting, bool(select)):
                continue
            severity = rule_class.severity
            if setting is not None and setting.severity:
                severity = Severity.parse(setting.severity)
            if rule_class.category in errors_only and severity < Severity.ERROR:
                continue
            self.active.append(ActiveRule(rule_class(), severity, self.options[rule_class.code]))
        self.codes = frozenset(active.rule.code for active in self.active)
        self._judged: dict[str, bool] = {}
        self._cli = (list(select), list(ignore))
        self._errors_only = errors_only
        self._scoped: dict[Path, Linter] = {}  # folder config's folder -> its linter

    def for_page(self, path: Path) -> Linter:
        """The linter for one page: built from its nearest folder config, if it has one
        (same command-line selection), else this one."""
        folder = self.config.folder_config(path)
        if folder is None:
            return self
        if folder.folder not in self._scoped:
            scoped = self.config.scoped(folder)
            data = self.data if scoped.rules_dir == self.config.rules_dir else None
            self._scoped[folder.folder] = Linter(
                scoped, *self._cli, data=data, errors_only=self._errors_only
            )
        return self._scoped[folder.folder]

    def context(self, site: Site, rule: ActiveRule) -> RuleContext:
        return RuleContext(self.config, self.data, site, rule.options, self.options, self.codes)

    def check_page(
        self, page: Page, site: Site, on_error: RuleFailure | None = None
    ) -> list[Diagnostic]:
        """The page's findings. A rule that raises stops the check, unless ``on_error`` is
        given (the language server): it hears of the failure and the other rules run on,
        without OA001 findings for the page (the failed rule's suppressions look unused)."""
        linter = self.for_page(page.path)
        if linter is not self:
            return linter.check_page(page, site, on_error)
        diagnostics: list[Diagnostic] = []
        failed = False
        for active in self.active:
            if active.rule.site_wide:
                continue
            context = self.context(site, active)
            try:
                for problem in active.rule.check(page, context):
                    diagnostics.append(stamp(page, active, problem))
            except Exception as error:
                if on_error is None:
                    raise
                on_error(active.rule, error)
                failed = True
        usage = suppressions.apply(page, diagnostics, suppressions.front_matter_ignores(page))
        unused = [] if failed else self._unused(page, usage)
        return sorted([*usage.kept, *unused], key=lambda d: d.sort_key)

    @property
    def holds_links(self) -> bool:
        """Whether a rule of this run may hold links for later (``Rule.holds_links``):
        then a run keeps each checked page's ids for the links into it."""
        return any(active.rule.holds_links for active in self.active)

    def settles_later(self, page: Page) -> bool:
        """Whether a run may settle some of the page's findings after every page is
        checked (``Site.holding``): not when the page has suppression comments, since
        whether one silences nothing (OA001) depends on all its findings at once."""
        return not suppressions.mentioned(page.text)

    def settle(self, page: Page, site: Site, held: Sequence[Held]) -> list[Diagnostic]:
        """The findings of the links ``page``'s check held for later (see
        :meth:`settles_later`), now that every page's ids are known."""
        linter = self.for_page(page.path)
        if linter is not self:
            return linter.settle(page, site, held)
        by_rule: dict[str, list[Held]] = {}
        for item in held:
            by_rule.setdefault(item.code, []).append(item)
        diagnostics: list[Diagnostic] = []
        for active in self.active:
            mine = by_rule.get(active.rule.code)
            if mine:
                problems = active.rule.settle(page, mine, self.context(site, active))
                diagnostics.extend(stamp(page, active, problem) for problem in problems)
        if not diagnostics:
            return []  # most pages: every held link is fine
        ignored = suppressions.front_matter_ignores(page)
        return sorted(suppressions.apply(page, diagnostics, ignored).kept, key=lambda d: d.sort_key)

    def check_site(self, pages: list[Page], site: Site) -> list[Diagnostic]:
        found: dict[int, tuple[Page, list[Diagnostic]]] = {}
        for active in self.active:
            if not active.rule.site_wide:
                continue
            for page, problem in active.rule.check_site(pages, self.context(site, active)):
                scoped = self._site_rule_for(page, active)
                if scoped is not None:
                    found.setdefault(id(page), (page, []))[1].append(stamp(page, scoped, problem))
        diagnostics: list[Diagnostic] = []
        for page, stamped in found.values():  # one suppression pass per page
            ignored = suppressions.front_matter_ignores(page)
            diagnostics.extend(suppressions.apply(page, stamped, ignored).kept)
        return diagnostics

    def _site_rule_for(self, page: Page, active: ActiveRule) -> ActiveRule | None:
        """A site-wide rule runs once with the project's settings; a page whose folder
        config turns it off gets none of its findings, and its own severity."""
        linter = self.for_page(page.path)
        if linter is self:
            return active
        return next((a for a in linter.active if a.rule.code == active.rule.code), None)

    def _unused(self, page: Page, usage: suppressions.Usage) -> list[Diagnostic]:
        """OA001 findings: suppressions that silenced nothing (when OA001 is on)."""
        reporter = next((a for a in self.active if a.rule.code == UNUSED_SUPPRESSION), None)
        if reporter is None or not usage.directives:
            return []
        return [
            stamp(page, reporter, Problem(item.start, item.end, item.message, item.fix))
            for item in suppressions.unused(page, usage, self._judgeable)
        ]

    def _judgeable(self, key: str) -> bool:
        """Whether every rule a suppression key covers ran page by page in this run."""
        if key not in self._judged:
            ran = {a.rule.code for a in self.active if not a.rule.site_wide}
            covered = [r for r in all_rules() if key == "*" or matches(r, key)]
            self._judged[key] = all(r.code in ran for r in covered)
        return self._judged[key]


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


def one_line(message: str) -> str:
    """A message quoting page text stays one line, its control characters are shown as
    ``\\x1b`` rather than sent to the terminal, and it cannot pose as a CI workflow
    command (see :func:`openaccess.printable.clean_line`)."""
    return clean_line(message)


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
def _check_selectors(
    selectors: Iterable[str], where: str = "", error: type[Exception] = ConfigError
) -> None:
    rules = all_rules()
    for selector in selectors:
        if not any(matches(rule, selector) for rule in rules):
            raise error(
                f"{where}'{selector}' matches no rule code, prefix, name or category;"
                " run 'openaccess rules' to list them"
            )


def _selected(
    rule: type[Rule],
    select: Sequence[str],
    ignore: Sequence[str],
    setting: RuleSettings | None,
    select_given: bool,
) -> bool:
    """Whether a rule runs. ``enabled = true`` runs a rule that the config's ``select``
    leaves out, but not one that ``--select`` leaves out: on the command line, "only
    these" means only these, as ``check --help`` says."""
    if setting is not None and setting.enabled is not None:
        if not setting.enabled:
            return False
        chosen = not select_given or any(matches(rule, s) for s in select)
        if chosen and not any(matches(rule, s) for s in ignore):
            return True
    if not rule.default_enabled and not any(_names_exactly(rule, s) for s in select):
        return False  # an opt-in rule: a prefix or category does not turn it on
    if select and not any(matches(rule, s) for s in select):
        return False
    return not any(matches(rule, s) for s in ignore)


def _names_exactly(rule: type[Rule], selector: str) -> bool:
    selector = selector.strip()
    return selector.upper() == rule.code or selector.lower() == rule.name
