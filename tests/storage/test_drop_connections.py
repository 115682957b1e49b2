"""A store closed (or its connections dropped) while a connection is in use closes that
connection too, when it comes back: none is left to the garbage collector (leak13)."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from storage.engine import Store, open_store
from storage.schema import ensure_schema
from tests.support import db


@pytest.fixture
def no_gc() -> Iterator[None]:
    """A connection stranded in a pool is found only by the garbage collector: none runs
    during the test, so that what is still open is seen."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def migrated(database: Path) -> Store:
    store = open_store(f"sqlite+aiosqlite:///{database}", checkpoint=True)
    await ensure_schema(store)
    return store


@pytest.mark.parametrize("engine", ["reading", "transaction"])
async def test_a_connection_in_use_when_the_store_closes_is_closed_when_returned(
    tmp_path: Path, no_gc: None, engine: str
) -> None:
    database = tmp_path / "relay.db"
    store = await migrated(database)
    session = store.reading() if engine == "reading" else store.transaction()
    async with session as held:
        assert (await held.execute(text("SELECT count(*) FROM accounts"))).scalar() == 0
        await store.close()  # the connection is checked out right now
    assert db.files_open_on(database) == []


async def test_a_thread_s_connection_in_use_when_the_store_closes_is_closed_when_returned(
    tmp_path: Path, no_gc: None
) -> None:
    database = tmp_path / "relay.db"
    store = await migrated(database)
    inside, go_on = threading.Event(), threading.Event()

    def work(session: Session) -> int:
        count = session.execute(text("SELECT count(*) FROM accounts")).scalar_one()
        inside.set()
        assert go_on.wait(10)
        return int(count)

    writing = asyncio.ensure_future(store.write_sync(work))  # SQLite: in a thread
    assert await asyncio.to_thread(inside.wait, 10)
    await store.close()
    go_on.set()
    assert await writing == 0
    assert db.files_open_on(database) == []


async def test_after_dropping_its_connections_the_store_opens_new_ones(
    tmp_path: Path, no_gc: None
) -> None:
    database = tmp_path / "relay.db"
    store = await migrated(database)
    async with store.reading() as held:
        await held.execute(text("SELECT 1"))
        await store.drop_connections()
    async with store.reading() as session:
        assert (await session.execute(text("SELECT count(*) FROM accounts"))).scalar() == 0
    async with store.transaction() as session:
        await session.execute(text("DELETE FROM accounts"))
    assert await store.write_sync(lambda s: s.execute(text("SELECT 2")).scalar_one()) == 2
    await store.close()
    assert db.files_open_on(database) == []
