"""``openaccess report``: formats, baselines, git comparison and the check ratchet."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from openaccess.commands.app import app

ROOT = Path(__file__).resolve().parents[1]
JEWELER = "pages/jeweler.md"
runner = CliRunner()


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def report_json(*args: str) -> dict:
    result = run("report", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_report_of_the_jeweler_guide(in_repo):
    data = report_json(JEWELER)
    assert data["schema"] == "openaccess-report/2"
    assert data["textstat_version"] == "0.7.13"
    assert data["words_per_minute"] == 238
    (page,) = data["pages"]
    assert page["path"] == JEWELER
    assert page["verdict"] == "above target" and page["target"] == 8.0
    # 314: the whitespace-separated words inside the guide's <p>; 18: its 17 sentence ends
    # plus the link text "next: get started"; 520: textstat's own count of the same words.
    assert (page["words"], page["sentences"], page["syllables"]) == (314, 18, 520)
    from openaccess.text import engine

    body = (ROOT / JEWELER).read_text(encoding="utf-8").split("<p>")[1].split("</p>")[0]
    prose = body.replace("<br>", "").replace('<a href="https://workdojos.com/jeweler/start">', "")
    assert engine.backend().counts.count_syllables(prose.replace("</a>", ""), "en") == 520
    assert page["grade"] == round(0.39 * 314 / 18 + 11.8 * 520 / 314 - 15.59, 2)
    assert page["reading_minutes"] == round(314 / 238, 2)
    hardest = page["hardest_sentences"]
    # First: I(1) rec-om-mend(3) ex-plor-ing(3) dif-fer-ent(3) pro-grams(2) and(1)
    # op-por-tu-ni-ties(5) to gain the(3) nec-es-sar-y(4) qual-i-fi-ca-tions(5) and(1)
    # ex-pe-ri-ence(4) in the field(3) = 38 syllables: 0.39 * 17 + 11.8 * 38 / 17 - 15.59.
    assert [(h["line"], h["words"], h["grade"]) for h in hardest] == [
        (19, 17, 17.42), (15, 20, 14.63), (19, 22, 13.91), (17, 23, 13.9), (17, 14, 13.47),
    ]  # fmt: skip
    lines = (ROOT / JEWELER).read_text(encoding="utf-8").splitlines()
    for item in hardest:  # each sentence really starts at its line and column
        line = lines[item["line"] - 1]
        assert line[item["column"] - 1 :].startswith(item["text"][:30])
    assert hardest[1]["reasons"] == ["grade 14.6", 'passive ("is expected")']
    # Long words, but not wordy (see test_a_wordy_sentence_is_very_hard_as_oa503_says).
    assert hardest[0]["reasons"] == ["grade 17.4"]
    assert [(p["found"], p["suggestion"], p["line"]) for p in page["plain_words"]] == [
        ("would be beneficial", "would help", 17), ("In conclusion", "To sum up", 19),
    ]  # fmt: skip


def test_terminal_report_lists_hardest_sentences_with_path_and_line(in_repo):
    result = run("report", "pages/")
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out  # no colour when not a terminal
    assert "pages/jeweler.md:19: grade 17.4\n" in out
    assert "pages/jeweler.md:15: grade 14.6" in out
    table_rows = [line for line in out.splitlines() if "pages/jeweler" in line and "│" in line]
    assert "above target (8)" in table_rows[0] and "pages/jeweler.md " in table_rows[0]


def test_the_graded_counts_give_the_grade_by_the_documented_formula(tmp_path):
    """The grade leaves out sentences that are mostly names, so the page's own counts
    could not give it (900 of 962 corpus pages; QA of 2 December, G1): ``graded`` can."""
    from openaccess.options import defaults
    from openaccess.page import Page
    from openaccess.report.model import Limits, measure_page
    from openaccess.ruledata import RuleData

    prose = (ROOT / "tests" / "fixtures" / "OA501" / "hard.md").read_text(encoding="utf-8")
    names = (
        "\nThis cmdlet supports the common parameters: -Debug, -ErrorAction,"
        " -ErrorVariable, -InformationAction, -OutVariable, -PipelineVariable, -Verbose.\n"
    )
    (tmp_path / "names.md").write_text(prose + names, encoding="utf-8")
    page = Page.load(tmp_path / "names.md", "names.md", 10**7)
    limits = Limits.from_options(defaults())
    data = RuleData()
    found = measure_page(page, "en", limits, data.plain_words, data.languages).to_dict()
    graded = found["graded"]
    assert graded["sentences"] < found["sentences"]  # a list of names is left out
    formula = (
        0.39 * graded["words"] / graded["sentences"]
        + 11.8 * graded["syllables"] / graded["words"]
        - 15.59
    )
    assert round(formula, 2) == found["grade"]


def test_markdown_report(in_repo):
    out = run("report", JEWELER, "--format", "markdown").stdout
    assert "| Page | Grade | Reading ease | Words | Sentences | Time | Verdict (target) |" in out
    assert "| pages/jeweler.md | 10.8 | 49 | 314 | 18 | 1 min | above target (8) |" in out
    assert "- `pages/jeweler.md:19` (grade 17.4)" in out


def test_csv_report(in_repo):
    out = run("report", JEWELER, "--format", "csv").stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["path"] == JEWELER and row["verdict"] == "above target"
    assert (row["words"], row["sentences"], row["hardest_line"]) == ("314", "18", "19")


def test_csv_cells_never_read_as_formulas(tmp_path, monkeypatch):
    """A page's title is its author's text: one that starts with ``=`` (``=HYPERLINK(...)``)
    is written with a leading ``'``, so a spreadsheet shows it and runs nothing."""
    monkeypatch.chdir(tmp_path)
    title = '=HYPERLINK("http://evil.example/","Click")'
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.md").write_text(
        f"---\ntitle: '{title}'\ndescription: D.\n---\n\nWe make rings.\n", encoding="utf-8"
    )
    (row,) = list(csv.DictReader(io.StringIO(run("report", "--format", "csv").stdout)))
    assert row["title"] == "'" + title


