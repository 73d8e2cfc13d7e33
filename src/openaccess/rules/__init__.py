"""The rule registry: one module per rule family, imported in one place.

Adding a rule means adding a class to its family module and fixtures under
``tests/fixtures/<CODE>/``; the registry, ``openaccess rules``, the config validation and
the docs meta-test all read the same class.
"""

from __future__ import annotations

import importlib

from openaccess.rules.base import REGISTRY, Option, Rule, RuleContext, matches, register

FAMILIES = (
    "suppressions",
    "frontmatter",
    "headings",
    "links",
    "accessibility",
    "readability",
)

__all__ = [
    "FAMILIES",
    "Option",
    "Rule",
    "RuleContext",
    "all_rules",
    "lookup",
    "matches",
    "register",
]


def all_rules() -> list[type[Rule]]:
    """Every registered rule, sorted by code."""
    for family in FAMILIES:
        importlib.import_module(f"openaccess.rules.{family}")
    return sorted(REGISTRY.values(), key=lambda rule: rule.code)


def lookup(code_or_name: str) -> type[Rule] | None:
    wanted = code_or_name.strip()
    for rule in all_rules():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None
