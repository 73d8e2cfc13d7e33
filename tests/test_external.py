"""check --external against a real HTTP server on 127.0.0.1 (no mocks of httpx)."""

from __future__ import annotations

import ipaddress
import json
import time
from pathlib import Path

import pytest
from external_server import LinkServer

from openaccess.check import CheckOptions, run_check
from openaccess.config import Config, HostSettings, LinkSettings, build_config
from openaccess.external import guard
from openaccess.external.cache import CACHE_FILE, ResultCache
from openaccess.external.checker import ExternalChecker, default_user_agent

FAST = {"timeout": 0.5, "retries": 2, "retry_wait_max": 5.0, "allow_private": True}


@pytest.fixture
def server():
    with LinkServer() as running:
        yield running


def check(urls, cache=None, **settings):
    checker = ExternalChecker(LinkSettings(**{**FAST, **settings}), cache)
    return checker.run(urls), checker


def test_status_codes_redirects_and_retries(server):
    base = server.base
    urls = [
        f"{base}/ok",
        f"{base}/moved/1",
        f"{base}/temp",
        f"{base}/missing",
        f"{base}/gone",
        f"{base}/busy/a",
        f"{base}/flaky/a",
        f"{base}/slow",
        f"{base}/nohead",
    ]
    results, checker = check(urls)
    outcome = {url.removeprefix(base): (r.status, r.code, r.message) for url, r in results.items()}
    assert outcome == {
        "/ok": ("ok", 200, ""),
        "/moved/1": ("redirected", 200, ""),
        "/temp": ("redirected", 200, ""),
        "/missing": ("broken", 404, "404 Not Found"),
        "/gone": ("broken", 410, "410 Gone"),
        "/busy/a": ("ok", 200, ""),
        "/flaky/a": ("ok", 200, ""),
        "/slow": ("broken", None, "no answer within 0.5 s"),
        "/nohead": ("ok", 200, ""),
    }
    moved = results[f"{base}/moved/1"]
    assert (moved.permanent, moved.final_url) == (True, f"{base}/ok")
    assert results[f"{base}/temp"].permanent is False
    assert server.hits["/busy/a"] == 2 and server.hits["/flaky/a"] == 2
    assert server.hits["/moved/1"] == server.hits["/moved/0"] == 1
    assert server.headers["/ok"]["User-Agent"] == default_user_agent()
    assert checker.summary.line() == (
        "external links: 9 checked, 4 ok, 2 redirected, 3 failed, 0 skipped, 0 from cache"
    )


def test_retry_after_beyond_the_cap_is_reported_not_waited(server):
    results, _ = check([f"{server.base}/busy/b"], retry_wait_max=0.5)
    assert results[f"{server.base}/busy/b"].message == (
        "429 Too Many Requests (asked to retry after 1 s, more than retry_wait_max = 0.5)"
    )


def test_no_retries_means_the_first_answer_counts(server):
    results, _ = check([f"{server.base}/flaky/b"], retries=0)
    assert results[f"{server.base}/flaky/b"].message == "500 Internal Server Error"


def test_too_many_redirects(server):
    results, _ = check([f"{server.base}/moved/5"], max_redirects=3)
    assert results[f"{server.base}/moved/5"].message == "more than 3 redirects"


def test_accepted_status_codes_and_headers_per_host(server, monkeypatch):
    monkeypatch.setenv("OA_TEST_TOKEN", "t0ken")
    hosts = {
        "127.0.0.1": HostSettings(
            accept=[410], headers={"Authorization": "Bearer ${OA_TEST_TOKEN}"}
        )
    }
    results, _ = check([f"{server.base}/gone"], hosts=hosts)
    assert results[f"{server.base}/gone"].status == "ok"
    assert server.headers["/gone"]["Authorization"] == "Bearer t0ken"


def test_host_headers_are_not_sent_to_the_next_host_of_a_redirect(server, monkeypatch):
    monkeypatch.setenv("OA_TEST_TOKEN", "t0ken")
    hosts = {"127.0.0.1": HostSettings(headers={"Authorization": "Bearer ${OA_TEST_TOKEN}"})}
    results, _ = check([f"{server.base}/to-localhost"], hosts=hosts)
    assert results[f"{server.base}/to-localhost"].status == "redirected"
    assert server.headers["/to-localhost"]["Authorization"] == "Bearer t0ken"
    assert "Authorization" not in server.headers["/ok"]  # fetched from localhost


def test_a_dropped_connection_is_retried(server):
    results, _ = check([f"{server.base}/drop/a"])
    assert results[f"{server.base}/drop/a"].status == "ok"
    assert server.hits["/drop/a"] == 2


