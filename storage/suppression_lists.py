"""An account's suppression list as a whole: listing, export, bulk import, removal."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    Result,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    literal,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import Executable

from storage import webhooks
from storage.admin import audit
from storage.models import Base, Bounce, Suppression, UTCDateTime
from storage.suppressions import suppress, suppression_removed
from storage.webhooks import EventType

# Rows a caller's batches should hold: enough that the per-statement cost vanishes, few
# enough that a batch stays a few megabytes in memory.
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


def _listing(account_id: int, where: SuppressionFilter, limit: int | None = None) -> Executable:
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
    return query.order_by(Suppression.address).limit(limit)


async def list_suppressions(
    session: AsyncSession, account_id: int, where: SuppressionFilter, *, limit: int | None = None
) -> list[ListedSuppression]:
    """The account's own suppressions (not the global ones), by address."""
    rows = await session.execute(_listing(account_id, where, limit))
    return [ListedSuppression(*row) for row in rows]


async def stream_suppressions(
    session: AsyncSession, account_id: int, where: SuppressionFilter
) -> AsyncIterator[ListedSuppression]:
    """The same rows as ``list_suppressions``, fetched in chunks: for exports of any size."""
    result = await session.stream(
        _listing(account_id, where).execution_options(yield_per=IMPORT_BATCH)
    )
    async for row in result:
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


def _staging_table() -> Table:
    # A temporary table without indexes takes the rows as fast as they come; one
    # INSERT ... SELECT ... ORDER BY address then fills the indexed tables in index order,
    # which on SQLite is about twice as fast as inserting a million addresses at random.
    return Table(
        "suppression_import",
        MetaData(),
        Column("position", Integer, nullable=False),
        Column("address", String(320), nullable=False),
        Column("reason", String(REASON_LENGTH), nullable=False),
        Column("detail", Text),
        Column("created_at", UTCDateTime(), nullable=False),
        prefixes=["TEMPORARY"],
    )


async def import_suppressions(
    session: AsyncSession,
    account_id: int,
    batches: Iterable[Sequence[ImportedAddress]],
    *,
    now: dt.datetime | None = None,
) -> ImportCounts:
    """Suppress every address of ``batches`` for the account.

    The addresses do not become contacts: contacts are addresses the account sent to, and
    their count sets the unbounce quota, which an import must not raise. Existing
    suppressions are kept as they are; of an address given twice, the first row counts.
    All in the caller's transaction: if anything fails midway, nothing of the import remains.
    Each added row is a ``suppression.created`` event (at ``now``) for subscribed endpoints.
    """
    staging = _staging_table()
    connection = await session.connection()
    await connection.run_sync(staging.create)
    # The driver's executemany with plain tuples: SQLAlchemy's per-row parameter handling
    # would cost more than SQLite's work. The statement is still compiled from the table.
    statement = insert(staging).compile(dialect=connection.dialect)
    assert statement.positiontup == [c.name for c in staging.columns]
    processor = staging.c.created_at.type.bind_processor(connection.dialect)

    def to_db(value: dt.datetime) -> Any:
        return processor(value) if processor is not None else value

    rows = 0
    for batch in batches:
        if not batch:
            continue
        await connection.exec_driver_sql(
            str(statement),
            [
                (rows + n, i.address, i.reason[:REASON_LENGTH], i.detail, to_db(i.created_at))
                for n, i in enumerate(batch)
            ],
        )
        rows += len(batch)
    staged = select(
        literal(account_id),
        staging.c.address,
        staging.c.reason,
        staging.c.detail,
        staging.c.created_at,
    ).where(true())  # SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
    adding = _insert_ignoring_duplicates(session, _table(Suppression)).from_select(
        ["account_id", "address", "reason", "detail", "created_at"],
        staged.order_by(staging.c.address, staging.c.position),
    )
    now = now or dt.datetime.now(dt.UTC)
    if not await webhooks.subscribed(session, account_id, EventType.SUPPRESSION_CREATED):
        imported = _rowcount(await session.execute(adding))
    elif connection.dialect.name == "postgresql":
        imported = await _import_with_events_pg(session, adding, account_id, now)
    else:
        imported = await _import_with_events_sqlite(session, staging, adding, account_id, now)
    await connection.run_sync(staging.drop)
    return ImportCounts(rows=rows, imported=imported)


async def _import_with_events_pg(
    session: AsyncSession, adding: Any, account_id: int, now: dt.datetime
) -> int:
    # The rows the INSERT really added (RETURNING skips the conflicts) feed the events in the
    # same statement: exact even while another transaction suppresses the same addresses.
    added = adding.returning(Suppression.address, Suppression.reason, Suppression.detail).cte(
        "added"
    )
    events = webhooks.suppressions_created(
        added, account_id=account_id, dialect="postgresql", now=now
    ).cte("events")
    return int(await session.scalar(select(func.count()).select_from(added).add_cte(events)) or 0)


async def _import_with_events_sqlite(
    session: AsyncSession, staging: Table, adding: Any, account_id: int, now: dt.datetime
) -> int:
    # SQLite has no INSERT in a WITH. The transaction holds the write lock from BEGIN
    # IMMEDIATE, so the rows to add are known before adding them: of each address its first
    # row (SQLite takes the other columns from the row min() picked), unless suppressed.
    first = (
        select(staging.c.address, staging.c.reason, staging.c.detail, func.min(staging.c.position))
        .group_by(staging.c.address)
        .subquery("first")
    )
    suppressed = select(Suppression.id).where(
        Suppression.account_id == account_id, Suppression.address == first.c.address
    )
    new = select(first.c.address, first.c.reason, first.c.detail).where(~suppressed.exists())
    await session.execute(
        webhooks.suppressions_created(
            new.subquery("new"), account_id=account_id, dialect="sqlite", now=now
        )
    )
    return _rowcount(await session.execute(adding))


def _rowcount(result: Result[Any]) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


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
    await suppression_removed(session, account_id, address, cause="manual", now=now)
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
