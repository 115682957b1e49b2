"""ManyRows (storage.writer) on PostgreSQL (perf15): the group writer's bulk statements go to
asyncpg as tuples, and store exactly what SQLAlchemy's own executemany stores, value by value
and type by type; a broken row still fails as SQLAlchemy's IntegrityError (the group writer
then runs each job alone); and both outcome-counter tables' upserts as one statement store
what the two executemanys stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, event, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import Session

from config import async_database_url
from storage import messages, outcome_counts, queue
from storage.models import Base, RecipientStatus
from storage.writer import ManyRows
from tests.storage.test_many_rows import NOW, QUEUED, RECIPIENTS
from tests.support.databases import ADMIN_URL, migrated_database

pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="PostgreSQL: set RELAY_TEST_DATABASE_URL")

STEPS: list[tuple[str, ManyRows, list[dict[str, Any]]]] = [
    ("recipients", messages._RECIPIENTS._plain, RECIPIENTS),
    ("queue", messages._QUEUE._plain, QUEUED),
    ("message_bodies", messages._ADD_BODIES, [{"message_id": 1, "data": b"\x00\xffbody\r\n"}]),
    ("contacts", messages._ADD_CONTACTS["postgresql"],
     [{"account_id": 1, "address": a, "created_at": NOW} for a in ("x@a", "y@a", "x@a")]),
    ("queue", queue._RETRY,
     [{"queue_id": 1, "claimed_attempts": 1, "retry_at": NOW, "last_error": "451 4.7.1 wait"},
      {"queue_id": 2, "claimed_attempts": 7, "retry_at": NOW, "last_error": "stale claim"}]),
    ("recipients", queue._DEFERRED,
     [{"recipient_id": 1, "reply_code": 451, "detail": "451 4.7.1 wait", "attempts": 1,
       "now": NOW}]),
    ("recipients", queue._SENT,
     [{"recipient_id": n, "reply_code": 250, "detail": "2.0.0 Ok", "attempts": 2, "now": NOW}
      for n in (2, 3)]),
    ("queue", queue._UNQUEUE, [{"queue_id": 2}, {"queue_id": 3}]),
    ("message_counts", outcome_counts._UPSERTS[("postgresql", "message_counts")],
     [{"message_id": 1, "account_id": 1, "sent": 0, "bounced": 0, "not_sent": 1, "deferred": 3}]),
    ("message_counts", outcome_counts._UPSERTS[("postgresql", "message_counts")],
     [{"message_id": 1, "account_id": 1, "sent": 2, "bounced": 0, "not_sent": 0,
       "deferred": -2}]),
    ("campaign_counts", outcome_counts._UPSERTS[("postgresql", "campaign_counts")],
     [{"account_id": 1, "campaign": c, "sent": 0, "bounced": 0, "not_sent": 1, "deferred": 3,
       "messages": 1, "last_key": 1, "last_at": NOW} for c in ("c", "d")]),
    ("campaign_counts", outcome_counts._UPSERTS[("postgresql", "campaign_counts")],
     [{"account_id": 1, "campaign": "c", "sent": 2, "bounced": 0, "not_sent": 0, "deferred": -2,
       "messages": 0, "last_key": 0, "last_at": None},
      {"account_id": 1, "campaign": "d", "sent": 0, "bounced": 0, "not_sent": 0, "deferred": 1,
       "messages": 1, "last_key": 7, "last_at": NOW}]),
]  # fmt: skip


async def _seeded(url: str) -> AsyncEngine:
    engine = create_async_engine(async_database_url(url))
    async with engine.begin() as conn:
        await conn.execute(
            text("INSERT INTO accounts (id, name, created_at) VALUES (1, 'a', now())")
        )
        await conn.execute(
            text(
                "INSERT INTO messages (id, account_id, message_id, campaign, mail_from,"
                " received_at, size) VALUES (1, 1, '<m@a>', 'c', 's@a', now(), 1)"
            )
        )
    return engine


@pytest.fixture
async def engines(tmp_path: Path) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    """Two databases with the same rows: one written by ManyRows, one by SQLAlchemy."""
    async with (
        migrated_database("postgresql", tmp_path / "ours") as ours_url,
        migrated_database("postgresql", tmp_path / "theirs") as theirs_url,
    ):
        ours, theirs = await _seeded(ours_url), await _seeded(theirs_url)
        yield ours, theirs
        await ours.dispose()
        await theirs.dispose()


async def dump(engine: AsyncEngine, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table``: each value with its Python type, as asyncpg reads it."""
    async with engine.connect() as conn:
        # the table name is the schema's own, not input
        rows = (await conn.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2"))).all()  # noqa: S608
    return [tuple((value, type(value).__name__) for value in row) for row in rows]


async def test_the_bulk_statements_store_what_sqlalchemy_stores(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    ours, theirs = engines
    runs: list[tuple[AsyncEngine, Callable[[Connection, ManyRows, list[dict[str, Any]]], int]]] = [
        (ours, lambda conn, many, rows: many(conn, rows)),
        (theirs, lambda conn, many, rows: int(conn.execute(many.statement, rows).rowcount)),
    ]
    for table, many, rows in STEPS:
        for engine, run in runs:
            async with engine.begin() as conn:
                await conn.run_sync(run, many, rows)
        assert await dump(ours, table) == await dump(theirs, table), table
    # the steps did change rows (so the comparison compared something)
    assert len(await dump(ours, "queue")) == 1
    assert len(await dump(ours, "contacts")) == 2
    counts = await dump(ours, "message_counts")
    assert [tuple(value for value, _ in row[2:6]) for row in counts] == [(2, 0, 1, 1)]
    # and they went to the driver as tuples: a plan for asyncpg's $n (before perf15: none)
    for _, many, rows in STEPS:
        assert many._plans.get(("postgresql", tuple(rows[0]))) is not None, many.statement


async def test_a_broken_row_fails_as_sqlalchemys_integrity_error(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    ours, _ = engines
    bodies = [{"message_id": 1, "data": b"a"}, {"message_id": 99, "data": b"b"}]  # no message 99
    with pytest.raises(IntegrityError):
        async with ours.begin() as conn:
            await conn.run_sync(messages._ADD_BODIES, bodies)
    assert await dump(ours, "message_bodies") == []  # the transaction rolled back, whole


LATER = NOW + dt.timedelta(minutes=3)
# Counter changes of three transactions: new rows; numbers added and a newer message; a
# transaction with no new message (the newest stays) and one with an older one.
TALLIES: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = [
    ([{"message_id": 1, "account_id": 1, "sent": 0, "bounced": 0, "not_sent": 1, "deferred": 3}],
     [{"account_id": 1, "campaign": c, "sent": 0, "bounced": 0, "not_sent": 1, "deferred": 3,
       "messages": 1, "last_key": 1, "last_at": NOW} for c in ("c", "d")]),
    ([{"message_id": 1, "account_id": 1, "sent": 2, "bounced": 1, "not_sent": 0, "deferred": -3}],
     [{"account_id": 1, "campaign": "c", "sent": 2, "bounced": 1, "not_sent": 0, "deferred": -3,
       "messages": 1, "last_key": 7, "last_at": LATER}]),
    ([], [{"account_id": 1, "campaign": "c", "sent": 0, "bounced": 0, "not_sent": 0,
           "deferred": 0, "messages": 0, "last_key": 0, "last_at": None},
          {"account_id": 1, "campaign": "d", "sent": 1, "bounced": 0, "not_sent": 0,
           "deferred": 0, "messages": 1, "last_key": 0, "last_at": LATER}]),
    ([{"message_id": 1, "account_id": 1, "sent": 1, "bounced": 0, "not_sent": 0, "deferred": 0}],
     []),
]  # fmt: skip


async def test_both_counter_tables_in_one_statement_store_what_two_upserts_store(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    ours, theirs = engines
    statements: list[str] = []

    def executed(*args: Any) -> None:
        statements.append(args[2])

    event.listen(ours.sync_engine, "before_cursor_execute", executed)
    for messages_, campaigns in TALLIES:
        statements.clear()
        async with ours.begin() as conn:
            await conn.run_sync(outcome_counts._upsert_both, messages_, campaigns)
        # one statement, one round trip, for both tables (before perf15: an executemany each)
        assert len(statements) == 1
        async with theirs.begin() as conn:
            for table, rows in (("message_counts", messages_), ("campaign_counts", campaigns)):
                await conn.run_sync(outcome_counts._upsert, Base.metadata.tables[table], rows)
    for table in ("message_counts", "campaign_counts"):
        assert await dump(ours, table) == await dump(theirs, table), table
    assert [tuple(v for v, _ in row[2:6]) for row in await dump(ours, "message_counts")] == [
        (3, 1, 1, 0)
    ]
    # (campaign, sent, messages, last_key, last_at): c's newest is message 7, d's stays 1
    campaigns = [tuple(v for v, _ in row) for row in await dump(ours, "campaign_counts")]
    assert [(r[1], r[2], r[6], r[7], r[8]) for r in campaigns] == [
        ("c", 2, 2, 7, LATER),
        ("d", 1, 2, 1, NOW),
    ]


async def test_a_transactions_counters_are_one_statement(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    ours, _ = engines
    statements: list[str] = []

    def executed(*args: Any) -> None:
        statements.append(args[2])

    def tally_and_write(conn: Connection) -> None:
        with Session(bind=conn) as session:
            outcome_counts.count_new_messages(session, [(1, 1, "c", NOW)])
            outcome_counts.count_new_copies(session, [(1, 1, "c", RecipientStatus.QUEUED, 5)])
            statements.clear()
            outcome_counts.write_pending(session)

    event.listen(ours.sync_engine, "before_cursor_execute", executed)
    async with ours.begin() as conn:
        await conn.run_sync(tally_and_write)
    # before perf15: two, an executemany of message_counts and one of campaign_counts
    assert len(statements) == 1
    rows = {table: await dump(ours, table) for table in ("message_counts", "campaign_counts")}
    assert [row[5][0] for row in rows["message_counts"]] == [5]  # deferred: the queued copies
    assert [(row[1][0], row[5][0], row[6][0]) for row in rows["campaign_counts"]] == [("c", 5, 1)]
