"""storage.lookups on PostgreSQL through asyncpg connections of the store's own
(storage.engine.DriverPool, perf13): every look-up reads the database (a suppression another
process records counts at the next one); a connection the server dropped costs at most one
StoreUnavailable and is never used again; a look-up cancelled half-way leaves no connection
in an unknown state behind; no more than the pool's size are open at once."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from config import async_database_url
from storage.accounts import add_account
from storage.engine import Store, StoreUnavailable, open_store
from storage.lookups import suppression_of
from tests.support.databases import ADMIN_URL, _dsn, migrated_database

pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="PostgreSQL: set RELAY_TEST_DATABASE_URL")


@pytest.fixture
async def url(tmp_path: Path) -> AsyncIterator[str]:
    async with migrated_database("postgresql", tmp_path) as url:
        yield url


@pytest.fixture
async def store(url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(url), pool_size=3)
    assert store.lookups_pg is not None  # the path under test
    yield store
    await store.close()


async def _account(store: Store) -> int:
    async with store.transaction() as session:
        return (await add_account(session, "acme", ["acme.example"])).id


async def _suppress(url: str, account_id: int, address: str) -> None:
    """As another process would: on a connection of its own."""
    other = await asyncpg.connect(url)
    try:
        await other.execute(
            "INSERT INTO suppressions (account_id, address, reason, created_at)"
            " VALUES ($1, $2, 'manual', $3)",
            account_id,
            address,
            dt.datetime.now(dt.UTC),
        )
    finally:
        await other.close()


async def _backends(url: str) -> list[int]:
    admin = await asyncpg.connect(_dsn(ADMIN_URL))
    try:
        rows = await admin.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            url.rsplit("/", 1)[1],
        )
    finally:
        await admin.close()
    return [row["pid"] for row in rows]


async def test_every_look_up_reads_the_database(store: Store, url: str) -> None:
    account_id = await _account(store)
    assert await suppression_of(store, account_id, "x@example.net") is None
    await _suppress(url, account_id, "x@example.net")
    found = await suppression_of(store, account_id, "x@example.net")
    assert found is not None
    assert found.reason == "manual"
    assert found.since.tzinfo is not None  # converted as SQLAlchemy's path did


async def test_a_dropped_connection_costs_at_most_one_failure(store: Store, url: str) -> None:
    account_id = await _account(store)
    await suppression_of(store, account_id, "x@example.net")  # a connection made and kept
    admin = await asyncpg.connect(_dsn(ADMIN_URL))
    try:  # what a server restart does to it
        for pid in await _backends(url):
            await admin.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await admin.close()
    failures = 0
    for _ in range(5):
        try:
            assert await suppression_of(store, account_id, "x@example.net") is None
        except StoreUnavailable:
            failures += 1
    assert failures <= 1


async def test_a_cancelled_look_up_leaves_no_connection_behind_in_doubt(
    store: Store, url: str
) -> None:
    account_id = await _account(store)
    assert store.lookups_pg is not None
    slow = asyncio.ensure_future(store.lookups_pg.fetch("SELECT pg_sleep(5)", ()))
    await asyncio.sleep(0.5)
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow
    # the connection that ran it is not handed to the next look-up (which would wait the 5 s
    # out, or read the sleep's result)
    async with asyncio.timeout(2):
        assert await suppression_of(store, account_id, "x@example.net") is None


async def test_no_more_connections_than_the_size(store: Store, url: str) -> None:
    assert store.lookups_pg is not None
    await _account(store)
    before = len(await _backends(url))
    await asyncio.gather(*(store.lookups_pg.fetch("SELECT pg_sleep(0.2)", ()) for _ in range(9)))
    # the 9 look-ups, 3 at a time: 3 connections of the look-ups' own, kept for the next
    assert len(await _backends(url)) - before == 3
