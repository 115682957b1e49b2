"""The submission server over real sockets: AUTH, the suppression check, DATA, delivery."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import gc
import logging
import os
import re
import types
import warnings
import weakref

import aiosmtplib
import dkim
import pytest
import sqlalchemy
from sqlalchemy import select

from bounce_parser.verp import ReturnPath
from relay.smtp.commands import split_path
from relay.smtp.factory import protocol_factory
from relay.smtp.limit import ConnectionLimit
from relay.smtp.server import RelaySMTP
from storage.engine import utcnow
from storage.models import MessageBody, RecipientStatus
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.harness import RawClient, Relay, message
from tests.support.upstream import Upstream

SENDER = "news@acme.example"


async def test_mail_without_auth_gets_530(relay: Relay) -> None:
    async with relay.client(username=None) as smtp:
        await smtp.ehlo()
        code, text = await smtp.execute_command(b"MAIL", b"FROM:<news@acme.example>")
    assert (code, text.split()[0]) == (530, "5.7.0")


async def test_auth_is_not_offered_before_starttls(relay: Relay) -> None:
    async with relay.client(username=None, tls=False) as smtp:
        await smtp.ehlo()
        assert "auth" not in smtp.esmtp_extensions
        assert "starttls" in smtp.esmtp_extensions
        code, text = await smtp.execute_command(b"AUTH", b"PLAIN", b"AGFwcEBhY21lAHg=")
    assert code == 538
    assert text.startswith("5.7.11")


async def test_auth_with_a_wrong_password_gets_535(relay: Relay) -> None:
    with pytest.raises(aiosmtplib.SMTPAuthenticationError) as caught:
        async with relay.client(password="not the password"):
            pass
    assert caught.value.code == 535


@pytest.mark.parametrize("method", ["plain", "login"])
async def test_auth_plain_and_login_relay_a_message(
    relay: Relay, upstream: Upstream, method: str
) -> None:
    async with relay.client(username=None) as smtp:
        await smtp.ehlo()
        auth = smtp.auth_plain if method == "plain" else smtp.auth_login
        code, _ = await auth("app@acme", "correct horse battery")
        assert code == 235
        await smtp.sendmail(SENDER, ["bob@example.net"], message(SENDER, "bob@example.net"))
    assert len(upstream.to("bob@example.net")) == 1


OPEN_RELAY_FORMS = {
    "percent-hack": "bob%example.net@relay.test",
    "bang-path": "example.net!bob@relay.test",
    "source-route": "@relay.test:bob@example.net",
    "quoted-at": '"bob@example.net"@relay.test',
}


async def test_open_relay_forms_are_refused(relay: Relay, upstream: Upstream) -> None:
    """Each form in a session of its own, on one relay."""
    replies = {}
    for name, address in OPEN_RELAY_FORMS.items():
        async with relay.client() as smtp:
            await smtp.mail(SENDER)
            replies[name] = await smtp.execute_command(b"RCPT", f"TO:<{address}>".encode())
    assert {name: code in (550, 553, 501) for name, (code, _) in replies.items()} == dict.fromkeys(
        OPEN_RELAY_FORMS, True
    ), replies
    assert upstream.received == []


@pytest.mark.parametrize("byte", [b"\x00", b"\r", b"\n"], ids=["NUL", "CR", "LF"])
async def test_control_characters_in_an_address_are_refused(
    relay: Relay, upstream: Upstream, byte: bytes
) -> None:
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example>\r\n"))[0] == 250
        code, _ = await client.send(b"RCPT TO:<bob" + byte + b"x@example.net>\r\n")
        assert code >= 500
        if byte == b"\n":  # a bare LF ends the command line: the rest is a second bad command
            assert (await client.reply())[0] >= 500
        code, _ = await client.send(b"DATA\r\n")
        assert code == 503
    finally:
        await client.close()
    assert upstream.received == []


async def test_clean_recipient_gets_a_verp_sender_and_a_dkim_signature(
    relay: Relay, upstream: Upstream
) -> None:
    public = await db.dkim_public_key(relay, "acme.example")
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["Bob@Example.NET"], message(SENDER, "Bob@Example.NET"))
    (got,) = upstream.to("bob@example.net")
    verp = ReturnPath.verify(got.mail_from, relay.key, today=dt.date.today())
    assert verp is not None
    assert got.mail_from.endswith("@bounces.relay.test")
    assert len(got.mail_from.split("@")[0]) <= 64
    copy = await db.recipient(relay, verp.recipient_id)
    assert copy.address == "bob@example.net"
    assert copy.status is RecipientStatus.SENT
    assert ReturnPath.verify(got.mail_from, b"another key", today=dt.date.today()) is None

    def dns(name: bytes, timeout: int = 5) -> bytes:
        assert name == b"sel._domainkey.acme.example."
        return f"v=DKIM1; k=rsa; p={public}".encode()

    assert got.content.partition(b"\r\n")[2].startswith(b"DKIM-Signature:")  # X-Relay-Copy: 1st
    assert dkim.verify(got.content, dnsfunc=dns)
    tampered = got.content.replace(b"Hi there.", b"Hi therE.")
    assert not dkim.verify(tampered, dnsfunc=dns)


async def test_one_signature_made_at_data_serves_every_copy_and_the_retry(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    """DKIM signs the header fields and the body, not the envelope (RFC 6376 §3.7): the
    message is signed once, at DATA, and stored signed; every copy and a copy's retry send
    those stored bytes (only X-Relay-Copy goes on top). A retry 1.5 s later that signed again
    would carry another t= and b=."""
    relay = await make_relay(queue={"retry_schedule": [1.5]})
    public = await db.dkim_public_key(relay, "acme.example")
    upstream.rcpt_replies["slow@example.net"] = "450 4.2.1 Mailbox temporarily unavailable"
    to = ["a@example.net", "b@example.org", "slow@example.net"]
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, to, message(SENDER, ", ".join(to)))
    await db.settled(relay, "a@example.net", "sent")
    await db.settled(relay, "b@example.org", "sent")
    await db.settled(relay, "slow@example.net", "deferred")
    async with db.store_of(relay).reading() as session:
        (stored,) = (await session.scalars(select(MessageBody.data))).all()
    assert stored.startswith(b"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;")
    del upstream.rcpt_replies["slow@example.net"]  # the retry gets through
    await db.settled(relay, "slow@example.net", "sent")

    def dns(name: bytes, timeout: int = 5) -> bytes:
        assert name == b"sel._domainkey.acme.example."
        return f"v=DKIM1; k=rsa; p={public}".encode()

    for address in to:
        (got,) = upstream.to(address)
        assert got.content.endswith(stored), address
        assert got.content[: -len(stored)].startswith(b"X-Relay-Copy: ")
        assert got.content.count(b"DKIM-Signature:") == 1, address
        assert dkim.verify(got.content, dnsfunc=dns)


async def test_a_large_message_is_signed_as_well(relay: Relay, upstream: Upstream) -> None:
    """Bodies beyond 64 KiB are signed off the event loop; the signature must verify as well."""
    public = await db.dkim_public_key(relay, "acme.example")
    big = message(SENDER, "bob@example.net") + b"0123456789 abcdef\r\n" * 8000  # ~150 kB
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], big)
    (got,) = upstream.to("bob@example.net")

    def dns(name: bytes, timeout: int = 5) -> bytes:
        return f"v=DKIM1; k=rsa; p={public}".encode()

    assert got.content.partition(b"\r\n")[2].startswith(b"DKIM-Signature:")  # X-Relay-Copy: 1st
    assert got.content.endswith(b"0123456789 abcdef\r\n")
    assert dkim.verify(got.content, dnsfunc=dns)
    assert not dkim.verify(got.content[:-4] + b"ABC\r\n", dnsfunc=dns)


async def test_each_recipient_gets_its_own_return_path(relay: Relay, upstream: Upstream) -> None:
    rcpts = ["a@example.net", "b@example.net", "c@example.org"]
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, rcpts, message(SENDER, ", ".join(rcpts)))
    senders = {upstream.to(r)[0].mail_from for r in rcpts}
    assert len(senders) == 3
    verified = {ReturnPath.verify(s, relay.key, today=dt.date.today()) for s in senders}
    assert None not in verified


async def test_a_missing_message_id_is_added(relay: Relay, upstream: Upstream) -> None:
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], message(SENDER, "bob@example.net"))
    parsed = email.message_from_bytes(upstream.received[0].content)
    assert parsed["Message-ID"].endswith("@acme.example>")


async def test_a_missing_date_is_added_and_signed(relay: Relay, upstream: Upstream) -> None:
    """RFC 6409 §8.3: the submission server adds Date; it goes under the DKIM signature (h=
    lists date), so no later hop adds one that would break it."""
    public = await db.dkim_public_key(relay, "acme.example")
    undated = message(SENDER, "bob@example.net").replace(
        b"Date: Mon, 23 Nov 2026 08:00:00 +0000\r\n", b""
    )
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], undated)
    (got,) = upstream.to("bob@example.net")
    parsed = email.message_from_bytes(got.content)
    assert len(parsed.get_all("Date", [])) == 1
    assert email.utils.parsedate_to_datetime(parsed["Date"]) >= before
    assert dkim.verify(got.content, dnsfunc=lambda *_, **__: f"v=DKIM1; k=rsa; p={public}".encode())


async def test_a_date_given_is_kept(relay: Relay, upstream: Upstream) -> None:
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], message(SENDER, "bob@example.net"))
    (got,) = upstream.to("bob@example.net")
    dates = email.message_from_bytes(got.content).get_all("Date", [])
    assert dates == ["Mon, 23 Nov 2026 08:00:00 +0000"]


async def test_foreign_from_domain_is_refused(relay: Relay, upstream: Upstream) -> None:
    async with relay.client() as smtp:
        with pytest.raises(aiosmtplib.SMTPDataError) as caught:
            await smtp.sendmail(
                SENDER, ["bob@example.net"], message("ceo@bank.example", "bob@example.net")
            )
    assert caught.value.code == 550
    assert caught.value.message.startswith("5.7.1")
    assert upstream.received == []


async def test_suppressed_recipient_gets_550_and_is_recorded_not_sent(
    relay: Relay, upstream: Upstream
) -> None:
    await db.suppress(relay, "acme", "gone@example.net", "user_unknown")
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, text = await smtp.execute_command(b"RCPT", b"TO:<Gone@Example.net>")
        assert code == 550
        assert text.startswith("5.7.1")
        assert "user_unknown" in text
        assert f"{utcnow():%Y-%m-%d}" in text
        await smtp.rcpt("ok@example.net")
        await smtp.data(message(SENDER, "ok@example.net, gone@example.net"))
    assert upstream.to("gone@example.net") == []
    assert len(upstream.to("ok@example.net")) == 1
    rows = await db.recipients_of(relay, "gone@example.net")
    assert [(r.status, r.reason) for r in rows] == [(RecipientStatus.NOT_SENT, "user_unknown")]
    assert "previously bounced" in (rows[0].detail or "")


async def test_accept_and_report_mode_accepts_but_does_not_send(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(server={"suppressed_mode": "accept-and-report"})
    await db.suppress(relay, "acme", "gone@example.net", "user_unknown")
    async with relay.client() as smtp:
        errors, _ = await smtp.sendmail(
            SENDER, ["gone@example.net"], message(SENDER, "gone@example.net")
        )
    assert errors == {}
    assert upstream.received == []
    (row,) = await db.recipients_of(relay, "gone@example.net")
    assert row.status is RecipientStatus.NOT_SENT


async def test_upstream_5xx_is_recorded_and_the_next_send_refused(
    relay: Relay, upstream: Upstream
) -> None:
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 <dead@example.net>: User unknown"
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["dead@example.net"], message(SENDER, "dead@example.net"))
    (row,) = await db.recipients_of(relay, "dead@example.net")
    assert (row.status, row.reason, row.dsn_status) == (
        RecipientStatus.BOUNCED,
        "user_unknown",
        "5.1.1",
    )
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, text = await smtp.execute_command(b"RCPT", b"TO:<dead@example.net>")
    assert (code, text[:5]) == (550, "5.7.1")
    assert "5.1.1" in text


async def test_sender_side_5xx_does_not_suppress_the_address(
    relay: Relay, upstream: Upstream
) -> None:
    upstream.rcpt_replies["bob@example.net"] = (
        "550 5.7.1 Service unavailable; client host [127.0.0.1] blocked using zen.spamhaus.org"
    )
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], message(SENDER, "bob@example.net"))
    (row,) = await db.recipients_of(relay, "bob@example.net")
    assert row.status is RecipientStatus.BOUNCED
    assert row.reason == "blocked"
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, _ = await smtp.rcpt("bob@example.net")
    assert code == 250


async def test_upstream_4xx_is_queued_and_delivered_after_recovery(
    relay: Relay, upstream: Upstream
) -> None:
    upstream.rcpt_replies["busy@example.net"] = "451 4.7.1 Greylisted, try again later"
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["busy@example.net"], message(SENDER, "x"))
    (row,) = await db.recipients_of(relay, "busy@example.net")
    assert row.status is RecipientStatus.DEFERRED
    assert await db.queue_size(relay) == 1
    del upstream.rcpt_replies["busy@example.net"]
    await upstream.wait_for(1, timeout=10)
    row = await db.settled(relay, "busy@example.net", RecipientStatus.SENT)
    assert row.attempts >= 2
    assert await db.queue_size(relay) == 0


async def test_store_unreachable_gives_451_and_nothing_is_relayed(
    relay: Relay, upstream: Upstream
) -> None:
    async with relay.client() as smtp:
        await db.break_store(relay)
        await smtp.mail(SENDER)
        code, text = await smtp.execute_command(b"RCPT", b"TO:<bob@example.net>")
    assert (code, text[:5]) == (451, "4.3.0")
    assert upstream.received == []


async def test_a_store_lost_while_a_task_reads_leaves_no_connection_to_the_collector(
    relay: Relay, upstream: Upstream
) -> None:
    """The store goes while a read of the relay's is under way (as the webhook dispatcher's
    first look for orphans at start-up was, leak13): that connection is closed when the read
    ends, not left in a pool nothing uses for the garbage collector to find (aiosqlite's
    ResourceWarning, which a later test reported)."""
    store = db.store_of(relay)
    if not store.is_sqlite:
        pytest.skip("SQLite: the store is a file in this process")
    gc.collect()
    gc.disable()  # nothing found before the look below
    try:
        async with relay.client() as smtp:
            async with store.reading() as session:
                await session.execute(sqlalchemy.text("SELECT count(*) FROM accounts"))
                await db.break_store(relay)
            await smtp.mail(SENDER)
            code, text = await smtp.execute_command(b"RCPT", b"TO:<bob@example.net>")
        assert (code, text[:5]) == (451, "4.3.0")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            gc.collect()
    finally:
        gc.enable()
    assert [str(w.message) for w in caught if "before being closed" in str(w.message)] == []


async def test_too_many_recipients_get_452(make_relay: MakeRelay, upstream: Upstream) -> None:
    relay = await make_relay(server={"max_recipients": 2})
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        assert (await smtp.rcpt("a@example.net"))[0] == 250
        assert (await smtp.rcpt("b@example.net"))[0] == 250
        code, text = await smtp.execute_command(b"RCPT", b"TO:<c@example.net>")
    assert (code, text[:5]) == (452, "4.5.3")


async def test_a_message_over_the_size_limit_gets_552(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(server={"max_message_size": 2048})
    big = message(SENDER, "bob@example.net") + b"x" * 70 + b"\r\n"
    big = big * 40
    async with relay.client() as smtp:
        await smtp.ehlo()
        assert smtp.esmtp_extensions["size"] == "2048"
        code, text = await smtp.execute_command(b"MAIL", b"FROM:<news@acme.example> SIZE=99999")
        assert (code, text[:5]) == (552, "5.3.4")
        await smtp.mail(SENDER)
        await smtp.rcpt("bob@example.net")
        with pytest.raises(aiosmtplib.SMTPDataError) as caught:
            await smtp.data(big)
    assert caught.value.code == 552
    assert caught.value.message.startswith("5.3.4")
    assert upstream.received == []


@pytest.mark.parametrize(
    ("arg", "path", "params"),
    [
        ("<bob@example.net>", "bob@example.net", ""),
        ("<Bob.O'Neil+tag@Example.NET> SIZE=1000 BODY=8BITMIME", "Bob.O'Neil+tag@Example.NET",
         "SIZE=1000 BODY=8BITMIME"),
        ("<bob@example.net>\tNOTIFY=NEVER  ", "bob@example.net", "NOTIFY=NEVER"),
        ("<bob@example.net\t>", "bob@example.net\t", ""),
        ("<a(x)@example.net>", "a(x)@example.net", ""),
        ("<bob..dots@example.net>", "bob..dots@example.net", ""),
        ("<>", "<>", ""),
        ("<bob@example.net>SIZE=10", None, None),
        ("<bob@example.net", None, None),
        ("<", None, None),
        ("bob@example.net", None, None),
        ("", None, None),
    ],
)  # fmt: skip
def test_the_path_is_handed_on_as_sent(arg: str, path: str | None, params: str | None) -> None:
    """aiosmtpd's reading cleans a path up (comments, whitespace); the hooks get it raw."""
    assert split_path(arg) == (path, params)


