"""The bounce path end to end over sockets: send through the relay, a DSN comes back to the
VERP address at the bounce listener, and only trustworthy evidence suppresses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from bounce_parser.verp import ReturnPath
from storage.models import Suppression
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.bounces import bounce, bounces_of, rcpt_code, send
from tests.support.dsn import complaint, dsn, vacation
from tests.support.harness import Relay, add_account
from tests.support.upstream import Upstream

REAL_SUCCESS = Path(__file__).parents[2] / "bounce_parser" / "real_success"
REAL_AUTOREPLY = Path(__file__).parents[2] / "bounce_parser" / "real_autoreply_exim"
REAL_LIST = Path(__file__).parents[2] / "bounce_parser" / "real_list_postfix"
REAL_MAILMAN = Path(__file__).parents[2] / "bounce_parser" / "real_list_mailman"
REAL_SYMPA = Path(__file__).parents[2] / "bounce_parser" / "real_list_sympa"


async def test_a_dsn_to_the_verp_address_suppresses_the_recipient(
    relay: Relay, upstream: Upstream
) -> None:
    await send(relay, "dead@example.net")
    verp = upstream.received[0].mail_from
    assert await bounce(relay, dsn(verp, "dead@example.net"), verp) == (250, "ok")
    (row,) = await bounces_of(relay, "dead@example.net")
    assert (row.verified, row.hard, row.reason, row.dsn_status) == (
        True,
        True,
        "user_unknown",
        "5.1.1",
    )
    assert row.raw is not None
    assert await rcpt_code(relay, "dead@example.net") == 550


async def test_a_forged_dsn_changes_nothing(relay: Relay, upstream: Upstream) -> None:
    await send(relay, "bob@example.net")
    real = upstream.received[0].mail_from
    token = ReturnPath.verify(real, relay.key, today=dt.date.today())
    assert token is not None
    forged = ReturnPath(token.account_id, token.recipient_id, token.expires).address(
        b"guessed key", "bounces.relay.test"
    )
    raw = dsn(forged, "bob@example.net", message_id="<not-ours@elsewhere.example>")
    assert (await bounce(relay, raw, forged))[0] == 250
    (row,) = await bounces_of(relay, "bob@example.net")
    assert row.verified is False
    assert await rcpt_code(relay, "bob@example.net") == 250


async def test_a_dsn_without_token_is_not_tied_by_message_id_and_recipient(
    relay: Relay, upstream: Upstream
) -> None:
    await send(relay, "gone@example.net")
    raw = dsn(
        "postmaster@bounces.relay.test", "gone@example.net", message_id="<m-gone@example.net>"
    )
    assert (await bounce(relay, raw, "postmaster@bounces.relay.test"))[0] == 250
    (row,) = await bounces_of(relay, "gone@example.net")
    assert row.verified is False  # kept as unverified evidence: a Message-ID is no secret
    assert await rcpt_code(relay, "gone@example.net") == 250


async def test_a_dsn_for_an_address_we_never_sent_to_is_unverified(
    relay: Relay, upstream: Upstream
) -> None:
    await send(relay, "bob@example.net")
    verp = upstream.received[0].mail_from
    raw = dsn(verp, "victim@example.org")  # a valid token cannot condemn another address
    await bounce(relay, raw, verp)
    assert await rcpt_code(relay, "victim@example.org") == 250


async def test_the_listener_takes_mail_only_for_the_return_path_domain(relay: Relay) -> None:
    code, text = await bounce(relay, dsn("x@example.com", "a@b.example"), "someone@example.com")
    assert (code, text[:5]) == (550, "5.1.1")


async def test_soft_bounces_escalate_at_the_threshold(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(bounces={"soft_threshold": 3, "soft_min_days": 0})
    # the final notice of a copy the full mailbox kept refusing (a delay warning is no bounce)
    soft = {"status": "4.2.2", "action": "failed", "diagnostic": "smtp; 452 4.2.2 Mailbox full"}
    for n in range(3):
        await send(relay, "full@example.net")
        verp = upstream.received[-1].mail_from
        await bounce(relay, dsn(verp, "full@example.net", **soft), verp)
        expected = 550 if n == 2 else 250
        assert await rcpt_code(relay, "full@example.net") == expected, n
    async with db.store_of(relay).reading() as session:
        reason = await session.scalar(
            select(Suppression.reason).where(Suppression.address == "full@example.net")
        )
    assert reason == "repeated soft bounces"


async def test_a_delivery_resets_the_soft_bounce_count(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(bounces={"soft_threshold": 2, "soft_min_days": 0})
    # the final notice of a copy the full mailbox kept refusing (a delay warning is no bounce)
    soft = {"status": "4.2.2", "action": "failed", "diagnostic": "smtp; 452 4.2.2 Mailbox full"}
    await send(relay, "full@example.net")
    verp = upstream.received[-1].mail_from
    await bounce(relay, dsn(verp, "full@example.net", **soft), verp)
    await send(relay, "full@example.net")
    verp = upstream.received[-1].mail_from
    delivered = dsn(
        verp,
        "full@example.net",
        status="2.0.0",
        action="delivered",
        diagnostic="smtp; 250 2.0.0 Ok",
    )
    await bounce(relay, delivered, verp)
    (_, second) = await db.recipients_of(relay, "full@example.net")
    assert second.status == "delivered"
    await send(relay, "full@example.net")
    verp = upstream.received[-1].mail_from
    await bounce(relay, dsn(verp, "full@example.net", **soft), verp)
    assert await rcpt_code(relay, "full@example.net") == 250


async def test_hard_bounces_for_three_accounts_make_a_global_suppression(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay()
    for name in ("beta", "gamma", "delta"):
        await add_account(relay.settings, name, f"{name}.example", f"app@{name}", dkim=False)
    for name in ("acme", "beta"):
        await send(relay, "dead@example.net", user=f"app@{name}", sender=f"news@{name}.example")
        verp = upstream.received[-1].mail_from
        await bounce(relay, dsn(verp, "dead@example.net"), verp)
    assert await rcpt_code(relay, "dead@example.net", user="app@delta") == 250
    await send(relay, "dead@example.net", user="app@gamma", sender="news@gamma.example")
    verp = upstream.received[-1].mail_from
    await bounce(relay, dsn(verp, "dead@example.net"), verp)
    async with relay.client(username="app@delta") as smtp:
        await smtp.mail("news@delta.example")
        code, text = await smtp.execute_command(b"RCPT", b"TO:<dead@example.net>")
    assert code == 550
    assert "every account" in text


async def test_a_complaint_suppresses_with_reason_complaint(
    relay: Relay, upstream: Upstream
) -> None:
    await send(relay, "angry@example.net")
    verp = upstream.received[0].mail_from
    await bounce(relay, complaint(verp, "angry@example.net"), verp)
    async with db.store_of(relay).reading() as session:
        reason = await session.scalar(
            select(Suppression.reason).where(Suppression.address == "angry@example.net")
        )
    assert reason == "complaint"


async def test_an_auto_reply_changes_nothing(relay: Relay, upstream: Upstream) -> None:
    await send(relay, "away@example.net")
    verp = upstream.received[0].mail_from
    await bounce(relay, vacation(verp, "away@example.net"), verp)
    assert await bounces_of(relay, "away@example.net") == []
    assert await rcpt_code(relay, "away@example.net") == 250


async def test_a_reply_the_tied_recipient_wrote_itself_is_no_bounce(
    relay: Relay, upstream: Upstream
) -> None:
    # A real vacation(1) 3.3.3 reply (tests/support/autoreply_bed.py): sent from "<>" with the
    # user's own message file, "Subject: Undeliverable: ..." and "was not delivered to anyone
    # who will read it ... Please write to office@...", no Auto-Submitted: the parser reads a
    # notice about the contact address; but it comes From the tied copy's own recipient, whose
    # mailbox took the message and answered.
    await send(relay, "vacation-no-longer-here@example.net")
    verp = upstream.received[-1].mail_from
    raw = (REAL_AUTOREPLY / "vacation_no_longer_here.eml").read_bytes()
    for old, new in (
        ("bounces+vacation_no_longer_here@sender.test", verp),
        ("vacation-no-longer-here@autoreply.test", "vacation-no-longer-here@example.net"),
    ):
        raw = raw.replace(old.encode(), new.encode())
    assert await bounce(relay, raw, verp) == (250, "ok")
    assert await bounces_of(relay, "vacation-no-longer-here@example.net") == []
    assert await bounces_of(relay, "office@autoreply.test") == []
    assert await rcpt_code(relay, "vacation-no-longer-here@example.net") == 250


async def test_a_list_managers_answers_to_the_return_path_change_nothing(
    relay: Relay, upstream: Upstream
) -> None:
    # mlmmj 1.3.0's texts (tests/support/list_bed.py), each quoting the post under
    # message/rfc822, delivered to our VERP return path: wait-post goes there ("to the poster
    # (based on the envelope from)", TUNABLES notifymod); deny-post (too big for the list;
    # not a subscriber, in German) goes to the header From, which an account may point at
    # the relay's bounce domain too; held_parcel_notice quotes a post that is a shop's parcel
    # notice ("Delivery status of your order", "could not be delivered today"). The list
    # address took each message: nothing is recorded, the list address stays sendable.
    for name in ("moderated", "too_big", "not_subscribed_de", "held_parcel_notice"):
        await send(relay, "news-list@example.net")
        verp = upstream.received[-1].mail_from
        raw = (REAL_LIST / f"{name}.eml").read_bytes()
        raw = raw.replace(f"bounces+{name}@sender.test".encode(), verp.encode())
        raw = raw.replace(f"news+{name}@sender.test".encode(), b"news@customer.example")
        assert await bounce(relay, raw, verp) == (250, "ok")
    assert await bounces_of(relay, "news-list@example.net") == []
    assert await rcpt_code(relay, "news-list@example.net") == 250


async def test_mailmans_answers_and_owner_notices_change_nothing(
    relay: Relay, upstream: Upstream
) -> None:
    # Mailman 3.3.8's texts (tests/support/mailman_bed.py), each to the post's header From,
    # which an account may point at the relay's bounce domain: the hold notice (a non-member,
    # in German), the moderator's rejection, the non-member rejection quoting the post, and
    # the owner's notice that a member's delivery was disabled, a Postfix DSN of the dead
    # member attached (the owner our customer). The list address took each post: nothing is
    # recorded, the list address stays sendable, and the member's address is not suppressed.
    for name in (
        "nonmember_held_de",
        "moderator_rejected",
        "nonmember_rejected",
        "dead_member_disabled",
    ):
        await send(relay, "news-list@example.net")
        verp = upstream.received[-1].mail_from
        raw = (REAL_MAILMAN / f"{name}.eml").read_bytes()
        raw = raw.replace(f"news+{name}@sender.test".encode(), verp.encode())
        assert await bounce(relay, raw, verp) == (250, "ok")
    assert await bounces_of(relay, "news-list@example.net") == []
    assert await bounces_of(relay, "dead@gone.test") == []
    assert await rcpt_code(relay, "news-list@example.net") == 250
    assert await rcpt_code(relay, "dead@gone.test") == 250


async def test_sympas_reports_suppress_only_a_list_that_does_not_exist(
    relay: Relay, upstream: Upstream
) -> None:
    # Sympa 6.2.70's own DSNs (tests/support/sympa_bed.py), to the post's envelope sender:
    # "List unknown" (5.1.1) condemns the address; a non-subscriber's post refused by a
    # closed list (5.7.1, in German) and a post over the list's size limit (5.2.3) are the
    # poster's failures, recorded but never suppressing; the hold notice (to the header
    # From, which an account may point at the relay's bounce domain) records nothing.
    cases = {
        "unknown_list": ("nosuchlist@lists.test", "gone-list@example.net"),
        "nonsubscriber_rejected_de": ("closedde@lists.test", "closed-list@example.net"),
        "too_big": ("small@lists.test", "small-list@example.net"),
        "held_for_moderation": ("moderated@lists.test", "held-list@example.net"),
    }
    for name, (listed, ours) in cases.items():
        await send(relay, ours)
        verp = upstream.received[-1].mail_from
        raw = (REAL_SYMPA / f"{name}.eml").read_bytes().replace(listed.encode(), ours.encode())
        for poster in (f"bounces+{name}@sender.test", f"news+{name}@sender.test"):
            raw = raw.replace(poster.encode(), verp.encode())
        assert await bounce(relay, raw, verp) == (250, "ok")
    (gone,) = await bounces_of(relay, "gone-list@example.net")
    assert (gone.verified, gone.hard, gone.reason, gone.dsn_status) == (
        True,
        True,
        "user_unknown",
        "5.1.1",
    )
    assert await rcpt_code(relay, "gone-list@example.net") == 550
    for ours, status in (("closed-list@example.net", "5.7.1"), ("small-list@example.net", "5.2.3")):
        (row,) = await bounces_of(relay, ours)
        assert (row.verified, row.hard, row.dsn_status) == (True, False, status)
        assert await rcpt_code(relay, ours) == 250
    assert await bounces_of(relay, "held-list@example.net") == []
    assert await rcpt_code(relay, "held-list@example.net") == 250


def _nested(depth: int) -> bytes:
    head = b"From: x@y.example\r\nTo: b-1@bounces.relay.test\r\nSubject: n\r\n"
    body = b""
    for n in range(depth):
        body += (
            f'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b{n}"\r\n\r\n--b{n}\r\n'
        ).encode()
    return head + body + b"deep\r\n"


HOSTILE = {
    "nested-500": _nested(500),
    "nul-bytes": b"From: a@b.example\r\nSubject: \x00\x00\r\n\r\n\x00" * 50,
    "no-headers": b"\r\n\r\njust a body\r\n",
    "megabyte-header": b"Subject: x"
    + b"\r\n "
    + b"\r\n ".join([b"y" * 900] * 1200)
    + b"\r\n\r\nb\r\n",
    "broken-mime": (
        b"Content-Type: multipart/report; boundary=\r\n\r\n--\r\n"
        b"Content-Type: message/delivery-status\r\n\r\n"
        b"Final-Recipient: rfc822;\r\nStatus: 9.9.9\r\n"
    ),
    "unknown-charset": (
        b"Content-Type: text/plain; charset=x-no-such-charset\r\nSubject: =?x-bogus?q?=FF?=\r\n\r\n"
        b"\xff\xfe failed: 550 5.1.1 user unknown\r\n"
    ),
}


async def test_an_overlong_line_gets_500_and_the_listener_goes_on(
    relay: Relay, upstream: Upstream
) -> None:
    code, text = await bounce(
        relay, b"Subject: " + b"x" * 100_000 + b"\r\n\r\nb\r\n", "j@bounces.relay.test"
    )
    assert (code, text[:5]) == (500, "5.5.6")
    await send(relay, "dead@example.net")
    verp = upstream.received[-1].mail_from
    assert (await bounce(relay, dsn(verp, "dead@example.net"), verp))[0] == 250


async def test_the_listener_survives_hostile_input_and_takes_the_next_bounce(
    relay: Relay, upstream: Upstream
) -> None:
    """Each hostile message in turn on one relay, each followed by a real bounce for an address
    of its own, which must still suppress it."""
    answers = {}
    for name, hostile in HOSTILE.items():
        code, _ = await bounce(relay, hostile, "junk@bounces.relay.test")
        dead = f"dead-{name}@example.net"
        await send(relay, dead)
        verp = upstream.received[-1].mail_from
        taken = (await bounce(relay, dsn(verp, dead), verp))[0]
        answers[name] = (code, taken, await rcpt_code(relay, dead))
    assert answers == dict.fromkeys(HOSTILE, (250, 250, 550))


async def test_a_delay_warning_is_no_bounce(make_relay: MakeRelay, upstream: Upstream) -> None:
    relay = await make_relay(bounces={"soft_threshold": 1, "soft_min_days": 0})
    await send(relay, "slow@example.net")
    verp = upstream.received[-1].mail_from
    warning = dsn(
        verp,
        "slow@example.net",
        status="4.4.1",
        action="delayed",
        diagnostic="smtp; 451 4.4.1 no answer from host",
    )
    assert await bounce(relay, warning, verp) == (250, "ok")
    assert await bounces_of(relay, "slow@example.net") == []
    assert await rcpt_code(relay, "slow@example.net") == 250


async def test_a_soft_bounce_the_parser_cannot_judge_never_escalates(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(bounces={"soft_threshold": 1, "soft_min_days": 0})
    await send(relay, "odd@example.net")
    verp = upstream.received[-1].mail_from
    unreadable = (
        f"From: MAILER-DAEMON@mx.example.net\r\nTo: {verp}\r\nSubject: ?\r\n"
        "Content-Type: text/plain\r\n\r\nsomething happened\r\n"
    ).encode()
    assert await bounce(relay, unreadable, verp) == (250, "ok")
    (recorded,) = await bounces_of(relay, "odd@example.net")
    assert (recorded.hard, recorded.party) == (False, "undetermined")
    assert await rcpt_code(relay, "odd@example.net") == 250


async def test_a_recipient_a_failure_notice_reports_relayed_is_no_bounce(
    relay: Relay, upstream: Upstream
) -> None:
    # A real Sendmail 8.17 notice (tests/bounce_parser/real_success/) that reports one
    # recipient relayed ("Action: relayed", RFC 3464 section 2.3.3: not a failure) and one
    # refused for good, in one failure notice; here the relayed one is the tied copy's.
    await send(relay, "kept@example.net")
    verp = upstream.received[-1].mail_from
    raw = (REAL_SUCCESS / "sendmail" / "mixed_relayed_failed.eml").read_bytes()
    for old, new in (
        ("bounces+mixed_relayed_failed@sender.test", verp),
        ("kept@plain.test", "kept@example.net"),
        ("gone@plain.test", "gone@example.net"),
    ):
        raw = raw.replace(old.encode(), new.encode())
    assert await bounce(relay, raw, verp) == (250, "ok")
    assert await bounces_of(relay, "kept@example.net") == []
    assert await rcpt_code(relay, "kept@example.net") == 250
    (gone,) = await bounces_of(relay, "gone@example.net")  # never sent here: unverified
    assert (gone.verified, gone.reason) == (False, "user_unknown")
