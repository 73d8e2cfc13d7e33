"""What link resolution adds to ``openaccess check`` of a large site (issue 11: under 1 s
for 3,000 pages).

Usage (from the repository root):

    python benchmarks/links_scale_bench.py [--pages 3000] [--links 12] [--broken 10]
                                           [--runs 3] [--jobs N]

Generates a site of ``--pages`` pages in a temporary folder, in folders of 50, each page
with ``--links`` links: relative links to pages in its own and other folders, most with
a ``#fragment`` naming a heading of the target (so target pages' ids are read), site
URLs (``/guides/...``), images, and a few broken links of every kind (missing file,
missing fragment, wrong letter case, unknown site URL; ``--broken`` percent of all links,
10 by default, a harsh case) so suggestions run too. Then, in
one run, it times ``openaccess check --no-cache`` of the whole site with every rule and
with the link rules left out (``--ignore OA3``), and prints both, best of ``--runs``, and
the difference: what the link rules cost. Wall-clock and CPU seconds are shown; on a
shared machine CPU time is the steadier number.

The run without the link rules still routes the site and resolves every link: orphan
pages and the "links not checked" note read where each link leads. So the script also
times that work alone, in this process (CPU seconds, best of ``--runs``), and adds it
to the difference: what link checking costs in all.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FOLDER_SIZE = 50
PAGE = """---
title: {title}
description: Page {n} of a generated site with many links between pages.
---

This page is number {n}. It links to other pages of the site, as a real handbook does.

## Overview

{links}

## Details of page {n}

Short sentences are easy to read. Each section has a heading that links can point to.

## Further reading

![Diagram of page {n}](../images/diagram-{image}.png)
"""


def generate(root: Path, count: int, links: int, broken: float = 10) -> int:
    """Write the site, ``broken`` percent of its links broken; returns how many links it
    holds."""
    folders = max(1, (count + FOLDER_SIZE - 1) // FOLDER_SIZE)
    # One link in ``period`` is broken, each of the four kinds in turn (10%: one in 40).
    period = max(4, round(400 / broken)) if broken > 0 else 0
    (root / "pages" / "images").mkdir(parents=True)
    for image in range(10):
        (root / "pages" / "images" / f"diagram-{image}.png").write_bytes(b"\x89PNG")
    written = 0
    for n in range(count):
        folder = f"section-{n % folders:03}"
        lines = []
        for k in range(links):
            target = (n * 7 + k * 13 + 1) % count
            target_folder = f"section-{target % folders:03}"
            relative = (
                f"page-{target:05}.md"
                if target_folder == folder
                else f"../{target_folder}/page-{target:05}.md"
            )
            kind = (n + k) % period if period else -1
            if kind == 0:
                href = relative.replace("page-", "pgae-")  # a typo: missing file
            elif kind == 1:
                href = f"{relative}#detials-of-page-{target}"  # a typo in the fragment
            elif kind == 2:
                href = relative.replace("section-", "Section-")  # wrong letter case
            elif kind == 3:
                href = f"/{target_folder}/page-{target:05}-old/"  # unknown site URL
            elif k % 3 == 0:
                href = f"/{target_folder}/page-{target:05}/#overview"  # a site URL
            elif k % 3 == 1:
                href = f"{relative}#details-of-page-{target}"
            else:
                href = relative
            lines.append(f"- See [page {target}]({href}) for the next step.")
        text = PAGE.format(title=f"Page {n}", n=n, links="\n".join(lines), image=n % 10)
        page = root / "pages" / folder / f"page-{n:05}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
        written += links
    (root / "openaccess.toml").write_text('pages = "pages"\n', encoding="utf-8")
    return written


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU (user + system, workers included) seconds of one run."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-400:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def resolution_seconds(root: Path, runs: int) -> float:
    """CPU seconds to route the site and resolve every link of every page, best of
    ``runs``; the pages are parsed before the clock starts (a check parses them anyway)."""
    from openaccess.config import load_config
    from openaccess.run.project import open_project

    here = Path.cwd()
    os.chdir(root)
    try:
        best = float("inf")
        for _ in range(runs):
            project = open_project([], load_config(start=root))
            pages = [project.store.page(path) for path in project.found.files]
            for page in pages:
                _ = page.document
            start = time.process_time()
            for page in pages:
                project.site.targets(page)
            best = min(best, time.process_time() - start)
        return best
    finally:
        os.chdir(here)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--links", type=int, default=12, help="Links per page.")
    parser.add_argument("--broken", type=float, default=10, help="Percent of links broken.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None, help="openaccess --jobs.")
    args = parser.parse_args()
    base = [sys.executable, "-m", "openaccess", "check", "--no-cache", "--format", "concise"]
    if args.jobs:
        base += ["--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        links = generate(root, args.pages, args.links, args.broken)
        print(f"{args.pages} pages, {links} links ({args.broken:g}% broken) in {root / 'pages'}")
        variants = {
            "all rules": base,
            "without link rules (--ignore OA3)": [*base, "--ignore", "OA3"],
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            for name, command in variants.items():
                results[name].append(timed(command, root))
        resolving = resolution_seconds(root, args.runs)
    print(f"best of {args.runs} (load average {os.getloadavg()[0]:.1f}); wall and CPU seconds:")
    best = {
        name: (min(w for w, _ in runs), min(c for _, c in runs)) for name, runs in results.items()
    }
    for name, (wall, cpu) in best.items():
        spread = ", ".join(f"{w:.2f}" for w, _ in results[name])
        print(f"  {name:<36} {wall:6.2f} s wall ({spread})  {cpu:6.2f} s CPU")
    (wall_all, cpu_all), (wall_none, cpu_none) = best.values()
    print(
        f"  link rules add                       {wall_all - wall_none:6.2f} s wall"
        f"             {cpu_all - cpu_none:6.2f} s CPU"
    )
    in_all = cpu_all - cpu_none + resolving
    print(f"  routing and resolving every link, in both runs      {resolving:6.2f} s CPU")
    print(f"  link checking in all                                {in_all:6.2f} s CPU")


if __name__ == "__main__":
    main()
