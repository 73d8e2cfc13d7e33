"""Every page of the shared real-world corpus is checked without a crash, precisely.

The corpus (../shared/corpus) holds real quirks: front matter PyYAML cannot parse, UTF-8
BOMs, CRLF files, keys with spaces and YAML dates. It is read in place, never copied.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")

FOREACH = "PowerShell-Docs/reference/5.1/Microsoft.PowerShell.Core/ForEach-Object.md"
BOM_PAGE = "PowerShell-Docs/reference/5.1/Microsoft.PowerShell.Utility/Write-Host.md"
CRLF_PAGE = "PowerShell-Docs/reference/5.1/Microsoft.PowerShell.Management/Copy-Item.md"


@cache
def corpus_run() -> tuple[subprocess.CompletedProcess[str], dict]:
    process = subprocess.run(
        [sys.executable, "-m", "openaccess", "check", "--format", "json", "--no-cache", "."],
        cwd=CORPUS,
        capture_output=True,
        text=True,
        check=False,
    )
    return process, json.loads(process.stdout)


def findings(path: str) -> list[tuple[int, int, str]]:
    _, report = corpus_run()
    return [(d["line"], d["column"], d["rule"]) for d in report["diagnostics"] if d["path"] == path]


def test_whole_corpus_is_checked_without_a_crash():
    process, report = corpus_run()
    assert process.returncode in (0, 1), process.stderr
    assert "Traceback" not in process.stderr and "internal error" not in process.stderr
    pages = [p for p in CORPUS.rglob("*") if p.suffix in (".md", ".markdown", ".html", ".htm")]
    assert report["files_checked"] == len(pages) == 1043
    assert not [d for d in report["diagnostics"] if d["rule"] == "OA000"]


def test_front_matter_pyyaml_cannot_parse_is_located():
    assert (9, 5, "OA102") in findings(FOREACH)
    message = next(d["message"] for d in corpus_run()[1]["diagnostics"] if d["path"] == FOREACH)
    assert "must be quoted" in message


def _page(path: str):
    from openaccess.page import Page

    return Page.load(CORPUS / path, path, 10**7)


def test_bom_page_front_matter_is_read_and_lines_are_true():
    # The title is read through the BOM; the body '# Write-Host' that repeats it is on
    # line 12 (with title_h1 "auto" it is the page's h1, so OA202 has nothing to say).
    page = _page(BOM_PAGE)
    assert page.title == "Write-Host"
    assert page.position(page.document.headings[0].start) == (12, 1)
    assert not [f for f in findings(BOM_PAGE) if f[2] in ("OA101", "OA102", "OA202")]


def test_crlf_page_lines_are_true():
    raw = (CORPUS / CRLF_PAGE).read_bytes()
    assert b"\r\n" in raw
    page = _page(CRLF_PAGE)
    assert page.position(page.document.headings[0].start) == (15, 1)
    assert (18, 1, "OA501") in findings(CRLF_PAGE)  # at the first paragraph, line 18
