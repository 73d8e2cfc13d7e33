"""Replay the blind readers' verdicts (tests/data/blind-trial-new-sites*.jsonl) on today's rules.

Each trial judged the findings of its own day's rules on real sites. This script checks
out every judged site at its commit, runs today's ``openaccess check --no-cache --format
json`` in the folder the trial used, and matches each judged finding to today's findings
by rule, file and line. It prints, per rule, how many judged findings are still reported
and how many of those the readers judged true (``lean-true`` counts as true): an
estimate of what a blind reader would judge of today's findings.

Usage (from the repository root)::

    python tools/blind_replay.py --mirror DIR [--work DIR] [FILES...]

``DIR`` holds a bare clone of each site's repository, named ``owner+name`` (with or
without ``.git``, or with the clone in ``owner+name/repo``); the trials' files list the
repositories and commits. The checkouts and the JSON of each run stay in ``--work``
(default: a ``blind-replay`` folder in the system's temporary folder), so a second run
only matches again. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIALS = sorted((ROOT / "tests" / "data").glob("blind-trial-new-sites*.jsonl"))
TRUE = {"true", "lean-true"}
# Rules that report once a page: matched by file when their line moved.
PAGE_RULES = {"OA501", "OA205"}
# Sites a trial checked with another generator config (the sixth trial's Textual docs).
SITE_CONFIG = {"Textualize/textual": 'generator_config = "mkdocs-online.yml"\n'}


def judged_rows(files: list[Path]) -> list[dict]:
    return [
        json.loads(line)
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _folder(row: dict) -> str:
    return row.get("folder", "").strip("/") or "."


def _bare_clone(mirror: Path, repo: str) -> Path | None:
    name = repo.replace("/", "+")
    for candidate in (mirror / name / "repo", mirror / f"{name}.git", mirror / name):
        if (candidate / "HEAD").is_file():
            return candidate
    return None


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def checkout(mirror: Path, work: Path, repo: str, commit: str) -> Path:
    """The site's checkout at ``commit`` (a real one: .gitignore applies, as on a
    writer's machine); exits with a message when the clone or the commit is missing."""
    target = work / "sites" / f"{repo.replace('/', '+')}@{commit[:10]}"
    if (target / ".git").is_dir():
        return target
    clone = _bare_clone(mirror, repo)
    if clone is None:
        sys.exit(f"blind_replay: no clone of {repo} in {mirror}")
    target.parent.mkdir(parents=True, exist_ok=True)
    for args, cwd in (
        (("clone", "--quiet", "--shared", "--no-checkout", str(clone), str(target)), None),
        (("-c", "advice.detachedHead=false", "checkout", "--quiet", commit), target),
    ):
        done = _git(*args, cwd=cwd)
        if done.returncode:
            sys.exit(f"blind_replay: {repo} at {commit}: {done.stderr.strip()}")
    if repo in SITE_CONFIG:
        (target / "openaccess.toml").write_text(SITE_CONFIG[repo], encoding="utf-8")
    return target


def todays_findings(site: Path, folder: str, saved: Path) -> list[dict]:
    """Today's findings in the trial's folder of ``site``, run once and kept in ``saved``."""
    if not saved.is_file():
        done = subprocess.run(
            [sys.executable, "-m", "openaccess", "check", "--no-cache", "--format", "json", "."],
            cwd=site / folder, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode not in (0, 1):
            sys.exit(f"blind_replay: openaccess check failed in {site / folder}: {done.stderr}")
        saved.write_text(done.stdout, encoding="utf-8")
    return json.loads(saved.read_text(encoding="utf-8"))["diagnostics"]


def still_reported(row: dict, findings: list[dict]) -> bool:
    """Whether today's findings hold the judged one: the same rule at the same file and
    line; for a once-a-page rule, anywhere on the page."""
    same_page = [f for f in findings if f["rule"] == row["rule"] and f["path"] == row["file"]]
    return any(f["line"] == row["line"] for f in same_page) or (
        row["rule"] in PAGE_RULES and bool(same_page)
    )


def replay(rows: list[dict], mirror: Path, work: Path) -> list[tuple[dict, bool]]:
    findings: dict[tuple[str, str, str], list[dict]] = {}
    for repo, commit, folder in sorted({(r["repo"], r["commit"], _folder(r)) for r in rows}):
        site = checkout(mirror, work, repo, commit)
        saved = work / "runs" / f"{site.name}@{folder.replace('/', '_')}.json"
        saved.parent.mkdir(parents=True, exist_ok=True)
        findings[repo, commit, folder] = todays_findings(site, folder, saved)
        print(f"checked {repo} at {commit[:10]} ({folder})", file=sys.stderr)
    return [
        (row, still_reported(row, findings[row["repo"], row["commit"], _folder(row)]))
        for row in rows
    ]


def table(results: list[tuple[dict, bool]]) -> str:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row, now in results:
        counts[row["rule"]].update(
            judged=1, now=int(now), true_now=int(now and row["verdict"] in TRUE)
        )
    lines = [
        "| Rule | Judged | Reported now | True now | Precision now |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    total: Counter[str] = Counter()
    for rule, count in sorted(counts.items()):
        total.update(count)
        lines.append(_row(rule, count))
    lines.append(_row("all", total))
    return "\n".join(lines)


def _row(name: str, count: Counter[str]) -> str:
    share = f"{100 * count['true_now'] / count['now']:.0f}%" if count["now"] else "-"
    return f"| {name} | {count['judged']} | {count['now']} | {count['true_now']} | {share} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: every blind trial")
    parser.add_argument("--mirror", type=Path, required=True, help="bare clones of the sites")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "blind-replay")
    options = parser.parse_args()
    rows = judged_rows(options.files or TRIALS)
    print(table(replay(rows, options.mirror, options.work)))


if __name__ == "__main__":
    main()
