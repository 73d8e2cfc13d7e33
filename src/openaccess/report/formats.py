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

from openaccess.report.model import ABOVE, PageReport, Report, format_delta, section_name


def pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _grade(page: PageReport) -> str:
    return f"{page.grade:.1f}" if page.scored and page.grade is not None else "-"


def _ease(page: PageReport) -> str:
    return f"{page.reading_ease:.0f}" if page.scored and page.reading_ease is not None else "-"


def _minutes(page: PageReport) -> str:
    minutes = page.reading_minutes
    return "<1 min" if minutes < 1 else f"{minutes:.0f} min"


def _delta(report: Report, page: PageReport) -> str:
    delta = report.grade_delta(page)
    if delta is not None:
        return format_delta(*delta)
    if report.baseline is not None and page.path not in report.baseline:
        return "new page"
    return "-"


def _verdict(page: PageReport) -> str:
    return f"{page.verdict} ({page.target:g})" if page.scored else page.verdict


def render_terminal(report: Report, color: bool, width: int | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    if width is None:  # a file or pipe: wide enough that no path or change is folded
        longest = max((len(p.path) for p in report.pages), default=0)
        width = max(100, longest + (110 if report.baseline is not None else 85))
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width,
        highlight=False, soft_wrap=False,
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
        style = "bold red" if page.verdict == ABOVE else None
        row = [
            page.path, _grade(page), _ease(page), str(page.words), str(page.sentences),
            _minutes(page), _verdict(page),
        ]  # fmt: skip
        if report.baseline is not None:
            row.append(_delta(report, page))
        table.add_row(*row, style=style)
    console.print(table)
    summary = report.summary()
    console.print(
        f"{pages(summary['pages'])}, {summary['above_target']} above target,"
        f" {summary['words']} words; grade = Flesch-Kincaid (textstat {_textstat()}),"
        " time at 238 words/minute.",
        soft_wrap=True,
    )
    for page in report.sorted_pages():
        if not page.hardest:
            continue
        console.print()
        console.print(f"[bold]{page.path}[/bold]: hardest sentences", markup=True)
        for hard in page.hardest:
            reasons = "; ".join(hard.reasons)
            console.print(f"  {page.path}:{hard.line}: {reasons}", markup=False)
            wrapped = textwrap.fill(
                _shorten(hard.text, 300), max(width - 4, 40),
                initial_indent="    ", subsequent_indent="    ",
            )  # fmt: skip
            console.print(wrapped, markup=False, style="dim", soft_wrap=True)
        for heading, before, after in report.section_deltas(page):
            console.print(
                f"  section '{section_name(heading)}': grade {format_delta(before, after)}",
                markup=False,
            )
    return buffer.getvalue()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, no line breaks."""
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(report: Report) -> str:
    summary = report.summary()
    lines = [
        "## Readability report",
        "",
        f"{pages(summary['pages'])}, {summary['above_target']} above target,"
        f" {summary['words']} words. Grade: Flesch-Kincaid (textstat {_textstat()});"
        " reading time at 238 words per minute.",
        "",
    ]
    header = "| Page | Grade | Reading ease | Words | Sentences | Time | Verdict (target) |"
    rule = "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    if report.baseline is not None:
        header += " Change |"
        rule += " --- |"
    lines += [header, rule]
    for page in report.sorted_pages():
        cells = [
            _cell(page.path), _grade(page), _ease(page), str(page.words), str(page.sentences),
            _minutes(page), _verdict(page),
        ]  # fmt: skip
        if report.baseline is not None:
            cells.append(_delta(report, page))
        lines.append("| " + " | ".join(cells) + " |")
    for page in report.sorted_pages():
        if not page.hardest:
            continue
        lines += ["", f"### {_cell(page.path)}", "", "Hardest sentences:", ""]
        for hard in page.hardest:
            lines.append(
                f"- `{page.path}:{hard.line}` ({'; '.join(hard.reasons)}):"
                f" {_cell(_shorten(hard.text, 200))}"
            )
        changes = report.section_deltas(page)
        if changes:
            lines += ["", "Sections that changed:", ""]
            lines += [
                f"- {_cell(section_name(h))}: grade {format_delta(b, a)}" for h, b, a in changes
            ]
    return "\n".join(lines) + "\n"


def _textstat() -> str:
    from openaccess.text.engine import TEXTSTAT_VERSION

    return TEXTSTAT_VERSION


CSV_COLUMNS = [
    "path", "title", "language", "verdict", "grade", "reading_ease", "target", "target_source",
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
            hardest_grade=round(hardest.grade, 2) if hardest else "",
            grade_before=delta[0] if delta else "",
            grade_change=round(delta[1] - delta[0], 2) if delta else "",
        )
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
