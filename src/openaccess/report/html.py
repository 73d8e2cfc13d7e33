"""The HTML report: one self-contained, accessible file (no scripts, no external files).

Structure: a header, a navigation list of pages, and a main landmark with the summary
table, two inline SVG charts (grade per page against the target; sentence lengths), each
with a text alternative and a data table, then every page's text with its hard and very
hard sentences, long paragraphs and plain-word suggestions marked. Marks never rely on
colour: each one starts with a text label ("Very hard:") and ends with its reason, and
the two sentence levels also differ in border style. Colours meet WCAG contrast (4.5:1 for
text, 3:1 for chart marks against white).

The report quotes the pages it scores. Every quoted sentence and the marked text are a
``<blockquote>`` in a ``<figure>`` whose ``<figcaption>`` names the page in ``<cite>``:
HTML's markup for a quotation and its source. Screen readers announce the quotation,
and openaccess's own prose rules read it as someone else's words, so a report checked
by openaccess is not asked to rewrite the pages it quotes.
"""

from __future__ import annotations

import hashlib
import re
from html import escape as _escape
from typing import TYPE_CHECKING

from openaccess.report.formats import pages
from openaccess.report.model import (
    FLESCH_KINCAID,
    MISSED,
    Limits,
    PageReport,
    Report,
    format_delta,
    very_hard,
)
from openaccess.text.engine import TEXTSTAT_VERSION

if TYPE_CHECKING:
    from openaccess.text.analysis import Sentence

# Characters HTML forbids (C0 controls other than whitespace, DEL, C1, noncharacters:
# U+FDD0 to U+FDEF and the last two code points of every plane).
_NONCHARACTERS = "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}]")


# Page text never starts a line of the file (written to standard output in CI, a line
# starting with "::" is a workflow command, and "##[" anywhere an old-style one); the
# character references read the same in every browser.
_LINE_SAFE = str.maketrans({"\n": "&#10;", "\r": "&#13;"})


def escape(text: str) -> str:
    """HTML-escaped text with characters HTML forbids replaced, so the file always parses."""
    escaped = _escape(_FORBIDDEN.sub("\ufffd", text)).translate(_LINE_SAFE)
    return escaped.replace("##[", "#&#35;[")


CHART_PAGES = 40  # the grade chart shows the hardest pages; the table lists them all
LENGTH_BUCKETS = [(1, 10), (11, 15), (16, 20), (21, 25), (26, 30), (31, 40), (41, None)]
HARD_GRADE = 10.0  # Hemingway's "hard" level; "very hard" is the hard-sentence rule's test

STYLE = """
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; }
header, main, nav, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
a { color: #0b57d0; }
a:focus, summary:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
table { border-collapse: collapse; margin: 1rem 0; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #6b6b6b; padding: 0.25rem 0.5rem; text-align: left; }
th, td { vertical-align: top; }
td.num, th.num { text-align: right; }
.verdict-above { font-weight: bold; }
mark { color: #1a1a1a; padding: 0 0.1em; }
mark.very-hard { background: #fdd8d8; border-bottom: 3px solid #a50e0e; }
mark.hard { background: #fff0b3; border-bottom: 2px dashed #7a5b00; }
mark.plain { background: #dbe8ff; border-bottom: 2px dotted #0b3d91; }
.label { font-weight: bold; }
.why { font-style: italic; }
.long-paragraph { border-left: 4px double #1a1a1a; padding-left: 0.75rem; }
figure.quotation { margin: 0.5rem 0; }
figure.quotation blockquote { margin: 0; padding-left: 0.75rem; border-left: 3px solid #6b6b6b; }
figure.quotation figcaption { margin: 0.25rem 0; }
.note { font-weight: bold; }
figure { margin: 1rem 0; }
.legend li { margin: 0.25rem 0; }
.scroll { overflow-x: auto; max-width: 100%; margin: 1rem 0; }
.scroll:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.scroll table, .scroll svg { margin: 0; }
h1, h2, h3, h4, nav a, th, td, figcaption, blockquote { overflow-wrap: anywhere; }
"""