class _Hooks:
    """A minimal aiosmtpd handler: one hook and one AUTH mechanism of its own."""

    async def handle_RCPT(self, *args: object) -> str:
        return "250 OK"

    async def auth_XTEST(self, *args: object) -> None:
        return None


async def test_protocols_after_the_first_match_what_aiosmtpds_constructor_builds() -> None:
    """The listener copies the first protocol's tables; a copy must equal a fresh protocol."""
    handler, limit = _Hooks(), ConnectionLimit(10)
    options = {"hostname": "relay.test", "ident": "t", "data_size_limit": 1000}
    build = protocol_factory(handler, limit=limit, **options)
    build()
    copied, again = build(), build()
    made = RelaySMTP(handler, limit=limit, **options)  # type: ignore[arg-type]
    assert vars(copied).keys() == vars(made).keys()

    def same(a: object, b: object) -> bool:
        if isinstance(a, types.MethodType) and isinstance(b, types.MethodType):
            owner = (copied, made) if a.__self__ is copied else (handler, handler)
            return a.__func__ is b.__func__ and (a.__self__, b.__self__) == owner
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, tuple) and isinstance(b, tuple):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
        if isinstance(a, (asyncio.Future, asyncio.StreamReader, weakref.ref)):
            return type(a) is type(b) and a is not b
        return bool(a == b)

    different = [k for k in vars(made) if not same(vars(copied)[k], vars(made)[k])]
    assert different == []
    assert copied._smtp_methods["RCPT"].__self__ is copied
    assert copied._auth_methods["PLAIN"].method.__self__ is copied
    assert copied._auth_methods["XTEST"].method.__self__ is handler
    streams = (asyncio.Future, asyncio.StreamReader, weakref.ref)
    fresh = [k for k, v in vars(copied).items() if isinstance(v, streams)]
    assert "_strong_reader" in fresh
    assert [k for k in fresh if vars(copied)[k] is vars(again)[k]] == []
    assert copied._stream_reader is copied._strong_reader


