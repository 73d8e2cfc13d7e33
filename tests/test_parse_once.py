"""Each page is parsed once per run, even when other pages link into its sections.

A ``#fragment`` into another page needs that page's ids. ``check`` does not parse the
target for them: a link into a page whose ids this process has not read yet is held, and
settled once every page is checked, with the ids each page's own check made
(``Site.holding``, ``Rule.settle``). These tests count the parses and compare the
findings with checking each page on its own, where ids are read at once.

A did-you-mean fix is offered only when it changes nothing but its link's address; the
common case (a plain address in a plain line) is known without parsing the line again,
and gives the answer parsing gives.
"""

from __future__ import annotations

import pickle
from pathlib import Path, PurePosixPath

import pytest
from cli_helpers import write

import openaccess.parse.markdown as markdown
import openaccess.rules.links.suggest as suggest
from openaccess.check import CheckOptions, run_check
from openaccess.config import Config
from openaccess.diagnostics import Edit
from openaccess.document import Link
from openaccess.linter import Linter
from openaccess.page import Page
from openaccess.routing.model import Output
from openaccess.routing.router import Target
from openaccess.run.project import open_project
from openaccess.run.site import Held

PAGES = 12


def page_text(index: int) -> str:
    following = (index + 1) % PAGES
    before = (index - 1) % PAGES
    wrong = "nothing-like-it" if index % 3 == 0 else "part-two"
    return (
        f"---\ntitle: Page {index}\ndescription: Test page number {index}.\n---\n\n"
        f"Read [the next page](page-{following:02}.md#part-two) and"
        f" [the one before](page-{before:02}.md#{wrong}).\n\n"
        "## Part one\n\nShort words help.\n\n## Part two\n\nKeep lines short.\n"
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # findings name pages relative to the working folder
    for index in range(PAGES):
        write(tmp_path / f"page-{index:02}.md", page_text(index))
    return tmp_path


def check(root: Path, jobs: int = 1) -> list[str]:
    config = Config(root=root, pages=".")
    options = CheckOptions(cache=False, jobs=jobs, select=["OA0", "OA3"])
    result = run_check([root], config, options)
    return [f"{d.path}:{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics]


def page_by_page(root: Path) -> list[str]:
    """Each page checked on its own (as the language server does): ids read at once."""
    project = open_project([root], Config(root=root, pages="."))
    linter = Linter(project.config, select=["OA0", "OA3"])
    found = []
    for path in sorted(root.glob("*.md")):
        page = project.store.page(path)
        found += linter.check_page(page, project.site)
    return [f"{d.path}:{d.line}:{d.column} {d.code} {d.message}" for d in found]


def test_a_check_parses_each_page_once(site, monkeypatch):
    parsed: list[str] = []
    read_for_ids: list[str] = []
    tokenize, outline_ids = markdown.tokenize, markdown.outline_ids

    def counting_tokenize(body: str, dialect: str = "commonmark", env: dict | None = None):
        parsed.append(body)
        return tokenize(body, dialect, env)

    def counting_outline_ids(text, lines, body_start, dialect):
        read_for_ids.append(text)
        return outline_ids(text, lines, body_start, dialect)

    monkeypatch.setattr(markdown, "tokenize", counting_tokenize)
    monkeypatch.setattr(markdown, "outline_ids", counting_outline_ids)
    found = check(site)
    assert len(parsed) == PAGES == len(set(parsed))
    assert read_for_ids == []
    broken = [line for line in found if " OA302 " in line]
    assert len(broken) == PAGES // 3
    assert "page-03.md:6:47 OA302 no heading or id 'nothing-like-it' in page-02.md" in broken


def test_held_links_get_the_findings_of_links_read_at_once(site):
    (site / "page-05.md").write_text(
        page_text(5) + "\nSee [a part](page-02.md#part-three) and [this](#part-one).\n",
        encoding="utf-8",
    )
    assert sorted(check(site)) == sorted(page_by_page(site))
    assert sorted(check(site, jobs=2)) == sorted(check(site))


def test_suppression_comments_see_every_finding_of_their_page(site):
    """A page with suppression comments reads ids at once, so comments that silence
    findings into other pages are used, and one above a sound link is reported."""
    text = page_text(3).replace(
        "Read [the next",
        "<!-- openaccess-disable-next-line OA302 -->\nRead [the next",
    )
    text += (
        "\n<!-- openaccess-disable-next-line OA302 -->\n"
        "[Wrong part](page-07.md#no-such-part) and\n\n"
        "<!-- openaccess-disable-next-line OA302 -->\n[Right part](page-08.md#part-one)\n"
    )
    (site / "page-03.md").write_text(text, encoding="utf-8")
    found = [line for line in check(site) if line.startswith("page-03.md")]
    assert found == sorted(line for line in page_by_page(site) if line.startswith("page-03.md"))
    assert [line.split(" ", 2)[1:] for line in found] == [
        [
            "OA001",
            "unused suppression: 'OA302' in openaccess-disable-next-line silences nothing"
            " here; remove it",
        ]
    ]


def test_a_held_link_reaches_the_settling_process_with_what_settling_reads():
    link = Link("../a/b.md#part-two", "the next page", 10, 40)
    output = Output("a/b/index.html", "page", PurePosixPath("a/b.md"))
    target = Target("found", PurePosixPath("a/b.md"), "part-two", "/a/b/", output)
    sent = pickle.loads(pickle.dumps(Held.of("OA302", link, target)))
    assert (sent.code, sent.link) == ("OA302", link)
    assert sent.target == Target("found", PurePosixPath("a/b.md"), "part-two", "/a/b/")
    assert (sent.path, sent.fragment) == ("a/b.md", "part-two")  # read without remaking


# -- the check that a fix changes only its link's address ---------------------------------
@pytest.mark.parametrize(
    ("text", "plain", "safe"),
    [
        ("See [the page](pgae.md) now.\n", True, True),
        ("- See ![a chart](img/chrat.png) and [more](other.md).\n", True, True),
        ('See [the page](pgae.md "A title") now.\n', False, True),
        ("See [the `page`](pgae.md) now.\n", False, True),
        # In its paragraph the first backtick closes a code span; read alone, the line
        # opens one that hides the link: only parsing tells, so the fix is not offered.
        ("Some `code\ncontinues` here [the page](pgae.md) and ` more `\n", False, False),
    ],
)
def test_a_plain_address_fix_is_judged_as_parsing_would(text, plain, safe, monkeypatch):
    page = Page.from_text(Path("a.md"), text)
    link = next(link for link in page.document.links if "pgae" in link.href or "chrat" in link.href)
    old = "pgae.md" if "pgae" in link.href else "chrat.png"
    start = page.text.index(old, link.start)
    edit = Edit(start, start + len(old), old.replace("pgae", "page").replace("chrat", "chart"))
    first = page.lines.line_start(page.position(link.start)[0])
    lines = page.text[first : page.lines.line_start(page.position(link.end)[0] + 1)]
    assert suggest._plain_address_edit(page, link, edit, lines) is plain
    assert suggest._keeps_the_page(page, link, edit) is safe
    monkeypatch.setattr(suggest, "_plain_address_edit", lambda *args: False)
    assert suggest._keeps_the_page(page, link, edit) is safe  # what parsing the lines says


def test_check_fix_parses_each_fixed_text_once(tmp_path, monkeypatch):
    """``check --fix``: the reading guard and the re-check after it share one parse of
    each text (the ``<br>`` pair is fixed in one pass: see F11 in test_security_text)."""
    from openaccess.check import run_fixes

    write(
        tmp_path / "a.md",
        "---\ntitle: A\ndescription: A page.\n---\n\nFirst line.<br>\n\nSecond.<br><br>\n",
    )
    monkeypatch.chdir(tmp_path)
    config = Config(root=tmp_path, pages=".")
    options = CheckOptions(cache=False, jobs=1, select=["OA403"])
    result = run_check([tmp_path], config, options)
    assert [d.code for d in result.diagnostics] == ["OA403", "OA403", "OA403"]
    parsed: list[str] = []
    tokenize = markdown.tokenize

    def counting_tokenize(body: str, dialect: str = "commonmark", env: dict | None = None):
        parsed.append(body)
        return tokenize(body, dialect, env)

    monkeypatch.setattr(markdown, "tokenize", counting_tokenize)
    fixed = run_fixes([tmp_path], config, options, result, unsafe=False, write=False)
    assert fixed[0].after.endswith("First line.\n\nSecond.\n")
    assert len(parsed) == len(set(parsed)) == 2  # as found, and after the one pass
