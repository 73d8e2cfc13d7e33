"""Time ``openaccess publish`` on 500 pages side by side with MkDocs and Hugo.

Usage:
    python benchmarks/publish_bench.py [--pages 500] [--corpus DIR] [--runs 3]

By default the 500 pages are generated (varied Markdown: headings, lists, tables, code,
links, raw HTML like the jeweler guide) in a temporary folder. ``--corpus DIR`` takes the
first N Markdown pages of a real folder instead (e.g. ../shared/corpus), copied to a
temporary folder, never into the project. Each tool builds the same pages; a tool that is
not installed is skipped with a message. openaccess runs with --allow-errors so that the
timing covers publishing every page whatever the checks say, three ways:

* cold: without its cache, like the others (every page checked, repaired and rendered);
* unchanged: again with the cache its previous run left (findings and rendered pages);
* one page edited: the cache is valid for every page but one, the edit-publish loop.

The cold builds run by turns (openaccess, MkDocs, Hugo, then again), so that a shared
machine slowing down for a while slows every tool of a round alike. Prints the best of N
runs and the ratios: for a cold publish, the median of the rounds' ratios.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PAGE = """---
title: Guide page {n}
description: Page {n} of a generated guide used to time publishing.
weight: {n}
---

This is page {n} of the guide. It has a few sections, a list, a table and some code, so
building it does about as much work as a real advice page.

## Before you start

You need a few things before you begin:

- A clear goal for the work.
- About an hour of quiet time.
- The [previous page](page-{prev}.md) if you have not read it.

## The main steps

1. Read the whole page once.
2. Try each step on a small example.
3. Write down what worked and what did not.

| Step | Time | Difficulty |
| --- | ---: | :---: |
| Reading | 10 minutes | Easy |
| Trying | 30 minutes | Medium |
| Writing | 20 minutes | Easy |

## An example

```sh
mkdir -p work/page-{n} && cd work/page-{n}
```

<p>
Some pages are written partly in HTML. This paragraph is one of them.

It even has a blank line inside, which publish turns into two paragraphs.
</p>

## What to do next

Go on to [page {next}](page-{next}.md) when you are ready.
"""


def generate(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        text = PAGE.format(n=n, prev=(n - 1) % count, next=(n + 1) % count)
        (folder / f"page-{n}.md").write_text(text, encoding="utf-8")
    (folder / "index.md").write_text(
        "---\ntitle: Generated guide\ndescription: Home of the generated guide.\n---\n\n"
        "Start at [page 0](page-0.md).\n",
        encoding="utf-8",
    )


def take_corpus(source: Path, folder: Path, count: int) -> None:
    for index, path in enumerate(sorted(source.rglob("*.md"))[:count]):
        target = folder / f"{index:04}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


Timing = tuple[float, float]  # wall-clock and CPU (user + system, all children) seconds


def run_once(
    command: list[str],
    cwd: Path,
    clean: Path | None,
    prepare: Callable[[], None] | None = None,
) -> Timing | None:
    """One run, after removing ``clean`` and calling ``prepare`` (both untimed); None
    (with a message) when the command fails."""
    if clean is not None and clean.exists():
        shutil.rmtree(clean)
    if prepare is not None:
        prepare()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(f"  {command[0]} failed ({done.returncode}): {done.stderr.strip()[-300:]}")
        return None
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _best(timings: list[Timing]) -> Timing:
    return min(wall for wall, _ in timings), min(cpu for _, cpu in timings)


def timed(
    command: list[str],
    cwd: Path,
    runs: int,
    clean: Path | None,
    prepare: Callable[[], None] | None = None,
) -> Timing | None:
    """Best wall-clock and best CPU seconds of ``runs`` runs. CPU time is the steadier
    number on a busy machine; wall clock is what a writer waits."""
    timings = []
    for _ in range(runs):
        took = run_once(command, cwd, clean, prepare)
        if took is None:
            return None
        timings.append(took)
    return _best(timings)


@dataclass
class Builder:
    """One way to build the pages: a command, its folder, its output (removed before
    each run) and what else to do before each run."""

    name: str
    command: list[str]
    cwd: Path
    clean: Path
    prepare: Callable[[], None] | None = None


def by_turns(builders: list[Builder], runs: int) -> dict[str, list[Timing]]:
    """``runs`` rounds in which each builder builds once, in turn: a shared machine that
    slows down for a while then slows every builder of a round, not one tool's runs."""
    rounds: dict[str, list[Timing]] = {builder.name: [] for builder in builders}
    for _ in range(runs):
        for builder in builders:
            if builder.name not in rounds:
                continue  # it failed in an earlier round
            took = run_once(builder.command, builder.cwd, builder.clean, builder.prepare)
            if took is None:
                del rounds[builder.name]
            else:
                rounds[builder.name].append(took)
    return rounds


