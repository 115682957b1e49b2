"""storage.writer.GroupWriter on PostgreSQL (perf13): a batch is one transaction of its own
statements, BEGIN to COMMIT, with no ping before it (on asyncpg three round trips: BEGIN, an
empty query, ROLLBACK); a connection the server dropped since the last batch (a restart, an
operator's pg_terminate_backend) costs nothing but a second run of that batch on a new
connection, committed once; and a batch whose COMMIT fails is not run again."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import Session

from config import async_database_url
from storage.accounts import add_account
from storage.engine import Store, StoreUnavailable, open_store
from storage.messages import NewMessage, record_messages
from storage.models import Message
from storage.writer import GroupWriter, JobKind
from tests.support.databases import ADMIN_URL, _dsn, migrated_database

pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="PostgreSQL: set RELAY_TEST_DATABASE_URL")

NOW = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
async def url(tmp_path: Path) -> AsyncIterator[str]:
    async with migrated_database("postgresql", tmp_path) as url:
        yield url


@pytest.fixture
async def store(url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(url))
    yield store
    await store.close()


def _logged(engines: Sequence[AsyncEngine]) -> list[str]:
    """The first word of the queries asyncpg's own query log sees on these engines'
    connections: BEGIN, COMMIT, ROLLBACK and a ping's empty query (";"); not the statements
    SQLAlchemy runs as prepared statements."""
    queries: list[str] = []

    def logged(record: Any) -> None:
        words = record.query.strip().rstrip(";").split(None, 1)
        queries.append(words[0].upper() if words else ";")

    def connected(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.driver_connection.add_query_logger(logged)

    for engine in engines:
        event.listen(engine.sync_engine, "connect", connected)
    return queries


def _engines(store: Store) -> list[AsyncEngine]:
    engines = [store.engine]
    batches = getattr(store, "batches", None)  # the group writer's own engine (perf13)
    if batches is not None:
        engines.append(batches.kw["bind"])
    return engines


async def _account(store: Store) -> int:
    async with store.transaction() as session:
        return (await add_account(session, "acme", ["acme.example"])).id


def _message(account_id: int, n: int) -> NewMessage:
    return NewMessage(
        account_id, f"<m{n}@acme.example>", "c", "n@acme.example", b"body",
        [f"r{n}@example.net"], [],
    )  # fmt: skip


def _record(session: Session, news: Sequence[NewMessage]) -> list[Any]:
    return record_messages(session, news, now=NOW, lease=60, lifetime=3600)


RECORD: JobKind[NewMessage, Any] = JobKind("record", _record)


async def _messages(store: Store) -> int:
    async with store.reading() as session:
        return int(await session.scalar(select(func.count()).select_from(Message)) or 0)


async def test_a_batch_is_its_statements_between_begin_and_commit_and_no_ping(
    store: Store,
) -> None:
    queries = _logged(_engines(store))  # before any connection is made
    account_id = await _account(store)
    writer = GroupWriter(store)
    await writer.submit(RECORD, _message(account_id, 0))  # the connection made, statements known
    queries.clear()
    await writer.submit(RECORD, _message(account_id, 1))
    await writer.close()
    # on main: ['BEGIN', ';', 'ROLLBACK', 'BEGIN', 'INSERT', ...]: the pool's ping first
    assert queries == ["BEGIN", "COMMIT"]
    assert "ROLLBACK" not in queries
    assert ";" not in queries
    assert await _messages(store) == 2


async def test_a_connection_lost_between_batches_costs_one_more_run_of_the_batch(
    store: Store, url: str
) -> None:
    account_id = await _account(store)
    writer = GroupWriter(store)
    await writer.submit(RECORD, _message(account_id, 0))
    admin = await asyncpg.connect(_dsn(ADMIN_URL))
    try:  # what a server restart does to the pooled connections
        ended = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            url.rsplit("/", 1)[1],
        )
    finally:
        await admin.close()
    assert ended >= 1
    _pk, claims = await writer.submit(RECORD, _message(account_id, 1))  # no 451 for this one
    await writer.close()
    assert len(claims) == 1
    assert await _messages(store) == 2  # run again, committed once


async def test_a_batch_whose_commit_failed_is_not_run_again(store: Store, url: str) -> None:
    account_id = await _account(store)
    runs = 0

    def record_then_lose(session: Session, news: Sequence[NewMessage]) -> list[Any]:
        nonlocal runs
        runs += 1
        out = _record(session, news)
        # the server drops the connection once the statements ran: the COMMIT finds it gone
        conn = session.connection()
        conn.exec_driver_sql("SET LOCAL idle_in_transaction_session_timeout = '20ms'")
        time.sleep(0.5)
        return out

    writer = GroupWriter(store)
    await writer.submit(RECORD, _message(account_id, 0))
    with pytest.raises(StoreUnavailable):
        await writer.submit(JobKind("lost", record_then_lose), _message(account_id, 1))
    await writer.close()
    assert runs == 1
    assert await _messages(store) == 1
