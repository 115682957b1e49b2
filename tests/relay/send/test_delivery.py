"""Delivery and the queue as seen from outside: connection reuse, expiry, trusted networks,
the connection limit."""

from __future__ import annotations

import asyncio

import aiosmtplib

from tests.conftest import MakeRelay
from tests.support import db
from tests.support.counts import assert_counters_match
from tests.support.harness import Relay, message
from tests.support.upstream import Upstream

SENDER = "news@acme.example"


async def test_smarthost_connections_are_reused(relay: Relay, upstream: Upstream) -> None:
    for n in range(3):
        async with relay.client() as smtp:
            await smtp.sendmail(SENDER, [f"r{n}@example.net"], message(SENDER, "r"))
    assert len(upstream.received) == 3
    assert upstream.connections == 1


async def test_a_messages_copies_chained_on_one_connection_each_keep_their_envelope(
    relay: Relay, upstream: Upstream
) -> None:
    # Over PIPELINING the relay chains a message's copies on one connection (perf12): each
    # still goes in its own transaction, with its own signed return path and X-Relay-Copy
    # header, and a refused one is a bounce of its own.
    upstream.pipelining = True
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    wanted = ["a@example.net", "gone@example.net", "b@example.net", "c@example.net"]
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, wanted, message(SENDER, "a"))
    for address in ("a@example.net", "b@example.net", "c@example.net"):
        await db.settled(relay, address, "sent")
    await db.settled(relay, "gone@example.net", "bounced")
    assert [r.rcpt_tos for r in upstream.received] == [
        ("a@example.net",), ("b@example.net",), ("c@example.net",)
    ]  # fmt: skip
    senders = {r.mail_from for r in upstream.received}
    assert len(senders) == 3
    assert all(s.endswith("@bounces.relay.test") for s in senders)
    headers = {r.content.split(b"\r\n", 1)[0] for r in upstream.received}
    assert len(headers) == 3
    assert all(h.startswith(b"X-Relay-Copy: ") for h in headers)
    assert upstream.connections == 1
    assert await db.queue_size(relay) == 0


async def test_a_copy_deferred_past_its_lifetime_becomes_an_expired_soft_bounce(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(queue={"lifetime": 1.0, "retry_schedule": [0.3]})
    upstream.rcpt_replies["slow@example.net"] = "450 4.2.1 Mailbox temporarily unavailable"
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["slow@example.net"], message(SENDER, "s"))
    async with asyncio.timeout(10):
        while (await db.recipients_of(relay, "slow@example.net"))[0].status != "bounced":
            await asyncio.sleep(0.1)
    (row,) = await db.recipients_of(relay, "slow@example.net")
    assert row.reason == "expired"
    assert await db.queue_size(relay) == 0
    async with relay.client() as smtp:  # a soft bounce suppresses nothing
        await smtp.mail(SENDER)
        assert (await smtp.rcpt("slow@example.net"))[0] == 250


async def test_a_trusted_network_relays_without_auth(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(server={"trusted_networks": "127.0.0.0/8=acme"})
    async with relay.client(username=None, tls=False) as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], message(SENDER, "bob@example.net"))
    assert len(upstream.to("bob@example.net")) == 1


