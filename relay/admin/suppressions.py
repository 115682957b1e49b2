"""The rules of changing a suppression list by hand: who may add and import, each audited.

The CLI (`relay suppressions add/import`) and the HTTP API call these; neither decides alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import Action, authorize
from storage import admin, suppression_lists
from storage.accounts import AccountInfo
from storage.suppression_lists import ImportCounts, ImportedAddress


async def add_suppression(
    session: AsyncSession,
    user: admin.UserInfo,
    account: AccountInfo,
    address: str,
    *,
    reason: str,
    now: dt.datetime,
) -> bool:
    """Suppress ``address`` for the account (super admins of it and operators); audited.
    False if it already was."""
    authorize(user, Action.MANAGE_SUPPRESSIONS, account)
    return await suppression_lists.add_suppression(
        session, account.id, address, reason=reason, actor=user.name, now=now
    )


async def import_suppressions(
    session: AsyncSession,
    user: admin.UserInfo,
    account: AccountInfo,
    batches: AsyncIterable[Sequence[ImportedAddress]],
    *,
    source: str,
    skipped: Sequence[str],
    now: dt.datetime,
) -> ImportCounts:
    """Suppress every address of ``batches`` for the account (super admins, marketing, operators),
    all or nothing; audited with the counts. ``skipped`` holds the bad rows, filled while the
    batches are read."""
    authorize(user, Action.IMPORT_SUPPRESSIONS, account)
    rows = imported = 0
    async for batch in batches:
        counts = await suppression_lists.import_suppressions(session, account.id, [batch], now=now)
        rows, imported = rows + counts.rows, imported + counts.imported
    total = ImportCounts(rows=rows, imported=imported)
    await admin.audit(
        session,
        actor=user.name,
        action="suppressions_import",
        now=now,
        account_id=account.id,
        subject=source,
        detail={
            "file": source,
            "imported": total.imported,
            "already_suppressed": total.already_suppressed,
            "skipped": len(skipped),
        },
    )
    return total
