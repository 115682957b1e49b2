"""The outbox in the store: events only for subscribers, in order per address, claims that
two dispatchers never share, the retry schedule, and the attempts log's pruning."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select, text

from relay.webhooks.dispatcher import retry_delay
from storage import queue, webhooks
from storage.accounts import add_account
from storage.engine import Store, open_store, utcnow
from storage.messages import NewMessage, NotSent, record_message
from storage.models import WebhookAttempt, WebhookOutbox
from storage.schema import ensure_schema
from storage.webhooks import Event, EventType


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    from config import async_database_url

    made = open_store(async_database_url(database_url))
    await ensure_schema(made)
    yield made
    await made.close()


async def _setup(store: Store) -> tuple[int, int, int]:
    """Accounts acme and other; an endpoint of acme hearing bounces and suppressions."""
    async with store.transaction() as session:
        acme = (await add_account(session, "acme", ["acme.example"])).id
        other = (await add_account(session, "other", ["other.example"])).id
        endpoint = await webhooks.add_endpoint(
            session, account_id=acme, url="https://hooks.example/x", sealed_secret="v1:x",
            events=[EventType.MESSAGE_BOUNCED, EventType.SUPPRESSION_CREATED], now=utcnow(),
        )  # fmt: skip
    return acme, other, endpoint


def _event(kind: EventType, account: int | None, address: str) -> Event:
    return Event(kind, account, address, {"address": address})


async def _rows(store: Store) -> list[WebhookOutbox]:
    async with store.reading() as session:
        return list(await session.scalars(select(WebhookOutbox).order_by(WebhookOutbox.id)))


async def test_only_subscribers_get_an_event(store: Store) -> None:
    acme, other, endpoint = await _setup(store)
    async with store.transaction() as session:
        await webhooks.record_events(
            session,
            [
                _event(EventType.MESSAGE_BOUNCED, acme, "a@x.example"),
                _event(EventType.MESSAGE_DELIVERED, acme, "b@x.example"),  # not subscribed
                _event(EventType.MESSAGE_BOUNCED, other, "c@x.example"),  # another account
                _event(EventType.SUPPRESSION_CREATED, None, "d@x.example"),  # global: all
            ],
            now=utcnow(),
        )
    rows = await _rows(store)
    assert [(r.event, r.address, r.endpoint_id) for r in rows] == [
        ("message.bounced", "a@x.example", endpoint),
        ("suppression.created", "d@x.example", endpoint),
    ]
    assert len({r.event_id for r in rows}) == 2


async def test_a_rolled_back_fact_leaves_no_event(store: Store) -> None:
    acme, _, _ = await _setup(store)
    with pytest.raises(RuntimeError, match="fails"):
        await _failing_fact(store, acme)
    assert await _rows(store) == []


async def _failing_fact(store: Store, account: int) -> None:
    async with store.transaction() as session:
        await webhooks.record_events(
            session, [_event(EventType.MESSAGE_BOUNCED, account, "a@x.example")], now=utcnow()
        )
        raise RuntimeError("the fact's transaction fails")


async def test_claims_take_the_head_of_each_address_once(store: Store) -> None:
    acme, _, _ = await _setup(store)
    now = utcnow()
    async with store.transaction() as session:
        await webhooks.record_events(
            session,
            [_event(EventType.MESSAGE_BOUNCED, acme, "a@x.example"),
             _event(EventType.SUPPRESSION_CREATED, acme, "a@x.example"),
             _event(EventType.MESSAGE_BOUNCED, acme, "b@x.example")],
            now=now,
        )  # fmt: skip
    async with store.transaction() as session:
        first = await webhooks.claim_deliveries(session, now=now, lease=60, limit=10, holder=None)
    assert sorted(d.event for d in first) == ["message.bounced", "message.bounced"]
    async with store.transaction() as session:  # held: nothing more, not even a's second
        assert (
            await webhooks.claim_deliveries(session, now=now, lease=60, limit=10, holder=None) == []
        )
    head = next(d for d in first if b"a@x.example" in d.body)
    async with store.transaction() as session:
        await webhooks.settle_delivered(session, head, status=204, duration_ms=3, now=now)
    async with store.transaction() as session:
        after = await webhooks.claim_deliveries(session, now=now, lease=60, limit=10, holder=None)
    assert [d.event for d in after] == ["suppression.created"]
    # Another dispatcher's settling of a claim taken over since changes nothing.
    async with store.transaction() as session:
        await webhooks.settle_delivered(session, head, status=204, duration_ms=3, now=now)
    assert len(await _rows(store)) == 2


async def test_attempts_older_than_the_cut_are_pruned(store: Store) -> None:
    _, _, endpoint = await _setup(store)
    now = utcnow()
    async with store.transaction() as session:
        for days in (40, 31, 1):
            session.add(
                WebhookAttempt(endpoint_id=endpoint, event_id=f"e{days}", event="message.bounced",
                               at=now - dt.timedelta(days=days), attempt=1, status_code=204,
                               error=None, duration_ms=1)
            )  # fmt: skip
    async with store.transaction() as session:
        assert await webhooks.prune_attempts(session, before=now - dt.timedelta(days=30)) == 2
    async with store.reading() as session:
        assert [a.event_id for a in await webhooks.attempts_log(session, None)] == ["e1"]


async def _log(store: Store, endpoint: int, ages: list[float], now: dt.datetime) -> None:
    """Attempts logged in this order (ids ascending), ``ages`` days before ``now``."""
    async with store.transaction() as session:
        for days in ages:
            session.add(
                WebhookAttempt(endpoint_id=endpoint, event_id=f"e{days}", event="message.bounced",
                               at=now - dt.timedelta(days=days), attempt=1, status_code=204,
                               error=None, duration_ms=1)
            )  # fmt: skip
            await session.flush()  # one by one: the ids in the order given


async def _logged(store: Store) -> list[str]:
    async with store.reading() as session:
        return [a.event_id for a in await webhooks.attempts_log(session, None, limit=1000)][::-1]


async def test_the_prune_cuts_the_log_at_the_first_attempt_it_keeps(store: Store) -> None:
    """By id (perf10: no index on ``at``): one logged out of order (a clock set back) is kept
    until a later cut passes it; nothing at or after ``before`` is ever forgotten."""
    _, _, endpoint = await _setup(store)
    now = utcnow()
    cut = now - dt.timedelta(days=30)
    async with store.transaction() as session:
        assert await webhooks.prune_attempts(session, before=cut) == 0  # an empty log
    await _log(store, endpoint, [40, 31, 30, 1, 35, 2], now)
    async with store.transaction() as session:
        assert await webhooks.prune_attempts(session, before=cut) == 2
    assert await _logged(store) == ["e30", "e1", "e35", "e2"]
    async with store.transaction() as session:  # a cut past every attempt: the whole log
        assert await webhooks.prune_attempts(session, before=now) == 4
    assert await _logged(store) == []


async def test_a_database_before_perf10_upgrades_and_its_log_prunes(
    empty_database_url: str,
) -> None:
    """0014 -> head: the index on the attempts' ``at`` is dropped, the log kept, and the prune
    by id works on the rows logged before."""
    from alembic import command
    from sqlalchemy import Connection, inspect

    from config import async_database_url
    from storage.schema import alembic_config

    made = open_store(async_database_url(empty_database_url))

    async def migrate(revision: str) -> None:
        def run(sync: Connection) -> None:
            config = alembic_config(made.url)
            config.attributes["connection"] = sync
            command.upgrade(config, revision)

        async with made.engine.connect() as connection:
            await connection.run_sync(run)
            await connection.commit()

    async def indexes() -> set[str]:
        async with made.engine.connect() as connection:
            found = await connection.run_sync(
                lambda sync: inspect(sync).get_indexes("webhook_attempts")
            )
        return {index["name"] for index in found}

    try:
        await migrate("0014_hooks7")
        assert "ix_webhook_attempts_at" in await indexes()
        _, _, endpoint = await _setup(made)
        now = utcnow()
        await _log(made, endpoint, [40, 31, 1], now)
        await migrate("head")
        assert await indexes() == {"ix_webhook_attempts_endpoint_id"}
        await ensure_schema(made)  # at head: the relay starts on it
        assert await _logged(made) == ["e40", "e31", "e1"]
        async with made.transaction() as session:
            assert await webhooks.prune_attempts(session, before=now - dt.timedelta(days=30)) == 2
        assert await _logged(made) == ["e1"]
    finally:
        await made.close()


def test_the_retry_schedule_repeats_its_last_interval_with_jitter() -> None:
    schedule = (5.0, 30.0, 3600.0)
    assert 5.0 <= retry_delay(schedule, 1) <= 5.5
    assert 30.0 <= retry_delay(schedule, 2) <= 33.0
    for attempts in (3, 4, 50):
        assert 3600.0 <= retry_delay(schedule, attempts) <= 3960.0


async def test_listeners_names_the_endpoints_of_each_pair_and_no_other(store: Store) -> None:
    acme, other, endpoint = await _setup(store)
    async with store.transaction() as session:
        second = await webhooks.add_endpoint(
            session, account_id=other, url="https://hooks.example/y", sealed_secret="v1:y",
            events=[EventType.MESSAGE_BOUNCED], now=utcnow(),
        )  # fmt: skip
        gone = await webhooks.add_endpoint(
            session, account_id=acme, url="https://hooks.example/z", sealed_secret="v1:z",
            events=[EventType.MESSAGE_DELIVERED], now=utcnow(),
        )  # fmt: skip
        await webhooks.disable_endpoint(session, gone, reason="410", now=utcnow())
    bounced, delivered = EventType.MESSAGE_BOUNCED, EventType.MESSAGE_DELIVERED
    async with store.transaction() as session:
        heard = await session.run_sync(
            webhooks.listeners,
            {(acme, bounced), (acme, delivered), (other, delivered), (None, bounced)},
        )
        assert await session.run_sync(webhooks.listeners, {(other, delivered)}) == {}
    assert heard == {(acme, bounced): (endpoint,), (None, bounced): (endpoint, second)}


async def test_a_send_batch_writes_events_only_for_the_accounts_heard(store: Store) -> None:
    """settle_sent_many, defer_many and a message's not-sent copies in one store: events for
    the copies of the account whose endpoints listen, one row per endpoint with one id."""
    acme, other, _ = await _setup(store)
    kinds = [EventType.MESSAGE_DELIVERED, EventType.MESSAGE_DEFERRED, EventType.MESSAGE_NOT_SENT]
    async with store.transaction() as session:
        hooks = []
        for n in (1, 2):
            hook = await webhooks.add_endpoint(
                session, account_id=acme, url=f"https://hooks.example/{n}", sealed_secret="v1:x",
                events=kinds, now=utcnow(),
            )  # fmt: skip
            hooks.append(hook)
    now = utcnow()
    claims = []
    for account in (acme, other):
        async with store.transaction() as session:
            _, made = await record_message(
                session,
                NewMessage(
                    account, f"<m{account}@acme.example>", "", "n@acme.example", b"body",
                    [f"s{account}@x.example", f"d{account}@x.example"],
                    [NotSent(f"n{account}@x.example", "previously bounced", "user_unknown")],
                ),
                now=now, lease=0, lifetime=3600,
            )  # fmt: skip
        claims.append(made)
    later = now + dt.timedelta(hours=1)
    async with store.transaction() as session:
        await session.run_sync(queue.settle_sent_many, [(c[0], 250, "ok") for c in claims], now=now)
        await session.run_sync(
            queue.defer_many, [(c[1], later, 451, "later") for c in claims], now=now
        )
    rows = await _rows(store)
    assert sorted((r.event, r.address, r.endpoint_id) for r in rows) == sorted(
        (str(kind), f"{letter}{acme}@x.example", hook)
        for kind, letter in zip(kinds, "sdn", strict=True)
        for hook in hooks
    )
    assert len({r.event_id for r in rows}) == 3


async def test_events_rows_as_the_orm_would_store_them(store: Store) -> None:
    """The group writer's events go to the driver as tuples on SQLite: the stored timestamps
    read back as the same aware datetimes, in the same text as an ORM insert writes; one
    event's endpoints share its webhook-id, two events never do."""
    acme, _, first = await _setup(store)
    async with store.transaction() as session:
        second = await webhooks.add_endpoint(
            session, account_id=acme, url="https://hooks.example/y", sealed_secret="v1:x",
            events=[EventType.MESSAGE_BOUNCED], now=utcnow(),
        )  # fmt: skip
    now = dt.datetime(2026, 12, 6, 8, 30, 1, 250_001, tzinfo=dt.UTC)
    async with store.transaction() as session:
        await webhooks.record_events(
            session,
            [_event(EventType.MESSAGE_BOUNCED, acme, f"{n}@x.example") for n in range(3)],
            now=now.astimezone(dt.timezone(dt.timedelta(hours=2))),
        )
        tested = await webhooks.add_test_event(session, first, {"k": "v"}, now=now)
    rows = await _rows(store)
    events = [r for r in rows if r.event_id != tested]
    assert [(r.address, r.endpoint_id) for r in events] == [
        (f"{n}@x.example", endpoint) for n in range(3) for endpoint in (first, second)
    ]
    assert {(r.created_at, r.due_at, r.attempts, r.data) for r in events} == {
        (now, now, 0, '{"address":"' + r.address + '"}') for r in events
    }
    ids = [r.event_id for r in events]
    assert all(len(i) == 32 and int(i, 16) >= 0 and i == i.lower() for i in ids)
    assert ids[0::2] == ids[1::2]  # each event: one id for both endpoints
    assert len(set(ids)) == 3
    async with store.reading() as session:
        stored = (
            await session.execute(text("SELECT DISTINCT created_at, due_at FROM webhook_outbox"))
        ).all()
    assert len(stored) == 1  # the ORM's row (add_test_event) and the events': the same text


