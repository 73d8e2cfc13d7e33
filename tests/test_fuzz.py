"""Property tests over the page reader, every registered rule, fixes and publish (issue 7).

For any page text (grammar-shaped Markdown/HTML with hostile pieces, or raw noise, in any
line-ending style, with YAML/TOML/JSON front matter of any shape):

* reading and checking never raises, with every rule from ``all_rules()`` (rules added
  later are covered without touching this file);
* every diagnostic's start and end lie inside the file (1-based line, column at most one
  past the line's last character) and the end is not before the start;
* every offered edit lies inside the text; a fix changes only its own spans; fixing
  until stable and then fixing again changes nothing (idempotent);
* ``publish`` output parses with html5lib without a single parse error and carries no
  executable script (no <script>, no on* handler, no javascript: URL, no srcdoc...).

The default run is small. The long run is a documented command::

    OPENACCESS_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py -p no:cacheprovider

(``OPENACCESS_FUZZ_PUBLISH_EXAMPLES`` sizes the slower publish property separately;
it defaults to a tenth of the examples.)
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openaccess.config import Config
from openaccess.diagnostics import Applicability, Diagnostic
from openaccess.fixes import apply_fixes, fix_until_stable, select_fixes
from openaccess.linter import Linter
from openaccess.page import Page
from openaccess.rules import all_rules
from openaccess.run.facts import gather
from openaccess.run.project import open_site
from openaccess.run.site import Site
from openaccess.source import LineIndex, decode

EXAMPLES = int(os.environ.get("OPENACCESS_FUZZ_EXAMPLES", "60"))
PUBLISH_EXAMPLES = int(os.environ.get("OPENACCESS_FUZZ_PUBLISH_EXAMPLES", max(8, EXAMPLES // 10)))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)

# -- the grammar ---------------------------------------------------------------------------
WORDS = st.sampled_from(
    [
        "the",
        "a",
        "jeweler",
        "ring",
        "gold",
        "silver",
        "apprentice",
        "because",
        "however,",
        "x",
        "é",
        "日本",
        "don't",
        "3.5",
        "e.g.",
        "Mr.",
        "!",
        "?",
        ";",
        ":",
        "—",
        "…",
        "here",
        "click",
        "link",
        "more",
        "read",
    ]
)
HOSTILE_TEXT = st.sampled_from(
    [
        "\t", "\u00a0", "\ufeff", "\u200b", "\u202e", "&amp;", "&#0;", "&#x110000;", "&bogus;",
        "\\", "`", "*", "_", "~~", "<", ">", "&", "[", "]", "(", ")", "!", "#", "|", "{#id}",
        "<!--", "-->", "<br>", "<br/>", "</p>", "<p>", "\x0b", "\x0c", "\x1b[31m", "\x7f",
        "\U0001f600", "a\u0301", "\ud7ff", "\u2028", "\x85", "\u2029",
    ]
)  # fmt: skip
URLS = st.sampled_from(
    [
        "", "#", "#intro", "#missing", "other.md", "other.md#x", "missing.md", "./", "../",
        "../../../etc/passwd", "/etc/passwd", "/", "/other/", "file:///etc/passwd",
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:x", "http://", "https://a.b/c?d#e",
        "mailto:x@y", "//evil.example/x", "http://[::1", "%", "%zz", "a b.md", "<x>",
        "img.png", "../img.png", "\\..\\..\\win.ini", "a%00b.md#x", "%2e%2e/%2e%2e/x",
        "..%2f..%2fx", "%c0%ae%c0%ae/x", "n" * 300 + ".md#q",
    ]
)  # fmt: skip
TAGS = st.sampled_from(
    [
        "<script>alert(1)</script>", "<script src=x.js></script>", "<SCRIPT>x</SCRIPT>",
        "<img src=x onerror=alert(1)>", "<img src=x.png alt=''>", "<img src='x.png'>",
        '<a href="javascript:alert(1)">x</a>', "<a href=other.md>other</a>", "<a name=n></a>",
        "<iframe src=//evil></iframe>", "<iframe srcdoc='<script>x</script>'></iframe>",
        "<object data=x></object>", "<embed src=x>",
        "<svg onload=alert(1)><script>1</script></svg>",
        "<math><mi xlink:href=javascript:x>m</mi></math>", "<style>*{}</style>",
        "<form action=javascript:x><button formaction=javascript:y>b</button></form>",
        "<meta http-equiv=refresh content='0;url=javascript:x'>", "<base href=//evil/>",
        "<div>", "</div>", "<p>", "</p>", "<table><tr><td>x</td></tr></table>", "<h2>H</h2>",
        "<h7>x</h7>", "<details open ontoggle=alert(1)>",
        "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>",
        "<template><script>x</script></template>", "<!-- openaccess-disable -->",
        "<!-- openaccess-enable -->", "<!-- openaccess-disable-next-line OA201 -->",
        "<textarea><script>x</script></textarea>", "<title>t</title>", "<body onload=x>",
        "<p style='background:url(javascript:x)'>s</p>", "<a href='&#106;avascript:x'>e</a>",
        "<![CDATA[x]]>", "<?php x ?>", "<!DOCTYPE html>", "<br>", "<hr>", "<x-custom a=1>",
    ]
)  # fmt: skip


def _inline() -> st.SearchStrategy[str]:
    text = st.lists(st.one_of(WORDS, WORDS, HOSTILE_TEXT), min_size=1, max_size=8).map(" ".join)
    link = st.builds(lambda t, u: f"[{t}]({u})", text, URLS)
    image = st.builds(lambda t, u: f"![{t}]({u})", st.one_of(st.just(""), text), URLS)
    reference = st.builds(lambda t: f"[{t}][ref]", text)
    autolink = URLS.map(lambda u: f"<{u}>")
    emphasis = st.builds(
        lambda m, t: f"{m}{t}{m}", st.sampled_from(["*", "**", "_", "`", "~~"]), text
    )
    piece = st.one_of(text, text, link, image, reference, autolink, emphasis, TAGS)
    return st.lists(piece, min_size=1, max_size=6).map(" ".join)


INLINE = _inline()
BLOCK = st.one_of(
    INLINE,
    INLINE,
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), INLINE),
    st.builds(lambda t: f"{t}\n===", INLINE),
    st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"1. {i}" for i in items)),
    st.builds(lambda d, t: "  " * d + "- " + t, st.integers(0, 12), INLINE),
    st.builds(lambda d, t: "> " * d + t, st.integers(1, 50), INLINE),
    st.builds(lambda d, t: "- " * d + t, st.integers(1, 50), INLINE),
    st.lists(INLINE, min_size=1, max_size=3).map(
        lambda cells: "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells)
    ),
    st.builds(lambda t: f"```\n{t}\n```", INLINE),
    st.builds(lambda t: f"```\n{t}", INLINE),  # never closed
    st.builds(lambda t: f"    {t}", INLINE),
    TAGS,
    st.builds(lambda n, t: "<div>" * n + t + "</div>" * n, st.integers(1, 60), INLINE),
    st.builds(lambda t: f"[ref]: {t}", URLS),
    st.just("---"),
    st.just(""),
    st.text(max_size=40),  # raw noise
)  # fmt: skip

SCALARS = st.one_of(
    st.sampled_from(
        [
            "T", "''", '""', "~", "null", "yes", "no", "1", "-1", "1.5", ".nan", "2024-01-01",
            "2024-13-45", "[a, b]", "{a: 1}", "[]", "{}", "'[x'", "&a x", "*a", "!!binary aGk=",
            "!!python/object/apply:os.system [x]", "|\n  block\n  text", "'\\u0000'",
            "\"\\ud800\"", "'" + "x" * 300 + "'", "general", "children", "en", "pt-BR", "1e400",
            "a\u2028b: [", "\x85x",
        ]
    ),
    WORDS,
)  # fmt: skip
KEYS = st.sampled_from(
    [
        "title", "description", "lang", "date", "updated", "lastmod", "audience", "reading_age",
        "orphan", "slug", "url", "permalink", "aliases", "redirect_from", "weight", "draft",
        "tags", "openaccess", "1", "null",
    ]
)  # fmt: skip
YAML_FM = st.lists(st.tuples(KEYS, SCALARS), max_size=8).map(
    lambda pairs: "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + "---\n"
)
YAML_IGNORE = st.lists(
    st.sampled_from(["OA2", "OA201", "heading-increment", "", "*", "5"]), max_size=3
).map(
    lambda items: (
        "---\ntitle: T\ndescription: D\nopenaccess:\n  ignore: ["
        + ", ".join(repr(i) for i in items)
        + "]\n---\n"
    )
)
TOML_FM = st.lists(st.tuples(KEYS, SCALARS), max_size=6).map(
    lambda pairs: "+++\n" + "".join(f"{k} = {v}\n" for k, v in pairs) + "+++\n"
)
JSON_FM = st.lists(st.tuples(KEYS, SCALARS), max_size=6).map(
    lambda pairs: "{\n" + ",\n".join(f'"{k}": {v}' for k, v in pairs) + "\n}\n"
)
FRONT_MATTER = st.one_of(
    st.just(""),
    st.just("---\ntitle: T\ndescription: D\n---\n"),
    YAML_FM,
    YAML_IGNORE,
    TOML_FM,
    JSON_FM,
    st.just("---\ntitle: never closed\n"),
    st.just("---\n- a\n---\n"),
)

NEWLINE_STYLE = st.sampled_from(["\n", "\r\n", "\r", "mixed"])


def _with_newlines(text: str, style: str) -> str:
    if style == "mixed":
        parts = text.split("\n")
        endings = ["\n", "\r\n", "\r"]
        return "".join(part + endings[i % 3] for i, part in enumerate(parts[:-1])) + parts[-1]
    return text.replace("\n", style)


PAGES = st.one_of(
    st.builds(
        lambda fm, blocks, style: _with_newlines(fm + "\n\n".join(blocks), style),
        FRONT_MATTER,
        st.lists(BLOCK, max_size=12),
        NEWLINE_STYLE,
    ),
    st.text(max_size=300),
)
SUFFIX = st.sampled_from([".md", ".html"])


# -- the machinery -------------------------------------------------------------------------
@cache
def _site_root() -> Path:
    """One small site for every example, removed when the test run ends."""
    import atexit
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="openaccess-fuzz-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    (root / "other.md").write_text("---\ntitle: O\ndescription: D\n---\n# Other\n\n## X\n")
    (root / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


@cache
def _linter() -> tuple[Linter, Site]:
    root = _site_root()
    config = Config(root=root, pages=".")
    # Every registered rule (by exact code, so opt-in rules run too), default severities.
    linter = Linter(config, select=[rule.code for rule in all_rules()])
    assert {active.rule.code for active in linter.active} == {rule.code for rule in all_rules()}
    return linter, open_site(root, config)


def _check(text: str, suffix: str) -> tuple[Page, list[Diagnostic]]:
    linter, site = _linter()
    page = Page.from_text(_site_root() / f"page{suffix}", text, f"page{suffix}")
    gather([page], site)
    diagnostics = linter.check_page(page, site) + linter.check_site([page], site)
    return page, diagnostics


def _assert_inside(text: str, diagnostic: Diagnostic) -> None:
    lines = LineIndex(text)
    line_texts = re.split(r"\r\n|\r|\n", text)
    assert len(line_texts) == lines.line_count
    for line, column in (
        (diagnostic.line, diagnostic.column),
        (diagnostic.end_line, diagnostic.end_column),
    ):
        assert 1 <= line <= lines.line_count, diagnostic
        assert 1 <= column <= len(line_texts[line - 1]) + 1, diagnostic
    assert (diagnostic.end_line, diagnostic.end_column) >= (diagnostic.line, diagnostic.column), (
        diagnostic
    )


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


# -- properties ----------------------------------------------------------------------------
@FUZZ
@given(st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_a_clear_error(data):
    from openaccess.source import SourceError

    try:
        decoded = decode(data)
    except SourceError as error:
        assert error.message.startswith(("not valid UTF-", "skipped: binary file"))
        assert error.line >= 1 and error.column >= 1
        return
    assert "\0" not in decoded.text
    Page.from_decoded(Path("p.md"), decoded)


@FUZZ
@given(PAGES, SUFFIX)
def test_every_rule_survives_any_page_and_reports_inside_it(text, suffix):
    page, diagnostics = _check(text, suffix)
    for diagnostic in diagnostics:
        _assert_inside(text, diagnostic)
        assert diagnostic.message, diagnostic
        assert not _UNPRINTABLE.search(diagnostic.message), diagnostic  # one line, no escapes
        if diagnostic.fix is not None:
            for edit in diagnostic.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), diagnostic
    block = page.front_matter_block
    assert 0 <= page.body_start <= len(text)
    if block is not None:
        assert (
            0 <= block.start <= block.content_start <= block.content_end <= block.end <= len(text)
        )


@FUZZ
@given(PAGES, SUFFIX)
def test_each_fix_changes_only_its_own_spans(text, suffix):
    _, diagnostics = _check(text, suffix)
    for fix in select_fixes((d.fix for d in diagnostics), unsafe=True):
        fixed, applied = apply_fixes(text, [fix])
        expected, position = [], 0
        for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
            expected += [text[position : edit.start], edit.text]
            position = edit.end
        assert applied == 1
        assert fixed == "".join(expected) + text[position:]


@FUZZ
@given(PAGES, SUFFIX)
def test_fixing_is_idempotent_and_keeps_text_outside_edits(text, suffix):
    def find_fixes(current: str) -> list:
        return [d.fix for d in _check(current, suffix)[1]]

    offered = select_fixes(find_fixes(text), unsafe=False)
    assert all(fix.applicability is Applicability.SAFE for fix in offered)
    one_pass, _ = apply_fixes(text, offered)
    _assert_untouched_outside(text, one_pass, offered)
    once = fix_until_stable(text, find_fixes, unsafe=False)
    if not once.stable:  # fixes still offered after MAX_PASSES: a looping rule
        pytest.fail(f"fixes never settle after {once.passes} passes:\n{text!r}")
    twice = fix_until_stable(once.text, find_fixes, unsafe=False)
    assert twice.text == once.text
    assert twice.applied == 0


def _assert_untouched_outside(before: str, after: str, fixes) -> None:
    """Text outside every offered edit span appears in the result unchanged and in order."""
    spans = sorted((e.start, e.end) for fix in fixes for e in fix.edits)
    kept, position = [], 0
    for start, end in spans:
        if start > position:
            kept.append(before[position:start])
        position = max(position, end)
    kept.append(before[position:])
    cursor = 0
    for piece in kept:
        found = after.find(piece, cursor)
        assert found >= 0, (piece, before, after)
        cursor = found + len(piece)


# -- publish -----------------------------------------------------------------------------
def _publish_module():
    return pytest.importorskip("openaccess.publish.build", reason="publish is not built yet")


_EVENT_ATTRIBUTE = re.compile(r"^on", re.IGNORECASE)
_URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
)


def _assert_safe_html(html: str, name: str) -> None:
    import html5lib

    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    tree = parser.parse(html)
    assert not parser.errors, (name, parser.errors[:5], html[:2000])
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        assert tag.lower() not in ("script", "iframe", "object", "embed", "base"), (name, tag)
        if tag.lower() == "meta":
            assert (element.get("http-equiv") or "").lower() != "refresh", name
        for attribute, value in element.attrib.items():
            assert not _EVENT_ATTRIBUTE.match(attribute), (name, tag, attribute)
            assert attribute.lower() != "srcdoc", (name, tag)
            if attribute.lower() in _URL_ATTRIBUTES:
                compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                assert not compact.startswith(("javascript:", "vbscript:", "data:text/html")), (
                    name,
                    tag,
                    attribute,
                    value,
                )


@settings(FUZZ, max_examples=PUBLISH_EXAMPLES)
@given(PAGES, SUFFIX)
def test_published_html_parses_cleanly_and_runs_no_script(tmp_path_factory, text, suffix):
    build = _publish_module()
    folder = tmp_path_factory.mktemp("site")
    pages = folder / "pages"
    pages.mkdir()
    (pages / f"page{suffix}").write_text(text, encoding="utf-8", newline="")
    (pages / "other.md").write_text("---\ntitle: O\ndescription: D\n---\n# Other\n")
    config = Config(root=folder)
    result = build.publish(
        [pages], config, build.PublishOptions(output=folder / "out", allow_errors=True)
    )
    if not result.published:
        return  # refused (e.g. a route that would leave the output folder): nothing written
    written = sorted((folder / "out").rglob("*.html"))
    assert written
    for path in written:
        _assert_safe_html(path.read_text(encoding="utf-8"), path.name)
