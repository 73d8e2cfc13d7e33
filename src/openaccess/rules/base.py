"""What every rule is: metadata, documented options, and a ``check`` generator.

A rule module defines small classes and decorates each with :func:`register`. A rule's
class docstring is its user documentation (``openaccess rules CODE`` prints it) in ruff's
sections: ``## What it does``, ``## Why it matters``, ``## Example``, ``## Use instead``.
Rules never print and never pick their severity: the linter stamps code, name, category
and the configured severity on every :class:`~openaccess.diagnostics.Problem`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from msgspec import Struct, field

from openaccess.diagnostics import Applicability, Category, Problem, Severity

if TYPE_CHECKING:
    from openaccess.config import Config
    from openaccess.page import Page
    from openaccess.ruledata import RuleData
    from openaccess.run.site import Held, Site


class Option(Struct, frozen=True):
    """A documented rule option: its kind and meaning. Its default is in the built-in
    ``rules/thresholds.toml`` (the one source of defaults; see :mod:`openaccess.options`)."""

    kind: type
    doc: str
    # Checks a value of the right kind further; returns what is wrong with it, or None.
    validate: Callable[[Any], str | None] | None = None


def not_negative(value: float) -> str | None:
    """For a tolerance or a grade: below 0, a tolerance would report what is within the
    aim, and its message would contradict itself ("144 words; aim for 150 at most")."""
    return f"must not be negative, got {value}" if value < 0 else None


def at_least_one(value: float) -> str | None:
    """For a count of words, sentences or characters: 0 would report every sentence, or
    make every page too short to score, without a word about why."""
    return f"must be 1 or more, got {value}" if value < 1 else None


def a_share(value: float) -> str | None:
    """For a share of sentences: 7 would never report, and 7% is written 0.07."""
    return None if 0 <= value <= 1 else f"must be a share from 0 to 1 (0.1 is 10%), got {value}"


class RuleContext(Struct):
    """Everything a rule may read besides the page, built once per run by the linter."""

    config: Config
    data: RuleData
    site: Site
    options: dict[str, Any] = field(default_factory=dict)
    # Every rule's options in effect, by code: a finding may depend on another rule's
    # threshold (OA509 reads page-grade's min_words).
    all_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Codes of every rule in this run: a rule may leave a finding to another that says
    # more (a long, hard sentence is one OA502 finding, not OA502 and OA503).
    active: frozenset[str] = frozenset()


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    fix: ClassVar[Applicability | None] = None
    options: ClassVar[dict[str, Option]] = {}
    wcag: ClassVar[str | None] = None  # e.g. "1.1.1 Non-text Content (A)"
    # False: the rule runs only when selected by its exact code or name, or enabled in
    # config (ruff's opt-in rules).
    default_enabled: ClassVar[bool] = True
    site_wide: ClassVar[bool] = False  # True: check_site() runs once over every page
    # True: check() may leave links into other pages for settle() (see Site.holding).
    holds_links: ClassVar[bool] = False
    # True: findings depend on the outside world (external links), so never cache them.
    volatile: ClassVar[bool] = False
    # True: findings depend on other pages of the site (links into them, links from them),
    # so deleting or renaming a page can make one appear on a page nobody changed;
    # --changed-since then reports them on every page.
    reads_other_pages: ClassVar[bool] = False
    # True: a finding is about the whole page (too long, too hard, no front matter), not
    # the text where it is shown; baselines match it by rule and page, --changed-since
    # keeps it for every changed page.
    page_level: ClassVar[bool] = False

    def check(self, page: Page, context: RuleContext) -> Iterable[Problem]:
        return ()

    def check_site(self, pages: list[Page], context: RuleContext) -> Iterator[tuple[Page, Problem]]:
        return iter(())

    def settle(self, page: Page, held: list[Held], context: RuleContext) -> Iterable[Problem]:
        """Findings for the links of ``page`` that :meth:`check` left for later
        (``context.site.answer_later``), now that every page of the run is checked and
        its ids known. The page is not parsed again: only its text and these links."""
        return ()

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


REGISTRY: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    """Add a rule class to the registry; codes and names must be unique."""
    if rule.code in REGISTRY or any(r.name == rule.name for r in REGISTRY.values()):
        raise ValueError(f"duplicate rule code or name: {rule.code} {rule.name}")
    REGISTRY[rule.code] = rule
    return rule


def matches(rule: type[Rule], selector: str) -> bool:
    """A selector is a code (OA301), a code prefix (OA3), a kebab-case name or a category."""
    selector = selector.strip()
    lowered = selector.lower()
    return rule.code.startswith(selector.upper()) or lowered in (rule.name, rule.category.value)


def names_rule(selector: str) -> bool:
    """Whether ``selector`` names at least one registered rule. Checks run only once the
    linter has loaded every rule family (``openaccess.rules.all_rules``), so the registry
    is complete whenever a check asks."""
    return any(matches(rule, selector) for rule in REGISTRY.values())