def _scroll(label_id: str, content: str) -> str:
    """A labelled, focusable region that scrolls sideways when ``content`` is wider than
    the screen: the page itself reflows at 320 px (WCAG 1.4.10), and keyboard users can
    scroll the region (tables and charts keep their layout and readable text)."""
    return (
        f'<div class="scroll" role="region" aria-labelledby="{label_id}" tabindex="0">'
        f"{content}</div>"
    )


def render_html(report: Report) -> str:
    title = "Readability report"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f'<meta name="description" content="{escape(_description(report))}">',
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<header><p><a href="#main">Skip to the report</a></p>'
        f"<h1>{title}</h1>{_summary_sentence(report)}</header>",
        _navigation(report),
        '<main id="main" tabindex="-1">',
        _legend(report),
        _summary_table(report),
        _grade_chart(report),
        _length_chart(report),
        *(_page_article(report, page, n) for n, page in enumerate(report.sorted_pages(), 1)),
        "</main>",
        f"<footer><p>Made by openaccess with textstat {TEXTSTAT_VERSION}. Grade: the"
        " language's formula (English: Flesch-Kincaid); reading time at 238 words per"
        " minute.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _description(report: Report) -> str:
    """The report in one line, for the file's ``<meta name="description">``: what a search
    result or a link preview shows."""
    s = report.summary()
    return (
        f"Readability of {pages(s['pages'])} ({s['above_target']} missing their target):"
        " each page's grade, hardest sentences and text with its hard parts marked."
    )


def _summary_sentence(report: Report) -> str:
    s = report.summary()
    mean = (
        f" The average grade, weighted by words, is {s['mean_grade']:.1f}."
        if s["mean_grade"]
        else ""
    )
    compared = (
        f" Changes are against {escape(report.baseline_name)}." if report.baseline_name else ""
    )
    return (
        f"<p>{pages(s['pages'])}, {s['above_target']} missing their target,"
        f" {s['words']} words.{mean}{compared}</p>"
    )


def _navigation(report: Report) -> str:
    items = "".join(
        f'<li><a href="#page-{n}">{escape(page.path)}</a></li>'
        for n, page in enumerate(report.sorted_pages(), 1)
    )
    return f'<nav aria-label="Pages"><h2>Pages</h2><ol>{items}</ol></nav>'


def _long_words(grade: float) -> str:
    """What the legend adds when the hard-sentence rule also asks for long words."""
    return f", long words (grade {grade:g} or more from its words)," if grade else ""


def _legend(report: Report) -> str:
    limits = report.limits
    return (
        '<section aria-labelledby="legend"><h2 id="legend">How to read this report</h2>'
        '<ul class="legend">'
        f'<li><mark class="very-hard"><span class="label">Very hard:</span> a sentence</mark>'
        f" has {limits.hard_words} or more words{_long_words(limits.hard_grade)} and is"
        f" wordy (English pages). It shows signs of wordy writing in {limits.hard_signs} or"
        " more places: wordy phrases, or nouns made from verbs in a verb's place. Or it has"
        ' empty words before its point, such as "it is important to".</li>'
        f'<li><mark class="hard"><span class="label">Hard:</span> a sentence</mark> has more'
        f" than {limits.long_sentence} words, or {limits.hard_words} or more words whose words"
        f" give it a grade of {HARD_GRADE:g} or more.</li>"
        '<li><mark class="plain">a word</mark> <span class="why">(plainer: another)</span>'
        " has a plainer word that means the same, shown after it.</li>"
        f'<li>A paragraph with a double line on its left and the note "Long paragraph" has more'
        f" than {limits.long_paragraph} words.</li>"
        "</ul><p>Grade is the page's score on its language's formula. For English, that is"
        " the Flesch-Kincaid grade, in US school years. The guide lists the formulas of"
        " other languages. On an ease formula, a higher score is easier. Reading ease is"
        " Flesch's score, from 0 (very hard) to 100 (very easy).</p>"
        "<p>The text of each page is quoted, with the page named above the quotation."
        " Quotations inside a page count in its grade but are not marked.</p>"
        "</section>"
    )


