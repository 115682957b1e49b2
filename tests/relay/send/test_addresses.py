"""Every address goes out exactly as the client gave it, or is refused at MAIL or RCPT."""

from __future__ import annotations

import asyncio
import logging
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relay.service import supervised
from storage.accounts import account_by_name
from storage.addresses import BadAddress, MailboxAddress, normalize_address, parse_mailbox
from storage.engine import utcnow
from storage.messages import NewMessage, record_message
from storage.models import RecipientStatus
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.harness import RawClient, Relay, message
from tests.support.upstream import Upstream

SENDER = "news@acme.example"
# What a refusal of an address may be: its syntax (5.1.3), a path that is no <...> (5.5.4),
# non-ASCII without SMTPUTF8 (5.6.7), or a relay form such as a%b@c (5.7.1).
REFUSALS = {(501, "5.1.3"), (553, "5.1.3"), (501, "5.5.4"), (553, "5.6.7"), (550, "5.7.1")}

TRICKS = [
    pytest.param("a\x0bb@dest.example", id="VT"),
    pytest.param("a\x0cb@dest.example", id="FF"),
    pytest.param("a\x7fb@dest.example", id="DEL"),
    pytest.param("a\x1bb@dest.example", id="ESC"),
    pytest.param("a\tb@dest.example", id="TAB"),
    pytest.param("a\u0085b@dest.example", id="C1-NEL"),
    pytest.param("a\u00a0b@dest.example", id="NBSP"),
    pytest.param("a@dest\r.example", id="CR-in-domain"),
    pytest.param("a@dest.example\t", id="trailing-TAB"),
    pytest.param("a@dest.example ", id="trailing-space"),
    pytest.param("a@dest.example\u2028", id="LINE-SEPARATOR"),
    pytest.param("a(x)@dest.example", id="comment"),
    pytest.param("a..b@dest.example", id="double-dot"),
    pytest.param(".a@dest.example", id="leading-dot"),
    pytest.param("a.@dest.example", id="trailing-dot"),
    pytest.param("a@dest..example", id="empty-label"),
]


def _status(reply: tuple[int, str]) -> tuple[int, str]:
    return reply[0], reply[1].split(" ", 1)[0]


async def _rcpt(client: RawClient, path: str) -> tuple[int, str]:
    return await client.send(b"RCPT TO:<" + path.encode("utf-8", "surrogateescape") + b">\r\n")


SYNTAX = {(501, "5.1.3"), (553, "5.1.3")}


async def _rcpt_session(relay: Relay, path: str) -> tuple[int, tuple[int, str], int]:
    """MAIL, RCPT of ``path`` and DATA in a session of their own: the three replies."""
    client = await RawClient.connect(relay)
    try:
        mail = (await client.send(b"MAIL FROM:<news@acme.example> SMTPUTF8\r\n"))[0]
        rcpt = _status(await _rcpt(client, path))
        data = (await client.send(b"DATA\r\n"))[0]
    finally:
        await client.close()
    return mail, rcpt, data


# Every trick on one relay, each in its own session (a relay per trick cost 2 s of set-up each,
# 128 times over the loops and stores); a failure names each trick that got through.
async def test_an_address_aiosmtpd_would_clean_up_is_refused_at_rcpt(
    relay: Relay, upstream: Upstream
) -> None:
    wrong = {}
    for trick in TRICKS:
        (path,) = trick.values
        got = await _rcpt_session(relay, str(path))
        if got[0] != 250 or got[1] not in SYNTAX or got[2] != 503:
            wrong[trick.id] = got
    assert wrong == {}
    assert upstream.received == []


async def test_an_address_aiosmtpd_would_clean_up_is_refused_at_mail(relay: Relay) -> None:
    wrong = {}
    for trick in TRICKS:
        (path,) = trick.values
        client = await RawClient.connect(relay)
        try:
            line = b"MAIL FROM:<" + str(path).replace("dest.example", "acme.example").encode()
            got = _status(await client.send(line + b">\r\n"))
        finally:
            await client.close()
        if got not in SYNTAX:
            wrong[trick.id] = got
    assert wrong == {}


async def test_the_address_goes_out_with_its_case(relay: Relay, upstream: Upstream) -> None:
    async with relay.client() as smtp:
        rcpt = "Mixed.Case@Dest.Example"
        await smtp.sendmail(SENDER, [rcpt], message(SENDER, rcpt))
    (got,) = upstream.received
    assert got.rcpt_tos == ("Mixed.Case@Dest.Example",)
    (copy,) = await db.recipients_of(relay, "mixed.case@dest.example")  # the comparison key
    assert (copy.delivery_local, copy.delivery_domain) == ("Mixed.Case", "Dest.Example")


