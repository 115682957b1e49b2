"""An account's suppression list as a whole, against a real SQLite file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage import admin
from storage.accounts import AccountInfo, add_account
from storage.engine import Store, open_store
from storage.messages import add_contacts
from storage.models import Contact
from storage.schema import ensure_schema
from storage.suppression_lists import (
    IMPORT_BATCH,
    ImportCounts,
    ImportedAddress,
    ListedSuppression,
    SuppressionFilter,
    add_suppression,
    count_suppressions,
    import_suppressions,
    list_suppressions,
    remove_suppression,
    stream_suppressions,
)
from storage.suppressions import suppress, suppressions_for
from tests.support.records import hard_bounced

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
JAN = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = open_store(f"sqlite+aiosqlite:///{tmp_path / 'lists.db'}")
    await ensure_schema(store)
    yield store
    await store.close()


@pytest.fixture
async def acme(store: Store) -> AccountInfo:
    async with store.transaction() as session:
        return await add_account(session, "acme", ["acme.example"])


def row(address: str, reason: str = "imported", created: dt.datetime = JAN) -> ImportedAddress:
    return ImportedAddress(address, reason, "imported from test.csv", created)


async def run_import(
    store: Store, account: AccountInfo, batches: Sequence[Sequence[ImportedAddress]]
) -> ImportCounts:
    async with store.transaction() as session:
        return await import_suppressions(session, account.id, batches)


async def contacts(store: Store, account: AccountInfo) -> list[str]:
    async with store.reading() as session:
        rows = await session.scalars(
            select(Contact.address)
            .where(Contact.account_id == account.id)
            .order_by(Contact.address)
        )
        return list(rows)


async def listed(
    store: Store, account: AccountInfo, where: SuppressionFilter | None = None
) -> list[ListedSuppression]:
    async with store.reading() as session:
        return await list_suppressions(session, account.id, where or SuppressionFilter())


async def test_import_suppresses_the_addresses_and_adds_no_contacts(
    store: Store, acme: AccountInfo
) -> None:
    counts = await run_import(
        store, acme, [[row("a@x.test"), row("b@x.test", "hard_bounce")], [row("c@x.test")]]
    )
    assert counts == ImportCounts(rows=3, imported=3)
    async with store.reading() as session:
        found = await suppressions_for(session, acme.id, ["a@x.test", "b@x.test", "c@x.test"])
    assert {a: (s.reason, s.since, s.is_global) for a, s in found.items()} == {
        "a@x.test": ("imported", JAN, False),
        "b@x.test": ("hard_bounce", JAN, False),
        "c@x.test": ("imported", JAN, False),
    }
    # Imported suppressions are not contacts: they must not raise the unbounce quota.
    assert await contacts(store, acme) == []


async def test_a_second_import_changes_nothing_and_existing_suppressions_keep_their_reason(
    store: Store, acme: AccountInfo
) -> None:
    async with store.transaction() as session:
        await suppress(
            session,
            account_id=acme.id,
            address="old@x.test",
            reason="user_unknown",
            detail=None,
            bounce_id=None,
            now=NOW,
        )
        await add_contacts(session, acme.id, ["old@x.test"], now=NOW)
    batch = [row("old@x.test", "spam"), row("new@x.test")]
    assert await run_import(store, acme, [batch]) == ImportCounts(rows=2, imported=1)
    again = await run_import(store, acme, [batch])
    assert (again.imported, again.already_suppressed) == (0, 2)
    rows = await listed(store, acme)
    assert [(r.address, r.reason) for r in rows] == [
        ("new@x.test", "imported"),
        ("old@x.test", "user_unknown"),
    ]
    assert await contacts(store, acme) == ["old@x.test"]


async def test_of_an_address_given_twice_the_first_row_counts(
    store: Store, acme: AccountInfo
) -> None:
    later = JAN + dt.timedelta(days=30)
    counts = await run_import(
        store,
        acme,
        [[row("a@x.test", "first")], [row("b@x.test"), row("a@x.test", "second", later)]],
    )
    assert (counts.rows, counts.imported, counts.already_suppressed) == (3, 2, 1)
    (first, _) = await listed(store, acme)
    assert (first.address, first.reason, first.created_at) == ("a@x.test", "first", JAN)


async def test_a_failure_midway_leaves_nothing_imported(store: Store, acme: AccountInfo) -> None:
    def batches() -> Iterator[list[ImportedAddress]]:
        for b in range(3):
            yield [row(f"u{b}-{n}@x.test") for n in range(IMPORT_BATCH)]
        raise RuntimeError("the file went away")

    with pytest.raises(RuntimeError, match="went away"):
        async with store.transaction() as session:
            await import_suppressions(session, acme.id, batches())
    async with store.reading() as session:
        assert await count_suppressions(session, acme.id) == 0
        assert await session.scalar(select(func.count(Contact.id))) == 0
    # The staging table went with the transaction: the next import works.
    assert await run_import(store, acme, [[row("a@x.test")]]) == ImportCounts(1, 1)


async def test_another_accounts_suppressions_and_the_global_list_stay_apart(
    store: Store, acme: AccountInfo
) -> None:
    async with store.transaction() as session:
        other = await add_account(session, "other", [])
        await suppress(
            session,
            account_id=None,
            address="everyone@x.test",
            reason="user_unknown",
            detail=None,
            bounce_id=None,
            now=NOW,
        )
    await run_import(store, other, [[row("a@x.test")]])
    assert await run_import(store, acme, [[row("a@x.test"), row("everyone@x.test")]]) == (
        ImportCounts(2, 2)
    )
    assert [r.address for r in await listed(store, acme)] == ["a@x.test", "everyone@x.test"]
    async with store.transaction() as session:
        assert await remove_suppression(session, acme.id, "everyone@x.test", actor="t", now=NOW)
    assert [r.address for r in await listed(store, acme)] == ["a@x.test"]
    assert [r.address for r in await listed(store, other)] == ["a@x.test"]
    async with store.reading() as session:
        found = await suppressions_for(session, acme.id, ["everyone@x.test"])
    assert found["everyone@x.test"].is_global


async def hard_bounce(store: Store, account: AccountInfo, address: str) -> None:
    async with store.transaction() as session:
        await hard_bounced(session, account.id, address, now=NOW)


async def test_the_list_shows_the_bounce_behind_a_suppression_and_filters(
    store: Store, acme: AccountInfo
) -> None:
    await hard_bounce(store, acme, "dead@x.test")
    await run_import(store, acme, [[row("old@x.test", "spam")]])
    rows = await listed(store, acme)
    assert [(r.address, r.reason, r.bounce_status, r.bounced_at) for r in rows] == [
        ("dead@x.test", "user_unknown", "5.1.1", NOW),
        ("old@x.test", "spam", None, None),
    ]
    by_reason = await listed(store, acme, SuppressionFilter(reason="spam"))
    assert [r.address for r in by_reason] == ["old@x.test"]
    recent = await listed(store, acme, SuppressionFilter(since=NOW - dt.timedelta(days=1)))
    assert [r.address for r in recent] == ["dead@x.test"]
    async with store.reading() as session:
        assert await count_suppressions(session, acme.id, SuppressionFilter(reason="spam")) == 1
        assert await list_suppressions(session, acme.id, SuppressionFilter(), limit=1) == rows[:1]


async def test_the_stream_gives_the_same_rows_as_the_list(store: Store, acme: AccountInfo) -> None:
    await run_import(store, acme, [[row(f"u{n:05d}@x.test") for n in range(IMPORT_BATCH + 5)]])
    async with store.reading() as session:
        streamed = [r async for r in stream_suppressions(session, acme.id, SuppressionFilter())]
    assert len(streamed) == IMPORT_BATCH + 5
    assert streamed == await listed(store, acme)


async def test_add_and_remove_are_audited_and_say_whether_anything_changed(
    store: Store, acme: AccountInfo
) -> None:
    async with store.transaction() as session:
        assert await add_suppression(
            session, acme.id, "a@x.test", reason="manual", actor="boss", now=NOW
        )
        assert not await add_suppression(
            session, acme.id, "a@x.test", reason="manual", actor="boss", now=NOW
        )
    async with store.transaction() as session:
        assert await remove_suppression(session, acme.id, "a@x.test", actor="boss", now=NOW)
        assert not await remove_suppression(session, acme.id, "a@x.test", actor="boss", now=NOW)
    async with store.reading() as session:
        log = await admin.audit_log(session, account_id=acme.id, since=None)
    assert [(e.actor, e.action, e.subject) for e in log] == [
        ("boss", "suppression_add", "a@x.test"),
        ("boss", "suppression_remove", "a@x.test"),
    ]
    assert json.loads(log[1].detail or "{}")["reason"] == "manual"