def test_a_header_with_an_unset_variable_is_not_sent(server, monkeypatch):
    monkeypatch.delenv("OA_TEST_MISSING", raising=False)
    hosts = {"127.0.0.1": HostSettings(headers={"Authorization": "Bearer ${OA_TEST_MISSING}"})}
    _, checker = check([f"{server.base}/ok"], hosts=hosts)
    assert "Authorization" not in server.headers["/ok"]
    assert checker.summary.notes == [
        "environment variable OA_TEST_MISSING is not set: headers that use it were not sent"
    ]


def test_a_host_that_does_not_exist_is_broken():
    # .invalid never resolves (RFC 6761); the message comes from the system resolver.
    results, _ = check(["https://no-such-host.invalid/page"], allow_private=False)
    result = results["https://no-such-host.invalid/page"]
    assert result.status == "broken"
    assert result.message.startswith(
        "connection failed: cannot resolve host name no-such-host.invalid: "
    )


def test_malformed_urls_are_broken_not_a_crash():
    results, checker = check(["http://", "https://[::1", "https://user:pw@/x"])
    assert {url: r.message for url, r in results.items()} == {
        "http://": "not a valid web address",
        "https://[::1": "not a valid web address",
        "https://user:pw@/x": "not a valid web address",
    }
    assert checker.summary.failed == 3


def test_excluded_urls_are_skipped_without_a_request(server):
    results, checker = check([f"{server.base}/missing"], exclude_urls=[r"/missing$"])
    assert results[f"{server.base}/missing"].status == "skipped"
    assert server.hits["/missing"] == 0
    assert checker.summary.skipped == 1


def test_fragments_are_checked_on_html_pages_when_asked(server):
    urls = [f"{server.base}/ok#here", f"{server.base}/ok#nowhere"]
    results, _ = check(urls, check_fragments=True)
    assert results[f"{server.base}/ok"].missing_fragments == {"nowhere"}


def test_host_concurrency_bounds_requests_in_flight():
    with LinkServer(delay=0.05) as slow:
        urls = [f"{slow.base}/delay/{n}" for n in range(30)]
        results, checker = check(urls, concurrency=10, host_concurrency=3)
        assert {r.status for r in results.values()} == {"ok"}
        assert checker.open_peak <= 3
        assert slow.peak <= 3