def test_html_report_is_valid_self_contained_and_marks_in_text(in_repo, tmp_path):
    import html5lib

    target = tmp_path / "report.html"
    result = run("report", "pages/", "--format", "html", "--output", str(target))
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(text)  # strict: raises on any parse error
    assert parser.errors == []
    assert tree.get("lang") == "en"
    assert tree.find("head/title").text == "Readability report"
    for landmark in ("header", "nav", "main", "footer"):
        assert tree.find(f"body/{landmark}") is not None, landmark
    assert "<script" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    svgs = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.endswith("}svg")]
    assert len(svgs) == 2
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    links = [a.get("href") for a in tree.iter("a") if (a.get("href") or "").startswith("#")]
    assert len(links) > 10 and {href[1:] for href in links} <= ids  # no broken in-page link
    assert [a.text for a in tree.iter("a") if a.text and a.text.startswith("Line ")][:2] == [
        "Line 19", "Line 15",
    ]  # fmt: skip
    for svg in svgs:
        assert svg.get("role") == "img"
        assert set(svg.get("aria-labelledby").split()) <= ids
    captions = [c.text for c in tree.iter("caption")]
    assert "Grade of each page (chart data)" in captions
    assert "Sentences by length (chart data)" in captions
    marks = [m for article in tree.iter("article") for m in article.iter("mark")]
    # The guide's long words are not wordy: no sentence of it is very hard (OA503).
    assert [m for m in marks if m.get("class") == "very-hard"] == []
    assert (
        'class="plain">would be beneficial</mark> <span class="why">(plainer: would help)' in text
    )


