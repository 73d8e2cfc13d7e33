"""A real LSP client (pytest-lsp, on pygls) driving ``openaccess lsp`` over stdio.

Each test starts the server as a separate process, exactly as an editor does, and talks
to it through the protocol only. The client keeps every message the server published
and logged, so a test can wait for the findings of one version of one document.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 60.0  # seconds to wait for a message: generous, the machine may be busy


def server_command(*prelude: str) -> list[str]:
    """The installed ``openaccess lsp``; with ``prelude``, Python code run first in the
    server's process (to make a rule fail on purpose)."""
    if prelude:
        code = "\n".join([*prelude, "import sys", "from openaccess.cli import main", "main()"])
        return [sys.executable, "-c", code, "lsp"]
    command = shutil.which("openaccess", path=str(Path(sys.executable).parent))
    return [command, "lsp"] if command else [sys.executable, "-m", "openaccess", "lsp"]


class Client(LanguageClient):
    """pytest-lsp's client, keeping every publishDiagnostics in order."""

    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]

    async def start(
        self,
        folder: Path | None,
        options: dict | None = None,
        capabilities: types.ClientCapabilities | None = None,
    ) -> types.InitializeResult:
        caps = capabilities or client_capabilities("visual-studio-code")
        params = types.InitializeParams(
            capabilities=caps,
            root_uri=folder.as_uri() if folder else None,
            workspace_folders=[types.WorkspaceFolder(folder.as_uri(), folder.name)]
            if folder
            else None,
            initialization_options=options,
        )
        return await self.initialize_session(params)

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8") if text is None else text
        language = "html" if path.suffix in (".html", ".htm") else "markdown"
        self.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, version, text))
        )
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    async def findings(
        self, uri: str, version: int | None = None, after: int = 0
    ) -> types.PublishDiagnosticsParams:
        """The first findings published for ``uri`` (at ``version``) after the
        ``after``-th published message."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for params in self.published[after:]:
                if params.uri == uri and (version is None or params.version == version):
                    return params
            await asyncio.sleep(0.01)
        raise AssertionError(f"no findings for {uri} version {version} in {TIMEOUT} s")

    async def logged(self, text: str) -> types.LogMessageParams:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for message in self.log_messages:
                if text in message.message:
                    return message
            await asyncio.sleep(0.01)
        raise AssertionError(f"no log message with {text!r}")

    async def actions(
        self, uri: str, line: int, only: Sequence[str] | None = None
    ) -> list[types.CodeAction]:
        found = await self.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                types.Range(types.Position(line, 0), types.Position(line, 999)),
                types.CodeActionContext(diagnostics=[], only=list(only) if only else None),
            )
        )
        return [a for a in found or [] if isinstance(a, types.CodeAction)]


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    client.published = []

    def published(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)

    def register(ls: Client, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)

    client.registrations = []
    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published,
        types.CLIENT_REGISTER_CAPABILITY: register,
    }
    register_lsp_features(client, features)
    return client


def config(*prelude: str) -> ClientServerConfig:
    return ClientServerConfig(server_command=server_command(*prelude), client_factory=make_client)


def offset(text: str, position: types.Position) -> int:
    """Character offset of an LSP position (UTF-16 columns), computed independently of
    openaccess: lines end at CRLF, LF or CR as LSP says."""
    lines = re.split(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)", text)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(line.rstrip("\r\n"))


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP text edits as an editor would."""
    spans = [(offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri
                for e in change.edits]  # fmt: skip
    return list((edit.changes or {}).get(uri, []))
