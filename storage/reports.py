"""What a sender looks at: per message or campaign, per account, per address."""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Bounce,
    Message,
    Recipient,
    RecipientStatus,
    Suppression,
    Unbounce,
)

OUTCOMES = (
    "sent",
    "delivered",
    "bounced_hard",
    "bounced_soft",
    "not_sent",
    "deferred",
    "queued",
)


@dataclass(frozen=True, slots=True)
class RecipientOutcome:
    address: str
    outcome: str  # one of OUTCOMES
    reason: str | None
    status: str | None
    at: dt.datetime
    detail: str | None
    message_id: str
    campaign: str


def not_sent_why(detail: str | None, reason: str | None) -> str:
    """Why a recipient was not sent: previously bounced, globally suppressed, complaint, or
    suppressed (put on the list by hand or by an import, not by a bounce)."""
    if reason == "complaint":
        return "complaint"
    for why in ("globally suppressed", "suppressed"):
        if detail and detail.startswith(f"{why}:"):
            return why
    return "previously bounced"


async def message_report(
    session: AsyncSession, account_id: int, ident: str
) -> list[RecipientOutcome]:
    """Every recipient of the account's messages whose campaign or Message-ID is ``ident``."""
    hard = exists().where(Bounce.recipient_id == Recipient.id, Bounce.hard, Bounce.verified)
    rows = await session.execute(
        select(Recipient, Message.message_id, Message.campaign, hard.label("hard"))
        .join(Message, Message.id == Recipient.message_id)
        .where(
            Message.account_id == account_id,
            or_(Message.campaign == ident, Message.message_id == ident),
        )
        .order_by(Recipient.address, Recipient.id)
    )
    return [
        RecipientOutcome(
            r.address,
            _outcome(r.status, is_hard),
            r.reason,
            r.dsn_status,
            r.updated_at,
            r.detail,
            message_id,
            campaign,
        )
        for r, message_id, campaign, is_hard in rows.all()
    ]


def _outcome(status: RecipientStatus, hard: bool) -> str:
    if status is RecipientStatus.BOUNCED:
        return "bounced_hard" if hard else "bounced_soft"
    return str(status.value)


def counts(outcomes: list[RecipientOutcome]) -> dict[str, int]:
    """How many recipients ended each way, and the not-sent ones by why."""
    tally = Counter(o.outcome for o in outcomes)
    result = {name: tally.get(name, 0) for name in OUTCOMES}
    for o in outcomes:
        if o.outcome == "not_sent":
            key = "not_sent: " + not_sent_why(o.detail, o.reason)
            result[key] = result.get(key, 0) + 1
    return result


@dataclass(frozen=True, slots=True)
class BounceRow:
    address: str
    hard: bool
    reason: str
    status: str | None
    reply_code: int | None
    at: dt.datetime
    campaign: str | None
    message_id: str | None
    diagnostic: str | None
    source: str
    bounce_id: int
    party: str = "undetermined"  # whose fault: recipient, sender, transient, undetermined


async def account_bounces(
    session: AsyncSession,
    account_id: int,
    *,
    hard: bool | None = None,
    reason: str | None = None,
    since: dt.datetime | None = None,
    campaign: str | None = None,
    address: str | None = None,
    party: str | None = None,
    limit: int = 100_000,
) -> list[BounceRow]:
    """The account's verified bounces, newest first, filtered."""
    query = (
        select(Bounce, Message.campaign, Message.message_id)
        .outerjoin(Message, Message.id == Bounce.message_id)
        .where(Bounce.account_id == account_id, Bounce.verified)
    )
    if hard is not None:
        query = query.where(Bounce.hard == hard)
    if reason is not None:
        query = query.where(Bounce.reason == reason)
    if since is not None:
        query = query.where(Bounce.created_at >= since)
    if campaign is not None:
        query = query.where(Message.campaign == campaign)
    if address is not None:
        query = query.where(Bounce.address == address)
    if party is not None:
        query = query.where(Bounce.party == party)
    rows = await session.execute(
        query.order_by(Bounce.created_at.desc(), Bounce.id.desc()).limit(limit)
    )
    return [
        BounceRow(
            b.address, b.hard, b.reason, b.dsn_status, b.reply_code, b.created_at, c, m,
            b.diagnostic, str(b.source.value), b.id, b.party,
        )
        for b, c, m in rows.all()
    ]  # fmt: skip


def latest_per_address(rows: list[BounceRow]) -> list[BounceRow]:
    """One row per address: its newest bounce (``rows`` come newest first)."""
    seen: dict[str, BounceRow] = {}
    for row in rows:
        seen.setdefault(row.address, row)
    return sorted(seen.values(), key=lambda r: r.address)


@dataclass(frozen=True, slots=True)
class AddressHistory:
    sends: list[RecipientOutcome]
    bounces: list[BounceRow]
    suppressions: list[tuple[str, str, dt.datetime, str | None]]  # scope, reason, since, detail
    unbounces: list[tuple[str, dt.datetime]]  # reason, when


async def address_history(session: AsyncSession, account_id: int, address: str) -> AddressHistory:
    """Sends, bounces, suppressions and unbounces of one address for the account."""
    hard = exists().where(Bounce.recipient_id == Recipient.id, Bounce.hard, Bounce.verified)
    sends = await session.execute(
        select(Recipient, Message.message_id, Message.campaign, hard.label("hard"))
        .join(Message, Message.id == Recipient.message_id)
        .where(Recipient.account_id == account_id, Recipient.address == address)
        .order_by(Recipient.updated_at)
    )
    bounces = await account_bounces(session, account_id, address=address)
    suppressions = await session.execute(
        select(Suppression)
        .where(
            Suppression.address == address,
            or_(Suppression.account_id == account_id, Suppression.account_id.is_(None)),
        )
        .order_by(Suppression.created_at)
    )
    unbounces = await session.execute(
        select(Unbounce.reason, Unbounce.at)
        .where(Unbounce.account_id == account_id, Unbounce.address == address)
        .order_by(Unbounce.at)
    )
    return AddressHistory(
        sends=[
            RecipientOutcome(r.address, _outcome(r.status, h), r.reason, r.dsn_status,
                             r.updated_at, r.detail, m, c)
            for r, m, c, h in sends.all()
        ],
        bounces=bounces,
        suppressions=[
            ("global" if s.account_id is None else "account", s.reason, s.created_at, s.detail)
            for s in suppressions.scalars()
        ],
        unbounces=[(reason, at) for reason, at in unbounces.all()],
    )  # fmt: skip


async def raw_bounce(session: AsyncSession, account_id: int, bounce_id: int) -> bytes | None:
    """The kept bounce message, decompressed."""
    raw = await session.scalar(
        select(Bounce.raw).where(Bounce.id == bounce_id, Bounce.account_id == account_id)
    )
    return zlib.decompress(raw) if raw else None