def test_host_interval_spaces_the_requests_to_one_host(server):
    """Pacing sets lower bounds (a slow machine only lengthens the run), so this cannot
    fail for lack of speed: three requests start at 0, 0.3 and 0.6 s at the earliest."""
    urls = [f"{server.base}/delay/{n}" for n in range(3)]
    started = time.monotonic()
    results, _ = check(urls, concurrency=10, host_interval=0.3)
    assert time.monotonic() - started >= 0.6
    assert {r.status for r in results.values()} == {"ok"}
    # Arrival stamps carry the network's jitter; half the interval is far above it.
    gaps = [b - a for a, b in zip(server.arrivals, server.arrivals[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.15


def test_without_host_interval_requests_to_one_host_overlap():
    with LinkServer(delay=0.2) as slow:
        urls = [f"{slow.base}/delay/{n}" for n in range(5)]
        results, _ = check(urls, concurrency=10, host_concurrency=5)
        assert {r.status for r in results.values()} == {"ok"}
        assert slow.peak >= 2


# -- security ----------------------------------------------------------------------------
def test_loopback_and_localhost_are_refused_by_default(server):
    urls = [f"{server.base}/ok", f"http://localhost:{server.port}/ok"]
    results, checker = check(urls, allow_private=False)
    assert {r.status for r in results.values()} == {"blocked"}
    assert results[urls[0]].message == (
        "not checked: 127.0.0.1 is a loopback address that readers cannot reach either"
        " (allow_private = true checks it)"
    )
    assert results[urls[1]].message.startswith("not checked: localhost (")
    assert server.hits["/ok"] == 0
    assert checker.summary.skipped == 2


def test_localhost_is_checked_when_private_addresses_are_allowed(server):
    results, _ = check([f"http://localhost:{server.port}/ok"], allow_private=True)
    assert results[f"http://localhost:{server.port}/ok"].status == "ok"


def test_every_redirect_hop_is_checked_against_the_address_policy(server, monkeypatch):
    """Treat the test server's own 127.0.0.1 as public: the first hop is fetched, the
    redirect to 10.0.0.1 (private) is refused before any connection is made."""
    real = guard.address_kind
    own = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(guard, "address_kind", lambda a: None if a == own else real(a))
    results, _ = check([f"{server.base}/to-private"], allow_private=False)
    assert results[f"{server.base}/to-private"].message == (
        "not checked: 10.0.0.1 is a private address that readers cannot reach either"
        " (allow_private = true checks it)"
    )
    assert server.hits["/to-private"] == 1


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("192.168.0.10", "private"),
        ("100.64.0.1", "non-public"),
        ("93.184.216.34", None),
    ],
)
def test_address_policy(address, kind):
    assert guard.address_kind(ipaddress.ip_address(address)) == kind


# -- cache -------------------------------------------------------------------------------
def test_cache_reuses_working_links_and_always_rechecks_failures(server, tmp_path):
    file = tmp_path / CACHE_FILE
    urls = [f"{server.base}/ok", f"{server.base}/missing", f"{server.base}/moved/0"]
    check(urls, ResultCache(file, max_age=3600))
    assert (server.hits["/ok"], server.hits["/missing"]) == (2, 1)  # /moved/0 ends at /ok
    stored = json.loads(file.read_text())["links"]
    assert sorted(stored) == [f"{server.base}/moved/0", f"{server.base}/ok"]
    assert (file.parent / ".gitignore").read_text().endswith("*\n")

    results, checker = check(urls, ResultCache(file, max_age=3600))
    assert (server.hits["/ok"], server.hits["/missing"]) == (2, 2)
    assert results[f"{server.base}/ok"].cached is True
    assert results[f"{server.base}/moved/0"].final_url == f"{server.base}/ok"
    assert checker.summary.cached == 2

    later = ResultCache(file, max_age=3600, now=time.time() + 7200)  # entries expired
    check(urls, later)
    assert (server.hits["/ok"], server.hits["/missing"]) == (4, 3)


def test_max_age_zero_disables_the_cache(server, tmp_path):
    file = tmp_path / CACHE_FILE
    check([f"{server.base}/ok"], ResultCache(file, max_age=0))
    assert not file.exists()


# -- as part of check --------------------------------------------------------------------
def test_check_reports_broken_and_moved_links_with_a_fix(server, tmp_path):
    page = tmp_path / "page.md"
    first_line = f"[gone]({server.base}/gone) and [moved]({server.base}/moved/0#here)"
    page.write_text(
        "---\ntitle: T\n---\n\n"
        f"{first_line}\n"
        f"[same]({server.base}/gone) <a href='{server.base}/ok'>fine</a> [local](page.md)\n",
        encoding="utf-8",
    )
    config = build_config(
        {"links": {"external": True, "allow_private": True, "timeout": 2}}, root=tmp_path
    )
    result = run_check([page], config, CheckOptions(select=["OA32"], jobs=1, cache=False))
    found = [(d.line, d.column, d.code, d.message) for d in result.diagnostics]
    assert found == [
        (5, 1, "OA320", f"{server.base}/gone: 410 Gone"),
        (
            5,
            first_line.index("[moved]") + 1,
            "OA321",
            f"{server.base}/moved/0#here has moved permanently to"
            f" {server.base}/ok#here; link to the new address",
        ),
        (6, 1, "OA320", f"{server.base}/gone: 410 Gone"),
    ]
    assert server.hits["/gone"] == 1  # one request per distinct URL
    fix = result.diagnostics[1].fix
    assert fix is not None and fix.applicability.value == "safe"
    assert fix.edits[0].text == f"{server.base}/ok#here"
    assert result.notes[-1] == (
        "external links: 3 checked, 1 ok, 1 redirected, 1 failed, 0 skipped, 0 from cache"
    )


def test_external_is_off_by_default(server, tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"---\ntitle: T\n---\n\n[gone]({server.base}/gone)\n", encoding="utf-8")
    config = Config(root=tmp_path)
    result = run_check([page], config, CheckOptions(select=["OA32"], jobs=1, cache=False))
    assert result.diagnostics == [] and server.hits["/gone"] == 0


def test_cli_external_flag(server, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from openaccess.commands.app import app

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.md").write_text(
        f"---\ntitle: T\n---\n\n[gone]({server.base}/missing)\n", encoding="utf-8"
    )
    (tmp_path / "openaccess.toml").write_text("[links]\nallow_private = true\n")
    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(app, ["check", "--select", "OA320", "--external", "--no-cache"])
    assert outcome.exit_code == 1
    assert f"pages/p.md:5:1: OA320 {server.base}/missing: 404 Not Found" in outcome.output
    assert Path(tmp_path / ".openaccess/cache/external-links.json").exists() is False


def test_cli_fix_writes_the_new_address_of_a_permanent_redirect(server, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from openaccess.commands.app import app

    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "p.md"
    page.write_text(
        f"---\ntitle: T\n---\n\n[moved]({server.base}/moved/1#here) [ok]({server.base}/ok)\n",
        encoding="utf-8",
    )
    (tmp_path / "openaccess.toml").write_text("[links]\nallow_private = true\n")
    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(
        app, ["check", "--select", "OA321", "--external", "--fix", "--no-cache"]
    )
    assert outcome.exit_code == 0
    assert page.read_text(encoding="utf-8").endswith(
        f"[moved]({server.base}/ok#here) [ok]({server.base}/ok)\n"
    )
