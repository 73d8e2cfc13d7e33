"""Checking external links over HTTP, politely, quickly and safely.

* One request per distinct URL (fragments aside), all in one asyncio loop with httpx.
* Bounded: at most ``concurrency`` requests open in total and ``host_concurrency`` per
  host, with at least ``host_interval`` seconds between two request starts to a host.
* HEAD first; GET when a server refuses HEAD (405, 501, 403). Bodies are not read unless
  a ``#fragment`` must be found, and then only up to ``max_body_bytes``.
* Redirects are followed one hop at a time (every hop passes the address guard) and
  reported: a chain of only permanent redirects (301, 308) gives the new URL.
* 429 and 5xx answers (and dropped connections) are retried with exponential backoff,
  honouring ``Retry-After`` up to ``retry_wait_max`` seconds.
* Deadlines a server cannot stretch: ``timeout`` covers a whole request (connecting,
  headers and body, however slowly they trickle in), ``link_deadline`` a link's whole
  check (every hop, retry and wait), and ``external_deadline`` the run: links not done by
  then are reported as not checked.
"""

from __future__ import annotations

import asyncio
import email.utils
import os
import re
import time
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from msgspec import Struct, field

from openaccess import __version__
from openaccess.config import HostSettings, LinkSettings
from openaccess.external.cache import CachedResult, ResultCache
from openaccess.external.guard import BlockedAddress, GuardedBackend

T = TypeVar("T")

HEAD_REFUSED = frozenset({403, 405, 501})
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
PERMANENT = frozenset({301, 308})
BACKOFF_SECONDS = 1.0
_ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def default_user_agent() -> str:
    return f"openaccess/{__version__} (link checker)"


class LinkResult(Struct):
    """The outcome for one URL (without its fragment).

    ``status``: ``ok``, ``redirected``, ``broken``, ``blocked`` (private address refused),
    ``skipped`` (excluded) or ``deadline`` (not checked: the run ran out of time).
    """

    url: str
    status: str
    message: str = ""
    code: int | None = None
    final_url: str | None = None
    permanent: bool = False
    cached: bool = False
    missing_fragments: set[str] = field(default_factory=set)


class Summary(Struct):
    checked: int = 0
    ok: int = 0
    redirected: int = 0
    failed: int = 0
    skipped: int = 0
    cached: int = 0
    not_checked: int = 0  # the run's external_deadline passed first
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        late = f", {self.not_checked} not checked (deadline)" if self.not_checked else ""
        return (
            f"external links: {self.checked} checked, {self.ok} ok, {self.redirected}"
            f" redirected, {self.failed} failed, {self.skipped} skipped,"
            f" {self.cached} from cache{late}"
        )


class _Budget(Struct):
    """The time one link's check may still take, on the event loop's clock."""

    link_seconds: float
    run_deadline: float
    started: float | None = None  # when its first request started (queueing is free)

    def left(self, now: float) -> float:
        link_left = (
            self.link_seconds if self.started is None else self.started + self.link_seconds - now
        )
        return min(link_left, self.run_deadline - now)

    def run_over(self, now: float) -> bool:
        return now >= self.run_deadline


class _OutOfTime(Exception):
    """A link's budget (or the run's) is spent."""


class _Host:
    """Per-host limits: a semaphore and the earliest time of the next request start."""

    def __init__(self, concurrency: int) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.lock = asyncio.Lock()
        self.next_start = 0.0


