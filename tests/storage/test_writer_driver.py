"""The group writer's statements on SQLite go straight to the DB-API cursor (perf16):
SQLAlchemy executes none of them while nothing listens for its cursor events, SQLite runs
them all, in the one transaction, with the same rows and counters as before; a statement a
broken row makes SQLite refuse still comes as SQLAlchemy's IntegrityError, so the others of
its batch commit without it; with a listener, every statement goes through SQLAlchemy and
the listener sees it; and a transaction asks SQLAlchemy's Session for its connection once."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage import queue
from storage.engine import Store, StoreUnavailable, driver_execute, on_cursor
from storage.models import Message, QueueEntry
from storage.writer import GroupWriter, JobKind
from tests.support.counts import assert_counters_match
from tests.support.writer_jobs import NOW, RECORD, acme, sqlite_writer_store, two_recipients


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with sqlite_writer_store(tmp_path) as store:
        yield store


def _settle(session: Session, batches: Sequence[list[queue.Claim]]) -> list[None]:
    sent = [(claim, 250, "2.0.0 Ok") for claims in batches for claim in claims]
    queue.settle_sent_many(session, sent, now=NOW)
    return [None] * len(batches)


# what a record and a settle batch write (the write lock's BEGIN, the rows, the counters)
WRITTEN = ("BEGIN IMMEDIATE", "INSERT INTO messages", "INSERT INTO recipients",
           "INSERT INTO queue", "message_counts", "campaign_counts", "DELETE FROM queue",
           "UPDATE recipients")  # fmt: skip
SETTLE: JobKind[list[queue.Claim], None] = JobKind("settle", _settle)


async def _record_and_settle(store: Store, account_id: int, numbers: range) -> None:
    writer = GroupWriter(store)
    try:
        recorded = await asyncio.gather(
            *(writer.submit(RECORD, two_recipients(account_id, n)) for n in numbers)
        )
        await asyncio.gather(*(writer.submit(SETTLE, claims) for _, claims in recorded))
    finally:
        await writer.close()


async def _count(store: Store, model: Any) -> int:
    async with store.reading() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def _traced(store: Store) -> list[str]:
    """Every statement SQLite runs on the group writer's connection (the driver's trace)."""
    assert store.sync_write is not None
    statements: list[str] = []
    with store.sync_write.connect() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        driver.set_trace_callback(statements.append)
    return statements


async def test_the_writer_s_statements_go_to_the_driver_and_store_the_same(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    account_id = await acme(store)
    statements = _traced(store)
    through_sqlalchemy: list[str] = []
    executed = Connection.exec_driver_sql

    def counted(self: Connection, statement: str, *args: Any, **kwargs: Any) -> Any:
        through_sqlalchemy.append(statement)
        return executed(self, statement, *args, **kwargs)

    monkeypatch.setattr(Connection, "exec_driver_sql", counted)
    await _record_and_settle(store, account_id, range(6))
    # SQLite ran the batch's statements, counters and the write lock included ...
    for part in WRITTEN:
        assert any(part in s for s in statements), part
    # ... and SQLAlchemy executed none of them (on main: every one of them)
    assert through_sqlalchemy == []
    assert await _count(store, Message) == 6
    assert await _count(store, QueueEntry) == 0  # every copy settled
    await assert_counters_match(store)


async def test_a_listener_sees_every_statement_through_sqlalchemy(store: Store) -> None:
    account_id = await acme(store)
    statements = _traced(store)
    seen: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    assert store.sync_write is not None
    event.listen(store.sync_write, "before_cursor_execute", listener)
    try:
        await _record_and_settle(store, account_id, range(3))
    finally:
        event.remove(store.sync_write, "before_cursor_execute", listener)
    # the listener saw the writer's statements, as SQLite ran them
    for part in WRITTEN:
        assert any(part in s for s in seen), part
        assert any(part in s for s in statements), part
    assert await _count(store, Message) == 3
    await assert_counters_match(store)


async def test_a_broken_row_fails_its_own_job_only(store: Store) -> None:
    account_id = await acme(store)
    writer = GroupWriter(store)
    try:
        results = await asyncio.gather(
            writer.submit(RECORD, two_recipients(account_id, 1)),
            writer.submit(RECORD, two_recipients(999_999, 2)),  # no such account: a foreign key
            writer.submit(RECORD, two_recipients(account_id, 3)),
            return_exceptions=True,
        )
    finally:
        await writer.close()
    assert not isinstance(results[0], BaseException)
    assert not isinstance(results[2], BaseException)
    assert isinstance(results[1], StoreUnavailable)
    assert "FOREIGN KEY" in str(results[1])
    assert await _count(store, Message) == 2
    await assert_counters_match(store)


def test_a_driver_error_comes_as_sqlalchemy_s(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL)")
            assert on_cursor(conn)
            assert driver_execute(conn, "INSERT INTO t (a) VALUES (?)", [("x",), ("y",)],
                                  many=True).rowcount == 2  # fmt: skip
            with pytest.raises(IntegrityError) as raised:
                driver_execute(conn, "INSERT INTO t (a) VALUES (?)", [("z",), (None,)], many=True)
            assert isinstance(raised.value.orig, sqlite3.IntegrityError)
            assert "NOT NULL" in str(raised.value)
            assert driver_execute(conn, "SELECT count(*) FROM t", ()).fetchone() == (3,)
    finally:
        engine.dispose()


async def test_a_transaction_asks_the_session_for_its_connection_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    account_id = await acme(store)
    asked: list[Session] = []
    connection = Session.connection

    def counted(self: Session, *args: Any, **kwargs: Any) -> Any:
        asked.append(self)
        return connection(self, *args, **kwargs)

    monkeypatch.setattr(Session, "connection", counted)
    writer = GroupWriter(store)
    try:
        await writer.submit(RECORD, two_recipients(account_id, 1))
    finally:
        await writer.close()
    # one transaction (record), one question (on main: the kind, the counters, the commit ...)
    assert len(asked) == 1
    assert await _count(store, Message) == 1