def test_a_wordy_sentence_is_very_hard_as_oa503_says(in_repo, tmp_path):
    wordy = "tests/fixtures/OA503/hard.md"  # OA503 reports its line 7
    (page,) = report_json(wordy)["pages"]
    assert page["hardest_sentences"][0]["line"] == 7
    assert page["hardest_sentences"][0]["reasons"] == [
        "grade 12.6", 'wordy ("in the absence of", "enables capture or suppression")',
    ]  # fmt: skip
    target = tmp_path / "report.html"
    assert run("report", wordy, "--format", "html", "--output", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    marked = '<mark class="very-hard"><span class="label">Very hard:</span> This setting enables'
    assert marked in text
    assert "wordy writing in 2 or more places" in text  # the legend says what it means


def test_baseline_shows_page_changes(in_repo, tmp_path):
    data = report_json(JEWELER)
    data["pages"][0]["grade"] = 8.5
    data["pages"][0]["sections"][0]["grade"] = 8.5
    baseline = tmp_path / "before.json"
    baseline.write_text(json.dumps(data), encoding="utf-8")
    out = run("report", JEWELER, "--baseline", str(baseline)).stdout
    assert "8.5 -> 10.8, +2.3" in out
    assert "section '(before the first heading)': grade 8.5 -> 10.8, +2.3" in out
    after = report_json(JEWELER, "--baseline", str(baseline))
    assert after["pages"][0]["baseline"] == {
        "grade_before": 8.5,
        "grade_change": 2.25,
        "new_page": False,
        "sections": [
            {"heading": None, "grade_before": 8.5, "grade_after": 10.75, "grade_change": 2.25}
        ],
    }


def test_check_ratchet_fails_only_on_a_rise(in_repo, tmp_path):
    data = report_json(JEWELER)
    data["pages"][0]["grade"] = 9.0
    baseline = tmp_path / "before.json"
    baseline.write_text(json.dumps(data), encoding="utf-8")
    common = ("check", JEWELER, "--select", "OA5", "--no-cache", "--grade-baseline", str(baseline))
    failing = run(*common, "--max-grade-increase", "1")
    assert failing.exit_code == 1
    assert (
        "pages/jeweler.md: grade 9.0 -> 10.8, +1.8, more than the allowed +1"
        " (--max-grade-increase)" in failing.stderr
    )
    # Already hard (10.8 > 8) but no rise beyond 2 grades: readability warnings only, exit 0.
    assert run(*common, "--max-grade-increase", "2").exit_code == 0


def test_check_ratchet_needs_a_baseline(in_repo):
    from openaccess.errors import UsageError

    with pytest.raises(UsageError, match="--max-grade-increase needs --grade-baseline"):
        run("check", JEWELER, "--max-grade-increase", "1")


def test_not_a_report_is_a_usage_error(in_repo, tmp_path):
    from openaccess.errors import UsageError

    bogus = tmp_path / "x.json"
    bogus.write_text('{"pages": []}', encoding="utf-8")
    with pytest.raises(UsageError, match="not an openaccess report"):
        run("report", JEWELER, "--baseline", str(bogus))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_compare_with_a_git_commit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "pages" / "a.md"
    page.parent.mkdir()
    easy = "We make rings. We sell them. You can come in. Ask us. We fix rings too. " * 8 + "\n"
    page.write_text("---\ntitle: A\n---\n" + easy, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "easy"], check=True)
    hard = (
        "Consequently, organisational considerations necessitate comprehensive documentation"
        " of jewellery certification opportunities. " * 6 + "\n"
    )
    page.write_text("---\ntitle: A\n---\n" + easy + "\n" + hard, encoding="utf-8")
    before = report_json("pages", "--compare", "HEAD")["pages"][0]["baseline"]
    assert before["new_page"] is False
    old = report_json("pages")["pages"][0]
    assert before["grade_change"] == pytest.approx(old["grade"] - before["grade_before"], abs=0.01)
    assert before["grade_before"] < 2 and before["grade_change"] > 5
    result = runner.invoke(app, ["report", "pages", "--compare", "no-such-ref"])
    assert "git knows no commit, branch or tag 'no-such-ref'" in str(result.exception)


def test_worker_processes_give_the_same_report(in_repo):
    from openaccess.config import load_config
    from openaccess.report.build import PARALLEL_MIN_PAGES, build_report
    from openaccess.report.html import render_html

    config = load_config()
    paths = [ROOT / "tests" / "fixtures"]
    one, skipped_one = build_report(paths, config, html=True, jobs=1)
    two, skipped_two = build_report(paths, config, html=True, jobs=2)
    assert len(two.pages) >= PARALLEL_MIN_PAGES  # the parallel path really ran
    assert two.pages[0].page is None and one.pages[0].page is not None
    assert one.to_dict() == two.to_dict()
    assert render_html(one) == render_html(two)
    assert skipped_one == skipped_two


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from([".md", ".html"]))
def test_html_report_of_any_page_parses_without_errors(body, suffix):
    import html5lib

    from openaccess.options import defaults
    from openaccess.page import Page
    from openaccess.report.html import render_html
    from openaccess.report.model import Limits, Report, measure_page
    from openaccess.ruledata import RuleData

    swaps = {"en": {"in order to": "to", "utilize": "use"}}
    text = "---\ntitle: T<&>\n---\nIn order to utilize it. " + body
    page = Page.from_text(Path("x" + suffix), text, display_path="a<b>&.md")
    limits = Limits.from_options(defaults())
    measured = measure_page(page, "en", limits, swaps, RuleData().languages)
    report = Report([measured], limits, swaps=swaps)
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(render_html(report))
    assert parser.errors == []


