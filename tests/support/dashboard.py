"""A store filled the way a running relay fills it, for the read model, the API and the pages:
a campaign whose copies were sent, bounced (one diagnostic carrying HTML), not sent and
deferred, and users of every role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from relay.bounce.recording import record_bounce
from storage import admin, queue
from storage.accounts import AccountInfo, add_account
from storage.bounces import BounceEvidence, record_complaint
from storage.engine import Store, utcnow
from storage.messages import NewMessage, NotSent, record_message
from storage.models import BounceSource, Role

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
HOSTILE = '<script>document.title="pwned"</script><b>bold</b>'
RAW_BOUNCE = (
    b"From: MAILER-DAEMON@mx.example\r\nTo: bounces@acme.example\r\n"
    b"Subject: Undelivered Mail Returned to Sender\r\n\r\n"
    b"<script>alert(1)</script> 550 5.1.1 unknown user\r\n"
)


@dataclass(frozen=True)
class Seeded:
    account: AccountInfo
    other: AccountInfo
    bounce_id: int  # the hard bounce of gone@x.test, with a raw message kept
    hostile_bounce_id: int  # a hard bounce whose diagnostic holds HTML and script
    users: dict[str, admin.UserInfo]


async def seed(store: Store, *, authenticated: bool = True) -> Seeded:
    """Two messages of campaign "spring" for acme, one of "autumn", users of every role."""
    async with store.transaction() as session:
        acme = await add_account(session, "acme", ["acme.example"])
        other = await add_account(session, "other", ["other.example"])
        if authenticated:
            # checked an hour ago by the real clock: the unbounce rule looks at the last week
            await admin.store_domain_check(
                session,
                "acme.example",
                passed=True,
                detail=[],
                now=utcnow() - dt.timedelta(hours=1),
            )
        users = {
            name: await admin.add_user(session, name, role, account, now=NOW)
            for name, role, account in (
                ("root", Role.OPERATOR, None),
                ("alice", Role.SUPER_ADMIN, "acme"),
                ("mark", Role.MARKETING_EMAIL, "acme"),
                ("vera", Role.VIEWER, "acme"),
                ("otto", Role.SUPER_ADMIN, "other"),
            )
        }
        first = NewMessage(
            acme.id, "<one@acme.example>", "spring", "news@acme.example", b"one",
            ["ok@x.test", "gone@x.test", "evil@x.test", "later@x.test", "spam@x.test"], [],
        )  # fmt: skip
        _, claims = await record_message(session, first, now=NOW, lease=0, lifetime=3600)
        by_address = {c.address: c for c in claims}
        sent = [(by_address[a], 250, "250 2.0.0 ok") for a in ("ok@x.test", "spam@x.test")]
        await session.run_sync(_settle, sent, [(by_address["later@x.test"], NOW)])
        bounce = await record_bounce(
            session,
            BounceEvidence(
                "gone@x.test", True, "user_unknown", "5.1.1", 550, "550 5.1.1 no such user",
                BounceSource.DSN, recipient_id=by_address["gone@x.test"].recipient_id,
                raw=RAW_BOUNCE, party="recipient",
            ),
            now=NOW + dt.timedelta(minutes=5),
        )  # fmt: skip
        hostile = await record_bounce(
            session,
            BounceEvidence(
                "evil@x.test", True, "user_unknown", "5.1.1", 550, HOSTILE, BounceSource.SMTP,
                recipient_id=by_address["evil@x.test"].recipient_id, party="recipient",
            ),
            now=NOW + dt.timedelta(minutes=6),
        )  # fmt: skip
        await record_complaint(
            session,
            by_address["spam@x.test"].recipient_id,
            "spam@x.test",
            now=NOW + dt.timedelta(minutes=7),
            raw=None,
        )
        later = NewMessage(
            acme.id, "<two@acme.example>", "spring", "news@acme.example", b"two",
            ["new@x.test"],
            [NotSent("gone@x.test", "previously bounced: user_unknown on 2026-11-23",
                     "user_unknown")],
        )  # fmt: skip
        await record_message(
            session, later, now=NOW + dt.timedelta(hours=1), lease=0, lifetime=3600
        )
        autumn = NewMessage(
            acme.id, "<three@acme.example>", "autumn", "news@acme.example", b"3", ["a@y.test"], []
        )
        await record_message(session, autumn, now=NOW + dt.timedelta(hours=2), lease=0, lifetime=1)
        foreign = NewMessage(
            other.id, "<one@acme.example>", "spring", "n@other.example", b"x", ["z@x.test"], []
        )
        await record_message(session, foreign, now=NOW, lease=0, lifetime=60)
    return Seeded(acme, other, bounce.bounce_id, hostile.bounce_id, users)


def _settle(
    session: Session,
    sent: list[tuple[queue.Claim, int, str]],
    deferred: list[tuple[queue.Claim, dt.datetime]],
) -> None:
    queue.settle_sent_many(session, sent, now=NOW + dt.timedelta(minutes=1))
    queue.defer_many(
        session,
        [
            (claim, at + dt.timedelta(minutes=30), 451, "451 4.7.1 try later")
            for claim, at in deferred
        ],
        now=NOW + dt.timedelta(minutes=1),
    )
