"""storage.messages.record_messages on PostgreSQL (perf15): a batch's message bodies and its
contacts go in one statement; what they store is what the two executemanys stored (every
body, each account's new addresses once, an address the account has already kept)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from config import async_database_url
from storage.accounts import add_account
from storage.engine import Store, open_store
from storage.messages import NewMessage, NotSent, record_messages
from tests.support.databases import ADMIN_URL, migrated_database

pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="PostgreSQL: set RELAY_TEST_DATABASE_URL")

NOW = dt.datetime(2026, 12, 7, 8, 45, 1, 250000, tzinfo=dt.UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with migrated_database("postgresql", tmp_path) as url:
        store = open_store(async_database_url(url))
        yield store
        await store.close()


async def test_bodies_and_contacts_of_a_batch_are_one_statement(store: Store) -> None:
    async with store.transaction() as session:
        acme = (await add_account(session, "acme", ["acme.example"])).id
        other = (await add_account(session, "other", ["other.example"])).id
        await session.execute(
            text("INSERT INTO contacts (account_id, address, created_at) VALUES (:a, :c, :t)"),
            {"a": acme, "c": "kept@example.net", "t": NOW - dt.timedelta(days=1)},
        )
    news = [
        NewMessage(acme, "<1@acme.example>", "c", "n@acme.example", b"\x00one\r\n",
                   ["b@example.net", "kept@example.net"], [NotSent("z@example.net", "x", "y")]),
        NewMessage(acme, "<2@acme.example>", "c", "n@acme.example", b"two",
                   ["b@example.net", "a@example.net"], []),
        NewMessage(other, "<3@other.example>", "d", "n@other.example", b"three",
                   ["b@example.net"], []),
    ]  # fmt: skip
    statements: list[list[str]] = []

    def executed(*args: Any) -> None:
        statements.append(args[2].split(None, 3)[:3])

    engine = store.engine.sync_engine
    event.listen(engine, "before_cursor_execute", executed)

    def record(session: Session) -> list[Any]:
        return record_messages(session, news, now=NOW, lease=60, lifetime=3600)

    async with store.transaction() as session:
        recorded = await session.run_sync(record)
    event.remove(engine, "before_cursor_execute", executed)
    # messages; bodies with contacts; who hears message.not_sent (a refused address);
    # recipients; queue; the counters. Before perf15 eight: the bodies and the contacts an
    # executemany each, and the counters two.
    assert statements == [
        ["INSERT", "INTO", "messages"],
        ["WITH", "b", "AS"],
        ["SELECT", "webhook_subscriptions.account_id,", "webhook_subscriptions.event,"],
        ["INSERT", "INTO", "recipients"],
        ["INSERT", "INTO", "queue"],
        ["WITH", "m", "AS"],
    ]
    async with store.reading() as session:
        bodies = (await session.execute(text("SELECT message_id, data FROM message_bodies"))).all()
        contacts = (
            await session.execute(
                text("SELECT account_id, address, created_at FROM contacts ORDER BY id")
            )
        ).all()
    pks = [pk for pk, _ in recorded]
    assert sorted((pk, bytes(data)) for pk, data in bodies) == sorted(
        zip(pks, [b"\x00one\r\n", b"two", b"three"], strict=True)
    )
    # in key order, each account's addresses sorted; the one kept before stays as it was
    assert [(a, c, t) for a, c, t in contacts] == [
        (acme, "kept@example.net", NOW - dt.timedelta(days=1)),
        (acme, "a@example.net", NOW),
        (acme, "b@example.net", NOW),
        (acme, "z@example.net", NOW),
        (other, "b@example.net", NOW),
    ]
