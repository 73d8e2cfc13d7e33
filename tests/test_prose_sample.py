"""Prose findings writers can trust (issue 12), measured on the real pages of ../shared/corpus.

* ``tests/data/prose-sample.jsonl``: findings of the prose rules drawn at random from a run
  on the corpus (``python tools/prose_sample.py draw``), each judged by reading its page:
  ``verdict`` true or false, a one-line ``reason``, and ``now``: whether today's rules
  report it. A finding judged true must still be reported (unless ``gone`` says why the
  rule is right to drop it), a false alarm a fix removed must not come back, and every
  rule that runs by default keeps a precision of 90% or more over the rows reported now.
* ``tests/data/long-sentences-opensource-guide.jsonl``: every long sentence OA502
  reported on the 13 English opensource.guide articles before this work, with what
  happens to it now: still reported, inside a quotation (someone else's words), or
  long only with the bold label that opens its list item (no word of the sentence).
* On those 13 articles a writer gets at most 7 warnings and errors per 1,000 words.

Corpus text is never copied here beyond a quote of a few words that finds a finding again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from test_corpus import CORPUS, corpus_run

from openaccess.rules import all_rules

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "prose-sample.jsonl"
LONG_SENTENCES = DATA / "long-sentences-opensource-guide.jsonl"
QUOTE_WORDS = 6
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def quote_at(path: str, line: int, column: int) -> str:
    """The first words of the source from ``line:column``, as the sample stores them."""
    lines = (CORPUS / path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    return " ".join(lines[line - 1][column - 1 :].split()[:QUOTE_WORDS])


def opt_in(code: str) -> bool:
    return not next(rule for rule in all_rules() if rule.code == code).default_enabled


def _keys(diagnostics: list[dict], codes: set[str]) -> set[tuple[str, str, int, str]]:
    return {
        (d["rule"], d["path"], d["line"], quote_at(d["path"], d["line"], d["column"]))
        for d in diagnostics
        if d["rule"] in codes
    }


@cache
def reported() -> frozenset[tuple[str, str, int, str]]:
    """(rule, path, line, quote) of every finding of the sampled rules today: the default
    run on the corpus, and the opt-in rules on the pages the sample holds for them."""
    sample = rows(SAMPLE)
    codes = {row["rule"] for row in sample}
    found = _keys(corpus_run()[1]["diagnostics"], {c for c in codes if not opt_in(c)})
    for code in sorted(c for c in codes if opt_in(c)):
        paths = sorted({row["path"] for row in sample if row["rule"] == code})
        done = subprocess.run(
            [sys.executable, "-m", "openaccess", "check", "--format", "json", "--no-cache",
             f"--select={code}", *paths],
            cwd=CORPUS, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr
        found |= _keys(json.loads(done.stdout)["diagnostics"], {code})
    return frozenset(found)


def test_the_sample_is_big_judged_and_quotes_little():
    sample = rows(SAMPLE)
    assert len([row for row in sample if row["now"]]) >= 300
    assert {row["verdict"] for row in sample} <= {"true", "false"}
    assert all(row["reason"].strip() and "\n" not in row["reason"] for row in sample)
    assert all(len(row["quote"].split()) <= QUOTE_WORDS for row in sample)
    assert len({row["rule"] for row in sample}) >= 8


def test_every_default_prose_rule_is_90_percent_precise_on_the_sample():
    sampled, true = Counter(), Counter()
    for row in rows(SAMPLE):
        if row["now"]:
            sampled[row["rule"]] += 1
            true[row["rule"]] += row["verdict"] == "true"
    low = {rule: f"{true[rule]}/{n}" for rule, n in sampled.items() if true[rule] < 0.9 * n}
    # A rule a careful editor agrees with less often only runs when asked for.
    assert {rule: share for rule, share in low.items() if not opt_in(rule)} == {}


def test_findings_judged_true_stay_and_false_ones_do_not_come_back():
    found = reported()
    wrong = []
    for row in rows(SAMPLE):
        now = (row["rule"], row["path"], row["line"], row["quote"]) in found
        where = f"{row['rule']} {row['path']}:{row['line']} ({row['verdict']}: {row['reason']})"
        if now != row["now"]:
            wrong.append(f"{where} is {'back' if now else 'gone'}: judge it again")
        elif row["verdict"] == "true" and not now and not row.get("gone"):
            wrong.append(f"{where} is not reported and nothing says why")
    assert wrong == []


def test_every_long_sentence_is_still_reported_or_a_quotation_or_long_by_a_label():
    from openaccess.page import Page
    from openaccess.ruledata import RuleData
    from openaccess.text import measure

    long_now = {(path, line) for rule, path, line, _ in reported() if rule == "OA502"}
    languages = RuleData().languages
    before = rows(LONG_SENTENCES)
    assert len(before) >= 150
    for row in before:
        if row["now"] == "reported":
            assert (row["path"], row["line"]) in long_now, row
            continue
        page = Page.load(CORPUS / row["path"], row["path"], 10**7)
        text = measure(page, "en", languages)[2]
        here = [s for s in text.sentences if page.position(s.start)[0] == row["line"]]
        if row["now"] == "quotation":  # someone else's words
            assert here and all(s.quoted for s in here), row
            continue
        # Long only with its lead-in label ("**Pull/Merge requests:** Where people ..."),
        # which names the list item and is no word of the sentence: 25 words or fewer.
        assert row["now"] == "label", row
        assert here and all(s.words <= 25 for s in here), row
        assert any(page.position(s.start)[1] > 1 for s in here), row


def test_opensource_guide_gets_at_most_7_warnings_per_1000_words():
    articles = sorted((CORPUS / "opensource.guide" / "_articles").glob("*.md"))
    assert len(articles) == 13
    # Words as the issue counted them: every whitespace-separated word of the files.
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in articles)
    names = {f"opensource.guide/_articles/{path.name}" for path in articles}
    _, report = corpus_run()
    findings = [
        d
        for d in report["diagnostics"]
        if d["path"] in names and d["severity"] in ("warning", "error")
    ]
    assert len(findings) * 1000 / words <= 7.0, (len(findings), words)


def test_the_latest_blind_reading_of_oa503_judged_todays_findings():
    """A blind reading (tests/test_hard_words.py decides from it whether OA503 runs by
    default) counts only for the findings it judged: a change that adds or drops one
    needs a new reading."""
    readings = rows(DATA / "oa503-blind-readings.jsonl")
    latest = max(row["reading"] for row in readings)
    judged = {(row["file"], row["line"]) for row in readings if row["reading"] == latest}
    done = subprocess.run(
        [sys.executable, "-m", "openaccess", "check", "--format", "json", "--no-cache",
         "--select=OA503", "."],
        cwd=CORPUS, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    found = json.loads(done.stdout)["diagnostics"]
    # OA503 alone: in a default run, OA502 reports a sentence that is long too, once.
    assert {(d["path"], d["line"]) for d in found} == judged


def test_the_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 197 findings on three sites the rules were not
    tuned on, each with its verdict and the reviewer's reason."""
    trial = rows(DATA / "blind-trial-new-sites.jsonl")
    codes = {rule.code for rule in all_rules()}
    assert len(trial) == 197
    for row in trial:
        assert row["rule"] in codes and len(row["commit"]) == 40, row
        assert row["verdict"] in ("true", "lean-true", "lean-false", "false"), row
        assert row["reason"].strip(), row


