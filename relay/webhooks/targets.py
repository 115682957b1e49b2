"""Where a webhook may go: http(s) URLs whose host resolves to public addresses only.

The check runs at registration and again before each attempt, after resolving the name, and
the request then goes to the address that was checked (the URL's name stays in the Host
header and TLS's SNI), so a name that resolves elsewhere the second time (DNS rebinding)
cannot aim the relay at an internal service.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(Exception):
    """The URL may not be used; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Target:
    """A URL split for a request to a checked address."""

    url: str
    scheme: str
    host: str
    port: int
    path: str  # with the query

    def via(self, address: IPAddress) -> str:
        """The URL with its host replaced by ``address``."""
        shown = f"[{address}]" if address.version == 6 else str(address)
        return f"{self.scheme}://{shown}:{self.port}{self.path}"

    @property
    def host_header(self) -> str:
        default = {"http": 80, "https": 443}[self.scheme]
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == default else f"{name}:{self.port}"


def parse_target(url: str) -> Target:
    """Split an endpoint URL; TargetRefused for anything but http(s)://host[:port]/path."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(f"not a URL: {url!r}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused(f"expected an http:// or https:// URL, got {url!r}")
    if parts.username or parts.password:
        raise TargetRefused("a webhook URL may not carry a user name or password")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default = 443 if parts.scheme == "https" else 80
    return Target(url.strip(), parts.scheme, parts.hostname, port or default, path)


def is_internal(address: IPAddress) -> bool:
    """Loopback, link-local, private, shared, multicast, reserved or unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


async def resolve(target: Target, *, allow_private: bool) -> IPAddress:
    """The address to connect to: the first the name resolves to, if every one is allowed."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(target.host)
    except ValueError:
        literal = None
    if literal is not None:
        found = [literal]
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                target.host, target.port, type=socket.SOCK_STREAM
            )
        except OSError as exc:
            raise TargetRefused(f"cannot resolve {target.host}: {exc}") from exc
        found = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not found:
        raise TargetRefused(f"{target.host} has no address")
    if not allow_private:
        # Every address, not just the one used: a name with one internal address among
        # public ones is aimed at the inside.
        inside = [str(a) for a in found if is_internal(a)]
        if inside:
            raise TargetRefused(
                f"{target.host} resolves to an internal address ({inside[0]}); "
                "set webhooks.allow_private only for a trusted network"
            )
    return found[0]
