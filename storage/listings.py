"""The audit log a page at a time, newest first, with a keyset cursor (a page costs the same
on the millionth row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, AuditEntry
from storage.views import clamp


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
