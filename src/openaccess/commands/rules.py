"""``openaccess rules [CODE]``: list the rules, or explain one offline."""

from __future__ import annotations

import typer


def rules(
    code: str | None = typer.Argument(None, help="A rule code or name to explain."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the list as a Markdown table."),
) -> None:
    """List every rule, or explain one: what it does, why it matters, examples, options."""
    from openaccess.rules import all_rules, lookup
    from openaccess.rules.docs import explain, listing, markdown_table

    if code is None:
        typer.echo(markdown_table(all_rules()) if markdown else listing(all_rules()))
        return
    rule = lookup(code)
    if rule is None:
        typer.echo(f"openaccess: error: no rule named '{code}'; run 'openaccess rules'", err=True)
        raise typer.Exit(2)
    typer.echo(explain(rule))
