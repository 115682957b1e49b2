"""The SQL of ``relay bounces reclassify``: stored evidence read in batches, verdicts corrected,
and the suppressions that rest on a single bounce's verdict found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.bounces import COMPLAINT, SOFT_ESCALATION, _sent_before_unbounce
from storage.models import Account, Bounce, BounceSource, Recipient, RecipientStatus, Suppression

# Only these keep evidence a parser can read again: the SMTP reply, or the returned message.
REJUDGED_SOURCES = (BounceSource.SMTP, BounceSource.DSN)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The stored judgement of one bounce: what reclassification compares and corrects."""

    hard: bool
    reason: str
    party: str
    status: str | None


@dataclass(frozen=True, slots=True)
class StoredBounce:
    """One verified bounce with its evidence (``raw`` still compressed)."""

    bounce_id: int
    account_id: int
    account: str
    address: str
    source: BounceSource
    verdict: Verdict
    reply_code: int | None
    diagnostic: str | None
    raw: bytes | None
    recipient_id: int | None
    superseded: bool


@dataclass(frozen=True, slots=True)
class Batch:
    bounces: list[StoredBounce]
    last: tuple[int, str] | None  # the last (account, address) group in it; None: no more


def _candidates(
    account_id: int | None, since: dt.datetime | None
) -> list[SQLColumnExpression[bool]]:
    conditions: list[SQLColumnExpression[bool]] = [
        Bounce.verified,
        Bounce.account_id.is_not(None),
        or_(
            and_(Bounce.source == BounceSource.SMTP, Bounce.diagnostic.is_not(None)),
            and_(Bounce.source == BounceSource.DSN, Bounce.raw.is_not(None)),
        ),
    ]
    if account_id is not None:
        conditions.append(Bounce.account_id == account_id)
    if since is not None:
        conditions.append(Bounce.created_at >= since)
    return conditions


def _after(key: tuple[int, str]) -> ColumnElement[bool]:
    account_id, address = key
    return or_(
        Bounce.account_id > account_id,
        and_(Bounce.account_id == account_id, Bounce.address > address),
    )


async def next_batch(
    session: AsyncSession,
    *,
    after: tuple[int, str] | None,
    groups: int,
    account_id: int | None = None,
    since: dt.datetime | None = None,
) -> Batch:
    """The bounces of the next ``groups`` (account, address) pairs after ``after``, whole: every
    bounce of an address is judged in the same batch, so its suppression is settled once."""
    conditions = _candidates(account_id, since)
    if after is not None:
        conditions.append(_after(after))
    keys = (
        await session.execute(
            select(Bounce.account_id, Bounce.address)
            .where(*conditions)
            .group_by(Bounce.account_id, Bounce.address)
            .order_by(Bounce.account_id, Bounce.address)
            .limit(groups)
        )
    ).all()
    if not keys:
        return Batch([], None)
    last_account, last_address = keys[-1]
    assert last_account is not None  # the candidates have an account
    last = (int(last_account), str(last_address))
    rows = await session.execute(
        select(Bounce, Account.name)
        .join(Account, Account.id == Bounce.account_id)
        .where(*conditions, ~_after(last))
        .order_by(Bounce.account_id, Bounce.address, Bounce.id)
    )
    return Batch([_stored(b, name) for b, name in rows], last)


def _stored(b: Bounce, account: str) -> StoredBounce:
    assert b.account_id is not None
    return StoredBounce(
        bounce_id=b.id,
        account_id=b.account_id,
        account=account,
        address=b.address,
        source=b.source,
        verdict=Verdict(b.hard, b.reason, b.party, b.dsn_status),
        reply_code=b.reply_code,
        diagnostic=b.diagnostic,
        raw=b.raw,
        recipient_id=b.recipient_id,
        superseded=b.superseded,
    )


async def correct_verdict(
    session: AsyncSession, bounce: StoredBounce, new: Verdict, *, now: dt.datetime
) -> bool:
    """Store ``new`` as the bounce's verdict, unless the stored one changed meanwhile."""
    old = bounce.verdict
    result = await session.execute(
        update(Bounce)
        .where(
            Bounce.id == bounce.bounce_id,
            Bounce.hard == old.hard,
            Bounce.reason == old.reason,
            Bounce.party == old.party,
        )
        .values(hard=new.hard, reason=new.reason, party=new.party, dsn_status=new.status)
    )
    if not getattr(result, "rowcount", 0):
        return False
    if bounce.recipient_id is not None:
        # The copy's outcome (campaign reports) shows the corrected reason too.
        await session.execute(
            update(Recipient)
            .where(
                Recipient.id == bounce.recipient_id,
                Recipient.status == RecipientStatus.BOUNCED,
                Recipient.reason == old.reason,
            )
            .values(reason=new.reason, dsn_status=new.status, updated_at=now)
        )
    return True


async def verdict_suppression(
    session: AsyncSession, account_id: int, address: str
) -> tuple[int, str] | None:
    """(bounce id, reason) of the account's suppression of ``address`` when it rests on one
    bounce's verdict; None when there is none, or a person or a rule made it (added by hand,
    imported, a complaint, repeated soft bounces)."""
    row = (
        await session.execute(
            select(Suppression.bounce_id, Suppression.reason)
            .join(Bounce, Bounce.id == Suppression.bounce_id)
            .where(
                Suppression.account_id == account_id,
                Suppression.address == address,
                Suppression.reason.not_in((COMPLAINT, SOFT_ESCALATION)),
                Bounce.source.in_(REJUDGED_SOURCES),
            )
        )
    ).first()
    if row is None or row[0] is None:
        return None
    return int(row[0]), str(row[1])


async def still_hard(session: AsyncSession, account_id: int, address: str) -> bool:
    """Whether a counted hard bounce of ``address`` remains for the account."""
    found = await session.scalar(
        select(Bounce.id)
        .where(
            Bounce.account_id == account_id,
            Bounce.address == address,
            Bounce.verified,
            ~Bounce.superseded,
            Bounce.hard,
        )
        .limit(1)
    )
    return found is not None


async def is_stale(session: AsyncSession, bounce: StoredBounce) -> bool:
    """Whether the bounce is of a copy sent before the address's latest unbounce: it never
    suppresses again (also when the unbounce came after the bounce was recorded)."""
    if bounce.superseded:
        return True
    if bounce.recipient_id is None:
        return False
    recipient = await session.get(Recipient, bounce.recipient_id)
    return recipient is not None and await _sent_before_unbounce(session, recipient)
