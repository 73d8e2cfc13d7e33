"""Time ``openaccess check --external`` on 2,000 distinct links side by side with
linkinator and markdown-link-check.

Usage:
    python benchmarks/links_bench.py [--links 2000] [--delay 0.05] [--concurrency 100] [--runs 3]

A local HTTP server on 127.0.0.1 (started here) answers every link after ``--delay``
seconds and counts how many requests are open at once. The same links are written to one
Markdown page (openaccess, markdown-link-check) and one HTML page (linkinator). Each tool
runs as a command, cold (openaccess without its cache), so the times include start-up.
openaccess and linkinator use the same ``--concurrency`` (openaccess: ``concurrency`` and
``host_concurrency``, since every link is on one host); markdown-link-check has no such
setting. The npm tools are looked up on PATH, in ./node_modules/.bin and in
$LINKS_BENCH_NODE_MODULES/.bin; a tool that is not installed is skipped with a message
(``npm install linkinator markdown-link-check`` to add them). Prints each tool's best
time of ``--runs``, its peak open requests (over all runs), and the ratio of openaccess to
the fastest other tool.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from external_server import LinkServer


def find_tool(name: str) -> str | None:
    folders = [os.environ.get("LINKS_BENCH_NODE_MODULES", ""), "node_modules"]
    for folder in folders:
        candidate = Path(folder) / ".bin" / name
        if folder and candidate.is_file():
            return str(candidate)
    return shutil.which(name)


def write_inputs(folder: Path, urls: list[str], concurrency: int) -> None:
    pages = folder / "pages"
    pages.mkdir()
    links = "\n".join(f"- [Reference {n}]({url})" for n, url in enumerate(urls))
    (pages / "links.md").write_text(
        f"---\ntitle: Links\ndescription: Benchmark page.\n---\n\n{links}\n", encoding="utf-8"
    )
    anchors = "\n".join(f'<li><a href="{url}">Reference {n}</a></li>' for n, url in enumerate(urls))
    (folder / "html").mkdir()
    (folder / "html" / "links.html").write_text(
        f"<!doctype html><title>Links</title><ul>{anchors}</ul>", encoding="utf-8"
    )
    (folder / "openaccess.toml").write_text(
        "[links]\nexternal = true\nallow_private = true\ncache_max_age = 0\n"
        f"concurrency = {concurrency}\nhost_concurrency = {concurrency}\n",
        encoding="utf-8",
    )


def run(command: list[str], cwd: Path, server: LinkServer) -> tuple[float, int, int, str]:
    """(seconds, peak open requests, requests served, last output line)."""
    server.peak = 0
    served_before = sum(server.hits.values())
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    output = (done.stdout + done.stderr).strip().splitlines()
    served = sum(server.hits.values()) - served_before
    return elapsed, server.peak, served, output[-1] if output else f"exit {done.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--only", help="Run only this tool (openaccess, linkinator...).")
    parser.add_argument("--runs", type=int, default=3, help="Best of N runs per tool.")
    args = parser.parse_args()

    openaccess = shutil.which("openaccess") or str(Path(sys.executable).parent / "openaccess")
    tools = {
        "openaccess": [openaccess, "check", "--select", "OA320", "--no-cache", "pages"],
        "linkinator": None,
        "markdown-link-check": None,
    }
    if linkinator := find_tool("linkinator"):
        tools["linkinator"] = [
            linkinator, "html/links.html", "--concurrency", str(args.concurrency), "--silent"
        ]  # fmt: skip
    if mlc := find_tool("markdown-link-check"):
        tools["markdown-link-check"] = [mlc, "-q", "pages/links.md"]

    with LinkServer(delay=args.delay) as server, tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        urls = [f"{server.base}/delay/{n}" for n in range(args.links)]
        write_inputs(folder, urls, args.concurrency)
        print(
            f"{args.links} distinct links, server answers after {args.delay * 1000:.0f} ms,"
            f" concurrency {args.concurrency}"
        )
        times: dict[str, float] = {}
        for name, command in tools.items():
            if args.only and name != args.only:
                continue
            if command is None:
                print(f"{name:20} skipped: not installed (npm install {name})")
                continue
            runs = [run(command, folder, server) for _ in range(max(1, args.runs))]
            seconds = min(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            served, last = runs[-1][2], runs[-1][3]
            times[name] = seconds
            print(
                f"{name:20} {seconds:7.2f} s   peak open requests {peak:4}   requests {served:5}"
                f"   ({last[:70]})"
            )
        others = {name: t for name, t in times.items() if name != "openaccess"}
        if "openaccess" in times and others:
            fastest = min(others, key=others.get)
            ratio = times["openaccess"] / others[fastest]
            print(
                f"ratio openaccess / {fastest} (fastest other): {ratio:.2f}"
                f" ({'faster or equal' if ratio <= 1 else 'slower'})"
            )
        elif "openaccess" in times:
            print("no other link checker installed: no ratio")


if __name__ == "__main__":
    main()