def new_site_trial(name: str, findings: int, repos: set[str]) -> list[dict]:
    """A blind trial on new sites, whole: every finding with a known rule, the site's
    commit, a verdict and the reviewer's reason."""
    trial = rows(DATA / name)
    codes = {rule.code for rule in all_rules()}
    assert len(trial) == findings
    assert {row["repo"] for row in trial} == repos
    for row in trial:
        assert row["rule"] in codes and len(row["commit"]) == 40, row
        assert row["verdict"] in ("true", "false") and row["reason"].strip(), row
    return trial


def assert_trial_kept_whole(
    name: str, findings: int, repos: set[str], true: int, mistakes: int, mistakes_left: int
) -> None:
    """A trial with four-way verdicts (``judged``), ``kind`` and ``now``: its counts of
    true findings and plain mistakes, and how many of those are still reported."""
    trial = new_site_trial(name, findings, repos)
    leaning = {"true": "true", "lean-true": "true", "lean-false": "false", "false": "false"}
    assert all(leaning[row["judged"]] == row["verdict"] for row in trial)
    assert sum(row["verdict"] == "true" for row in trial) == true
    plain = [row for row in trial if row["kind"] == "plain-mistake"]
    assert len(plain) == mistakes and all(row["verdict"] == "false" for row in plain)
    assert sum(row["now"] for row in plain) == mistakes_left
    assert all(row["now"] for row in trial if "now_message" in row)