def _grade(page: PageReport) -> str:
    return f"{page.grade:.1f}" if page.scored and page.grade is not None else "not scored"


def _summary_table(report: Report) -> str:
    change = report.baseline is not None
    head = (
        "<tr><th scope='col'>Page</th><th scope='col' class='num'>Grade</th>"
        "<th scope='col' class='num'>Target</th><th scope='col' class='num'>Reading ease</th>"
        "<th scope='col' class='num'>Words</th><th scope='col' class='num'>Sentences</th>"
        "<th scope='col' class='num'>Minutes</th><th scope='col'>Verdict</th>"
        + ("<th scope='col'>Change</th>" if change else "")
        + "</tr>"
    )
    rows = []
    for n, page in enumerate(report.sorted_pages(), 1):
        ease = f"{page.reading_ease:.0f}" if page.scored and page.reading_ease is not None else "-"
        verdict_class = " class='verdict-above'" if page.verdict in MISSED else ""
        delta = report.grade_delta(page)
        change_cell = ""
        if change:
            text = (
                format_delta(*delta)
                if delta
                else ("new page" if page.path not in (report.baseline or {}) else "-")
            )
            change_cell = f"<td>{escape(text)}</td>"
        counts = (
            (str(page.words), str(page.sentences), f"{page.reading_minutes:.1f}")
            if page.counted
            else ("-", "-", "-")
        )
        rows.append(
            f"<tr><th scope='row'><a href='#page-{n}'>{escape(page.path)}</a></th>"
            f"<td class='num'>{_grade(page)}</td><td class='num'>{page.target:g}</td>"
            f"<td class='num'>{ease}</td><td class='num'>{counts[0]}</td>"
            f"<td class='num'>{counts[1]}</td><td class='num'>{counts[2]}</td>"
            f"<td{verdict_class}>{escape(page.verdict)}</td>{change_cell}</tr>"
        )
    return (
        '<section aria-labelledby="pages-table"><h2 id="pages-table">Pages, hardest first</h2>'
        + _scroll(
            "pages-caption",
            "<table><caption id='pages-caption'>Readability of each page</caption>"
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>",
        )
        + "</section>"
    )


def _grade_chart(report: Report) -> str:
    scored = [
        p
        for p in report.sorted_pages()
        if p.scored and p.grade is not None and p.formula == FLESCH_KINCAID
    ][:CHART_PAGES]
    if not scored:
        return ""
    bar_height, gap, label_width, chart_width = 22, 8, 260, 420
    top = max([*(p.grade or 0 for p in scored), *(p.target for p in scored), 1.0])
    scale = chart_width / (top * 1.1)
    height = len(scored) * (bar_height + gap) + 40
    shapes = []
    for i, page in enumerate(scored):
        y = 10 + i * (bar_height + gap)
        width = max((page.grade or 0.0) * scale, 1.0)
        above = page.verdict in MISSED
        fill = "#a50e0e" if above else "#1f5f3a"
        name = page.path if len(page.path) <= 36 else "…" + page.path[-35:]
        shapes.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" font-size="13"'
            f' fill="#1a1a1a">{escape(name)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{bar_height}"'
            f' fill="{fill}"/>'
            f'<text x="{label_width + width + 4:.1f}" y="{y + 16}" font-size="13"'
            f' fill="#1a1a1a">{page.grade:.1f}{" above" if above else ""}</text>'
        )
        target_x = label_width + page.target * scale
        shapes.append(
            f'<line x1="{target_x:.1f}" x2="{target_x:.1f}" y1="{y - 2}" y2="{y + bar_height + 2}"'
            ' stroke="#1a1a1a" stroke-width="2" stroke-dasharray="4 2"/>'
        )
    above = sum(1 for p in scored if p.verdict in MISSED)
    summary = (
        f"Bar chart of the Flesch-Kincaid grade of the {len(scored)} hardest scored English"
        f" page{'s' if len(scored) != 1 else ''}."
        f" {above} of them {'is' if above == 1 else 'are'} above their target. Each bar has a"
        " dashed line at the page's target, and the word above after the grade when it is"
        " above."
    )
    rows = "".join(
        f"<tr><th scope='row'>{escape(p.path)}</th><td class='num'>{p.grade:.1f}</td>"
        f"<td class='num'>{p.target:g}</td><td>{escape(p.verdict)}</td></tr>"
        for p in scored
    )
    width_total = label_width + chart_width + 80
    return (
        '<section aria-labelledby="grade-chart"><h2 id="grade-chart">Grade of each page</h2>'
        "<figure>"
        + _scroll(
            "grade-chart-title",
            f'<svg role="img" aria-labelledby="grade-chart-title grade-chart-desc"'
            f' viewBox="0 0 {width_total} {height}" width="{width_total}" height="{height}"'
            ' xmlns="http://www.w3.org/2000/svg">'
            f'<title id="grade-chart-title">Grade of each page against its target</title>'
            f'<desc id="grade-chart-desc">{escape(summary)}</desc>{"".join(shapes)}</svg>',
        )
        + f"<figcaption>{escape(summary)} The table below has the same data.</figcaption>"
        "</figure>"
        + _scroll(
            "grade-data-caption",
            "<table><caption id='grade-data-caption'>Grade of each page (chart data)</caption>"
            "<thead><tr><th scope='col'>Page</th><th scope='col' class='num'>Grade</th>"
            "<th scope='col' class='num'>Target</th><th scope='col'>Verdict</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>",
        )
        + "</section>"
    )


