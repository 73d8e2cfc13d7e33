"""``openaccess lsp`` against raw protocol bytes, and its parts without a client:
positions in UTF-16, UTF-8 and UTF-32 units, and suppression comments that silence
exactly the finding they are offered for."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from cli_helpers import write
from lsp_client import server_command

from fixture_runner import FIXTURES
from openaccess.lsp.actions import smallest_edit, suppression_edit
from openaccess.lsp.positions import UTF8, UTF16, UTF32, Positions
from openaccess.lsp.session import Session


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def answers(output: bytes) -> dict[object, dict]:
    """The server's responses by request id."""
    found = {}
    for body in re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n", output):
        if body.strip():
            message = json.loads(body)
            if "id" in message:
                found[message["id"]] = message
    return found


def initialize(folder: Path) -> bytes:
    """The client's first message, for a workspace at ``folder``."""
    params = {"processId": None, "rootUri": folder.as_uri(), "capabilities": {}}
    return frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params})


def served(*messages: bytes) -> subprocess.CompletedProcess[bytes]:
    """The server run over ``messages``, sent at once, until it ends."""
    return subprocess.run(
        server_command(), input=b"".join(messages), capture_output=True, timeout=120
    )


SOMEWHERE = {"textDocument": {"uri": "untitled:1"}, "position": {"line": 0, "character": 0}}


