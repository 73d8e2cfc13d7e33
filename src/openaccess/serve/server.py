"""The preview server: the standard library's threading HTTP server, GET and HEAD only.

Pages come from :class:`~openaccess.serve.live.LiveSite`; files published as they are
come from the site's own folder, through the router's inventory (no path outside it,
no symlink out of it). Open pages hold one Server-Sent Events stream each
(``/__openaccess/events``), carrying the page's version: after every change the server
makes the pages that are open again and tells those that differ to reload. A stream
sends a comment every :data:`KEEPALIVE` seconds so closed tabs are noticed; nothing
else runs while the site is idle.
"""

from __future__ import annotations

import http.server
import ipaddress
import shutil
import threading
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from msgspec import Struct, field

from openaccess.routing.urls import clean_path
from openaccess.serve.live import DRAFTS_FOLDER, SERVE_FOLDER, LiveSite
from openaccess.serve.pages import version_of
from openaccess.serve.response import Response

KEEPALIVE = 20.0  # seconds between comments on an idle event stream
_ASSETS = {"reload.js": "text/javascript; charset=utf-8", "serve.css": "text/css; charset=utf-8"}
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


class Client(Struct, eq=False):
    """One open page's event stream."""

    url: str  # path and query, as the page was asked for
    version: str
    wake: threading.Event = field(default_factory=threading.Event)
    reload: bool = False


class Clients:
    """The open pages, told to reload when their page changed."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: set[Client] = set()
        self.closing = False

    def add(self, client: Client) -> None:
        with self.lock:
            self.open.add(client)

    def remove(self, client: Client) -> None:
        with self.lock:
            self.open.discard(client)

    def snapshot(self) -> list[Client]:
        with self.lock:
            return list(self.open)

    def close_all(self) -> None:
        with self.lock:
            self.closing = True
            for client in self.open:
                client.wake.set()


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never keeps the process alive
    block_on_close = False

    def __init__(self, address: tuple[str, int], live: LiveSite, allowed_hosts: set[str]):
        super().__init__(address, PreviewHandler)
        self.live = live
        self.clients = Clients()
        self.allowed_hosts = allowed_hosts  # empty: any Host header

    def notify(self, review: bool = True, force: bool = False) -> int:
        """Tell each open page whose content changed to reload (``force``: every open
        page); ``review`` False: reader views only (review views wait for the re-check).
        Returns how many were told."""
        told = 0
        versions: dict[str, str] = {}
        for client in self.clients.snapshot():
            path, is_review = self.page_of(client.url)
            if (is_review and not review) or client.reload:
                continue
            if client.url not in versions:
                versions[client.url] = version_of(self.live.respond(path, is_review).body)
            if force or versions[client.url] != client.version:
                client.reload = True
                client.wake.set()
                told += 1
        return told

    def page_of(self, url: str) -> tuple[str, bool]:
        """(site-relative path, review view?) of an open page's address."""
        path, review = split_page_url(url)
        project = self.live.project
        base = project.router.base_path if project is not None else ""
        if base and (path == base or path.startswith(base + "/")):
            path = path[len(base) :] or "/"
        return path, review


def split_page_url(url: str) -> tuple[str, bool]:
    """(site-relative clean path, review view?) of a page address with its query."""
    parts = urlsplit(url)
    review = parse_qs(parts.query).get("review", [""])[0] in ("1", "true", "yes")
    return clean_path(unquote(parts.path) or "/"), review


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "openaccess-serve"

    def log_message(self, format: str, *args) -> None:  # requests are not logged
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _refused(self, method: str) -> None:
        self.send_error(405, f"{method} is not served here")

    def do_POST(self) -> None:
        self._refused("POST")

    def do_PUT(self) -> None:
        self._refused("PUT")

    def do_DELETE(self) -> None:
        self._refused("DELETE")

    def _answer(self, head: bool) -> None:
        if not self._host_allowed():
            self.send_error(421, "This preview answers only on its own address")
            return
        parts = urlsplit(self.path)
        own = parts.path.startswith(f"/{SERVE_FOLDER}/")
        if own and not parts.path.startswith(f"/{DRAFTS_FOLDER}/"):
            self._own(parts.path[len(SERVE_FOLDER) + 2 :], parts.query, head)
            return
        live = self.server.live
        base = live.project.router.base_path if live.project is not None else ""
        path = unquote(parts.path)
        if base and not (path == base or path.startswith(base + "/")):
            if path in ("/", ""):
                self._redirect(base + "/")
                return
            self._send(live.not_found(), head)
            return
        site_path = path[len(base) :] or "/"
        if "\x00" in site_path or "\\" in site_path:
            self._send(live.not_found(), head)
            return
        _, review = split_page_url("?" + parts.query)
        self._send(live.respond(clean_path(site_path), review), head)

    def _host_allowed(self) -> bool:
        allowed = self.server.allowed_hosts
        if not allowed:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in allowed

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, response: Response, head: bool) -> None:
        if response.file is not None:
            self._send_file(response, head)
            return
        self.send_response(response.status)
        self._headers(response.content_type, len(response.body))
        if not head:
            self.wfile.write(response.body)

    def _send_file(self, response: Response, head: bool) -> None:
        assert response.file is not None
        try:
            source = open(response.file, "rb")  # noqa: SIM115 (closed below)
        except OSError:
            self._send(self.server.live.not_found(), head)
            return
        with source:
            size = Path(response.file).stat().st_size
            self.send_response(200)
            self._headers(response.content_type, size)
            if not head:
                shutil.copyfileobj(source, self.wfile)

    def _headers(self, content_type: str, length: int) -> None:
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()

    # -- serve's own files -----------------------------------------------------------
    def _own(self, name: str, query: str, head: bool) -> None:
        if name == "events":
            self._events(query)
            return
        if name not in _ASSETS:
            self._send(self.server.live.not_found(), head)
            return
        data = resources.files("openaccess.serve").joinpath("static", name).read_bytes()
        self._send(Response(200, _ASSETS[name], data), head)

    def _events(self, query: str) -> None:
        """One page's event stream: ``reload`` when the page changed, else comments."""
        asked = parse_qs(query)
        client = Client(asked.get("page", ["/"])[0], asked.get("v", [""])[0])
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.close_connection = True
        clients = self.server.clients
        clients.add(client)
        try:
            self._stream(client, clients)
        except OSError:  # the page was closed
            pass
        finally:
            clients.remove(client)

    def _stream(self, client: Client, clients: Clients) -> None:
        self.wfile.write(b"retry: 500\n\n")
        self.wfile.flush()
        # The page may have changed between its request and this stream.
        path, review = self.server.page_of(client.url)
        if version_of(self.server.live.respond(path, review).body) != client.version:
            client.reload = True
        while not clients.closing:
            if client.reload:
                self.wfile.write(b"event: reload\ndata: changed\n\n")
                self.wfile.flush()
                return
            if not client.wake.wait(KEEPALIVE):
                self.wfile.write(b": idle\n\n")
                self.wfile.flush()
            client.wake.clear()


def allowed_hosts(host: str) -> set[str]:
    """Host headers a loopback server accepts (another site's page cannot reach it by
    a DNS name that points here); empty (any) when bound to another address."""
    try:
        loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = host == "localhost"
    return set(_LOOPBACK_NAMES | {host.lower()}) if loopback else set()
