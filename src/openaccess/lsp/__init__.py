"""``openaccess lsp``: the Language Server Protocol server for editors.

- :mod:`~openaccess.lsp.positions`: character offsets to LSP positions (UTF-16 units).
- :mod:`~openaccess.lsp.session`: the open documents, the projects they belong to and
  their findings; the same run model, router, rules and config as ``check``. No LSP here.
- :mod:`~openaccess.lsp.actions`: quick fixes, suppression comments and "fix all".
- :mod:`~openaccess.lsp.server`: the pygls server: messages, debouncing, one worker thread.

Only the ``lsp`` command imports this package, so other commands never load pygls.
"""
