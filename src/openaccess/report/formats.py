"""Text formats of a report: terminal (rich), Markdown, CSV and JSON.

Every format says the same things in the same order: pages hardest first, then each
page's hardest sentences with ``path:line`` and why. Meaning is never carried by colour
alone: verdicts are words, so the terminal output reads the same without colour.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap

from openaccess.printable import clean_line, clean_lines
from openaccess.report.model import MISSED, PageReport, Report, format_delta, section_name


def pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _grade(page: PageReport) -> str:
    return f"{page.grade:.1f}" if page.scored and page.grade is not None else "-"


def _ease(page: PageReport) -> str:
    return f"{page.reading_ease:.0f}" if page.scored and page.reading_ease is not None else "-"


def _minutes(page: PageReport) -> str:
    if not page.counted:
        return "-"
    minutes = page.reading_minutes
    return "<1 min" if minutes < 1 else f"{minutes:.0f} min"


def _counts(page: PageReport) -> list[str]:
    """Words and sentences, or "-" where they were not counted (not "0": it has words)."""
    return [str(page.words), str(page.sentences)] if page.counted else ["-", "-"]


def _delta(report: Report, page: PageReport) -> str:
    delta = report.grade_delta(page)
    if delta is not None:
        return format_delta(*delta)
    if report.baseline is not None and page.path not in report.baseline:
        return "new page"
    return "-"


def _verdict(page: PageReport) -> str:
    return f"{page.verdict} ({page.target:g})" if page.scored else page.verdict


# What the terminal and Markdown reports say when no page was scored (for example
# 'report --changed-since REF' on a pull request that changed no page), not an empty table.
NO_PAGES = "No pages to score."


def render_terminal(report: Report, color: bool, width: int | None = None) -> str:
    if not report.pages:
        return NO_PAGES + "\n"
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    if width is None:  # a file or pipe: wide enough that no path or change is folded
        longest = max((len(p.path) for p in report.pages), default=0)
        width = max(100, longest + (110 if report.baseline is not None else 85))
    # Page paths and sentences are text, never markup or ':emoji:' codes ('a:100:b.md').
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width,
        highlight=False, soft_wrap=False, markup=False, emoji=False,
    )  # fmt: skip
    table = Table(title="Readability, hardest pages first", title_justify="left")
    for name, justify in [
        ("Page", "left"), ("Grade", "right"), ("Ease", "right"), ("Words", "right"),
        ("Sentences", "right"), ("Time", "right"), ("Verdict (target)", "left"),
    ]:  # fmt: skip
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    if report.baseline is not None:
        table.add_column("Change", overflow="fold")
    for page in report.sorted_pages():
        style = "bold red" if page.verdict in MISSED else None
        row = [
            clean_line(page.path), _grade(page), _ease(page), *_counts(page), _minutes(page),
            _verdict(page),
        ]  # fmt: skip
        if report.baseline is not None:
            row.append(_delta(report, page))
        table.add_row(*row, style=style)
    console.print(table)
    summary = report.summary()
    console.print(
        f"{pages(summary['pages'])}, {summary['above_target']} missing their target,"
        f" {summary['words']} words; grade = the language's formula (English:"
        f" Flesch-Kincaid; textstat {_textstat()}), time at 238 words/minute.",
        soft_wrap=True,
    )
    for page in report.sorted_pages():
        if not page.hardest:
            continue
        console.print()
        label = page.sentences_heading.lower()
        console.print(Text.assemble((clean_line(page.path), "bold"), f": {label}"))
        for hard in page.hardest:
            reasons = "; ".join(hard.reasons)
            console.print(clean_line(f"  {page.path}:{hard.line}: {reasons}"), markup=False)
            wrapped = textwrap.fill(
                clean_line(_shorten(hard.text, 300)), max(width - 4, 40),
                initial_indent="    ", subsequent_indent="    ",
            )  # fmt: skip
            console.print(clean_lines(wrapped), markup=False, style="dim", soft_wrap=True)
        for heading, before, after in report.section_deltas(page):
            console.print(
                clean_line(
                    f"  section '{section_name(heading)}': grade {format_delta(before, after)}"
                ),
                markup=False,
            )
    return buffer.getvalue()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, no line breaks, nothing a terminal or a CI
    log would obey (:func:`clean_line`)."""
    return clean_line(" ".join(text.split())).replace("|", "\\|")


MARKDOWN_LIMIT = 60_000  # characters: a GitHub comment holds 65,536


