"""A real LSP client (pytest-lsp's, on pygls) driving ``openaccess lsp`` over stdio.

Each test starts the server as a separate process, exactly as an editor does, and talks
to it through the protocol only. The client keeps every message the server published
and logged, so a test can wait for the findings of one version of one document.

A test is an ``async`` function decorated with :func:`lsp_test`, which gives it a
started client as its first argument. It runs in an event loop of its own, on a thread
of its own: pytest-asyncio would run it in the main thread, where the browser tests'
session-wide Playwright (its sync API) keeps another loop running, and asyncio refuses
to start a loop there.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import re
import shutil
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 60.0  # seconds to wait for a message: generous, the machine may be busy
TEST_TIMEOUT = 300.0  # seconds a whole test may take: a hang fails, never blocks the suite


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
        self,
        uri: str,
        version: int | None = None,
        after: int = 0,
        until: Callable[[types.PublishDiagnosticsParams], bool] | None = None,
    ) -> types.PublishDiagnosticsParams:
        """The first findings published for ``uri`` (at ``version``) after the
        ``after``-th published message; with ``until``, the first that satisfy it (a
        check of the document started before ``after`` may still publish late)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for params in self.published[after:]:
                if params.uri != uri or (version is not None and params.version != version):
                    continue
                if until is None or until(params):
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

    async def registered(self, method: str) -> types.Registration:
        """The server's registration of ``method`` (sent after initialized)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for registration in self.registrations:
                if registration.method == method:
                    return registration
            await asyncio.sleep(0.01)
        raise AssertionError(f"{method} was not registered")

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


@contextlib.asynccontextmanager
async def connected(*prelude: str) -> AsyncIterator[Client]:
    """A client talking to a new ``openaccess lsp`` process; shut down and exited after,
    unless the test did it. The server must never have sent anything the client could
    not read."""
    client = await config(*prelude).start()
    assert isinstance(client, Client)
    try:
        yield client
        assert client.error is None, f"the server broke the protocol: {client.error}"
    finally:
        if client._server is not None and client._server.returncode is None:
            await client.shutdown_session()
        await client.stop()


def lsp_test(*prelude: str) -> Callable[[Callable[..., Awaitable[None]]], Callable[..., None]]:
    """Make an async test that takes a started :class:`Client` first (its other
    arguments are fixtures) a plain test running in its own loop and thread; see the
    module's docstring. ``prelude``: Python run first in the server (see
    :func:`server_command`)."""

    def decorate(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
        signature = inspect.signature(test)
        fixtures = list(signature.parameters.values())[1:]

        async def body(*args: object, **kwargs: object) -> None:
            async with connected(*prelude) as client:
                await test(client, *args, **kwargs)

        @functools.wraps(test)
        def run(*args: object, **kwargs: object) -> None:
            in_own_thread(lambda: asyncio.wait_for(body(*args, **kwargs), TEST_TIMEOUT))

        run.__signature__ = signature.replace(parameters=fixtures)  # type: ignore[attr-defined]
        return run

    return decorate


def in_own_thread(work: Callable[[], Awaitable[None]]) -> None:
    """``asyncio.run(work())`` on a new thread; its exception is raised here."""
    failures: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(_awaited(work))
        except BaseException as error:  # raised again in the test's thread
            failures.append(error)

    thread = threading.Thread(target=target, name="lsp-test-client")
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


async def _awaited(work: Callable[[], Awaitable[None]]) -> None:
    await work()
