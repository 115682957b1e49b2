"""The per-message and per-campaign outcome counters stay equal to COUNT(*) over the copies
through every write of an outcome: sends, deferrals, retries, bounces, not-sent, delivered
reports; and the migration that adds them fills them from the copies already stored."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from collections.abc import AsyncIterator

import pytest
from alembic import command
from sqlalchemy import Connection, insert

from config import async_database_url
from storage import queue, views
from storage.accounts import add_account
from storage.bounces import BounceEvidence, add_bounce, mark_delivered
from storage.engine import Store, open_store
from storage.messages import NewMessage, NotSent, record_message
from storage.models import Account, BounceSource, Message, Recipient, RecipientStatus
from storage.schema import alembic_config, ensure_schema
from tests.support.counts import assert_counters_match

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


async def _accounts(store: Store) -> tuple[int, int]:
    async with store.transaction() as session:
        acme = await add_account(session, "acme", ["acme.example"])
        other = await add_account(session, "other", ["other.example"])
        return acme.id, other.id


async def _send(
    store: Store, account_id: int, message_id: str, campaign: str, addresses: list[str]
) -> list[queue.Claim]:
    async with store.transaction() as session:
        _, claims = await record_message(
            session,
            NewMessage(
                account_id, message_id, campaign, "n@acme.example", b"body", addresses,
                [NotSent("old@x.test", "previously bounced", "user_unknown")],
            ),
            now=NOW, lease=0, lifetime=3600,
        )  # fmt: skip
    return claims


def _bounce(claim: queue.Claim, *, fingerprint: str | None = None) -> BounceEvidence:
    return BounceEvidence(
        claim.address, True, "user_unknown", "5.1.1", 550, "550 5.1.1 no such user",
        BounceSource.DSN, recipient_id=claim.recipient_id, fingerprint=fingerprint,
    )  # fmt: skip


async def test_the_counters_follow_every_outcome_write(store: Store) -> None:
    acme, other = await _accounts(store)
    one = await _send(
        store, acme, "<one@acme.example>", "spring", [f"a{i}@x.test" for i in range(6)]
    )
    two = await _send(store, acme, "<two@acme.example>", "spring", ["b0@x.test", "b1@x.test"])
    await _send(store, other, "<one@other.example>", "spring", ["c0@x.test"])
    _, campaigns = await assert_counters_match(store)
    assert campaigns[(acme, "spring")] == (0, 0, 2, 8)  # sent, bounced, not sent, deferred
    assert campaigns[(other, "spring")] == (0, 0, 1, 1)

    # An attempt: two accepted, three deferred (a retry of one of them deferred again), one
    # refused for good (recorded as a bounce, then out of the queue).
    async with store.transaction() as session:
        await session.run_sync(queue.settle_sent_many, [(c, 250, "ok") for c in one[:2]], now=NOW)
        later = NOW + dt.timedelta(minutes=5)
        await session.run_sync(
            queue.defer_many, [(c, later, 451, "try later") for c in one[2:5]], now=NOW
        )
        await add_bounce(session, _bounce(one[5]), now=NOW)
        await queue.settle_failed(session, one[5])
    await assert_counters_match(store)

    # The retries: one deferred again, one sent, one not sent (suppressed meanwhile).
    async with store.transaction() as session:
        retry = await queue.claim_due(session, now=later, lease=60, limit=10)
    by_address = {c.address: c for c in retry}
    assert {"a2@x.test", "a3@x.test", "a4@x.test"} <= set(by_address)
    async with store.transaction() as session:
        await session.run_sync(
            queue.defer_many, [(by_address["a2@x.test"], later, 451, "again")], now=later
        )
        await session.run_sync(
            queue.settle_sent_many, [(by_address["a3@x.test"], 250, "ok")], now=later
        )
        await queue.settle_not_sent(
            session, by_address["a4@x.test"], why="suppressed", reason="manual", now=later
        )
    await assert_counters_match(store)

    # Reports afterwards: a hard bounce of a sent copy (twice: the second is a duplicate), a
    # delivered report for a bounced copy, one naming another address (ignored), and a bounce
    # naming another address than the copy's (unverified: the copy is not touched).
    async with store.transaction() as session:
        await add_bounce(session, _bounce(one[0], fingerprint="f1"), now=later)
    async with store.transaction() as session:
        again = (await add_bounce(session, _bounce(one[0], fingerprint="f1"), now=later)).recorded
        assert again.duplicate
        assert await mark_delivered(session, one[5].recipient_id, one[5].address, now=later)
        assert not await mark_delivered(session, two[0].recipient_id, "else@x.test", now=later)
        forged = BounceEvidence(
            "else@x.test", True, "user_unknown", "5.1.1", 550, "no", BounceSource.DSN,
            recipient_id=two[1].recipient_id,
        )  # fmt: skip
        assert not (await add_bounce(session, forged, now=later)).recorded.verified
    _, campaigns = await assert_counters_match(store)
    # a0 bounced; a1, a3 sent, a5 delivered; a2 and two's copies deferred; a4 and 2 old@ not sent
    assert campaigns[(acme, "spring")] == (3, 1, 3, 3)
    async with store.reading() as session:
        found = await views.target(session, acme, "campaign", "spring")
        listed = await views.list_messages(session, acme)
    assert found is not None
    assert (found.counts.sent, found.counts.bounced, found.counts.not_sent) == (3, 1, 3)
    assert found.counts.deferred == 3
    assert {m.message_id: m.counts.total for m in listed} == {
        "<one@acme.example>": 7,
        "<two@acme.example>": 3,
    }


async def test_a_rolled_back_transaction_changes_no_counter(store: Store) -> None:
    acme, _ = await _accounts(store)
    claims = await _send(store, acme, "<one@acme.example>", "spring", ["a@x.test"])
    before = await assert_counters_match(store)

    async def failing() -> None:
        async with store.transaction() as session:
            await session.run_sync(queue.settle_sent_many, [(claims[0], 250, "ok")], now=NOW)
            raise RuntimeError("the transaction fails after the outcome was counted")

    with pytest.raises(RuntimeError):
        await failing()
    async with store.transaction() as session:  # the next transaction has nothing left over
        await add_account(session, "third", ["third.example"])
    assert await assert_counters_match(store) == before


async def test_concurrent_settles_of_one_campaign_keep_the_counts(store: Store) -> None:
    acme, _ = await _accounts(store)
    claims = [
        claim
        for n in range(4)
        for claim in await _send(
            store, acme, f"<m{n}@acme.example>", "big", [f"r{n}-{i}@x.test" for i in range(10)]
        )
    ]
    shuffled = random.Random(7)

    async def settle(part: list[queue.Claim]) -> None:
        part = shuffled.sample(part, len(part))  # messages in no particular order
        async with store.transaction() as session:
            half = len(part) // 2
            await session.run_sync(
                queue.settle_sent_many, [(c, 250, "ok") for c in part[:half]], now=NOW
            )
            await session.run_sync(
                queue.defer_many, [(c, NOW, 451, "later") for c in part[half:]], now=NOW
            )

    parts = [claims[i::8] for i in range(8)]
    await asyncio.wait_for(asyncio.gather(*(settle(p) for p in parts)), timeout=60)
    _, campaigns = await assert_counters_match(store)
    assert campaigns[(acme, "big")] == (16, 0, 4, 24)  # 2 of each 5 sent


async def test_the_migration_fills_the_counters_from_the_stored_copies(
    empty_database_url: str,
) -> None:
    store = open_store(async_database_url(empty_database_url))
    try:
        await _migrate(store, "0009_hooks")
        async with store.transaction() as session:
            account_id = (
                await session.execute(
                    insert(Account).returning(Account.id),
                    [{"name": "acme", "created_at": NOW}],
                )
            ).scalar_one()
            for n, campaign in enumerate(["spring", "spring", "autumn"]):
                key = (
                    await session.execute(
                        insert(Message).returning(Message.id),
                        [
                            {
                                "account_id": account_id,
                                "message_id": f"<m{n}@x>",
                                "campaign": campaign,
                                "mail_from": "n@x",
                                "received_at": NOW,
                                "size": 1,
                            }
                        ],
                    )
                ).scalar_one()
                await session.execute(
                    insert(Recipient),
                    [{"message_id": key, "account_id": account_id, "address": f"r{i}@x.test",
                      "status": status, "attempts": 1, "updated_at": NOW}
                     for i, status in enumerate(RecipientStatus)],
                )  # fmt: skip
        await _migrate(store, "head")
        messages, campaigns = await assert_counters_match(store)
        assert campaigns == {
            (account_id, "spring"): (4, 2, 2, 4),
            (account_id, "autumn"): (2, 1, 1, 2),
        }
        assert len(messages) == 3
    finally:
        await store.close()


async def _migrate(store: Store, revision: str) -> None:
    config = alembic_config(store.url)
    async with store.engine.connect() as connection:

        def run(sync: Connection) -> None:
            config.attributes["connection"] = sync
            command.upgrade(config, revision)

        await connection.run_sync(run)
        await connection.commit()
