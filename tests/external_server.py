"""A real HTTP server on 127.0.0.1 for external link tests and the benchmark.

Routes (any method unless noted):
  /ok, /ok/...        200 text/html with an element id="here"
  /moved/N            301 to /moved/N-1 ... /moved/0 -> 301 to /ok (a chain of N+1)
  /temp               302 to /ok
  /gone               410;  /missing  404
  /busy/<key>         429 with Retry-After: 1 the first time, then 200
  /flaky/<key>        500 the first time, then 200
  /drop/<key>         closes the connection without answering the first time, then 200
  /slow               answers after 2 seconds
  /nohead             HEAD answers 405, GET 200
  /to-private         302 to http://10.0.0.1/ (a private address)
  /to-localhost       302 to http://localhost:<port>/ok
  /delay/<anything>   200 after ``delay`` seconds (benchmark)
  /drip               200 whose body trickles in, one byte every 0.2 s for 30 s
  /drip-headers       a status line, then one header byte every 0.2 s for 30 s
  /busy-moved/N       429 with Retry-After: 1 the first time, then 301 to /busy-moved/N-1
                      (/busy-moved/0 -> /ok): every hop of a chain asks to wait
  /location?to=X      301 to X exactly as given (a hostile Location header)
The server counts hits per path, in-flight requests (and their peak) and keeps the
last request headers per path.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # listen() backlog: thousands of links arrive at once


class LinkServer:
    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.hits: Counter[str] = Counter()
        self.arrivals: list[float] = []  # time.monotonic() of each request, in order
        self.headers: dict[str, dict[str, str]] = {}
        self.in_flight = 0
        self.peak = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                server.handle(self, head=True)

            def do_GET(self) -> None:
                server.handle(self, head=False)

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LinkServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    def handle(self, request: BaseHTTPRequestHandler, head: bool) -> None:
        path = request.path
        with self._lock:
            self.arrivals.append(time.monotonic())
            self.hits[path] += 1
            count = self.hits[path]
            self.headers[path] = dict(request.headers.items())
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            self._answer(request, path, count, head)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _answer(self, request: BaseHTTPRequestHandler, path: str, count: int, head: bool) -> None:
        if path == "/ok" or path.startswith("/ok/"):
            return self._send(request, 200, head, body=b'<html><p id="here">hi</p></html>')
        if path.startswith("/moved/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/ok" if left == 0 else f"/moved/{left - 1}"
            return self._send(request, 301, head, location=target)
        if path == "/temp":
            return self._send(request, 302, head, location="/ok")
        if path == "/gone":
            return self._send(request, 410, head)
        if path == "/missing":
            return self._send(request, 404, head)
        if path.startswith("/busy/"):
            if count == 1:
                return self._send(request, 429, head, extra={"Retry-After": "1"})
            return self._send(request, 200, head)
        if path.startswith("/flaky/"):
            return self._send(request, 500 if count == 1 else 200, head)
        if path.startswith("/drop/") and count == 1:
            request.close_connection = True  # hang up without an answer, once
            return None
        if path.startswith("/drop/"):
            return self._send(request, 200, head)
        if path == "/slow":
            time.sleep(2)
            return self._send(request, 200, head)
        if path == "/nohead":
            return self._send(request, 405 if head else 200, head)
        if path == "/to-private":
            return self._send(request, 302, head, location="http://10.0.0.1/")
        if path == "/to-localhost":
            return self._send(request, 302, head, location=f"http://localhost:{self.port}/ok")
        if path == "/drip":
            if head:  # refused: the checker's GET must then read the trickling body
                return self._send(request, 405, head)
            return self._trickle(
                request,
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200\r\n\r\n",
                b"x" * 200,
            )
        if path == "/drip-headers":
            return self._trickle(request, b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"y" * 200)
        if path.startswith("/busy-moved/"):
            if count == 1:
                return self._send(request, 429, head, extra={"Retry-After": "1"})
            left = int(path.rsplit("/", 1)[1])
            target = "/ok" if left == 0 else f"/busy-moved/{left - 1}"
            return self._send(request, 301, head, location=target)
        if path.startswith("/location?to="):
            from urllib.parse import unquote

            return self._send(request, 301, head, location=unquote(path.split("=", 1)[1]))
        if path.startswith("/delay/"):
            time.sleep(self.delay)
            return self._send(request, 200, head)
        return self._send(request, 404, head)

    @staticmethod
    def _trickle(request: BaseHTTPRequestHandler, start: bytes, slowly: bytes) -> None:
        """Write ``start`` at once, then ``slowly`` one byte every 0.2 s (30 s at most)."""
        request.close_connection = True
        try:
            request.wfile.write(start)
            request.wfile.flush()
            for byte in slowly[:150]:
                time.sleep(0.2)
                request.wfile.write(bytes([byte]))
                request.wfile.flush()
        except OSError:  # the client gave up: what the test wants
            return

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler,
        code: int,
        head: bool,
        body: bytes = b"ok",
        location: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        request.send_response(code)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        if location:
            request.send_header("Location", location)
        for name, value in (extra or {}).items():
            request.send_header(name, value)
        request.end_headers()
        if not head:
            request.wfile.write(body)