async def test_a_retried_copy_keeps_the_case_too(relay: Relay, upstream: Upstream) -> None:
    upstream.rcpt_replies["mixed.case@dest.example"] = "451 4.7.1 Try again later"
    async with relay.client() as smtp:
        rcpt = "Mixed.Case@Dest.Example"
        await smtp.sendmail(SENDER, [rcpt], message(SENDER, rcpt))
    del upstream.rcpt_replies["mixed.case@dest.example"]
    await upstream.wait_for(1)  # the queue worker's retry
    assert upstream.received[0].rcpt_tos == ("Mixed.Case@Dest.Example",)


async def test_suppression_compares_without_case(relay: Relay, upstream: Upstream) -> None:
    await db.suppress(relay, "acme", "mixed.case@dest.example", "user_unknown")
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example>\r\n"))[0] == 250
        assert _status(await _rcpt(client, "MIXED.Case@dest.EXAMPLE")) == (550, "5.7.1")
    finally:
        await client.close()


async def test_sharp_s_and_ss_are_different_mailboxes(relay: Relay, upstream: Upstream) -> None:
    """casefold() maps ß to ss; the comparison key must not merge two mailboxes that way."""
    await db.suppress(relay, "acme", normalize_address("straße@dest.example"), "user_unknown")
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example> SMTPUTF8\r\n"))[0] == 250
        assert _status(await _rcpt(client, "straße@dest.example")) == (550, "5.7.1")
        assert (await _rcpt(client, "strasse@dest.example"))[0] == 250
    finally:
        await client.close()


async def test_non_ascii_needs_smtputf8(relay: Relay) -> None:
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example>\r\n"))[0] == 250
        assert _status(await _rcpt(client, "jörg@dest.example")) == (553, "5.6.7")
        assert _status(await _rcpt(client, "jorg@bücher.example")) == (553, "5.6.7")
    finally:
        await client.close()


async def test_with_smtputf8_the_address_goes_out_unchanged(
    relay: Relay, upstream: Upstream
) -> None:
    await _send_utf8(relay, "Jörg@Bücher.example")
    await upstream.wait_for(1)
    assert upstream.received[0].rcpt_tos == ("Jörg@Bücher.example",)


async def test_an_upstream_without_smtputf8_bounces_the_copy_with_5_6_7(
    relay: Relay, upstream: Upstream
) -> None:
    await upstream.stop()
    upstream.smtputf8 = False
    await upstream.restart()
    await _send_utf8(relay, "jörg@dest.example")
    copy = await db.settled(relay, "jörg@dest.example", "bounced")
    assert copy.dsn_status == "5.6.7"
    assert upstream.received == []
    # The relay's own limit, not the recipient's: the address is not suppressed by it.
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example> SMTPUTF8\r\n"))[0] == 250
        assert (await _rcpt(client, "jörg@dest.example"))[0] == 250
    finally:
        await client.close()


async def _send_utf8(relay: Relay, rcpt: str) -> None:
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example> SMTPUTF8\r\n"))[0] == 250
        assert (await _rcpt(client, rcpt))[0] == 250
        assert (await client.send(b"DATA\r\n"))[0] == 354
        body = message(SENDER, "someone@dest.example") + b".\r\n"
        assert (await client.send(body))[0] == 250
    finally:
        await client.close()


async def test_the_null_sender_is_accepted(relay: Relay, upstream: Upstream) -> None:
    client = await RawClient.connect(relay)
    try:
        assert _status(await client.send(b"MAIL FROM:<>\r\n")) == (250, "2.1.0")
        assert (await _rcpt(client, "bob@example.net"))[0] == 250
        assert (await client.send(b"DATA\r\n"))[0] == 354
        assert (await client.send(message(SENDER, "bob@example.net") + b".\r\n"))[0] == 250
    finally:
        await client.close()
    assert len(upstream.to("bob@example.net")) == 1


async def test_direct_delivery_never_sends_to_this_host(make_relay: MakeRelay) -> None:
    relay = await make_relay(server={"hostname": "relay.test"}, delivery={"upstream": "mx"})
    replies = {}
    for path in ["a@localhost", "a@mail.localhost", "a@127.0.0.1", "a@relay.test", "a@Relay.Test"]:
        client = await RawClient.connect(relay)  # a session each, on one relay
        try:
            assert (await client.send(b"MAIL FROM:<news@acme.example>\r\n"))[0] == 250
            replies[path] = _status(await _rcpt(client, path))
        finally:
            await client.close()
    assert set(replies.values()) == {(550, "5.1.2")}, replies


