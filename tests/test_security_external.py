"""check --external against hostile servers (issue 13, rows 6, 7 and 14's address guard).

A real HTTP server on 127.0.0.1 plays the attacker: it trickles bytes, asks every hop of
a redirect chain to wait, or answers with a crafted Location header.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote

import pytest
from external_server import LinkServer

from openaccess.check import CheckOptions, run_check
from openaccess.config import ConfigError, LinkSettings, build_config
from openaccess.external import guard
from openaccess.external.checker import ExternalChecker

FAST = {"timeout": 0.5, "retries": 2, "retry_wait_max": 5.0, "allow_private": True}


@pytest.fixture
def server():
    with LinkServer() as running:
        yield running


def check(urls, **settings):
    checker = ExternalChecker(LinkSettings(**{**FAST, **settings}))
    return checker.run(urls), checker


# -- row 6: deadlines a server cannot stretch --------------------------------------------------
@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_server_trickling_bytes_cannot_hold_a_link_past_timeout(server, path):
    results, _ = check([server.base + path], timeout=1.0, retries=0)
    result = results[server.base + path]
    assert (result.status, result.message) == ("broken", "no answer within 1 s")


def test_retry_after_on_every_redirect_hop_is_bounded_by_link_deadline(server):
    url = f"{server.base}/busy-moved/10"
    results, _ = check([url], link_deadline=2.5, retry_wait_max=30.0)
    assert (results[url].status, results[url].message) == (
        "broken",
        "no final answer within 2.5 s (link_deadline: redirects, retries and waits together)",
    )
    assert sum(count for path, count in server.hits.items() if "busy" in path) < 8


def test_links_left_when_the_run_deadline_passes_are_reported_not_checked(tmp_path):
    with LinkServer(delay=2.0) as server:
        _run_past_the_deadline(server, tmp_path)


def _run_past_the_deadline(server: LinkServer, tmp_path) -> None:
    slow = [f"{server.base}/delay/{n}" for n in range(4)]
    page = tmp_path / "page.md"
    page.write_text(
        "---\ntitle: T\n---\n\n" + " ".join(f"[s{n}]({url})" for n, url in enumerate(slow)) + "\n",
        encoding="utf-8",
    )
    links = {
        "external": True,
        "allow_private": True,
        "timeout": 5.0,
        "concurrency": 1,
        "external_deadline": 3.0,
    }
    config = build_config({"links": links}, root=tmp_path)
    result = run_check([page], config, CheckOptions(select=["OA320"], jobs=1, cache=False))
    messages = [d.message for d in result.diagnostics]
    late = [m for m in messages if "not checked (deadline)" in m]
    assert 1 <= len(late) <= 3, messages
    assert late[0].endswith(
        ": not checked (deadline): the external checks ran out of time (external_deadline = 3 s)"
    )
    assert f"{len(late)} not checked (deadline)" in result.notes[-1]


@pytest.mark.parametrize("key", ["external_deadline", "link_deadline", "timeout"])
def test_deadlines_must_be_positive(tmp_path, key):
    with pytest.raises(ConfigError, match=f"key 'links.{key}' must be more than 0 seconds"):
        build_config({"links": {key: 0}}, root=tmp_path)


# -- row 7: the OA321 fix writes only a clean, absolute address ------------------------------------
HOSTILE_LOCATIONS = [  # the test server answers 200 under /ok/
    "/ok/new) and <script>alert(1)</script> [claim your prize](https://evil.example/x",
    "/ok/a b\nc",
    "/ok/x](javascript:alert(1))",
    '/ok/x"onmouseover=alert(1)',
    "/ok/x'>y",
    "javascript:alert(1)",
    "/ok/%zz%",
]


def _fixed_page(server, tmp_path, monkeypatch, location: str, html: bool = False) -> str:
    """The page after ``check --fix`` when a link's server answers 301 with ``location``."""
    from openaccess.check import run_fixes

    url = f"{server.base}/location?to={quote(location, safe='')}"
    body = f'<p><a href="{url}">the form</a></p>' if html else f"Fill in [the form]({url}) now."
    page = tmp_path / ("page.html" if html else "page.md")
    page.write_text(f"---\ntitle: T\n---\n\n{body}\n", encoding="utf-8")
    links = {"allow_private": True, "external": True, "timeout": 2}
    config = build_config({"links": links}, root=tmp_path)
    options = CheckOptions(select=["OA321"], jobs=1, cache=False)
    monkeypatch.chdir(tmp_path)
    result = run_check([page], config, options)
    run_fixes([page], config, options, result, unsafe=False, write=True)
    return page.read_text(encoding="utf-8")


