"""Direct MX delivery over real sockets: a test DNS server on 127.0.0.1 and test MX hosts on
127.0.0.1 / 127.0.0.2 sharing the configured ``mx_port`` (127.0.0.3 stays dark)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from config import ConfigError, Settings, load_settings
from relay.send.transports.base import Reply, Transport
from relay.send.transports.mx import NULL_MX, MxTransport, addresses_of, make_resolver, route
from tests.support.dns_server import DnsServer
from tests.support.harness import message, write_config
from tests.support.upstream import Upstream

SENDER = "b-token@bounces.relay.test"
DARK = "127.0.0.3"  # a loopback address nothing listens on: connection refused

MakeSettings = Callable[..., Settings]


@pytest.fixture
async def dns_server() -> AsyncIterator[DnsServer]:
    server = DnsServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def first() -> AsyncIterator[Upstream]:
    """The MX host on 127.0.0.1; its port is the relay's ``mx_port``."""
    host = Upstream()
    await host.start("127.0.0.1")
    yield host
    await host.stop()


@pytest.fixture
async def second(first: Upstream) -> AsyncIterator[Upstream]:
    """The MX host on 127.0.0.2, on the same port as ``first``."""
    host = Upstream()
    await host.start("127.0.0.2", first.port)
    yield host
    await host.stop()


@pytest.fixture
def make_settings(tmp_path: Path, dns_server: DnsServer, first: Upstream) -> MakeSettings:
    def make(**delivery: Any) -> Settings:
        values = {
            "upstream": "mx",
            "dns_servers": [dns_server.address],
            "mx_port": first.port,
            "connect_timeout": 2.0,
            "command_timeout": 5.0,
            **delivery,
        }
        path = write_config(
            tmp_path / "relay.toml", {"delivery": values}, {"data_dir": str(tmp_path / "var")}
        )
        return load_settings(path, environ={})

    return make


@pytest.fixture
async def transport(make_settings: MakeSettings) -> AsyncIterator[MxTransport]:
    mx = MxTransport(make_settings())
    yield mx
    await mx.close()


async def send(transport: MxTransport, recipient: str) -> Reply:
    return await transport.send(SENDER, recipient, message("news@acme.example", recipient))


async def test_the_mx_transport_is_a_transport(make_settings: MakeSettings) -> None:
    assert isinstance(MxTransport(make_settings()), Transport)


# --- route: which hosts, in which order ----------------------------------------------------------


async def test_route_orders_mx_hosts_lowest_preference_first(
    dns_server: DnsServer, make_settings: MakeSettings
) -> None:
    dns_server.add("example.test", "MX", "30 c.example.test.", "10 a.example.test.")
    dns_server.add("example.test", "MX", "20 b.example.test.")
    resolver = make_resolver(make_settings())
    for _ in range(20):  # the server shuffles its answer every time
        found = await route(resolver, "example.test")
        assert found.failure is None
        assert found.hosts == ("a.example.test", "b.example.test", "c.example.test")


async def test_route_picks_at_random_among_equal_preferences(
    dns_server: DnsServer, make_settings: MakeSettings
) -> None:
    dns_server.add("example.test", "MX", "10 a.example.test.", "10 b.example.test.")
    dns_server.add("example.test", "MX", "5 first.example.test.")
    resolver = make_resolver(make_settings())
    orders = {(await route(resolver, "example.test")).hosts for _ in range(60)}
    assert orders == {
        ("first.example.test", "a.example.test", "b.example.test"),
        ("first.example.test", "b.example.test", "a.example.test"),
    }


async def test_addresses_of_a_host_are_ipv6_then_ipv4(
    dns_server: DnsServer, make_settings: MakeSettings
) -> None:
    dns_server.add("mx.example.test", "A", "127.0.0.1")
    dns_server.add("mx.example.test", "AAAA", "::1")
    resolver = make_resolver(make_settings())
    assert await addresses_of(resolver, "mx.example.test") == ["::1", "127.0.0.1"]
    assert await addresses_of(resolver, "missing.example.test") == []


async def test_each_dns_server_is_asked_on_its_own_port(
    dns_server: DnsServer, make_settings: MakeSettings
) -> None:
    silent = DnsServer()
    await silent.start("127.0.0.2")
    silent.answering = False
    try:
        dns_server.add("example.test", "MX", "10 mx.example.test.")
        settings = make_settings(
            dns_servers=[dns_server.address, silent.address], connect_timeout=3.0
        )
        found = await route(make_resolver(settings), "example.test")
    finally:
        await silent.stop()
    assert found.hosts == ("mx.example.test",)


async def test_an_ipv6_dns_server_with_a_port(
    dns_server: DnsServer, make_settings: MakeSettings
) -> None:
    v6 = DnsServer()
    await v6.start("::1")
    try:
        v6.add("example.test", "MX", "10 mx.example.test.")
        settings = make_settings(dns_servers=[f"[::1]:{v6.port}"])
        found = await route(make_resolver(settings), "example.test")
    finally:
        await v6.stop()
    assert found.hosts == ("mx.example.test",)