async def test_a_trusted_network_elsewhere_does_not_open_the_relay(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(server={"trusted_networks": "10.0.0.0/8=acme,::1/128=acme"})
    async with relay.client(username=None, tls=False) as smtp:
        await smtp.ehlo()
        code, _ = await smtp.execute_command(b"MAIL", b"FROM:<news@acme.example>")
    assert code == 530


async def test_each_client_address_gets_its_own_trusted_network_answer(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    # The answer is remembered per client address: a trusted client's does not carry over
    # to an untrusted one, before or after it.
    relay = await make_relay(server={"trusted_networks": "127.0.0.1/32=acme"})

    async def mail_from(source: str) -> int:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", relay.port, local_addr=(source, 0)
        )
        try:
            for command in (b"", b"EHLO client.test\r\n", b"MAIL FROM:<news@acme.example>\r\n"):
                writer.write(command)
                while (line := await asyncio.wait_for(reader.readline(), 20))[3:4] == b"-":
                    pass
            return int(line[:3])
        finally:
            writer.close()

    assert await mail_from("127.0.0.1") == 250
    assert await mail_from("127.0.0.2") == 530
    assert await mail_from("127.0.0.1") == 250
    assert await mail_from("127.0.0.2") == 530


async def test_connection_beyond_the_limit_gets_421(make_relay: MakeRelay) -> None:
    relay = await make_relay(server={"max_connections": 2})
    held = []
    for _ in range(2):
        reader, writer = await asyncio.open_connection("127.0.0.1", relay.port)
        assert (await reader.readline()).startswith(b"220 ")
        held.append(writer)
    reader, writer = await asyncio.open_connection("127.0.0.1", relay.port)
    line = await asyncio.wait_for(reader.readline(), timeout=5)
    assert line.startswith(b"421 4.7.0")
    assert await reader.read() == b""
    writer.close()
    held.pop().close()
    await asyncio.sleep(0.2)
    async with relay.client() as smtp:  # a freed slot is usable again
        assert (await smtp.noop())[0] == 250
    for w in held:
        w.close()


async def test_a_client_that_vanishes_mid_data_leaves_nothing_queued(
    relay: Relay, upstream: Upstream
) -> None:
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=relay.port, tls_context=relay.client_tls())
    await smtp.connect()
    await smtp.login("app@acme", "correct horse battery")
    await smtp.mail(SENDER)
    await smtp.rcpt("bob@example.net")
    await smtp.execute_command(b"DATA")
    smtp.transport.write(b"From: news@acme.example\r\n\r\npartial")  # type: ignore[union-attr]
    smtp.close()
    await asyncio.sleep(0.3)
    assert await db.queue_size(relay) == 0
    assert upstream.received == []


async def test_with_room_in_the_backlog_the_250_does_not_wait_for_delivery(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(delivery={"backlog": 100})
    upstream.rcpt_delay = 1.0  # the upstream is still at RCPT when the client hears 250
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["quick@example.net"], message(SENDER, "quick"))
        assert upstream.received == []
        (row,) = await db.recipients_of(relay, "quick@example.net")
        assert row.status == "queued"
    await db.settled(relay, "quick@example.net", "sent")
    assert len(upstream.to("quick@example.net")) == 1


async def test_past_the_backlog_the_250_waits_for_the_attempt(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(delivery={"backlog": 1})
    upstream.rcpt_delay = 0.3
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["one@example.net"], message(SENDER, "one"))
        assert upstream.received == []  # one copy fits the backlog
        await smtp.sendmail(SENDER, ["two@example.net", "three@example.net"], message(SENDER, "t"))
        assert {r for m in upstream.received for r in m.rcpt_tos} >= {
            "two@example.net",
            "three@example.net",
        }


async def test_past_the_backlog_bytes_the_250_waits_for_the_attempt(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(delivery={"backlog": 100, "backlog_bytes": 4096})
    upstream.rcpt_delay = 0.3
    folded = "X-Padding: p\r\n" + " padding padding padding padding padding\r\n" * 120
    big = message(SENDER, "big", extra=folded)  # about 5 kB
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["small@example.net"], message(SENDER, "small"))
        assert upstream.received == []
        await smtp.sendmail(SENDER, ["big@example.net"], big)
        assert len(upstream.to("big@example.net")) == 1


async def test_the_outcome_counters_follow_real_deliveries_retries_and_bounces(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(queue={"retry_schedule": [0.3]})
    upstream.rcpt_replies["slow@example.net"] = "450 4.2.1 Mailbox temporarily unavailable"
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    to = ["ok@example.net", "slow@example.net", "gone@example.net"]
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, to, message(SENDER, "r"))
    await db.settled(relay, "ok@example.net", "sent")
    await db.settled(relay, "gone@example.net", "bounced")
    await db.settled(relay, "slow@example.net", "deferred")
    await assert_counters_match(db.store_of(relay))
    del upstream.rcpt_replies["slow@example.net"]  # the retry gets through
    await db.settled(relay, "slow@example.net", "sent")
    messages, _ = await assert_counters_match(db.store_of(relay))
    assert list(messages.values()) == [(2, 1, 0, 0)]  # sent, bounced, not sent, deferred
