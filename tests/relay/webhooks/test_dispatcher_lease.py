"""On SQLite one relay process at a time delivers the outbox, holding the lease row: a pass
reads its events without writing a lease on each, and settles them (and renews the lease)
in one write transaction. Another dispatcher on the same file delivers nothing while the
lease is held, and takes over once its holder's relay instance is gone."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from config.settings import WebhookSettings
from relay.webhooks.dispatcher import Dispatcher
from storage import webhooks
from storage.engine import Store, utcnow
from storage.webhooks import Event, EventType
from tests.support.api import SETTINGS
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import delivered_events, receiving, sqlite_file_store, wait_until

KEY = b"k" * 32
HOOKED = SETTINGS.model_copy(
    update={"webhooks": WebhookSettings(allow_private=True, retry_schedule=(0.2,), timeout=5.0)}
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as made:
        yield made


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[Store]:
    async with sqlite_file_store(tmp_path / "relay.db") as made:
        yield made


async def _more(store: Store, addresses: list[str], first: int) -> None:
    """message.delivered events of acme (the endpoint delivered_events made), numbered on."""
    async with store.reading() as session:
        account = (await session.scalars(select(webhooks.WebhookEndpoint.account_id))).one()
    async with store.transaction() as session:
        await webhooks.record_events(
            session,
            [Event(EventType.MESSAGE_DELIVERED, account, a, {"address": a, "n": first + n})
             for n, a in enumerate(addresses)],
            now=utcnow(),
        )  # fmt: skip


async def _pass(dispatcher: Dispatcher) -> int:
    async with dispatcher.client() as client:
        return await dispatcher.deliver_due(client)


async def test_one_dispatcher_delivers_a_sqlite_file(
    sqlite_store: Store, receiver: Receiver
) -> None:
    await delivered_events(sqlite_store, receiver, ["a@example.net", "b@example.net"], key=KEY)
    first, second = Dispatcher(HOOKED, sqlite_store, KEY), Dispatcher(HOOKED, sqlite_store, KEY)
    assert await _pass(first) == 2
    await _more(sqlite_store, ["c@example.net", "a@example.net"], 2)
    # The first holds the lease: the second finds due events and leaves them.
    assert await _pass(second) == 0
    assert sorted(a.data["n"] for a in receiver.arrivals) == [0, 1]
    assert await _pass(first) == 2
    assert sorted(a.data["n"] for a in receiver.arrivals) == [0, 1, 2, 3]
    assert receiver.unverified == []
    async with sqlite_store.reading() as session:
        assert await webhooks.outbox_depth(session) == 0


async def test_a_dead_holders_lease_is_taken_over(sqlite_store: Store, receiver: Receiver) -> None:
    await delivered_events(sqlite_store, receiver, ["a@example.net"], key=KEY)
    # Its holder names a relay instance that is not (or no longer) registered.
    gone = Dispatcher(HOOKED, sqlite_store, KEY, holder=lambda: "instance-that-died")
    assert await _pass(gone) == 1
    await _more(sqlite_store, ["b@example.net"], 1)
    assert await _pass(Dispatcher(HOOKED, sqlite_store, KEY)) == 1
    assert sorted(a.data["n"] for a in receiver.arrivals) == [0, 1]


async def test_a_pass_writes_once_and_leases_no_event(
    sqlite_store: Store, receiver: Receiver
) -> None:
    await delivered_events(sqlite_store, receiver, ["a@example.net"], key=KEY)
    dispatcher = Dispatcher(HOOKED, sqlite_store, KEY)
    assert await _pass(dispatcher) == 1  # takes the lease, then settles
    await _more(sqlite_store, ["a@example.net", "b@example.net", "c@example.net"], 1)
    written: list[str] = []
    seen_rows: list[Any] = []

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        written.append(sql.split()[0].upper())

    def begun(_conn: Any) -> None:
        written.append("TRANSACTION")

    assert sqlite_store.sync_write is not None
    for engine in (sqlite_store.engine.sync_engine, sqlite_store.sync_write):
        event.listen(engine, "before_cursor_execute", statement)
        event.listen(engine, "begin", begun)
    receiver.delay = 0.3  # each request in flight that long: the rows are read meanwhile
    running = asyncio.ensure_future(_pass(dispatcher))
    await wait_until(lambda: receiver.requests > 1, timeout=10)
    seen_rows.append(await asyncio.to_thread(_held_rows, sqlite_store))
    assert await running == 3
    # One write transaction (the settling, the lease renewed in it); no UPDATE before it.
    assert written.count("TRANSACTION") == 1
    assert "UPDATE" not in written[: written.index("TRANSACTION")]
    assert sorted(a.data["n"] for a in receiver.arrivals) == [0, 1, 2, 3]
    # While the requests ran, no outbox row was leased (attempts and holder untouched).
    assert seen_rows == [[(0, None)] * 3]
    async with sqlite_store.reading() as session:
        assert await webhooks.outbox_depth(session) == 0
        logged = await webhooks.attempts_log(session, None)
    assert sorted(a.attempt for a in logged) == [1, 1, 1, 1]


def _held_rows(store: Store) -> list[tuple[int, str | None]]:
    """The outbox rows' (attempts, holder), read on a connection of its own (sqlite3)."""
    path = str(store.engine.url.database)
    with sqlite3.connect(path) as conn:
        return [tuple(r) for r in conn.execute("SELECT attempts, holder FROM webhook_outbox")]
