"""What ``GET /metrics`` reads from the store at scrape time: the totals every relay process
(and every host on one PostgreSQL) shares, so they need no aggregation between processes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bounce_parser.reason import Party
from storage.guard import window_rates
from storage.models import (
    Account,
    Bounce,
    BounceSource,
    Message,
    QueueEntry,
    Recipient,
    WebhookAttempt,
    WebhookEndpoint,
    WebhookOutbox,
)


@dataclass(frozen=True, slots=True)
class AccountRates:
    account: str
    copies: int
    bounce_rate: float
    complaint_rate: float


@dataclass(frozen=True, slots=True)
class StoreTotals:
    messages: int
    copies: dict[str, int]  # by recipient status
    bounces: dict[tuple[str, bool], int]  # by (reason, hard), tied to a copy
    bounces_by_party: dict[str, int]  # the same bounces by whose fault: every party, 0 or more
    unverified_bounces: int
    complaints: int
    webhook_attempts: dict[str, int]  # by result
    webhook_disabled: int
    webhook_waiting: int
    webhook_oldest_seconds: float  # how far the dispatcher is behind: the oldest event's age
    queue_depth: int
    queue_oldest_seconds: float
    accounts: list[AccountRates] = field(default_factory=list)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


async def store_totals(session: AsyncSession, *, now: dt.datetime, window: int) -> StoreTotals:
    """The totals, in one read transaction."""
    messages = int(await session.scalar(select(func.count(Message.id))) or 0)
    copies = {
        str(status): int(n)
        for status, n in await session.execute(
            select(Recipient.status, func.count()).group_by(Recipient.status)
        )
    }
    tied = await session.execute(
        select(Bounce.reason, Bounce.hard, Bounce.party, func.count())
        .where(Bounce.verified, Bounce.source != BounceSource.FEEDBACK)
        .group_by(Bounce.reason, Bounce.hard, Bounce.party)
    )
    bounces: Counter[tuple[str, bool]] = Counter()
    by_party: Counter[str] = Counter({str(party): 0 for party in Party})
    for reason, hard, party, n in tied:
        bounces[reason, bool(hard)] += int(n)
        by_party[party] += int(n)
    unverified = int(await session.scalar(select(func.count()).where(~Bounce.verified)) or 0)
    complaints = int(
        await session.scalar(
            select(func.count()).where(Bounce.source == BounceSource.FEEDBACK, Bounce.verified)
        )
        or 0
    )
    result = case(
        (WebhookAttempt.status_code.between(200, 299), "delivered"),
        (WebhookAttempt.status_code == 410, "gone"),
        (WebhookAttempt.status_code.is_not(None), "http_error"),
        else_="failed",
    )
    attempts = {
        str(r): int(n)
        for r, n in await session.execute(select(result, func.count()).group_by(result))
    }
    disabled = await session.scalar(
        select(func.count()).where(WebhookEndpoint.disabled_at.is_not(None))
    )
    waiting = await session.scalar(select(func.count(WebhookOutbox.id)))
    # the lowest id is the oldest event: one index look-up, whatever the backlog
    oldest_event = _aware(
        await session.scalar(select(WebhookOutbox.created_at).order_by(WebhookOutbox.id).limit(1))
    )
    depth, oldest = (
        await session.execute(select(func.count(QueueEntry.id), func.min(QueueEntry.created_at)))
    ).one()
    first = _aware(oldest)
    rates = []
    for account_id, name in await session.execute(select(Account.id, Account.name)):
        n, bounce_rate, complaint_rate = await window_rates(
            session, account_id, window=window, after=0
        )
        rates.append(AccountRates(name, n, bounce_rate, complaint_rate))
    return StoreTotals(
        messages=messages,
        copies=copies,
        bounces=dict(bounces),
        bounces_by_party=dict(by_party),
        unverified_bounces=unverified,
        complaints=complaints,
        webhook_attempts=attempts,
        webhook_disabled=int(disabled or 0),
        webhook_waiting=int(waiting or 0),
        webhook_oldest_seconds=(now - oldest_event).total_seconds() if oldest_event else 0.0,
        queue_depth=int(depth or 0),
        queue_oldest_seconds=(now - first).total_seconds() if first else 0.0,
        accounts=rates,
    )