def test_the_second_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 44 findings of the prose rules on three more sites
    (HTTPX, Hatch, RubyGems guides), drawn after the tolerances of 29 November, each
    with its verdict and the reviewer's reason; the sites' commits let it be rerun."""
    new_site_trial(
        "blind-trial-new-sites-2.jsonl", 44, {"encode/httpx", "pypa/hatch", "rubygems/guides"}
    )


def test_the_third_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 57 findings of the prose rules on Starlette's docs,
    Jekyll's site and kind's site, drawn at random (seed 1207) on 29 November after the
    day's other changes, each with the reviewer's verdict and reason, and ``now``:
    whether the rules still report it (the twelve false ones on lists of contributors'
    names are gone, a "section" that was a table of files, a stock passive, a swap that
    was no plainer, two in a changelog, two posts of 555 and 574 words without
    subheadings, and a 26-word sentence of 24 words whose two links, written with Liquid,
    were read as words; no true one)."""
    repos = {"encode/starlette", "jekyll/jekyll", "kubernetes-sigs/kind"}
    trial = new_site_trial("blind-trial-new-sites-3.jsonl", 57, repos)
    gone = [row for row in trial if not row["now"]]
    assert len(gone) == 20 and all(row["verdict"] == "false" for row in gone)


def test_the_fourth_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 50 findings on Poetry's docs, mkdocs-material's docs
    and kustomize's site, drawn at random (seed 1208) after every change of 29 November
    before it, each with the reviewer's verdict and reason, and ``now``: whether the
    rules still report it (the nine gone were all judged false)."""
    repos = {"python-poetry/poetry", "squidfunk/mkdocs-material", "kubernetes-sigs/kustomize"}
    trial = new_site_trial("blind-trial-new-sites-4.jsonl", 50, repos)
    gone = [row for row in trial if not row["now"]]
    assert len(gone) == 9 and all(row["verdict"] == "false" for row in gone)


def test_the_fifth_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 66 findings on Homebrew's docs, pydantic's docs and
    the OpenTelemetry site, drawn at random (seed 1209, up to ten a rule, in turn from each
    site), each with the reviewer's verdict and reason, and ``now``: whether the rules
    still report it. Of the twelve gone, ten were judged false (one on Homebrew's
    governance, which reads its key words as RFC 2119 defines them). The true ones are a
    section of options in a generated man page, like the two judged false beside it, and a
    post of 543 words without subheadings, like the two of 463 and 537 judged false."""
    repos = {"Homebrew/brew", "pydantic/pydantic", "open-telemetry/opentelemetry.io"}
    trial = new_site_trial("blind-trial-new-sites-5.jsonl", 66, repos)
    gone = [row for row in trial if not row["now"]]
    assert [row["verdict"] for row in gone].count("false") == 10 and len(gone) == 12
    assert [row["message"][:28] for row in gone if row["verdict"] == "true"] == [
        "section 'bundle [subcommand]",
        "page has 543 words and no su",
    ]


