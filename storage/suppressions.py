"""Suppressions: the addresses an account (or every account) will not send to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Bounce, Suppression


@dataclass(frozen=True, slots=True)
class SuppressionInfo:
    """Why an address is suppressed; ``account_id`` None means global."""

    address: str
    account_id: int | None
    reason: str
    detail: str | None
    since: dt.datetime
    bounce_status: str | None

    @property
    def is_global(self) -> bool:
        return self.account_id is None


async def suppressions_for(
    session: AsyncSession, account_id: int, addresses: Sequence[str]
) -> dict[str, SuppressionInfo]:
    """The suppressions, the account's own first, that cover any of the normalized ``addresses``."""
    if not addresses:
        return {}
    rows = await session.execute(
        select(Suppression, Bounce.dsn_status)
        .outerjoin(Bounce, Bounce.id == Suppression.bounce_id)
        .where(
            Suppression.address.in_(set(addresses)),
            or_(Suppression.account_id == account_id, Suppression.account_id.is_(None)),
        )
    )
    found: dict[str, SuppressionInfo] = {}
    for row, status in rows.all():
        info = SuppressionInfo(
            row.address, row.account_id, row.reason, row.detail, row.created_at, status
        )
        if row.address not in found or found[row.address].is_global:
            found[row.address] = info
    return found


async def suppress(
    session: AsyncSession,
    *,
    account_id: int | None,
    address: str,
    reason: str,
    detail: str | None,
    bounce_id: int | None,
    now: dt.datetime,
) -> bool:
    """Suppress ``address`` for the account (or globally); False if it already was."""
    scope = (
        Suppression.account_id.is_(None)
        if account_id is None
        else Suppression.account_id == account_id
    )
    existing = await session.scalar(
        select(Suppression.id).where(Suppression.address == address, scope)
    )
    if existing is not None:
        return False
    session.add(
        Suppression(
            account_id=account_id,
            address=address,
            reason=reason,
            detail=detail,
            bounce_id=bounce_id,
            created_at=now,
        )
    )
    await session.flush()
    return True
