"""Draw, show and score the labelled sample of prose findings (issue 12).

A careful editor judges findings drawn at random from a run on ``../shared/corpus``; the
verdicts live in ``tests/data/prose-sample.jsonl`` and ``tests/test_prose_sample.py``
fails when a finding judged true disappears, or one judged false comes back.

Usage (from the repository root)::

    python tools/prose_sample.py draw > /tmp/sample.jsonl      # seed 12, 40 to 65 per rule
    python tools/prose_sample.py show /tmp/sample.jsonl        # the unjudged, with context
    python tools/prose_sample.py precision                     # the table, from the labels

``draw`` keeps the verdicts of rows the labels file already has, so after a rule changes
only its new findings need judging. Each row: ``rule``, ``path`` (relative to the
corpus), ``line``, ``quote`` (the first words of the source at the finding, enough to
find it again), ``verdict`` (``true`` or ``false``), a one-line ``reason``, and ``now``:
whether today's rules still report it (a false finding with ``now`` false is a false
alarm a fix removed; it must not come back). Precision counts the rows reported now.
Corpus text is never copied beyond that short quote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "tests" / "data" / "prose-sample.jsonl"
PROSE_RULES = (
    "OA202", "OA204", "OA307", "OA501", "OA502", "OA503", "OA504", "OA505", "OA506",
    "OA507", "OA508",
)  # fmt: skip
OPT_IN_RULES = ("OA503",)  # not in a default run: drawn from a run that selects them
# Findings drawn per rule (all of them when a rule has fewer): more for the rules with the
# most ways to go wrong.
PER_RULE = {"OA506": 60, "OA503": 50, "OA501": 55, "OA505": 55, "OA507": 65, "OA502": 60}
DEFAULT_PER_RULE = 40
QUOTE_WORDS = 6


def corpus_findings(corpus: Path) -> list[dict]:
    """Every prose-rule finding of ``openaccess check`` on the corpus (default config, and
    the opt-in prose rules selected; paths relative to the corpus)."""
    found = []
    for select in ([], [f"--select={code}" for code in OPT_IN_RULES]):
        done = subprocess.run(
            [sys.executable, "-m", "openaccess", "check", "--format", "json", "--no-cache",
             *select, "."],
            cwd=corpus, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode not in (0, 1):
            sys.exit(f"openaccess check failed: {done.stderr.strip()}")
        found += [d for d in json.loads(done.stdout)["diagnostics"] if d["rule"] in PROSE_RULES]
    return found


def quote_at(corpus: Path, path: str, line: int, column: int) -> str:
    """The first words of the source from ``line:column``: how a finding is found again."""
    text = (corpus / path).read_text(encoding="utf-8-sig", errors="replace")
    lines = text.splitlines()
    rest = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    return " ".join(rest.split()[:QUOTE_WORDS])


def draw(corpus: Path, seed: int, labels: list[dict]) -> list[dict]:
    """The sample: per rule, the findings that rank first by the hash of the seed and
    where they are; a row the labels already judge keeps its verdict."""
    judged = {_key(row): row for row in labels}
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for finding in corpus_findings(corpus):
        by_rule[finding["rule"]].append(finding)
    rows = []
    for rule in PROSE_RULES:
        found = [
            {
                "rule": rule,
                "path": finding["path"],
                "line": finding["line"],
                "quote": quote_at(corpus, finding["path"], finding["line"], finding["column"]),
                "message": finding["message"],
            }
            for finding in by_rule[rule]
        ]
        # A random order that stays put when other findings come and go: a finding's
        # rank is the hash of the seed and where it is, so a fix that removes a few
        # findings leaves the rest of the sample (and its verdicts) in place.
        found.sort(key=lambda row: _rank(seed, row))
        for row in found[: PER_RULE.get(rule, DEFAULT_PER_RULE)]:
            if (earlier := judged.get(_key(row))) is not None:
                row.update(verdict=earlier["verdict"], reason=earlier["reason"])
            rows.append(row)
    return rows


def _key(row: dict) -> tuple[str, str, int, str]:
    return row["rule"], row["path"], row["line"], row["quote"]


def _rank(seed: int, row: dict) -> str:
    key = f"{seed}|{row['rule']}|{row['path']}|{row['line']}|{row['quote']}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def show(rows: list[dict], corpus: Path) -> None:
    """Each finding not judged yet, with the lines around it, for a person to judge."""
    for number, row in enumerate(rows):
        if "verdict" in row:
            continue
        lines = (corpus / row["path"]).read_text(encoding="utf-8-sig").splitlines()
        start, end = max(row["line"] - 3, 0), min(row["line"] + 3, len(lines))
        print(f"#{number} {row['rule']} {row['path']}:{row['line']} {row.get('message', '')}")
        for index in range(start, end):
            marker = ">" if index == row["line"] - 1 else " "
            print(f"  {marker} {lines[index][:220]}")
        print()


def precision(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """rule -> (judged true, sampled), over the rows today's rules report."""
    sampled, true = Counter(), Counter()
    for row in rows:
        if not row.get("now", True):
            continue
        sampled[row["rule"]] += 1
        true[row["rule"]] += row["verdict"] == "true"
    return {rule: (true[rule], sampled[rule]) for rule in sorted(sampled)}


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("draw", "show", "precision"))
    parser.add_argument("file", nargs="?", type=Path, default=LABELS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if args.command == "draw":
        labels = read_rows(LABELS) if LABELS.is_file() else []
        for row in draw(args.corpus, args.seed, labels):
            print(json.dumps(row, ensure_ascii=False))
    elif args.command == "show":
        show(read_rows(args.file), args.corpus)
    else:
        print("| rule | sampled | judged true | precision |")
        print("| --- | ---: | ---: | ---: |")
        for rule, (true, sampled) in precision(read_rows(args.file)).items():
            note = " (opt-in)" if rule in OPT_IN_RULES else ""
            print(f"| {rule}{note} | {sampled} | {true} | {true / sampled:.0%} |")


if __name__ == "__main__":
    main()
