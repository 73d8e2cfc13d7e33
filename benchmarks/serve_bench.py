"""Time ``openaccess serve`` from a save to the updated page in a real Chromium, and its
CPU use while idle.

Usage:
    python benchmarks/serve_bench.py [--page FILE] [--runs 15] [--idle 30]

The page (default: opensource.guide's "How to Contribute", 5,139 words, from
../shared/corpus) is copied into a temporary site at run time, never into the project.
``openaccess serve`` runs in its own process, as a writer runs it; Chromium (Debian's,
through Playwright) opens the page. Each run replaces one word of the page with a new
one, saves the file, and measures until the reloaded page has fired ``load`` and shows
the new word: the watcher, the re-render, the event stream and the browser's reload all
count. The reader view reloads right after the re-render; the review view after the
re-check too, so both are timed. Then, with one page open and nothing changing, the
serve process's CPU time (user + system, from /proc) is read over ``--idle`` seconds.

Prints the median, the 90th percentile and the best of each view, and the idle CPU share.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

DEFAULT_PAGE = ROOT.parent / "shared/corpus/opensource.guide/_articles/how-to-contribute.md"
TARGET_MS = 300
_UPDATED = re.compile(r"Updated .* in (\d+) ms")
WORD = "contribute"  # replaced in one sentence each run; the page uses it often


def _site(page: Path, work: Path) -> tuple[Path, Path]:
    project = work / "site"
    (project / "pages").mkdir(parents=True)
    (project / "openaccess.toml").write_text('pages = "pages"\n')
    target = project / "pages" / page.name
    shutil.copyfile(page, target)
    return project, target


def _time_saves(page, source: Path, runs: int, view: str) -> list[float]:
    """Milliseconds from each save to the reloaded page showing the new word."""
    from playwright.sync_api import expect

    original = source.read_text(encoding="utf-8")
    body = original.find("\n---", 4) + 4  # after the front matter: the word is in the text
    at = original.find(f" {WORD} ", body)
    if body < 4 or at < 0:
        raise SystemExit(f"{source.name} lacks the word '{WORD}' in its text")
    times = []
    try:
        for run in range(runs + 1):  # the first run warms the path up and is not counted
            token = f"benchmarked{view}{run}"
            edited = f"{original[: at + 1]}{token}{original[at + 1 + len(WORD) :]}"
            with page.expect_event("load", timeout=30_000):
                started = time.perf_counter()
                source.write_text(edited, encoding="utf-8")
            elapsed = (time.perf_counter() - started) * 1000
            expect(page.locator(".oa-body")).to_contain_text(token, timeout=1)
            if run:
                times.append(elapsed)
            time.sleep(0.3)  # let the re-check of the previous save finish
    finally:
        with page.expect_event("load", timeout=30_000):  # the page follows the restore
            source.write_text(original, encoding="utf-8")
    return times


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def _summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    median = statistics.median(ordered)
    verdict = "meets" if median <= TARGET_MS else "misses"
    return (
        f"{name:<12} median {median:6.0f} ms   p90 {p90:6.0f} ms   best {ordered[0]:6.0f} ms"
        f"   ({len(times)} saves; {verdict} the {TARGET_MS} ms target)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of idle to measure")
    args = parser.parse_args()
    if not args.page.is_file():
        raise SystemExit(f"{args.page}: not found (pass --page with a Markdown page)")
    from browser_helpers import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    from serve_helpers import serving

    words = len(args.page.read_text(encoding="utf-8").split())
    print(f"page: {args.page.name} ({words} words as whitespace-separated tokens)")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as work:
        project, source = _site(args.page, Path(work))
        with serving(project) as served, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            address = served.url + args.page.stem + "/"
            results = {}
            for view, suffix in (("reader view", ""), ("review view", "?review=1")):
                page.goto(address + suffix)
                results[view] = _time_saves(page, source, args.runs, view.split()[0])
            page.goto(address)
            time.sleep(2)  # the last re-check and the reload settle
            pid = served.process.pid
            before, started = _cpu_seconds(pid), time.monotonic()
            time.sleep(args.idle)
            used = _cpu_seconds(pid) - before
            idle_share = used / (time.monotonic() - started)
            browser.close()
    for view, times in results.items():
        print(_summary(view, times))
    said = [float(m.group(1)) for line in served.lines if (m := _UPDATED.search(line))]
    if said:
        print(
            f"serve's own update (watch to re-checked, as it prints): median"
            f" {statistics.median(said):.0f} ms over {len(said)} updates"
        )
    print(
        f"idle: {used * 1000:.0f} ms of CPU in {args.idle:.0f} s with one page open"
        f" ({idle_share:.2%} of one core)"
    )


if __name__ == "__main__":
    main()
