"""Time ``openaccess check`` side by side with peer linters on the same files.

Usage (from the repository root):

    npm install --prefix ~/.cache/openaccess-bench markdownlint-cli2@0.22.1
    pip install -e '.[bench]'            # proselint 0.16.0
    python benchmarks/check_bench.py [--corpus ../shared/corpus] [--runs 1] [--no-publish]

Measures, in one run on one machine:

* ``openaccess check CORPUS`` cold (``--no-cache``), then cached (a second run with the
  cache the first one wrote, nothing changed);
* ``openaccess check`` of one page (``--page``), the whole process, as a pre-commit hook
  would start it;
* the same files with markdownlint-cli2 0.22.1 (structure rules) and proselint 0.16.0
  (prose rules), each skipped with a message when not installed;
* unless ``--no-publish``: ``benchmarks/publish_bench.py --corpus CORPUS`` (openaccess
  publish of the corpus's first 500 pages against MkDocs and Hugo, where installed).

openaccess's modules are compiled to bytecode first (``compileall``), as an installed
package is: a checkout run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise time
Python compiling openaccess's own source at every start.

Prints wall-clock and CPU seconds (best of ``--runs``; CPU time is the fairer figure on a
busy machine), peak memory (the whole process tree, workers included, sampled every
50 ms) and openaccess's time as a ratio to each peer's (below 1: faster). openaccess and
a peer run by turns, one round after another, and the ratio is the median of the
rounds' ratios: a shared machine that slows down for a minute then slows both sides of
a round, where timing one tool's runs before the other's moved the ratio by 0.05 to 0.1.
A linter exiting 1 (it found problems) is a normal run; anything else is
reported as a failure and left out of the table. The corpus is never written to:
openaccess runs from a temporary folder, so its cache lives there.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = Path(os.environ.get("OPENACCESS_BENCH_TOOLS", Path.home() / ".cache/openaccess-bench"))
DEFAULT_PAGE = "opensource.guide/_articles/how-to-contribute.md"

# Runs a command; reports wall time, CPU time of it and its workers, and the peak total
# RSS of its process tree (sampled from /proc every 50 ms; else the largest process).
# The samples are taken beside the run, so the wall time ends when the command does, not
# at the next sample: a 0.17 s run was timed 0.21 s, one of 0.31 s 0.33 s.
_MEASURE = """
import json, os, resource, subprocess, sys, tempfile, threading, time

def tree_rss_kib(root):
    parents, rss = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as handle:
                parents[int(name)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{name}/statm") as handle:
                rss[int(name)] = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in tree)

def sample(done):
    global peak
    while True:
        peak = max(peak, tree_rss_kib(child.pid))
        if done.wait(0.05):
            return

peak = 0
done = threading.Event()
errors = tempfile.TemporaryFile()  # a pipe could fill up and block the linter
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=errors)
sampler = threading.Thread(target=sample, args=(done,))
if os.path.isdir("/proc"):
    sampler.start()
child.wait()
elapsed = time.perf_counter() - start
done.set()
if sampler.is_alive():
    sampler.join()
errors.seek(0)
stderr = errors.read()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": elapsed, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_kib": max(peak, usage.ru_maxrss), "code": child.returncode,
                  "stderr": stderr.decode(errors="replace")[-400:]}))
