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
    """The rules as a Markdown table (the README's rule list is this output, kept in sync
    by a test)."""
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
