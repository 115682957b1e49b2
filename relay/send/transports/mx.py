"""Direct delivery: the recipient domain's MX hosts in RFC 5321 §5.1 order, via dnspython."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import dns.asyncresolver
import dns.exception
import dns.name
import dns.nameserver
import dns.rdatatype
import dns.resolver

from config import Settings, UpstreamTLS
from config.settings import parse_dns_server
from relay.send.transports.base import Reply
from relay.send.transports.smarthost import ConnectionPool, Endpoint
from relay.smtp import replies
from storage.addresses import BadAddress, MailboxAddress, normalize_domain

NULL_MX = Reply(556, "5.1.10 Recipient domain has a null MX (RFC 7505): it accepts no mail")


@dataclass(frozen=True, slots=True)
class Route:
    """Where a domain's mail goes: hosts to try in order, or a final reply without trying."""

    hosts: tuple[str, ...]
    failure: Reply | None = None


def refused_destination(mailbox: MailboxAddress, *, own_names: Iterable[str]) -> str | None:
    """The RCPT refusal for a domain direct delivery must never send to, or None: this host
    (``localhost``, an unbracketed IP address, whose last label is all digits and so no DNS
    name) and the relay's own names, where a copy would come back to the relay (a loop)."""
    domain = mailbox.ascii_domain
    last = domain.rpartition(".")[2]
    own = {normalize_domain(name) for name in own_names}
    if domain == "localhost" or domain.endswith(".localhost") or last.isdigit() or domain in own:
        return replies.BAD_DESTINATION
    return None


def make_resolver(settings: Settings) -> dns.asyncresolver.Resolver:
    """A resolver on the configured DNS servers (``ip``, ``ip:port``, ``[v6]:port``), or the
    system's."""
    servers = settings.delivery.dns_servers
    resolver = dns.asyncresolver.Resolver(configure=not servers)
    if servers:
        resolver.nameservers = [_nameserver(server) for server in servers]
    resolver.lifetime = min(settings.delivery.connect_timeout, 30.0)
    return resolver


def _nameserver(server: str) -> dns.nameserver.Nameserver:
    # Each server keeps its own port: the resolver's single ``port`` would apply the last to all.
    return dns.nameserver.Do53Nameserver(*parse_dns_server(server))


async def route(resolver: dns.asyncresolver.Resolver, domain: str) -> Route:
    """The hosts to try for ``domain``: MX by preference (random among equals), else A/AAAA."""
    try:
        name = dns.name.from_text(domain)
    except dns.exception.DNSException as exc:  # a label over 63 octets, a name over 255, bad IDN
        return Route((), Reply(550, f"5.1.2 Recipient domain {domain} is not a DNS name: {exc}"))
    try:
        answer = await resolver.resolve(name, "MX")
    except dns.resolver.NXDOMAIN:
        return Route((), Reply(550, f"5.1.2 Recipient domain {domain} does not exist"))
    except dns.resolver.NoAnswer:
        return await _implicit_mx(resolver, domain)
    except dns.exception.DNSException as exc:  # timeout, SERVFAIL, no server left
        return Route((), Reply(None, f"4.4.3 DNS lookup of {domain} MX failed: {exc}"))
    records = sorted(answer, key=lambda r: (r.preference, random.random()))
    if len(records) == 1 and records[0].exchange == dns.name.root:
        return Route((), NULL_MX)
    return Route(
        tuple(
            r.exchange.to_text(omit_final_dot=True) for r in records if r.exchange != dns.name.root
        )
    )


async def _implicit_mx(resolver: dns.asyncresolver.Resolver, domain: str) -> Route:
    for rdtype in ("A", "AAAA"):
        try:
            await resolver.resolve(domain, rdtype)
        except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
            continue
        except dns.exception.DNSException as exc:
            return Route((), Reply(None, f"4.4.3 DNS lookup of {domain} failed: {exc}"))
        return Route((domain,))
    return Route((), Reply(550, f"5.1.2 Recipient domain {domain} has no MX and no address"))


async def addresses_of(resolver: dns.asyncresolver.Resolver, host: str) -> list[str]:
    """The IPv6 and IPv4 addresses of an MX host."""
    found: list[str] = []
    for rdtype in ("AAAA", "A"):
        try:
            answer = await resolver.resolve(host, rdtype)
        except dns.exception.DNSException:
            continue
        found.extend(r.to_text() for r in answer)
    return found


class MxTransport:
    """Delivers each copy to its recipient domain's MX hosts, first that answers wins."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._resolver = make_resolver(settings)
        self._pools: dict[str, ConnectionPool] = {}

    def _pool(self, address: str) -> ConnectionPool:
        pool = self._pools.get(address)
        if pool is None:
            endpoint = Endpoint(
                address,
                self._settings.delivery.mx_port,
                UpstreamTLS.NONE,
                None,
                None,
                verify=False,
                opportunistic_tls=True,
            )
            pool = self._pools[address] = ConnectionPool(endpoint, self._settings, size=4)
        return pool

    async def send(self, sender: str, recipient: str, message: bytes) -> Reply:
        # The address is a checked local@domain (no quoted local part holds an "@"); DNS
        # takes the domain as A-labels.
        try:
            domain = normalize_domain(recipient.rpartition("@")[2])
        except BadAddress as exc:
            return Reply(550, f"5.1.2 {exc}")
        found = await route(self._resolver, domain)
        if found.failure is not None:
            return found.failure
        last = Reply(None, f"4.4.1 No MX host of {domain} could be reached")
        for host in found.hosts:
            for address in await addresses_of(self._resolver, host):
                reply = await self._pool(address).send(sender, recipient, message)
                if reply.code is not None:
                    return reply  # an answer, good or bad, is final for this attempt
                last = reply
        return last

    async def close(self) -> None:
        for pool in self._pools.values():
            await pool.close()
