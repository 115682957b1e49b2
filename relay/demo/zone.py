"""The demo's DNS: a small authoritative UDP server on 127.0.0.1 that answers for one zone from
records given as zone-file text, so ``relay domains check`` can pass on a laptop without DNS.

Names in the zone with no records (and that are no parent of a name with records) get NXDOMAIN,
a name that lacks the asked type gets an empty NOERROR answer, names outside the zone REFUSED.
The tests' DNS server (tests/support/dns_server.py) is built from the same UDP parts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import cast

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

TXT_STRING = 255  # one TXT character-string holds at most 255 octets (RFC 1035 §3.3)


class DemoZone:
    """An authoritative server for ``origin`` on the running event loop."""

    def __init__(self, origin: str, ttl: int = 60) -> None:
        self.origin = dns.name.from_text(origin)
        self.ttl = ttl
        self.address = ""  # ip:port once started, the form `--dns-server` takes
        self._records: dict[tuple[dns.name.Name, dns.rdatatype.RdataType], dns.rrset.RRset] = {}
        self._transport: asyncio.DatagramTransport | None = None

    async def start(self, host: str = "127.0.0.1") -> None:
        """Listen on an ephemeral UDP port of ``host``."""
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(
            lambda: DatagramAnswerer(self.answer), local_addr=(host, 0)
        )
        self._transport = transport
        self.address = f"{host}:{transport.get_extra_info('sockname')[1]}"

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    def publish(self, name: str, rdtype: str, value: str) -> None:
        """Add one record in zone-file text; a TXT value is quoted and split for you."""
        owner = dns.name.from_text(name)
        kind = dns.rdatatype.from_text(rdtype)
        if kind == dns.rdatatype.TXT:
            value = quoted_txt(value)
        rrset = self._records.setdefault(
            (owner, kind), dns.rrset.RRset(owner, dns.rdataclass.IN, kind)
        )
        rrset.add(dns.rdata.from_text(dns.rdataclass.IN, kind, value), self.ttl)

    def answer(self, wire: bytes) -> bytes | None:
        """The reply to one query in wire format; None for what is not a query."""
        query = read_query(wire)
        if query is None:
            return None
        question = query.question[0]
        response = dns.message.make_response(query)
        if not question.name.is_subdomain(self.origin):
            response.set_rcode(dns.rcode.REFUSED)
        else:
            response.flags |= dns.flags.AA
            found = self._records.get((question.name, question.rdtype))
            if found is not None:
                response.answer.append(found)
            elif not any(owner.is_subdomain(question.name) for owner, _ in self._records):
                response.set_rcode(dns.rcode.NXDOMAIN)
        return reply_wire(query, response)


def read_query(wire: bytes) -> dns.message.Message | None:
    """The DNS query in ``wire``; None for what is not one (garbage, no question)."""
    try:
        query = dns.message.from_wire(wire)
    except dns.exception.DNSException:
        return None
    return query if query.question else None


def reply_wire(query: dns.message.Message, response: dns.message.Message) -> bytes:
    """``response`` in wire format within the size the query allows; truncated (TC) and empty
    when it does not fit, since there is no TCP here: the client learns why."""
    try:
        return response.to_wire(max_size=query.payload if query.edns >= 0 else 512)
    except dns.exception.TooBig:
        response.answer.clear()
        response.flags |= dns.flags.TC
        return response.to_wire()


class DatagramAnswerer(asyncio.DatagramProtocol):
    """A UDP protocol that sends back what ``answer`` makes of each datagram (None: nothing)."""

    def __init__(self, answer: Callable[[bytes], bytes | None]) -> None:
        self._answer = answer
        self._transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # The selector loop's UDP transport does not inherit DatagramTransport; it acts as one.
        self._transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        reply = self._answer(data)
        if reply is not None and self._transport is not None:
            self._transport.sendto(reply, addr)


def quoted_txt(text: str) -> str:
    """ASCII ``text`` as the quoted character-strings of a TXT record (a long DKIM key split)."""
    if text.startswith('"'):
        return text
    chunks = [text[i : i + TXT_STRING] for i in range(0, len(text), TXT_STRING)] or [""]
    return " ".join('"' + chunk.replace("\\", "\\\\").replace('"', '\\"') + '"' for chunk in chunks)