def test_unreadable_messages_are_answered_and_exit_without_shutdown_is_status_1(tmp_path):
    """Raw bytes, as a broken client might send them: every request gets an answer, no
    traceback reaches the log, and exit without shutdown is status 1 (as LSP says)."""
    done = served(
        initialize(tmp_path),
        b"Content-Length: 5\r\n\r\n{{{{{",
        frame({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"x": 1}}),
        frame({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": SOMEWHERE}),
        frame({"jsonrpc": "2.0", "method": "exit"}),
    )
    assert done.returncode == 1
    replies = answers(done.stdout)
    assert replies[2]["error"]["code"] == -32602  # invalid params
    assert replies[3]["result"] is None
    assert "Traceback" not in done.stderr.decode("utf-8")


def test_a_request_after_shutdown_is_answered_invalid_request(tmp_path):
    """LSP: "requests after a shutdown request should error with InvalidRequest". pygls
    only logged them, and the client waited (QA of 2 December, G4)."""
    done = served(
        initialize(tmp_path),
        frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        frame({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": SOMEWHERE}),
        frame({"jsonrpc": "2.0", "method": "exit"}),
    )
    assert done.returncode == 0
    replies = answers(done.stdout)
    assert replies[2]["result"] is None
    assert replies[3]["error"]["code"] == -32600  # invalid request


def test_a_client_that_goes_away_ends_the_server(tmp_path):
    done = served(initialize(tmp_path))
    assert done.returncode == 1
    assert answers(done.stdout)[1]["result"]["serverInfo"]["name"] == "openaccess"


def test_a_message_longer_than_the_limit_ends_the_server_with_one_line(tmp_path):
    """A ``Content-Length`` of 100 TB (a helper's attack ended in ``internal error:
    MemoryError``): the message is never read, and one line says why."""
    huge = b"Content-Length: 99999999999999\r\n\r\n{}"
    done = served(initialize(tmp_path), huge)
    assert done.returncode == 1
    assert answers(done.stdout)[1]["result"]["serverInfo"]["name"] == "openaccess"
    assert done.stderr.decode("utf-8") == (
        "openaccess lsp: error: a message of 99999999999999 bytes is over the 64 MiB limit;"
        " stopping\n"
    )


@pytest.mark.parametrize(
    ("encoding", "columns"),
    [(UTF16, [0, 1, 3, 4, 5]), (UTF8, [0, 1, 5, 8, 9]), (UTF32, [0, 1, 2, 3, 4])],
)
def test_positions_count_the_units_the_client_asked_for(encoding, columns):
    text = "a😀中b\r\nx\ry\n"
    positions = Positions(text, encoding)
    assert [positions.position(offset) for offset in range(5)] == [
        (0, column) for column in columns
    ]
    assert positions.position(6) == (1, 0)  # after CRLF
    assert positions.position(8) == (2, 0)  # a lone CR ends a line too
    for offset, column in enumerate(columns):
        assert positions.offset(0, column) == offset
    assert positions.offset(0, 999) == 4  # past the end of the line: its end
    assert positions.offset(1, 1) == 7
    if columns[2] - columns[1] > 1:  # inside the emoji's units: the emoji's start
        assert positions.offset(0, columns[1] + 1) == 1
    assert positions.offset(9, 0) == len(text)


def test_the_smallest_edit_keeps_what_did_not_change():
    edit = smallest_edit("aXXb<br>c", "aXXbc")
    assert (edit.start, edit.end, edit.text) == (4, 8, "")
    assert smallest_edit("same", "same") is None


def test_every_suppression_offered_silences_exactly_its_finding(tmp_path):
    """For every finding of every rule fixture: the comment (or front matter key) the
    server offers silences that rule on that line (or page), and nothing else changes:
    no new finding, no unused-suppression warning."""
    offered = 0
    for code_folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        workspace = tmp_path / code_folder.name
        shutil.copytree(code_folder, workspace / "pages")
        session = Session([workspace], lambda level, message: None)
        for page in sorted((workspace / "pages").iterdir()):
            if page.suffix not in (".md", ".html"):
                continue
            text = page.read_bytes().decode("utf-8", "surrogateescape")
            [checked, *_] = session.open(page.as_uri(), page, text, 1)
            before = Counter(d.code for d in checked.diagnostics)
            for finding in checked.diagnostics:
                offer = suppression_edit(checked, finding)
                if offer is None:
                    continue
                title, edit = offer
                offered += 1
                silenced = text[: edit.start] + edit.text + text[edit.end :]
                [again, *_] = session.change(page, silenced, 2)
                after = Counter(d.code for d in again.diagnostics)
                whole_page = title.endswith("this page")
                same = sum(
                    1 for d in checked.diagnostics
                    if d.code == finding.code and (whole_page or d.line == finding.line)
                )  # fmt: skip
                where = f"{page.relative_to(tmp_path)}:{finding.line} {finding.code}"
                assert before - after == Counter({finding.code: same}), where
                assert not after - before, where
            session.close(page)
    assert offered > 150


def test_a_page_in_a_folder_without_a_pages_folder_is_checked(tmp_path):
    """No openaccess.toml and no pages/ folder: the workspace folder is the site, as
    'openaccess check .' reads it."""
    page = write(tmp_path / "docs" / "a.md", "---\ntitle: A\ndescription: A.\n---\n\n<br>\n")
    session = Session([tmp_path], lambda level, message: None)
    [checked] = session.open(page.as_uri(), page, page.read_text(encoding="utf-8"), 1)
    assert checked.checked and [d.code for d in checked.diagnostics] == ["OA403"]


def test_hidden_and_vendored_files_do_not_join_the_site(tmp_path):
    """A watcher's event under .git/ or node_modules/ is no page of the site."""
    page = write(tmp_path / "pages" / "a.md", "---\ntitle: A\ndescription: A.\n---\n\n[b](b.md)\n")
    session = Session([tmp_path], lambda level, message: None)
    [checked] = session.open(page.as_uri(), page, page.read_text(encoding="utf-8"), 1)
    assert [d.code for d in checked.diagnostics] == ["OA301"]
    for hidden in (
        tmp_path / "pages" / ".git" / "b.md",
        tmp_path / "pages" / "node_modules" / "b.md",
    ):
        write(hidden, "x")
        assert session.files_changed([hidden]) == []
    write(tmp_path / "pages" / "b.md", "---\ntitle: B\ndescription: B.\n---\n\nText.\n")
    [again] = session.files_changed([tmp_path / "pages" / "b.md"])
    assert again.diagnostics == []


def test_the_guide_editor_setups_are_valid_and_start_the_server():
    """The VS Code settings are JSON and the Helix config is TOML; every setup runs
    'openaccess lsp'."""
    import tomllib

    from cli_helpers import REPO

    guide = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    section = guide[guide.index("## The language server") : guide.index("## Problem matchers")]
    blocks = dict(re.findall(r"```(\w+)\n(.*?)```", section, re.S))
    settings = json.loads(blocks["json"])
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == [
        "openaccess",
        "lsp",
    ]
    helix = tomllib.loads(blocks["toml"])
    assert helix["language-server"]["openaccess"] == {"command": "openaccess", "args": ["lsp"]}
    assert all("openaccess" in language["language-servers"] for language in helix["language"])
    assert "cmd = { 'openaccess', 'lsp' }" in blocks["lua"]
    assert '("openaccess" "lsp")' in blocks["elisp"]


def test_a_finding_links_to_its_rule_in_the_rules_reference_of_the_installed_openaccess():
    from openaccess.lsp.findings import docs_url

    installed = "openaccess-cli @ git+https://github.com/acme/openaccess.git@0123abc"
    assert docs_url(installed) == "https://github.com/acme/openaccess/blob/0123abc/docs/rules.md"
    # No page with the rule's section is known: no link, rather than one to a PyPI page
    # that has none (QA of 2 December, G5).
    assert docs_url("openaccess-cli==1.2.0") == ""
    assert docs_url("openaccess-cli @ git+https://github.com/OWNER/openaccess@TAG") == ""
    assert docs_url("openaccess-cli @ file:///home/me/openaccess") == ""