def test_the_sixth_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 62 findings on Textual's docs, ruby-lang.org (its
    English pages) and etcd's site, drawn at random (seed 1210, up to ten a rule, in turn
    from each site) after every change of 29 November before it, each with the reviewer's
    verdict and reason, and ``now``. Of the eight gone, seven were judged false: one
    paragraph of a generated API reference in five versions of the docs, a section that
    ran on past a heading written with a no-break space, and a post of 501 words without
    subheadings. The true one is a post of 429 words without subheadings."""
    repos = {"Textualize/textual", "ruby/www.ruby-lang.org", "etcd-io/website"}
    trial = new_site_trial("blind-trial-new-sites-6.jsonl", 62, repos)
    gone = [row for row in trial if not row["now"]]
    assert len(gone) == 8 and [row["verdict"] for row in gone].count("false") == 7
    names = {row["file"].rsplit("/", 1)[1] for row in gone}
    assert names == {"api_reference_v3.md", "widgets.md", "better-sleep-on-windows.md",
                     "etcd-370-rc.md"}  # fmt: skip


def test_the_seventh_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 67 findings on FastAPI's docs, Jekyll's site,
    Linkerd's site (its latest docs and its blog) and mkdocs-material's docs, drawn at
    random (seed 1311, up to ten a rule, in turn from each site) on 29 November (ninth
    session), each with the reviewer's verdict and reason, and ``now``. The last three
    sites were in earlier trials, not these findings. The seven gone are posts of 463 to
    588 words without subheadings, all judged false."""
    repos = {"fastapi/fastapi", "jekyll/jekyll", "linkerd/website", "squidfunk/mkdocs-material"}
    trial = new_site_trial("blind-trial-new-sites-7.jsonl", 67, repos)
    gone = [row for row in trial if not row["now"]]
    assert len(gone) == 7 and all(row["verdict"] == "false" for row in gone)
    assert {row["rule"] for row in gone} == {"OA205"}