class ExternalChecker:
    def __init__(
        self,
        settings: LinkSettings,
        cache: ResultCache | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.progress = progress
        self.exclude = [re.compile(pattern) for pattern in settings.exclude_urls]
        self.user_agent = settings.user_agent or default_user_agent()
        self.summary = Summary()
        self.open_now = 0  # requests in flight (the benchmark reports the peak)
        self.open_peak = 0
        self._missing_env: set[str] = set()

    # -- public ------------------------------------------------------------------------
    def run(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        """Check every URL (fragments kept for fragment checks); results keyed by the
        URL without its fragment."""
        wanted: dict[str, set[str]] = {}
        for url in urls:
            base, fragment = urldefrag(url)
            wanted.setdefault(base, set())
            if fragment and self.settings.check_fragments:
                wanted[base].add(fragment)
        results = _run_async(self._run_all(wanted)) if wanted else {}
        for result in results.values():
            self._count(result)
        for name in sorted(self._missing_env):
            self.summary.notes.append(
                f"environment variable {name} is not set: headers that use it were not sent"
            )
        if self.cache is not None:
            self.cache.save()
        return results

    # -- orchestration -------------------------------------------------------------------
    async def _run_all(self, wanted: dict[str, set[str]]) -> dict[str, LinkResult]:
        self._hosts: dict[str, _Host] = {}
        self._clients = _Clients(self.settings)
        self._run_deadline = asyncio.get_running_loop().time() + self.settings.external_deadline
        try:
            tasks = [self._check(url, fragments) for url, fragments in wanted.items()]
            results = await asyncio.gather(*tasks)
        finally:
            await self._clients.close()
        return {result.url: result for result in results}

    async def _check(self, url: str, fragments: set[str]) -> LinkResult:
        try:
            async with asyncio.timeout_at(self._run_deadline):
                return await self._check_unguarded(url, fragments)
        except TimeoutError:
            return self._not_checked(url)
        except Exception as error:  # one odd URL or server must not stop the whole run
            return LinkResult(url, "broken", f"could not be checked: {_error_text(error)}")
        finally:
            if self.progress is not None:
                self.progress(1)

    async def _check_unguarded(self, url: str, fragments: set[str]) -> LinkResult:
        if any(pattern.search(url) for pattern in self.exclude):
            return LinkResult(url, "skipped", "matches [links] exclude")
        if not is_web_url(url):
            return LinkResult(url, "broken", "not a valid web address")
        if self.cache is not None and not fragments:
            cached = self.cache.get(url)
            if cached is not None:
                return LinkResult(
                    url,
                    cached.status,
                    cached.message,
                    cached.code,
                    cached.final_url,
                    cached.permanent,
                    cached=True,
                )
        result = await self._follow(url, fragments)
        if self.cache is not None:
            if result.status in ("ok", "redirected") and not result.missing_fragments:
                self.cache.put(
                    url,
                    CachedResult(
                        result.status,
                        result.code or 0,
                        result.message,
                        result.final_url,
                        result.permanent,
                        time.time(),
                    ),
                )
            else:
                self.cache.forget(url)
        return result

    def _not_checked(self, url: str) -> LinkResult:
        deadline = self.settings.external_deadline
        return LinkResult(
            url,
            "deadline",
            f"not checked (deadline): the external checks ran out of time"
            f" (external_deadline = {deadline:g} s)",
        )

    # -- one URL, hop by hop -----------------------------------------------------------------
    async def _follow(self, url: str, fragments: set[str]) -> LinkResult:
        budget = _Budget(self.settings.link_deadline, self._run_deadline)
        try:
            return await self._follow_within(url, fragments, budget)
        except _OutOfTime:
            if budget.run_over(asyncio.get_running_loop().time()):
                return self._not_checked(url)
            return LinkResult(
                url,
                "broken",
                f"no final answer within {self.settings.link_deadline:g} s"
                " (link_deadline: redirects, retries and waits together)",
            )

    async def _follow_within(self, url: str, fragments: set[str], budget: _Budget) -> LinkResult:
        current = url
        hops: list[int] = []
        for _ in range(self.settings.max_redirects + 1):
            if not is_web_url(current):
                return LinkResult(url, "broken", f"redirects to a non-web address: {current}")
            outcome = await self._with_retries(current, bool(fragments), budget)
            if isinstance(outcome, LinkResult):
                outcome.url = url
                return outcome
            code, location, body = outcome
            if 300 <= code < 400 and location:
                hops.append(code)
                try:
                    current = urljoin(current, location)
                except ValueError:
                    return LinkResult(url, "broken", f"redirects to an invalid address: {location}")
                continue
            return self._judge(url, current, code, hops, fragments, body)
        return LinkResult(url, "broken", f"more than {self.settings.max_redirects} redirects")

    def _judge(
        self,
        url: str,
        final: str,
        code: int,
        hops: list[int],
        fragments: set[str],
        body: str | None,
    ) -> LinkResult:
        accepted = 200 <= code < 300 or code in self._host_settings(url).accept
        if not accepted:
            where = f" (after redirect to {final})" if hops else ""
            return LinkResult(url, "broken", f"{code} {_reason(code)}{where}", code)
        missing = {f for f in fragments if body is not None and not _has_id(body, f)}
        if not hops:
            return LinkResult(url, "ok", "", code, missing_fragments=missing)
        permanent = all(hop in PERMANENT for hop in hops)
        return LinkResult(url, "redirected", "", code, final, permanent, missing_fragments=missing)

    async def _with_retries(
        self, url: str, need_body: bool, budget: _Budget
    ) -> tuple[int, str | None, str | None] | LinkResult:
        attempt = 0
        while True:
            try:
                method = "GET" if need_body else "HEAD"
                code, headers, body = await self._request(url, method, budget)
                if code in HEAD_REFUSED and not need_body:
                    code, headers, body = await self._request(url, "GET", budget)
            except BlockedAddress as error:
                return LinkResult(
                    url,
                    "blocked",
                    f"not checked: {error} that readers cannot reach either"
                    " (allow_private = true checks it)",
                )
            except (httpx.TimeoutException, TimeoutError):
                return LinkResult(url, "broken", f"no answer within {self.settings.timeout:g} s")
            except (httpx.RemoteProtocolError, httpx.ReadError) as error:
                if attempt < self.settings.retries:
                    attempt += 1
                    wait = min(self._backoff(attempt), self.settings.retry_wait_max)
                    await self._wait(wait, budget)
                    continue
                return LinkResult(url, "broken", f"connection failed: {_error_text(error)}")
            except httpx.HTTPError as error:
                return LinkResult(url, "broken", f"connection failed: {_error_text(error)}")
            if code in RETRY_STATUS and attempt < self.settings.retries:
                wait = _retry_after(headers.get("retry-after"))
                wait = self._backoff(attempt + 1) if wait is None else wait
                if wait > self.settings.retry_wait_max:
                    return LinkResult(
                        url,
                        "broken",
                        f"{code} {_reason(code)} (asked to retry after {wait:g} s, more than"
                        f" retry_wait_max = {self.settings.retry_wait_max:g})",
                        code,
                    )
                attempt += 1
                await self._wait(wait, budget)
                continue
            return code, headers.get("location"), body

    @staticmethod
    async def _wait(seconds: float, budget: _Budget) -> None:
        """Sleep before a retry, unless the link's time would run out first."""
        if seconds >= budget.left(asyncio.get_running_loop().time()):
            raise _OutOfTime
        await asyncio.sleep(seconds)

    def _backoff(self, attempt: int) -> float:
        return BACKOFF_SECONDS * 2 ** (attempt - 1)

    async def _request(
        self, url: str, method: str, budget: _Budget
    ) -> tuple[int, httpx.Headers, str | None]:
        """One request, connecting to the last byte read within ``timeout`` seconds (a
        server trickling one byte a second cannot hold it longer) and the link's budget."""
        host = (urlsplit(url).hostname or "").lower()
        limits = self._hosts.setdefault(host, _Host(self.settings.host_concurrency))
        async with limits.slots:
            await self._pace(limits)
            now = asyncio.get_running_loop().time()
            if budget.started is None:
                budget.started = now
            left = budget.left(now)
            if left <= 0:
                raise _OutOfTime
            client = await self._clients.acquire(host)
            self.open_now += 1
            self.open_peak = max(self.open_peak, self.open_now)
            try:
                async with asyncio.timeout(min(self.settings.timeout, left)):
                    return await self._exchange(client, url, method)
            except TimeoutError:
                if left < self.settings.timeout:  # the link's budget, not the request's
                    raise _OutOfTime from None
                raise
            finally:
                self.open_now -= 1
                self._clients.release(host, client)

    async def _exchange(
        self, client: httpx.AsyncClient, url: str, method: str
    ) -> tuple[int, httpx.Headers, str | None]:
        headers = {"User-Agent": self.user_agent, **self._headers_for(url)}
        request = client.build_request(method, url, headers=headers)
        response = await client.send(request, stream=True)
        try:
            body = None
            if method == "HEAD":
                await response.aread()  # no body: lets the connection be reused
            elif _is_html(response):
                body = await _read_capped(response, self.settings.max_body_bytes)
            return response.status_code, response.headers, body
        finally:
            await response.aclose()

    async def _pace(self, host: _Host) -> None:
        interval = self.settings.host_interval
        if interval <= 0:
            return
        async with host.lock:
            now = time.monotonic()
            if host.next_start > now:
                await asyncio.sleep(host.next_start - now)
            host.next_start = max(now, host.next_start) + interval

    # -- policy ---------------------------------------------------------------------------
    def _host_settings(self, url: str) -> HostSettings:
        host = (urlsplit(url).hostname or "").lower()
        for name, settings in self.settings.hosts.items():
            if host == name or host.endswith("." + name):
                return settings
        return HostSettings()

    def _headers_for(self, url: str) -> dict[str, str]:
        """The host's configured headers, ``${VAR}`` filled from the environment. A header
        whose variable is unset is not sent (and the run notes it)."""
        headers = {}
        for name, template in self._host_settings(url).headers.items():
            missing = [v for v in _ENV_REFERENCE.findall(template) if v not in os.environ]
            if missing:
                self._missing_env.update(missing)
                continue
            headers[name] = _ENV_REFERENCE.sub(lambda m: os.environ[m.group(1)], template)
        return headers

    def _count(self, result: LinkResult) -> None:
        summary = self.summary
        summary.checked += 1
        summary.cached += result.cached
        if result.status == "ok" and not result.missing_fragments:
            summary.ok += 1
        elif result.status == "redirected" and not result.missing_fragments:
            summary.redirected += 1
        elif result.status in ("skipped", "blocked"):
            summary.skipped += 1
        elif result.status == "deadline":
            summary.not_checked += 1
        else:
            summary.failed += 1


class _Clients:
    """At most ``concurrency`` HTTP clients of one connection each, handed out per request
    (preferring one already connected to the host). Small pools keep httpcore's per-request
    bookkeeping constant, where one big pool costs time quadratic in its size."""

    def __init__(self, settings: LinkSettings) -> None:
        self.settings = settings
        self.available = asyncio.Semaphore(settings.concurrency)
        self.idle: list[tuple[str, httpx.AsyncClient]] = []
        self.all: list[httpx.AsyncClient] = []
        self._ssl = httpx.create_ssl_context()  # built once: loading CA certificates is slow

    async def acquire(self, host: str) -> httpx.AsyncClient:
        await self.available.acquire()
        for position, (idle_host, _) in enumerate(self.idle):
            if idle_host == host:
                return self.idle.pop(position)[1]
        if len(self.all) < self.settings.concurrency:
            client = self._new_client()
            self.all.append(client)
            return client
        return self.idle.pop(0)[1]

    def release(self, host: str, client: httpx.AsyncClient) -> None:
        self.idle.append((host, client))
        self.available.release()

    async def close(self) -> None:
        for client in self.all:
            await client.aclose()

    def _new_client(self) -> httpx.AsyncClient:
        import httpcore

        transport = httpx.AsyncHTTPTransport(verify=self._ssl)
        # The pool httpx would build, with the address guard as its network backend.
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=self._ssl,
            max_connections=1,
            max_keepalive_connections=1,
            network_backend=GuardedBackend(self.settings.allow_private),
        )
        return httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: the guard sees real hosts
        )


def is_web_url(url: str) -> bool:
    """An http(s) URL with a host that httpx can request."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.host)


def _is_html(response: httpx.Response) -> bool:
    return "html" in response.headers.get("content-type", "").lower()


async def _read_capped(response: httpx.Response, limit: int) -> str:
    """At most ``limit`` bytes of the body, decoded leniently."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    data = b"".join(chunks)[:limit]
    return data.decode(response.encoding or "utf-8", errors="replace")


def _has_id(body: str, fragment: str) -> bool:
    pattern = re.compile(
        r"""\s(?:id|name)\s*=\s*(?:"%s"|'%s'|%s[\s>])""" % ((re.escape(fragment),) * 3)
    )
    return bool(pattern.search(body))


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(code: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "(unknown status)"


def _error_text(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion, also when this thread already runs an event loop
    (a notebook, an editor plugin, Playwright's sync API), where ``asyncio.run`` refuses:
    then it runs on a fresh loop in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
