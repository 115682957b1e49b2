"""A pass sends several events of one address, one after the other and in order; when one
fails, the ones after it wait for its retry, and everything still arrives once, in order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from config import async_database_url
from config.settings import WebhookSettings
from relay.webhooks.dispatcher import Dispatcher
from storage import webhooks
from storage.engine import Store, open_store, utcnow
from storage.schema import ensure_schema
from tests.support.api import SETTINGS
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import delivered_events

KEY = b"k" * 32
HOOKED = SETTINGS.model_copy(
    update={"webhooks": WebhookSettings(allow_private=True, retry_schedule=(0.2,), timeout=5.0)}
)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    made = open_store(async_database_url(database_url))
    await ensure_schema(made)
    yield made
    await made.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    made.start()
    yield made
    made.stop()


def _story(receiver: Receiver, address: str) -> list[int]:
    return [int(a.data["n"]) for a in receiver.arrivals if a.data["address"] == address]


async def _drain(dispatcher: Dispatcher, receiver: Receiver, expected: int) -> int:
    """Passes until ``expected`` events arrived (bounded); how many passes it took."""
    async with dispatcher.client() as client:
        for passes in range(1, 200):
            await dispatcher.deliver_due(client)
            if len(receiver.arrivals) >= expected:
                return passes
            await asyncio.sleep(0.05)
    raise AssertionError(f"{len(receiver.arrivals)} of {expected} arrived")


async def test_one_pass_sends_a_chain_of_each_address_in_order(
    store: Store, receiver: Receiver
) -> None:
    addresses = ["busy@x.example"] * 30 + ["calm@x.example"] * 3
    await delivered_events(store, receiver, addresses, key=KEY)
    dispatcher = Dispatcher(HOOKED, store, KEY)
    async with dispatcher.client() as client:
        # The busy address's 30 (more than a chain) in one pass: the window saw them all.
        assert await dispatcher.deliver_due(client) == 33
    assert _story(receiver, "busy@x.example") == list(range(30))
    await _drain(dispatcher, receiver, len(addresses))
    assert _story(receiver, "busy@x.example") == list(range(30))
    assert _story(receiver, "calm@x.example") == [30, 31, 32]
    assert len({a.webhook_id for a in receiver.arrivals}) == len(addresses)
    assert receiver.unverified == []


async def test_a_lane_is_taken_as_far_as_the_window_saw_it_none_put_aside(
    store: Store, receiver: Receiver
) -> None:
    # A window of 40 (WINDOW * limit 10) over 50 events of one address: the pass takes the
    # 40 it read, in order, instead of a chain of 20 and 20 put aside (two more writes each:
    # put aside, brought back, before they are sent).
    await delivered_events(store, receiver, ["busy@x.example"] * 50, key=KEY)
    first = await store.write_sync(
        lambda session: webhooks.lease_due_in(
            session, now=utcnow(), lease=60, limit=10, holder=None, chain=webhooks.CHAIN
        )
    )
    assert (len(first.ids), first.put_aside) == (10 * webhooks.WINDOW, 0)
    assert first.ids == sorted(first.ids)
    async with store.reading() as session:
        leased = await webhooks.deliveries(session, first.ids)
    assert [d.body.count(b'"n":%d}' % n) for n, d in enumerate(leased)] == [1] * 40
    # Nothing of that lane is due while its head is held: the next pass takes nothing.
    again = await store.write_sync(
        lambda session: webhooks.lease_due_in(
            session, now=utcnow(), lease=60, limit=10, holder=None, chain=webhooks.CHAIN
        )
    )
    assert (again.ids, again.put_aside) == ([], 10)


async def test_after_a_failure_the_rest_of_the_chain_waits_for_its_retry(
    store: Store, receiver: Receiver
) -> None:
    addresses = ["busy@x.example"] * 8
    await delivered_events(store, receiver, addresses, key=KEY)
    dispatcher = Dispatcher(HOOKED, store, KEY)
    receiver.status = 503
    async with dispatcher.client() as client:
        assert await dispatcher.deliver_due(client) == 8
    assert receiver.requests == 1  # the first failed: the seven after it were not sent
    async with store.reading() as session:
        [endpoint] = await webhooks.list_endpoints(session, None)
        logged = await webhooks.attempts_log(session, None)
    assert endpoint.pending == 8
    assert [a.status_code for a in logged] == [503]
    receiver.status = 204
    await _drain(dispatcher, receiver, len(addresses))
    assert _story(receiver, "busy@x.example") == list(range(8))
    async with store.reading() as session:
        logged = await webhooks.attempts_log(session, None)
    # Each event attempted once more than it failed: the seven that waited, once each.
    assert sorted(a.attempt for a in logged) == [1] * 7 + [1, 2]
