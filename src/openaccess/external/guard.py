"""Never let a link make openaccess connect inside the network it runs in (SSRF).

A page can link to ``http://169.254.169.254/`` (cloud metadata), ``http://localhost:8080/``
or a name whose DNS answer is a private address. The guard sits where connections are
made: every host name is resolved here, every resolved address is checked, and the
connection goes to the checked address (so a second DNS answer cannot differ). Because
it is the transport's network backend, each redirect hop is checked the same way.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(Exception):
    """A host that resolves to an address openaccess must not connect to."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        self.host, self.address, self.kind = host, address, kind
        shown = host if host == address else f"{host} ({address})"
        super().__init__(f"{shown} is a {kind} address")


# Ranges refused whatever ``ipaddress`` says about them (its answers differ between Python
# releases): special-purpose IPv4 blocks, and IPv6 blocks that are not the public internet.
_DENIED = tuple(
    ipaddress.ip_network(block)
    for block in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "2001:10::/28", "3fff::/20",
        "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
)  # fmt: skip
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_kind(address: IPAddress) -> str | None:
    """Why an address is off limits ('loopback', 'private'...), or None when public.

    An IPv6 address that carries an IPv4 address (mapped, 6to4, NAT64 or Teredo) is judged
    by the IPv4 address it reaches: ``2002:7f00:1::`` is a way to say 127.0.0.1.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address_kind(address.ipv4_mapped)
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            form, inner = embedded
            kind = address_kind(inner)
            return f"{kind} ({form} form of {inner})" if kind else None
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("private", address.is_private and not _documented(address)),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global or any(address in block for block in _DENIED)),
    )
    return next((kind for kind, hit in checks if hit), None)


def _documented(address: IPAddress) -> bool:
    """Blocks ``ipaddress`` calls private that are better named non-public (documentation,
    benchmarking, protocol assignments), so messages say what they are."""
    return any(
        address in ipaddress.ip_network(block)
        for block in ("192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24",
                      "203.0.113.0/24", "2001:db8::/32", "100::/64", "2001:10::/28", "0.0.0.0/8",
                      "240.0.0.0/4", "255.255.255.255/32", "::/96", "64:ff9b:1::/48",
                      "3fff::/20")
    )  # fmt: skip


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address a 6to4, NAT64 or Teredo address leads to, with the form's name."""
    if address.sixtofour is not None:
        return "6to4", address.sixtofour
    if address in _NAT64:
        return "NAT64", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.teredo is not None:
        return "Teredo", address.teredo[1]
    return None


def check_addresses(host: str, addresses: Iterable[str]) -> None:
    """Raise :class:`BlockedAddress` when any address of ``host`` is not public: a name
    that answers with one public and one private address is refused as a whole."""
    for text in addresses:
        kind = address_kind(ipaddress.ip_address(text.split("%")[0]))
        if kind is not None:
            raise BlockedAddress(host, text, kind)


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    answers = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in answers))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that resolves, checks, then connects to the checked IP."""

    def __init__(self, allow_private: bool = False) -> None:
        self._inner = httpcore.AnyIOBackend()
        self.allow_private = allow_private

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await asyncio.wait_for(resolve(host, port), timeout)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"no DNS answer for {host}") from None
        except (OSError, UnicodeError) as error:  # UnicodeError: not a valid host name
            detail = getattr(error, "strerror", None) or str(error)
            raise httpcore.ConnectError(f"cannot resolve host name {host}: {detail}") from None
        if not addresses:
            raise httpcore.ConnectError(f"host name {host} has no address")
        if not self.allow_private:
            check_addresses(host, addresses)
        return await self._inner.connect_tcp(
            addresses[0], port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are never used for link checks")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
