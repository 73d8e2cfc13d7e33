"""Template code is no prose: Hugo shortcodes and Jekyll's Liquid and attribute lists,
and the inner content of a Hugo shortcode whose template takes it as it is (code)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_hugo_links import check, hugo_site
from test_links import write_site

from openaccess.page import Page
from openaccess.parse.markdown import tokenize
from openaccess.parse.templates import (
    ALONE,
    WRAPPED,
    WRAPPED_BELOW,
    block_tag_wrapping,
    hugo_dialect,
    verbatim_shortcode,
    without_template_code,
    without_verbatim_shortcodes,
)
from openaccess.routing.hugo import load_hugo
from openaccess.routing.jekyll import load_jekyll
from openaccess.ruledata import RuleData
from openaccess.text import measure

CODE_SHORTCODE = '{{ $code := trim .Inner "\\n" }}<pre>{{ highlight $code "yaml" "" }}</pre>\n'
NOTE_SHORTCODE = '<blockquote class="note">{{ .Inner | markdownify }}</blockquote>\n'


def sentences(text: str, dialect: str) -> list[str]:
    page = Page.from_text(Path("x.md"), f"---\ntitle: T\n---\n{text}")
    page.dialect = dialect
    return [s.text for s in measure(page, "en", RuleData().languages)[2].sentences]


# -- which shortcodes take their inner content as it is --------------------------------
@pytest.mark.parametrize(
    ("template", "verbatim"),
    [
        (CODE_SHORTCODE, True),
        (NOTE_SHORTCODE, False),
        ("<div>{{ .Inner | .Page.RenderString }}</div>", False),
        ("<div>{{ .InnerDeindent }}</div>", True),  # raw HTML, not Markdown
        ('<img src="{{ .Get "src" }}">', False),  # no inner content at all
    ],
)
def test_a_template_that_does_not_render_its_inner_content_takes_it_as_it_is(template, verbatim):
    assert verbatim_shortcode(template) is verbatim


def test_the_sites_templates_come_before_the_themes_and_replace_hugos_own(tmp_path):
    hugo_site(tmp_path, {"_index.md": "---\ntitle: T\n---\n"}, 'theme = "docs"\n', hooks=False)
    write_site(tmp_path / "layouts" / "shortcodes", {
        "code.html": CODE_SHORTCODE,
        "note.html": NOTE_SHORTCODE,
        "highlight.html": NOTE_SHORTCODE,  # the site's own highlight renders Markdown
        "docs/sample.en.html": CODE_SHORTCODE,
    })  # fmt: skip
    write_site(tmp_path / "themes" / "docs" / "layouts" / "_shortcodes", {
        "note.html": CODE_SHORTCODE,  # the site's note wins
        "yaml.html": CODE_SHORTCODE,
    })  # fmt: skip
    site = load_hugo(tmp_path / "hugo.toml")
    assert site.dialect == "hugo:code,docs/sample,highlight~,note~,yaml"
    assert load_hugo(_bare_site(tmp_path / "bare")).dialect == "hugo:highlight"


@pytest.mark.parametrize(
    ("config", "dialect"),
    [
        ('theme = "docsy"\n', "hugo:highlight,tab?"),
        ('[[module.imports]]\npath = "github.com/google/docsy"\n', "hugo:highlight,tab?"),
        ('theme = "book"\n', "hugo:highlight"),
    ],
)
def test_a_docsy_site_reads_its_tabs_by_their_parameters(tmp_path, config, dialect):
    """Docsy's theme or module, which a checkout seldom holds (Docsy's own site, the CNCF
    glossary): its tabs' code depends on their parameters (see the blanking below)."""
    hugo_site(tmp_path, {"_index.md": "---\ntitle: T\n---\n"}, config, hooks=False)
    assert load_hugo(tmp_path / "hugo.toml").dialect == dialect


def _bare_site(root: Path) -> Path:
    hugo_site(root, {"_index.md": "---\ntitle: T\n---\n"}, hooks=False)
    return root / "hugo.toml"


# -- blanking ---------------------------------------------------------------------------
def test_a_verbatim_shortcode_is_blanked_with_its_tags_and_offsets_kept():
    body = (
        "Intro.\n"
        '{{< code lang="yaml" >}}\n# a comment\nkey: value\n{{< /code >}}\n'
        "{{< note >}}\n# A heading\n{{< /note >}}\n"
        "{{</* code */>}} is how you write it.\n"
        "{{< code />}} stands alone. {{< code >}}never closed\n"
    )
    blanked = without_verbatim_shortcodes(body, hugo_dialect(["code"]))
    assert len(blanked) == len(body) and blanked.count("\n") == body.count("\n")
    assert blanked.splitlines() == [
        "Intro.", " " * 24, " " * 11, " " * 10, " " * 13,
        "{{< note >}}", "# A heading", "{{< /note >}}",
        "{{</* code */>}} is how you write it.",
        "{{< code />}} stands alone. {{< code >}}never closed",
    ]  # fmt: skip
    assert without_verbatim_shortcodes(body, "hugo") == body
    assert without_verbatim_shortcodes(body, "commonmark") == body


def test_shortcodes_inside_a_verbatim_one_render_their_own_markdown():
    """Hugo runs the shortcodes inside a verbatim one first: ``column`` (its template
    renders its content with ``markdownify``) inside ``block`` (which writes its content
    as it is) still renders its image, as Hugo 0.168 builds compose's home page. Text
    of ``block``'s own, and a verbatim shortcode inside it, stay blank."""
    body = (
        "{{< block >}}\n[raw](a.md)\n{{< column >}}\n![b](/b.jpg)\n{{< /column >}}\n"
        '{{< figure src="/c.jpg" >}}\n{{< block >}}\n![d](/d.jpg)\n{{< /block >}}\n'
        "{{< /block >}}\n"
    )
    blanked = without_verbatim_shortcodes(body, hugo_dialect(["block"]))
    assert len(blanked) == len(body) and blanked.count("\n") == body.count("\n")
    assert [line for line in blanked.splitlines() if line.strip()] == [
        "{{< column >}}", "![b](/b.jpg)", "{{< /column >}}", '{{< figure src="/c.jpg" >}}'
    ]  # fmt: skip


def test_a_shortcode_rendering_its_content_alone_holds_code_when_it_is_indented():
    """``tip`` renders ``.Inner`` with ``markdownify`` on its own: inside a list item, its
    content indented four spaces is an indented code block there (Hugo 0.168 builds
    ``<pre><code>See [the guide]…``, compose's theme), and no link; at the margin, or
    from a shortcode called with ``%``, it is Markdown."""
    body = (
        "1. Step.\n\n    {{< tip >}}\n    See [a](/a/).\n    {{< /tip >}}\n\n"
        "{{< tip >}}\nSee [b](/b/).\n{{< /tip >}}\n\n"
        "1. Step.\n\n    {{% tip %}}\n    See [c](/c/).\n    {{% /tip %}}\n"
    )
    blanked = without_verbatim_shortcodes(body, hugo_dialect(["tip" + ALONE]))
    assert len(blanked) == len(body) and blanked.count("\n") == body.count("\n")
    assert "[a]" not in blanked and "[b]" in blanked and "[c]" in blanked
    assert without_verbatim_shortcodes(body, hugo_dialect(["tip"])) != body  # verbatim: all


def test_docsy_tabs_hold_code_unless_they_or_their_pane_say_text():
    """Docsy's tabpane shows a tab's content as highlighted code (a TOML ``# comment`` is
    no heading, its words no sentence), unless the tab or the pane says ``text=true``.
    (Docsy refuses a tab outside a pane.) Another theme's tabs are Markdown."""
    body = (
        '{{< tabpane >}}\n{{< tab header="TOML" lang="toml" >}}\n# Comment\n{{< /tab >}}\n'
        '{{< tab header="Note" text=true >}}\n# Kept\n{{< /tab >}}\n{{< /tabpane >}}\n'
        "{{< tabpane text=true >}}\n{{< tab A >}}\n# Also kept\n{{< /tab >}}\n{{< /tabpane >}}\n"
    )
    blanked = without_verbatim_shortcodes(body, "hugo:tab?")
    kept = [line for line in blanked.splitlines() if "#" in line]
    assert kept == ["# Kept", "# Also kept"]
    assert without_verbatim_shortcodes(body, "hugo:highlight") == body


@pytest.mark.parametrize("dialect", ["hugo", "commonmark", "mkdocs", "kramdown"])
def test_shortcode_calls_are_no_words_of_a_page(dialect):
    """On any page: a project may keep its pages for a Hugo site in another repository
    (Poetry's docs), and the syntax is Hugo's alone."""
    text = (
        "{{< note >}}**Note**: Run {{< version >}} of the tool, then `{{< code >}}` again."
        "{{< /note >}}\n\n{{% tab %}}Tabs hold Markdown.{{% /tab %}}\n"
    )
    assert sentences(text, dialect) == [
        "Note: Run of the tool, then {{< code >}} again.",
        "Tabs hold Markdown.",
    ]