async def test_every_connection_of_a_listener_authenticates_and_relays(
    relay: Relay, upstream: Upstream
) -> None:
    """The first protocol comes from aiosmtpd's constructor, later ones from the copy."""
    for n, method in enumerate(["plain", "login", "plain", "login"]):
        async with relay.client(username=None) as smtp:
            await smtp.ehlo()
            auth = smtp.auth_plain if method == "plain" else smtp.auth_login
            assert (await auth("app@acme", "correct horse battery"))[0] == 235
            rcpt = f"copy{n}@example.net"
            await smtp.sendmail(SENDER, [rcpt], message(SENDER, rcpt))
        async with relay.client(username=None) as smtp:
            with pytest.raises(aiosmtplib.SMTPAuthenticationError):
                await smtp.auth_plain("app@acme", "wrong")
    for n in range(4):
        assert len(upstream.to(f"copy{n}@example.net")) == 1


async def test_a_multi_line_reply_goes_out_in_one_write(relay: Relay) -> None:
    """EHLO's lines leave in one write (aiosmtpd pushes them one by one), and in order."""
    client = await RawClient.connect(relay, login=False)
    try:
        (protocol,) = [p for p in relay.service.protocols if p.transport is not None]
        writes: list[bytes] = []
        write = protocol._writer.write

        def counted(data: bytes) -> None:
            writes.append(data)
            write(data)

        protocol._writer.write = counted  # type: ignore[method-assign]
        assert (await client.send(b"EHLO client.example\r\n"))[0] == 250
        assert len(writes) == 1
        lines = writes[0].split(b"\r\n")
        assert lines[-1] == b""
        assert all(line[3:4] == b"-" for line in lines[:-2])
        assert lines[-2][3:4] == b" "
        assert b"250-ENHANCEDSTATUSCODES\r\n" in writes[0]
        assert (await client.send(b"NOOP\r\n"))[0] == 250
        assert len(writes) == 2
    finally:
        await client.close()


