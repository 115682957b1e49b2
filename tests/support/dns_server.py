"""A small authoritative DNS server on 127.0.0.1 (UDP only) that answers from a table the test
fills in: MX, A, AAAA, TXT or any other type dnspython can read from zone-file text.

    server = DnsServer()
    await server.start()
    server.add("example.test", "MX", "10 mx1.example.test.")
    server.add("mx1.example.test", "A", "127.0.0.1")
    settings: dns_servers = [server.address]
    await server.stop()

Names under ``zone`` (default: every name) with no records, and that are not the parent of a
name with records, get NXDOMAIN; a name that exists but lacks the asked type gets NOERROR with no
answer; names outside ``zone`` get REFUSED. ``answering = False`` drops every query (a DNS
timeout for the client); ``fail(name)`` answers SERVFAIL for one name.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from relay.demo.zone import DatagramAnswerer, read_query, reply_wire

_TXT_CHUNK = 255  # one TXT character-string holds at most 255 octets


@dataclass(frozen=True)
class Query:
    """One question the server was asked, as text: ``Query("example.test", "MX")``."""

    name: str
    rdtype: str


class DnsServer:
    """An authoritative UDP DNS server on the running event loop, answering from ``add``."""

    def __init__(self, zone: str = ".", ttl: int = 60) -> None:
        self.zone = dns.name.from_text(zone)
        self.ttl = ttl
        self.answering = True
        self.queries: list[Query] = []
        self.host = "127.0.0.1"
        self.port = 0
        self._records: dict[tuple[dns.name.Name, dns.rdatatype.RdataType], dns.rrset.RRset] = {}
        self._failing: set[dns.name.Name] = set()
        self._transport: asyncio.DatagramTransport | None = None

    @property
    def address(self) -> str:
        """``ip:port``, the form the relay's ``delivery.dns_servers`` setting takes."""
        return f"{self.host}:{self.port}"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen on ``host:port`` (0: an ephemeral port); returns the port."""
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(
            lambda: DatagramAnswerer(self.reply), local_addr=(host, port)
        )
        self._transport = transport
        self.host = host
        self.port = int(transport.get_extra_info("sockname")[1])
        return self.port

    async def stop(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None
            await asyncio.sleep(0)  # let the loop run connection_lost and release the socket

    def add(self, name: str, rdtype: str, *values: str) -> None:
        """Add records in zone-file text: ``add("x.test", "MX", "10 a.x.test.", "20 b.x.test.")``.

        A TXT value that is not already quoted is quoted and split into 255-octet strings, so a
        long DKIM key can be given as it is."""
        owner = self._absolute(name)
        kind = dns.rdatatype.from_text(rdtype)
        rrset = self._records.get((owner, kind))
        if rrset is None:
            rrset = self._records[(owner, kind)] = dns.rrset.RRset(owner, dns.rdataclass.IN, kind)
        for value in values:
            if kind == dns.rdatatype.TXT and not value.startswith('"'):
                value = _quoted_txt(value)
            rrset.add(dns.rdata.from_text(dns.rdataclass.IN, kind, value), self.ttl)

    def remove(self, name: str, rdtype: str | None = None) -> None:
        """Forget the records of ``name`` (only those of ``rdtype`` when given)."""
        owner = self._absolute(name)
        kind = dns.rdatatype.from_text(rdtype) if rdtype else None
        for key in [k for k in self._records if k[0] == owner and kind in (None, k[1])]:
            del self._records[key]

    def fail(self, name: str) -> None:
        """Answer SERVFAIL to every question about ``name``."""
        self._failing.add(self._absolute(name))

    def asked(self, name: str) -> list[str]:
        """The types asked about ``name``, in the order asked."""
        owner = self._absolute(name).to_text(omit_final_dot=True).lower()
        return [q.rdtype for q in self.queries if q.name == owner]

    def reply(self, wire: bytes) -> bytes | None:
        """The answer to one query in wire format; None to stay silent."""
        query = read_query(wire)
        if query is None:
            return None
        question = query.question[0]
        self.queries.append(
            Query(
                question.name.to_text(omit_final_dot=True).lower(),
                dns.rdatatype.to_text(question.rdtype),
            )
        )
        if not self.answering:
            return None
        response = dns.message.make_response(query)
        self._fill(response, question.name, question.rdtype)
        return reply_wire(query, response)

    def _fill(
        self, response: dns.message.Message, qname: dns.name.Name, rdtype: dns.rdatatype.RdataType
    ) -> None:
        if not qname.is_subdomain(self.zone):
            response.set_rcode(dns.rcode.REFUSED)
            return
        if qname in self._failing:
            response.set_rcode(dns.rcode.SERVFAIL)
            return
        response.flags |= dns.flags.AA
        found = self._records.get((qname, rdtype))
        alias = self._records.get((qname, dns.rdatatype.CNAME))
        if found is None and alias is not None:
            # RFC 1034 section 4.3.2: the CNAME, then the answer for its target (one level)
            response.answer.append(dns.rrset.from_rdata_list(qname, self.ttl, list(alias)))
            qname = next(iter(alias)).target
            found = self._records.get((qname, rdtype))
        if found is not None:  # owned by the name as asked, in its case
            response.answer.append(dns.rrset.from_rdata_list(qname, self.ttl, list(found)))
        elif not self._exists(qname):
            response.set_rcode(dns.rcode.NXDOMAIN)

    def _exists(self, qname: dns.name.Name) -> bool:
        # A parent of a name with records exists too (an empty non-terminal, RFC 8020).
        return any(owner.is_subdomain(qname) for owner, _ in self._records)

    def _absolute(self, name: str) -> dns.name.Name:
        return dns.name.from_text(name)


def _quoted_txt(text: str) -> str:
    data = text.encode("utf-8")
    chunks = [data[i : i + _TXT_CHUNK] for i in range(0, len(data), _TXT_CHUNK)] or [b""]
    return " ".join('"' + _escape(chunk) + '"' for chunk in chunks)


def _escape(chunk: bytes) -> str:
    out = []
    for byte in chunk:
        if byte in b'"\\':
            out.append("\\" + chr(byte))
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03d}")
    return "".join(out)
