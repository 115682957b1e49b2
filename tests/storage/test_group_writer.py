"""storage.writer.GroupWriter on SQLite: every statement of a batch, the outcome counters'
upserts included, runs on the event loop's thread and only SQLite's COMMIT waits in a thread;
a submit returns once its batch is committed, counters and all; a COMMIT that SQLite refuses
fails the batch as before (each job then retried alone) and the writer goes on."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from config import async_database_url
from storage.accounts import add_account
from storage.engine import Store, StoreUnavailable, open_store
from storage.messages import NewMessage, record_messages
from storage.models import Message
from storage.schema import ensure_schema
from storage.writer import GroupWriter, JobKind
from tests.support.counts import assert_counters_match

NOW = dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = open_store(async_database_url(f"sqlite:///{tmp_path / 'relay.db'}"))
    await ensure_schema(store)
    assert store.sync_write is not None  # the path under test: SQLite's synchronous writer
    yield store
    await store.close()


async def _account(store: Store) -> int:
    async with store.transaction() as session:
        return (await add_account(session, "acme", ["acme.example"])).id


def _message(account_id: int, n: int) -> NewMessage:
    return NewMessage(
        account_id, f"<m{n}@acme.example>", f"campaign{n % 2}", "n@acme.example", b"body",
        [f"r{n}@example.net", f"s{n}@example.net"], [],
    )  # fmt: skip


def _record(session: Session, news: Sequence[NewMessage]) -> list[Any]:
    return record_messages(session, news, now=NOW, lease=60, lifetime=3600)


RECORD: JobKind[NewMessage, Any] = JobKind("record", _record)


async def _messages(store: Store) -> int:
    async with store.reading() as session:
        return int(await session.scalar(select(func.count()).select_from(Message)) or 0)


async def test_a_batch_runs_on_the_loop_and_is_committed_when_submit_returns(
    store: Store,
) -> None:
    account_id = await _account(store)
    assert store.sync_write is not None
    threads: list[tuple[int, str]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        threads.append((threading.get_ident(), statement))

    event.listen(store.sync_write, "before_cursor_execute", seen)
    writer = GroupWriter(store)
    try:
        recorded = await asyncio.gather(
            *(writer.submit(RECORD, _message(account_id, n)) for n in range(6))
        )
    finally:
        await writer.close()
        event.remove(store.sync_write, "before_cursor_execute", seen)
    assert [len(claims) for _, claims in recorded] == [2] * 6
    # the counters' upserts were among the statements, and none ran off the loop's thread
    assert any("campaign_counts" in statement for _, statement in threads)
    assert {thread for thread, _ in threads} == {threading.get_ident()}
    assert await _messages(store) == 6
    await assert_counters_match(store)


def _broken_at_commit(session: Session, news: Sequence[NewMessage]) -> list[Any]:
    """A batch whose COMMIT SQLite refuses: a foreign key checked only at commit."""
    session.execute(text("PRAGMA defer_foreign_keys=ON"))
    recorded = _record(session, news)
    session.execute(text("UPDATE messages SET account_id = 999999"))  # no such account
    return recorded


async def test_a_refused_commit_fails_the_batch_and_the_writer_goes_on(store: Store) -> None:
    account_id = await _account(store)
    writer = GroupWriter(store)
    try:
        with pytest.raises(StoreUnavailable, match="FOREIGN KEY"):
            await writer.submit(JobKind("broken", _broken_at_commit), _message(account_id, 1))
        assert await _messages(store) == 0  # nothing of it stayed
        await writer.submit(RECORD, _message(account_id, 2))
    finally:
        await writer.close()
    assert await _messages(store) == 1
    await assert_counters_match(store)
