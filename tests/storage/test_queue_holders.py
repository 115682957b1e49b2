"""Each leased copy names the relay instance holding it: copies of a holder that is gone are due
again at once, and a holder whose copy was taken over can no longer renew, defer or release it."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from config import async_database_url
from storage import instances, queue
from storage.accounts import add_account
from storage.engine import Store, open_store, utcnow
from storage.instances import InstanceInfo
from storage.messages import NewMessage, record_message
from storage.models import QueueEntry
from storage.queue import Claim, CopyState
from storage.schema import ensure_schema

LEASE = 300.0


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    opened = open_store(async_database_url(database_url))
    await ensure_schema(opened)
    async with opened.transaction() as session:
        await add_account(session, "acme", ["acme.example"])
    yield opened
    await opened.close()


async def register(store: Store, *idents: str) -> None:
    now = utcnow()
    async with store.transaction() as session:
        for ident in idents:
            info = InstanceInfo(ident, "relay.test", 100, "boot", 1, now, now)
            await instances.register(session, info)


async def accept(store: Store, holder: str, *addresses: str) -> list[Claim]:
    """A message whose copies the in-line attempt of ``holder`` holds."""
    async with store.transaction() as session:
        new = NewMessage(1, "<m@acme.example>", "c1", "news@acme.example", b"body", addresses, [])
        _, claims = await record_message(
            session, new, now=utcnow(), lease=LEASE, lifetime=3600, holder=holder
        )
    return claims


async def states(store: Store, dead: frozenset[str] = frozenset()) -> dict[str, CopyState]:
    async with store.reading() as session:
        copies = await queue.list_queue(session, now=utcnow(), dead=dead)
    return {c.address: c.state for c in copies}


async def test_each_lease_names_its_holder_and_a_gone_holders_copies_are_due_at_once(
    store: Store,
) -> None:
    await register(store, "alive", "gone")
    await accept(store, "alive", "a@x.test")
    await accept(store, "gone", "b@x.test")
    async with store.reading() as session:
        copies = await queue.list_queue(session, now=utcnow())
    assert {c.address: c.holder.instance_id for c in copies if c.holder} == {
        "a@x.test": "alive",
        "b@x.test": "gone",
    }
    assert await states(store) == {"a@x.test": CopyState.IN_FLIGHT, "b@x.test": CopyState.IN_FLIGHT}
    assert await states(store, frozenset({"gone"})) == {
        "a@x.test": CopyState.IN_FLIGHT,
        "b@x.test": CopyState.ORPHANED,
    }
    async with store.transaction() as session:
        await instances.forget(session, ["gone"])
        assert await instances.requeue_orphans(session, now=utcnow(), holders=["gone"]) == 1
    assert await states(store) == {"a@x.test": CopyState.IN_FLIGHT, "b@x.test": CopyState.DUE}
    async with store.transaction() as session:
        (claim,) = await queue.claim_due(
            session, now=utcnow(), lease=LEASE, limit=10, holder="alive"
        )
    assert (claim.address, claim.holder, claim.attempts) == (
        "b@x.test",
        "alive",
        2,
    )  # the killed attempt counts


async def test_a_holder_whose_copy_was_taken_over_cannot_renew_defer_or_release_it(
    store: Store,
) -> None:
    await register(store, "stalled", "taker")
    (stale,) = await accept(store, "stalled", "a@x.test")
    async with store.transaction() as session:  # judged dead: its copy is due again
        await instances.forget(session, ["stalled"])
        await instances.requeue_orphans(session, now=utcnow())
        (taken,) = await queue.claim_due(
            session, now=utcnow(), lease=LEASE, limit=10, holder="taker"
        )
    later = utcnow() + dt.timedelta(hours=1)
    async with store.transaction() as session:
        assert await session.run_sync(queue.renew_leases, [(stale, later)]) == [False]
        await session.run_sync(queue.defer_many, [(stale, later, 451, "late")], now=utcnow())
        await queue.release(session, stale, now=utcnow())
    async with store.reading() as session:
        row = await session.scalar(select(QueueEntry))
    assert row is not None
    assert (row.holder, row.in_flight, row.attempts) == ("taker", True, taken.attempts)
    assert row.due_at == taken.leased_until
    async with store.transaction() as session:
        assert await session.run_sync(queue.renew_leases, [(taken, later)]) == [True]