@pytest.mark.parametrize(
    "server", ["nonsense", "dns.example.test:53", "127.0.0.1:x", "127.0.0.1:70000", "[::1]:"]
)
async def test_a_dns_server_that_is_no_address_is_refused_at_start(
    make_settings: MakeSettings, server: str
) -> None:
    with pytest.raises(ConfigError, match=r"delivery\.dns_servers"):
        make_settings(dns_servers=[server])


# --- delivery to the MX hosts --------------------------------------------------------------------


async def test_the_lowest_preference_host_gets_the_mail(
    dns_server: DnsServer, transport: MxTransport, first: Upstream, second: Upstream
) -> None:
    dns_server.add("example.test", "MX", "20 mx2.example.test.", "10 mx1.example.test.")
    dns_server.add("mx1.example.test", "A", "127.0.0.1")
    dns_server.add("mx2.example.test", "A", "127.0.0.2")
    for n in range(6):  # the DNS answer comes in random order each time
        reply = await send(transport, f"bob{n}@example.test")
        assert reply.accepted, reply
    assert [r.rcpt_tos for r in first.received] == [(f"bob{n}@example.test",) for n in range(6)]
    assert {r.mail_from for r in first.received} == {SENDER}
    assert b"To: bob0@example.test" in first.received[0].content
    assert second.connections == 0


async def test_an_mx_naming_an_alias_reaches_the_host_it_aliases(
    dns_server: DnsServer, transport: MxTransport, first: Upstream, second: Upstream
) -> None:
    # RFC 2181 section 10.3 forbids an MX naming an alias, yet mail servers follow it (judge55's
    # writer bed: Postfix, Exim, Sendmail, OpenSMTPD, Courier and chasquid all look the CNAME
    # up): the relay does too, the DNS answer for the alias carrying the CNAME and the address
    dns_server.add("example.test", "MX", "10 mx.example.test.")
    dns_server.add("mx.example.test", "CNAME", "real.example.test.")
    dns_server.add("real.example.test", "A", "127.0.0.2")
    reply = await send(transport, "bob@example.test")
    assert reply.accepted, reply
    assert [(r.mail_from, r.rcpt_tos) for r in second.received] == [(SENDER, ("bob@example.test",))]
    assert first.connections == 0


async def test_when_the_preferred_host_is_down_the_next_is_used(
    dns_server: DnsServer, transport: MxTransport, first: Upstream, second: Upstream
) -> None:
    await first.stop()
    dns_server.add("example.test", "MX", "10 mx1.example.test.", "20 mx2.example.test.")
    dns_server.add("mx1.example.test", "A", "127.0.0.1")
    dns_server.add("mx2.example.test", "A", "127.0.0.2")
    reply = await send(transport, "bob@example.test")
    assert reply.accepted, reply
    assert [(r.mail_from, r.rcpt_tos) for r in second.received] == [(SENDER, ("bob@example.test",))]
    assert first.received == []


async def test_hosts_not_listening_or_without_address_are_skipped(
    dns_server: DnsServer, transport: MxTransport, first: Upstream, second: Upstream
) -> None:
    dns_server.add(
        "example.test",
        "MX",
        "10 dark.example.test.",
        "20 nameless.example.test.",
        "30 mx.example.test.",
    )
    dns_server.add("dark.example.test", "A", DARK)
    dns_server.add("mx.example.test", "A", "127.0.0.2")
    reply = await send(transport, "bob@example.test")
    assert reply.accepted, reply
    assert second.to("bob@example.test")[0].mail_from == SENDER
    assert dns_server.asked("dark.example.test") == ["AAAA", "A"]
    assert dns_server.asked("nameless.example.test") == ["AAAA", "A"]
    assert first.connections == 0


async def test_every_address_of_a_host_is_tried(
    dns_server: DnsServer, transport: MxTransport, second: Upstream
) -> None:
    dns_server.add("example.test", "MX", "10 mx.example.test.")
    dns_server.add("mx.example.test", "A", DARK)
    dns_server.add("mx.example.test", "A", "127.0.0.2")
    reply = await send(transport, "bob@example.test")
    assert reply.accepted, reply
    assert len(second.to("bob@example.test")) == 1


async def test_a_host_answering_550_is_final(
    dns_server: DnsServer, transport: MxTransport, first: Upstream, second: Upstream
) -> None:
    dns_server.add("example.test", "MX", "10 mx1.example.test.", "20 mx2.example.test.")
    dns_server.add("mx1.example.test", "A", "127.0.0.1")
    dns_server.add("mx2.example.test", "A", "127.0.0.2")
    first.rcpt_replies["bob@example.test"] = "550 5.1.1 <bob@example.test>: User unknown"
    reply = await send(transport, "bob@example.test")
    assert reply.code == 550
    assert reply.enhanced_status == "5.1.1"
    assert "User unknown" in reply.text
    assert first.received == []
    assert second.connections == 0


