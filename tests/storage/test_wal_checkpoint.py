"""storage.checkpoint.WalCheckpointer: a store opened with ``checkpoint=True`` (the relay's
workers) leaves the WAL's checkpoints out of its writers' COMMITs and runs them in a thread of
its own; under a loop of group commits the log stays bounded and every committed row is in
the files, the database file and its log as a crash would leave them included."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from config import async_database_url
from storage.accounts import add_account
from storage.engine import Store, open_store
from storage.messages import NewMessage, record_messages
from storage.schema import ensure_schema
from storage.writer import GroupWriter, JobKind

NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def _record(session: Session, news: Sequence[NewMessage]) -> list[Any]:
    return record_messages(session, news, now=NOW, lease=60, lifetime=3600)


RECORD: JobKind[NewMessage, Any] = JobKind("record", _record)


@pytest.fixture
async def database(tmp_path: Path) -> Path:
    path = tmp_path / "relay.db"
    store = open_store(async_database_url(f"sqlite:///{path}"))
    await ensure_schema(store)
    async with store.transaction() as session:
        await add_account(session, "acme", ["acme.example"])
    await store.close()
    return path


async def _autocheckpoint(store: Store) -> tuple[int, int]:
    """``PRAGMA wal_autocheckpoint`` of the group writer's connection and the async one's."""
    assert store.sync_write is not None
    with store.sync_write.connect() as conn:
        sync = int(conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())
    async with store.transaction() as session:
        asynchronous = int((await session.execute(text("PRAGMA wal_autocheckpoint"))).scalar_one())
    return sync, asynchronous


async def test_a_checkpointing_stores_writers_leave_checkpoints_to_its_thread(
    database: Path,
) -> None:
    url = async_database_url(f"sqlite:///{database}")
    plain = open_store(url)
    try:
        assert plain.checkpointer is None
        assert await _autocheckpoint(plain) == (1000, 1000)  # SQLite's default: in the COMMIT
    finally:
        await plain.close()
    store = open_store(url, checkpoint=True)
    try:
        assert store.checkpointer is not None
        assert await _autocheckpoint(store) == (0, 0)
    finally:
        await store.close()


async def test_under_a_write_loop_the_log_stays_bounded_and_every_row_is_kept(
    database: Path, tmp_path: Path
) -> None:
    store = open_store(async_database_url(f"sqlite:///{database}"), checkpoint=True)
    checkpointer = store.checkpointer
    assert checkpointer is not None
    checkpointer.restart_pages = 64  # 256 KB, to see several restarts in a short loop
    writer = GroupWriter(store)
    wal = Path(f"{database}-wal")
    body = b"x" * 3000 + b"\r\n"
    largest, sent = 0, 0
    try:
        deadline = time.monotonic() + 60
        for batch in range(200):
            await asyncio.gather(
                *(writer.submit(RECORD, _message(batch * 20 + n, body)) for n in range(20))
            )
            sent += 20
            largest = max(largest, wal.stat().st_size)
            await asyncio.sleep(0.01)  # the checkpointer's thread gets the GIL
            assert time.monotonic() < deadline
        await writer.close()
        # With no checkpoint (SQLite's own are off here) the log would hold all that was
        # written, more than the database file ends up holding (12 MB).
        assert checkpointer.passive > 0
        assert checkpointer.restarts > 0
        checkpointer.stop()
        # The files as a crash would leave them now: the database file and its log.
        crashed = tmp_path / "crashed.db"
        shutil.copyfile(database, crashed)
        shutil.copyfile(wal, Path(f"{crashed}-wal"))
    finally:
        await store.close()
    written = database.stat().st_size
    assert written > 12_000_000
    assert largest < written / 4, (largest, written)
    for path in (crashed, database):
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM messages").fetchone() == (sent,)
            assert conn.execute("SELECT count(*) FROM queue").fetchone() == (2 * sent,)
        finally:
            conn.close()


def _message(n: int, body: bytes) -> NewMessage:
    return NewMessage(
        1, f"<m{n}@acme.example>", "campaign", "n@acme.example", body,
        [f"r{n}@example.net", f"s{n}@example.net"], [],
    )  # fmt: skip


async def _write_for(writer: GroupWriter, seconds: float, first: int) -> int:
    """Record messages in batches for ``seconds``; how many."""
    sent, body = 0, b"y" * 500 + b"\r\n"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await asyncio.gather(
            *(writer.submit(RECORD, _message(first + sent + n, body)) for n in range(5))
        )
        sent += 5
        await asyncio.sleep(0.01)  # the checkpointers' threads get the GIL
    return sent


async def test_one_thread_checkpoints_a_file_and_another_takes_over(database: Path) -> None:
    """Two checkpointing stores on one file (as the relay's two workers): one runs the rounds,
    the other stands by; when the first is closed, the other takes over (within ``standby``)."""
    url = async_database_url(f"sqlite:///{database}")
    first, second = open_store(url, checkpoint=True), open_store(url, checkpoint=True)
    try:
        assert first.checkpointer is not None
        assert second.checkpointer is not None
        writer = GroupWriter(first)
        sent = await _write_for(writer, 1.0, 0)
        await writer.close()
        counts = sorted((first.checkpointer.passive, second.checkpointer.passive))
        # Before: both ran about twenty rounds a second, each copying the same log back.
        assert counts[0] == 0, counts
        assert counts[1] > 0, counts
        leader, standby = (first, second) if first.checkpointer.passive else (second, first)
        assert standby.checkpointer is not None
        await leader.close()
        writer = GroupWriter(standby)
        await _write_for(writer, 2.5, sent)
        await writer.close()
        assert standby.checkpointer.passive > 0
    finally:
        await first.close()
        await second.close()


async def test_an_idle_log_is_looked_at_less_often(database: Path) -> None:
    """A log nobody writes to: the rounds space out to ``idle_every``; back to ``every`` as
    soon as a round finds new frames."""
    store = open_store(async_database_url(f"sqlite:///{database}"), checkpoint=True)
    checkpointer = store.checkpointer
    assert checkpointer is not None
    try:
        await asyncio.sleep(1.5)
        idle = checkpointer.passive
        assert idle <= 8, idle  # before: every 50 ms, about thirty
        writer = GroupWriter(store)
        # back to every 50 ms while the log grows: eight rounds take 0.4 s then, against 3.2 s
        # at the idle pace; written for up to 10 s, as a loaded machine's thread runs late
        sent, deadline = 0, time.monotonic() + 10.0
        started = time.monotonic()
        while checkpointer.passive - idle < 8 and time.monotonic() < deadline:
            sent += await _write_for(writer, 0.2, sent)
        took = time.monotonic() - started
        await writer.close()
        assert checkpointer.passive - idle >= 8, (checkpointer.passive - idle, took)
    finally:
        await store.close()