def _bucket_label(low: int, high: int | None) -> str:
    return f"{low} or more words" if high is None else f"{low} to {high} words"


def _length_chart(report: Report) -> str:
    lengths = [n for page in report.pages for n in page.sentence_lengths]
    if not lengths:
        return ""
    counts = [
        sum(1 for n in lengths if n >= low and (high is None or n <= high))
        for low, high in LENGTH_BUCKETS
    ]
    most = max(counts) or 1
    bar_width, gap, chart_height = 60, 16, 200
    shapes = []
    for i, ((low, high), count) in enumerate(zip(LENGTH_BUCKETS, counts, strict=True)):
        x = 40 + i * (bar_width + gap)
        height = count / most * chart_height
        long_bucket = low > report.limits.long_sentence
        fill = "#a50e0e" if long_bucket else "#1f5f3a"
        label = f"{low}+" if high is None else f"{low}-{high}"
        shapes.append(
            f'<rect x="{x}" y="{20 + chart_height - height:.1f}" width="{bar_width}"'
            f' height="{max(height, 1):.1f}" fill="{fill}"/>'
            f'<text x="{x + bar_width / 2}" y="{14 + chart_height - height:.1f}"'
            f' text-anchor="middle" font-size="13" fill="#1a1a1a">{count}</text>'
            f'<text x="{x + bar_width / 2}" y="{chart_height + 38}" text-anchor="middle"'
            f' font-size="13" fill="#1a1a1a">{label}</text>'
        )
    long_count = sum(1 for n in lengths if n > report.limits.long_sentence)
    summary = (
        f"Column chart of {_count(len(lengths), 'sentence')} by length in words."
        f" {_count(long_count, 'sentence')} ({long_count / len(lengths):.0%})"
        f" {'has' if long_count == 1 else 'have'} more than {report.limits.long_sentence} words."
    )
    rows = "".join(
        f"<tr><th scope='row'>{_bucket_label(low, high)}</th><td class='num'>{count}</td></tr>"
        for (low, high), count in zip(LENGTH_BUCKETS, counts, strict=True)
    )
    width = 40 + len(LENGTH_BUCKETS) * (bar_width + gap)
    return (
        '<section aria-labelledby="length-chart"><h2 id="length-chart">Sentence lengths</h2>'
        "<figure>"
        + _scroll(
            "length-chart-title",
            f'<svg role="img" aria-labelledby="length-chart-title length-chart-desc"'
            f' viewBox="0 0 {width} {chart_height + 50}" width="{width}"'
            f' height="{chart_height + 50}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="length-chart-title">Sentences by length</title>'
            f'<desc id="length-chart-desc">{escape(summary)}</desc>{"".join(shapes)}</svg>',
        )
        + f"<figcaption>{escape(summary)} The table below has the same data.</figcaption>"
        "</figure>"
        + _scroll(
            "length-data-caption",
            "<table><caption id='length-data-caption'>Sentences by length (chart data)"
            "</caption><thead><tr><th scope='col'>Length</th>"
            "<th scope='col' class='num'>Sentences</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>",
        )
        + "</section>"
    )