"""


@dataclass
class Timing:
    name: str
    seconds: float
    cpu: float  # user + system seconds of the process and its workers
    peak_mib: float


def measure(command: list[str], cwd: Path, ok_codes: tuple[int, ...]) -> Timing | str:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True
    )
    result = json.loads(done.stdout)
    if result["code"] not in ok_codes:
        return f"exit {result['code']}: {result['stderr'].strip()}"
    return Timing("", result["seconds"], result["cpu"], result["peak_kib"] / 1024)


def best(
    name: str, command: list[str], cwd: Path, runs: int, ok: tuple[int, ...], before=None
) -> Timing | None:
    timings = []
    for _ in range(runs):
        if before is not None:
            before()
        outcome = measure(command, cwd, ok)
        if isinstance(outcome, str):
            print(f"  {name}: failed ({outcome})")
            return None
        timings.append(outcome)
    return _fastest(name, timings)


@dataclass
class Paired:
    """Two commands timed by turns: the peer's best run, and the median of the rounds'
    ratios (openaccess's time to the peer's)."""

    peer: Timing
    wall_ratio: float
    cpu_ratio: float


def paired(
    mine: tuple[str, list[str], Path], peer: tuple[str, list[str], Path], runs: int
) -> Paired | None:
    """``runs`` rounds of (``mine``, ``peer``), each a (name, command, folder): a linter
    exiting 1 (it found problems) is a normal run."""
    rounds: list[tuple[Timing, Timing]] = []
    for _ in range(runs):
        pair = []
        for name, command, cwd in (mine, peer):
            outcome = measure(command, cwd, (0, 1))
            if isinstance(outcome, str):
                print(f"  {name}: failed ({outcome})")
                return None
            pair.append(outcome)
        rounds.append((pair[0], pair[1]))
    return Paired(
        _fastest(peer[0], [b for _, b in rounds]),
        statistics.median(a.seconds / b.seconds for a, b in rounds),
        statistics.median(a.cpu / b.cpu for a, b in rounds),
    )


def _fastest(name: str, timings: list[Timing]) -> Timing:
    fastest = min(timings, key=lambda t: t.seconds)
    return Timing(name, fastest.seconds, fastest.cpu, max(t.peak_mib for t in timings))


def tool(name: str) -> str | None:
    for folder in (TOOLS / "node_modules" / ".bin", Path(sys.executable).parent):
        candidate = folder / name
        if candidate.exists() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def markdown_files(corpus: Path) -> list[str]:
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.md"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    parser.add_argument("--page", default=DEFAULT_PAGE, help="One page, relative to the corpus.")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="openaccess --jobs (default: CPUs).")
    parser.add_argument("--no-publish", action="store_true", help="Skip the publish benchmark.")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    page = corpus / args.page
    if not corpus.is_dir() or not page.is_file():
        sys.exit(f"corpus {corpus} or page {page} not found")
    files = markdown_files(corpus)
    print(f"corpus: {corpus} ({len(files)} Markdown files); one page: {args.page}")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src" / "openaccess")],
        stdout=subprocess.DEVNULL,
        check=False,
    )

    # The installed command, as pre-commit and CI start it (``python -m`` adds runpy).
    beside = Path(sys.executable).with_name("openaccess")
    command = [str(beside)] if beside.is_file() else [sys.executable, "-m", "openaccess"]
    openaccess = [*command, "check"]
    if args.jobs:
        openaccess += ["--jobs", str(args.jobs)]
    # (group, timing, ratios to show): ratios are (wall, cpu) of openaccess to this row
    rows: list[tuple[str, Timing, str]] = []
    with tempfile.TemporaryDirectory() as work:
        cwd = Path(work)

        def drop_cache() -> None:
            shutil.rmtree(cwd / ".openaccess", ignore_errors=True)

        cold_command = [*openaccess, "--no-cache", str(corpus)]
        page_command = [*openaccess, "--no-cache", str(page)]
        cold = best("openaccess check (cold)", cold_command, cwd, args.runs, (0, 1))
        best("(fill the cache)", [*openaccess, str(corpus)], cwd, 1, (0, 1), drop_cache)
        cached = best(
            "openaccess check (cached)", [*openaccess, str(corpus)], cwd, args.runs, (0, 1)
        )
        one = best("openaccess check one page", page_command, cwd, args.runs, (0, 1))
        if cold:
            rows.append(("corpus", cold, ""))
        if cached:
            of_cold = ""
            if cold:
                of_cold = f"{cached.seconds / cold.seconds:.3f}x, {cached.cpu / cold.cpu:.3f}x"
                of_cold += " of cold"
            rows.append(("corpus", cached, of_cold))
        if one:
            rows.append(("page", one, ""))

        peers = [
            (
                "markdownlint-cli2",
                "0.22.1",
                ["**/*.md"],
                [args.page],
                f"npm install --prefix {TOOLS} markdownlint-cli2@0.22.1",
            ),
            (
                "proselint",
                "0.16.0",
                ["check", *files],
                ["check", args.page],
                "pip install proselint==0.16.0",
            ),
        ]
        for name, version, on_corpus, on_page, install in peers:
            found = tool(name)
            if found is None:
                print(f"  {name} not found ({install}): skipped")
                continue
            for group, mine, theirs, label in (
                ("corpus", cold_command, on_corpus, f"{name} {version}"),
                ("page", page_command, on_page, f"{name} one page"),
            ):
                pair = paired(
                    ("openaccess", mine, cwd), (label, [found, *theirs], corpus), args.runs
                )
                if pair is not None:
                    ratio = f"{pair.wall_ratio:.2f}x, {pair.cpu_ratio:.2f}x"
                    rows.append((group, pair.peer, ratio))

    load = os.getloadavg()[0]
    print(f"\nbest of {args.runs} run(s) (load average {load:.1f}); cpu = user + system of all")
    print("processes; peak = RSS of the whole process tree; ratio = openaccess / peer (< 1:")
    print("faster), the median of the rounds in which openaccess and the peer ran by turns")
    print(f"| {'what':<28} | {'wall s':>7} | {'cpu s':>7} | {'peak MiB':>8} | ratio wall, cpu |")
    print(f"| {'-' * 28} | {'-' * 6}: | {'-' * 6}: | {'-' * 7}: | --------------- |")
    for _, timing, ratio in sorted(rows, key=lambda row: row[0] == "page"):
        print(
            f"| {timing.name:<28} | {timing.seconds:7.2f} | {timing.cpu:7.2f} |"
            f" {timing.peak_mib:8.0f} | {ratio} |"
        )
    if not args.no_publish:
        print("\npublish (benchmarks/publish_bench.py --corpus CORPUS --pages 500):", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "publish_bench.py"),
                "--corpus",
                str(corpus),
                "--pages",
                "500",
                "--runs",
                str(args.runs),
            ],
            check=False,
        )


if __name__ == "__main__":
    main()
