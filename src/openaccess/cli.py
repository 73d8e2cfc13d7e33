"""The ``openaccess`` command line: a thin typer app over the library.

Each command lives in ``openaccess/commands/`` and imports its heavy dependencies inside
the function, so ``openaccess --help`` and a one-file ``check`` start fast. Errors reach
the user as one line on stderr, never as a traceback: exit 2 for usage and config errors.
"""

from __future__ import annotations

import sys

import typer

from openaccess import __version__
from openaccess.commands import check as check_command
from openaccess.commands import init as init_command
from openaccess.commands import lsp as lsp_command
from openaccess.commands import publish as publish_command
from openaccess.commands import report as report_command
from openaccess.commands import rules as rules_command
from openaccess.commands import serve as serve_command

ISSUES_URL = "the openaccess issue tracker (see 'Reporting problems' in the README)"

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


def main() -> None:
    from openaccess.errors import OpenAccessError

    tune_garbage_collector()
    try:
        app()
    except OpenAccessError as error:  # a usage or configuration problem: ConfigError, UsageError
        from openaccess.printable import clean_line

        print(f"openaccess: error: {clean_line(str(error))}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("openaccess: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as error:  # the promise: no traceback ever reaches a user
        print(
            f"openaccess: internal error: {type(error).__name__}: {error}\n"
            f"This is a bug in openaccess {__version__}. Please report it to {ISSUES_URL}"
            " with the command you ran; set OPENACCESS_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        if _debug():
            raise
        sys.exit(2)


def _debug() -> bool:
    import os

    return os.environ.get("OPENACCESS_DEBUG") == "1"


def tune_garbage_collector() -> None:
    """Collect young objects less often. Parsing allocates hundreds of thousands of
    short-lived tokens; with the default threshold (700) the collector rescans them so
    often that a 10x larger page took 20x longer. Worker processes inherit this."""
    import gc

    gc.set_threshold(100_000, 50, 100)