def _page_article(report: Report, page: PageReport, number: int) -> str:
    heading = f"page-{number}"
    facts = _facts(page)
    delta = report.grade_delta(page)
    if delta:
        facts += f"<p>Change: grade {escape(format_delta(*delta))}.</p>"
    hardest = ""
    own = language_attributes(page.language)
    if page.hardest:
        key = sentence_key(page.path)
        link = page.marked_html is not None or page.text is not None
        items = "".join(
            "<li>"
            + _quotation(
                f"<p{own}>{escape(h.text)}</p>",
                f"{_line_link(key, h.index, h.line) if link else f'Line {h.line}'} of"
                f" {_cite(page)}: {escape('; '.join(h.reasons))}.",
            )
            + "</li>"
            for h in page.hardest
        )
        hardest = f"<h3 id='{heading}-hardest'>{page.sentences_heading}</h3><ol>{items}</ol>"
    body = page.marked_html
    if body is None:
        body = marked_text(page, report.limits, report.swaps)
    return (
        f'<article aria-labelledby="{heading}"><h2 id="{heading}">{escape(page.path)}'
        f"{': ' + _own_words(escape(page.title), own) if page.title else ''}</h2>"
        f"{facts}{hardest}{body}</article>"
    )


def _own_words(text: str, own: str) -> str:
    """The page's own words, in a span that carries its language when that is not English."""
    return f"<span{own}>{text}</span>" if own else text


def _facts(page: PageReport) -> str:
    """The page's numbers in a sentence. A grade is "Grade"; a score on an ease formula
    (Spanish's Fernández Huerta...) is a reading ease, where higher is easier."""
    if not page.counted:
        return f"<p>Not scored. Verdict: {escape(page.verdict)}.</p>"
    minutes = max(round(page.reading_minutes), 1)
    target = f"target {page.target:g}, {escape(page.target_source)}"
    if not page.scored or page.grade is None:
        score = f"Not scored ({target})"
    elif page.harder_is_higher:
        score = f"Grade {_grade(page)} ({target})"
    else:
        score = f"Reading ease {_grade(page)} ({target}; higher is easier)"
    return (
        f"<p>{score}, {_count(page.words, 'word')} in {_count(page.sentences, 'sentence')},"
        f" about {minutes} minute{'s' if minutes > 1 else ''} to read."
        f" Verdict: {escape(page.verdict)}.</p>"
    )


def _cite(page: PageReport) -> str:
    return f"<cite>{escape(page.path)}</cite>"


def _quotation(quoted: str, caption: str, own: str = "") -> str:
    """Text of a page, quoted. The caption comes first, so a reader knows what follows:
    it names the page (``<cite>``) and says why the text is quoted. ``own``: the page's
    language attributes, for a page not in English."""
    return (
        f'<figure class="quotation"><figcaption>{caption}</figcaption>'
        f"<blockquote{own}>{quoted}</blockquote></figure>"
    )


# Languages written right to left (their primary subtags).
_RIGHT_TO_LEFT = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
)


def language_attributes(language: str) -> str:
    """``lang`` (and ``dir`` for a right-to-left script) for a page's own words inside
    this English report, so a screen reader reads Spanish as Spanish (WCAG 3.1.2);
    nothing for an English page."""
    tag = language.replace("_", "-")
    primary = tag.split("-")[0].lower()
    if not primary or primary == "en":
        return ""
    direction = ' dir="rtl"' if primary in _RIGHT_TO_LEFT else ""
    return f' lang="{escape(tag)}"{direction}'


