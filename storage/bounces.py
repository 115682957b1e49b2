"""Recording bounces: the one function both the send path and the DSN path go through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Bounce, BounceSource, Recipient, RecipientStatus
from storage.suppressions import suppress


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


@dataclass(frozen=True, slots=True)
class BounceRecorded:
    bounce_id: int
    verified: bool
    suppressed: bool


async def record_bounce(
    session: AsyncSession, evidence: BounceEvidence, *, now: dt.datetime
) -> BounceRecorded:
    """Record a bounce; a hard one tied to a copy we sent suppresses the address at once.

    A bounce that cannot be tied to a copy (``recipient_id`` None or unknown) is kept as
    unverified evidence and suppresses nothing.
    """
    recipient = (
        await session.get(Recipient, evidence.recipient_id) if evidence.recipient_id else None
    )
    verified = recipient is not None and recipient.address == evidence.address
    bounce = Bounce(
        account_id=recipient.account_id if recipient else None,
        address=evidence.address,
        hard=evidence.hard,
        dsn_status=evidence.dsn_status,
        reply_code=evidence.reply_code,
        reason=evidence.reason,
        diagnostic=evidence.diagnostic,
        reporting_mta=evidence.reporting_mta,
        message_id=recipient.message_id if recipient else None,
        recipient_id=recipient.id if recipient else None,
        source=evidence.source,
        verified=verified,
        raw=evidence.raw,
        created_at=now,
    )
    session.add(bounce)
    await session.flush()
    suppressed = False
    if recipient is not None and verified:
        recipient.status = RecipientStatus.BOUNCED
        recipient.reply_code = evidence.reply_code
        recipient.dsn_status = evidence.dsn_status
        recipient.reason = evidence.reason
        recipient.detail = evidence.diagnostic
        recipient.updated_at = now
        if evidence.hard:
            suppressed = await suppress(
                session,
                account_id=recipient.account_id,
                address=evidence.address,
                reason=evidence.reason,
                detail=evidence.diagnostic,
                bounce_id=bounce.id,
                now=now,
            )
    return BounceRecorded(bounce.id, verified, suppressed)


async def hard_bounces_of(session: AsyncSession, account_id: int, address: str) -> list[Bounce]:
    """The account's hard bounces of ``address``, newest first."""
    rows = await session.scalars(
        select(Bounce)
        .where(Bounce.account_id == account_id, Bounce.address == address, Bounce.hard)
        .order_by(Bounce.created_at.desc())
    )
    return list(rows)
