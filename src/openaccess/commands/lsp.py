"""``openaccess lsp``: the language server for editors."""

from __future__ import annotations

import typer


def lsp(
    stdio: bool = typer.Option(
        False, "--stdio", help="Talk over standard input and output (the default and only way)."
    ),
) -> None:
    """Run the Language Server Protocol server: findings, fixes and rule documentation
    in any editor with an LSP client (see 'Editors' in the README)."""
    from openaccess.lsp.server import serve

    serve()
