"""Rule documentation for ``openaccess rules``, generated from the rule classes themselves."""

from __future__ import annotations

from openaccess.rules.base import Rule

REQUIRED_SECTIONS = ("## What it does", "## Why it matters", "## Example")


def listing(rules: list[type[Rule]]) -> str:
    width = max(len(rule.name) for rule in rules)
    lines = [f"{'Code':<6}  {'Name':<{width}}  {'Category':<13}  {'Severity':<8}  Fix     Summary"]
    for rule in rules:
        fix = rule.fix.value if rule.fix else "-"
        lines.append(
            f"{rule.code:<6}  {rule.name:<{width}}  {rule.category.value:<13}  "
            f"{rule.severity.label:<8}  {fix:<6}  {rule.summary}"
        )
    lines.append("")
    lines.append("Explain one rule: openaccess rules CODE")
    return "\n".join(lines)


def markdown_table(rules: list[type[Rule]]) -> str:
    """The rules as a Markdown table (``openaccess rules --markdown``)."""
    lines = [
        "| Code | Name | Category | Severity | Fix | What it reports |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        fix = rule.fix.value if rule.fix else ""
        summary = rule.summary.replace("|", "\\|")
        lines.append(
            f"| {rule.code} | `{rule.name}` | {rule.category.value} | {rule.severity.label}"
            f" | {fix} | {summary} |"
        )
    return "\n".join(lines)


def explain(rule: type[Rule]) -> str:
    from openaccess.options import defaults as option_defaults

    defaults = option_defaults()[rule.code]
    parts = [
        f"{rule.code} {rule.name}: {rule.summary}",
        "",
        f"Category: {rule.category.value}. Default severity: {rule.severity.label}.",
    ]
    if rule.wcag:
        parts.append(f"WCAG: {rule.wcag}.")
    if rule.fix:
        parts.append(f"Fix: available ({rule.fix.value}; {_fix_flag(rule)}).")
    else:
        parts.append("Fix: none; this needs a writer's judgement.")
    parts += ["", rule.documentation(), "", "## Options"]
    if rule.options:
        for name, option in rule.options.items():
            parts.append(
                f"- {name} ({option.kind.__name__}, default {defaults[name]!r}): {option.doc}"
            )
    else:
        parts.append("- none besides severity and enabled")
    parts += [
        "",
        f'Configure in openaccess.toml:  [rule.{rule.name}]  severity = "warning"',
        f"Silence one place:  <!-- openaccess-disable-next-line {rule.code} -->",
    ]
    return "\n".join(parts)


def _fix_flag(rule: type[Rule]) -> str:
    return "applied by --fix" if rule.fix and rule.fix.value == "safe" else "needs --unsafe-fixes"


# -- the rules reference page of the user guide (docs/rules.md) ------------------------------
RULES_PAGE_FRONT_MATTER = """\
---
title: Rules reference
description: Every rule openaccess checks, what it reports, why it matters and how to fix it.
---
"""

_SECTION_HEADINGS = {
    "What it does": "what it does",
    "Why it matters": "why it matters",
    "Example": "example",
    "Use instead": "use instead",
}


def reference_page(rules: list[type[Rule]]) -> str:
    """The guide's rules reference as one Markdown page: a table of every rule, then each
    rule's documentation (its docstring) with its metadata. ``docs/rules.md`` is this
    output (``python tools/build_rules_page.py``); a test keeps the two equal."""
    from openaccess.options import defaults as option_defaults

    defaults = option_defaults()
    lines = [
        RULES_PAGE_FRONT_MATTER,
        "<!-- Made by tools/build_rules_page.py from the rule docstrings: edit those. -->",
        "",
        "Each rule has a code, such as OA403, and a name, such as `spacing-br`. Use either"
        " one to turn a rule off or to change its severity (see"
        " [Configuration](configuration.md)). `openaccess rules CODE` prints the same text"
        " in a terminal.",
        "",
        "## All rules",
        "",
        "<!-- rules-table -->",
        rules_table(rules),
        "<!-- /rules-table -->",
    ]
    for rule in rules:
        lines += ["", *_rule_section(rule, defaults[rule.code])]
    return "\n".join(lines) + "\n"


def rules_table(rules: list[type[Rule]]) -> str:
    """The table of every rule at the top of the rules reference; each code links to the
    rule's section."""
    lines = [
        "| Code | Name | Severity | Fix | What it reports |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        fix = rule.fix.value if rule.fix else ""
        summary = rule.summary.replace("|", "\\|").replace("<", "&lt;")  # text, not tags
        lines.append(
            f"| [{rule.code}](#{anchor(rule)}) | `{rule.name}` | {rule.severity.label}"
            f" | {fix} | {summary} |"
        )
    return "\n".join(lines)


def anchor(rule: type[Rule]) -> str:
    """The heading id of a rule's section (GitHub's and openaccess publish's slug)."""
    return f"{rule.code.lower()}-{rule.name}"


def _rule_section(rule: type[Rule], defaults: dict[str, object]) -> list[str]:
    fix = f"{rule.fix.value} ({_fix_flag(rule)})" if rule.fix else "none"
    lines = [
        f"## {rule.code} {rule.name}",
        "",
        "| Category | Severity | Fix | WCAG |",
        "| --- | --- | --- | --- |",
        f"| {rule.category.value} | {rule.severity.label} | {fix} | {rule.wcag or 'none'} |",
        "",
    ]
    if not rule.default_enabled:
        lines += ["This rule is off unless you select it by its code or name.", ""]
    lines += _documentation_lines(rule)
    if rule.options:
        lines += ["", f"### {rule.code}: options", ""]
        lines += ["| Option | Type | Default | Meaning |", "| --- | --- | --- | --- |"]
        for name, option in rule.options.items():
            doc = option.doc.replace("|", "\\|").replace("<", "&lt;")
            value = repr(defaults[name]).replace("|", "\\|")
            lines.append(f"| `{name}` | {option.kind.__name__} | `{value}` | {doc} |")
    return lines


def _documentation_lines(rule: type[Rule]) -> list[str]:
    """A docstring's ``## Section`` headings, one level down and named with the rule's
    code: every rule has the same sections, and repeated headings cannot be told apart
    in a screen reader's list of headings."""
    lines: list[str] = []
    for line in rule.documentation().splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            line = f"### {rule.code}: {_SECTION_HEADINGS.get(title, title.lower())}"
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines
