"""``openaccess lsp`` driven by a real LSP client (pytest-lsp) over stdio: the findings an
editor shows, at the right places, with fixes, rule documentation, and a site index that
follows edits in other open documents."""

from __future__ import annotations

import json
import time

import pytest
from cli_helpers import JEWELER, REPO, run, write
from lsp_client import Client, apply, edits_of, lsp_test
from lsprotocol import types
from pytest_lsp import client_capabilities

from openaccess.lsp.findings import installed_docs_url

SITE_WIDE = {"OA310", "OA320", "OA321"}  # whole-site rules: for check, not the editor
PAGE = "---\ntitle: {title}\ndescription: A page.\n---\n\n{body}\n"


def page(title: str, body: str) -> str:
    return PAGE.format(title=title, body=body)


def codes(params: types.PublishDiagnosticsParams) -> list[str]:
    return [str(d.code) for d in params.diagnostics]


@lsp_test()
async def test_jeweler_findings_are_those_of_check_at_the_same_places(
    client: Client, capsys, monkeypatch
):
    ran = run(["check", "--no-cache", "-f", "json", "pages/jeweler.md"], REPO, capsys, monkeypatch)
    expected = [
        (d["line"] - 1, d["column"] - 1, d["end_line"] - 1, d["end_column"] - 1, d["rule"],
         d["message"])
        for d in json.loads(ran.out)["diagnostics"] if d["rule"] not in SITE_WIDE
    ]  # fmt: skip
    await client.start(REPO)
    uri = client.open(JEWELER)
    found = await client.findings(uri, 1)
    shown = [
        (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
         d.code, d.message)
        for d in found.diagnostics
    ]  # fmt: skip
    assert shown == expected and len(shown) >= 5
    br = next(d for d in found.diagnostics if d.code == "OA403")
    assert (br.range.start.line, br.range.start.character, br.range.end.character) == (20, 0, 4)
    assert br.source == "openaccess"
    assert br.severity == types.DiagnosticSeverity.Warning
    # A link to the rule's section where the install says which page holds it (a GitHub
    # install); none for a local one, rather than a page without the section.
    if installed_docs_url():
        assert br.code_description is not None
        assert br.code_description.href == installed_docs_url() + "#oa403-spacing-br"
    else:
        assert br.code_description is None


@lsp_test()
async def test_mkdocs_admonitions_and_tabs_are_read_as_mkdocs_reads_them(client: Client, tmp_path):
    """The site's generator picks the Markdown dialect, as in check: in MkDocs with
    admonition, the bodies of admonitions and content tabs hold links, not code."""
    write(tmp_path / "mkdocs.yml", "site_name: T\nmarkdown_extensions: [admonition]\n")
    text = (
        '# Home\n\n!!! note "Read this"\n    See [the guide](gide.md).\n\n'
        '=== "Tab"\n\n    A [tab link](tabs.md).\n'
    )
    path = write(tmp_path / "docs" / "index.md", text)
    await client.start(tmp_path)
    uri = client.open(path)
    found = [d for d in (await client.findings(uri, 1)).diagnostics if d.code == "OA301"]
    assert [(d.range.start.line, d.range.start.character) for d in found] == [(3, 8), (7, 6)]


@lsp_test()
async def test_a_page_over_max_file_size_is_skipped_with_checks_message(client: Client, tmp_path):
    """The editor says what ``check`` says of a page too big to read: sizes in KiB and
    MiB, not in bytes (QA of 2 December)."""
    write(tmp_path / "openaccess.toml", 'pages = "pages"\nmax_file_size = 1024\n')
    path = write(tmp_path / "pages" / "big.md", "# Big\n\n" + "Words here. " * 200)
    await client.start(tmp_path)
    found = (await client.findings(client.open(path), 1)).diagnostics
    assert [d.message for d in found] == ["skipped: file is 2.4 KiB, over max_file_size (1.0 KiB)"]


@lsp_test()
async def test_a_quick_fix_removes_the_jeweler_br(client: Client):
    await client.start(REPO)
    text = JEWELER.read_text(encoding="utf-8")
    uri = client.open(JEWELER)
    await client.findings(uri, 1)
    actions = await client.actions(uri, 20)
    titles = [a.title for a in actions]
    fix = next(a for a in actions if a.title.startswith("Remove") and "(OA403)" in a.title)
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.diagnostics and fix.diagnostics[0].code == "OA403"
    assert "Disable OA403 for this line" in titles
    fixed = apply(text, edits_of(fix, uri))
    assert "<br>" not in fixed and fixed.replace("\n", "") == text.replace("<br>", "").replace(
        "\n", ""
    )
    client.change(uri, fixed, 2)
    assert "OA403" not in codes(await client.findings(uri, 2))


@lsp_test()
async def test_disable_comment_and_fix_all(client: Client, tmp_path):
    body = "Some text here.\n\n<br>\n\nRead [here](a.md) now.<br>\n"
    path = write(tmp_path / "pages" / "a.md", page("A", body))
    await client.start(tmp_path)
    text = path.read_text(encoding="utf-8")
    uri = client.open(path)
    first = await client.findings(uri, 1)
    assert sorted(codes(first)) == ["OA306", "OA403", "OA403"]
    disable = next(a for a in await client.actions(uri, 9) if a.title.startswith("Disable OA306"))
    silenced = apply(text, edits_of(disable, uri))
    assert "\n\n<!-- openaccess-disable-next-line OA306 -->\nRead [here]" in silenced
    client.change(uri, silenced, 2)
    assert sorted(codes(await client.findings(uri, 2))) == ["OA403", "OA403"]
    [fix_all] = await client.actions(uri, 0, only=["source.fixAll"])
    assert fix_all.kind == "source.fixAll.openaccess"
    assert fix_all.edit is None  # VS Code resolves the edit when the writer picks it
    fix_all = await client.code_action_resolve_async(fix_all)
    fixed = apply(silenced, edits_of(fix_all, uri))
    assert "<br>" not in fixed
    client.change(uri, fixed, 3)
    assert codes(await client.findings(uri, 3)) == []


@lsp_test()
async def test_hover_shows_the_rule_documentation(client: Client):
    from openaccess.rules import lookup
    from openaccess.rules.docs import explain

    await client.start(REPO)
    uri = client.open(JEWELER)
    await client.findings(uri, 1)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(20, 2))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**OA403 spacing-br**: <br> used for vertical")
    documentation = explain(lookup("OA403")).partition("\n")[2]
    assert hover.contents.value.endswith(documentation)
    assert hover.range == types.Range(types.Position(20, 0), types.Position(20, 4))
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 1))
    )
    assert nothing is None


@lsp_test()
async def test_renaming_a_heading_breaks_the_link_in_another_open_document(
    client: Client, tmp_path
):
    target = write(tmp_path / "pages" / "a.md", page("A", "## Part one\n\nText about it."))
    index = write(tmp_path / "pages" / "index.md", page("Home", "See [part one](a.md#part-one)."))
    await client.start(tmp_path)
    index_uri = client.open(index)
    assert codes(await client.findings(index_uri, 1)) == []
    target_uri = client.open(target)
    await client.findings(target_uri, 1)
    seen = len(client.published)
    renamed = target.read_text(encoding="utf-8").replace("## Part one", "## Part two")
    client.change(target_uri, renamed, 2)
    # Opening a.md re-checks index.md too (a.md's ids were new): that check may publish
    # after ``seen``, so wait for findings with the broken link.
    broken = await client.findings(index_uri, 1, after=seen, until=lambda p: p.diagnostics)
    [finding] = broken.diagnostics
    assert finding.code == "OA302" and "part-one" in finding.message
    assert finding.range.start == types.Position(5, 4)
    seen = len(client.published)
    client.change(target_uri, target.read_text(encoding="utf-8"), 3)
    assert codes(await client.findings(index_uri, 1, after=seen)) == []


@lsp_test()
async def test_a_heading_renamed_on_disk_breaks_the_link_in_an_open_document(
    client: Client, tmp_path
):
    """The renamed page is not open: the editor's file watcher tells of the change."""
    target = write(tmp_path / "pages" / "a.md", page("A", "## Part one\n\nText about it."))
    index = write(tmp_path / "pages" / "index.md", page("Home", "See [part one](a.md#part-one)."))
    await client.start(tmp_path)
    await client.registered(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    index_uri = client.open(index)
    assert codes(await client.findings(index_uri, 1)) == []
    target.write_text(page("A", "## Part two\n\nText about it."), encoding="utf-8")
    seen = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(target.as_uri(), types.FileChangeType.Changed)]
        )
    )
    [finding] = (await client.findings(index_uri, 1, after=seen)).diagnostics
    assert finding.code == "OA302" and "part-one" in finding.message
    seen = len(client.published)
    target.unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(target.as_uri(), types.FileChangeType.Deleted)]
        )
    )
    assert codes(await client.findings(index_uri, 1, after=seen)) == ["OA301"]


@lsp_test()
async def test_saving_checks_at_once(client: Client, tmp_path):
    """On save the findings come without waiting for the document to be still."""
    path = write(tmp_path / "pages" / "a.md", page("A", "Text."))
    debounce = 10.0
    await client.start(tmp_path, options={"debounce": debounce})
    uri = client.open(path)
    assert codes(await client.findings(uri, 1)) == []
    started = time.monotonic()
    client.change(uri, page("A", "Text.<br>"), 2)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    assert codes(await client.findings(uri, 2)) == ["OA403"]
    assert time.monotonic() - started < debounce  # the save, not the timer, checked it


@lsp_test()
async def test_ranges_count_utf16_units_after_emoji_cjk_and_a_bom(client: Client, tmp_path):
    body = "Emoji 😀😀 and 中文 text.<br>\r\n\r\nMore text 🙂 here <br>\r\n"
    text = "\ufeff" + page("Wide", body).replace("\n", "\r\n").replace("\r\r\n", "\r\n")
    path = write(tmp_path / "pages" / "wide.md", "")
    path.write_bytes(text.encode("utf-8"))
    await client.start(tmp_path)
    uri = client.open(path, text)
    found = await client.findings(uri, 1)
    breaks = [d.range for d in found.diagnostics if d.code == "OA403"]
    # "Emoji " 6 + two emoji 4 + " and " 5 + two CJK 2 + " text." 6 = 23 UTF-16 units.
    assert breaks[0] == types.Range(types.Position(5, 23), types.Position(5, 27))
    # "More text " 10 + emoji 2 + " here " 6 = 18.
    assert breaks[1] == types.Range(types.Position(7, 18), types.Position(7, 22))
    edits = edits_of(next(a for a in await client.actions(uri, 5) if a.is_preferred), uri)
    assert "😀😀 and 中文 text.\r\n" in apply(text, edits)


@lsp_test()
async def test_the_bom_is_a_column_on_the_first_line(client: Client, tmp_path):
    """A page without front matter: its whole-page finding on line 1 starts after the
    byte order mark, which the editor's text still holds."""
    text = "\ufeff<br>\n\nText.\n"
    path = write(tmp_path / "pages" / "bom.md", text)
    await client.start(tmp_path)
    uri = client.open(path, text)
    found = await client.findings(uri, 1)
    br = next(d for d in found.diagnostics if d.code == "OA403")
    assert br.range == types.Range(types.Position(0, 1), types.Position(0, 5))


@lsp_test()
async def test_utf8_positions_when_the_client_asks_for_them(client: Client, tmp_path):
    path = write(tmp_path / "pages" / "a.md", page("A", "中文 😀 <br>"))
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=["utf-8", "utf-16"])
    result = await client.start(tmp_path, capabilities=capabilities)
    assert result.capabilities.position_encoding == "utf-8"
    uri = client.open(path)
    found = await client.findings(uri, 1)
    br = next(d for d in found.diagnostics if d.code == "OA403")
    assert br.range.start == types.Position(5, 6 + 1 + 4 + 1)  # bytes: CJK 3, emoji 4


@lsp_test()
async def test_a_burst_of_changes_is_checked_once(client: Client, tmp_path):
    path = write(tmp_path / "pages" / "a.md", page("A", "Text."))
    await client.start(tmp_path, options={"debounce": 0.3})
    text = path.read_text(encoding="utf-8")
    uri = client.open(path)
    await client.findings(uri, 1)
    seen = len(client.published)
    for version in range(2, 32):
        client.change(uri, text + "<br>\n" * version, version)
    last = await client.findings(uri, 31, after=seen)
    assert codes(last) == ["OA403"] * 31
    await client.text_document_hover_async(  # a round trip: nothing more is queued
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0))
    )
    burst = [p for p in client.published[seen:] if p.uri == uri]
    assert len(burst) <= 2, [p.version for p in burst]


@lsp_test()
async def test_settings_outside_the_workspace_and_pages_folder(client: Client, tmp_path):
    workspace, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    write(workspace / "openaccess.toml", 'ignore = ["OA403"]\n')
    inside = write(workspace / "pages" / "a.md", page("A", "Text.<br>"))
    readme = write(workspace / "README.md", "# Read me\n\n<br>\n")
    outside = write(elsewhere / "b.md", page("B", "Text.<br>"))
    await client.start(workspace)
    uris = [client.open(path) for path in (inside, readme, outside)]
    assert codes(await client.findings(uris[0], 1)) == []  # the workspace's config
    assert codes(await client.findings(uris[1], 1)) == []  # not a page of the site
    assert codes(await client.findings(uris[2], 1)) == ["OA403"]  # default settings


@lsp_test()
async def test_config_and_new_files_reload_from_watched_file_events(client: Client, tmp_path):
    path = write(tmp_path / "pages" / "a.md", page("A", "See [b](b.md).<br>"))
    await client.start(tmp_path)
    uri = client.open(path)
    assert sorted(codes(await client.findings(uri, 1))) == ["OA301", "OA403"]
    settings = write(tmp_path / "openaccess.toml", 'ignore = ["OA403"]\n')
    created = write(tmp_path / "pages" / "b.md", page("B", "Text."))
    seen = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [
                types.FileEvent(settings.as_uri(), types.FileChangeType.Created),
                types.FileEvent(created.as_uri(), types.FileChangeType.Created),
            ]
        )
    )
    assert codes(await client.findings(uri, 1, after=seen)) == []
    settings.write_text("ignore = [\n", encoding="utf-8")  # broken: said, not fatal
    seen = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(settings.as_uri(), types.FileChangeType.Changed)]
        )
    )
    assert codes(await client.findings(uri, 1, after=seen)) == []
    shown = await client.logged("not valid TOML")
    assert shown.type == types.MessageType.Error
    assert any("not valid TOML" in m.message for m in client.messages)


@lsp_test()
async def test_bad_input_never_stops_the_server(client: Client, tmp_path):
    path = write(tmp_path / "pages" / "a.md", page("A", "Text."))
    await client.start(tmp_path)
    uri = client.open(path, "binary\x00text")
    [unreadable] = (await client.findings(uri, 1)).diagnostics
    assert unreadable.code == "OA000" and "binary" in unreadable.message
    client.change(uri, "---\ntitle: [unclosed\n---\n\ntext \ud800 here\n", 2)
    assert codes(await client.findings(uri, 2)) == ["OA000"]
    client.change(uri, page("A", "Fine <br>"), 3)
    assert codes(await client.findings(uri, 3)) == ["OA403"]
    unknown = types.TextDocumentIdentifier((tmp_path / "nowhere.md").as_uri())
    assert (
        await client.text_document_hover_async(types.HoverParams(unknown, types.Position(99, 99)))
        is None
    )
    assert await client.actions(unknown.uri, 5) == []


@lsp_test(
    "from openaccess.rules import lookup",
    "def broken(self, page, context):",
    "    raise RuntimeError('rule bug for the test')",
    "    yield",
    "lookup('OA403').check = broken",
)
async def test_a_failing_rule_is_logged_and_the_other_rules_still_report(client: Client, tmp_path):
    path = write(tmp_path / "pages" / "a.md", page("A", "Read [here](a.md). <br>"))
    await client.start(tmp_path)
    uri = client.open(path)
    assert codes(await client.findings(uri, 1)) == ["OA306"]
    logged = await client.logged("rule OA403 spacing-br failed")
    assert logged.type == types.MessageType.Error and "rule bug for the test" in logged.message


@lsp_test()
async def test_shutdown_then_exit_ends_the_process_cleanly(client: Client, tmp_path):
    path = write(tmp_path / "pages" / "a.md", page("A", "Text."))
    await client.start(tmp_path)
    uri = client.open(path)
    await client.findings(uri, 1)
    await client.shutdown_session()
    assert client._server is not None and client._server.returncode == 0


@pytest.mark.parametrize("editor", ["neovim", "emacs"])
@lsp_test()
async def test_other_editors_capabilities(client: Client, tmp_path, editor):
    """Clients that prefer other settings (no versioned edits, plain-text hovers, "fix
    all" with its edit at once: Emacs cannot resolve it later) work."""
    path = write(tmp_path / "pages" / "a.md", page("A", "Text.<br>\n\nMore.<br>"))
    text = path.read_text(encoding="utf-8")
    await client.start(tmp_path, capabilities=client_capabilities(editor))
    uri = client.open(path)
    assert codes(await client.findings(uri, 1)) == ["OA403", "OA403"]
    fix = next(a for a in await client.actions(uri, 5) if a.is_preferred)
    assert apply(text, edits_of(fix, uri)).count("<br>") == 1
    [fix_all] = await client.actions(uri, 0, only=["source"])
    if editor == "neovim":
        fix_all = await client.code_action_resolve_async(fix_all)
    assert "<br>" not in apply(text, edits_of(fix_all, uri))