def test_liquid_and_attribute_lists_are_no_words_of_a_kramdown_page():
    text = (
        "{: .note .info}\nPass the `{{ page.title }}` value {{ page.title }} to the"
        " [tag]({{ '/docs/tags/' | relative_url }}).\n\n"
        "{% raw %}Liquid tags{% endraw %} start with {%.\n\n"
        "Please [check the issues]({{ site.repository }}/issues) and [the list]({% link a.md %}).\n"
    )
    assert sentences(text, "kramdown") == [
        "Pass the {{ page.title }} value to the tag.",  # Liquid runs first: a link
        "Liquid tags start with {%.",
        "Please check the issues and the list.",
    ]
    assert sentences(text, "commonmark")[0].startswith("{: .note .info} Pass")
    # OpenSearch's docs: kramdown's inline extension around raw HTML is no word either.
    icon = "See the icon ({::nomarkdown}<img src='a.png' alt='sparkle'/>{:/}) by the alert."
    assert sentences(icon, "kramdown") == ["See the icon ( ) by the alert."]
    assert "{{ page.title }} to" in sentences(text, "mkdocs")[0]  # Jinja docs keep theirs


def test_a_liquid_diagram_is_no_prose_of_a_kramdown_page():
    """Kong's docs draw with a plugin's ``{% mermaid %}``: its node labels were read as a
    662-word sentence. Like ``highlight``, the body is code to kramdown."""
    text = (
        "Intro.\n\n{% mermaid %}\nflowchart LR\n  A(Team Blue configures) --> B(Nodes get it)\n"
        "{% endmermaid %}\n\n{% plantuml %}\nAlice -> Bob: Hello there\n{% endplantuml %}\n\n"
        "Outro.\n"
    )
    assert sentences(text, "kramdown") == ["Intro.", "Outro."]


@pytest.mark.parametrize(
    ("delimiter", "tables"),
    [("-------|------------", 1), ("--- | --- | --- | ---", 1), ("-|-", 0), ("---|---|---", 1)],
)
def test_a_kramdown_table_may_have_fewer_delimiter_cells_than_header_cells(delimiter, tables):
    """kramdown reads a table whatever its delimiter row's count of cells (Kong's metrics:
    "Metric | Category | Description" over two cells); GFM reads a 358-word paragraph.
    The row is rewritten in place, when it has room for the header's cells; code keeps
    its text."""
    text = f"Metric | Category | Description\n{delimiter}\nCount | Sum | All the calls\n"
    found = [token.type for token in tokenize(text, "kramdown")]
    assert found.count("table_open") == tables
    fenced = [token.type for token in tokenize(f"```\n{text}```\n", "kramdown")]
    assert ("fence" in fenced, "table_open" in fenced) == (True, False)
    assert [token.type for token in tokenize(text, "commonmark")].count("table_open") == (
        delimiter.count("|") == 2
    )


def test_template_code_in_raw_html_is_no_prose_either():
    """choosealicense.com builds its table of licenses with Liquid inside raw HTML: the
    tags are no sentence; in ``<code>`` they stay, as in a code span."""
    text = (
        "<table><tr><td>\n{% assign seen = '' %} {% for type in types %} {{ type.label }}"
        " {% endfor %} Permissions.\n</td></tr></table>\n\n"
        "<p>Write <code>{{ page.title }}</code> in the layout.</p>\n"
    )
    assert sentences(text, "kramdown") == [
        "Permissions.",
        "Write {{ page.title }} in the layout.",
    ]


def test_code_spans_keep_template_code_and_other_dialects_keep_outputs():
    """A tag (``{% link a.md %}``) is no prose on any page; an output (``{{ x }}``) is
    template code only where Liquid runs. MkDocs' attr_list lists are markup there."""
    code = [(4, 20)]
    text = "Use {{< version >}} or {{< version >}}."
    assert without_template_code(text, "hugo", code) == "Use {{< version >}} or " + " " * 15 + "."
    liquid = "Use {{ site.title }} or {% link a.md %}."
    blanked = "Use {{ site.title }} or " + " " * 15 + "."
    assert without_template_code(liquid, "mkdocs", []) == blanked
    assert without_template_code(liquid, "commonmark", []) == blanked
    listed = 'Read the guide{:target="_blank" } first.'
    assert without_template_code(listed, "mkdocs", []) == "Read the guide" + " " * 19 + " first."
    assert without_template_code(listed, "commonmark", []) == listed