_RECEIVED = re.compile(
    r"Received: from (?P<helo>\S+) \(unknown \[127\.0\.0\.1\]\)\r\n"
    r"\tby localhost with ESMTPSA id [0-9A-F]{16}\r\n"
    r"\tfor <Bob@Example\.NET>;\r\n"
    r"\t\w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\r\n"
)


async def test_a_relayed_message_carries_the_relays_received_header(
    relay: Relay, upstream: Upstream
) -> None:
    public = await db.dkim_public_key(relay, "acme.example")
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["Bob@Example.NET"], message(SENDER, "Bob@Example.NET"))
    (got,) = upstream.received
    head = got.content.split(b"\r\n\r\n", 1)[0].decode()
    assert _RECEIVED.search(head + "\r\n"), head
    assert head.count("Received:") == 1

    def dns(name: bytes, timeout: int = 5) -> bytes:
        return f"v=DKIM1; k=rsa; p={public}".encode()

    # Added before signing: the signature still verifies over the message that carries it.
    assert dkim.verify(got.content, dnsfunc=dns)


async def test_the_received_header_can_leave_out_the_client(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(server={"received_client_address": False})
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["a@example.net", "b@example.net"], message(SENDER, "a@x.y"))
    await upstream.wait_for(2)
    head = upstream.received[0].content.split(b"\r\n\r\n", 1)[0].decode()
    received = re.search(r"Received: [^\r]*(\r\n\t[^\r]*)*", head)
    assert received is not None
    assert received.group(0).startswith("Received: by localhost with ESMTPSA id ")
    assert "127.0.0.1" not in head
    assert " for <" not in head