def test_the_eighth_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 54 findings on uv's docs, Docsy's site, the CNCF
    glossary (English) and choosealicense.com, none of them read before, drawn at random
    (seed 1412, up to ten a rule, in turn from each site) on 29 November (tenth session),
    each with the reviewer's verdict and reason, and ``now``. Six false ones went with
    the changes they showed (code in Docsy's tabs, Liquid in a raw HTML table, four on
    a site's terms of service), and one true: a section of 409 words of which about 300
    are prose (the rest code in tabs)."""
    repos = {"astral-sh/uv", "google/docsy", "cncf/glossary", "github/choosealicense.com"}
    trial = new_site_trial("blind-trial-new-sites-8.jsonl", 54, repos)
    gone = [row for row in trial if not row["now"]]
    assert len(gone) == 7 and [row["verdict"] for row in gone].count("true") == 1
    assert sum(row["file"] == "terms-of-service.md" for row in gone) == 4


def test_the_ninth_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 55 findings on Traefik's and Argo CD's docs (MkDocs),
    read by no trial before, drawn at random (seed 1513, up to ten a rule) on 30 November
    (tenth session), each with the reviewer's verdict and reason, and ``now``. The one
    gone is OA205 on a page whose sections are level-1 headings, judged false."""
    trial = new_site_trial(
        "blind-trial-new-sites-9.jsonl", 55, {"traefik/traefik", "argoproj/argo-cd"}
    )
    gone = [(row["rule"], row["verdict"]) for row in trial if not row["now"]]
    assert gone == [("OA205", "false")]


def test_the_tenth_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 46 findings on Python-Markdown's docs and HTTPX's
    (MkDocs), kind's site (Hugo), semver.org and GitHub's training kit (Jekyll), drawn at
    random (seed 1614, up to ten a rule) on 30 November (eleventh session), each with the
    reviewer's verdict and reason, and ``now``. Thirteen went with the change they showed:
    release notes by title and specifications (RFC 2119 key words). Twelve were judged
    false; the true one is an editor's note on an archived changelog."""
    repos = {"Python-Markdown/markdown", "encode/httpx", "kubernetes-sigs/kind",
             "semver/semver.org", "github/training-kit"}  # fmt: skip
    trial = new_site_trial("blind-trial-new-sites-10.jsonl", 46, repos)
    gone = [row for row in trial if not row["now"]]
    assert len(gone) == 13 and [row["verdict"] for row in gone].count("true") == 1
    assert {row["file"].split("/")[0] for row in gone} == {"spec", "index.md", "docs"}


def test_the_eleventh_blind_trial_on_new_sites_is_kept_whole():
    """docs/readability.md quotes it: 61 findings on SQLModel's and OpenFaaS's docs
    (MkDocs), Falco's site (Hugo, Docsy) and GitHub's government site (Jekyll), drawn at
    random (seed 1717, up to ten a rule) on 30 November (fifteenth session), each with
    the reviewer's verdict and reason, and ``now``. The two that went with the change
    they showed are the "terminate" swaps, both judged false."""
    repos = {"fastapi/sqlmodel", "openfaas/docs", "falcosecurity/falco-website",
             "github/government.github.com"}  # fmt: skip
    trial = new_site_trial("blind-trial-new-sites-11.jsonl", 61, repos)
    gone = [row for row in trial if not row["now"]]
    assert [(row["rule"], row["verdict"]) for row in gone] == [("OA506", "false")] * 2
    assert all('"terminate"' in row["message"] for row in gone)
    assert sum(row["verdict"] == "true" for row in trial) == 35


@pytest.mark.parametrize(
    ("name", "findings", "repos", "mistakes_left"),
    [
        (
            "blind-trial-new-sites-12.jsonl",
            251,
            {"basecamp/handbook", "capistrano/capistrano", "evancz/guide.elm-lang.org",
             "fluxcd/website", "kubernetes/contributor-site",
             "microsoft/code-with-engineering-playbook"},
            1,
        ),
        (
            "blind-trial-new-sites-13.jsonl",
            238,
            {"18F/ux-guide", "PagerDuty/incident-response-docs",
             "cncf/tag-contributor-strategy", "go-gitea/blog", "inclusivenaming/website",
             "rust-embedded/book"},
            1,
        ),
    ],
)  # fmt: skip
def test_the_twenty_seventh_sessions_blind_trials_are_kept_whole(
    name, findings, repos, mistakes_left
):
    """docs/readability.md quotes them: findings on twelve new sites, drawn at random
    (seeds 2701 to 2704, up to ten a rule a site), each with the reader's four-way
    verdict in ``judged``, ``kind`` (ok, judgement or plain-mistake: the tool misread
    the text) and ``now``: whether the rules after that session's fixes still report it.
    Of the plain mistakes, these few are left."""
    trial = new_site_trial(name, findings, repos)
    leaning = {"true": "true", "lean-true": "true", "lean-false": "false", "false": "false"}
    assert all(leaning[row["judged"]] == row["verdict"] for row in trial)
    mistakes = [row for row in trial if row["kind"] == "plain-mistake"]
    assert all(row["verdict"] == "false" for row in mistakes)
    assert sum(row["now"] for row in mistakes) == mistakes_left


@pytest.mark.parametrize(
    ("name", "findings", "repos", "true", "mistakes", "mistakes_left"),
    [
        (
            "blind-trial-new-sites-14.jsonl", 313,
            {"golang/website", "helm/helm-www", "nodejs/nodejs.org",
             "opensearch-project/documentation-website", "prometheus/docs",
             "rust-lang/blog.rust-lang.org"},
            237, 29, 7,
        ),
        (
            "blind-trial-new-sites-15.jsonl", 227,
            {"18F/content-guide", "18F/handbook", "encode/django-rest-framework",
             "fastapi/typer", "strawberry-graphql/strawberry", "thoughtbot/guides"},
            184, 15, 3,
        ),
        (
            "blind-trial-new-sites-16.jsonl", 282,
            {"dapr/docs", "home-assistant/developers.home-assistant", "knative/docs",
             "pnpm/pnpm.io", "spinnaker/spinnaker.io", "vuejs/docs"},
            247, 22, 16,
        ),
        (
            "blind-trial-new-sites-17.jsonl", 320,
            {"kubernetes/community", "prometheus/docs", "rust-lang/api-guidelines",
             "rust-lang/rfcs", "rust-lang/rustc-dev-guide", "todogroup/todogroup.org"},
            272, 13, 8,
        ),
    ],
)  # fmt: skip
def test_the_twenty_eighth_sessions_blind_trials_are_kept_whole(
    name, findings, repos, true, mistakes, mistakes_left
):
    """docs/readability.md quotes them: findings on 24 new sites in two rounds of four
    readers (seeds 2801 to 2808, up to ten a rule a site), each with the reader's
    four-way verdict in ``judged``, ``kind`` and ``now``: whether the rules after that
    session's fixes still report a finding at its line (or the next, where a marker line
    no longer counted moved the same sentence; OA501 anywhere on its page), with
    ``now_message`` when its message changed. Prometheus' docs were read twice, by two
    readers, from two draws."""
    assert_trial_kept_whole(name, findings, repos, true, mistakes, mistakes_left)


@pytest.mark.parametrize(
    ("name", "findings", "repos", "true", "mistakes", "mistakes_left"),
    [
        (
            "blind-trial-new-sites-18.jsonl", 262,
            {"alphagov/govuk-design-system", "electron/electron", "publiccodenet/standard",
             "reactjs/react.dev", "sveltejs/svelte", "uswds/uswds-site"},
            196, 23, 10,
        ),
        (
            "blind-trial-new-sites-19.jsonl", 270,
            {"chaoss/website", "grafana/k6-docs", "nats-io/nats.docs",
             "nushell/nushell.github.io", "ossf/scorecard", "swcarpentry/shell-novice"},
            216, 21, 9,
        ),
        (
            "blind-trial-new-sites-20.jsonl", 305,
            {"18F/18f.gsa.gov", "GSA/digitalgov.gov", "alphagov/govuk-developer-docs",
             "rust-lang/async-book", "rust-lang/cargo", "rust-lang/edition-guide"},
            244, 21, 7,
        ),
        (
            "blind-trial-new-sites-21.jsonl", 267,
            {"denoland/docs", "jupyterhub/team-compass", "laravel/docs",
             "mattermost/mattermost-developer-documentation", "numpy/numpy.org",
             "scientific-python/scientific-python.org"},
            200, 12, 2,
        ),
        (
            "blind-trial-new-sites-22.jsonl", 120,
            {"goharbor/website", "grafana/writers-toolkit", "jaegertracing/documentation",
             "kubevirt/kubevirt.github.io", "mastodon/documentation",
             "privacyguides/privacyguides.org"},
            95, 10, 2,
        ),
        (
            "blind-trial-new-sites-23.jsonl", 251,
            {"18F/methods", "bazelbuild/bazel-blog", "cachix/devenv",
             "carpentries/instructor-training", "goreleaser/goreleaser", "twpayne/chezmoi"},
            178, 10, 3,
        ),
    ],
)  # fmt: skip
def test_the_twenty_ninth_sessions_blind_trials_are_kept_whole(
    name, findings, repos, true, mistakes, mistakes_left
):
    """docs/readability.md quotes them: findings on 36 more new sites in three rounds of
    four readers (seeds 2911 to 2918, up to ten a rule a site; 2921 to 2924, fewer, in a
    shorter third round), as the twenty-eighth session's are kept: ``judged``, ``kind``,
    and ``now``, matched again after the thirtieth session's fixes."""
    assert_trial_kept_whole(name, findings, repos, true, mistakes, mistakes_left)


@pytest.mark.parametrize(
    ("name", "findings", "repos", "true", "mistakes", "mistakes_left"),
    [
        (
            "blind-trial-new-sites-24.jsonl", 303,
            {"OWASP/CheatSheetSeries", "a11yproject/a11yproject.com",
             "carpentries/instructor-training", "opensourcedesign/opensourcedesign.github.io",
             "pyOpenSci/software-peer-review", "w3c/wai-website"},
            226, 40, 9,
        ),
        (
            "blind-trial-new-sites-25.jsonl", 310,
            {"Kong/docs.konghq.com", "fluent/fluent-bit-docs", "ipfs/ipfs-docs",
             "mozilla/open-leadership-training-series", "ossf/wg-best-practices-os-developers",
             "sourcegraph/handbook"},
            246, 21, 9,
        ),
        (
            "blind-trial-new-sites-26.jsonl", 277,
            {"CivicActions/guidebook", "cncf/toc", "rust-lang/mdBook", "rust-lang/nomicon",
             "rust-lang/rust-by-example", "thegooddocsproject/templates"},
            211, 17, 9,
        ),
        (
            "blind-trial-new-sites-27.jsonl", 283,
            {"cncf/foundation", "cncf/toc", "jupyter/enhancement-proposals",
             "jupyter/governance", "pyOpenSci/python-package-guide", "wagtail/guide"},
            213, 13, 4,
        ),
        (
            "blind-trial-new-sites-28.jsonl", 288,
            {"OWASP/ASVS", "OWASP/wstg", "OWASP/www-project-top-ten", "rust-lang/reference",
             "rust-lang/rust-forge", "rust-lang/rustup"},
            230, 14, 5,
        ),
        (
            "blind-trial-new-sites-29.jsonl", 276,
            {"caddyserver/website", "ddev/ddev", "grafana/loki", "kubernetes-sigs/cluster-api",
             "kubernetes-sigs/kubebuilder", "pi-hole/docs"},
            238, 12, 7,
        ),
    ],
)  # fmt: skip
def test_the_thirtieth_sessions_blind_trials_are_kept_whole(
    name, findings, repos, true, mistakes, mistakes_left
):
    """docs/readability.md quotes them: findings on 36 more new sites in three rounds of
    four readers (seeds 3011 to 3014, 3021 to 3024 and 3031 to 3034, up to ten a rule a
    site), kept as the earlier sessions' are: ``judged``, ``kind``, and ``now`` after
    this session's fixes. The CNCF's TOC was read twice, by two readers, from two
    draws."""
    assert_trial_kept_whole(name, findings, repos, true, mistakes, mistakes_left)


def test_the_blind_reading_of_the_corpus_is_whole_and_still_holds():
    """docs/readability.md quotes it: findings drawn at random from a default run on the
    corpus, judged by reviewers who saw no earlier verdict (reading 1: 72 findings of
    eight rules; reading 2: 30 of OA505 and OA507; reading 3: 54 of OA307, OA308, OA502,
    OA505 and OA507, held out from the work it then checked; reading 4: 44 of OA501,
    OA505, OA506 and OA507, drawn after all of it; reading 5: 46 of OA501, OA502, OA505,
    OA506 and OA507, judged after the other changes of 29 November; only OA506's
    dropping of "require" came after it, from it; reading 6: 141 of OA501 to OA507,
    OA307, OA204, on 1 December, with the reader's own four-way verdict in ``judged``:
    lean-true counts as true; readings 7 to 11, on 1 December too, each by one or two
    new readers, four-way: OA502 alone, to learn which lengths readers judge worth a
    rewrite, from runs that reported from 30 words (7: 34 findings; 8: 52, 30 to 34
    words and 35 or more), from 35 (9: 40), from 26 (10: 72) and from 40 (11: 40); see
    docs/readability.md, "Which long sentences readers judge worth a rewrite");
    reading 12, on 3 December, by four new readers, four-way, with ``kind`` (a plain
    mistake or a judgement call): 221 of OA501 to OA507, OA307 and OA204 (seed 2901, 40 a
    rule, every OA504, OA307 and OA204 finding).
    ``now`` says whether today's rules still report each one: a change either way needs
    judging again."""
    reading = rows(DATA / "blind-corpus-reading.jsonl")
    counts = [sum(row["reading"] == n for row in reading) for n in range(1, 13)]
    assert counts == [72, 30, 54, 44, 46, 141, 34, 52, 40, 72, 40, 221]
    assert all(row["verdict"] in ("true", "false") and row["reason"].strip() for row in reading)
    leaning = {"true": "true", "lean-true": "true", "lean-false": "false", "false": "false"}
    assert all(leaning[row.get("judged", row["verdict"])] == row["verdict"] for row in reading)
    found = {(d["rule"], d["path"], d["line"], d["column"]) for d in corpus_run()[1]["diagnostics"]}
    changed = [
        f"{row['rule']} {row['path']}:{row['line']} ({row['verdict']}) is "
        + ("gone" if row["now"] else "back")
        for row in reading
        if ((row["rule"], row["path"], row["line"], row["column"]) in found) != row["now"]
    ]
    assert changed == []