def test_a_shortcode_call_whose_closing_starts_a_line_is_no_prose():
    """numpy.org writes ``{{< figure`` with a parameter a line and ``>}}`` alone on the
    last: CommonMark reads that line as a block quote, so the paragraph holds a call that
    never closes (24 "sentences" of its case studies). The rest of the paragraph from
    its opening is the call's; an escaped call is text."""
    call = '{{< figure\n    src="/images/strain.png"\n    title="Estimated strain amplitude"'
    assert without_template_code(call, "hugo", []) == _blank(call)
    assert without_template_code("See it. " + call, "commonmark", []) == "See it. " + _blank(call)
    escaped = "Write {{</* figure src=... */"
    assert without_template_code(escaped, "hugo", []) == escaped


def _blank(text: str) -> str:
    return "".join(char if char in "\r\n" else " " for char in text)


def test_pandoc_attributes_are_no_prose_on_any_page():
    """The Carpentries' lessons give a figure its long alt text as Pandoc attributes,
    ``![](fig.png){alt='A timeline of...'}``: 257 words of a section were that text."""
    text = "See the map.{alt='A timeline of the lessons'} And {.note #intro} this."
    blanked = without_template_code(text, "commonmark", [])
    assert blanked == "See the map." + " " * 33 + " And " + " " * 14 + " this."
    plain = "Sets {a, b} and {1, 2} are prose."
    assert without_template_code(plain, "commonmark", []) == plain


def test_an_output_that_calls_a_function_is_template_code_on_any_page():
    """GOV.UK's Design System (Nunjucks) shows its examples with ``{{ example({...}) }}``
    and its tables with ``{{ govukTable({ rows: [...] }) }}`` over many lines: they were
    a 26-word and a 116-word "sentence" (the twenty-ninth session's blind trial)."""
    rows = '    [{ text: "6 weeks" }, { text: "109.80 per week" }],\n' * 60  # 3,300 characters
    call = '{{ govukTable({\n  caption: "Dates",\n  rows: [\n' + rows + "  ]\n}) }}"
    text = f"See the table.\n{call}\nThen pay."
    expected = "See the table.\n" + "\n".join(" " * len(line) for line in call.split("\n"))
    assert without_template_code(text, "commonmark", []) == expected + "\nThen pay."
    assert without_template_code(text, "mkdocs", []) == expected + "\nThen pay."
    plain = "Write {{ name }} where the name goes, or f(x) in {{ braces }}."
    assert without_template_code(plain, "commonmark", []) == plain


def test_template_scans_take_linear_time():
    """Openers that never close, a shortcode that never ends: each scan stays bounded."""
    hostile = "{% " * 200_000 + "{{< code >}}" * 50_000 + "{{ f(" * 50_000
    start = time.process_time()
    without_template_code(hostile, "kramdown", [])
    without_template_code(hostile, "hugo", [])
    without_template_code(hostile, "commonmark", [])
    without_verbatim_shortcodes(hostile, hugo_dialect(["code"]))
    small = time.process_time() - start
    start = time.process_time()
    without_template_code(hostile * 4, "kramdown", [])
    without_template_code(hostile * 4, "hugo", [])
    without_template_code(hostile * 4, "commonmark", [])
    without_verbatim_shortcodes(hostile * 4, hugo_dialect(["code"]))
    assert time.process_time() - start < small * 12


# -- on a Hugo site ---------------------------------------------------------------------
def test_comments_in_a_code_shortcode_are_no_headings_on_a_hugo_site(tmp_path):
    page = (
        "---\ntitle: Configuration\n---\n\nA cluster:\n\n"
        '{{< code lang="yaml" >}}\n# One control plane node\nkind: Cluster\n#\n{{< /code >}}\n\n'
        "{{< note >}}\n# Inside a note\n{{< /note >}}\n"
    )
    hugo_site(tmp_path, {"config.md": page}, hooks=False)
    write_site(tmp_path / "layouts" / "shortcodes", {
        "code.html": CODE_SHORTCODE, "note.html": NOTE_SHORTCODE,
    })  # fmt: skip
    assert check(tmp_path, "OA202,OA203") == [
        "content/config.md:14:1 OA202 second level-1 heading: the front matter title is"
        " already the level-1 heading; use level 2"
    ]