class _Failing:
    """A handler with a bug: its NOOP hook raises."""

    async def handle_NOOP(self, *args: object) -> str:
        raise KeyError("internal detail")


async def test_an_unexpected_error_is_answered_451_and_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    build = protocol_factory(_Failing(), limit=ConnectionLimit(10), hostname="relay.test")
    server = await asyncio.get_running_loop().create_server(build, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        client = RawClient(reader, writer)
        assert (await client.reply())[0] == 220
        for _ in range(5):
            code, text = await client.send(b"NOOP\r\n")
            assert (code, text.split()[0]) == (451, "4.3.0")
            assert "KeyError" not in text
            assert "internal detail" not in text
        assert (await client.send(b"QUIT\r\n"))[0] == 221
        await client.close()
    finally:
        server.close()
        await server.wait_closed()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info is not None


async def test_tls_sessions_sharing_one_read_buffer_keep_their_bytes_apart(
    relay: Relay, upstream: Upstream
) -> None:
    # Every STARTTLS session reads the socket through its event loop's one buffer (relay.smtp.tls);
    # many sessions sending large, distinct messages at once must each arrive intact.
    sessions = 12

    async def one(n: int) -> bytes:
        to = f"tls{n}@example.net"
        body = "".join(f"{n:02d}-{i:05d} {os.urandom(30).hex()}\r\n" for i in range(2000))
        data = message(SENDER, to) + body.encode()  # about 160 KB: many TLS records
        async with relay.client() as smtp:
            await smtp.sendmail(SENDER, [to], data)
        return body.encode()

    bodies = await asyncio.gather(*(one(n) for n in range(sessions)))
    assert len(upstream.received) == sessions
    for n, body in enumerate(bodies):
        (arrived,) = [r for r in upstream.received if r.rcpt_tos[0] == f"tls{n}@example.net"]
        assert arrived.content.endswith(body)
