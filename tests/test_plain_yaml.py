"""``openaccess.plainyaml`` reads plain front matter to exactly what PyYAML reads, or
leaves it to PyYAML; and a one-page check of plain front matter loads no PyYAML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openaccess import frontmatter, plainyaml

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HERE = Path(__file__).resolve().parent


def pyyaml(content: str) -> object:
    """What the front matter reader made before: PyYAML's safe loader, with libyaml."""
    return yaml.load(content, Loader=frontmatter._safe_loader())


def assert_same(content: str) -> bool:
    """Whether the plain reader took ``content``; when it did, its mapping is PyYAML's,
    with the same keys in the same order and values of the same types (``True`` and
    ``1`` are equal, but their reprs differ)."""
    mine = plainyaml.load(content)
    if mine is None:
        return False
    theirs = pyyaml(content)
    assert repr(mine) == repr(theirs), content  # keys in order, values of the same types
    return True


TAKEN = [
    "title: How to Contribute to Open Source\norder: 1\n",
    "lang: en\nuntranslated: true\norder: -1\nrelated:\n  - beginners\n  - building\n",
    "related:\n- one\n- two\nnext: x\n",
    "empty:\nafter: 2\n",
    "ms.date: 08/21/2023\nschema: 2.0.0\nexternal help file: A.dll-Help.xml\n",
    "description: Want to contribute? A guide, for first-timers.\nimage: /a/b.png\n",
    "a: C# and F#\nb: http://example.com/x\nc: it's\nd: yes\ne: Off\nf: NULL\ng: y\n",
    "count: +0\nminus: -0\nbig: 123456789012345678\nversion: 7.5.0.0\n",
    "key:   spaced   inside  \n\n\nother: x\n",
    "items:\n  - 1\n  - true\n  - text\n",
]
LEFT = [
    "",
    "   \n",
    "k" * 1025 + ": v\n",  # PyYAML refuses a key over 1,024 characters
    "# a comment\ntitle: x\n",
    "title: [a, b]\n",
    "title: 'quoted'\n",
    "title: >\n  folded\n",
    "title: two\n  lines\n",
    "title: a: b\n",
    "title: a #comment\n",
    "title: x\ntitle: y\n",
    "on: x\n",
    "True: x\n",
    "title: tRUE\n",
    "date: 2024-01-31\n",
    "float: 1.5\n",
    "octal: 017\n",
    "under: 1_000\n",
    "sexagesimal: 1:20\n",
    "tab:\tx\n",
    "crlf: x\r\n",
    "nbsp: a\u00a0b\n",
    "line: a\u2028b\n",
    "list:\n  - a\n    - b\n",
    "list:\n  - a\n   - b\n",
    "- a\n",
    "title: x\n  - a\n",
    "key : x\n",
    "key:x\n",
    "~: x\n",
    "title: ~\n",
    "title: .inf\n",
    "title: -x\n",
    "title: x:\n",
    "...\n",
    "---\n",
    "%YAML 1.1\n",
    "title: &a x\n",
    "title: !!str 1\n",
    "items:\n  -\n",
]


@pytest.mark.parametrize("content", TAKEN)
def test_plain_front_matter_reads_as_pyyaml_reads_it(content):
    assert assert_same(content)


@pytest.mark.parametrize("content", LEFT)
def test_anything_else_is_left_to_pyyaml(content):
    assert plainyaml.load(content) is None


def test_the_digit_resolvers_are_pyyamls():
    theirs = {p.pattern for _, p in yaml.resolver.Resolver.yaml_implicit_resolvers["0"]}
    assert set(plainyaml.DIGIT_RESOLVERS) == theirs
    for start in "0123456789":
        assert {p.pattern for _, p in yaml.resolver.Resolver.yaml_implicit_resolvers[start]} == (
            theirs
        )


def test_the_yaml_opening_delimiter_is_python_frontmatters():
    from frontmatter.default_handlers import YAMLHandler

    assert frontmatter._YAML_OPEN.pattern == YAMLHandler.FM_BOUNDARY.pattern
    assert frontmatter._YAML_OPEN.flags == YAMLHandler.FM_BOUNDARY.flags


def yaml_blocks(root: Path) -> list[str]:
    blocks = []
    for path in sorted(root.rglob("*.md")):
        text = path.read_text("utf-8", errors="replace")
        try:
            block = frontmatter.locate(text)
        except frontmatter.FrontMatterError:
            continue
        if block is not None and block.format == "yaml":
            blocks.append(text[block.content_start : block.content_end])
    return blocks


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_every_plain_front_matter_of_the_corpus_reads_as_pyyaml_reads_it():
    blocks = yaml_blocks(CORPUS)
    taken = sum(assert_same(content) for content in blocks)
    assert taken > len(blocks) * 0.9  # the reader is worth having: most front matter is plain


def test_every_plain_front_matter_of_the_tests_reads_as_pyyaml_reads_it():
    for content in yaml_blocks(HERE):
        try:
            assert_same(content)
        except yaml.YAMLError:
            assert plainyaml.load(content) is None  # PyYAML refuses what it takes: a bug


PIECES = st.sampled_from(
    [
        *("title", "ms.date", "a b", "on", "Yes", "x", "_k", "key-2", "TRUE", "null", "y"),
        *(":", ": ", ":  ", " ", "  ", "- ", "  - ", "-", "#", " #", "'", '"', "[", "]"),
        *("{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "~", "<<", "=", "?"),
        *("0", "1", "-1", "+5", "007", "08", "1.5", "1_0", "0x1F", "1:20", "2024-01-31"),
        *("2.0.0", "08/21/2023", ".inf", ".5", "e5", "\n", "\n", "\n", "\t", "\u00e9", "\u2028"),
        *("\u00a0", "\r", "yes", "off", "Null", "word", "two words", "C#", "http://x"),
    ]
)


@settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_random_front_matter_reads_as_pyyaml_reads_it_or_is_left(content):
    """Text made of YAML's awkward pieces: whatever the plain reader takes, PyYAML reads
    (it raises no error) to the same mapping."""
    mine = plainyaml.load(content)
    if mine is None:
        return
    try:
        theirs = pyyaml(content)
    except yaml.YAMLError as error:
        raise AssertionError(f"PyYAML refuses {content!r}, the plain reader took it") from error
    assert repr(mine) == repr(theirs), content


def test_a_page_with_plain_front_matter_is_checked_without_pyyaml(tmp_path):
    """The one-page path of a pre-commit check loads neither PyYAML nor python-frontmatter
    when the front matter is plain; a page whose front matter is not plain still loads them."""
    page = "---\ntitle: A page\norder: 2\ntags:\n  - one\n---\n\n# A page\n\nSome words here.\n"
    (tmp_path / "page.md").write_text(page, encoding="utf-8")
    (tmp_path / "other.md").write_text("---\ntitle: [a, b]\n---\n\n# Other\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from openaccess.cli import main\n"
        "sys.argv = ['openaccess', 'check', '--no-cache', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED=' + ','.join(m for m in ('yaml', 'frontmatter') if m in sys.modules),"
        " file=sys.stderr)\n"
    )

    def loaded(name: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe, name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        (line,) = [x for x in done.stderr.splitlines() if x.startswith("LOADED=")]
        return line.removeprefix("LOADED=")

    (tmp_path / "other.md").rename(tmp_path / "other.txt")  # alone: page.md's site
    assert loaded("page.md") == ""
    (tmp_path / "other.txt").rename(tmp_path / "other.md")
    assert loaded("other.md") == "yaml,frontmatter"