@pytest.mark.parametrize(
    ("partial", "checked"),
    [
        ("<div>{{ .content | markdownify }}</div>", True),
        ("<pre>{{ .content }}</pre>", False),
    ],
)
def test_a_shortcode_that_hands_its_content_to_a_markdown_partial_holds_markdown(
    tmp_path, partial, checked
):
    """vitess.io's ``info`` shortcode passes ``.Inner`` to a partial that renders it with
    ``markdownify``: its links are links (13 broken ones went unchecked before)."""
    page = "---\ntitle: Cutover\n---\n\n{{< info >}}\nSee [the switch](../gone/).\n{{< /info >}}\n"
    hugo_site(tmp_path, {"cutover.md": page}, hooks=False)
    write_site(tmp_path / "layouts", {
        "shortcodes/info.html": '{{ partial "admonition.html" (dict "content" .Inner) }}\n',
        "partials/admonition.html": partial + "\n",
    })  # fmt: skip
    found = check(tmp_path, "OA301")
    assert found == (
        ["content/cutover.md:6:5 OA301 link target '../gone/' does not exist"] if checked else []
    )


# -- tabs, steps and details: read one part at a time ----------------------------------
def test_tabs_steps_and_details_are_found_as_regions():
    from openaccess.parse.markdown import scanned_regions

    body = (
        "Intro.\n\n"
        '=== "macOS"\n\n    Install it.\n\n'  # a content tab (MkDocs)
        '??? note "More"\n    Hidden.\n\n'  # collapsed details
        "```\n=== not a tab in code\n```\n\n"
        '{{< tabs >}}{{< tab "pipx" >}}Run pipx.{{< /tab >}}{{< /tabs >}}\n'
        "{{% steps %}}One.{{% /steps %}} {{< note >}}Read.{{< /note >}}\n"
    )
    regions = [body[start:end] for start, end in scanned_regions(body, "mkdocs")]
    assert regions == [
        '=== "macOS"\n\n    Install it.\n\n',
        '??? note "More"\n    Hidden.\n\n',
        '{{< tabs >}}{{< tab "pipx" >}}Run pipx.{{< /tab >}}{{< /tabs >}}',
        "{{% steps %}}One.{{% /steps %}}",
    ]
    assert [body[a:b] for a, b in scanned_regions(body, "commonmark")] == regions[2:]
    # A raw HTML table whose cell holds Markdown paragraphs after blank lines (Sourcegraph's
    # review templates), and one left open, which runs to the end.
    table = "<table><tr><td>Answer\n\nDescribe the work.\n</td></tr></table>"
    body = f"Intro.\n\n{table}\n\nOutro.\n\n<TABLE>\n\nLast."
    assert [body[a:b] for a, b in scanned_regions(body, "commonmark")] == [
        table, "<TABLE>\n\nLast.",
    ]  # fmt: skip


def test_definitions_of_a_definition_list_are_found_as_regions():
    """kramdown's and def_list's ``: `` lines, with their indented and lazy lines, from a
    term right above; a blank line then a line at the margin ends one; a colon in code
    starts none. Any dialect: Hugo's Goldmark and Pandoc read them too (the Carpentries'
    shell lesson: a glossary of 1,228 words was one long section)."""
    from openaccess.parse.markdown import scanned_regions

    body = (
        "Intro.\n\n`-d`, `--debug`\n\n: If brewing fails, open\n  a shell.\n\n  More.\n\n"
        "`-f`\n: Install.\nlazy line\n\nAfter.\n\n```\n: not a definition\n```\n"
    )
    found = [body[start:end] for start, end in scanned_regions(body, "kramdown")]
    assert found == [
        ": If brewing fails, open\n  a shell.\n\n  More.\n\n",
        "`-f`\n: Install.\nlazy line\n\n",
    ]
    for dialect in ("mkdocs", "commonmark", "hugo"):
        assert [body[a:b] for a, b in scanned_regions(body, dialect)] == found


