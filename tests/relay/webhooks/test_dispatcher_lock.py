"""On SQLite the dispatcher holds the write lock the SMTP workers wait for as briefly as it
can: a pass reads its events and builds their bodies outside its write transactions, its
writes run in a thread that holds the writer's turn only while it runs them (not across the
event loop's wake-ups, which a niced process on a busy host waits long for), and the
dispatcher process's commits do not wait for the disk (synchronous=NORMAL), while every
other store's stay FULL. Events still arrive, signed, once each."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from config.settings import DatabaseSettings, WebhookSettings
from relay.instance import Instance
from relay.webhooks.dispatcher import ORPHANS_EVERY, Dispatcher
from relay.webhooks.process import dispatcher_store
from storage import instances, webhooks
from storage.engine import Store, open_store, utcnow
from storage.instances import InstanceInfo
from tests.support.api import SETTINGS
from tests.support.db import turn_free_within
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import (
    delivered_events,
    endpoint_with_events,
    receiving,
    sqlite_file_store,
)

KEY = b"k" * 32


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as made:
        yield made


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[Store]:
    async with sqlite_file_store(tmp_path / "relay.db") as made:
        yield made


async def test_a_pass_reads_its_events_outside_the_write_transaction(
    sqlite_store: Store, receiver: Receiver
) -> None:
    await delivered_events(
        sqlite_store, receiver, ["a@example.net", "a@example.net", "b@example.net"], key=KEY
    )
    written: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        written.append(statement)

    # The write engines: every statement of a write transaction (reads have their own).
    assert sqlite_store.sync_write is not None
    for engine in (sqlite_store.engine.sync_engine, sqlite_store.sync_write):
        event.listen(engine, "before_cursor_execute", seen)
    hooked = WebhookSettings(allow_private=True, retry_schedule=(0.2,), timeout=5.0)
    dispatcher = Dispatcher(SETTINGS.model_copy(update={"webhooks": hooked}), sqlite_store, KEY)
    async with dispatcher.client() as client:
        assert await dispatcher.deliver_due(client) == 3

    assert sorted(a.data["n"] for a in receiver.arrivals) == [0, 1, 2]
    assert [a.data["n"] for a in receiver.arrivals if a.data["address"] == "a@example.net"] == [
        0,
        1,
    ]
    assert receiver.unverified == []
    assert written  # the lease and the settling
    # The event's endpoint (URL, secret) and message are read for the request: not there.
    assert [s for s in written if "webhook_endpoints" in s or "messages" in s] == []
    async with sqlite_store.reading() as session:
        assert await webhooks.outbox_depth(session) == 0


async def _synchronous(store: Store) -> int:
    async with store.transaction() as session:
        return int((await session.execute(text("PRAGMA synchronous"))).scalar_one())


async def test_only_the_dispatcher_process_commits_without_waiting_for_the_disk(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'relay.db'}"
    settings = SETTINGS.model_copy(update={"database": DatabaseSettings(url=url)})
    relay, dispatcher = open_store(url), dispatcher_store(settings)
    try:
        assert await _synchronous(relay) == 2  # FULL: the SMTP side's commits
        assert await _synchronous(dispatcher) == 1  # NORMAL
        assert relay.sync_write is not None
        with relay.sync_write.connect() as conn:  # the group writer's
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
    finally:
        await relay.close()
        await dispatcher.close()
    with pytest.raises(ValueError, match="FULL or NORMAL"):
        open_store(url, synchronous="OFF")


async def test_the_turn_is_let_go_while_the_event_loop_is_busy(
    sqlite_store: Store, tmp_path: Path
) -> None:
    database = tmp_path / "relay.db"
    loop = asyncio.get_running_loop()
    waits: dict[str, float | None] = {}

    def stall(name: str, longest: float) -> None:
        # Runs on the event loop and keeps it from running anything else meanwhile, as a
        # process the scheduler leaves waiting would be.
        waits[name] = turn_free_within(database, longest)

    def work(session: Session) -> int:
        loop.call_soon_threadsafe(stall, "write_sync", 5.0)
        time.sleep(0.2)  # the loop is stalled by now
        return int(session.execute(text("SELECT count(*) FROM webhook_outbox")).scalar_one())

    assert await sqlite_store.write_sync(work) == 0
    await asyncio.sleep(0)  # the stall has run
    # The thread committed and let go of the turn while the loop could not run.
    free = waits["write_sync"]
    assert free is not None
    assert free < 4.0

    # For contrast: an asynchronous transaction gives the turn back from the loop only.
    async with sqlite_store.transaction() as session:
        await session.execute(text("SELECT 1"))
        loop.call_soon(stall, "transaction", 0.5)
        await asyncio.sleep(0.05)
    assert waits["transaction"] is None


@pytest.mark.parametrize("write", ["heartbeat", "reclaim", "deregister", "prune", "orphans"])
async def test_the_dispatcher_process_other_writes_let_go_of_the_turn_too(
    sqlite_store: Store, tmp_path: Path, write: str
) -> None:
    # Its heartbeat (every second), the reclaiming of a dead instance's row and copies that
    # may follow it, its row's removal at a stop, the attempts log's pruning and the release
    # of a dead process's events: run from an event loop that is idle-scheduled in the
    # dispatcher's process (webhooks.idle), they too hold the writer's turn only while a
    # thread runs them.
    database = tmp_path / "relay.db"
    loop = asyncio.get_running_loop()
    waits: list[float | None] = []
    # The statement of that write, during which the loop is stalled.
    watched = {
        "heartbeat": ("UPDATE", "relay_instances"),
        "reclaim": ("DELETE", "relay_instances"),
        "deregister": ("DELETE", "relay_instances"),
        "prune": ("DELETE", "webhook_attempts"),
        "orphans": ("UPDATE", "webhook_outbox"),
    }[write]

    def stall() -> None:
        waits.append(turn_free_within(database, 2.0))

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        verb, table = watched
        if not waits and statement.lstrip().upper().startswith(verb) and table in statement:
            loop.call_soon_threadsafe(stall)
            time.sleep(0.2)  # the loop is stalled by now, unless this is its own thread

    instance = Instance(sqlite_store, timeout=30.0)
    await instance.register()
    dispatcher = Dispatcher(SETTINGS, sqlite_store, KEY)
    if write == "orphans":
        await endpoint_with_events(sqlite_store, "https://hooks.example/", ["a@x.net"], key=KEY)
        async with sqlite_store.transaction() as session:  # held by a process now gone
            await session.execute(text("UPDATE webhook_outbox SET holder = 'gone'"))
        dispatcher._orphans_looked = -ORPHANS_EVERY
    elif write == "reclaim":  # a process of another machine, silent for longer than the timeout
        stale = utcnow() - dt.timedelta(seconds=60)
        async with sqlite_store.transaction() as session:
            await instances.register(
                session, InstanceInfo("gone", "other.test", 1, "other-boot", None, stale, stale)
            )
    assert sqlite_store.sync_write is not None
    for engine in (sqlite_store.engine.sync_engine, sqlite_store.sync_write):
        event.listen(engine, "before_cursor_execute", seen)
    if write in ("heartbeat", "reclaim"):
        await instance.beat()
    elif write == "deregister":  # at a stop, which a busy host may keep the loop waiting for
        await instance.deregister()
    elif write == "prune":
        await dispatcher._prune()
    else:
        await dispatcher._release_orphans()
        async with sqlite_store.reading() as session:
            assert not await webhooks.any_orphaned(session)
    await asyncio.sleep(0.05)  # the stall has run
    if write == "reclaim":
        async with sqlite_store.reading() as session:
            assert [i.id for i in await instances.list_instances(session)] == [instance.id]
    assert len(waits) == 1
    free = waits[0]
    assert free is not None  # None: the turn stayed held while the loop could not run
    assert free < 1.5
