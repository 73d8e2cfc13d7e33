"""What serve adds to the published pages: its reload script and bar, the draft banner,
the review view (findings marked in the text, scores and a list of findings), and pages
that show an error instead of stopping the server."""

from __future__ import annotations

import hashlib
import re
from html import escape
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from openaccess.diagnostics import Category, Diagnostic
from openaccess.publish.build import output_bytes
from openaccess.serve.marks import Span, mark
from openaccess.serve.response import Response

if TYPE_CHECKING:
    from openaccess.page import Page
    from openaccess.serve.live import LiveSite, PageState

ASSETS = "/__openaccess"
SCRIPT = f"{ASSETS}/reload.js"
STYLESHEET = f"{ASSETS}/serve.css"
VERSION = "__openaccess_version__"  # replaced by a hash of the page that holds it
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


# -- every served page ------------------------------------------------------------------
def decorate(live: LiveSite, html: str, state: PageState | None, review: bool) -> str:
    """A generated page with serve's stylesheet, reload script and bar."""
    head = (
        f'<link rel="stylesheet" href="{STYLESHEET}">\n'
        f'<script src="{SCRIPT}" data-version="{VERSION}" defer></script>\n'
    )
    html = _insert(_HEAD_END, html, head, before=True)
    html = _insert(_BODY_START, html, _bar(live, state, review), before=False)
    return versioned(html)


def versioned(html: str) -> str:
    """The page with its version: a hash of everything else in it. The reload script
    sends it back, so the server can tell whether the page is still current."""
    digest = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return html.replace(VERSION, digest, 1)


def version_of(html: bytes) -> str:
    found = re.search(rb'data-version="([0-9a-f]{16})"', html)
    return found.group(1).decode() if found else ""


def _insert(pattern: re.Pattern[str], html: str, text: str, before: bool) -> str:
    found = pattern.search(html)
    if found is None:
        return html + text if not before else text + html
    at = found.start() if before else found.end()
    return html[:at] + text + html[at:]


def _bar(live: LiveSite, state: PageState | None, review: bool) -> str:
    """A navigation landmark at the top: that this is a preview, and the review toggle."""
    toggle = ""
    if state is not None and state.entry is not None:
        address = _address(live, state)  # no finding count: reader views change with the text
        if review:
            toggle = f'<a href="{escape(address)}">Reader view (hide findings)</a>'
        else:
            toggle = f'<a href="{escape(address)}?review=1">Review: show findings in the text</a>'
    return (
        '\n<nav class="oa-serve-bar" aria-label="Live preview">'
        '<span class="oa-serve-name">Live preview (openaccess serve)</span>'
        f"{' ' + toggle if toggle else ''}</nav>\n"
    )


def _address(live: LiveSite, state: PageState) -> str:
    assert state.entry is not None and live.project is not None
    return live.project.router.base_path + state.entry.route.url


# -- pages ------------------------------------------------------------------------------
def page_html(live: LiveSite, state: PageState, review: bool) -> str:
    """One page through the site's templates, with the draft banner and, in review, the
    findings marked in its body and the review panel above it."""
    entry = state.entry
    assert entry is not None and entry.body is not None and live.plan is not None
    body = entry.body
    html = body.html
    if review:
        html = _review(live, state, html)
    if entry.draft:
        html = (
            '<p class="oa-serve-draft"><strong>Draft:</strong> this page is not published'
            f" ({escape(entry.draft)}). Only openaccess serve shows it.</p>\n{html}"
        )
    entry.body = replace(body, html=html)
    try:
        text = live.plan.render(entry.route.file.as_posix())
    finally:
        entry.body = body
    return decorate(live, text, state, review)


def _review(live: LiveSite, state: PageState, html: str) -> str:
    entry = state.entry
    assert entry is not None and live.linter is not None
    page = entry.page
    rules = {active.rule.code: active.rule for active in live.linter.active}
    findings = sorted([*state.findings, *state.site_findings], key=lambda d: d.sort_key)
    spans: list[Span] = []
    whole: list[Diagnostic] = []
    keyed: list[tuple[str, Diagnostic]] = []
    for number, finding in enumerate(findings, start=1):
        rule = rules.get(finding.code)
        if rule is not None and rule.page_level:
            whole.append(finding)
            continue
        key = f"oa-f{number}"
        start = page.lines.offset(finding.line, finding.column)
        end = page.lines.offset(finding.end_line, finding.end_column)
        on_link = finding.category is Category.LINKS
        spans.append(Span(key, finding.code, start, max(end, start + 1), on_link))
        keyed.append((key, finding))
    messages = {key: finding for key, finding in keyed}

    def describe(span: Span, first: bool) -> tuple[list[Any], dict[str, str], list[Any]]:
        finding = messages[span.key]
        attributes = {
            "class": f"oa-rv oa-rv-{finding.category.value}",
            "data-rule": finding.code,
            "data-finding": span.key,
        }
        if not first:
            return [], attributes, []
        from bs4 import BeautifulSoup

        attributes["id"] = span.key
        if not span.on_link:
            attributes["tabindex"] = "0"
        attributes["aria-describedby"] = f"{span.key}-tip"
        label = BeautifulSoup(
            f'<span class="oa-rv-label">{escape(_label(finding))}</span>', "html.parser"
        ).span
        tip = BeautifulSoup(
            f'<span class="oa-rv-tip" role="tooltip" id="{span.key}-tip">'
            f"{escape(_message(finding))}</span>",
            "html.parser",
        ).span
        return [label], attributes, [tip]

    marked = mark(html, page.text, page.body_start, spans, describe)
    placed = {span.key for span in spans if span.segments}
    panel = _panel(live, state, page, whole, keyed, placed)
    return f'{panel}\n<div class="oa-rv-text">{marked}</div>'


