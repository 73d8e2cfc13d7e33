"""The typer app: every command of ``openaccess``, with its options and help.

It lives apart from :mod:`openaccess.cli` so that the process can tune the garbage
collector before typer and the commands load (see ``cli.tune_garbage_collector``).
"""

from __future__ import annotations

import typer

from openaccess import __version__
from openaccess.commands import check as check_command
from openaccess.commands import init as init_command
from openaccess.commands import lsp as lsp_command
from openaccess.commands import publish as publish_command
from openaccess.commands import report as report_command
from openaccess.commands import rules as rules_command
from openaccess.commands import serve as serve_command

app = typer.Typer(
    name="openaccess",
    help="Check, score and publish accessible advice pages.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("check")(check_command.check)
app.command("rules")(rules_command.rules)
app.command("init")(init_command.init)
app.command("publish")(publish_command.publish)
app.command("report")(report_command.report)
app.command("serve")(serve_command.serve)
app.command("lsp")(lsp_command.lsp)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"openaccess {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Check, score and publish accessible advice pages."""
