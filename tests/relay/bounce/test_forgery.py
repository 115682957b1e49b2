"""Only evidence the relay signed suppresses (SPEC rule 7), and a report counts once and never
undoes an unbounce (rule 8): forged, replayed and duplicated bounces sent to the real bounce
listener over a socket, recorded in a real store."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bounce_parser.verp import CopyToken, ReturnPath
from relay.admin import unbounce_rules
from relay.bounce.listener import sending_host
from relay.bounce.recorder import BounceRecorder
from storage import admin
from storage.accounts import account_by_name
from storage.bounces import drop_old_raw
from storage.engine import utcnow
from storage.models import Bounce, Role, Suppression, UnverifiedReport
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.bounces import bounce, bounces_of, rcpt_code
from tests.support.cli import invoke
from tests.support.dsn import complaint, dsn
from tests.support.harness import Relay, add_account, message
from tests.support.upstream import Received, Upstream

POSTMASTER = "postmaster@bounces.relay.test"
VICTIM = "victim@example.net"
ATTACKER = "attacker@example.org"
CO_RECIPIENTS = ("carol@example.net", "dave@example.net", "erin@example.net")


async def send(
    relay: Relay,
    upstream: Upstream,
    to: list[str],
    *,
    account: str = "acme",
    message_id: str = "<campaign-1@acme.example>",
) -> list[Received]:
    """One message from ``account`` to every address in ``to``; the copies upstream got."""
    sender = f"news@{account}.example"
    before = len(upstream.received)
    async with relay.client(username=f"app@{account}") as smtp:
        raw = message(sender, to[0], extra=f"Message-ID: {message_id}\r\n")
        await smtp.sendmail(sender, to, raw)
    await upstream.wait_for(before + len(to))
    return upstream.received[before:]


def copy_of(copies: list[Received], address: str) -> Received:
    return next(c for c in copies if c.rcpt_tos == (address,))


def copy_header(received: Received) -> str:
    """The ``X-Relay-Copy`` line the relay put in front of this copy (with its line end)."""
    match = re.search(rb"(?m)^X-Relay-Copy: [^\r\n]+\r\n", received.content)
    assert match is not None, received.content[:300]
    return match.group(0).decode("ascii").replace("\r\n", "\n")


def plain_bounce(address: str, message_id: str) -> bytes:
    """A free-text bounce (no DSN part) naming the Message-ID in its text."""
    text = (
        f"From: MAILER-DAEMON@mx.example.net\nTo: {POSTMASTER}\n"
        "Subject: Undelivered Mail Returned to Sender\n\n"
        "I'm sorry to have to inform you that your message could not be delivered.\n\n"
        f"<{address}>: host mx.example.net said: 550 5.1.1 User unknown\n\n"
        f"--- original message ---\nMessage-ID: {message_id}\nSubject: Hello\n"
    )
    return text.replace("\n", "\r\n").encode()


async def suppressions(relay: Relay) -> list[tuple[int | None, str, str]]:
    async with db.store_of(relay).reading() as session:
        rows = await session.execute(
            select(Suppression.account_id, Suppression.address, Suppression.reason)
        )
        return sorted(((a, b, c) for a, b, c in rows.all()), key=str)


async def add_beta(relay: Relay) -> None:
    await add_account(relay.settings, "beta", "beta.example", "app@beta", dkim=False)


# --- forgeries: each changes no suppression -----------------------------------------------------


def forged_ids(relay: Relay, copies: list[Received], address: str) -> ReturnPath:
    token = ReturnPath.verify(copy_of(copies, address).mail_from, relay.key, today=dt.date.today())
    assert token is not None
    return token


async def test_a_message_id_in_the_quoted_headers_ties_nothing(
    relay: Relay, upstream: Upstream
) -> None:
    await send(relay, upstream, [VICTIM, *CO_RECIPIENTS])
    raw = dsn(POSTMASTER, VICTIM, message_id="<campaign-1@acme.example>")
    assert await bounce(relay, raw, POSTMASTER) == (250, "ok")
    assert await suppressions(relay) == []
    assert [row.verified for row in await bounces_of(relay, VICTIM)] == [False]
    assert await rcpt_code(relay, VICTIM) == 250


async def test_a_message_id_in_the_text_ties_nothing(relay: Relay, upstream: Upstream) -> None:
    await send(relay, upstream, [VICTIM])
    raw = plain_bounce(VICTIM, "<campaign-1@acme.example>")
    assert await bounce(relay, raw, POSTMASTER) == (250, "ok")
    assert await suppressions(relay) == []
    assert await rcpt_code(relay, VICTIM) == 250


async def test_a_recipient_cannot_list_the_co_recipients_of_its_copy(
    relay: Relay, upstream: Upstream
) -> None:
    copies = await send(relay, upstream, [ATTACKER, VICTIM, *CO_RECIPIENTS])
    own = copy_of(copies, ATTACKER)  # the attacker's own, valid, return path and header
    raw = dsn(
        own.mail_from,
        ATTACKER,
        quoted=copy_header(own),
        message_id="<campaign-1@acme.example>",
        also=(VICTIM, *CO_RECIPIENTS),
    )
    assert await bounce(relay, raw, own.mail_from) == (250, "ok")
    listed = dsn(
        POSTMASTER,
        VICTIM,
        message_id="<campaign-1@acme.example>",
        also=CO_RECIPIENTS,
        notice_id="<the-list@x>",
    )
    assert await bounce(relay, listed, POSTMASTER) == (250, "ok")
    assert [address for _, address, _ in await suppressions(relay)] == [ATTACKER]
    for address in (VICTIM, *CO_RECIPIENTS):
        assert not any(row.verified for row in await bounces_of(relay, address))
        assert await rcpt_code(relay, address) == 250


async def test_another_accounts_message_id_ties_nothing(relay: Relay, upstream: Upstream) -> None:
    await add_beta(relay)
    await send(relay, upstream, [VICTIM], account="beta", message_id="<beta-news@beta.example>")
    raw = dsn(POSTMASTER, VICTIM, message_id="<beta-news@beta.example>")
    assert await bounce(relay, raw, POSTMASTER) == (250, "ok")
    assert await suppressions(relay) == []
    assert await rcpt_code(relay, VICTIM, user="app@beta") == 250


async def test_a_header_with_a_bad_hmac_ties_nothing(relay: Relay, upstream: Upstream) -> None:
    copies = await send(relay, upstream, [VICTIM])
    ids = forged_ids(relay, copies, VICTIM)
    guessed = CopyToken(ids.account_id, ids.recipient_id, ids.expires).header(b"guessed", VICTIM)
    real = copy_header(copy_of(copies, VICTIM))
    flipped = real[:-3] + ("a" if real[-3] != "a" else "b") + real[-2:]
    for quoted in (guessed.decode().replace("\r\n", "\n"), flipped):
        raw = dsn(
            POSTMASTER,
            VICTIM,
            quoted=quoted,
            message_id="<campaign-1@acme.example>",
            notice_id=f"<{len(quoted)}{quoted[-4:]}@x>",
        )
        assert await bounce(relay, raw, POSTMASTER) == (250, "ok")
    assert await suppressions(relay) == []
    assert not any(row.verified for row in await bounces_of(relay, VICTIM))


async def test_an_expired_token_ties_nothing(relay: Relay, upstream: Upstream) -> None:
    copies = await send(relay, upstream, [VICTIM])
    ids = forged_ids(relay, copies, VICTIM)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    path = ReturnPath(ids.account_id, ids.recipient_id, yesterday).address(
        relay.key, "bounces.relay.test"
    )
    header = CopyToken(ids.account_id, ids.recipient_id, yesterday).header(relay.key, VICTIM)
    assert await bounce(relay, dsn(path, VICTIM), path) == (250, "ok")
    quoted = dsn(
        POSTMASTER,
        VICTIM,
        quoted=header.decode().replace("\r\n", "\n"),
        message_id="<campaign-1@acme.example>",
    )
    assert await bounce(relay, quoted, POSTMASTER) == (250, "ok")
    assert await suppressions(relay) == []
    assert not any(row.verified for row in await bounces_of(relay, VICTIM))


async def test_another_accounts_token_cannot_name_this_accounts_recipient(
    relay: Relay, upstream: Upstream
) -> None:
    await add_beta(relay)
    await send(relay, upstream, [VICTIM])  # acme's recipient
    (theirs,) = await send(relay, upstream, [ATTACKER], account="beta")  # the attacker's copy
    header = copy_header(theirs)
    campaign = "<campaign-1@acme.example>"  # the victim's real message, named as well
    for raw, to in (
        (dsn(theirs.mail_from, VICTIM, message_id=campaign, also=(ATTACKER,)), theirs.mail_from),
        (dsn(POSTMASTER, VICTIM, quoted=header, message_id=campaign, also=(ATTACKER,)), POSTMASTER),
        (
            dsn(POSTMASTER, VICTIM, quoted=header, message_id=campaign, notice_id="<1@x>"),
            POSTMASTER,
        ),
    ):
        assert await bounce(relay, raw, to) == (250, "ok")
    assert all(address == ATTACKER for _, address, _ in await suppressions(relay))
    assert await rcpt_code(relay, VICTIM) == 250
    assert await rcpt_code(relay, VICTIM, user="app@beta") == 250


async def test_a_forged_complaint_ties_nothing(relay: Relay, upstream: Upstream) -> None:
    await send(relay, upstream, [VICTIM])
    raw = complaint(POSTMASTER, VICTIM, message_id="<campaign-1@acme.example>")
    assert await bounce(relay, raw, POSTMASTER) == (250, "ok")
    assert await suppressions(relay) == []
    (row,) = await bounces_of(relay, VICTIM)
    assert (row.verified, row.source) == (False, "feedback")


# --- the signed header ties what the envelope cannot --------------------------------------------


async def test_a_bounce_to_a_rewritten_envelope_is_tied_by_the_quoted_header(
    relay: Relay, upstream: Upstream
) -> None:
    (copy,) = await send(relay, upstream, [VICTIM])
    raw = dsn(POSTMASTER, VICTIM, quoted=copy_header(copy))
    assert await bounce(relay, raw, POSTMASTER) == (250, "ok")
    (row,) = await bounces_of(relay, VICTIM)
    assert (row.verified, row.hard) == (True, True)
    assert await rcpt_code(relay, VICTIM) == 550


async def test_a_complaint_quoting_the_header_is_tied(relay: Relay, upstream: Upstream) -> None:
    (copy,) = await send(relay, upstream, [VICTIM])
    raw = complaint("fbl@bounces.relay.test", VICTIM, quoted=copy_header(copy))
    assert await bounce(relay, raw, "fbl@bounces.relay.test") == (250, "ok")
    assert await suppressions(relay) == [(1, VICTIM, "complaint")]


async def test_the_header_goes_out_in_front_of_the_signed_message(
    relay: Relay, upstream: Upstream
) -> None:
    (copy,) = await send(relay, upstream, [VICTIM])
    first, _, rest = copy.content.partition(b"\r\n")
    assert first.startswith(b"X-Relay-Copy: ")
    assert rest.startswith(b"DKIM-Signature:")  # the signature sees the message unchanged


# --- unverified evidence is bounded -------------------------------------------------------------


async def test_a_big_unverified_report_naming_300_entries_is_stored_once_and_capped(
    relay: Relay, upstream: Upstream
) -> None:
    named = tuple(f"r{n}@example.net" for n in range(300))
    noise = os.urandom(512 * 1024).hex()  # incompressible, as a real attachment would be
    padding = "".join(f"X-Pad: {noise[n : n + 76]}\n" for n in range(0, len(noise), 76))
    raw = dsn(POSTMASTER, named[0], also=named[1:], quoted=padding)
    assert len(raw) > 1024 * 1024
    assert await bounce(relay, raw, POSTMASTER) == (250, "ok")
    async with db.store_of(relay).reading() as session:
        entries = await session.scalar(select(func.count(Bounce.id)))
        kept = list(await session.scalars(select(Bounce.raw).where(Bounce.raw.is_not(None))))
        (report,) = await session.scalars(select(UnverifiedReport))
    assert entries == 300
    assert kept == []
    assert report.size == len(raw)
    assert report.raw is not None
    assert len(zlib.decompress(report.raw)) == relay.settings.bounces.unverified_max_bytes
    assert await suppressions(relay) == []


async def test_unverified_reports_are_limited_per_sending_host(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(bounces={"unverified_per_host_per_hour": 2})
    forged = [dsn(POSTMASTER, VICTIM, notice_id=f"<forged-{n}@x>") for n in range(3)]
    assert await bounce(relay, forged[0], POSTMASTER) == (250, "ok")
    assert await bounce(relay, forged[1], POSTMASTER) == (250, "ok")
    code, text = await bounce(relay, forged[2], POSTMASTER)
    assert (code, text[:5]) == (450, "4.7.1")
    assert await bounce(relay, forged[0], POSTMASTER) == (250, "ok")  # kept already
    (copy,) = await send(relay, upstream, ["dead@example.net"])
    tied = dsn(copy.mail_from, "dead@example.net")
    assert await bounce(relay, tied, copy.mail_from) == (250, "ok")  # tied: never limited
    assert await rcpt_code(relay, "dead@example.net") == 550


async def test_unverified_raw_messages_go_after_their_shorter_retention(
    relay: Relay, upstream: Upstream
) -> None:
    (copy,) = await send(relay, upstream, ["dead@example.net"])
    await bounce(relay, dsn(copy.mail_from, "dead@example.net"), copy.mail_from)
    await bounce(relay, dsn(POSTMASTER, VICTIM), POSTMASTER)
    later = utcnow() + dt.timedelta(days=8)
    async with db.store_of(relay).transaction() as session:
        await drop_old_raw(
            session,
            before=later - dt.timedelta(days=90),
            unverified_before=later - dt.timedelta(days=7),
        )
    async with db.store_of(relay).reading() as session:
        unverified = list(await session.scalars(select(UnverifiedReport.raw)))
    assert unverified == [None]
    (verified,) = await bounces_of(relay, "dead@example.net")
    assert verified.raw is not None


# --- replays and duplicates ---------------------------------------------------------------------


async def test_the_same_dsn_twice_is_one_bounce(make_relay: MakeRelay, upstream: Upstream) -> None:
    relay = await make_relay(bounces={"soft_threshold": 2, "soft_min_days": 0})
    # the final notice of a copy the full mailbox kept refusing (a delay warning is no bounce)
    soft = {"status": "4.2.2", "action": "failed", "diagnostic": "smtp; 452 4.2.2 Mailbox full"}
    (copy,) = await send(relay, upstream, ["full@example.net"])
    raw = dsn(copy.mail_from, "full@example.net", **soft)
    assert await bounce(relay, raw, copy.mail_from) == (250, "ok")
    assert await bounce(relay, raw, copy.mail_from) == (250, "ok")  # a resend after a lost 250
    recorder = BounceRecorder(relay.settings, db.store_of(relay), relay.key)
    again = await recorder.record(raw)  # the same report read from the mailbox
    assert (again.recorded, again.duplicates) == (0, 1)
    assert len(await bounces_of(relay, "full@example.net")) == 1
    assert await rcpt_code(relay, "full@example.net") == 250  # one soft bounce, not two
    other = dsn(copy.mail_from, "full@example.net", notice_id="<next-try@mx>", **soft)
    assert await bounce(relay, other, copy.mail_from) == (250, "ok")  # a second report
    assert await rcpt_code(relay, "full@example.net") == 550


async def test_a_hard_bounce_twice_counts_once_towards_the_global_tier(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(bounces={"global_accounts": 2})
    await add_beta(relay)
    (copy,) = await send(relay, upstream, [VICTIM])
    raw = dsn(copy.mail_from, VICTIM)
    for _ in range(2):
        assert await bounce(relay, raw, copy.mail_from) == (250, "ok")
    assert await suppressions(relay) == [(1, VICTIM, "user_unknown")]
    assert await rcpt_code(relay, VICTIM, user="app@beta") == 250


async def unbounce(relay: Relay, address: str) -> None:
    """Lift acme's suppression of ``address`` the way ``relay unbounce`` does."""
    now = utcnow()
    async with db.store_of(relay).transaction() as session:
        await admin.store_domain_check(session, "acme.example", passed=True, detail=[], now=now)
        user = await admin.add_user(session, "marketing", Role.MARKETING_EMAIL, "acme", now=now)
        account = await account_by_name(session, "acme")
        await unbounce_rules.unbounce(session, relay.settings, user, account, address, now)