def _label(finding: Diagnostic) -> str:
    return finding.name.replace("-", " ").capitalize()


def _message(finding: Diagnostic) -> str:
    return f"{_label(finding)} ({finding.code}, {finding.severity.label}): {finding.message}"


def _panel(
    live: LiveSite,
    state: PageState,
    page: Page,
    whole: list[Diagnostic],
    keyed: list[tuple[str, Diagnostic]],
    placed: set[str],
) -> str:
    total = len(whole) + len(keyed)
    parts = [
        '<section class="oa-rv-panel" aria-labelledby="oa-rv-title">',
        f'<h2 id="oa-rv-title">Review: {_count(total, "finding")}</h2>',
        _scores(live, page),
    ]
    if not state.checked:
        parts.append('<p role="status">Checking the latest change…</p>')
    if whole:
        items = "".join(f"<li>{escape(_message(d))}</li>" for d in whole)
        parts.append(f"<h3>On the whole page</h3><ul>{items}</ul>")
    in_text = [(k, d) for k, d in keyed if k in placed]
    if in_text:
        items = "".join(
            f'<li><a href="#{k}">Line {d.line}: {escape(_label(d))}</a>'
            f" ({d.code}, {d.severity.label}): {escape(d.message)}</li>"
            for k, d in in_text
        )
        parts.append(f"<h3>In the text</h3><ol>{items}</ol>")
    elsewhere = [(k, d) for k, d in keyed if k not in placed]
    if elsewhere:
        items = "".join(
            f"<li>Line {d.line}, column {d.column}: {escape(_message(d))}</li>"
            for _, d in elsewhere
        )
        parts.append(
            "<h3>Not shown in the text</h3><p>In the title, front matter, markup or an"
            f" image:</p><ul>{items}</ul>"
        )
    if keyed:
        parts.append(_legend([d for _, d in in_text]))
    if state.notes:
        items = "".join(f"<li>{escape(n.format())}</li>" for n in state.notes)
        parts.append(f"<h3>When published</h3><ul>{items}</ul>")
    parts.append("</section>")
    return "".join(parts)


def _scores(live: LiveSite, page: Page) -> str:
    measured = live.measure(page)
    if measured is None or measured.grade is None:
        verdict = escape(measured.verdict) if measured is not None else "not scored"
        words = measured.words if measured is not None else 0
        return f'<p class="oa-rv-scores">Readability: {verdict}. {_count(words, "word")}.</p>'
    share = measured.passive_sentences / measured.sentences if measured.sentences else 0.0
    minutes = max(round(measured.reading_minutes), 1)
    return (
        '<dl class="oa-rv-scores">'
        f"<div><dt>Grade</dt><dd>{measured.grade:.1f} (target {measured.target:g},"
        f" {escape(measured.verdict)})</dd></div>"
        f"<div><dt>Reading time</dt><dd>about {_count(minutes, 'minute')}</dd></div>"
        f"<div><dt>Words</dt><dd>{measured.words}</dd></div>"
        f"<div><dt>Passive</dt><dd>{share:.0%} ({measured.passive_sentences} of"
        f" {_count(measured.sentences, 'sentence')})</dd></div>"
        "</dl>"
    )


def _legend(findings: list[Diagnostic]) -> str:
    kinds = {}
    for finding in findings:
        kinds.setdefault(finding.code, finding)
    items = "".join(
        f'<li><mark class="oa-rv oa-rv-{d.category.value}" data-rule="{d.code}">'
        f"{escape(_label(d))}</mark> {escape(d.code)}</li>"
        for d in sorted(kinds.values(), key=lambda d: d.code)
    )
    return (
        "<h3>Legend</h3><p>Each mark starts with its name in bold; each kind has its own"
        " underline. Hover over a mark or move the keyboard focus to it for its message;"
        f' Escape hides the message.</p><ul class="oa-rv-legend">{items}</ul>'
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


# -- pages that stand for an error -----------------------------------------------------
def error_response(live: LiveSite, title: str, message: str) -> Response:
    body = f"<p>{escape(message)}</p><p>Fix it and save: this page reloads by itself.</p>"
    return Response(500, "text/html; charset=utf-8", output_bytes(_standalone(title, body)))


def unreadable_response(live: LiveSite, state: PageState, why: str = "") -> Response:
    """The page's error in place of the page: it cannot be read, or (``why``) its front
    matter cannot, and publish would refuse it."""
    assert live.project is not None
    shown = live.project.shown(state.path)
    body = (
        f"<p>{escape(shown)}, {escape(why or state.error)}</p>"
        "<p>Fix it and save: this page reloads by itself.</p>"
    )
    title = "This page cannot be read"
    html = _standalone(title, body)
    return Response(500, "text/html; charset=utf-8", output_bytes(html), page=state.path)


def _standalone(title: str, body: str) -> str:
    html = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';'
        " script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
        " form-action 'none'\">\n"
        f"<title>{escape(title)} – openaccess serve</title>\n"
        f'<link rel="stylesheet" href="{STYLESHEET}">\n'
        f'<script src="{SCRIPT}" data-version="{VERSION}" defer></script>\n'
        "</head>\n<body>\n"
        '<main class="oa-serve-error">\n'
        f"<h1>{escape(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )
    return versioned(html)