def test_terminal_colour_adds_nothing_but_colour(in_repo):
    import re

    from openaccess.config import load_config
    from openaccess.report.build import build_report
    from openaccess.report.formats import render_terminal

    report, _ = build_report([ROOT / "pages"], load_config(), jobs=1)
    plain = render_terminal(report, color=False, width=120)
    coloured = render_terminal(report, color=True, width=120)
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_report_scores_each_language_on_its_own_formula():
    from openaccess.options import defaults
    from openaccess.page import Page
    from openaccess.report.model import Limits, Report, measure_page
    from openaccess.ruledata import RuleData

    fixtures = ROOT / "tests" / "fixtures"
    data = RuleData()
    pages = [
        Page.load(fixtures / "OA501" / "spanish.md", "spanish.md", 10**7),
        Page.load(fixtures / "OA508" / "chinese.md", "chinese.md", 10**7),
        Page.load(ROOT / JEWELER, JEWELER, 10**7),
    ]
    limits = Limits.from_options(defaults())
    measured = [measure_page(p, "en", limits, data.plain_words, data.languages) for p in pages]
    report = Report(measured, limits)
    spanish, chinese, english = (p.to_dict() for p in measured)
    assert (spanish["formula"], spanish["verdict"], spanish["target"]) == (
        "fernandez-huerta", "below target", 60.0,
    )  # fmt: skip
    assert spanish["grade"] < 60 and spanish["reading_ease"] is not None
    assert all(h["grade"] is None for h in spanish["hardest_sentences"])
    assert (chinese["verdict"], chinese["grade"], chinese["formula"]) == (
        "language not scored", None, None,
    )  # fmt: skip
    assert english["formula"] == "flesch-kincaid"
    # The Spanish page is further past its target than the English one: hardest first.
    assert [p.path for p in report.sorted_pages()] == ["spanish.md", JEWELER, "chinese.md"]
    assert report.summary()["mean_grade"] == english["grade"]


def test_a_page_in_another_language_says_why_its_sentences_are_listed_and_is_marked_as_its_language(
    tmp_path, monkeypatch
):
    """A Spanish page's sentences are ranked by length: each says its words (the reason
    was empty: "pages/es.md:9: "), under "Longest sentences". In the HTML report its
    title, quotes and text carry lang="es", an Arabic title dir="rtl" too, and the
    report's English marks inside them lang="en" (QA of 2 December, G2 and G3)."""
    fixtures = ROOT / "tests" / "fixtures"
    (tmp_path / "pages").mkdir()
    shutil.copy(fixtures / "OA501" / "spanish.md", tmp_path / "pages" / "es.md")
    arabic = "---\ntitle: صفحة\ndescription: صفحة.\nlang: ar\n---\n\nهذه صفحة قصيرة.\n"
    (tmp_path / "pages" / "ar.md").write_text(arabic, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spanish = next(p for p in report_json("pages")["pages"] if p["path"] == "pages/es.md")
    assert spanish["hardest_sentences"]
    for hard in spanish["hardest_sentences"]:
        assert hard["reasons"][0] in (f"{hard['words']} words", f"{hard['words']} words (over 25)")
    shown = run("report", "pages/es.md").stdout
    assert "pages/es.md: longest sentences" in shown and ": \n" not in shown
    assert "Longest sentences:" in run("report", "pages/es.md", "--format", "markdown").stdout
    assert run("report", "pages", "--format", "html", "-o", "r.html").exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<span lang="ar" dir="rtl">صفحة</span>' in page
    assert page.count('<p lang="es">') == len(spanish["hardest_sentences"])
    assert '<blockquote lang="es">' in page and ": ." not in page
    assert "Longest sentences</h3>" in page
    # A Spanish score is a reading ease; an Arabic page's words were never counted (G14).
    assert "<p>Reading ease " in page and "; higher is easier)" in page
    assert "<p>Not scored. Verdict: language not scored.</p>" in page
    table = run("report", "pages").stdout
    arabic = next(line for line in table.splitlines() if "pages/ar.md" in line)
    assert [cell.strip() for cell in arabic.split("│")[2:7]] == ["-"] * 5  # not "0 words"


def test_html_report_replaces_noncharacters_of_every_plane():
    from openaccess.report.html import escape

    assert escape("a\ufffe b\U0002fffe c\U0010ffff <") == "a\ufffd b\ufffd c\ufffd &lt;"


def test_the_verdict_allows_the_grade_tolerance_check_allows(tmp_path, monkeypatch):
    """The jeweler guide is at grade 10.8: against a target of 10.6 it is within OA501's
    default tolerance, so `ok` here as `check` leaves it alone; with no tolerance it is
    above its target."""
    shutil.copytree(ROOT / "pages", tmp_path / "pages")
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / "openaccess.toml"
    settings.write_text('pages = "pages"\n[rule.page-grade]\ntarget = 10.6\n')
    assert report_json(JEWELER)["pages"][0]["verdict"] == "ok"
    settings.write_text('pages = "pages"\n[rule.page-grade]\ntarget = 10.6\ntolerance = 0.0\n')
    assert report_json(JEWELER)["pages"][0]["verdict"] == "above target"
