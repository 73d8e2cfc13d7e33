"""The language server: LSP messages in, findings out, over standard input and output.

The event loop only reads messages, keeps timers and sends results; every check runs on
one worker thread (:class:`~openaccess.lsp.session.Session` is not shared between
threads), in the order the edits came. Typing is debounced: a check starts once the
document has been still for ``debounce`` seconds, and a result for a text that has
changed again since is dropped, since a newer one is on its way. Whatever goes wrong
in a check is logged to the client (``window/logMessage``) and the server carries on.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import RPCRequest
from pygls.uris import to_fs_path

from openaccess import __version__
from openaccess.fixes import select_fixes
from openaccess.lsp.actions import FIX_ALL, QUICK_FIX, Actions, wanted
from openaccess.lsp.findings import Presenter, installed_docs_url
from openaccess.lsp.positions import UTF16
from openaccess.lsp.session import Checked, Session

# Seconds a document must be still before it is checked: a burst of keystrokes is one
# check, and the result still arrives well within 300 ms of the last one.
DEBOUNCE = 0.1
# Files whose creation, change or deletion can change findings (file watchers).
WATCHED = (
    "**/*.{md,markdown,mdown,mkdn,mkd,mkdown,html,htm,xhtml}",
    "**/{openaccess.toml,pyproject.toml,mkdocs.yml,mkdocs.yaml,properdocs.yml,properdocs.yaml,"
    "zensical.toml,_config.yml,_config.yaml,_config.toml,hugo.toml,hugo.yaml,hugo.json,"
    "config.toml,config.yaml,config.json}",
    "**/*.{png,jpg,jpeg,gif,svg,webp,avif,pdf}",
)
_LEVELS = {
    "alert": types.MessageType.Error,
    "error": types.MessageType.Error,
    "warning": types.MessageType.Warning,
    "info": types.MessageType.Info,
}
Result = TypeVar("Result")


class _Answered:
    """A request that could not be read and was already answered with an error."""

    jsonrpc = "answered"


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request whose params it cannot read with an error,
    and one sent after ``shutdown`` with InvalidRequest, as LSP asks (pygls only logs
    both, and the client would wait for an answer forever)."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" not in data or "method" not in data:
                raise
            self._send_response(data["id"], error=error.to_response_error())
            return _Answered()

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Answered):
            return
        if self._shutdown and isinstance(message, RPCRequest) and message.method != types.EXIT:
            error = JsonRpcInvalidRequest("the server is shutting down")
            self._send_response(message.id, error=error.to_response_error())
            return
        super().handle_message(message)


class OpenaccessServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "openaccess",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=_Protocol,
        )
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="openaccess-check")
        self.session: Session | None = None
        self.presenter = Presenter(UTF16, "")
        self.debounce = DEBOUNCE
        self.versioned_edits = False
        self.resolves_edits = False  # the client asks for a code action's edit when picked
        self.uris: dict[Path, str] = {}  # open documents
        self.stopping = False
        self._timers: dict[Path, asyncio.TimerHandle] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- talking to the client ---------------------------------------------------------
    def say(self, level: str, message: str) -> None:
        """Log to the client; an alert is also shown. Safe from the worker thread."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._say, level, message)

    def _say(self, level: str, message: str) -> None:
        kind = _LEVELS.get(level, types.MessageType.Log)
        self.window_log_message(types.LogMessageParams(kind, message))
        if level == "alert":
            self.window_show_message(types.ShowMessageParams(kind, message))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """pygls's errors (a message it cannot read, a handler that raised) are logged,
        not shown: the server goes on."""
        self.window_log_message(
            types.LogMessageParams(types.MessageType.Error, f"openaccess lsp: {error}")
        )

    def publish(self, checked: Checked) -> None:
        path = checked.path
        document = self.workspace.text_documents.get(checked.uri)
        if document is None:
            return  # closed meanwhile
        if path in self._timers and document.version != checked.version:
            return  # typed on: a newer check is coming
        diagnostics = self.presenter.diagnostics(checked) if checked.checked else []
        params = types.PublishDiagnosticsParams(checked.uri, diagnostics, checked.version)
        self.text_document_publish_diagnostics(params)

    # -- running checks ----------------------------------------------------------------
    async def run(self, work: Callable[[Session], Result], fallback: Result) -> Result:
        """Run ``work`` on the worker thread; on any error log it and return ``fallback``."""
        session = self.session
        if session is None or self.stopping:
            return fallback
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.worker, work, session)
        except Exception as error:
            trace = "".join(traceback.format_exception(error)).rstrip()
            self._say(
                "error",
                f"openaccess lsp: internal error, please report it: {error!r}\n{trace}",
            )
            return fallback

    async def check(self, work: Callable[[Session], list[Checked]]) -> None:
        for checked in await self.run(work, []):
            self.publish(checked)

    async def fix_all(self, checked: Checked) -> types.CodeAction | None:
        """The "fix all" action with its edit; None when no safe fix changes the text."""
        path = checked.path
        fixed = await self.run(lambda session: session.fix_all(path), None)
        if fixed is None:
            return None
        return Actions(checked, self.presenter, self.versioned_edits).fix_all(*fixed)

    def later(self, path: Path) -> None:
        """Check ``path`` once it has been still for ``debounce`` seconds."""
        self.cancel(path)
        loop = asyncio.get_running_loop()
        self._timers[path] = loop.call_later(
            self.debounce, lambda: asyncio.ensure_future(self.now(path))
        )

    async def now(self, path: Path) -> None:
        """Check ``path`` with its current text (a pending timer is dropped)."""
        self.cancel(path)
        document = self._document(path)
        if document is None:
            return
        text, version = document.source, document.version
        await self.check(lambda session: session.change(path, text, version))

    def cancel(self, path: Path) -> None:
        timer = self._timers.pop(path, None)
        if timer is not None:
            timer.cancel()

    def _document(self, path: Path) -> Any:
        """pygls's copy of the open document (its text and version), if it is open."""
        uri = self.uris.get(path)
        return None if uri is None else self.workspace.text_documents.get(uri)

    async def current(self, uri: str) -> Checked | None:
        """The findings of ``uri`` for its current text (a pending check runs first)."""
        path = page_path(uri)
        if path is None:
            return None
        if path in self._timers:
            await self.now(path)
        return await self.run(lambda session: session.results.get(path), None)


