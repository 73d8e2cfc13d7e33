"""``check --max-grade-increase N``: fail CI when a page got harder, not because it is hard.

Pages are compared with a baseline (a JSON report or a git commit); a page that is new,
was not scored before or is not scored now cannot regress, so an already hard page passes
as long as it does not get harder by more than N grades. Only Flesch-Kincaid grades
(English pages) are compared: other languages' formulas are not on a grade scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from openaccess.config import Config
from openaccess.errors import UsageError
from openaccess.report.model import FLESCH_KINCAID, format_delta


class Regression(Struct, frozen=True):
    path: str
    before: float
    after: float

    def message(self, allowed: float) -> str:
        return (
            f"{self.path}: grade {format_delta(self.before, self.after)}, more than the"
            f" allowed +{allowed:g} (--max-grade-increase)"
        )


def grade_regressions(
    paths: Sequence[Path], config: Config, baseline: str, allowed: float
) -> list[Regression]:
    """Pages whose Flesch-Kincaid grade rose by more than ``allowed`` since ``baseline``
    (a report file written by ``report --format json``, or a git commit, branch or tag)."""
    from openaccess.report.build import build_report, git_baseline, load_baseline

    if allowed < 0:
        raise UsageError("--max-grade-increase must be 0 or more")
    report, _ = build_report(paths, config)
    candidate = Path(baseline)
    if candidate.is_file() or candidate.suffix.lower() == ".json":
        report.baseline = load_baseline(candidate)
    else:
        report.baseline = git_baseline(baseline, report, config)
    found = []
    for page in report.sorted_pages():
        if page.formula != FLESCH_KINCAID:
            continue  # other formulas' scores are not grades
        delta = report.grade_delta(page)
        # The rise of the grades as shown (rounded), so the message and verdict agree.
        if delta is not None and round(round(delta[1], 1) - round(delta[0], 1), 1) > allowed:
            found.append(Regression(page.path, *delta))
    return found