async def test_no_mx_but_an_address_is_an_implicit_mx(
    dns_server: DnsServer, transport: MxTransport, first: Upstream
) -> None:
    dns_server.add("example.test", "A", "127.0.0.1")
    reply = await send(transport, "bob@example.test")
    assert reply.accepted, reply
    assert [(r.mail_from, r.rcpt_tos) for r in first.received] == [(SENDER, ("bob@example.test",))]
    assert dns_server.asked("example.test")[0] == "MX"


async def test_an_implicit_mx_with_only_an_ipv6_address(
    dns_server: DnsServer, transport: MxTransport, first: Upstream
) -> None:
    v6 = Upstream()
    await v6.start("::1", first.port)
    try:
        dns_server.add("example.test", "AAAA", "::1")
        reply = await send(transport, "bob@example.test")
    finally:
        await v6.stop()
    assert reply.accepted, reply
    assert len(v6.to("bob@example.test")) == 1
    assert first.connections == 0


# --- domains that take no mail, and DNS that does not help ---------------------------------------


async def test_a_null_mx_is_a_permanent_failure_without_connecting(
    dns_server: DnsServer, transport: MxTransport, first: Upstream
) -> None:
    dns_server.add("example.test", "MX", "0 .")
    dns_server.add("example.test", "A", "127.0.0.1")  # must not be used as an implicit MX
    reply = await send(transport, "bob@example.test")
    assert reply == NULL_MX
    assert reply.code == 556
    assert reply.enhanced_status == "5.1.10"
    assert first.connections == 0
    assert dns_server.asked("example.test") == ["MX"]


async def test_a_domain_that_does_not_exist_is_permanent(
    dns_server: DnsServer, transport: MxTransport, first: Upstream
) -> None:
    dns_server.add("example.test", "MX", "10 mx.example.test.")
    dns_server.add("mx.example.test", "A", "127.0.0.1")
    reply = await send(transport, "bob@nowhere.example.test")
    assert reply.permanent
    assert reply.enhanced_status == "5.1.2"
    assert "nowhere.example.test" in reply.text
    assert first.connections == 0


async def test_a_domain_with_neither_mx_nor_address_is_permanent(
    dns_server: DnsServer, transport: MxTransport
) -> None:
    dns_server.add("example.test", "TXT", "v=spf1 -all")
    reply = await send(transport, "bob@example.test")
    assert reply.permanent
    assert reply.enhanced_status == "5.1.2"
    assert dns_server.asked("example.test") == ["MX", "A", "AAAA"]


@pytest.mark.parametrize(
    "domain",
    [
        pytest.param("x" * 64 + ".example.test", id="label-over-63-octets"),
        pytest.param(".".join(["a" * 60] * 4) + ".example.test", id="name-over-255-octets"),
    ],
)
async def test_a_domain_that_is_no_dns_name_is_permanent(
    dns_server: DnsServer, transport: MxTransport, domain: str
) -> None:
    reply = await send(transport, f"bob@{domain}")
    assert reply.permanent
    assert reply.enhanced_status == "5.1.2"
    assert dns_server.queries == []


async def test_dns_not_answering_is_temporary_and_bounded(
    dns_server: DnsServer, make_settings: MakeSettings, first: Upstream
) -> None:
    dns_server.add("example.test", "MX", "10 mx.example.test.")
    dns_server.add("mx.example.test", "A", "127.0.0.1")
    dns_server.answering = False
    transport = MxTransport(make_settings(connect_timeout=0.5))
    started = time.monotonic()
    try:
        reply = await asyncio.wait_for(send(transport, "bob@example.test"), timeout=10)
    finally:
        await transport.close()
    assert time.monotonic() - started < 3.0
    assert reply.code is None
    assert "4.4.3" in reply.text
    assert dns_server.asked("example.test")  # it was asked, and said nothing
    assert first.connections == 0


async def test_a_dns_server_failure_is_temporary(
    dns_server: DnsServer, transport: MxTransport, first: Upstream
) -> None:
    dns_server.add("example.test", "MX", "10 mx.example.test.")
    dns_server.add("mx.example.test", "A", "127.0.0.1")
    dns_server.fail("example.test")
    reply = await send(transport, "bob@example.test")
    assert reply.code is None
    assert "4.4.3" in reply.text
    assert first.connections == 0


async def test_an_mx_host_whose_address_lookup_fails_is_temporary(
    dns_server: DnsServer, transport: MxTransport, first: Upstream
) -> None:
    dns_server.add("example.test", "MX", "10 mx.example.test.")
    dns_server.add("mx.example.test", "A", "127.0.0.1")
    dns_server.fail("mx.example.test")
    reply = await send(transport, "bob@example.test")
    assert reply.code is None
    assert not reply.permanent
    assert first.connections == 0