@pytest.mark.parametrize("replay", ["same", "fresh"])
async def test_a_replayed_bounce_does_not_undo_an_unbounce(
    relay: Relay, upstream: Upstream, replay: str
) -> None:
    (old,) = await send(relay, upstream, [VICTIM])
    raw = dsn(old.mail_from, VICTIM, quoted=copy_header(old))
    assert await bounce(relay, raw, old.mail_from) == (250, "ok")
    assert await rcpt_code(relay, VICTIM) == 550
    await unbounce(relay, VICTIM)
    assert await rcpt_code(relay, VICTIM) == 250
    # The same DSN again, or a new report about the copy sent before the unbounce (a bounce of
    # it that arrives late, or a recipient replaying its own return path).
    notice = None if replay == "same" else "<late@mx.example.net>"
    again = dsn(old.mail_from, VICTIM, notice_id=notice)
    assert await bounce(relay, again, old.mail_from) == (250, "ok")
    assert await bounce(relay, again, POSTMASTER) == (250, "ok")
    assert await rcpt_code(relay, VICTIM) == 250
    assert await suppressions(relay) == []
    rows = await bounces_of(relay, VICTIM)
    assert len(rows) == (1 if replay == "same" else 2)
    # Not burnt: a copy sent after the unbounce that hard-bounces suppresses again.
    (new,) = await send(relay, upstream, [VICTIM], message_id="<campaign-2@acme.example>")
    assert await bounce(relay, dsn(new.mail_from, VICTIM), new.mail_from) == (250, "ok")
    assert await rcpt_code(relay, VICTIM) == 550