def page_path(uri: str) -> Path | None:
    """The file a ``file:`` URI names (symlinks resolved); None for other schemes."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(os.path.realpath(path)) if path else None


def workspace_folders(params: types.InitializeParams) -> list[Path]:
    folders = [page_path(folder.uri) for folder in params.workspace_folders or []]
    if not folders and params.root_uri:
        folders = [page_path(params.root_uri)]
    elif not folders and params.root_path:
        folders = [Path(os.path.realpath(params.root_path))]
    return [folder for folder in folders if folder is not None]


def create_server() -> OpenaccessServer:
    server = OpenaccessServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: OpenaccessServer, params: types.InitializeParams) -> None:
        ls._loop = asyncio.get_running_loop()
        options = params.initialization_options
        if isinstance(options, dict):
            debounce = options.get("debounce")
            if isinstance(debounce, int | float) and 0 <= debounce <= 10:
                ls.debounce = float(debounce)
        capabilities = params.capabilities
        hover = capabilities.text_document and capabilities.text_document.hover
        formats = (hover and hover.content_format) or []
        workspace = capabilities.workspace
        edits = workspace and workspace.workspace_edit
        ls.versioned_edits = bool(edits and edits.document_changes)
        code_action = capabilities.text_document and capabilities.text_document.code_action
        resolving = code_action and code_action.resolve_support
        ls.resolves_edits = bool(resolving and "edit" in resolving.properties)
        ls.presenter = Presenter(
            str(ls.workspace.position_encoding or UTF16),
            installed_docs_url(),
            markdown=not formats or types.MarkupKind.Markdown in formats,
        )
        ls.session = Session(workspace_folders(params), ls.say)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: OpenaccessServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        watching = watched and watched.did_change_watched_files
        if not (watching and watching.dynamic_registration):
            return
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        registration = types.Registration(
            id="openaccess-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams([registration]))
        except Exception as error:  # the client said no: documents are still checked
            ls._say("warning", f"openaccess lsp: cannot watch files: {error}")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: OpenaccessServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        path = page_path(document.uri)
        if path is None:
            return
        uri, text, version = document.uri, document.text, document.version
        ls.uris[path] = uri
        await ls.check(lambda session: session.open(uri, path, text, version))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: OpenaccessServer, params: types.DidChangeTextDocumentParams) -> None:
        path = page_path(params.text_document.uri)
        if path is not None:
            ls.later(path)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: OpenaccessServer, params: types.DidSaveTextDocumentParams) -> None:
        path = page_path(params.text_document.uri)
        if path is not None:
            await ls.now(path)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: OpenaccessServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = page_path(uri)
        if path is None:
            return
        ls.cancel(path)
        ls.uris.pop(path, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        await ls.check(lambda session: session.close(path))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def files_changed(ls: OpenaccessServer, params: types.DidChangeWatchedFilesParams):
        paths = [path for change in params.changes if (path := page_path(change.uri))]
        await ls.check(lambda session: session.files_changed(paths))

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(
        ls: OpenaccessServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        folders = [
            path for folder in ls.workspace.folders.values() if (path := page_path(folder.uri))
        ]
        await ls.check(lambda session: session.set_folders(folders))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[QUICK_FIX, FIX_ALL], resolve_provider=True),
    )
    async def code_action(ls: OpenaccessServer, params: types.CodeActionParams) -> list:
        checked = await ls.current(params.text_document.uri)
        if checked is None or not checked.checked:
            return []
        actions = Actions(checked, ls.presenter, ls.versioned_edits)
        only = params.context.only
        found = actions.for_range(params.range, only)
        if wanted(FIX_ALL, only) and select_fixes((d.fix for d in checked.diagnostics), False):
            if ls.resolves_edits:
                found.append(actions.fix_all_later())
            elif (action := await ls.fix_all(checked)) is not None:
                found.append(action)
        return found

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: OpenaccessServer, action: types.CodeAction) -> types.CodeAction:
        """The edit of "fix all", for the document's text now. Nothing left to fix (or
        not a page any more): the action as it came, without an edit, does nothing."""
        uri = action.data.get("uri") if isinstance(action.data, dict) else None
        if action.kind != FIX_ALL or not isinstance(uri, str):
            return action
        checked = await ls.current(uri)
        if checked is None or not checked.checked:
            return action
        return await ls.fix_all(checked) or action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: OpenaccessServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None or not checked.checked:
            return None
        return ls.presenter.hover(checked, params.position)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: OpenaccessServer, params: None) -> None:
        ls.stopping = True
        for path in list(ls._timers):
            ls.cancel(path)
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server


def serve() -> None:
    """Serve one client over standard input and output until it says exit (or goes
    away). Exit status 0 after a shutdown request, else 1, as LSP asks."""
    import sys

    output = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    _log_to_stderr()
    server = create_server()
    server.start_io(_BoundedInput(sys.stdin.buffer), output)
    raise SystemExit(0 if server.stopping else 1)


# The largest message the server reads: a page at the largest ``max_file_size`` a config
# is likely to set, escaped in JSON, fits many times over.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


class _BoundedInput:
    """Standard input for pygls, which reads as many bytes as a message's
    ``Content-Length`` says: past :data:`MAX_MESSAGE_BYTES` (a broken client, or not an
    LSP client), one line on standard error and the end of input, not a MemoryError."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def readline(self) -> bytes:
        return self.stream.readline()

    def read(self, size: int) -> bytes:
        if size > MAX_MESSAGE_BYTES:
            limit = MAX_MESSAGE_BYTES // (1024 * 1024)
            logging.getLogger("openaccess.lsp").error(
                "a message of %d bytes is over the %d MiB limit; stopping", size, limit
            )
            return b""
        return self.stream.read(size)


class _OneLine(logging.Formatter):
    """pygls's own log lines for the editor's server log: one line each, no traceback
    (the client already got the error in ``window/logMessage``)."""

    def format(self, record: logging.LogRecord) -> str:
        first = record.getMessage().strip().partition("\n")[0]
        return f"openaccess lsp: {record.levelname.lower()}: {first}"


def _log_to_stderr() -> None:
    handler = logging.StreamHandler()
    if os.environ.get("OPENACCESS_DEBUG") == "1":
        handler.setFormatter(logging.Formatter("openaccess lsp: %(levelname)s: %(message)s"))
    else:
        handler.setFormatter(_OneLine())
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
