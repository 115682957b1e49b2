"""An address's record (every send, bounce, complaint, suppression and unbounce in time order,
and its state in one line), one bounce with its evidence, and an account's rates over time."""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bounce_parser.reason import Party
from storage.models import (
    Bounce,
    BounceSource,
    Message,
    Recipient,
    RecipientStatus,
    Suppression,
    Unbounce,
)
from storage.views import BounceFacts, bounce_facts, clamp

HISTORY_LIMIT = 500
_RANK = {"send": 0, "bounce": 1, "complaint": 1, "suppression": 2, "unbounce": 3}


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened to an address: kind is send, bounce, complaint, suppression or
    unbounce; ``scope`` says account or global for suppressions and unbounces."""

    at: dt.datetime
    kind: str
    summary: str
    scope: str = "account"
    message_id: str | None = None
    campaign: str | None = None
    bounce: BounceFacts | None = None


@dataclass(frozen=True, slots=True)
class AddressState:
    """Whether the account may send to the address now, and the suppression that says no."""

    suppressed: bool
    scope: str | None  # "account" or "global"
    since: dt.datetime | None
    reason: str | None
    status: str | None
    bounce_id: int | None
    account: str

    def line(self) -> str:
        """'Suppressed for acme since 2026-11-30: user_unknown 5.1.1', or 'Not suppressed'."""
        if not self.suppressed or self.since is None:
            return f"Not suppressed for {self.account}: mail to this address is sent"
        whom = "all accounts (global)" if self.scope == "global" else self.account
        why = " ".join(part for part in (self.reason, self.status) if part)
        return f"Suppressed for {whom} since {self.since.date().isoformat()}: {why}"


async def address_state(
    session: AsyncSession, account_id: int, account: str, address: str
) -> AddressState:
    """The suppression covering ``address`` for the account (its own before the global one)."""
    row = (
        await session.execute(
            select(Suppression, Bounce.dsn_status)
            .outerjoin(Bounce, Bounce.id == Suppression.bounce_id)
            .where(
                Suppression.address == address,
                or_(Suppression.account_id == account_id, Suppression.account_id.is_(None)),
            )
            .order_by(Suppression.account_id.is_(None))
        )
    ).first()
    if row is None:
        return AddressState(False, None, None, None, None, None, account)
    s, status = row
    scope = "global" if s.account_id is None else "account"
    return AddressState(True, scope, s.created_at, s.reason, status, s.bounce_id, account)


def _mine_or_global(
    column: SQLColumnExpression[int | None], account_id: int
) -> ColumnElement[bool]:
    return or_(column == account_id, column.is_(None))


async def address_events(session: AsyncSession, account_id: int, address: str) -> list[Event]:
    """The address's record for the account, oldest first (the newest HISTORY_LIMIT of each
    kind)."""
    events: list[Event] = []
    sends = await session.execute(
        select(Recipient, Message.message_id, Message.campaign, Message.received_at)
        .join(Message, Message.id == Recipient.message_id)
        .where(Recipient.account_id == account_id, Recipient.address == address)
        .order_by(Recipient.id.desc())
        .limit(HISTORY_LIMIT)
    )
    for r, message_id, campaign, received_at in sends.all():
        # A send is when the message came in; its outcome is what became of the copy.
        outcome = str(r.status.value).replace("_", " ")
        if r.status is RecipientStatus.NOT_SENT and r.detail:
            outcome += f" ({r.detail})"
        events.append(Event(received_at, "send", outcome, message_id=message_id, campaign=campaign))
    bounces = await session.execute(
        select(Bounce, Message.message_id, Message.campaign)
        .outerjoin(Message, Message.id == Bounce.message_id)
        .where(Bounce.account_id == account_id, Bounce.address == address, Bounce.verified)
        .order_by(Bounce.id.desc())
        .limit(HISTORY_LIMIT)
    )
    for b, message_id, campaign in bounces.all():
        kind = "complaint" if b.source is BounceSource.FEEDBACK else "bounce"
        summary = (
            "complaint (spam report)"
            if kind == "complaint"
            else f"{'hard' if b.hard else 'soft'} bounce: {b.reason}"
            + (f" {b.dsn_status}" if b.dsn_status else "")
        )
        events.append(
            Event(b.created_at, kind, summary, message_id=message_id, campaign=campaign,
                  bounce=bounce_facts(b))
        )  # fmt: skip
    suppressions = await session.scalars(
        select(Suppression).where(
            Suppression.address == address, _mine_or_global(Suppression.account_id, account_id)
        )
    )
    for s in suppressions:
        scope = "global" if s.account_id is None else "account"
        events.append(Event(s.created_at, "suppression", f"suppressed: {s.reason}", scope))
    unbounces = await session.scalars(
        select(Unbounce)
        .where(Unbounce.address == address, _mine_or_global(Unbounce.account_id, account_id))
        .order_by(Unbounce.id.desc())
        .limit(HISTORY_LIMIT)
    )
    for u in unbounces:
        scope = "global" if u.account_id is None else "account"
        events.append(Event(u.at, "unbounce", f"unbounced (was {u.reason})", scope))
    # At one instant the cause comes before its effect: a bounce before its suppression.
    events.sort(key=lambda e: (e.at, _RANK[e.kind]))
    return events


@dataclass(frozen=True, slots=True)
class StoredBounce:
    facts: BounceFacts
    account_id: int | None
    address: str
    message_id: str | None
    campaign: str | None
    reporting_mta: str | None


async def bounce_by_id(session: AsyncSession, bounce_id: int) -> StoredBounce | None:
    """One verified bounce (the caller checks the account may see it)."""
    row = (
        await session.execute(
            select(Bounce, Message.message_id, Message.campaign)
            .outerjoin(Message, Message.id == Bounce.message_id)
            .where(Bounce.id == bounce_id, Bounce.verified)
        )
    ).first()
    if row is None:
        return None
    b, message_id, campaign = row
    return StoredBounce(
        bounce_facts(b), b.account_id, b.address, message_id, campaign, b.reporting_mta
    )


async def bounce_raw(session: AsyncSession, bounce_id: int) -> bytes | None:
    """The returned message kept for a verified bounce, decompressed (None when not kept)."""
    raw = await session.scalar(select(Bounce.raw).where(Bounce.id == bounce_id, Bounce.verified))
    return zlib.decompress(raw) if raw else None


INTERVALS = ("hour", "day", "month")


def _no_parties() -> dict[str, int]:
    return {str(party): 0 for party in Party}


@dataclass(frozen=True, slots=True)
class Interval:
    start: str  # ISO text of the bucket's start, UTC
    sent: int = 0
    delivered: int = 0
    bounced_hard: int = 0
    bounced_soft: int = 0
    complaints: int = 0
    not_sent: int = 0
    # the bounces (hard and soft) by whose fault; "undetermined": the parser could not judge
    bounced_by_party: dict[str, int] = field(default_factory=_no_parties)

    @property
    def bounce_rate(self) -> float:
        return (self.bounced_hard + self.bounced_soft) / self.sent if self.sent else 0.0

    @property
    def complaint_rate(self) -> float:
        return self.complaints / self.sent if self.sent else 0.0


def _bucket(
    column: SQLColumnExpression[dt.datetime], interval: str, dialect: str
) -> ColumnElement[str]:
    if dialect == "sqlite":
        pattern = {"hour": "%Y-%m-%dT%H:00Z", "day": "%Y-%m-%d", "month": "%Y-%m"}[interval]
        return func.strftime(pattern, column)
    pattern = {"hour": 'YYYY-MM-DD"T"HH24:00"Z"', "day": "YYYY-MM-DD", "month": "YYYY-MM"}[interval]
    return func.to_char(func.timezone("UTC", column), pattern)


# Copies that left the relay: the denominator of the rates.
_LEFT = (RecipientStatus.SENT, RecipientStatus.DELIVERED, RecipientStatus.BOUNCED)


async def stats(
    session: AsyncSession,
    account_id: int,
    *,
    start: dt.datetime,
    end: dt.datetime,
    interval: str = "day",
) -> list[Interval]:
    """Per interval from ``start`` to ``end``: copies sent (by when they were last updated),
    delivered, not sent, and bounces and complaints (by when they arrived), oldest first."""
    dialect = session.get_bind().dialect.name
    copies = _bucket(Recipient.updated_at, interval, dialect)
    tally: dict[str, Counter[str]] = {}
    rows = await session.execute(
        select(copies, Recipient.status, func.count())
        .where(Recipient.account_id == account_id)
        .where(and_(Recipient.updated_at >= start, Recipient.updated_at < end))
        .group_by(copies, Recipient.status)
    )
    for bucket, status, number in rows.all():
        counter = tally.setdefault(bucket, Counter())
        if status in _LEFT:
            counter["sent"] += number
        if status is RecipientStatus.DELIVERED:
            counter["delivered"] += number
        if status is RecipientStatus.NOT_SENT:
            counter["not_sent"] += number
    arrived = _bucket(Bounce.created_at, interval, dialect)
    arrivals = await session.execute(
        select(arrived, Bounce.source, Bounce.hard, Bounce.party, func.count())
        .where(Bounce.account_id == account_id, Bounce.verified, ~Bounce.superseded)
        .where(and_(Bounce.created_at >= start, Bounce.created_at < end))
        .group_by(arrived, Bounce.source, Bounce.hard, Bounce.party)
    )
    parties: dict[str, dict[str, int]] = {}
    for bucket, source, hard, party, number in arrivals.all():
        counter = tally.setdefault(bucket, Counter())
        key = "bounced_hard" if hard else "bounced_soft"
        if source is BounceSource.FEEDBACK:
            key = "complaints"
        else:
            parties.setdefault(bucket, _no_parties())[party] += number
        counter[key] += number
    return [
        Interval(bucket, **tally[bucket], bounced_by_party=parties.get(bucket, _no_parties()))
        for bucket in sorted(tally)
    ]


async def top_reasons(
    session: AsyncSession, account_id: int, *, since: dt.datetime, limit: int = 10
) -> list[tuple[str, int]]:
    """The account's commonest bounce reasons since ``since``."""
    number = func.count()
    rows = await session.execute(
        select(Bounce.reason, number)
        .where(Bounce.account_id == account_id, Bounce.verified, Bounce.created_at >= since)
        .group_by(Bounce.reason)
        .order_by(number.desc(), Bounce.reason)
        .limit(clamp(limit))
    )
    return [(reason, n) for reason, n in rows.all()]


async def top_domains(
    session: AsyncSession, account_id: int, *, since: dt.datetime, limit: int = 10
) -> list[tuple[str, int]]:
    """The recipient domains that bounced most for the account since ``since``."""
    rows = await session.execute(
        select(Bounce.address)
        .where(Bounce.account_id == account_id, Bounce.verified, Bounce.created_at >= since)
        .order_by(Bounce.id.desc())
        .limit(100_000)
    )
    domains = Counter(address.rpartition("@")[2] for address in rows.scalars())
    return domains.most_common(clamp(limit))
