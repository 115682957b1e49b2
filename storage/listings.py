"""Long lists the dashboard pages through: suppressions with their filters, and the audit
log, newest first, with keyset cursors (a page costs the same on the millionth row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, AuditEntry, Bounce, Suppression
from storage.views import clamp

# A reason that names no cause: a bounce with it is not one whose "reason is known".
UNKNOWN_REASONS = ("undefined", "unknown")


@dataclass(frozen=True, slots=True)
class SuppressionQuery:
    """Which suppressions to list: one account's own, or the global tier (account None)."""

    account_id: int | None
    reason: str | None = None
    hard_reason_known: bool = False
    address: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SuppressionRow:
    id: int
    address: str
    tier: str
    reason: str
    detail: str | None
    since: dt.datetime
    bounce_id: int | None
    bounce_status: str | None
    hard: bool | None


def _suppressions(where: SuppressionQuery) -> Select[Suppression, Bounce]:
    tier: ColumnElement[bool] = (
        Suppression.account_id.is_(None)
        if where.account_id is None
        else Suppression.account_id == where.account_id
    )
    query = (
        select(Suppression, Bounce)
        .outerjoin(Bounce, Bounce.id == Suppression.bounce_id)
        .where(tier)
    )
    if where.reason:
        query = query.where(Suppression.reason == where.reason)
    if where.hard_reason_known:
        query = query.where(Bounce.hard, Bounce.reason.not_in(UNKNOWN_REASONS))
    if where.address:
        query = query.where(Suppression.address == where.address)
    if where.since is not None:
        query = query.where(Suppression.created_at >= where.since)
    if where.until is not None:
        query = query.where(Suppression.created_at < where.until)
    return query


async def suppression_page(
    session: AsyncSession,
    where: SuppressionQuery,
    *,
    before: tuple[dt.datetime, int] | None = None,
    limit: int = 100,
) -> list[SuppressionRow]:
    """One page of suppressions, newest first; ``before`` is the last row's (since, id)."""
    query = _suppressions(where)
    if before is not None:
        at, key = before
        query = query.where(
            or_(
                Suppression.created_at < at,
                and_(Suppression.created_at == at, Suppression.id < key),
            )
        )
    rows = await session.execute(
        query.order_by(Suppression.created_at.desc(), Suppression.id.desc()).limit(clamp(limit))
    )
    return [
        SuppressionRow(
            s.id, s.address, "global" if s.account_id is None else "account", s.reason,
            s.detail, s.created_at, s.bounce_id, b.dsn_status if b else None,
            b.hard if b else None,
        )
        for s, b in rows.all()
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class AuditLine:
    id: int
    at: dt.datetime
    actor: str
    account: str | None
    action: str
    subject: str | None
    detail: str | None


async def audit_page(
    session: AsyncSession,
    *,
    account_id: int | None,
    action: str | None = None,
    actor: str | None = None,
    subject: str | None = None,
    before: int | None = None,
    limit: int = 100,
) -> list[AuditLine]:
    """Audit entries newest first, for one account (None: every entry, for operators)."""
    query = select(AuditEntry, Account.name).outerjoin(Account, Account.id == AuditEntry.account_id)
    if account_id is not None:
        query = query.where(AuditEntry.account_id == account_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if subject:
        query = query.where(AuditEntry.subject == subject)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    rows = await session.execute(query.order_by(AuditEntry.id.desc()).limit(clamp(limit)))
    return [
        AuditLine(e.id, e.at, e.actor, name, e.action, e.subject, e.detail)
        for e, name in rows.all()
    ]