def edit_one_page(pages: Path) -> Callable[[], None]:
    """Each call changes one sentence of one page, as a writer does between publishes."""
    page = min(pages.rglob("*.md"))
    original = page.read_text(encoding="utf-8")
    edits = iter(range(1_000_000))

    def edit() -> None:
        page.write_text(f"{original}\nEdit number {next(edits)}.\n", encoding="utf-8")

    return edit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        project = Path(work) / "project"
        pages = project / "pages"
        if args.corpus:
            pages.mkdir(parents=True)
            take_corpus(args.corpus, pages, args.pages)
        else:
            generate(pages, args.pages)
        count = len(list(pages.rglob("*.md")))
        print(f"{count} pages in {pages}")
        builders: list[Builder] = []

        openaccess = [sys.executable, "-m", "openaccess", "publish", "--allow-errors"]
        (project / "openaccess.toml").write_text('base_url = "https://example.org/"\n')
        site = project / "site"
        cache = project / ".openaccess"
        drop_cache = functools.partial(shutil.rmtree, cache, ignore_errors=True)
        builders.append(Builder("openaccess publish", openaccess, project, site, drop_cache))

        mkdocs = shutil.which("mkdocs") or _venv_tool("mkdocs")
        if mkdocs:
            # Beside the project, not in it: openaccess would find an mkdocs.yml and
            # route the pages as MkDocs does, where it is timed on plain pages.
            mkdocs_project = Path(work) / "mkdocs"
            mkdocs_project.mkdir()
            (mkdocs_project / "mkdocs.yml").write_text(
                "site_name: Bench\ndocs_dir: ../project/pages\nsite_dir: site\n"
                "site_url: https://example.org/\n",
                encoding="utf-8",
            )
            command = [mkdocs, "build", "--quiet"]
            mkdocs_site = mkdocs_project / "site"
            builders.append(Builder("mkdocs build", command, mkdocs_project, mkdocs_site))
        else:
            print("  MkDocs not installed (pip install mkdocs): skipped")

        hugo = shutil.which("hugo")
        if hugo:
            hugo_project = Path(work) / "hugo"
            _hugo_site(pages, hugo_project)
            builders.append(
                Builder("hugo", [hugo, "--quiet"], hugo_project, hugo_project / "public")
            )
        else:
            print("  Hugo not installed (apt-get install hugo): skipped")

        rounds = by_turns(builders, args.runs)
        results = {name: _best(timings) for name, timings in rounds.items()}
        if "openaccess publish" in rounds:  # its last run left the cache
            for name, prepare in (("unchanged", None), ("one page edited", edit_one_page(pages))):
                again = timed(openaccess, project, args.runs, site, prepare)
                if again is not None:
                    results[f"openaccess, {name}"] = again
        _report(results, rounds, args.runs)


def _report(results: dict[str, Timing], rounds: dict[str, list[Timing]], runs: int) -> None:
    """The table: a cold publish's ratios are the median of the rounds' ratios (the tools
    ran by turns); the cached publishes', their best against the peer's best."""
    print(f"best of {runs} runs (load average {os.getloadavg()[0]:.1f}); a cold publish's")
    print("ratios are the median of the rounds in which every tool built once, by turns:")
    peers = [name for name in ("mkdocs build", "hugo") if name in results]
    header = "".join(f"{'/ ' + name:>22}" for name in peers)
    print(f"  {'':<30} {'wall':>8} {'cpu':>8}{header}   (ratios: wall, cpu)")
    mine = [name for name in results if name.startswith("openaccess")]
    for name in [*mine, *peers]:
        wall, cpu = results[name]
        ratios = ""
        if name.startswith("openaccess"):
            for peer in peers:
                if name in rounds:
                    pairs = list(zip(rounds[name], rounds[peer], strict=True))
                    wall_ratio = statistics.median(a[0] / b[0] for a, b in pairs)
                    cpu_ratio = statistics.median(a[1] / b[1] for a, b in pairs)
                else:
                    wall_ratio, cpu_ratio = wall / results[peer][0], cpu / results[peer][1]
                ratios += f"{wall_ratio:13.2f}x, {cpu_ratio:.2f}x"
        print(f"  {name:<30} {wall:7.2f}s {cpu:7.2f}s{ratios}")


def _hugo_site(pages: Path, hugo_project: Path) -> None:
    """The pages as a Hugo site with the plainest layouts, in ``hugo_project``."""
    (hugo_project / "content").mkdir(parents=True)
    dropped = 0
    for path in pages.rglob("*.md"):
        target = hugo_project / "content" / path.relative_to(pages)
        target.parent.mkdir(parents=True, exist_ok=True)
        text, kept = _hugo_readable(path.read_text(encoding="utf-8", errors="replace"))
        target.write_text(text, encoding="utf-8")
        dropped += not kept
    if dropped:
        print(f"  hugo: front matter of {dropped} page(s) left out (invalid YAML, which")
        print("  Hugo refuses to build; openaccess and MkDocs report it and go on)")
    (hugo_project / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n",
        encoding="utf-8",
    )
    layouts = hugo_project / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(
        '<!doctype html><html lang="en"><head><title>{{ .Title }}</title></head>'
        "<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n"
    )
    (layouts / "list.html").write_text(
        '<!doctype html><html lang="en"><head><title>{{ .Title }}</title></head><body>'
        "<ul>{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}</ul></body></html>\n"
    )


def _hugo_readable(text: str) -> tuple[str, bool]:
    """``text`` as Hugo can build it: YAML front matter that does not parse (Hugo stops the
    whole build on it) is left out, and an ``aliases`` key (PowerShell's reference pages
    list a command's aliases there; Hugo reads redirects, and stops on ``/``) is renamed.
    Returns the text and whether its front matter was kept."""
    import yaml

    if not text.startswith("---\n"):
        return text, True
    end = text.find("\n---", 3)
    if end < 0:
        return text, True
    try:
        yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        closing_line_end = text.find("\n", end + 1)
        return ("" if closing_line_end < 0 else text[closing_line_end + 1 :]), False
    front = re.sub(r"(?m)^aliases:", "command_aliases:", text[:end])
    return front + text[end:], True


def _venv_tool(name: str) -> str | None:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() and os.access(candidate, os.X_OK) else None


if __name__ == "__main__":
    main()