# --- the operator sees unverified evidence ------------------------------------------------------


def test_relay_bounces_ingest_twice_is_one_report_shown_by_bounces_unverified(
    tmp_path: Path,
) -> None:
    env = {
        "RELAY_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "RELAY_DATA_DIR": str(tmp_path / "var"),
        "COLUMNS": "200",
    }

    def relay_command(*args: str) -> list[str]:
        done = invoke(args, env=env)
        assert (done.returncode, done.stderr) == (0, ""), done
        return done.stdout.splitlines()

    path = tmp_path / "forged.eml"
    path.write_bytes(dsn(POSTMASTER, VICTIM, also=CO_RECIPIENTS))
    first = relay_command("bounces", "ingest", str(path))
    again = relay_command("bounces", "ingest", str(path))
    assert first[0].endswith("4 recorded, 0 tied to a sent copy, 0 suppressed, 4 unverified")
    assert again[0].endswith("0 suppressed, 4 already recorded")
    (shown,) = map(json.loads, relay_command("bounces", "unverified", "--json"))
    assert (shown["host"], shown["raw_kept"], shown["entries"]) == (None, True, 4)
    assert shown["names"] == ", ".join([VICTIM, *CO_RECIPIENTS[:2]])


@pytest.mark.parametrize(
    ("peer", "key"),
    [
        (("192.0.2.7", 25), "192.0.2.7"),
        (("2001:db8:1:2:aaaa::1", 25, 0, 0), "2001:db8:1:2::/64"),
        (("2001:db8:1:2:ffff::9", 25, 0, 0), "2001:db8:1:2::/64"),  # same /64, same share
        (("::ffff:192.0.2.7", 25, 0, 0), "192.0.2.7"),
        (("fe80::1%eth0", 25, 0, 2), "fe80::/64"),
        (None, None),
    ],
)
def test_the_limit_is_per_ipv4_address_or_ipv6_64(peer: object, key: str | None) -> None:
    assert sending_host(peer) == key
