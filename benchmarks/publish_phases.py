"""Where a cold ``openaccess publish`` spends its time, phase by phase.

Usage:
    python benchmarks/publish_phases.py [--pages 500] [--corpus DIR] [--cpu]

Publishes the same pages as publish_bench.py in this process, with no cache and no
worker processes (so every phase is timed where it runs), and prints the seconds and
share of each phase. Phases nest where the code does: the checks a repair runs count
under both "checks" and "repairs", and templates under "writing files", which renders
each page's template while the pages before it are written. ``--cpu`` times CPU seconds
of the process instead of wall-clock seconds: steadier on a busy machine, and the same
thing here (one process).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from publish_bench import generate, take_corpus

from openaccess import check
from openaccess.config import load_config
from openaccess.linter import Linter
from openaccess.publish import build, render

PHASES: list[tuple[object, str, str]] = [
    (Linter, "check_page", "checks (every rule, parsing included)"),
    (build, "_repair", "repairs (parse of the repaired text, OA403/OA404)"),
    (build, "render_body", "rendering the body"),
    (render, "BeautifulSoup", "  of which BeautifulSoup parsing"),
    (check._Check, "check_site", "site-wide rules"),
    (build.SitePlan, "render", "templates"),
    (build, "_write", "writing files (templates included)"),
]


def timed(
    spent: dict[str, float], label: str, function: Callable, clock: Callable[[], float]
) -> Callable:
    def wrapper(*args, **kwargs):
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + clock() - start

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--cpu", action="store_true", help="CPU seconds, not wall-clock")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    with tempfile.TemporaryDirectory() as work:
        project = Path(work)
        pages = project / "pages"
        if args.corpus:
            pages.mkdir()
            take_corpus(args.corpus.resolve(), pages, args.pages)
        else:
            generate(pages, args.pages)
        (project / "openaccess.toml").write_text('base_url = "https://example.org/"\n')
        os.chdir(project)
        check.PARALLEL_THRESHOLD = sys.maxsize  # one process: every phase timed here
        spent: dict[str, float] = {}
        for owner, name, label in PHASES:
            setattr(owner, name, timed(spent, label, getattr(owner, name), clock))
        options = build.PublishOptions(allow_errors=True, cache=False)
        start = clock()
        build.publish([], load_config(project), options)
        total = clock() - start
        shutil.rmtree(project / "site")
    kind = "CPU" if args.cpu else "wall-clock"
    print(f"cold publish of {args.pages} pages in one process: {total:.2f} s ({kind})")
    for _, _, label in PHASES:
        seconds = spent.get(label, 0.0)
        print(f"  {label:<52} {seconds:6.2f} s {seconds / total:5.0%}")


if __name__ == "__main__":
    main()