@pytest.mark.parametrize(
    ("dialect", "wrap"),
    [
        ("mkdocs", lambda text: '=== "pipx"\n\n    ' + text + '\n\n=== "manual"\n\n    More.\n'),
        ("kramdown", lambda text: "`--debug`\n\n: " + text + "\n\n`--force`\n\n: More.\n"),
        (
            "commonmark",
            lambda text: "{{< tabs >}}\n{{< tab >}}\n" + text + "\n{{< /tab >}}\n{{< /tabs >}}\n",
        ),
        # Raw HTML details, one an entry (Home Assistant's API reference), in any dialect.
        (
            "commonmark",
            lambda text: f"<details>\n<summary>GET /a</summary>\n\n{text}\n\n</details>",
        ),
        ("mkdocs", lambda text: f"<DETAILS open>\n<summary>GET /a</summary>\n\n{text}\n</details>"),
    ],
)
def test_a_section_mostly_in_tabs_is_built_for_scanning(tmp_path, dialect, wrap):
    """Readers see one tab at a time, look a term of a definition list up, and open the
    details they need: a section whose words are mostly in tabs, definitions or details
    is not long (OA505), as one that is mostly a list is not."""
    from test_readability_rules import messages

    words = " ".join(["Install the tool with the command below, then check it."] * 45)
    body = f"## Installation\n\nPick one way.\n\n{wrap(words)}\n"
    page = Page.from_text(Path("x.md"), f"---\ntitle: T\n---\n{body}")
    page.dialect = dialect
    assert messages(page, select=["OA505"]) == []
    plain = Page.from_text(Path("x.md"), f"---\ntitle: T\n---\n## Installation\n\n{words}\n")
    assert [m[:10] for m in messages(plain, select=["OA505"])] == ["4:1 OA505 "]


def test_template_code_in_link_addresses_is_read_in_linear_time(tmp_path):
    """Link addresses with unclosed template code, and link tags that never close, on one
    long line: each scan stays bounded (see test_template_scans_take_linear_time)."""
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    site = load_jekyll(tmp_path / "_config.yml")
    hostile = "[a](" + "{{ x " * 20_000 + "{% link a " * 20_000 + "{{ site.baseurl }}" * 5_000
    start = time.process_time()
    tokenize(hostile, "kramdown")
    site.template_links(hostile)
    small = time.process_time() - start
    start = time.process_time()
    tokenize(hostile * 4, "kramdown")
    site.template_links(hostile * 4)
    assert time.process_time() - start < small * 12


@pytest.mark.parametrize(
    ("template", "wrapping"),
    [
        ('<div class="x">{{ .Inner }}</div>', WRAPPED),
        ("{{ $in := .Inner }}\n  <section>{{- $in -}}\n</section>", WRAPPED),
        ('<div class="body">\n    {{ .Inner }}\n  </div>', WRAPPED_BELOW),
        ("<div>{{ .Inner | markdownify }}</div>", ""),
        ("<div>{{ $title }}{{ .Inner }}</div>", ""),
        ("{{ $in := .Get 0 }}<div>{{ $in }}</div>", ""),
        ("<span>{{ .Inner }}</span>", ""),
        # Hugo 0.111 omits '<p>Note:</p>Text [a](/x/)' whole: one HTML block, raw
        ("<p>Note:</p>{{ .Inner }}", WRAPPED),
        # docdock's box and expand: piped, and four lines down after lines of HTML alone
        ('<div class="box">{{ .Inner | safeHTML }}</div>', WRAPPED),
        (
            '<div class="expand">\n<div class="label"><span>{{ .Get 0 }}</span></div>\n'
            '<div class="content" style="display: none;">\n<p>{{.Inner | safeHTML }}</p>\n</div>',
            WRAPPED,
        ),
        ('<div class="x">\n  <div class="y">\n    {{ .Inner }}\n  </div>', WRAPPED_BELOW),
        # a line of template code alone may write a blank line, which ends the block
        ('<div class="x">\n{{ if .Get 0 }}\n{{ .Inner }}\n{{ end }}</div>', ""),
        # Hugo renders the inner content of an old "version 1" shortcode as Markdown
        # (docdock's notice; Hugo 0.111 built its links)
        (
            '{{ $_hugo_config := `{ "version": 1 }` }}\n'
            '<div class="notices"><p>{{ .Inner }}</p></div>',
            "",
        ),
    ],
)
def test_a_template_that_writes_its_content_after_a_block_tag(template: str, wrapping: str):
    """Only a block-level tag that opens a line, then the inner content as it is (or a
    variable that holds it), on that line or below after lines of HTML alone, can make
    a ``{{% %}}`` call an HTML block (docdock's example site: 1 false alarm)."""
    assert block_tag_wrapping(template) == wrapping
