"""storage.writer.GroupWriter on SQLite: every statement of a batch, the outcome counters'
upserts included, runs on the event loop's thread and only SQLite's COMMIT waits in a thread;
a submit returns once its batch is committed, counters and all; a COMMIT that SQLite refuses
fails the batch as before (each job then retried alone) and the writer goes on; the writer's
turn is given back by the COMMIT's thread, and jobs that come while another process holds the
turn join the batch waiting for it."""

from __future__ import annotations

import asyncio
import fcntl
import os
import threading
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from storage.engine import Store, StoreUnavailable
from storage.messages import NewMessage
from storage.models import Message
from storage.writer import GroupWriter, JobKind
from tests.support.counts import assert_counters_match
from tests.support.db import turn_free_within
from tests.support.writer_jobs import RECORD, acme, record, sqlite_writer_store, two_recipients


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with sqlite_writer_store(tmp_path) as store:
        yield store


async def _messages(store: Store) -> int:
    async with store.reading() as session:
        return int(await session.scalar(select(func.count()).select_from(Message)) or 0)


async def test_a_batch_runs_on_the_loop_and_is_committed_when_submit_returns(
    store: Store,
) -> None:
    account_id = await acme(store)
    assert store.sync_write is not None
    threads: list[tuple[int, str]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        threads.append((threading.get_ident(), statement))

    event.listen(store.sync_write, "before_cursor_execute", seen)
    writer = GroupWriter(store)
    try:
        recorded = await asyncio.gather(
            *(writer.submit(RECORD, two_recipients(account_id, n)) for n in range(6))
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
    recorded = record(session, news)
    session.execute(text("UPDATE messages SET account_id = 999999"))  # no such account
    return recorded


async def test_a_refused_commit_fails_the_batch_and_the_writer_goes_on(store: Store) -> None:
    account_id = await acme(store)
    writer = GroupWriter(store)
    try:
        with pytest.raises(StoreUnavailable, match="FOREIGN KEY"):
            await writer.submit(JobKind("broken", _broken_at_commit), two_recipients(account_id, 1))
        assert await _messages(store) == 0  # nothing of it stayed
        await writer.submit(RECORD, two_recipients(account_id, 2))
    finally:
        await writer.close()
    assert await _messages(store) == 1
    await assert_counters_match(store)


async def test_the_turn_is_given_back_when_the_commit_ends_though_the_loop_is_stalled(
    store: Store, tmp_path: Path
) -> None:
    account_id = await acme(store)
    loop = asyncio.get_running_loop()
    waits: list[float | None] = []

    def stall() -> None:
        # On the event loop, keeping it from running anything else (as a busy worker's loop
        # would be) while the batch's COMMIT runs in its thread.
        waits.append(turn_free_within(tmp_path / "relay.db", 3.0))

    def record_then_stall(session: Session, news: Sequence[NewMessage]) -> list[Any]:
        # Two steps on: once the writer's commit has started its thread (asyncio's FIFO).
        loop.call_soon(loop.call_soon, stall)
        return record(session, news)

    writer = GroupWriter(store)
    try:
        await writer.submit(JobKind("record", record_then_stall), two_recipients(account_id, 1))
    finally:
        await writer.close()
    # The COMMIT's thread gave the turn back; the loop could not have (it was stalled).
    assert len(waits) == 1
    assert waits[0] is not None
    assert await _messages(store) == 1
    await assert_counters_match(store)


async def test_jobs_that_come_while_another_process_holds_the_turn_join_the_batch(
    store: Store, tmp_path: Path
) -> None:
    account_id = await acme(store)
    batches: list[int] = []

    def counted(session: Session, news: Sequence[NewMessage]) -> list[Any]:
        batches.append(len(news))
        return record(session, news)

    kind = JobKind("record", counted)
    # Another process's turn (a file description of our own, as that process's would be).
    other = os.open(tmp_path / "relay.db.writer-lock", os.O_RDWR | os.O_CREAT)
    writer = GroupWriter(store)
    try:
        fcntl.flock(other, fcntl.LOCK_EX)
        first = asyncio.ensure_future(writer.submit(kind, two_recipients(account_id, 0)))
        for _ in range(20):  # the writer has taken its batch of one and waits for the turn
            await asyncio.sleep(0.01)
        assert not first.done()
        later = [
            asyncio.ensure_future(writer.submit(kind, two_recipients(account_id, n)))
            for n in range(1, 5)
        ]
        await asyncio.sleep(0.05)
        fcntl.flock(other, fcntl.LOCK_UN)
        recorded = await asyncio.wait_for(asyncio.gather(first, *later), 10)
    finally:
        os.close(other)
        await writer.close()
    assert [len(claims) for _, claims in recorded] == [2] * 5
    assert batches == [5]  # one transaction, one COMMIT for all five
    assert await _messages(store) == 5
    await assert_counters_match(store)
