"""An account's suppression list as a whole: listing, export, bulk import, removal."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.admin import audit
from storage.models import Base, Bounce, Contact, Suppression
from storage.suppressions import suppress

# Rows a caller's batches should hold: big enough that the per-statement cost vanishes,
# small enough that a batch of dicts stays a few megabytes.
IMPORT_BATCH = 10_000

# The stored reason is short (it goes into the 550 reply); longer text is kept as detail.
REASON_LENGTH = 64


@dataclass(frozen=True, slots=True)
class ListedSuppression:
    """One of the account's suppressions, with the bounce behind it (if the relay saw one)."""

    address: str
    reason: str
    detail: str | None
    created_at: dt.datetime
    bounce_status: str | None
    bounced_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class SuppressionFilter:
    """Which of the account's suppressions to show: all, by reason, or created since."""

    reason: str | None = None
    since: dt.datetime | None = None


def _listing(account_id: int, where: SuppressionFilter) -> Select[Any]:
    query = (
        select(
            Suppression.address,
            Suppression.reason,
            Suppression.detail,
            Suppression.created_at,
            Bounce.dsn_status,
            Bounce.created_at,
        )
        .outerjoin(Bounce, Bounce.id == Suppression.bounce_id)
        .where(Suppression.account_id == account_id)
    )
    if where.reason is not None:
        query = query.where(Suppression.reason == where.reason)
    if where.since is not None:
        query = query.where(Suppression.created_at >= where.since)
    return query.order_by(Suppression.address)


async def list_suppressions(
    session: AsyncSession, account_id: int, where: SuppressionFilter, *, limit: int | None = None
) -> list[ListedSuppression]:
    """The account's own suppressions (not the global ones), by address."""
    rows = await session.execute(_listing(account_id, where).limit(limit))
    return [ListedSuppression(*row) for row in rows.tuples()]


async def stream_suppressions(
    session: AsyncSession, account_id: int, where: SuppressionFilter
) -> AsyncIterator[ListedSuppression]:
    """The same rows as ``list_suppressions``, fetched in chunks: for exports of any size."""
    result = await session.stream(
        _listing(account_id, where).execution_options(yield_per=IMPORT_BATCH)
    )
    async for row in result.tuples():
        yield ListedSuppression(*row)


async def count_suppressions(
    session: AsyncSession, account_id: int, where: SuppressionFilter | None = None
) -> int:
    """How many suppressions the account has of its own (matching ``where``)."""
    query = select(func.count(Suppression.id)).where(Suppression.account_id == account_id)
    if where is not None and where.reason is not None:
        query = query.where(Suppression.reason == where.reason)
    if where is not None and where.since is not None:
        query = query.where(Suppression.created_at >= where.since)
    return int(await session.scalar(query) or 0)


@dataclass(frozen=True, slots=True)
class ImportedAddress:
    """One row of an import: a normalized address, the reason given, and when it was added."""

    address: str
    reason: str
    detail: str | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ImportCounts:
    rows: int
    imported: int

    @property
    def already_suppressed(self) -> int:
        """Rows whose address was suppressed before (or came earlier in the same import)."""
        return self.rows - self.imported


def _insert_ignoring_duplicates(session: AsyncSession, table: Table) -> Any:
    # INSERT ... ON CONFLICT DO NOTHING: existing rows win, and the database (not a
    # read-then-write race) decides what already exists.
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"bulk import is not written for {dialect}")


async def import_suppressions(
    session: AsyncSession,
    account_id: int,
    batches: Iterable[Sequence[ImportedAddress]],
    *,
    now: dt.datetime,
) -> ImportCounts:
    """Suppress every address of ``batches`` for the account and add it to its contacts.

    Existing suppressions (and contacts) are kept as they are. All in the caller's
    transaction: if anything fails midway, nothing of the import remains.
    """
    # Core tables, not the ORM classes: an ORM bulk insert costs several times more per row.
    suppressions = _insert_ignoring_duplicates(session, _table(Suppression))
    contacts = _insert_ignoring_duplicates(session, _table(Contact))
    before = await count_suppressions(session, account_id)
    rows = 0
    for batch in batches:
        if not batch:
            continue
        rows += len(batch)
        await session.execute(
            suppressions,
            [
                {
                    "account_id": account_id,
                    "address": item.address,
                    "reason": item.reason[:REASON_LENGTH],
                    "detail": item.detail,
                    "bounce_id": None,
                    "created_at": item.created_at,
                }
                for item in batch
            ],
        )
        await session.execute(
            contacts,
            [{"account_id": account_id, "address": i.address, "created_at": now} for i in batch],
        )
    after = await count_suppressions(session, account_id)
    return ImportCounts(rows=rows, imported=after - before)


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


async def remove_suppression(
    session: AsyncSession, account_id: int, address: str, *, actor: str, now: dt.datetime
) -> bool:
    """Delete the account's own suppression of ``address`` and audit it; False if none."""
    removed = await session.execute(
        delete(Suppression)
        .where(Suppression.account_id == account_id, Suppression.address == address)
        .returning(Suppression.reason, Suppression.created_at)
    )
    row = removed.first()
    if row is None:
        return False
    reason, created_at = row
    await audit(
        session,
        actor=actor,
        action="suppression_remove",
        now=now,
        account_id=account_id,
        subject=address,
        detail={"reason": reason, "suppressed_at": created_at},
    )
    return True


async def add_suppression(
    session: AsyncSession,
    account_id: int,
    address: str,
    *,
    reason: str,
    actor: str,
    now: dt.datetime,
) -> bool:
    """Suppress ``address`` for the account by hand and audit it; False if it already was."""
    added = await suppress(
        session,
        account_id=account_id,
        address=address,
        reason=reason[:REASON_LENGTH],
        detail=f"added by {actor}",
        bounce_id=None,
        now=now,
    )
    if added:
        await audit(
            session,
            actor=actor,
            action="suppression_add",
            now=now,
            account_id=account_id,
            subject=address,
            detail={"reason": reason},
        )
    return added