def render_markdown(report: Report, max_chars: int | None = MARKDOWN_LIMIT) -> str:
    """The report as Markdown for a pull-request comment: pages hardest first, cut to
    ``max_chars`` (None: the whole report) with a last line naming how many pages were
    left out, so it always fits where it is posted."""
    if not report.pages:
        return f"## Readability report\n\n{NO_PAGES}\n"
    summary = report.summary()
    head = [
        "## Readability report",
        "",
        f"{pages(summary['pages'])}, {summary['above_target']} missing their target,"
        f" {summary['words']} words. Grade: the language's formula (English: Flesch-Kincaid;"
        f" textstat {_textstat()}); reading time at 238 words per minute.",
        "",
    ]
    header = "| Page | Grade | Reading ease | Words | Sentences | Time | Verdict (target) |"
    rule = "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    if report.baseline is not None:
        header += " Change |"
        rule += " --- |"
    head += [header, rule]
    ordered = report.sorted_pages()
    rows = [_markdown_row(report, page) for page in ordered]
    details = [_markdown_details(report, page) for page in ordered]
    shown = len(ordered)
    if max_chars is not None:
        shown = _pages_that_fit(head, rows, details, max_chars)
    lines = head + rows[:shown]
    if shown < len(ordered):
        lines += ["", _left_out(len(ordered) - shown)]
    for block in details[:shown]:
        lines += block
    return "\n".join(lines) + "\n"


def _left_out(count: int) -> str:
    return (
        f"… and {pages(count)} more (easier ones), left out to fit a comment; the json, csv"
        " and html formats have every page."
    )


def _pages_that_fit(head: list[str], rows: list[str], details: list[list[str]], limit: int) -> int:
    """How many of the hardest pages fit in ``limit`` characters with the closing line."""
    used = sum(len(line) + 1 for line in head)
    room = limit - used - len(_left_out(len(rows))) - 3
    for count, (row, block) in enumerate(zip(rows, details, strict=True)):
        cost = len(row) + 1 + sum(len(line) + 1 for line in block)
        if cost > room:
            return count
        room -= cost
    return len(rows)


def _markdown_row(report: Report, page: PageReport) -> str:
    cells = [
        _cell(page.path), _grade(page), _ease(page), *_counts(page), _minutes(page),
        _verdict(page),
    ]  # fmt: skip
    if report.baseline is not None:
        cells.append(_delta(report, page))
    return "| " + " | ".join(cells) + " |"


def _markdown_details(report: Report, page: PageReport) -> list[str]:
    if not page.hardest:
        return []
    lines = ["", f"### {_cell(page.path)}", "", f"{page.sentences_heading}:", ""]
    for hard in page.hardest:
        lines.append(
            f"- `{clean_line(page.path)}:{hard.line}` ({'; '.join(hard.reasons)}):"
            f" {_cell(_shorten(hard.text, 200))}"
        )
    changes = report.section_deltas(page)
    if changes:
        lines += ["", "Sections that changed:", ""]
        lines += [f"- {_cell(section_name(h))}: grade {format_delta(b, a)}" for h, b, a in changes]
    return lines


def _textstat() -> str:
    from openaccess.text.engine import TEXTSTAT_VERSION

    return TEXTSTAT_VERSION


CSV_COLUMNS = [
    "path", "title", "language", "verdict", "formula", "grade", "reading_ease", "target",
    "target_source",
    "words", "sentences", "syllables", "reading_minutes", "passive_sentences",
    "hardest_line", "hardest_grade", "grade_before", "grade_change",
]  # fmt: skip


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for page in report.sorted_pages():
        item = page.to_dict()
        hardest = page.hardest[0] if page.hardest else None
        delta = report.grade_delta(page)
        row = {key: item.get(key) for key in CSV_COLUMNS if key in item}
        row.update(
            hardest_line=hardest.line if hardest else "",
            hardest_grade=round(hardest.grade, 2) if hardest and hardest.grade is not None else "",
            grade_before=delta[0] if delta else "",
            grade_change=round(delta[1] - delta[0], 2) if delta else "",
        )
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return buffer.getvalue()


# A cell a spreadsheet would read as a formula (``=HYPERLINK(...)`` in a page's title).
_FORMULA_START = ("=", "+", "-", "@")


def _csv_value(value: object) -> object:
    """A cell as one clean line: a title's line break would start a new line of output,
    and a CI log obeys a line that starts with ``::`` (:func:`clean_line`). Text that a
    spreadsheet would run as a formula gets a leading ``'``, as OWASP advises for CSV."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = clean_line(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
