"""Storing bounces, and counting the history the bounce policy decides on. What a bounce
suppresses is decided in relay/bounce/policy.py; relay.bounce.recording.record_bounce, the one
function both the send path and the DSN path go through, reads, decides and writes here.

Only evidence tied to a copy this relay sent (``recipient_id``) can suppress anything; the
rest is kept, marked unverified, for the operator to look at, its raw message once per report.
The same report recorded twice is one bounce (``fingerprint``), and a bounce of a copy sent
before the address's latest unbounce is kept but suppresses nothing.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.guard import GuardPolicy, evaluate
from storage.models import (
    Bounce,
    BounceSource,
    Message,
    Recipient,
    RecipientStatus,
    Unbounce,
)
from storage.outcome_counts import count_outcomes
from storage.suppressions import suppress
from storage.unverified import drop_old_unverified
from storage.webhooks import Event, EventType, record_events

SOFT_ESCALATION = "repeated soft bounces"
COMPLAINT = "complaint"


@dataclass(frozen=True, slots=True)
class BounceEvidence:
    """What is known of one bounced recipient copy."""

    address: str
    hard: bool
    reason: str
    dsn_status: str | None
    reply_code: int | None
    diagnostic: str | None
    source: BounceSource
    reporting_mta: str | None = None
    recipient_id: int | None = None  # set only when the bounce is tied to a copy we sent
    raw: bytes | None = None
    # Whose fault (bounce_parser's Party: recipient, sender, transient, undetermined). Only a
    # recipient's or a transient failure counts towards the soft-bounce escalation: a sender's
    # (blocked, policy, spam...) never counts against the address, nor does one the parser
    # could not judge.
    party: str = "undetermined"
    # The report's identity for this copy and address; a second bounce with it is a duplicate.
    fingerprint: str | None = None
    report_id: int | None = None  # the unverified report the evidence came in


@dataclass(frozen=True, slots=True)
class BounceRecorded:
    bounce_id: int
    verified: bool
    suppressed: bool
    globally: bool = False
    duplicate: bool = False  # already recorded: nothing was added


@dataclass(frozen=True, slots=True)
class Added:
    """A bounce just stored; ``account_id`` is set only when it counts (tied to a copy we sent,
    that copy not sent before the address's latest unbounce, not a duplicate)."""

    recorded: BounceRecorded
    account_id: int | None = None


async def add_bounce(session: AsyncSession, evidence: BounceEvidence, *, now: dt.datetime) -> Added:
    """Store a bounce and, when it is tied to a copy we sent, that copy's outcome and its
    message.bounced event. What it suppresses is the bounce policy's (relay.bounce.recording)."""
    seen = await _seen(session, evidence.fingerprint)
    if seen is not None:
        return Added(BounceRecorded(seen[0], seen[1], False, duplicate=True))
    recipient = (
        await session.get(Recipient, evidence.recipient_id) if evidence.recipient_id else None
    )
    verified = recipient is not None and recipient.address == evidence.address
    superseded = (
        verified and recipient is not None and await _sent_before_unbounce(session, recipient)
    )
    bounce = Bounce(
        account_id=recipient.account_id if recipient else None,
        address=evidence.address,
        hard=evidence.hard,
        dsn_status=evidence.dsn_status,
        reply_code=evidence.reply_code,
        reason=evidence.reason,
        diagnostic=(evidence.diagnostic or "")[:4000] or None,
        reporting_mta=(evidence.reporting_mta or "")[:255] or None,
        message_id=recipient.message_id if recipient else None,
        recipient_id=recipient.id if recipient else None,
        source=evidence.source,
        verified=verified,
        raw=zlib.compress(evidence.raw, 6) if evidence.raw and verified else None,
        created_at=now,
        fingerprint=evidence.fingerprint,
        superseded=superseded,
        report_id=evidence.report_id,
        party=evidence.party,
    )
    session.add(bounce)
    await session.flush()
    if recipient is None or not verified:
        return Added(BounceRecorded(bounce.id, False, False))
    await session.run_sync(count_outcomes, [recipient.id], RecipientStatus.BOUNCED)
    _mark(recipient, evidence, now)
    await record_events(session, [_bounced(bounce, recipient)], now=now)
    if superseded:
        return Added(BounceRecorded(bounce.id, True, False))
    return Added(BounceRecorded(bounce.id, True, False), recipient.account_id)


def _bounced(bounce: Bounce, recipient: Recipient) -> Event:
    """The message.bounced event of a bounce tied to a copy we sent."""
    data = {
        "address": bounce.address,
        "bounce_id": bounce.id,
        "hard": bounce.hard,
        "reason": bounce.reason,
        "status": bounce.dsn_status,
        "reply_code": bounce.reply_code,
        "diagnostic": bounce.diagnostic,
        "party": bounce.party,
        "source": str(bounce.source),
    }
    return Event(
        EventType.MESSAGE_BOUNCED,
        recipient.account_id,
        bounce.address,
        data,
        message_pk=recipient.message_id,
    )


async def _seen(session: AsyncSession, fingerprint: str | None) -> tuple[int, bool] | None:
    """(id, verified) of the bounce already recorded with this fingerprint."""
    if fingerprint is None:
        return None
    row = (
        await session.execute(
            select(Bounce.id, Bounce.verified).where(Bounce.fingerprint == fingerprint)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def _latest_unbounce(
    session: AsyncSession, account_id: int, address: str
) -> dt.datetime | None:
    """When the account (or the operator, globally) last unbounced ``address``."""
    return await session.scalar(
        select(func.max(Unbounce.at)).where(
            Unbounce.address == address,
            or_(Unbounce.account_id == account_id, Unbounce.account_id.is_(None)),
        )
    )


async def _sent_before_unbounce(session: AsyncSession, recipient: Recipient) -> bool:
    """Whether the copy was taken in before the address's latest unbounce (a stale report)."""
    unbounced = await _latest_unbounce(session, recipient.account_id, recipient.address)
    if unbounced is None:
        return False
    sent = await session.scalar(
        select(Message.received_at).where(Message.id == recipient.message_id)
    )
    return sent is not None and sent < _aware(unbounced)


def _aware(moment: dt.datetime) -> dt.datetime:
    # func.max() results bypass the column type on SQLite and come back naive.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _mark(recipient: Recipient, evidence: BounceEvidence, now: dt.datetime) -> None:
    recipient.status = RecipientStatus.BOUNCED
    recipient.reply_code = evidence.reply_code
    recipient.dsn_status = evidence.dsn_status
    recipient.reason = evidence.reason
    recipient.detail = (evidence.diagnostic or "")[:4000] or None
    recipient.updated_at = now


async def soft_bounces(
    session: AsyncSession, account_id: int, address: str, parties: Sequence[str]
) -> tuple[int, dt.datetime | None]:
    """How many counted soft bounces of ``parties`` the account has of ``address`` since its
    last delivery and its latest unbounce, and when the first of them came."""
    last_delivery = await session.scalar(
        select(func.max(Recipient.updated_at)).where(
            Recipient.account_id == account_id,
            Recipient.address == address,
            Recipient.status == RecipientStatus.DELIVERED,
        )
    )
    query = select(func.count(Bounce.id), func.min(Bounce.created_at)).where(
        Bounce.account_id == account_id,
        Bounce.address == address,
        Bounce.verified,
        ~Bounce.superseded,
        ~Bounce.hard,
        Bounce.party.in_(parties),
    )
    unbounced = await _latest_unbounce(session, account_id, address)
    for since in (last_delivery, unbounced):
        if since is not None:
            query = query.where(Bounce.created_at > _aware(since))
    count, first = (await session.execute(query)).one()
    return int(count), (_aware(first) if first is not None else None)


async def hard_accounts(
    session: AsyncSession, address: str, reasons: Collection[str], since: dt.datetime
) -> int:
    """How many accounts have a counted hard bounce of ``address`` for one of ``reasons``
    since ``since``."""
    accounts = await session.scalar(
        select(func.count(func.distinct(Bounce.account_id))).where(
            Bounce.address == address,
            Bounce.verified,
            ~Bounce.superseded,
            Bounce.hard,
            Bounce.reason.in_(reasons),
            Bounce.created_at >= since,
        )
    )
    return int(accounts or 0)


async def record_complaint(
    session: AsyncSession,
    recipient_id: int,
    address: str,
    *,
    now: dt.datetime,
    raw: bytes | None,
    fingerprint: str | None = None,
    guard: GuardPolicy | None = None,
) -> BounceRecorded | None:
    """A spam complaint (ARF) about a copy we sent: the account stops sending to the address.
    None when the copy is not ``address``'s."""
    recipient = await session.get(Recipient, recipient_id)
    if recipient is None or recipient.address != address:
        return None
    seen = await _seen(session, fingerprint)
    if seen is not None:
        return BounceRecorded(seen[0], seen[1], False, duplicate=True)
    superseded = await _sent_before_unbounce(session, recipient)
    bounce = Bounce(
        account_id=recipient.account_id,
        address=address,
        hard=False,
        dsn_status=None,
        reply_code=None,
        reason="feedback",
        diagnostic="complaint (ARF feedback report)",
        reporting_mta=None,
        message_id=recipient.message_id,
        recipient_id=recipient.id,
        source=BounceSource.FEEDBACK,
        verified=True,
        raw=zlib.compress(raw, 6) if raw else None,
        created_at=now,
        fingerprint=fingerprint,
        superseded=superseded,
    )
    session.add(bounce)
    await session.flush()
    complaint = {"address": address, "bounce_id": bounce.id, "feedback_type": "abuse"}
    event = Event(
        EventType.COMPLAINT_RECEIVED,
        recipient.account_id,
        address,
        complaint,
        message_pk=recipient.message_id,
    )
    await record_events(session, [event], now=now)
    if superseded:
        return BounceRecorded(bounce.id, True, False)
    suppressed = await suppress(
        session,
        account_id=recipient.account_id,
        address=address,
        reason=COMPLAINT,
        detail="the recipient reported the message as spam",
        bounce_id=bounce.id,
        now=now,
    )
    if guard is not None:
        await evaluate(session, recipient.account_id, guard, now=now)
    return BounceRecorded(bounce.id, True, suppressed)


async def mark_delivered(
    session: AsyncSession, recipient_id: int, address: str, *, now: dt.datetime
) -> bool:
    """A delivered/relayed DSN for a copy we sent; resets the soft-bounce count."""
    delivered, mine = RecipientStatus.DELIVERED, Recipient.address == address
    await session.run_sync(count_outcomes, [recipient_id], delivered, mine)
    result = await session.execute(
        update(Recipient)
        .where(Recipient.id == recipient_id, Recipient.address == address)
        .values(status=RecipientStatus.DELIVERED, updated_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def copy_owner(session: AsyncSession, recipient_id: int) -> tuple[int, str] | None:
    """(account id, address) of a recipient copy."""
    row = (
        await session.execute(
            select(Recipient.account_id, Recipient.address).where(Recipient.id == recipient_id)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def drop_old_raw(
    session: AsyncSession, *, before: dt.datetime, unverified_before: dt.datetime | None = None
) -> int:
    """Forget raw bounce messages past their retention (unverified ones have a shorter one);
    the bounce records stay."""
    result = await session.execute(
        update(Bounce).where(Bounce.created_at < before, Bounce.raw.is_not(None)).values(raw=None)
    )
    dropped = int(getattr(result, "rowcount", 0) or 0)
    if unverified_before is not None:
        dropped += await drop_old_unverified(session, before=unverified_before)
    return dropped


async def hard_bounces_of(session: AsyncSession, account_id: int, address: str) -> list[Bounce]:
    """The account's hard bounces of ``address``, newest first."""
    rows = await session.scalars(
        select(Bounce)
        .where(Bounce.account_id == account_id, Bounce.address == address, Bounce.hard)
        .order_by(Bounce.created_at.desc())
    )
    return list(rows)