async def test_sent_copies_events_are_built_before_the_turn_for_accounts_heard(
    store: Store,
) -> None:
    """queue.sent_events builds (id, JSON) the message.delivered events of the accounts this
    process last saw heard, outside the writer's turn; settle_sent_many stores those, and still
    asks who listens in its transaction: a stale hint writes nothing, and is corrected."""
    acme, other, _ = await _setup(store)
    async with store.transaction() as session:
        hook = await webhooks.add_endpoint(
            session, account_id=acme, url="https://hooks.example/d", sealed_secret="v1:x",
            events=[EventType.MESSAGE_DELIVERED], now=utcnow(),
        )  # fmt: skip
    now = utcnow()
    copies: dict[int, list[queue.Claim]] = {}
    for account in (acme, other):
        async with store.transaction() as session:
            _, copies[account] = await record_message(
                session,
                NewMessage(account, f"<b{account}@acme.example>", "", "n@acme.example", b"body",
                           [f"r{n}.{account}@x.example" for n in range(4)], []),
                now=now, lease=0, lifetime=3600,
            )  # fmt: skip

    def batch(n: int) -> list[tuple[queue.Claim, int, str]]:
        return [(copies[account][n], 250, "2.0.0 ok") for account in (acme, other)]

    async def settle(n: int, built: dict[int, Event] | None) -> None:
        async with store.transaction() as session:
            await session.run_sync(
                lambda s: queue.settle_sent_many(s, batch(n), now=now, built=built)
            )

    await settle(0, None)  # this process learns who is heard
    built = queue.sent_events(batch(1))
    assert list(built) == [copies[acme][1].queue_id]  # the account heard; not the other
    await settle(1, built)
    rows = [r for r in await _rows(store) if r.endpoint_id == hook]
    assert [r.address for r in rows] == [f"r{n}.{acme}@x.example" for n in (0, 1)]
    assert rows[1].event_id == built[copies[acme][1].queue_id].built[0]  # type: ignore[index]
    assert rows[1].data == built[copies[acme][1].queue_id].built[1]  # type: ignore[index]
    assert rows[1].created_at == now

    async with store.transaction() as session:
        await webhooks.remove_endpoint(session, hook)
    stale = queue.sent_events(batch(2))
    assert list(stale) == [copies[acme][2].queue_id]  # the hint is the last look's
    await settle(2, stale)
    assert [r for r in await _rows(store) if r.endpoint_id == hook] == []
    assert queue.sent_events(batch(3)) == {}  # corrected by that commit's look