async def test_a_copy_that_cannot_be_sent_never_stops_the_queue_worker(
    relay: Relay, upstream: Upstream
) -> None:
    """Such addresses are refused at RCPT now; one already in the queue (recorded before, or
    by a bug) is settled, and the worker goes on delivering the rest."""
    store = db.store_of(relay)

    async def queue(*mailboxes: MailboxAddress) -> None:
        async with store.transaction() as session:
            acme = (await account_by_name(session, "acme")).id
            new = NewMessage(acme, "<m@acme.example>", "c", SENDER, b"x", list(mailboxes), [])
            await record_message(session, new, now=utcnow(), lease=0, lifetime=3600)

    await queue(MailboxAddress("a\x0bb", "example.net"), MailboxAddress("good", "example.net"))
    await db.settled(relay, "good@example.net", "sent")
    # Settled: bounced by the transport (554 5.3.0), or, should any other exception escape an
    # attempt, deferred by the delivery guard; the error is kept with the copy either way.
    async with asyncio.timeout(10):
        while (bad := (await db.recipients_of(relay, "a\x0bb@example.net"))[0]).status not in (
            RecipientStatus.BOUNCED,
            RecipientStatus.DEFERRED,
        ):
            await asyncio.sleep(0.05)
    assert bad.detail is not None
    assert "characters not permitted" in bad.detail
    await queue(MailboxAddress("later", "example.net"))
    await db.settled(relay, "later@example.net", "sent")
    assert relay.service.worker is not None
    assert not relay.service.worker.done()


async def test_a_worker_that_fails_or_ends_is_restarted(caplog: pytest.LogCaptureFixture) -> None:
    stop, runs = asyncio.Event(), []

    async def run() -> None:
        runs.append(len(runs))
        if len(runs) == 1:
            raise RuntimeError("a bug")
        if len(runs) == 3:
            stop.set()

    with caplog.at_level(logging.ERROR):
        await asyncio.wait_for(supervised("test worker", run, stop, pause=0.01), timeout=5)
    assert len(runs) == 3
    assert "test worker failed; restarting it" in caplog.text
    assert "test worker ended unexpectedly; restarting it" in caplog.text


# Local parts drawn from atext, dots, and characters a path must not carry.
_ALPHABET = (
    string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~." + "éßÄK"
    ' \t\x0b\x0c\x1b\x7f\x00\r\u0085\u00a0\u2028\u200b()"\\,;:<>@[]'
)
_DOMAINS = ["dest.example", "Dest.Example", "bücher.example", "dest-.example", "a.b.example"]


def _draw(count: int) -> list[str]:
    """``count`` addresses drawn by Hypothesis (collected first: the relay is shared)."""
    drawn: list[str] = []

    @settings(
        max_examples=count,
        database=None,
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(st.text(_ALPHABET, min_size=1, max_size=12), st.sampled_from(_DOMAINS))
    def collect(local: str, domain: str) -> None:
        drawn.append(f"{local}@{domain}")

    collect()
    return drawn


def _parses(path: str, smtputf8: bool) -> bool:
    try:
        parse_mailbox(path, smtputf8=smtputf8)
    except BadAddress:
        return False
    return True


@pytest.mark.parametrize("smtputf8", [False, True], ids=["ascii", "smtputf8"])
async def test_any_accepted_address_arrives_exactly_as_given(
    relay: Relay, upstream: Upstream, smtputf8: bool
) -> None:
    paths = _draw(80)
    accepted: dict[str, str] = {}  # comparison key: the first spelling accepted
    client = await RawClient.connect(relay)
    try:
        mail = b"MAIL FROM:<news@acme.example>" + (b" SMTPUTF8" if smtputf8 else b"") + b"\r\n"
        assert (await client.send(mail))[0] == 250
        for path in paths:
            reply = await _rcpt(client, path)
            if reply[0] == 250:
                accepted.setdefault(parse_mailbox(path, smtputf8=smtputf8).key, path)
            else:
                assert _status(reply) in REFUSALS, (path, reply)
                # A relay form (a%b@c, b!a@c) is refused whatever its syntax.
                assert _status(reply) == (550, "5.7.1") or not _parses(path, smtputf8), path
        if accepted:
            assert (await client.send(b"DATA\r\n"))[0] == 354
            assert (await client.send(message(SENDER, "list@dest.example") + b".\r\n"))[0] == 250
    finally:
        await client.close()
    await upstream.wait_for(len(accepted))
    got = sorted(a for r in upstream.received for a in r.rcpt_tos)
    assert got == sorted(accepted.values())


def test_the_key_is_kept_once_read_and_changes_no_comparison() -> None:
    read = parse_mailbox("Bob.Smith@Bücher.Example", smtputf8=True)
    unread = parse_mailbox("Bob.Smith@Bücher.Example", smtputf8=True)
    assert read.key == "bob.smith@xn--bcher-kva.example"
    assert read.key is read.key  # worked out once
    assert read == unread  # before and after its key is read
    assert hash(read) == hash(unread)
    assert {read: 1}[unread] == 1
    assert repr(read) == "MailboxAddress(local='Bob.Smith', domain='Bücher.Example')"
    assert MailboxAddress("Ann", "EXAMPLE.net").key == "ann@example.net"