@pytest.mark.parametrize("location", HOSTILE_LOCATIONS)
def test_the_moved_link_fix_never_writes_markup_from_a_server(
    server, tmp_path, monkeypatch, location
):
    text = _fixed_page(server, tmp_path, monkeypatch, location)
    body = text.split("---\n", 2)[2]
    assert "<script" not in body  # whatever the server said is at most an encoded path
    assert body.startswith("\nFill in [the form](") and body.endswith(") now.\n")
    destination = body[len("\nFill in [the form](") : -len(") now.\n")]
    assert destination.startswith(server.base)
    assert not set(destination) & set(" \n<>()[]\"'`\\")


def test_the_moved_link_fix_percent_encodes_and_keeps_the_page_as_it_was(
    server, tmp_path, monkeypatch
):
    text = _fixed_page(server, tmp_path, monkeypatch, "/ok/new page/ünïcode?a=(1)#top")
    assert text.endswith(
        f"Fill in [the form]({server.base}/ok/new%20page/%C3%BCn%C3%AFcode?a=%281%29#top) now.\n"
    )


def test_the_moved_link_fix_in_html_stays_inside_the_attribute(server, tmp_path, monkeypatch):
    text = _fixed_page(server, tmp_path, monkeypatch, '/ok/x"onmouseover=alert(1)', html=True)
    assert f'<a href="{server.base}/ok/x%22onmouseover=alert%281%29">the form</a>' in text


# -- row 14: the address guard, a test per range -------------------------------------------------
@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("192.0.0.192", "non-public"),  # IETF protocol assignments, 192.0.0.0/24
        ("192.0.0.9", "non-public"),
        ("192.0.2.1", "non-public"),  # documentation (TEST-NET-1)
        ("198.18.0.1", "non-public"),  # benchmarking
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("0.1.2.3", "non-public"),  # "this network"
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("2002:7f00:1::", "loopback (6to4 form of 127.0.0.1)"),
        ("2002:a00:1::1", "private (6to4 form of 10.0.0.1)"),
        ("2002:a9fe:a9fe::", "link-local (6to4 form of 169.254.169.254)"),
        ("64:ff9b::7f00:1", "loopback (NAT64 form of 127.0.0.1)"),
        ("64:ff9b::a9fe:a9fe", "link-local (NAT64 form of 169.254.169.254)"),
        ("64:ff9b:1::a00:1", "reserved"),  # local-use NAT64 prefix
        ("::7f00:1", "reserved"),  # IPv4-compatible (deprecated) form
        ("::ffff:10.0.0.1", "private"),
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private (Teredo form of 10.0.0.1)"),
        ("fc00::1", "private"),
        ("fe80::1", "link-local"),
        ("fec0::1", "non-public"),  # site-local (deprecated)
        ("2001:db8::1", "non-public"),  # documentation
        ("3fff::1", "non-public"),  # documentation (RFC 9637, 2024)
        ("100::1", "reserved"),  # discard-only
    ],
)
def test_the_address_guard_refuses_every_non_public_range(address, kind):
    assert guard.address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
                                     "2002:5db8:d70e::1", "64:ff9b::5db8:d70e"])  # fmt: skip
def test_public_addresses_pass_the_guard(address):
    assert guard.address_kind(ipaddress.ip_address(address)) is None
