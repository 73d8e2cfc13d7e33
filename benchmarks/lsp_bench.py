"""Time ``openaccess lsp`` as an editor uses it: cold open, and findings after an edit.

Usage (from the repository root):

    python benchmarks/lsp_bench.py [--runs 5] [--edits 30] [--page PAGE] [--site]

PAGE defaults to ../shared/corpus/opensource.guide/_articles/how-to-contribute.md.

The page (5,139 words by default) is copied into a temporary workspace at run time (the
corpus is never written to, nor committed); with ``--site``, every page of its folder
too (the 13 opensource.guide articles), so the server keeps a site of them open. A real
LSP client (pygls's) starts the server as an editor does and measures:

* **cold open**: from starting the server process to the first findings of the page
  (initialize, initialized, didOpen, publishDiagnostics), the median of ``--runs``
  fresh processes; the initialize round trip alone is shown too;
* **edit to findings**: ``--edits`` single-word edits, each sent as ``didChange`` after
  the previous findings arrived and the document was still for a while; the time from
  sending the change to receiving that version's findings (debounce included), median
  and 90th percentile;
* the same page checked by ``openaccess check`` as a new process (what an editor without
  the server runs on save), for the ratio.

Besides wall clock it reports the server's CPU seconds (from /proc), which a busy
machine does not inflate: on an idle machine the wall time of the cold open is about its
CPU time, and an edit's is the 0.1 s debounce plus its CPU time.

The issue's targets are a cold open within 1 s and a median edit within 300 ms. Wall
clock on a shared machine moves from run to run: compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGE = REPO.parent / "shared/corpus/opensource.guide/_articles/how-to-contribute.md"
SERVER = [sys.executable, "-m", "openaccess", "lsp"]


class Client(LanguageClient):
    """Records when each version of each document got its findings."""

    def __init__(self) -> None:
        super().__init__("openaccess-bench", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.arrived.setdefault((params.uri, params.version), time.perf_counter())

        @self.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            if params.type == types.MessageType.Error:
                print(f"server error: {params.message}", file=sys.stderr)

    async def arrival(self, uri: str, version: int, timeout: float = 60.0) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrived:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no findings for version {version}")
            await asyncio.sleep(0.001)
        return self.arrived[(uri, version)]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    initialize: float  # wall seconds from start to the initialize answer
    cold: float  # wall seconds from start to the page's first findings
    cold_cpu: float  # the server's CPU seconds by then
    edits: list[float]  # wall seconds from didChange to that version's findings
    edit_cpu: list[float]  # the server's CPU seconds for each edit


async def session(workspace: Path, page: Path, edits: int) -> Run:
    client = Client()
    started = time.perf_counter()
    await client.start_io(*SERVER)
    pid = client._server.pid  # the server process pygls started
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=["utf-16"])
    )
    await client.initialize_async(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(workspace.as_uri(), "bench")],
        )
    )
    initialized = time.perf_counter()
    client.initialized(types.InitializedParams())
    uri, text = page.as_uri(), page.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
    )
    opened = await client.arrival(uri, 1)
    run = Run(initialized - started, opened - started, cpu_seconds(pid), [], [])
    words = text.split(" ")
    for version in range(2, edits + 2):
        await asyncio.sleep(0.4)  # the writer pauses: each edit is checked on its own
        index = len(words) // 2 + version
        words[index] = words[index] + "s" if version % 2 else words[index].rstrip("s")
        change = types.TextDocumentContentChangeWholeDocument(" ".join(words))
        sent, before = time.perf_counter(), cpu_seconds(pid)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
            )
        )
        run.edits.append(await client.arrival(uri, version) - sent)
        run.edit_cpu.append(cpu_seconds(pid) - before)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return run


def check_one_page(workspace: Path, page: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "openaccess", "check", "--no-cache", str(page)],
        cwd=workspace,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--runs", type=int, default=5, help="server processes (cold opens)")
    parser.add_argument("--edits", type=int, default=30, help="edits timed in the first one")
    parser.add_argument("--site", action="store_true", help="copy the page's folder's pages too")
    args = parser.parse_args()
    if not args.page.is_file():
        sys.exit(f"lsp_bench: {args.page} not found; pass --page")
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        page = workspace / "pages" / args.page.name
        page.parent.mkdir()
        others = sorted(args.page.parent.glob("*.md")) if args.site else []
        for source in {*others, args.page}:
            shutil.copyfile(source, page.parent / source.name)
        pages = len(list(page.parent.iterdir()))
        words = len(page.read_text(encoding="utf-8").split())
        runs = [
            asyncio.run(session(workspace, page, args.edits if number == 0 else 0))
            for number in range(args.runs)
        ]
        checks = [check_one_page(workspace, page) for _ in range(args.runs)]
    median = statistics.median
    cold, cold_cpu = median(r.cold for r in runs), median(r.cold_cpu for r in runs)
    edits, edit_cpu = runs[0].edits, runs[0].edit_cpu
    edit = median(edits)
    p90 = statistics.quantiles(edits, n=10)[-1] if len(edits) > 1 else edit
    check, load = median(checks), os.getloadavg()[0]
    print(f"page: {args.page.name}, {words:,} words, in a site of {pages} page(s);")
    print(f"{args.runs} server runs, {len(edits)} edits;")
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} (wall clock suffers above the CPUs)")
    print(f"{'what':<42} {'wall s':>7} {'CPU s':>7}  target")
    print(f"{'initialize round trip':<42} {median(r.initialize for r in runs):>7.3f}")
    print(f"{'cold open (start to first findings)':<42} {cold:>7.3f} {cold_cpu:>7.3f}  1.0 s")
    edited = "edit to findings (0.1 s debounce included)"
    print(f"{edited:<42} {edit:>7.3f} {median(edit_cpu):>7.3f}  0.3 s")
    print(f"{'edit to findings, 90th percentile':<42} {p90:>7.3f}")
    print(f"{'openaccess check of the page (a process)':<42} {check:>7.3f}")
    print(f"edit to findings / check process (wall): {edit / check:.2f}x")


if __name__ == "__main__":
    main()