def marked_text(page: PageReport, limits: Limits, swaps: dict[str, dict[str, str]]) -> str:
    """The page's prose as HTML, sections as ``h4``, with every mark explained in words:
    a quotation of the page, named by its caption."""
    text = page.text
    if text is None or not text.paragraphs or page.page is None:
        return ""
    from openaccess.text.style import plain_words

    finder = plain_words(swaps.get(text.language.split("_")[0], {}))
    english = page.formula == FLESCH_KINCAID
    key = sentence_key(page.path)
    linked = {hard.index for hard in page.hardest}
    own = language_attributes(page.language)
    parts = []
    current_section = -1
    for paragraph in text.paragraphs:
        if paragraph.section != current_section:
            current_section = paragraph.section
            section = text.sections[current_section]
            if section.heading is not None:
                parts.append(f"<h4>{escape(section.heading)}</h4>")
        sentences = " ".join(
            f'<span id="{key}-s{i}">{_sentence(limits, text.sentences[i], finder, english)}</span>'
            if i in linked
            else _sentence(limits, text.sentences[i], finder, english)
            for i in paragraph.sentences
        )
        line = page.page.position(paragraph.start)[0]
        if paragraph.words > limits.long_paragraph:
            parts.append(
                f"<div class='long-paragraph'><p class='note'{_ENGLISH if own else ''}>"
                f"Long paragraph at line {line}:"
                f" {paragraph.words} words (over {limits.long_paragraph}).</p>"
                f"<p>{sentences}</p></div>"
            )
        else:
            parts.append(f"<p>{sentences}</p>")
    caption = f"The text of {_cite(page)}, with its marks."
    return "<h3>Text with marks</h3>" + _quotation("".join(parts), caption, own)


def sentence_key(path: str) -> str:
    """A stable id prefix per page, so sentence ids are unique in the whole report."""
    return "s" + hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _line_link(key: str, index: int, line: int) -> str:
    return f'<a href="#{key}-s{index}">Line {line}</a>'


def _sentence(limits: Limits, sentence: Sentence, finder, english: bool) -> str:
    """A sentence, marked when it is hard. Quotations are not marked (not the writer's
    words); sentence grades are Flesch-Kincaid's, so only English pages get them. On a
    page in another language, only length marks it, and its marks' words are English."""
    words = _with_plain_words(sentence.text, finder)
    if sentence.quoted:
        return words
    if not english:
        if sentence.words <= limits.long_sentence:
            return words
        return (
            f'<mark class="hard"><span class="label"{_ENGLISH}>Hard:</span> {words}'
            f' <span class="why"{_ENGLISH}>({sentence.words} words)</span></mark>'
        )
    why = f"grade {sentence.grade:.1f}, {sentence.words} words"
    if very_hard(sentence, limits):
        return (
            f'<mark class="very-hard"><span class="label">Very hard:</span> {words}'
            f' <span class="why">({why})</span></mark>'
        )
    grade = sentence.word_grade(limits.hard_words)
    if sentence.words > limits.long_sentence or (
        sentence.graded and sentence.words >= limits.hard_words and grade >= HARD_GRADE
    ):
        return (
            f'<mark class="hard"><span class="label">Hard:</span> {words}'
            f' <span class="why">({why})</span></mark>'
        )
    return words


_ENGLISH = ' lang="en"'


def _with_plain_words(text: str, finder) -> str:
    out, position = [], 0
    for found in finder.find(text):
        out.append(escape(text[position : found.start]))
        out.append(
            f'<mark class="plain">{escape(found.found)}</mark>'
            f' <span class="why">(plainer: {escape(found.suggestion)})</span>'
        )
        position = found.end
    out.append(escape(text[position:]))
    return "".join(out)


def _count(number: int, noun: str) -> str:
    """'1 sentence', '3 sentences'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
