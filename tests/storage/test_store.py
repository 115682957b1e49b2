"""The store on a real SQLite file: addresses, suppressions, bounce recording, the queue."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from config import async_database_url
from relay.bounce.recording import record_bounce
from storage import queue
from storage.accounts import add_account
from storage.addresses import BadAddress, normalize_address
from storage.bounces import BounceEvidence
from storage.engine import Store, open_store, utcnow
from storage.messages import NewMessage, NotSent, record_message
from storage.models import BounceSource, RecipientStatus
from storage.schema import SchemaOutdated, ensure_schema
from storage.suppressions import suppress, suppressions_for


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


async def account(store: Store, name: str = "acme") -> int:
    async with store.transaction() as session:
        return (await add_account(session, name, [f"{name}.example"])).id


async def queued(store: Store, account_id: int, *addresses: str) -> list[queue.Claim]:
    async with store.transaction() as session:
        _, claims = await record_message(
            session,
            NewMessage(
                account_id, "<m@acme.example>", "c1", "news@acme.example", b"body", addresses, []
            ),
            now=utcnow(),
            lease=0,
            lifetime=3600,
        )
    return claims


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Bob@Example.NET", "bob@example.net"),
        ("<bob@example.net.>", "bob@example.net"),
        ("jörg@bücher.example", "jörg@xn--bcher-kva.example"),
    ],
)
def test_addresses_are_stored_case_folded_with_a_label_domains(given: str, stored: str) -> None:
    assert normalize_address(given) == stored


@pytest.mark.parametrize("bad", ["", "no-at-sign", "@example.net", "bob@"])
def test_non_addresses_are_refused(bad: str) -> None:
    with pytest.raises(BadAddress):
        normalize_address(bad)


async def test_account_and_global_suppressions_both_apply(store: Store) -> None:
    acme, other = await account(store, "acme"), await account(store, "other")
    now = utcnow()
    async with store.transaction() as session:
        await suppress(
            session,
            account_id=acme,
            address="a@x.test",
            reason="user_unknown",
            detail=None,
            bounce_id=None,
            now=now,
        )
        await suppress(
            session,
            account_id=None,
            address="g@x.test",
            reason="host_unknown",
            detail=None,
            bounce_id=None,
            now=now,
        )
        again = await suppress(
            session,
            account_id=acme,
            address="a@x.test",
            reason="x",
            detail=None,
            bounce_id=None,
            now=now,
        )
    assert again is False
    async with store.reading() as session:
        mine = await suppressions_for(session, acme, ["a@x.test", "g@x.test", "c@x.test"])
        theirs = await suppressions_for(session, other, ["a@x.test", "g@x.test"])
    assert set(mine) == {"a@x.test", "g@x.test"}
    assert mine["g@x.test"].is_global
    assert set(theirs) == {"g@x.test"}


async def test_a_bounce_not_tied_to_a_copy_suppresses_nothing(store: Store) -> None:
    acme = await account(store)
    evidence = BounceEvidence(
        "a@x.test",
        True,
        "user_unknown",
        "5.1.1",
        550,
        "unknown",
        BounceSource.DSN,
        recipient_id=None,
    )
    async with store.transaction() as session:
        result = await record_bounce(session, evidence, now=utcnow())
    assert (result.verified, result.suppressed) == (False, False)
    async with store.reading() as session:
        assert await suppressions_for(session, acme, ["a@x.test"]) == {}


async def test_a_hard_bounce_tied_to_a_copy_suppresses_for_that_account_only(store: Store) -> None:
    acme, other = await account(store, "acme"), await account(store, "other")
    (claim,) = await queued(store, acme, "a@x.test")
    evidence = BounceEvidence(
        "a@x.test",
        True,
        "user_unknown",
        "5.1.1",
        550,
        "unknown",
        BounceSource.SMTP,
        recipient_id=claim.recipient_id,
    )
    async with store.transaction() as session:
        result = await record_bounce(session, evidence, now=utcnow())
    assert (result.verified, result.suppressed) == (True, True)
    async with store.reading() as session:
        assert set(await suppressions_for(session, acme, ["a@x.test"])) == {"a@x.test"}
        assert await suppressions_for(session, other, ["a@x.test"]) == {}


async def test_a_bounce_naming_another_address_than_the_copy_is_unverified(store: Store) -> None:
    acme = await account(store)
    (claim,) = await queued(store, acme, "a@x.test")
    evidence = BounceEvidence(
        "victim@x.test",
        True,
        "user_unknown",
        "5.1.1",
        550,
        "",
        BounceSource.DSN,
        recipient_id=claim.recipient_id,
    )
    async with store.transaction() as session:
        result = await record_bounce(session, evidence, now=utcnow())
    assert (result.verified, result.suppressed) == (False, False)


async def test_record_message_keeps_not_sent_recipients_and_contacts(store: Store) -> None:
    acme = await account(store)
    async with store.transaction() as session:
        _, claims = await record_message(
            session,
            NewMessage(
                acme,
                "<m@acme.example>",
                "c1",
                "n@acme.example",
                b"b",
                ["a@x.test"],
                [NotSent("s@x.test", "previously bounced", "user_unknown")],
            ),
            now=utcnow(),
            lease=60,
            lifetime=3600,
        )
        statuses = dict(
            (await session.execute(text("SELECT address, status FROM recipients"))).all()
        )
        contacts = set((await session.scalars(text("SELECT address FROM contacts"))).all())
    assert [c.address for c in claims] == ["a@x.test"]
    assert statuses == {"a@x.test": RecipientStatus.QUEUED.value, "s@x.test": "not_sent"}
    assert contacts == {"a@x.test", "s@x.test"}


async def test_a_leased_copy_is_not_claimed_twice_until_the_lease_ends(store: Store) -> None:
    acme = await account(store)
    await queued(store, acme, "a@x.test", "b@x.test")
    now = utcnow()

    async def claim(at: dt.datetime) -> list[queue.Claim]:
        async with store.transaction() as session:
            return await queue.claim_due(session, now=at, lease=60, limit=10)

    first, second = await asyncio.gather(claim(now), claim(now))
    assert sorted(c.address for c in first + second) == ["a@x.test", "b@x.test"]
    assert await claim(now + dt.timedelta(seconds=30)) == []
    again = await claim(now + dt.timedelta(seconds=61))
    assert len(again) == 2
    assert {c.attempts for c in again} == {3}  # the in-line attempt, the first claim, this one


async def test_retry_leaves_copies_being_delivered_alone(store: Store) -> None:
    acme = await account(store)
    await queued(store, acme, "a@x.test")
    now = utcnow()
    async with store.transaction() as session:
        (claim,) = await queue.claim_due(session, now=now, lease=60, limit=10)
        assert await queue.make_due(session, now=now, queue_id=None) == 0
        await session.run_sync(
            queue.defer_many, [(claim, now + dt.timedelta(hours=1), 451, "greylisted")], now=now
        )
        assert await queue.make_due(session, now=now, queue_id=claim.queue_id) == 1


async def test_an_unknown_schema_revision_is_refused(store: Store) -> None:
    async with store.transaction() as session:
        await session.execute(text("UPDATE alembic_version SET version_num = 'future'"))
    with pytest.raises(SchemaOutdated, match="relay db upgrade"):
        await ensure_schema(store)


async def test_the_migrations_create_exactly_the_models_schema(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from storage.models import Base

    def diff(sync: object) -> list[object]:
        context = MigrationContext.configure(sync)  # type: ignore[arg-type]
        return list(compare_metadata(context, Base.metadata))

    async with store.engine.connect() as connection:
        assert await connection.run_sync(diff) == []
